package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// Invitation asks someone to join a province with a role, by a link carrying a random token
// (stored hashed), valid until it expires or is used once.
type Invitation struct{ ent.Schema }

// Mixin of the Invitation.
func (Invitation) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}, TenantMixin{}, AuditMixin{}} }

// Fields of the Invitation.
func (Invitation) Fields() []ent.Field {
	return []ent.Field{
		field.String("email").NotEmpty().MaxRuneLen(254),
		field.Enum("role").Values(Roles...),
		field.Int("unit_id").Optional().Nillable(),
		field.String("token_hash").Unique().Immutable().Sensitive(),
		field.Time("expires_at"),
		field.Time("accepted_at").Optional().Nillable(),
		field.Int("accepted_user_id").Optional().Nillable(),
		field.Time("revoked_at").Optional().Nillable(),
		field.Int("invited_by"),
	}
}

// Indexes of the Invitation.
func (Invitation) Indexes() []ent.Index { return []ent.Index{index.Fields("tenant_id", "email")} }
