package httpapi

import (
	"context"
	"net/http"
	"reflect"
	"slices"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/danvan-vn/danvan/internal/authz"
)

// HTTP methods, for short route tables.
const (
	GET    = http.MethodGet
	POST   = http.MethodPost
	PUT    = http.MethodPut
	DELETE = http.MethodDelete
)

// Anyone marks a public route: no session needed, no permission checked.
var Anyone = authz.Permission{}

// Route is a registered route's declaration: the route table tests walk it against echo's, the
// role × route matrix checks each permission, and the OpenAPI document describes each API route.
type Route struct {
	Method, Path string
	Perm         authz.Permission
	Province     bool // under /t/{slug}: the domain is the province
	Public       bool
	API          bool   // a JSON API route (under /api/v1): in the OpenAPI document
	Area         string // the registering area's name
	Summary      string
	In, Out      reflect.Type // request and response body types, for the document
	Status       int          // success status (200 when zero)
}

// Option describes an API route for the OpenAPI document.
type Option func(*Route)

// In names the JSON request body type of an API route.
func In[T any]() Option { return func(r *Route) { r.In = reflect.TypeFor[T]() } }

// Out names the JSON response body type of an API route.
func Out[T any]() Option { return func(r *Route) { r.Out = reflect.TypeFor[T]() } }

// Summary is an API route's one-line description.
func Summary(s string) Option { return func(r *Route) { r.Summary = s } }

// Created says an API route answers 201.
func Created() Option { return func(r *Route) { r.Status = http.StatusCreated } }

// NavItem is a link of the navigation bar, shown when the viewer holds its permission.
type NavItem struct {
	Section string           // NavProvince, NavAdmin or NavPlatform
	Label   string           // message key
	Path    string           // inside the province for NavProvince/NavAdmin ("/units"); absolute otherwise
	Perm    authz.Permission // shown only with this grant (province sections)
	Order   int
	Exact   bool // current only on this exact path (else: on every path below it)
}

// Navigation sections.
const (
	NavProvince = "province"
	NavAdmin    = "admin"
	NavPlatform = "platform"
)

// Router is what an area registers on.
type Router struct {
	s    *Server
	area string

	pages, api                 *echo.Group
	platformPages, platformAPI *echo.Group
	provincePages, provinceAPI *echo.Group
}

func newRouter(s *Server, g *echo.Group) *Router {
	api := g.Group("/api/v1")
	return &Router{s: s, pages: g, api: api,
		platformPages: g.Group("/platform"), platformAPI: api.Group("/platform"),
		provincePages: g.Group("/t/:slug", s.province), provinceAPI: api.Group("/t/:slug", s.province)}
}

// Area names the area whose routes follow (for the route table and the document's tags).
func (r *Router) Area(name string) *Router { c := *r; c.area = name; return &c }

// Public routes: anyone, no permission (login, invitations).
func (r *Router) Public() *Group { return &Group{r: r, pages: r.pages, api: r.api, public: true} }

// Account routes: a signed-in user's own things, in the platform's domain.
func (r *Router) Account() *Group { return &Group{r: r, pages: r.pages, api: r.api} }

// Platform routes: /platform and /api/v1/platform, in the platform's domain.
func (r *Router) Platform() *Group { return &Group{r: r, pages: r.platformPages, api: r.platformAPI} }

// Province routes: /t/{slug} and /api/v1/t/{slug}, in the province's domain.
func (r *Router) Province() *Group {
	return &Group{r: r, pages: r.provincePages, api: r.provinceAPI, province: true}
}

// Nav adds links to the navigation bar.
func (r *Router) Nav(items ...NavItem) { r.s.nav = append(r.s.nav, items...) }

// Flash declares a one-time notice a redirect may ask for with ?done=name.
func (r *Router) Flash(name, key string) {
	if old, ok := r.s.flash[name]; ok && old != key {
		panic("httpapi: flash " + name + " declared twice")
	}
	r.s.flash[name] = key
}

// bell is the header's unread badge on province pages, declared by one area.
type bell struct {
	path  string // inside the province
	perm  authz.Permission
	count func(ctx context.Context) (int, error)
}

// Bell declares the header's bell on every province page: a link to path (inside the
// province) with the number count returns for the viewer, shown to viewers holding perm.
// count runs once per page, so it must be cheap (one COUNT); an error hides the number.
func (r *Router) Bell(path string, perm authz.Permission, count func(ctx context.Context) (int, error)) {
	if r.s.bell != nil {
		panic("httpapi: bell declared twice")
	}
	r.s.bell = &bell{path: path, perm: perm, count: count}
}

// Templates declares the page templates the area renders; New fails when one is missing.
func (r *Router) Templates(names ...string) { r.s.pages = append(r.s.pages, names...) }

// Group registers pages and API routes of one kind.
type Group struct {
	r          *Router
	pages, api *echo.Group
	province   bool
	public     bool
}

// Page registers an HTML page route.
func (g *Group) Page(method, path string, h echo.HandlerFunc, p authz.Permission) {
	g.add(g.pages, false, method, path, h, p)
}

// API registers a JSON API route; opts describe it in the OpenAPI document.
func (g *Group) API(method, path string, h echo.HandlerFunc, p authz.Permission, opts ...Option) {
	g.add(g.api, true, method, path, h, p, opts...)
}

func (g *Group) add(eg *echo.Group, api bool, method, path string, h echo.HandlerFunc, p authz.Permission, opts ...Option) {
	s := g.r.s
	var rt *echo.Route
	public := g.public || p == Anyone
	if public {
		rt = eg.Add(method, path, h)
	} else {
		rt = eg.Add(method, path, h, s.authorize(p, g.province))
	}
	d := Route{Method: method, Path: rt.Path, Perm: p, Province: g.province, Public: public, API: api, Area: g.r.area}
	for _, o := range opts {
		o(&d)
	}
	s.decls = append(s.decls, d)
}

// public registers one of the kernel's own public routes.
func (s *Server) public(g *echo.Group, method, path string, h echo.HandlerFunc) {
	r := g.Add(method, path, h)
	s.decls = append(s.decls, Route{Method: method, Path: r.Path, Public: true, API: strings.HasPrefix(r.Path, "/api/v1/"), Area: "kernel"})
}

// Routes returns every declaration.
func (s *Server) Routes() []Route { return s.decls }

// Permissions lists every permission a registered route declares.
func (s *Server) Permissions() []authz.Permission {
	var out []authz.Permission
	for _, d := range s.decls {
		if !d.Public && !slices.Contains(out, d.Perm) {
			out = append(out, d.Perm)
		}
	}
	return out
}
