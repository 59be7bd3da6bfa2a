// Package db opens danvan's database: PostgreSQL in production, SQLite (pure Go) by default.
// Both go through the same ent client; on PostgreSQL every statement runs with the viewer's
// province in a per-transaction setting that row-level security checks.
package db

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
	_ "github.com/jackc/pgx/v5/stdlib" // registers "pgx"
	_ "modernc.org/sqlite"             // registers "sqlite"

	"github.com/danvan-vn/danvan/ent"
	_ "github.com/danvan-vn/danvan/ent/runtime" // privacy policies and hooks
	"github.com/danvan-vn/danvan/internal/tenancy"
)

// DB is an open database: the ent client for application code and the raw pool for health
// checks and migrations.
type DB struct {
	Client  *ent.Client
	SQL     *sql.DB
	Dialect string // dialect.Postgres or dialect.SQLite
}

// Close closes the pool.
func (d *DB) Close() error { return d.Client.Close() }

// Ping checks the database answers.
func (d *DB) Ping(ctx context.Context) error { return d.SQL.PingContext(ctx) }

// Open opens rawURL: postgres://… or postgresql://… for PostgreSQL, sqlite:PATH (or a bare
// file path) for SQLite.
func Open(ctx context.Context, rawURL string) (*DB, error) {
	pool, dia, err := OpenRaw(rawURL)
	if err != nil {
		return nil, err
	}
	if dia == dialect.Postgres {
		pool.SetMaxOpenConns(20)
		pool.SetMaxIdleConns(10)
		pool.SetConnMaxIdleTime(5 * time.Minute)
	}
	pctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := pool.PingContext(pctx); err != nil {
		_ = pool.Close()
		return nil, fmt.Errorf("db: connect to %s: %w", dia, err)
	}
	var drv dialect.Driver = entsql.OpenDB(dia, pool)
	if dia == dialect.Postgres {
		drv = tenancy.NewRLSDriver(drv.(*entsql.Driver))
	}
	// Audited entities carry their audit hook in the schema (ent/schema.AuditMixin), loaded
	// with ent/runtime.
	client := ent.NewClient(ent.Driver(drv))
	return &DB{Client: client, SQL: pool, Dialect: dia}, nil
}

// OpenRaw opens a database/sql pool for rawURL (creating the SQLite file's folder) without
// checking the connection; it returns the ent dialect too.
func OpenRaw(rawURL string) (*sql.DB, string, error) {
	drvName, dsn, dia, err := Parse(rawURL)
	if err != nil {
		return nil, "", err
	}
	if dia == dialect.SQLite {
		if p := sqlitePath(dsn); p != "" {
			if err := os.MkdirAll(filepath.Dir(p), 0o750); err != nil {
				return nil, "", fmt.Errorf("db: create directory for %s: %w", p, err)
			}
		}
	}
	pool, err := sql.Open(drvName, dsn)
	if err != nil {
		return nil, "", fmt.Errorf("db: open %s: %w", dia, err)
	}
	return pool, dia, nil
}

// Parse maps a database URL to a database/sql driver name, its DSN and the ent dialect.
func Parse(rawURL string) (driverName, dsn, dia string, err error) {
	switch {
	case strings.HasPrefix(rawURL, "postgres://"), strings.HasPrefix(rawURL, "postgresql://"):
		if _, err := url.Parse(rawURL); err != nil {
			return "", "", "", fmt.Errorf("db: bad PostgreSQL URL: %w", err)
		}
		return "pgx", rawURL, dialect.Postgres, nil
	case strings.HasPrefix(rawURL, "sqlite:"), !strings.Contains(rawURL, "://") && rawURL != "":
		path := strings.TrimPrefix(strings.TrimPrefix(rawURL, "sqlite://"), "sqlite:")
		return "sqlite", SQLiteDSN(path), dialect.SQLite, nil
	default:
		return "", "", "", fmt.Errorf("db: unsupported database URL %q (want postgres://… or sqlite:PATH)", redact(rawURL))
	}
}

// SQLiteDSN turns a path (possibly with its own query) into a modernc DSN with the pragmas
// danvan relies on: foreign keys, WAL, a busy timeout, and write transactions that take the
// lock up front so two writers wait for each other instead of failing.
func SQLiteDSN(path string) string {
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	if !strings.HasPrefix(path, "file:") {
		path = "file:" + path
	}
	return path + sep + "_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)&_pragma=busy_timeout(10000)&_pragma=synchronous(NORMAL)&_txlock=immediate"
}

func sqlitePath(dsn string) string {
	p := strings.TrimPrefix(dsn, "file:")
	if i := strings.IndexByte(p, '?'); i >= 0 {
		p = p[:i]
	}
	if p == "" || p == ":memory:" || strings.Contains(dsn, "mode=memory") {
		return ""
	}
	return p
}

// redact hides a password in a URL for messages and logs.
func redact(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.User == nil {
		return raw
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}

// Redact hides a password in a database URL.
func Redact(raw string) string { return redact(raw) }
