package calendar

import (
	"slices"
	"sort"
	"time"
)

// Holiday names used by DefaultHolidays.
const (
	HolidayNewYear       = "Tết Dương lịch"
	HolidayTet           = "Tết Nguyên đán"
	HolidayHungKings     = "Giỗ Tổ Hùng Vương"
	HolidayReunification = "Ngày Chiến thắng" // 30/4: Ngày Giải phóng miền Nam, thống nhất đất nước
	HolidayLabour        = "Ngày Quốc tế Lao động"
	HolidayNational      = "Quốc khánh"
	// CompensatoryPrefix starts the name of a compensatory day off ("Nghỉ bù Giỗ Tổ Hùng Vương").
	CompensatoryPrefix = "Nghỉ bù "
)

// FirstLunarYear and LastLunarYear bound the embedded lunar tables: DefaultHolidays knows Tết and
// Giỗ Tổ Hùng Vương for these years only.
const (
	FirstLunarYear = 2020
	LastLunarYear  = 2035
)

// lunarNewYear is the Gregorian date of mùng 1 Tết (1st day of the 1st lunar month) for
// FirstLunarYear..LastLunarYear, as [month, day]. It is cross-checked in the tests against an
// independent astronomical computation of the Vietnamese lunar calendar (UTC+7). Beware of
// tables copied from Chinese New Year lists: the Vietnamese calendar is computed for UTC+7 and
// differs in some years (1985, 2007, 2030).
var lunarNewYear = [...][2]int{
	{1, 25}, // 2020
	{2, 12}, // 2021
	{2, 1},  // 2022
	{1, 22}, // 2023
	{2, 10}, // 2024
	{1, 29}, // 2025
	{2, 17}, // 2026
	{2, 6},  // 2027
	{1, 26}, // 2028
	{2, 13}, // 2029
	{2, 2},  // 2030: Vietnam (UTC+7) celebrates on 02/02; China (UTC+8) on 03/02 (new moon 16:07 UTC)
	{1, 23}, // 2031
	{2, 11}, // 2032
	{1, 31}, // 2033
	{2, 19}, // 2034
	{2, 8},  // 2035
}

// hungKings is the Gregorian date of Giỗ Tổ Hùng Vương (10th day of the 3rd lunar month) for
// FirstLunarYear..LastLunarYear, as [month, day]; cross-checked in the tests like lunarNewYear. In
// a year with a leap 3rd month (2031) it is the 10th of the regular month, not of the leap one.
var hungKings = [...][2]int{
	{4, 2},  // 2020
	{4, 21}, // 2021
	{4, 10}, // 2022
	{4, 29}, // 2023
	{4, 18}, // 2024
	{4, 7},  // 2025
	{4, 26}, // 2026
	{4, 16}, // 2027
	{4, 4},  // 2028
	{4, 23}, // 2029
	{4, 12}, // 2030
	{4, 1},  // 2031: regular 3rd month; the leap 3rd month (nhuận) starts 21/04/2031
	{4, 19}, // 2032
	{4, 9},  // 2033
	{4, 28}, // 2034
	{4, 17}, // 2035
}

// LunarNewYear returns the Gregorian date of Tết Nguyên đán (mùng 1 Tết) in year, if year is in
// the embedded table (FirstLunarYear..LastLunarYear).
func LunarNewYear(year int) (Date, bool) { return fromTable(lunarNewYear[:], year) }

// HungKingsDay returns the Gregorian date of Giỗ Tổ Hùng Vương (10/3 âm lịch) in year, if year is
// in the embedded table (FirstLunarYear..LastLunarYear).
func HungKingsDay(year int) (Date, bool) { return fromTable(hungKings[:], year) }

func fromTable(t [][2]int, year int) (Date, bool) {
	i := year - FirstLunarYear
	if i < 0 || i >= len(t) {
		return Date{}, false
	}
	return Date{Year: year, Month: time.Month(t[i][0]), Day: t[i][1]}, true
}

// DefaultHolidays returns Vietnam's public holidays of year under the Labour Code 2019 (Bộ luật
// Lao động 2019, Article 112), sorted by date, as official defaults that a province then edits:
//
//   - 01/01, Tết Dương lịch;
//   - Tết Nguyên đán, 5 days: the last day of the old lunar year and the 1st–4th days of the new
//     one. Only the lunar days are listed: the bridge the government grants each year (for 2025,
//     25/01–02/02 including weekends) and its make-up days are for the province to add;
//   - Giỗ Tổ Hùng Vương, 10/3 âm lịch;
//   - 30/4 and 01/5;
//   - Quốc khánh 02/9 plus one adjacent day. The law lets the government choose 01/9 or 03/9
//     each year; the default here is 01/9 for every year from 2021 (the choice for 2025). A year
//     in which the government picks 03/9 must be corrected in the province's list. For years
//     before 2021 (Labour Code 2012) only 02/9 is listed.
//
// Should two holidays share a date (a lunar holiday can meet a solar one), both entries are
// listed and no extra day is added: that too is the government's call.
//
// A holiday that falls on a weekly rest day (Saturday or Sunday) gives a compensatory day off on
// the next working day (Bộ luật Lao động 2019, Điều 111 khoản 3), named CompensatoryPrefix + the
// holiday's name: Giỗ Tổ Hùng Vương on Sunday 26/04/2026 makes Monday 27/04/2026 a day off. Days
// of one holiday run together (Tết), so their compensations follow the whole run. The
// government's yearly notice may swap other days; the province edits its list for that.
// complete is false when year is outside the embedded lunar
// tables (FirstLunarYear..LastLunarYear): then only the solar holidays are returned, and Tết and
// Giỗ Tổ Hùng Vương must be entered by hand.
func DefaultHolidays(year int) (holidays []Holiday, complete bool) {
	d := func(m time.Month, day int) Date { return Date{Year: year, Month: m, Day: day} }
	hs := []Holiday{{Date: d(time.January, 1), Name: HolidayNewYear}}
	tet, okTet := LunarNewYear(year)
	if okTet {
		for i := -1; i <= 3; i++ {
			hs = append(hs, Holiday{Date: tet.AddDays(i), Name: HolidayTet})
		}
	}
	hung, okHung := HungKingsDay(year)
	if okHung {
		hs = append(hs, Holiday{Date: hung, Name: HolidayHungKings})
	}
	hs = append(hs,
		Holiday{Date: d(time.April, 30), Name: HolidayReunification},
		Holiday{Date: d(time.May, 1), Name: HolidayLabour},
	)
	if year >= 2021 {
		hs = append(hs, Holiday{Date: d(time.September, 1), Name: HolidayNational})
	}
	hs = append(hs, Holiday{Date: d(time.September, 2), Name: HolidayNational})
	sort.SliceStable(hs, func(i, j int) bool { return hs[i].Date.Before(hs[j].Date) })
	hs = append(hs, Compensatory(hs)...)
	sort.SliceStable(hs, func(i, j int) bool { return hs[i].Date.Before(hs[j].Date) })
	return hs, okTet && okHung
}

// Compensatory returns the compensatory days off of holidays under a Saturday–Sunday week: for each
// holiday on a Saturday or Sunday, in date order, the first later day that is neither a weekend
// day, nor a holiday, nor already a compensatory day.
func Compensatory(holidays []Holiday) []Holiday {
	taken := map[Date]bool{}
	for _, h := range holidays {
		taken[h.Date] = true
	}
	sorted := slices.Clone(holidays)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Date.Before(sorted[j].Date) })
	var out []Holiday
	seen := map[Date]bool{}
	for _, h := range sorted {
		if seen[h.Date] {
			continue // two holidays on one date give one rest day, so one compensation
		}
		seen[h.Date] = true
		if wd := h.Date.Weekday(); wd != time.Saturday && wd != time.Sunday {
			continue
		}
		d := h.Date.AddDays(1)
		for taken[d] || d.Weekday() == time.Saturday || d.Weekday() == time.Sunday {
			d = d.AddDays(1)
		}
		taken[d] = true
		out = append(out, Holiday{Date: d, Name: CompensatoryPrefix + h.Name})
	}
	return out
}
