// Package notify tells people things: in the app (the bell and the notification list), by
// e-mail through the outbox (a row first, then a send with retries), and in a daily digest, as
// each person's preferences say. Callers decide what to say and to whom, in their own
// transaction; Deliver writes the rows in that transaction, so a decision and its delivery
// commit or vanish together.
package notify

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/ent/mailmessage"
	"github.com/danvan-vn/danvan/ent/notificationpreference"
	"github.com/danvan-vn/danvan/ent/user"
	"github.com/danvan-vn/danvan/internal/apperr"
	"github.com/danvan-vn/danvan/internal/jobs"
	"github.com/danvan-vn/danvan/internal/tenancy"
	"github.com/danvan-vn/danvan/internal/textnorm"
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

// ErrNotImplemented was returned by the contract's stubs; kept so callers compiled against
// the contract still build.
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
	smtp   *SMTPConfig // nil: no SMTP configured, mail stays in the outbox
	// noSMTPOnce says once in the log that mail stays in the outbox.
	noSMTPOnce sync.Once
}

// Job types of the notification centre.
const (
	TypeMailFlush = "mail:flush"    // send what the outbox holds, every minute and on Kick
	TypeDigest    = "notify:digest" // a province's daily digest, at its digest time
)

// New returns the notification centre and registers its jobs (outbox flush, digest) on runner.
// A bad SMTP URL is an error (config validates it first).
func New(db *ent.Client, runner *jobs.Runner, cfg Config, log *slog.Logger) (*Service, error) {
	if log == nil {
		log = slog.Default()
	}
	s := &Service{db: db, runner: runner, cfg: cfg, log: log}
	if cfg.SMTPURL != "" {
		sc, err := ParseSMTPURL(cfg.SMTPURL)
		if err != nil {
			return nil, err
		}
		s.smtp = &sc
	}
	if runner != nil {
		runner.Periodic(TypeMailFlush, "@every 1m", func(ctx context.Context) error {
			_, err := s.Flush(ctx)
			return err
		})
		runner.Schedule(TypeDigest, s.digestSchedule, s.handleDigest)
	}
	return s, nil
}

// Preference is how a user wants one kind of notification.
type Preference struct {
	Kind   string `json:"kind"`
	InApp  bool   `json:"in_app"`
	Email  bool   `json:"email"`
	Digest bool   `json:"digest"`
}

// DefaultPreference is a kind's preference when the user chose nothing.
func DefaultPreference(kind string) Preference {
	return Preference{Kind: kind, InApp: true, Email: true, Digest: false}
}

func validKind(k string) bool {
	for _, x := range Kinds {
		if x == k {
			return true
		}
	}
	return false
}

// backoff is the wait after the n-th failed attempt (1-based).
var backoff = []time.Duration{time.Minute, 5 * time.Minute, 15 * time.Minute, time.Hour, 3 * time.Hour, 6 * time.Hour, 12 * time.Hour}

// MaxAttempts is how many sends a mail gets before it is failed for good.
const MaxAttempts = 8

// Backoff returns how long the outbox waits after a mail's attempts-th failed attempt.
func Backoff(attempts int) time.Duration {
	return backoff[min(max(attempts, 1), len(backoff))-1]
}

func clip(s string, n int) string { return textnorm.Ellipsis(s, n) }

// DeliverAll writes, in tx (the caller's deciding transaction, already in the province), the
// in-app notifications and the outbox mails the recipients' preferences ask for, in bulk, and
// returns what it wrote for each message, in order. Mails go out after the commit (Kick, or
// the outbox's own periodic flush if that is lost).
//
// It reads the preferences of every recipient in one query, and the users whose address or
// language the caller left empty in another; then it writes notifications in one bulk insert
// and mails in another. A user who wants a kind only in the digest (in-app off, digest on)
// still gets the notification row, already read, so the digest finds it and the bell does not
// ring for it.
func (s *Service) DeliverAll(ctx context.Context, tx *ent.Tx, ms []Message) ([]Delivered, error) {
	out := make([]Delivered, len(ms))
	if len(ms) == 0 {
		return out, nil
	}
	var uids []int
	seen := map[int]bool{}
	needUser := map[int]bool{}
	for i, m := range ms {
		if !validKind(m.Kind) {
			return nil, fmt.Errorf("notify: message %d: unknown kind %q", i, m.Kind)
		}
		if m.To.UserID > 0 {
			if !seen[m.To.UserID] {
				seen[m.To.UserID] = true
				uids = append(uids, m.To.UserID)
			}
			if m.To.Email == "" || m.To.Locale == "" || m.To.Name == "" {
				needUser[m.To.UserID] = true
			}
		} else if m.To.Email == "" {
			return nil, fmt.Errorf("notify: message %d: a recipient with neither user nor e-mail", i)
		}
	}
	prefs := map[int]map[string]Preference{}
	if len(uids) > 0 {
		rows, err := tx.NotificationPreference.Query().Where(notificationpreference.UserIDIn(uids...)).All(ctx)
		if err != nil {
			return nil, fmt.Errorf("notify: read preferences: %w", err)
		}
		for _, p := range rows {
			if prefs[p.UserID] == nil {
				prefs[p.UserID] = map[string]Preference{}
			}
			prefs[p.UserID][p.Kind] = Preference{Kind: p.Kind, InApp: p.InApp, Email: p.Email, Digest: p.Digest}
		}
	}
	users := map[int]*ent.User{}
	if len(needUser) > 0 {
		ids := make([]int, 0, len(needUser))
		for id := range needUser {
			ids = append(ids, id)
		}
		rows, err := tx.User.Query().Where(user.IDIn(ids...)).
			Select(user.FieldID, user.FieldEmail, user.FieldLocale, user.FieldFullName).All(ctx)
		if err != nil {
			return nil, fmt.Errorf("notify: read recipients: %w", err)
		}
		for _, u := range rows {
			users[u.ID] = u
		}
	}
	tid, ok := tenancy.TenantOf(ctx)
	if !ok {
		return nil, errors.New("notify: deliver: no province in the context")
	}
	now := time.Now().UTC()
	var notes []noteRow
	var mails []mailRow
	for i, m := range ms {
		to := m.To
		if u := users[to.UserID]; u != nil {
			if to.Email == "" {
				to.Email = u.Email
			}
			if to.Locale == "" {
				to.Locale = u.Locale
			}
			if to.Name == "" {
				to.Name = u.FullName
			}
		}
		p := DefaultPreference(m.Kind)
		if to.UserID > 0 {
			if got, ok := prefs[to.UserID][m.Kind]; ok {
				p = got
			}
		}
		if to.UserID > 0 && (p.InApp || p.Digest) {
			n := noteRow{msg: i, userID: to.UserID}
			if !p.InApp {
				n.readAt = &now // digest only: no bell
			}
			notes = append(notes, n)
		}
		if to.Email != "" && p.Email {
			loc := Locale(to.Locale)
			mails = append(mails, mailRow{msg: i, to: to, loc: loc})
		}
	}
	if err := s.render(ms, mails); err != nil {
		return nil, err
	}
	for start := 0; start < len(notes); start += bulkSize {
		part := notes[start:min(start+bulkSize, len(notes))]
		if err := insertNotes(ctx, tx, tid, now, ms, part, out); err != nil {
			return nil, err
		}
	}
	for start := 0; start < len(mails); start += bulkSize {
		part := mails[start:min(start+bulkSize, len(mails))]
		if err := insertMails(ctx, tx, tid, now, ms, part, out); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// noteRow is an in-app notification DeliverAll writes for message msg.
type noteRow struct {
	msg    int
	userID int
	readAt *time.Time
}

// mailRow is an outbox mail DeliverAll writes for message msg, once rendered.
type mailRow struct {
	msg   int
	to    Recipient
	loc   string
	parts mailParts
}

// render renders the mails' parts, on every CPU when there are many (a sweep's thousands):
// templates are safe to execute at once, and each mail is its own.
func (s *Service) render(ms []Message, mails []mailRow) error {
	one := func(r *mailRow) error {
		m := ms[r.msg]
		v := newView(r.loc, m.Vars)
		v.Name, v.Link = r.to.Name, s.absolute(m.Link)
		parts, err := renderMail(m.Kind, r.loc, v)
		r.parts = parts
		return err
	}
	workers := min(runtime.GOMAXPROCS(0), len(mails)/64)
	if workers < 2 {
		for i := range mails {
			if err := one(&mails[i]); err != nil {
				return err
			}
		}
		return nil
	}
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(mails); i += workers {
				if err := one(&mails[i]); err != nil {
					errs[w] = err
					return
				}
			}
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}

// The rows are written with plain multi-row INSERTs through the caller's transaction (ent's
// bulk builders cost more than the database's work at a sweep's size). $1 is the time, $2 the
// province; RETURNING gives the ids in the rows' order.
const (
	insertNotesHead = `INSERT INTO notifications (created_at, updated_at, tenant_id, user_id, kind, subject, vars, link,
 decision_id, read_at) VALUES `
	insertMailsHead = `INSERT INTO mail_messages (created_at, updated_at, tenant_id, status, attempts, next_attempt_at,
 last_error, kind, to_addr, to_name, locale, subject, text_body, html_body, user_id, decision_id) VALUES `
	notePrefix = "$1,$1,$2"
	mailPrefix = "$1,$1,$2,'pending',0,$1,''" // pending, never tried, due now
)

func insertNotes(ctx context.Context, tx *ent.Tx, tid int, now time.Time, ms []Message, rows []noteRow, out []Delivered) error {
	var sb strings.Builder
	sb.WriteString(insertNotesHead)
	args := make([]any, 0, 2+7*len(rows))
	args = append(args, now, tid)
	for j, r := range rows {
		m := ms[r.msg]
		var vars any
		if m.Vars != nil {
			b, err := json.Marshal(m.Vars)
			if err != nil {
				return fmt.Errorf("notify: write notifications: %w", err)
			}
			vars = b
		}
		var readAt any
		if r.readAt != nil {
			readAt = *r.readAt
		}
		if j > 0 {
			sb.WriteByte(',')
		}
		placeholders(&sb, notePrefix, len(args), 7)
		args = append(args, int64(r.userID), m.Kind, clip(m.Subject, 100), vars, clip(m.Link, 500), nonZero(m.DecisionID), readAt)
	}
	sb.WriteString(" RETURNING id")
	return insertReturning(ctx, tx, sb.String(), args, len(rows), func(j, id int) { out[rows[j].msg].NotificationID = id },
		"notify: write notifications")
}

func insertMails(ctx context.Context, tx *ent.Tx, tid int, now time.Time, ms []Message, rows []mailRow, out []Delivered) error {
	var sb strings.Builder
	sb.WriteString(insertMailsHead)
	args := make([]any, 0, 2+9*len(rows))
	args = append(args, now, tid)
	for j, r := range rows {
		m := ms[r.msg]
		if j > 0 {
			sb.WriteByte(',')
		}
		placeholders(&sb, mailPrefix, len(args), 9)
		args = append(args, m.Kind, r.to.Email, clip(r.to.Name, 200), r.loc, clip(r.parts.Subject, 500), r.parts.Text,
			r.parts.HTML, nonZero(r.to.UserID), nonZero(m.DecisionID))
	}
	sb.WriteString(" RETURNING id")
	return insertReturning(ctx, tx, sb.String(), args, len(rows), func(j, id int) { out[rows[j].msg].MailID = id },
		"notify: write outbox")
}

// placeholders writes one row: "(" prefix, then n parameters numbered after `after`, ")".
func placeholders(sb *strings.Builder, prefix string, after, n int) {
	sb.WriteString("(")
	sb.WriteString(prefix)
	for p := 1; p <= n; p++ {
		sb.WriteString(",$")
		sb.WriteString(strconv.Itoa(after + p))
	}
	sb.WriteByte(')')
}

// insertReturning runs a multi-row INSERT … RETURNING id and hands each id to set with its row.
func insertReturning(ctx context.Context, tx *ent.Tx, query string, args []any, n int, set func(j, id int), what string) error {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	defer rows.Close()
	j := 0
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
		if j < n {
			set(j, int(id))
		}
		j++
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	if j != n {
		return fmt.Errorf("%s: %d rows written of %d", what, j, n)
	}
	return rows.Close()
}

// bulkSize bounds one INSERT (PostgreSQL takes at most 65535 parameters a statement).
const bulkSize = 1000

// nonZero is id as a parameter: NULL for 0.
func nonZero(id int) any {
	if id == 0 {
		return nil
	}
	return int64(id)
}

// absolute makes an app path a link a mail reader can follow.
func (s *Service) absolute(path string) string {
	if path == "" {
		return s.cfg.BaseURL + "/"
	}
	if len(path) > 0 && path[0] != '/' {
		return path
	}
	return s.cfg.BaseURL + path
}

// Kick asks the outbox to send what is pending now. Best effort: call it after the commit; if it
// is lost (Redis down), the periodic flush sends the mail.
func (s *Service) Kick(ctx context.Context) {
	if s.runner == nil {
		return
	}
	if err := s.runner.Nudge(ctx, TypeMailFlush); err != nil {
		s.log.WarnContext(ctx, "mail flush not nudged; the periodic flush will send", "err", err)
	}
}

// ResendMail writes, in tx, a new outbox row copying mail id (a resend from the reminder log)
// and returns its id.
func (s *Service) ResendMail(ctx context.Context, tx *ent.Tx, id int) (int, error) {
	m, err := tx.MailMessage.Get(ctx, id)
	if ent.IsNotFound(err) {
		return 0, apperr.NotFound(fmt.Errorf("notify: mail %d: %w", id, err))
	}
	if err != nil {
		return 0, fmt.Errorf("notify: resend mail %d: %w", id, err)
	}
	n, err := tx.MailMessage.Create().SetTenantID(m.TenantID).SetKind(m.Kind).SetToAddr(m.ToAddr).SetToName(m.ToName).
		SetLocale(m.Locale).SetSubject(m.Subject).SetTextBody(m.TextBody).SetHTMLBody(m.HTMLBody).
		SetStatus(mailmessage.StatusPending).SetNextAttemptAt(time.Now().UTC()).
		SetNillableUserID(m.UserID).SetNillableDecisionID(m.DecisionID).Save(ctx)
	if err != nil {
		return 0, fmt.Errorf("notify: resend mail %d: %w", id, err)
	}
	return n.ID, nil
}
