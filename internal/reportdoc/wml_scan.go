package reportdoc

import (
	"html"
	"regexp"
	"strings"
)

// This file reads the WordprocessingML of a template as text, without decoding it into a tree
// (encoding/xml does not write namespace prefixes back as they were): it finds the tags, the
// paragraphs (<w:p>) and their text elements (<w:t>), which is all that placeholders need.

// tag is one markup item of the XML.
type tag struct {
	Start, End  int    // src[Start:End] is the whole tag, "<" to ">"
	Name        string // e.g. "w:p"; "" for comments, processing instructions and CDATA
	Close, Self bool   // </name> or <name/>
}

// nextTag returns the first tag at or after i; ok is false when there is none.
func nextTag(src string, i int) (t tag, ok bool) {
	j := strings.IndexByte(src[i:], '<')
	if j < 0 {
		return tag{}, false
	}
	j += i
	for _, skip := range [][2]string{{"<!--", "-->"}, {"<![CDATA[", "]]>"}, {"<?", "?>"}, {"<!", ">"}} {
		if strings.HasPrefix(src[j:], skip[0]) {
			k := strings.Index(src[j+len(skip[0]):], skip[1])
			if k < 0 {
				return tag{}, false
			}
			return tag{Start: j, End: j + len(skip[0]) + k + len(skip[1])}, true
		}
	}
	// The end of the tag: the first ">" outside a quoted attribute value.
	var quote byte
	end := -1
	for k := j + 1; k < len(src); k++ {
		c := src[k]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			end = k + 1
		}
		if end >= 0 {
			break
		}
	}
	if end < 0 {
		return tag{}, false
	}
	t = tag{Start: j, End: end}
	name := src[j+1 : end-1]
	if strings.HasPrefix(name, "/") {
		t.Close = true
		name = name[1:]
	}
	if strings.HasSuffix(name, "/") {
		t.Self = true
		name = name[:len(name)-1]
	}
	if k := strings.IndexAny(name, " \t\r\n/"); k >= 0 {
		name = name[:k]
	}
	t.Name = name
	return t, true
}

// elementEnd returns the end of the element whose start tag begins at start (the index just
// after its matching end tag), or -1.
func elementEnd(src string, start int) int {
	first, ok := nextTag(src, start)
	if !ok || first.Start != start {
		return -1
	}
	if first.Self {
		return first.End
	}
	depth := 0
	for t, ok := first, true; ok; t, ok = nextTag(src, t.End) {
		if t.Name != first.Name {
			continue
		}
		switch {
		case t.Self:
		case t.Close:
			depth--
		default:
			depth++
		}
		if depth == 0 {
			return t.End
		}
	}
	return -1
}

// textElem is one <w:t> element of a paragraph.
type textElem struct {
	Start, End int    // the whole element
	Text       string // its text, unescaped
}

// paragraph is one <w:p> element that holds no other paragraph (paragraphs nest through text
// boxes; only the innermost ones are looked at).
type paragraph struct {
	Start, OpenEnd, End int
	Texts               []textElem
	nested              bool
}

// Text is the paragraph's text, its runs merged.
func (p *paragraph) Text() string {
	if len(p.Texts) == 1 {
		return p.Texts[0].Text
	}
	var b strings.Builder
	for _, t := range p.Texts {
		b.WriteString(t.Text)
	}
	return b.String()
}

// eachParagraph calls fn for every innermost paragraph of src, in document order.
func eachParagraph(src string, fn func(p *paragraph)) {
	var stack []*paragraph
	for t, ok := nextTag(src, 0); ok; t, ok = nextTag(src, t.End) {
		switch {
		case t.Name == "w:p" && !t.Close && !t.Self:
			if len(stack) > 0 {
				stack[len(stack)-1].nested = true
			}
			stack = append(stack, &paragraph{Start: t.Start, OpenEnd: t.End})
		case t.Name == "w:p" && t.Close && len(stack) > 0:
			p := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			p.End = t.End
			if !p.nested {
				fn(p)
			}
		case t.Name == "w:t" && !t.Close && !t.Self && len(stack) > 0:
			k := strings.Index(src[t.End:], "</w:t>")
			if k < 0 {
				return
			}
			p := stack[len(stack)-1]
			p.Texts = append(p.Texts, textElem{Start: t.Start, End: t.End + k + len("</w:t>"),
				Text: html.UnescapeString(src[t.End : t.End+k])})
			t.End += k + len("</w:t>")
		}
	}
}

// placeholderRE matches a placeholder in a paragraph's text; spaces inside the braces and
// capitals are forgiven.
var placeholderRE = regexp.MustCompile(`\{\{\s*([A-Za-z_]+)\s*\}\}`)

// placeholderName returns the placeholder's name when text is one placeholder and nothing
// else (spaces aside).
func placeholderName(text string) string {
	text = strings.TrimSpace(text)
	m := placeholderRE.FindStringSubmatchIndex(text)
	if m == nil || m[0] != 0 || m[1] != len(text) {
		return ""
	}
	return strings.ToLower(text[m[2]:m[3]])
}

// paraProperties returns the raw <w:pPr> element of paragraph p ("" when it has none).
func paraProperties(src string, p *paragraph) string {
	rest := src[p.OpenEnd:p.End]
	k := strings.Index(rest, "<w:pPr")
	if k < 0 || strings.TrimSpace(rest[:k]) != "" {
		return ""
	}
	end := elementEnd(src, p.OpenEnd+k)
	if end < 0 {
		return ""
	}
	return src[p.OpenEnd+k : end]
}

// runProperties returns the raw <w:rPr> element of the run holding the text element t.
func runProperties(src string, p *paragraph, t textElem) string {
	before := src[p.Start:t.Start]
	r := max(strings.LastIndex(before, "<w:r>"), strings.LastIndex(before, "<w:r "))
	if r < 0 {
		return ""
	}
	k := strings.Index(before[r:], "<w:rPr")
	if k < 0 {
		return ""
	}
	start := p.Start + r + k
	end := elementEnd(src, start)
	if end < 0 || end > t.Start {
		return ""
	}
	return src[start:end]
}

// withoutSectPr returns the paragraph properties without a section break.
func withoutSectPr(ppr string) string {
	k := strings.Index(ppr, "<w:sectPr")
	if k < 0 {
		return ppr
	}
	end := elementEnd(ppr, k)
	if end < 0 {
		return ppr
	}
	return ppr[:k] + ppr[end:]
}
