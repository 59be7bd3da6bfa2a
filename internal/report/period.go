package report

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/ent/reportingregime"
	"github.com/danvan-vn/danvan/ent/reportperiod"
	entunit "github.com/danvan-vn/danvan/ent/unit"
	"github.com/danvan-vn/danvan/ent/unitreport"
	"github.com/danvan-vn/danvan/ent/unitversion"
	"github.com/danvan-vn/danvan/internal/apperr"
	"github.com/danvan-vn/danvan/internal/calendar"
	"github.com/danvan-vn/danvan/internal/db"
	"github.com/danvan-vn/danvan/internal/regime"
	"github.com/danvan-vn/danvan/internal/viewer"
)

// LeadDays is how far ahead of its data window a period opens.
const LeadDays = 30

// DefaultUnitTypes report when a regime names no unit types: departments, districts and
// communes.
var DefaultUnitTypes = []string{"department", "district", "commune"}

// PeriodName is a period's display name: "Báo cáo 6 tháng đầu năm 2025", "Báo cáo Quý II/2025",
// "Báo cáo năm 2025".
func PeriodName(p calendar.Period) string {
	l := p.LabelVI()
	if p.Kind == calendar.Annual {
		l = strings.ToLower(l[:1]) + l[1:]
	}
	return "Báo cáo " + l
}

// ExpectedUnit is a unit expected to report for a window, with its name and type then.
type ExpectedUnit struct {
	UnitID  int
	Name    string
	Type    string
	EndedOn *time.Time // dissolved during the window (the admin may excuse it)
}

// Expected returns the units of the given types expected to report for the data window
// [from, to] (civil days, both included): the units that existed during it, with the name and
// type of their last version in it. A unit merged into another during the window is not
// expected when its successor is (the successor reports for both: across the reform of
// 1/7/2025 a merged commune's predecessors report for the first half of 2025 and its successor
// for the second); a unit dissolved during the window is expected, marked ended.
func Expected(units []*ent.Unit, versions []*ent.UnitVersion, types []string, from, to time.Time) []ExpectedUnit {
	if len(types) == 0 {
		types = DefaultUnitTypes
	}
	byUnit := map[int][]*ent.UnitVersion{}
	for _, v := range versions {
		byUnit[v.UnitID] = append(byUnit[v.UnitID], v)
	}
	existed := func(vf time.Time, vt *time.Time) bool { return !vf.After(to) && (vt == nil || vt.After(from)) }
	type cand struct {
		ExpectedUnit
		successor *int
		endsIn    bool
	}
	var cands []cand
	in := map[int]bool{}
	for _, u := range units {
		if !existed(u.ValidFrom, u.ValidTo) {
			continue
		}
		// Its last day in the window, and its version that day.
		last := to
		if u.ValidTo != nil && !u.ValidTo.After(to) {
			last = u.ValidTo.AddDate(0, 0, -1)
		}
		var ver *ent.UnitVersion
		for _, v := range byUnit[u.ID] {
			if !v.ValidFrom.After(last) && (v.ValidTo == nil || v.ValidTo.After(last)) {
				ver = v
			}
		}
		if ver == nil || !slices.Contains(types, string(ver.Type)) {
			continue
		}
		c := cand{ExpectedUnit: ExpectedUnit{UnitID: u.ID, Name: ver.Name, Type: string(ver.Type)}, successor: u.SuccessorID}
		if u.ValidTo != nil && !u.ValidTo.After(to) {
			c.endsIn = true
			end := *u.ValidTo
			c.EndedOn = &end
		}
		cands = append(cands, c)
		in[u.ID] = true
	}
	out := make([]ExpectedUnit, 0, len(cands))
	for _, c := range cands {
		if c.endsIn && c.successor != nil && in[*c.successor] {
			continue // merged: its successor reports for it
		}
		if c.endsIn && c.successor != nil {
			c.EndedOn = nil // merged into a unit that does not report this regime: it reports itself
		}
		out = append(out, c.ExpectedUnit)
	}
	return out
}

// expectedUnits reads the province's units and computes the expected ones.
func expectedUnits(ctx context.Context, c *ent.Client, types []string, from, to time.Time) ([]ExpectedUnit, error) {
	us, err := c.Unit.Query().Where(entunit.ValidFromLTE(to), entunit.Or(entunit.ValidToIsNil(), entunit.ValidToGT(from))).All(ctx)
	if err != nil {
		return nil, err
	}
	ids := make([]int, len(us))
	for i, u := range us {
		ids[i] = u.ID
	}
	vs, err := c.UnitVersion.Query().Where(unitversion.UnitIDIn(ids...)).Order(ent.Asc(unitversion.FieldValidFrom)).All(ctx)
	if err != nil {
		return nil, err
	}
	return Expected(us, vs, types, from, to), nil
}

// Open opens a regime's period (key as calendar.Period.String: "2025-H1") with its expected
// units, or returns it when it is open already (created false). Safe to call twice at once.
func (s *Service) Open(ctx context.Context, regimeID int, key string) (p *ent.ReportPeriod, created bool, err error) {
	r, err := s.db.ReportingRegime.Get(ctx, regimeID)
	if err != nil {
		return nil, false, notFound(err)
	}
	per, err := calendar.ParsePeriod(key)
	if err != nil {
		return nil, false, apperr.Invalid(map[string]string{"period": calendar.Code(err)})
	}
	if per.Kind != calendar.Frequency(r.Frequency) {
		return nil, false, apperr.Invalid(map[string]string{"period": "period_kind"})
	}
	if p, err := s.db.ReportPeriod.Query().Where(reportperiod.RegimeID(regimeID), reportperiod.Key(per.String())).Only(ctx); err == nil {
		return p, false, nil
	} else if !ent.IsNotFound(err) {
		return nil, false, err
	}
	in := regime.InputOf(r)
	rule, err := in.Validate()
	if err != nil {
		return nil, false, apperr.Invalid(map[string]string{"deadline_rule": "invalid"})
	}
	cal, err := s.cals.Calendar(ctx)
	if err != nil {
		return nil, false, err
	}
	_, due := calendar.Deadline(per, rule, cal)
	if due.IsZero() {
		return nil, false, apperr.Invalid(map[string]string{"deadline_rule": "invalid"})
	}
	cf, ct := calendar.CutOffAt(per, r.CutoffDay)
	from, to := day(cf), day(ct)
	err = db.InTx(ctx, s.db, func(tx *ent.Tx) error {
		t, err := s.templateTx(ctx, tx, regimeID)
		if err != nil {
			return err
		}
		exp, err := expectedUnits(ctx, tx.Client(), r.ReportingUnitTypes, from, to)
		if err != nil {
			return err
		}
		q := tx.ReportPeriod.Create().SetRegimeID(regimeID).SetTemplateID(t.ID).SetKey(per.String()).
			SetName(PeriodName(per)).SetCutoffFrom(from).SetCutoffTo(to).SetDueOn(day(due)).
			SetNillableReceivingUnitID(r.ReceivingUnitID)
		if v := viewer.FromContext(ctx); v != nil && v.UserID > 0 {
			q.SetOpenedBy(v.UserID)
		}
		if p, err = q.Save(ctx); err != nil {
			return err
		}
		return createReports(ctx, tx, p.ID, exp)
	})
	if ent.IsConstraintError(err) { // another opener won the race
		p, err = s.db.ReportPeriod.Query().Where(reportperiod.RegimeID(regimeID), reportperiod.Key(per.String())).Only(ctx)
		return p, false, err
	}
	if err != nil {
		return nil, false, fmt.Errorf("report: open %s of regime %d: %w", key, regimeID, err)
	}
	return p, true, nil
}

// createReports writes one not-started report per expected unit, in batches.
func createReports(ctx context.Context, tx *ent.Tx, periodID int, exp []ExpectedUnit) error {
	const batch = 500
	for i := 0; i < len(exp); i += batch {
		part := exp[i:min(i+batch, len(exp))]
		bulk := make([]*ent.UnitReportCreate, len(part))
		for j, e := range part {
			bulk[j] = tx.UnitReport.Create().SetPeriodID(periodID).SetUnitID(e.UnitID).SetUnitName(e.Name).
				SetUnitType(e.Type).SetNillableUnitEndedOn(e.EndedOn)
		}
		if err := tx.UnitReport.CreateBulk(bulk...).Exec(ctx); err != nil {
			return err
		}
	}
	return nil
}

// RefreshExpected adds the units that now count for an open period (a unit created or
// back-dated after it opened) and reports how many it added; reports already there are kept.
func (s *Service) RefreshExpected(ctx context.Context, periodID int) (int, error) {
	p, err := s.Period(ctx, periodID)
	if err != nil {
		return 0, err
	}
	r, err := s.db.ReportingRegime.Get(ctx, p.RegimeID)
	if err != nil {
		return 0, err
	}
	added := 0
	err = db.InTx(ctx, s.db, func(tx *ent.Tx) error {
		if _, err := tx.ReportPeriod.Query().Where(reportperiod.ID(periodID)).Modify(db.ForUpdate).Only(ctx); err != nil {
			return err
		}
		exp, err := expectedUnits(ctx, tx.Client(), r.ReportingUnitTypes, p.CutoffFrom, p.CutoffTo)
		if err != nil {
			return err
		}
		have, err := tx.UnitReport.Query().Where(unitreport.PeriodID(periodID)).Select(unitreport.FieldUnitID).Ints(ctx)
		if err != nil {
			return err
		}
		var missing []ExpectedUnit
		for _, e := range exp {
			if !slices.Contains(have, e.UnitID) {
				missing = append(missing, e)
			}
		}
		added = len(missing)
		return createReports(ctx, tx, periodID, missing)
	})
	return added, err
}

// OpenDue opens, for every active periodic regime of the province, the period under way on
// today and the next one when its data window starts within LeadDays. It is idempotent (the
// scheduled job runs it daily) and returns the periods it opened.
func (s *Service) OpenDue(ctx context.Context, today calendar.Date) ([]*ent.ReportPeriod, error) {
	rs, err := s.db.ReportingRegime.Query().Where(reportingregime.Active(true),
		reportingregime.FrequencyNEQ(reportingregime.FrequencyAdhoc)).Order(ent.Asc(reportingregime.FieldID)).All(ctx)
	if err != nil {
		return nil, err
	}
	var opened []*ent.ReportPeriod
	for _, r := range rs {
		in := regime.InputOf(r)
		if _, err := in.Validate(); err != nil {
			continue // a stored rule that no longer validates opens nothing
		}
		cur := calendar.PeriodOf(calendar.Frequency(r.Frequency), today)
		for _, per := range []calendar.Period{cur, cur.Next()} {
			from, _ := calendar.CutOffAt(per, r.CutoffDay)
			if from.After(today.AddDays(LeadDays)) {
				continue
			}
			p, created, err := s.Open(ctx, r.ID, per.String())
			if err != nil {
				return opened, err
			}
			if created {
				opened = append(opened, p)
			}
		}
	}
	return opened, nil
}

// Period returns one period.
func (s *Service) Period(ctx context.Context, id int) (*ent.ReportPeriod, error) {
	p, err := s.db.ReportPeriod.Query().Where(reportperiod.ID(id)).WithRegime().WithTemplate().Only(ctx)
	return p, notFound(err)
}

// Periods lists the province's periods, the latest due first; regimeID 0 means every regime.
func (s *Service) Periods(ctx context.Context, regimeID int) ([]*ent.ReportPeriod, error) {
	q := s.db.ReportPeriod.Query().WithRegime().Order(ent.Desc(reportperiod.FieldDueOn), ent.Asc(reportperiod.FieldID))
	if regimeID > 0 {
		q.Where(reportperiod.RegimeID(regimeID))
	}
	return q.All(ctx)
}

// Latest is the most recent period whose deadline has passed (the operator CLI's "latest").
func (s *Service) Latest(ctx context.Context) (*ent.ReportPeriod, error) {
	p, err := s.db.ReportPeriod.Query().Where(reportperiod.DueOnLT(day(s.today()))).
		Order(ent.Desc(reportperiod.FieldDueOn), ent.Desc(reportperiod.FieldID)).First(ctx)
	return p, notFound(err)
}
