// Package settings is the area of a province's settings and its use of its plan.
package settings

import (
	"context"

	"github.com/danvan-vn/danvan/internal/httpapi"
	"github.com/danvan-vn/danvan/internal/quota"
)

// Settings reads and writes the province's settings.
type Settings interface {
	All(ctx context.Context) (map[string]string, error)
	Set(ctx context.Context, values map[string]string) error
}

// Usage is the province's use of its plan.
type Usage interface {
	Usage(ctx context.Context) (quota.Usage, error)
}

type handler struct {
	settings Settings
	quota    Usage
}

// New builds the area.
func New(s Settings, u Usage) httpapi.Area { return &handler{settings: s, quota: u} }
