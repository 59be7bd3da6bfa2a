package directives_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/danvan-vn/danvan/internal/app/apptest"
	"github.com/danvan-vn/danvan/internal/draft"
	"github.com/danvan-vn/danvan/internal/tenancy"
)

const redisDB = 20 // this package's Redis database

func TestMain(m *testing.M) { apptest.Main(m) }

const letter = `ỦY BAN NHÂN DÂN
TỈNH NGHỆ AN

Số: 3210/UBND-NC
V/v triển khai Kế hoạch số 45-KH/TU ngày 10/3/2026 của Ban Thường vụ Tỉnh ủy

Nghệ An, ngày 20 tháng 3 năm 2026

Kính gửi:
- Các sở, ban, ngành tỉnh;
- UBND các xã, phường.

Thực hiện Kế hoạch số 45-KH/TU ngày 10/3/2026 của Ban Thường vụ Tỉnh ủy, Chủ tịch UBND tỉnh yêu cầu:

1. Sở Tư pháp chủ trì, phối hợp với Sở Nội vụ tổ chức tập huấn kỹ năng dân vận, hoàn thành trước ngày 30/9/2026.

2. Các sở, ban, ngành tỉnh xây dựng kế hoạch thực hiện Công văn này trước ngày 30/4/2026.

3. Giao Sở Nội vụ làm đầu mối theo dõi, đôn đốc việc thực hiện Công văn này.

Nơi nhận:
- Như trên;
- Lưu: VT.`

const api = "/api/v1/t/nghe-an"

func countPlans(t *testing.T, e *apptest.Env) int {
	t.Helper()
	n, err := e.App.DB.Client.WorkPlan.Query().Count(tenancy.SystemContext(t.Context()))
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestDirectives_PasteReviewConfirm: the page flow a standing agency official follows: paste,
// review (the text highlighted beside the draft), add a unit by name, confirm, land on the plan.
func TestDirectives_PasteReviewConfirm(t *testing.T) {
	e := apptest.NewConfigured(t, "services", redisDB)
	apptest.WaitTenant(t, e.App, "nghe-an", "active")
	admin := e.Client()
	admin.Login("admin@nghe-an.danvan.vn")

	if st, html := admin.Page("/t/nghe-an/directives/new"); st != http.StatusOK || !strings.Contains(html, `name="text"`) || !strings.Contains(html, `name="file"`) {
		t.Fatalf("new page: %d", st)
	}
	// A real letter is pages long: the text is not held to a form field's length.
	long := strings.Replace(letter, "Nơi nhận:", strings.Repeat("Các cơ quan, đơn vị quán triệt nội dung này đến từng cán bộ, công chức.\n\n", 80)+"Nơi nhận:", 1)
	resp, html := admin.Form("/t/nghe-an/directives/extract", url.Values{"text": {long}})
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("extract: %d %.500s", resp.StatusCode, html)
	}
	for _, want := range []string{`class="hl-cite hl-unresolved"`, "45-KH/TU", `value="3210/UBND-NC"`, `class="hl-unit"`,
		`name="t.0.content"`, `name="t.2.content"`, "Sở Tư pháp", `value="confirm"`} {
		if !strings.Contains(html, want) {
			t.Errorf("review page lacks %q", want)
		}
	}
	if !strings.Contains(html, `name="tasks" value="3"`) {
		t.Error("want three tasks: the recipients block is not one")
	}

	// An unknown unit typed by the reviewer is named back, and nothing is written.
	before := countPlans(t, e)
	d, err := draftOf(t, admin)
	if err != nil {
		t.Fatal(err)
	}
	vals := formOf(d)
	vals.Set("t.0.lead_add", "Sở Không Có Thật")
	vals.Set("action", "confirm")
	resp, html = admin.Form("/t/nghe-an/directives/review", vals)
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(html, "Sở Không Có Thật") {
		t.Fatalf("unknown unit: %d", resp.StatusCode)
	}
	if countPlans(t, e) != before {
		t.Fatal("a refused review wrote a plan")
	}

	// "Sở Văn hóa" by its name and "các sở, ban, ngành" as a group are matched; confirm.
	vals.Set("t.0.lead_add", "Sở Văn hóa, Thể thao và Du lịch")
	resp, _ = admin.Form("/t/nghe-an/directives/review", vals)
	if resp.StatusCode != http.StatusSeeOther || !strings.Contains(resp.Header.Get("Location"), "/t/nghe-an/plans/") {
		t.Fatalf("confirm: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	if countPlans(t, e) != before+1 {
		t.Errorf("plans after confirm = %d, want %d", countPlans(t, e), before+1)
	}
	loc := resp.Header.Get("Location")
	id, _ := strconv.Atoi(strings.TrimPrefix(strings.SplitN(loc, "?", 2)[0], "/t/nghe-an/plans/"))
	if st, page := admin.Page("/t/nghe-an/plans/" + strconv.Itoa(id)); st != http.StatusOK || !strings.Contains(page, "Sở Văn hóa, Thể thao và Du lịch") {
		t.Errorf("plan page %d lacks the unit added by name", st)
	}
}

// draftOf extracts the letter through the API.
func draftOf(t *testing.T, c *apptest.Client) (*draft.Draft, error) {
	t.Helper()
	long := strings.Replace(letter, "Nơi nhận:", strings.Repeat("Các cơ quan, đơn vị quán triệt nội dung này đến từng cán bộ, công chức.\n\n", 80)+"Nơi nhận:", 1)
	resp, body := c.Do(http.MethodPost, api+"/directives/extract", map[string]string{"text": long})
	apptest.Expect(t, resp, body, http.StatusOK, "")
	var d draft.Draft
	return &d, json.Unmarshal(body, &d)
}

// formOf is the review form a browser posts back for d.
func formOf(d *draft.Draft) url.Values {
	v := url.Values{"source": {d.Source}, "text": {d.Text}, "doc_type": {d.Document.Type}, "doc_number": {d.Document.NumberSymbol},
		"doc_date": {d.Document.Date}, "doc_place": {d.Document.Place}, "doc_summary": {d.Document.Summary},
		"doc_issuer": {d.Document.Issuer}, "doc_direction": {d.Document.Direction}, "plan_title": {d.Plan.Title},
		"plan_kind": {d.Plan.Kind}, "plan_year": {strconv.Itoa(d.Plan.Year)}, "plan_unit_id": {strconv.Itoa(d.Plan.UnitID)},
		"tasks": {strconv.Itoa(len(d.Tasks))}}
	cj, _ := json.Marshal(d.Citations)
	v.Set("citations_json", string(cj))
	for i, t := range d.Tasks {
		k := func(s string) string { return "t." + strconv.Itoa(i) + "." + s }
		v.Set(k("number"), t.Number)
		v.Set(k("content"), t.Content)
		v.Set(k("deadline_kind"), t.DeadlineKind)
		v.Set(k("due_on"), t.DueOn)
		for _, id := range t.Lead {
			v.Add(k("lead"), strconv.Itoa(id))
		}
		for _, id := range t.Coordinating {
			v.Add(k("coord"), strconv.Itoa(id))
		}
		if t.RequiresPlan {
			v.Set(k("requires_plan"), "1")
			v.Set(k("plan_due"), t.PlanDue)
		}
	}
	return v
}

// TestDirectives_API: extract → draft JSON → confirm, and a draft naming another province's
// unit is refused with the field named and nothing written.
func TestDirectives_API(t *testing.T) {
	e := apptest.NewConfigured(t, "services", redisDB)
	apptest.WaitTenant(t, e.App, "nghe-an", "active")
	apptest.WaitTenant(t, e.App, "hoa-binh", "active")
	admin := e.Client()
	admin.Login("admin@nghe-an.danvan.vn")
	d, err := draftOf(t, admin)
	if err != nil {
		t.Fatal(err)
	}
	if d.Document.NumberSymbol != "3210/UBND-NC" || len(d.Tasks) != 3 || len(d.Citations) != 1 {
		t.Fatalf("draft: %+v", d.Document)
	}
	if len(d.Tasks[1].Lead) < 10 || !d.Tasks[1].RequiresPlan {
		t.Errorf("task 2 lead = %d units (the province's departments), requires plan %v", len(d.Tasks[1].Lead), d.Tasks[1].RequiresPlan)
	}

	hb := e.Client()
	hb.Login("admin@hoa-binh.danvan.vn")
	resp, body := hb.Do(http.MethodGet, "/api/v1/t/hoa-binh/units", nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	var us struct {
		Units []struct {
			ID int `json:"id"`
		} `json:"units"`
	}
	if err := json.Unmarshal(body, &us); err != nil || len(us.Units) == 0 {
		t.Fatalf("Hòa Bình units: %v", err)
	}
	bad := *d
	bad.Tasks = append([]draft.TaskDraft(nil), d.Tasks...)
	bad.Tasks[2].Lead = append([]int{}, us.Units[0].ID)
	before := countPlans(t, e)
	resp, body = admin.Do(http.MethodPost, api+"/directives/confirm", bad)
	apptest.Expect(t, resp, body, http.StatusUnprocessableEntity, "invalid")
	if !strings.Contains(string(body), "tasks[2].") {
		t.Errorf("problem does not name the task: %s", body)
	}
	if countPlans(t, e) != before {
		t.Fatal("a refused confirmation wrote a plan")
	}

	resp, body = admin.Do(http.MethodPost, api+"/directives/confirm", d)
	apptest.Expect(t, resp, body, http.StatusCreated, "")
	var res draft.Result
	if err := json.Unmarshal(body, &res); err != nil || res.PlanID == 0 || res.Tasks != 3 || res.Obligations < 10 {
		t.Fatalf("confirm: %+v %v", res, err)
	}
	// Confirming the same letter again is the register's duplicate.
	resp, body = admin.Do(http.MethodPost, api+"/directives/confirm", d)
	if resp.StatusCode != http.StatusConflict {
		t.Errorf("second confirm: %d %s", resp.StatusCode, body)
	}
	// Wrong JSON types name the field.
	resp, body = admin.Do(http.MethodPost, api+"/directives/confirm", map[string]any{"text": 5})
	apptest.Expect(t, resp, body, http.StatusUnprocessableEntity, "invalid")
	// A file that is not what its name says.
	resp, body = admin.Upload(api+"/directives/extract", "file", "cong-van.docx", []byte("không phải docx"), nil)
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(body), `"file"`) {
		t.Errorf("fake docx: %d %s", resp.StatusCode, body)
	}
}

// TestDirectives_Roles: unit staff, committee members and the read-only leader cannot take in a
// directive; another province's admin gets nothing here.
func TestDirectives_Roles(t *testing.T) {
	e := apptest.NewConfigured(t, "services", redisDB)
	apptest.WaitTenant(t, e.App, "nghe-an", "active")
	apptest.WaitTenant(t, e.App, "hoa-binh", "active")
	for _, role := range []string{"unit_officer", "committee_member", "readonly_leader"} {
		c := e.Person(t, role+"@directives.test", role, "nghe-an", false)
		resp, body := c.Do(http.MethodPost, api+"/directives/extract", map[string]string{"text": letter})
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("%s: extract %d %.200s", role, resp.StatusCode, body)
		}
		if st, _ := c.Page("/t/nghe-an/directives/new"); st != http.StatusForbidden {
			t.Errorf("%s: new page %d", role, st)
		}
	}
	hb := e.Client()
	hb.Login("admin@hoa-binh.danvan.vn")
	resp, _ := hb.Do(http.MethodPost, api+"/directives/extract", map[string]string{"text": letter})
	if resp.StatusCode != http.StatusForbidden && resp.StatusCode != http.StatusNotFound {
		t.Errorf("another province's admin: %d", resp.StatusCode)
	}
}
