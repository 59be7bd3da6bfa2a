package reminder

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/ent/tenant"
	"github.com/danvan-vn/danvan/internal/calendar"
	"github.com/danvan-vn/danvan/internal/jobs"
	"github.com/danvan-vn/danvan/internal/notify"
	"github.com/danvan-vn/danvan/internal/regime"
	"github.com/danvan-vn/danvan/internal/viewer"
)

// deliverer is the part of notify the engine uses: notify.Service in production, a recorder in
// tests (and until notify lands).
type deliverer interface {
	DeliverAll(ctx context.Context, tx *ent.Tx, ms []notify.Message) ([]notify.Delivered, error)
	Kick(ctx context.Context)
	ResendMail(ctx context.Context, tx *ent.Tx, id int) (int, error)
}

// Service is the reminder engine.
type Service struct {
	db      *ent.Client
	notify  *notify.Service
	now     func() time.Time
	deliver deliverer
	sources []source
}

// New returns the reminder engine and registers its schedule (each province's sweep at its
// sending time) on runner.
func New(db *ent.Client, n *notify.Service, runner *jobs.Runner) *Service {
	s := &Service{db: db, notify: n, now: time.Now, deliver: n,
		sources: []source{reportSource{}, taskSource{}, obligationSource{}}}
	if runner != nil {
		runner.Schedule(TypeSweep, s.schedule, s.runSweep)
	}
	return s
}

// Kick asks the outbox to send now what a transaction that called UrgeTx wrote: call it after
// that transaction commits (best effort, as notify.Service.Kick).
func (s *Service) Kick(ctx context.Context) {
	if s.deliver != nil {
		s.deliver.Kick(ctx)
	}
}

// calendar is the province's working-day calendar, read in the sweep's transaction.
func (s *Service) calendar(ctx context.Context, c *ent.Client) (*calendar.Calendar, error) {
	cal, err := regime.CalendarOf(ctx, c)
	if err != nil {
		return nil, fmt.Errorf("reminder: holidays: %w", err)
	}
	return cal, nil
}

// lockNoKeyUpdate locks the selected rows against a second sweep without blocking the foreign
// key checks of other writers (FOR NO KEY UPDATE, on PostgreSQL). SQLite needs no lock: its write
// transactions begin immediate and run one at a time (see db.SQLiteDSN).
func lockNoKeyUpdate(s *entsql.Selector) {
	if s.Dialect() != dialect.Postgres {
		return
	}
	s.SetDistinct(false).For(entsql.LockNoKeyUpdate)
}

// lockProvince serializes the province's deciding transactions: it locks the province's tenant
// row until tx ends. A second sweep waits here, then sees the first one's decisions.
func lockProvince(ctx context.Context, tx *ent.Tx) (*ent.Tenant, error) {
	v := viewer.FromContext(ctx)
	if v == nil || v.TenantID == 0 {
		return nil, errors.New("reminder: no province in the context")
	}
	t, err := tx.Tenant.Query().Where(tenant.ID(v.TenantID)).Modify(lockNoKeyUpdate).Only(ctx)
	if err != nil {
		return nil, fmt.Errorf("reminder: lock province %d: %w", v.TenantID, err)
	}
	return t, nil
}

// base is the province's path prefix, for links.
func base(ctx context.Context) string {
	if v := viewer.FromContext(ctx); v != nil && v.TenantSlug != "" {
		return "/t/" + v.TenantSlug
	}
	return ""
}

// ruleKey names a step: unit-3, member+3, agency+7.
func ruleKey(target string, offset int) string {
	w := target
	if target == TargetAgencyHead {
		w = "agency"
	}
	return w + fmt.Sprintf("%+d", offset)
}

// sendDay is the working day a step goes out: the deadline plus the offset, moved earlier
// (before the deadline, or on it) or later (after it) off a weekend or holiday.
func sendDay(cal *calendar.Calendar, due calendar.Date, offset int) (calendar.Date, bool) {
	raw := due.AddDays(offset)
	if cal.IsWorkingDay(raw) {
		return raw, false
	}
	if offset > 0 {
		return cal.NextWorkingDay(raw), true
	}
	return cal.PrevWorkingDay(raw), true
}

// dueStep picks, among a track's offsets, the step due on day: the one with the greatest send
// day not after day, provided it is at most a week old (older steps are superseded, and a
// missed week does not flood anyone).
func dueStep(cal *calendar.Calendar, due calendar.Date, offsets []int, day calendar.Date) (off int, send calendar.Date, moved, ok bool) {
	for _, o := range offsets {
		sd, mv := sendDay(cal, due, o)
		if sd.After(day) || sd.Before(day.AddDays(-7)) {
			continue
		}
		if !ok || sd.After(send) || (sd.Equal(send) && o > off) {
			off, send, moved, ok = o, sd, mv, true
		}
	}
	return
}

func kindOf(target string) string {
	if target == TargetUnit {
		return KindReminder
	}
	return KindEscalation
}

// recipientKey is a decision's recipient: the user's account when there is one, else the
// address.
func recipientKey(userID int, email string) string {
	if userID > 0 {
		return "user:" + strconv.Itoa(userID)
	}
	return "email:" + email
}
