package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// Positions in a steering committee, as stored.
var Positions = []string{
	"head",            // Trưởng ban
	"standing_deputy", // Phó trưởng ban thường trực
	"deputy",          // Phó trưởng ban
	"member",          // Ủy viên
	"support_team",    // Tổ giúp việc
}

// Committee is a steering committee (Ban Chỉ đạo): the province's, or a lower-level unit's.
type Committee struct{ ent.Schema }

// Mixin of the Committee.
func (Committee) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}, TenantMixin{}, AuditMixin{}} }

// Fields of the Committee.
func (Committee) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").NotEmpty().MaxRuneLen(300),
		field.Enum("level").Values("province", "commune", "district").Default("province"),
		field.Int("unit_id").Optional().Nillable().Comment("for a lower-level committee: its unit"),
		field.Int("standing_agency_id").Optional().Nillable().Comment("cơ quan thường trực: a unit, usually Sở Nội vụ"),
		field.Time("term_from").Optional().Nillable(),
		field.Time("term_to").Optional().Nillable(),
		field.String("term_label").Default("").MaxRuneLen(50).Comment("nhiệm kỳ, e.g. 2021-2026"),
		field.String("decision_number").Default("").MaxRuneLen(100).Comment("số, ký hiệu of the establishing decision"),
		field.Time("decision_date").Optional().Nillable(),
		field.String("decision_file_key").Default("").Comment("object key of the decision's file in the province's bucket"),
		field.String("decision_file_name").Default(""),
		field.Int64("decision_file_size").Default(0),
		field.Bool("active").Default(true),
	}
}

// CommitteeMember is a person holding a position in a committee over [valid_from, valid_to).
type CommitteeMember struct{ ent.Schema }

// Mixin of the CommitteeMember.
func (CommitteeMember) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}, TenantMixin{}, AuditMixin{}}
}

// Fields of the CommitteeMember.
func (CommitteeMember) Fields() []ent.Field {
	return []ent.Field{
		field.Int("committee_id"),
		field.Enum("position").Values(Positions...),
		field.Int("user_id").Optional().Nillable().Comment("when the person has an account"),
		field.String("person_name").NotEmpty().MaxRuneLen(200),
		field.String("person_title").Default("").MaxRuneLen(300).Comment("chức vụ, e.g. Phó Chủ tịch UBND tỉnh"),
		field.Int("office_unit_id").Optional().Nillable().Comment("the unit the person works in"),
		field.String("office").Default("").MaxRuneLen(300),
		field.Int("sort").Default(0),
		field.Time("valid_from"),
		field.Time("valid_to").Optional().Nillable(),
	}
}

// Indexes of the CommitteeMember.
func (CommitteeMember) Indexes() []ent.Index {
	return []ent.Index{index.Fields("tenant_id", "committee_id")}
}

// Assignment puts a committee member in charge of a unit (phân công phụ trách) over
// [valid_from, valid_to).
type Assignment struct{ ent.Schema }

// Mixin of the Assignment.
func (Assignment) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}, TenantMixin{}, AuditMixin{}} }

// Fields of the Assignment.
func (Assignment) Fields() []ent.Field {
	return []ent.Field{
		field.Int("member_id"),
		field.Int("unit_id"),
		field.Time("valid_from"),
		field.Time("valid_to").Optional().Nillable(),
	}
}

// Indexes of the Assignment.
func (Assignment) Indexes() []ent.Index {
	return []ent.Index{index.Fields("tenant_id", "unit_id"), index.Fields("tenant_id", "member_id")}
}
