package httpapi

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/ent/job"
	"github.com/danvan-vn/danvan/ent/plan"
	enttenant "github.com/danvan-vn/danvan/ent/tenant"
	"github.com/danvan-vn/danvan/internal/apperr"
	"github.com/danvan-vn/danvan/internal/tenant"
	"github.com/danvan-vn/danvan/internal/viewer"
	"github.com/danvan-vn/danvan/internal/web"
)

// page fills the common part of every page's view model.
func (s *Server) page(c echo.Context, title string) web.Page {
	p := web.Page{
		Lang:      langOf(c),
		Title:     title,
		RequestID: c.Response().Header().Get(echo.HeaderXRequestID),
		Path:      c.Request().URL.Path,
	}
	if tok, ok := c.Get("csrf").(string); ok {
		p.CSRF = tok
	}
	if v := viewer.FromContext(c.Request().Context()); v != nil {
		email, _ := c.Get("user_email").(string)
		p.User = &web.UserVM{Name: v.UserName, Email: email, PlatformAdmin: v.PlatformAdmin, Roles: v.Roles}
	}
	if t, ok := c.Get(ctxTenant).(*ent.Tenant); ok {
		p.Tenant = &web.TenantVM{Slug: t.Slug, Name: t.Name, Status: string(t.Status)}
	}
	return p
}

func (s *Server) html(c echo.Context, status int, name string, data any) error {
	c.Response().Header().Set(echo.HeaderContentType, echo.MIMETextHTMLCharsetUTF8)
	c.Response().WriteHeader(status)
	return s.render.Render(c.Response(), name, data)
}

// index sends a user where they work.
func (s *Server) index(c echo.Context) error {
	ctx := c.Request().Context()
	v := viewer.FromContext(ctx)
	if v == nil {
		return c.Redirect(http.StatusSeeOther, "/login")
	}
	if v.PlatformAdmin {
		return c.Redirect(http.StatusSeeOther, "/platform/tenants")
	}
	ms, err := s.app.Accounts.Memberships(ctx, v.UserID)
	if err != nil {
		return err
	}
	if len(ms) == 0 {
		return apperr.NotFound(nil)
	}
	return c.Redirect(http.StatusSeeOther, "/t/"+ms[0].Edges.Tenant.Slug+"/")
}

// safeNext keeps a post-login redirect on this site.
func safeNext(next string) string {
	if next == "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.Contains(next, "\\") {
		return "/"
	}
	if u, err := url.Parse(next); err != nil || u.Host != "" || u.Scheme != "" {
		return "/"
	}
	return next
}

func (s *Server) loginPage(c echo.Context) error {
	return s.html(c, http.StatusOK, "login", web.LoginPage{Page: s.page(c, "login.title"), Next: safeNext(c.QueryParam("next"))})
}

func (s *Server) loginSubmit(c echo.Context) error {
	email, next := c.FormValue("email"), safeNext(c.FormValue("next"))
	token, _, err := s.app.Accounts.Login(c.Request().Context(), email, c.FormValue("password"), c.RealIP(), c.Request().UserAgent())
	if err != nil {
		e, ok := apperr.As(err)
		if !ok || e.Kind != apperr.KindUnauthorized {
			return err
		}
		return s.html(c, http.StatusUnauthorized, "login", web.LoginPage{Page: s.page(c, "login.title"), Email: email, Next: next, Error: "error." + e.Code})
	}
	s.setSession(c, token)
	return c.Redirect(http.StatusSeeOther, next)
}

func (s *Server) logout(c echo.Context) error {
	if ck, err := c.Cookie(sessionCookie); err == nil {
		if err := s.app.Accounts.Logout(c.Request().Context(), ck.Value); err != nil {
			return err
		}
	}
	s.clearSession(c)
	return c.Redirect(http.StatusSeeOther, "/login")
}

// --- platform: provinces ---

func (s *Server) tenantRows(c echo.Context) ([]web.TenantRow, []web.PlanOption, error) {
	ctx := c.Request().Context()
	ts, err := s.app.Tenants.List(ctx)
	if err != nil {
		return nil, nil, err
	}
	rows := make([]web.TenantRow, 0, len(ts))
	for _, t := range ts {
		r := web.TenantRow{ID: t.ID, Slug: t.Slug, Name: t.Name, Status: string(t.Status), CreatedAt: t.CreatedAt}
		if t.Edges.Plan != nil {
			r.PlanName = t.Edges.Plan.Name
		}
		rows = append(rows, r)
	}
	plans, err := s.app.DB.Client.Plan.Query().Order(ent.Asc(plan.FieldID)).All(ctx)
	if err != nil {
		return nil, nil, err
	}
	opts := make([]web.PlanOption, 0, len(plans))
	for _, p := range plans {
		opts = append(opts, web.PlanOption{Code: p.Code, Name: p.Name})
	}
	return rows, opts, nil
}

func (s *Server) tenantsPage(c echo.Context) error {
	rows, plans, err := s.tenantRows(c)
	if err != nil {
		return err
	}
	p := web.TenantsPage{Page: s.page(c, "tenants.title"), Tenants: rows, Plans: plans}
	if c.QueryParam("created") != "" {
		p.Flash = "tenants.created"
	}
	return s.html(c, http.StatusOK, "tenants", p)
}

func (s *Server) tenantsCreate(c echo.Context) error {
	in := tenant.CreateInput{
		Slug: c.FormValue("slug"), Name: c.FormValue("name"), Plan: c.FormValue("plan"),
		AdminEmail: c.FormValue("admin_email"), AdminName: c.FormValue("admin_name"), AdminPassword: c.FormValue("admin_password"),
	}
	_, _, err := s.app.Tenants.Create(c.Request().Context(), in)
	if err == nil {
		return c.Redirect(http.StatusSeeOther, "/platform/tenants?created=1")
	}
	e, ok := apperr.As(err)
	if !ok || (e.Kind != apperr.KindInvalid && e.Kind != apperr.KindConflict) {
		return err
	}
	rows, plans, lerr := s.tenantRows(c)
	if lerr != nil {
		return lerr
	}
	fields := map[string]string{}
	for f, reason := range e.Fields {
		fields[f] = "field." + reason
	}
	if e.Kind == apperr.KindConflict {
		fields["slug"] = "error." + e.Code
	}
	return s.html(c, http.StatusUnprocessableEntity, "tenants", web.TenantsPage{
		Page: s.page(c, "tenants.title"), Tenants: rows, Plans: plans, Errors: fields,
		Form: web.TenantForm{Slug: in.Slug, Name: in.Name, Plan: in.Plan, AdminEmail: in.AdminEmail, AdminName: in.AdminName},
	})
}

func (s *Server) tenantsSuspend(c echo.Context) error {
	if _, err := s.app.Tenants.SetStatus(c.Request().Context(), c.Param("slug"), enttenant.StatusSuspended); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/platform/tenants")
}

// --- province ---

func (s *Server) recentJobs(c echo.Context) ([]*ent.Job, error) {
	return s.app.DB.Client.Job.Query().Order(ent.Desc(job.FieldID)).Limit(20).All(c.Request().Context())
}

func (s *Server) homePage(c echo.Context) error {
	ctx := c.Request().Context()
	js, err := s.recentJobs(c)
	if err != nil {
		return err
	}
	members, err := s.app.DB.Client.Membership.Query().Count(ctx)
	if err != nil {
		return err
	}
	p := web.HomePage{Page: s.page(c, "home.title"), Members: members}
	for _, j := range js {
		p.Jobs = append(p.Jobs, jobRow(j))
	}
	if objs, err := s.app.Store.List(ctx, viewer.FromContext(ctx).TenantSlug, ""); err == nil {
		p.StorageObjects = len(objs)
	}
	return s.html(c, http.StatusOK, "home", p)
}

func jobRow(j *ent.Job) web.JobRow {
	return web.JobRow{ID: j.ID, Type: j.Type, Status: string(j.Status), Progress: j.Progress, Attempts: j.Attempts,
		LastError: j.LastError, CreatedAt: j.CreatedAt}
}

// --- JSON API ---

type loginRequest struct {
	Email    string `json:"email"`
	Password string `json:"password"`
}

// UserJSON is the API's view of the logged-in user.
type UserJSON struct {
	ID            int            `json:"id"`
	Email         string         `json:"email"`
	FullName      string         `json:"full_name"`
	PlatformAdmin bool           `json:"platform_admin"`
	Provinces     []ProvinceRole `json:"provinces"`
}

// ProvinceRole is one membership.
type ProvinceRole struct {
	Slug string `json:"slug"`
	Name string `json:"name"`
	Role string `json:"role"`
}

func (s *Server) apiLogin(c echo.Context) error {
	var in loginRequest
	if err := c.Bind(&in); err != nil {
		return apperr.Invalid(map[string]string{"body": "json"})
	}
	token, u, err := s.app.Accounts.Login(c.Request().Context(), in.Email, in.Password, c.RealIP(), c.Request().UserAgent())
	if err != nil {
		return err
	}
	s.setSession(c, token)
	return s.writeMe(c, u.ID, u.Email, u.FullName, u.PlatformAdmin)
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
	email, _ := c.Get("user_email").(string)
	return s.writeMe(c, v.UserID, email, v.UserName, v.PlatformAdmin)
}

func (s *Server) writeMe(c echo.Context, id int, email, name string, admin bool) error {
	ms, err := s.app.Accounts.Memberships(c.Request().Context(), id)
	if err != nil {
		return err
	}
	out := UserJSON{ID: id, Email: email, FullName: name, PlatformAdmin: admin, Provinces: []ProvinceRole{}}
	for _, m := range ms {
		out.Provinces = append(out.Provinces, ProvinceRole{Slug: m.Edges.Tenant.Slug, Name: m.Edges.Tenant.Name, Role: string(m.Role)})
	}
	return c.JSON(http.StatusOK, out)
}

// TenantJSON is the API's view of a province.
type TenantJSON struct {
	ID        int               `json:"id"`
	Slug      string            `json:"slug"`
	Name      string            `json:"name"`
	Status    string            `json:"status"`
	Timezone  string            `json:"timezone"`
	Plan      string            `json:"plan,omitempty"`
	Settings  map[string]string `json:"settings,omitempty"`
	CreatedAt time.Time         `json:"created_at"`
}

func tenantJSON(t *ent.Tenant) TenantJSON {
	out := TenantJSON{ID: t.ID, Slug: t.Slug, Name: t.Name, Status: string(t.Status), Timezone: t.Timezone,
		Settings: t.Settings, CreatedAt: t.CreatedAt}
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
	if err := c.Bind(&in); err != nil {
		return apperr.Invalid(map[string]string{"body": "json"})
	}
	t, j, err := s.app.Tenants.Create(c.Request().Context(), tenant.CreateInput(in))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, map[string]any{"tenant": tenantJSON(t), "job": jobJSON(j)})
}

func (s *Server) apiTenantSuspend(c echo.Context) error {
	t, err := s.app.Tenants.SetStatus(c.Request().Context(), c.Param("slug"), enttenant.StatusSuspended)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, tenantJSON(t))
}

func (s *Server) apiProvince(c echo.Context) error {
	t := c.Get(ctxTenant).(*ent.Tenant)
	return c.JSON(http.StatusOK, tenantJSON(t))
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
	id, err := strconv.Atoi(c.Param("id"))
	if err != nil {
		return apperr.NotFound(err)
	}
	j, err := s.app.DB.Client.Job.Get(c.Request().Context(), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, jobJSON(j))
}
