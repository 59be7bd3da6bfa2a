package document_test

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/internal/apperr"
	"github.com/danvan-vn/danvan/internal/calendar"
	"github.com/danvan-vn/danvan/internal/db"
	"github.com/danvan-vn/danvan/internal/document"
	"github.com/danvan-vn/danvan/internal/storage"
	"github.com/danvan-vn/danvan/internal/testenv"
	"github.com/danvan-vn/danvan/internal/viewer"
)

func backends() map[string]func(t *testing.T) string {
	return map[string]func(t *testing.T) string{
		"postgres": func(t *testing.T) string { return testenv.Postgres(t).AppURL },
		"sqlite":   func(t *testing.T) string { return testenv.SQLite(t) },
	}
}

// memFiles is a bucket per province in memory.
type memFiles struct {
	mu      sync.Mutex
	objects map[string][]byte // slug/key → bytes
	failPut bool
}

func (m *memFiles) Put(_ context.Context, slug, key string, r io.Reader, size int64, ct string) (storage.ObjectInfo, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return storage.ObjectInfo{}, err
	}
	if m.failPut {
		return storage.ObjectInfo{}, errors.New("store down")
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.objects[slug+"/"+key] = b
	return storage.ObjectInfo{Key: key, Size: int64(len(b)), ContentType: ct}, nil
}

func (m *memFiles) Get(_ context.Context, slug, key string) (io.ReadCloser, storage.ObjectInfo, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	b, ok := m.objects[slug+"/"+key]
	if !ok {
		return nil, storage.ObjectInfo{}, errors.New("no such object")
	}
	return io.NopCloser(bytes.NewReader(b)), storage.ObjectInfo{Key: key, Size: int64(len(b))}, nil
}

func (m *memFiles) Delete(_ context.Context, slug, key string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.objects, slug+"/"+key)
	return nil
}

func (m *memFiles) count() int { m.mu.Lock(); defer m.mu.Unlock(); return len(m.objects) }

type fx struct {
	svc   *document.Service
	c     *ent.Client
	files *memFiles
	ctx   context.Context // province A's admin
	other context.Context // province B's admin
}

func setup(t *testing.T, url string) *fx {
	t.Helper()
	d := testenv.OpenDB(t, url)
	a := testenv.Province(t, d.Client, "tinh-a", "Tỉnh A")
	b := testenv.Province(t, d.Client, "tinh-b", "Tỉnh B")
	files := &memFiles{objects: map[string][]byte{}}
	return &fx{svc: document.New(d.Client, files, nil), c: d.Client, files: files,
		ctx: viewer.NewContext(context.Background(), a), other: viewer.NewContext(context.Background(), b)}
}

func day(y int, m time.Month, d int) *time.Time {
	t := calendar.NewDate(y, m, d).UTC()
	return &t
}

func fieldReason(err error, field string) string {
	e, ok := apperr.As(err)
	if !ok || e.Kind != apperr.KindInvalid {
		return ""
	}
	return e.Fields[field]
}

func TestTypeFromWord(t *testing.T) {
	for word, want := range map[string]string{
		"Nghị quyết": "nghi_quyet", "NGHỊ QUYẾT": "nghi_quyet", "nghi quyet": "nghi_quyet", " Kế  hoạch ": "ke_hoach",
		"Thông tư liên tịch": "thong_tu_lien_tich", "Đề án": "de_an", "de_an": "de_an", "Công điện": "other", "": "other",
	} {
		if got := document.TypeFromWord(word); got != want {
			t.Errorf("TypeFromWord(%q) = %q, want %q", word, got, want)
		}
	}
	for _, code := range document.Types {
		if document.TypeName(code) == "" || document.TypeFromWord(document.TypeName(code)) != code {
			t.Errorf("type %s: name %q does not come back", code, document.TypeName(code))
		}
	}
}

func TestSymbolKey(t *testing.T) {
	for in, want := range map[string]string{
		"04/CT- UBND": "04/CT-UBND", "04 / ct-ubnd": "04/CT-UBND", "04/2015/NĐ-CP": "04/2015/ND-CP",
		"25-NQ/TW": "25-NQ/TW", "1639/UBND–NC": "1639/UBND-NC", "": "",
	} {
		if got := document.SymbolKey(in); got != want {
			t.Errorf("SymbolKey(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{
		"04/CT- UBND": "04/CT-UBND", "  82 / KH -UBND ": "82/KH-UBND", "34/2007/PL-UBTVQH11": "34/2007/PL-UBTVQH11",
		"26-TTg": "26-TTg", "Số  12   a": "Số 12 a",
	} {
		if got := document.NormalizeSymbol(in); got != want {
			t.Errorf("NormalizeSymbol(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestService_CreateValidates(t *testing.T) {
	f := setup(t, testenv.SQLite(t))
	ok := document.Input{Type: "ke_hoach", NumberSymbol: "82/KH-UBND", IssuedOn: day(2021, 4, 8)}
	long := func(n int) string { return strings.Repeat("ệ", n) }
	future := calendar.Today().UTC().AddDate(1, 0, 1)
	for _, c := range []struct {
		name, field, reason string
		edit                func(*document.Input)
	}{
		{"no type", "type", "required", func(in *document.Input) { in.Type = "" }},
		{"unknown type", "type", "invalid", func(in *document.Input) { in.Type = "sac_lenh" }},
		{"bad direction", "direction", "invalid", func(in *document.Input) { in.Direction = "sideways" }},
		{"long number", "number_symbol", "too_long", func(in *document.Input) { in.NumberSymbol = long(101) }},
		{"long issuer", "issuer", "too_long", func(in *document.Input) { in.Issuer = long(301) }},
		{"long place", "place", "too_long", func(in *document.Input) { in.Place = long(101) }},
		{"long signer", "signer", "too_long", func(in *document.Input) { in.Signer = long(201) }},
		{"long summary", "summary", "too_long", func(in *document.Input) { in.Summary = long(2001) }},
		{"long text", "full_text", "too_long", func(in *document.Input) { in.FullText = long(document.MaxFullText + 1) }},
		{"control in issuer", "issuer", "control", func(in *document.Input) { in.Issuer = "UBND\x1b tỉnh" }},
		{"DEL in signer", "signer", "control", func(in *document.Input) { in.Signer = "a\x7fb" }},
		{"NUL in text", "full_text", "control", func(in *document.Input) { in.FullText = "a\x00b" }},
		{"bad UTF-8 number", "number_symbol", "invalid", func(in *document.Input) { in.NumberSymbol = "82/\xff" }},
		{"bad UTF-8 summary", "summary", "invalid", func(in *document.Input) { in.Summary = "về \xc3" }},
		{"far future", "issued_on", "date_future", func(in *document.Input) { in.IssuedOn = &future }},
		{"another province's unit", "issuer_unit_id", "unit_not_existing", func(in *document.Input) { u := 999999; in.IssuerUnitID = &u }},
	} {
		t.Run(c.name, func(t *testing.T) {
			in := ok
			c.edit(&in)
			_, err := f.svc.Create(f.ctx, in)
			if got := fieldReason(err, c.field); got != c.reason {
				t.Fatalf("got %v, want %s %s", err, c.field, c.reason)
			}
		})
	}
	n, _ := f.c.Document.Query().Count(f.ctx)
	if n != 0 {
		t.Errorf("%d documents written by refused input", n)
	}
	// Multiline text keeps new lines and tabs; CRLF becomes LF; the number is tidied.
	in := ok
	in.NumberSymbol, in.Summary, in.FullText = " 82 / KH- UBND ", "Về việc\r\nthực hiện", "I.\tMục đích\r\n\r\nII. Nội dung"
	d, err := f.svc.Create(f.ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	if d.NumberSymbol != "82/KH-UBND" || d.SymbolKey != "82/KH-UBND" || d.Summary != "Về việc\nthực hiện" ||
		d.FullText != "I.\tMục đích\n\nII. Nội dung" || d.Year != 2021 || d.Direction != "received" {
		t.Errorf("stored %+v", d)
	}
}

func TestService_Duplicate(t *testing.T) {
	for name, url := range backends() {
		t.Run(name, func(t *testing.T) {
			f := setup(t, url(t))
			first, err := f.svc.Create(f.ctx, document.Input{Type: "ke_hoach", NumberSymbol: "82/KH-UBND", IssuedOn: day(2021, 4, 8)})
			if err != nil {
				t.Fatal(err)
			}
			// Same number written otherwise, same type, same year: a conflict naming the first.
			_, err = f.svc.Create(f.ctx, document.Input{Type: "ke_hoach", NumberSymbol: "82/kh- ubnd", IssuedOn: day(2021, 12, 1)})
			e, ok := apperr.As(err)
			if !ok || e.Kind != apperr.KindConflict || e.Code != document.CodeDuplicate || len(e.Args) != 4 ||
				e.Args[0] != "Kế hoạch" || e.Args[1] != "82/KH-UBND" || e.Args[2] != "2021" || e.Args[3] != strconv.Itoa(first.ID) {
				t.Fatalf("duplicate: %v (%#v)", err, e)
			}
			// Another year, another type, another province: no conflict.
			for _, c := range []struct {
				ctx context.Context
				in  document.Input
			}{
				{f.ctx, document.Input{Type: "ke_hoach", NumberSymbol: "82/KH-UBND", IssuedOn: day(2022, 1, 5)}},
				{f.ctx, document.Input{Type: "cong_van", NumberSymbol: "82/KH-UBND", IssuedOn: day(2021, 4, 8)}},
				{f.other, document.Input{Type: "ke_hoach", NumberSymbol: "82/KH-UBND", IssuedOn: day(2021, 4, 8)}},
			} {
				if _, err := f.svc.Create(c.ctx, c.in); err != nil {
					t.Errorf("%+v: %v", c.in, err)
				}
			}
			// Update into a duplicate is refused too; into itself it is not.
			second, _ := f.svc.Create(f.ctx, document.Input{Type: "ke_hoach", NumberSymbol: "83/KH-UBND", IssuedOn: day(2021, 5, 1)})
			_, err = f.svc.Update(f.ctx, second.ID, document.Input{Type: "ke_hoach", NumberSymbol: "82/KH-UBND", IssuedOn: day(2021, 5, 1)})
			if e, ok := apperr.As(err); !ok || e.Code != document.CodeDuplicate {
				t.Errorf("update into a duplicate: %v", err)
			}
			if _, err := f.svc.Update(f.ctx, first.ID, document.Input{Type: "ke_hoach", NumberSymbol: "82/KH-UBND", IssuedOn: day(2021, 4, 9),
				Summary: "Sửa"}); err != nil {
				t.Errorf("update of itself: %v", err)
			}
			// The index is the backstop: a row slipped past the check is still refused.
			err = db.InTx(f.ctx, f.c, func(tx *ent.Tx) error {
				return tx.Document.Create().SetType("ke_hoach").SetNumberSymbol("82/KH-UBND").SetSymbolKey("82/KH-UBND").SetYear(2021).Exec(f.ctx)
			})
			if !ent.IsConstraintError(err) {
				t.Errorf("the unique index let a duplicate in: %v", err)
			}
			// Documents without a number never conflict.
			for range 2 {
				if _, err := f.svc.Create(f.ctx, document.Input{Type: "luat", Summary: "Luật Khiếu nại"}); err != nil {
					t.Error(err)
				}
			}
			// Another province's document is not found.
			if _, err := f.svc.Get(f.other, first.ID); apperr.KindOf(err) != apperr.KindNotFound {
				t.Errorf("other province reads: %v", err)
			}
			if _, err := f.svc.Update(f.other, first.ID, document.Input{Type: "ke_hoach"}); apperr.KindOf(err) != apperr.KindNotFound {
				t.Errorf("other province updates: %v", err)
			}
		})
	}
}

// TestService_CitationsResolve: citations resolve by key (and type, and year), unresolved ones
// wait and resolve when the cited document is registered, duplicates are stored once.
func TestService_CitationsResolve(t *testing.T) {
	for name, url := range backends() {
		t.Run(name, func(t *testing.T) {
			f := setup(t, url(t))
			nq, err := f.svc.Create(f.ctx, document.Input{Type: "nghi_quyet", NumberSymbol: "25-NQ/TW", IssuedOn: day(2013, 6, 3),
				Issuer: "Ban Chấp hành Trung ương", Summary: "Về tăng cường và đổi mới sự lãnh đạo của Đảng đối với công tác dân vận"})
			if err != nil {
				t.Fatal(err)
			}
			kh, err := f.svc.Create(f.ctx, document.Input{Type: "ke_hoach", NumberSymbol: "82/KH-UBND", IssuedOn: day(2021, 4, 8),
				Citations: []document.CitationInput{
					{Type: "nghi_quyet", NumberSymbol: "25-NQ/TW", CitedOn: day(2013, 6, 3)},
					{Type: "nghi_quyet", NumberSymbol: "25 - NQ/TW"}, // the same, again
					{Type: "ket_luan", NumberSymbol: "43-KL/TW", CitedOn: day(2019, 1, 7), Issuer: "Ban Bí thư", Title: "tiếp tục thực hiện"},
					{Type: "luat", Title: "Luật Tiếp công dân"},
				}})
			if err != nil {
				t.Fatal(err)
			}
			dt, err := f.svc.GetDetail(f.ctx, kh.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(dt.Citations) != 3 {
				t.Fatalf("%d citations stored, want 3 (one duplicate)", len(dt.Citations))
			}
			resolved := map[string]int{}
			for _, c := range dt.Citations {
				if c.CitedID != nil {
					resolved[c.NumberSymbol]++
					if *c.CitedID != nq.ID {
						t.Errorf("citation %s resolved to %d", c.NumberSymbol, *c.CitedID)
					}
				}
			}
			if resolved["25-NQ/TW"] != 1 || len(resolved) != 1 {
				t.Errorf("resolved %v, want only 25-NQ/TW", resolved)
			}
			// A citation dated another year names another document.
			other, err := f.svc.Create(f.ctx, document.Input{Type: "bao_cao", NumberSymbol: "1/BC", Citations: []document.CitationInput{
				{Type: "nghi_quyet", NumberSymbol: "25-NQ/TW", CitedOn: day(2014, 1, 1)}, {Type: "other", NumberSymbol: "25-NQ/TW"}}})
			if err != nil {
				t.Fatal(err)
			}
			if dt, _ := f.svc.GetDetail(f.ctx, other.ID); len(dt.Citations) != 2 || dt.Citations[0].CitedID != nil || dt.Citations[1].CitedID == nil {
				t.Errorf("year and untyped citations: %+v", dt.Citations)
			}
			// Registering 43-KL/TW resolves the waiting citation.
			kl, err := f.svc.Create(f.ctx, document.Input{Type: "ket_luan", NumberSymbol: "43-KL/TW", IssuedOn: day(2019, 1, 7)})
			if err != nil {
				t.Fatal(err)
			}
			dt, _ = f.svc.GetDetail(f.ctx, kh.ID)
			for _, c := range dt.Citations {
				if c.NumberSymbol == "43-KL/TW" && (c.CitedID == nil || *c.CitedID != kl.ID || c.Edges.Cited == nil) {
					t.Errorf("43-KL/TW still waits: %+v", c)
				}
			}
			if byNQ, _ := f.svc.GetDetail(f.ctx, nq.ID); len(byNQ.CitedBy) != 2 || byNQ.CitedBy[0].ID != kh.ID || byNQ.CitedBy[1].ID != other.ID {
				t.Errorf("25-NQ/TW cited by %v", byNQ.CitedBy)
			}
			// Renumbering the conclusion unresolves it; replacing the citations replaces them.
			if _, err := f.svc.Update(f.ctx, kl.ID, document.Input{Type: "ket_luan", NumberSymbol: "44-KL/TW", IssuedOn: day(2019, 1, 7)}); err != nil {
				t.Fatal(err)
			}
			n, _ := f.c.Citation.Query().Count(f.ctx)
			dt, _ = f.svc.GetDetail(f.ctx, kh.ID)
			for _, c := range dt.Citations {
				if c.NumberSymbol == "43-KL/TW" && c.CitedID != nil {
					t.Errorf("43-KL/TW still points at the renumbered document")
				}
			}
			if _, err := f.svc.Update(f.ctx, kh.ID, document.Input{Type: "ke_hoach", NumberSymbol: "82/KH-UBND", IssuedOn: day(2021, 4, 8),
				Citations: []document.CitationInput{{Type: "ket_luan", NumberSymbol: "44-KL/TW"}}}); err != nil {
				t.Fatal(err)
			}
			dt, _ = f.svc.GetDetail(f.ctx, kh.ID)
			if len(dt.Citations) != 1 || dt.Citations[0].CitedID == nil || *dt.Citations[0].CitedID != kl.ID || n != 5 {
				t.Errorf("after replacing: %d citations (had %d)", len(dt.Citations), n)
			}
			// Another province's document of the same number is never a citation's target.
			if _, err := f.svc.Create(f.other, document.Input{Type: "chi_thi", NumberSymbol: "24-CT/TU", IssuedOn: day(2020, 1, 1)}); err != nil {
				t.Fatal(err)
			}
			ct, err := f.svc.Create(f.ctx, document.Input{Type: "cong_van", NumberSymbol: "1639/UBND-NC", Citations: []document.CitationInput{
				{Type: "chi_thi", NumberSymbol: "24-CT/TU"}}})
			if err != nil {
				t.Fatal(err)
			}
			dt, _ = f.svc.GetDetail(f.ctx, ct.ID)
			if len(dt.Citations) != 1 || dt.Citations[0].CitedID != nil {
				t.Errorf("citation resolved across provinces: %+v", dt.Citations)
			}
		})
	}
}

func TestService_List(t *testing.T) {
	for name, url := range backends() {
		t.Run(name, func(t *testing.T) {
			f := setup(t, url(t))
			mk := func(ctx context.Context, in document.Input) int {
				t.Helper()
				d, err := f.svc.Create(ctx, in)
				if err != nil {
					t.Fatal(err)
				}
				return d.ID
			}
			kh := mk(f.ctx, document.Input{Type: "ke_hoach", NumberSymbol: "82/KH-UBND", IssuedOn: day(2021, 4, 8),
				Issuer: "UBND tỉnh Quảng Ngãi", Summary: "Thực hiện Quy chế dân chủ ở cơ sở"})
			cv := mk(f.ctx, document.Input{Type: "cong_van", NumberSymbol: "1639/UBND-NC", IssuedOn: day(2022, 3, 1),
				Issuer: "UBND tỉnh", Summary: "Về việc triển khai Kế hoạch của Sở Nội vụ", Direction: "issued"})
			nd := mk(f.ctx, document.Input{Type: "nghi_dinh", NumberSymbol: "04/2015/NĐ-CP", Issuer: "Chính phủ",
				Summary: "Thực hiện dân chủ trong hoạt động của cơ quan hành chính"})
			mk(f.other, document.Input{Type: "ke_hoach", NumberSymbol: "82/KH-UBND", IssuedOn: day(2021, 4, 8), Summary: "dân chủ"})
			ids := func(flt document.Filter) []int {
				t.Helper()
				p, err := f.svc.List(f.ctx, flt)
				if err != nil {
					t.Fatal(err)
				}
				var out []int
				for _, d := range p.Documents {
					out = append(out, d.ID)
					if d.FullText != "" {
						t.Error("a list carries full texts")
					}
				}
				return out
			}
			eq := func(what string, got []int, want ...int) {
				t.Helper()
				if len(got) != len(want) {
					t.Errorf("%s: got %v, want %v", what, got, want)
					return
				}
				for i := range got {
					if got[i] != want[i] {
						t.Errorf("%s: got %v, want %v", what, got, want)
						return
					}
				}
			}
			eq("all, newest first, undated last", ids(document.Filter{}), cv, kh, nd)
			eq("words without diacritics", ids(document.Filter{Q: "DAN CHU"}), kh, nd)
			eq("number", ids(document.Filter{Q: "04/2015/nđ-cp"}), nd)
			eq("type", ids(document.Filter{Type: "cong_van"}), cv)
			eq("year from the symbol", ids(document.Filter{Year: 2015}), nd)
			eq("year", ids(document.Filter{Year: 2021}), kh)
			eq("direction", ids(document.Filter{Direction: "issued"}), cv)
			eq("issuer words", ids(document.Filter{Issuer: "ubnd quang"}), kh)
			// "Sở Nội vụ" is in cv's summary, not its issuer.
			eq("issuer words are the issuer's", ids(document.Filter{Issuer: "noi vu"}))
			eq("page 2 of 2", ids(document.Filter{PerPage: 2, Page: 2}), nd)
			p, _ := f.svc.List(f.ctx, document.Filter{PerPage: 2})
			if p.Total != 3 {
				t.Errorf("total %d", p.Total)
			}
			if _, err := f.svc.List(f.ctx, document.Filter{Type: "bogus"}); fieldReason(err, "type") != "invalid" {
				t.Errorf("bad type filter: %v", err)
			}
			ys, _ := f.svc.Years(f.ctx)
			if len(ys) != 3 || ys[0] != 2022 {
				t.Errorf("years %v", ys)
			}
		})
	}
}

// docx builds a minimal .docx.
func docx(t *testing.T, text string) []byte {
	t.Helper()
	var b bytes.Buffer
	z := zip.NewWriter(&b)
	w, _ := z.Create("word/document.xml")
	_, _ = io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>`+text+`</w:t></w:r></w:p></w:body></w:document>`)
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestService_Files(t *testing.T) {
	for name, url := range backends() {
		t.Run(name, func(t *testing.T) {
			f := setup(t, url(t))
			d, err := f.svc.Create(f.ctx, document.Input{Type: "ke_hoach", NumberSymbol: "82/KH-UBND"})
			if err != nil {
				t.Fatal(err)
			}
			body := docx(t, "Kế hoạch")
			add := func(ctx context.Context, name string, b []byte) (*ent.DocumentFile, error) {
				return f.svc.AddFile(ctx, d.ID, name, int64(len(b)), bytes.NewReader(b))
			}
			v1, err := add(f.ctx, "Kế hoạch 82.docx", body)
			if err != nil {
				t.Fatal(err)
			}
			sum := sha256.Sum256(body)
			if v1.Version != 1 || v1.Sha256 != hex.EncodeToString(sum[:]) || v1.Size != int64(len(body)) ||
				!strings.HasPrefix(v1.ObjectKey, "documents/") || strings.Contains(v1.ObjectKey, "Kế") ||
				!strings.HasSuffix(v1.ObjectKey, ".docx") {
				t.Errorf("v1 %+v", v1)
			}
			v2, err := add(f.ctx, `C:\Users\x\Kế hoạch 82.docx`, docx(t, "Kế hoạch, bản 2"))
			if err != nil || v2.Version != 2 || v2.Name != "Kế hoạch 82.docx" || v2.ObjectKey == v1.ObjectKey {
				t.Fatalf("v2 %+v, %v", v2, err)
			}
			if _, err := add(f.ctx, "scan.png", []byte("\x89PNG\r\n\x1a\nrest")); err != nil {
				t.Errorf("png: %v", err)
			}
			before := f.files.count()
			for _, c := range []struct {
				name   string
				b      []byte
				reason string
			}{
				{"fake.docx", []byte("chỉ là chữ"), "file_mismatch"},
				{"old.docx", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, []byte("EncryptedPackage")...), "file_mismatch"},
				{"a.exe", []byte("MZ"), "file_type"},
				{"a.pdf", []byte("not a pdf"), "file_mismatch"},
				{"empty.txt", nil, "file_empty"},
				{"bad\x01name.txt", []byte("x"), "control"},
			} {
				if _, err := add(f.ctx, c.name, c.b); fieldReason(err, "file") != c.reason {
					t.Errorf("%s: %v, want file %s", c.name, err, c.reason)
				}
			}
			if _, err := f.svc.AddFile(f.ctx, d.ID, "big.pdf", document.MaxFile+1, strings.NewReader("%PDF-")); fieldReason(err, "file") != "file_too_large" {
				t.Errorf("over the cap: %v", err)
			}
			// Announced longer than sent: nothing kept.
			if _, err := f.svc.AddFile(f.ctx, d.ID, "a.txt", 100, strings.NewReader("ngắn")); fieldReason(err, "file") != "file_unreadable" {
				t.Errorf("cut short: %v", err)
			}
			f.files.failPut = true
			if _, err := add(f.ctx, "b.txt", []byte("nội dung")); err == nil {
				t.Error("a failed store was accepted")
			}
			f.files.failPut = false
			if f.files.count() != before {
				t.Errorf("refused uploads left %d objects", f.files.count()-before)
			}
			fs, _ := f.svc.Files(f.ctx, d.ID)
			if len(fs) != 3 || fs[0].Version != 2 || fs[1].Version != 1 {
				t.Errorf("files %v", fs)
			}
			rc, got, err := f.svc.OpenFile(f.ctx, d.ID, v1.ID)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(rc)
			rc.Close()
			if !bytes.Equal(b, body) || got.Name != "Kế hoạch 82.docx" {
				t.Errorf("download: %d bytes", len(b))
			}
			// Another province: not found, reading or adding.
			if _, _, err := f.svc.OpenFile(f.other, d.ID, v1.ID); apperr.KindOf(err) != apperr.KindNotFound {
				t.Errorf("other province downloads: %v", err)
			}
			if _, err := add(f.other, "x.txt", []byte("x")); apperr.KindOf(err) != apperr.KindNotFound {
				t.Errorf("other province uploads: %v", err)
			}
			if _, _, err := f.svc.OpenFile(f.ctx, d.ID+1000, v1.ID); apperr.KindOf(err) != apperr.KindNotFound {
				t.Errorf("file through another document: %v", err)
			}
		})
	}
}

func TestService_Basis(t *testing.T) {
	f := setup(t, testenv.Postgres(t).AppURL)
	mk := func(in document.Input) int {
		t.Helper()
		d, err := f.svc.Create(f.ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		return d.ID
	}
	cite := func(typ, num string) document.CitationInput {
		return document.CitationInput{Type: typ, NumberSymbol: num}
	}
	nq := mk(document.Input{Type: "nghi_quyet", NumberSymbol: "25-NQ/TW", IssuedOn: day(2013, 6, 3)})
	kl := mk(document.Input{Type: "ket_luan", NumberSymbol: "43-KL/TW", IssuedOn: day(2019, 1, 7),
		Citations: []document.CitationInput{cite("nghi_quyet", "25-NQ/TW")}})
	kh := mk(document.Input{Type: "ke_hoach", NumberSymbol: "176-KH/TU", IssuedOn: day(2019, 5, 1),
		Citations: []document.CitationInput{cite("ket_luan", "43-KL/TW"), cite("nghi_quyet", "25-NQ/TW"), cite("chi_thi", "33/CT-TTg")}})
	cv := mk(document.Input{Type: "cong_van", NumberSymbol: "1639/UBND-NC", IssuedOn: day(2019, 6, 1),
		Citations: []document.CitationInput{cite("ke_hoach", "176-KH/TU")}})
	b, err := f.svc.Basis(f.ctx, kh)
	if err != nil {
		t.Fatal(err)
	}
	byID := map[int]document.BasisNode{}
	unresolved := 0
	for _, n := range b.Nodes {
		if n.Resolved {
			byID[n.ID] = n
		} else {
			unresolved++
			if n.Number != "33/CT-TTg" || n.Level != -1 {
				t.Errorf("unresolved %+v", n)
			}
		}
	}
	if b.Nodes[b.Root].ID != kh || len(byID) != 4 || unresolved != 1 || byID[nq].Level != -1 || byID[kl].Level != -1 || byID[cv].Level != 1 {
		t.Errorf("basis nodes %+v", b.Nodes)
	}
	if len(b.Edges) != 5 { // kh→kl, kh→nq, kh→33, kl→nq, cv→kh
		t.Errorf("edges %v", b.Edges)
	}
	// A cycle ends where it closes.
	a := mk(document.Input{Type: "chi_thi", NumberSymbol: "1/CT", Citations: []document.CitationInput{cite("chi_thi", "2/CT")}})
	mk(document.Input{Type: "chi_thi", NumberSymbol: "2/CT", Citations: []document.CitationInput{cite("chi_thi", "1/CT")}})
	b, err = f.svc.Basis(f.ctx, a)
	if err != nil || len(b.Nodes) != 2 {
		t.Errorf("cycle: %v, %+v", err, b)
	}
	if _, err := f.svc.Basis(f.other, kh); apperr.KindOf(err) != apperr.KindNotFound {
		t.Errorf("other province's basis: %v", err)
	}
}
