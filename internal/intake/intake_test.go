package intake

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/go-fonts/liberation/liberationserifregular"
	"github.com/go-pdf/fpdf"
	"golang.org/x/text/unicode/norm"
)

// congVanLines is a made-up công văn, with every Vietnamese letter in both cases.
var congVanLines = []string{
	"ỦY BAN NHÂN DÂN TỈNH BÌNH SƠN",
	"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
	"Độc lập - Tự do - Hạnh phúc",
	"Số: 215/UBND-NC",
	"Bình Sơn, ngày 08 tháng 4 năm 2026",
	"1. Tăng cường công tác dân vận chính quyền; tiếp công dân định kỳ.",
	"2. Giải quyết khiếu nại, tố cáo đúng thời hạn luật định (“quá hạn”).",
	vietLower,
	vietUpper,
}

// textPDF is a PDF with a text layer: the công văn set in an embedded Liberation Serif.
func textPDF(t testing.TB, protect bool) []byte {
	t.Helper()
	f := fpdf.New("P", "mm", "A4", "")
	f.AddUTF8FontFromBytes("serif", "", liberationserifregular.TTF)
	if protect {
		f.SetProtection(fpdf.CnProtectPrint, "mat-khau", "chu-so-huu")
	}
	f.AddPage()
	f.SetFont("serif", "", 10)
	for _, l := range congVanLines {
		f.CellFormat(0, 6, l, "", 1, "L", false, 0, "")
	}
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// scanPDF is a PDF with a picture only, as a scanner makes.
func scanPDF(t testing.TB) []byte {
	t.Helper()
	img := image.NewGray(image.Rect(0, 0, 40, 56))
	for i := range img.Pix {
		img.Pix[i] = 0xF0
	}
	img.Set(10, 10, color.Black)
	var pic bytes.Buffer
	if err := png.Encode(&pic, img); err != nil {
		t.Fatal(err)
	}
	f := fpdf.New("P", "mm", "A4", "")
	f.AddPage()
	f.RegisterImageOptionsReader("trang1", fpdf.ImageOptions{ImageType: "PNG"}, &pic)
	f.ImageOptions("trang1", 0, 0, 210, 297, false, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(buf.Bytes(), []byte("/FontFile")) {
		t.Fatal("the scan PDF has a font")
	}
	return buf.Bytes()
}

// objStmPDF is a PDF 1.5 shape whose only font dictionary sits in a compressed object stream.
func objStmPDF(t testing.TB, withFont bool) []byte {
	t.Helper()
	obj := "<</Type/Page/Resources<<>>/MediaBox[0 0 595 842]>>"
	if withFont {
		obj = "<</Type/Font/Subtype/TrueType/BaseFont/TimesNewRoman>>"
	}
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	fmt.Fprintf(zw, "3 0 %s", obj)
	zw.Close()
	var b bytes.Buffer
	fmt.Fprintf(&b, "%%PDF-1.5\n%%\xE2\xE3\xCF\xD3\n1 0 obj\n<</Type/ObjStm/N 1/First 4/Filter/FlateDecode/Length %d>>\nstream\n", z.Len())
	b.Write(z.Bytes())
	b.WriteString("\nendstream\nendobj\nstartxref\n0\n%%EOF\n")
	return b.Bytes()
}

// oleFile is the start of an OLE compound file, with the EncryptedPackage stream's name in its
// directory when encrypted (what Word writes for a .docx with a password).
func oleFile(encrypted bool) []byte {
	b := append([]byte{}, oleMagic...)
	b = append(b, make([]byte, 1024)...)
	name := "WordDocument"
	if encrypted {
		name = "EncryptedPackage"
	}
	for _, c := range name {
		b = append(b, byte(c), 0)
	}
	return append(b, make([]byte, 512)...)
}

func TestText(t *testing.T) {
	docx := sampleDOCX(t)
	lo, err := os.ReadFile(filepath.Join("testdata", "cong-van-libreoffice.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	bomb := zipParts(t, docxParts(p(r("Mở đầu"))+strings.Repeat(" ", maxUnzipBytes+1), "", ""))
	longText := zipParts(t, docxParts(p(r(strings.Repeat("ạ", MaxTextRunes+1))), "", ""))
	noDoc := zipParts(t, map[string]string{"xl/workbook.xml": "<workbook/>", "[Content_Types].xml": "<Types/>"})
	badXML := zipParts(t, docxParts(p(r("Thiếu thẻ đóng"))+"<w:p>", "", ""))
	emptyDoc := zipParts(t, docxParts(p()+p(r("  "))+`<w:tbl>`+tr(tc(p()))+`</w:tbl>`, "", ""))
	plainPDF, lockedPDF, scan := textPDF(t, false), textPDF(t, true), scanPDF(t)

	tests := []struct {
		name     string
		file     string
		data     []byte
		want     string // the text, or the refusal's code
		wantKind Kind
	}{
		{"docx", "Cong van 215.DOCX", docx, sampleText, KindDOCX},
		{"docx path from an old browser", `C:\fakepath\cv.docx`, docx, sampleText, KindDOCX},
		{"txt", "cv.txt", []byte("\xEF\xBB\xBFSo\u0302\u0301: 215/UBND-NC\r\n1. Tie\u0302\u0301p co\u0302ng da\u0302n.\r\n\f\tHết\n\n"), "Số: 215/UBND-NC\n1. Tiếp công dân.\n\f\tHết", KindTXT},

		{"empty", "cv.docx", nil, CodeEmpty, ""},
		{"empty with a bad extension", "cv.exe", []byte{}, CodeEmpty, ""},
		{"oversize", "cv.txt", bytes.Repeat([]byte("a"), MaxFileBytes+1), CodeTooLarge, ""},
		{"oversize checked before the extension", "setup.exe", bytes.Repeat([]byte("a"), MaxFileBytes+1), CodeTooLarge, ""},
		{"doc", "cv.doc", oleFile(false), CodeUnsupported, ""},
		{"exe", "setup.exe", []byte("MZ\x90\x00"), CodeUnsupported, ""},
		{"image", "scan.jpg", []byte{0xFF, 0xD8, 0xFF, 0xE0}, CodeUnsupported, ""},
		{"no extension", "congvan", []byte("Số: 1"), CodeUnsupported, ""},

		{"docx that is a PDF", "cv.docx", plainPDF, CodeMismatch, ""},
		{"docx that is text", "cv.docx", []byte("Số: 215/UBND-NC"), CodeMismatch, ""},
		{"docx that is an old .doc", "cv.docx", oleFile(false), CodeMismatch, ""},
		{"docx with a password", "cv.docx", oleFile(true), CodeEncrypted, ""},
		{"zip without a Word document", "cv.docx", noDoc, CodeMismatch, ""},
		{"docx cut short", "cv.docx", docx[:len(docx)/2], CodeCorrupt, ""},
		{"docx with broken XML", "cv.docx", badXML, CodeCorrupt, ""},
		{"docx zip bomb", "cv.docx", bomb, CodeTooLarge, ""},
		{"docx with too much text", "cv.docx", longText, CodeTooLarge, ""},
		{"docx without text", "cv.docx", emptyDoc, CodeNoText, ""},

		{"txt not UTF-8", "cv.txt", []byte("S\xf4: 215/UBND-NC"), CodeMismatch, ""},
		{"txt UTF-16", "cv.txt", []byte("\xFF\xFES\x00\xd1\x1e"), CodeMismatch, ""},
		{"txt with NUL", "cv.txt", []byte("Số: 215\x00/UBND"), CodeMismatch, ""},
		{"txt with escape", "cv.txt", []byte("Số: 215\x1b[0m"), CodeMismatch, ""},
		{"txt with a C1 control", "cv.txt", []byte("Số: 215\u0085"), CodeMismatch, ""},
		{"txt that is a PDF", "cv.txt", plainPDF, CodeMismatch, ""},
		{"txt of blanks", "cv.txt", []byte(" \r\n\t\n"), CodeEmpty, ""},

		{"pdf with text", "cv.pdf", plainPDF, CodePDFUnsupported, ""},
		{"pdf from LibreOffice", "cv.pdf", lo, CodePDFUnsupported, ""},
		{"pdf font in an object stream", "cv.pdf", objStmPDF(t, true), CodePDFUnsupported, ""},
		{"pdf scan", "scan.pdf", scan, CodeNoText, ""},
		{"pdf scan, objects compressed", "scan.pdf", objStmPDF(t, false), CodeNoText, ""},
		{"pdf encrypted", "cv.pdf", lockedPDF, CodeEncrypted, ""},
		{"pdf cut short", "cv.pdf", plainPDF[:len(plainPDF)*2/3], CodeCorrupt, ""},
		{"pdf that is a docx", "cv.pdf", docx, CodeMismatch, ""},
		{"pdf that is text", "cv.pdf", []byte("Số: 215/UBND-NC"), CodeMismatch, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, kind, err := Text(tt.file, tt.data)
			if tt.wantKind == "" {
				var ie *Error
				if !errors.As(err, &ie) {
					t.Fatalf("Text = %q, %v; want refusal %q", trim(got), err, tt.want)
				}
				if ie.Code != tt.want || ie.Field != FieldFile {
					t.Fatalf("refusal = %+v; want code %q on field file", ie, tt.want)
				}
				if got != "" || kind != "" {
					t.Errorf("a refusal also returned %q, %q", trim(got), kind)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if kind != tt.wantKind {
				t.Errorf("kind = %q, want %q", kind, tt.wantKind)
			}
			if got != tt.want {
				t.Errorf("text differs:\n%s", lineDiff(got, tt.want))
			}
		})
	}
}

func trim(s string) string {
	if len(s) > 80 {
		return s[:80] + "…"
	}
	return s
}

// TestTextPDF_VietnameseLayer checks that the PDFs the refusals are tested on really carry
// the Vietnamese text (fpdf's text is in the file, LibreOffice's fixture has its fonts), so
// "pdf_unsupported" is measured on PDFs a reader could extract.
func TestTextPDF_VietnameseLayer(t *testing.T) {
	data := textPDF(t, false)
	for _, want := range []string{"/ToUnicode", "/Identity-H", "/FontFile2"} {
		if !bytes.Contains(data, []byte(want)) {
			t.Errorf("fpdf output lacks %s", want)
		}
	}
	if hasFont(data) != fontSome {
		t.Error("fpdf output: no font found")
	}
	for _, l := range congVanLines {
		if !norm.NFC.IsNormalString(l) {
			t.Errorf("line %q is not NFC", l)
		}
	}
}

func TestSniff(t *testing.T) {
	docx := sampleDOCX(t)
	pdf := textPDF(t, false)
	var pic bytes.Buffer
	if err := png.Encode(&pic, image.NewGray(image.Rect(0, 0, 2, 2))); err != nil {
		t.Fatal(err)
	}
	jpeg := []byte{0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 'J', 'F', 'I', 'F'}
	tests := []struct {
		name, file string
		data       []byte
		want       string // the content type, or the refusal's code
		ok         bool
	}{
		{"docx", "cv.docx", docx, TypeDOCX, true},
		{"pdf", "cv.PDF", pdf, TypePDF, true},
		{"scan pdf", "scan.pdf", scanPDF(t), TypePDF, true},
		{"locked pdf kept as original", "cv.pdf", textPDF(t, true), TypePDF, true},
		{"txt", "cv.txt", []byte("Số: 215/UBND-NC\n"), TypeTXT, true},
		{"jpeg", "scan.jpg", jpeg, TypeJPEG, true},
		{"jpeg long extension", "scan.JPEG", jpeg, TypeJPEG, true},
		{"png", "scan.png", pic.Bytes(), TypePNG, true},

		{"empty", "scan.png", nil, CodeEmpty, false},
		{"oversize", "scan.jpg", append(jpeg, make([]byte, MaxFileBytes)...), CodeTooLarge, false},
		{"exe", "setup.exe", []byte("MZ"), CodeUnsupported, false},
		{"doc", "cv.doc", oleFile(false), CodeUnsupported, false},
		{"docx that is a PDF", "cv.docx", pdf, CodeMismatch, false},
		{"docx with a password", "cv.docx", oleFile(true), CodeEncrypted, false},
		{"pdf that is a picture", "cv.pdf", jpeg, CodeMismatch, false},
		{"png that is a JPEG", "scan.png", jpeg, CodeMismatch, false},
		{"jpeg that is a PNG", "scan.jpg", pic.Bytes(), CodeMismatch, false},
		{"txt not UTF-8", "cv.txt", []byte("S\xf4"), CodeMismatch, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Sniff(tt.file, tt.data)
			if tt.ok {
				if err != nil || got != tt.want {
					t.Fatalf("Sniff = %q, %v; want %q", got, err, tt.want)
				}
				return
			}
			var ie *Error
			if !errors.As(err, &ie) || ie.Code != tt.want || ie.Field != FieldFile {
				t.Fatalf("Sniff = %q, %v; want refusal %q", got, err, tt.want)
			}
		})
	}
}

func TestError(t *testing.T) {
	_, _, err := Text("cv.doc", []byte("x"))
	var ie *Error
	if !errors.As(err, &ie) {
		t.Fatalf("err = %v", err)
	}
	if ie.MessageKey() != "error.intake_unsupported_type" {
		t.Errorf("MessageKey = %q", ie.MessageKey())
	}
	if got := err.Error(); !strings.HasPrefix(got, "intake: unsupported_type: ") || !strings.Contains(got, ".doc") {
		t.Errorf("Error() = %q", got)
	}
}

// TestMessages keeps a message, in each language, for every refusal code.
func TestMessages(t *testing.T) {
	codes := []string{CodeEmpty, CodeTooLarge, CodeUnsupported, CodeMismatch, CodeEncrypted, CodeNoText, CodeCorrupt, CodePDFUnsupported}
	for _, lang := range []string{"vi", "en"} {
		b, err := os.ReadFile(filepath.Join("..", "..", "web", "i18n", lang, "common.json"))
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range codes {
			if !bytes.Contains(b, []byte(`"error.intake_`+c+`": "`)) {
				t.Errorf("%s/common.json lacks error.intake_%s", lang, c)
			}
		}
	}
}

func TestFormatNumber(t *testing.T) {
	tests := []struct {
		n    int
		f    string
		want string
	}{
		{3, "decimal", "3"}, {3, "decimalZero", "03"}, {12, "decimalZero", "12"},
		{1, "lowerLetter", "a"}, {26, "lowerLetter", "z"}, {27, "lowerLetter", "aa"}, {28, "upperLetter", "BB"},
		{4, "upperRoman", "IV"}, {14, "lowerRoman", "xiv"}, {7, "vietnameseCounting", "7"},
		{1_000_000_000, "lowerLetter", "1000000000"}, {0, "lowerRoman", "0"},
	}
	for _, tt := range tests {
		if got := formatNumber(tt.n, tt.f); got != tt.want {
			t.Errorf("formatNumber(%d, %s) = %q, want %q", tt.n, tt.f, got, tt.want)
		}
	}
}

// FuzzText checks that Text never panics, and that what it returns keeps its promises: a
// refusal is an *Error on the file field; a text is UTF-8, NFC, without carriage returns and
// within MaxTextRunes.
func FuzzText(f *testing.F) {
	names := []string{"cv.txt", "cv.docx", "cv.pdf"}
	f.Add(uint8(0), []byte("Số: 215/UBND-NC\r\n1. Tiếp công dân."))
	f.Add(uint8(1), sampleDOCX(f))
	f.Add(uint8(1), zipParts(f, docxParts(p(r("a")), sampleNumbering, sampleStyles)))
	f.Add(uint8(1), oleFile(true))
	f.Add(uint8(2), textPDF(f, false))
	f.Add(uint8(2), scanPDF(f))
	f.Add(uint8(2), objStmPDF(f, true))
	f.Fuzz(func(t *testing.T, which uint8, data []byte) {
		text, kind, err := Text(names[int(which)%len(names)], data)
		if err != nil {
			var ie *Error
			if !errors.As(err, &ie) || ie.Code == "" || ie.Field != FieldFile {
				t.Fatalf("err = %#v, not a refusal", err)
			}
			return
		}
		if kind == "" || !utf8.ValidString(text) || !norm.NFC.IsNormalString(text) || strings.Contains(text, "\r") {
			t.Fatalf("bad text %q (kind %q)", trim(text), kind)
		}
		if utf8.RuneCountInString(text) > MaxTextRunes {
			t.Fatal("text over the limit")
		}
	})
}
