// Package svgdraw holds what the pictures drawn as standalone SVG (the organisation chart, the
// legal basis) share: text measured and wrapped with Liberation Sans, which has every
// Vietnamese letter and Arial's metrics (the SVGs ask for Arial, so a line measured here fits
// there), and XML escaping. It is pure.
package svgdraw

import (
	"encoding/xml"
	"strings"
	"sync"
	"unicode"

	"github.com/go-fonts/liberation/liberationsansbold"
	"github.com/go-fonts/liberation/liberationsansregular"
	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// FontStack is the font-family an SVG asks for: Arial first, whose metrics Liberation Sans has.
const FontStack = "Arial, 'Liberation Sans', Helvetica, sans-serif"

// Style is a style of text: bold or regular, its size and its line height, in SVG units.
type Style struct {
	Bold       bool
	Size, Line float64
}

var fonts = sync.OnceValue(func() [2]*opentype.Font {
	r, err := opentype.Parse(liberationsansregular.TTF)
	if err != nil {
		panic(err)
	}
	b, err := opentype.Parse(liberationsansbold.TTF)
	if err != nil {
		panic(err)
	}
	return [2]*opentype.Font{r, b}
})

// Faces are font faces, one per style. A face is not safe for concurrent use, so each layout
// or drawing makes its own.
type Faces map[Style]font.Face

// NewFaces makes a face for each style at scale times its size (1 to measure in SVG units, more
// to draw a picture with more pixels a unit).
func NewFaces(scale float64, styles ...Style) Faces {
	fs := Faces{}
	for _, s := range styles {
		f := fonts()[0]
		if s.Bold {
			f = fonts()[1]
		}
		face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: s.Size * scale, DPI: 72, Hinting: font.HintingNone})
		if err != nil {
			panic(err) // only on bad options
		}
		fs[s] = face
	}
	return fs
}

// Width is how wide text is in style s, in the faces' units.
func (fs Faces) Width(s Style, text string) float64 {
	return float64(font.MeasureString(fs[s], text)) / float64(fixed.I(1))
}

// Wrap breaks text into lines no wider than w, between words; a word wider than w alone is
// broken between letters.
func (fs Faces) Wrap(s Style, text string, w float64) []string {
	var lines []string
	cur := ""
	for _, word := range strings.FieldsFunc(text, unicode.IsSpace) {
		try := word
		if cur != "" {
			try = cur + " " + word
		}
		if fs.Width(s, try) <= w {
			cur = try
			continue
		}
		if cur != "" {
			lines = append(lines, cur)
		}
		cur = ""
		for fs.Width(s, word) > w {
			rs := []rune(word)
			n := 1
			for n < len(rs) && fs.Width(s, string(rs[:n+1])) <= w {
				n++
			}
			lines = append(lines, string(rs[:n]))
			word = string(rs[n:])
		}
		cur = word
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines
}

// Esc escapes text for an SVG attribute or element.
func Esc(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}
