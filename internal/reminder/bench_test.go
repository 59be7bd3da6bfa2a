package reminder

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/ent/committeemember"
	"github.com/danvan-vn/danvan/ent/mailmessage"
	"github.com/danvan-vn/danvan/ent/notification"
	"github.com/danvan-vn/danvan/ent/reminderdecision"
	"github.com/danvan-vn/danvan/ent/reportingregime"
	"github.com/danvan-vn/danvan/ent/schematype"
	"github.com/danvan-vn/danvan/ent/task"
	"github.com/danvan-vn/danvan/ent/unitreport"
	"github.com/danvan-vn/danvan/ent/unitversion"
	"github.com/danvan-vn/danvan/internal/calendar"
	"github.com/danvan-vn/danvan/internal/db"
	"github.com/danvan-vn/danvan/internal/notify"
	"github.com/danvan-vn/danvan/internal/tenancy"
	"github.com/danvan-vn/danvan/internal/testenv"
	"github.com/danvan-vn/danvan/internal/viewer"
)

// The sweep benchmarks run the engine with the real notification centre (notify.New with no
// SMTP: notifications and outbox mails are written, nothing is sent) on PostgreSQL, the way
// production runs it: each province's sweep is its own reminder:sweep task (jobs.go), and the
// worker runs DANVAN_WORKER_CONCURRENCY of them at once (default 4, internal/config), each in
// its own transaction. "workers=4" has 4 goroutines pull the provinces from a channel and sweep
// each in its province's context, as 4 worker slots would; "workers=1" sweeps them one after
// another, for comparison.
//
// The season seed: the four regimes' open periods are due 15/7, 25/7, 31/7 and 1/7/2025 (the
// 1/7 period has 9 reports in 10 submitted already); the task assignments' deadlines are spread
// over June to October (70% of those due before 8/7 completed). Each province has a standing
// agency (Sở Nội vụ) whose head has an account, and a committee of 10 members with accounts,
// each in charge of 20 units, so escalations (+3 to the member, +7 to the agency head) have
// someone to go to. The working days from 30/6 are swept once while seeding, as the scheduler
// would have, so a timed sweep decides only its day's new reminders.
//
//   - peak: Tuesday 8/7/2025, the −7 step of the 15/7 period reaches every unit (both contacts),
//     the 1/7 period's open reports are +7 overdue (agency head), and the tasks' steps due.
//   - usual: Thursday 10/7/2025, no regime step falls: only the tasks' steps (about one task in a
//     hundred), among them the +3 (member) of tasks due 7/7 and the +7 (agency head) of 3/7.
//   - again: the usual day swept again once it was decided (a catch-up sweep: nothing new).
//   - worst: every period on 15/7 and every task on 11/7 with nothing decided before: every open
//     report's and task's step falls on 8/7.
var (
	peakDay  = d(2025, 7, 8)
	usualDay = d(2025, 7, 10)
)

// workers is the worker's default concurrency (DANVAN_WORKER_CONCURRENCY).
const workers = 4

type scenario int

const (
	seasonSeed scenario = iota
	worstSeed
)

// benchEnv is a seeded database, the engine over the real notify, and one viewer per province.
type benchEnv struct {
	c       *ent.Client
	s       *Service
	ctxs    []context.Context
	through calendar.Date // the days up to it were swept
	log     []string      // seeding and the days swept before, for the summary table
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
	e := &benchEnv{c: dbx.Client, s: New(dbx.Client, n, nil), through: d(2025, 6, 29)}
	if sc == worstSeed {
		e.through = peakDay.AddDays(-1) // nothing decided before
	}
	start := time.Now()
	e.ctxs = seedScale(b, dbx.Client, sc, provinces, units, tasks)
	e.logf(b, "seeded %d provinces × %d units × 4 regimes + %d task assignments + committee (10 members, agency head) in %s",
		provinces, units, tasks, time.Since(start).Round(time.Millisecond))
	return e
}

// advance sweeps the days after e.through and before day (untimed, as the scheduler would have).
func (e *benchEnv) advance(b *testing.B, day calendar.Date) {
	b.Helper()
	if !e.through.Before(day.AddDays(-1)) {
		return
	}
	start := time.Now()
	for x := e.through.AddDays(1); x.Before(day); x = x.AddDays(1) {
		e.sweepAll(b, workers, x)
	}
	e.logf(b, "swept %s–%s in %s (%d workers)", e.through.AddDays(1), day.AddDays(-1), time.Since(start).Round(time.Millisecond), workers)
	e.through = day.AddDays(-1)
}

// logf logs to b and keeps the line for the summary table (a parent benchmark's log shows with
// -v only).
func (e *benchEnv) logf(b *testing.B, format string, args ...any) {
	b.Helper()
	b.Logf(format, args...)
	e.log = append(e.log, fmt.Sprintf(format, args...))
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

// written is what the decisions after mark wrote.
type written struct{ notes, mails, escalations int }

func (e *benchEnv) written(b *testing.B, mark int) (w written) {
	b.Helper()
	var err error
	if w.notes, err = e.c.Notification.Query().Where(notification.DecisionIDGT(mark)).Count(sys); err != nil {
		b.Fatal(err)
	}
	if w.mails, err = e.c.MailMessage.Query().Where(mailmessage.DecisionIDGT(mark)).Count(sys); err != nil {
		b.Fatal(err)
	}
	if w.escalations, err = e.c.ReminderDecision.Query().Where(reminderdecision.IDGT(mark),
		reminderdecision.Kind(KindEscalation)).Count(sys); err != nil {
		b.Fatal(err)
	}
	return w
}

// sweepAll sweeps every province on day with n workers: n goroutines pull the provinces from a
// channel and sweep each in its own context (its own transaction), as n worker slots run the
// provinces' reminder:sweep tasks; n = 1 sweeps them one after another.
func (e *benchEnv) sweepAll(b *testing.B, n int, day calendar.Date) SweepResult {
	return e.sweepOver(b, e.ctxs, n, day)
}

// sweepOver sweeps the provinces of ctxs, in that order, with n workers.
func (e *benchEnv) sweepOver(b *testing.B, ctxs []context.Context, n int, day calendar.Date) (res SweepResult) {
	var mu sync.Mutex
	ch := make(chan context.Context)
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx := range ch {
				r, err := e.s.Sweep(ctx, day)
				if err != nil {
					b.Error(err)
					continue
				}
				mu.Lock()
				res.Considered += r.Considered
				res.Decided += r.Decided
				res.Existing += r.Existing
				mu.Unlock()
			}
		}()
	}
	for _, ctx := range ctxs {
		ch <- ctx
	}
	close(ch)
	wg.Wait()
	return res
}

// seedScale writes provinces × units units (an officer with an account, a leader by e-mail),
// a standing agency whose head has an account, a committee of 10 members with accounts each in
// charge of every tenth unit, 4 regimes each with one period whose every unit report is open
// (the 1/7 period's 9 in 10 submitted), and tasks task assignments spread over the provinces,
// with the deadlines of the scenario: in bulk, one transaction per province.
func seedScale(b *testing.B, c *ent.Client, sc scenario, provinces, units, tasks int) []context.Context {
	b.Helper()
	const members = 10
	periodDue := []calendar.Date{d(2025, 7, 15), d(2025, 7, 25), d(2025, 7, 31), d(2025, 7, 1)}
	if sc == worstSeed {
		periodDue = []calendar.Date{d(2025, 7, 15), d(2025, 7, 15), d(2025, 7, 15), d(2025, 7, 15)}
	}
	var ctxs []context.Context
	for p := range provinces {
		v := testenv.Province(b, c, fmt.Sprintf("p%d-%d-%d", units, sc, p), fmt.Sprintf("Tỉnh %d", p))
		ctx := viewer.NewContext(context.Background(), v)
		ctxs = append(ctxs, ctx)
		err := db.InTx(ctx, c, func(tx *ent.Tx) error {
			from := d(2015, 1, 1).UTC()
			// Officers, then the committee's members, then the agency's head.
			us := make([]*ent.UserCreate, units+members+1)
			for i := range us {
				us[i] = tx.User.Create().SetEmail(fmt.Sprintf("cb%d@p%d-%d-%d.vn", i, units, sc, p)).SetFullName(fmt.Sprintf("Cán bộ %d", i)).
					SetPasswordHash("x")
			}
			people, err := tx.User.CreateBulk(us...).Save(ctx)
			if err != nil {
				return err
			}
			officers, head := people[:units], people[units+members]
			ucs := make([]*ent.UnitCreate, units+1)
			for i := range ucs {
				ucs[i] = tx.Unit.Create().SetCode(fmt.Sprintf("U%04d", i)).SetValidFrom(from)
			}
			all, err := tx.Unit.CreateBulk(ucs...).Save(ctx)
			if err != nil {
				return err
			}
			ul, agency := all[:units], all[units]
			vs := make([]*ent.UnitVersionCreate, units+1)
			for i, u := range ul {
				vs[i] = tx.UnitVersion.Create().SetUnitID(u.ID).SetValidFrom(from).SetName(fmt.Sprintf("UBND xã %d", i)).
					SetType(unitversion.TypeCommune).SetOfficerName("Cán bộ").SetOfficerUserID(officers[i].ID).
					SetOfficerEmail(officers[i].Email).SetLeaderName("Chủ tịch").SetLeaderEmail(fmt.Sprintf("ct%d@x.vn", i))
			}
			vs[units] = tx.UnitVersion.Create().SetUnitID(agency.ID).SetValidFrom(from).SetName("Sở Nội vụ").
				SetType(unitversion.TypeDepartment).SetLeaderName("Giám đốc").SetLeaderUserID(head.ID)
			if err := tx.UnitVersion.CreateBulk(vs...).Exec(ctx); err != nil {
				return err
			}
			cm, err := tx.Committee.Create().SetName("Ban Chỉ đạo").SetStandingAgencyID(agency.ID).Save(ctx)
			if err != nil {
				return err
			}
			mcs := make([]*ent.CommitteeMemberCreate, members)
			for k := range mcs {
				mcs[k] = tx.CommitteeMember.Create().SetCommitteeID(cm.ID).SetPosition(committeemember.PositionMember).
					SetPersonName(fmt.Sprintf("Thành viên %d", k)).SetUserID(people[units+k].ID).SetValidFrom(d(2025, 1, 1).UTC())
			}
			ms, err := tx.CommitteeMember.CreateBulk(mcs...).Save(ctx)
			if err != nil {
				return err
			}
			acs := make([]*ent.AssignmentCreate, units)
			for i, u := range ul {
				acs[i] = tx.Assignment.Create().SetMemberID(ms[i%members].ID).SetUnitID(u.ID).SetValidFrom(d(2025, 1, 1).UTC())
			}
			if err := tx.Assignment.CreateBulk(acs...).Exec(ctx); err != nil {
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
					if due.Before(peakDay) && i%10 != 0 {
						rs[i].SetStatus(unitreport.StatusSubmitted)
					}
				}
				if err := tx.UnitReport.CreateBulk(rs...).Exec(ctx); err != nil {
					return err
				}
			}
			n := tasks / provinces
			if n == 0 {
				return nil
			}
			wp, err := tx.WorkPlan.Create().SetUnitID(agency.ID).SetTitle("Kế hoạch 2025").SetYear(2025).Save(ctx)
			if err != nil {
				return err
			}
			dues := make([]calendar.Date, n)
			for i := range dues {
				dues[i] = d(2025, 7, 11)
				if sc == seasonSeed {
					// Spread over 2/6–31/10 (151 days), weekends moved to the Friday before.
					dues[i] = d(2025, 6, 2).AddDays((i*151 + p*7) / n % 151)
					for dues[i].Time().Weekday() == time.Saturday || dues[i].Time().Weekday() == time.Sunday {
						dues[i] = dues[i].AddDays(-1)
					}
				}
			}
			ts := make([]*ent.TaskCreate, n)
			for i := range ts {
				ts[i] = tx.Task.Create().SetUnitID(agency.ID).SetWorkPlanID(wp.ID).SetContent(fmt.Sprintf("Nhiệm vụ %d", i)).
					SetDeadlineKind(task.DeadlineKindDate).SetDueOn(dues[i].UTC())
			}
			tl, err := tx.Task.CreateBulk(ts...).Save(ctx)
			if err != nil {
				return err
			}
			as := make([]*ent.TaskAssignmentCreate, n)
			for i, t := range tl {
				as[i] = tx.TaskAssignment.Create().SetTaskID(t.ID).SetWorkPlanID(wp.ID).SetUnitID(ul[i%units].ID).SetDueOn(dues[i].UTC())
				if sc == seasonSeed && dues[i].Before(peakDay) && i%10 < 7 {
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

// figure is one timed case's line in the summary table.
type figure struct {
	name    string
	ms      float64
	res     SweepResult
	written written
}

// timedSweep times one sweep of every province on day with n workers; between iterations it
// removes what the sweep wrote (untimed), so each iteration decides the same reminders.
func timedSweep(b *testing.B, e *benchEnv, n int, day calendar.Date) (res SweepResult, w written) {
	for b.Loop() {
		b.StopTimer()
		mark := e.mark(b)
		b.StartTimer()
		res = e.sweepAll(b, n, day)
		b.StopTimer()
		w = e.written(b, mark)
		e.undo(b, mark)
		b.StartTimer()
	}
	return res, w
}

func reportSweep(b *testing.B, res SweepResult, w written) figure {
	b.ReportMetric(float64(res.Considered), "subjects")
	b.ReportMetric(float64(res.Decided), "decisions")
	b.ReportMetric(float64(res.Existing), "existing")
	b.ReportMetric(float64(w.escalations), "escalations")
	b.ReportMetric(float64(w.notes), "notifications")
	b.ReportMetric(float64(w.mails), "mails")
	return figure{name: b.Name(), ms: float64(b.Elapsed().Nanoseconds()) / float64(max(b.N, 1)) / 1e6, res: res, written: w}
}

// BenchmarkSweep times the morning's sweep of 34 provinces × 200 units × 4 regimes (27,200 unit
// reports) + 10,000 task assignments with real delivery, on the peak day, the usual day, the
// usual day again and the worst day (see peakDay), each with the worker's 4 slots and with one;
// it ends with a table of the figures.
func BenchmarkSweep(b *testing.B) {
	e := newBenchEnv(b, seasonSeed, 34, 200, 10000) // the parent's: the cases sweep what it seeded
	var table []figure
	var worst *benchEnv
	timed := func(name string, day calendar.Date) {
		b.Run(name, func(b *testing.B) {
			e.advance(b, day)
			for _, n := range []int{workers, 1} {
				b.Run(fmt.Sprintf("workers=%d", n), func(b *testing.B) {
					res, w := timedSweep(b, e, n, day)
					table = append(table, reportSweep(b, res, w))
				})
			}
		})
	}
	timed("peak", peakDay)
	timed("usual", usualDay)
	b.Run("again", func(b *testing.B) {
		e.advance(b, usualDay)
		e.sweepAll(b, workers, usualDay) // the day decided
		for _, n := range []int{workers, 1} {
			b.Run(fmt.Sprintf("workers=%d", n), func(b *testing.B) {
				mark := e.mark(b)
				var res SweepResult
				for b.Loop() {
					res = e.sweepAll(b, n, usualDay)
				}
				table = append(table, reportSweep(b, res, e.written(b, mark)))
			})
		}
	})
	b.Run("worst", func(b *testing.B) {
		e := newBenchEnv(b, worstSeed, 34, 200, 10000)
		worst = e
		for _, n := range []int{workers, 1} {
			b.Run(fmt.Sprintf("workers=%d", n), func(b *testing.B) {
				res, w := timedSweep(b, e, n, peakDay)
				table = append(table, reportSweep(b, res, w))
			})
		}
	})
	if len(table) == 0 {
		return
	}
	var sb strings.Builder
	for _, l := range e.log {
		fmt.Fprintf(&sb, "%s\n", l)
	}
	if worst != nil {
		fmt.Fprintf(&sb, "worst: %s\n", strings.Join(worst.log, "; "))
	}
	fmt.Fprintf(&sb, "34 provinces × 200 units × 4 regimes + 10,000 task assignments, one sweep of every province:\n")
	fmt.Fprintf(&sb, "%-32s %9s %8s %9s %11s %7s %13s", "case", "ms", "subjects", "decisions", "escalations", "mails", "notifications")
	for _, f := range table {
		fmt.Fprintf(&sb, "\n%-32s %9.0f %8d %9d %11d %7d %13d", strings.TrimPrefix(f.name, "BenchmarkSweep/"), f.ms,
			f.res.Considered, f.res.Decided, f.written.escalations, f.written.mails, f.written.notes)
	}
	printTable(b, sb.String())
}

// printTable prints a summary at the end of a benchmark with sub-benchmarks (whose own log
// shows with -v only), in the style of the sub-benchmarks' logs.
func printTable(b *testing.B, s string) {
	fmt.Printf("--- TABLE: %s\n    %s\n", b.Name(), strings.ReplaceAll(s, "\n", "\n    "))
}

// BenchmarkSweepGrowth times the peak day's sweep of 4 provinces, one after another, as each
// grows (4 regimes, 50 task assignments per 100 units, the committee): ms/province, and x-prev,
// the ratio to the previous size (the units double each step).
func BenchmarkSweepGrowth(b *testing.B) {
	prev := 0.0
	var lines []string
	for _, units := range []int{50, 100, 200, 400} {
		b.Run(fmt.Sprintf("units=%d", units), func(b *testing.B) {
			e := newBenchEnv(b, seasonSeed, 4, units, 4*units/2)
			e.advance(b, peakDay)
			res, w := timedSweep(b, e, 1, peakDay)
			per := float64(b.Elapsed().Nanoseconds()) / float64(b.N) / float64(len(e.ctxs)) / 1e6
			b.ReportMetric(per, "ms/province")
			ratio := "-"
			if prev > 0 {
				b.ReportMetric(per/prev, "x-prev")
				ratio = fmt.Sprintf("%.2f", per/prev)
			}
			prev = per
			b.ReportMetric(float64(res.Decided)/float64(len(e.ctxs)), "decisions/province")
			b.ReportMetric(float64(w.notes+w.mails)/float64(len(e.ctxs)), "rows/province")
			lines = append(lines, fmt.Sprintf("%5d %12.1f %7s %18.0f", units, per, ratio, float64(res.Decided)/float64(len(e.ctxs))))
		})
	}
	if len(lines) > 0 {
		printTable(b, fmt.Sprintf("growth, peak day, one province at a time:\n%5s %12s %7s %18s\n%s", "units", "ms/province", "x-prev",
			"decisions/province", strings.Join(lines, "\n")))
	}
}

// BenchmarkSweepRace has two workers sweep every province on the peak day at once (as two
// schedulers would; the second goes through the provinces in reverse order): due is what each
// sweep finds due (both must agree), earlier what of it days before had decided, decided what
// the two decided together, which must be every row written; duplicates must be 0 and every
// decision delivered exactly once (one mail each, one notification each to an account).
func BenchmarkSweepRace(b *testing.B) {
	e := newBenchEnv(b, seasonSeed, 34, 200, 10000)
	e.advance(b, peakDay)
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
				res[w] = e.sweepOver(b, ctxs, 1, peakDay)
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
