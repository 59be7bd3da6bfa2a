package browsertest

import (
	"fmt"
	"net/http"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/danvan-vn/danvan/internal/app/apptest"
	"github.com/danvan-vn/danvan/internal/areas/notifications"
	"github.com/danvan-vn/danvan/internal/seed"
)

// shotDir is where the reminders flow's screenshots go (DANVAN_SHOTS=1): outside the repository.
const shotDir = "/tmp/shots"

// TestBrowser_RemindersFlow: the standing agency adds an escalation rule on the reminders page
// and sees it with the preview; after the sweep the log lists what went out; the unit's officer
// follows the bell to the report and comes back to a smaller count, and changes a preference;
// the platform admin reads the mail the sweep left in the outbox (no SMTP: the embedded
// default's mail preview), its HTML in the sandboxed frame.
func TestBrowser_RemindersFlow(t *testing.T) {
	exe := chromium(t)
	e := apptest.Start(t, apptest.Options{Mode: "services", RedisDB: redisDB})
	apptest.WaitTenant(t, e.App, "nghe-an", "active")
	r := e.ReminderSituation(t, "nghe-an", "web")
	const (
		slug  = "nghe-an"
		base  = "/t/" + slug
		api   = "/api/v1/t/" + slug
		tasks = "rules-task"
	)
	if os.Getenv("DANVAN_SHOTS") == "1" {
		if err := os.MkdirAll(shotDir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
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
	count := func(b *browser) string {
		return eval[string](b, `(document.querySelector('[data-testid="bell-count"]') || {textContent: ""}).textContent`)
	}

	head := newBrowser(t, exe, e.URL)
	step("rules", head, func(t *testing.T) {
		login(head, r.Emails["head"])
		if resp := head.open(base + "/reminders"); resp.Status != 200 {
			t.Fatalf("reminders page: %d", resp.Status)
		}
		rows := `document.querySelectorAll("section[aria-labelledby=` + tasks + `] tbody tr").length`
		before := eval[int](head, rows)
		head.do("fill the new rule",
			chromedp.SetValue(chromedp.ID("new-source"), "task"),
			chromedp.SetValue(chromedp.ID("new-days"), "5"),
			chromedp.SetValue(chromedp.ID("new-when"), "after"),
			chromedp.SetValue(chromedp.ID("new-target"), "member"))
		if resp := head.submit(`form[action="` + base + `/reminders/rules"] button[type="submit"]`); resp.Status != 200 {
			t.Fatalf("add rule: %d at %s", resp.Status, head.path())
		}
		if after := eval[int](head, rows); after != before+1 {
			t.Errorf("task rules: %d, want %d", after, before+1)
		}
		section := head.text(`section[aria-labelledby="` + tasks + `"]`)
		if !strings.Contains(section, "5 ngày sau hạn") || !strings.Contains(section, "Thành viên Ban Chỉ đạo phụ trách đơn vị") {
			t.Errorf("the new rule is not in the task table: %q", section)
		}
		if flash := head.text(`main > .notice[role="status"]`); flash == "" {
			t.Error("no message after adding the rule")
		}
		// The preview of the sweep's day: who and why.
		head.open(base + "/reminders?day=" + apptest.ReminderDay.String())
		if n := eval[int](head, `document.querySelectorAll(".reminders-preview tbody tr").length`); n == 0 {
			t.Errorf("the preview of %s is empty", apptest.ReminderDay)
		}
		if why := head.text(".reminders-preview .reminders-why"); why == "" {
			t.Error("the preview says no why")
		}
		head.shot(shotDir + "/reminders.png")
		if p := head.problems(); len(p) > 0 {
			t.Errorf("console problems: %v", p)
		}
	})

	res, err := e.App.Reminders.Sweep(r.Ctx, apptest.ReminderDay)
	if err != nil || res.Decided == 0 {
		t.Fatalf("sweep: %+v %v", res, err)
	}

	step("log", head, func(t *testing.T) {
		if resp := head.open(base + "/reminders/log"); resp.Status != 200 {
			t.Fatalf("log: %d", resp.Status)
		}
		rows := eval[int](head, `document.querySelectorAll("form[action$='/resend']").length`)
		if rows != res.Decided {
			t.Errorf("log: %d entries with resend, want %d", rows, res.Decided)
		}
		page := head.text("main")
		for _, w := range []string{"Chuyển cấp", "Chờ gửi", r.Emails["leaderA"]} {
			if !strings.Contains(page, w) {
				t.Errorf("log page: no %q", w)
			}
		}
		head.shot(shotDir + "/reminders-log.png")
		if p := head.problems(); len(p) > 0 {
			t.Errorf("console problems: %v", p)
		}
	})

	officer := newBrowser(t, exe, e.URL)
	step("bell", officer, func(t *testing.T) {
		login(officer, r.Emails["officer"])
		officer.open(base + "/")
		if c := count(officer); c != "3" {
			t.Errorf("bell = %q, want 3", c)
		}
		officer.submit(".bell")
		if p := officer.path(); p != base+"/notifications" {
			t.Fatalf("the bell led to %s", p)
		}
		officer.shot(shotDir + "/notifications.png")
		// The report's reminder: open it from the list.
		resp, body := r.Officer.Do(http.MethodGet, api+"/notifications", nil)
		apptest.Expect(t, resp, body, http.StatusOK, "")
		report := fmt.Sprintf("%s/reports/units/%d", base, r.Reports["A"])
		id := 0
		for _, it := range decodeJSON[notifications.ListJSON](t, body).Items {
			if it.Link == report {
				id = it.ID
			}
		}
		if id == 0 {
			t.Fatalf("no notification links to %s: %s", report, body)
		}
		if resp := officer.submit(`form[action="` + base + `/notifications/` + strconv.Itoa(id) + `/open"] button`); resp.Status != 200 || officer.path() != report {
			t.Fatalf("opening the reminder: %d at %s, want %s", resp.Status, officer.path(), report)
		}
		// Back (the browser's button), then the list as the server sees it now.
		officer.do("back", chromedp.Evaluate[chromedp.Void](`history.back()`))
		officer.waitFor("back at the list", `location.pathname === "`+base+`/notifications" ? "ok" : ""`, stepTimeout)
		officer.open(base + "/notifications")
		if c := count(officer); c != "2" {
			t.Errorf("bell after reading one = %q, want 2", c)
		}
		if n := eval[int](officer, `document.querySelectorAll(".notification.unread").length`); n != 2 {
			t.Errorf("%d unread in the list, want 2", n)
		}
		if p := officer.problems(); len(p) > 0 {
			t.Errorf("console problems: %v", p)
		}
	})

	step("preferences", officer, func(t *testing.T) {
		officer.submit(`a[href$="/notifications/preferences"]`)
		box := `document.querySelector('input[name="urge.email"]').checked`
		if !eval[bool](officer, box) {
			t.Fatal("urges by e-mail are off by default")
		}
		officer.do("untick urge by e-mail", chromedp.Click(chromedp.CSS(`input[name="urge.email"]`)))
		if resp := officer.submit(`form[action="` + base + `/notifications/preferences"] button[type="submit"]`); resp.Status != 200 {
			t.Fatalf("save preferences: %d", resp.Status)
		}
		officer.open(base + "/notifications/preferences")
		if eval[bool](officer, box) {
			t.Error("urge by e-mail is still on after saving")
		}
		if !eval[bool](officer, `document.querySelector('input[name="reminder.email"]').checked`) {
			t.Error("reminder by e-mail went off with the urge's")
		}
		officer.shot(shotDir + "/notification-prefs.png")
		// Back to the list by the page's own link.
		if resp := officer.submit(`.page-head a`); resp.Status != 200 {
			t.Errorf("the preferences page's back link: %d at %s", resp.Status, officer.path())
		}
		if p := officer.problems(); len(p) > 0 {
			t.Errorf("console problems: %v", p)
		}
	})

	platform := newBrowser(t, exe, e.URL)
	step("mail preview", platform, func(t *testing.T) {
		login(platform, seed.PlatformAdminEmail)
		if resp := platform.open("/platform/mail"); resp.Status != 200 {
			t.Fatalf("mail list: %d", resp.Status)
		}
		if n := eval[int](platform, `document.querySelectorAll("tbody tr").length`); n < res.Decided {
			t.Errorf("the outbox lists %d mails, want at least %d", n, res.Decided)
		}
		platform.submit(`tbody tr td a[href^="/platform/mail/"]`)
		if !strings.HasPrefix(platform.path(), "/platform/mail/") {
			t.Fatalf("a mail's page: at %s", platform.path())
		}
		if s := platform.text("h1"); s == "" {
			t.Error("the mail page has no subject")
		}
		// The frame loads the HTML body (its own CSP sandbox: no script, no request).
		platform.waitFor("the mail's HTML in the frame", `(() => { const f = document.querySelector("iframe.mail-html");
			return f && f.getBoundingClientRect().height > 50 ? "ok" : ""; })()`, stepTimeout)
		mailPath := platform.path()
		platform.do("let the frame paint", chromedp.Sleep(1500*time.Millisecond))
		// A viewport shot: a full-page one leaves the sandboxed frame (another process) blank.
		if os.Getenv("DANVAN_SHOTS") == "1" {
			ctx, cancel := platform.ctx()
			_ = chromedp.Do(ctx, chromedp.ScrollIntoView("iframe.mail-html"))
			png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
			cancel()
			if err == nil {
				err = os.WriteFile(shotDir+"/mail-preview.png", png, 0o644)
			}
			if err != nil {
				t.Errorf("screenshot: %v", err)
			}
		}
		// The body itself, as the frame loads it.
		if resp := platform.open(mailPath + "/html"); resp.Status != 200 {
			t.Errorf("the mail's HTML: %d", resp.Status)
		}
		if body := platform.text("body"); !strings.Contains(body, "web") {
			t.Errorf("the mail's HTML reads %q", body)
		}
		platform.open(mailPath)
		if p := platform.problems(); len(p) > 0 {
			t.Errorf("console problems: %v", p)
		}
	})
}
