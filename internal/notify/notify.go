// Package notify tells people things: in the app (the bell and the notification list), by
// e-mail through the outbox (a row first, then a send with retries), and in a daily digest, as
// each person's preferences say. Callers decide what to say and to whom, in their own
// transaction; Deliver writes the rows in that transaction, so a decision and its delivery
// commit or vanish together.
package notify

import (
	"context"
	"errors"
	"log/slog"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/internal/jobs"
)

// Kinds of notification. Each has vi/en templates (title, text and HTML mail) and a default
// preference.
const (
	KindReminder   = "reminder"   // a deadline is near or past: to the unit's contacts
	KindEscalation = "escalation" // overdue: to the committee member in charge, then the standing agency's head
	KindUrge       = "urge"       // someone urged the unit from a board
)

// Kinds lists the kinds, in the order the preferences page shows them.
var Kinds = []string{KindReminder, KindEscalation, KindUrge}

// Recipient is who a message goes to: a user of the app, or only an e-mail address (a unit's
// officer who has no account yet gets the mail and no bell).
type Recipient struct {
	UserID int // 0: no account
	Email  string
	Name   string
	Locale string // "vi" or "en"; empty: the user's own locale, else vi
}

// Message is one notification to deliver. Vars are the values the kind's templates use:
//
//	title     the subject as people call it ("Báo cáo công tác dân vận chính quyền 6 tháng đầu năm 2025")
//	what      report, task or obligation (rendered as a word in the reader's language)
//	unit      the unit's name
//	due       the deadline, dd/mm/yyyy
//	days      days from the deadline: "-3" three days before, "2" two days late
//	role      officer, leader, member or agency_head: why this person gets it
//	note      a free note (an urge's message)
//	actor     who urged
//	province  the province's name
type Message struct {
	Kind       string
	To         Recipient
	Subject    string // "report:12": what it is about
	Link       string // a path in the app, e.g. /t/nghe-an/reports/periods/3/units/12
	Vars       map[string]string
	DecisionID int // the reminder decision it delivers, if any
}

// Delivered says which rows Deliver wrote for a message (0: none, as the preferences said).
type Delivered struct {
	NotificationID int
	MailID         int
}

// ErrNotImplemented is returned by the contract's stubs until the package is filled in.
var ErrNotImplemented = errors.New("notify: not implemented")

// Config is how mail leaves: SMTPURL (DANVAN_SMTP_URL: smtp://user:pass@host:587 with
// STARTTLS, smtps://… for implicit TLS; empty: nothing leaves, mail stays in the outbox for the
// mail preview page), From (DANVAN_MAIL_FROM) and BaseURL (links in mail).
type Config struct {
	SMTPURL string
	From    string
	BaseURL string
}

// Service is the notification centre.
type Service struct {
	db     *ent.Client
	runner *jobs.Runner
	cfg    Config
	log    *slog.Logger
}

// New returns the notification centre and registers its jobs (outbox flush, digest) on runner.
func New(db *ent.Client, runner *jobs.Runner, cfg Config, log *slog.Logger) (*Service, error) {
	return &Service{db: db, runner: runner, cfg: cfg, log: log}, nil
}

// DeliverAll writes, in tx (the caller's deciding transaction, already in the province), the
// in-app notifications and the outbox mails the recipients' preferences ask for, in bulk, and
// returns what it wrote for each message, in order. Mails go out after the commit (Kick, or
// the outbox's own periodic flush if that is lost).
func (s *Service) DeliverAll(ctx context.Context, tx *ent.Tx, ms []Message) ([]Delivered, error) {
	return nil, ErrNotImplemented
}

// Kick asks the outbox to send what is pending now. Best effort: call it after the commit; if it
// is lost (Redis down), the periodic flush sends the mail.
func (s *Service) Kick(ctx context.Context) {}

// ResendMail writes, in tx, a new outbox row copying mail id (a resend from the reminder log)
// and returns its id.
func (s *Service) ResendMail(ctx context.Context, tx *ent.Tx, id int) (int, error) {
	return 0, ErrNotImplemented
}
