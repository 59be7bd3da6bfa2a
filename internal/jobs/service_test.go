package jobs_test

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"sync"
	"testing"
	"time"

	"github.com/hibiken/asynq"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/ent/job"
	"github.com/danvan-vn/danvan/internal/apperr"
	"github.com/danvan-vn/danvan/internal/jobs"
	"github.com/danvan-vn/danvan/internal/testenv"
	"github.com/danvan-vn/danvan/internal/viewer"
)

// svcPayload is a typed payload, as a domain package writes one.
type svcPayload struct {
	TenantID int    `json:"tenant_id"`
	Mode     string `json:"mode"` // "ok", "fail", "block"
	N        int    `json:"n"`
}

func (p svcPayload) Province() int { return p.TenantID }

const typeSvc = "test:svc"

// svcHandler is a typed handler whose behaviour the payload picks; "block" waits for release.
type svcHandler struct {
	mu      sync.Mutex
	runs    map[int]int // payload N → runs
	viewers []*viewer.Viewer
	started chan int
	release chan struct{}
	stopped chan error // what Checkpoint said to a "checkpoint" run
	fail    bool
}

func newSvcHandler() *svcHandler {
	return &svcHandler{runs: map[int]int{}, started: make(chan int, 10), release: make(chan struct{}), stopped: make(chan error, 10)}
}

func (h *svcHandler) handle(ctx context.Context, p svcPayload) error {
	h.mu.Lock()
	h.runs[p.N]++
	h.viewers = append(h.viewers, viewer.FromContext(ctx))
	fail := h.fail
	h.mu.Unlock()
	switch p.Mode {
	case "block":
		h.started <- p.N
		<-h.release
	case "checkpoint":
		h.started <- p.N
		<-h.release
		err := jobs.Checkpoint(ctx, 50)
		h.stopped <- err
		return err
	case "fail":
		if fail {
			return errors.New("máy chủ thư từ chối")
		}
	}
	jobs.SetProgress(ctx, 40)
	return nil
}

func (h *svcHandler) runsOf(n int) int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.runs[n]
}

func (f *fixture) spec(t *testing.T, p svcPayload) jobs.Spec {
	t.Helper()
	s, err := jobs.NewSpec(typeSvc, p)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func wantKind(t *testing.T, what string, err error, kind apperr.Kind, code string) {
	t.Helper()
	e, ok := apperr.As(err)
	if !ok || e.Kind != kind || (code != "" && e.Code != code) {
		t.Errorf("%s: got %v, want kind %d code %q", what, err, kind, code)
	}
}

// TestService_ListAndGet: paging in bounds, filters, and one province's jobs only.
func TestService_ListAndGet(t *testing.T) {
	f := setup(t, backends()[0])
	h := newSvcHandler()
	jobs.Register(f.runner, typeSvc, h.handle)
	f.runner.Handle("test:other", func(context.Context, *ent.Job) error { return nil })
	svc := jobs.NewService(f.runner)
	tid := f.v.TenantID

	var ids []int
	for i := range 5 {
		s := f.spec(t, svcPayload{TenantID: tid, Mode: "ok", N: i})
		if i >= 3 {
			s = jobs.Spec{Type: "test:other"}
		}
		j, err := f.runner.Create(f.ctx, f.c, s)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, j.ID)
	}
	other := testenv.Province(t, f.c, "thai-nguyen", "Thái Nguyên")
	octx := viewer.NewContext(context.Background(), other)
	oj, err := f.runner.Create(octx, f.c, f.spec(t, svcPayload{TenantID: other.TenantID, Mode: "ok"}))
	if err != nil {
		t.Fatal(err)
	}

	newest := func(n int) []int { // ids of the n newest jobs, newest first
		var out []int
		for i := len(ids) - 1; i >= 0 && len(out) < n; i-- {
			out = append(out, ids[i])
		}
		return out
	}
	for _, tc := range []struct {
		name       string
		f          jobs.Filter
		wantIDs    []int
		wantTotal  int
		wantPage   int
		wantPerPag int
	}{
		{"first page", jobs.Filter{Page: 1, PerPage: 2}, newest(2), 5, 1, 2},
		{"last page", jobs.Filter{Page: 3, PerPage: 2}, []int{ids[0]}, 5, 3, 2},
		{"page past the end", jobs.Filter{Page: 4, PerPage: 2}, nil, 5, 4, 2},
		{"page 0 is the first", jobs.Filter{Page: 0, PerPage: 2}, newest(2), 5, 1, 2},
		{"negative page and size", jobs.Filter{Page: -3, PerPage: -1}, newest(5), 5, 1, jobs.DefaultPerPage},
		{"size over the bound", jobs.Filter{PerPage: 1000}, newest(5), 5, 1, jobs.MaxPerPage},
		{"huge page", jobs.Filter{Page: math.MaxInt, PerPage: math.MaxInt}, nil, 5, jobs.MaxPage, jobs.MaxPerPage},
		{"smallest page", jobs.Filter{Page: math.MinInt, PerPage: math.MinInt}, newest(5), 5, 1, jobs.DefaultPerPage},
		{"by type", jobs.Filter{Type: "test:other"}, []int{ids[4], ids[3]}, 2, 1, jobs.DefaultPerPage},
		{"by status", jobs.Filter{Status: jobs.StatusPending, PerPage: 1}, newest(1), 5, 1, 1},
		{"by status, none", jobs.Filter{Status: jobs.StatusFailed}, nil, 0, 1, jobs.DefaultPerPage},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n := tc.f.Normalize()
			if n.Page != tc.wantPage || n.PerPage != tc.wantPerPag || tc.f.Offset() < 0 {
				t.Errorf("normalized %+v offset %d, want page %d per page %d", n, tc.f.Offset(), tc.wantPage, tc.wantPerPag)
			}
			got, total, err := svc.List(f.ctx, tid, tc.f)
			if err != nil {
				t.Fatal(err)
			}
			var gotIDs []int
			for _, j := range got {
				gotIDs = append(gotIDs, j.ID)
				if j.TenantID != tid {
					t.Errorf("listed job %d of province %d", j.ID, j.TenantID)
				}
			}
			if total != tc.wantTotal || !equalInts(gotIDs, tc.wantIDs) {
				t.Errorf("got %v (total %d), want %v (total %d)", gotIDs, total, tc.wantIDs, tc.wantTotal)
			}
		})
	}
	if _, _, err := svc.List(f.ctx, tid, jobs.Filter{Status: "done"}); err == nil {
		t.Error("unknown status filter accepted")
	} else {
		wantKind(t, "unknown status", err, apperr.KindInvalid, "invalid")
	}

	g, err := svc.Get(f.ctx, tid, ids[0])
	if err != nil {
		t.Fatal(err)
	}
	if g.Status != jobs.StatusPending || g.Type != typeSvc || g.Progress != 0 || g.Attempts != 0 || g.MaxAttempts != 10 ||
		g.CreatedAt.IsZero() || g.FinishedAt != nil || g.CreatedBy == nil || *g.CreatedBy != f.v.UserID || !g.CanCancel() || g.CanRetry() {
		t.Errorf("get: %+v", g)
	}

	// Another province: its job is not found from here, nor ours from there, whichever
	// province the call names.
	for _, c := range []struct {
		name string
		ctx  context.Context
		tid  int
		id   int
	}{
		{"their job, our province", f.ctx, tid, oj.ID},
		{"their job, their province named", f.ctx, other.TenantID, oj.ID},
		{"our job, from their province", octx, other.TenantID, ids[0]},
		{"our job, our province named from theirs", octx, tid, ids[0]},
	} {
		_, err := svc.Get(c.ctx, c.tid, c.id)
		wantKind(t, "get: "+c.name, err, apperr.KindNotFound, "not_found")
		_, err = svc.Cancel(c.ctx, c.tid, c.id)
		wantKind(t, "cancel: "+c.name, err, apperr.KindNotFound, "not_found")
		_, err = svc.Retry(c.ctx, c.tid, c.id)
		wantKind(t, "retry: "+c.name, err, apperr.KindNotFound, "not_found")
	}
	if js, total, err := svc.List(octx, tid, jobs.Filter{}); err != nil || total != 0 || len(js) != 0 {
		t.Errorf("our list from their province: %d jobs, total %d, err %v", len(js), total, err)
	}
	if js, total, err := svc.List(octx, other.TenantID, jobs.Filter{}); err != nil || total != 1 || js[0].ID != oj.ID {
		t.Errorf("their list: %v, total %d, err %v", js, total, err)
	}
	// Their cancel was refused: our job is still pending.
	if g, _ := svc.Get(f.ctx, tid, ids[0]); g.Status != jobs.StatusPending {
		t.Errorf("after refused cross-province calls our job is %s", g.Status)
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestService_CancelAndRetry: cancel only what is pending (it leaves the queue and never runs),
// retry only what failed (same row, same payload).
func TestService_CancelAndRetry(t *testing.T) {
	f := setup(t, backends()[0])
	h := newSvcHandler()
	jobs.Register(f.runner, typeSvc, h.handle)
	svc := jobs.NewService(f.runner)
	tid := f.v.TenantID
	insp := asynq.NewInspector(f.redis)
	t.Cleanup(func() { _ = insp.Close() })

	// No worker yet: the job waits in the queue.
	queued, err := f.runner.Submit(f.ctx, f.spec(t, svcPayload{TenantID: tid, Mode: "ok", N: 1}))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := insp.GetTaskInfo(queued.Queue, "job-"+itoa(queued.ID)); err != nil {
		t.Fatalf("queued task not in Redis: %v", err)
	}
	_, err = svc.Retry(f.ctx, tid, queued.ID)
	wantKind(t, "retry pending", err, apperr.KindConflict, "job_not_failed")
	c, err := svc.Cancel(f.ctx, tid, queued.ID)
	if err != nil {
		t.Fatal(err)
	}
	if c.Status != jobs.StatusCancelled || c.FinishedAt == nil || c.CanCancel() || c.CanRetry() {
		t.Errorf("cancelled job: %+v", c)
	}
	if _, err := insp.GetTaskInfo(queued.Queue, "job-"+itoa(queued.ID)); !errors.Is(err, asynq.ErrTaskNotFound) {
		t.Errorf("cancelled job's task: %v, want it gone from Redis", err)
	}
	_, err = svc.Cancel(f.ctx, tid, queued.ID)
	wantKind(t, "cancel cancelled", err, apperr.KindConflict, "job_not_pending")
	_, err = svc.Retry(f.ctx, tid, queued.ID)
	wantKind(t, "retry cancelled", err, apperr.KindConflict, "job_not_failed")
	// A delivery that still reaches a worker (at least once) does nothing.
	task := asynq.NewTask(typeSvc, []byte(`{"job_id":`+itoa(queued.ID)+`,"tenant_id":`+itoa(tid)+`}`))
	if err := f.runner.ProcessTask(context.Background(), task); err != nil {
		t.Fatal(err)
	}
	if n := h.runsOf(1); n != 0 {
		t.Errorf("cancelled job ran %d times", n)
	}
	if g, _ := svc.Get(f.ctx, tid, queued.ID); g.Status != jobs.StatusCancelled || g.Attempts != 0 {
		t.Errorf("after a late delivery the cancelled job is %s with %d attempts", g.Status, g.Attempts)
	}
	// The sweep does not bring it back.
	if n, err := f.runner.Recover(context.Background(), 0); err != nil || n != 0 {
		t.Errorf("recover after cancel: %d, %v", n, err)
	}

	f.start(t)

	// A running job can be cancelled: its handler stops at its next checkpoint, it is not
	// retried, and the row stays cancelled.
	stopping, err := f.runner.Submit(f.ctx, f.spec(t, svcPayload{TenantID: tid, Mode: "checkpoint", N: 4}))
	if err != nil {
		t.Fatal(err)
	}
	<-h.started
	f.waitStatus(t, stopping.ID, job.StatusRunning)
	if c, err := svc.Cancel(f.ctx, tid, stopping.ID); err != nil || c.Status != jobs.StatusCancelled || c.CanCancel() {
		t.Fatalf("cancel running: %+v, %v", c, err)
	}
	_, err = svc.Retry(f.ctx, tid, stopping.ID)
	wantKind(t, "retry cancelled", err, apperr.KindConflict, "job_not_failed")
	close(h.release)
	if err := <-h.stopped; !errors.Is(err, jobs.ErrCancelled) {
		t.Errorf("checkpoint after cancel: %v, want ErrCancelled", err)
	}

	// A job that runs to its end succeeds; a finished job can be neither cancelled nor retried.
	running, err := f.runner.Submit(f.ctx, f.spec(t, svcPayload{TenantID: tid, Mode: "block", N: 2}))
	if err != nil {
		t.Fatal(err)
	}
	<-h.started
	f.waitStatus(t, running.ID, job.StatusSucceeded)
	if g, _ := svc.Get(f.ctx, tid, stopping.ID); g.Status != jobs.StatusCancelled || h.runsOf(4) != 1 {
		t.Errorf("cancelled running job: %+v, ran %d times", g, h.runsOf(4))
	}
	_, err = svc.Cancel(f.ctx, tid, running.ID)
	wantKind(t, "cancel succeeded", err, apperr.KindConflict, "job_not_pending")
	_, err = svc.Retry(f.ctx, tid, running.ID)
	wantKind(t, "retry succeeded", err, apperr.KindConflict, "job_not_failed")
	if g, _ := svc.Get(f.ctx, tid, running.ID); g.Progress != 100 || g.Attempts != 1 || g.StartedAt == nil || g.FinishedAt == nil {
		t.Errorf("succeeded job: %+v", g)
	}

	// A failed job shows why, and a retry runs the same row with the same payload.
	h.mu.Lock()
	h.fail = true
	h.mu.Unlock()
	spec := f.spec(t, svcPayload{TenantID: tid, Mode: "fail", N: 3})
	spec.MaxAttempts = 2
	failing, err := f.runner.Submit(f.ctx, spec)
	if err != nil {
		t.Fatal(err)
	}
	f.waitStatus(t, failing.ID, job.StatusFailed)
	g, err := svc.Get(f.ctx, tid, failing.ID)
	if err != nil {
		t.Fatal(err)
	}
	if g.Error != "máy chủ thư từ chối" || g.Attempts != 2 || !g.CanRetry() || g.FinishedAt == nil {
		t.Errorf("failed job: %+v", g)
	}
	_, err = svc.Cancel(f.ctx, tid, failing.ID)
	wantKind(t, "cancel failed", err, apperr.KindConflict, "job_not_pending")
	h.mu.Lock()
	h.fail = false
	h.mu.Unlock()
	r, err := svc.Retry(f.ctx, tid, failing.ID)
	if err != nil {
		t.Fatal(err)
	}
	if r.ID != failing.ID || (r.Status != jobs.StatusPending && r.Status != jobs.StatusRunning && r.Status != jobs.StatusSucceeded) {
		t.Errorf("retried job: %+v", r)
	}
	done := f.waitStatus(t, failing.ID, job.StatusSucceeded)
	if done.Attempts != 1 || done.LastError != "" || string(done.Payload) != string(spec.Payload.(json.RawMessage)) {
		t.Errorf("retried job done: attempts %d error %q payload %s", done.Attempts, done.LastError, done.Payload)
	}
	if n := h.runsOf(3); n != 3 {
		t.Errorf("failing job ran %d times, want 2 failures and 1 success", n)
	}
	// Every run acted as the system inside the job's province.
	h.mu.Lock()
	for _, v := range h.viewers {
		if v == nil || !v.System || v.TenantID != tid {
			t.Errorf("handler viewer %+v, want the system in province %d", v, tid)
		}
	}
	h.mu.Unlock()
}

// TestRegister_PayloadOfAnotherProvince: a typed payload names its province; a row whose payload
// names another province fails for good without running, and no row can be created for another
// province.
func TestRegister_PayloadOfAnotherProvince(t *testing.T) {
	f := setup(t, backends()[0])
	h := newSvcHandler()
	jobs.Register(f.runner, typeSvc, h.handle)
	other := testenv.Province(t, f.c, "thai-nguyen", "Thái Nguyên")
	if _, err := f.runner.Create(f.ctx, f.c, f.spec(t, svcPayload{TenantID: other.TenantID, Mode: "ok"})); err == nil {
		t.Error("created a job row for another province")
	}
	if _, err := jobs.NewSpec(typeSvc, svcPayload{Mode: "ok"}); err == nil {
		t.Error("a payload naming no province was accepted")
	}
	j, err := f.runner.Create(f.ctx, f.c, jobs.Spec{Type: typeSvc, Payload: svcPayload{TenantID: other.TenantID, Mode: "ok", N: 9}})
	if err != nil {
		t.Fatal(err)
	}
	task := asynq.NewTask(typeSvc, []byte(`{"job_id":`+itoa(j.ID)+`,"tenant_id":`+itoa(j.TenantID)+`}`))
	if err := f.runner.ProcessTask(context.Background(), task); !errors.Is(err, asynq.SkipRetry) {
		t.Errorf("mismatched payload: got %v, want SkipRetry", err)
	}
	if h.runsOf(9) != 0 {
		t.Error("handler ran on a payload of another province")
	}
	if got, _ := f.c.Job.Get(f.ctx, j.ID); got.Status != job.StatusFailed {
		t.Errorf("mismatched payload row is %s, want failed", got.Status)
	}
}

// TestWorker_Restart: jobs submitted while no worker runs, and a job whose worker died mid-run,
// run once a worker starts again.
func TestWorker_Restart(t *testing.T) {
	f := setup(t, backends()[0])
	h := newSvcHandler()
	jobs.Register(f.runner, typeSvc, h.handle)
	tid := f.v.TenantID
	cfg := jobs.WorkerConfig{Concurrency: 2, ShutdownTimeout: 5 * time.Second}

	w1, err := f.runner.NewWorker(f.redis, cfg, true)
	if err != nil {
		t.Fatal(err)
	}
	if err := w1.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	first, err := f.runner.Submit(f.ctx, f.spec(t, svcPayload{TenantID: tid, Mode: "ok", N: 1}))
	if err != nil {
		t.Fatal(err)
	}
	f.waitStatus(t, first.ID, job.StatusSucceeded)
	w1.Shutdown()

	// While no worker runs: a new job, and a row a dead worker left running (its task gone).
	waiting, err := f.runner.Submit(f.ctx, f.spec(t, svcPayload{TenantID: tid, Mode: "ok", N: 2}))
	if err != nil {
		t.Fatal(err)
	}
	crashed, err := f.runner.Create(f.ctx, f.c, f.spec(t, svcPayload{TenantID: tid, Mode: "ok", N: 3}))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.c.Job.UpdateOneID(crashed.ID).SetStatus(job.StatusRunning).SetAttempts(1).Exec(f.ctx); err != nil {
		t.Fatal(err)
	}

	w2, err := f.runner.NewWorker(f.redis, cfg, true)
	if err != nil {
		t.Fatal(err)
	}
	if err := w2.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(w2.Shutdown)
	f.waitStatus(t, waiting.ID, job.StatusSucceeded)
	if got := f.waitStatus(t, crashed.ID, job.StatusSucceeded); got.Attempts != 2 {
		t.Errorf("crashed job attempts %d, want 2", got.Attempts)
	}
	for n := 1; n <= 3; n++ {
		if r := h.runsOf(n); r != 1 {
			t.Errorf("job %d ran %d times, want 1", n, r)
		}
	}
}
