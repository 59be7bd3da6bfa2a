package db_test

import (
	"context"
	"errors"
	"testing"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/ent/provincesetting"
	"github.com/danvan-vn/danvan/internal/db"
	"github.com/danvan-vn/danvan/internal/testenv"
	"github.com/danvan-vn/danvan/internal/viewer"
)

// dbs are the two databases every test here runs on.
var dbs = map[string]func(*testing.T) string{
	"postgres": func(t *testing.T) string { return testenv.Postgres(t).AppURL },
	"sqlite":   func(t *testing.T) string { return testenv.SQLite(t) },
}

func TestInTx(t *testing.T) {
	for name, url := range dbs {
		t.Run(name, func(t *testing.T) {
			d := testenv.OpenDB(t, url(t))
			c := d.Client
			ctx := viewer.NewContext(context.Background(), testenv.Province(t, c, "tinh-a", "Tỉnh A"))
			count := func(key string) int {
				t.Helper()
				n, err := c.ProvinceSetting.Query().Where(provincesetting.Key(key)).Count(ctx)
				if err != nil {
					t.Fatal(err)
				}
				return n
			}
			create := func(tx *ent.Tx, key string) {
				t.Helper()
				if err := tx.ProvinceSetting.Create().SetKey(key).SetValue("v").Exec(ctx); err != nil {
					t.Fatal(err)
				}
			}

			if err := db.InTx(ctx, c, func(tx *ent.Tx) error { create(tx, "committed"); return nil }); err != nil {
				t.Fatal(err)
			}
			if count("committed") != 1 {
				t.Error("a transaction returning nil was not committed")
			}

			boom := errors.New("boom")
			err := db.InTx(ctx, c, func(tx *ent.Tx) error { create(tx, "failed"); return boom })
			if !errors.Is(err, boom) {
				t.Errorf("InTx returned %v, want the function's error", err)
			}
			if count("failed") != 0 {
				t.Error("a transaction returning an error was committed")
			}

			func() {
				defer func() {
					if p := recover(); p != "panic in tx" {
						t.Errorf("recovered %v, want the function's panic to continue", p)
					}
				}()
				_ = db.InTx(ctx, c, func(tx *ent.Tx) error { create(tx, "panicked"); panic("panic in tx") })
				t.Error("InTx swallowed the panic")
			}()
			if count("panicked") != 0 {
				t.Error("a transaction that panicked was committed")
			}
			// The transaction's connection went back to the pool: a leaked transaction would keep
			// it in use (and, on PostgreSQL, hold its locks) until the process ends.
			if n := d.SQL.Stats().InUse; n != 0 {
				t.Errorf("%d connections still in use after the panic", n)
			}
		})
	}
}
