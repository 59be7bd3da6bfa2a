package audit_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"entgo.io/ent/entc"
	"entgo.io/ent/entc/gen"
	"golang.org/x/net/html"

	"github.com/danvan-vn/danvan/internal/app/apptest"
	auditarea "github.com/danvan-vn/danvan/internal/areas/audit"
	"github.com/danvan-vn/danvan/internal/audit"
	"github.com/danvan-vn/danvan/internal/seed"
	"github.com/danvan-vn/danvan/internal/web"
	assets "github.com/danvan-vn/danvan/web"
)

// doc parses a page and returns its visible text by CSS-like class, and the hrefs of its links.
type doc struct{ root *html.Node }

func parse(t *testing.T, s string) doc {
	t.Helper()
	n, err := html.Parse(strings.NewReader(s))
	if err != nil {
		t.Fatal(err)
	}
	return doc{n}
}

func (d doc) walk(f func(*html.Node)) {
	var w func(*html.Node)
	w = func(n *html.Node) {
		f(n)
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			w(c)
		}
	}
	w(d.root)
}

func attr(n *html.Node, k string) string {
	for _, a := range n.Attr {
		if a.Key == k {
			return a.Val
		}
	}
	return ""
}

func text(n *html.Node) string {
	var b strings.Builder
	var w func(*html.Node)
	w = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			w(c)
		}
	}
	w(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

// texts are the texts of the elements whose tag is tag and whose class list holds class ("" for any).
func (d doc) texts(tag, class string) []string {
	var out []string
	d.walk(func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == tag && (class == "" || slices.Contains(strings.Fields(attr(n, "class")), class)) {
			out = append(out, text(n))
		}
	})
	return out
}

// options are the value → label of a select's options.
func (d doc) options(name string) map[string]string {
	out := map[string]string{}
	d.walk(func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "select" && attr(n, "name") == name {
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				if c.Type == html.ElementNode && c.Data == "option" {
					out[attr(c, "value")] = text(c)
				}
			}
		}
	})
	return out
}

func (d doc) links() []string {
	var out []string
	d.walk(func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "a" {
			out = append(out, attr(n, "href"))
		}
	})
	return out
}

// TestAudit_SignInsInTheProvinceTrail: a member's sign-in, failed sign-ins and the lockout they
// cause are in the province's trail and the "Đăng nhập" filter finds them, in words, on the page
// and in the API; another province's trail holds none of them, and a sign-in with an unknown
// e-mail stays off every province's trail.
func TestAudit_SignInsInTheProvinceTrail(t *testing.T) {
	e := apptest.New(t, "services", redisDB)
	const email = "can-bo.dangnhap@nghe-an.vn"
	e.Person(t, email, "unit_officer", "nghe-an", false) // signs in: success
	c := e.Client()
	login := func(who, password string) int {
		resp, _ := c.Do(http.MethodPost, "/api/v1/login", map[string]string{"email": who, "password": password})
		return resp.StatusCode
	}
	for i := range 10 { // the tenth locks the account
		if s := login(email, fmt.Sprint("sai-", i)); s != http.StatusUnauthorized {
			t.Fatalf("wrong password %d: %d", i+1, s)
		}
	}
	if s := login(email, seed.DemoPassword); s != http.StatusTooManyRequests {
		t.Fatalf("login while locked: %d, want 429", s)
	}
	login("khong-co@nghe-an.vn", "x")

	admin := e.Client()
	admin.Login(seed.Provinces[0].AdminEmail)
	admin.Lang = ""
	resp, body := admin.Do(http.MethodGet, "/api/v1/t/nghe-an/audit?action=login&actor="+url.QueryEscape(email), nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	var page auditarea.AuditPageJSON
	if err := json.Unmarshal(body, &page); err != nil {
		t.Fatal(err)
	}
	count := map[string]int{}
	for _, r := range page.Records {
		count[r.Action]++
	}
	// 10 wrong passwords and one try while locked; the API keeps the machine's codes.
	if count["login.success"] != 1 || count["login.failed"] != 11 || count["login.lockout"] != 1 {
		t.Errorf("Nghệ An's sign-in records of %s: %v", email, count)
	}
	status, p := admin.Page("/t/nghe-an/audit?action=login")
	if status != http.StatusOK {
		t.Fatalf("page: %d", status)
	}
	d := parse(t, p)
	acts := strings.Join(d.texts("span", "audit-action"), "|")
	for _, want := range []string{"Đăng nhập thành công", "Đăng nhập thất bại", "Tạm khóa đăng nhập"} {
		if !strings.Contains(acts, want) {
			t.Errorf("the Đăng nhập filter shows no %q: %s", want, acts)
		}
	}
	if strings.Contains(acts, "login.") || strings.Contains(p, "khong-co@nghe-an.vn") {
		t.Errorf("codes or another's failed sign-in on the page: %s", acts)
	}
	changes := strings.Join(d.texts("dl", "changes"), "|")
	for _, want := range []string{"Lý do: Sai mật khẩu", "Lý do: Tài khoản đang bị tạm khóa", "Khóa đến:"} {
		if !strings.Contains(changes, want) {
			t.Errorf("sign-in details lack %q: %s", want, changes)
		}
	}
	if !regexp.MustCompile(`Khóa đến: \d\d/\d\d/\d{4} \d\d:\d\d`).MatchString(changes) {
		t.Errorf("lockout end not dd/mm/yyyy hh:mm: %s", changes)
	}
	// Each failed-attempt filter finds its own.
	for action, want := range map[string]string{"login.failed": "Đăng nhập thất bại", "login.lockout": "Tạm khóa đăng nhập"} {
		_, p := admin.Page("/t/nghe-an/audit?action=" + action)
		got := parse(t, p).texts("span", "audit-action")
		if len(got) == 0 || slices.ContainsFunc(got, func(s string) bool { return s != want }) {
			t.Errorf("?action=%s shows %v", action, got)
		}
	}
	// Quảng Ngãi's trail holds none of it.
	qn := e.Client()
	qn.Login("admin@quang-ngai.danvan.vn")
	_, p = qn.Page("/t/quang-ngai/audit?action=login")
	if strings.Contains(p, email) {
		t.Error("Quảng Ngãi's trail shows a Nghệ An member's sign-ins")
	}
}

// TestAudit_PageInWords: the trail of a configured province reads as words: actions, record
// types and fields by name, dates dd/mm/yyyy, no codes, no raw maps or timestamps, and links to
// the records.
func TestAudit_PageInWords(t *testing.T) {
	e := apptest.NewConfigured(t, "services", redisDB)
	admin := e.Client()
	admin.Login(seed.Provinces[0].AdminEmail)
	// A change with a map value: the province's settings.
	resp, body := admin.Do(http.MethodGet, "/api/v1/t/nghe-an/audit?entity=holiday", nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	if !strings.Contains(string(body), `"action":"holiday.create"`) {
		t.Fatalf("the configured province has no holiday records: %s", body)
	}

	for _, q := range []string{"", "?entity=holiday", "?entity=unit", "?entity=reportingregime", "?entity=committee", "?entity=provincesetting", "?action=create"} {
		status, p := admin.Page("/t/nghe-an/audit" + q)
		if status != http.StatusOK {
			t.Fatalf("%s: %d", q, status)
		}
		d := parse(t, p)
		rows := strings.Join(d.texts("table", "table-audit"), "\n")
		if rows == "" {
			t.Errorf("%s: no records", q)
			continue
		}
		for _, raw := range []string{"tenant_id", "map[", "T00:00:00Z", ".create", ".update", "<nil>", "system"} {
			if strings.Contains(rows, raw) {
				t.Errorf("%s shows %q", q, raw)
			}
		}
		for _, label := range d.texts("dt", "") {
			if strings.Contains(label, "_") || !strings.HasSuffix(label, ":") {
				t.Errorf("%s: field %q has no label", q, label)
			}
		}
		if acts := d.texts("span", "audit-action"); slices.ContainsFunc(acts, func(s string) bool { return strings.Contains(s, ".") }) {
			t.Errorf("%s: actions as codes: %v", q, acts)
		}
		if (q == "?entity=holiday" || q == "?entity=unit") && !regexp.MustCompile(`\d\d/\d\d/\d{4}`).MatchString(strings.Join(d.texts("dl", "changes"), " ")) {
			t.Errorf("%s: no dd/mm/yyyy date among the changes", q)
		}
	}
	// Words for each kind; the links open the records.
	checks := map[string]struct{ words, link string }{
		"?entity=holiday":         {"Ngày nghỉ, ngày làm bù", "/t/nghe-an/calendar"},
		"?entity=unit":            {"Đơn vị #", `/t/nghe-an/units/\d+`},
		"?entity=committee":       {"Ban Chỉ đạo #", `/t/nghe-an/committees/\d+`},
		"?entity=reportingregime": {"Chế độ báo cáo #", `/t/nghe-an/regimes/\d+`},
		"?entity=provincesetting": {"Cấu hình tỉnh", "/t/nghe-an/settings"},
	}
	for q, w := range checks {
		_, p := admin.Page("/t/nghe-an/audit" + q)
		d := parse(t, p)
		if got := strings.Join(d.texts("span", "audit-entity-type"), "|"); !strings.Contains(got, w.words) {
			t.Errorf("%s: record types %q, want %q", q, got, w.words)
		}
		re := regexp.MustCompile("^" + w.link + "$")
		if !slices.ContainsFunc(d.links(), re.MatchString) {
			t.Errorf("%s: no link like %s", q, w.link)
		}
		if acts := d.texts("span", "audit-action"); !slices.Contains(acts, "Tạo") {
			t.Errorf("%s: actions %v, want Tạo", q, acts)
		}
	}
	// Values by their shape: a boolean in words, a map as "key: value" lines, an enum code in words.
	for q, want := range map[string][]string{
		"?entity=reportingregime": {"Đang hoạt động: Có", "Kỳ báo cáo: 6 tháng"},
		"?entity=tenant":          {"Cấu hình: date_format: 02/01/2006", "Trạng thái:"},
		"?entity=holiday":         {"Loại: Ngày nghỉ"},
		// A unit id names the unit: its parent and the regime's receiving unit by name, not "#1".
		"?entity=unitversion": {"Đơn vị cấp trên: UBND tỉnh Nghệ An"},
	} {
		_, p := admin.Page("/t/nghe-an/audit" + q)
		changes := strings.Join(parse(t, p).texts("dl", "changes"), "|")
		for _, w := range want {
			if !strings.Contains(changes, w) {
				t.Errorf("%s: changes lack %q: %.400s", q, w, changes)
			}
		}
		if strings.Contains(changes, "map[") || strings.Contains(changes, "true") || strings.Contains(changes, "provisioning") {
			t.Errorf("%s: raw values: %.400s", q, changes)
		}
	}
}

// TestAudit_TypeFilterListsEveryAuditedType: the record-type filter offers every audited type
// (units, committees, regimes, holidays, …) by its name, whatever the trail holds yet; in
// English too.
func TestAudit_TypeFilterListsEveryAuditedType(t *testing.T) {
	e := apptest.New(t, "services", redisDB)
	admin := e.Client()
	admin.Login(seed.Provinces[0].AdminEmail)
	for lang, want := range map[string]map[string]string{
		"vi": {"unit": "Đơn vị", "committee": "Ban Chỉ đạo", "reportingregime": "Chế độ báo cáo", "holiday": "Ngày nghỉ, ngày làm bù"},
		"en": {"unit": "Unit", "committee": "Steering committee", "reportingregime": "Reporting regime", "holiday": "Holiday or make-up workday"},
	} {
		_, p := admin.Page("/t/nghe-an/audit?lang=" + lang)
		opts := parse(t, p).options("entity")
		for _, typ := range audit.EntityTypes() {
			if l, ok := opts[typ]; !ok || l == typ || l == "" {
				t.Errorf("%s: the type filter offers %s as %q", lang, typ, l)
			}
		}
		for typ, l := range want {
			if opts[typ] != l {
				t.Errorf("%s: %s offered as %q, want %q", lang, typ, opts[typ], l)
			}
		}
		acts := parse(t, p).options("action")
		for _, a := range []string{"login", "login.failed", "login.lockout", "create", "update", "delete"} {
			if l, ok := acts[a]; !ok || l == a {
				t.Errorf("%s: the action filter offers %s as %q", lang, a, l)
			}
		}
	}
	// A verb filters that action on every type.
	_, p := admin.Page("/t/nghe-an/audit?action=update&lang=vi")
	for _, a := range parse(t, p).texts("span", "audit-action") {
		if a != "Sửa" && !strings.HasPrefix(a, "Đổi") && !strings.HasPrefix(a, "Sửa") && !strings.HasPrefix(a, "Cập nhật") && !strings.HasPrefix(a, "Thay đổi") {
			t.Errorf("?action=update shows %q", a)
		}
	}
}

// TestAudit_EveryAuditedTypeAndFieldHasWords reads the schema: each audited entity has a name,
// and each of its fields a label, in Vietnamese and in English; a new audited type or field
// without them fails here. The schema's AuditMixin users are internal/audit's Audited (ent/schema's
// test holds them equal), which the filter lists.
func TestAudit_EveryAuditedTypeAndFieldHasWords(t *testing.T) {
	g, err := entc.LoadGraph("../../../ent/schema", &gen.Config{})
	if err != nil {
		t.Fatal(err)
	}
	i, err := web.LoadI18n(assets.FS)
	if err != nil {
		t.Fatal(err)
	}
	name := audit.Annotation{}.Name()
	var audited []string
	for _, n := range g.Nodes {
		if _, on := n.Annotations[name]; !on {
			continue
		}
		audited = append(audited, n.Name)
		keys := []string{"audit.entity." + audit.EntityType(n.Name)}
		for _, f := range n.Fields {
			if f.Name != "tenant_id" && f.Name != "created_at" && f.Name != "updated_at" {
				keys = append(keys, "audit.field."+f.Name)
			}
		}
		for _, k := range keys {
			for _, lang := range web.Langs() {
				if !i.Has(lang, k) {
					t.Errorf("%s: no %q in i18n/%s/audit.json", n.Name, k, lang)
				}
			}
		}
	}
	slices.Sort(audited)
	if want := slices.Sorted(slices.Values(audit.Audited)); !slices.Equal(audited, want) {
		t.Errorf("audited in the schema %v, internal/audit lists %v", audited, want)
	}
	// The events recorded beside the hook's: their actions and fields.
	for _, k := range []string{"audit.action.login.success", "audit.action.login.failed", "audit.action.login.lockout",
		"audit.action.session.revoke", "audit.action.token.use", "audit.field.reason", "audit.field.locked_until", "audit.field.sessions",
		"audit.action.create", "audit.action.update", "audit.action.delete"} {
		for _, lang := range web.Langs() {
			if !i.Has(lang, k) {
				t.Errorf("no %q in i18n/%s", k, lang)
			}
		}
	}
}
