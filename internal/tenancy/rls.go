package tenancy

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

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

// unset reports whether ctx acts for no province and bypasses nothing: a statement needs no
// transaction of its own then, because the settings are only ever set local to a transaction
// and are therefore empty outside one.
func unset(ctx context.Context) bool {
	tenant, bypass := settings(ctx)
	return tenant == "" && bypass == ""
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
	if s := scopeOf(ctx); s != nil {
		s.release()
	}
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
	if !t.applied && tenant == "" && bypass == "" {
		// Both settings are only ever set local to a transaction, so a new one starts empty.
		t.applied = true
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

// execQuerier is database/sql's side of a transaction (entsql.Tx has it).
type execQuerier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// ExecContext runs a raw statement (ent's Tx.ExecContext) with ctx's province.
func (t *rlsTx) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	eq, ok := t.Tx.(execQuerier)
	if !ok {
		return nil, fmt.Errorf("tenancy: %T runs no raw statements", t.Tx)
	}
	if err := t.apply(ctx); err != nil {
		return nil, err
	}
	return eq.ExecContext(ctx, query, args...)
}

// QueryContext runs a raw query (ent's Tx.QueryContext) with ctx's province.
func (t *rlsTx) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	eq, ok := t.Tx.(execQuerier)
	if !ok {
		return nil, fmt.Errorf("tenancy: %T runs no raw queries", t.Tx)
	}
	if err := t.apply(ctx); err != nil {
		return nil, err
	}
	return eq.QueryContext(ctx, query, args...)
}

// ExecContext refuses a raw statement outside a transaction for a province: ent's embedded
// driver would run it with no province set. Raw SQL goes through an ent transaction.
func (d *RLSDriver) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if !unset(ctx) {
		return nil, errors.New("tenancy: raw statements for a province run in a transaction")
	}
	return d.Driver.ExecContext(ctx, query, args...)
}

// QueryContext refuses a raw query outside a transaction for a province (see ExecContext).
func (d *RLSDriver) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if !unset(ctx) {
		return nil, errors.New("tenancy: raw queries for a province run in a transaction")
	}
	return d.Driver.QueryContext(ctx, query, args...)
}

// Exec runs a statement in its own transaction carrying ctx's province. Writes never join a
// request's read scope: a later read's error resets that scope and must not undo them.
func (d *RLSDriver) Exec(ctx context.Context, query string, args, v any) error {
	if unset(ctx) {
		return d.Driver.Exec(ctx, query, args, v)
	}
	tx, err := d.Tx(ctx)
	if err != nil {
		return err
	}
	if err := tx.Exec(ctx, query, args, v); err != nil {
		return errors.Join(err, tx.Rollback())
	}
	return tx.Commit()
}

// Query runs a read in the request's scope (see RequestScope) when ctx carries one; otherwise,
// and for anything but a plain SELECT, in a transaction of its own carrying ctx's province that
// ends when the caller closes the rows.
func (d *RLSDriver) Query(ctx context.Context, query string, args, v any) error {
	if s := scopeOf(ctx); s != nil && isPlainRead(query) {
		if done, err := s.query(ctx, d, query, args, v); done {
			return err
		}
	}
	if unset(ctx) {
		return d.Driver.Query(ctx, query, args, v)
	}
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

// isPlainRead reports whether query is a SELECT that takes no row locks: the only statements a
// request scope runs (its transaction is read-only and rolled back on any error).
func isPlainRead(query string) bool {
	if len(query) < 7 || !strings.EqualFold(query[:7], "SELECT ") {
		return false
	}
	return !strings.Contains(query, " FOR UPDATE") && !strings.Contains(query, " FOR SHARE") &&
		!strings.Contains(query, " FOR NO KEY") && !strings.Contains(query, " FOR KEY SHARE")
}

type scopeKey struct{}

// RequestScope gives ctx a request scope: on PostgreSQL the reads run with ctx (outside ent
// transactions) share one read-only transaction, begun lazily by the first of them, carrying
// the province with one set_config that is applied again only when a statement acts for
// another province. done ends that transaction and must be called when the request ends (it is
// idempotent and never waits, so it may also be called as the response starts, to free the
// connection before a long download); should it not be, the transaction still rolls back when ctx is cancelled, since
// it is begun with ctx.
//
// The scope holds at most one pooled connection, and only while it has read something since the
// last write transaction: an ent transaction begun with the scope's context first ends the
// scope's transaction (so a request never waits for a second connection while holding one), and
// later reads start a fresh one, which sees what that write committed. A failing read rolls the
// scope's transaction back, so it never poisons the next statement; reads from two goroutines at
// once do not wait for each other: the second runs in a short transaction of its own. Writes
// outside ent transactions keep their own transaction. SQLite has no row-level security: there
// the scope is never used, and nothing changes.
//
// Settings are set with set_config(..., true), local to the transaction, so nothing of one
// request's province stays on the connection when it returns to the pool.
func RequestScope(ctx context.Context) (context.Context, func()) {
	s := &scope{base: ctx}
	return context.WithValue(ctx, scopeKey{}, s), s.end
}

func scopeOf(ctx context.Context) *scope {
	s, _ := ctx.Value(scopeKey{}).(*scope)
	return s
}

// scope is a request's lazy read transaction.
type scope struct {
	base   context.Context // the request's: the transaction begins with it, so it cannot outlive the request
	mu     sync.Mutex      // held by the statement using tx until its rows are closed
	drv    *RLSDriver      // the driver tx belongs to
	tx     *rlsTx          // nil until a read needs it, and after done, an error or a write transaction
	closed atomic.Bool     // done was called: no more reads join the scope
}

// query runs a read in the scope's transaction. done is false when the scope cannot take it
// (ended, busy with another goroutine's rows, or another database's): the caller then runs the
// statement on its own.
func (s *scope) query(ctx context.Context, d *RLSDriver, query string, args, v any) (done bool, err error) {
	rows, ok := v.(*entsql.Rows)
	if !ok || !s.mu.TryLock() {
		return false, nil
	}
	if s.closed.Load() || s.tx != nil && s.drv != d {
		s.mu.Unlock()
		return false, nil
	}
	if s.tx == nil {
		tx, err := d.Driver.BeginTx(s.base, &sql.TxOptions{Isolation: sql.LevelReadCommitted, ReadOnly: true})
		if err != nil {
			s.mu.Unlock()
			return true, err
		}
		s.tx, s.drv = &rlsTx{Tx: tx}, d
	}
	if err := s.tx.Query(ctx, query, args, v); err != nil {
		s.reset()
		s.mu.Unlock()
		return true, err
	}
	rows.ColumnScanner = &scopeRows{ColumnScanner: rows.ColumnScanner, s: s}
	return true, nil
}

// reset rolls the transaction back (after an error: PostgreSQL refuses anything more in it); the
// next read begins another. The caller holds mu.
func (s *scope) reset() {
	if s.tx != nil {
		_ = s.tx.Rollback()
		s.tx = nil
	}
}

// release ends the transaction before a write transaction of the same request takes a
// connection; a read in flight in another goroutine keeps it (it ends with done).
func (s *scope) release() {
	if !s.mu.TryLock() {
		return
	}
	defer s.mu.Unlock()
	if s.tx != nil {
		_ = s.tx.Commit()
		s.tx = nil
	}
}

// end closes the scope. When a read's rows are still open (a goroutine of the request, or the
// handler itself streaming them), closing those rows ends the transaction instead: end never
// waits, so it is safe from the goroutine holding the rows.
func (s *scope) end() {
	s.closed.Store(true)
	if !s.mu.TryLock() {
		return
	}
	defer s.mu.Unlock()
	s.finish()
}

// finish ends the transaction of a closed scope. The caller holds mu.
func (s *scope) finish() {
	if s.tx != nil {
		_ = s.tx.Commit() // read-only: nothing to keep or undo
		s.tx = nil
	}
}

// scopeRows gives the scope back when the rows are closed; an error while reading them resets
// the scope's transaction.
type scopeRows struct {
	entsql.ColumnScanner
	s    *scope
	done bool
}

func (r *scopeRows) Close() error {
	rerr := r.ColumnScanner.Err()
	err := r.ColumnScanner.Close()
	if r.done {
		return err
	}
	r.done = true
	if rerr != nil || err != nil {
		r.s.reset()
	}
	if r.s.closed.Load() {
		r.s.finish()
	}
	r.s.mu.Unlock()
	return err
}
