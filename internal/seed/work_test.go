package seed_test

import (
	"context"
	"testing"

	"github.com/danvan-vn/danvan/ent/citation"
	"github.com/danvan-vn/danvan/ent/document"
	"github.com/danvan-vn/danvan/ent/membership"
	"github.com/danvan-vn/danvan/ent/taskassignment"
	"github.com/danvan-vn/danvan/ent/unitversion"
	"github.com/danvan-vn/danvan/ent/user"
	"github.com/danvan-vn/danvan/internal/calendar"
	"github.com/danvan-vn/danvan/internal/committee"
	docsvc "github.com/danvan-vn/danvan/internal/document"
	"github.com/danvan-vn/danvan/internal/draft"
	"github.com/danvan-vn/danvan/internal/plan"
	"github.com/danvan-vn/danvan/internal/regime"
	"github.com/danvan-vn/danvan/internal/reminder"
	"github.com/danvan-vn/danvan/internal/seed"
	"github.com/danvan-vn/danvan/internal/settings"
	"github.com/danvan-vn/danvan/internal/testenv"
	"github.com/danvan-vn/danvan/internal/unit"
	"github.com/danvan-vn/danvan/internal/viewer"
)

// TestFillProvince_Work: Quảng Ngãi's chain 25-NQ/TW → 43-KL/TW → 176-KH/TU → 1639/UBND-NC is in
// the register with its citations resolved, its plans hold assignments in every status and
// implementation plans issued on time, late and not at all; a second run changes nothing.
func TestFillProvince_Work(t *testing.T) {
	c := testenv.OpenDB(t, testenv.Postgres(t).AppURL).Client
	units := unit.New(c, nil)
	set := settings.New(c)
	regimes := regime.New(c)
	docs := docsvc.New(c, nil, nil)
	plans := plan.New(c, regimes, nil, nil)
	d := seed.Deps{Units: units, Committees: committee.New(c, units, set, nil, nil), Regimes: regimes, Settings: set,
		Work: &seed.Work{DB: c, Documents: docs, Drafts: draft.New(c, docs, plans, regimes, units), Plans: plans}}
	v := testenv.Province(t, c, "quang-ngai", "Quảng Ngãi")
	ctx := viewer.NewContext(context.Background(), viewer.System(v.TenantID, v.TenantSlug))
	if err := seed.FillProvince(ctx, d, "quang-ngai"); err != nil {
		t.Fatal(err)
	}
	letter, err := c.Document.Query().Where(document.SymbolKey("1639/UBND-NC")).Only(ctx)
	if err != nil {
		t.Fatal(err)
	}
	cites, err := c.Citation.Query().Where(citation.DocumentID(letter.ID)).WithCited().All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	resolved := map[string]bool{}
	for _, ct := range cites {
		resolved[ct.NumberSymbol] = ct.Edges.Cited != nil
	}
	for _, ns := range []string{"176-KH/TU", "43-KL/TW", "25-NQ/TW"} {
		if !resolved[ns] {
			t.Errorf("1639/UBND-NC cites %s: resolved %v (citations %v)", ns, resolved[ns], resolved)
		}
	}
	counts, err := plans.Rollup(ctx, plan.RollupFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if counts.Overdue == 0 || counts.Open == 0 || counts.Continuous == 0 || counts.DoneLate == 0 || counts.DoneOnTime == 0 {
		t.Errorf("statuses = %+v, want every one", counts)
	}
	obs, err := c.PlanObligation.Query().All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var onTime, late, missing int
	for _, o := range obs {
		switch {
		case o.FulfilledOn == nil:
			missing++
		case o.DueOn != nil && calendar.DateAt(*o.FulfilledOn).After(calendar.DateAt(*o.DueOn)):
			late++
		default:
			onTime++
		}
	}
	if onTime == 0 || late == 0 || missing == 0 {
		t.Errorf("implementation plans: %d on time, %d late, %d missing; want some of each", onTime, late, missing)
	}
	before, _ := c.TaskProgress.Query().Count(ctx)
	if err := seed.FillProvince(ctx, d, "quang-ngai"); err != nil {
		t.Fatal(err)
	}
	if after, _ := c.TaskProgress.Query().Count(ctx); after != before {
		t.Errorf("a second run added progress reports: %d → %d", before, after)
	}
	if n, _ := c.Document.Query().Where(document.SymbolKey("1639/UBND-NC")).Count(ctx); n != 1 {
		t.Errorf("1639/UBND-NC registered %d times", n)
	}
}

// sweeps records the demo's sweeps.
type sweeps struct{ days []calendar.Date }

func (s *sweeps) Sweep(_ context.Context, day calendar.Date) (reminder.SweepResult, error) {
	s.days = append(s.days, day)
	return reminder.SweepResult{}, nil
}

// TestFillProvince_Reminders: the demo gives one unit an officer account, named on the unit's
// record, with a task due in two days and one four days overdue, and sweeps today; a second run
// adds no account, membership or task.
func TestFillProvince_Reminders(t *testing.T) {
	c := testenv.OpenDB(t, testenv.Postgres(t).AppURL).Client
	units := unit.New(c, nil)
	set := settings.New(c)
	regimes := regime.New(c)
	docs := docsvc.New(c, nil, nil)
	plans := plan.New(c, regimes, nil, nil)
	sw := &sweeps{}
	d := seed.Deps{Units: units, Committees: committee.New(c, units, set, nil, nil), Regimes: regimes, Settings: set,
		Work: &seed.Work{DB: c, Documents: docs, Drafts: draft.New(c, docs, plans, regimes, units), Plans: plans}, Reminders: sw}
	v := testenv.Province(t, c, "nghe-an", "Nghệ An")
	ctx := viewer.NewContext(context.Background(), viewer.System(v.TenantID, v.TenantSlug))
	for run := range 2 {
		if err := seed.FillProvince(ctx, d, "nghe-an"); err != nil {
			t.Fatal(err)
		}
		u, err := c.User.Query().Where(user.Email(seed.OfficerEmail("nghe-an"))).Only(ctx)
		if err != nil {
			t.Fatalf("run %d: the demo officer: %v", run, err)
		}
		ms, err := c.Membership.Query().Where(membership.UserID(u.ID)).All(ctx)
		if err != nil || len(ms) != 1 || ms[0].Role != membership.RoleUnitOfficer || ms[0].UnitID == nil {
			t.Fatalf("run %d: memberships %v %v", run, ms, err)
		}
		ver, err := c.UnitVersion.Query().Where(unitversion.UnitID(*ms[0].UnitID), unitversion.ValidToIsNil()).Only(ctx)
		if err != nil || ver.OfficerUserID == nil || *ver.OfficerUserID != u.ID || ver.OfficerEmail != u.Email {
			t.Fatalf("run %d: the unit's record %+v %v", run, ver, err)
		}
		as, err := c.TaskAssignment.Query().Where(taskassignment.UnitID(*ms[0].UnitID), taskassignment.CompletedOnIsNil(),
			taskassignment.DueOnNotNil()).All(ctx)
		if err != nil {
			t.Fatal(err)
		}
		today := calendar.Today()
		var soon, overdue int
		for _, a := range as {
			switch calendar.DateAt(*a.DueOn) {
			case today.AddDays(2):
				soon++
			case today.AddDays(-4):
				overdue++
			}
		}
		if soon != 1 || overdue != 1 {
			t.Errorf("run %d: the unit's open tasks due in two days %d, four days overdue %d; want one each", run, soon, overdue)
		}
		if len(sw.days) != run+1 || !sw.days[run].Equal(today) {
			t.Errorf("run %d: sweeps %v, want one more, today", run, sw.days)
		}
	}
}
