package plans

import (
	"context"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/internal/calendar"
	"github.com/danvan-vn/danvan/internal/httpapi"
	"github.com/danvan-vn/danvan/internal/plan"
	"github.com/danvan-vn/danvan/internal/viewer"
	"github.com/danvan-vn/danvan/internal/web"
)

// Cascade is what the area needs of the plan service for cascading plans: the obligations
// board and the units' implementation plans.
type Cascade interface {
	ObligationBoard(ctx context.Context, planID int, mine bool) (*plan.ObligationBoard, error)
	CreateImplementation(ctx context.Context, parentID int, in plan.ImplementationInput) (*ent.WorkPlan, error)
	ConcernedTasks(ctx context.Context, planID, unitID int) ([]*ent.Task, error)
	Implementations(ctx context.Context, planID int) ([]*ent.WorkPlan, error)
	UnitObligations(ctx context.Context, units []int) ([]plan.UnitObligation, error)
	SubUnits(ctx context.Context, unitID int, d time.Time) ([]int, error)
}

// ObligationJSON is a unit's obligation to issue its implementation plan, with its status today.
type ObligationJSON struct {
	ID              int    `json:"id"`
	PlanID          int    `json:"plan_id"`
	UnitID          int    `json:"unit_id"`
	UnitName        string `json:"unit_name"`
	TaskID          *int   `json:"task_id,omitempty" doc:"The task that requires it"`
	Status          string `json:"status" enum:"overdue,pending,issued_late,issued_on_time"`
	DueOn           string `json:"due_on,omitempty" format:"date"`
	EffectiveDue    string `json:"effective_due,omitempty" format:"date" doc:"The due day moved off a non-working day"`
	FulfilledPlanID *int   `json:"fulfilled_plan_id,omitempty" doc:"The unit's implementation plan"`
	FulfilledOn     string `json:"fulfilled_on,omitempty" format:"date" doc:"The day that plan was issued"`
	Mine            bool   `json:"mine" doc:"One of the viewer's units (unit roles, or in their charge as a committee member)"`
}

func obligationJSON(r plan.ObligationRow) ObligationJSON {
	o := r.Obligation
	j := ObligationJSON{ID: o.ID, PlanID: o.WorkPlanID, UnitID: o.UnitID, UnitName: r.UnitName, TaskID: o.TaskID, Status: string(r.Status),
		DueOn: httpapi.ISODayPtr(o.DueOn), FulfilledPlanID: o.FulfilledPlanID, FulfilledOn: httpapi.ISODayPtr(o.FulfilledOn), Mine: r.Mine}
	if r.Due != nil {
		j.EffectiveDue = r.Due.ISO()
	}
	return j
}

// MemberObligationsJSON is a committee member with the obligations of the units in their charge.
type MemberObligationsJSON struct {
	MemberID    int                   `json:"member_id"`
	Name        string                `json:"name"`
	Title       string                `json:"title,omitempty"`
	Position    string                `json:"position"`
	Committee   string                `json:"committee"`
	Units       int                   `json:"units" doc:"The units in their charge today"`
	Counts      plan.ObligationCounts `json:"counts"`
	Obligations []ObligationJSON      `json:"obligations"`
}

// ObligationBoardJSON is a plan's implementation-plan obligations.
type ObligationBoardJSON struct {
	Plan        PlanJSON                `json:"plan"`
	Counts      plan.ObligationCounts   `json:"counts"`
	Obligations []ObligationJSON        `json:"obligations"`
	Members     []MemberObligationsJSON `json:"members" doc:"Per active member of the province committees, by the units in their charge today"`
}

func (h *handler) obligationBoard(c echo.Context) (*plan.ObligationBoard, error) {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return nil, err
	}
	return h.plans.ObligationBoard(c.Request().Context(), id, mineParam(c))
}

func (h *handler) apiObligations(c echo.Context) error {
	b, err := h.obligationBoard(c)
	if err != nil {
		return err
	}
	j := ObligationBoardJSON{Plan: planJSON(b.Plan), Counts: b.Counts, Obligations: []ObligationJSON{}, Members: []MemberObligationsJSON{}}
	for _, r := range b.Rows {
		j.Obligations = append(j.Obligations, obligationJSON(r))
	}
	for _, m := range b.Members {
		mj := MemberObligationsJSON{MemberID: m.Member.ID, Name: m.Member.PersonName, Title: m.Member.PersonTitle,
			Position: string(m.Member.Position), Committee: m.Committee, Units: m.Units, Counts: m.Counts, Obligations: []ObligationJSON{}}
		for _, r := range m.Rows {
			mj.Obligations = append(mj.Obligations, obligationJSON(r))
		}
		j.Members = append(j.Members, mj)
	}
	return c.JSON(http.StatusOK, j)
}

// ObligationVMRow is a unit's obligation as the board shows it.
type ObligationVMRow struct {
	ObligationVM   // the unit's name, the nominal due day, the fulfilling plan
	UnitID, PlanID int
	Status         string
	Due            string // effective due day, dd/mm/yyyy
	CanCreate      bool   // the viewer may make the unit's implementation plan here
}

// ObligationSegmentVM is one status's count.
type ObligationSegmentVM struct {
	Status string
	Count  int
}

// MemberObligationsVM is a committee member's group of the board.
type MemberObligationsVM struct {
	Name, Title, Position, Committee string
	Units                            int
	Counts                           []ObligationSegmentVM
	Rows                             []ObligationVMRow
}

// ObligationsPage is /t/{slug}/plans/{id}/obligations: the units' implementation plans, their
// status counts, and the same grouped per committee member.
type ObligationsPage struct {
	web.Page
	Plan    PlanRowVM
	Mine    bool
	Total   int
	Counts  []ObligationSegmentVM
	Rows    []ObligationVMRow
	Members []MemberObligationsVM
	Open    int // units that have not issued their plan: the urge form's subjects
}

func obligationSegments(c plan.ObligationCounts) []ObligationSegmentVM {
	out := make([]ObligationSegmentVM, 0, len(plan.ObligationStatuses))
	for _, s := range plan.ObligationStatuses {
		out = append(out, ObligationSegmentVM{Status: string(s), Count: c.Of(s)})
	}
	return out
}

// mayCreateFor reports whether the viewer may make unit's implementation plan: plan:create, and
// for unit staff one of their units.
func mayCreateFor(c echo.Context, unitID int) bool {
	v := viewer.FromContext(c.Request().Context())
	return httpapi.Can(c, permPlanCreate) && v != nil && v.InUnit(unitID)
}

func obligationVM(c echo.Context, r plan.ObligationRow) ObligationVMRow {
	o := r.Obligation
	v := ObligationVMRow{ObligationVM: obligationOf(o, r.UnitName), UnitID: o.UnitID, PlanID: o.WorkPlanID, Status: string(r.Status)}
	if r.Due != nil {
		v.Due = r.Due.String()
	}
	v.CanCreate = o.FulfilledPlanID == nil && mayCreateFor(c, o.UnitID)
	return v
}

func (h *handler) obligationsPage(c echo.Context) error {
	b, err := h.obligationBoard(c)
	if err != nil {
		return err
	}
	p := ObligationsPage{Page: httpapi.PageOf(c, "workplans.obligations.title"), Plan: planRow(b.Plan, 0, plan.Counts{}),
		Mine: c.QueryParam("mine") == "1", Total: b.Counts.Total, Counts: obligationSegments(b.Counts)}
	for _, r := range b.Rows {
		p.Rows = append(p.Rows, obligationVM(c, r))
		if r.Obligation.FulfilledOn == nil {
			p.Open++
		}
	}
	for _, m := range b.Members {
		mv := MemberObligationsVM{Name: m.Member.PersonName, Title: m.Member.PersonTitle, Position: string(m.Member.Position),
			Committee: m.Committee, Units: m.Units, Counts: obligationSegments(m.Counts)}
		for _, r := range m.Rows {
			mv.Rows = append(mv.Rows, obligationVM(c, r))
		}
		p.Members = append(p.Members, mv)
	}
	return httpapi.HTML(c, http.StatusOK, "obligations", p)
}

type implementationRequest struct {
	UnitID    int    `json:"unit_id" form:"unit_id" required:"false" doc:"The unit; default the viewer's unit (unit staff of one unit)"`
	Title     string `json:"title" form:"title" required:"false" maxLength:"500" doc:"Default: Kế hoạch thực hiện <the parent's title>"`
	Kind      string `json:"kind" form:"kind" required:"false" enum:"ke_hoach,chuong_trinh,cong_van,other" doc:"Default ke_hoach"`
	Year      int    `json:"year" form:"year" required:"false" doc:"Default the parent's year"`
	CopyTasks bool   `json:"copy_tasks" form:"copy_tasks" required:"false" doc:"Copy the parent's tasks that concern the unit (lead or coordinating), assigned to the unit as lead"`
	TaskIDs   []int  `json:"task_ids" form:"task_ids" required:"false" doc:"With copy_tasks: which of those tasks (default all)"`
	Status    string `json:"status" form:"status" required:"false" enum:"draft,issued" doc:"Default draft; issued fulfils the unit's obligation"`
	IssuedOn  string `json:"issued_on" form:"issued_on" required:"false" doc:"dd/mm/yyyy or yyyy-mm-dd; default today when issued"`
}

func (r implementationRequest) input() (plan.ImplementationInput, error) {
	in := plan.ImplementationInput{UnitID: r.UnitID, Title: r.Title, Kind: r.Kind, Year: r.Year, CopyTasks: r.CopyTasks,
		TaskIDs: r.TaskIDs, Status: r.Status}
	var err error
	in.IssuedOn, err = httpapi.OptDay(r.IssuedOn, "issued_on")
	return in, err
}

// createImplementation binds and creates; page forms send the task list whatever the copy
// choice, so form drops it when copying is off.
func (h *handler) createImplementation(c echo.Context, form bool) (int, implementationRequest, *ent.WorkPlan, error) {
	var r implementationRequest
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return 0, r, nil, err
	}
	if err := httpapi.Bind(c, &r); err != nil {
		return id, r, nil, err
	}
	if form && !r.CopyTasks {
		r.TaskIDs = nil
	}
	in, err := r.input()
	if err != nil {
		return id, r, nil, err
	}
	p, err := h.plans.CreateImplementation(c.Request().Context(), id, in)
	return id, r, p, err
}

func (h *handler) apiImplementationCreate(c echo.Context) error {
	_, _, p, err := h.createImplementation(c, false)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, planJSON(p))
}

// ConcernedTaskVM is a parent's task offered for copying.
type ConcernedTaskVM struct {
	TaskRowVM
	Role    string
	Checked bool
}

// ImplementationPage is /t/{slug}/plans/{id}/implementation: the form of a unit's
// implementation plan of the plan (unit, title, year, tasks to copy, issue now or keep a draft).
type ImplementationPage struct {
	web.Page
	Parent   PlanRowVM
	Units    []web.UnitOption // the units the viewer may choose
	Form     implementationRequest
	Tasks    []ConcernedTaskVM
	Existing int // the unit's implementation plan, when it has one
	Kinds    []string
	Errors   map[string]string
}

func (h *handler) renderImplementation(c echo.Context, status int, form implementationRequest, errs map[string]string, fresh bool) error {
	ctx := c.Request().Context()
	parent, err := h.workPlan(c)
	if err != nil {
		return err
	}
	p := ImplementationPage{Page: httpapi.PageOf(c, "workplans.impl.title"), Parent: planRow(parent, 0, plan.Counts{}), Form: form,
		Kinds: planKinds, Errors: errs}
	opts, _, err := h.unitOptions(c)
	if err != nil {
		return err
	}
	p.Units = opts
	if p.Form.UnitID == 0 && len(opts) == 1 {
		p.Form.UnitID = opts[0].ID
	}
	if p.Form.UnitID > 0 && !slices.ContainsFunc(opts, func(o web.UnitOption) bool { return o.ID == p.Form.UnitID }) {
		p.Form.UnitID = 0 // not a unit the viewer may choose
	}
	if fresh {
		p.Form.Title, p.Form.Year, p.Form.CopyTasks, p.Form.Status = plan.ImplementationTitle(parent), parent.Year, true, "draft"
		p.Form.IssuedOn = calendar.Today().String()
	}
	if p.Form.UnitID > 0 {
		ts, err := h.plans.ConcernedTasks(ctx, parent.ID, p.Form.UnitID)
		if err != nil {
			return err
		}
		for _, t := range ts {
			v := ConcernedTaskVM{TaskRowVM: taskRowVM(t), Checked: fresh || slices.Contains(form.TaskIDs, t.ID)}
			for _, a := range t.Edges.Assignments {
				v.Role = string(a.Role)
			}
			p.Tasks = append(p.Tasks, v)
		}
		ims, err := h.plans.Implementations(ctx, parent.ID)
		if err != nil {
			return err
		}
		for _, im := range ims {
			if im.UnitID == p.Form.UnitID {
				p.Existing = im.ID
			}
		}
	}
	return httpapi.HTML(c, status, "implementation", p)
}

func (h *handler) implementationPage(c echo.Context) error {
	var form implementationRequest
	var err error
	if form.UnitID, err = intParam(c, "unit_id"); err != nil {
		return err
	}
	return h.renderImplementation(c, http.StatusOK, form, nil, true)
}

func (h *handler) implementationSubmit(c echo.Context) error {
	_, r, p, err := h.createImplementation(c, true)
	if err != nil {
		return formRefused(err, func(errs map[string]string) error {
			return h.renderImplementation(c, http.StatusUnprocessableEntity, r, errs, false)
		})
	}
	return httpapi.Redirect(c, httpapi.ProvinceURL(c, "/plans/"+strconv.Itoa(p.ID)), "implementation_created")
}

// MyObligationVM is an implementation plan one of the viewer's units owes.
type MyObligationVM struct {
	ObligationVMRow
	PlanTitle string
}

// myObligations are the obligations of the viewer's units, for the my-tasks page.
func (h *handler) myObligations(c echo.Context) ([]MyObligationVM, error) {
	obs, err := h.plans.UnitObligations(c.Request().Context(), viewerUnits(c))
	if err != nil {
		return nil, err
	}
	out := make([]MyObligationVM, 0, len(obs))
	for _, o := range obs {
		out = append(out, MyObligationVM{ObligationVMRow: obligationVM(c, o.ObligationRow), PlanTitle: o.Plan.Title})
	}
	return out, nil
}

// editableBy hides the plan's edit controls from unit staff of another unit: plan:update lets
// unit staff change their own units' plans only (the unit wall refuses the rest).
func editableBy(c echo.Context, pg *web.Page, unitID int) {
	v := viewer.FromContext(c.Request().Context())
	if v != nil && v.UnitScoped() && !slices.Contains(v.UnitIDs, unitID) && pg.Can["plan:update"] {
		pg.Can = maps.Clone(pg.Can)
		pg.Can["plan:update"] = false
	}
}

// taskUnits returns which units a task of plan p (units as of day d) may assign: for unit staff
// of p's unit, their units and the sub-units of p's unit; for other unit staff, their units; for
// everyone else, any unit.
func (h *handler) taskUnits(c echo.Context, p *ent.WorkPlan, d time.Time) (func(int) bool, error) {
	v := viewer.FromContext(c.Request().Context())
	if v == nil || !v.UnitScoped() {
		return func(int) bool { return true }, nil
	}
	keep := slices.Clone(v.UnitIDs)
	if slices.Contains(v.UnitIDs, p.UnitID) {
		sub, err := h.plans.SubUnits(c.Request().Context(), p.UnitID, d)
		if err != nil {
			return nil, err
		}
		keep = append(keep, sub...)
	}
	return func(id int) bool { return slices.Contains(keep, id) }, nil
}
