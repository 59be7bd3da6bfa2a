// Package reminder urges units so the standing agency need not phone them: before and after a
// deadline it reminds the unit's dân vận officer and leader, then escalates to the committee
// member in charge of the unit and to the standing agency's head, on the province's working
// days at its sending time. Subjects come from sources (report periods, task assignments,
// implementation-plan obligations; later modules add theirs). Each reminder is a decision row
// whose key (province, subject, recipient, rule, occurrence) is unique, written with its
// notification and outbox mail in the transaction that decides it: never twice, never lost.
package reminder

import (
	"errors"
	"time"

	"github.com/danvan-vn/danvan/internal/calendar"
	"github.com/danvan-vn/danvan/internal/notify"
)

// Subject kinds (ReminderDecision.subject_kind), one per source.
const (
	SubjectReport     = "report"     // a unit's report for a period (UnitReport)
	SubjectTask       = "task"       // a unit's assignment to a task (TaskAssignment)
	SubjectObligation = "obligation" // a unit's duty to issue its implementation plan (PlanObligation)
)

// Targets of a rule (ReminderRule.target).
const (
	TargetUnit       = "unit"        // the unit's dân vận officer and leader
	TargetMember     = "member"      // the committee member in charge of the unit on that day
	TargetAgencyHead = "agency_head" // the head (leader) of the committee's standing agency
)

// Roles of a recipient (ReminderDecision.role).
const (
	RoleOfficer    = "officer"
	RoleLeader     = "leader"
	RoleMember     = "member"
	RoleAgencyHead = "agency_head"
)

// Kinds of decision (ReminderDecision.kind), the same words as notify's kinds.
const (
	KindReminder   = notify.KindReminder
	KindEscalation = notify.KindEscalation
	KindUrge       = notify.KindUrge
)

// Default sending times (Asia/Ho_Chi_Minh), changed per province on the rules page.
const (
	DefaultSendTime   = "08:00"
	DefaultDigestTime = "07:30"
)

// Rule is one step of a province's ladder (a ReminderRule row).
type Rule struct {
	ID         int    `json:"id"`
	Source     string `json:"source"`      // report, task, obligation
	OffsetDays int    `json:"offset_days"` // -3 three days before the deadline, 3 three days after
	Target     string `json:"target"`      // unit, member, agency_head
	Active     bool   `json:"active"`
}

// RuleInput creates or changes a rule. Report reminders to units come from the regimes'
// offsets (regime page), so source report with target unit is refused here.
type RuleInput struct {
	Source     string
	OffsetDays int
	Target     string
	Active     bool
}

// RegimeOffsets are one regime's report reminder offsets, shown beside the rules.
type RegimeOffsets struct {
	RegimeID int
	Name     string
	Offsets  []int
}

// Settings are a province's rules and sending times.
type Settings struct {
	Rules      []Rule
	Regimes    []RegimeOffsets
	SendTime   string // HH:MM, Vietnam's time, working days only
	DigestTime string // HH:MM
}

// Planned is a reminder that would go out (the preview) with why.
type Planned struct {
	SendOn      calendar.Date
	Kind        string // reminder, escalation
	SubjectKind string
	SubjectID   int
	Title       string
	Link        string
	UnitID      int
	UnitName    string
	DueOn       calendar.Date
	OffsetDays  int
	Rule        string // unit-3, member+3, agency+7
	Role        string // officer, leader, member, agency_head
	UserID      int
	Name        string
	Email       string
	Moved       bool // the send day moved off a weekend or holiday
}

// LogFilter narrows the reminder log. Zero values mean any.
type LogFilter struct {
	Kind        string // reminder, escalation, urge
	SubjectKind string
	UnitID      int
	From, To    calendar.Date // decided on (Vietnam's days)
	Q           string        // recipient name or e-mail, subject title
	Page        int           // from 1
	PerPage     int           // default 50
}

// Entry is one line of the log: a decision and how its delivery went.
type Entry struct {
	ID          int
	DecidedAt   time.Time
	Kind        string
	SubjectKind string
	SubjectID   int
	Title       string
	Link        string
	UnitID      int
	UnitName    string
	DueOn       calendar.Date
	OffsetDays  int
	Rule        string
	Role        string
	UserID      int
	Name        string
	Email       string
	Note        string
	InApp       bool   // a notification was written
	Read        bool   // and read
	MailStatus  string // "" (no mail), pending, sent, failed
	MailError   string
	Resent      int
}

// SweepResult counts what one sweep of one province decided.
type SweepResult struct {
	Considered int // subjects looked at
	Decided    int // new decisions (each delivered once)
	Existing   int // due, already decided before (by another sweep or worker)
}

// ErrNotImplemented is returned by the contract's stubs until the package is filled in.
var ErrNotImplemented = errors.New("reminder: not implemented")
