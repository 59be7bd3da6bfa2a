package calendar

import (
	"github.com/danvan-vn/danvan/internal/authz"
	"github.com/danvan-vn/danvan/internal/httpapi"
)

// Permissions this area's routes declare.
var (
	permRegimeRead   = authz.Permission{Object: "regime", Action: "read"}
	permRegimeUpdate = authz.Permission{Object: "regime", Action: "update"}
)

// Register declares the area's routes.
func (h *handler) Register(r *httpapi.Router) {
	r = r.Area("calendar")
	r.Flash("calendar_saved", "calendar.saved")
	r.Nav(httpapi.NavItem{Section: httpapi.NavProvince, Label: "nav.calendar", Path: "/calendar", Perm: permRegimeRead, Order: 40})
	r.Templates("calendar")
	p := r.Province()
	p.Page(httpapi.GET, "/calendar", h.calendarPage, permRegimeRead)
	p.Page(httpapi.POST, "/calendar", h.calendarAdd, permRegimeUpdate)
	p.Page(httpapi.POST, "/calendar/seed", h.calendarSeed, permRegimeUpdate)
	p.Page(httpapi.POST, "/calendar/:id/delete", h.calendarDelete, permRegimeUpdate)
	p.API(httpapi.GET, "/calendar", h.apiCalendar, permRegimeRead)
	p.API(httpapi.POST, "/calendar", h.apiHolidayAdd, permRegimeUpdate)
	p.API(httpapi.POST, "/calendar/seed", h.apiCalendarSeed, permRegimeUpdate)
	p.API(httpapi.DELETE, "/calendar/:id", h.apiHolidayDelete, permRegimeUpdate)
}
