package calendar

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"
)

// cal2026 is the default 2026 calendar (Saturday–Sunday weekends, DefaultHolidays(2026)).
func cal2026(t *testing.T) *Calendar {
	t.Helper()
	c, missing := Default(2026)
	if len(missing) != 0 {
		t.Fatalf("Default(2026) misses lunar data for %v", missing)
	}
	return c
}

func TestDefaultHolidays2026(t *testing.T) {
	got, complete := DefaultHolidays(2026)
	if !complete {
		t.Fatal("2026 should be complete")
	}
	want := []Holiday{
		{d(2026, 1, 1), HolidayNewYear},
		{d(2026, 2, 16), HolidayTet}, // 29 tháng Chạp Ất Tỵ: the last day of the old year
		{d(2026, 2, 17), HolidayTet}, // mùng 1
		{d(2026, 2, 18), HolidayTet},
		{d(2026, 2, 19), HolidayTet},
		{d(2026, 2, 20), HolidayTet}, // mùng 4
		{d(2026, 4, 26), HolidayHungKings},
		{d(2026, 4, 27), CompensatoryPrefix + HolidayHungKings}, // 26/04 is a Sunday
		{d(2026, 4, 30), HolidayReunification},
		{d(2026, 5, 1), HolidayLabour},
		{d(2026, 9, 1), HolidayNational},
		{d(2026, 9, 2), HolidayNational},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("DefaultHolidays(2026) =\n%v\nwant\n%v", got, want)
	}
	// Giỗ Tổ 2026 is a Sunday: the next working day, Monday 27/04, is off (Bộ luật Lao động 2019,
	// Điều 111 khoản 3), so deadlines do not count it.
	assertWeekday(t, d(2026, 4, 26), time.Sunday)
	c := cal2026(t)
	if c.IsWorkingDay(d(2026, 4, 27)) {
		t.Error("27/04/2026 is the compensatory day off for Giỗ Tổ Hùng Vương")
	}
}

func TestDefaultHolidaysEveryTableYear(t *testing.T) {
	for y := FirstLunarYear; y <= LastLunarYear; y++ {
		hs, complete := DefaultHolidays(y)
		if !complete {
			t.Errorf("%d: incomplete", y)
		}
		tet, _ := LunarNewYear(y)
		var tetDays []Date
		for i, h := range hs {
			if h.Date.Year != y || !h.Date.Valid() {
				t.Errorf("%d: holiday %v outside the year", y, h)
			}
			if i > 0 && h.Date.Before(hs[i-1].Date) {
				t.Errorf("%d: not sorted at %v", y, h)
			}
			if h.Name == HolidayTet {
				tetDays = append(tetDays, h.Date)
			}
		}
		if len(tetDays) != 5 || tetDays[0] != tet.AddDays(-1) || tetDays[4] != tet.AddDays(3) {
			t.Errorf("%d: Tết days %v around %v", y, tetDays, tet)
		}
		n := 0
		for _, h := range hs {
			if strings.HasPrefix(h.Name, CompensatoryPrefix) {
				if wd := h.Date.Weekday(); wd == time.Saturday || wd == time.Sunday {
					t.Errorf("%d: compensatory day %v on a weekend", y, h)
				}
				continue
			}
			n++
		}
		if want := 11; n != want && y >= 2021 {
			t.Errorf("%d: %d holidays, want %d", y, n, want)
		}
	}
}

func TestDefaultHolidaysOutsideTables(t *testing.T) {
	tests := []struct {
		year int
		want []Date
	}{
		// Labour Code 2012: Quốc khánh is one day; no lunar data before 2020.
		{2019, []Date{d(2019, 1, 1), d(2019, 4, 30), d(2019, 5, 1), d(2019, 9, 2)}},
		{2036, []Date{d(2036, 1, 1), d(2036, 4, 30), d(2036, 5, 1), d(2036, 9, 1), d(2036, 9, 2)}},
	}
	for _, tt := range tests {
		hs, complete := DefaultHolidays(tt.year)
		if complete {
			t.Errorf("%d: reported complete without lunar data", tt.year)
		}
		var got []Date
		for _, h := range hs {
			got = append(got, h.Date)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("DefaultHolidays(%d) = %v, want %v", tt.year, got, tt.want)
		}
	}
	// 2020 has lunar data but still the 2012 code's single Quốc khánh day.
	hs, complete := DefaultHolidays(2020)
	if !complete || len(hs) != 12 || hs[len(hs)-1].Date != d(2020, 9, 2) || hs[len(hs)-2].Date == d(2020, 9, 1) {
		t.Errorf("DefaultHolidays(2020) = %v, %v", hs, complete)
	}
	if _, ok := LunarNewYear(2019); ok {
		t.Error("LunarNewYear(2019) should be unknown")
	}
	if _, ok := HungKingsDay(2036); ok {
		t.Error("HungKingsDay(2036) should be unknown")
	}
	c, missing := Default(2026, 2036, 2019)
	if !reflect.DeepEqual(missing, []int{2036, 2019}) {
		t.Errorf("Default missing = %v", missing)
	}
	if c.IsWorkingDay(d(2036, 9, 2)) || !c.IsWorkingDay(d(2026, 9, 3)) {
		t.Error("Default(...) holidays wrong")
	}
}

func TestIsWorkingDay(t *testing.T) {
	base, _ := Default(2026)
	c, err := New(Config{Holidays: base.Holidays(), MakeUpDays: []Date{d(2026, 8, 15)}})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		d       Date
		wd      time.Weekday
		working bool
		holiday string
	}{
		{d(2026, 2, 13), time.Friday, true, ""},
		{d(2026, 2, 14), time.Saturday, false, ""},
		{d(2026, 2, 16), time.Monday, false, HolidayTet},
		{d(2026, 2, 20), time.Friday, false, HolidayTet},
		{d(2026, 2, 23), time.Monday, true, ""},
		{d(2026, 8, 15), time.Saturday, true, ""}, // make-up day
		{d(2026, 8, 16), time.Sunday, false, ""},
		{d(2026, 9, 1), time.Tuesday, false, HolidayNational},
		{d(2026, 9, 3), time.Thursday, true, ""},
		{d(2026, 4, 26), time.Sunday, false, HolidayHungKings},
		{Date{2026, 2, 29}, time.Sunday, false, ""}, // normalized: 01/03/2026
	}
	for _, tt := range tests {
		assertWeekday(t, tt.d.norm(), tt.wd)
		if got := c.IsWorkingDay(tt.d); got != tt.working {
			t.Errorf("IsWorkingDay(%v) = %v, want %v", tt.d, got, tt.working)
		}
		name, _ := c.Holiday(tt.d)
		if name != tt.holiday {
			t.Errorf("Holiday(%v) = %q, want %q", tt.d, name, tt.holiday)
		}
	}
	if !c.IsMakeUpDay(d(2026, 8, 15)) || c.IsMakeUpDay(d(2026, 8, 16)) {
		t.Error("IsMakeUpDay wrong")
	}
	if !c.IsWeekend(d(2026, 8, 15)) {
		t.Error("a make-up Saturday is still on the weekend")
	}
}

func TestNewErrors(t *testing.T) {
	all := []time.Weekday{0, 1, 2, 3, 4, 5, 6}
	tests := []struct {
		name string
		cfg  Config
		code string
	}{
		{"every day off", Config{Weekend: all}, CodeCalendarWeekend},
		{"not a weekday", Config{Weekend: []time.Weekday{9}}, CodeCalendarWeekend},
		{"negative weekday", Config{Weekend: []time.Weekday{-1}}, CodeCalendarWeekend},
		{"bad holiday", Config{Holidays: []Holiday{{Date{2026, 2, 30}, "x"}}}, CodeCalendarDate},
		{"zero holiday", Config{Holidays: []Holiday{{Date{}, "x"}}}, CodeCalendarDate},
		{"bad make-up", Config{MakeUpDays: []Date{{2026, 13, 1}}}, CodeCalendarDate},
		{"conflict", Config{Holidays: []Holiday{{d(2026, 8, 15), "x"}}, MakeUpDays: []Date{d(2026, 8, 15)}}, CodeCalendarConflict},
	}
	for _, tt := range tests {
		c, err := New(tt.cfg)
		if Code(err) != tt.code || c != nil {
			t.Errorf("%s: New = %v, %v; want code %s", tt.name, c, err, tt.code)
		}
	}
}

func TestCustomWeekendAndNil(t *testing.T) {
	sundayOnly, err := New(Config{Weekend: []time.Weekday{time.Sunday}})
	if err != nil {
		t.Fatal(err)
	}
	assertWeekday(t, d(2026, 6, 13), time.Saturday)
	if !sundayOnly.IsWorkingDay(d(2026, 6, 13)) || sundayOnly.IsWorkingDay(d(2026, 6, 14)) {
		t.Error("Sunday-only weekend wrong")
	}
	if got := sundayOnly.Weekend(); !reflect.DeepEqual(got, []time.Weekday{time.Sunday}) {
		t.Errorf("Weekend() = %v", got)
	}
	var nilCal *Calendar
	var zero Calendar
	for _, c := range []*Calendar{nilCal, &zero} {
		if c.IsWorkingDay(d(2026, 6, 13)) || !c.IsWorkingDay(d(2026, 6, 15)) || c.IsWorkingDay(d(2026, 6, 14)) {
			t.Errorf("%#v: want a Saturday–Sunday weekend", c)
		}
		if got := c.NextWorkingDay(d(2026, 6, 13)); got != d(2026, 6, 15) {
			t.Errorf("NextWorkingDay = %v", got)
		}
		if !reflect.DeepEqual(c.Weekend(), []time.Weekday{time.Sunday, time.Saturday}) || len(c.Holidays()) != 0 || len(c.MakeUpDays()) != 0 {
			t.Errorf("%#v: unexpected config %+v", c, c.Config())
		}
	}
}

func TestNextPrevWorkingDay(t *testing.T) {
	c := cal2026(t)
	tests := []struct {
		d, next, prev Date
	}{
		{d(2026, 2, 18), d(2026, 2, 23), d(2026, 2, 13)}, // inside Tết
		{d(2026, 2, 13), d(2026, 2, 13), d(2026, 2, 13)}, // a working day is its own neighbour
		{d(2026, 5, 2), d(2026, 5, 4), d(2026, 4, 29)},   // after 30/4 and 1/5
		{d(2026, 1, 1), d(2026, 1, 2), d(2025, 12, 31)},  // across the year end
	}
	for _, tt := range tests {
		if got := c.NextWorkingDay(tt.d); got != tt.next {
			t.Errorf("NextWorkingDay(%v) = %v, want %v", tt.d, got, tt.next)
		}
		if got := c.PrevWorkingDay(tt.d); got != tt.prev {
			t.Errorf("PrevWorkingDay(%v) = %v, want %v", tt.d, got, tt.prev)
		}
	}
	assertWeekday(t, d(2026, 5, 4), time.Monday)
	assertWeekday(t, d(2026, 4, 29), time.Wednesday)
	assertWeekday(t, d(2025, 12, 31), time.Wednesday)
}

func TestAddWorkingDays(t *testing.T) {
	c := cal2026(t)
	// Tết 2026 closes Mon 16/02–Fri 20/02, between two weekends: 14/02–22/02 has no working day.
	assertWeekday(t, d(2026, 2, 12), time.Thursday)
	assertWeekday(t, d(2026, 2, 23), time.Monday)
	assertWeekday(t, d(2026, 3, 2), time.Monday)
	tests := []struct {
		from Date
		n    int
		want Date
	}{
		{d(2026, 2, 12), 1, d(2026, 2, 13)},
		{d(2026, 2, 12), 2, d(2026, 2, 23)},
		{d(2026, 2, 12), 3, d(2026, 2, 24)},
		{d(2026, 2, 13), 1, d(2026, 2, 23)},
		{d(2026, 2, 14), 1, d(2026, 2, 23)}, // counting starts after a day off too
		{d(2026, 2, 9), 10, d(2026, 3, 2)},  // "10 ngày làm việc" from Monday 09/02
		{d(2026, 4, 29), 1, d(2026, 5, 4)},  // over 30/4, 1/5 and the weekend
		{d(2026, 2, 24), -3, d(2026, 2, 12)},
		{d(2026, 2, 23), -1, d(2026, 2, 13)},
		{d(2026, 2, 18), -1, d(2026, 2, 13)},
		{d(2026, 2, 18), 0, d(2026, 2, 18)},
		{d(2026, 12, 31), 1, d(2027, 1, 4)}, // over 01/01/2027 (Friday) and the weekend: needs 2027's holidays
	}
	// The 2026 calendar does not know 2027's New Year: merge in 2027 for the last case.
	c27, _ := Default(2027)
	merged := Merge(c, c27)
	for _, tt := range tests {
		cal := c
		if tt.from.Year == 2026 && tt.from.Month == 12 {
			cal = merged
		}
		if got := cal.AddWorkingDays(tt.from, tt.n); got != tt.want {
			t.Errorf("AddWorkingDays(%v, %d) = %v, want %v", tt.from, tt.n, got, tt.want)
		}
	}
	if got := c.AddWorkingDays(d(2026, 12, 31), 1); got != d(2027, 1, 1) {
		t.Errorf("without 2027 data, 01/01/2027 is a plain Friday: got %v", got)
	}
	assertWeekday(t, d(2027, 1, 1), time.Friday)
}

func TestWorkingDaysBetween(t *testing.T) {
	c := cal2026(t)
	tests := []struct {
		a, b Date
		want int
	}{
		{d(2026, 2, 12), d(2026, 2, 24), 3},
		{d(2026, 2, 24), d(2026, 2, 12), -3},
		{d(2026, 2, 13), d(2026, 2, 23), 1},
		{d(2026, 2, 14), d(2026, 2, 22), 0},
		{d(2026, 6, 15), d(2026, 6, 15), 0},
		{d(2026, 1, 1), d(2026, 12, 31), 260 - 10}, // weekdays after 01/01 minus Tết (5), 27/4 (nghỉ bù Giỗ Tổ), 30/4, 1/5, 1/9, 2/9
	}
	for _, tt := range tests {
		if got := c.WorkingDaysBetween(tt.a, tt.b); got != tt.want {
			t.Errorf("WorkingDaysBetween(%v, %v) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
	// Properties: the count is antisymmetric; for a before b with b a working day,
	// AddWorkingDays(a, n) == b and (n > 0) AddWorkingDays(b, -n) == PrevWorkingDay(a).
	for a := d(2026, 1, 20); a.Before(d(2026, 3, 10)); a = a.AddDays(1) {
		for b := a.AddDays(1); b.Before(a.AddDays(40)); b = b.AddDays(1) {
			n := c.WorkingDaysBetween(a, b)
			if c.WorkingDaysBetween(b, a) != -n {
				t.Fatalf("not antisymmetric on %v, %v", a, b)
			}
			if c.IsWorkingDay(b) && c.AddWorkingDays(a, n) != b {
				t.Fatalf("AddWorkingDays(%v, %d) = %v, want %v", a, n, c.AddWorkingDays(a, n), b)
			}
			if c.IsWorkingDay(b) && n > 0 && c.AddWorkingDays(b, -n) != c.PrevWorkingDay(a) {
				t.Fatalf("AddWorkingDays(%v, %d) = %v, want %v", b, -n, c.AddWorkingDays(b, -n), c.PrevWorkingDay(a))
			}
		}
	}
}

func TestMergeAndConfig(t *testing.T) {
	a, err := New(Config{
		Weekend:    []time.Weekday{time.Sunday},
		Holidays:   []Holiday{{d(2026, 9, 2), "Quốc khánh"}, {d(2026, 9, 2), "Quốc khánh"}},
		MakeUpDays: []Date{d(2026, 8, 15)},
	})
	if err != nil {
		t.Fatal(err)
	}
	b, err := New(Config{
		Holidays:   []Holiday{{d(2026, 9, 2), "Ngày lễ"}, {d(2026, 8, 15), "Nghỉ bù"}},
		MakeUpDays: []Date{d(2026, 8, 22)},
	})
	if err != nil {
		t.Fatal(err)
	}
	m := Merge(nil, a, b)
	if got := m.Weekend(); !reflect.DeepEqual(got, []time.Weekday{time.Sunday}) {
		t.Errorf("weekend = %v, want the first calendar's", got)
	}
	if name, _ := m.Holiday(d(2026, 9, 2)); name != "Quốc khánh; Ngày lễ" {
		t.Errorf("joined name = %q", name)
	}
	if m.IsWorkingDay(d(2026, 8, 15)) || m.IsMakeUpDay(d(2026, 8, 15)) {
		t.Error("a holiday in one calendar must win over a make-up day in another")
	}
	if !m.IsMakeUpDay(d(2026, 8, 22)) {
		t.Error("make-up day lost")
	}
	// Config round-trips through JSON and New.
	raw, err := json.Marshal(m.Config())
	if err != nil {
		t.Fatal(err)
	}
	var cfg Config
	if err := json.Unmarshal(raw, &cfg); err != nil {
		t.Fatal(err)
	}
	again, err := New(cfg)
	if err != nil {
		t.Fatalf("New(%s): %v", raw, err)
	}
	if !reflect.DeepEqual(again.Config(), m.Config()) {
		t.Errorf("round trip: %+v != %+v", again.Config(), m.Config())
	}
	// Merging a calendar with itself changes nothing.
	if !reflect.DeepEqual(Merge(m, m).Config(), m.Config()) {
		t.Error("Merge(m, m) != m")
	}
}

// TestCompensatoryDays pins 2025–2027: a holiday on a Saturday or Sunday gives the next working
// day off, after the whole run of a multi-day holiday.
func TestCompensatoryDays(t *testing.T) {
	comp := func(y int) map[Date]string {
		hs, _ := DefaultHolidays(y)
		out := map[Date]string{}
		for _, h := range hs {
			if strings.HasPrefix(h.Name, CompensatoryPrefix) {
				out[h.Date] = h.Name
			}
		}
		return out
	}
	for _, tt := range []struct {
		year int
		want map[Date]string
	}{
		// Tết Ất Tỵ: 28/01–01/02/2025, the last day a Saturday → Monday 03/02.
		{2025, map[Date]string{d(2025, 2, 3): CompensatoryPrefix + HolidayTet}},
		// Giỗ Tổ on Sunday 26/04/2026 → Monday 27/04.
		{2026, map[Date]string{d(2026, 4, 27): CompensatoryPrefix + HolidayHungKings}},
		// Tết Đinh Mùi: 05–09/02/2027 with Saturday 06 and Sunday 07 → Wednesday 10 and Thursday 11;
		// 01/05/2027 is a Saturday → Monday 03/05.
		{2027, map[Date]string{
			d(2027, 2, 10): CompensatoryPrefix + HolidayTet,
			d(2027, 2, 11): CompensatoryPrefix + HolidayTet,
			d(2027, 5, 3):  CompensatoryPrefix + HolidayLabour,
		}},
	} {
		if got := comp(tt.year); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%d: compensatory days %v, want %v", tt.year, got, tt.want)
		}
	}
	// Two weekend holidays in a row (30/4 Saturday, 01/5 Sunday in 2022) give two days off.
	if got := Compensatory([]Holiday{{d(2022, 4, 30), HolidayReunification}, {d(2022, 5, 1), HolidayLabour}}); len(got) != 2 ||
		got[0].Date != d(2022, 5, 2) || got[1].Date != d(2022, 5, 3) {
		t.Errorf("2022: %v", got)
	}
}

// TestCompensatoryDayMovesDeadlines: a deadline on the compensatory Monday after Giỗ Tổ 2026 moves,
// and the preview says why.
func TestCompensatoryDayMovesDeadlines(t *testing.T) {
	cal, _ := Default(2026)
	got := NextDeadlines(Annual, mustRule(t, "27/04", ShiftNext), cal, d(2026, 1, 1), 1)
	if len(got) != 1 || got[0].Due != d(2026, 4, 28) || got[0].Off != CompensatoryPrefix+HolidayHungKings {
		t.Errorf("deadline 27/04/2026: %+v, want due 28/04 because of the nghỉ bù", got)
	}
	if n := cal.WorkingDaysBetween(d(2026, 4, 24), d(2026, 4, 28)); n != 1 {
		t.Errorf("working days 24/04→28/04/2026 = %d, want 1 (27/04 is off)", n)
	}
}
