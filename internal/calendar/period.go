package calendar

import (
	"fmt"
	"strings"
	"time"
)

// Frequency is how often a reporting regime recurs (tần suất báo cáo, Nghị định 09/2019/NĐ-CP).
type Frequency string

// The frequencies.
const (
	Quarterly  Frequency = "quarterly"  // báo cáo quý
	SemiAnnual Frequency = "semiannual" // báo cáo 6 tháng
	Annual     Frequency = "annual"     // báo cáo năm
	AdHoc      Frequency = "adhoc"      // báo cáo đột xuất: no periods, no recurring deadline
)

// Valid reports whether f is one of the Frequency constants.
func (f Frequency) Valid() bool {
	switch f {
	case Quarterly, SemiAnnual, Annual, AdHoc:
		return true
	}
	return false
}

// PeriodsPerYear returns 4, 2 or 1 for the periodic frequencies, and 0 for AdHoc or an unknown one.
func (f Frequency) PeriodsPerYear() int {
	switch f {
	case Quarterly:
		return 4
	case SemiAnnual:
		return 2
	case Annual:
		return 1
	}
	return 0
}

// months returns the number of months in one period of f (0 when f is not periodic).
func (f Frequency) months() int {
	if n := f.PeriodsPerYear(); n > 0 {
		return 12 / n
	}
	return 0
}

// Period is one reporting period: quarter Index (1–4), half-year Index (1–2) or the year (Index 1)
// of Year. An AdHoc period has no index (0) and no cut-off window.
type Period struct {
	Kind  Frequency `json:"kind"`
	Year  int       `json:"year"`
	Index int       `json:"index"`
}

// NewPeriod returns the period after validating it (see Period.Validate); on error the Period is
// zero.
func NewPeriod(kind Frequency, year, index int) (Period, error) {
	p := Period{Kind: kind, Year: year, Index: index}
	if err := p.Validate(); err != nil {
		return Period{}, err
	}
	return p, nil
}

// Validate checks p: errors are *Error with code period_kind, period_year or period_index. An
// AdHoc period must have Index 0.
func (p Period) Validate() error {
	if !p.Kind.Valid() {
		return errorf(CodePeriodKind, string(p.Kind), "unknown frequency")
	}
	if p.Year < 1 || p.Year > 9999 {
		return errorf(CodePeriodYear, "", "year %d out of range 1–9999", p.Year)
	}
	max := p.Kind.PeriodsPerYear()
	if (max == 0 && p.Index != 0) || (max > 0 && (p.Index < 1 || p.Index > max)) {
		return errorf(CodePeriodIndex, "", "index %d does not fit a %s period", p.Index, p.Kind)
	}
	return nil
}

// periodic reports whether p is a valid quarter, half-year or year.
func (p Period) periodic() bool { return p.Validate() == nil && p.Kind.PeriodsPerYear() > 0 }

// PeriodOf returns the period of frequency kind whose months contain d (Quý II/2026 for 15/05/2026).
// For AdHoc or an unknown kind it returns the zero Period.
func PeriodOf(kind Frequency, d Date) Period {
	m := kind.months()
	if m == 0 {
		return Period{}
	}
	d = d.norm()
	return Period{Kind: kind, Year: d.Year, Index: (int(d.Month)-1)/m + 1}
}

// Periods returns the periods of kind in year, in order (nil for AdHoc or an unknown kind).
func Periods(kind Frequency, year int) []Period {
	n := kind.PeriodsPerYear()
	if n == 0 {
		return nil
	}
	out := make([]Period, n)
	for i := range out {
		out[i] = Period{Kind: kind, Year: year, Index: i + 1}
	}
	return out
}

// firstMonth and lastMonth are the period's first and last months as 1–12.
func (p Period) firstMonth() int { return (p.Index-1)*p.Kind.months() + 1 }
func (p Period) lastMonth() int  { return p.Index * p.Kind.months() }

// Start returns the first day of the period's months (01/04/2026 for Quý II/2026), or the zero Date
// when p is not a valid periodic period.
func (p Period) Start() Date {
	if !p.periodic() {
		return Date{}
	}
	return Date{Year: p.Year, Month: time.Month(p.firstMonth()), Day: 1}
}

// End returns the last day of the period's months (30/06/2026 for Quý II/2026), or the zero Date
// when p is not a valid periodic period.
func (p Period) End() Date {
	if !p.periodic() {
		return Date{}
	}
	return NewDate(p.Year, time.Month(p.lastMonth()+1), 0)
}

// Next returns the period after p (Quý I/2027 after Quý IV/2026); AdHoc and invalid periods are
// returned unchanged.
func (p Period) Next() Period {
	if !p.periodic() {
		return p
	}
	if p.Index == p.Kind.PeriodsPerYear() {
		return Period{Kind: p.Kind, Year: p.Year + 1, Index: 1}
	}
	return Period{Kind: p.Kind, Year: p.Year, Index: p.Index + 1}
}

// Prev returns the period before p; AdHoc and invalid periods are returned unchanged.
func (p Period) Prev() Period {
	if !p.periodic() {
		return p
	}
	if p.Index == 1 {
		return Period{Kind: p.Kind, Year: p.Year - 1, Index: p.Kind.PeriodsPerYear()}
	}
	return Period{Kind: p.Kind, Year: p.Year, Index: p.Index - 1}
}

// CutOff returns the default data cut-off window (thời gian chốt số liệu) of p under Nghị định
// 09/2019/NĐ-CP, both ends included: from the 15th of the month before the period's first month to
// the 14th of its last month. So:
//
//   - quarter: 15th of the month before the quarter → 14th of its last month
//     (Quý I/2026: 15/12/2025 → 14/03/2026);
//   - first half: 15/12 of the previous year → 14/6; second half: 15/6 → 14/12;
//   - year: 15/12 of the previous year → 14/12.
//
// AdHoc and invalid periods have no window: both dates are zero.
func CutOff(p Period) (from, to Date) {
	if !p.periodic() {
		return Date{}, Date{}
	}
	from = NewDate(p.Year, time.Month(p.firstMonth()-1), 15)
	to = Date{Year: p.Year, Month: time.Month(p.lastMonth()), Day: 14}
	return from, to
}

// CutOffAt is a province's own data window for p: it ends on day `day` (1–28) of the period's
// last month and starts the day after that day in the month before its first. Day 14 is
// Nghị định 09/2019's default (CutOff); day 0 means that default.
func CutOffAt(p Period, day int) (from, to Date) {
	if day == 0 {
		return CutOff(p)
	}
	if !p.periodic() || day < 1 || day > 28 {
		return Date{}, Date{}
	}
	return NewDate(p.Year, time.Month(p.firstMonth()-1), day+1), Date{Year: p.Year, Month: time.Month(p.lastMonth()), Day: day}
}

var roman = [...]string{"", "I", "II", "III", "IV"}

// LabelVI returns the Vietnamese label: "Quý II/2026", "6 tháng đầu năm 2026",
// "6 tháng cuối năm 2026", "Năm 2026", "Đột xuất" (for AdHoc). Invalid periods give "".
func (p Period) LabelVI() string {
	if p.Validate() != nil {
		return ""
	}
	switch p.Kind {
	case Quarterly:
		return fmt.Sprintf("Quý %s/%d", roman[p.Index], p.Year)
	case SemiAnnual:
		if p.Index == 1 {
			return fmt.Sprintf("6 tháng đầu năm %d", p.Year)
		}
		return fmt.Sprintf("6 tháng cuối năm %d", p.Year)
	case Annual:
		return fmt.Sprintf("Năm %d", p.Year)
	}
	return "Đột xuất"
}

// LabelEN returns the English label: "Q2 2026", "First half of 2026", "Second half of 2026",
// "Year 2026", "Ad hoc" (for AdHoc). Invalid periods give "".
func (p Period) LabelEN() string {
	if p.Validate() != nil {
		return ""
	}
	switch p.Kind {
	case Quarterly:
		return fmt.Sprintf("Q%d %d", p.Index, p.Year)
	case SemiAnnual:
		if p.Index == 1 {
			return fmt.Sprintf("First half of %d", p.Year)
		}
		return fmt.Sprintf("Second half of %d", p.Year)
	case Annual:
		return fmt.Sprintf("Year %d", p.Year)
	}
	return "Ad hoc"
}

// Label returns LabelVI for a language tag starting with "vi" ("vi", "vi-VN") and LabelEN otherwise.
func (p Period) Label(lang string) string {
	if strings.HasPrefix(strings.ToLower(lang), "vi") {
		return p.LabelVI()
	}
	return p.LabelEN()
}

// String returns a stable key for p, for storage and URLs: "2026-Q2", "2026-H1", "2026" (annual),
// "adhoc-2026". Invalid periods give "". ParsePeriod reads it back.
func (p Period) String() string {
	if p.Validate() != nil {
		return ""
	}
	switch p.Kind {
	case Quarterly:
		return fmt.Sprintf("%04d-Q%d", p.Year, p.Index)
	case SemiAnnual:
		return fmt.Sprintf("%04d-H%d", p.Year, p.Index)
	case Annual:
		return fmt.Sprintf("%04d", p.Year)
	}
	return fmt.Sprintf("adhoc-%04d", p.Year)
}

// ParsePeriod parses a key produced by Period.String. Errors are *Error with code period_syntax,
// or those of Period.Validate.
func ParsePeriod(s string) (Period, error) {
	in := s
	s = strings.TrimSpace(s)
	bad := errorf(CodePeriodSyntax, in, `want "2026-Q2", "2026-H1", "2026" or "adhoc-2026"`)
	if rest, ok := strings.CutPrefix(s, "adhoc-"); ok {
		y, ok := digits(rest, 4, 4)
		if !ok {
			return Period{}, bad
		}
		return NewPeriod(AdHoc, y, 0)
	}
	ys, suffix, hasSuffix := strings.Cut(s, "-")
	y, ok := digits(ys, 4, 4)
	if !ok {
		return Period{}, bad
	}
	if !hasSuffix {
		return NewPeriod(Annual, y, 1)
	}
	if len(suffix) != 2 {
		return Period{}, bad
	}
	idx, ok := digits(suffix[1:], 1, 1)
	if !ok {
		return Period{}, bad
	}
	switch suffix[0] {
	case 'Q':
		return NewPeriod(Quarterly, y, idx)
	case 'H':
		return NewPeriod(SemiAnnual, y, idx)
	}
	return Period{}, bad
}
