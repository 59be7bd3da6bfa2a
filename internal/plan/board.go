package plan

import (
	"context"
	"database/sql"
	"fmt"
	"slices"

	entsql "entgo.io/ent/dialect/sql"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/ent/task"
	"github.com/danvan-vn/danvan/ent/taskassignment"
	"github.com/danvan-vn/danvan/ent/taskextension"
	"github.com/danvan-vn/danvan/ent/taskprogress"
	"github.com/danvan-vn/danvan/ent/workplan"
	"github.com/danvan-vn/danvan/internal/calendar"
)

// factRow is a group of lead assignments that share everything their status depends on (and
// their task), with how many they are: roll-ups need counts, not rows, so the database groups
// them and a plan's 30,000 assignments come back as a few hundred rows, each status computed
// once.
type factRow struct {
	TaskID      int          `sql:"task_id"`
	WorkPlanID  int          `sql:"work_plan_id"`
	DueOn       sql.NullTime `sql:"due_on"`
	CompletedOn sql.NullTime `sql:"completed_on"`
	Kind        string       `sql:"deadline_kind"`
	DueDay      int          `sql:"due_day"`
	DueMonth    int          `sql:"due_month"`
	Shift       string       `sql:"shift"`
	Year        int          `sql:"year"`
	N           int          `sql:"n"` // how many assignments
}

func (r factRow) facts() Facts {
	f := Facts{DeadlineKind: r.Kind, DueDay: r.DueDay, DueMonth: r.DueMonth, PlanYear: r.Year, Shift: r.Shift}
	if r.DueOn.Valid {
		f.DueOn = &r.DueOn.Time
	}
	if r.CompletedOn.Valid {
		f.CompletedOn = &r.CompletedOn.Time
	}
	return f
}

type factFilter struct {
	planIDs    []int
	units      []int
	year       int
	withDrafts bool // draft plans count too (a plan's own page); the province chart leaves them out
}

// facts reads the lead assignments the filter selects, joined with their task and plan and
// grouped by task and status facts: one query, whatever the number of plans. The unit wall
// applies (unit staff get their units' rows).
func (s *Service) facts(ctx context.Context, f factFilter) ([]factRow, error) {
	q := s.db.TaskAssignment.Query().Where(taskassignment.RoleEQ(taskassignment.RoleLead))
	if len(f.planIDs) > 0 {
		q.Where(taskassignment.WorkPlanIDIn(f.planIDs...))
	}
	if len(f.units) > 0 {
		q.Where(taskassignment.UnitIDIn(f.units...))
	}
	var rows []factRow
	err := q.Modify(func(sel *entsql.Selector) {
		t, p := entsql.Table(task.Table), entsql.Table(workplan.Table)
		sel.Join(t).On(sel.C(taskassignment.FieldTaskID), t.C(task.FieldID)).
			Join(p).On(sel.C(taskassignment.FieldWorkPlanID), p.C(workplan.FieldID))
		if f.year > 0 {
			sel.Where(entsql.EQ(p.C(workplan.FieldYear), f.year))
		}
		if !f.withDrafts {
			sel.Where(entsql.NEQ(p.C(workplan.FieldStatus), string(workplan.StatusDraft)))
		}
		cols := []string{sel.C(taskassignment.FieldTaskID), sel.C(taskassignment.FieldWorkPlanID),
			sel.C(taskassignment.FieldDueOn), sel.C(taskassignment.FieldCompletedOn),
			t.C(task.FieldDeadlineKind), t.C(task.FieldDueDay), t.C(task.FieldDueMonth), t.C(task.FieldShift),
			p.C(workplan.FieldYear)}
		sel.Select(cols...).AppendSelectAs(entsql.Count("*"), "n").GroupBy(cols...)
	}).Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("plan: read assignments: %w", err)
	}
	return rows, nil
}

// RollupFilter selects the lead assignments Rollup counts: all of the province's issued and
// closed plans, or one plan's (drafts included), or a set of units', or a year's.
type RollupFilter struct {
	PlanID  int
	UnitIDs []int
	Year    int
}

// Rollup counts lead assignments by status today (for the province's home chart).
func (s *Service) Rollup(ctx context.Context, f RollupFilter) (Counts, error) {
	ff := factFilter{units: f.UnitIDs, year: f.Year}
	if f.PlanID > 0 {
		ff.planIDs, ff.withDrafts = []int{f.PlanID}, true
	}
	rows, err := s.facts(ctx, ff)
	if err != nil {
		return Counts{}, err
	}
	cal, err := s.calendar(ctx)
	if err != nil {
		return Counts{}, err
	}
	var c Counts
	now := calendar.Today()
	for _, r := range rows {
		c.AddN(StatusOf(r.facts(), now, cal), r.N)
	}
	return c, nil
}

// AssignmentRow is an assignment with its status today and effective due day.
type AssignmentRow struct {
	Assignment *ent.TaskAssignment
	UnitName   string
	Status     Status
	Due        *calendar.Date // the effective due day (shifted off non-working days), if any
}

// TaskRow is a task with its lead and coordinating units and its roll-up.
type TaskRow struct {
	Task         *ent.Task
	Status       Status // the worst of its lead assignments ("" when it has none)
	Counts       Counts // its lead assignments by status
	Lead         []AssignmentRow
	Coordinating []AssignmentRow
}

// UnitCounts is one unit's lead assignments of a plan by status.
type UnitCounts struct {
	UnitID   int
	UnitName string
	Counts   Counts
}

// Board is a plan's tracking table: its tasks with their units' status, units × statuses, and
// the plan's totals.
type Board struct {
	Plan       *ent.WorkPlan
	Tasks      []TaskRow
	Units      []UnitCounts
	Counts     Counts // lead assignments by status
	TaskCounts Counts // tasks by their own status
}

func (s *Service) row(a *ent.TaskAssignment, t *ent.Task, year int, names map[int]string, cal *calendar.Calendar, now calendar.Date) AssignmentRow {
	f := Facts{DeadlineKind: string(t.DeadlineKind), DueOn: a.DueOn, DueDay: t.DueDay, DueMonth: t.DueMonth,
		PlanYear: year, Shift: string(t.Shift), CompletedOn: a.CompletedOn}
	r := AssignmentRow{Assignment: a, UnitName: names[a.UnitID], Status: StatusOf(f, now, cal)}
	if d, ok := DueDate(f, now, cal); ok {
		r.Due = &d
	}
	return r
}

// Board returns plan planID's board. mine keeps the tasks that concern the viewer's units
// (MyUnits) and counts only their assignments.
func (s *Service) Board(ctx context.Context, planID int, mine bool) (*Board, error) {
	p, err := s.db.WorkPlan.Get(ctx, planID)
	if err != nil {
		return nil, err
	}
	var my []int
	if mine {
		if my, err = s.MyUnits(ctx); err != nil {
			return nil, err
		}
	}
	// The unit that issued the plan follows its sub-units' assignments too (ownerContext).
	ts, err := s.db.Task.Query().Where(task.WorkPlanID(planID), task.TenantID(p.TenantID)).WithAssignments(func(q *ent.TaskAssignmentQuery) {
		q.Order(ent.Asc(taskassignment.FieldID))
	}).Order(ent.Asc(task.FieldPosition), ent.Asc(task.FieldID)).All(ownerContext(ctx, p))
	if err != nil {
		return nil, fmt.Errorf("plan: board: %w", err)
	}
	var ids []int
	for _, t := range ts {
		for _, a := range t.Edges.Assignments {
			ids = append(ids, a.UnitID)
		}
	}
	names, cal, err := s.namesAndCalendar(ctx, ids)
	if err != nil {
		return nil, err
	}
	now := calendar.Today()
	b := &Board{Plan: p}
	perUnit := map[int]*UnitCounts{}
	for _, t := range ts {
		tr := TaskRow{Task: t}
		var statuses []Status
		concerns := !mine
		for _, a := range t.Edges.Assignments {
			if mine && slices.Contains(my, a.UnitID) {
				concerns = true
			}
			r := s.row(a, t, p.Year, names, cal, now)
			if a.Role == taskassignment.RoleCoordinate {
				tr.Coordinating = append(tr.Coordinating, r)
				continue
			}
			tr.Lead = append(tr.Lead, r)
			statuses = append(statuses, r.Status)
			tr.Counts.Add(r.Status)
		}
		if !concerns {
			continue
		}
		tr.Status = Worst(statuses...)
		b.TaskCounts.Add(tr.Status)
		for _, r := range tr.Lead {
			u := r.Assignment.UnitID
			if mine && !slices.Contains(my, u) {
				continue
			}
			if perUnit[u] == nil {
				perUnit[u] = &UnitCounts{UnitID: u, UnitName: names[u]}
			}
			perUnit[u].Counts.Add(r.Status)
			b.Counts.Add(r.Status)
		}
		b.Tasks = append(b.Tasks, tr)
	}
	for _, u := range perUnit {
		b.Units = append(b.Units, *u)
	}
	slices.SortFunc(b.Units, func(a, b UnitCounts) int {
		if a.UnitName != b.UnitName {
			if a.UnitName < b.UnitName {
				return -1
			}
			return 1
		}
		return a.UnitID - b.UnitID
	})
	return b, nil
}

// ProgressRow is a progress report with its evidence files.
type ProgressRow struct {
	Progress *ent.TaskProgress
	Files    []*ent.EvidenceFile
}

// AssignmentDetail is an assignment with its history.
type AssignmentDetail struct {
	AssignmentRow
	Progress   []ProgressRow        // newest first
	Extensions []*ent.TaskExtension // newest first
}

// TaskDetail is a task with its plan and every assignment the viewer may see, with history.
type TaskDetail struct {
	Task        *ent.Task
	Plan        *ent.WorkPlan
	Status      Status
	Assignments []AssignmentDetail // leads first
}

func (s *Service) details(ctx context.Context, as []*ent.TaskAssignment, tasks map[int]*ent.Task, years map[int]int) ([]AssignmentDetail, error) {
	ids := make([]int, 0, len(as))
	units := make([]int, 0, len(as))
	for _, a := range as {
		ids = append(ids, a.ID)
		units = append(units, a.UnitID)
	}
	names, err := s.UnitNames(ctx, units)
	if err != nil {
		return nil, err
	}
	ps, err := s.db.TaskProgress.Query().Where(taskprogress.AssignmentIDIn(ids...)).WithFiles().
		Order(ent.Desc(taskprogress.FieldReportedOn), ent.Desc(taskprogress.FieldID)).All(ctx)
	if err != nil {
		return nil, err
	}
	xs, err := s.db.TaskExtension.Query().Where(taskextension.AssignmentIDIn(ids...)).Order(ent.Desc(taskextension.FieldID)).All(ctx)
	if err != nil {
		return nil, err
	}
	cal, err := s.calendar(ctx)
	if err != nil {
		return nil, err
	}
	now := calendar.Today()
	progress := map[int][]ProgressRow{}
	for _, p := range ps {
		progress[p.AssignmentID] = append(progress[p.AssignmentID], ProgressRow{Progress: p, Files: p.Edges.Files})
	}
	extensions := map[int][]*ent.TaskExtension{}
	for _, x := range xs {
		extensions[x.AssignmentID] = append(extensions[x.AssignmentID], x)
	}
	out := make([]AssignmentDetail, 0, len(as))
	for _, a := range as {
		t := tasks[a.TaskID]
		out = append(out, AssignmentDetail{AssignmentRow: s.row(a, t, years[a.WorkPlanID], names, cal, now),
			Progress: progress[a.ID], Extensions: extensions[a.ID]})
	}
	return out, nil
}

// Details returns the history (progress, evidence, extensions) of a unit's assignments, read
// in a few queries whatever their number: a commune's "my tasks" page lists all of them.
func (s *Service) Details(ctx context.Context, uas []UnitAssignment) ([]AssignmentDetail, error) {
	if len(uas) == 0 {
		return []AssignmentDetail{}, nil
	}
	as := make([]*ent.TaskAssignment, 0, len(uas))
	tasks, years := map[int]*ent.Task{}, map[int]int{}
	for _, ua := range uas {
		as = append(as, ua.Assignment)
		tasks[ua.Task.ID], years[ua.Plan.ID] = ua.Task, ua.Plan.Year
	}
	return s.details(ctx, as, tasks, years)
}

// Task returns a task with its assignments and their history.
func (s *Service) Task(ctx context.Context, id int) (*TaskDetail, error) {
	t, err := s.db.Task.Query().Where(task.ID(id)).WithPlan().WithAssignments().Only(ctx)
	if err != nil {
		return nil, err
	}
	as := t.Edges.Assignments
	slices.SortFunc(as, func(a, b *ent.TaskAssignment) int {
		if a.Role != b.Role {
			if a.Role == taskassignment.RoleLead {
				return -1
			}
			return 1
		}
		return a.ID - b.ID
	})
	ds, err := s.details(ctx, as, map[int]*ent.Task{t.ID: t}, map[int]int{t.WorkPlanID: t.Edges.Plan.Year})
	if err != nil {
		return nil, err
	}
	td := &TaskDetail{Task: t, Plan: t.Edges.Plan, Assignments: ds}
	var ss []Status
	for _, d := range ds {
		if d.Assignment.Role == taskassignment.RoleLead {
			ss = append(ss, d.Status)
		}
	}
	td.Status = Worst(ss...)
	return td, nil
}

// AssignmentView is an assignment with its task, plan and history.
type AssignmentView struct {
	AssignmentDetail
	Task *ent.Task
	Plan *ent.WorkPlan
}

// Assignment returns one assignment (unit staff: of their units only) with its history.
func (s *Service) Assignment(ctx context.Context, id int) (*AssignmentView, error) {
	a, err := s.db.TaskAssignment.Query().Where(taskassignment.ID(id)).
		WithTask(func(q *ent.TaskQuery) { q.WithPlan() }).Only(ctx)
	if err != nil {
		return nil, err
	}
	t := a.Edges.Task
	ds, err := s.details(ctx, []*ent.TaskAssignment{a}, map[int]*ent.Task{t.ID: t}, map[int]int{t.WorkPlanID: t.Edges.Plan.Year})
	if err != nil {
		return nil, err
	}
	return &AssignmentView{AssignmentDetail: ds[0], Task: t, Plan: t.Edges.Plan}, nil
}

// UnitAssignment is an assignment with its task and plan, for a unit's list.
type UnitAssignment struct {
	AssignmentRow
	Task *ent.Task
	Plan *ent.WorkPlan
}

// UnitAssignments lists the assignments of units (default: the viewer's unit roles' units) in
// issued plans, the most urgent first.
func (s *Service) UnitAssignments(ctx context.Context, units []int) ([]UnitAssignment, error) {
	if len(units) == 0 {
		return []UnitAssignment{}, nil
	}
	as, err := s.db.TaskAssignment.Query().Where(taskassignment.UnitIDIn(units...),
		taskassignment.HasTaskWith(task.HasPlanWith(workplan.StatusEQ(workplan.StatusIssued)))).
		WithTask(func(q *ent.TaskQuery) { q.WithPlan() }).Order(ent.Asc(taskassignment.FieldID)).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("plan: unit assignments: %w", err)
	}
	var ids []int
	for _, a := range as {
		ids = append(ids, a.UnitID)
	}
	names, cal, err := s.namesAndCalendar(ctx, ids)
	if err != nil {
		return nil, err
	}
	now := calendar.Today()
	out := make([]UnitAssignment, 0, len(as))
	for _, a := range as {
		t := a.Edges.Task
		out = append(out, UnitAssignment{AssignmentRow: s.row(a, t, t.Edges.Plan.Year, names, cal, now), Task: t, Plan: t.Edges.Plan})
	}
	slices.SortStableFunc(out, func(a, b UnitAssignment) int {
		return byUrgency(a.Status.rank(), b.Status.rank(), a.Due, b.Due)
	})
	return out, nil
}
