// Package jobs runs danvan's background work. A job that matters is a row first (ent Job: type,
// tenant, payload, status, attempts, last error, progress); Asynq only carries its id. Losing Redis
// loses no job: Recover enqueues again every pending or running row that Redis no longer holds,
// at start and periodically. Handlers run at least once, so they are written to be run twice.
package jobs

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/hibiken/asynq"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/ent/job"
	"github.com/danvan-vn/danvan/internal/tenancy"
	"github.com/danvan-vn/danvan/internal/viewer"
)

// Queues, by priority.
const (
	QueueCritical = "critical"
	QueueDefault  = "default"
	QueueLow      = "low"
)

// Queues weights for the Asynq server.
var Queues = map[string]int{QueueCritical: 6, QueueDefault: 3, QueueLow: 1}

// TypeSweep is the periodic task that re-enqueues job rows Redis lost.
const TypeSweep = "jobs:sweep"

// Envelope is the Asynq payload of a row-backed job: just where to find the row.
type Envelope struct {
	JobID    int `json:"job_id"`
	TenantID int `json:"tenant_id"`
}

// Handler does the work of one job. ctx carries a system viewer for the job's province; report
// progress (0–100) as the work advances. Return an error wrapping asynq.SkipRetry for a job that
// can never succeed (a bad payload).
type Handler func(ctx context.Context, j *ent.Job, progress func(pct int)) error

// Runner creates job rows, dispatches them to Asynq and runs their handlers.
type Runner struct {
	db       *ent.Client
	client   *asynq.Client
	insp     *asynq.Inspector
	log      *slog.Logger
	handlers map[string]Handler
}

var (
	metricRuns = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "danvan_jobs_runs_total", Help: "Job runs by type and outcome.",
	}, []string{"type", "outcome"})
	metricRecovered = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "danvan_jobs_recovered_total", Help: "Job rows enqueued again because Redis no longer held them.",
	})
)

// Collectors are the job metrics, for the /metrics registry.
func Collectors() []prometheus.Collector { return []prometheus.Collector{metricRuns, metricRecovered} }

// NewRunner returns a runner over the database and Redis.
func NewRunner(db *ent.Client, redis asynq.RedisConnOpt, log *slog.Logger) *Runner {
	return &Runner{
		db:       db,
		client:   asynq.NewClient(redis),
		insp:     asynq.NewInspector(redis),
		log:      log,
		handlers: map[string]Handler{},
	}
}

// Close releases the Redis connections.
func (r *Runner) Close() error {
	return errors.Join(r.client.Close(), r.insp.Close())
}

// Handle registers the handler of a job type.
func (r *Runner) Handle(typ string, h Handler) { r.handlers[typ] = h }

// Spec describes a job to create.
type Spec struct {
	Type        string
	Queue       string // default QueueDefault
	Payload     any    // marshalled to JSON
	MaxAttempts int    // default 10
	RunAt       time.Time
}

// Create writes the job row with c (which may be a transaction's client, so the row commits with
// the change that asked for it). Call Dispatch after the commit. ctx's viewer decides the tenant.
func (r *Runner) Create(ctx context.Context, c *ent.Client, s Spec) (*ent.Job, error) {
	if _, ok := r.handlers[s.Type]; !ok {
		return nil, fmt.Errorf("jobs: no handler for %q", s.Type)
	}
	payload, err := json.Marshal(s.Payload)
	if err != nil {
		return nil, fmt.Errorf("jobs: marshal %s payload: %w", s.Type, err)
	}
	q := c.Job.Create().SetType(s.Type).SetPayload(payload)
	if s.Queue != "" {
		q.SetQueue(s.Queue)
	}
	if s.MaxAttempts > 0 {
		q.SetMaxAttempts(s.MaxAttempts)
	}
	if !s.RunAt.IsZero() {
		q.SetRunAt(s.RunAt.UTC())
	}
	if v := viewer.FromContext(ctx); v != nil && v.UserID > 0 {
		q.SetCreatedBy(v.UserID)
	}
	j, err := q.Save(ctx)
	if err != nil {
		return nil, fmt.Errorf("jobs: create %s: %w", s.Type, err)
	}
	return j, nil
}

// Submit creates the row and dispatches it at once.
func (r *Runner) Submit(ctx context.Context, s Spec) (*ent.Job, error) {
	j, err := r.Create(ctx, r.db, s)
	if err != nil {
		return nil, err
	}
	return j, r.Dispatch(ctx, j)
}

func taskID(id int) string { return fmt.Sprintf("job-%d", id) }

// Dispatch hands the row to Asynq. A task already in Redis for the row is not duplicated. When
// Redis is unreachable the row stays pending and the sweep dispatches it later, so the error is
// logged and returned for the caller to decide.
func (r *Runner) Dispatch(ctx context.Context, j *ent.Job) error {
	env, _ := json.Marshal(Envelope{JobID: j.ID, TenantID: j.TenantID})
	opts := []asynq.Option{
		asynq.TaskID(taskID(j.ID)),
		asynq.Queue(j.Queue),
		asynq.MaxRetry(max(j.MaxAttempts-1, 0)),
	}
	if j.RunAt != nil && j.RunAt.After(time.Now()) {
		opts = append(opts, asynq.ProcessAt(*j.RunAt))
	}
	_, err := r.client.EnqueueContext(ctx, asynq.NewTask(j.Type, env), opts...)
	if errors.Is(err, asynq.ErrTaskIDConflict) {
		return nil
	}
	if err != nil {
		r.log.WarnContext(ctx, "job row saved but not enqueued; the sweep will retry", "job_id", j.ID, "type", j.Type, "err", err)
		return fmt.Errorf("jobs: enqueue %s %d: %w", j.Type, j.ID, err)
	}
	return nil
}

// Recover enqueues again every pending or running row whose task Redis does not hold (after a
// Redis restart or flush). Rows younger than minAge are left alone: their dispatch may be in
// flight. It returns how many rows it enqueued.
func (r *Runner) Recover(ctx context.Context, minAge time.Duration) (int, error) {
	ctx = tenancy.SystemContext(ctx) // the sweep reads every province's job rows
	rows, err := r.db.Job.Query().
		Where(job.StatusIn(job.StatusPending, job.StatusRunning), job.CreatedAtLT(time.Now().Add(-minAge).UTC())).
		Order(ent.Asc(job.FieldID)).All(ctx)
	if err != nil {
		return 0, fmt.Errorf("jobs: recover: list rows: %w", err)
	}
	n := 0
	for _, j := range rows {
		if _, err := r.insp.GetTaskInfo(j.Queue, taskID(j.ID)); err == nil {
			continue // Redis still holds it
		} else if !errors.Is(err, asynq.ErrTaskNotFound) && !errors.Is(err, asynq.ErrQueueNotFound) {
			return n, fmt.Errorf("jobs: recover: inspect job %d: %w", j.ID, err)
		}
		if err := r.Dispatch(ctx, j); err != nil {
			return n, err
		}
		n++
		metricRecovered.Inc()
		r.log.InfoContext(ctx, "job re-enqueued from its row", "job_id", j.ID, "type", j.Type, "tenant_id", j.TenantID)
	}
	return n, nil
}

// ProcessTask runs one delivery of a row-backed job. It is safe to deliver twice: a finished row
// is not run again.
func (r *Runner) ProcessTask(ctx context.Context, t *asynq.Task) error {
	var env Envelope
	if err := json.Unmarshal(t.Payload(), &env); err != nil || env.JobID <= 0 || env.TenantID <= 0 {
		return fmt.Errorf("jobs: bad envelope %q: %w", t.Payload(), asynq.SkipRetry)
	}
	h, ok := r.handlers[t.Type()]
	if !ok {
		return fmt.Errorf("jobs: no handler for %q: %w", t.Type(), asynq.SkipRetry)
	}
	// Look the tenant up across provinces, then act inside it only.
	tn, err := r.db.Tenant.Get(tenancy.SystemContext(ctx), env.TenantID)
	if err != nil {
		return fmt.Errorf("jobs: job %d: tenant %d: %w", env.JobID, env.TenantID, errors.Join(err, asynq.SkipRetry))
	}
	ctx = viewer.NewContext(ctx, viewer.System(tn.ID, tn.Slug))
	j, err := r.db.Job.Get(ctx, env.JobID)
	if ent.IsNotFound(err) {
		return fmt.Errorf("jobs: job %d not found in tenant %d: %w", env.JobID, env.TenantID, asynq.SkipRetry)
	}
	if err != nil {
		return fmt.Errorf("jobs: load job %d: %w", env.JobID, err)
	}
	if j.Status == job.StatusSucceeded || j.Status == job.StatusFailed {
		return nil // already finished: a duplicate delivery
	}
	now := time.Now().UTC()
	j, err = j.Update().SetStatus(job.StatusRunning).AddAttempts(1).SetStartedAt(now).Save(ctx)
	if err != nil {
		return fmt.Errorf("jobs: start job %d: %w", env.JobID, err)
	}
	log := r.log.With("job_id", j.ID, "type", j.Type, "tenant", tn.Slug, "attempt", j.Attempts)
	progress := func(pct int) {
		pct = min(max(pct, 0), 100)
		if err := r.db.Job.UpdateOneID(j.ID).SetProgress(pct).Exec(ctx); err != nil {
			log.WarnContext(ctx, "job progress not saved", "err", err)
		}
	}
	runErr := runSafely(ctx, h, j, progress)
	fin := time.Now().UTC()
	if runErr == nil {
		metricRuns.WithLabelValues(j.Type, "succeeded").Inc()
		log.InfoContext(ctx, "job succeeded", "took", fin.Sub(now).String())
		return r.db.Job.UpdateOneID(j.ID).SetStatus(job.StatusSucceeded).SetProgress(100).
			SetFinishedAt(fin).ClearLastError().Exec(ctx)
	}
	final := errors.Is(runErr, asynq.SkipRetry) || j.Attempts >= j.MaxAttempts
	upd := r.db.Job.UpdateOneID(j.ID).SetLastError(runErr.Error())
	if final {
		upd.SetStatus(job.StatusFailed).SetFinishedAt(fin)
		metricRuns.WithLabelValues(j.Type, "failed").Inc()
		log.ErrorContext(ctx, "job failed for good", "err", runErr)
	} else {
		upd.SetStatus(job.StatusPending)
		metricRuns.WithLabelValues(j.Type, "retry").Inc()
		log.WarnContext(ctx, "job failed; will retry", "err", runErr)
	}
	if err := upd.Exec(ctx); err != nil {
		return errors.Join(runErr, err)
	}
	if final {
		return fmt.Errorf("%w: %w", runErr, asynq.SkipRetry)
	}
	return runErr
}

func runSafely(ctx context.Context, h Handler, j *ent.Job, progress func(int)) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("jobs: handler panicked: %v", p)
		}
	}()
	return h(ctx, j, progress)
}

// Retry puts a failed job back to pending and dispatches it (an operator's or admin's action).
func (r *Runner) Retry(ctx context.Context, id int) (*ent.Job, error) {
	j, err := r.db.Job.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	if j.Status != job.StatusFailed {
		return nil, fmt.Errorf("jobs: job %d is %s, only failed jobs are retried", id, j.Status)
	}
	// A failed job's task may linger in Redis as archived; remove it so the id is free again.
	_ = r.insp.DeleteTask(j.Queue, taskID(j.ID))
	j, err = j.Update().SetStatus(job.StatusPending).SetAttempts(0).ClearFinishedAt().SetProgress(0).Save(ctx)
	if err != nil {
		return nil, err
	}
	return j, r.Dispatch(ctx, j)
}

// Decode unmarshals a job's payload; a bad payload can never succeed, so it skips retries.
func Decode(j *ent.Job, v any) error {
	if err := json.Unmarshal(j.Payload, v); err != nil {
		return fmt.Errorf("jobs: decode %s payload of job %d: %v: %w", j.Type, j.ID, err, asynq.SkipRetry)
	}
	return nil
}
