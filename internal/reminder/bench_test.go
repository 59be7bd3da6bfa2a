package reminder

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/ent/reportingregime"
	"github.com/danvan-vn/danvan/ent/schematype"
	"github.com/danvan-vn/danvan/ent/task"
	"github.com/danvan-vn/danvan/ent/unitversion"
	"github.com/danvan-vn/danvan/internal/calendar"
	"github.com/danvan-vn/danvan/internal/db"
	"github.com/danvan-vn/danvan/internal/notify"
	"github.com/danvan-vn/danvan/internal/tenancy"
	"github.com/danvan-vn/danvan/internal/testenv"
	"github.com/danvan-vn/danvan/internal/viewer"
)

// nullNotify delivers nothing (the benchmark measures the engine, not notify's writes).
type nullNotify struct{}

func (nullNotify) DeliverAll(_ context.Context, _ *ent.Tx, ms []notify.Message) ([]notify.Delivered, error) {
	return make([]notify.Delivered, len(ms)), nil
}
func (nullNotify) Kick(context.Context)                                  {}
func (nullNotify) ResendMail(context.Context, *ent.Tx, int) (int, error) { return 0, nil }

// benchDay is a Tuesday a week before the periods' deadline (15/7/2025): every open report's -7
// step and every task's -3 step (tasks due Friday 11/7) are due.
var benchDay = d(2025, 7, 8)

// seedScale writes provinces × units units (officer and leader by e-mail), 4 regimes each with
// a period due 15/7/2025 and every unit's report open, and tasks task assignments spread over
// the provinces, due 11/7/2025: in bulk, one transaction per province.
func seedScale(b *testing.B, c *ent.Client, provinces, units, tasks int) []context.Context {
	b.Helper()
	start := time.Now()
	var ctxs []context.Context
	for p := range provinces {
		v := testenv.Province(b, c, fmt.Sprintf("p%d-%d", units, p), fmt.Sprintf("Tỉnh %d", p))
		ctx := viewer.NewContext(context.Background(), v)
		ctxs = append(ctxs, ctx)
		err := db.InTx(ctx, c, func(tx *ent.Tx) error {
			from := d(2015, 1, 1).UTC()
			us := make([]*ent.UnitCreate, units)
			for i := range us {
				us[i] = tx.Unit.Create().SetCode(fmt.Sprintf("U%04d", i)).SetValidFrom(from)
			}
			ul, err := tx.Unit.CreateBulk(us...).Save(ctx)
			if err != nil {
				return err
			}
			vs := make([]*ent.UnitVersionCreate, units)
			for i, u := range ul {
				vs[i] = tx.UnitVersion.Create().SetUnitID(u.ID).SetValidFrom(from).SetName(fmt.Sprintf("UBND xã %d", i)).
					SetType(unitversion.TypeCommune).SetOfficerName("Cán bộ").SetOfficerEmail(fmt.Sprintf("cb%d@x.vn", i)).
					SetLeaderName("Chủ tịch").SetLeaderEmail(fmt.Sprintf("ct%d@x.vn", i))
			}
			if err := tx.UnitVersion.CreateBulk(vs...).Exec(ctx); err != nil {
				return err
			}
			for r := range 4 {
				rg, err := tx.ReportingRegime.Create().SetName(fmt.Sprintf("Chế độ %d", r)).SetFrequency(reportingregime.FrequencySemiannual).
					SetReminderOffsets([]int{-7, -3, -1, 1, 3}).Save(ctx)
				if err != nil {
					return err
				}
				tpl, err := tx.ReportTemplate.Create().SetRegimeID(rg.ID).SetVersion(1).SetName("Mẫu").
					SetSections([]schematype.ReportSection{{Key: "k", No: "I", Title: "Kết quả"}}).Save(ctx)
				if err != nil {
					return err
				}
				pr, err := tx.ReportPeriod.Create().SetRegimeID(rg.ID).SetTemplateID(tpl.ID).SetKey("2025-H1").
					SetName(fmt.Sprintf("Báo cáo %d 6 tháng đầu năm 2025", r)).SetCutoffFrom(d(2024, 12, 15).UTC()).
					SetCutoffTo(d(2025, 6, 14).UTC()).SetDueOn(d(2025, 7, 15).UTC()).Save(ctx)
				if err != nil {
					return err
				}
				rs := make([]*ent.UnitReportCreate, units)
				for i, u := range ul {
					rs[i] = tx.UnitReport.Create().SetPeriodID(pr.ID).SetUnitID(u.ID).SetUnitName(fmt.Sprintf("UBND xã %d", i)).SetUnitType("commune")
				}
				if err := tx.UnitReport.CreateBulk(rs...).Exec(ctx); err != nil {
					return err
				}
			}
			n := tasks / provinces
			if n == 0 {
				return nil
			}
			wp, err := tx.WorkPlan.Create().SetUnitID(ul[0].ID).SetTitle("Kế hoạch 2025").SetYear(2025).Save(ctx)
			if err != nil {
				return err
			}
			ts := make([]*ent.TaskCreate, n)
			for i := range ts {
				ts[i] = tx.Task.Create().SetUnitID(ul[0].ID).SetWorkPlanID(wp.ID).SetContent(fmt.Sprintf("Nhiệm vụ %d", i)).
					SetDeadlineKind(task.DeadlineKindDate).SetDueOn(d(2025, 7, 11).UTC())
			}
			tl, err := tx.Task.CreateBulk(ts...).Save(ctx)
			if err != nil {
				return err
			}
			as := make([]*ent.TaskAssignmentCreate, n)
			for i, t := range tl {
				as[i] = tx.TaskAssignment.Create().SetTaskID(t.ID).SetWorkPlanID(wp.ID).SetUnitID(ul[i%units].ID).SetDueOn(d(2025, 7, 11).UTC())
			}
			return tx.TaskAssignment.CreateBulk(as...).Exec(ctx)
		})
		if err != nil {
			b.Fatalf("seed province %d: %v", p, err)
		}
	}
	b.Logf("seeded %d provinces × %d units × 4 regimes + %d task assignments in %s", provinces, units, tasks, time.Since(start).Round(time.Millisecond))
	return ctxs
}

// clearDecisions forgets every decision, so the next sweep decides afresh.
func clearDecisions(b *testing.B, c *ent.Client) {
	b.Helper()
	if _, err := c.ReminderDecision.Delete().Exec(tenancy.SystemContext(context.Background())); err != nil { // the benchmark spans provinces
		b.Fatal(err)
	}
}

func sweepAll(b *testing.B, s *Service, ctxs []context.Context, day calendar.Date) (res SweepResult) {
	for _, ctx := range ctxs {
		r, err := s.Sweep(ctx, day)
		if err != nil {
			b.Fatal(err)
		}
		res.Considered += r.Considered
		res.Decided += r.Decided
		res.Existing += r.Existing
	}
	return res
}

func benchService(b *testing.B, units, provinces, tasks int) (*Service, *ent.Client, []context.Context) {
	dbx := testenv.OpenDB(b, testenv.Postgres(b).AppURL)
	s := New(dbx.Client, nil, nil)
	s.deliver = nullNotify{}
	return s, dbx.Client, seedScale(b, dbx.Client, provinces, units, tasks)
}

// BenchmarkSweepAllProvinces times one sweep of 34 provinces × 200 units × 4 regimes (27,200
// open reports) + 10,000 task assignments: "fresh" decides every reminder due that day (the
// worst day: every report's and task's step falls on it), "again" is a catch-up sweep the same
// day that finds them all decided.
func BenchmarkSweepAllProvinces(b *testing.B) {
	s, c, ctxs := benchService(b, 200, 34, 10000)
	b.Run("fresh", func(b *testing.B) {
		var res SweepResult
		for b.Loop() {
			b.StopTimer()
			clearDecisions(b, c)
			b.StartTimer()
			res = sweepAll(b, s, ctxs, benchDay)
		}
		b.ReportMetric(float64(res.Considered), "subjects")
		b.ReportMetric(float64(res.Decided), "decisions")
	})
	b.Run("again", func(b *testing.B) {
		var res SweepResult
		for b.Loop() {
			res = sweepAll(b, s, ctxs, benchDay)
		}
		b.ReportMetric(float64(res.Existing), "existing")
		b.ReportMetric(float64(res.Decided), "decisions")
	})
}

// BenchmarkSweepGrowth times one province's fresh sweep as it grows (4 regimes, 50 tasks per
// 100 units), over 4 provinces.
func BenchmarkSweepGrowth(b *testing.B) {
	for _, units := range []int{50, 100, 200, 400} {
		b.Run(fmt.Sprintf("units=%d", units), func(b *testing.B) {
			s, c, ctxs := benchService(b, units, 4, 4*units/2)
			var res SweepResult
			for b.Loop() {
				b.StopTimer()
				clearDecisions(b, c)
				b.StartTimer()
				res = sweepAll(b, s, ctxs, benchDay)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(ctxs)), "ns/province")
			b.ReportMetric(float64(res.Decided)/float64(len(ctxs)), "decisions/province")
		})
	}
}

// BenchmarkSweepRace has two workers sweep every province at once (as two schedulers would):
// due is what one sweep decides, decided what both did together, duplicates must be 0.
func BenchmarkSweepRace(b *testing.B) {
	s, c, ctxs := benchService(b, 200, 34, 10000)
	var due, decided, dups int
	for b.Loop() {
		b.StopTimer()
		clearDecisions(b, c)
		b.StartTimer()
		var wg sync.WaitGroup
		res := make([]SweepResult, 2)
		for w := range 2 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				res[w] = sweepAll(b, s, ctxs, benchDay)
			}()
		}
		wg.Wait()
		b.StopTimer()
		due, decided = res[0].Decided+res[0].Existing, res[0].Decided+res[1].Decided
		ds, err := c.ReminderDecision.Query().Select("subject_kind", "subject_id", "recipient", "rule", "occurrence", "tenant_id").
			All(tenancy.SystemContext(context.Background())) // counts across provinces
		if err != nil {
			b.Fatal(err)
		}
		seen := map[string]bool{}
		dups = 0
		for _, x := range ds {
			k := fmt.Sprint(x.TenantID, x.SubjectKind, x.SubjectID, x.Recipient, x.Rule, x.Occurrence)
			if seen[k] {
				dups++
			}
			seen[k] = true
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(due), "due")
	b.ReportMetric(float64(decided), "decided")
	b.ReportMetric(float64(dups), "duplicates")
	if dups != 0 || decided != due {
		b.Fatalf("due %d, decided %d, duplicates %d", due, decided, dups)
	}
}
