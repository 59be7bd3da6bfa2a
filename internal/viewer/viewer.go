// Package viewer says who is asking: a user acting in one province (tenant), or the system acting
// for one province on behalf of a job. Identity travels only on the request context.
package viewer

import (
	"context"
	"slices"
)

// Viewer is the identity behind a request or a job.
type Viewer struct {
	UserID        int
	UserName      string
	UserEmail     string
	TenantID      int    // 0 when the viewer acts outside any province (platform pages)
	TenantSlug    string // slug of TenantID, for logs and URLs
	Roles         []string
	PlatformAdmin bool
	// TokenTenantID is set when the request came with a personal access token: it may act only
	// in that province.
	TokenTenantID int
	// System is true when a background job acts for TenantID; it is never set from a request.
	System bool
	// UnitIDs are the units of the viewer's unit-role memberships in TenantID (see WithUnits).
	// They limit what it sees only when UnitScoped.
	UnitIDs []int
}

// UnitRoles are the roles whose holders work for one unit (lãnh đạo đơn vị, cán bộ phụ trách dân
// vận): holding only these, a viewer sees its units' rows of unit-owned entities and nothing else
// of them. Committee and province roles see the whole province.
var UnitRoles = []string{"unit_leader", "unit_officer"}

// IsUnitRole reports whether role is one of UnitRoles.
func IsUnitRole(role string) bool { return slices.Contains(UnitRoles, role) }

// UnitScoped reports whether the viewer is held to its units (UnitIDs): true when every role it
// holds in the province is a unit role, so also when it holds none (what it may see is then
// nothing, not everything). The system acting for a province is never unit-scoped.
func (v *Viewer) UnitScoped() bool {
	if v == nil || v.System {
		return false
	}
	for _, r := range v.Roles {
		if !IsUnitRole(r) {
			return false
		}
	}
	return true
}

// InUnit reports whether the viewer may act on unitID's rows: any unit when it is not
// unit-scoped, else one of its UnitIDs.
func (v *Viewer) InUnit(unitID int) bool {
	return !v.UnitScoped() || slices.Contains(v.UnitIDs, unitID)
}

// WithUnits returns a copy of v whose UnitIDs are unitIDs (sorted, without repeats). The province
// middleware calls it with the unit ids of the viewer's active unit-role memberships in the
// province (UnitsOf computes them), after setting Roles.
func WithUnits(v *Viewer, unitIDs ...int) *Viewer {
	nv := *v
	nv.UnitIDs = slices.Compact(slices.Sorted(slices.Values(unitIDs)))
	return &nv
}

// Membership is what UnitsOf needs of one membership: its role and, for unit roles, its unit.
type Membership struct {
	Role   string
	UnitID *int
}

// UnitsOf returns the units named by the unit-role memberships in ms (a unit role without a unit
// gives none).
func UnitsOf(ms []Membership) []int {
	var ids []int
	for _, m := range ms {
		if IsUnitRole(m.Role) && m.UnitID != nil {
			ids = append(ids, *m.UnitID)
		}
	}
	return ids
}

type ctxKey struct{}

// NewContext returns ctx carrying v.
func NewContext(ctx context.Context, v *Viewer) context.Context {
	return context.WithValue(ctx, ctxKey{}, v)
}

// FromContext returns the viewer on ctx, or nil.
func FromContext(ctx context.Context) *Viewer {
	v, _ := ctx.Value(ctxKey{}).(*Viewer)
	return v
}

// System returns the viewer a job uses to act inside one province.
func System(tenantID int, slug string) *Viewer {
	return &Viewer{TenantID: tenantID, TenantSlug: slug, System: true}
}

// HasRole reports whether the viewer holds role in its current province.
func (v *Viewer) HasRole(role string) bool {
	if v == nil {
		return false
	}
	for _, r := range v.Roles {
		if r == role {
			return true
		}
	}
	return false
}
