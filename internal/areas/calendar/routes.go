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
	p.API(httpapi.GET, "/calendar", h.apiCalendar, permRegimeRead, httpapi.Out[CalendarJSON](),
		httpapi.Summary("The province's holidays and make-up workdays of a year (?year=, 2000–2100, default this year)"))
	p.API(httpapi.POST, "/calendar", h.apiHolidayAdd, permRegimeUpdate, httpapi.In[holidayRequest](), httpapi.Created(),
		httpapi.Summary("Add a holiday or make-up workday (date, name, kind); 201 with no body"))
	p.API(httpapi.POST, "/calendar/seed", h.apiCalendarSeed, permRegimeUpdate, httpapi.In[holidayRequest](), httpapi.Out[SeedJSON](),
		httpapi.Summary("Add the official holidays of a year that the province does not have yet (only the body's year is read)"))
	p.API(httpapi.DELETE, "/calendar/:id", h.apiHolidayDelete, permRegimeUpdate,
		httpapi.Summary("Remove a day from the province's calendar; 204"))
}
