// Package jobs is the area of a province's background jobs: list, detail with progress, retry
// of a failed job, cancel of a pending one.
package jobs

import (
	"context"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/internal/httpapi"
)

// Jobs reads the province's job rows.
type Jobs interface {
	Get(ctx context.Context, id int) (*ent.Job, error)
	Recent(ctx context.Context, n int) ([]*ent.Job, error)
}

type handler struct{ jobs Jobs }

// New builds the area.
func New(j Jobs) httpapi.Area { return &handler{jobs: j} }
