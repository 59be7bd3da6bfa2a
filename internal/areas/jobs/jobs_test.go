package jobs_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/internal/app/apptest"
	jobsarea "github.com/danvan-vn/danvan/internal/areas/jobs"
	"github.com/danvan-vn/danvan/internal/jobs"
	"github.com/danvan-vn/danvan/internal/seed"
	"github.com/danvan-vn/danvan/internal/tenancy"
	"github.com/danvan-vn/danvan/internal/viewer"
)

const redisDB = 9 // this package's Redis database

func TestMain(m *testing.M) { apptest.Main(m) }

// TestJobsArea: a failed job is seen with its error, retried from the page and the API, a
// pending one cancelled; the detail page follows a live job; another province and a role without
// the grant are refused.
func TestJobsArea(t *testing.T) {
	fail := true
	e := apptest.Start(t, apptest.Options{Mode: "services", RedisDB: redisDB, Jobs: map[string]jobs.Handler{
		"test:flaky": func(ctx context.Context, j *ent.Job) error {
			jobs.SetProgress(ctx, 40)
			if fail {
				return errors.New("máy chủ thư không trả lời")
			}
			return nil
		}}})
	admin := e.Client()
	admin.Login(seed.Provinces[0].AdminEmail)
	tn, err := e.App.Tenants.BySlug(tenancy.SystemContext(context.Background()), "nghe-an")
	if err != nil {
		t.Fatal(err)
	}
	ctx := viewer.NewContext(context.Background(), &viewer.Viewer{TenantID: tn.ID, TenantSlug: tn.Slug, System: true})
	failing, err := e.App.Jobs.Submit(ctx, jobs.Spec{Type: "test:flaky", MaxAttempts: 1})
	if err != nil {
		t.Fatal(err)
	}
	later, err := e.App.Jobs.Submit(ctx, jobs.Spec{Type: "test:flaky", RunAt: time.Now().Add(time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	const api = "/api/v1/t/nghe-an/jobs/"
	get := func(id int) jobsarea.JobJSON {
		t.Helper()
		resp, body := admin.Do(http.MethodGet, api+strconv.Itoa(id), nil)
		apptest.Expect(t, resp, body, http.StatusOK, "")
		var j jobsarea.JobJSON
		_ = json.Unmarshal(body, &j)
		return j
	}
	wait := func(id int, status string) jobsarea.JobJSON {
		t.Helper()
		deadline := time.Now().Add(60 * time.Second)
		for {
			j := get(id)
			if j.Status == status {
				return j
			}
			if time.Now().After(deadline) {
				t.Fatalf("job %d: %+v, want %s", id, j, status)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	j := wait(failing.ID, "failed")
	if !j.CanRetry || j.LastError == "" {
		t.Errorf("failed job: %+v", j)
	}
	// The page shows it with its error and a retry button.
	status, html := admin.Page(fmt.Sprintf("/t/nghe-an/jobs/%d", failing.ID))
	if status != http.StatusOK || !strings.Contains(html, "máy chủ thư không trả lời") || !strings.Contains(html, "/retry") || !strings.Contains(html, "<progress") {
		t.Errorf("job page: %d", status)
	}
	// Cancel only what has not started; retry only what failed.
	resp, body := admin.Do(http.MethodPost, api+strconv.Itoa(failing.ID)+"/cancel", nil)
	apptest.Expect(t, resp, body, http.StatusConflict, "job_not_pending")
	resp, body = admin.Do(http.MethodPost, api+strconv.Itoa(later.ID)+"/retry", nil)
	apptest.Expect(t, resp, body, http.StatusConflict, "job_not_failed")
	// The pending job's page follows it live (htmx) and offers cancel.
	status, html = admin.Page(fmt.Sprintf("/t/nghe-an/jobs/%d", later.ID))
	if status != http.StatusOK || !strings.Contains(html, `hx-trigger="every 2s"`) || !strings.Contains(html, "/cancel") {
		t.Errorf("pending job page: %d", status)
	}
	resp, body = admin.Do(http.MethodPost, api+strconv.Itoa(later.ID)+"/cancel", nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	if j := get(later.ID); j.Status != "cancelled" {
		t.Errorf("cancelled job: %+v", j)
	}
	// Retry from the page: the same job runs again and succeeds.
	fail = false
	resp2, _ := admin.Form(fmt.Sprintf("/t/nghe-an/jobs/%d/retry", failing.ID), map[string][]string{})
	if resp2.StatusCode != http.StatusSeeOther {
		t.Fatalf("retry form: %d", resp2.StatusCode)
	}
	if j := wait(failing.ID, "succeeded"); j.ID != failing.ID {
		t.Errorf("retried job: %+v", j)
	}
	// The list, filtered.
	resp, body = admin.Do(http.MethodGet, "/api/v1/t/nghe-an/jobs?status=cancelled", nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	var list jobsarea.ListJSON
	_ = json.Unmarshal(body, &list)
	if list.Total != 1 || len(list.Jobs) != 1 || list.Jobs[0].ID != later.ID {
		t.Errorf("cancelled jobs: %+v", list)
	}
	resp, body = admin.Do(http.MethodGet, "/api/v1/t/nghe-an/jobs?status=bogus", nil)
	apptest.Expect(t, resp, body, http.StatusUnprocessableEntity, "invalid")

	// Another province does not see it; a role without job:update cannot retry.
	other := e.Client()
	other.Login(seed.Provinces[3].AdminEmail)
	resp, body = other.Do(http.MethodGet, "/api/v1/t/quang-ngai/jobs/"+strconv.Itoa(failing.ID), nil)
	apptest.Expect(t, resp, body, http.StatusNotFound, "not_found")
	member := e.Person(t, "member@nghe-an.vn", "committee_member", "nghe-an", false)
	resp, body = member.Do(http.MethodGet, api+strconv.Itoa(failing.ID), nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	resp, body = member.Do(http.MethodPost, api+strconv.Itoa(failing.ID)+"/retry", nil)
	apptest.Expect(t, resp, body, http.StatusForbidden, "forbidden")
}
