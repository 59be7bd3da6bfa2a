package reports

import (
	jobsarea "github.com/danvan-vn/danvan/internal/areas/jobs"
	"github.com/danvan-vn/danvan/internal/authz"
	"github.com/danvan-vn/danvan/internal/httpapi"
)

// Permissions this area's routes declare.
var (
	permRead     = authz.Permission{Object: "report", Action: "read"}
	permWrite    = authz.Permission{Object: "report", Action: "write"}
	permSubmit   = authz.Permission{Object: "report", Action: "submit"}
	permReview   = authz.Permission{Object: "report", Action: "review"}
	permGenerate = authz.Permission{Object: "report", Action: "generate"}
	permTemplate = authz.Permission{Object: "report_template", Action: "update"}
)

// Register declares the area's routes.
func (h *handler) Register(r *httpapi.Router) {
	r = r.Area("reports")
	for name, key := range map[string]string{"period_opened": "reports.flash.opened", "period_exists": "reports.flash.exists",
		"urged": "reports.flash.urged", "refreshed": "reports.flash.refreshed", "excused": "reports.flash.excused",
		"unexcused": "reports.flash.unexcused", "generation_started": "reports.flash.generation_started",
		"generation_cancelled": "reports.flash.generation_cancelled", "generation_retried": "reports.flash.generation_retried",
		"final_uploaded": "reports.flash.final_uploaded", "report_saved": "reports.flash.saved",
		"report_submitted": "reports.flash.submitted", "report_accepted": "reports.flash.accepted",
		"report_returned": "reports.flash.returned", "report_reopened": "reports.flash.reopened",
		"report_file_added": "reports.flash.file_added", "template_saved": "reports.flash.template_saved",
		"docx_uploaded": "reports.flash.docx_uploaded", "docx_reset": "reports.flash.docx_reset"} {
		r.Flash(name, key)
	}
	r.Nav(httpapi.NavItem{Section: httpapi.NavProvince, Label: "reports.nav", Path: "/reports", Perm: permRead, Order: 33})
	r.Templates("report_periods", "report_period", "unit_report", "report_templates", "report_template", "report_docx_template")

	p := r.Province()
	p.Page(httpapi.GET, "/reports", h.periodsPage, permRead)
	p.Page(httpapi.POST, "/reports/periods", h.openSubmit, permReview)
	p.Page(httpapi.GET, "/reports/periods/:id", h.periodPage, permRead)
	p.Page(httpapi.GET, "/reports/periods/:id/board.xlsx", h.boardXLSX, permRead)
	p.Page(httpapi.POST, "/reports/periods/:id/urge", h.urgeSubmit, permReview)
	p.Page(httpapi.POST, "/reports/periods/:id/refresh", h.refreshSubmit, permReview)
	p.Page(httpapi.POST, "/reports/periods/:id/generate", h.generateSubmit, permGenerate)
	p.Page(httpapi.POST, "/reports/periods/:id/generation/cancel", h.cancelSubmit, permGenerate)
	p.Page(httpapi.POST, "/reports/periods/:id/generation/retry", h.retrySubmit, permGenerate)
	p.Page(httpapi.GET, "/reports/periods/:id/outputs/:oid", h.outputDownload, permRead)
	p.Page(httpapi.POST, "/reports/periods/:id/final", h.finalSubmit, permGenerate)
	p.Page(httpapi.GET, "/reports/units/:id", h.unitPage, permRead)
	p.Page(httpapi.POST, "/reports/units/:id", h.saveSubmit, permWrite)
	p.Page(httpapi.POST, "/reports/units/:id/submit", h.submitSubmit, permSubmit)
	p.Page(httpapi.POST, "/reports/units/:id/accept", h.acceptSubmit, permReview)
	p.Page(httpapi.POST, "/reports/units/:id/return", h.returnSubmit, permReview)
	p.Page(httpapi.POST, "/reports/units/:id/reopen", h.reopenSubmit, permReview)
	p.Page(httpapi.POST, "/reports/units/:id/excuse", h.excuseSubmit, permReview)
	p.Page(httpapi.POST, "/reports/units/:id/files", h.fileSubmit, permWrite)
	p.Page(httpapi.GET, "/reports/units/:id/files/:fid", h.fileDownload, permRead)
	p.Page(httpapi.GET, "/reports/units/:id/report.docx", h.unitDOCX, permRead)
	p.Page(httpapi.GET, "/reports/templates", h.templatesPage, permRead)
	p.Page(httpapi.GET, "/reports/regimes/:id/template", h.templatePage, permRead)
	p.Page(httpapi.POST, "/reports/regimes/:id/template", h.templateSubmit, permTemplate)
	p.Page(httpapi.GET, "/reports/docx-template", h.docxPage, permTemplate)
	p.Page(httpapi.POST, "/reports/docx-template", h.docxSubmit, permTemplate)
	p.Page(httpapi.POST, "/reports/docx-template/reset", h.docxResetSubmit, permTemplate)
	p.Page(httpapi.GET, "/reports/docx-template/file", h.docxDownload, permRead)

	p.API(httpapi.GET, "/reports/periods", h.apiPeriods, permRead, httpapi.Out[PeriodsJSON](),
		httpapi.Summary("The province's reporting periods, the latest due first, with their counts (?regime_id=)"))
	p.API(httpapi.POST, "/reports/periods", h.apiOpen, permReview, httpapi.In[OpenRequest](), httpapi.Out[PeriodJSON](),
		httpapi.Created(), httpapi.Summary("Open a regime's period (key such as 2025-H1, 2025-Q3 or 2025) with its expected units; 200 when it is open already"))
	p.API(httpapi.GET, "/reports/periods/:id", h.apiBoard, permRead, httpapi.Out[BoardJSON](),
		httpapi.Summary("A period's completeness board: counts, by unit type, by committee member in charge, every expected unit"))
	p.API(httpapi.GET, "/reports/periods/:id/board.xlsx", h.boardXLSX, permRead,
		httpapi.Summary("The board as an Excel workbook"))
	p.API(httpapi.GET, "/reports/regimes/:id/trends", h.apiTrends, permRead, httpapi.Out[TrendsJSON](),
		httpapi.Summary("Counts of a regime's last periods, oldest first (?n= up to 20, default 6)"))
	p.API(httpapi.POST, "/reports/periods/:id/urge", h.apiUrge, permReview, httpapi.In[UrgeRequest](), httpapi.Out[CountJSON](),
		httpapi.Summary("Urge the units that have not submitted (report_ids empty: all of them), with an optional note"))
	p.API(httpapi.POST, "/reports/periods/:id/refresh", h.apiRefresh, permReview, httpapi.Out[CountJSON](),
		httpapi.Summary("Add the units that now count for the period (created or back-dated after it opened)"))
	p.API(httpapi.POST, "/reports/units/:id/excuse", h.apiExcuse, permReview, httpapi.In[ExcuseRequest](), httpapi.Out[UnitReportJSON](),
		httpapi.Summary("Excuse a unit from the period (reason required) or put it back (excused false)"))
	p.API(httpapi.GET, "/reports/units/:id", h.apiUnit, permRead, httpapi.Out[UnitReportJSON](),
		httpapi.Summary("A unit's report with its template, content (computed indicators filled), timeline and files"))
	p.API(httpapi.PUT, "/reports/units/:id", h.apiSave, permWrite, httpapi.In[ContentRequest](), httpapi.Out[UnitReportJSON](),
		httpapi.Summary("Save the draft (texts by section key, values by indicator code); 409 report_locked once submitted or accepted"))
	p.API(httpapi.POST, "/reports/units/:id/submit", h.apiSubmit, permSubmit, httpapi.Out[UnitReportJSON](),
		httpapi.Summary("Submit the report; 422 naming texts.<key> and values.<code> that are missing or out of bounds"))
	p.API(httpapi.POST, "/reports/units/:id/accept", h.apiAccept, permReview, httpapi.In[NoteRequest](), httpapi.Out[UnitReportJSON](),
		httpapi.Summary("Accept a submitted report (optional note); it is read-only from then on"))
	p.API(httpapi.POST, "/reports/units/:id/return", h.apiReturn, permReview, httpapi.In[NoteRequest](), httpapi.Out[UnitReportJSON](),
		httpapi.Summary("Return a submitted report to its unit with comments (note required)"))
	p.API(httpapi.POST, "/reports/units/:id/reopen", h.apiReopen, permReview, httpapi.In[NoteRequest](), httpapi.Out[UnitReportJSON](),
		httpapi.Summary("Reopen an accepted report for changes (note: the reason, required)"))
	p.API(httpapi.POST, "/reports/units/:id/files", h.apiAttach, permWrite, httpapi.Out[FileJSON](), httpapi.Created(),
		httpapi.Summary("Attach a file (the signed scan): multipart/form-data, field file (DOCX, PDF, JPEG, PNG or TXT, up to 50 MB); the same name adds a version"))
	p.API(httpapi.GET, "/reports/units/:id/files/:fid", h.fileDownload, permRead,
		httpapi.Summary("Download a file of a unit's report"))
	p.API(httpapi.GET, "/reports/units/:id/report.docx", h.unitDOCX, permRead,
		httpapi.Summary("The unit's report as DOCX in the official layout with its own letterhead"))
	p.API(httpapi.GET, "/reports/regimes/:id/templates", h.apiTemplates, permRead, httpapi.Out[TemplatesJSON](),
		httpapi.Summary("A regime's template versions, newest (current) first, with the periods using each"))
	p.API(httpapi.GET, "/reports/templates/:id", h.apiTemplate, permRead, httpapi.Out[TemplateJSON](),
		httpapi.Summary("One template version with its sections and indicators"))
	p.API(httpapi.POST, "/reports/regimes/:id/templates", h.apiSaveTemplate, permTemplate, httpapi.In[TemplateRequest](),
		httpapi.Out[TemplateJSON](), httpapi.Created(),
		httpapi.Summary("Save the regime's template as its next version; 422 naming sections[i].field and indicators[j].field"))
	p.API(httpapi.GET, "/reports/docx-template", h.docxDownload, permRead,
		httpapi.Summary("Download the DOCX template the province report is laid out in: the province's own, or the built-in one (header X-Template: custom or builtin)"))
	p.API(httpapi.PUT, "/reports/docx-template", h.apiDocxUpload, permTemplate, httpapi.Out[DocxTemplateJSON](),
		httpapi.Summary("Upload the province's own DOCX template: multipart/form-data, field file (.docx up to 5 MB holding {{noi_dung}} in a paragraph of its own; "+
			"the other placeholders are listed in the README); 422 naming file: template_not_docx, template_macro, template_no_body_placeholder, template_too_large, file_empty"))
	p.API(httpapi.DELETE, "/reports/docx-template", h.apiDocxReset, permTemplate,
		httpapi.Summary("Go back to the built-in DOCX template; 204"))
	p.API(httpapi.POST, "/reports/periods/:id/generate", h.apiGenerate, permGenerate, httpapi.Out[jobsarea.JobJSON](), httpapi.Created(),
		httpapi.Summary("Start the province report's consolidation in the background; follow the job at /jobs/{id}; 409 generation_running, 429 quota_reports"))
	p.API(httpapi.GET, "/reports/periods/:id/generation", h.apiGeneration, permGenerate, httpapi.Out[jobsarea.JobJSON](),
		httpapi.Summary("The period's latest consolidation job (404 when none was started)"))
	p.API(httpapi.POST, "/reports/periods/:id/generation/cancel", h.apiCancel, permGenerate, httpapi.Out[jobsarea.JobJSON](),
		httpapi.Summary("Cancel the period's consolidation job while it is pending or running"))
	p.API(httpapi.POST, "/reports/periods/:id/generation/retry", h.apiRetry, permGenerate, httpapi.Out[jobsarea.JobJSON](),
		httpapi.Summary("Run the period's failed consolidation job again"))
	p.API(httpapi.GET, "/reports/periods/:id/outputs", h.apiOutputs, permRead, httpapi.Out[OutputsJSON](),
		httpapi.Summary("The province report's outputs (generated DOCX, XLSX, PDF and uploaded finals), newest first"))
	p.API(httpapi.GET, "/reports/periods/:id/outputs/:oid", h.outputDownload, permRead,
		httpapi.Summary("Download an output"))
	p.API(httpapi.POST, "/reports/periods/:id/final", h.apiFinal, permGenerate, httpapi.Out[OutputJSON](), httpapi.Created(),
		httpapi.Summary("Upload the final, signed version (DOCX or PDF): multipart/form-data, field file"))
}
