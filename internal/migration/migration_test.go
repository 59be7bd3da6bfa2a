package migration_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"entgo.io/ent/dialect"

	"github.com/danvan-vn/danvan/ent/migrate/migrations"
	"github.com/danvan-vn/danvan/internal/migration"
	"github.com/danvan-vn/danvan/internal/testenv"
)

// copyDir copies one dialect's embedded migrations into a temp dir.
func copyDir(t *testing.T, sub string) string {
	t.Helper()
	dir := t.TempDir()
	err := fs.WalkDir(migrations.FS, sub, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := migrations.FS.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, d.Name()), b, 0o600)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func files(t *testing.T, dir string) map[string]bool {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]bool{}
	for _, e := range es {
		out[e.Name()] = true
	}
	return out
}

// TestNoDrift fails when the ent schema has changed without a migration: generating a migration
// from the schema against the replayed migrations must produce nothing.
func TestNoDrift(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		dialect, sub string
		devURL       func(t *testing.T) string
	}{
		{dialect.Postgres, "postgres", func(t *testing.T) string {
			u, drop, err := migration.TempDatabase(ctx, testenv.PostgresAdminURL(), "")
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(drop)
			return u
		}},
		{dialect.SQLite, "sqlite", func(t *testing.T) string { return "sqlite:file:drift?mode=memory&cache=shared" }},
	} {
		t.Run(tc.sub, func(t *testing.T) {
			dir := copyDir(t, tc.sub)
			before := files(t, dir)
			if err := migration.Diff(ctx, tc.dialect, tc.devURL(t), dir, "drift"); err != nil {
				t.Fatalf("diff: %v", err)
			}
			for name := range files(t, dir) {
				if !before[name] {
					b, _ := os.ReadFile(filepath.Join(dir, name))
					t.Errorf("the ent schema and the %s migrations differ; run `make migration NAME=…`. It would write %s:\n%s", tc.sub, name, b)
				}
			}
		})
	}
}

func TestUp_IdempotentWithStatus(t *testing.T) {
	ctx := context.Background()
	for name, url := range map[string]func(t *testing.T) (string, string){
		"postgres": func(t *testing.T) (string, string) {
			pg := testenv.Postgres(t) // already migrated once
			return pg.OwnerURL, testenv.AppRole
		},
		"sqlite": func(t *testing.T) (string, string) { return "sqlite:" + filepath.Join(t.TempDir(), "x.db"), "" },
	} {
		t.Run(name, func(t *testing.T) {
			u, role := url(t)
			for i := 0; i < 2; i++ {
				st, err := migration.Up(ctx, u, role)
				if err != nil {
					t.Fatalf("up #%d: %v", i+1, err)
				}
				if !st.UpToDate() || len(st.Pending) != 0 || st.Current == 0 {
					t.Fatalf("after up #%d: %s", i+1, st)
				}
			}
			st, err := migration.StatusOf(ctx, u)
			if err != nil || !st.UpToDate() {
				t.Fatalf("status: %v %v", st, err)
			}
		})
	}
}

func TestStatus_EmptyDatabaseIsBehind(t *testing.T) {
	st, err := migration.StatusOf(context.Background(), "sqlite:"+filepath.Join(t.TempDir(), "empty.db"))
	if err != nil {
		t.Fatal(err)
	}
	if st.UpToDate() || st.Current != 0 || len(st.Pending) == 0 {
		t.Errorf("empty database status = %s", st)
	}
}
