package calendar

import (
	"slices"
	"sort"
	"strings"
	"time"
)

// Holiday is a public holiday (ngày nghỉ lễ, Tết) or any other day off a province declares.
type Holiday struct {
	Date Date   `json:"date"`
	Name string `json:"name"` // e.g. "Tết Nguyên đán", "Giỗ Tổ Hùng Vương", "Quốc khánh"
}

// Config is the editable description of a working-day calendar, as a province stores it.
type Config struct {
	// Weekend lists the weekly days off. Empty means the default, Saturday and Sunday.
	Weekend []time.Weekday `json:"weekend,omitempty"`
	// Holidays are days off. Holidays are never moved automatically: when one falls on a weekend
	// the government announces a compensating day off, which the province adds here.
	Holidays []Holiday `json:"holidays,omitempty"`
	// MakeUpDays ("ngày làm bù") are working days although they fall on a weekend, announced when
	// a holiday bridge is granted. A make-up day that is not on a weekend changes nothing.
	MakeUpDays []Date `json:"make_up_days,omitempty"`
}

// defaultWeekend is Saturday and Sunday as a bit set indexed by time.Weekday.
const defaultWeekend = 1<<time.Saturday | 1<<time.Sunday

// Calendar answers whether a date is a working day and counts working days. It is immutable once
// built, so it is safe for concurrent use. A nil *Calendar behaves as a Saturday–Sunday weekend
// with no holidays; the zero Calendar behaves the same.
//
// A Calendar just holds every date it knows: a deadline in January of next year needs next year's
// holidays too, so build one from several years (Default, Merge, or one Config listing them all).
type Calendar struct {
	weekend  uint8 // bit i set: time.Weekday(i) is a day off; 0 means defaultWeekend
	holidays map[Date]string
	makeUp   map[Date]struct{}
}

// New builds a Calendar from cfg. Errors are *Error: calendar_weekend (a weekend value outside
// Sunday–Saturday, or all seven days off), calendar_date (an invalid holiday or make-up date),
// calendar_conflict (a date both a holiday and a make-up day). When several holidays share a date,
// their distinct names are joined with "; ".
func New(cfg Config) (*Calendar, error) {
	c := &Calendar{holidays: map[Date]string{}, makeUp: map[Date]struct{}{}}
	for _, w := range cfg.Weekend {
		if w < time.Sunday || w > time.Saturday {
			return nil, errorf(CodeCalendarWeekend, "", "weekend day %d is not a weekday", int(w))
		}
		c.weekend |= 1 << w
	}
	if c.weekend == 0x7f {
		return nil, errorf(CodeCalendarWeekend, "", "every day of the week cannot be a day off")
	}
	for _, h := range cfg.Holidays {
		if !h.Date.Valid() {
			return nil, errorf(CodeCalendarDate, h.Name, "holiday date %d-%d-%d is not a valid date", h.Date.Year, int(h.Date.Month), h.Date.Day)
		}
		addHoliday(c.holidays, h.Date, h.Name)
	}
	for _, d := range cfg.MakeUpDays {
		if !d.Valid() {
			return nil, errorf(CodeCalendarDate, "", "make-up date %d-%d-%d is not a valid date", d.Year, int(d.Month), d.Day)
		}
		if _, clash := c.holidays[d]; clash {
			return nil, errorf(CodeCalendarConflict, d.String(), "%s is both a holiday and a make-up working day", d)
		}
		c.makeUp[d] = struct{}{}
	}
	return c, nil
}

// Default returns a calendar with Saturday–Sunday weekends and DefaultHolidays of each given year,
// plus the years whose lunar holidays (Tết, Giỗ Tổ) are unknown and must be entered by hand.
func Default(years ...int) (cal *Calendar, incomplete []int) {
	c := &Calendar{holidays: map[Date]string{}, makeUp: map[Date]struct{}{}}
	for _, y := range years {
		hs, complete := DefaultHolidays(y)
		if !complete {
			incomplete = append(incomplete, y)
		}
		for _, h := range hs {
			addHoliday(c.holidays, h.Date, h.Name)
		}
	}
	return c, incomplete
}

// Merge returns one calendar holding every holiday and make-up day of cals (for instance one
// calendar per year). The weekend is that of the first non-nil calendar. Distinct names of a
// holiday found in several calendars are joined with "; ", and a date that is a holiday in one
// calendar and a make-up day in another stays a holiday. Nil calendars are skipped.
func Merge(cals ...*Calendar) *Calendar {
	m := &Calendar{holidays: map[Date]string{}, makeUp: map[Date]struct{}{}}
	first := true
	for _, c := range cals {
		if c == nil {
			continue
		}
		if first {
			m.weekend = c.weekend
			first = false
		}
		for _, h := range c.Holidays() {
			addHoliday(m.holidays, h.Date, h.Name)
		}
	}
	for _, c := range cals {
		if c == nil {
			continue
		}
		for d := range c.makeUp {
			if _, clash := m.holidays[d]; !clash {
				m.makeUp[d] = struct{}{}
			}
		}
	}
	return m
}

// addHoliday records name for d. Distinct names of one date are kept once each, joined with "; ".
func addHoliday(m map[Date]string, d Date, name string) {
	old, dup := m[d]
	if !dup {
		m[d] = name
		return
	}
	names := strings.Split(old, "; ")
	for _, n := range strings.Split(name, "; ") {
		if n != "" && !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	names = slices.DeleteFunc(names, func(n string) bool { return n == "" })
	m[d] = strings.Join(names, "; ")
}

// Config returns the calendar's description (weekend in Sunday..Saturday order, holidays and
// make-up days sorted by date), suitable for storing or editing and passing back to New.
func (c *Calendar) Config() Config {
	return Config{Weekend: c.Weekend(), Holidays: c.Holidays(), MakeUpDays: c.MakeUpDays()}
}

// Weekend returns the weekly days off, Sunday first.
func (c *Calendar) Weekend() []time.Weekday {
	mask := c.weekendMask()
	var out []time.Weekday
	for w := time.Sunday; w <= time.Saturday; w++ {
		if mask&(1<<w) != 0 {
			out = append(out, w)
		}
	}
	return out
}

// HolidayName is the name of the holiday on d, or "" when d is none.
func (c *Calendar) HolidayName(d Date) string {
	if c == nil {
		return ""
	}
	return c.holidays[d]
}

// Holidays returns the calendar's holidays sorted by date.
func (c *Calendar) Holidays() []Holiday {
	if c == nil {
		return nil
	}
	out := make([]Holiday, 0, len(c.holidays))
	for d, name := range c.holidays {
		out = append(out, Holiday{Date: d, Name: name})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Date.Before(out[j].Date) })
	return out
}

// MakeUpDays returns the calendar's make-up working days sorted by date.
func (c *Calendar) MakeUpDays() []Date {
	if c == nil {
		return nil
	}
	out := make([]Date, 0, len(c.makeUp))
	for d := range c.makeUp {
		out = append(out, d)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Before(out[j]) })
	return out
}

func (c *Calendar) weekendMask() uint8 {
	if c == nil || c.weekend == 0 {
		return defaultWeekend
	}
	return c.weekend
}

// IsWeekend reports whether d falls on a weekly day off (regardless of make-up days).
func (c *Calendar) IsWeekend(d Date) bool {
	return c.weekendMask()&(1<<d.Weekday()) != 0
}

// Holiday returns the name of the holiday on d, if d is one.
func (c *Calendar) Holiday(d Date) (name string, ok bool) {
	if c == nil {
		return "", false
	}
	name, ok = c.holidays[d.norm()]
	return name, ok
}

// IsMakeUpDay reports whether d is a declared make-up working day ("ngày làm bù").
func (c *Calendar) IsMakeUpDay(d Date) bool {
	if c == nil {
		return false
	}
	_, ok := c.makeUp[d.norm()]
	return ok
}

// IsWorkingDay reports whether d is a working day: not a holiday, and either not on the weekend or
// a make-up day.
func (c *Calendar) IsWorkingDay(d Date) bool {
	d = d.norm()
	if _, ok := c.Holiday(d); ok {
		return false
	}
	return !c.IsWeekend(d) || c.IsMakeUpDay(d)
}

// NextWorkingDay returns d itself if it is a working day, else the first working day after it.
func (c *Calendar) NextWorkingDay(d Date) Date {
	d = d.norm()
	for !c.IsWorkingDay(d) {
		d = d.AddDays(1)
	}
	return d
}

// PrevWorkingDay returns d itself if it is a working day, else the last working day before it.
func (c *Calendar) PrevWorkingDay(d Date) Date {
	d = d.norm()
	for !c.IsWorkingDay(d) {
		d = d.AddDays(-1)
	}
	return d
}

// AddWorkingDays returns the n-th working day after d (n > 0) or the |n|-th working day before d
// (n < 0), counting working days only and never d itself: a time limit of "10 ngày làm việc" from
// a receipt on d ends on AddWorkingDays(d, 10), whether or not d is a working day. n == 0 returns
// d. The cost is linear in the span walked.
func (c *Calendar) AddWorkingDays(d Date, n int) Date {
	d = d.norm()
	step := 1
	if n < 0 {
		step, n = -1, -n
	}
	for n > 0 {
		d = d.AddDays(step)
		if c.IsWorkingDay(d) {
			n--
		}
	}
	return d
}

// WorkingDaysBetween counts the working days in the half-open interval (a, b] when a is before b,
// and returns minus the count in (b, a] when b is before a (so it is antisymmetric, and 0 when
// a == b). For a before b and b a working day, AddWorkingDays(a, WorkingDaysBetween(a, b)) == b:
// "working days left" is WorkingDaysBetween(today, due), "working days late" is
// WorkingDaysBetween(due, done).
func (c *Calendar) WorkingDaysBetween(a, b Date) int {
	a, b = a.norm(), b.norm()
	sign := 1
	if b.Before(a) {
		a, b, sign = b, a, -1
	}
	n := 0
	for d := a.AddDays(1); !d.After(b); d = d.AddDays(1) {
		if c.IsWorkingDay(d) {
			n++
		}
	}
	return sign * n
}
