package reminder

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/ent/planobligation"
	"github.com/danvan-vn/danvan/ent/reportperiod"
	"github.com/danvan-vn/danvan/ent/task"
	"github.com/danvan-vn/danvan/ent/taskassignment"
	"github.com/danvan-vn/danvan/ent/unitreport"
	"github.com/danvan-vn/danvan/ent/workplan"
	"github.com/danvan-vn/danvan/internal/calendar"
	"github.com/danvan-vn/danvan/internal/textnorm"
)

// subject is one open thing a unit owes by a deadline: what a source hands the engine.
type subject struct {
	Kind     string
	ID       int
	UnitID   int
	UnitName string // "" to take the unit's current name
	Title    string
	Link     string // a path in the app, below the province's /t/{slug}
	DueOn    calendar.Date
	RegimeID int // a report's regime (its offsets remind the unit)
}

// source lists the open subjects of one kind. Each query reads one province (the context's)
// in bulk: one or two statements per call, whatever the number of subjects. Later modules add
// theirs to Service.sources.
type source interface {
	kind() string
	// open returns the open subjects whose deadline falls within [from, to].
	open(ctx context.Context, c *ent.Client, from, to calendar.Date) ([]subject, error)
	// byIDs returns the subjects among ids that are still open, whatever their deadline.
	byIDs(ctx context.Context, c *ent.Client, ids []int) ([]subject, error)
}

// chunk is how many ids one IN (...) list carries: well under PostgreSQL's 65,535 parameters.
const chunk = 10000

// inChunks runs f over ids in slices of at most chunk.
func inChunks(ids []int, f func(ids []int) error) error {
	for i := 0; i < len(ids); i += chunk {
		if err := f(ids[i:min(i+chunk, len(ids))]); err != nil {
			return err
		}
	}
	return nil
}

// dateOf reads a stored civil date (midnight UTC) whatever the process's time zone.
func dateOf(t time.Time) calendar.Date {
	t = t.UTC()
	return calendar.NewDate(t.Year(), t.Month(), t.Day())
}

// shorten keeps a title to its first line and n runes.
func shorten(s string, n int) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexAny(s, "\r\n"); i >= 0 {
		s = strings.TrimSpace(s[:i])
	}
	return textnorm.Ellipsis(s, n)
}

func uniq(ids []int) []int {
	seen := make(map[int]bool, len(ids))
	out := make([]int, 0, len(ids))
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// reportSource: a unit's report for a period, open while not submitted (not started, draft or
// returned) and not excused; its deadline is the period's due day.
type reportSource struct{}

func (reportSource) kind() string { return SubjectReport }

var openReport = []unitreport.Status{unitreport.StatusNotStarted, unitreport.StatusDraft, unitreport.StatusReturned}

func (s reportSource) open(ctx context.Context, c *ent.Client, from, to calendar.Date) ([]subject, error) {
	ps, err := c.ReportPeriod.Query().Where(reportperiod.DueOnGTE(from.UTC()), reportperiod.DueOnLTE(to.UTC())).
		Select(reportperiod.FieldID, reportperiod.FieldRegimeID, reportperiod.FieldName, reportperiod.FieldDueOn).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("reminder: open report periods: %w", err)
	}
	if len(ps) == 0 {
		return nil, nil
	}
	ids := make([]int, len(ps))
	for i, p := range ps {
		ids[i] = p.ID
	}
	rs, err := c.UnitReport.Query().Where(unitreport.PeriodIDIn(ids...), unitreport.Excused(false), unitreport.StatusIn(openReport...)).
		Select(unitreport.FieldID, unitreport.FieldPeriodID, unitreport.FieldUnitID, unitreport.FieldUnitName).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("reminder: open unit reports: %w", err)
	}
	return s.subjects(ps, rs), nil
}

func (s reportSource) byIDs(ctx context.Context, c *ent.Client, ids []int) ([]subject, error) {
	var rs []*ent.UnitReport
	err := inChunks(uniq(ids), func(ids []int) error {
		part, err := c.UnitReport.Query().Where(unitreport.IDIn(ids...), unitreport.Excused(false), unitreport.StatusIn(openReport...)).
			Select(unitreport.FieldID, unitreport.FieldPeriodID, unitreport.FieldUnitID, unitreport.FieldUnitName).All(ctx)
		rs = append(rs, part...)
		return err
	})
	if err != nil || len(rs) == 0 {
		return nil, err
	}
	pids := make([]int, len(rs))
	for i, r := range rs {
		pids[i] = r.PeriodID
	}
	ps, err := c.ReportPeriod.Query().Where(reportperiod.IDIn(uniq(pids)...)).
		Select(reportperiod.FieldID, reportperiod.FieldRegimeID, reportperiod.FieldName, reportperiod.FieldDueOn).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("reminder: report periods: %w", err)
	}
	return s.subjects(ps, rs), nil
}

func (reportSource) subjects(ps []*ent.ReportPeriod, rs []*ent.UnitReport) []subject {
	byID := make(map[int]*ent.ReportPeriod, len(ps))
	for _, p := range ps {
		byID[p.ID] = p
	}
	out := make([]subject, 0, len(rs))
	for _, r := range rs {
		p := byID[r.PeriodID]
		if p == nil {
			continue
		}
		out = append(out, subject{Kind: SubjectReport, ID: r.ID, UnitID: r.UnitID, UnitName: r.UnitName, Title: p.Name,
			Link: "/reports/units/" + strconv.Itoa(r.ID), DueOn: dateOf(p.DueOn), RegimeID: p.RegimeID})
	}
	return out
}

// taskSource: a unit's assignment to a task with a date deadline, open until completed.
type taskSource struct{}

func (taskSource) kind() string { return SubjectTask }

var taskFields = []string{taskassignment.FieldID, taskassignment.FieldTaskID, taskassignment.FieldUnitID, taskassignment.FieldDueOn}

func (s taskSource) open(ctx context.Context, c *ent.Client, from, to calendar.Date) ([]subject, error) {
	as, err := c.TaskAssignment.Query().Where(taskassignment.CompletedOnIsNil(), taskassignment.DueOnNotNil(),
		taskassignment.DueOnGTE(from.UTC()), taskassignment.DueOnLTE(to.UTC())).Select(taskFields...).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("reminder: open task assignments: %w", err)
	}
	return s.subjects(ctx, c, as)
}

func (s taskSource) byIDs(ctx context.Context, c *ent.Client, ids []int) ([]subject, error) {
	var as []*ent.TaskAssignment
	err := inChunks(uniq(ids), func(ids []int) error {
		part, err := c.TaskAssignment.Query().Where(taskassignment.IDIn(ids...), taskassignment.CompletedOnIsNil(),
			taskassignment.DueOnNotNil()).Select(taskFields...).All(ctx)
		as = append(as, part...)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("reminder: task assignments: %w", err)
	}
	return s.subjects(ctx, c, as)
}

func (taskSource) subjects(ctx context.Context, c *ent.Client, as []*ent.TaskAssignment) ([]subject, error) {
	if len(as) == 0 {
		return nil, nil
	}
	tids := make([]int, len(as))
	for i, a := range as {
		tids[i] = a.TaskID
	}
	titles := map[int]string{}
	err := inChunks(uniq(tids), func(ids []int) error {
		ts, err := c.Task.Query().Where(task.IDIn(ids...)).Select(task.FieldID, task.FieldContent).All(ctx)
		for _, t := range ts {
			titles[t.ID] = shorten(t.Content, 160)
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("reminder: tasks: %w", err)
	}
	out := make([]subject, 0, len(as))
	for _, a := range as {
		out = append(out, subject{Kind: SubjectTask, ID: a.ID, UnitID: a.UnitID, Title: titles[a.TaskID],
			Link: "/tasks/" + strconv.Itoa(a.TaskID), DueOn: dateOf(*a.DueOn)})
	}
	return out, nil
}

// obligationSource: a unit's duty to issue its implementation plan, open until fulfilled.
type obligationSource struct{}

func (obligationSource) kind() string { return SubjectObligation }

var obligationFields = []string{planobligation.FieldID, planobligation.FieldWorkPlanID, planobligation.FieldUnitID, planobligation.FieldDueOn}

func (s obligationSource) open(ctx context.Context, c *ent.Client, from, to calendar.Date) ([]subject, error) {
	os, err := c.PlanObligation.Query().Where(planobligation.FulfilledOnIsNil(), planobligation.DueOnNotNil(),
		planobligation.DueOnGTE(from.UTC()), planobligation.DueOnLTE(to.UTC())).Select(obligationFields...).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("reminder: open plan obligations: %w", err)
	}
	return s.subjects(ctx, c, os)
}

func (s obligationSource) byIDs(ctx context.Context, c *ent.Client, ids []int) ([]subject, error) {
	var os []*ent.PlanObligation
	err := inChunks(uniq(ids), func(ids []int) error {
		part, err := c.PlanObligation.Query().Where(planobligation.IDIn(ids...), planobligation.FulfilledOnIsNil(),
			planobligation.DueOnNotNil()).Select(obligationFields...).All(ctx)
		os = append(os, part...)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("reminder: plan obligations: %w", err)
	}
	return s.subjects(ctx, c, os)
}

func (obligationSource) subjects(ctx context.Context, c *ent.Client, os []*ent.PlanObligation) ([]subject, error) {
	if len(os) == 0 {
		return nil, nil
	}
	pids := make([]int, len(os))
	for i, o := range os {
		pids[i] = o.WorkPlanID
	}
	titles := map[int]string{}
	err := inChunks(uniq(pids), func(ids []int) error {
		ps, err := c.WorkPlan.Query().Where(workplan.IDIn(ids...)).Select(workplan.FieldID, workplan.FieldTitle).All(ctx)
		for _, p := range ps {
			titles[p.ID] = shorten(p.Title, 160)
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("reminder: plans: %w", err)
	}
	out := make([]subject, 0, len(os))
	for _, o := range os {
		out = append(out, subject{Kind: SubjectObligation, ID: o.ID, UnitID: o.UnitID, Title: titles[o.WorkPlanID],
			Link: "/plans/" + strconv.Itoa(o.WorkPlanID), DueOn: dateOf(*o.DueOn)})
	}
	return out, nil
}
