package calendar

import (
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/danvan-vn/danvan/internal/apperr"

	"github.com/danvan-vn/danvan/internal/calendar"
	"github.com/danvan-vn/danvan/internal/httpapi"
	"github.com/danvan-vn/danvan/internal/web"
	"github.com/labstack/echo/v4"
)

func (h *handler) calendarRender(c echo.Context, status int, errs map[string]string) error {
	ctx := c.Request().Context()
	y := yearParam(c)
	if fy, err := strconv.Atoi(c.FormValue("year")); err == nil && fy > 2000 && fy < 2100 && c.QueryParam("year") == "" {
		y = fy
	}
	month, err := monthParam(c, y)
	if err != nil {
		return err
	}
	y = month.Year
	hs, err := h.regimes.Holidays(ctx, y)
	if err != nil {
		return err
	}
	cal, err := h.regimes.Calendar(ctx)
	if err != nil {
		return err
	}
	p := web.CalendarPage{Page: httpapi.PageOf(c, "calendar.title"), Year: y, Errors: errs}
	makeUp := map[calendar.Date]string{}
	for _, h := range hs {
		p.Days = append(p.Days, web.HolidayVM{ID: h.ID, Date: h.Date, Name: h.Name, Kind: string(h.Kind)})
		if h.Kind == "makeup_workday" {
			makeUp[calendar.NewDate(h.Date.UTC().Date())] = h.Name
		}
	}
	p.Month = monthGrid(cal, month, makeUp, calendar.Today())
	_, complete := calendar.DefaultHolidays(y)
	p.Incomplete = !complete
	return httpapi.HTML(c, status, "calendar", p)
}

func (h *handler) calendarPage(c echo.Context) error { return h.calendarRender(c, http.StatusOK, nil) }

func (h *handler) calendarResult(c echo.Context, err error) error {
	if err == nil {
		return c.Redirect(http.StatusSeeOther, httpapi.ProvinceURL(c, "/calendar?year="+c.FormValue("year")+"&done=calendar_saved"))
	}
	fields, ok := httpapi.FieldKeys(err)
	if !ok {
		return err
	}
	return h.calendarRender(c, http.StatusUnprocessableEntity, fields)
}

func (h *handler) calendarAdd(c echo.Context) error { return h.calendarResult(c, h.addHoliday(c)) }

func (h *handler) calendarSeed(c echo.Context) error {
	_, _, err := h.seedYear(c)
	return h.calendarResult(c, err)
}

func (h *handler) calendarDelete(c echo.Context) error {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return err
	}
	return h.calendarResult(c, h.regimes.DeleteHoliday(c.Request().Context(), id))
}

// monthParam is the month the grid shows: ?month=yyyy-mm, else this month in this year, else
// January of year. A malformed or out-of-range month is refused naming the field.
func monthParam(c echo.Context, year int) (calendar.Date, error) {
	if v := c.QueryParam("month"); v != "" {
		t, err := time.Parse("2006-01", v)
		if err != nil || t.Year() < 2000 || t.Year() > 2100 {
			return calendar.Date{}, apperr.Invalid(map[string]string{"month": "invalid"})
		}
		return calendar.NewDate(t.Year(), t.Month(), 1), nil
	}
	if today := calendar.Today(); today.Year == year {
		return calendar.NewDate(year, today.Month, 1), nil
	}
	return calendar.NewDate(year, time.January, 1), nil
}

// monthGrid lays out the month of first as weeks from Monday to Sunday, marking on cal the
// weekends, holidays and compensatory days off, the make-up working days (named by makeUp) and
// today.
func monthGrid(cal *calendar.Calendar, first calendar.Date, makeUp map[calendar.Date]string, today calendar.Date) web.MonthVM {
	ym := func(d calendar.Date) string { return fmt.Sprintf("%04d-%02d", d.Year, int(d.Month)) }
	m := web.MonthVM{First: first.Time(), Prev: ym(first.AddDays(-1)), Next: ym(first.AddDays(32)), This: ym(today)}
	lead := (int(first.Weekday()) + 6) % 7 // days of the first week before the 1st (Monday = 0)
	week := make([]web.DayVM, lead, 7)
	for d := first; d.Month == first.Month; d = d.AddDays(1) {
		name, holiday := cal.Holiday(d)
		day := web.DayVM{Date: d.Time(), Weekend: cal.IsWeekend(d), Off: !cal.IsWorkingDay(d), Today: d.Equal(today)}
		if holiday {
			day.Holiday = name
		}
		if cal.IsMakeUpDay(d) {
			day.MakeUp = makeUp[d]
		}
		week = append(week, day)
		if len(week) == 7 {
			m.Weeks = append(m.Weeks, week)
			week = make([]web.DayVM, 0, 7)
		}
	}
	if len(week) > 0 {
		m.Weeks = append(m.Weeks, append(week, make([]web.DayVM, 7-len(week))...))
	}
	return m
}
