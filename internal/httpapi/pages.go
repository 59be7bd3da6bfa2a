package httpapi

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

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
		Can:       s.can(c),
		Flash:     flashKey(c.QueryParam("done")),
	}
	if tok, ok := c.Get("csrf").(string); ok {
		p.CSRF = tok
	}
	if v := viewer.FromContext(c.Request().Context()); v != nil {
		p.User = &web.UserVM{Name: v.UserName, Email: v.UserEmail, PlatformAdmin: v.PlatformAdmin, Roles: v.Roles}
	}
	if t, ok := c.Get(ctxTenant).(*ent.Tenant); ok {
		p.Tenant = &web.TenantVM{Slug: t.Slug, Name: t.Name, Status: string(t.Status)}
	}
	return p
}

// flashes are the one-time notices a redirect may ask for with ?done=NAME.
var flashes = map[string]string{
	"created": "tenants.created", "token": "tokens.created", "password": "password.changed",
	"sessions": "sessions.revoked", "invited": "users.invited", "role": "users.role_changed",
	"deactivated": "users.deactivated", "activated": "users.activated", "grants": "grants.saved",
	"invitation_revoked": "invitation.revoked", "token_revoked": "tokens.revoked",
	"units_created": "units.created", "units_changed": "units.changed", "units_dissolved": "units.dissolved",
	"units_merged": "units.merged", "committees_created": "committees.created", "committees_saved": "committees.saved",
	"members_added": "members.added", "members_ended": "members.ended", "assignments_saved": "assignments.saved",
	"decision_uploaded": "decision.uploaded", "regimes_saved": "regimes.saved", "regimes_deleted": "regimes.deleted",
	"calendar_saved": "calendar.saved", "settings_saved": "settings.saved", "plans": "plans.saved",
}

func flashKey(done string) string { return flashes[done] }

func (s *Server) html(c echo.Context, status int, name string, data any) error {
	c.Response().Header().Set(echo.HeaderContentType, echo.MIMETextHTMLCharsetUTF8)
	c.Response().Header().Set("Cache-Control", "no-store")
	c.Response().WriteHeader(status)
	return s.render.Render(c.Response(), name, data)
}

// fieldKeys turns a domain error's field reasons into message keys for a form.
func fieldKeys(err error) (map[string]string, bool) {
	e, ok := apperr.As(err)
	if !ok || (e.Kind != apperr.KindInvalid && e.Kind != apperr.KindConflict) {
		return nil, false
	}
	out := map[string]string{}
	for f, reason := range e.Fields {
		out[f] = "field." + reason
	}
	if e.Kind == apperr.KindConflict {
		out["_"] = "error." + e.Code
	}
	return out, true
}

func idParam(c echo.Context) (int, error) {
	id, err := strconv.Atoi(c.Param("id"))
	if err != nil || id <= 0 {
		return 0, apperr.NotFound(err)
	}
	return id, nil
}

// provinceURL is a path inside the current province.
func provinceURL(c echo.Context, rest string) string {
	return "/t/" + c.Get(ctxTenant).(*ent.Tenant).Slug + rest
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
		return c.Redirect(http.StatusSeeOther, "/profile")
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
	token, _, err := s.app.Accounts.Login(c.Request().Context(), email, c.FormValue("password"))
	if err != nil {
		e, ok := apperr.As(err)
		if !ok || (e.Kind != apperr.KindUnauthorized && e.Kind != apperr.KindThrottled) {
			return err
		}
		status := http.StatusUnauthorized
		if e.Kind == apperr.KindThrottled {
			status = http.StatusTooManyRequests
		}
		return s.html(c, status, "login", web.LoginPage{Page: s.page(c, "login.title"), Email: email, Next: next, Error: "error." + e.Code})
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
	return s.html(c, http.StatusOK, "tenants", web.TenantsPage{Page: s.page(c, "tenants.title"), Tenants: rows, Plans: plans})
}

func (s *Server) tenantsCreate(c echo.Context) error {
	in := tenant.CreateInput{
		Slug: c.FormValue("slug"), Name: c.FormValue("name"), Plan: c.FormValue("plan"),
		AdminEmail: c.FormValue("admin_email"), AdminName: c.FormValue("admin_name"), AdminPassword: c.FormValue("admin_password"),
	}
	_, _, err := s.app.Tenants.Create(c.Request().Context(), in)
	if err == nil {
		return c.Redirect(http.StatusSeeOther, "/platform/tenants?done=created")
	}
	fields, ok := fieldKeys(err)
	if !ok {
		return err
	}
	if msg, conflict := fields["_"]; conflict {
		fields["slug"] = msg
	}
	rows, plans, lerr := s.tenantRows(c)
	if lerr != nil {
		return lerr
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

func (s *Server) tenantsActivate(c echo.Context) error {
	if _, err := s.app.Tenants.SetStatus(c.Request().Context(), c.Param("slug"), enttenant.StatusActive); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/platform/tenants")
}

// --- province home ---

func (s *Server) recentJobs(c echo.Context) ([]*ent.Job, error) {
	return s.app.DB.Client.Job.Query().Order(ent.Desc(job.FieldID)).Limit(20).All(c.Request().Context())
}

func (s *Server) homePage(c echo.Context) error {
	ctx := c.Request().Context()
	p := web.HomePage{Page: s.page(c, "home.title")}
	if p.Can["job:read"] {
		js, err := s.recentJobs(c)
		if err != nil {
			return err
		}
		for _, j := range js {
			p.Jobs = append(p.Jobs, jobRow(j))
		}
	}
	members, err := s.app.DB.Client.Membership.Query().Count(ctx)
	if err != nil {
		return err
	}
	p.Members = members
	if p.Can["usage:read"] {
		u, err := s.app.Quota.Usage(ctx) // lists the bucket once, for the bars and the count
		if err != nil {
			return err
		}
		p.Usage = &web.UsageVM{Plan: u.Plan, Units: u.Units, MaxUnits: u.MaxUnits, Users: u.Users, MaxUsers: u.MaxUsers,
			StorageBytes: u.StorageBytes, MaxStorageBytes: u.MaxStorageBytes, Reports: u.ReportsThisMonth, MaxReports: u.MaxReportsMonth}
		p.StorageObjects = u.Objects
	} else if objs, err := s.app.Store.List(ctx, viewer.FromContext(ctx).TenantSlug, ""); err == nil {
		p.StorageObjects = len(objs)
	}
	return s.html(c, http.StatusOK, "home", p)
}

func jobRow(j *ent.Job) web.JobRow {
	return web.JobRow{ID: j.ID, Type: j.Type, Status: string(j.Status), Progress: j.Progress, Attempts: j.Attempts,
		LastError: j.LastError, CreatedAt: j.CreatedAt}
}

// --- platform: plans ---

func (s *Server) plansPage(c echo.Context) error {
	return s.renderPlans(c, http.StatusOK, nil)
}

func (s *Server) renderPlans(c echo.Context, status int, errs map[string]string) error {
	ctx := c.Request().Context()
	ps, err := s.app.Tenants.Plans(ctx)
	if err != nil {
		return err
	}
	rows, _, err := s.tenantRows(c)
	if err != nil {
		return err
	}
	p := web.PlansPage{Page: s.page(c, "plans.title"), Modules: tenant.Modules, Tenants: rows, Errors: errs}
	for _, x := range ps {
		p.Plans = append(p.Plans, web.PlanRow{Code: x.Code, Name: x.Name, MaxUnits: x.MaxUnits, MaxUsers: x.MaxUsers,
			MaxStorageGB: x.MaxStorageBytes >> 30, MaxReports: x.MaxReportGenerationsMonth, Modules: x.Modules})
	}
	return s.html(c, status, "plans", p)
}

func (s *Server) plansSave(c echo.Context) error {
	num := func(k string) int64 {
		n, err := strconv.ParseInt(strings.TrimSpace(c.FormValue(k)), 10, 64)
		if err != nil {
			return -1 // refused by the service as invalid
		}
		return n
	}
	params, _ := c.FormParams()
	_, err := s.app.Tenants.SetPlan(c.Request().Context(), c.Param("code"), tenant.PlanInput{Name: c.FormValue("name"),
		MaxUnits: int(num("max_units")), MaxUsers: int(num("max_users")), MaxStorageBytes: num("max_storage_gb") << 30,
		MaxReportGenerationsMonth: int(num("max_report_generations_month")), Modules: params["modules"]})
	return s.plansResult(c, err)
}

func (s *Server) plansAssign(c echo.Context) error {
	_, err := s.app.Tenants.AssignPlan(c.Request().Context(), c.FormValue("slug"), c.FormValue("plan"))
	return s.plansResult(c, err)
}

func (s *Server) plansResult(c echo.Context, err error) error {
	if err == nil {
		return c.Redirect(http.StatusSeeOther, "/platform/plans?done=plans")
	}
	fields, ok := fieldKeys(err)
	if !ok {
		return err
	}
	if _, conflict := fields["_"]; !conflict {
		fields["_"] = "error.invalid"
	}
	return s.renderPlans(c, http.StatusUnprocessableEntity, fields)
}
