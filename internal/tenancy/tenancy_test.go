package tenancy_test

import (
	"context"
	"database/sql"
	"testing"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/ent/job"
	"github.com/danvan-vn/danvan/internal/migration"
	"github.com/danvan-vn/danvan/internal/tenancy"
	"github.com/danvan-vn/danvan/internal/tenancy/tenancytest"
	"github.com/danvan-vn/danvan/internal/testenv"
	"github.com/danvan-vn/danvan/internal/viewer"
)

// entities lists every tenant-owned entity; TestHarnessCoversEveryTenantTable fails when a new
// tenant-owned table is missing here.
func entities(t *testing.T, a *viewer.Viewer) []tenancytest.Entity {
	return append([]tenancytest.Entity{
		{
			Table: "jobs",
			Create: func(ctx context.Context, c *ent.Client) (int, error) {
				j, err := c.Job.Create().SetType("test:noop").Save(ctx)
				if err != nil {
					return 0, err
				}
				return j.ID, nil
			},
			Get: func(ctx context.Context, c *ent.Client, id int) error { _, err := c.Job.Get(ctx, id); return err },
			Update: func(ctx context.Context, c *ent.Client, id int) error {
				return c.Job.UpdateOneID(id).SetProgress(50).Exec(ctx)
			},
			Delete: func(ctx context.Context, c *ent.Client, id int) error { return c.Job.DeleteOneID(id).Exec(ctx) },
		},
		{
			Table: "memberships",
			Create: func(ctx context.Context, c *ent.Client) (id int, err error) {
				err = inTx(ctx, c, func(tx *ent.Tx) error {
					m, err := tx.Membership.Create().SetUserID(a.UserID).SetRole("unit_officer").Save(ctx)
					if err == nil {
						id = m.ID
					}
					return err
				})
				return id, err
			},
			Get: func(ctx context.Context, c *ent.Client, id int) error {
				_, err := c.Membership.Get(ctx, id)
				return err
			},
			Update: func(ctx context.Context, c *ent.Client, id int) error {
				return inTx(ctx, c, func(tx *ent.Tx) error { return tx.Membership.UpdateOneID(id).SetActive(false).Exec(ctx) })
			},
			Delete: func(ctx context.Context, c *ent.Client, id int) error {
				return inTx(ctx, c, func(tx *ent.Tx) error { return tx.Membership.DeleteOneID(id).Exec(ctx) })
			},
		},
	}, append(append(append(identityEntities(a), configEntities()...), unitOwnedEntities(a)...), append(append(documentEntities(), reportEntities()...), notifyEntities(a)...)...)...)
}

func TestCrossTenant_Postgres(t *testing.T) {
	pg := testenv.Postgres(t)
	d := testenv.OpenDB(t, pg.AppURL)
	a := testenv.Province(t, d.Client, "tinh-a", "Tỉnh A")
	b := testenv.Province(t, d.Client, "tinh-b", "Tỉnh B")
	raw, err := sql.Open("pgx", pg.AppURL)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	env := tenancytest.Env{Client: d.Client, AppSQL: raw, A: a, B: b}
	es := entities(t, a)
	for _, e := range es {
		tenancytest.Run(t, env, e)
	}
	tables, err := migration.TenantTables(context.Background(), raw)
	if err != nil {
		t.Fatal(err)
	}
	if err := tenancytest.Covered(tables, es); err != nil {
		t.Error(err)
	}
	if len(tables) < 2 {
		t.Fatalf("found %d tenant tables, want at least jobs and memberships", len(tables))
	}
}

func TestCrossTenant_SQLite(t *testing.T) {
	d := testenv.OpenDB(t, testenv.SQLite(t))
	a := testenv.Province(t, d.Client, "tinh-a", "Tỉnh A")
	b := testenv.Province(t, d.Client, "tinh-b", "Tỉnh B")
	for _, e := range entities(t, a) {
		tenancytest.Run(t, tenancytest.Env{Client: d.Client, A: a, B: b}, e)
	}
}

// TestTenantWall_Ent covers the ent layer's promises beyond read/update/delete.
func TestTenantWall_Ent(t *testing.T) {
	for name, url := range map[string]func(*testing.T) string{
		"postgres": func(t *testing.T) string { return testenv.Postgres(t).AppURL },
		"sqlite":   func(t *testing.T) string { return testenv.SQLite(t) },
	} {
		t.Run(name, func(t *testing.T) {
			d := testenv.OpenDB(t, url(t))
			c := d.Client
			a := testenv.Province(t, c, "tinh-a", "Tỉnh A")
			b := testenv.Province(t, c, "tinh-b", "Tỉnh B")
			ctxA := viewer.NewContext(context.Background(), a)
			ctxB := viewer.NewContext(context.Background(), b)

			j, err := c.Job.Create().SetType("test:noop").Save(ctxA)
			if err != nil {
				t.Fatal(err)
			}
			if j.TenantID != a.TenantID {
				t.Errorf("create stamped tenant %d, want %d", j.TenantID, a.TenantID)
			}
			if _, err := c.Job.Create().SetType("test:noop").SetTenantID(a.TenantID).Save(ctxB); err == nil {
				t.Error("province B created a row for province A")
			}
			if _, err := c.Job.Create().SetType("test:noop").Save(context.Background()); err == nil {
				t.Error("create with no viewer succeeded")
			}
			if _, err := c.Job.Query().All(context.Background()); err == nil {
				t.Error("query with no viewer succeeded")
			}
			// Aggregates and bulk mutations are filtered too.
			if n, err := c.Job.Query().Count(ctxB); err != nil || n != 0 {
				t.Errorf("province B counts %d jobs (err %v), want 0", n, err)
			}
			if n, err := c.Job.Update().SetProgress(99).Save(ctxB); err != nil || n != 0 {
				t.Errorf("bulk update from B touched %d rows (err %v)", n, err)
			}
			if n, err := c.Job.Delete().Where(job.ID(j.ID)).Exec(ctxB); err != nil || n != 0 {
				t.Errorf("bulk delete from B removed %d rows (err %v)", n, err)
			}
			// A viewer sees only its own province in the tenants table.
			ts, err := c.Tenant.Query().All(ctxB)
			if err != nil || len(ts) != 1 || ts[0].ID != b.TenantID {
				t.Errorf("province B sees tenants %v (err %v), want only itself", ts, err)
			}
			// The one explicit bypass sees both.
			n, err := c.Job.Query().Count(tenancy.SystemContext(context.Background()))
			if err != nil || n != 1 {
				t.Errorf("system context counts %d jobs (err %v), want 1", n, err)
			}
			// Only the platform admin (or the system) changes tenants.
			if err := c.Tenant.UpdateOneID(a.TenantID).SetName("Đổi tên").Exec(ctxA); err == nil {
				t.Error("a province admin renamed a tenant")
			}
		})
	}
}

// TestRLS_ForcedOnEveryTenantTable: the owner is subject to RLS too, and the app role cannot bypass.
func TestRLS_ForcedOnEveryTenantTable(t *testing.T) {
	pg := testenv.Postgres(t)
	raw, err := sql.Open("pgx", pg.AdminURL)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	rows, err := raw.Query(`SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity,
		(SELECT count(*) FROM pg_policy p WHERE p.polrelid = c.oid)
		FROM pg_class c JOIN information_schema.columns col ON col.table_name = c.relname
		WHERE col.column_name = 'tenant_id' AND col.table_schema = 'public' AND c.relkind = 'r'`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	seen := 0
	for rows.Next() {
		var name string
		var enabled, forced bool
		var policies int
		if err := rows.Scan(&name, &enabled, &forced, &policies); err != nil {
			t.Fatal(err)
		}
		seen++
		if !enabled || !forced || policies != 1 {
			t.Errorf("%s: rls enabled=%v forced=%v policies=%d", name, enabled, forced, policies)
		}
	}
	if seen == 0 {
		t.Fatal("no tenant tables found")
	}
	var super, bypass bool
	if err := raw.QueryRow(`SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = $1`, testenv.AppRole).Scan(&super, &bypass); err != nil {
		t.Fatal(err)
	}
	if super || bypass {
		t.Errorf("app role superuser=%v bypassrls=%v", super, bypass)
	}
}
