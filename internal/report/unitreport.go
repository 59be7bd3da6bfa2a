package report

import (
	"context"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/ent/reportperiod"
	"github.com/danvan-vn/danvan/ent/schematype"
	"github.com/danvan-vn/danvan/ent/unitreport"
	"github.com/danvan-vn/danvan/ent/unitreportevent"
	"github.com/danvan-vn/danvan/ent/unitreportfile"
	"github.com/danvan-vn/danvan/internal/apperr"
	"github.com/danvan-vn/danvan/internal/db"
	"github.com/danvan-vn/danvan/internal/viewer"
)

// Limits of a unit report, in characters.
const (
	MaxSectionText = 50_000
	MaxValue       = 500
	MaxNote        = 2_000
)

// Statuses of a unit report.
const (
	StatusNotStarted = "not_started"
	StatusDraft      = "draft"
	StatusSubmitted  = "submitted"
	StatusReturned   = "returned"
	StatusAccepted   = "accepted"
)

// Editable reports whether a report in status st can be edited by its unit.
func Editable(st unitreport.Status) bool {
	return st == unitreport.StatusNotStarted || st == unitreport.StatusDraft || st == unitreport.StatusReturned
}

// View is a unit report with its period, template, timeline and files.
type View struct {
	Report   *ent.UnitReport
	Period   *ent.ReportPeriod
	Template *ent.ReportTemplate
	Events   []*ent.UnitReportEvent
	Files    []*ent.UnitReportFile
}

// Content returns the report's content (never nil maps).
func Content(r *ent.UnitReport) schematype.ReportContent {
	c := r.Content
	if c.Texts == nil {
		c.Texts = map[string]string{}
	}
	if c.Values == nil {
		c.Values = map[string]string{}
	}
	return c
}

// Report returns a unit report with what its pages show.
func (s *Service) Report(ctx context.Context, id int) (*View, error) {
	r, err := s.db.UnitReport.Get(ctx, id)
	if err != nil {
		return nil, notFound(err)
	}
	p, err := s.Period(ctx, r.PeriodID)
	if err != nil {
		return nil, err
	}
	evs, err := s.db.UnitReportEvent.Query().Where(unitreportevent.ReportID(id)).
		Order(ent.Asc(unitreportevent.FieldCreatedAt), ent.Asc(unitreportevent.FieldID)).All(ctx)
	if err != nil {
		return nil, err
	}
	fs, err := s.db.UnitReportFile.Query().Where(unitreportfile.ReportID(id)).
		Order(ent.Asc(unitreportfile.FieldName), ent.Desc(unitreportfile.FieldVersion)).All(ctx)
	if err != nil {
		return nil, err
	}
	return &View{Report: r, Period: p, Template: p.Edges.Template, Events: evs, Files: fs}, nil
}

// ReportOf returns the report of a unit for a period.
func (s *Service) ReportOf(ctx context.Context, periodID, unitID int) (*ent.UnitReport, error) {
	r, err := s.db.UnitReport.Query().Where(unitreport.PeriodID(periodID), unitreport.UnitID(unitID)).Only(ctx)
	return r, notFound(err)
}

// MyReports lists the reports of the viewer's units (unit staff), the latest period first.
func (s *Service) MyReports(ctx context.Context) ([]*ent.UnitReport, error) {
	v := viewer.FromContext(ctx)
	if v == nil || len(v.UnitIDs) == 0 {
		return nil, nil
	}
	return s.db.UnitReport.Query().Where(unitreport.UnitIDIn(v.UnitIDs...)).WithPeriod().
		Order(ent.Desc(unitreport.FieldPeriodID)).All(ctx)
}

// cleanContent checks what a unit typed, as it saves: texts and values must be valid UTF-8
// without control characters and within limits, keyed by the template's sections and
// indicators. Values are kept as typed; their types and bounds are checked on submission.
func cleanContent(in schematype.ReportContent, t *ent.ReportTemplate) (schematype.ReportContent, error) {
	f := apperr.Fields{}
	out := schematype.ReportContent{Texts: map[string]string{}, Values: map[string]string{}}
	known := map[string]bool{}
	for _, sec := range t.Sections {
		known[sec.Key] = true
	}
	for k, v := range in.Texts {
		field := "texts." + k
		if !keyRE.MatchString(k) {
			f.Add("texts", "unknown_section") // never echo a key that is not one
			continue
		}
		if !known[k] {
			f.Add(field, "unknown_section")
			continue
		}
		v = strings.TrimSpace(strings.ReplaceAll(v, "\r\n", "\n"))
		if f.Text(field, v, MaxSectionText, true) && v != "" {
			out.Texts[k] = v
		}
	}
	inds := map[string]schematype.ReportIndicator{}
	for _, ind := range t.Indicators {
		inds[ind.Code] = ind
	}
	for k, v := range in.Values {
		field := "values." + k
		if !keyRE.MatchString(k) {
			f.Add("values", "unknown_indicator")
			continue
		}
		if _, ok := inds[k]; !ok {
			f.Add(field, "unknown_indicator")
			continue
		}
		v = strings.TrimSpace(v)
		if f.Text(field, v, MaxValue, false) && v != "" {
			out.Values[k] = v
		}
	}
	return out, f.Err()
}

// intRE is an integer as people type it: plain digits, or thousands grouped by ".", "," or a
// space ("1.234", "1,234,567", "1 234"), every group after the first of three digits.
var intRE = regexp.MustCompile(`^[+-]?(\d+|\d{1,3}(\.\d{3})+|\d{1,3}(,\d{3})+|\d{1,3}( \d{3})+)$`)

// decRE is a decimal as typed: digits, and one "." or "," before more digits.
var decRE = regexp.MustCompile(`^-?\d{1,15}(?:[.,]\d{1,6})?$`)

// ParseValue reads an indicator value as typed: integers and decimals with "." or "," as the
// decimal separator, and "1.234" or "1 234" grouped thousands for integers (a decimal such as
// "12.5" is not an integer); a percent may end with "%".
func ParseValue(typ, raw string) (float64, bool) {
	s := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(raw), "%"))
	if typ == "integer" && !intRE.MatchString(s) {
		return 0, false
	}
	s = strings.ReplaceAll(s, " ", "")
	switch typ {
	case "integer":
		s = strings.ReplaceAll(strings.ReplaceAll(s, ".", ""), ",", "")
		n, err := strconv.ParseInt(s, 10, 64)
		return float64(n), err == nil
	case "decimal", "percent":
		if !decRE.MatchString(s) { // digits and one separator only: no "Inf", "NaN", "0x10", "1e9"
			return 0, false
		}
		x, err := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
		return x, err == nil
	}
	return 0, false
}

// Check validates content for submission against the template: required sections written,
// required indicators given, numbers of the right type within bounds. Fields are
// texts.<section key> and values.<indicator code>.
func Check(c schematype.ReportContent, t *ent.ReportTemplate) error {
	f := apperr.Fields{}
	for _, sec := range t.Sections {
		if sec.Required && strings.TrimSpace(c.Texts[sec.Key]) == "" {
			f.Add("texts."+sec.Key, "required")
		}
	}
	for _, ind := range t.Indicators {
		field, raw := "values."+ind.Code, strings.TrimSpace(c.Values[ind.Code])
		if raw == "" {
			if ind.Required {
				f.Add(field, "required")
			}
			continue
		}
		if ind.Type == "text" {
			continue
		}
		x, ok := ParseValue(ind.Type, raw)
		switch {
		case !ok && ind.Type == "integer":
			f.Add(field, "integer")
		case !ok:
			f.Add(field, "number")
		case ind.Min != nil && x < *ind.Min:
			f.Add(field, "below_min")
		case ind.Max != nil && x > *ind.Max:
			f.Add(field, "above_max")
		}
	}
	return f.Err()
}

// computed fills the indicators danvan computes for the report's unit (tasks from the plan
// module) into c and marks them.
func (s *Service) computed(ctx context.Context, r *ent.UnitReport, t *ent.ReportTemplate, c *schematype.ReportContent) error {
	c.Computed = nil
	if s.tasks == nil {
		return nil
	}
	var need bool
	for _, ind := range t.Indicators {
		need = need || ind.Source != ""
	}
	if !need {
		return nil
	}
	tc, err := s.tasks.UnitTaskCounts(ctx, r.UnitID)
	if err != nil {
		return err
	}
	for _, ind := range t.Indicators {
		var n int
		switch ind.Source {
		case "tasks_total":
			n = tc.Total
		case "tasks_done_on_time":
			n = tc.DoneOnTime
		case "tasks_done_late":
			n = tc.DoneLate
		case "tasks_open":
			n = tc.Open
		case "tasks_overdue":
			n = tc.Overdue
		default:
			continue
		}
		c.Values[ind.Code] = strconv.Itoa(n)
		c.Computed = append(c.Computed, ind.Code)
	}
	return nil
}

// Prefill returns the report's content with the computed indicators filled in, for its form.
func (s *Service) Prefill(ctx context.Context, v *View) (schematype.ReportContent, error) {
	c := Content(v.Report)
	c.Texts, c.Values = maps.Clone(c.Texts), maps.Clone(c.Values)
	if !Editable(v.Report.Status) {
		return c, nil
	}
	err := s.computed(ctx, v.Report, v.Template, &c)
	return c, err
}

// lockReport reads a report for update in tx (the unit wall applies: unit staff reach their
// own units' reports only).
func lockReport(ctx context.Context, tx *ent.Tx, id int) (*ent.UnitReport, error) {
	r, err := tx.UnitReport.Query().Where(unitreport.ID(id)).Modify(db.ForUpdate).Only(ctx)
	return r, notFound(err)
}

func (s *Service) event(ctx context.Context, tx *ent.Tx, r *ent.UnitReport, kind unitreportevent.Kind, note string, content *schematype.ReportContent) error {
	q := tx.UnitReportEvent.Create().SetReportID(r.ID).SetUnitID(r.UnitID).SetKind(kind).SetVersion(r.Version).SetNote(note)
	if content != nil {
		q.SetContent(*content)
	}
	if v := viewer.FromContext(ctx); v != nil && v.UserID > 0 {
		q.SetActorID(v.UserID).SetActorName(v.UserName)
	}
	return q.Exec(ctx)
}

// periodTemplate reads a report's period with its template in tx.
func periodTemplate(ctx context.Context, tx *ent.Tx, periodID int) (*ent.ReportPeriod, *ent.ReportTemplate, error) {
	p, err := tx.ReportPeriod.Query().Where(reportperiod.ID(periodID)).WithTemplate().Only(ctx)
	if err != nil {
		return nil, nil, err
	}
	return p, p.Edges.Template, nil
}

// Save stores a draft as the unit writes (the form saves as it goes). Only a report that is
// not submitted or accepted can change.
func (s *Service) Save(ctx context.Context, id int, in schematype.ReportContent) (*ent.UnitReport, error) {
	var out *ent.UnitReport
	err := db.InTx(ctx, s.db, func(tx *ent.Tx) error {
		r, err := lockReport(ctx, tx, id)
		if err != nil {
			return err
		}
		if !Editable(r.Status) {
			return apperr.Conflict("report_locked", fmt.Errorf("report %d is %s", id, r.Status))
		}
		_, t, err := periodTemplate(ctx, tx, r.PeriodID)
		if err != nil {
			return err
		}
		c, err := cleanContent(in, t)
		if err != nil {
			return err
		}
		if err := s.computed(ctx, r, t, &c); err != nil {
			return err
		}
		q := tx.UnitReport.UpdateOne(r).SetContent(c)
		if r.Status == unitreport.StatusNotStarted {
			q.SetStatus(unitreport.StatusDraft)
		}
		if v := viewer.FromContext(ctx); v != nil && v.UserID > 0 {
			q.SetEditedBy(v.UserID)
		}
		out, err = q.Save(ctx)
		return err
	})
	return out, err
}

// Submit sends the report to the standing agency (the unit leader does): the content must
// pass Check. The first submission after the due day ended in Vietnam is late; a report
// returned and sent again keeps the lateness of its first submission. Each submission keeps
// the content as sent on the timeline.
func (s *Service) Submit(ctx context.Context, id int) (*ent.UnitReport, error) {
	var out *ent.UnitReport
	err := db.InTx(ctx, s.db, func(tx *ent.Tx) error {
		r, err := lockReport(ctx, tx, id)
		if err != nil {
			return err
		}
		if r.Excused {
			return apperr.Conflict("report_excused", nil)
		}
		if !Editable(r.Status) {
			return apperr.Conflict("report_locked", fmt.Errorf("report %d is %s", id, r.Status))
		}
		p, t, err := periodTemplate(ctx, tx, r.PeriodID)
		if err != nil {
			return err
		}
		c := Content(r)
		if err := s.computed(ctx, r, t, &c); err != nil {
			return err
		}
		if err := Check(c, t); err != nil {
			return err
		}
		now := s.now().UTC()
		q := tx.UnitReport.UpdateOne(r).SetStatus(unitreport.StatusSubmitted).SetContent(c).
			SetVersion(r.Version + 1).SetSubmittedAt(now).ClearReviewedAt().ClearReviewedBy()
		if r.FirstSubmittedAt == nil {
			q.SetFirstSubmittedAt(now).SetLate(IsLate(p.DueOn, now))
		}
		if v := viewer.FromContext(ctx); v != nil && v.UserID > 0 {
			q.SetSubmittedBy(v.UserID)
		}
		if out, err = q.Save(ctx); err != nil {
			return err
		}
		return s.event(ctx, tx, out, unitreportevent.KindSubmitted, "", &c)
	})
	return out, err
}

// review moves a submitted (or accepted, for a reopening) report as the standing agency decides.
func (s *Service) review(ctx context.Context, id int, from []unitreport.Status, to unitreport.Status,
	kind unitreportevent.Kind, note string, noteRequired bool) (*ent.UnitReport, error) {
	f := apperr.Fields{}
	note = strings.TrimSpace(strings.ReplaceAll(note, "\r\n", "\n"))
	if f.Text("note", note, MaxNote, true) && noteRequired && note == "" {
		f.Add("note", "required")
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	var out *ent.UnitReport
	err := db.InTx(ctx, s.db, func(tx *ent.Tx) error {
		r, err := lockReport(ctx, tx, id)
		if err != nil {
			return err
		}
		if !slices.Contains(from, r.Status) {
			return apperr.Conflict("report_status", fmt.Errorf("report %d is %s", id, r.Status))
		}
		q := tx.UnitReport.UpdateOne(r).SetStatus(to).SetReviewNote(note).SetReviewedAt(s.now().UTC())
		if v := viewer.FromContext(ctx); v != nil && v.UserID > 0 {
			q.SetReviewedBy(v.UserID)
		}
		if out, err = q.Save(ctx); err != nil {
			return err
		}
		return s.event(ctx, tx, out, kind, note, nil)
	})
	return out, err
}

// Accept accepts a submitted report; it is read-only from then on unless reopened.
func (s *Service) Accept(ctx context.Context, id int, note string) (*ent.UnitReport, error) {
	return s.review(ctx, id, []unitreport.Status{unitreport.StatusSubmitted}, unitreport.StatusAccepted,
		unitreportevent.KindAccepted, note, false)
}

// Return sends a submitted report back to its unit with comments (required).
func (s *Service) Return(ctx context.Context, id int, note string) (*ent.UnitReport, error) {
	return s.review(ctx, id, []unitreport.Status{unitreport.StatusSubmitted}, unitreport.StatusReturned,
		unitreportevent.KindReturned, note, true)
}

// Reopen opens an accepted report for changes again, with a reason (on the timeline and the
// audit trail); the unit edits and submits it again.
func (s *Service) Reopen(ctx context.Context, id int, reason string) (*ent.UnitReport, error) {
	return s.review(ctx, id, []unitreport.Status{unitreport.StatusAccepted}, unitreport.StatusReturned,
		unitreportevent.KindReopened, reason, true)
}

// Excuse takes a unit off a period's expected list (a unit dissolved during the window, say),
// with a reason; Unexcuse puts it back.
func (s *Service) Excuse(ctx context.Context, id int, excused bool, reason string) (*ent.UnitReport, error) {
	f := apperr.Fields{}
	reason = strings.TrimSpace(reason)
	if f.Text("reason", reason, MaxNote, true) && excused && reason == "" {
		f.Add("reason", "required")
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	var out *ent.UnitReport
	err := db.InTx(ctx, s.db, func(tx *ent.Tx) error {
		r, err := lockReport(ctx, tx, id)
		if err != nil {
			return err
		}
		if r.Excused == excused {
			out = r
			return nil
		}
		if excused && (r.Status == unitreport.StatusSubmitted || r.Status == unitreport.StatusAccepted) {
			return apperr.Conflict("report_status", fmt.Errorf("report %d is %s", id, r.Status))
		}
		kind := unitreportevent.KindExcused
		if !excused {
			kind, reason = unitreportevent.KindUnexcused, ""
		}
		if out, err = tx.UnitReport.UpdateOne(r).SetExcused(excused).SetExcuseReason(reason).Save(ctx); err != nil {
			return err
		}
		return s.event(ctx, tx, out, kind, reason, nil)
	})
	return out, err
}

// Urge records a reminder to the units of a period that have not submitted (ids empty: all of
// them; else those among ids) and returns how many were urged. The notification module sends
// it when it lands; today it is on each report's timeline and counted on the board.
func (s *Service) Urge(ctx context.Context, periodID int, ids []int, note string) (int, error) {
	f := apperr.Fields{}
	note = strings.TrimSpace(note)
	f.Text("note", note, MaxNote, true)
	if err := f.Err(); err != nil {
		return 0, err
	}
	if _, err := s.Period(ctx, periodID); err != nil {
		return 0, err
	}
	n := 0
	err := db.InTx(ctx, s.db, func(tx *ent.Tx) error {
		q := tx.UnitReport.Query().Where(unitreport.PeriodID(periodID), unitreport.Excused(false),
			unitreport.StatusIn(unitreport.StatusNotStarted, unitreport.StatusDraft, unitreport.StatusReturned))
		if len(ids) > 0 {
			q.Where(unitreport.IDIn(ids...))
		}
		rs, err := q.Modify(db.ForUpdate).All(ctx)
		if err != nil {
			return err
		}
		if len(rs) == 0 {
			return nil
		}
		now := s.now().UTC()
		ids := make([]int, len(rs))
		evs := make([]*ent.UnitReportEventCreate, len(rs))
		v := viewer.FromContext(ctx)
		for i, r := range rs {
			ids[i] = r.ID
			e := tx.UnitReportEvent.Create().SetReportID(r.ID).SetUnitID(r.UnitID).SetKind(unitreportevent.KindUrged).
				SetVersion(r.Version).SetNote(note)
			if v != nil && v.UserID > 0 {
				e.SetActorID(v.UserID).SetActorName(v.UserName)
			}
			evs[i] = e
		}
		// One statement for the reports and batches for the events, however many units are late.
		if err := tx.UnitReport.Update().Where(unitreport.IDIn(ids...)).SetLastUrgedAt(now).AddUrgeCount(1).Exec(ctx); err != nil {
			return err
		}
		for i := 0; i < len(evs); i += 500 {
			if err := tx.UnitReportEvent.CreateBulk(evs[i:min(i+500, len(evs))]...).Exec(ctx); err != nil {
				return err
			}
		}
		if s.urger != nil {
			if _, err := s.urger.UrgeTx(ctx, tx, SubjectKind, ids, note); err != nil {
				return fmt.Errorf("urge: deliver: %w", err)
			}
		}
		n = len(rs)
		return nil
	})
	if err == nil && n > 0 && s.urger != nil {
		s.urger.Kick(ctx)
	}
	return n, err
}

// Versions returns the report's submitted versions (oldest first), from its timeline.
func Versions(v *View) []*ent.UnitReportEvent {
	var out []*ent.UnitReportEvent
	for _, e := range v.Events {
		if e.Kind == unitreportevent.KindSubmitted {
			out = append(out, e)
		}
	}
	return out
}
