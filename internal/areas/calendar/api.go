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
	return c.JSON(http.StatusOK, map[string]any{"year": y, "days": out})
}

type holidayRequest struct {
	Date string `json:"date" form:"date"`
	Name string `json:"name" form:"name"`
	Kind string `json:"kind" form:"kind"`
	Year int    `json:"year" form:"year"`
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
	return c.JSON(http.StatusOK, map[string]any{"added": added, "lunar_holidays_known": complete})
}
