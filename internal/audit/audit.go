// Package audit writes danvan's append-only audit trail. Every mutation of an audited entity is
// recorded by a hook in the same transaction as the change (who, province, action, entity, the
// changed fields before → after, IP, user agent, request id); a mutation of an audited entity
// outside a transaction is refused, so a change can never land without its record. Events that
// are not mutations (logins, lockouts, token use) are written with Record.
package audit

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/ent/auditlog"
	"github.com/danvan-vn/danvan/ent/membership"
	"github.com/danvan-vn/danvan/ent/predicate"
	"github.com/danvan-vn/danvan/ent/schematype"
	"github.com/danvan-vn/danvan/internal/tenancy"
	"github.com/danvan-vn/danvan/internal/viewer"
)

// Meta is where a request came from.
type Meta struct{ IP, UserAgent, RequestID string }

type metaKey struct{}

// WithMeta puts the request's origin on ctx for the records written under it.
func WithMeta(ctx context.Context, m Meta) context.Context {
	return context.WithValue(ctx, metaKey{}, m)
}

// MetaOf returns the request origin on ctx.
func MetaOf(ctx context.Context) Meta { m, _ := ctx.Value(metaKey{}).(Meta); return m }

// Annotation marks an audited schema (ent/schema's AuditMixin adds it beside the hook), so the
// set of audited entities can be read from the schema graph.
type Annotation struct{}

// Name of the annotation.
func (Annotation) Name() string { return "Audited" }

// sensitive fields are recorded as changed, never with their values.
var sensitive = map[string]bool{"password_hash": true, "token_hash": true}

// bulky fields (Type.field) are recorded as changed, without their values: their versions are
// kept elsewhere (a unit report's submitted content, on its timeline), and every autosave
// would otherwise copy the whole report into the trail twice.
var bulky = map[string]bool{"UnitReport.content": true}

// noise fields are not recorded.
var noise = map[string]bool{"updated_at": true, "created_at": true, "last_login_at": true, "last_used_at": true}

// Entry is one explicit record.
type Entry struct {
	TenantID   int // 0 for platform events
	UserID     int // 0 when unknown
	Actor      string
	Action     string
	EntityType string
	EntityID   int
	Subject    string
	Changes    map[string]schematype.Change
}

// Record writes an explicit entry with c (a transaction's client when it belongs to a change).
func Record(ctx context.Context, c *ent.Client, e Entry) error {
	v := viewer.FromContext(ctx)
	if e.UserID == 0 && v != nil {
		e.UserID = v.UserID
	}
	if e.Actor == "" {
		e.Actor = actor(v)
	}
	m := MetaOf(ctx)
	q := c.AuditLog.Create().SetAction(clean(e.Action, 100)).SetActor(clean(e.Actor, 300)).
		SetEntityType(clean(e.EntityType, 100)).SetSubject(clean(e.Subject, 300)).
		SetIP(clean(m.IP, 100)).SetUserAgent(clean(m.UserAgent, 300)).SetRequestID(clean(m.RequestID, 100))
	if e.TenantID > 0 {
		q.SetTenantID(e.TenantID)
	}
	if e.UserID > 0 {
		q.SetUserID(e.UserID)
	}
	if e.EntityID > 0 {
		q.SetEntityID(e.EntityID)
	}
	if len(e.Changes) > 0 {
		q.SetChanges(e.Changes)
	}
	// The audit writer records events of every scope (platform and provinces); the actor is
	// taken from the viewer above, so the bypass does not blur who did it.
	if err := q.Exec(tenancy.SystemContext(ctx)); err != nil {
		return fmt.Errorf("audit: record %s: %w", e.Action, err)
	}
	return nil
}

// RecordPersonal writes an event of a person rather than of a province (a sign-in, a failed one,
// a lockout): one platform record (no province), which is what counts (login throttling reads
// Platform records only), and a copy in each province the person is an active member of, so
// that each province's trail shows its own people's sign-ins. An event of no known person (a
// sign-in with an unknown e-mail) stays on the platform.
func RecordPersonal(ctx context.Context, c *ent.Client, e Entry) error {
	e.TenantID = 0
	if err := Record(ctx, c, e); err != nil {
		return err
	}
	if e.UserID == 0 {
		return nil
	}
	tids, err := c.Membership.Query().Where(membership.UserID(e.UserID), membership.Active(true)).
		Unique(true).Select(membership.FieldTenantID).Ints(tenancy.SystemContext(ctx))
	if err != nil {
		return fmt.Errorf("audit: provinces of user %d: %w", e.UserID, err)
	}
	for _, tid := range tids {
		e.TenantID = tid
		if err := Record(ctx, c, e); err != nil {
			return err
		}
	}
	return nil
}

// Platform selects the platform's own records (no province), leaving out the provinces' copies
// of personal events (see RecordPersonal): what counts an event once counts these.
func Platform() predicate.AuditLog { return auditlog.TenantIDIsNil() }

func actor(v *viewer.Viewer) string {
	switch {
	case v == nil:
		return "anonymous"
	case v.UserID == 0:
		return "system"
	case v.UserEmail != "":
		return v.UserName + " <" + v.UserEmail + ">"
	default:
		return v.UserName
	}
}

// clean makes a string safe to store: much of what is recorded comes from the request as sent
// (User-Agent, X-Request-ID, X-Forwarded-For, a login's e-mail), and a record that PostgreSQL
// rejects would fail the change it belongs to. Invalid UTF-8 becomes U+FFFD, control characters
// (NUL included, which PostgreSQL text cannot hold) are dropped, and the result is cut to at most
// n characters, never inside one.
func clean(s string, n int) string {
	var b strings.Builder
	count := 0
	for _, r := range strings.ToValidUTF8(s, "\uFFFD") {
		if unicode.IsControl(r) {
			continue
		}
		if count == n {
			break
		}
		b.WriteRune(r)
		count++
	}
	return b.String()
}

// mutation is what the hook needs of a generated mutation.
type mutation interface {
	ent.Mutation
	ID() (int, bool)
	IDs(context.Context) ([]int, error)
}

// Hook records every mutation of the entity it is attached to (by ent/schema's AuditMixin) in
// the mutation's transaction.
func Hook() ent.Hook {
	return func(next ent.Mutator) ent.Mutator {
		return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
			mm, ok := m.(mutation)
			if !ok {
				return nil, fmt.Errorf("audit: unexpected mutation %T", m)
			}
			txm, ok := m.(interface{ Client() *ent.Client })
			if !ok {
				return nil, fmt.Errorf("audit: unexpected mutation %T", m)
			}
			if !inTx(m) {
				return nil, fmt.Errorf("audit: %s %s outside a transaction: %w", m.Type(), opName(m.Op()), ErrNoTx)
			}
			// Before values and the ids touched, read before the change.
			var ids []int
			before := map[int]map[string]any{}
			switch {
			case m.Op().Is(ent.OpUpdateOne | ent.OpDeleteOne):
				id, _ := mm.ID()
				ids = []int{id}
				b := map[string]any{}
				for _, f := range fieldsOf(m) {
					if old, err := m.OldField(ctx, f); err == nil {
						b[f] = old
					}
				}
				before[id] = b
			case m.Op().Is(ent.OpUpdate | ent.OpDelete):
				var err error
				if ids, err = mm.IDs(ctx); err != nil {
					return nil, fmt.Errorf("audit: ids of %s %s: %w", m.Type(), opName(m.Op()), err)
				}
			}
			v, err := next.Mutate(ctx, m)
			if err != nil {
				return v, err
			}
			if m.Op().Is(ent.OpCreate) {
				id, _ := mm.ID()
				ids = []int{id}
			}
			c := txm.Client()
			for _, id := range ids {
				ch := map[string]schematype.Change{}
				for _, f := range fieldsOf(m) {
					after, _ := m.Field(f)
					bv, had := before[id][f]
					if sensitive[f] {
						ch[f] = schematype.Change{After: "[redacted]"}
						continue
					}
					if bulky[m.Type()+"."+f] {
						if !had || fmt.Sprint(bv) != fmt.Sprint(after) {
							ch[f] = schematype.Change{After: "[changed]"}
						}
						continue
					}
					if had && fmt.Sprint(bv) == fmt.Sprint(after) {
						continue
					}
					ch[f] = schematype.Change{Before: bv, After: after}
				}
				for _, f := range m.ClearedFields() {
					ch[f] = schematype.Change{Before: before[id][f]}
				}
				if err := Record(ctx, c, Entry{
					TenantID: tenantOf(ctx, m), Action: EntityType(m.Type()) + "." + opName(m.Op()),
					EntityType: EntityType(m.Type()), EntityID: id, Changes: ch,
				}); err != nil {
					return nil, err
				}
			}
			return v, nil
		})
	}
}

// ErrNoTx is returned for an audited mutation outside a transaction.
var ErrNoTx = errors.New("audited changes must run in a transaction")

func inTx(m ent.Mutation) bool {
	t, ok := m.(interface{ Tx() (*ent.Tx, error) })
	if !ok {
		return false
	}
	_, err := t.Tx()
	return err == nil
}

func fieldsOf(m ent.Mutation) []string {
	var out []string
	for _, f := range m.Fields() {
		if !noise[f] {
			out = append(out, f)
		}
	}
	return out
}

func opName(op ent.Op) string {
	switch {
	case op.Is(ent.OpCreate):
		return "create"
	case op.Is(ent.OpUpdate | ent.OpUpdateOne):
		return "update"
	default:
		return "delete"
	}
}

// tenantOf is the province a record belongs to: the entity's own for tenant-owned entities, the
// province itself for tenants, else the viewer's.
func tenantOf(ctx context.Context, m ent.Mutation) int {
	if v, ok := m.Field("tenant_id"); ok {
		if id, ok := v.(int); ok {
			return id
		}
	}
	if m.Type() == ent.TypeTenant {
		if mm, ok := m.(mutation); ok {
			if id, ok := mm.ID(); ok {
				return id
			}
		}
	}
	if tid, ok := tenancy.TenantOf(ctx); ok {
		return tid
	}
	return 0
}
