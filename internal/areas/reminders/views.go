package reminders

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/danvan-vn/danvan/internal/apperr"
	"github.com/danvan-vn/danvan/internal/calendar"
	"github.com/danvan-vn/danvan/internal/httpapi"
	"github.com/danvan-vn/danvan/internal/reminder"
	"github.com/danvan-vn/danvan/internal/web"
)

// Sources, targets and kinds in the order the pages show them.
var (
	sources = []string{reminder.SubjectReport, reminder.SubjectTask, reminder.SubjectObligation}
	targets = []string{reminder.TargetUnit, reminder.TargetMember, reminder.TargetAgencyHead}
	kinds   = []string{reminder.KindReminder, reminder.KindEscalation, reminder.KindUrge}
)

// maxOffset is how far from the deadline a rule may remind, in days either way.
const maxOffset = 90

// defaultPerPage is the log's page size; maxPerPage the most the API gives at once.
const (
	defaultPerPage = 50
	maxPerPage     = 200
)

var hhmm = regexp.MustCompile(`^([01][0-9]|2[0-3]):[0-5][0-9]$`)

// checkRule refuses a rule the engine cannot run, naming the field: an unknown source or target,
// an offset of 0 or beyond maxOffset, or a report reminder to units (those come from the
// regimes' offsets, on the regime page).
func checkRule(in reminder.RuleInput, offsetField string) error {
	f := apperr.Fields{}
	if !has(sources, in.Source) {
		f.Add("source", "reminder_source")
	}
	if !has(targets, in.Target) {
		f.Add("target", "reminder_target")
	}
	if in.OffsetDays == 0 || in.OffsetDays < -maxOffset || in.OffsetDays > maxOffset {
		f.Add(offsetField, "reminder_offset_days")
	}
	if in.Source == reminder.SubjectReport && in.Target == reminder.TargetUnit {
		f.Add("target", "reminder_report_unit")
	}
	return f.Err()
}

// checkTimes refuses a time that is not HH:MM (00:00–23:59).
func checkTimes(send, digest string) error {
	f := apperr.Fields{}
	if !hhmm.MatchString(send) {
		f.Add("send_time", "time_of_day")
	}
	if !hhmm.MatchString(digest) {
		f.Add("digest_time", "time_of_day")
	}
	return f.Err()
}

func has(list []string, v string) bool {
	for _, s := range list {
		if s == v {
			return true
		}
	}
	return false
}

// previewDay reads ?day= (dd/mm/yyyy or yyyy-mm-dd); empty is tomorrow in Vietnam.
func previewDay(v string) (calendar.Date, error) {
	if strings.TrimSpace(v) == "" {
		return calendar.Today().AddDays(1), nil
	}
	d, err := calendar.Parse(strings.TrimSpace(v))
	if err != nil {
		return calendar.Date{}, httpapi.Invalid("day", "date")
	}
	return d, nil
}

// LogQuery is the log's filter as the page's form and the API's query string give it.
type LogQuery struct {
	Kind, SubjectKind, UnitID, From, To, Q, Page, PerPage string
}

func logQueryOf(c echo.Context) LogQuery {
	return LogQuery{Kind: c.QueryParam("kind"), SubjectKind: c.QueryParam("subject_kind"), UnitID: c.QueryParam("unit_id"),
		From: c.QueryParam("from"), To: c.QueryParam("to"), Q: strings.TrimSpace(c.QueryParam("q")),
		Page: c.QueryParam("page"), PerPage: c.QueryParam("per_page")}
}

// filter checks the query and turns it into the engine's filter, naming each bad field.
func (q LogQuery) filter() (reminder.LogFilter, error) {
	f := reminder.LogFilter{Kind: q.Kind, SubjectKind: q.SubjectKind, Q: q.Q, Page: 1, PerPage: defaultPerPage}
	bad := apperr.Fields{}
	if q.Kind != "" && !has(kinds, q.Kind) {
		bad.Add("kind", "invalid")
	}
	if q.SubjectKind != "" && !has(sources, q.SubjectKind) {
		bad.Add("subject_kind", "invalid")
	}
	if q.UnitID != "" {
		n, err := strconv.Atoi(q.UnitID)
		if err != nil || n < 0 {
			bad.Add("unit_id", "integer")
		}
		f.UnitID = n
	}
	for _, d := range []struct {
		field, v string
		to       *calendar.Date
	}{{"from", q.From, &f.From}, {"to", q.To, &f.To}} {
		if strings.TrimSpace(d.v) == "" {
			continue
		}
		day, err := calendar.Parse(strings.TrimSpace(d.v))
		if err != nil {
			bad.Add(d.field, "date")
			continue
		}
		*d.to = day
	}
	if !f.From.IsZero() && !f.To.IsZero() && f.To.Before(f.From) {
		bad.Add("to", "date_order")
	}
	bad.Text("q", q.Q, 200, false)
	if q.Page != "" {
		n, err := strconv.Atoi(q.Page)
		if err != nil || n < 1 {
			bad.Add("page", "integer")
		}
		f.Page = max(n, 1)
	}
	if q.PerPage != "" {
		n, err := strconv.Atoi(q.PerPage)
		if err != nil || n < 1 || n > maxPerPage {
			bad.Add("per_page", "invalid")
		}
		f.PerPage = min(max(n, 1), maxPerPage)
	}
	return f, bad.Err()
}

// OffsetVM is a rule's distance from the deadline: Days before or after it.
type OffsetVM struct {
	Days  int
	After bool
}

func offsetOf(days int) OffsetVM {
	if days < 0 {
		return OffsetVM{Days: -days}
	}
	return OffsetVM{Days: days, After: true}
}

// offsetText is "3 ngày trước hạn" or "3 ngày sau hạn".
func offsetText(c echo.Context, days int) string {
	o := offsetOf(days)
	if o.After {
		return httpapi.T(c, "reminders.offset.after", o.Days)
	}
	return httpapi.T(c, "reminders.offset.before", o.Days)
}

// RuleVM is one rule in the rules table.
type RuleVM struct {
	reminder.Rule
	Offset OffsetVM
}

// SourceGroup is one source's rules.
type SourceGroup struct {
	Source string
	Rules  []RuleVM
}

// RegimeVM is one regime's report offsets, read-only here.
type RegimeVM struct {
	ID      int
	Name    string
	URL     string // the regime's page, where the offsets are changed
	Offsets []OffsetVM
}

// PlannedVM is one line of the preview.
type PlannedVM struct {
	reminder.Planned
	Href     string
	DueOn    time.Time
	SendOn   time.Time
	RuleText string
	Why      string
}

// linkOf makes a subject's link a path on this site: the engine's links are the province's
// paths ("/t/{slug}/reports/units/5"), or paths inside it ("/reports/units/5").
func linkOf(c echo.Context, link string) string {
	switch {
	case link == "", strings.HasPrefix(link, "/t/"), strings.HasPrefix(link, "https://"), strings.HasPrefix(link, "http://"):
		return link
	case strings.HasPrefix(link, "/"):
		return httpapi.ProvinceURL(c, link)
	}
	return ""
}

// why composes the preview's reason: "Báo cáo 6 tháng đầu năm 2025 hạn 15/06/2025: còn 3 ngày
// (quy tắc 3 ngày trước hạn); ngày gửi đã dời khỏi ngày nghỉ".
func why(c echo.Context, p reminder.Planned) string {
	rule := offsetText(c, p.OffsetDays)
	left := p.DueOn.Sub(p.SendOn)
	var s string
	switch {
	case left > 0:
		s = httpapi.T(c, "reminders.why.left", p.Title, p.DueOn.String(), left, rule)
	case left < 0:
		s = httpapi.T(c, "reminders.why.late", p.Title, p.DueOn.String(), -left, rule)
	default:
		s = httpapi.T(c, "reminders.why.today", p.Title, p.DueOn.String(), rule)
	}
	if p.Moved {
		s += httpapi.T(c, "reminders.why.moved")
	}
	return s
}

func plannedVM(c echo.Context, p reminder.Planned) PlannedVM {
	return PlannedVM{Planned: p, Href: linkOf(c, p.Link), DueOn: p.DueOn.Time(), SendOn: p.SendOn.Time(),
		RuleText: offsetText(c, p.OffsetDays), Why: why(c, p)}
}

// EntryVM is one line of the log.
type EntryVM struct {
	reminder.Entry
	Href     string
	DueOn    time.Time
	RuleText string
}

func entryVM(c echo.Context, e reminder.Entry) EntryVM {
	vm := EntryVM{Entry: e, Href: linkOf(c, e.Link)}
	if !e.DueOn.IsZero() {
		vm.DueOn = e.DueOn.Time()
	}
	if e.OffsetDays != 0 {
		vm.RuleText = offsetText(c, e.OffsetDays)
	}
	return vm
}

// Option is a value of a filter's select with its label.
type Option struct{ Value, Label string }

func options(c echo.Context, family string, values []string) []Option {
	out := make([]Option, len(values))
	for i, v := range values {
		out[i] = Option{Value: v, Label: httpapi.T(c, family+v)}
	}
	return out
}

// SettingsPage is the rules page with its preview.
type SettingsPage struct {
	web.Page
	Home      string // /t/{slug}/reminders
	CanUpdate bool
	Groups    []SourceGroup
	Regimes   []RegimeVM
	SendTime  string
	Digest    string
	Sources   []Option
	Targets   []Option
	// The form that was refused (ErrorFor: "new", "times" or "rule-{id}") with its values.
	ErrorFor string
	Errors   map[string]string
	Form     RuleForm
	// The preview.
	Day        string // dd/mm/yyyy as asked or computed
	DayErrors  map[string]string
	Planned    []PlannedVM
	PreviewErr bool
}

// RuleForm is the add-a-rule form's values.
type RuleForm struct {
	Source, Days, When, Target string
	Active                     bool
}

// LogPage is the log with its filters.
type LogPage struct {
	web.Page
	Home      string
	CanUpdate bool
	Query     LogQuery
	QueryStr  string // the filters as a query string, for the pager's links
	Errors    map[string]string
	Kinds     []Option
	Sources   []Option
	Units     []web.UnitOption
	Entries   []EntryVM
	Total     int
	PageNo    int
	HasNext   bool
	Back      string // this page of the log, for the resend form to come back to
}

// EntryPage is one decision of the log.
type EntryPage struct {
	web.Page
	Home      string
	CanUpdate bool
	Entry     EntryVM
}

func asInvalid(err error) (map[string]string, bool) {
	e, ok := apperr.As(err)
	if !ok || e.Kind != apperr.KindInvalid {
		return nil, false
	}
	return e.Fields, true
}

func invalid(fields map[string]string) error { return apperr.Invalid(fields) }

// ErrorsFor is the refusal of the form named key ("new", "times", "rule-{id}"), if it was that one.
func (p SettingsPage) ErrorsFor(key string) map[string]string {
	if p.ErrorFor != key {
		return nil
	}
	return p.Errors
}
