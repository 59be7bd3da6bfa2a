package intake

import (
	"archive/zip"
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the .docx fixture made by the test builder in testdata/")

const wNS = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ` +
	`xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" ` +
	`xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" ` +
	`xmlns:v="urn:schemas-microsoft-com:vml" mc:Ignorable="wps"`

// docxParts are the parts of a minimal WordprocessingML package around a body.
func docxParts(body, numbering, styles string) map[string]string {
	parts := map[string]string{
		"[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>`,
		"_rels/.rels": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
		"word/_rels/document.xml.rels": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
		"word/document.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document ` + wNS + `><w:body>` + body + `<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>`,
	}
	if numbering != "" {
		parts["word/numbering.xml"] = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering ` + wNS + `>` + numbering + `</w:numbering>`
	}
	if styles != "" {
		parts["word/styles.xml"] = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles ` + wNS + `>` + styles + `</w:styles>`
	}
	return parts
}

// zipParts writes parts into a zip archive, [Content_Types].xml first as Word does.
func zipParts(t testing.TB, parts map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	names := []string{"[Content_Types].xml"}
	for n := range parts {
		if n != "[Content_Types].xml" {
			names = append(names, n)
		}
	}
	sort.Strings(names[1:])
	for _, n := range names {
		body, ok := parts[n]
		if !ok {
			continue
		}
		w, err := zw.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// p is a paragraph of runs; pn one in list numID at level ilvl; ps one with a style.
func p(runs ...string) string { return `<w:p>` + strings.Join(runs, "") + `</w:p>` }

func pn(numID, ilvl string, runs ...string) string {
	return `<w:p><w:pPr><w:pStyle w:val="ListParagraph"/><w:numPr><w:ilvl w:val="` + ilvl + `"/><w:numId w:val="` + numID + `"/></w:numPr>` +
		`<w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs><w:rPr><w:b/></w:rPr></w:pPr>` + strings.Join(runs, "") + `</w:p>`
}

func ps(style string, runs ...string) string {
	return `<w:p><w:pPr><w:pStyle w:val="` + style + `"/></w:pPr>` + strings.Join(runs, "") + `</w:p>`
}

// r is a run of text.
func r(text string) string {
	return `<w:r><w:rPr><w:rFonts w:ascii="Times New Roman"/><w:sz w:val="28"/></w:rPr><w:t xml:space="preserve">` + text + `</w:t></w:r>`
}

func tc(paras ...string) string {
	return `<w:tc><w:tcPr><w:tcW w:w="2000" w:type="dxa"/></w:tcPr>` + strings.Join(paras, "") + `</w:tc>`
}

func tr(cells ...string) string { return `<w:tr><w:trPr/>` + strings.Join(cells, "") + `</w:tr>` }

func lvl(ilvl, start, fmt, text string) string {
	return `<w:lvl w:ilvl="` + ilvl + `"><w:start w:val="` + start + `"/><w:numFmt w:val="` + fmt + `"/><w:lvlText w:val="` + text + `"/>` +
		`<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl>`
}

// sampleNumbering: list 1 counts tasks "1.", "1.1.", "a)"; list 2 is bullets; list 3 (used by
// the style ListNumber) is decimal "%1)"; list 4 shares list 1's definition and restarts it;
// list 5 shares it and continues; list 6 counts in roman with isLgl on level 1.
var sampleNumbering = `<w:abstractNum w:abstractNumId="10"><w:multiLevelType w:val="hybridMultilevel"/>` +
	lvl("0", "1", "decimal", "%1.") + lvl("1", "1", "decimal", "%1.%2.") + lvl("2", "1", "lowerLetter", "%3)") + `</w:abstractNum>` +
	`<w:abstractNum w:abstractNumId="11">` + lvl("0", "1", "bullet", "\uf0b7") + `</w:abstractNum>` +
	`<w:abstractNum w:abstractNumId="12">` + lvl("0", "1", "decimal", "%1)") + `</w:abstractNum>` +
	`<w:abstractNum w:abstractNumId="13">` + lvl("0", "1", "upperRoman", "%1.") +
	`<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/><w:isLgl/></w:lvl></w:abstractNum>` +
	`<w:num w:numId="1"><w:abstractNumId w:val="10"/></w:num>` +
	`<w:num w:numId="2"><w:abstractNumId w:val="11"/></w:num>` +
	`<w:num w:numId="3"><w:abstractNumId w:val="12"/></w:num>` +
	`<w:num w:numId="4"><w:abstractNumId w:val="10"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>` +
	`<w:num w:numId="5"><w:abstractNumId w:val="10"/></w:num>` +
	`<w:num w:numId="6"><w:abstractNumId w:val="13"/></w:num>`

var sampleStyles = `<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>` +
	`<w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/><w:basedOn w:val="Normal"/><w:pPr><w:ind w:left="720"/></w:pPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="ListNumber"><w:name w:val="List Number"/><w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Task"><w:name w:val="Task"/><w:basedOn w:val="ListNumber"/></w:style>`

// sampleBody is a made-up công văn with what Word puts in one: a header table, tabs, line
// breaks, automatic lists, a task table, a tracked change, a text box, a symbol.
var sampleBody = strings.Join([]string{
	`<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="4000"/><w:gridCol w:w="5000"/></w:tblGrid>` +
		tr(tc(p(r("ỦY BAN NHÂN DÂN")), p(r("TỈNH BÌNH SƠN"))), tc(p(r("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), `<w:r><w:br/></w:r>`, r("Độc lập - Tự do - Hạnh phúc")))) +
		tr(tc(p(r("Số: 215/UBND"), `<w:r><w:noBreakHyphen/></w:r>`, r("NC"))), tc(p(r("Bình Sơn, ngày 08 tháng 4 năm 2026")))) +
		`</w:tbl>`,
	p(),
	p(r("V/v triển khai Kế hoạch số 12-KH/TU"), `<w:r><w:br/></w:r>`, r("về công tác dân vận chính quyền")),
	p(r("Kính gửi:"), `<w:r><w:tab/></w:r>`, r("Thủ trưởng các sở, ban, ngành tỉnh.")),
	p(r("Chủ tịch Ủy ban nhân dân tỉnh yêu cầu:")),
	pn("1", "0", r("Tăng cường lãnh đạo, chỉ đạo công tác dân vận.")),
	pn("1", "1", r("Tiếp công dân định kỳ.")),
	pn("1", "1", r("Giải quyết khiếu nại, tố cáo đúng thời hạn.")),
	pn("1", "2", r("không để quá hạn luật định;")),
	pn("1", "2", r("công khai kết quả.")),
	pn("1", "0", r("Báo cáo 06 tháng gửi Sở Nội vụ trước ngày 15/6.")),
	pn("2", "0", r("Phát huy vai trò của Mặt trận Tổ quốc.")),
	ps("ListNumber", r("Mô hình “Dân vận khéo”.")),
	ps("Task", r("Hội nghị sơ kết.")),
	pn("4", "0", r("Danh sách mới bắt đầu lại.")),
	pn("5", "0", r("Danh sách dùng chung tiếp tục.")),
	pn("6", "0", r("Phần mở đầu.")),
	pn("6", "1", r("Mục có số thập phân.")),
	`<w:p><w:pPr><w:pStyle w:val="ListNumber"/><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr>` + r("Đoạn bỏ đánh số.") + `</w:p>`,
	`<w:tbl><w:tblPr/><w:tblGrid/>` +
		tr(tc(p(r("STT"))), tc(p(r("Nội dung"))), tc(p(r("Đơn vị chủ trì"))), tc(p(r("Thời gian")))) +
		tr(tc(p(r("1"))), tc(p(r("Rà soát thủ tục hành chính")), p(r("(cấp tỉnh)"))), tc(p(r("Sở Nội vụ"))), tc(p(r("Quý III")))) +
		tr(tc(p()), tc(p()), tc(p()), tc(p())) +
		`</w:tbl>`,
	p(r("Thực hiện "), `<w:del w:id="1" w:author="A"><w:r><w:delText>không </w:delText></w:r></w:del>`,
		`<w:ins w:id="2" w:author="A">`+r("nghiêm túc")+`</w:ins>`, r(".")),
	p(`<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>`+p(r("Nơi nhận: Như trên; Lưu: VT."))+
		`</w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>`+p(r("Nơi nhận: Như trên; Lưu: VT."))+
		`</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>`, r("KT. CHỦ TỊCH")),
	p(`<w:r><w:sym w:font="Wingdings" w:char="F0FC"/></w:r>`, r("Nguyễn Văn Mẫu"), `<w:r><w:softHyphen/></w:r>`),
}, "")

// sampleText is what Text returns for sampleBody.
var sampleText = strings.Join([]string{
	"ỦY BAN NHÂN DÂN TỈNH BÌNH SƠN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc",
	"Số: 215/UBND-NC | Bình Sơn, ngày 08 tháng 4 năm 2026",
	"V/v triển khai Kế hoạch số 12-KH/TU\nvề công tác dân vận chính quyền",
	"Kính gửi:\tThủ trưởng các sở, ban, ngành tỉnh.",
	"Chủ tịch Ủy ban nhân dân tỉnh yêu cầu:",
	"1. Tăng cường lãnh đạo, chỉ đạo công tác dân vận.",
	"1.1. Tiếp công dân định kỳ.",
	"1.2. Giải quyết khiếu nại, tố cáo đúng thời hạn.",
	"a) không để quá hạn luật định;",
	"b) công khai kết quả.",
	"2. Báo cáo 06 tháng gửi Sở Nội vụ trước ngày 15/6.",
	"- Phát huy vai trò của Mặt trận Tổ quốc.",
	"1) Mô hình “Dân vận khéo”.",
	"2) Hội nghị sơ kết.",
	"1. Danh sách mới bắt đầu lại.",
	"2. Danh sách dùng chung tiếp tục.",
	"I. Phần mở đầu.",
	"1.1 Mục có số thập phân.",
	"Đoạn bỏ đánh số.",
	"STT | Nội dung | Đơn vị chủ trì | Thời gian",
	"1 | Rà soát thủ tục hành chính (cấp tỉnh) | Sở Nội vụ | Quý III",
	"Thực hiện nghiêm túc.",
	"Nơi nhận: Như trên; Lưu: VT.",
	"KT. CHỦ TỊCH",
	"Nguyễn Văn Mẫu",
}, "\n\n")

func sampleDOCX(t testing.TB) []byte {
	t.Helper()
	return zipParts(t, docxParts(sampleBody, sampleNumbering, sampleStyles))
}

// TestText_DOCXFixture reads the fixture testdata/cong-van.docx, written by the builder above
// (go test -run TestText_DOCXFixture -update rewrites it), so a real file on disk stays
// covered even if the builder changes.
//
// The numbers in sampleText were checked against LibreOffice 7.4 (soffice --convert-to pdf,
// then pdftotext): it numbers every list the same, except the isLgl level, which it writes
// "I.1" where the specification (and Word) write "1.1". LibreOffice also drops a list whose
// paragraph names an undefined style, so the fixture defines ListParagraph.
func TestText_DOCXFixture(t *testing.T) {
	path := filepath.Join("testdata", "cong-van.docx")
	if *update {
		if err := os.WriteFile(path, sampleDOCX(t), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	got, kind, err := Text("cong-van.docx", data)
	if err != nil {
		t.Fatal(err)
	}
	if kind != KindDOCX {
		t.Errorf("kind = %q, want docx", kind)
	}
	if got != sampleText {
		t.Errorf("text differs:\n%s", lineDiff(got, sampleText))
	}
}

// TestText_LibreOfficeDOCX reads a .docx that LibreOffice 7.4 wrote from a made-up công văn
// (HTML with an ordered list and a table, converted with soffice --convert-to docx): its
// numbering.xml is LibreOffice's, not ours.
func TestText_LibreOfficeDOCX(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "cong-van-libreoffice.docx"))
	if err != nil {
		t.Fatal(err)
	}
	got, kind, err := Text("cong-van-libreoffice.docx", data)
	if err != nil {
		t.Fatal(err)
	}
	if kind != KindDOCX {
		t.Errorf("kind = %q", kind)
	}
	for _, want := range []string{
		"ỦY BAN NHÂN DÂN TỈNH BÌNH SƠN\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nĐộc lập - Tự do - Hạnh phúc",
		"\n\n1. Tăng cường lãnh đạo, chỉ đạo công tác dân vận; gắn với nhiệm vụ chuyên môn của cơ quan, đơn vị.\n\n",
		"\n\n2. Tiếp công dân định kỳ; giải quyết khiếu nại, tố cáo đúng thời hạn luật định, không để quá hạn.\n\n",
		"\n\n3. Xây dựng kế hoạch thực hiện, báo cáo 06 tháng gửi Sở Nội vụ trước ngày 15/6, báo cáo năm trước ngày 15/11.\n\n",
		"\n\nSTT | Nội dung | Đơn vị chủ trì | Thời gian\n\n1 | Hội nghị sơ kết “Dân vận khéo” | Sở Nội vụ | Quý III\n\n",
		"Bảng chữ: " + vietLower,
		"\n\n" + vietUpper + "\n\n",
		"KT. CHỦ TỊCH - PHÓ CHỦ TỊCH - Nguyễn Văn Mẫu",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("text lacks %q; got:\n%s", want, got)
		}
	}
}

// vietLower and vietUpper are every Vietnamese letter, each vowel with every tone.
const (
	vietLower = "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ"
	vietUpper = "AÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬBCDĐEÈÉẺẼẸÊỀẾỂỄỆGHIÌÍỈĨỊKLMNOÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢPQRSTUÙÚỦŨỤƯỪỨỬỮỰVXYỲÝỶỸỴ"
)

func lineDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	var b strings.Builder
	for i := 0; i < max(len(g), len(w)); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			fmt.Fprintf(&b, "line %d:\n  got  %q\n  want %q\n", i+1, gl, wl)
		}
	}
	return b.String()
}

// TestText_DOCXShapes covers the less common shapes of a .docx: a table in a table cell, the
// strict OOXML namespace, a main part named elsewhere by _rels/.rels, a list without a
// numbering part, a number format Word has but the intake does not spell out.
func TestText_DOCXShapes(t *testing.T) {
	nested := docxParts(`<w:tbl>`+tr(tc(p(r("1"))), tc(p(r("Kiểm tra:")), `<w:tbl>`+tr(tc(p(r("Xã A"))), tc(p(r("Quý I"))))+tr(tc(p(r("Xã B"))), tc(p(r("Quý II"))))+`</w:tbl>`, p(r("(đột xuất)"))))+`</w:tbl>`, "", "")

	strict := docxParts(p(r("Công văn")), "", "")
	strict["word/document.xml"] = strings.ReplaceAll(strict["word/document.xml"], "http://schemas.openxmlformats.org/wordprocessingml/2006/main", "http://purl.oclc.org/ooxml/wordprocessingml/main")

	moved := docxParts(p(r("Kế hoạch")), "", "")
	moved["word/main.xml"] = moved["word/document.xml"]
	delete(moved, "word/document.xml")
	moved["_rels/.rels"] = strings.Replace(moved["_rels/.rels"], "word/document.xml", "/word/main.xml", 1)

	noNumbering := docxParts(pn("1", "0", r("Nhiệm vụ")), "", "")

	zero := docxParts(pn("1", "0", r("Một"))+pn("1", "0", r("Hai"))+pn("1", "1", r("Ba")),
		`<w:abstractNum w:abstractNumId="0">`+lvl("0", "9", "decimalZero", "%1.")+lvl("1", "1", "ordinal", "%1.%2-")+`</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>`, "")

	tests := []struct {
		name  string
		parts map[string]string
		want  string
	}{
		{"table in a table", nested, "1 | Kiểm tra: Xã A | Quý I Xã B | Quý II (đột xuất)"},
		{"strict namespace", strict, "Công văn"},
		{"main part named by the relationships", moved, "Kế hoạch"},
		{"list without numbering part", noNumbering, "Nhiệm vụ"},
		{"decimalZero and an unknown format", zero, "09. Một\n\n10. Hai\n\n10.1- Ba"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _, err := Text("cv.docx", zipParts(t, tt.parts))
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("text differs:\n%s", lineDiff(got, tt.want))
			}
		})
	}
}
