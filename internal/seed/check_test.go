package seed

import (
	"strings"
	"testing"
)

// TestCheck: the data of every province is consistent, and check catches a unit nobody is in
// charge of, a unit in two members' charge and a second head.
func TestCheck(t *testing.T) {
	for _, p := range provinceTable {
		if err := p.check(); err != nil {
			t.Errorf("%s: %v", p.Slug, err)
		}
	}
	broken := func(edit func(ms []memberRow) []memberRow) error {
		p := *quangNgai
		p.Committee.Members = edit(append([]memberRow(nil), quangNgai.Committee.Members...))
		return p.check()
	}
	cases := map[string]func(ms []memberRow) []memberRow{
		"unit X-024 has 0 members in charge": func(ms []memberRow) []memberRow {
			for i, m := range ms {
				if m.Office == "BQLKKT" {
					ms[i].Units = of("BQLKKT", "X-021", "X-022", "X-023")
				}
			}
			return ms
		},
		"unit SNV has 2 members in charge": func(ms []memberRow) []memberRow {
			return append(ms, memberRow{"member", "STP", "", "Giám đốc Sở Tư pháp", of("SNV")})
		},
		"2 heads, want 1": func(ms []memberRow) []memberRow {
			return append(ms, memberRow{"head", "QN", "Người thứ hai", "Chủ tịch UBND tỉnh", nil})
		},
	}
	for want, edit := range cases {
		if err := broken(edit); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("want %q, got %v", want, err)
		}
	}
}

// TestRegimeNamesFitTheirPeriods: a regime's name is the label of every period it makes, so a
// semiannual regime (first and second half) is not called "6 tháng đầu năm", and each deadline
// rule parses.
func TestRegimeNamesFitTheirPeriods(t *testing.T) {
	for _, p := range provinceTable {
		for _, r := range p.Regimes {
			if r.Frequency == "semiannual" && (strings.Contains(r.Name, "đầu năm") || strings.Contains(r.Name, "cuối năm")) {
				t.Errorf("%s: the semiannual regime %q names one half only", p.Slug, r.Name)
			}
			if r.Frequency == "quarterly" && strings.Contains(r.Name, "quý I") {
				t.Errorf("%s: the quarterly regime %q names one quarter only", p.Slug, r.Name)
			}
		}
	}
}

// TestProvinces_Renamed: Hòa Bình is shown as part of Phú Thọ from the reform day.
func TestProvinces_Renamed(t *testing.T) {
	for _, p := range Provinces {
		if want := map[string]string{"hoa-binh": "Hòa Bình (nay là tỉnh Phú Thọ)"}[p.Slug]; p.Renamed != want {
			t.Errorf("%s renamed %q, want %q", p.Slug, p.Renamed, want)
		}
	}
	if ReformDay.ISO() != "2025-07-01" {
		t.Errorf("reform day %s", ReformDay)
	}
}
