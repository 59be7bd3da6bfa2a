package httpapi

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/ent/schema"
	"github.com/danvan-vn/danvan/internal/apperr"
	"github.com/danvan-vn/danvan/internal/audit"
	"github.com/danvan-vn/danvan/internal/authz"
	"github.com/danvan-vn/danvan/internal/calendar"
	"github.com/danvan-vn/danvan/internal/member"
	"github.com/danvan-vn/danvan/internal/viewer"
	"github.com/danvan-vn/danvan/internal/web"
)

func sessionID(c echo.Context) int { id, _ := c.Get(ctxSessionID).(int); return id }

func sessionRows(ss []*ent.Session, current int) []web.SessionRow {
	out := make([]web.SessionRow, 0, len(ss))
	for _, s := range ss {
		out = append(out, web.SessionRow{ID: s.ID, Current: s.ID == current, IP: s.IP, UserAgent: s.UserAgent,
			CreatedAt: s.CreatedAt, LastSeenAt: s.LastSeenAt, ExpiresAt: s.ExpiresAt})
	}
	return out
}

// --- profile ---

func (s *Server) profileData(c echo.Context, p *web.ProfilePage) error {
	ctx := c.Request().Context()
	v := viewer.FromContext(ctx)
	ss, err := s.app.Accounts.Sessions(ctx, v.UserID)
	if err != nil {
		return err
	}
	p.Sessions = sessionRows(ss, sessionID(c))
	toks, err := s.app.Accounts.MyTokens(ctx)
	if err != nil {
		return err
	}
	now := time.Now()
	for _, t := range toks {
		r := web.TokenRow{ID: t.ID, Name: t.Name, Prefix: t.Prefix, CreatedAt: t.CreatedAt, ExpiresAt: t.ExpiresAt,
			LastUsedAt: t.LastUsedAt, Revoked: t.RevokedAt != nil, Expired: !t.ExpiresAt.After(now)}
		if t.Edges.Tenant != nil {
			r.ProvinceSlug, r.ProvinceName = t.Edges.Tenant.Slug, t.Edges.Tenant.Name
		}
		p.Tokens = append(p.Tokens, r)
	}
	ms, err := s.app.Accounts.Memberships(ctx, v.UserID)
	if err != nil {
		return err
	}
	seen := map[string]bool{}
	for _, m := range ms {
		if t := m.Edges.Tenant; t != nil && !seen[t.Slug] {
			seen[t.Slug] = true
			p.Provinces = append(p.Provinces, web.ProvinceOption{Slug: t.Slug, Name: t.Name})
		}
	}
	must, _ := c.Get(ctxMustChange).(bool)
	p.MustChange = must
	return nil
}

func (s *Server) profilePage(c echo.Context) error {
	p := web.ProfilePage{Page: s.page(c, "profile.title")}
	if err := s.profileData(c, &p); err != nil {
		return err
	}
	return s.html(c, http.StatusOK, "profile", p)
}

func (s *Server) profileFormError(c echo.Context, err error, newToken string) error {
	fields, ok := fieldKeys(err)
	if !ok {
		return err
	}
	p := web.ProfilePage{Page: s.page(c, "profile.title"), Errors: fields, NewToken: newToken}
	if derr := s.profileData(c, &p); derr != nil {
		return derr
	}
	return s.html(c, http.StatusUnprocessableEntity, "profile", p)
}

func (s *Server) profilePassword(c echo.Context) error {
	ctx := c.Request().Context()
	v := viewer.FromContext(ctx)
	if c.FormValue("new_password") != c.FormValue("new_password_confirm") {
		return s.profileFormError(c, apperr.Invalid(map[string]string{"new_password_confirm": "password_mismatch"}), "")
	}
	if err := s.app.Accounts.ChangePassword(ctx, v.UserID, sessionID(c), c.FormValue("current_password"), c.FormValue("new_password")); err != nil {
		return s.profileFormError(c, err, "")
	}
	return c.Redirect(http.StatusSeeOther, "/profile?done=password")
}

func (s *Server) profileRevokeOthers(c echo.Context) error {
	v := viewer.FromContext(c.Request().Context())
	if _, err := s.app.Accounts.RevokeSessions(c.Request().Context(), v.UserID, sessionID(c)); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/profile?done=sessions")
}

// inProvince returns ctx acting as the viewer inside one of their provinces (by slug), or
// not-found when they are no member there.
func (s *Server) inProvince(ctx context.Context, slug string) (context.Context, error) {
	v := viewer.FromContext(ctx)
	ms, err := s.app.Accounts.Memberships(ctx, v.UserID)
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

func (s *Server) profileTokenCreate(c echo.Context) error {
	days, _ := strconv.Atoi(c.FormValue("days"))
	ctx, err := s.inProvince(c.Request().Context(), c.FormValue("province"))
	if err != nil {
		return s.profileFormError(c, err, "")
	}
	plain, _, err := s.app.Accounts.CreateToken(ctx, c.FormValue("name"), days)
	if err != nil {
		return s.profileFormError(c, err, "")
	}
	// The secret is shown once, on this response; it is never stored in plain.
	p := web.ProfilePage{Page: s.page(c, "profile.title"), NewToken: plain}
	p.Flash = "tokens.created"
	if err := s.profileData(c, &p); err != nil {
		return err
	}
	return s.html(c, http.StatusOK, "profile", p)
}

func (s *Server) profileTokenRevoke(c echo.Context) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	if err := s.app.Accounts.RevokeMyToken(c.Request().Context(), id); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/profile")
}

// --- members ---

func memberRow(m member.Member, self int) web.MemberRow {
	u := m.User
	r := web.MemberRow{UserID: u.ID, Name: u.FullName, Email: u.Email, Active: m.Active(), LastLoginAt: u.LastLoginAt,
		IsSelf: u.ID == self, MustChangePw: u.MustChangePassword, Locked: u.LockedUntil != nil && u.LockedUntil.After(time.Now())}
	for _, ms := range m.Memberships {
		r.Memberships = append(r.Memberships, web.MembershipRow{ID: ms.ID, Role: string(ms.Role), Active: ms.Active})
	}
	return r
}

func (s *Server) usersData(c echo.Context, p *web.UsersPage) error {
	ctx := c.Request().Context()
	ms, err := s.app.Members.List(ctx)
	if err != nil {
		return err
	}
	self := viewer.FromContext(ctx).UserID
	for _, m := range ms {
		p.Members = append(p.Members, memberRow(m, self))
	}
	if p.Can["user:invite"] {
		invs, err := s.app.Members.Invitations(ctx)
		if err != nil {
			return err
		}
		for _, i := range invs {
			p.Invitations = append(p.Invitations, web.InvitationRow{ID: i.ID, Email: i.Email, Role: string(i.Role), ExpiresAt: i.ExpiresAt, CreatedAt: i.CreatedAt})
		}
	}
	p.Roles = schema.Roles
	opts, _, err := s.unitOptions(ctx, calendar.Today().UTC())
	if err != nil {
		return err
	}
	p.Units = opts
	return nil
}

func (s *Server) usersPage(c echo.Context) error {
	p := web.UsersPage{Page: s.page(c, "users.title")}
	if err := s.usersData(c, &p); err != nil {
		return err
	}
	return s.html(c, http.StatusOK, "users", p)
}

func (s *Server) usersInvite(c echo.Context) error {
	email, role := c.FormValue("email"), c.FormValue("role")
	var unitID *int
	if id, err := strconv.Atoi(c.FormValue("unit_id")); err == nil && id > 0 {
		unitID = &id
	}
	token, _, err := s.app.Members.Invite(c.Request().Context(), email, role, unitID)
	p := web.UsersPage{Page: s.page(c, "users.title"), Form: web.InviteForm{Email: email, Role: role, UnitID: derefInt(unitID)}}
	status := http.StatusOK
	if err != nil {
		fields, ok := fieldKeys(err)
		if !ok {
			return err
		}
		if msg, conflict := fields["_"]; conflict {
			fields["email"] = msg
		}
		p.Errors, status = fields, http.StatusUnprocessableEntity
	} else {
		p.InviteLink = s.app.Cfg.BaseURL + "/invite/" + token // shown once
		p.Flash = "users.invited"
		p.Form = web.InviteForm{}
	}
	if err := s.usersData(c, &p); err != nil {
		return err
	}
	return s.html(c, status, "users", p)
}

func (s *Server) usersInvitationRevoke(c echo.Context) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	if err := s.app.Members.RevokeInvitation(c.Request().Context(), id); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, provinceURL(c, "/users?done=invitation_revoked"))
}

func (s *Server) usersSetRole(c echo.Context) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	if err := s.app.Members.SetRole(c.Request().Context(), id, c.FormValue("role")); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, provinceURL(c, "/users?done=role"))
}

func (s *Server) setActive(c echo.Context, active bool) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	return s.app.Members.SetActive(c.Request().Context(), id, active)
}

func (s *Server) usersDeactivate(c echo.Context) error {
	if err := s.setActive(c, false); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, provinceURL(c, "/users?done=deactivated"))
}

func (s *Server) usersActivate(c echo.Context) error {
	if err := s.setActive(c, true); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, provinceURL(c, "/users?done=activated"))
}

func (s *Server) usersResetPassword(c echo.Context) error {
	ctx := c.Request().Context()
	id, err := idParam(c)
	if err != nil {
		return err
	}
	temp, err := s.app.Members.ResetPassword(ctx, id)
	if err != nil {
		return err
	}
	m, err := s.app.Members.Get(ctx, id)
	if err != nil {
		return err
	}
	p := web.UsersPage{Page: s.page(c, "users.title"), TempPass: temp, TempFor: m.User.FullName}
	p.Flash = "users.reset_done"
	if err := s.usersData(c, &p); err != nil {
		return err
	}
	return s.html(c, http.StatusOK, "users", p)
}

func (s *Server) userSessionsPage(c echo.Context) error {
	ctx := c.Request().Context()
	id, err := idParam(c)
	if err != nil {
		return err
	}
	m, err := s.app.Members.Get(ctx, id)
	if err != nil {
		return err
	}
	ss, err := s.app.Members.Sessions(ctx, id)
	if err != nil {
		return err
	}
	return s.html(c, http.StatusOK, "user_sessions", web.UserSessionsPage{Page: s.page(c, "sessions.title"),
		Member: memberRow(m, viewer.FromContext(ctx).UserID), Sessions: sessionRows(ss, sessionID(c))})
}

func (s *Server) userSessionsRevoke(c echo.Context) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	if _, err := s.app.Members.RevokeSessions(c.Request().Context(), id); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, provinceURL(c, "/users/"+strconv.Itoa(id)+"/sessions?done=sessions"))
}

// --- grants ---

func (s *Server) grantsPage(c echo.Context) error {
	t := c.Get(ctxTenant).(*ent.Tenant)
	cells, err := s.app.Grants.Matrix(c.Request().Context(), t)
	if err != nil {
		return err
	}
	p := web.GrantsPage{Page: s.page(c, "grants.title"), Roles: authz.ProvinceRoles}
	idx := map[authz.Permission]int{}
	for _, cell := range cells {
		i, ok := idx[cell.Perm]
		if !ok {
			i = len(p.Rows)
			idx[cell.Perm] = i
			p.Rows = append(p.Rows, web.GrantRow{Object: cell.Perm.Object, Action: cell.Perm.Action})
		}
		p.Rows[i].Cells = append(p.Rows[i].Cells, web.GrantCell{Role: cell.Role, Object: cell.Perm.Object, Action: cell.Perm.Action,
			Default: cell.Default, Override: cell.Override, Effective: cell.Effective, Editable: cell.Editable})
	}
	return s.html(c, http.StatusOK, "grants", p)
}

func (s *Server) grantsSet(c echo.Context) error {
	t := c.Get(ctxTenant).(*ent.Tenant)
	p := authz.Permission{Object: c.FormValue("object"), Action: c.FormValue("action")}
	if err := s.app.Grants.Set(c.Request().Context(), t, c.FormValue("role"), p, c.FormValue("state")); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, provinceURL(c, "/grants?done=grants"))
}

// --- audit ---

var auditActions = []string{"login", "token", "session", "user", "membership", "invitation", "accesstoken", "rolegrant", "tenant"}
var auditEntities = []string{"user", "membership", "invitation", "accesstoken", "rolegrant", "tenant"}

func auditRow(r *ent.AuditLog) web.AuditRow {
	row := web.AuditRow{ID: r.ID, At: r.CreatedAt, Actor: r.Actor, Action: r.Action, EntityType: r.EntityType,
		Subject: r.Subject, IP: r.IP, RequestID: r.RequestID}
	if r.EntityID != nil {
		row.EntityID = *r.EntityID
	}
	for _, f := range sortedKeys(r.Changes) {
		ch := r.Changes[f]
		row.Changes = append(row.Changes, web.ChangeRow{Field: f, Before: audit.Value(ch.Before), After: audit.Value(ch.After)})
	}
	return row
}

func auditQuery(c echo.Context) string {
	q := url.Values{}
	for _, k := range []string{"action", "entity", "actor", "from", "to"} {
		if v := strings.TrimSpace(c.QueryParam(k)); v != "" {
			q.Set(k, v)
		}
	}
	return q.Encode()
}

func (s *Server) auditPage(c echo.Context) error {
	p := web.AuditPage{Page: s.page(c, "audit.title"), Actions: auditActions, Entities: auditEntities, Query: auditQuery(c)}
	p.Filter = web.AuditFilter{Action: c.QueryParam("action"), Entity: c.QueryParam("entity"), User: c.QueryParam("actor"),
		From: c.QueryParam("from"), To: c.QueryParam("to")}
	f, err := audit.ParseFilter(c.QueryParam)
	status := http.StatusOK
	if err != nil {
		p.Errors, _ = fieldKeys(err)
		status = http.StatusUnprocessableEntity
	} else {
		page, _ := strconv.Atoi(c.QueryParam("page"))
		p.Page_ = max(page, 1)
		rows, more, err := audit.List(c.Request().Context(), s.app.DB.Client, f, p.Page_)
		if err != nil {
			return err
		}
		p.HasNext = more
		for _, r := range rows {
			p.Rows = append(p.Rows, auditRow(r))
		}
	}
	return s.html(c, status, "audit", p)
}

func (s *Server) auditExport(c echo.Context) error {
	f, err := audit.ParseFilter(c.QueryParam)
	if err != nil {
		return err
	}
	format := c.QueryParam("format")
	ctype := map[string]string{"csv": "text/csv; charset=utf-8", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}[format]
	if ctype == "" {
		return apperr.Invalid(map[string]string{"format": "invalid"})
	}
	t := c.Get(ctxTenant).(*ent.Tenant)
	name := "nhat-ky-" + t.Slug + "-" + time.Now().In(vnTime).Format("20060102-1504") + "." + format
	c.Response().Header().Set(echo.HeaderContentType, ctype)
	c.Response().Header().Set(echo.HeaderContentDisposition, `attachment; filename="`+name+`"`)
	c.Response().WriteHeader(http.StatusOK)
	return audit.Export(c.Request().Context(), s.app.DB.Client, f, format, c.Response())
}

// --- invitations (public) ---

func (s *Server) invitePage(c echo.Context) error {
	p := web.InvitePage{Page: s.page(c, "invite.title")}
	pending, err := s.app.Members.Lookup(c.Request().Context(), c.Param("token"))
	if err != nil {
		if k := apperr.KindOf(err); k != apperr.KindNotFound && k != apperr.KindConflict {
			return err
		}
		p.Invalid = true
		return s.html(c, http.StatusNotFound, "invite", p)
	}
	fillInvite(&p, pending)
	return s.html(c, http.StatusOK, "invite", p)
}

func fillInvite(p *web.InvitePage, pending *member.Pending) {
	p.ProvinceName, p.Email, p.Role, p.ExistingUser = pending.Tenant.Name, pending.Invitation.Email, string(pending.Invitation.Role), pending.ExistingUser
}

func (s *Server) inviteSubmit(c echo.Context) error {
	ctx := c.Request().Context()
	token := c.Param("token")
	pending, err := s.app.Members.Lookup(ctx, token)
	if err != nil {
		return s.invitePage(c)
	}
	p := web.InvitePage{Page: s.page(c, "invite.title"), FullName: c.FormValue("full_name")}
	fillInvite(&p, pending)
	if !pending.ExistingUser && c.FormValue("password") != c.FormValue("password_confirm") {
		p.Errors = map[string]string{"password_confirm": "field.password_mismatch"}
		return s.html(c, http.StatusUnprocessableEntity, "invite", p)
	}
	u, err := s.app.Members.Accept(ctx, token, c.FormValue("full_name"), c.FormValue("password"))
	if err != nil {
		fields, ok := fieldKeys(err)
		if !ok {
			return err
		}
		p.Errors = fields
		return s.html(c, http.StatusUnprocessableEntity, "invite", p)
	}
	sess, err := s.app.Accounts.OpenSession(ctx, u.ID)
	if err != nil {
		return err
	}
	s.setSession(c, sess)
	return c.Redirect(http.StatusSeeOther, "/t/"+pending.Tenant.Slug+"/")
}
