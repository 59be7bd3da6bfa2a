package report_test

import (
	"context"
	"slices"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/ent/reportperiod"
	"github.com/danvan-vn/danvan/ent/unitreport"
	"github.com/danvan-vn/danvan/ent/unitversion"
	"github.com/danvan-vn/danvan/internal/calendar"
	"github.com/danvan-vn/danvan/internal/regime"
	"github.com/danvan-vn/danvan/internal/report"
	"github.com/danvan-vn/danvan/internal/unit"
)

func (f *fx) codes(rs map[int]*ent.UnitReport) []string {
	var out []string
	for code, id := range f.u {
		if rs[id] != nil {
			out = append(out, code)
		}
	}
	sort.Strings(out)
	return out
}

// The central case: the map moved on 1/7/2025 and each half year expects the units as they
// stood in its window.
func TestOpen_ExpectedUnitsAcrossTheReform(t *testing.T) {
	f := setup(t)
	h1, created, err := f.svc.Open(f.ctx, f.regime.ID, "2025-H1")
	if err != nil || !created {
		t.Fatalf("open H1: created %v, %v", created, err)
	}
	h2 := f.open(t, f.regime.ID, "2025-H2")

	r1 := f.reports(t, h1.ID)
	if got, want := f.codes(r1), []string{"A", "B", "D", "E", "SNV", "STP"}; !slices.Equal(got, want) {
		t.Errorf("H1 expects %v, want %v (predecessors and the dissolved commune, not the successor nor the district)", got, want)
	}
	d := r1[f.u["D"]]
	if d == nil || d.UnitEndedOn == nil || !d.UnitEndedOn.Equal(date(2025, 3, 10)) {
		t.Errorf("H1 report of D: ended on %v, want 2025-03-10", d)
	}
	if a := r1[f.u["A"]]; a == nil || a.UnitEndedOn != nil || a.UnitName != "UBND xã Tịnh Ấn Tây" || a.UnitType != "commune" {
		t.Errorf("H1 report of A = %+v: want its name, commune, not ended in the window", a)
	}
	for _, r := range r1 {
		if r.Status != unitreport.StatusNotStarted || r.Excused {
			t.Errorf("new report %d: status %s excused %v", r.ID, r.Status, r.Excused)
		}
	}

	r2 := f.reports(t, h2.ID)
	if got, want := f.codes(r2), []string{"C", "E", "SNV", "STP"}; !slices.Equal(got, want) {
		t.Errorf("H2 expects %v, want %v (the successor reports for A and B; D is gone)", got, want)
	}
	if c := r2[f.u["C"]]; c == nil || c.UnitName != "UBND xã Tịnh Ấn" || c.UnitEndedOn != nil {
		t.Errorf("H2 report of C = %+v", c)
	}

	// The period itself: name, window (Nghị định 09/2019), due day, receiving unit.
	if h1.Name != "Báo cáo 6 tháng đầu năm 2025" || h2.Name != "Báo cáo 6 tháng cuối năm 2025" {
		t.Errorf("names %q, %q", h1.Name, h2.Name)
	}
	if !h1.CutoffFrom.Equal(date(2024, 12, 15)) || !h1.CutoffTo.Equal(date(2025, 6, 14)) {
		t.Errorf("H1 window %v – %v", h1.CutoffFrom, h1.CutoffTo)
	}
	// 15/6/2025 is a Sunday: the default shift moves the due day back to Friday 13/6.
	if !h1.DueOn.Equal(date(2025, 6, 13)) {
		t.Errorf("H1 due on %v, want 2025-06-13", h1.DueOn)
	}
	if !h2.DueOn.Equal(date(2025, 12, 15)) { // a Monday
		t.Errorf("H2 due on %v, want 2025-12-15", h2.DueOn)
	}
	if h1.ReceivingUnitID == nil || *h1.ReceivingUnitID != f.u["SNV"] {
		t.Errorf("receiving unit %v, want SNV %d", h1.ReceivingUnitID, f.u["SNV"])
	}
	if h1.Key != "2025-H1" || h1.OpenedBy == nil || *h1.OpenedBy != f.v.UserID {
		t.Errorf("key %q opened by %v", h1.Key, h1.OpenedBy)
	}
}

func TestOpen_DueDayFollowsTheShiftPolicy(t *testing.T) {
	f := setup(t)
	r, err := f.regimes.Create(f.ctx, regime.Input{Name: "Không dời hạn", Frequency: "semiannual", DeadlineRule: "M/15",
		Shift: "none", ReportingUnitTypes: []string{"department"}, Active: true})
	if err != nil {
		t.Fatal(err)
	}
	p := f.open(t, r.ID, "2025-H1")
	if !p.DueOn.Equal(date(2025, 6, 15)) {
		t.Errorf("due on %v, want the nominal Sunday 2025-06-15", p.DueOn)
	}
	if p.ReceivingUnitID != nil {
		t.Errorf("receiving unit %v, want none", *p.ReceivingUnitID)
	}
	if got := f.codes(f.reports(t, p.ID)); !slices.Equal(got, []string{"SNV", "STP"}) {
		t.Errorf("departments only: %v", got)
	}
	// A holiday on the due day moves it too (the province calendar).
	if err := f.regimes.AddHoliday(f.ctx, calendar.NewDate(2025, 12, 15), "Nghỉ bù", "holiday"); err != nil {
		t.Fatal(err)
	}
	p2 := f.open(t, f.regime.ID, "2025-H2")
	if !p2.DueOn.Equal(date(2025, 12, 12)) {
		t.Errorf("H2 due on %v, want Friday 2025-12-12 (15/12 a holiday)", p2.DueOn)
	}
}

func TestOpen_RefusesBadKeys(t *testing.T) {
	f := setup(t)
	for _, key := range []string{"2025-Q1", "2025", "nonsense"} {
		if _, _, err := f.svc.Open(f.ctx, f.regime.ID, key); err == nil || fields(t, err)["period"] == "" {
			t.Errorf("Open(%q) = %v, want invalid period", key, err)
		}
	}
	if n := f.db.ReportPeriod.Query().CountX(f.ctx); n != 0 {
		t.Errorf("%d periods after refusals", n)
	}
}

func TestOpen_RefreshExpectedAddsNewUnits(t *testing.T) {
	f := setup(t)
	h2 := f.open(t, f.regime.ID, "2025-H2")
	before := len(f.reports(t, h2.ID))
	if _, err := f.units.Create(f.ctx, "F", date(2025, 8, 1), unit.Attrs{Name: "UBND phường Trương Quang Trọng", Type: "commune"}); err != nil {
		t.Fatal(err)
	}
	n, err := f.svc.RefreshExpected(f.ctx, h2.ID)
	if err != nil || n != 1 {
		t.Fatalf("refresh: %d, %v; want 1 added", n, err)
	}
	if n, err := f.svc.RefreshExpected(f.ctx, h2.ID); err != nil || n != 0 {
		t.Fatalf("second refresh: %d, %v; want 0", n, err)
	}
	if got := len(f.reports(t, h2.ID)); got != before+1 {
		t.Errorf("%d reports, want %d", got, before+1)
	}
}

func TestOpen_IsIdempotent(t *testing.T) {
	f := setup(t)
	p1, c1, err := f.svc.Open(f.ctx, f.regime.ID, "2025-H1")
	if err != nil || !c1 {
		t.Fatalf("first open: %v %v", c1, err)
	}
	p2, c2, err := f.svc.Open(f.ctx, f.regime.ID, "2025-H1")
	if err != nil || c2 || p2.ID != p1.ID {
		t.Fatalf("second open: created %v id %d (first %d), %v", c2, p2.ID, p1.ID, err)
	}
	if n := f.db.UnitReport.Query().Where(unitreport.PeriodID(p1.ID)).CountX(f.ctx); n != 6 {
		t.Errorf("%d reports after two opens, want 6", n)
	}
}

func TestOpen_ConcurrentOpenersMakeOnePeriod(t *testing.T) {
	f := setup(t)
	// A fresh regime: the openers also race to write its default template.
	r, err := f.regimes.Create(f.ctx, regime.Input{Name: "Báo cáo quý", Frequency: "quarterly", DeadlineRule: "M/15",
		ReportingUnitTypes: []string{"department", "commune"}, Active: true})
	if err != nil {
		t.Fatal(err)
	}
	// Several rounds, so that the openers really overlap (the first one also races on the template).
	for _, key := range []string{"2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2"} {
		const n = 5
		var wg sync.WaitGroup
		ids, created, errs := make([]int, n), make([]bool, n), make([]error, n)
		start := make(chan struct{})
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				p, c, err := f.svc.Open(f.ctx, r.ID, key)
				errs[i], created[i] = err, c
				if p != nil {
					ids[i] = p.ID
				}
			}()
		}
		close(start)
		wg.Wait()
		nCreated := 0
		for i := range n {
			if errs[i] != nil {
				t.Fatalf("%s opener %d: %v", key, i, errs[i])
			}
			if ids[i] != ids[0] {
				t.Errorf("%s opener %d got period %d, opener 0 got %d", key, i, ids[i], ids[0])
			}
			if created[i] {
				nCreated++
			}
		}
		if nCreated != 1 {
			t.Errorf("%s: %d openers say they created the period, want 1", key, nCreated)
		}
		if c := f.db.ReportPeriod.Query().Where(reportperiod.RegimeID(r.ID), reportperiod.Key(key)).CountX(f.ctx); c != 1 {
			t.Errorf("%s: %d periods, want 1", key, c)
		}
		// From Q3 2025 (window 15/6 – 14/9) on: A and B until 30/6 are merged into C, which reports.
		rs := f.reports(t, ids[0])
		if got := f.codes(rs); !slices.Equal(got, []string{"C", "E", "SNV", "STP"}) {
			t.Errorf("%s expects %v", key, got)
		}
		if c := f.db.UnitReport.Query().Where(unitreport.PeriodID(ids[0])).CountX(f.ctx); c != 4 {
			t.Errorf("%s: %d report rows, want 4", key, c)
		}
	}
	ts, err := f.svc.Templates(f.ctx, r.ID)
	if err != nil || len(ts) != 1 {
		t.Errorf("templates after the race: %d, %v; want one version", len(ts), err)
	}
}

func TestOpenDue(t *testing.T) {
	f := setup(t)
	inactive, err := f.regimes.Create(f.ctx, regime.Input{Name: "Tạm ngưng", Frequency: "semiannual", DeadlineRule: "M/15",
		ReportingUnitTypes: []string{"department"}, Active: false})
	if err != nil {
		t.Fatal(err)
	}
	adhoc, err := f.regimes.Create(f.ctx, regime.Input{Name: "Đột xuất", Frequency: "adhoc",
		ReportingUnitTypes: []string{"department"}, Active: true})
	if err != nil {
		t.Fatal(err)
	}
	keys := func(ps []*ent.ReportPeriod) []string {
		var out []string
		for _, p := range ps {
			out = append(out, p.Key)
			if p.RegimeID != f.regime.ID {
				t.Errorf("opened %s of regime %d", p.Key, p.RegimeID)
			}
		}
		return out
	}
	// 15/5/2025: H1 is under way; H2's window starts 15/6, 31 days ahead: not yet.
	ps, err := f.svc.OpenDue(f.ctx, calendar.NewDate(2025, 5, 15))
	if err != nil || !slices.Equal(keys(ps), []string{"2025-H1"}) {
		t.Fatalf("OpenDue 15/5: %v, %v; want [2025-H1]", keys(ps), err)
	}
	if ps, err := f.svc.OpenDue(f.ctx, calendar.NewDate(2025, 5, 15)); err != nil || len(ps) != 0 {
		t.Fatalf("OpenDue again: %v, %v; want nothing", keys(ps), err)
	}
	// 16/5/2025: H2's window starts in 30 days.
	ps, err = f.svc.OpenDue(f.ctx, calendar.NewDate(2025, 5, 16))
	if err != nil || !slices.Equal(keys(ps), []string{"2025-H2"}) {
		t.Fatalf("OpenDue 16/5: %v, %v; want [2025-H2]", keys(ps), err)
	}
	if ps, err := f.svc.OpenDue(f.ctx, calendar.NewDate(2025, 5, 16)); err != nil || len(ps) != 0 {
		t.Fatalf("OpenDue 16/5 again: %v, %v", keys(ps), err)
	}
	if n := f.db.ReportPeriod.Query().Where(reportperiod.RegimeIDIn(inactive.ID, adhoc.ID)).CountX(f.ctx); n != 0 {
		t.Errorf("%d periods of the inactive and adhoc regimes", n)
	}
	if n := f.db.ReportPeriod.Query().CountX(f.ctx); n != 2 {
		t.Errorf("%d periods, want 2", n)
	}
}

func TestPeriod_KeepsItsTemplateVersion(t *testing.T) {
	f := setup(t)
	h1 := f.open(t, f.regime.ID, "2025-H1")
	t2, err := f.svc.SaveTemplate(f.ctx, f.regime.ID, smallTemplate())
	if err != nil || t2.Version != 2 {
		t.Fatalf("save template: %v, %v", t2, err)
	}
	h2 := f.open(t, f.regime.ID, "2025-H2")
	p1, err := f.svc.Period(f.ctx, h1.ID)
	if err != nil {
		t.Fatal(err)
	}
	p2, err := f.svc.Period(f.ctx, h2.ID)
	if err != nil {
		t.Fatal(err)
	}
	if v := p1.Edges.Template.Version; v != 1 || len(p1.Edges.Template.Sections) != len(report.DefaultSections()) {
		t.Errorf("H1 template version %d with %d sections, want the default v1", v, len(p1.Edges.Template.Sections))
	}
	if v := p2.Edges.Template.Version; v != 2 || p2.Edges.Template.ID != t2.ID {
		t.Errorf("H2 template version %d, want 2", v)
	}
	cur, err := f.svc.Template(f.ctx, f.regime.ID)
	if err != nil || cur.Version != 2 {
		t.Errorf("current template %v, %v", cur, err)
	}
	// A report of H1 is checked against v1: its required sections are the default's.
	v, err := f.svc.Report(f.ctx, f.reportOf(t, h1.ID, "SNV").ID)
	if err != nil || v.Template.Version != 1 {
		t.Fatalf("report view template: %v", err)
	}
}

func TestPeriodName(t *testing.T) {
	for key, want := range map[string]string{
		"2025-H1": "Báo cáo 6 tháng đầu năm 2025",
		"2025-H2": "Báo cáo 6 tháng cuối năm 2025",
		"2025-Q2": "Báo cáo Quý II/2025",
		"2025":    "Báo cáo năm 2025",
	} {
		p, err := calendar.ParsePeriod(key)
		if err != nil {
			t.Fatal(err)
		}
		if got := report.PeriodName(p); got != want {
			t.Errorf("PeriodName(%s) = %q, want %q", key, got, want)
		}
	}
}

// The pure function on hand-built histories.
func TestExpected(t *testing.T) {
	from, to := date(2024, 12, 15), date(2025, 6, 14)
	tp := func(t time.Time) *time.Time { return &t }
	ip := func(i int) *int { return &i }
	ver := func(id, unitID int, name, typ string, vf time.Time, vt *time.Time) *ent.UnitVersion {
		return &ent.UnitVersion{ID: id, UnitID: unitID, Name: name, Type: unitversion.Type(typ), ValidFrom: vf, ValidTo: vt}
	}
	units := []*ent.Unit{
		{ID: 1, ValidFrom: date(2015, 1, 1)},                                                    // renamed in the window
		{ID: 2, ValidFrom: date(2025, 7, 1)},                                                    // created after the window
		{ID: 3, ValidFrom: date(2015, 1, 1), ValidTo: tp(date(2025, 3, 1)), SuccessorID: ip(4)}, // merged into a public service unit
		{ID: 4, ValidFrom: date(2025, 3, 1)},                                                    // type does not report
		{ID: 5, ValidFrom: date(2015, 1, 1), ValidTo: tp(date(2025, 2, 1)), SuccessorID: ip(6)}, // merged into a commune that reports
		{ID: 6, ValidFrom: date(2025, 2, 1)},
		{ID: 7, ValidFrom: date(2015, 1, 1), ValidTo: tp(date(2024, 12, 15))}, // ended the window's first day: never in it
		{ID: 8, ValidFrom: date(2015, 1, 1), ValidTo: tp(date(2025, 6, 15))},  // ended the day after the window: not ended in it
		{ID: 9, ValidFrom: date(2025, 6, 14)},                                 // created on the window's last day
		{ID: 10, ValidFrom: date(2015, 1, 1), ValidTo: tp(date(2025, 4, 1))},  // dissolved in the window
	}
	versions := []*ent.UnitVersion{
		ver(11, 1, "UBND xã Cũ", "commune", date(2015, 1, 1), tp(date(2025, 2, 1))),
		ver(12, 1, "UBND xã Mới", "commune", date(2025, 2, 1), tp(date(2025, 9, 1))),
		ver(13, 1, "UBND phường Sau Kỳ", "commune", date(2025, 9, 1), nil),
		ver(21, 2, "UBND xã Tương Lai", "commune", date(2025, 7, 1), nil),
		ver(31, 3, "UBND xã Sáp Nhập", "commune", date(2015, 1, 1), tp(date(2025, 3, 1))),
		ver(41, 4, "Trung tâm Dịch vụ", "public_service", date(2025, 3, 1), nil),
		ver(51, 5, "UBND xã Năm", "commune", date(2015, 1, 1), tp(date(2025, 2, 1))),
		ver(61, 6, "UBND xã Sáu", "commune", date(2025, 2, 1), nil),
		ver(71, 7, "UBND xã Bảy", "commune", date(2015, 1, 1), tp(date(2024, 12, 15))),
		ver(81, 8, "Sở Tám", "department", date(2015, 1, 1), tp(date(2025, 6, 15))),
		ver(91, 9, "UBND xã Chín", "commune", date(2025, 6, 14), nil),
		ver(101, 10, "UBND xã Mười", "commune", date(2015, 1, 1), tp(date(2025, 4, 1))),
	}
	got := map[int]report.ExpectedUnit{}
	for _, e := range report.Expected(units, versions, []string{"department", "commune"}, from, to) {
		if _, dup := got[e.UnitID]; dup {
			t.Fatalf("unit %d expected twice", e.UnitID)
		}
		got[e.UnitID] = e
	}
	var ids []int
	for id := range got {
		ids = append(ids, id)
	}
	sort.Ints(ids)
	if want := []int{1, 3, 6, 8, 9, 10}; !slices.Equal(ids, want) {
		t.Fatalf("expected units %v, want %v", ids, want)
	}
	if e := got[1]; e.Name != "UBND xã Mới" || e.Type != "commune" || e.EndedOn != nil {
		t.Errorf("renamed unit: %+v, want the last name in the window", e)
	}
	if e := got[3]; e.Name != "UBND xã Sáp Nhập" || e.EndedOn != nil {
		t.Errorf("unit merged into a non-reporting unit: %+v, want it to report itself, not marked ended", e)
	}
	if e := got[8]; e.Type != "department" || e.EndedOn != nil {
		t.Errorf("unit ending after the window: %+v", e)
	}
	if e := got[10]; e.EndedOn == nil || !e.EndedOn.Equal(date(2025, 4, 1)) || e.Name != "UBND xã Mười" {
		t.Errorf("dissolved unit: %+v, want ended 2025-04-01", e)
	}
	// No types: the defaults (departments, districts, communes) — the public service unit stays out.
	for _, e := range report.Expected(units, versions, nil, from, to) {
		if e.UnitID == 4 {
			t.Errorf("public service unit expected with the default types")
		}
	}
}

// TestOpenDueEverywhere: the scheduled task opens every active province's periods, each in
// its own province, and opens nothing the second time.
func TestOpenDueEverywhere(t *testing.T) {
	f := setup(t)
	if _, err := f.regimes.Create(f.other, regime.Input{Name: "Báo cáo 6 tháng", Frequency: "semiannual", DeadlineRule: "M/15",
		ReportingUnitTypes: []string{"department"}, Active: true}); err != nil {
		t.Fatal(err)
	}
	f.svc.SetClock(func() time.Time { return time.Date(2025, 5, 15, 1, 0, 0, 0, calendar.Location()) })
	n, err := f.svc.OpenDueEverywhere(context.Background())
	if err != nil || n != 2 {
		t.Fatalf("first run: %d periods, %v; want 2 (one per province)", n, err)
	}
	for _, ctx := range []context.Context{f.ctx, f.other} {
		ps, err := f.svc.Periods(ctx, 0)
		if err != nil || len(ps) != 1 || ps[0].Key != "2025-H1" {
			t.Errorf("a province's periods after the run: %v, %v", ps, err)
		}
	}
	if n, err := f.svc.OpenDueEverywhere(context.Background()); err != nil || n != 0 {
		t.Errorf("second run: %d, %v; want nothing opened", n, err)
	}
}
