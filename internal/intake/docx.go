package intake

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
	"unicode/utf16"
)

// maxUnzipBytes caps what is decompressed from one .docx, all parts together: a 20 MiB zip can
// expand to gigabytes (a zip bomb), and a real directive's XML is a few MiB at most.
const maxUnzipBytes = 50 << 20

// oleMagic starts an OLE compound file: an old .doc, or a .docx locked with a password (Office
// wraps the encrypted package in one).
var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// encryptedPackage is the name of the stream that holds a password-protected .docx inside its
// OLE wrapper, as stored in the OLE directory (UTF-16LE).
var encryptedPackage = func() []byte {
	var b []byte
	for _, u := range utf16.Encode([]rune("EncryptedPackage")) {
		b = append(b, byte(u), byte(u>>8))
	}
	return b
}()

// The namespaces of WordprocessingML: transitional (what Word and LibreOffice write) and strict.
const (
	nsW       = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsWStrict = "http://purl.oclc.org/ooxml/wordprocessingml/main"
	nsMC      = "http://schemas.openxmlformats.org/markup-compatibility/2006"
)

var errUnzipBudget = errors.New("the .docx expands to more than the limit")

// docx is an opened .docx: its parts by name and where its main document is.
type docx struct {
	parts  map[string]*zip.File
	main   string
	budget int64 // bytes left to decompress
}

// openDOCX checks that data is a .docx (a zip holding a WordprocessingML document) and tells a
// locked or old Word file, or another file renamed, from a broken one.
func openDOCX(data []byte) (*docx, error) {
	if bytes.HasPrefix(data, oleMagic) {
		if bytes.Contains(data, encryptedPackage) {
			return nil, refuse(CodeEncrypted, "the .docx is protected with a password (an OLE file with EncryptedPackage)")
		}
		return nil, refuse(CodeMismatch, "the file is an old Word .doc (OLE), not a .docx")
	}
	if !bytes.HasPrefix(data, []byte("PK")) {
		return nil, refuse(CodeMismatch, "a .docx is a zip archive; %s", describe(data))
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, refuse(CodeCorrupt, "the zip archive cannot be read: %v", err)
	}
	d := &docx{parts: make(map[string]*zip.File, len(zr.File)), budget: maxUnzipBytes}
	for _, f := range zr.File {
		n := strings.TrimPrefix(f.Name, "/")
		if _, dup := d.parts[n]; !dup {
			d.parts[n] = f
		}
	}
	d.main = "word/document.xml"
	if t := d.relTarget("_rels/.rels", "/officeDocument"); t != "" {
		if _, ok := d.parts[t]; ok {
			d.main = t
		}
	}
	f, ok := d.parts[d.main]
	if !ok {
		return nil, refuse(CodeMismatch, "the zip archive holds no Word document (word/document.xml); it may be another Office file renamed")
	}
	if f.Flags&0x1 != 0 {
		return nil, refuse(CodeEncrypted, "the zip entry %s is encrypted", f.Name)
	}
	return d, nil
}

// open returns a reader of a part that fails with errUnzipBudget once the document's budget
// is spent.
func (d *docx) open(name string) (io.ReadCloser, error) {
	f, ok := d.parts[name]
	if !ok {
		return nil, fmt.Errorf("no part %s", name)
	}
	if f.UncompressedSize64 > uint64(d.budget) {
		return nil, errUnzipBudget
	}
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	return &budgetReader{rc: rc, d: d}, nil
}

type budgetReader struct {
	rc io.ReadCloser
	d  *docx
}

func (b *budgetReader) Read(p []byte) (int, error) {
	if b.d.budget <= 0 {
		// A read of 0 bytes left cannot tell the end from a bomb: ask for one more byte.
		var one [1]byte
		if n, _ := b.rc.Read(one[:]); n > 0 {
			return 0, errUnzipBudget
		}
		return b.rc.Read(p)
	}
	if int64(len(p)) > b.d.budget {
		p = p[:b.d.budget]
	}
	n, err := b.rc.Read(p)
	b.d.budget -= int64(n)
	return n, err
}

func (b *budgetReader) Close() error { return b.rc.Close() }

// partError turns a failure to read a part into a refusal.
func partError(part string, err error) error {
	var ie *Error
	switch {
	case errors.As(err, &ie):
		return ie
	case errors.Is(err, errUnzipBudget):
		return refuse(CodeTooLarge, "%s: the .docx expands to more than %d MiB", part, maxUnzipBytes>>20)
	}
	return refuse(CodeCorrupt, "%s: %v", part, err)
}

// readXML decodes a small part (relationships, numbering, styles) into v; a part that is
// missing leaves v as it was.
func (d *docx) readXML(name string, v any) error {
	if _, ok := d.parts[name]; !ok {
		return nil
	}
	rc, err := d.open(name)
	if err != nil {
		return partError(name, err)
	}
	defer rc.Close()
	if err := xml.NewDecoder(rc).Decode(v); err != nil {
		return partError(name, err)
	}
	return nil
}

type xRels struct {
	Rels []struct {
		Type   string `xml:"Type,attr"`
		Target string `xml:"Target,attr"`
		Mode   string `xml:"TargetMode,attr"`
	} `xml:"Relationship"`
}

// relTarget is the part that the relationships part rels points to with a type ending in
// typ ("" when there is none). Targets are relative to the folder of the part the rels
// belong to, or absolute from the package root.
func (d *docx) relTarget(rels, typ string) string {
	var r xRels
	if d.readXML(rels, &r) != nil {
		return ""
	}
	// "word/_rels/document.xml.rels" belongs to "word/document.xml"; "_rels/.rels" to the root.
	dir := path.Dir(path.Dir(rels))
	for _, x := range r.Rels {
		if !strings.HasSuffix(x.Type, typ) || strings.EqualFold(x.Mode, "External") {
			continue
		}
		if strings.HasPrefix(x.Target, "/") {
			return strings.TrimPrefix(path.Clean(x.Target), "/")
		}
		return strings.TrimPrefix(path.Join(dir, x.Target), "/")
	}
	return ""
}

// docxText returns the text of a .docx: see Text.
func docxText(data []byte) (string, error) {
	d, err := openDOCX(data)
	if err != nil {
		return "", err
	}
	rels := path.Join(path.Dir(d.main), "_rels", path.Base(d.main)+".rels")
	part := func(typ, fallback string) string {
		if t := d.relTarget(rels, typ); t != "" {
			return t
		}
		return fallback
	}
	num, err := d.readNumbering(part("/numbering", "word/numbering.xml"))
	if err != nil {
		return "", err
	}
	styles, err := d.readStyles(part("/styles", "word/styles.xml"))
	if err != nil {
		return "", err
	}
	rc, err := d.open(d.main)
	if err != nil {
		return "", partError(d.main, err)
	}
	defer rc.Close()
	w := &walker{num: num, styles: styles}
	if err := w.walk(xml.NewDecoder(rc)); err != nil {
		return "", partError(d.main, err)
	}
	return strings.Join(w.out, "\n\n"), nil
}

// walker streams document.xml and gathers its blocks: paragraphs, and table rows.
type walker struct {
	num    *numbering
	styles map[string]xStyle
	out    []string
	runes  int // bytes gathered so far, to stop early on a huge document

	paras []*para // open paragraphs (a text box's paragraphs sit inside a paragraph's run)
	tbls  []*tbl  // open tables
	boxes []int   // len(tbls) when each open text box began: its paragraphs are blocks of their own
}

type para struct {
	b           strings.Builder
	style       string
	numID, ilvl string
	hasNum      bool // the paragraph names its list itself (numId 0 takes it out of its style's)
	inCell      bool // the paragraph is in a table cell: a line break becomes a space
}

type tbl struct {
	cells []string // the open row's cells
	cell  []string // the open cell's paragraphs
}

// errTextLimit stops the walk once the text is longer than Text accepts.
var errTextLimit = errors.New("text limit")

func isW(n xml.Name, local string) bool {
	return n.Local == local && (n.Space == nsW || n.Space == nsWStrict)
}

func (w *walker) walk(dec *xml.Decoder) error {
	inText := false // inside w:t
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if skipped(t.Name) {
				if err := dec.Skip(); err != nil {
					return err
				}
				continue
			}
			if t.Name.Space != nsW && t.Name.Space != nsWStrict {
				continue
			}
			p := w.para()
			switch t.Name.Local {
			case "p":
				w.paras = append(w.paras, &para{inCell: w.inCell()})
			case "pPr":
				if p != nil {
					if err := w.readPPr(dec, p); err != nil {
						return err
					}
				} else if err := dec.Skip(); err != nil {
					return err
				}
			case "rPr", "sectPr", "tblPr", "trPr", "tcPr", "tblGrid", "tblPrEx":
				if err := dec.Skip(); err != nil {
					return err
				}
			case "t":
				inText = true
			case "tab":
				w.write("\t")
			case "br", "cr":
				if p != nil && p.inCell {
					w.write(" ")
				} else {
					w.write("\n")
				}
			case "noBreakHyphen":
				w.write("-")
			case "tbl":
				w.tbls = append(w.tbls, &tbl{})
			case "tr":
				if tb := w.tbl(); tb != nil {
					tb.cells = tb.cells[:0]
				}
			case "tc":
				if tb := w.tbl(); tb != nil {
					tb.cell = tb.cell[:0]
				}
			case "txbxContent":
				w.boxes = append(w.boxes, len(w.tbls))
			}
		case xml.EndElement:
			if t.Name.Space != nsW && t.Name.Space != nsWStrict {
				continue
			}
			switch t.Name.Local {
			case "t":
				inText = false
			case "p":
				if err := w.endPara(); err != nil {
					return err
				}
			case "tc":
				if tb := w.tbl(); tb != nil {
					tb.cells = append(tb.cells, strings.Join(tb.cell, " "))
				}
			case "tr":
				if tb := w.tbl(); tb != nil {
					if err := w.endRow(tb); err != nil {
						return err
					}
				}
			case "tbl":
				if len(w.tbls) > 0 {
					w.tbls = w.tbls[:len(w.tbls)-1]
				}
			case "txbxContent":
				if len(w.boxes) > 0 {
					w.boxes = w.boxes[:len(w.boxes)-1]
				}
			}
		case xml.CharData:
			if inText {
				w.write(string(t))
			}
		}
		if w.runes > 4*MaxTextRunes {
			return errTextLimit
		}
	}
}

// skipped are the elements whose content is not the document's current text: tracked
// deletions and moves away, the fallback copy of a text box (its mc:Choice holds the same
// text), and earlier formatting kept for tracked changes.
func skipped(n xml.Name) bool {
	if n.Space == nsMC {
		return n.Local == "Fallback"
	}
	if n.Space != nsW && n.Space != nsWStrict {
		return false
	}
	switch n.Local {
	case "del", "moveFrom", "pPrChange", "rPrChange", "instrText", "delText", "footnotePr", "endnotePr":
		return true
	}
	return false
}

func (w *walker) para() *para {
	if len(w.paras) == 0 {
		return nil
	}
	return w.paras[len(w.paras)-1]
}

func (w *walker) tbl() *tbl {
	if len(w.tbls) == 0 {
		return nil
	}
	return w.tbls[len(w.tbls)-1]
}

// inCell reports whether a paragraph starting now belongs to a table cell rather than to a
// text box inside one.
func (w *walker) inCell() bool {
	if len(w.tbls) == 0 {
		return false
	}
	return len(w.boxes) == 0 || w.boxes[len(w.boxes)-1] < len(w.tbls)
}

func (w *walker) write(s string) {
	if p := w.para(); p != nil {
		p.b.WriteString(s)
		w.runes += len(s)
	}
}

// readPPr reads the paragraph properties the text needs: its style and its list membership.
func (w *walker) readPPr(dec *xml.Decoder, p *para) error {
	depth := 1
	for depth > 0 {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if skipped(t.Name) {
				if err := dec.Skip(); err != nil {
					return err
				}
				depth--
				continue
			}
			switch {
			case isW(t.Name, "pStyle"):
				p.style = wVal(t)
			case isW(t.Name, "numId"):
				p.numID, p.hasNum = wVal(t), true
			case isW(t.Name, "ilvl"):
				p.ilvl = wVal(t)
			}
		case xml.EndElement:
			depth--
		}
	}
	return nil
}

// wVal is the w:val attribute of an element.
func wVal(t xml.StartElement) string {
	for _, a := range t.Attr {
		if a.Name.Local == "val" {
			return a.Value
		}
	}
	return ""
}

func (w *walker) endPara() error {
	if len(w.paras) == 0 {
		return nil
	}
	p := w.paras[len(w.paras)-1]
	w.paras = w.paras[:len(w.paras)-1]
	text := strings.TrimRight(p.b.String(), " \t\n")
	if strings.TrimSpace(text) == "" {
		return nil
	}
	numID, ilvl := p.numID, p.ilvl
	if !p.hasNum {
		numID, ilvl = w.styleNum(p.style)
	}
	text = w.num.marker(numID, ilvl) + text
	if p.inCell {
		if tb := w.tbl(); tb != nil {
			tb.cell = append(tb.cell, strings.TrimSpace(text))
			return nil
		}
	}
	w.out = append(w.out, text)
	return nil
}

func (w *walker) endRow(tb *tbl) error {
	empty := true
	for _, c := range tb.cells {
		if c != "" {
			empty = false
			break
		}
	}
	if empty {
		return nil
	}
	line := strings.Join(tb.cells, " | ")
	tb.cells = tb.cells[:0]
	// A table inside a table cell: its rows go into the outer cell.
	if len(w.tbls) > 1 && (len(w.boxes) == 0 || w.boxes[len(w.boxes)-1] < len(w.tbls)-1) {
		outer := w.tbls[len(w.tbls)-2]
		outer.cell = append(outer.cell, line)
		return nil
	}
	w.out = append(w.out, line)
	return nil
}

// styleNum is the list a paragraph style puts its paragraphs in (headings and "List Number"
// often carry their numbering in the style), following basedOn a few steps.
func (w *walker) styleNum(style string) (numID, ilvl string) {
	for range 10 {
		s, ok := w.styles[style]
		if !ok {
			return "", ""
		}
		if s.PPr.NumPr != nil && s.PPr.NumPr.NumID != nil {
			il := ""
			if s.PPr.NumPr.Ilvl != nil {
				il = s.PPr.NumPr.Ilvl.Val
			}
			return s.PPr.NumPr.NumID.Val, il
		}
		style = s.BasedOn.Val
	}
	return "", ""
}

type xVal struct {
	Val string `xml:"val,attr"`
}

type xStyle struct {
	ID      string `xml:"styleId,attr"`
	BasedOn xVal   `xml:"basedOn"`
	PPr     struct {
		NumPr *struct {
			NumID *xVal `xml:"numId"`
			Ilvl  *xVal `xml:"ilvl"`
		} `xml:"numPr"`
	} `xml:"pPr"`
}

func (d *docx) readStyles(name string) (map[string]xStyle, error) {
	var x struct {
		Styles []xStyle `xml:"style"`
	}
	if err := d.readXML(name, &x); err != nil {
		return nil, err
	}
	m := make(map[string]xStyle, len(x.Styles))
	for _, s := range x.Styles {
		m[s.ID] = s
	}
	return m, nil
}
