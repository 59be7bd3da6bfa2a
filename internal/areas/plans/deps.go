// Package plans is the area of plans and tasks (kế hoạch, nhiệm vụ): the province's plans with
// their numbered tasks and the units each task addresses, every unit's progress reports with
// evidence files, deadline extensions and their approval, and the four-way status board.
package plans

import (
	"context"
	"io"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/internal/areas/units"
	"github.com/danvan-vn/danvan/internal/httpapi"
	"github.com/danvan-vn/danvan/internal/plan"
)

// Plans is what the area needs of the plan service.
type Plans interface {
	CreatePlan(ctx context.Context, in plan.PlanInput) (*ent.WorkPlan, error)
	UpdatePlan(ctx context.Context, id int, in plan.PlanInput) (*ent.WorkPlan, error)
	GetPlan(ctx context.Context, id int) (*ent.WorkPlan, error)
	ListPlans(ctx context.Context, f plan.ListFilter) ([]plan.PlanSummary, error)
	Board(ctx context.Context, planID int, mine bool) (*plan.Board, error)
	Obligations(ctx context.Context, planID int) ([]*ent.PlanObligation, error)
	AddTask(ctx context.Context, planID int, in plan.TaskInput) (*ent.Task, error)
	UpdateTask(ctx context.Context, id int, in plan.TaskInput) (*ent.Task, error)
	DeleteTask(ctx context.Context, id int) error
	Task(ctx context.Context, id int) (*plan.TaskDetail, error)
	Assignment(ctx context.Context, id int) (*plan.AssignmentView, error)
	UnitAssignments(ctx context.Context, units []int) ([]plan.UnitAssignment, error)
	Details(ctx context.Context, uas []plan.UnitAssignment) ([]plan.AssignmentDetail, error)
	MyUnits(ctx context.Context) ([]int, error)
	Report(ctx context.Context, assignmentID int, in plan.ProgressInput) (*ent.TaskProgress, error)
	Reopen(ctx context.Context, assignmentID int) error
	Evidence(ctx context.Context, id int) (*ent.EvidenceFile, io.ReadCloser, error)
	RequestExtension(ctx context.Context, assignmentID int, in plan.ExtensionInput) (*ent.TaskExtension, error)
	DecideExtension(ctx context.Context, id int, approve bool, note string) (*ent.TaskExtension, error)
	Extensions(ctx context.Context, status string) ([]plan.ExtensionRow, error)
	Rollup(ctx context.Context, f plan.RollupFilter) (plan.Counts, error)
	UnitNames(ctx context.Context, ids []int) (map[int]string, error)
	Cascade
	TaskSheets
}

type handler struct {
	plans Plans
	units units.Lister
	urger Urger
}

// New builds the area.
func New(p Plans, u units.Lister, urger Urger) httpapi.Area {
	return &handler{plans: p, units: u, urger: urger}
}
