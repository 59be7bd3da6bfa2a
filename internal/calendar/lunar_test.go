package calendar

import (
	"math"
	"testing"
	"time"
)

// This file cross-checks the embedded lunar tables (Tết, Giỗ Tổ Hùng Vương) against an independent
// computation of the Vietnamese lunar calendar: Hồ Ngọc Đức's well-known astronomical algorithm,
// evaluated at UTC+7. It is test-only: production code relies on the small, reviewable tables.

const vnTimeZone = 7.0

func jdFromDate(dd, mm, yy int) int {
	a := (14 - mm) / 12
	y := yy + 4800 - a
	m := mm + 12*a - 3
	jd := dd + (153*m+2)/5 + 365*y + y/4 - y/100 + y/400 - 32045
	if jd < 2299161 {
		jd = dd + (153*m+2)/5 + 365*y + y/4 - 32083
	}
	return jd
}

func newMoonDay(k int) int {
	kf := float64(k)
	T := kf / 1236.85
	T2 := T * T
	T3 := T2 * T
	dr := math.Pi / 180
	jd1 := 2415020.75933 + 29.53058868*kf + 0.0001178*T2 - 0.000000155*T3
	jd1 += 0.00033 * math.Sin((166.56+132.87*T-0.009173*T2)*dr)
	M := 359.2242 + 29.10535608*kf - 0.0000333*T2 - 0.00000347*T3
	Mpr := 306.0253 + 385.81691806*kf + 0.0107306*T2 + 0.00001236*T3
	F := 21.2964 + 390.67050646*kf - 0.0016528*T2 - 0.00000239*T3
	C1 := (0.1734-0.000393*T)*math.Sin(M*dr) + 0.0021*math.Sin(2*dr*M)
	C1 = C1 - 0.4068*math.Sin(Mpr*dr) + 0.0161*math.Sin(dr*2*Mpr)
	C1 = C1 - 0.0004*math.Sin(dr*3*Mpr)
	C1 = C1 + 0.0104*math.Sin(dr*2*F) - 0.0051*math.Sin(dr*(M+Mpr))
	C1 = C1 - 0.0074*math.Sin(dr*(M-Mpr)) + 0.0004*math.Sin(dr*(2*F+M))
	C1 = C1 - 0.0004*math.Sin(dr*(2*F-M)) - 0.0006*math.Sin(dr*(2*F+Mpr))
	C1 = C1 + 0.0010*math.Sin(dr*(2*F-Mpr)) + 0.0005*math.Sin(dr*(2*Mpr+M))
	var deltat float64
	if T < -11 {
		deltat = 0.001 + 0.000839*T + 0.0002261*T2 - 0.00000845*T3 - 0.000000081*T*T3
	} else {
		deltat = -0.000278 + 0.000265*T + 0.000262*T2
	}
	return int(math.Floor(jd1 + C1 - deltat + 0.5 + vnTimeZone/24))
}

func sunLongitude(jdn int) int {
	T := (float64(jdn) - 2451545.5 - vnTimeZone/24) / 36525
	T2 := T * T
	dr := math.Pi / 180
	M := 357.52910 + 35999.05030*T - 0.0001559*T2 - 0.00000048*T*T2
	L0 := 280.46645 + 36000.76983*T + 0.0003032*T2
	DL := (1.914600 - 0.004817*T - 0.000014*T2) * math.Sin(dr*M)
	DL += (0.019993-0.000101*T)*math.Sin(dr*2*M) + 0.000290*math.Sin(dr*3*M)
	L := (L0 + DL) * dr
	L -= math.Pi * 2 * math.Floor(L/(math.Pi*2))
	return int(math.Floor(L / math.Pi * 6))
}

func lunarMonth11(yy int) int {
	off := float64(jdFromDate(31, 12, yy) - 2415021)
	k := int(math.Floor(off / 29.530588853))
	nm := newMoonDay(k)
	if sunLongitude(nm) >= 9 {
		nm = newMoonDay(k - 1)
	}
	return nm
}

func leapMonthOffset(a11 int) int {
	k := int(math.Floor((float64(a11)-2415021.076998695)/29.530588853 + 0.5))
	i := 1
	arc := sunLongitude(newMoonDay(k + i))
	for {
		last := arc
		i++
		arc = sunLongitude(newMoonDay(k + i))
		if arc == last || i >= 14 {
			break
		}
	}
	return i - 1
}

// solarToLunar returns the lunar day, month, year and leap flag of a Gregorian date.
func solarToLunar(dd, mm, yy int) (day, month, year int, leap bool) {
	dayNumber := jdFromDate(dd, mm, yy)
	k := int(math.Floor((float64(dayNumber) - 2415021.076998695) / 29.530588853))
	monthStart := newMoonDay(k + 1)
	if monthStart > dayNumber {
		monthStart = newMoonDay(k)
	}
	a11 := lunarMonth11(yy)
	b11 := a11
	if a11 >= monthStart {
		year = yy
		a11 = lunarMonth11(yy - 1)
	} else {
		year = yy + 1
		b11 = lunarMonth11(yy + 1)
	}
	day = dayNumber - monthStart + 1
	diff := (monthStart - a11) / 29
	month = diff + 11
	if b11-a11 > 365 {
		leapDiff := leapMonthOffset(a11)
		if diff >= leapDiff {
			month = diff + 10
			if diff == leapDiff {
				leap = true
			}
		}
	}
	if month > 12 {
		month -= 12
	}
	if month >= 11 && diff < 4 {
		year--
	}
	return day, month, year, leap
}

func TestLunarAlgorithmKnownDates(t *testing.T) {
	// Sanity of the reference algorithm itself on dates every Vietnamese calendar prints.
	tests := []struct {
		solar               [3]int // d, m, y
		lday, lmonth, lyear int
	}{
		{[3]int{29, 1, 2025}, 1, 1, 2025},   // Tết Ất Tỵ
		{[3]int{17, 2, 2026}, 1, 1, 2026},   // Tết Bính Ngọ
		{[3]int{16, 2, 2026}, 29, 12, 2025}, // the last day of Ất Tỵ (a 29-day month)
		{[3]int{7, 4, 2025}, 10, 3, 2025},   // Giỗ Tổ 2025
	}
	for _, tt := range tests {
		d, m, y, _ := solarToLunar(tt.solar[0], tt.solar[1], tt.solar[2])
		if d != tt.lday || m != tt.lmonth || y != tt.lyear {
			t.Errorf("solarToLunar(%v) = %d/%d/%d, want %d/%d/%d", tt.solar, d, m, y, tt.lday, tt.lmonth, tt.lyear)
		}
	}
}

// TestLunarTablesMatchAlgorithm recomputes every Tết and Giỗ Tổ of the embedded tables.
func TestLunarTablesMatchAlgorithm(t *testing.T) {
	for year := FirstLunarYear; year <= LastLunarYear; year++ {
		var tet, hung Date
		for d := NewDate(year, time.January, 1); d.Month <= time.May; d = d.AddDays(1) {
			ld, lm, ly, leap := solarToLunar(d.Day, int(d.Month), d.Year)
			if ly != year || leap {
				continue
			}
			if ld == 1 && lm == 1 {
				tet = d
			}
			if ld == 10 && lm == 3 {
				hung = d
			}
		}
		if got, ok := LunarNewYear(year); !ok || got != tet {
			t.Errorf("LunarNewYear(%d) = %v, %v; algorithm says %v", year, got, ok, tet)
		}
		if got, ok := HungKingsDay(year); !ok || got != hung {
			t.Errorf("HungKingsDay(%d) = %v, %v; algorithm says %v", year, got, ok, hung)
		}
	}
}
