package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// Session is a server-side login session; the cookie holds a random token, the row its hash.
type Session struct{ ent.Schema }

// Fields of the Session.
func (Session) Fields() []ent.Field {
	return []ent.Field{
		field.String("token_hash").Unique().Sensitive(),
		field.Int("user_id"),
		field.Time("created_at").Immutable(),
		field.Time("last_seen_at"),
		field.Time("expires_at"),
		field.String("ip").Optional(),
		field.String("user_agent").Optional(),
		field.Time("revoked_at").Optional().Nillable(),
		field.Int("revoked_by").Optional().Nillable().Comment("user who revoked it, when not its owner"),
	}
}

// Edges of the Session.
func (Session) Edges() []ent.Edge {
	return []ent.Edge{edge.To("user", User.Type).Field("user_id").Unique().Required()}
}

// Indexes of the Session.
func (Session) Indexes() []ent.Index { return []ent.Index{index.Fields("user_id")} }
