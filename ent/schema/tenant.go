package schema

import (
	"regexp"

	"entgo.io/ent"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"

	"github.com/danvan-vn/danvan/ent/schematype"
	"github.com/danvan-vn/danvan/internal/tenancy"
)

// SlugPattern is what a province slug looks like in URLs: /t/{slug}/...
var SlugPattern = regexp.MustCompile(`^[a-z][a-z0-9-]{1,38}[a-z0-9]$`)

// Tenant is one province using danvan.
type Tenant struct{ ent.Schema }

// Mixin of the Tenant.
func (Tenant) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}, AuditMixin{}} }

// Fields of the Tenant.
func (Tenant) Fields() []ent.Field {
	return []ent.Field{
		field.String("slug").Unique().Immutable().Match(SlugPattern),
		field.String("name").NotEmpty().MaxRuneLen(200).Comment("the province's name when it joined danvan; later display names are in names"),
		field.JSON("names", []schematype.DatedName{}).Optional().Comment("later display names, each in force from a day (tenant.NameOn)"),
		field.Enum("status").Values("provisioning", "active", "suspended").Default("provisioning"),
		field.String("timezone").Default("Asia/Ho_Chi_Minh"),
		field.Int("plan_id"),
		field.JSON("settings", map[string]string{}).Optional(),
		field.Strings("grant_ceiling").Optional().Comment("extra role:object:action grants the platform lets this province give beyond policies/ceiling.csv"),
		field.Int("grants_version").Default(0).Comment("bumped on every change of the province's role grants, so every process reloads them"),
	}
}

// Edges of the Tenant.
func (Tenant) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("plan", Plan.Type).Field("plan_id").Unique().Required(),
	}
}

// Policy of the Tenant.
func (Tenant) Policy() ent.Policy { return tenancy.TenantEntityPolicy() }
