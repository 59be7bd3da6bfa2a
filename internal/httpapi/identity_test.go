package httpapi_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/ent/auditlog"
	"github.com/danvan-vn/danvan/ent/membership"
	"github.com/danvan-vn/danvan/ent/session"
	"github.com/danvan-vn/danvan/internal/account"
	"github.com/danvan-vn/danvan/internal/authz"
	"github.com/danvan-vn/danvan/internal/db"
	"github.com/danvan-vn/danvan/internal/httpapi"
	"github.com/danvan-vn/danvan/internal/seed"
	"github.com/danvan-vn/danvan/internal/tenancy"
	"github.com/danvan-vn/danvan/internal/viewer"
)

// person creates a user holding role in province slug ("" for none) and returns a client
// logged in as them with a real session.
func (e *env) person(t *testing.T, email, role, slug string, platformAdmin bool) *client {
	t.Helper()
	ctx := tenancy.SystemContext(context.Background()) // fixtures span provinces
	var u *ent.User
	err := db.InTx(ctx, e.app.DB.Client, func(tx *ent.Tx) error {
		var err error
		u, err = account.CreateUser(ctx, tx.Client(), account.NewUser{Email: email, FullName: "Người dùng " + role, Password: seed.DemoPassword, PlatformAdmin: platformAdmin})
		if err != nil || slug == "" {
			return err
		}
		tn, err := e.app.Tenants.BySlug(ctx, slug)
		if err != nil {
			return err
		}
		return tx.Membership.Create().SetUserID(u.ID).SetTenantID(tn.ID).SetRole(membership.Role(role)).Exec(ctx)
	})
	if err != nil {
		t.Fatal(err)
	}
	c := e.client()
	c.login(email)
	return c
}

func (c *client) bearer(token string) *client {
	n := c.e.client()
	n.token = token
	return n
}

// expectedStatus is what the policy implies for a viewer holding role in nghe-an.
func allowed(a *authz.Enforcer, role string, platformAdmin bool, r httpapi.Route) bool {
	v := &viewer.Viewer{UserID: 1, PlatformAdmin: platformAdmin, TenantSlug: "nghe-an"}
	if role != "" {
		v.Roles = []string{role}
	}
	domain := authz.DomainPlatform
	if r.Province {
		domain = "nghe-an"
	}
	return a.Allowed(v, domain, r.Perm)
}

// concrete fills a route's parameters: the province, ids that do not exist, a bogus token.
func concrete(path, slug string) string {
	r := strings.NewReplacer(":slug", slug, ":id", "999999", ":token", "no-such-token")
	return r.Replace(path)
}

// TestRoutes_AllDeclared walks echo's route table: every route declares a permission or is in
// the short public list.
func TestRoutes_AllDeclared(t *testing.T) {
	e := newEnv(t, "embedded")
	declared := map[string]httpapi.Route{}
	for _, r := range e.srv.Routes() {
		declared[r.Method+" "+r.Path] = r
	}
	publicOK := []string{
		"GET /healthz", "GET /readyz", "GET /metrics", "GET /static/*", "GET /", "GET /login", "POST /login",
		"POST /logout", "GET /invite/:token", "POST /invite/:token", "POST /api/v1/login", "POST /api/v1/logout",
		"GET /api/v1/invitations/:token", "POST /api/v1/invitations/:token/accept",
	}
	a, _ := authz.New()
	for _, r := range e.srv.Echo().Routes() {
		if strings.HasSuffix(r.Name, "glob..func1") || r.Method == "echo_route_not_found" || strings.Contains(r.Path, "echo_route_not_found") {
			continue
		}
		k := r.Method + " " + r.Path
		d, ok := declared[k]
		switch {
		case !ok:
			t.Errorf("route %s declares no permission", k)
		case d.Public && !slices.Contains(publicOK, k):
			t.Errorf("route %s is public but not in the public list", k)
		case !d.Public:
			grantable := false
			for _, role := range append([]string{"authenticated", "platform_admin"}, authz.ProvinceRoles...) {
				if a.Default(role, d.Perm.Object, d.Perm.Action) || a.Grantable(role, d.Perm.Object, d.Perm.Action, nil) ||
					allowed(a, role, role == "platform_admin", d) {
					grantable = true
				}
			}
			if !grantable {
				t.Errorf("route %s declares %s, which no role can ever hold", k, d.Perm)
			}
		}
	}
	if len(declared) < 40 {
		t.Errorf("only %d routes declared", len(declared))
	}
}

// TestRoleRouteMatrix: for every role and every declared route, a request with a real session
// gets what the policy implies, and every province route of another province answers 404.
func TestRoleRouteMatrix(t *testing.T) {
	e := newEnv(t, "services")
	waitTenant(t, e.app, "quang-ngai", "active")
	a := e.app.Authz
	type who struct {
		role  string
		admin bool
		c     *client
	}
	var people []who
	for i, role := range authz.ProvinceRoles {
		people = append(people, who{role: role, c: e.person(t, fmt.Sprintf("matrix%d@nghe-an.vn", i), role, "nghe-an", false)})
	}
	people = append(people,
		who{role: "", admin: true, c: e.person(t, "matrix-platform@danvan.vn", "", "", true)},
		who{role: "", c: e.person(t, "matrix-norole@danvan.vn", "", "", false)},
	)
	routes := e.srv.Routes()
	checked := 0
	for _, p := range people {
		name := p.role
		if p.admin {
			name = "platform_admin"
		} else if name == "" {
			name = "no_membership"
		}
		for _, r := range routes {
			if r.Public {
				continue
			}
			resp, body := p.c.do(r.Method, concrete(r.Path, "nghe-an"), map[string]any{})
			checked++
			member := p.role != ""
			switch {
			case r.Province && !member:
				if resp.StatusCode != http.StatusNotFound {
					t.Errorf("%s %s %s: %d, want 404 (not a member)", name, r.Method, r.Path, resp.StatusCode)
				}
			case allowed(a, p.role, p.admin, r):
				if resp.StatusCode == http.StatusForbidden || resp.StatusCode == http.StatusUnauthorized || resp.StatusCode >= 500 {
					t.Errorf("%s %s %s: %d, want allowed; %s", name, r.Method, r.Path, resp.StatusCode, body)
				}
			default:
				if resp.StatusCode != http.StatusForbidden {
					t.Errorf("%s %s %s: %d, want 403", name, r.Method, r.Path, resp.StatusCode)
				}
			}
			if r.Province {
				resp, body = p.c.do(r.Method, concrete(r.Path, "quang-ngai"), map[string]any{})
				if resp.StatusCode != http.StatusNotFound {
					t.Errorf("%s %s %s on another province: %d, want 404; %s", name, r.Method, r.Path, resp.StatusCode, body)
				}
			}
		}
	}
	// A token of Nghệ An on Quảng Ngãi's URLs: 404 too.
	admin := people[0].c
	resp, body := admin.do(http.MethodPost, "/api/v1/me/tokens", map[string]any{"province": "nghe-an", "name": "Đồng bộ", "days": 30})
	expect(t, resp, body, http.StatusCreated, "")
	var tok httpapi.TokenJSON
	_ = json.Unmarshal(body, &tok)
	tc := admin.bearer(tok.Token)
	for _, r := range routes {
		if !r.Province || !strings.HasPrefix(r.Path, "/api/") {
			continue
		}
		resp, body := tc.do(r.Method, concrete(r.Path, "quang-ngai"), map[string]any{})
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("token %s %s on another province: %d, want 404; %s", r.Method, r.Path, resp.StatusCode, body)
		}
	}
	if checked < 9*40 {
		t.Errorf("checked %d requests", checked)
	}
}

// TestLockout: 20 wrong passwords from one IP lock the account; each failure and the lockout are
// in the audit trail; the right password during the lockout is refused with a clear message.
func TestLockout(t *testing.T) {
	e := newEnv(t, "services")
	c := e.client()
	const email = "admin@hoa-binh.danvan.vn"
	for i := 0; i < 20; i++ {
		resp, body := c.do(http.MethodPost, "/api/v1/login", map[string]string{"email": email, "password": "sai-mat-khau-" + fmt.Sprint(i)})
		if resp.StatusCode != http.StatusUnauthorized && resp.StatusCode != http.StatusTooManyRequests {
			t.Fatalf("attempt %d: %d %s", i+1, resp.StatusCode, body)
		}
	}
	resp, body := c.do(http.MethodPost, "/api/v1/login", map[string]string{"email": email, "password": seed.DemoPassword})
	expect(t, resp, body, http.StatusTooManyRequests, "account_locked")
	var p httpapi.Problem
	_ = json.Unmarshal(body, &p)
	if !strings.Contains(p.Title, "khóa") || !strings.Contains(p.Detail, "/") {
		t.Errorf("lockout message = %q / %q, want a Vietnamese sentence with the time it ends", p.Title, p.Detail)
	}
	// The English message too.
	c.lang = "en"
	resp, body = c.do(http.MethodPost, "/api/v1/login", map[string]string{"email": email, "password": seed.DemoPassword})
	expect(t, resp, body, http.StatusTooManyRequests, "account_locked")
	_ = json.Unmarshal(body, &p)
	if !isASCII(p.Title) {
		t.Errorf("English lockout title = %q", p.Title)
	}
	ctx := tenancy.SystemContext(context.Background()) // the test reads platform records
	failed, _ := e.app.DB.Client.AuditLog.Query().Where(auditlog.Action("login.failed"), auditlog.Subject(email)).Count(ctx)
	lockouts, _ := e.app.DB.Client.AuditLog.Query().Where(auditlog.Action("login.lockout"), auditlog.Subject(email)).Count(ctx)
	if failed != 22 || lockouts != 1 {
		t.Errorf("audit: %d failed logins (want 22: 20 wrong and 2 during the lockout), %d lockouts (want 1)", failed, lockouts)
	}
	rec, _ := e.app.DB.Client.AuditLog.Query().Where(auditlog.Action("login.failed"), auditlog.Subject(email)).First(ctx)
	if rec.IP != "127.0.0.1" || rec.UserAgent == "" || rec.RequestID == "" {
		t.Errorf("failed login record lacks origin: %+v", rec)
	}
	// Other accounts from the same IP are refused too once the IP is over its limit.
	resp, body = c.do(http.MethodPost, "/api/v1/login", map[string]string{"email": "admin@nghe-an.danvan.vn", "password": seed.DemoPassword})
	expect(t, resp, body, http.StatusTooManyRequests, "too_many_attempts")
}

func TestTokens(t *testing.T) {
	e := newEnv(t, "services")
	c := e.client()
	c.login("admin@nghe-an.danvan.vn")
	resp, body := c.do(http.MethodPost, "/api/v1/me/tokens", map[string]any{"province": "nghe-an", "name": "", "days": 900})
	expect(t, resp, body, http.StatusUnprocessableEntity, "invalid")
	resp, body = c.do(http.MethodPost, "/api/v1/me/tokens", map[string]any{"province": "quang-ngai", "name": "x", "days": 9})
	expect(t, resp, body, http.StatusUnprocessableEntity, "invalid") // not a member there
	resp, body = c.do(http.MethodPost, "/api/v1/me/tokens", map[string]any{"province": "nghe-an", "name": "Báo cáo", "days": 30})
	expect(t, resp, body, http.StatusCreated, "")
	var tok httpapi.TokenJSON
	_ = json.Unmarshal(body, &tok)
	if !strings.HasPrefix(tok.Token, "dvt_") {
		t.Fatalf("token = %+v", tok)
	}
	api := c.bearer(tok.Token)
	resp, body = api.do(http.MethodGet, "/api/v1/t/nghe-an/users", nil)
	expect(t, resp, body, http.StatusOK, "")
	// A state-changing call with a token needs no CSRF token (no cookie to forge).
	resp, body = api.do(http.MethodPost, "/api/v1/t/nghe-an/invitations", map[string]string{"email": "can-bo@nghe-an.vn", "role": "committee_member"})
	expect(t, resp, body, http.StatusCreated, "")
	// Outside its province: nothing but who it is.
	resp, body = api.do(http.MethodGet, "/api/v1/platform/tenants", nil)
	expect(t, resp, body, http.StatusForbidden, "forbidden")
	resp, body = api.do(http.MethodGet, "/api/v1/me/tokens", nil)
	expect(t, resp, body, http.StatusForbidden, "forbidden")
	// The secret is never listed again.
	resp, body = c.do(http.MethodGet, "/api/v1/me/tokens", nil)
	expect(t, resp, body, http.StatusOK, "")
	if strings.Contains(string(body), tok.Token) {
		t.Error("token secret listed")
	}
	// Token use is audited.
	ctx := tenancy.SystemContext(context.Background()) // the test reads the trail directly
	if n, _ := e.app.DB.Client.AuditLog.Query().Where(auditlog.Action("token.use")).Count(ctx); n != 1 {
		t.Errorf("token.use records = %d, want 1 (at most one per %s)", n, account.TokenUseEvery)
	}
	// Revoked: the next request fails.
	resp, body = c.do(http.MethodDelete, fmt.Sprintf("/api/v1/me/tokens/%d", tok.ID), nil)
	expect(t, resp, body, http.StatusNoContent, "")
	resp, body = api.do(http.MethodGet, "/api/v1/t/nghe-an", nil)
	expect(t, resp, body, http.StatusUnauthorized, "token_invalid")
	resp, body = c.bearer("dvt_made-up").do(http.MethodGet, "/api/v1/t/nghe-an", nil)
	expect(t, resp, body, http.StatusUnauthorized, "token_invalid")
}

func TestSessions_RevokedByAdminAndIdle(t *testing.T) {
	e := newEnv(t, "services")
	admin := e.client()
	admin.login("admin@nghe-an.danvan.vn")
	officer := e.person(t, "can-bo@nghe-an.vn", "unit_officer", "nghe-an", false)
	resp, body := officer.do(http.MethodGet, "/api/v1/t/nghe-an", nil)
	expect(t, resp, body, http.StatusOK, "")
	_, body = officer.do(http.MethodGet, "/api/v1/me", nil)
	var me httpapi.UserJSON
	_ = json.Unmarshal(body, &me)
	resp, body = admin.do(http.MethodGet, fmt.Sprintf("/api/v1/t/nghe-an/users/%d/sessions", me.ID), nil)
	expect(t, resp, body, http.StatusOK, "")
	if !strings.Contains(string(body), `"ip":"127.0.0.1"`) {
		t.Errorf("sessions = %s", body)
	}
	resp, body = admin.do(http.MethodPost, fmt.Sprintf("/api/v1/t/nghe-an/users/%d/sessions/revoke", me.ID), nil)
	expect(t, resp, body, http.StatusOK, "")
	resp, body = officer.do(http.MethodGet, "/api/v1/t/nghe-an", nil)
	expect(t, resp, body, http.StatusUnauthorized, "unauthorized")

	// Idle: a session unused for longer than the idle limit stops working.
	officer.login("can-bo@nghe-an.vn")
	ctx := context.Background()
	if _, err := e.app.DB.Client.Session.Update().Where(session.UserID(me.ID), session.RevokedAtIsNil()).
		SetLastSeenAt(time.Now().Add(-e.app.Cfg.SessionIdle - time.Minute)).Save(ctx); err != nil {
		t.Fatal(err)
	}
	resp, body = officer.do(http.MethodGet, "/api/v1/me", nil)
	expect(t, resp, body, http.StatusUnauthorized, "unauthorized")
}

func TestPasswordResetForcesChange(t *testing.T) {
	e := newEnv(t, "services")
	admin := e.client()
	admin.login("admin@nghe-an.danvan.vn")
	officer := e.person(t, "can-bo@nghe-an.vn", "unit_officer", "nghe-an", false)
	_, body := officer.do(http.MethodGet, "/api/v1/me", nil)
	var me httpapi.UserJSON
	_ = json.Unmarshal(body, &me)
	resp, body := admin.do(http.MethodPost, fmt.Sprintf("/api/v1/t/nghe-an/users/%d/reset-password", me.ID), nil)
	expect(t, resp, body, http.StatusOK, "")
	var reset struct {
		Temp string `json:"temporary_password"`
	}
	_ = json.Unmarshal(body, &reset)
	// The reset logged the user out; the temporary password works but only to change it.
	resp, body = officer.do(http.MethodGet, "/api/v1/me", nil)
	expect(t, resp, body, http.StatusUnauthorized, "unauthorized")
	resp, body = officer.do(http.MethodPost, "/api/v1/login", map[string]string{"email": "can-bo@nghe-an.vn", "password": reset.Temp})
	expect(t, resp, body, http.StatusOK, "")
	if !strings.Contains(string(body), `"must_change_password":true`) {
		t.Errorf("login after reset = %s", body)
	}
	resp, body = officer.do(http.MethodGet, "/api/v1/t/nghe-an", nil)
	expect(t, resp, body, http.StatusForbidden, "password_change_required")
	resp, body = officer.do(http.MethodPost, "/api/v1/me/password", map[string]string{"current_password": reset.Temp, "new_password": "short"})
	expect(t, resp, body, http.StatusUnprocessableEntity, "invalid")
	resp, body = officer.do(http.MethodPost, "/api/v1/me/password", map[string]string{"current_password": reset.Temp, "new_password": "mật khẩu mới đủ dài"})
	expect(t, resp, body, http.StatusNoContent, "")
	resp, body = officer.do(http.MethodGet, "/api/v1/t/nghe-an", nil)
	expect(t, resp, body, http.StatusOK, "")
	// A user who also works in another province is not this province's to reset.
	both := e.person(t, "hai-tinh@danvan.vn", "unit_officer", "nghe-an", false)
	_, body = both.do(http.MethodGet, "/api/v1/me", nil)
	var bm httpapi.UserJSON
	_ = json.Unmarshal(body, &bm)
	ctx := tenancy.SystemContext(context.Background()) // fixture: a second province's membership
	qn, _ := e.app.Tenants.BySlug(ctx, "quang-ngai")
	if err := db.InTx(ctx, e.app.DB.Client, func(tx *ent.Tx) error {
		return tx.Membership.Create().SetUserID(bm.ID).SetTenantID(qn.ID).SetRole(membership.RoleUnitOfficer).Exec(ctx)
	}); err != nil {
		t.Fatal(err)
	}
	resp, body = admin.do(http.MethodPost, fmt.Sprintf("/api/v1/t/nghe-an/users/%d/reset-password", bm.ID), nil)
	expect(t, resp, body, http.StatusForbidden, "forbidden")
}

func TestInvitationFlow(t *testing.T) {
	e := newConfiguredEnv(t, "embedded")
	admin := e.client()
	admin.login("admin@thai-nguyen.danvan.vn")
	resp, body := admin.do(http.MethodPost, "/api/v1/t/thai-nguyen/invitations", map[string]string{"email": "khong hop le", "role": "vua"})
	expect(t, resp, body, http.StatusUnprocessableEntity, "invalid")
	// A unit role names its unit.
	resp, body = admin.do(http.MethodPost, "/api/v1/t/thai-nguyen/invitations", map[string]string{"email": "can-bo@thainguyen.gov.vn", "role": "unit_officer"})
	expect(t, resp, body, http.StatusUnprocessableEntity, "invalid")
	if !strings.Contains(string(body), `"unit_id"`) {
		t.Errorf("unit role without a unit: %s", body)
	}
	_, body = admin.do(http.MethodGet, "/api/v1/t/thai-nguyen/units?q=so%20noi%20vu", nil)
	var found struct {
		Units []httpapi.UnitJSON `json:"units"`
	}
	_ = json.Unmarshal(body, &found)
	if len(found.Units) == 0 {
		t.Fatalf("no Sở Nội vụ in the seed: %s", body)
	}
	resp, body = admin.do(http.MethodPost, "/api/v1/t/thai-nguyen/invitations", map[string]any{"email": "can-bo@thainguyen.gov.vn", "role": "unit_officer", "unit_id": found.Units[0].ID})
	expect(t, resp, body, http.StatusCreated, "")
	if !strings.Contains(string(body), fmt.Sprintf(`"unit_id":%d`, found.Units[0].ID)) {
		t.Errorf("invitation = %s", body)
	}
	resp, body = admin.do(http.MethodPost, "/api/v1/t/thai-nguyen/invitations", map[string]string{"email": "Truong.Ban@ThaiNguyen.gov.vn", "role": "committee_head"})
	expect(t, resp, body, http.StatusCreated, "")
	var inv httpapi.InvitationJSON
	_ = json.Unmarshal(body, &inv)
	token := inv.Link[strings.LastIndex(inv.Link, "/")+1:]
	guest := e.client()
	resp, body = guest.do(http.MethodGet, "/api/v1/invitations/"+token, nil)
	expect(t, resp, body, http.StatusOK, "")
	if !strings.Contains(string(body), `"province":"thai-nguyen"`) || !strings.Contains(string(body), `"email":"truong.ban@thainguyen.gov.vn"`) {
		t.Errorf("invitation = %s", body)
	}
	resp, body = guest.do(http.MethodPost, "/api/v1/invitations/"+token+"/accept", map[string]string{"full_name": "", "password": "x"})
	expect(t, resp, body, http.StatusUnprocessableEntity, "invalid")
	resp, body = guest.do(http.MethodPost, "/api/v1/invitations/"+token+"/accept", map[string]string{"full_name": "Đặng Quốc Trưởng", "password": "mật khẩu đủ dài"})
	expect(t, resp, body, http.StatusOK, "")
	resp, body = guest.do(http.MethodGet, "/api/v1/t/thai-nguyen/users", nil) // committee_head may read users
	expect(t, resp, body, http.StatusOK, "")
	// Single use.
	other := e.client()
	resp, body = other.do(http.MethodPost, "/api/v1/invitations/"+token+"/accept", map[string]string{"full_name": "Kẻ khác", "password": "mật khẩu đủ dài"})
	expect(t, resp, body, http.StatusConflict, "invitation_used")
	// The invitation page says so, without a form.
	resp, body = other.do(http.MethodGet, "/invite/"+token, nil)
	if resp.StatusCode != http.StatusNotFound || strings.Contains(string(body), `name="password"`) {
		t.Errorf("used invitation page: %d", resp.StatusCode)
	}
}

func TestGrants_NarrowWidenCeiling(t *testing.T) {
	e := newEnv(t, "services")
	admin := e.client()
	admin.login("admin@nghe-an.danvan.vn")
	agency := e.person(t, "so-noi-vu@nghe-an.vn", "standing_agency", "nghe-an", false)
	qnAgency := e.person(t, "so-noi-vu@quang-ngai.vn", "standing_agency", "quang-ngai", false)

	// Widen within the ceiling: the standing agency may invite.
	resp, body := agency.do(http.MethodPost, "/api/v1/t/nghe-an/invitations", map[string]string{"email": "a@nghe-an.vn", "role": "committee_member"})
	expect(t, resp, body, http.StatusForbidden, "forbidden")
	resp, body = admin.do(http.MethodPut, "/api/v1/t/nghe-an/grants", map[string]string{"role": "standing_agency", "object": "user", "action": "invite", "state": "allow"})
	expect(t, resp, body, http.StatusNoContent, "")
	resp, body = agency.do(http.MethodPost, "/api/v1/t/nghe-an/invitations", map[string]string{"email": "a@nghe-an.vn", "role": "committee_member"})
	expect(t, resp, body, http.StatusCreated, "")
	// Nothing changed in another province.
	resp, body = qnAgency.do(http.MethodPost, "/api/v1/t/quang-ngai/invitations", map[string]string{"email": "b@quang-ngai.vn", "role": "committee_member"})
	expect(t, resp, body, http.StatusForbidden, "forbidden")
	// Narrow a default: the standing agency no longer reads users.
	resp, body = admin.do(http.MethodPut, "/api/v1/t/nghe-an/grants", map[string]string{"role": "standing_agency", "object": "user", "action": "read", "state": "deny"})
	expect(t, resp, body, http.StatusNoContent, "")
	resp, body = agency.do(http.MethodGet, "/api/v1/t/nghe-an/users", nil)
	expect(t, resp, body, http.StatusForbidden, "forbidden")
	resp, body = qnAgency.do(http.MethodGet, "/api/v1/t/quang-ngai/users", nil)
	expect(t, resp, body, http.StatusOK, "")
	// Beyond the ceiling: refused, until the platform raises this province's ceiling.
	resp, body = admin.do(http.MethodPut, "/api/v1/t/nghe-an/grants", map[string]string{"role": "unit_officer", "object": "grant", "action": "update", "state": "allow"})
	expect(t, resp, body, http.StatusForbidden, "forbidden")
	resp, body = admin.do(http.MethodPut, "/api/v1/t/nghe-an/grants", map[string]string{"role": "readonly_leader", "object": "user", "action": "update", "state": "allow"})
	expect(t, resp, body, http.StatusForbidden, "forbidden")
	platform := e.client()
	platform.login(seed.PlatformAdminEmail)
	resp, body = platform.do(http.MethodPut, "/api/v1/platform/tenants/nghe-an/ceiling", map[string]any{"grants": []string{"readonly_leader:user:update"}})
	expect(t, resp, body, http.StatusUnprocessableEntity, "invalid") // the read-only role never writes
	resp, body = platform.do(http.MethodPut, "/api/v1/platform/tenants/nghe-an/ceiling", map[string]any{"grants": []string{"unit_officer:grant:update"}})
	expect(t, resp, body, http.StatusOK, "")
	resp, body = admin.do(http.MethodPut, "/api/v1/t/nghe-an/grants", map[string]string{"role": "unit_officer", "object": "grant", "action": "update", "state": "allow"})
	expect(t, resp, body, http.StatusNoContent, "")
	// The province admin's own grants cannot be changed.
	resp, body = admin.do(http.MethodPut, "/api/v1/t/nghe-an/grants", map[string]string{"role": "province_admin", "object": "grant", "action": "update", "state": "deny"})
	expect(t, resp, body, http.StatusUnprocessableEntity, "invalid")
	// Every change is in the trail.
	resp, body = admin.do(http.MethodGet, "/api/v1/t/nghe-an/audit?action=rolegrant", nil)
	expect(t, resp, body, http.StatusOK, "")
	if strings.Count(string(body), `"action":"rolegrant.create"`) != 3 {
		t.Errorf("grant changes in the trail: %s", body)
	}
}

func TestAudit_TrailAndExport(t *testing.T) {
	e := newEnv(t, "services")
	admin := e.client()
	admin.login("admin@quang-ngai.danvan.vn")
	officer := e.person(t, "can-bo@quang-ngai.vn", "unit_officer", "quang-ngai", false)
	_, body := officer.do(http.MethodGet, "/api/v1/me", nil)
	var me httpapi.UserJSON
	_ = json.Unmarshal(body, &me)
	resp, body := admin.do(http.MethodGet, fmt.Sprintf("/api/v1/t/quang-ngai/users/%d", me.ID), nil)
	expect(t, resp, body, http.StatusOK, "")
	var m httpapi.MemberJSON
	_ = json.Unmarshal(body, &m)
	resp, body = admin.do(http.MethodPut, fmt.Sprintf("/api/v1/t/quang-ngai/memberships/%d", m.Memberships[0].ID), map[string]string{"role": "unit_leader"})
	expect(t, resp, body, http.StatusNoContent, "")
	admin.lang = ""
	resp, body = admin.do(http.MethodGet, "/api/v1/t/quang-ngai/audit?action=membership.update", nil)
	expect(t, resp, body, http.StatusOK, "")
	var page struct {
		Records []httpapi.AuditJSON `json:"records"`
	}
	_ = json.Unmarshal(body, &page)
	if len(page.Records) != 1 {
		t.Fatalf("membership updates in the trail: %s", body)
	}
	r := page.Records[0]
	ch := r.Changes["role"]
	if ch.Before != "unit_officer" || ch.After != "unit_leader" || !strings.Contains(r.Actor, "admin@quang-ngai.danvan.vn") ||
		r.IP == "" || r.RequestID == "" || r.UserAgent == "" || *r.EntityID != m.Memberships[0].ID {
		t.Errorf("role change record = %+v", r)
	}
	// Another province's trail holds none of it.
	na := e.client()
	na.login("admin@nghe-an.danvan.vn")
	resp, body = na.do(http.MethodGet, "/api/v1/t/nghe-an/audit?action=membership", nil)
	expect(t, resp, body, http.StatusOK, "")
	if strings.Contains(string(body), "can-bo@quang-ngai.vn") || strings.Contains(string(body), "admin@quang-ngai") {
		t.Error("Nghệ An's trail shows Quảng Ngãi's records")
	}
	// Bad filter.
	resp, body = admin.do(http.MethodGet, "/api/v1/t/quang-ngai/audit?from=31/02/2026x", nil)
	expect(t, resp, body, http.StatusUnprocessableEntity, "invalid")

	// CSV export: UTF-8 with BOM, a header, the role change.
	resp, body = admin.do(http.MethodGet, "/api/v1/t/quang-ngai/audit/export?format=csv&action=membership", nil)
	expect(t, resp, body, http.StatusOK, "")
	if !bytes.HasPrefix(body, []byte("\ufeff")) {
		t.Error("CSV has no BOM")
	}
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(body, []byte("\ufeff")))).ReadAll()
	if err != nil || len(recs) < 2 || recs[0][3] != "action" {
		t.Fatalf("CSV: %v %v", recs, err)
	}
	found := false
	for _, rec := range recs[1:] {
		if rec[3] == "membership.update" && strings.Contains(rec[7], "role: unit_officer → unit_leader") {
			found = true
		}
	}
	if !found {
		t.Errorf("CSV lacks the role change: %v", recs)
	}
	// XLSX export.
	resp, body = admin.do(http.MethodGet, "/t/quang-ngai/audit/export?format=xlsx&action=membership", nil)
	expect(t, resp, body, http.StatusOK, "")
	x, err := excelize.OpenReader(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := x.GetRows("Nhật ký")
	if err != nil || len(rows) != len(recs) || rows[1][3] != recs[1][3] {
		t.Errorf("XLSX rows %v (err %v), want the CSV's %d", rows, err, len(recs))
	}
	resp, body = admin.do(http.MethodGet, "/api/v1/t/quang-ngai/audit/export?format=pdf", nil)
	expect(t, resp, body, http.StatusUnprocessableEntity, "invalid")
}

// TestAudit_SameTransaction: a change that fails leaves no record, a record cannot be written
// without its change, and an audited change outside a transaction is refused.
func TestAudit_SameTransaction(t *testing.T) {
	e := newEnv(t, "services")
	c := e.app.DB.Client
	ctx := tenancy.SystemContext(context.Background()) // the test works below the services
	tn, _ := e.app.Tenants.BySlug(ctx, "nghe-an")
	before, _ := c.AuditLog.Query().Count(ctx)
	err := db.InTx(ctx, c, func(tx *ent.Tx) error {
		if err := tx.Tenant.UpdateOneID(tn.ID).SetName("Nghệ An (đổi)").Exec(ctx); err != nil {
			return err
		}
		return fmt.Errorf("something later fails")
	})
	if err == nil {
		t.Fatal("want the transaction to fail")
	}
	after, _ := c.AuditLog.Query().Count(ctx)
	again, _ := e.app.Tenants.BySlug(ctx, "nghe-an")
	if after != before || again.Name != "Nghệ An" {
		t.Errorf("a rolled-back change left %d records and name %q", after-before, again.Name)
	}
	if err := c.Tenant.UpdateOneID(tn.ID).SetName("x").Exec(ctx); err == nil || !strings.Contains(err.Error(), "transaction") {
		t.Errorf("audited change outside a transaction: %v", err)
	}
	if err := db.InTx(ctx, c, func(tx *ent.Tx) error { return tx.Tenant.UpdateOneID(tn.ID).SetName("Nghệ An").Exec(ctx) }); err != nil {
		t.Fatal(err)
	}
}

// TestReviewFixes: invitations are no way to guess passwords or to become province admin;
// sessions of someone who also works elsewhere are not this province's; a password reset ends
// the user's tokens; a province cannot take a reserved name.
func TestReviewFixes(t *testing.T) {
	e := newEnv(t, "services")
	admin := e.client()
	admin.login("admin@nghe-an.danvan.vn")

	// An existing account is invited: accepting needs that account logged in, not a password.
	resp, body := admin.do(http.MethodPost, "/api/v1/t/nghe-an/invitations", map[string]string{"email": seed.PlatformAdminEmail, "role": "committee_member"})
	expect(t, resp, body, http.StatusCreated, "")
	var inv httpapi.InvitationJSON
	_ = json.Unmarshal(body, &inv)
	token := inv.Link[strings.LastIndex(inv.Link, "/")+1:]
	stranger := e.client()
	resp, body = stranger.do(http.MethodPost, "/api/v1/invitations/"+token+"/accept", map[string]string{"password": seed.DemoPassword})
	expect(t, resp, body, http.StatusUnauthorized, "invitation_login_required")
	owner := e.client()
	owner.login(seed.PlatformAdminEmail)
	resp, body = owner.do(http.MethodPost, "/api/v1/invitations/"+token+"/accept", map[string]string{})
	expect(t, resp, body, http.StatusOK, "")

	// A committee head allowed to invite cannot make province admins, nor touch one.
	resp, body = admin.do(http.MethodPut, "/api/v1/t/nghe-an/grants", map[string]string{"role": "committee_head", "object": "user", "action": "invite", "state": "allow"})
	expect(t, resp, body, http.StatusNoContent, "")
	resp, body = admin.do(http.MethodPut, "/api/v1/t/nghe-an/grants", map[string]string{"role": "committee_head", "object": "user", "action": "update", "state": "allow"})
	expect(t, resp, body, http.StatusNoContent, "")
	head := e.person(t, "truong-ban@nghe-an.vn", "committee_head", "nghe-an", false)
	resp, body = head.do(http.MethodPost, "/api/v1/t/nghe-an/invitations", map[string]string{"email": "truong-ban@nghe-an.vn", "role": "province_admin"})
	expect(t, resp, body, http.StatusForbidden, "forbidden")
	_, body = admin.do(http.MethodGet, "/api/v1/me", nil)
	var me httpapi.UserJSON
	_ = json.Unmarshal(body, &me)
	resp, body = head.do(http.MethodPost, fmt.Sprintf("/api/v1/t/nghe-an/users/%d/deactivate", me.ID), nil)
	expect(t, resp, body, http.StatusForbidden, "forbidden")

	// Someone who also works in Quảng Ngãi: Nghệ An neither sees nor ends their sessions.
	both := e.person(t, "hai-tinh@danvan.vn", "unit_officer", "nghe-an", false)
	_, body = both.do(http.MethodGet, "/api/v1/me", nil)
	var bm httpapi.UserJSON
	_ = json.Unmarshal(body, &bm)
	ctx := tenancy.SystemContext(context.Background()) // fixture: a second province's membership
	qn, _ := e.app.Tenants.BySlug(ctx, "quang-ngai")
	if err := db.InTx(ctx, e.app.DB.Client, func(tx *ent.Tx) error {
		return tx.Membership.Create().SetUserID(bm.ID).SetTenantID(qn.ID).SetRole(membership.RoleUnitOfficer).Exec(ctx)
	}); err != nil {
		t.Fatal(err)
	}
	resp, body = admin.do(http.MethodGet, fmt.Sprintf("/api/v1/t/nghe-an/users/%d/sessions", bm.ID), nil)
	expect(t, resp, body, http.StatusForbidden, "forbidden")
	resp, body = admin.do(http.MethodPost, fmt.Sprintf("/api/v1/t/nghe-an/users/%d/sessions/revoke", bm.ID), nil)
	expect(t, resp, body, http.StatusForbidden, "forbidden")

	// A password reset ends the user's tokens too.
	officer := e.person(t, "can-bo-2@nghe-an.vn", "committee_member", "nghe-an", false)
	resp, body = officer.do(http.MethodPost, "/api/v1/me/tokens", map[string]any{"province": "nghe-an", "name": "x", "days": 5})
	expect(t, resp, body, http.StatusCreated, "")
	var tok httpapi.TokenJSON
	_ = json.Unmarshal(body, &tok)
	_, body = officer.do(http.MethodGet, "/api/v1/me", nil)
	var om httpapi.UserJSON
	_ = json.Unmarshal(body, &om)
	resp, body = admin.do(http.MethodPost, fmt.Sprintf("/api/v1/t/nghe-an/users/%d/reset-password", om.ID), nil)
	expect(t, resp, body, http.StatusOK, "")
	resp, body = officer.bearer(tok.Token).do(http.MethodGet, "/api/v1/t/nghe-an", nil)
	expect(t, resp, body, http.StatusUnauthorized, "token_invalid")

	// "platform" is the SaaS's own domain: no province may take it.
	platform := e.client()
	platform.login(seed.PlatformAdminEmail)
	resp, body = platform.do(http.MethodPost, "/api/v1/platform/tenants", map[string]string{"slug": "platform", "name": "X", "plan": "standard"})
	expect(t, resp, body, http.StatusUnprocessableEntity, "invalid")
}
