package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/entql"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/danvan-vn/danvan/internal/tenancy"
)

// anyInts turns unit ids into entql values.
func anyInts(ids []int) []any {
	out := make([]any, len(ids))
	for i, id := range ids {
		out[i] = id
	}
	return out
}

// WorkPlan is a plan (Kế hoạch, Chương trình, or the official letter that deploys one) of a
// year: the province's, or a unit's own implementation plan (kế hoạch thực hiện) of a parent
// plan. Its unit is the unit that issued it; unit staff also read the plans that assign them a
// task or require a plan of them.
type WorkPlan struct{ ent.Schema }

// Mixin of the WorkPlan.
func (WorkPlan) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}, TenantMixin{}, UnitScopedMixin{Scope: tenancy.UnitScope{
		Coordinating: func(ids []int) entql.P {
			return entql.Or(
				entql.HasEdgeWith("tasks", entql.HasEdgeWith("assignments", entql.FieldIn("unit_id", anyInts(ids)...))),
				entql.HasEdgeWith("obligations", entql.FieldIn("unit_id", anyInts(ids)...)),
			)
		},
	}}, AuditMixin{}}
}

// Fields of the WorkPlan.
func (WorkPlan) Fields() []ent.Field {
	return []ent.Field{
		field.Int("document_id").Optional().Nillable().Comment("the document that issued the plan"),
		field.Int("parent_plan_id").Optional().Nillable().Comment("the plan this one implements"),
		field.String("title").NotEmpty().MaxRuneLen(500),
		field.Enum("kind").Values("ke_hoach", "chuong_trinh", "cong_van", "other").Default("ke_hoach"),
		field.Int("year").Positive(),
		field.Enum("status").Values("draft", "issued", "closed").Default("draft"),
		field.Time("issued_on").Optional().Nillable(),
		field.Int("created_by").Optional().Nillable(),
	}
}

// Edges of the WorkPlan.
func (WorkPlan) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("document", Document.Type).Field("document_id").Unique(),
		edge.To("children", WorkPlan.Type).From("parent").Field("parent_plan_id").Unique(),
		edge.From("tasks", Task.Type).Ref("plan"),
		edge.From("obligations", PlanObligation.Type).Ref("plan"),
	}
}

// Indexes of the WorkPlan.
func (WorkPlan) Indexes() []ent.Index {
	return []ent.Index{index.Fields("tenant_id", "year"), index.Fields("tenant_id", "parent_plan_id")}
}

// Task is a numbered item of a plan (nhiệm vụ): content, deadline, and per-unit assignments
// (lead and coordinating units). Its unit is its plan's; unit staff also read the tasks that
// assign them.
type Task struct{ ent.Schema }

// Mixin of the Task.
func (Task) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}, TenantMixin{}, UnitScopedMixin{Scope: tenancy.UnitScope{
		Coordinating: func(ids []int) entql.P {
			return entql.HasEdgeWith("assignments", entql.FieldIn("unit_id", anyInts(ids)...))
		},
	}}, AuditMixin{}}
}

// Fields of the Task.
func (Task) Fields() []ent.Field {
	return []ent.Field{
		field.Int("work_plan_id").Immutable(),
		field.String("number").Default("").MaxRuneLen(20).Comment("as in the text: 3, 3.2, 2.a"),
		field.Int("position").Default(0),
		field.Text("content").NotEmpty(),
		field.Enum("deadline_kind").Values("date", "yearly", "continuous", "none").Default("none"),
		field.Time("due_on").Optional().Nillable().Comment("deadline kind date"),
		field.Int("due_day").Default(0).Comment("deadline kind yearly: day"),
		field.Int("due_month").Default(0).Comment("deadline kind yearly: month"),
		field.String("deadline_text").Default("").MaxRuneLen(300),
		field.Enum("shift").Values("none", "previous_working_day", "next_working_day").Default("next_working_day").
			Comment("a due day that is not a working day moves to the next working day by default"),
		field.Int("source_task_id").Optional().Nillable().Comment("the parent plan's task this one was copied from"),
	}
}

// Edges of the Task.
func (Task) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("plan", WorkPlan.Type).Field("work_plan_id").Unique().Required().Immutable(),
		edge.From("assignments", TaskAssignment.Type).Ref("task"),
	}
}

// Indexes of the Task.
func (Task) Indexes() []ent.Index {
	return []ent.Index{index.Fields("tenant_id", "work_plan_id", "position")}
}

// TaskAssignment is one unit's share of a task (giao nhiệm vụ): "các sở, ban, ngành" becomes one
// row per department. Lead rows carry the four-way status; coordinating rows let the unit see and
// follow the task.
type TaskAssignment struct{ ent.Schema }

// Mixin of the TaskAssignment.
func (TaskAssignment) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}, TenantMixin{}, UnitScopedMixin{}, AuditMixin{}}
}

// Fields of the TaskAssignment.
func (TaskAssignment) Fields() []ent.Field {
	return []ent.Field{
		field.Int("task_id").Immutable(),
		field.Int("work_plan_id").Immutable().Comment("the task's plan, kept here for roll-ups"),
		field.Enum("role").Values("lead", "coordinate").Default("lead"),
		field.Time("due_on").Optional().Nillable().Comment("the unit's due day after extensions (deadline kind date)"),
		field.Int("percent").Default(0).Min(0).Max(100),
		field.Time("completed_on").Optional().Nillable(),
		field.Time("last_reported_on").Optional().Nillable(),
	}
}

// Edges of the TaskAssignment.
func (TaskAssignment) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("task", Task.Type).Field("task_id").Unique().Required().Immutable(),
		edge.From("progress", TaskProgress.Type).Ref("assignment"),
		edge.From("extensions", TaskExtension.Type).Ref("assignment"),
	}
}

// Indexes of the TaskAssignment.
func (TaskAssignment) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("task_id", "unit_id").Unique(),
		index.Fields("tenant_id", "work_plan_id"),
	}
}

// TaskProgress is a unit's progress report on its assignment: percent, narrative, evidence.
type TaskProgress struct{ ent.Schema }

// Mixin of the TaskProgress.
func (TaskProgress) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}, TenantMixin{}, UnitScopedMixin{}, AuditMixin{}}
}

// Fields of the TaskProgress.
func (TaskProgress) Fields() []ent.Field {
	return []ent.Field{
		field.Int("assignment_id").Immutable(),
		field.Int("percent").Min(0).Max(100),
		field.Text("narrative").Default(""),
		field.Time("reported_on"),
		field.Bool("completes").Default(false),
		field.Int("author_id").Optional().Nillable(),
	}
}

// Edges of the TaskProgress.
func (TaskProgress) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("assignment", TaskAssignment.Type).Field("assignment_id").Unique().Required().Immutable(),
		edge.From("files", EvidenceFile.Type).Ref("progress"),
	}
}

// Indexes of the TaskProgress.
func (TaskProgress) Indexes() []ent.Index {
	return []ent.Index{index.Fields("assignment_id", "reported_on")}
}

// EvidenceFile is a file attached to a progress report, stored in the province's bucket.
type EvidenceFile struct{ ent.Schema }

// Mixin of the EvidenceFile.
func (EvidenceFile) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}, TenantMixin{}, UnitScopedMixin{}, AuditMixin{}}
}

// Fields of the EvidenceFile.
func (EvidenceFile) Fields() []ent.Field {
	return []ent.Field{
		field.Int("progress_id").Immutable(),
		field.String("name").NotEmpty().MaxRuneLen(255).Immutable(),
		field.String("content_type").NotEmpty().Immutable(),
		field.Int64("size").NonNegative().Immutable(),
		field.String("sha256").Immutable(),
		field.String("object_key").NotEmpty().Immutable(),
	}
}

// Edges of the EvidenceFile.
func (EvidenceFile) Edges() []ent.Edge {
	return []ent.Edge{edge.To("progress", TaskProgress.Type).Field("progress_id").Unique().Required().Immutable()}
}

// TaskExtension is a request to move an assignment's due day (gia hạn): a reason from the unit,
// a decision by an approver, all kept as history.
type TaskExtension struct{ ent.Schema }

// Mixin of the TaskExtension.
func (TaskExtension) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}, TenantMixin{}, UnitScopedMixin{}, AuditMixin{}}
}

// Fields of the TaskExtension.
func (TaskExtension) Fields() []ent.Field {
	return []ent.Field{
		field.Int("assignment_id").Immutable(),
		field.Time("old_due").Optional().Nillable().Immutable(),
		field.Time("new_due").Immutable(),
		field.Text("reason").NotEmpty().Immutable(),
		field.Enum("status").Values("requested", "approved", "rejected").Default("requested"),
		field.Int("requested_by").Optional().Nillable().Immutable(),
		field.Int("decided_by").Optional().Nillable(),
		field.Time("decided_at").Optional().Nillable(),
		field.Text("decision_note").Default(""),
	}
}

// Edges of the TaskExtension.
func (TaskExtension) Edges() []ent.Edge {
	return []ent.Edge{edge.To("assignment", TaskAssignment.Type).Field("assignment_id").Unique().Required().Immutable()}
}

// PlanObligation is a plan's requirement that a unit issue its own implementation plan by a
// day; it is met by the unit's plan whose parent is this plan.
type PlanObligation struct{ ent.Schema }

// Mixin of the PlanObligation.
func (PlanObligation) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}, TenantMixin{}, UnitScopedMixin{}, AuditMixin{}}
}

// Fields of the PlanObligation.
func (PlanObligation) Fields() []ent.Field {
	return []ent.Field{
		field.Int("work_plan_id").Immutable().Comment("the plan that requires it"),
		field.Int("task_id").Optional().Nillable().Comment("the task that says so, if any"),
		field.Time("due_on").Optional().Nillable(),
		field.Int("fulfilled_plan_id").Optional().Nillable().Comment("the unit's implementation plan"),
		field.Time("fulfilled_on").Optional().Nillable().Comment("the day that plan was issued"),
	}
}

// Edges of the PlanObligation.
func (PlanObligation) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("plan", WorkPlan.Type).Field("work_plan_id").Unique().Required().Immutable(),
		edge.To("fulfilled_plan", WorkPlan.Type).Field("fulfilled_plan_id").Unique(),
	}
}

// Indexes of the PlanObligation.
func (PlanObligation) Indexes() []ent.Index {
	return []ent.Index{index.Fields("work_plan_id", "unit_id").Unique()}
}
