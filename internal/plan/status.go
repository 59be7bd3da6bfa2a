package plan

import (
	"time"

	"github.com/danvan-vn/danvan/internal/calendar"
)

// Status is an assignment's (or a task's) four-way status, plus continuous.
type Status string

// The statuses, from worst to best as a task's roll-up ranks them.
const (
	StatusOverdue    Status = "overdue"      // open, and the due day has passed
	StatusOpen       Status = "open"         // open within its deadline
	StatusContinuous Status = "continuous"   // thường xuyên / no deadline, not completed
	StatusDoneLate   Status = "done_late"    // completed after the due day
	StatusDoneOnTime Status = "done_on_time" // completed on or before the due day
)

// Statuses lists every status, worst first (the order of charts and tables).
var Statuses = []Status{StatusOverdue, StatusOpen, StatusContinuous, StatusDoneLate, StatusDoneOnTime}

func (s Status) rank() int {
	for i, x := range Statuses {
		if x == s {
			return i
		}
	}
	return len(Statuses)
}

// Done reports whether s is one of the completed statuses.
func (s Status) Done() bool { return s == StatusDoneLate || s == StatusDoneOnTime }

// Facts are what an assignment's status depends on.
type Facts struct {
	DeadlineKind string     // date, yearly, continuous, none
	DueOn        *time.Time // the assignment's due day after extensions (a stored civil date)
	DueDay       int        // yearly: day of month
	DueMonth     int        // yearly: month
	PlanYear     int        // yearly tasks are due from the plan's year on
	Shift        string     // none, previous_working_day, next_working_day ("" = next)
	CompletedOn  *time.Time // a stored civil date
}

// DayOf reads a stored civil date (midnight UTC) as a calendar.Date.
func DayOf(t time.Time) calendar.Date {
	t = t.UTC()
	return calendar.NewDate(t.Year(), t.Month(), t.Day())
}

func shiftPolicy(s string) calendar.ShiftPolicy {
	switch s {
	case "none":
		return calendar.ShiftNone
	case "previous_working_day":
		return calendar.ShiftPrevious
	}
	return calendar.ShiftNext // the default: a due day off moves to the next working day
}

// DueDate returns the effective due day of an assignment as of today: the nominal due day (the
// assignment's due_on; for a yearly task, its day and month in the reference year) moved by the
// task's shift policy when it is not a working day of cal. ok is false when the task has no due
// day (continuous, none, or a date task without one).
//
// A yearly task falls due on its day and month in the plan's year; an extension (due_on) later
// than that replaces it.
func DueDate(f Facts, today calendar.Date, cal *calendar.Calendar) (calendar.Date, bool) {
	var due calendar.Date
	switch f.DeadlineKind {
	case "date":
		if f.DueOn == nil {
			return calendar.Date{}, false
		}
		due = DayOf(*f.DueOn)
	case "yearly":
		if f.DueDay < 1 || f.DueMonth < 1 || f.DueMonth > 12 {
			return calendar.Date{}, false
		}
		// A plan is a year's: its yearly task falls due in that year (next year's plan carries
		// the next occurrence), so an unfinished one stays overdue after New Year.
		year := f.PlanYear
		if year == 0 {
			year = today.Year
			if f.CompletedOn != nil {
				year = DayOf(*f.CompletedOn).Year
			}
		}
		due = calendar.NewDate(year, time.Month(f.DueMonth), f.DueDay)
		// An approved extension moves it later, into the next year too.
		if f.DueOn != nil && DayOf(*f.DueOn).After(due) {
			due = DayOf(*f.DueOn)
		}
	default:
		return calendar.Date{}, false
	}
	if cal != nil {
		due = shiftPolicy(f.Shift).Apply(cal, due)
	}
	return due, true
}

// StatusOf computes an assignment's status on day today (Vietnam's civil date) against the
// province calendar cal (nil: every day works). Done on the due day is on time.
func StatusOf(f Facts, today calendar.Date, cal *calendar.Calendar) Status {
	due, hasDue := DueDate(f, today, cal)
	if f.CompletedOn != nil {
		if hasDue && DayOf(*f.CompletedOn).After(due) {
			return StatusDoneLate
		}
		return StatusDoneOnTime
	}
	switch {
	case f.DeadlineKind == "continuous" || f.DeadlineKind == "none":
		return StatusContinuous
	case !hasDue:
		return StatusOpen
	case today.After(due):
		return StatusOverdue
	}
	return StatusOpen
}

// Worst is the roll-up status of several (a task's lead assignments): the worst of them
// (overdue > open > continuous > done late > done on time); continuous when all are. None gives
// "".
func Worst(ss ...Status) Status {
	var w Status
	for _, s := range ss {
		if w == "" || s.rank() < w.rank() {
			w = s
		}
	}
	return w
}

// Counts are how many assignments (or tasks) are in each status.
type Counts struct {
	Overdue    int `json:"overdue"`
	Open       int `json:"open"`
	Continuous int `json:"continuous"`
	DoneLate   int `json:"done_late"`
	DoneOnTime int `json:"done_on_time"`
	Total      int `json:"total"`
}

// Add counts one more of s.
func (c *Counts) Add(s Status) { c.AddN(s, 1) }

// AddN counts n more of s.
func (c *Counts) AddN(s Status, n int) {
	switch s {
	case StatusOverdue:
		c.Overdue += n
	case StatusOpen:
		c.Open += n
	case StatusContinuous:
		c.Continuous += n
	case StatusDoneLate:
		c.DoneLate += n
	case StatusDoneOnTime:
		c.DoneOnTime += n
	default:
		return
	}
	c.Total += n
}

// Of returns the count of s.
func (c Counts) Of(s Status) int {
	switch s {
	case StatusOverdue:
		return c.Overdue
	case StatusOpen:
		return c.Open
	case StatusContinuous:
		return c.Continuous
	case StatusDoneLate:
		return c.DoneLate
	case StatusDoneOnTime:
		return c.DoneOnTime
	}
	return 0
}
