package httpapi_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/internal/viewer"

	"github.com/labstack/echo/v4"

	"github.com/danvan-vn/danvan/internal/app/apptest"
	"github.com/danvan-vn/danvan/internal/authz"
	"github.com/danvan-vn/danvan/internal/config"
	"github.com/danvan-vn/danvan/internal/httpapi"
	"github.com/danvan-vn/danvan/internal/seed"
	"github.com/danvan-vn/danvan/internal/web"
)

// dummy is a whole area: its routes, permission, navigation, flash notice and templates, in one
// place. Adding it to the app is one line (here: apptest.Options.Areas; in the app:
// internal/app/http.go's Areas list).
type dummy struct{ templates []string }

var permDummy = authz.Permission{Object: "province", Action: "read"}

func (d dummy) Register(r *httpapi.Router) {
	r = r.Area("dummy")
	r.Nav(httpapi.NavItem{Section: httpapi.NavProvince, Label: "nav.home", Path: "/dummy", Perm: permDummy, Order: 99})
	r.Flash("dummy_done", "settings.saved")
	r.Templates(d.templates...)
	p := r.Province()
	p.Page(httpapi.GET, "/dummy", func(c echo.Context) error { return httpapi.Redirect(c, httpapi.ProvinceURL(c, "/"), "dummy_done") }, permDummy)
	p.API(httpapi.GET, "/dummy", func(c echo.Context) error {
		return c.JSON(http.StatusOK, map[string]string{"province": httpapi.Tenant(c).Slug})
	}, permDummy, httpapi.Summary("A dummy area's one route"))
}

func TestArea_OneLineRegistration(t *testing.T) {
	e := apptest.Start(t, apptest.Options{Mode: "embedded", RedisDB: redisDB, Areas: []httpapi.Area{dummy{templates: []string{"home"}}}})
	admin := e.Client()
	admin.Login(seed.Provinces[0].AdminEmail)

	// Its API route works behind the province wall and the permission.
	resp, body := admin.Do(http.MethodGet, "/api/v1/t/nghe-an/dummy", nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	resp, body = admin.Do(http.MethodGet, "/api/v1/t/quang-ngai/dummy", nil)
	apptest.Expect(t, resp, body, http.StatusNotFound, "not_found")
	// Its page redirects with its flash notice, which the home page shows; its nav link is there.
	resp, _ = admin.Do(http.MethodGet, "/t/nghe-an/dummy", nil)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("dummy page: %d", resp.StatusCode)
	}
	status, html := admin.Page(resp.Header.Get("Location"))
	if status != http.StatusOK || !strings.Contains(html, `href="/t/nghe-an/dummy"`) {
		t.Errorf("home page: %d, no nav link to the dummy area", status)
	}
	if !strings.Contains(html, "Đã lưu") {
		t.Errorf("the dummy area's flash notice is not shown")
	}
	// It is in the route table, with its area, and in the OpenAPI document.
	found := false
	for _, r := range e.Srv.Routes() {
		if r.Path == "/api/v1/t/:slug/dummy" && r.Area == "dummy" && r.Perm == permDummy {
			found = true
		}
	}
	if !found {
		t.Errorf("the dummy API route is not declared")
	}
	resp, body = admin.Do(http.MethodGet, "/api/v1/openapi.json", nil)
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), `"/api/v1/t/{slug}/dummy"`) {
		t.Errorf("the OpenAPI document lacks the dummy route")
	}
}

// TestNew_MissingTemplate: an area that renders a template the tree lacks stops the server from
// starting, naming it.
func TestNew_MissingTemplate(t *testing.T) {
	cfg, err := config.FromMap(map[string]string{"DANVAN_DATA_DIR": t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	_, err = httpapi.New(httpapi.Deps{Config: cfg, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Authz: noAuthz{}},
		dummy{templates: []string{"no_such_page"}})
	if err == nil || !strings.Contains(err.Error(), "no_such_page") {
		t.Fatalf("New with a missing template: %v", err)
	}
}

type noAuthz struct{}

func (noAuthz) Allowed(*viewer.Viewer, string, authz.Permission) bool { return false }
func (noAuthz) Catalog() []authz.Permission                           { return nil }
func (noAuthz) Sync(context.Context, *ent.Tenant) error               { return nil }

// TestNav_FollowsGrants: the navigation gathered from the areas shows a role only the links its
// grants open (the province admin sees the administration row, a unit officer does not).
func TestNav_FollowsGrants(t *testing.T) {
	e := apptest.New(t, "embedded", redisDB)
	admin := e.Client()
	admin.Login(seed.Provinces[0].AdminEmail)
	officer := e.Person(t, "officer@nghe-an.vn", "unit_officer", "nghe-an", false)
	for _, tc := range []struct {
		who  *apptest.Client
		name string
		want map[string]bool
	}{
		{admin, "province admin", map[string]bool{"/units": true, "/jobs": true, "/grants": true, "/audit": true, "/settings": true}},
		{officer, "unit officer", map[string]bool{"/units": true, "/jobs": false, "/grants": false, "/audit": false, "/settings": false}},
	} {
		status, html := tc.who.Page("/t/nghe-an/")
		if status != http.StatusOK {
			t.Fatalf("%s: home %d", tc.name, status)
		}
		for path, want := range tc.want {
			if got := strings.Contains(html, `href="/t/nghe-an`+path+`"`); got != want {
				t.Errorf("%s: link %s shown = %v, want %v", tc.name, path, got, want)
			}
		}
	}
}

// broken renders the home template with a view model that lacks its fields: the template fails
// halfway.
type broken struct{}

type brokenPage struct{ web.Page }

func (broken) Register(r *httpapi.Router) {
	r = r.Area("broken")
	r.Templates("home")
	r.Province().Page(httpapi.GET, "/broken", func(c echo.Context) error {
		return httpapi.HTML(c, http.StatusOK, "home", brokenPage{Page: httpapi.PageOf(c, "nav.home")})
	}, permDummy)
}

// TestHTML_TemplateErrorIs500: a page whose template fails halfway is a 500 error page, not an
// empty page sent with status 200 before the failure.
func TestHTML_TemplateErrorIs500(t *testing.T) {
	e := apptest.Start(t, apptest.Options{Mode: "embedded", RedisDB: redisDB, Areas: []httpapi.Area{broken{}}})
	admin := e.Client()
	admin.Login(seed.Provinces[0].AdminEmail)
	status, html := admin.Page("/t/nghe-an/broken")
	if status != http.StatusInternalServerError || !strings.Contains(html, "<html") {
		t.Errorf("a failing template: status %d, %d bytes; want a 500 error page", status, len(html))
	}
}
