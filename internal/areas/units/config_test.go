package units_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/danvan-vn/danvan/internal/areas/units"

	"github.com/danvan-vn/danvan/internal/areas/committees"
	"github.com/danvan-vn/danvan/internal/areas/regimes"
	"github.com/danvan-vn/danvan/internal/httpapi"

	"github.com/danvan-vn/danvan/internal/app/apptest"
	"github.com/danvan-vn/danvan/internal/seed"
)

const redisDB = 7 // this package's Redis database

const unitsCSV = "Mã đơn vị,Tên đơn vị,Loại đơn vị,Mã đơn vị cấp trên,Ngày hiệu lực (dd/mm/yyyy)\n" +
	"QN,UBND tỉnh Quảng Ngãi,UBND tỉnh,,01/07/2025\n" +
	"SNV,Sở Nội vụ,\"Sở, ban, ngành\",QN,01/07/2025\n" +
	"X-TAT,UBND xã Tịnh Ấn Tây,\"UBND xã, phường\",QN,01/07/2025\n"

func TestConfigAPI(t *testing.T) {
	e := apptest.New(t, "services", redisDB)
	// A province created for the test, with nothing configured yet.
	platform := e.Client()
	platform.Login(seed.PlatformAdminEmail)
	resp, body := platform.Do(http.MethodPost, "/api/v1/platform/tenants", map[string]string{"slug": "kon-tum", "name": "Kon Tum",
		"plan": "standard", "admin_email": "admin@kon-tum.danvan.vn", "admin_name": "Y Blưk", "admin_password": seed.DemoPassword})
	apptest.Expect(t, resp, body, http.StatusCreated, "")
	apptest.WaitTenant(t, e.App, "kon-tum", "active") // its bucket exists
	admin := e.Client()
	admin.Login("admin@kon-tum.danvan.vn")
	base := "/api/v1/t/kon-tum"

	// Import: a bad file gets a row-level report in Vietnamese, and nothing is written.
	resp, body = admin.Upload(base+"/units/import", "file", "don-vi.csv", []byte(unitsCSV+"X-2,,Vương quốc,QN,\n"), nil)
	apptest.Expect(t, resp, body, http.StatusUnprocessableEntity, "import_invalid")
	var p httpapi.Problem
	_ = json.Unmarshal(body, &p)
	if len(p.Rows) != 2 || p.Rows[0].Row != 5 || p.Rows[0].Message == "" || strings.HasPrefix(p.Rows[0].Message, "field.") {
		t.Errorf("import report = %+v", p.Rows)
	}
	resp, body = admin.Do(http.MethodGet, base+"/units?date=01/07/2025", nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	if strings.Contains(string(body), `"code"`) {
		t.Fatalf("a refused import wrote units: %s", body)
	}
	for i, want := range []string{`"created":3`, `"unchanged":3`} {
		resp, body = admin.Upload(base+"/units/import", "file", "don-vi.csv", []byte(unitsCSV), nil)
		apptest.Expect(t, resp, body, http.StatusOK, "")
		if !strings.Contains(string(body), want) {
			t.Errorf("import #%d = %s, want %s", i+1, body, want)
		}
	}
	// Search ignoring diacritics, as of a date.
	resp, body = admin.Do(http.MethodGet, base+"/units?date=2025-07-01&q=tinh%20an%20tay", nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	if !strings.Contains(string(body), "UBND xã Tịnh Ấn Tây") || strings.Contains(string(body), "Sở Nội vụ") {
		t.Errorf("search = %s", body)
	}
	resp, body = admin.Do(http.MethodGet, base+"/units?date=30/06/2025", nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	if strings.Contains(string(body), "Sở Nội vụ") {
		t.Error("units listed before they existed")
	}
	resp, body = admin.Do(http.MethodGet, base+"/units?date=31/02/2025", nil)
	apptest.Expect(t, resp, body, http.StatusUnprocessableEntity, "invalid")

	// Committee with a head, a member in charge of everything; the org chart is an SVG.
	var units struct {
		Units []units.UnitJSON `json:"units"`
	}
	_, body = admin.Do(http.MethodGet, base+"/units?date=01/07/2025", nil)
	_ = json.Unmarshal(body, &units)
	ids := map[string]int{}
	for _, u := range units.Units {
		ids[u.Code] = u.ID
	}
	resp, body = admin.Do(http.MethodPost, base+"/committees", map[string]any{"name": "Ban Chỉ đạo công tác dân vận chính quyền tỉnh", "standing_agency_id": ids["SNV"], "term_label": "2021-2026"})
	apptest.Expect(t, resp, body, http.StatusCreated, "")
	var cm committees.CommitteeJSON
	_ = json.Unmarshal(body, &cm)
	cbase := fmt.Sprintf("%s/committees/%d", base, cm.ID)
	resp, body = admin.Do(http.MethodPost, cbase+"/members", map[string]any{"position": "head", "person_name": "Trần Phước Hiền", "date": "01/07/2025"})
	apptest.Expect(t, resp, body, http.StatusCreated, "")
	resp, body = admin.Do(http.MethodPost, cbase+"/members", map[string]any{"position": "head", "person_name": "Người khác", "date": "01/07/2025"})
	apptest.Expect(t, resp, body, http.StatusConflict, "head_exists")
	resp, body = admin.Do(http.MethodPost, cbase+"/members", map[string]any{"position": "member", "person_name": "Lê Văn Ủy Viên", "date": "01/07/2025"})
	apptest.Expect(t, resp, body, http.StatusCreated, "")
	var m committees.MemberPositionJSON
	_ = json.Unmarshal(body, &m)
	resp, body = admin.Do(http.MethodGet, cbase+"/assignments?date=01/07/2025", nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	var mx committees.MatrixJSON
	_ = json.Unmarshal(body, &mx)
	if len(mx.Gaps) != 2 {
		t.Errorf("gaps before assigning = %v", mx.Gaps)
	}
	resp, body = admin.Do(http.MethodPost, cbase+"/assignments", map[string]any{"member_id": m.ID, "unit_ids": []int{ids["SNV"], ids["X-TAT"]}, "date": "01/07/2025"})
	apptest.Expect(t, resp, body, http.StatusNoContent, "")
	_, body = admin.Do(http.MethodGet, cbase+"/assignments?date=01/07/2025", nil)
	_ = json.Unmarshal(body, &mx)
	if len(mx.Gaps) != 0 {
		t.Errorf("gaps after assigning = %v", mx.Gaps)
	}
	resp, body = admin.Do(http.MethodPost, fmt.Sprintf("%s/members/%d/end", cbase, m.ID), map[string]any{"date": "01/09/2025"})
	apptest.Expect(t, resp, body, http.StatusOK, "")
	if !strings.Contains(string(body), fmt.Sprint(ids["SNV"])) {
		t.Errorf("units left without anyone = %s", body)
	}
	resp, body = admin.Do(http.MethodGet, cbase+"/orgchart.svg", nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	if resp.Header.Get("Content-Type") != "image/svg+xml" || !strings.Contains(string(body), "Trần Phước Hiền") {
		t.Errorf("org chart: %s", resp.Header.Get("Content-Type"))
	}
	// The decision file goes to the province's bucket and comes back through the app.
	pdf := []byte("%PDF-1.4 Quyết định thành lập Ban Chỉ đạo")
	resp, body = admin.Upload(cbase+"/decision", "file", "Quyết định 1234.pdf", pdf, nil)
	apptest.Expect(t, resp, body, http.StatusNoContent, "")
	resp, body = admin.Do(http.MethodGet, cbase+"/decision", nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	if !bytes.Equal(body, pdf) || !strings.Contains(resp.Header.Get("Content-Disposition"), "filename*=UTF-8''Quy") {
		t.Errorf("decision download: %q %s", body, resp.Header.Get("Content-Disposition"))
	}

	// Regimes: preview and the next four deadlines.
	resp, body = admin.Do(http.MethodPost, base+"/calendar/seed", map[string]any{"year": 2026})
	apptest.Expect(t, resp, body, http.StatusOK, "")
	resp, body = admin.Do(http.MethodPost, base+"/regimes/preview", map[string]any{"frequency": "annual", "deadline_rule": "32/11"})
	apptest.Expect(t, resp, body, http.StatusUnprocessableEntity, "invalid")
	resp, body = admin.Do(http.MethodPost, base+"/regimes", map[string]any{"name": "Báo cáo năm", "frequency": "annual", "deadline_rule": "15/11",
		"reporting_unit_types": []string{"department", "commune"}, "receiving_unit_id": ids["SNV"], "reminder_offsets": []int{-7, -3, -1, 1, 3}})
	apptest.Expect(t, resp, body, http.StatusCreated, "")
	resp, body = admin.Do(http.MethodGet, base+"/regimes", nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	var rs struct {
		Regimes []regimes.RegimeJSON `json:"regimes"`
	}
	_ = json.Unmarshal(body, &rs)
	if len(rs.Regimes) != 1 || len(rs.Regimes[0].Next) != 4 {
		t.Fatalf("regimes = %s", body)
	}

	// Settings: a bad value is refused, a good one kept.
	resp, body = admin.Do(http.MethodPut, base+"/settings", map[string]string{"doc.number_format": "không có số"})
	apptest.Expect(t, resp, body, http.StatusUnprocessableEntity, "invalid")
	resp, body = admin.Do(http.MethodPut, base+"/settings", map[string]string{"letterhead.place": "Quảng Ngãi"})
	apptest.Expect(t, resp, body, http.StatusOK, "")

	// Quota: the platform lowers the plan's unit limit; one more unit is refused, clearly.
	limits := map[string]any{"name": "Tiêu chuẩn", "max_units": 3, "max_users": 500, "max_storage_bytes": 1 << 30,
		"max_report_generations_month": 100, "modules": []string{"committee", "reports"}}
	resp, body = admin.Do(http.MethodPut, "/api/v1/platform/plans/standard", limits)
	apptest.Expect(t, resp, body, http.StatusForbidden, "forbidden")
	resp, body = platform.Do(http.MethodPut, "/api/v1/platform/plans/standard", map[string]any{"name": "", "max_units": -1})
	apptest.Expect(t, resp, body, http.StatusUnprocessableEntity, "invalid")
	resp, body = platform.Do(http.MethodPut, "/api/v1/platform/plans/standard", limits)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	resp, body = admin.Do(http.MethodPost, base+"/units", map[string]any{"code": "X-MOI", "name": "UBND xã Mới", "type": "commune", "parent_id": ids["QN"], "date": "01/07/2025"})
	apptest.Expect(t, resp, body, http.StatusForbidden, "quota_units")
	resp, body = admin.Do(http.MethodGet, base+"/usage", nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	if !strings.Contains(string(body), `"units":{"limit":3,"used":3}`) {
		t.Errorf("usage = %s", body)
	}

	// A unit officer reads but cannot change; another province sees nothing.
	officer := e.Person(t, "can-bo@kon-tum.vn", "unit_officer", "kon-tum", false)
	resp, body = officer.Do(http.MethodGet, base+"/units", nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	resp, body = officer.Upload(base+"/units/import", "file", "don-vi.csv", []byte(unitsCSV), nil)
	apptest.Expect(t, resp, body, http.StatusForbidden, "forbidden")
	na := e.Client()
	na.Login("admin@nghe-an.danvan.vn")
	resp, body = na.Do(http.MethodGet, fmt.Sprintf("/api/v1/t/nghe-an/units/%d", ids["SNV"]), nil)
	apptest.Expect(t, resp, body, http.StatusNotFound, "not_found")
	resp, body = na.Do(http.MethodGet, fmt.Sprintf("/api/v1/t/nghe-an/committees/%d/decision", cm.ID), nil)
	apptest.Expect(t, resp, body, http.StatusNotFound, "not_found")
}

// TestPages_ProvinceConfiguration walks the configuration pages of a seeded province as its
// admin would: the unit tree as of two dates, a search, a refused import with its report, the
// committee with its org chart, the assignment matrix, the regime editor's preview, the
// calendar and the settings.
func TestPages_ProvinceConfiguration(t *testing.T) {
	e := apptest.NewConfigured(t, "embedded", redisDB)
	apptest.WaitTenant(t, e.App, "hoa-binh", "active")
	admin := e.Client()
	admin.Login("admin@hoa-binh.danvan.vn")
	base := "/t/hoa-binh"

	status, page := admin.Page(base + "/units?date=01/07/2025")
	if status != http.StatusOK || !strings.Contains(page, "UBND tỉnh Phú Thọ") || strings.Contains(page, "UBND tỉnh Hòa Bình") {
		t.Errorf("units as of 01/07/2025: %d", status)
	}
	status, page = admin.Page(base + "/units?date=30/06/2025")
	if status != http.StatusOK || !strings.Contains(page, "UBND tỉnh Hòa Bình") {
		t.Errorf("units as of 30/06/2025: %d", status)
	}
	_, page = admin.Page(base + "/units?q=" + url.QueryEscape("PHU THO"))
	if !strings.Contains(page, "UBND tỉnh Phú Thọ") {
		t.Error("search without diacritics found nothing")
	}
	unitLink := regexp.MustCompile(`href="(/t/hoa-binh/units/\d+)[?"]`).FindStringSubmatch(page)
	if unitLink == nil {
		t.Fatal("no link to a unit")
	}
	if status, _ = admin.Page(unitLink[1]); status != http.StatusOK {
		t.Errorf("unit page: %d", status)
	}
	// A bad import: the report, and nothing written.
	resp, body := admin.Upload(base+"/units/import", "file", "sai.csv", []byte("Mã đơn vị,Tên đơn vị,Loại đơn vị\nX 1,,Vương quốc\n"), nil)
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(body), "Vương quốc") {
		t.Errorf("refused import page: %d", resp.StatusCode)
	}
	// The committee and its picture.
	status, page = admin.Page(base + "/committees")
	link := regexp.MustCompile(`href="(/t/hoa-binh/committees/\d+)[?"]`).FindStringSubmatch(page)
	if status != http.StatusOK || link == nil {
		t.Fatalf("committees page: %d", status)
	}
	status, page = admin.Page(link[1])
	if status != http.StatusOK || !strings.Contains(page, "orgchart.svg") {
		t.Errorf("committee page: %d", status)
	}
	resp, svg := admin.Do(http.MethodGet, link[1]+"/orgchart.svg", nil)
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(svg), "Trưởng ban") {
		t.Errorf("org chart: %d", resp.StatusCode)
	}
	if status, _ = admin.Page(link[1] + "/assignments?date=01/01/2026"); status != http.StatusOK {
		t.Errorf("matrix page: %d", status)
	}
	// The seed puts someone in charge of every unit.
	_, mx := admin.Do(http.MethodGet, "/api/v1"+link[1]+"/assignments?date=01/01/2026", nil)
	if !strings.Contains(string(mx), `"gaps":[]`) {
		t.Errorf("seeded matrix has gaps: %.200s", mx)
	}
	// The regime editor previews four deadlines without saving.
	resp, pg := admin.Form(base+"/regimes", url.Values{"name": {"Thử"}, "frequency": {"annual"}, "deadline_rule": {"15/11"},
		"shift": {"previous_working_day"}, "reminder_offsets": {"-7,-3"}, "preview": {"1"}})
	if resp.StatusCode != http.StatusOK || strings.Count(pg, "/11/") < 4 {
		t.Errorf("regime preview: %d", resp.StatusCode)
	}
	resp, pg = admin.Form(base+"/regimes", url.Values{"name": {"Thử"}, "frequency": {"annual"}, "deadline_rule": {"31/13"}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(pg, `aria-invalid="true"`) {
		t.Errorf("bad rule: %d", resp.StatusCode)
	}
	if status, page = admin.Page(base + "/calendar?year=2026"); status != http.StatusOK || !strings.Contains(page, "17/02/2026") {
		t.Errorf("calendar 2026 (Tết on 17/02): %d", status)
	}
	resp, _ = admin.Form(base+"/settings", url.Values{"doc.number_format": {"{n}/{type}-BCĐ"}, "deadline.shift": {"next_working_day"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Errorf("settings: %d", resp.StatusCode)
	}
	// Usage bars on the home page.
	if _, page = admin.Page(base + "/"); !strings.Contains(page, "<meter") {
		t.Error("no usage bars on the home page")
	}
}

func TestMain(m *testing.M) { apptest.Main(m) }
