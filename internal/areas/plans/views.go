package plans

import (
	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/internal/plan"
	"github.com/danvan-vn/danvan/internal/web"
)

// SegmentVM is one status's bar of a chart: x and width in the SVG's 0–100 box.
type SegmentVM = web.ChartSegment

// ChartVM is a small horizontal stacked bar of counts per status, drawn as SVG by the server.
type ChartVM = web.StatusChart

func chartOf(c plan.Counts) ChartVM {
	ss := make([]string, len(plan.Statuses))
	ns := make([]int, len(plan.Statuses))
	for i, s := range plan.Statuses {
		ss[i], ns[i] = string(s), c.Of(s)
	}
	return web.NewStatusChart(ss, ns)
}

// PlanRowVM is a plan of the list.
type PlanRowVM struct {
	ID       int
	UnitID   int
	UnitName string // the issuing unit
	Title    string
	Kind     string
	Year     int
	Status   string
	IssuedOn string
	Tasks    int
	Chart    ChartVM
}

func planRow(p *ent.WorkPlan, tasks int, c plan.Counts) PlanRowVM {
	r := PlanRowVM{ID: p.ID, UnitID: p.UnitID, Title: p.Title, Kind: string(p.Kind), Year: p.Year, Status: string(p.Status), Tasks: tasks, Chart: chartOf(c)}
	if p.IssuedOn != nil {
		r.IssuedOn = p.IssuedOn.Format("02/01/2006")
	}
	return r
}

// PlansPage is /t/{slug}/plans: the plans (filters year, status, mine) and, with plan:create,
// the form of a new plan.
type PlansPage struct {
	web.Page
	Year, Status string
	Level        string   // top, implementation, all
	Levels       []string // the level filter's choices
	Mine         bool
	Plans        []PlanRowVM
	Statuses     []string
	Kinds        []string
	Units        []web.UnitOption // issuing units offered
	Form         planRequest
	Errors       map[string]string
}

// AssignmentVM is a unit's assignment as pages show it.
type AssignmentVM struct {
	ID, UnitID     int
	UnitName       string
	Role           string
	Status         string
	Due            string // effective due day, dd/mm/yyyy
	DueOn          string // nominal (after extensions)
	Percent        int
	CompletedOn    string
	LastReportedOn string
	Progress       []ProgressVM
	Extensions     []ExtensionVM
	Pending        bool // an extension request waits
	Mine           bool // the viewer is staff of the unit
}

// ProgressVM is a progress report.
type ProgressVM struct {
	Percent    int
	Narrative  string
	ReportedOn string
	Completes  bool
	Files      []FileVM
}

// FileVM is an evidence file.
type FileVM struct {
	ID   int
	Name string
	Size int64
}

// ExtensionVM is an extension request.
type ExtensionVM struct {
	ID           int
	AssignmentID int
	UnitName     string
	OldDue       string
	NewDue       string
	Reason       string
	Status       string
	DecisionNote string
	TaskID       int
	TaskNumber   string
	TaskContent  string
	PlanID       int
	PlanTitle    string
}

func dmy(t interface{ Format(string) string }) string { return t.Format("02/01/2006") }

func extensionVM(x *ent.TaskExtension) ExtensionVM {
	v := ExtensionVM{ID: x.ID, AssignmentID: x.AssignmentID, NewDue: dmy(x.NewDue), Reason: x.Reason, Status: string(x.Status),
		DecisionNote: x.DecisionNote}
	if x.OldDue != nil {
		v.OldDue = dmy(*x.OldDue)
	}
	return v
}

func assignmentVM(r plan.AssignmentRow, mine []int) AssignmentVM {
	a := r.Assignment
	v := AssignmentVM{ID: a.ID, UnitID: a.UnitID, UnitName: r.UnitName, Role: string(a.Role), Status: string(r.Status), Percent: a.Percent}
	if r.Due != nil {
		v.Due = r.Due.String()
	}
	if a.DueOn != nil {
		v.DueOn = dmy(*a.DueOn)
	}
	if a.CompletedOn != nil {
		v.CompletedOn = dmy(*a.CompletedOn)
	}
	if a.LastReportedOn != nil {
		v.LastReportedOn = dmy(*a.LastReportedOn)
	}
	for _, u := range mine {
		if u == a.UnitID {
			v.Mine = true
		}
	}
	return v
}

func detailVM(d plan.AssignmentDetail, mine []int) AssignmentVM {
	v := assignmentVM(d.AssignmentRow, mine)
	for _, p := range d.Progress {
		pv := ProgressVM{Percent: p.Progress.Percent, Narrative: p.Progress.Narrative, ReportedOn: dmy(p.Progress.ReportedOn), Completes: p.Progress.Completes}
		for _, f := range p.Files {
			pv.Files = append(pv.Files, FileVM{ID: f.ID, Name: f.Name, Size: f.Size})
		}
		v.Progress = append(v.Progress, pv)
	}
	for _, x := range d.Extensions {
		xv := extensionVM(x)
		xv.UnitName = d.UnitName
		v.Extensions = append(v.Extensions, xv)
		if x.Status == "requested" {
			v.Pending = true
		}
	}
	return v
}

// TaskRowVM is a task of a plan's page.
type TaskRowVM struct {
	ID           int
	Number       string
	Content      string
	Deadline     string // the deadline as shown: the text, else the day or the kind
	DeadlineKind string
	DueOn        string
	DueDay       int
	DueMonth     int
	Status       string
	Lead         []AssignmentVM
	Coordinating []AssignmentVM
	Chart        ChartVM
}

func taskRowVM(t *ent.Task) TaskRowVM {
	r := TaskRowVM{ID: t.ID, Number: t.Number, Content: t.Content, Deadline: t.DeadlineText, DeadlineKind: string(t.DeadlineKind),
		DueDay: t.DueDay, DueMonth: t.DueMonth}
	if t.DueOn != nil {
		r.DueOn = dmy(*t.DueOn)
	}
	return r
}

// UnitCountsVM is a unit's row of units × statuses.
type UnitCountsVM struct {
	UnitID   int
	UnitName string
	Counts   plan.Counts
	Chart    ChartVM
}

// ObligationVM is an implementation plan a unit owes.
type ObligationVM struct {
	UnitName      string
	DueOn         string
	FulfilledPlan int
	FulfilledOn   string
}

// obligationOf is what the plan page and the obligations board both show of an obligation.
func obligationOf(o *ent.PlanObligation, unitName string) ObligationVM {
	v := ObligationVM{UnitName: unitName}
	if o.DueOn != nil {
		v.DueOn = dmy(*o.DueOn)
	}
	if o.FulfilledPlanID != nil {
		v.FulfilledPlan = *o.FulfilledPlanID
	}
	if o.FulfilledOn != nil {
		v.FulfilledOn = dmy(*o.FulfilledOn)
	}
	return v
}

// PlanPage is /t/{slug}/plans/{id}: the plan's header (document link, status change), its
// tasks in order with their units and status, and units × statuses.
type PlanPage struct {
	web.Page
	Plan        PlanRowVM
	DocumentID  int
	Mine        bool
	Chart       ChartVM
	TaskCounts  plan.Counts
	Tasks       []TaskRowVM
	Units       []UnitCountsVM
	Obligations []ObligationVM
	Statuses    []string
	Kinds       []string
	Next        string // the status it can move to ("" when closed)
	Errors      map[string]string
}

// UnitPickVM is a unit offered to a task: lead, coordinating or neither.
type UnitPickVM struct {
	ID          int
	Name        string
	Lead, Coord bool
}

// UnitPickGroupVM is the units of one type.
type UnitPickGroupVM struct {
	Type  string
	Units []UnitPickVM
}

// TaskFormPage is the form of a new task (/plans/{id}/tasks/new) or of a task's change
// (/tasks/{id}/edit).
type TaskFormPage struct {
	web.Page
	Plan   PlanRowVM
	TaskID int
	Action string
	Form   taskRequest
	Groups []UnitPickGroupVM
	// DeadlineKinds and Shifts are the choices offered.
	DeadlineKinds, Shifts []string
	Errors                map[string]string
}

// TaskPage is /t/{slug}/tasks/{id}: the task, each unit's assignment with its status, progress
// history, evidence and extensions.
type TaskPage struct {
	web.Page
	Plan        PlanRowVM
	Task        TaskRowVM
	Assignments []AssignmentVM
	Open        int // assignments not completed: the urge form's subjects
}

// MyTaskVM is one of the viewer's units' assignments, with its task and plan.
type MyTaskVM struct {
	AssignmentVM
	TaskID      int
	TaskNumber  string
	TaskContent string
	PlanID      int
	PlanTitle   string
	Deadline    string
}

// MyTasksPage is /t/{slug}/my-tasks: the assignments of the viewer's units across plans, each
// with the progress form (files too) and the extension form.
type MyTasksPage struct {
	web.Page
	Rows     []MyTaskVM
	Chart    ChartVM // the lead assignments by status
	ErrorFor int     // the assignment whose form was refused
	Errors   map[string]string
	Today    string
	// Obligations are the implementation plans the viewer's units owe, with the form's link.
	Obligations []MyObligationVM
}

// ExtensionsPage is /t/{slug}/extensions: the requests (?status=, default requested), with the
// decision form for approvers.
type ExtensionsPage struct {
	web.Page
	Status   string
	Statuses []string
	Rows     []ExtensionVM
}
