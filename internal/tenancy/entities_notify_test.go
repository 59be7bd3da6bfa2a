package tenancy_test

import (
	"context"
	"time"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/ent/reminderrule"
	"github.com/danvan-vn/danvan/internal/tenancy/tenancytest"
	"github.com/danvan-vn/danvan/internal/viewer"
)

// notifyEntities are the province-owned rows of reminders and notifications.
func notifyEntities(a *viewer.Viewer) []tenancytest.Entity {
	return []tenancytest.Entity{
		entity("notifications",
			func(ctx context.Context, tx *ent.Tx) (int, error) {
				n, err := tx.Notification.Create().SetUserID(a.UserID).SetKind("reminder").SetSubject("report:1").
					SetVars(map[string]string{"title": "Báo cáo"}).Save(ctx)
				if err != nil {
					return 0, err
				}
				return n.ID, nil
			},
			func(ctx context.Context, c *ent.Client, id int) error {
				_, err := c.Notification.Get(ctx, id)
				return err
			},
			func(ctx context.Context, tx *ent.Tx, id int) error {
				return tx.Notification.UpdateOneID(id).SetReadAt(time.Now()).Exec(ctx)
			},
			func(ctx context.Context, tx *ent.Tx, id int) error { return tx.Notification.DeleteOneID(id).Exec(ctx) }),
		entity("mail_messages",
			func(ctx context.Context, tx *ent.Tx) (int, error) {
				m, err := tx.MailMessage.Create().SetKind("reminder").SetToAddr("vanphong@example.vn").SetSubject("Nhắc hạn").
					SetTextBody("Nội dung").SetHTMLBody("<p>Nội dung</p>").SetNextAttemptAt(time.Now()).Save(ctx)
				if err != nil {
					return 0, err
				}
				return m.ID, nil
			},
			func(ctx context.Context, c *ent.Client, id int) error {
				_, err := c.MailMessage.Get(ctx, id)
				return err
			},
			func(ctx context.Context, tx *ent.Tx, id int) error {
				return tx.MailMessage.UpdateOneID(id).AddAttempts(1).Exec(ctx)
			},
			func(ctx context.Context, tx *ent.Tx, id int) error { return tx.MailMessage.DeleteOneID(id).Exec(ctx) }),
		entity("reminder_rules",
			func(ctx context.Context, tx *ent.Tx) (int, error) {
				r, err := tx.ReminderRule.Create().SetSource(reminderrule.SourceTask).SetOffsetDays(int(cfgSeq.Add(1) % 90)).
					SetTarget(reminderrule.TargetUnit).Save(ctx)
				if err != nil {
					return 0, err
				}
				return r.ID, nil
			},
			func(ctx context.Context, c *ent.Client, id int) error {
				_, err := c.ReminderRule.Get(ctx, id)
				return err
			},
			func(ctx context.Context, tx *ent.Tx, id int) error {
				return tx.ReminderRule.UpdateOneID(id).SetActive(false).Exec(ctx)
			},
			func(ctx context.Context, tx *ent.Tx, id int) error { return tx.ReminderRule.DeleteOneID(id).Exec(ctx) }),
		entity("reminder_decisions",
			func(ctx context.Context, tx *ent.Tx) (int, error) {
				day := time.Date(2025, 6, 13, 0, 0, 0, 0, time.UTC)
				d, err := tx.ReminderDecision.Create().SetSubjectKind("report").SetSubjectID(int(cfgSeq.Add(1))).
					SetRecipient("email:vanphong@example.vn").SetRule("unit-3").SetOccurrence("2025-06-13").SetKind("reminder").
					SetUnitID(1).SetDueOn(day).SetSendOn(day.AddDate(0, 0, -3)).SetRole("officer").Save(ctx)
				if err != nil {
					return 0, err
				}
				return d.ID, nil
			},
			func(ctx context.Context, c *ent.Client, id int) error {
				_, err := c.ReminderDecision.Get(ctx, id)
				return err
			},
			func(ctx context.Context, tx *ent.Tx, id int) error {
				return tx.ReminderDecision.UpdateOneID(id).AddResent(1).Exec(ctx)
			},
			func(ctx context.Context, tx *ent.Tx, id int) error {
				return tx.ReminderDecision.DeleteOneID(id).Exec(ctx)
			}),
	}
}
