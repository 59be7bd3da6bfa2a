package db

import (
	"context"
	"errors"
	"fmt"

	"github.com/danvan-vn/danvan/ent"
)

// InTx runs f in a transaction on c and commits when f returns nil. It rolls back when f returns
// an error and when f panics; the panic then continues after the rollback, so a programming error
// never leaves a connection holding an open transaction (and, on PostgreSQL, its row locks).
func InTx(ctx context.Context, c *ent.Client, f func(tx *ent.Tx) error) (err error) {
	tx, err := c.Tx(ctx)
	if err != nil {
		return fmt.Errorf("db: begin: %w", err)
	}
	defer func() {
		if p := recover(); p != nil {
			_ = tx.Rollback()
			panic(p)
		}
	}()
	if err := f(tx); err != nil {
		if rerr := tx.Rollback(); rerr != nil {
			return errors.Join(err, fmt.Errorf("db: rollback: %w", rerr))
		}
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("db: commit: %w", err)
	}
	return nil
}
