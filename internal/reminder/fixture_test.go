package reminder

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/ent/committeemember"
	"github.com/danvan-vn/danvan/ent/mailmessage"
	"github.com/danvan-vn/danvan/ent/notification"
	"github.com/danvan-vn/danvan/ent/reportingregime"
	"github.com/danvan-vn/danvan/ent/schematype"
	"github.com/danvan-vn/danvan/ent/task"
	"github.com/danvan-vn/danvan/ent/taskassignment"
	"github.com/danvan-vn/danvan/ent/unitversion"
	"github.com/danvan-vn/danvan/internal/calendar"
	"github.com/danvan-vn/danvan/internal/db"
	"github.com/danvan-vn/danvan/internal/notify"
	"github.com/danvan-vn/danvan/internal/testenv"
	"github.com/danvan-vn/danvan/internal/viewer"
)

// redisDB is this package's Redis database.
const redisDB = 27

// fakeNotify records what the engine asks notify to deliver, and can fail after some calls; what
// it delivers, the real notification centre (no SMTP, no queue) writes, so the log finds the rows.
type fakeNotify struct {
	mu      sync.Mutex
	msgs    []notify.Message
	kicks   int
	resent  []int
	failOn  int // fail the n-th DeliverAll call (1-based); 0: never
	calls   int
	onCall  func() // runs inside DeliverAll (e.g. cancels the sweep's context)
	noSlots bool   // deliver nothing (as a recipient whose preferences are all off)
	real    *notify.Service
}

func newFakeNotify(t *testing.T, c *ent.Client) *fakeNotify {
	t.Helper()
	n, err := notify.New(c, nil, notify.Config{BaseURL: "http://localhost"}, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	return &fakeNotify{real: n}
}

var errDelivery = errors.New("fake: delivery failed")

func (f *fakeNotify) DeliverAll(ctx context.Context, tx *ent.Tx, ms []notify.Message) ([]notify.Delivered, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls++
	if f.onCall != nil {
		f.onCall()
	}
	if f.failOn > 0 && f.calls == f.failOn {
		return nil, errDelivery
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	out := make([]notify.Delivered, len(ms))
	for _, m := range ms {
		if m.DecisionID == 0 {
			return nil, errors.New("fake: a message without its decision")
		}
	}
	if !f.noSlots {
		var err error
		if out, err = f.real.DeliverAll(ctx, tx, ms); err != nil {
			return nil, err
		}
	}
	f.msgs = append(f.msgs, ms...)
	return out, nil
}

func (f *fakeNotify) Kick(context.Context) { f.mu.Lock(); f.kicks++; f.mu.Unlock() }

func (f *fakeNotify) ResendMail(ctx context.Context, tx *ent.Tx, id int) (int, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.resent = append(f.resent, id)
	return f.real.ResendMail(ctx, tx, id)
}

func (f *fakeNotify) messages() []notify.Message {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]notify.Message(nil), f.msgs...)
}

func d(y int, m time.Month, day int) calendar.Date { return calendar.NewDate(y, m, day) }

// province is one province's fixture: who is who and what is open.
type province struct {
	ctx      context.Context
	v        *viewer.Viewer
	u        map[string]int // unit ids by code
	users    map[string]int // user ids by key
	members  map[string]int // committee member ids
	reports  map[string]int // unit report ids by unit code
	period   *ent.ReportPeriod
	regime   *ent.ReportingRegime
	task     int // A's task assignment (due 2025-07-18)
	earlyTsk int // A's task assignment due 2025-07-03
	obl      int // B's plan obligation (due 2025-07-15)
}

type fx struct {
	db   *ent.Client
	svc  *Service
	fake *fakeNotify
	a, b *province
}

// setup builds two provinces with the same shape:
//
//	SNV (standing agency; its leader heads it), A (officer with an account, leader by e-mail only),
//	B (officer and leader are one user), E (no contacts)
//
// a province committee whose member X is in charge of A until 10/7/2025 and of B, and member Y of
// A from 10/7/2025; a regime reminding at -7,-3,-1,+1,+3 with one period due Tuesday 15/7/2025
// whose reports A, B and E are open; A's task assignments due 18/7 and 3/7; B's obligation due
// 15/7.
func setup(t *testing.T) *fx {
	t.Helper()
	dbx := testenv.OpenDB(t, testenv.Postgres(t).AppURL)
	f := &fx{db: dbx.Client, fake: newFakeNotify(t, dbx.Client)}
	f.svc = New(dbx.Client, nil, nil)
	f.svc.deliver = f.fake
	f.svc.now = func() time.Time { return time.Date(2025, 7, 15, 3, 0, 0, 0, time.UTC) }
	f.a = f.province(t, "quang-ngai", "Quảng Ngãi")
	f.b = f.province(t, "nghe-an", "Nghệ An")
	return f
}

func (f *fx) province(t *testing.T, slug, name string) *province {
	t.Helper()
	v := testenv.Province(t, f.db, slug, name)
	p := &province{ctx: viewer.NewContext(context.Background(), v), v: v, u: map[string]int{}, users: map[string]int{},
		members: map[string]int{}, reports: map[string]int{}}
	ctx := p.ctx
	tx, err := f.db.Tx(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = tx.Rollback() }()
	c := tx.Client()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	from := d(2015, 1, 1).UTC()
	for _, k := range []string{"officerA", "officerB", "memberX", "memberY", "head"} {
		u, err := c.User.Create().SetEmail(k + "@" + slug + ".test").SetFullName("Ông " + k).SetPasswordHash("x").Save(ctx)
		must(err)
		p.users[k] = u.ID
	}
	unit := func(code, typ string, set func(*ent.UnitVersionCreate)) {
		u, err := c.Unit.Create().SetCode(code).SetValidFrom(from).Save(ctx)
		must(err)
		p.u[code] = u.ID
		vc := c.UnitVersion.Create().SetUnitID(u.ID).SetValidFrom(from).SetName("Đơn vị " + code).SetType(unitversion.Type(typ))
		if set != nil {
			set(vc)
		}
		_, err = vc.Save(ctx)
		must(err)
	}
	unit("SNV", "department", func(v *ent.UnitVersionCreate) {
		v.SetLeaderName("Giám đốc").SetLeaderUserID(p.users["head"])
	})
	unit("A", "commune", func(v *ent.UnitVersionCreate) {
		v.SetOfficerName("Cán bộ A").SetOfficerUserID(p.users["officerA"]).SetLeaderName("Chủ tịch A").SetLeaderEmail("ct.a@" + slug + ".test")
	})
	unit("B", "commune", func(v *ent.UnitVersionCreate) {
		v.SetOfficerName("Cán bộ B").SetOfficerUserID(p.users["officerB"]).SetLeaderName("Cán bộ B").SetLeaderUserID(p.users["officerB"])
	})
	unit("E", "commune", nil)

	cm, err2 := c.Committee.Create().SetName("Ban Chỉ đạo " + name).SetStandingAgencyID(p.u["SNV"]).Save(ctx)
	must(err2)
	for _, k := range []string{"X", "Y"} {
		m, err := c.CommitteeMember.Create().SetCommitteeID(cm.ID).SetPosition(committeemember.PositionMember).SetPersonName("Thành viên " + k).
			SetUserID(p.users["member"+k]).SetValidFrom(d(2025, 1, 1).UTC()).Save(ctx)
		must(err)
		p.members[k] = m.ID
	}
	change := d(2025, 7, 10).UTC()
	_, err = c.Assignment.Create().SetMemberID(p.members["X"]).SetUnitID(p.u["A"]).SetValidFrom(d(2025, 1, 1).UTC()).SetValidTo(change).Save(ctx)
	must(err)
	_, err = c.Assignment.Create().SetMemberID(p.members["Y"]).SetUnitID(p.u["A"]).SetValidFrom(change).Save(ctx)
	must(err)
	_, err = c.Assignment.Create().SetMemberID(p.members["X"]).SetUnitID(p.u["B"]).SetValidFrom(d(2025, 1, 1).UTC()).Save(ctx)
	must(err)

	p.regime, err = c.ReportingRegime.Create().SetName("Báo cáo 6 tháng").SetFrequency(reportingregime.FrequencySemiannual).SetDeadlineRule("M/15").
		SetReminderOffsets([]int{-7, -3, -1, 1, 3}).Save(ctx)
	must(err)
	tpl, err := c.ReportTemplate.Create().SetRegimeID(p.regime.ID).SetVersion(1).SetName("Mẫu").
		SetSections([]schematype.ReportSection{{Key: "k", No: "I", Title: "Kết quả"}}).Save(ctx)
	must(err)
	p.period, err = c.ReportPeriod.Create().SetRegimeID(p.regime.ID).SetTemplateID(tpl.ID).SetKey("2025-H1").
		SetName("Báo cáo công tác dân vận 6 tháng đầu năm 2025").SetCutoffFrom(d(2024, 12, 15).UTC()).
		SetCutoffTo(d(2025, 6, 14).UTC()).SetDueOn(d(2025, 7, 15).UTC()).Save(ctx)
	must(err)
	for _, code := range []string{"A", "B", "E"} {
		r, err := c.UnitReport.Create().SetPeriodID(p.period.ID).SetUnitID(p.u[code]).SetUnitName("Đơn vị " + code).
			SetUnitType("commune").Save(ctx)
		must(err)
		p.reports[code] = r.ID
	}
	wp, err := c.WorkPlan.Create().SetUnitID(p.u["SNV"]).SetTitle("Kế hoạch công tác dân vận năm 2025").SetYear(2025).Save(ctx)
	must(err)
	tk, err := c.Task.Create().SetUnitID(p.u["SNV"]).SetWorkPlanID(wp.ID).SetContent("Tổ chức hội nghị đối thoại với Nhân dân\nchi tiết").
		SetDeadlineKind(task.DeadlineKindDate).SetDueOn(d(2025, 7, 18).UTC()).Save(ctx)
	must(err)
	ta, err := c.TaskAssignment.Create().SetTaskID(tk.ID).SetWorkPlanID(wp.ID).SetUnitID(p.u["A"]).SetDueOn(d(2025, 7, 18).UTC()).Save(ctx)
	must(err)
	p.task = ta.ID
	tk2, err := c.Task.Create().SetUnitID(p.u["SNV"]).SetWorkPlanID(wp.ID).SetContent("Báo cáo sơ kết mô hình").
		SetDeadlineKind(task.DeadlineKindDate).SetDueOn(d(2025, 7, 3).UTC()).Save(ctx)
	must(err)
	ta2, err := c.TaskAssignment.Create().SetTaskID(tk2.ID).SetWorkPlanID(wp.ID).SetUnitID(p.u["A"]).SetRole(taskassignment.RoleCoordinate).
		SetDueOn(d(2025, 7, 3).UTC()).Save(ctx)
	must(err)
	p.earlyTsk = ta2.ID
	ob, err := c.PlanObligation.Create().SetWorkPlanID(wp.ID).SetUnitID(p.u["B"]).SetDueOn(d(2025, 7, 15).UTC()).Save(ctx)
	must(err)
	p.obl = ob.ID
	must(tx.Commit())
	return p
}

// decisions returns the province's decisions, oldest first.
func (f *fx) decisions(t *testing.T, p *province) []*ent.ReminderDecision {
	t.Helper()
	ds, err := f.db.ReminderDecision.Query().Order(ent.Asc("id")).All(p.ctx)
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

// delivered counts the notifications and outbox mails that carry decision id.
func (f *fx) delivered(t *testing.T, p *province, id int) (notes, mails int) {
	t.Helper()
	notes, err := f.db.Notification.Query().Where(notification.DecisionID(id)).Count(p.ctx)
	if err != nil {
		t.Fatal(err)
	}
	mails, err = f.db.MailMessage.Query().Where(mailmessage.DecisionID(id)).Count(p.ctx)
	if err != nil {
		t.Fatal(err)
	}
	return notes, mails
}

// keys lists decisions as "kind:id recipient rule" for comparisons.
func keys(ds []*ent.ReminderDecision) map[string]int {
	out := map[string]int{}
	for _, x := range ds {
		out[fmt.Sprintf("%s:%d %s %s", x.SubjectKind, x.SubjectID, x.Recipient, x.Rule)]++
	}
	return out
}

// exec runs f in a transaction of province p (audited changes need one).
func (f *fx) exec(t *testing.T, p *province, fn func(c *ent.Client) error) {
	t.Helper()
	if err := db.InTx(p.ctx, f.db, func(tx *ent.Tx) error { return fn(tx.Client()) }); err != nil {
		t.Fatal(err)
	}
}

func (f *fx) sweep(t *testing.T, p *province, day calendar.Date) SweepResult {
	t.Helper()
	r, err := f.svc.Sweep(p.ctx, day)
	if err != nil {
		t.Fatalf("sweep %s: %v", day, err)
	}
	return r
}
