package intake

import (
	"bytes"
	"compress/zlib"
	"io"
	"regexp"
)

// PDF text is not extracted yet: a PDF with text is refused with "pdf_unsupported", whose
// message asks for the text pasted or a .docx. No pure-Go library tried gave the text of a
// Vietnamese PDF back correctly (2026-12, checked against PDFs made by go-pdf/fpdf v0.9.0 with
// an embedded Liberation font and by LibreOffice 7.4 from the same made-up công văn):
//
//   - github.com/ledongthuc/pdf v0.0.0-20260907135840-6c8c28e0e8a0, the maintained fork of
//     rsc.io/pdf (rsc.io/pdf v0.1.1 and github.com/dslipak/pdf v0.0.2 come from the same code
//     and were not tried on their own):
//     (1) its ToUnicode reader applies a bfrange by adding to the last byte only, so fpdf's
//     one range <0000> <FFFF> <0000> turns "Ả" (U+1EA2) into "¢" (U+00A2): every letter
//     outside Latin-1 comes out wrong (that range is outside the letter of the spec, but
//     common); (2) LibreOffice writes each line twice over, first the Latin-1 letters in one
//     font with gaps, then the other Vietnamese letters in a second font at their places, and
//     the plain-text reader keeps stream order, so "Độc lập" comes out "Đc lpộậ"; its
//     positioned reader (Page.Content) takes glyph widths from /Widths by single bytes, which
//     is wrong for the two-byte fonts both writers use, and it does not recover from panics;
//     (3) it has no guard against cyclic /Prev chains or huge /Size values in hostile files.
//   - github.com/pdfcpu/pdfcpu (not tried) validates and decrypts but extracts no text, and
//     the version served here is marked as not approved.
//   - github.com/klippa-app/go-pdfium (not tried) needs cgo or a WebAssembly runtime.
//
// Doing it right means placing every glyph (font widths, text matrices, TJ offsets) and
// reading each line left to right, as pdftotext does; that is its own piece of work. Until
// then a PDF is still checked here, so the user learns the useful thing: it is not a PDF, it
// is locked, or it is a scan with no text at all.

// maxPDFInflate caps what is decompressed while looking for fonts in a PDF's streams.
const maxPDFInflate = 64 << 20

var (
	// encryptRef is the trailer's (or cross-reference stream's) /Encrypt entry: a reference
	// or a direct dictionary. Those dictionaries are never compressed.
	encryptRef = regexp.MustCompile(`/Encrypt\s*(\d+\s+\d+\s+R|<<)`)
	// fontName is a font dictionary (a PDF shows text only in a font). The font resources are
	// not enough: some writers (fpdf among them) give every page an empty "/Font << >>".
	fontName = regexp.MustCompile(`/Type\s*/Font[\s/<>\[\]]`)
	// streamStart is the keyword that starts a stream's data.
	streamStart = regexp.MustCompile(`stream\r?\n`)
)

// pdfStart checks the PDF header and returns where the PDF begins (readers accept a little
// junk before it).
func pdfStart(data []byte) (int, error) {
	i := bytes.Index(data[:min(len(data), 1024)], []byte("%PDF-"))
	if i < 0 {
		return 0, refuse(CodeMismatch, "a PDF starts with %%PDF-; %s", describe(data))
	}
	return i, nil
}

func pdfText(data []byte) (string, error) {
	start, err := pdfStart(data)
	if err != nil {
		return "", err
	}
	data = data[start:]
	if !bytes.Contains(data[max(0, len(data)-64<<10):], []byte("%%EOF")) {
		return "", refuse(CodeCorrupt, "the PDF has no %%%%EOF at its end: it was cut short")
	}
	if encryptRef.Match(data) {
		return "", refuse(CodeEncrypted, "the PDF has an /Encrypt entry")
	}
	switch hasFont(data) {
	case fontNone:
		return "", refuse(CodeNoText, "the PDF has no font, so no text layer: a scan or pictures only")
	default:
		return "", refuse(CodePDFUnsupported, "text is not read from PDF files yet")
	}
}

type fontFound int

const (
	fontNone fontFound = iota
	fontSome
	fontUnknown // the search stopped at its limit
)

// hasFont looks for a font in the PDF: in its plain bytes, then in every stream that inflates
// (fonts and page resources of PDF 1.5 and later sit in compressed object streams).
func hasFont(data []byte) fontFound {
	if fontName.Match(data) {
		return fontSome
	}
	budget := int64(maxPDFInflate)
	buf := make([]byte, 32<<10)
	for _, loc := range streamStart.FindAllIndex(data, -1) {
		body := data[loc[1]:]
		if end := bytes.Index(body, []byte("endstream")); end >= 0 {
			body = body[:end]
		}
		zr, err := zlib.NewReader(bytes.NewReader(body))
		if err != nil {
			continue // not Flate: a picture, or raw data
		}
		// Search the inflated data window by window, keeping a short overlap so a name
		// cut between two windows is still found.
		var tail []byte
		for {
			n, err := zr.Read(buf)
			budget -= int64(n)
			if n > 0 {
				w := append(tail, buf[:n]...)
				if fontName.Match(w) {
					return fontSome
				}
				tail = append(tail[:0], w[max(0, len(w)-8):]...)
			}
			if budget <= 0 {
				return fontUnknown
			}
			if err != nil {
				if err != io.EOF {
					break // a broken stream: the rest of the file may still tell
				}
				if fontName.Match(append(tail, ' ')) {
					return fontSome
				}
				break
			}
		}
	}
	return fontNone
}
