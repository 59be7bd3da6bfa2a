package reminders

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/danvan-vn/danvan/internal/areas/units"
	"github.com/danvan-vn/danvan/internal/calendar"
	"github.com/danvan-vn/danvan/internal/httpapi"
	"github.com/danvan-vn/danvan/internal/reminder"
)

// settingsData fills the rules page: the rules by source, the regimes' offsets, the times and
// the preview of day (or of ?day=).
func (h *handler) settingsData(c echo.Context, p *SettingsPage) error {
	ctx := c.Request().Context()
	s, err := h.reminders.Settings(ctx)
	if err != nil {
		return err
	}
	p.Home = httpapi.ProvinceURL(c, "/reminders")
	p.CanUpdate = httpapi.Can(c, permUpdate)
	p.Sources, p.Targets = options(c, "reminders.source.", sources), options(c, "reminders.target.", targets)
	if p.SendTime == "" {
		p.SendTime, p.Digest = s.SendTime, s.DigestTime
	}
	for _, src := range sources {
		g := SourceGroup{Source: src}
		for _, r := range s.Rules {
			if r.Source == src {
				g.Rules = append(g.Rules, RuleVM{Rule: r, Offset: offsetOf(r.OffsetDays)})
			}
		}
		p.Groups = append(p.Groups, g)
	}
	for _, g := range s.Regimes {
		vm := RegimeVM{ID: g.RegimeID, Name: g.Name, URL: httpapi.ProvinceURL(c, "/regimes/"+strconv.Itoa(g.RegimeID))}
		for _, o := range g.Offsets {
			vm.Offsets = append(vm.Offsets, offsetOf(o))
		}
		p.Regimes = append(p.Regimes, vm)
	}

	day, err := previewDay(c.QueryParam("day"))
	if err != nil {
		p.Day, p.DayErrors = c.QueryParam("day"), map[string]string{"day": "field.date"}
		return nil
	}
	p.Day = day.String()
	ps, err := h.reminders.Preview(ctx, day)
	if err != nil {
		return err
	}
	for _, x := range ps {
		p.Planned = append(p.Planned, plannedVM(c, x))
	}
	return nil
}

func (h *handler) renderSettings(c echo.Context, status int, p SettingsPage) error {
	p.Page = httpapi.PageOf(c, "reminders.title")
	if err := h.settingsData(c, &p); err != nil {
		return err
	}
	if status == http.StatusOK && p.DayErrors != nil {
		status = http.StatusUnprocessableEntity
	}
	return httpapi.HTML(c, status, "reminders", p)
}

func (h *handler) settingsPage(c echo.Context) error {
	return h.renderSettings(c, http.StatusOK, SettingsPage{Form: RuleForm{Source: reminder.SubjectTask, When: "after",
		Days: "3", Target: reminder.TargetMember, Active: true}})
}

// refused shows the page again with a form's refusal (status 422, or 409 for a conflict), or
// returns err when it is not a refusal of the input.
func (h *handler) refused(c echo.Context, err error, p SettingsPage) error {
	fields, ok := httpapi.FieldKeys(err)
	if !ok {
		return err
	}
	status := http.StatusUnprocessableEntity
	if _, conflict := fields["_"]; conflict {
		status = http.StatusConflict
	}
	p.Errors = fields
	return h.renderSettings(c, status, p)
}

// formOffset reads the form's days (1–90) and when (before/after the deadline) as an offset.
func formOffset(days, when string) (int, bool) {
	n, err := strconv.Atoi(strings.TrimSpace(days))
	if err != nil || n < 1 || n > maxOffset || (when != "before" && when != "after") {
		return 0, false
	}
	if when == "before" {
		return -n, true
	}
	return n, true
}

func checked(v string) bool { return v == "1" || v == "on" || v == "true" }

func (h *handler) ruleCreateSubmit(c echo.Context) error {
	form := RuleForm{Source: c.FormValue("source"), Days: c.FormValue("days"), When: c.FormValue("when"), Target: c.FormValue("target"),
		Active: checked(c.FormValue("active"))}
	p := SettingsPage{ErrorFor: "new", Form: form}
	offset, ok := formOffset(form.Days, form.When)
	in := reminder.RuleInput{Source: form.Source, OffsetDays: offset, Target: form.Target, Active: form.Active}
	err := checkRule(in, "days")
	if !ok {
		err = mergeInvalid(err, "days", "reminder_offset_days")
	}
	if err == nil {
		_, err = h.reminders.CreateRule(c.Request().Context(), in)
	}
	if err != nil {
		return h.refused(c, err, p)
	}
	return httpapi.Redirect(c, httpapi.ProvinceURL(c, "/reminders"), "rule_added")
}

// ruleUpdateSubmit saves a rule's row: its offset, target and active flag (the toggle button
// posts the same fields with active flipped).
func (h *handler) ruleUpdateSubmit(c echo.Context) error {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return err
	}
	old, err := h.rule(c, id)
	if err != nil {
		return err
	}
	p := SettingsPage{ErrorFor: "rule-" + strconv.Itoa(id)}
	offset, ok := formOffset(c.FormValue("days"), c.FormValue("when"))
	in := reminder.RuleInput{Source: old.Source, OffsetDays: offset, Target: c.FormValue("target"), Active: checked(c.FormValue("active"))}
	err = checkRule(in, "days")
	if !ok {
		err = mergeInvalid(err, "days", "reminder_offset_days")
	}
	if err == nil {
		_, err = h.reminders.UpdateRule(c.Request().Context(), id, in)
	}
	if err != nil {
		return h.refused(c, err, p)
	}
	return httpapi.Redirect(c, httpapi.ProvinceURL(c, "/reminders"), "rule_saved")
}

func (h *handler) ruleDeleteSubmit(c echo.Context) error {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return err
	}
	if err := h.reminders.DeleteRule(c.Request().Context(), id); err != nil {
		return err
	}
	return httpapi.Redirect(c, httpapi.ProvinceURL(c, "/reminders"), "rule_deleted")
}

func (h *handler) timesSubmit(c echo.Context) error {
	send, digest := strings.TrimSpace(c.FormValue("send_time")), strings.TrimSpace(c.FormValue("digest_time"))
	err := checkTimes(send, digest)
	if err == nil {
		err = h.reminders.SetTimes(c.Request().Context(), send, digest)
	}
	if err != nil {
		return h.refused(c, err, SettingsPage{ErrorFor: "times", SendTime: send, Digest: digest})
	}
	return httpapi.Redirect(c, httpapi.ProvinceURL(c, "/reminders"), "times_saved")
}

// mergeInvalid adds field's reason to err's fields (err nil or a refusal of the input).
func mergeInvalid(err error, field, reason string) error {
	fields := map[string]string{}
	if e, ok := asInvalid(err); ok {
		for k, v := range e {
			fields[k] = v
		}
	}
	fields[field] = reason
	return invalid(fields)
}

func (h *handler) logPage(c echo.Context) error {
	ctx := c.Request().Context()
	q := logQueryOf(c)
	p := LogPage{Page: httpapi.PageOf(c, "reminders.log.title"), Home: httpapi.ProvinceURL(c, "/reminders"), CanUpdate: httpapi.Can(c, permUpdate),
		Query: q, Kinds: options(c, "reminders.kind.", kinds), Sources: options(c, "reminders.source.", sources)}
	opts, _, err := units.Options(ctx, h.units, calendar.Today().UTC())
	if err != nil {
		return err
	}
	p.Units = opts
	vals := url.Values{}
	for k, v := range map[string]string{"kind": q.Kind, "subject_kind": q.SubjectKind, "unit_id": q.UnitID, "from": q.From, "to": q.To, "q": q.Q} {
		if v != "" {
			vals.Set(k, v)
		}
	}
	p.QueryStr = vals.Encode()
	p.Back = c.Request().URL.RequestURI()
	f, err := q.filter()
	if err != nil {
		fields, ok := httpapi.FieldKeys(err)
		if !ok {
			return err
		}
		p.Errors = fields
		return httpapi.HTML(c, http.StatusUnprocessableEntity, "reminder_log", p)
	}
	es, total, err := h.reminders.Log(ctx, f)
	if err != nil {
		return err
	}
	for _, e := range es {
		p.Entries = append(p.Entries, entryVM(c, e))
	}
	p.Total, p.PageNo, p.HasNext = total, f.Page, f.Page*f.PerPage < total
	return httpapi.HTML(c, http.StatusOK, "reminder_log", p)
}

func (h *handler) entryPage(c echo.Context) error {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return err
	}
	e, err := h.reminders.Entry(c.Request().Context(), id)
	if err != nil {
		return err
	}
	p := EntryPage{Page: httpapi.PageOf(c, "reminders.entry.title"), Home: httpapi.ProvinceURL(c, "/reminders"),
		CanUpdate: httpapi.Can(c, permUpdate), Entry: entryVM(c, e)}
	return httpapi.HTML(c, http.StatusOK, "reminder_entry", p)
}

// resendSubmit delivers a reminder again and goes back to the page of the log it came from.
func (h *handler) resendSubmit(c echo.Context) error {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return err
	}
	if _, err := h.reminders.Resend(c.Request().Context(), id); err != nil {
		return err
	}
	back := httpapi.ProvinceURL(c, "/reminders/log")
	if u, err := url.Parse(c.FormValue("back")); err == nil && u.Host == "" && strings.HasPrefix(u.Path, back) {
		q := u.Query()
		q.Del("done")
		u.RawQuery = q.Encode()
		back = u.RequestURI()
	}
	return httpapi.Redirect(c, back, "reminder_resent")
}
