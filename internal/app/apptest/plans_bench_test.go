package apptest_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/internal/app/apptest"
	"github.com/danvan-vn/danvan/internal/calendar"
	"github.com/danvan-vn/danvan/internal/plan"
	"github.com/danvan-vn/danvan/internal/regime"
	"github.com/danvan-vn/danvan/internal/tenancy"
	"github.com/danvan-vn/danvan/internal/viewer"
)

// plansBenchRedisDB is BenchmarkPlans's Redis database.
const plansBenchRedisDB = 19

// Fixture size: one province plan of plansBenchTasks tasks, each led by every one of
// plansBenchUnits units.
const (
	plansBenchUnits = 300
	plansBenchTasks = 100
)

// plansFixture is one issued plan of the benchmark's province with its 30,000 lead assignments.
type plansFixture struct {
	tenantID int
	planID   int
	units    []int // the fixture's units, departments first
}

// newPlansFixture writes the fixture as the database superuser in one transaction: units and
// their versions, the plan, its tasks and one lead assignment per task and unit, a mix of every
// status (completed on time and late, open, overdue, continuous). It is a benchmark's fixture, so
// it goes around the services (and their audit trail) for speed.
func newPlansFixture(b *testing.B, e *apptest.Env, slug string) plansFixture {
	b.Helper()
	ctx := context.Background()
	tn, err := e.App.Tenants.BySlug(tenancy.SystemContext(ctx), slug)
	if err != nil {
		b.Fatal(err)
	}
	su, err := sql.Open("pgx", e.PG.AdminURL)
	if err != nil {
		b.Fatal(err)
	}
	defer su.Close()
	tx, err := su.BeginTx(ctx, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer func() { _ = tx.Rollback() }()
	must := func(err error) {
		b.Helper()
		if err != nil {
			b.Fatal(err)
		}
	}
	_, err = tx.ExecContext(ctx, "SET LOCAL TimeZone = 'UTC'") // day arithmetic on stored civil dates
	must(err)
	var root int
	must(tx.QueryRowContext(ctx, `SELECT unit_id FROM unit_versions WHERE tenant_id = $1 AND type = 'province' AND valid_to IS NULL ORDER BY id LIMIT 1`, tn.ID).Scan(&root))
	// 60 departments (sở, ban, ngành) and 240 communes, existing since 2015.
	_, err = tx.ExecContext(ctx, `WITH u AS (
		INSERT INTO units (created_at, updated_at, code, valid_from, tenant_id)
		SELECT now(), now(), 'BENCH-' || lpad(g::text, 3, '0'), '2015-01-01', $1 FROM generate_series(1, $2::int) g
		RETURNING id, substr(code, 7)::int AS n)
		INSERT INTO unit_versions (created_at, updated_at, unit_id, valid_from, name, type, parent_id, tenant_id)
		SELECT now(), now(), id, '2015-01-01',
			CASE WHEN n <= 60 THEN 'Sở thử nghiệm số ' || n ELSE 'UBND xã thử nghiệm số ' || n END,
			CASE WHEN n <= 60 THEN 'department' ELSE 'commune' END, $3, $1 FROM u`, tn.ID, plansBenchUnits, root)
	must(err)
	today := calendar.Today()
	base := time.Date(today.Year, today.Month, today.Day, 0, 0, 0, 0, time.UTC)
	var planID int
	must(tx.QueryRowContext(ctx, `INSERT INTO work_plans (created_at, updated_at, title, kind, year, status, issued_on, tenant_id, unit_id)
		VALUES (now(), now(), 'Kế hoạch thực hiện công tác dân vận chính quyền (đo hiệu năng)', 'ke_hoach', $1, 'issued', $2, $3, $4)
		RETURNING id`, today.Year, base.AddDate(0, 0, -90), tn.ID, root).Scan(&planID))
	// Tasks: every tenth yearly (15/6 or 15/12), every tenth continuous, the rest due on a day from
	// 50 days ago to 49 days ahead.
	_, err = tx.ExecContext(ctx, `INSERT INTO tasks (created_at, updated_at, number, position, content, deadline_kind, due_on, due_day, due_month, shift, tenant_id, unit_id, work_plan_id)
		SELECT now(), now(), g::text, g, 'Nhiệm vụ số ' || g || ': tuyên truyền, phổ biến, tổ chức thực hiện quy chế dân chủ ở cơ sở',
			CASE g % 10 WHEN 0 THEN 'yearly' WHEN 5 THEN 'continuous' ELSE 'date' END,
			CASE WHEN g % 10 IN (0, 5) THEN NULL ELSE $1::timestamptz + (g - 51) * interval '1 day' END,
			CASE g % 10 WHEN 0 THEN 15 ELSE 0 END, CASE g % 10 WHEN 0 THEN CASE WHEN g % 20 = 0 THEN 12 ELSE 6 END ELSE 0 END,
			'next_working_day', $2, $3, $4
		FROM generate_series(1, $5::int) g`, base, tn.ID, root, planID, plansBenchTasks)
	must(err)
	// One lead assignment per task and unit: two in five completed (on time, or late when the
	// task's due day allows), the rest open.
	_, err = tx.ExecContext(ctx, `INSERT INTO task_assignments (created_at, updated_at, work_plan_id, role, due_on, percent, completed_on, tenant_id, unit_id, task_id)
		SELECT now(), now(), t.work_plan_id, 'lead', t.due_on,
			CASE WHEN (u.id + t.id) % 5 IN (0, 1) THEN 100 ELSE (u.id * 7 + t.id) % 90 END,
			CASE (u.id + t.id) % 5
				WHEN 0 THEN LEAST(COALESCE(t.due_on, $1::timestamptz), $1::timestamptz) - interval '2 days'
				WHEN 1 THEN CASE WHEN t.due_on + interval '3 days' <= $1::timestamptz THEN t.due_on + interval '3 days' ELSE $1::timestamptz - interval '1 day' END
			END,
			t.tenant_id, u.id, t.id
		FROM tasks t CROSS JOIN units u
		WHERE t.work_plan_id = $2 AND u.tenant_id = $3 AND u.code LIKE 'BENCH-%'`, base, planID, tn.ID)
	must(err)
	must(tx.Commit())
	_, err = su.ExecContext(ctx, "ANALYZE units, unit_versions, work_plans, tasks, task_assignments")
	must(err)
	var units []int
	rows, err := su.QueryContext(ctx, `SELECT id FROM units WHERE tenant_id = $1 AND code LIKE 'BENCH-%' ORDER BY code`, tn.ID)
	must(err)
	defer rows.Close()
	for rows.Next() {
		var id int
		must(rows.Scan(&id))
		units = append(units, id)
	}
	must(rows.Err())
	return plansFixture{tenantID: tn.ID, planID: planID, units: units}
}

// captureDriver records the statements run through it, so the benchmark can check that its raw
// baseline runs the service's SQL.
type captureDriver struct {
	dialect.Driver
	mu sync.Mutex
	qs []string
}

func (d *captureDriver) Query(ctx context.Context, q string, args, v any) error {
	d.mu.Lock()
	d.qs = append(d.qs, q)
	d.mu.Unlock()
	return d.Driver.Query(ctx, q, args, v)
}

func (d *captureDriver) take() []string {
	d.mu.Lock()
	defer d.mu.Unlock()
	qs := d.qs
	d.qs = nil
	return qs
}

// BenchmarkPlans measures the four-way status roll-up of one plan of 100 tasks × 300 lead units
// (30,000 assignments; newPlansFixture) on PostgreSQL, with benchClients concurrent clients:
//
//   - plans_api: GET /api/v1/t/nghe-an/rollup?plan_id= end to end over HTTP with the province
//     admin's session (the handler looks the plan up, then plan.Service.Rollup reads the
//     province's holidays and the plan's lead assignments joined with their tasks and plan, and
//     computes each one's status on the province calendar);
//   - plans_raw: the same three statements, as ent writes them for the province admin, raw
//     through pgx as the database superuser (no row-level security, no transaction), and the same
//     status computation in Go over the rows;
//   - plans_raw_rows: the same raw, but reading one row per assignment (30,000 rows) as the
//     service did before it let the database group them: a reference for the grouped read;
//   - plans_walled / plans_unwalled: plan.Service.Rollup called directly in a request scope,
//     as the province admin (tenant rule and row-level security) and through
//     tenancy.SystemContext (no walls);
//   - plans_unit_walled / plans_unit_unwalled / plans_unit_raw: the same for one unit's 100
//     assignments: as that unit's officer (tenant and unit walls), through SystemContext with the
//     unit as a filter, and raw; plans_unit_tenant_only is the province admin with the unit as a
//     filter (the same SQL as the officer's: the unit rule's own cost).
//
// The last sub-benchmark, ratios, reports plans_api_vs_raw_% (plans_api throughput as a share of
// plans_raw's; issue goal >= 60 %), plans_service_vs_raw_% (the same without HTTP),
// tenant_wall_cost_% and unit_wall_cost_% (how much longer the walled call takes than the
// unwalled one; goal <= 10 %), unit_rule_cost_% (officer vs admin with the same filter).
//
// The walls' costs can come out negative: without the tenant predicate the privacy rule adds,
// PostgreSQL cannot use the tenant-led indexes, and under the bypass setting it misestimates the
// policy's selectivity, so the unwalled SystemContext read may be the slower one.
func BenchmarkPlans(b *testing.B) {
	e := apptest.Start(b, apptest.Options{Mode: "services", RedisDB: plansBenchRedisDB, Configured: true})
	fx := newPlansFixture(b, e, "nghe-an")
	ctx := context.Background()
	admin := viewer.NewContext(ctx, &viewer.Viewer{UserID: 1, TenantID: fx.tenantID, TenantSlug: "nghe-an", Roles: []string{"province_admin"}})
	officer := viewer.NewContext(ctx, viewer.WithUnits(&viewer.Viewer{UserID: 1, TenantID: fx.tenantID, TenantSlug: "nghe-an",
		Roles: []string{"unit_officer"}}, fx.units[0]))
	system := tenancy.SystemContext(ctx) // the unwalled baseline reads without the province's walls
	all := plan.RollupFilter{PlanID: fx.planID}
	one := plan.RollupFilter{PlanID: fx.planID, UnitIDs: fx.units[:1]}

	// The raw baseline's SQL must be what the service runs: run the handler's calls once through
	// a recording driver.
	cd := &captureDriver{Driver: tenancy.NewRLSDriver(entsql.OpenDB(dialect.Postgres, e.App.DB.SQL))}
	rec := ent.NewClient(ent.Driver(cd))
	recSvc := plan.New(rec, regime.New(rec), nil, nil)
	if _, err := recSvc.GetPlan(admin, fx.planID); err != nil {
		b.Fatal(err)
	}
	want, err := recSvc.Rollup(admin, all)
	if err != nil {
		b.Fatal(err)
	}
	if got := cd.take(); !slices.Equal(got, []string{sqlPlanGet, sqlPlanFacts, sqlHolidays}) {
		b.Fatalf("the service's SQL changed: update the raw baseline's to\n%s", strings.Join(got, "\n"))
	}
	wantOne, err := recSvc.Rollup(officer, all)
	if err != nil {
		b.Fatal(err)
	}
	if got := cd.take(); !slices.Equal(got, []string{sqlPlanFactsUnit, sqlHolidays}) {
		b.Fatalf("the service's SQL for a unit officer changed: update the raw baseline's to\n%s", strings.Join(got, "\n"))
	}
	if want.Total != plansBenchUnits*plansBenchTasks || wantOne.Total != plansBenchTasks {
		b.Fatalf("roll-up %+v, one unit %+v: want %d and %d assignments", want, wantOne, plansBenchUnits*plansBenchTasks, plansBenchTasks)
	}

	su, err := sql.Open("pgx", e.PG.AdminURL) // the superuser: no row-level security
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = su.Close() })
	su.SetMaxOpenConns(20)
	su.SetMaxIdleConns(20)
	raw := func(ctx context.Context, unit int) (plan.Counts, error) {
		return rawRollup(ctx, su, fx.tenantID, fx.planID, unit, false)
	}
	for _, c := range []struct {
		unit int
		want plan.Counts
	}{{0, want}, {fx.units[0], wantOne}} {
		if got, err := raw(ctx, c.unit); err != nil || got != c.want {
			b.Fatalf("raw roll-up (unit %d) = %+v, %v; the service's is %+v", c.unit, got, err, c.want)
		}
	}
	if got, err := rawRollup(ctx, su, fx.tenantID, fx.planID, 0, true); err != nil || got != want {
		b.Fatalf("raw roll-up row by row = %+v, %v; the service's is %+v", got, err, want)
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
	rollupPath := fmt.Sprintf("/api/v1/t/nghe-an/rollup?plan_id=%d", fx.planID)
	getCounts := func(cookie string) (plan.Counts, error) {
		req, _ := http.NewRequest(http.MethodGet, e.URL+rollupPath, nil)
		req.AddCookie(&http.Cookie{Name: "danvan_session", Value: cookie})
		resp, err := httpc.Do(req)
		if err != nil {
			return plan.Counts{}, err
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		if err != nil {
			return plan.Counts{}, err
		}
		if resp.StatusCode != http.StatusOK {
			return plan.Counts{}, fmt.Errorf("GET %s: %d %s", rollupPath, resp.StatusCode, body)
		}
		var c plan.Counts
		err = json.Unmarshal(body, &c)
		return c, err
	}
	if got, err := getCounts(cookies[0]); err != nil || got != want {
		b.Fatalf("API roll-up = %+v, %v; the service's is %+v", got, err, want)
	}

	results := map[string]float64{} // sub-benchmark → ops/s of its last (longest) run
	var mu sync.Mutex
	sub := func(name string, op func(worker int) error) {
		b.Run(name, func(b *testing.B) {
			ops := runClients(b, op)
			mu.Lock()
			results[name] = ops
			mu.Unlock()
		})
	}
	// rollup calls the service as a request would: in a request scope (one read transaction).
	rollup := func(ctx context.Context, f plan.RollupFilter) func(int) error {
		return func(int) error {
			rctx, done := tenancy.RequestScope(ctx)
			defer done()
			_, err := e.App.Plans.Rollup(rctx, f)
			return err
		}
	}

	sub("plans_api", func(w int) error {
		_, err := getCounts(cookies[w])
		return err
	})
	sub("plans_raw", func(int) error {
		_, err := raw(ctx, 0)
		return err
	})
	sub("plans_raw_rows", func(int) error {
		_, err := rawRollup(ctx, su, fx.tenantID, fx.planID, 0, true)
		return err
	})
	sub("plans_walled", rollup(admin, all))
	sub("plans_unwalled", rollup(system, all))
	sub("plans_unit_walled", rollup(officer, all))
	sub("plans_unit_unwalled", rollup(system, one))
	sub("plans_unit_tenant_only", rollup(admin, one))
	sub("plans_unit_raw", func(int) error {
		_, err := raw(ctx, fx.units[0])
		return err
	})

	b.Run("ratios", func(b *testing.B) {
		for b.Loop() {
		}
		b.ReportMetric(0, "ns/op")
		var line []string
		if api, raw := results["plans_api"], results["plans_raw"]; api > 0 && raw > 0 {
			b.ReportMetric(100*api/raw, "plans_api_vs_raw_%")
			line = append(line, fmt.Sprintf("plans_api %.1f/s, plans_raw %.1f/s: plans_api_vs_raw %.1f%% (goal >= 60%%)", api, raw, 100*api/raw))
		}
		if api, rows := results["plans_api"], results["plans_raw_rows"]; api > 0 && rows > 0 {
			b.ReportMetric(100*api/rows, "plans_api_vs_raw_rows_%")
			line = append(line, fmt.Sprintf("raw one row per assignment plans_raw_rows %.1f/s: plans_api is %.0f%% of it", rows, 100*api/rows))
		}
		if svc, raw := results["plans_walled"], results["plans_raw"]; svc > 0 && raw > 0 {
			b.ReportMetric(100*svc/raw, "plans_service_vs_raw_%")
			line = append(line, fmt.Sprintf("the service alone plans_walled %.1f/s: %.1f%% of raw", svc, 100*svc/raw))
		}
		if w, un := results["plans_walled"], results["plans_unwalled"]; w > 0 && un > 0 {
			b.ReportMetric(100*(un/w-1), "tenant_wall_cost_%")
			line = append(line, fmt.Sprintf("plans_walled %.1f/s, plans_unwalled %.1f/s: tenant_wall_cost %.1f%% (goal <= 10%%)", w, un, 100*(un/w-1)))
		}
		if w, un := results["plans_unit_walled"], results["plans_unit_unwalled"]; w > 0 && un > 0 {
			b.ReportMetric(100*(un/w-1), "unit_wall_cost_%")
			line = append(line, fmt.Sprintf("plans_unit_walled %.0f/s, plans_unit_unwalled %.0f/s: unit_wall_cost %.1f%% (goal <= 10%%)", w, un, 100*(un/w-1)))
		}
		if w, t := results["plans_unit_walled"], results["plans_unit_tenant_only"]; w > 0 && t > 0 {
			b.ReportMetric(100*(t/w-1), "unit_rule_cost_%")
			line = append(line, fmt.Sprintf("the unit rule alone: plans_unit_tenant_only %.0f/s: %.1f%%", t, 100*(t/w-1)))
		}
		if w, raw := results["plans_unit_walled"], results["plans_unit_raw"]; w > 0 && raw > 0 {
			b.ReportMetric(100*w/raw, "plans_unit_vs_raw_%")
			line = append(line, fmt.Sprintf("plans_unit_raw %.0f/s: the unit officer's call is %.1f%% of raw", raw, 100*w/raw))
		}
		b.Log(strings.Join(line, "; "))
	})
}

// The roll-up's SQL as ent writes it for the province admin (GetPlan, plan.Service.Rollup's
// grouped facts, regime.Service.Calendar) and for a unit officer (the unit wall adds the last
// predicate).
const (
	sqlPlanGet       = `SELECT "work_plans"."id", "work_plans"."created_at", "work_plans"."updated_at", "work_plans"."tenant_id", "work_plans"."unit_id", "work_plans"."document_id", "work_plans"."parent_plan_id", "work_plans"."title", "work_plans"."kind", "work_plans"."year", "work_plans"."status", "work_plans"."issued_on", "work_plans"."created_by" FROM "work_plans" WHERE "work_plans"."id" = $1 AND "work_plans"."tenant_id" = $2 LIMIT 2`
	sqlHolidays      = `SELECT "holidays"."id", "holidays"."created_at", "holidays"."updated_at", "holidays"."tenant_id", "holidays"."date", "holidays"."name", "holidays"."kind" FROM "holidays" WHERE "holidays"."tenant_id" = $1`
	sqlPlanFacts     = `SELECT "task_assignments"."task_id", "task_assignments"."work_plan_id", "task_assignments"."due_on", "task_assignments"."completed_on", "t1"."deadline_kind", "t1"."due_day", "t1"."due_month", "t1"."shift", "t2"."year", COUNT(*) AS "n" FROM "task_assignments" JOIN "tasks" AS "t1" ON "task_assignments"."task_id" = "t1"."id" JOIN "work_plans" AS "t2" ON "task_assignments"."work_plan_id" = "t2"."id" WHERE ("task_assignments"."role" = $1 AND "task_assignments"."work_plan_id" IN ($2)) AND "task_assignments"."tenant_id" = $3 GROUP BY "task_assignments"."task_id", "task_assignments"."work_plan_id", "task_assignments"."due_on", "task_assignments"."completed_on", "t1"."deadline_kind", "t1"."due_day", "t1"."due_month", "t1"."shift", "t2"."year"`
	sqlPlanFactsUnit = `SELECT "task_assignments"."task_id", "task_assignments"."work_plan_id", "task_assignments"."due_on", "task_assignments"."completed_on", "t1"."deadline_kind", "t1"."due_day", "t1"."due_month", "t1"."shift", "t2"."year", COUNT(*) AS "n" FROM "task_assignments" JOIN "tasks" AS "t1" ON "task_assignments"."task_id" = "t1"."id" JOIN "work_plans" AS "t2" ON "task_assignments"."work_plan_id" = "t2"."id" WHERE (("task_assignments"."role" = $1 AND "task_assignments"."work_plan_id" IN ($2)) AND "task_assignments"."tenant_id" = $3) AND "task_assignments"."unit_id" IN ($4) GROUP BY "task_assignments"."task_id", "task_assignments"."work_plan_id", "task_assignments"."due_on", "task_assignments"."completed_on", "t1"."deadline_kind", "t1"."due_day", "t1"."due_month", "t1"."shift", "t2"."year"`
	// sqlPlanFactsRows is how the service read the roll-up before it grouped in the database: one
	// row per assignment. plans_raw_rows keeps it as a reference.
	sqlPlanFactsRows = `SELECT "task_assignments"."id", "task_assignments"."unit_id", "task_assignments"."task_id", "task_assignments"."work_plan_id", "task_assignments"."due_on", "task_assignments"."completed_on", "t1"."deadline_kind", "t1"."due_day", "t1"."due_month", "t1"."shift", "t2"."year" FROM "task_assignments" JOIN "tasks" AS "t1" ON "task_assignments"."task_id" = "t1"."id" JOIN "work_plans" AS "t2" ON "task_assignments"."work_plan_id" = "t2"."id" WHERE ("task_assignments"."role" = $1 AND "task_assignments"."work_plan_id" IN ($2)) AND "task_assignments"."tenant_id" = $3`
)

// rawRollup does the roll-up's work raw: for the whole plan (unit 0) the handler's plan lookup,
// then the province's holidays and the plan's lead assignments (of unit, if not 0) grouped by
// status facts, scanned into typed values, each group's status computed as plan.Service.Rollup
// does. perRow reads one row per assignment instead (sqlPlanFactsRows; whole plan only).
func rawRollup(ctx context.Context, db *sql.DB, tenantID, planID, unit int, perRow bool) (plan.Counts, error) {
	if unit == 0 {
		n := 0
		if err := scanAll(ctx, db, sqlPlanGet, []any{planID, tenantID}, func([]any) { n++ }); err != nil {
			return plan.Counts{}, err
		}
		if n != 1 {
			return plan.Counts{}, fmt.Errorf("raw roll-up: plan %d not found", planID)
		}
	}
	var cfg calendar.Config
	err := scanAll(ctx, db, sqlHolidays, []any{tenantID}, func(cols []any) {
		t := cols[4].(time.Time)
		d := calendar.NewDate(t.Year(), t.Month(), t.Day())
		if cols[6].(string) == "makeup_workday" {
			cfg.MakeUpDays = append(cfg.MakeUpDays, d)
		} else {
			cfg.Holidays = append(cfg.Holidays, calendar.Holiday{Date: d, Name: cols[5].(string)})
		}
	})
	if err != nil {
		return plan.Counts{}, err
	}
	cal, err := calendar.New(cfg)
	if err != nil {
		return plan.Counts{}, err
	}
	q, args := sqlPlanFacts, []any{"lead", planID, tenantID}
	switch {
	case unit != 0:
		q, args = sqlPlanFactsUnit, append(args, unit)
	case perRow:
		q = sqlPlanFactsRows
	}
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return plan.Counts{}, err
	}
	defer rows.Close()
	var c plan.Counts
	now := calendar.Today()
	for rows.Next() {
		var id, unitID, taskID, planID, dueDay, dueMonth, year int
		n := 1
		var dueOn, completedOn sql.NullTime
		var kind, shift string
		var err error
		if q == sqlPlanFactsRows {
			err = rows.Scan(&id, &unitID, &taskID, &planID, &dueOn, &completedOn, &kind, &dueDay, &dueMonth, &shift, &year)
		} else {
			err = rows.Scan(&taskID, &planID, &dueOn, &completedOn, &kind, &dueDay, &dueMonth, &shift, &year, &n)
		}
		if err != nil {
			return plan.Counts{}, err
		}
		f := plan.Facts{DeadlineKind: kind, DueDay: dueDay, DueMonth: dueMonth, PlanYear: year, Shift: shift}
		if dueOn.Valid {
			f.DueOn = &dueOn.Time
		}
		if completedOn.Valid {
			f.CompletedOn = &completedOn.Time
		}
		c.AddN(plan.StatusOf(f, now, cal), n)
	}
	return c, rows.Err()
}
