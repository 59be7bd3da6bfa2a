package web

import (
	"bytes"
	"path"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"entgo.io/ent"
	"golang.org/x/net/html"

	"github.com/danvan-vn/danvan/ent/schema"
	assets "github.com/danvan-vn/danvan/web"
)

func newTestRenderer(t *testing.T) (*Renderer, *I18n) {
	t.Helper()
	i, err := LoadI18n(assets.FS)
	if err != nil {
		t.Fatalf("LoadI18n: %v", err)
	}
	r, err := NewRenderer(assets.FS, i)
	if err != nil {
		t.Fatalf("NewRenderer: %v", err)
	}
	return r, i
}

// 2025-06-30 18:30 UTC is already 1 July in Vietnam: dates must be shown in Asia/Ho_Chi_Minh.
var (
	created     = time.Date(2025, 6, 30, 18, 30, 0, 0, time.UTC)
	createdDate = "01/07/2025"
	createdTime = "01/07/2025 01:30"
)

const csrf = "csrf-tok_3b9f"

func platformAdmin() *UserVM {
	return &UserVM{Name: "Trần Thị Bình", Email: "binh.tran@danvan.gov.vn", PlatformAdmin: true}
}

func provinceUser() *UserVM {
	return &UserVM{Name: "Nguyễn Văn An", Email: "an.nguyen@nghean.gov.vn",
		Roles: []string{"province_admin", "standing_agency"}}
}

type pageCase struct {
	name  string
	page  string
	data  any
	check func(t *testing.T, lang string, doc *html.Node, i *I18n)
}

func pageCases(lang string) []pageCase {
	nghean := &TenantVM{Slug: "nghe-an", Name: "Nghệ An", Status: "active"}
	return append([]pageCase{
		{
			name: "login",
			page: "login",
			data: LoginPage{
				Page:  Page{Lang: lang, Title: "login.title", CSRF: csrf, RequestID: "req-login-1", Path: "/login"},
				Email: "an.nguyen@nghean.gov.vn", Next: "/t/nghe-an/", Error: "error.bad_credentials",
			},
			check: checkLogin,
		},
		{
			name: "tenants",
			page: "tenants",
			data: &TenantsPage{
				Page: Page{Lang: lang, Title: "tenants.title", User: platformAdmin(), CSRF: csrf,
					Flash: "tenants.created", RequestID: "req-ten-1", Path: "/platform/tenants"},
				Tenants: []TenantRow{
					{ID: 1, Slug: "nghe-an", Name: "Nghệ An", Status: "active", PlanName: "Tiêu chuẩn", CreatedAt: created},
					{ID: 2, Slug: "quang-ngai", Name: "Quảng Ngãi", Status: "active", PlanName: "Nâng cao", CreatedAt: created.AddDate(0, 1, 0)},
					{ID: 3, Slug: "hoa-binh", Name: "Hòa Bình", Status: "suspended", PlanName: "Tiêu chuẩn", CreatedAt: created.AddDate(0, 2, 0)},
					{ID: 4, Slug: "thai-nguyen", Name: "Thái Nguyên", Status: "provisioning", PlanName: "Cơ bản", CreatedAt: created.AddDate(0, 3, 0)},
				},
				Plans: []PlanOption{{Code: "basic", Name: "Cơ bản"}, {Code: "standard", Name: "Tiêu chuẩn"}, {Code: "advanced", Name: "Nâng cao"}},
				Form:  TenantForm{Slug: "Phu Tho", Name: "Phú Thọ", Plan: "standard", AdminEmail: "admin@phutho", AdminName: "Lê Văn Cường"},
				Errors: map[string]string{
					"slug":        "field.slug",
					"admin_email": "field.email",
				},
			},
			check: checkTenants,
		},
		{
			name: "home",
			page: "home",
			data: HomePage{
				Page: Page{Lang: lang, Title: "home.title", User: provinceUser(), Tenant: nghean, CSRF: csrf,
					RequestID: "req-home-1", Path: "/t/nghe-an/"},
				Members: 1234, StorageObjects: 56,
				Jobs: []JobRow{
					{ID: 41, Type: "report:generate", Status: "running", Progress: 45, Attempts: 1, CreatedAt: created},
					{ID: 40, Type: "import:units", Status: "failed", Progress: 10, Attempts: 3,
						LastError: "dòng 12: thiếu tên đơn vị (UBND xã Diễn Châu)", CreatedAt: created.Add(-time.Hour)},
					{ID: 39, Type: "report:generate", Status: "succeeded", Progress: 100, Attempts: 1, CreatedAt: created.Add(-48 * time.Hour)},
					{ID: 38, Type: "reminder:send", Status: "pending", Progress: 0, CreatedAt: created.Add(-72 * time.Hour)},
				},
			},
			check: checkHome,
		},
		{
			name: "error",
			page: "error",
			data: ErrorPage{
				Page: Page{Lang: lang, Title: "error.title", User: provinceUser(),
					Tenant: &TenantVM{Slug: "quang-ngai", Name: "Quảng Ngãi", Status: "active"},
					CSRF:   csrf, RequestID: "01JZQ8X5K2M7R4T9V3W6Y1B0CD", Path: "/t/quang-ngai/plans/82"},
				Status: 404, Code: "not_found", Detail: "Kế hoạch 82/KH-UBND không tồn tại.",
			},
			check: checkError,
		},
	}, append(identityCases(lang), configCases(lang)...)...)
}

func TestRender_Pages(t *testing.T) {
	r, i := newTestRenderer(t)
	for _, lang := range Langs() {
		for _, c := range pageCases(lang) {
			t.Run(lang+"/"+c.name, func(t *testing.T) {
				var buf bytes.Buffer
				c.data = withNav(c.data)
				if err := r.Render(&buf, c.page, c.data); err != nil {
					t.Fatalf("Render: %v", err)
				}
				out := buf.String()
				doc, err := html.Parse(strings.NewReader(out))
				if err != nil {
					t.Fatalf("parse output: %v", err)
				}
				checkCommon(t, lang, c.data.(interface{ Base() Page }).Base(), out, doc, i)
				c.check(t, lang, doc, i)
				if t.Failed() {
					t.Logf("output:\n%s", out)
				}
			})
		}
	}
}

// keyLike is what an untranslated key looks like in visible text ("nav.logout"); emailLike is
// removed first, since an address (an.nguyen@nghean.gov.vn) looks like one too.
var (
	keyLike   = regexp.MustCompile(`\b[a-z][a-z0-9_]+(\.[a-z0-9_:]{2,})+\b`)
	emailLike = regexp.MustCompile(`[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+`)
)

func checkCommon(t *testing.T, lang string, p Page, out string, doc *html.Node, i *I18n) {
	t.Helper()
	htmlEl := first(doc, tag("html"))
	if got := attr(htmlEl, "lang"); got != lang {
		t.Errorf("<html lang> = %q, want %q", got, lang)
	}
	title := text(first(doc, tag("title")))
	if want := i.T(lang, p.Title); !strings.Contains(title, want) {
		t.Errorf("<title> = %q, want it to contain %q", title, want)
	}
	if want := i.T(lang, "app.name"); !strings.Contains(title, want) {
		t.Errorf("<title> = %q, want it to contain the product name %q", title, want)
	}
	if h1 := all(doc, tag("h1")); len(h1) != 1 || strings.TrimSpace(text(h1[0])) == "" {
		t.Errorf("want exactly one non-empty <h1>, got %d", len(h1))
	}
	if p.Tenant != nil && !strings.Contains(text(first(doc, class("tenant-name"))), p.Tenant.Name) {
		t.Errorf("header does not name the province %q", p.Tenant.Name)
	}

	// Every POST form carries the CSRF token; a GET form (a filter) never does, so the token
	// stays out of URLs and logs.
	forms := all(doc, func(n *html.Node) bool { return isTag(n, "form") })
	for _, f := range forms {
		tok := all(f, func(n *html.Node) bool {
			return isTag(n, "input") && attr(n, "type") == "hidden" && attr(n, "name") == "_csrf"
		})
		switch m := strings.ToLower(attr(f, "method")); m {
		case "post":
			if len(tok) != 1 || attr(tok[0], "value") != p.CSRF || p.CSRF == "" {
				t.Errorf("form %s: want one hidden _csrf input with the token", attr(f, "action"))
			}
		case "get":
			if len(tok) != 0 {
				t.Errorf("GET form %s carries the CSRF token", attr(f, "action"))
			}
		default:
			t.Errorf("form %s: method %q, want post or get", attr(f, "action"), m)
		}
		if attr(f, "action") == "" {
			t.Errorf("form without an action")
		}
	}

	// Logout is a POST form shown exactly when someone is signed in.
	logout := all(doc, func(n *html.Node) bool { return isTag(n, "form") && attr(n, "action") == "/logout" })
	if (p.User != nil) != (len(logout) == 1) {
		t.Errorf("logout forms = %d with user %v", len(logout), p.User != nil)
	}
	if p.User != nil && !strings.Contains(text(first(doc, class("user-name"))), p.User.Name) {
		t.Errorf("header does not show the user's name %q", p.User.Name)
	}
	if a := all(doc, func(n *html.Node) bool { return isTag(n, "a") && attr(n, "href") == "/logout" }); len(a) > 0 {
		t.Errorf("logout must not be a link")
	}

	// The language switch links the current path in both languages; the current one is marked.
	for _, l := range Langs() {
		a := first(doc, func(n *html.Node) bool { return isTag(n, "a") && attr(n, "href") == p.Path+"?lang="+l })
		if a == nil {
			t.Errorf("no language switch link %s?lang=%s", p.Path, l)
			continue
		}
		if cur := attr(a, "aria-current") != ""; cur != (l == lang) {
			t.Errorf("language link %s: aria-current %v", l, cur)
		}
	}

	// Platform and province navigation.
	platformLink := first(doc, func(n *html.Node) bool { return isTag(n, "a") && attr(n, "href") == "/platform/tenants" })
	if want := p.User != nil && p.User.PlatformAdmin; (platformLink != nil) != want {
		t.Errorf("link to /platform/tenants present = %v, want %v", platformLink != nil, want)
	}
	if p.User != nil && p.Tenant != nil {
		if first(doc, func(n *html.Node) bool { return isTag(n, "a") && attr(n, "href") == "/t/"+p.Tenant.Slug+"/" }) == nil {
			t.Errorf("no link to the province home /t/%s/", p.Tenant.Slug)
		}
	}
	// Province links follow the viewer's permissions (the work links in the main bar, the
	// administration links in the row below it).
	nav := first(doc, tag("header"))
	for _, l := range []struct{ path, perm string }{{"users", "user:read"}, {"grants", "grant:read"}, {"audit", "audit:read"},
		{"units", "unit:read"}, {"committees", "committee:read"}, {"regimes", "regime:read"}, {"calendar", "regime:read"},
		{"settings", "setting:read"}} {
		want := p.User != nil && p.Tenant != nil && p.Can[l.perm]
		var href string
		if p.Tenant != nil {
			href = "/t/" + p.Tenant.Slug + "/" + l.path
		}
		got := href != "" && first(nav, func(n *html.Node) bool { return isTag(n, "a") && attr(n, "href") == href }) != nil
		if got != want {
			t.Errorf("nav link %s present = %v, want %v (Can %v)", l.path, got, want, p.Can)
		}
	}
	profile := first(doc, func(n *html.Node) bool { return isTag(n, "a") && attr(n, "href") == "/profile" })
	if (profile != nil) != (p.User != nil) {
		t.Errorf("link to /profile present = %v with user %v", profile != nil, p.User != nil)
	}
	if profile != nil && text(profile) != i.T(lang, "nav.profile") {
		t.Errorf("profile link text %q", text(profile))
	}

	if p.Flash != "" && !strings.Contains(text(first(doc, class("notice-info"))), i.T(lang, p.Flash)) {
		t.Errorf("flash %q not shown", p.Flash)
	}

	// Nothing left of the template language, the formatter or the catalogs.
	for _, bad := range []string{"{{", "}}", "%!", "<no value>"} {
		if strings.Contains(out, bad) {
			t.Errorf("output contains %q", bad)
		}
	}
	walk(doc, func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			if isTag(n.Parent, "code") {
				return
			}
			if k := keyLike.FindString(emailLike.ReplaceAllString(n.Data, "")); k != "" {
				t.Errorf("text %q looks like an untranslated key (%s)", strings.TrimSpace(n.Data), k)
			}
		case html.ElementNode:
			if n.Data == "style" || n.Data == "script" && (n.FirstChild != nil || !strings.HasPrefix(attr(n, "src"), "/static/")) {
				t.Errorf("<%s> element: the CSP forbids inline code and styles", n.Data)
			}
			for _, a := range n.Attr {
				switch {
				case a.Key == "style" || strings.HasPrefix(a.Key, "on"):
					t.Errorf("<%s %s>: inline styles and handlers are forbidden by the CSP", n.Data, a.Key)
				case a.Key == "href" || a.Key == "src" || a.Key == "action":
					if local := strings.HasPrefix(a.Val, "/") && !strings.HasPrefix(a.Val, "//"); !local && !strings.HasPrefix(a.Val, "#") {
						t.Errorf("<%s %s=%q>: want a local absolute path or a fragment", n.Data, a.Key, a.Val)
					}
				case a.Key == "aria-label" || a.Key == "title" || a.Key == "placeholder" || a.Key == "alt":
					if keyPattern.MatchString(a.Val) {
						t.Errorf("<%s %s=%q> is an untranslated key", n.Data, a.Key, a.Val)
					}
				}
			}
		}
	})
	if first(doc, func(n *html.Node) bool {
		return isTag(n, "link") && attr(n, "rel") == "stylesheet" && attr(n, "href") == "/static/app.css"
	}) == nil {
		t.Errorf("no stylesheet link to /static/app.css")
	}
}

func checkLogin(t *testing.T, lang string, doc *html.Node, i *I18n) {
	t.Helper()
	form := first(doc, func(n *html.Node) bool { return isTag(n, "form") && attr(n, "action") == "/login" })
	if form == nil {
		t.Fatal("no form posting to /login")
	}
	input := func(name string) *html.Node {
		return first(form, func(n *html.Node) bool { return isTag(n, "input") && attr(n, "name") == name })
	}
	if e := input("email"); e == nil || attr(e, "type") != "email" || attr(e, "value") != "an.nguyen@nghean.gov.vn" {
		t.Errorf("email input missing or without the typed address")
	}
	if p := input("password"); p == nil || attr(p, "type") != "password" || hasAttr(p, "value") {
		t.Errorf("password input missing, wrong type or pre-filled")
	}
	if n := input("next"); n == nil || attr(n, "type") != "hidden" || attr(n, "value") != "/t/nghe-an/" {
		t.Errorf("hidden next input missing or wrong")
	}
	for _, id := range []string{"email", "password"} {
		if first(form, func(n *html.Node) bool { return isTag(n, "label") && attr(n, "for") == id }) == nil {
			t.Errorf("input %s has no label", id)
		}
	}
	alert := first(doc, func(n *html.Node) bool { return attr(n, "role") == "alert" })
	if want := i.T(lang, "error.bad_credentials"); !strings.Contains(text(alert), want) {
		t.Errorf("login error %q not shown in an alert", want)
	}
	if h1 := text(first(doc, tag("h1"))); h1 != i.T(lang, "login.title") {
		t.Errorf("<h1> = %q", h1)
	}
}

func checkTenants(t *testing.T, lang string, doc *html.Node, i *I18n) {
	t.Helper()
	rows := all(first(doc, tag("tbody")), tag("tr"))
	if len(rows) != 4 {
		t.Fatalf("table rows = %d, want 4", len(rows))
	}
	row0 := text(rows[0])
	for _, want := range []string{"Nghệ An", "nghe-an", "Tiêu chuẩn", createdDate, i.T(lang, "tenant.status.active")} {
		if !strings.Contains(row0, want) {
			t.Errorf("first row %q lacks %q", row0, want)
		}
	}
	if !regexp.MustCompile(`\b\d{2}/\d{2}/\d{4}\b`).MatchString(text(rows[3])) {
		t.Errorf("last row has no dd/mm/yyyy date: %q", text(rows[3]))
	}
	if !strings.Contains(text(rows[2]), i.T(lang, "tenant.status.suspended")) || !strings.Contains(text(rows[3]), i.T(lang, "tenant.status.provisioning")) {
		t.Errorf("status badges not translated")
	}
	suspend := all(doc, func(n *html.Node) bool { return isTag(n, "form") && strings.HasSuffix(attr(n, "action"), "/suspend") })
	var actions []string
	for _, f := range suspend {
		actions = append(actions, attr(f, "action"))
	}
	if want := []string{"/platform/tenants/nghe-an/suspend", "/platform/tenants/quang-ngai/suspend"}; !slices.Equal(actions, want) {
		t.Errorf("suspend forms = %v, want %v (active provinces only)", actions, want)
	}

	form := first(doc, func(n *html.Node) bool { return isTag(n, "form") && attr(n, "action") == "/platform/tenants" })
	if form == nil {
		t.Fatal("no create form posting to /platform/tenants")
	}
	for _, name := range []string{"slug", "name", "plan", "admin_email", "admin_name", "admin_password"} {
		f := first(form, func(n *html.Node) bool { return (isTag(n, "input") || isTag(n, "select")) && attr(n, "name") == name })
		if f == nil {
			t.Errorf("create form has no field %s", name)
			continue
		}
		if first(form, func(n *html.Node) bool { return isTag(n, "label") && attr(n, "for") == attr(f, "id") }) == nil {
			t.Errorf("field %s has no label", name)
		}
		invalid := attr(f, "aria-invalid") == "true"
		if wantInvalid := name == "slug" || name == "admin_email"; invalid != wantInvalid {
			t.Errorf("field %s aria-invalid = %v, want %v", name, invalid, wantInvalid)
		}
	}
	if got := attr(first(form, func(n *html.Node) bool { return isTag(n, "input") && attr(n, "name") == "name" }), "value"); got != "Phú Thọ" {
		t.Errorf("name field value = %q, want the typed Phú Thọ", got)
	}
	errs := text(form)
	for _, k := range []string{"field.slug", "field.email", "form.errors"} {
		if !strings.Contains(text(doc), i.T(lang, k)) {
			t.Errorf("message %s not shown", k)
		}
	}
	if strings.Contains(errs, i.T(lang, "field.required")) {
		t.Errorf("an error is shown for a field without one")
	}
	selected := all(form, func(n *html.Node) bool { return isTag(n, "option") && hasAttr(n, "selected") })
	if len(selected) != 1 || attr(selected[0], "value") != "standard" {
		t.Errorf("plan select: want exactly the typed plan selected")
	}
}

func checkHome(t *testing.T, lang string, doc *html.Node, i *I18n) {
	t.Helper()
	body := text(doc)
	members := map[string]string{"vi": "1.234", "en": "1,234"}[lang]
	for _, want := range []string{
		i.T(lang, "home.welcome", "Nguyễn Văn An"), members, "56",
		i.T(lang, "role.province_admin"), i.T(lang, "role.standing_agency"),
		i.T(lang, "job.type.report:generate"), "import:units",
		i.T(lang, "job.status.running"), i.T(lang, "job.status.failed"), i.T(lang, "job.status.succeeded"), i.T(lang, "job.status.pending"),
		"dòng 12: thiếu tên đơn vị", createdTime,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("home page lacks %q", want)
		}
	}
	bars := all(doc, tag("progress"))
	var values []string
	for _, b := range bars {
		if attr(b, "max") != "100" || attr(b, "aria-label") == "" {
			t.Errorf("progress bar without max=100 or a label")
		}
		values = append(values, attr(b, "value"))
	}
	if want := []string{"45", "10", "100", "0"}; !slices.Equal(values, want) {
		t.Errorf("progress values = %v, want %v", values, want)
	}
}

func checkError(t *testing.T, lang string, doc *html.Node, i *I18n) {
	t.Helper()
	body := text(doc)
	for _, want := range []string{"404", i.T(lang, "error.heading.not_found"), i.T(lang, "error.not_found"),
		"Kế hoạch 82/KH-UBND không tồn tại.", i.T(lang, "error.request_id")} {
		if !strings.Contains(body, want) {
			t.Errorf("error page lacks %q", want)
		}
	}
	if code := text(first(first(doc, class("request-id")), tag("code"))); code != "01JZQ8X5K2M7R4T9V3W6Y1B0CD" {
		t.Errorf("request id shown as %q", code)
	}
	if first(first(doc, tag("main")), func(n *html.Node) bool { return isTag(n, "a") && attr(n, "href") == "/t/quang-ngai/" }) == nil {
		t.Errorf("no way back to the province home")
	}
}

func TestRender_ErrorCodes(t *testing.T) {
	r, i := newTestRenderer(t)
	type want struct{ msg, heading string }
	cases := map[string]struct {
		code   string
		status int
		want   want
	}{
		"specific code, generic heading": {"slug_taken", 409, want{"error.slug_taken", "error.heading.conflict"}},
		"quota family":                   {"quota_widgets", 403, want{"error.quota_exceeded", "error.heading.quota_exceeded"}},
		"quota with its own message":     {"quota_units", 403, want{"error.quota_units", "error.heading.quota_exceeded"}},
		"import refused":                 {"import_invalid", 422, want{"error.import_invalid", "error.heading.invalid"}},
		"unknown code, known status":     {"no_such_code", 404, want{"error.not_found", "error.heading.not_found"}},
		"unknown code and status":        {"no_such_code", 418, want{"error.internal", "error.heading.internal"}},
		"own heading":                    {"method_not_allowed", 405, want{"error.method_not_allowed", "error.heading.method_not_allowed"}},
		"login code":                     {"session_expired", 401, want{"error.session_expired", "error.heading.unauthorized"}},
	}
	for _, c := range problemCodes {
		cases[c] = struct {
			code   string
			status int
			want   want
		}{c, 500, want{"error." + c, "error.heading." + c}}
	}
	for name, c := range cases {
		for _, lang := range Langs() {
			var buf bytes.Buffer
			err := r.Render(&buf, "error", &ErrorPage{Page: Page{Lang: lang, Title: "error.title", Path: "/x", RequestID: "r1"}, Status: c.status, Code: c.code})
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			doc, err := html.Parse(&buf)
			if err != nil {
				t.Fatal(err)
			}
			if got, w := text(first(doc, tag("h1"))), i.T(lang, c.want.heading); got != w {
				t.Errorf("%s/%s: heading %q, want %q", name, lang, got, w)
			}
			if got, w := text(first(doc, class("lead"))), i.T(lang, c.want.msg); got != w {
				t.Errorf("%s/%s: message %q, want %q", name, lang, got, w)
			}
			signIn := first(doc, func(n *html.Node) bool { return isTag(n, "a") && attr(n, "href") == "/login" }) != nil
			if signIn != (c.status == 401) {
				t.Errorf("%s/%s: link to /login = %v", name, lang, signIn)
			}
		}
	}
}

func TestRender_EscapesData(t *testing.T) {
	r, _ := newTestRenderer(t)
	var buf bytes.Buffer
	evil := `<script>alert("x")</script>`
	err := r.Render(&buf, "home", HomePage{Page: Page{Lang: "vi", Title: "home.title", Path: "//evil.example/x",
		User: &UserVM{Name: evil}, Tenant: &TenantVM{Slug: "nghe-an", Name: evil}}})
	if err != nil {
		t.Fatal(err)
	}
	doc, _ := html.Parse(&buf)
	// The one script is the vendored htmx, from this site; data never becomes a script.
	for _, sc := range all(doc, tag("script")) {
		if src := attr(sc, "src"); !strings.HasPrefix(src, "/static/") || sc.FirstChild != nil {
			t.Errorf("data became a <script> element (src %q)", src)
		}
	}
	if !strings.Contains(text(first(doc, class("tenant-name"))), evil) {
		t.Errorf("escaped name not shown as text")
	}
	if first(doc, func(n *html.Node) bool { return isTag(n, "a") && strings.HasPrefix(attr(n, "href"), "//") }) != nil {
		t.Errorf("language switch links off-site")
	}
}

func TestRender_Errors(t *testing.T) {
	r, _ := newTestRenderer(t)
	var buf bytes.Buffer
	if err := r.Render(&buf, "nope", LoginPage{}); err == nil {
		t.Errorf("unknown page: want an error")
	}
	if err := r.Render(&buf, "login", struct{ Lang string }{"vi"}); err == nil {
		t.Errorf("view model without Page: want an error")
	}
	if buf.Len() != 0 {
		t.Errorf("a failed render wrote %d bytes", buf.Len())
	}
	// Pages are named after their files wherever they sit; new areas add pages, so this checks
	// the ones known today are there, and that neither the layout nor a partial is a page.
	got := r.Pages()
	for _, want := range []string{"api_docs", "assignments", "audit", "calendar", "committee", "committees", "error", "grants", "home", "invite", "login",
		"plans", "profile", "regime", "regimes", "settings", "tenants", "unit", "units", "units_import", "user_sessions", "users"} {
		if !slices.Contains(got, want) {
			t.Errorf("Pages() = %v, want it to hold %s", got, want)
		}
	}
	for _, p := range got {
		if p == "layout" || strings.HasPrefix(p, "_") {
			t.Errorf("Pages() = %v holds %s", got, p)
		}
	}
	// An unknown language renders in Vietnamese rather than failing.
	if err := r.Render(&buf, "login", LoginPage{Page: Page{Lang: "fr", Title: "login.title", Path: "/login"}}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `<html lang="vi">`) || !strings.Contains(buf.String(), "Đăng nhập") {
		t.Errorf("unknown language did not fall back to vi")
	}
}

func TestNewRenderer_Broken(t *testing.T) {
	i, err := LoadI18n(assets.FS)
	if err != nil {
		t.Fatal(err)
	}
	good := func() fstest.MapFS {
		m := fstest.MapFS{"templates/layout.html": {Data: []byte(`<html>{{template "content" .}}</html>`)}}
		for _, p := range []string{"login", "home", "error"} {
			m["templates/"+p+".html"] = &fstest.MapFile{Data: []byte(`{{define "content"}}x{{end}}`)}
		}
		return m
	}
	if _, err := NewRenderer(good(), i); err != nil {
		t.Fatalf("minimal tree: %v", err)
	}
	// An area's folder holds pages named after their file and "_" partials every page can call.
	areaTree := good()
	areaTree["templates/units/units.html"] = &fstest.MapFile{Data: []byte(`{{define "content"}}[{{template "unit-bit" .}}]{{end}}`)}
	areaTree["templates/units/_units.html"] = &fstest.MapFile{Data: []byte(`{{define "unit-bit"}}bit{{end}}`)}
	r, err := NewRenderer(areaTree, i)
	if err != nil {
		t.Fatalf("tree with an area folder: %v", err)
	}
	if got := r.Pages(); !slices.Equal(got, []string{"error", "home", "login", "units"}) {
		t.Errorf("pages = %v, want error home login units (no partial, no layout)", got)
	}
	var buf bytes.Buffer
	if err := r.Render(&buf, "units", ErrorPage{}); err != nil || buf.String() != "<html>[bit]</html>" {
		t.Errorf("units page = %q, %v; want the area partial inside the layout", buf.String(), err)
	}
	for name, mutate := range map[string]func(fstest.MapFS){
		"no layout": func(m fstest.MapFS) { delete(m, "templates/layout.html") },
		"layout in an area folder": func(m fstest.MapFS) {
			m["templates/units/layout.html"] = &fstest.MapFile{Data: []byte(`<html></html>`)}
		},
		"layout only in an area folder": func(m fstest.MapFS) {
			m["templates/units/layout.html"] = m["templates/layout.html"]
			delete(m, "templates/layout.html")
		},
		"one page name in two areas": func(m fstest.MapFS) {
			m["templates/identity/login.html"] = &fstest.MapFile{Data: []byte(`{{define "content"}}y{{end}}`)}
		},
		// A page an area needs but the tree lacks: see httpapi TestNew_MissingTemplate.
		"no content":   func(m fstest.MapFS) { m["templates/home.html"].Data = []byte(`hello`) },
		"parse error":  func(m fstest.MapFS) { m["templates/home.html"].Data = []byte(`{{define "content"}}{{if}}{{end}}`) },
		"unknown func": func(m fstest.MapFS) { m["templates/home.html"].Data = []byte(`{{define "content"}}{{nope .}}{{end}}`) },
	} {
		m := good()
		mutate(m)
		if _, err := NewRenderer(m, i); err == nil {
			t.Errorf("%s: want an error", name)
		}
	}
}

// TestCatalogs_SameKeys fails when a key is missing in one language, when a message's fmt verbs
// differ between languages, or when a key the code builds (roles, statuses, problem codes) has
// no message.
func TestCatalogs_SameKeys(t *testing.T) {
	cats, origins := map[string]map[string]string{}, map[string]map[string]string{}
	for _, lang := range Langs() {
		m, files, err := readLang(assets.FS, lang)
		if err != nil {
			t.Fatal(err)
		}
		cats[lang], origins[lang] = m, files
	}
	vi, en := cats["vi"], cats["en"]
	// A key lives in the same file in both languages: i18n/vi/units.json and i18n/en/units.json.
	for k, f := range origins["vi"] {
		g, ok := origins["en"][k]
		switch {
		case !ok:
			t.Errorf("key %q is in %s but in no en file", k, f)
		case path.Base(g) != path.Base(f):
			t.Errorf("key %q is in %s but in %s", k, f, g)
		}
	}
	for k, g := range origins["en"] {
		if _, ok := vi[k]; !ok {
			t.Errorf("key %q is in %s but in no vi file", k, g)
		}
	}
	verbs := regexp.MustCompile(`%[-+# 0]*[0-9]*(?:\.[0-9]+)?[a-zA-Z%]`)
	for k, v := range vi {
		a, b := verbs.FindAllString(v, -1), verbs.FindAllString(en[k], -1)
		if !slices.Equal(a, b) {
			t.Errorf("key %q: vi verbs %v, en verbs %v", k, a, b)
		}
	}

	required := []string{"app.name", "nav.logout", "nav.home", "nav.platform", "nav.tenants", "login.title",
		"login.email", "login.password", "tenants.title", "home.title", "error.title"}
	for _, r := range schema.Roles {
		required = append(required, "role."+r)
	}
	for _, v := range enumValues(t, schema.Tenant{}.Fields(), "status") {
		required = append(required, "tenant.status."+v)
	}
	for _, v := range enumValues(t, schema.Job{}.Fields(), "status") {
		required = append(required, "job.status."+v)
	}
	for _, c := range problemCodes {
		required = append(required, "error."+c, "error.heading."+c)
	}
	for _, k := range required {
		if _, ok := vi[k]; !ok {
			t.Errorf("required key %q is missing", k)
		}
	}

	// The Vietnamese catalog is Vietnamese: spot-check words the brief fixes.
	for k, want := range map[string]string{
		"login.title": "Đăng nhập", "login.password": "Mật khẩu", "nav.province": "Tỉnh",
		"nav.platform": "Quản trị nền tảng", "tenants.title": "Danh sách tỉnh", "home.title": "Trang chủ tỉnh",
		"nav.logout": "Đăng xuất", "job.status.pending": "Đang chờ", "job.status.running": "Đang chạy",
		"job.status.succeeded": "Hoàn thành", "job.status.failed": "Thất bại",
		"role.committee_head": "Lãnh đạo Ban Chỉ đạo (Trưởng ban, Phó trưởng ban)",
	} {
		if vi[k] != want {
			t.Errorf("vi %s = %q, want %q", k, vi[k], want)
		}
	}
}

func enumValues(t *testing.T, fields []ent.Field, name string) []string {
	t.Helper()
	for _, f := range fields {
		if d := f.Descriptor(); d.Name == name {
			var vs []string
			for _, e := range d.Enums {
				vs = append(vs, e.V)
			}
			if len(vs) == 0 {
				t.Fatalf("field %s has no enum values", name)
			}
			return vs
		}
	}
	t.Fatalf("no field %s", name)
	return nil
}

func TestI18n_T(t *testing.T) {
	i, err := LoadI18n(assets.FS)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		lang, key string
		args      []any
		want      string
	}{
		{"vi", "nav.logout", nil, "Đăng xuất"},
		{"en", "nav.logout", nil, "Log out"},
		{"fr", "nav.logout", nil, "Đăng xuất"},
		{"", "job.status.succeeded", nil, "Hoàn thành"},
		{"en", "no.such.key", nil, "no.such.key"},
		{"vi", "home.welcome", []any{"Nguyễn Văn An"}, "Xin chào, Nguyễn Văn An!"},
		{"vi", "tenants.total", []any{1234}, "Tổng số: 1.234 tỉnh"},
		{"en", "tenants.total", []any{1234}, "Total: 1,234"},
	} {
		if got := i.T(c.lang, c.key, c.args...); got != c.want {
			t.Errorf("T(%q, %q, %v) = %q, want %q", c.lang, c.key, c.args, got, c.want)
		}
	}
	if got := i.Number("vi", 1234567); got != "1.234.567" {
		t.Errorf("Number(vi) = %q", got)
	}
	if got := i.Number("en", 1234567); got != "1,234,567" {
		t.Errorf("Number(en) = %q", got)
	}
}

func TestLoadI18n_Broken(t *testing.T) {
	okEN := &fstest.MapFile{Data: []byte(`{"nav.logout": "Log out"}`)}
	for name, vi := range map[string]string{
		"duplicate key":  `{"nav.logout": "Đăng xuất", "nav.logout": "Thoát"}`,
		"bad key":        `{"Nav Logout": "Đăng xuất"}`,
		"empty message":  `{"nav.logout": " "}`,
		"not a string":   `{"nav.logout": 3}`,
		"not an object":  `["nav.logout"]`,
		"trailing data":  `{"nav.logout": "Đăng xuất"} {}`,
		"truncated json": `{"nav.logout": "Đăng xuất"`,
	} {
		fsys := fstest.MapFS{"i18n/vi/common.json": {Data: []byte(vi)}, "i18n/en/common.json": okEN}
		if _, err := LoadI18n(fsys); err == nil {
			t.Errorf("%s: want an error", name)
		} else if !strings.Contains(err.Error(), "i18n/vi/common.json") {
			t.Errorf("%s: error %q does not name the file", name, err)
		}
	}
	for name, fsys := range map[string]fstest.MapFS{
		"no en folder": {"i18n/vi/common.json": {Data: []byte(`{"nav.logout": "Đăng xuất"}`)}},
		"en folder without catalogs": {"i18n/vi/common.json": {Data: []byte(`{"nav.logout": "Đăng xuất"}`)},
			"i18n/en/README.md": {Data: []byte(`notes`)}},
		"single-file catalog left over": {"i18n/vi/common.json": {Data: []byte(`{"nav.logout": "Đăng xuất"}`)},
			"i18n/en/common.json": okEN, "i18n/en.json": okEN},
	} {
		if _, err := LoadI18n(fsys); err == nil {
			t.Errorf("%s: want an error", name)
		}
	}

	// A key defined by two files of one language is refused, naming both files.
	two := fstest.MapFS{
		"i18n/vi/common.json": {Data: []byte(`{"nav.logout": "Đăng xuất"}`)},
		"i18n/vi/units.json":  {Data: []byte(`{"units.title": "Đơn vị", "nav.logout": "Thoát"}`)},
		"i18n/en/common.json": okEN,
	}
	_, err := LoadI18n(two)
	if err == nil || !strings.Contains(err.Error(), "i18n/vi/common.json") || !strings.Contains(err.Error(), "i18n/vi/units.json") ||
		!strings.Contains(err.Error(), `"nav.logout"`) {
		t.Errorf("key in two files: error %v, want one naming the key and both files", err)
	}

	// The files of a language are merged; other files and sub-folders are ignored; a key missing
	// in en falls back to vi.
	merged := fstest.MapFS{
		"i18n/vi/common.json":     {Data: []byte(`{"nav.logout": "Đăng xuất"}`)},
		"i18n/vi/units.json":      {Data: []byte(`{"units.title": "Đơn vị"}`)},
		"i18n/vi/README.md":       {Data: []byte(`not a catalog`)},
		"i18n/vi/old/broken.json": {Data: []byte(`{`)},
		"i18n/en/common.json":     okEN,
	}
	i, err := LoadI18n(merged)
	if err != nil {
		t.Fatalf("merged catalogs: %v", err)
	}
	if got := i.Keys("vi"); !slices.Equal(got, []string{"nav.logout", "units.title"}) {
		t.Errorf("vi keys = %v", got)
	}
	if got := i.T("en", "units.title"); got != "Đơn vị" {
		t.Errorf("T(en, units.title) = %q, want the vi fallback", got)
	}
	if got := i.T("en", "nav.logout"); got != "Log out" {
		t.Errorf("T(en, nav.logout) = %q", got)
	}
}

func TestMatchLang(t *testing.T) {
	for _, c := range []struct{ cookie, accept, want string }{
		{"", "", "vi"},
		{"en", "vi-VN,vi;q=0.9", "en"},
		{"EN", "", "en"},
		{"vi", "en-US,en;q=0.9", "vi"},
		{"fr", "en-US,en;q=0.9", "en"},
		{"", "en-GB", "en"},
		{"", "vi-VN,vi;q=0.9,en-US;q=0.8,en;q=0.7", "vi"},
		{"", "fr-FR,fr;q=0.9", "vi"},
		{"", "fr-FR,en;q=0.5", "en"},
		{"", "ja", "vi"},
		{"", "garbage;;;q=x", "vi"},
		{"", "*", "vi"},
	} {
		if got := MatchLang(c.cookie, c.accept); got != c.want {
			t.Errorf("MatchLang(%q, %q) = %q, want %q", c.cookie, c.accept, got, c.want)
		}
	}
	if got := Langs(); !slices.Equal(got, []string{"vi", "en"}) {
		t.Errorf("Langs() = %v", got)
	}
}

func TestDates(t *testing.T) {
	if vnZone.String() != "Asia/Ho_Chi_Minh" {
		t.Errorf("zone = %s, want Asia/Ho_Chi_Minh (embedded tzdata)", vnZone)
	}
	for _, c := range []struct {
		t      time.Time
		layout string
		want   string
	}{
		{created, "02/01/2006", "01/07/2025"},
		{created, "02/01/2006 15:04", "01/07/2025 01:30"},
		{time.Date(2025, 12, 31, 16, 59, 0, 0, time.UTC), "02/01/2006 15:04", "31/12/2025 23:59"},
		{time.Date(2025, 12, 31, 17, 0, 0, 0, time.UTC), "02/01/2006", "01/01/2026"},
		{time.Time{}, "02/01/2006", ""},
	} {
		if got := formatTime(c.t, c.layout); got != c.want {
			t.Errorf("formatTime(%v, %q) = %q, want %q", c.t, c.layout, got, c.want)
		}
	}
}

func TestLangURL(t *testing.T) {
	for _, c := range []struct{ path, lang, want string }{
		{"/platform/tenants", "en", "/platform/tenants?lang=en"},
		{"/t/nghe-an/", "vi", "/t/nghe-an/?lang=vi"},
		{"", "en", "/?lang=en"},
		{"//evil.example/x", "en", "/?lang=en"},
		{"/\\evil.example", "en", "/?lang=en"},
		{"https://evil.example/", "vi", "/?lang=vi"},
		{"/login?next=/x", "en", "/?lang=en"},
	} {
		if got := LangURL(c.path, c.lang); got != c.want {
			t.Errorf("LangURL(%q, %q) = %q, want %q", c.path, c.lang, got, c.want)
		}
	}
}

// --- small HTML helpers over golang.org/x/net/html ---

func walk(n *html.Node, f func(*html.Node)) {
	if n == nil {
		return
	}
	f(n)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, f)
	}
}

func all(root *html.Node, match func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	walk(root, func(n *html.Node) {
		if n.Type == html.ElementNode && match(n) {
			out = append(out, n)
		}
	})
	return out
}

func first(root *html.Node, match func(*html.Node) bool) *html.Node {
	if ns := all(root, match); len(ns) > 0 {
		return ns[0]
	}
	return nil
}

func isTag(n *html.Node, name string) bool {
	return n != nil && n.Type == html.ElementNode && n.Data == name
}

func tag(name string) func(*html.Node) bool {
	return func(n *html.Node) bool { return isTag(n, name) }
}

func class(c string) func(*html.Node) bool {
	return func(n *html.Node) bool { return slices.Contains(strings.Fields(attr(n, "class")), c) }
}

func attr(n *html.Node, key string) string {
	if n == nil {
		return ""
	}
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

// text is the whitespace-collapsed text content of n.
func text(n *html.Node) string {
	var b strings.Builder
	walk(n, func(c *html.Node) {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
			b.WriteByte(' ')
		}
	})
	return strings.Join(strings.Fields(b.String()), " ")
}

// withNav fills a case's navigation as the HTTP kernel does from the areas' declarations (the
// kernel's own test checks that filtering against real grants): the layout shows what it is given.
func withNav(data any) any {
	v := reflect.ValueOf(data)
	elem := v
	if v.Kind() == reflect.Pointer {
		elem = v.Elem()
	} else {
		nv := reflect.New(v.Type())
		nv.Elem().Set(v)
		elem = nv.Elem()
	}
	pf := elem.FieldByName("Page")
	p := pf.Interface().(Page)
	link := func(href, label string, exact bool) NavLink {
		cur := p.Path == href || (!exact && strings.HasPrefix(p.Path, href+"/"))
		return NavLink{Href: href, Label: label, Current: cur}
	}
	p.Nav, p.AdminNav, p.PlatformNav = nil, nil, nil
	if p.User != nil && p.User.PlatformAdmin {
		p.PlatformNav = []NavLink{link("/platform/tenants", "nav.platform", true), link("/platform/plans", "nav.plans", true)}
	}
	if p.User != nil && p.Tenant != nil {
		base := "/t/" + p.Tenant.Slug
		p.Nav = append(p.Nav, link(base+"/", "nav.home", true))
		for _, l := range []struct {
			path, perm, label string
			admin, exact      bool
		}{{"units", "unit:read", "nav.units", false, false}, {"committees", "committee:read", "nav.committees", false, false},
			{"regimes", "regime:read", "nav.regimes", false, false}, {"calendar", "regime:read", "nav.calendar", false, false},
			{"users", "user:read", "nav.users", true, false}, {"grants", "grant:read", "nav.grants", true, true},
			{"audit", "audit:read", "nav.audit", true, true}, {"settings", "setting:read", "nav.settings", true, true}} {
			if !p.Can[l.perm] {
				continue
			}
			if l.admin {
				p.AdminNav = append(p.AdminNav, link(base+"/"+l.path, l.label, l.exact))
			} else {
				p.Nav = append(p.Nav, link(base+"/"+l.path, l.label, l.exact))
			}
		}
	}
	pf.Set(reflect.ValueOf(p))
	if v.Kind() == reflect.Pointer {
		return data
	}
	return elem.Interface()
}
