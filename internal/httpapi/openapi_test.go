package httpapi_test

import (
	"encoding/json"
	"html"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/danvan-vn/danvan/internal/app/apptest"
	"github.com/danvan-vn/danvan/internal/httpapi"
)

// openAPIDoc is the part of the OpenAPI document the tests read.
type openAPIDoc struct {
	OpenAPI    string                          `json:"openapi"`
	Paths      map[string]map[string]openAPIOp `json:"paths"`
	Components struct {
		Schemas map[string]openAPISchema `json:"schemas"`
	} `json:"components"`
}

type openAPIOp struct {
	OperationID string `json:"operationId"`
	Summary     string `json:"summary"`
	Permission  string `json:"x-permission"`
	RequestBody *struct {
		Content map[string]struct {
			Schema *openAPISchema `json:"schema"`
		} `json:"content"`
	} `json:"requestBody"`
}

type openAPISchema struct {
	Ref                  string                   `json:"$ref"`
	Type                 any                      `json:"type"`
	Properties           map[string]openAPISchema `json:"properties"`
	AdditionalProperties any                      `json:"additionalProperties"`
	MaxLength            *int                     `json:"maxLength"`
}

var echoParam = regexp.MustCompile(`:([A-Za-z_]+)`)

// TestOpenAPI_DescribesEveryRoute: the served document is OpenAPI 3.1 and has every API route
// the areas declare, with its permission; every request body has a schema that resolves; every
// operation has its own id; the areas describe each of their routes in words.
func TestOpenAPI_DescribesEveryRoute(t *testing.T) {
	e := apptest.New(t, "embedded", redisDB)
	c := e.Client()
	resp, body := c.Do(http.MethodGet, "/api/v1/openapi.json", nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/openapi+json") {
		t.Errorf("Content-Type = %q", ct)
	}
	var doc openAPIDoc
	if err := json.Unmarshal(body, &doc); err != nil {
		t.Fatalf("document: %v", err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.1.") {
		t.Errorf("openapi = %q, want 3.1.x", doc.OpenAPI)
	}

	apiRoutes := 0
	for _, r := range e.Srv.Routes() {
		if !r.API {
			continue
		}
		apiRoutes++
		path := echoParam.ReplaceAllString(r.Path, "{$1}")
		op, ok := doc.Paths[path][strings.ToLower(r.Method)]
		if !ok {
			t.Errorf("%s %s: not in the document", r.Method, path)
			continue
		}
		if !r.Public && op.Permission != r.Perm.String() {
			t.Errorf("%s %s: x-permission %q, want %q", r.Method, path, op.Permission, r.Perm.String())
		}
		if r.Public && op.Permission != "" {
			t.Errorf("%s %s: public, yet x-permission %q", r.Method, path, op.Permission)
		}
		if r.Area != "kernel" && r.Summary == "" {
			t.Errorf("%s %s: area %s gives no Summary", r.Method, path, r.Area)
		}
		if (r.In != nil) != (op.RequestBody != nil) {
			t.Errorf("%s %s: declares request type %v, document has request body %v", r.Method, path, r.In, op.RequestBody != nil)
		}
	}
	if apiRoutes < 70 {
		t.Errorf("only %d API routes declared", apiRoutes)
	}

	// Every operation: a unique id; a request body has a JSON schema that resolves.
	ids := map[string]string{}
	ops := 0
	for path, item := range doc.Paths {
		for method, op := range item {
			ops++
			where := strings.ToUpper(method) + " " + path
			if op.OperationID == "" {
				t.Errorf("%s: no operationId", where)
			} else if prev, dup := ids[op.OperationID]; dup {
				t.Errorf("operationId %q of %s is also %s's", op.OperationID, where, prev)
			}
			ids[op.OperationID] = where
			if op.RequestBody == nil {
				continue
			}
			mt, ok := op.RequestBody.Content["application/json"]
			if !ok || mt.Schema == nil {
				t.Errorf("%s: request body without a JSON schema", where)
				continue
			}
			s := resolve(t, &doc, *mt.Schema)
			if s.Type == nil {
				t.Errorf("%s: request schema %+v has no type", where, mt.Schema)
			}
		}
	}
	if ops != apiRoutes {
		t.Errorf("document has %d operations, %d API routes are declared", ops, apiRoutes)
	}

	// A limit the document states is the one the kernel's Bind enforces: a regime's content may
	// hold 20000 characters, not Bind's untagged default.
	op := doc.Paths["/api/v1/t/{slug}/regimes"]["post"]
	if op.RequestBody == nil {
		t.Fatal("POST /regimes has no request body")
	}
	content := resolve(t, &doc, *op.RequestBody.Content["application/json"].Schema).Properties["content"]
	if content.MaxLength == nil || *content.MaxLength != 20000 {
		t.Fatalf("regime content maxLength = %v, want 20000", content.MaxLength)
	}
	apptest.WaitTenant(t, e.App, "nghe-an", "active")
	admin := e.Person(t, "openapi-admin@nghe-an.vn", "province_admin", "nghe-an", false)
	regime := func(name string, n int) map[string]any {
		return map[string]any{"name": name, "frequency": "annual", "deadline_rule": "15/11", "content": strings.Repeat("ư", n)}
	}
	resp, body = admin.Do(http.MethodPost, "/api/v1/t/nghe-an/regimes", regime("Báo cáo dài", 20000))
	apptest.Expect(t, resp, body, http.StatusCreated, "")
	resp, body = admin.Do(http.MethodPost, "/api/v1/t/nghe-an/regimes", regime("Báo cáo quá dài", 20001))
	apptest.Expect(t, resp, body, http.StatusUnprocessableEntity, "invalid")
	var p httpapi.Problem
	if err := json.Unmarshal(body, &p); err != nil || p.Errors["content"] == "" {
		t.Errorf("over-long content: %s", body)
	}
}

// resolve follows a schema's $ref into the document's components.
func resolve(t *testing.T, doc *openAPIDoc, s openAPISchema) openAPISchema {
	t.Helper()
	if s.Ref == "" {
		return s
	}
	name, ok := strings.CutPrefix(s.Ref, "#/components/schemas/")
	if !ok {
		t.Errorf("$ref %q is not a component", s.Ref)
		return s
	}
	r, ok := doc.Components.Schemas[name]
	if !ok {
		t.Errorf("$ref %q: no such component", s.Ref)
	}
	return r
}

// TestOpenAPI_DocsPage: the people's reference lists every API operation with its summary.
func TestOpenAPI_DocsPage(t *testing.T) {
	e := apptest.New(t, "embedded", redisDB)
	status, page := e.Client().Page("/api/docs")
	if status != http.StatusOK {
		t.Fatalf("GET /api/docs = %d", status)
	}
	page = html.UnescapeString(page)
	for _, r := range e.Srv.Routes() {
		if !r.API {
			continue
		}
		op := r.Method + " " + echoParam.ReplaceAllString(r.Path, "{$1}")
		if !strings.Contains(page, "<code>"+op+"</code>") {
			t.Errorf("docs page does not list %s", op)
		}
		if r.Summary != "" && !strings.Contains(page, r.Summary) {
			t.Errorf("docs page does not show %s's summary %q", op, r.Summary)
		}
	}
}
