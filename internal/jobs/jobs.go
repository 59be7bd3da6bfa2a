// Package jobs runs danvan's background work. A job that matters is a row first (ent Job: type,
// tenant, payload, status, attempts, last error, progress); Asynq only carries its id. Losing Redis
// loses no job: Recover enqueues again every pending or running row that Redis no longer holds,
// at start and periodically. Handlers run at least once, so they are written to be run twice.
//
// A domain package declares its jobs in the asynq shape, in its jobs.go: a type constant
// ("domain:x"), a payload struct naming its province (TenantID, returned by Province()), a
// constructor NewXTask returning the Spec to create (NewSpec), and a handler
// func (s *Service) HandleX(ctx, XPayload) error that restores the province with TenantContext.
// The composition root registers each with Register, one line per type. Service lists, shows,
// retries and cancels a province's jobs for the pages and the API.
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
	"github.com/danvan-vn/danvan/internal/apperr"
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
// progress (0–100) with SetProgress as the work advances. Return an error wrapping
// asynq.SkipRetry for a job that can never succeed (a bad payload). Domain packages register
// typed handlers with Register instead.
type Handler func(ctx context.Context, j *ent.Job) error

type progressKey struct{}

type jobIDKey struct{}

// ID returns the id of the job row running on ctx (0 outside a job). A handler that writes
// outputs keys them by it, so a second delivery of the same job finds them and makes none.
func ID(ctx context.Context) int {
	id, _ := ctx.Value(jobIDKey{}).(int)
	return id
}

// ErrCancelled is returned by Checkpoint when the job was cancelled while it ran.
var ErrCancelled = errors.New("jobs: cancelled")

type checkpointKey struct{}

// Checkpoint records progress like SetProgress and tells a long handler whether to go on: it
// returns ErrCancelled once the job's row was cancelled (an operator's cancel while it runs).
// The handler returns that error; the row stays cancelled and is not retried. Outside a job it
// returns nil.
func Checkpoint(ctx context.Context, pct int) error {
	if f, ok := ctx.Value(checkpointKey{}).(func(int) error); ok {
		return f(pct)
	}
	return nil
}

// SetProgress records how far (0–100) the job running on ctx has come. Outside a job it does
// nothing, so a handler can also be called directly.
func SetProgress(ctx context.Context, pct int) {
	if f, ok := ctx.Value(progressKey{}).(func(int)); ok {
		f(pct)
	}
}

// Payload is a typed job payload, the asynq shape: it names the province (tenant) the job acts
// in, so its handler can restore that province with TenantContext.
type Payload interface{ Province() int }

// NewSpec returns the Spec of a job of type typ carrying p, to create in p's province: the
// asynq NewTask of a row-backed job. A domain's NewXTask calls it and sets the queue it wants.
func NewSpec[P Payload](typ string, p P) (Spec, error) {
	if p.Province() <= 0 {
		return Spec{}, fmt.Errorf("jobs: %s payload names no province", typ)
	}
	b, err := json.Marshal(p)
	if err != nil {
		return Spec{}, fmt.Errorf("jobs: marshal %s payload: %w", typ, err)
	}
	return Spec{Type: typ, TenantID: p.Province(), Payload: json.RawMessage(b)}, nil
}

// Register routes job type typ to a typed handler. The payload is decoded first (one that cannot
// be decoded, or that names another province than the job row's, fails at once, without
// retries).
func Register[P Payload](r *Runner, typ string, h func(ctx context.Context, p P) error) {
	r.Handle(typ, func(ctx context.Context, j *ent.Job) error {
		var p P
		if err := Decode(j, &p); err != nil {
			return err
		}
		if p.Province() != j.TenantID {
			return fmt.Errorf("jobs: %s job %d of province %d carries a payload of province %d: %w",
				j.Type, j.ID, j.TenantID, p.Province(), asynq.SkipRetry)
		}
		return h(ctx, p)
	})
}

// TenantContext returns ctx acting as the system inside province tenantID, as a job handler
// does: it restores the province a payload names. A ctx already acting for that province as the
// system (the runner's) is returned as is. An unknown province can never succeed, so its error
// wraps asynq.SkipRetry.
func TenantContext(ctx context.Context, c *ent.Client, tenantID int) (context.Context, error) {
	if v := viewer.FromContext(ctx); v != nil && v.System && v.TenantID == tenantID && tenantID > 0 {
		return ctx, nil
	}
	// Look the province up across provinces (the tenants table is platform data), then act
	// inside it only.
	tn, err := c.Tenant.Get(tenancy.SystemContext(ctx), tenantID)
	if ent.IsNotFound(err) {
		return nil, fmt.Errorf("jobs: province %d: %w", tenantID, errors.Join(err, asynq.SkipRetry))
	}
	if err != nil {
		return nil, fmt.Errorf("jobs: province %d: %w", tenantID, err)
	}
	return viewer.NewContext(ctx, viewer.System(tn.ID, tn.Slug)), nil
}

// Runner creates job rows, dispatches them to Asynq and runs their handlers.
type Runner struct {
	db       *ent.Client
	client   *asynq.Client
	insp     *asynq.Inspector
	log      *slog.Logger
	handlers map[string]Handler
	periodic []periodic
	// scheduled are the task types of database-backed schedules, with their functions.
	scheduled map[string]func(ctx context.Context, payload []byte) error
	schedules []func(ctx context.Context) ([]Scheduled, error)
}

// Scheduled is one entry of a database-backed schedule: a task type, a cron spec (Vietnam's
// time) and a payload (usually naming a province).
type Scheduled struct {
	Type    string
	Cron    string
	Payload []byte
}

// Schedule adds a database-backed schedule: the scheduler asks provider for its entries every
// minute, so a province that changes its sending time is followed without a restart. Each
// entry is unique per hour (per type and payload), so two schedulers do not double it; fn runs
// it and must be idempotent all the same.
func (r *Runner) Schedule(typ string, provider func(ctx context.Context) ([]Scheduled, error), fn func(ctx context.Context, payload []byte) error) {
	if r.scheduled == nil {
		r.scheduled = map[string]func(context.Context, []byte) error{}
	}
	r.scheduled[typ] = fn
	r.schedules = append(r.schedules, provider)
}

// scheduledConfigs reads the database-backed schedules; one that fails is logged and left out
// for this round (the scheduler keeps its last configs for it only if all fail).
func (r *Runner) scheduledConfigs(ctx context.Context) ([]*asynq.PeriodicTaskConfig, error) {
	var out []*asynq.PeriodicTaskConfig
	var errs []error
	for _, p := range r.schedules {
		es, err := p(ctx)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		for _, e := range es {
			out = append(out, &asynq.PeriodicTaskConfig{Cronspec: e.Cron, Task: asynq.NewTask(e.Type, e.Payload),
				Opts: []asynq.Option{asynq.Queue(QueueDefault), asynq.Unique(time.Hour), asynq.MaxRetry(5)}})
		}
	}
	if len(errs) > 0 && len(errs) == len(r.schedules) {
		return nil, errors.Join(errs...)
	}
	for _, err := range errs {
		r.log.WarnContext(ctx, "a schedule could not be read; its tasks are left out this round", "err", err)
	}
	return out, nil
}

// periodic is a task the scheduler enqueues on a cron spec (Asia/Ho_Chi_Minh).
type periodic struct {
	typ, cron string
	run       func(ctx context.Context) error
}

// Periodic runs fn on the cron spec (in Vietnam's time zone: "0 1 * * *" is 01:00 there) on
// the workers that run the scheduler. The task is unique per its interval, so two schedulers
// do not double it; fn must be idempotent all the same.
func (r *Runner) Periodic(typ, cron string, fn func(ctx context.Context) error) {
	r.periodic = append(r.periodic, periodic{typ: typ, cron: cron, run: fn})
}

// Nudge enqueues a periodic task now, before its next tick (the outbox's flush after a commit
// wrote mail). It is unique for a few seconds, so a burst of nudges runs the task once; a nudge
// that meets a task already queued is no error. Best effort: if it is lost, the periodic tick
// does the work.
func (r *Runner) Nudge(ctx context.Context, typ string) error {
	_, err := r.client.EnqueueContext(ctx, asynq.NewTask(typ, nil), asynq.Queue(QueueDefault),
		asynq.Unique(5*time.Second), asynq.MaxRetry(0))
	if errors.Is(err, asynq.ErrDuplicateTask) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("jobs: nudge %s: %w", typ, err)
	}
	return nil
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
	Type string
	// TenantID, when set, is the province of the row; it must be ctx's (ent privacy refuses a
	// row for another province). Unset, the row is ctx's province's.
	TenantID    int
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
	if s.TenantID > 0 {
		q.SetTenantID(s.TenantID)
	}
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
		if info, err := r.insp.GetTaskInfo(j.Queue, taskID(j.ID)); err == nil {
			if info.State != asynq.TaskStateArchived && info.State != asynq.TaskStateCompleted {
				continue // Redis still holds it, to run
			}
			// A finished task of a row that is pending again (a retry whose clean-up failed)
			// holds the task id: free it.
			if err := r.insp.DeleteTask(j.Queue, taskID(j.ID)); err != nil && !taskGone(err) {
				return n, fmt.Errorf("jobs: recover: delete finished task of job %d: %w", j.ID, err)
			}
		} else if !taskGone(err) {
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
	ctx, err := TenantContext(ctx, r.db, env.TenantID)
	if err != nil {
		return fmt.Errorf("jobs: job %d: %w", env.JobID, err)
	}
	j, err := r.db.Job.Get(ctx, env.JobID)
	if ent.IsNotFound(err) {
		return fmt.Errorf("jobs: job %d not found in tenant %d: %w", env.JobID, env.TenantID, asynq.SkipRetry)
	}
	if err != nil {
		return fmt.Errorf("jobs: load job %d: %w", env.JobID, err)
	}
	// Start only a row still to run, in one statement: a finished, failed or cancelled row (a
	// duplicate delivery, or a cancel that won the race with this delivery) is left alone.
	now := time.Now().UTC()
	n, err := r.db.Job.Update().Where(job.ID(j.ID), job.StatusIn(job.StatusPending, job.StatusRunning)).
		SetStatus(job.StatusRunning).AddAttempts(1).SetStartedAt(now).Save(ctx)
	if err != nil {
		return fmt.Errorf("jobs: start job %d: %w", env.JobID, err)
	}
	if n == 0 {
		return nil
	}
	if j, err = r.db.Job.Get(ctx, env.JobID); err != nil {
		return fmt.Errorf("jobs: load job %d: %w", env.JobID, err)
	}
	log := r.log.With("job_id", j.ID, "type", j.Type, "tenant", viewer.FromContext(ctx).TenantSlug, "attempt", j.Attempts)
	checkpoint := func(pct int) error {
		pct = min(max(pct, 0), 100)
		n, err := r.db.Job.Update().Where(job.ID(j.ID), job.StatusEQ(job.StatusRunning)).SetProgress(pct).Save(ctx)
		if err != nil {
			log.WarnContext(ctx, "job progress not saved", "err", err)
			return nil
		}
		if n == 0 {
			return ErrCancelled
		}
		return nil
	}
	progress := func(pct int) { _ = checkpoint(pct) }
	hctx := context.WithValue(context.WithValue(context.WithValue(ctx, progressKey{}, progress), checkpointKey{}, checkpoint), jobIDKey{}, j.ID)
	runErr := runSafely(hctx, h, j)
	fin := time.Now().UTC()
	// Only a row still running is finished here: one cancelled while it ran stays cancelled.
	still := r.db.Job.Update().Where(job.ID(j.ID), job.StatusEQ(job.StatusRunning))
	if runErr == nil {
		metricRuns.WithLabelValues(j.Type, "succeeded").Inc()
		log.InfoContext(ctx, "job succeeded", "took", fin.Sub(now).String())
		return still.SetStatus(job.StatusSucceeded).SetProgress(100).SetFinishedAt(fin).ClearLastError().Exec(ctx)
	}
	if errors.Is(runErr, ErrCancelled) {
		log.InfoContext(ctx, "job stopped: cancelled while running")
		return nil
	}
	final := errors.Is(runErr, asynq.SkipRetry) || j.Attempts >= j.MaxAttempts
	upd := still.SetLastError(runErr.Error())
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

func runSafely(ctx context.Context, h Handler, j *ent.Job) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("jobs: handler panicked: %v", p)
		}
	}()
	return h(ctx, j)
}

// taskGone reports whether an Inspector error says Redis holds no such task.
func taskGone(err error) bool {
	return errors.Is(err, asynq.ErrTaskNotFound) || errors.Is(err, asynq.ErrQueueNotFound)
}

// Retry puts a failed job back to pending, with the same row and payload, and dispatches it (an
// operator's or admin's action). The job is looked up in ctx's province. A job that is not failed
// is a conflict. Once the row is pending again the retry stands: if Redis cannot take the task
// now, the sweep dispatches it later.
func (r *Runner) Retry(ctx context.Context, id int) (*ent.Job, error) {
	j, err := r.db.Job.Get(ctx, id)
	if ent.IsNotFound(err) {
		return nil, apperr.NotFound(err)
	}
	if err != nil {
		return nil, fmt.Errorf("jobs: retry job %d: %w", id, err)
	}
	if j.Status != job.StatusFailed {
		return nil, apperr.Conflict("job_not_failed", fmt.Errorf("jobs: job %d is %s, only failed jobs are retried", id, j.Status))
	}
	n, err := r.db.Job.Update().Where(job.ID(id), job.StatusEQ(job.StatusFailed)).
		SetStatus(job.StatusPending).SetAttempts(0).SetProgress(0).ClearStartedAt().ClearFinishedAt().Save(ctx)
	if err != nil {
		return nil, fmt.Errorf("jobs: retry job %d: %w", id, err)
	}
	if n == 0 { // another retry won
		return nil, apperr.Conflict("job_not_failed", fmt.Errorf("jobs: job %d is no longer failed", id))
	}
	// A failed job's task lingers in Redis as archived; remove it so the id is free again (if
	// this fails, the sweep frees it).
	if err := r.insp.DeleteTask(j.Queue, taskID(j.ID)); err != nil && !taskGone(err) {
		r.log.WarnContext(ctx, "retry: archived task not deleted; the sweep will", "job_id", id, "err", err)
	}
	if j, err = r.db.Job.Get(ctx, id); err != nil {
		return nil, fmt.Errorf("jobs: retry job %d: %w", id, err)
	}
	_ = r.Dispatch(ctx, j) // logged; the sweep dispatches it when Redis is back
	return j, nil
}

// Cancel cancels a pending job (queued or waiting for its next attempt) or a running one: the
// row becomes cancelled and its task leaves the Asynq queue; a running handler that calls
// Checkpoint stops at its next one (one that does not finishes, and its row stays cancelled). The job is looked up in ctx's province.
// A job in any other state is a conflict. A delivery that still reaches a worker (a task
// already taken, or Redis unreachable now) finds the row cancelled and does nothing.
func (r *Runner) Cancel(ctx context.Context, id int) (*ent.Job, error) {
	j, err := r.db.Job.Get(ctx, id)
	if ent.IsNotFound(err) {
		return nil, apperr.NotFound(err)
	}
	if err != nil {
		return nil, fmt.Errorf("jobs: cancel job %d: %w", id, err)
	}
	if j.Status != job.StatusPending && j.Status != job.StatusRunning {
		return nil, apperr.Conflict("job_not_pending", fmt.Errorf("jobs: job %d is %s, only pending or running jobs are cancelled", id, j.Status))
	}
	// The row decides, in one statement: a worker starts only a pending or running row, and a
	// running handler stops at its next Checkpoint.
	n, err := r.db.Job.Update().Where(job.ID(id), job.StatusIn(job.StatusPending, job.StatusRunning)).
		SetStatus(job.StatusCancelled).SetFinishedAt(time.Now().UTC()).Save(ctx)
	if err != nil {
		return nil, fmt.Errorf("jobs: cancel job %d: %w", id, err)
	}
	if n == 0 { // a worker started it meanwhile
		return nil, apperr.Conflict("job_not_pending", fmt.Errorf("jobs: job %d started before it could be cancelled", id))
	}
	if err := r.insp.DeleteTask(j.Queue, taskID(j.ID)); err != nil && !taskGone(err) {
		// An active task cannot be deleted; its delivery finds the row cancelled.
		r.log.InfoContext(ctx, "cancel: task left in Redis; its delivery will do nothing", "job_id", id, "err", err)
	}
	metricRuns.WithLabelValues(j.Type, "cancelled").Inc()
	return r.db.Job.Get(ctx, id)
}

// Decode unmarshals a job's payload; a bad payload can never succeed, so it skips retries.
func Decode(j *ent.Job, v any) error {
	if err := json.Unmarshal(j.Payload, v); err != nil {
		return fmt.Errorf("jobs: decode %s payload of job %d: %v: %w", j.Type, j.ID, err, asynq.SkipRetry)
	}
	return nil
}
