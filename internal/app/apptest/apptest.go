// Package apptest starts the whole app for tests: on real PostgreSQL, Redis and MinIO
// ("services") or on the embedded default ("embedded"), with the demo provinces, a worker and an
// HTTP server, and gives browser-like clients. Area and kernel tests use it; it is the one
// package outside cmd allowed to import internal/app.
package apptest

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/hibiken/asynq"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/ent/membership"
	enttenant "github.com/danvan-vn/danvan/ent/tenant"
	"github.com/danvan-vn/danvan/internal/account"
	"github.com/danvan-vn/danvan/internal/app"
	"github.com/danvan-vn/danvan/internal/authz"
	"github.com/danvan-vn/danvan/internal/config"
	"github.com/danvan-vn/danvan/internal/db"
	"github.com/danvan-vn/danvan/internal/httpapi"
	"github.com/danvan-vn/danvan/internal/jobs"
	"github.com/danvan-vn/danvan/internal/seed"
	"github.com/danvan-vn/danvan/internal/tenancy"
	"github.com/danvan-vn/danvan/internal/testenv"
	"github.com/danvan-vn/danvan/internal/viewer"
)

// Main runs a test package that starts the app, and stops the MinIO it may have started.
func Main(m *testing.M) {
	code := m.Run()
	testenv.StopMinIO()
	os.Exit(code)
}

// Env is a running app with its HTTP server.
type Env struct {
	T   testing.TB
	App *app.App
	Srv *httpapi.Server
	URL string
	PG  testenv.PG // the database's URLs ("services" mode only): benchmarks read it raw as the superuser
}

// New starts the whole app: on real PostgreSQL, Redis and MinIO, or on the embedded default,
// with the four demo provinces (without their units and committees: see newConfiguredEnv).
func New(t *testing.T, mode string, redisDB int) *Env {
	return Start(t, Options{Mode: mode, RedisDB: redisDB})
}

// Options choose how Start runs the app.
type Options struct {
	Mode       string                  // "services" or "embedded"
	RedisDB    int                     // the test package's own Redis database
	Configured bool                    // the demo provinces' units, committees and regimes too
	Vars       map[string]string       // more DANVAN_* settings (e.g. a small DANVAN_BODY_LIMIT)
	Jobs       map[string]jobs.Handler // a test's own job types, registered before the worker starts
	Areas      []httpapi.Area          // areas added to the app's (a test's own)
}

// NewConfigured is New with the demo provinces' full configuration.
func NewConfigured(t *testing.T, mode string, redisDB int) *Env {
	return Start(t, Options{Mode: mode, RedisDB: redisDB, Configured: true})
}

// Start runs the app as o says.
func Start(t testing.TB, o Options) *Env {
	t.Helper()
	mode, redisDB, configured := o.Mode, o.RedisDB, o.Configured
	vars := map[string]string{"DANVAN_DATA_DIR": t.TempDir(), "DANVAN_LOG_LEVEL": "warn"}
	var pg testenv.PG
	for k, v := range o.Vars {
		vars[k] = v
	}
	if mode == "services" {
		pg = testenv.Postgres(t)
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
	for typ, h := range o.Jobs {
		a.Jobs.Handle(typ, h)
	}
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
	srv, err := a.Server(o.Areas...)
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
	return &Env{T: t, App: a, Srv: srv, URL: ts.URL, PG: pg}
}

// Client is a browser-like API client with its own cookies.
type Client struct {
	E     *Env
	HTTP  *http.Client
	Lang  string
	Token string // bearer token instead of cookies
}

func (e *Env) Client() *Client {
	jar, _ := cookiejar.New(nil)
	return &Client{E: e, HTTP: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}}
}

func (c *Client) CSRF() string {
	u, _ := url.Parse(c.E.URL)
	for _, ck := range c.HTTP.Jar.Cookies(u) {
		if ck.Name == "danvan_csrf" {
			return ck.Value
		}
	}
	// First visit: any GET sets the token cookie.
	resp, err := c.HTTP.Get(c.E.URL + "/login")
	if err != nil {
		c.E.T.Fatal(err)
	}
	resp.Body.Close()
	for _, ck := range c.HTTP.Jar.Cookies(u) {
		if ck.Name == "danvan_csrf" {
			return ck.Value
		}
	}
	c.E.T.Fatal("no CSRF cookie")
	return ""
}

func (c *Client) Do(method, path string, body any) (*http.Response, []byte) {
	c.E.T.Helper()
	var r io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		r = strings.NewReader(string(b))
	}
	req, _ := http.NewRequest(method, c.E.URL+path, r)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if c.Token != "" {
		req.Header.Set("Authorization", "Bearer "+c.Token)
	} else if method != http.MethodGet {
		req.Header.Set("X-CSRF-Token", c.CSRF())
	}
	if c.Lang != "" {
		req.Header.Set("Accept-Language", c.Lang)
	}
	resp, err := c.HTTP.Do(req)
	if err != nil {
		c.E.T.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, b
}

func (c *Client) Login(email string) {
	c.E.T.Helper()
	resp, b := c.Do(http.MethodPost, "/api/v1/login", map[string]string{"email": email, "password": seed.DemoPassword})
	if resp.StatusCode != http.StatusOK {
		c.E.T.Fatalf("login %s: %d %s", email, resp.StatusCode, b)
	}
}

func Expect(t *testing.T, resp *http.Response, body []byte, status int, code string) {
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

func WaitTenant(t *testing.T, a *app.App, slug string, want enttenant.Status) *ent.Tenant {
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

func Modes() []string { return []string{"services", "embedded"} }

// Person creates a user holding role in province slug ("" for none) and returns a client
// logged in as them with a real session.
func (e *Env) Person(t *testing.T, email, role, slug string, platformAdmin bool) *Client {
	t.Helper()
	return e.UnitPerson(t, email, role, slug, 0, platformAdmin)
}

// UnitPerson is Person whose membership names unit unitID (0 for none): unit staff.
func (e *Env) UnitPerson(t *testing.T, email, role, slug string, unitID int, platformAdmin bool) *Client {
	t.Helper()
	ctx := tenancy.SystemContext(context.Background()) // fixtures span provinces
	var u *ent.User
	err := db.InTx(ctx, e.App.DB.Client, func(tx *ent.Tx) error {
		var err error
		u, err = account.CreateUser(ctx, tx.Client(), account.NewUser{Email: email, FullName: "Người dùng " + role, Password: seed.DemoPassword, PlatformAdmin: platformAdmin})
		if err != nil || slug == "" {
			return err
		}
		tn, err := e.App.Tenants.BySlug(ctx, slug)
		if err != nil {
			return err
		}
		m := tx.Membership.Create().SetUserID(u.ID).SetTenantID(tn.ID).SetRole(membership.Role(role))
		if unitID > 0 {
			m.SetUnitID(unitID)
		}
		return m.Exec(ctx)
	})
	if err != nil {
		t.Fatal(err)
	}
	c := e.Client()
	c.Login(email)
	return c
}

func (c *Client) Bearer(token string) *Client {
	n := c.E.Client()
	n.Token = token
	return n
}

// Allowed is what the policy implies for a viewer holding role in nghe-an.
func Allowed(a *authz.Enforcer, role string, platformAdmin bool, r httpapi.Route) bool {
	v := &viewer.Viewer{UserID: 1, PlatformAdmin: platformAdmin, TenantSlug: "nghe-an"}
	if role != "" {
		v.Roles = []string{role}
	}
	domain := authz.DomainPlatform
	if r.Province {
		domain = "nghe-an"
	}
	return a.Allowed(v, domain, r.Perm)
}

// Concrete fills a route's parameters: the province, ids that do not exist, a bogus token.
func Concrete(path, slug string) string {
	r := strings.NewReplacer(":slug", slug, ":id", "999999", ":token", "no-such-token")
	return r.Replace(path)
}

// TestRoutes_AllDeclared walks echo's route table: every route declares a permission or is in
// the short public list.

// Upload posts a multipart form with one file.
func (c *Client) Upload(path, field, name string, content []byte, extra map[string]string) (*http.Response, []byte) {
	c.E.T.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for k, v := range extra {
		_ = w.WriteField(k, v)
	}
	fw, _ := w.CreateFormFile(field, name)
	_, _ = fw.Write(content)
	_ = w.Close()
	req, _ := http.NewRequest(http.MethodPost, c.E.URL+path, &buf)
	req.Header.Set("Content-Type", w.FormDataContentType())
	req.Header.Set("X-CSRF-Token", c.CSRF())
	resp, err := c.HTTP.Do(req)
	if err != nil {
		c.E.T.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, b
}

// Form posts an HTML form with the CSRF token, as a browser would.
func (c *Client) Form(path string, vals url.Values) (*http.Response, string) {
	c.E.T.Helper()
	vals.Set("_csrf", c.CSRF())
	resp, err := c.HTTP.PostForm(c.E.URL+path, vals)
	if err != nil {
		c.E.T.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

// Page GETs a page and returns its status and HTML.
func (c *Client) Page(path string) (int, string) {
	c.E.T.Helper()
	resp, body := c.Do(http.MethodGet, path, nil)
	return resp.StatusCode, string(body)
}

// TestPages_IdentityFlow: invite by the users page, accept on the invitation page, change the
