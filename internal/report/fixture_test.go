package report_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/ent/schematype"
	"github.com/danvan-vn/danvan/ent/unitreport"
	"github.com/danvan-vn/danvan/internal/apperr"
	"github.com/danvan-vn/danvan/internal/calendar"
	"github.com/danvan-vn/danvan/internal/regime"
	"github.com/danvan-vn/danvan/internal/report"
	"github.com/danvan-vn/danvan/internal/testenv"
	"github.com/danvan-vn/danvan/internal/unit"
	"github.com/danvan-vn/danvan/internal/viewer"
)

// noQuota lets everything through (the plan's limits are tested in package quota).
type noQuota struct{}

func (noQuota) CheckUnits(context.Context, int) error     { return nil }
func (noQuota) CheckStorage(context.Context, int64) error { return nil }
func (noQuota) CheckReports(context.Context) error        { return nil }

// fakeTasks returns the task counts set per unit.
type fakeTasks struct {
	mu     sync.Mutex
	counts map[int]report.TaskCounts
}

func (f *fakeTasks) UnitTaskCounts(_ context.Context, unitID int) (report.TaskCounts, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.counts[unitID], nil
}

func (f *fakeTasks) set(unitID int, c report.TaskCounts) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.counts[unitID] = c
}

type fx struct {
	ctx     context.Context // province admin (standing agency's powers)
	other   context.Context // another province's admin
	v       *viewer.Viewer
	db      *ent.Client
	svc     *report.Service
	units   *unit.Service
	regimes *regime.Service
	tasks   *fakeTasks
	u       map[string]int // unit ids by code
	regime  *ent.ReportingRegime
}

func date(y int, m time.Month, d int) time.Time { return calendar.NewDate(y, m, d).UTC() }

// staff is a unit-role viewer of the province held to units.
func (f *fx) staff(role string, units ...int) context.Context {
	v := *f.v
	v.Roles = []string{role}
	return viewer.NewContext(context.Background(), viewer.WithUnits(&v, units...))
}

// setup builds a province whose map goes through the reform of 1/7/2025:
//
//	QN (province) ── SNV, STP (departments), X (district) ── A, B, D (communes); E (commune) under QN
//
// D is dissolved on 10/3/2025; on 1/7/2025 A and B merge into C (under QN) and the district X is
// abolished. The regime reports semiannually from departments and communes, due "M/15"
// (15 June 2025 is a Sunday: due Friday 13 June), received by SNV.
func setup(t *testing.T) *fx {
	t.Helper()
	d := testenv.OpenDB(t, testenv.Postgres(t).AppURL)
	v := testenv.Province(t, d.Client, "quang-ngai", "Quảng Ngãi")
	ov := testenv.Province(t, d.Client, "nghe-an", "Nghệ An")
	f := &fx{ctx: viewer.NewContext(context.Background(), v), other: viewer.NewContext(context.Background(), ov), v: v,
		db: d.Client, units: unit.New(d.Client, noQuota{}), regimes: regime.New(d.Client),
		tasks: &fakeTasks{counts: map[int]report.TaskCounts{}}, u: map[string]int{}}
	f.svc = report.New(report.Deps{DB: d.Client, Calendar: f.regimes, Quota: noQuota{}, Tasks: f.tasks})

	from := date(2015, 1, 1)
	mk := func(code, name, typ string, parent string) {
		t.Helper()
		a := unit.Attrs{Name: name, Type: typ}
		if parent != "" {
			p := f.u[parent]
			a.ParentID = &p
		}
		u, err := f.units.Create(f.ctx, code, from, a)
		if err != nil {
			t.Fatalf("create %s: %v", code, err)
		}
		f.u[code] = u.ID
	}
	mk("QN", "UBND tỉnh Quảng Ngãi", "province", "")
	mk("SNV", "Sở Nội vụ", "department", "QN")
	mk("STP", "Sở Tư pháp", "department", "QN")
	mk("X", "UBND huyện Sơn Tịnh", "district", "QN")
	mk("A", "UBND xã Tịnh Ấn Tây", "commune", "X")
	mk("B", "UBND xã Tịnh Ấn Đông", "commune", "X")
	mk("D", "UBND xã Tịnh Long", "commune", "X")
	mk("E", "UBND xã Bình Sơn", "commune", "QN")

	if err := f.units.Dissolve(f.ctx, f.u["D"], date(2025, 3, 10), "Sáp nhập địa giới"); err != nil {
		t.Fatalf("dissolve D: %v", err)
	}
	qn := f.u["QN"]
	c, err := f.units.Merge(f.ctx, []int{f.u["A"], f.u["B"]}, date(2025, 7, 1), "C",
		unit.Attrs{Name: "UBND xã Tịnh Ấn", Type: "commune", ParentID: &qn}, "Nghị quyết sắp xếp ĐVHC")
	if err != nil {
		t.Fatalf("merge A+B: %v", err)
	}
	f.u["C"] = c.ID
	if err := f.units.Dissolve(f.ctx, f.u["X"], date(2025, 7, 1), "Chính quyền hai cấp"); err != nil {
		t.Fatalf("dissolve X: %v", err)
	}
	snv := f.u["SNV"]
	f.regime, err = f.regimes.Create(f.ctx, regime.Input{Name: "Báo cáo công tác dân vận chính quyền 6 tháng",
		Frequency: "semiannual", DeadlineRule: "M/15", ReportingUnitTypes: []string{"department", "commune"},
		ReceivingUnitID: &snv, Active: true})
	if err != nil {
		t.Fatalf("regime: %v", err)
	}
	return f
}

func f64(x float64) *float64 { return &x }

// smallTemplate is a short template the workflow tests fill in.
func smallTemplate() report.TemplateInput {
	return report.TemplateInput{Name: "Mẫu rút gọn",
		Sections: []schematype.ReportSection{
			{Key: "results", No: "I", Title: "Kết quả", Required: true},
			{Key: "proposals", No: "II", Title: "Kiến nghị"},
		},
		Indicators: []schematype.ReportIndicator{
			{Code: "sessions", Label: "Buổi tuyên truyền", Type: "integer", Required: true, Min: f64(0), Max: f64(5000), Agg: "sum", Section: "results"},
			{Code: "online_rate", Label: "Tỷ lệ trực tuyến", Type: "percent", Min: f64(0), Max: f64(100), Agg: "average"},
			{Code: "highlights", Label: "Mô hình tiêu biểu", Type: "text", Agg: "count"},
		},
	}
}

// open opens key, failing the test on error.
func (f *fx) open(t *testing.T, regimeID int, key string) *ent.ReportPeriod {
	t.Helper()
	p, _, err := f.svc.Open(f.ctx, regimeID, key)
	if err != nil {
		t.Fatalf("open %s: %v", key, err)
	}
	return p
}

// reports returns a period's reports by unit id.
func (f *fx) reports(t *testing.T, periodID int) map[int]*ent.UnitReport {
	t.Helper()
	rs, err := f.db.UnitReport.Query().Where(unitreport.PeriodID(periodID)).All(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	out := map[int]*ent.UnitReport{}
	for _, r := range rs {
		if out[r.UnitID] != nil {
			t.Fatalf("two reports for unit %d in period %d", r.UnitID, periodID)
		}
		out[r.UnitID] = r
	}
	return out
}

func (f *fx) reportOf(t *testing.T, periodID int, code string) *ent.UnitReport {
	t.Helper()
	r, err := f.svc.ReportOf(f.ctx, periodID, f.u[code])
	if err != nil {
		t.Fatalf("report of %s: %v", code, err)
	}
	return r
}

// fields returns an invalid error's fields (nil if err is not one).
func fields(t *testing.T, err error) map[string]string {
	t.Helper()
	e, ok := apperr.As(err)
	if !ok || e.Kind != apperr.KindInvalid {
		t.Fatalf("want an invalid error, got %v", err)
	}
	return e.Fields
}

func wantKind(t *testing.T, err error, kind apperr.Kind, code string) {
	t.Helper()
	e, ok := apperr.As(err)
	if !ok || e.Kind != kind || (code != "" && e.Code != code) {
		t.Fatalf("want apperr kind %d code %q, got %v", kind, code, err)
	}
}
