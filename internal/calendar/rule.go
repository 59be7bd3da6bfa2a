package calendar

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// ShiftPolicy says what happens to a deadline that lands on a non-working day.
type ShiftPolicy string

// The shift policies. The zero value "" means ShiftPrevious, the default: reports are sent before
// the deadline ("nộp trước hạn"), so a Sunday deadline is due on the Friday before.
const (
	ShiftNone     ShiftPolicy = "none"                 // keep the nominal date, working day or not
	ShiftPrevious ShiftPolicy = "previous_working_day" // move back to the last working day before it
	ShiftNext     ShiftPolicy = "next_working_day"     // move forward to the first working day after it
)

// Valid reports whether s is one of the ShiftPolicy constants or "" (the default).
func (s ShiftPolicy) Valid() bool {
	switch s {
	case "", ShiftNone, ShiftPrevious, ShiftNext:
		return true
	}
	return false
}

// Effective returns s, with "" resolved to the default ShiftPrevious.
func (s ShiftPolicy) Effective() ShiftPolicy {
	if s == "" {
		return ShiftPrevious
	}
	return s
}

// Apply returns d moved onto a working day of cal according to s (d itself when it already is a
// working day, or when s is ShiftNone or unknown). It also serves fixed days such as a published
// citizen-reception day, which moves to the next working day on a holiday.
func (s ShiftPolicy) Apply(cal *Calendar, d Date) Date {
	switch s.Effective() {
	case ShiftPrevious:
		return cal.PrevWorkingDay(d)
	case ShiftNext:
		return cal.NextWorkingDay(d)
	}
	return d.norm()
}

// DeadlineRule is a province's deadline for a reporting regime (thời hạn gửi báo cáo). It is
// either absolute, a day and month inside the period's year ("15/6": Quảng Ngãi's half-year
// report; "15/11": its annual report), or relative to the end of the period (Month 0): the Day of
// the MonthOffset-th month after the period's last month ("M+1/15": the 15th of the month after
// the quarter; for Quý IV/2026 that is 15/01/2027).
//
// A relative Day past the end of its month means the month's last day ("M+1/31" is 28/02 or 29/02
// after a January period end). An absolute 29/02 means 28/02 in common years.
type DeadlineRule struct {
	Day         int         `json:"day"`                    // 1–31
	Month       int         `json:"month"`                  // 1–12 for an absolute rule; 0 for a relative rule
	MonthOffset int         `json:"month_offset,omitempty"` // relative rules: months after the period's last month, 0–12
	Shift       ShiftPolicy `json:"shift,omitempty"`        // "" means ShiftPrevious
}

// Relative reports whether r is relative to the period's end (Month == 0).
func (r DeadlineRule) Relative() bool { return r.Month == 0 }

// Validate checks r. Errors are *Error with code rule_day, rule_month, rule_offset or rule_shift.
func (r DeadlineRule) Validate() error {
	in := r.String()
	if r.Month < 0 || r.Month > 12 {
		return errorf(CodeRuleMonth, in, "month %d out of range 1–12 (0 for a relative rule)", r.Month)
	}
	if r.Day < 1 || r.Day > 31 {
		return errorf(CodeRuleDay, in, "day %d out of range 1–31", r.Day)
	}
	if r.Month > 0 {
		if r.Day > daysIn(2000, time.Month(r.Month)) { // 2000 is a leap year: 29/02 is allowed
			return errorf(CodeRuleDay, in, "day %d does not exist in month %d", r.Day, r.Month)
		}
		if r.MonthOffset != 0 {
			return errorf(CodeRuleOffset, in, "an absolute rule has no month offset")
		}
	} else if r.MonthOffset < 0 || r.MonthOffset > 12 {
		return errorf(CodeRuleOffset, in, "month offset %d out of range 0–12", r.MonthOffset)
	}
	if !r.Shift.Valid() {
		return errorf(CodeRuleShift, string(r.Shift), "unknown shift policy")
	}
	return nil
}

// String formats the date part of r in ParseRule's syntax: "15/6", "M+1/15", "M/25". The shift
// policy is not part of it.
func (r DeadlineRule) String() string {
	switch {
	case r.Month != 0:
		return fmt.Sprintf("%d/%d", r.Day, r.Month)
	case r.MonthOffset == 0:
		return fmt.Sprintf("M/%d", r.Day)
	default:
		return fmt.Sprintf("M+%d/%d", r.MonthOffset, r.Day)
	}
}

// ParseRule parses the date part of a deadline rule; the returned rule has Shift ShiftPrevious
// (set Shift afterwards to change it). Spaces around the parts are ignored. The syntax is:
//
//	D/M     absolute: day D of month M in the period's year. "15/6", "15/06", "15/11".
//	M+K/D   relative: day D of the K-th month after the period's last month, K = 0–12 (the
//	        year rolls over as needed). "M+1/15": the 15th of the month after the period ends;
//	        an annual report due "15/01 of next year" is "M+1/15".
//	M/D     relative with K = 0: day D of the period's last month. "M/25".
//
// "M" may be lower case. Errors are *Error with code rule_syntax (empty text, wrong shape,
// non-digits, a year), rule_day, rule_month or rule_offset.
func ParseRule(s string) (DeadlineRule, error) {
	in := s
	bad := func(why string) (DeadlineRule, error) {
		return DeadlineRule{}, errorf(CodeRuleSyntax, in, `%s; want "D/M" (e.g. "15/6") or "M+K/D" (e.g. "M+1/15")`, why)
	}
	s = strings.TrimSpace(s)
	if s == "" {
		return bad("empty rule")
	}
	parts := strings.Split(s, "/")
	if len(parts) == 3 {
		return bad("a rule has no year")
	}
	if len(parts) != 2 {
		return bad("missing or extra \"/\"")
	}
	left, right := strings.TrimSpace(parts[0]), strings.TrimSpace(parts[1])
	var r DeadlineRule
	if left != "" && (left[0] == 'M' || left[0] == 'm') {
		// Relative: M, M+K; right is the day.
		off := strings.TrimSpace(left[1:])
		if off != "" {
			sign := off[0]
			num := strings.TrimSpace(off[1:])
			if sign == '-' {
				return DeadlineRule{}, errorf(CodeRuleOffset, in, "a deadline cannot come before the period's last month")
			}
			if sign != '+' {
				return bad("want \"+\" after \"M\"")
			}
			k, ok := number(num)
			if !ok {
				return bad("month offset is not a number")
			}
			if k > 12 {
				return DeadlineRule{}, errorf(CodeRuleOffset, in, "month offset %s out of range 0–12", num)
			}
			r.MonthOffset = k
		}
		d, ok := number(right)
		if !ok {
			return bad("day is not a number")
		}
		r.Day = d
	} else {
		d, okD := number(left)
		m, okM := number(right)
		if !okD || !okM {
			return bad("day and month must be numbers")
		}
		if m < 1 || m > 12 {
			return DeadlineRule{}, errorf(CodeRuleMonth, in, "month %s out of range 1–12", right)
		}
		r.Day, r.Month = d, m
	}
	r.Shift = ShiftPrevious
	if err := r.Validate(); err != nil {
		var e *Error
		if errors.As(err, &e) {
			e.Input = in
		}
		return DeadlineRule{}, err
	}
	return r, nil
}

// number parses 1–4 ASCII digits; longer digit strings are reported as 99999 (out of every range)
// so that "150/6" is a day error rather than a syntax error.
func number(s string) (int, bool) {
	if n, ok := digits(s, 1, 4); ok {
		return n, true
	}
	if s == "" {
		return 0, false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
	}
	return 99999, true
}

// Nominal returns the date r names for period p, before any shift. Errors are those of
// DeadlineRule.Validate and Period.Validate; an AdHoc period has no recurring deadline
// (period_kind).
func (r DeadlineRule) Nominal(p Period) (Date, error) {
	if err := r.Validate(); err != nil {
		return Date{}, err
	}
	if err := p.Validate(); err != nil {
		return Date{}, err
	}
	if !p.periodic() {
		return Date{}, errorf(CodePeriodKind, string(p.Kind), "an ad hoc report has no recurring deadline")
	}
	year, month := p.Year, time.Month(r.Month)
	if r.Relative() {
		m := p.lastMonth() + r.MonthOffset // 1..24
		year += (m - 1) / 12
		month = time.Month((m-1)%12 + 1)
	}
	return Date{Year: year, Month: month, Day: min(r.Day, daysIn(year, month))}, nil
}

// Deadline returns the date rule names for period p (nominal) and the date the report is really
// due after applying the rule's shift policy on cal (due; a nil cal means Saturday–Sunday
// weekends only). An absolute rule earlier than the end of the cut-off window is legal (Quảng
// Ngãi's annual report is due before 15/11); see Warnings. For an invalid rule or period, or an
// AdHoc period, both dates are zero: check DeadlineRule.Nominal or Validate for the reason.
func Deadline(p Period, rule DeadlineRule, cal *Calendar) (nominal, due Date) {
	nominal, err := rule.Nominal(p)
	if err != nil {
		return Date{}, Date{}
	}
	return nominal, rule.Shift.Apply(cal, nominal)
}

// Warning codes returned by DeadlineRule.Warnings, usable as i18n keys "warning.<code>".
const (
	// WarnBeforeCutOffEnd: for some period the nominal deadline falls before the end of the default
	// data cut-off window (the province uses its own cut-off; legal, but worth confirming).
	WarnBeforeCutOffEnd = "deadline_before_cutoff_end"
	// WarnAbsoluteRepeats: an absolute rule on a quarterly or half-yearly regime gives every period
	// of a year the same date; a relative rule ("M+1/15") or one regime per period is likely meant.
	WarnAbsoluteRepeats = "deadline_absolute_repeats"
)

// Warnings returns advisory codes (WarnBeforeCutOffEnd, WarnAbsoluteRepeats) for using r with
// frequency freq. Nothing is rejected: the codes only help a province review its configuration.
// It returns nil for an invalid rule or a non-periodic frequency.
func (r DeadlineRule) Warnings(freq Frequency) []string {
	if r.Validate() != nil || freq.PeriodsPerYear() == 0 {
		return nil
	}
	var out []string
	for _, p := range Periods(freq, 2001) { // any common year: cut-offs do not depend on the year
		nominal, _ := r.Nominal(p)
		if _, to := CutOff(p); nominal.Before(to) {
			out = append(out, WarnBeforeCutOffEnd)
			break
		}
	}
	if !r.Relative() && freq.PeriodsPerYear() > 1 {
		out = append(out, WarnAbsoluteRepeats)
	}
	return out
}

// Occurrence is one concrete deadline of a regime: the period reported on, its cut-off window and
// its nominal and due dates.
type Occurrence struct {
	Period  Period `json:"period"`
	Nominal Date   `json:"nominal"`
	Due     Date   `json:"due"`
	CutFrom Date   `json:"cut_from"`
	CutTo   Date   `json:"cut_to"`
	// Off names why the nominal date is not a working day when it is a holiday or a compensatory
	// day off ("Nghỉ bù Giỗ Tổ Hùng Vương"); empty for a weekend or a working day.
	Off string `json:"off,omitempty"`
}

// NextDeadlines returns the next n deadlines of a regime with frequency freq and rule, whose due
// date (after shifting on cal) is on or after from, in order of due date (ties in period order),
// crossing year ends as needed. It returns nil when n <= 0, freq is AdHoc or unknown, or rule is
// invalid.
func NextDeadlines(freq Frequency, rule DeadlineRule, cal *Calendar, from Date, n int) []Occurrence {
	if n <= 0 || freq.PeriodsPerYear() == 0 || rule.Validate() != nil {
		return nil
	}
	from = from.norm()
	// Due dates never decrease from one period to the next (nominal dates do not, and shifting is
	// monotone), so walking periods in order yields deadlines in order. A deadline is at most
	// 12 months after its period's last month, so periods ending two years before from are past.
	out := make([]Occurrence, 0, min(n, 64))
	for p := (Period{Kind: freq, Year: max(1, from.Year-2), Index: 1}); len(out) < n && p.Year <= 9999; p = p.Next() {
		nominal, due := Deadline(p, rule, cal)
		if due.Before(from) {
			continue
		}
		cf, ct := CutOff(p)
		out = append(out, Occurrence{Period: p, Nominal: nominal, Due: due, CutFrom: cf, CutTo: ct, Off: cal.HolidayName(nominal)})
	}
	return out
}
