package httpapi_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	enttenant "github.com/danvan-vn/danvan/ent/tenant"
	"github.com/danvan-vn/danvan/internal/areas/identity"
	"github.com/danvan-vn/danvan/internal/httpapi"

	"github.com/danvan-vn/danvan/ent/job"
	"github.com/danvan-vn/danvan/internal/app/apptest"
	"github.com/danvan-vn/danvan/internal/authz"
	"github.com/danvan-vn/danvan/internal/seed"
	"github.com/danvan-vn/danvan/internal/tenancy"
	"github.com/labstack/echo/v4"
)

const redisDB = 2 // this package's Redis database

func TestMain(m *testing.M) { apptest.Main(m) }

func TestHealthAndReadiness(t *testing.T) {
	for _, mode := range apptest.Modes() {
		t.Run(mode, func(t *testing.T) {
			e := apptest.New(t, mode, redisDB)
			c := e.Client()
			resp, body := c.Do(http.MethodGet, "/readyz", nil)
			apptest.Expect(t, resp, body, http.StatusOK, "")
			var r struct {
				Status string          `json:"status"`
				Checks []httpapi.Check `json:"checks"`
			}
			if err := json.Unmarshal(body, &r); err != nil {
				t.Fatal(err)
			}
			wantMode := map[string]string{"services": "external", "embedded": "embedded"}[mode]
			names := []string{}
			for _, ch := range r.Checks {
				names = append(names, ch.Name)
				if !ch.OK || ch.Mode != wantMode {
					t.Errorf("check %+v, want ok in mode %s", ch, wantMode)
				}
			}
			if strings.Join(names, ",") != "database,redis,storage" || r.Status != "ready" {
				t.Errorf("readyz = %s", body)
			}
			resp, body = c.Do(http.MethodGet, "/healthz", nil)
			apptest.Expect(t, resp, body, http.StatusOK, "")
			// Headers every response carries.
			for h, want := range map[string]string{
				"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY",
				"Content-Security-Policy": "frame-ancestors 'none'",
			} {
				if !strings.Contains(resp.Header.Get(h), want) {
					t.Errorf("header %s = %q, want %q", h, resp.Header.Get(h), want)
				}
			}
			if resp.Header.Get(echo.HeaderXRequestID) == "" {
				t.Error("no request id")
			}
			// Every seed province was provisioned by its job: active, with its own bucket.
			for _, p := range seed.Provinces {
				apptest.WaitTenant(t, e.App, p.Slug, enttenant.StatusActive)
				if _, err := e.App.Store.List(context.Background(), p.Slug, ""); err != nil {
					t.Errorf("bucket of %s: %v", p.Slug, err)
				}
			}
			resp, body = c.Do(http.MethodGet, "/metrics", nil)
			apptest.Expect(t, resp, body, http.StatusOK, "")
			if !strings.Contains(string(body), `danvan_jobs_runs_total{outcome="succeeded",type="tenant:provision"}`) {
				t.Errorf("metrics lack the provisioning job counter")
			}
		})
	}
}

func TestReadiness_NamesTheBrokenPart(t *testing.T) {
	e := apptest.New(t, "embedded", redisDB)
	_ = e.App.DB.Close() // the database goes away
	resp, body := e.Client().Do(http.MethodGet, "/readyz", nil)
	if resp.StatusCode != http.StatusServiceUnavailable || !strings.Contains(string(body), `"name":"database","mode":"embedded","ok":false`) {
		t.Errorf("readyz with the database closed: %d %s", resp.StatusCode, body)
	}
}

func TestCrossProvince(t *testing.T) {
	for _, mode := range apptest.Modes() {
		t.Run(mode, func(t *testing.T) {
			e := apptest.New(t, mode, redisDB)
			apptest.WaitTenant(t, e.App, "quang-ngai", enttenant.StatusActive)
			na := e.Client()
			na.Login("admin@nghe-an.danvan.vn")

			resp, body := na.Do(http.MethodGet, "/api/v1/t/nghe-an", nil)
			apptest.Expect(t, resp, body, http.StatusOK, "")
			resp, body = na.Do(http.MethodGet, "/api/v1/t/nghe-an/jobs", nil)
			apptest.Expect(t, resp, body, http.StatusOK, "")
			if strings.Count(string(body), `"type":"tenant:provision"`) != 1 {
				t.Errorf("Nghệ An sees jobs %s, want exactly its own provisioning job", body)
			}

			// Another province's URLs: 404, the same as a province that does not exist.
			resp, existing := na.Do(http.MethodGet, "/api/v1/t/quang-ngai", nil)
			apptest.Expect(t, resp, existing, http.StatusNotFound, "not_found")
			resp, missing := na.Do(http.MethodGet, "/api/v1/t/no-such-province", nil)
			apptest.Expect(t, resp, missing, http.StatusNotFound, "not_found")
			var p1, p2 httpapi.Problem
			_ = json.Unmarshal(existing, &p1)
			_ = json.Unmarshal(missing, &p2)
			if p1.Title != p2.Title || p1.Detail != p2.Detail || p1.Type != p2.Type {
				t.Errorf("existing and missing provinces answer differently: %s vs %s", existing, missing)
			}
			resp, body = na.Do(http.MethodGet, "/api/v1/t/quang-ngai/jobs", nil)
			apptest.Expect(t, resp, body, http.StatusNotFound, "not_found")

			// Quảng Ngãi's job id, asked for under Nghệ An's URL: not found.
			ctx := tenancy.SystemContext(context.Background()) // the test looks up the other province's job
			qn, _ := e.App.Tenants.BySlug(ctx, "quang-ngai")
			qj, err := e.App.DB.Client.Job.Query().Where(job.TenantID(qn.ID)).First(ctx)
			if err != nil {
				t.Fatal(err)
			}
			resp, body = na.Do(http.MethodGet, "/api/v1/t/nghe-an/jobs/"+itoa(qj.ID), nil)
			apptest.Expect(t, resp, body, http.StatusNotFound, "not_found")

			// Pages say the same.
			resp, body = na.Do(http.MethodGet, "/t/nghe-an/", nil)
			apptest.Expect(t, resp, body, http.StatusOK, "")
			if !strings.Contains(string(body), "Nghệ An") {
				t.Error("province home page does not name the province")
			}
			resp, body = na.Do(http.MethodGet, "/t/quang-ngai/", nil)
			apptest.Expect(t, resp, body, http.StatusNotFound, "")
			if strings.Contains(string(body), "Quảng Ngãi") {
				t.Error("the 404 page names the other province")
			}
		})
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestSessionsAndCSRF(t *testing.T) {
	e := apptest.New(t, "services", redisDB)
	anon := e.Client()
	resp, body := anon.Do(http.MethodGet, "/api/v1/me", nil)
	apptest.Expect(t, resp, body, http.StatusUnauthorized, "unauthorized")
	resp, _ = anon.Do(http.MethodGet, "/t/nghe-an/", nil)
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/login?next=") {
		t.Errorf("anonymous page: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	// Wrong password: same answer as an unknown account.
	resp, wrong := anon.Do(http.MethodPost, "/api/v1/login", map[string]string{"email": "admin@nghe-an.danvan.vn", "password": "sai-mat-khau-roi"})
	apptest.Expect(t, resp, wrong, http.StatusUnauthorized, "bad_credentials")
	resp, unknown := anon.Do(http.MethodPost, "/api/v1/login", map[string]string{"email": "nobody@danvan.vn", "password": "sai-mat-khau-roi"})
	apptest.Expect(t, resp, unknown, http.StatusUnauthorized, "bad_credentials")

	c := e.Client()
	c.Login("admin@nghe-an.danvan.vn")
	resp, body = c.Do(http.MethodGet, "/api/v1/me", nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	if !strings.Contains(string(body), `"slug":"nghe-an"`) || !strings.Contains(string(body), `"role":"province_admin"`) {
		t.Errorf("me = %s", body)
	}
	u, _ := url.Parse(e.URL)
	// A state-changing request without the CSRF token is refused.
	req, _ := http.NewRequest(http.MethodPost, e.URL+"/api/v1/logout", nil)
	r2, err := c.HTTP.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b2, _ := io.ReadAll(r2.Body)
	r2.Body.Close()
	apptest.Expect(t, r2, b2, http.StatusForbidden, "csrf")
	// Logout revokes the session: the same cookie stops working at once.
	var sessionCookie *http.Cookie
	for _, ck := range c.HTTP.Jar.Cookies(u) {
		if ck.Name == "danvan_session" {
			sessionCookie = ck
		}
	}
	resp, body = c.Do(http.MethodPost, "/api/v1/logout", nil)
	apptest.Expect(t, resp, body, http.StatusNoContent, "")
	replay := e.Client()
	replay.HTTP.Jar.SetCookies(u, []*http.Cookie{sessionCookie})
	resp, body = replay.Do(http.MethodGet, "/api/v1/me", nil)
	apptest.Expect(t, resp, body, http.StatusUnauthorized, "unauthorized")
}

// TestGracefulShutdown: a request in flight when the server is told to stop still completes.
func TestGracefulShutdown(t *testing.T) {
	e := apptest.New(t, "embedded", redisDB)
	started := make(chan struct{})
	e.Srv.Echo().GET("/test-slow", func(c echo.Context) error {
		close(started)
		time.Sleep(700 * time.Millisecond)
		return c.String(http.StatusOK, "finished")
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	cfg := *e.App.Cfg
	cfg.HTTPAddr = addr
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- e.Srv.Serve(ctx, &cfg) }()
	var resp *http.Response
	got := make(chan error, 1)
	go func() {
		var err error
		for i := 0; i < 50; i++ {
			resp, err = http.Get("http://" + addr + "/test-slow")
			if err == nil {
				break
			}
			time.Sleep(20 * time.Millisecond)
		}
		got <- err
	}()
	<-started
	cancel() // SIGTERM
	if err := <-got; err != nil {
		t.Fatalf("request in flight failed: %v", err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if string(b) != "finished" {
		t.Errorf("in-flight response = %q", b)
	}
	if err := <-done; err != nil && err != http.ErrServerClosed {
		t.Errorf("serve: %v", err)
	}
}

// TestRoutes_AllDeclared walks echo's route table: every route declares a permission or is in
// the short public list.
func TestRoutes_AllDeclared(t *testing.T) {
	e := apptest.New(t, "embedded", redisDB)
	declared := map[string]httpapi.Route{}
	for _, r := range e.Srv.Routes() {
		declared[r.Method+" "+r.Path] = r
	}
	publicOK := []string{
		"GET /healthz", "GET /readyz", "GET /metrics", "GET /static/*", "GET /", "GET /login", "POST /login",
		"POST /logout", "GET /invite/:token", "POST /invite/:token", "POST /api/v1/login", "POST /api/v1/logout",
		"GET /api/v1/invitations/:token", "POST /api/v1/invitations/:token/accept",
		"GET /api/v1/openapi.json", "GET /api/docs", "GET /favicon.ico",
	}
	a, _ := authz.New()
	for _, r := range e.Srv.Echo().Routes() {
		if strings.HasSuffix(r.Name, "glob..func1") || r.Method == "echo_route_not_found" || strings.Contains(r.Path, "echo_route_not_found") {
			continue
		}
		k := r.Method + " " + r.Path
		d, ok := declared[k]
		switch {
		case !ok:
			t.Errorf("route %s declares no permission", k)
		case d.Public && !slices.Contains(publicOK, k):
			t.Errorf("route %s is public but not in the public list", k)
		case !d.Public:
			grantable := false
			for _, role := range append([]string{"authenticated", "platform_admin"}, authz.ProvinceRoles...) {
				if a.Default(role, d.Perm.Object, d.Perm.Action) || a.Grantable(role, d.Perm.Object, d.Perm.Action, nil) ||
					apptest.Allowed(a, role, role == "platform_admin", d) {
					grantable = true
				}
			}
			if !grantable {
				t.Errorf("route %s declares %s, which no role can ever hold", k, d.Perm)
			}
		}
	}
	if len(declared) < 40 {
		t.Errorf("only %d routes declared", len(declared))
	}
}

// TestRoleRouteMatrix: for every role and every declared route, a request with a real session
// gets what the policy implies, and every province route of another province answers 404.
func TestRoleRouteMatrix(t *testing.T) {
	e := apptest.New(t, "services", redisDB)
	apptest.WaitTenant(t, e.App, "quang-ngai", "active")
	a := e.App.Authz
	type who struct {
		role  string
		admin bool
		c     *apptest.Client
	}
	var people []who
	for i, role := range authz.ProvinceRoles {
		people = append(people, who{role: role, c: e.Person(t, fmt.Sprintf("matrix%d@nghe-an.vn", i), role, "nghe-an", false)})
	}
	people = append(people,
		who{role: "", admin: true, c: e.Person(t, "matrix-platform@danvan.vn", "", "", true)},
		who{role: "", c: e.Person(t, "matrix-norole@danvan.vn", "", "", false)},
	)
	routes := e.Srv.Routes()
	checked := 0
	for _, p := range people {
		name := p.role
		if p.admin {
			name = "platform_admin"
		} else if name == "" {
			name = "no_membership"
		}
		for _, r := range routes {
			if r.Public {
				continue
			}
			resp, body := p.c.Do(r.Method, apptest.Concrete(r.Path, "nghe-an"), map[string]any{})
			checked++
			member := p.role != ""
			switch {
			case r.Province && !member:
				if resp.StatusCode != http.StatusNotFound {
					t.Errorf("%s %s %s: %d, want 404 (not a member)", name, r.Method, r.Path, resp.StatusCode)
				}
			case apptest.Allowed(a, p.role, p.admin, r):
				if resp.StatusCode == http.StatusForbidden || resp.StatusCode == http.StatusUnauthorized || resp.StatusCode >= 500 {
					t.Errorf("%s %s %s: %d, want allowed; %s", name, r.Method, r.Path, resp.StatusCode, body)
				}
			default:
				if resp.StatusCode != http.StatusForbidden {
					t.Errorf("%s %s %s: %d, want 403", name, r.Method, r.Path, resp.StatusCode)
				}
			}
			if r.Province {
				resp, body = p.c.Do(r.Method, apptest.Concrete(r.Path, "quang-ngai"), map[string]any{})
				if resp.StatusCode != http.StatusNotFound {
					t.Errorf("%s %s %s on another province: %d, want 404; %s", name, r.Method, r.Path, resp.StatusCode, body)
				}
			}
		}
	}
	// A token of Nghệ An on Quảng Ngãi's URLs: 404 too.
	admin := people[0].c
	resp, body := admin.Do(http.MethodPost, "/api/v1/me/tokens", map[string]any{"province": "nghe-an", "name": "Đồng bộ", "days": 30})
	apptest.Expect(t, resp, body, http.StatusCreated, "")
	var tok identity.TokenJSON
	_ = json.Unmarshal(body, &tok)
	tc := admin.Bearer(tok.Token)
	for _, r := range routes {
		if !r.Province || !strings.HasPrefix(r.Path, "/api/") {
			continue
		}
		resp, body := tc.Do(r.Method, apptest.Concrete(r.Path, "quang-ngai"), map[string]any{})
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("token %s %s on another province: %d, want 404; %s", r.Method, r.Path, resp.StatusCode, body)
		}
	}
	if checked < 9*40 {
		t.Errorf("checked %d requests", checked)
	}
}

// TestFirstAPICall: a script's first call is POST /api/v1/login with JSON and no cookie, and it
// works without fetching a page first; the session it opens needs the CSRF token the login
// answered with, as every cookie session does.
func TestFirstAPICall(t *testing.T) {
	e := apptest.New(t, "services", redisDB)
	send := func(c *http.Client, method, path, ctype, body string, header map[string]string) (*http.Response, []byte) {
		t.Helper()
		req, _ := http.NewRequest(method, e.URL+path, strings.NewReader(body))
		if ctype != "" {
			req.Header.Set("Content-Type", ctype)
		}
		for k, v := range header {
			req.Header.Set(k, v)
		}
		req.Header.Set("Accept-Language", "en")
		resp, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp, b
	}
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	login := `{"email":"admin@nghe-an.danvan.vn","password":"` + seed.DemoPassword + `"}`

	// Not JSON (what a cross-site form can send): still refused without a token.
	form := url.Values{"email": {"admin@nghe-an.danvan.vn"}, "password": {seed.DemoPassword}}.Encode()
	for ct, body := range map[string]string{"application/x-www-form-urlencoded": form, "text/plain": login, "": login} {
		resp, b := send(c, http.MethodPost, "/api/v1/login", ct, body, nil)
		apptest.Expect(t, resp, b, http.StatusForbidden, "csrf")
	}

	resp, body := send(c, http.MethodPost, "/api/v1/login", "application/json; charset=utf-8", login, nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	var me struct {
		Email     string `json:"email"`
		CSRFToken string `json:"csrf_token"`
	}
	if err := json.Unmarshal(body, &me); err != nil || me.Email != "admin@nghe-an.danvan.vn" || me.CSRFToken == "" {
		t.Fatalf("login answered %s (%v)", body, err)
	}
	if h := resp.Header.Get("X-CSRF-Token"); h != me.CSRFToken {
		t.Errorf("X-CSRF-Token header %q, body csrf_token %q", h, me.CSRFToken)
	}
	resp, body = send(c, http.MethodGet, "/api/v1/t/nghe-an/units", "", "", nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")

	// With the session cookie, JSON or not, a state-changing call needs the token.
	resp, body = send(c, http.MethodPost, "/api/v1/me/password", "application/json",
		`{"current_password":"x","new_password":"y"}`, nil)
	apptest.Expect(t, resp, body, http.StatusForbidden, "csrf")
	if !strings.Contains(string(body), "X-CSRF-Token header with the csrf_token") {
		t.Errorf("the API's CSRF refusal does not say what to send: %s", body)
	}
	resp, body = send(c, http.MethodPost, "/api/v1/logout", "application/json", `{}`, map[string]string{"X-CSRF-Token": me.CSRFToken})
	apptest.Expect(t, resp, body, http.StatusNoContent, "")

	t.Run("bad input names the field", func(t *testing.T) {
		anon := &http.Client{}
		fields := func(body []byte) map[string]string {
			var p struct {
				Errors map[string]string `json:"errors"`
			}
			_ = json.Unmarshal(body, &p)
			return p.Errors
		}
		resp, body := send(anon, http.MethodPost, "/api/v1/login", "application/json", `{}`, nil)
		apptest.Expect(t, resp, body, http.StatusUnprocessableEntity, "invalid")
		if f := fields(body); f["email"] != "This field is required." || f["password"] != "This field is required." {
			t.Errorf("{} on login: errors %v", f)
		}
		resp, body = send(anon, http.MethodPost, "/api/v1/login", "application/json", `{"email":"  ","password":"x"}`, nil)
		apptest.Expect(t, resp, body, http.StatusUnprocessableEntity, "invalid")
		if f := fields(body); len(f) != 1 || f["email"] != "This field is required." {
			t.Errorf("blank email: errors %v", f)
		}
		resp, body = send(anon, http.MethodPost, "/api/v1/login", "application/json", `{"email":5,"password":"x"}`, nil)
		apptest.Expect(t, resp, body, http.StatusUnprocessableEntity, "invalid")
		if f := fields(body); !strings.Contains(f["email"], "expected text") {
			t.Errorf("a number for email: errors %v", f)
		}
		resp, body = send(anon, http.MethodPost, "/api/v1/login", "application/json", `{"email":"a@b.vn","password":["x"]}`, nil)
		apptest.Expect(t, resp, body, http.StatusUnprocessableEntity, "invalid")
		if f := fields(body); !strings.Contains(f["password"], "expected text") {
			t.Errorf("a list for password: errors %v", f)
		}
	})

	t.Run("bearer tokens need no CSRF token", func(t *testing.T) {
		admin := e.Client()
		admin.Login("admin@nghe-an.danvan.vn")
		resp, body := admin.Do(http.MethodPost, "/api/v1/me/tokens", map[string]any{"province": "nghe-an", "name": "script", "days": 1})
		apptest.Expect(t, resp, body, http.StatusCreated, "")
		var tok struct {
			Token string `json:"token"`
		}
		_ = json.Unmarshal(body, &tok)
		resp, body = send(&http.Client{}, http.MethodPost, "/api/v1/t/nghe-an/units", "application/json",
			`{"code":"API-1","name":"Phòng thử API","type":"department"}`,
			map[string]string{"Authorization": "Bearer " + tok.Token})
		apptest.Expect(t, resp, body, http.StatusCreated, "")
	})
}
