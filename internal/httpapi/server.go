// Package httpapi is danvan's HTTP layer: the echo router, middleware (request id, structured
// logs, recovery, limits, sessions, the province from the URL, CSRF, security headers), the JSON
// API under /api/v1 and the server-rendered pages, and the one place errors become responses.
//
// URL scheme: platform pages under /platform, a province's pages under /t/{slug}/, the API under
// /api/v1 (platform) and /api/v1/t/{slug}/ (province). The province comes from the URL only.
package httpapi

import (
	"context"
	"io/fs"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo-contrib/echoprometheus"
	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/danvan-vn/danvan/internal/app"
	"github.com/danvan-vn/danvan/internal/authz"
	"github.com/danvan-vn/danvan/internal/config"
	"github.com/danvan-vn/danvan/internal/jobs"
	"github.com/danvan-vn/danvan/internal/web"
	webassets "github.com/danvan-vn/danvan/web"
)

// Server is the HTTP side of a running app.
type Server struct {
	app    *app.App
	log    *slog.Logger
	i18n   *web.I18n
	render *web.Renderer
	echo   *echo.Echo
	secure bool // served over TLS: Secure cookies
	decls  []Route
}

// New builds the router.
func New(a *app.App) (*Server, error) {
	i, err := web.LoadI18n(webassets.FS)
	if err != nil {
		return nil, err
	}
	r, err := web.NewRenderer(webassets.FS, i)
	if err != nil {
		return nil, err
	}
	s := &Server{app: a, log: a.Log, i18n: i, render: r, secure: strings.HasPrefix(a.Cfg.BaseURL, "https://")}
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.HTTPErrorHandler = s.errorHandler
	e.IPExtractor = echo.ExtractIPDirect()
	s.echo = e

	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	reg.MustRegister(jobs.Collectors()...)

	limit := a.Cfg.BodyLimit
	e.Use(
		middleware.RequestID(),
		s.requestMeta,
		s.logRequests,
		middleware.Recover(),
		echoprometheus.NewMiddlewareWithConfig(echoprometheus.MiddlewareConfig{Namespace: "danvan", Registerer: reg}),
		middleware.BodyLimit(limit),
		middleware.ContextTimeoutWithConfig(middleware.ContextTimeoutConfig{Timeout: a.Cfg.RequestTimeout}),
		middleware.GzipWithConfig(middleware.GzipConfig{Skipper: func(c echo.Context) bool {
			return c.Path() == "/metrics"
		}}),
		s.securityHeaders,
		s.language,
	)

	root := e.Group("")
	s.public(root, http.MethodGet, "/healthz", s.healthz)
	s.public(root, http.MethodGet, "/readyz", s.readyz)
	s.public(root, http.MethodGet, "/metrics", echoprometheus.NewHandlerWithConfig(echoprometheus.HandlerConfig{Gatherer: reg}))
	static, _ := fs.Sub(webassets.FS, "static")
	s.public(root, http.MethodGet, "/static/*", echo.StaticDirectoryHandler(static, false))

	// Everything below may change state: CSRF and the session apply.
	app := e.Group("", middleware.CSRFWithConfig(middleware.CSRFConfig{
		Skipper:        func(c echo.Context) bool { return bearer(c) != "" }, // tokens carry no cookie to forge
		TokenLookup:    "form:_csrf,header:X-CSRF-Token",
		CookieName:     "danvan_csrf",
		CookiePath:     "/",
		CookieHTTPOnly: true,
		CookieSecure:   s.secure,
		CookieSameSite: http.SameSiteLaxMode,
		CookieMaxAge:   int((12 * time.Hour).Seconds()),
	}), s.session)
	s.routes(app)
	return s, nil
}

// Handler returns the HTTP handler.
func (s *Server) Handler() http.Handler { return s.echo }

// Echo exposes the router (route table tests).
func (s *Server) Echo() *echo.Echo { return s.echo }

// Serve listens on the configured address until ctx ends, then shuts down gracefully: the
// listener closes and requests in flight get up to the shutdown timeout to finish.
func (s *Server) Serve(ctx context.Context, cfg *config.Config) error {
	srv := &http.Server{
		Addr:              cfg.HTTPAddr,
		Handler:           s.echo,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       cfg.RequestTimeout + 30*time.Second, // uploads
		WriteTimeout:      cfg.RequestTimeout + 30*time.Second,
		IdleTimeout:       2 * time.Minute,
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.ListenAndServe() }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout)
	defer cancel()
	s.log.Info("http: shutting down; waiting for requests in flight", "timeout", cfg.ShutdownTimeout.String())
	return srv.Shutdown(sctx)
}

// Permissions every route declares, where it is registered. One middleware enforces them
// (authorize); TestRoutes_AllDeclared fails when a route has neither a permission nor a place
// in the short public list.
var (
	permProvinceRead  = authz.Permission{Object: "province", Action: "read"}
	permJobRead       = authz.Permission{Object: "job", Action: "read"}
	permUserRead      = authz.Permission{Object: "user", Action: "read"}
	permUserInvite    = authz.Permission{Object: "user", Action: "invite"}
	permUserUpdate    = authz.Permission{Object: "user", Action: "update"}
	permUserReset     = authz.Permission{Object: "user", Action: "reset_password"}
	permSessionRead   = authz.Permission{Object: "session", Action: "read"}
	permSessionRevoke = authz.Permission{Object: "session", Action: "revoke"}
	permGrantRead     = authz.Permission{Object: "grant", Action: "read"}
	permGrantUpdate   = authz.Permission{Object: "grant", Action: "update"}
	permAuditRead     = authz.Permission{Object: "audit", Action: "read"}
	permAuditExport   = authz.Permission{Object: "audit", Action: "export"}
	permProfileRead   = authz.Permission{Object: "profile", Action: "read"}
	permProfileUpdate = authz.Permission{Object: "profile", Action: "update"}
	permTenantRead    = authz.Permission{Object: "tenant", Action: "read"}
	permTenantCreate  = authz.Permission{Object: "tenant", Action: "create"}
	permTenantUpdate  = authz.Permission{Object: "tenant", Action: "update"}
	permUnitRead      = authz.Permission{Object: "unit", Action: "read"}
	permUnitUpdate    = authz.Permission{Object: "unit", Action: "update"}
	permUnitImport    = authz.Permission{Object: "unit", Action: "import"}
	permCommRead      = authz.Permission{Object: "committee", Action: "read"}
	permCommUpdate    = authz.Permission{Object: "committee", Action: "update"}
	permRegimeRead    = authz.Permission{Object: "regime", Action: "read"}
	permRegimeUpdate  = authz.Permission{Object: "regime", Action: "update"}
	permSettingRead   = authz.Permission{Object: "setting", Action: "read"}
	permSettingUpdate = authz.Permission{Object: "setting", Action: "update"}
	permUsageRead     = authz.Permission{Object: "usage", Action: "read"}
)

// Route is a registered route's declaration.
type Route struct {
	Method, Path string
	Perm         authz.Permission
	Province     bool // under /t/{slug}: the domain is the province
	Public       bool
}

// Routes returns every declaration (the route table tests walk it against echo's).
func (s *Server) Routes() []Route { return s.decls }

// handle registers a route with its permission. Province routes live under a group that
// resolves /t/:slug first.
func (s *Server) handle(g *echo.Group, province bool, method, path string, h echo.HandlerFunc, p authz.Permission) {
	r := g.Add(method, path, h, s.authorize(p, province))
	s.decls = append(s.decls, Route{Method: method, Path: r.Path, Perm: p, Province: province})
}

// public registers a route anyone may call (login, health, invitations, static).
func (s *Server) public(g *echo.Group, method, path string, h echo.HandlerFunc) {
	r := g.Add(method, path, h)
	s.decls = append(s.decls, Route{Method: method, Path: r.Path, Public: true})
}

func (s *Server) routes(g *echo.Group) {
	// Public pages.
	s.public(g, http.MethodGet, "/", s.index)
	s.public(g, http.MethodGet, "/login", s.loginPage)
	s.public(g, http.MethodPost, "/login", s.loginSubmit)
	s.public(g, http.MethodPost, "/logout", s.logout)
	s.public(g, http.MethodGet, "/invite/:token", s.invitePage)
	s.public(g, http.MethodPost, "/invite/:token", s.inviteSubmit)

	// The user's own account.
	s.handle(g, false, http.MethodGet, "/profile", s.profilePage, permProfileRead)
	s.handle(g, false, http.MethodPost, "/profile/password", s.profilePassword, permProfileUpdate)
	s.handle(g, false, http.MethodPost, "/profile/sessions/revoke-others", s.profileRevokeOthers, permProfileUpdate)
	s.handle(g, false, http.MethodPost, "/profile/tokens", s.profileTokenCreate, permProfileUpdate)
	s.handle(g, false, http.MethodPost, "/profile/tokens/:id/revoke", s.profileTokenRevoke, permProfileUpdate)

	// Platform.
	plat := g.Group("/platform")
	s.handle(plat, false, http.MethodGet, "/tenants", s.tenantsPage, permTenantRead)
	s.handle(plat, false, http.MethodPost, "/tenants", s.tenantsCreate, permTenantCreate)
	s.handle(plat, false, http.MethodPost, "/tenants/:slug/suspend", s.tenantsSuspend, permTenantUpdate)
	s.handle(plat, false, http.MethodPost, "/tenants/:slug/activate", s.tenantsActivate, permTenantUpdate)
	s.handle(plat, false, http.MethodGet, "/plans", s.plansPage, permTenantRead)
	s.handle(plat, false, http.MethodPost, "/plans/assign", s.plansAssign, permTenantUpdate)
	s.handle(plat, false, http.MethodPost, "/plans/:code", s.plansSave, permTenantUpdate)

	// A province.
	prov := g.Group("/t/:slug", s.province)
	s.handle(prov, true, http.MethodGet, "", s.homePage, permProvinceRead)
	s.handle(prov, true, http.MethodGet, "/", s.homePage, permProvinceRead)
	s.handle(prov, true, http.MethodGet, "/users", s.usersPage, permUserRead)
	s.handle(prov, true, http.MethodPost, "/invitations", s.usersInvite, permUserInvite)
	s.handle(prov, true, http.MethodPost, "/invitations/:id/revoke", s.usersInvitationRevoke, permUserInvite)
	s.handle(prov, true, http.MethodPost, "/memberships/:id/role", s.usersSetRole, permUserUpdate)
	s.handle(prov, true, http.MethodPost, "/users/:id/deactivate", s.usersDeactivate, permUserUpdate)
	s.handle(prov, true, http.MethodPost, "/users/:id/activate", s.usersActivate, permUserUpdate)
	s.handle(prov, true, http.MethodPost, "/users/:id/reset-password", s.usersResetPassword, permUserReset)
	s.handle(prov, true, http.MethodGet, "/users/:id/sessions", s.userSessionsPage, permSessionRead)
	s.handle(prov, true, http.MethodPost, "/users/:id/sessions/revoke", s.userSessionsRevoke, permSessionRevoke)
	s.handle(prov, true, http.MethodGet, "/grants", s.grantsPage, permGrantRead)
	s.handle(prov, true, http.MethodPost, "/grants", s.grantsSet, permGrantUpdate)
	s.handle(prov, true, http.MethodGet, "/audit", s.auditPage, permAuditRead)
	s.handle(prov, true, http.MethodGet, "/audit/export", s.auditExport, permAuditExport)
	s.handle(prov, true, http.MethodGet, "/units", s.unitsPage, permUnitRead)
	s.handle(prov, true, http.MethodPost, "/units", s.unitsCreate, permUnitUpdate)
	s.handle(prov, true, http.MethodGet, "/units/import", s.importPage, permUnitImport)
	s.handle(prov, true, http.MethodPost, "/units/import", s.importSubmit, permUnitImport)
	s.handle(prov, true, http.MethodGet, "/units/import/template", s.unitTemplate, permUnitRead)
	s.handle(prov, true, http.MethodPost, "/units/merge", s.unitsMerge, permUnitUpdate)
	s.handle(prov, true, http.MethodGet, "/units/:id", s.unitPage, permUnitRead)
	s.handle(prov, true, http.MethodPost, "/units/:id/change", s.unitChange, permUnitUpdate)
	s.handle(prov, true, http.MethodPost, "/units/:id/dissolve", s.unitDissolve, permUnitUpdate)
	s.handle(prov, true, http.MethodGet, "/committees", s.committeesPage, permCommRead)
	s.handle(prov, true, http.MethodPost, "/committees", s.committeesCreate, permCommUpdate)
	s.handle(prov, true, http.MethodGet, "/committees/:id", s.committeePage, permCommRead)
	s.handle(prov, true, http.MethodPost, "/committees/:id", s.committeeUpdate, permCommUpdate)
	s.handle(prov, true, http.MethodPost, "/committees/:id/members", s.committeeMemberAdd, permCommUpdate)
	s.handle(prov, true, http.MethodPost, "/committees/:id/members/:mid/end", s.committeeMemberEnd, permCommUpdate)
	s.handle(prov, true, http.MethodGet, "/committees/:id/orgchart.svg", s.orgChart, permCommRead)
	s.handle(prov, true, http.MethodPost, "/committees/:id/decision", s.committeeDecision, permCommUpdate)
	s.handle(prov, true, http.MethodGet, "/committees/:id/decision", s.decisionDownload, permCommRead)
	s.handle(prov, true, http.MethodGet, "/committees/:id/assignments", s.assignmentsPage, permCommRead)
	s.handle(prov, true, http.MethodPost, "/committees/:id/assignments", s.assignmentsSubmit, permCommUpdate)
	s.handle(prov, true, http.MethodGet, "/regimes", s.regimesPage, permRegimeRead)
	s.handle(prov, true, http.MethodGet, "/regimes/new", s.regimeEditor, permRegimeRead)
	s.handle(prov, true, http.MethodPost, "/regimes", s.regimeSubmit, permRegimeUpdate)
	s.handle(prov, true, http.MethodGet, "/regimes/:id", s.regimeEditor, permRegimeRead)
	s.handle(prov, true, http.MethodPost, "/regimes/:id", s.regimeSubmit, permRegimeUpdate)
	s.handle(prov, true, http.MethodPost, "/regimes/:id/delete", s.regimeDelete, permRegimeUpdate)
	s.handle(prov, true, http.MethodGet, "/calendar", s.calendarPage, permRegimeRead)
	s.handle(prov, true, http.MethodPost, "/calendar", s.calendarAdd, permRegimeUpdate)
	s.handle(prov, true, http.MethodPost, "/calendar/seed", s.calendarSeed, permRegimeUpdate)
	s.handle(prov, true, http.MethodPost, "/calendar/:id/delete", s.calendarDelete, permRegimeUpdate)
	s.handle(prov, true, http.MethodGet, "/settings", s.settingsPage, permSettingRead)
	s.handle(prov, true, http.MethodPost, "/settings", s.settingsSubmit, permSettingUpdate)

	// JSON API.
	api := g.Group("/api/v1")
	s.public(api, http.MethodPost, "/login", s.apiLogin)
	s.public(api, http.MethodPost, "/logout", s.apiLogout)
	s.public(api, http.MethodGet, "/invitations/:token", s.apiInvitation)
	s.public(api, http.MethodPost, "/invitations/:token/accept", s.apiInvitationAccept)
	s.handle(api, false, http.MethodGet, "/me", s.apiMe, permProfileRead)
	s.handle(api, false, http.MethodPost, "/me/password", s.apiPassword, permProfileUpdate)
	s.handle(api, false, http.MethodGet, "/me/sessions", s.apiMySessions, permProfileRead)
	s.handle(api, false, http.MethodPost, "/me/sessions/revoke-others", s.apiRevokeOthers, permProfileUpdate)
	s.handle(api, false, http.MethodGet, "/me/tokens", s.apiMyTokens, permProfileRead)
	s.handle(api, false, http.MethodPost, "/me/tokens", s.apiTokenCreate, permProfileUpdate)
	s.handle(api, false, http.MethodDelete, "/me/tokens/:id", s.apiTokenRevoke, permProfileUpdate)

	ap := api.Group("/platform")
	s.handle(ap, false, http.MethodGet, "/tenants", s.apiTenants, permTenantRead)
	s.handle(ap, false, http.MethodPost, "/tenants", s.apiTenantCreate, permTenantCreate)
	s.handle(ap, false, http.MethodPost, "/tenants/:slug/suspend", s.apiTenantSuspend, permTenantUpdate)
	s.handle(ap, false, http.MethodPost, "/tenants/:slug/activate", s.apiTenantActivate, permTenantUpdate)
	s.handle(ap, false, http.MethodPut, "/tenants/:slug/ceiling", s.apiTenantCeiling, permTenantUpdate)
	s.handle(ap, false, http.MethodPut, "/tenants/:slug/plan", s.apiTenantPlan, permTenantUpdate)
	s.handle(ap, false, http.MethodGet, "/plans", s.apiPlans, permTenantRead)
	s.handle(ap, false, http.MethodPut, "/plans/:code", s.apiPlanSet, permTenantUpdate)

	at := api.Group("/t/:slug", s.province)
	s.handle(at, true, http.MethodGet, "", s.apiProvince, permProvinceRead)
	s.handle(at, true, http.MethodGet, "/jobs", s.apiJobs, permJobRead)
	s.handle(at, true, http.MethodGet, "/jobs/:id", s.apiJob, permJobRead)
	s.handle(at, true, http.MethodGet, "/users", s.apiUsers, permUserRead)
	s.handle(at, true, http.MethodGet, "/users/:id", s.apiUser, permUserRead)
	s.handle(at, true, http.MethodGet, "/invitations", s.apiInvitations, permUserRead)
	s.handle(at, true, http.MethodPost, "/invitations", s.apiInvite, permUserInvite)
	s.handle(at, true, http.MethodDelete, "/invitations/:id", s.apiInvitationRevoke, permUserInvite)
	s.handle(at, true, http.MethodPut, "/memberships/:id", s.apiSetRole, permUserUpdate)
	s.handle(at, true, http.MethodPost, "/users/:id/deactivate", s.apiDeactivate, permUserUpdate)
	s.handle(at, true, http.MethodPost, "/users/:id/activate", s.apiActivate, permUserUpdate)
	s.handle(at, true, http.MethodPost, "/users/:id/reset-password", s.apiResetPassword, permUserReset)
	s.handle(at, true, http.MethodGet, "/users/:id/sessions", s.apiUserSessions, permSessionRead)
	s.handle(at, true, http.MethodPost, "/users/:id/sessions/revoke", s.apiUserSessionsRevoke, permSessionRevoke)
	s.handle(at, true, http.MethodGet, "/grants", s.apiGrants, permGrantRead)
	s.handle(at, true, http.MethodPut, "/grants", s.apiGrantSet, permGrantUpdate)
	s.handle(at, true, http.MethodGet, "/audit", s.apiAudit, permAuditRead)
	s.handle(at, true, http.MethodGet, "/audit/export", s.auditExport, permAuditExport)

	// Province configuration.
	s.handle(at, true, http.MethodGet, "/units", s.apiUnits, permUnitRead)
	s.handle(at, true, http.MethodPost, "/units", s.apiUnitCreate, permUnitUpdate)
	s.handle(at, true, http.MethodGet, "/units/import/template", s.unitTemplate, permUnitRead)
	s.handle(at, true, http.MethodPost, "/units/import", s.apiUnitImport, permUnitImport)
	s.handle(at, true, http.MethodPost, "/units/merge", s.apiUnitMerge, permUnitUpdate)
	s.handle(at, true, http.MethodGet, "/units/:id", s.apiUnit, permUnitRead)
	s.handle(at, true, http.MethodPost, "/units/:id/change", s.apiUnitChange, permUnitUpdate)
	s.handle(at, true, http.MethodPost, "/units/:id/dissolve", s.apiUnitDissolve, permUnitUpdate)
	s.handle(at, true, http.MethodGet, "/committees", s.apiCommittees, permCommRead)
	s.handle(at, true, http.MethodPost, "/committees", s.apiCommitteeCreate, permCommUpdate)
	s.handle(at, true, http.MethodGet, "/committees/:id", s.apiCommittee, permCommRead)
	s.handle(at, true, http.MethodPut, "/committees/:id", s.apiCommitteeUpdate, permCommUpdate)
	s.handle(at, true, http.MethodGet, "/committees/:id/members", s.apiCommitteeMembers, permCommRead)
	s.handle(at, true, http.MethodPost, "/committees/:id/members", s.apiCommitteeMemberAdd, permCommUpdate)
	s.handle(at, true, http.MethodPost, "/committees/:id/members/:mid/end", s.apiCommitteeMemberEnd, permCommUpdate)
	s.handle(at, true, http.MethodGet, "/committees/:id/assignments", s.apiAssignments, permCommRead)
	s.handle(at, true, http.MethodPost, "/committees/:id/assignments", s.apiAssign, permCommUpdate)
	s.handle(at, true, http.MethodGet, "/committees/:id/orgchart.svg", s.orgChart, permCommRead)
	s.handle(at, true, http.MethodPost, "/committees/:id/decision", s.apiDecisionUpload, permCommUpdate)
	s.handle(at, true, http.MethodGet, "/committees/:id/decision", s.decisionDownload, permCommRead)
	s.handle(at, true, http.MethodGet, "/regimes", s.apiRegimes, permRegimeRead)
	s.handle(at, true, http.MethodPost, "/regimes", s.apiRegimeCreate, permRegimeUpdate)
	s.handle(at, true, http.MethodPost, "/regimes/preview", s.apiRegimePreview, permRegimeRead)
	s.handle(at, true, http.MethodGet, "/regimes/:id", s.apiRegime, permRegimeRead)
	s.handle(at, true, http.MethodPut, "/regimes/:id", s.apiRegimeUpdate, permRegimeUpdate)
	s.handle(at, true, http.MethodDelete, "/regimes/:id", s.apiRegimeDelete, permRegimeUpdate)
	s.handle(at, true, http.MethodGet, "/calendar", s.apiCalendar, permRegimeRead)
	s.handle(at, true, http.MethodPost, "/calendar", s.apiHolidayAdd, permRegimeUpdate)
	s.handle(at, true, http.MethodPost, "/calendar/seed", s.apiCalendarSeed, permRegimeUpdate)
	s.handle(at, true, http.MethodDelete, "/calendar/:id", s.apiHolidayDelete, permRegimeUpdate)
	s.handle(at, true, http.MethodGet, "/settings", s.apiSettings, permSettingRead)
	s.handle(at, true, http.MethodPut, "/settings", s.apiSettingsUpdate, permSettingUpdate)
	s.handle(at, true, http.MethodGet, "/usage", s.apiUsage, permUsageRead)
}

func (s *Server) healthz(c echo.Context) error {
	return c.JSON(http.StatusOK, map[string]string{"status": "ok"})
}

func (s *Server) readyz(c echo.Context) error {
	checks := s.app.Ready(c.Request().Context())
	status, code := "ready", http.StatusOK
	for _, ch := range checks {
		if !ch.OK {
			status, code = "not ready", http.StatusServiceUnavailable
		}
	}
	return c.JSON(code, map[string]any{"status": status, "checks": checks})
}
