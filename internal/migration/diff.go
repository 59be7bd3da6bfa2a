package migration

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"

	"path/filepath"

	atlasmigrate "ariga.io/atlas/sql/migrate"
	"ariga.io/atlas/sql/sqltool"
	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
	"entgo.io/ent/dialect/sql/schema"

	entmigrate "github.com/danvan-vn/danvan/ent/migrate"
	"github.com/danvan-vn/danvan/internal/db"
)

// Diff writes a new migration named name into dir (a golang-migrate folder of dialect dia) for
// whatever the ent schema has that the folder's migrations, replayed on the clean development
// database devURL, do not. It writes nothing when they agree.
func Diff(ctx context.Context, dia, devURL, dir, name string) error {
	d, err := sqltool.NewGolangMigrateDir(dir)
	if err != nil {
		return fmt.Errorf("migration: open %s: %w", dir, err)
	}
	pool, _, err := db.OpenRaw(devURL)
	if err != nil {
		return fmt.Errorf("migration: open dev database: %w", err)
	}
	defer pool.Close()
	sch := entmigrate.NewSchema(entsql.OpenDB(dia, pool))
	return sch.NamedDiff(ctx, name,
		schema.WithDir(d),
		schema.WithMigrationMode(schema.ModeReplay),
		schema.WithDialect(dia),
		schema.WithFormatter(sqltool.GolangMigrateFormatter),
		schema.WithDropColumn(true),
		schema.WithDropIndex(true),
	)
}

// Rehash rewrites atlas.sum of a migration folder (after a hand-written file is added).
func Rehash(dir string) error {
	d, err := sqltool.NewGolangMigrateDir(dir)
	if err != nil {
		return err
	}
	sum, err := d.Checksum()
	if err != nil {
		return err
	}
	return atlasmigrate.WriteSumFile(d, sum)
}

// DiffAll generates a migration called name for both dialects under baseDir
// (ent/migrate/migrations), using a throw-away database on the PostgreSQL server at pgAdminURL
// and an in-memory SQLite database.
func DiffAll(ctx context.Context, pgAdminURL, baseDir, name string) error {
	devURL, drop, err := TempDatabase(ctx, pgAdminURL, "")
	if err != nil {
		return err
	}
	defer drop()
	if err := Diff(ctx, dialect.Postgres, devURL, filepath.Join(baseDir, "postgres"), name); err != nil {
		return fmt.Errorf("postgres: %w", err)
	}
	if err := Diff(ctx, dialect.SQLite, "sqlite:file:dev"+randHex(4)+"?mode=memory&cache=shared", filepath.Join(baseDir, "sqlite"), name); err != nil {
		return fmt.Errorf("sqlite: %w", err)
	}
	return nil
}

// TempDatabase creates a fresh, empty database on the server at adminURL (owned by owner when
// not empty) and returns its URL and a function that drops it.
func TempDatabase(ctx context.Context, adminURL, owner string) (string, func(), error) {
	admin, err := sql.Open("pgx", adminURL)
	if err != nil {
		return "", nil, fmt.Errorf("migration: open %s: %w", db.Redact(adminURL), err)
	}
	name := "danvan_tmp_" + randHex(6)
	stmt := "CREATE DATABASE " + quoteIdent(name)
	if owner != "" {
		stmt += " OWNER " + quoteIdent(owner)
	}
	if _, err := admin.ExecContext(ctx, stmt); err != nil {
		_ = admin.Close()
		return "", nil, fmt.Errorf("migration: create temporary database: %w", err)
	}
	u, err := url.Parse(adminURL)
	if err != nil {
		_ = admin.Close()
		return "", nil, err
	}
	u.Path = "/" + name
	drop := func() {
		_, _ = admin.ExecContext(context.Background(), "DROP DATABASE IF EXISTS "+quoteIdent(name)+" WITH (FORCE)")
		_ = admin.Close()
	}
	return u.String(), drop, nil
}

func randHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
