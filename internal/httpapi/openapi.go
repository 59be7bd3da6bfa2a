package httpapi

import (
	"net/http"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"github.com/danielgtaylor/huma/v2"
	"github.com/labstack/echo/v4"

	"github.com/danvan-vn/danvan/internal/web"
)

// The OpenAPI 3.1 document is generated from the route declarations: every API route the areas
// register, with its permission (x-permission), its path parameters, and the request and
// response types it names (In/Out), whose JSON schemas huma's registry derives from the Go types
// and their tags (maxLength included).

var pathParam = regexp.MustCompile(`:([A-Za-z_]+)`)

// OpenAPI builds the document.
func (s *Server) OpenAPI() *huma.OpenAPI {
	s.docOnce.Do(func() { s.doc = s.buildOpenAPI() })
	return s.doc
}

func (s *Server) buildOpenAPI() *huma.OpenAPI {
	reg := huma.NewMapRegistry("#/components/schemas/", schemaName)
	problem := reg.Schema(reflect.TypeFor[Problem](), true, "Problem")
	doc := &huma.OpenAPI{
		OpenAPI: "3.1.0",
		Info: &huma.Info{Title: "danvan API", Version: "1",
			Description: "The JSON API of danvan. Sign in with POST /api/v1/login (a session cookie and the X-CSRF-Token header " +
				"from the danvan_csrf cookie) or send a personal access token as `Authorization: Bearer …`, which works " +
				"in its own province only. Every route names the permission it needs in x-permission. Errors are RFC 9457 " +
				"problem documents with a stable `code`."},
		Servers: []*huma.Server{{URL: strings.TrimSuffix(s.d.Config.BaseURL, "/")}},
		Paths:   map[string]*huma.PathItem{},
		Components: &huma.Components{Schemas: reg, SecuritySchemes: map[string]*huma.SecurityScheme{
			"token":   {Type: "http", Scheme: "bearer", Description: "A personal access token (Hồ sơ → Mã truy cập)."},
			"session": {Type: "apiKey", In: "cookie", Name: sessionCookie},
		}},
	}
	for _, d := range s.decls {
		if !d.API {
			continue
		}
		path := pathParam.ReplaceAllString(d.Path, "{$1}")
		item := doc.Paths[path]
		if item == nil {
			item = &huma.PathItem{}
			doc.Paths[path] = item
		}
		op := &huma.Operation{
			OperationID: operationID(d.Method, path),
			Summary:     d.Summary,
			Tags:        []string{d.Area},
			Responses:   map[string]*huma.Response{},
		}
		if op.Summary == "" {
			op.Summary = d.Method + " " + path
		}
		if !d.Public {
			op.Extensions = map[string]any{"x-permission": d.Perm.String()}
			op.Security = []map[string][]string{{"token": {}}, {"session": {}}}
		}
		for _, m := range pathParam.FindAllStringSubmatch(d.Path, -1) {
			typ := "string"
			if m[1] == "id" || m[1] == "mid" {
				typ = "integer"
			}
			op.Parameters = append(op.Parameters, &huma.Param{Name: m[1], In: "path", Required: true, Schema: &huma.Schema{Type: typ}})
		}
		if d.In != nil {
			op.RequestBody = &huma.RequestBody{Required: true, Content: map[string]*huma.MediaType{
				"application/json": {Schema: reg.Schema(d.In, true, d.In.Name())}}}
		}
		status := d.Status
		if status == 0 {
			status = http.StatusOK
		}
		ok := &huma.Response{Description: http.StatusText(status)}
		if d.Out != nil {
			ok.Content = map[string]*huma.MediaType{"application/json": {Schema: reg.Schema(d.Out, true, d.Out.Name())}}
		}
		op.Responses[strconv.Itoa(status)] = ok
		op.Responses["default"] = &huma.Response{Description: "A problem (RFC 9457)",
			Content: map[string]*huma.MediaType{"application/problem+json": {Schema: problem}}}
		switch d.Method {
		case http.MethodGet:
			item.Get = op
		case http.MethodPost:
			item.Post = op
		case http.MethodPut:
			item.Put = op
		case http.MethodDelete:
			item.Delete = op
		case http.MethodPatch:
			item.Patch = op
		}
	}
	// Bind ignores fields it does not know (clients may send more than an operation reads).
	for _, sch := range reg.Map() {
		if sch.Type == "object" && sch.AdditionalProperties == false {
			sch.AdditionalProperties = nil
		}
	}
	return doc
}

// schemaName names a component after its Go type, prefixed by its package when two areas use
// the same type name.
func schemaName(t reflect.Type, hint string) string {
	name := huma.DefaultSchemaNamer(t, hint)
	if pkg := t.PkgPath(); pkg != "" {
		base := pkg[strings.LastIndex(pkg, "/")+1:]
		if base != "httpapi" {
			name = strings.ToUpper(base[:1]) + base[1:] + name
		}
	}
	return name
}

func operationID(method, path string) string {
	var b strings.Builder
	b.WriteString(strings.ToLower(method))
	for _, part := range strings.Split(strings.TrimPrefix(path, "/api/v1"), "/") {
		part = strings.Trim(part, "{}")
		if part == "" {
			continue
		}
		b.WriteString("-")
		b.WriteString(part)
	}
	return b.String()
}

// openAPIRoutes serves the document and a page that lists it for people.
func (s *Server) openAPIRoutes(r *Router) {
	s.public(r.api, http.MethodGet, "/openapi.json", func(c echo.Context) error {
		c.Response().Header().Set(echo.HeaderContentType, "application/openapi+json")
		return JSONEncode(c.Response(), s.OpenAPI())
	})
	r.s.pages = append(r.s.pages, "api_docs")
	s.public(r.pages, http.MethodGet, "/api/docs", func(c echo.Context) error {
		return HTML(c, http.StatusOK, "api_docs", APIDocsPage{Page: s.pageOf(c, "apidocs.title"), Ops: s.docRows()})
	})
}

// APIDocsPage is the human-readable API reference.
type APIDocsPage struct {
	web.Page
	Ops []APIDocRow
}

// APIDocRow is one operation on the reference page.
type APIDocRow struct {
	Method, Path, Summary, Permission, Area string
	Request, Response                       string
}

func (s *Server) docRows() []APIDocRow {
	var out []APIDocRow
	for _, d := range s.decls {
		if !d.API {
			continue
		}
		row := APIDocRow{Method: d.Method, Path: pathParam.ReplaceAllString(d.Path, "{$1}"), Summary: d.Summary, Area: d.Area}
		if !d.Public {
			row.Permission = d.Perm.String()
		}
		if d.In != nil {
			row.Request = d.In.Name()
		}
		if d.Out != nil {
			row.Response = d.Out.Name()
		}
		out = append(out, row)
	}
	return out
}
