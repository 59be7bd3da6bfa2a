package identity

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/ent/schema"
	"github.com/danvan-vn/danvan/internal/apperr"
	"github.com/danvan-vn/danvan/internal/areas/units"
	"github.com/danvan-vn/danvan/internal/calendar"
	"github.com/danvan-vn/danvan/internal/httpapi"
	"github.com/danvan-vn/danvan/internal/member"
	"github.com/danvan-vn/danvan/internal/tenant"
	"github.com/danvan-vn/danvan/internal/viewer"
	"github.com/danvan-vn/danvan/internal/web"
	"github.com/labstack/echo/v4"
)

// index sends a user where they work.
func (h *handler) index(c echo.Context) error {
	ctx := c.Request().Context()
	v := viewer.FromContext(ctx)
	if v == nil {
		return c.Redirect(http.StatusSeeOther, "/login")
	}
	if v.PlatformAdmin {
		return c.Redirect(http.StatusSeeOther, "/platform/tenants")
	}
	ms, err := h.accounts.Memberships(ctx, v.UserID)
	if err != nil {
		return err
	}
	if len(ms) == 0 {
		return c.Redirect(http.StatusSeeOther, "/profile")
	}
	return c.Redirect(http.StatusSeeOther, "/t/"+ms[0].Edges.Tenant.Slug+"/")
}

func (h *handler) loginPage(c echo.Context) error {
	return httpapi.HTML(c, http.StatusOK, "login", web.LoginPage{Page: httpapi.PageOf(c, "login.title"), Next: httpapi.SafeNext(c.QueryParam("next"))})
}

func (h *handler) loginSubmit(c echo.Context) error {
	email, next := c.FormValue("email"), httpapi.SafeNext(c.FormValue("next"))
	token, _, err := h.accounts.Login(c.Request().Context(), email, c.FormValue("password"))
	if err != nil {
		e, ok := apperr.As(err)
		if !ok || (e.Kind != apperr.KindUnauthorized && e.Kind != apperr.KindThrottled) {
			return err
		}
		status := http.StatusUnauthorized
		if e.Kind == apperr.KindThrottled {
			status = http.StatusTooManyRequests
		}
		return httpapi.HTML(c, status, "login", web.LoginPage{Page: httpapi.PageOf(c, "login.title"), Email: email, Next: next, Error: "error." + e.Code})
	}
	httpapi.SetSession(c, token)
	return c.Redirect(http.StatusSeeOther, next)
}

func (h *handler) logout(c echo.Context) error {
	if ck := httpapi.SessionCookie(c); ck != "" {
		if err := h.accounts.Logout(c.Request().Context(), ck); err != nil {
			return err
		}
	}
	httpapi.ClearSession(c)
	return c.Redirect(http.StatusSeeOther, "/login")
}

func sessionRows(ss []*ent.Session, current int) []web.SessionRow {
	out := make([]web.SessionRow, 0, len(ss))
	for _, s := range ss {
		out = append(out, web.SessionRow{ID: s.ID, Current: s.ID == current, IP: s.IP, UserAgent: s.UserAgent,
			CreatedAt: s.CreatedAt, LastSeenAt: s.LastSeenAt, ExpiresAt: s.ExpiresAt})
	}
	return out
}

func (h *handler) profileData(c echo.Context, p *web.ProfilePage) error {
	ctx := c.Request().Context()
	v := viewer.FromContext(ctx)
	ss, err := h.accounts.Sessions(ctx, v.UserID)
	if err != nil {
		return err
	}
	p.Sessions = sessionRows(ss, httpapi.SessionID(c))
	toks, err := h.accounts.MyTokens(ctx)
	if err != nil {
		return err
	}
	now := time.Now()
	for _, t := range toks {
		r := web.TokenRow{ID: t.ID, Name: t.Name, Prefix: t.Prefix, CreatedAt: t.CreatedAt, ExpiresAt: t.ExpiresAt,
			LastUsedAt: t.LastUsedAt, Revoked: t.RevokedAt != nil, Expired: !t.ExpiresAt.After(now)}
		if t.Edges.Tenant != nil {
			r.ProvinceSlug, r.ProvinceName = t.Edges.Tenant.Slug, tenant.Name(t.Edges.Tenant)
		}
		p.Tokens = append(p.Tokens, r)
	}
	ms, err := h.accounts.Memberships(ctx, v.UserID)
	if err != nil {
		return err
	}
	seen := map[string]bool{}
	for _, m := range ms {
		if t := m.Edges.Tenant; t != nil && !seen[t.Slug] {
			seen[t.Slug] = true
			p.Provinces = append(p.Provinces, web.ProvinceOption{Slug: t.Slug, Name: tenant.Name(t)})
		}
	}
	must := httpapi.MustChangePassword(c)
	p.MustChange = must
	return nil
}

func (h *handler) profilePage(c echo.Context) error {
	p := web.ProfilePage{Page: httpapi.PageOf(c, "profile.title")}
	if err := h.profileData(c, &p); err != nil {
		return err
	}
	return httpapi.HTML(c, http.StatusOK, "profile", p)
}

func (h *handler) profileFormError(c echo.Context, err error, newToken string) error {
	fields, ok := httpapi.FieldKeys(err)
	if !ok {
		return err
	}
	p := web.ProfilePage{Page: httpapi.PageOf(c, "profile.title"), Errors: fields, NewToken: newToken}
	if derr := h.profileData(c, &p); derr != nil {
		return derr
	}
	return httpapi.HTML(c, http.StatusUnprocessableEntity, "profile", p)
}

func (h *handler) profilePassword(c echo.Context) error {
	ctx := c.Request().Context()
	v := viewer.FromContext(ctx)
	if c.FormValue("new_password") != c.FormValue("new_password_confirm") {
		return h.profileFormError(c, apperr.Invalid(map[string]string{"new_password_confirm": "password_mismatch"}), "")
	}
	if err := h.accounts.ChangePassword(ctx, v.UserID, httpapi.SessionID(c), c.FormValue("current_password"), c.FormValue("new_password")); err != nil {
		return h.profileFormError(c, err, "")
	}
	return c.Redirect(http.StatusSeeOther, "/profile?done=password")
}

func (h *handler) profileRevokeOthers(c echo.Context) error {
	v := viewer.FromContext(c.Request().Context())
	if _, err := h.accounts.RevokeSessions(c.Request().Context(), v.UserID, httpapi.SessionID(c)); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/profile?done=sessions")
}

// inProvince returns ctx acting as the viewer inside one of their provinces (by slug), or
// not-found when they are no member there.
func (h *handler) inProvince(ctx context.Context, slug string) (context.Context, error) {
	v := viewer.FromContext(ctx)
	ms, err := h.accounts.Memberships(ctx, v.UserID)
	if err != nil {
		return nil, err
	}
	for _, m := range ms {
		if t := m.Edges.Tenant; t != nil && t.Slug == slug {
			nv := *v
			nv.TenantID, nv.TenantSlug = t.ID, t.Slug
			return viewer.NewContext(ctx, &nv), nil
		}
	}
	return nil, apperr.Invalid(map[string]string{"province": "required"})
}

func (h *handler) profileTokenCreate(c echo.Context) error {
	days, _ := strconv.Atoi(c.FormValue("days"))
	ctx, err := h.inProvince(c.Request().Context(), c.FormValue("province"))
	if err != nil {
		return h.profileFormError(c, err, "")
	}
	plain, _, err := h.accounts.CreateToken(ctx, c.FormValue("name"), days)
	if err != nil {
		return h.profileFormError(c, err, "")
	}
	// The secret is shown once, on this response; it is never stored in plain.
	p := web.ProfilePage{Page: httpapi.PageOf(c, "profile.title"), NewToken: plain}
	p.Flash = "tokens.created"
	if err := h.profileData(c, &p); err != nil {
		return err
	}
	return httpapi.HTML(c, http.StatusOK, "profile", p)
}

func (h *handler) profileTokenRevoke(c echo.Context) error {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return err
	}
	if err := h.accounts.RevokeMyToken(c.Request().Context(), id); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/profile")
}

func memberRow(m member.Member, self int) web.MemberRow {
	u := m.User
	r := web.MemberRow{UserID: u.ID, Name: u.FullName, Email: u.Email, Active: m.Active(), LastLoginAt: u.LastLoginAt,
		IsSelf: u.ID == self, MustChangePw: u.MustChangePassword, Locked: u.LockedUntil != nil && u.LockedUntil.After(time.Now())}
	for _, ms := range m.Memberships {
		r.Memberships = append(r.Memberships, web.MembershipRow{ID: ms.ID, Role: string(ms.Role), Active: ms.Active})
	}
	return r
}

func (h *handler) usersData(c echo.Context, p *web.UsersPage) error {
	ctx := c.Request().Context()
	ms, err := h.members.List(ctx)
	if err != nil {
		return err
	}
	self := viewer.FromContext(ctx).UserID
	for _, m := range ms {
		p.Members = append(p.Members, memberRow(m, self))
	}
	if p.Can["user:invite"] {
		invs, err := h.members.Invitations(ctx)
		if err != nil {
			return err
		}
		for _, i := range invs {
			p.Invitations = append(p.Invitations, web.InvitationRow{ID: i.ID, Email: i.Email, Role: string(i.Role), ExpiresAt: i.ExpiresAt, CreatedAt: i.CreatedAt})
		}
	}
	p.Roles = schema.Roles
	opts, _, err := units.Options(ctx, h.units, calendar.Today().UTC())
	if err != nil {
		return err
	}
	p.Units = opts
	return nil
}

func (h *handler) usersPage(c echo.Context) error {
	p := web.UsersPage{Page: httpapi.PageOf(c, "users.title")}
	if err := h.usersData(c, &p); err != nil {
		return err
	}
	return httpapi.HTML(c, http.StatusOK, "users", p)
}

func (h *handler) usersInvite(c echo.Context) error {
	email, role := c.FormValue("email"), c.FormValue("role")
	var unitID *int
	if id, err := strconv.Atoi(c.FormValue("unit_id")); err == nil && id > 0 {
		unitID = &id
	}
	token, _, err := h.members.Invite(c.Request().Context(), email, role, unitID)
	p := web.UsersPage{Page: httpapi.PageOf(c, "users.title"), Form: web.InviteForm{Email: email, Role: role, UnitID: httpapi.Deref(unitID)}}
	status := http.StatusOK
	if err != nil {
		fields, ok := httpapi.FieldKeys(err)
		if !ok {
			return err
		}
		if msg, conflict := fields["_"]; conflict {
			fields["email"] = msg
		}
		p.Errors, status = fields, http.StatusUnprocessableEntity
	} else {
		p.InviteLink = h.baseURL + "/invite/" + token // shown once
		p.Flash = "users.invited"
		p.Form = web.InviteForm{}
	}
	if err := h.usersData(c, &p); err != nil {
		return err
	}
	return httpapi.HTML(c, status, "users", p)
}

func (h *handler) usersInvitationRevoke(c echo.Context) error {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return err
	}
	if err := h.members.RevokeInvitation(c.Request().Context(), id); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, httpapi.ProvinceURL(c, "/users?done=invitation_revoked"))
}

func (h *handler) usersSetRole(c echo.Context) error {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return err
	}
	if err := h.members.SetRole(c.Request().Context(), id, c.FormValue("role")); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, httpapi.ProvinceURL(c, "/users?done=role"))
}

func (h *handler) setActive(c echo.Context, active bool) error {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return err
	}
	return h.members.SetActive(c.Request().Context(), id, active)
}

func (h *handler) usersDeactivate(c echo.Context) error {
	if err := h.setActive(c, false); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, httpapi.ProvinceURL(c, "/users?done=deactivated"))
}

func (h *handler) usersActivate(c echo.Context) error {
	if err := h.setActive(c, true); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, httpapi.ProvinceURL(c, "/users?done=activated"))
}

func (h *handler) usersResetPassword(c echo.Context) error {
	ctx := c.Request().Context()
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return err
	}
	temp, err := h.members.ResetPassword(ctx, id)
	if err != nil {
		return err
	}
	m, err := h.members.Get(ctx, id)
	if err != nil {
		return err
	}
	p := web.UsersPage{Page: httpapi.PageOf(c, "users.title"), TempPass: temp, TempFor: m.User.FullName}
	p.Flash = "users.reset_done"
	if err := h.usersData(c, &p); err != nil {
		return err
	}
	return httpapi.HTML(c, http.StatusOK, "users", p)
}

func (h *handler) userSessionsPage(c echo.Context) error {
	ctx := c.Request().Context()
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return err
	}
	m, err := h.members.Get(ctx, id)
	if err != nil {
		return err
	}
	ss, err := h.members.Sessions(ctx, id)
	if err != nil {
		return err
	}
	return httpapi.HTML(c, http.StatusOK, "user_sessions", web.UserSessionsPage{Page: httpapi.PageOf(c, "sessions.title"),
		Member: memberRow(m, viewer.FromContext(ctx).UserID), Sessions: sessionRows(ss, httpapi.SessionID(c))})
}

func (h *handler) userSessionsRevoke(c echo.Context) error {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return err
	}
	if _, err := h.members.RevokeSessions(c.Request().Context(), id); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, httpapi.ProvinceURL(c, "/users/"+strconv.Itoa(id)+"/sessions?done=sessions"))
}

func (h *handler) invitePage(c echo.Context) error {
	p := web.InvitePage{Page: httpapi.PageOf(c, "invite.title")}
	pending, err := h.members.Lookup(c.Request().Context(), c.Param("token"))
	if err != nil {
		if k := apperr.KindOf(err); k != apperr.KindNotFound && k != apperr.KindConflict {
			return err
		}
		p.Invalid = true
		return httpapi.HTML(c, http.StatusNotFound, "invite", p)
	}
	fillInvite(&p, pending)
	return httpapi.HTML(c, http.StatusOK, "invite", p)
}

func fillInvite(p *web.InvitePage, pending *member.Pending) {
	p.ProvinceName, p.Email, p.Role, p.ExistingUser = tenant.Name(pending.Tenant), pending.Invitation.Email, string(pending.Invitation.Role), pending.ExistingUser
}

func (h *handler) inviteSubmit(c echo.Context) error {
	ctx := c.Request().Context()
	token := c.Param("token")
	pending, err := h.members.Lookup(ctx, token)
	if err != nil {
		return h.invitePage(c)
	}
	p := web.InvitePage{Page: httpapi.PageOf(c, "invite.title"), FullName: c.FormValue("full_name")}
	fillInvite(&p, pending)
	if !pending.ExistingUser && c.FormValue("password") != c.FormValue("password_confirm") {
		p.Errors = map[string]string{"password_confirm": "field.password_mismatch"}
		return httpapi.HTML(c, http.StatusUnprocessableEntity, "invite", p)
	}
	u, err := h.members.Accept(ctx, token, c.FormValue("full_name"), c.FormValue("password"))
	if err != nil {
		fields, ok := httpapi.FieldKeys(err)
		if !ok {
			return err
		}
		p.Errors = fields
		return httpapi.HTML(c, http.StatusUnprocessableEntity, "invite", p)
	}
	sess, err := h.accounts.OpenSession(ctx, u.ID)
	if err != nil {
		return err
	}
	httpapi.SetSession(c, sess)
	return c.Redirect(http.StatusSeeOther, "/t/"+pending.Tenant.Slug+"/")
}
