package plans

import (
	"github.com/danvan-vn/danvan/internal/authz"
	"github.com/danvan-vn/danvan/internal/httpapi"
	"github.com/danvan-vn/danvan/internal/plan"
)

// Permissions this area's routes declare.
var (
	permPlanRead    = authz.Permission{Object: "plan", Action: "read"}
	permPlanCreate  = authz.Permission{Object: "plan", Action: "create"}
	permPlanUpdate  = authz.Permission{Object: "plan", Action: "update"}
	permAssignRead  = authz.Permission{Object: "assignment", Action: "read"}
	permAssignRep   = authz.Permission{Object: "assignment", Action: "report"}
	permAssignExt   = authz.Permission{Object: "assignment", Action: "extend"}
	permAssignAppro = authz.Permission{Object: "assignment", Action: "approve"}
)

// Register declares the area's routes.
func (h *handler) Register(r *httpapi.Router) {
	r = r.Area("plans")
	for name, key := range map[string]string{"plan_created": "workplans.flash.created", "plan_saved": "workplans.flash.saved",
		"task_added": "workplans.flash.task_added", "task_saved": "workplans.flash.task_saved", "task_deleted": "workplans.flash.task_deleted",
		"progress_reported": "workplans.flash.reported", "extension_requested": "workplans.flash.extension_requested",
		"extension_decided": "workplans.flash.extension_decided", "assignment_reopened": "workplans.flash.reopened",
		"implementation_created": "workplans.flash.implementation_created", "units_urged": "workplans.flash.urged"} {
		r.Flash(name, key)
	}
	r.Nav(httpapi.NavItem{Section: httpapi.NavProvince, Label: "workplans.nav", Path: "/plans", Perm: permPlanRead, Order: 30},
		httpapi.NavItem{Section: httpapi.NavProvince, Label: "workplans.nav_my_tasks", Path: "/my-tasks", Perm: permAssignRep, Order: 31},
		httpapi.NavItem{Section: httpapi.NavProvince, Label: "workplans.nav_extensions", Path: "/extensions", Perm: permAssignAppro, Order: 32})
	r.Templates("work_plans", "work_plan", "task", "task_form", "my_tasks", "extensions", "obligations", "implementation")
	p := r.Province()
	p.Page(httpapi.GET, "/plans", h.plansPage, permPlanRead)
	p.Page(httpapi.POST, "/plans", h.plansCreate, permPlanCreate)
	p.Page(httpapi.GET, "/plans/:id", h.planPage, permPlanRead)
	p.Page(httpapi.POST, "/plans/:id", h.planUpdate, permPlanUpdate)
	p.Page(httpapi.GET, "/plans/:id/tasks/new", h.taskNewPage, permPlanUpdate)
	p.Page(httpapi.POST, "/plans/:id/tasks", h.taskCreate, permPlanUpdate)
	p.Page(httpapi.GET, "/tasks/:id", h.taskPage, permPlanRead)
	p.Page(httpapi.GET, "/tasks/:id/edit", h.taskEditPage, permPlanUpdate)
	p.Page(httpapi.POST, "/tasks/:id", h.taskUpdate, permPlanUpdate)
	p.Page(httpapi.POST, "/tasks/:id/delete", h.taskDelete, permPlanUpdate)
	p.Page(httpapi.GET, "/my-tasks", h.myTasksPage, permAssignRead)
	p.Page(httpapi.POST, "/assignments/:id/progress", h.progressSubmit, permAssignRep)
	p.Page(httpapi.POST, "/assignments/:id/extensions", h.extensionSubmit, permAssignExt)
	p.Page(httpapi.POST, "/assignments/:id/reopen", h.reopenSubmit, permAssignAppro)
	p.Page(httpapi.GET, "/evidence/:id", h.evidenceDownload, permAssignRead)
	p.Page(httpapi.GET, "/extensions", h.extensionsPage, permAssignRead)
	p.Page(httpapi.POST, "/extensions/:id/decide", h.decideSubmit, permAssignAppro)
	p.Page(httpapi.GET, "/plans/:id/obligations", h.obligationsPage, permPlanRead)
	p.Page(httpapi.POST, "/plans/:id/obligations/urge", h.obligationsUrgeSubmit, permAssignAppro)
	p.Page(httpapi.POST, "/tasks/:id/urge", h.taskUrgeSubmit, permAssignAppro)
	p.Page(httpapi.GET, "/plans/:id/implementation", h.implementationPage, permPlanCreate)
	p.Page(httpapi.POST, "/plans/:id/implementation", h.implementationSubmit, permPlanCreate)

	p.API(httpapi.GET, "/plans", h.apiPlans, permPlanRead, httpapi.Out[PlansJSON](),
		httpapi.Summary("The province's plans with their status counts (?year=, ?status=draft|issued|closed, ?unit_id=, ?mine=1 for the viewer's units)"))
	p.API(httpapi.POST, "/plans", h.apiPlanCreate, permPlanCreate, httpapi.In[planRequest](), httpapi.Out[PlanJSON](),
		httpapi.Created(), httpapi.Summary("Create a plan (kế hoạch, chương trình, công văn)"))
	p.API(httpapi.GET, "/plans/:id", h.apiPlan, permPlanRead, httpapi.Out[BoardJSON](),
		httpapi.Summary("A plan's board: its tasks with lead and coordinating units and their status, units × statuses (?mine=1)"))
	p.API(httpapi.PUT, "/plans/:id", h.apiPlanUpdate, permPlanUpdate, httpapi.In[planRequest](), httpapi.Out[PlanJSON](),
		httpapi.Summary("Change a plan: title, kind, year, status (draft → issued → closed)"))
	p.API(httpapi.GET, "/plans/:id/tasks", h.apiTasks, permPlanRead, httpapi.Out[TasksJSON](),
		httpapi.Summary("A plan's tasks in order, with their units and status"))
	p.API(httpapi.POST, "/plans/:id/tasks", h.apiTaskCreate, permPlanUpdate, httpapi.In[taskRequest](), httpapi.Out[TaskJSON](),
		httpapi.Created(), httpapi.Summary("Add a task: one assignment per lead and coordinating unit"))
	p.API(httpapi.GET, "/tasks/:id", h.apiTask, permPlanRead, httpapi.Out[TaskDetailJSON](),
		httpapi.Summary("A task with every assignment the viewer may see, their progress and extensions"))
	p.API(httpapi.PUT, "/tasks/:id", h.apiTaskUpdate, permPlanUpdate, httpapi.In[taskRequest](), httpapi.Out[TaskJSON](),
		httpapi.Summary("Change a task (all fields); a unit that already reported cannot be removed (409)"))
	p.API(httpapi.DELETE, "/tasks/:id", h.apiTaskDelete, permPlanUpdate,
		httpapi.Summary("Delete a task of a draft plan; 204"))
	p.API(httpapi.GET, "/assignments", h.apiAssignments, permAssignRead, httpapi.Out[UnitAssignmentsJSON](),
		httpapi.Summary("Assignments of issued plans for units (?unit_id=, repeated; default the viewer's units), most urgent first"))
	p.API(httpapi.GET, "/assignments/:id", h.apiAssignment, permAssignRead, httpapi.Out[AssignmentDetailJSON](),
		httpapi.Summary("An assignment with its status, progress history, evidence files and extensions"))
	p.API(httpapi.POST, "/assignments/:id/progress", h.apiProgress, permAssignRep, httpapi.In[progressRequest](), httpapi.Out[ProgressJSON](),
		httpapi.Created(), httpapi.Summary("Report progress: JSON, or multipart/form-data with evidence files in the field files (PDF, DOCX, TXT, JPEG, PNG; 50 MB each)"))
	p.API(httpapi.POST, "/assignments/:id/reopen", h.apiReopen, permAssignAppro,
		httpapi.Summary("Reopen a completed assignment; 204"))
	p.API(httpapi.POST, "/assignments/:id/extensions", h.apiExtensionRequest, permAssignExt, httpapi.In[extensionRequest](),
		httpapi.Out[ExtensionJSON](), httpapi.Created(), httpapi.Summary("Ask to move the assignment's due day (one pending request at a time)"))
	p.API(httpapi.GET, "/extensions", h.apiExtensions, permAssignRead, httpapi.Out[ExtensionsJSON](),
		httpapi.Summary("Extension requests, newest first (?status=requested|approved|rejected)"))
	p.API(httpapi.POST, "/extensions/:id/decide", h.apiDecide, permAssignAppro, httpapi.In[decisionRequest](), httpapi.Out[ExtensionJSON](),
		httpapi.Summary("Approve or reject a pending extension request; approval moves the due day"))
	p.API(httpapi.GET, "/evidence/:id", h.evidenceDownload, permAssignRead,
		httpapi.Summary("Download an evidence file"))
	p.API(httpapi.GET, "/rollup", h.apiRollup, permPlanRead, httpapi.Out[plan.Counts](),
		httpapi.Summary("Lead assignments by status today: of issued and closed plans, or of a plan (?plan_id=), a year (?year=), units (?unit_id=, repeated)"))
	p.API(httpapi.GET, "/plans/:id/obligations", h.apiObligations, permPlanRead, httpapi.Out[ObligationBoardJSON](),
		httpapi.Summary("The units' implementation plans a plan requires: status per unit (issued on time or late, pending, overdue), counts, "+
			"and per committee member by the units in their charge (?mine=1 for the viewer's units)"))
	p.API(httpapi.POST, "/plans/:id/implementation", h.apiImplementationCreate, permPlanCreate, httpapi.In[implementationRequest](),
		httpapi.Out[PlanJSON](), httpapi.Created(),
		httpapi.Summary("Create a unit's implementation plan of the plan (unit staff: their own unit), optionally copying the tasks that concern it; issued, it fulfils the unit's obligation"))
	p.API(httpapi.POST, "/tasks/:id/urge", h.apiTaskUrge, permAssignAppro, httpapi.In[urgeRequest](), httpapi.Out[UrgedJSON](),
		httpapi.Summary("Urge the units that have not completed task :id (ids: some of its assignments): a notification and an e-mail to each unit's officer and leader, through the reminder engine; the count urged"))
	p.API(httpapi.POST, "/plans/:id/obligations/urge", h.apiObligationsUrge, permAssignAppro, httpapi.In[urgeRequest](), httpapi.Out[UrgedJSON](),
		httpapi.Summary("Urge the units that have not issued their implementation plan of plan :id (ids: some obligations), through the reminder engine; the count urged"))
	h.registerTaskSheets(r, p)
}
