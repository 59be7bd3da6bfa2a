package regimes

import (
	"net/http"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/internal/calendar"
	"github.com/danvan-vn/danvan/internal/httpapi"
	"github.com/danvan-vn/danvan/internal/regime"
	"github.com/labstack/echo/v4"
)

// RegimeJSON is a reporting regime with its next deadlines.
type RegimeJSON struct {
	ID                 int              `json:"id"`
	Name               string           `json:"name"`
	Frequency          string           `json:"frequency"`
	DeadlineRule       string           `json:"deadline_rule"`
	Shift              string           `json:"shift"`
	ReportingUnitTypes []string         `json:"reporting_unit_types"`
	ReceivingUnitID    *int             `json:"receiving_unit_id,omitempty"`
	ReminderOffsets    []int            `json:"reminder_offsets"`
	CutoffDay          int              `json:"cutoff_day" doc:"The data window ends on this day of the period's last month; 0 is Nghị định 09/2019's default (the 14th)"`
	Content            string           `json:"content,omitempty"`
	Active             bool             `json:"active"`
	Next               []OccurrenceJSON `json:"next_deadlines,omitempty"`
}

// OccurrenceJSON is one deadline.
type OccurrenceJSON struct {
	Period      string `json:"period"`
	PeriodLabel string `json:"period_label"`
	Nominal     string `json:"nominal"`
	Due         string `json:"due"`
	CutFrom     string `json:"cut_off_from"`
	CutTo       string `json:"cut_off_to"`
	Off         string `json:"off,omitempty" doc:"Why the nominal date is off: the holiday or compensatory day (nghỉ bù) on it"`
}

func occurrencesJSON(os []calendar.Occurrence, lang string) []OccurrenceJSON {
	out := []OccurrenceJSON{}
	for _, o := range os {
		out = append(out, OccurrenceJSON{Period: o.Period.String(), PeriodLabel: o.Period.Label(lang), Nominal: o.Nominal.ISO(), Due: o.Due.ISO(),
			CutFrom: o.CutFrom.ISO(), CutTo: o.CutTo.ISO(), Off: o.Off})
	}
	return out
}

func regimeJSON(r *ent.ReportingRegime) RegimeJSON {
	out := RegimeJSON{ID: r.ID, Name: r.Name, Frequency: string(r.Frequency), DeadlineRule: r.DeadlineRule, Shift: string(r.Shift),
		ReportingUnitTypes: r.ReportingUnitTypes, ReceivingUnitID: r.ReceivingUnitID, ReminderOffsets: r.ReminderOffsets,
		CutoffDay: r.CutoffDay, Content: r.Content, Active: r.Active}
	if out.ReportingUnitTypes == nil {
		out.ReportingUnitTypes = []string{}
	}
	if out.ReminderOffsets == nil {
		out.ReminderOffsets = []int{}
	}
	return out
}

type regimeRequest struct {
	Name               string   `json:"name" form:"name" maxLength:"300"`
	Frequency          string   `json:"frequency" form:"frequency" enum:"quarterly,semiannual,annual,adhoc"`
	DeadlineRule       string   `json:"deadline_rule" form:"deadline_rule" required:"false" doc:"D/M (\"15/6\"), M+K/D (\"M+1/15\": the 15th of the month after the period ends) or M/D; optional for adhoc"`
	Shift              string   `json:"shift" form:"shift" required:"false" enum:"none,previous_working_day,next_working_day" doc:"Where a deadline on a day off moves; default previous_working_day"`
	ReportingUnitTypes []string `json:"reporting_unit_types" form:"reporting_unit_types" required:"false" enum:"province,department,commune,district,public_service,front,mass_mobilization_board,other" doc:"The unit types that report"`
	ReceivingUnitID    *int     `json:"receiving_unit_id" form:"receiving_unit_id" required:"false" doc:"The unit that receives the reports"`
	ReminderOffsets    []int    `json:"reminder_offsets" form:"reminder_offsets" required:"false" minimum:"-90" maximum:"90" doc:"Days relative to the deadline to remind on (-90…90, not 0)"`
	CutoffDay          int      `json:"cutoff_day" form:"cutoff_day" required:"false" minimum:"0" maximum:"28" doc:"The data window ends on this day of the period's last month (1–28); 0 or absent: Nghị định 09/2019's default, the 14th"`
	Content            string   `json:"content" form:"content" required:"false" maxLength:"20000" doc:"What the report must contain, up to 20000 characters"`
	Active             *bool    `json:"active" form:"active" required:"false" doc:"Default true"`
}

func (r regimeRequest) input() regime.Input {
	active := r.Active == nil || *r.Active
	return regime.Input{Name: r.Name, Frequency: r.Frequency, DeadlineRule: r.DeadlineRule, Shift: r.Shift,
		ReportingUnitTypes: r.ReportingUnitTypes, ReceivingUnitID: httpapi.ZeroNil(r.ReceivingUnitID), ReminderOffsets: r.ReminderOffsets,
		CutoffDay: r.CutoffDay, Content: r.Content, Active: active}
}

func (h *handler) apiRegimes(c echo.Context) error {
	ctx := c.Request().Context()
	rs, err := h.regimes.List(ctx)
	if err != nil {
		return err
	}
	out := []RegimeJSON{}
	for _, r := range rs {
		j := regimeJSON(r)
		next, err := h.regimes.Preview(ctx, regime.InputOf(r), calendar.Today(), 4)
		if err == nil {
			j.Next = occurrencesJSON(next, httpapi.Lang(c))
		}
		out = append(out, j)
	}
	return c.JSON(http.StatusOK, RegimesJSON{Regimes: out})
}

// RegimesJSON is the province's reporting regimes.
type RegimesJSON struct {
	Regimes []RegimeJSON `json:"regimes"`
}

// PreviewJSON is a draft regime's next deadlines (fields in the order of their JSON names).
type PreviewJSON struct {
	From          string           `json:"from" format:"date"`
	NextDeadlines []OccurrenceJSON `json:"next_deadlines"`
}

func (h *handler) apiRegime(c echo.Context) error {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return err
	}
	r, err := h.regimes.Get(c.Request().Context(), id)
	if err != nil {
		return err
	}
	j := regimeJSON(r)
	if next, err := h.regimes.Preview(c.Request().Context(), regime.InputOf(r), calendar.Today(), 4); err == nil {
		j.Next = occurrencesJSON(next, httpapi.Lang(c))
	}
	return c.JSON(http.StatusOK, j)
}

func (h *handler) apiRegimeCreate(c echo.Context) error {
	var r regimeRequest
	if err := httpapi.Bind(c, &r); err != nil {
		return err
	}
	x, err := h.regimes.Create(c.Request().Context(), r.input())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, regimeJSON(x))
}

func (h *handler) apiRegimeUpdate(c echo.Context) error {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return err
	}
	var r regimeRequest
	if err := httpapi.Bind(c, &r); err != nil {
		return err
	}
	x, err := h.regimes.Update(c.Request().Context(), id, r.input())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, regimeJSON(x))
}

func (h *handler) apiRegimeDelete(c echo.Context) error {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return err
	}
	if err := h.regimes.Delete(c.Request().Context(), id); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// apiRegimePreview computes the next four deadlines of a draft regime without saving it.
func (h *handler) apiRegimePreview(c echo.Context) error {
	var r regimeRequest
	if err := httpapi.Bind(c, &r); err != nil {
		return err
	}
	if r.Name == "" {
		r.Name = "preview"
	}
	from := calendar.Today()
	next, err := h.regimes.Preview(c.Request().Context(), r.input(), from, 4)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, PreviewJSON{From: from.ISO(), NextDeadlines: occurrencesJSON(next, httpapi.Lang(c))})
}
