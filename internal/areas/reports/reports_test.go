package reports_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/danvan-vn/danvan/ent/schematype"
	"github.com/danvan-vn/danvan/internal/app/apptest"
	"github.com/danvan-vn/danvan/internal/areas/reports"
)

const redisDB = 22 // this package's Redis database

func TestMain(m *testing.M) { apptest.Main(m) }

const (
	api   = "/api/v1/t/nghe-an/reports"
	pages = "/t/nghe-an/reports"
)

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

// expectField checks a 422 naming field.
func expectField(t *testing.T, what string, resp *http.Response, body []byte, field string) {
	t.Helper()
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(body), `"`+field+`"`) {
		t.Errorf("%s: %d %.400s, want 422 naming %s", what, resp.StatusCode, body, field)
	}
}

func expectStatus(t *testing.T, what string, resp *http.Response, body []byte, status int) {
	t.Helper()
	if resp.StatusCode != status {
		t.Errorf("%s: %d %.300s, want %d", what, resp.StatusCode, body, status)
	}
}

type fixture struct {
	e        *apptest.Env
	admin    *apptest.Client // province_admin
	standing *apptest.Client // standing_agency
	reader   *apptest.Client // readonly_leader
	officerA *apptest.Client // unit_officer of unit A
	leaderA  *apptest.Client // unit_leader of unit A
	officerB *apptest.Client // unit_officer of unit B
	regimeID int
	period   reports.BoardJSON
	a, b     reports.BoardRowJSON
}

// periodKey is a period the demo does not seed (it seeds H1 2025, closed, and the open one).
const periodKey = "2024-H2"

// setup opens H2 2024 of Nghệ An's semiannual regime and gives people of two of its units.
func setup(t *testing.T) *fixture {
	e := apptest.NewConfigured(t, "services", redisDB)
	apptest.WaitTenant(t, e.App, "nghe-an", "active")
	apptest.WaitTenant(t, e.App, "hoa-binh", "active")
	f := &fixture{e: e, admin: e.Client()}
	f.admin.Login("admin@nghe-an.danvan.vn")
	resp, body := f.admin.Do(http.MethodGet, "/api/v1/t/nghe-an/regimes", nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	rs := decode[struct {
		Regimes []struct {
			ID        int    `json:"id"`
			Frequency string `json:"frequency"`
		} `json:"regimes"`
	}](t, body)
	for _, r := range rs.Regimes {
		if r.Frequency == "semiannual" && f.regimeID == 0 {
			f.regimeID = r.ID
		}
	}
	if f.regimeID == 0 {
		t.Fatalf("no semiannual regime: %s", body)
	}
	resp, body = f.admin.Do(http.MethodPost, api+"/periods", map[string]any{"regime_id": f.regimeID, "key": periodKey})
	apptest.Expect(t, resp, body, http.StatusCreated, "")
	p := decode[reports.PeriodJSON](t, body)
	resp, body = f.admin.Do(http.MethodPost, api+"/periods", map[string]any{"regime_id": f.regimeID, "key": periodKey})
	apptest.Expect(t, resp, body, http.StatusOK, "") // open already: the same period
	if again := decode[reports.PeriodJSON](t, body); again.ID != p.ID {
		t.Fatalf("opened twice: %d then %d", p.ID, again.ID)
	}
	resp, body = f.admin.Do(http.MethodGet, api+"/periods/"+strconv.Itoa(p.ID), nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	f.period = decode[reports.BoardJSON](t, body)
	if len(f.period.Units) < 2 || f.period.Counts.Expected != len(f.period.Units) || f.period.Counts.Missing != len(f.period.Units) {
		t.Fatalf("board of a new period: %+v", f.period.Counts)
	}
	f.a, f.b = f.period.Units[0], f.period.Units[1]
	f.standing = e.Person(t, "standing@nghe-an.test", "standing_agency", "nghe-an", false)
	f.reader = e.Person(t, "reader@nghe-an.test", "readonly_leader", "nghe-an", false)
	f.officerA = e.UnitPerson(t, "officer-a@nghe-an.test", "unit_officer", "nghe-an", f.a.UnitID, false)
	f.leaderA = e.UnitPerson(t, "leader-a@nghe-an.test", "unit_leader", "nghe-an", f.a.UnitID, false)
	f.officerB = e.UnitPerson(t, "officer-b@nghe-an.test", "unit_officer", "nghe-an", f.b.UnitID, false)
	return f
}

func unitURL(id int) string { return api + "/units/" + strconv.Itoa(id) }

func (f *fixture) unit(t *testing.T, c *apptest.Client, id int) reports.UnitReportJSON {
	t.Helper()
	resp, body := c.Do(http.MethodGet, unitURL(id), nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	return decode[reports.UnitReportJSON](t, body)
}

// complete is content filling every required section and indicator of the report's template.
func complete(u reports.UnitReportJSON) map[string]any {
	texts, values := map[string]string{}, map[string]string{}
	for _, s := range u.Template.Sections {
		texts[s.Key] = "Nội dung mục " + s.No + ": đơn vị đã triển khai đầy đủ.\nDòng thứ hai."
	}
	for _, ind := range u.Template.Indicators {
		if ind.Source != "" {
			continue
		}
		switch ind.Type {
		case "text":
			values[ind.Code] = "Mô hình dân vận khéo"
		case "percent":
			values[ind.Code] = "87,5"
		default:
			values[ind.Code] = "12"
		}
	}
	return map[string]any{"texts": texts, "values": values}
}

func TestReports_Flow(t *testing.T) {
	f := setup(t)
	a, b := f.a.ReportID, f.b.ReportID

	// The unit wall: unit A's officer reads and writes A only.
	u := f.unit(t, f.officerA, a)
	if u.Status != "not_started" || !u.Editable || u.Template == nil || len(u.Template.Sections) == 0 {
		t.Fatalf("unit report: %+v", u)
	}
	for _, m := range []string{http.MethodGet, http.MethodPut} {
		resp, body := f.officerA.Do(m, unitURL(b), map[string]any{"texts": map[string]string{}})
		expectStatus(t, "officer A "+m+" B", resp, body, http.StatusNotFound)
	}
	resp, body := f.officerA.Do(http.MethodGet, unitURL(b)+"/report.docx", nil)
	expectStatus(t, "officer A DOCX of B", resp, body, http.StatusNotFound)

	// Saving a draft with only part of it; submitting names what is missing.
	resp, body = f.officerA.Do(http.MethodPut, unitURL(a), map[string]any{"texts": map[string]string{"leadership": "Đã ban hành 3 văn bản."},
		"values": map[string]string{"docs_issued": "3"}})
	apptest.Expect(t, resp, body, http.StatusOK, "")
	if u = decode[reports.UnitReportJSON](t, body); u.Status != "draft" || u.Content.Texts["leadership"] != "Đã ban hành 3 văn bản." {
		t.Fatalf("saved: %+v", u)
	}
	resp, body = f.officerA.Do(http.MethodPost, unitURL(a)+"/submit", nil)
	expectStatus(t, "officer submits", resp, body, http.StatusForbidden)
	resp, body = f.leaderA.Do(http.MethodPost, unitURL(a)+"/submit", nil)
	expectField(t, "submit incomplete", resp, body, "texts.state_agencies")
	expectField(t, "submit incomplete", resp, body, "values.citizens_received")

	// Complete, submitted by the leader.
	full := complete(u)
	full["values"].(map[string]string)["complaints_received"] = "-1"
	resp, body = f.officerA.Do(http.MethodPut, unitURL(a), full)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	resp, body = f.leaderA.Do(http.MethodPost, unitURL(a)+"/submit", nil)
	expectField(t, "below min", resp, body, "values.complaints_received")
	full["values"].(map[string]string)["complaints_received"] = "4"
	resp, body = f.officerA.Do(http.MethodPut, unitURL(a), full)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	resp, body = f.leaderA.Do(http.MethodPost, unitURL(a)+"/submit", nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	if u = decode[reports.UnitReportJSON](t, body); u.Status != "submitted" || u.Version != 1 || u.Editable {
		t.Fatalf("submitted: %+v", u)
	}
	resp, body = f.officerA.Do(http.MethodPut, unitURL(a), full)
	apptest.Expect(t, resp, body, http.StatusConflict, "report_locked")

	// Returned with comments (required), resubmitted, accepted.
	resp, body = f.standing.Do(http.MethodPost, unitURL(a)+"/return", map[string]any{"note": "  "})
	expectField(t, "return without note", resp, body, "note")
	resp, body = f.standing.Do(http.MethodPost, unitURL(a)+"/return", map[string]any{"note": "Bổ sung số liệu mục 4."})
	apptest.Expect(t, resp, body, http.StatusOK, "")
	if u = decode[reports.UnitReportJSON](t, body); u.Status != "returned" || !u.Editable || u.ReviewNote != "Bổ sung số liệu mục 4." {
		t.Fatalf("returned: %+v", u)
	}
	full["texts"].(map[string]string)["citizen_reception"] = "Đã bổ sung: tiếp 120 lượt công dân."
	resp, body = f.officerA.Do(http.MethodPut, unitURL(a), full)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	resp, body = f.leaderA.Do(http.MethodPost, unitURL(a)+"/submit", nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	resp, body = f.standing.Do(http.MethodPost, unitURL(a)+"/accept", map[string]any{})
	apptest.Expect(t, resp, body, http.StatusOK, "")
	if u = decode[reports.UnitReportJSON](t, body); u.Status != "accepted" || u.Version != 2 {
		t.Fatalf("accepted: %+v", u)
	}
	resp, body = f.officerA.Do(http.MethodPut, unitURL(a), full)
	apptest.Expect(t, resp, body, http.StatusConflict, "report_locked")
	resp, body = f.officerA.Upload(unitURL(a)+"/files", "file", "scan.pdf", []byte("%PDF-1.4\n%%EOF\n"), nil)
	expectStatus(t, "file on an accepted report", resp, body, http.StatusConflict)

	// Timeline and versions: two submissions with their content.
	u = f.unit(t, f.standing, a)
	var kinds []string
	subs := 0
	for _, ev := range u.Events {
		kinds = append(kinds, ev.Kind)
		if ev.Kind == "submitted" {
			subs++
			if ev.Content == nil || ev.Content.Texts["leadership"] == "" {
				t.Errorf("submitted event without its content: %+v", ev)
			}
		}
	}
	if got := strings.Join(kinds, ","); got != "submitted,returned,submitted,accepted" || subs != 2 {
		t.Errorf("timeline %s", got)
	}

	// Reopened with a reason (required): editable again.
	resp, body = f.standing.Do(http.MethodPost, unitURL(a)+"/reopen", map[string]any{"note": ""})
	expectField(t, "reopen without reason", resp, body, "note")
	resp, body = f.standing.Do(http.MethodPost, unitURL(a)+"/reopen", map[string]any{"note": "Sai số liệu mục 3."})
	apptest.Expect(t, resp, body, http.StatusOK, "")
	resp, body = f.officerA.Do(http.MethodPut, unitURL(a), full)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	if u = decode[reports.UnitReportJSON](t, body); u.Status != "returned" {
		t.Errorf("after reopen: %s", u.Status)
	}

	// A file: attached by the unit, listed, downloaded.
	resp, body = f.officerA.Upload(unitURL(a)+"/files", "file", "Báo cáo có chữ ký.pdf", []byte("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"), nil)
	apptest.Expect(t, resp, body, http.StatusCreated, "")
	fj := decode[reports.FileJSON](t, body)
	resp, body = f.officerB.Do(http.MethodGet, unitURL(a)+"/files/"+strconv.Itoa(fj.ID), nil)
	expectStatus(t, "officer B downloads A's file", resp, body, http.StatusNotFound)
	resp, body = f.reader.Do(http.MethodGet, unitURL(a)+"/files/"+strconv.Itoa(fj.ID), nil)
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(string(body), "%PDF") {
		t.Errorf("download: %d %.100s", resp.StatusCode, body)
	}
	resp, body = f.reader.Do(http.MethodGet, unitURL(a)+"/report.docx", nil)
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(string(body), "PK") {
		t.Errorf("unit DOCX: %d %.100s", resp.StatusCode, body)
	}

	// Excuse B with a reason, urge the rest; the board counts it.
	resp, body = f.standing.Do(http.MethodPost, unitURL(b)+"/excuse", map[string]any{"reason": ""})
	expectField(t, "excuse without reason", resp, body, "reason")
	resp, body = f.standing.Do(http.MethodPost, unitURL(b)+"/excuse", map[string]any{"reason": "Đơn vị giải thể."})
	apptest.Expect(t, resp, body, http.StatusOK, "")
	resp, body = f.standing.Do(http.MethodPost, api+"/periods/"+strconv.Itoa(f.period.Period.ID)+"/urge", map[string]any{"note": "Đề nghị gửi trước ngày 20."})
	apptest.Expect(t, resp, body, http.StatusOK, "")
	urged := decode[reports.CountJSON](t, body).Count
	resp, body = f.reader.Do(http.MethodGet, api+"/periods/"+strconv.Itoa(f.period.Period.ID), nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	board := decode[reports.BoardJSON](t, body)
	if board.Counts.Excused != 1 || board.Counts.Expected != len(f.period.Units)-1 || board.Counts.Submitted != 1 || board.Counts.Returned != 1 ||
		urged != len(f.period.Units)-1 { // A (returned after the reopening) and every unit not submitted; B excused
		t.Errorf("board after the flow: %+v, urged %d", board.Counts, urged)
	}
	resp, body = f.reader.Do(http.MethodGet, api+"/periods/"+strconv.Itoa(f.period.Period.ID)+"/board.xlsx", nil)
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(string(body), "PK") {
		t.Errorf("board XLSX: %d", resp.StatusCode)
	}
	resp, body = f.reader.Do(http.MethodGet, api+"/regimes/"+strconv.Itoa(f.regimeID)+"/trends", nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	tr := decode[reports.TrendsJSON](t, body)
	if len(tr.Points) == 0 || tr.Points[0].PeriodID != f.period.Period.ID || tr.Points[0].Counts.Excused != 1 {
		t.Errorf("trends (oldest first, this period the oldest): %+v", tr)
	}
	resp, body = f.reader.Do(http.MethodGet, api+"/periods", nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	found, open := false, false
	for _, p := range decode[reports.PeriodsJSON](t, body).Periods {
		if p.ID == f.period.Period.ID {
			found = p.Counts != nil && p.Counts.Excused == 1 && p.Status == "overdue"
		}
		// A period not yet due counts its expected units too (the demo's open period).
		if p.Status == "open" {
			open = true
			if p.Counts == nil || p.Counts.Expected == 0 {
				t.Errorf("open period %s lists no expected units: %+v", p.Key, p.Counts)
			}
		}
	}
	if !open {
		t.Error("the periods list has no open period")
	}
	if !found {
		t.Errorf("periods: %s", body)
	}
}

// TestReports_Refusals: the read-only leader changes nothing; unit staff reach their unit only;
// another province sees none of it.
func TestReports_Refusals(t *testing.T) {
	f := setup(t)
	a := f.a.ReportID
	pid := strconv.Itoa(f.period.Period.ID)
	for _, r := range []struct{ method, path string }{
		{http.MethodPut, unitURL(a)}, {http.MethodPost, unitURL(a) + "/submit"}, {http.MethodPost, unitURL(a) + "/accept"},
		{http.MethodPost, unitURL(a) + "/return"}, {http.MethodPost, unitURL(a) + "/reopen"}, {http.MethodPost, unitURL(a) + "/excuse"},
		{http.MethodPost, api + "/periods/" + pid + "/generate"}, {http.MethodPost, api + "/periods/" + pid + "/urge"},
		{http.MethodPost, api + "/periods/" + pid + "/refresh"}, {http.MethodPost, api + "/periods"},
		{http.MethodPost, api + "/regimes/" + strconv.Itoa(f.regimeID) + "/templates"},
	} {
		resp, body := f.reader.Do(r.method, r.path, map[string]any{"note": "x", "texts": map[string]string{}})
		expectStatus(t, "readonly "+r.method+" "+r.path, resp, body, http.StatusForbidden)
	}
	resp, body := f.officerA.Do(http.MethodPost, api+"/periods/"+pid+"/generate", nil)
	expectStatus(t, "officer generates", resp, body, http.StatusForbidden)
	// The province report is beyond the unit wall: not found for unit staff, and not on their board.
	resp, body = f.officerA.Do(http.MethodGet, api+"/periods/"+pid+"/outputs", nil)
	expectStatus(t, "officer lists the province report", resp, body, http.StatusNotFound)
	if st, html := f.officerA.Page(pages + "/periods/" + pid); st != http.StatusOK || strings.Contains(html, `id="province-report"`) {
		t.Errorf("officer's board: %d, or it shows the province report", st)
	}
	if _, html := f.reader.Page(pages + "/periods/" + pid); !strings.Contains(html, `id="province-report"`) {
		t.Errorf("the read-only leader's board lacks the province report")
	}
	resp, body = f.standing.Do(http.MethodPost, api+"/regimes/"+strconv.Itoa(f.regimeID)+"/templates", map[string]any{})
	expectStatus(t, "standing agency edits templates", resp, body, http.StatusForbidden)

	// Unit B's officer: A's report and its pages are not found; writing it neither.
	resp, body = f.officerB.Do(http.MethodPost, unitURL(a)+"/files", nil)
	expectStatus(t, "officer B attaches to A", resp, body, http.StatusNotFound)
	if st, _ := f.officerB.Page(pages + "/units/" + strconv.Itoa(a)); st != http.StatusNotFound {
		t.Errorf("officer B opens A's page: %d", st)
	}
	resp, _ = f.officerB.Form(pages+"/units/"+strconv.Itoa(a), url.Values{"texts.leadership": {"x"}})
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("officer B saves A's page form: %d", resp.StatusCode)
	}

	// Another province: every route of Nghệ An's reports is not found, and Nghệ An's ids are not
	// found on Hòa Bình's routes either.
	hb := f.e.Client()
	hb.Login("admin@hoa-binh.danvan.vn")
	for _, p := range []string{api + "/periods", api + "/periods/" + pid, unitURL(a), pages, pages + "/periods/" + pid, pages + "/units/" + strconv.Itoa(a)} {
		resp, body := hb.Do(http.MethodGet, p, nil)
		expectStatus(t, "Hòa Bình GET "+p, resp, body, http.StatusNotFound)
	}
	hbAPI := "/api/v1/t/hoa-binh/reports"
	for _, r := range []struct{ method, path string }{
		{http.MethodGet, hbAPI + "/periods/" + pid}, {http.MethodGet, hbAPI + "/units/" + strconv.Itoa(a)},
		{http.MethodPost, hbAPI + "/units/" + strconv.Itoa(a) + "/accept"}, {http.MethodPost, hbAPI + "/units/" + strconv.Itoa(a) + "/excuse"},
		{http.MethodPost, hbAPI + "/periods/" + pid + "/generate"}, {http.MethodGet, hbAPI + "/periods/" + pid + "/board.xlsx"},
		{http.MethodGet, hbAPI + "/regimes/" + strconv.Itoa(f.regimeID) + "/templates"},
	} {
		resp, body := hb.Do(r.method, r.path, map[string]any{"reason": "Sáp nhập.", "note": "x"})
		expectStatus(t, "Hòa Bình "+r.method+" "+r.path, resp, body, http.StatusNotFound)
	}
	if u := f.unit(t, f.admin, a); u.Status != "not_started" || len(u.Content.Texts) != 0 {
		t.Errorf("refusals changed the report: %+v", u)
	}
}

// TestReports_InvalidInput: bad texts and values are 422 naming the field, and change nothing.
func TestReports_InvalidInput(t *testing.T) {
	f := setup(t)
	a := f.a.ReportID
	resp, body := f.officerA.Do(http.MethodPut, unitURL(a), map[string]any{"texts": map[string]string{"leadership": "Bản đầu."}})
	apptest.Expect(t, resp, body, http.StatusOK, "")
	for _, c := range []struct{ what, body, field string }{
		{"invalid UTF-8", "{\"texts\":{\"leadership\":\"Bad \xff byte\"}}", "leadership"},
		{"control character", `{"texts":{"leadership":"NUL \u0000 here"}}`, "texts.leadership"},
		{"control character in a value", `{"values":{"docs_issued":"1\u0007"}}`, "values.docs_issued"},
		{"unknown indicator", `{"values":{"no_such_code":"1"}}`, "values.no_such_code"},
		{"unknown section", `{"texts":{"no_such_section":"x"}}`, "texts.no_such_section"},
		{"oversize text", `{"texts":{"leadership":"` + strings.Repeat("ạ", 50_001) + `"}}`, "texts.leadership"},
		{"oversize value", `{"values":{"docs_issued":"` + strings.Repeat("1", 501) + `"}}`, "values.docs_issued"},
		{"wrong type", `{"texts":{"leadership":5}}`, "texts"},
	} {
		resp, body := raw(t, f.officerA, http.MethodPut, unitURL(a), c.body)
		expectField(t, c.what, resp, body, c.field)
	}
	// Long texts within the limit are fine.
	long := strings.Repeat("Tiếp công dân định kỳ. ", 2000) // 46,000 characters
	resp, body = f.officerA.Do(http.MethodPut, unitURL(a), map[string]any{"texts": map[string]string{"leadership": long}})
	apptest.Expect(t, resp, body, http.StatusOK, "")
	if u := f.unit(t, f.officerA, a); u.Content.Texts["leadership"] != strings.TrimSpace(long) {
		t.Errorf("long text not kept: %d characters", len([]rune(u.Content.Texts["leadership"])))
	}
	resp, body = f.officerA.Do(http.MethodPut, unitURL(a), map[string]any{"texts": map[string]string{"leadership": "Bản đầu."}})
	apptest.Expect(t, resp, body, http.StatusOK, "")
	// The refusals changed nothing.
	if u := f.unit(t, f.officerA, a); u.Content.Texts["leadership"] != "Bản đầu." || u.Content.Values["docs_issued"] != "" ||
		len(u.Content.Values) != len(u.Content.Computed) || len(u.Content.Texts) != 1 {
		t.Errorf("content after refusals: %+v", u.Content)
	}

	// Opening: a bad period key names the field.
	resp, body = f.admin.Do(http.MethodPost, api+"/periods", map[string]any{"regime_id": f.regimeID, "key": "2025-Q9"})
	expectField(t, "bad period", resp, body, "period")
	resp, body = f.admin.Do(http.MethodPost, api+"/periods", map[string]any{"key": "2025-H2"})
	expectField(t, "no regime", resp, body, "regime_id")

	// Templates: a bad one names the row and field; a good one is the next version.
	resp, body = f.admin.Do(http.MethodGet, api+"/regimes/"+strconv.Itoa(f.regimeID)+"/templates", nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	ts := decode[reports.TemplatesJSON](t, body)
	if len(ts.Templates) != 1 || ts.Templates[0].Version != 1 || len(ts.Templates[0].Periods) == 0 {
		t.Fatalf("templates: %+v", ts)
	}
	cur := ts.Templates[0]
	secs := append([]schematype.ReportSection{}, cur.Sections...)
	secs[2].Title = ""
	tplURL := api + "/regimes/" + strconv.Itoa(f.regimeID) + "/templates"
	resp, body = f.admin.Do(http.MethodPost, tplURL, map[string]any{"name": cur.Name, "sections": secs, "indicators": cur.Indicators})
	expectField(t, "template without a title", resp, body, "sections[2].title")
	inds := append([]schematype.ReportIndicator{}, cur.Indicators...)
	inds[1].Type = "float"
	resp, body = f.admin.Do(http.MethodPost, tplURL, map[string]any{"name": cur.Name, "sections": cur.Sections, "indicators": inds})
	expectField(t, "indicator of no type", resp, body, "indicators[1].type")
	secs[2].Title = "Cải cách hành chính, chuyển đổi số"
	resp, body = f.admin.Do(http.MethodPost, tplURL, map[string]any{"name": cur.Name, "sections": secs, "indicators": cur.Indicators})
	apptest.Expect(t, resp, body, http.StatusCreated, "")
	if v2 := decode[reports.TemplateJSON](t, body); v2.Version != 2 || v2.Sections[2].Title != secs[2].Title {
		t.Errorf("saved template: %+v", v2)
	}
	resp, body = f.admin.Do(http.MethodGet, tplURL, nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	if ts = decode[reports.TemplatesJSON](t, body); len(ts.Templates) != 2 || len(ts.Templates[0].Periods) != 0 || len(ts.Templates[1].Periods) != len(cur.Periods) {
		t.Errorf("versions after saving: %+v", ts)
	}
}

// TestReports_Pages: every page renders in Vietnamese and English; the forms work without
// JavaScript (save, submit with errors shown by the fields, review, excuse, open).
func TestReports_Pages(t *testing.T) {
	f := setup(t)
	a := strconv.Itoa(f.a.ReportID)
	pid := strconv.Itoa(f.period.Period.ID)
	for _, lang := range []struct{ code, want string }{{"vi", "Báo cáo định kỳ"}, {"en", "Periodic reports"}} {
		for _, c := range []*apptest.Client{f.admin, f.officerA} {
			c.Lang = lang.code
			for _, p := range []string{pages, pages + "/periods/" + pid, pages + "/units/" + a, pages + "/templates",
				pages + "/regimes/" + strconv.Itoa(f.regimeID) + "/template"} {
				st, html := c.Page(p)
				if key := rawKey.FindString(strings.ReplaceAll(html, "/static/reports.js", "")); st != http.StatusOK || !strings.Contains(html, lang.want) || key != "" {
					t.Errorf("%s %s: %d (want %q, no raw keys: %q)", lang.code, p, st, lang.want, key)
				}
			}
			c.Lang = ""
		}
	}
	f.admin.Lang = "en"
	if _, html := f.admin.Page(pages + "/periods/" + pid); !strings.Contains(html, "Export to Excel") || !strings.Contains(html, "Consolidate the report") {
		t.Errorf("period page in English lacks its actions")
	}
	f.admin.Lang = ""
	// Unit staff see the board but not the province report (every unit's text and figures).
	if st, html := f.officerA.Page(pages + "/periods/" + pid); st != http.StatusOK || strings.Contains(html, `id="province-report"`) {
		t.Errorf("unit staff's period page: %d, shows the province report: %v", st, strings.Contains(html, `id="province-report"`))
	}
	resp, body := f.officerA.Do(http.MethodGet, "/api/v1/t/nghe-an/reports/periods/"+pid+"/outputs", nil)
	expectStatus(t, "unit staff list the province report's outputs", resp, body, http.StatusNotFound)
	_, html := f.officerA.Page(pages)
	if !strings.Contains(html, "Báo cáo của đơn vị tôi") || !strings.Contains(html, "/units/"+a) {
		t.Errorf("unit staff's periods page lacks their reports")
	}
	_, html = f.officerA.Page(pages + "/units/" + a)
	if !strings.Contains(html, `name="texts.leadership"`) || !strings.Contains(html, "tự động tính") || !strings.Contains(html, "data-autosave") ||
		strings.Contains(html, "/submit") {
		t.Errorf("officer's form: inputs, computed marks, autosave, no submit button")
	}
	_, html = f.reader.Page(pages + "/units/" + a)
	if strings.Contains(html, `name="texts.leadership"`) || strings.Contains(html, "data-autosave") {
		t.Errorf("read-only leader sees a form")
	}

	// Save by the form, then submit: the missing fields are shown next to them.
	resp, _ = f.officerA.Form(pages+"/units/"+a, url.Values{"texts.leadership": {"Đã quán triệt."}, "values.docs_issued": {"2"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("form save: %d", resp.StatusCode)
	}
	resp, html = f.leaderA.Form(pages+"/units/"+a+"/submit", url.Values{"texts.leadership": {"Đã quán triệt."}, "values.docs_issued": {"abc"}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(html, `data-error-for="texts.state_agencies">`) ||
		!strings.Contains(html, "Phải là số nguyên.") || !strings.Contains(html, "abc") {
		t.Errorf("form submit with errors: %d", resp.StatusCode)
	}
	u := f.unit(t, f.officerA, f.a.ReportID)
	resp, body = f.officerA.Do(http.MethodPut, unitURL(f.a.ReportID), complete(u))
	apptest.Expect(t, resp, body, http.StatusOK, "")
	resp, _ = f.leaderA.Form(pages+"/units/"+a+"/submit", url.Values{})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("form submit: %d", resp.StatusCode)
	}
	resp, html = f.standing.Form(pages+"/units/"+a+"/return", url.Values{"note": {""}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(html, "Vui lòng nhập thông tin này.") {
		t.Errorf("return without a note: %d", resp.StatusCode)
	}
	resp, _ = f.standing.Form(pages+"/units/"+a+"/accept", url.Values{"note": {"Tốt."}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Errorf("accept by form: %d", resp.StatusCode)
	}
	_, html = f.standing.Page(pages + "/units/" + a + "?version=1")
	if !strings.Contains(html, "Đang xem nội dung lần gửi 1") {
		t.Errorf("version view")
	}
	resp, _ = f.standing.Form(pages+"/units/"+strconv.Itoa(f.b.ReportID)+"/excuse", url.Values{"excused": {"1"}, "reason": {"Sáp nhập."}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Errorf("excuse by form: %d", resp.StatusCode)
	}
	resp, html = f.admin.Form(pages+"/periods", url.Values{"regime_id": {strconv.Itoa(f.regimeID)}, "key": {"2025-X"}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(html, "field-error") {
		t.Errorf("open with a bad key: %d", resp.StatusCode)
	}
	resp, _ = f.admin.Form(pages+"/periods", url.Values{"regime_id": {strconv.Itoa(f.regimeID)}, "key": {"2025-H2"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Errorf("open by form: %d", resp.StatusCode)
	}
	// The template editor: a refused JSON names the field.
	tpl := pages + "/regimes/" + strconv.Itoa(f.regimeID) + "/template"
	resp, html = f.admin.Form(tpl, url.Values{"json": {`{"name":"Mẫu","sections":[{"key":"a","no":"I","title":""}]}`}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(html, "sections[0].title") {
		t.Errorf("template editor refusal: %d", resp.StatusCode)
	}
	resp, html = f.admin.Form(tpl, url.Values{"json": {`{"name": "Mẫu",`}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(html, "<code>json</code>") {
		t.Errorf("template editor syntax error: %d", resp.StatusCode)
	}
}

// TestReports_Generate: the province report is consolidated in the background; its outputs
// are listed and downloadable, and a final version can be uploaded beside them.
func TestReports_Generate(t *testing.T) {
	f := setup(t)
	pid := strconv.Itoa(f.period.Period.ID)
	resp, body := f.standing.Do(http.MethodPost, api+"/periods/"+pid+"/generate", nil)
	apptest.Expect(t, resp, body, http.StatusCreated, "")
	var job struct {
		ID     int    `json:"id"`
		Status string `json:"status"`
	}
	job = decode[struct {
		ID     int    `json:"id"`
		Status string `json:"status"`
	}](t, body)
	st, html := f.standing.Page(pages + "/periods/" + pid)
	if st != http.StatusOK || !strings.Contains(html, fmt.Sprintf(`data-job-url="/api/v1/t/nghe-an/jobs/%d"`, job.ID)) || !strings.Contains(html, "<progress") {
		t.Errorf("period page without the live progress: %d", st)
	}
	deadline := time.Now().Add(90 * time.Second)
	for {
		resp, body = f.standing.Do(http.MethodGet, api+"/periods/"+pid+"/generation", nil)
		apptest.Expect(t, resp, body, http.StatusOK, "")
		job = decode[struct {
			ID     int    `json:"id"`
			Status string `json:"status"`
		}](t, body)
		if job.Status == "succeeded" || job.Status == "failed" || time.Now().After(deadline) {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if job.Status != "succeeded" {
		t.Fatalf("generation: %s", body)
	}
	resp, body = f.reader.Do(http.MethodGet, api+"/periods/"+pid+"/outputs", nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	outs := decode[reports.OutputsJSON](t, body)
	if len(outs.Outputs) != 3 {
		t.Fatalf("outputs: %s", body)
	}
	resp, body = f.reader.Do(http.MethodGet, api+"/periods/"+pid+"/outputs/"+strconv.Itoa(outs.Outputs[0].ID), nil)
	if resp.StatusCode != http.StatusOK || len(body) == 0 {
		t.Errorf("download output: %d", resp.StatusCode)
	}
	resp, body = f.standing.Upload(api+"/periods/"+pid+"/final", "file", "bao-cao.txt", []byte("không phải docx"), nil)
	expectField(t, "final of a wrong type", resp, body, "file")
	resp, body = f.standing.Upload(api+"/periods/"+pid+"/final", "file", "Báo cáo đã ký.pdf", pdf(), nil)
	apptest.Expect(t, resp, body, http.StatusCreated, "")
	if o := decode[reports.OutputJSON](t, body); o.Kind != "final" || o.Version != 1 {
		t.Errorf("final: %+v", o)
	}
	resp, body = f.standing.Do(http.MethodPost, api+"/periods/"+pid+"/generation/cancel", nil)
	expectStatus(t, "cancel a finished job", resp, body, http.StatusConflict)
}

// rawKey is a catalog key shown as it is: a missing message.
var rawKey = regexp.MustCompile(`(reports|field|error)\.[a-z_]+`)

func pdf() []byte { return []byte("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n") }
