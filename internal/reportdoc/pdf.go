package reportdoc

import (
	"io"
	"strconv"
	"strings"

	"github.com/go-fonts/liberation/liberationserifbold"
	"github.com/go-fonts/liberation/liberationserifbolditalic"
	"github.com/go-fonts/liberation/liberationserifitalic"
	"github.com/go-fonts/liberation/liberationserifregular"
	"github.com/go-pdf/fpdf"
)

// The PDF has the layout of the DOCX: A4, margins 20/20/30/15 mm, 14 pt body justified with a
// 1 cm first-line indent, page numbers centred at the top from page 2. Times New Roman cannot
// be embedded, so Liberation Serif (same metrics, every Vietnamese letter) stands for it.

const (
	pdfFamily             = "LiberationSerif"
	pageW, pageH          = 210.0, 297.0
	marginTop, marginBot  = 20.0, 20.0
	marginLeft, marginRgt = 30.0, 15.0
	textW                 = pageW - marginLeft - marginRgt
	ptMM                  = 25.4 / 72
	bodyPt                = 14.0
	bodyLineH             = 17 * ptMM // "exactly 17 pt"
	indentMM              = 10.0
	beforeMM              = 6 * ptMM
)

// PDF renders d as PDF with the layout of the DOCX.
func PDF(w io.Writer, d Doc) error {
	p := newPDF()
	p.letterhead(d)
	p.body(d)
	p.signature(d)
	if err := p.f.Error(); err != nil {
		return err
	}
	return p.f.Output(w)
}

// pdfDoc writes one PDF; y is where the next line starts.
type pdfDoc struct {
	f        *fpdf.Fpdf
	y        float64
	onHeader func(page int) // called for each page number drawn (tests)
	font     string         // style and size last set, to skip fpdf's costly SetFont
}

// setFont sets the font style ("", "B", "I", "BI") and size in points. (AddPage puts back
// the font the header function changes.)
func (p *pdfDoc) setFont(style string, size float64) {
	key := style + strconv.FormatFloat(size, 'f', -1, 64)
	if key != p.font {
		p.f.SetFont(pdfFamily, style, size)
		p.font = key
	}
}

func newPDF() *pdfDoc {
	f := fpdf.New("P", "mm", "A4", "")
	f.SetMargins(marginLeft, marginTop, marginRgt)
	f.SetCellMargin(0)
	f.SetAutoPageBreak(false, marginBot)
	f.AddUTF8FontFromBytes(pdfFamily, "", liberationserifregular.TTF)
	f.AddUTF8FontFromBytes(pdfFamily, "B", liberationserifbold.TTF)
	f.AddUTF8FontFromBytes(pdfFamily, "I", liberationserifitalic.TTF)
	f.AddUTF8FontFromBytes(pdfFamily, "BI", liberationserifbolditalic.TTF)
	f.SetTitle("Báo cáo", true)
	f.SetCreator("danvan", true)
	p := &pdfDoc{f: f}
	f.SetHeaderFuncMode(func() {
		if f.PageNo() < 2 {
			return
		}
		f.SetFont(pdfFamily, "", 13)
		f.SetXY(marginLeft, 10)
		f.CellFormat(textW, 6, strconv.Itoa(f.PageNo()), "", 0, "C", false, 0, "")
		if p.onHeader != nil {
			p.onHeader(f.PageNo())
		}
	}, true)
	p.newPage()
	return p
}

func (p *pdfDoc) newPage() {
	p.f.AddPage()
	p.y = marginTop
}

// room makes sure h millimetres fit on the page, starting a new page otherwise.
func (p *pdfDoc) room(h float64) {
	if p.y+h > pageH-marginBot && p.y > marginTop {
		p.newPage()
	}
}

func fontStyle(rp runProps) string {
	s := ""
	if rp.Bold {
		s += "B"
	}
	if rp.Italic {
		s += "I"
	}
	return s
}

// pdfText makes text printable with the embedded font: tabs become spaces, letters outside the
// Basic Multilingual Plane (which the font's width table does not cover) become "?".
func pdfText(s string) string {
	s = clean(s)
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t':
			return ' '
		case r > 0xFFFF:
			return '?'
		}
		return r
	}, s)
}

// word is one word of a paragraph, measured in its font.
type word struct {
	text  string
	rp    runProps
	w     float64
	space float64 // width of the space before it; 0 when glued to the previous word
}

// block is how a paragraph is laid out.
type block struct {
	x, width float64 // left edge and width of the text column
	size     float64 // font size, pt
	lineH    float64 // mm
	align    string  // "J", "C", "L", "R"
	indent   float64 // first line, mm
}

// words splits runs into measured words.
func (p *pdfDoc) words(runs []run, size float64) []word {
	var out []word
	spaceBefore := false
	for _, r := range runs {
		text := pdfText(r.Text)
		if text == "" {
			continue
		}
		p.setFont(fontStyle(r.Props), size)
		spaceW := p.f.GetStringWidth(" ")
		if strings.HasPrefix(text, " ") {
			spaceBefore = true
		}
		for i, t := range strings.Fields(text) {
			sp := 0.0
			if (i > 0 || spaceBefore) && len(out) > 0 {
				sp = spaceW
			}
			out = append(out, word{text: t, rp: r.Props, w: p.f.GetStringWidth(t), space: sp})
		}
		spaceBefore = strings.HasSuffix(text, " ")
	}
	return out
}

// breakLines splits words into lines no wider than width (the first one width-indent); a word
// wider than a line is cut.
func (p *pdfDoc) breakLines(ws []word, width, indent float64, size float64) [][]word {
	var lines [][]word
	var cur []word
	curW := 0.0
	avail := width - indent
	for i := 0; i < len(ws); i++ {
		wd := ws[i]
		add := wd.w
		if len(cur) > 0 {
			add += wd.space
		}
		if len(cur) > 0 && curW+add > avail {
			lines = append(lines, cur)
			cur, curW, avail = nil, 0, width
			i--
			continue
		}
		if len(cur) == 0 && wd.w > avail {
			head, tail := p.cutWord(wd, avail, size)
			cur = append(cur, head)
			lines = append(lines, cur)
			cur, curW, avail = nil, 0, width
			if tail.text != "" {
				ws[i] = tail
				i--
			}
			continue
		}
		cur = append(cur, wd)
		curW += add
	}
	if len(cur) > 0 {
		lines = append(lines, cur)
	}
	return lines
}

// cutWord splits a word too wide for a line: the head that fits (at least one letter) and the
// rest.
func (p *pdfDoc) cutWord(wd word, avail, size float64) (word, word) {
	p.setFont(fontStyle(wd.rp), size)
	rs := []rune(wd.text)
	n := 1
	for n < len(rs) && p.f.GetStringWidth(string(rs[:n+1])) <= avail {
		n++
	}
	head := word{text: string(rs[:n]), rp: wd.rp, w: p.f.GetStringWidth(string(rs[:n])), space: wd.space}
	tail := word{text: string(rs[n:]), rp: wd.rp}
	tail.w = p.f.GetStringWidth(tail.text)
	return head, tail
}

// paragraph lays runs out as a block from p.y, breaking pages between lines. A justified
// block leaves its last line ragged.
func (p *pdfDoc) paragraph(b block, runs ...run) {
	ws := p.words(runs, b.size)
	if len(ws) == 0 {
		return
	}
	lines := p.breakLines(ws, b.width, b.indent, b.size)
	for i, line := range lines {
		p.room(b.lineH)
		lb := b
		if i > 0 {
			lb.indent = 0
		}
		if i == len(lines)-1 && b.align == "J" {
			lb.align = "L"
		}
		p.drawLine(line, lb)
		p.y += b.lineH
	}
}

// drawLine draws one line of words at p.y.
func (p *pdfDoc) drawLine(line []word, b block) {
	if len(line) == 0 {
		return
	}
	indent := b.indent
	natural := 0.0
	gaps := 0
	for i, w := range line {
		natural += w.w
		if i > 0 {
			natural += w.space
			if w.space > 0 {
				gaps++
			}
		}
	}
	avail := b.width - indent
	x := b.x + indent
	extra := 0.0
	switch b.align {
	case "C":
		x += (avail - natural) / 2
	case "R":
		x += avail - natural
	case "J":
		if gaps > 0 && natural < avail {
			extra = (avail - natural) / float64(gaps)
		}
	}
	if uniform(line) {
		// One style: one text operation for the line (fpdf spreads a justified line itself).
		var sb strings.Builder
		for i, w := range line {
			if i > 0 && w.space > 0 {
				sb.WriteByte(' ')
			}
			sb.WriteString(w.text)
		}
		p.setFont(fontStyle(line[0].rp), b.size)
		if extra > 0 {
			p.f.SetXY(x, p.y)
			p.f.CellFormat(avail, b.lineH, sb.String(), "", 0, "J", false, 0, "")
		} else {
			p.f.Text(x, p.y+b.lineH/2+0.3*b.size*ptMM, sb.String())
		}
		return
	}
	baseline := p.y + b.lineH/2 + 0.3*b.size*ptMM
	underFrom := -1.0 // start of the underlined stretch being drawn
	for i, w := range line {
		if i > 0 {
			x += w.space
			if w.space > 0 {
				x += extra
			}
		}
		p.setFont(fontStyle(w.rp), b.size)
		p.f.Text(x, baseline, w.text)
		if w.rp.Underline && underFrom < 0 {
			underFrom = x
		}
		x += w.w
		if underFrom >= 0 && (i == len(line)-1 || !line[i+1].rp.Underline) {
			p.f.SetLineWidth(0.25)
			p.f.Line(underFrom, baseline+1, x, baseline+1)
			underFrom = -1
		}
	}
}

// uniform reports whether a line is in one style, not underlined.
func uniform(line []word) bool {
	for _, w := range line {
		if w.rp != line[0].rp || w.rp.Underline {
			return false
		}
	}
	return true
}

// justified is a body paragraph: 6 pt before, first line indented 1 cm.
func (p *pdfDoc) justified(runs ...run) {
	p.y += beforeMM
	p.paragraph(block{x: marginLeft, width: textW, size: bodyPt, lineH: bodyLineH, align: "J", indent: indentMM}, runs...)
}

// shortRule draws a centred line of the given length at p.y.
func (p *pdfDoc) shortRule(x, width, length float64) {
	p.f.SetLineWidth(0.3)
	mid := x + width/2
	p.f.Line(mid-length/2, p.y, mid+length/2, p.y)
}

// letterhead draws the two columns of the top block, the kind and the summary.
func (p *pdfDoc) letterhead(d Doc) {
	const (
		leftX, leftW   = marginLeft - 5, 72.0
		rightX, rightW = leftX + leftW, pageW - marginRgt + 5 - (leftX + leftW)
	)
	lh := d.Letterhead
	line13 := 13 * ptMM * 1.2
	line14 := 14 * ptMM * 1.2
	top := p.y
	// Left: parent body, issuer, short line, number.
	p.paragraph(block{x: leftX, width: leftW, size: 13, lineH: line13, align: "C"},
		run{runProps{}, strings.ToUpper(strings.TrimSpace(lh.Parent))})
	p.paragraph(block{x: leftX, width: leftW, size: 13, lineH: line13, align: "C"},
		run{runProps{Bold: true}, strings.ToUpper(strings.TrimSpace(lh.Issuer))})
	p.y += 0.8
	p.shortRule(leftX, leftW, 22)
	p.y += 2
	p.paragraph(block{x: leftX, width: leftW, size: 13, lineH: line13, align: "C"},
		run{runProps{}, "Số: " + numberText(d.Number)})
	leftEnd := p.y
	// Right: national title, motto underlined, place and date.
	p.y = top
	p.paragraph(block{x: rightX, width: rightW, size: 13, lineH: line13, align: "C"},
		run{runProps{Bold: true}, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"})
	p.paragraph(block{x: rightX, width: rightW, size: 14, lineH: line14, align: "C"},
		run{runProps{Bold: true, Underline: true}, "Độc lập - Tự do - Hạnh phúc"})
	p.y += 4
	p.paragraph(block{x: rightX, width: rightW, size: 14, lineH: line14, align: "C"},
		run{runProps{Italic: true}, DateLine(lh.Place, d.Date)})
	p.y = max(p.y, leftEnd) + 8
	// Kind and summary.
	center := block{x: marginLeft, width: textW, size: 14, lineH: line14, align: "C"}
	p.paragraph(center, run{runProps{Bold: true}, kindText(d.Kind)})
	p.paragraph(center, run{runProps{Bold: true}, strings.TrimSpace(d.Summary)})
	p.y += 1.5
	p.shortRule(marginLeft, textW, 30)
	p.y += 2
}

func (p *pdfDoc) body(d Doc) {
	for _, s := range d.Intro {
		p.para(Para{Text: s})
	}
	for _, s := range d.Sections {
		p.section(s, 0)
	}
}

func (p *pdfDoc) section(s Section, depth int) {
	if h := headingText(s); h != "" {
		p.room(beforeMM + 2*bodyLineH) // keep a heading with the next line
		p.justified(run{runProps{Bold: true, Italic: depth >= 2}, h})
	}
	for _, para := range s.Paras {
		p.para(para)
	}
	for _, t := range s.Tables {
		p.table(t)
	}
	for _, c := range s.Children {
		p.section(c, depth+1)
	}
}

func (p *pdfDoc) para(para Para) {
	lead := para.Lead
	for i, line := range lines(para.Text) {
		if i > 0 {
			lead = ""
		}
		if lead == "" && strings.TrimSpace(line) == "" {
			continue
		}
		p.justified(run{runProps{Bold: true, Italic: para.Italic}, lead}, run{runProps{Italic: para.Italic}, line})
	}
}

// signature draws Nơi nhận at the left and the signer at the right, on one page.
func (p *pdfDoc) signature(d Doc) {
	lh := d.Letterhead
	title := lines(strings.ToUpper(strings.TrimSpace(pdfText(lh.SignerTitle))))
	recipients := recipientLines(d.Recipients)
	line12 := 12 * ptMM * 1.25
	line11 := 11 * ptMM * 1.25
	line14 := 14 * ptMM * 1.2
	need := max(float64(len(title))*line14+28+line14, line12+float64(len(recipients))*line11*1.5)
	p.y += 6
	p.room(need)
	top := p.y
	// Left: Nơi nhận.
	const leftW, rightX = 75.0, marginLeft + 75.0
	p.paragraph(block{x: marginLeft, width: leftW, size: 12, lineH: line12, align: "L"}, run{runProps{Bold: true, Italic: true}, "Nơi nhận:"})
	for _, r := range recipients {
		p.paragraph(block{x: marginLeft, width: leftW, size: 11, lineH: line11, align: "L"}, run{runProps{}, r})
	}
	// Right: title, room to sign, name.
	p.y = top
	right := block{x: rightX, width: pageW - marginRgt - rightX, size: 14, lineH: line14, align: "C"}
	for _, t := range title {
		p.paragraph(right, run{runProps{Bold: true}, t})
	}
	p.y += 28
	p.paragraph(right, run{runProps{Bold: true}, strings.TrimSpace(lh.SignerName)})
}
