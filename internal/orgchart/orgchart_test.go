package orgchart

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"image/png"
	"io"
	"strings"
	"testing"
)

const longTitle = "Trưởng phòng Xây dựng chính quyền và Công tác thanh niên, Sở Nội vụ tỉnh Nghệ An"

func people(n int, k Kind, kicker string) []Box {
	var bs []Box
	for i := range n {
		bs = append(bs, Box{Kicker: kicker, Name: fmt.Sprintf("Nguyễn Thị Thu Hường %d", i+1), Title: "Giám đốc Sở Văn hóa, Thể thao và Du lịch", Kind: k})
	}
	return bs
}

// charts covers the shapes a committee takes: the usual one (a head, two deputies, eleven
// members in two rows, a support team with a long title), an odd number of deputies the trunk
// must pass, no head at all, a head alone.
func charts() map[string]Chart {
	support := people(3, Support, "Tổ giúp việc")
	support[1].Title = longTitle
	return map[string]Chart{
		"usual": {Title: "Ban Chỉ đạo thực hiện Quy chế dân chủ ở cơ sở và công tác Dân vận chính quyền tỉnh",
			Tiers: [][]Box{people(1, Head, "Trưởng ban"), people(2, Deputy, "Phó Trưởng ban"), people(11, Member, "Ủy viên"), support}},
		"odd deputies": {Title: "Ban Chỉ đạo", Tiers: [][]Box{people(1, Head, "Trưởng ban"), people(3, Deputy, "Phó Trưởng ban"), people(7, Member, "Ủy viên")}},
		"no head":      {Title: "Ban Chỉ đạo", Tiers: [][]Box{nil, people(3, Deputy, "Phó Trưởng ban"), people(2, Member, "Ủy viên")}},
		"head alone":   {Title: "Ban Chỉ đạo", Tiers: [][]Box{people(1, Head, "Trưởng ban")}},
	}
}

func overlaps(s Seg, r Rect) bool {
	// A segment touching a box's edge (a drop arriving at its top) is fine; entering it is not.
	return min(s.X1, s.X2) < r.X+r.W && max(s.X1, s.X2) > r.X && min(s.Y1, s.Y2) < r.Y+r.H && max(s.Y1, s.Y2) > r.Y
}

func TestPlace_LinesRunBetweenBoxes(t *testing.T) {
	for name, c := range charts() {
		l := Place(c)
		for _, s := range l.Links {
			if s.X1 != s.X2 && s.Y1 != s.Y2 {
				t.Errorf("%s: a slanted connector %+v", name, s)
			}
			for _, b := range l.Boxes {
				if overlaps(s, b.Rect) {
					t.Errorf("%s: connector %+v crosses the box of %q at %+v", name, s, b.Name, b.Rect)
				}
			}
		}
		for i, a := range l.Boxes {
			if a.X < 0 || a.Y < 0 || a.X+a.W > l.W || a.Y+a.H > l.H {
				t.Errorf("%s: box %q %+v outside the %vx%v canvas", name, a.Name, a.Rect, l.W, l.H)
			}
			for _, b := range l.Boxes[i+1:] {
				if a.X < b.X+b.W && b.X < a.X+a.W && a.Y < b.Y+b.H && b.Y < a.Y+a.H {
					t.Errorf("%s: boxes %q and %q overlap", name, a.Name, b.Name)
				}
			}
		}
		// Every box below the top one is reached: a connector ends at the middle of its top.
		top := l.Boxes[0].Y
		for _, b := range l.Boxes {
			if b.Y == top && (len(c.Tiers[0]) == 1 || len(l.Boxes) == 1) {
				continue
			}
			reached := false
			for _, s := range l.Links {
				cx := b.X + b.W/2
				reached = reached || (s.X1 == cx && s.X2 == cx && (max(s.Y1, s.Y2) == b.Y || min(s.Y1, s.Y2) == b.Y+b.H))
			}
			if !reached {
				t.Errorf("%s: no connector reaches %q", name, b.Name)
			}
		}
	}
	if l := Place(charts()["head alone"]); len(l.Links) != 0 {
		t.Errorf("a head alone has connectors: %+v", l.Links)
	}
}

func TestPlace_TextWrapsInsideItsBox(t *testing.T) {
	fs := newFaces(1)
	for name, c := range charts() {
		l := Place(c)
		for _, b := range l.Boxes {
			for k, want := range []string{b.Kicker, b.Name, b.Title} {
				var got []string
				for _, ln := range b.Lines[k] {
					got = append(got, ln.Text)
					if w := fs.Width(ln.style, ln.Text); w > b.W-2*padX {
						t.Errorf("%s: %q is %.0f wide in a box %.0f wide", name, ln.Text, w, b.W)
					}
					if ln.Y-ln.style.Size < b.Y || ln.Y+ln.style.Size*0.3 > b.Y+b.H {
						t.Errorf("%s: line %q at y %.0f outside its box %+v", name, ln.Text, ln.Y, b.Rect)
					}
				}
				// Nothing cut: the lines are the whole text.
				if strings.Join(got, " ") != want {
					t.Errorf("%s: %q drawn as %q", name, want, got)
				}
			}
		}
	}
	l := Place(charts()["usual"])
	for _, b := range l.Boxes {
		if b.Title == longTitle && len(b.Lines[2]) < 3 {
			t.Errorf("the long title is %d line(s): %v", len(b.Lines[2]), b.Lines[2])
		}
	}
	// A box with more lines is taller, and the row takes its height.
	var short, long Placed
	for _, b := range l.Boxes {
		if b.Kind == Support && b.Title == longTitle {
			long = b
		} else if b.Kind == Member {
			short = b
		}
	}
	if long.H <= short.H {
		t.Errorf("the box with the long title is %.0f high, a member's %.0f", long.H, short.H)
	}
}

func TestSVG_StandsAlone(t *testing.T) {
	c := charts()["usual"]
	c.Tiers[2][0].Name = `Lê <Văn> "A" & B`
	svg := SVG(Place(c), c.Title)
	// Well-formed XML, and every shape carries its own colours: nothing depends on a style
	// sheet (the page's, or an inline one a CSP would block).
	dec := xml.NewDecoder(bytes.NewReader(svg))
	counts := map[string]int{}
	var texts []string
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v\n%s", err, svg)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			counts[e.Name.Local]++
			attr := map[string]string{}
			for _, a := range e.Attr {
				attr[a.Name.Local] = a.Value
			}
			if _, ok := attr["style"]; ok {
				t.Errorf("<%s> has a style attribute", e.Name.Local)
			}
			need := map[string][]string{"rect": {"fill"}, "text": {"fill", "font-size"}, "svg": {"font-family", "width", "height", "viewBox"}}[e.Name.Local]
			if e.Name.Local == "rect" && attr["class"] == "" && attr["x"] != "" {
				need = append(need, "stroke")
			}
			for _, n := range need {
				if attr[n] == "" {
					t.Errorf("<%s> without %s: %v", e.Name.Local, n, e.Attr)
				}
			}
		case xml.CharData:
			texts = append(texts, string(e))
		}
	}
	if counts["style"] != 0 {
		t.Error("the SVG has a <style> block")
	}
	boxes := len(c.Tiers[0]) + len(c.Tiers[1]) + len(c.Tiers[2]) + len(c.Tiers[3])
	if counts["rect"] != boxes+1 { // and the white background
		t.Errorf("%d rects for %d boxes", counts["rect"], boxes)
	}
	all := strings.Join(texts, "\n")
	if !strings.Contains(all, `Lê <Văn> "A" & B`) || strings.Contains(all, "…") {
		t.Errorf("texts: %q", all)
	}
	if n := strings.Count(string(svg), "<tspan"); n <= 3*boxes {
		t.Errorf("%d text lines for %d boxes: nothing wrapped", n, boxes)
	}
}

func TestPNG(t *testing.T) {
	l := Place(charts()["usual"])
	b, err := PNG(l)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if w, h := img.Bounds().Dx(), img.Bounds().Dy(); w != int(l.W*PNGScale+0.5) || h != int(l.H*PNGScale+0.5) {
		t.Errorf("PNG %dx%d for a %vx%v layout", w, h, l.W, l.H)
	}
	// The head's box is filled with its colour near its corner, and has dark text inside.
	head := l.Boxes[0]
	r, g, bl, _ := img.At(int((head.X+8)*PNGScale), int((head.Y+8)*PNGScale)).RGBA()
	if want := rgb(paints[Head].fill); r>>8 != uint32(want.R) || g>>8 != uint32(want.G) || bl>>8 != uint32(want.B) {
		t.Errorf("head box pixel = %d,%d,%d, want %v", r>>8, g>>8, bl>>8, want)
	}
	dark := 0
	for y := int(head.Y * PNGScale); y < int((head.Y+head.H)*PNGScale); y++ {
		for x := int(head.X * PNGScale); x < int((head.X+head.W)*PNGScale); x++ {
			if r, g, b, _ := img.At(x, y).RGBA(); r>>8 < 100 && g>>8 < 100 && b>>8 < 100 {
				dark++
			}
		}
	}
	if dark < 200 {
		t.Errorf("%d dark pixels in the head's box: no text drawn", dark)
	}
}
