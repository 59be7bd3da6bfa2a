package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// Notification is one message to one user in one province's app (the bell): what it is about
// (kind and subject), what to say (vars, rendered in the reader's language when shown) and where
// it leads. Written in the transaction that decided it (a reminder, an escalation, an urge).
type Notification struct{ ent.Schema }

// Mixin of the Notification.
func (Notification) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}, TenantMixin{}} }

// Fields of the Notification.
func (Notification) Fields() []ent.Field {
	return []ent.Field{
		field.Int("user_id").Immutable(),
		field.String("kind").NotEmpty().MaxRuneLen(40).Immutable().Comment("reminder, escalation, urge, ...: see internal/notify"),
		field.String("subject").Default("").MaxRuneLen(100).Immutable().Comment("what it is about: report:12, task:7"),
		field.JSON("vars", map[string]string{}).Optional().Immutable().Comment("the values its message is rendered with"),
		field.String("link").Default("").MaxRuneLen(500).Immutable().Comment("a path in the app"),
		field.Int("decision_id").Optional().Nillable().Immutable().Comment("the reminder decision it delivers"),
		field.Time("read_at").Optional().Nillable(),
		field.Time("digested_at").Optional().Nillable().Comment("sent in a daily digest"),
	}
}

// Edges of the Notification.
func (Notification) Edges() []ent.Edge {
	return []ent.Edge{edge.To("user", User.Type).Field("user_id").Unique().Required().Immutable()}
}

// Indexes of the Notification.
func (Notification) Indexes() []ent.Index {
	return []ent.Index{index.Fields("user_id", "read_at"), index.Fields("user_id", "created_at"), index.Fields("decision_id")}
}

// NotificationPreference is how one user wants one kind of notification: in the app, by
// e-mail at once, in the daily digest. No row means the kind's defaults. A person's choice, the
// same in every province they work in.
type NotificationPreference struct{ ent.Schema }

// Mixin of the NotificationPreference.
func (NotificationPreference) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

// Fields of the NotificationPreference.
func (NotificationPreference) Fields() []ent.Field {
	return []ent.Field{
		field.Int("user_id").Immutable(),
		field.String("kind").NotEmpty().MaxRuneLen(40).Immutable(),
		field.Bool("in_app").Default(true),
		field.Bool("email").Default(true),
		field.Bool("digest").Default(false),
	}
}

// Edges of the NotificationPreference.
func (NotificationPreference) Edges() []ent.Edge {
	return []ent.Edge{edge.To("user", User.Type).Field("user_id").Unique().Required().Immutable()}
}

// Indexes of the NotificationPreference.
func (NotificationPreference) Indexes() []ent.Index {
	return []ent.Index{index.Fields("user_id", "kind").Unique()}
}

// MailMessage is the outbox: an e-mail is a row first (rendered, in the recipient's language),
// then a send with retries and back-off. With no SMTP server configured it stays pending here and
// the platform admin reads it on the mail preview page.
type MailMessage struct{ ent.Schema }

// Mixin of the MailMessage.
func (MailMessage) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}, TenantMixin{}} }

// Fields of the MailMessage.
func (MailMessage) Fields() []ent.Field {
	return []ent.Field{
		field.String("kind").NotEmpty().MaxRuneLen(40).Immutable(),
		field.String("to_addr").NotEmpty().MaxRuneLen(254).Immutable(),
		field.String("to_name").Default("").MaxRuneLen(200).Immutable(),
		field.String("locale").Default("vi").MaxRuneLen(10).Immutable(),
		field.String("subject").NotEmpty().MaxRuneLen(500).Immutable(),
		field.Text("text_body").Immutable(),
		field.Text("html_body").Immutable(),
		field.Enum("status").Values("pending", "sent", "failed").Default("pending"),
		field.Int("attempts").Default(0),
		field.Time("next_attempt_at").Comment("not sent before this instant (back-off)"),
		field.Text("last_error").Default(""),
		field.Time("sent_at").Optional().Nillable(),
		field.Int("user_id").Optional().Nillable().Immutable(),
		field.Int("decision_id").Optional().Nillable().Immutable().Comment("the reminder decision it delivers"),
	}
}

// Indexes of the MailMessage.
func (MailMessage) Indexes() []ent.Index {
	return []ent.Index{index.Fields("status", "next_attempt_at"), index.Fields("decision_id")}
}
