package notify_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hibiken/asynq"
	"github.com/redis/go-redis/v9"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/ent/mailmessage"
	"github.com/danvan-vn/danvan/ent/notification"
	"github.com/danvan-vn/danvan/internal/apperr"
	"github.com/danvan-vn/danvan/internal/db"
	"github.com/danvan-vn/danvan/internal/jobs"
	"github.com/danvan-vn/danvan/internal/notify"
	"github.com/danvan-vn/danvan/internal/notify/smtptest"
	"github.com/danvan-vn/danvan/internal/tenancy"
	"github.com/danvan-vn/danvan/internal/testenv"
	"github.com/danvan-vn/danvan/internal/viewer"
)

// redisDB is this package's Redis database number (packages run in parallel).
const redisDB = 25

type fx struct {
	db    *ent.Client
	ctx   context.Context // province admin of quang-ngai
	other context.Context // province admin of nghe-an
	v     *viewer.Viewer
	svc   *notify.Service
	smtp  *smtptest.Server
	rurl  string
	run   *jobs.Runner
}

func setup(t *testing.T, smtpOn bool) *fx {
	t.Helper()
	d := testenv.OpenDB(t, testenv.Postgres(t).AppURL)
	v := testenv.Province(t, d.Client, "quang-ngai", "Quảng Ngãi")
	ov := testenv.Province(t, d.Client, "nghe-an", "Nghệ An")
	f := &fx{db: d.Client, v: v, ctx: viewer.NewContext(context.Background(), v), other: viewer.NewContext(context.Background(), ov)}
	f.rurl = testenv.Redis(t, redisDB)
	opt, err := asynq.ParseRedisURI(f.rurl)
	if err != nil {
		t.Fatal(err)
	}
	f.run = jobs.NewRunner(d.Client, opt, slog.New(slog.NewTextHandler(io.Discard, nil)))
	t.Cleanup(func() { _ = f.run.Close() })
	cfg := notify.Config{From: "Ban Dân vận <danvan@quangngai.gov.vn>", BaseURL: "https://danvan.example.vn"}
	if smtpOn {
		f.smtp = smtptest.Start(t)
		cfg.SMTPURL = f.smtp.URL()
	}
	f.svc, err = notify.New(d.Client, f.run, cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	return f
}

var userSeq int

// user creates a user (a member of no province: notify does not care).
func (f *fx) user(t *testing.T, name, locale string) *ent.User {
	t.Helper()
	userSeq++
	ctx := tenancy.SystemContext(context.Background()) // fixture
	var u *ent.User
	err := db.InTx(ctx, f.db, func(tx *ent.Tx) error {
		var err error
		u, err = tx.User.Create().SetEmail(fmt.Sprintf("u%d-%d@example.vn", userSeq, time.Now().UnixNano())).SetFullName(name).
			SetPasswordHash("x").SetLocale(locale).Save(ctx)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// as is the viewer ctx of user u in the fixture's province.
func (f *fx) as(u *ent.User) context.Context {
	v := *f.v
	v.UserID, v.UserName = u.ID, u.FullName
	return viewer.NewContext(context.Background(), &v)
}

func (f *fx) deliver(t *testing.T, ctx context.Context, ms ...notify.Message) []notify.Delivered {
	t.Helper()
	var out []notify.Delivered
	err := db.InTx(ctx, f.db, func(tx *ent.Tx) error {
		var err error
		out, err = f.svc.DeliverAll(ctx, tx, ms)
		return err
	})
	if err != nil {
		t.Fatalf("DeliverAll: %v", err)
	}
	return out
}

func reminder(to notify.Recipient) notify.Message {
	return notify.Message{Kind: notify.KindReminder, To: to, Subject: "report:12", Link: "/t/quang-ngai/reports/periods/3/units/12",
		Vars: map[string]string{"title": "Báo cáo công tác dân vận chính quyền 6 tháng đầu năm 2025", "what": "report",
			"unit": "UBND xã Tịnh Ấn", "due": "15/06/2025", "days": "-3", "role": "officer", "province": "Quảng Ngãi"}}
}

func (f *fx) mail(t *testing.T, id int) *ent.MailMessage {
	t.Helper()
	m, err := f.db.MailMessage.Get(tenancy.SystemContext(context.Background()), id)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// due makes every pending mail due now (the back-off waited).
func (f *fx) due(t *testing.T) {
	t.Helper()
	if err := f.db.MailMessage.Update().Where(mailmessage.StatusEQ(mailmessage.StatusPending)).
		SetNextAttemptAt(time.Now().Add(-time.Second).UTC()).Exec(tenancy.SystemContext(context.Background())); err != nil {
		t.Fatal(err)
	}
}

func (f *fx) setPrefs(t *testing.T, u *ent.User, p notify.Preference) {
	t.Helper()
	if err := f.svc.SetPreferences(f.as(u), []notify.Preference{p}); err != nil {
		t.Fatal(err)
	}
}

func TestService_DeliverAll_Preferences(t *testing.T) {
	f := setup(t, false)
	inApp := f.user(t, "Nguyễn Văn An", "vi")
	email := f.user(t, "Trần Thị Bình", "vi")
	digest := f.user(t, "Lê Văn Cường", "en")
	def := f.user(t, "Phạm Thị Dung", "")
	f.setPrefs(t, inApp, notify.Preference{Kind: notify.KindReminder, InApp: true})
	f.setPrefs(t, email, notify.Preference{Kind: notify.KindReminder, Email: true})
	f.setPrefs(t, digest, notify.Preference{Kind: notify.KindReminder, Digest: true})
	// A preference of another kind changes nothing for reminders.
	f.setPrefs(t, def, notify.Preference{Kind: notify.KindUrge, InApp: false, Email: false})

	got := f.deliver(t, f.ctx,
		reminder(notify.Recipient{UserID: inApp.ID}),
		reminder(notify.Recipient{UserID: email.ID}),
		reminder(notify.Recipient{UserID: digest.ID}),
		reminder(notify.Recipient{UserID: def.ID}),
		reminder(notify.Recipient{Email: "vanthu@tinhan.gov.vn", Name: "Văn thư xã Tịnh Ấn"}),
	)
	type want struct{ note, mail, unread bool }
	for i, w := range []want{{true, false, true}, {false, true, false}, {true, false, false}, {true, true, true}, {false, true, false}} {
		if (got[i].NotificationID > 0) != w.note || (got[i].MailID > 0) != w.mail {
			t.Errorf("message %d: delivered %+v, want notification %v mail %v", i, got[i], w.note, w.mail)
		}
		if got[i].NotificationID > 0 {
			n, err := f.db.Notification.Get(f.ctx, got[i].NotificationID)
			if err != nil {
				t.Fatal(err)
			}
			if (n.ReadAt == nil) != w.unread {
				t.Errorf("message %d: unread %v, want %v (digest only does not ring the bell)", i, n.ReadAt == nil, w.unread)
			}
		}
	}
	m := f.mail(t, got[3].MailID)
	wantSubj := "[Dân vận] Nhắc hạn: Báo cáo công tác dân vận chính quyền 6 tháng đầu năm 2025 — hạn 15/06/2025 (còn 3 ngày)"
	if m.Subject != wantSubj || m.ToAddr != def.Email || m.Locale != "vi" || m.Status != mailmessage.StatusPending {
		t.Errorf("mail = %q to %s (%s, %s), want %q", m.Subject, m.ToAddr, m.Locale, m.Status, wantSubj)
	}
	if !strings.Contains(m.TextBody, "https://danvan.example.vn/t/quang-ngai/reports/periods/3/units/12") ||
		!strings.Contains(m.HTMLBody, `href="https://danvan.example.vn/t/quang-ngai/reports/periods/3/units/12"`) {
		t.Errorf("links in mail are not absolute:\n%s\n%s", m.TextBody, m.HTMLBody)
	}
	if !strings.Contains(m.TextBody, "Kính gửi đồng chí Phạm Thị Dung") || !strings.Contains(m.TextBody, "cán bộ phụ trách công tác dân vận") {
		t.Errorf("text body:\n%s", m.TextBody)
	}
	if m := f.mail(t, got[4].MailID); m.ToName != "Văn thư xã Tịnh Ấn" || m.UserID != nil {
		t.Errorf("address-only mail: %+v", m)
	}
	// The other province sees none of it.
	if n, err := f.db.Notification.Query().Count(f.other); err != nil || n != 0 {
		t.Errorf("other province counts %d notifications (%v)", n, err)
	}
	if n, err := f.db.MailMessage.Query().Count(f.other); err != nil || n != 0 {
		t.Errorf("other province counts %d mails (%v)", n, err)
	}
}

func TestService_DeliverAll_Wording(t *testing.T) {
	f := setup(t, false)
	u := f.user(t, "John Smith", "en")
	late := reminder(notify.Recipient{UserID: u.ID, Locale: "vi"})
	late.Vars["days"] = "2"
	esc := notify.Message{Kind: notify.KindEscalation, To: notify.Recipient{UserID: u.ID}, Link: "/t/quang-ngai/reports",
		Vars: map[string]string{"title": "Báo cáo quý II", "what": "report", "unit": "UBND xã Tịnh Ấn", "due": "15/06/2025", "days": "3", "role": "member"}}
	escVI := esc
	escVI.To.Locale = "vi"
	got := f.deliver(t, f.ctx, late, esc, escVI)
	for i, want := range []string{
		"[Dân vận] Nhắc hạn: Báo cáo công tác dân vận chính quyền 6 tháng đầu năm 2025 — hạn 15/06/2025 (quá hạn 2 ngày)",
		"[Dân vận] Not completed: UBND xã Tịnh Ấn — Báo cáo quý II (3 day(s) overdue)",
		"[Dân vận] Chưa hoàn thành: UBND xã Tịnh Ấn — Báo cáo quý II (quá hạn 3 ngày)",
	} {
		if m := f.mail(t, got[i].MailID); m.Subject != want {
			t.Errorf("mail %d subject %q, want %q", i, m.Subject, want)
		}
	}
	if m := f.mail(t, got[2].MailID); !strings.Contains(m.TextBody, "Đơn vị UBND xã Tịnh Ấn chưa hoàn thành báo cáo «Báo cáo quý II», hạn 15/06/2025, quá hạn 3 ngày (đồng chí phụ trách đơn vị).") {
		t.Errorf("escalation text:\n%s", m.TextBody)
	}
	// In the app, the notification reads in the reader's language.
	items, total, err := f.svc.List(f.as(u), notify.Filter{Locale: "en"})
	if err != nil || total != 3 {
		t.Fatalf("List = %d, %v", total, err)
	}
	if items[0].Title != "UBND xã Tịnh Ấn has not completed the report" || items[0].Link != "/t/quang-ngai/reports" {
		t.Errorf("item = %+v", items[0])
	}
	// An unknown kind is refused, and nothing is written.
	err = db.InTx(f.ctx, f.db, func(tx *ent.Tx) error {
		_, err := f.svc.DeliverAll(f.ctx, tx, []notify.Message{{Kind: "gossip", To: notify.Recipient{UserID: u.ID}}})
		return err
	})
	if err == nil {
		t.Error("an unknown kind was delivered")
	}
}

func TestService_Flush_SendsOverSMTP(t *testing.T) {
	f := setup(t, true)
	vi := f.user(t, "Nguyễn Thị Hương", "vi")
	en := f.user(t, "Jane Doe", "en")
	got := f.deliver(t, f.ctx, reminder(notify.Recipient{UserID: vi.ID}), reminder(notify.Recipient{UserID: en.ID}))
	n, err := f.svc.Flush(context.Background())
	if err != nil || n != 2 {
		t.Fatalf("Flush = %d, %v; want 2", n, err)
	}
	msgs := f.smtp.Messages()
	if len(msgs) != 2 {
		t.Fatalf("%d messages arrived, want 2", len(msgs))
	}
	byTo := map[string]smtptest.Message{}
	for _, m := range msgs {
		byTo[m.To[0]] = m
	}
	m := byTo[vi.Email]
	if m.Subject != "[Dân vận] Nhắc hạn: Báo cáo công tác dân vận chính quyền 6 tháng đầu năm 2025 — hạn 15/06/2025 (còn 3 ngày)" {
		t.Errorf("subject %q", m.Subject)
	}
	if m.From != "danvan@quangngai.gov.vn" || !strings.Contains(m.Header.Get("From"), "danvan@quangngai.gov.vn") {
		t.Errorf("from %q / %q", m.From, m.Header.Get("From"))
	}
	if !strings.Contains(m.Text, "Kính gửi đồng chí Nguyễn Thị Hương") || !strings.Contains(m.Text, "UBND xã Tịnh Ấn") {
		t.Errorf("text part:\n%s", m.Text)
	}
	if !strings.Contains(m.HTML, "<strong>UBND xã Tịnh Ấn</strong>") || !strings.Contains(m.HTML, `href="https://danvan.example.vn/t/quang-ngai/reports/periods/3/units/12"`) {
		t.Errorf("html part:\n%s", m.HTML)
	}
	if want := f.svc.MessageID(got[0].MailID); m.MessageID() != want || want != fmt.Sprintf("mail-%d@danvan.example.vn", got[0].MailID) {
		t.Errorf("Message-ID %q, want %q", m.MessageID(), want)
	}
	if e := byTo[en.Email]; !strings.HasPrefix(e.Subject, "[Dân vận] Reminder: ") || !strings.Contains(e.Text, "Dear Jane Doe") {
		t.Errorf("English mail: %q\n%s", e.Subject, e.Text)
	}
	row := f.mail(t, got[0].MailID)
	if row.Status != mailmessage.StatusSent || row.SentAt == nil || row.Attempts != 1 {
		t.Errorf("row after send: %s sent_at %v attempts %d", row.Status, row.SentAt, row.Attempts)
	}
	if n, err := f.svc.Flush(context.Background()); err != nil || n != 0 {
		t.Errorf("second Flush = %d, %v; want nothing", n, err)
	}
}

func TestService_Flush_RetriesWithBackoffThenDeliversOnce(t *testing.T) {
	f := setup(t, true)
	u := f.user(t, "Võ Văn Đức", "vi")
	id := f.deliver(t, f.ctx, reminder(notify.Recipient{UserID: u.ID}))[0].MailID
	f.smtp.SetDown(true)
	for i, wait := range []time.Duration{time.Minute, 5 * time.Minute, 15 * time.Minute} {
		before := time.Now()
		if n, err := f.svc.Flush(context.Background()); err != nil || n != 0 {
			t.Fatalf("Flush while down = %d, %v", n, err)
		}
		m := f.mail(t, id)
		if m.Status != mailmessage.StatusPending || m.Attempts != i+1 || !strings.Contains(m.LastError, "421") {
			t.Fatalf("after attempt %d: %s, attempts %d, last error %q", i+1, m.Status, m.Attempts, m.LastError)
		}
		if d := m.NextAttemptAt.Sub(before); d < wait-time.Second || d > wait+5*time.Second {
			t.Errorf("attempt %d: next attempt in %v, want %v", i+1, d, wait)
		}
		// Not due yet: a flush now leaves it alone.
		if n, _ := f.svc.Flush(context.Background()); n != 0 || f.mail(t, id).Attempts != i+1 {
			t.Errorf("a mail waiting for its back-off was tried again")
		}
		f.due(t)
	}
	f.smtp.SetDown(false)
	if n, err := f.svc.Flush(context.Background()); err != nil || n != 1 {
		t.Fatalf("Flush when back = %d, %v", n, err)
	}
	f.due(t)
	if n, _ := f.svc.Flush(context.Background()); n != 0 {
		t.Error("sent again")
	}
	if got := f.smtp.Messages(); len(got) != 1 || f.smtp.Refused() != 3 {
		t.Errorf("%d arrived, %d refused; want 1 and 3", len(got), f.smtp.Refused())
	}
	if m := f.mail(t, id); m.Status != mailmessage.StatusSent || m.Attempts != 4 {
		t.Errorf("final row: %s attempts %d", m.Status, m.Attempts)
	}
}

func TestService_Flush_FailsAfterMaxAttempts(t *testing.T) {
	f := setup(t, true)
	u := f.user(t, "Đặng Thị Lan", "vi")
	id := f.deliver(t, f.ctx, reminder(notify.Recipient{UserID: u.ID}))[0].MailID
	f.smtp.SetDown(true)
	for range notify.MaxAttempts {
		f.due(t)
		if _, err := f.svc.Flush(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	if m := f.mail(t, id); m.Status != mailmessage.StatusFailed || m.Attempts != notify.MaxAttempts {
		t.Errorf("after %d attempts: %s (%d)", notify.MaxAttempts, m.Status, m.Attempts)
	}
	// ResendMail copies it as a new pending row, which goes out once the server is back.
	var nid int
	if err := db.InTx(f.ctx, f.db, func(tx *ent.Tx) error {
		var err error
		nid, err = f.svc.ResendMail(f.ctx, tx, id)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	f.smtp.SetDown(false)
	if n, err := f.svc.Flush(context.Background()); err != nil || n != 1 {
		t.Fatalf("Flush of the resend = %d, %v", n, err)
	}
	if ms := f.smtp.Messages(); len(ms) != 1 || ms[0].MessageID() != f.svc.MessageID(nid) {
		t.Errorf("resend arrived as %+v", ms)
	}
	// Another province cannot resend it.
	err := db.InTx(f.other, f.db, func(tx *ent.Tx) error { _, err := f.svc.ResendMail(f.other, tx, id); return err })
	if apperr.KindOf(err) != apperr.KindNotFound {
		t.Errorf("resend from another province: %v", err)
	}
}

func TestService_Flush_TwoRacingSendEachMailOnce(t *testing.T) {
	f := setup(t, true)
	var ms []notify.Message
	for i := range 40 {
		ms = append(ms, reminder(notify.Recipient{Email: fmt.Sprintf("donvi%d@example.vn", i), Name: fmt.Sprintf("Đơn vị %d", i)}))
	}
	f.deliver(t, f.ctx, ms...)
	var wg sync.WaitGroup
	counts := make([]int, 3)
	for w := range counts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			n, err := f.svc.Flush(context.Background())
			if err != nil {
				t.Errorf("flush %d: %v", w, err)
			}
			counts[w] = n
		}()
	}
	wg.Wait()
	got := f.smtp.Messages()
	seen := map[string]int{}
	for _, m := range got {
		seen[m.MessageID()]++
	}
	if len(got) != 40 || len(seen) != 40 || counts[0]+counts[1]+counts[2] != 40 {
		t.Errorf("%d arrived (%d distinct), flushes counted %v; want each of 40 once", len(got), len(seen), counts)
	}
	t.Logf("three racing flushes sent %v", counts)
}

func TestService_Kick_RedisFlushedStillSent(t *testing.T) {
	f := setup(t, true)
	u := f.user(t, "Hoàng Văn Em", "vi")
	f.deliver(t, f.ctx, reminder(notify.Recipient{UserID: u.ID}))
	f.svc.Kick(f.ctx)
	insp := asynq.NewInspector(mustOpt(t, f.rurl))
	defer insp.Close()
	if tasks, err := insp.ListPendingTasks(jobs.QueueDefault); err != nil || len(tasks) != 1 || tasks[0].Type != notify.TypeMailFlush {
		t.Fatalf("after Kick: %v, %v", tasks, err)
	}
	// Redis loses everything before a worker takes the task.
	ro, _ := redis.ParseURL(f.rurl)
	rc := redis.NewClient(ro)
	defer rc.Close()
	if err := rc.FlushDB(context.Background()).Err(); err != nil {
		t.Fatal(err)
	}
	if len(f.smtp.Messages()) != 0 {
		t.Fatal("sent without a flush")
	}
	// The next minute's periodic flush, through the worker's mux, sends it.
	if err := f.run.Mux().ProcessTask(context.Background(), asynq.NewTask(notify.TypeMailFlush, nil)); err != nil {
		t.Fatal(err)
	}
	if got := f.smtp.Messages(); len(got) != 1 || got[0].To[0] != u.Email {
		t.Errorf("after the periodic flush: %+v", got)
	}
	// Kick with Redis gone is no error for the caller.
	_ = f.run.Close()
	f.svc.Kick(f.ctx)
}

func mustOpt(t *testing.T, u string) asynq.RedisConnOpt {
	t.Helper()
	o, err := asynq.ParseRedisURI(u)
	if err != nil {
		t.Fatal(err)
	}
	return o
}

func TestService_Flush_NoSMTPLeavesMailPending(t *testing.T) {
	f := setup(t, false)
	u := f.user(t, "Bùi Thị Giang", "vi")
	id := f.deliver(t, f.ctx, reminder(notify.Recipient{UserID: u.ID}))[0].MailID
	if n, err := f.svc.Flush(context.Background()); err != nil || n != 0 {
		t.Fatalf("Flush = %d, %v", n, err)
	}
	if m := f.mail(t, id); m.Status != mailmessage.StatusPending || m.Attempts != 0 {
		t.Errorf("row: %s, %d attempts", m.Status, m.Attempts)
	}
}

func TestService_Digest_TwiceSendsOne(t *testing.T) {
	f := setup(t, true)
	u := f.user(t, "Ngô Văn Hải", "vi")
	other := f.user(t, "Không Chọn", "vi")
	f.setPrefs(t, u, notify.Preference{Kind: notify.KindReminder, Digest: true}) // only in the digest
	f.setPrefs(t, u, notify.Preference{Kind: notify.KindUrge, InApp: true, Email: false, Digest: true})
	urge := notify.Message{Kind: notify.KindUrge, To: notify.Recipient{UserID: u.ID}, Link: "/t/quang-ngai/reports",
		Vars: map[string]string{"title": "Báo cáo quý II", "what": "report", "unit": "UBND xã Tịnh Ấn", "actor": "Trần Văn Thường trực", "note": "Đề nghị gửi trước thứ Sáu"}}
	esc := notify.Message{Kind: notify.KindEscalation, To: notify.Recipient{UserID: u.ID}, Link: "/t/quang-ngai/reports",
		Vars: map[string]string{"title": "Báo cáo quý II", "unit": "UBND xã Tịnh Ấn", "days": "3"}}
	got := f.deliver(t, f.ctx, reminder(notify.Recipient{UserID: u.ID}), urge, esc, reminder(notify.Recipient{UserID: other.ID}))
	if got[0].MailID != 0 || got[1].MailID != 0 || got[2].MailID == 0 {
		t.Fatalf("digest kinds mailed at once: %+v", got)
	}
	// The other province's digest finds nothing of this province.
	if n, err := f.svc.Digest(context.Background(), f.mustTenant(t, f.other)); err != nil || n != 0 {
		t.Errorf("other province's digest = %d, %v", n, err)
	}
	var wg sync.WaitGroup
	ns := make([]int, 2)
	for i := range ns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			n, err := f.svc.Digest(context.Background(), f.v.TenantID)
			if err != nil {
				t.Errorf("digest: %v", err)
			}
			ns[i] = n
		}()
	}
	wg.Wait()
	if n, err := f.svc.Digest(context.Background(), f.v.TenantID); err != nil || n != 0 || ns[0]+ns[1] != 1 {
		t.Fatalf("digests wrote %v then %d (%v); want one mail in all", ns, n, err)
	}
	if _, err := f.svc.Flush(context.Background()); err != nil {
		t.Fatal(err)
	}
	var digest *smtptest.Message
	for _, m := range f.smtp.Messages() {
		if strings.Contains(m.Subject, "Tổng hợp") {
			if digest != nil {
				t.Fatal("two digests arrived")
			}
			digest = &m
		}
	}
	if digest == nil || !strings.Contains(digest.Subject, "(2 thông báo)") || !strings.Contains(digest.Text, "Trần Văn Thường trực") ||
		!strings.Contains(digest.Text, "https://danvan.example.vn/t/quang-ngai/notifications") || strings.Contains(digest.Text, "chưa hoàn thành") {
		t.Fatalf("digest: %+v", digest)
	}
	if n, err := f.db.Notification.Query().Where(notification.UserID(u.ID), notification.DigestedAtNotNil()).Count(f.ctx); err != nil || n != 2 {
		t.Errorf("%d notifications marked digested (%v), want 2", n, err)
	}
}

func (f *fx) mustTenant(t *testing.T, ctx context.Context) int {
	t.Helper()
	return viewer.FromContext(ctx).TenantID
}

func TestService_Centre(t *testing.T) {
	f := setup(t, false)
	u := f.user(t, "Đỗ Thị Hoa", "vi")
	stranger := f.user(t, "Người Khác", "vi")
	got := f.deliver(t, f.ctx, reminder(notify.Recipient{UserID: u.ID}), notify.Message{Kind: notify.KindUrge,
		To: notify.Recipient{UserID: u.ID}, Link: "/t/quang-ngai/reports", Vars: map[string]string{"title": "Báo cáo quý II"}},
		reminder(notify.Recipient{UserID: stranger.ID}))
	me := f.as(u)
	if n, err := f.svc.UnreadCount(me); err != nil || n != 2 {
		t.Fatalf("UnreadCount = %d, %v", n, err)
	}
	items, total, err := f.svc.List(me, notify.Filter{Kind: notify.KindUrge})
	if err != nil || total != 1 || items[0].Title != "Đôn đốc: Báo cáo quý II" {
		t.Fatalf("List urge = %+v %d %v", items, total, err)
	}
	if it, err := f.svc.MarkRead(me, got[0].NotificationID); err != nil || it.Link != "/t/quang-ngai/reports/periods/3/units/12" {
		t.Fatalf("MarkRead = %+v, %v", it, err)
	}
	if _, total, _ := f.svc.List(me, notify.Filter{Unread: true}); total != 1 {
		t.Errorf("unread after MarkRead = %d", total)
	}
	// Someone else's notification is not found, and stays unread.
	if _, err := f.svc.MarkRead(me, got[2].NotificationID); apperr.KindOf(err) != apperr.KindNotFound {
		t.Errorf("MarkRead of another user's: %v", err)
	}
	// In another province the same person has no notifications here.
	ov := *viewer.FromContext(f.other)
	ov.UserID = u.ID
	if n, err := f.svc.UnreadCount(viewer.NewContext(context.Background(), &ov)); err != nil || n != 0 {
		t.Errorf("UnreadCount in another province = %d, %v", n, err)
	}
	if _, err := f.svc.MarkRead(viewer.NewContext(context.Background(), &ov), got[1].NotificationID); apperr.KindOf(err) != apperr.KindNotFound {
		t.Errorf("MarkRead from another province: %v", err)
	}
	if n, err := f.svc.MarkAllRead(me); err != nil || n != 1 {
		t.Errorf("MarkAllRead = %d, %v", n, err)
	}
	if n, _ := f.svc.UnreadCount(f.as(stranger)); n != 1 {
		t.Errorf("the other user's count = %d, want 1", n)
	}
	ps, err := f.svc.Preferences(me)
	if err != nil || len(ps) != len(notify.Kinds) || ps[0] != notify.DefaultPreference(notify.KindReminder) {
		t.Fatalf("Preferences = %+v, %v", ps, err)
	}
	if err := f.svc.SetPreferences(me, []notify.Preference{{Kind: "spam"}}); apperr.KindOf(err) != apperr.KindInvalid {
		t.Errorf("SetPreferences of an unknown kind: %v", err)
	}
}

func TestService_Outbox_PlatformAdminOnly(t *testing.T) {
	f := setup(t, false)
	u := f.user(t, "Mai Văn Khoa", "vi")
	id := f.deliver(t, f.ctx, reminder(notify.Recipient{UserID: u.ID}))[0].MailID
	if _, _, err := f.svc.Outbox(f.ctx, notify.OutboxFilter{}); apperr.KindOf(err) != apperr.KindForbidden {
		t.Errorf("province admin's Outbox: %v", err)
	}
	if _, err := f.svc.Mail(f.ctx, id); apperr.KindOf(err) != apperr.KindForbidden {
		t.Errorf("province admin's Mail: %v", err)
	}
	pa := viewer.NewContext(context.Background(), &viewer.Viewer{UserID: u.ID, PlatformAdmin: true})
	rows, total, err := f.svc.Outbox(pa, notify.OutboxFilter{Status: "pending", Q: "nhắc hạn"})
	if err != nil || total != 1 || rows[0].ID != id {
		t.Fatalf("Outbox = %v %d %v", rows, total, err)
	}
	if m, err := f.svc.Mail(pa, id); err != nil || !strings.Contains(m.HTMLBody, "<html") {
		t.Errorf("Mail = %v", err)
	}
}

func TestParseSMTPURL(t *testing.T) {
	for _, tc := range []struct {
		url  string
		want notify.SMTPConfig
		err  bool
	}{
		{url: "smtp://user:p%40ss@mail.gov.vn:587", want: notify.SMTPConfig{Host: "mail.gov.vn", Port: 587, Username: "user", Password: "p@ss", StartTLSRequired: true}},
		{url: "smtp://mail.gov.vn", want: notify.SMTPConfig{Host: "mail.gov.vn", Port: 587, StartTLSRequired: true}},
		{url: "smtp://127.0.0.1:2525", want: notify.SMTPConfig{Host: "127.0.0.1", Port: 2525}},
		{url: "smtp://localhost:25", want: notify.SMTPConfig{Host: "localhost", Port: 25}},
		{url: "smtps://u:p@mail.gov.vn", want: notify.SMTPConfig{Host: "mail.gov.vn", Port: 465, Username: "u", Password: "p", ImplicitTLS: true}},
		{url: "smtps://mail.gov.vn:2465", want: notify.SMTPConfig{Host: "mail.gov.vn", Port: 2465, ImplicitTLS: true}},
		{url: "http://mail.gov.vn", err: true},
		{url: "smtp://:587", err: true},
		{url: "smtp://mail.gov.vn:99999", err: true},
	} {
		got, err := notify.ParseSMTPURL(tc.url)
		if (err != nil) != tc.err || (!tc.err && got != tc.want) {
			t.Errorf("ParseSMTPURL(%q) = %+v, %v; want %+v (error %v)", tc.url, got, err, tc.want, tc.err)
		}
	}
	if got := notify.DigestCron("18:05"); got != "5 18 * * *" {
		t.Errorf("DigestCron = %q", got)
	}
	if got := notify.DigestCron("nonsense"); got != "30 7 * * *" {
		t.Errorf("DigestCron default = %q", got)
	}
}
