package calendar

import (
	"net/http"
	"strconv"

	"github.com/danvan-vn/danvan/internal/apperr"
	"github.com/danvan-vn/danvan/internal/calendar"
	"github.com/danvan-vn/danvan/internal/httpapi"
	"github.com/labstack/echo/v4"
)

// HolidayJSON is a day in the province's calendar.
type HolidayJSON struct {
	ID   int    `json:"id"`
	Date string `json:"date"`
	Name string `json:"name"`
	Kind string `json:"kind"`
}

func yearParam(c echo.Context) int {
	y, err := strconv.Atoi(c.QueryParam("year"))
	if err != nil || y < 2000 || y > 2100 {
		return calendar.Today().Year
	}
	return y
}

func (h *handler) apiCalendar(c echo.Context) error {
	y := yearParam(c)
	hs, err := h.regimes.Holidays(c.Request().Context(), y)
	if err != nil {
		return err
	}
	out := []HolidayJSON{}
	for _, h := range hs {
		out = append(out, HolidayJSON{ID: h.ID, Date: httpapi.ISODay(h.Date), Name: h.Name, Kind: string(h.Kind)})
	}
	return c.JSON(http.StatusOK, CalendarJSON{Days: out, Year: y})
}

// CalendarJSON is a year of the province's calendar (fields in the order of their JSON names).
type CalendarJSON struct {
	Days []HolidayJSON `json:"days"`
	Year int           `json:"year"`
}

// SeedJSON is what seeding a year added.
type SeedJSON struct {
	Added              int  `json:"added"`
	LunarHolidaysKnown bool `json:"lunar_holidays_known" doc:"False when the year's lunar-calendar holidays are not known yet (add them by hand)"`
}

type holidayRequest struct {
	Date string `json:"date" form:"date" required:"false" doc:"The day, dd/mm/yyyy or yyyy-mm-dd (adding a day)"`
	Name string `json:"name" form:"name" required:"false" maxLength:"200" doc:"The day's name (adding a day)"`
	Kind string `json:"kind" form:"kind" required:"false" enum:"holiday,makeup_workday" doc:"holiday (the default) or makeup_workday (a weekend day worked)"`
	Year int    `json:"year" form:"year" required:"false" minimum:"2000" maximum:"2100" doc:"The year to seed (seeding only)"`
}

func (h *handler) addHoliday(c echo.Context) error {
	var r holidayRequest
	if err := httpapi.Bind(c, &r); err != nil {
		return err
	}
	d, err := calendar.Parse(r.Date)
	if err != nil {
		return apperr.Invalid(map[string]string{"date": "date"})
	}
	return h.regimes.AddHoliday(c.Request().Context(), d, r.Name, r.Kind)
}

func (h *handler) apiHolidayAdd(c echo.Context) error {
	if err := h.addHoliday(c); err != nil {
		return err
	}
	return c.NoContent(http.StatusCreated)
}

func (h *handler) apiHolidayDelete(c echo.Context) error {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return err
	}
	if err := h.regimes.DeleteHoliday(c.Request().Context(), id); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

func (h *handler) seedYear(c echo.Context) (int, bool, error) {
	var r holidayRequest
	if err := httpapi.Bind(c, &r); err != nil {
		return 0, false, err
	}
	if r.Year < 2000 || r.Year > 2100 {
		return 0, false, apperr.Invalid(map[string]string{"year": "invalid"})
	}
	return h.regimes.SeedYear(c.Request().Context(), r.Year)
}

func (h *handler) apiCalendarSeed(c echo.Context) error {
	added, complete, err := h.seedYear(c)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, SeedJSON{Added: added, LunarHolidaysKnown: complete})
}
