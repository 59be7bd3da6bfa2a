package jobs_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/hibiken/asynq"
	"github.com/redis/go-redis/v9"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/ent/job"
	"github.com/danvan-vn/danvan/internal/jobs"
	"github.com/danvan-vn/danvan/internal/testenv"
	"github.com/danvan-vn/danvan/internal/viewer"
)

// redisDB is this package's Redis database number (packages run in parallel).
const redisDB = 1

type backend struct {
	name  string
	db    func(t *testing.T) string
	redis func(t *testing.T) string
}

func backends() []backend {
	return []backend{
		{"postgres+redis", func(t *testing.T) string { return testenv.Postgres(t).AppURL }, func(t *testing.T) string { return testenv.Redis(t, redisDB) }},
		{"sqlite+miniredis", func(t *testing.T) string { return testenv.SQLite(t) }, func(t *testing.T) string {
			m := miniredis.NewMiniRedis()
			m.ClockTTL(true)
			if err := m.Start(); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(m.Close)
			return "redis://" + m.Addr() + "/0"
		}},
	}
}

type fixture struct {
	c      *ent.Client
	runner *jobs.Runner
	redis  asynq.RedisConnOpt
	rurl   string
	ctx    context.Context
	v      *viewer.Viewer
}

func setup(t *testing.T, b backend) *fixture {
	d := testenv.OpenDB(t, b.db(t))
	rurl := b.redis(t)
	opt, err := asynq.ParseRedisURI(rurl)
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	r := jobs.NewRunner(d.Client, opt, log)
	t.Cleanup(func() { _ = r.Close() })
	v := testenv.Province(t, d.Client, "nghe-an", "Nghệ An")
	return &fixture{c: d.Client, runner: r, redis: opt, rurl: rurl, ctx: viewer.NewContext(context.Background(), v), v: v}
}

func (f *fixture) start(t *testing.T) {
	w, err := f.runner.NewWorker(f.redis, jobs.WorkerConfig{
		Concurrency: 2, ShutdownTimeout: 5 * time.Second,
		RetryDelay: func(int, error, *asynq.Task) time.Duration { return 100 * time.Millisecond },
	}, false)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(w.Shutdown)
}

func (f *fixture) waitStatus(t *testing.T, id int, want job.Status) *ent.Job {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		j, err := f.c.Job.Get(f.ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if j.Status == want {
			return j
		}
		if time.Now().After(deadline) {
			t.Fatalf("job %d is %s (attempts %d, error %q), want %s", id, j.Status, j.Attempts, j.LastError, want)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestRunner_RedisLost: a pending row whose task Redis lost still runs, exactly once.
func TestRunner_RedisLost(t *testing.T) {
	for _, b := range backends() {
		t.Run(b.name, func(t *testing.T) {
			f := setup(t, b)
			var runs atomic.Int32
			f.runner.Handle("test:count", func(ctx context.Context, j *ent.Job) error {
				if v := viewer.FromContext(ctx); v == nil || !v.System || v.TenantID != j.TenantID {
					t.Errorf("handler viewer = %+v, want system viewer of tenant %d", v, j.TenantID)
				}
				jobs.SetProgress(ctx, 50)
				runs.Add(1)
				return nil
			})
			j, err := f.runner.Submit(f.ctx, jobs.Spec{Type: "test:count", Payload: map[string]string{"x": "y"}})
			if err != nil {
				t.Fatal(err)
			}
			// Redis loses everything before any worker ran.
			opt, _ := redis.ParseURL(f.rurl)
			rc := redis.NewClient(opt)
			if err := rc.FlushDB(context.Background()).Err(); err != nil {
				t.Fatal(err)
			}
			_ = rc.Close()
			if got, _ := f.c.Job.Get(f.ctx, j.ID); got.Status != job.StatusPending {
				t.Fatalf("row status %s before recovery", got.Status)
			}
			f.start(t) // recovers at start
			done := f.waitStatus(t, j.ID, job.StatusSucceeded)
			if done.Progress != 100 || done.Attempts != 1 || done.FinishedAt == nil {
				t.Errorf("finished row: progress %d attempts %d finished %v", done.Progress, done.Attempts, done.FinishedAt)
			}
			// A second recovery finds nothing to do, and nothing runs twice.
			n, err := f.runner.Recover(context.Background(), 0)
			if err != nil || n != 0 {
				t.Errorf("second recovery enqueued %d (err %v), want 0", n, err)
			}
			time.Sleep(300 * time.Millisecond)
			if r := runs.Load(); r != 1 {
				t.Errorf("handler ran %d times, want 1", r)
			}
		})
	}
}

// TestRunner_RetryThenSucceed: a failing attempt is recorded and retried.
func TestRunner_RetryThenSucceed(t *testing.T) {
	for _, b := range backends() {
		t.Run(b.name, func(t *testing.T) {
			f := setup(t, b)
			var runs atomic.Int32
			f.runner.Handle("test:flaky", func(ctx context.Context, j *ent.Job) error {
				if runs.Add(1) == 1 {
					return errors.New("tạm thời không kết nối được")
				}
				return nil
			})
			f.start(t)
			j, err := f.runner.Submit(f.ctx, jobs.Spec{Type: "test:flaky", MaxAttempts: 3})
			if err != nil {
				t.Fatal(err)
			}
			done := f.waitStatus(t, j.ID, job.StatusSucceeded)
			if done.Attempts != 2 {
				t.Errorf("attempts = %d, want 2", done.Attempts)
			}
		})
	}
}

// TestRunner_FailForGoodThenRetry: a job that cannot succeed fails with its reason, and an
// explicit retry runs it again.
func TestRunner_FailForGoodThenRetry(t *testing.T) {
	b := backends()[0]
	f := setup(t, b)
	var fail atomic.Bool
	fail.Store(true)
	f.runner.Handle("test:bad", func(ctx context.Context, j *ent.Job) error {
		var p struct{ N int }
		if err := jobs.Decode(j, &p); err != nil {
			return err
		}
		if fail.Load() {
			return errors.New("sai dữ liệu")
		}
		return nil
	})
	f.start(t)
	j, err := f.runner.Submit(f.ctx, jobs.Spec{Type: "test:bad", MaxAttempts: 2, Payload: map[string]int{"N": 1}})
	if err != nil {
		t.Fatal(err)
	}
	failed := f.waitStatus(t, j.ID, job.StatusFailed)
	if failed.Attempts != 2 || failed.LastError != "sai dữ liệu" {
		t.Errorf("failed row: attempts %d error %q", failed.Attempts, failed.LastError)
	}
	fail.Store(false)
	if _, err := f.runner.Retry(f.ctx, j.ID); err != nil {
		t.Fatal(err)
	}
	f.waitStatus(t, j.ID, job.StatusSucceeded)

	// A payload that cannot be decoded fails at once, without retries.
	bad, err := f.runner.Create(f.ctx, f.c, jobs.Spec{Type: "test:bad", MaxAttempts: 5, Payload: "not an object"})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.runner.Dispatch(f.ctx, bad); err != nil {
		t.Fatal(err)
	}
	if got := f.waitStatus(t, bad.ID, job.StatusFailed); got.Attempts != 1 {
		t.Errorf("undecodable payload ran %d attempts, want 1", got.Attempts)
	}
}

// TestRunner_DuplicateDelivery: Asynq delivers at least once; a finished row is not run again.
func TestRunner_DuplicateDelivery(t *testing.T) {
	f := setup(t, backends()[1])
	var runs atomic.Int32
	f.runner.Handle("test:once", func(context.Context, *ent.Job) error { runs.Add(1); return nil })
	j, err := f.runner.Create(f.ctx, f.c, jobs.Spec{Type: "test:once"})
	if err != nil {
		t.Fatal(err)
	}
	task := asynq.NewTask("test:once", []byte(`{"job_id":`+itoa(j.ID)+`,"tenant_id":`+itoa(j.TenantID)+`}`))
	for i := 0; i < 2; i++ {
		if err := f.runner.ProcessTask(context.Background(), task); err != nil {
			t.Fatal(err)
		}
	}
	if runs.Load() != 1 {
		t.Errorf("ran %d times, want 1", runs.Load())
	}
	// An envelope pointing at another province's job finds nothing and does not retry.
	other := testenv.Province(t, f.c, "thai-nguyen", "Thái Nguyên")
	wrong := asynq.NewTask("test:once", []byte(`{"job_id":`+itoa(j.ID)+`,"tenant_id":`+itoa(other.TenantID)+`}`))
	if err := f.runner.ProcessTask(context.Background(), wrong); !errors.Is(err, asynq.SkipRetry) {
		t.Errorf("cross-tenant envelope: got %v, want SkipRetry", err)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestWorker_ShutdownWaitsForJobsInFlight: on SIGTERM the worker lets a running job finish.
func TestWorker_ShutdownWaitsForJobsInFlight(t *testing.T) {
	f := setup(t, backends()[0])
	started := make(chan struct{})
	f.runner.Handle("test:slow", func(context.Context, *ent.Job) error {
		close(started)
		time.Sleep(800 * time.Millisecond)
		return nil
	})
	w, err := f.runner.NewWorker(f.redis, jobs.WorkerConfig{Concurrency: 1, ShutdownTimeout: 10 * time.Second}, true)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	j, err := f.runner.Submit(f.ctx, jobs.Spec{Type: "test:slow"})
	if err != nil {
		t.Fatal(err)
	}
	<-started
	w.Shutdown() // returns once the job in flight is done
	got, err := f.c.Job.Get(f.ctx, j.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != job.StatusSucceeded {
		t.Errorf("after shutdown the job in flight is %s, want succeeded", got.Status)
	}
}

// TestPeriodic: a domain's periodic task is routed to its function by the worker's mux.
func TestPeriodic(t *testing.T) {
	r := jobs.NewRunner(nil, asynq.RedisClientOpt{Addr: "127.0.0.1:0"}, slog.New(slog.NewTextHandler(io.Discard, nil)))
	defer r.Close()
	ran := 0
	r.Periodic("test:tick", "0 1 * * *", func(context.Context) error { ran++; return nil })
	h, pattern := r.Mux().Handler(asynq.NewTask("test:tick", nil))
	if pattern != "test:tick" {
		t.Fatalf("periodic task routed to %q", pattern)
	}
	if err := h.ProcessTask(context.Background(), asynq.NewTask("test:tick", nil)); err != nil || ran != 1 {
		t.Errorf("periodic task: ran %d times, %v", ran, err)
	}
}
