package httpapi

import (
	"errors"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/danvan-vn/danvan/ent/membership"
	enttenant "github.com/danvan-vn/danvan/ent/tenant"
	"github.com/danvan-vn/danvan/internal/apperr"
	"github.com/danvan-vn/danvan/internal/viewer"
	"github.com/danvan-vn/danvan/internal/web"
)

const (
	sessionCookie = "danvan_session"
	langCookie    = "danvan_lang"
	ctxLang       = "lang"
	ctxTenant     = "tenant"
)

// logRequests writes one structured line per request, carrying the tenant and the user.
func (s *Server) logRequests(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		start := time.Now()
		err := next(c)
		if err != nil {
			c.Error(err)
		}
		req := c.Request()
		attrs := []any{
			"method", req.Method, "path", req.URL.Path, "route", c.Path(),
			"status", c.Response().Status, "took", time.Since(start).Round(time.Microsecond).String(),
			"request_id", c.Response().Header().Get(echo.HeaderXRequestID), "ip", c.RealIP(),
		}
		if v := viewer.FromContext(req.Context()); v != nil {
			attrs = append(attrs, "user_id", v.UserID)
			if v.TenantSlug != "" {
				attrs = append(attrs, "tenant", v.TenantSlug)
			}
		}
		if c.Path() == "/healthz" || c.Path() == "/readyz" || c.Path() == "/metrics" {
			s.log.Debug("http", attrs...)
		} else {
			s.log.Info("http", attrs...)
		}
		return nil
	}
}

// securityHeaders: a CSP without inline script, no framing, no sniffing, a strict referrer.
func (s *Server) securityHeaders(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		h := c.Response().Header()
		h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
		if s.secure {
			h.Set("Strict-Transport-Security", "max-age=31536000")
		}
		return next(c)
	}
}

// language picks vi or en: ?lang= (remembered in a cookie), the cookie, Accept-Language, vi.
func (s *Server) language(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		chosen := ""
		if q := c.QueryParam("lang"); q == "vi" || q == "en" {
			chosen = q
			c.SetCookie(&http.Cookie{Name: langCookie, Value: q, Path: "/", MaxAge: 365 * 24 * 3600,
				HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: s.secure})
		} else if ck, err := c.Cookie(langCookie); err == nil {
			chosen = ck.Value
		}
		c.Set(ctxLang, web.MatchLang(chosen, c.Request().Header.Get("Accept-Language")))
		return next(c)
	}
}

func langOf(c echo.Context) string {
	if l, ok := c.Get(ctxLang).(string); ok && l != "" {
		return l
	}
	return "vi"
}

// session puts the logged-in user (if any) on the request context as a viewer without a province.
func (s *Server) session(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		ck, err := c.Cookie(sessionCookie)
		if err != nil || ck.Value == "" {
			return next(c)
		}
		u, err := s.app.Accounts.Authenticate(c.Request().Context(), ck.Value)
		if err != nil {
			if apperr.KindOf(err) != apperr.KindUnauthorized {
				return err
			}
			s.clearSession(c)
			return next(c)
		}
		v := &viewer.Viewer{UserID: u.ID, UserName: u.FullName, PlatformAdmin: u.PlatformAdmin}
		req := c.Request()
		c.SetRequest(req.WithContext(viewer.NewContext(req.Context(), v)))
		c.Set("user_email", u.Email)
		return next(c)
	}
}

func (s *Server) requireLogin(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if viewer.FromContext(c.Request().Context()) == nil {
			return apperr.Unauthorized("")
		}
		return next(c)
	}
}

func (s *Server) requirePlatformAdmin(next echo.HandlerFunc) echo.HandlerFunc {
	return s.requireLogin(func(c echo.Context) error {
		if !viewer.FromContext(c.Request().Context()).PlatformAdmin {
			return apperr.Forbidden(errors.New("platform admin only"))
		}
		return next(c)
	})
}

// province resolves /t/{slug}: the viewer must hold an active membership there (the platform
// admin may look in too). Anyone else gets not-found, with no hint that the province exists.
func (s *Server) province(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		ctx := c.Request().Context()
		v := viewer.FromContext(ctx)
		t, err := s.app.Tenants.BySlug(ctx, c.Param("slug"))
		if err != nil {
			return err
		}
		// Which roles does the viewer hold here? (Membership rows are the tenant's own.)
		inT := viewer.NewContext(ctx, &viewer.Viewer{UserID: v.UserID, TenantID: t.ID, TenantSlug: t.Slug})
		ms, err := s.app.DB.Client.Membership.Query().
			Where(membership.UserID(v.UserID), membership.Active(true)).All(inT)
		if err != nil {
			return err
		}
		if len(ms) == 0 && !v.PlatformAdmin {
			return apperr.NotFound(errors.New("no membership in this province"))
		}
		if t.Status == enttenant.StatusSuspended && !v.PlatformAdmin {
			return apperr.Forbidden(errors.New("province suspended"))
		}
		nv := *v
		nv.TenantID, nv.TenantSlug = t.ID, t.Slug
		nv.Roles = nil
		for _, m := range ms {
			nv.Roles = append(nv.Roles, string(m.Role))
		}
		c.Set(ctxTenant, t)
		req := c.Request()
		c.SetRequest(req.WithContext(viewer.NewContext(req.Context(), &nv)))
		return next(c)
	}
}

func (s *Server) setSession(c echo.Context, token string) {
	c.SetCookie(&http.Cookie{Name: sessionCookie, Value: token, Path: "/", HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: s.secure, MaxAge: int(s.app.Cfg.SessionTTL.Seconds())})
}

func (s *Server) clearSession(c echo.Context) {
	c.SetCookie(&http.Cookie{Name: sessionCookie, Value: "", Path: "/", HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: s.secure, MaxAge: -1})
}
