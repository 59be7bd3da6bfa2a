// Package jobs is the area of a province's background jobs: the list, a job's detail with a
// progress bar fed by its row (live with htmx, a refresh link without JavaScript), retry of a
// failed job and cancel of a pending one.
package jobs

import (
	"context"

	"github.com/danvan-vn/danvan/internal/httpapi"
	"github.com/danvan-vn/danvan/internal/jobs"
)

// Jobs is what the area needs of the jobs service.
type Jobs interface {
	List(ctx context.Context, tenantID int, f jobs.Filter) ([]jobs.Job, int, error)
	Get(ctx context.Context, tenantID, id int) (jobs.Job, error)
	Retry(ctx context.Context, tenantID, id int) (jobs.Job, error)
	Cancel(ctx context.Context, tenantID, id int) (jobs.Job, error)
}

type handler struct{ jobs Jobs }

// New builds the area.
func New(j Jobs) httpapi.Area { return &handler{jobs: j} }
