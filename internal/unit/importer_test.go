package unit_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/unicode/norm"

	"github.com/danvan-vn/danvan/internal/calendar"
	"github.com/danvan-vn/danvan/internal/testenv"
	"github.com/danvan-vn/danvan/internal/unit"
	"github.com/danvan-vn/danvan/internal/viewer"
)

const goodCSV = "\ufeffMã đơn vị,Tên đơn vị,Tên viết tắt,Loại đơn vị,Mã đơn vị cấp trên,Ngày hiệu lực (dd/mm/yyyy),Cán bộ phụ trách dân vận - họ tên,Cán bộ phụ trách dân vận - điện thoại\n" +
	"QN,UBND tỉnh Quảng Ngãi,,UBND tỉnh,,01/07/2025,,\n" +
	"SNV,Sở Nội vụ,SNV,\"Sở, ban, ngành\",QN,01/07/2025,Lê Thị Dân,0905 123 456\n" +
	"X-TN,UBND xã Tịnh Ấn Tây,,\"UBND xã, phường\",QN,01/07/2025,,\n"

func TestImport(t *testing.T) {
	for name, db := range backends() {
		t.Run(name, func(t *testing.T) {
			d := testenv.OpenDB(t, db(t))
			v := testenv.Province(t, d.Client, "quang-ngai", "Quảng Ngãi")
			ctx := viewer.NewContext(context.Background(), v)
			s := unit.New(d.Client, nil)
			asOf := calendar.NewDate(2025, 7, 1).UTC()

			// A bad file: every problem reported by row, column and reason; nothing written.
			bad := goodCSV + "SNV,Trùng mã,,\"Sở, ban, ngành\",QN,01/07/2025,,\n" +
				"X-2,,,Vương quốc,QN,31/02/2025,,12ab\n" +
				"X-3,UBND xã Ba,,\"UBND xã, phường\",KHONG-CO,,,\n"
			_, err := s.Import(ctx, "don-vi.csv", strings.NewReader(bad), asOf)
			var ie *unit.ImportError
			if !errors.As(err, &ie) {
				t.Fatalf("bad file: %v", err)
			}
			want := map[string]bool{
				"5|Mã đơn vị|duplicate_in_file": true, "6|Tên đơn vị|required": true, "6|Loại đơn vị|unit_type": true,
				"6|Ngày hiệu lực (dd/mm/yyyy)|date": true, "6|Cán bộ phụ trách dân vận - điện thoại|phone": true,
			}
			got := map[string]bool{}
			for _, r := range ie.Rows {
				got[strings.Join([]string{itoa(r.Row), r.Column, r.Reason}, "|")] = true
			}
			for k := range want {
				if !got[k] {
					t.Errorf("report lacks %s; got %v", k, ie.Rows)
				}
			}
			if nodes, _ := s.AsOf(ctx, asOf, ""); len(nodes) != 0 {
				t.Fatalf("a refused file wrote %d units", len(nodes))
			}
			// An unknown parent is found once the syntax is right.
			_, err = s.Import(ctx, "don-vi.csv", strings.NewReader(goodCSV+"X-3,UBND xã Ba,,\"UBND xã, phường\",KHONG-CO,,,\n"), asOf)
			if !errors.As(err, &ie) || len(ie.Rows) != 1 || ie.Rows[0].Reason != "parent_missing" || ie.Rows[0].Row != 5 {
				t.Fatalf("unknown parent: %v", err)
			}
			if nodes, _ := s.AsOf(ctx, asOf, ""); len(nodes) != 0 {
				t.Fatalf("a refused file wrote %d units", len(nodes))
			}

			res, err := s.Import(ctx, "don-vi.csv", strings.NewReader(goodCSV), asOf)
			if err != nil || res.Created != 3 {
				t.Fatalf("import: %+v %v", res, err)
			}
			res, err = s.Import(ctx, "don-vi.csv", strings.NewReader(goodCSV), asOf)
			if err != nil || res.Created != 0 || res.Updated != 0 || res.Unchanged != 3 {
				t.Fatalf("second import: %+v %v", res, err)
			}
			// The same data as XLSX, with a changed phone: one update.
			x := excelize.NewFile()
			for r, line := range strings.Split(strings.TrimSpace(strings.TrimPrefix(goodCSV, "\ufeff")), "\n") {
				for c, cell := range splitCSV(line) {
					name, _ := excelize.CoordinatesToCellName(c+1, r+1)
					_ = x.SetCellValue("Sheet1", name, strings.NewReplacer("0905 123 456", "0905 999 999", "01/07/2025", "01/08/2025").Replace(cell))
				}
			}
			var buf bytes.Buffer
			_ = x.Write(&buf)
			res, err = s.Import(ctx, "don-vi.xlsx", &buf, asOf.AddDate(0, 1, 0))
			if err != nil || res.Updated != 1 || res.Unchanged != 2 {
				t.Fatalf("xlsx import: %+v %v", res, err)
			}
			u, _ := s.ByCode(ctx, "SNV")
			old, _ := s.VersionOn(ctx, u.ID, asOf)
			now, _ := s.VersionOn(ctx, u.ID, asOf.AddDate(0, 1, 0))
			if old.OfficerPhone != "0905 123 456" || now.OfficerPhone != "0905 999 999" {
				t.Errorf("history: %q then %q", old.OfficerPhone, now.OfficerPhone)
			}
			// The template itself imports (its two example rows).
			var tpl bytes.Buffer
			if err := unit.Template(&tpl); err != nil {
				t.Fatal(err)
			}
			if _, err := s.Import(ctx, "mau.xlsx", &tpl, asOf); err != nil {
				t.Errorf("the template's examples do not import: %v", err)
			}
			if _, err := s.Import(ctx, "don-vi.pdf", strings.NewReader("x"), asOf); err == nil {
				t.Error("a PDF was accepted")
			}
		})
	}
}

func itoa(n int) string {
	b := []byte{}
	for n > 0 || len(b) == 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	return string(b)
}

// splitCSV splits one line of the fixture (quoted fields without embedded quotes).
func splitCSV(line string) []string {
	var out []string
	var cur strings.Builder
	quoted := false
	for _, r := range line {
		switch {
		case r == '"':
			quoted = !quoted
		case r == ',' && !quoted:
			out = append(out, cur.String())
			cur.Reset()
		default:
			cur.WriteRune(r)
		}
	}
	return append(out, cur.String())
}

// TestImport_Headers: a header's obvious variants are accepted ("Ngày hiệu lực" without its
// "(dd/mm/yyyy)" hint, upper case, an en dash, decomposed Unicode); a header the importer does not
// know, or a column named twice, refuses the file naming the column, and nothing is written.
func TestImport_Headers(t *testing.T) {
	d := testenv.OpenDB(t, testenv.SQLite(t))
	v := testenv.Province(t, d.Client, "quang-ngai", "Quảng Ngãi")
	ctx := viewer.NewContext(context.Background(), v)
	s := unit.New(d.Client, nil)
	asOf := calendar.NewDate(2026, 12, 2).UTC()

	variant := norm.NFD.String("MÃ ĐƠN VỊ,Tên  đơn vị,Loại đơn vị,Ngày hiệu lực,Cán bộ phụ trách dân vận – họ tên\n") +
		"QN,UBND tỉnh Quảng Ngãi,UBND tỉnh,01/07/2025,Lê Văn Dân\n"
	if _, err := s.Import(ctx, "don-vi.csv", strings.NewReader(variant), asOf); err != nil {
		t.Fatalf("header variants: %v", err)
	}
	nodes, _ := s.AsOf(ctx, calendar.NewDate(2025, 7, 1).UTC(), "")
	if len(nodes) != 1 || !nodes[0].Unit.ValidFrom.Equal(calendar.NewDate(2025, 7, 1).UTC()) || nodes[0].Version.OfficerName != "Lê Văn Dân" {
		t.Fatalf("the unit's date or officer came from a default, not the file: %+v", nodes)
	}

	for name, tc := range map[string]struct{ csv, column, reason string }{
		"unknown": {"Mã đơn vị,Tên đơn vị,Loại đơn vị,Ngày thành lập\nX1,Sở A,\"Sở, ban, ngành\",01/07/2025\n", "Ngày thành lập", "column_unknown"},
		"twice":   {"Mã đơn vị,Tên đơn vị,Loại đơn vị,Tên đơn vị\nX1,Sở A,\"Sở, ban, ngành\",Sở B\n", "Tên đơn vị", "column_duplicate"},
		"missing": {"Mã đơn vị,Loại đơn vị\nX1,\"Sở, ban, ngành\"\n", "Tên đơn vị", "column_missing"},
	} {
		_, err := s.Import(ctx, "don-vi.csv", strings.NewReader(tc.csv), asOf)
		var ie *unit.ImportError
		if !errors.As(err, &ie) || len(ie.Rows) == 0 || ie.Rows[0].Column != tc.column || ie.Rows[0].Reason != tc.reason || ie.Rows[0].Row != 1 {
			t.Errorf("%s: %v, want row 1 %q %s", name, err, tc.column, tc.reason)
		}
	}
	if nodes, _ := s.AsOf(ctx, asOf, ""); len(nodes) != 1 {
		t.Errorf("refused files wrote units: %d", len(nodes))
	}
}
