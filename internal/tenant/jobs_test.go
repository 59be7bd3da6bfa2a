package tenant_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/hibiken/asynq"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/ent/job"
	enttenant "github.com/danvan-vn/danvan/ent/tenant"
	"github.com/danvan-vn/danvan/internal/db"
	"github.com/danvan-vn/danvan/internal/jobs"
	"github.com/danvan-vn/danvan/internal/storage"
	"github.com/danvan-vn/danvan/internal/tenancy"
	"github.com/danvan-vn/danvan/internal/tenant"
	"github.com/danvan-vn/danvan/internal/testenv"
)

// redisDB is this package's Redis database number (packages run in parallel).
const redisDB = 5

func TestMain(m *testing.M) {
	code := m.Run()
	testenv.StopMinIO()
	os.Exit(code)
}

// TestService_HandleProvision: creating a province writes a provisioning job whose payload names
// it; the handler, run by the worker's runner or called directly with no viewer at all, restores
// the province from the payload, makes its bucket and activates it; running it again changes
// nothing.
func TestService_HandleProvision(t *testing.T) {
	d := testenv.OpenDB(t, testenv.Postgres(t).AppURL)
	opt, err := asynq.ParseRedisURI(testenv.Redis(t, redisDB))
	if err != nil {
		t.Fatal(err)
	}
	runner := jobs.NewRunner(d.Client, opt, slog.New(slog.NewTextHandler(io.Discard, nil)))
	t.Cleanup(func() { _ = runner.Close() })
	st, err := storage.New(testenv.S3(t))
	if err != nil {
		t.Fatal(err)
	}
	svc := tenant.New(d.Client, runner, st)
	jobs.Register(runner, tenant.TypeProvision, svc.HandleProvision)

	sys := tenancy.SystemContext(context.Background()) // the platform creates provinces
	if err := db.InTx(sys, d.Client, func(tx *ent.Tx) error {
		return tx.Plan.Create().SetCode("basic").SetName("Cơ bản").SetMaxUnits(0).SetMaxUsers(0).
			SetMaxStorageBytes(0).SetMaxReportGenerationsMonth(0).Exec(sys)
	}); err != nil {
		t.Fatal(err)
	}
	tn, j, err := svc.Create(sys, tenant.CreateInput{Slug: "ha-giang", Name: "Hà Giang", Plan: "basic"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.RemoveBucket(context.Background(), tn.Slug) })
	var p tenant.ProvisionPayload
	if err := json.Unmarshal(j.Payload, &p); err != nil || p.TenantID != tn.ID || j.TenantID != tn.ID ||
		j.Type != tenant.TypeProvision || j.Queue != jobs.QueueCritical {
		t.Fatalf("provisioning job: type %s queue %s tenant %d payload %s (%v)", j.Type, j.Queue, j.TenantID, j.Payload, err)
	}
	if tn.Status != enttenant.StatusProvisioning {
		t.Fatalf("new province is %s", tn.Status)
	}

	// The worker's delivery of the job.
	task := asynq.NewTask(tenant.TypeProvision, []byte(`{"job_id":`+strconv.Itoa(j.ID)+`,"tenant_id":`+strconv.Itoa(tn.ID)+`}`))
	if err := runner.ProcessTask(context.Background(), task); err != nil {
		t.Fatal(err)
	}
	done, err := d.Client.Job.Get(sys, j.ID)
	if err != nil {
		t.Fatal(err)
	}
	if done.Status != job.StatusSucceeded || done.Progress != 100 {
		t.Errorf("provisioning job %s at %d%%", done.Status, done.Progress)
	}
	got, err := d.Client.Tenant.Get(sys, tn.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != enttenant.StatusActive || got.Settings["locale"] != "vi" {
		t.Errorf("provisioned province: status %s settings %v", got.Status, got.Settings)
	}
	if _, err := st.Put(context.Background(), tn.Slug, "probe.txt", strings.NewReader("x"), 1, "text/plain"); err != nil {
		t.Errorf("the province's bucket: %v", err)
	}

	// Again, directly, from nothing but the payload: idempotent, and a setting the province
	// changed meanwhile stays.
	if err := db.InTx(sys, d.Client, func(tx *ent.Tx) error {
		return tx.Tenant.UpdateOneID(tn.ID).SetSettings(map[string]string{"locale": "en"}).Exec(sys)
	}); err != nil {
		t.Fatal(err)
	}
	if err := svc.HandleProvision(context.Background(), tenant.ProvisionPayload{TenantID: tn.ID}); err != nil {
		t.Fatal(err)
	}
	again, _ := d.Client.Tenant.Get(sys, tn.ID)
	if again.Status != enttenant.StatusActive || again.Settings["locale"] != "en" || again.Settings["date_format"] != "02/01/2006" {
		t.Errorf("provisioned twice: status %s settings %v", again.Status, again.Settings)
	}

	// A payload naming no existing province can never succeed.
	if err := svc.HandleProvision(context.Background(), tenant.ProvisionPayload{TenantID: 999999}); !errors.Is(err, asynq.SkipRetry) {
		t.Errorf("unknown province: got %v, want SkipRetry", err)
	}
}
