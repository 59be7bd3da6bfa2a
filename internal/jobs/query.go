package jobs

import (
	"context"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/ent/job"
)

// Get returns the job row id of the caller's province (another province's is not found).
func (r *Runner) Get(ctx context.Context, id int) (*ent.Job, error) { return r.db.Job.Get(ctx, id) }

// Recent returns the caller's province's last n jobs, newest first.
func (r *Runner) Recent(ctx context.Context, n int) ([]*ent.Job, error) {
	return r.db.Job.Query().Order(ent.Desc(job.FieldID)).Limit(n).All(ctx)
}
