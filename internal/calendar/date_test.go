package calendar

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"
)

// d is a terse Date literal for tables.
func d(year int, month time.Month, day int) Date { return Date{Year: year, Month: month, Day: day} }

// assertWeekday checks a hard-coded expectation about a date's weekday with the time package
// itself, independently of Date.Weekday, so that no weekday in these tests is taken from memory.
func assertWeekday(t *testing.T, x Date, want time.Weekday) {
	t.Helper()
	if got := time.Date(x.Year, x.Month, x.Day, 12, 0, 0, 0, time.UTC).Weekday(); got != want {
		t.Fatalf("test data: %v is a %v, not a %v", x, got, want)
	}
}

func TestParse(t *testing.T) {
	tests := []struct {
		in   string
		want Date
		code string
	}{
		// Vietnamese form.
		{"15/06/2026", d(2026, 6, 15), ""},
		{"5/6/2026", d(2026, 6, 5), ""},
		{"05/6/2026", d(2026, 6, 5), ""},
		{" 15/11/2026 ", d(2026, 11, 15), ""},
		{"\t01/07/2025\n", d(2025, 7, 1), ""},
		{"29/02/2028", d(2028, 2, 29), ""}, // leap year
		{"29/02/2000", d(2000, 2, 29), ""}, // divisible by 400: leap
		{"01/01/1900", d(1900, 1, 1), ""},
		{"31/12/2200", d(2200, 12, 31), ""},
		// ISO form.
		{"2026-06-15", d(2026, 6, 15), ""},
		{" 2024-02-29 ", d(2024, 2, 29), ""},
		// Syntax.
		{"", Date{}, CodeDateSyntax},
		{"   ", Date{}, CodeDateSyntax},
		{"15062026", Date{}, CodeDateSyntax},
		{"15-06-2026", Date{}, CodeDateSyntax},
		{"2026-6-15", Date{}, CodeDateSyntax},
		{"2026/06/15", Date{}, CodeDateSyntax},
		{"+2025-01-01", Date{}, CodeDateSyntax},
		{"-2025-01-01", Date{}, CodeDateSyntax},
		{"2025-01-01T00:00:00Z", Date{}, CodeDateSyntax},
		{"2025-01-01 x", Date{}, CodeDateSyntax},
		{"15/6/26", Date{}, CodeDateSyntax},
		{"15/6/02026", Date{}, CodeDateSyntax},
		{"+5/6/2026", Date{}, CodeDateSyntax},
		{"150/6/2026", Date{}, CodeDateSyntax},
		{"15/06/2026/1", Date{}, CodeDateSyntax},
		{"15 /06/2026", Date{}, CodeDateSyntax},
		{"15/06/ 2026", Date{}, CodeDateSyntax},
		{"１5/06/2026", Date{}, CodeDateSyntax}, // full-width digit
		{"ngày 15/06/2026", Date{}, CodeDateSyntax},
		{"15/06/2026.", Date{}, CodeDateSyntax},
		{"15/06/2026\x00", Date{}, CodeDateSyntax},
		// Days that do not exist.
		{"32/01/2026", Date{}, CodeDateDay},
		{"00/01/2026", Date{}, CodeDateDay},
		{"29/02/2026", Date{}, CodeDateDay},
		{"29/02/1900", Date{}, CodeDateDay}, // divisible by 100, not 400: common year
		{"31/02/2025", Date{}, CodeDateDay},
		{"31/04/2026", Date{}, CodeDateDay},
		{"2026-02-30", Date{}, CodeDateDay},
		{"2025-02-29", Date{}, CodeDateDay},
		// Months.
		{"15/13/2026", Date{}, CodeDateMonth},
		{"15/00/2026", Date{}, CodeDateMonth},
		{"2026-13-01", Date{}, CodeDateMonth},
		// Years outside MinYear–MaxYear.
		{"01/01/0000", Date{}, CodeDateYear},
		{"0000-01-01", Date{}, CodeDateYear},
		{"31/12/1899", Date{}, CodeDateYear},
		{"01/01/2201", Date{}, CodeDateYear},
		{"31/12/9999", Date{}, CodeDateYear},
	}
	for _, tt := range tests {
		got, err := Parse(tt.in)
		if tt.code == "" {
			if err != nil || got != tt.want {
				t.Errorf("Parse(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
			}
			continue
		}
		if Code(err) != tt.code || !got.IsZero() {
			t.Errorf("Parse(%q) = %v, %v; want code %s", tt.in, got, err, tt.code)
		}
		var e *Error
		if !errors.As(err, &e) || e.Input != tt.in || !strings.Contains(err.Error(), tt.code) {
			t.Errorf("Parse(%q) error %v does not carry code and input", tt.in, err)
		}
	}
}

func TestDateUTC(t *testing.T) {
	got := d(2025, 7, 1).UTC()
	if want := time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC); !got.Equal(want) || got.Location() != time.UTC {
		t.Errorf("UTC() = %v, want %v", got, want)
	}
	if back := NewDate(got.UTC().Date()); back != d(2025, 7, 1) {
		t.Errorf("stored date reads back as %v", back)
	}
}

func TestDateFormatting(t *testing.T) {
	tests := []struct {
		d        Date
		str, iso string
	}{
		{d(2026, 6, 15), "15/06/2026", "2026-06-15"},
		{d(2026, 6, 5), "05/06/2026", "2026-06-05"},
		{d(2027, 1, 1), "01/01/2027", "2027-01-01"},
		{d(987, 3, 4), "04/03/0987", "0987-03-04"},
		{Date{}, "", ""},
	}
	for _, tt := range tests {
		if got := tt.d.String(); got != tt.str {
			t.Errorf("%#v.String() = %q, want %q", tt.d, got, tt.str)
		}
		if got := tt.d.ISO(); got != tt.iso {
			t.Errorf("%#v.ISO() = %q, want %q", tt.d, got, tt.iso)
		}
	}
}

func TestNewDateNormalizes(t *testing.T) {
	tests := []struct {
		got, want Date
	}{
		{NewDate(2026, 2, 30), d(2026, 3, 2)},
		{NewDate(2027, 0, 15), d(2026, 12, 15)},
		{NewDate(2026, 13, 1), d(2027, 1, 1)},
		{NewDate(2028, 3, 0), d(2028, 2, 29)},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %v, want %v", tt.got, tt.want)
		}
	}
	if (Date{2026, 2, 30}).Valid() || !d(2028, 2, 29).Valid() || (Date{}).Valid() {
		t.Error("Valid is wrong")
	}
}

func TestDateArithmetic(t *testing.T) {
	tests := []struct {
		from Date
		n    int
		want Date
	}{
		{d(2026, 12, 31), 1, d(2027, 1, 1)},
		{d(2027, 1, 1), -1, d(2026, 12, 31)},
		{d(2028, 2, 28), 1, d(2028, 2, 29)},
		{d(2026, 2, 28), 1, d(2026, 3, 1)},
		{d(2026, 6, 15), 0, d(2026, 6, 15)},
		{d(2026, 1, 1), 365, d(2027, 1, 1)},
		{d(1, 1, 1), 3652058, d(9999, 12, 31)}, // beyond time.Duration's ~292 years
	}
	for _, tt := range tests {
		got := tt.from.AddDays(tt.n)
		if got != tt.want {
			t.Errorf("%v.AddDays(%d) = %v, want %v", tt.from, tt.n, got, tt.want)
		}
		if back := got.Sub(tt.from); back != tt.n {
			t.Errorf("%v.Sub(%v) = %d, want %d", got, tt.from, back, tt.n)
		}
	}
	a, b := d(2026, 6, 14), d(2026, 6, 15)
	if !a.Before(b) || a.After(b) || !b.After(a) || a.Equal(b) || !a.Equal(Date{2026, 5, 45}) {
		t.Error("Before/After/Equal are wrong")
	}
	if a.Compare(b) != -1 || b.Compare(a) != 1 || a.Compare(a) != 0 {
		t.Error("Compare is wrong")
	}
}

func TestWeekday(t *testing.T) {
	// Every weekday below was printed by the time package, and is re-checked by assertWeekday.
	tests := []struct {
		d    Date
		want time.Weekday
	}{
		{d(2026, 2, 17), time.Tuesday},  // mùng 1 Tết Bính Ngọ
		{d(2026, 6, 15), time.Monday},   // Quảng Ngãi half-year deadline
		{d(2026, 11, 15), time.Sunday},  // Quảng Ngãi annual deadline
		{d(2027, 1, 15), time.Friday},   // Q4/2026 "M+1/15"
		{d(2028, 2, 29), time.Tuesday},  // leap day
		{d(2026, 4, 26), time.Sunday},   // Giỗ Tổ Hùng Vương 2026
		{d(2026, 8, 15), time.Saturday}, // used as a make-up day below
	}
	for _, tt := range tests {
		assertWeekday(t, tt.d, tt.want)
		if got := tt.d.Weekday(); got != tt.want {
			t.Errorf("%v.Weekday() = %v, want %v", tt.d, got, tt.want)
		}
	}
}

func TestTimeAndToday(t *testing.T) {
	if Location().String() != "Asia/Ho_Chi_Minh" {
		t.Errorf("Location() = %v", Location())
	}
	got := d(2026, 6, 15).Time()
	if want := time.Date(2026, 6, 14, 17, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("Time() = %v, want %v", got, want)
	}
	if got.Location() != Location() || got.Hour() != 0 {
		t.Errorf("Time() = %v, want midnight in Vietnam", got)
	}
	tests := []struct {
		now  time.Time
		want Date
	}{
		{time.Date(2026, 6, 14, 16, 59, 59, 0, time.UTC), d(2026, 6, 14)},
		{time.Date(2026, 6, 14, 17, 0, 0, 0, time.UTC), d(2026, 6, 15)},
		{time.Date(2026, 12, 31, 20, 0, 0, 0, time.UTC), d(2027, 1, 1)},
		{time.Date(2026, 6, 15, 1, 0, 0, 0, time.FixedZone("PDT", -7*3600)), d(2026, 6, 15)}, // 15:00 in Vietnam
		{d(2026, 6, 15).Time(), d(2026, 6, 15)},
	}
	for _, tt := range tests {
		if got := DateAt(tt.now); got != tt.want {
			t.Errorf("DateAt(%v) = %v, want %v", tt.now, got, tt.want)
		}
	}
	// Today is the date in Vietnam, not in the process's zone: read the clock around the call so a
	// midnight in between cannot make the check flaky.
	for _, zone := range []*time.Location{time.UTC, time.FixedZone("PDT", -7*3600), time.FixedZone("LINT", 14*3600)} {
		before := time.Now().In(zone)
		got := Today()
		after := time.Now().In(zone)
		if got != DateAt(before) && got != DateAt(after) {
			t.Errorf("Today() = %v, want %v or %v", got, DateAt(before), DateAt(after))
		}
		if y, m, dd := before.In(Location()).Date(); DateAt(before) != d(y, m, dd) {
			t.Errorf("DateAt(%v) = %v, not the date in Asia/Ho_Chi_Minh", before, DateAt(before))
		}
	}
}

func TestDateJSONAndText(t *testing.T) {
	type doc struct {
		Due  Date  `json:"due"`
		Done *Date `json:"done,omitempty"`
	}
	b, err := json.Marshal(doc{Due: d(2026, 6, 15)})
	if err != nil || string(b) != `{"due":"2026-06-15"}` {
		t.Fatalf("Marshal = %s, %v", b, err)
	}
	for in, want := range map[string]Date{
		`{"due":"2026-06-15"}`: d(2026, 6, 15),
		`{"due":"15/06/2026"}`: d(2026, 6, 15),
		`{"due":"5/6/2026"}`:   d(2026, 6, 5),
		`{"due":""}`:           {},
		`{"due":null}`:         {},
	} {
		var got doc
		if err := json.Unmarshal([]byte(in), &got); err != nil || got.Due != want {
			t.Errorf("Unmarshal(%s) = %v, %v; want %v", in, got.Due, err, want)
		}
	}
	for in, code := range map[string]string{
		`{"due":"2026-6-15"}`:  CodeDateSyntax,
		`{"due":"31/04/2026"}`: CodeDateDay,
		`{"due":"2026-13-01"}`: CodeDateMonth,
	} {
		var got doc
		if err := json.Unmarshal([]byte(in), &got); Code(err) != code {
			t.Errorf("Unmarshal(%s) error %v, want code %s", in, err, code)
		}
	}
	if _, err := json.Marshal(doc{Due: Date{2026, 2, 30}}); err == nil {
		t.Error("marshalling an invalid date should fail")
	}
	var x Date
	if err := x.UnmarshalText([]byte("15/11/2026")); err != nil || x != d(2026, 11, 15) {
		t.Errorf("UnmarshalText = %v, %v", x, err)
	}
	if txt, _ := x.MarshalText(); string(txt) != "2026-11-15" {
		t.Errorf("MarshalText = %s", txt)
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"15/06/2026", "5/6/2026", "29/02/2028", "31/04/2026", "", "1//2026", "99/99/9999", "2026-06-15", "+2025-01-01"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := Parse(s)
		if err != nil {
			if Code(err) == "" {
				t.Fatalf("Parse(%q): error without a code: %v", s, err)
			}
			return
		}
		if !got.Valid() || got.Year < MinYear || got.Year > MaxYear {
			t.Fatalf("Parse(%q) = invalid %#v", s, got)
		}
		if back, err := Parse(got.String()); err != nil || back != got {
			t.Fatalf("round trip of %v: %v, %v", got, back, err)
		}
		if back, err := Parse(got.ISO()); err != nil || back != got {
			t.Fatalf("round trip of %v: %v, %v", got, back, err)
		}
	})
}
