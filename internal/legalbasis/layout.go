// Package legalbasis draws a document's legal basis (căn cứ pháp lý) as a layered picture: what
// the document stands on above it (the Party's resolution at the top), the document in the
// middle, highlighted, and the documents citing it below. It is pure: a graph in, SVG out.
//
// The layout is layered top down. A node's layer is its longest chain of citations from the
// document (so an arrow always points up, from the citing box to the cited one); an arrow that
// skips layers passes through a slot kept free in each layer it crosses, and between layers it
// runs only in the gaps: no line ever crosses a box. Texts are wrapped to the box width,
// measured with Liberation Sans (Arial's metrics, which the SVG asks for), and a box grows with
// its lines.
package legalbasis

import (
	"slices"
	"strings"

	"github.com/danvan-vn/danvan/internal/svgdraw"
)

// Node is a document on the picture.
type Node struct {
	Label    string // "Nghị quyết 25-NQ/TW"
	Date     string // dd/mm/yyyy, or ""
	Issuer   string
	Note     string // a last line, e.g. "chưa có trong sổ" for an unresolved citation
	Link     string // the document's page, for a resolved one
	Resolved bool
	// Level places the node: 0 the document, negative above it (what it cites), positive below
	// (what cites it). Only the sign is kept: the layout computes the layers.
	Level int
}

// Edge says Nodes[From] cites Nodes[To].
type Edge struct{ From, To int }

// Graph is what to draw.
type Graph struct {
	Title string
	Root  int
	Nodes []Node
	Edges []Edge
}

// Geometry, in SVG user units (CSS pixels).
const (
	boxW      = 220
	padX      = 10
	padY      = 8
	gapX      = 28
	gapY      = 56
	slotW     = 12 // the free slot an arrow passes a layer through
	margin    = 20
	maxLayers = 12 // a layer further than this (a long chain or a cycle) is drawn at this one
	textSlack = 0.9
)

var (
	captionStyle = svgdraw.Style{Bold: true, Size: 16, Line: 22}
	labelStyle   = svgdraw.Style{Bold: true, Size: 13, Line: 17}
	smallStyle   = svgdraw.Style{Size: 12, Line: 15}
)

// Line is one line of text, starting at X, its baseline at Y.
type Line struct {
	Text  string
	X, Y  float64
	style svgdraw.Style
	Kind  string // "label", "date", "issuer", "note", "caption"
}

// Rect is a box's place.
type Rect struct{ X, Y, W, H float64 }

// Point is a point of a link.
type Point struct{ X, Y float64 }

// Placed is a node where it is drawn.
type Placed struct {
	Node
	Rect
	Root  bool
	Lines []Line
}

// Link is an arrow from the citing box (its first point, on the box's top) to the cited one
// (its last point, on the box's bottom).
type Link struct {
	Points     []Point
	From, To   int
	Unresolved bool
}

// Layout is a graph placed on a W × H canvas.
type Layout struct {
	W, H    float64
	Caption []Line
	Boxes   []Placed
	Links   []Link
}

// newFaces makes the faces a layout measures its texts with.
func newFaces() svgdraw.Faces {
	return svgdraw.NewFaces(1, captionStyle, labelStyle, smallStyle)
}

// layers gives each node its layer: the root 0, a node above it minus its longest chain of
// citations from the root, a node below it plus its longest chain to the root. It returns the
// edges that point up (citing below cited); the others (a cycle) are not drawn.
func layers(g Graph) ([]int, []Edge) {
	n := len(g.Nodes)
	layer := make([]int, n)
	side := func(i int) int {
		switch {
		case i == g.Root:
			return 0
		case g.Nodes[i].Level < 0:
			return -1
		}
		return 1
	}
	for i := range layer {
		layer[i] = side(i) // one step at least
	}
	for range n + 1 {
		changed := false
		for _, e := range g.Edges {
			a, b := e.From, e.To
			if a < 0 || b < 0 || a >= n || b >= n || a == b {
				continue
			}
			switch {
			case side(b) < 0 && side(a) <= 0: // above: the cited sits over the citing
				if want := max(layer[a]-1, -maxLayers); layer[b] > want {
					layer[b], changed = want, true
				}
			case side(a) > 0 && side(b) >= 0: // below: the citing sits under the cited
				if want := min(layer[b]+1, maxLayers); layer[a] < want {
					layer[a], changed = want, true
				}
			}
		}
		if !changed {
			break
		}
	}
	var keep []Edge
	seen := map[Edge]bool{}
	for _, e := range g.Edges {
		if e.From < 0 || e.To < 0 || e.From >= n || e.To >= n || seen[e] {
			continue
		}
		if layer[e.From] > layer[e.To] {
			seen[e] = true
			keep = append(keep, e)
		}
	}
	return layer, keep
}

// item is a box or a free slot in a row.
type item struct {
	node  int // the node, or -1 for a slot
	edge  int // the slot's edge
	pos   float64
	x, w  float64
	nbrUp []*item // what it links to in the row above
	nbrDn []*item // and in the row below
}

// Place lays the graph out.
func Place(g Graph) Layout {
	fs := newFaces()
	inner := (boxW - 2*padX) * textSlack
	var l Layout
	y := float64(margin)
	if g.Title != "" {
		for _, t := range fs.Wrap(captionStyle, g.Title, 900) {
			y += captionStyle.Line
			l.Caption = append(l.Caption, Line{Text: t, X: margin, Y: y - 5, style: captionStyle, Kind: "caption"})
		}
		y += 16
	}
	if len(g.Nodes) == 0 {
		l.W, l.H = 2*margin+boxW, y+margin
		return l
	}
	layer, edges := layers(g)
	top, bottom := slices.Min(layer), slices.Max(layer)
	rows := make([][]*item, bottom-top+1)
	byNode := make([]*item, len(g.Nodes))
	for i := range g.Nodes {
		it := &item{node: i, edge: -1, w: boxW, pos: float64(i)}
		byNode[i] = it
		rows[layer[i]-top] = append(rows[layer[i]-top], it)
	}
	// An edge's chain of items, from the cited (top) to the citing (bottom), slots between.
	chains := make([][]*item, len(edges))
	for k, e := range edges {
		chain := []*item{byNode[e.To]}
		for r := layer[e.To] + 1; r < layer[e.From]; r++ {
			s := &item{node: -1, edge: k, w: slotW, pos: byNode[e.From].pos}
			rows[r-top] = append(rows[r-top], s)
			chain = append(chain, s)
		}
		chain = append(chain, byNode[e.From])
		for i := 0; i+1 < len(chain); i++ {
			chain[i].nbrDn = append(chain[i].nbrDn, chain[i+1])
			chain[i+1].nbrUp = append(chain[i+1].nbrUp, chain[i])
		}
		chains[k] = chain
	}
	// Order each row by the mean place of its neighbours (a few sweeps each way), so arrows
	// cross one another as little as this cheap rule manages.
	order := func(r []*item) {
		slices.SortStableFunc(r, func(a, b *item) int {
			switch {
			case a.pos < b.pos:
				return -1
			case a.pos > b.pos:
				return 1
			}
			return 0
		})
		for i, it := range r {
			it.pos = float64(i)
		}
	}
	for _, r := range rows {
		order(r)
	}
	mean := func(ns []*item, own float64) float64 {
		if len(ns) == 0 {
			return own
		}
		s := 0.0
		for _, n := range ns {
			s += n.pos
		}
		return s / float64(len(ns))
	}
	for range 4 {
		for i := 1; i < len(rows); i++ {
			for _, it := range rows[i] {
				it.pos = mean(it.nbrUp, it.pos)
			}
			order(rows[i])
		}
		for i := len(rows) - 2; i >= 0; i-- {
			for _, it := range rows[i] {
				it.pos = mean(it.nbrDn, it.pos)
			}
			order(rows[i])
		}
	}

	// Boxes: their lines, then their heights; rows as tall as their tallest box.
	l.Boxes = make([]Placed, len(g.Nodes))
	rowH := make([]float64, len(rows))
	for i, n := range g.Nodes {
		p := Placed{Node: n, Root: i == g.Root}
		add := func(s svgdraw.Style, kind, text string) {
			if strings.TrimSpace(text) == "" {
				return
			}
			for _, t := range fs.Wrap(s, text, inner) {
				p.Lines = append(p.Lines, Line{Text: t, style: s, Kind: kind})
			}
		}
		add(labelStyle, "label", n.Label)
		add(smallStyle, "date", n.Date)
		add(smallStyle, "issuer", n.Issuer)
		add(smallStyle, "note", n.Note)
		h := 2.0 * padY
		for _, ln := range p.Lines {
			h += ln.style.Line
		}
		p.W, p.H = boxW, max(h, 2*padY+labelStyle.Line)
		r := layer[i] - top
		rowH[r] = max(rowH[r], p.H)
		l.Boxes[i] = p
	}
	rowTop := make([]float64, len(rows))
	width := 0.0
	for r, row := range rows {
		rowTop[r] = y
		if rowH[r] == 0 {
			rowH[r] = slotW // a row of slots only
		}
		y += rowH[r] + gapY
		w := -float64(gapX)
		for _, it := range row {
			w += it.w + gapX
		}
		width = max(width, w)
	}
	l.W = width + 2*margin
	l.H = y - gapY + margin
	for _, c := range l.Caption {
		l.W = max(l.W, fs.Width(captionStyle, c.Text)+2*margin)
	}
	for r, row := range rows {
		w := -float64(gapX)
		for _, it := range row {
			w += it.w + gapX
		}
		x := (l.W - w) / 2
		for _, it := range row {
			it.x = x
			x += it.w + gapX
			if it.node >= 0 {
				b := &l.Boxes[it.node]
				b.X, b.Y = it.x, rowTop[r]
				ty := b.Y + padY
				for k := range b.Lines {
					ty += b.Lines[k].style.Line
					b.Lines[k].X, b.Lines[k].Y = b.X+padX, ty-4
				}
			}
		}
	}

	// Ports: the arrows leaving a box's top (to what it cites) and reaching its bottom (from what
	// cites it) are spread along the edge in the order of where they go.
	type port struct {
		link    int
		towards float64
	}
	tops, bottoms := map[int][]port{}, map[int][]port{}
	for k, ch := range chains {
		cited, citing := ch[0], ch[len(ch)-1]
		tops[citing.node] = append(tops[citing.node], port{k, ch[len(ch)-2].x + ch[len(ch)-2].w/2})
		bottoms[cited.node] = append(bottoms[cited.node], port{k, ch[1].x + ch[1].w/2})
	}
	at := func(ps []port, b Placed) map[int]float64 {
		slices.SortStableFunc(ps, func(a, c port) int {
			switch {
			case a.towards < c.towards:
				return -1
			case a.towards > c.towards:
				return 1
			}
			return 0
		})
		out := map[int]float64{}
		for i, p := range ps {
			out[p.link] = b.X + b.W*float64(i+1)/float64(len(ps)+1)
		}
		return out
	}
	topX, bottomX := map[int]float64{}, map[int]float64{}
	for n, ps := range tops {
		for k, x := range at(ps, l.Boxes[n]) {
			topX[k] = x
		}
	}
	for n, ps := range bottoms {
		for k, x := range at(ps, l.Boxes[n]) {
			bottomX[k] = x
		}
	}
	for k, ch := range chains {
		e := edges[k]
		citing, cited := l.Boxes[e.From], l.Boxes[e.To]
		rc := layer[e.To] - top
		// From the citing box's top up to the cited box's bottom.
		pts := []Point{{topX[k], citing.Y}}
		for i := len(ch) - 2; i >= 1; i-- {
			s := ch[i]
			r := rc + i
			cx := s.x + s.w/2
			pts = append(pts, Point{cx, rowTop[r] + rowH[r]}, Point{cx, rowTop[r]})
		}
		bx := bottomX[k]
		if end := cited.Y + cited.H; end < rowTop[rc]+rowH[rc] {
			pts = append(pts, Point{bx, rowTop[rc] + rowH[rc]})
		}
		pts = append(pts, Point{bx, cited.Y + cited.H})
		l.Links = append(l.Links, Link{Points: pts, From: e.From, To: e.To, Unresolved: !g.Nodes[e.To].Resolved})
	}
	return l
}
