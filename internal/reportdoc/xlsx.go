package reportdoc

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Annex is the table of figures by unit that goes with a report.
type Annex struct {
	Title      string
	Indicators []Indicator
	Groups     []Group // units grouped by type, in order
}

// Indicator is one column of the annex. Type: integer|decimal|percent|text; Agg: sum|average|count.
type Indicator struct{ Code, Label, Unit, Type, Agg string }

// Group is a run of units under a title row (e.g. "Sở, ban, ngành").
type Group struct {
	Name string
	Rows []AnnexRow
}

// AnnexRow is one unit's values, raw as entered, by indicator code ("" = not given).
type AnnexRow struct {
	Unit   string
	Values map[string]string
}

// Layout of the annex sheet.
const (
	AnnexSheet     = "Phụ lục"
	AnnexTitleRow  = 1 // the annex title, merged across
	AnnexHeaderRow = 2 // STT, Đơn vị, then each indicator "Label (Unit)"
	annexFirstRow  = AnnexHeaderRow + 1
	annexFont      = "Times New Roman"
)

// annexStyles are the style ids of the annex cells.
type annexStyles struct {
	title, header, group, text, center   int
	integer, decimal                     int
	totalLabel, totalInteger, totalDecim int
}

func newAnnexStyles(x *excelize.File) (annexStyles, error) {
	var st annexStyles
	border := []excelize.Border{
		{Type: "left", Color: "000000", Style: 1}, {Type: "right", Color: "000000", Style: 1},
		{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1},
	}
	font := &excelize.Font{Family: annexFont, Size: 12}
	bold := &excelize.Font{Family: annexFont, Size: 12, Bold: true}
	top := &excelize.Alignment{Vertical: "center", WrapText: true}
	right := &excelize.Alignment{Vertical: "center", Horizontal: "right"}
	center := &excelize.Alignment{Vertical: "center", Horizontal: "center", WrapText: true}
	for _, d := range []struct {
		id    *int
		style excelize.Style
	}{
		{&st.title, excelize.Style{Font: &excelize.Font{Family: annexFont, Size: 14, Bold: true}, Alignment: center}},
		{&st.header, excelize.Style{Font: bold, Border: border, Alignment: center}},
		{&st.group, excelize.Style{Font: bold, Border: border, Alignment: top}},
		{&st.text, excelize.Style{Font: font, Border: border, Alignment: top}},
		{&st.center, excelize.Style{Font: font, Border: border, Alignment: center}},
		{&st.integer, excelize.Style{Font: font, Border: border, Alignment: right, NumFmt: 3}}, // #,##0
		{&st.decimal, excelize.Style{Font: font, Border: border, Alignment: right, NumFmt: 4}}, // #,##0.00
		{&st.totalLabel, excelize.Style{Font: bold, Border: border, Alignment: center}},
		{&st.totalInteger, excelize.Style{Font: bold, Border: border, Alignment: right, NumFmt: 3}},
		{&st.totalDecim, excelize.Style{Font: bold, Border: border, Alignment: right, NumFmt: 4}},
	} {
		id, err := x.NewStyle(&d.style)
		if err != nil {
			return st, err
		}
		*d.id = id
	}
	return st, nil
}

// XLSX writes the annex: sheet "Phụ lục" with the title (row 1), one header row (STT, Đơn vị,
// then each indicator "Label (Unit)"), then for each group a bold title row and one row per
// unit, numbers stored as numbers, then a "Tổng cộng" row of formulas over all unit rows: SUM
// for sum, AVERAGE for average, COUNTA for count and for text indicators. The totals are also
// stored as the formulas' cached values, and the workbook asks to be recalculated on opening.
func XLSX(w io.Writer, a Annex) error {
	x := excelize.NewFile()
	defer x.Close()
	if err := x.SetSheetName("Sheet1", AnnexSheet); err != nil {
		return err
	}
	if err := x.SetDefaultFont(annexFont); err != nil {
		return err
	}
	yes := true
	if err := x.SetCalcProps(&excelize.CalcPropsOptions{FullCalcOnLoad: &yes}); err != nil {
		return err
	}
	st, err := newAnnexStyles(x)
	if err != nil {
		return err
	}
	sw, err := x.NewStreamWriter(AnnexSheet)
	if err != nil {
		return err
	}
	if err := writeAnnex(sw, st, a); err != nil {
		return err
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	_, err = x.WriteTo(w)
	return err
}

func writeAnnex(sw *excelize.StreamWriter, st annexStyles, a Annex) error {
	cols := 2 + len(a.Indicators)
	lastCol, _ := excelize.ColumnNumberToName(cols)
	for _, cw := range []struct {
		min, max int
		width    float64
	}{{1, 1, 6}, {2, 2, 36}, {3, cols, 16}} {
		if cw.min <= cw.max {
			if err := sw.SetColWidth(cw.min, cw.max, cw.width); err != nil {
				return err
			}
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, XSplit: 2, YSplit: AnnexHeaderRow,
		TopLeftCell: fmt.Sprintf("C%d", annexFirstRow), ActivePane: "bottomRight"}); err != nil {
		return err
	}
	// Title and header.
	if err := sw.SetRow(cellRef(1, AnnexTitleRow), []any{excelize.Cell{StyleID: st.title, Value: strings.TrimSpace(clean(a.Title))}},
		excelize.RowOpts{Height: 36}); err != nil {
		return err
	}
	if err := sw.MergeCell(cellRef(1, AnnexTitleRow), fmt.Sprintf("%s%d", lastCol, AnnexTitleRow)); err != nil {
		return err
	}
	header := []any{excelize.Cell{StyleID: st.header, Value: "STT"}, excelize.Cell{StyleID: st.header, Value: "Đơn vị"}}
	for _, ind := range a.Indicators {
		header = append(header, excelize.Cell{StyleID: st.header, Value: indicatorHeading(ind)})
	}
	if err := sw.SetRow(cellRef(1, AnnexHeaderRow), header); err != nil {
		return err
	}
	// Groups and units; totals computed along for the formulas' cached values.
	totals := make([]annexTotal, len(a.Indicators))
	row := annexFirstRow
	for g, grp := range a.Groups {
		cells := []any{excelize.Cell{StyleID: st.group, Value: roman(g + 1)}, excelize.Cell{StyleID: st.group, Value: strings.TrimSpace(clean(grp.Name))}}
		for range a.Indicators {
			cells = append(cells, excelize.Cell{StyleID: st.group})
		}
		if err := sw.SetRow(cellRef(1, row), cells); err != nil {
			return err
		}
		row++
		for i, u := range grp.Rows {
			cells := []any{excelize.Cell{StyleID: st.center, Value: i + 1}, excelize.Cell{StyleID: st.text, Value: strings.TrimSpace(clean(u.Unit))}}
			for k, ind := range a.Indicators {
				c := annexCell(st, ind, u.Values[ind.Code])
				totals[k].add(c.Value)
				cells = append(cells, c)
			}
			if err := sw.SetRow(cellRef(1, row), cells); err != nil {
				return err
			}
			row++
		}
	}
	// The total row.
	cells := []any{excelize.Cell{StyleID: st.totalLabel}, excelize.Cell{StyleID: st.totalLabel, Value: "Tổng cộng"}}
	for k, ind := range a.Indicators {
		cells = append(cells, totalCell(st, ind, k+3, row-1, totals[k]))
	}
	return sw.SetRow(cellRef(1, row), cells)
}

func cellRef(col, row int) string {
	ref, _ := excelize.CoordinatesToCellName(col, row)
	return ref
}

// indicatorHeading is "Label (Unit)", or the label alone.
func indicatorHeading(ind Indicator) string {
	label, unit := strings.TrimSpace(clean(ind.Label)), strings.TrimSpace(clean(ind.Unit))
	if unit == "" {
		return label
	}
	return label + " (" + unit + ")"
}

// annexCell is one value: a number for a numeric indicator when it parses, text otherwise.
func annexCell(st annexStyles, ind Indicator, raw string) excelize.Cell {
	raw = strings.TrimSpace(clean(raw))
	if raw == "" {
		return excelize.Cell{StyleID: st.text}
	}
	switch ind.Type {
	case "integer", "decimal", "percent":
		if v, ok := ParseNumber(raw, ind.Type); ok {
			if ind.Type == "integer" && v == math.Trunc(v) {
				return excelize.Cell{StyleID: st.integer, Value: v}
			}
			return excelize.Cell{StyleID: st.decimal, Value: v}
		}
	}
	return excelize.Cell{StyleID: st.text, Value: raw}
}

// annexTotal follows what Excel will compute over a column.
type annexTotal struct {
	sum            float64
	numbers, given int
}

func (t *annexTotal) add(v any) {
	switch v := v.(type) {
	case float64:
		t.sum += v
		t.numbers++
		t.given++
	case string:
		t.given++
	}
}

// totalCell is the formula of the total row for one indicator column, over rows first..last.
func totalCell(st annexStyles, ind Indicator, col, last int, t annexTotal) excelize.Cell {
	name, _ := excelize.ColumnNumberToName(col)
	rng := fmt.Sprintf("%s%d:%s%d", name, annexFirstRow, name, last)
	if last < annexFirstRow {
		return excelize.Cell{StyleID: st.totalInteger}
	}
	agg := ind.Agg
	if ind.Type == "text" || (agg != "sum" && agg != "average") {
		agg = "count"
	}
	switch agg {
	case "sum":
		style := st.totalInteger
		if ind.Type != "integer" || t.sum != math.Trunc(t.sum) {
			style = st.totalDecim
		}
		return excelize.Cell{StyleID: style, Formula: "SUM(" + rng + ")", Value: t.sum}
	case "average":
		c := excelize.Cell{StyleID: st.totalDecim, Formula: `IFERROR(AVERAGE(` + rng + `),"")`, Value: ""}
		if t.numbers > 0 {
			c.Value = t.sum / float64(t.numbers)
		}
		return c
	default:
		return excelize.Cell{StyleID: st.totalInteger, Formula: "COUNTA(" + rng + ")", Value: t.given}
	}
}

// ParseNumber reads a figure as people type it: "1234", "1.234" or "1,234" (thousands of an
// integer), "12,5" or "12.5" (decimal), "1.234,5" or "1,234.5", "45%" (percent: the number
// before the sign). With one separator only, it is the decimal separator, except in an
// integer whose separator is followed by exactly three digits (a thousands separator).
func ParseNumber(raw, typ string) (float64, bool) {
	s := strings.Map(func(r rune) rune {
		if r == ' ' || r == '\u00A0' || r == '\u202F' {
			return -1
		}
		return r
	}, strings.TrimSpace(raw))
	if typ == "percent" || strings.HasSuffix(s, "%") {
		s = strings.TrimSuffix(s, "%")
	}
	if s == "" {
		return 0, false
	}
	dots, commas := strings.Count(s, "."), strings.Count(s, ",")
	lastDot, lastComma := strings.LastIndex(s, "."), strings.LastIndex(s, ",")
	switch {
	case dots > 0 && commas > 0: // both: the last one is the decimal separator
		if lastDot > lastComma {
			s = strings.ReplaceAll(s, ",", "")
		} else {
			s = strings.ReplaceAll(strings.ReplaceAll(s, ".", ""), ",", ".")
		}
	case dots > 1 || commas > 1: // repeated: thousands
		s = strings.ReplaceAll(strings.ReplaceAll(s, ".", ""), ",", "")
	case dots == 1 || commas == 1:
		sep := max(lastDot, lastComma)
		if typ == "integer" && len(s)-sep-1 == 3 {
			s = s[:sep] + s[sep+1:]
		} else {
			s = s[:sep] + "." + s[sep+1:]
		}
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		return 0, false
	}
	return v, true
}

// roman writes n (1..3999) in Roman numerals, as group rows are numbered.
func roman(n int) string {
	if n <= 0 || n >= 4000 {
		return strconv.Itoa(n)
	}
	var b strings.Builder
	for _, p := range []struct {
		v int
		s string
	}{{1000, "M"}, {900, "CM"}, {500, "D"}, {400, "CD"}, {100, "C"}, {90, "XC"}, {50, "L"}, {40, "XL"}, {10, "X"}, {9, "IX"}, {5, "V"}, {4, "IV"}, {1, "I"}} {
		for n >= p.v {
			b.WriteString(p.s)
			n -= p.v
		}
	}
	return b.String()
}
