// Package home is the area of a province's home page: usage, recent jobs, documents.
package home

import (
	"context"

	"github.com/danvan-vn/danvan/internal/jobs"

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

type handler struct {
	quota   Usage
	store   Files
	jobs    Jobs
	members Members
}

// New builds the area.
func New(u Usage, f Files, j Jobs, m Members) httpapi.Area {
	return &handler{quota: u, store: f, jobs: j, members: m}
}
