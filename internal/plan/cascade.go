package plan

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/ent/assignment"
	"github.com/danvan-vn/danvan/ent/committee"
	"github.com/danvan-vn/danvan/ent/committeemember"
	"github.com/danvan-vn/danvan/ent/planobligation"
	"github.com/danvan-vn/danvan/ent/task"
	"github.com/danvan-vn/danvan/ent/taskassignment"
	"github.com/danvan-vn/danvan/ent/unitversion"
	"github.com/danvan-vn/danvan/ent/workplan"
	"github.com/danvan-vn/danvan/internal/apperr"
	"github.com/danvan-vn/danvan/internal/calendar"
	"github.com/danvan-vn/danvan/internal/db"
	"github.com/danvan-vn/danvan/internal/tenancy"
	"github.com/danvan-vn/danvan/internal/viewer"
)

// Plans cascade (kế hoạch thực hiện): a plan requires units to issue their own implementation
// plan; a unit's plan may in turn assign tasks to the unit's sub-units (a pre-reform district's
// communes) and require plans of them, down to the commune level.
//
// The unit wall (tenancy.UnitPolicy) lets unit staff write rows of their own units only, so a
// district officer could not write its communes' assignments and obligations. The plan service
// makes one explicit exception, in ownerContext and cascadeContext below: the unit staff of a
// plan's unit act for the plan's rows, and for units that are descendants of the plan's unit on
// the plan's day. Everything else stays refused by the wall.

// SubUnits returns the units below unitID (children, their children, …) on day d, per the
// parents of the unit versions of that day.
func (s *Service) SubUnits(ctx context.Context, unitID int, d time.Time) ([]int, error) {
	return subUnits(ctx, s.db, unitID, civil(d))
}

func subUnits(ctx context.Context, c *ent.Client, unitID int, d time.Time) ([]int, error) {
	vs, err := c.UnitVersion.Query().Where(unitversion.ValidFromLTE(d),
		unitversion.Or(unitversion.ValidToIsNil(), unitversion.ValidToGT(d)), unitversion.ParentIDNotNil()).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("plan: sub-units: %w", err)
	}
	children := map[int][]int{}
	for _, v := range vs {
		children[*v.ParentID] = append(children[*v.ParentID], v.UnitID)
	}
	var out []int
	seen := map[int]bool{unitID: true}
	for queue := []int{unitID}; len(queue) > 0; queue = queue[1:] {
		for _, ch := range children[queue[0]] {
			if !seen[ch] {
				seen[ch] = true
				out = append(out, ch)
				queue = append(queue, ch)
			}
		}
	}
	slices.Sort(out)
	return out, nil
}

// ownsPlan reports whether the viewer is unit staff of p's unit (a unit-scoped viewer whose
// units include the plan's).
func ownsPlan(ctx context.Context, p *ent.WorkPlan) bool {
	v := viewer.FromContext(ctx)
	return v != nil && v.UnitScoped() && slices.Contains(v.UnitIDs, p.UnitID)
}

// ownerContext returns the context to read and change the rows of plan p's own tasks with
// (their assignments, obligations, the assignments' progress and extensions, whatever unit they
// belong to): for unit staff of p's unit, a system context, since those rows may belong to the
// unit's sub-units; else ctx, under the usual rules. p must have been read with ctx (so it is a
// plan of the viewer's province the viewer may see), and every statement run with the returned
// context must be restricted to p's rows and to the viewer's province.
func ownerContext(ctx context.Context, p *ent.WorkPlan) context.Context {
	if !ownsPlan(ctx, p) {
		return ctx
	}
	// CASCADE BYPASS (read): the unit that issued p follows its sub-units' rows of p. The
	// viewer stays in the context, so the province stays fixed (row-level security keeps the
	// tenant setting; callers add the tenant and plan predicates).
	return tenancy.SystemContext(ctx)
}

// cascadeContext returns the context to write plan p's assignments and obligations of units
// lead and coordinating with. Province and committee roles, and unit staff writing for their own
// units, keep ctx (the wall decides). Unit staff of p's unit writing for other units get a
// system context only when every such unit is a descendant of p's unit on p's day; otherwise
// the units are refused (unit_not_sub_unit) and nothing is written. Unit staff of another unit
// keep ctx, and the wall refuses them.
func cascadeContext(ctx context.Context, c *ent.Client, p *ent.WorkPlan, lead, coordinating []int) (context.Context, error) {
	if !ownsPlan(ctx, p) {
		return ctx, nil
	}
	v := viewer.FromContext(ctx)
	foreign := func(ids []int) []int {
		return slices.DeleteFunc(slices.Clone(ids), func(u int) bool { return slices.Contains(v.UnitIDs, u) })
	}
	fl, fc := foreign(lead), foreign(coordinating)
	if len(fl)+len(fc) == 0 {
		return ctx, nil
	}
	sub, err := subUnits(ctx, c, p.UnitID, planDay(p.IssuedOn))
	if err != nil {
		return nil, err
	}
	f := apperr.Fields{}
	for field, ids := range map[string][]int{"lead_unit_ids": fl, "coordinating_unit_ids": fc} {
		for _, u := range ids {
			if !slices.Contains(sub, u) {
				f.Add(field, "unit_not_sub_unit")
			}
		}
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	// CASCADE BYPASS (write): every target unit was just checked to be below the plan's unit on
	// the plan's day, and the plan is the viewer's unit's. The viewer stays in the context, so
	// the rows are created in the viewer's province (the tenant mixin's hook) and row-level
	// security keeps the tenant setting.
	return tenancy.SystemContext(ctx), nil
}

// ObligationRow is a unit's obligation with its status today.
type ObligationRow struct {
	Obligation *ent.PlanObligation
	UnitName   string
	Status     ObligationStatus
	Due        *calendar.Date // the effective due day (moved off a non-working day), if any
	Mine       bool           // one of the viewer's units (MyUnits)
}

// MemberObligations is a committee member with the obligations of the units in their charge
// (phân công phụ trách) today.
type MemberObligations struct {
	Member    *ent.CommitteeMember
	Committee string
	Units     int // the units in their charge today
	Rows      []ObligationRow
	Counts    ObligationCounts
}

// ObligationBoard is a plan's implementation-plan obligations: per unit its status and plan,
// counts per status, and per committee member of the province committees.
type ObligationBoard struct {
	Plan    *ent.WorkPlan
	Rows    []ObligationRow
	Counts  ObligationCounts
	Members []MemberObligations
	Today   calendar.Date
}

// ObligationBoard returns plan planID's obligations board. mine keeps the obligations of the
// viewer's units (MyUnits: their unit roles' units and those in their charge as a committee
// member). Unit staff see their units' obligations, or every obligation of their unit's own plan.
func (s *Service) ObligationBoard(ctx context.Context, planID int, mine bool) (*ObligationBoard, error) {
	p, err := s.db.WorkPlan.Get(ctx, planID)
	if err != nil {
		return nil, err
	}
	obs, err := s.db.PlanObligation.Query().Where(planobligation.WorkPlanID(p.ID), planobligation.TenantID(p.TenantID)).
		Order(ent.Asc(planobligation.FieldID)).All(ownerContext(ctx, p))
	if err != nil {
		return nil, fmt.Errorf("plan: obligations: %w", err)
	}
	my, err := s.MyUnits(ctx)
	if err != nil {
		return nil, err
	}
	names, cal, err := s.namesAndCalendar(ctx, obligationUnits(obs))
	if err != nil {
		return nil, err
	}
	b := &ObligationBoard{Plan: p, Today: calendar.Today()}
	for _, o := range obs {
		r := ObligationRow{Obligation: o, UnitName: names[o.UnitID], Mine: slices.Contains(my, o.UnitID),
			Status: ObligationStatusOf(o.DueOn, o.FulfilledOn, b.Today, cal)}
		if mine && !r.Mine {
			continue
		}
		if d, ok := ObligationDue(o.DueOn, cal); ok {
			r.Due = &d
		}
		b.Rows = append(b.Rows, r)
		b.Counts.Add(r.Status)
	}
	slices.SortStableFunc(b.Rows, func(x, y ObligationRow) int { return strings.Compare(x.UnitName, y.UnitName) })
	if b.Members, err = s.memberObligations(ctx, b.Rows); err != nil {
		return nil, err
	}
	return b, nil
}

// memberObligations groups rows per active member of the province's active province-level
// committees, by the units in their charge today; every such member is listed, in the
// committees' order.
func (s *Service) memberObligations(ctx context.Context, rows []ObligationRow) ([]MemberObligations, error) {
	d := today()
	cs, err := s.db.Committee.Query().Where(committee.LevelEQ(committee.LevelProvince), committee.Active(true)).
		Order(ent.Asc(committee.FieldID)).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("plan: committees: %w", err)
	}
	if len(cs) == 0 {
		return nil, nil
	}
	cids := make([]int, 0, len(cs))
	cname := map[int]string{}
	for _, c := range cs {
		cids = append(cids, c.ID)
		cname[c.ID] = c.Name
	}
	ms, err := s.db.CommitteeMember.Query().Where(committeemember.CommitteeIDIn(cids...), committeemember.ValidFromLTE(d),
		committeemember.Or(committeemember.ValidToIsNil(), committeemember.ValidToGT(d))).
		Order(ent.Asc(committeemember.FieldCommitteeID), ent.Asc(committeemember.FieldSort), ent.Asc(committeemember.FieldID)).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("plan: committee members: %w", err)
	}
	if len(ms) == 0 {
		return nil, nil
	}
	mids := make([]int, 0, len(ms))
	for _, m := range ms {
		mids = append(mids, m.ID)
	}
	as, err := s.db.Assignment.Query().Where(assignment.MemberIDIn(mids...), assignment.ValidFromLTE(d),
		assignment.Or(assignment.ValidToIsNil(), assignment.ValidToGT(d))).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("plan: members' units: %w", err)
	}
	units := map[int][]int{}
	for _, a := range as {
		if !slices.Contains(units[a.MemberID], a.UnitID) {
			units[a.MemberID] = append(units[a.MemberID], a.UnitID)
		}
	}
	out := make([]MemberObligations, 0, len(ms))
	for _, m := range ms {
		g := MemberObligations{Member: m, Committee: cname[m.CommitteeID], Units: len(units[m.ID])}
		for _, r := range rows {
			if slices.Contains(units[m.ID], r.Obligation.UnitID) {
				g.Rows = append(g.Rows, r)
				g.Counts.Add(r.Status)
			}
		}
		out = append(out, g)
	}
	return out, nil
}

// ImplementationInput describes a unit's implementation plan of a parent plan.
type ImplementationInput struct {
	UnitID    int    // the unit; default the viewer's unit when they are staff of exactly one
	Title     string // default "Kế hoạch thực hiện <parent's title>"
	Kind      string // default ke_hoach
	Year      int    // default the parent's year
	CopyTasks bool   // copy the parent's tasks that concern the unit
	TaskIDs   []int  // with CopyTasks: which of them (default all)
	Status    string // draft (default) or issued
	IssuedOn  *time.Time
}

// ConcernedTasks returns the tasks of plan planID that concern unit unitID (it is lead or
// coordinating), in order: what an implementation plan of the unit copies.
func (s *Service) ConcernedTasks(ctx context.Context, planID, unitID int) ([]*ent.Task, error) {
	if _, err := s.db.WorkPlan.Get(ctx, planID); err != nil {
		return nil, err
	}
	return concernedTasks(ctx, s.db, planID, unitID)
}

func concernedTasks(ctx context.Context, c *ent.Client, planID, unitID int) ([]*ent.Task, error) {
	ts, err := c.Task.Query().Where(task.WorkPlanID(planID), task.HasAssignmentsWith(taskassignment.UnitID(unitID))).
		WithAssignments(func(q *ent.TaskAssignmentQuery) { q.Where(taskassignment.UnitID(unitID)) }).
		Order(ent.Asc(task.FieldPosition), ent.Asc(task.FieldID)).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("plan: tasks of unit %d: %w", unitID, err)
	}
	return ts, nil
}

// ImplementationTitle is the default title of an implementation plan of parent.
func ImplementationTitle(parent *ent.WorkPlan) string {
	t := "Kế hoạch thực hiện " + parent.Title
	if r := []rune(t); len(r) > MaxTitle {
		t = string(r[:MaxTitle])
	}
	return t
}

// CreateImplementation creates unit in.UnitID's implementation plan of plan parentID: a plan of
// the unit whose parent is parentID, from scratch or with copies of the parent's tasks that
// concern the unit (each copy points at its source task and is assigned to the unit itself, as
// lead). Issued at once, it fulfils the unit's obligation. Unit staff create only for their own
// units (another unit: not found, like its obligation); a unit that already has one gets a
// conflict.
func (s *Service) CreateImplementation(ctx context.Context, parentID int, in ImplementationInput) (*ent.WorkPlan, error) {
	v := viewer.FromContext(ctx)
	if v == nil {
		return nil, apperr.Forbidden(nil)
	}
	if in.UnitID == 0 && v.UnitScoped() && len(v.UnitIDs) == 1 {
		in.UnitID = v.UnitIDs[0]
	}
	var p *ent.WorkPlan
	err := db.InTx(ctx, s.db, func(tx *ent.Tx) error {
		c := tx.Client()
		parent, err := c.WorkPlan.Get(ctx, parentID)
		if err != nil {
			return err
		}
		if in.UnitID > 0 && !v.InUnit(in.UnitID) {
			return apperr.NotFound(fmt.Errorf("plan: unit %d is not the viewer's", in.UnitID))
		}
		f := apperr.Fields{}
		if in.UnitID <= 0 {
			f.Add("unit_id", "required")
		}
		switch in.Status {
		case "":
			in.Status = string(workplan.StatusDraft)
		case string(workplan.StatusDraft), string(workplan.StatusIssued):
		default:
			f.Add("status", "invalid")
		}
		if in.Year == 0 {
			in.Year = parent.Year
		}
		if in.Status == string(workplan.StatusDraft) {
			in.IssuedOn = nil // a draft has no issue day; issuing it later sets one
		}
		if in.Title == "" { // a blank title is refused by the plan's validation
			in.Title = ImplementationTitle(parent)
		}
		if !in.CopyTasks && len(in.TaskIDs) > 0 {
			f.Add("task_ids", "invalid")
		}
		if err := f.Err(); err != nil {
			return err
		}
		if ok, err := c.WorkPlan.Query().Where(workplan.ParentPlanID(parentID), workplan.UnitID(in.UnitID)).Exist(ctx); err != nil {
			return err
		} else if ok {
			return apperr.Conflict("implementation_exists", nil)
		}
		var copies []*ent.Task
		if in.CopyTasks {
			ts, err := concernedTasks(ctx, c, parentID, in.UnitID)
			if err != nil {
				return err
			}
			for _, id := range in.TaskIDs {
				if !slices.ContainsFunc(ts, func(t *ent.Task) bool { return t.ID == id }) {
					return apperr.Invalid(map[string]string{"task_ids": "invalid"})
				}
			}
			for _, t := range ts {
				if len(in.TaskIDs) == 0 || slices.Contains(in.TaskIDs, t.ID) {
					copies = append(copies, t)
				}
			}
		}
		if p, err = s.CreatePlanTx(ctx, tx, PlanInput{ParentPlanID: &parentID, UnitID: in.UnitID, Title: in.Title, Kind: in.Kind,
			Year: in.Year, Status: in.Status, IssuedOn: in.IssuedOn}); err != nil {
			return err
		}
		for _, t := range copies {
			if _, err := s.AddTaskTx(ctx, tx, p.ID, copyOf(t, in.UnitID)); err != nil {
				return fmt.Errorf("plan: copy task %d: %w", t.ID, err)
			}
		}
		return nil
	})
	return p, err
}

// copyOf is task t as a task of unit's implementation plan: same content and deadline (the
// unit's own due day when it was extended), led by the unit.
func copyOf(t *ent.Task, unitID int) TaskInput {
	in := TaskInput{Number: t.Number, Content: t.Content, DeadlineKind: string(t.DeadlineKind), DueOn: t.DueOn, DueDay: t.DueDay,
		DueMonth: t.DueMonth, DeadlineText: t.DeadlineText, Shift: string(t.Shift), Lead: []int{unitID}, SourceTaskID: &t.ID}
	for _, a := range t.Edges.Assignments {
		if a.UnitID == unitID && a.DueOn != nil && t.DeadlineKind == task.DeadlineKindDate {
			in.DueOn = a.DueOn
		}
	}
	if in.DeadlineKind == string(task.DeadlineKindDate) && in.DueOn == nil {
		in.DeadlineKind = string(task.DeadlineKindNone)
	}
	return in
}

// Implementations returns the implementation plans of plan planID the viewer may see.
func (s *Service) Implementations(ctx context.Context, planID int) ([]*ent.WorkPlan, error) {
	return s.db.WorkPlan.Query().Where(workplan.ParentPlanID(planID)).Order(ent.Asc(workplan.FieldID)).All(ctx)
}

// UnitObligation is a unit's obligation with the plan that requires it.
type UnitObligation struct {
	ObligationRow
	Plan *ent.WorkPlan
}

// obligationUnits are the units that owe the obligations.
func obligationUnits(obs []*ent.PlanObligation) []int {
	ids := make([]int, 0, len(obs))
	for _, o := range obs {
		ids = append(ids, o.UnitID)
	}
	return ids
}

// UnitObligations lists the implementation plans units owe (default: the viewer's unit roles'
// units) to issued and closed plans, the most urgent first.
func (s *Service) UnitObligations(ctx context.Context, units []int) ([]UnitObligation, error) {
	if len(units) == 0 {
		return []UnitObligation{}, nil
	}
	obs, err := s.db.PlanObligation.Query().Where(planobligation.UnitIDIn(units...),
		planobligation.HasPlanWith(workplan.StatusNEQ(workplan.StatusDraft))).WithPlan().
		Order(ent.Asc(planobligation.FieldID)).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("plan: units' obligations: %w", err)
	}
	names, cal, err := s.namesAndCalendar(ctx, obligationUnits(obs))
	if err != nil {
		return nil, err
	}
	now := calendar.Today()
	out := make([]UnitObligation, 0, len(obs))
	for _, o := range obs {
		r := UnitObligation{ObligationRow: ObligationRow{Obligation: o, UnitName: names[o.UnitID], Mine: true,
			Status: ObligationStatusOf(o.DueOn, o.FulfilledOn, now, cal)}, Plan: o.Edges.Plan}
		if d, ok := ObligationDue(o.DueOn, cal); ok {
			r.Due = &d
		}
		out = append(out, r)
	}
	rank := func(s ObligationStatus) int { return slices.Index(ObligationStatuses, s) }
	slices.SortStableFunc(out, func(a, b UnitObligation) int {
		return byUrgency(rank(a.Status), rank(b.Status), a.Due, b.Due)
	})
	return out, nil
}
