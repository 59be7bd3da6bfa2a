package browsertest

import (
	"context"
	"encoding/json"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/danvan-vn/danvan/internal/app/apptest"
	"github.com/danvan-vn/danvan/internal/areas/reports"
	"github.com/danvan-vn/danvan/internal/seed"
)

// jobPatience bounds the wait for the consolidation job to finish and the page to reload itself.
const jobPatience = 90 * time.Second

// shot writes a full-page PNG of the tab to path when DANVAN_SHOTS=1 (for a person to look at;
// never committed).
func (b *browser) shot(path string) {
	b.t.Helper()
	if os.Getenv("DANVAN_SHOTS") != "1" {
		return
	}
	ctx, cancel := b.ctx()
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		b.t.Fatalf("screenshot %s: %v", path, err)
	}
	if err := os.WriteFile(path, png, 0o644); err != nil {
		b.t.Fatal(err)
	}
	b.t.Logf("screenshot %s", path)
}

// waitFor evaluates expr until it returns a non-empty string or within is over, across the
// page's own reloads (an evaluation while a page is replaced fails; the next one goes on).
func (b *browser) waitFor(what, expr string, within time.Duration) string {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.tab, within)
	defer cancel()
	var last error
	for {
		step, stop := context.WithTimeout(ctx, 5*time.Second)
		s, err := chromedp.Run(step, chromedp.Evaluate[string](expr))
		stop()
		if err == nil && s != "" {
			return s
		}
		last = err
		select {
		case <-ctx.Done():
			b.t.Fatalf("%s: not within %s (last error %v)", what, within, last)
			return ""
		case <-time.After(200 * time.Millisecond):
		}
	}
}

func decodeJSON[T any](t *testing.T, body []byte) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(body, &v); err != nil {
		t.Fatalf("decode %T: %v: %.300s", v, err, body)
	}
	return v
}

// TestBrowser_ReportsFlow is a unit's report in the open period from draft to the province
// report: the unit officer types a section and the page saves it by itself; a figure typed in
// words is refused with its reason when the unit leader submits, who corrects it and submits;
// the standing agency starts the consolidation and watches the progress bar until the page
// shows the DOCX, XLSX and PDF.
func TestBrowser_ReportsFlow(t *testing.T) {
	exe := chromium(t)
	e := apptest.Start(t, apptest.Options{Mode: "services", RedisDB: redisDB, Configured: true})
	apptest.WaitTenant(t, e.App, "nghe-an", "active")
	const (
		slug = "nghe-an"
		api  = "/api/v1/t/" + slug + "/reports"
		base = "/t/" + slug + "/reports"
	)

	// The demo's open semiannual period and a unit in it that has not started its report.
	admin := e.Client()
	admin.Login("admin@nghe-an.danvan.vn")
	resp, body := admin.Do(http.MethodGet, api+"/periods", nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	var period reports.PeriodJSON
	for _, p := range decodeJSON[reports.PeriodsJSON](t, body).Periods {
		if p.Status == "open" && period.ID == 0 {
			period = p
		}
	}
	if period.ID == 0 {
		t.Fatalf("the demo has no open period: %s", body)
	}
	resp, body = admin.Do(http.MethodGet, api+"/periods/"+strconv.Itoa(period.ID), nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	var row reports.BoardRowJSON
	for _, r := range decodeJSON[reports.BoardJSON](t, body).Units {
		if r.Status == "not_started" && !r.Excused && row.ReportID == 0 {
			row = r
		}
	}
	if row.ReportID == 0 {
		t.Fatalf("no unit of %s has yet to start: %s", period.Name, body)
	}
	officerAPI := e.UnitPerson(t, "officer@nghe-an.test", "unit_officer", slug, row.UnitID, false)
	e.UnitPerson(t, "leader@nghe-an.test", "unit_leader", slug, row.UnitID, false)
	e.Person(t, "standing@nghe-an.test", "standing_agency", slug, false)
	unitAPI := api + "/units/" + strconv.Itoa(row.ReportID)
	unitPage := base + "/units/" + strconv.Itoa(row.ReportID)
	periodPage := base + "/periods/" + strconv.Itoa(period.ID)

	resp, body = officerAPI.Do(http.MethodGet, unitAPI, nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	u := decodeJSON[reports.UnitReportJSON](t, body)
	if u.Template == nil || len(u.Template.Sections) == 0 {
		t.Fatalf("the report has no template: %s", body)
	}
	section := u.Template.Sections[0].Key
	figure := ""
	for _, ind := range u.Template.Indicators {
		if ind.Type == "integer" && ind.Source == "" && figure == "" {
			figure = ind.Code
		}
	}
	if figure == "" {
		t.Fatalf("the template asks for no integer the unit types: %+v", u.Template.Indicators)
	}
	t.Logf("%s: %s, report %d, section %q, figure %q", period.Name, row.UnitName, row.ReportID, section, figure)

	login := func(b *browser, email string) {
		b.t.Helper()
		b.open("/login")
		b.do("log in", chromedp.SendKeys(chromedp.ID("email"), email), chromedp.SendKeys(chromedp.ID("password"), seed.DemoPassword))
		if resp := b.submit(`form[action="/login"] button[type="submit"]`); resp.Status != 200 {
			b.t.Fatalf("login %s: %d", email, resp.Status)
		}
	}
	step := func(name string, b *browser, f func(t *testing.T)) {
		if !t.Run(name, func(t *testing.T) { b.t = t; f(t) }) {
			b.t = t
			t.FailNow()
		}
		b.t = t
	}
	status := `document.querySelector("[data-autosave-status]").textContent`

	const typed = "Đã tổ chức 4 hội nghị quán triệt công tác dân vận; phổ biến tới 100% cán bộ, công chức."
	officer := newBrowser(t, exe, e.URL)
	step("officer autosave", officer, func(t *testing.T) {
		login(officer, "officer@nghe-an.test")
		if resp := officer.open(unitPage); resp.Status != 200 {
			t.Fatalf("unit report page: %d", resp.Status)
		}
		if s := eval[string](officer, status); s != "" {
			t.Fatalf("the status reads %q before anything was typed", s)
		}
		// Typed, not saved with the button: the page saves about 2 s after the typing stops.
		officer.do("type a section", chromedp.SendKeys(chromedp.ID("t-"+section), typed))
		saved := officer.waitFor("the autosave status", `(() => { const s = `+status+`; return s.includes("Đã lưu") ? s : ""; })()`, stepTimeout)
		if !strings.HasPrefix(saved, "Đã lưu lúc ") {
			t.Errorf("autosave status = %q, want Đã lưu lúc hh:mm", saved)
		}
		if p := officer.path(); p != unitPage {
			t.Errorf("the page moved to %s: the form was posted, not saved in the background", p)
		}
		// A new load of the page shows what was typed: the server has it.
		officer.open(unitPage)
		if v := eval[string](officer, `document.getElementById("t-`+section+`").value`); v != typed {
			t.Errorf("after a reload the section holds %q, want %q", v, typed)
		}
		if b := officer.text(".page-head .badge"); b != "Đang soạn" {
			t.Errorf("after the autosave the report is %q, want Đang soạn", b)
		}
		officer.shot("/tmp/reports-unit.png")

		// A figure in words, saved when the field loses focus: a draft keeps what was typed
		// (the reason shows when the report is submitted).
		officer.do("clear the status", chromedp.Evaluate[chromedp.Void](status+` = ""`))
		officer.do("type a figure in words", chromedp.SendKeys(chromedp.ID("v-"+figure), "mười"), chromedp.Focus(chromedp.ID("t-"+section)))
		officer.waitFor("the autosave of the figure", `(() => { const s = `+status+`; return s.includes("Đã lưu") ? s : ""; })()`, stepTimeout)
		if p := officer.problems(); len(p) > 0 {
			t.Errorf("console problems: %v", p)
		}
	})

	// The rest of the report, as the officer would have written it over the following days; the
	// figure stays in words.
	resp, body = officerAPI.Do(http.MethodGet, unitAPI, nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	u = decodeJSON[reports.UnitReportJSON](t, body)
	if u.Content.Texts[section] != typed || u.Content.Values[figure] != "mười" {
		t.Fatalf("the autosaved content: texts[%s] %q, values[%s] %q", section, u.Content.Texts[section], figure, u.Content.Values[figure])
	}
	texts, values := map[string]string{section: typed}, map[string]string{figure: "mười"}
	for _, s := range u.Template.Sections {
		if texts[s.Key] == "" {
			texts[s.Key] = "Mục " + s.No + ": đơn vị đã triển khai theo kế hoạch."
		}
	}
	for _, ind := range u.Template.Indicators {
		if ind.Source != "" || values[ind.Code] != "" {
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
	resp, body = officerAPI.Do(http.MethodPut, unitAPI, map[string]any{"texts": texts, "values": values})
	apptest.Expect(t, resp, body, http.StatusOK, "")

	leader := newBrowser(t, exe, e.URL)
	step("leader submits", leader, func(t *testing.T) {
		login(leader, "leader@nghe-an.test")
		leader.open(unitPage)
		submit := `#report-form button[formaction$="/submit"]`
		resp := leader.submit(submit)
		if resp.Status != 422 {
			t.Fatalf("submitting a figure in words: %d, want 422", resp.Status)
		}
		if msg := leader.text("#e-v-" + figure); msg != "Phải là số nguyên." {
			t.Errorf("the figure's error = %q, want Phải là số nguyên.", msg)
		}
		if v := eval[string](leader, `document.getElementById("v-`+figure+`").getAttribute("aria-invalid") || ""`); v != "true" {
			t.Errorf("the figure's aria-invalid = %q", v)
		}
		if v := eval[string](leader, `document.getElementById("t-`+section+`").value`); v != typed {
			t.Errorf("after the refusal the section holds %q", v)
		}
		if b := leader.text(".page-head .badge"); b != "Đang soạn" {
			t.Errorf("after the refusal the report is %q", b)
		}
		leader.do("correct the figure", chromedp.Clear(chromedp.ID("v-"+figure)), chromedp.SendKeys(chromedp.ID("v-"+figure), "10"))
		resp = leader.submit(submit)
		if resp.Status != 200 || !strings.Contains(leader.path(), "done=report_submitted") {
			t.Fatalf("submit: %d at %s: %s", resp.Status, leader.path(), leader.text("main"))
		}
		if b := leader.text(".page-head .badge"); b != "Đã gửi" {
			t.Errorf("after submitting the report is %q, want Đã gửi", b)
		}
		if n := eval[int](leader, `document.querySelectorAll("#report-form textarea, #report-form button").length`); n != 0 {
			t.Errorf("a submitted report still has %d field(s) or button(s)", n)
		}
		if p := leader.problems(422); len(p) > 0 {
			t.Errorf("console problems: %v", p)
		}
	})

	standing := newBrowser(t, exe, e.URL)
	step("consolidate", standing, func(t *testing.T) {
		login(standing, "standing@nghe-an.test")
		standing.open(periodPage)
		if n := eval[int](standing, `document.querySelectorAll("a[href*='/outputs/']").length`); n != 0 {
			t.Fatalf("the open period has %d output(s) before any consolidation", n)
		}
		resp := standing.submit(`form[action$="/generate"] button[type="submit"]`)
		if resp.Status != 200 || !strings.Contains(standing.path(), "done=generation_started") {
			t.Fatalf("generate: %d at %s", resp.Status, standing.path())
		}
		if n := eval[int](standing, `document.querySelectorAll(".job-live progress#job-progress[max='100']").length`); n != 1 {
			t.Fatalf("%d progress bar(s) after starting the job, want 1", n)
		}
		// The page follows the job and reloads itself when it succeeded: then the outputs are
		// listed. A failed job stops the wait with its reason.
		got := standing.waitFor("the outputs after the job", `(() => {
			const st = document.querySelector(".job-live [data-job-status]");
			if (st && ["Thất bại", "Đã hủy"].includes(st.textContent.trim())) return "job: " + st.textContent + " " + document.querySelector("[data-job-error]").textContent;
			const names = [...document.querySelectorAll("a[href*='/outputs/']")].map(a => a.textContent.trim().toLowerCase());
			return names.length ? JSON.stringify(names) : "";
		})()`, jobPatience)
		if strings.HasPrefix(got, "job: ") {
			t.Fatalf("the consolidation ended: %s", got)
		}
		var names []string
		if err := json.Unmarshal([]byte(got), &names); err != nil {
			t.Fatal(err)
		}
		for _, ext := range []string{".docx", ".xlsx", ".pdf"} {
			n := 0
			for _, name := range names {
				if strings.HasSuffix(name, ext) {
					n++
				}
			}
			if n != 1 {
				t.Errorf("%d %s output(s), want 1: %q", n, ext, names)
			}
		}
		if len(names) != 3 {
			t.Errorf("outputs %q, want the DOCX, XLSX and PDF", names)
		}
		// Sizes of a few KB read so ("0 MB" before).
		if sizes := eval[[]string](standing, `[...document.querySelectorAll("a[href*='/outputs/']")].map(a => a.closest("tr").children[3].textContent.trim())`); slices.ContainsFunc(sizes, func(s string) bool { return strings.HasPrefix(s, "0 ") }) {
			t.Errorf("output sizes %q", sizes)
		}
		if v := eval[int](standing, `document.getElementById("job-progress").value`); v != 100 {
			t.Errorf("after the job the progress bar is at %d", v)
		}
		if s := standing.text(".job-live [data-job-status]"); s != "Hoàn thành" {
			t.Errorf("after the job its status reads %q", s)
		}
		// A finished job can be neither cancelled nor retried: neither button shows.
		if shown := eval[[]string](standing, `[...document.querySelectorAll(".job-live form")].filter(f => f.checkVisibility()).map(f => f.textContent.trim())`); len(shown) != 0 {
			t.Errorf("after the job the page offers %q", shown)
		}
		// The notice of the start is gone once the job is done.
		if n := eval[string](standing, `[...document.querySelectorAll("main > [role=status]")].map(e => e.textContent.trim()).join(" | ")`); strings.Contains(n, "Đã bắt đầu") {
			t.Errorf("after the job the page still says %q", n)
		}
		// The board counts the unit as on time.
		line := eval[string](standing, `[...document.querySelectorAll('section[aria-labelledby="board-units"] tbody tr')].filter(r => r.textContent.includes(`+strconv.Quote(row.UnitName)+`)).map(r => r.textContent.replace(/\s+/g, " ")).join(" | ")`)
		if !strings.Contains(line, "Đã gửi") {
			t.Errorf("the board shows %s as %q", row.UnitName, line)
		}
		standing.shot("/tmp/reports-board.png")
		if p := standing.problems(); len(p) > 0 {
			t.Errorf("console problems: %v", p)
		}
	})
}
