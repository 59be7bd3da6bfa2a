package tenancy

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
)

// Row-level security on PostgreSQL: every tenant-owned table has a policy comparing tenant_id
// with the setting SettingTenant; SettingBypass = 'on' (only from SystemContext) lets platform
// jobs cross tenants. Both are set with set_config(..., true): local to the transaction, so a
// pooled connection never carries one request's province into the next.
const (
	SettingTenant = "danvan.tenant_id"
	SettingBypass = "danvan.bypass"
)

// RLSDriver is an ent driver that runs every statement in a transaction carrying the viewer's
// province. Statements outside an ent transaction get a short transaction of their own.
type RLSDriver struct {
	*entsql.Driver
}

// NewRLSDriver wraps drv.
func NewRLSDriver(drv *entsql.Driver) *RLSDriver { return &RLSDriver{Driver: drv} }

// settings returns the values of the two settings for ctx.
func settings(ctx context.Context) (tenant, bypass string) {
	if IsSystem(ctx) {
		bypass = "on"
	}
	if tid, ok := TenantOf(ctx); ok {
		tenant = strconv.Itoa(tid)
	}
	return tenant, bypass
}

// ApplySettings sets the RLS settings for ctx on tx; exported for code holding a raw *sql.Tx.
func ApplySettings(ctx context.Context, tx interface {
	ExecContext(context.Context, string, ...any) (sql.Result, error)
}) error {
	tenant, bypass := settings(ctx)
	_, err := tx.ExecContext(ctx, "SELECT set_config($1, $2, true), set_config($3, $4, true)",
		SettingTenant, tenant, SettingBypass, bypass)
	if err != nil {
		return fmt.Errorf("tenancy: set row-level security context: %w", err)
	}
	return nil
}

// Tx starts a transaction carrying ctx's province.
func (d *RLSDriver) Tx(ctx context.Context) (dialect.Tx, error) { return d.BeginTx(ctx, nil) }

// BeginTx starts a transaction with options carrying ctx's province.
func (d *RLSDriver) BeginTx(ctx context.Context, opts *sql.TxOptions) (dialect.Tx, error) {
	tx, err := d.Driver.BeginTx(ctx, opts)
	if err != nil {
		return nil, err
	}
	t := &rlsTx{Tx: tx}
	if err := t.apply(ctx); err != nil {
		return nil, errors.Join(err, tx.Rollback())
	}
	return t, nil
}

// rlsTx re-applies the settings when a statement's context acts for another province than the
// previous one (a platform transaction that creates a province and then its first rows).
type rlsTx struct {
	dialect.Tx
	tenant, bypass string
	applied        bool
}

func (t *rlsTx) apply(ctx context.Context) error {
	tenant, bypass := settings(ctx)
	if t.applied && tenant == t.tenant && bypass == t.bypass {
		return nil
	}
	var res sql.Result
	if err := t.Tx.Exec(ctx, "SELECT set_config($1, $2, true), set_config($3, $4, true)",
		[]any{SettingTenant, tenant, SettingBypass, bypass}, &res); err != nil {
		return fmt.Errorf("tenancy: set row-level security context: %w", err)
	}
	t.tenant, t.bypass, t.applied = tenant, bypass, true
	return nil
}

// Exec runs a statement with ctx's province.
func (t *rlsTx) Exec(ctx context.Context, query string, args, v any) error {
	if err := t.apply(ctx); err != nil {
		return err
	}
	return t.Tx.Exec(ctx, query, args, v)
}

// Query runs a query with ctx's province.
func (t *rlsTx) Query(ctx context.Context, query string, args, v any) error {
	if err := t.apply(ctx); err != nil {
		return err
	}
	return t.Tx.Query(ctx, query, args, v)
}

// Exec runs a statement in its own transaction carrying ctx's province.
func (d *RLSDriver) Exec(ctx context.Context, query string, args, v any) error {
	tx, err := d.Tx(ctx)
	if err != nil {
		return err
	}
	if err := tx.Exec(ctx, query, args, v); err != nil {
		return errors.Join(err, tx.Rollback())
	}
	return tx.Commit()
}

// Query runs a query in its own transaction carrying ctx's province; the transaction ends when
// the caller closes the rows.
func (d *RLSDriver) Query(ctx context.Context, query string, args, v any) error {
	tx, err := d.Tx(ctx)
	if err != nil {
		return err
	}
	if err := tx.Query(ctx, query, args, v); err != nil {
		return errors.Join(err, tx.Rollback())
	}
	rows, ok := v.(*entsql.Rows)
	if !ok {
		return errors.Join(fmt.Errorf("tenancy: unexpected rows type %T", v), tx.Rollback())
	}
	rows.ColumnScanner = &txRows{ColumnScanner: rows.ColumnScanner, tx: tx}
	return nil
}

// txRows commits the statement's transaction when the rows are closed.
type txRows struct {
	entsql.ColumnScanner
	tx   dialect.Tx
	done bool
}

func (r *txRows) Close() error {
	err := r.ColumnScanner.Close()
	if r.done {
		return err
	}
	r.done = true
	if err != nil {
		return errors.Join(err, r.tx.Rollback())
	}
	return r.tx.Commit()
}
