package db_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/ent/provincesetting"
	"github.com/danvan-vn/danvan/internal/db"
	"github.com/danvan-vn/danvan/internal/testenv"
	"github.com/danvan-vn/danvan/internal/viewer"
)

func TestForUpdate(t *testing.T) {
	for name, url := range dbs {
		t.Run(name, func(t *testing.T) {
			d := testenv.OpenDB(t, url(t))
			c := d.Client
			ctx := viewer.NewContext(context.Background(), testenv.Province(t, c, "tinh-a", "Tỉnh A"))
			var id int
			if err := db.InTx(ctx, c, func(tx *ent.Tx) error {
				s, err := tx.ProvinceSetting.Create().SetKey("k").SetValue("v").Save(ctx)
				if err == nil {
					id = s.ID
				}
				return err
			}); err != nil {
				t.Fatal(err)
			}
			lock := func(tx *ent.Tx) (*ent.ProvinceSetting, error) {
				return tx.ProvinceSetting.Query().Where(provincesetting.ID(id)).Modify(db.ForUpdate).Only(ctx)
			}

			// The same call reads the row on both databases, inside the tenant rule.
			if err := db.InTx(ctx, c, func(tx *ent.Tx) error {
				s, err := lock(tx)
				if err == nil && s.Value != "v" {
					t.Errorf("read value %q, want v", s.Value)
				}
				if err != nil {
					return err
				}
				all, err := tx.ProvinceSetting.Query().Modify(db.ForUpdate).All(ctx)
				if err == nil && len(all) != 1 {
					t.Errorf("All read %d rows, want 1", len(all))
				}
				return err
			}); err != nil {
				t.Fatalf("locking read: %v", err)
			}
			if d.Dialect != "postgres" {
				return
			}

			// On PostgreSQL a second transaction asking for the same row waits for the first.
			tx1, err := c.Tx(ctx)
			if err != nil {
				t.Fatal(err)
			}
			defer func() { _ = tx1.Rollback() }()
			if _, err := lock(tx1); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() {
				done <- db.InTx(ctx, c, func(tx2 *ent.Tx) error {
					s, err := lock(tx2)
					if err != nil {
						return err
					}
					if s.Value != "w" {
						return fmt.Errorf("second transaction read %q after the first committed, want w", s.Value)
					}
					return nil
				})
			}()
			// Wait (generously) until PostgreSQL reports a session waiting on a row lock; the
			// second transaction must not have finished meanwhile.
			deadline := time.Now().Add(30 * time.Second)
			for {
				var waiting int
				if err := d.SQL.QueryRowContext(ctx, `SELECT count(*) FROM pg_stat_activity
					WHERE datname = current_database() AND wait_event_type = 'Lock'`).Scan(&waiting); err != nil {
					t.Fatal(err)
				}
				if waiting > 0 {
					break
				}
				select {
				case err := <-done:
					t.Fatalf("second transaction finished while the first held the row lock (err %v)", err)
				default:
				}
				if time.Now().After(deadline) {
					t.Fatal("no session waited for the row lock within 30s")
				}
				time.Sleep(20 * time.Millisecond)
			}
			select {
			case err := <-done:
				t.Fatalf("second transaction finished while the first held the row lock (err %v)", err)
			default:
			}
			if err := tx1.ProvinceSetting.UpdateOneID(id).SetValue("w").Exec(ctx); err != nil {
				t.Fatal(err)
			}
			if err := tx1.Commit(); err != nil {
				t.Fatal(err)
			}
			select {
			case err := <-done:
				if err != nil {
					t.Fatalf("second transaction: %v", err)
				}
			case <-time.After(30 * time.Second):
				t.Fatal("second transaction still waiting 30s after the first committed")
			}
		})
	}
}
