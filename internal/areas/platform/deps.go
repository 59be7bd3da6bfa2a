// Package platform is the platform admin's area: provinces (create, suspend, activate, ceiling)
// and plans.
package platform

import (
	"context"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/internal/calendar"
	"github.com/danvan-vn/danvan/internal/httpapi"
	"github.com/danvan-vn/danvan/internal/tenant"
)

// Tenants is what the area needs of the tenant service.
type Tenants interface {
	AssignPlan(ctx context.Context, slug, code string) (*ent.Tenant, error)
	BySlug(ctx context.Context, slug string) (*ent.Tenant, error)
	Create(ctx context.Context, in tenant.CreateInput) (*ent.Tenant, *ent.Job, error)
	List(ctx context.Context) ([]*ent.Tenant, error)
	Rename(ctx context.Context, slug, name string, from calendar.Date) (*ent.Tenant, error)
	Plans(ctx context.Context) ([]*ent.Plan, error)
	SetPlan(ctx context.Context, code string, in tenant.PlanInput) (*ent.Plan, error)
	SetStatus(ctx context.Context, slug string, status tenant.Status) (*ent.Tenant, error)
}

// Ceilings sets what a province's admins may grant at most.
type Ceilings interface {
	SetCeiling(ctx context.Context, t *ent.Tenant, entries []string) error
}

type handler struct {
	tenants Tenants
	grants  Ceilings
}

// New builds the area.
func New(t Tenants, c Ceilings) httpapi.Area { return &handler{tenants: t, grants: c} }
