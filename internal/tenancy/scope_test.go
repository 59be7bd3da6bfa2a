package tenancy_test

import (
	"context"
	"database/sql"
	"testing"
	"time"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"

	"github.com/danvan-vn/danvan/internal/tenancy"
	"github.com/danvan-vn/danvan/internal/testenv"
	"github.com/danvan-vn/danvan/internal/viewer"
)

// TestRequestScope_Postgres: a request's reads share one transaction carrying the province, which
// follows the viewer when it changes, survives a failing statement, gives its connection up to
// a write transaction, and leaves nothing on the pooled connection when the request ends.
func TestRequestScope_Postgres(t *testing.T) {
	pg := testenv.Postgres(t)
	pool, err := sql.Open("pgx", pg.AppURL)
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	pool.SetMaxOpenConns(1) // one connection: the scope must give it back for anything else to run
	drv := tenancy.NewRLSDriver(entsql.OpenDB(dialect.Postgres, pool))
	base, cancel := context.WithTimeout(context.Background(), 30*time.Second) // a leak would block, not pass
	defer cancel()
	in := func(ctx context.Context, tid int) context.Context {
		return viewer.NewContext(ctx, &viewer.Viewer{UserID: 1, TenantID: tid, TenantSlug: "p"})
	}
	read := func(ctx context.Context, query string) (string, error) {
		var rows entsql.Rows
		if err := drv.Query(ctx, query, []any{}, &rows); err != nil {
			return "", err
		}
		defer rows.Close()
		var s sql.NullString
		for rows.Next() {
			if err := rows.Scan(&s); err != nil {
				return "", err
			}
		}
		return s.String, rows.Err()
	}
	must := func(ctx context.Context, query, want string) {
		t.Helper()
		got, err := read(ctx, query)
		if err != nil {
			t.Fatalf("%s: %v", query, err)
		}
		if got != want {
			t.Fatalf("%s = %q, want %q", query, got, want)
		}
	}
	const (
		tenant = "SELECT current_setting('danvan.tenant_id', true)"
		bypass = "SELECT current_setting('danvan.bypass', true)"
		mark   = "SELECT set_config('danvan.probe', 'marked', true)"
		probe  = "SELECT current_setting('danvan.probe', true)"
	)

	// Without a scope every read is a transaction of its own.
	must(in(base, 7), mark, "marked")
	must(in(base, 7), probe, "")

	ctx, done := tenancy.RequestScope(base)
	must(in(ctx, 7), mark, "marked")
	must(in(ctx, 7), probe, "marked") // the same transaction
	must(in(ctx, 7), tenant, "7")
	must(in(ctx, 8), tenant, "8") // another province: applied again
	must(tenancy.SystemContext(ctx), bypass, "on")
	must(in(ctx, 8), bypass, "")

	// A failing read does not poison the next.
	if _, err := read(in(ctx, 8), "SELECT 1/0"); err == nil {
		t.Fatal("1/0 did not fail")
	}
	must(in(ctx, 8), tenant, "8")

	// A write transaction takes the (only) connection: the scope gives it up first.
	must(in(ctx, 8), mark, "marked")
	tx, err := drv.Tx(in(ctx, 8))
	if err != nil {
		t.Fatal(err)
	}
	var res sql.Result
	if err := tx.Exec(in(ctx, 8), "SELECT set_config('danvan.probe', 'in-tx', true)", []any{}, &res); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	must(in(ctx, 8), probe, "") // a fresh read transaction
	must(in(ctx, 8), tenant, "8")

	done()
	done() // idempotent
	// Nothing stays on the pooled connection (there is only one).
	if got, err := read(base, tenant); err != nil || got != "" {
		t.Fatalf("after the scope: tenant setting %q, %v", got, err)
	}
	if got, err := read(base, probe); err != nil || got != "" {
		t.Fatalf("after the scope: probe %q, %v", got, err)
	}
	// Reads after done run on their own.
	must(in(ctx, 9), tenant, "9")
	must(in(ctx, 9), mark, "marked")
	must(in(ctx, 9), probe, "")
}

// TestRequestScope_RowsOpenAtEnd: ending the scope while a read's rows are open (the handler
// streaming them) neither blocks nor leaves the transaction open once the rows close.
func TestRequestScope_RowsOpenAtEnd(t *testing.T) {
	pg := testenv.Postgres(t)
	pool, err := sql.Open("pgx", pg.AppURL)
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	pool.SetMaxOpenConns(1)
	drv := tenancy.NewRLSDriver(entsql.OpenDB(dialect.Postgres, pool))
	base, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	ctx, done := tenancy.RequestScope(base)
	inT := viewer.NewContext(ctx, &viewer.Viewer{UserID: 1, TenantID: 3, TenantSlug: "p"})
	var rows entsql.Rows
	if err := drv.Query(inT, "SELECT generate_series(1, 3)", []any{}, &rows); err != nil {
		t.Fatal(err)
	}
	done() // must not wait for the rows
	n := 0
	for rows.Next() {
		n++
	}
	if err := rows.Close(); err != nil || n != 3 {
		t.Fatalf("rows: %d, %v", n, err)
	}
	var again entsql.Rows
	if err := drv.Query(base, "SELECT current_setting('danvan.tenant_id', true)", []any{}, &again); err != nil {
		t.Fatal(err) // would time out if the scope still held the only connection
	}
	defer again.Close()
	var s sql.NullString
	for again.Next() {
		_ = again.Scan(&s)
	}
	if s.String != "" {
		t.Fatalf("tenant setting %q leaked", s.String)
	}
}
