// Package intake turns an uploaded directive file (.txt, .docx, .pdf) into plain text for the
// directive intake, and refuses a bad file with a stable code the pages can explain. It is pure:
// bytes in, text out; it never touches the disk, the network or the database.
//
// The checks run in a fixed order, so a user is told about the first thing to fix: the size
// (empty, too large), then the extension (only .txt, .docx, .pdf give text), then the content
// (is it what the name says, is it locked, does it carry any text).
//
// PDF: no text is extracted yet (code "pdf_unsupported"); see pdf.go for why. A PDF is still
// checked, so a scan (no text layer) and a locked PDF get their own, more useful, refusals.
package intake

import (
	"bytes"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// MaxFileBytes is the largest upload accepted (20 MiB).
const MaxFileBytes = 20 << 20

// MaxTextRunes is the longest text returned; a longer text is refused as too large, so a
// directive's text always fits what the intake stores and shows.
const MaxTextRunes = 2_000_000

// Kind is the kind of a file that gives text.
type Kind string

// The kinds of file Text reads.
const (
	KindTXT  Kind = "txt"
	KindDOCX Kind = "docx"
	KindPDF  Kind = "pdf"
)

// The refusal codes. Each has the messages "error.intake_<code>" in web/i18n/{vi,en}/common.json.
const (
	CodeEmpty          = "empty"
	CodeTooLarge       = "too_large"
	CodeUnsupported    = "unsupported_type"
	CodeMismatch       = "mismatch"
	CodeEncrypted      = "encrypted"
	CodeNoText         = "no_text"
	CodeCorrupt        = "corrupt"
	CodePDFUnsupported = "pdf_unsupported"
)

// FieldFile is the form field every refusal concerns.
const FieldFile = "file"

// Error is a refusal: a stable code (one of the Code* constants), the field it concerns ("file")
// and a detail in English for logs and developers; users see the catalog message of the code.
type Error struct{ Code, Field, Detail string }

func (e *Error) Error() string {
	if e.Detail == "" {
		return "intake: " + e.Code
	}
	return "intake: " + e.Code + ": " + e.Detail
}

// MessageKey is the catalog key of the refusal's message.
func (e *Error) MessageKey() string { return "error.intake_" + e.Code }

func refuse(code, format string, args ...any) *Error {
	return &Error{Code: code, Field: FieldFile, Detail: fmt.Sprintf(format, args...)}
}

// The content types Sniff returns.
const (
	TypeDOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	TypePDF  = "application/pdf"
	TypeTXT  = "text/plain; charset=utf-8"
	TypeJPEG = "image/jpeg"
	TypePNG  = "image/png"
)

// Text reads an uploaded file and returns its text: NFC-normalised, with "\n" line ends, and
// for a .docx one paragraph per block separated by a blank line ("\n\n"), list numbers
// written back in front of their items (see numbering.go), and each table row one block on
// one line, its cells joined by " | " and a cell's paragraphs by a space: a task table (STT |
// Nội dung | Đơn vị chủ trì | Thời gian) keeps each task with its unit and deadline. Line
// breaks are "\n" (a space inside a table cell), tabs "\t". It checks the size first, then the
// extension, then the content; a refusal is an *Error.
func Text(name string, data []byte) (text string, kind Kind, err error) {
	if err := checkSize(data); err != nil {
		return "", "", err
	}
	switch ext(name) {
	case ".txt":
		kind = KindTXT
		text, err = txtText(data)
	case ".docx":
		kind = KindDOCX
		text, err = docxText(data)
	case ".pdf":
		kind = KindPDF
		text, err = pdfText(data)
	default:
		return "", "", unsupported(name)
	}
	if err != nil {
		return "", "", err
	}
	text = clean(text)
	if n := utf8.RuneCountInString(text); n > MaxTextRunes {
		return "", "", refuse(CodeTooLarge, "text has %d characters, more than %d", n, MaxTextRunes)
	}
	if strings.TrimSpace(text) == "" {
		if kind == KindTXT {
			return "", "", refuse(CodeEmpty, "the text file holds only blanks")
		}
		return "", "", refuse(CodeNoText, "the %s has no text", kind)
	}
	return text, kind, nil
}

// Sniff returns the content type to store an original file under, after checking that its
// content is what its name says. Scans are allowed as originals (a JPEG, a PNG, a PDF without
// text), and so is a locked PDF (many open without a password and only forbid copying); a
// password-protected .docx is refused as "encrypted", since it is not a .docx at all until
// opened.
func Sniff(name string, data []byte) (contentType string, err error) {
	if err := checkSize(data); err != nil {
		return "", err
	}
	switch e := ext(name); e {
	case ".txt":
		if err := checkTXT(data); err != nil {
			return "", err
		}
		return TypeTXT, nil
	case ".docx":
		if _, err := openDOCX(data); err != nil {
			return "", err
		}
		return TypeDOCX, nil
	case ".pdf":
		if _, err := pdfStart(data); err != nil {
			return "", err
		}
		return TypePDF, nil
	case ".jpg", ".jpeg":
		if !bytes.HasPrefix(data, []byte{0xFF, 0xD8, 0xFF}) {
			return "", refuse(CodeMismatch, "%s is not a JPEG picture (%s)", e, describe(data))
		}
		return TypeJPEG, nil
	case ".png":
		if !bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")) {
			return "", refuse(CodeMismatch, "%s is not a PNG picture (%s)", e, describe(data))
		}
		return TypePNG, nil
	default:
		return "", unsupported(name)
	}
}

func checkSize(data []byte) error {
	if len(data) == 0 {
		return refuse(CodeEmpty, "the file is empty")
	}
	if len(data) > MaxFileBytes {
		return refuse(CodeTooLarge, "the file has %d bytes, more than %d", len(data), MaxFileBytes)
	}
	return nil
}

func unsupported(name string) error {
	e := ext(name)
	if e == "" {
		return refuse(CodeUnsupported, "the file name %q has no extension", base(name))
	}
	return refuse(CodeUnsupported, "files %s are not read (only .txt, .docx, .pdf)", e)
}

// base is the last element of a file name as a browser may send it: some send the whole path,
// with either slash.
func base(name string) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	return name
}

// ext is the lower-case extension of name, with its dot ("" when there is none).
func ext(name string) string {
	b := strings.TrimRight(base(name), " .")
	i := strings.LastIndexByte(b, '.')
	if i <= 0 {
		return ""
	}
	return strings.ToLower(b[i:])
}

// describe names what the first bytes of a file look like, for the detail of a mismatch.
func describe(data []byte) string {
	switch {
	case bytes.HasPrefix(data, []byte("%PDF-")):
		return "it is a PDF"
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return "it is a zip archive"
	case bytes.HasPrefix(data, oleMagic):
		return "it is an old Office (OLE) file"
	case bytes.HasPrefix(data, []byte{0xFF, 0xD8, 0xFF}):
		return "it is a JPEG picture"
	case bytes.HasPrefix(data, []byte("\x89PNG")):
		return "it is a PNG picture"
	case bytes.HasPrefix(data, []byte("MZ")):
		return "it is a Windows program"
	case utf8.Valid(data[:min(len(data), 512)]):
		return "it looks like text"
	}
	return "unknown content"
}

// txtText checks a text file and returns its text without a byte-order mark.
func txtText(data []byte) (string, error) {
	if err := checkTXT(data); err != nil {
		return "", err
	}
	return string(bytes.TrimPrefix(data, utf8BOM)), nil
}

var utf8BOM = []byte("\xEF\xBB\xBF")

// checkTXT accepts UTF-8 text whose only control characters are tab, line feed, carriage
// return and form feed: anything else means the file is binary or in an old encoding
// (Windows-1258, TCVN3), which would come out garbled.
func checkTXT(data []byte) error {
	data = bytes.TrimPrefix(data, utf8BOM)
	if bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}) {
		return refuse(CodeMismatch, "the text file is UTF-16, not UTF-8")
	}
	line := 1
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			return refuse(CodeMismatch, "the text file is not UTF-8 (line %d, byte %d); %s", line, i, describe(data))
		}
		switch {
		case r == '\n':
			line++
		case r == '\t' || r == '\r' || r == '\f':
		case unicode.IsControl(r):
			return refuse(CodeMismatch, "the text file has the control character %U on line %d; %s", r, line, describe(data))
		}
		i += size
	}
	return nil
}

// clean is the last step for every kind: one line-end form, NFC (Vietnamese typed with
// combining marks, as some keyboards and PDF writers do, compares equal to the precomposed
// form), no trailing blanks at the end.
func clean(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	s = norm.NFC.String(s)
	return strings.TrimRightFunc(s, unicode.IsSpace)
}
