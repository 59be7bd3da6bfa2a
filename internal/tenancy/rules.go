package tenancy

import (
	"context"

	"entgo.io/ent"
	"entgo.io/ent/entql"

	"github.com/danvan-vn/danvan/ent/privacy"
	"github.com/danvan-vn/danvan/internal/viewer"
)

// TenantPolicy is the privacy policy of every tenant-owned entity: system contexts pass, a viewer
// without a province is refused, queries, updates and deletes are filtered to the viewer's
// province, and a create for another province is denied. Passing, it skips rather than allows, so
// the policies of the schema's other mixins (UnitPolicy) are still evaluated.
func TenantPolicy() ent.Policy {
	return privacy.Policy{
		Query: privacy.QueryPolicy{
			allowSystem(),
			filterTenant(),
		},
		Mutation: privacy.MutationPolicy{
			allowSystem(),
			denyMismatchedCreate(),
			privacy.OnMutationOperation(filterTenant(), ent.OpUpdate|ent.OpUpdateOne|ent.OpDelete|ent.OpDeleteOne),
		},
	}
}

func allowSystem() privacy.QueryMutationRule {
	return privacy.ContextQueryMutationRule(func(ctx context.Context) error {
		if IsSystem(ctx) {
			return privacy.Allow
		}
		return privacy.Skip
	})
}

// filterTenant adds tenant_id = viewer's tenant to the query or mutation.
func filterTenant() privacy.QueryMutationRule {
	return privacy.FilterFunc(func(ctx context.Context, f privacy.Filter) error {
		tid, ok := TenantOf(ctx)
		if !ok {
			return privacy.Denyf("tenancy: no province in the viewer context")
		}
		tf, ok := f.(interface{ WhereTenantID(entql.IntP) })
		if !ok {
			return privacy.Denyf("tenancy: %T has no tenant_id", f)
		}
		tf.WhereTenantID(entql.IntEQ(tid))
		return privacy.Skip
	})
}

func denyMismatchedCreate() privacy.MutationRule {
	return privacy.MutationRuleFunc(func(ctx context.Context, m ent.Mutation) error {
		if !m.Op().Is(ent.OpCreate) {
			return privacy.Skip
		}
		tid, ok := TenantOf(ctx)
		if !ok {
			return privacy.Denyf("tenancy: no province in the viewer context")
		}
		tm, ok := m.(interface{ TenantID() (int, bool) })
		if !ok {
			return privacy.Denyf("tenancy: %T has no tenant_id", m)
		}
		if got, set := tm.TenantID(); set && got != tid {
			return privacy.Denyf("tenancy: create for province %d from province %d", got, tid)
		}
		return privacy.Skip
	})
}

// PlatformPolicy guards platform-level entities (tenants, plans): anyone with a viewer may read,
// only the platform admin or a system context may change them.
func PlatformPolicy() ent.Policy {
	return privacy.Policy{
		Query: privacy.QueryPolicy{
			allowSystem(),
			privacy.ContextQueryMutationRule(func(ctx context.Context) error {
				if viewer.FromContext(ctx) == nil {
					return privacy.Denyf("tenancy: no viewer")
				}
				return privacy.Allow
			}),
		},
		Mutation: privacy.MutationPolicy{
			allowSystem(),
			privacy.ContextQueryMutationRule(func(ctx context.Context) error {
				if v := viewer.FromContext(ctx); v != nil && v.PlatformAdmin {
					return privacy.Allow
				}
				return privacy.Denyf("tenancy: only the platform admin changes platform data")
			}),
		},
	}
}

// TenantEntityPolicy guards the tenants table itself: the platform admin and system contexts see
// every province, any other viewer sees only its own; only the platform admin changes them.
func TenantEntityPolicy() ent.Policy {
	p := PlatformPolicy().(privacy.Policy)
	p.Query = privacy.QueryPolicy{
		allowSystem(),
		privacy.ContextQueryMutationRule(func(ctx context.Context) error {
			if v := viewer.FromContext(ctx); v != nil && v.PlatformAdmin {
				return privacy.Allow
			}
			return privacy.Skip
		}),
		privacy.FilterFunc(func(ctx context.Context, f privacy.Filter) error {
			tid, ok := TenantOf(ctx)
			if !ok {
				return privacy.Denyf("tenancy: no province in the viewer context")
			}
			tf, ok := f.(interface{ WhereID(entql.IntP) })
			if !ok {
				return privacy.Denyf("tenancy: unexpected filter %T", f)
			}
			tf.WhereID(entql.IntEQ(tid))
			return privacy.Skip
		}),
	}
	return p
}

// AuditPolicy guards the audit trail: rows are only ever created; a province's viewers read
// their province's rows; platform rows (no province) are read through a system context.
func AuditPolicy() ent.Policy {
	return privacy.Policy{
		Query: privacy.QueryPolicy{
			allowSystem(),
			privacy.FilterFunc(func(ctx context.Context, f privacy.Filter) error {
				tid, ok := TenantOf(ctx)
				if !ok {
					return privacy.Denyf("tenancy: no province in the viewer context")
				}
				tf, ok := f.(interface{ WhereTenantID(entql.IntP) })
				if !ok {
					return privacy.Denyf("tenancy: unexpected filter %T", f)
				}
				tf.WhereTenantID(entql.IntEQ(tid))
				return privacy.Skip
			}),
		},
		Mutation: privacy.MutationPolicy{
			privacy.MutationRuleFunc(func(ctx context.Context, m ent.Mutation) error {
				if !m.Op().Is(ent.OpCreate) {
					return privacy.Denyf("audit: the trail is append-only")
				}
				if IsSystem(ctx) {
					return privacy.Allow
				}
				tid, ok := TenantOf(ctx)
				tm, _ := m.(interface{ TenantID() (int, bool) })
				if got, set := tm.TenantID(); set && (!ok || got != tid) {
					return privacy.Denyf("audit: record for province %d from province %d", got, tid)
				}
				return privacy.Allow
			}),
		},
	}
}
