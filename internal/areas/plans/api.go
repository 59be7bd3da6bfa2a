package plans

import (
	"mime/multipart"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/internal/calendar"
	"github.com/danvan-vn/danvan/internal/httpapi"
	"github.com/danvan-vn/danvan/internal/plan"
	"github.com/danvan-vn/danvan/internal/viewer"
)

// PlanJSON is a plan.
type PlanJSON struct {
	ID           int         `json:"id"`
	UnitID       int         `json:"unit_id"`
	DocumentID   *int        `json:"document_id,omitempty"`
	ParentPlanID *int        `json:"parent_plan_id,omitempty"`
	Title        string      `json:"title"`
	Kind         string      `json:"kind"`
	Year         int         `json:"year"`
	Status       string      `json:"status"`
	IssuedOn     string      `json:"issued_on,omitempty" format:"date"`
	Tasks        int         `json:"tasks"`
	Counts       plan.Counts `json:"counts"`
}

func planJSON(p *ent.WorkPlan) PlanJSON {
	return PlanJSON{ID: p.ID, UnitID: p.UnitID, DocumentID: p.DocumentID, ParentPlanID: p.ParentPlanID, Title: p.Title,
		Kind: string(p.Kind), Year: p.Year, Status: string(p.Status), IssuedOn: httpapi.ISODayPtr(p.IssuedOn)}
}

// PlansJSON is a list of plans.
type PlansJSON struct {
	Plans []PlanJSON `json:"plans"`
}

type planRequest struct {
	UnitID       int    `json:"unit_id" form:"unit_id" required:"false" doc:"The issuing unit (creating; default the province's root unit, or a unit officer's own unit)"`
	DocumentID   *int   `json:"document_id" form:"document_id" required:"false" doc:"The document that issued the plan"`
	ParentPlanID *int   `json:"parent_plan_id" form:"parent_plan_id" required:"false" doc:"The plan this one implements"`
	Title        string `json:"title" form:"title" maxLength:"500" required:"true"`
	Kind         string `json:"kind" form:"kind" required:"false" enum:"ke_hoach,chuong_trinh,cong_van,other" doc:"Default ke_hoach"`
	Year         int    `json:"year" form:"year" required:"true"`
	Status       string `json:"status" form:"status" required:"false" enum:"draft,issued,closed" doc:"Default draft; moves forward only"`
	IssuedOn     string `json:"issued_on" form:"issued_on" required:"false" doc:"dd/mm/yyyy or yyyy-mm-dd; default today when issued"`
}

func (r planRequest) input() (plan.PlanInput, error) {
	in := plan.PlanInput{UnitID: r.UnitID, DocumentID: httpapi.ZeroNil(r.DocumentID), ParentPlanID: httpapi.ZeroNil(r.ParentPlanID),
		Title: r.Title, Kind: r.Kind, Year: r.Year, Status: r.Status}
	var err error
	in.IssuedOn, err = httpapi.OptDay(r.IssuedOn, "issued_on")
	return in, err
}

// defaultUnit is the issuing unit when the request names none: a unit officer's own unit, else
// the province's root unit.
func (h *handler) defaultUnit(c echo.Context) (int, error) {
	if v := viewerUnits(c); len(v) > 0 {
		return v[0], nil
	}
	nodes, err := h.units.AsOf(c.Request().Context(), calendar.Today().UTC(), "")
	if err != nil {
		return 0, err
	}
	for _, n := range nodes {
		if n.Version.Type == "province" {
			return n.Unit.ID, nil
		}
	}
	return 0, nil
}

// viewerUnits are the units of the viewer's unit roles.
func viewerUnits(c echo.Context) []int {
	if v := viewer.FromContext(c.Request().Context()); v != nil {
		return v.UnitIDs
	}
	return nil
}

func (h *handler) createPlan(c echo.Context) (planRequest, *ent.WorkPlan, error) {
	var r planRequest
	if err := httpapi.Bind(c, &r); err != nil {
		return r, nil, err
	}
	in, err := r.input()
	if err != nil {
		return r, nil, err
	}
	if in.UnitID == 0 {
		if in.UnitID, err = h.defaultUnit(c); err != nil {
			return r, nil, err
		}
	}
	p, err := h.plans.CreatePlan(c.Request().Context(), in)
	return r, p, err
}

func (h *handler) apiPlanCreate(c echo.Context) error {
	_, p, err := h.createPlan(c)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, planJSON(p))
}

func (h *handler) updatePlan(c echo.Context) (planRequest, *ent.WorkPlan, error) {
	var r planRequest
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return r, nil, err
	}
	if err := httpapi.Bind(c, &r); err != nil {
		return r, nil, err
	}
	in, err := r.input()
	if err != nil {
		return r, nil, err
	}
	p, err := h.plans.UpdatePlan(c.Request().Context(), id, in)
	return r, p, err
}

func (h *handler) apiPlanUpdate(c echo.Context) error {
	_, p, err := h.updatePlan(c)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, planJSON(p))
}

func listFilter(c echo.Context) (plan.ListFilter, error) {
	f := plan.ListFilter{Status: c.QueryParam("status"), Mine: mineParam(c), Level: c.QueryParam("level")}
	if f.Level == "" {
		f.Level = plan.LevelTop // the province's plans, not every unit's implementation plan
	}
	var err error
	if f.Year, err = intParam(c, "year"); err != nil {
		return f, err
	}
	f.UnitID, err = intParam(c, "unit_id")
	return f, err
}

// mineParam reads ?mine=1 (or true): only what concerns the viewer's units.
func mineParam(c echo.Context) bool {
	return c.QueryParam("mine") == "1" || c.QueryParam("mine") == "true"
}

// intParam reads an optional number from the query: 0 when it is absent.
func intParam(c echo.Context, name string) (int, error) {
	v := c.QueryParam(name)
	if v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, httpapi.Invalid(name, "number")
	}
	return n, nil
}

// intsParam reads a repeated number from the query (?unit_id=1&unit_id=2).
func intsParam(c echo.Context, name string) ([]int, error) {
	var out []int
	for _, v := range c.QueryParams()[name] {
		n, err := strconv.Atoi(v)
		if err != nil {
			return nil, httpapi.Invalid(name, "number")
		}
		out = append(out, n)
	}
	return out, nil
}

func (h *handler) apiPlans(c echo.Context) error {
	f, err := listFilter(c)
	if err != nil {
		return err
	}
	ps, err := h.plans.ListPlans(c.Request().Context(), f)
	if err != nil {
		return err
	}
	out := PlansJSON{Plans: []PlanJSON{}}
	for _, s := range ps {
		j := planJSON(s.Plan)
		j.Tasks, j.Counts = s.Tasks, s.Counts
		out.Plans = append(out.Plans, j)
	}
	return c.JSON(http.StatusOK, out)
}

// AssignmentJSON is one unit's assignment with its status today.
type AssignmentJSON struct {
	ID             int    `json:"id"`
	TaskID         int    `json:"task_id"`
	PlanID         int    `json:"plan_id"`
	UnitID         int    `json:"unit_id"`
	UnitName       string `json:"unit_name"`
	Role           string `json:"role" enum:"lead,coordinate"`
	Status         string `json:"status" enum:"overdue,open,continuous,done_late,done_on_time"`
	DueOn          string `json:"due_on,omitempty" format:"date" doc:"The due day after extensions"`
	EffectiveDue   string `json:"effective_due,omitempty" format:"date" doc:"The due day moved off a non-working day"`
	Percent        int    `json:"percent"`
	CompletedOn    string `json:"completed_on,omitempty" format:"date"`
	LastReportedOn string `json:"last_reported_on,omitempty" format:"date"`
}

func assignmentJSON(r plan.AssignmentRow) AssignmentJSON {
	a := r.Assignment
	j := AssignmentJSON{ID: a.ID, TaskID: a.TaskID, PlanID: a.WorkPlanID, UnitID: a.UnitID, UnitName: r.UnitName, Role: string(a.Role),
		Status: string(r.Status), DueOn: httpapi.ISODayPtr(a.DueOn), Percent: a.Percent, CompletedOn: httpapi.ISODayPtr(a.CompletedOn),
		LastReportedOn: httpapi.ISODayPtr(a.LastReportedOn)}
	if r.Due != nil {
		j.EffectiveDue = r.Due.ISO()
	}
	return j
}

// TaskJSON is a task.
type TaskJSON struct {
	ID           int              `json:"id"`
	PlanID       int              `json:"plan_id"`
	Number       string           `json:"number"`
	Position     int              `json:"position"`
	Content      string           `json:"content"`
	DeadlineKind string           `json:"deadline_kind" enum:"date,yearly,continuous,none"`
	DueOn        string           `json:"due_on,omitempty" format:"date"`
	DueDay       int              `json:"due_day,omitempty"`
	DueMonth     int              `json:"due_month,omitempty"`
	DeadlineText string           `json:"deadline_text,omitempty"`
	Shift        string           `json:"shift"`
	Status       string           `json:"status,omitempty" doc:"The worst status of its lead assignments"`
	Counts       *plan.Counts     `json:"counts,omitempty"`
	Lead         []AssignmentJSON `json:"lead,omitempty"`
	Coordinating []AssignmentJSON `json:"coordinating,omitempty"`
}

func taskJSON(t *ent.Task) TaskJSON {
	return TaskJSON{ID: t.ID, PlanID: t.WorkPlanID, Number: t.Number, Position: t.Position, Content: t.Content,
		DeadlineKind: string(t.DeadlineKind), DueOn: httpapi.ISODayPtr(t.DueOn), DueDay: t.DueDay, DueMonth: t.DueMonth,
		DeadlineText: t.DeadlineText, Shift: string(t.Shift)}
}

func taskRowJSON(r plan.TaskRow) TaskJSON {
	j := taskJSON(r.Task)
	j.Status, j.Counts = string(r.Status), &r.Counts
	j.Lead, j.Coordinating = []AssignmentJSON{}, []AssignmentJSON{}
	for _, a := range r.Lead {
		j.Lead = append(j.Lead, assignmentJSON(a))
	}
	for _, a := range r.Coordinating {
		j.Coordinating = append(j.Coordinating, assignmentJSON(a))
	}
	return j
}

// TasksJSON is a plan's tasks.
type TasksJSON struct {
	Tasks []TaskJSON `json:"tasks"`
}

// UnitCountsJSON is one unit's lead assignments of a plan by status.
type UnitCountsJSON struct {
	UnitID   int         `json:"unit_id"`
	UnitName string      `json:"unit_name"`
	Counts   plan.Counts `json:"counts"`
}

// BoardJSON is a plan with its board.
type BoardJSON struct {
	Plan       PlanJSON         `json:"plan"`
	Counts     plan.Counts      `json:"counts" doc:"Lead assignments by status"`
	TaskCounts plan.Counts      `json:"task_counts" doc:"Tasks by their own status"`
	Tasks      []TaskJSON       `json:"tasks"`
	Units      []UnitCountsJSON `json:"units"`
}

// task is the task of the route's :id, with its plan and assignments.
func (h *handler) task(c echo.Context) (int, *plan.TaskDetail, error) {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return 0, nil, err
	}
	td, err := h.plans.Task(c.Request().Context(), id)
	return id, td, err
}

// workPlan is the plan of the route's :id.
func (h *handler) workPlan(c echo.Context) (*ent.WorkPlan, error) {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return nil, err
	}
	return h.plans.GetPlan(c.Request().Context(), id)
}

func (h *handler) board(c echo.Context) (*plan.Board, error) {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return nil, err
	}
	return h.plans.Board(c.Request().Context(), id, mineParam(c))
}

func boardJSON(b *plan.Board) BoardJSON {
	j := BoardJSON{Plan: planJSON(b.Plan), Counts: b.Counts, TaskCounts: b.TaskCounts, Tasks: []TaskJSON{}, Units: []UnitCountsJSON{}}
	j.Plan.Tasks, j.Plan.Counts = len(b.Tasks), b.Counts
	for _, t := range b.Tasks {
		j.Tasks = append(j.Tasks, taskRowJSON(t))
	}
	for _, u := range b.Units {
		j.Units = append(j.Units, UnitCountsJSON{UnitID: u.UnitID, UnitName: u.UnitName, Counts: u.Counts})
	}
	return j
}

func (h *handler) apiPlan(c echo.Context) error {
	b, err := h.board(c)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, boardJSON(b))
}

func (h *handler) apiTasks(c echo.Context) error {
	b, err := h.board(c)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, TasksJSON{Tasks: boardJSON(b).Tasks})
}

type taskRequest struct {
	Number              string `json:"number" form:"number" required:"false" maxLength:"20" doc:"As in the text: 3, 3.2, 2.a"`
	Position            int    `json:"position" form:"position" required:"false" doc:"Order in the plan; default last"`
	Content             string `json:"content" form:"content" required:"true" maxLength:"10000"`
	DeadlineKind        string `json:"deadline_kind" form:"deadline_kind" required:"false" enum:"date,yearly,continuous,none" doc:"Default date when due_on is given, else none"`
	DueOn               string `json:"due_on" form:"due_on" required:"false" doc:"Deadline kind date: dd/mm/yyyy or yyyy-mm-dd"`
	DueDay              int    `json:"due_day" form:"due_day" required:"false" doc:"Deadline kind yearly: the day"`
	DueMonth            int    `json:"due_month" form:"due_month" required:"false" doc:"Deadline kind yearly: the month"`
	DeadlineText        string `json:"deadline_text" form:"deadline_text" required:"false" maxLength:"300" doc:"The deadline as the text says it"`
	Shift               string `json:"shift" form:"shift" required:"false" enum:"none,previous_working_day,next_working_day" doc:"A due day off moves; default next_working_day"`
	LeadUnitIDs         []int  `json:"lead_unit_ids" form:"lead_unit_ids" required:"false" doc:"The units in charge (chủ trì)"`
	CoordinatingUnitIDs []int  `json:"coordinating_unit_ids" form:"coordinating_unit_ids" required:"false" doc:"The coordinating units (phối hợp)"`
	RequiresPlan        bool   `json:"requires_plan" form:"requires_plan" required:"false" doc:"The lead units must issue their own implementation plan"`
	PlanDue             string `json:"plan_due" form:"plan_due" required:"false" doc:"By this day (dd/mm/yyyy or yyyy-mm-dd)"`
}

func (r taskRequest) input() (plan.TaskInput, error) {
	in := plan.TaskInput{Number: r.Number, Position: r.Position, Content: r.Content, DeadlineKind: r.DeadlineKind, DueDay: r.DueDay,
		DueMonth: r.DueMonth, DeadlineText: r.DeadlineText, Shift: r.Shift, Lead: r.LeadUnitIDs, Coordinating: r.CoordinatingUnitIDs,
		RequiresPlan: r.RequiresPlan}
	var err error
	if in.DueOn, err = httpapi.OptDay(r.DueOn, "due_on"); err != nil {
		return in, err
	}
	in.PlanDue, err = httpapi.OptDay(r.PlanDue, "plan_due")
	return in, err
}

func (h *handler) saveTask(c echo.Context, create bool) (taskRequest, *ent.Task, error) {
	var r taskRequest
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return r, nil, err
	}
	if err := httpapi.Bind(c, &r); err != nil {
		return r, nil, err
	}
	in, err := r.input()
	if err != nil {
		return r, nil, err
	}
	var t *ent.Task
	if create {
		t, err = h.plans.AddTask(c.Request().Context(), id, in)
	} else {
		t, err = h.plans.UpdateTask(c.Request().Context(), id, in)
	}
	return r, t, err
}

func (h *handler) apiTaskCreate(c echo.Context) error {
	_, t, err := h.saveTask(c, true)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, taskJSON(t))
}

func (h *handler) apiTaskUpdate(c echo.Context) error {
	_, t, err := h.saveTask(c, false)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, taskJSON(t))
}

func (h *handler) apiTaskDelete(c echo.Context) error {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return err
	}
	if err := h.plans.DeleteTask(c.Request().Context(), id); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// EvidenceJSON is an evidence file.
type EvidenceJSON struct {
	ID          int    `json:"id"`
	Name        string `json:"name"`
	ContentType string `json:"content_type"`
	Size        int64  `json:"size"`
	SHA256      string `json:"sha256"`
}

// ProgressJSON is a progress report.
type ProgressJSON struct {
	ID         int            `json:"id"`
	Percent    int            `json:"percent"`
	Narrative  string         `json:"narrative"`
	ReportedOn string         `json:"reported_on" format:"date"`
	Completes  bool           `json:"completes"`
	Files      []EvidenceJSON `json:"files"`
}

func progressJSON(p *ent.TaskProgress, fs []*ent.EvidenceFile) ProgressJSON {
	j := ProgressJSON{ID: p.ID, Percent: p.Percent, Narrative: p.Narrative, ReportedOn: httpapi.ISODay(p.ReportedOn), Completes: p.Completes,
		Files: []EvidenceJSON{}}
	for _, f := range fs {
		j.Files = append(j.Files, EvidenceJSON{ID: f.ID, Name: f.Name, ContentType: f.ContentType, Size: f.Size, SHA256: f.Sha256})
	}
	return j
}

// ExtensionJSON is an extension request.
type ExtensionJSON struct {
	ID           int    `json:"id"`
	AssignmentID int    `json:"assignment_id"`
	UnitID       int    `json:"unit_id"`
	UnitName     string `json:"unit_name,omitempty"`
	OldDue       string `json:"old_due,omitempty" format:"date"`
	NewDue       string `json:"new_due" format:"date"`
	Reason       string `json:"reason"`
	Status       string `json:"status" enum:"requested,approved,rejected"`
	DecisionNote string `json:"decision_note,omitempty"`
	DecidedAt    string `json:"decided_at,omitempty" format:"date-time"`
	TaskID       int    `json:"task_id,omitempty"`
	TaskNumber   string `json:"task_number,omitempty"`
	PlanID       int    `json:"plan_id,omitempty"`
	PlanTitle    string `json:"plan_title,omitempty"`
}

func extensionJSON(x *ent.TaskExtension) ExtensionJSON {
	j := ExtensionJSON{ID: x.ID, AssignmentID: x.AssignmentID, UnitID: x.UnitID, OldDue: httpapi.ISODayPtr(x.OldDue),
		NewDue: httpapi.ISODay(x.NewDue), Reason: x.Reason, Status: string(x.Status), DecisionNote: x.DecisionNote}
	if x.DecidedAt != nil {
		j.DecidedAt = x.DecidedAt.UTC().Format(time.RFC3339)
	}
	return j
}

// AssignmentDetailJSON is an assignment with its history.
type AssignmentDetailJSON struct {
	AssignmentJSON
	Progress   []ProgressJSON  `json:"progress"`
	Extensions []ExtensionJSON `json:"extensions"`
}

func assignmentDetailJSON(d plan.AssignmentDetail) AssignmentDetailJSON {
	j := AssignmentDetailJSON{AssignmentJSON: assignmentJSON(d.AssignmentRow), Progress: []ProgressJSON{}, Extensions: []ExtensionJSON{}}
	for _, p := range d.Progress {
		j.Progress = append(j.Progress, progressJSON(p.Progress, p.Files))
	}
	for _, x := range d.Extensions {
		j.Extensions = append(j.Extensions, extensionJSON(x))
	}
	return j
}

// TaskDetailJSON is a task with its assignments and their history.
type TaskDetailJSON struct {
	Task        TaskJSON               `json:"task"`
	Plan        PlanJSON               `json:"plan"`
	Status      string                 `json:"status,omitempty"`
	Assignments []AssignmentDetailJSON `json:"assignments"`
}

func (h *handler) apiTask(c echo.Context) error {
	_, td, err := h.task(c)
	if err != nil {
		return err
	}
	j := TaskDetailJSON{Task: taskJSON(td.Task), Plan: planJSON(td.Plan), Status: string(td.Status), Assignments: []AssignmentDetailJSON{}}
	for _, d := range td.Assignments {
		j.Assignments = append(j.Assignments, assignmentDetailJSON(d))
	}
	return c.JSON(http.StatusOK, j)
}

func (h *handler) apiAssignment(c echo.Context) error {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return err
	}
	av, err := h.plans.Assignment(c.Request().Context(), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, assignmentDetailJSON(av.AssignmentDetail))
}

// UnitAssignmentJSON is an assignment with its task and plan.
type UnitAssignmentJSON struct {
	AssignmentJSON
	TaskNumber  string `json:"task_number"`
	TaskContent string `json:"task_content"`
	PlanTitle   string `json:"plan_title"`
}

// UnitAssignmentsJSON is a list of units' assignments.
type UnitAssignmentsJSON struct {
	Assignments []UnitAssignmentJSON `json:"assignments"`
}

// unitsParam reads ?unit_id= (repeated), default the viewer's own units (unit roles).
func unitsParam(c echo.Context) ([]int, error) {
	ids, err := intsParam(c, "unit_id")
	if err != nil {
		return nil, err
	}
	if len(ids) == 0 {
		ids = viewerUnits(c)
	}
	return ids, nil
}

func (h *handler) apiAssignments(c echo.Context) error {
	ids, err := unitsParam(c)
	if err != nil {
		return err
	}
	as, err := h.plans.UnitAssignments(c.Request().Context(), ids)
	if err != nil {
		return err
	}
	out := UnitAssignmentsJSON{Assignments: []UnitAssignmentJSON{}}
	for _, a := range as {
		out.Assignments = append(out.Assignments, UnitAssignmentJSON{AssignmentJSON: assignmentJSON(a.AssignmentRow),
			TaskNumber: a.Task.Number, TaskContent: a.Task.Content, PlanTitle: a.Plan.Title})
	}
	return c.JSON(http.StatusOK, out)
}

type progressRequest struct {
	Percent    int    `json:"percent" form:"percent" required:"false" doc:"0 to 100"`
	Narrative  string `json:"narrative" form:"narrative" required:"false" maxLength:"10000"`
	ReportedOn string `json:"reported_on" form:"reported_on" required:"false" doc:"dd/mm/yyyy or yyyy-mm-dd; default today"`
	Completes  bool   `json:"completes" form:"completes" required:"false" doc:"The assignment is done: 100 %, completed on reported_on"`
}

// report binds a progress report (JSON, or a form with files) and records it.
func (h *handler) report(c echo.Context) (int, *ent.TaskProgress, error) {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return 0, nil, err
	}
	var r progressRequest
	if err := httpapi.Bind(c, &r); err != nil {
		return id, nil, err
	}
	d, err := httpapi.Day(r.ReportedOn, "reported_on")
	if err != nil {
		return id, nil, err
	}
	in := plan.ProgressInput{Percent: r.Percent, Narrative: r.Narrative, ReportedOn: d, Completes: r.Completes}
	var open []multipart.File
	defer func() {
		for _, f := range open {
			_ = f.Close()
		}
	}()
	if mf := c.Request().MultipartForm; mf != nil {
		for _, fh := range mf.File["files"] {
			if fh.Size == 0 && fh.Filename == "" {
				continue // the form's empty file input
			}
			f, err := fh.Open()
			if err != nil {
				return id, nil, httpapi.Invalid("files", "file_unreadable")
			}
			open = append(open, f)
			in.Files = append(in.Files, plan.FileInput{Name: fh.Filename, Size: fh.Size, R: f})
		}
	}
	p, err := h.plans.Report(c.Request().Context(), id, in)
	return id, p, err
}

func (h *handler) apiProgress(c echo.Context) error {
	id, p, err := h.report(c)
	if err != nil {
		return err
	}
	av, err := h.plans.Assignment(c.Request().Context(), id)
	if err != nil {
		return err
	}
	for _, x := range av.Progress {
		if x.Progress.ID == p.ID {
			return c.JSON(http.StatusCreated, progressJSON(x.Progress, x.Files))
		}
	}
	return c.JSON(http.StatusCreated, progressJSON(p, nil))
}

func (h *handler) apiReopen(c echo.Context) error {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return err
	}
	if err := h.plans.Reopen(c.Request().Context(), id); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

type extensionRequest struct {
	NewDue string `json:"new_due" form:"new_due" required:"true" doc:"dd/mm/yyyy or yyyy-mm-dd, after the current due day"`
	Reason string `json:"reason" form:"reason" required:"true" maxLength:"2000"`
}

func (h *handler) requestExtension(c echo.Context) (int, extensionRequest, *ent.TaskExtension, error) {
	var r extensionRequest
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return 0, r, nil, err
	}
	if err := httpapi.Bind(c, &r); err != nil {
		return id, r, nil, err
	}
	d, err := httpapi.Day(r.NewDue, "new_due")
	if err != nil {
		return id, r, nil, err
	}
	x, err := h.plans.RequestExtension(c.Request().Context(), id, plan.ExtensionInput{NewDue: d, Reason: r.Reason})
	return id, r, x, err
}

func (h *handler) apiExtensionRequest(c echo.Context) error {
	_, _, x, err := h.requestExtension(c)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, extensionJSON(x))
}

// ExtensionsJSON is a list of extension requests.
type ExtensionsJSON struct {
	Extensions []ExtensionJSON `json:"extensions"`
}

func (h *handler) apiExtensions(c echo.Context) error {
	rows, err := h.plans.Extensions(c.Request().Context(), c.QueryParam("status"))
	if err != nil {
		return err
	}
	out := ExtensionsJSON{Extensions: []ExtensionJSON{}}
	for _, r := range rows {
		j := extensionJSON(r.Extension)
		j.UnitName, j.TaskID, j.TaskNumber, j.PlanID, j.PlanTitle = r.UnitName, r.Task.ID, r.Task.Number, r.Plan.ID, r.Plan.Title
		out.Extensions = append(out.Extensions, j)
	}
	return c.JSON(http.StatusOK, out)
}

type decisionRequest struct {
	Decision string `json:"decision" form:"decision" required:"true" enum:"approve,reject"`
	Note     string `json:"note" form:"note" required:"false" maxLength:"2000"`
}

func (h *handler) decide(c echo.Context) (*ent.TaskExtension, error) {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return nil, err
	}
	var r decisionRequest
	if err := httpapi.Bind(c, &r); err != nil {
		return nil, err
	}
	if r.Decision != "approve" && r.Decision != "reject" {
		return nil, httpapi.Invalid("decision", "invalid")
	}
	return h.plans.DecideExtension(c.Request().Context(), id, r.Decision == "approve", r.Note)
}

func (h *handler) apiDecide(c echo.Context) error {
	x, err := h.decide(c)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, extensionJSON(x))
}

// evidenceDownload streams an evidence file after the read check (the unit wall).
func (h *handler) evidenceDownload(c echo.Context) error {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return err
	}
	f, r, err := h.plans.Evidence(c.Request().Context(), id)
	if err != nil {
		return err
	}
	defer r.Close()
	return httpapi.Attachment(c, f.Name, f.ContentType, f.Size, r)
}

func (h *handler) apiRollup(c echo.Context) error {
	f := plan.RollupFilter{}
	var err error
	if f.PlanID, err = intParam(c, "plan_id"); err != nil {
		return err
	}
	if c.QueryParam("plan_id") != "" { // ?plan_id=0 is a plan that is not found, not no filter
		if _, err := h.plans.GetPlan(c.Request().Context(), f.PlanID); err != nil {
			return err
		}
	}
	if f.Year, err = intParam(c, "year"); err != nil {
		return err
	}
	if f.UnitIDs, err = intsParam(c, "unit_id"); err != nil {
		return err
	}
	counts, err := h.plans.Rollup(c.Request().Context(), f)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, counts)
}
