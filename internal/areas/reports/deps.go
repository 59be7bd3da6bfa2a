// Package reports is the area of the periodic reports (báo cáo định kỳ): the periods of each
// regime with their completeness board (on time, late, missing; by unit type, by committee
// member in charge; trends), the units' reports (drafted as they go, submitted, accepted or
// returned, with files, a timeline and every version), the report templates, and the province
// report generated in the background with its outputs; and the JSON API of the same.
package reports

import (
	"context"
	"io"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/ent/schematype"
	"github.com/danvan-vn/danvan/internal/httpapi"
	"github.com/danvan-vn/danvan/internal/jobs"
	"github.com/danvan-vn/danvan/internal/report"
)

// Reports is what the area needs of the report service.
type Reports interface {
	Periods(ctx context.Context, regimeID int) ([]*ent.ReportPeriod, error)
	Period(ctx context.Context, id int) (*ent.ReportPeriod, error)
	Open(ctx context.Context, regimeID int, key string) (*ent.ReportPeriod, bool, error)
	RefreshExpected(ctx context.Context, periodID int) (int, error)
	Board(ctx context.Context, periodID int) (*report.Board, error)
	Trends(ctx context.Context, regimeID, n int) ([]report.TrendPoint, error)
	Counts(ctx context.Context, periodIDs []int) (map[int]report.Counts, error)
	Urge(ctx context.Context, periodID int, ids []int, note string) (int, error)
	Excuse(ctx context.Context, id int, excused bool, reason string) (*ent.UnitReport, error)
	MyReports(ctx context.Context) ([]*ent.UnitReport, error)

	Report(ctx context.Context, id int) (*report.View, error)
	Prefill(ctx context.Context, v *report.View) (schematype.ReportContent, error)
	Save(ctx context.Context, id int, in schematype.ReportContent) (*ent.UnitReport, error)
	Submit(ctx context.Context, id int) (*ent.UnitReport, error)
	Accept(ctx context.Context, id int, note string) (*ent.UnitReport, error)
	Return(ctx context.Context, id int, note string) (*ent.UnitReport, error)
	Reopen(ctx context.Context, id int, reason string) (*ent.UnitReport, error)
	AttachFile(ctx context.Context, reportID int, name string, size int64, r io.Reader) (*ent.UnitReportFile, error)
	OpenFile(ctx context.Context, reportID, fileID int) (io.ReadCloser, *ent.UnitReportFile, error)
	UnitDOCX(ctx context.Context, w io.Writer, reportID int) (string, error)

	Template(ctx context.Context, regimeID int) (*ent.ReportTemplate, error)
	Templates(ctx context.Context, regimeID int) ([]*ent.ReportTemplate, error)
	TemplateVersion(ctx context.Context, id int) (*ent.ReportTemplate, error)
	SaveTemplate(ctx context.Context, regimeID int, in report.TemplateInput) (*ent.ReportTemplate, error)

	SetDocxTemplate(ctx context.Context, size int64, r io.Reader) error
	ResetDocxTemplate(ctx context.Context) error
	DocxTemplate(ctx context.Context) ([]byte, bool, error)

	Generate(ctx context.Context, periodID int) (*ent.Job, error)
	Outputs(ctx context.Context, periodID int) ([]*ent.ReportOutput, error)
	OpenOutput(ctx context.Context, periodID, outputID int) (io.ReadCloser, *ent.ReportOutput, error)
	UploadFinal(ctx context.Context, periodID int, name string, size int64, r io.Reader) (*ent.ReportOutput, error)
}

// Regimes lists the province's reporting regimes (for opening periods and the templates).
type Regimes interface {
	List(ctx context.Context) ([]*ent.ReportingRegime, error)
	Get(ctx context.Context, id int) (*ent.ReportingRegime, error)
}

// Jobs reads, cancels and retries the consolidation job of a period (the jobs service does).
type Jobs interface {
	Get(ctx context.Context, tenantID, id int) (jobs.Job, error)
	Retry(ctx context.Context, tenantID, id int) (jobs.Job, error)
	Cancel(ctx context.Context, tenantID, id int) (jobs.Job, error)
}

type handler struct {
	reports Reports
	regimes Regimes
	jobs    Jobs
}

// New builds the area.
func New(r Reports, g Regimes, j Jobs) httpapi.Area { return &handler{reports: r, regimes: g, jobs: j} }
