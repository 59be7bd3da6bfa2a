package plans_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/danvan-vn/danvan/ent/membership"
	"github.com/danvan-vn/danvan/ent/user"
	"github.com/danvan-vn/danvan/internal/app/apptest"
	"github.com/danvan-vn/danvan/internal/areas/plans"
	"github.com/danvan-vn/danvan/internal/tenancy"
)

const redisDB = 17 // this package's Redis database

func TestMain(m *testing.M) { apptest.Main(m) }

const api = "/api/v1/t/nghe-an"

type fixture struct {
	e       *apptest.Env
	admin   *apptest.Client
	units   []int // three of Nghệ An's units, not the province
	names   map[int]string
	foreign int // a unit of Hòa Bình
}

func unitIDs(t *testing.T, c *apptest.Client, slug string) ([]int, map[int]string) {
	t.Helper()
	resp, body := c.Do(http.MethodGet, "/api/v1/t/"+slug+"/units", nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	var us struct {
		Units []struct {
			ID      int `json:"id"`
			Version struct {
				Name string `json:"name"`
				Type string `json:"type"`
			} `json:"version"`
			Name string `json:"name"`
			Type string `json:"type"`
		} `json:"units"`
	}
	if err := json.Unmarshal(body, &us); err != nil {
		t.Fatalf("units: %v %.300s", err, body)
	}
	var ids []int
	names := map[int]string{}
	for _, u := range us.Units {
		typ, name := u.Type, u.Name
		if typ == "" {
			typ, name = u.Version.Type, u.Version.Name
		}
		names[u.ID] = name
		if typ != "province" {
			ids = append(ids, u.ID)
		}
	}
	return ids, names
}

func setup(t *testing.T) fixture {
	e := apptest.NewConfigured(t, "services", redisDB)
	apptest.WaitTenant(t, e.App, "nghe-an", "active")
	apptest.WaitTenant(t, e.App, "hoa-binh", "active")
	f := fixture{e: e, admin: e.Client()}
	f.admin.Login("admin@nghe-an.danvan.vn")
	ids, names := unitIDs(t, f.admin, "nghe-an")
	hb := e.Client()
	hb.Login("admin@hoa-binh.danvan.vn")
	hbIDs, _ := unitIDs(t, hb, "hoa-binh")
	if len(ids) < 3 || len(hbIDs) == 0 {
		t.Fatalf("fixture: units %v, Hòa Bình %v", ids, hbIDs)
	}
	f.units, f.names, f.foreign = ids[:3], names, hbIDs[0]
	return f
}

func decode[T any](t *testing.T, body []byte) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(body, &v); err != nil {
		t.Fatalf("decode %T: %v: %.300s", v, err, body)
	}
	return v
}

// raw sends body as it is (bytes JSON cannot carry through Do).
func raw(t *testing.T, c *apptest.Client, method, path, body string) (*http.Response, []byte) {
	t.Helper()
	req, _ := http.NewRequest(method, c.E.URL+path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-CSRF-Token", c.CSRF())
	resp, err := c.HTTP.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, b
}

func pdf() []byte { return []byte("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n") }

// expectField checks a 422 naming field.
func expectField(t *testing.T, what string, resp *http.Response, body []byte, field string) {
	t.Helper()
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(body), `"`+field+`"`) {
		t.Errorf("%s: %d %.300s, want 422 naming %s", what, resp.StatusCode, body, field)
	}
}

func TestPlans_Flow(t *testing.T) {
	f := setup(t)
	a, b, c := f.units[0], f.units[1], f.units[2]
	resp, body := f.admin.Do(http.MethodPost, api+"/plans", map[string]any{"title": "Kế hoạch thực hiện công tác dân vận chính quyền năm 2026",
		"kind": "ke_hoach", "year": 2026, "status": "issued"})
	apptest.Expect(t, resp, body, http.StatusCreated, "")
	p := decode[plans.PlanJSON](t, body)
	if p.Status != "issued" || p.IssuedOn == "" || p.UnitID == 0 {
		t.Errorf("plan %+v", p)
	}
	resp, body = f.admin.Do(http.MethodPost, fmt.Sprintf("%s/plans/%d/tasks", api, p.ID), map[string]any{"number": "1",
		"content": "Quán triệt, tuyên truyền Kế hoạch đến cán bộ, công chức, viên chức.", "due_on": "30/12/2099",
		"lead_unit_ids": []int{a, b}, "coordinating_unit_ids": []int{c, b}, "requires_plan": true})
	apptest.Expect(t, resp, body, http.StatusCreated, "")
	tk := decode[plans.TaskJSON](t, body)
	resp, body = f.admin.Do(http.MethodGet, fmt.Sprintf("%s/plans/%d", api, p.ID), nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	board := decode[plans.BoardJSON](t, body)
	if len(board.Tasks) != 1 || len(board.Tasks[0].Lead) != 2 || len(board.Tasks[0].Coordinating) != 1 || board.Tasks[0].Status != "open" || board.Counts.Open != 2 {
		t.Fatalf("board %+v", board)
	}
	assignment := map[int]int{}
	for _, x := range append(board.Tasks[0].Lead, board.Tasks[0].Coordinating...) {
		assignment[x.UnitID] = x.ID
	}

	officerA := f.e.UnitPerson(t, "can-bo-a@nghe-an.vn", "unit_officer", "nghe-an", a, false)
	officerB := f.e.UnitPerson(t, "can-bo-b@nghe-an.vn", "unit_officer", "nghe-an", b, false)
	officerC := f.e.UnitPerson(t, "can-bo-c@nghe-an.vn", "unit_officer", "nghe-an", c, false)
	member := f.e.Person(t, "uy-vien@nghe-an.vn", "committee_member", "nghe-an", false)
	reader := f.e.Person(t, "lanh-dao@nghe-an.vn", "readonly_leader", "nghe-an", false)

	// A reports with a file on its own assignment; B too.
	resp, body = officerA.Upload(fmt.Sprintf("%s/assignments/%d/progress", api, assignment[a]), "files", "Báo cáo quán triệt.pdf", pdf(),
		map[string]string{"percent": "60", "narrative": "Đã tổ chức hội nghị quán triệt."})
	apptest.Expect(t, resp, body, http.StatusCreated, "")
	pr := decode[plans.ProgressJSON](t, body)
	if pr.Percent != 60 || len(pr.Files) != 1 || pr.Files[0].ContentType != "application/pdf" {
		t.Fatalf("progress %+v", pr)
	}
	resp, body = officerA.Do(http.MethodGet, fmt.Sprintf("%s/evidence/%d", api, pr.Files[0].ID), nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	if string(body) != string(pdf()) || !strings.HasPrefix(resp.Header.Get("Content-Disposition"), "attachment") {
		t.Errorf("evidence download: %q %.50s", resp.Header.Get("Content-Disposition"), body)
	}
	resp, body = officerB.Upload(fmt.Sprintf("%s/assignments/%d/progress", api, assignment[b]), "files", "anh.png", []byte("\x89PNG\r\n\x1a\nxxxx"), nil)
	apptest.Expect(t, resp, body, http.StatusCreated, "")
	prB := decode[plans.ProgressJSON](t, body)

	// A's officer on B's assignment: not found, on every route.
	bid := assignment[b]
	for _, r := range []struct{ method, path string }{
		{http.MethodGet, fmt.Sprintf("%s/assignments/%d", api, bid)},
		{http.MethodPost, fmt.Sprintf("%s/assignments/%d/progress", api, bid)},
		{http.MethodPost, fmt.Sprintf("%s/assignments/%d/extensions", api, bid)},
		{http.MethodGet, fmt.Sprintf("%s/evidence/%d", api, prB.Files[0].ID)},
		{http.MethodPost, fmt.Sprintf("/t/nghe-an/assignments/%d/progress", bid)},
		{http.MethodPost, fmt.Sprintf("/t/nghe-an/assignments/%d/extensions", bid)},
		{http.MethodGet, fmt.Sprintf("/t/nghe-an/evidence/%d", prB.Files[0].ID)},
	} {
		var body any
		if r.method == http.MethodPost {
			body = map[string]any{"percent": 10, "new_due": "31/12/2099", "reason": "Chờ hướng dẫn"}
		}
		resp, b := officerA.Do(r.method, r.path, body)
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("A's officer %s %s: %d %.200s, want 404", r.method, r.path, resp.StatusCode, b)
		}
	}
	// The coordinating unit sees the task, and only its own assignment of it.
	resp, body = officerC.Do(http.MethodGet, fmt.Sprintf("%s/tasks/%d", api, tk.ID), nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	if td := decode[plans.TaskDetailJSON](t, body); len(td.Assignments) != 1 || td.Assignments[0].UnitID != c {
		t.Errorf("coordinating unit's view %+v", td.Assignments)
	}
	if st, page := officerC.Page(fmt.Sprintf("/t/nghe-an/tasks/%d", tk.ID)); st != http.StatusOK || !strings.Contains(page, "Quán triệt, tuyên truyền") {
		t.Errorf("coordinating unit's task page: %d", st)
	}
	// A committee member reads, does not report; the read-only leader reads only.
	resp, body = member.Do(http.MethodGet, fmt.Sprintf("%s/assignments/%d", api, assignment[a]), nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	if d := decode[plans.AssignmentDetailJSON](t, body); len(d.Progress) != 1 {
		t.Errorf("member's view of A's progress: %+v", d)
	}
	resp, body = member.Do(http.MethodPost, fmt.Sprintf("%s/assignments/%d/progress", api, assignment[a]), map[string]any{"percent": 90})
	apptest.Expect(t, resp, body, http.StatusForbidden, "")
	resp, body = reader.Do(http.MethodGet, fmt.Sprintf("%s/plans/%d", api, p.ID), nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	resp, body = reader.Do(http.MethodPost, api+"/plans", map[string]any{"title": "x", "year": 2026})
	apptest.Expect(t, resp, body, http.StatusForbidden, "")
	// Another province's admin: 404 through either address.
	hb := f.e.Client()
	hb.Login("admin@hoa-binh.danvan.vn")
	for _, path := range []string{fmt.Sprintf("/api/v1/t/hoa-binh/plans/%d", p.ID), fmt.Sprintf("%s/plans/%d", api, p.ID),
		fmt.Sprintf("/api/v1/t/hoa-binh/assignments/%d", assignment[a])} {
		if resp, _ := hb.Do(http.MethodGet, path, nil); resp.StatusCode != http.StatusNotFound {
			t.Errorf("Hòa Bình's admin GET %s: %d, want 404", path, resp.StatusCode)
		}
	}

	// Extension: A asks, the admin approves, the due day moves.
	resp, body = officerA.Do(http.MethodPost, fmt.Sprintf("%s/assignments/%d/extensions", api, assignment[a]), map[string]any{"new_due": "15/01/2100", "reason": "Chờ hướng dẫn của tỉnh"})
	apptest.Expect(t, resp, body, http.StatusCreated, "")
	x := decode[plans.ExtensionJSON](t, body)
	resp, body = officerA.Do(http.MethodPost, fmt.Sprintf("%s/extensions/%d/decide", api, x.ID), map[string]any{"decision": "approve"})
	apptest.Expect(t, resp, body, http.StatusForbidden, "")
	if st, page := f.admin.Page("/t/nghe-an/extensions"); st != http.StatusOK || !strings.Contains(page, "Chờ hướng dẫn của tỉnh") {
		t.Errorf("approvals page: %d", st)
	}
	resp, page := f.admin.Form(fmt.Sprintf("/t/nghe-an/extensions/%d/decide", x.ID), url.Values{"decision": {"approve"}, "note": {"Đồng ý"}})
	if resp.StatusCode != http.StatusSeeOther || !strings.Contains(resp.Header.Get("Location"), "done=extension_decided") {
		t.Errorf("approve by the form: %d %.300s", resp.StatusCode, page)
	}
	_, body = officerA.Do(http.MethodGet, fmt.Sprintf("%s/assignments/%d", api, assignment[a]), nil)
	if d := decode[plans.AssignmentDetailJSON](t, body); d.DueOn != "2100-01-15" || len(d.Extensions) != 1 || d.Extensions[0].Status != "approved" {
		t.Errorf("after approval: %+v", d)
	}

	// Pages: the plan's board, the unit's own list with its forms.
	st, html := f.admin.Page(fmt.Sprintf("/t/nghe-an/plans/%d", p.ID))
	if st != http.StatusOK || !strings.Contains(html, `class="status-bar"`) || !strings.Contains(html, f.names[a]) || !strings.Contains(html, "Trong hạn") {
		t.Errorf("plan page: %d", st)
	}
	st, html = officerA.Page("/t/nghe-an/my-tasks")
	if st != http.StatusOK || !strings.Contains(html, fmt.Sprintf(`action="/t/nghe-an/assignments/%d/progress"`, assignment[a])) ||
		strings.Contains(html, fmt.Sprintf("/assignments/%d/", assignment[b])) {
		t.Errorf("A's my-tasks page: %d", st)
	}
	if st, html := f.admin.Page("/t/nghe-an/plans?year=2026"); st != http.StatusOK || !strings.Contains(html, "Kế hoạch thực hiện công tác dân vận") {
		t.Errorf("plans page: %d", st)
	}
	// A page form refused: 422, the page again with the field named.
	resp, html = officerA.Form(fmt.Sprintf("/t/nghe-an/assignments/%d/progress", assignment[a]), url.Values{"percent": {"150"}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(html, "Tiến độ (%)") {
		t.Errorf("bad page form: %d %s", resp.StatusCode, html)
	}
	// Roll-up.
	resp, body = f.admin.Do(http.MethodGet, fmt.Sprintf("%s/rollup?plan_id=%d", api, p.ID), nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	if c := decode[struct {
		Open, Total int
	}](t, body); c.Total != 2 || c.Open != 2 {
		t.Errorf("rollup %s", body)
	}
}

func TestPlans_BadInput(t *testing.T) {
	f := setup(t)
	resp, body := f.admin.Do(http.MethodPost, api+"/plans", map[string]any{"title": "Chương trình công tác năm 2026", "kind": "chuong_trinh", "year": 2026, "status": "issued"})
	apptest.Expect(t, resp, body, http.StatusCreated, "")
	p := decode[plans.PlanJSON](t, body)
	tasks := fmt.Sprintf("%s/plans/%d/tasks", api, p.ID)
	count := func() int {
		resp, body := f.admin.Do(http.MethodGet, tasks, nil)
		apptest.Expect(t, resp, body, http.StatusOK, "")
		return len(decode[plans.TasksJSON](t, body).Tasks)
	}
	for _, c := range []struct {
		name, body, field string
	}{
		{"content not a string", `{"content": 5}`, "content"},
		{"units not a list", `{"content": "x", "lead_unit_ids": "1,2"}`, "lead_unit_ids"},
		{"invalid UTF-8", "{\"content\": \"nhi\xffm v\"}", "content"},
		{"control character", `{"content": "a\u001bb"}`, "content"},
		{"too long", `{"content": "` + strings.Repeat("a", 10001) + `"}`, "content"},
		{"number too long", `{"content": "x", "number": "` + strings.Repeat("1", 21) + `"}`, "number"},
		{"bad date", `{"content": "x", "due_on": "31/02/2026"}`, "due_on"},
		{"date kind without a day", `{"content": "x", "deadline_kind": "date"}`, "due_on"},
		{"another province's unit", fmt.Sprintf(`{"content": "x", "lead_unit_ids": [%d, %d]}`, f.units[0], f.foreign), "lead_unit_ids"},
		{"missing content", `{}`, "content"},
	} {
		resp, body := raw(t, f.admin, http.MethodPost, tasks, c.body)
		expectField(t, c.name, resp, body, c.field)
	}
	if n := count(); n != 0 {
		t.Errorf("%d tasks after refused requests", n)
	}
	resp, body = raw(t, f.admin, http.MethodPost, api+"/plans", `{"title": "x", "year": "2026"}`)
	expectField(t, "year as a string", resp, body, "year")
	resp, body = raw(t, f.admin, http.MethodPut, fmt.Sprintf("%s/plans/%d", api, p.ID), `{"title": "x", "year": 2026, "status": "draft"}`)
	if resp.StatusCode != http.StatusConflict {
		t.Errorf("issued → draft: %d %s", resp.StatusCode, body)
	}

	resp, body = f.admin.Do(http.MethodPost, tasks, map[string]any{"content": "Nhiệm vụ", "due_on": "30/12/2099", "lead_unit_ids": []int{f.units[0]}})
	apptest.Expect(t, resp, body, http.StatusCreated, "")
	_, body = f.admin.Do(http.MethodGet, tasks, nil)
	aid := decode[plans.TasksJSON](t, body).Tasks[0].Lead[0].ID
	officer := f.e.UnitPerson(t, "can-bo@nghe-an.vn", "unit_officer", "nghe-an", f.units[0], false)
	progress := fmt.Sprintf("%s/assignments/%d/progress", api, aid)
	for _, c := range []struct {
		name, file string
		content    []byte
		extra      map[string]string
		field      string
	}{
		{"not a PDF", "bao-cao.pdf", []byte("hello"), nil, "files"},
		{"an executable", "setup.exe", []byte("MZ\x90\x00"), nil, "files"},
		{"empty", "trong.pdf", nil, nil, "files"},
		{"percent out of range", "bao-cao.pdf", pdf(), map[string]string{"percent": "101"}, "percent"},
		{"narrative with a control character", "bao-cao.pdf", pdf(), map[string]string{"narrative": "a\x00b"}, "narrative"},
	} {
		resp, body := officer.Upload(progress, "files", c.file, c.content, c.extra)
		expectField(t, c.name, resp, body, c.field)
	}
	resp, body = raw(t, officer, http.MethodPost, progress, `{"percent": "50"}`)
	expectField(t, "percent as a string", resp, body, "percent")
	_, body = officer.Do(http.MethodGet, fmt.Sprintf("%s/assignments/%d", api, aid), nil)
	if d := decode[plans.AssignmentDetailJSON](t, body); len(d.Progress) != 0 || d.Percent != 0 {
		t.Errorf("refused reports wrote: %+v", d)
	}
	// A JSON report without files works.
	resp, body = officer.Do(http.MethodPost, progress, map[string]any{"percent": 100, "completes": true, "narrative": "Hoàn thành"})
	apptest.Expect(t, resp, body, http.StatusCreated, "")
}

// TestPlans_ListLevels: the list shows the province's plans, not every unit's implementation
// plan (the demo has dozens); level=implementation shows those; a bad level names the field.
func TestPlans_ListLevels(t *testing.T) {
	f := setup(t)
	type list struct {
		Plans []struct {
			ID     int  `json:"id"`
			Parent *int `json:"parent_plan_id"`
		} `json:"plans"`
	}
	get := func(q string) list {
		t.Helper()
		resp, body := f.admin.Do(http.MethodGet, api+"/plans"+q, nil)
		apptest.Expect(t, resp, body, http.StatusOK, "")
		return decode[list](t, body)
	}
	top, impl, all := get(""), get("?level=implementation"), get("?level=all")
	if len(top.Plans) == 0 || len(impl.Plans) == 0 || len(all.Plans) != len(top.Plans)+len(impl.Plans) {
		t.Fatalf("plans: top %d, implementation %d, all %d", len(top.Plans), len(impl.Plans), len(all.Plans))
	}
	for _, p := range top.Plans {
		if p.Parent != nil {
			t.Errorf("plan %d answers to plan %d but is listed among the province's", p.ID, *p.Parent)
		}
	}
	for _, p := range impl.Plans {
		if p.Parent == nil {
			t.Errorf("plan %d has no parent but is listed as an implementation plan", p.ID)
		}
	}
	resp, body := f.admin.Do(http.MethodGet, api+"/plans?level=bogus", nil)
	apptest.Expect(t, resp, body, http.StatusUnprocessableEntity, "invalid")
	if st, html := f.admin.Page("/t/nghe-an/plans"); st != http.StatusOK || !strings.Contains(html, `name="level"`) {
		t.Errorf("plans page: %d", st)
	}
}

// TestPlans_MixedRoles: a department head on the committee (committee_member) who also leads
// the department (unit_leader) reads the whole province, but changes plans only as the unit's
// staff: plan:update comes from unit_leader alone, so the unit wall applies to it.
func TestPlans_MixedRoles(t *testing.T) {
	f := setup(t)
	unitID := f.units[0]
	c := f.e.UnitPerson(t, "mixed@nghe-an.test", "unit_leader", "nghe-an", unitID, false)
	ctx := tenancy.SystemContext(t.Context())
	u, err := f.e.App.DB.Client.User.Query().Where(user.Email("mixed@nghe-an.test")).Only(ctx)
	if err != nil {
		t.Fatal(err)
	}
	tn, err := f.e.App.Tenants.BySlug(ctx, "nghe-an")
	if err != nil {
		t.Fatal(err)
	}
	tx, err := f.e.App.DB.Client.Tx(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := tx.Membership.Create().SetUserID(u.ID).SetTenantID(tn.ID).SetRole(membership.RoleCommitteeMember).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	// The province's plans are read as a committee member.
	resp, body := c.Do(http.MethodGet, api+"/plans", nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	var ps struct {
		Plans []struct {
			ID     int `json:"id"`
			UnitID int `json:"unit_id"`
		} `json:"plans"`
	}
	if err := json.Unmarshal(body, &ps); err != nil || len(ps.Plans) == 0 {
		t.Fatalf("plans: %v %s", err, body)
	}
	var province int
	for _, p := range ps.Plans {
		if p.UnitID != unitID {
			province = p.ID
		}
	}
	resp, body = c.Do(http.MethodGet, fmt.Sprintf("%s/plans/%d/tasks", api, province), nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	var ts struct {
		Tasks []struct {
			ID int `json:"id"`
		} `json:"tasks"`
	}
	if err := json.Unmarshal(body, &ts); err != nil || len(ts.Tasks) == 0 {
		t.Fatalf("tasks of plan %d: %v %s", province, err, body)
	}
	// Changing the province's plan is the unit's staff's job only where the unit owns it.
	resp, body = c.Do(http.MethodPut, fmt.Sprintf("%s/tasks/%d", api, ts.Tasks[0].ID), map[string]any{"content": "Sửa trái phép", "lead_unit_ids": []int{unitID}})
	if resp.StatusCode != http.StatusNotFound && resp.StatusCode != http.StatusForbidden {
		t.Errorf("update a province task as committee member + unit leader: %d %s", resp.StatusCode, body)
	}
	resp, body = c.Do(http.MethodPut, fmt.Sprintf("%s/plans/%d", api, province), map[string]any{"title": "Đóng", "status": "closed", "year": 2026, "unit_id": unitID})
	if resp.StatusCode != http.StatusNotFound && resp.StatusCode != http.StatusForbidden && resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("close the province's plan as committee member + unit leader: %d %s", resp.StatusCode, body)
	}
	var status string
	for _, p := range ps.Plans {
		if p.ID == province {
			pl, err := f.e.App.DB.Client.WorkPlan.Get(ctx, province)
			if err != nil {
				t.Fatal(err)
			}
			status = string(pl.Status)
		}
	}
	if status == "closed" {
		t.Error("the province's plan was closed by a unit leader")
	}
}
