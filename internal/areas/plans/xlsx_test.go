package plans_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/danvan-vn/danvan/internal/app/apptest"
	"github.com/danvan-vn/danvan/internal/areas/plans"
	"github.com/danvan-vn/danvan/internal/calendar"
	"github.com/danvan-vn/danvan/internal/httpapi"
	"github.com/danvan-vn/danvan/internal/textnorm"
)

// unitTypes returns the province's units' types by id.
func unitTypes(t *testing.T, c *apptest.Client, slug string) map[int]string {
	t.Helper()
	resp, body := c.Do(http.MethodGet, "/api/v1/t/"+slug+"/units", nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	var us struct {
		Units []struct {
			ID      int    `json:"id"`
			Type    string `json:"type"`
			Version struct {
				Type string `json:"type"`
			} `json:"version"`
		} `json:"units"`
	}
	if err := json.Unmarshal(body, &us); err != nil {
		t.Fatal(err)
	}
	out := map[int]string{}
	for _, u := range us.Units {
		out[u.ID] = u.Type
		if u.Type == "" {
			out[u.ID] = u.Version.Type
		}
	}
	return out
}

func newPlan(t *testing.T, c *apptest.Client, title, status string) plans.PlanJSON {
	t.Helper()
	resp, body := c.Do(http.MethodPost, api+"/plans", map[string]any{"title": title, "year": calendar.Today().Year, "status": status})
	apptest.Expect(t, resp, body, http.StatusCreated, "")
	return decode[plans.PlanJSON](t, body)
}

func addTask(t *testing.T, c *apptest.Client, planID int, task map[string]any) plans.TaskJSON {
	t.Helper()
	resp, body := c.Do(http.MethodPost, fmt.Sprintf("%s/plans/%d/tasks", api, planID), task)
	apptest.Expect(t, resp, body, http.StatusCreated, "")
	return decode[plans.TaskJSON](t, body)
}

// workbook builds an .xlsx whose first sheet holds rows; a time.Time cell is a date cell.
func workbook(t *testing.T, rows [][]any) []byte {
	t.Helper()
	x := excelize.NewFile()
	defer x.Close()
	dateFmt := "dd/mm/yyyy"
	ds, _ := x.NewStyle(&excelize.Style{CustomNumFmt: &dateFmt})
	for r, row := range rows {
		for c, v := range row {
			cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
			if err := x.SetCellValue("Sheet1", cell, v); err != nil {
				t.Fatal(err)
			}
			if _, ok := v.(time.Time); ok {
				_ = x.SetCellStyle("Sheet1", cell, cell, ds)
			}
		}
	}
	var buf bytes.Buffer
	if err := x.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func openXLSX(t *testing.T, body []byte) *excelize.File {
	t.Helper()
	x, err := excelize.OpenReader(bytes.NewReader(body))
	if err != nil {
		t.Fatalf("open export: %v (%.200s)", err, body)
	}
	t.Cleanup(func() { x.Close() })
	return x
}

type problem struct {
	Code   string               `json:"code"`
	Errors map[string]string    `json:"errors"`
	Rows   []httpapi.ProblemRow `json:"rows"`
}

func TestPlans_TasksExport(t *testing.T) {
	f := setup(t)
	a, b, c := f.units[0], f.units[1], f.units[2]
	p := newPlan(t, f.admin, "Kế hoạch công tác dân vận chính quyền năm nay", "issued")
	t1 := addTask(t, f.admin, p.ID, map[string]any{"number": "1", "content": "Quán triệt Kế hoạch đến cán bộ, công chức.",
		"due_on": "30/12/2099", "deadline_text": "Trước ngày 30/12/2099", "lead_unit_ids": []int{a}, "coordinating_unit_ids": []int{b}})
	addTask(t, f.admin, p.ID, map[string]any{"number": "2", "content": "Tổng kết việc tiếp công dân.", "due_on": "02/01/2020",
		"lead_unit_ids": []int{b}})
	addTask(t, f.admin, p.ID, map[string]any{"number": "3", "content": "Công khai thủ tục hành chính.", "deadline_kind": "continuous",
		"lead_unit_ids": []int{a}})
	t4 := addTask(t, f.admin, p.ID, map[string]any{"number": "4", "content": "Báo cáo kết quả thực hiện Quy chế dân chủ.",
		"due_on": "30/12/2099", "lead_unit_ids": []int{c}})
	officerA := f.e.UnitPerson(t, "xlsx-a@nghe-an.vn", "unit_officer", "nghe-an", a, false)
	officerC := f.e.UnitPerson(t, "xlsx-c@nghe-an.vn", "unit_officer", "nghe-an", c, false)
	resp, body := f.admin.Do(http.MethodGet, fmt.Sprintf("%s/tasks/%d", api, t4.ID), nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	aid := decode[plans.TaskDetailJSON](t, body).Assignments[0].ID
	resp, body = officerC.Do(http.MethodPost, fmt.Sprintf("%s/assignments/%d/progress", api, aid),
		map[string]any{"percent": 100, "completes": true, "narrative": "Đã gửi báo cáo."})
	apptest.Expect(t, resp, body, http.StatusCreated, "")
	resp, body = f.admin.Do(http.MethodGet, fmt.Sprintf("%s/tasks/%d", api, t1.ID), nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	due1 := decode[plans.TaskDetailJSON](t, body).Assignments[0].EffectiveDue // yyyy-mm-dd
	d1, _ := time.Parse("2006-01-02", due1)

	resp, body = f.admin.Do(http.MethodGet, fmt.Sprintf("%s/plans/%d/tasks.xlsx", api, p.ID), nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet") {
		t.Errorf("content type %q", ct)
	}
	if cd := resp.Header.Get("Content-Disposition"); !strings.Contains(cd, fmt.Sprintf(`filename="nhiem-vu-ke-hoach-%d.xlsx"`, p.ID)) {
		t.Errorf("content disposition %q", cd)
	}
	x := openXLSX(t, body)
	if got := x.GetSheetList(); !slices.Equal(got, []string{"Nhiệm vụ", "Tổng hợp"}) {
		t.Fatalf("sheets %v", got)
	}
	rows, err := x.GetRows("Nhiệm vụ")
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"STT", "Nội dung", "Đơn vị", "Vai trò", "Thời hạn", "Hạn", "Trạng thái", "Tiến độ (%)", "Ngày hoàn thành"},
		{"1", "Quán triệt Kế hoạch đến cán bộ, công chức.", f.names[a], "Chủ trì", "Trước ngày 30/12/2099", d1.Format("02/01/2006"), "Đang thực hiện trong hạn", "0"},
		{"1", "Quán triệt Kế hoạch đến cán bộ, công chức.", f.names[b], "Phối hợp", "Trước ngày 30/12/2099", d1.Format("02/01/2006"), "Đang thực hiện trong hạn", "0"},
		{"2", "Tổng kết việc tiếp công dân.", f.names[b], "Chủ trì", "02/01/2020", "02/01/2020", "Quá hạn chưa hoàn thành", "0"},
		{"3", "Công khai thủ tục hành chính.", f.names[a], "Chủ trì", "Thường xuyên", "", "Thường xuyên", "0"},
		{"4", "Báo cáo kết quả thực hiện Quy chế dân chủ.", f.names[c], "Chủ trì", "30/12/2099", "", "Hoàn thành đúng hạn", "100", calendar.Today().String()},
	}
	if len(rows) != len(want) {
		t.Fatalf("export rows:\n%q\nwant %d rows", rows, len(want))
	}
	for i := range want {
		got := rows[i]
		if i == 5 { // the effective due day of a date task follows the calendar: check its shape only
			if len(got) < 6 || len(got[5]) != 10 {
				t.Errorf("row %d due %q", i+1, got)
			}
			got = slices.Clone(got)
			got[5] = ""
		}
		if !slices.Equal(got, want[i]) {
			t.Errorf("row %d:\n got %q\nwant %q", i+1, got, want[i])
		}
	}
	if panes, err := x.GetPanes("Nhiệm vụ"); err != nil || !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("header not frozen: %+v %v", panes, err)
	}
	if st, _ := x.GetCellStyle("Nhiệm vụ", "B1"); st == 0 {
		t.Error("header has no style")
	} else if s, _ := x.GetStyle(st); s == nil || s.Font == nil || !s.Font.Bold {
		t.Errorf("header not bold: %+v", s)
	}
	if w, _ := x.GetColWidth("Nhiệm vụ", "B"); w < 40 {
		t.Errorf("content column width %v", w)
	}
	filtered := false
	for _, d := range x.GetDefinedName() {
		filtered = filtered || d.Name == "_xlnm._FilterDatabase"
	}
	if !filtered {
		t.Error("no autofilter")
	}
	// Tổng hợp: per status, numbers; totals are formulas.
	sum, err := x.GetRows("Tổng hợp")
	if err != nil || len(sum) < 9 {
		t.Fatalf("summary %q %v", sum, err)
	}
	counts := map[string][]string{}
	for _, r := range sum[4:9] {
		counts[r[0]] = r[1:]
	}
	for status, w := range map[string][]string{"Hoàn thành đúng hạn": {"1", "1", "0"}, "Hoàn thành quá hạn": {"0", "0", "0"},
		"Đang thực hiện trong hạn": {"1", "1", "1"}, "Quá hạn chưa hoàn thành": {"1", "1", "0"}, "Thường xuyên": {"1", "1", "0"}} {
		if !slices.Equal(counts[status], w) {
			t.Errorf("summary %s = %q, want %q", status, counts[status], w)
		}
	}
	if fm, _ := x.GetCellFormula("Tổng hợp", "B10"); fm != "SUM(B5:B9)" {
		t.Errorf("total formula %q", fm)
	}
	for cell, w := range map[string]string{"B10": "4", "C10": "4", "D10": "1"} {
		if v, err := x.CalcCellValue("Tổng hợp", cell); err != nil || v != w {
			t.Errorf("total %s = %q %v, want %s", cell, v, err, w)
		}
	}

	// The unit wall: A's officer gets A's rows only, on the page route too.
	for _, path := range []string{fmt.Sprintf("%s/plans/%d/tasks.xlsx", api, p.ID), fmt.Sprintf("/t/nghe-an/plans/%d/tasks.xlsx", p.ID)} {
		resp, body = officerA.Do(http.MethodGet, path, nil)
		apptest.Expect(t, resp, body, http.StatusOK, "")
		rows, err := openXLSX(t, body).GetRows("Nhiệm vụ")
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 3 || rows[1][2] != f.names[a] || rows[2][2] != f.names[a] || rows[1][0] != "1" || rows[2][0] != "3" {
			t.Errorf("A's officer's export %s:\n%q", path, rows)
		}
	}
	// Another province's plan, or none: not found, as JSON.
	resp, body = f.admin.Do(http.MethodGet, api+"/plans/999999/tasks.xlsx", nil)
	apptest.Expect(t, resp, body, http.StatusNotFound, "not_found")
	// The plan page links the export.
	if st, page := f.admin.Page(fmt.Sprintf("/t/nghe-an/plans/%d", p.ID)); st != http.StatusOK ||
		!strings.Contains(page, fmt.Sprintf(`/t/nghe-an/plans/%d/tasks.xlsx`, p.ID)) || !strings.Contains(page, fmt.Sprintf(`/t/nghe-an/plans/%d/tasks/import`, p.ID)) {
		t.Errorf("plan page: %d, export or import link missing", st)
	}
}

func TestPlans_TasksImport(t *testing.T) {
	f := setup(t)
	a, b, c := f.units[0], f.units[1], f.units[2]
	types := unitTypes(t, f.admin, "nghe-an")
	var depts []int
	for id, typ := range types {
		if typ == "department" {
			depts = append(depts, id)
		}
	}
	if len(depts) < 2 {
		t.Fatalf("fixture: departments %v", depts)
	}
	p := newPlan(t, f.admin, "Chương trình công tác dân vận năm nay", "issued")
	path := fmt.Sprintf("%s/plans/%d/tasks/import", api, p.ID)
	header := []any{"STT", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời hạn (dd/mm/yyyy)", "Yêu cầu kế hoạch thực hiện (x/có)"}
	good := [][]any{header,
		{"1", "Tuyên truyền, phổ biến Kế hoạch.", strings.ToUpper(textnorm.Fold(f.names[a])), "", "Trước ngày 30/6/2099", ""},
		{"2", "Rà soát, công khai thủ tục hành chính.", "Các sở, ban, ngành", f.names[b] + "\n" + f.names[c], "Thường xuyên", ""},
		{},
		{"3", "Xây dựng kế hoạch thực hiện tại đơn vị.", f.names[b], "", "hằng năm 15/11", "x"},
		{"4", "Báo cáo sơ kết 6 tháng.", f.names[c] + "; " + f.names[a], "", time.Date(2099, 6, 15, 0, 0, 0, 0, time.UTC), "có"},
	}

	// Who may import: plan:update, and for unit staff only into their own unit's plans (a province
	// plan their unit takes part in is theirs to read, not to change).
	shared := newPlan(t, f.admin, "Kế hoạch tỉnh có nhiệm vụ của đơn vị", "issued")
	addTask(t, f.admin, shared.ID, map[string]any{"content": "Nhiệm vụ của đơn vị.", "lead_unit_ids": []int{a}})
	for _, role := range []string{"unit_officer", "unit_leader", "committee_member", "readonly_leader"} {
		who, target := (*apptest.Client)(nil), p.ID
		if strings.HasPrefix(role, "unit_") {
			who, target = f.e.UnitPerson(t, "imp-"+role+"@nghe-an.vn", role, "nghe-an", a, false), shared.ID
		} else {
			who = f.e.Person(t, "imp-"+role+"@nghe-an.vn", role, "nghe-an", false)
		}
		resp, body := who.Upload(fmt.Sprintf("%s/plans/%d/tasks/import", api, target), "file", "nhiem-vu.xlsx", workbook(t, good), nil)
		apptest.Expect(t, resp, body, http.StatusForbidden, "")
		resp, _ = who.Upload(fmt.Sprintf("/t/nghe-an/plans/%d/tasks/import", target), "file", "nhiem-vu.xlsx", workbook(t, good), nil)
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("%s import page: %d, want 403", role, resp.StatusCode)
		}
	}
	resp, body := f.admin.Do(http.MethodGet, fmt.Sprintf("%s/plans/%d/tasks", api, shared.ID), nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	if ts := decode[plans.TasksJSON](t, body); len(ts.Tasks) != 1 {
		t.Errorf("refused imports wrote tasks: %d", len(ts.Tasks))
	}

	// A unit's officer imports into the unit's own plan, naming the unit.
	officer := f.e.UnitPerson(t, "imp-own@nghe-an.vn", "unit_officer", "nghe-an", a, false)
	resp, body = officer.Do(http.MethodPost, api+"/plans", map[string]any{"title": "Kế hoạch thực hiện của đơn vị", "year": calendar.Today().Year})
	apptest.Expect(t, resp, body, http.StatusCreated, "")
	own := decode[plans.PlanJSON](t, body)
	resp, body = officer.Upload(fmt.Sprintf("%s/plans/%d/tasks/import", api, own.ID), "file", "nhiem-vu.xlsx",
		workbook(t, [][]any{header, {"1", "Quán triệt tại đơn vị.", f.names[a], "", "Thường xuyên", ""}}), nil)
	apptest.Expect(t, resp, body, http.StatusCreated, "")

	// One bad row of each kind: 422 naming row and column, and nothing written.
	bad := append(slices.Clone(good),
		[]any{"5", "Phối hợp tổ chức đối thoại.", "Sở Không Có Trong Danh Mục", "", "30/06/2099", ""},
		[]any{"6", "Kiểm tra việc thực hiện.", f.names[a], "", "31/02/2099", ""},
		[]any{"7", "", f.names[a], "", "", ""},
		[]any{"8", "Sơ kết.", f.names[a], "", "sớm nhất có thể", "có lẽ"},
	)
	resp, body = f.admin.Upload(path, "file", "nhiem-vu.xlsx", workbook(t, bad), nil)
	apptest.Expect(t, resp, body, http.StatusUnprocessableEntity, "import_invalid")
	pr := decode[problem](t, body)
	wantRows := []struct {
		row            int
		column, reason string
	}{
		{7, "Đơn vị chủ trì", "task_unit_unknown"}, {8, "Thời hạn (dd/mm/yyyy)", "date_day"}, {9, "Nội dung nhiệm vụ", "required"},
		{10, "Thời hạn (dd/mm/yyyy)", "task_deadline"}, {10, "Yêu cầu kế hoạch thực hiện (x/có)", "task_yes_no"},
	}
	if len(pr.Rows) != len(wantRows) {
		t.Fatalf("report %+v", pr.Rows)
	}
	for i, w := range wantRows {
		r := pr.Rows[i]
		if r.Row != w.row || r.Column != w.column || r.Reason != w.reason || r.Message == "" || strings.HasPrefix(r.Message, "field.") {
			t.Errorf("report row %d = %+v, want %+v", i, r, w)
		}
	}
	if pr.Rows[0].Value != "Sở Không Có Trong Danh Mục" {
		t.Errorf("unknown unit's value %q", pr.Rows[0].Value)
	}
	resp, body = f.admin.Do(http.MethodGet, fmt.Sprintf("%s/plans/%d/tasks", api, p.ID), nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	if ts := decode[plans.TasksJSON](t, body); len(ts.Tasks) != 0 {
		t.Fatalf("a refused import wrote %d tasks", len(ts.Tasks))
	}
	// The page shows the same report, in Vietnamese, and the form again.
	resp, body = f.admin.Upload(fmt.Sprintf("/t/nghe-an/plans/%d/tasks/import", p.ID), "file", "nhiem-vu.xlsx", workbook(t, bad), nil)
	if page := string(body); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, "Không tìm thấy đơn vị có tên này") ||
		!strings.Contains(page, "Sở Không Có Trong Danh Mục") || !strings.Contains(page, `name="file"`) {
		t.Errorf("refused import page: %d %.300s", resp.StatusCode, page)
	}

	// The good file: every task and assignment, groups expanded, in one go.
	resp, body = f.admin.Upload(path, "file", "nhiem-vu.xlsx", workbook(t, good), nil)
	apptest.Expect(t, resp, body, http.StatusCreated, "")
	coord := slices.DeleteFunc([]int{b, c}, func(u int) bool { return slices.Contains(depts, u) })
	res := decode[plans.ImportResultJSON](t, body)
	if wantA := 1 + len(depts) + len(coord) + 1 + 2; res.Tasks != 4 || res.Assignments != wantA {
		t.Errorf("import result %+v, want 4 tasks and %d assignments", res, wantA)
	}
	resp, body = f.admin.Do(http.MethodGet, fmt.Sprintf("%s/plans/%d/tasks", api, p.ID), nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	ts := decode[plans.TasksJSON](t, body).Tasks
	if len(ts) != 4 {
		t.Fatalf("tasks %+v", ts)
	}
	units := func(as []plans.AssignmentJSON) []int {
		var out []int
		for _, x := range as {
			out = append(out, x.UnitID)
		}
		slices.Sort(out)
		return out
	}
	slices.Sort(depts)
	slices.Sort(coord)
	for i, w := range []struct {
		number, kind, dueOn, text string
		lead, coord               []int
	}{
		{"1", "date", "2099-06-30", "Trước ngày 30/6/2099", []int{a}, nil},
		{"2", "continuous", "", "Thường xuyên", depts, coord},
		{"3", "yearly", "", "hằng năm 15/11", []int{b}, nil},
		{"4", "date", "2099-06-15", "", units([]plans.AssignmentJSON{{UnitID: a}, {UnitID: c}}), nil},
	} {
		tk := ts[i]
		if tk.Number != w.number || tk.DeadlineKind != w.kind || tk.DueOn != w.dueOn || tk.DeadlineText != w.text ||
			!slices.Equal(units(tk.Lead), w.lead) || !slices.Equal(units(tk.Coordinating), w.coord) {
			t.Errorf("task %d = %+v (lead %v, coordinating %v), want %+v", i+1, tk, units(tk.Lead), units(tk.Coordinating), w)
		}
	}
	if ts[2].DueDay != 15 || ts[2].DueMonth != 11 {
		t.Errorf("yearly task %+v", ts[2])
	}
	// The page form: redirect to the plan with a notice.
	resp, _ = f.admin.Upload(fmt.Sprintf("/t/nghe-an/plans/%d/tasks/import", p.ID), "file", "nhiem-vu.xlsx", workbook(t, good[:2]), nil)
	if loc := resp.Header.Get("Location"); resp.StatusCode != http.StatusSeeOther || loc != fmt.Sprintf("/t/nghe-an/plans/%d?done=tasks_imported", p.ID) {
		t.Errorf("import page: %d %s", resp.StatusCode, loc)
	}
}

func TestPlans_TasksImportFiles(t *testing.T) {
	f := setup(t)
	p := newPlan(t, f.admin, "Kế hoạch thử tệp nhập", "draft")
	path := fmt.Sprintf("%s/plans/%d/tasks/import", api, p.ID)
	header := []any{"STT", "Nội dung", "Đơn vị chủ trì"}
	many := [][]any{header}
	for i := range 2001 {
		many = append(many, []any{i + 1, fmt.Sprintf("Nhiệm vụ số %d", i+1), ""})
	}
	big := make([]byte, 21<<20)
	copy(big, "PK\x03\x04")
	for _, tc := range []struct {
		name, file string
		content    []byte
		message    string
	}{
		{"csv", "nhiem-vu.csv", []byte("STT,Nội dung\n1,Tuyên truyền\n"), "Chỉ nhận tệp Excel (.xlsx)"},
		{"empty", "nhiem-vu.xlsx", nil, "Tệp không có dữ liệu"},
		{"no rows", "nhiem-vu.xlsx", workbook(t, nil), "Tệp không có dữ liệu"},
		{"header only", "nhiem-vu.xlsx", workbook(t, [][]any{header}), "Tệp không có dữ liệu"},
		{"text named xlsx", "nhiem-vu.xlsx", []byte("Nội dung\nTuyên truyền\n"), "Nội dung tệp không đúng"},
		{"encrypted", "nhiem-vu.xlsx", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 600)...), "mật khẩu"},
		{"damaged zip", "nhiem-vu.xlsx", []byte("PK\x03\x04 not really a zip"), "Không đọc được tệp"},
		{"oversize", "nhiem-vu.xlsx", big, "Tệp quá lớn"},
		{"too many rows", "nhiem-vu.xlsx", workbook(t, many), "tối đa 2.000 nhiệm vụ"},
	} {
		resp, body := f.admin.Upload(path, "file", tc.file, tc.content, nil)
		if resp.StatusCode < 400 || resp.StatusCode >= 500 {
			t.Errorf("%s: %d %.200s, want 4xx", tc.name, resp.StatusCode, body)
			continue
		}
		if pr := decode[problem](t, body); !strings.Contains(pr.Errors["file"], tc.message) {
			t.Errorf("%s: %d %s, want the field file: %q", tc.name, resp.StatusCode, body, tc.message)
		}
	}
	// The reasons themselves, read through the page's messages.
	resp, body := f.admin.Upload(fmt.Sprintf("/t/nghe-an/plans/%d/tasks/import", p.ID), "file", "nhiem-vu.csv", []byte("a,b\n"), nil)
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(body), "Chỉ nhận tệp Excel (.xlsx)") {
		t.Errorf("wrong type on the page: %d", resp.StatusCode)
	}
	resp, body = f.admin.Do(http.MethodPost, path, map[string]any{})
	expectField(t, "no file", resp, body, "file")
	// Columns: an unknown one and a missing required one name the column.
	resp, body = f.admin.Upload(path, "file", "nhiem-vu.xlsx", workbook(t, [][]any{{"STT", "Ghi chú riêng", "Đơn vị chủ trì"}, {"1", "x", ""}}), nil)
	apptest.Expect(t, resp, body, http.StatusUnprocessableEntity, "import_invalid")
	pr := decode[problem](t, body)
	if len(pr.Rows) != 2 || pr.Rows[0] != (httpapi.ProblemRow{Row: 1, Column: "Ghi chú riêng", Reason: "column_unknown", Message: pr.Rows[0].Message}) ||
		pr.Rows[1].Column != "Nội dung" || pr.Rows[1].Reason != "column_missing" {
		t.Errorf("columns report %+v", pr.Rows)
	}
	// A title row above the header is fine.
	resp, body = f.admin.Upload(path, "file", "nhiem-vu.xlsx", workbook(t, [][]any{{"DANH MỤC NHIỆM VỤ NĂM 2026"}, {}, {"TT", "NỘI DUNG", "Thời gian hoàn thành"},
		{"1", "Tổ chức đối thoại với Nhân dân.", "Thường xuyên"}}), nil)
	apptest.Expect(t, resp, body, http.StatusCreated, "")
	// The template downloads, and imports nothing as it is.
	resp, body = f.admin.Do(http.MethodGet, "/t/nghe-an/plans/tasks-template.xlsx", nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	if rows, err := openXLSX(t, body).GetRows("Nhiệm vụ"); err != nil || len(rows) != 1 || rows[0][1] != "Nội dung" {
		t.Errorf("template %q %v", rows, err)
	}
	resp, b2 := f.admin.Upload(path, "file", "mau.xlsx", body, nil)
	expectField(t, "untouched template", resp, b2, "file")
}
