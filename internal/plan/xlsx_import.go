package plan

import (
	"context"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/ent/workplan"
	"github.com/danvan-vn/danvan/internal/apperr"
	"github.com/danvan-vn/danvan/internal/calendar"
	"github.com/danvan-vn/danvan/internal/db"
	"github.com/danvan-vn/danvan/internal/directive"
	"github.com/danvan-vn/danvan/internal/textnorm"
	"github.com/danvan-vn/danvan/internal/unit"
	"github.com/danvan-vn/danvan/internal/viewer"
)

// MaxImportTasks caps the data rows of one tasks file.
const MaxImportTasks = 2000

// UnitDirectory lists the province's units as they were on a day (unit.Service does).
type UnitDirectory interface {
	AsOf(ctx context.Context, d time.Time, q string) ([]unit.Node, error)
}

// ImportColumn is a column of the tasks file: its key, its header in the template, and the
// folded headers accepted for it.
type ImportColumn struct {
	Key, Header string
	Required    bool
	aliases     []string
}

// ImportColumns are the columns of the tasks file, in the template's order.
var ImportColumns = []ImportColumn{
	{"number", "STT", false, []string{"stt", "so thu tu", "tt", "so tt", "so", "number"}},
	{"content", "Nội dung", true, []string{"noi dung", "noi dung nhiem vu", "nhiem vu", "ten nhiem vu", "nhiem vu cu the", "content"}},
	{"lead", "Đơn vị chủ trì", false, []string{"don vi chu tri", "chu tri", "co quan chu tri", "co quan don vi chu tri",
		"don vi chu tri thuc hien", "co quan chu tri thuc hien", "lead", "lead units"}},
	{"coordinating", "Đơn vị phối hợp", false, []string{"don vi phoi hop", "phoi hop", "co quan phoi hop",
		"co quan don vi phoi hop", "don vi phoi hop thuc hien", "coordinating", "coordinating units"}},
	{"deadline", "Thời hạn", false, []string{"thoi han", "thoi han hoan thanh", "thoi gian hoan thanh", "thoi gian thuc hien",
		"han", "han hoan thanh", "deadline"}},
	{"requires_plan", "Yêu cầu kế hoạch thực hiện", false, []string{"yeu cau ke hoach thuc hien", "yeu cau xay dung ke hoach",
		"yeu cau xay dung ke hoach thuc hien", "xay dung ke hoach thuc hien", "ke hoach thuc hien", "requires plan"}},
}

// importColumn returns the key of the column a header names ("" when none): case, diacritics,
// abbreviations and a bracketed hint ("Thời hạn (dd/mm/yyyy)") do not matter.
func importColumn(h string) string {
	if i := strings.IndexAny(h, "(["); i > 0 {
		h = h[:i]
	}
	f := directive.FoldName(h)
	for _, c := range ImportColumns {
		for _, a := range c.aliases {
			if f == a {
				return c.Key
			}
		}
	}
	return ""
}

// ImportResult says what an import created.
type ImportResult struct {
	Tasks, Assignments int
}

// importRow is one data row read and checked.
type importRow struct {
	row int
	in  TaskInput
}

// ImportTasks reads an XLSX file of tasks and adds them to plan planID, all or nothing: every row
// is checked first (content, units matched by name to the province's units of the plan's day,
// group phrases expanded to every unit of their kind, the deadline), and any problem refuses
// the whole file with the rows, columns and reasons (apperr.Rejected "import_invalid"); a good
// file is added in one transaction. Unit staff import into their own unit's plans only, naming
// their units and sub-units (AddTaskTx's rules). A file that cannot be taken (not .xlsx, encrypted,
// damaged, empty, too large, too many rows) is refused naming the field "file".
func (s *Service) ImportTasks(ctx context.Context, planID int, filename string, r io.Reader, units UnitDirectory) (*ImportResult, error) {
	p, err := s.db.WorkPlan.Get(ctx, planID)
	if err != nil {
		return nil, err
	}
	// Unit staff hold plan:update for their own unit's plans only (a province plan they take
	// part in is read, not changed); AddTaskTx's wall would refuse row by row, say it once.
	if v := viewer.FromContext(ctx); v == nil || v.UnitScoped() && !ownsPlan(ctx, p) {
		return nil, apperr.Forbidden(errors.New("plan: import into a plan of another unit"))
	}
	if p.Status == workplan.StatusClosed {
		return nil, apperr.Conflict("plan_closed", nil)
	}
	rows, err := readTaskRows(filename, r)
	if err != nil {
		return nil, err
	}
	nodes, err := units.AsOf(ctx, planDay(p.IssuedOn), "")
	if err != nil {
		return nil, err
	}
	recs, problems, err := parseTaskRows(rows, unit.NewMatcher(nodes))
	if err != nil {
		return nil, err
	}
	if len(problems) > 0 {
		return nil, apperr.Rejected("import_invalid", problems)
	}
	res := &ImportResult{}
	err = db.InTx(ctx, s.db, func(tx *ent.Tx) error {
		for _, rec := range recs {
			if _, err := s.AddTaskTx(ctx, tx, planID, rec.in); err != nil {
				if e, ok := apperr.As(err); ok && len(e.Fields) > 0 {
					return apperr.Rejected("import_invalid", fieldRows(rec.row, e.Fields, nil))
				}
				return fmt.Errorf("plan: import row %d: %w", rec.row, err)
			}
			res.Tasks++
			res.Assignments += len(rec.in.Lead) + len(rec.in.Coordinating)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}

// fieldColumns maps TaskInput's fields to the file's columns.
var fieldColumns = map[string]string{
	"number": "number", "content": "content", "deadline_text": "deadline", "due_on": "deadline", "due_day": "deadline",
	"due_month": "deadline", "deadline_kind": "deadline", "lead_unit_ids": "lead", "coordinating_unit_ids": "coordinating",
}

// fieldRows turns a row's field refusals into report rows; headers are the file's headers by
// column key (the template's when nil).
func fieldRows(row int, fields map[string]string, headers map[string]string) []apperr.Row {
	var out []apperr.Row
	for _, c := range ImportColumns { // in the columns' order, so the report is stable
		for f, reason := range fields {
			if fieldColumns[f] != c.Key {
				continue
			}
			h := headers[c.Key]
			if h == "" {
				h = c.Header
			}
			out = append(out, apperr.Row{Row: row, Column: h, Reason: reason})
			break
		}
	}
	for f, reason := range fields {
		if fieldColumns[f] == "" {
			out = append(out, apperr.Row{Row: row, Column: f, Reason: reason})
		}
	}
	return out
}

// parseTaskRows finds the header row (the first row naming the content column among the first
// few, else the first non-empty one), checks the columns and reads every data row.
func parseTaskRows(rows []sheetRow, idx *unit.Matcher) ([]importRow, []apperr.Row, error) {
	head := -1
	for i, row := range rows {
		if i > 10 {
			break
		}
		for _, c := range row.cells {
			if importColumn(c) == "content" {
				head = i
				break
			}
		}
		if head >= 0 {
			break
		}
	}
	if head < 0 && len(rows) > 0 {
		head = 0
	}
	if head < 0 {
		return nil, nil, apperr.Invalid(map[string]string{"file": "file_empty"})
	}
	var problems []apperr.Row
	cols := map[string]int{}
	headers := map[string]string{}
	hn := rows[head].n
	for i, h := range rows[head].cells {
		h = strings.TrimSpace(h)
		if h == "" {
			continue
		}
		k := importColumn(h)
		switch {
		case k == "":
			problems = append(problems, apperr.Row{Row: hn, Column: h, Reason: "column_unknown"})
		case headers[k] != "":
			problems = append(problems, apperr.Row{Row: hn, Column: h, Reason: "column_duplicate"})
		default:
			cols[k], headers[k] = i, h
		}
	}
	for _, c := range ImportColumns {
		if _, ok := cols[c.Key]; c.Required && !ok {
			problems = append(problems, apperr.Row{Row: hn, Column: c.Header, Reason: "column_missing"})
		}
	}
	if len(problems) > 0 {
		return nil, problems, nil
	}
	get := func(row []string, key string) string {
		i, ok := cols[key]
		if !ok || i >= len(row) {
			return ""
		}
		return row[i]
	}
	var recs []importRow
	for _, sr := range rows[head+1:] {
		row := sr.cells
		if len(recs) >= MaxImportTasks {
			return nil, nil, apperr.Invalid(map[string]string{"file": "tasks_too_many_rows"})
		}
		n := sr.n
		bad := func(key, reason, value string) {
			problems = append(problems, apperr.Row{Row: n, Column: headers[key], Reason: reason, Value: quoteValue(value)})
		}
		in := TaskInput{Number: get(row, "number"), Content: get(row, "content")}
		for _, k := range []string{"lead", "coordinating"} {
			var ids []int
			for _, name := range splitUnitNames(get(row, k)) {
				got, reason := idx.Resolve(name)
				if reason != "" {
					bad(k, reason, name)
					continue
				}
				ids = append(ids, got...)
			}
			if k == "lead" {
				in.Lead = ids
			} else {
				in.Coordinating = ids
			}
		}
		if err := parseDeadline(get(row, "deadline"), &in); err != "" {
			bad("deadline", err, get(row, "deadline"))
		}
		switch v := textnorm.Fold(get(row, "requires_plan")); v {
		case "", "khong", "k", "no", "0", "false", "-":
		case "x", "co", "yes", "1", "true", "v", "✓", "✔":
			in.RequiresPlan = true
		default:
			bad("requires_plan", "task_yes_no", get(row, "requires_plan"))
		}
		if err := in.validate(); err != nil {
			e, ok := apperr.As(err)
			if !ok {
				return nil, nil, err
			}
			for _, pr := range fieldRows(n, e.Fields, headers) {
				// a unit name already reported makes "lead_unit_ids: required" a repeat
				if pr.Reason == "required" && (pr.Column == headers["lead"]) && hasProblem(problems, n, pr.Column) {
					continue
				}
				problems = append(problems, pr)
			}
		}
		recs = append(recs, importRow{row: n, in: in})
	}
	if len(recs) == 0 && len(problems) == 0 {
		return nil, nil, apperr.Invalid(map[string]string{"file": "file_empty"})
	}
	return recs, problems, nil
}

func hasProblem(ps []apperr.Row, row int, column string) bool {
	for _, p := range ps {
		if p.Row == row && p.Column == column {
			return true
		}
	}
	return false
}

// quoteValue shows a cell in a report: one line, cut to a readable length.
func quoteValue(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 60 {
		s = string(r[:60]) + "…"
	}
	return s
}

// splitUnitNames splits a units cell on ";" and line breaks, dropping list marks.
func splitUnitNames(s string) []string {
	var out []string
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == '\n' || r == '\r' }) {
		part = strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(part), "-+•*–"))
		part = strings.TrimRight(part, ".,; ")
		if part != "" {
			out = append(out, part)
		}
	}
	return out
}

var (
	fullDate = regexp.MustCompile(`(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})`)
	dayMonth = regexp.MustCompile(`(\d{1,2})\s*[/.\-]\s*(\d{1,2})`)
	bareDate = regexp.MustCompile(`^\s*\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{4}\s*$`)
)

// parseDeadline reads a deadline cell into in: empty (no deadline), a day ("30/6/2026", "Trước
// ngày 30/6/2026", or a date cell), "thường xuyên", or "hằng năm 15/11" (also "trước ngày 15/11
// hằng năm"). The text is kept as written unless it is a bare day. It returns the reason of a
// refusal, or "".
func parseDeadline(s string, in *TaskInput) string {
	s = strings.TrimSpace(s)
	if s == "" {
		in.DeadlineKind = "none"
		return ""
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil { // a date cell, read raw: a serial day
		if f < 1 || f > 2958465 {
			return "task_deadline"
		}
		t, err := excelize.ExcelDateToTime(f, false)
		if err != nil {
			return "task_deadline"
		}
		d := civil(time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC))
		in.DeadlineKind, in.DueOn = "date", &d
		return ""
	}
	f := textnorm.Fold(s)
	switch {
	case strings.Contains(f, "thuong xuyen"):
		in.DeadlineKind, in.DeadlineText = "continuous", s
		return ""
	case strings.Contains(f, "hang nam"):
		m := dayMonth.FindStringSubmatch(f)
		if m == nil {
			return "task_deadline"
		}
		day, _ := strconv.Atoi(m[1])
		month, _ := strconv.Atoi(m[2])
		switch {
		case month < 1 || month > 12:
			return "date_month"
		case day < 1 || day > calendar.NewDate(2024, time.Month(month)+1, 0).Day:
			return "date_day"
		}
		in.DeadlineKind, in.DueDay, in.DueMonth, in.DeadlineText = "yearly", day, month, s
		return ""
	}
	ms := fullDate.FindAllStringSubmatch(f, -1)
	if len(ms) != 1 {
		return "task_deadline"
	}
	day, _ := strconv.Atoi(ms[0][1])
	month, _ := strconv.Atoi(ms[0][2])
	d, err := calendar.Parse(fmt.Sprintf("%02d/%02d/%s", day, month, ms[0][3]))
	if err != nil {
		var ce *calendar.Error
		if errors.As(err, &ce) && ce.Code != calendar.CodeDateSyntax {
			return ce.Code
		}
		return "task_deadline"
	}
	t := d.UTC()
	in.DeadlineKind, in.DueOn = "date", &t
	if !bareDate.MatchString(s) {
		in.DeadlineText = s
	}
	return ""
}
