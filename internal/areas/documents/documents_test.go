package documents_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/danvan-vn/danvan/internal/app/apptest"
	"github.com/danvan-vn/danvan/internal/areas/documents"
	"github.com/danvan-vn/danvan/internal/httpapi"
	"github.com/danvan-vn/danvan/internal/tenancy"
)

const redisDB = 16 // this package's Redis database

func TestMain(m *testing.M) { apptest.Main(m) }

const (
	api   = "/api/v1/t/nghe-an/documents"
	pages = "/t/nghe-an/documents"
)

// text is the visible text of an HTML page, spaces collapsed.
func text(t *testing.T, page string) string {
	t.Helper()
	n, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && (n.Data == "script" || n.Data == "style" || n.Data == "head") {
			return
		}
		if n.Type == html.TextNode {
			b.WriteString(n.Data + " ")
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

func create(t *testing.T, c *apptest.Client, body map[string]any) documents.DocumentJSON {
	t.Helper()
	resp, b := c.Do(http.MethodPost, api, body)
	apptest.Expect(t, resp, b, http.StatusCreated, "")
	var d documents.DocumentJSON
	if err := json.Unmarshal(b, &d); err != nil {
		t.Fatal(err)
	}
	return d
}

func problem(t *testing.T, b []byte) httpapi.Problem {
	t.Helper()
	var p httpapi.Problem
	if err := json.Unmarshal(b, &p); err != nil {
		t.Fatalf("problem: %v: %s", err, b)
	}
	return p
}

func count(t *testing.T, e *apptest.Env) (docs, files int) {
	t.Helper()
	ctx := tenancy.SystemContext(context.Background()) // counts every province's rows
	docs, err := e.App.DB.Client.Document.Query().Count(ctx)
	if err != nil {
		t.Fatal(err)
	}
	files, err = e.App.DB.Client.DocumentFile.Query().Count(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return docs, files
}

func TestDocuments(t *testing.T) {
	e := apptest.New(t, "services", redisDB)
	apptest.WaitTenant(t, e.App, "nghe-an", "active")
	admin := e.Client()
	admin.Login("admin@nghe-an.danvan.vn")

	nq := create(t, admin, map[string]any{"type": "nghi_quyet", "number_symbol": "25-NQ/TW", "issued_on": "2013-06-03",
		"issuer": "Ban Chấp hành Trung ương", "summary": "Về tăng cường và đổi mới sự lãnh đạo của Đảng đối với công tác dân vận"})
	kh := create(t, admin, map[string]any{"type": "ke_hoach", "number_symbol": "82/KH- UBND", "issued_on": "08/04/2021",
		"issuer": "UBND tỉnh Nghệ An", "summary": "Thực hiện công tác dân vận chính quyền năm 2021", "direction": "issued",
		"full_text": "I. MỤC ĐÍCH\n\tCăn cứ Nghị quyết số 25-NQ/TW...",
		"citations": []map[string]any{{"type": "nghi_quyet", "number_symbol": "25-NQ/TW", "cited_on": "2013-06-03"},
			{"type": "ket_luan", "number_symbol": "43-KL/TW", "issuer": "Ban Bí thư", "title": "tiếp tục thực hiện Nghị quyết 25"}}})
	if kh.NumberSymbol != "82/KH-UBND" || kh.IssuedOn != "2021-04-08" || kh.Year != 2021 || len(kh.Citations) != 2 ||
		kh.Citations[0].Cited == nil || kh.Citations[0].Cited.ID != nq.ID || kh.Citations[1].Cited != nil {
		t.Fatalf("created %+v", kh)
	}
	cv := create(t, admin, map[string]any{"type": "cong_van", "number_symbol": "1639/UBND-NC", "issued_on": "2021-06-01",
		"issuer": "UBND tỉnh Nghệ An", "summary": "Triển khai Kế hoạch 82",
		"citations": []map[string]any{{"type": "ke_hoach", "number_symbol": "82/KH-UBND"}}})

	t.Run("list and filters", func(t *testing.T) {
		ids := func(q string) []int {
			t.Helper()
			resp, b := admin.Do(http.MethodGet, api+"?"+q, nil)
			apptest.Expect(t, resp, b, http.StatusOK, "")
			var got documents.DocumentsJSON
			_ = json.Unmarshal(b, &got)
			var out []int
			for _, d := range got.Documents {
				out = append(out, d.ID)
			}
			return out
		}
		for q, want := range map[string][]int{
			"": {cv.ID, kh.ID, nq.ID},
			"q=" + url.QueryEscape("dan van chinh quyen"): {kh.ID},
			"q=DÂN+VẬN":         {kh.ID, nq.ID},
			"type=cong_van":     {cv.ID},
			"year=2013":         {nq.ID},
			"direction=issued":  {kh.ID},
			"issuer=nghe+an":    {cv.ID, kh.ID},
			"per_page=1&page=2": {kh.ID},
		} {
			if got := ids(q); fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("?%s: %v, want %v", q, got, want)
			}
		}
		resp, b := admin.Do(http.MethodGet, api+"?year=abc", nil)
		apptest.Expect(t, resp, b, http.StatusUnprocessableEntity, "invalid")
		status, page := admin.Page(pages + "?q=dan+van+chinh+quyen")
		txt := text(t, page)
		if status != http.StatusOK || !strings.Contains(txt, "Kế hoạch 82/KH-UBND") || strings.Contains(txt, "25-NQ/TW") ||
			!strings.Contains(txt, "08/04/2021") {
			t.Errorf("list page %d: %s", status, txt)
		}
		status, page = admin.Page(pages + "?type=bogus")
		if status != http.StatusUnprocessableEntity || !strings.Contains(page, `id="d-type-error"`) {
			t.Errorf("bad type filter: %d", status)
		}
	})

	t.Run("detail", func(t *testing.T) {
		status, page := admin.Page(pages + "/" + strconv.Itoa(kh.ID))
		txt := text(t, page)
		for _, want := range []string{"Kế hoạch 82/KH-UBND", "Nghị quyết 25-NQ/TW", "chưa có trong sổ", "Công văn 1639/UBND-NC",
			"I. MỤC ĐÍCH", "Văn bản đi"} {
			if !strings.Contains(txt, want) {
				t.Errorf("detail page lacks %q", want)
			}
		}
		if status != http.StatusOK || !strings.Contains(page, `href="/t/nghe-an/documents/`+strconv.Itoa(nq.ID)+`"`) {
			t.Errorf("detail %d: no link to the resolved citation", status)
		}
		resp, b := admin.Do(http.MethodGet, api+"/"+strconv.Itoa(kh.ID), nil)
		apptest.Expect(t, resp, b, http.StatusOK, "")
		var got documents.DocumentJSON
		_ = json.Unmarshal(b, &got)
		if len(got.CitedBy) != 1 || got.CitedBy[0].ID != cv.ID || got.FullText == "" || got.TypeName != "Kế hoạch" {
			t.Errorf("detail JSON %+v", got)
		}
	})

	t.Run("create by form, duplicate", func(t *testing.T) {
		status, page := admin.Page(pages + "/new")
		if status != http.StatusOK || !strings.Contains(page, `name="number_symbol"`) {
			t.Fatalf("new form %d", status)
		}
		resp, page := admin.Form(pages, url.Values{"type": {"chi_thi"}, "number_symbol": {"24-CT/TU"}, "issued_on": {"15/03/2019"},
			"summary": {"Về công tác dân vận"}, "direction": {"received"}, "issuer_unit_id": {"0"}})
		if resp.StatusCode != http.StatusSeeOther || !strings.Contains(resp.Header.Get("Location"), "done=document_created") {
			t.Fatalf("create by form: %d %s", resp.StatusCode, page)
		}
		before, _ := count(t, e)
		resp, page = admin.Form(pages, url.Values{"type": {"ke_hoach"}, "number_symbol": {"82/kh-ubnd"}, "issued_on": {"31/12/2021"}})
		txt := text(t, page)
		if resp.StatusCode != http.StatusConflict || !strings.Contains(txt, "Văn bản Kế hoạch số 82/KH-UBND năm 2021 đã có trong sổ (#"+strconv.Itoa(kh.ID)+")") {
			t.Errorf("duplicate by form: %d %s", resp.StatusCode, txt)
		}
		r, b := admin.Do(http.MethodPost, api, map[string]any{"type": "ke_hoach", "number_symbol": "82 / KH-UBND", "issued_on": "2021-01-02"})
		apptest.Expect(t, r, b, http.StatusConflict, "document_duplicate")
		if p := problem(t, b); !strings.Contains(p.Detail, "82/KH-UBND") || !strings.Contains(p.Detail, "#"+strconv.Itoa(kh.ID)) {
			t.Errorf("duplicate problem %+v", p)
		}
		admin.Lang = "en"
		r, b = admin.Do(http.MethodPost, api, map[string]any{"type": "ke_hoach", "number_symbol": "82/KH-UBND", "issued_on": "2021-01-02"})
		admin.Lang = ""
		if p := problem(t, b); r.StatusCode != http.StatusConflict || !strings.Contains(p.Detail, "is in the register already") {
			t.Errorf("English duplicate problem %+v", p)
		}
		if after, _ := count(t, e); after != before {
			t.Errorf("refused duplicates wrote %d documents", after-before)
		}
	})

	t.Run("edit", func(t *testing.T) {
		id := strconv.Itoa(cv.ID)
		status, page := admin.Page(pages + "/" + id + "/edit")
		if status != http.StatusOK || !strings.Contains(page, `value="01/06/2021"`) {
			t.Fatalf("edit form %d", status)
		}
		resp, _ := admin.Form(pages+"/"+id, url.Values{"type": {"cong_van"}, "number_symbol": {"1639/UBND-NC"}, "issued_on": {"01/06/2021"},
			"summary": {"Triển khai Kế hoạch 82 (sửa)"}, "direction": {"issued"}})
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("edit: %d", resp.StatusCode)
		}
		// The form kept the citations.
		r, b := admin.Do(http.MethodGet, api+"/"+id, nil)
		var got documents.DocumentJSON
		_ = json.Unmarshal(b, &got)
		if r.StatusCode != http.StatusOK || len(got.Citations) != 1 || got.Summary != "Triển khai Kế hoạch 82 (sửa)" {
			t.Errorf("after edit %+v", got)
		}
		r, b = admin.Do(http.MethodPut, api+"/"+id, map[string]any{"type": "cong_van", "number_symbol": "1639/UBND-NC", "citations": []any{}})
		apptest.Expect(t, r, b, http.StatusOK, "")
		got = documents.DocumentJSON{}
		_ = json.Unmarshal(b, &got)
		if len(got.Citations) != 0 || got.IssuedOn != "" {
			t.Errorf("PUT replaced the citations? %+v", got)
		}
	})

	t.Run("bad input", func(t *testing.T) {
		before, _ := count(t, e)
		for _, c := range []struct {
			name  string
			body  any
			field string
		}{
			{"number as a number", map[string]any{"type": "ke_hoach", "number_symbol": 82}, "number_symbol"},
			{"no type", map[string]any{"number_symbol": "1/KH"}, "type"},
			{"unknown type", map[string]any{"type": "sac_lenh"}, "type"},
			{"control character", map[string]any{"type": "ke_hoach", "issuer": "UBND\x07"}, "issuer"},
			{"oversize summary", map[string]any{"type": "ke_hoach", "summary": strings.Repeat("ư", 2001)}, "summary"},
			{"oversize number", map[string]any{"type": "ke_hoach", "number_symbol": strings.Repeat("1", 101)}, "number_symbol"},
			{"bad date", map[string]any{"type": "ke_hoach", "issued_on": "31/02/2021"}, "issued_on"},
			{"far future", map[string]any{"type": "ke_hoach", "issued_on": "2200-01-01"}, "issued_on"},
			{"citations as a string", map[string]any{"type": "ke_hoach", "citations": "25-NQ/TW"}, "citations"},
			{"unit of nowhere", map[string]any{"type": "ke_hoach", "issuer_unit_id": 999999}, "issuer_unit_id"},
		} {
			r, b := admin.Do(http.MethodPost, api, c.body)
			if r.StatusCode != http.StatusUnprocessableEntity || problem(t, b).Errors[c.field] == "" {
				t.Errorf("%s: %d %s, want 422 naming %s", c.name, r.StatusCode, b, c.field)
			}
		}
		// Invalid UTF-8 in a raw body.
		req, _ := http.NewRequest(http.MethodPost, e.URL+api, strings.NewReader(`{"type":"ke_hoach","summary":"\xff"}`))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-CSRF-Token", admin.CSRF())
		r, err := admin.HTTP.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(r.Body)
		r.Body.Close()
		// The kernel names the field when it can find it, the body otherwise.
		if p := problem(t, b); r.StatusCode != http.StatusUnprocessableEntity || p.Errors["summary"] == "" && p.Errors["body"] == "" {
			t.Errorf("invalid UTF-8: %d %s", r.StatusCode, b)
		}
		resp, page := admin.Form(pages, url.Values{"type": {""}, "summary": {"x"}})
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, `id="f-type-error"`) {
			t.Errorf("form without a type: %d", resp.StatusCode)
		}
		if after, _ := count(t, e); after != before {
			t.Errorf("bad input wrote %d documents", after-before)
		}
	})

	t.Run("files", func(t *testing.T) {
		id := strconv.Itoa(kh.ID)
		body, err := os.ReadFile("../../intake/testdata/cong-van.docx")
		if err != nil {
			t.Fatal(err)
		}
		up := func(c *apptest.Client, name string, b []byte) (*http.Response, []byte) {
			return c.Upload(api+"/"+id+"/files", "file", name, b, nil)
		}
		r, b := up(admin, "Kế hoạch 82.docx", body)
		apptest.Expect(t, r, b, http.StatusCreated, "")
		var v1, v2 documents.FileJSON
		_ = json.Unmarshal(b, &v1)
		r, b = up(admin, "Kế hoạch 82.docx", docx(t))
		apptest.Expect(t, r, b, http.StatusCreated, "")
		_ = json.Unmarshal(b, &v2)
		if v1.Version != 1 || v2.Version != 2 || v1.ContentType != "application/vnd.openxmlformats-officedocument.wordprocessingml.document" {
			t.Errorf("versions %+v %+v", v1, v2)
		}
		_, before := count(t, e)
		objects := func() int {
			os, err := e.App.Store.List(context.Background(), "nghe-an", "documents/")
			if err != nil {
				t.Fatal(err)
			}
			return len(os)
		}
		stored := objects()
		r, b = up(admin, "gia.docx", []byte("Đây chỉ là văn bản thường, không phải tệp Word."))
		if r.StatusCode != http.StatusUnprocessableEntity || problem(t, b).Errors["file"] == "" {
			t.Errorf("text as .docx: %d %s", r.StatusCode, b)
		}
		// By the page: the refusal is on the page, under the file field.
		r, b = admin.Upload(pages+"/"+id+"/files", "file", "gia.docx", []byte("chữ"), map[string]string{"_csrf": admin.CSRF()})
		if r.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(b), `id="doc-file-error"`) {
			t.Errorf("page upload refused: %d", r.StatusCode)
		}
		if _, after := count(t, e); after != before || objects() != stored {
			t.Errorf("refused uploads left rows (%d→%d) or objects (%d→%d)", before, after, stored, objects())
		}
		// Download: the bytes, named.
		r, b = admin.Do(http.MethodGet, pages+"/"+id+"/files/"+strconv.Itoa(v1.ID), nil)
		if r.StatusCode != http.StatusOK || !bytes.Equal(b, body) ||
			!strings.Contains(r.Header.Get("Content-Disposition"), "filename*=UTF-8''K%E1%BA%BF%20ho%E1%BA%A1ch%2082.docx") {
			t.Errorf("download: %d, %d bytes, %q", r.StatusCode, len(b), r.Header.Get("Content-Disposition"))
		}
		r, b = admin.Do(http.MethodGet, api+"/"+strconv.Itoa(nq.ID)+"/files/"+strconv.Itoa(v1.ID), nil)
		apptest.Expect(t, r, b, http.StatusNotFound, "not_found")
		status, page := admin.Page(pages + "/" + id)
		if status != http.StatusOK || !strings.Contains(text(t, page), "Bản 2") {
			t.Errorf("detail lists no version 2")
		}
	})

	t.Run("basis", func(t *testing.T) {
		id := strconv.Itoa(kh.ID)
		status, page := admin.Page(pages + "/" + id + "/basis")
		if status != http.StatusOK || !strings.Contains(page, "<svg") || !strings.Contains(page, `class="lb-box lb-root"`) ||
			!strings.Contains(page, `<a href="/t/nghe-an/documents/`+strconv.Itoa(nq.ID)+`">`) || strings.Contains(page, "<style") {
			t.Errorf("basis page %d", status)
		}
		r, b := admin.Do(http.MethodGet, pages+"/"+id+"/basis.svg?download=1", nil)
		if r.StatusCode != http.StatusOK || r.Header.Get("Content-Type") != "image/svg+xml" || !bytes.HasPrefix(b, []byte("<svg")) ||
			!strings.Contains(r.Header.Get("Content-Disposition"), "attachment") {
			t.Errorf("basis.svg %d %q", r.StatusCode, r.Header.Get("Content-Type"))
		}
		r, b = admin.Do(http.MethodGet, api+"/"+id+"/basis", nil)
		apptest.Expect(t, r, b, http.StatusOK, "")
		var g documents.BasisJSON
		_ = json.Unmarshal(b, &g)
		if len(g.Nodes) < 3 || len(g.Edges) < 2 || g.Nodes[g.Root].ID != kh.ID || g.Nodes[1].ID != nq.ID || g.Nodes[2].Resolved {
			t.Errorf("basis JSON %s", b)
		}
	})

	t.Run("other province and roles", func(t *testing.T) {
		id := strconv.Itoa(kh.ID)
		other := e.Client()
		other.Login("admin@quang-ngai.danvan.vn")
		for _, path := range []string{api + "/" + id, api + "/" + id + "/basis", pages + "/" + id, pages + "/" + id + "/basis.svg"} {
			q := strings.Replace(path, "nghe-an", "quang-ngai", 1)
			r, b := other.Do(http.MethodGet, q, nil)
			if r.StatusCode != http.StatusNotFound {
				t.Errorf("other province GET %s: %d %s", q, r.StatusCode, b)
			}
		}
		r, b := other.Do(http.MethodPut, strings.Replace(api, "nghe-an", "quang-ngai", 1)+"/"+id, map[string]any{"type": "ke_hoach"})
		apptest.Expect(t, r, b, http.StatusNotFound, "not_found")
		for _, role := range []string{"committee_member", "readonly_leader"} {
			c := e.Person(t, role+"@nghe-an.vn", role, "nghe-an", false)
			r, b := c.Do(http.MethodGet, api+"/"+id, nil)
			apptest.Expect(t, r, b, http.StatusOK, "")
			r, b = c.Do(http.MethodPost, api, map[string]any{"type": "ke_hoach", "number_symbol": "9/KH"})
			apptest.Expect(t, r, b, http.StatusForbidden, "forbidden")
			r, b = c.Do(http.MethodPut, api+"/"+id, map[string]any{"type": "ke_hoach"})
			apptest.Expect(t, r, b, http.StatusForbidden, "forbidden")
			r, b = c.Upload(api+"/"+id+"/files", "file", "a.txt", []byte("x"), nil)
			apptest.Expect(t, r, b, http.StatusForbidden, "forbidden")
			status, _ := c.Page(pages + "/new")
			if status != http.StatusForbidden {
				t.Errorf("%s opened the new-document form: %d", role, status)
			}
		}
	})
}

// docx builds a small .docx.
func docx(t *testing.T) []byte {
	t.Helper()
	var b bytes.Buffer
	z := zip.NewWriter(&b)
	w, _ := z.Create("word/document.xml")
	_, _ = io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Kế hoạch, bản 2</w:t></w:r></w:p></w:body></w:document>`)
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
