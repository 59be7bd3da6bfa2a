package reportdoc

import (
	"fmt"
	"os"
	"testing"
	"time"
)

// sampleDoc is a made-up report of the kind the app produces.
func sampleDoc() Doc {
	return Doc{
		Letterhead: Letterhead{
			Parent:      "UBND tỉnh Quảng Ngãi",
			Issuer:      "Ban Chỉ đạo công tác dân vận chính quyền tỉnh",
			Place:       "Quảng Ngãi",
			SignerTitle: "KT. TRƯỞNG BAN\nPHÓ TRƯỞNG BAN",
			SignerName:  "Nguyễn Văn Ánh",
		},
		Number:  "12/BC-BCĐ",
		Date:    time.Date(2025, 6, 8, 0, 0, 0, 0, time.UTC),
		Kind:    "BÁO CÁO",
		Summary: "Kết quả công tác dân vận chính quyền 6 tháng đầu năm 2025",
		Intro: []string{
			"Thực hiện Kế hoạch số 45/KH-BCĐ ngày 10 tháng 01 năm 2025 của Ban Chỉ đạo công tác dân vận chính quyền tỉnh, Ban Chỉ đạo báo cáo kết quả thực hiện 6 tháng đầu năm 2025 như sau:",
		},
		Sections: []Section{
			{Number: "I", Title: "KẾT QUẢ ĐẠT ĐƯỢC", Children: []Section{
				{Number: "1", Title: "Công tác lãnh đạo, chỉ đạo", Paras: []Para{
					{Text: "Các sở, ban, ngành và Ủy ban nhân dân các huyện, thị xã, thành phố đã ban hành kế hoạch thực hiện công tác dân vận chính quyền năm 2025, gắn với thực hiện Quy chế dân chủ ở cơ sở.\nViệc tiếp công dân, giải quyết khiếu nại, tố cáo được thực hiện đúng quy định."},
					{Lead: "Sở Tư pháp: ", Text: "Tổ chức 12 hội nghị phổ biến, giáo dục pháp luật cho 1.450 lượt người; biên soạn 3.000 tờ gấp pháp luật về hòa giải ở cơ sở."},
					{Lead: "Sở Nội vụ: ", Text: "Tham mưu kiểm tra công vụ đột xuất tại 8 cơ quan, đơn vị.", Italic: true},
				}, Children: []Section{
					{Number: "1.1", Title: "Tiêu đề con", Paras: []Para{{Text: "Nội dung của mục con."}}},
				}},
				{Number: "2", Title: "Kết quả thực hiện các chỉ tiêu", Tables: []Table{{
					Title:   "Bảng 1. Kết quả theo đơn vị",
					Columns: []string{"STT", "Đơn vị", "Số hội nghị", "Lượt người", "Tỷ lệ (%)"},
					Rows: [][]string{
						{"1", "Sở Tư pháp", "12", "1.450", "95,5"},
						{"2", "Sở Nội vụ", "8", "640", "100"},
						{"3", "UBND huyện Sơn Tịnh", "21", "3.210", "87,2"},
					},
					Footer: []string{"", "Tổng cộng", "41", "5.300", ""},
				}}},
			}},
			{Number: "II", Title: "HẠN CHẾ, NGUYÊN NHÂN", Paras: []Para{
				{Text: "Một số đơn vị chưa báo cáo đúng thời hạn; chất lượng báo cáo ở một số nơi chưa cao."},
			}},
			{Number: "III", Title: "PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM", Children: []Section{
				{Number: "a)", Title: "Tiếp tục đẩy mạnh cải cách hành chính", Paras: []Para{{Text: "Nâng cao chất lượng giải quyết thủ tục hành chính trên môi trường điện tử."}}},
			}},
		},
		Recipients: []string{"Ban Dân vận Tỉnh ủy", "Thường trực UBND tỉnh", "Các thành viên BCĐ", "Lưu: VT, BCĐ"},
	}
}

// longDoc is sampleDoc with n paragraphs in each of its nine sections and one table of n rows
// by cols columns.
func longDoc(n, cols int) Doc {
	d := sampleDoc()
	d.Sections = nil
	for s := range 9 {
		sec := Section{Number: fmt.Sprint(s + 1), Title: fmt.Sprintf("Mục số %d về kết quả công tác dân vận", s+1)}
		for i := range n {
			sec.Paras = append(sec.Paras, Para{Lead: fmt.Sprintf("Đơn vị %d: ", i+1),
				Text: "Đã tổ chức quán triệt, triển khai thực hiện nghiêm túc các văn bản chỉ đạo của cấp trên về công tác dân vận chính quyền, gắn với cải cách hành chính và thực hiện dân chủ ở cơ sở."})
		}
		d.Sections = append(d.Sections, sec)
	}
	t := Table{Title: "Bảng tổng hợp"}
	for c := range cols {
		t.Columns = append(t.Columns, fmt.Sprintf("Chỉ tiêu %d", c+1))
	}
	for r := range n {
		row := make([]string, cols)
		row[0] = fmt.Sprintf("Đơn vị hành chính số %d", r+1)
		for c := 1; c < cols; c++ {
			row[c] = fmt.Sprint(r*c + 7)
		}
		t.Rows = append(t.Rows, row)
	}
	d.Sections[0].Tables = []Table{t}
	return d
}

// TestWriteSample writes /tmp/reportdoc-sample.{docx,pdf,xlsx} to look at, when
// REPORTDOC_SAMPLE is set.
func TestWriteSample(t *testing.T) {
	if os.Getenv("REPORTDOC_SAMPLE") == "" {
		t.Skip("set REPORTDOC_SAMPLE=1 to write /tmp/reportdoc-sample.*")
	}
	d := sampleDoc()
	if os.Getenv("REPORTDOC_SAMPLE") == "long" {
		d = longDoc(12, 6)
		d.Sections = append(sampleDoc().Sections, d.Sections...)
	}
	for _, out := range []struct {
		name   string
		render func(f *os.File) error
	}{
		{"/tmp/reportdoc-sample.docx", func(f *os.File) error { return DOCX(f, nil, d) }},
		{"/tmp/reportdoc-sample.pdf", func(f *os.File) error { return PDF(f, d) }},
		{"/tmp/reportdoc-sample.xlsx", func(f *os.File) error { return XLSX(f, sampleAnnex()) }},
	} {
		f, err := os.Create(out.name)
		if err != nil {
			t.Fatal(err)
		}
		if err := out.render(f); err != nil {
			t.Fatal(err)
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
	}
}

// sampleAnnex is a made-up annex: two groups, one indicator of each kind.
func sampleAnnex() Annex {
	return Annex{
		Title: "Phụ lục: Kết quả công tác dân vận chính quyền 6 tháng đầu năm 2025",
		Indicators: []Indicator{
			{Code: "hn", Label: "Số hội nghị", Unit: "cuộc", Type: "integer", Agg: "sum"},
			{Code: "kp", Label: "Kinh phí", Unit: "triệu đồng", Type: "decimal", Agg: "sum"},
			{Code: "tl", Label: "Tỷ lệ hài lòng", Unit: "%", Type: "percent", Agg: "average"},
			{Code: "gc", Label: "Ghi chú", Type: "text", Agg: "count"},
		},
		Groups: []Group{
			{Name: "Sở, ban, ngành", Rows: []AnnexRow{
				{Unit: "Sở Tư pháp", Values: map[string]string{"hn": "12", "kp": "15,5", "tl": "95,5%", "gc": "Đạt"}},
				{Unit: "Sở Nội vụ", Values: map[string]string{"hn": "1.200", "kp": "1.234,75", "tl": "90"}},
			}},
			{Name: "UBND cấp huyện", Rows: []AnnexRow{
				{Unit: "UBND huyện Sơn Tịnh", Values: map[string]string{"hn": "7", "kp": "2.5", "tl": "", "gc": "Chậm báo cáo"}},
			}},
		},
	}
}
