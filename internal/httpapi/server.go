// Package httpapi is danvan's HTTP layer: the echo router, middleware (request id, structured
// logs, recovery, limits, sessions, the province from the URL, CSRF, security headers), the JSON
// API under /api/v1 and the server-rendered pages, and the one place errors become responses.
//
// URL scheme: platform pages under /platform, a province's pages under /t/{slug}/, the API under
// /api/v1 (platform) and /api/v1/t/{slug}/ (province). The province comes from the URL only.
package httpapi

import (
	"compress/gzip"
	"context"
	"fmt"
	"io/fs"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/labstack/echo-contrib/echoprometheus"
	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/internal/authz"
	"github.com/danvan-vn/danvan/internal/config"
	"github.com/danvan-vn/danvan/internal/viewer"
	"github.com/danvan-vn/danvan/internal/web"
	webassets "github.com/danvan-vn/danvan/web"
)

// Identity says who is calling. The composition root implements it over the account and tenant
// services; the kernel never queries storage itself.
type Identity interface {
	// Authenticate resolves a session cookie's value (an expired or unknown one is
	// apperr.KindUnauthorized).
	Authenticate(ctx context.Context, cookie string) (Who, error)
	// AuthenticateToken resolves a personal access token (always refused when bad).
	AuthenticateToken(ctx context.Context, token string) (Who, error)
	// Standing is the province named slug and what the user is there: not found when the user
	// holds no active membership in it.
	Standing(ctx context.Context, userID int, slug string) (*ent.Tenant, Standing, error)
}

// Who is an authenticated caller.
type Who struct {
	UserID             int
	Name, Email        string
	PlatformAdmin      bool
	MustChangePassword bool
	SessionID          int // a cookie session
	TokenTenantID      int // a personal access token: the one province it speaks for
}

// Standing is what a user is in one province: their roles and, for unit roles, their units.
type Standing struct {
	Roles   []string
	UnitIDs []int
}

// Authorizer checks permissions (casbin with domains).
type Authorizer interface {
	Allowed(v *viewer.Viewer, domain string, p authz.Permission) bool
	Catalog() []authz.Permission
	// Sync brings the province's grants up to date before a check.
	Sync(ctx context.Context, t *ent.Tenant) error
}

// Deps is what the kernel needs from the composition root.
type Deps struct {
	Config     *config.Config
	Log        *slog.Logger
	Identity   Identity
	Authz      Authorizer
	Ready      func(ctx context.Context) []Check
	Collectors []prometheus.Collector // extra metrics (job queues)
	Assets     fs.FS                  // the web tree (templates, i18n, static); web.FS when nil
}

// Check is one readiness check's result.
type Check struct {
	Name  string `json:"name"`
	Mode  string `json:"mode"` // embedded or external
	OK    bool   `json:"ok"`
	Error string `json:"error,omitempty"`
	Took  string `json:"took"`
}

// Area is one part of the app: it declares its routes, navigation, flash notices and templates
// on the router. Adding an area is its package plus one line in the composition root.
type Area interface {
	Register(r *Router)
}

// Server is the HTTP side of a running app.
type Server struct {
	d      Deps
	log    *slog.Logger
	i18n   *web.I18n
	render *web.Renderer
	echo   *echo.Echo
	secure bool // served over TLS: Secure cookies
	decls  []Route
	nav    []NavItem
	flash  map[string]string
	pages  []string
	bell   *bell

	docOnce sync.Once
	doc     *huma.OpenAPI
}

// New builds the router with the given areas.
func New(d Deps, areas ...Area) (*Server, error) {
	assets := d.Assets
	if assets == nil {
		assets = webassets.FS
	}
	i, err := web.LoadI18n(assets)
	if err != nil {
		return nil, err
	}
	r, err := web.NewRenderer(assets, i)
	if err != nil {
		return nil, err
	}
	s := &Server{d: d, log: d.Log, i18n: i, render: r, secure: strings.HasPrefix(d.Config.BaseURL, "https://"),
		flash: map[string]string{}, pages: []string{"error", "layout"}}
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.HTTPErrorHandler = s.errorHandler
	e.IPExtractor = echo.ExtractIPDirect()
	s.echo = e

	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	reg.MustRegister(d.Collectors...)

	e.Use(
		s.requestID,
		s.requestMeta,
		s.logRequests,
		middleware.Recover(),
		echoprometheus.NewMiddlewareWithConfig(echoprometheus.MiddlewareConfig{Namespace: "danvan", Registerer: reg}),
		middleware.BodyLimit(d.Config.BodyLimit),
		middleware.ContextTimeoutWithConfig(middleware.ContextTimeoutConfig{Timeout: d.Config.RequestTimeout}),
		// Fastest compression, and none for small answers: on a province's lists gzip's default
		// level was a fifth of the request's CPU for little gain over level 1.
		middleware.GzipWithConfig(middleware.GzipConfig{Level: gzip.BestSpeed, MinLength: 1024, Skipper: func(c echo.Context) bool {
			return c.Path() == "/metrics"
		}}),
		s.securityHeaders,
		s.language,
		s.inputGuard,
	)

	root := e.Group("")
	s.public(root, http.MethodGet, "/healthz", s.healthz)
	s.public(root, http.MethodGet, "/readyz", s.readyz)
	s.public(root, http.MethodGet, "/metrics", echoprometheus.NewHandlerWithConfig(echoprometheus.HandlerConfig{Gatherer: reg}))
	static, _ := fs.Sub(assets, "static")
	s.public(root, http.MethodGet, "/static/*", echo.StaticDirectoryHandler(static, false))
	s.public(root, http.MethodGet, "/favicon.ico", func(c echo.Context) error {
		return c.Redirect(http.StatusMovedPermanently, "/static/favicon.svg") // browsers ask for it on their own
	})

	// Everything below may change state: CSRF and the session apply.
	app := e.Group("", middleware.CSRFWithConfig(middleware.CSRFConfig{
		Skipper:        csrfExempt,
		TokenLookup:    "form:_csrf,header:X-CSRF-Token",
		CookieName:     csrfCookie,
		CookiePath:     "/",
		CookieHTTPOnly: true,
		CookieSecure:   s.secure,
		CookieSameSite: http.SameSiteLaxMode,
		CookieMaxAge:   int((12 * time.Hour).Seconds()),
		ErrorHandler:   func(err error, c echo.Context) error { return &csrfError{err: err} },
	}), s.session)
	rt := newRouter(s, app)
	for _, a := range areas {
		a.Register(rt)
	}
	s.openAPIRoutes(rt)
	for _, name := range s.pages {
		if !s.render.Has(name) {
			return nil, fmt.Errorf("httpapi: an area renders template %q, which web/templates does not have", name)
		}
	}
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

func (s *Server) healthz(c echo.Context) error {
	return c.JSON(http.StatusOK, map[string]string{"status": "ok"})
}

func (s *Server) readyz(c echo.Context) error {
	checks := s.d.Ready(c.Request().Context())
	status, code := "ready", http.StatusOK
	for _, ch := range checks {
		if !ch.OK {
			status, code = "not ready", http.StatusServiceUnavailable
		}
	}
	return c.JSON(code, map[string]any{"status": status, "checks": checks})
}
