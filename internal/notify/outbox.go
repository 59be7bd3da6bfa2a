package notify

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/ent/mailmessage"
	"github.com/danvan-vn/danvan/internal/apperr"
	"github.com/danvan-vn/danvan/internal/db"
	"github.com/danvan-vn/danvan/internal/tenancy"
	"github.com/danvan-vn/danvan/internal/viewer"
)

// flushLimit bounds one flush; the next tick (or a Kick) goes on.
const flushLimit = 2000

// errDial marks a failure to reach the SMTP server at all: the rest of this flush would fail
// the same way, so it stops and the next tick tries again.
var errDial = errors.New("notify: SMTP server unreachable")

// Flush sends the outbox's due mail, across every province, and returns how many mails it sent.
// Each mail is claimed in its own transaction with a row lock that other flushes skip (SELECT …
// FOR UPDATE SKIP LOCKED on PostgreSQL; SQLite runs write transactions one at a time), sent,
// and marked sent in that transaction: two flushes never send the same row. A failed send
// counts an attempt and waits (Backoff) before the next; after MaxAttempts the mail is failed.
// With no SMTP server configured it sends nothing: mail stays pending for the preview page.
func (s *Service) Flush(ctx context.Context) (int, error) {
	if s.smtp == nil {
		s.noSMTPOnce.Do(func() {
			s.log.InfoContext(ctx, "mail: no DANVAN_SMTP_URL; e-mail stays in the outbox (platform mail preview)")
		})
		return 0, nil
	}
	ctx = tenancy.SystemContext(ctx) // the outbox is one queue for every province's mail
	d := &sender{cfg: *s.smtp}
	defer d.close()
	sent := 0
	for range flushLimit {
		var claimed, ok bool
		var sendErr error
		err := db.InTx(ctx, s.db, func(tx *ent.Tx) error {
			now := time.Now().UTC()
			m, err := tx.MailMessage.Query().
				Where(mailmessage.StatusEQ(mailmessage.StatusPending), mailmessage.NextAttemptAtLTE(now)).
				Order(ent.Asc(mailmessage.FieldNextAttemptAt), ent.Asc(mailmessage.FieldID)).
				Modify(db.ForUpdateSkipLocked).First(ctx)
			if ent.IsNotFound(err) {
				return nil
			}
			if err != nil {
				return fmt.Errorf("notify: claim mail: %w", err)
			}
			claimed = true
			msg, err := s.buildMsg(m)
			if err == nil {
				sendErr = d.send(ctx, msg)
			} else {
				sendErr = err
			}
			upd := tx.MailMessage.UpdateOneID(m.ID).AddAttempts(1)
			if sendErr == nil {
				ok = true
				return upd.SetStatus(mailmessage.StatusSent).SetSentAt(time.Now().UTC()).SetLastError("").Exec(ctx)
			}
			attempts := m.Attempts + 1
			upd.SetLastError(clip(sendErr.Error(), 2000))
			if attempts >= MaxAttempts || err != nil { // err: a mail that can never be built
				upd.SetStatus(mailmessage.StatusFailed)
				s.log.ErrorContext(ctx, "mail failed for good", "mail_id", m.ID, "attempts", attempts, "err", sendErr)
			} else {
				upd.SetNextAttemptAt(now.Add(Backoff(attempts)))
				s.log.WarnContext(ctx, "mail not sent; will retry", "mail_id", m.ID, "attempts", attempts, "err", sendErr)
			}
			return upd.Exec(ctx)
		})
		if err != nil {
			return sent, err
		}
		if !claimed {
			return sent, nil
		}
		if ok {
			sent++
		} else if errors.Is(sendErr, errDial) {
			return sent, nil // the server is away: the next tick tries again
		}
	}
	return sent, nil
}

// OutboxFilter narrows the mail preview's list.
type OutboxFilter struct {
	Status  string // pending, sent, failed; empty: all
	Q       string // in the address or subject
	Page    int    // from 1
	PerPage int    // default 50
}

// Statuses of outbox mail, for filters.
var Statuses = []string{string(mailmessage.StatusPending), string(mailmessage.StatusSent), string(mailmessage.StatusFailed)}

func platformContext(ctx context.Context) (context.Context, error) {
	v := viewer.FromContext(ctx)
	if v == nil || !v.PlatformAdmin {
		return nil, apperr.Forbidden(errors.New("notify: the mail preview is the platform admin's"))
	}
	return tenancy.SystemContext(ctx), nil // the platform admin's mail preview reads every province's outbox
}

// Outbox lists the outbox for the platform admin's mail preview, newest first, across
// provinces, and returns the total matching.
func (s *Service) Outbox(ctx context.Context, f OutboxFilter) ([]*ent.MailMessage, int, error) {
	ctx, err := platformContext(ctx)
	if err != nil {
		return nil, 0, err
	}
	q := s.db.MailMessage.Query()
	if f.Status != "" {
		st := mailmessage.Status(f.Status)
		if err := mailmessage.StatusValidator(st); err != nil {
			return nil, 0, apperr.Invalid(map[string]string{"status": "invalid"})
		}
		q.Where(mailmessage.StatusEQ(st))
	}
	if t := strings.TrimSpace(f.Q); t != "" {
		q.Where(mailmessage.Or(mailmessage.ToAddrContainsFold(t), mailmessage.SubjectContainsFold(t), mailmessage.ToNameContainsFold(t)))
	}
	total, err := q.Clone().Count(ctx)
	if err != nil {
		return nil, 0, fmt.Errorf("notify: count outbox: %w", err)
	}
	page, per := paging(f.Page, f.PerPage, 50)
	rows, err := q.Order(ent.Desc(mailmessage.FieldID)).Offset((page-1)*per).Limit(per).
		Select(mailmessage.FieldID, mailmessage.FieldTenantID, mailmessage.FieldCreatedAt, mailmessage.FieldKind,
			mailmessage.FieldToAddr, mailmessage.FieldToName, mailmessage.FieldLocale, mailmessage.FieldSubject,
			mailmessage.FieldStatus, mailmessage.FieldAttempts, mailmessage.FieldNextAttemptAt,
			mailmessage.FieldLastError, mailmessage.FieldSentAt).All(ctx)
	if err != nil {
		return nil, 0, fmt.Errorf("notify: list outbox: %w", err)
	}
	return rows, total, nil
}

// Mail returns one outbox mail for the platform admin's mail preview.
func (s *Service) Mail(ctx context.Context, id int) (*ent.MailMessage, error) {
	ctx, err := platformContext(ctx)
	if err != nil {
		return nil, err
	}
	m, err := s.db.MailMessage.Get(ctx, id)
	if ent.IsNotFound(err) {
		return nil, apperr.NotFound(err)
	}
	if err != nil {
		return nil, fmt.Errorf("notify: mail %d: %w", id, err)
	}
	return m, nil
}

// MessageID is the Message-ID header an outbox mail is sent with (without angle brackets).
func (s *Service) MessageID(id int) string { return s.messageID(id) }

func paging(page, per, def int) (int, int) {
	if per < 1 {
		per = def
	}
	per = min(per, 200)
	page = min(max(page, 1), 1_000_000)
	return page, per
}
