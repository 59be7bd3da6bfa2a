package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
)

// User is a person who logs in. A user works in provinces through memberships; the user row
// itself is platform-wide (one account may serve two provinces).
type User struct{ ent.Schema }

// Mixin of the User.
func (User) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}, AuditMixin{}} }

// Fields of the User.
func (User) Fields() []ent.Field {
	return []ent.Field{
		field.String("email").Unique().NotEmpty().MaxRuneLen(254).Comment("lower-cased"),
		field.String("full_name").NotEmpty().MaxRuneLen(200),
		field.String("password_hash").Sensitive(),
		field.Bool("platform_admin").Default(false),
		field.Bool("active").Default(true),
		field.String("locale").Default("vi"),
		field.Time("last_login_at").Optional().Nillable(),
		field.Bool("must_change_password").Default(false).Comment("set by an admin reset; cleared by a password change"),
		field.Time("password_changed_at").Optional().Nillable(),
		field.Time("locked_until").Optional().Nillable().Comment("login lockout after repeated failures"),
	}
}

// Edges of the User.
func (User) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("memberships", Membership.Type).Ref("user"),
	}
}
