package calendar

import (
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

// mustRule parses a rule for tables and sets its shift policy.
func mustRule(t *testing.T, s string, shift ShiftPolicy) DeadlineRule {
	t.Helper()
	r, err := ParseRule(s)
	if err != nil {
		t.Fatalf("ParseRule(%q): %v", s, err)
	}
	r.Shift = shift
	return r
}

func TestParseRule(t *testing.T) {
	tests := []struct {
		in   string
		want DeadlineRule
		str  string
	}{
		{"15/6", DeadlineRule{Day: 15, Month: 6}, "15/6"},
		{"15/06", DeadlineRule{Day: 15, Month: 6}, "15/6"},
		{" 15 / 11 ", DeadlineRule{Day: 15, Month: 11}, "15/11"},
		{"29/2", DeadlineRule{Day: 29, Month: 2}, "29/2"},
		{"31/12", DeadlineRule{Day: 31, Month: 12}, "31/12"},
		{"M+1/15", DeadlineRule{Day: 15, MonthOffset: 1}, "M+1/15"},
		{"m+1/15", DeadlineRule{Day: 15, MonthOffset: 1}, "M+1/15"},
		{"M + 2 / 31", DeadlineRule{Day: 31, MonthOffset: 2}, "M+2/31"},
		{"M+12/1", DeadlineRule{Day: 1, MonthOffset: 12}, "M+12/1"},
		{"M+01/05", DeadlineRule{Day: 5, MonthOffset: 1}, "M+1/5"},
		{"M/25", DeadlineRule{Day: 25}, "M/25"},
		{"M+0/25", DeadlineRule{Day: 25}, "M/25"},
	}
	for _, tt := range tests {
		tt.want.Shift = ShiftPrevious
		got, err := ParseRule(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParseRule(%q) = %+v, %v; want %+v", tt.in, got, err, tt.want)
			continue
		}
		if got.String() != tt.str {
			t.Errorf("%+v.String() = %q, want %q", got, got.String(), tt.str)
		}
		if back, err := ParseRule(got.String()); err != nil || back != got {
			t.Errorf("round trip of %q: %+v, %v", tt.in, back, err)
		}
	}
}

func TestParseRuleErrors(t *testing.T) {
	tests := []struct {
		in, code string
	}{
		{"", CodeRuleSyntax},
		{"   ", CodeRuleSyntax},
		{"15", CodeRuleSyntax},
		{"abc", CodeRuleSyntax},
		{"15-6", CodeRuleSyntax},
		{"15/6/2026", CodeRuleSyntax},
		{"15//6", CodeRuleSyntax},
		{"/6", CodeRuleSyntax},
		{"15/", CodeRuleSyntax},
		{"+15/6", CodeRuleSyntax},
		{"15/+6", CodeRuleSyntax},
		{"1 5/6", CodeRuleSyntax},
		{"15 of next month", CodeRuleSyntax},
		{"M*1/15", CodeRuleSyntax},
		{"M+/15", CodeRuleSyntax},
		{"M+x/15", CodeRuleSyntax},
		{"M+1/", CodeRuleSyntax},
		{"Q+1/15", CodeRuleSyntax},
		{"０15/6", CodeRuleSyntax},
		{"0/6", CodeRuleDay},
		{"32/6", CodeRuleDay},
		{"31/4", CodeRuleDay},
		{"30/2", CodeRuleDay},
		{"150/6", CodeRuleDay},
		{"M+1/0", CodeRuleDay},
		{"M+1/32", CodeRuleDay},
		{"15/13", CodeRuleMonth},
		{"15/0", CodeRuleMonth},
		{"15/600", CodeRuleMonth},
		{"M+13/15", CodeRuleOffset},
		{"M-1/15", CodeRuleOffset},
		{"M+99999/1", CodeRuleOffset},
	}
	for _, tt := range tests {
		got, err := ParseRule(tt.in)
		if Code(err) != tt.code || got != (DeadlineRule{}) {
			t.Errorf("ParseRule(%q) = %+v, %v; want code %s", tt.in, got, err, tt.code)
			continue
		}
		var e *Error
		if !errors.As(err, &e) || e.Input != tt.in || e.Msg == "" || !strings.Contains(err.Error(), tt.code) {
			t.Errorf("ParseRule(%q): error %#v lacks code, input or message", tt.in, err)
		}
	}
}

func TestRuleValidate(t *testing.T) {
	tests := []struct {
		r    DeadlineRule
		code string
	}{
		{DeadlineRule{Day: 15, Month: 6}, ""},
		{DeadlineRule{Day: 15, Month: 6, Shift: ShiftNone}, ""},
		{DeadlineRule{Day: 15, MonthOffset: 1, Shift: ShiftNext}, ""},
		{DeadlineRule{Day: 15, Month: 6, Shift: "sideways"}, CodeRuleShift},
		{DeadlineRule{Day: 15, Month: 6, MonthOffset: 1}, CodeRuleOffset},
		{DeadlineRule{Day: 15, MonthOffset: -1}, CodeRuleOffset},
		{DeadlineRule{Day: 15, Month: 13}, CodeRuleMonth},
		{DeadlineRule{Day: 15, Month: -1}, CodeRuleMonth},
		{DeadlineRule{Day: 0, Month: 6}, CodeRuleDay},
		{DeadlineRule{Day: 31, Month: 6}, CodeRuleDay},
		{DeadlineRule{}, CodeRuleDay},
	}
	for _, tt := range tests {
		if got := Code(tt.r.Validate()); got != tt.code {
			t.Errorf("%+v.Validate() code %q, want %q", tt.r, got, tt.code)
		}
	}
}

func TestShiftPolicy(t *testing.T) {
	c := cal2026(t)
	sunday := d(2026, 11, 15)
	assertWeekday(t, sunday, time.Sunday)
	tests := []struct {
		s    ShiftPolicy
		want Date
	}{
		{"", d(2026, 11, 13)},
		{ShiftPrevious, d(2026, 11, 13)},
		{ShiftNext, d(2026, 11, 16)},
		{ShiftNone, sunday},
	}
	for _, tt := range tests {
		if got := tt.s.Apply(c, sunday); got != tt.want {
			t.Errorf("%q.Apply(%v) = %v, want %v", tt.s, sunday, got, tt.want)
		}
	}
	if ShiftPolicy("").Effective() != ShiftPrevious || !ShiftPolicy("").Valid() || ShiftPolicy("later").Valid() {
		t.Error("Effective/Valid wrong")
	}
}

func TestDeadline(t *testing.T) {
	c2026 := cal2026(t)
	c2025, _ := Default(2025)
	c2627 := Merge(c2026, func() *Calendar { c, _ := Default(2027); return c }())
	c2728, _ := Default(2027, 2028)
	makeUp, err := New(Config{Holidays: c2026.Holidays(), MakeUpDays: []Date{d(2026, 8, 15)}})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name         string
		p            Period
		rule         string
		shift        ShiftPolicy
		cal          *Calendar
		nominal, due Date
		dueWeekday   time.Weekday
	}{
		{"Quảng Ngãi 6 tháng đầu năm 2026: 15/6 is a Monday",
			Period{SemiAnnual, 2026, 1}, "15/6", ShiftPrevious, c2026, d(2026, 6, 15), d(2026, 6, 15), time.Monday},
		{"Quảng Ngãi báo cáo năm 2026: Sunday 15/11 → Friday 13/11",
			Period{Annual, 2026, 1}, "15/11", ShiftPrevious, c2026, d(2026, 11, 15), d(2026, 11, 13), time.Friday},
		{"default policy is previous working day",
			Period{Annual, 2026, 1}, "15/11", "", c2026, d(2026, 11, 15), d(2026, 11, 13), time.Friday},
		{"Sunday with next_working_day → Monday",
			Period{Annual, 2026, 1}, "15/11", ShiftNext, c2026, d(2026, 11, 15), d(2026, 11, 16), time.Monday},
		{"Sunday with none stays",
			Period{Annual, 2026, 1}, "15/11", ShiftNone, c2026, d(2026, 11, 15), d(2026, 11, 15), time.Sunday},
		{"nil calendar still skips weekends",
			Period{Annual, 2026, 1}, "15/11", ShiftPrevious, nil, d(2026, 11, 15), d(2026, 11, 13), time.Friday},
		{"Sunday 14/6 with previous → Friday 12/6",
			Period{SemiAnnual, 2026, 1}, "14/6", ShiftPrevious, c2026, d(2026, 6, 14), d(2026, 6, 12), time.Friday},
		{"inside Tết 2026 (mùng 2) → Friday 13/02 before the closure",
			Period{Quarterly, 2025, 4}, "M+2/18", ShiftPrevious, Merge(c2025, c2026), d(2026, 2, 18), d(2026, 2, 13), time.Friday},
		{"inside Tết 2026, absolute rule",
			Period{Annual, 2026, 1}, "18/2", ShiftPrevious, c2026, d(2026, 2, 18), d(2026, 2, 13), time.Friday},
		{"inside Tết 2026 with next_working_day → Monday 23/02",
			Period{Annual, 2026, 1}, "18/2", ShiftNext, c2026, d(2026, 2, 18), d(2026, 2, 23), time.Monday},
		{"on a make-up Saturday the deadline stays",
			Period{Annual, 2026, 1}, "15/8", ShiftPrevious, makeUp, d(2026, 8, 15), d(2026, 8, 15), time.Saturday},
		{"the same Saturday without the make-up day → Friday",
			Period{Annual, 2026, 1}, "15/8", ShiftPrevious, c2026, d(2026, 8, 15), d(2026, 8, 14), time.Friday},
		{"Quý IV/2026 M+1/15 → 15/01/2027, a Friday",
			Period{Quarterly, 2026, 4}, "M+1/15", ShiftPrevious, c2627, d(2027, 1, 15), d(2027, 1, 15), time.Friday},
		{"Quý IV/2027 M+1/15 → Saturday 15/01/2028 → Friday 14/01/2028",
			Period{Quarterly, 2027, 4}, "M+1/15", ShiftPrevious, c2728, d(2028, 1, 15), d(2028, 1, 14), time.Friday},
		{"Quý IV/2026 M+1/1 → 01/01/2027 holiday → back into 2026",
			Period{Quarterly, 2026, 4}, "M+1/1", ShiftPrevious, c2627, d(2027, 1, 1), d(2026, 12, 31), time.Thursday},
		{"Quý IV/2026 M+1/1 with next_working_day → Monday 04/01/2027",
			Period{Quarterly, 2026, 4}, "M+1/1", ShiftNext, c2627, d(2027, 1, 1), d(2027, 1, 4), time.Monday},
		{"annual report due 15/01 of next year",
			Period{Annual, 2026, 1}, "M+1/15", ShiftPrevious, c2627, d(2027, 1, 15), d(2027, 1, 15), time.Friday},
		{"6 tháng cuối năm M+1/15 crosses the year end",
			Period{SemiAnnual, 2026, 2}, "M+1/15", ShiftPrevious, c2627, d(2027, 1, 15), d(2027, 1, 15), time.Friday},
		{"M/25: 25th of the quarter's last month",
			Period{Quarterly, 2026, 1}, "M/25", ShiftPrevious, c2026, d(2026, 3, 25), d(2026, 3, 25), time.Wednesday},
		{"relative day 31 clamps to the month's end (leap February)",
			Period{Quarterly, 2027, 4}, "M+2/31", ShiftPrevious, c2728, d(2028, 2, 29), d(2028, 2, 29), time.Tuesday},
		{"absolute 29/2 in a common year is 28/02 (a Saturday) → Friday 27/02",
			Period{Annual, 2026, 1}, "29/2", ShiftPrevious, c2026, d(2026, 2, 28), d(2026, 2, 27), time.Friday},
		{"M+12/15 a year after the period",
			Period{Annual, 2026, 1}, "M+12/15", ShiftNone, nil, d(2027, 12, 15), d(2027, 12, 15), time.Wednesday},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assertWeekday(t, tt.due, tt.dueWeekday)
			rule := mustRule(t, tt.rule, tt.shift)
			nominal, due := Deadline(tt.p, rule, tt.cal)
			if nominal != tt.nominal || due != tt.due {
				t.Errorf("Deadline(%v, %q, %s) = %v, %v; want %v, %v", tt.p.LabelVI(), tt.rule, tt.shift, nominal, due, tt.nominal, tt.due)
			}
			if tt.shift != ShiftNone && !tt.cal.IsWorkingDay(due) {
				t.Errorf("due %v is not a working day", due)
			}
		})
	}
}

func TestDeadlineInvalid(t *testing.T) {
	rule := DeadlineRule{Day: 15, Month: 6}
	for _, tt := range []struct {
		p    Period
		r    DeadlineRule
		code string
	}{
		{Period{AdHoc, 2026, 0}, rule, CodePeriodKind},
		{Period{Quarterly, 2026, 7}, rule, CodePeriodIndex},
		{Period{"weekly", 2026, 1}, rule, CodePeriodKind},
		{Period{Annual, 2026, 1}, DeadlineRule{Day: 40, Month: 1}, CodeRuleDay},
	} {
		if _, err := tt.r.Nominal(tt.p); Code(err) != tt.code {
			t.Errorf("Nominal(%+v, %+v) error %v, want code %s", tt.p, tt.r, err, tt.code)
		}
		if n, due := Deadline(tt.p, tt.r, nil); !n.IsZero() || !due.IsZero() {
			t.Errorf("Deadline(%+v, %+v) = %v, %v; want zero dates", tt.p, tt.r, n, due)
		}
	}
}

func TestNextDeadlines(t *testing.T) {
	cal, missing := Default(2026, 2027, 2028)
	if len(missing) != 0 {
		t.Fatal(missing)
	}
	quarterly := mustRule(t, "M+1/15", ShiftPrevious)
	assertWeekday(t, d(2026, 12, 1), time.Tuesday)
	assertWeekday(t, d(2027, 4, 15), time.Thursday)
	assertWeekday(t, d(2027, 7, 15), time.Thursday)
	got := NextDeadlines(Quarterly, quarterly, cal, d(2026, 12, 1), 3)
	want := []Occurrence{
		{Period{Quarterly, 2026, 4}, d(2027, 1, 15), d(2027, 1, 15), d(2026, 9, 15), d(2026, 12, 14), ""},
		{Period{Quarterly, 2027, 1}, d(2027, 4, 15), d(2027, 4, 15), d(2026, 12, 15), d(2027, 3, 14), ""},
		{Period{Quarterly, 2027, 2}, d(2027, 7, 15), d(2027, 7, 15), d(2027, 3, 15), d(2027, 6, 14), ""},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("NextDeadlines quarterly from 01/12/2026 =\n%+v\nwant\n%+v", got, want)
	}
	// from is inclusive on the due date, exclusive past it.
	if got := NextDeadlines(Quarterly, quarterly, cal, d(2027, 1, 15), 1); got[0].Period != (Period{Quarterly, 2026, 4}) {
		t.Errorf("from = due: got %+v", got)
	}
	if got := NextDeadlines(Quarterly, quarterly, cal, d(2027, 1, 16), 1); got[0].Period != (Period{Quarterly, 2027, 1}) {
		t.Errorf("from after due: got %+v", got)
	}

	// Quảng Ngãi's annual report: 2026 is due Friday 13/11 (15/11 is a Sunday), so from Saturday
	// 14/11/2026 the next one is 2027's, due Monday 15/11/2027.
	annual := mustRule(t, "15/11", ShiftPrevious)
	assertWeekday(t, d(2027, 11, 15), time.Monday)
	got = NextDeadlines(Annual, annual, cal, d(2026, 11, 14), 2)
	wantPeriods := []Period{{Annual, 2027, 1}, {Annual, 2028, 1}}
	if len(got) != 2 || got[0].Period != wantPeriods[0] || got[0].Due != d(2027, 11, 15) || got[1].Period != wantPeriods[1] {
		t.Errorf("annual 15/11 from 14/11/2026 = %+v", got)
	}
	got = NextDeadlines(Annual, annual, cal, d(2026, 1, 1), 1)
	if len(got) != 1 || got[0].Due != d(2026, 11, 13) || got[0].Nominal != d(2026, 11, 15) ||
		got[0].CutFrom != d(2025, 12, 15) || got[0].CutTo != d(2026, 12, 14) {
		t.Errorf("annual 15/11 from 01/01/2026 = %+v", got)
	}

	// Half-yearly, 15th of the month after: several years, in order, each due on a working day.
	semi := mustRule(t, "M+1/15", ShiftNext)
	got = NextDeadlines(SemiAnnual, semi, cal, d(2026, 1, 1), 5)
	if len(got) != 5 || got[0].Period != (Period{SemiAnnual, 2025, 2}) || got[4].Period != (Period{SemiAnnual, 2027, 2}) {
		t.Fatalf("semiannual = %+v", got)
	}
	for i, o := range got {
		if !cal.IsWorkingDay(o.Due) || o.Due.Before(d(2026, 1, 1)) || (i > 0 && o.Due.Before(got[i-1].Due)) {
			t.Errorf("occurrence %d %+v out of order or not on a working day", i, o)
		}
	}

	if NextDeadlines(AdHoc, quarterly, cal, d(2026, 1, 1), 3) != nil ||
		NextDeadlines(Quarterly, quarterly, cal, d(2026, 1, 1), 0) != nil ||
		NextDeadlines(Quarterly, DeadlineRule{Day: 99}, cal, d(2026, 1, 1), 3) != nil {
		t.Error("NextDeadlines should return nil for ad hoc, n <= 0 or an invalid rule")
	}
	if got := NextDeadlines(Annual, annual, nil, d(1, 1, 1), 2); len(got) != 2 || got[0].Period.Year != 1 {
		t.Errorf("year 1: %+v", got)
	}
	if got := NextDeadlines(Annual, annual, nil, d(9999, 12, 1), 5); len(got) != 0 {
		t.Errorf("past year 9999: %+v", got)
	}
}

func TestWarnings(t *testing.T) {
	tests := []struct {
		f    Frequency
		rule string
		want []string
	}{
		{Annual, "15/11", []string{WarnBeforeCutOffEnd}}, // legal: Quảng Ngãi's own cut-off
		{Annual, "M+1/15", nil},
		{Annual, "20/12", nil},
		{SemiAnnual, "15/6", []string{WarnBeforeCutOffEnd, WarnAbsoluteRepeats}},
		{SemiAnnual, "M+1/15", nil},
		{Quarterly, "M+1/15", nil},
		{Quarterly, "M/10", []string{WarnBeforeCutOffEnd}},
		{Quarterly, "M/14", nil},
		{AdHoc, "15/6", nil},
	}
	for _, tt := range tests {
		got := mustRule(t, tt.rule, "").Warnings(tt.f)
		if !slices.Equal(got, tt.want) {
			t.Errorf("Warnings(%s, %q) = %v, want %v", tt.f, tt.rule, got, tt.want)
		}
	}
}

// FuzzParseRule: ParseRule never panics; an accepted rule validates, round-trips through String
// and yields a deadline on a working day for every kind of period; a rejected one has a code.
func FuzzParseRule(f *testing.F) {
	for _, s := range []string{"15/6", "15/11", "M+1/15", "m/25", "M+12/31", "29/2", "", "/", "M+", "M+-1/5",
		"15/6/2026", "99999999999999999999/1", "M+99999999999999999999/1", "３1/12", "\xff/\xfe", "M+1/15\x00"} {
		f.Add(s)
	}
	codes := []string{CodeRuleSyntax, CodeRuleDay, CodeRuleMonth, CodeRuleOffset}
	c, _ := Default(2026, 2027, 2028)
	f.Fuzz(func(t *testing.T, s string) {
		r, err := ParseRule(s)
		if err != nil {
			if !slices.Contains(codes, Code(err)) {
				t.Fatalf("ParseRule(%q): unexpected error code in %v", s, err)
			}
			return
		}
		if err := r.Validate(); err != nil {
			t.Fatalf("ParseRule(%q) = %+v, which does not validate: %v", s, r, err)
		}
		if back, err := ParseRule(r.String()); err != nil || back != r {
			t.Fatalf("round trip of %q: %+v → %q → %+v, %v", s, r, r.String(), back, err)
		}
		for _, p := range []Period{{Quarterly, 2026, 4}, {SemiAnnual, 2026, 1}, {Annual, 2026, 1}} {
			nominal, due := Deadline(p, r, c)
			if !nominal.Valid() || !c.IsWorkingDay(due) {
				t.Fatalf("Deadline(%+v, %+v) = %v, %v", p, r, nominal, due)
			}
		}
	})
}
