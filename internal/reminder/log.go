package reminder

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/ent/mailmessage"
	"github.com/danvan-vn/danvan/ent/notification"
	"github.com/danvan-vn/danvan/ent/predicate"
	"github.com/danvan-vn/danvan/ent/reminderdecision"
	"github.com/danvan-vn/danvan/internal/apperr"
	"github.com/danvan-vn/danvan/internal/calendar"
	"github.com/danvan-vn/danvan/internal/db"
	"github.com/danvan-vn/danvan/internal/notify"
	"github.com/danvan-vn/danvan/internal/viewer"
)

// MaxNote bounds an urge's note.
const MaxNote = 2000

func entryOf(d *ent.ReminderDecision) Entry {
	e := Entry{ID: d.ID, DecidedAt: d.CreatedAt, Kind: d.Kind, SubjectKind: d.SubjectKind, SubjectID: d.SubjectID,
		Title: d.Title, Link: d.Link, UnitID: d.UnitID, UnitName: d.UnitName, DueOn: dateOf(d.DueOn),
		OffsetDays: d.OffsetDays, Rule: d.Rule, Role: d.Role, Name: d.Name, Email: d.Email, Note: d.Note,
		Resent: d.Resent}
	if d.UserID != nil {
		e.UserID = *d.UserID
	}
	return e
}

// deliveries are the latest notification and outbox mail of each decision (a resend writes
// newer ones), found by the decision_id notify writes on both: two bulk queries.
type deliveries struct {
	mails map[int]*ent.MailMessage  // decision id → its latest mail
	notes map[int]*ent.Notification // decision id → its latest notification
}

func loadDeliveries(ctx context.Context, c *ent.Client, ids []int) (deliveries, error) {
	out := deliveries{mails: map[int]*ent.MailMessage{}, notes: map[int]*ent.Notification{}}
	if len(ids) == 0 {
		return out, nil
	}
	ms, err := c.MailMessage.Query().Where(mailmessage.DecisionIDIn(ids...)).
		Select(mailmessage.FieldID, mailmessage.FieldDecisionID, mailmessage.FieldStatus, mailmessage.FieldLastError).All(ctx)
	if err != nil {
		return out, fmt.Errorf("reminder: mails of the log: %w", err)
	}
	for _, m := range ms {
		if cur := out.mails[*m.DecisionID]; cur == nil || m.ID > cur.ID {
			out.mails[*m.DecisionID] = m
		}
	}
	ns, err := c.Notification.Query().Where(notification.DecisionIDIn(ids...)).
		Select(notification.FieldID, notification.FieldDecisionID, notification.FieldReadAt).All(ctx)
	if err != nil {
		return out, fmt.Errorf("reminder: notifications of the log: %w", err)
	}
	for _, n := range ns {
		if cur := out.notes[*n.DecisionID]; cur == nil || n.ID > cur.ID {
			out.notes[*n.DecisionID] = n
		}
	}
	return out, nil
}

// withDelivery fills in how the entries' deliveries went.
func withDelivery(ctx context.Context, c *ent.Client, ds []*ent.ReminderDecision, out []Entry) error {
	ids := make([]int, len(ds))
	for i, d := range ds {
		ids[i] = d.ID
	}
	dl, err := loadDeliveries(ctx, c, ids)
	if err != nil {
		return err
	}
	for i, d := range ds {
		if m := dl.mails[d.ID]; m != nil {
			out[i].MailStatus, out[i].MailError = string(m.Status), m.LastError
		}
		if n := dl.notes[d.ID]; n != nil {
			out[i].InApp, out[i].Read = true, n.ReadAt != nil
		}
	}
	return nil
}

// Log lists the province's decisions, newest first, and the total matching.
func (s *Service) Log(ctx context.Context, f LogFilter) ([]Entry, int, error) {
	var ps []predicate.ReminderDecision
	if f.Kind != "" {
		ps = append(ps, reminderdecision.Kind(f.Kind))
	}
	if f.SubjectKind != "" {
		ps = append(ps, reminderdecision.SubjectKind(f.SubjectKind))
	}
	if f.UnitID > 0 {
		ps = append(ps, reminderdecision.UnitID(f.UnitID))
	}
	if !f.From.IsZero() {
		ps = append(ps, reminderdecision.CreatedAtGTE(f.From.Time().UTC()))
	}
	if !f.To.IsZero() {
		ps = append(ps, reminderdecision.CreatedAtLT(f.To.AddDays(1).Time().UTC()))
	}
	if q := strings.TrimSpace(f.Q); q != "" {
		ps = append(ps, reminderdecision.Or(reminderdecision.NameContainsFold(q), reminderdecision.EmailContainsFold(q),
			reminderdecision.TitleContainsFold(q), reminderdecision.UnitNameContainsFold(q)))
	}
	per := f.PerPage
	if per <= 0 || per > 500 {
		per = 50
	}
	page := max(f.Page, 1)
	q := s.db.ReminderDecision.Query().Where(ps...)
	total, err := q.Clone().Count(ctx)
	if err != nil {
		return nil, 0, fmt.Errorf("reminder: log: %w", err)
	}
	ds, err := q.Order(ent.Desc(reminderdecision.FieldCreatedAt), ent.Desc(reminderdecision.FieldID)).
		Offset((page - 1) * per).Limit(per).All(ctx)
	if err != nil {
		return nil, 0, fmt.Errorf("reminder: log: %w", err)
	}
	out := make([]Entry, len(ds))
	for i, d := range ds {
		out[i] = entryOf(d)
	}
	if err := withDelivery(ctx, s.db, ds, out); err != nil {
		return nil, 0, err
	}
	return out, total, nil
}

// Entry returns one decision of the log.
func (s *Service) Entry(ctx context.Context, id int) (Entry, error) {
	return s.entry(ctx, s.db, id)
}

func (s *Service) entry(ctx context.Context, c *ent.Client, id int) (Entry, error) {
	d, err := c.ReminderDecision.Get(ctx, id)
	if ent.IsNotFound(err) {
		return Entry{}, apperr.NotFound(err)
	}
	if err != nil {
		return Entry{}, fmt.Errorf("reminder: entry %d: %w", id, err)
	}
	out := []Entry{entryOf(d)}
	if err := withDelivery(ctx, c, []*ent.ReminderDecision{d}, out); err != nil {
		return Entry{}, err
	}
	return out[0], nil
}

// Resend delivers a decision again (a new outbox mail, and a new notification if the first was
// read), counting it on the decision.
func (s *Service) Resend(ctx context.Context, id int) (Entry, error) {
	var out Entry
	err := db.InTx(ctx, s.db, func(tx *ent.Tx) error {
		d, err := tx.ReminderDecision.Query().Where(reminderdecision.ID(id)).Modify(lockNoKeyUpdate).Only(ctx)
		if ent.IsNotFound(err) {
			return apperr.NotFound(err)
		}
		if err != nil {
			return err
		}
		u := tx.ReminderDecision.UpdateOneID(id).AddResent(1).SetResentAt(s.nowUTC())
		dl, err := loadDeliveries(ctx, tx.Client(), []int{id})
		if err != nil {
			return err
		}
		mail, note := dl.mails[id], dl.notes[id]
		if mail != nil {
			if _, err := s.deliver.ResendMail(ctx, tx, mail.ID); err != nil {
				return fmt.Errorf("reminder: resend mail %d: %w", mail.ID, err)
			}
		}
		// A new notification when the latest was read (or none was written and no mail either):
		// to the account only, as the mail went above.
		again := note == nil && mail == nil
		if note != nil {
			again = note.ReadAt != nil
		}
		if again && d.UserID != nil {
			to := notify.Recipient{UserID: *d.UserID, Name: d.Name}
			if mail == nil && note == nil {
				to.Email = d.Email
			}
			vars := map[string]string{"title": d.Title, "what": d.SubjectKind, "unit": d.UnitName,
				"due": dateOf(d.DueOn).String(), "days": fmt.Sprint(d.OffsetDays), "role": d.Role}
			if d.Note != "" {
				vars["note"] = d.Note
			}
			if t, err := lockTenantName(ctx, tx); err == nil {
				vars["province"] = t
			}
			if _, err := s.deliver.DeliverAll(ctx, tx, []notify.Message{{Kind: d.Kind, To: to,
				Subject: fmt.Sprintf("%s:%d", d.SubjectKind, d.SubjectID), Link: d.Link, Vars: vars, DecisionID: d.ID}}); err != nil {
				return fmt.Errorf("reminder: resend decision %d: %w", id, err)
			}
		}
		if err := u.Exec(ctx); err != nil {
			return err
		}
		out, err = s.entry(ctx, tx.Client(), id)
		return err
	})
	if err != nil {
		return Entry{}, err
	}
	s.deliver.Kick(ctx)
	return out, nil
}

// lockTenantName returns the province's name (no lock: the name only).
func lockTenantName(ctx context.Context, tx *ent.Tx) (string, error) {
	v := viewer.FromContext(ctx)
	if v == nil {
		return "", fmt.Errorf("reminder: no viewer")
	}
	t, err := tx.Tenant.Get(ctx, v.TenantID)
	if err != nil {
		return "", err
	}
	return t.Name, nil
}

// Urge is the boards' manual "urge": for each subject of the kind (e.g. the late unit reports
// of a period) it decides an urge to the unit's contacts with the note, through the same path
// as the sweep, and returns how many subjects were urged. Closed subjects (submitted report,
// completed task) are skipped.
func (s *Service) Urge(ctx context.Context, subjectKind string, ids []int, note string) (int, error) {
	var n int
	err := db.InTx(ctx, s.db, func(tx *ent.Tx) error {
		var err error
		n, err = s.UrgeTx(ctx, tx, subjectKind, ids, note)
		return err
	})
	if err != nil {
		return 0, err
	}
	if n > 0 {
		s.deliver.Kick(ctx)
	}
	return n, nil
}

// UrgeTx decides urges like Urge inside the caller's transaction (a board's own urge, which
// records it on the subjects too), so the decisions, their deliveries and the caller's change
// commit together. The caller calls Kick after its commit.
func (s *Service) UrgeTx(ctx context.Context, tx *ent.Tx, subjectKind string, ids []int, note string) (int, error) {
	f := apperr.Fields{}
	note = strings.TrimSpace(note)
	f.Text("note", note, MaxNote, true)
	i := slices.IndexFunc(s.sources, func(src source) bool { return src.kind() == subjectKind })
	if i < 0 {
		f.Add("subject_kind", "invalid")
	}
	if err := f.Err(); err != nil {
		return 0, err
	}
	if len(ids) == 0 {
		return 0, nil
	}
	c := tx.Client()
	subs, err := s.sources[i].byIDs(ctx, c, ids)
	if err != nil || len(subs) == 0 {
		return 0, err
	}
	now := s.nowUTC()
	today := calendar.DateAt(now)
	dir, err := loadDirectory(ctx, c, today)
	if err != nil {
		return 0, err
	}
	t, err := tx.Tenant.Get(ctx, viewer.FromContext(ctx).TenantID)
	if err != nil {
		return 0, fmt.Errorf("reminder: urge: province: %w", err)
	}
	actor := viewer.FromContext(ctx)
	prefix := base(ctx)
	occ := now.Format(time.RFC3339Nano)
	var cands []candidate
	for _, sub := range subs {
		if sub.UnitName == "" {
			sub.UnitName = dir.units[sub.UnitID].Name
		}
		sub.Link = prefix + sub.Link
		for _, to := range dir.recipients(TargetUnit, sub.UnitID) {
			if !to.reachable() {
				continue
			}
			cands = append(cands, candidate{sub: sub, target: TargetUnit, kind: KindUrge, offset: today.Sub(sub.DueOn),
				send: today, rule: RuleUrge, occ: occ, to: to, note: note, actor: actor})
		}
	}
	if _, err := s.decide(ctx, tx, t, cands); err != nil {
		return 0, fmt.Errorf("reminder: urge: %w", err)
	}
	return len(subs), nil
}
