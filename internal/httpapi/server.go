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

	e.GET("/healthz", s.healthz)
	e.GET("/readyz", s.readyz)
	e.GET("/metrics", echoprometheus.NewHandlerWithConfig(echoprometheus.HandlerConfig{Gatherer: reg}))
	static, _ := fs.Sub(webassets.FS, "static")
	e.StaticFS("/static", static)

	// Everything below may change state: CSRF and the session apply.
	app := e.Group("", middleware.CSRFWithConfig(middleware.CSRFConfig{
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

func (s *Server) routes(g *echo.Group) {
	// Pages.
	g.GET("/", s.index)
	g.GET("/login", s.loginPage)
	g.POST("/login", s.loginSubmit)
	g.POST("/logout", s.logout)
	plat := g.Group("/platform", s.requirePlatformAdmin)
	plat.GET("/tenants", s.tenantsPage)
	plat.POST("/tenants", s.tenantsCreate)
	plat.POST("/tenants/:slug/suspend", s.tenantsSuspend)
	prov := g.Group("/t/:slug", s.requireLogin, s.province)
	prov.GET("", s.homePage)
	prov.GET("/", s.homePage)

	// JSON API.
	api := g.Group("/api/v1")
	api.POST("/login", s.apiLogin)
	api.POST("/logout", s.apiLogout)
	api.GET("/me", s.apiMe, s.requireLogin)
	ap := api.Group("/platform", s.requirePlatformAdmin)
	ap.GET("/tenants", s.apiTenants)
	ap.POST("/tenants", s.apiTenantCreate)
	ap.POST("/tenants/:slug/suspend", s.apiTenantSuspend)
	at := api.Group("/t/:slug", s.requireLogin, s.province)
	at.GET("", s.apiProvince)
	at.GET("/jobs", s.apiJobs)
	at.GET("/jobs/:id", s.apiJob)
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
