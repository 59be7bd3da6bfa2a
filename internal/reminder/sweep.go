package reminder

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/ent/reminderdecision"
	"github.com/danvan-vn/danvan/internal/calendar"
	"github.com/danvan-vn/danvan/internal/db"
	"github.com/danvan-vn/danvan/internal/notify"
	"github.com/danvan-vn/danvan/internal/tenancy"
	"github.com/danvan-vn/danvan/internal/textnorm"
	"github.com/danvan-vn/danvan/internal/viewer"
)

// RuleUrge is the rule of a manual urge's decisions.
const RuleUrge = "urge"

// targets are the tracks of the ladder, in the order they are decided.
var targets = []string{TargetUnit, TargetMember, TargetAgencyHead}

// candidate is one reminder due to one person.
type candidate struct {
	sub    subject
	target string
	kind   string
	offset int
	send   calendar.Date
	moved  bool
	rule   string
	occ    string
	to     contact
	note   string
	actor  *viewer.Viewer
}

func (c candidate) key() string {
	return c.sub.Kind + "|" + strconv.Itoa(c.sub.ID) + "|" + recipientKey(c.to.UserID, c.to.Email) + "|" + c.rule + "|" + c.occ
}

// plan lists the reminders due in the context's province on day (all of them, decided or not,
// reachable or not), and how many open subjects it looked at. Nothing is due on a day off.
func (s *Service) plan(ctx context.Context, c *ent.Client, day calendar.Date) ([]candidate, int, error) {
	cal, err := s.calendar(ctx, c)
	if err != nil {
		return nil, 0, err
	}
	if !cal.IsWorkingDay(day) {
		return nil, 0, nil
	}
	l, err := loadLadder(ctx, c)
	if err != nil {
		return nil, 0, err
	}
	from, to := l.window(day)
	var subs []subject
	for _, src := range s.sources {
		ss, err := src.open(ctx, c, from, to)
		if err != nil {
			return nil, 0, err
		}
		subs = append(subs, ss...)
	}
	if len(subs) == 0 {
		return nil, 0, nil
	}
	dir, err := loadDirectory(ctx, c, day)
	if err != nil {
		return nil, 0, err
	}
	prefix := base(ctx)
	var out []candidate
	for _, sub := range subs {
		if sub.UnitName == "" {
			sub.UnitName = dir.units[sub.UnitID].Name
		}
		sub.Link = prefix + sub.Link
		for _, target := range targets {
			off, send, moved, ok := dueStep(cal, sub.DueOn, l.offsets(sub, target), day)
			if !ok {
				continue
			}
			for _, to := range dir.recipients(target, sub.UnitID) {
				out = append(out, candidate{sub: sub, target: target, kind: kindOf(target), offset: off, send: send,
					moved: moved, rule: ruleKey(target, off), occ: sub.DueOn.ISO(), to: to})
			}
		}
	}
	return out, len(subs), nil
}

// deadlines returns the earliest and latest deadline of cands (not empty).
func deadlines(cands []candidate) (lo, hi calendar.Date) {
	lo, hi = cands[0].sub.DueOn, cands[0].sub.DueOn
	for _, cd := range cands[1:] {
		if cd.sub.DueOn.Before(lo) {
			lo = cd.sub.DueOn
		}
		if cd.sub.DueOn.After(hi) {
			hi = cd.sub.DueOn
		}
	}
	return lo, hi
}

// decidedKeys returns which of the candidates were decided already, reading the province's
// decisions over the candidates' deadlines in one query.
func decidedKeys(ctx context.Context, c *ent.Client, cands []candidate) (map[string]bool, error) {
	done := map[string]bool{}
	if len(cands) == 0 {
		return done, nil
	}
	lo, hi := deadlines(cands)
	ds, err := c.ReminderDecision.Query().Where(reminderdecision.DueOnGTE(lo.UTC()), reminderdecision.DueOnLTE(hi.UTC()),
		reminderdecision.RuleNEQ(RuleUrge)).
		Select(reminderdecision.FieldSubjectKind, reminderdecision.FieldSubjectID, reminderdecision.FieldRecipient,
			reminderdecision.FieldRule, reminderdecision.FieldOccurrence).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("reminder: decisions already made: %w", err)
	}
	for _, d := range ds {
		done[d.SubjectKind+"|"+strconv.Itoa(d.SubjectID)+"|"+d.Recipient+"|"+d.Rule+"|"+d.Occurrence] = true
	}
	return done, nil
}

// Sweep decides and delivers the reminders due in the viewer's province on day (Vietnam's date):
// safe to run twice, at once on two workers, or again after a crash.
//
// The whole sweep is one transaction that first locks the province (a second sweep waits, then
// finds the first one's decisions), inserts the due decisions with ON CONFLICT DO NOTHING on
// their unique key (what comes back is what was new: nothing reads the decisions already made)
// and has notify write the new ones' notifications and outbox mails in the same transaction:
// they commit together or not at all. The outbox is kicked after the commit.
func (s *Service) Sweep(ctx context.Context, day calendar.Date) (SweepResult, error) {
	var res SweepResult
	cal, err := s.calendar(ctx, s.db)
	if err != nil {
		return res, err
	}
	if !cal.IsWorkingDay(day) {
		return res, nil
	}
	err = db.InTx(ctx, s.db, func(tx *ent.Tx) error {
		res = SweepResult{}
		t, err := lockProvince(ctx, tx)
		if err != nil {
			return err
		}
		cands, considered, err := s.plan(ctx, tx.Client(), day)
		if err != nil {
			return err
		}
		res.Considered = considered
		sent, err := sentKeys(ctx, tx, day, cands)
		if err != nil {
			return err
		}
		todo := cands[:0]
		for _, cd := range cands {
			switch {
			case !cd.to.reachable():
			case sent[cd.dkey()]:
				res.Existing++
			default:
				todo = append(todo, cd)
			}
		}
		res.Decided, err = s.decide(ctx, tx, t, todo)
		res.Existing += len(todo) - res.Decided
		return err
	})
	if err != nil {
		return SweepResult{}, fmt.Errorf("reminder: sweep of %s: %w", day.ISO(), err)
	}
	if res.Decided > 0 {
		s.deliver.Kick(ctx)
	}
	return res, nil
}

// sentKeys returns the keys of the decisions already made for steps that go out over the week
// up to day (the only ones a sweep on day can find due), reading their key columns only. It
// spares a catch-up sweep sending its rows again; it is no guarantee: a decision it misses
// (its send day computed before a holiday changed) is still skipped by the INSERT's ON
// CONFLICT on the unique key.
func sentKeys(ctx context.Context, tx *ent.Tx, day calendar.Date, cands []candidate) (map[decisionKey]bool, error) {
	if len(cands) == 0 {
		return nil, nil
	}
	lo, hi := deadlines(cands)
	tid, ok := tenancy.TenantOf(ctx)
	if !ok {
		return nil, fmt.Errorf("reminder: no province in the context")
	}
	rows, err := tx.QueryContext(ctx, `SELECT subject_kind, subject_id, recipient, rule, occurrence FROM reminder_decisions
 WHERE tenant_id = $1 AND send_on >= $2 AND send_on <= $3 AND due_on >= $4 AND due_on <= $5 AND rule <> $6`,
		tid, day.AddDays(-7).UTC(), day.UTC(), lo.UTC(), hi.UTC(), RuleUrge)
	if err != nil {
		return nil, fmt.Errorf("reminder: decisions already made: %w", err)
	}
	defer rows.Close()
	out := map[decisionKey]bool{}
	for rows.Next() {
		var k decisionKey
		var id int64
		if err := rows.Scan(&k.kind, &id, &k.recipient, &k.rule, &k.occ); err != nil {
			return nil, fmt.Errorf("reminder: decisions already made: %w", err)
		}
		k.id = int(id)
		out[k] = true
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("reminder: decisions already made: %w", err)
	}
	return out, rows.Close()
}

func (c *candidate) dkey() decisionKey {
	return decisionKey{c.sub.Kind, c.sub.ID, recipientKey(c.to.UserID, c.to.Email), c.rule, c.occ}
}

// decisionKey is a decision's unique key within its province.
type decisionKey struct {
	kind      string
	id        int
	recipient string
	rule      string
	occ       string
}

// decisionBatch rows per INSERT: 19 parameters a row stays under SQLite's 32,766 and
// PostgreSQL's 65,535 parameters a statement.
const decisionBatch = 1000

// insertDecisions is the head of the multi-row INSERT of decisions. $1 is the time, $2 the
// province; each row's own values follow. A key decided already (by an earlier sweep, or one
// that waited on the province's lock) is skipped by ON CONFLICT, and RETURNING names the new
// rows only. Plain SQL that PostgreSQL and SQLite (3.35+) both run.
const insertDecisions = `INSERT INTO reminder_decisions (created_at, updated_at, tenant_id, subject_kind, subject_id,
 recipient, rule, occurrence, kind, offset_days, unit_id, unit_name, title, link, due_on, send_on, role, user_id, email,
 name, actor_id, note, resent) VALUES `

const onDecisionConflict = ` ON CONFLICT (tenant_id, subject_kind, subject_id, recipient, rule, occurrence) DO NOTHING
 RETURNING id, subject_kind, subject_id, recipient, rule, occurrence`

// decide writes the decisions of cands that were not made yet in tx (their unique key skips
// the others) and has notify deliver the new ones in the same tx; it returns how many were new.
// Candidates sharing a key count once.
func (s *Service) decide(ctx context.Context, tx *ent.Tx, t *ent.Tenant, cands []candidate) (int, error) {
	if len(cands) == 0 {
		return 0, nil
	}
	now := time.Now().UTC()
	var (
		msgs []notify.Message
		sb   strings.Builder
		args []any
	)
	at := make(map[decisionKey]int, min(len(cands), decisionBatch))
	for i := 0; i < len(cands); i += decisionBatch {
		part := cands[i:min(i+decisionBatch, len(cands))]
		clear(at)
		sb.Reset()
		sb.WriteString(insertDecisions)
		args = append(args[:0], now, t.ID)
		rows := 0
		for j := range part {
			cd := &part[j]
			k := cd.dkey()
			if _, dup := at[k]; dup {
				continue
			}
			at[k] = j
			if rows > 0 {
				sb.WriteByte(',')
			}
			n := len(args)
			sb.WriteString("($1,$1,$2")
			for p := 1; p <= 19; p++ {
				sb.WriteString(",$")
				sb.WriteString(strconv.Itoa(n + p))
			}
			sb.WriteString(",0)")
			var userID, actorID any
			if cd.to.UserID > 0 {
				userID = int64(cd.to.UserID)
			}
			if cd.actor != nil && cd.actor.UserID > 0 {
				actorID = int64(cd.actor.UserID)
			}
			args = append(args, k.kind, int64(k.id), k.recipient, k.rule, k.occ, cd.kind, int64(cd.offset), int64(cd.sub.UnitID),
				shorten(cd.sub.UnitName, 300), shorten(cd.sub.Title, 500), cd.sub.Link, cd.sub.DueOn.UTC(), cd.send.UTC(),
				cd.to.Role, userID, cd.to.Email, shorten(cd.to.Name, 200), actorID, cd.note)
			rows++
		}
		sb.WriteString(onDecisionConflict)
		if err := s.insertDecisions(ctx, tx, sb.String(), args, func(id int, k decisionKey) error {
			j, ok := at[k]
			if !ok {
				return fmt.Errorf("reminder: write decisions: unexpected key %v", k)
			}
			msgs = append(msgs, message(part[j], id, t.Name))
			return nil
		}); err != nil {
			return 0, err
		}
	}
	if err := s.deliverAll(ctx, tx, msgs); err != nil {
		return 0, err
	}
	return len(msgs), nil
}

// insertDecisions runs one INSERT of decisions and calls f with each new row's id and key.
func (s *Service) insertDecisions(ctx context.Context, tx *ent.Tx, query string, args []any, f func(int, decisionKey) error) error {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("reminder: write decisions: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			id, sid int64
			k       decisionKey
		)
		if err := rows.Scan(&id, &k.kind, &sid, &k.recipient, &k.rule, &k.occ); err != nil {
			return fmt.Errorf("reminder: write decisions: %w", err)
		}
		k.id = int(sid)
		if err := f(int(id), k); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("reminder: write decisions: %w", err)
	}
	return rows.Close()
}

// deliverAll has notify write the messages' rows in tx. The rows carry their decision's id,
// which is how the log finds them.
func (s *Service) deliverAll(ctx context.Context, tx *ent.Tx, msgs []notify.Message) error {
	if len(msgs) == 0 {
		return nil
	}
	out, err := s.deliver.DeliverAll(ctx, tx, msgs)
	if err != nil {
		return fmt.Errorf("reminder: deliver: %w", err)
	}
	if len(out) != len(msgs) {
		return fmt.Errorf("reminder: deliver: %d messages, %d results", len(msgs), len(out))
	}
	return nil
}

// message is what notify delivers for a decision.
func message(cd candidate, decisionID int, province string) notify.Message {
	vars := map[string]string{
		"title": cd.sub.Title, "what": cd.sub.Kind, "unit": cd.sub.UnitName, "due": cd.sub.DueOn.String(),
		"days": strconv.Itoa(cd.offset), "role": cd.to.Role, "province": province,
	}
	if cd.note != "" {
		vars["note"] = cd.note
	}
	if cd.actor != nil && cd.actor.UserName != "" {
		vars["actor"] = cd.actor.UserName
	}
	return notify.Message{Kind: cd.kind, To: notify.Recipient{UserID: cd.to.UserID, Email: cd.to.Email, Name: cd.to.Name, Locale: cd.to.Locale},
		Subject: cd.sub.Kind + ":" + strconv.Itoa(cd.sub.ID), Link: cd.sub.Link, Vars: vars, DecisionID: decisionID}
}

// Preview lists who would be reminded on day, and why, without deciding anything: the
// reminders due that day and not decided yet, including people with no contact (UserID 0 and
// no e-mail), whom the sweep skips.
func (s *Service) Preview(ctx context.Context, day calendar.Date) ([]Planned, error) {
	cands, _, err := s.plan(ctx, s.db, day)
	if err != nil {
		return nil, fmt.Errorf("reminder: preview %s: %w", day.ISO(), err)
	}
	done, err := decidedKeys(ctx, s.db, cands)
	if err != nil {
		return nil, err
	}
	out := make([]Planned, 0, len(cands))
	for _, cd := range cands {
		if cd.to.reachable() && done[cd.key()] {
			continue
		}
		out = append(out, Planned{SendOn: cd.send, Kind: cd.kind, SubjectKind: cd.sub.Kind, SubjectID: cd.sub.ID,
			Title: cd.sub.Title, Link: cd.sub.Link, UnitID: cd.sub.UnitID, UnitName: cd.sub.UnitName, DueOn: cd.sub.DueOn,
			OffsetDays: cd.offset, Rule: cd.rule, Role: cd.to.Role, UserID: cd.to.UserID, Name: cd.to.Name,
			Email: cd.to.Email, Moved: cd.moved})
	}
	textnorm.Sort(out, func(p Planned) string { return p.UnitName })
	slices.SortStableFunc(out, func(a, b Planned) int {
		return cmp.Or(cmp.Compare(slices.Index(targets, targetOf(a.Rule)), slices.Index(targets, targetOf(b.Rule))))
	})
	return out, nil
}

func targetOf(rule string) string {
	for _, t := range targets {
		w := t
		if t == TargetAgencyHead {
			w = "agency"
		}
		if len(rule) > len(w) && rule[:len(w)] == w {
			return t
		}
	}
	return ""
}

// nowUTC is the service's clock in UTC.
func (s *Service) nowUTC() time.Time { return s.now().UTC() }
