package reminder

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/ent/mailmessage"
	"github.com/danvan-vn/danvan/ent/notification"
	"github.com/danvan-vn/danvan/ent/reminderdecision"
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

// The sweep benchmarks run the engine with the real notification centre (notify.New with no
// SMTP: notifications and outbox mails are written, nothing is sent) on PostgreSQL.
//
// The working day is Tuesday 8/7/2025 in the reporting season. "day" seeds the usual spread:
// the four regimes' open periods are due 15/7, 25/7, 31/7 and 30/6, so on 8/7 one regime's
// reports have a step (−7 of 15/7: a quarter of the open reports, both contacts of each unit),
// the 25/7 and 31/7 periods have none yet, and the 30/6 period's steps (−1, +1, +3) went out on
// the days before; the task assignments' deadlines are spread over June to October (70% of
// those already due are completed), so about one in a hundred has a step that day. The working
// days 30/6–7/7 are swept once while seeding, so the timed sweep decides only 8/7's new
// reminders, as the scheduler would. "worst" puts every period on 15/7 and every task on 11/7
// with nothing decided before: every open report's and task's step falls on 8/7.
//
// Each unit's officer has an account (a notification and a mail), its leader only an e-mail
// address (a mail). No committee is seeded, so escalations (member, agency head) have no one
// to go to and are skipped.
var benchDay = d(2025, 7, 8)

type scenario int

const (
	usualDay scenario = iota
	worstDay
)

// benchEnv is a seeded database, the engine over the real notify, and one viewer per province.
type benchEnv struct {
	c    *ent.Client
	s    *Service
	ctxs []context.Context
}

func newBenchEnv(b *testing.B, sc scenario, provinces, units, tasks int) *benchEnv {
	b.Helper()
	if os.Getenv("DANVAN_TEST_DATABASE_URL") == "" {
		b.Skip("DANVAN_TEST_DATABASE_URL is not set: the sweep benchmarks run on PostgreSQL")
	}
	dbx := testenv.OpenDB(b, testenv.Postgres(b).AppURL)
	n, err := notify.New(dbx.Client, nil, notify.Config{BaseURL: "https://danvan.example.vn"}, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		b.Fatal(err)
	}
	e := &benchEnv{c: dbx.Client, s: New(dbx.Client, n, nil)}
	start := time.Now()
	e.ctxs = seedScale(b, dbx.Client, sc, provinces, units, tasks)
	seeded := time.Since(start)
	if sc == usualDay {
		for day := d(2025, 6, 30); day.Before(benchDay); day = day.AddDays(1) {
			e.sweepAll(b, e.ctxs, day)
		}
	}
	b.Logf("seeded %d provinces × %d units × 4 regimes + %d task assignments in %s, days before swept in %s",
		provinces, units, tasks, seeded.Round(time.Millisecond), (time.Since(start) - seeded).Round(time.Millisecond))
	return e
}

// sys reads and clears across provinces.
var sys = tenancy.SystemContext(context.Background()) // the benchmark's bookkeeping spans provinces

// mark is the newest decision's id: what a timed sweep adds comes after it.
func (e *benchEnv) mark(b *testing.B) int {
	b.Helper()
	id, err := e.c.ReminderDecision.Query().Aggregate(ent.Max(reminderdecision.FieldID)).Int(sys)
	if err != nil {
		id = 0 // no decision yet: MAX is NULL
	}
	return id
}

// undo removes the decisions after mark and the rows that delivered them, so the next
// iteration finds the day as the first did.
func (e *benchEnv) undo(b *testing.B, mark int) {
	b.Helper()
	if _, err := e.c.Notification.Delete().Where(notification.DecisionIDGT(mark)).Exec(sys); err != nil {
		b.Fatal(err)
	}
	if _, err := e.c.MailMessage.Delete().Where(mailmessage.DecisionIDGT(mark)).Exec(sys); err != nil {
		b.Fatal(err)
	}
	if _, err := e.c.ReminderDecision.Delete().Where(reminderdecision.IDGT(mark)).Exec(sys); err != nil {
		b.Fatal(err)
	}
}

// written counts the notifications and mails of the decisions after mark.
func (e *benchEnv) written(b *testing.B, mark int) (notes, mails int) {
	b.Helper()
	notes, err := e.c.Notification.Query().Where(notification.DecisionIDGT(mark)).Count(sys)
	if err != nil {
		b.Fatal(err)
	}
	if mails, err = e.c.MailMessage.Query().Where(mailmessage.DecisionIDGT(mark)).Count(sys); err != nil {
		b.Fatal(err)
	}
	return notes, mails
}

func (e *benchEnv) sweepAll(b *testing.B, ctxs []context.Context, day calendar.Date) (res SweepResult) {
	for _, ctx := range ctxs {
		r, err := e.s.Sweep(ctx, day)
		if err != nil {
			b.Error(err)
			return res
		}
		res.Considered += r.Considered
		res.Decided += r.Decided
		res.Existing += r.Existing
	}
	return res
}

// seedScale writes provinces × units units (an officer with an account, a leader by e-mail),
// 4 regimes each with one period whose every unit report is open, and tasks task assignments
// spread over the provinces, with the deadlines of the scenario: in bulk, one transaction per
// province.
func seedScale(b *testing.B, c *ent.Client, sc scenario, provinces, units, tasks int) []context.Context {
	b.Helper()
	periodDue := []calendar.Date{d(2025, 7, 15), d(2025, 7, 25), d(2025, 7, 31), d(2025, 6, 30)}
	if sc == worstDay {
		periodDue = []calendar.Date{d(2025, 7, 15), d(2025, 7, 15), d(2025, 7, 15), d(2025, 7, 15)}
	}
	var ctxs []context.Context
	for p := range provinces {
		v := testenv.Province(b, c, fmt.Sprintf("p%d-%d", units, p), fmt.Sprintf("Tỉnh %d", p))
		ctx := viewer.NewContext(context.Background(), v)
		ctxs = append(ctxs, ctx)
		err := db.InTx(ctx, c, func(tx *ent.Tx) error {
			from := d(2015, 1, 1).UTC()
			us := make([]*ent.UserCreate, units)
			for i := range us {
				us[i] = tx.User.Create().SetEmail(fmt.Sprintf("cb%d@p%d-%d.vn", i, units, p)).SetFullName(fmt.Sprintf("Cán bộ %d", i)).
					SetPasswordHash("x")
			}
			officers, err := tx.User.CreateBulk(us...).Save(ctx)
			if err != nil {
				return err
			}
			ucs := make([]*ent.UnitCreate, units)
			for i := range ucs {
				ucs[i] = tx.Unit.Create().SetCode(fmt.Sprintf("U%04d", i)).SetValidFrom(from)
			}
			ul, err := tx.Unit.CreateBulk(ucs...).Save(ctx)
			if err != nil {
				return err
			}
			vs := make([]*ent.UnitVersionCreate, units)
			for i, u := range ul {
				vs[i] = tx.UnitVersion.Create().SetUnitID(u.ID).SetValidFrom(from).SetName(fmt.Sprintf("UBND xã %d", i)).
					SetType(unitversion.TypeCommune).SetOfficerName("Cán bộ").SetOfficerUserID(officers[i].ID).
					SetOfficerEmail(officers[i].Email).SetLeaderName("Chủ tịch").SetLeaderEmail(fmt.Sprintf("ct%d@x.vn", i))
			}
			if err := tx.UnitVersion.CreateBulk(vs...).Exec(ctx); err != nil {
				return err
			}
			for r, due := range periodDue {
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
					SetCutoffTo(d(2025, 6, 14).UTC()).SetDueOn(due.UTC()).Save(ctx)
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
			dues := make([]calendar.Date, n)
			for i := range dues {
				dues[i] = d(2025, 7, 11)
				if sc == usualDay {
					// Spread over 2/6–31/10 (151 days), weekends moved to the Friday before.
					dues[i] = d(2025, 6, 2).AddDays((i*151 + p*7) / n % 151)
					for dues[i].Time().Weekday() == time.Saturday || dues[i].Time().Weekday() == time.Sunday {
						dues[i] = dues[i].AddDays(-1)
					}
				}
			}
			ts := make([]*ent.TaskCreate, n)
			for i := range ts {
				ts[i] = tx.Task.Create().SetUnitID(ul[0].ID).SetWorkPlanID(wp.ID).SetContent(fmt.Sprintf("Nhiệm vụ %d", i)).
					SetDeadlineKind(task.DeadlineKindDate).SetDueOn(dues[i].UTC())
			}
			tl, err := tx.Task.CreateBulk(ts...).Save(ctx)
			if err != nil {
				return err
			}
			as := make([]*ent.TaskAssignmentCreate, n)
			for i, t := range tl {
				as[i] = tx.TaskAssignment.Create().SetTaskID(t.ID).SetWorkPlanID(wp.ID).SetUnitID(ul[i%units].ID).SetDueOn(dues[i].UTC())
				if sc == usualDay && dues[i].Before(benchDay) && i%10 < 7 {
					as[i].SetCompletedOn(dues[i].UTC())
				}
			}
			return tx.TaskAssignment.CreateBulk(as...).Exec(ctx)
		})
		if err != nil {
			b.Fatalf("seed province %d: %v", p, err)
		}
	}
	return ctxs
}

// timedSweep times one sweep of every province on benchDay; between iterations it removes what
// the sweep wrote (untimed), so each iteration decides the same reminders.
func timedSweep(b *testing.B, e *benchEnv) (res SweepResult, notes, mails int) {
	for b.Loop() {
		b.StopTimer()
		mark := e.mark(b)
		b.StartTimer()
		res = e.sweepAll(b, e.ctxs, benchDay)
		b.StopTimer()
		notes, mails = e.written(b, mark)
		e.undo(b, mark)
		b.StartTimer()
	}
	return res, notes, mails
}

func reportSweep(b *testing.B, res SweepResult, notes, mails int) {
	b.ReportMetric(float64(res.Considered), "subjects")
	b.ReportMetric(float64(res.Decided), "decisions")
	b.ReportMetric(float64(res.Existing), "existing")
	b.ReportMetric(float64(notes), "notifications")
	b.ReportMetric(float64(mails), "mails")
}

// BenchmarkSweep times one sweep over 34 provinces × 200 units × 4 regimes (27,200 unit
// reports) + 10,000 task assignments with real delivery: "day" is the usual working day of the
// reporting season (see benchDay), "again" the same day swept again once it was decided (a
// catch-up sweep: nothing new), "worst" the day every report's and task's step falls on.
func BenchmarkSweep(b *testing.B) {
	e := newBenchEnv(b, usualDay, 34, 200, 10000) // the parent's: "again" sweeps what "day" seeded
	b.Run("day", func(b *testing.B) {
		res, notes, mails := timedSweep(b, e)
		reportSweep(b, res, notes, mails)
		due := res.Decided + res.Existing
		b.Logf("usual day 8/7/2025: %d open subjects in the window, %d reminders due (%.1f%% of the 74,400 a step of every report and task would make), %d new: %d notifications, %d mails",
			res.Considered, due, 100*float64(due)/74400, res.Decided, notes, mails)
	})
	b.Run("again", func(b *testing.B) {
		e.sweepAll(b, e.ctxs, benchDay) // the day decided
		mark := e.mark(b)
		var res SweepResult
		for b.Loop() {
			res = e.sweepAll(b, e.ctxs, benchDay)
		}
		notes, mails := e.written(b, mark)
		reportSweep(b, res, notes, mails)
	})
	b.Run("worst", func(b *testing.B) {
		e := newBenchEnv(b, worstDay, 34, 200, 10000)
		res, notes, mails := timedSweep(b, e)
		reportSweep(b, res, notes, mails)
	})
}

// BenchmarkSweepGrowth times the usual day's sweep of 4 provinces as each grows (4 regimes,
// 50 task assignments per 100 units): ms/province, and x-prev, the ratio to the previous size
// (the units double each step).
func BenchmarkSweepGrowth(b *testing.B) {
	prev := 0.0
	for _, units := range []int{50, 100, 200, 400} {
		b.Run(fmt.Sprintf("units=%d", units), func(b *testing.B) {
			e := newBenchEnv(b, usualDay, 4, units, 4*units/2)
			res, notes, mails := timedSweep(b, e)
			per := float64(b.Elapsed().Nanoseconds()) / float64(b.N) / float64(len(e.ctxs)) / 1e6
			b.ReportMetric(per, "ms/province")
			if prev > 0 {
				b.ReportMetric(per/prev, "x-prev")
			}
			prev = per
			b.ReportMetric(float64(res.Decided)/float64(len(e.ctxs)), "decisions/province")
			b.ReportMetric(float64(notes+mails)/float64(len(e.ctxs)), "rows/province")
		})
	}
}

// BenchmarkSweepRace has two workers sweep every province on the usual day at once (as two
// schedulers would; the second goes through the provinces in reverse order): due is what each
// sweep finds due (both must agree), earlier what of it days before had decided, decided what
// the two decided together, which must be every row written; duplicates must be 0 and every
// decision delivered exactly once (one mail each, one notification each to an account).
func BenchmarkSweepRace(b *testing.B) {
	e := newBenchEnv(b, usualDay, 34, 200, 10000)
	rev := slices.Clone(e.ctxs)
	slices.Reverse(rev)
	var due, due1, earlier, decided, rows, dups, notes, mails int
	var perDecision [2][2]int // notifications to accounts, mails: min, max per decision
	for b.Loop() {
		b.StopTimer()
		mark := e.mark(b)
		b.StartTimer()
		var wg sync.WaitGroup
		res := make([]SweepResult, 2)
		for w, ctxs := range [][]context.Context{e.ctxs, rev} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				res[w] = e.sweepAll(b, ctxs, benchDay)
			}()
		}
		wg.Wait()
		b.StopTimer()
		due, due1, decided = res[0].Decided+res[0].Existing, res[1].Decided+res[1].Existing, res[0].Decided+res[1].Decided
		ds, err := e.c.ReminderDecision.Query().Where(reminderdecision.IDGT(mark)).All(sys)
		if err != nil {
			b.Fatal(err)
		}
		rows, earlier = len(ds), due-len(ds)
		seen := map[string]bool{}
		dups = 0
		for _, x := range ds {
			k := fmt.Sprint(x.TenantID, x.SubjectKind, x.SubjectID, x.Recipient, x.Rule, x.Occurrence)
			if seen[k] {
				dups++
			}
			seen[k] = true
		}
		ns, err := e.c.Notification.Query().Where(notification.DecisionIDGT(mark)).Select(notification.FieldDecisionID).All(sys)
		if err != nil {
			b.Fatal(err)
		}
		ms, err := e.c.MailMessage.Query().Where(mailmessage.DecisionIDGT(mark)).Select(mailmessage.FieldDecisionID).All(sys)
		if err != nil {
			b.Fatal(err)
		}
		nOf, mOf := map[int]int{}, map[int]int{}
		for _, n := range ns {
			nOf[*n.DecisionID]++
		}
		for _, m := range ms {
			mOf[*m.DecisionID]++
		}
		notes, mails = len(ns), len(ms)
		perDecision = [2][2]int{{1 << 30, 0}, {1 << 30, 0}}
		for _, x := range ds {
			if x.UserID != nil {
				perDecision[0][0], perDecision[0][1] = min(perDecision[0][0], nOf[x.ID]), max(perDecision[0][1], nOf[x.ID])
			}
			perDecision[1][0], perDecision[1][1] = min(perDecision[1][0], mOf[x.ID]), max(perDecision[1][1], mOf[x.ID])
		}
		e.undo(b, mark)
		b.StartTimer()
	}
	b.ReportMetric(float64(due), "due")
	b.ReportMetric(float64(earlier), "earlier")
	b.ReportMetric(float64(decided), "decided")
	b.ReportMetric(float64(dups), "duplicates")
	b.ReportMetric(float64(notes), "notifications")
	b.ReportMetric(float64(mails), "mails")
	b.Logf("race: due %d (worker 2: %d), decided on days before %d, decided by the two workers %d (%d rows), duplicates %d; notifications per decision to an account %d..%d, mails per decision %d..%d",
		due, due1, earlier, decided, rows, dups, perDecision[0][0], perDecision[0][1], perDecision[1][0], perDecision[1][1])
	if dups != 0 || due != due1 || decided != rows || perDecision != [2][2]int{{1, 1}, {1, 1}} {
		b.Fatalf("due %d/%d, decided %d, rows %d, duplicates %d, deliveries per decision %v", due, due1, decided, rows, dups, perDecision)
	}
}
