package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// AccessToken is a personal access token for API clients: scoped to one province, shown once,
// stored hashed, expiring and revocable. Sent as `Authorization: Bearer dvt_…`.
type AccessToken struct{ ent.Schema }

// Mixin of the AccessToken.
func (AccessToken) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}, TenantMixin{}, AuditMixin{}} }

// Fields of the AccessToken.
func (AccessToken) Fields() []ent.Field {
	return []ent.Field{
		field.Int("user_id").Immutable(),
		field.String("name").NotEmpty().MaxRuneLen(100),
		field.String("token_hash").Unique().Immutable().Sensitive(),
		field.String("prefix").Immutable().Comment("first characters, to recognise a token in lists"),
		field.Time("expires_at").Immutable(),
		field.Time("last_used_at").Optional().Nillable(),
		field.Time("revoked_at").Optional().Nillable(),
	}
}

// Edges of the AccessToken.
func (AccessToken) Edges() []ent.Edge {
	return []ent.Edge{edge.To("user", User.Type).Field("user_id").Unique().Required().Immutable()}
}

// Indexes of the AccessToken.
func (AccessToken) Indexes() []ent.Index { return []ent.Index{index.Fields("user_id")} }
