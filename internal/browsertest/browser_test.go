// Package browsertest drives the web app in a real browser (headless Chromium through
// chromedp) for the main flows: log in, switch language, the unit tree across the 1/7/2025
// reform, add a unit, a committee's org chart, a form error, log out. The handler tests parse
// the HTML; these prove the pages work where people use them (cookies, CSRF tokens in forms,
// redirects, the CSP with the vendored htmx, Vietnamese text typed into inputs).
package browsertest

import (
	"bytes"
	"context"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/danvan-vn/danvan/internal/app/apptest"
	"github.com/danvan-vn/danvan/internal/seed"
)

const redisDB = 10 // this package's Redis database

// Patience: a cold browser on a busy 2-core CI machine, then each step of a flow.
const (
	startTimeout = 90 * time.Second
	stepTimeout  = 60 * time.Second
)

// chromium finds the browser: $DANVAN_CHROMIUM, Debian's /usr/bin/chromium, or chromium on the
// PATH. Without one the test is skipped on a developer's machine and fails in CI, which
// installs it (.ci/run).
func chromium(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("DANVAN_CHROMIUM"); p != "" {
		if _, err := os.Stat(p); err != nil {
			t.Fatalf("DANVAN_CHROMIUM=%s: %v", p, err)
		}
		return p
	}
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium"
	}
	if p, err := exec.LookPath("chromium"); err == nil {
		return p
	}
	if os.Getenv("CI") != "" && os.Getenv("CI") != "false" {
		t.Fatal("no Chromium found (DANVAN_CHROMIUM, /usr/bin/chromium, chromium on PATH); CI must install it (apt-get install chromium)")
	}
	t.Skip("no Chromium found: set DANVAN_CHROMIUM or install chromium to run the browser tests")
	return ""
}

// syncBuffer keeps the browser's own output for the failure report.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// browser is one headless Chromium tab with what its console said.
type browser struct {
	t    *testing.T
	tab  context.Context
	base string

	mu      sync.Mutex
	console []chromedp.ConsoleMessage
}

func newBrowser(t *testing.T, exe, base string) *browser {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.DisableGPU,
		chromedp.WindowSize(1280, 1024),
		// A browser set up in Vietnamese, as the officials' are (the app follows Accept-Language
		// until a language is chosen).
		chromedp.Flag("lang", "vi-VN"),
		chromedp.Flag("accept-lang", "vi-VN,vi"),
	)
	if os.Geteuid() == 0 {
		opts = append(opts, chromedp.NoSandbox) // CI runs as root; Chromium refuses its sandbox then
	}
	out := &syncBuffer{}
	opts = append(opts, chromedp.CombinedOutput(out))
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	tab, cancelTab := chromedp.NewContext(alloc, chromedp.WithErrorf(t.Logf))
	b := &browser{t: t, tab: tab, base: base}
	t.Cleanup(func() {
		cancelTab()
		cancelAlloc() // waits for the browser to exit
		if t.Failed() {
			t.Logf("chromium output:\n%s", out.String())
		}
	})
	// The first action starts the browser, which then lives as long as the context of that
	// action: the tab's own, so a timeout here would end the browser with it. Bound the start
	// from outside instead.
	start := time.Now()
	started := make(chan error, 1)
	go func() { started <- chromedp.Do(tab) }()
	select {
	case err := <-started:
		if err != nil {
			t.Fatalf("start chromium: %v", err)
		}
	case <-time.After(startTimeout):
		cancelTab()
		t.Fatalf("chromium did not start within %s", startTimeout)
	}
	t.Logf("chromium started in %s", time.Since(start).Round(time.Millisecond))
	// The console, from now to the end: uncaught exceptions, console.error calls, and the
	// browser's own log (a CSP violation is a "security" entry there).
	messages := chromedp.Console(tab)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for m, err := range messages {
			if err != nil {
				return
			}
			b.mu.Lock()
			b.console = append(b.console, m)
			b.mu.Unlock()
		}
	}()
	t.Cleanup(func() { cancelTab(); <-done })
	return b
}

// ctx bounds one step.
func (b *browser) ctx() (context.Context, context.CancelFunc) {
	return context.WithTimeout(b.tab, stepTimeout)
}

// open loads a page of the app and returns the document's response.
func (b *browser) open(path string) *network.Response {
	b.t.Helper()
	ctx, cancel := b.ctx()
	defer cancel()
	resp, err := chromedp.Run(ctx, chromedp.NavigateResponse(b.base+path))
	if err != nil {
		b.t.Fatalf("open %s: %v", path, err)
	}
	return resp
}

// submit clicks sel (a submit button or a link) and waits for the page it leads to.
func (b *browser) submit(sel string) *network.Response {
	b.t.Helper()
	ctx, cancel := b.ctx()
	defer cancel()
	resp, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(sel)))
	if err != nil {
		b.t.Fatalf("click %s: %v", sel, err)
	}
	return resp
}

// do runs actions that return nothing.
func (b *browser) do(what string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := b.ctx()
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		b.t.Fatalf("%s: %v", what, err)
	}
}

// text is the visible text of the first element matching the CSS selector.
func (b *browser) text(sel string) string {
	b.t.Helper()
	ctx, cancel := b.ctx()
	defer cancel()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		b.t.Fatalf("text of %s: %v", sel, err)
	}
	return s
}

// eval evaluates a JavaScript expression in the page (the DevTools protocol, not a page
// script: the CSP does not apply to it).
func eval[T any](b *browser, expr string) T {
	b.t.Helper()
	ctx, cancel := b.ctx()
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		b.t.Fatalf("evaluate %s: %v", expr, err)
	}
	return v
}

// path is the current page's path and query.
func (b *browser) path() string {
	b.t.Helper()
	return eval[string](b, `location.pathname + location.search`)
}

// lang is the page's <html lang>.
func (b *browser) lang() string {
	b.t.Helper()
	return eval[string](b, `document.documentElement.lang`)
}

// problems are the console messages that mean something broke: exceptions, console errors
// and error entries of the browser log, except the failed-status lines of documents the test
// asked for on purpose (a 422 form page).
func (b *browser) problems(expectedStatus ...int) []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	var out []string
next:
	for _, m := range b.console {
		if m.Type != chromedp.ConsoleError && m.Type != chromedp.ConsoleException {
			continue
		}
		if m.Source == "network" {
			// Viewing a non-HTML document (the org chart SVG) the browser asks for /favicon.ico
			// by itself; the pages name theirs (/static/favicon.svg). Not a page error.
			if strings.Contains(m.URL, "/favicon.ico") {
				continue
			}
			for _, s := range expectedStatus {
				if strings.Contains(m.Text, fmt.Sprintf("status of %d", s)) {
					continue next
				}
			}
		}
		out = append(out, fmt.Sprintf("%s [%s] %s (%s:%d)", m.Type, m.Source, m.Text, m.URL, m.Line))
	}
	return out
}

// TestBrowser_MainFlows walks a province admin through the main pages in headless Chromium,
// one tab, one session, as a person would: each step starts from the page the last one left.
func TestBrowser_MainFlows(t *testing.T) {
	exe := chromium(t) // first: skip before starting the app
	total := time.Now()
	e := apptest.Start(t, apptest.Options{Mode: "services", RedisDB: redisDB, Configured: true})
	apptest.WaitTenant(t, e.App, "nghe-an", "active")
	t.Logf("app with the demo provinces ready in %s", time.Since(total).Round(time.Millisecond))
	var admin seed.Province
	for _, p := range seed.Provinces {
		if p.Slug == "nghe-an" {
			admin = p
		}
	}
	base := "/t/nghe-an"
	b := newBrowser(t, exe, e.URL)

	step := func(name string, f func(t *testing.T)) {
		start := time.Now()
		// The steps share the tab; a failed step stops the walk (Fatal in a helper ends the
		// subtest, and the next steps would start from the wrong page).
		if !t.Run(name, func(t *testing.T) { b.t = t; f(t) }) {
			b.t = t
			t.FailNow()
		}
		b.t = t
		t.Logf("%-14s %s", name, time.Since(start).Round(time.Millisecond))
	}

	step("login", func(t *testing.T) {
		resp := b.open(base + "/")
		if !strings.HasPrefix(b.path(), "/login") || resp.Status != 200 {
			t.Fatalf("a province page without a session: %d at %s, want the login page", resp.Status, b.path())
		}
		if b.lang() != "vi" || !strings.Contains(b.text("h1"), "Đăng nhập") {
			t.Errorf("login page: lang %q, heading %q; want Vietnamese", b.lang(), b.text("h1"))
		}
		b.do("fill the login form",
			chromedp.SendKeys(chromedp.ID("email"), admin.AdminEmail),
			chromedp.SendKeys(chromedp.ID("password"), seed.DemoPassword))
		resp = b.submit(`form[action="/login"] button[type="submit"]`)
		if resp.Status != 200 || b.path() != base+"/" {
			t.Fatalf("after login: %d at %s, want %s/", resp.Status, b.path(), base)
		}
		if h := b.text("h1"); h != "Trang chủ tỉnh" {
			t.Errorf("province home heading = %q", h)
		}
		if who := b.text(".account .user-name"); who != admin.AdminName {
			t.Errorf("header shows %q, want %q", who, admin.AdminName)
		}
		if chip := b.text(".tenant-chip .tenant-name"); chip != "Nghệ An" {
			t.Errorf("province chip = %q", chip)
		}
	})

	// On a phone the header leaves the screen to the page: brand, province and the account menu
	// in one row, the links in scrolling rows (it took ~470 px before).
	step("phone-header", func(t *testing.T) {
		b.do("phone width", chromedp.EmulateViewport(390, 844))
		b.open(base + "/")
		if h := eval[float64](b, `document.querySelector('header').getBoundingClientRect().height`); h > 160 {
			t.Errorf("header at 390 px is %.0f px high, want at most 160", h)
		}
		if w := eval[float64](b, `document.documentElement.scrollWidth`); w > 390 {
			t.Errorf("the home page at 390 px is %.0f px wide", w)
		}
		b.do("desktop width", chromedp.EmulateViewport(1280, 1024))
		b.open(base + "/")
	})

	step("language", func(t *testing.T) {
		b.submit(`.lang-switch a[hreflang="en"]`)
		if b.lang() != "en" || b.text("h1") != "Province home" || b.text(`form[action="/logout"] button`) != "Log out" {
			t.Errorf("after English: lang %q, heading %q", b.lang(), b.text("h1"))
		}
		// The choice is remembered: the units page comes in English too.
		b.open(base + "/units")
		if b.lang() != "en" || b.text("h1") != "Units" {
			t.Errorf("units page after choosing English: lang %q, heading %q", b.lang(), b.text("h1"))
		}
		b.submit(`.lang-switch a[hreflang="vi"]`)
		if b.lang() != "vi" || b.text("h1") != "Đơn vị" || b.text(`form[action="/logout"] button`) != "Đăng xuất" {
			t.Errorf("after Tiếng Việt: lang %q, heading %q", b.lang(), b.text("h1"))
		}
	})

	// Nghệ An's districts were abolished on 1/7/2025 and their communes merged: UBND xã Diễn
	// Phúc (under UBND huyện Diễn Châu) is in the tree of 30/06/2025, UBND xã Đức Châu (into
	// which it merged) in the tree of 01/07/2025, each not in the other's.
	tree := func(date string) string {
		b.open(base + "/units")
		b.do("type the date", chromedp.Clear(chromedp.ID("u-date")), chromedp.SendKeys(chromedp.ID("u-date"), date))
		resp := b.submit(`form[role="search"] button[type="submit"]`)
		if resp.Status != 200 {
			b.t.Fatalf("units as of %s: %d", date, resp.Status)
		}
		u, err := url.Parse(b.path())
		if err != nil || u.Path != base+"/units" || u.Query().Get("date") != date {
			b.t.Errorf("the filter led to %s, want %s/units?date=%s", b.path(), base, date)
		}
		if h := b.text("#tree-heading"); h != "Cơ cấu đơn vị ngày "+date {
			b.t.Errorf("tree heading = %q", h)
		}
		// The whole tree, folded branches included.
		return eval[string](b, `document.querySelector('ul.unit-tree').textContent`)
	}
	step("tree-by-date", func(t *testing.T) {
		before := tree("30/06/2025")
		after := tree("01/07/2025")
		for _, c := range []struct {
			name          string
			before, after bool
		}{
			{"UBND huyện Diễn Châu", true, false},
			{"UBND xã Diễn Phúc", true, false},
			{"UBND xã Đức Châu", false, true},
			{"UBND tỉnh Nghệ An", true, true},
		} {
			if strings.Contains(before, c.name) != c.before || strings.Contains(after, c.name) != c.after {
				t.Errorf("%s: in the tree of 30/06/2025 %v (want %v), of 01/07/2025 %v (want %v)",
					c.name, strings.Contains(before, c.name), c.before, strings.Contains(after, c.name), c.after)
			}
		}
	})

	const newName, newCode = "UBND xã Thử Nghiệm Trình Duyệt", "X-TRINH-DUYET"
	step("add-unit", func(t *testing.T) {
		b.open(base + "/units")
		parent := eval[string](b, `[...document.querySelectorAll('#c-parent option')].find(o => o.textContent.trim().endsWith('(NA)')).value`)
		b.do("fill the unit form, behind its button",
			chromedp.Click(chromedp.CSS(".unit-create > summary")),
			chromedp.SendKeys(chromedp.ID("c-code"), newCode),
			chromedp.SendKeys(chromedp.ID("c-name"), newName),
			chromedp.SetValue(chromedp.ID("c-type"), "commune"),
			chromedp.SetValue(chromedp.ID("c-parent"), parent),
			chromedp.SendKeys(chromedp.ID("c-date"), "01/07/2025"),
			chromedp.SendKeys(chromedp.ID("c-officer-name"), "Lê Thị Thử"))
		resp := b.submit(`form[method="post"][action="` + base + `/units"] button[type="submit"]`)
		if resp.Status != 200 || !regexp.MustCompile(`^`+base+`/units/\d+\?done=units_created$`).MatchString(b.path()) {
			t.Fatalf("after adding: %d at %s, want the new unit's page", resp.Status, b.path())
		}
		if h := b.text("h1"); !strings.Contains(h, newName) {
			t.Errorf("unit page heading = %q", h)
		}
		// In today's tree, under the province.
		b.open(base + "/units")
		node := eval[string](b, fmt.Sprintf(`(() => {
			const a = [...document.querySelectorAll('ul.unit-tree a.unit-name')].find(a => a.textContent === %q);
			if (!a) return '';
			const up = a.closest('li').parentElement.closest('li:not(.unit-group)');
			return up ? up.querySelector('.unit-node a.unit-name').textContent : '(top)';
		})()`, newName))
		if node != "UBND tỉnh Nghệ An" {
			t.Errorf("the new unit in the tree: parent %q, want UBND tỉnh Nghệ An", node)
		}
	})

	step("form-error", func(t *testing.T) {
		b.open(base + "/units")
		b.do("fill the unit form without a name",
			chromedp.Click(chromedp.CSS(".unit-create > summary")),
			chromedp.SendKeys(chromedp.ID("c-code"), "X-KHONG-TEN"),
			chromedp.SetValue(chromedp.ID("c-type"), "commune"))
		resp := b.submit(`form[method="post"][action="` + base + `/units"] button[type="submit"]`)
		if resp.Status != 422 {
			t.Errorf("a unit without a name: %d, want 422", resp.Status)
		}
		if msg := b.text("#c-name-error"); msg != "Vui lòng nhập thông tin này." {
			t.Errorf("name error = %q", msg)
		}
		if n := b.text(`[role="alert"]`); n != "Vui lòng sửa các mục được đánh dấu bên dưới." {
			t.Errorf("form notice = %q", n)
		}
		// What was typed is kept, and the name field is marked for assistive technology.
		if v := eval[string](b, `document.getElementById('c-code').value`); v != "X-KHONG-TEN" {
			t.Errorf("code after the error = %q", v)
		}
		if v := eval[string](b, `document.getElementById('c-name').getAttribute('aria-invalid') || ''`); v != "true" {
			t.Errorf("name aria-invalid = %q", v)
		}
	})

	step("orgchart", func(t *testing.T) {
		b.open(base + "/committees")
		b.submit(`main a[href^="` + base + `/committees/"]`)
		committee := b.path()
		if !regexp.MustCompile(`^` + base + `/committees/\d+$`).MatchString(committee) {
			t.Fatalf("committee page at %s", committee)
		}
		// The picture embedded in the page has loaded and has a size.
		ctx, cancel := b.ctx()
		defer cancel()
		w, err := chromedp.Run(ctx, chromedp.Poll[int](`(() => { const i = document.querySelector('figure.orgchart img');
			return i && i.complete && i.naturalWidth; })()`, chromedp.WithPollingInterval(50*time.Millisecond)))
		if err != nil || w < 100 {
			t.Errorf("org chart image: width %d, %v", w, err)
		}
		// Opened on its own: an SVG document with the members' names.
		b.open(committee + "/orgchart.svg")
		root := eval[string](b, `document.documentElement.namespaceURI + ' ' + document.documentElement.localName`)
		if root != "http://www.w3.org/2000/svg svg" {
			t.Fatalf("org chart document root = %q", root)
		}
		// Coloured by its own attributes: unstyled, every box would be a black rectangle over the names.
		if fill := eval[string](b, `getComputedStyle(document.querySelector('g.oc-head rect')).fill`); fill == "" || fill == "rgb(0, 0, 0)" {
			t.Errorf("the head's box is filled %q: the org chart's style did not apply", fill)
		}
		// No connector runs through a box, as the browser lays them out.
		crossing := eval[int](b, `(() => {
			const boxes = [...document.querySelectorAll('g.oc-box rect')].map(r => r.getBBox());
			let n = 0;
			for (const p of document.querySelectorAll('g.oc-links path')) {
				const s = p.getBBox();
				for (const r of boxes) {
					if (s.x < r.x + r.width && s.x + s.width > r.x && s.y < r.y + r.height && s.y + s.height > r.y) n++;
				}
			}
			return n;
		})()`)
		if crossing != 0 {
			t.Errorf("%d connector(s) cross a box", crossing)
		}
		names := eval[[]string](b, `[...document.querySelectorAll('text.oc-name')].map(t => t.textContent)`)
		for _, want := range []string{"Nguyễn Văn Đức", "Trần Quốc Thành", "Nguyễn Thị Thu Hường"} {
			found := false
			for _, n := range names {
				found = found || n == want
			}
			if !found {
				t.Errorf("org chart names %q lack %q", names, want)
			}
		}
	})

	// The audit trail reads as words: the unit just added, by its name and dates, with a link to
	// it; the sign-in of this session under the Đăng nhập filter; every audited type to filter by.
	step("audit", func(t *testing.T) {
		words := func(sel string) string { return strings.Join(strings.Fields(b.text(sel)), " ") }
		b.open(base + "/audit")
		b.do("filter the trail by type and person",
			chromedp.SetValue(chromedp.ID("f-entity"), "unitversion"),
			chromedp.SendKeys(chromedp.ID("f-actor"), admin.AdminEmail))
		resp := b.submit(`form.filter-form button[type="submit"]`)
		if resp.Status != 200 || !strings.Contains(b.path(), "entity=unitversion") {
			t.Fatalf("after filtering: %d at %s", resp.Status, b.path())
		}
		table := words(".table-audit tbody")
		for _, want := range []string{"Tạo", "Thông tin đơn vị", "Tên: " + newName, "Hiệu lực từ: 01/07/2025", "Lê Thị Thử", "Loại hình: UBND xã, phường"} {
			if !strings.Contains(table, want) {
				t.Errorf("the trail lacks %q: %s", want, table)
			}
		}
		for _, raw := range []string{"tenant_id", "map[", "T00:00:00Z", "unitversion.create", "valid_from", "commune"} {
			if strings.Contains(table, raw) {
				t.Errorf("the trail shows %q: %s", raw, table)
			}
		}
		resp = b.submit(`.table-audit .audit-entity-type a`)
		if resp.Status != 200 || !strings.Contains(b.text("h1"), newName) {
			t.Errorf("the record's link: %d at %s, heading %q", resp.Status, b.path(), b.text("h1"))
		}

		b.open(base + "/audit")
		b.do("filter the sign-ins", chromedp.SetValue(chromedp.ID("f-action"), "login"))
		b.submit(`form.filter-form button[type="submit"]`)
		if got := words(".table-audit tbody tr"); !strings.Contains(got, "Đăng nhập thành công") || !strings.Contains(got, admin.AdminEmail) {
			t.Errorf("the Đăng nhập filter's first row: %q", got)
		}
		types := eval[[]string](b, `[...document.querySelectorAll('#f-entity option')].map(o => o.textContent.trim())`)
		for _, want := range []string{"Đơn vị", "Ban Chỉ đạo", "Chế độ báo cáo", "Ngày nghỉ, ngày làm bù", "Cấu hình tỉnh"} {
			if !slices.Contains(types, want) {
				t.Errorf("the type filter lacks %q: %v", want, types)
			}
		}
	})

	// The assignment screen fits a 1,400 px window; ticking a unit for a member and saving puts
	// the member in charge of it.
	step("assignments", func(t *testing.T) {
		b.do("a 1,400 px window", chromedp.EmulateViewport(1400, 900))
		defer b.do("back to the usual window", chromedp.EmulateViewport(1280, 1024))
		b.open(base + "/committees")
		b.submit(`main a[href^="` + base + `/committees/"]`)
		b.submit(`a[href$="/assignments"], a[href*="/assignments?"]`)
		if w := eval[[]int](b, `[document.documentElement.scrollWidth, window.innerWidth]`); w[0] > w[1] {
			t.Errorf("the assignment screen is %d px wide in a %d px window", w[0], w[1])
		}
		// The last member in the list, whose units are then ticked on the right.
		b.submit(`.assign-member-list li:last-child a`)
		who := b.text(".assign-member-list a[aria-current] .assign-member-name")
		if h := b.text("#assign-member-heading"); !strings.Contains(h, who) {
			t.Fatalf("the chosen member is %q, the form is %q", who, h)
		}
		// Filter to one unit without typing its diacritics, tick it if it is not ticked, save.
		b.do("filter", chromedp.SendKeys(chromedp.ID("unit-filter"), "so y te"))
		shown := eval[[]string](b, `[...document.querySelectorAll('[data-unit-choice]:not([hidden]) .unit-choice-name')].map(e => e.textContent)`)
		if len(shown) != 1 || shown[0] != "Sở Y tế" {
			t.Fatalf("the filter shows %q, want Sở Y tế alone", shown)
		}
		id := eval[string](b, `(() => { const c = document.querySelector('[data-unit-choice]:not([hidden]) input'); if (!c.checked) c.click(); return c.value; })()`)
		resp := b.submit(`.assign-actions button[type="submit"]`)
		if resp.Status != 200 || !strings.Contains(b.path(), "done=assignments_saved") {
			t.Fatalf("after saving: %d at %s", resp.Status, b.path())
		}
		if !eval[bool](b, `document.getElementById('uc-`+id+`').checked`) {
			t.Error("Sở Y tế is not ticked after saving")
		}
		if h := b.text("#assign-member-heading"); !strings.Contains(h, who) {
			t.Errorf("after saving the form is %q, want %s's", h, who)
		}
		// The matrix agrees: the member's column has the tick on Sở Y tế's row.
		tick := eval[bool](b, fmt.Sprintf(`(() => {
			const heads = [...document.querySelectorAll('.table-matrix thead th')].map(th => th.querySelector('.matrix-member-name')?.textContent);
			const col = heads.indexOf(%q);
			const row = [...document.querySelectorAll('.table-matrix tbody tr')].find(r => r.querySelector('th a').textContent === 'Sở Y tế');
			return col > 0 && !!row && row.children[col].classList.contains('cell-on');
		})()`, who))
		if !tick {
			t.Errorf("the matrix does not show %s in charge of Sở Y tế", who)
		}
		if w := eval[[]int](b, `[document.documentElement.scrollWidth, window.innerWidth]`); w[0] > w[1] {
			t.Errorf("after saving the screen is %d px wide in a %d px window", w[0], w[1])
		}
	})

	step("logout", func(t *testing.T) {
		b.open(base + "/")
		resp := b.submit(`form[action="/logout"] button[type="submit"]`)
		if resp.Status != 200 || !strings.HasPrefix(b.path(), "/login") {
			t.Fatalf("after logout: %d at %s, want the login page", resp.Status, b.path())
		}
		if b.text("h1") != "Đăng nhập" {
			t.Errorf("login heading = %q", b.text("h1"))
		}
		// The session is gone: the province page sends the browser back to the login page.
		b.open(base + "/")
		if !strings.HasPrefix(b.path(), "/login") {
			t.Errorf("after logout %s/ showed %s", base, b.path())
		}
	})

	if p := b.problems(422); len(p) > 0 {
		t.Errorf("the browser console reported %d problem(s):\n%s", len(p), strings.Join(p, "\n"))
	}
	t.Logf("total %s", time.Since(total).Round(time.Millisecond))
}
