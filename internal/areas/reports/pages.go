package reports

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/ent/schematype"
	"github.com/danvan-vn/danvan/internal/apperr"
	"github.com/danvan-vn/danvan/internal/httpapi"
	"github.com/danvan-vn/danvan/internal/report"
	"github.com/danvan-vn/danvan/internal/viewer"
	"github.com/danvan-vn/danvan/internal/web"
)

// RegimeOption is a regime in the form opening a period.
type RegimeOption struct {
	ID        int
	Name      string
	Frequency string
}

// RegimeGroup is one regime's periods.
type RegimeGroup struct {
	RegimeID int
	Name     string
	Periods  []PeriodRow
}

// MyRow is one of the viewer's units' reports.
type MyRow struct {
	ReportID   int
	PeriodName string
	UnitName   string
	Status     string
	DueOn      *time.Time
	Excused    bool
}

// PeriodsPage lists the periods by regime.
type PeriodsPage struct {
	web.Page
	Home      string // /t/{slug}/reports
	Groups    []RegimeGroup
	Mine      []MyRow
	Regimes   []RegimeOption
	Form      OpenRequest
	Errors    map[string]string
	CanReview bool
}

// JobVM is the period's latest consolidation job.
type JobVM struct {
	ID        int
	Status    string
	Progress  int
	Error     string
	CanCancel bool
	CanRetry  bool
}

// PeriodPage is a period's completeness board.
type PeriodPage struct {
	web.Page
	Home        string
	URL         string // this period's page
	APIBase     string // /api/v1/t/{slug}
	Period      PeriodRow
	TemplateVer int
	Chart       web.StatusChart
	ByType      []TypeRow
	ByMember    []report.MemberUnits
	Rows        []report.BoardRow
	Trend       TrendChart
	Outputs     []*ent.ReportOutput
	Province    bool // the viewer sees the province report (not unit staff)
	Job         *JobVM
	Errors      map[string]string
	CanReview   bool
	CanGenerate bool
}

// UnitPage is a unit's report.
type UnitPage struct {
	web.Page
	Home       string
	URL        string
	APIURL     string // the report's API (autosave)
	Report     *ent.UnitReport
	Period     PeriodRow
	Sections   []SectionVM
	Loose      []IndicatorVM
	Editable   bool // the form is shown for writing
	CanSubmit  bool
	CanReview  bool
	Events     []*ent.UnitReportEvent
	Files      []*ent.UnitReportFile
	Versions   []int
	Viewing    int // the submitted version shown read-only (0: the current content)
	Errors     map[string]string
	Note       string // a refused review's note, typed again
	FileErrors map[string]string
}

// TemplateRow is a regime with its current template.
type TemplateRow struct {
	RegimeID   int
	RegimeName string
	Frequency  string
	Current    *ent.ReportTemplate
	Versions   int
}

// TemplatesPage lists the regimes' templates.
type TemplatesPage struct {
	web.Page
	Home string
	Rows []TemplateRow
}

// VersionRow is a template version with the periods using it.
type VersionRow struct {
	ID, Version int
	Name        string
	CreatedAt   time.Time
	Periods     []PeriodRefJSON
}

// FieldError is one refused field of the template editor.
type FieldError struct{ Field, Reason string }

// TemplatePage is a regime's template: a version shown, the versions and the editor.
type TemplatePage struct {
	web.Page
	Home     string
	URL      string
	Regime   RegimeOption
	Shown    *ent.ReportTemplate
	Current  int // the current version's id
	Versions []VersionRow
	JSON     string
	Errors   []FieldError
	CanEdit  bool
}

func (h *handler) base(c echo.Context) string { return httpapi.ProvinceURL(c, "/reports") }

func (h *handler) periodsData(c echo.Context, p *PeriodsPage) error {
	ctx := c.Request().Context()
	p.Home, p.CanReview = h.base(c), httpapi.Can(c, permReview)
	gs, err := h.regimes.List(ctx)
	if err != nil {
		return err
	}
	for _, g := range gs {
		if g.Frequency != "adhoc" {
			p.Regimes = append(p.Regimes, RegimeOption{ID: g.ID, Name: g.Name, Frequency: string(g.Frequency)})
		}
	}
	ps, err := h.reports.Periods(ctx, 0)
	if err != nil {
		return err
	}
	cs, err := h.counts(ctx, ps)
	if err != nil {
		return err
	}
	at := map[int]int{}
	for _, per := range ps {
		i, ok := at[per.RegimeID]
		if !ok {
			i = len(p.Groups)
			at[per.RegimeID] = i
			g := RegimeGroup{RegimeID: per.RegimeID}
			if per.Edges.Regime != nil {
				g.Name = per.Edges.Regime.Name
			}
			p.Groups = append(p.Groups, g)
		}
		p.Groups[i].Periods = append(p.Groups[i].Periods, periodRow(per, cs[per.ID]))
	}
	mine, err := h.reports.MyReports(ctx)
	if err != nil {
		return err
	}
	for _, r := range mine {
		row := MyRow{ReportID: r.ID, UnitName: r.UnitName, Status: string(r.Status), Excused: r.Excused}
		if r.Edges.Period != nil {
			row.PeriodName, row.DueOn = r.Edges.Period.Name, &r.Edges.Period.DueOn
		}
		p.Mine = append(p.Mine, row)
	}
	return nil
}

func (h *handler) periodsPage(c echo.Context) error {
	p := PeriodsPage{Page: httpapi.PageOf(c, "reports.title")}
	if err := h.periodsData(c, &p); err != nil {
		return err
	}
	return httpapi.HTML(c, http.StatusOK, "report_periods", p)
}

func (h *handler) openSubmit(c echo.Context) error {
	r, per, created, err := h.open(c)
	if err == nil {
		done := "period_exists"
		if created {
			done = "period_opened"
		}
		return httpapi.Redirect(c, h.base(c)+"/periods/"+strconv.Itoa(per.ID), done)
	}
	fields, ok := httpapi.FieldKeys(err)
	if !ok {
		return err
	}
	p := PeriodsPage{Page: httpapi.PageOf(c, "reports.title"), Form: r, Errors: fields}
	if err := h.periodsData(c, &p); err != nil {
		return err
	}
	return httpapi.HTML(c, http.StatusUnprocessableEntity, "report_periods", p)
}

func (h *handler) periodData(c echo.Context, p *PeriodPage) error {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	b, err := h.reports.Board(ctx, id)
	if err != nil {
		return err
	}
	p.Home = h.base(c)
	p.URL = p.Home + "/periods/" + strconv.Itoa(id)
	p.APIBase = "/api/v1/t/" + httpapi.Tenant(c).Slug
	p.Period, p.Chart = periodRow(b.Period, b.Counts), chartOf(b.Counts)
	if b.Period.Edges.Template != nil {
		p.TemplateVer = b.Period.Edges.Template.Version
	}
	for _, t := range b.ByType {
		p.ByType = append(p.ByType, TypeRow{Type: t.Type, Counts: t.Counts, Chart: chartOf(t.Counts)})
	}
	p.ByMember, p.Rows = b.ByMember, b.Rows
	p.CanReview, p.CanGenerate = httpapi.Can(c, permReview), httpapi.Can(c, permGenerate)
	ts, err := h.reports.Trends(ctx, b.Period.RegimeID, 8)
	if err != nil {
		return err
	}
	p.Trend = trendChart(ts)
	// The province report is not for unit staff (the unit wall): their board shows no outputs.
	if v := viewer.FromContext(ctx); v == nil || !v.UnitScoped() {
		p.Province = true
		if p.Outputs, err = h.reports.Outputs(ctx, id); err != nil {
			return err
		}
	}
	if b.Period.LastJobID != nil && p.CanGenerate {
		j, err := h.jobs.Get(ctx, httpapi.Tenant(c).ID, *b.Period.LastJobID)
		switch {
		case err == nil:
			p.Job = &JobVM{ID: j.ID, Status: string(j.Status), Progress: j.Progress, Error: j.Error, CanCancel: j.CanCancel(), CanRetry: j.CanRetry()}
		case apperr.KindOf(err) != apperr.KindNotFound:
			return err
		}
	}
	return nil
}

func (h *handler) periodPage(c echo.Context) error {
	p := PeriodPage{Page: httpapi.PageOf(c, "reports.period.title")}
	if err := h.periodData(c, &p); err != nil {
		return err
	}
	return httpapi.HTML(c, http.StatusOK, "report_period", p)
}

// periodRefused shows the period's page again with the reasons of err (a field error or a
// conflict); other errors go to the error page.
func (h *handler) periodRefused(c echo.Context, err error) error {
	fields, ok := httpapi.FieldKeys(err)
	if !ok {
		return err
	}
	status := http.StatusUnprocessableEntity
	if apperr.KindOf(err) == apperr.KindConflict {
		status = http.StatusConflict
	}
	p := PeriodPage{Page: httpapi.PageOf(c, "reports.period.title"), Errors: fields}
	if err := h.periodData(c, &p); err != nil {
		return err
	}
	return httpapi.HTML(c, status, "report_period", p)
}

// periodAction runs a form's action on period :id and goes back to its page.
func (h *handler) periodAction(c echo.Context, done string, act func(id int) error) error {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return err
	}
	if err := act(id); err != nil {
		return h.periodRefused(c, err)
	}
	return httpapi.Redirect(c, h.base(c)+"/periods/"+strconv.Itoa(id), done)
}

func (h *handler) urgeSubmit(c echo.Context) error {
	return h.periodAction(c, "urged", func(id int) error {
		var r UrgeRequest
		if err := httpapi.Bind(c, &r); err != nil {
			return err
		}
		_, err := h.reports.Urge(c.Request().Context(), id, r.ReportIDs, r.Note)
		return err
	})
}

func (h *handler) refreshSubmit(c echo.Context) error {
	return h.periodAction(c, "refreshed", func(id int) error {
		_, err := h.reports.RefreshExpected(c.Request().Context(), id)
		return err
	})
}

func (h *handler) generateSubmit(c echo.Context) error {
	return h.periodAction(c, "generation_started", func(id int) error {
		_, err := h.reports.Generate(c.Request().Context(), id)
		if e, ok := apperr.As(err); ok && e.Kind == apperr.KindQuotaExceeded {
			return apperr.Conflict(e.Code, err) // shown on the page as a notice
		}
		return err
	})
}

func (h *handler) cancelSubmit(c echo.Context) error {
	return h.periodAction(c, "generation_cancelled", func(int) error {
		_, err := h.jobOf(c, h.jobs.Cancel)
		return err
	})
}

func (h *handler) retrySubmit(c echo.Context) error {
	return h.periodAction(c, "generation_retried", func(int) error {
		_, err := h.jobOf(c, h.jobs.Retry)
		return err
	})
}

func (h *handler) finalSubmit(c echo.Context) error {
	return h.periodAction(c, "final_uploaded", func(int) error {
		_, err := h.final(c)
		return err
	})
}

// unitData fills a unit report's page; content, when not nil, is what was typed (a refused form).
func (h *handler) unitData(c echo.Context, p *UnitPage, content *schematype.ReportContent) error {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	v, err := h.reports.Report(ctx, id)
	if err != nil {
		return err
	}
	r := v.Report
	p.Home = h.base(c)
	p.URL = p.Home + "/units/" + strconv.Itoa(id)
	p.APIURL = "/api/v1/t/" + httpapi.Tenant(c).Slug + "/reports/units/" + strconv.Itoa(id)
	p.Report, p.Period, p.Events, p.Files = r, periodRow(v.Period, report.Counts{}), v.Events, v.Files
	p.Period.Status = ""
	for _, e := range report.Versions(v) {
		p.Versions = append(p.Versions, e.Version)
	}
	var c2 schematype.ReportContent
	switch ver := c.QueryParam("version"); {
	case ver != "":
		n, err := strconv.Atoi(ver)
		i := slices.IndexFunc(report.Versions(v), func(e *ent.UnitReportEvent) bool { return e.Version == n })
		if err != nil || i < 0 {
			return apperr.NotFound(nil)
		}
		p.Viewing, c2 = n, report.Versions(v)[i].Content
	case content != nil:
		c2 = *content
		pre, err := h.reports.Prefill(ctx, v)
		if err != nil {
			return err
		}
		c2.Computed = pre.Computed
		for _, code := range pre.Computed {
			if c2.Values == nil {
				c2.Values = map[string]string{}
			}
			c2.Values[code] = pre.Values[code]
		}
	default:
		if c2, err = h.reports.Prefill(ctx, v); err != nil {
			return err
		}
	}
	if c2.Texts == nil {
		c2.Texts = map[string]string{}
	}
	if c2.Values == nil {
		c2.Values = map[string]string{}
	}
	p.Sections, p.Loose = sectionsOf(v.Template, c2, p.Errors)
	p.Editable = p.Viewing == 0 && report.Editable(r.Status) && !r.Excused && httpapi.Can(c, permWrite)
	p.CanSubmit = p.Viewing == 0 && report.Editable(r.Status) && !r.Excused && httpapi.Can(c, permSubmit)
	p.CanReview = httpapi.Can(c, permReview)
	return nil
}

func (h *handler) unitPage(c echo.Context) error {
	p := UnitPage{Page: httpapi.PageOf(c, "reports.unit.title")}
	if err := h.unitData(c, &p, nil); err != nil {
		return err
	}
	return httpapi.HTML(c, http.StatusOK, "unit_report", p)
}

// unitRefused shows the report's page again with the reasons of err and what was typed.
func (h *handler) unitRefused(c echo.Context, err error, content *schematype.ReportContent) error {
	fields, ok := httpapi.FieldKeys(err)
	if !ok {
		return err
	}
	status := http.StatusUnprocessableEntity
	if apperr.KindOf(err) == apperr.KindConflict {
		status = http.StatusConflict
	}
	p := UnitPage{Page: httpapi.PageOf(c, "reports.unit.title"), Errors: fields, Note: c.FormValue("note")}
	if err := h.unitData(c, &p, content); err != nil {
		return err
	}
	return httpapi.HTML(c, status, "unit_report", p)
}

// formContent reads a report's content from its form (fields texts.<key> and values.<code>);
// ok is false when the form has none.
func formContent(c echo.Context) (schematype.ReportContent, bool, error) {
	vals, err := c.FormParams()
	if err != nil {
		return schematype.ReportContent{}, false, httpapi.Invalid("body", "form")
	}
	out := schematype.ReportContent{Texts: map[string]string{}, Values: map[string]string{}}
	found := false
	for k, vs := range vals {
		if len(vs) == 0 {
			continue
		}
		if key, ok := strings.CutPrefix(k, "texts."); ok {
			out.Texts[key], found = vs[0], true
		} else if code, ok := strings.CutPrefix(k, "values."); ok {
			out.Values[code], found = vs[0], true
		}
	}
	return out, found, nil
}

func (h *handler) saveSubmit(c echo.Context) error {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return err
	}
	in, _, err := formContent(c)
	if err == nil {
		if _, err = h.reports.Save(c.Request().Context(), id, in); err == nil {
			return httpapi.Redirect(c, h.base(c)+"/units/"+strconv.Itoa(id), "report_saved")
		}
	}
	if apperr.KindOf(err) == apperr.KindNotFound {
		return err
	}
	return h.unitRefused(c, err, &in)
}

// submitSubmit saves what the form holds (when the viewer may write) and submits.
func (h *handler) submitSubmit(c echo.Context) error {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	in, found, err := formContent(c)
	var typed *schematype.ReportContent
	if found {
		typed = &in
	}
	if err == nil && found && httpapi.Can(c, permWrite) {
		_, err = h.reports.Save(ctx, id, in)
	}
	if err == nil {
		if _, err = h.reports.Submit(ctx, id); err == nil {
			return httpapi.Redirect(c, h.base(c)+"/units/"+strconv.Itoa(id), "report_submitted")
		}
	}
	if apperr.KindOf(err) == apperr.KindNotFound {
		return err
	}
	return h.unitRefused(c, err, typed)
}

func (h *handler) reviewSubmit(c echo.Context, done string, op reviewOp) error {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return err
	}
	var r NoteRequest
	if err = httpapi.Bind(c, &r); err == nil {
		if _, err = op(c.Request().Context(), id, r.Note); err == nil {
			return httpapi.Redirect(c, h.base(c)+"/units/"+strconv.Itoa(id), done)
		}
	}
	if apperr.KindOf(err) == apperr.KindNotFound {
		return err
	}
	return h.unitRefused(c, err, nil)
}

func (h *handler) acceptSubmit(c echo.Context) error {
	return h.reviewSubmit(c, "report_accepted", h.reports.Accept)
}
func (h *handler) returnSubmit(c echo.Context) error {
	return h.reviewSubmit(c, "report_returned", h.reports.Return)
}
func (h *handler) reopenSubmit(c echo.Context) error {
	return h.reviewSubmit(c, "report_reopened", h.reports.Reopen)
}

func (h *handler) excuseSubmit(c echo.Context) error {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return err
	}
	var r ExcuseRequest
	excused := c.FormValue("excused") != "0"
	done := "excused"
	if !excused {
		done = "unexcused"
	}
	if err = httpapi.Bind(c, &r); err == nil {
		if _, err = h.reports.Excuse(c.Request().Context(), id, excused, r.Reason); err == nil {
			return httpapi.Redirect(c, h.base(c)+"/units/"+strconv.Itoa(id), done)
		}
	}
	if apperr.KindOf(err) == apperr.KindNotFound {
		return err
	}
	return h.unitRefused(c, err, nil)
}

func (h *handler) fileSubmit(c echo.Context) error {
	_, err := h.attach(c)
	if err == nil {
		return httpapi.Redirect(c, h.base(c)+"/units/"+c.Param("id"), "report_file_added")
	}
	if apperr.KindOf(err) == apperr.KindNotFound {
		return err
	}
	return h.unitRefused(c, err, nil)
}

func (h *handler) templatesPage(c echo.Context) error {
	ctx := c.Request().Context()
	p := TemplatesPage{Page: httpapi.PageOf(c, "reports.templates.title"), Home: h.base(c)}
	gs, err := h.regimes.List(ctx)
	if err != nil {
		return err
	}
	for _, g := range gs {
		row := TemplateRow{RegimeID: g.ID, RegimeName: g.Name, Frequency: string(g.Frequency)}
		ts, err := h.versions(ctx, g.ID)
		if err != nil {
			return err
		}
		if len(ts) > 0 {
			row.Current, row.Versions = ts[0], len(ts)
		}
		p.Rows = append(p.Rows, row)
	}
	return httpapi.HTML(c, http.StatusOK, "report_templates", p)
}

// editorJSON is a template as the editor shows it.
func editorJSON(t *ent.ReportTemplate) string {
	r := TemplateRequest{Name: t.Name, Sections: t.Sections, Indicators: t.Indicators}
	b, _ := json.MarshalIndent(r, "", "  ")
	return string(b)
}

func (h *handler) templateData(c echo.Context, p *TemplatePage) error {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	g, ts, ps, err := h.templates(ctx, id)
	if err != nil {
		return err
	}
	p.Home = h.base(c)
	p.URL = p.Home + "/regimes/" + strconv.Itoa(id) + "/template"
	p.Regime = RegimeOption{ID: g.ID, Name: g.Name, Frequency: string(g.Frequency)}
	p.CanEdit = httpapi.Can(c, permTemplate)
	p.Shown, p.Current = ts[0], ts[0].ID
	if v := c.QueryParam("version"); v != "" {
		i := slices.IndexFunc(ts, func(t *ent.ReportTemplate) bool { return strconv.Itoa(t.Version) == v })
		if i < 0 {
			return apperr.NotFound(nil)
		}
		p.Shown = ts[i]
	}
	for _, t := range ts {
		tj := templateJSON(t, ps)
		p.Versions = append(p.Versions, VersionRow{ID: t.ID, Version: t.Version, Name: t.Name, CreatedAt: t.CreatedAt, Periods: tj.Periods})
	}
	if p.JSON == "" {
		p.JSON = editorJSON(ts[0])
	}
	return nil
}

func (h *handler) templatePage(c echo.Context) error {
	p := TemplatePage{Page: httpapi.PageOf(c, "reports.template.title")}
	if err := h.templateData(c, &p); err != nil {
		return err
	}
	return httpapi.HTML(c, http.StatusOK, "report_template", p)
}

// TemplateForm is the editor's form: the template as JSON.
type TemplateForm struct {
	JSON string `form:"json" json:"json" required:"true" maxLength:"1000000"`
}

// decodeTemplate reads the editor's JSON strictly: a syntax error or an unknown field is named.
func decodeTemplate(s string) (TemplateRequest, error) {
	var r TemplateRequest
	dec := json.NewDecoder(strings.NewReader(s))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&r); err != nil {
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &se):
			return r, &apperr.Error{Kind: apperr.KindInvalid, Code: "invalid", Fields: map[string]string{"json": "json"},
				Err: fmt.Errorf("offset %d: %w", se.Offset, err)}
		case errors.As(err, &te):
			return r, httpapi.Invalid(te.Field, "type")
		}
		return r, httpapi.Invalid("json", "json")
	}
	if dec.More() {
		return r, httpapi.Invalid("json", "json")
	}
	return r, httpapi.CheckText(&r)
}

func (h *handler) templateSubmit(c echo.Context) error {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	if _, err := h.regimes.Get(ctx, id); err != nil {
		return err
	}
	var f TemplateForm
	err = httpapi.Bind(c, &f)
	var r TemplateRequest
	if err == nil {
		r, err = decodeTemplate(f.JSON)
	}
	if err == nil {
		var t *ent.ReportTemplate
		if t, err = h.reports.SaveTemplate(ctx, id, r.input()); err == nil {
			return httpapi.Redirect(c, h.base(c)+"/regimes/"+strconv.Itoa(id)+"/template?version="+strconv.Itoa(t.Version), "template_saved")
		}
	}
	e, ok := apperr.As(err)
	if !ok || e.Kind != apperr.KindInvalid {
		return err
	}
	p := TemplatePage{Page: httpapi.PageOf(c, "reports.template.title"), JSON: f.JSON}
	for field, reason := range e.Fields {
		p.Errors = append(p.Errors, FieldError{Field: field, Reason: reason})
	}
	slices.SortFunc(p.Errors, func(a, b FieldError) int { return compareFields(a.Field, b.Field) })
	if err := h.templateData(c, &p); err != nil {
		return err
	}
	return httpapi.HTML(c, http.StatusUnprocessableEntity, "report_template", p)
}

// compareFields orders sections[2].title before sections[10].key: by the text with the index
// read as a number.
func compareFields(a, b string) int {
	ka, kb := fieldKey(a), fieldKey(b)
	if ka.name != kb.name {
		return strings.Compare(ka.name, kb.name)
	}
	if ka.index != kb.index {
		return ka.index - kb.index
	}
	return strings.Compare(ka.rest, kb.rest)
}

type fieldParts struct {
	name  string
	index int
	rest  string
}

func fieldKey(f string) fieldParts {
	name, rest, ok := strings.Cut(f, "[")
	if !ok {
		return fieldParts{name: f, index: -1}
	}
	num, rest, _ := strings.Cut(rest, "]")
	n, _ := strconv.Atoi(num)
	return fieldParts{name: name, index: n, rest: rest}
}
