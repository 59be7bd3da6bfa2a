package reminders

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/danvan-vn/danvan/internal/apperr"
	"github.com/danvan-vn/danvan/internal/httpapi"
	"github.com/danvan-vn/danvan/internal/reminder"
)

// RuleJSON is one rule of the ladder.
type RuleJSON struct {
	ID         int    `json:"id"`
	Source     string `json:"source" enum:"report,task,obligation"`
	OffsetDays int    `json:"offset_days" doc:"Days from the deadline: -3 three days before it, 3 three days after"`
	Target     string `json:"target" enum:"unit,member,agency_head" doc:"unit: the unit's dân vận officer and leader; member: the committee member in charge of the unit; agency_head: the standing agency's head"`
	Active     bool   `json:"active"`
}

func ruleJSON(r reminder.Rule) RuleJSON {
	return RuleJSON{ID: r.ID, Source: r.Source, OffsetDays: r.OffsetDays, Target: r.Target, Active: r.Active}
}

// RegimeOffsetsJSON is a regime's report reminder offsets (changed on the regime).
type RegimeOffsetsJSON struct {
	RegimeID int    `json:"regime_id"`
	Name     string `json:"name"`
	Offsets  []int  `json:"offsets"`
}

// SettingsJSON is the province's rules and sending times.
type SettingsJSON struct {
	Rules      []RuleJSON          `json:"rules"`
	Regimes    []RegimeOffsetsJSON `json:"regimes"`
	SendTime   string              `json:"send_time" doc:"HH:MM, Vietnam's time; reminders go out on working days"`
	DigestTime string              `json:"digest_time" doc:"HH:MM, Vietnam's time"`
}

// RuleRequest creates a rule.
type RuleRequest struct {
	Source     string `json:"source" required:"true" maxLength:"20" enum:"report,task,obligation"`
	OffsetDays int    `json:"offset_days" required:"true" minimum:"-90" maximum:"90" doc:"Days from the deadline, not 0: negative before it, positive after"`
	Target     string `json:"target" required:"true" maxLength:"20" enum:"unit,member,agency_head" doc:"report with unit is refused: report reminders to units come from the regimes' offsets"`
	Active     *bool  `json:"active" required:"false" doc:"Default true"`
}

// RulePatch changes a rule: only the fields given.
type RulePatch struct {
	OffsetDays *int    `json:"offset_days" required:"false" minimum:"-90" maximum:"90"`
	Target     *string `json:"target" required:"false" maxLength:"20" enum:"unit,member,agency_head"`
	Active     *bool   `json:"active" required:"false"`
}

// TimesRequest sets the sending and digest times.
type TimesRequest struct {
	SendTime   string `json:"send_time" required:"true" maxLength:"5" pattern:"^([01][0-9]|2[0-3]):[0-5][0-9]$" doc:"HH:MM, Vietnam's time"`
	DigestTime string `json:"digest_time" required:"true" maxLength:"5" pattern:"^([01][0-9]|2[0-3]):[0-5][0-9]$" doc:"HH:MM, Vietnam's time"`
}

// TimesJSON is the sending and digest times.
type TimesJSON struct {
	SendTime   string `json:"send_time"`
	DigestTime string `json:"digest_time"`
}

// PlannedJSON is one reminder the preview says would go out, with why.
type PlannedJSON struct {
	SendOn      string `json:"send_on" format:"date"`
	Kind        string `json:"kind" enum:"reminder,escalation"`
	SubjectKind string `json:"subject_kind" enum:"report,task,obligation"`
	SubjectID   int    `json:"subject_id"`
	Title       string `json:"title"`
	Link        string `json:"link"`
	UnitID      int    `json:"unit_id"`
	UnitName    string `json:"unit_name"`
	DueOn       string `json:"due_on" format:"date"`
	OffsetDays  int    `json:"offset_days"`
	Rule        string `json:"rule" doc:"The rule's code: unit-3, member+3, agency+7"`
	Role        string `json:"role" enum:"officer,leader,member,agency_head"`
	UserID      int    `json:"user_id"`
	Name        string `json:"name"`
	Email       string `json:"email"`
	Moved       bool   `json:"moved" doc:"The sending day moved off a weekend or holiday"`
	Why         string `json:"why" doc:"The reason in the request's language"`
}

// PreviewJSON is who would be reminded on a day.
type PreviewJSON struct {
	Day     string        `json:"day" format:"date"`
	Planned []PlannedJSON `json:"planned"`
}

// EntryJSON is one reminder of the log and how its delivery went.
type EntryJSON struct {
	ID          int       `json:"id"`
	DecidedAt   time.Time `json:"decided_at"`
	Kind        string    `json:"kind" enum:"reminder,escalation,urge"`
	SubjectKind string    `json:"subject_kind"`
	SubjectID   int       `json:"subject_id"`
	Title       string    `json:"title"`
	Link        string    `json:"link"`
	UnitID      int       `json:"unit_id"`
	UnitName    string    `json:"unit_name"`
	DueOn       string    `json:"due_on,omitempty" format:"date"`
	OffsetDays  int       `json:"offset_days"`
	Rule        string    `json:"rule"`
	Role        string    `json:"role"`
	UserID      int       `json:"user_id"`
	Name        string    `json:"name"`
	Email       string    `json:"email"`
	Note        string    `json:"note,omitempty"`
	InApp       bool      `json:"in_app" doc:"A notification was written in the app"`
	Read        bool      `json:"read" doc:"and read"`
	MailStatus  string    `json:"mail_status" enum:",pending,sent,failed" doc:"\"\" when no mail was asked for"`
	MailError   string    `json:"mail_error,omitempty"`
	Resent      int       `json:"resent"`
}

func entryJSON(e reminder.Entry) EntryJSON {
	return EntryJSON{ID: e.ID, DecidedAt: e.DecidedAt, Kind: e.Kind, SubjectKind: e.SubjectKind, SubjectID: e.SubjectID, Title: e.Title,
		Link: e.Link, UnitID: e.UnitID, UnitName: e.UnitName, DueOn: e.DueOn.ISO(), OffsetDays: e.OffsetDays, Rule: e.Rule, Role: e.Role,
		UserID: e.UserID, Name: e.Name, Email: e.Email, Note: e.Note, InApp: e.InApp, Read: e.Read, MailStatus: e.MailStatus,
		MailError: e.MailError, Resent: e.Resent}
}

// LogJSON is a page of the log.
type LogJSON struct {
	Entries []EntryJSON `json:"entries"`
	Total   int         `json:"total"`
	Page    int         `json:"page"`
	PerPage int         `json:"per_page"`
}

func settingsJSON(s reminder.Settings) SettingsJSON {
	out := SettingsJSON{Rules: []RuleJSON{}, Regimes: []RegimeOffsetsJSON{}, SendTime: s.SendTime, DigestTime: s.DigestTime}
	for _, r := range s.Rules {
		out.Rules = append(out.Rules, ruleJSON(r))
	}
	for _, g := range s.Regimes {
		offs := g.Offsets
		if offs == nil {
			offs = []int{}
		}
		out.Regimes = append(out.Regimes, RegimeOffsetsJSON{RegimeID: g.RegimeID, Name: g.Name, Offsets: offs})
	}
	return out
}

func (h *handler) apiSettings(c echo.Context) error {
	s, err := h.reminders.Settings(c.Request().Context())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, settingsJSON(s))
}

func (h *handler) apiRuleCreate(c echo.Context) error {
	var r RuleRequest
	if err := httpapi.Bind(c, &r); err != nil {
		return err
	}
	in := reminder.RuleInput{Source: r.Source, OffsetDays: r.OffsetDays, Target: r.Target, Active: r.Active == nil || *r.Active}
	if err := checkRule(in, "offset_days"); err != nil {
		return err
	}
	x, err := h.reminders.CreateRule(c.Request().Context(), in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, ruleJSON(x))
}

// rule finds one of the province's rules (for a change that keeps its other fields).
func (h *handler) rule(c echo.Context, id int) (reminder.Rule, error) {
	s, err := h.reminders.Settings(c.Request().Context())
	if err != nil {
		return reminder.Rule{}, err
	}
	for _, r := range s.Rules {
		if r.ID == id {
			return r, nil
		}
	}
	return reminder.Rule{}, apperr.NotFound(nil)
}

func (h *handler) apiRuleUpdate(c echo.Context) error {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return err
	}
	var p RulePatch
	if err := httpapi.Bind(c, &p); err != nil {
		return err
	}
	old, err := h.rule(c, id)
	if err != nil {
		return err
	}
	in := reminder.RuleInput{Source: old.Source, OffsetDays: old.OffsetDays, Target: old.Target, Active: old.Active}
	if p.OffsetDays != nil {
		in.OffsetDays = *p.OffsetDays
	}
	if p.Target != nil {
		in.Target = *p.Target
	}
	if p.Active != nil {
		in.Active = *p.Active
	}
	if err := checkRule(in, "offset_days"); err != nil {
		return err
	}
	x, err := h.reminders.UpdateRule(c.Request().Context(), id, in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, ruleJSON(x))
}

func (h *handler) apiRuleDelete(c echo.Context) error {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return err
	}
	if err := h.reminders.DeleteRule(c.Request().Context(), id); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

func (h *handler) apiTimes(c echo.Context) error {
	var r TimesRequest
	if err := httpapi.Bind(c, &r); err != nil {
		return err
	}
	if err := checkTimes(r.SendTime, r.DigestTime); err != nil {
		return err
	}
	if err := h.reminders.SetTimes(c.Request().Context(), r.SendTime, r.DigestTime); err != nil {
		return err
	}
	return c.JSON(http.StatusOK, TimesJSON(r))
}

func (h *handler) apiPreview(c echo.Context) error {
	day, err := previewDay(c.QueryParam("day"))
	if err != nil {
		return err
	}
	ps, err := h.reminders.Preview(c.Request().Context(), day)
	if err != nil {
		return err
	}
	out := PreviewJSON{Day: day.ISO(), Planned: []PlannedJSON{}}
	for _, p := range ps {
		out.Planned = append(out.Planned, PlannedJSON{SendOn: p.SendOn.ISO(), Kind: p.Kind, SubjectKind: p.SubjectKind, SubjectID: p.SubjectID,
			Title: p.Title, Link: p.Link, UnitID: p.UnitID, UnitName: p.UnitName, DueOn: p.DueOn.ISO(), OffsetDays: p.OffsetDays, Rule: p.Rule,
			Role: p.Role, UserID: p.UserID, Name: p.Name, Email: p.Email, Moved: p.Moved, Why: why(c, p)})
	}
	return c.JSON(http.StatusOK, out)
}

func (h *handler) apiLog(c echo.Context) error {
	f, err := logQueryOf(c).filter()
	if err != nil {
		return err
	}
	es, total, err := h.reminders.Log(c.Request().Context(), f)
	if err != nil {
		return err
	}
	out := LogJSON{Entries: []EntryJSON{}, Total: total, Page: f.Page, PerPage: f.PerPage}
	for _, e := range es {
		out.Entries = append(out.Entries, entryJSON(e))
	}
	return c.JSON(http.StatusOK, out)
}

func (h *handler) apiEntry(c echo.Context) error {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return err
	}
	e, err := h.reminders.Entry(c.Request().Context(), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, entryJSON(e))
}

func (h *handler) apiResend(c echo.Context) error {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return err
	}
	e, err := h.reminders.Resend(c.Request().Context(), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, entryJSON(e))
}
