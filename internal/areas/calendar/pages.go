package calendar

import (
	"net/http"
	"strconv"

	"github.com/danvan-vn/danvan/internal/calendar"
	"github.com/danvan-vn/danvan/internal/httpapi"
	"github.com/danvan-vn/danvan/internal/web"
	"github.com/labstack/echo/v4"
)

func (h *handler) calendarRender(c echo.Context, status int, errs map[string]string) error {
	y := yearParam(c)
	if fy, err := strconv.Atoi(c.FormValue("year")); err == nil && fy > 2000 && fy < 2100 && c.QueryParam("year") == "" {
		y = fy
	}
	hs, err := h.regimes.Holidays(c.Request().Context(), y)
	if err != nil {
		return err
	}
	p := web.CalendarPage{Page: httpapi.PageOf(c, "calendar.title"), Year: y, Errors: errs}
	for _, h := range hs {
		p.Days = append(p.Days, web.HolidayVM{ID: h.ID, Date: h.Date, Name: h.Name, Kind: string(h.Kind)})
	}
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
