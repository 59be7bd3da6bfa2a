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
	return append(reportUnitEntities(), []tenancytest.UnitEntity{
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
		unitEntity("work_plans", func(ctx context.Context, tx *ent.Tx, unitID int) (int, error) {
			p, err := newWorkPlan(ctx, tx, unitID)
			return p, err
		}, func(ctx context.Context, c *ent.Client, id int) error { _, err := c.WorkPlan.Get(ctx, id); return err },
			func(ctx context.Context, tx *ent.Tx, id int) error {
				return tx.WorkPlan.UpdateOneID(id).SetTitle("Đã sửa").Exec(ctx)
			},
			func(ctx context.Context, tx *ent.Tx, id int) error { return tx.WorkPlan.DeleteOneID(id).Exec(ctx) },
			func(ctx context.Context, tx *ent.Tx, id, u int) error {
				return tx.WorkPlan.UpdateOneID(id).SetUnitID(u).Exec(ctx)
			}),
		unitEntity("tasks", newTask,
			func(ctx context.Context, c *ent.Client, id int) error { _, err := c.Task.Get(ctx, id); return err },
			func(ctx context.Context, tx *ent.Tx, id int) error {
				return tx.Task.UpdateOneID(id).SetContent("Đã sửa").Exec(ctx)
			},
			func(ctx context.Context, tx *ent.Tx, id int) error { return tx.Task.DeleteOneID(id).Exec(ctx) },
			func(ctx context.Context, tx *ent.Tx, id, u int) error {
				return tx.Task.UpdateOneID(id).SetUnitID(u).Exec(ctx)
			}),
		unitEntity("task_assignments", newTaskAssignment,
			func(ctx context.Context, c *ent.Client, id int) error {
				_, err := c.TaskAssignment.Get(ctx, id)
				return err
			},
			func(ctx context.Context, tx *ent.Tx, id int) error {
				return tx.TaskAssignment.UpdateOneID(id).SetPercent(50).Exec(ctx)
			},
			func(ctx context.Context, tx *ent.Tx, id int) error {
				return tx.TaskAssignment.DeleteOneID(id).Exec(ctx)
			},
			func(ctx context.Context, tx *ent.Tx, id, u int) error {
				return tx.TaskAssignment.UpdateOneID(id).SetUnitID(u).Exec(ctx)
			}),
		unitEntity("task_progresses", newTaskProgress,
			func(ctx context.Context, c *ent.Client, id int) error {
				_, err := c.TaskProgress.Get(ctx, id)
				return err
			},
			func(ctx context.Context, tx *ent.Tx, id int) error {
				return tx.TaskProgress.UpdateOneID(id).SetNarrative("Đã sửa").Exec(ctx)
			},
			func(ctx context.Context, tx *ent.Tx, id int) error { return tx.TaskProgress.DeleteOneID(id).Exec(ctx) },
			func(ctx context.Context, tx *ent.Tx, id, u int) error {
				return tx.TaskProgress.UpdateOneID(id).SetUnitID(u).Exec(ctx)
			}),
		unitEntity("evidence_files", func(ctx context.Context, tx *ent.Tx, unitID int) (int, error) {
			pid, err := newTaskProgress(ctx, tx, unitID)
			if err != nil {
				return 0, err
			}
			f, err := tx.EvidenceFile.Create().SetProgressID(pid).SetUnitID(unitID).SetName("bien-ban.pdf").SetContentType("application/pdf").
				SetSize(10).SetSha256("x").SetObjectKey("plans/1/x.pdf").Save(ctx)
			if err != nil {
				return 0, err
			}
			return f.ID, nil
		}, func(ctx context.Context, c *ent.Client, id int) error {
			_, err := c.EvidenceFile.Get(ctx, id)
			return err
		},
			// Evidence is immutable but for its unit (which the wall guards): the update moves nothing else.
			func(ctx context.Context, tx *ent.Tx, id int) error { return tx.EvidenceFile.UpdateOneID(id).Exec(ctx) },
			func(ctx context.Context, tx *ent.Tx, id int) error { return tx.EvidenceFile.DeleteOneID(id).Exec(ctx) },
			func(ctx context.Context, tx *ent.Tx, id, u int) error {
				return tx.EvidenceFile.UpdateOneID(id).SetUnitID(u).Exec(ctx)
			}),
		unitEntity("task_extensions", func(ctx context.Context, tx *ent.Tx, unitID int) (int, error) {
			aid, err := newTaskAssignment(ctx, tx, unitID)
			if err != nil {
				return 0, err
			}
			x, err := tx.TaskExtension.Create().SetAssignmentID(aid).SetUnitID(unitID).SetNewDue(time.Date(2026, 9, 30, 0, 0, 0, 0, time.UTC)).
				SetReason("Chờ hướng dẫn").Save(ctx)
			if err != nil {
				return 0, err
			}
			return x.ID, nil
		}, func(ctx context.Context, c *ent.Client, id int) error {
			_, err := c.TaskExtension.Get(ctx, id)
			return err
		},
			func(ctx context.Context, tx *ent.Tx, id int) error {
				return tx.TaskExtension.UpdateOneID(id).SetDecisionNote("Ghi chú").Exec(ctx)
			},
			func(ctx context.Context, tx *ent.Tx, id int) error { return tx.TaskExtension.DeleteOneID(id).Exec(ctx) },
			func(ctx context.Context, tx *ent.Tx, id, u int) error {
				return tx.TaskExtension.UpdateOneID(id).SetUnitID(u).Exec(ctx)
			}),
		unitEntity("plan_obligations", func(ctx context.Context, tx *ent.Tx, unitID int) (int, error) {
			pid, err := newWorkPlan(ctx, tx, unitID)
			if err != nil {
				return 0, err
			}
			o, err := tx.PlanObligation.Create().SetWorkPlanID(pid).SetUnitID(unitID).Save(ctx)
			if err != nil {
				return 0, err
			}
			return o.ID, nil
		}, func(ctx context.Context, c *ent.Client, id int) error {
			_, err := c.PlanObligation.Get(ctx, id)
			return err
		},
			func(ctx context.Context, tx *ent.Tx, id int) error {
				return tx.PlanObligation.UpdateOneID(id).SetDueOn(time.Date(2026, 9, 30, 0, 0, 0, 0, time.UTC)).Exec(ctx)
			},
			func(ctx context.Context, tx *ent.Tx, id int) error {
				return tx.PlanObligation.DeleteOneID(id).Exec(ctx)
			},
			func(ctx context.Context, tx *ent.Tx, id, u int) error {
				return tx.PlanObligation.UpdateOneID(id).SetUnitID(u).Exec(ctx)
			}),
	}...)
}

// unitEntity builds a harness entry whose writes each run in a transaction (the audit trail
// needs one).
func unitEntity(table string, create func(context.Context, *ent.Tx, int) (int, error), get func(context.Context, *ent.Client, int) error,
	update, del func(context.Context, *ent.Tx, int) error, move func(context.Context, *ent.Tx, int, int) error) tenancytest.UnitEntity {
	return tenancytest.UnitEntity{
		Table: table,
		Create: func(ctx context.Context, c *ent.Client, unitID int) (id int, err error) {
			err = inTx(ctx, c, func(tx *ent.Tx) error { id, err = create(ctx, tx, unitID); return err })
			return id, err
		},
		Get: get,
		Update: func(ctx context.Context, c *ent.Client, id int) error {
			return inTx(ctx, c, func(tx *ent.Tx) error { return update(ctx, tx, id) })
		},
		Delete: func(ctx context.Context, c *ent.Client, id int) error {
			return inTx(ctx, c, func(tx *ent.Tx) error { return del(ctx, tx, id) })
		},
		Move: func(ctx context.Context, c *ent.Client, id, unitID int) error {
			return inTx(ctx, c, func(tx *ent.Tx) error { return move(ctx, tx, id, unitID) })
		},
	}
}

// newWorkPlan, newTask, newTaskAssignment and newTaskProgress make a row and its parents, all in
// unit unitID (a plan of the unit, a task of that plan, the unit's assignment, its report).
func newWorkPlan(ctx context.Context, tx *ent.Tx, unitID int) (int, error) {
	p, err := tx.WorkPlan.Create().SetUnitID(unitID).SetTitle("Kế hoạch thực hiện").SetYear(2026).Save(ctx)
	if err != nil {
		return 0, err
	}
	return p.ID, nil
}

func newTask(ctx context.Context, tx *ent.Tx, unitID int) (int, error) {
	pid, err := newWorkPlan(ctx, tx, unitID)
	if err != nil {
		return 0, err
	}
	t, err := tx.Task.Create().SetWorkPlanID(pid).SetUnitID(unitID).SetContent("Nhiệm vụ").Save(ctx)
	if err != nil {
		return 0, err
	}
	return t.ID, nil
}

func newTaskAssignment(ctx context.Context, tx *ent.Tx, unitID int) (int, error) {
	tid, err := newTask(ctx, tx, unitID)
	if err != nil {
		return 0, err
	}
	t, err := tx.Task.Get(ctx, tid)
	if err != nil {
		return 0, err
	}
	a, err := tx.TaskAssignment.Create().SetTaskID(tid).SetWorkPlanID(t.WorkPlanID).SetUnitID(unitID).Save(ctx)
	if err != nil {
		return 0, err
	}
	return a.ID, nil
}

func newTaskProgress(ctx context.Context, tx *ent.Tx, unitID int) (int, error) {
	aid, err := newTaskAssignment(ctx, tx, unitID)
	if err != nil {
		return 0, err
	}
	p, err := tx.TaskProgress.Create().SetAssignmentID(aid).SetUnitID(unitID).SetPercent(10).
		SetReportedOn(time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)).Save(ctx)
	if err != nil {
		return 0, err
	}
	return p.ID, nil
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
