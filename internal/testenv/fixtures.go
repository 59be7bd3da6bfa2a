package testenv

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"

	"github.com/danvan-vn/danvan/ent"
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
	p, err := c.Plan.Create().SetCode(fmt.Sprintf("test-%s-%d", slug, n)).SetName("Test").
		SetMaxUnits(0).SetMaxUsers(0).SetMaxStorageBytes(0).SetMaxReportGenerationsMonth(0).Save(ctx)
	if err != nil {
		t.Fatalf("testenv: plan: %v", err)
	}
	tn, err := c.Tenant.Create().SetSlug(slug).SetName(name).SetPlanID(p.ID).SetStatus("active").Save(ctx)
	if err != nil {
		t.Fatalf("testenv: tenant %s: %v", slug, err)
	}
	u, err := c.User.Create().SetEmail(fmt.Sprintf("admin%d@%s.test", n, slug)).SetFullName("Quản trị " + name).
		SetPasswordHash("x").Save(ctx)
	if err != nil {
		t.Fatalf("testenv: user: %v", err)
	}
	return &viewer.Viewer{UserID: u.ID, UserName: u.FullName, TenantID: tn.ID, TenantSlug: slug, Roles: []string{"province_admin"}}
}
