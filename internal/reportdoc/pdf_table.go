package reportdoc

import "strings"

// PDF tables: bordered, 12 pt (smaller down to 7 pt when the columns do not fit the width),
// header row bold and repeated at the top of every page, footer row bold.

const (
	cellPadX, cellPadY  = 1.0, 0.8
	tablePt, minTablePt = 12.0, 7.0
)

// pdfTable is a table ready to draw: its cells, its font size and column widths.
type pdfTable struct {
	header, footer []string
	rows           [][]string
	cols           int
	size           float64
	widths         []float64
}

func (p *pdfDoc) table(t Table) {
	pt := pdfTable{cols: tableColumns(t)}
	if pt.cols == 0 {
		return
	}
	pad := func(r []string) []string {
		out := make([]string, pt.cols)
		for i := range min(len(r), pt.cols) {
			out[i] = strings.TrimSpace(pdfText(r[i]))
		}
		return out
	}
	if len(t.Columns) > 0 {
		pt.header = pad(t.Columns)
	}
	if len(t.Footer) > 0 {
		pt.footer = pad(t.Footer)
	}
	for _, r := range t.Rows {
		pt.rows = append(pt.rows, pad(r))
	}
	p.fitColumns(&pt)

	if title := strings.TrimSpace(t.Title); title != "" {
		p.y += beforeMM
		p.room(3 * bodyLineH)
		p.paragraph(block{x: marginLeft, width: textW, size: bodyPt, lineH: bodyLineH, align: "C"}, run{runProps{Bold: true}, title})
		p.y += 1
	}
	if pt.header != nil {
		p.room(p.rowHeight(pt, pt.header, true) + p.rowHeight(pt, firstRow(pt), false))
		p.row(pt, pt.header, true, true)
	}
	for _, r := range pt.rows {
		p.tableRow(pt, r, false)
	}
	if pt.footer != nil {
		p.tableRow(pt, pt.footer, true)
	}
	p.y += 2
}

func firstRow(pt pdfTable) []string {
	if len(pt.rows) > 0 {
		return pt.rows[0]
	}
	return make([]string, pt.cols)
}

// tableRow draws a row, starting a new page (with the header again) when it does not fit.
func (p *pdfDoc) tableRow(pt pdfTable, cells []string, bold bool) {
	h := p.rowHeight(pt, cells, bold)
	if p.y+h > pageH-marginBot {
		p.newPage()
		if pt.header != nil {
			p.row(pt, pt.header, true, true)
		}
	}
	p.row(pt, cells, false, bold)
}

func (p *pdfDoc) lineH(pt pdfTable) float64 { return pt.size * ptMM * 1.2 }

func (p *pdfDoc) cellLines(pt pdfTable, text string, width float64, bold bool) [][]word {
	var out [][]word
	for _, l := range lines(text) {
		ws := p.words([]run{{runProps{Bold: bold}, l}}, pt.size)
		if len(ws) == 0 {
			out = append(out, nil)
			continue
		}
		out = append(out, p.breakLines(ws, width-2*cellPadX, 0, pt.size)...)
	}
	return out
}

func (p *pdfDoc) rowHeight(pt pdfTable, cells []string, bold bool) float64 {
	n := 1
	for i, c := range cells {
		n = max(n, len(p.cellLines(pt, c, pt.widths[i], bold)))
	}
	return float64(n)*p.lineH(pt) + 2*cellPadY
}

// row draws one row at p.y: borders, then each cell's lines.
func (p *pdfDoc) row(pt pdfTable, cells []string, header, bold bool) {
	h := p.rowHeight(pt, cells, bold)
	x := marginLeft
	p.f.SetLineWidth(0.2)
	for i, c := range cells {
		w := pt.widths[i]
		p.f.Rect(x, p.y, w, h, "D")
		align := "L"
		switch {
		case header:
			align = "C"
		case looksNumeric(c):
			align = "R"
		}
		ls := p.cellLines(pt, c, w, bold)
		y := p.y + cellPadY + (h-2*cellPadY-float64(len(ls))*p.lineH(pt))/2
		saved := p.y
		for _, l := range ls {
			p.y = y
			p.drawLine(l, block{x: x + cellPadX, width: w - 2*cellPadX, size: pt.size, lineH: p.lineH(pt), align: align})
			y += p.lineH(pt)
		}
		p.y = saved
		x += w
	}
	p.y += h
}

// fitColumns picks the font size and the column widths: each column gets what its text needs,
// shared out over the text width; when even the longest words do not fit, the font shrinks.
func (p *pdfDoc) fitColumns(pt *pdfTable) {
	all := append([][]string{}, pt.rows...)
	if pt.header != nil {
		all = append(all, pt.header)
	}
	if pt.footer != nil {
		all = append(all, pt.footer)
	}
	for size := tablePt; ; size-- {
		natural, least := p.columnNeeds(all, pt.cols, size)
		pt.size = size
		if sum(least) <= textW || size <= minTablePt {
			pt.widths = shareWidths(natural, least, textW)
			return
		}
	}
}

// shareWidths shares total out over columns that need natural (each cell on one line) and at
// least least (their longest word): all natural widths scaled when they fit, else the least
// widths plus the rest in proportion to what each column still wants, else the least widths
// scaled down.
func shareWidths(natural, least []float64, total float64) []float64 {
	sumN, sumL := sum(natural), sum(least)
	out := make([]float64, len(natural))
	for i := range out {
		switch {
		case sumN <= total:
			out[i] = natural[i] * total / sumN
		case sumL <= total:
			out[i] = least[i] + (total-sumL)*(natural[i]-least[i])/(sumN-sumL)
		default:
			out[i] = least[i] * total / sumL
		}
	}
	return out
}

// columnNeeds measures each column: its widest cell on one line, and its longest word.
func (p *pdfDoc) columnNeeds(rows [][]string, cols int, size float64) (natural, least []float64) {
	natural, least = make([]float64, cols), make([]float64, cols)
	p.setFont("B", size) // bold is the widest; header and footer are bold
	for _, r := range rows {
		for i, c := range r {
			for _, l := range lines(c) {
				natural[i] = max(natural[i], p.f.GetStringWidth(l))
				for _, w := range strings.Fields(l) {
					least[i] = max(least[i], p.f.GetStringWidth(w))
				}
			}
		}
	}
	for i := range cols {
		natural[i] = min(natural[i], 70) + 2*cellPadX + 0.5
		least[i] = min(least[i], 40) + 2*cellPadX + 0.5
	}
	return natural, least
}

func sum(xs []float64) float64 {
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s
}
