package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// ReportingRegime is a province's periodic report (chế độ báo cáo, Nghị định 09/2019/NĐ-CP):
// how often, by when (a rule such as "15/6"), who reports, who receives, when to remind.
type ReportingRegime struct{ ent.Schema }

// Mixin of the ReportingRegime.
func (ReportingRegime) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}, TenantMixin{}, AuditMixin{}}
}

// Fields of the ReportingRegime.
func (ReportingRegime) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").NotEmpty().MaxRuneLen(300),
		field.Enum("frequency").Values("quarterly", "semiannual", "annual", "adhoc"),
		field.String("deadline_rule").Default("").Comment("e.g. 15/6, or M+1/15: see internal/calendar"),
		field.Enum("shift").Values("none", "previous_working_day", "next_working_day").Default("previous_working_day"),
		field.Strings("reporting_unit_types").Optional(),
		field.Int("receiving_unit_id").Optional().Nillable(),
		field.Ints("reminder_offsets").Optional().Comment("days relative to the deadline: -7, -3, -1, 1, 3"),
		field.Int("cutoff_day").Default(0).Min(0).Max(28).Comment("the data window ends on this day of the period's last month (0: Nghị định 09/2019's 14th)"),
		field.Text("content").Default(""),
		field.Bool("active").Default(true),
	}
}

// Holiday is a non-working day (or a make-up working day) in a province's calendar.
type Holiday struct{ ent.Schema }

// Mixin of the Holiday.
func (Holiday) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}, TenantMixin{}, AuditMixin{}} }

// Fields of the Holiday.
func (Holiday) Fields() []ent.Field {
	return []ent.Field{
		field.Time("date"),
		field.String("name").NotEmpty().MaxRuneLen(200),
		field.Enum("kind").Values("holiday", "makeup_workday").Default("holiday"),
	}
}

// Indexes of the Holiday.
func (Holiday) Indexes() []ent.Index { return []ent.Index{index.Fields("tenant_id", "date").Unique()} }

// ProvinceSetting is one setting a province admin owns (document number formats, letterhead,
// assignment rules), as a key and a JSON value.
type ProvinceSetting struct{ ent.Schema }

// Mixin of the ProvinceSetting.
func (ProvinceSetting) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}, TenantMixin{}, AuditMixin{}}
}

// Fields of the ProvinceSetting.
func (ProvinceSetting) Fields() []ent.Field {
	return []ent.Field{
		field.String("key").NotEmpty().MaxRuneLen(100),
		field.Text("value").Default(""),
	}
}

// Indexes of the ProvinceSetting.
func (ProvinceSetting) Indexes() []ent.Index {
	return []ent.Index{index.Fields("tenant_id", "key").Unique()}
}
