// Package access is the area of a province's grants: which role may do what (roles ×
// permissions), narrowed or widened under the platform's ceiling.
package access

import (
	"context"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/internal/authz"
	"github.com/danvan-vn/danvan/internal/httpapi"
)

// Grants is what the area needs of the grants service.
type Grants interface {
	Matrix(ctx context.Context, t *ent.Tenant) ([]authz.Cell, error)
	Set(ctx context.Context, t *ent.Tenant, role string, p authz.Permission, state string) error
	SetAll(ctx context.Context, t *ent.Tenant, changes []authz.Change) error
}

type handler struct{ grants Grants }

// New builds the area.
func New(g Grants) httpapi.Area { return &handler{grants: g} }
