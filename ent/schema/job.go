package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// Job is the durable record of background work that matters. The row is written first; Asynq only
// carries it, so losing Redis loses no job: pending rows are enqueued again at start.
type Job struct{ ent.Schema }

// Mixin of the Job.
func (Job) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}, TenantMixin{}} }

// Fields of the Job.
func (Job) Fields() []ent.Field {
	return []ent.Field{
		field.String("type").NotEmpty().MaxRuneLen(100),
		field.String("queue").Default("default"),
		field.Bytes("payload").Optional(),
		field.Enum("status").Values("pending", "running", "succeeded", "failed", "cancelled").Default("pending"),
		field.Int("attempts").Default(0),
		field.Int("max_attempts").Default(10),
		field.Text("last_error").Optional(),
		field.Int("progress").Default(0).Min(0).Max(100),
		field.Time("run_at").Optional().Nillable(),
		field.Time("started_at").Optional().Nillable(),
		field.Time("finished_at").Optional().Nillable(),
		field.Int("created_by").Optional().Nillable(),
	}
}

// Indexes of the Job.
func (Job) Indexes() []ent.Index {
	return []ent.Index{index.Fields("status"), index.Fields("tenant_id", "type")}
}
