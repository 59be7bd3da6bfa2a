package httpapi_test

import (
	"bytes"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/danvan-vn/danvan/internal/app/apptest"
	"github.com/danvan-vn/danvan/internal/httpapi"
	"github.com/danvan-vn/danvan/internal/seed"
)

// raw sends a request as it is written: any bytes, any header.
func raw(t *testing.T, c *apptest.Client, method, path, contentType string, body io.Reader, hdr map[string]string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, c.E.URL+path, body)
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if c.Token != "" {
		req.Header.Set("Authorization", "Bearer "+c.Token)
	} else if method != http.MethodGet {
		req.Header.Set("X-CSRF-Token", c.CSRF())
	}
	for k, v := range hdr {
		req.Header[k] = []string{v}
	}
	resp, err := c.HTTP.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, b
}

// field asserts a 4xx problem naming field.
func field(t *testing.T, resp *http.Response, body []byte, status int, name string) {
	t.Helper()
	if resp.StatusCode != status {
		t.Fatalf("%s %s: status %d, want %d: %s", resp.Request.Method, resp.Request.URL, resp.StatusCode, status, body)
	}
	if name == "" {
		return
	}
	var p httpapi.Problem
	if err := json.Unmarshal(body, &p); err != nil {
		t.Fatalf("problem: %v: %s", err, body)
	}
	if p.Errors[name] == "" {
		t.Errorf("%s %s: problem names %v, want %q", resp.Request.Method, resp.Request.URL, p.Errors, name)
	}
}

// TestHardening reproduces what a probe of main found (HTTP 500s from NUL bytes and invalid
// UTF-8, unbounded paging, tokens on pages, loose parsing) on PostgreSQL: each is now a 4xx naming
// the field, or harmless.
func TestHardening(t *testing.T) {
	e := apptest.Start(t, apptest.Options{Mode: "services", RedisDB: redisDB, Configured: true,
		Vars: map[string]string{"DANVAN_BODY_LIMIT": "1M"}})
	admin := e.Client()
	admin.Login(seed.Provinces[0].AdminEmail)
	anon := e.Client()
	const api = "/api/v1/t/nghe-an"

	t.Run("NUL in a JSON string", func(t *testing.T) {
		resp, body := raw(t, anon, "POST", "/api/v1/login", "application/json", strings.NewReader(`{"email":"a\u0000b@x.vn","password":"x"}`), nil)
		field(t, resp, body, 422, "email")
		resp, body = raw(t, admin, "POST", api+"/units", "application/json", strings.NewReader(`{"code":"X\u0000","name":"Sở","type":"department"}`), nil)
		field(t, resp, body, 422, "code")
	})
	t.Run("invalid UTF-8 in JSON", func(t *testing.T) {
		resp, body := raw(t, admin, "POST", api+"/units", "application/json", strings.NewReader("{\"code\":\"X\",\"name\":\"S\xff\"}"), nil)
		field(t, resp, body, 422, "name")
	})
	t.Run("JSON with trailing data", func(t *testing.T) {
		resp, body := raw(t, anon, "POST", "/api/v1/login", "application/json", strings.NewReader(`{"email":"a@x.vn","password":"x"} {"more":1}`), nil)
		field(t, resp, body, 422, "body")
	})
	t.Run("query values", func(t *testing.T) {
		resp, body := raw(t, admin, "GET", api+"/units?q=a%00b", "", nil, nil)
		field(t, resp, body, 422, "q")
		resp, body = raw(t, admin, "GET", api+"/audit?action=%FF", "", nil, nil)
		field(t, resp, body, 422, "action")
		resp, _ = raw(t, admin, "GET", "/t/nghe-an/audit?action=%FF", "", nil, nil)
		if resp.StatusCode != 422 {
			t.Errorf("audit page with ?action=%%FF: %d, want 422", resp.StatusCode)
		}
	})
	t.Run("form value", func(t *testing.T) {
		resp, _ := raw(t, admin, "POST", "/t/nghe-an/units", "application/x-www-form-urlencoded", strings.NewReader("code=X1&name=%FF&_csrf="+url.QueryEscape(admin.CSRF())), nil)
		if resp.StatusCode != 422 {
			t.Errorf("form name=%%FF: %d, want 422", resp.StatusCode)
		}
	})
	t.Run("file name", func(t *testing.T) {
		var buf bytes.Buffer
		w := multipart.NewWriter(&buf)
		fw, _ := w.CreateFormFile("file", "don-vi\xff.csv")
		_, _ = fw.Write([]byte("Mã đơn vị,Tên đơn vị\n"))
		_ = w.Close()
		resp, body := raw(t, admin, "POST", api+"/units/import", w.FormDataContentType(), &buf, nil)
		field(t, resp, body, 422, "file")
	})
	t.Run("CSV cell with NUL", func(t *testing.T) {
		csv := "Mã đơn vị,Tên đơn vị,Loại đơn vị,Mã đơn vị cấp trên,Ngày hiệu lực (dd/mm/yyyy)\nX1,Sở\x00 Nội vụ,\"Sở, ban, ngành\",,01/07/2025\n"
		resp, body := admin.Upload(api+"/units/import", "file", "don-vi.csv", []byte(csv), nil)
		if resp.StatusCode != 422 || !strings.Contains(string(body), `"rows"`) {
			t.Errorf("CSV with NUL: %d %s", resp.StatusCode, body)
		}
	})
	t.Run("User-Agent", func(t *testing.T) {
		for _, ua := range []string{"x\xff", strings.Repeat("a", 299) + "é"} {
			// A failed login is recorded in the audit trail with the User-Agent.
			resp, body := raw(t, anon, "POST", "/api/v1/login", "application/json",
				strings.NewReader(`{"email":"nobody@x.vn","password":"wrong-password"}`), map[string]string{"User-Agent": ua})
			if resp.StatusCode != 401 {
				t.Errorf("User-Agent %q: %d %s", ua, resp.StatusCode, body)
			}
		}
	})
	t.Run("paging", func(t *testing.T) {
		resp, body := raw(t, admin, "GET", api+"/audit?page=200000000000000000", "", nil, nil)
		if resp.StatusCode != 200 {
			t.Errorf("audit page 2e17: %d %s", resp.StatusCode, body)
		}
		resp, body = raw(t, admin, "GET", api+"/audit?page=x", "", nil, nil)
		field(t, resp, body, 422, "page")
		resp, body = raw(t, admin, "GET", api+"/jobs?page=-9223372036854775808&per_page=1000000", "", nil, nil)
		if resp.StatusCode != 200 {
			t.Errorf("jobs paging: %d %s", resp.StatusCode, body)
		}
	})
	t.Run("tokens are for the API only", func(t *testing.T) {
		resp, body := admin.Do("POST", "/api/v1/me/tokens", map[string]any{"province": "nghe-an", "name": "probe", "days": 1})
		apptest.Expect(t, resp, body, http.StatusCreated, "")
		var tok struct {
			Token string `json:"token"`
		}
		_ = json.Unmarshal(body, &tok)
		bot := e.Client().Bearer(tok.Token)
		resp, _ = raw(t, bot, "POST", "/t/nghe-an/calendar", "application/x-www-form-urlencoded",
			strings.NewReader("date=15/08/2031&name=Probe&kind=holiday"), nil)
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("page POST with a bearer token: %d, want 403 (CSRF)", resp.StatusCode)
		}
		resp, body = raw(t, bot, "GET", api+"/calendar?year=2031", "", nil, nil)
		if resp.StatusCode != 200 || strings.Contains(string(body), "Probe") {
			t.Errorf("the page POST created a holiday: %d %s", resp.StatusCode, body)
		}
	})
	t.Run("text limits", func(t *testing.T) {
		resp, body := admin.Do("POST", api+"/regimes", map[string]any{"name": "Báo cáo", "frequency": "semiannual",
			"deadline_rule": "P+15", "content": strings.Repeat("nội dung ", 5000)})
		field(t, resp, body, 422, "content")
		var p httpapi.Problem
		_ = json.Unmarshal(body, &p)
		if !strings.Contains(strings.ToLower(p.Errors["content"]), "dài") {
			t.Errorf("over-long content says %q, want it too long", p.Errors["content"])
		}
		resp, body = admin.Do("POST", api+"/units", map[string]any{"code": "X9", "name": strings.Repeat("Sở ", 400), "type": "department"})
		field(t, resp, body, 422, "name")
	})
	t.Run("body over the limit", func(t *testing.T) {
		big := strings.Repeat("x", 2<<20)
		// Chunked: no Content-Length, the limit trips while reading.
		resp, _ := raw(t, admin, "POST", api+"/units", "application/json", io.MultiReader(strings.NewReader(`{"name":"`), strings.NewReader(big), strings.NewReader(`"}`)), nil)
		if resp.StatusCode != http.StatusRequestEntityTooLarge {
			t.Errorf("chunked body over the limit: %d, want 413", resp.StatusCode)
		}
		resp, _ = raw(t, admin, "POST", api+"/units", "application/json", bytes.NewReader([]byte(`{"name":"`+big+`"}`)), nil)
		if resp.StatusCode != http.StatusRequestEntityTooLarge {
			t.Errorf("body over the limit: %d, want 413", resp.StatusCode)
		}
	})
	t.Run("dates", func(t *testing.T) {
		for _, d := range []string{"0000-01-01", "+2025-01-01", "31/02/2025", "2025-1-1x"} {
			resp, body := raw(t, admin, "GET", api+"/units?date="+url.QueryEscape(d), "", nil, nil)
			field(t, resp, body, 422, "date")
		}
	})
	t.Run("ids", func(t *testing.T) {
		for _, id := range []string{"+5", "05", "5.0", "0x5", "99999999999999999999"} {
			resp, _ := raw(t, admin, "GET", api+"/units/"+url.PathEscape(id), "", nil, nil)
			if resp.StatusCode != http.StatusNotFound {
				t.Errorf("/units/%s: %d, want 404", id, resp.StatusCode)
			}
		}
	})
	t.Run("CSRF token rotates at login", func(t *testing.T) {
		c := e.Client()
		before := c.CSRF()
		c.Login(seed.Provinces[0].AdminEmail)
		if after := c.CSRF(); after == before {
			t.Errorf("the CSRF token kept its value across login")
		}
	})
	t.Run("request id", func(t *testing.T) {
		planted := `=HYPERLINK("http://evil.example","x")`
		resp, _ := raw(t, admin, "POST", "/api/v1/me/tokens", "application/json", strings.NewReader(`{"province":"nghe-an","name":"rid","days":1}`),
			map[string]string{"X-Request-Id": planted})
		if got := resp.Header.Get("X-Request-Id"); got == planted || got == "" {
			t.Errorf("request id %q taken from the client", got)
		}
		resp, body := raw(t, admin, "GET", "/t/nghe-an/audit/export?format=csv", "", nil, nil)
		if resp.StatusCode != 200 {
			t.Fatalf("export: %d", resp.StatusCode)
		}
		for _, line := range strings.Split(string(body), "\n") {
			for _, cell := range strings.Split(line, ",") {
				if strings.HasPrefix(strings.Trim(cell, `"`), "=") {
					t.Errorf("export cell %q starts a formula", cell)
				}
			}
		}
	})
}
