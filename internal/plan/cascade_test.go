package plan_test

import (
	"strings"
	"testing"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/ent/planobligation"
	"github.com/danvan-vn/danvan/ent/task"
	"github.com/danvan-vn/danvan/ent/taskassignment"
	"github.com/danvan-vn/danvan/internal/apperr"
	"github.com/danvan-vn/danvan/internal/calendar"
	"github.com/danvan-vn/danvan/internal/plan"
	"github.com/danvan-vn/danvan/internal/unit"
)

// districts adds two pre-reform style districts under the province, H-A with communes XA-1 and
// XA-2, H-B with XB-1.
func (f *fx) districts(t *testing.T) {
	t.Helper()
	units := unit.New(f.db, nil)
	from := calendar.NewDate(2025, 7, 1).UTC()
	for _, c := range []struct{ code, name, typ, parent string }{
		{"H-A", "UBND huyện An Lạc", "district", "QN"}, {"H-B", "UBND huyện Bình Sơn", "district", "QN"},
		{"XA-1", "UBND xã An Phú", "commune", "H-A"}, {"XA-2", "UBND xã An Hòa", "commune", "H-A"},
		{"XB-1", "UBND xã Bình Minh", "commune", "H-B"},
	} {
		p := f.u[c.parent]
		u, err := units.Create(f.ctx, c.code, from, unit.Attrs{Name: c.name, Type: c.typ, ParentID: &p})
		if err != nil {
			t.Fatal(err)
		}
		f.u[c.code] = u.ID
	}
}

// provincePlan makes an issued province plan whose task requires a plan of each of units by
// the day due days from today.
func (f *fx) provincePlan(t *testing.T, due int, units ...string) (*ent.WorkPlan, *ent.Task) {
	t.Helper()
	p, err := f.svc.CreatePlan(f.ctx, plan.PlanInput{UnitID: f.u["QN"], Title: "Kế hoạch thực hiện Quy chế dân chủ ở cơ sở năm 2026",
		Year: 2026, Status: "issued"})
	if err != nil {
		t.Fatal(err)
	}
	var ids []int
	for _, u := range units {
		ids = append(ids, f.u[u])
	}
	tk, err := f.svc.AddTask(f.ctx, p.ID, plan.TaskInput{Number: "1", Content: "Xây dựng kế hoạch thực hiện tại đơn vị, địa phương.",
		DueOn: ptr(vnToday().AddDate(0, 2, 0)), Lead: ids, RequiresPlan: true, PlanDue: ptr(vnToday().AddDate(0, 0, due))})
	if err != nil {
		t.Fatal(err)
	}
	return p, tk
}

func (f *fx) obligation(t *testing.T, planID, unitID int) *ent.PlanObligation {
	t.Helper()
	o, err := f.db.PlanObligation.Query().Where(planobligation.WorkPlanID(planID), planobligation.UnitID(unitID)).Only(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	return o
}

func TestService_Cascade(t *testing.T) {
	f := setup(t)
	f.districts(t)
	p, ptask := f.provincePlan(t, 15, "H-A", "H-B", "SNV")
	district := f.staff(f.u["H-A"])

	// The district sees the plan and its own obligation only.
	b, err := f.svc.ObligationBoard(district, p.ID, false)
	if err != nil || len(b.Rows) != 1 || b.Rows[0].Obligation.UnitID != f.u["H-A"] || b.Rows[0].Status != plan.ObligationPending || !b.Rows[0].Mine {
		t.Fatalf("district's board %+v %v", b, err)
	}
	// Its implementation plan, a draft with the province's task copied.
	d, err := f.svc.CreateImplementation(district, p.ID, plan.ImplementationInput{CopyTasks: true})
	if err != nil {
		t.Fatal(err)
	}
	if d.UnitID != f.u["H-A"] || d.ParentPlanID == nil || *d.ParentPlanID != p.ID || d.Status != "draft" || d.Year != 2026 ||
		d.Title != "Kế hoạch thực hiện "+p.Title {
		t.Errorf("district plan %+v", d)
	}
	ts, err := f.svc.Tasks(district, d.ID)
	if err != nil || len(ts) != 1 || ts[0].SourceTaskID == nil || *ts[0].SourceTaskID != ptask.ID || ts[0].Content != ptask.Content {
		t.Fatalf("copied tasks %+v %v", ts, err)
	}
	if a := f.assignment(t, ts[0].ID, f.u["H-A"]); a.Role != "lead" {
		t.Errorf("copied task's assignment %+v", a)
	}
	if o := f.obligation(t, p.ID, f.u["H-A"]); o.FulfilledPlanID != nil {
		t.Errorf("a draft fulfilled the obligation: %+v", o)
	}
	if _, err := f.svc.CreateImplementation(district, p.ID, plan.ImplementationInput{}); apperr.KindOf(err) != apperr.KindConflict {
		t.Errorf("a second implementation plan: %v", err)
	}

	// The district assigns two of its communes and requires their plans.
	ctask, err := f.svc.AddTask(district, d.ID, plan.TaskInput{Number: "2", Content: "Các xã xây dựng kế hoạch thực hiện.",
		DeadlineKind: "continuous", Lead: []int{f.u["XA-1"], f.u["XA-2"]}, RequiresPlan: true, PlanDue: ptr(vnToday().AddDate(0, 0, 10))})
	if err != nil {
		t.Fatalf("district assigns its communes: %v", err)
	}
	obs, _ := f.svc.Obligations(f.ctx, d.ID)
	if len(obs) != 2 {
		t.Errorf("%d obligations of the communes, want 2", len(obs))
	}
	// A commune of another district, as lead or coordinating, a department, another province's
	// unit: refused, nothing written.
	count := func() [3]int {
		a, _ := f.db.Task.Query().Count(f.ctx)
		b, _ := f.db.TaskAssignment.Query().Count(f.ctx)
		c, _ := f.db.PlanObligation.Query().Count(f.ctx)
		return [3]int{a, b, c}
	}
	before := count()
	for _, c := range []struct {
		name  string
		in    plan.TaskInput
		field string
		code  string
	}{
		{"another district's commune", plan.TaskInput{Content: "x", Lead: []int{f.u["XA-1"], f.u["XB-1"]}, RequiresPlan: true}, "lead_unit_ids", "unit_not_sub_unit"},
		{"another district's commune coordinating", plan.TaskInput{Content: "x", Lead: []int{f.u["XA-1"]}, Coordinating: []int{f.u["XB-1"]}}, "coordinating_unit_ids", "unit_not_sub_unit"},
		{"a department", plan.TaskInput{Content: "x", Lead: []int{f.u["SNV"]}}, "lead_unit_ids", "unit_not_sub_unit"},
		{"the province", plan.TaskInput{Content: "x", Lead: []int{f.u["QN"]}}, "lead_unit_ids", "unit_not_sub_unit"},
		{"another province's unit", plan.TaskInput{Content: "x", Lead: []int{f.foreign}}, "lead_unit_ids", "unit_not_existing"},
	} {
		if _, err := f.svc.AddTask(district, d.ID, c.in); fields(err)[c.field] != c.code {
			t.Errorf("%s: %v, want %s: %s", c.name, err, c.field, c.code)
		}
	}
	if _, err := f.svc.UpdateTask(district, ctask.ID, plan.TaskInput{Content: "x", Lead: []int{f.u["XB-1"]}}); fields(err)["lead_unit_ids"] != "unit_not_sub_unit" {
		t.Errorf("update to another district's commune: %v", err)
	}
	// The other district cannot write in this one's plan at all (the wall), nor a commune.
	if _, err := f.svc.AddTask(f.staff(f.u["H-B"]), d.ID, plan.TaskInput{Content: "x", Lead: []int{f.u["XA-1"]}}); err == nil {
		t.Error("another district adds a task to the plan")
	}
	if _, err := f.svc.AddTask(f.staff(f.u["XA-1"]), d.ID, plan.TaskInput{Content: "x", Lead: []int{f.u["XA-1"]}}); err == nil {
		t.Error("a commune adds a task to its district's plan")
	}
	if count() != before {
		t.Errorf("refused changes wrote rows: %v → %v", before, count())
	}
	// The district follows its communes: their assignments on the board, their obligations.
	if b, err := f.svc.Board(district, d.ID, false); err != nil || len(b.Tasks) != 2 || len(b.Tasks[1].Lead) != 2 {
		t.Errorf("district's board of its plan: %+v %v", b, err)
	}
	if b, err := f.svc.ObligationBoard(district, d.ID, false); err != nil || b.Counts.Pending != 2 || len(b.Rows) != 2 {
		t.Errorf("district's obligations board: %+v %v", b, err)
	}
	// It can change the task: XA-2 removed (its assignment and obligation stay until the task goes).
	if _, err := f.svc.UpdateTask(district, ctask.ID, plan.TaskInput{Content: "Các xã xây dựng kế hoạch thực hiện.", DeadlineKind: "continuous",
		Lead: []int{f.u["XA-1"]}, Coordinating: []int{f.u["XA-2"]}}); err != nil {
		t.Errorf("district changes its task: %v", err)
	}
	if a := f.assignment(t, ctask.ID, f.u["XA-2"]); a.Role != "coordinate" {
		t.Errorf("XA-2 now %s", a.Role)
	}

	// Issued later: the district's obligation is met on the issue day.
	if _, err := f.svc.UpdatePlan(district, d.ID, plan.PlanInput{Title: d.Title, Year: 2026, Status: "issued"}); err != nil {
		t.Fatalf("district issues its plan: %v", err)
	}
	if o := f.obligation(t, p.ID, f.u["H-A"]); o.FulfilledPlanID == nil || *o.FulfilledPlanID != d.ID || o.FulfilledOn == nil || !o.FulfilledOn.Equal(vnToday()) {
		t.Errorf("district's obligation after issuing: %+v", o)
	}

	// The commune sees the district's task and issues its own plan at once: the obligation is met.
	commune := f.staff(f.u["XA-1"])
	if td, err := f.svc.Task(commune, ctask.ID); err != nil || len(td.Assignments) != 1 {
		t.Fatalf("commune reads the district's task: %+v %v", td, err)
	}
	if ct, err := f.svc.ConcernedTasks(commune, d.ID, f.u["XA-1"]); err != nil || len(ct) != 1 || ct[0].ID != ctask.ID {
		t.Errorf("commune's concerned tasks %v %v", ct, err)
	}
	issued := vnToday().AddDate(0, 0, -1)
	cp, err := f.svc.CreateImplementation(commune, d.ID, plan.ImplementationInput{Title: "Kế hoạch thực hiện của UBND xã An Phú",
		CopyTasks: true, TaskIDs: []int{ctask.ID}, Status: "issued", IssuedOn: &issued})
	if err != nil {
		t.Fatal(err)
	}
	if o := f.obligation(t, d.ID, f.u["XA-1"]); o.FulfilledPlanID == nil || *o.FulfilledPlanID != cp.ID || !o.FulfilledOn.Equal(issued) {
		t.Errorf("commune's obligation: %+v", o)
	}
	if n, _ := f.db.Task.Query().Where(task.WorkPlanID(cp.ID), task.SourceTaskID(ctask.ID)).Count(f.ctx); n != 1 {
		t.Errorf("commune's plan has %d copies of the district's task", n)
	}
	if b, _ := f.svc.ObligationBoard(district, d.ID, false); b.Counts.IssuedOnTime != 1 || b.Counts.Pending != 1 {
		t.Errorf("district's board after the commune: %+v", b.Counts)
	}
	// The wall: XA-1 neither sees nor fulfils XA-2's obligation.
	if b, err := f.svc.ObligationBoard(commune, d.ID, false); err != nil || len(b.Rows) != 1 || b.Rows[0].Obligation.UnitID != f.u["XA-1"] {
		t.Errorf("commune's board %+v %v", b, err)
	}
	if _, err := f.svc.CreateImplementation(commune, d.ID, plan.ImplementationInput{UnitID: f.u["XA-2"], Status: "issued"}); apperr.KindOf(err) != apperr.KindNotFound {
		t.Errorf("XA-1 creates XA-2's plan: %v", err)
	}
	if o := f.obligation(t, d.ID, f.u["XA-2"]); o.FulfilledPlanID != nil {
		t.Errorf("XA-2's obligation met by another: %+v", o)
	}
	// A unit the plan does not concern does not see it; another province neither.
	if _, err := f.svc.ObligationBoard(f.staff(f.u["STC"]), d.ID, false); !ent.IsNotFound(err) {
		t.Errorf("STC reads the district's plan: %v", err)
	}
	if _, err := f.svc.ObligationBoard(f.other, p.ID, false); !ent.IsNotFound(err) {
		t.Errorf("another province reads the board: %v", err)
	}
	if _, err := f.svc.CreateImplementation(f.other, p.ID, plan.ImplementationInput{UnitID: f.foreign}); !ent.IsNotFound(err) {
		t.Errorf("another province creates an implementation: %v", err)
	}
	// The district's draft task goes with its communes' rows.
	dd, err := f.svc.CreatePlan(district, plan.PlanInput{UnitID: f.u["H-A"], Title: "Dự thảo", Year: 2026})
	if err != nil {
		t.Fatal(err)
	}
	dt, err := f.svc.AddTask(district, dd.ID, plan.TaskInput{Content: "x", Lead: []int{f.u["XA-2"]}, RequiresPlan: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.svc.DeleteTask(district, dt.ID); err != nil {
		t.Errorf("district deletes its draft's task: %v", err)
	}
	if n, _ := f.db.TaskAssignment.Query().Where(taskassignment.TaskID(dt.ID)).Count(f.ctx); n != 0 {
		t.Errorf("%d assignments left", n)
	}
}

func TestService_ObligationBoard(t *testing.T) {
	f := setup(t)
	f.districts(t)
	p, _ := f.provincePlan(t, 10, "STC", "H-A")
	for _, c := range []struct {
		unit string
		due  int
	}{{"SNV", -10}, {"X-TA", -20}} {
		if _, err := f.svc.AddTask(f.ctx, p.ID, plan.TaskInput{Content: "Xây dựng kế hoạch.", DeadlineKind: "continuous",
			Lead: []int{f.u[c.unit]}, RequiresPlan: true, PlanDue: ptr(vnToday().AddDate(0, 0, c.due))}); err != nil {
			t.Fatal(err)
		}
	}
	// X-TA issues 5 days ago (15 days late); H-A today (on time), created at once as issued.
	late := vnToday().AddDate(0, 0, -5)
	if _, err := f.svc.CreateImplementation(f.staff(f.u["X-TA"]), p.ID, plan.ImplementationInput{Status: "issued", IssuedOn: &late}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.CreateImplementation(f.ctx, p.ID, plan.ImplementationInput{UnitID: f.u["H-A"], Status: "issued"}); err != nil {
		t.Fatal(err)
	}
	// The committee: M1 in charge of SNV and STC (and is the admin's account), M2 of X-TA, M3 of
	// none; M4 has left, a district committee's member is not listed.
	tx, err := f.db.Tx(f.ctx) // audited rows are written in a transaction
	if err != nil {
		t.Fatal(err)
	}
	cm, err := tx.Committee.Create().SetName("Ban Chỉ đạo thực hiện QCDC tỉnh").SetLevel("province").Save(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	lower, err := tx.Committee.Create().SetName("Ban Chỉ đạo huyện An Lạc").SetLevel("district").SetUnitID(f.u["H-A"]).Save(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	from, past := calendar.NewDate(2025, 7, 1).UTC(), vnToday().AddDate(0, 0, -1)
	member := func(committee int, name string, sort int, units ...string) *ent.CommitteeMember {
		q := tx.CommitteeMember.Create().SetCommitteeID(committee).SetPosition("member").SetPersonName(name).SetSort(sort).SetValidFrom(from)
		if name == "M1" {
			q.SetUserID(f.v.UserID)
		}
		if name == "M4" {
			q.SetValidTo(past)
		}
		m, err := q.Save(f.ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, u := range units {
			if err := tx.Assignment.Create().SetMemberID(m.ID).SetUnitID(f.u[u]).SetValidFrom(from).Exec(f.ctx); err != nil {
				t.Fatal(err)
			}
		}
		return m
	}
	member(cm.ID, "M1", 1, "SNV", "STC")
	member(cm.ID, "M2", 2, "X-TA")
	member(cm.ID, "M3", 3)
	member(cm.ID, "M4", 4, "H-A")
	member(lower.ID, "M5", 1, "XA-1")
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}

	b, err := f.svc.ObligationBoard(f.ctx, p.ID, false)
	if err != nil {
		t.Fatal(err)
	}
	status := map[string]plan.ObligationStatus{}
	names := map[int]string{f.u["SNV"]: "SNV", f.u["STC"]: "STC", f.u["X-TA"]: "X-TA", f.u["H-A"]: "H-A"}
	for _, r := range b.Rows {
		status[names[r.Obligation.UnitID]] = r.Status
	}
	want := map[string]plan.ObligationStatus{"SNV": plan.ObligationOverdue, "STC": plan.ObligationPending,
		"X-TA": plan.ObligationIssuedLate, "H-A": plan.ObligationIssuedOnTime}
	for u, s := range want {
		if status[u] != s {
			t.Errorf("%s: %s, want %s", u, status[u], s)
		}
	}
	if c := b.Counts; c.Overdue != 1 || c.Pending != 1 || c.IssuedLate != 1 || c.IssuedOnTime != 1 || c.Total != 4 {
		t.Errorf("counts %+v", c)
	}
	var got []string
	for _, m := range b.Members {
		got = append(got, m.Member.PersonName)
	}
	if strings.Join(got, ",") != "M1,M2,M3" {
		t.Fatalf("members %v", got)
	}
	if m := b.Members[0]; m.Units != 2 || len(m.Rows) != 2 || m.Counts.Overdue != 1 || m.Counts.Pending != 1 {
		t.Errorf("M1 %+v", m)
	}
	if m := b.Members[1]; len(m.Rows) != 1 || m.Counts.IssuedLate != 1 {
		t.Errorf("M2 %+v", m)
	}
	if m := b.Members[2]; m.Units != 0 || len(m.Rows) != 0 {
		t.Errorf("M3 %+v", m)
	}
	// "My units": the committee member M1 (the same account as a committee member).
	mine, err := f.svc.ObligationBoard(f.committee(), p.ID, true)
	if err != nil || mine.Counts.Total != 2 || mine.Counts.Overdue != 1 {
		t.Errorf("M1's units: %+v %v", mine, err)
	}

	// Copying: a subset of the concerned tasks; a task that does not concern the unit is refused.
	stc := f.staff(f.u["STC"])
	other, err := f.svc.AddTask(f.ctx, p.ID, plan.TaskInput{Content: "Nhiệm vụ của Sở Nội vụ.", DeadlineKind: "none", Lead: []int{f.u["SNV"]}})
	if err != nil {
		t.Fatal(err)
	}
	both, err := f.svc.AddTask(f.ctx, p.ID, plan.TaskInput{Content: "Phối hợp tuyên truyền.", DueOn: ptr(vnToday().AddDate(0, 1, 0)),
		Lead: []int{f.u["SNV"]}, Coordinating: []int{f.u["STC"]}})
	if err != nil {
		t.Fatal(err)
	}
	ct, err := f.svc.ConcernedTasks(stc, p.ID, f.u["STC"])
	if err != nil || len(ct) != 2 {
		t.Fatalf("STC's concerned tasks %d %v", len(ct), err)
	}
	plans := func() int { n, _ := f.db.WorkPlan.Query().Count(f.ctx); return n }
	before := plans()
	for _, c := range []struct {
		name  string
		in    plan.ImplementationInput
		field string
	}{
		{"a task that does not concern the unit", plan.ImplementationInput{CopyTasks: true, TaskIDs: []int{other.ID}}, "task_ids"},
		{"tasks without copying", plan.ImplementationInput{TaskIDs: []int{both.ID}}, "task_ids"},
		{"closed", plan.ImplementationInput{Status: "closed"}, "status"},
		{"blank title", plan.ImplementationInput{Title: "   "}, "title"},
		{"title too long", plan.ImplementationInput{Title: strings.Repeat("ế", plan.MaxTitle+1)}, "title"},
		{"control character", plan.ImplementationInput{Title: "Kế hoạch\x07"}, "title"},
		{"invalid UTF-8", plan.ImplementationInput{Title: "K\xffế hoạch"}, "title"},
		{"year", plan.ImplementationInput{Year: 99999}, "year"},
	} {
		if _, err := f.svc.CreateImplementation(stc, p.ID, c.in); fields(err)[c.field] == "" {
			t.Errorf("%s: %v, want a problem with %s", c.name, err, c.field)
		}
	}
	if plans() != before {
		t.Error("a refused implementation plan was written")
	}
	sp, err := f.svc.CreateImplementation(stc, p.ID, plan.ImplementationInput{CopyTasks: true, TaskIDs: []int{both.ID}})
	if err != nil {
		t.Fatal(err)
	}
	ts, _ := f.svc.Tasks(stc, sp.ID)
	if len(ts) != 1 || *ts[0].SourceTaskID != both.ID || ts[0].DueOn == nil || !ts[0].DueOn.Equal(*both.DueOn) {
		t.Errorf("STC's copied tasks %+v", ts)
	}
	// Committee members and others with no unit must name one; unit staff are held to theirs.
	if _, err := f.svc.CreateImplementation(f.ctx, p.ID, plan.ImplementationInput{}); fields(err)["unit_id"] != "required" {
		t.Errorf("admin without a unit: %v", err)
	}
	if _, err := f.svc.CreateImplementation(stc, p.ID, plan.ImplementationInput{UnitID: f.u["SNV"]}); apperr.KindOf(err) != apperr.KindNotFound {
		t.Errorf("STC for SNV: %v", err)
	}
}
