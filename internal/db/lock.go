package db

import (
	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
)

// ForUpdate is a query modifier that locks the selected rows until the transaction ends, on
// PostgreSQL: `tx.Committee.Query().Where(committee.ID(id)).Modify(db.ForUpdate).Only(ctx)`.
// SQLite has no SELECT … FOR UPDATE and needs none: danvan opens its write transactions with
// BEGIN IMMEDIATE (see SQLiteDSN), so they already run one at a time. The same call therefore
// works on both databases and no service keeps a dialect switch of its own.
func ForUpdate(s *entsql.Selector) {
	if s.Dialect() != dialect.Postgres {
		return
	}
	// PostgreSQL refuses FOR UPDATE with DISTINCT (as ent's own ForUpdate knows).
	s.SetDistinct(false).ForUpdate()
}

// ForUpdateSkipLocked is ForUpdate for work queues: rows another transaction holds are skipped
// rather than waited for, so two workers claiming from the same queue each take different
// rows (an outbox flush). On SQLite it does nothing, for the same reason as ForUpdate: write
// transactions already run one at a time there.
func ForUpdateSkipLocked(s *entsql.Selector) {
	if s.Dialect() != dialect.Postgres {
		return
	}
	s.SetDistinct(false).ForUpdate(entsql.WithLockAction(entsql.SkipLocked))
}
