package plans

import (
	"net/http"
	"slices"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/danvan-vn/danvan/ent"
	entschema "github.com/danvan-vn/danvan/ent/schema"
	"github.com/danvan-vn/danvan/internal/calendar"
	"github.com/danvan-vn/danvan/internal/httpapi"
	"github.com/danvan-vn/danvan/internal/plan"
	"github.com/danvan-vn/danvan/internal/web"
)

var (
	planStatuses = []string{"draft", "issued", "closed"}
	planKinds    = []string{"ke_hoach", "chuong_trinh", "cong_van", "other"}
)

// formRefused answers a form's refusal: a refusal of its fields shows the form again (render
// gets the fields' message keys); any other error is returned as it is.
func formRefused(err error, render func(errs map[string]string) error) error {
	fields, ok := httpapi.FieldKeys(err)
	if !ok {
		return err
	}
	return render(fields)
}

func (h *handler) renderPlans(c echo.Context, status int, form planRequest, errs map[string]string) error {
	ctx := c.Request().Context()
	f, err := listFilter(c)
	if err != nil {
		return err
	}
	ps, err := h.plans.ListPlans(ctx, f)
	if err != nil {
		return err
	}
	p := PlansPage{Page: httpapi.PageOf(c, "workplans.title"), Status: f.Status, Mine: f.Mine, Level: f.Level, Levels: []string{plan.LevelTop, plan.LevelImplementation, "all"}, Statuses: planStatuses, Kinds: planKinds,
		Form: form, Errors: errs}
	if f.Year > 0 {
		p.Year = strconv.Itoa(f.Year)
	}
	opts, names, err := h.unitOptions(c)
	if err != nil {
		return err
	}
	for _, s := range ps {
		r := planRow(s.Plan, s.Tasks, s.Counts)
		r.UnitName = names[r.UnitID]
		p.Plans = append(p.Plans, r)
	}
	if httpapi.Can(c, permPlanCreate) {
		p.Units = opts
		if p.Form.Year == 0 {
			p.Form.Year = calendar.Today().Year
		}
	}
	return httpapi.HTML(c, status, "work_plans", p)
}

// unitOptions are the units a plan may be issued by: a unit officer's own, else every unit.
func (h *handler) unitOptions(c echo.Context) ([]web.UnitOption, map[int]string, error) {
	nodes, err := h.units.AsOf(c.Request().Context(), calendar.Today().UTC(), "")
	if err != nil {
		return nil, nil, err
	}
	mine := viewerUnits(c)
	var opts []web.UnitOption
	names := map[int]string{}
	for _, n := range nodes {
		names[n.Unit.ID] = n.Version.Name
		if len(mine) > 0 && !slices.Contains(mine, n.Unit.ID) {
			continue
		}
		o := web.UnitOption{ID: n.Unit.ID, Code: n.Unit.Code, Name: n.Version.Name}
		if n.Version.Type == "province" {
			opts = append([]web.UnitOption{o}, opts...)
		} else {
			opts = append(opts, o)
		}
	}
	return opts, names, nil
}

func (h *handler) plansPage(c echo.Context) error {
	return h.renderPlans(c, http.StatusOK, planRequest{}, nil)
}

func (h *handler) plansCreate(c echo.Context) error {
	r, p, err := h.createPlan(c)
	if err != nil {
		return formRefused(err, func(errs map[string]string) error {
			return h.renderPlans(c, http.StatusUnprocessableEntity, r, errs)
		})
	}
	return httpapi.Redirect(c, httpapi.ProvinceURL(c, "/plans/"+strconv.Itoa(p.ID)), "plan_created")
}

func nextStatus(s string) string {
	switch s {
	case "draft":
		return "issued"
	case "issued":
		return "closed"
	}
	return ""
}

func (h *handler) renderPlan(c echo.Context, status int, errs map[string]string) error {
	ctx := c.Request().Context()
	b, err := h.board(c)
	if err != nil {
		return err
	}
	p := PlanPage{Page: httpapi.PageOf(c, "workplans.plan.title"), Plan: planRow(b.Plan, len(b.Tasks), b.Counts), Chart: chartOf(b.Counts),
		TaskCounts: b.TaskCounts, Mine: c.QueryParam("mine") == "1", Statuses: planStatuses, Kinds: planKinds,
		Next: nextStatus(string(b.Plan.Status)), Errors: errs}
	editableBy(c, &p.Page, b.Plan.UnitID)
	if b.Plan.DocumentID != nil {
		p.DocumentID = *b.Plan.DocumentID
	}
	mine := viewerUnits(c)
	for _, t := range b.Tasks {
		r := taskRowVM(t.Task)
		r.Status, r.Chart = string(t.Status), chartOf(t.Counts)
		for _, a := range t.Lead {
			r.Lead = append(r.Lead, assignmentVM(a, mine))
		}
		for _, a := range t.Coordinating {
			r.Coordinating = append(r.Coordinating, assignmentVM(a, mine))
		}
		p.Tasks = append(p.Tasks, r)
	}
	for _, u := range b.Units {
		p.Units = append(p.Units, UnitCountsVM{UnitID: u.UnitID, UnitName: u.UnitName, Counts: u.Counts, Chart: chartOf(u.Counts)})
	}
	obs, err := h.plans.Obligations(ctx, b.Plan.ID)
	if err != nil {
		return err
	}
	if len(obs) > 0 {
		var ids []int
		for _, o := range obs {
			ids = append(ids, o.UnitID)
		}
		names, err := h.plans.UnitNames(ctx, ids)
		if err != nil {
			return err
		}
		for _, o := range obs {
			p.Obligations = append(p.Obligations, obligationOf(o, names[o.UnitID]))
		}
	}
	return httpapi.HTML(c, status, "work_plan", p)
}

func (h *handler) planPage(c echo.Context) error { return h.renderPlan(c, http.StatusOK, nil) }

func (h *handler) planUpdate(c echo.Context) error {
	_, p, err := h.updatePlan(c)
	if err != nil {
		return formRefused(err, func(errs map[string]string) error {
			return h.renderPlan(c, http.StatusUnprocessableEntity, errs)
		})
	}
	return httpapi.Redirect(c, httpapi.ProvinceURL(c, "/plans/"+strconv.Itoa(p.ID)), "plan_saved")
}

// renderTaskForm shows the task form of plan p; form holds what was typed (or the task).
func (h *handler) renderTaskForm(c echo.Context, status int, p *ent.WorkPlan, taskID int, form taskRequest, errs map[string]string) error {
	d := calendar.Today().UTC()
	if p.IssuedOn != nil {
		d = *p.IssuedOn
	}
	nodes, err := h.units.AsOf(c.Request().Context(), d, "")
	if err != nil {
		return err
	}
	vm := TaskFormPage{Page: httpapi.PageOf(c, "workplans.task_form.title_new"), Plan: planRow(p, 0, plan.Counts{}), TaskID: taskID,
		Form: form, Errors: errs, Action: httpapi.ProvinceURL(c, "/plans/"+strconv.Itoa(p.ID)+"/tasks"),
		DeadlineKinds: []string{"date", "yearly", "continuous", "none"}, Shifts: []string{"next_working_day", "previous_working_day", "none"}}
	if taskID > 0 {
		vm.Title, vm.Action = "workplans.task_form.title_edit", httpapi.ProvinceURL(c, "/tasks/"+strconv.Itoa(taskID))
	}
	keep, err := h.taskUnits(c, p, d)
	if err != nil {
		return err
	}
	byType := map[string][]UnitPickVM{}
	for _, n := range nodes {
		if !keep(n.Unit.ID) {
			continue
		}
		t := string(n.Version.Type)
		byType[t] = append(byType[t], UnitPickVM{ID: n.Unit.ID, Name: n.Version.Name,
			Lead: slices.Contains(form.LeadUnitIDs, n.Unit.ID), Coord: slices.Contains(form.CoordinatingUnitIDs, n.Unit.ID)})
	}
	for _, t := range entschema.UnitTypes {
		if len(byType[t]) > 0 {
			vm.Groups = append(vm.Groups, UnitPickGroupVM{Type: t, Units: byType[t]})
		}
	}
	return httpapi.HTML(c, status, "task_form", vm)
}

func (h *handler) taskNewPage(c echo.Context) error {
	p, err := h.workPlan(c)
	if err != nil {
		return err
	}
	return h.renderTaskForm(c, http.StatusOK, p, 0, taskRequest{DeadlineKind: "date", Shift: "next_working_day"}, nil)
}

func (h *handler) taskCreate(c echo.Context) error {
	r, t, err := h.saveTask(c, true)
	if err != nil {
		return formRefused(err, func(errs map[string]string) error {
			p, err := h.workPlan(c)
			if err != nil {
				return err
			}
			return h.renderTaskForm(c, http.StatusUnprocessableEntity, p, 0, r, errs)
		})
	}
	return httpapi.Redirect(c, httpapi.ProvinceURL(c, "/plans/"+strconv.Itoa(t.WorkPlanID)), "task_added")
}

func taskForm(td *plan.TaskDetail) taskRequest {
	t := td.Task
	r := taskRequest{Number: t.Number, Position: t.Position, Content: t.Content, DeadlineKind: string(t.DeadlineKind), DueDay: t.DueDay,
		DueMonth: t.DueMonth, DeadlineText: t.DeadlineText, Shift: string(t.Shift)}
	if t.DueOn != nil {
		r.DueOn = dmy(*t.DueOn)
	}
	for _, a := range td.Assignments {
		if a.Assignment.Role == "lead" {
			r.LeadUnitIDs = append(r.LeadUnitIDs, a.Assignment.UnitID)
		} else {
			r.CoordinatingUnitIDs = append(r.CoordinatingUnitIDs, a.Assignment.UnitID)
		}
	}
	return r
}

func (h *handler) taskEditPage(c echo.Context) error {
	id, td, err := h.task(c)
	if err != nil {
		return err
	}
	return h.renderTaskForm(c, http.StatusOK, td.Plan, id, taskForm(td), nil)
}

func (h *handler) taskUpdate(c echo.Context) error {
	r, t, err := h.saveTask(c, false)
	if err != nil {
		return formRefused(err, func(errs map[string]string) error {
			id, td, err := h.task(c)
			if err != nil {
				return err
			}
			return h.renderTaskForm(c, http.StatusUnprocessableEntity, td.Plan, id, r, errs)
		})
	}
	return httpapi.Redirect(c, httpapi.ProvinceURL(c, "/tasks/"+strconv.Itoa(t.ID)), "task_saved")
}

func (h *handler) taskDelete(c echo.Context) error {
	id, td, err := h.task(c)
	if err != nil {
		return err
	}
	if err := h.plans.DeleteTask(c.Request().Context(), id); err != nil {
		return err
	}
	return httpapi.Redirect(c, httpapi.ProvinceURL(c, "/plans/"+strconv.Itoa(td.Plan.ID)), "task_deleted")
}

func (h *handler) taskPage(c echo.Context) error {
	_, td, err := h.task(c)
	if err != nil {
		return err
	}
	p := TaskPage{Page: httpapi.PageOf(c, "workplans.task.title"), Plan: planRow(td.Plan, 0, plan.Counts{}), Task: taskRowVM(td.Task)}
	editableBy(c, &p.Page, td.Plan.UnitID)
	p.Task.Status = string(td.Status)
	mine := viewerUnits(c)
	for _, d := range td.Assignments {
		p.Assignments = append(p.Assignments, detailVM(d, mine))
		if d.Assignment.CompletedOn == nil {
			p.Open++
		}
	}
	return httpapi.HTML(c, http.StatusOK, "task", p)
}

func (h *handler) renderMyTasks(c echo.Context, status, errorFor int, errs map[string]string) error {
	ctx := c.Request().Context()
	mine := viewerUnits(c)
	as, err := h.plans.UnitAssignments(ctx, mine)
	if err != nil {
		return err
	}
	p := MyTasksPage{Page: httpapi.PageOf(c, "workplans.my.title"), ErrorFor: errorFor, Errors: errs, Today: calendar.Today().String()}
	ds, err := h.plans.Details(ctx, as)
	if err != nil {
		return err
	}
	var counts plan.Counts
	for i, a := range as {
		v := MyTaskVM{AssignmentVM: detailVM(ds[i], mine), TaskID: a.Task.ID, TaskNumber: a.Task.Number,
			TaskContent: a.Task.Content, PlanID: a.Plan.ID, PlanTitle: a.Plan.Title, Deadline: a.Task.DeadlineText}
		p.Rows = append(p.Rows, v)
		if a.Assignment.Role == "lead" {
			counts.Add(a.Status)
		}
	}
	p.Chart = chartOf(counts)
	if p.Obligations, err = h.myObligations(c); err != nil {
		return err
	}
	return httpapi.HTML(c, status, "my_tasks", p)
}

func (h *handler) myTasksPage(c echo.Context) error { return h.renderMyTasks(c, http.StatusOK, 0, nil) }

func (h *handler) progressSubmit(c echo.Context) error {
	id, _, err := h.report(c)
	if err != nil {
		return formRefused(err, func(errs map[string]string) error {
			return h.renderMyTasks(c, http.StatusUnprocessableEntity, id, errs)
		})
	}
	return httpapi.Redirect(c, httpapi.ProvinceURL(c, "/my-tasks"), "progress_reported")
}

func (h *handler) extensionSubmit(c echo.Context) error {
	id, _, _, err := h.requestExtension(c)
	if err != nil {
		return formRefused(err, func(errs map[string]string) error {
			return h.renderMyTasks(c, http.StatusUnprocessableEntity, id, errs)
		})
	}
	return httpapi.Redirect(c, httpapi.ProvinceURL(c, "/my-tasks"), "extension_requested")
}

func (h *handler) reopenSubmit(c echo.Context) error {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	if err := h.plans.Reopen(ctx, id); err != nil {
		return err
	}
	av, err := h.plans.Assignment(ctx, id)
	if err != nil {
		return err
	}
	return httpapi.Redirect(c, httpapi.ProvinceURL(c, "/tasks/"+strconv.Itoa(av.Task.ID)), "assignment_reopened")
}

func (h *handler) extensionsPage(c echo.Context) error {
	status := c.QueryParam("status")
	if status == "" {
		status = "requested"
	}
	if status == "all" {
		status = ""
	}
	rows, err := h.plans.Extensions(c.Request().Context(), status)
	if err != nil {
		return err
	}
	p := ExtensionsPage{Page: httpapi.PageOf(c, "workplans.extensions.title"), Status: status, Statuses: []string{"requested", "approved", "rejected"}}
	for _, r := range rows {
		v := extensionVM(r.Extension)
		v.UnitName, v.TaskID, v.TaskNumber, v.TaskContent, v.PlanID, v.PlanTitle = r.UnitName, r.Task.ID, r.Task.Number, r.Task.Content, r.Plan.ID, r.Plan.Title
		p.Rows = append(p.Rows, v)
	}
	return httpapi.HTML(c, http.StatusOK, "extensions", p)
}

func (h *handler) decideSubmit(c echo.Context) error {
	if _, err := h.decide(c); err != nil {
		return err
	}
	return httpapi.Redirect(c, httpapi.ProvinceURL(c, "/extensions"), "extension_decided")
}
