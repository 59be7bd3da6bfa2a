package legalbasis

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"testing"
)

// graphs are shapes the register gives: a chain up to the Party's resolution, a document
// cited by many, a citation skipping layers, unresolved leaves, a cycle, long texts.
func graphs() map[string]Graph {
	n := func(label string, level int, resolved bool) Node {
		return Node{Label: label, Date: "03/06/2013", Issuer: "Ban Chấp hành Trung ương Đảng Cộng sản Việt Nam khóa XI",
			Level: level, Resolved: resolved, Link: map[bool]string{true: "/t/a/documents/1"}[resolved]}
	}
	chain := Graph{Title: "Căn cứ pháp lý của Công văn 1639/UBND-NC", Root: 0, Nodes: []Node{
		n("Công văn 1639/UBND-NC", 0, true), n("Kế hoạch 176-KH/TU", -1, true), n("Kết luận 43-KL/TW", -2, true),
		n("Nghị quyết 25-NQ/TW", -3, true), n("Chỉ thị 33/CT-TTg", -1, false), n("Kế hoạch 12/KH-SNV", 1, true),
		n("Báo cáo 5/BC-UBND", 2, true),
	}, Edges: []Edge{{0, 1}, {1, 2}, {2, 3}, {0, 4}, {5, 0}, {6, 5}, {1, 3}, {0, 3}, {6, 0}}}
	wide := Graph{Root: 0, Nodes: []Node{n("Nghị quyết 25-NQ/TW", 0, true)}}
	for i := range 9 {
		wide.Nodes = append(wide.Nodes, n(fmt.Sprintf("Kế hoạch %d/KH-UBND", i+1), 1, true))
		wide.Edges = append(wide.Edges, Edge{i + 1, 0})
	}
	cycle := Graph{Root: 0, Nodes: []Node{n("Chỉ thị 1/CT", 0, true), n("Chỉ thị 2/CT", -1, true)}, Edges: []Edge{{0, 1}, {1, 0}}}
	long := Graph{Root: 0, Nodes: []Node{
		{Label: "Quyết định " + strings.Repeat("1234567890", 8), Issuer: strings.Repeat("Ủy ban nhân dân tỉnh Quảng Ngãi ", 6), Resolved: true},
		{Label: "Luật Tiếp công dân", Note: "chưa có trong sổ", Level: -1},
	}, Edges: []Edge{{0, 1}}}
	return map[string]Graph{"chain": chain, "wide": wide, "cycle": cycle, "long": long, "alone": {Root: 0, Nodes: []Node{n("Nghị quyết 25-NQ/TW", 0, true)}}}
}

// crosses says whether the segment a–b passes through the inside of r.
func crosses(a, b Point, r Rect) bool {
	const e = 0.5 // touching the border is arriving, not crossing
	x0, y0, x1, y1 := r.X+e, r.Y+e, r.X+r.W-e, r.Y+r.H-e
	// Liang–Barsky clipping of the segment against the shrunk rectangle.
	t0, t1 := 0.0, 1.0
	dx, dy := b.X-a.X, b.Y-a.Y
	for _, pq := range [][2]float64{{-dx, a.X - x0}, {dx, x1 - a.X}, {-dy, a.Y - y0}, {dy, y1 - a.Y}} {
		p, q := pq[0], pq[1]
		if p == 0 {
			if q < 0 {
				return false
			}
			continue
		}
		t := q / p
		if p < 0 {
			t0 = max(t0, t)
		} else {
			t1 = min(t1, t)
		}
		if t0 > t1 {
			return false
		}
	}
	return true
}

func TestPlace_Geometry(t *testing.T) {
	fs := newFaces()
	for name, g := range graphs() {
		t.Run(name, func(t *testing.T) {
			l := Place(g)
			for i, a := range l.Boxes {
				if a.X < 0 || a.Y < 0 || a.X+a.W > l.W || a.Y+a.H > l.H {
					t.Errorf("box %q outside the canvas", a.Label)
				}
				for _, b := range l.Boxes[i+1:] {
					if a.X < b.X+b.W && b.X < a.X+a.W && a.Y < b.Y+b.H && b.Y < a.Y+a.H {
						t.Errorf("boxes %q and %q overlap", a.Label, b.Label)
					}
				}
				for _, ln := range a.Lines {
					w := fs.Width(ln.style, ln.Text)
					if ln.X < a.X || ln.X+w > a.X+a.W-padX/2 || ln.Y > a.Y+a.H || ln.Y-ln.style.Size < a.Y {
						t.Errorf("line %q leaves its box %q", ln.Text, a.Label)
					}
				}
			}
			for _, k := range l.Links {
				for i := 0; i+1 < len(k.Points); i++ {
					for j, b := range l.Boxes {
						if crosses(k.Points[i], k.Points[i+1], b.Rect) {
							t.Errorf("link %d→%d crosses box %d %q", k.From, k.To, j, b.Label)
						}
					}
				}
				from, to := l.Boxes[k.From], l.Boxes[k.To]
				first, last := k.Points[0], k.Points[len(k.Points)-1]
				if first.Y != from.Y || first.X <= from.X || first.X >= from.X+from.W ||
					last.Y != to.Y+to.H || last.X <= to.X || last.X >= to.X+to.W {
					t.Errorf("link %d→%d does not run from the citing box's top to the cited box's bottom", k.From, k.To)
				}
			}
			// Whatever cites sits lower than what it cites.
			for _, k := range l.Links {
				if l.Boxes[k.From].Y <= l.Boxes[k.To].Y {
					t.Errorf("link %d→%d points down", k.From, k.To)
				}
			}
		})
	}
	l := Place(graphs()["chain"])
	if !(l.Boxes[3].Y < l.Boxes[2].Y && l.Boxes[2].Y < l.Boxes[1].Y && l.Boxes[1].Y < l.Boxes[0].Y && l.Boxes[0].Y < l.Boxes[5].Y) {
		t.Error("the chain is not layered: resolution, conclusion, plan, letter, its plan")
	}
	if len(l.Links) != 9 {
		t.Errorf("%d links drawn, want 9", len(l.Links))
	}
	if c := Place(graphs()["cycle"]); len(c.Links) != 1 {
		t.Errorf("cycle: %d links, want 1 (the closing one is not drawn)", len(c.Links))
	}
}

func TestSVG_WellFormed(t *testing.T) {
	for name, g := range graphs() {
		g.Nodes[0].Label += ` <script>&"`
		svg := SVG(Place(g), g.Title+" & <b>")
		dec := xml.NewDecoder(bytes.NewReader(svg))
		for {
			tok, err := dec.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s: not well-formed: %v", name, err)
			}
			if se, ok := tok.(xml.StartElement); ok {
				switch se.Name.Local {
				case "script", "style", "foreignObject":
					t.Errorf("%s: <%s> in the picture", name, se.Name.Local)
				}
				for _, a := range se.Attr {
					if a.Name.Local == "style" || strings.HasPrefix(a.Name.Local, "on") {
						t.Errorf("%s: attribute %s", name, a.Name.Local)
					}
				}
			}
		}
		s := string(svg)
		if !strings.Contains(s, "&lt;script&gt;") {
			t.Errorf("%s: label not escaped", name)
		}
	}
	s := string(SVG(Place(graphs()["chain"]), "x"))
	for _, want := range []string{`class="lb-box lb-root"`, `class="lb-box lb-unresolved"`, `stroke-dasharray="5 4"`, `<a href="/t/a/documents/1">`,
		"Nghị quyết 25-NQ/TW", "03/06/2013"} {
		if !strings.Contains(s, want) {
			t.Errorf("SVG lacks %s", want)
		}
	}
}
