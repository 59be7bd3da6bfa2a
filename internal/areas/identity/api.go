package identity

import (
	"net/http"
	"time"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/internal/httpapi"
	"github.com/danvan-vn/danvan/internal/member"
	"github.com/danvan-vn/danvan/internal/tenant"
	"github.com/danvan-vn/danvan/internal/viewer"
	"github.com/labstack/echo/v4"
)

type loginRequest struct {
	Email    string `json:"email" required:"true" maxLength:"254"`
	Password string `json:"password" required:"true" maxLength:"200"`
}

// UserJSON is the API's view of the logged-in user.
type UserJSON struct {
	ID                 int            `json:"id"`
	Email              string         `json:"email"`
	FullName           string         `json:"full_name"`
	PlatformAdmin      bool           `json:"platform_admin"`
	MustChangePassword bool           `json:"must_change_password"`
	Provinces          []ProvinceRole `json:"provinces"`
	CSRFToken          string         `json:"csrf_token,omitempty" doc:"On sign-in only: the session's CSRF token. A cookie session sends it as the X-CSRF-Token header on every POST, PUT and DELETE (bearer tokens need none)."`
}

// ProvinceRole is one membership.
type ProvinceRole struct {
	Slug string `json:"slug"`
	Name string `json:"name"`
	Role string `json:"role"`
}

func (h *handler) apiLogin(c echo.Context) error {
	var in loginRequest
	if err := httpapi.Bind(c, &in); err != nil {
		return err
	}
	token, u, err := h.accounts.Login(c.Request().Context(), in.Email, in.Password)
	if err != nil {
		return err
	}
	csrf := httpapi.SetSession(c, token)
	return h.writeMe(c, u.ID, u.Email, u.FullName, u.PlatformAdmin, u.MustChangePassword, csrf)
}

func (h *handler) apiLogout(c echo.Context) error {
	if ck := httpapi.SessionCookie(c); ck != "" {
		if err := h.accounts.Logout(c.Request().Context(), ck); err != nil {
			return err
		}
	}
	httpapi.ClearSession(c)
	return c.NoContent(http.StatusNoContent)
}

func (h *handler) apiMe(c echo.Context) error {
	v := viewer.FromContext(c.Request().Context())
	must := httpapi.MustChangePassword(c)
	return h.writeMe(c, v.UserID, v.UserEmail, v.UserName, v.PlatformAdmin, must, "")
}

func (h *handler) writeMe(c echo.Context, id int, email, name string, admin, must bool, csrf string) error {
	ms, err := h.accounts.Memberships(c.Request().Context(), id)
	if err != nil {
		return err
	}
	out := UserJSON{ID: id, Email: email, FullName: name, PlatformAdmin: admin, MustChangePassword: must, Provinces: []ProvinceRole{}, CSRFToken: csrf}
	v := viewer.FromContext(c.Request().Context())
	for _, m := range ms {
		if v != nil && v.TokenTenantID != 0 && m.TenantID != v.TokenTenantID {
			continue // a token shows only its own province
		}
		out.Provinces = append(out.Provinces, ProvinceRole{Slug: m.Edges.Tenant.Slug, Name: tenant.Name(m.Edges.Tenant), Role: string(m.Role)})
	}
	return c.JSON(http.StatusOK, out)
}

type passwordRequest struct {
	Current string `json:"current_password" required:"true" maxLength:"200"`
	New     string `json:"new_password" required:"true" minLength:"10" maxLength:"200"`
}

func (h *handler) apiPassword(c echo.Context) error {
	var in passwordRequest
	if err := httpapi.Bind(c, &in); err != nil {
		return err
	}
	v := viewer.FromContext(c.Request().Context())
	if err := h.accounts.ChangePassword(c.Request().Context(), v.UserID, httpapi.SessionID(c), in.Current, in.New); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// SessionJSON is a live session.
type SessionJSON struct {
	ID         int       `json:"id"`
	Current    bool      `json:"current"`
	IP         string    `json:"ip"`
	UserAgent  string    `json:"user_agent"`
	CreatedAt  time.Time `json:"created_at"`
	LastSeenAt time.Time `json:"last_seen_at"`
	ExpiresAt  time.Time `json:"expires_at"`
}

func sessionsJSON(ss []*ent.Session, current int) []SessionJSON {
	out := []SessionJSON{}
	for _, s := range ss {
		out = append(out, SessionJSON{ID: s.ID, Current: s.ID == current, IP: s.IP, UserAgent: s.UserAgent,
			CreatedAt: s.CreatedAt, LastSeenAt: s.LastSeenAt, ExpiresAt: s.ExpiresAt})
	}
	return out
}

func (h *handler) apiMySessions(c echo.Context) error {
	v := viewer.FromContext(c.Request().Context())
	ss, err := h.accounts.Sessions(c.Request().Context(), v.UserID)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, SessionsJSON{Sessions: sessionsJSON(ss, httpapi.SessionID(c))})
}

// SessionsJSON is a user's live sessions.
type SessionsJSON struct {
	Sessions []SessionJSON `json:"sessions"`
}

// RevokedJSON says how many sessions were ended.
type RevokedJSON struct {
	Revoked int `json:"revoked"`
}

func (h *handler) apiRevokeOthers(c echo.Context) error {
	v := viewer.FromContext(c.Request().Context())
	n, err := h.accounts.RevokeSessions(c.Request().Context(), v.UserID, httpapi.SessionID(c))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, RevokedJSON{Revoked: n})
}

// TokenJSON is a personal access token (its secret only in the creation response).
type TokenJSON struct {
	ID         int        `json:"id"`
	Name       string     `json:"name"`
	Prefix     string     `json:"prefix"`
	Province   string     `json:"province,omitempty"`
	Token      string     `json:"token,omitempty"`
	CreatedAt  time.Time  `json:"created_at"`
	ExpiresAt  time.Time  `json:"expires_at"`
	LastUsedAt *time.Time `json:"last_used_at,omitempty"`
	RevokedAt  *time.Time `json:"revoked_at,omitempty"`
}

func tokenJSON(t *ent.AccessToken) TokenJSON {
	out := TokenJSON{ID: t.ID, Name: t.Name, Prefix: t.Prefix, CreatedAt: t.CreatedAt, ExpiresAt: t.ExpiresAt,
		LastUsedAt: t.LastUsedAt, RevokedAt: t.RevokedAt}
	if t.Edges.Tenant != nil {
		out.Province = t.Edges.Tenant.Slug
	}
	return out
}

func (h *handler) apiMyTokens(c echo.Context) error {
	ts, err := h.accounts.MyTokens(c.Request().Context())
	if err != nil {
		return err
	}
	out := []TokenJSON{}
	for _, t := range ts {
		out = append(out, tokenJSON(t))
	}
	return c.JSON(http.StatusOK, TokensJSON{Tokens: out})
}

// TokensJSON is the viewer's personal access tokens.
type TokensJSON struct {
	Tokens []TokenJSON `json:"tokens"`
}

type tokenRequest struct {
	Province string `json:"province" maxLength:"40" doc:"The slug of the province the token works in (one of the viewer's)"`
	Name     string `json:"name" maxLength:"100" doc:"What the token is for"`
	Days     int    `json:"days" minimum:"1" maximum:"366" doc:"How many days it lives"`
}

func (h *handler) apiTokenCreate(c echo.Context) error {
	var in tokenRequest
	if err := httpapi.Bind(c, &in); err != nil {
		return err
	}
	ctx, err := h.inProvince(c.Request().Context(), in.Province)
	if err != nil {
		return err
	}
	plain, t, err := h.accounts.CreateToken(ctx, in.Name, in.Days)
	if err != nil {
		return err
	}
	out := tokenJSON(t)
	out.Token, out.Province = plain, in.Province
	return c.JSON(http.StatusCreated, out)
}

func (h *handler) apiTokenRevoke(c echo.Context) error {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return err
	}
	if err := h.accounts.RevokeMyToken(c.Request().Context(), id); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// MemberJSON is a person in the province.
type MemberJSON struct {
	UserID             int              `json:"user_id"`
	Email              string           `json:"email"`
	FullName           string           `json:"full_name"`
	Active             bool             `json:"active"`
	MustChangePassword bool             `json:"must_change_password"`
	LockedUntil        *time.Time       `json:"locked_until,omitempty"`
	LastLoginAt        *time.Time       `json:"last_login_at,omitempty"`
	Memberships        []MembershipJSON `json:"memberships"`
}

// MembershipJSON is one role.
type MembershipJSON struct {
	ID     int    `json:"id"`
	Role   string `json:"role"`
	UnitID *int   `json:"unit_id,omitempty"`
	Active bool   `json:"active"`
}

func memberJSON(m member.Member) MemberJSON {
	u := m.User
	out := MemberJSON{UserID: u.ID, Email: u.Email, FullName: u.FullName, Active: m.Active(), MustChangePassword: u.MustChangePassword,
		LockedUntil: u.LockedUntil, LastLoginAt: u.LastLoginAt, Memberships: []MembershipJSON{}}
	for _, ms := range m.Memberships {
		out.Memberships = append(out.Memberships, MembershipJSON{ID: ms.ID, Role: string(ms.Role), UnitID: ms.UnitID, Active: ms.Active})
	}
	return out
}

func (h *handler) apiUsers(c echo.Context) error {
	ms, err := h.members.List(c.Request().Context())
	if err != nil {
		return err
	}
	out := []MemberJSON{}
	for _, m := range ms {
		out = append(out, memberJSON(m))
	}
	return c.JSON(http.StatusOK, UsersJSON{Users: out})
}

// UsersJSON is the people of the province.
type UsersJSON struct {
	Users []MemberJSON `json:"users"`
}

func (h *handler) apiUser(c echo.Context) error {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return err
	}
	m, err := h.members.Get(c.Request().Context(), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, memberJSON(m))
}

// InvitationJSON is an invitation (its link only in the creation response).
type InvitationJSON struct {
	ID        int       `json:"id"`
	Email     string    `json:"email"`
	Role      string    `json:"role"`
	UnitID    *int      `json:"unit_id,omitempty"`
	ExpiresAt time.Time `json:"expires_at"`
	Link      string    `json:"link,omitempty"`
	Province  string    `json:"province,omitempty"`
	Existing  *bool     `json:"existing_user,omitempty"`
}

func (h *handler) apiInvitations(c echo.Context) error {
	invs, err := h.members.Invitations(c.Request().Context())
	if err != nil {
		return err
	}
	out := []InvitationJSON{}
	for _, i := range invs {
		out = append(out, InvitationJSON{ID: i.ID, Email: i.Email, Role: string(i.Role), ExpiresAt: i.ExpiresAt})
	}
	return c.JSON(http.StatusOK, InvitationsJSON{Invitations: out})
}

// InvitationsJSON is the province's open invitations.
type InvitationsJSON struct {
	Invitations []InvitationJSON `json:"invitations"`
}

type inviteRequest struct {
	Email  string `json:"email" maxLength:"254"`
	Role   string `json:"role" enum:"province_admin,committee_head,committee_member,standing_agency,unit_leader,unit_officer,readonly_leader"`
	UnitID *int   `json:"unit_id" required:"false" doc:"The unit, for the unit roles (unit_leader, unit_officer)"`
}

func (h *handler) apiInvite(c echo.Context) error {
	var in inviteRequest
	if err := httpapi.Bind(c, &in); err != nil {
		return err
	}
	token, inv, err := h.members.Invite(c.Request().Context(), in.Email, in.Role, httpapi.ZeroNil(in.UnitID))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, InvitationJSON{ID: inv.ID, Email: inv.Email, Role: string(inv.Role), UnitID: inv.UnitID,
		ExpiresAt: inv.ExpiresAt, Link: h.baseURL + "/invite/" + token})
}

func (h *handler) apiInvitationRevoke(c echo.Context) error {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return err
	}
	if err := h.members.RevokeInvitation(c.Request().Context(), id); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

func (h *handler) apiInvitation(c echo.Context) error {
	p, err := h.members.Lookup(c.Request().Context(), c.Param("token"))
	if err != nil {
		return err
	}
	existing := p.ExistingUser
	return c.JSON(http.StatusOK, InvitationJSON{ID: p.Invitation.ID, Email: p.Invitation.Email, Role: string(p.Invitation.Role),
		ExpiresAt: p.Invitation.ExpiresAt, Province: p.Tenant.Slug, Existing: &existing})
}

type acceptRequest struct {
	FullName string `json:"full_name" required:"false" maxLength:"200" doc:"A new account's name (ignored when the address already has an account)"`
	Password string `json:"password" required:"false" maxLength:"200" doc:"A new account's password, at least 10 characters"`
}

func (h *handler) apiInvitationAccept(c echo.Context) error {
	var in acceptRequest
	if err := httpapi.Bind(c, &in); err != nil {
		return err
	}
	ctx := c.Request().Context()
	u, err := h.members.Accept(ctx, c.Param("token"), in.FullName, in.Password)
	if err != nil {
		return err
	}
	token, err := h.accounts.OpenSession(ctx, u.ID)
	if err != nil {
		return err
	}
	csrf := httpapi.SetSession(c, token)
	return h.writeMe(c, u.ID, u.Email, u.FullName, u.PlatformAdmin, u.MustChangePassword, csrf)
}

type roleRequest struct {
	Role string `json:"role" enum:"province_admin,committee_head,committee_member,standing_agency,unit_leader,unit_officer,readonly_leader"`
}

func (h *handler) apiSetRole(c echo.Context) error {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return err
	}
	var in roleRequest
	if err := httpapi.Bind(c, &in); err != nil {
		return err
	}
	if err := h.members.SetRole(c.Request().Context(), id, in.Role); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

func (h *handler) apiDeactivate(c echo.Context) error {
	if err := h.setActive(c, false); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

func (h *handler) apiActivate(c echo.Context) error {
	if err := h.setActive(c, true); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

func (h *handler) apiResetPassword(c echo.Context) error {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return err
	}
	temp, err := h.members.ResetPassword(c.Request().Context(), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, ResetPasswordJSON{MustChangePassword: true, TemporaryPassword: temp})
}

// ResetPasswordJSON is a temporary password, shown once (fields in the order of their JSON names).
type ResetPasswordJSON struct {
	MustChangePassword bool   `json:"must_change_password"`
	TemporaryPassword  string `json:"temporary_password"`
}

func (h *handler) apiUserSessions(c echo.Context) error {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return err
	}
	ss, err := h.members.Sessions(c.Request().Context(), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, SessionsJSON{Sessions: sessionsJSON(ss, httpapi.SessionID(c))})
}

func (h *handler) apiUserSessionsRevoke(c echo.Context) error {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return err
	}
	n, err := h.members.RevokeSessions(c.Request().Context(), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, RevokedJSON{Revoked: n})
}
