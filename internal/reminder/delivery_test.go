package reminder

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/hibiken/asynq"

	"github.com/danvan-vn/danvan/ent/mailmessage"
	"github.com/danvan-vn/danvan/ent/notification"
	"github.com/danvan-vn/danvan/internal/jobs"
	"github.com/danvan-vn/danvan/internal/notify"
	"github.com/danvan-vn/danvan/internal/testenv"
)

// TestSweep_RedisFlushedBetweenSweepAndSend: the decisions are rows, so losing Redis after a
// sweep (before the outbox sent anything) loses none and a second sweep decides none again.
func TestSweep_RedisFlushedBetweenSweepAndSend(t *testing.T) {
	f := setup(t)
	a := f.a
	opt, err := asynq.ParseRedisURI(testenv.Redis(t, redisDB))
	if err != nil {
		t.Fatal(err)
	}
	runner := jobs.NewRunner(f.db, opt, slog.New(slog.NewTextHandler(io.Discard, nil)))
	t.Cleanup(func() { _ = runner.Close() })
	svc := New(f.db, nil, runner)
	svc.deliver, svc.now = f.fake, f.svc.now
	r1, err := svc.Sweep(a.ctx, d(2025, 7, 8))
	if err != nil {
		t.Fatal(err)
	}
	before := f.decisions(t, a)
	testenv.Redis(t, redisDB) // flushes the database: the queue is gone
	r2, err := svc.Sweep(a.ctx, d(2025, 7, 8))
	if err != nil {
		t.Fatal(err)
	}
	after := f.decisions(t, a)
	if r1.Decided == 0 || r2.Decided != 0 || len(after) != len(before) || r2.Existing != r1.Decided {
		t.Errorf("after the flush: %+v then %+v, %d then %d rows", r1, r2, len(before), len(after))
	}
	for i := range before {
		if after[i].ID != before[i].ID {
			t.Errorf("decision %d decided again as %d", before[i].ID, after[i].ID)
		}
	}
	if got := len(f.fake.messages()); got != len(before) {
		t.Errorf("%d messages for %d decisions", got, len(before))
	}
}

// TestSweep_RealNotify runs the sweep with the real notification centre: in-app notifications
// and outbox mails are written in the deciding transaction, linked both ways. It skips until
// notify is implemented.
func TestSweep_RealNotify(t *testing.T) {
	f := setup(t)
	a := f.a
	opt, err := asynq.ParseRedisURI(testenv.Redis(t, redisDB))
	if err != nil {
		t.Fatal(err)
	}
	runner := jobs.NewRunner(f.db, opt, slog.New(slog.NewTextHandler(io.Discard, nil)))
	t.Cleanup(func() { _ = runner.Close() })
	n, err := notify.New(f.db, runner, notify.Config{BaseURL: "http://localhost"}, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	svc := New(f.db, n, runner)
	svc.now = f.svc.now
	r, err := svc.Sweep(a.ctx, d(2025, 7, 8))
	if errors.Is(err, notify.ErrNotImplemented) {
		t.Skip("notify.DeliverAll is not implemented yet (the notify branch has not landed): run again once it has")
	}
	if err != nil {
		t.Fatal(err)
	}
	ds := f.decisions(t, a)
	if r.Decided != len(ds) || len(ds) == 0 {
		t.Fatalf("%+v, %d rows", r, len(ds))
	}
	// Each decision's rows carry its id (the log joins on it): exactly one mail each, and one
	// notification for a decision to a user.
	for _, x := range ds {
		nn, _ := f.db.Notification.Query().Where(notification.DecisionID(x.ID)).Count(a.ctx)
		mm, _ := f.db.MailMessage.Query().Where(mailmessage.DecisionID(x.ID)).Count(a.ctx)
		if x.UserID != nil && nn != 1 || x.UserID == nil && nn != 0 {
			t.Errorf("decision %d (user %v) has %d notifications", x.ID, x.UserID, nn)
		}
		if mm != 1 {
			t.Errorf("decision %d has %d mails", x.ID, mm)
		}
	}
	if e, err := svc.Entry(a.ctx, ds[0].ID); err != nil || e.MailStatus != "pending" || e.InApp != (ds[0].UserID != nil) {
		t.Errorf("entry %+v, %v", e, err)
	}
	nn, _ := f.db.Notification.Query().Where(notification.DecisionIDNotNil()).Count(a.ctx)
	mm, _ := f.db.MailMessage.Query().Where(mailmessage.DecisionIDNotNil()).Count(a.ctx)
	if nn == 0 || mm != len(ds) {
		t.Errorf("%d notifications, %d mails for %d decisions", nn, mm, len(ds))
	}
	// Resend writes a new mail.
	if _, err := svc.Resend(a.ctx, ds[0].ID); err != nil {
		t.Fatal(err)
	}
	if mm2, _ := f.db.MailMessage.Query().Count(a.ctx); mm2 != mm+1 {
		t.Errorf("resend: %d mails, want %d", mm2, mm+1)
	}
}

// TestSweep_SQLiteConcurrent: on the embedded database two sweeps at once also decide once (its
// write transactions run one at a time).
func TestSweep_SQLiteConcurrent(t *testing.T) {
	dbx := testenv.OpenDB(t, testenv.SQLite(t))
	f := &fx{db: dbx.Client, fake: newFakeNotify(t, dbx.Client)}
	f.svc = New(dbx.Client, nil, nil)
	f.svc.deliver = f.fake
	f.a = f.province(t, "quang-ngai", "Quảng Ngãi")
	var wg sync.WaitGroup
	res := make([]SweepResult, 3)
	errs := make([]error, 3)
	for i := range res {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ctx, cancel := context.WithTimeout(f.a.ctx, time.Minute)
			defer cancel()
			res[i], errs[i] = f.svc.Sweep(ctx, d(2025, 7, 8))
		}()
	}
	wg.Wait()
	decided := 0
	for i, err := range errs {
		if err != nil {
			t.Fatalf("sweep %d: %v", i, err)
		}
		decided += res[i].Decided
	}
	ds := f.decisions(t, f.a)
	for k, n := range keys(ds) {
		if n != 1 {
			t.Errorf("%s decided %d times", k, n)
		}
	}
	if decided != len(ds) || len(ds) != 6 {
		t.Errorf("decided %d, %d rows", decided, len(ds))
	}
}
