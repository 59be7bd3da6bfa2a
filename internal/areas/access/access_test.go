package access_test

import (
	"encoding/json"
	"maps"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/danvan-vn/danvan/internal/app/apptest"
	"github.com/danvan-vn/danvan/internal/areas/access"
	"github.com/danvan-vn/danvan/internal/seed"
)

const redisDB = 15 // this package's Redis database

func TestGrants_NarrowWidenCeiling(t *testing.T) {
	e := apptest.New(t, "services", redisDB)
	admin := e.Client()
	admin.Login("admin@nghe-an.danvan.vn")
	agency := e.Person(t, "so-noi-vu@nghe-an.vn", "standing_agency", "nghe-an", false)
	qnAgency := e.Person(t, "so-noi-vu@quang-ngai.vn", "standing_agency", "quang-ngai", false)

	// Widen within the ceiling: the standing agency may invite.
	resp, body := agency.Do(http.MethodPost, "/api/v1/t/nghe-an/invitations", map[string]string{"email": "a@nghe-an.vn", "role": "committee_member"})
	apptest.Expect(t, resp, body, http.StatusForbidden, "forbidden")
	resp, body = admin.Do(http.MethodPut, "/api/v1/t/nghe-an/grants", map[string]string{"role": "standing_agency", "object": "user", "action": "invite", "state": "allow"})
	apptest.Expect(t, resp, body, http.StatusNoContent, "")
	resp, body = agency.Do(http.MethodPost, "/api/v1/t/nghe-an/invitations", map[string]string{"email": "a@nghe-an.vn", "role": "committee_member"})
	apptest.Expect(t, resp, body, http.StatusCreated, "")
	// Nothing changed in another province.
	resp, body = qnAgency.Do(http.MethodPost, "/api/v1/t/quang-ngai/invitations", map[string]string{"email": "b@quang-ngai.vn", "role": "committee_member"})
	apptest.Expect(t, resp, body, http.StatusForbidden, "forbidden")
	// Narrow a default: the standing agency no longer reads users.
	resp, body = admin.Do(http.MethodPut, "/api/v1/t/nghe-an/grants", map[string]string{"role": "standing_agency", "object": "user", "action": "read", "state": "deny"})
	apptest.Expect(t, resp, body, http.StatusNoContent, "")
	resp, body = agency.Do(http.MethodGet, "/api/v1/t/nghe-an/users", nil)
	apptest.Expect(t, resp, body, http.StatusForbidden, "forbidden")
	resp, body = qnAgency.Do(http.MethodGet, "/api/v1/t/quang-ngai/users", nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	// Beyond the ceiling: refused, until the platform raises this province's ceiling.
	resp, body = admin.Do(http.MethodPut, "/api/v1/t/nghe-an/grants", map[string]string{"role": "unit_officer", "object": "grant", "action": "update", "state": "allow"})
	apptest.Expect(t, resp, body, http.StatusForbidden, "forbidden")
	resp, body = admin.Do(http.MethodPut, "/api/v1/t/nghe-an/grants", map[string]string{"role": "readonly_leader", "object": "user", "action": "update", "state": "allow"})
	apptest.Expect(t, resp, body, http.StatusForbidden, "forbidden")
	platform := e.Client()
	platform.Login(seed.PlatformAdminEmail)
	resp, body = platform.Do(http.MethodPut, "/api/v1/platform/tenants/nghe-an/ceiling", map[string]any{"grants": []string{"readonly_leader:user:update"}})
	apptest.Expect(t, resp, body, http.StatusUnprocessableEntity, "invalid") // the read-only role never writes
	resp, body = platform.Do(http.MethodPut, "/api/v1/platform/tenants/nghe-an/ceiling", map[string]any{"grants": []string{"unit_officer:grant:update"}})
	apptest.Expect(t, resp, body, http.StatusOK, "")
	resp, body = admin.Do(http.MethodPut, "/api/v1/t/nghe-an/grants", map[string]string{"role": "unit_officer", "object": "grant", "action": "update", "state": "allow"})
	apptest.Expect(t, resp, body, http.StatusNoContent, "")
	// The province admin's own grants cannot be changed.
	resp, body = admin.Do(http.MethodPut, "/api/v1/t/nghe-an/grants", map[string]string{"role": "province_admin", "object": "grant", "action": "update", "state": "deny"})
	apptest.Expect(t, resp, body, http.StatusUnprocessableEntity, "invalid")
	// Every change is in the trail.
	resp, body = admin.Do(http.MethodGet, "/api/v1/t/nghe-an/audit?action=rolegrant", nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	if strings.Count(string(body), `"action":"rolegrant.create"`) != 3 {
		t.Errorf("grant changes in the trail: %s", body)
	}
}

// TestGrants_Matrix: the grant editor is one form, saved at once; one refused cell changes
// nothing and the page names it; what differs from the default is marked in words; a reset
// undoes the province's changes; the JSON batch is all or nothing too.
func TestGrants_Matrix(t *testing.T) {
	e := apptest.New(t, "services", redisDB)
	admin := e.Client()
	admin.Login("admin@nghe-an.danvan.vn")
	agency := e.Person(t, "so-noi-vu@nghe-an.vn", "standing_agency", "nghe-an", false)
	qnAdmin := e.Client()
	qnAdmin.Login("admin@quang-ngai.danvan.vn")

	effective := func() map[string]bool {
		t.Helper()
		resp, body := admin.Do(http.MethodGet, "/api/v1/t/nghe-an/grants", nil)
		apptest.Expect(t, resp, body, http.StatusOK, "")
		var m access.GrantsJSON
		if err := json.Unmarshal(body, &m); err != nil {
			t.Fatal(err)
		}
		out := map[string]bool{}
		for _, g := range m.Grants {
			out[g.Role+":"+g.Object+":"+g.Action] = g.Effective
		}
		return out
	}
	// form is the page's form as a browser would send it, with some boxes flipped.
	cellRe := regexp.MustCompile(`<input type="hidden" name="cell" value="([^"]+)">`)
	tickedRe := regexp.MustCompile(`<input type="checkbox" name="grant" value="([^"]+)" checked`)
	versionRe := regexp.MustCompile(`<input type="hidden" name="version" value="(\d+)">`)
	form := func(flip ...string) url.Values {
		t.Helper()
		status, page := admin.Page("/t/nghe-an/grants")
		if status != http.StatusOK {
			t.Fatalf("grants page: %d", status)
		}
		v := url.Values{}
		ticked := map[string]bool{}
		for _, m := range tickedRe.FindAllStringSubmatch(page, -1) {
			ticked[m[1]] = true
		}
		for _, f := range flip {
			ticked[f] = !ticked[f]
		}
		for _, m := range cellRe.FindAllStringSubmatch(page, -1) {
			v.Add("cell", m[1])
		}
		if m := versionRe.FindStringSubmatch(page); m != nil {
			v.Set("version", m[1])
		}
		for name, on := range ticked {
			if on {
				v.Add("grant", name)
			}
		}
		return v
	}
	before := effective()
	_, page := admin.Page("/t/nghe-an/grants")
	if n := strings.Count(page, `type="checkbox" name="grant"`); n < 50 || strings.Count(page, "<form") > 4 ||
		strings.Contains(page, `value="province_admin:`) {
		t.Errorf("the matrix: %d boxes, province admin cells editable or a form per cell", n)
	}
	if strings.Count(page, `class="grant-diff"`) != 1 { // the legend's only
		t.Errorf("a fresh province shows differences from the default")
	}

	// Several cells at once: the standing agency invites (in the ceiling) and no longer reads
	// users (a default); committee members read the audit log (in the ceiling).
	resp, _ := admin.Form("/t/nghe-an/grants", form("standing_agency:user:invite", "standing_agency:user:read", "committee_member:audit:read"))
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("save matrix: %d, want 303", resp.StatusCode)
	}
	now := effective()
	for name, want := range map[string]bool{"standing_agency:user:invite": true, "standing_agency:user:read": false, "committee_member:audit:read": true} {
		if now[name] != want {
			t.Errorf("%s = %v after saving, want %v", name, now[name], want)
		}
		delete(now, name)
		delete(before, name)
	}
	for name, was := range before {
		if now[name] != was {
			t.Errorf("%s changed (%v → %v) though its box did not", name, was, now[name])
		}
	}
	resp, body := agency.Do(http.MethodPost, "/api/v1/t/nghe-an/invitations", map[string]string{"email": "a@nghe-an.vn", "role": "committee_member"})
	apptest.Expect(t, resp, body, http.StatusCreated, "")
	resp, body = agency.Do(http.MethodGet, "/api/v1/t/nghe-an/users", nil)
	apptest.Expect(t, resp, body, http.StatusForbidden, "forbidden")
	// The three differences are marked, in words.
	_, page = admin.Page("/t/nghe-an/grants")
	if n := strings.Count(page, "grant-cell grant-differs"); n != 3 {
		t.Errorf("cells marked as differing = %d, want 3", n)
	}
	if n := strings.Count(page, `<span class="grant-diff">≠ mặc định</span>`); n != 4 { // three cells and the legend
		t.Errorf("“≠ mặc định” markers = %d, want 3 and the legend", n)
	}
	resp, body = admin.Do(http.MethodGet, "/api/v1/t/nghe-an/audit?action=rolegrant", nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	if strings.Count(string(body), `"action":"rolegrant.create"`) != 3 {
		t.Errorf("grant changes in the trail: %s", body)
	}

	// One cell beyond the ceiling (a forged box: the page offers none) beside a valid one:
	// nothing changes, and the page names the cell.
	saved := effective()
	v := form("standing_agency:audit:read")
	v.Add("cell", "unit_officer:grant:update")
	v.Add("grant", "unit_officer:grant:update")
	resp, page = admin.Form("/t/nghe-an/grants", v)
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, "Chưa lưu: không ô nào được thay đổi.") ||
		!strings.Contains(page, "<strong>Cán bộ phụ trách dân vận · Sửa phân quyền:</strong> Vượt quá mức trần của nền tảng") {
		t.Errorf("refused matrix: %d, the cell not named", resp.StatusCode)
	}
	if !strings.Contains(page, `value="standing_agency:audit:read" checked`) {
		t.Error("the refused form does not keep the boxes as submitted")
	}
	// The province admin's own cells stay fixed: it cannot remove its ability to manage grants.
	v = form()
	v.Add("cell", "province_admin:grant:update")
	resp, page = admin.Form("/t/nghe-an/grants", v)
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, "<strong>Quản trị tỉnh · Sửa phân quyền:</strong>") {
		t.Errorf("province admin's own grant: %d", resp.StatusCode)
	}
	if got := effective(); !maps.Equal(got, saved) {
		t.Error("a refused matrix changed cells")
	}

	// Two admins at once: a form made before another's save would undo it, so it is refused
	// (409, the current grants shown) and changes nothing.
	staleForm := form("readonly_leader:audit:read")
	resp, _ = admin.Form("/t/nghe-an/grants", form("standing_agency:audit:read"))
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("the other admin's save: %d", resp.StatusCode)
	}
	saved = effective()
	resp, page = admin.Form("/t/nghe-an/grants", staleForm)
	if resp.StatusCode != http.StatusConflict || !strings.Contains(page, "Phân quyền vừa được người khác thay đổi") {
		t.Errorf("a stale form: %d, want 409 with the notice", resp.StatusCode)
	}
	if got := effective(); !maps.Equal(got, saved) || !got["standing_agency:audit:read"] {
		t.Error("a stale form changed cells or undid the other save")
	}

	// The JSON batch: all or nothing too, the error keyed by the cell.
	batch := func(cells ...[4]string) map[string]any {
		var gs []map[string]string
		for _, c := range cells {
			gs = append(gs, map[string]string{"role": c[0], "object": c[1], "action": c[2], "state": c[3]})
		}
		return map[string]any{"grants": gs}
	}
	resp, body = admin.Do(http.MethodPut, "/api/v1/t/nghe-an/grants/batch", batch(
		[4]string{"standing_agency", "audit", "read", "allow"}, [4]string{"readonly_leader", "user", "update", "allow"}))
	apptest.Expect(t, resp, body, http.StatusUnprocessableEntity, "invalid")
	if !strings.Contains(string(body), `"readonly_leader:user:update"`) || strings.Contains(string(body), `"standing_agency:audit:read"`) {
		t.Errorf("batch errors do not name the refused cell alone: %s", body)
	}
	if got := effective(); !maps.Equal(got, saved) {
		t.Error("a refused batch changed cells")
	}
	resp, body = admin.Do(http.MethodPut, "/api/v1/t/nghe-an/grants/batch", batch(
		[4]string{"standing_agency", "audit", "read", "allow"}, [4]string{"standing_agency", "user", "read", "default"}))
	apptest.Expect(t, resp, body, http.StatusNoContent, "")
	if got := effective(); !got["standing_agency:audit:read"] || !got["standing_agency:user:read"] {
		t.Error("the batch did not apply")
	}

	// A cell asked twice: the same state is one change; two states are refused, naming the cell.
	resp, body = admin.Do(http.MethodPut, "/api/v1/t/nghe-an/grants/batch", batch(
		[4]string{"committee_member", "job", "read", "deny"}, [4]string{"committee_member", "job", "read", "deny"}))
	apptest.Expect(t, resp, body, http.StatusNoContent, "")
	resp, body = admin.Do(http.MethodPut, "/api/v1/t/nghe-an/grants/batch", batch(
		[4]string{"committee_member", "job", "read", "allow"}, [4]string{"committee_member", "job", "read", "deny"}))
	apptest.Expect(t, resp, body, http.StatusUnprocessableEntity, "invalid")
	if !strings.Contains(string(body), `"committee_member:job:read"`) {
		t.Errorf("two states for one cell: %s", body)
	}

	// Who may not: a role without grant:update, another province's admin.
	resp, _ = agency.Form("/t/nghe-an/grants", url.Values{"cell": {"standing_agency:audit:export"}, "grant": {"standing_agency:audit:export"}})
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("standing agency saving the matrix: %d, want 403", resp.StatusCode)
	}
	resp, body = agency.Do(http.MethodPut, "/api/v1/t/nghe-an/grants/batch", batch([4]string{"standing_agency", "audit", "export", "allow"}))
	apptest.Expect(t, resp, body, http.StatusForbidden, "forbidden")
	resp, _ = qnAdmin.Form("/t/nghe-an/grants", url.Values{"cell": {"standing_agency:audit:export"}, "grant": {"standing_agency:audit:export"}})
	if resp.StatusCode != http.StatusForbidden && resp.StatusCode != http.StatusNotFound {
		t.Errorf("another province's admin saving the matrix: %d", resp.StatusCode)
	}
	resp, body = qnAdmin.Do(http.MethodPut, "/api/v1/t/nghe-an/grants/batch", batch([4]string{"standing_agency", "audit", "export", "allow"}))
	if resp.StatusCode != http.StatusForbidden && resp.StatusCode != http.StatusNotFound {
		t.Errorf("another province's admin, batch: %d %s", resp.StatusCode, body)
	}
	if effective()["standing_agency:audit:export"] {
		t.Error("a refused viewer changed a grant")
	}

	// Restore the defaults: every cell as the system says.
	resp, _ = admin.Form("/t/nghe-an/grants/reset", url.Values{})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("reset: %d", resp.StatusCode)
	}
	resp, body = admin.Do(http.MethodGet, "/api/v1/t/nghe-an/grants", nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	if strings.Contains(string(body), `"override"`) {
		t.Errorf("overrides left after the reset: %s", body)
	}
	if _, page = admin.Page("/t/nghe-an/grants"); strings.Contains(page, "grant-cell grant-differs") {
		t.Error("differences marked after the reset")
	}
}

func TestMain(m *testing.M) { apptest.Main(m) }
