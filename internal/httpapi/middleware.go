package httpapi

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"mime"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	enttenant "github.com/danvan-vn/danvan/ent/tenant"
	"github.com/danvan-vn/danvan/internal/apperr"
	"github.com/danvan-vn/danvan/internal/audit"
	"github.com/danvan-vn/danvan/internal/authz"
	"github.com/danvan-vn/danvan/internal/tenancy"
	"github.com/danvan-vn/danvan/internal/viewer"
	"github.com/danvan-vn/danvan/internal/web"
)

const (
	sessionCookie = "danvan_session"
	csrfCookie    = "danvan_csrf"
	ctxServer     = "httpapi.server"
	langCookie    = "danvan_lang"
	ctxLang       = "lang"
	ctxTenant     = "tenant"
	ctxSessionID  = "session_id"
	ctxMustChange = "must_change_password"
)

// requestID takes the client's X-Request-Id only when it is a plain token (letters, digits, "-",
// "_", ".", at most 64): anything else — a planted "=HYPERLINK(…)", control bytes — is replaced by
// a fresh id. The id reaches logs, problem documents and the audit trail.
func (s *Server) requestID(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		c.Set(ctxServer, s)
		id := c.Request().Header.Get(echo.HeaderXRequestID)
		if !safeRequestID(id) {
			id = randomID()
		}
		c.Request().Header.Set(echo.HeaderXRequestID, id)
		c.Response().Header().Set(echo.HeaderXRequestID, id)
		return next(c)
	}
}

func safeRequestID(id string) bool {
	if id == "" || len(id) > 64 {
		return false
	}
	for _, r := range id {
		ok := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.'
		if !ok {
			return false
		}
	}
	return true
}

func randomID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// requestMeta puts the request's origin on the context for audit records, and the request's
// database scope (its reads share one transaction; tenancy.RequestScope), which ends when the
// response starts or the request ends, whichever comes first.
func (s *Server) requestMeta(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		req := c.Request()
		m := audit.Meta{IP: c.RealIP(), UserAgent: cleanText(req.UserAgent()), RequestID: c.Response().Header().Get(echo.HeaderXRequestID)}
		ctx, done := tenancy.RequestScope(audit.WithMeta(req.Context(), m))
		defer done()
		c.Response().Before(done)
		c.SetRequest(req.WithContext(ctx))
		return next(c)
	}
}

// logRequests writes one structured line per request, carrying the tenant and the user.
func (s *Server) logRequests(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		start := time.Now()
		err := next(c)
		if err != nil {
			c.Error(err)
		}
		req := c.Request()
		path := req.URL.Path
		if c.Param("token") != "" {
			path = c.Path() // an invitation link is a secret: log the route, not the token
		}
		attrs := []any{
			"method", req.Method, "path", path, "route", c.Path(),
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

// csrfExempt says which requests need no CSRF token, because no browser can forge them:
//   - a bearer token on the JSON API: the token is no cookie a browser would add on its own;
//   - a JSON request to the API that carries no session cookie (a first POST /api/v1/login):
//     a cross-site page cannot send Content-Type application/json without a CORS preflight,
//     which danvan never grants, and with no session there is no one to act for.
//
// A request that carries the session cookie still needs the token, JSON or not.
func csrfExempt(c echo.Context) bool {
	if !isAPI(c) {
		return false
	}
	if bearer(c) != "" {
		return true
	}
	if ck, err := c.Cookie(sessionCookie); err == nil && ck.Value != "" {
		return false
	}
	mt, _, err := mime.ParseMediaType(c.Request().Header.Get(echo.HeaderContentType))
	return err == nil && mt == echo.MIMEApplicationJSON
}

// bearer returns the request's personal access token, if any. Tokens are for the JSON API
// only: pages have a CSRF check that a token would bypass, so a page route never reads one.
func bearer(c echo.Context) string {
	if !isAPI(c) {
		return ""
	}
	h := c.Request().Header.Get(echo.HeaderAuthorization)
	if len(h) > 7 && strings.EqualFold(h[:7], "bearer ") {
		return strings.TrimSpace(h[7:])
	}
	return ""
}

// session identifies the caller: a bearer token (API clients, one province) or the session
// cookie. The identity goes on the request context as a viewer without a province yet.
func (s *Server) session(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		ctx := c.Request().Context()
		var who Who
		if tok := bearer(c); tok != "" {
			w, err := s.d.Identity.AuthenticateToken(ctx, tok)
			if err != nil {
				return err // a bad token is refused outright, never treated as anonymous
			}
			who = w
		} else if ck, err := c.Cookie(sessionCookie); err == nil && ck.Value != "" {
			w, err := s.d.Identity.Authenticate(ctx, ck.Value)
			if err != nil {
				if apperr.KindOf(err) != apperr.KindUnauthorized {
					return err
				}
				ClearSession(c)
				return next(c)
			}
			who = w
			c.Set(ctxSessionID, w.SessionID)
			if w.MustChangePassword {
				c.Set(ctxMustChange, true)
			}
		}
		if who.UserID == 0 {
			return next(c)
		}
		v := &viewer.Viewer{UserID: who.UserID, UserName: who.Name, UserEmail: who.Email,
			PlatformAdmin: who.PlatformAdmin && who.TokenTenantID == 0, TokenTenantID: who.TokenTenantID}
		req := c.Request()
		c.SetRequest(req.WithContext(viewer.NewContext(req.Context(), v)))
		return next(c)
	}
}

// province resolves /t/{slug}: the viewer must hold an active membership there (a token only
// works in its own province). Anyone else gets not-found, with no hint that the province exists.
func (s *Server) province(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		ctx := c.Request().Context()
		v := viewer.FromContext(ctx)
		if v == nil {
			return apperr.Unauthorized("")
		}
		t, st, err := s.d.Identity.Standing(ctx, v.UserID, c.Param("slug"))
		if err != nil {
			return err
		}
		if v.TokenTenantID != 0 && v.TokenTenantID != t.ID {
			return apperr.NotFound(errors.New("token of another province"))
		}
		if t.Status == enttenant.StatusSuspended {
			return apperr.Forbidden(errors.New("province suspended"))
		}
		if err := s.d.Authz.Sync(ctx, t); err != nil {
			return err
		}
		nv := *v
		nv.TenantID, nv.TenantSlug = t.ID, t.Slug
		nv.Roles = st.Roles
		// Unit staff see and change only their units' rows (the unit wall, ent privacy).
		scoped := viewer.WithUnits(&nv, st.UnitIDs...)
		c.Set(ctxTenant, t)
		req := c.Request()
		c.SetRequest(req.WithContext(viewer.NewContext(req.Context(), scoped)))
		return next(c)
	}
}

// authorize enforces a route's declared permission: in the province's domain for province
// routes, in the platform's otherwise.
func (s *Server) authorize(p authz.Permission, province bool) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			v := viewer.FromContext(c.Request().Context())
			if v == nil {
				return apperr.Unauthorized("")
			}
			if must, _ := c.Get(ctxMustChange).(bool); must && p.Object != "profile" {
				if !isAPI(c) && c.Request().Method == http.MethodGet {
					return c.Redirect(http.StatusSeeOther, "/profile")
				}
				return errPasswordChange
			}
			domain := authz.DomainPlatform
			if province {
				domain = v.TenantSlug
			} else if v.TokenTenantID != 0 && c.Path() != "/api/v1/me" {
				// A token speaks for one province only; outside it, it may only say who it is.
				return apperr.Forbidden(errors.New("tokens are scoped to one province"))
			}
			if !s.d.Authz.Allowed(v, domain, p) {
				return apperr.Forbidden(errors.New("no grant for " + p.String()))
			}
			if nv := s.grantedBy(v, domain, p); nv != v {
				c.SetRequest(c.Request().WithContext(viewer.NewContext(c.Request().Context(), nv)))
			}
			return next(c)
		}
	}
}

// grantedBy narrows the viewer to its unit roles when only they grant p: a department head who
// sits on the committee (committee_member) and leads a unit (unit_leader) reads the province as a
// committee member, but changes plans (plan:update, held only through unit_leader) as the unit's
// staff, behind the unit wall. Without it the committee role would lift the wall from a grant it
// does not carry.
func (s *Server) grantedBy(v *viewer.Viewer, domain string, p authz.Permission) *viewer.Viewer {
	if v.UnitScoped() || v.System {
		return v
	}
	var unitRoles, others []string
	for _, r := range v.Roles {
		if viewer.IsUnitRole(r) {
			unitRoles = append(unitRoles, r)
		} else {
			others = append(others, r)
		}
	}
	if len(unitRoles) == 0 {
		return v
	}
	without := *v
	without.Roles = others
	if s.d.Authz.Allowed(&without, domain, p) {
		return v
	}
	narrowed := *v
	narrowed.Roles = unitRoles
	return &narrowed
}

var errPasswordChange = &apperr.Error{Kind: apperr.KindForbidden, Code: "password_change_required"}

// cleanText makes a header value storable: valid UTF-8 (bad bytes become U+FFFD), no control
// characters.
func cleanText(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0 {
			return -1
		}
		return r
	}, strings.ToValidUTF8(s, "\uFFFD"))
}
