package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/danvan-vn/danvan/ent/schematype"
	"github.com/danvan-vn/danvan/internal/tenancy"
)

// AuditLog is the append-only trail: who did what to which entity, in which province, when,
// from where. Written in the same transaction as the change; never updated or deleted (on
// PostgreSQL the application role has INSERT and SELECT only).
type AuditLog struct{ ent.Schema }

// Fields of the AuditLog.
func (AuditLog) Fields() []ent.Field {
	return []ent.Field{
		field.Time("created_at").Immutable().Default(nowUTC),
		field.Int("tenant_id").Optional().Nillable().Immutable().Comment("empty for platform events (logins, provinces)"),
		field.Int("user_id").Optional().Nillable().Immutable(),
		field.String("actor").Immutable().Default("").Comment("who, as shown then: name <email>, or system"),
		field.String("action").NotEmpty().Immutable().Comment("e.g. user.create, membership.update, login.failed"),
		field.String("entity_type").Immutable().Default(""),
		field.Int("entity_id").Optional().Nillable().Immutable(),
		field.String("subject").Immutable().Default("").Comment("e.g. the e-mail tried at a failed login"),
		field.JSON("changes", map[string]schematype.Change{}).Optional().Immutable(),
		field.String("ip").Immutable().Default(""),
		field.String("user_agent").Immutable().Default(""),
		field.String("request_id").Immutable().Default(""),
	}
}

// Indexes of the AuditLog.
func (AuditLog) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("tenant_id", "created_at"),
		index.Fields("action", "created_at"),
		index.Fields("ip", "created_at"),
		index.Fields("subject", "created_at"),
		index.Fields("entity_type", "entity_id"),
	}
}

// Policy of the AuditLog.
func (AuditLog) Policy() ent.Policy { return tenancy.AuditPolicy() }
