package browsertest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/danvan-vn/danvan/ent/unitversion"
	"github.com/danvan-vn/danvan/internal/app/apptest"
	"github.com/danvan-vn/danvan/internal/seed"
	"github.com/danvan-vn/danvan/internal/tenancy"
)

// TestBrowser_DirectiveFlow is the directive flow as a new user tries it: the standing agency
// pastes a Quảng Ngãi letter, reviews the draft beside the text, confirms and sees the tasks per
// unit; the officer of one of those units logs in, reports the task done with a file; the
// province's plan board shows the unit's task done.
func TestBrowser_DirectiveFlow(t *testing.T) {
	exe := chromium(t)
	e := apptest.Start(t, apptest.Options{Mode: "services", RedisDB: redisDB, Configured: true})
	apptest.WaitTenant(t, e.App, "quang-ngai", "active")
	letter, err := os.ReadFile(filepath.Join("..", "directive", "testdata", "01-qn-cong-van-2150-2021.txt"))
	if err != nil {
		t.Fatal(err)
	}
	base := "/t/quang-ngai"
	b := newBrowser(t, exe, e.URL)
	step := func(name string, f func(t *testing.T)) {
		if !t.Run(name, func(t *testing.T) { b.t = t; f(t) }) {
			b.t = t
			t.FailNow()
		}
		b.t = t
	}
	login := func(b *browser, email string) {
		b.open("/login")
		b.do("log in", chromedp.SendKeys(chromedp.ID("email"), email), chromedp.SendKeys(chromedp.ID("password"), seed.DemoPassword))
		if resp := b.submit(`form[action="/login"] button[type="submit"]`); resp.Status != 200 {
			b.t.Fatalf("login %s: %d", email, resp.Status)
		}
	}

	var planPath string
	step("paste", func(t *testing.T) {
		login(b, "admin@quang-ngai.danvan.vn")
		b.open(base + "/directives/new")
		b.do("paste the letter", chromedp.SetValue(chromedp.ID("text"), string(letter)))
		resp := b.submit(`form[action$="/directives/extract"] button[type="submit"]`)
		if resp.Status != 200 || !strings.HasSuffix(b.path(), "/directives/extract") {
			t.Fatalf("extract: %d at %s", resp.Status, b.path())
		}
		if n := eval[int](b, `document.querySelectorAll(".directive-text mark.hl-cite").length`); n < 3 {
			t.Errorf("%d citations highlighted in the text, want the letter's 4", n)
		}
		if n := eval[int](b, `document.querySelectorAll(".directive-text mark.hl-unit").length`); n < 2 {
			t.Errorf("%d unit phrases highlighted", n)
		}
		if v := eval[string](b, `document.getElementById("doc_number").value`); v != "2150/UBND-NC" {
			t.Errorf("number = %q", v)
		}
		// The text and the draft sit side by side in a 1280 px window.
		left := eval[float64](b, `document.querySelector(".review-text").getBoundingClientRect().right`)
		right := eval[float64](b, `document.querySelector(".review-form").getBoundingClientRect().left`)
		if right < left {
			t.Errorf("the draft (left edge %.0f) is not beside the text (right edge %.0f)", right, left)
		}
		if w := eval[float64](b, `document.documentElement.scrollWidth`); w > 1280 {
			t.Errorf("the review page is %.0f px wide in a 1280 px window", w)
		}
	})

	step("confirm", func(t *testing.T) {
		resp := b.submit(`button[name="action"][value="confirm"]`)
		planPath = b.path()
		if resp.Status != 200 || !strings.HasPrefix(planPath, base+"/plans/") {
			t.Fatalf("confirm: %d at %s", resp.Status, planPath)
		}
		planPath = strings.SplitN(planPath, "?", 2)[0]
		page := b.text("main")
		for _, want := range []string{"Thanh tra tỉnh", "Sở Thông tin và Truyền thông"} {
			if !strings.Contains(page, want) {
				t.Errorf("the plan page does not list %q", want)
			}
		}
	})

	var officer *browser
	step("officer reports", func(t *testing.T) {
		ctx := tenancy.SystemContext(t.Context())
		qn, err := e.App.Tenants.BySlug(ctx, "quang-ngai")
		if err != nil {
			t.Fatal(err)
		}
		v, err := e.App.DB.Client.UnitVersion.Query().Where(unitversion.TenantID(qn.ID), unitversion.Name("Thanh tra tỉnh"),
			unitversion.ValidToIsNil()).First(ctx)
		if err != nil {
			t.Fatal(err)
		}
		e.UnitPerson(t, "thanhtra@quang-ngai.test", "unit_officer", "quang-ngai", v.UnitID, false)
		officer = newBrowser(t, exe, e.URL)
		officer.t = t
		login(officer, "thanhtra@quang-ngai.test")
		officer.open(base + "/my-tasks")
		id := eval[string](officer, `(() => { const f = [...document.querySelectorAll('form[action*="/assignments/"][action$="/progress"]')]
			.find(f => f.closest("section").textContent.includes("2150/UBND-NC") && f.closest("section").textContent.includes("Ban Tiếp công dân"));
			return f ? f.action.split("/assignments/")[1].split("/")[0] : "" })()`)
		if id == "" {
			t.Fatalf("no report form for Thanh tra tỉnh's task on %s: %s", officer.path(), officer.text("main"))
		}
		evidence := filepath.Join(t.TempDir(), "bao-cao-ket-qua.txt")
		if err := os.WriteFile(evidence, []byte("Báo cáo kết quả theo dõi, đôn đốc giải quyết khiếu nại, tố cáo năm 2021.\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		officer.do("fill the report",
			chromedp.Click(chromedp.CSS(`#a-`+id+` details.report-form summary`)),
			chromedp.SendKeys(chromedp.ID("pn-"+id), "Đã hoàn thành việc theo dõi, đôn đốc trong năm."),
			chromedp.SetUploadFiles(chromedp.ID("pf-"+id), []string{evidence}),
			chromedp.Click(chromedp.ID("pc-"+id)))
		resp := officer.submit(`#a-` + id + ` form[action$="/progress"] button[type="submit"]`)
		if resp.Status != 200 {
			t.Fatalf("report: %d at %s", resp.Status, officer.path())
		}
		if s := officer.text("#a-" + id); !strings.Contains(s, "Hoàn thành") {
			t.Errorf("after the report the task reads %q", s)
		}
		if p := officer.problems(); len(p) > 0 {
			t.Errorf("console problems: %v", p)
		}
	})

	step("board", func(t *testing.T) {
		b.open(planPath)
		row := eval[string](b, `[...document.querySelectorAll("li")].filter(li => li.textContent.includes("Thanh tra tỉnh")).map(li => li.textContent).join(" | ")`)
		if !strings.Contains(row, "Hoàn thành đúng hạn") {
			t.Errorf("the board shows Thanh tra tỉnh as %q, want done on time", row)
		}
		if p := b.problems(); len(p) > 0 {
			t.Errorf("console problems: %v", p)
		}
	})
}
