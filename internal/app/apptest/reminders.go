package apptest

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/ent/committeemember"
	"github.com/danvan-vn/danvan/ent/reportingregime"
	"github.com/danvan-vn/danvan/ent/schematype"
	"github.com/danvan-vn/danvan/ent/task"
	"github.com/danvan-vn/danvan/ent/unitversion"
	"github.com/danvan-vn/danvan/ent/user"
	"github.com/danvan-vn/danvan/internal/calendar"
	"github.com/danvan-vn/danvan/internal/db"
	"github.com/danvan-vn/danvan/internal/tenancy"
	"github.com/danvan-vn/danvan/internal/viewer"
)

// ReminderDay is the sweep day of the reminder situation: Tuesday 15/7/2025, a working day.
var ReminderDay = calendar.NewDate(2025, time.July, 15)

// Reminders is a province's reminder situation (see ReminderSituation) and its people's clients.
type Reminders struct {
	Ctx      context.Context // a system viewer acting in the province (sweeps, fixtures)
	Slug     string
	Units    map[string]int // SNV (standing agency), A, B
	Period   int            // the open period, due Friday 18/7/2025
	Reports  map[string]int // unit report ids by unit code (A, B)
	TaskLate int            // A's task assignment due Saturday 12/7/2025 (3 days overdue on ReminderDay)
	TaskOld  int            // A's task assignment due Tuesday 8/7/2025 (7 days overdue)
	TaskID   int            // the task of TaskLate
	Officer  *Client        // A's dân vận officer (unit_officer of A); A's leader has an e-mail only
	OfficerB *Client        // B's officer and leader (one person, unit_officer of B)
	Member   *Client        // committee member in charge of A and B (committee_member)
	Head     *Client        // the standing agency's leader (standing_agency): the agency head
	Emails   map[string]string
}

// ReminderSituation builds, in province slug (prefix: a short word making the e-mails unique
// across provinces), what a reminder sweep on ReminderDay acts on:
//
//	units SNV (the standing agency; its leader has an account), A (officer with an account,
//	leader by e-mail only), B (officer and leader one account);
//	a province committee with SNV as standing agency and member M (an account) in charge of A and B;
//	a semiannual regime reminding at -7, -3, -1, +1, +3 days with a period due Friday 18/7/2025
//	(3 days after ReminderDay) whose reports of A and B are not started;
//	A's task assignments due 12/7/2025 (+3 on ReminderDay: reminder and member escalation) and
//	8/7/2025 (+7: the agency head's escalation).
//
// It writes through ent in the province as the system (the situation spans modules whose
// forms are tested elsewhere).
func (e *Env) ReminderSituation(t *testing.T, slug, prefix string) *Reminders {
	t.Helper()
	tn, err := e.App.Tenants.BySlug(context.Background(), slug)
	if err != nil {
		t.Fatal(err)
	}
	ctx := viewer.NewContext(context.Background(), viewer.System(tn.ID, tn.Slug))
	r := &Reminders{Ctx: ctx, Slug: slug, Units: map[string]int{}, Reports: map[string]int{}, Emails: map[string]string{}}
	mail := func(k string) string { return strings.ToLower(prefix + "." + k + "@" + slug + ".test") }
	for _, k := range []string{"officer", "leaderA", "officerB", "member", "head"} {
		r.Emails[k] = mail(k)
	}
	from := calendar.NewDate(2015, 1, 1).UTC()
	c := e.App.DB.Client
	exec := func(fn func(c *ent.Client) error) {
		t.Helper()
		if err := db.InTx(ctx, c, func(tx *ent.Tx) error { return fn(tx.Client()) }); err != nil {
			t.Fatal(err)
		}
	}
	// Units first: the unit staff's memberships name them.
	exec(func(c *ent.Client) error {
		for _, code := range []string{"SNV", "A", "B"} {
			u, err := c.Unit.Create().SetCode(prefix + "-" + code).SetValidFrom(from).Save(ctx)
			if err != nil {
				return err
			}
			r.Units[code] = u.ID
			typ, name := unitversion.TypeCommune, "UBND xã "+prefix+" "+code
			if code == "SNV" {
				typ, name = unitversion.TypeDepartment, "Sở Nội vụ "+prefix
			}
			vc := c.UnitVersion.Create().SetUnitID(u.ID).SetValidFrom(from).SetName(name).SetType(typ)
			if code == "A" {
				vc.SetLeaderName("Chủ tịch " + prefix + " A").SetLeaderEmail(r.Emails["leaderA"])
			}
			if err := vc.Exec(ctx); err != nil {
				return err
			}
		}
		return nil
	})
	r.Officer = e.UnitPerson(t, r.Emails["officer"], "unit_officer", slug, r.Units["A"], false)
	r.OfficerB = e.UnitPerson(t, r.Emails["officerB"], "unit_officer", slug, r.Units["B"], false)
	r.Member = e.Person(t, r.Emails["member"], "committee_member", slug, false)
	r.Head = e.Person(t, r.Emails["head"], "standing_agency", slug, false)
	uid := func(k string) int {
		t.Helper()
		u, err := c.User.Query().Where(user.Email(r.Emails[k])).Only(tenancy.SystemContext(context.Background())) // accounts are no province's
		if err != nil {
			t.Fatal(err)
		}
		return u.ID
	}
	officer, officerB, member, head := uid("officer"), uid("officerB"), uid("member"), uid("head")
	day := func(y int, m time.Month, d int) time.Time { return calendar.NewDate(y, m, d).UTC() }
	exec(func(c *ent.Client) error {
		set := func(code string, f func(*ent.UnitVersionUpdateOne)) error {
			v, err := c.UnitVersion.Query().Where(unitversion.UnitID(r.Units[code])).Only(ctx)
			if err != nil {
				return err
			}
			u := c.UnitVersion.UpdateOne(v)
			f(u)
			return u.Exec(ctx)
		}
		if err := set("SNV", func(u *ent.UnitVersionUpdateOne) { u.SetLeaderName("Giám đốc " + prefix).SetLeaderUserID(head) }); err != nil {
			return err
		}
		if err := set("A", func(u *ent.UnitVersionUpdateOne) {
			u.SetOfficerName("Cán bộ " + prefix + " A").SetOfficerUserID(officer)
		}); err != nil {
			return err
		}
		if err := set("B", func(u *ent.UnitVersionUpdateOne) {
			u.SetOfficerName("Cán bộ " + prefix + " B").SetOfficerUserID(officerB).SetLeaderName("Cán bộ " + prefix + " B").SetLeaderUserID(officerB)
		}); err != nil {
			return err
		}
		cm, err := c.Committee.Create().SetName("Ban Chỉ đạo " + prefix).SetStandingAgencyID(r.Units["SNV"]).Save(ctx)
		if err != nil {
			return err
		}
		m, err := c.CommitteeMember.Create().SetCommitteeID(cm.ID).SetPosition(committeemember.PositionMember).
			SetPersonName("Thành viên " + prefix).SetUserID(member).SetValidFrom(day(2025, 1, 1)).Save(ctx)
		if err != nil {
			return err
		}
		for _, code := range []string{"A", "B"} {
			if err := c.Assignment.Create().SetMemberID(m.ID).SetUnitID(r.Units[code]).SetValidFrom(day(2025, 1, 1)).Exec(ctx); err != nil {
				return err
			}
		}
		reg, err := c.ReportingRegime.Create().SetName("Báo cáo 6 tháng " + prefix).SetFrequency(reportingregime.FrequencySemiannual).
			SetDeadlineRule("M/15").SetReminderOffsets([]int{-7, -3, -1, 1, 3}).Save(ctx)
		if err != nil {
			return err
		}
		tpl, err := c.ReportTemplate.Create().SetRegimeID(reg.ID).SetVersion(1).SetName("Mẫu").
			SetSections([]schematype.ReportSection{{Key: "k", No: "I", Title: "Kết quả"}}).Save(ctx)
		if err != nil {
			return err
		}
		p, err := c.ReportPeriod.Create().SetRegimeID(reg.ID).SetTemplateID(tpl.ID).SetKey("2025-H1").
			SetName("Báo cáo công tác dân vận 6 tháng đầu năm 2025 (" + prefix + ")").SetCutoffFrom(day(2024, 12, 15)).
			SetCutoffTo(day(2025, 6, 14)).SetDueOn(day(2025, 7, 18)).Save(ctx)
		if err != nil {
			return err
		}
		r.Period = p.ID
		for _, code := range []string{"A", "B"} {
			ur, err := c.UnitReport.Create().SetPeriodID(p.ID).SetUnitID(r.Units[code]).SetUnitName("UBND xã " + prefix + " " + code).
				SetUnitType("commune").Save(ctx)
			if err != nil {
				return err
			}
			r.Reports[code] = ur.ID
		}
		wp, err := c.WorkPlan.Create().SetUnitID(r.Units["SNV"]).SetTitle("Kế hoạch công tác dân vận năm 2025 (" + prefix + ")").
			SetYear(2025).Save(ctx)
		if err != nil {
			return err
		}
		for _, tk := range []struct {
			content string
			due     time.Time
			id      *int
		}{{"Tổ chức hội nghị đối thoại với Nhân dân (" + prefix + ")", day(2025, 7, 12), &r.TaskLate},
			{"Báo cáo sơ kết mô hình dân vận khéo (" + prefix + ")", day(2025, 7, 8), &r.TaskOld}} {
			k, err := c.Task.Create().SetUnitID(r.Units["SNV"]).SetWorkPlanID(wp.ID).SetContent(tk.content).
				SetDeadlineKind(task.DeadlineKindDate).SetDueOn(tk.due).Save(ctx)
			if err != nil {
				return err
			}
			a, err := c.TaskAssignment.Create().SetTaskID(k.ID).SetWorkPlanID(wp.ID).SetUnitID(r.Units["A"]).SetDueOn(tk.due).Save(ctx)
			if err != nil {
				return err
			}
			*tk.id = a.ID
			if tk.id == &r.TaskLate {
				r.TaskID = k.ID
			}
		}
		return nil
	})
	return r
}
