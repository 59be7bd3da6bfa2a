package regimes

import (
	"net/http"
	"strconv"
	"strings"

	entschema "github.com/danvan-vn/danvan/ent/schema"

	"github.com/danvan-vn/danvan/internal/areas/units"
	"github.com/danvan-vn/danvan/internal/calendar"
	"github.com/danvan-vn/danvan/internal/httpapi"
	"github.com/danvan-vn/danvan/internal/regime"
	"github.com/danvan-vn/danvan/internal/web"
	"github.com/labstack/echo/v4"
)

func occurrencesVM(os []calendar.Occurrence, lang string) []web.OccurrenceVM {
	var out []web.OccurrenceVM
	for _, o := range os {
		out = append(out, web.OccurrenceVM{Period: o.Period.Label(lang), Nominal: o.Nominal.Time(), Due: o.Due.Time(),
			Shifted: !o.Nominal.Equal(o.Due), Off: o.Off, CutFrom: o.CutFrom.Time(), CutTo: o.CutTo.Time()})
	}
	return out
}

func (h *handler) regimesPage(c echo.Context) error {
	ctx := c.Request().Context()
	rs, err := h.regimes.List(ctx)
	if err != nil {
		return err
	}
	_, names, err := units.Options(ctx, h.units, calendar.Today().UTC())
	if err != nil {
		return err
	}
	p := web.RegimesPage{Page: httpapi.PageOf(c, "regimes.title")}
	for _, r := range rs {
		vm := web.RegimeVM{ID: r.ID, Name: r.Name, Frequency: string(r.Frequency), DeadlineRule: r.DeadlineRule, Shift: string(r.Shift),
			ReminderOffsets: r.ReminderOffsets, Active: r.Active}
		if r.ReceivingUnitID != nil {
			vm.Receiving = names[*r.ReceivingUnitID]
		}
		if next, err := h.regimes.Preview(ctx, regime.InputOf(r), calendar.Today(), 4); err == nil {
			vm.Next = occurrencesVM(next, httpapi.Lang(c))
		}
		p.Regimes = append(p.Regimes, vm)
	}
	return httpapi.HTML(c, http.StatusOK, "regimes", p)
}

func offsetsText(os []int) string {
	parts := make([]string, len(os))
	for i, o := range os {
		parts[i] = strconv.Itoa(o)
	}
	return strings.Join(parts, ",")
}

func (h *handler) regimePageData(c echo.Context, p *web.RegimePage) error {
	opts, _, err := units.Options(c.Request().Context(), h.units, calendar.Today().UTC())
	if err != nil {
		return err
	}
	p.Units, p.Types = opts, entschema.UnitTypes
	p.Frequencies = []string{"semiannual", "annual", "quarterly", "adhoc"}
	p.Shifts = []string{"previous_working_day", "next_working_day", "none"}
	return nil
}

func (h *handler) regimeEditor(c echo.Context) error {
	ctx := c.Request().Context()
	p := web.RegimePage{Page: httpapi.PageOf(c, "regime.title")}
	p.Form = web.RegimeForm{Frequency: "semiannual", Shift: "previous_working_day", Active: true, ReminderOffsets: "-7,-3,-1,1,3"}
	if c.Param("id") != "" {
		id, err := httpapi.ID(c, "id")
		if err != nil {
			return err
		}
		r, err := h.regimes.Get(ctx, id)
		if err != nil {
			return err
		}
		p.Form = web.RegimeForm{ID: r.ID, Name: r.Name, Frequency: string(r.Frequency), DeadlineRule: r.DeadlineRule, Shift: string(r.Shift),
			ReportingUnitTypes: r.ReportingUnitTypes, ReceivingUnitID: httpapi.Deref(r.ReceivingUnitID), ReminderOffsets: offsetsText(r.ReminderOffsets),
			CutoffDay: r.CutoffDay, Content: r.Content, Active: r.Active}
		if next, err := h.regimes.Preview(ctx, regime.InputOf(r), calendar.Today(), 4); err == nil {
			p.Preview = occurrencesVM(next, httpapi.Lang(c))
		}
	}
	if err := h.regimePageData(c, &p); err != nil {
		return err
	}
	return httpapi.HTML(c, http.StatusOK, "regime", p)
}

// regimeSubmit saves a regime from the editor, or only previews it when the preview button
// was pressed.
func (h *handler) regimeSubmit(c echo.Context) error {
	ctx := c.Request().Context()
	form := web.RegimeForm{Name: c.FormValue("name"), Frequency: c.FormValue("frequency"), DeadlineRule: c.FormValue("deadline_rule"),
		Shift: c.FormValue("shift"), Content: c.FormValue("content"), Active: c.FormValue("active") != "",
		ReminderOffsets: c.FormValue("reminder_offsets")}
	params, _ := c.FormParams()
	form.ReportingUnitTypes = params["reporting_unit_types"]
	form.ReceivingUnitID, _ = strconv.Atoi(c.FormValue("receiving_unit_id"))
	var badCutoff bool
	if v := strings.TrimSpace(c.FormValue("cutoff_day")); v != "" {
		n, err := strconv.Atoi(v)
		form.CutoffDay, badCutoff = n, err != nil
	}
	in := regime.Input{Name: form.Name, Frequency: form.Frequency, DeadlineRule: form.DeadlineRule, Shift: form.Shift,
		ReportingUnitTypes: form.ReportingUnitTypes, CutoffDay: form.CutoffDay, Content: form.Content, Active: form.Active}
	if badCutoff {
		in.CutoffDay = -1 // refused by Validate, naming the field
	}
	if form.ReceivingUnitID > 0 {
		in.ReceivingUnitID = &form.ReceivingUnitID
	}
	var badOffsets bool
	for _, part := range strings.FieldsFunc(form.ReminderOffsets, func(r rune) bool { return r == ',' || r == ' ' || r == ';' }) {
		n, err := strconv.Atoi(part)
		if err != nil {
			badOffsets = true
			continue
		}
		in.ReminderOffsets = append(in.ReminderOffsets, n)
	}
	p := web.RegimePage{Page: httpapi.PageOf(c, "regime.title"), Form: form}
	if id, err := strconv.Atoi(c.Param("id")); err == nil {
		p.Form.ID = id
	}
	var err error
	if badOffsets {
		err = httpapi.Invalid("reminder_offsets", "reminder_offset")
	} else if c.FormValue("preview") != "" {
		var next []calendar.Occurrence
		if next, err = h.regimes.Preview(ctx, in, calendar.Today(), 4); err == nil {
			p.Preview = occurrencesVM(next, httpapi.Lang(c))
		}
	} else if p.Form.ID > 0 {
		_, err = h.regimes.Update(ctx, p.Form.ID, in)
	} else {
		_, err = h.regimes.Create(ctx, in)
	}
	status := http.StatusOK
	if err != nil {
		fields, ok := httpapi.FieldKeys(err)
		if !ok {
			return err
		}
		p.Errors, status = fields, http.StatusUnprocessableEntity
	} else if c.FormValue("preview") == "" {
		return c.Redirect(http.StatusSeeOther, httpapi.ProvinceURL(c, "/regimes?done=regimes_saved"))
	}
	if err := h.regimePageData(c, &p); err != nil {
		return err
	}
	return httpapi.HTML(c, status, "regime", p)
}

func (h *handler) regimeDelete(c echo.Context) error {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return err
	}
	if err := h.regimes.Delete(c.Request().Context(), id); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, httpapi.ProvinceURL(c, "/regimes?done=regimes_deleted"))
}
