package httpapi_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/danvan-vn/danvan/internal/seed"
)

// TestPages_ProvinceConfiguration walks the configuration pages of a seeded province as its
// admin would: the unit tree as of two dates, a search, a refused import with its report, the
// committee with its org chart, the assignment matrix, the regime editor's preview, the
// calendar and the settings.
func TestPages_ProvinceConfiguration(t *testing.T) {
	e := newConfiguredEnv(t, "embedded")
	waitTenant(t, e.app, "hoa-binh", "active")
	admin := e.client()
	admin.login("admin@hoa-binh.danvan.vn")
	base := "/t/hoa-binh"

	status, page := admin.page(base + "/units?date=01/07/2025")
	if status != http.StatusOK || !strings.Contains(page, "UBND tỉnh Phú Thọ") || strings.Contains(page, "UBND tỉnh Hòa Bình") {
		t.Errorf("units as of 01/07/2025: %d", status)
	}
	status, page = admin.page(base + "/units?date=30/06/2025")
	if status != http.StatusOK || !strings.Contains(page, "UBND tỉnh Hòa Bình") {
		t.Errorf("units as of 30/06/2025: %d", status)
	}
	_, page = admin.page(base + "/units?q=" + url.QueryEscape("PHU THO"))
	if !strings.Contains(page, "UBND tỉnh Phú Thọ") {
		t.Error("search without diacritics found nothing")
	}
	unitLink := regexp.MustCompile(`href="(/t/hoa-binh/units/\d+)[?"]`).FindStringSubmatch(page)
	if unitLink == nil {
		t.Fatal("no link to a unit")
	}
	if status, _ = admin.page(unitLink[1]); status != http.StatusOK {
		t.Errorf("unit page: %d", status)
	}
	// A bad import: the report, and nothing written.
	resp, body := admin.upload(base+"/units/import", "file", "sai.csv", []byte("Mã đơn vị,Tên đơn vị,Loại đơn vị\nX 1,,Vương quốc\n"), nil)
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(body), "Vương quốc") {
		t.Errorf("refused import page: %d", resp.StatusCode)
	}
	// The committee and its picture.
	status, page = admin.page(base + "/committees")
	link := regexp.MustCompile(`href="(/t/hoa-binh/committees/\d+)[?"]`).FindStringSubmatch(page)
	if status != http.StatusOK || link == nil {
		t.Fatalf("committees page: %d", status)
	}
	status, page = admin.page(link[1])
	if status != http.StatusOK || !strings.Contains(page, "orgchart.svg") {
		t.Errorf("committee page: %d", status)
	}
	resp, svg := admin.do(http.MethodGet, link[1]+"/orgchart.svg", nil)
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(svg), "Trưởng ban") {
		t.Errorf("org chart: %d", resp.StatusCode)
	}
	if status, _ = admin.page(link[1] + "/assignments?date=01/01/2026"); status != http.StatusOK {
		t.Errorf("matrix page: %d", status)
	}
	// The seed puts someone in charge of every unit.
	_, mx := admin.do(http.MethodGet, "/api/v1"+link[1]+"/assignments?date=01/01/2026", nil)
	if !strings.Contains(string(mx), `"gaps":[]`) {
		t.Errorf("seeded matrix has gaps: %.200s", mx)
	}
	// The regime editor previews four deadlines without saving.
	resp, pg := admin.form(base+"/regimes", url.Values{"name": {"Thử"}, "frequency": {"annual"}, "deadline_rule": {"15/11"},
		"shift": {"previous_working_day"}, "reminder_offsets": {"-7,-3"}, "preview": {"1"}})
	if resp.StatusCode != http.StatusOK || strings.Count(pg, "/11/") < 4 {
		t.Errorf("regime preview: %d", resp.StatusCode)
	}
	resp, pg = admin.form(base+"/regimes", url.Values{"name": {"Thử"}, "frequency": {"annual"}, "deadline_rule": {"31/13"}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(pg, `aria-invalid="true"`) {
		t.Errorf("bad rule: %d", resp.StatusCode)
	}
	if status, page = admin.page(base + "/calendar?year=2026"); status != http.StatusOK || !strings.Contains(page, "17/02/2026") {
		t.Errorf("calendar 2026 (Tết on 17/02): %d", status)
	}
	resp, _ = admin.form(base+"/settings", url.Values{"doc.number_format": {"{n}/{type}-BCĐ"}, "deadline.shift": {"next_working_day"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Errorf("settings: %d", resp.StatusCode)
	}
	// Usage bars on the home page.
	if _, page = admin.page(base + "/"); !strings.Contains(page, "<meter") {
		t.Error("no usage bars on the home page")
	}
}

// TestPages_Plans: the platform admin edits a plan's limits and moves a province to a plan.
func TestPages_Plans(t *testing.T) {
	e := newEnv(t, "embedded")
	admin := e.client()
	admin.login(seed.PlatformAdminEmail)
	status, page := admin.page("/platform/plans")
	if status != http.StatusOK || !strings.Contains(page, "Tiêu chuẩn") || !strings.Contains(page, `name="modules"`) {
		t.Fatalf("plans page: %d", status)
	}
	resp, _ := admin.form("/platform/plans/standard", url.Values{"name": {""}, "max_units": {"-5"}})
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("bad plan: %d", resp.StatusCode)
	}
	resp, _ = admin.form("/platform/plans/standard", url.Values{"name": {"Tiêu chuẩn"}, "max_units": {"120"}, "max_users": {"80"},
		"max_storage_gb": {"5"}, "max_report_generations_month": {"30"}, "modules": {"committee", "reports"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("save plan: %d", resp.StatusCode)
	}
	resp, _ = admin.form("/platform/plans/assign", url.Values{"slug": {"nghe-an"}, "plan": {"advanced"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("assign plan: %d", resp.StatusCode)
	}
	_, body := admin.do(http.MethodGet, "/api/v1/platform/plans", nil)
	if !strings.Contains(string(body), `"max_units":120`) || !strings.Contains(string(body), `"max_storage_bytes":5368709120`) {
		t.Errorf("plans = %s", body)
	}
	_, body = admin.do(http.MethodGet, "/api/v1/platform/tenants", nil)
	if !regexp.MustCompile(`"slug":"nghe-an"[^}]*"plan":"advanced"`).MatchString(string(body)) {
		t.Errorf("tenants = %s", body)
	}
	// A province admin cannot open it.
	pa := e.client()
	pa.login("admin@nghe-an.danvan.vn")
	if status, _ := pa.page("/platform/plans"); status != http.StatusForbidden {
		t.Errorf("province admin on plans: %d", status)
	}
}
