package calendar

import (
	"encoding/json"
	"testing"
)

func TestCutOff(t *testing.T) {
	tests := []struct {
		p        Period
		from, to Date
	}{
		{Period{Quarterly, 2026, 1}, d(2025, 12, 15), d(2026, 3, 14)},
		{Period{Quarterly, 2026, 2}, d(2026, 3, 15), d(2026, 6, 14)},
		{Period{Quarterly, 2026, 3}, d(2026, 6, 15), d(2026, 9, 14)},
		{Period{Quarterly, 2026, 4}, d(2026, 9, 15), d(2026, 12, 14)},
		{Period{SemiAnnual, 2026, 1}, d(2025, 12, 15), d(2026, 6, 14)},
		{Period{SemiAnnual, 2026, 2}, d(2026, 6, 15), d(2026, 12, 14)},
		{Period{Annual, 2026, 1}, d(2025, 12, 15), d(2026, 12, 14)},
		{Period{AdHoc, 2026, 0}, Date{}, Date{}},
		{Period{Quarterly, 2026, 5}, Date{}, Date{}},
		{Period{"monthly", 2026, 1}, Date{}, Date{}},
	}
	for _, tt := range tests {
		from, to := CutOff(tt.p)
		if from != tt.from || to != tt.to {
			t.Errorf("CutOff(%+v) = %v → %v, want %v → %v", tt.p, from, to, tt.from, tt.to)
		}
	}
	// Consecutive windows tile time with no gap and no overlap.
	for _, f := range []Frequency{Quarterly, SemiAnnual, Annual} {
		p := Period{f, 2025, 1}
		for i := 0; i < 12; i++ {
			_, to := CutOff(p)
			from, _ := CutOff(p.Next())
			if to.AddDays(1) != from {
				t.Errorf("%v: window ends %v but %v starts %v", p, to, p.Next(), from)
			}
			p = p.Next()
		}
	}
}

func TestPeriodLabels(t *testing.T) {
	tests := []struct {
		p      Period
		vi, en string
		key    string
	}{
		{Period{Quarterly, 2026, 1}, "Quý I/2026", "Q1 2026", "2026-Q1"},
		{Period{Quarterly, 2026, 2}, "Quý II/2026", "Q2 2026", "2026-Q2"},
		{Period{Quarterly, 2026, 3}, "Quý III/2026", "Q3 2026", "2026-Q3"},
		{Period{Quarterly, 2026, 4}, "Quý IV/2026", "Q4 2026", "2026-Q4"},
		{Period{SemiAnnual, 2026, 1}, "6 tháng đầu năm 2026", "First half of 2026", "2026-H1"},
		{Period{SemiAnnual, 2026, 2}, "6 tháng cuối năm 2026", "Second half of 2026", "2026-H2"},
		{Period{Annual, 2026, 1}, "Năm 2026", "Year 2026", "2026"},
		{Period{AdHoc, 2026, 0}, "Đột xuất", "Ad hoc", "adhoc-2026"},
		{Period{Quarterly, 2026, 0}, "", "", ""},
		{Period{Annual, 2026, 2}, "", "", ""},
	}
	for _, tt := range tests {
		if got := tt.p.LabelVI(); got != tt.vi {
			t.Errorf("%+v.LabelVI() = %q, want %q", tt.p, got, tt.vi)
		}
		if got := tt.p.Label("vi-VN"); got != tt.vi {
			t.Errorf("%+v.Label(vi-VN) = %q, want %q", tt.p, got, tt.vi)
		}
		if got := tt.p.LabelEN(); got != tt.en || tt.p.Label("en") != tt.en {
			t.Errorf("%+v.LabelEN() = %q, want %q", tt.p, got, tt.en)
		}
		if got := tt.p.String(); got != tt.key {
			t.Errorf("%+v.String() = %q, want %q", tt.p, got, tt.key)
		}
		if tt.key != "" {
			if back, err := ParsePeriod(tt.key); err != nil || back != tt.p {
				t.Errorf("ParsePeriod(%q) = %+v, %v", tt.key, back, err)
			}
		}
	}
}

func TestParsePeriodErrors(t *testing.T) {
	for in, code := range map[string]string{
		"":          CodePeriodSyntax,
		"2026-Q":    CodePeriodSyntax,
		"2026-M1":   CodePeriodSyntax,
		"26-Q1":     CodePeriodSyntax,
		"2026-Q10":  CodePeriodSyntax,
		"adhoc-26":  CodePeriodSyntax,
		"2026-Q5":   CodePeriodIndex,
		"2026-H3":   CodePeriodIndex,
		"0000":      CodePeriodYear,
		"2026-Q1 x": CodePeriodSyntax,
	} {
		if p, err := ParsePeriod(in); Code(err) != code || p != (Period{}) {
			t.Errorf("ParsePeriod(%q) = %+v, %v; want code %s", in, p, err, code)
		}
	}
	if _, err := NewPeriod("monthly", 2026, 1); Code(err) != CodePeriodKind {
		t.Errorf("NewPeriod(monthly) error %v", err)
	}
	if _, err := NewPeriod(AdHoc, 2026, 1); Code(err) != CodePeriodIndex {
		t.Errorf("NewPeriod(adhoc, 1) error %v", err)
	}
}

func TestPeriodNavigation(t *testing.T) {
	q4 := Period{Quarterly, 2026, 4}
	if q4.Next() != (Period{Quarterly, 2027, 1}) || q4.Next().Prev() != q4 {
		t.Errorf("Next/Prev across the year end: %+v", q4.Next())
	}
	if h := (Period{SemiAnnual, 2026, 1}); h.Prev() != (Period{SemiAnnual, 2025, 2}) {
		t.Errorf("Prev(H1) = %+v", h.Prev())
	}
	if y := (Period{Annual, 2026, 1}); y.Next() != (Period{Annual, 2027, 1}) {
		t.Errorf("Next(year) = %+v", y.Next())
	}
	if a := (Period{AdHoc, 2026, 0}); a.Next() != a || a.Prev() != a {
		t.Error("ad hoc periods do not move")
	}
	tests := []struct {
		p          Period
		start, end Date
	}{
		{Period{Quarterly, 2026, 1}, d(2026, 1, 1), d(2026, 3, 31)},
		{Period{Quarterly, 2028, 1}, d(2028, 1, 1), d(2028, 3, 31)},
		{Period{Quarterly, 2026, 2}, d(2026, 4, 1), d(2026, 6, 30)},
		{Period{SemiAnnual, 2026, 2}, d(2026, 7, 1), d(2026, 12, 31)},
		{Period{Annual, 2026, 1}, d(2026, 1, 1), d(2026, 12, 31)},
		{Period{AdHoc, 2026, 0}, Date{}, Date{}},
	}
	for _, tt := range tests {
		if tt.p.Start() != tt.start || tt.p.End() != tt.end {
			t.Errorf("%+v: %v–%v, want %v–%v", tt.p, tt.p.Start(), tt.p.End(), tt.start, tt.end)
		}
	}
	for _, tt := range []struct {
		f    Frequency
		d    Date
		want Period
	}{
		{Quarterly, d(2026, 5, 15), Period{Quarterly, 2026, 2}},
		{Quarterly, d(2026, 12, 31), Period{Quarterly, 2026, 4}},
		{SemiAnnual, d(2026, 6, 30), Period{SemiAnnual, 2026, 1}},
		{SemiAnnual, d(2026, 7, 1), Period{SemiAnnual, 2026, 2}},
		{Annual, d(2026, 7, 1), Period{Annual, 2026, 1}},
		{AdHoc, d(2026, 7, 1), Period{}},
	} {
		if got := PeriodOf(tt.f, tt.d); got != tt.want {
			t.Errorf("PeriodOf(%s, %v) = %+v, want %+v", tt.f, tt.d, got, tt.want)
		}
	}
	if ps := Periods(Quarterly, 2026); len(ps) != 4 || ps[3] != q4 {
		t.Errorf("Periods = %+v", ps)
	}
	if Periods(AdHoc, 2026) != nil || !AdHoc.Valid() || Frequency("monthly").Valid() {
		t.Error("frequency helpers wrong")
	}
	raw, _ := json.Marshal(q4)
	if string(raw) != `{"kind":"quarterly","year":2026,"index":4}` {
		t.Errorf("Period JSON = %s", raw)
	}
}

func TestCutOffAt(t *testing.T) {
	h1 := Period{Kind: SemiAnnual, Year: 2025, Index: 1}
	for _, c := range []struct {
		day      int
		from, to Date
	}{
		{0, NewDate(2024, 12, 15), NewDate(2025, 6, 14)},  // Nghị định 09's default
		{14, NewDate(2024, 12, 15), NewDate(2025, 6, 14)}, // the same, said
		{10, NewDate(2024, 12, 11), NewDate(2025, 6, 10)}, // a province that closes its figures on the 10th
		{28, NewDate(2024, 12, 29), NewDate(2025, 6, 28)},
	} {
		from, to := CutOffAt(h1, c.day)
		if !from.Equal(c.from) || !to.Equal(c.to) {
			t.Errorf("day %d: %s → %s, want %s → %s", c.day, from, to, c.from, c.to)
		}
	}
	q1 := Period{Kind: Quarterly, Year: 2026, Index: 1}
	if from, to := CutOffAt(q1, 20); !from.Equal(NewDate(2025, 12, 21)) || !to.Equal(NewDate(2026, 3, 20)) {
		t.Errorf("Q1 2026 on the 20th: %s → %s", from, to)
	}
	for _, bad := range []int{-1, 29, 31} {
		if from, to := CutOffAt(h1, bad); !from.IsZero() || !to.IsZero() {
			t.Errorf("day %d: %s → %s, want no window", bad, from, to)
		}
	}
}
