package reportdoc

import (
	"archive/zip"
	"bytes"
	"flag"
	"io"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"
)

// This file builds template/default.docx. Run `go generate ./internal/reportdoc` (or this test
// with -update-template) after changing it; the test fails while the committed file differs.

var updateTemplate = flag.Bool("update-template", false, "rewrite template/default.docx")

const (
	nsW      = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsR      = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	xmlHead  = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
	ctPrefix = "application/vnd.openxmlformats-officedocument.wordprocessingml."
)

// templateParts are the parts of the default template, in zip order.
func templateParts() [][2]string {
	return [][2]string{
		{"[Content_Types].xml", xmlHead + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
			`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
			`<Default Extension="xml" ContentType="application/xml"/>` +
			`<Override PartName="/word/document.xml" ContentType="` + ctPrefix + `document.main+xml"/>` +
			`<Override PartName="/word/styles.xml" ContentType="` + ctPrefix + `styles+xml"/>` +
			`<Override PartName="/word/settings.xml" ContentType="` + ctPrefix + `settings+xml"/>` +
			`<Override PartName="/word/fontTable.xml" ContentType="` + ctPrefix + `fontTable+xml"/>` +
			`<Override PartName="/word/header1.xml" ContentType="` + ctPrefix + `header+xml"/>` +
			`<Override PartName="/word/header2.xml" ContentType="` + ctPrefix + `header+xml"/>` +
			`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
			`<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>` +
			`</Types>`},
		{"_rels/.rels", xmlHead + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
			`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
			`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>` +
			`</Relationships>`},
		{"docProps/core.xml", xmlHead + `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">` +
			`<dc:title>Báo cáo</dc:title><dc:creator>danvan</dc:creator></cp:coreProperties>`},
		{"docProps/app.xml", xmlHead + `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>danvan</Application></Properties>`},
		{"word/_rels/document.xml.rels", xmlHead + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
			`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>` +
			`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/>` +
			`<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>` +
			`<Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header2.xml"/>` +
			`</Relationships>`},
		{"word/document.xml", templateDocument()},
		{"word/styles.xml", templateStyles()},
		{"word/settings.xml", xmlHead + `<w:settings xmlns:w="` + nsW + `"><w:zoom w:percent="100"/><w:defaultTabStop w:val="720"/>` +
			`<w:characterSpacingControl w:val="doNotCompress"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>` +
			`<w:themeFontLang w:val="vi-VN"/></w:settings>`},
		{"word/fontTable.xml", xmlHead + `<w:fonts xmlns:w="` + nsW + `"><w:font w:name="Times New Roman"><w:panose1 w:val="02020603050405020304"/>` +
			`<w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font></w:fonts>`},
		// The default header: the page number, centred. The first page has the empty one.
		{"word/header1.xml", xmlHead + `<w:hdr xmlns:w="` + nsW + `"><w:p><w:pPr><w:jc w:val="center"/><w:rPr><w:sz w:val="26"/></w:rPr></w:pPr>` +
			`<w:r><w:rPr><w:sz w:val="26"/></w:rPr><w:fldChar w:fldCharType="begin"/></w:r>` +
			`<w:r><w:rPr><w:sz w:val="26"/></w:rPr><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>` +
			`<w:r><w:rPr><w:sz w:val="26"/></w:rPr><w:fldChar w:fldCharType="separate"/></w:r>` +
			`<w:r><w:rPr><w:sz w:val="26"/></w:rPr><w:t>2</w:t></w:r>` +
			`<w:r><w:rPr><w:sz w:val="26"/></w:rPr><w:fldChar w:fldCharType="end"/></w:r></w:p></w:hdr>`},
		{"word/header2.xml", xmlHead + `<w:hdr xmlns:w="` + nsW + `"><w:p><w:pPr><w:jc w:val="center"/></w:pPr></w:p></w:hdr>`},
	}
}

func templateStyles() string {
	return xmlHead + `<w:styles xmlns:w="` + nsW + `"><w:docDefaults>` +
		`<w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:eastAsia="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman"/>` +
		`<w:sz w:val="28"/><w:szCs w:val="28"/><w:lang w:val="vi-VN" w:eastAsia="en-US" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>` +
		`<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>` +
		`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>` +
		`<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>` +
		`<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>` +
		`<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>` +
		`<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/></w:style>` +
		`</w:styles>`
}

// tp is a template paragraph: alignment, size in half-points, run formatting and text; extra
// goes into the paragraph properties before the alignment (borders, spacing, indents).
func tp(align string, size int, bold, italic, underline bool, text, extra string) string {
	sz := `<w:sz w:val="` + itoa(size) + `"/><w:szCs w:val="` + itoa(size) + `"/>`
	var rpr strings.Builder
	rpr.WriteString("<w:rPr>")
	if bold {
		rpr.WriteString("<w:b/><w:bCs/>")
	}
	if italic {
		rpr.WriteString("<w:i/><w:iCs/>")
	}
	rpr.WriteString(sz)
	if underline {
		rpr.WriteString(`<w:u w:val="single"/>`)
	}
	rpr.WriteString("</w:rPr>")
	p := `<w:p><w:pPr>` + extra + `<w:jc w:val="` + align + `"/>` + rpr.String() + `</w:pPr>`
	if text != "" {
		p += `<w:r>` + rpr.String() + `<w:t xml:space="preserve">` + text + `</w:t></w:r>`
	}
	return p + `</w:p>`
}

func itoa(n int) string { return strconv.Itoa(n) }

// shortLine is an empty paragraph whose bottom border, narrowed by indents, draws the short
// line under a heading.
func shortLine(indent int) string {
	return `<w:p><w:pPr><w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="000000"/></w:pBdr>` +
		`<w:spacing w:before="0" w:after="0" w:line="100" w:lineRule="exact"/><w:ind w:left="` + itoa(indent) + `" w:right="` + itoa(indent) + `"/>` +
		`<w:jc w:val="center"/><w:rPr><w:sz w:val="8"/></w:rPr></w:pPr></w:p>`
}

// borderless is the opening of a borderless table of the given column widths.
func borderless(indent int, widths ...int) string {
	total := 0
	for _, w := range widths {
		total += w
	}
	s := `<w:tbl><w:tblPr><w:tblW w:w="` + itoa(total) + `" w:type="dxa"/><w:tblInd w:w="` + itoa(-indent) + `" w:type="dxa"/><w:tblBorders>`
	for _, side := range []string{"top", "left", "bottom", "right", "insideH", "insideV"} {
		s += `<w:` + side + ` w:val="nil"/>`
	}
	s += `</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar>` +
		`<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="0" w:noVBand="0"/></w:tblPr><w:tblGrid>`
	for _, w := range widths {
		s += `<w:gridCol w:w="` + itoa(w) + `"/>`
	}
	return s + `</w:tblGrid><w:tr>`
}

func cell(width int, paras ...string) string {
	return `<w:tc><w:tcPr><w:tcW w:w="` + itoa(width) + `" w:type="dxa"/></w:tcPr>` + strings.Join(paras, "") + `</w:tc>`
}

func templateDocument() string {
	const (
		left, right = 4082, 5841 // letterhead columns (wider than the text by 284 at each side)
		notes, sign = 4253, 5102 // Nơi nhận | signer
	)
	var b strings.Builder
	b.WriteString(xmlHead + `<w:document xmlns:w="` + nsW + `" xmlns:r="` + nsR + `"><w:body>`)
	// Letterhead: issuing body at the left, national title and date at the right.
	b.WriteString(borderless(284, left, right))
	b.WriteString(cell(left,
		tp("center", 26, false, false, false, "{{co_quan_chu_quan}}", ""),
		tp("center", 26, true, false, false, "{{co_quan_ban_hanh}}", ""),
		shortLine(1350),
		tp("center", 26, false, false, false, "Số: {{so_ky_hieu}}", `<w:spacing w:before="160"/>`),
	))
	b.WriteString(cell(right,
		tp("center", 26, true, false, false, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", ""),
		tp("center", 28, true, false, true, "Độc lập - Tự do - Hạnh phúc", ""),
		tp("center", 28, false, true, false, "{{dia_danh_ngay}}", `<w:spacing w:before="280"/>`),
	))
	b.WriteString(`</w:tr></w:tbl>`)
	// Kind and summary, centred, with a short line beneath.
	b.WriteString(tp("center", 28, true, false, false, "{{loai_van_ban}}", `<w:spacing w:before="480"/>`))
	b.WriteString(tp("center", 28, true, false, false, "{{trich_yeu}}", ""))
	b.WriteString(shortLine(3400))
	b.WriteString(tp("both", 28, false, false, false, "", `<w:spacing w:before="120"/>`))
	b.WriteString(tp("both", 28, false, false, false, "{{noi_dung}}", `<w:spacing w:before="120"/><w:ind w:firstLine="567"/>`))
	b.WriteString(tp("both", 28, false, false, false, "", `<w:spacing w:before="120"/>`))
	// Recipients at the left, signer at the right.
	b.WriteString(borderless(0, notes, sign))
	b.WriteString(cell(notes,
		tp("left", 24, true, true, false, "Nơi nhận:", ""),
		tp("left", 22, false, false, false, "{{noi_nhan}}", ""),
	))
	b.WriteString(cell(sign,
		tp("center", 28, true, false, false, "{{chuc_vu_nguoi_ky}}", ""),
		tp("center", 28, true, false, false, "{{nguoi_ky}}", `<w:spacing w:before="1800"/>`),
	))
	b.WriteString(`</w:tr></w:tbl>`)
	// A4; margins top 20 mm, bottom 20 mm, left 30 mm, right 15 mm; page numbers from page 2.
	b.WriteString(`<w:p><w:pPr><w:spacing w:before="0" w:after="0"/><w:rPr><w:sz w:val="2"/></w:rPr></w:pPr></w:p>`)
	b.WriteString(`<w:sectPr><w:headerReference w:type="default" r:id="rId4"/><w:headerReference w:type="first" r:id="rId5"/>` +
		`<w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701" w:header="567" w:footer="567" w:gutter="0"/>` +
		`<w:cols w:space="720"/><w:titlePg/><w:docGrid w:linePitch="381"/></w:sectPr>`)
	b.WriteString(`</w:body></w:document>`)
	return b.String()
}

// buildDefaultTemplate zips the parts with a fixed time.
func buildDefaultTemplate(t *testing.T) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range templateParts() {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: p[0], Method: zip.Deflate,
			Modified: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.WriteString(w, p[1]); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// unzipAll returns the parts of a zip by name.
func unzipAll(t *testing.T, b []byte) map[string]string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatalf("unzip: %v", err)
	}
	out := map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		out[f.Name] = string(data)
	}
	return out
}

// TestDefaultTemplateUpToDate fails when template/default.docx is not what this file builds.
func TestDefaultTemplateUpToDate(t *testing.T) {
	built := buildDefaultTemplate(t)
	if *updateTemplate {
		if err := os.WriteFile("template/default.docx", built, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := CheckTemplate(built); err != nil {
		t.Errorf("CheckTemplate(default) = %v", err)
	}
	if *updateTemplate {
		return // the embedded copy is the old one until the next build
	}
	want, got := unzipAll(t, built), unzipAll(t, DefaultTemplate())
	for name, w := range want {
		if got[name] != w {
			t.Errorf("template/default.docx part %s differs from the generator: run go generate ./internal/reportdoc", name)
		}
	}
	if len(got) != len(want) {
		t.Errorf("template/default.docx has %d parts, the generator %d", len(got), len(want))
	}
}
