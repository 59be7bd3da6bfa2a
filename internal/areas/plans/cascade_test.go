package plans_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/danvan-vn/danvan/internal/app/apptest"
	"github.com/danvan-vn/danvan/internal/areas/plans"
)

const cascadeRedisDB = 18 // the cascade tests' Redis database

// unitsOn returns Nghệ An's units that existed on day (yyyy-mm-dd) by code.
func unitsOn(t *testing.T, c *apptest.Client, day string) map[string]int {
	t.Helper()
	resp, body := c.Do(http.MethodGet, api+"/units?date="+day, nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	us := decode[struct {
		Units []struct {
			ID   int    `json:"id"`
			Code string `json:"code"`
		} `json:"units"`
	}](t, body)
	out := map[string]int{}
	for _, u := range us.Units {
		out[u.Code] = u.ID
	}
	return out
}

func setupCascade(t *testing.T) fixture {
	e := apptest.NewConfigured(t, "services", cascadeRedisDB)
	apptest.WaitTenant(t, e.App, "nghe-an", "active")
	apptest.WaitTenant(t, e.App, "hoa-binh", "active")
	f := fixture{e: e, admin: e.Client()}
	f.admin.Login("admin@nghe-an.danvan.vn")
	ids, names := unitIDs(t, f.admin, "nghe-an")
	f.units, f.names = ids[:3], names
	return f
}

func plansCount(t *testing.T, c *apptest.Client) int {
	t.Helper()
	resp, body := c.Do(http.MethodGet, api+"/plans", nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	return len(decode[plans.PlansJSON](t, body).Plans)
}

func TestCascade_ObligationsAndImplementation(t *testing.T) {
	f := setupCascade(t)
	a, b, c := f.units[0], f.units[1], f.units[2]
	resp, body := f.admin.Do(http.MethodPost, api+"/plans", map[string]any{"title": "Kế hoạch triển khai Quy chế dân chủ ở cơ sở năm 2026",
		"year": 2026, "status": "issued"})
	apptest.Expect(t, resp, body, http.StatusCreated, "")
	p := decode[plans.PlanJSON](t, body)
	resp, body = f.admin.Do(http.MethodPost, fmt.Sprintf("%s/plans/%d/tasks", api, p.ID), map[string]any{"number": "1",
		"content": "Các sở, ngành xây dựng kế hoạch thực hiện, gửi Sở Nội vụ.", "due_on": "30/11/2099",
		"lead_unit_ids": []int{a, b}, "coordinating_unit_ids": []int{c}, "requires_plan": true, "plan_due": "15/12/2099"})
	apptest.Expect(t, resp, body, http.StatusCreated, "")
	tk := decode[plans.TaskJSON](t, body)
	resp, body = f.admin.Do(http.MethodPost, fmt.Sprintf("%s/plans/%d/tasks", api, p.ID), map[string]any{"number": "2",
		"content": "Sở Nội vụ tổng hợp, báo cáo.", "deadline_kind": "continuous", "lead_unit_ids": []int{b}})
	apptest.Expect(t, resp, body, http.StatusCreated, "")

	// The board: two pending obligations, per committee member of the seeded committee.
	obligations := fmt.Sprintf("%s/plans/%d/obligations", api, p.ID)
	resp, body = f.admin.Do(http.MethodGet, obligations, nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	board := decode[plans.ObligationBoardJSON](t, body)
	if board.Counts.Pending != 2 || board.Counts.Total != 2 || len(board.Obligations) != 2 || len(board.Members) == 0 {
		t.Fatalf("board %+v", board)
	}
	if o := board.Obligations[0]; o.Status != "pending" || o.DueOn != "2099-12-15" || o.EffectiveDue == "" || o.FulfilledPlanID != nil {
		t.Errorf("obligation %+v", o)
	}
	inCharge := 0
	for _, m := range board.Members {
		inCharge += len(m.Obligations)
	}
	if inCharge == 0 {
		t.Errorf("no committee member is in charge of units %d, %d: %+v", a, b, board.Members)
	}
	if st, html := f.admin.Page(fmt.Sprintf("/t/nghe-an/plans/%d/obligations", p.ID)); st != http.StatusOK ||
		!strings.Contains(html, f.names[a]) || !strings.Contains(html, "Chưa ban hành, còn hạn") || !strings.Contains(html, "Theo thành viên Ban Chỉ đạo") ||
		!strings.Contains(html, fmt.Sprintf("/plans/%d/implementation?unit_id=%d", p.ID, a)) {
		t.Errorf("obligations page: %d", st)
	}
	if st, html := f.admin.Page(fmt.Sprintf("/t/nghe-an/plans/%d", p.ID)); st != http.StatusOK || !strings.Contains(html, fmt.Sprintf("/plans/%d/obligations", p.ID)) {
		t.Errorf("plan page links no board: %d", st)
	}

	officerA := f.e.UnitPerson(t, "cb-a@nghe-an.vn", "unit_officer", "nghe-an", a, false)
	officerB := f.e.UnitPerson(t, "cb-b@nghe-an.vn", "unit_officer", "nghe-an", b, false)
	member := f.e.Person(t, "uv@nghe-an.vn", "committee_member", "nghe-an", false)
	reader := f.e.Person(t, "ld@nghe-an.vn", "readonly_leader", "nghe-an", false)

	// The wall: A sees its own obligation only, and cannot make B's plan.
	resp, body = officerA.Do(http.MethodGet, obligations, nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	if mine := decode[plans.ObligationBoardJSON](t, body); len(mine.Obligations) != 1 || mine.Obligations[0].UnitID != a || !mine.Obligations[0].Mine {
		t.Errorf("A's board %+v", mine.Obligations)
	}
	implementation := fmt.Sprintf("%s/plans/%d/implementation", api, p.ID)
	resp, body = officerA.Do(http.MethodPost, implementation, map[string]any{"unit_id": b, "status": "issued"})
	apptest.Expect(t, resp, body, http.StatusNotFound, "")
	resp, _ = officerA.Form(fmt.Sprintf("/t/nghe-an/plans/%d/implementation", p.ID), url.Values{"unit_id": {fmt.Sprint(b)}, "title": {"x"}, "year": {"2026"}})
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("A's form for B: %d", resp.StatusCode)
	}
	// Committee member and read-only leader read, never create.
	for who, cl := range map[string]*apptest.Client{"member": member, "reader": reader} {
		resp, body = cl.Do(http.MethodGet, obligations, nil)
		apptest.Expect(t, resp, body, http.StatusOK, "")
		resp, body = cl.Do(http.MethodPost, implementation, map[string]any{"unit_id": a})
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("%s creates A's plan: %d %s", who, resp.StatusCode, body)
		}
	}
	// Another province: 404 through either address.
	hb := f.e.Client()
	hb.Login("admin@hoa-binh.danvan.vn")
	for _, r := range []struct{ method, path string }{
		{http.MethodGet, obligations},
		{http.MethodGet, fmt.Sprintf("/api/v1/t/hoa-binh/plans/%d/obligations", p.ID)},
		{http.MethodPost, fmt.Sprintf("/api/v1/t/hoa-binh/plans/%d/implementation", p.ID)},
	} {
		if resp, body := hb.Do(r.method, r.path, map[string]any{}); resp.StatusCode != http.StatusNotFound {
			t.Errorf("Hòa Bình's admin %s %s: %d %s", r.method, r.path, resp.StatusCode, body)
		}
	}

	// Bad input: 422 naming the field, nothing written.
	before := plansCount(t, f.admin)
	for _, c := range []struct{ name, body, field string }{
		{"title not a string", `{"title": 5}`, "title"},
		{"year as a string", `{"year": "2026"}`, "year"},
		{"copy_tasks not a boolean", `{"copy_tasks": "yes"}`, "copy_tasks"},
		{"task_ids not a list", `{"copy_tasks": true, "task_ids": "1,2"}`, "task_ids"},
		{"invalid UTF-8", "{\"title\": \"K\xffế hoạch\"}", "title"},
		{"control character", `{"title": "Kế hoạch\u0007"}`, "title"},
		{"title too long", `{"title": "` + strings.Repeat("ệ", 501) + `"}`, "title"},
		{"closed", `{"status": "closed"}`, "status"},
		{"bad day", `{"status": "issued", "issued_on": "31/02/2026"}`, "issued_on"},
		{"a task that does not concern the unit", `{"copy_tasks": true, "task_ids": [999999]}`, "task_ids"},
	} {
		resp, body := raw(t, officerA, http.MethodPost, implementation, c.body)
		expectField(t, c.name, resp, body, c.field)
	}
	if n := plansCount(t, f.admin); n != before {
		t.Errorf("%d plans after refused requests, want %d", n, before)
	}

	// A makes its plan by the form: the task it leads is offered and copied; issued at once.
	st, html := officerA.Page(fmt.Sprintf("/t/nghe-an/plans/%d/implementation", p.ID))
	if st != http.StatusOK || !strings.Contains(html, "Kế hoạch thực hiện Kế hoạch triển khai") || !strings.Contains(html, fmt.Sprintf(`name="task_ids" value="%d"`, tk.ID)) {
		t.Fatalf("A's form: %d", st)
	}
	if st, html := officerA.Page("/t/nghe-an/my-tasks"); st != http.StatusOK || !strings.Contains(html, fmt.Sprintf("/plans/%d/implementation?unit_id=%d", p.ID, a)) {
		t.Errorf("A's my-tasks offers no implementation plan: %d", st)
	}
	resp, html = officerA.Form(fmt.Sprintf("/t/nghe-an/plans/%d/implementation", p.ID), url.Values{"unit_id": {fmt.Sprint(a)},
		"title": {"Kế hoạch thực hiện của đơn vị năm 2026"}, "kind": {"ke_hoach"}, "year": {"2026"}, "copy_tasks": {"true"},
		"task_ids": {fmt.Sprint(tk.ID)}, "status": {"issued"}, "issued_on": {"01/03/2026"}})
	if resp.StatusCode != http.StatusSeeOther || !strings.Contains(resp.Header.Get("Location"), "done=implementation_created") {
		t.Fatalf("A's form: %d %.500s", resp.StatusCode, html)
	}
	resp, body = officerA.Do(http.MethodGet, obligations, nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	mine := decode[plans.ObligationBoardJSON](t, body)
	if o := mine.Obligations[0]; o.Status != "issued_on_time" || o.FulfilledPlanID == nil || o.FulfilledOn != "2026-03-01" {
		t.Fatalf("A's obligation after issuing %+v", o)
	}
	resp, body = officerA.Do(http.MethodGet, fmt.Sprintf("%s/plans/%d", api, *mine.Obligations[0].FulfilledPlanID), nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	ab := decode[plans.BoardJSON](t, body)
	if ab.Plan.ParentPlanID == nil || *ab.Plan.ParentPlanID != p.ID || len(ab.Tasks) != 1 || len(ab.Tasks[0].Lead) != 1 || ab.Tasks[0].Lead[0].UnitID != a {
		t.Errorf("A's plan %+v", ab)
	}
	resp, body = officerA.Do(http.MethodPost, implementation, map[string]any{})
	apptest.Expect(t, resp, body, http.StatusConflict, "implementation_exists")

	// B by the API: a draft from scratch, then issued with PUT: the obligation is met then.
	resp, body = officerB.Do(http.MethodPost, implementation, map[string]any{"copy_tasks": false})
	apptest.Expect(t, resp, body, http.StatusCreated, "")
	bp := decode[plans.PlanJSON](t, body)
	if bp.UnitID != b || bp.Status != "draft" || bp.Year != 2026 {
		t.Errorf("B's plan %+v", bp)
	}
	resp, body = officerB.Do(http.MethodPut, fmt.Sprintf("%s/plans/%d", api, bp.ID), map[string]any{"title": bp.Title, "year": 2026, "status": "issued"})
	apptest.Expect(t, resp, body, http.StatusOK, "")
	// B cannot change A's plan nor the province's (the wall), though it may change its own.
	resp, body = officerB.Do(http.MethodPut, fmt.Sprintf("%s/plans/%d", api, p.ID), map[string]any{"title": "x", "year": 2026, "status": "closed"})
	apptest.Expect(t, resp, body, http.StatusNotFound, "")
	resp, body = f.admin.Do(http.MethodGet, obligations, nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	if all := decode[plans.ObligationBoardJSON](t, body); all.Counts.IssuedOnTime != 2 {
		t.Errorf("after both: %+v", all.Counts)
	}
	// The province's plan page shows no edit controls to unit staff.
	if st, html := officerB.Page(fmt.Sprintf("/t/nghe-an/plans/%d", p.ID)); st != http.StatusOK || strings.Contains(html, "/tasks/new") {
		t.Errorf("B's view of the province plan: %d", st)
	}
}

func TestCascade_DistrictToCommunes(t *testing.T) {
	f := setupCascade(t)
	old := unitsOn(t, f.admin, "2024-03-01")
	hdc, dc1, dc2, nd1 := old["H-DC"], old["DC-01"], old["DC-02"], old["ND-01"]
	if hdc == 0 || dc1 == 0 || dc2 == 0 || nd1 == 0 {
		t.Fatalf("pre-reform units %v", old)
	}
	resp, body := f.admin.Do(http.MethodPost, api+"/plans", map[string]any{"title": "Kế hoạch thực hiện Chỉ thị về công tác dân vận năm 2024",
		"year": 2024, "status": "issued", "issued_on": "01/03/2024"})
	apptest.Expect(t, resp, body, http.StatusCreated, "")
	p := decode[plans.PlanJSON](t, body)
	resp, body = f.admin.Do(http.MethodPost, fmt.Sprintf("%s/plans/%d/tasks", api, p.ID), map[string]any{"content": "UBND các huyện xây dựng kế hoạch thực hiện.",
		"deadline_kind": "continuous", "lead_unit_ids": []int{hdc}, "requires_plan": true, "plan_due": "15/03/2024"})
	apptest.Expect(t, resp, body, http.StatusCreated, "")

	district := f.e.UnitPerson(t, "huyen@nghe-an.vn", "unit_officer", "nghe-an", hdc, false)
	resp, body = district.Do(http.MethodPost, fmt.Sprintf("%s/plans/%d/implementation", api, p.ID), map[string]any{"copy_tasks": true,
		"status": "issued", "issued_on": "18/03/2024"})
	apptest.Expect(t, resp, body, http.StatusCreated, "")
	dp := decode[plans.PlanJSON](t, body)
	resp, body = f.admin.Do(http.MethodGet, fmt.Sprintf("%s/plans/%d/obligations", api, p.ID), nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	if b := decode[plans.ObligationBoardJSON](t, body); b.Counts.IssuedLate != 1 {
		t.Errorf("district issued after 15/03 (a Friday): %+v", b.Counts)
	}
	// The district assigns two of its communes; a commune of Nam Đàn is refused, nothing written.
	tasks := fmt.Sprintf("%s/plans/%d/tasks", api, dp.ID)
	resp, body = district.Do(http.MethodPost, tasks, map[string]any{"content": "x", "deadline_kind": "continuous",
		"lead_unit_ids": []int{dc1, nd1}, "requires_plan": true})
	expectField(t, "a commune of another district", resp, body, "lead_unit_ids")
	resp, body = district.Do(http.MethodPost, tasks, map[string]any{"number": "2", "content": "UBND các xã xây dựng kế hoạch thực hiện.",
		"deadline_kind": "continuous", "lead_unit_ids": []int{dc1, dc2}, "requires_plan": true, "plan_due": "30/03/2024"})
	apptest.Expect(t, resp, body, http.StatusCreated, "")
	resp, body = district.Do(http.MethodGet, fmt.Sprintf("%s/plans/%d/obligations", api, dp.ID), nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	if b := decode[plans.ObligationBoardJSON](t, body); len(b.Obligations) != 2 {
		t.Fatalf("district's board of its plan %+v", b)
	}
	if st, html := district.Page(fmt.Sprintf("/t/nghe-an/plans/%d/tasks/new", dp.ID)); st != http.StatusOK ||
		!strings.Contains(html, fmt.Sprintf(`id="ul-%d"`, dc1)) || strings.Contains(html, fmt.Sprintf(`id="ul-%d"`, nd1)) {
		t.Errorf("district's task form offers other units: %d", st)
	}
	// The commune sees the task and issues its own plan: the obligation is met.
	commune := f.e.UnitPerson(t, "xa@nghe-an.vn", "unit_officer", "nghe-an", dc1, false)
	resp, body = commune.Do(http.MethodPost, fmt.Sprintf("%s/plans/%d/implementation", api, dp.ID), map[string]any{"copy_tasks": true,
		"status": "issued", "issued_on": "25/03/2024"})
	apptest.Expect(t, resp, body, http.StatusCreated, "")
	resp, body = district.Do(http.MethodGet, fmt.Sprintf("%s/plans/%d/obligations", api, dp.ID), nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	if b := decode[plans.ObligationBoardJSON](t, body); b.Counts.IssuedOnTime != 1 || b.Counts.Overdue != 1 {
		t.Errorf("district's board after the commune: %+v", b.Counts)
	}
	// The other commune neither sees nor fulfils it.
	resp, body = commune.Do(http.MethodPost, fmt.Sprintf("%s/plans/%d/implementation", api, dp.ID), map[string]any{"unit_id": dc2})
	apptest.Expect(t, resp, body, http.StatusNotFound, "")
}
