package svgdraw

import (
	"strings"
	"testing"
)

// The fonts measured with and drawn in have every letter of Vietnamese, in both weights.
func TestFonts_Vietnamese(t *testing.T) {
	const letters = "aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
	for i, f := range fonts() {
		for _, r := range letters + strings.ToUpper(letters) {
			if gi, err := f.GlyphIndex(nil, r); err != nil || gi == 0 {
				t.Errorf("font %d has no glyph for %q", i, r)
			}
		}
	}
}

func TestWrap(t *testing.T) {
	s := Style{Size: 12, Line: 15}
	fs := NewFaces(1, s)
	const w = 80
	text := "Ủy ban nhân dân tỉnh Quảng Ngãi " + strings.Repeat("9", 40)
	lines := fs.Wrap(s, text, w)
	if len(lines) < 3 {
		t.Fatalf("Wrap(%q) = %q: want several lines", text, lines)
	}
	for _, l := range lines {
		if fs.Width(s, l) > w {
			t.Errorf("line %q is %v wide, over %v", l, fs.Width(s, l), w)
		}
	}
	// Between words the spaces fold to one; inside a long word nothing is lost.
	if got, want := strings.ReplaceAll(strings.Join(lines, " "), " ", ""), strings.ReplaceAll(text, " ", ""); got != want {
		t.Errorf("joined lines %q, want %q", got, want)
	}
	if got := fs.Wrap(s, "  \n ", w); len(got) != 0 {
		t.Errorf("Wrap of blanks = %q, want none", got)
	}
	if got := Esc(`a<b & "c"`); got != "a&lt;b &amp; &#34;c&#34;" {
		t.Errorf("Esc = %q", got)
	}
}
