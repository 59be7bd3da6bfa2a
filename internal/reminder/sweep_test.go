package reminder

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/ent/unitreport"
	"github.com/danvan-vn/danvan/internal/apperr"
	"github.com/danvan-vn/danvan/internal/calendar"
	"github.com/danvan-vn/danvan/internal/tenancy"
)

func TestSendDay(t *testing.T) {
	cal, err := calendar.New(calendar.Config{Holidays: []calendar.Holiday{
		{Date: d(2025, 7, 14), Name: "Nghỉ"}, {Date: d(2025, 7, 16), Name: "Nghỉ"}}})
	if err != nil {
		t.Fatal(err)
	}
	due := d(2025, 7, 15) // Tuesday
	for _, tc := range []struct {
		off   int
		want  calendar.Date
		moved bool
	}{
		{-7, d(2025, 7, 8), false},
		{-3, d(2025, 7, 11), true}, // Saturday 12/7 → Friday
		{-1, d(2025, 7, 11), true}, // holiday Monday 14/7 → Friday (over the weekend)
		{0, d(2025, 7, 15), false},
		{1, d(2025, 7, 17), true}, // holiday Wednesday 16/7 → Thursday
		{3, d(2025, 7, 18), false},
		{5, d(2025, 7, 21), true},  // Sunday 20/7 → Monday
		{4, d(2025, 7, 21), true},  // Saturday 19/7 → Monday
		{-2, d(2025, 7, 11), true}, // Sunday 13/7 → Friday
	} {
		got, moved := sendDay(cal, due, tc.off)
		if !got.Equal(tc.want) || moved != tc.moved {
			t.Errorf("offset %+d: got %s moved=%v, want %s moved=%v", tc.off, got, moved, tc.want, tc.moved)
		}
	}
	// A deadline on a day off: offset 0 goes out the working day before.
	if got, _ := sendDay(cal, d(2025, 7, 19), 0); !got.Equal(d(2025, 7, 18)) {
		t.Errorf("offset 0 on a Saturday: %s", got)
	}
}

func TestDueStep(t *testing.T) {
	cal, _ := calendar.New(calendar.Config{})
	due := d(2025, 7, 15)
	offs := []int{-7, -3, -1, 1, 3}
	for _, tc := range []struct {
		day  calendar.Date
		want int
		ok   bool
	}{
		{d(2025, 7, 7), 0, false},  // nothing yet
		{d(2025, 7, 8), -7, true},  // its day
		{d(2025, 7, 10), -7, true}, // still the latest step (already decided: nothing new)
		{d(2025, 7, 11), -3, true}, // Saturday's step moved to Friday
		{d(2025, 7, 16), 1, true},
		{d(2025, 7, 25), 3, true},  // 18/7 is exactly a week old: caught up
		{d(2025, 7, 28), 0, false}, // more than a week: nothing floods
	} {
		off, _, _, ok := dueStep(cal, due, offs, tc.day)
		if ok != tc.ok || (ok && off != tc.want) {
			t.Errorf("%s: got %+d ok=%v, want %+d ok=%v", tc.day, off, ok, tc.want, tc.ok)
		}
	}
	// Two steps moved onto the same day: the later one supersedes.
	cal2, _ := calendar.New(calendar.Config{Holidays: []calendar.Holiday{{Date: d(2025, 7, 14), Name: "x"}}})
	if off, _, _, _ := dueStep(cal2, due, offs, d(2025, 7, 11)); off != -1 {
		t.Errorf("two steps on Friday: got %+d, want -1", off)
	}
}

func TestRuleKeyAndCron(t *testing.T) {
	for in, want := range map[string]string{ruleKey(TargetUnit, -3): "unit-3", ruleKey(TargetUnit, 1): "unit+1",
		ruleKey(TargetMember, 3): "member+3", ruleKey(TargetAgencyHead, 7): "agency+7"} {
		if in != want {
			t.Errorf("rule key %q, want %q", in, want)
		}
	}
	for in, want := range map[string]string{"08:00": "0 8-17 * * *", "07:30": "30 7-17 * * *", "18:05": "5 18 * * *",
		"17:00": "0 17 * * *", "": "0 8-17 * * *", "25:00": "0 8-17 * * *"} {
		if got := Cron(in); got != want {
			t.Errorf("Cron(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSweep_Ladder(t *testing.T) {
	f := setup(t)
	a := f.a
	// Tuesday 8/7: the reports' -7 step; the task (18/7) and the obligation (15/7, -3 on 11/7)
	// have nothing yet.
	r := f.sweep(t, a, d(2025, 7, 8))
	got := keys(f.decisions(t, a))
	want := map[string]int{
		fmt.Sprintf("report:%d user:%d unit-7", a.reports["A"], a.users["officerA"]): 1,
		fmt.Sprintf("report:%d email:ct.a@quang-ngai.test unit-7", a.reports["A"]):   1,
		fmt.Sprintf("report:%d user:%d unit-7", a.reports["B"], a.users["officerB"]): 1, // officer and leader are one person
		// the early task (due 3/7): +3 on Sunday 6/7 went out Monday 7/7, caught up today
		fmt.Sprintf("task:%d user:%d unit+3", a.earlyTsk, a.users["officerA"]):  1,
		fmt.Sprintf("task:%d email:ct.a@quang-ngai.test unit+3", a.earlyTsk):    1,
		fmt.Sprintf("task:%d user:%d member+3", a.earlyTsk, a.users["memberX"]): 1,
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("decisions on 8/7:\n got %v\nwant %v", got, want)
	}
	if r.Decided != 6 || r.Existing != 0 || r.Considered == 0 {
		t.Errorf("result %+v", r)
	}
	ds := f.decisions(t, a)
	for _, x := range ds {
		if x.SubjectKind != SubjectReport {
			continue
		}
		if notes, mails := f.delivered(t, a, x.ID); (notes == 1) != (x.UserID != nil) || mails != 1 || x.Kind != KindReminder || x.Occurrence != "2025-07-15" ||
			!strings.HasPrefix(x.Link, "/t/quang-ngai/reports/units/") || x.Title == "" || !dateOf(x.SendOn).Equal(d(2025, 7, 8)) {
			t.Errorf("decision %+v", x)
		}
	}
	msgs := f.fake.messages()
	if len(msgs) != 6 || msgs[0].Vars["due"] != "15/07/2025" || msgs[0].Vars["days"] != "-7" || msgs[0].Vars["province"] != "Quảng Ngãi" {
		t.Errorf("messages %+v", msgs)
	}
	// Again the same day, and the next day: nothing new.
	if r := f.sweep(t, a, d(2025, 7, 8)); r.Decided != 0 || r.Existing != 6 {
		t.Errorf("second sweep: %+v", r)
	}
	if r := f.sweep(t, a, d(2025, 7, 9)); r.Decided != 0 {
		t.Errorf("next day: %+v", r)
	}
	// A weekend does nothing at all.
	if r := f.sweep(t, a, d(2025, 7, 12)); r != (SweepResult{}) {
		t.Errorf("Saturday: %+v", r)
	}
	// Friday 11/7: -3 (moved from Saturday) for the reports and the obligation.
	f.sweep(t, a, d(2025, 7, 11))
	got = keys(f.decisions(t, a))
	if got[fmt.Sprintf("obligation:%d user:%d unit-3", a.obl, a.users["officerB"])] != 1 ||
		got[fmt.Sprintf("report:%d user:%d unit-3", a.reports["B"], a.users["officerB"])] != 1 {
		t.Errorf("11/7: %v", got)
	}
	for k, n := range got {
		if n != 1 {
			t.Errorf("%s decided %d times", k, n)
		}
	}
}

func TestSweep_HolidayMovesEarlierAndLater(t *testing.T) {
	f := setup(t)
	a := f.a
	for _, h := range []calendar.Date{d(2025, 7, 14), d(2025, 7, 16)} {
		f.exec(t, a, func(c *ent.Client) error {
			return c.Holiday.Create().SetDate(h.UTC()).SetName("Nghỉ bù").Exec(a.ctx)
		})
	}
	// Monday 14/7 is off: nothing; -1 went out on Friday 11/7 (superseding -3 the same day).
	f.sweep(t, a, d(2025, 7, 11))
	if r := f.sweep(t, a, d(2025, 7, 14)); r != (SweepResult{}) {
		t.Errorf("holiday: %+v", r)
	}
	// +1 (Wednesday 16/7, a holiday) goes out on Thursday 17/7.
	f.sweep(t, a, d(2025, 7, 15))
	f.sweep(t, a, d(2025, 7, 17))
	rules := map[string]calendar.Date{}
	for _, x := range f.decisions(t, a) {
		if x.SubjectKind == SubjectReport && x.SubjectID == a.reports["A"] && x.Role == RoleOfficer {
			rules[x.Rule] = dateOf(x.SendOn)
		}
	}
	if len(rules) != 2 || !rules["unit-1"].Equal(d(2025, 7, 11)) || !rules["unit+1"].Equal(d(2025, 7, 17)) {
		t.Errorf("report A's steps: %v", rules)
	}
}

func TestSweep_EscalationFollowsTheAssignment(t *testing.T) {
	f := setup(t)
	a := f.a
	// A's early task (due Thursday 3/7): member+3 is Sunday 6/7, moved to Monday 7/7, when X was
	// still in charge of A.
	f.sweep(t, a, d(2025, 7, 7))
	// The reports (due 15/7): member+3 on Friday 18/7, when Y is in charge of A; X keeps B.
	f.sweep(t, a, d(2025, 7, 18))
	got := keys(f.decisions(t, a))
	for _, k := range []string{
		fmt.Sprintf("task:%d user:%d member+3", a.earlyTsk, a.users["memberX"]),
		fmt.Sprintf("report:%d user:%d member+3", a.reports["A"], a.users["memberY"]),
		fmt.Sprintf("report:%d user:%d member+3", a.reports["B"], a.users["memberX"]),
	} {
		if got[k] != 1 {
			t.Errorf("missing %s in %v", k, got)
		}
	}
	if got[fmt.Sprintf("report:%d user:%d member+3", a.reports["A"], a.users["memberX"])] != 0 {
		t.Error("the old member was reminded after the change")
	}
	// No member for E, so no escalation decided for it; the agency's head on 22/7 (+7) for all three.
	f.sweep(t, a, d(2025, 7, 22))
	got = keys(f.decisions(t, a))
	for _, code := range []string{"A", "B", "E"} {
		if got[fmt.Sprintf("report:%d user:%d agency+7", a.reports[code], a.users["head"])] != 1 {
			t.Errorf("agency head not escalated for %s: %v", code, got)
		}
	}
	for _, x := range f.decisions(t, a) {
		if (x.Rule == "member+3" || x.Rule == "agency+7") && x.Kind != KindEscalation {
			t.Errorf("escalation of kind %s", x.Kind)
		}
	}
}

func TestSweep_StopsWhenDone(t *testing.T) {
	f := setup(t)
	a := f.a
	f.sweep(t, a, d(2025, 7, 11))
	before := len(f.decisions(t, a))
	// A submits, the obligation is fulfilled, the task completed.
	f.exec(t, a, func(c *ent.Client) error {
		return c.UnitReport.UpdateOneID(a.reports["A"]).SetStatus(unitreport.StatusSubmitted).Exec(a.ctx)
	})
	f.exec(t, a, func(c *ent.Client) error {
		return c.PlanObligation.UpdateOneID(a.obl).SetFulfilledOn(d(2025, 7, 11).UTC()).Exec(a.ctx)
	})
	f.exec(t, a, func(c *ent.Client) error {
		return c.TaskAssignment.UpdateOneID(a.task).SetCompletedOn(d(2025, 7, 11).UTC()).Exec(a.ctx)
	})
	f.exec(t, a, func(c *ent.Client) error {
		return c.UnitReport.UpdateOneID(a.reports["B"]).SetExcused(true).Exec(a.ctx)
	})
	for _, day := range []calendar.Date{d(2025, 7, 14), d(2025, 7, 15), d(2025, 7, 16), d(2025, 7, 18), d(2025, 7, 22)} {
		f.sweep(t, a, day)
	}
	for _, x := range f.decisions(t, a)[before:] {
		if x.SubjectKind == SubjectReport && x.SubjectID != a.reports["E"] || x.SubjectKind == SubjectObligation ||
			x.SubjectKind == SubjectTask && x.SubjectID == a.task {
			t.Errorf("decided for a closed subject: %s:%d %s", x.SubjectKind, x.SubjectID, x.Rule)
		}
	}
}

func TestSweep_CatchUpAndSupersession(t *testing.T) {
	f := setup(t)
	a := f.a
	// The first sweep in weeks, on Friday 25/7: +3 (18/7) is exactly a week old and goes; the
	// earlier steps are superseded; member+3 (18/7) and agency+7 (22/7) go too.
	f.sweep(t, a, d(2025, 7, 25))
	rules := map[string]bool{}
	for _, x := range f.decisions(t, a) {
		if x.SubjectKind == SubjectReport {
			rules[x.Rule] = true
		}
	}
	if len(rules) != 3 || !rules["unit+3"] || !rules["member+3"] || !rules["agency+7"] {
		t.Errorf("caught up: %v", rules)
	}
	// Another province swept for the first time on 29/7 (more than a week after 18/7): only the
	// agency's head (22/7).
	b := f.b
	f.sweep(t, b, d(2025, 7, 30))
	for _, x := range f.decisions(t, b) {
		if x.SubjectKind == SubjectReport && x.Rule != "agency+7" {
			t.Errorf("older than a week yet decided: %s", x.Rule)
		}
	}
}

func TestSweep_ConcurrentDecidesOnce(t *testing.T) {
	f := setup(t)
	a := f.a
	for _, day := range []calendar.Date{d(2025, 7, 8), d(2025, 7, 11), d(2025, 7, 18)} {
		var wg sync.WaitGroup
		res := make([]SweepResult, 4)
		errs := make([]error, 4)
		for i := range res {
			wg.Add(1)
			go func() {
				defer wg.Done()
				res[i], errs[i] = f.svc.Sweep(a.ctx, day)
			}()
		}
		wg.Wait()
		decided := 0
		for i, err := range errs {
			if err != nil {
				t.Fatalf("%s sweep %d: %v", day, i, err)
			}
			decided += res[i].Decided
		}
		ds := f.decisions(t, a)
		dups := 0
		for _, n := range keys(ds) {
			dups += n - 1
		}
		if dups != 0 {
			t.Fatalf("%s: %d duplicates", day, dups)
		}
		// Exactly one of the racing sweeps decided; the others found its decisions.
		n := 0
		for _, r := range res {
			if r.Decided > 0 {
				n++
			}
		}
		if n != 1 {
			t.Errorf("%s: %d sweeps decided (%+v)", day, n, res)
		}
	}
	if got, want := len(f.fake.messages()), len(f.decisions(t, a)); got != want {
		t.Errorf("%d messages delivered for %d decisions", got, want)
	}
}

func TestSweep_KilledMidwayCommitsNothing(t *testing.T) {
	f := setup(t)
	a := f.a
	// Delivery fails after the decisions were inserted: the whole sweep rolls back.
	f.fake.failOn = 1
	if _, err := f.svc.Sweep(a.ctx, d(2025, 7, 11)); !errors.Is(err, errDelivery) {
		t.Fatalf("want the delivery error, got %v", err)
	}
	if n := len(f.decisions(t, a)); n != 0 {
		t.Fatalf("%d decisions survived a failed sweep", n)
	}
	// A worker killed mid-way: its context is cancelled while it delivers.
	ctx, cancel := context.WithCancel(a.ctx)
	f.fake.onCall = cancel
	if _, err := f.svc.Sweep(ctx, d(2025, 7, 11)); err == nil {
		t.Fatal("a cancelled sweep succeeded")
	}
	f.fake.onCall = nil
	if n := len(f.decisions(t, a)); n != 0 {
		t.Fatalf("%d decisions survived a cancelled sweep", n)
	}
	// The next sweep decides everything, once.
	r := f.sweep(t, a, d(2025, 7, 11))
	if r.Decided == 0 || r.Decided != len(f.decisions(t, a)) {
		t.Errorf("after the crash: %+v, %d rows", r, len(f.decisions(t, a)))
	}
	if r := f.sweep(t, a, d(2025, 7, 11)); r.Decided != 0 {
		t.Errorf("and again: %+v", r)
	}
}

func TestSweep_CrossProvince(t *testing.T) {
	f := setup(t)
	f.sweep(t, f.a, d(2025, 7, 8))
	sys := tenancy.SystemContext(context.Background())
	all, err := f.db.ReminderDecision.Query().All(sys)
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range all {
		if x.TenantID != f.a.v.TenantID {
			t.Errorf("a sweep of A decided in province %d", x.TenantID)
		}
	}
	f.sweep(t, f.b, d(2025, 7, 8))
	es, total, err := f.svc.Log(f.a.ctx, LogFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if total != 6 || len(es) != 6 {
		t.Errorf("A's log lists %d (%d)", total, len(es))
	}
	for _, e := range es {
		if !strings.Contains(e.Link, "/t/quang-ngai/") {
			t.Errorf("A's log lists %+v", e)
		}
	}
	// An entry of B is not found from A; urging B's report from A urges nothing.
	bs := f.decisions(t, f.b)
	if _, err := f.svc.Entry(f.a.ctx, bs[0].ID); err == nil {
		t.Error("A reads B's entry")
	}
	if n, err := f.svc.Urge(f.a.ctx, SubjectReport, []int{f.b.reports["A"]}, "Khẩn"); err != nil || n != 0 {
		t.Errorf("urge across provinces: %d, %v", n, err)
	}
}

func TestUrgeAndResend(t *testing.T) {
	f := setup(t)
	a := f.a
	f.exec(t, a, func(c *ent.Client) error {
		return c.UnitReport.UpdateOneID(a.reports["B"]).SetStatus(unitreport.StatusSubmitted).Exec(a.ctx)
	})
	n, err := f.svc.Urge(a.ctx, SubjectReport, []int{a.reports["A"], a.reports["B"], a.reports["E"]}, "Đề nghị nộp gấp")
	if err != nil || n != 2 { // B submitted; E counted though it has no contact
		t.Fatalf("urge: %d, %v", n, err)
	}
	ds := f.decisions(t, a)
	if len(ds) != 2 {
		t.Fatalf("%d urge decisions", len(ds))
	}
	for _, x := range ds {
		if x.Kind != KindUrge || x.Rule != RuleUrge || x.ActorID == nil || *x.ActorID != a.v.UserID || x.Note != "Đề nghị nộp gấp" ||
			x.SubjectID != a.reports["A"] {
			t.Errorf("urge decision %+v", x)
		}
		if _, err := time.Parse(time.RFC3339Nano, x.Occurrence); err != nil {
			t.Errorf("occurrence %q", x.Occurrence)
		}
	}
	// A second urge is a new occurrence.
	f.svc.now = func() time.Time { return time.Date(2025, 7, 15, 3, 0, 1, 0, time.UTC) }
	if _, err := f.svc.Urge(a.ctx, SubjectReport, []int{a.reports["A"]}, ""); err != nil {
		t.Fatal(err)
	}
	if n := len(f.decisions(t, a)); n != 4 {
		t.Errorf("%d decisions after two urges", n)
	}
	// The urge goes through UrgeTx in a caller's transaction too, and rolls back with it.
	tx, err := f.db.Tx(a.ctx)
	if err != nil {
		t.Fatal(err)
	}
	f.svc.now = func() time.Time { return time.Date(2025, 7, 15, 3, 0, 2, 0, time.UTC) }
	if n, err := f.svc.UrgeTx(a.ctx, tx, SubjectTask, []int{a.task}, "x"); err != nil || n != 1 {
		t.Fatalf("UrgeTx: %d, %v", n, err)
	}
	_ = tx.Rollback()
	if n := len(f.decisions(t, a)); n != 4 {
		t.Errorf("%d decisions after a rolled back urge", n)
	}
	if _, err := f.svc.Urge(a.ctx, "nope", []int{1}, ""); err == nil {
		t.Error("an unknown kind was urged")
	}

	// Resend: a new mail, counted.
	first := ds[0]
	e, err := f.svc.Resend(a.ctx, first.ID)
	if err != nil {
		t.Fatal(err)
	}
	if e.Resent != 1 || len(f.fake.resent) != 1 || e.MailStatus != "pending" {
		t.Errorf("resend: %+v, mails %v", e, f.fake.resent)
	}
	again, _ := f.db.ReminderDecision.Get(a.ctx, first.ID)
	if _, mails := f.delivered(t, a, first.ID); again.ResentAt == nil || mails != 2 {
		t.Errorf("resent decision %+v, %d mails", again, mails)
	}
	if _, err := f.svc.Resend(a.ctx, 999999); err == nil {
		t.Error("resent a missing decision")
	}
}

func TestPreviewAndLog(t *testing.T) {
	f := setup(t)
	a := f.a
	ps, err := f.svc.Preview(a.ctx, d(2025, 7, 8))
	if err != nil {
		t.Fatal(err)
	}
	noContact := 0
	for _, p := range ps {
		if p.UserID == 0 && p.Email == "" {
			noContact++
			if p.UnitID != a.u["E"] {
				t.Errorf("no contact for %s", p.UnitName)
			}
		}
	}
	if len(ps) != 7 || noContact != 1 {
		t.Errorf("preview: %+v", ps)
	}
	if n := len(f.decisions(t, a)); n != 0 {
		t.Fatal("the preview decided")
	}
	f.sweep(t, a, d(2025, 7, 8))
	ps, _ = f.svc.Preview(a.ctx, d(2025, 7, 8))
	if len(ps) != 1 {
		t.Errorf("preview after the sweep: %+v", ps)
	}
	es, total, err := f.svc.Log(a.ctx, LogFilter{Q: "ct.a@", PerPage: 10})
	if err != nil || total != 2 || es[0].Email != "ct.a@quang-ngai.test" || es[0].InApp || es[0].MailStatus != "pending" {
		t.Errorf("log: %d %+v %v", total, es, err)
	}
	es, total, _ = f.svc.Log(a.ctx, LogFilter{UnitID: a.u["B"], From: d(2025, 1, 1), To: calendar.Today()})
	if total != 1 || es[0].UnitID != a.u["B"] {
		t.Errorf("log by unit: %d %+v", total, es)
	}
}

func TestSettingsAndRules(t *testing.T) {
	f := setup(t)
	a := f.a
	st, err := f.svc.Settings(a.ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(st.Rules) != len(DefaultRules) || st.SendTime != DefaultSendTime || st.DigestTime != DefaultDigestTime ||
		len(st.Regimes) != 1 || fmt.Sprint(st.Regimes[0].Offsets) != "[-7 -3 -1 1 3]" {
		t.Fatalf("settings %+v", st)
	}
	if _, err := f.svc.CreateRule(a.ctx, RuleInput{Source: SubjectReport, OffsetDays: 2, Target: TargetUnit, Active: true}); fieldOf(err, "target") != "reminder_report_unit" {
		t.Errorf("report → unit: %v", err)
	}
	if _, err := f.svc.CreateRule(a.ctx, RuleInput{Source: "x", OffsetDays: 200, Target: "y"}); fieldOf(err, "source") != "invalid" ||
		fieldOf(err, "offset_days") != "above_max" || fieldOf(err, "target") != "invalid" {
		t.Errorf("bad rule: %v", err)
	}
	if _, err := f.svc.CreateRule(a.ctx, RuleInput{Source: SubjectTask, OffsetDays: -3, Target: TargetUnit}); err == nil {
		t.Error("a duplicate rule was created")
	}
	r, err := f.svc.CreateRule(a.ctx, RuleInput{Source: SubjectTask, OffsetDays: 10, Target: TargetAgencyHead, Active: true})
	if err != nil {
		t.Fatal(err)
	}
	if r, err = f.svc.UpdateRule(a.ctx, r.ID, RuleInput{Source: SubjectTask, OffsetDays: 12, Target: TargetAgencyHead}); err != nil || r.Active || r.OffsetDays != 12 {
		t.Errorf("update: %+v %v", r, err)
	}
	// Deleting every rule does not bring the defaults back.
	st, _ = f.svc.Settings(a.ctx)
	for _, r := range st.Rules {
		if err := f.svc.DeleteRule(a.ctx, r.ID); err != nil {
			t.Fatal(err)
		}
	}
	if st, _ = f.svc.Settings(a.ctx); len(st.Rules) != 0 {
		t.Errorf("rules came back: %+v", st.Rules)
	}
	// B's rules are its own.
	if stb, _ := f.svc.Settings(f.b.ctx); len(stb.Rules) != len(DefaultRules) {
		t.Errorf("B's rules: %d", len(stb.Rules))
	}
	if err := f.svc.SetTimes(a.ctx, "7:00", "24:00"); fieldOf(err, "send_time") != "time_hhmm" || fieldOf(err, "digest_time") != "time_hhmm" {
		t.Errorf("bad times: %v", err)
	}
	if err := f.svc.SetTimes(a.ctx, "07:15", "06:45"); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.SetTimes(a.ctx, "09:05", "06:45"); err != nil {
		t.Fatal(err)
	}
	if st, _ = f.svc.Settings(a.ctx); st.SendTime != "09:05" || st.DigestTime != "06:45" {
		t.Errorf("times %+v", st)
	}
	es, err := f.svc.schedule(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	crons := map[string]string{}
	for _, e := range es {
		crons[string(e.Payload)] = e.Cron
	}
	if crons[fmt.Sprintf(`{"tenant_id":%d}`, a.v.TenantID)] != "5 9-17 * * *" || crons[fmt.Sprintf(`{"tenant_id":%d}`, f.b.v.TenantID)] != "0 8-17 * * *" {
		t.Errorf("schedule %v", crons)
	}
	// The scheduled task sweeps the province it names, today.
	f.svc.now = func() time.Time { return time.Date(2025, 7, 8, 1, 0, 0, 0, time.UTC) }
	if err := f.svc.runSweep(context.Background(), []byte(fmt.Sprintf(`{"tenant_id":%d}`, f.b.v.TenantID))); err != nil {
		t.Fatal(err)
	}
	if n := len(f.decisions(t, f.b)); n != 6 {
		t.Errorf("scheduled sweep decided %d", n)
	}
	if err := f.svc.runSweep(context.Background(), []byte(`{}`)); err == nil {
		t.Error("a bad payload ran")
	}
}

func fieldOf(err error, field string) string {
	if e, ok := apperr.As(err); ok && e.Kind == apperr.KindInvalid {
		return e.Fields[field]
	}
	return ""
}
