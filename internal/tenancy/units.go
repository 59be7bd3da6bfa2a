package tenancy

import (
	"context"
	"slices"

	"entgo.io/ent"
	"entgo.io/ent/entql"

	entgen "github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/ent/privacy"
	"github.com/danvan-vn/danvan/ent/unit"
	"github.com/danvan-vn/danvan/internal/viewer"
)

// InProvince returns a copy of v acting in province tenantID: its roles and unit scope there come
// from ms, the viewer's active memberships in that province. The province middleware builds the
// request's viewer with it.
func InProvince(v *viewer.Viewer, tenantID int, slug string, ms []*entgen.Membership) *viewer.Viewer {
	nv := *v
	nv.TenantID, nv.TenantSlug = tenantID, slug
	nv.Roles = nil
	units := make([]viewer.Membership, 0, len(ms))
	for _, m := range ms {
		if !slices.Contains(nv.Roles, string(m.Role)) {
			nv.Roles = append(nv.Roles, string(m.Role))
		}
		units = append(units, viewer.Membership{Role: string(m.Role), UnitID: m.UnitID})
	}
	return viewer.WithUnits(&nv, viewer.UnitsOf(units)...)
}

// UnitScope is the option of a unit-owned schema's wall (ent/schema.UnitScopedMixin).
type UnitScope struct {
	// Coordinating, when set, also lets a unit-scoped viewer read the rows it selects for the
	// viewer's units, e.g. rows naming one of them as a coordinating unit:
	// CoordinatorEdge("coordinators"). It widens reading only: changes stay with the owning unit.
	Coordinating func(unitIDs []int) entql.P
}

// CoordinatorEdge is a UnitScope.Coordinating for a schema with an edge (name) to the units that
// coordinate a row.
func CoordinatorEdge(name string) func(unitIDs []int) entql.P {
	return func(unitIDs []int) entql.P {
		return entql.HasEdgeWith(name, entql.FieldIn("id", anys(unitIDs)...))
	}
}

// UnitPolicy is the privacy policy of every unit-owned entity, beside TenantPolicy: a unit-scoped
// viewer (viewer.UnitScoped) reads, updates and deletes only rows of its units, and nobody but the
// system writes a row for a unit that is not the viewer's own (or, for province roles, not one of
// the province's units). It never allows on its own, so the tenant rule always runs too.
func UnitPolicy(opt UnitScope) ent.Policy {
	return privacy.Policy{
		Query: privacy.QueryPolicy{
			filterUnits(opt.Coordinating),
		},
		Mutation: privacy.MutationPolicy{
			denyForeignUnit(),
			privacy.OnMutationOperation(filterUnits(nil), ent.OpUpdate|ent.OpUpdateOne|ent.OpDelete|ent.OpDeleteOne),
		},
	}
}

// filterUnits adds unit_id IN viewer's units (or the coordinating predicate) for unit-scoped viewers.
func filterUnits(coordinating func([]int) entql.P) privacy.QueryMutationRule {
	return privacy.FilterFunc(func(ctx context.Context, f privacy.Filter) error {
		v := viewer.FromContext(ctx)
		if IsSystem(ctx) || v == nil || !v.UnitScoped() {
			return privacy.Skip // no viewer: the tenant rule refuses
		}
		p := entql.FieldIn("unit_id", anys(v.UnitIDs)...)
		if len(v.UnitIDs) == 0 {
			p = entql.FieldLT("id", 0) // no unit: no row (IN () is not SQL)
		}
		if coordinating != nil && len(v.UnitIDs) > 0 {
			p = entql.Or(p, coordinating(v.UnitIDs))
		}
		f.Where(p)
		return privacy.Skip
	})
}

// denyForeignUnit refuses a create or update that puts a row in a unit the viewer may not act
// for: another unit for a unit-scoped viewer, a unit outside the province for anyone.
func denyForeignUnit() privacy.MutationRule {
	return privacy.MutationRuleFunc(func(ctx context.Context, m ent.Mutation) error {
		if IsSystem(ctx) {
			return privacy.Skip
		}
		um, ok := m.(interface{ UnitID() (int, bool) })
		if !ok {
			return privacy.Denyf("tenancy: %T has no unit_id", m)
		}
		id, set := um.UnitID()
		if !set {
			return privacy.Skip
		}
		v := viewer.FromContext(ctx)
		if v == nil {
			return privacy.Denyf("tenancy: no viewer")
		}
		if !v.InUnit(id) {
			return privacy.Denyf("tenancy: unit %d is not the viewer's", id)
		}
		cm, ok := m.(interface{ Client() *entgen.Client })
		if !ok {
			return privacy.Denyf("tenancy: unexpected mutation %T", m)
		}
		exists, err := cm.Client().Unit.Query().Where(unit.ID(id)).Exist(ctx)
		if err != nil {
			return privacy.Denyf("tenancy: check unit %d: %v", id, err)
		}
		if !exists {
			return privacy.Denyf("tenancy: unit %d is not in the province", id)
		}
		return privacy.Skip
	})
}

func anys(ids []int) []any {
	out := make([]any, len(ids))
	for i, id := range ids {
		out[i] = id
	}
	return out
}

// UnitScopedAnnotation marks a unit-owned schema (ent/schema.UnitScopedMixin adds it), so the
// harness finds every unit-owned entity in the schema graph.
type UnitScopedAnnotation struct{}

// Name of the annotation.
func (UnitScopedAnnotation) Name() string { return "UnitScoped" }
