package httpapi

import (
	"encoding/json"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/danvan-vn/danvan/ent"
	enttenant "github.com/danvan-vn/danvan/ent/tenant"
	"github.com/danvan-vn/danvan/internal/apperr"
	"github.com/danvan-vn/danvan/internal/audit"
	"github.com/danvan-vn/danvan/internal/authz"
	"github.com/danvan-vn/danvan/internal/member"
	"github.com/danvan-vn/danvan/internal/tenant"
	"github.com/danvan-vn/danvan/internal/viewer"
)

func bind(c echo.Context, v any) error {
	if err := c.Bind(v); err != nil {
		return apperr.Invalid(map[string]string{"body": "json"})
	}
	return nil
}

// --- session ---

type loginRequest struct {
	Email    string `json:"email"`
	Password string `json:"password"`
}

// UserJSON is the API's view of the logged-in user.
type UserJSON struct {
	ID                 int            `json:"id"`
	Email              string         `json:"email"`
	FullName           string         `json:"full_name"`
	PlatformAdmin      bool           `json:"platform_admin"`
	MustChangePassword bool           `json:"must_change_password"`
	Provinces          []ProvinceRole `json:"provinces"`
}

// ProvinceRole is one membership.
type ProvinceRole struct {
	Slug string `json:"slug"`
	Name string `json:"name"`
	Role string `json:"role"`
}

func (s *Server) apiLogin(c echo.Context) error {
	var in loginRequest
	if err := bind(c, &in); err != nil {
		return err
	}
	token, u, err := s.app.Accounts.Login(c.Request().Context(), in.Email, in.Password)
	if err != nil {
		return err
	}
	s.setSession(c, token)
	return s.writeMe(c, u.ID, u.Email, u.FullName, u.PlatformAdmin, u.MustChangePassword)
}

func (s *Server) apiLogout(c echo.Context) error {
	if ck, err := c.Cookie(sessionCookie); err == nil {
		if err := s.app.Accounts.Logout(c.Request().Context(), ck.Value); err != nil {
			return err
		}
	}
	s.clearSession(c)
	return c.NoContent(http.StatusNoContent)
}

func (s *Server) apiMe(c echo.Context) error {
	v := viewer.FromContext(c.Request().Context())
	must, _ := c.Get(ctxMustChange).(bool)
	return s.writeMe(c, v.UserID, v.UserEmail, v.UserName, v.PlatformAdmin, must)
}

func (s *Server) writeMe(c echo.Context, id int, email, name string, admin, must bool) error {
	ms, err := s.app.Accounts.Memberships(c.Request().Context(), id)
	if err != nil {
		return err
	}
	out := UserJSON{ID: id, Email: email, FullName: name, PlatformAdmin: admin, MustChangePassword: must, Provinces: []ProvinceRole{}}
	v := viewer.FromContext(c.Request().Context())
	for _, m := range ms {
		if v != nil && v.TokenTenantID != 0 && m.TenantID != v.TokenTenantID {
			continue // a token shows only its own province
		}
		out.Provinces = append(out.Provinces, ProvinceRole{Slug: m.Edges.Tenant.Slug, Name: m.Edges.Tenant.Name, Role: string(m.Role)})
	}
	return c.JSON(http.StatusOK, out)
}

type passwordRequest struct {
	Current string `json:"current_password"`
	New     string `json:"new_password"`
}

func (s *Server) apiPassword(c echo.Context) error {
	var in passwordRequest
	if err := bind(c, &in); err != nil {
		return err
	}
	v := viewer.FromContext(c.Request().Context())
	if err := s.app.Accounts.ChangePassword(c.Request().Context(), v.UserID, sessionID(c), in.Current, in.New); err != nil {
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

func (s *Server) apiMySessions(c echo.Context) error {
	v := viewer.FromContext(c.Request().Context())
	ss, err := s.app.Accounts.Sessions(c.Request().Context(), v.UserID)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"sessions": sessionsJSON(ss, sessionID(c))})
}

func (s *Server) apiRevokeOthers(c echo.Context) error {
	v := viewer.FromContext(c.Request().Context())
	n, err := s.app.Accounts.RevokeSessions(c.Request().Context(), v.UserID, sessionID(c))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]int{"revoked": n})
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

func (s *Server) apiMyTokens(c echo.Context) error {
	ts, err := s.app.Accounts.MyTokens(c.Request().Context())
	if err != nil {
		return err
	}
	out := []TokenJSON{}
	for _, t := range ts {
		out = append(out, tokenJSON(t))
	}
	return c.JSON(http.StatusOK, map[string]any{"tokens": out})
}

type tokenRequest struct {
	Province string `json:"province"`
	Name     string `json:"name"`
	Days     int    `json:"days"`
}

func (s *Server) apiTokenCreate(c echo.Context) error {
	var in tokenRequest
	if err := bind(c, &in); err != nil {
		return err
	}
	ctx, err := s.inProvince(c.Request().Context(), in.Province)
	if err != nil {
		return err
	}
	plain, t, err := s.app.Accounts.CreateToken(ctx, in.Name, in.Days)
	if err != nil {
		return err
	}
	out := tokenJSON(t)
	out.Token, out.Province = plain, in.Province
	return c.JSON(http.StatusCreated, out)
}

func (s *Server) apiTokenRevoke(c echo.Context) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	if err := s.app.Accounts.RevokeMyToken(c.Request().Context(), id); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// --- platform ---

// TenantJSON is the API's view of a province.
type TenantJSON struct {
	ID           int               `json:"id"`
	Slug         string            `json:"slug"`
	Name         string            `json:"name"`
	Status       string            `json:"status"`
	Timezone     string            `json:"timezone"`
	Plan         string            `json:"plan,omitempty"`
	Settings     map[string]string `json:"settings,omitempty"`
	GrantCeiling []string          `json:"grant_ceiling,omitempty"`
	CreatedAt    time.Time         `json:"created_at"`
}

func tenantJSON(t *ent.Tenant) TenantJSON {
	out := TenantJSON{ID: t.ID, Slug: t.Slug, Name: t.Name, Status: string(t.Status), Timezone: t.Timezone,
		Settings: t.Settings, GrantCeiling: t.GrantCeiling, CreatedAt: t.CreatedAt}
	if t.Edges.Plan != nil {
		out.Plan = t.Edges.Plan.Code
	}
	return out
}

// JobJSON is the API's view of a background job.
type JobJSON struct {
	ID         int        `json:"id"`
	Type       string     `json:"type"`
	Status     string     `json:"status"`
	Progress   int        `json:"progress"`
	Attempts   int        `json:"attempts"`
	LastError  string     `json:"last_error,omitempty"`
	CreatedAt  time.Time  `json:"created_at"`
	FinishedAt *time.Time `json:"finished_at,omitempty"`
}

func jobJSON(j *ent.Job) JobJSON {
	return JobJSON{ID: j.ID, Type: j.Type, Status: string(j.Status), Progress: j.Progress, Attempts: j.Attempts,
		LastError: j.LastError, CreatedAt: j.CreatedAt, FinishedAt: j.FinishedAt}
}

func (s *Server) apiTenants(c echo.Context) error {
	ts, err := s.app.Tenants.List(c.Request().Context())
	if err != nil {
		return err
	}
	out := make([]TenantJSON, 0, len(ts))
	for _, t := range ts {
		out = append(out, tenantJSON(t))
	}
	return c.JSON(http.StatusOK, map[string]any{"tenants": out})
}

type tenantCreateRequest struct {
	Slug          string `json:"slug"`
	Name          string `json:"name"`
	Plan          string `json:"plan"`
	AdminEmail    string `json:"admin_email"`
	AdminName     string `json:"admin_name"`
	AdminPassword string `json:"admin_password"`
}

func (s *Server) apiTenantCreate(c echo.Context) error {
	var in tenantCreateRequest
	if err := bind(c, &in); err != nil {
		return err
	}
	t, j, err := s.app.Tenants.Create(c.Request().Context(), tenant.CreateInput(in))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, map[string]any{"tenant": tenantJSON(t), "job": jobJSON(j)})
}

func (s *Server) apiTenantStatus(c echo.Context, st enttenant.Status) error {
	t, err := s.app.Tenants.SetStatus(c.Request().Context(), c.Param("slug"), st)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, tenantJSON(t))
}

func (s *Server) apiTenantSuspend(c echo.Context) error {
	return s.apiTenantStatus(c, enttenant.StatusSuspended)
}

func (s *Server) apiTenantActivate(c echo.Context) error {
	return s.apiTenantStatus(c, enttenant.StatusActive)
}

type ceilingRequest struct {
	Grants []string `json:"grants"` // "role:object:action"
}

func (s *Server) apiTenantCeiling(c echo.Context) error {
	var in ceilingRequest
	if err := bind(c, &in); err != nil {
		return err
	}
	ctx := c.Request().Context()
	t, err := s.app.Tenants.BySlug(ctx, c.Param("slug"))
	if err != nil {
		return err
	}
	if err := s.app.Grants.SetCeiling(ctx, t, in.Grants); err != nil {
		return err
	}
	t, err = s.app.Tenants.BySlug(ctx, t.Slug)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, tenantJSON(t))
}

// --- province ---

func (s *Server) apiProvince(c echo.Context) error {
	return c.JSON(http.StatusOK, tenantJSON(c.Get(ctxTenant).(*ent.Tenant)))
}

func (s *Server) apiJobs(c echo.Context) error {
	js, err := s.recentJobs(c)
	if err != nil {
		return err
	}
	out := make([]JobJSON, 0, len(js))
	for _, j := range js {
		out = append(out, jobJSON(j))
	}
	return c.JSON(http.StatusOK, map[string]any{"jobs": out})
}

func (s *Server) apiJob(c echo.Context) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	j, err := s.app.DB.Client.Job.Get(c.Request().Context(), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, jobJSON(j))
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

func (s *Server) apiUsers(c echo.Context) error {
	ms, err := s.app.Members.List(c.Request().Context())
	if err != nil {
		return err
	}
	out := []MemberJSON{}
	for _, m := range ms {
		out = append(out, memberJSON(m))
	}
	return c.JSON(http.StatusOK, map[string]any{"users": out})
}

func (s *Server) apiUser(c echo.Context) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	m, err := s.app.Members.Get(c.Request().Context(), id)
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

func (s *Server) apiInvitations(c echo.Context) error {
	invs, err := s.app.Members.Invitations(c.Request().Context())
	if err != nil {
		return err
	}
	out := []InvitationJSON{}
	for _, i := range invs {
		out = append(out, InvitationJSON{ID: i.ID, Email: i.Email, Role: string(i.Role), ExpiresAt: i.ExpiresAt})
	}
	return c.JSON(http.StatusOK, map[string]any{"invitations": out})
}

type inviteRequest struct {
	Email  string `json:"email"`
	Role   string `json:"role"`
	UnitID *int   `json:"unit_id"`
}

func (s *Server) apiInvite(c echo.Context) error {
	var in inviteRequest
	if err := bind(c, &in); err != nil {
		return err
	}
	token, inv, err := s.app.Members.Invite(c.Request().Context(), in.Email, in.Role, zeroNil(in.UnitID))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, InvitationJSON{ID: inv.ID, Email: inv.Email, Role: string(inv.Role), UnitID: inv.UnitID,
		ExpiresAt: inv.ExpiresAt, Link: s.app.Cfg.BaseURL + "/invite/" + token})
}

func (s *Server) apiInvitationRevoke(c echo.Context) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	if err := s.app.Members.RevokeInvitation(c.Request().Context(), id); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

func (s *Server) apiInvitation(c echo.Context) error {
	p, err := s.app.Members.Lookup(c.Request().Context(), c.Param("token"))
	if err != nil {
		return err
	}
	existing := p.ExistingUser
	return c.JSON(http.StatusOK, InvitationJSON{ID: p.Invitation.ID, Email: p.Invitation.Email, Role: string(p.Invitation.Role),
		ExpiresAt: p.Invitation.ExpiresAt, Province: p.Tenant.Slug, Existing: &existing})
}

type acceptRequest struct {
	FullName string `json:"full_name"`
	Password string `json:"password"`
}

func (s *Server) apiInvitationAccept(c echo.Context) error {
	var in acceptRequest
	if err := bind(c, &in); err != nil {
		return err
	}
	ctx := c.Request().Context()
	u, err := s.app.Members.Accept(ctx, c.Param("token"), in.FullName, in.Password)
	if err != nil {
		return err
	}
	token, err := s.app.Accounts.OpenSession(ctx, u.ID)
	if err != nil {
		return err
	}
	s.setSession(c, token)
	return s.writeMe(c, u.ID, u.Email, u.FullName, u.PlatformAdmin, u.MustChangePassword)
}

type roleRequest struct {
	Role string `json:"role"`
}

func (s *Server) apiSetRole(c echo.Context) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	var in roleRequest
	if err := bind(c, &in); err != nil {
		return err
	}
	if err := s.app.Members.SetRole(c.Request().Context(), id, in.Role); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

func (s *Server) apiDeactivate(c echo.Context) error {
	if err := s.setActive(c, false); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

func (s *Server) apiActivate(c echo.Context) error {
	if err := s.setActive(c, true); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

func (s *Server) apiResetPassword(c echo.Context) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	temp, err := s.app.Members.ResetPassword(c.Request().Context(), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"temporary_password": temp, "must_change_password": true})
}

func (s *Server) apiUserSessions(c echo.Context) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	ss, err := s.app.Members.Sessions(c.Request().Context(), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"sessions": sessionsJSON(ss, sessionID(c))})
}

func (s *Server) apiUserSessionsRevoke(c echo.Context) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	n, err := s.app.Members.RevokeSessions(c.Request().Context(), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]int{"revoked": n})
}

// GrantJSON is one role × permission cell.
type GrantJSON struct {
	Role      string `json:"role"`
	Object    string `json:"object"`
	Action    string `json:"action"`
	Default   bool   `json:"default"`
	Override  string `json:"override,omitempty"`
	Effective bool   `json:"effective"`
	Editable  bool   `json:"editable"`
}

func (s *Server) apiGrants(c echo.Context) error {
	cells, err := s.app.Grants.Matrix(c.Request().Context(), c.Get(ctxTenant).(*ent.Tenant))
	if err != nil {
		return err
	}
	out := []GrantJSON{}
	for _, g := range cells {
		out = append(out, GrantJSON{Role: g.Role, Object: g.Perm.Object, Action: g.Perm.Action, Default: g.Default,
			Override: g.Override, Effective: g.Effective, Editable: g.Editable})
	}
	return c.JSON(http.StatusOK, map[string]any{"grants": out})
}

type grantRequest struct {
	Role   string `json:"role"`
	Object string `json:"object"`
	Action string `json:"action"`
	State  string `json:"state"` // default, allow, deny
}

func (s *Server) apiGrantSet(c echo.Context) error {
	var in grantRequest
	if err := bind(c, &in); err != nil {
		return err
	}
	t := c.Get(ctxTenant).(*ent.Tenant)
	if err := s.app.Grants.Set(c.Request().Context(), t, in.Role, authz.Permission{Object: in.Object, Action: in.Action}, in.State); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// AuditJSON is one audit record.
type AuditJSON struct {
	ID         int               `json:"id"`
	At         time.Time         `json:"at"`
	UserID     *int              `json:"user_id,omitempty"`
	Actor      string            `json:"actor"`
	Action     string            `json:"action"`
	EntityType string            `json:"entity_type,omitempty"`
	EntityID   *int              `json:"entity_id,omitempty"`
	Subject    string            `json:"subject,omitempty"`
	Changes    map[string]change `json:"changes,omitempty"`
	IP         string            `json:"ip,omitempty"`
	UserAgent  string            `json:"user_agent,omitempty"`
	RequestID  string            `json:"request_id,omitempty"`
}

type change struct {
	Before any `json:"before"`
	After  any `json:"after"`
}

func (s *Server) apiAudit(c echo.Context) error {
	f, err := audit.ParseFilter(c.QueryParam)
	if err != nil {
		return err
	}
	page, _ := strconv.Atoi(c.QueryParam("page"))
	rows, more, err := audit.List(c.Request().Context(), s.app.DB.Client, f, page)
	if err != nil {
		return err
	}
	out := []AuditJSON{}
	for _, r := range rows {
		a := AuditJSON{ID: r.ID, At: r.CreatedAt, UserID: r.UserID, Actor: r.Actor, Action: r.Action, EntityType: r.EntityType,
			EntityID: r.EntityID, Subject: r.Subject, IP: r.IP, UserAgent: r.UserAgent, RequestID: r.RequestID}
		if len(r.Changes) > 0 {
			a.Changes = map[string]change{}
			for k, ch := range r.Changes {
				a.Changes[k] = change{Before: ch.Before, After: ch.After}
			}
		}
		out = append(out, a)
	}
	return c.JSON(http.StatusOK, map[string]any{"records": out, "page": max(page, 1), "has_next": more})
}

// PlanJSON is a SaaS plan.
type PlanJSON struct {
	Code                      string   `json:"code"`
	Name                      string   `json:"name"`
	MaxUnits                  int      `json:"max_units"`
	MaxUsers                  int      `json:"max_users"`
	MaxStorageBytes           int64    `json:"max_storage_bytes"`
	MaxReportGenerationsMonth int      `json:"max_report_generations_month"`
	Modules                   []string `json:"modules"`
}

func planJSON(p *ent.Plan) PlanJSON {
	out := PlanJSON{Code: p.Code, Name: p.Name, MaxUnits: p.MaxUnits, MaxUsers: p.MaxUsers, MaxStorageBytes: p.MaxStorageBytes,
		MaxReportGenerationsMonth: p.MaxReportGenerationsMonth, Modules: p.Modules}
	if out.Modules == nil {
		out.Modules = []string{}
	}
	return out
}

func (s *Server) apiPlans(c echo.Context) error {
	ps, err := s.app.Tenants.Plans(c.Request().Context())
	if err != nil {
		return err
	}
	out := []PlanJSON{}
	for _, p := range ps {
		out = append(out, planJSON(p))
	}
	return c.JSON(http.StatusOK, map[string]any{"plans": out, "modules": tenant.Modules})
}

func (s *Server) apiPlanSet(c echo.Context) error {
	var in PlanJSON
	if err := json.NewDecoder(c.Request().Body).Decode(&in); err != nil {
		return apperr.Invalid(map[string]string{"body": "json"})
	}
	p, err := s.app.Tenants.SetPlan(c.Request().Context(), c.Param("code"), tenant.PlanInput{Name: in.Name, MaxUnits: in.MaxUnits,
		MaxUsers: in.MaxUsers, MaxStorageBytes: in.MaxStorageBytes, MaxReportGenerationsMonth: in.MaxReportGenerationsMonth, Modules: in.Modules})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, planJSON(p))
}

func (s *Server) apiTenantPlan(c echo.Context) error {
	var in struct {
		Plan string `json:"plan"`
	}
	if err := bind(c, &in); err != nil {
		return err
	}
	t, err := s.app.Tenants.AssignPlan(c.Request().Context(), c.Param("slug"), in.Plan)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, tenantJSON(t))
}
