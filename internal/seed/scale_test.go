package seed_test

import (
	"context"
	"strings"
	"testing"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/ent/unit"
	"github.com/danvan-vn/danvan/ent/unitreport"
	"github.com/danvan-vn/danvan/ent/unitreportevent"
	"github.com/danvan-vn/danvan/internal/regime"
	"github.com/danvan-vn/danvan/internal/report"
	"github.com/danvan-vn/danvan/internal/seed"
	"github.com/danvan-vn/danvan/internal/settings"
	"github.com/danvan-vn/danvan/internal/testenv"
	"github.com/danvan-vn/danvan/internal/viewer"
)

// TestScale: 25 units and 2 past periods of a new semiannual regime, every scale report
// submitted with full content and most accepted; a second run adds nothing; 40 units add 15 and
// their reports.
func TestScale(t *testing.T) {
	c := testenv.OpenDB(t, testenv.Postgres(t).AppURL).Client
	regimes := regime.New(c)
	reports := report.New(report.Deps{DB: c, Calendar: regimes, Settings: settings.New(c)})
	d := seed.Deps{Regimes: regimes, Reports: &seed.Reports{DB: c, Service: reports}}
	v := testenv.Province(t, c, "nghe-an", "Nghệ An")
	ctx := viewer.NewContext(context.Background(), viewer.System(v.TenantID, v.TenantSlug))

	check := func(units, added int) {
		t.Helper()
		res, err := seed.Scale(ctx, d, seed.ScaleInput{Units: units, Periods: 2})
		if err != nil {
			t.Fatal(err)
		}
		if res.UnitsAdded != added || len(res.Periods) != 2 || res.Periods[0].Key >= res.Periods[1].Key {
			t.Fatalf("Scale(%d): %+v", units, res)
		}
		if n, _ := c.Unit.Query().Where(unit.CodeHasPrefix(seed.ScaleCodePrefix)).Count(ctx); n != units {
			t.Errorf("%d scale units, want %d", n, units)
		}
		for _, p := range res.Periods {
			if p.Filled != added {
				t.Errorf("period %s: filled %d, want %d", p.Key, p.Filled, added)
			}
			rs, err := c.UnitReport.Query().Where(unitreport.PeriodID(p.ID)).WithPeriod().All(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if len(rs) != units {
				t.Fatalf("period %s: %d reports, want %d", p.Key, len(rs), units)
			}
			byStatus := map[unitreport.Status]int{}
			late := 0
			for _, r := range rs {
				byStatus[r.Status]++
				if r.Late {
					late++
				}
				if r.FirstSubmittedAt == nil || r.SubmittedAt == nil || !r.SubmittedAt.Equal(*r.FirstSubmittedAt) ||
					r.Late != report.IsLate(r.Edges.Period.DueOn, *r.FirstSubmittedAt) || r.Version != 1 ||
					(r.Status == unitreport.StatusAccepted) != (r.ReviewedAt != nil && r.ReviewedAt.After(*r.SubmittedAt)) {
					t.Errorf("%s: %s v%d, submitted %v (first %v), late %v, reviewed %v", r.UnitName, r.Status, r.Version,
						r.SubmittedAt, r.FirstSubmittedAt, r.Late, r.ReviewedAt)
				}
				if r.Status != unitreport.StatusSubmitted && r.Status != unitreport.StatusAccepted {
					t.Errorf("%s: %s", r.UnitName, r.Status)
				}
				if err := report.Check(r.Content, mustTemplate(t, ctx, reports, p.ID)); err != nil {
					t.Errorf("%s: %v", r.UnitName, err)
				}
				if len(r.Content.Texts) != 9 || len(r.Content.Values) != 20 {
					t.Errorf("%s: %d texts, %d values", r.UnitName, len(r.Content.Texts), len(r.Content.Values))
				}
				for k, txt := range r.Content.Texts {
					if n := len([]rune(txt)); n < seed.ScaleSectionChars || n > 3*seed.ScaleSectionChars || strings.Contains(txt, "{") {
						t.Errorf("%s: section %s is %d characters: %q", r.UnitName, k, n, txt)
					}
				}
			}
			if byStatus[unitreport.StatusAccepted] < units/2 || byStatus[unitreport.StatusSubmitted] == 0 || late == 0 || late > units/4 {
				t.Errorf("period %s: %v", p.Key, byStatus)
			}
			evs, err := c.UnitReportEvent.Query().Where(unitreportevent.HasReportWith(unitreport.PeriodID(p.ID)),
				unitreportevent.KindEQ(unitreportevent.KindSubmitted)).Count(ctx)
			if err != nil || evs != units {
				t.Errorf("period %s: %d submitted events (%v), want %d", p.Key, evs, err, units)
			}
			t.Logf("period %s: %v, %d late", p.Key, byStatus, late)
		}
	}
	check(25, 25)
	check(25, 0)
	check(40, 15)
}

func mustTemplate(t *testing.T, ctx context.Context, s *report.Service, periodID int) *ent.ReportTemplate {
	t.Helper()
	p, err := s.Period(ctx, periodID)
	if err != nil {
		t.Fatal(err)
	}
	return p.Edges.Template
}
