package httpapi

import (
	"bytes"
	"crypto/rand"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/ent/schematype"
	"github.com/danvan-vn/danvan/internal/apperr"
	"github.com/danvan-vn/danvan/internal/authz"
	"github.com/danvan-vn/danvan/internal/calendar"
	"github.com/danvan-vn/danvan/internal/viewer"
	"github.com/danvan-vn/danvan/internal/web"
)

// This file is what areas use from the kernel in their handlers.

func server(c echo.Context) *Server { return c.Get(ctxServer).(*Server) }

// Lang is the request's language ("vi" or "en").
func Lang(c echo.Context) string {
	if l, ok := c.Get(ctxLang).(string); ok && l != "" {
		return l
	}
	return web.DefaultLang
}

// T translates a message key into the request's language.
func T(c echo.Context, key string, args ...any) string {
	return server(c).i18n.T(Lang(c), key, args...)
}

// TOr translates key, or returns fallback when the catalogs have no such key (a code of a family
// that has no message yet).
func TOr(c echo.Context, key, fallback string) string {
	if !server(c).i18n.Has(web.DefaultLang, key) {
		return fallback
	}
	return T(c, key)
}

// Tenant is the province of a /t/{slug} route.
func Tenant(c echo.Context) *ent.Tenant { t, _ := c.Get(ctxTenant).(*ent.Tenant); return t }

// ProvinceURL is a path inside the current province.
func ProvinceURL(c echo.Context, rest string) string { return "/t/" + Tenant(c).Slug + rest }

// SessionID is the current cookie session's id (0 for a token).
func SessionID(c echo.Context) int { id, _ := c.Get(ctxSessionID).(int); return id }

// MustChangePassword says the signed-in user must change their password first.
func MustChangePassword(c echo.Context) bool { must, _ := c.Get(ctxMustChange).(bool); return must }

// SessionCookie is the session cookie's value, if any.
func SessionCookie(c echo.Context) string {
	if ck, err := c.Cookie(sessionCookie); err == nil {
		return ck.Value
	}
	return ""
}

// SetSession starts a browser session with token, and rotates the CSRF token with it (a token
// planted before login is worth nothing after). It returns the new CSRF token, which the
// session's state-changing requests must carry (X-CSRF-Token or the _csrf form field); it is
// also in the danvan_csrf cookie and the response's X-CSRF-Token header.
func SetSession(c echo.Context, token string) string {
	s := server(c)
	c.SetCookie(&http.Cookie{Name: sessionCookie, Value: token, Path: "/", HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: s.secure, MaxAge: int(s.d.Config.SessionTTL.Seconds())})
	csrf := newCSRFToken()
	c.SetCookie(&http.Cookie{Name: csrfCookie, Value: csrf, Path: "/", HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: s.secure, MaxAge: int((12 * time.Hour).Seconds())})
	c.Set("csrf", csrf)
	c.Response().Header().Set(HeaderCSRF, csrf)
	return csrf
}

// HeaderCSRF carries the CSRF token of a cookie session's state-changing API requests.
const HeaderCSRF = "X-CSRF-Token"

// newCSRFToken is 26 random base32 characters (130 bits).
func newCSRFToken() string { return rand.Text() }

// ClearSession ends the browser session's cookie (and its CSRF token).
func ClearSession(c echo.Context) {
	s := server(c)
	c.SetCookie(&http.Cookie{Name: sessionCookie, Value: "", Path: "/", HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: s.secure, MaxAge: -1})
	s.expireCSRF(c)
}

func (s *Server) expireCSRF(c echo.Context) {
	c.SetCookie(&http.Cookie{Name: csrfCookie, Value: "", Path: "/", HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: s.secure, MaxAge: -1})
}

// Can says whether the viewer holds p in the current province.
func Can(c echo.Context, p authz.Permission) bool {
	v := viewer.FromContext(c.Request().Context())
	return v != nil && v.TenantSlug != "" && server(c).d.Authz.Allowed(v, v.TenantSlug, p)
}

// PageOf fills the common part of every page's view model.
func PageOf(c echo.Context, title string) web.Page { return server(c).pageOf(c, title) }

func (s *Server) pageOf(c echo.Context, title string) web.Page {
	p := web.Page{
		Lang:      Lang(c),
		Title:     title,
		RequestID: c.Response().Header().Get(echo.HeaderXRequestID),
		Path:      c.Request().URL.Path,
		Can:       s.can(c),
		Flash:     s.flash[c.QueryParam("done")],
	}
	if tok, ok := c.Get("csrf").(string); ok {
		p.CSRF = tok
	}
	v := viewer.FromContext(c.Request().Context())
	if v != nil {
		p.User = &web.UserVM{Name: v.UserName, Email: v.UserEmail, PlatformAdmin: v.PlatformAdmin, Roles: v.Roles}
		if v.PlatformAdmin {
			p.PlatformNav = s.navOf(NavPlatform, "", p.Path, nil)
		}
	}
	if t := Tenant(c); t != nil {
		p.Tenant = &web.TenantVM{Slug: t.Slug, Name: schematype.NameOn(t.Name, t.Names, calendar.Today().ISO()), Status: string(t.Status)}
		base := "/t/" + t.Slug
		p.Nav = s.navOf(NavProvince, base, p.Path, p.Can)
		p.AdminNav = s.navOf(NavAdmin, base, p.Path, p.Can)
		if b := s.bell; b != nil && v != nil && s.d.Authz.Allowed(v, t.Slug, b.perm) {
			p.Bell = &web.BellVM{Href: base + b.path, Current: p.Path == base+b.path}
			if n, err := b.count(c.Request().Context()); err == nil {
				p.Bell.Count = n
			} else {
				s.log.WarnContext(c.Request().Context(), "bell count", "err", err)
			}
		}
	}
	return p
}

func (s *Server) navOf(section, base, current string, can map[string]bool) []web.NavLink {
	var out []web.NavLink
	for _, n := range s.nav {
		if n.Section != section || (section != NavPlatform && !can[n.Perm.String()]) {
			continue
		}
		href := base + n.Path
		cur := current == href || (!n.Exact && strings.HasPrefix(current, strings.TrimSuffix(href, "/")+"/"))
		out = append(out, web.NavLink{Href: href, Label: n.Label, Current: cur, Order: n.Order})
	}
	web.SortNav(out)
	return out
}

// can lists the viewer's permissions in the current province, for pages to show what works.
func (s *Server) can(c echo.Context) map[string]bool {
	v := viewer.FromContext(c.Request().Context())
	if v == nil || v.TenantSlug == "" {
		return nil
	}
	out := map[string]bool{}
	for _, p := range s.d.Authz.Catalog() {
		if s.d.Authz.Allowed(v, v.TenantSlug, p) {
			out[p.String()] = true
		}
	}
	return out
}

// HTML renders a page template.
func HTML(c echo.Context, status int, name string, data any) error {
	// Rendered whole before anything is sent: a template that fails halfway is a 500 with the
	// error logged, not an empty page with status 200.
	var buf bytes.Buffer
	if err := server(c).render.Render(&buf, name, data); err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderContentType, echo.MIMETextHTMLCharsetUTF8)
	c.Response().Header().Set("Cache-Control", "no-store")
	c.Response().WriteHeader(status)
	_, err := c.Response().Write(buf.Bytes())
	return err
}

// Redirect answers a form post with 303 to path, asking for the flash notice done.
func Redirect(c echo.Context, path, done string) error {
	if done != "" {
		sep := "?"
		if strings.Contains(path, "?") {
			sep = "&"
		}
		path += sep + "done=" + url.QueryEscape(done)
	}
	return c.Redirect(http.StatusSeeOther, path)
}

// FieldKeys turns a domain error's field reasons into message keys for a form.
func FieldKeys(err error) (map[string]string, bool) {
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

// Invalid is bad input in one field.
func Invalid(field, reason string) error { return apperr.Invalid(map[string]string{field: reason}) }

// File is the file of a multipart request (field "file"), open for reading.
type File struct {
	Name string // as the browser sent it
	Size int64
	io.Reader
}

// WithFile opens the request's multipart field "file", passes it to use and closes it after; a
// request without one is refused naming the field.
func WithFile[T any](c echo.Context, use func(f File) (T, error)) (T, error) {
	var zero T
	fh, err := c.FormFile("file")
	if err != nil {
		return zero, Invalid("file", "required")
	}
	r, err := fh.Open()
	if err != nil {
		return zero, err
	}
	defer r.Close()
	return use(File{Name: fh.Filename, Size: fh.Size, Reader: r})
}

// ID reads a positive integer path parameter written in plain digits ("+5", "05x" and "5.0" are
// not ids): anything else is not found.
func ID(c echo.Context, name string) (int, error) {
	v := c.Param(name)
	if v == "" || len(v) > 18 || v[0] == '0' {
		return 0, apperr.NotFound(nil)
	}
	n := 0
	for _, r := range v {
		if r < '0' || r > '9' {
			return 0, apperr.NotFound(nil)
		}
		n = n*10 + int(r-'0')
	}
	return n, nil
}

// ContentDisposition names a download, Vietnamese file names included (RFC 6266/5987).
func ContentDisposition(name string) string {
	ascii := make([]rune, 0, len(name))
	for _, r := range name {
		if r < 32 || r > 126 || r == '"' || r == '\\' {
			r = '_'
		}
		ascii = append(ascii, r)
	}
	return `attachment; filename="` + string(ascii) + `"; filename*=UTF-8''` + url.PathEscape(name)
}

// Attachment sends a download after the permission check: named (Vietnamese names included),
// its size announced, never sniffed into something else, never cached by a shared cache.
func Attachment(c echo.Context, name, contentType string, size int64, r io.Reader) error {
	h := c.Response().Header()
	h.Set(echo.HeaderContentDisposition, ContentDisposition(name))
	h.Set(echo.HeaderContentLength, strconv.FormatInt(size, 10))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "private, no-store")
	return c.Stream(http.StatusOK, contentType, r)
}

// SafeNext keeps a post-login redirect on this site.
func SafeNext(next string) string {
	if next == "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.Contains(next, "\\") {
		return "/"
	}
	if u, err := url.Parse(next); err != nil || u.Host != "" || u.Scheme != "" {
		return "/"
	}
	return next
}

// FlashKey is the message key of the one-time notice named done ("" when none is declared).
func FlashKey(c echo.Context, done string) string { return server(c).flash[done] }
