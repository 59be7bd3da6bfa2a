package plan

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/internal/calendar"
)

// StatusLabels are the statuses as the province's tables name them.
var StatusLabels = map[Status]string{
	StatusDoneOnTime: "Hoàn thành đúng hạn",
	StatusDoneLate:   "Hoàn thành quá hạn",
	StatusOpen:       "Đang thực hiện trong hạn",
	StatusOverdue:    "Quá hạn chưa hoàn thành",
	StatusContinuous: "Thường xuyên",
}

// roleLabels name an assignment's role.
var roleLabels = map[string]string{"lead": "Chủ trì", "coordinate": "Phối hợp"}

// The sheets of the export.
const (
	SheetTasks   = "Nhiệm vụ"
	SheetSummary = "Tổng hợp"
)

// ExportColumns are the headers of the export's task sheet, in order.
var ExportColumns = []string{"STT", "Nội dung", "Đơn vị", "Vai trò", "Thời hạn", "Hạn", "Trạng thái", "Tiến độ (%)", "Ngày hoàn thành"}

var exportWidths = []float64{7, 60, 36, 11, 26, 12, 26, 11, 16}

// DeadlineText is a task's deadline as written: its text, else the day, the yearly day or the
// kind.
func DeadlineText(t *ent.Task) string {
	switch {
	case t.DeadlineText != "":
		return t.DeadlineText
	case t.DeadlineKind == "date" && t.DueOn != nil:
		return DayOf(*t.DueOn).String()
	case t.DeadlineKind == "yearly":
		return fmt.Sprintf("Hằng năm, ngày %02d/%02d", t.DueDay, t.DueMonth)
	case t.DeadlineKind == "continuous":
		return "Thường xuyên"
	}
	return ""
}

// ExportTasks writes plan planID's tasks as an XLSX workbook to w: the sheet "Nhiệm vụ" with one
// row per task and unit (lead units first, then coordinating ones) and its status today, and the
// sheet "Tổng hợp" with the counts per status. It reads with ctx's viewer, so unit staff get
// their units' rows only (the unit wall).
func (s *Service) ExportTasks(ctx context.Context, planID int, w io.Writer) error {
	b, err := s.Board(ctx, planID, false)
	if err != nil {
		return err
	}
	x := excelize.NewFile()
	defer x.Close()
	if err := writeTaskSheet(x, b); err != nil {
		return fmt.Errorf("plan: export tasks: %w", err)
	}
	if err := writeSummarySheet(x, b); err != nil {
		return fmt.Errorf("plan: export summary: %w", err)
	}
	full := true
	if err := x.SetCalcProps(&excelize.CalcPropsOptions{FullCalcOnLoad: &full}); err != nil { // the totals are formulas
		return err
	}
	return x.Write(w)
}

type sheetStyles struct{ header, text, date, number, total int }

func newStyles(x *excelize.File) (sheetStyles, error) {
	var st sheetStyles
	border := []excelize.Border{{Type: "left", Color: "BFBFBF", Style: 1}, {Type: "right", Color: "BFBFBF", Style: 1},
		{Type: "top", Color: "BFBFBF", Style: 1}, {Type: "bottom", Color: "BFBFBF", Style: 1}}
	font := &excelize.Font{Family: "Times New Roman", Size: 12}
	dateFmt := "dd/mm/yyyy"
	for _, d := range []struct {
		id    *int
		style excelize.Style
	}{
		{&st.header, excelize.Style{Font: &excelize.Font{Family: "Times New Roman", Size: 12, Bold: true}, Border: border,
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}}},
		{&st.text, excelize.Style{Font: font, Border: border, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}}},
		{&st.date, excelize.Style{Font: font, Border: border, CustomNumFmt: &dateFmt, Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "center"}}},
		{&st.number, excelize.Style{Font: font, Border: border, Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "right"}}},
		{&st.total, excelize.Style{Font: &excelize.Font{Family: "Times New Roman", Size: 12, Bold: true}, Border: border}},
	} {
		id, err := x.NewStyle(&d.style)
		if err != nil {
			return st, err
		}
		*d.id = id
	}
	return st, nil
}

func cell(col, row int) string {
	c, _ := excelize.CoordinatesToCellName(col, row)
	return c
}

func writeTaskSheet(x *excelize.File, b *Board) error {
	if err := x.SetSheetName(x.GetSheetName(0), SheetTasks); err != nil {
		return err
	}
	st, err := newStyles(x)
	if err != nil {
		return err
	}
	sw, err := x.NewStreamWriter(SheetTasks)
	if err != nil {
		return err
	}
	for i, w := range exportWidths {
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}}}); err != nil {
		return err
	}
	head := make([]any, len(ExportColumns))
	for i, h := range ExportColumns {
		head[i] = excelize.Cell{StyleID: st.header, Value: h}
	}
	if err := sw.SetRow("A1", head, excelize.RowOpts{Height: 32}); err != nil {
		return err
	}
	row := 2
	day := func(t *time.Time) excelize.Cell {
		if t == nil {
			return excelize.Cell{StyleID: st.date}
		}
		return excelize.Cell{StyleID: st.date, Value: DayOf(*t).UTC()}
	}
	for _, tr := range b.Tasks {
		t := tr.Task
		rows := append(append([]AssignmentRow{}, tr.Lead...), tr.Coordinating...)
		if len(rows) == 0 {
			rows = []AssignmentRow{{}}
		}
		for _, r := range rows {
			vals := []any{excelize.Cell{StyleID: st.text, Value: t.Number}, excelize.Cell{StyleID: st.text, Value: t.Content},
				excelize.Cell{StyleID: st.text}, excelize.Cell{StyleID: st.text}, excelize.Cell{StyleID: st.text, Value: DeadlineText(t)},
				excelize.Cell{StyleID: st.date}, excelize.Cell{StyleID: st.text}, excelize.Cell{StyleID: st.number},
				excelize.Cell{StyleID: st.date}}
			if a := r.Assignment; a != nil {
				vals[2] = excelize.Cell{StyleID: st.text, Value: r.UnitName}
				vals[3] = excelize.Cell{StyleID: st.text, Value: roleLabels[string(a.Role)]}
				if r.Due != nil {
					vals[5] = excelize.Cell{StyleID: st.date, Value: r.Due.UTC()}
				}
				vals[6] = excelize.Cell{StyleID: st.text, Value: StatusLabels[r.Status]}
				vals[7] = excelize.Cell{StyleID: st.number, Value: a.Percent}
				vals[8] = day(a.CompletedOn)
			}
			if err := sw.SetRow(cell(1, row), vals); err != nil {
				return err
			}
			row++
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return x.AutoFilter(SheetTasks, "A1:"+cell(len(ExportColumns), max(row-1, 1)), nil)
}

func writeSummarySheet(x *excelize.File, b *Board) error {
	if _, err := x.NewSheet(SheetSummary); err != nil {
		return err
	}
	st, err := newStyles(x)
	if err != nil {
		return err
	}
	set := func(c string, v any, style int) error {
		if err := x.SetCellValue(SheetSummary, c, v); err != nil {
			return err
		}
		return x.SetCellStyle(SheetSummary, c, c, style)
	}
	if err := x.SetColWidth(SheetSummary, "A", "A", 30); err != nil {
		return err
	}
	if err := x.SetColWidth(SheetSummary, "B", "D", 18); err != nil {
		return err
	}
	var lead, coord Counts
	for _, tr := range b.Tasks {
		for _, r := range tr.Lead {
			lead.Add(r.Status)
		}
		for _, r := range tr.Coordinating {
			coord.Add(r.Status)
		}
	}
	if err := set("A1", "Kế hoạch", st.total); err != nil {
		return err
	}
	if err := set("B1", b.Plan.Title, st.text); err != nil {
		return err
	}
	if err := set("A2", "Số liệu đến ngày", st.total); err != nil {
		return err
	}
	if err := set("B2", calendar.Today().UTC(), st.date); err != nil {
		return err
	}
	const top = 4
	for i, h := range []string{"Trạng thái", "Nhiệm vụ", "Lượt đơn vị chủ trì", "Lượt đơn vị phối hợp"} {
		if err := set(cell(i+1, top), h, st.header); err != nil {
			return err
		}
	}
	order := []Status{StatusDoneOnTime, StatusDoneLate, StatusOpen, StatusOverdue, StatusContinuous}
	for i, s := range order {
		r := top + 1 + i
		for j, v := range []any{StatusLabels[s], b.TaskCounts.Of(s), lead.Of(s), coord.Of(s)} {
			style := st.number
			if j == 0 {
				style = st.text
			}
			if err := set(cell(j+1, r), v, style); err != nil {
				return err
			}
		}
	}
	last := top + len(order)
	total := last + 1
	if err := set(cell(1, total), "Tổng cộng", st.total); err != nil {
		return err
	}
	for j := 2; j <= 4; j++ {
		c := cell(j, total)
		if err := x.SetCellFormula(SheetSummary, c, fmt.Sprintf("SUM(%s:%s)", cell(j, top+1), cell(j, last))); err != nil {
			return err
		}
		if err := x.SetCellStyle(SheetSummary, c, c, st.total); err != nil {
			return err
		}
	}
	return nil
}

// TasksTemplate writes the XLSX template of a tasks import: the sheet "Nhiệm vụ" with the header
// row only (an untouched template imports nothing), and the sheet "Hướng dẫn" explaining each
// column with examples.
func TasksTemplate(w io.Writer) error {
	x := excelize.NewFile()
	defer x.Close()
	if err := x.SetSheetName(x.GetSheetName(0), SheetTasks); err != nil {
		return err
	}
	st, err := newStyles(x)
	if err != nil {
		return err
	}
	widths := []float64{7, 60, 40, 40, 24, 16}
	for i, c := range ImportColumns {
		if err := x.SetCellValue(SheetTasks, cell(i+1, 1), c.Header); err != nil {
			return err
		}
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := x.SetColWidth(SheetTasks, col, col, widths[i]); err != nil {
			return err
		}
	}
	if err := x.SetCellStyle(SheetTasks, "A1", cell(len(ImportColumns), 1), st.header); err != nil {
		return err
	}
	if err := x.SetPanes(SheetTasks, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	// The deadline column is text, so that "30/06/2026" stays as typed whatever the locale.
	textFmt := "@"
	textStyle, err := x.NewStyle(&excelize.Style{CustomNumFmt: &textFmt, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return err
	}
	if err := x.SetColStyle(SheetTasks, "A:F", textStyle); err != nil {
		return err
	}
	const help = "Hướng dẫn"
	if _, err := x.NewSheet(help); err != nil {
		return err
	}
	lines := [][]string{
		{"Cột", "Cách ghi", "Ví dụ"},
		{"STT", "Số thứ tự của nhiệm vụ trong kế hoạch (không bắt buộc).", "1; 2.1; a)"},
		{"Nội dung", "Nội dung nhiệm vụ (bắt buộc).", "Tổ chức quán triệt Kế hoạch đến cán bộ, công chức, viên chức."},
		{"Đơn vị chủ trì", "Tên đơn vị như trong danh mục đơn vị của tỉnh; nhiều đơn vị cách nhau bằng dấu chấm phẩy (;) hoặc xuống dòng. " +
			"Ghi tắt, không dấu, hoa thường đều được (UBND = Ủy ban nhân dân). Cụm từ chỉ nhóm được hiểu là mọi đơn vị của nhóm: " +
			"\"Các sở, ban, ngành\", \"UBND các xã, phường\", \"Các đơn vị sự nghiệp\", \"Ủy ban MTTQ và các đoàn thể\".",
			"Sở Nội vụ; UBND các xã, phường"},
		{"Đơn vị phối hợp", "Như cột Đơn vị chủ trì (không bắt buộc).", "Sở Tư pháp"},
		{"Thời hạn", "Ngày dd/mm/yyyy; \"Thường xuyên\"; \"Hằng năm dd/mm\"; hoặc để trống nếu không có hạn.",
			"30/06/2026; Trước ngày 15/11/2026; Thường xuyên; Hằng năm 15/11"},
		{"Yêu cầu kế hoạch thực hiện", "Ghi \"x\" hoặc \"có\" nếu đơn vị chủ trì phải ban hành kế hoạch thực hiện riêng.", "x"},
		{"", "Tệp được kiểm tra toàn bộ trước khi nhập: chỉ cần một dòng sai thì không nhiệm vụ nào được nhập, " +
			"và trang nhập sẽ liệt kê dòng, cột và lý do để sửa. Tối đa 2.000 dòng, 20 MB.", ""},
	}
	for r, l := range lines {
		for c, v := range l {
			if err := x.SetCellValue(help, cell(c+1, r+1), v); err != nil {
				return err
			}
		}
	}
	if err := x.SetColWidth(help, "A", "A", 28); err != nil {
		return err
	}
	if err := x.SetColWidth(help, "B", "C", 70); err != nil {
		return err
	}
	if err := x.SetCellStyle(help, "A1", "C1", st.header); err != nil {
		return err
	}
	if err := x.SetCellStyle(help, "A2", cell(3, len(lines)), st.text); err != nil {
		return err
	}
	return x.Write(w)
}
