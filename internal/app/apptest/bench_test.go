package apptest_test

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"

	"github.com/danvan-vn/danvan/internal/app/apptest"
	"github.com/danvan-vn/danvan/internal/tenancy"
	"github.com/danvan-vn/danvan/internal/viewer"
)

// benchClients is how many clients the request-path benchmark runs at once.
const benchClients = 8

// benchRedisDB is this benchmark's Redis database (test packages run in parallel).
const benchRedisDB = 12

// BenchmarkRequestPath measures, on PostgreSQL with row-level security as the application role
// and the configured demo provinces, with benchClients concurrent clients:
//
//   - units_api: GET /api/v1/t/nghe-an/units end to end over HTTP with a province admin's session;
//   - units_api_identity: the same without gzip (Accept-Encoding: identity);
//   - units_raw: the SQL that handler runs (unit versions of the day, then their units), raw through
//     pgx as the application role, with set_config of the province in one transaction;
//   - stmt_rls / stmt_plain: one simple query through the tenancy-wrapped ent driver (outside a
//     request scope: a transaction of its own), and the same through the unwrapped driver;
//   - req_rls_scoped / req_plain_tx / req_plain: a request's worth of such queries through the
//     wrapped driver in a tenancy.RequestScope, by hand in one transaction with set_config on the
//     unwrapped driver, and on the unwrapped driver without a transaction;
//   - healthz: the HTTP stack alone.
//
// The last sub-benchmark, ratios, reports units_vs_raw_% (units_api throughput as a share of
// units_raw's), rls_overhead_% (how much longer a request's statements take through the wrapper
// in a request scope than by hand with set_config in one transaction), stmt_rls_overhead_% (one
// statement outside a scope vs plain) and rls_vs_no_tx_% (scoped vs no transaction at all).
func BenchmarkRequestPath(b *testing.B) {
	e := apptest.Start(b, apptest.Options{Mode: "services", RedisDB: benchRedisDB, Configured: true})
	ctx := context.Background()
	tn, err := e.App.Tenants.BySlug(tenancy.SystemContext(ctx), "nghe-an") // the benchmark's province
	if err != nil {
		b.Fatal(err)
	}
	httpc := &http.Client{Transport: &http.Transport{MaxIdleConns: 64, MaxIdleConnsPerHost: 64}}
	cookies := make([]string, benchClients)
	for i := range cookies {
		c := e.Client()
		c.Login("admin@nghe-an.danvan.vn")
		u, _ := url.Parse(e.URL)
		for _, ck := range c.HTTP.Jar.Cookies(u) {
			if ck.Name == "danvan_session" {
				cookies[i] = ck.Value
			}
		}
		if cookies[i] == "" {
			b.Fatal("no session cookie after login")
		}
	}
	get := func(path, cookie string, header ...string) error {
		req, _ := http.NewRequest(http.MethodGet, e.URL+path, nil)
		for i := 0; i+1 < len(header); i += 2 {
			req.Header.Set(header[i], header[i+1])
		}
		if cookie != "" {
			req.AddCookie(&http.Cookie{Name: "danvan_session", Value: cookie})
		}
		resp, err := httpc.Do(req)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		if err != nil {
			return err
		}
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("GET %s: %d %s", path, resp.StatusCode, body)
		}
		return nil
	}
	if err := get("/api/v1/t/nghe-an/units", cookies[0]); err != nil {
		b.Fatal(err)
	}

	pool, err := sql.Open("pgx", e.App.Cfg.DatabaseURL) // the application role
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = pool.Close() })
	pool.SetMaxOpenConns(20)
	pool.SetMaxIdleConns(20)
	if n, err := rawUnits(ctx, pool, tn.ID); err != nil || n == 0 {
		b.Fatalf("raw units: %d rows, %v", n, err)
	}

	results := map[string]float64{} // sub-benchmark → ops/s of its last (longest) run
	var mu sync.Mutex
	sub := func(name string, op func(ctx context.Context, worker int) error) {
		b.Run(name, func(b *testing.B) {
			ops := runClients(b, func(w int) error { return op(ctx, w) })
			mu.Lock()
			results[name] = ops
			mu.Unlock()
		})
	}

	sub("healthz", func(_ context.Context, _ int) error { return get("/healthz", "") })
	sub("units_api", func(_ context.Context, w int) error { return get("/api/v1/t/nghe-an/units", cookies[w]) })
	// The same without compression: how much of units_api is gzip (both ends share the machine).
	sub("units_api_identity", func(_ context.Context, w int) error {
		return get("/api/v1/t/nghe-an/units", cookies[w], "Accept-Encoding", "identity")
	})
	sub("units_raw", func(ctx context.Context, _ int) error {
		_, err := rawUnits(ctx, pool, tn.ID)
		return err
	})

	wrapped := tenancy.NewRLSDriver(entsql.OpenDB(dialect.Postgres, pool))
	plain := entsql.OpenDB(dialect.Postgres, pool)
	inT := viewer.NewContext(ctx, &viewer.Viewer{UserID: 1, TenantID: tn.ID, TenantSlug: tn.Slug})
	simple := func(d dialect.ExecQuerier) func(context.Context, int) error {
		return func(context.Context, int) error { return simpleQuery(inT, d, tn.Slug) }
	}
	sub("stmt_rls", simple(wrapped))
	sub("stmt_plain", simple(plain))
	// A request's worth of statements (reqStatements), through the wrapped driver in a request
	// scope, by hand in one transaction with set_config on the plain driver (what row-level
	// security needs at the least), and plainly without a transaction.
	sub("req_rls_scoped", func(context.Context, int) error {
		rctx, done := tenancy.RequestScope(ctx)
		defer done()
		for range reqStatements {
			if err := simpleQuery(viewer.NewContext(rctx, &viewer.Viewer{UserID: 1, TenantID: tn.ID, TenantSlug: tn.Slug}), wrapped, tn.Slug); err != nil {
				return err
			}
		}
		return nil
	})
	sub("req_rls_unscoped", func(context.Context, int) error { // as every request ran before RequestScope
		for range reqStatements {
			if err := simpleQuery(inT, wrapped, tn.Slug); err != nil {
				return err
			}
		}
		return nil
	})
	sub("req_plain_tx", func(context.Context, int) error {
		tx, err := plain.Tx(ctx)
		if err != nil {
			return err
		}
		if err := tenancy.ApplySettings(inT, txExec{tx}); err != nil {
			return err
		}
		for range reqStatements {
			if err := simpleQuery(ctx, tx, tn.Slug); err != nil {
				_ = tx.Rollback()
				return err
			}
		}
		return tx.Commit()
	})
	sub("req_plain", func(context.Context, int) error {
		for range reqStatements {
			if err := simpleQuery(ctx, plain, tn.Slug); err != nil {
				return err
			}
		}
		return nil
	})

	b.Run("ratios", func(b *testing.B) {
		for b.Loop() {
		}
		b.ReportMetric(0, "ns/op")
		var line []string
		if api, raw := results["units_api"], results["units_raw"]; api > 0 && raw > 0 {
			b.ReportMetric(100*api/raw, "units_vs_raw_%")
			line = append(line, fmt.Sprintf("units_api %.0f/s, units_raw %.0f/s: units_vs_raw %.1f%% (goal >= 60%%)", api, raw, 100*api/raw))
		}
		if id, raw := results["units_api_identity"], results["units_raw"]; id > 0 && raw > 0 {
			b.ReportMetric(100*id/raw, "units_identity_vs_raw_%")
			line = append(line, fmt.Sprintf("without gzip units_api_identity %.0f/s: %.1f%% of raw", id, 100*id/raw))
		}
		if rls, plain := results["stmt_rls"], results["stmt_plain"]; rls > 0 && plain > 0 {
			b.ReportMetric(100*(plain/rls-1), "stmt_rls_overhead_%")
			line = append(line, fmt.Sprintf("one statement outside a scope: stmt_rls %.0f/s, stmt_plain %.0f/s: overhead %.1f%%", rls, plain, 100*(plain/rls-1)))
		}
		if rls, tx := results["req_rls_scoped"], results["req_plain_tx"]; rls > 0 && tx > 0 {
			b.ReportMetric(100*(tx/rls-1), "rls_overhead_%")
			line = append(line, fmt.Sprintf("%d statements in a request scope: req_rls_scoped %.0f/s, by hand in a transaction with set_config req_plain_tx %.0f/s: rls_overhead %.1f%% (goal <= 10%%)", reqStatements, rls, tx, 100*(tx/rls-1)))
		}
		if un, tx := results["req_rls_unscoped"], results["req_plain_tx"]; un > 0 && tx > 0 {
			b.ReportMetric(100*(tx/un-1), "rls_unscoped_overhead_%")
			line = append(line, fmt.Sprintf("without a scope: req_rls_unscoped %.0f/s: overhead %.1f%%", un, 100*(tx/un-1)))
		}
		if rls, plain := results["req_rls_scoped"], results["req_plain"]; rls > 0 && plain > 0 {
			b.ReportMetric(100*(plain/rls-1), "rls_vs_no_tx_%")
			line = append(line, fmt.Sprintf("req_plain (no transaction, no RLS) %.0f/s: %.1f%% more than req_rls_scoped", plain, 100*(plain/rls-1)))
		}
		if h, api := results["healthz"], results["units_api"]; h > 0 && api > 0 {
			line = append(line, fmt.Sprintf("healthz %.0f/s = %.1f x units_api", h, h/api))
		}
		b.Log(strings.Join(line, "; "))
	})
}

// reqStatements is how many statements the request-shaped RLS sub-benchmarks run.
const reqStatements = 4

// txExec lets tenancy.ApplySettings run on an ent dialect.Tx.
type txExec struct{ tx dialect.Tx }

func (t txExec) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	var res sql.Result
	err := t.tx.Exec(ctx, query, args, &res)
	return res, err
}

// runClients runs b.N operations spread over benchClients goroutines and returns operations per
// second (also reported as "ops/s").
func runClients(b *testing.B, op func(worker int) error) float64 {
	var next atomic.Int64
	var wg sync.WaitGroup
	b.ResetTimer()
	for w := range benchClients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for next.Add(1) <= int64(b.N) {
				if err := op(w); err != nil {
					b.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	b.StopTimer()
	ops := float64(b.N) / b.Elapsed().Seconds()
	b.ReportMetric(ops, "ops/s")
	return ops
}

// The units list handler's SQL (unit.Service.AsOf as ent writes it), for the raw baseline.
const (
	sqlUnitVersions = `SELECT "unit_versions"."id", "unit_versions"."created_at", "unit_versions"."updated_at", "unit_versions"."tenant_id", "unit_versions"."unit_id", "unit_versions"."valid_from", "unit_versions"."valid_to", "unit_versions"."name", "unit_versions"."short_name", "unit_versions"."type", "unit_versions"."parent_id", "unit_versions"."address", "unit_versions"."leader_name", "unit_versions"."leader_title", "unit_versions"."leader_phone", "unit_versions"."leader_email", "unit_versions"."leader_user_id", "unit_versions"."officer_name", "unit_versions"."officer_title", "unit_versions"."officer_phone", "unit_versions"."officer_email", "unit_versions"."officer_user_id", "unit_versions"."search_key", "unit_versions"."change" FROM "unit_versions" WHERE ("unit_versions"."valid_from" <= $1 AND ("unit_versions"."valid_to" IS NULL OR "unit_versions"."valid_to" > $2)) AND "unit_versions"."tenant_id" = $3`
	sqlUnits        = `SELECT "units"."id", "units"."created_at", "units"."updated_at", "units"."tenant_id", "units"."code", "units"."valid_from", "units"."valid_to", "units"."successor_id" FROM "units" WHERE "units"."id" IN (%s) AND "units"."tenant_id" = $%d`
)

// rawUnits runs the handler's two queries in one transaction carrying the province, scanning
// every column, and returns how many units it read.
func rawUnits(ctx context.Context, pool *sql.DB, tenantID int) (int, error) {
	tx, err := pool.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer func() { _ = tx.Rollback() }()
	if _, err := tx.ExecContext(ctx, "SELECT set_config($1, $2, true), set_config($3, $4, true)",
		tenancy.SettingTenant, strconv.Itoa(tenantID), tenancy.SettingBypass, ""); err != nil {
		return 0, err
	}
	day := time.Now().UTC()
	var ids []any
	if err := scanAll(ctx, tx, sqlUnitVersions, []any{day, day, tenantID}, func(cols []any) {
		ids = append(ids, cols[4])
	}); err != nil {
		return 0, err
	}
	marks := make([]string, len(ids))
	for i := range ids {
		marks[i] = "$" + strconv.Itoa(i+1)
	}
	n := 0
	args := append(ids, tenantID)
	if err := scanAll(ctx, tx, fmt.Sprintf(sqlUnits, strings.Join(marks, ", "), len(args)), args, func([]any) { n++ }); err != nil {
		return 0, err
	}
	return n, tx.Commit()
}

// querier is a *sql.DB or a *sql.Tx.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

func scanAll(ctx context.Context, tx querier, query string, args []any, row func([]any)) error {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	names, err := rows.Columns()
	if err != nil {
		return err
	}
	for rows.Next() {
		vals := make([]any, len(names))
		ptrs := make([]any, len(names))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		row(vals)
	}
	return rows.Err()
}

// simpleQuery reads one province row by slug through d (tenants carry no row-level policy, so
// the wrapped and the plain driver do the same work in the database).
func simpleQuery(ctx context.Context, d dialect.ExecQuerier, slug string) error {
	var rows entsql.Rows
	if err := d.Query(ctx, `SELECT "id" FROM "tenants" WHERE "slug" = $1`, []any{slug}, &rows); err != nil {
		return err
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var id int
		if err := rows.Scan(&id); err != nil {
			return err
		}
		n++
	}
	if n != 1 {
		return fmt.Errorf("simple query: %d rows", n)
	}
	return rows.Err()
}
