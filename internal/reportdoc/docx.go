package reportdoc

import (
	"archive/zip"
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strings"
)

// DOCX renders d into the template (nil tpl = DefaultTemplate()). The template is checked with
// CheckTemplate first; its parts are copied as they are except for the placeholders.
func DOCX(w io.Writer, tpl []byte, d Doc) error {
	if tpl == nil {
		tpl = DefaultTemplate()
	}
	if err := CheckTemplate(tpl); err != nil {
		return err
	}
	zr, err := zip.NewReader(bytes.NewReader(tpl), int64(len(tpl)))
	if err != nil {
		return &TemplateError{Code: CodeNotDOCX}
	}
	f := newFiller(d)
	zw := zip.NewWriter(w)
	for _, zf := range zr.File {
		var err error
		switch name := zf.Name; {
		case name == "word/document.xml":
			err = rewritePart(zw, zf, func(w io.StringWriter, s string) { f.fill(w, s, true) })
		case isHeaderOrFooter(name):
			err = rewritePart(zw, zf, func(w io.StringWriter, s string) { f.fill(w, s, false) })
		case name == "[Content_Types].xml":
			// A .dotx template gives a .docx document.
			err = rewritePart(zw, zf, func(w io.StringWriter, s string) {
				w.WriteString(strings.ReplaceAll(s, "wordprocessingml.template.main+xml", "wordprocessingml.document.main+xml"))
			})
		default:
			err = zw.Copy(zf)
		}
		if err != nil {
			return fmt.Errorf("reportdoc: docx part %s: %w", zf.Name, err)
		}
	}
	return zw.Close()
}

func isHeaderOrFooter(name string) bool {
	return strings.HasPrefix(name, "word/") && strings.HasSuffix(name, ".xml") &&
		(strings.HasPrefix(name, "word/header") || strings.HasPrefix(name, "word/footer"))
}

// rewritePart writes the zip entry zf to zw, its text passed through edit.
func rewritePart(zw *zip.Writer, zf *zip.File, edit func(w io.StringWriter, src string)) error {
	rc, err := zf.Open()
	if err != nil {
		return err
	}
	data, err := io.ReadAll(io.LimitReader(rc, maxPartSize+1))
	rc.Close()
	if err != nil {
		return err
	}
	if len(data) > maxPartSize {
		return &TemplateError{Code: CodeTooLarge}
	}
	out, err := zw.CreateHeader(&zip.FileHeader{Name: zf.Name, Method: zip.Deflate, Modified: zf.Modified})
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(out, 64<<10)
	edit(bw, string(data))
	return bw.Flush() // a write error sticks to bw until here
}

// filler holds the values of one document's placeholders.
type filler struct {
	inline map[string]string // simple placeholders, by name
	doc    Doc
}

func newFiller(d Doc) *filler {
	lh := d.Letterhead
	return &filler{doc: d, inline: map[string]string{
		"co_quan_chu_quan": strings.ToUpper(strings.TrimSpace(clean(lh.Parent))),
		"co_quan_ban_hanh": strings.ToUpper(strings.TrimSpace(clean(lh.Issuer))),
		"so_ky_hieu":       numberText(d.Number),
		"dia_danh_ngay":    DateLine(lh.Place, d.Date),
		"loai_van_ban":     kindText(d.Kind),
		"trich_yeu":        strings.TrimSpace(clean(d.Summary)),
		"chuc_vu_nguoi_ky": strings.ToUpper(strings.TrimSpace(strings.Join(lines(clean(lh.SignerTitle)), "\n"))),
		"nguoi_ky":         strings.TrimSpace(clean(lh.SignerName)),
		"noi_nhan":         strings.Join(recipientLines(d.Recipients), "\n"),
		"noi_dung":         "", // only as a paragraph of its own
	}}
}

// fill writes one XML part with its placeholders replaced. Block placeholders ({{noi_dung}},
// {{noi_nhan}}) alone in their paragraph replace the paragraph when blocks is set.
func (f *filler) fill(w io.StringWriter, src string, blocks bool) {
	last := 0
	eachParagraph(src, func(p *paragraph) {
		text := p.Text()
		if !strings.Contains(text, "{{") {
			return
		}
		switch name := placeholderName(text); {
		case blocks && name == "noi_dung":
			w.WriteString(src[last:p.Start])
			f.writeBodyBlock(w, src, p)
		case blocks && name == "noi_nhan":
			w.WriteString(src[last:p.Start])
			w.WriteString(f.recipientsBlock(src, p))
		default:
			repl, ok := f.inlineParagraph(src, p, text)
			if !ok {
				return
			}
			w.WriteString(src[last:p.Start])
			w.WriteString(repl)
		}
		last = p.End
	})
	w.WriteString(src[last:])
}

// writeBodyBlock writes the generated body, standing for the {{noi_dung}} paragraph p. When p
// carried a section break, or the body is empty, an empty paragraph takes its place.
func (f *filler) writeBodyBlock(w io.StringWriter, src string, p *paragraph) {
	writeBody(w, f.doc)
	if ppr := paraProperties(src, p); strings.Contains(ppr, "<w:sectPr") || len(f.doc.Intro)+len(f.doc.Sections) == 0 {
		w.WriteString("<w:p>" + ppr + "</w:p>")
	}
}

// recipientsBlock is one paragraph per recipient, each formatted as the {{noi_nhan}} paragraph
// p and its placeholder's run.
func (f *filler) recipientsBlock(src string, p *paragraph) string {
	ppr := paraProperties(src, p)
	var rpr string
	for _, t := range p.Texts {
		if strings.Contains(t.Text, "{") {
			rpr = runProperties(src, p, t)
			break
		}
	}
	recipients := recipientLines(f.doc.Recipients)
	var b strings.Builder
	for i, r := range recipients {
		b.WriteString("<w:p>")
		if i == len(recipients)-1 {
			b.WriteString(ppr)
		} else {
			b.WriteString(withoutSectPr(ppr))
		}
		b.WriteString("<w:r>" + rpr + `<w:t xml:space="preserve">`)
		xmlText(&b, strings.ReplaceAll(r, "\t", " "))
		b.WriteString("</w:t></w:r></w:p>")
	}
	return b.String()
}

// inlineParagraph replaces the simple placeholders of paragraph p where they stand. A
// placeholder split over several runs goes whole into the run where it starts, keeping that
// run's formatting; the rest of its text is taken out of the runs that follow. ok is false when
// nothing changed.
func (f *filler) inlineParagraph(src string, p *paragraph, text string) (string, bool) {
	matches := placeholderRE.FindAllStringSubmatchIndex(text, -1)
	type match struct {
		a, b  int
		value string
	}
	var ms []match
	for _, m := range matches {
		v, known := f.inline[strings.ToLower(text[m[2]:m[3]])]
		if known {
			ms = append(ms, match{m[0], m[1], v})
		}
	}
	if len(ms) == 0 {
		return "", false
	}
	var b strings.Builder
	b.Grow(p.End - p.Start + 256)
	last := p.Start
	pos := 0 // offset of the current text element in text
	for _, t := range p.Texts {
		s, e := pos, pos+len(t.Text)
		pos = e
		var nb strings.Builder
		cur := s
		changed := false
		for _, m := range ms {
			if m.b <= s || m.a >= e {
				continue
			}
			changed = true
			if m.a >= s {
				nb.WriteString(text[cur:m.a])
				nb.WriteString(m.value)
			}
			cur = min(m.b, e)
		}
		if !changed {
			continue
		}
		nb.WriteString(text[cur:e])
		b.WriteString(src[last:t.Start])
		writeTextElem(&b, nb.String())
		last = t.End
	}
	b.WriteString(src[last:p.End])
	return b.String(), true
}

// writeTextElem writes text as <w:t> elements of a run: line breaks become <w:br/>, tabs
// <w:tab/>.
func writeTextElem(b io.StringWriter, text string) {
	for i, line := range strings.Split(text, "\n") {
		if i > 0 {
			b.WriteString("<w:br/>")
		}
		for j, part := range strings.Split(line, "\t") {
			if j > 0 {
				b.WriteString("<w:tab/>")
			}
			b.WriteString(`<w:t xml:space="preserve">`)
			xmlText(b, part)
			b.WriteString(`</w:t>`)
		}
	}
}
