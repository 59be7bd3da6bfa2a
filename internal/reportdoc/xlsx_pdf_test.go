package reportdoc

import (
	"bytes"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestXLSX_Annex(t *testing.T) {
	var buf bytes.Buffer
	if err := XLSX(&buf, sampleAnnex()); err != nil {
		t.Fatalf("XLSX: %v", err)
	}
	x, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	defer x.Close()
	if got := x.GetSheetList(); !slices.Equal(got, []string{AnnexSheet}) {
		t.Fatalf("sheets %v, want [%s]", got, AnnexSheet)
	}
	rows, err := x.GetRows(AnnexSheet)
	if err != nil {
		t.Fatal(err)
	}
	header := rows[AnnexHeaderRow-1]
	wantHeader := []string{"STT", "Đơn vị", "Số hội nghị (cuộc)", "Kinh phí (triệu đồng)", "Tỷ lệ hài lòng (%)", "Ghi chú"}
	if !slices.Equal(header, wantHeader) {
		t.Errorf("header %q, want %q", header, wantHeader)
	}
	if !strings.HasPrefix(rows[0][0], "Phụ lục") {
		t.Errorf("title %q", rows[0][0])
	}
	// Layout: group title, two units, group title, one unit, total.
	wantB := []string{"Sở, ban, ngành", "Sở Tư pháp", "Sở Nội vụ", "UBND cấp huyện", "UBND huyện Sơn Tịnh", "Tổng cộng"}
	for i, w := range wantB {
		if got := cellValue(t, x, "B", annexFirstRow+i); got != w {
			t.Errorf("B%d = %q, want %q", annexFirstRow+i, got, w)
		}
	}
	// Numbers are numbers: "1.200" (integer) is 1200, "1.234,75" is 1234.75, "2.5" is 2.5.
	for cell, want := range map[string]float64{"C4": 12, "C5": 1200, "D4": 15.5, "D5": 1234.75, "D7": 2.5, "E4": 95.5, "E5": 90} {
		typ, err := x.GetCellType(AnnexSheet, cell)
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := x.GetCellValue(AnnexSheet, cell, excelize.Options{RawCellValue: true})
		v, err := strconv.ParseFloat(raw, 64)
		if typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString || err != nil || v != want {
			t.Errorf("%s = %q (type %v), want the number %v", cell, raw, typ, want)
		}
	}
	if typ, _ := x.GetCellType(AnnexSheet, "F4"); typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString {
		t.Errorf("F4 (text indicator) has type %v, want text", typ)
	}
	// The total row holds formulas, and they compute to the sums, the average and the count.
	totalRow := strconv.Itoa(annexFirstRow + 5)
	for col, want := range map[string]float64{"C": 12 + 1200 + 7, "D": 15.5 + 1234.75 + 2.5, "E": (95.5 + 90) / 2, "F": 2} {
		cell := col + totalRow
		f, err := x.GetCellFormula(AnnexSheet, cell)
		if err != nil || f == "" {
			t.Errorf("%s has no formula (%v)", cell, err)
			continue
		}
		got, err := x.CalcCellValue(AnnexSheet, cell, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Errorf("%s = %s: %v", cell, f, err)
			continue
		}
		v, err := strconv.ParseFloat(got, 64)
		if err != nil || math.Abs(v-want) > 1e-9 {
			t.Errorf("%s = %s computes to %q, want %v", cell, f, got, want)
		}
	}
	for col, fn := range map[string]string{"C": "SUM(", "E": "AVERAGE(", "F": "COUNTA("} {
		if f, _ := x.GetCellFormula(AnnexSheet, col+totalRow); !strings.Contains(f, fn) {
			t.Errorf("%s%s = %q, want %s", col, totalRow, f, fn)
		}
	}
	// The header stays on screen, the font is Times New Roman.
	panes, err := x.GetPanes(AnnexSheet)
	if err != nil || !panes.Freeze || panes.YSplit != AnnexHeaderRow {
		t.Errorf("panes %+v (%v), want the rows to %d frozen", panes, err, AnnexHeaderRow)
	}
	if f, _ := x.GetDefaultFont(); f != "Times New Roman" {
		t.Errorf("default font %q", f)
	}
	if w, _ := x.GetColWidth(AnnexSheet, "B"); w < 20 {
		t.Errorf("column B width %v", w)
	}
}

func cellValue(t *testing.T, x *excelize.File, col string, row int) string {
	t.Helper()
	v, err := x.GetCellValue(AnnexSheet, col+strconv.Itoa(row))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestParseNumber(t *testing.T) {
	for _, c := range []struct {
		raw, typ string
		want     float64
		ok       bool
	}{
		{"1234", "integer", 1234, true},
		{"1.234", "integer", 1234, true},
		{"1,234", "integer", 1234, true},
		{"1.234.567", "integer", 1234567, true},
		{"12,5", "decimal", 12.5, true},
		{"12.5", "decimal", 12.5, true},
		{"1.234", "decimal", 1.234, true},
		{"1.234,5", "decimal", 1234.5, true},
		{"1,234.5", "decimal", 1234.5, true},
		{" 45,5 % ", "percent", 45.5, true},
		{"-3", "integer", -3, true},
		{"1 234", "integer", 1234, true},
		{"abc", "integer", 0, false},
		{"", "decimal", 0, false},
		{"NaN", "decimal", 0, false},
	} {
		got, ok := ParseNumber(c.raw, c.typ)
		if ok != c.ok || (ok && got != c.want) {
			t.Errorf("ParseNumber(%q, %s) = %v, %v; want %v, %v", c.raw, c.typ, got, ok, c.want, c.ok)
		}
	}
}

func TestPDF(t *testing.T) {
	var buf bytes.Buffer
	if err := PDF(&buf, sampleDoc()); err != nil {
		t.Fatalf("PDF: %v", err)
	}
	out := buf.Bytes()
	if !bytes.HasPrefix(out, []byte("%PDF-")) || !bytes.Contains(out[len(out)-64:], []byte("%%EOF")) {
		t.Errorf("not a PDF: %q...", out[:min(len(out), 16)])
	}
	if !bytes.Contains(out, []byte("/FontName /utf8liberationserif")) || !bytes.Contains(out, []byte("/FontFile2")) {
		t.Error("Liberation Serif is not embedded")
	}
}

// TestPDF_PageNumbersFromPageTwo renders a long body: it takes several pages, numbered from
// page 2 on.
func TestPDF_PageNumbersFromPageTwo(t *testing.T) {
	p := newPDF()
	var numbered []int
	p.onHeader = func(n int) { numbered = append(numbered, n) }
	d := longDoc(40, 6)
	p.letterhead(d)
	p.body(d)
	p.signature(d)
	if err := p.f.Error(); err != nil {
		t.Fatalf("fpdf: %v", err)
	}
	pages := p.f.PageNo()
	if pages < 3 {
		t.Fatalf("%d pages for a long body", pages)
	}
	want := make([]int, 0, pages-1)
	for n := 2; n <= pages; n++ {
		want = append(want, n)
	}
	if !slices.Equal(numbered, want) {
		t.Errorf("numbered pages %v, want %v", numbered, want)
	}
	if err := p.f.Output(io.Discard); err != nil {
		t.Fatal(err)
	}
}

func TestPDF_VietnameseAndOddText(t *testing.T) {
	d := sampleDoc()
	d.Summary = "Ắ Ằ Ẳ Ẵ Ặ ắ ằ ẳ ẵ ặ Ỡ ỡ Ự ự Ỹ ỹ Đ đ \x01 emoji 😀 tab\there " + strings.Repeat("x", 400)
	d.Sections[0].Children[1].Tables[0].Rows[0][1] = strings.Repeat("Rấtdàikhôngcókhoảngtrắng", 10)
	var buf bytes.Buffer
	if err := PDF(&buf, d); err != nil {
		t.Fatalf("PDF: %v", err)
	}
}

// BenchmarkRender renders a 300-unit report: nine sections of 300 paragraphs and a table of
// 300 rows by 20 columns; and its annex of 300 units by 20 indicators.
func BenchmarkRender(b *testing.B) {
	d := longDoc(300, 20)
	a := Annex{Title: "Phụ lục"}
	for i := range 20 {
		a.Indicators = append(a.Indicators, Indicator{Code: strconv.Itoa(i), Label: "Chỉ tiêu " + strconv.Itoa(i), Type: []string{"integer", "decimal", "percent", "text"}[i%4], Agg: []string{"sum", "sum", "average", "count"}[i%4]})
	}
	for g := range 3 {
		grp := Group{Name: "Nhóm " + strconv.Itoa(g)}
		for u := range 100 {
			vals := map[string]string{}
			for i := range 20 {
				vals[strconv.Itoa(i)] = strconv.Itoa(u*i) + ",5"
			}
			grp.Rows = append(grp.Rows, AnnexRow{Unit: "Đơn vị " + strconv.Itoa(u), Values: vals})
		}
		a.Groups = append(a.Groups, grp)
	}
	for _, c := range []struct {
		name   string
		render func(w io.Writer) error
	}{
		{"DOCX", func(w io.Writer) error { return DOCX(w, nil, d) }},
		{"XLSX", func(w io.Writer) error { return XLSX(w, a) }},
		{"PDF", func(w io.Writer) error { return PDF(w, d) }},
	} {
		b.Run(c.name, func(b *testing.B) {
			var n int
			for b.Loop() {
				var buf bytes.Buffer
				if err := c.render(&buf); err != nil {
					b.Fatal(err)
				}
				n = buf.Len()
			}
			b.ReportMetric(float64(n), "bytes")
		})
	}
}
