// Package tenancytest is the reusable cross-tenant harness: give it a tenant-owned entity and it
// proves that a viewer of another province gets not-found on read, update and delete, through ent
// and, on PostgreSQL, through raw SQL under row-level security alone.
package tenancytest

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"testing"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/internal/tenancy"
	"github.com/danvan-vn/danvan/internal/viewer"
)

// Entity describes one tenant-owned entity to the harness. Each func runs with a viewer context.
type Entity struct {
	Table string // SQL table name
	// AppendOnly entities (the audit trail) refuse update and delete to everyone, their own
	// province included; on PostgreSQL the application role lacks the privilege.
	AppendOnly bool
	Create     func(ctx context.Context, c *ent.Client) (int, error)
	Get        func(ctx context.Context, c *ent.Client, id int) error
	Update     func(ctx context.Context, c *ent.Client, id int) error
	Delete     func(ctx context.Context, c *ent.Client, id int) error
}

// Env is what the harness runs on.
type Env struct {
	Client *ent.Client
	// AppSQL, when set (PostgreSQL), is a raw pool connected as the application role, used to
	// prove that row-level security alone stops a query that forgets the tenant filter.
	AppSQL *sql.DB
	A, B   *viewer.Viewer // two provinces' viewers
}

// Run checks e against every cross-tenant refusal.
func Run(t *testing.T, env Env, e Entity) {
	t.Helper()
	ctxA := viewer.NewContext(context.Background(), env.A)
	ctxB := viewer.NewContext(context.Background(), env.B)
	c := env.Client

	t.Run(e.Table, func(t *testing.T) {
		id, err := e.Create(ctxA, c)
		if err != nil {
			t.Fatalf("create in province A: %v", err)
		}
		if err := e.Get(ctxA, c, id); err != nil {
			t.Fatalf("province A cannot read its own %s %d: %v", e.Table, id, err)
		}
		if err := e.Get(ctxB, c, id); !ent.IsNotFound(err) {
			t.Errorf("read from province B: got %v, want not found", err)
		}
		// Append-only entities refuse every update and delete, whatever the row: that says
		// nothing about the row either.
		refused := func(err error) bool { return ent.IsNotFound(err) || (e.AppendOnly && err != nil) }
		if err := e.Update(ctxB, c, id); !refused(err) {
			t.Errorf("update from province B: got %v, want not found", err)
		}
		if err := e.Delete(ctxB, c, id); !refused(err) {
			t.Errorf("delete from province B: got %v, want not found", err)
		}
		if err := e.Get(context.Background(), c, id); err == nil {
			t.Errorf("read with no viewer succeeded; want refusal")
		}
		if err := e.Get(ctxA, c, id); err != nil {
			t.Fatalf("row changed by province B's attempts: %v", err)
		}
		if env.AppSQL != nil {
			rawChecks(t, env, e, id)
		}
		if e.AppendOnly {
			if err := e.Update(ctxA, c, id); err == nil {
				t.Errorf("append-only %s updated in province A", e.Table)
			}
			if err := e.Delete(ctxA, c, id); err == nil {
				t.Errorf("append-only %s deleted in province A", e.Table)
			}
			return
		}
		if err := e.Update(ctxA, c, id); err != nil {
			t.Errorf("update in province A: %v", err)
		}
		if err := e.Delete(ctxA, c, id); err != nil {
			t.Errorf("delete in province A: %v", err)
		}
	})
}

// rawChecks runs statements without any tenant filter, as the application role, with only the
// row-level security setting of province B (or none): none may see or touch A's row.
func rawChecks(t *testing.T, env Env, e Entity, id int) {
	t.Helper()
	table := e.Table
	q := func(ctx context.Context, stmt string, args ...any) int64 {
		t.Helper()
		tx, err := env.AppSQL.BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer func() { _ = tx.Rollback() }()
		if err := tenancy.ApplySettings(ctx, tx); err != nil {
			t.Fatal(err)
		}
		res, err := tx.ExecContext(ctx, stmt, args...)
		if e.AppendOnly {
			if err == nil {
				t.Errorf("%s: the application role may change the append-only %s", stmt, table)
			}
			return 0
		}
		if err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
		n, _ := res.RowsAffected()
		return n
	}
	count := func(ctx context.Context) int64 {
		t.Helper()
		tx, err := env.AppSQL.BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer func() { _ = tx.Rollback() }()
		if err := tenancy.ApplySettings(ctx, tx); err != nil {
			t.Fatal(err)
		}
		var n int64
		// Deliberately no tenant filter: only row-level security stands in the way.
		if err := tx.QueryRowContext(ctx, fmt.Sprintf(`SELECT count(*) FROM %q WHERE id = $1`, table), id).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	ctxA := viewer.NewContext(context.Background(), env.A)
	ctxB := viewer.NewContext(context.Background(), env.B)
	if n := count(ctxA); n != 1 {
		t.Fatalf("raw SQL in province A sees %d of its own rows, want 1", n)
	}
	if n := count(ctxB); n != 0 {
		t.Errorf("raw SQL without a tenant filter from province B sees A's %s row", table)
	}
	if n := count(context.Background()); n != 0 {
		t.Errorf("raw SQL with no province set sees A's %s row", table)
	}
	if n := q(ctxB, fmt.Sprintf(`UPDATE %q SET tenant_id = tenant_id WHERE id = $1`, table), id); n != 0 {
		t.Errorf("raw UPDATE from province B touched A's %s row", table)
	}
	if n := q(ctxB, fmt.Sprintf(`DELETE FROM %q WHERE id = $1`, table), id); n != 0 {
		t.Errorf("raw DELETE from province B removed A's %s row", table)
	}
	// Moving a row into another province is refused by the policy's WITH CHECK.
	tx, err := env.AppSQL.BeginTx(ctxA, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = tx.Rollback() }()
	if err := tenancy.ApplySettings(ctxA, tx); err != nil {
		t.Fatal(err)
	}
	_, err = tx.ExecContext(ctxA, fmt.Sprintf(`UPDATE %q SET tenant_id = $1 WHERE id = $2`, table), env.B.TenantID, id)
	if err == nil {
		t.Errorf("raw UPDATE moved A's %s row into province B", table)
	}
}

// ErrNotCovered is returned by Covered for tables the harness has no entity for.
var ErrNotCovered = errors.New("tenant-owned table not covered by the cross-tenant harness")

// Covered fails unless every table in tables has an entity in es.
func Covered(tables []string, es []Entity) error {
	have := map[string]bool{}
	for _, e := range es {
		have[e.Table] = true
	}
	var errs []error
	for _, t := range tables {
		if !have[t] {
			errs = append(errs, fmt.Errorf("%s: %w", t, ErrNotCovered))
		}
	}
	return errors.Join(errs...)
}

// UnitEntity describes one unit-owned entity (ent/schema.UnitScopedMixin) to the unit harness.
// Each func runs with a viewer context.
type UnitEntity struct {
	Table  string // SQL table name
	Create func(ctx context.Context, c *ent.Client, unitID int) (int, error)
	Get    func(ctx context.Context, c *ent.Client, id int) error
	Update func(ctx context.Context, c *ent.Client, id int) error
	Delete func(ctx context.Context, c *ent.Client, id int) error
	// Move sets row id's unit to unitID: unit staff may not move their row into another unit.
	Move func(ctx context.Context, c *ent.Client, id, unitID int) error
}

// UnitEnv is what the unit harness runs on: a province-role viewer and two of its province's
// units. The harness derives the unit staff viewers from Province.
type UnitEnv struct {
	Client       *ent.Client
	Province     *viewer.Viewer
	UnitA, UnitB int
}

// staff returns a viewer of env's province holding only roles, in units.
func (env UnitEnv) staff(roles []string, units ...int) context.Context {
	v := *env.Province
	v.Roles = roles
	return viewer.NewContext(context.Background(), viewer.WithUnits(&v, units...))
}

// RunUnit checks e against the unit wall: staff of unit A cannot read, update or delete unit
// B's rows nor create rows for unit B; staff without a unit see nothing; province roles (and unit
// staff who also hold a province-wide role) see both units.
func RunUnit(t *testing.T, env UnitEnv, e UnitEntity) {
	t.Helper()
	c := env.Client
	prov := viewer.NewContext(context.Background(), env.Province)
	staffA := env.staff([]string{"unit_officer", "unit_leader"}, env.UnitA)
	noUnit := env.staff([]string{"unit_officer"})
	mixed := env.staff([]string{"unit_officer", "committee_member"}, env.UnitA)

	t.Run("unit wall/"+e.Table, func(t *testing.T) {
		rowA, err := e.Create(staffA, c, env.UnitA)
		if err != nil {
			t.Fatalf("unit A's staff create in unit A: %v", err)
		}
		rowB, err := e.Create(prov, c, env.UnitB)
		if err != nil {
			t.Fatalf("province role creates in unit B: %v", err)
		}
		if err := e.Get(staffA, c, rowA); err != nil {
			t.Errorf("unit A's staff cannot read their row: %v", err)
		}
		if err := e.Get(staffA, c, rowB); !ent.IsNotFound(err) {
			t.Errorf("unit A's staff read unit B's row: got %v, want not found", err)
		}
		if err := e.Update(staffA, c, rowB); !ent.IsNotFound(err) {
			t.Errorf("unit A's staff update unit B's row: got %v, want not found", err)
		}
		if err := e.Delete(staffA, c, rowB); !ent.IsNotFound(err) {
			t.Errorf("unit A's staff delete unit B's row: got %v, want not found", err)
		}
		if id, err := e.Create(staffA, c, env.UnitB); err == nil {
			t.Errorf("unit A's staff created row %d for unit B", id)
		}
		if err := e.Get(noUnit, c, rowA); !ent.IsNotFound(err) {
			t.Errorf("unit staff without a unit read unit A's row: got %v, want not found", err)
		}
		if id, err := e.Create(noUnit, c, env.UnitA); err == nil {
			t.Errorf("unit staff without a unit created row %d", id)
		}
		for who, ctx := range map[string]context.Context{"province role": prov, "unit staff on the committee": mixed} {
			for _, id := range []int{rowA, rowB} {
				if err := e.Get(ctx, c, id); err != nil {
					t.Errorf("%s cannot read row %d: %v", who, id, err)
				}
			}
		}
		if err := e.Get(prov, c, rowB); err != nil {
			t.Fatalf("unit B's row changed by unit A's staff attempts: %v", err)
		}
		if err := e.Move(staffA, c, rowA, env.UnitB); err == nil {
			t.Errorf("unit A's staff moved their row into unit B")
		}
		if err := e.Update(staffA, c, rowA); err != nil {
			t.Errorf("unit A's staff update their row: %v", err)
		}
		if err := e.Delete(staffA, c, rowA); err != nil {
			t.Errorf("unit A's staff delete their row: %v", err)
		}
		if err := e.Update(prov, c, rowB); err != nil {
			t.Errorf("province role updates unit B's row: %v", err)
		}
		if err := e.Delete(prov, c, rowB); err != nil {
			t.Errorf("province role deletes unit B's row: %v", err)
		}
	})
}

// CoveredUnits fails unless every table in tables has an entity in es.
func CoveredUnits(tables []string, es []UnitEntity) error {
	have := map[string]bool{}
	for _, e := range es {
		have[e.Table] = true
	}
	var errs []error
	for _, t := range tables {
		if !have[t] {
			errs = append(errs, fmt.Errorf("%s: unit-owned table not covered by the unit harness", t))
		}
	}
	return errors.Join(errs...)
}
