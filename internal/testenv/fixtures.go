package testenv

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/internal/db"
	"github.com/danvan-vn/danvan/internal/tenancy"
	"github.com/danvan-vn/danvan/internal/viewer"
)

var seq atomic.Int64

// Province creates an active tenant (with a plan) directly in the database and returns a viewer
// acting in it as a province admin. It does not run provisioning.
func Province(t testing.TB, c *ent.Client, slug, name string) *viewer.Viewer {
	t.Helper()
	ctx := tenancy.SystemContext(context.Background()) // fixture setup spans tenants
	n := seq.Add(1)
	var tn *ent.Tenant
	var u *ent.User
	err := db.InTx(ctx, c, func(tx *ent.Tx) error {
		p, err := tx.Plan.Create().SetCode(fmt.Sprintf("test-%s-%d", slug, n)).SetName("Test").
			SetMaxUnits(0).SetMaxUsers(0).SetMaxStorageBytes(0).SetMaxReportGenerationsMonth(0).Save(ctx)
		if err != nil {
			return fmt.Errorf("plan: %w", err)
		}
		if tn, err = tx.Tenant.Create().SetSlug(slug).SetName(name).SetPlanID(p.ID).SetStatus("active").Save(ctx); err != nil {
			return fmt.Errorf("tenant %s: %w", slug, err)
		}
		if u, err = tx.User.Create().SetEmail(fmt.Sprintf("admin%d@%s.test", n, slug)).SetFullName("Quản trị " + name).
			SetPasswordHash("x").Save(ctx); err != nil {
			return fmt.Errorf("user: %w", err)
		}
		return nil
	})
	if err != nil {
		t.Fatalf("testenv: %v", err)
	}
	return &viewer.Viewer{UserID: u.ID, UserName: u.FullName, TenantID: tn.ID, TenantSlug: slug, Roles: []string{"province_admin"}}
}
