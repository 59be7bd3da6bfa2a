package platform_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	enttenant "github.com/danvan-vn/danvan/ent/tenant"

	"github.com/danvan-vn/danvan/internal/app/apptest"
	"github.com/danvan-vn/danvan/internal/httpapi"
	"github.com/danvan-vn/danvan/internal/seed"
	"github.com/danvan-vn/danvan/internal/tenancy"
)

const redisDB = 4 // this package's Redis database

func TestPlatformTenants(t *testing.T) {
	for _, mode := range apptest.Modes() {
		t.Run(mode, func(t *testing.T) {
			e := apptest.New(t, mode, redisDB)
			admin := e.Client()
			admin.Login(seed.PlatformAdminEmail)
			ctx := tenancy.SystemContext(context.Background()) // the test counts across provinces
			before, _ := e.App.DB.Client.Tenant.Query().Count(ctx)

			// Bad input: every field named, in Vietnamese by default and in English on request, nothing written.
			resp, body := admin.Do(http.MethodPost, "/api/v1/platform/tenants", map[string]string{"slug": "Quảng Ngãi!", "name": "", "plan": "gold"})
			apptest.Expect(t, resp, body, http.StatusUnprocessableEntity, "invalid")
			var p httpapi.Problem
			_ = json.Unmarshal(body, &p)
			if p.Errors["slug"] == "" || p.Errors["name"] == "" {
				t.Errorf("field errors = %v", p.Errors)
			}
			if !strings.Contains(p.Title, "không hợp lệ") && !strings.Contains(strings.ToLower(p.Title), "dữ liệu") {
				t.Errorf("Vietnamese title = %q", p.Title)
			}
			admin.Lang = "en"
			resp, body = admin.Do(http.MethodPost, "/api/v1/platform/tenants", map[string]string{"slug": "kon-tum", "name": "Kon Tum", "plan": "gold"})
			apptest.Expect(t, resp, body, http.StatusUnprocessableEntity, "invalid")
			_ = json.Unmarshal(body, &p)
			if p.Errors["plan"] == "" || !isASCII(p.Title) {
				t.Errorf("English problem = %+v", p)
			}
			admin.Lang = ""
			// An admin with a bad e-mail: the whole creation is refused, no tenant left behind.
			resp, body = admin.Do(http.MethodPost, "/api/v1/platform/tenants", map[string]string{"slug": "kon-tum", "name": "Kon Tum",
				"plan": "standard", "admin_email": "not-an-email", "admin_name": "A", "admin_password": "long-enough-password"})
			apptest.Expect(t, resp, body, http.StatusUnprocessableEntity, "invalid")
			if after, _ := e.App.DB.Client.Tenant.Query().Count(ctx); after != before {
				t.Fatalf("rejected requests left %d tenants, had %d", after, before)
			}

			resp, body = admin.Do(http.MethodPost, "/api/v1/platform/tenants", map[string]string{"slug": "kon-tum", "name": "Kon Tum",
				"plan": "standard", "admin_email": "admin@kon-tum.danvan.vn", "admin_name": "Y Bluăh", "admin_password": seed.DemoPassword})
			apptest.Expect(t, resp, body, http.StatusCreated, "")
			tn := apptest.WaitTenant(t, e.App, "kon-tum", enttenant.StatusActive)
			if tn.Settings["locale"] != "vi" {
				t.Errorf("default settings = %v", tn.Settings)
			}
			if _, err := e.App.Store.List(context.Background(), "kon-tum", ""); err != nil {
				t.Errorf("new province has no bucket: %v", err)
			}
			resp, body = admin.Do(http.MethodPost, "/api/v1/platform/tenants", map[string]string{"slug": "kon-tum", "name": "Kon Tum", "plan": "standard"})
			apptest.Expect(t, resp, body, http.StatusConflict, "slug_taken")

			resp, body = admin.Do(http.MethodGet, "/api/v1/platform/tenants", nil)
			apptest.Expect(t, resp, body, http.StatusOK, "")
			if !strings.Contains(string(body), `"slug":"kon-tum"`) || !strings.Contains(string(body), `"name":"Quảng Ngãi"`) {
				t.Errorf("tenant list = %s", body)
			}

			// The new province admin logs in and works in their province only.
			kt := e.Client()
			kt.Login("admin@kon-tum.danvan.vn")
			resp, body = kt.Do(http.MethodGet, "/api/v1/t/kon-tum", nil)
			apptest.Expect(t, resp, body, http.StatusOK, "")
			resp, body = kt.Do(http.MethodGet, "/api/v1/platform/tenants", nil)
			apptest.Expect(t, resp, body, http.StatusForbidden, "forbidden")

			// Suspension shuts the province's users out.
			resp, body = admin.Do(http.MethodPost, "/api/v1/platform/tenants/kon-tum/suspend", nil)
			apptest.Expect(t, resp, body, http.StatusOK, "")
			resp, body = kt.Do(http.MethodGet, "/api/v1/t/kon-tum", nil)
			apptest.Expect(t, resp, body, http.StatusForbidden, "forbidden")
		})
	}
}

// TestPages_Plans: the platform admin edits a plan's limits and moves a province to a plan.
func TestPages_Plans(t *testing.T) {
	e := apptest.New(t, "embedded", redisDB)
	admin := e.Client()
	admin.Login(seed.PlatformAdminEmail)
	status, page := admin.Page("/platform/plans")
	if status != http.StatusOK || !strings.Contains(page, "Tiêu chuẩn") || !strings.Contains(page, `name="modules"`) {
		t.Fatalf("plans page: %d", status)
	}
	resp, _ := admin.Form("/platform/plans/standard", url.Values{"name": {""}, "max_units": {"-5"}})
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("bad plan: %d", resp.StatusCode)
	}
	resp, _ = admin.Form("/platform/plans/standard", url.Values{"name": {"Tiêu chuẩn"}, "max_units": {"120"}, "max_users": {"80"},
		"max_storage_gb": {"5"}, "max_report_generations_month": {"30"}, "modules": {"committee", "reports"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("save plan: %d", resp.StatusCode)
	}
	resp, _ = admin.Form("/platform/plans/assign", url.Values{"slug": {"nghe-an"}, "plan": {"advanced"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("assign plan: %d", resp.StatusCode)
	}
	_, body := admin.Do(http.MethodGet, "/api/v1/platform/plans", nil)
	if !strings.Contains(string(body), `"max_units":120`) || !strings.Contains(string(body), `"max_storage_bytes":5368709120`) {
		t.Errorf("plans = %s", body)
	}
	_, body = admin.Do(http.MethodGet, "/api/v1/platform/tenants", nil)
	if !regexp.MustCompile(`"slug":"nghe-an"[^}]*"plan":"advanced"`).MatchString(string(body)) {
		t.Errorf("tenants = %s", body)
	}
	// A province admin cannot open it.
	pa := e.Client()
	pa.Login("admin@nghe-an.danvan.vn")
	if status, _ := pa.Page("/platform/plans"); status != http.StatusForbidden {
		t.Errorf("province admin on plans: %d", status)
	}
}

func TestMain(m *testing.M) { apptest.Main(m) }

func isASCII(s string) bool {
	for _, r := range s {
		if r > 127 {
			return false
		}
	}
	return true
}

// TestProvinceDisplayName: Hòa Bình's tenant is shown as "Hòa Bình (nay là tỉnh Phú Thọ)" from
// 01/07/2025 while its slug stays; the platform admin sets such names by page or API, a bad day
// is named and changes nothing, and a province admin cannot rename their province.
func TestProvinceDisplayName(t *testing.T) {
	e := apptest.New(t, "services", redisDB)
	hb := e.Client()
	hb.Login("admin@hoa-binh.danvan.vn")
	if code, page := hb.Page("/t/hoa-binh/"); code != http.StatusOK || !strings.Contains(page, "Hòa Bình (nay là tỉnh Phú Thọ)") {
		t.Errorf("province home: %d, display name missing", code)
	}
	resp, body := hb.Do(http.MethodGet, "/api/v1/me", nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	if !strings.Contains(string(body), `"slug":"hoa-binh","name":"Hòa Bình (nay là tỉnh Phú Thọ)"`) {
		t.Errorf("me: %s", body)
	}
	resp, body = hb.Do(http.MethodPost, "/api/v1/platform/tenants/hoa-binh/names", map[string]string{"name": "Phú Thọ", "from": "01/01/2026"})
	apptest.Expect(t, resp, body, http.StatusForbidden, "forbidden")

	admin := e.Client()
	admin.Login(seed.PlatformAdminEmail)
	resp, body = admin.Do(http.MethodGet, "/api/v1/platform/tenants", nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	if !strings.Contains(string(body), `"name":"Hòa Bình (nay là tỉnh Phú Thọ)","joined_name":"Hòa Bình","names":[{"from":"2025-07-01","name":"Hòa Bình (nay là tỉnh Phú Thọ)"}]`) {
		t.Errorf("tenants: %s", body)
	}
	// English pages speak English, the demo platform admin included; every quota says 0 is unlimited.
	admin.Lang = "en"
	_, page := admin.Page("/platform/plans")
	if strings.Contains(page, "Quản trị") {
		t.Errorf("an English page shows Vietnamese chrome")
	}
	if n, plans := strings.Count(page, "0 means unlimited."), strings.Count(page, `name="max_units"`); plans == 0 || n != 4*plans {
		t.Errorf("%d plans, %d \"0 means unlimited\" hints: want one per quota", plans, n)
	}
	admin.Lang = ""
	_, page = admin.Page("/platform/tenants")
	if !strings.Contains(page, "Tên khi tham gia: Hòa Bình") || !strings.Contains(page, "Từ 01/07/2025: Hòa Bình (nay là tỉnh Phú Thọ)") {
		t.Errorf("the tenants page does not show the name history")
	}

	// A bad day: named, on the page and in the API, and nothing changes.
	resp, html := admin.Form("/platform/tenants/nghe-an/names", url.Values{"name": {"Nghệ An mới"}, "from": {"31/02/2026"}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(html, `id="rn-nghe-an-from-error"`) {
		t.Errorf("bad day on the page: %d", resp.StatusCode)
	}
	resp, body = admin.Do(http.MethodPost, "/api/v1/platform/tenants/nghe-an/names", map[string]string{"name": "Nghệ An mới"})
	apptest.Expect(t, resp, body, http.StatusUnprocessableEntity, "invalid")
	if !strings.Contains(string(body), `"from"`) {
		t.Errorf("missing day: %s", body)
	}
	resp, html = admin.Form("/platform/tenants/nghe-an/names", url.Values{"name": {"Nghệ An (thử)"}, "from": {"01/01/2026"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("rename: %d %s", resp.StatusCode, html)
	}
	na := e.Client()
	na.Login("admin@nghe-an.danvan.vn")
	if _, page := na.Page("/t/nghe-an/"); !strings.Contains(page, "Nghệ An (thử)") {
		t.Errorf("the rename is not shown")
	}
	resp, body = admin.Do(http.MethodPost, "/api/v1/platform/tenants/nghe-an/names", map[string]string{"name": "", "from": "2026-01-01"})
	apptest.Expect(t, resp, body, http.StatusOK, "")
	if !strings.Contains(string(body), `"name":"Nghệ An","joined_name":"Nghệ An","names":[]`) {
		t.Errorf("removing the rename: %s", body)
	}
}
