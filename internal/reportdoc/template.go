package reportdoc

import (
	"archive/zip"
	"bytes"
	_ "embed"
	"encoding/xml"
	"errors"
	"io"
	"slices"
	"strings"
)

//go:generate go test -run TestDefaultTemplateUpToDate -update-template .

// defaultTemplate is built by TestDefaultTemplateUpToDate (template_gen_test.go), which fails
// when the committed file and the generator differ.
//
//go:embed template/default.docx
var defaultTemplate []byte

// DefaultTemplate returns the built-in DOCX template (a copy: the caller may keep it).
func DefaultTemplate() []byte { return slices.Clone(defaultTemplate) }

// Template error codes.
const (
	CodeNotDOCX           = "not_docx"
	CodeTooLarge          = "too_large"
	CodeMacro             = "macro"
	CodeNoBodyPlaceholder = "no_body_placeholder"
)

// Limits on a template.
const (
	MaxTemplateSize = 5 << 20  // the uploaded file
	maxPartSize     = 64 << 20 // one XML part once inflated (a zip bomb stops here)
	maxParts        = 2000
)

// TemplateError is why a template was refused; Code is one of the Code constants.
type TemplateError struct{ Code string }

func (e *TemplateError) Error() string {
	msg := map[string]string{
		CodeNotDOCX:           "not a Word document (.docx)",
		CodeTooLarge:          "larger than 5 MB",
		CodeMacro:             "holds macros (.docm)",
		CodeNoBodyPlaceholder: "has no {{noi_dung}} placeholder in a paragraph of its own",
	}[e.Code]
	if msg == "" {
		msg = e.Code
	}
	return "reportdoc: template " + msg
}

// MessageVI is the error in Vietnamese, for the person who uploaded the template.
func (e *TemplateError) MessageVI() string {
	switch e.Code {
	case CodeNotDOCX:
		return "Tệp mẫu không phải văn bản Word (.docx)."
	case CodeTooLarge:
		return "Tệp mẫu lớn hơn 5 MB."
	case CodeMacro:
		return "Tệp mẫu chứa macro (.docm); hãy lưu lại dưới dạng .docx."
	case CodeNoBodyPlaceholder:
		return "Tệp mẫu phải có {{noi_dung}} đứng riêng một đoạn."
	}
	return "Tệp mẫu không hợp lệ."
}

// CheckTemplate validates an uploaded template: a real DOCX (zip with word/document.xml, well
// formed, in the usual w: namespace), under 5 MB, without macros, holding the {{noi_dung}}
// placeholder in a paragraph of its own. Errors are *TemplateError.
func CheckTemplate(b []byte) error {
	if len(b) > MaxTemplateSize {
		return &TemplateError{Code: CodeTooLarge}
	}
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil || len(zr.File) > maxParts {
		return &TemplateError{Code: CodeNotDOCX}
	}
	var doc, types *zip.File
	for _, f := range zr.File {
		lower := strings.ToLower(f.Name)
		switch {
		case f.Name == "word/document.xml":
			doc = f
		case f.Name == "[Content_Types].xml":
			types = f
		case strings.HasSuffix(lower, "vbaproject.bin") || strings.HasSuffix(lower, "vbadata.xml"):
			return &TemplateError{Code: CodeMacro}
		}
	}
	if doc == nil || types == nil {
		return &TemplateError{Code: CodeNotDOCX}
	}
	ct, err := readPart(types)
	if err != nil {
		return err
	}
	if strings.Contains(strings.ToLower(ct), "macroenabled") {
		return &TemplateError{Code: CodeMacro}
	}
	src, err := readPart(doc)
	if err != nil {
		return err
	}
	if !strings.Contains(src, `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`) || !wellFormed(src) {
		return &TemplateError{Code: CodeNotDOCX}
	}
	found := false
	eachParagraph(src, func(p *paragraph) {
		if placeholderName(p.Text()) == "noi_dung" {
			found = true
		}
	})
	if !found {
		return &TemplateError{Code: CodeNoBodyPlaceholder}
	}
	return nil
}

// readPart reads a zip entry as text, refusing one that inflates beyond maxPartSize.
func readPart(f *zip.File) (string, error) {
	rc, err := f.Open()
	if err != nil {
		return "", &TemplateError{Code: CodeNotDOCX}
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, maxPartSize+1))
	switch {
	case err != nil:
		return "", &TemplateError{Code: CodeNotDOCX}
	case len(data) > maxPartSize:
		return "", &TemplateError{Code: CodeTooLarge}
	}
	return string(data), nil
}

// wellFormed reports whether src parses as XML.
func wellFormed(src string) bool {
	dec := xml.NewDecoder(strings.NewReader(src))
	for {
		_, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return true
		}
		if err != nil {
			return false
		}
	}
}
