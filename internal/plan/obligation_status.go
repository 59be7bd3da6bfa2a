package plan

import (
	"time"

	"github.com/danvan-vn/danvan/internal/calendar"
)

// ObligationStatus is where a unit stands with an implementation plan it owes (kế hoạch thực
// hiện): issued on time or late, not yet issued within the deadline, or overdue.
type ObligationStatus string

// The obligation statuses, worst first (the order of tables and counts).
const (
	ObligationOverdue      ObligationStatus = "overdue"        // not issued, and the due day has passed
	ObligationPending      ObligationStatus = "pending"        // not issued; the due day has not passed, or there is none
	ObligationIssuedLate   ObligationStatus = "issued_late"    // issued after the due day
	ObligationIssuedOnTime ObligationStatus = "issued_on_time" // issued on or before the due day (or without one)
)

// ObligationStatuses lists every obligation status, worst first.
var ObligationStatuses = []ObligationStatus{ObligationOverdue, ObligationPending, ObligationIssuedLate, ObligationIssuedOnTime}

// Issued reports whether s is one of the issued statuses.
func (s ObligationStatus) Issued() bool {
	return s == ObligationIssuedLate || s == ObligationIssuedOnTime
}

// ObligationDue returns an obligation's effective due day: its due day (a stored civil date)
// moved to the next working day of cal when it is not one, as task deadlines are by default.
// ok is false when the obligation has no due day.
func ObligationDue(dueOn *time.Time, cal *calendar.Calendar) (calendar.Date, bool) {
	if dueOn == nil {
		return calendar.Date{}, false
	}
	due := DayOf(*dueOn)
	if cal != nil {
		due = calendar.ShiftNext.Apply(cal, due)
	}
	return due, true
}

// ObligationStatusOf computes an obligation's status on day today (Vietnam's civil date)
// against the province calendar cal (nil: every day works). fulfilledOn is the day the unit's
// implementation plan was issued, nil while it has not been. Issued on the (shifted) due day is
// on time.
func ObligationStatusOf(dueOn, fulfilledOn *time.Time, today calendar.Date, cal *calendar.Calendar) ObligationStatus {
	due, hasDue := ObligationDue(dueOn, cal)
	switch {
	case fulfilledOn != nil && hasDue && DayOf(*fulfilledOn).After(due):
		return ObligationIssuedLate
	case fulfilledOn != nil:
		return ObligationIssuedOnTime
	case hasDue && today.After(due):
		return ObligationOverdue
	}
	return ObligationPending
}

// ObligationCounts are how many obligations are in each status.
type ObligationCounts struct {
	Overdue      int `json:"overdue"`
	Pending      int `json:"pending"`
	IssuedLate   int `json:"issued_late"`
	IssuedOnTime int `json:"issued_on_time"`
	Total        int `json:"total"`
}

// Add counts one more of s.
func (c *ObligationCounts) Add(s ObligationStatus) {
	switch s {
	case ObligationOverdue:
		c.Overdue++
	case ObligationPending:
		c.Pending++
	case ObligationIssuedLate:
		c.IssuedLate++
	case ObligationIssuedOnTime:
		c.IssuedOnTime++
	default:
		return
	}
	c.Total++
}

// Of returns the count of s.
func (c ObligationCounts) Of(s ObligationStatus) int {
	switch s {
	case ObligationOverdue:
		return c.Overdue
	case ObligationPending:
		return c.Pending
	case ObligationIssuedLate:
		return c.IssuedLate
	case ObligationIssuedOnTime:
		return c.IssuedOnTime
	}
	return 0
}
