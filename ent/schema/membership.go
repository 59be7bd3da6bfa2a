package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// Roles a membership may carry, as stored; the UI names them in Vietnamese.
var Roles = []string{
	"province_admin",   // quản trị tỉnh
	"committee_head",   // Trưởng ban, Phó trưởng ban
	"committee_member", // thành viên BCĐ
	"standing_agency",  // cơ quan thường trực
	"unit_leader",      // lãnh đạo đơn vị
	"unit_officer",     // cán bộ phụ trách dân vận
	"readonly_leader",  // lãnh đạo xem báo cáo
}

// Membership links a user to a province with a role.
type Membership struct{ ent.Schema }

// Mixin of the Membership.
func (Membership) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}, TenantMixin{}, AuditMixin{}} }

// Fields of the Membership.
func (Membership) Fields() []ent.Field {
	return []ent.Field{
		field.Int("user_id"),
		field.Enum("role").Values(Roles...),
		field.Int("unit_id").Optional().Nillable().Comment("for unit roles, once units exist"),
		field.Bool("active").Default(true),
	}
}

// Edges of the Membership.
func (Membership) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("user", User.Type).Field("user_id").Unique().Required(),
	}
}

// Indexes of the Membership.
func (Membership) Indexes() []ent.Index {
	return []ent.Index{index.Fields("tenant_id", "user_id", "role").Unique()}
}
