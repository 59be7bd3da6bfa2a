package seed

import (
	"context"
	"fmt"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/ent/membership"
	"github.com/danvan-vn/danvan/ent/task"
	"github.com/danvan-vn/danvan/ent/taskassignment"
	"github.com/danvan-vn/danvan/ent/unitversion"
	"github.com/danvan-vn/danvan/ent/user"
	"github.com/danvan-vn/danvan/ent/workplan"
	"github.com/danvan-vn/danvan/internal/account"
	"github.com/danvan-vn/danvan/internal/calendar"
	"github.com/danvan-vn/danvan/internal/db"
	"github.com/danvan-vn/danvan/internal/plan"
	"github.com/danvan-vn/danvan/internal/reminder"
)

// Sweeper is the reminder engine's sweep: the demo runs it once so the bell, the log and the mail
// preview have something to show on the first `make run`.
type Sweeper interface {
	Sweep(ctx context.Context, day calendar.Date) (reminder.SweepResult, error)
}

// OfficerEmail is the demo unit officer of province slug: the dân vận officer of one unit,
// who gets that unit's reminders.
func OfficerEmail(slug string) string { return "canbo@" + slug + ".danvan.vn" }

// Demo tasks that fall due around the day the demo is seeded, so that a sweep finds reminders.
const (
	demoSoon    = "Rà soát, cập nhật quy chế dân chủ ở cơ sở của đơn vị (nhiệm vụ mẫu sắp đến hạn)"
	demoOverdue = "Báo cáo kết quả đối thoại với Nhân dân quý này (nhiệm vụ mẫu đã quá hạn)"
)

// reminders gives one unit of the province's first issued plan a demo officer account (its
// dân vận officer on the unit's record), one task due in two days and one four days overdue,
// then sweeps today. Idempotent: the account, the tasks and the sweep's decisions are found
// again on the next run.
func (s *seeder) reminders() error {
	w := s.d.Work
	if w == nil || w.Plans == nil || s.d.Reminders == nil {
		return nil
	}
	ctx := s.ctx
	p, err := w.DB.WorkPlan.Query().Where(workplan.StatusEQ(workplan.StatusIssued), workplan.ParentPlanIDIsNil()).
		Order(ent.Asc(workplan.FieldID)).First(ctx)
	if ent.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	a, err := w.DB.TaskAssignment.Query().Where(taskassignment.WorkPlanID(p.ID), taskassignment.RoleEQ(taskassignment.RoleLead)).
		Order(ent.Asc(taskassignment.FieldID)).First(ctx)
	if ent.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	unitID := a.UnitID
	if err := s.officer(ctx, w.DB, unitID); err != nil {
		return fmt.Errorf("officer: %w", err)
	}
	today := calendar.Today()
	for _, t := range []struct {
		content string
		due     calendar.Date
	}{{demoSoon, today.AddDays(2)}, {demoOverdue, today.AddDays(-4)}} {
		exists, err := w.DB.Task.Query().Where(task.WorkPlanID(p.ID), task.Content(t.content)).Exist(ctx)
		if err != nil {
			return err
		}
		if exists {
			continue
		}
		due := t.due.UTC()
		if _, err := w.Plans.AddTask(ctx, p.ID, plan.TaskInput{Content: t.content, DueOn: &due, Shift: "none", Lead: []int{unitID}}); err != nil {
			return fmt.Errorf("task %q: %w", t.content, err)
		}
	}
	_, err = s.d.Reminders.Sweep(ctx, today)
	return err
}

// officer makes the demo officer account, a member of the province as unit_officer of unit, and
// names it the unit's dân vận officer on the unit's current record.
func (s *seeder) officer(ctx context.Context, c *ent.Client, unitID int) error {
	email := OfficerEmail(s.p.Slug)
	tenantID := 0
	return db.InTx(ctx, c, func(tx *ent.Tx) error {
		u, err := tx.User.Query().Where(user.Email(email)).Only(ctx)
		if ent.IsNotFound(err) {
			u, err = account.CreateUser(ctx, tx.Client(), account.NewUser{Email: email, FullName: "Lê Thị Thu Hà", Password: DemoPassword})
		}
		if err != nil {
			return err
		}
		v, err := tx.UnitVersion.Query().Where(unitversion.UnitID(unitID), unitversion.ValidToIsNil()).Only(ctx)
		if err != nil {
			return fmt.Errorf("unit %d's current record: %w", unitID, err)
		}
		tenantID = v.TenantID
		has, err := tx.Membership.Query().Where(membership.UserID(u.ID), membership.TenantID(tenantID)).Exist(ctx)
		if err != nil {
			return err
		}
		if !has {
			if err := tx.Membership.Create().SetUserID(u.ID).SetTenantID(tenantID).SetRole(membership.RoleUnitOfficer).
				SetUnitID(unitID).Exec(ctx); err != nil {
				return err
			}
		}
		if v.OfficerUserID != nil && *v.OfficerUserID == u.ID {
			return nil
		}
		return tx.UnitVersion.UpdateOne(v).SetOfficerUserID(u.ID).SetOfficerName(u.FullName).SetOfficerEmail(email).Exec(ctx)
	})
}
