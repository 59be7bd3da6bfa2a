package reports

import (
	"bytes"
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/ent/schematype"
	"github.com/danvan-vn/danvan/internal/apperr"
	jobsarea "github.com/danvan-vn/danvan/internal/areas/jobs"
	"github.com/danvan-vn/danvan/internal/calendar"
	"github.com/danvan-vn/danvan/internal/httpapi"
	"github.com/danvan-vn/danvan/internal/jobs"
	"github.com/danvan-vn/danvan/internal/report"
)

// CountsJSON are a period's expected units by where their report stands.
type CountsJSON struct {
	Expected   int `json:"expected" doc:"Expected units, the excused left out"`
	OnTime     int `json:"on_time" doc:"First submitted by the end of the due day in Vietnam"`
	Late       int `json:"late"`
	Missing    int `json:"missing" doc:"Never submitted"`
	Returned   int `json:"returned" doc:"Returned to the unit, now"`
	Accepted   int `json:"accepted"`
	Excused    int `json:"excused"`
	Submitted  int `json:"submitted"`
	OnTimeRate int `json:"on_time_rate" doc:"On time out of expected, in percent"`
}

func countsJSON(c report.Counts) CountsJSON {
	return CountsJSON{Expected: c.Expected, OnTime: c.OnTime, Late: c.Late, Missing: c.Missing, Returned: c.Returned,
		Accepted: c.Accepted, Excused: c.Excused, Submitted: c.Submitted(), OnTimeRate: c.OnTimeRate()}
}

// PeriodJSON is a reporting period.
type PeriodJSON struct {
	ID         int         `json:"id"`
	RegimeID   int         `json:"regime_id"`
	RegimeName string      `json:"regime_name,omitempty"`
	TemplateID int         `json:"template_id"`
	Key        string      `json:"key" doc:"2025-H1, 2025-Q3, 2025"`
	Name       string      `json:"name"`
	CutoffFrom string      `json:"cutoff_from" format:"date"`
	CutoffTo   string      `json:"cutoff_to" format:"date"`
	DueOn      string      `json:"due_on" format:"date"`
	Status     string      `json:"status" enum:"open,overdue,closed" doc:"open until the due day ends; then overdue while units are missing, else closed"`
	LastJobID  *int        `json:"last_job_id,omitempty" doc:"The latest consolidation job"`
	Counts     *CountsJSON `json:"counts,omitempty"`
}

// periodStatus is open until the due day is over, then overdue while expected units have never
// submitted, closed when none is missing.
func periodStatus(p *ent.ReportPeriod, c report.Counts) string {
	switch {
	case !calendar.Today().UTC().After(p.DueOn):
		return "open"
	case c.Missing > 0:
		return "overdue"
	}
	return "closed"
}

func periodJSON(p *ent.ReportPeriod, c *report.Counts) PeriodJSON {
	out := PeriodJSON{ID: p.ID, RegimeID: p.RegimeID, TemplateID: p.TemplateID, Key: p.Key, Name: p.Name,
		CutoffFrom: httpapi.ISODay(p.CutoffFrom), CutoffTo: httpapi.ISODay(p.CutoffTo), DueOn: httpapi.ISODay(p.DueOn), LastJobID: p.LastJobID}
	if p.Edges.Regime != nil {
		out.RegimeName = p.Edges.Regime.Name
	}
	if c != nil {
		cj := countsJSON(*c)
		out.Counts, out.Status = &cj, periodStatus(p, *c)
	} else {
		out.Status = periodStatus(p, report.Counts{})
	}
	return out
}

// PeriodsJSON lists periods.
type PeriodsJSON struct {
	Periods []PeriodJSON `json:"periods"`
}

// OpenRequest opens a period.
type OpenRequest struct {
	RegimeID int    `json:"regime_id" form:"regime_id" required:"true"`
	Key      string `json:"key" form:"key" required:"true" maxLength:"20" doc:"2025-H1 (semiannual), 2025-Q3 (quarterly), 2025 (annual)"`
}

// BoardRowJSON is one expected unit on the board.
type BoardRowJSON struct {
	ReportID         int        `json:"report_id"`
	UnitID           int        `json:"unit_id"`
	UnitName         string     `json:"unit_name"`
	UnitType         string     `json:"unit_type"`
	Status           string     `json:"status" enum:"not_started,draft,submitted,returned,accepted"`
	Class            string     `json:"class" enum:"on_time,late,missing,excused"`
	Late             bool       `json:"late"`
	SubmittedAt      *time.Time `json:"submitted_at,omitempty"`
	FirstSubmittedAt *time.Time `json:"first_submitted_at,omitempty"`
	LastUrgedAt      *time.Time `json:"last_urged_at,omitempty"`
	EndedOn          string     `json:"ended_on,omitempty" format:"date" doc:"The unit was dissolved during the window"`
	UrgeCount        int        `json:"urge_count"`
	Excused          bool       `json:"excused"`
	ExcuseReason     string     `json:"excuse_reason,omitempty"`
}

func rowJSON(r report.BoardRow) BoardRowJSON {
	return BoardRowJSON{ReportID: r.ReportID, UnitID: r.UnitID, UnitName: r.UnitName, UnitType: r.UnitType, Status: r.Status,
		Class: r.Class, Late: r.Late, SubmittedAt: r.SubmittedAt, FirstSubmittedAt: r.FirstSubmittedAt, LastUrgedAt: r.LastUrgedAt,
		EndedOn: httpapi.ISODayPtr(r.EndedOn), UrgeCount: r.UrgeCount, Excused: r.Excused, ExcuseReason: r.ExcuseReason}
}

func rowsJSON(rs []report.BoardRow) []BoardRowJSON {
	out := make([]BoardRowJSON, 0, len(rs))
	for _, r := range rs {
		out = append(out, rowJSON(r))
	}
	return out
}

// TypeCountsJSON are the counts of one unit type.
type TypeCountsJSON struct {
	Type   string     `json:"type"`
	Counts CountsJSON `json:"counts"`
}

// MemberJSON is a committee member with the units in their charge.
type MemberJSON struct {
	MemberID int            `json:"member_id"`
	Name     string         `json:"name"`
	Title    string         `json:"title,omitempty"`
	Counts   CountsJSON     `json:"counts"`
	Units    []BoardRowJSON `json:"units"`
}

// BoardJSON is a period's completeness board.
type BoardJSON struct {
	Period   PeriodJSON       `json:"period"`
	Counts   CountsJSON       `json:"counts"`
	ByType   []TypeCountsJSON `json:"by_type"`
	ByMember []MemberJSON     `json:"by_member"`
	Units    []BoardRowJSON   `json:"units" doc:"Every expected unit, in Vietnamese order of name"`
}

func boardJSON(b *report.Board) BoardJSON {
	out := BoardJSON{Period: periodJSON(b.Period, &b.Counts), Counts: countsJSON(b.Counts), ByType: []TypeCountsJSON{},
		ByMember: []MemberJSON{}, Units: rowsJSON(b.Rows)}
	for _, t := range b.ByType {
		out.ByType = append(out.ByType, TypeCountsJSON{Type: t.Type, Counts: countsJSON(t.Counts)})
	}
	for _, m := range b.ByMember {
		out.ByMember = append(out.ByMember, MemberJSON{MemberID: m.MemberID, Name: m.Name, Title: m.Title, Counts: countsJSON(m.Counts),
			Units: rowsJSON(m.Rows)})
	}
	return out
}

// TrendJSON is one period's counts.
type TrendJSON struct {
	PeriodID int        `json:"period_id"`
	Key      string     `json:"key"`
	Name     string     `json:"name"`
	DueOn    string     `json:"due_on" format:"date"`
	Counts   CountsJSON `json:"counts"`
}

// TrendsJSON are a regime's last periods, oldest first.
type TrendsJSON struct {
	RegimeID int         `json:"regime_id"`
	Points   []TrendJSON `json:"points"`
}

// UrgeRequest urges units of a period.
type UrgeRequest struct {
	ReportIDs []int  `json:"report_ids,omitempty" form:"report_id" required:"false" doc:"Unit reports to urge; empty: every unit not yet submitted"`
	Note      string `json:"note" form:"note" required:"false" maxLength:"2000"`
}

// CountJSON says how many rows an action touched.
type CountJSON struct {
	Count int `json:"count"`
}

// ExcuseRequest excuses a unit from a period, or puts it back.
type ExcuseRequest struct {
	Excused *bool  `json:"excused,omitempty" required:"false" doc:"Default true; false puts the unit back on the expected list"`
	Reason  string `json:"reason" form:"reason" required:"false" maxLength:"2000" doc:"Required to excuse"`
}

// NoteRequest is a review's note (the reason of a reopening).
type NoteRequest struct {
	Note string `json:"note" form:"note" required:"false" maxLength:"2000"`
}

// ContentRequest is what a unit wrote: texts by section key, values by indicator code.
type ContentRequest struct {
	Texts  map[string]string `json:"texts,omitempty" required:"false" maxLength:"50000" doc:"Section key → text (up to 50,000 characters)"`
	Values map[string]string `json:"values,omitempty" required:"false" maxLength:"500" doc:"Indicator code → value as typed (1.234 or 12,5 are read)"`
}

// ContentJSON is a report's content.
type ContentJSON struct {
	Texts    map[string]string `json:"texts"`
	Values   map[string]string `json:"values"`
	Computed []string          `json:"computed" doc:"Indicator codes danvan computed (read-only)"`
}

func contentJSON(c schematype.ReportContent) ContentJSON {
	out := ContentJSON{Texts: c.Texts, Values: c.Values, Computed: c.Computed}
	if out.Texts == nil {
		out.Texts = map[string]string{}
	}
	if out.Values == nil {
		out.Values = map[string]string{}
	}
	if out.Computed == nil {
		out.Computed = []string{}
	}
	return out
}

// EventJSON is one step of a report's timeline.
type EventJSON struct {
	ID        int          `json:"id"`
	Kind      string       `json:"kind" enum:"submitted,returned,accepted,reopened,excused,unexcused,urged,file_added"`
	Version   int          `json:"version"`
	Note      string       `json:"note,omitempty"`
	ActorName string       `json:"actor_name,omitempty"`
	CreatedAt time.Time    `json:"created_at"`
	Content   *ContentJSON `json:"content,omitempty" doc:"The content as submitted (submitted events)"`
}

// FileJSON is a version of a file attached to a unit report.
type FileJSON struct {
	ID          int       `json:"id"`
	Name        string    `json:"name"`
	Version     int       `json:"version"`
	ContentType string    `json:"content_type"`
	Size        int64     `json:"size"`
	SHA256      string    `json:"sha256"`
	CreatedAt   time.Time `json:"created_at"`
}

func fileJSON(f *ent.UnitReportFile) FileJSON {
	return FileJSON{ID: f.ID, Name: f.Name, Version: f.Version, ContentType: f.ContentType, Size: f.Size, SHA256: f.Sha256, CreatedAt: f.CreatedAt}
}

// UnitReportJSON is a unit's report.
type UnitReportJSON struct {
	ID               int           `json:"id"`
	PeriodID         int           `json:"period_id"`
	Period           *PeriodJSON   `json:"period,omitempty"`
	UnitID           int           `json:"unit_id"`
	UnitName         string        `json:"unit_name"`
	UnitType         string        `json:"unit_type"`
	Status           string        `json:"status" enum:"not_started,draft,submitted,returned,accepted"`
	Editable         bool          `json:"editable" doc:"The unit may still change it (not submitted nor accepted)"`
	Version          int           `json:"version" doc:"How many times it was submitted"`
	Late             bool          `json:"late"`
	SubmittedAt      *time.Time    `json:"submitted_at,omitempty"`
	FirstSubmittedAt *time.Time    `json:"first_submitted_at,omitempty"`
	ReviewedAt       *time.Time    `json:"reviewed_at,omitempty"`
	ReviewNote       string        `json:"review_note,omitempty"`
	Excused          bool          `json:"excused"`
	ExcuseReason     string        `json:"excuse_reason,omitempty"`
	UrgeCount        int           `json:"urge_count"`
	Template         *TemplateJSON `json:"template,omitempty"`
	Content          ContentJSON   `json:"content"`
	Events           []EventJSON   `json:"events,omitempty"`
	Files            []FileJSON    `json:"files,omitempty"`
}

func unitJSON(r *ent.UnitReport) UnitReportJSON {
	return UnitReportJSON{ID: r.ID, PeriodID: r.PeriodID, UnitID: r.UnitID, UnitName: r.UnitName, UnitType: r.UnitType,
		Status: string(r.Status), Editable: report.Editable(r.Status), Version: r.Version, Late: r.Late, SubmittedAt: r.SubmittedAt,
		FirstSubmittedAt: r.FirstSubmittedAt, ReviewedAt: r.ReviewedAt, ReviewNote: r.ReviewNote, Excused: r.Excused,
		ExcuseReason: r.ExcuseReason, UrgeCount: r.UrgeCount, Content: contentJSON(report.Content(r))}
}

func viewJSON(v *report.View, c schematype.ReportContent) UnitReportJSON {
	out := unitJSON(v.Report)
	pj := periodJSON(v.Period, nil)
	out.Period, out.Content = &pj, contentJSON(c)
	t := templateJSON(v.Template, nil)
	out.Template = &t
	out.Events, out.Files = []EventJSON{}, []FileJSON{}
	for _, e := range v.Events {
		ej := EventJSON{ID: e.ID, Kind: string(e.Kind), Version: e.Version, Note: e.Note, ActorName: e.ActorName, CreatedAt: e.CreatedAt}
		if e.Kind == "submitted" {
			cj := contentJSON(e.Content)
			ej.Content = &cj
		}
		out.Events = append(out.Events, ej)
	}
	for _, f := range v.Files {
		out.Files = append(out.Files, fileJSON(f))
	}
	return out
}

// TemplateRequest is a template version to save.
type TemplateRequest struct {
	Name       string                       `json:"name" required:"true" maxLength:"300"`
	Sections   []schematype.ReportSection   `json:"sections" required:"true" doc:"Numbered sections: key (a-z, 0-9, _), no, title, guidance, required, level 1-3"`
	Indicators []schematype.ReportIndicator `json:"indicators" required:"false" doc:"Figures: code, label, unit, type integer|decimal|percent|text, required, min, max, agg sum|average|count, section key, source"`
}

// PeriodRefJSON names a period.
type PeriodRefJSON struct {
	ID   int    `json:"id"`
	Key  string `json:"key"`
	Name string `json:"name"`
}

// TemplateJSON is one version of a regime's report template.
type TemplateJSON struct {
	ID         int                          `json:"id"`
	RegimeID   int                          `json:"regime_id"`
	Version    int                          `json:"version"`
	Name       string                       `json:"name"`
	CreatedAt  time.Time                    `json:"created_at"`
	Sections   []schematype.ReportSection   `json:"sections"`
	Indicators []schematype.ReportIndicator `json:"indicators"`
	Periods    []PeriodRefJSON              `json:"periods,omitempty" doc:"The periods that opened with this version"`
}

func templateJSON(t *ent.ReportTemplate, ps []*ent.ReportPeriod) TemplateJSON {
	out := TemplateJSON{ID: t.ID, RegimeID: t.RegimeID, Version: t.Version, Name: t.Name, CreatedAt: t.CreatedAt,
		Sections: t.Sections, Indicators: t.Indicators}
	if out.Indicators == nil {
		out.Indicators = []schematype.ReportIndicator{}
	}
	for _, p := range ps {
		if p.TemplateID == t.ID {
			out.Periods = append(out.Periods, PeriodRefJSON{ID: p.ID, Key: p.Key, Name: p.Name})
		}
	}
	return out
}

// TemplatesJSON are a regime's template versions, newest first.
type TemplatesJSON struct {
	RegimeID   int            `json:"regime_id"`
	RegimeName string         `json:"regime_name"`
	Templates  []TemplateJSON `json:"templates"`
}

// OutputJSON is a file of the province report.
type OutputJSON struct {
	ID          int       `json:"id"`
	Kind        string    `json:"kind" enum:"docx,xlsx,pdf,final"`
	Version     int       `json:"version"`
	Name        string    `json:"name"`
	ContentType string    `json:"content_type"`
	Size        int64     `json:"size"`
	SHA256      string    `json:"sha256"`
	JobID       *int      `json:"job_id,omitempty"`
	CreatedAt   time.Time `json:"created_at"`
}

func outputJSON(o *ent.ReportOutput) OutputJSON {
	return OutputJSON{ID: o.ID, Kind: string(o.Kind), Version: o.Version, Name: o.Name, ContentType: o.ContentType, Size: o.Size,
		SHA256: o.Sha256, JobID: o.JobID, CreatedAt: o.CreatedAt}
}

// OutputsJSON are a period's outputs, newest first.
type OutputsJSON struct {
	Outputs []OutputJSON `json:"outputs"`
}

// ---- handlers ----

// counts gives the counts of the periods ps, in one query.
func (h *handler) counts(ctx context.Context, ps []*ent.ReportPeriod) (map[int]report.Counts, error) {
	ids := make([]int, len(ps))
	for i, p := range ps {
		ids[i] = p.ID
	}
	return h.reports.Counts(ctx, ids)
}

// optInt reads an optional non-negative integer query parameter.
func optInt(c echo.Context, name string) (int, error) {
	v := c.QueryParam(name)
	if v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return 0, httpapi.Invalid(name, "number")
	}
	return n, nil
}

func (h *handler) apiPeriods(c echo.Context) error {
	regimeID, err := optInt(c, "regime_id")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	ps, err := h.reports.Periods(ctx, regimeID)
	if err != nil {
		return err
	}
	cs, err := h.counts(ctx, ps)
	if err != nil {
		return err
	}
	out := PeriodsJSON{Periods: make([]PeriodJSON, 0, len(ps))}
	for _, p := range ps {
		cnt := cs[p.ID]
		out.Periods = append(out.Periods, periodJSON(p, &cnt))
	}
	return c.JSON(http.StatusOK, out)
}

func (h *handler) open(c echo.Context) (OpenRequest, *ent.ReportPeriod, bool, error) {
	var r OpenRequest
	if err := httpapi.Bind(c, &r); err != nil {
		return r, nil, false, err
	}
	p, created, err := h.reports.Open(c.Request().Context(), r.RegimeID, r.Key)
	return r, p, created, err
}

func (h *handler) apiOpen(c echo.Context) error {
	_, p, created, err := h.open(c)
	if err != nil {
		return err
	}
	if p, err = h.reports.Period(c.Request().Context(), p.ID); err != nil {
		return err
	}
	status := http.StatusOK
	if created {
		status = http.StatusCreated
	}
	return c.JSON(status, periodJSON(p, nil))
}

func (h *handler) apiBoard(c echo.Context) error {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return err
	}
	b, err := h.reports.Board(c.Request().Context(), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, boardJSON(b))
}

func (h *handler) boardXLSX(c echo.Context) error {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return err
	}
	b, err := h.reports.Board(c.Request().Context(), id)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := report.BoardXLSX(&buf, b); err != nil {
		return err
	}
	return httpapi.Attachment(c, "tien-do-bao-cao-"+b.Period.Key+".xlsx", report.TypeXLSX, int64(buf.Len()), &buf)
}

// maxTrend bounds the trends' length.
const maxTrend = 20

func (h *handler) apiTrends(c echo.Context) error {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return err
	}
	n, err := optInt(c, "n")
	if err != nil {
		return err
	}
	if n == 0 {
		n = 6
	}
	n = min(n, maxTrend)
	ctx := c.Request().Context()
	if _, err := h.regimes.Get(ctx, id); err != nil {
		return err
	}
	ts, err := h.reports.Trends(ctx, id, n)
	if err != nil {
		return err
	}
	out := TrendsJSON{RegimeID: id, Points: []TrendJSON{}}
	for _, t := range ts {
		out.Points = append(out.Points, TrendJSON{PeriodID: t.PeriodID, Key: t.Key, Name: t.Name, DueOn: httpapi.ISODay(t.DueOn),
			Counts: countsJSON(t.Counts)})
	}
	return c.JSON(http.StatusOK, out)
}

func (h *handler) apiUrge(c echo.Context) error {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return err
	}
	var r UrgeRequest
	if err := httpapi.Bind(c, &r); err != nil {
		return err
	}
	n, err := h.reports.Urge(c.Request().Context(), id, r.ReportIDs, r.Note)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, CountJSON{Count: n})
}

func (h *handler) apiRefresh(c echo.Context) error {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return err
	}
	n, err := h.reports.RefreshExpected(c.Request().Context(), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, CountJSON{Count: n})
}

func (h *handler) apiExcuse(c echo.Context) error {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return err
	}
	var r ExcuseRequest
	if err := httpapi.Bind(c, &r); err != nil {
		return err
	}
	excused := r.Excused == nil || *r.Excused
	rep, err := h.reports.Excuse(c.Request().Context(), id, excused, r.Reason)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, unitJSON(rep))
}

// sendUnit answers with report id as its page shows it.
func (h *handler) sendUnit(c echo.Context, status, id int) error {
	ctx := c.Request().Context()
	v, err := h.reports.Report(ctx, id)
	if err != nil {
		return err
	}
	content, err := h.reports.Prefill(ctx, v)
	if err != nil {
		return err
	}
	return c.JSON(status, viewJSON(v, content))
}

func (h *handler) apiUnit(c echo.Context) error {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return err
	}
	return h.sendUnit(c, http.StatusOK, id)
}

// bindContent binds a draft's content from JSON; a text the kernel refuses is named by its
// section key or indicator code (texts.<key>, values.<code>).
func bindContent(c echo.Context) (schematype.ReportContent, error) {
	var r ContentRequest
	if err := httpapi.Bind(c, &r); err != nil {
		return schematype.ReportContent{}, keyedFields(err, r)
	}
	return schematype.ReportContent{Texts: r.Texts, Values: r.Values}, nil
}

// keyedFields names the entry of texts or values that a kernel refusal of the whole map is about.
func keyedFields(err error, r ContentRequest) error {
	e, ok := apperr.As(err)
	if !ok || e.Kind != apperr.KindInvalid || len(e.Fields) != 1 {
		return err
	}
	for field := range e.Fields {
		var m map[string]string
		var max int
		multiline := true
		switch field {
		case "texts":
			m, max = r.Texts, report.MaxSectionText
		case "values":
			m, max, multiline = r.Values, report.MaxValue, false
		default:
			// Invalid UTF-8 is named by the JSON key around it: a section key or an indicator code.
			return err
		}
		f := apperr.Fields{}
		for k, v := range m {
			f.Text(field+"."+k, v, max, multiline)
		}
		if fe := f.Err(); fe != nil {
			return fe
		}
	}
	return err
}

func (h *handler) apiSave(c echo.Context) error {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return err
	}
	in, err := bindContent(c)
	if err != nil {
		return err
	}
	if _, err := h.reports.Save(c.Request().Context(), id, in); err != nil {
		return err
	}
	return h.sendUnit(c, http.StatusOK, id)
}

func (h *handler) apiSubmit(c echo.Context) error {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return err
	}
	if _, err := h.reports.Submit(c.Request().Context(), id); err != nil {
		return err
	}
	return h.sendUnit(c, http.StatusOK, id)
}

type reviewOp func(ctx context.Context, id int, note string) (*ent.UnitReport, error)

func (h *handler) apiReview(c echo.Context, op reviewOp) error {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return err
	}
	var r NoteRequest
	if err := httpapi.Bind(c, &r); err != nil {
		return err
	}
	if _, err := op(c.Request().Context(), id, r.Note); err != nil {
		return err
	}
	return h.sendUnit(c, http.StatusOK, id)
}

func (h *handler) apiAccept(c echo.Context) error { return h.apiReview(c, h.reports.Accept) }
func (h *handler) apiReturn(c echo.Context) error { return h.apiReview(c, h.reports.Return) }
func (h *handler) apiReopen(c echo.Context) error { return h.apiReview(c, h.reports.Reopen) }

// attach stores the request's file on unit report :id.
func (h *handler) attach(c echo.Context) (*ent.UnitReportFile, error) {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return nil, err
	}
	if _, err := h.reports.Report(c.Request().Context(), id); err != nil {
		return nil, err
	}
	return httpapi.WithFile(c, func(f httpapi.File) (*ent.UnitReportFile, error) {
		return h.reports.AttachFile(c.Request().Context(), id, f.Name, f.Size, f)
	})
}

func (h *handler) apiAttach(c echo.Context) error {
	f, err := h.attach(c)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, fileJSON(f))
}

func (h *handler) fileDownload(c echo.Context) error {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return err
	}
	fid, err := httpapi.ID(c, "fid")
	if err != nil {
		return err
	}
	rc, f, err := h.reports.OpenFile(c.Request().Context(), id, fid)
	if err != nil {
		return err
	}
	defer rc.Close()
	return httpapi.Attachment(c, f.Name, f.ContentType, f.Size, rc)
}

func (h *handler) unitDOCX(c echo.Context) error {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	name, err := h.reports.UnitDOCX(c.Request().Context(), &buf, id)
	if err != nil {
		return err
	}
	return httpapi.Attachment(c, name, report.TypeDOCX, int64(buf.Len()), &buf)
}

// versions lists a regime's template versions, newest first. (Through a method value: a call
// named Templates is what the catalog test reads as an area declaring its page templates.)
func (h *handler) versions(ctx context.Context, regimeID int) ([]*ent.ReportTemplate, error) {
	list := h.reports.Templates
	return list(ctx, regimeID)
}

// templates returns a regime's template versions (the current one made when there is none) and
// its periods.
func (h *handler) templates(ctx context.Context, regimeID int) (*ent.ReportingRegime, []*ent.ReportTemplate, []*ent.ReportPeriod, error) {
	g, err := h.regimes.Get(ctx, regimeID)
	if err != nil {
		return nil, nil, nil, err
	}
	if _, err := h.reports.Template(ctx, regimeID); err != nil {
		return nil, nil, nil, err
	}
	ts, err := h.versions(ctx, regimeID)
	if err != nil {
		return nil, nil, nil, err
	}
	ps, err := h.reports.Periods(ctx, regimeID)
	return g, ts, ps, err
}

func (h *handler) apiTemplates(c echo.Context) error {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return err
	}
	g, ts, ps, err := h.templates(c.Request().Context(), id)
	if err != nil {
		return err
	}
	out := TemplatesJSON{RegimeID: g.ID, RegimeName: g.Name, Templates: []TemplateJSON{}}
	for _, t := range ts {
		out.Templates = append(out.Templates, templateJSON(t, ps))
	}
	return c.JSON(http.StatusOK, out)
}

func (h *handler) apiTemplate(c echo.Context) error {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	t, err := h.reports.TemplateVersion(ctx, id)
	if err != nil {
		return err
	}
	ps, err := h.reports.Periods(ctx, t.RegimeID)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, templateJSON(t, ps))
}

func (r TemplateRequest) input() report.TemplateInput {
	return report.TemplateInput{Name: r.Name, Sections: r.Sections, Indicators: r.Indicators}
}

func (h *handler) apiSaveTemplate(c echo.Context) error {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	if _, err := h.regimes.Get(ctx, id); err != nil {
		return err
	}
	var r TemplateRequest
	if err := httpapi.Bind(c, &r); err != nil {
		return err
	}
	t, err := h.reports.SaveTemplate(ctx, id, r.input())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, templateJSON(t, nil))
}

func (h *handler) apiGenerate(c echo.Context) error {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return err
	}
	j, err := h.reports.Generate(c.Request().Context(), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, jobsarea.JSON(jobs.Of(j)))
}

// jobOf runs op on period :id's latest consolidation job (404 when none was started).
func (h *handler) jobOf(c echo.Context, op func(ctx context.Context, tenantID, id int) (jobs.Job, error)) (jobs.Job, error) {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return jobs.Job{}, err
	}
	ctx := c.Request().Context()
	p, err := h.reports.Period(ctx, id)
	if err != nil {
		return jobs.Job{}, err
	}
	if p.LastJobID == nil {
		return jobs.Job{}, apperr.NotFound(nil)
	}
	return op(ctx, httpapi.Tenant(c).ID, *p.LastJobID)
}

func (h *handler) apiJob(c echo.Context, op func(ctx context.Context, tenantID, id int) (jobs.Job, error)) error {
	j, err := h.jobOf(c, op)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, jobsarea.JSON(j))
}

func (h *handler) apiGeneration(c echo.Context) error { return h.apiJob(c, h.jobs.Get) }
func (h *handler) apiCancel(c echo.Context) error     { return h.apiJob(c, h.jobs.Cancel) }
func (h *handler) apiRetry(c echo.Context) error      { return h.apiJob(c, h.jobs.Retry) }

func (h *handler) apiOutputs(c echo.Context) error {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return err
	}
	os, err := h.reports.Outputs(c.Request().Context(), id)
	if err != nil {
		return err
	}
	out := OutputsJSON{Outputs: make([]OutputJSON, 0, len(os))}
	for _, o := range os {
		out.Outputs = append(out.Outputs, outputJSON(o))
	}
	return c.JSON(http.StatusOK, out)
}

func (h *handler) outputDownload(c echo.Context) error {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return err
	}
	oid, err := httpapi.ID(c, "oid")
	if err != nil {
		return err
	}
	rc, o, err := h.reports.OpenOutput(c.Request().Context(), id, oid)
	if err != nil {
		return err
	}
	defer rc.Close()
	return httpapi.Attachment(c, o.Name, o.ContentType, o.Size, rc)
}

// final stores the request's file as period :id's final version.
func (h *handler) final(c echo.Context) (*ent.ReportOutput, error) {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return nil, err
	}
	if _, err := h.reports.Period(c.Request().Context(), id); err != nil {
		return nil, err
	}
	return httpapi.WithFile(c, func(f httpapi.File) (*ent.ReportOutput, error) {
		return h.reports.UploadFinal(c.Request().Context(), id, f.Name, f.Size, f)
	})
}

func (h *handler) apiFinal(c echo.Context) error {
	o, err := h.final(c)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, outputJSON(o))
}
