package seed

import (
	"context"
	"fmt"
	"hash/fnv"
	"strconv"
	"strings"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/ent/document"
	"github.com/danvan-vn/danvan/ent/planobligation"
	"github.com/danvan-vn/danvan/ent/taskassignment"
	"github.com/danvan-vn/danvan/ent/workplan"
	"github.com/danvan-vn/danvan/internal/calendar"
	docsvc "github.com/danvan-vn/danvan/internal/document"
	"github.com/danvan-vn/danvan/internal/draft"
	"github.com/danvan-vn/danvan/internal/plan"
	"github.com/danvan-vn/danvan/internal/viewer"
)

// Work are the services the demo's directives, plans and tasks are written with: the same path
// as a person pasting a text and confirming its review.
type Work struct {
	DB        *ent.Client
	Documents *docsvc.Service
	Drafts    *draft.Service
	Plans     *plan.Service
}

// work registers the province's chain: the documents it stands on (received, summary only),
// then each of its own texts read and confirmed like a pasted one; then it gives the plans'
// assignments a spread of outcomes (done on time, done late, under way, not started) and some
// units their implementation plans, on time or late, leaving others missing. Idempotent: a text
// whose number the register already holds is skipped with everything that follows from it.
func (s *seeder) work() error {
	w := s.d.Work
	if w == nil || w.Drafts == nil {
		return nil
	}
	ch, ok := chains[s.p.Slug]
	if !ok {
		return nil
	}
	for _, r := range ch.Received {
		if err := s.received(r); err != nil {
			return fmt.Errorf("document %s: %w", r.NumberSymbol, err)
		}
	}
	year := calendar.Today().Year
	for i, text := range ch.Texts {
		text = strings.NewReplacer("{Y1}", strconv.Itoa(year+1), "{Y}", strconv.Itoa(year)).Replace(text)
		d, err := w.Drafts.FromText(s.ctx, text)
		if err != nil {
			return fmt.Errorf("text %d: %w", i+1, err)
		}
		exists, err := w.DB.Document.Query().Where(document.SymbolKey(docsvc.SymbolKey(d.Document.NumberSymbol))).Exist(s.ctx)
		if err != nil || exists {
			return err
		}
		// The demo keeps the regimes its configuration has: the texts' reporting obligations are
		// left as suggestions, seen on the review page.
		for j := range d.Regimes {
			d.Regimes[j].Include = false
		}
		res, err := w.Drafts.Confirm(s.ctx, d)
		if err != nil {
			return fmt.Errorf("text %d (%s): %w", i+1, d.Document.NumberSymbol, err)
		}
		if err := s.outcomes(res.PlanID); err != nil {
			return fmt.Errorf("plan %d: %w", res.PlanID, err)
		}
	}
	return nil
}

func (s *seeder) received(r docRow) error {
	w := s.d.Work
	day, err := calendar.Parse(r.Date)
	if err != nil {
		return err
	}
	exists, err := w.DB.Document.Query().Where(document.SymbolKey(docsvc.SymbolKey(r.NumberSymbol)), document.Year(day.Year)).Exist(s.ctx)
	if err != nil || exists {
		return err
	}
	on := day.UTC()
	in := docsvc.Input{Type: r.Type, NumberSymbol: r.NumberSymbol, Issuer: r.Issuer, IssuedOn: &on, Summary: r.Summary, Direction: "received"}
	for _, c := range r.Cites {
		typ, ns, _ := strings.Cut(c, " ")
		in.Citations = append(in.Citations, docsvc.CitationInput{Type: typ, NumberSymbol: ns})
	}
	_, err = w.Documents.Create(s.ctx, in)
	return err
}

// pick is a stable pseudo-random number in [0, n) for the pair (a, b).
func pick(a, b, n int) int {
	h := fnv.New32a()
	fmt.Fprintf(h, "%d/%d", a, b)
	return int(h.Sum32() % uint32(n))
}

// staff is a unit officer of unit acting in the seeded province.
func (s *seeder) staff(unitID int) context.Context {
	v := viewer.FromContext(s.ctx)
	st := &viewer.Viewer{TenantID: v.TenantID, TenantSlug: v.TenantSlug, Roles: []string{"unit_officer"}}
	return viewer.NewContext(s.ctx, viewer.WithUnits(st, unitID))
}

// outcomes reports on the plan's lead assignments as their units would have: three in ten done
// on time, two in ten done late (when that day has come), two in ten under way, the rest not
// started; and issues the implementation plans of half the obligated units, one in five of
// them late.
func (s *seeder) outcomes(planID int) error {
	w := s.d.Work
	today := calendar.Today()
	as, err := w.DB.TaskAssignment.Query().Where(taskassignment.WorkPlanID(planID), taskassignment.RoleEQ(taskassignment.RoleLead)).
		WithTask().All(s.ctx)
	if err != nil {
		return err
	}
	p, err := w.DB.WorkPlan.Get(s.ctx, planID)
	if err != nil {
		return err
	}
	start := calendar.DateAt(*p.IssuedOn).AddDays(7)
	for _, a := range as {
		due := start.AddDays(60)
		if a.DueOn != nil {
			due = calendar.DateAt(*a.DueOn)
		}
		var in *plan.ProgressInput
		switch n := pick(a.ID, a.UnitID, 10); {
		case n < 3:
			on := due.AddDays(-3 - pick(a.TaskID, a.UnitID, 20))
			if on.Before(start) {
				on = start
			}
			// Work due later is still under way: the demo always shows tasks open within their deadline.
			if !on.After(today) && !due.After(today) {
				in = &plan.ProgressInput{Completes: true, ReportedOn: on.UTC(), Narrative: "Đã hoàn thành, có báo cáo kết quả gửi cơ quan thường trực."}
			}
		case n < 5:
			if on := due.AddDays(5 + pick(a.TaskID, a.UnitID, 20)); !on.After(today) {
				in = &plan.ProgressInput{Completes: true, ReportedOn: on.UTC(), Narrative: "Hoàn thành chậm so với thời hạn do trùng lịch công tác."}
			}
		case n < 7:
			on := start.AddDays(pick(a.TaskID, a.UnitID, 30))
			if !on.After(today) {
				in = &plan.ProgressInput{Percent: 30 + 10*pick(a.ID, 7, 5), ReportedOn: on.UTC(), Narrative: "Đang triển khai; đã xây dựng kế hoạch và phân công cán bộ thực hiện."}
			}
		}
		if in == nil {
			continue
		}
		if _, err := w.Plans.Report(s.staff(a.UnitID), a.ID, *in); err != nil {
			return fmt.Errorf("report on assignment %d: %w", a.ID, err)
		}
	}
	obs, err := w.DB.PlanObligation.Query().Where(planobligation.WorkPlanID(planID)).All(s.ctx)
	if err != nil {
		return err
	}
	for _, o := range obs {
		n := pick(o.ID, o.UnitID, 10)
		if n >= 5 || o.DueOn == nil {
			continue // not issued yet: the board shows it missing (or overdue)
		}
		on := calendar.DateAt(*o.DueOn).AddDays(-2 - n)
		if n == 4 {
			on = calendar.DateAt(*o.DueOn).AddDays(12) // issued late
		}
		if on.After(today) {
			continue
		}
		issued := on.UTC()
		_, err := w.Plans.CreateImplementation(s.staff(o.UnitID), planID, plan.ImplementationInput{UnitID: o.UnitID,
			Kind: string(workplan.KindKeHoach), Year: on.Year, CopyTasks: true, Status: string(workplan.StatusIssued), IssuedOn: &issued})
		if err != nil {
			return fmt.Errorf("implementation plan of unit %d: %w", o.UnitID, err)
		}
	}
	return nil
}
