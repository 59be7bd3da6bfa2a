package reportdoc

import (
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// This file writes the WordprocessingML of the generated body ({{noi_dung}}) and of the
// recipients ({{noi_nhan}}). Every run names its font and size, so the body keeps the layout of
// Nghị định 30 whatever the defaults of an uploaded template are.

// Sizes in half-points and lengths in twentieths of a point (twips).
const (
	bodySize      = 28  // 14 pt
	tableSize     = 24  // 12 pt
	firstIndent   = 567 // 1 cm
	spaceBefore   = 120 // 6 pt
	lineSpacing   = 276 // 1.15 lines (in 240ths of a line)
	textWidthTwip = 9355
	fontName      = "Times New Roman"
)

// runProps is the formatting of a run.
type runProps struct {
	Bold, Italic, Underline bool
	Size                    int // half-points; 0 = bodySize
}

// paraProps is the formatting of a paragraph.
type paraProps struct {
	Align          string // "both", "center", "left", "right"
	FirstLine      int    // twips
	Before, After  int    // twips
	Line           int    // 240ths of a line; 0 = single
	KeepNext       bool
	MarkSize       int // size of the paragraph mark, half-points; 0 = bodySize
	CantBreakLines bool
}

var (
	bodyPara    = paraProps{Align: "both", FirstLine: firstIndent, Before: spaceBefore, Line: lineSpacing}
	headingPara = paraProps{Align: "both", FirstLine: firstIndent, Before: spaceBefore, Line: lineSpacing, KeepNext: true}
	titlePara   = paraProps{Align: "center", Before: spaceBefore, After: 60, Line: lineSpacing, KeepNext: true}
	cellPara    = paraProps{Align: "left", MarkSize: tableSize}
	gapPara     = paraProps{Align: "left", MarkSize: 12, Line: 240}
)

// xmlText writes s escaped for XML character data and attribute values.
func xmlText(b io.StringWriter, s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		var esc string
		switch s[i] {
		case '&':
			esc = "&amp;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '"':
			esc = "&quot;"
		case '\'':
			esc = "&apos;"
		default:
			continue
		}
		b.WriteString(s[last:i])
		b.WriteString(esc)
		last = i + 1
	}
	b.WriteString(s[last:])
}

func writeRPr(b io.StringWriter, rp runProps) {
	size := rp.Size
	if size == 0 {
		size = bodySize
	}
	b.WriteString(`<w:rPr><w:rFonts w:ascii="` + fontName + `" w:hAnsi="` + fontName + `" w:cs="` + fontName + `"/>`)
	if rp.Bold {
		b.WriteString(`<w:b/><w:bCs/>`)
	}
	if rp.Italic {
		b.WriteString(`<w:i/><w:iCs/>`)
	}
	sz := strconv.Itoa(size)
	b.WriteString(`<w:sz w:val="` + sz + `"/><w:szCs w:val="` + sz + `"/>`)
	if rp.Underline {
		b.WriteString(`<w:u w:val="single"/>`)
	}
	b.WriteString(`</w:rPr>`)
}

// writeRun writes one run of text; tabs become <w:tab/>.
func writeRun(b io.StringWriter, rp runProps, text string) {
	if text == "" {
		return
	}
	b.WriteString(`<w:r>`)
	writeRPr(b, rp)
	for i, part := range strings.Split(text, "\t") {
		if i > 0 {
			b.WriteString(`<w:tab/>`)
		}
		if part != "" {
			b.WriteString(`<w:t xml:space="preserve">`)
			xmlText(b, part)
			b.WriteString(`</w:t>`)
		}
	}
	b.WriteString(`</w:r>`)
}

func writePPr(b io.StringWriter, pp paraProps) {
	b.WriteString(`<w:pPr>`)
	if pp.KeepNext {
		b.WriteString(`<w:keepNext/>`)
	}
	if pp.CantBreakLines {
		b.WriteString(`<w:keepLines/>`)
	}
	b.WriteString(`<w:spacing w:before="` + strconv.Itoa(pp.Before) + `" w:after="` + strconv.Itoa(pp.After) + `"`)
	if pp.Line > 0 {
		b.WriteString(` w:line="` + strconv.Itoa(pp.Line) + `" w:lineRule="auto"`)
	}
	b.WriteString(`/>`)
	if pp.FirstLine > 0 {
		b.WriteString(`<w:ind w:firstLine="` + strconv.Itoa(pp.FirstLine) + `"/>`)
	}
	if pp.Align != "" {
		b.WriteString(`<w:jc w:val="` + pp.Align + `"/>`)
	}
	size := pp.MarkSize
	if size == 0 {
		size = bodySize
	}
	writeRPr(b, runProps{Size: size})
	b.WriteString(`</w:pPr>`)
}

// run is a piece of a paragraph with its formatting.
type run struct {
	Props runProps
	Text  string
}

func writePara(b io.StringWriter, pp paraProps, runs ...run) {
	b.WriteString(`<w:p>`)
	writePPr(b, pp)
	for _, r := range runs {
		writeRun(b, r.Props, r.Text)
	}
	b.WriteString(`</w:p>`)
}

// writeBody writes the generated body: intro paragraphs, then the sections.
func writeBody(b io.StringWriter, d Doc) {
	for _, p := range d.Intro {
		writeBodyPara(b, Para{Text: p})
	}
	for _, s := range d.Sections {
		writeSection(b, s, 0)
	}
}

func writeSection(b io.StringWriter, s Section, depth int) {
	if h := headingText(s); h != "" {
		writePara(b, headingPara, run{runProps{Bold: true, Italic: depth >= 2}, h})
	}
	for _, p := range s.Paras {
		writeBodyPara(b, p)
	}
	for _, t := range s.Tables {
		writeTable(b, t)
	}
	for _, c := range s.Children {
		writeSection(b, c, depth+1)
	}
}

// writeBodyPara writes one paragraph per line of p.Text, the first one led by p.Lead in bold.
func writeBodyPara(b io.StringWriter, p Para) {
	lead := clean(p.Lead)
	for i, line := range lines(clean(p.Text)) {
		if i > 0 {
			lead = ""
		}
		if lead == "" && strings.TrimSpace(line) == "" {
			continue
		}
		writePara(b, bodyPara,
			run{runProps{Bold: true, Italic: p.Italic}, lead},
			run{runProps{Italic: p.Italic}, line})
	}
}

// writeTable writes a bordered table whose header row repeats on every page, then an empty
// paragraph (two tables in a row would merge, and a table cell must end with a paragraph).
func writeTable(b io.StringWriter, t Table) {
	if title := strings.TrimSpace(clean(t.Title)); title != "" {
		writePara(b, titlePara, run{runProps{Bold: true}, title})
	}
	cols := tableColumns(t)
	if cols == 0 {
		return
	}
	b.WriteString(`<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/><w:jc w:val="center"/><w:tblBorders>`)
	for _, side := range []string{"top", "left", "bottom", "right", "insideH", "insideV"} {
		b.WriteString(`<w:` + side + ` w:val="single" w:sz="4" w:space="0" w:color="000000"/>`)
	}
	b.WriteString(`</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>`)
	widths := docxColumnWidths(t, cols)
	for _, w := range widths {
		b.WriteString(`<w:gridCol w:w="` + w + `"/>`)
	}
	b.WriteString(`</w:tblGrid>`)
	if len(t.Columns) > 0 {
		writeRow(b, t.Columns, widths, true, true)
	}
	for _, r := range t.Rows {
		writeRow(b, r, widths, false, false)
	}
	if len(t.Footer) > 0 {
		writeRow(b, t.Footer, widths, false, true)
	}
	b.WriteString(`</w:tbl>`)
	writePara(b, gapPara)
}

// tableColumns is the number of columns: the widest of the header, the rows and the footer.
func tableColumns(t Table) int {
	n := max(len(t.Columns), len(t.Footer))
	for _, r := range t.Rows {
		n = max(n, len(r))
	}
	return n
}

// docxColumnWidths shares the text width out over the columns by what their text needs,
// counted in letters (a 12 pt letter is about 120 twips): each cell on one line if that fits,
// else at least each column's longest word.
func docxColumnWidths(t Table, cols int) []string {
	natural, least := make([]float64, cols), make([]float64, cols)
	measure := func(r []string) {
		for i, c := range r[:min(len(r), cols)] {
			for _, l := range lines(c) {
				natural[i] = max(natural[i], float64(min(utf8.RuneCountInString(l), 60)))
				for _, w := range strings.Fields(l) {
					least[i] = max(least[i], float64(min(utf8.RuneCountInString(w), 25)))
				}
			}
		}
	}
	measure(t.Columns)
	for _, r := range t.Rows {
		measure(r)
	}
	measure(t.Footer)
	for i := range cols {
		natural[i] += 2
		least[i] += 2
	}
	out := make([]string, cols)
	for i, w := range shareWidths(natural, least, textWidthTwip/120.0) {
		out[i] = strconv.Itoa(int(w * 120))
	}
	return out
}

func writeRow(b io.StringWriter, cells []string, widths []string, header, bold bool) {
	cols := len(widths)
	b.WriteString(`<w:tr><w:trPr><w:cantSplit/>`)
	if header {
		b.WriteString(`<w:tblHeader/>`)
	}
	b.WriteString(`</w:trPr>`)
	for i := range cols {
		var text string
		if i < len(cells) {
			text = strings.TrimSpace(clean(cells[i]))
		}
		pp := cellPara
		switch {
		case header:
			pp.Align = "center"
		case looksNumeric(text):
			pp.Align = "right"
		}
		b.WriteString(`<w:tc><w:tcPr><w:tcW w:w="` + widths[i] + `" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>`)
		for j, line := range lines(text) {
			if j > 0 && line == "" {
				continue
			}
			writePara(b, pp, run{runProps{Bold: bold, Size: tableSize}, line})
		}
		b.WriteString(`</w:tc>`)
	}
	b.WriteString(`</w:tr>`)
}

// looksNumeric reports whether a table cell holds a figure ("1.234", "12,5", "45%", "-3").
func looksNumeric(s string) bool {
	if s == "" {
		return false
	}
	digits := 0
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '.' || r == ',' || r == ' ' || r == '\u00A0':
		case r == '%' && i == len(s)-1:
		case (r == '-' || r == '+') && i == 0:
		default:
			return false
		}
	}
	return digits > 0
}
