package schema

import (
	"context"
	"fmt"
	"time"

	"entgo.io/ent"
	entschema "entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"entgo.io/ent/schema/mixin"

	"github.com/danvan-vn/danvan/internal/audit"
	"github.com/danvan-vn/danvan/internal/tenancy"
)

// TimeMixin stamps creation and last update times (UTC).
type TimeMixin struct{ mixin.Schema }

// Fields of the TimeMixin.
func (TimeMixin) Fields() []ent.Field {
	return []ent.Field{
		field.Time("created_at").Immutable().Default(nowUTC),
		field.Time("updated_at").Default(nowUTC).UpdateDefault(nowUTC),
	}
}

func nowUTC() time.Time { return time.Now().UTC() }

// TenantMixin marks an entity as owned by one province (tenant). Every query on it is filtered
// by the viewer's tenant, every create is stamped with it, a mutation of another tenant's row is
// denied, and on PostgreSQL row-level security keyed on tenant_id backs all of that up.
type TenantMixin struct{ mixin.Schema }

// Fields of the TenantMixin.
func (TenantMixin) Fields() []ent.Field {
	return []ent.Field{
		field.Int("tenant_id").Immutable().Positive(),
	}
}

// Edges of the TenantMixin.
func (TenantMixin) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("tenant", Tenant.Type).Field("tenant_id").Unique().Required().Immutable(),
	}
}

// Indexes of the TenantMixin.
func (TenantMixin) Indexes() []ent.Index {
	return []ent.Index{index.Fields("tenant_id")}
}

// Policy of the TenantMixin.
func (TenantMixin) Policy() ent.Policy { return tenancy.TenantPolicy() }

// Hooks of the TenantMixin.
func (TenantMixin) Hooks() []ent.Hook {
	return []ent.Hook{
		func(next ent.Mutator) ent.Mutator {
			return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
				if !m.Op().Is(ent.OpCreate) {
					return next.Mutate(ctx, m)
				}
				tm, ok := m.(interface {
					TenantID() (int, bool)
					SetTenantID(int)
				})
				if !ok {
					return nil, fmt.Errorf("tenant mixin: unexpected mutation %T", m)
				}
				if _, set := tm.TenantID(); !set {
					if tid, ok := tenancy.TenantOf(ctx); ok {
						tm.SetTenantID(tid)
					}
				}
				return next.Mutate(ctx, m)
			})
		},
	}
}

// AuditMixin puts every change to the entity on the audit trail, written in the change's own
// transaction (a change outside a transaction is refused); see internal/audit. Its annotation
// lets tools and tests list the audited entities from the schema graph.
type AuditMixin struct{ mixin.Schema }

// Hooks of the AuditMixin.
func (AuditMixin) Hooks() []ent.Hook { return []ent.Hook{audit.Hook()} }

// Annotations of the AuditMixin.
func (AuditMixin) Annotations() []entschema.Annotation {
	return []entschema.Annotation{audit.Annotation{}}
}

// UnitScopedMixin marks an entity as owned by one unit of its province (use it with TenantMixin):
// a unit_id referencing units, and beside the tenant rule a unit rule: a viewer holding only unit
// roles (lãnh đạo đơn vị, cán bộ phụ trách) reads, changes and creates rows of its own units
// only; committee and province roles see the whole province. See tenancy.UnitPolicy.
type UnitScopedMixin struct {
	mixin.Schema
	// Scope widens what unit staff read, e.g. rows naming their unit as a coordinator:
	// UnitScopedMixin{Scope: tenancy.UnitScope{Coordinating: tenancy.CoordinatorEdge("coordinators")}}.
	Scope tenancy.UnitScope
}

// Fields of the UnitScopedMixin.
func (UnitScopedMixin) Fields() []ent.Field {
	return []ent.Field{field.Int("unit_id").Positive()}
}

// Edges of the UnitScopedMixin.
func (UnitScopedMixin) Edges() []ent.Edge {
	return []ent.Edge{edge.To("unit", Unit.Type).Field("unit_id").Unique().Required()}
}

// Indexes of the UnitScopedMixin.
func (UnitScopedMixin) Indexes() []ent.Index {
	return []ent.Index{index.Fields("tenant_id", "unit_id")}
}

// Policy of the UnitScopedMixin.
func (m UnitScopedMixin) Policy() ent.Policy { return tenancy.UnitPolicy(m.Scope) }

// Annotations of the UnitScopedMixin.
func (UnitScopedMixin) Annotations() []entschema.Annotation {
	return []entschema.Annotation{tenancy.UnitScopedAnnotation{}}
}
