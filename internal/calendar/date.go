package calendar

import (
	"fmt"
	"strings"
	"time"
	_ "time/tzdata" // Asia/Ho_Chi_Minh must resolve even on hosts without a zoneinfo database.
)

// vietnam is Asia/Ho_Chi_Minh; Vietnam has no daylight saving time, so a fixed UTC+7 zone is an
// exact fallback should the embedded database ever fail to load.
var vietnam = func() *time.Location {
	loc, err := time.LoadLocation("Asia/Ho_Chi_Minh")
	if err != nil {
		return time.FixedZone("ICT", 7*60*60)
	}
	return loc
}()

// Location returns the Asia/Ho_Chi_Minh time zone in which civil dates are interpreted.
func Location() *time.Location { return vietnam }

// Date is a civil date (year, month, day) with no time zone: a day on a Vietnamese wall calendar.
// The zero Date is "no date" (IsZero); it marshals to an empty string.
//
// Dates are comparable with == only when normalized (as returned by every function of this
// package); Equal normalizes first.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// NewDate returns the date year-month-day, normalizing out-of-range values the way time.Date does:
// NewDate(2026, 2, 30) is 02/03/2026 and NewDate(2027, 0, 15) is 15/12/2026. Use Parse or Valid
// to reject such input instead.
func NewDate(year int, month time.Month, day int) Date {
	t := time.Date(year, month, day, 0, 0, 0, 0, time.UTC)
	return Date{Year: t.Year(), Month: t.Month(), Day: t.Day()}
}

// Today returns today's civil date in Vietnam (Asia/Ho_Chi_Minh), whatever the server's zone. It
// is the package's one reading of the clock; code that must be testable takes a now and calls
// DateAt.
func Today() Date { return DateAt(time.Now()) }

// DateAt returns the civil date in Vietnam at the instant t, whatever t's location: 23:30 UTC on
// 14/06 is already 15/06 in Hà Nội.
func DateAt(t time.Time) Date {
	t = t.In(vietnam)
	return Date{Year: t.Year(), Month: t.Month(), Day: t.Day()}
}

// The years Parse accepts. Dates typed by people (a unit's founding, a decision, a holiday, a
// deadline) fall well inside; anything outside is a typing mistake ("0025", "20255") that would
// otherwise be stored as a real date.
const (
	MinYear = 1900
	MaxYear = 2200
)

// Parse is danvan's one parser of dates typed by people (forms, query strings, import files). It
// accepts the Vietnamese "dd/mm/yyyy", also with a one-digit day or month ("5/6/2026"), and ISO
// "yyyy-mm-dd" (exactly that layout). It is strict: ASCII digits only (no sign, no full-width
// digits), a four-digit year within MinYear–MaxYear, a day that exists in its month, and nothing
// around the date but white space, which is trimmed (a spreadsheet cell " 01/07/2025 "). Errors
// are *Error with code date_syntax, date_day, date_month or date_year, carrying the input as given.
func Parse(s string) (Date, error) {
	t := strings.TrimSpace(s)
	switch {
	case strings.Contains(t, "/"):
		return parseVN(s, t)
	case strings.Contains(t, "-"):
		return parseISO(s, t)
	}
	return Date{}, errorf(CodeDateSyntax, s, "want dd/mm/yyyy or yyyy-mm-dd")
}

// parseVN parses "dd/mm/yyyy" (t is in, trimmed).
func parseVN(in, t string) (Date, error) {
	parts := strings.Split(t, "/")
	if len(parts) != 3 {
		return Date{}, errorf(CodeDateSyntax, in, "want dd/mm/yyyy")
	}
	day, okD := digits(parts[0], 1, 2)
	month, okM := digits(parts[1], 1, 2)
	year, okY := digits(parts[2], 4, 4)
	if !okD || !okM || !okY {
		return Date{}, errorf(CodeDateSyntax, in, "want dd/mm/yyyy")
	}
	return checkDate(in, year, month, day)
}

// parseISO parses "yyyy-mm-dd" (t is in, trimmed).
func parseISO(in, t string) (Date, error) {
	parts := strings.Split(t, "-")
	if len(parts) != 3 {
		return Date{}, errorf(CodeDateSyntax, in, "want yyyy-mm-dd")
	}
	year, okY := digits(parts[0], 4, 4)
	month, okM := digits(parts[1], 2, 2)
	day, okD := digits(parts[2], 2, 2)
	if !okD || !okM || !okY {
		return Date{}, errorf(CodeDateSyntax, in, "want yyyy-mm-dd")
	}
	return checkDate(in, year, month, day)
}

func checkDate(in string, year, month, day int) (Date, error) {
	if year < MinYear || year > MaxYear {
		return Date{}, errorf(CodeDateYear, in, "year %d out of range %d–%d", year, MinYear, MaxYear)
	}
	if month < 1 || month > 12 {
		return Date{}, errorf(CodeDateMonth, in, "month %d out of range 1–12", month)
	}
	if day < 1 || day > daysIn(year, time.Month(month)) {
		return Date{}, errorf(CodeDateDay, in, "day %d does not exist in %02d/%04d", day, month, year)
	}
	return Date{Year: year, Month: time.Month(month), Day: day}, nil
}

// digits parses s as a decimal number of minLen to maxLen ASCII digits (no sign, no spaces).
func digits(s string, minLen, maxLen int) (int, bool) {
	if len(s) < minLen || len(s) > maxLen {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// daysIn returns the number of days of month in year.
func daysIn(year int, month time.Month) int {
	return time.Date(year, month+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// String formats d the Vietnamese way, "15/06/2026": two-digit day and month, four-digit year.
// The zero Date formats as "".
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%02d/%02d/%04d", d.Day, int(d.Month), d.Year)
}

// ISO formats d as "2026-06-15"; the zero Date formats as "".
func (d Date) ISO() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// IsZero reports whether d is the zero Date ("no date").
func (d Date) IsZero() bool { return d == Date{} }

// Valid reports whether d names an existing day (year 1–9999, month 1–12, day within the month)
// without normalization.
func (d Date) Valid() bool {
	return d.Year >= 1 && d.Year <= 9999 && d.Month >= 1 && d.Month <= 12 &&
		d.Day >= 1 && d.Day <= daysIn(d.Year, d.Month)
}

func (d Date) utc() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) }

// norm returns d normalized (NewDate semantics).
func (d Date) norm() Date { return NewDate(d.Year, d.Month, d.Day) }

// AddDays returns d plus n calendar days (n may be negative).
func (d Date) AddDays(n int) Date { return NewDate(d.Year, d.Month, d.Day+n) }

// Sub returns the number of calendar days from o to d (d − o): positive when d is after o.
func (d Date) Sub(o Date) int {
	return int((d.utc().Unix() - o.utc().Unix()) / (24 * 60 * 60))
}

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday { return d.utc().Weekday() }

// Compare returns -1, 0 or +1 as d is before, equal to or after o.
func (d Date) Compare(o Date) int { return d.utc().Compare(o.utc()) }

// Before reports whether d is strictly before o.
func (d Date) Before(o Date) bool { return d.Compare(o) < 0 }

// After reports whether d is strictly after o.
func (d Date) After(o Date) bool { return d.Compare(o) > 0 }

// Equal reports whether d and o are the same day (after normalization).
func (d Date) Equal(o Date) bool { return d.Compare(o) == 0 }

// Time returns the instant d starts in Vietnam: midnight Asia/Ho_Chi_Minh.
func (d Date) Time() time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, vietnam)
}

// UTC returns d as danvan stores a civil date in a time column (a unit's valid_from, a decision
// date): midnight UTC of that day. It is the conversion at the storage boundary only; a stored
// value t reads back as NewDate(t.UTC().Date()). Compare it with other stored dates, never with
// Time (midnight in Vietnam is 17:00 UTC the day before).
func (d Date) UTC() time.Time { return d.utc() }

// MarshalText encodes d as ISO "2026-06-15" (so JSON carries "2026-06-15"); the zero Date encodes
// as "".
func (d Date) MarshalText() ([]byte, error) {
	if !d.IsZero() && !d.Valid() {
		return nil, errorf(CodeDateDay, "", "cannot marshal invalid date %d-%d-%d", d.Year, int(d.Month), d.Day)
	}
	return []byte(d.ISO()), nil
}

// UnmarshalText decodes what Parse accepts (ISO "2026-06-15" or Vietnamese "15/06/2026", also
// "5/6/2026"); an empty text decodes to the zero Date. JSON uses it, so {"due":"15/06/2026"} is
// accepted too.
func (d *Date) UnmarshalText(b []byte) error {
	s := strings.TrimSpace(string(b))
	if s == "" {
		*d = Date{}
		return nil
	}
	v, err := Parse(s)
	if err != nil {
		return err
	}
	*d = v
	return nil
}
