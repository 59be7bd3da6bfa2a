package web

import (
	"bufio"
	"bytes"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/danvan-vn/danvan/ent/schema"
	"github.com/danvan-vn/danvan/policies"
	assets "github.com/danvan-vn/danvan/web"
)

// allPerms is what a province admin may do.
var allPerms = []string{"province:read", "job:read", "user:read", "user:invite", "user:update", "user:reset_password",
	"session:read", "session:revoke", "grant:read", "grant:update", "audit:read", "audit:export"}

func can(perms ...string) map[string]bool {
	m := map[string]bool{}
	for _, p := range perms {
		m[p] = true
	}
	return m
}

const (
	newToken   = "dvt_Ab12Cd.7QmZr0kXo2Vd9sLw4HnE1yTjBfUcPa"
	inviteLink = "https://danvan.gov.vn/invite/Kx9pQ2vL7mZrT4wYbN"
	tempPass   = "Sen-Hong-4821-Lua"
	chromeUA   = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36"
	iphoneUA   = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
)

func sessions() []SessionRow {
	return []SessionRow{
		{ID: 31, Current: true, IP: "203.113.45.6", UserAgent: chromeUA, CreatedAt: created, LastSeenAt: created.Add(2 * time.Hour), ExpiresAt: created.AddDate(0, 0, 30)},
		{ID: 29, IP: "2001:ee0:4f1a::12", UserAgent: iphoneUA, CreatedAt: created.AddDate(0, 0, -3), LastSeenAt: created.AddDate(0, 0, -1), ExpiresAt: created.AddDate(0, 0, 27)},
	}
}

func members() []MemberRow {
	login := created.Add(-26 * time.Hour)
	return []MemberRow{
		{UserID: 1, Name: "Nguyễn Văn An", Email: "an.nguyen@nghean.gov.vn", Active: true, LastLoginAt: &login, IsSelf: true,
			Memberships: []MembershipRow{{ID: 11, Role: "province_admin", Active: true}, {ID: 12, Role: "standing_agency", Active: true}}},
		{UserID: 2, Name: "Hồ Thị Hương", Email: "huong.ho@nghean.gov.vn", Active: true, LastLoginAt: &login,
			Memberships: []MembershipRow{{ID: 13, Role: "committee_member", Active: true}}},
		{UserID: 3, Name: "Phan Đình Phùng", Email: "phung.phan@dienchau.nghean.gov.vn", Active: false, Locked: true,
			Memberships: []MembershipRow{{ID: 14, Role: "unit_officer", Active: false}}},
		{UserID: 4, Name: "Đặng Thị Quỳnh", Email: "quynh.dang@nghean.gov.vn", Active: true, MustChangePw: true,
			Memberships: []MembershipRow{{ID: 15, Role: "unit_leader", Active: true}}},
	}
}

// grantGroups is a slice of the real matrix: province_admin fixed, some cells overridden, some
// outside the ceiling; two groups (users, audit).
func grantGroups() []GrantGroup {
	type c struct {
		def      bool
		override string
		editable bool
	}
	mk := func(obj, act string, cells ...c) GrantRow {
		row := GrantRow{Object: obj, Action: act}
		for n, x := range cells {
			eff := x.def
			switch x.override {
			case "allow":
				eff = true
			case "deny":
				eff = false
			}
			row.Cells = append(row.Cells, GrantCell{Role: schema.Roles[n], Object: obj, Action: act,
				Default: x.def, Override: x.override, Effective: eff, Checked: eff, Editable: x.editable})
		}
		return row
	}
	admin := c{true, "", false}
	return []GrantGroup{
		{Object: "user", Rows: []GrantRow{
			mk("user", "read", admin, c{true, "", true}, c{false, "allow", true}, c{true, "deny", true}, c{false, "", false}, c{false, "", false}, c{false, "", false}),
			mk("user", "invite", admin, c{false, "", true}, c{false, "", false}, c{false, "", true}, c{false, "", false}, c{false, "", false}, c{false, "", false}),
		}},
		{Object: "audit", Rows: []GrantRow{
			mk("audit", "export", admin, c{false, "allow", true}, c{false, "", false}, c{false, "", false}, c{false, "", false}, c{false, "", false}, c{false, "", false}),
		}},
	}
}

func auditRows() []AuditRow {
	return []AuditRow{
		{ID: 903, At: created, Actor: "Nguyễn Văn An", Action: "membership.update", ActionLabel: "Đổi vai trò", EntityType: "membership",
			EntityLabel: "Vai trò thành viên", EntityID: 13, Link: "/t/nghe-an/users",
			Subject: "huong.ho@nghean.gov.vn", Changes: []ChangeRow{{Field: "role", Label: "Vai trò", Before: "Cán bộ phụ trách", After: "Thành viên BCĐ"}},
			IP: "203.113.45.6", RequestID: "01JZQ8X5K2M7R4T9V3W6Y1B0CD"},
		{ID: 902, At: created.Add(-time.Hour), Actor: "Hệ thống", Action: "login.failed", ActionLabel: "Đăng nhập thất bại", EntityType: "user",
			EntityLabel: "Người dùng", EntityID: 3, Subject: "phung.phan@dienchau.nghean.gov.vn", IP: "113.160.22.7"},
		{ID: 901, At: created.Add(-3 * time.Hour), Actor: "Nguyễn Văn An", Action: "unitversion.create", ActionLabel: "Tạo", EntityType: "unitversion",
			EntityLabel: "Thông tin đơn vị", EntityID: 5, Link: "/t/nghe-an/units/4",
			Changes: []ChangeRow{{Field: "parent_id", Label: "Đơn vị cấp trên", After: "#2", AfterLink: "/t/nghe-an/units/2"},
				{Field: "settings", Label: "Cấu hình", After: "date_format: 02/01/2006\nlocale: vi"}}, IP: "203.113.45.6"},
	}
}

func identityCases(lang string) []pageCase {
	nghean := &TenantVM{Slug: "nghe-an", Name: "Nghệ An", Status: "active"}
	page := func(title, path string, perms ...string) Page {
		return Page{Lang: lang, Title: title, User: provinceUser(), Tenant: nghean, CSRF: csrf,
			RequestID: "req-" + title, Path: path, Can: can(perms...)}
	}
	used := created.Add(-5 * time.Hour)
	return []pageCase{
		{
			name: "profile",
			page: "profile",
			data: &ProfilePage{
				Page: Page{Lang: lang, Title: "profile.title", User: provinceUser(), CSRF: csrf, Flash: "tokens.created",
					RequestID: "req-prof-1", Path: "/profile"},
				MustChange: true,
				Sessions:   sessions(),
				Tokens: []TokenRow{
					{ID: 7, Name: "Đồng bộ báo cáo quý", Prefix: "dvt_Ab12Cd", ProvinceSlug: "nghe-an", ProvinceName: "Nghệ An",
						CreatedAt: created, ExpiresAt: created.AddDate(0, 0, 90), LastUsedAt: &used},
					{ID: 6, Name: "Thử nghiệm", Prefix: "dvt_Zz98Yx", ProvinceSlug: "nghe-an", ProvinceName: "Nghệ An",
						CreatedAt: created.AddDate(0, -2, 0), ExpiresAt: created.AddDate(0, 1, 0), Revoked: true},
					{ID: 5, Name: "Nhập số liệu Hà Tĩnh", Prefix: "dvt_Qw34Er", ProvinceSlug: "ha-tinh", ProvinceName: "Hà Tĩnh",
						CreatedAt: created.AddDate(-1, 0, 0), ExpiresAt: created.AddDate(0, 0, -2), Expired: true},
				},
				Provinces: []ProvinceOption{{Slug: "nghe-an", Name: "Nghệ An"}, {Slug: "ha-tinh", Name: "Hà Tĩnh"}},
				NewToken:  newToken,
				Errors:    map[string]string{"current_password": "field.wrong_password", "days": "field.token_days"},
			},
			check: checkProfile,
		},
		{
			name: "profile/minimal",
			page: "profile",
			data: &ProfilePage{
				Page:     Page{Lang: lang, Title: "profile.title", User: platformAdmin(), CSRF: csrf, Path: "/profile"},
				Sessions: sessions()[:1],
			},
			check: checkProfileMinimal,
		},
		{
			name: "users/admin",
			page: "users",
			data: &UsersPage{
				Page:        page("users.title", "/t/nghe-an/users", allPerms...),
				Members:     members(),
				Invitations: []InvitationRow{{ID: 21, Email: "tuan.le@quynhluu.nghean.gov.vn", Role: "unit_officer", CreatedAt: created, ExpiresAt: created.AddDate(0, 0, 7)}},
				Roles:       schema.Roles,
				InviteLink:  inviteLink,
				TempPass:    tempPass,
				TempFor:     "Đặng Thị Quỳnh",
				Form:        InviteForm{Email: "tuan.le@", Role: ""},
				Errors:      map[string]string{"email": "field.email", "role": "field.required"},
			},
			check: checkUsersAdmin,
		},
		{
			name: "users/readonly",
			page: "users",
			data: &UsersPage{
				Page:        page("users.title", "/t/nghe-an/users", "province:read", "user:read"),
				Members:     members(),
				Invitations: []InvitationRow{{ID: 21, Email: "tuan.le@quynhluu.nghean.gov.vn", Role: "unit_officer", CreatedAt: created, ExpiresAt: created.AddDate(0, 0, 7)}},
				Roles:       schema.Roles,
			},
			check: checkUsersReadonly,
		},
		{
			name: "user_sessions",
			page: "user_sessions",
			data: &UserSessionsPage{
				Page:     page("sessions.title", "/t/nghe-an/users/2/sessions", "user:read", "session:read", "session:revoke"),
				Member:   members()[1],
				Sessions: sessions()[1:],
			},
			check: checkUserSessions(true),
		},
		{
			name: "user_sessions/read_only",
			page: "user_sessions",
			data: &UserSessionsPage{
				Page:     page("sessions.title", "/t/nghe-an/users/2/sessions", "user:read", "session:read"),
				Member:   members()[1],
				Sessions: sessions()[1:],
			},
			check: checkUserSessions(false),
		},
		{
			name: "grants/editor",
			page: "grants",
			data: &GrantsPage{
				Page:      page("grants.title", "/t/nghe-an/grants", allPerms...),
				Roles:     schema.Roles,
				Groups:    grantGroups(),
				Overrides: 3,
			},
			check: checkGrants(true),
		},
		{
			name: "grants/refused",
			page: "grants",
			data: func() *GrantsPage {
				g := grantGroups()
				// Submitted: standing_agency invites (beyond the ceiling) and committee_head loses user:read.
				g[0].Rows[1].Cells[3].Checked, g[0].Rows[1].Cells[3].Error = true, "field.not_grantable"
				g[0].Rows[0].Cells[1].Checked = false
				return &GrantsPage{Page: page("grants.title", "/t/nghe-an/grants", allPerms...), Roles: schema.Roles, Groups: g,
					Problems: []GrantCell{g[0].Rows[1].Cells[3]}, Refused: 1}
			}(),
			check: checkGrantsRefused,
		},
		{
			name: "grants/viewer",
			page: "grants",
			data: &GrantsPage{
				Page:   page("grants.title", "/t/nghe-an/grants", "user:read", "grant:read"),
				Roles:  schema.Roles,
				Groups: grantGroups(),
			},
			check: checkGrants(false),
		},
		{
			name: "audit",
			page: "audit",
			data: &AuditPage{
				Page:    page("audit.title", "/t/nghe-an/audit", allPerms...),
				Filter:  AuditFilter{Action: "membership", User: "An", From: "01/07/2025", To: "31/02/2025"},
				Rows:    auditRows(),
				Page_:   2,
				HasNext: true,
				Query:   "action=membership&actor=An&from=01%2F07%2F2025&to=31%2F02%2F2025",
				Errors:  map[string]string{"to": "field.date"},
				Actions: []AuditOption{{"login", "Đăng nhập (tất cả)"}, {"login.failed", "Đăng nhập thất bại"}, {"membership", "Vai trò"},
					{"create", "Tạo"}, {"session.revoke", "Đăng xuất phiên"}},
				Entities: []AuditOption{{"user", "Người dùng"}, {"membership", "Vai trò"}, {"unit", "Đơn vị"}, {"committee", "Ban Chỉ đạo"},
					{"holiday", "Ngày nghỉ"}},
			},
			check: checkAudit,
		},
		{
			name: "audit/empty",
			page: "audit",
			data: &AuditPage{
				Page:     page("audit.title", "/t/nghe-an/audit", "audit:read"),
				Page_:    1,
				Actions:  []AuditOption{{"login", "Đăng nhập"}},
				Entities: []AuditOption{{"user", "Người dùng"}},
			},
			check: checkAuditEmpty,
		},
		{
			name: "invite/new",
			page: "invite",
			data: &InvitePage{
				Page:         Page{Lang: lang, Title: "invite.title", CSRF: csrf, Path: "/invite/Kx9pQ2vL7mZrT4wYbN"},
				ProvinceName: "Nghệ An", Email: "tuan.le@quynhluu.nghean.gov.vn", Role: "unit_officer",
				FullName: "Lê Minh Tuấn",
				Errors:   map[string]string{"password_confirm": "field.password_mismatch"},
			},
			check: checkInviteNew,
		},
		{
			name: "invite/existing",
			page: "invite",
			data: &InvitePage{
				Page:         Page{Lang: lang, Title: "invite.title", CSRF: csrf, Path: "/invite/Kx9pQ2vL7mZrT4wYbN"},
				ProvinceName: "Hà Tĩnh", Email: "an.nguyen@nghean.gov.vn", Role: "committee_member", ExistingUser: true,
			},
			check: checkInviteExisting,
		},
		{
			name: "invite/invalid",
			page: "invite",
			data: &InvitePage{
				Page:    Page{Lang: lang, Title: "invite.title", CSRF: csrf, Path: "/invite/expired"},
				Invalid: true,
			},
			check: checkInviteInvalid,
		},
	}
}

// --- helpers for the checks ---

func formAt(doc *html.Node, action string) *html.Node {
	return first(doc, func(n *html.Node) bool { return isTag(n, "form") && attr(n, "action") == action })
}

func formsWhere(doc *html.Node, match func(action string) bool) []string {
	var out []string
	for _, f := range all(doc, tag("form")) {
		if a := attr(f, "action"); match(a) {
			out = append(out, a)
		}
	}
	return out
}

func fieldIn(form *html.Node, name string) *html.Node {
	return first(form, func(n *html.Node) bool {
		return (isTag(n, "input") || isTag(n, "select") || isTag(n, "textarea")) && attr(n, "name") == name
	})
}

func hasLink(doc *html.Node, href string) bool {
	return first(doc, func(n *html.Node) bool { return isTag(n, "a") && attr(n, "href") == href }) != nil
}

// wantFields checks that form has exactly the named visible fields, each with a label.
func wantFields(t *testing.T, form *html.Node, names ...string) {
	t.Helper()
	var got []string
	for _, n := range all(form, func(n *html.Node) bool { return isTag(n, "input") || isTag(n, "select") || isTag(n, "textarea") }) {
		if attr(n, "type") == "hidden" {
			continue
		}
		got = append(got, attr(n, "name"))
		id := attr(n, "id")
		labelled := attr(n, "aria-label") != "" ||
			(id != "" && first(form, func(l *html.Node) bool { return isTag(l, "label") && attr(l, "for") == id }) != nil)
		if !labelled {
			t.Errorf("form %s: field %s has no label", attr(form, "action"), attr(n, "name"))
		}
	}
	if !slices.Equal(got, names) {
		t.Errorf("form %s: fields %v, want %v", attr(form, "action"), got, names)
	}
}

func wantText(t *testing.T, n *html.Node, what string, wants ...string) {
	t.Helper()
	body := text(n)
	for _, w := range wants {
		if !strings.Contains(body, w) {
			t.Errorf("%s lacks %q", what, w)
		}
	}
}

func secretCode(doc *html.Node, id string) string {
	return text(first(doc, func(n *html.Node) bool { return isTag(n, "code") && attr(n, "id") == id }))
}

// --- checks ---

func checkProfile(t *testing.T, lang string, doc *html.Node, i *I18n) {
	t.Helper()
	if a := first(doc, func(n *html.Node) bool { return isTag(n, "a") && attr(n, "href") == "/profile" }); attr(a, "aria-current") != "page" {
		t.Errorf("account link not marked current on /profile")
	}
	alert := first(doc, class("notice-warn"))
	if attr(alert, "role") != "alert" || !strings.Contains(text(alert), i.T(lang, "profile.must_change.title")) {
		t.Errorf("must-change notice missing or not an alert: %q", text(alert))
	}
	if got := secretCode(doc, "new-token"); got != newToken {
		t.Errorf("new token shown as %q", got)
	}
	wantText(t, first(doc, class("secret-box")), "token box", i.T(lang, "tokens.copy_now"))

	pw := formAt(doc, "/profile/password")
	if pw == nil {
		t.Fatal("no password form")
	}
	wantFields(t, pw, "current_password", "new_password", "new_password_confirm")
	for _, f := range []string{"current_password", "new_password", "new_password_confirm"} {
		if in := fieldIn(pw, f); attr(in, "type") != "password" || hasAttr(in, "value") {
			t.Errorf("%s is not an empty password input", f)
		}
	}
	if attr(fieldIn(pw, "current_password"), "aria-invalid") != "true" {
		t.Errorf("current_password not marked invalid")
	}
	wantText(t, pw, "password form", i.T(lang, "field.wrong_password"))

	if formAt(doc, "/profile/sessions/revoke-others") == nil {
		t.Errorf("no form to sign out other sessions")
	}
	sessTable := first(first(doc, func(n *html.Node) bool { return attr(n, "aria-labelledby") == "sessions-heading" }), tag("tbody"))
	rows := all(sessTable, tag("tr"))
	if len(rows) != 2 {
		t.Fatalf("session rows = %d, want 2", len(rows))
	}
	wantText(t, rows[0], "current session row", i.T(lang, "sessions.current"), "Chrome 126 · Windows", "203.113.45.6", createdTime)
	wantText(t, rows[1], "other session row", "Safari 17 · iOS", "2001:ee0:4f1a::12")
	if strings.Contains(text(rows[1]), i.T(lang, "sessions.current")) {
		t.Errorf("other session marked current")
	}
	if ua := first(rows[0], func(n *html.Node) bool { return attr(n, "title") == chromeUA }); ua == nil {
		t.Errorf("full user agent not kept in a title")
	}

	tokTable := first(first(doc, func(n *html.Node) bool { return attr(n, "aria-labelledby") == "tokens-heading" }), tag("tbody"))
	trows := all(tokTable, tag("tr"))
	if len(trows) != 3 {
		t.Fatalf("token rows = %d, want 3", len(trows))
	}
	wantText(t, trows[0], "token row", "Đồng bộ báo cáo quý", "dvt_Ab12Cd", "Nghệ An", createdDate, i.T(lang, "tokens.status.active"))
	wantText(t, trows[1], "revoked token row", i.T(lang, "tokens.status.revoked"), i.T(lang, "tokens.never_used"))
	wantText(t, trows[2], "expired token row", "Hà Tĩnh", i.T(lang, "tokens.status.expired"))
	if got := formsWhere(doc, func(a string) bool { return strings.HasPrefix(a, "/profile/tokens/") }); !slices.Equal(got, []string{"/profile/tokens/7/revoke"}) {
		t.Errorf("token revoke forms = %v, want the active token only", got)
	}

	tf := formAt(doc, "/profile/tokens")
	if tf == nil {
		t.Fatal("no new-token form")
	}
	wantFields(t, tf, "province", "name", "days")
	var opts []string
	for _, o := range all(fieldIn(tf, "province"), tag("option")) {
		opts = append(opts, attr(o, "value"))
	}
	if !slices.Equal(opts, []string{"", "nghe-an", "ha-tinh"}) {
		t.Errorf("province options = %v", opts)
	}
	days := fieldIn(tf, "days")
	if attr(days, "value") != "90" || attr(days, "min") != "1" || attr(days, "max") != "366" || attr(days, "type") != "number" {
		t.Errorf("days input: value %q min %q max %q", attr(days, "value"), attr(days, "min"), attr(days, "max"))
	}
	wantText(t, tf, "token form", i.T(lang, "field.token_days"))
}

func checkProfileMinimal(t *testing.T, lang string, doc *html.Node, i *I18n) {
	t.Helper()
	if first(doc, class("secret-box")) != nil || first(doc, class("notice-warn")) != nil {
		t.Errorf("secret box or must-change notice shown without cause")
	}
	if formAt(doc, "/profile/sessions/revoke-others") != nil {
		t.Errorf("sign-out-others form with a single session")
	}
	if formAt(doc, "/profile/tokens") != nil {
		t.Errorf("token form without a province")
	}
	if formAt(doc, "/profile/password") == nil {
		t.Errorf("no password form")
	}
	wantText(t, doc, "page", i.T(lang, "tokens.no_province"), i.T(lang, "tokens.empty"), i.T(lang, "sessions.current"))
	if first(doc, class("field-error")) != nil {
		t.Errorf("field error shown without errors")
	}
}

func checkUsersAdmin(t *testing.T, lang string, doc *html.Node, i *I18n) {
	t.Helper()
	if got := secretCode(doc, "invite-link"); got != inviteLink {
		t.Errorf("invite link shown as %q", got)
	}
	if got := secretCode(doc, "temp-pass"); got != tempPass {
		t.Errorf("temporary password shown as %q", got)
	}
	wantText(t, doc, "page", i.T(lang, "users.temp_pass.title", "Đặng Thị Quỳnh"), i.T(lang, "users.invite_link.text"))
	if a := first(first(doc, tag("header")), func(n *html.Node) bool { return attr(n, "href") == "/t/nghe-an/users" }); attr(a, "aria-current") != "page" {
		t.Errorf("users link not marked current")
	}

	rows := all(first(doc, class("table-users")), func(n *html.Node) bool { return isTag(n, "tr") && isTag(n.Parent, "tbody") })
	if len(rows) != 4 {
		t.Fatalf("member rows = %d, want 4", len(rows))
	}
	wantText(t, rows[0], "own row", "Nguyễn Văn An", "an.nguyen@nghean.gov.vn", i.T(lang, "users.you"), i.T(lang, "users.status.active"), "29/06/2025 23:30")
	wantText(t, rows[2], "inactive row", i.T(lang, "users.status.inactive"), i.T(lang, "users.status.locked"), i.T(lang, "users.never_logged_in"), i.T(lang, "users.membership_inactive"))
	wantText(t, rows[3], "must-change row", i.T(lang, "users.status.must_change"))

	// One role form per membership, the current role selected, every role offered by name.
	roleForms := formsWhere(doc, func(a string) bool { return strings.HasSuffix(a, "/role") })
	if want := []string{"/t/nghe-an/memberships/11/role", "/t/nghe-an/memberships/12/role", "/t/nghe-an/memberships/13/role",
		"/t/nghe-an/memberships/14/role", "/t/nghe-an/memberships/15/role"}; !slices.Equal(roleForms, want) {
		t.Errorf("role forms = %v, want %v", roleForms, want)
	}
	sel := fieldIn(formAt(doc, "/t/nghe-an/memberships/13/role"), "role")
	opts := all(sel, tag("option"))
	if len(opts) != len(schema.Roles) {
		t.Errorf("role select has %d options, want %d", len(opts), len(schema.Roles))
	}
	for _, o := range opts {
		if selected := hasAttr(o, "selected"); selected != (attr(o, "value") == "committee_member") {
			t.Errorf("option %s selected = %v", attr(o, "value"), selected)
		}
		if text(o) != i.T(lang, "role."+attr(o, "value")) {
			t.Errorf("option %s shows %q", attr(o, "value"), text(o))
		}
	}
	if !strings.Contains(attr(sel, "aria-label"), "Hồ Thị Hương") {
		t.Errorf("role select label does not name the member: %q", attr(sel, "aria-label"))
	}

	// Row actions: never on oneself; deactivate or activate by state.
	if got := formsWhere(doc, func(a string) bool { return strings.HasSuffix(a, "/deactivate") }); !slices.Equal(got, []string{"/t/nghe-an/users/2/deactivate", "/t/nghe-an/users/4/deactivate"}) {
		t.Errorf("deactivate forms = %v", got)
	}
	if got := formsWhere(doc, func(a string) bool { return strings.HasSuffix(a, "/activate") }); !slices.Equal(got, []string{"/t/nghe-an/users/3/activate"}) {
		t.Errorf("activate forms = %v", got)
	}
	if got := formsWhere(doc, func(a string) bool { return strings.HasSuffix(a, "/reset-password") }); !slices.Equal(got, []string{"/t/nghe-an/users/2/reset-password", "/t/nghe-an/users/3/reset-password", "/t/nghe-an/users/4/reset-password"}) {
		t.Errorf("reset forms = %v", got)
	}
	for id := 1; id <= 4; id++ {
		if href := "/t/nghe-an/users/" + strconv.Itoa(id) + "/sessions"; !hasLink(doc, href) {
			t.Errorf("no link %s", href)
		}
	}

	// Invitations and the invite form.
	if formAt(doc, "/t/nghe-an/invitations/21/revoke") == nil {
		t.Errorf("no revoke form for the open invitation")
	}
	wantText(t, first(doc, func(n *html.Node) bool { return attr(n, "aria-labelledby") == "invitations-heading" }), "invitations",
		"tuan.le@quynhluu.nghean.gov.vn", i.T(lang, "role.unit_officer"), "08/07/2025 01:30")
	inv := formAt(doc, "/t/nghe-an/invitations")
	if inv == nil {
		t.Fatal("no invite form")
	}
	wantFields(t, inv, "email", "role", "unit_id")
	if attr(fieldIn(inv, "email"), "value") != "tuan.le@" || attr(fieldIn(inv, "email"), "aria-invalid") != "true" {
		t.Errorf("invite email not refilled or not marked invalid")
	}
	if attr(fieldIn(inv, "role"), "aria-invalid") != "true" {
		t.Errorf("invite role not marked invalid")
	}
	wantText(t, inv, "invite form", i.T(lang, "field.email"), i.T(lang, "field.required"))
	if n := len(all(fieldIn(inv, "role"), tag("option"))); n != len(schema.Roles)+1 {
		t.Errorf("invite role options = %d, want roles + a prompt", n)
	}
}

func checkUsersReadonly(t *testing.T, lang string, doc *html.Node, i *I18n) {
	t.Helper()
	if got := formsWhere(doc, func(a string) bool { return a != "/logout" }); len(got) != 0 {
		t.Errorf("a viewer with user:read only gets forms %v", got)
	}
	if first(doc, func(n *html.Node) bool { return isTag(n, "a") && strings.HasSuffix(attr(n, "href"), "/sessions") }) != nil {
		t.Errorf("session links without session:read")
	}
	if first(doc, class("secret-box")) != nil {
		t.Errorf("secret box without a secret")
	}
	tags := all(first(doc, class("table-users")), class("tag"))
	if len(tags) != 5 || text(tags[0]) != i.T(lang, "role.province_admin") {
		t.Errorf("roles not shown as names: %d tags", len(tags))
	}
	wantText(t, doc, "page", "tuan.le@quynhluu.nghean.gov.vn", i.T(lang, "users.total", 4))
}

func checkUserSessions(revoke bool) func(t *testing.T, lang string, doc *html.Node, i *I18n) {
	return func(t *testing.T, lang string, doc *html.Node, i *I18n) {
		t.Helper()
		wantText(t, first(doc, tag("main")), "page", "Hồ Thị Hương", "huong.ho@nghean.gov.vn", "Safari 17 · iOS", "2001:ee0:4f1a::12")
		if !hasLink(doc, "/t/nghe-an/users") {
			t.Errorf("no way back to the users list")
		}
		if f := formAt(doc, "/t/nghe-an/users/2/sessions/revoke"); (f != nil) != revoke {
			t.Errorf("revoke form present = %v, want %v", f != nil, revoke)
		}
		if strings.Contains(text(first(doc, tag("tbody"))), i.T(lang, "sessions.current")) {
			t.Errorf("another person's session marked as this one")
		}
	}
}

func checkGrants(edit bool) func(t *testing.T, lang string, doc *html.Node, i *I18n) {
	return func(t *testing.T, lang string, doc *html.Node, i *I18n) {
		t.Helper()
		table := first(doc, class("table-grants"))
		var heads []string
		for _, th := range all(first(table, tag("thead")), tag("th")) {
			heads = append(heads, text(th))
		}
		want := []string{i.T(lang, "grants.col.permission")}
		for _, r := range schema.Roles {
			want = append(want, i.T(lang, "role."+r))
		}
		if !slices.Equal(heads, want) {
			t.Errorf("columns = %v, want %v", heads, want)
		}
		// Grouped by object, each group headed with its label.
		var groups []string
		for _, g := range all(table, class("grant-group")) {
			groups = append(groups, text(g))
		}
		if want := []string{i.T(lang, "grants.group.user"), i.T(lang, "grants.group.audit")}; !slices.Equal(groups, want) {
			t.Errorf("groups = %v, want %v", groups, want)
		}
		rows := all(table, func(n *html.Node) bool { return isTag(n, "tr") && first(n, tag("td")) != nil })
		if len(rows) != 3 {
			t.Fatalf("rows = %d, want 3", len(rows))
		}
		for n, key := range []string{"perm.user.read", "perm.user.invite", "perm.audit.export"} {
			if got := text(first(rows[n], tag("th"))); got != i.T(lang, key) {
				t.Errorf("row %d label %q, want %q", n, got, i.T(lang, key))
			}
		}
		wantText(t, doc, "page", i.T(lang, "grants.intro"))

		// One form around the whole table, when the viewer may edit: a box exactly in the
		// editable cells, ticked as the role has it now, and a hidden cell beside it.
		forms := all(doc, func(n *html.Node) bool { return isTag(n, "form") && attr(n, "action") == "/t/nghe-an/grants" })
		if edit != (len(forms) == 1) || len(forms) > 1 {
			t.Fatalf("matrix forms = %d (edit %v)", len(forms), edit)
		}
		if edit && first(forms[0], class("table-grants")) == nil {
			t.Errorf("the table is not inside the form")
		}
		if edit && len(all(forms[0], func(n *html.Node) bool { return isTag(n, "button") && attr(n, "type") == "submit" })) != 1 {
			t.Errorf("want one save button")
		}
		var cells []GrantCell
		for _, g := range grantGroups() {
			for _, r := range g.Rows {
				cells = append(cells, r.Cells...)
			}
		}
		var tds []*html.Node
		for _, r := range rows {
			tds = append(tds, all(r, tag("td"))...)
		}
		if len(tds) != len(cells) {
			t.Fatalf("cells = %d, want %d", len(tds), len(cells))
		}
		for n, cell := range cells {
			name := cell.Role + ":" + cell.Object + ":" + cell.Action
			box := first(tds[n], func(n *html.Node) bool { return isTag(n, "input") && attr(n, "type") == "checkbox" })
			if wantBox := edit && cell.Editable; (box != nil) != wantBox {
				t.Errorf("%s: box present = %v, want %v", name, box != nil, wantBox)
			}
			if box != nil {
				hidden := first(tds[n], func(n *html.Node) bool { return isTag(n, "input") && attr(n, "name") == "cell" })
				if attr(box, "name") != "grant" || attr(box, "value") != name || hasAttr(box, "checked") != cell.Effective || attr(hidden, "value") != name {
					t.Errorf("%s: box %q=%q checked %v, hidden cell %q", name, attr(box, "name"), attr(box, "value"), hasAttr(box, "checked"), attr(hidden, "value"))
				}
				if text(first(tds[n], tag("label"))) == "" {
					t.Errorf("%s: box without a label", name)
				}
			} else {
				mark := "—"
				if cell.Effective {
					mark = "✓"
				}
				if got := text(first(tds[n], class("grant-mark"))); got != mark {
					t.Errorf("%s: mark %q, want %q", name, got, mark)
				}
			}
			// What differs from the default is marked in words, not colour alone.
			differs := cell.Effective != cell.Default
			if class("grant-differs")(tds[n]) != differs || strings.Contains(text(tds[n]), i.T(lang, "grants.differs")) != differs {
				t.Errorf("%s: differs marker = %v, want %v", name, class("grant-differs")(tds[n]), differs)
			}
		}
		if reset := formAt(doc, "/t/nghe-an/grants/reset"); (reset != nil) != edit {
			t.Errorf("reset form present = %v, want %v", reset != nil, edit)
		}
	}
}

func checkGrantsRefused(t *testing.T, lang string, doc *html.Node, i *I18n) {
	t.Helper()
	alert := first(doc, func(n *html.Node) bool { return attr(n, "role") == "alert" })
	wantText(t, alert, "refusal", i.T(lang, "grants.refused"), i.T(lang, "role.standing_agency"), i.T(lang, "perm.user.invite"), i.T(lang, "field.not_grantable"))
	box := func(name string) *html.Node {
		return first(doc, func(n *html.Node) bool {
			return isTag(n, "input") && attr(n, "name") == "grant" && attr(n, "value") == name
		})
	}
	// The boxes come back as submitted, the refused cell marked.
	if b := box("standing_agency:user:invite"); !hasAttr(b, "checked") || attr(b, "aria-invalid") != "true" || !class("grant-error")(b.Parent.Parent) {
		t.Errorf("the refused cell is not shown as submitted and marked")
	}
	if b := box("committee_head:user:read"); hasAttr(b, "checked") || !class("grant-differs")(b.Parent.Parent) {
		t.Errorf("an unticked default is not shown as submitted, differing from the default")
	}
}

func checkAudit(t *testing.T, lang string, doc *html.Node, i *I18n) {
	t.Helper()
	f := first(doc, func(n *html.Node) bool { return isTag(n, "form") && strings.EqualFold(attr(n, "method"), "get") })
	if f == nil || attr(f, "action") != "/t/nghe-an/audit" {
		t.Fatal("no GET filter form to /t/nghe-an/audit")
	}
	wantFields(t, f, "action", "entity", "actor", "from", "to")
	var acts []string
	for _, o := range all(fieldIn(f, "action"), tag("option")) {
		acts = append(acts, attr(o, "value"))
		if hasAttr(o, "selected") != (attr(o, "value") == "membership") {
			t.Errorf("action option %q selected = %v", attr(o, "value"), hasAttr(o, "selected"))
		}
	}
	if !slices.Equal(acts, []string{"", "login", "login.failed", "membership", "create", "session.revoke"}) {
		t.Errorf("action options = %v", acts)
	}
	if got := text(first(fieldIn(f, "action"), tag("option"))); got != i.T(lang, "audit.filter.all") {
		t.Errorf("first action option %q", got)
	}
	if n := len(all(fieldIn(f, "entity"), tag("option"))); n != 6 {
		t.Errorf("entity options = %d, want all + 5", n)
	}
	for name, v := range map[string]string{"actor": "An", "from": "01/07/2025", "to": "31/02/2025"} {
		if got := attr(fieldIn(f, name), "value"); got != v {
			t.Errorf("filter %s = %q, want %q", name, got, v)
		}
	}
	if attr(fieldIn(f, "to"), "aria-invalid") != "true" || !strings.Contains(text(f), i.T(lang, "field.date")) {
		t.Errorf("bad date not reported on the to field")
	}

	rows := all(first(doc, tag("tbody")), tag("tr"))
	if len(rows) != 3 {
		t.Fatalf("rows = %d, want 3", len(rows))
	}
	// The area puts the rows in words; the page shows them as given, a record and an id value as links.
	wantText(t, rows[0], "first row", createdTime, "Nguyễn Văn An", "Đổi vai trò", "Vai trò thành viên #13", "huong.ho@nghean.gov.vn",
		"Vai trò", "Cán bộ phụ trách", "→", "Thành viên BCĐ", "203.113.45.6")
	wantText(t, rows[1], "second row", "Hệ thống", "Đăng nhập thất bại", "113.160.22.7")
	wantText(t, rows[2], "third row", "Tạo", "Đơn vị cấp trên", "#2", "date_format: 02/01/2006")
	if strings.Contains(text(rows[2]), "→") {
		t.Errorf("a created record's values show an arrow from nothing: %q", text(rows[2]))
	}
	for _, href := range []string{"/t/nghe-an/users", "/t/nghe-an/units/4", "/t/nghe-an/units/2"} {
		if first(doc, func(n *html.Node) bool { return isTag(n, "a") && attr(n, "href") == href }) == nil {
			t.Errorf("no link to %s", href)
		}
	}
	if first(rows[0], func(n *html.Node) bool { return strings.Contains(attr(n, "title"), "01JZQ8X5K2M7R4T9V3W6Y1B0CD") }) == nil {
		t.Errorf("request id not kept")
	}

	// Paging and export keep the filters.
	links := map[string]url.Values{}
	for _, a := range all(doc, tag("a")) {
		u, err := url.Parse(attr(a, "href"))
		if err == nil && (u.Path == "/t/nghe-an/audit" || u.Path == "/t/nghe-an/audit/export") && u.RawQuery != "" {
			links[u.Path+"|"+u.Query().Get("page")+u.Query().Get("format")] = u.Query()
		}
	}
	for k, extra := range map[string][2]string{
		"/t/nghe-an/audit|1":           {"page", "1"},
		"/t/nghe-an/audit|3":           {"page", "3"},
		"/t/nghe-an/audit/export|csv":  {"format", "csv"},
		"/t/nghe-an/audit/export|xlsx": {"format", "xlsx"},
	} {
		q, ok := links[k]
		if !ok {
			t.Errorf("no link %s", k)
			continue
		}
		if q.Get("action") != "membership" || q.Get("actor") != "An" || q.Get("from") != "01/07/2025" || q.Get(extra[0]) != extra[1] {
			t.Errorf("link %s lost the filters: %v", k, q)
		}
	}
	wantText(t, first(doc, class("pager")), "pager", i.T(lang, "audit.page", 2), i.T(lang, "audit.prev"), i.T(lang, "audit.next"))
}

func checkAuditEmpty(t *testing.T, lang string, doc *html.Node, i *I18n) {
	t.Helper()
	wantText(t, doc, "page", i.T(lang, "audit.empty"))
	if first(doc, class("pager")) != nil {
		t.Errorf("pager on a single page")
	}
	if first(doc, func(n *html.Node) bool { return isTag(n, "a") && strings.Contains(attr(n, "href"), "/audit/export") }) != nil {
		t.Errorf("export links without audit:export")
	}
	if first(doc, class("field-error")) != nil {
		t.Errorf("field error without errors")
	}
}

func checkInviteNew(t *testing.T, lang string, doc *html.Node, i *I18n) {
	t.Helper()
	f := formAt(doc, "/invite/Kx9pQ2vL7mZrT4wYbN")
	if f == nil {
		t.Fatal("no form posting to the invitation's own path")
	}
	wantFields(t, f, "full_name", "password", "password_confirm")
	if attr(fieldIn(f, "full_name"), "value") != "Lê Minh Tuấn" {
		t.Errorf("full name not refilled")
	}
	for _, p := range []string{"password", "password_confirm"} {
		if in := fieldIn(f, p); attr(in, "type") != "password" || hasAttr(in, "value") || attr(in, "autocomplete") != "new-password" {
			t.Errorf("%s: want an empty new-password input", p)
		}
	}
	wantText(t, doc, "page", i.T(lang, "invite.intro", "Nghệ An", i.T(lang, "role.unit_officer")),
		"tuan.le@quynhluu.nghean.gov.vn", i.T(lang, "field.password_mismatch"))
	if strings.Contains(text(doc), i.T(lang, "invite.existing")) {
		t.Errorf("existing-account text for a new user")
	}
}

func checkInviteExisting(t *testing.T, lang string, doc *html.Node, i *I18n) {
	t.Helper()
	f := formAt(doc, "/invite/Kx9pQ2vL7mZrT4wYbN")
	if f == nil {
		t.Fatal("no form posting to the invitation's own path")
	}
	// An existing account accepts while logged in: no password is asked (an invitation must
	// be no way to try someone's password).
	wantFields(t, f)
	wantText(t, doc, "page", i.T(lang, "invite.existing"), "Hà Tĩnh", i.T(lang, "role.committee_member"))
}

func checkInviteInvalid(t *testing.T, lang string, doc *html.Node, i *I18n) {
	t.Helper()
	if len(all(doc, tag("form"))) != 0 {
		t.Errorf("a form on an invalid invitation")
	}
	wantText(t, doc, "page", i.T(lang, "invite.invalid"))
	if !hasLink(doc, "/login") {
		t.Errorf("no link to /login")
	}
}

// TestRender_OneTimeSecretsOnlyWhenSet renders each page with and without its secret.
func TestRender_OneTimeSecretsOnlyWhenSet(t *testing.T) {
	r, _ := newTestRenderer(t)
	p := Page{Lang: "vi", Title: "users.title", User: provinceUser(), Tenant: &TenantVM{Slug: "nghe-an", Name: "Nghệ An"},
		CSRF: csrf, Path: "/t/nghe-an/users", Can: can(allPerms...)}
	for name, c := range map[string]struct {
		page   string
		data   any
		secret string
	}{
		"token":         {"profile", &ProfilePage{Page: p, NewToken: newToken}, newToken},
		"invite link":   {"users", &UsersPage{Page: p, InviteLink: inviteLink}, inviteLink},
		"temp password": {"users", &UsersPage{Page: p, TempPass: tempPass, TempFor: "Hồ Thị Hương"}, tempPass},
	} {
		var with, without bytes.Buffer
		if err := r.Render(&with, c.page, c.data); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		empty := map[string]any{"profile": &ProfilePage{Page: p}, "users": &UsersPage{Page: p}}[c.page]
		if err := r.Render(&without, c.page, empty); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !strings.Contains(with.String(), c.secret) {
			t.Errorf("%s: secret not shown", name)
		}
		if strings.Contains(without.String(), "secret-box") {
			t.Errorf("%s: secret box shown with no secret", name)
		}
	}
}

// TestRender_PermissionGates renders the users page with each single permission and checks that
// only the matching controls appear.
func TestRender_PermissionGates(t *testing.T) {
	r, _ := newTestRenderer(t)
	gates := map[string]func(doc *html.Node) bool{
		"user:invite": func(doc *html.Node) bool {
			return formAt(doc, "/t/nghe-an/invitations") != nil || formAt(doc, "/t/nghe-an/invitations/21/revoke") != nil
		},
		"user:update": func(doc *html.Node) bool {
			return formAt(doc, "/t/nghe-an/memberships/13/role") != nil || formAt(doc, "/t/nghe-an/users/2/deactivate") != nil
		},
		"user:reset_password": func(doc *html.Node) bool { return formAt(doc, "/t/nghe-an/users/2/reset-password") != nil },
		"session:read":        func(doc *html.Node) bool { return hasLink(doc, "/t/nghe-an/users/2/sessions") },
	}
	for perm := range gates {
		var buf bytes.Buffer
		err := r.Render(&buf, "users", &UsersPage{
			Page: Page{Lang: "vi", Title: "users.title", User: provinceUser(), Tenant: &TenantVM{Slug: "nghe-an", Name: "Nghệ An"},
				CSRF: csrf, Path: "/t/nghe-an/users", Can: can("user:read", perm)},
			Members: members(), Roles: schema.Roles,
			Invitations: []InvitationRow{{ID: 21, Email: "tuan.le@quynhluu.nghean.gov.vn", Role: "unit_officer", CreatedAt: created, ExpiresAt: created}},
		})
		if err != nil {
			t.Fatal(err)
		}
		doc, _ := html.Parse(&buf)
		for other, present := range gates {
			if got := present(doc); got != (other == perm) {
				t.Errorf("with only %s: controls for %s present = %v", perm, other, got)
			}
		}
	}
}

func TestPermFallbacks(t *testing.T) {
	r, _ := newTestRenderer(t)
	f := r.funcs()
	perm := f["perm"].(func(string, string, string) string)
	for _, c := range []struct{ got, want string }{
		{perm("vi", "audit", "export"), "Xuất nhật ký"},
		{perm("en", "report", "approve"), "report:approve"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

func TestShortUserAgent(t *testing.T) {
	for ua, want := range map[string]string{
		chromeUA: "Chrome 126 · Windows",
		iphoneUA: "Safari 17 · iOS",
		"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.2592.87":                       "Edge 126 · Windows",
		"Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0":                                                                          "Firefox 127 · Linux",
		"Mozilla/5.0 (Linux; Android 14; SM-A546E) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.6478.71 Mobile Safari/537.36":                              "Chrome 126 · Android",
		"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15":                                   "Safari 17 · macOS",
		"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) coc_coc_browser/125.0 CocCoc/125.0.6422 Chrome/119.0.0.0 Safari/537.36": "Cốc Cốc 125 · Windows",
		"curl/8.5.0": "curl 8",
		"":           "",
		"SomeScanner/1.0 (+https://scanner.example/about-this-very-long-agent-string)": "SomeScanner/1.0 (+https://scanner.examp…",
	} {
		if got := ShortUserAgent(ua); got != want {
			t.Errorf("ShortUserAgent(%q) = %q, want %q", ua, got, want)
		}
	}
}

func TestWithQuery(t *testing.T) {
	for _, c := range []struct {
		q    string
		kv   []any
		want string
	}{
		{"", []any{"format", "csv"}, "format=csv"},
		{"action=login&from=01%2F07%2F2025", []any{"page", 3}, "action=login&from=01%2F07%2F2025&page=3"},
		{"action=login&page=2", []any{"page", 1}, "action=login&page=1"},
		{"actor=Nguy%E1%BB%85n+V%C4%83n+An&x=%22%3E%3Cscript%3E", []any{"format", "xlsx"}, "actor=Nguy%E1%BB%85n+V%C4%83n+An&format=xlsx&x=%22%3E%3Cscript%3E"},
		{"%zz", []any{"page", 2}, "page=2"},
	} {
		if got := string(WithQuery(c.q, c.kv...)); got != c.want {
			t.Errorf("WithQuery(%q, %v) = %q, want %q", c.q, c.kv, got, c.want)
		}
	}
}

// TestCatalogs_IdentityKeys requires a label for every permission a province role can hold or
// be granted (policies/roles.csv and ceiling.csv), for the audit actions danvan writes and for
// the identity pages' error and field codes.
func TestCatalogs_IdentityKeys(t *testing.T) {
	i, err := LoadI18n(assets.FS)
	if err != nil {
		t.Fatal(err)
	}
	need := map[string]bool{}
	provinceRole := func(r string) bool { return slices.Contains(schema.Roles, r) }
	sc := bufio.NewScanner(strings.NewReader(policies.Roles))
	for sc.Scan() {
		f := strings.Split(sc.Text(), ",")
		for n := range f {
			f[n] = strings.TrimSpace(f[n])
		}
		if len(f) == 6 && f[0] == "p" && provinceRole(f[1]) {
			need["perm."+f[3]+"."+f[4]] = true
		}
	}
	sc = bufio.NewScanner(strings.NewReader(policies.Ceiling))
	for sc.Scan() {
		f := strings.Split(sc.Text(), ",")
		if len(f) == 3 && provinceRole(strings.TrimSpace(f[0])) {
			need["perm."+strings.TrimSpace(f[1])+"."+strings.TrimSpace(f[2])] = true
		}
	}
	if len(need) < 12 {
		t.Errorf("found only %d permissions in the policies: is the parser still right?", len(need))
	}
	for _, a := range []string{"login.success", "login.failed", "login.lockout", "token.use", "session.revoke", "user.create",
		"user.update", "membership.create", "membership.update", "membership.delete", "invitation.create", "invitation.update",
		"accesstoken.create", "accesstoken.update", "rolegrant.create", "rolegrant.delete", "tenant.create", "tenant.update", "plan.create"} {
		need["audit.action."+a] = true
	}
	for _, k := range []string{"tokens.created", "password.changed", "sessions.revoked", "users.invited", "users.role_changed",
		"users.deactivated", "users.activated", "users.reset_done", "grants.saved", "invitation.revoked",
		"nav.users", "nav.grants", "nav.audit", "nav.profile",
		"profile.title", "users.title", "sessions.title", "grants.title", "audit.title", "invite.title"} {
		need[k] = true
	}
	for _, f := range []string{"wrong_password", "same_password", "password_mismatch", "token_days", "unknown_role", "unknown_permission", "date"} {
		need["field."+f] = true
	}
	for _, e := range []string{"account_locked", "too_many_attempts", "password_change_required", "token_invalid", "already_member",
		"invitation_used", "cannot_demote_self", "cannot_deactivate_self", "other_province"} {
		need["error."+e] = true
	}
	for k := range need {
		for _, lang := range Langs() {
			if !i.Has(lang, k) {
				t.Errorf("key %q missing in i18n/%s", k, lang)
			}
		}
	}
	for k, want := range map[string]string{
		"nav.users": "Người dùng", "nav.grants": "Phân quyền", "nav.audit": "Nhật ký", "nav.profile": "Tài khoản",
		"tokens.copy_now":      "Hãy sao chép ngay: mã này sẽ không hiển thị lại.",
		"error.account_locked": "Tài khoản tạm khóa do đăng nhập sai nhiều lần. Vui lòng thử lại sau.",
		"invite.existing":      "Email này đã có tài khoản. Hãy đăng nhập bằng tài khoản đó, mở lại đường dẫn này rồi bấm Nhận lời mời.",
	} {
		if got := i.T("vi", k); got != want {
			t.Errorf("vi %s = %q, want %q", k, got, want)
		}
	}
	// Vietnamese messages are written with diacritics.
	vietnamese := regexp.MustCompile(`[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđĐ]`)
	for _, k := range i.Keys("vi") {
		if strings.HasPrefix(k, "perm.") || strings.HasPrefix(k, "audit.action.") {
			if !vietnamese.MatchString(i.T("vi", k)) {
				t.Errorf("vi %s = %q has no Vietnamese letters", k, i.T("vi", k))
			}
		}
	}
}

// TestRender_FormWideErrors shows a conflict (Errors["_"], an error.* key) above the form.
func TestRender_FormWideErrors(t *testing.T) {
	r, i := newTestRenderer(t)
	for _, c := range []struct {
		page string
		data any
		key  string
	}{
		{"profile", &ProfilePage{Page: Page{Lang: "vi", Title: "profile.title", User: provinceUser(), CSRF: csrf, Path: "/profile"},
			Errors: map[string]string{"_": "error.too_many_attempts"}}, "error.too_many_attempts"},
		{"invite", &InvitePage{Page: Page{Lang: "en", Title: "invite.title", CSRF: csrf, Path: "/invite/x"}, ProvinceName: "Nghệ An",
			Email: "an.nguyen@nghean.gov.vn", Role: "unit_officer", ExistingUser: true,
			Errors: map[string]string{"_": "error.already_member"}}, "error.already_member"},
	} {
		var buf bytes.Buffer
		if err := r.Render(&buf, c.page, c.data); err != nil {
			t.Fatal(err)
		}
		doc, _ := html.Parse(&buf)
		lang := c.data.(interface{ Base() Page }).Base().Lang
		alert := first(doc, func(n *html.Node) bool { return attr(n, "role") == "alert" })
		if got := text(alert); got != i.T(lang, c.key) {
			t.Errorf("%s: alert %q, want %q", c.page, got, i.T(lang, c.key))
		}
	}
}
