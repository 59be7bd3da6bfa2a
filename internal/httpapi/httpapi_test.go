package httpapi_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hibiken/asynq"
	"github.com/labstack/echo/v4"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/ent/job"
	enttenant "github.com/danvan-vn/danvan/ent/tenant"
	"github.com/danvan-vn/danvan/internal/app"
	"github.com/danvan-vn/danvan/internal/config"
	"github.com/danvan-vn/danvan/internal/httpapi"
	"github.com/danvan-vn/danvan/internal/jobs"
	"github.com/danvan-vn/danvan/internal/seed"
	"github.com/danvan-vn/danvan/internal/tenancy"
	"github.com/danvan-vn/danvan/internal/testenv"
)

const redisDB = 2 // this package's Redis database

func TestMain(m *testing.M) {
	code := m.Run()
	testenv.StopMinIO()
	os.Exit(code)
}

type env struct {
	t   *testing.T
	app *app.App
	srv *httpapi.Server
	url string
}

// newEnv starts the whole app: on real PostgreSQL, Redis and MinIO, or on the embedded default,
// with the four demo provinces (without their units and committees: see newConfiguredEnv).
func newEnv(t *testing.T, mode string) *env { return startEnv(t, mode, false) }

// newConfiguredEnv is newEnv with the demo provinces' full configuration.
func newConfiguredEnv(t *testing.T, mode string) *env { return startEnv(t, mode, true) }

func startEnv(t *testing.T, mode string, configured bool) *env {
	t.Helper()
	vars := map[string]string{"DANVAN_DATA_DIR": t.TempDir(), "DANVAN_LOG_LEVEL": "warn"}
	if mode == "services" {
		pg := testenv.Postgres(t)
		s3 := testenv.S3(t)
		vars["DANVAN_DATABASE_URL"] = pg.AppURL
		vars["DANVAN_REDIS_URL"] = testenv.Redis(t, redisDB)
		vars["DANVAN_S3_ENDPOINT"] = s3.Endpoint
		vars["DANVAN_S3_ACCESS_KEY"] = s3.AccessKey
		vars["DANVAN_S3_SECRET_KEY"] = s3.SecretKey
		vars["DANVAN_S3_BUCKET_PREFIX"] = s3.BucketPrefix
	} else {
		vars["DANVAN_DATABASE_URL"] = testenv.SQLite(t)
	}
	cfg, err := config.FromMap(vars)
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	a, err := app.New(context.Background(), cfg, log)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(a.Close)
	w, err := a.Jobs.NewWorker(a.Redis, jobs.WorkerConfig{Concurrency: 2, ShutdownTimeout: 5 * time.Second,
		// A failed attempt (a slow machine) is retried within the test's patience.
		RetryDelay: func(int, error, *asynq.Task) time.Duration { return 500 * time.Millisecond }}, false)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(w.Shutdown)
	srv, err := httpapi.New(a)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	deps := seed.Deps{}
	if configured {
		deps = app.SeedDeps(a)
	}
	if _, err := seed.Demo(context.Background(), a.DB.Client, a.Tenants, deps); err != nil {
		t.Fatal(err)
	}
	return &env{t: t, app: a, srv: srv, url: ts.URL}
}

// client is a browser-like API client with its own cookies.
type client struct {
	e     *env
	http  *http.Client
	lang  string
	token string // bearer token instead of cookies
}

func (e *env) client() *client {
	jar, _ := cookiejar.New(nil)
	return &client{e: e, http: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}}
}

func (c *client) csrf() string {
	u, _ := url.Parse(c.e.url)
	for _, ck := range c.http.Jar.Cookies(u) {
		if ck.Name == "danvan_csrf" {
			return ck.Value
		}
	}
	// First visit: any GET sets the token cookie.
	resp, err := c.http.Get(c.e.url + "/login")
	if err != nil {
		c.e.t.Fatal(err)
	}
	resp.Body.Close()
	for _, ck := range c.http.Jar.Cookies(u) {
		if ck.Name == "danvan_csrf" {
			return ck.Value
		}
	}
	c.e.t.Fatal("no CSRF cookie")
	return ""
}

func (c *client) do(method, path string, body any) (*http.Response, []byte) {
	c.e.t.Helper()
	var r io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		r = strings.NewReader(string(b))
	}
	req, _ := http.NewRequest(method, c.e.url+path, r)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	} else if method != http.MethodGet {
		req.Header.Set("X-CSRF-Token", c.csrf())
	}
	if c.lang != "" {
		req.Header.Set("Accept-Language", c.lang)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		c.e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, b
}

func (c *client) login(email string) {
	c.e.t.Helper()
	resp, b := c.do(http.MethodPost, "/api/v1/login", map[string]string{"email": email, "password": seed.DemoPassword})
	if resp.StatusCode != http.StatusOK {
		c.e.t.Fatalf("login %s: %d %s", email, resp.StatusCode, b)
	}
}

func expect(t *testing.T, resp *http.Response, body []byte, status int, code string) {
	t.Helper()
	if resp.StatusCode != status {
		t.Fatalf("%s %s: status %d, want %d; body %s", resp.Request.Method, resp.Request.URL.Path, resp.StatusCode, status, body)
	}
	if code == "" {
		return
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/problem+json") {
		t.Errorf("content type %q, want problem JSON", ct)
	}
	var p httpapi.Problem
	if err := json.Unmarshal(body, &p); err != nil {
		t.Fatalf("problem body: %v: %s", err, body)
	}
	if p.Code != code || p.Status != status || p.Title == "" {
		t.Errorf("problem = %+v, want code %s status %d with a title", p, code, status)
	}
}

func waitTenant(t *testing.T, a *app.App, slug string, want enttenant.Status) *ent.Tenant {
	t.Helper()
	ctx := tenancy.SystemContext(context.Background()) // test looks across provinces
	deadline := time.Now().Add(60 * time.Second)
	for {
		tn, err := a.DB.Client.Tenant.Query().Where(enttenant.Slug(slug)).Only(ctx)
		if err == nil && tn.Status == want {
			return tn
		}
		if time.Now().After(deadline) {
			js, _ := a.DB.Client.Job.Query().All(ctx)
			for _, j := range js {
				t.Logf("job %d %s tenant %d: %s attempts %d error %q", j.ID, j.Type, j.TenantID, j.Status, j.Attempts, j.LastError)
			}
			t.Fatalf("province %s: %v (err %v), want %s", slug, tn, err, want)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func modes() []string { return []string{"services", "embedded"} }

func TestHealthAndReadiness(t *testing.T) {
	for _, mode := range modes() {
		t.Run(mode, func(t *testing.T) {
			e := newEnv(t, mode)
			c := e.client()
			resp, body := c.do(http.MethodGet, "/readyz", nil)
			expect(t, resp, body, http.StatusOK, "")
			var r struct {
				Status string      `json:"status"`
				Checks []app.Check `json:"checks"`
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
			resp, body = c.do(http.MethodGet, "/healthz", nil)
			expect(t, resp, body, http.StatusOK, "")
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
				waitTenant(t, e.app, p.Slug, enttenant.StatusActive)
				if _, err := e.app.Store.List(context.Background(), p.Slug, ""); err != nil {
					t.Errorf("bucket of %s: %v", p.Slug, err)
				}
			}
			resp, body = c.do(http.MethodGet, "/metrics", nil)
			expect(t, resp, body, http.StatusOK, "")
			if !strings.Contains(string(body), `danvan_jobs_runs_total{outcome="succeeded",type="tenant:provision"}`) {
				t.Errorf("metrics lack the provisioning job counter")
			}
		})
	}
}

func TestReadiness_NamesTheBrokenPart(t *testing.T) {
	e := newEnv(t, "embedded")
	_ = e.app.DB.Close() // the database goes away
	resp, body := e.client().do(http.MethodGet, "/readyz", nil)
	if resp.StatusCode != http.StatusServiceUnavailable || !strings.Contains(string(body), `"name":"database","mode":"embedded","ok":false`) {
		t.Errorf("readyz with the database closed: %d %s", resp.StatusCode, body)
	}
}

func TestPlatformTenants(t *testing.T) {
	for _, mode := range modes() {
		t.Run(mode, func(t *testing.T) {
			e := newEnv(t, mode)
			admin := e.client()
			admin.login(seed.PlatformAdminEmail)
			ctx := tenancy.SystemContext(context.Background()) // the test counts across provinces
			before, _ := e.app.DB.Client.Tenant.Query().Count(ctx)

			// Bad input: every field named, in Vietnamese by default and in English on request, nothing written.
			resp, body := admin.do(http.MethodPost, "/api/v1/platform/tenants", map[string]string{"slug": "Quảng Ngãi!", "name": "", "plan": "gold"})
			expect(t, resp, body, http.StatusUnprocessableEntity, "invalid")
			var p httpapi.Problem
			_ = json.Unmarshal(body, &p)
			if p.Errors["slug"] == "" || p.Errors["name"] == "" {
				t.Errorf("field errors = %v", p.Errors)
			}
			if !strings.Contains(p.Title, "không hợp lệ") && !strings.Contains(strings.ToLower(p.Title), "dữ liệu") {
				t.Errorf("Vietnamese title = %q", p.Title)
			}
			admin.lang = "en"
			resp, body = admin.do(http.MethodPost, "/api/v1/platform/tenants", map[string]string{"slug": "kon-tum", "name": "Kon Tum", "plan": "gold"})
			expect(t, resp, body, http.StatusUnprocessableEntity, "invalid")
			_ = json.Unmarshal(body, &p)
			if p.Errors["plan"] == "" || !isASCII(p.Title) {
				t.Errorf("English problem = %+v", p)
			}
			admin.lang = ""
			// An admin with a bad e-mail: the whole creation is refused, no tenant left behind.
			resp, body = admin.do(http.MethodPost, "/api/v1/platform/tenants", map[string]string{"slug": "kon-tum", "name": "Kon Tum",
				"plan": "standard", "admin_email": "not-an-email", "admin_name": "A", "admin_password": "long-enough-password"})
			expect(t, resp, body, http.StatusUnprocessableEntity, "invalid")
			if after, _ := e.app.DB.Client.Tenant.Query().Count(ctx); after != before {
				t.Fatalf("rejected requests left %d tenants, had %d", after, before)
			}

			resp, body = admin.do(http.MethodPost, "/api/v1/platform/tenants", map[string]string{"slug": "kon-tum", "name": "Kon Tum",
				"plan": "standard", "admin_email": "admin@kon-tum.danvan.vn", "admin_name": "Y Bluăh", "admin_password": seed.DemoPassword})
			expect(t, resp, body, http.StatusCreated, "")
			tn := waitTenant(t, e.app, "kon-tum", enttenant.StatusActive)
			if tn.Settings["locale"] != "vi" {
				t.Errorf("default settings = %v", tn.Settings)
			}
			if _, err := e.app.Store.List(context.Background(), "kon-tum", ""); err != nil {
				t.Errorf("new province has no bucket: %v", err)
			}
			resp, body = admin.do(http.MethodPost, "/api/v1/platform/tenants", map[string]string{"slug": "kon-tum", "name": "Kon Tum", "plan": "standard"})
			expect(t, resp, body, http.StatusConflict, "slug_taken")

			resp, body = admin.do(http.MethodGet, "/api/v1/platform/tenants", nil)
			expect(t, resp, body, http.StatusOK, "")
			if !strings.Contains(string(body), `"slug":"kon-tum"`) || !strings.Contains(string(body), `"name":"Quảng Ngãi"`) {
				t.Errorf("tenant list = %s", body)
			}

			// The new province admin logs in and works in their province only.
			kt := e.client()
			kt.login("admin@kon-tum.danvan.vn")
			resp, body = kt.do(http.MethodGet, "/api/v1/t/kon-tum", nil)
			expect(t, resp, body, http.StatusOK, "")
			resp, body = kt.do(http.MethodGet, "/api/v1/platform/tenants", nil)
			expect(t, resp, body, http.StatusForbidden, "forbidden")

			// Suspension shuts the province's users out.
			resp, body = admin.do(http.MethodPost, "/api/v1/platform/tenants/kon-tum/suspend", nil)
			expect(t, resp, body, http.StatusOK, "")
			resp, body = kt.do(http.MethodGet, "/api/v1/t/kon-tum", nil)
			expect(t, resp, body, http.StatusForbidden, "forbidden")
		})
	}
}

func isASCII(s string) bool {
	for _, r := range s {
		if r > 127 {
			return false
		}
	}
	return true
}

func TestCrossProvince(t *testing.T) {
	for _, mode := range modes() {
		t.Run(mode, func(t *testing.T) {
			e := newEnv(t, mode)
			waitTenant(t, e.app, "quang-ngai", enttenant.StatusActive)
			na := e.client()
			na.login("admin@nghe-an.danvan.vn")

			resp, body := na.do(http.MethodGet, "/api/v1/t/nghe-an", nil)
			expect(t, resp, body, http.StatusOK, "")
			resp, body = na.do(http.MethodGet, "/api/v1/t/nghe-an/jobs", nil)
			expect(t, resp, body, http.StatusOK, "")
			if strings.Count(string(body), `"type":"tenant:provision"`) != 1 {
				t.Errorf("Nghệ An sees jobs %s, want exactly its own provisioning job", body)
			}

			// Another province's URLs: 404, the same as a province that does not exist.
			resp, existing := na.do(http.MethodGet, "/api/v1/t/quang-ngai", nil)
			expect(t, resp, existing, http.StatusNotFound, "not_found")
			resp, missing := na.do(http.MethodGet, "/api/v1/t/no-such-province", nil)
			expect(t, resp, missing, http.StatusNotFound, "not_found")
			var p1, p2 httpapi.Problem
			_ = json.Unmarshal(existing, &p1)
			_ = json.Unmarshal(missing, &p2)
			if p1.Title != p2.Title || p1.Detail != p2.Detail || p1.Type != p2.Type {
				t.Errorf("existing and missing provinces answer differently: %s vs %s", existing, missing)
			}
			resp, body = na.do(http.MethodGet, "/api/v1/t/quang-ngai/jobs", nil)
			expect(t, resp, body, http.StatusNotFound, "not_found")

			// Quảng Ngãi's job id, asked for under Nghệ An's URL: not found.
			ctx := tenancy.SystemContext(context.Background()) // the test looks up the other province's job
			qn, _ := e.app.Tenants.BySlug(ctx, "quang-ngai")
			qj, err := e.app.DB.Client.Job.Query().Where(job.TenantID(qn.ID)).First(ctx)
			if err != nil {
				t.Fatal(err)
			}
			resp, body = na.do(http.MethodGet, "/api/v1/t/nghe-an/jobs/"+itoa(qj.ID), nil)
			expect(t, resp, body, http.StatusNotFound, "not_found")

			// Pages say the same.
			resp, body = na.do(http.MethodGet, "/t/nghe-an/", nil)
			expect(t, resp, body, http.StatusOK, "")
			if !strings.Contains(string(body), "Nghệ An") {
				t.Error("province home page does not name the province")
			}
			resp, body = na.do(http.MethodGet, "/t/quang-ngai/", nil)
			expect(t, resp, body, http.StatusNotFound, "")
			if strings.Contains(string(body), "Quảng Ngãi") {
				t.Error("the 404 page names the other province")
			}
		})
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestSessionsAndCSRF(t *testing.T) {
	e := newEnv(t, "services")
	anon := e.client()
	resp, body := anon.do(http.MethodGet, "/api/v1/me", nil)
	expect(t, resp, body, http.StatusUnauthorized, "unauthorized")
	resp, _ = anon.do(http.MethodGet, "/t/nghe-an/", nil)
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/login?next=") {
		t.Errorf("anonymous page: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	// Wrong password: same answer as an unknown account.
	resp, wrong := anon.do(http.MethodPost, "/api/v1/login", map[string]string{"email": "admin@nghe-an.danvan.vn", "password": "sai-mat-khau-roi"})
	expect(t, resp, wrong, http.StatusUnauthorized, "bad_credentials")
	resp, unknown := anon.do(http.MethodPost, "/api/v1/login", map[string]string{"email": "nobody@danvan.vn", "password": "sai-mat-khau-roi"})
	expect(t, resp, unknown, http.StatusUnauthorized, "bad_credentials")

	c := e.client()
	c.login("admin@nghe-an.danvan.vn")
	resp, body = c.do(http.MethodGet, "/api/v1/me", nil)
	expect(t, resp, body, http.StatusOK, "")
	if !strings.Contains(string(body), `"slug":"nghe-an"`) || !strings.Contains(string(body), `"role":"province_admin"`) {
		t.Errorf("me = %s", body)
	}
	u, _ := url.Parse(e.url)
	// A state-changing request without the CSRF token is refused.
	req, _ := http.NewRequest(http.MethodPost, e.url+"/api/v1/logout", nil)
	r2, err := c.http.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b2, _ := io.ReadAll(r2.Body)
	r2.Body.Close()
	expect(t, r2, b2, http.StatusForbidden, "csrf")
	// Logout revokes the session: the same cookie stops working at once.
	var sessionCookie *http.Cookie
	for _, ck := range c.http.Jar.Cookies(u) {
		if ck.Name == "danvan_session" {
			sessionCookie = ck
		}
	}
	resp, body = c.do(http.MethodPost, "/api/v1/logout", nil)
	expect(t, resp, body, http.StatusNoContent, "")
	replay := e.client()
	replay.http.Jar.SetCookies(u, []*http.Cookie{sessionCookie})
	resp, body = replay.do(http.MethodGet, "/api/v1/me", nil)
	expect(t, resp, body, http.StatusUnauthorized, "unauthorized")
}

// TestPages_LoginFlow drives the HTML forms: login page, bad password, login, home, logout.
func TestPages_LoginFlow(t *testing.T) {
	e := newEnv(t, "embedded")
	c := e.client()
	resp, body := c.do(http.MethodGet, "/login", nil)
	expect(t, resp, body, http.StatusOK, "")
	if !strings.Contains(string(body), `lang="vi"`) || !strings.Contains(string(body), "Đăng nhập") {
		t.Error("login page is not Vietnamese by default")
	}
	form := func(path string, vals url.Values) (*http.Response, string) {
		vals.Set("_csrf", c.csrf())
		resp, err := c.http.PostForm(e.url+path, vals)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp, string(b)
	}
	resp, page := form("/login", url.Values{"email": {"admin@quang-ngai.danvan.vn"}, "password": {"wrong-password"}})
	if resp.StatusCode != http.StatusUnauthorized || !strings.Contains(page, "admin@quang-ngai.danvan.vn") {
		t.Errorf("bad login: %d", resp.StatusCode)
	}
	resp, _ = form("/login", url.Values{"email": {"admin@quang-ngai.danvan.vn"}, "password": {seed.DemoPassword}, "next": {"//evil.example/"}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/" {
		t.Fatalf("login: %d → %s (an off-site next must be ignored)", resp.StatusCode, resp.Header.Get("Location"))
	}
	resp, _ = c.do(http.MethodGet, "/", nil)
	if resp.Header.Get("Location") != "/t/quang-ngai/" {
		t.Errorf("home redirect = %s", resp.Header.Get("Location"))
	}
	resp, body = c.do(http.MethodGet, "/t/quang-ngai/?lang=en", nil)
	expect(t, resp, body, http.StatusOK, "")
	if !strings.Contains(string(body), `lang="en"`) {
		t.Error("?lang=en did not switch the page to English")
	}
	_, body = c.do(http.MethodGet, "/t/quang-ngai/", nil) // remembered
	if !strings.Contains(string(body), `lang="en"`) {
		t.Error("the language choice was not remembered")
	}
	resp, _ = form("/logout", url.Values{})
	if resp.StatusCode != http.StatusSeeOther {
		t.Errorf("logout: %d", resp.StatusCode)
	}
	resp, _ = c.do(http.MethodGet, "/t/quang-ngai/", nil)
	if resp.StatusCode != http.StatusSeeOther {
		t.Errorf("after logout the province page answered %d", resp.StatusCode)
	}
}

// TestGracefulShutdown: a request in flight when the server is told to stop still completes.
func TestGracefulShutdown(t *testing.T) {
	e := newEnv(t, "embedded")
	started := make(chan struct{})
	e.srv.Echo().GET("/test-slow", func(c echo.Context) error {
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
	cfg := *e.app.Cfg
	cfg.HTTPAddr = addr
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- e.srv.Serve(ctx, &cfg) }()
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
