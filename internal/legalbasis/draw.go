package legalbasis

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"github.com/danvan-vn/danvan/internal/svgdraw"
)

// paint is how a box is coloured.
type paint struct {
	fill, stroke, dash string
	strokeW            float64
	ink                string
}

var (
	rootPaint       = paint{fill: "#fff4d6", stroke: "#b3261e", strokeW: 2.5, ink: "#1b1b1b"}
	resolvedPaint   = paint{fill: "#ffffff", stroke: "#1f4e79", strokeW: 1.5, ink: "#1b1b1b"}
	unresolvedPaint = paint{fill: "#f6f7f9", stroke: "#7a8ca3", strokeW: 1.5, dash: "5 4", ink: "#444444"}
)

const (
	linkInk = "#7a8ca3"
	linkW   = 1.5
	radius  = 6
)

func (p Placed) paint() paint {
	switch {
	case p.Root:
		return rootPaint
	case p.Resolved:
		return resolvedPaint
	}
	return unresolvedPaint
}

func num(f float64) string { return strconv.FormatFloat(f, 'f', 1, 64) }

// SVG draws the layout as a standalone SVG document: every colour and font is a presentation
// attribute (no style sheet, no script), so it looks the same inline in a page, opened on its
// own under a strict CSP, or in a slide program. A registered document's box is a link to its
// page. The class names are hooks for tests, never for looks.
func SVG(l Layout, label string) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %s %s" width="%s" height="%s" role="img" aria-label="%s" font-family="%s">`,
		num(l.W), num(l.H), num(l.W), num(l.H), svgdraw.Esc(label), svgdraw.FontStack)
	fmt.Fprintf(&b, `<title>%s</title>`, svgdraw.Esc(label))
	b.WriteString(`<defs><marker id="lb-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">` +
		`<path d="M0 0L10 5L0 10z" fill="` + linkInk + `"/></marker></defs>`)
	fmt.Fprintf(&b, `<rect width="%s" height="%s" fill="#ffffff"/>`, num(l.W), num(l.H))
	text := func(ls []Line, fill string) {
		for _, t := range ls {
			fmt.Fprintf(&b, `<text class="lb-%s" x="%s" y="%s" font-size="%s" fill="%s"`, t.Kind, num(t.X), num(t.Y), num(t.style.Size), fill)
			if t.style.Bold {
				b.WriteString(` font-weight="bold"`)
			}
			fmt.Fprintf(&b, `>%s</text>`, svgdraw.Esc(t.Text))
		}
	}
	text(l.Caption, "#1b1b1b")
	b.WriteString(`<g class="lb-links" fill="none" stroke="` + linkInk + `" stroke-width="` + num(linkW) + `">`)
	for _, k := range l.Links {
		var d strings.Builder
		for i, p := range k.Points {
			if i == 0 {
				d.WriteString("M")
			} else {
				d.WriteString("L")
			}
			d.WriteString(num(p.X) + " " + num(p.Y))
		}
		dash := ""
		if k.Unresolved {
			dash = ` stroke-dasharray="5 4"`
		}
		fmt.Fprintf(&b, `<path class="lb-link" d="%s" marker-end="url(#lb-arrow)"%s/>`, d.String(), dash)
	}
	b.WriteString(`</g>`)
	for _, p := range l.Boxes {
		pt := p.paint()
		class := "lb-box"
		switch {
		case p.Root:
			class += " lb-root"
		case !p.Resolved:
			class += " lb-unresolved"
		}
		if p.Link != "" {
			fmt.Fprintf(&b, `<a href="%s">`, svgdraw.Esc(p.Link))
		}
		full := strings.Join(nonEmpty(p.Label, p.Date, p.Issuer, p.Note), " · ")
		fmt.Fprintf(&b, `<g class="%s"><title>%s</title>`, class, svgdraw.Esc(full))
		fmt.Fprintf(&b, `<rect x="%s" y="%s" width="%s" height="%s" rx="%d" fill="%s" stroke="%s" stroke-width="%s"`,
			num(p.X), num(p.Y), num(p.W), num(p.H), radius, pt.fill, pt.stroke, num(pt.strokeW))
		if pt.dash != "" {
			fmt.Fprintf(&b, ` stroke-dasharray="%s"`, pt.dash)
		}
		b.WriteString(`/>`)
		ink := pt.ink
		if p.Link != "" {
			ink = "#0b4f8a"
		}
		text(p.Lines[:min(len(p.Lines), countKind(p.Lines, "label"))], ink)
		text(p.Lines[countKind(p.Lines, "label"):], pt.ink)
		b.WriteString(`</g>`)
		if p.Link != "" {
			b.WriteString(`</a>`)
		}
	}
	b.WriteString(`</svg>`)
	return b.Bytes()
}

// countKind counts the leading lines of a kind.
func countKind(ls []Line, kind string) int {
	n := 0
	for n < len(ls) && ls[n].Kind == kind {
		n++
	}
	return n
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			out = append(out, s)
		}
	}
	return out
}
