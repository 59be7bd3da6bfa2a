package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// RoleGrant is a province's change to the default grants of policies/roles.csv: allow widens a
// role (within the platform's ceiling), deny narrows it.
type RoleGrant struct{ ent.Schema }

// Mixin of the RoleGrant.
func (RoleGrant) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}, TenantMixin{}, AuditMixin{}} }

// Fields of the RoleGrant.
func (RoleGrant) Fields() []ent.Field {
	return []ent.Field{
		field.Enum("role").Values(Roles...),
		field.String("object").NotEmpty().MaxRuneLen(50),
		field.String("action").NotEmpty().MaxRuneLen(50),
		field.Enum("effect").Values("allow", "deny"),
	}
}

// Indexes of the RoleGrant.
func (RoleGrant) Indexes() []ent.Index {
	return []ent.Index{index.Fields("tenant_id", "role", "object", "action").Unique()}
}
