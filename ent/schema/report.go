package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"github.com/danvan-vn/danvan/ent/schematype"
)

// ReportTemplate is one version of a regime's report outline: numbered sections with guidance
// and the indicators units fill in. Editing a template writes the next version; a period keeps
// the version it opened with.
type ReportTemplate struct{ ent.Schema }

// Mixin of the ReportTemplate.
func (ReportTemplate) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}, TenantMixin{}, AuditMixin{}}
}

// Fields of the ReportTemplate.
func (ReportTemplate) Fields() []ent.Field {
	return []ent.Field{
		field.Int("regime_id").Immutable(),
		field.Int("version").Positive().Immutable(),
		field.String("name").NotEmpty().MaxRuneLen(300).Immutable(),
		field.JSON("sections", []schematype.ReportSection{}).Immutable(),
		field.JSON("indicators", []schematype.ReportIndicator{}).Optional().Immutable(),
		field.Int("created_by").Optional().Nillable().Immutable(),
	}
}

// Edges of the ReportTemplate.
func (ReportTemplate) Edges() []ent.Edge {
	return []ent.Edge{edge.To("regime", ReportingRegime.Type).Field("regime_id").Unique().Required().Immutable()}
}

// Indexes of the ReportTemplate.
func (ReportTemplate) Indexes() []ent.Index {
	return []ent.Index{index.Fields("tenant_id", "regime_id", "version").Unique()}
}

// ReportPeriod is one occurrence of a regime (Báo cáo 6 tháng đầu năm 2025): its data cut-off
// window, due day, receiving unit and template version. Its unit reports are the expected units.
type ReportPeriod struct{ ent.Schema }

// Mixin of the ReportPeriod.
func (ReportPeriod) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}, TenantMixin{}, AuditMixin{}}
}

// Fields of the ReportPeriod.
func (ReportPeriod) Fields() []ent.Field {
	return []ent.Field{
		field.Int("regime_id").Immutable(),
		field.Int("template_id").Immutable(),
		field.String("key").NotEmpty().MaxRuneLen(20).Immutable().Comment("calendar.Period key: 2025-H1, 2025-Q3, 2025"),
		field.String("name").NotEmpty().MaxRuneLen(300),
		field.Time("cutoff_from").Comment("first day of the data window"),
		field.Time("cutoff_to").Comment("last day of the data window"),
		field.Time("due_on").Comment("the due day, after the calendar shift; a report is late after it ends in Vietnam"),
		field.Int("receiving_unit_id").Optional().Nillable(),
		field.Int("last_job_id").Optional().Nillable().Comment("the latest consolidation job"),
		field.Int("opened_by").Optional().Nillable(),
	}
}

// Edges of the ReportPeriod.
func (ReportPeriod) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("regime", ReportingRegime.Type).Field("regime_id").Unique().Required().Immutable(),
		edge.To("template", ReportTemplate.Type).Field("template_id").Unique().Required().Immutable(),
		edge.From("reports", UnitReport.Type).Ref("period"),
		edge.From("outputs", ReportOutput.Type).Ref("period"),
	}
}

// Indexes of the ReportPeriod.
func (ReportPeriod) Indexes() []ent.Index {
	return []ent.Index{index.Fields("tenant_id", "regime_id", "key").Unique(), index.Fields("tenant_id", "due_on")}
}

// UnitReport is an expected unit's report for a period: one row per expected unit from the
// day the period opens (not_started until someone writes), then draft → submitted → accepted,
// or returned with comments and submitted again. Unit staff see their own units' reports only.
type UnitReport struct{ ent.Schema }

// Mixin of the UnitReport.
func (UnitReport) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}, TenantMixin{}, UnitScopedMixin{}, AuditMixin{}}
}

// Fields of the UnitReport.
func (UnitReport) Fields() []ent.Field {
	return []ent.Field{
		field.Int("period_id").Immutable(),
		field.String("unit_name").NotEmpty().MaxRuneLen(300).Comment("the unit's name during the window"),
		field.String("unit_type").NotEmpty().MaxRuneLen(50),
		field.Time("unit_ended_on").Optional().Nillable().Comment("the unit was dissolved during the window"),
		field.Enum("status").Values("not_started", "draft", "submitted", "returned", "accepted").Default("not_started"),
		field.Bool("excused").Default(false),
		field.Text("excuse_reason").Default(""),
		field.JSON("content", schematype.ReportContent{}).Optional(),
		field.Int("version").Default(0).Comment("how many times it was submitted"),
		field.Time("submitted_at").Optional().Nillable(),
		field.Int("submitted_by").Optional().Nillable(),
		field.Time("first_submitted_at").Optional().Nillable(),
		field.Bool("late").Default(false).Comment("first submitted after the due day ended in Vietnam"),
		field.Time("reviewed_at").Optional().Nillable(),
		field.Int("reviewed_by").Optional().Nillable(),
		field.Text("review_note").Default(""),
		field.Time("last_urged_at").Optional().Nillable(),
		field.Int("urge_count").Default(0),
		field.Int("edited_by").Optional().Nillable(),
	}
}

// Edges of the UnitReport.
func (UnitReport) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("period", ReportPeriod.Type).Field("period_id").Unique().Required().Immutable(),
		edge.From("events", UnitReportEvent.Type).Ref("report"),
		edge.From("files", UnitReportFile.Type).Ref("report"),
	}
}

// Indexes of the UnitReport.
func (UnitReport) Indexes() []ent.Index {
	return []ent.Index{index.Fields("period_id", "unit_id").Unique(), index.Fields("tenant_id", "period_id", "status")}
}

// UnitReportEvent is one step of a unit report's timeline; a submission keeps the content as
// submitted, so every version stays readable.
type UnitReportEvent struct{ ent.Schema }

// Mixin of the UnitReportEvent.
func (UnitReportEvent) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}, TenantMixin{}, UnitScopedMixin{}}
}

// Fields of the UnitReportEvent.
func (UnitReportEvent) Fields() []ent.Field {
	return []ent.Field{
		field.Int("report_id").Immutable(),
		field.Enum("kind").Values("submitted", "returned", "accepted", "reopened", "excused", "unexcused", "urged", "file_added").Immutable(),
		field.Int("version").Default(0).Immutable(),
		field.JSON("content", schematype.ReportContent{}).Optional().Immutable(),
		field.Text("note").Default("").Immutable(),
		field.Int("actor_id").Optional().Nillable().Immutable(),
		field.String("actor_name").Default("").Immutable(),
	}
}

// Edges of the UnitReportEvent.
func (UnitReportEvent) Edges() []ent.Edge {
	return []ent.Edge{edge.To("report", UnitReport.Type).Field("report_id").Unique().Required().Immutable()}
}

// Indexes of the UnitReportEvent.
func (UnitReportEvent) Indexes() []ent.Index {
	return []ent.Index{index.Fields("report_id", "created_at")}
}

// UnitReportFile is a file attached to a unit report (the signed scan), kept in the province's
// bucket; the same name again is a new version.
type UnitReportFile struct{ ent.Schema }

// Mixin of the UnitReportFile.
func (UnitReportFile) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}, TenantMixin{}, UnitScopedMixin{}, AuditMixin{}}
}

// Fields of the UnitReportFile.
func (UnitReportFile) Fields() []ent.Field {
	return []ent.Field{
		field.Int("report_id").Immutable(),
		field.String("name").NotEmpty().MaxRuneLen(255).Immutable(),
		field.Int("version").Positive().Immutable(),
		field.String("content_type").NotEmpty().Immutable(),
		field.Int64("size").NonNegative().Immutable(),
		field.String("sha256").Immutable(),
		field.String("object_key").NotEmpty().Immutable(),
		field.Int("uploaded_by").Optional().Nillable().Immutable(),
	}
}

// Edges of the UnitReportFile.
func (UnitReportFile) Edges() []ent.Edge {
	return []ent.Edge{edge.To("report", UnitReport.Type).Field("report_id").Unique().Required().Immutable()}
}

// Indexes of the UnitReportFile.
func (UnitReportFile) Indexes() []ent.Index {
	return []ent.Index{index.Fields("report_id", "name", "version").Unique()}
}

// ReportOutput is one file of a period's province report: generated by a consolidation job
// (DOCX, XLSX, PDF; one per job and kind, so a second delivery of the job makes none) or the
// final, signed version the standing agency uploads. Nothing is overwritten: each is a version.
type ReportOutput struct{ ent.Schema }

// Mixin of the ReportOutput.
func (ReportOutput) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}, TenantMixin{}, AuditMixin{}}
}

// Fields of the ReportOutput.
func (ReportOutput) Fields() []ent.Field {
	return []ent.Field{
		field.Int("period_id").Immutable(),
		field.Int("job_id").Optional().Nillable().Immutable(),
		field.Enum("kind").Values("docx", "xlsx", "pdf", "final").Immutable(),
		field.Int("version").Positive().Immutable(),
		field.String("name").NotEmpty().MaxRuneLen(255).Immutable(),
		field.String("content_type").NotEmpty().Immutable(),
		field.Int64("size").NonNegative().Immutable(),
		field.String("sha256").Immutable(),
		field.String("object_key").NotEmpty().Immutable(),
		field.Int("created_by").Optional().Nillable().Immutable(),
	}
}

// Edges of the ReportOutput.
func (ReportOutput) Edges() []ent.Edge {
	return []ent.Edge{edge.To("period", ReportPeriod.Type).Field("period_id").Unique().Required().Immutable()}
}

// Indexes of the ReportOutput.
func (ReportOutput) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("period_id", "job_id", "kind").Unique(),
		index.Fields("period_id", "kind", "version").Unique(),
	}
}
