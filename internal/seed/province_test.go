package seed_test

import (
	"context"
	"fmt"
	"maps"
	"testing"
	"time"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/ent/unitreport"
	"github.com/danvan-vn/danvan/internal/calendar"
	"github.com/danvan-vn/danvan/internal/committee"
	"github.com/danvan-vn/danvan/internal/regime"
	"github.com/danvan-vn/danvan/internal/report"
	"github.com/danvan-vn/danvan/internal/seed"
	"github.com/danvan-vn/danvan/internal/settings"
	"github.com/danvan-vn/danvan/internal/tenancy"
	"github.com/danvan-vn/danvan/internal/testenv"
	"github.com/danvan-vn/danvan/internal/unit"
	"github.com/danvan-vn/danvan/internal/viewer"
)

var (
	beforeReform = calendar.NewDate(2025, 6, 30).UTC()
	reformDay    = calendar.NewDate(2025, 7, 1).UTC()
	later        = calendar.NewDate(2026, 1, 1).UTC()
)

// snapshot is what a province holds, to compare a second run with the first.
type snapshot struct {
	Units      map[string]string // date/code → name/type/parent/leader
	Members    int
	Assigned   map[int][]int
	Regimes    []string
	Holidays   map[int]int
	Settings   map[string]string
	AuditCount int
	Reports    map[string]int // period key/status → reports, and "events"
}

func take(t *testing.T, ctx context.Context, c *ent.Client, d seed.Deps, cid int) snapshot {
	t.Helper()
	s := snapshot{Units: map[string]string{}, Holidays: map[int]int{}}
	for _, day := range []time.Time{beforeReform, reformDay, later} {
		nodes, err := d.Units.AsOf(ctx, day, "")
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range nodes {
			v, parent := n.Version, 0
			if v.ParentID != nil {
				parent = *v.ParentID
			}
			s.Units[day.Format("2006-01-02")+"/"+n.Unit.Code] = fmt.Sprint(v.ID, "|", v.Name, "|", v.Type, "|", parent, "|",
				v.LeaderName, "|", v.OfficerEmail)
		}
	}
	ms, err := d.Committees.Members(ctx, cid, later)
	if err != nil {
		t.Fatal(err)
	}
	s.Members = len(ms)
	mx, err := d.Committees.AssignmentMatrix(ctx, cid, later)
	if err != nil {
		t.Fatal(err)
	}
	s.Assigned = mx.InCharge
	rs, err := d.Regimes.List(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rs {
		s.Regimes = append(s.Regimes, fmt.Sprint(r.ID, r.Name, r.DeadlineRule))
	}
	for _, y := range seed.CalendarYears {
		hs, err := d.Regimes.Holidays(ctx, y)
		if err != nil {
			t.Fatal(err)
		}
		s.Holidays[y] = len(hs)
	}
	if s.Settings, err = d.Settings.All(ctx); err != nil {
		t.Fatal(err)
	}
	if s.AuditCount, err = c.AuditLog.Query().Count(tenancy.SystemContext(ctx)); err != nil {
		t.Fatal(err)
	}
	s.Reports = map[string]int{}
	reps, err := c.UnitReport.Query().WithPeriod().All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range reps {
		s.Reports[r.Edges.Period.Key+"/"+string(r.Status)]++
	}
	if s.Reports["events"], err = c.UnitReportEvent.Query().Count(ctx); err != nil {
		t.Fatal(err)
	}
	return s
}

func TestFillProvince(t *testing.T) {
	c := testenv.OpenDB(t, testenv.SQLite(t)).Client
	units := unit.New(c, nil)
	set := settings.New(c)
	regimes := regime.New(c)
	d := seed.Deps{Units: units, Committees: committee.New(c, units, set, nil, nil), Regimes: regimes, Settings: set,
		Reports: &seed.Reports{DB: c, Service: report.New(report.Deps{DB: c, Calendar: regimes, Settings: set})}}

	want := map[string]struct {
		name, parent, committee string
		regimes                 map[string]string // name → frequency rule
	}{
		"nghe-an":     {"Nghệ An", "UBND TỈNH NGHỆ AN", "Ban Chỉ đạo thực hiện Quy chế dân chủ ở cơ sở và công tác Dân vận chính quyền tỉnh", nil},
		"thai-nguyen": {"Thái Nguyên", "UBND TỈNH THÁI NGUYÊN", "Ban Chỉ đạo công tác dân vận chính quyền tỉnh Thái Nguyên", nil},
		"hoa-binh": {"Hòa Bình", "UBND TỈNH PHÚ THỌ", "Ban Chỉ đạo công tác dân vận chính quyền tỉnh Phú Thọ",
			map[string]string{"Báo cáo quý về công tác dân vận chính quyền": "quarterly M+1/5"}},
		"quang-ngai": {"Quảng Ngãi", "UBND TỈNH QUẢNG NGÃI", "Ban Chỉ đạo công tác dân vận chính quyền tỉnh Quảng Ngãi",
			map[string]string{"Báo cáo 6 tháng": "semiannual M/15", "Báo cáo năm": "annual 15/11"}},
	}
	for _, slug := range []string{"nghe-an", "thai-nguyen", "hoa-binh", "quang-ngai"} {
		w := want[slug]
		t.Run(slug, func(t *testing.T) {
			v := testenv.Province(t, c, slug, w.name)
			ctx := viewer.NewContext(context.Background(), viewer.System(v.TenantID, v.TenantSlug))
			if err := seed.FillProvince(ctx, d, slug); err != nil {
				t.Fatal(err)
			}

			// Units: one root, ≥15 departments and ≥20 communes from 1/7/2025, no district left.
			snv, err := units.ByCode(ctx, "SNV")
			if err != nil {
				t.Fatal(err)
			}
			for _, day := range []time.Time{reformDay, later} {
				nodes, err := units.AsOf(ctx, day, "")
				if err != nil {
					t.Fatal(err)
				}
				byType := map[string]int{}
				for _, n := range nodes {
					byType[string(n.Version.Type)]++
					if v := n.Version; v.LeaderName == "" || v.LeaderTitle == "" || v.OfficerName == "" || v.OfficerTitle == "" ||
						v.OfficerPhone == "" || v.OfficerEmail == "" {
						t.Errorf("%s: unit %s lacks its leader or officer: %+v", day.Format("02/01/2006"), n.Unit.Code, v)
					}
				}
				if byType["province"] != 1 || byType["department"] < 15 || byType["commune"] < 20 || byType["district"] != 0 ||
					byType["front"] < 2 || byType["mass_mobilization_board"] != 1 {
					t.Errorf("%s: units by type %v", day.Format("02/01/2006"), byType)
				}
				t.Logf("%s: units by type %v", day.Format("02/01/2006"), byType)
			}
			if v, _ := units.VersionOn(ctx, snv.ID, later); v.OfficerEmail != "dvcq.snv@"+slug+".gov.vn" {
				t.Errorf("Sở Nội vụ officer e-mail %q", v.OfficerEmail)
			}

			// Committee: one, with one head and every non-root unit in someone's charge.
			cs, err := d.Committees.List(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if len(cs) != 1 || cs[0].Name != w.committee || cs[0].StandingAgencyID == nil || *cs[0].StandingAgencyID != snv.ID {
				t.Fatalf("committees %+v", cs)
			}
			cid := cs[0].ID
			ms, err := d.Committees.Members(ctx, cid, later)
			if err != nil {
				t.Fatal(err)
			}
			positions := map[string]int{}
			for _, m := range ms {
				positions[string(m.Position)]++
			}
			if positions["head"] != 1 || positions["standing_deputy"] != 1 || positions["deputy"] < 1 ||
				positions["member"] < 8 || positions["member"] > 12 || positions["support_team"] < 2 || positions["support_team"] > 3 {
				t.Errorf("positions %v", positions)
			}
			mx, err := d.Committees.AssignmentMatrix(ctx, cid, later)
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("committee %q: %v, %d units in charge", cs[0].Name, positions, len(mx.InCharge))
			if len(mx.Gaps) != 0 {
				t.Errorf("units without anyone in charge: %v", mx.Gaps)
			}
			for _, n := range mx.Units {
				if n.Version.Type != "province" && len(mx.InCharge[n.Unit.ID]) != 1 {
					t.Errorf("unit %s has %d members in charge", n.Unit.Code, len(mx.InCharge[n.Unit.ID]))
				}
			}

			// Regimes go to Sở Nội vụ; the province's own deadlines are there.
			rs, err := d.Regimes.List(ctx)
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]string{}
			for _, r := range rs {
				got[r.Name] = string(r.Frequency) + " " + r.DeadlineRule
				if r.ReceivingUnitID == nil || *r.ReceivingUnitID != snv.ID || !r.Active || len(r.ReportingUnitTypes) == 0 {
					t.Errorf("regime %q: %+v", r.Name, r)
				}
			}
			t.Logf("regimes %v", got)
			if len(rs) < 2 {
				t.Errorf("regimes %v", got)
			}
			for name, rule := range w.regimes {
				if got[name] != rule {
					t.Errorf("regime %q = %q, want %q (all: %v)", name, got[name], rule, got)
				}
			}

			checkReports(t, ctx, c)

			// Calendar and letterhead.
			if hs, _ := d.Regimes.Holidays(ctx, 2026); len(hs) < 5 {
				t.Errorf("holidays 2026: %d", len(hs))
			}
			if p, _ := set.Get(ctx, settings.LetterheadParent); p != w.parent {
				t.Errorf("letterhead parent %q", p)
			}

			// A second run changes nothing, not even the audit trail.
			first := take(t, ctx, c, d, cid)
			if err := seed.FillProvince(ctx, d, slug); err != nil {
				t.Fatalf("second run: %v", err)
			}
			second := take(t, ctx, c, d, cid)
			if fmt.Sprint(first) != fmt.Sprint(second) {
				for k, v := range second.Units {
					if first.Units[k] != v {
						t.Errorf("unit %s: %q → %q", k, first.Units[k], v)
					}
				}
				first.Units, second.Units = nil, nil
				t.Errorf("second run changed the province:\n%+v\n%+v", first, second)
			}

			// An admin's letterhead is kept.
			if err := set.Set(ctx, map[string]string{settings.LetterheadPlace: "Đổi bởi quản trị"}); err != nil {
				t.Fatal(err)
			}
			if err := seed.FillProvince(ctx, d, slug); err != nil {
				t.Fatal(err)
			}
			if p, _ := set.Get(ctx, settings.LetterheadPlace); p != "Đổi bởi quản trị" {
				t.Errorf("letterhead place overwritten: %q", p)
			}
		})
	}
}

// TestFillProvinceHistory: the provinces show the 1/7/2025 reform.
func TestFillProvinceHistory(t *testing.T) {
	c := testenv.OpenDB(t, testenv.SQLite(t)).Client
	units := unit.New(c, nil)
	set := settings.New(c)
	d := seed.Deps{Units: units, Committees: committee.New(c, units, set, nil, nil), Regimes: regime.New(c), Settings: set}
	v := testenv.Province(t, c, "hoa-binh", "Hòa Bình")
	ctx := viewer.NewContext(context.Background(), viewer.System(v.TenantID, v.TenantSlug))
	if err := seed.FillProvince(ctx, d, "hoa-binh"); err != nil {
		t.Fatal(err)
	}
	names := func(day time.Time, typ string) map[string]bool {
		nodes, err := units.AsOf(ctx, day, "")
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]bool{}
		for _, n := range nodes {
			if string(n.Version.Type) == typ {
				out[n.Version.Name] = true
			}
		}
		return out
	}
	if got := names(beforeReform, "province"); !maps.Equal(got, map[string]bool{"UBND tỉnh Hòa Bình": true}) {
		t.Errorf("province on 30/6/2025: %v", got)
	}
	if got := names(reformDay, "province"); !maps.Equal(got, map[string]bool{"UBND tỉnh Phú Thọ": true}) {
		t.Errorf("province on 1/7/2025: %v", got)
	}
	if got := names(beforeReform, "district"); len(got) != 2 {
		t.Errorf("districts on 30/6/2025: %v", got)
	}
	if got := names(beforeReform, "department"); len(got) != 0 {
		t.Errorf("post-reform departments before the reform: %v", got)
	}
	hb, err := units.ByCode(ctx, "HB")
	if err != nil {
		t.Fatal(err)
	}
	pt, err := units.ByCode(ctx, "PT")
	if err != nil {
		t.Fatal(err)
	}
	if hb.ValidTo == nil || !hb.ValidTo.Equal(reformDay) || hb.SuccessorID == nil || *hb.SuccessorID != pt.ID {
		t.Errorf("Hòa Bình did not join Phú Thọ on 1/7/2025: %+v", hb)
	}
	// xã Lạc Sơn was formed from two old communes of huyện Lạc Sơn.
	ls, err := units.ByCode(ctx, "X-009")
	if err != nil {
		t.Fatal(err)
	}
	h, err := units.HistoryOf(ctx, ls.ID)
	if err != nil {
		t.Fatal(err)
	}
	merged := false
	for _, e := range h.Events {
		if e.Kind == "merge" && len(e.FromUnitIds) == 2 {
			merged = true
		}
	}
	if !merged {
		t.Errorf("xã Lạc Sơn history: %+v", h.Events)
	}
	if err := seed.FillProvince(ctx, d, "no-such-province"); err == nil {
		t.Error("unknown province: no error")
	}
}

// checkReports: the province's semiannual regime has its closed H1 2025 period with reports on
// time, late, returned (one corrected and accepted) and missing, each event dated in the period's
// aftermath; and an open period (due today or later) with drafts.
func checkReports(t *testing.T, ctx context.Context, c *ent.Client) {
	t.Helper()
	ps, err := c.ReportPeriod.Query().All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	today := calendar.Today().UTC()
	var closed, open *ent.ReportPeriod
	for _, p := range ps {
		switch {
		case p.Key == seed.ClosedPeriod:
			closed = p
		case !p.DueOn.Before(today):
			open = p
		}
	}
	if closed == nil || open == nil {
		t.Fatalf("periods %v: no closed %s or no open one", ps, seed.ClosedPeriod)
	}
	if !closed.DueOn.Before(today) {
		t.Errorf("%s due %v: not closed", closed.Key, closed.DueOn)
	}
	reps, err := c.UnitReport.Query().Where(unitreport.PeriodID(closed.ID)).All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	n := map[string]int{}
	for _, r := range reps {
		switch {
		case r.Excused:
			n["excused"]++
		case r.FirstSubmittedAt == nil:
			n["missing"]++
		case r.Late:
			n["late"]++
			if !report.IsLate(closed.DueOn, *r.FirstSubmittedAt) {
				t.Errorf("%s: late, first submitted %v, due %v", r.UnitName, r.FirstSubmittedAt, closed.DueOn)
			}
		default:
			n["on_time"]++
			if report.IsLate(closed.DueOn, *r.FirstSubmittedAt) || r.FirstSubmittedAt.Before(closed.CutoffFrom) {
				t.Errorf("%s: on time, first submitted %v, due %v", r.UnitName, r.FirstSubmittedAt, closed.DueOn)
			}
		}
		n[string(r.Status)]++
		if r.Status == unitreport.StatusAccepted && r.Version == 2 {
			n["resubmitted"]++
		}
		if r.Status == unitreport.StatusSubmitted || r.Status == unitreport.StatusAccepted {
			if len(r.Content.Texts) < 9 || len(r.Content.Values) < 15 {
				t.Errorf("%s: %d texts, %d values", r.UnitName, len(r.Content.Texts), len(r.Content.Values))
			}
		}
	}
	t.Logf("%s: %d reports %v", closed.Name, len(reps), n)
	for _, k := range []string{"on_time", "late", "missing", "returned", "accepted", "resubmitted", "draft", "not_started"} {
		if n[k] == 0 {
			t.Errorf("%s: no %s report (%v)", closed.Key, k, n)
		}
	}
	if n["on_time"] <= n["late"] || n["accepted"] < len(reps)/2 {
		t.Errorf("%s: mostly on time and accepted? %v", closed.Key, n)
	}
	evs, err := c.UnitReportEvent.Query().All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range evs {
		if e.CreatedAt.Year() != 2025 {
			t.Errorf("event %s of report %d dated %v", e.Kind, e.ReportID, e.CreatedAt)
		}
	}
	drafts, err := c.UnitReport.Query().Where(unitreport.PeriodID(open.ID), unitreport.StatusEQ(unitreport.StatusDraft)).Count(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if drafts == 0 {
		t.Errorf("open period %s: no drafts", open.Key)
	}
}
