// Package testenv gives tests the real services they run against: PostgreSQL, Redis and an S3
// server (MinIO) taken from the environment (defaults: the local services), and the embedded
// SQLite default. Each test gets its own migrated database.
package testenv

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/redis/go-redis/v9"

	"github.com/danvan-vn/danvan/internal/db"
	"github.com/danvan-vn/danvan/internal/migration"
)

// Roles the PostgreSQL tests use: migrations run as OwnerRole (owns the database, not a
// superuser, so FORCE ROW LEVEL SECURITY applies to it too), the application connects as AppRole
// (no BYPASSRLS). CI's login is a superuser; these are created on first use.
const (
	OwnerRole = "danvan_test_owner"
	AppRole   = "danvan_test_app"
)

// PostgresAdminURL is the superuser connection tests use to create roles and databases.
func PostgresAdminURL() string {
	if u := os.Getenv("DANVAN_TEST_DATABASE_URL"); u != "" {
		return u
	}
	return "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"
}

var rolesOnce sync.Once
var rolesErr error

func ensureRoles(ctx context.Context) error {
	rolesOnce.Do(func() {
		admin, err := sql.Open("pgx", PostgresAdminURL())
		if err != nil {
			rolesErr = err
			return
		}
		defer admin.Close()
		for _, r := range []string{OwnerRole, AppRole} {
			// Two test binaries may race to create the role: both outcomes are fine.
			_, err := admin.ExecContext(ctx, fmt.Sprintf(`DO $$ BEGIN
				CREATE ROLE %s LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
			EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`, r))
			if err != nil {
				rolesErr = fmt.Errorf("testenv: create role %s: %w", r, err)
				return
			}
		}
	})
	return rolesErr
}

// PG is a fresh, migrated PostgreSQL database for one test.
type PG struct {
	AppURL   string // as AppRole: what the application uses
	OwnerURL string // as OwnerRole: what migrations use
	AdminURL string // as the superuser
}

// Postgres creates a database owned by OwnerRole, applies every migration as the owner with
// grants to AppRole, and drops it when the test ends.
func Postgres(t testing.TB) PG {
	t.Helper()
	ctx := context.Background()
	if err := ensureRoles(ctx); err != nil {
		t.Fatalf("testenv: PostgreSQL at %s: %v (set DANVAN_TEST_DATABASE_URL)", db.Redact(PostgresAdminURL()), err)
	}
	adminURL, drop, err := migration.TempDatabase(ctx, PostgresAdminURL(), OwnerRole)
	if err != nil {
		t.Fatalf("testenv: %v (set DANVAN_TEST_DATABASE_URL to a superuser URL)", err)
	}
	t.Cleanup(drop)
	pg := PG{AdminURL: adminURL, OwnerURL: withUser(t, adminURL, OwnerRole), AppURL: withUser(t, adminURL, AppRole)}
	if _, err := migration.Up(ctx, pg.OwnerURL, AppRole); err != nil {
		t.Fatalf("testenv: migrate: %v", err)
	}
	return pg
}

func withUser(t testing.TB, raw, user string) string {
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	u.User = url.User(user)
	return u.String()
}

// SQLite returns the URL of a fresh, migrated SQLite database file in the test's temp dir.
func SQLite(t testing.TB) string {
	t.Helper()
	u := "sqlite:" + filepath.Join(t.TempDir(), "danvan.db")
	if _, err := migration.Up(context.Background(), u, ""); err != nil {
		t.Fatalf("testenv: migrate sqlite: %v", err)
	}
	return u
}

// OpenDB opens url with the application's database code and closes it at the end of the test.
func OpenDB(t testing.TB, rawURL string) *db.DB {
	t.Helper()
	d, err := db.Open(context.Background(), rawURL)
	if err != nil {
		t.Fatalf("testenv: open database: %v", err)
	}
	t.Cleanup(func() { _ = d.Close() })
	return d
}

// Redis returns a URL for Redis database number n (one per test package, so packages running
// in parallel do not share queues) after emptying it. Base: DANVAN_TEST_REDIS_URL.
func Redis(t testing.TB, n int) string {
	t.Helper()
	base := os.Getenv("DANVAN_TEST_REDIS_URL")
	if base == "" {
		base = "redis://127.0.0.1:6379/0"
	}
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("testenv: DANVAN_TEST_REDIS_URL: %v", err)
	}
	u.Path = "/" + strconv.Itoa(n)
	opt, err := redis.ParseURL(u.String())
	if err != nil {
		t.Fatalf("testenv: redis URL: %v", err)
	}
	c := redis.NewClient(opt)
	defer c.Close()
	if err := c.FlushDB(context.Background()).Err(); err != nil {
		if strings.Contains(err.Error(), "out of range") {
			t.Fatalf("testenv: Redis at %s has no database %d: the tests need a server started with --databases 64 (see .ci/run)", u.Host, n)
		}
		t.Fatalf("testenv: Redis at %s: %v (set DANVAN_TEST_REDIS_URL)", u.Host, err)
	}
	return u.String()
}
