package seed

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/ent/reportingregime"
	entunit "github.com/danvan-vn/danvan/ent/unit"
	"github.com/danvan-vn/danvan/ent/unitevent"
	"github.com/danvan-vn/danvan/ent/unitreport"
	"github.com/danvan-vn/danvan/ent/unitreportevent"
	"github.com/danvan-vn/danvan/ent/unitversion"
	"github.com/danvan-vn/danvan/internal/calendar"
	"github.com/danvan-vn/danvan/internal/db"
	"github.com/danvan-vn/danvan/internal/regime"
	"github.com/danvan-vn/danvan/internal/report"
	"github.com/danvan-vn/danvan/internal/textnorm"
)

// ScaleCodePrefix starts the codes of the units Scale creates: SCALE-00001, SCALE-00002, ….
const ScaleCodePrefix = "SCALE-"

// ScaleSectionChars is about how long each section of a scale report is, in characters.
const ScaleSectionChars = 600

// scaleBatch is how many rows one bulk insert writes.
const scaleBatch = 500

// ScaleInput is how large Scale makes a province: Units units, and the last Periods past
// periods of its semiannual regime filled.
type ScaleInput struct {
	Units   int
	Periods int
}

// ScalePeriod is a period Scale filled.
type ScalePeriod struct {
	ID     int
	Key    string
	Filled int // reports of scale units written by this run
}

// ScaleResult is what Scale did.
type ScaleResult struct {
	UnitsAdded int
	RegimeID   int
	Periods    []ScalePeriod // oldest first
}

// Scale makes the province of ctx (a system viewer of it) large, for benchmarks and demos: the
// units SCALE-00001 … SCALE-<Units> (one in ten a department, the rest communes, existing since
// 2015 under the province's root), a semiannual regime when it has none, and the regime's last
// Periods periods before the current one opened, with every scale unit's report submitted with
// full content (ScaleSectionChars characters a section, every indicator filled), four in five
// of them accepted and one in ten late. It writes in bulk and around the services (the unit
// quota does not apply). Idempotent per size: a second run with the same numbers adds nothing,
// a larger Units adds the difference (and fills their reports in the periods).
func Scale(ctx context.Context, d Deps, in ScaleInput) (*ScaleResult, error) {
	if in.Units < 0 || in.Units > 99999 || in.Periods < 0 || in.Periods > 20 {
		return nil, fmt.Errorf("seed scale: units 0–99999 and periods 0–20, not %d and %d", in.Units, in.Periods)
	}
	if d.Reports == nil || d.Reports.Service == nil || d.Regimes == nil {
		return nil, fmt.Errorf("seed scale: the report and regime services are required")
	}
	c := d.Reports.DB
	res := &ScaleResult{}
	units, added, err := scaleUnits(ctx, c, in.Units)
	if err != nil {
		return nil, fmt.Errorf("seed scale: units: %w", err)
	}
	res.UnitsAdded = added
	reg, err := scaleRegime(ctx, c, d.Regimes)
	if err != nil {
		return nil, fmt.Errorf("seed scale: regime: %w", err)
	}
	res.RegimeID = reg.ID
	var pers []calendar.Period
	for p := calendar.PeriodOf(calendar.SemiAnnual, calendar.Today()).Prev(); len(pers) < in.Periods; p = p.Prev() {
		pers = append([]calendar.Period{p}, pers...)
	}
	for _, per := range pers {
		p, created, err := d.Reports.Service.Open(ctx, reg.ID, per.String())
		if err != nil {
			return nil, fmt.Errorf("seed scale: open %s: %w", per, err)
		}
		if !created { // opened before these units existed, perhaps
			if _, err := d.Reports.Service.RefreshExpected(ctx, p.ID); err != nil {
				return nil, fmt.Errorf("seed scale: refresh %s: %w", per, err)
			}
		}
		n, err := scaleFill(ctx, c, p, units)
		if err != nil {
			return nil, fmt.Errorf("seed scale: fill %s: %w", per, err)
		}
		res.Periods = append(res.Periods, ScalePeriod{ID: p.ID, Key: p.Key, Filled: n})
	}
	return res, nil
}

// ScaleCode is the code of the n-th scale unit.
func ScaleCode(n int) string { return fmt.Sprintf("%s%05d", ScaleCodePrefix, n) }

// scaleUnits creates the scale units up to n that are missing and returns the ids of all of
// them (1…n) with how many it added.
func scaleUnits(ctx context.Context, c *ent.Client, n int) (map[int]bool, int, error) {
	have := map[string]int{}
	us, err := c.Unit.Query().Where(entunit.CodeHasPrefix(ScaleCodePrefix)).Select(entunit.FieldID, entunit.FieldCode).All(ctx)
	if err != nil {
		return nil, 0, err
	}
	for _, u := range us {
		have[u.Code] = u.ID
	}
	var root *int
	if v, err := c.UnitVersion.Query().Where(unitversion.TypeEQ(unitversion.TypeProvince), unitversion.ValidToIsNil(),
		unitversion.ParentIDIsNil()).Order(ent.Asc(unitversion.FieldID)).First(ctx); err == nil {
		root = &v.UnitID
	} else if !ent.IsNotFound(err) {
		return nil, 0, err
	}
	var todo []int
	for i := 1; i <= n; i++ {
		if _, ok := have[ScaleCode(i)]; !ok {
			todo = append(todo, i)
		}
	}
	from := oldFrom
	for start := 0; start < len(todo); start += scaleBatch {
		part := todo[start:min(start+scaleBatch, len(todo))]
		err := db.InTx(ctx, c, func(tx *ent.Tx) error {
			ub := make([]*ent.UnitCreate, len(part))
			for j, i := range part {
				ub[j] = tx.Unit.Create().SetCode(ScaleCode(i)).SetValidFrom(from)
			}
			created, err := tx.Unit.CreateBulk(ub...).Save(ctx)
			if err != nil {
				return err
			}
			vb := make([]*ent.UnitVersionCreate, len(part))
			eb := make([]*ent.UnitEventCreate, len(part))
			for j, i := range part {
				code := ScaleCode(i)
				name, short, typ := fmt.Sprintf("UBND xã Quy Mô %d", i), fmt.Sprintf("Xã QM %d", i), unitversion.TypeCommune
				if i%10 == 0 {
					name, short, typ = fmt.Sprintf("Sở Quy Mô %d", i), fmt.Sprintf("Sở QM %d", i), unitversion.TypeDepartment
				}
				vb[j] = tx.UnitVersion.Create().SetUnitID(created[j].ID).SetValidFrom(from).SetName(name).SetShortName(short).
					SetType(typ).SetNillableParentID(root).SetLeaderName("Nguyễn Văn Quy").SetOfficerName("Trần Thị Mô").
					SetSearchKey(textnorm.Fold(code + " " + name + " " + short)).SetChange("create")
				eb[j] = tx.UnitEvent.Create().SetKind(unitevent.KindCreate).SetDate(from).SetUnitID(created[j].ID)
				have[code] = created[j].ID
			}
			if err := tx.UnitVersion.CreateBulk(vb...).Exec(ctx); err != nil {
				return err
			}
			return tx.UnitEvent.CreateBulk(eb...).Exec(ctx)
		})
		if err != nil {
			return nil, 0, err
		}
	}
	ids := map[int]bool{}
	for i := 1; i <= n; i++ {
		ids[have[ScaleCode(i)]] = true
	}
	return ids, len(todo), nil
}

// scaleRegime returns the province's first active semiannual regime, creating one when it has
// none.
func scaleRegime(ctx context.Context, c *ent.Client, regimes *regime.Service) (*ent.ReportingRegime, error) {
	r, err := c.ReportingRegime.Query().Where(reportingregime.FrequencyEQ(reportingregime.FrequencySemiannual),
		reportingregime.Active(true)).Order(ent.Asc(reportingregime.FieldID)).First(ctx)
	if !ent.IsNotFound(err) {
		return r, err
	}
	return regimes.Create(ctx, regime.Input{Name: "Báo cáo 6 tháng về công tác dân vận chính quyền", Frequency: "semiannual",
		DeadlineRule: "M/15", Shift: "previous_working_day", ReportingUnitTypes: []string{"department", "commune"},
		ReminderOffsets: []int{-7, -3, -1}, Content: "Các sở, ngành và UBND các xã báo cáo công tác dân vận chính quyền 6 tháng.", Active: true})
}

// scaleFill submits the not-started reports of the scale units in period p, in batches: four in
// five accepted, one in ten late; each with its submitted (and accepted) event.
func scaleFill(ctx context.Context, c *ent.Client, p *ent.ReportPeriod, units map[int]bool) (int, error) {
	rs, err := c.UnitReport.Query().Where(unitreport.PeriodID(p.ID), unitreport.StatusEQ(unitreport.StatusNotStarted),
		unitreport.Excused(false)).Select(unitreport.FieldID, unitreport.FieldUnitID, unitreport.FieldUnitType).
		Order(ent.Asc(unitreport.FieldID)).All(ctx)
	if err != nil {
		return 0, err
	}
	t, err := c.ReportTemplate.Get(ctx, p.TemplateID)
	if err != nil {
		return 0, err
	}
	var todo []*ent.UnitReport
	for _, r := range rs {
		if units[r.UnitID] {
			todo = append(todo, r)
		}
	}
	end := report.LateAfter(p.DueOn)
	for start := 0; start < len(todo); start += scaleBatch {
		part := todo[start:min(start+scaleBatch, len(todo))]
		var sub, acc scaleRows
		var evs []*ent.UnitReportEventCreate
		err := db.InTx(ctx, c, func(tx *ent.Tx) error {
			for _, r := range part {
				u := r.UnitID
				content := ReportContent(u, r.UnitType, t, ScaleSectionChars)
				raw, err := json.Marshal(content)
				if err != nil {
					return err
				}
				sent := end.AddDate(0, 0, -1-pick(u, p.ID, 10)).Add(-time.Duration(7+pick(u, p.ID+1, 9)) * time.Hour)
				if pick(u, p.ID+2, 10) == 0 {
					sent = end.AddDate(0, 0, pick(u, p.ID+3, 10)).Add(9 * time.Hour)
				}
				sent = sent.UTC()
				row := scaleRow{id: r.ID, content: string(raw), sent: sent, late: report.IsLate(p.DueOn, sent)}
				evs = append(evs, tx.UnitReportEvent.Create().SetReportID(r.ID).SetUnitID(u).SetKind(unitreportevent.KindSubmitted).
					SetVersion(1).SetContent(content).SetCreatedAt(sent))
				if pick(u, p.ID+4, 5) == 0 {
					sub = append(sub, row)
					continue
				}
				row.reviewed = sent.AddDate(0, 0, 1+pick(u, p.ID+5, 4))
				acc = append(acc, row)
				evs = append(evs, tx.UnitReportEvent.Create().SetReportID(r.ID).SetUnitID(u).SetKind(unitreportevent.KindAccepted).
					SetVersion(1).SetCreatedAt(row.reviewed))
			}
			if err := sub.update(ctx, tx, unitreport.StatusSubmitted); err != nil {
				return err
			}
			if err := acc.update(ctx, tx, unitreport.StatusAccepted); err != nil {
				return err
			}
			for i := 0; i < len(evs); i += scaleBatch {
				if err := tx.UnitReportEvent.CreateBulk(evs[i:min(i+scaleBatch, len(evs))]...).Exec(ctx); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return 0, err
		}
	}
	return len(todo), nil
}

// scaleRow is one report Scale submits.
type scaleRow struct {
	id             int
	content        string // JSON
	sent, reviewed time.Time
	late           bool
}

type scaleRows []scaleRow

// update writes the rows in one statement: status and version set alike (on the audit trail),
// content, times and lateness per row.
func (rows scaleRows) update(ctx context.Context, tx *ent.Tx, st unitreport.Status) error {
	if len(rows) == 0 {
		return nil
	}
	ids := make([]int, len(rows))
	for i, r := range rows {
		ids[i] = r.id
	}
	// perRow is CASE id WHEN … THEN … END over the rows, cast on PostgreSQL (its parameters
	// have no type of their own there).
	perRow := func(cast string, val func(scaleRow) any) entsql.Querier {
		return entsql.ExprFunc(func(b *entsql.Builder) {
			b.WriteString("CASE ").Ident(unitreport.FieldID)
			for _, r := range rows {
				b.WriteString(" WHEN ").Arg(r.id).WriteString(" THEN ").Arg(val(r))
				if b.Dialect() == dialect.Postgres {
					b.WriteString("::" + cast)
				}
			}
			b.WriteString(" END")
		})
	}
	return tx.UnitReport.Update().Where(unitreport.IDIn(ids...)).SetStatus(st).SetVersion(1).
		Modify(func(u *entsql.UpdateBuilder) {
			u.Set(unitreport.FieldContent, perRow("jsonb", func(r scaleRow) any { return r.content }))
			u.Set(unitreport.FieldSubmittedAt, perRow("timestamptz", func(r scaleRow) any { return r.sent }))
			u.Set(unitreport.FieldFirstSubmittedAt, perRow("timestamptz", func(r scaleRow) any { return r.sent }))
			u.Set(unitreport.FieldLate, perRow("boolean", func(r scaleRow) any { return r.late }))
			if st == unitreport.StatusAccepted {
				u.Set(unitreport.FieldReviewedAt, perRow("timestamptz", func(r scaleRow) any { return r.reviewed }))
			}
		}).Exec(ctx)
}
