package reminders_test

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/danvan-vn/danvan/internal/app/apptest"
	"github.com/danvan-vn/danvan/internal/areas/reminders"
	"github.com/danvan-vn/danvan/internal/calendar"
	"github.com/danvan-vn/danvan/internal/httpapi"
	"github.com/danvan-vn/danvan/internal/unit"
)

const redisDB = 28 // this package's Redis database

// useFake runs the area over an in-memory engine (fake_test.go) while internal/reminder is
// still the contract's stubs; with false, the same tests run over the app's own engine.
const useFake = true

func TestMain(m *testing.M) { apptest.Main(m) }

const (
	api   = "/api/v1/t/nghe-an/reminders"
	pages = "/t/nghe-an/reminders"
)

// lazyUnits reaches the app's unit service once the app runs (the area is built before it).
type lazyUnits struct{ e **apptest.Env }

func (l lazyUnits) AsOf(ctx context.Context, d time.Time, q string) ([]unit.Node, error) {
	return (*l.e).App.Units.AsOf(ctx, d, q)
}

type fixture struct {
	e        *apptest.Env
	fake     *fake
	admin    *apptest.Client // province_admin
	standing *apptest.Client // standing_agency
	reader   *apptest.Client // readonly_leader
	officer  *apptest.Client // unit_officer
	other    *apptest.Client // province_admin of Hòa Bình
}

func setup(t *testing.T) *fixture {
	t.Helper()
	f := &fixture{}
	o := apptest.Options{Mode: "services", RedisDB: redisDB}
	if useFake {
		f.fake = newFake()
		o.Areas = []httpapi.Area{reminders.New(f.fake, lazyUnits{&f.e})}
	}
	f.e = apptest.Start(t, o)
	apptest.WaitTenant(t, f.e.App, "nghe-an", "active")
	apptest.WaitTenant(t, f.e.App, "hoa-binh", "active")
	f.admin = f.e.Person(t, "admin@nghe-an.test", "province_admin", "nghe-an", false)
	f.standing = f.e.Person(t, "standing@nghe-an.test", "standing_agency", "nghe-an", false)
	f.reader = f.e.Person(t, "reader@nghe-an.test", "readonly_leader", "nghe-an", false)
	f.officer = f.e.Person(t, "officer@nghe-an.test", "unit_officer", "nghe-an", false)
	f.other = f.e.Person(t, "admin@hoa-binh.test", "province_admin", "hoa-binh", false)
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

// expectField checks a 422 problem naming field.
func expectField(t *testing.T, what string, resp *http.Response, body []byte, field string) {
	t.Helper()
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/problem+json") ||
		!strings.Contains(string(body), `"`+field+`"`) {
		t.Errorf("%s: %d %s %.400s, want 422 problem naming %s", what, resp.StatusCode, resp.Header.Get("Content-Type"), body, field)
	}
}

func expectRedirect(t *testing.T, what string, resp *http.Response, body, to string) {
	t.Helper()
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != to {
		t.Errorf("%s: %d to %q, want 303 to %q; %.400s", what, resp.StatusCode, resp.Header.Get("Location"), to, body)
	}
}

func (f *fixture) settings(t *testing.T) reminders.SettingsJSON {
	t.Helper()
	resp, body := f.admin.Do(http.MethodGet, api+"/settings", nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	return decode[reminders.SettingsJSON](t, body)
}

func contains(t *testing.T, what, page string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(page, html.EscapeString(w)) && !strings.Contains(page, w) {
			t.Errorf("%s: no %q", what, w)
		}
	}
}

func offsetText(lang string, days int) string {
	switch {
	case lang == "en" && days < 0:
		return fmt.Sprintf("%d days before the deadline", -days)
	case lang == "en":
		return fmt.Sprintf("%d days after the deadline", days)
	case days < 0:
		return fmt.Sprintf("%d ngày trước hạn", -days)
	}
	return fmt.Sprintf("%d ngày sau hạn", days)
}

var targetText = map[string]map[string]string{
	"vi": {"unit": "Cán bộ phụ trách và lãnh đạo đơn vị", "member": "Thành viên Ban Chỉ đạo phụ trách đơn vị", "agency_head": "Thủ trưởng cơ quan thường trực"},
	"en": {"unit": "The unit's officer and leader", "member": "Committee member in charge of the unit", "agency_head": "Head of the standing agency"},
}

// TestReminders_Pages: the rules page and the log render in Vietnamese and English with what the
// API says; the preview says who and why.
func TestReminders_Pages(t *testing.T) {
	f := setup(t)
	s := f.settings(t)
	if len(s.Rules) == 0 || s.SendTime == "" {
		t.Fatalf("settings: %+v", s)
	}
	day := calendar.Today().AddDays(10)
	resp, body := f.admin.Do(http.MethodGet, api+"/preview?day="+day.ISO(), nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	preview := decode[reminders.PreviewJSON](t, body)
	if preview.Day != day.ISO() {
		t.Errorf("preview day %s, want %s", preview.Day, day.ISO())
	}
	for _, lang := range []string{"vi", "en"} {
		f.admin.Lang, f.reader.Lang = lang, lang
		status, page := f.admin.Page(pages + "?day=" + url.QueryEscape(day.String()))
		if status != http.StatusOK {
			t.Fatalf("%s page: %d %.500s", lang, status, page)
		}
		title := map[string]string{"vi": "Nhắc hạn và chuyển cấp", "en": "Reminders and escalation"}[lang]
		contains(t, lang+" rules page", page, title, s.SendTime, s.DigestTime, `action="/t/nghe-an/reminders/rules"`, `action="/t/nghe-an/reminders/times"`)
		for _, r := range s.Rules {
			contains(t, lang+" rule", page, offsetText(lang, r.OffsetDays), targetText[lang][r.Target],
				fmt.Sprintf(`action="/t/nghe-an/reminders/rules/%d/delete"`, r.ID))
		}
		for _, g := range s.Regimes {
			contains(t, lang+" regime", page, g.Name, fmt.Sprintf(`href="/t/nghe-an/regimes/%d"`, g.RegimeID))
		}
		resp, body := f.admin.Do(http.MethodGet, api+"/preview?day="+day.String(), nil)
		apptest.Expect(t, resp, body, http.StatusOK, "")
		for _, p := range decode[reminders.PreviewJSON](t, body).Planned {
			contains(t, lang+" preview", page, p.Name, p.Email, p.UnitName, p.Why)
		}
		// A reader sees the rules and the times, no form.
		status, page = f.reader.Page(pages)
		if status != http.StatusOK || strings.Contains(page, `/reminders/rules"`) || strings.Contains(page, `/reminders/times"`) {
			t.Errorf("%s reader's page: %d, forms shown: %v", lang, status, strings.Contains(page, `/reminders/rules"`))
		}
	}
	if useFake {
		// The default preview is tomorrow's; the why sentence is composed from the fields.
		f.admin.Lang = "vi"
		_, page := f.admin.Page(pages)
		tomorrow := calendar.Today().AddDays(1)
		if got := f.fake.previewDays[len(f.fake.previewDays)-1]; !got.Equal(tomorrow) {
			t.Errorf("default preview day %s, want tomorrow %s", got, tomorrow)
		}
		contains(t, "why", page, "Báo cáo 6 tháng đầu năm 2025 hạn "+tomorrow.AddDays(3).String()+
			": còn 3 ngày (quy tắc 3 ngày trước hạn); ngày gửi đã dời khỏi ngày nghỉ",
			"quá hạn 3 ngày (quy tắc 3 ngày sau hạn)", `href="/t/nghe-an/reports/units/9"`, `href="/t/nghe-an/plans/2"`,
			"Cán bộ phụ trách dân vận", "Thành viên Ban Chỉ đạo phụ trách")
	}
	// A bad day: the page says which field; the API names it.
	f.admin.Lang = "vi"
	status, page := f.admin.Page(pages + "?day=31/02/2025")
	if status != http.StatusUnprocessableEntity || !strings.Contains(page, `id="preview-day-error"`) {
		t.Errorf("bad day page: %d", status)
	}
	resp, body = f.admin.Do(http.MethodGet, api+"/preview?day=2025-13-01", nil)
	expectField(t, "bad preview day", resp, body, "day")

	// The log in both languages, with the filters and each entry's delivery.
	resp, body = f.admin.Do(http.MethodGet, api+"/log", nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	log := decode[reminders.LogJSON](t, body)
	for _, lang := range []string{"vi", "en"} {
		f.admin.Lang = lang
		status, page := f.admin.Page(pages + "/log")
		if status != http.StatusOK {
			t.Fatalf("%s log: %d %.500s", lang, status, page)
		}
		contains(t, lang+" log", page, map[string]string{"vi": "Nhật ký nhắc việc", "en": "Reminder log"}[lang], `name="kind"`, `name="subject_kind"`,
			`name="unit_id"`, `name="from"`, `name="to"`, `name="q"`)
		for _, e := range log.Entries {
			contains(t, lang+" log entry", page, e.Name, e.Title, fmt.Sprintf(`action="/t/nghe-an/reminders/log/%d/resend"`, e.ID))
			if e.MailStatus == "failed" {
				contains(t, lang+" mail error", page, e.MailError)
			}
		}
	}
	if useFake {
		f.admin.Lang = "vi"
		_, page := f.admin.Page(pages + "/log")
		contains(t, "log words", page, "Gửi lỗi", "Đã gửi", "Chờ gửi", "Đã đọc", "Chưa đọc", "Chuyển cấp", `href="/t/nghe-an/reports/units/9"`)
		// Filters reach the engine; pages link on.
		status, page := f.admin.Page(pages + "/log?kind=escalation&q=H%C3%B9ng&from=01/06/2025&to=30/06/2025&unit_id=3")
		if status != http.StatusOK || f.fake.lastFilter.Kind != "escalation" || f.fake.lastFilter.Q != "Hùng" || f.fake.lastFilter.UnitID != 3 ||
			!f.fake.lastFilter.From.Equal(calendar.NewDate(2025, 6, 1)) || !f.fake.lastFilter.To.Equal(calendar.NewDate(2025, 6, 30)) {
			t.Errorf("filter: %d %+v", status, f.fake.lastFilter)
		}
		if strings.Contains(page, "Nguyễn Thị Lan") {
			t.Error("the filtered log shows another recipient")
		}
		_, page = f.admin.Page(pages + "/log?per_page=2")
		contains(t, "pager", page, `rel="next"`, "page=2")
		_, page = f.admin.Page(pages + "/log/501")
		contains(t, "entry page", page, "Trần Văn Hùng", "550 mailbox unavailable", `action="/t/nghe-an/reminders/log/501/resend"`)
	}
	status, page = f.admin.Page(pages + "/log?from=32/01/2025")
	if status != http.StatusUnprocessableEntity || !strings.Contains(page, `id="f-from-error"`) {
		t.Errorf("bad from page: %d", status)
	}
	for q, field := range map[string]string{"from=32/01/2025": "from", "to=2025-02-30": "to", "kind=bogus": "kind", "unit_id=x": "unit_id",
		"page=0": "page", "per_page=1000": "per_page", "from=02/02/2025&to=01/02/2025": "to"} {
		resp, body := f.admin.Do(http.MethodGet, api+"/log?"+q, nil)
		expectField(t, "log ?"+q, resp, body, field)
	}
}

// TestReminders_Forms: the page's forms add, change, pause and delete rules and set the times;
// refusals come back on the page and as problem JSON naming the field.
func TestReminders_Forms(t *testing.T) {
	f := setup(t)
	find := func(source string, offset int, target string) (reminders.RuleJSON, bool) {
		for _, r := range f.settings(t).Rules {
			if r.Source == source && r.OffsetDays == offset && r.Target == target {
				return r, true
			}
		}
		return reminders.RuleJSON{}, false
	}

	// Add by the form (the standing agency may).
	resp, body := f.standing.Form(pages+"/rules", url.Values{"source": {"task"}, "days": {"11"}, "when": {"before"}, "target": {"member"}, "active": {"1"}})
	expectRedirect(t, "add", resp, body, pages+"?done=rule_added")
	r, ok := find("task", -11, "member")
	if !ok || !r.Active {
		t.Fatalf("added rule: %+v %v", r, ok)
	}
	_, page := f.standing.Page(pages + "?done=rule_added")
	contains(t, "flash", page, "Đã thêm quy tắc nhắc hạn.")
	// The same again: a conflict, on the page.
	resp, body = f.standing.Form(pages+"/rules", url.Values{"source": {"task"}, "days": {"11"}, "when": {"before"}, "target": {"member"}, "active": {"1"}})
	if resp.StatusCode != http.StatusConflict || !strings.Contains(body, `notice-error`) {
		t.Errorf("duplicate by form: %d", resp.StatusCode)
	}
	// Pause it (the toggle posts the row without active), change it, delete it.
	id := strconv.Itoa(r.ID)
	resp, body = f.standing.Form(pages+"/rules/"+id, url.Values{"days": {"11"}, "when": {"before"}, "target": {"member"}})
	expectRedirect(t, "pause", resp, body, pages+"?done=rule_saved")
	if r, _ = find("task", -11, "member"); r.Active {
		t.Errorf("paused rule still active")
	}
	resp, body = f.standing.Form(pages+"/rules/"+id, url.Values{"days": {"12"}, "when": {"after"}, "target": {"agency_head"}, "active": {"1"}})
	expectRedirect(t, "change", resp, body, pages+"?done=rule_saved")
	if r, ok = find("task", 12, "agency_head"); !ok || !r.Active {
		t.Errorf("changed rule: %+v %v", r, ok)
	}
	resp, body = f.standing.Form(pages+"/rules/"+id+"/delete", url.Values{})
	expectRedirect(t, "delete", resp, body, pages+"?done=rule_deleted")
	if _, ok = find("task", 12, "agency_head"); ok {
		t.Error("deleted rule still there")
	}

	// Refusals on the page, next to their fields.
	for _, c := range []struct {
		vals url.Values
		msg  string
	}{
		{url.Values{"source": {"task"}, "days": {"abc"}, "when": {"before"}, "target": {"member"}}, "Số ngày phải từ 1 đến 90."},
		{url.Values{"source": {"task"}, "days": {"91"}, "when": {"after"}, "target": {"member"}}, "Số ngày phải từ 1 đến 90."},
		{url.Values{"source": {"report"}, "days": {"3"}, "when": {"before"}, "target": {"unit"}}, "theo các ngày nhắc của chế độ báo cáo"},
		{url.Values{"source": {"news"}, "days": {"3"}, "when": {"before"}, "target": {"member"}}, "Loại việc không hợp lệ"},
		{url.Values{"source": {"task"}, "days": {"3"}, "when": {"before"}, "target": {"mayor"}}, "Người được nhắc không hợp lệ"},
	} {
		resp, body := f.admin.Form(pages+"/rules", c.vals)
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, c.msg) || !strings.Contains(body, `aria-invalid="true"`) {
			t.Errorf("form %v: %d, want 422 saying %q", c.vals, resp.StatusCode, c.msg)
		}
	}

	// The times.
	resp, body = f.admin.Form(pages+"/times", url.Values{"send_time": {"07:45"}, "digest_time": {"06:30"}})
	expectRedirect(t, "times", resp, body, pages+"?done=times_saved")
	if s := f.settings(t); s.SendTime != "07:45" || s.DigestTime != "06:30" {
		t.Errorf("times: %s %s", s.SendTime, s.DigestTime)
	}
	resp, body = f.admin.Form(pages+"/times", url.Values{"send_time": {"25:00"}, "digest_time": {"6:30"}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `id="send-time-error"`) || !strings.Contains(body, `id="digest-time-error"`) {
		t.Errorf("bad times: %d", resp.StatusCode)
	}

	// The API: create, duplicate, patch, delete, times; problems name the field.
	resp, bb := f.standing.Do(http.MethodPost, api+"/rules", map[string]any{"source": "obligation", "offset_days": -9, "target": "unit"})
	apptest.Expect(t, resp, bb, http.StatusCreated, "")
	nr := decode[reminders.RuleJSON](t, bb)
	if !nr.Active || nr.OffsetDays != -9 {
		t.Errorf("created: %+v", nr)
	}
	resp, bb = f.standing.Do(http.MethodPost, api+"/rules", map[string]any{"source": "obligation", "offset_days": -9, "target": "unit"})
	apptest.Expect(t, resp, bb, http.StatusConflict, "")
	for _, c := range []struct {
		body  map[string]any
		field string
	}{
		{map[string]any{"source": "task", "target": "unit"}, "offset_days"},
		{map[string]any{"source": "task", "offset_days": 120, "target": "unit"}, "offset_days"},
		{map[string]any{"source": "news", "offset_days": 3, "target": "unit"}, "source"},
		{map[string]any{"source": "task", "offset_days": 3, "target": "x"}, "target"},
		{map[string]any{"source": "report", "offset_days": -3, "target": "unit"}, "target"},
		{map[string]any{"source": "task", "offset_days": "3", "target": "unit"}, "offset_days"},
	} {
		resp, bb := f.admin.Do(http.MethodPost, api+"/rules", c.body)
		expectField(t, fmt.Sprint("create ", c.body), resp, bb, c.field)
	}
	rid := strconv.Itoa(nr.ID)
	resp, bb = f.admin.Do(http.MethodPatch, api+"/rules/"+rid, map[string]any{"active": false, "offset_days": -10})
	apptest.Expect(t, resp, bb, http.StatusOK, "")
	if p := decode[reminders.RuleJSON](t, bb); p.Active || p.OffsetDays != -10 || p.Target != "unit" || p.Source != "obligation" {
		t.Errorf("patched: %+v", p)
	}
	resp, bb = f.admin.Do(http.MethodPatch, api+"/rules/"+rid, map[string]any{"offset_days": 0})
	expectField(t, "patch offset 0", resp, bb, "offset_days")
	resp, bb = f.admin.Do(http.MethodPatch, api+"/rules/999999", map[string]any{"active": true})
	apptest.Expect(t, resp, bb, http.StatusNotFound, "")
	resp, bb = f.admin.Do(http.MethodDelete, api+"/rules/"+rid, nil)
	apptest.Expect(t, resp, bb, http.StatusNoContent, "")
	resp, bb = f.admin.Do(http.MethodPut, api+"/times", map[string]any{"send_time": "08:15", "digest_time": "07:00"})
	apptest.Expect(t, resp, bb, http.StatusOK, "")
	resp, bb = f.admin.Do(http.MethodPut, api+"/times", map[string]any{"send_time": "8h", "digest_time": "07:00"})
	expectField(t, "bad send time", resp, bb, "send_time")
	resp, bb = f.admin.Do(http.MethodPut, api+"/times", map[string]any{"send_time": "08:00"})
	expectField(t, "no digest time", resp, bb, "digest_time")

	// Resend from the log page comes back to it; the API counts it.
	resp, bb = f.admin.Do(http.MethodGet, api+"/log", nil)
	apptest.Expect(t, resp, bb, http.StatusOK, "")
	if log := decode[reminders.LogJSON](t, bb); len(log.Entries) > 0 {
		e := log.Entries[0]
		back := pages + "/log?kind=" + e.Kind
		resp, body := f.standing.Form(fmt.Sprintf("%s/log/%d/resend", pages, e.ID), url.Values{"back": {back}})
		expectRedirect(t, "resend", resp, body, back+"&done=reminder_resent")
		resp, body = f.standing.Form(fmt.Sprintf("%s/log/%d/resend", pages, e.ID), url.Values{"back": {"https://evil.example/"}})
		expectRedirect(t, "resend elsewhere", resp, body, pages+"/log?done=reminder_resent")
		resp, bb = f.admin.Do(http.MethodPost, fmt.Sprintf("%s/log/%d/resend", api, e.ID), nil)
		apptest.Expect(t, resp, bb, http.StatusOK, "")
		if got := decode[reminders.EntryJSON](t, bb); got.Resent != e.Resent+3 {
			t.Errorf("resent %d, want %d", got.Resent, e.Resent+3)
		}
	}
}

// TestReminders_Roles: the area's every route for each role, as TestRoleRouteMatrix checks the
// app's: what the policy grants is allowed, the rest 403, and another province's people 404.
func TestReminders_Roles(t *testing.T) {
	f := setup(t)
	committee := f.e.Person(t, "member@nghe-an.test", "committee_member", "nghe-an", false)
	head := f.e.Person(t, "head@nghe-an.test", "committee_head", "nghe-an", false)
	leader := f.e.Person(t, "leader@nghe-an.test", "unit_leader", "nghe-an", false)
	people := []struct {
		role string
		c    *apptest.Client
	}{{"province_admin", f.admin}, {"standing_agency", f.standing}, {"committee_head", head}, {"committee_member", committee},
		{"readonly_leader", f.reader}, {"unit_leader", leader}, {"unit_officer", f.officer}}
	want := map[string][2]bool{ // role: read, update
		"province_admin": {true, true}, "standing_agency": {true, true}, "committee_head": {true, false}, "committee_member": {true, false},
		"readonly_leader": {true, false}, "unit_leader": {false, false}, "unit_officer": {false, false},
	}
	routes := 0
	for _, r := range f.e.Srv.Routes() {
		if r.Area != "reminders" {
			continue
		}
		routes++
		if r.Perm.Object != "reminder" || (r.Perm.Action != "read" && r.Perm.Action != "update") || !r.Province {
			t.Errorf("%s %s declares %v", r.Method, r.Path, r.Perm)
		}
		for _, p := range people {
			allowed := apptest.Allowed(f.e.App.Authz, p.role, false, r)
			if w := want[p.role]; allowed != (r.Perm.Action == "read" && w[0] || r.Perm.Action == "update" && w[1]) {
				t.Errorf("policy: %s may %s = %v", p.role, r.Perm, allowed)
			}
			resp, body := p.c.Do(r.Method, apptest.Concrete(r.Path, "nghe-an"), map[string]any{})
			switch {
			case allowed && (resp.StatusCode == http.StatusForbidden || resp.StatusCode == http.StatusUnauthorized || resp.StatusCode >= 500):
				t.Errorf("%s %s %s: %d, want allowed; %.300s", p.role, r.Method, r.Path, resp.StatusCode, body)
			case !allowed && resp.StatusCode != http.StatusForbidden:
				t.Errorf("%s %s %s: %d, want 403", p.role, r.Method, r.Path, resp.StatusCode)
			}
		}
		resp, body := f.other.Do(r.Method, apptest.Concrete(r.Path, "nghe-an"), map[string]any{})
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("Hòa Bình's admin %s %s: %d, want 404; %.200s", r.Method, r.Path, resp.StatusCode, body)
		}
	}
	if routes != 17 {
		t.Errorf("%d routes in the area, want 17", routes)
	}
	// The plain cases by name.
	if status, _ := f.officer.Page(pages); status != http.StatusForbidden {
		t.Errorf("unit officer: %d", status)
	}
	if status, _ := f.standing.Page(pages); status != http.StatusOK {
		t.Errorf("standing agency: %d", status)
	}
	if status, _ := f.other.Page(pages); status != http.StatusNotFound {
		t.Errorf("another province: %d", status)
	}
	// The navigation shows the area to readers only.
	_, page := f.reader.Page("/t/nghe-an/")
	contains(t, "reader's nav", page, `href="/t/nghe-an/reminders"`)
	if _, page = f.officer.Page("/t/nghe-an/"); strings.Contains(page, `href="/t/nghe-an/reminders"`) {
		t.Error("unit officer's nav shows reminders")
	}
}

// TestReminders_OpenAPI: the area's API routes are in the document, with their bodies.
func TestReminders_OpenAPI(t *testing.T) {
	f := setup(t)
	resp, body := f.e.Client().Do(http.MethodGet, "/api/v1/openapi.json", nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	var doc struct {
		Paths map[string]map[string]struct {
			Permission  string `json:"x-permission"`
			RequestBody *struct {
				Content map[string]struct {
					Schema struct {
						Ref string `json:"$ref"`
					} `json:"schema"`
				} `json:"content"`
			} `json:"requestBody"`
		} `json:"paths"`
	}
	if err := json.Unmarshal(body, &doc); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ method, path, perm, in string }{
		{"get", "/settings", "reminder:read", ""},
		{"post", "/rules", "reminder:update", "RuleRequest"},
		{"patch", "/rules/{id}", "reminder:update", "RulePatch"},
		{"delete", "/rules/{id}", "reminder:update", ""},
		{"put", "/times", "reminder:update", "TimesRequest"},
		{"get", "/preview", "reminder:read", ""},
		{"get", "/log", "reminder:read", ""},
		{"get", "/log/{id}", "reminder:read", ""},
		{"post", "/log/{id}/resend", "reminder:update", ""},
	} {
		op, ok := doc.Paths["/api/v1/t/{slug}/reminders"+c.path][c.method]
		if !ok {
			t.Errorf("%s %s: not in the document", c.method, c.path)
			continue
		}
		if op.Permission != c.perm {
			t.Errorf("%s %s: permission %q, want %q", c.method, c.path, op.Permission, c.perm)
		}
		if c.in != "" && (op.RequestBody == nil || !strings.Contains(fmt.Sprint(op.RequestBody.Content), c.in)) {
			t.Errorf("%s %s: request body %+v, want %s", c.method, c.path, op.RequestBody, c.in)
		}
	}
}
