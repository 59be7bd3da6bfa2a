// Package orgchart lays out an organisation chart of tiers of boxes (a committee: its head,
// the deputies, the members, the support team) and draws it as an SVG document that renders
// on its own, or as a PNG picture for a slide. It is pure: a chart in, bytes out.
//
// The layout: the tiers go top to bottom, each in rows of at most PerRow boxes; one trunk line
// runs down the middle from the top box, and each row hangs from a horizontal bus in the gap
// above it. A row the trunk goes on past keeps a gap at the middle for it, so no line ever
// crosses a box or its text. Texts are wrapped to the box width, measured with Liberation Sans
// (it has every Vietnamese letter; the PNG is drawn with it, and it has Arial's metrics, which
// the SVG asks for), and a box grows with its lines: nothing is cut.
package orgchart

import "github.com/danvan-vn/danvan/internal/svgdraw"

// Kind is how a box is drawn.
type Kind string

// The kinds of box.
const (
	Head    Kind = "head"
	Deputy  Kind = "deputy"
	Member  Kind = "member"
	Support Kind = "support"
)

// Box is one person on the chart.
type Box struct {
	Kicker string // the position, e.g. "Trưởng ban"
	Name   string
	Title  string // the person's office
	Kind   Kind
}

// Chart is what to draw: a caption and tiers of boxes, top first. Empty tiers are skipped.
type Chart struct {
	Title string
	Tiers [][]Box
}

// Geometry, in SVG user units (CSS pixels).
const (
	PerRow  = 6 // boxes in a row at most; even, so a full row leaves the middle to the trunk
	boxW    = 232
	padX    = 12
	padY    = 10
	gapX    = 24
	gapY    = 44
	margin  = 24
	groupGa = 3 // between the kicker, the name and the title inside a box
	// textSlack keeps a line this much narrower than the box's inside: a viewer without
	// Arial or Liberation Sans draws the SVG with a wider sans-serif (DejaVu Sans is about 8%
	// wider).
	textSlack = 0.9
)

var (
	captionStyle = svgdraw.Style{Bold: true, Size: 18, Line: 24}
	kickerStyle  = svgdraw.Style{Bold: true, Size: 12, Line: 16}
	nameStyle    = svgdraw.Style{Bold: true, Size: 14, Line: 18}
	titleStyle   = svgdraw.Style{Size: 12, Line: 15}
)

// Line is one line of text, centred on X, its baseline at Y.
type Line struct {
	Text  string
	X, Y  float64
	style svgdraw.Style
	class string
}

// Rect is a box's place.
type Rect struct{ X, Y, W, H float64 }

// Seg is a connector segment, horizontal or vertical.
type Seg struct{ X1, Y1, X2, Y2 float64 }

// Placed is a box where it is drawn, with its lines of text.
type Placed struct {
	Box
	Rect
	Lines [][]Line // the kicker's lines, the name's, the title's
}

// Layout is a chart placed on a W × H canvas.
type Layout struct {
	W, H    float64
	Caption []Line
	Boxes   []Placed
	Links   []Seg
}

// newFaces makes the chart's font faces at a scale: 1 to lay out, PNGScale to draw the PNG.
func newFaces(scale float64) svgdraw.Faces {
	return svgdraw.NewFaces(scale, captionStyle, kickerStyle, nameStyle, titleStyle)
}

// Place lays a chart out.
func Place(c Chart) Layout {
	fs := newFaces(1)
	inner := (boxW - 2*padX) * textSlack
	type row struct {
		boxes []Placed
		h     float64
	}
	var rows []row
	for _, tier := range c.Tiers {
		for i := 0; i < len(tier); i += PerRow {
			var r row
			for _, b := range tier[i:min(i+PerRow, len(tier))] {
				p := Placed{Box: b}
				h := float64(2 * padY)
				for k, part := range []struct {
					text  string
					style svgdraw.Style
				}{{b.Kicker, kickerStyle}, {b.Name, nameStyle}, {b.Title, titleStyle}} {
					var ls []Line
					for _, t := range fs.Wrap(part.style, part.text, inner) {
						ls = append(ls, Line{Text: t, style: part.style, class: [...]string{"oc-pos", "oc-name", "oc-title"}[k]})
					}
					if len(ls) > 0 && h > 2*padY {
						h += groupGa
					}
					h += float64(len(ls)) * part.style.Line
					p.Lines = append(p.Lines, ls)
				}
				r.boxes = append(r.boxes, p)
				r.h = max(r.h, h)
			}
			rows = append(rows, r)
		}
	}
	const pitch = boxW + gapX
	// How far each row reaches from the middle line: a row the trunk passes keeps the middle
	// free (the odd box goes left), the last row is centred.
	left := func(i int) int { return (len(rows[i].boxes) + 1) / 2 }
	through := func(i int) bool { return i < len(rows)-1 && !(i == 0 && len(rows[0].boxes) == 1) }
	half := boxW / 2.0
	for i, r := range rows {
		if through(i) {
			half = max(half, float64(left(i))*pitch-gapX/2)
		} else {
			half = max(half, (float64(len(r.boxes))*pitch-gapX)/2)
		}
	}
	// The caption takes the chart's width, or the width of a slide's title line when that is wider.
	capW := max(2*half, 3*pitch-gapX)
	capLines := fs.Wrap(captionStyle, c.Title, capW)
	half = max(half, capW/2)
	l := Layout{W: 2 * (half + margin)}
	cx := l.W / 2
	y := float64(margin)
	for _, t := range capLines {
		y += captionStyle.Line
		l.Caption = append(l.Caption, Line{Text: t, X: cx, Y: y - 6, style: captionStyle, class: "oc-caption"})
	}
	if len(capLines) > 0 {
		y += gapY / 2
	}
	var trunkTop, trunkBottom float64
	for i, r := range rows {
		n := len(r.boxes)
		for j := range r.boxes {
			p := &r.boxes[j]
			var x float64
			switch {
			case through(i) && j < left(i):
				x = cx - gapX/2 - boxW - float64(left(i)-1-j)*pitch
			case through(i):
				x = cx + gapX/2 + float64(j-left(i))*pitch
			default:
				x = cx - (float64(n)*pitch-gapX)/2 + float64(j)*pitch
			}
			p.Rect = Rect{X: x, Y: y, W: boxW, H: r.h}
			// The text block is centred in the box's height.
			used := 0.0
			for _, ls := range p.Lines {
				if len(ls) > 0 && used > 0 {
					used += groupGa
				}
				for _, t := range ls {
					used += t.style.Line
				}
			}
			ty := y + (r.h-used)/2
			first := true
			for _, ls := range p.Lines {
				if len(ls) > 0 && !first {
					ty += groupGa
				}
				for k := range ls {
					ty += ls[k].style.Line
					// The baseline sits a quarter of the line height above the line's bottom.
					ls[k].X, ls[k].Y = x+boxW/2, ty-ls[k].style.Line*0.27
					first = false
				}
			}
			l.Boxes = append(l.Boxes, *p)
		}
		if i > 0 {
			// The bus in the gap above the row, and a drop to each box.
			bus := y - gapY/2
			lo, hi := cx, cx
			for _, p := range r.boxes {
				c := p.X + boxW/2
				lo, hi = min(lo, c), max(hi, c)
				l.Links = append(l.Links, Seg{c, bus, c, y})
			}
			l.Links = append(l.Links, Seg{lo, bus, hi, bus})
			trunkBottom = bus
			if i == 1 && n > 0 && len(rows[0].boxes) > 1 {
				// No single top box: the first row rises from the same bus.
				for _, p := range rows[0].boxes {
					c := p.X + boxW/2
					l.Links = append(l.Links, Seg{c, p.Y + p.H, c, bus})
					lo, hi = min(lo, c), max(hi, c)
				}
				l.Links = append(l.Links, Seg{lo, bus, hi, bus})
				trunkTop = bus
			}
		} else if n == 1 {
			trunkTop = y + r.h
		}
		y += r.h + gapY
	}
	if len(rows) > 1 && trunkBottom > trunkTop {
		l.Links = append(l.Links, Seg{cx, trunkTop, cx, trunkBottom})
	}
	l.H = y - gapY + margin
	return l
}
