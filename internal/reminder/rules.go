package reminder

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/ent/provincesetting"
	"github.com/danvan-vn/danvan/ent/reminderrule"
	"github.com/danvan-vn/danvan/ent/reportingregime"
	"github.com/danvan-vn/danvan/internal/apperr"
	"github.com/danvan-vn/danvan/internal/calendar"
	"github.com/danvan-vn/danvan/internal/db"
)

// Province setting keys of the engine (ProvinceSetting rows; settings.Service does not list
// them: they are changed on the reminder rules page).
const (
	SettingSendTime   = "reminder.send_time"
	SettingDigestTime = "notify.digest_time"
	// settingSeeded marks a province whose default rules were written once, so a province that
	// deleted them all is not given them back.
	settingSeeded = "reminder.rules_seeded"
)

// DefaultRules are the ladder a province starts with. Report reminders to units come from the
// regimes' offsets.
var DefaultRules = []RuleInput{
	{Source: SubjectTask, OffsetDays: -3, Target: TargetUnit, Active: true},
	{Source: SubjectTask, OffsetDays: -1, Target: TargetUnit, Active: true},
	{Source: SubjectTask, OffsetDays: 1, Target: TargetUnit, Active: true},
	{Source: SubjectTask, OffsetDays: 3, Target: TargetUnit, Active: true},
	{Source: SubjectObligation, OffsetDays: -3, Target: TargetUnit, Active: true},
	{Source: SubjectObligation, OffsetDays: 1, Target: TargetUnit, Active: true},
	{Source: SubjectReport, OffsetDays: 3, Target: TargetMember, Active: true},
	{Source: SubjectReport, OffsetDays: 7, Target: TargetAgencyHead, Active: true},
	{Source: SubjectTask, OffsetDays: 3, Target: TargetMember, Active: true},
	{Source: SubjectTask, OffsetDays: 7, Target: TargetAgencyHead, Active: true},
	{Source: SubjectObligation, OffsetDays: 3, Target: TargetMember, Active: true},
	{Source: SubjectObligation, OffsetDays: 7, Target: TargetAgencyHead, Active: true},
}

// Sources and Targets list the words a rule takes.
var (
	Sources = []string{SubjectReport, SubjectTask, SubjectObligation}
	Targets = []string{TargetUnit, TargetMember, TargetAgencyHead}
)

// MaxOffset bounds a rule's offset either side of the deadline (as the schema does).
const MaxOffset = 90

// ladder is a province's active steps: per source and target, the offsets; report reminders
// to units per regime.
type ladder struct {
	rules   map[string]map[string][]int
	regimes map[int][]int
}

func (l ladder) offsets(sub subject, target string) []int {
	if sub.Kind == SubjectReport && target == TargetUnit {
		return l.regimes[sub.RegimeID]
	}
	return l.rules[sub.Kind][target]
}

// window is the span of deadlines a sweep on day can have a step for: the furthest offsets
// either side, a week of catch-up, and room for the longest run of days off (Tết).
func (l ladder) window(day calendar.Date) (from, to calendar.Date) {
	before, after := 0, 0
	see := func(o int) {
		before, after = max(before, -o), max(after, o)
	}
	for _, ts := range l.rules {
		for _, os := range ts {
			for _, o := range os {
				see(o)
			}
		}
	}
	for _, os := range l.regimes {
		for _, o := range os {
			see(o)
		}
	}
	const slack = 16
	return day.AddDays(-(after + 7 + slack)), day.AddDays(before + slack)
}

// loadLadder reads the province's active rules (the defaults while none were ever written) and
// its regimes' offsets.
func loadLadder(ctx context.Context, c *ent.Client) (ladder, error) {
	l := ladder{rules: map[string]map[string][]int{}, regimes: map[int][]int{}}
	rs, err := c.ReminderRule.Query().All(ctx)
	if err != nil {
		return l, fmt.Errorf("reminder: rules: %w", err)
	}
	if len(rs) == 0 {
		seeded, err := c.ProvinceSetting.Query().Where(provincesetting.Key(settingSeeded)).Exist(ctx)
		if err != nil {
			return l, fmt.Errorf("reminder: rules: %w", err)
		}
		if !seeded {
			for _, d := range DefaultRules {
				rs = append(rs, &ent.ReminderRule{Source: reminderrule.Source(d.Source), OffsetDays: d.OffsetDays,
					Target: reminderrule.Target(d.Target), Active: d.Active})
			}
		}
	}
	for _, r := range rs {
		if !r.Active || (r.Source == reminderrule.SourceReport && r.Target == reminderrule.TargetUnit) {
			continue
		}
		m := l.rules[string(r.Source)]
		if m == nil {
			m = map[string][]int{}
			l.rules[string(r.Source)] = m
		}
		m[string(r.Target)] = append(m[string(r.Target)], r.OffsetDays)
	}
	regs, err := c.ReportingRegime.Query().Select(reportingregime.FieldID, reportingregime.FieldReminderOffsets).All(ctx)
	if err != nil {
		return l, fmt.Errorf("reminder: regimes: %w", err)
	}
	for _, r := range regs {
		l.regimes[r.ID] = r.ReminderOffsets
	}
	return l, nil
}

func ruleOf(r *ent.ReminderRule) Rule {
	return Rule{ID: r.ID, Source: string(r.Source), OffsetDays: r.OffsetDays, Target: string(r.Target), Active: r.Active}
}

// seedRules writes the default rules once per province.
func seedRules(ctx context.Context, tx *ent.Tx) error {
	seeded, err := tx.ProvinceSetting.Query().Where(provincesetting.Key(settingSeeded)).Exist(ctx)
	if err != nil || seeded {
		return err
	}
	bs := make([]*ent.ReminderRuleCreate, len(DefaultRules))
	for i, d := range DefaultRules {
		bs[i] = tx.ReminderRule.Create().SetSource(reminderrule.Source(d.Source)).SetOffsetDays(d.OffsetDays).
			SetTarget(reminderrule.Target(d.Target)).SetActive(d.Active)
	}
	// Two first reads at once: the unique indexes keep one copy of each.
	if err := tx.ReminderRule.CreateBulk(bs...).OnConflict().DoNothing().Exec(ctx); err != nil {
		return fmt.Errorf("reminder: seed rules: %w", err)
	}
	if err := tx.ProvinceSetting.Create().SetKey(settingSeeded).SetValue("true").OnConflict().DoNothing().Exec(ctx); err != nil {
		return fmt.Errorf("reminder: seed rules: %w", err)
	}
	return nil
}

// Settings returns the province's rules (seeded with the defaults on first read), the regimes'
// report offsets and the sending times.
func (s *Service) Settings(ctx context.Context) (Settings, error) {
	var out Settings
	err := db.InTx(ctx, s.db, func(tx *ent.Tx) error {
		if err := seedRules(ctx, tx); err != nil {
			return err
		}
		rs, err := tx.ReminderRule.Query().Order(ent.Asc(reminderrule.FieldSource), ent.Asc(reminderrule.FieldTarget),
			ent.Asc(reminderrule.FieldOffsetDays)).All(ctx)
		if err != nil {
			return err
		}
		out.Rules = make([]Rule, len(rs))
		for i, r := range rs {
			out.Rules[i] = ruleOf(r)
		}
		slices.SortStableFunc(out.Rules, func(a, b Rule) int {
			if c := slices.Index(Sources, a.Source) - slices.Index(Sources, b.Source); c != 0 {
				return c
			}
			return slices.Index(Targets, a.Target) - slices.Index(Targets, b.Target)
		})
		regs, err := tx.ReportingRegime.Query().Order(ent.Asc(reportingregime.FieldID)).
			Select(reportingregime.FieldID, reportingregime.FieldName, reportingregime.FieldReminderOffsets).All(ctx)
		if err != nil {
			return err
		}
		for _, r := range regs {
			out.Regimes = append(out.Regimes, RegimeOffsets{RegimeID: r.ID, Name: r.Name, Offsets: r.ReminderOffsets})
		}
		out.SendTime, out.DigestTime, err = times(ctx, tx.Client())
		return err
	})
	if err != nil {
		return Settings{}, fmt.Errorf("reminder: settings: %w", err)
	}
	return out, nil
}

// times reads the province's sending and digest times.
func times(ctx context.Context, c *ent.Client) (send, digest string, err error) {
	send, digest = DefaultSendTime, DefaultDigestTime
	rows, err := c.ProvinceSetting.Query().Where(provincesetting.KeyIn(SettingSendTime, SettingDigestTime)).All(ctx)
	if err != nil {
		return "", "", err
	}
	for _, r := range rows {
		if !validTime(r.Value) {
			continue
		}
		if r.Key == SettingSendTime {
			send = r.Value
		} else {
			digest = r.Value
		}
	}
	return send, digest, nil
}

var hhmm = regexp.MustCompile(`^([01][0-9]|2[0-3]):[0-5][0-9]$`)

func validTime(s string) bool { return hhmm.MatchString(s) }

func (in *RuleInput) validate() error {
	f := apperr.Fields{}
	in.Source, in.Target = strings.TrimSpace(in.Source), strings.TrimSpace(in.Target)
	switch {
	case in.Source == "":
		f.Add("source", "required")
	case !slices.Contains(Sources, in.Source):
		f.Add("source", "invalid")
	}
	switch {
	case in.Target == "":
		f.Add("target", "required")
	case !slices.Contains(Targets, in.Target):
		f.Add("target", "invalid")
	case in.Source == SubjectReport && in.Target == TargetUnit:
		// Report reminders to units follow each regime's offsets (regime page).
		f.Add("target", "reminder_report_unit")
	}
	switch {
	case in.OffsetDays < -MaxOffset:
		f.Add("offset_days", "below_min")
	case in.OffsetDays > MaxOffset:
		f.Add("offset_days", "above_max")
	}
	return f.Err()
}

func duplicateRule(err error) error {
	return apperr.Conflict("reminder_rule_duplicate", fmt.Errorf("reminder: a rule with this source, offset and target exists: %w", err))
}

// CreateRule adds a rule; a duplicate (source, offset, target) is a conflict.
func (s *Service) CreateRule(ctx context.Context, in RuleInput) (Rule, error) {
	if err := in.validate(); err != nil {
		return Rule{}, err
	}
	var out Rule
	err := db.InTx(ctx, s.db, func(tx *ent.Tx) error {
		if err := seedRules(ctx, tx); err != nil {
			return err
		}
		exists, err := tx.ReminderRule.Query().Where(reminderrule.SourceEQ(reminderrule.Source(in.Source)),
			reminderrule.OffsetDays(in.OffsetDays), reminderrule.TargetEQ(reminderrule.Target(in.Target))).Exist(ctx)
		if err != nil {
			return err
		}
		if exists {
			return duplicateRule(nil)
		}
		r, err := tx.ReminderRule.Create().SetSource(reminderrule.Source(in.Source)).SetOffsetDays(in.OffsetDays).
			SetTarget(reminderrule.Target(in.Target)).SetActive(in.Active).Save(ctx)
		if ent.IsConstraintError(err) {
			return duplicateRule(err)
		}
		if err != nil {
			return err
		}
		out = ruleOf(r)
		return nil
	})
	return out, err
}

// UpdateRule changes a rule.
func (s *Service) UpdateRule(ctx context.Context, id int, in RuleInput) (Rule, error) {
	if err := in.validate(); err != nil {
		return Rule{}, err
	}
	var out Rule
	err := db.InTx(ctx, s.db, func(tx *ent.Tx) error {
		if _, err := tx.ReminderRule.Get(ctx, id); ent.IsNotFound(err) {
			return apperr.NotFound(err)
		} else if err != nil {
			return err
		}
		exists, err := tx.ReminderRule.Query().Where(reminderrule.IDNEQ(id), reminderrule.SourceEQ(reminderrule.Source(in.Source)),
			reminderrule.OffsetDays(in.OffsetDays), reminderrule.TargetEQ(reminderrule.Target(in.Target))).Exist(ctx)
		if err != nil {
			return err
		}
		if exists {
			return duplicateRule(nil)
		}
		r, err := tx.ReminderRule.UpdateOneID(id).SetSource(reminderrule.Source(in.Source)).SetOffsetDays(in.OffsetDays).
			SetTarget(reminderrule.Target(in.Target)).SetActive(in.Active).Save(ctx)
		if ent.IsConstraintError(err) {
			return duplicateRule(err)
		}
		if err != nil {
			return err
		}
		out = ruleOf(r)
		return nil
	})
	return out, err
}

// DeleteRule removes a rule (its past decisions stay in the log).
func (s *Service) DeleteRule(ctx context.Context, id int) error {
	return db.InTx(ctx, s.db, func(tx *ent.Tx) error {
		err := tx.ReminderRule.DeleteOneID(id).Exec(ctx)
		if ent.IsNotFound(err) {
			return apperr.NotFound(err)
		}
		return err
	})
}

// SetTimes changes the province's sending and digest times (HH:MM, Vietnam's time); the
// scheduler follows within a minute.
func (s *Service) SetTimes(ctx context.Context, sendTime, digestTime string) error {
	sendTime, digestTime = strings.TrimSpace(sendTime), strings.TrimSpace(digestTime)
	f := apperr.Fields{}
	if !validTime(sendTime) {
		f.Add("send_time", "time_hhmm")
	}
	if !validTime(digestTime) {
		f.Add("digest_time", "time_hhmm")
	}
	if err := f.Err(); err != nil {
		return err
	}
	return db.InTx(ctx, s.db, func(tx *ent.Tx) error {
		for k, v := range map[string]string{SettingSendTime: sendTime, SettingDigestTime: digestTime} {
			if err := tx.ProvinceSetting.Create().SetKey(k).SetValue(v).
				OnConflictColumns(provincesetting.FieldTenantID, provincesetting.FieldKey).UpdateValue().Exec(ctx); err != nil {
				return fmt.Errorf("reminder: set %s: %w", k, err)
			}
		}
		return nil
	})
}
