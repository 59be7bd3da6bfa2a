package httpapi_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"github.com/danvan-vn/danvan/internal/httpapi"
	"github.com/danvan-vn/danvan/internal/seed"
)

// upload posts a multipart form with one file.
func (c *client) upload(path, field, name string, content []byte, extra map[string]string) (*http.Response, []byte) {
	c.e.t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for k, v := range extra {
		_ = w.WriteField(k, v)
	}
	fw, _ := w.CreateFormFile(field, name)
	_, _ = fw.Write(content)
	_ = w.Close()
	req, _ := http.NewRequest(http.MethodPost, c.e.url+path, &buf)
	req.Header.Set("Content-Type", w.FormDataContentType())
	req.Header.Set("X-CSRF-Token", c.csrf())
	resp, err := c.http.Do(req)
	if err != nil {
		c.e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, b
}

const unitsCSV = "Mã đơn vị,Tên đơn vị,Loại đơn vị,Mã đơn vị cấp trên,Ngày hiệu lực (dd/mm/yyyy)\n" +
	"QN,UBND tỉnh Quảng Ngãi,UBND tỉnh,,01/07/2025\n" +
	"SNV,Sở Nội vụ,\"Sở, ban, ngành\",QN,01/07/2025\n" +
	"X-TAT,UBND xã Tịnh Ấn Tây,\"UBND xã, phường\",QN,01/07/2025\n"

func TestConfigAPI(t *testing.T) {
	e := newEnv(t, "services")
	// A province created for the test, with nothing configured yet.
	platform := e.client()
	platform.login(seed.PlatformAdminEmail)
	resp, body := platform.do(http.MethodPost, "/api/v1/platform/tenants", map[string]string{"slug": "kon-tum", "name": "Kon Tum",
		"plan": "standard", "admin_email": "admin@kon-tum.danvan.vn", "admin_name": "Y Blưk", "admin_password": seed.DemoPassword})
	expect(t, resp, body, http.StatusCreated, "")
	waitTenant(t, e.app, "kon-tum", "active") // its bucket exists
	admin := e.client()
	admin.login("admin@kon-tum.danvan.vn")
	base := "/api/v1/t/kon-tum"

	// Import: a bad file gets a row-level report in Vietnamese, and nothing is written.
	resp, body = admin.upload(base+"/units/import", "file", "don-vi.csv", []byte(unitsCSV+"X-2,,Vương quốc,QN,\n"), nil)
	expect(t, resp, body, http.StatusUnprocessableEntity, "import_invalid")
	var p httpapi.Problem
	_ = json.Unmarshal(body, &p)
	if len(p.Rows) != 2 || p.Rows[0].Row != 5 || p.Rows[0].Message == "" || strings.HasPrefix(p.Rows[0].Message, "field.") {
		t.Errorf("import report = %+v", p.Rows)
	}
	resp, body = admin.do(http.MethodGet, base+"/units?date=01/07/2025", nil)
	expect(t, resp, body, http.StatusOK, "")
	if strings.Contains(string(body), `"code"`) {
		t.Fatalf("a refused import wrote units: %s", body)
	}
	for i, want := range []string{`"created":3`, `"unchanged":3`} {
		resp, body = admin.upload(base+"/units/import", "file", "don-vi.csv", []byte(unitsCSV), nil)
		expect(t, resp, body, http.StatusOK, "")
		if !strings.Contains(string(body), want) {
			t.Errorf("import #%d = %s, want %s", i+1, body, want)
		}
	}
	// Search ignoring diacritics, as of a date.
	resp, body = admin.do(http.MethodGet, base+"/units?date=2025-07-01&q=tinh%20an%20tay", nil)
	expect(t, resp, body, http.StatusOK, "")
	if !strings.Contains(string(body), "UBND xã Tịnh Ấn Tây") || strings.Contains(string(body), "Sở Nội vụ") {
		t.Errorf("search = %s", body)
	}
	resp, body = admin.do(http.MethodGet, base+"/units?date=30/06/2025", nil)
	expect(t, resp, body, http.StatusOK, "")
	if strings.Contains(string(body), "Sở Nội vụ") {
		t.Error("units listed before they existed")
	}
	resp, body = admin.do(http.MethodGet, base+"/units?date=31/02/2025", nil)
	expect(t, resp, body, http.StatusUnprocessableEntity, "invalid")

	// Committee with a head, a member in charge of everything; the org chart is an SVG.
	var units struct {
		Units []httpapi.UnitJSON `json:"units"`
	}
	_, body = admin.do(http.MethodGet, base+"/units?date=01/07/2025", nil)
	_ = json.Unmarshal(body, &units)
	ids := map[string]int{}
	for _, u := range units.Units {
		ids[u.Code] = u.ID
	}
	resp, body = admin.do(http.MethodPost, base+"/committees", map[string]any{"name": "Ban Chỉ đạo công tác dân vận chính quyền tỉnh", "standing_agency_id": ids["SNV"], "term_label": "2021-2026"})
	expect(t, resp, body, http.StatusCreated, "")
	var cm httpapi.CommitteeJSON
	_ = json.Unmarshal(body, &cm)
	cbase := fmt.Sprintf("%s/committees/%d", base, cm.ID)
	resp, body = admin.do(http.MethodPost, cbase+"/members", map[string]any{"position": "head", "person_name": "Trần Phước Hiền", "date": "01/07/2025"})
	expect(t, resp, body, http.StatusCreated, "")
	resp, body = admin.do(http.MethodPost, cbase+"/members", map[string]any{"position": "head", "person_name": "Người khác", "date": "01/07/2025"})
	expect(t, resp, body, http.StatusConflict, "head_exists")
	resp, body = admin.do(http.MethodPost, cbase+"/members", map[string]any{"position": "member", "person_name": "Lê Văn Ủy Viên", "date": "01/07/2025"})
	expect(t, resp, body, http.StatusCreated, "")
	var m httpapi.MemberPositionJSON
	_ = json.Unmarshal(body, &m)
	resp, body = admin.do(http.MethodGet, cbase+"/assignments?date=01/07/2025", nil)
	expect(t, resp, body, http.StatusOK, "")
	var mx httpapi.MatrixJSON
	_ = json.Unmarshal(body, &mx)
	if len(mx.Gaps) != 2 {
		t.Errorf("gaps before assigning = %v", mx.Gaps)
	}
	resp, body = admin.do(http.MethodPost, cbase+"/assignments", map[string]any{"member_id": m.ID, "unit_ids": []int{ids["SNV"], ids["X-TAT"]}, "date": "01/07/2025"})
	expect(t, resp, body, http.StatusNoContent, "")
	_, body = admin.do(http.MethodGet, cbase+"/assignments?date=01/07/2025", nil)
	_ = json.Unmarshal(body, &mx)
	if len(mx.Gaps) != 0 {
		t.Errorf("gaps after assigning = %v", mx.Gaps)
	}
	resp, body = admin.do(http.MethodPost, fmt.Sprintf("%s/members/%d/end", cbase, m.ID), map[string]any{"date": "01/09/2025"})
	expect(t, resp, body, http.StatusOK, "")
	if !strings.Contains(string(body), fmt.Sprint(ids["SNV"])) {
		t.Errorf("units left without anyone = %s", body)
	}
	resp, body = admin.do(http.MethodGet, cbase+"/orgchart.svg", nil)
	expect(t, resp, body, http.StatusOK, "")
	if resp.Header.Get("Content-Type") != "image/svg+xml" || !strings.Contains(string(body), "Trần Phước Hiền") {
		t.Errorf("org chart: %s", resp.Header.Get("Content-Type"))
	}
	// The decision file goes to the province's bucket and comes back through the app.
	pdf := []byte("%PDF-1.4 Quyết định thành lập Ban Chỉ đạo")
	resp, body = admin.upload(cbase+"/decision", "file", "Quyết định 1234.pdf", pdf, nil)
	expect(t, resp, body, http.StatusNoContent, "")
	resp, body = admin.do(http.MethodGet, cbase+"/decision", nil)
	expect(t, resp, body, http.StatusOK, "")
	if !bytes.Equal(body, pdf) || !strings.Contains(resp.Header.Get("Content-Disposition"), "filename*=UTF-8''Quy") {
		t.Errorf("decision download: %q %s", body, resp.Header.Get("Content-Disposition"))
	}

	// Regimes: preview and the next four deadlines.
	resp, body = admin.do(http.MethodPost, base+"/calendar/seed", map[string]any{"year": 2026})
	expect(t, resp, body, http.StatusOK, "")
	resp, body = admin.do(http.MethodPost, base+"/regimes/preview", map[string]any{"frequency": "annual", "deadline_rule": "32/11"})
	expect(t, resp, body, http.StatusUnprocessableEntity, "invalid")
	resp, body = admin.do(http.MethodPost, base+"/regimes", map[string]any{"name": "Báo cáo năm", "frequency": "annual", "deadline_rule": "15/11",
		"reporting_unit_types": []string{"department", "commune"}, "receiving_unit_id": ids["SNV"], "reminder_offsets": []int{-7, -3, -1, 1, 3}})
	expect(t, resp, body, http.StatusCreated, "")
	resp, body = admin.do(http.MethodGet, base+"/regimes", nil)
	expect(t, resp, body, http.StatusOK, "")
	var rs struct {
		Regimes []httpapi.RegimeJSON `json:"regimes"`
	}
	_ = json.Unmarshal(body, &rs)
	if len(rs.Regimes) != 1 || len(rs.Regimes[0].Next) != 4 {
		t.Fatalf("regimes = %s", body)
	}

	// Settings: a bad value is refused, a good one kept.
	resp, body = admin.do(http.MethodPut, base+"/settings", map[string]string{"doc.number_format": "không có số"})
	expect(t, resp, body, http.StatusUnprocessableEntity, "invalid")
	resp, body = admin.do(http.MethodPut, base+"/settings", map[string]string{"letterhead.place": "Quảng Ngãi"})
	expect(t, resp, body, http.StatusOK, "")

	// Quota: the platform lowers the plan's unit limit; one more unit is refused, clearly.
	limits := map[string]any{"name": "Tiêu chuẩn", "max_units": 3, "max_users": 500, "max_storage_bytes": 1 << 30,
		"max_report_generations_month": 100, "modules": []string{"committee", "reports"}}
	resp, body = admin.do(http.MethodPut, "/api/v1/platform/plans/standard", limits)
	expect(t, resp, body, http.StatusForbidden, "forbidden")
	resp, body = platform.do(http.MethodPut, "/api/v1/platform/plans/standard", map[string]any{"name": "", "max_units": -1})
	expect(t, resp, body, http.StatusUnprocessableEntity, "invalid")
	resp, body = platform.do(http.MethodPut, "/api/v1/platform/plans/standard", limits)
	expect(t, resp, body, http.StatusOK, "")
	resp, body = admin.do(http.MethodPost, base+"/units", map[string]any{"code": "X-MOI", "name": "UBND xã Mới", "type": "commune", "parent_id": ids["QN"], "date": "01/07/2025"})
	expect(t, resp, body, http.StatusForbidden, "quota_units")
	resp, body = admin.do(http.MethodGet, base+"/usage", nil)
	expect(t, resp, body, http.StatusOK, "")
	if !strings.Contains(string(body), `"units":{"limit":3,"used":3}`) {
		t.Errorf("usage = %s", body)
	}

	// A unit officer reads but cannot change; another province sees nothing.
	officer := e.person(t, "can-bo@kon-tum.vn", "unit_officer", "kon-tum", false)
	resp, body = officer.do(http.MethodGet, base+"/units", nil)
	expect(t, resp, body, http.StatusOK, "")
	resp, body = officer.upload(base+"/units/import", "file", "don-vi.csv", []byte(unitsCSV), nil)
	expect(t, resp, body, http.StatusForbidden, "forbidden")
	na := e.client()
	na.login("admin@nghe-an.danvan.vn")
	resp, body = na.do(http.MethodGet, fmt.Sprintf("/api/v1/t/nghe-an/units/%d", ids["SNV"]), nil)
	expect(t, resp, body, http.StatusNotFound, "not_found")
	resp, body = na.do(http.MethodGet, fmt.Sprintf("/api/v1/t/nghe-an/committees/%d/decision", cm.ID), nil)
	expect(t, resp, body, http.StatusNotFound, "not_found")
}
