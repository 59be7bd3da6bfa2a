package jobs

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/ent/job"
	"github.com/danvan-vn/danvan/internal/apperr"
	"github.com/danvan-vn/danvan/internal/tenancy"
)

// Status is where a job stands.
type Status string

// Job statuses: pending (queued, or waiting for its next attempt), running, succeeded, failed
// (for good: it can be retried), cancelled (while pending).
const (
	StatusPending   Status = Status(job.StatusPending)
	StatusRunning   Status = Status(job.StatusRunning)
	StatusSucceeded Status = Status(job.StatusSucceeded)
	StatusFailed    Status = Status(job.StatusFailed)
	StatusCancelled Status = Status(job.StatusCancelled)
)

// Statuses lists every status, in the order a job passes through them.
var Statuses = []Status{StatusPending, StatusRunning, StatusSucceeded, StatusFailed, StatusCancelled}

// Job is a background job as the app shows it: from its row, which a worker keeps current.
type Job struct {
	ID          int
	TenantID    int
	Type        string
	Status      Status
	Progress    int // percent, 0–100
	Attempts    int
	MaxAttempts int
	Error       string // why the last attempt failed; empty when none did
	CreatedBy   *int   // user who asked for it; nil for the system
	CreatedAt   time.Time
	UpdatedAt   time.Time
	RunAt       *time.Time // not before
	StartedAt   *time.Time // last attempt's start
	FinishedAt  *time.Time // succeeded, failed for good, or cancelled
}

// CanRetry reports whether Retry accepts the job.
func (j Job) CanRetry() bool { return j.Status == StatusFailed }

// CanCancel reports whether Cancel accepts the job.
func (j Job) CanCancel() bool { return j.Status == StatusPending || j.Status == StatusRunning }

func fromRow(j *ent.Job) Job {
	return Job{
		ID: j.ID, TenantID: j.TenantID, Type: j.Type, Status: Status(j.Status), Progress: j.Progress,
		Attempts: j.Attempts, MaxAttempts: j.MaxAttempts, Error: j.LastError, CreatedBy: j.CreatedBy,
		CreatedAt: j.CreatedAt, UpdatedAt: j.UpdatedAt, RunAt: j.RunAt, StartedAt: j.StartedAt, FinishedAt: j.FinishedAt,
	}
}

// Paging bounds of List.
const (
	DefaultPerPage = 20
	MaxPerPage     = 100
	// MaxPage bounds the page number so the offset stays far from overflowing.
	MaxPage = 1_000_000
)

// Filter selects and pages List's jobs. Zero values mean "any" and the first page.
type Filter struct {
	Status  Status // one of Statuses, or empty
	Type    string // exact job type (e.g. "tenant:provision"), or empty
	Page    int    // from 1
	PerPage int    // 1..MaxPerPage
}

// Normalize returns f with its paging in bounds: Page at least 1 (and at most MaxPage),
// PerPage DefaultPerPage when not positive and at most MaxPerPage. List applies it; callers use
// it to show the page they got.
func (f Filter) Normalize() Filter {
	f.Page = min(max(f.Page, 1), MaxPage)
	if f.PerPage < 1 {
		f.PerPage = DefaultPerPage
	}
	f.PerPage = min(f.PerPage, MaxPerPage)
	return f
}

// Offset is the number of jobs before f's page (never negative).
func (f Filter) Offset() int {
	f = f.Normalize()
	return (f.Page - 1) * f.PerPage
}

// Service is the jobs' API for the app's pages and API: list, show, retry and cancel the jobs of
// one province. Every method takes the province explicitly and ctx's viewer must act in it; a
// job of another province is not found.
type Service struct{ r *Runner }

// NewService returns the service over the runner.
func NewService(r *Runner) *Service { return &Service{r: r} }

// inProvince refuses (as not found) a viewer acting in another province than tenantID. The
// system may act in any.
func inProvince(ctx context.Context, tenantID int) error {
	if tenantID <= 0 {
		return apperr.NotFound(errors.New("jobs: no province"))
	}
	if tenancy.IsSystem(ctx) {
		return nil
	}
	if tid, ok := tenancy.TenantOf(ctx); !ok || tid != tenantID {
		return apperr.NotFound(fmt.Errorf("jobs: viewer does not act in province %d", tenantID))
	}
	return nil
}

// List returns one page of the province's jobs, newest first, and how many match in all.
// Paging out of bounds is brought into bounds (see Filter.Normalize); an unknown status is
// invalid.
func (s *Service) List(ctx context.Context, tenantID int, f Filter) ([]Job, int, error) {
	if f.Status != "" && !slices.Contains(Statuses, f.Status) {
		return nil, 0, apperr.Invalid(map[string]string{"status": "invalid"})
	}
	if err := inProvince(ctx, tenantID); err != nil {
		return []Job{}, 0, nil // another province's list is empty, not an error
	}
	f = f.Normalize()
	q := s.r.db.Job.Query().Where(job.TenantID(tenantID))
	if f.Status != "" {
		q.Where(job.StatusEQ(job.Status(f.Status)))
	}
	if f.Type != "" {
		q.Where(job.Type(f.Type))
	}
	total, err := q.Clone().Count(ctx)
	if err != nil {
		return nil, 0, fmt.Errorf("jobs: count jobs of province %d: %w", tenantID, err)
	}
	rows, err := q.Order(ent.Desc(job.FieldID)).Offset(f.Offset()).Limit(f.PerPage).All(ctx)
	if err != nil {
		return nil, 0, fmt.Errorf("jobs: list jobs of province %d: %w", tenantID, err)
	}
	out := make([]Job, 0, len(rows))
	for _, j := range rows {
		out = append(out, fromRow(j))
	}
	return out, total, nil
}

// Get returns one job of the province (not found when it is another province's).
func (s *Service) Get(ctx context.Context, tenantID, id int) (Job, error) {
	j, err := s.row(ctx, tenantID, id)
	if err != nil {
		return Job{}, err
	}
	return fromRow(j), nil
}

func (s *Service) row(ctx context.Context, tenantID, id int) (*ent.Job, error) {
	if err := inProvince(ctx, tenantID); err != nil {
		return nil, err
	}
	j, err := s.r.db.Job.Query().Where(job.ID(id), job.TenantID(tenantID)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, apperr.NotFound(err)
	}
	if err != nil {
		return nil, fmt.Errorf("jobs: get job %d: %w", id, err)
	}
	return j, nil
}

// Retry runs a failed job again: same row, same payload, attempts counted afresh. A job that is
// not failed is a conflict (code "job_not_failed").
func (s *Service) Retry(ctx context.Context, tenantID, id int) (Job, error) {
	if _, err := s.row(ctx, tenantID, id); err != nil {
		return Job{}, err
	}
	j, err := s.r.Retry(ctx, id)
	if err != nil {
		return Job{}, err
	}
	return fromRow(j), nil
}

// Cancel cancels a pending job: it leaves the queue and never runs. A job that is running or
// finished is a conflict (code "job_not_pending").
func (s *Service) Cancel(ctx context.Context, tenantID, id int) (Job, error) {
	if _, err := s.row(ctx, tenantID, id); err != nil {
		return Job{}, err
	}
	j, err := s.r.Cancel(ctx, id)
	if err != nil {
		return Job{}, err
	}
	return fromRow(j), nil
}

// Of is a job row as the app shows it.
func Of(j *ent.Job) Job { return fromRow(j) }
