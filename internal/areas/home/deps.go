// Package home is the area of a province's home page: upcoming reporting deadlines, units
// nobody is in charge of, the year's tasks by status, usage, recent jobs, documents.
package home

import (
	"context"
	"time"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/internal/calendar"
	"github.com/danvan-vn/danvan/internal/committee"
	"github.com/danvan-vn/danvan/internal/jobs"
	"github.com/danvan-vn/danvan/internal/plan"
	"github.com/danvan-vn/danvan/internal/regime"

	"github.com/danvan-vn/danvan/internal/httpapi"
	"github.com/danvan-vn/danvan/internal/quota"
	"github.com/danvan-vn/danvan/internal/storage"
)

// Usage is the province's use of its plan.
type Usage interface {
	Usage(ctx context.Context) (quota.Usage, error)
}

// Files lists the province's stored files.
type Files interface {
	List(ctx context.Context, tenantSlug, prefix string) ([]storage.ObjectInfo, error)
}

// Jobs lists the province's background jobs.
type Jobs interface {
	List(ctx context.Context, tenantID int, f jobs.Filter) ([]jobs.Job, int, error)
}

// Members counts the province's people.
type Members interface {
	Count(ctx context.Context) (int, error)
}

// Regimes gives the province's active reporting regimes' next deadlines on its calendar.
type Regimes interface {
	Upcoming(ctx context.Context, from calendar.Date, n int) ([]regime.Upcoming, error)
}

// Committees gives the province's steering committees and who is in charge of which unit.
type Committees interface {
	List(ctx context.Context) ([]*ent.Committee, error)
	AssignmentMatrix(ctx context.Context, committeeID int, d time.Time) (*committee.Matrix, error)
}

// Tasks counts the lead assignments of the province's plans by status today (plan.Service does).
type Tasks interface {
	Rollup(ctx context.Context, f plan.RollupFilter) (plan.Counts, error)
}

type handler struct {
	quota      Usage
	store      Files
	jobs       Jobs
	members    Members
	regimes    Regimes
	committees Committees
	tasks      Tasks
}

// New builds the area.
func New(u Usage, f Files, j Jobs, m Members, r Regimes, c Committees, t Tasks) httpapi.Area {
	return &handler{quota: u, store: f, jobs: j, members: m, regimes: r, committees: c, tasks: t}
}
