// Package plan manages plans and their tasks (kế hoạch, nhiệm vụ): a plan of a year with its
// numbered tasks, one assignment per addressed unit (lead or coordinating), the units' progress
// reports with evidence files, deadline extensions (gia hạn), implementation-plan obligations,
// and the four-way status of every assignment rolled up per task, plan, unit and province.
package plan

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/ent/assignment"
	"github.com/danvan-vn/danvan/ent/committeemember"
	"github.com/danvan-vn/danvan/ent/planobligation"
	"github.com/danvan-vn/danvan/ent/task"
	"github.com/danvan-vn/danvan/ent/taskassignment"
	"github.com/danvan-vn/danvan/ent/taskextension"
	"github.com/danvan-vn/danvan/ent/taskprogress"
	"github.com/danvan-vn/danvan/ent/unitversion"
	"github.com/danvan-vn/danvan/ent/workplan"
	"github.com/danvan-vn/danvan/internal/apperr"
	"github.com/danvan-vn/danvan/internal/calendar"
	"github.com/danvan-vn/danvan/internal/db"
	"github.com/danvan-vn/danvan/internal/storage"
	"github.com/danvan-vn/danvan/internal/viewer"
)

// Files stores evidence files in the province's bucket.
type Files interface {
	Put(ctx context.Context, tenantSlug, key string, r io.Reader, size int64, contentType string) (storage.ObjectInfo, error)
	Get(ctx context.Context, tenantSlug, key string) (io.ReadCloser, storage.ObjectInfo, error)
	Delete(ctx context.Context, tenantSlug, key string) error
}

// StorageQuota checks the province's plan before storing files.
type StorageQuota interface {
	CheckStorage(ctx context.Context, adding int64) error
}

// Calendars gives the province's working-day calendar (regime.Service does).
type Calendars interface {
	Calendar(ctx context.Context) (*calendar.Calendar, error)
}

// Service manages the viewer's province's plans and tasks.
type Service struct {
	db    *ent.Client
	cals  Calendars
	files Files
	quota StorageQuota
}

// New returns the service.
func New(db *ent.Client, cals Calendars, files Files, q StorageQuota) *Service {
	return &Service{db: db, cals: cals, files: files, quota: q}
}

// Limits of the text fields (in characters).
const (
	MaxTitle        = 500
	MaxContent      = 10_000
	MaxNumber       = 20
	MaxDeadlineText = 300
	MaxNarrative    = 10_000
	MaxReason       = 2_000
)

// text trims s and checks it: valid UTF-8, no control characters (tab and newlines allowed when
// multiline), at most max characters, not empty when required. It adds the problem to f.
func text(f apperr.Fields, field, s string, max int, required, multiline bool) string {
	if !utf8.ValidString(s) {
		f.Add(field, "utf8")
		return s
	}
	s = strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n"))
	if f.Text(field, s, max, multiline) && required && s == "" {
		f.Add(field, "required")
	}
	return s
}

// civil normalizes a date to how a civil date is stored: midnight UTC of its day.
func civil(t time.Time) time.Time { return DayOf(t).UTC() }

func civilPtr(t *time.Time) *time.Time {
	if t == nil || t.IsZero() {
		return nil
	}
	c := civil(*t)
	return &c
}

func today() time.Time { return calendar.Today().UTC() }

// PlanInput describes a plan.
type PlanInput struct {
	DocumentID, ParentPlanID *int
	UnitID                   int // the issuing unit; the province's root unit for a province plan
	Title                    string
	Kind                     string // ke_hoach, chuong_trinh, cong_van, other (default ke_hoach)
	Year                     int
	Status                   string // draft, issued, closed (default draft)
	IssuedOn                 *time.Time
}

func (in *PlanInput) validate() error {
	f := apperr.Fields{}
	in.Title = text(f, "title", in.Title, MaxTitle, true, false)
	if in.Kind == "" {
		in.Kind = string(workplan.KindKeHoach)
	}
	if workplan.KindValidator(workplan.Kind(in.Kind)) != nil {
		f.Add("kind", "invalid")
	}
	if in.Status == "" {
		in.Status = string(workplan.StatusDraft)
	}
	if workplan.StatusValidator(workplan.Status(in.Status)) != nil {
		f.Add("status", "invalid")
	}
	switch {
	case in.Year == 0:
		f.Add("year", "required")
	case in.Year < calendar.MinYear || in.Year > calendar.MaxYear:
		f.Add("year", "invalid")
	}
	if in.UnitID <= 0 {
		f.Add("unit_id", "required")
	}
	in.IssuedOn = civilPtr(in.IssuedOn)
	if in.Status != string(workplan.StatusDraft) && in.IssuedOn == nil {
		t := today()
		in.IssuedOn = &t
	}
	// A plan is issued on a day that has come: a later one would meet an obligation in advance.
	if in.IssuedOn != nil && in.IssuedOn.After(today()) {
		f.Add("issued_on", "date_future")
	}
	return f.Err()
}

// planDay is the day a plan's units must exist on: its issue day, or today for a draft.
func planDay(issuedOn *time.Time) time.Time {
	if issuedOn != nil {
		return civil(*issuedOn)
	}
	return today()
}

// missingUnits returns the ids among ids that are not units of the viewer's province existing on
// day d (another province's units are not found).
func missingUnits(ctx context.Context, c *ent.Client, ids []int, d time.Time) ([]int, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	vs, err := c.UnitVersion.Query().Where(unitversion.UnitIDIn(ids...), unitversion.ValidFromLTE(d),
		unitversion.Or(unitversion.ValidToIsNil(), unitversion.ValidToGT(d))).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("plan: check units: %w", err)
	}
	have := map[int]bool{}
	for _, v := range vs {
		have[v.UnitID] = true
	}
	var out []int
	for _, id := range ids {
		if !have[id] {
			out = append(out, id)
		}
	}
	return out, nil
}

// CreatePlanTx creates a plan inside the caller's transaction tx (the directive flow creates a
// plan and its tasks with the document, all or nothing).
func (s *Service) CreatePlanTx(ctx context.Context, tx *ent.Tx, in PlanInput) (*ent.WorkPlan, error) {
	if err := in.validate(); err != nil {
		return nil, err
	}
	c := tx.Client()
	f := apperr.Fields{}
	if miss, err := missingUnits(ctx, c, []int{in.UnitID}, planDay(in.IssuedOn)); err != nil {
		return nil, err
	} else if len(miss) > 0 {
		f.Add("unit_id", "unit_not_existing")
	}
	if in.ParentPlanID != nil {
		if ok, err := c.WorkPlan.Query().Where(workplan.ID(*in.ParentPlanID)).Exist(ctx); err != nil {
			return nil, err
		} else if !ok {
			f.Add("parent_plan_id", "invalid")
		}
	}
	if in.DocumentID != nil {
		if _, err := c.Document.Get(ctx, *in.DocumentID); ent.IsNotFound(err) {
			f.Add("document_id", "invalid")
		} else if err != nil {
			return nil, err
		}
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	q := c.WorkPlan.Create().SetUnitID(in.UnitID).SetTitle(in.Title).SetKind(workplan.Kind(in.Kind)).SetYear(in.Year).
		SetStatus(workplan.Status(in.Status)).SetNillableIssuedOn(in.IssuedOn).SetNillableDocumentID(in.DocumentID).
		SetNillableParentPlanID(in.ParentPlanID)
	if v := viewer.FromContext(ctx); v != nil && v.UserID > 0 {
		q.SetCreatedBy(v.UserID)
	}
	p, err := q.Save(ctx)
	if err != nil {
		return nil, fmt.Errorf("plan: create: %w", err)
	}
	if in.ParentPlanID != nil && in.Status != string(workplan.StatusDraft) {
		if err := fulfil(ctx, c, p); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// fulfil marks the parent plan's obligation of p's unit as met by p.
func fulfil(ctx context.Context, c *ent.Client, p *ent.WorkPlan) error {
	if p.ParentPlanID == nil || p.IssuedOn == nil {
		return nil
	}
	_, err := c.PlanObligation.Update().Where(planobligation.WorkPlanID(*p.ParentPlanID), planobligation.UnitID(p.UnitID),
		planobligation.FulfilledPlanIDIsNil()).SetFulfilledPlanID(p.ID).SetFulfilledOn(*p.IssuedOn).Save(ctx)
	return err
}

// CreatePlan creates a plan in its own transaction.
func (s *Service) CreatePlan(ctx context.Context, in PlanInput) (*ent.WorkPlan, error) {
	var p *ent.WorkPlan
	err := db.InTx(ctx, s.db, func(tx *ent.Tx) (err error) {
		p, err = s.CreatePlanTx(ctx, tx, in)
		return err
	})
	return p, err
}

// UpdatePlan changes a plan's title, kind, year and status. The status moves forward only
// (draft → issued → closed); issuing sets the issue day (in.IssuedOn, or today).
func (s *Service) UpdatePlan(ctx context.Context, id int, in PlanInput) (*ent.WorkPlan, error) {
	var p *ent.WorkPlan
	err := db.InTx(ctx, s.db, func(tx *ent.Tx) error {
		cur, err := tx.WorkPlan.Query().Where(workplan.ID(id)).Modify(db.ForUpdate).Only(ctx)
		if err != nil {
			return err
		}
		in.UnitID = cur.UnitID // the issuing unit does not change
		if in.Status == "" {
			in.Status = string(cur.Status)
		}
		if in.IssuedOn == nil {
			in.IssuedOn = cur.IssuedOn
		}
		// An issued plan keeps its day: its units were checked against it, and its obligations
		// were met on it.
		if cur.IssuedOn != nil && cur.Status != workplan.StatusDraft && !sameDay(in.IssuedOn, cur.IssuedOn) {
			return apperr.Invalid(map[string]string{"issued_on": "issued_fixed"})
		}
		if err := in.validate(); err != nil {
			return err
		}
		order := map[string]int{"draft": 0, "issued": 1, "closed": 2}
		if order[in.Status] < order[string(cur.Status)] || order[in.Status]-order[string(cur.Status)] > 1 {
			return apperr.Conflict("status_transition", nil)
		}
		q := tx.WorkPlan.UpdateOneID(id).SetTitle(in.Title).SetKind(workplan.Kind(in.Kind)).SetYear(in.Year).
			SetStatus(workplan.Status(in.Status))
		if in.Status != string(workplan.StatusDraft) {
			q.SetNillableIssuedOn(in.IssuedOn)
		}
		if p, err = q.Save(ctx); err != nil {
			return err
		}
		if cur.Status == workplan.StatusDraft && p.Status == workplan.StatusIssued {
			return fulfil(ctx, tx.Client(), p)
		}
		return nil
	})
	return p, err
}

// GetPlan returns one plan of the province (for unit staff: one their units take part in).
func (s *Service) GetPlan(ctx context.Context, id int) (*ent.WorkPlan, error) {
	return s.db.WorkPlan.Get(ctx, id)
}

// ListFilter selects plans.
type ListFilter struct {
	Year   int
	Status string
	UnitID int // plans issued by the unit or assigning it a task
	// Mine keeps the plans that concern the viewer's units: the units of their unit roles and
	// the units they are in charge of as a committee member.
	Mine bool
	// Level: "top" keeps the plans that answer to no other (the province's own) and the viewer's
	// own units' plans; "implementation" the units' implementation plans only; "" every plan.
	Level string
}

// The list levels of ListFilter.Level.
const (
	LevelTop            = "top"
	LevelImplementation = "implementation"
)

// PlanSummary is a plan with its tasks' roll-up.
type PlanSummary struct {
	Plan   *ent.WorkPlan
	Tasks  int
	Counts Counts // over lead assignments
}

// ListPlans returns the plans, newest year first, each with its roll-up counts.
func (s *Service) ListPlans(ctx context.Context, f ListFilter) ([]PlanSummary, error) {
	q := s.db.WorkPlan.Query()
	if f.Year > 0 {
		q.Where(workplan.Year(f.Year))
	}
	if f.Status != "" {
		if workplan.StatusValidator(workplan.Status(f.Status)) != nil {
			return nil, apperr.Invalid(map[string]string{"status": "invalid"})
		}
		q.Where(workplan.StatusEQ(workplan.Status(f.Status)))
	}
	switch f.Level {
	case "", "all":
	case LevelTop:
		if own := viewerUnitIDs(ctx); len(own) > 0 {
			q.Where(workplan.Or(workplan.ParentPlanIDIsNil(), workplan.UnitIDIn(own...)))
		} else {
			q.Where(workplan.ParentPlanIDIsNil())
		}
	case LevelImplementation:
		q.Where(workplan.ParentPlanIDNotNil())
	default:
		return nil, apperr.Invalid(map[string]string{"level": "invalid"})
	}
	var units []int
	if f.UnitID > 0 {
		units = []int{f.UnitID}
	}
	if f.Mine {
		mine, err := s.MyUnits(ctx)
		if err != nil {
			return nil, err
		}
		if len(units) > 0 {
			units = slices.DeleteFunc(units, func(u int) bool { return !slices.Contains(mine, u) })
			if len(units) == 0 {
				return []PlanSummary{}, nil
			}
		} else {
			units = mine
		}
		if len(units) == 0 {
			return []PlanSummary{}, nil
		}
	}
	if len(units) > 0 {
		q.Where(workplan.Or(workplan.UnitIDIn(units...),
			workplan.HasTasksWith(task.HasAssignmentsWith(taskassignment.UnitIDIn(units...)))))
	}
	ps, err := q.Order(ent.Desc(workplan.FieldYear), ent.Desc(workplan.FieldID)).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("plan: list: %w", err)
	}
	out := make([]PlanSummary, 0, len(ps))
	if len(ps) == 0 {
		return out, nil
	}
	ids := make([]int, 0, len(ps))
	for _, p := range ps {
		ids = append(ids, p.ID)
	}
	rows, err := s.facts(ctx, factFilter{planIDs: ids, units: units, withDrafts: true})
	if err != nil {
		return nil, err
	}
	cal, err := s.calendar(ctx)
	if err != nil {
		return nil, err
	}
	counts := map[int]*Counts{}
	tasks := map[int]map[int]bool{}
	now := calendar.Today()
	for _, r := range rows {
		if counts[r.WorkPlanID] == nil {
			counts[r.WorkPlanID], tasks[r.WorkPlanID] = &Counts{}, map[int]bool{}
		}
		counts[r.WorkPlanID].AddN(StatusOf(r.facts(), now, cal), r.N)
		tasks[r.WorkPlanID][r.TaskID] = true
	}
	for _, p := range ps {
		sm := PlanSummary{Plan: p, Tasks: len(tasks[p.ID])}
		if c := counts[p.ID]; c != nil {
			sm.Counts = *c
		}
		out = append(out, sm)
	}
	return out, nil
}

// viewerUnitIDs are the units of a unit-scoped viewer (none for province and committee roles).
func viewerUnitIDs(ctx context.Context) []int {
	if v := viewer.FromContext(ctx); v != nil && v.UnitScoped() {
		return v.UnitIDs
	}
	return nil
}

func (s *Service) calendar(ctx context.Context) (*calendar.Calendar, error) {
	if s.cals == nil {
		return nil, nil
	}
	cal, err := s.cals.Calendar(ctx)
	if err != nil {
		return nil, fmt.Errorf("plan: calendar: %w", err)
	}
	return cal, nil
}

// namesAndCalendar returns the units' names and the working calendar: what a list of
// assignments or obligations needs to name its units and move its due days off holidays.
func (s *Service) namesAndCalendar(ctx context.Context, units []int) (map[int]string, *calendar.Calendar, error) {
	names, err := s.UnitNames(ctx, units)
	if err != nil {
		return nil, nil, err
	}
	cal, err := s.calendar(ctx)
	if err != nil {
		return nil, nil, err
	}
	return names, cal, nil
}

// byUrgency orders two rows of a unit's list: the worse status rank first, then the earlier due
// day, a row without one last.
func byUrgency(rankA, rankB int, dueA, dueB *calendar.Date) int {
	if rankA != rankB {
		return rankA - rankB
	}
	switch {
	case dueA != nil && dueB != nil:
		return dueA.Compare(*dueB)
	case dueA != nil:
		return -1
	case dueB != nil:
		return 1
	}
	return 0
}

// MyUnits returns the viewer's units: those of their unit roles and those they are in charge of
// today as a member of a steering committee (phân công phụ trách).
func (s *Service) MyUnits(ctx context.Context) ([]int, error) {
	v := viewer.FromContext(ctx)
	if v == nil {
		return nil, nil
	}
	ids := slices.Clone(v.UnitIDs)
	if v.UserID > 0 {
		d := today()
		mids, err := s.db.CommitteeMember.Query().Where(committeemember.UserID(v.UserID), committeemember.ValidFromLTE(d),
			committeemember.Or(committeemember.ValidToIsNil(), committeemember.ValidToGT(d))).IDs(ctx)
		if err != nil {
			return nil, fmt.Errorf("plan: my committee seats: %w", err)
		}
		if len(mids) > 0 {
			as, err := s.db.Assignment.Query().Where(assignment.MemberIDIn(mids...), assignment.ValidFromLTE(d),
				assignment.Or(assignment.ValidToIsNil(), assignment.ValidToGT(d))).All(ctx)
			if err != nil {
				return nil, fmt.Errorf("plan: my units: %w", err)
			}
			for _, a := range as {
				ids = append(ids, a.UnitID)
			}
		}
	}
	return slices.Compact(slices.Sorted(slices.Values(ids))), nil
}

// TaskInput describes a task.
type TaskInput struct {
	Number, Content string
	Position        int
	DeadlineKind    string // date, yearly, continuous, none (default: date when DueOn is set, else none)
	DueOn           *time.Time
	DueDay          int
	DueMonth        int
	DeadlineText    string
	Shift           string // none, previous_working_day, next_working_day (default next)
	Lead            []int  // unit ids (chủ trì)
	Coordinating    []int  // unit ids (phối hợp)
	RequiresPlan    bool   // the lead units must issue their own implementation plan
	PlanDue         *time.Time
	SourceTaskID    *int
}

func (in *TaskInput) validate() error {
	f := apperr.Fields{}
	in.Number = text(f, "number", in.Number, MaxNumber, false, false)
	in.Content = text(f, "content", in.Content, MaxContent, true, true)
	in.DeadlineText = text(f, "deadline_text", in.DeadlineText, MaxDeadlineText, false, false)
	in.DueOn, in.PlanDue = civilPtr(in.DueOn), civilPtr(in.PlanDue)
	if in.DeadlineKind == "" {
		switch {
		case in.DueOn != nil:
			in.DeadlineKind = string(task.DeadlineKindDate)
		case in.DueDay > 0 || in.DueMonth > 0:
			in.DeadlineKind = string(task.DeadlineKindYearly)
		default:
			in.DeadlineKind = string(task.DeadlineKindNone)
		}
	}
	switch task.DeadlineKind(in.DeadlineKind) {
	case task.DeadlineKindDate:
		if in.DueOn == nil {
			f.Add("due_on", "required")
		}
		if in.DueDay != 0 || in.DueMonth != 0 {
			f.Add("due_day", "deadline_mismatch")
		}
	case task.DeadlineKindYearly:
		if in.DueOn != nil {
			f.Add("due_on", "deadline_mismatch")
		}
		switch {
		case in.DueMonth < 1 || in.DueMonth > 12:
			f.Add("due_month", "invalid")
		case in.DueDay < 1 || in.DueDay > calendar.NewDate(2024, time.Month(in.DueMonth)+1, 0).Day: // 2024: 29/02 is a day
			f.Add("due_day", "invalid")
		}
	case task.DeadlineKindContinuous, task.DeadlineKindNone:
		if in.DueOn != nil {
			f.Add("due_on", "deadline_mismatch")
		}
		if in.DueDay != 0 || in.DueMonth != 0 {
			f.Add("due_day", "deadline_mismatch")
		}
	default:
		f.Add("deadline_kind", "invalid")
	}
	if in.Shift == "" {
		in.Shift = string(task.ShiftNextWorkingDay)
	}
	if task.ShiftValidator(task.Shift(in.Shift)) != nil {
		f.Add("shift", "invalid")
	}
	if in.Position < 0 {
		f.Add("position", "invalid")
	}
	if !in.RequiresPlan && in.PlanDue != nil {
		in.PlanDue = nil
	}
	in.Lead = uniq(in.Lead)
	in.Coordinating = slices.DeleteFunc(uniq(in.Coordinating), func(u int) bool { return slices.Contains(in.Lead, u) })
	for _, u := range append(slices.Clone(in.Lead), in.Coordinating...) {
		if u <= 0 {
			f.Add("lead_unit_ids", "unit_not_existing")
		}
	}
	if in.RequiresPlan && len(in.Lead) == 0 {
		f.Add("lead_unit_ids", "required")
	}
	return f.Err()
}

func uniq(ids []int) []int {
	out := make([]int, 0, len(ids))
	for _, id := range ids {
		if !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

// checkTaskUnits refuses units that are not the province's on the plan's day, naming the list.
func checkTaskUnits(ctx context.Context, c *ent.Client, p *ent.WorkPlan, in TaskInput) error {
	d := planDay(p.IssuedOn)
	f := apperr.Fields{}
	for field, ids := range map[string][]int{"lead_unit_ids": in.Lead, "coordinating_unit_ids": in.Coordinating} {
		miss, err := missingUnits(ctx, c, ids, d)
		if err != nil {
			return err
		}
		if len(miss) > 0 {
			f.Add(field, "unit_not_existing")
		}
	}
	return f.Err()
}

// AddTaskTx adds a task to plan planID inside the caller's transaction tx: the task, one
// assignment per lead unit (role lead, due on the task's due day) and per coordinating unit (role
// coordinate; a unit in both lists is lead only), and, when the task requires a plan of its lead
// units, one obligation per lead unit (unless the plan already has one for it).
func (s *Service) AddTaskTx(ctx context.Context, tx *ent.Tx, planID int, in TaskInput) (*ent.Task, error) {
	if err := in.validate(); err != nil {
		return nil, err
	}
	c := tx.Client()
	p, err := c.WorkPlan.Get(ctx, planID)
	if err != nil {
		return nil, err
	}
	if p.Status == workplan.StatusClosed {
		return nil, apperr.Conflict("plan_closed", nil)
	}
	if err := checkTaskUnits(ctx, c, p, in); err != nil {
		return nil, err
	}
	wctx, err := cascadeContext(ctx, c, p, in.Lead, in.Coordinating) // a unit's plan may assign its sub-units
	if err != nil {
		return nil, err
	}
	if in.SourceTaskID != nil {
		if ok, err := c.Task.Query().Where(task.ID(*in.SourceTaskID)).Exist(ctx); err != nil {
			return nil, err
		} else if !ok {
			return nil, apperr.Invalid(map[string]string{"source_task_id": "invalid"})
		}
	}
	if in.Position == 0 {
		n, err := c.Task.Query().Where(task.WorkPlanID(planID)).Count(ctx)
		if err != nil {
			return nil, err
		}
		in.Position = n + 1
	}
	t, err := c.Task.Create().SetWorkPlanID(planID).SetUnitID(p.UnitID).SetNumber(in.Number).SetPosition(in.Position).
		SetContent(in.Content).SetDeadlineKind(task.DeadlineKind(in.DeadlineKind)).SetNillableDueOn(in.DueOn).
		SetDueDay(in.DueDay).SetDueMonth(in.DueMonth).SetDeadlineText(in.DeadlineText).SetShift(task.Shift(in.Shift)).
		SetNillableSourceTaskID(in.SourceTaskID).Save(ctx)
	if err != nil {
		return nil, fmt.Errorf("plan: add task: %w", err)
	}
	for role, ids := range map[taskassignment.Role][]int{taskassignment.RoleLead: in.Lead, taskassignment.RoleCoordinate: in.Coordinating} {
		for _, u := range ids {
			if err := c.TaskAssignment.Create().SetTaskID(t.ID).SetWorkPlanID(planID).SetUnitID(u).SetRole(role).
				SetNillableDueOn(in.DueOn).Exec(wctx); err != nil {
				return nil, fmt.Errorf("plan: assign unit %d: %w", u, err)
			}
		}
	}
	if in.RequiresPlan {
		if err := addObligations(wctx, c, planID, t.ID, in.Lead, in.PlanDue); err != nil {
			return nil, err
		}
	}
	return t, nil
}

func addObligations(ctx context.Context, c *ent.Client, planID, taskID int, units []int, due *time.Time) error {
	for _, u := range units {
		ok, err := c.PlanObligation.Query().Where(planobligation.WorkPlanID(planID), planobligation.UnitID(u)).Exist(ctx)
		if err != nil {
			return err
		}
		if ok {
			continue
		}
		ob := c.PlanObligation.Create().SetWorkPlanID(planID).SetTaskID(taskID).SetUnitID(u).SetNillableDueOn(due)
		// A unit that has already issued its implementation plan of this plan has met a
		// requirement added afterwards (one plan per unit and parent).
		issued, err := c.WorkPlan.Query().Where(workplan.ParentPlanID(planID), workplan.UnitID(u),
			workplan.StatusNEQ(workplan.StatusDraft), workplan.IssuedOnNotNil()).First(ctx)
		if err != nil && !ent.IsNotFound(err) {
			return err
		}
		if issued != nil {
			ob.SetFulfilledPlanID(issued.ID).SetFulfilledOn(*issued.IssuedOn)
		}
		if err := ob.Exec(ctx); err != nil {
			return fmt.Errorf("plan: obligation of unit %d: %w", u, err)
		}
	}
	return nil
}

// AddTask adds a task in its own transaction.
func (s *Service) AddTask(ctx context.Context, planID int, in TaskInput) (*ent.Task, error) {
	var t *ent.Task
	err := db.InTx(ctx, s.db, func(tx *ent.Tx) (err error) {
		t, err = s.AddTaskTx(ctx, tx, planID, in)
		return err
	})
	return t, err
}

// UpdateTask changes a task: its content, deadline and units. Units added get assignments; units
// removed lose theirs, unless the unit has already reported progress or asked for an extension
// (a conflict: its history stays). Assignments whose due day was the task's follow the new one;
// extended ones keep theirs.
func (s *Service) UpdateTask(ctx context.Context, id int, in TaskInput) (*ent.Task, error) {
	if err := in.validate(); err != nil {
		return nil, err
	}
	var t *ent.Task
	err := db.InTx(ctx, s.db, func(tx *ent.Tx) error {
		c := tx.Client()
		cur, err := c.Task.Query().Where(task.ID(id)).WithPlan().Only(ctx)
		if err != nil {
			return err
		}
		p := cur.Edges.Plan
		if p.Status == workplan.StatusClosed {
			return apperr.Conflict("plan_closed", nil)
		}
		if err := checkTaskUnits(ctx, c, p, in); err != nil {
			return err
		}
		wctx, err := cascadeContext(ctx, c, p, in.Lead, in.Coordinating) // new units: the plan's unit's sub-units
		if err != nil {
			return err
		}
		octx := ownerContext(ctx, p) // the task's current assignments, whatever unit they belong to
		if cur.Edges.Assignments, err = c.TaskAssignment.Query().Where(taskassignment.TaskID(id),
			taskassignment.WorkPlanID(p.ID), taskassignment.TenantID(p.TenantID)).All(octx); err != nil {
			return err
		}
		if in.Position == 0 {
			in.Position = cur.Position
		}
		q := c.Task.UpdateOneID(id).SetNumber(in.Number).SetPosition(in.Position).SetContent(in.Content).
			SetDeadlineKind(task.DeadlineKind(in.DeadlineKind)).SetDueDay(in.DueDay).SetDueMonth(in.DueMonth).
			SetDeadlineText(in.DeadlineText).SetShift(task.Shift(in.Shift))
		if in.DueOn != nil {
			q.SetDueOn(*in.DueOn)
		} else {
			q.ClearDueOn()
		}
		if t, err = q.Save(ctx); err != nil {
			return err
		}
		want := map[int]taskassignment.Role{}
		for _, u := range in.Coordinating {
			want[u] = taskassignment.RoleCoordinate
		}
		for _, u := range in.Lead {
			want[u] = taskassignment.RoleLead
		}
		for _, a := range cur.Edges.Assignments {
			role, keep := want[a.UnitID]
			if !keep {
				used := a.CompletedOn != nil || a.LastReportedOn != nil
				if !used {
					n, err := c.TaskProgress.Query().Where(taskprogress.AssignmentID(a.ID)).Count(octx)
					if err != nil {
						return err
					}
					m, err := c.TaskExtension.Query().Where(taskextension.AssignmentID(a.ID)).Count(octx)
					if err != nil {
						return err
					}
					used = n+m > 0
				}
				if used {
					return apperr.Conflict("unit_has_progress", fmt.Errorf("unit %d has reported", a.UnitID))
				}
				if err := c.TaskAssignment.DeleteOneID(a.ID).Exec(octx); err != nil {
					return err
				}
				continue
			}
			delete(want, a.UnitID)
			u := c.TaskAssignment.UpdateOneID(a.ID).SetRole(role)
			if sameDay(a.DueOn, cur.DueOn) { // not extended: follows the task
				if in.DueOn != nil {
					u.SetDueOn(*in.DueOn)
				} else {
					u.ClearDueOn()
				}
			}
			if err := u.Exec(octx); err != nil {
				return err
			}
		}
		for _, u := range append(slices.Clone(in.Lead), in.Coordinating...) {
			role, ok := want[u]
			if !ok {
				continue
			}
			if err := c.TaskAssignment.Create().SetTaskID(id).SetWorkPlanID(cur.WorkPlanID).SetUnitID(u).SetRole(role).
				SetNillableDueOn(in.DueOn).Exec(wctx); err != nil {
				return err
			}
		}
		if in.RequiresPlan {
			return addObligations(wctx, c, cur.WorkPlanID, id, in.Lead, in.PlanDue)
		}
		return nil
	})
	return t, err
}

func sameDay(a, b *time.Time) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return DayOf(*a).Equal(DayOf(*b))
}

// DeleteTask removes a task, with its assignments and obligations, while its plan is a draft.
func (s *Service) DeleteTask(ctx context.Context, id int) error {
	return db.InTx(ctx, s.db, func(tx *ent.Tx) error {
		c := tx.Client()
		t, err := c.Task.Query().Where(task.ID(id)).WithPlan().Only(ctx)
		if err != nil {
			return err
		}
		if t.Edges.Plan.Status != workplan.StatusDraft {
			return apperr.Conflict("plan_not_draft", nil)
		}
		octx := ownerContext(ctx, t.Edges.Plan) // the unit's plan's task: its sub-units' rows go too
		aids, err := c.TaskAssignment.Query().Where(taskassignment.TaskID(id), taskassignment.TenantID(t.TenantID)).IDs(octx)
		if err != nil {
			return err
		}
		if len(aids) > 0 {
			if n, err := c.TaskProgress.Query().Where(taskprogress.AssignmentIDIn(aids...)).Count(octx); err != nil {
				return err
			} else if n > 0 {
				return apperr.Conflict("unit_has_progress", nil)
			}
			if _, err := c.TaskExtension.Delete().Where(taskextension.AssignmentIDIn(aids...)).Exec(octx); err != nil {
				return err
			}
			if _, err := c.TaskAssignment.Delete().Where(taskassignment.IDIn(aids...)).Exec(octx); err != nil {
				return err
			}
		}
		if _, err := c.PlanObligation.Delete().Where(planobligation.TaskID(id), planobligation.TenantID(t.TenantID)).Exec(octx); err != nil {
			return err
		}
		return c.Task.DeleteOneID(id).Exec(ctx)
	})
}

// Tasks returns a plan's tasks in order (for unit staff: the tasks their units take part in).
func (s *Service) Tasks(ctx context.Context, planID int) ([]*ent.Task, error) {
	if _, err := s.db.WorkPlan.Get(ctx, planID); err != nil {
		return nil, err
	}
	return s.db.Task.Query().Where(task.WorkPlanID(planID)).
		Order(ent.Asc(task.FieldPosition), ent.Asc(task.FieldID)).All(ctx)
}

// Obligations returns a plan's implementation-plan obligations (for unit staff: their units',
// or every one of their unit's own plan, see ownerContext).
func (s *Service) Obligations(ctx context.Context, planID int) ([]*ent.PlanObligation, error) {
	p, err := s.db.WorkPlan.Get(ctx, planID)
	if err != nil {
		return nil, err
	}
	return s.db.PlanObligation.Query().Where(planobligation.WorkPlanID(planID), planobligation.TenantID(p.TenantID)).
		Order(ent.Asc(planobligation.FieldID)).All(ownerContext(ctx, p))
}

// UnitNames returns the current (or last) name of each unit.
func (s *Service) UnitNames(ctx context.Context, ids []int) (map[int]string, error) {
	out := map[int]string{}
	if len(ids) == 0 {
		return out, nil
	}
	vs, err := s.db.UnitVersion.Query().Where(unitversion.UnitIDIn(uniq(ids)...)).
		Order(ent.Asc(unitversion.FieldValidFrom), ent.Asc(unitversion.FieldID)).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("plan: unit names: %w", err)
	}
	for _, v := range vs {
		out[v.UnitID] = v.Name
	}
	return out, nil
}
