package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/field"

	"github.com/danvan-vn/danvan/internal/tenancy"
)

// Plan is a SaaS plan: the quotas and modules a province gets. Each tenant has one.
type Plan struct{ ent.Schema }

// Mixin of the Plan.
func (Plan) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}, AuditMixin{}} }

// Fields of the Plan.
func (Plan) Fields() []ent.Field {
	return []ent.Field{
		field.String("code").Unique().NotEmpty().MaxRuneLen(40),
		field.String("name").NotEmpty().MaxRuneLen(200),
		field.Int("max_units").NonNegative().Comment("0 means unlimited"),
		field.Int("max_users").NonNegative().Comment("0 means unlimited"),
		field.Int64("max_storage_bytes").NonNegative().Comment("0 means unlimited"),
		field.Int("max_report_generations_month").NonNegative().Comment("0 means unlimited"),
		field.Strings("modules").Optional(),
	}
}

// Policy of the Plan.
func (Plan) Policy() ent.Policy { return tenancy.PlatformPolicy() }
