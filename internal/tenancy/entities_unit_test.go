package tenancy_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"entgo.io/ent/entc"
	"entgo.io/ent/entc/gen"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/internal/tenancy"
	"github.com/danvan-vn/danvan/internal/tenancy/tenancytest"
	"github.com/danvan-vn/danvan/internal/testenv"
	"github.com/danvan-vn/danvan/internal/viewer"
)

// unitEntities lists every unit-owned entity (UnitScopedMixin); TestUnitWall fails when one in
// the schema is missing here.
func unitEntities(a *viewer.Viewer) []tenancytest.UnitEntity {
	return []tenancytest.UnitEntity{
		{
			Table: "unit_notes",
			Create: func(ctx context.Context, c *ent.Client, unitID int) (id int, err error) {
				err = inTx(ctx, c, func(tx *ent.Tx) error {
					n, err := tx.UnitNote.Create().SetUnitID(unitID).SetBody("Ghi chú").SetAuthorID(a.UserID).Save(ctx)
					if err == nil {
						id = n.ID
					}
					return err
				})
				return id, err
			},
			Get: func(ctx context.Context, c *ent.Client, id int) error { _, err := c.UnitNote.Get(ctx, id); return err },
			Update: func(ctx context.Context, c *ent.Client, id int) error {
				return inTx(ctx, c, func(tx *ent.Tx) error { return tx.UnitNote.UpdateOneID(id).SetBody("Đã sửa").Exec(ctx) })
			},
			Delete: func(ctx context.Context, c *ent.Client, id int) error {
				return inTx(ctx, c, func(tx *ent.Tx) error { return tx.UnitNote.DeleteOneID(id).Exec(ctx) })
			},
			Move: func(ctx context.Context, c *ent.Client, id, unitID int) error {
				return inTx(ctx, c, func(tx *ent.Tx) error { return tx.UnitNote.UpdateOneID(id).SetUnitID(unitID).Exec(ctx) })
			},
		},
	}
}

// unitOwnedEntities are the unit-owned entities as tenant-owned ones: for the cross-tenant
// harness, each row goes into a unit the create makes in the viewer's province.
func unitOwnedEntities(a *viewer.Viewer) []tenancytest.Entity {
	var out []tenancytest.Entity
	for _, ue := range unitEntities(a) {
		out = append(out, tenancytest.Entity{
			Table: ue.Table,
			Create: func(ctx context.Context, c *ent.Client) (int, error) {
				u, err := newUnit(ctx, c)
				if err != nil {
					return 0, err
				}
				return ue.Create(ctx, c, u)
			},
			Get: ue.Get, Update: ue.Update, Delete: ue.Delete,
		})
	}
	return out
}

func newUnit(ctx context.Context, c *ent.Client) (id int, err error) {
	err = inTx(ctx, c, func(tx *ent.Tx) error {
		u, err := tx.Unit.Create().SetCode(fmt.Sprintf("UW%d", cfgSeq.Add(1))).SetValidFrom(time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)).Save(ctx)
		if err == nil {
			id = u.ID
		}
		return err
	})
	return id, err
}

// unitScopedTables reads the unit-owned tables from the ent schema graph, so an entity that
// embeds UnitScopedMixin is covered (or the test fails) without anyone remembering to list it.
func unitScopedTables(t *testing.T) []string {
	t.Helper()
	g, err := entc.LoadGraph("../../ent/schema", &gen.Config{})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, n := range g.Nodes {
		if _, ok := n.Annotations[tenancy.UnitScopedAnnotation{}.Name()]; ok {
			out = append(out, n.Table())
		}
	}
	return out
}

func TestUnitWall(t *testing.T) {
	tables := unitScopedTables(t)
	if !slices.Contains(tables, "unit_notes") {
		t.Fatalf("unit-owned tables %v: the schema graph lost UnitScopedMixin", tables)
	}
	es := unitEntities(nil)
	if err := tenancytest.CoveredUnits(tables, es); err != nil {
		t.Error(err)
	}
	for name, url := range map[string]func(*testing.T) string{
		"postgres": func(t *testing.T) string { return testenv.Postgres(t).AppURL },
		"sqlite":   func(t *testing.T) string { return testenv.SQLite(t) },
	} {
		t.Run(name, func(t *testing.T) {
			d := testenv.OpenDB(t, url(t))
			a := testenv.Province(t, d.Client, "tinh-a", "Tỉnh A")
			ctx := viewer.NewContext(context.Background(), a)
			ua, err := newUnit(ctx, d.Client)
			if err != nil {
				t.Fatal(err)
			}
			ub, err := newUnit(ctx, d.Client)
			if err != nil {
				t.Fatal(err)
			}
			env := tenancytest.UnitEnv{Client: d.Client, Province: a, UnitA: ua, UnitB: ub}
			for _, e := range unitEntities(a) {
				tenancytest.RunUnit(t, env, e)
			}
		})
	}
}

func TestInProvince(t *testing.T) {
	u7 := 7
	v := &viewer.Viewer{UserID: 3, UserName: "Lan", TenantID: 0, Roles: []string{"stale"}}
	got := tenancy.InProvince(v, 5, "tinh-a", []*ent.Membership{
		{Role: "unit_officer", UnitID: &u7}, {Role: "unit_leader", UnitID: &u7},
	})
	if got.TenantID != 5 || got.TenantSlug != "tinh-a" || got.UserID != 3 ||
		!slices.Equal(got.Roles, []string{"unit_officer", "unit_leader"}) || !slices.Equal(got.UnitIDs, []int{7}) || !got.UnitScoped() {
		t.Errorf("InProvince = %+v", got)
	}
	if v.TenantID != 0 || v.Roles[0] != "stale" {
		t.Error("InProvince changed the viewer it was given")
	}
	got = tenancy.InProvince(v, 5, "tinh-a", []*ent.Membership{{Role: "unit_officer", UnitID: &u7}, {Role: "committee_head"}})
	if got.UnitScoped() {
		t.Error("a committee head who is also unit staff is held to the unit")
	}
}
