package access_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/danvan-vn/danvan/internal/app/apptest"
	"github.com/danvan-vn/danvan/internal/seed"
)

const redisDB = 5 // this package's Redis database

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

func TestMain(m *testing.M) { apptest.Main(m) }
