package home

import (
	"cmp"
	"context"
	"net/http"
	"slices"

	"github.com/danvan-vn/danvan/internal/calendar"
	"github.com/danvan-vn/danvan/internal/httpapi"
	"github.com/danvan-vn/danvan/internal/jobs"
	"github.com/danvan-vn/danvan/internal/plan"
	"github.com/danvan-vn/danvan/internal/viewer"
	"github.com/danvan-vn/danvan/internal/web"
	"github.com/labstack/echo/v4"
)

func (h *handler) homePage(c echo.Context) error {
	var err error
	ctx := c.Request().Context()
	p := web.HomePage{Page: httpapi.PageOf(c, "home.title")}
	if p.Can["job:read"] {
		js, _, err := h.jobs.List(ctx, httpapi.Tenant(c).ID, jobs.Filter{PerPage: 20})
		if err != nil {
			return err
		}
		for _, j := range js {
			p.Jobs = append(p.Jobs, jobRow(j))
		}
	}
	today := calendar.Today()
	if p.Can["regime:read"] {
		ds, err := h.deadlines(ctx, today, httpapi.Lang(c))
		if err != nil {
			return err
		}
		p.Deadlines, p.DeadlineDays = ds, deadlineDays
	}
	if p.Can["committee:read"] {
		n, us, err := h.uncovered(ctx, today)
		if err != nil {
			return err
		}
		p.Committees, p.Uncovered = n, us
	}
	if p.Can["plan:read"] {
		if p.Tasks, err = h.taskProgress(ctx, today); err != nil {
			return err
		}
	}
	members, err := h.members.Count(ctx)
	if err != nil {
		return err
	}
	p.Members = members
	if p.Can["usage:read"] {
		u, err := h.quota.Usage(ctx) // lists the bucket once, for the bars and the count
		if err != nil {
			return err
		}
		p.Usage = &web.UsageVM{Plan: u.Plan, Units: u.Units, MaxUnits: u.MaxUnits, Users: u.Users, MaxUsers: u.MaxUsers,
			StorageBytes: u.StorageBytes, MaxStorageBytes: u.MaxStorageBytes, Reports: u.ReportsThisMonth, MaxReports: u.MaxReportsMonth}
		p.StorageObjects = u.Objects
	} else if objs, err := h.store.List(ctx, viewer.FromContext(ctx).TenantSlug, ""); err == nil {
		p.StorageObjects = len(objs)
	}
	return httpapi.HTML(c, http.StatusOK, "home", p)
}

func jobRow(j jobs.Job) web.JobRow {
	return web.JobRow{ID: j.ID, Type: j.Type, Status: string(j.Status), Progress: j.Progress, Attempts: j.Attempts,
		LastError: j.Error, CreatedAt: j.CreatedAt}
}

// The home page lists the deadlines due within deadlineDays days, at most maxDeadlines of them,
// and names at most maxUncovered units per committee.
const (
	deadlineDays  = 60
	maxDeadlines  = 6
	maxUncovered  = 5
	perRegimeNext = 3 // a quarterly regime has at most one deadline in 60 days; 3 is plenty
)

// deadlines are the active regimes' deadlines due from today to deadlineDays days on, soonest
// first, computed by the regimes' own preview on the province calendar.
func (h *handler) deadlines(ctx context.Context, today calendar.Date, lang string) ([]web.DeadlineVM, error) {
	us, err := h.regimes.Upcoming(ctx, today, perRegimeNext)
	if err != nil {
		return nil, err
	}
	var out []web.DeadlineVM
	for _, u := range us {
		for _, o := range u.Next {
			if left := o.Due.Sub(today); left <= deadlineDays {
				out = append(out, web.DeadlineVM{RegimeID: u.Regime.ID, Regime: u.Regime.Name, Period: o.Period.Label(lang), Due: o.Due.Time(), DaysLeft: left})
			}
		}
	}
	slices.SortStableFunc(out, func(a, b web.DeadlineVM) int { return cmp.Compare(a.DaysLeft, b.DaysLeft) })
	return out[:min(len(out), maxDeadlines)], nil
}

// uncovered counts the active committees and gives, for each, the units nobody is in charge of
// today (the assignment matrix's gaps).
func (h *handler) uncovered(ctx context.Context, today calendar.Date) (int, []web.UncoveredVM, error) {
	cs, err := h.committees.List(ctx)
	if err != nil {
		return 0, nil, err
	}
	n := 0
	var out []web.UncoveredVM
	for _, c := range cs {
		if !c.Active {
			continue
		}
		n++
		mx, err := h.committees.AssignmentMatrix(ctx, c.ID, today.UTC())
		if err != nil {
			return 0, nil, err
		}
		if len(mx.Gaps) == 0 {
			continue
		}
		vm := web.UncoveredVM{CommitteeID: c.ID, Committee: c.Name, Count: len(mx.Gaps)}
		for _, u := range mx.Units {
			if len(vm.Units) < maxUncovered && slices.Contains(mx.Gaps, u.Unit.ID) {
				vm.Units = append(vm.Units, web.UnitOption{ID: u.Unit.ID, Code: u.Unit.Code, Name: u.Version.Name})
			}
		}
		out = append(out, vm)
	}
	return n, out, nil
}

// taskProgress counts the lead assignments of this year's issued plans by status: the
// province's, or for unit staff their units' (the unit wall would keep them to those anyway).
func (h *handler) taskProgress(ctx context.Context, today calendar.Date) (*web.TaskProgressVM, error) {
	f := plan.RollupFilter{Year: today.Year}
	v := viewer.FromContext(ctx)
	mine := v.UnitScoped()
	if mine {
		if len(v.UnitIDs) == 0 {
			return &web.TaskProgressVM{Year: today.Year, Mine: true}, nil
		}
		f.UnitIDs = v.UnitIDs
	}
	c, err := h.tasks.Rollup(ctx, f)
	if err != nil {
		return nil, err
	}
	ss := make([]string, len(plan.Statuses))
	ns := make([]int, len(plan.Statuses))
	for i, s := range plan.Statuses {
		ss[i], ns[i] = string(s), c.Of(s)
	}
	return &web.TaskProgressVM{Year: today.Year, Mine: mine, Chart: web.NewStatusChart(ss, ns)}, nil
}
