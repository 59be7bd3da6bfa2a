package reminders_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/danvan-vn/danvan/internal/apperr"
	"github.com/danvan-vn/danvan/internal/calendar"
	"github.com/danvan-vn/danvan/internal/reminder"
)

// fake is the reminder engine as the contract in internal/reminder describes it, in memory: the
// area's tests run over it until the engine lands (then useFake turns false and the same tests
// run over the app's own engine).
type fake struct {
	mu                 sync.Mutex
	next               int
	rules              []reminder.Rule
	send, digest       string
	entries            []reminder.Entry
	lastFilter         reminder.LogFilter
	previewDays        []calendar.Date
	regimeID           int
	regimeName         string
	regimeOffsets      []int
	previewTitle, unit string
}

func newFake() *fake {
	f := &fake{next: 100, send: reminder.DefaultSendTime, digest: reminder.DefaultDigestTime, regimeID: 7,
		regimeName: "Báo cáo công tác dân vận 6 tháng", regimeOffsets: []int{-7, -3, 1},
		previewTitle: "Báo cáo 6 tháng đầu năm 2025", unit: "Sở Giáo dục và Đào tạo"}
	for _, r := range []reminder.Rule{
		{Source: reminder.SubjectReport, OffsetDays: 3, Target: reminder.TargetMember, Active: true},
		{Source: reminder.SubjectReport, OffsetDays: 7, Target: reminder.TargetAgencyHead, Active: true},
		{Source: reminder.SubjectTask, OffsetDays: -3, Target: reminder.TargetUnit, Active: true},
		{Source: reminder.SubjectObligation, OffsetDays: 5, Target: reminder.TargetMember, Active: false},
	} {
		f.next++
		r.ID = f.next
		f.rules = append(f.rules, r)
	}
	for i, st := range []string{"sent", "failed", "pending"} {
		e := reminder.Entry{ID: 500 + i, DecidedAt: time.Date(2025, 6, 12, 1, 0, 0, 0, time.UTC), Kind: reminder.KindReminder,
			SubjectKind: reminder.SubjectReport, SubjectID: 9, Title: f.previewTitle, Link: "/reports/units/9", UnitID: 3, UnitName: f.unit,
			DueOn: calendar.NewDate(2025, 6, 15), OffsetDays: -3, Rule: "unit-3", Role: reminder.RoleOfficer, UserID: 4,
			Name: "Nguyễn Thị Lan", Email: "lan@nghe-an.test", InApp: true, Read: i == 0, MailStatus: st}
		if st == "failed" {
			e.Kind, e.Role, e.Name, e.Email = reminder.KindEscalation, reminder.RoleMember, "Trần Văn Hùng", "hung@nghe-an.test"
			e.MailError = "550 mailbox unavailable"
		}
		f.entries = append(f.entries, e)
	}
	return f
}

func (f *fake) Settings(ctx context.Context) (reminder.Settings, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return reminder.Settings{Rules: slices.Clone(f.rules), SendTime: f.send, DigestTime: f.digest,
		Regimes: []reminder.RegimeOffsets{{RegimeID: f.regimeID, Name: f.regimeName, Offsets: f.regimeOffsets}}}, nil
}

func (f *fake) CreateRule(ctx context.Context, in reminder.RuleInput) (reminder.Rule, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, r := range f.rules {
		if r.Source == in.Source && r.OffsetDays == in.OffsetDays && r.Target == in.Target {
			return reminder.Rule{}, apperr.Conflict("reminder_rule_exists", errors.New("duplicate rule"))
		}
	}
	f.next++
	r := reminder.Rule{ID: f.next, Source: in.Source, OffsetDays: in.OffsetDays, Target: in.Target, Active: in.Active}
	f.rules = append(f.rules, r)
	return r, nil
}

func (f *fake) UpdateRule(ctx context.Context, id int, in reminder.RuleInput) (reminder.Rule, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for i, r := range f.rules {
		if r.ID == id {
			f.rules[i] = reminder.Rule{ID: id, Source: in.Source, OffsetDays: in.OffsetDays, Target: in.Target, Active: in.Active}
			return f.rules[i], nil
		}
	}
	return reminder.Rule{}, apperr.NotFound(nil)
}

func (f *fake) DeleteRule(ctx context.Context, id int) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := len(f.rules)
	f.rules = slices.DeleteFunc(f.rules, func(r reminder.Rule) bool { return r.ID == id })
	if len(f.rules) == n {
		return apperr.NotFound(nil)
	}
	return nil
}

func (f *fake) SetTimes(ctx context.Context, send, digest string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.send, f.digest = send, digest
	return nil
}

func (f *fake) Preview(ctx context.Context, day calendar.Date) ([]reminder.Planned, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.previewDays = append(f.previewDays, day)
	due := day.AddDays(3)
	return []reminder.Planned{
		{SendOn: day, Kind: reminder.KindReminder, SubjectKind: reminder.SubjectReport, SubjectID: 9, Title: f.previewTitle,
			Link: "/reports/units/9", UnitID: 3, UnitName: f.unit, DueOn: due, OffsetDays: -3, Rule: "unit-3", Role: reminder.RoleOfficer,
			UserID: 4, Name: "Nguyễn Thị Lan", Email: "lan@nghe-an.test", Moved: true},
		{SendOn: day, Kind: reminder.KindEscalation, SubjectKind: reminder.SubjectTask, SubjectID: 11, Title: "Tổ chức hội nghị",
			Link: "/t/nghe-an/plans/2", UnitID: 3, UnitName: f.unit, DueOn: day.AddDays(-3), OffsetDays: 3, Rule: "member+3",
			Role: reminder.RoleMember, UserID: 5, Name: "Trần Văn Hùng", Email: "hung@nghe-an.test"},
	}, nil
}

func (f *fake) Log(ctx context.Context, fl reminder.LogFilter) ([]reminder.Entry, int, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.lastFilter = fl
	var out []reminder.Entry
	for _, e := range f.entries {
		if (fl.Kind == "" || e.Kind == fl.Kind) && (fl.Q == "" || strings.Contains(e.Name, fl.Q) || strings.Contains(e.Title, fl.Q)) {
			out = append(out, e)
		}
	}
	total := len(out)
	from := min((fl.Page-1)*fl.PerPage, total)
	return out[from:min(from+fl.PerPage, total)], total, nil
}

func (f *fake) Entry(ctx context.Context, id int) (reminder.Entry, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, e := range f.entries {
		if e.ID == id {
			return e, nil
		}
	}
	return reminder.Entry{}, apperr.NotFound(nil)
}

func (f *fake) Resend(ctx context.Context, id int) (reminder.Entry, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for i, e := range f.entries {
		if e.ID == id {
			f.entries[i].Resent++
			f.entries[i].MailStatus = "pending"
			return f.entries[i], nil
		}
	}
	return reminder.Entry{}, apperr.NotFound(nil)
}
