package orgchart

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"strconv"
	"strings"

	"github.com/danvan-vn/danvan/internal/svgdraw"
	"golang.org/x/image/font"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"
)

// paint is how a kind of box is coloured.
type paint struct {
	fill, stroke, kicker string
	strokeW              float64
}

var paints = map[Kind]paint{
	Head:    {fill: "#fdecea", stroke: "#b3261e", kicker: "#b3261e", strokeW: 2},
	Deputy:  {fill: "#fff7e0", stroke: "#1f4e79", kicker: "#1f4e79", strokeW: 1.5},
	Member:  {fill: "#ffffff", stroke: "#1f4e79", kicker: "#1f4e79", strokeW: 1.5},
	Support: {fill: "#f1f5f9", stroke: "#7a8ca3", kicker: "#1f4e79", strokeW: 1.5},
}

const (
	ink      = "#1b1b1b"
	titleInk = "#444444"
	linkInk  = "#7a8ca3"
	linkW    = 1.5
	radius   = 6
)

func (p Placed) paint() paint {
	if pt, ok := paints[p.Kind]; ok {
		return pt
	}
	return paints[Member]
}

func (l Line) color(p paint) string {
	switch l.class {
	case "oc-pos":
		return p.kicker
	case "oc-title":
		return titleInk
	}
	return ink
}

func num(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// SVG draws the layout as a standalone SVG document: every colour and font is a presentation
// attribute, so it looks the same in the page, opened on its own under a strict CSP, or in a
// slide program. The class names are hooks for tests and scripts, never for looks.
func SVG(l Layout, label string) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %s %s" width="%s" height="%s" role="img" aria-label="%s" font-family="%s" text-anchor="middle">`,
		num(l.W), num(l.H), num(l.W), num(l.H), svgdraw.Esc(label), svgdraw.FontStack)
	fmt.Fprintf(&b, `<rect width="%s" height="%s" fill="#ffffff"/>`, num(l.W), num(l.H))
	text := func(class string, ls []Line, fill string) {
		if len(ls) == 0 {
			return
		}
		s := ls[0].style
		fmt.Fprintf(&b, `<text class="%s" font-size="%s" fill="%s"`, class, num(s.Size), fill)
		if s.Bold {
			b.WriteString(` font-weight="bold"`)
		}
		b.WriteString(`>`)
		for _, t := range ls {
			fmt.Fprintf(&b, `<tspan x="%s" y="%s">%s</tspan>`, num(t.X), num(t.Y), svgdraw.Esc(t.Text))
		}
		b.WriteString(`</text>`)
	}
	text("oc-caption", l.Caption, ink)
	b.WriteString(`<g class="oc-links" fill="none" stroke="` + linkInk + `" stroke-width="` + num(linkW) + `">`)
	for _, s := range l.Links {
		fmt.Fprintf(&b, `<path d="M%s %sL%s %s"/>`, num(s.X1), num(s.Y1), num(s.X2), num(s.Y2))
	}
	b.WriteString(`</g>`)
	for _, p := range l.Boxes {
		pt := p.paint()
		full := strings.Join(nonEmpty(p.Kicker, p.Name, p.Title), " · ")
		fmt.Fprintf(&b, `<g class="oc-box oc-%s"><title>%s</title>`, p.Kind, svgdraw.Esc(full))
		fmt.Fprintf(&b, `<rect x="%s" y="%s" width="%s" height="%s" rx="%d" fill="%s" stroke="%s" stroke-width="%s"/>`,
			num(p.X), num(p.Y), num(p.W), num(p.H), radius, pt.fill, pt.stroke, num(pt.strokeW))
		for _, ls := range p.Lines {
			if len(ls) > 0 {
				text(ls[0].class, ls, ls[0].color(pt))
			}
		}
		b.WriteString(`</g>`)
	}
	b.WriteString(`</svg>`)
	return b.Bytes()
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// PNGScale is how many pixels a PNG has per SVG unit: sharp on a projector.
const PNGScale = 2

// PNG draws the layout as a PNG picture, PNGScale pixels per unit, in Liberation Sans.
func PNG(l Layout) ([]byte, error) {
	const k = PNGScale
	img := image.NewRGBA(image.Rect(0, 0, int(l.W*k+0.5), int(l.H*k+0.5)))
	draw.Draw(img, img.Bounds(), image.White, image.Point{}, draw.Src)
	fs := newFaces(k)
	// fill paints a rounded rectangle (in units), rasterised over its own small area.
	fill := func(x, y, w, h, r float64, c string) {
		x, y, w, h, r = x*k, y*k, w*k, h*k, r*k
		ox, oy := int(x), int(y)
		ras := vector.NewRasterizer(int(x+w)-ox+2, int(y+h)-oy+2)
		x, y = x-float64(ox), y-float64(oy)
		f := func(v float64) float32 { return float32(v) }
		ras.MoveTo(f(x+r), f(y))
		ras.LineTo(f(x+w-r), f(y))
		ras.QuadTo(f(x+w), f(y), f(x+w), f(y+r))
		ras.LineTo(f(x+w), f(y+h-r))
		ras.QuadTo(f(x+w), f(y+h), f(x+w-r), f(y+h))
		ras.LineTo(f(x+r), f(y+h))
		ras.QuadTo(f(x), f(y+h), f(x), f(y+h-r))
		ras.LineTo(f(x), f(y+r))
		ras.QuadTo(f(x), f(y), f(x+r), f(y))
		ras.ClosePath()
		ras.Draw(img, ras.Bounds().Add(image.Pt(ox, oy)), image.NewUniform(rgb(c)), image.Point{})
	}
	for _, s := range l.Links {
		x, y := min(s.X1, s.X2), min(s.Y1, s.Y2)
		r := image.Rect(int((x-linkW/2)*k+0.5), int((y-linkW/2)*k+0.5), int((max(s.X1, s.X2)+linkW/2)*k+0.5), int((max(s.Y1, s.Y2)+linkW/2)*k+0.5))
		draw.Draw(img, r, image.NewUniform(rgb(linkInk)), image.Point{}, draw.Src)
	}
	write := func(t Line, c string) {
		d := font.Drawer{Dst: img, Src: image.NewUniform(rgb(c)), Face: fs[t.style]}
		w := fs.Width(t.style, t.Text)
		d.Dot = fixed.Point26_6{X: fixed.Int26_6((t.X*k - w/2) * 64), Y: fixed.Int26_6(t.Y * k * 64)}
		d.DrawString(t.Text)
	}
	for _, t := range l.Caption {
		write(t, ink)
	}
	for _, p := range l.Boxes {
		pt := p.paint()
		// The border is the box in the stroke's colour with the box's fill inside it.
		sw := pt.strokeW / 2
		fill(p.X-sw, p.Y-sw, p.W+2*sw, p.H+2*sw, radius+sw, pt.stroke)
		fill(p.X+sw, p.Y+sw, p.W-2*sw, p.H-2*sw, radius-sw, pt.fill)
		for _, ls := range p.Lines {
			for _, t := range ls {
				write(t, t.color(pt))
			}
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func rgb(hex string) color.RGBA {
	v, _ := strconv.ParseUint(strings.TrimPrefix(hex, "#"), 16, 32)
	return color.RGBA{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v), A: 0xff}
}
