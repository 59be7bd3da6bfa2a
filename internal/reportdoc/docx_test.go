package reportdoc

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"
)

// wPara is a paragraph read back from a rendered document.
type wPara struct {
	Text string // its runs' text, <w:br/> as "\n"
	Runs []wRun
}

type wRun struct {
	Text         string
	Bold, Italic bool
	Size         string
}

// readParas parses an XML part with encoding/xml (so it fails on broken XML) and returns its
// paragraphs, innermost ones included.
func readParas(t *testing.T, src string) []wPara {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader(src))
	var paras []wPara
	var stack []*wPara
	var r *wRun
	inT, inRPr := false, false
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("XML does not parse: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			switch tok.Name.Local {
			case "p":
				stack = append(stack, &wPara{})
			case "r":
				r = &wRun{}
			case "rPr":
				inRPr = true
			case "b":
				if r != nil && inRPr && attr(tok, "val") != "0" {
					r.Bold = true
				}
			case "i":
				if r != nil && inRPr && attr(tok, "val") != "0" {
					r.Italic = true
				}
			case "sz":
				if r != nil && inRPr {
					r.Size = attr(tok, "val")
				}
			case "t":
				inT = true
			case "br":
				if r != nil {
					r.Text += "\n"
				}
			}
		case xml.EndElement:
			switch tok.Name.Local {
			case "p":
				p := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				for _, run := range p.Runs {
					p.Text += run.Text
				}
				paras = append(paras, *p)
			case "r":
				if r != nil && len(stack) > 0 {
					p := stack[len(stack)-1]
					p.Runs = append(p.Runs, *r)
				}
				r = nil
			case "rPr":
				inRPr = false
			case "t":
				inT = false
			}
		case xml.CharData:
			if inT && r != nil {
				r.Text += string(tok)
			}
		}
	}
	return paras
}

func attr(e xml.StartElement, local string) string {
	for _, a := range e.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

func renderDOCX(t *testing.T, tpl []byte, d Doc) map[string]string {
	t.Helper()
	var buf bytes.Buffer
	if err := DOCX(&buf, tpl, d); err != nil {
		t.Fatalf("DOCX: %v", err)
	}
	return unzipAll(t, buf.Bytes())
}

func hasPara(paras []wPara, text string) bool {
	for _, p := range paras {
		if strings.TrimSpace(p.Text) == text {
			return true
		}
	}
	return false
}

func TestDOCX_LayoutOfNghiDinh30(t *testing.T) {
	parts := renderDOCX(t, nil, sampleDoc())
	doc := parts["word/document.xml"]

	var d struct {
		Body struct {
			SectPr struct {
				PgSz struct {
					W int `xml:"w,attr"`
					H int `xml:"h,attr"`
				} `xml:"pgSz"`
				PgMar struct {
					Top    int `xml:"top,attr"`
					Bottom int `xml:"bottom,attr"`
					Left   int `xml:"left,attr"`
					Right  int `xml:"right,attr"`
				} `xml:"pgMar"`
				TitlePg *struct{} `xml:"titlePg"`
				Headers []struct {
					Type string `xml:"type,attr"`
					ID   string `xml:"id,attr"`
				} `xml:"headerReference"`
			} `xml:"sectPr"`
		} `xml:"body"`
	}
	if err := xml.Unmarshal([]byte(doc), &d); err != nil {
		t.Fatalf("document.xml: %v", err)
	}
	sp := d.Body.SectPr
	if sp.PgSz.W != 11906 || sp.PgSz.H != 16838 {
		t.Errorf("page size %d×%d twips, want A4 11906×16838", sp.PgSz.W, sp.PgSz.H)
	}
	m := sp.PgMar
	for _, c := range []struct {
		name      string
		v, lo, hi int
	}{{"top", m.Top, 1134, 1417}, {"bottom", m.Bottom, 1134, 1417}, {"left", m.Left, 1701, 1984}, {"right", m.Right, 850, 1134}} {
		if c.v < c.lo || c.v > c.hi {
			t.Errorf("margin %s = %d twips, want %d..%d", c.name, c.v, c.lo, c.hi)
		}
	}
	// Page numbers from page 2: a distinct first page whose header has no PAGE field, and a
	// default header that has one.
	if sp.TitlePg == nil {
		t.Error("no w:titlePg: the first page would be numbered")
	}
	rels := parts["word/_rels/document.xml.rels"]
	headers := map[string]string{}
	for _, h := range sp.Headers {
		var rs struct {
			Rel []struct {
				ID     string `xml:"Id,attr"`
				Target string `xml:"Target,attr"`
			} `xml:"Relationship"`
		}
		if err := xml.Unmarshal([]byte(rels), &rs); err != nil {
			t.Fatal(err)
		}
		for _, r := range rs.Rel {
			if r.ID == h.ID {
				headers[h.Type] = parts["word/"+r.Target]
			}
		}
	}
	if !strings.Contains(headers["default"], "PAGE") || !strings.Contains(headers["default"], `w:jc w:val="center"`) {
		t.Errorf("default header has no centred PAGE field: %q", headers["default"])
	}
	if first, ok := headers["first"]; !ok || strings.Contains(first, "PAGE") {
		t.Errorf("first-page header missing or numbered: %q", first)
	}

	// Times New Roman 14 by default.
	var st struct {
		Defaults struct {
			RPr struct {
				Fonts struct {
					ASCII string `xml:"ascii,attr"`
					HAnsi string `xml:"hAnsi,attr"`
				} `xml:"rPr>rFonts"`
				Size struct {
					Val string `xml:"val,attr"`
				} `xml:"rPr>sz"`
			} `xml:"rPrDefault"`
		} `xml:"docDefaults"`
	}
	if err := xml.Unmarshal([]byte(parts["word/styles.xml"]), &st); err != nil {
		t.Fatalf("styles.xml: %v", err)
	}
	if f := st.Defaults.RPr.Fonts; f.ASCII != "Times New Roman" || f.HAnsi != "Times New Roman" {
		t.Errorf("default font %+v, want Times New Roman", f)
	}
	if sz := st.Defaults.RPr.Size.Val; sz != "26" && sz != "28" {
		t.Errorf("default size %s half-points, want 26 or 28", sz)
	}

	paras := readParas(t, doc)
	for _, want := range []string{
		"UBND TỈNH QUẢNG NGÃI",
		"BAN CHỈ ĐẠO CÔNG TÁC DÂN VẬN CHÍNH QUYỀN TỈNH",
		"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
		"Độc lập - Tự do - Hạnh phúc",
		"Số: 12/BC-BCĐ",
		"Quảng Ngãi, ngày 08 tháng 6 năm 2025",
		"BÁO CÁO",
		"Kết quả công tác dân vận chính quyền 6 tháng đầu năm 2025",
		"KT. TRƯỞNG BAN\nPHÓ TRƯỞNG BAN",
		"Nguyễn Văn Ánh",
		"Nơi nhận:",
		"- Ban Dân vận Tỉnh ủy;",
		"- Thường trực UBND tỉnh;",
		"- Các thành viên BCĐ;",
		"- Lưu: VT, BCĐ.",
		"I. KẾT QUẢ ĐẠT ĐƯỢC",
		"1.1. Tiêu đề con",
		"a) Tiếp tục đẩy mạnh cải cách hành chính",
		"Việc tiếp công dân, giải quyết khiếu nại, tố cáo được thực hiện đúng quy định.",
		"Sở Tư pháp: Tổ chức 12 hội nghị phổ biến, giáo dục pháp luật cho 1.450 lượt người; biên soạn 3.000 tờ gấp pháp luật về hòa giải ở cơ sở.",
		"Bảng 1. Kết quả theo đơn vị",
		"Tổng cộng",
	} {
		if !hasPara(paras, want) {
			t.Errorf("no paragraph %q", want)
		}
	}
	if strings.Contains(doc, "{{") {
		t.Error("a placeholder is left in the document")
	}
	// The attribution lead is bold, the text after it is not; body text is 14 pt.
	found := false
	for _, p := range paras {
		if len(p.Runs) == 2 && p.Runs[0].Text == "Sở Tư pháp: " {
			found = true
			if !p.Runs[0].Bold || p.Runs[1].Bold {
				t.Errorf("lead bold=%v, text bold=%v; want the lead only bold", p.Runs[0].Bold, p.Runs[1].Bold)
			}
			if p.Runs[1].Size != "28" {
				t.Errorf("body text size %s half-points, want 28", p.Runs[1].Size)
			}
		}
	}
	if !found {
		t.Error("no paragraph led by the run \"Sở Tư pháp: \"")
	}
	// The table's header row repeats on every page.
	if !strings.Contains(doc, "<w:tblHeader/>") {
		t.Error("the table header row does not repeat")
	}
}

func TestDOCX_UnnumberedLeavesRoom(t *testing.T) {
	d := sampleDoc()
	d.Number = "/BC-BCĐ"
	paras := readParas(t, renderDOCX(t, nil, d)["word/document.xml"])
	if !hasPara(paras, "Số:      /BC-BCĐ") {
		t.Error(`want "Số:      /BC-BCĐ" for an unnumbered report`)
	}
}

// TestDOCX_Escaping: markup characters and control characters in values must not break the XML.
func TestDOCX_Escaping(t *testing.T) {
	d := sampleDoc()
	nasty := "A < B & \"C\" 'D' ]]> </w:t>\x01\x0b\x1f end"
	d.Summary = nasty
	d.Letterhead.SignerName = nasty
	d.Sections[0].Children[0].Paras[1].Lead = "<b>Lead</b> & "
	d.Sections[0].Children[1].Tables[0].Rows[0][1] = nasty
	d.Recipients = append(d.Recipients, nasty)
	parts := renderDOCX(t, nil, d)
	paras := readParas(t, parts["word/document.xml"]) // fails on broken XML
	want := "A < B & \"C\" 'D' ]]> </w:t> end"
	for _, w := range []string{want, "- " + want + ";"} {
		if !hasPara(paras, w) {
			t.Errorf("no paragraph %q", w)
		}
	}
	if !hasPara(paras, "<b>Lead</b> & Tổ chức 12 hội nghị phổ biến, giáo dục pháp luật cho 1.450 lượt người; biên soạn 3.000 tờ gấp pháp luật về hòa giải ở cơ sở.") {
		t.Error("the escaped lead is missing")
	}
}

// rezip builds a DOCX from the default template with document.xml (and content types) replaced.
func rezip(t *testing.T, replace map[string]string) []byte {
	t.Helper()
	parts := unzipAll(t, DefaultTemplate())
	for k, v := range replace {
		parts[k] = v
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range slices.Sorted(maps.Keys(parts)) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, parts[name])
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// splitDocument is a document as Word saves it after editing: placeholders cut over several
// runs, with proofing marks and bookmarks between them.
const splitDocument = xmlHead + `<w:document xmlns:w="` + nsW + `" xmlns:r="` + nsR + `"><w:body>` +
	`<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>{{co_quan</w:t></w:r><w:proofErr w:type="spellStart"/><w:r><w:t>_ban_hanh}}</w:t></w:r><w:proofErr w:type="spellEnd"/></w:p>` +
	`<w:p><w:r><w:t xml:space="preserve">Số: {</w:t></w:r><w:r><w:rPr><w:i/></w:rPr><w:t>{so_ky</w:t></w:r><w:bookmarkStart w:id="0" w:name="x"/><w:r><w:t>_hieu}</w:t></w:r><w:bookmarkEnd w:id="0"/><w:r><w:t>} và {{ dia_danh_ngay }}, {{khong_co}}</w:t></w:r></w:p>` +
	`<w:p><w:pPr><w:jc w:val="both"/></w:pPr><w:r><w:t>{{noi_</w:t></w:r><w:r><w:t>dung}}</w:t></w:r></w:p>` +
	`<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>{{chuc_vu_nguoi_ky}}</w:t></w:r></w:p>` +
	`<w:tbl><w:tr><w:tc><w:p><w:pPr><w:spacing w:before="0"/></w:pPr><w:r><w:rPr><w:sz w:val="22"/></w:rPr><w:t>{{noi_nhan</w:t></w:r><w:r><w:t>}}</w:t></w:r></w:p></w:tc></w:tr></w:tbl>` +
	`<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>`

func TestDOCX_PlaceholdersSplitAcrossRuns(t *testing.T) {
	tpl := rezip(t, map[string]string{"word/document.xml": splitDocument})
	if err := CheckTemplate(tpl); err != nil {
		t.Fatalf("CheckTemplate: %v", err)
	}
	doc := renderDOCX(t, tpl, sampleDoc())["word/document.xml"]
	paras := readParas(t, doc)
	for _, want := range []string{
		"BAN CHỈ ĐẠO CÔNG TÁC DÂN VẬN CHÍNH QUYỀN TỈNH",
		"Số: 12/BC-BCĐ và Quảng Ngãi, ngày 08 tháng 6 năm 2025, {{khong_co}}", // unknown names stay
		"KT. TRƯỞNG BAN\nPHÓ TRƯỞNG BAN",
		"I. KẾT QUẢ ĐẠT ĐƯỢC",
		"- Ban Dân vận Tỉnh ủy;",
		"- Lưu: VT, BCĐ.",
	} {
		if !hasPara(paras, want) {
			t.Errorf("no paragraph %q", want)
		}
	}
	for _, p := range paras {
		switch strings.TrimSpace(p.Text) {
		case "BAN CHỈ ĐẠO CÔNG TÁC DÂN VẬN CHÍNH QUYỀN TỈNH":
			if !p.Runs[0].Bold {
				t.Error("the issuer lost the formatting of the run where its placeholder starts")
			}
		case "- Ban Dân vận Tỉnh ủy;":
			if p.Runs[0].Size != "22" {
				t.Errorf("recipient size %q, want the placeholder run's 22", p.Runs[0].Size)
			}
		}
	}
	if strings.Contains(doc, "noi_dung") || strings.Contains(doc, "so_ky") {
		t.Error("a placeholder piece is left")
	}
}

func TestDOCX_DotxGivesDocument(t *testing.T) {
	tpl := DefaultTemplate()
	ct := unzipAll(t, tpl)["[Content_Types].xml"]
	tpl = rezip(t, map[string]string{"[Content_Types].xml": strings.Replace(ct, "document.main+xml", "template.main+xml", 1)})
	out := renderDOCX(t, tpl, sampleDoc())["[Content_Types].xml"]
	if !strings.Contains(out, "wordprocessingml.document.main+xml") || strings.Contains(out, "template.main") {
		t.Errorf("content types of the output: %s", out)
	}
}

func TestCheckTemplate(t *testing.T) {
	ct := unzipAll(t, DefaultTemplate())["[Content_Types].xml"]
	noBody := strings.Replace(splitDocument, "dung}}", "dung}", 1)
	notAlone := strings.Replace(splitDocument, "<w:t>dung}}</w:t>", "<w:t>dung}} và chữ khác</w:t>", 1)
	var huge bytes.Buffer
	zw := zip.NewWriter(&huge)
	w, _ := zw.CreateHeader(&zip.FileHeader{Name: "word/media/big.bin", Method: zip.Store})
	w.Write(bytes.Repeat([]byte{7}, MaxTemplateSize+1))
	zw.Close()
	for _, c := range []struct {
		name string
		tpl  []byte
		code string
	}{
		{"default", DefaultTemplate(), ""},
		{"split placeholders", rezip(t, map[string]string{"word/document.xml": splitDocument}), ""},
		{"not a zip", []byte("<html>hello</html>"), CodeNotDOCX},
		{"zip without document.xml", func() []byte {
			var b bytes.Buffer
			zw := zip.NewWriter(&b)
			zw.Create("a.txt")
			zw.Close()
			return b.Bytes()
		}(), CodeNotDOCX},
		{"broken XML", rezip(t, map[string]string{"word/document.xml": strings.Replace(splitDocument, "</w:body>", "", 1)}), CodeNotDOCX},
		{"docm", rezip(t, map[string]string{"[Content_Types].xml": strings.Replace(ct,
			"wordprocessingml.document.main+xml", "application/vnd.ms-word.document.macroEnabled.main+xml", 1)}), CodeMacro},
		{"vba project", rezip(t, map[string]string{"word/vbaProject.bin": "x"}), CodeMacro},
		{"no noi_dung", rezip(t, map[string]string{"word/document.xml": noBody}), CodeNoBodyPlaceholder},
		{"noi_dung not alone", rezip(t, map[string]string{"word/document.xml": notAlone}), CodeNoBodyPlaceholder},
		{"over 5 MB", huge.Bytes(), CodeTooLarge},
	} {
		err := CheckTemplate(c.tpl)
		var te *TemplateError
		switch {
		case c.code == "" && err != nil:
			t.Errorf("%s: CheckTemplate = %v, want nil", c.name, err)
		case c.code != "" && (!errors.As(err, &te) || te.Code != c.code):
			t.Errorf("%s: CheckTemplate = %v, want code %s", c.name, err, c.code)
		}
		if c.code != "" {
			if err := DOCX(io.Discard, c.tpl, sampleDoc()); !errors.As(err, &te) || te.Code != c.code {
				t.Errorf("%s: DOCX = %v, want the template refused with %s", c.name, err, c.code)
			}
		}
	}
}

func TestDateLine(t *testing.T) {
	for _, c := range []struct {
		place string
		date  time.Time
		want  string
	}{
		{"Quảng Ngãi", time.Date(2025, 6, 8, 0, 0, 0, 0, time.UTC), "Quảng Ngãi, ngày 08 tháng 6 năm 2025"},
		{"Quảng Ngãi", time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC), "Quảng Ngãi, ngày 05 tháng 01 năm 2026"},
		{"Quảng Ngãi", time.Date(2025, 2, 8, 0, 0, 0, 0, time.UTC), "Quảng Ngãi, ngày 08 tháng 02 năm 2025"},
		{"Hà Nội", time.Date(2025, 11, 15, 0, 0, 0, 0, time.UTC), "Hà Nội, ngày 15 tháng 11 năm 2025"},
		{"Huế", time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC), "Huế, ngày 01 tháng 3 năm 2025"},
		{"Huế", time.Date(2025, 12, 10, 23, 59, 0, 0, time.UTC), "Huế, ngày 10 tháng 12 năm 2025"},
		{"Huế", time.Date(2025, 10, 9, 0, 0, 0, 0, time.UTC), "Huế, ngày 09 tháng 10 năm 2025"},
		{"", time.Date(2025, 6, 8, 0, 0, 0, 0, time.UTC), "ngày 08 tháng 6 năm 2025"},
		{"Huế", time.Time{}, "Huế, ngày      tháng      năm      "},
	} {
		if got := DateLine(c.place, c.date); got != c.want {
			t.Errorf("DateLine(%q, %s) = %q, want %q", c.place, c.date.Format(time.DateOnly), got, c.want)
		}
	}
}
