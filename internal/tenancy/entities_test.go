package tenancy_test

import (
	"context"
	"time"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/ent/invitation"
	"github.com/danvan-vn/danvan/ent/rolegrant"
	"github.com/danvan-vn/danvan/internal/db"
	"github.com/danvan-vn/danvan/internal/tenancy/tenancytest"
	"github.com/danvan-vn/danvan/internal/viewer"
)

// inTx runs an audited mutation the way services do.
func inTx(ctx context.Context, c *ent.Client, f func(tx *ent.Tx) error) error {
	return db.InTx(ctx, c, f)
}

// identityEntities are the tenant-owned entities of accounts and access.
func identityEntities(a *viewer.Viewer) []tenancytest.Entity {
	seq := 0
	return []tenancytest.Entity{
		{
			Table: "access_tokens",
			Create: func(ctx context.Context, c *ent.Client) (id int, err error) {
				seq++
				err = inTx(ctx, c, func(tx *ent.Tx) error {
					t, err := tx.AccessToken.Create().SetUserID(a.UserID).SetName("API").SetTokenHash("h" + time.Now().String()).
						SetPrefix("dvt_xx").SetExpiresAt(time.Now().Add(time.Hour)).Save(ctx)
					if err == nil {
						id = t.ID
					}
					return err
				})
				return id, err
			},
			Get: func(ctx context.Context, c *ent.Client, id int) error {
				_, err := c.AccessToken.Get(ctx, id)
				return err
			},
			Update: func(ctx context.Context, c *ent.Client, id int) error {
				return inTx(ctx, c, func(tx *ent.Tx) error { return tx.AccessToken.UpdateOneID(id).SetRevokedAt(time.Now()).Exec(ctx) })
			},
			Delete: func(ctx context.Context, c *ent.Client, id int) error {
				return inTx(ctx, c, func(tx *ent.Tx) error { return tx.AccessToken.DeleteOneID(id).Exec(ctx) })
			},
		},
		{
			Table: "invitations",
			Create: func(ctx context.Context, c *ent.Client) (id int, err error) {
				err = inTx(ctx, c, func(tx *ent.Tx) error {
					i, err := tx.Invitation.Create().SetEmail("moi@example.vn").SetRole(invitation.RoleUnitOfficer).
						SetTokenHash("i" + time.Now().String()).SetExpiresAt(time.Now().Add(time.Hour)).SetInvitedBy(a.UserID).Save(ctx)
					if err == nil {
						id = i.ID
					}
					return err
				})
				return id, err
			},
			Get: func(ctx context.Context, c *ent.Client, id int) error {
				_, err := c.Invitation.Get(ctx, id)
				return err
			},
			Update: func(ctx context.Context, c *ent.Client, id int) error {
				return inTx(ctx, c, func(tx *ent.Tx) error { return tx.Invitation.UpdateOneID(id).SetRevokedAt(time.Now()).Exec(ctx) })
			},
			Delete: func(ctx context.Context, c *ent.Client, id int) error {
				return inTx(ctx, c, func(tx *ent.Tx) error { return tx.Invitation.DeleteOneID(id).Exec(ctx) })
			},
		},
		{
			Table: "role_grants",
			Create: func(ctx context.Context, c *ent.Client) (id int, err error) {
				err = inTx(ctx, c, func(tx *ent.Tx) error {
					g, err := tx.RoleGrant.Create().SetRole(rolegrant.RoleUnitOfficer).SetObject("job").SetAction("read").
						SetEffect(rolegrant.EffectAllow).Save(ctx)
					if err == nil {
						id = g.ID
					}
					return err
				})
				return id, err
			},
			Get: func(ctx context.Context, c *ent.Client, id int) error { _, err := c.RoleGrant.Get(ctx, id); return err },
			Update: func(ctx context.Context, c *ent.Client, id int) error {
				return inTx(ctx, c, func(tx *ent.Tx) error { return tx.RoleGrant.UpdateOneID(id).SetEffect(rolegrant.EffectDeny).Exec(ctx) })
			},
			Delete: func(ctx context.Context, c *ent.Client, id int) error {
				return inTx(ctx, c, func(tx *ent.Tx) error { return tx.RoleGrant.DeleteOneID(id).Exec(ctx) })
			},
		},
		{
			Table:      "audit_logs",
			AppendOnly: true,
			Create: func(ctx context.Context, c *ent.Client) (id int, err error) {
				err = inTx(ctx, c, func(tx *ent.Tx) error {
					l, err := tx.AuditLog.Create().SetTenantID(a.TenantID).SetAction("test.event").SetActor("test").Save(ctx)
					if err == nil {
						id = l.ID
					}
					return err
				})
				return id, err
			},
			Get: func(ctx context.Context, c *ent.Client, id int) error { _, err := c.AuditLog.Get(ctx, id); return err },
			Update: func(ctx context.Context, c *ent.Client, id int) error {
				return c.AuditLog.UpdateOneID(id).Exec(ctx) // every field is immutable: any update is refused
			},
			Delete: func(ctx context.Context, c *ent.Client, id int) error { return c.AuditLog.DeleteOneID(id).Exec(ctx) },
		},
	}
}
