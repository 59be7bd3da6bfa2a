// Package regime manages a province's reporting regimes (chế độ báo cáo, Nghị định
// 09/2019/NĐ-CP) and its working-day calendar, and computes deadlines from them.
package regime

import (
	"context"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/ent/holiday"
	"github.com/danvan-vn/danvan/ent/reportingregime"
	entschema "github.com/danvan-vn/danvan/ent/schema"
	"github.com/danvan-vn/danvan/internal/apperr"
	"github.com/danvan-vn/danvan/internal/calendar"
	"github.com/danvan-vn/danvan/internal/db"
)

// Service manages the viewer's province's regimes and calendar.
type Service struct{ db *ent.Client }

// New returns the service.
func New(db *ent.Client) *Service { return &Service{db: db} }

// Input describes a regime.
type Input struct {
	Name               string
	Frequency          string
	DeadlineRule       string
	Shift              string
	ReportingUnitTypes []string
	ReceivingUnitID    *int
	ReminderOffsets    []int
	CutoffDay          int // the data window ends on this day of the period's last month; 0: Nghị định 09's default (14)
	Content            string
	Active             bool
}

// MaxContent is the longest a regime's content (what units report) may be, in characters.
const MaxContent = 20000

// Validate checks a regime and returns its parsed rule.
func (in *Input) Validate() (calendar.DeadlineRule, error) {
	in.Name, in.DeadlineRule, in.Content = strings.TrimSpace(in.Name), strings.TrimSpace(in.DeadlineRule), strings.TrimSpace(in.Content)
	f := apperr.Fields{}
	switch {
	case in.Name == "":
		f.Add("name", "required")
	case utf8.RuneCountInString(in.Name) > 300:
		f.Add("name", "too_long")
	}
	if utf8.RuneCountInString(in.Content) > MaxContent {
		f.Add("content", "too_long")
	}
	freq := calendar.Frequency(in.Frequency)
	if !freq.Valid() {
		f.Add("frequency", "invalid")
	}
	if in.Shift == "" {
		in.Shift = string(calendar.ShiftPrevious)
	}
	shift := calendar.ShiftPolicy(in.Shift)
	if !shift.Valid() {
		f.Add("shift", "invalid")
	}
	var rule calendar.DeadlineRule
	if freq != calendar.AdHoc || in.DeadlineRule != "" {
		r, err := calendar.ParseRule(in.DeadlineRule)
		if err != nil {
			f.Add("deadline_rule", calendar.Code(err))
		}
		rule = r
		rule.Shift = shift
	}
	for _, t := range in.ReportingUnitTypes {
		if !slices.Contains(entschema.UnitTypes, t) {
			f.Add("reporting_unit_types", "unit_type")
		}
	}
	for _, o := range in.ReminderOffsets {
		if o < -90 || o > 90 || o == 0 {
			f.Add("reminder_offsets", "reminder_offset")
		}
	}
	if in.CutoffDay < 0 || in.CutoffDay > 28 {
		f.Add("cutoff_day", "cutoff_day")
	}
	slices.Sort(in.ReminderOffsets)
	in.ReminderOffsets = slices.Compact(in.ReminderOffsets)
	return rule, f.Err()
}

// checkReceiving: the receiving unit must be one of the province's units.
func checkReceiving(ctx context.Context, tx *ent.Tx, id *int) error {
	if id == nil {
		return nil
	}
	if _, err := tx.Unit.Get(ctx, *id); err != nil {
		return apperr.Invalid(map[string]string{"receiving_unit_id": "parent_missing"})
	}
	return nil
}

// Create adds a regime.
func (s *Service) Create(ctx context.Context, in Input) (*ent.ReportingRegime, error) {
	var r *ent.ReportingRegime
	err := db.InTx(ctx, s.db, func(tx *ent.Tx) (err error) {
		r, err = s.CreateTx(ctx, tx, in)
		return err
	})
	return r, err
}

// CreateTx adds a regime in tx: a directive's confirmation creates the regimes its text asks for
// in the same transaction as the plan.
func (s *Service) CreateTx(ctx context.Context, tx *ent.Tx, in Input) (*ent.ReportingRegime, error) {
	if _, err := in.Validate(); err != nil {
		return nil, err
	}
	if err := checkReceiving(ctx, tx, in.ReceivingUnitID); err != nil {
		return nil, err
	}
	return tx.ReportingRegime.Create().SetName(in.Name).SetFrequency(reportingregime.Frequency(in.Frequency)).
		SetDeadlineRule(in.DeadlineRule).SetShift(reportingregime.Shift(in.Shift)).SetReportingUnitTypes(in.ReportingUnitTypes).
		SetNillableReceivingUnitID(in.ReceivingUnitID).SetReminderOffsets(in.ReminderOffsets).SetCutoffDay(in.CutoffDay).
		SetContent(in.Content).SetActive(in.Active).Save(ctx)
}

// Update changes a regime.
func (s *Service) Update(ctx context.Context, id int, in Input) (*ent.ReportingRegime, error) {
	if _, err := in.Validate(); err != nil {
		return nil, err
	}
	var r *ent.ReportingRegime
	err := db.InTx(ctx, s.db, func(tx *ent.Tx) (err error) {
		if err := checkReceiving(ctx, tx, in.ReceivingUnitID); err != nil {
			return err
		}
		q := tx.ReportingRegime.UpdateOneID(id).SetName(in.Name).SetFrequency(reportingregime.Frequency(in.Frequency)).
			SetDeadlineRule(in.DeadlineRule).SetShift(reportingregime.Shift(in.Shift)).SetReportingUnitTypes(in.ReportingUnitTypes).
			SetReminderOffsets(in.ReminderOffsets).SetCutoffDay(in.CutoffDay).SetContent(in.Content).SetActive(in.Active)
		if in.ReceivingUnitID != nil {
			q.SetReceivingUnitID(*in.ReceivingUnitID)
		} else {
			q.ClearReceivingUnitID()
		}
		r, err = q.Save(ctx)
		return err
	})
	return r, err
}

// Delete removes a regime.
func (s *Service) Delete(ctx context.Context, id int) error {
	return db.InTx(ctx, s.db, func(tx *ent.Tx) error { return tx.ReportingRegime.DeleteOneID(id).Exec(ctx) })
}

// List returns the province's regimes.
func (s *Service) List(ctx context.Context) ([]*ent.ReportingRegime, error) {
	return s.db.ReportingRegime.Query().Order(ent.Asc(reportingregime.FieldID)).All(ctx)
}

// Get returns one regime.
func (s *Service) Get(ctx context.Context, id int) (*ent.ReportingRegime, error) {
	return s.db.ReportingRegime.Get(ctx, id)
}

// Calendar builds the province's working-day calendar from its holidays and make-up days.
func (s *Service) Calendar(ctx context.Context) (*calendar.Calendar, error) {
	return CalendarOf(ctx, s.db)
}

// CalendarOf builds the viewer's province's working-day calendar, read through c (a client, or
// a transaction's: the reminder sweep reads it in its own).
func CalendarOf(ctx context.Context, c *ent.Client) (*calendar.Calendar, error) {
	rows, err := c.Holiday.Query().All(ctx)
	if err != nil {
		return nil, err
	}
	cfg := calendar.Config{}
	for _, h := range rows {
		d := dateOf(h.Date)
		if h.Kind == holiday.KindMakeupWorkday {
			cfg.MakeUpDays = append(cfg.MakeUpDays, d)
		} else {
			cfg.Holidays = append(cfg.Holidays, calendar.Holiday{Date: d, Name: h.Name})
		}
	}
	return calendar.New(cfg)
}

// dateOf reads a stored civil date (midnight UTC) whatever the process's time zone.
func dateOf(t time.Time) calendar.Date {
	t = t.UTC()
	return calendar.NewDate(t.Year(), t.Month(), t.Day())
}

func dayOf(d calendar.Date) time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) }

// Preview computes the next n deadlines of a regime's rule from day from, on the province's
// calendar, with the shift policy applied.
func (s *Service) Preview(ctx context.Context, in Input, from calendar.Date, n int) ([]calendar.Occurrence, error) {
	rule, err := in.Validate()
	if err != nil {
		return nil, err
	}
	if calendar.Frequency(in.Frequency) == calendar.AdHoc {
		return nil, nil
	}
	cal, err := s.Calendar(ctx)
	if err != nil {
		return nil, err
	}
	return calendar.NextDeadlines(calendar.Frequency(in.Frequency), rule, cal, from, n), nil
}

// Upcoming is a regime's next deadlines.
type Upcoming struct {
	Regime *ent.ReportingRegime
	Next   []calendar.Occurrence
}

// Upcoming gives each active regime's next n deadlines from day from, on the province calendar
// (read once). A regime whose stored rule no longer validates, or an ad hoc one, has none.
func (s *Service) Upcoming(ctx context.Context, from calendar.Date, n int) ([]Upcoming, error) {
	rs, err := s.List(ctx)
	if err != nil {
		return nil, err
	}
	cal, err := s.Calendar(ctx)
	if err != nil {
		return nil, err
	}
	var out []Upcoming
	for _, r := range rs {
		if !r.Active || calendar.Frequency(r.Frequency) == calendar.AdHoc {
			continue
		}
		in := InputOf(r)
		rule, err := in.Validate()
		if err != nil {
			continue
		}
		out = append(out, Upcoming{Regime: r, Next: calendar.NextDeadlines(calendar.Frequency(r.Frequency), rule, cal, from, n)})
	}
	return out, nil
}

// InputOf returns a stored regime as input (for previews).
func InputOf(r *ent.ReportingRegime) Input {
	return Input{Name: r.Name, Frequency: string(r.Frequency), DeadlineRule: r.DeadlineRule, Shift: string(r.Shift),
		ReportingUnitTypes: r.ReportingUnitTypes, ReceivingUnitID: r.ReceivingUnitID, ReminderOffsets: r.ReminderOffsets,
		CutoffDay: r.CutoffDay, Content: r.Content, Active: r.Active}
}

// Holidays lists a year's holidays and make-up days.
func (s *Service) Holidays(ctx context.Context, year int) ([]*ent.Holiday, error) {
	from := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC)
	return s.db.Holiday.Query().Where(holiday.DateGTE(from), holiday.DateLT(from.AddDate(1, 0, 0))).
		Order(ent.Asc(holiday.FieldDate)).All(ctx)
}

// AddHoliday adds a holiday or a make-up working day.
func (s *Service) AddHoliday(ctx context.Context, d calendar.Date, name, kind string) error {
	name = strings.TrimSpace(name)
	f := apperr.Fields{}
	if !d.Valid() {
		f.Add("date", "date")
	}
	if name == "" {
		f.Add("name", "required")
	}
	if kind == "" {
		kind = "holiday"
	}
	if holiday.KindValidator(holiday.Kind(kind)) != nil {
		f.Add("kind", "invalid")
	}
	if kind == "makeup_workday" && d.Valid() && d.Weekday() != time.Saturday && d.Weekday() != time.Sunday {
		f.Add("date", "makeup_not_weekend")
	}
	if err := f.Err(); err != nil {
		return err
	}
	err := db.InTx(ctx, s.db, func(tx *ent.Tx) error {
		return tx.Holiday.Create().SetDate(dayOf(d)).SetName(name).SetKind(holiday.Kind(kind)).Exec(ctx)
	})
	if ent.IsConstraintError(err) {
		return apperr.Conflict("holiday_exists", err)
	}
	return err
}

// DeleteHoliday removes a day from the calendar.
func (s *Service) DeleteHoliday(ctx context.Context, id int) error {
	return db.InTx(ctx, s.db, func(tx *ent.Tx) error { return tx.Holiday.DeleteOneID(id).Exec(ctx) })
}

// SeedYear adds the official default holidays of a year that the province does not have yet;
// it reports whether the year's lunar holidays were known.
func (s *Service) SeedYear(ctx context.Context, year int) (added int, complete bool, err error) {
	hs, complete := calendar.DefaultHolidays(year)
	err = db.InTx(ctx, s.db, func(tx *ent.Tx) error {
		for _, h := range hs {
			exists, err := tx.Holiday.Query().Where(holiday.Date(dayOf(h.Date))).Exist(ctx)
			if err != nil {
				return err
			}
			if exists {
				continue
			}
			if err := tx.Holiday.Create().SetDate(dayOf(h.Date)).SetName(h.Name).Exec(ctx); err != nil {
				return err
			}
			added++
		}
		return nil
	})
	return added, complete, err
}
