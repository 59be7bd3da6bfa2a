package identity_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/danvan-vn/danvan/internal/areas/identity"

	"github.com/danvan-vn/danvan/internal/areas/units"
	"github.com/danvan-vn/danvan/internal/httpapi"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/ent/auditlog"
	"github.com/danvan-vn/danvan/ent/membership"
	"github.com/danvan-vn/danvan/ent/session"
	"github.com/danvan-vn/danvan/internal/account"
	"github.com/danvan-vn/danvan/internal/app/apptest"
	"github.com/danvan-vn/danvan/internal/audit"
	"github.com/danvan-vn/danvan/internal/db"
	"github.com/danvan-vn/danvan/internal/seed"
	"github.com/danvan-vn/danvan/internal/tenancy"
)

const redisDB = 3 // this package's Redis database

// TestPages_LoginFlow drives the HTML forms: login page, bad password, login, home, logout.
func TestPages_LoginFlow(t *testing.T) {
	e := apptest.New(t, "embedded", redisDB)
	c := e.Client()
	resp, body := c.Do(http.MethodGet, "/login", nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	if !strings.Contains(string(body), `lang="vi"`) || !strings.Contains(string(body), "Đăng nhập") {
		t.Error("login page is not Vietnamese by default")
	}
	form := func(path string, vals url.Values) (*http.Response, string) {
		vals.Set("_csrf", c.CSRF())
		resp, err := c.HTTP.PostForm(e.URL+path, vals)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp, string(b)
	}
	resp, page := form("/login", url.Values{"email": {"admin@quang-ngai.danvan.vn"}, "password": {"wrong-password"}})
	if resp.StatusCode != http.StatusUnauthorized || !strings.Contains(page, "admin@quang-ngai.danvan.vn") {
		t.Errorf("bad login: %d", resp.StatusCode)
	}
	resp, _ = form("/login", url.Values{"email": {"admin@quang-ngai.danvan.vn"}, "password": {seed.DemoPassword}, "next": {"//evil.example/"}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/" {
		t.Fatalf("login: %d → %s (an off-site next must be ignored)", resp.StatusCode, resp.Header.Get("Location"))
	}
	resp, _ = c.Do(http.MethodGet, "/", nil)
	if resp.Header.Get("Location") != "/t/quang-ngai/" {
		t.Errorf("home redirect = %s", resp.Header.Get("Location"))
	}
	resp, body = c.Do(http.MethodGet, "/t/quang-ngai/?lang=en", nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	if !strings.Contains(string(body), `lang="en"`) {
		t.Error("?lang=en did not switch the page to English")
	}
	_, body = c.Do(http.MethodGet, "/t/quang-ngai/", nil) // remembered
	if !strings.Contains(string(body), `lang="en"`) {
		t.Error("the language choice was not remembered")
	}
	resp, _ = form("/logout", url.Values{})
	if resp.StatusCode != http.StatusSeeOther {
		t.Errorf("logout: %d", resp.StatusCode)
	}
	resp, _ = c.Do(http.MethodGet, "/t/quang-ngai/", nil)
	if resp.StatusCode != http.StatusSeeOther {
		t.Errorf("after logout the province page answered %d", resp.StatusCode)
	}
}

// TestLockout: 20 wrong passwords from one IP lock the account; each failure and the lockout are
// in the audit trail; the right password during the lockout is refused with a clear message.
func TestLockout(t *testing.T) {
	e := apptest.New(t, "services", redisDB)
	c := e.Client()
	const email = "admin@hoa-binh.danvan.vn"
	for i := 0; i < 20; i++ {
		resp, body := c.Do(http.MethodPost, "/api/v1/login", map[string]string{"email": email, "password": "sai-mat-khau-" + fmt.Sprint(i)})
		if resp.StatusCode != http.StatusUnauthorized && resp.StatusCode != http.StatusTooManyRequests {
			t.Fatalf("attempt %d: %d %s", i+1, resp.StatusCode, body)
		}
	}
	resp, body := c.Do(http.MethodPost, "/api/v1/login", map[string]string{"email": email, "password": seed.DemoPassword})
	apptest.Expect(t, resp, body, http.StatusTooManyRequests, "account_locked")
	var p httpapi.Problem
	_ = json.Unmarshal(body, &p)
	if !strings.Contains(p.Title, "khóa") || !strings.Contains(p.Detail, "/") {
		t.Errorf("lockout message = %q / %q, want a Vietnamese sentence with the time it ends", p.Title, p.Detail)
	}
	// The English message too.
	c.Lang = "en"
	resp, body = c.Do(http.MethodPost, "/api/v1/login", map[string]string{"email": email, "password": seed.DemoPassword})
	apptest.Expect(t, resp, body, http.StatusTooManyRequests, "account_locked")
	_ = json.Unmarshal(body, &p)
	if !isASCII(p.Title) {
		t.Errorf("English lockout title = %q", p.Title)
	}
	ctx := tenancy.SystemContext(context.Background()) // the test reads platform records
	// The platform's records, once each (Hòa Bình's trail holds copies: see the audit area's tests).
	failed, _ := e.App.DB.Client.AuditLog.Query().Where(audit.Platform(), auditlog.Action("login.failed"), auditlog.Subject(email)).Count(ctx)
	lockouts, _ := e.App.DB.Client.AuditLog.Query().Where(audit.Platform(), auditlog.Action("login.lockout"), auditlog.Subject(email)).Count(ctx)
	if failed != 22 || lockouts != 1 {
		t.Errorf("audit: %d failed logins (want 22: 20 wrong and 2 during the lockout), %d lockouts (want 1)", failed, lockouts)
	}
	rec, _ := e.App.DB.Client.AuditLog.Query().Where(auditlog.Action("login.failed"), auditlog.Subject(email)).First(ctx)
	if rec.IP != "127.0.0.1" || rec.UserAgent == "" || rec.RequestID == "" {
		t.Errorf("failed login record lacks origin: %+v", rec)
	}
	// Other accounts from the same IP are refused too once the IP is over its limit.
	resp, body = c.Do(http.MethodPost, "/api/v1/login", map[string]string{"email": "admin@nghe-an.danvan.vn", "password": seed.DemoPassword})
	apptest.Expect(t, resp, body, http.StatusTooManyRequests, "too_many_attempts")
}

func TestTokens(t *testing.T) {
	e := apptest.New(t, "services", redisDB)
	c := e.Client()
	c.Login("admin@nghe-an.danvan.vn")
	resp, body := c.Do(http.MethodPost, "/api/v1/me/tokens", map[string]any{"province": "nghe-an", "name": "", "days": 900})
	apptest.Expect(t, resp, body, http.StatusUnprocessableEntity, "invalid")
	resp, body = c.Do(http.MethodPost, "/api/v1/me/tokens", map[string]any{"province": "quang-ngai", "name": "x", "days": 9})
	apptest.Expect(t, resp, body, http.StatusUnprocessableEntity, "invalid") // not a member there
	resp, body = c.Do(http.MethodPost, "/api/v1/me/tokens", map[string]any{"province": "nghe-an", "name": "Báo cáo", "days": 30})
	apptest.Expect(t, resp, body, http.StatusCreated, "")
	var tok identity.TokenJSON
	_ = json.Unmarshal(body, &tok)
	if !strings.HasPrefix(tok.Token, "dvt_") {
		t.Fatalf("token = %+v", tok)
	}
	api := c.Bearer(tok.Token)
	resp, body = api.Do(http.MethodGet, "/api/v1/t/nghe-an/users", nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	// A state-changing call with a token needs no CSRF token (no cookie to forge).
	resp, body = api.Do(http.MethodPost, "/api/v1/t/nghe-an/invitations", map[string]string{"email": "can-bo@nghe-an.vn", "role": "committee_member"})
	apptest.Expect(t, resp, body, http.StatusCreated, "")
	// Outside its province: nothing but who it is.
	resp, body = api.Do(http.MethodGet, "/api/v1/platform/tenants", nil)
	apptest.Expect(t, resp, body, http.StatusForbidden, "forbidden")
	resp, body = api.Do(http.MethodGet, "/api/v1/me/tokens", nil)
	apptest.Expect(t, resp, body, http.StatusForbidden, "forbidden")
	// The secret is never listed again.
	resp, body = c.Do(http.MethodGet, "/api/v1/me/tokens", nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	if strings.Contains(string(body), tok.Token) {
		t.Error("token secret listed")
	}
	// Token use is audited.
	ctx := tenancy.SystemContext(context.Background()) // the test reads the trail directly
	if n, _ := e.App.DB.Client.AuditLog.Query().Where(auditlog.Action("token.use")).Count(ctx); n != 1 {
		t.Errorf("token.use records = %d, want 1 (at most one per %s)", n, account.TokenUseEvery)
	}
	// Revoked: the next request fails.
	resp, body = c.Do(http.MethodDelete, fmt.Sprintf("/api/v1/me/tokens/%d", tok.ID), nil)
	apptest.Expect(t, resp, body, http.StatusNoContent, "")
	resp, body = api.Do(http.MethodGet, "/api/v1/t/nghe-an", nil)
	apptest.Expect(t, resp, body, http.StatusUnauthorized, "token_invalid")
	resp, body = c.Bearer("dvt_made-up").Do(http.MethodGet, "/api/v1/t/nghe-an", nil)
	apptest.Expect(t, resp, body, http.StatusUnauthorized, "token_invalid")
}

func TestSessions_RevokedByAdminAndIdle(t *testing.T) {
	e := apptest.New(t, "services", redisDB)
	admin := e.Client()
	admin.Login("admin@nghe-an.danvan.vn")
	officer := e.Person(t, "can-bo@nghe-an.vn", "unit_officer", "nghe-an", false)
	resp, body := officer.Do(http.MethodGet, "/api/v1/t/nghe-an", nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	_, body = officer.Do(http.MethodGet, "/api/v1/me", nil)
	var me identity.UserJSON
	_ = json.Unmarshal(body, &me)
	resp, body = admin.Do(http.MethodGet, fmt.Sprintf("/api/v1/t/nghe-an/users/%d/sessions", me.ID), nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	if !strings.Contains(string(body), `"ip":"127.0.0.1"`) {
		t.Errorf("sessions = %s", body)
	}
	resp, body = admin.Do(http.MethodPost, fmt.Sprintf("/api/v1/t/nghe-an/users/%d/sessions/revoke", me.ID), nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	resp, body = officer.Do(http.MethodGet, "/api/v1/t/nghe-an", nil)
	apptest.Expect(t, resp, body, http.StatusUnauthorized, "unauthorized")

	// Idle: a session unused for longer than the idle limit stops working.
	officer.Login("can-bo@nghe-an.vn")
	ctx := context.Background()
	if _, err := e.App.DB.Client.Session.Update().Where(session.UserID(me.ID), session.RevokedAtIsNil()).
		SetLastSeenAt(time.Now().Add(-e.App.Cfg.SessionIdle - time.Minute)).Save(ctx); err != nil {
		t.Fatal(err)
	}
	resp, body = officer.Do(http.MethodGet, "/api/v1/me", nil)
	apptest.Expect(t, resp, body, http.StatusUnauthorized, "unauthorized")
}

func TestPasswordResetForcesChange(t *testing.T) {
	e := apptest.New(t, "services", redisDB)
	admin := e.Client()
	admin.Login("admin@nghe-an.danvan.vn")
	officer := e.Person(t, "can-bo@nghe-an.vn", "unit_officer", "nghe-an", false)
	_, body := officer.Do(http.MethodGet, "/api/v1/me", nil)
	var me identity.UserJSON
	_ = json.Unmarshal(body, &me)
	resp, body := admin.Do(http.MethodPost, fmt.Sprintf("/api/v1/t/nghe-an/users/%d/reset-password", me.ID), nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	var reset struct {
		Temp string `json:"temporary_password"`
	}
	_ = json.Unmarshal(body, &reset)
	// The reset logged the user out; the temporary password works but only to change it.
	resp, body = officer.Do(http.MethodGet, "/api/v1/me", nil)
	apptest.Expect(t, resp, body, http.StatusUnauthorized, "unauthorized")
	resp, body = officer.Do(http.MethodPost, "/api/v1/login", map[string]string{"email": "can-bo@nghe-an.vn", "password": reset.Temp})
	apptest.Expect(t, resp, body, http.StatusOK, "")
	if !strings.Contains(string(body), `"must_change_password":true`) {
		t.Errorf("login after reset = %s", body)
	}
	resp, body = officer.Do(http.MethodGet, "/api/v1/t/nghe-an", nil)
	apptest.Expect(t, resp, body, http.StatusForbidden, "password_change_required")
	resp, body = officer.Do(http.MethodPost, "/api/v1/me/password", map[string]string{"current_password": reset.Temp, "new_password": "short"})
	apptest.Expect(t, resp, body, http.StatusUnprocessableEntity, "invalid")
	resp, body = officer.Do(http.MethodPost, "/api/v1/me/password", map[string]string{"current_password": reset.Temp, "new_password": "mật khẩu mới đủ dài"})
	apptest.Expect(t, resp, body, http.StatusNoContent, "")
	resp, body = officer.Do(http.MethodGet, "/api/v1/t/nghe-an", nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	// A user who also works in another province is not this province's to reset.
	both := e.Person(t, "hai-tinh@danvan.vn", "unit_officer", "nghe-an", false)
	_, body = both.Do(http.MethodGet, "/api/v1/me", nil)
	var bm identity.UserJSON
	_ = json.Unmarshal(body, &bm)
	ctx := tenancy.SystemContext(context.Background()) // fixture: a second province's membership
	qn, _ := e.App.Tenants.BySlug(ctx, "quang-ngai")
	if err := db.InTx(ctx, e.App.DB.Client, func(tx *ent.Tx) error {
		return tx.Membership.Create().SetUserID(bm.ID).SetTenantID(qn.ID).SetRole(membership.RoleUnitOfficer).Exec(ctx)
	}); err != nil {
		t.Fatal(err)
	}
	resp, body = admin.Do(http.MethodPost, fmt.Sprintf("/api/v1/t/nghe-an/users/%d/reset-password", bm.ID), nil)
	apptest.Expect(t, resp, body, http.StatusForbidden, "forbidden")
}

func TestInvitationFlow(t *testing.T) {
	e := apptest.NewConfigured(t, "embedded", redisDB)
	admin := e.Client()
	admin.Login("admin@thai-nguyen.danvan.vn")
	resp, body := admin.Do(http.MethodPost, "/api/v1/t/thai-nguyen/invitations", map[string]string{"email": "khong hop le", "role": "vua"})
	apptest.Expect(t, resp, body, http.StatusUnprocessableEntity, "invalid")
	// A unit role names its unit.
	resp, body = admin.Do(http.MethodPost, "/api/v1/t/thai-nguyen/invitations", map[string]string{"email": "can-bo@thainguyen.gov.vn", "role": "unit_officer"})
	apptest.Expect(t, resp, body, http.StatusUnprocessableEntity, "invalid")
	if !strings.Contains(string(body), `"unit_id"`) {
		t.Errorf("unit role without a unit: %s", body)
	}
	_, body = admin.Do(http.MethodGet, "/api/v1/t/thai-nguyen/units?q=so%20noi%20vu", nil)
	var found struct {
		Units []units.UnitJSON `json:"units"`
	}
	_ = json.Unmarshal(body, &found)
	if len(found.Units) == 0 {
		t.Fatalf("no Sở Nội vụ in the seed: %s", body)
	}
	resp, body = admin.Do(http.MethodPost, "/api/v1/t/thai-nguyen/invitations", map[string]any{"email": "can-bo@thainguyen.gov.vn", "role": "unit_officer", "unit_id": found.Units[0].ID})
	apptest.Expect(t, resp, body, http.StatusCreated, "")
	if !strings.Contains(string(body), fmt.Sprintf(`"unit_id":%d`, found.Units[0].ID)) {
		t.Errorf("invitation = %s", body)
	}
	resp, body = admin.Do(http.MethodPost, "/api/v1/t/thai-nguyen/invitations", map[string]string{"email": "Truong.Ban@ThaiNguyen.gov.vn", "role": "committee_head"})
	apptest.Expect(t, resp, body, http.StatusCreated, "")
	var inv identity.InvitationJSON
	_ = json.Unmarshal(body, &inv)
	token := inv.Link[strings.LastIndex(inv.Link, "/")+1:]
	guest := e.Client()
	resp, body = guest.Do(http.MethodGet, "/api/v1/invitations/"+token, nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	if !strings.Contains(string(body), `"province":"thai-nguyen"`) || !strings.Contains(string(body), `"email":"truong.ban@thainguyen.gov.vn"`) {
		t.Errorf("invitation = %s", body)
	}
	resp, body = guest.Do(http.MethodPost, "/api/v1/invitations/"+token+"/accept", map[string]string{"full_name": "", "password": "x"})
	apptest.Expect(t, resp, body, http.StatusUnprocessableEntity, "invalid")
	resp, body = guest.Do(http.MethodPost, "/api/v1/invitations/"+token+"/accept", map[string]string{"full_name": "Đặng Quốc Trưởng", "password": "mật khẩu đủ dài"})
	apptest.Expect(t, resp, body, http.StatusOK, "")
	resp, body = guest.Do(http.MethodGet, "/api/v1/t/thai-nguyen/users", nil) // committee_head may read users
	apptest.Expect(t, resp, body, http.StatusOK, "")
	// Single use.
	other := e.Client()
	resp, body = other.Do(http.MethodPost, "/api/v1/invitations/"+token+"/accept", map[string]string{"full_name": "Kẻ khác", "password": "mật khẩu đủ dài"})
	apptest.Expect(t, resp, body, http.StatusConflict, "invitation_used")
	// The invitation page says so, without a form.
	resp, body = other.Do(http.MethodGet, "/invite/"+token, nil)
	if resp.StatusCode != http.StatusNotFound || strings.Contains(string(body), `name="password"`) {
		t.Errorf("used invitation page: %d", resp.StatusCode)
	}
}

// TestReviewFixes: invitations are no way to guess passwords or to become province admin;
// sessions of someone who also works elsewhere are not this province's; a password reset ends
// the user's tokens; a province cannot take a reserved name.
func TestReviewFixes(t *testing.T) {
	e := apptest.New(t, "services", redisDB)
	admin := e.Client()
	admin.Login("admin@nghe-an.danvan.vn")

	// An existing account is invited: accepting needs that account logged in, not a password.
	resp, body := admin.Do(http.MethodPost, "/api/v1/t/nghe-an/invitations", map[string]string{"email": seed.PlatformAdminEmail, "role": "committee_member"})
	apptest.Expect(t, resp, body, http.StatusCreated, "")
	var inv identity.InvitationJSON
	_ = json.Unmarshal(body, &inv)
	token := inv.Link[strings.LastIndex(inv.Link, "/")+1:]
	stranger := e.Client()
	resp, body = stranger.Do(http.MethodPost, "/api/v1/invitations/"+token+"/accept", map[string]string{"password": seed.DemoPassword})
	apptest.Expect(t, resp, body, http.StatusUnauthorized, "invitation_login_required")
	owner := e.Client()
	owner.Login(seed.PlatformAdminEmail)
	resp, body = owner.Do(http.MethodPost, "/api/v1/invitations/"+token+"/accept", map[string]string{})
	apptest.Expect(t, resp, body, http.StatusOK, "")

	// A committee head allowed to invite cannot make province admins, nor touch one.
	resp, body = admin.Do(http.MethodPut, "/api/v1/t/nghe-an/grants", map[string]string{"role": "committee_head", "object": "user", "action": "invite", "state": "allow"})
	apptest.Expect(t, resp, body, http.StatusNoContent, "")
	resp, body = admin.Do(http.MethodPut, "/api/v1/t/nghe-an/grants", map[string]string{"role": "committee_head", "object": "user", "action": "update", "state": "allow"})
	apptest.Expect(t, resp, body, http.StatusNoContent, "")
	head := e.Person(t, "truong-ban@nghe-an.vn", "committee_head", "nghe-an", false)
	resp, body = head.Do(http.MethodPost, "/api/v1/t/nghe-an/invitations", map[string]string{"email": "truong-ban@nghe-an.vn", "role": "province_admin"})
	apptest.Expect(t, resp, body, http.StatusForbidden, "forbidden")
	_, body = admin.Do(http.MethodGet, "/api/v1/me", nil)
	var me identity.UserJSON
	_ = json.Unmarshal(body, &me)
	resp, body = head.Do(http.MethodPost, fmt.Sprintf("/api/v1/t/nghe-an/users/%d/deactivate", me.ID), nil)
	apptest.Expect(t, resp, body, http.StatusForbidden, "forbidden")

	// Someone who also works in Quảng Ngãi: Nghệ An neither sees nor ends their sessions.
	both := e.Person(t, "hai-tinh@danvan.vn", "unit_officer", "nghe-an", false)
	_, body = both.Do(http.MethodGet, "/api/v1/me", nil)
	var bm identity.UserJSON
	_ = json.Unmarshal(body, &bm)
	ctx := tenancy.SystemContext(context.Background()) // fixture: a second province's membership
	qn, _ := e.App.Tenants.BySlug(ctx, "quang-ngai")
	if err := db.InTx(ctx, e.App.DB.Client, func(tx *ent.Tx) error {
		return tx.Membership.Create().SetUserID(bm.ID).SetTenantID(qn.ID).SetRole(membership.RoleUnitOfficer).Exec(ctx)
	}); err != nil {
		t.Fatal(err)
	}
	resp, body = admin.Do(http.MethodGet, fmt.Sprintf("/api/v1/t/nghe-an/users/%d/sessions", bm.ID), nil)
	apptest.Expect(t, resp, body, http.StatusForbidden, "forbidden")
	resp, body = admin.Do(http.MethodPost, fmt.Sprintf("/api/v1/t/nghe-an/users/%d/sessions/revoke", bm.ID), nil)
	apptest.Expect(t, resp, body, http.StatusForbidden, "forbidden")

	// A password reset ends the user's tokens too.
	officer := e.Person(t, "can-bo-2@nghe-an.vn", "committee_member", "nghe-an", false)
	resp, body = officer.Do(http.MethodPost, "/api/v1/me/tokens", map[string]any{"province": "nghe-an", "name": "x", "days": 5})
	apptest.Expect(t, resp, body, http.StatusCreated, "")
	var tok identity.TokenJSON
	_ = json.Unmarshal(body, &tok)
	_, body = officer.Do(http.MethodGet, "/api/v1/me", nil)
	var om identity.UserJSON
	_ = json.Unmarshal(body, &om)
	resp, body = admin.Do(http.MethodPost, fmt.Sprintf("/api/v1/t/nghe-an/users/%d/reset-password", om.ID), nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	resp, body = officer.Bearer(tok.Token).Do(http.MethodGet, "/api/v1/t/nghe-an", nil)
	apptest.Expect(t, resp, body, http.StatusUnauthorized, "token_invalid")

	// "platform" is the SaaS's own domain: no province may take it.
	platform := e.Client()
	platform.Login(seed.PlatformAdminEmail)
	resp, body = platform.Do(http.MethodPost, "/api/v1/platform/tenants", map[string]string{"slug": "platform", "name": "X", "plan": "standard"})
	apptest.Expect(t, resp, body, http.StatusUnprocessableEntity, "invalid")
}

// TestPages_IdentityFlow: invite by the users page, accept on the invitation page, change the
// password on the profile page, see it all in the audit page and export it.
func TestPages_IdentityFlow(t *testing.T) {
	e := apptest.New(t, "embedded", redisDB)
	admin := e.Client()
	admin.Login("admin@nghe-an.danvan.vn")

	status, page := admin.Page("/t/nghe-an/users")
	if status != http.StatusOK || !strings.Contains(page, `action="/t/nghe-an/invitations"`) {
		t.Fatalf("users page: %d", status)
	}
	resp, page := admin.Form("/t/nghe-an/invitations", url.Values{"email": {"sai"}, "role": {"unit_officer"}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, `aria-invalid="true"`) {
		t.Errorf("bad invitation: %d", resp.StatusCode)
	}
	resp, page = admin.Form("/t/nghe-an/invitations", url.Values{"email": {"pho.ban@nghe-an.vn"}, "role": {"committee_member"}})
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("invite: %d", resp.StatusCode)
	}
	link := regexp.MustCompile(`http://[^"<\s]+/invite/[A-Za-z0-9_-]+`).FindString(page)
	if link == "" {
		t.Fatal("the invitation link is not shown")
	}
	guest := e.Client()
	u, _ := url.Parse(link)
	status, page = guest.Page(u.Path)
	if status != http.StatusOK || !strings.Contains(page, "Nghệ An") {
		t.Fatalf("invitation page: %d", status)
	}
	resp, page = guest.Form(u.Path, url.Values{"full_name": {"Hồ Thị Phó"}, "password": {"mật khẩu đủ dài"}, "password_confirm": {"khác hẳn"}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, `aria-invalid="true"`) {
		t.Errorf("mismatched passwords: %d", resp.StatusCode)
	}
	resp, _ = guest.Form(u.Path, url.Values{"full_name": {"Hồ Thị Phó"}, "password": {"mật khẩu đủ dài"}, "password_confirm": {"mật khẩu đủ dài"}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/t/nghe-an/" {
		t.Fatalf("accept: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	status, _ = guest.Page("/t/nghe-an/")
	if status != http.StatusOK {
		t.Errorf("new member's home: %d", status)
	}
	// A committee member cannot open the users page.
	if status, _ = guest.Page("/t/nghe-an/users"); status != http.StatusForbidden {
		t.Errorf("committee member on the users page: %d", status)
	}
	// Profile: change the password.
	resp, _ = guest.Form("/profile/password", url.Values{"current_password": {"sai rồi sai rồi"}, "new_password": {"mật khẩu mới dài"}, "new_password_confirm": {"mật khẩu mới dài"}})
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("wrong current password: %d", resp.StatusCode)
	}
	resp, _ = guest.Form("/profile/password", url.Values{"current_password": {"mật khẩu đủ dài"}, "new_password": {"mật khẩu mới dài"}, "new_password_confirm": {"mật khẩu mới dài"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Errorf("change password: %d", resp.StatusCode)
	}
	// Profile: a token, shown once.
	resp, page = guest.Form("/profile/tokens", url.Values{"province": {"nghe-an"}, "name": {"Máy trạm"}, "days": {"30"}})
	if resp.StatusCode != http.StatusOK || !regexp.MustCompile(`dvt_[A-Za-z0-9_-]{20,}`).MatchString(page) {
		t.Errorf("token creation page: %d", resp.StatusCode)
	}
	if _, page = guest.Page("/profile"); regexp.MustCompile(`dvt_[A-Za-z0-9_-]{20,}`).MatchString(page) {
		t.Error("the token secret is shown again")
	}
	// The audit page shows the acceptance; the export answers.
	status, page = admin.Page("/t/nghe-an/audit?action=invitation")
	if status != http.StatusOK || !strings.Contains(page, "invitation.update") && !strings.Contains(page, "Nhận lời mời") && !strings.Contains(page, "lời mời") {
		t.Errorf("audit page: %d", status)
	}
	resp, body := admin.Do(http.MethodGet, "/t/nghe-an/audit/export?format=csv&action=membership", nil)
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), "membership.create") {
		t.Errorf("export: %d", resp.StatusCode)
	}
	// Grants page renders with forms for the province admin.
	status, page = admin.Page("/t/nghe-an/grants")
	if status != http.StatusOK || !strings.Contains(page, `action="/t/nghe-an/grants"`) {
		t.Errorf("grants page: %d", status)
	}
}

func TestMain(m *testing.M) { apptest.Main(m) }

func isASCII(s string) bool {
	for _, r := range s {
		if r > 127 {
			return false
		}
	}
	return true
}
