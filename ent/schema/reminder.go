package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// ReminderRule is one step of a province's reminder ladder for one kind of subject: so many days
// from the deadline (negative before, positive after), remind the unit's contacts or escalate to
// the committee member in charge of the unit or to the standing agency's head. A report period's
// reminders to units follow its regime's offsets; these rows hold the rest.
type ReminderRule struct{ ent.Schema }

// Mixin of the ReminderRule.
func (ReminderRule) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}, TenantMixin{}, AuditMixin{}}
}

// Fields of the ReminderRule.
func (ReminderRule) Fields() []ent.Field {
	return []ent.Field{
		field.Enum("source").Values("report", "task", "obligation"),
		field.Int("offset_days").Min(-90).Max(90).Comment("days from the deadline: -3 before, +3 after"),
		field.Enum("target").Values("unit", "member", "agency_head"),
		field.Bool("active").Default(true),
	}
}

// Indexes of the ReminderRule.
func (ReminderRule) Indexes() []ent.Index {
	return []ent.Index{index.Fields("tenant_id", "source", "offset_days", "target").Unique()}
}

// ReminderDecision is the record that one reminder (or escalation, or urge) goes to one
// recipient: its key (province, subject, recipient, rule, occurrence) is unique and it is written
// in the transaction that decides it, with the notification and the outbox mail that deliver it
// (they carry its id), so a second sweep, a second worker or a lost queue can never send it twice.
type ReminderDecision struct{ ent.Schema }

// Mixin of the ReminderDecision.
func (ReminderDecision) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}, TenantMixin{}} }

// Fields of the ReminderDecision.
func (ReminderDecision) Fields() []ent.Field {
	return []ent.Field{
		field.String("subject_kind").NotEmpty().MaxRuneLen(20).Immutable().Comment("report, task, obligation, ..."),
		field.Int("subject_id").Immutable(),
		field.String("recipient").NotEmpty().MaxRuneLen(300).Immutable().Comment("user:12 or email:a@b.vn"),
		field.String("rule").NotEmpty().MaxRuneLen(40).Immutable().Comment("unit-3, member+3, agency+7, urge, ..."),
		field.String("occurrence").NotEmpty().MaxRuneLen(40).Immutable().Comment("the deadline it counts from (2025-07-15), or the urge's instant"),
		field.String("kind").NotEmpty().MaxRuneLen(20).Immutable().Comment("reminder, escalation, urge"),
		field.Int("offset_days").Default(0).Immutable(),
		field.Int("unit_id").Immutable(),
		field.String("unit_name").Default("").MaxRuneLen(300).Immutable(),
		field.String("title").Default("").MaxRuneLen(500).Immutable().Comment("the subject as people call it"),
		field.String("link").Default("").MaxRuneLen(500).Immutable(),
		field.Time("due_on").Immutable(),
		field.Time("send_on").Immutable().Comment("the working day it was due to go out"),
		field.String("role").NotEmpty().MaxRuneLen(20).Immutable().Comment("officer, leader, member, agency_head"),
		field.Int("user_id").Optional().Nillable().Immutable(),
		field.String("email").Default("").MaxRuneLen(254).Immutable(),
		field.String("name").Default("").MaxRuneLen(200).Immutable(),
		field.Int("actor_id").Optional().Nillable().Immutable().Comment("who urged, for a manual urge"),
		field.Text("note").Default("").Immutable(),
		field.Int("resent").Default(0),
		field.Time("resent_at").Optional().Nillable(),
	}
}

// Indexes of the ReminderDecision.
func (ReminderDecision) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("tenant_id", "subject_kind", "subject_id", "recipient", "rule", "occurrence").Unique(),
		index.Fields("tenant_id", "created_at"),
		index.Fields("unit_id"),
	}
}
