package authz

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/ent/rolegrant"
	enttenant "github.com/danvan-vn/danvan/ent/tenant"
	"github.com/danvan-vn/danvan/internal/apperr"
	"github.com/danvan-vn/danvan/internal/db"
	"github.com/danvan-vn/danvan/internal/tenancy"
	"github.com/danvan-vn/danvan/internal/viewer"
)

// Grants edits a province's role grants within the platform's ceiling.
type Grants struct {
	db *ent.Client
	e  *Enforcer
}

// NewGrants returns the grant editor's service.
func NewGrants(db *ent.Client, e *Enforcer) *Grants { return &Grants{db: db, e: e} }

// Cell is one role × permission in a province.
type Cell struct {
	Role      string
	Perm      Permission
	Default   bool   // granted by policies/roles.csv
	Override  string // "", "allow" or "deny": the province's change
	Effective bool   // what the role has now
	Editable  bool   // the province admin may change it
}

// Matrix returns every role × permission cell of the province t.
func (g *Grants) Matrix(ctx context.Context, t *ent.Tenant) ([]Cell, error) {
	if err := g.e.Sync(ctx, g.db, t); err != nil {
		return nil, err
	}
	rows, err := g.db.RoleGrant.Query().All(ctx)
	if err != nil {
		return nil, err
	}
	over := map[string]string{}
	for _, r := range rows {
		over[key(string(r.Role), r.Object, r.Action)] = string(r.Effect)
	}
	var out []Cell
	for _, role := range ProvinceRoles {
		for _, p := range g.e.Catalog() {
			out = append(out, Cell{
				Role: role, Perm: p, Default: g.e.Default(role, p.Object, p.Action),
				Override:  over[key(role, p.Object, p.Action)],
				Effective: g.e.Allowed(&viewer.Viewer{UserID: -1, Roles: []string{role}}, t.Slug, p),
				Editable:  role != "province_admin" && (g.e.Default(role, p.Object, p.Action) || g.e.Grantable(role, p.Object, p.Action, t.GrantCeiling)),
			})
		}
	}
	return out, nil
}

// Set puts role's permission p in the province t to state: "default" (as policies/roles.csv
// says), "allow" (within the ceiling) or "deny".
func (g *Grants) Set(ctx context.Context, t *ent.Tenant, role string, p Permission, state string) error {
	f := apperr.Fields{}
	if !slices.Contains(ProvinceRoles, role) || role == "province_admin" {
		f.Add("role", "unknown_role")
	}
	if !slices.Contains(g.e.Catalog(), p) {
		f.Add("permission", "unknown_permission")
	}
	if !validState(state) {
		f.Add("state", "invalid")
	}
	if err := f.Err(); err != nil {
		return err
	}
	c := Change{Role: role, Perm: p, State: state}
	if _, reason := g.check(t, c); reason == "not_grantable" {
		return apperr.Forbidden(fmt.Errorf("%w: %s %s", ErrNotGrantable, role, p))
	}
	return g.write(ctx, t, []Change{c})
}

// Change is one cell of a grant matrix edit: role's permission Perm set to State ("default",
// "allow" or "deny").
type Change struct {
	Role  string
	Perm  Permission
	State string
}

// Cell names the change's cell as the matrix edit's errors do: "role:object:action".
func (c Change) Cell() string { return c.Role + ":" + c.Perm.String() }

// SetAll applies changes to the province t at once, in one transaction and one policy reload:
// every change is checked first, and when one is refused nothing changes; the error names each
// refused cell ("role:object:action") with its reason: grant_fixed (the province admin's grants),
// unknown_role, unknown_permission, invalid (the state), not_grantable (beyond the ceiling).
func (g *Grants) SetAll(ctx context.Context, t *ent.Tenant, changes []Change) error {
	f := apperr.Fields{}
	seen := map[string]string{}
	var unique []Change
	for _, c := range changes {
		if _, reason := g.check(t, c); reason != "" {
			f.Add(c.Cell(), reason)
		}
		switch st, ok := seen[c.Cell()]; {
		case !ok:
			seen[c.Cell()] = c.State
			unique = append(unique, c)
		case st != c.State:
			f.Add(c.Cell(), "invalid") // one cell asked for two states
		}
	}
	if err := f.Err(); err != nil {
		return err
	}
	changes = unique
	if len(changes) == 0 {
		return nil
	}
	return g.write(ctx, t, changes)
}

func validState(s string) bool { return s == "default" || s == "allow" || s == "deny" }

// check returns the state a change stores (allowing a default, or denying what is not granted,
// is the default), or the reason it is refused.
func (g *Grants) check(t *ent.Tenant, c Change) (state, reason string) {
	switch {
	case c.Role == "province_admin":
		return "", "grant_fixed" // a province cannot lock itself out of its own administration
	case !slices.Contains(ProvinceRoles, c.Role):
		return "", "unknown_role"
	case !slices.Contains(g.e.Catalog(), c.Perm):
		return "", "unknown_permission"
	case !validState(c.State):
		return "", "invalid"
	}
	def := g.e.Default(c.Role, c.Perm.Object, c.Perm.Action)
	switch {
	case c.State == "allow" && def, c.State == "deny" && !def:
		return "default", ""
	case c.State == "allow" && !g.e.Grantable(c.Role, c.Perm.Object, c.Perm.Action, t.GrantCeiling):
		return "", "not_grantable"
	}
	return c.State, ""
}

// write stores checked changes, leaving alone the cells already as asked, and bumps the
// province's grants version once when anything changed.
func (g *Grants) write(ctx context.Context, t *ent.Tenant, changes []Change) error {
	err := db.InTx(ctx, g.db, func(tx *ent.Tx) error {
		// One writer of a province's grants at a time, and only over the grants it was shown:
		// the tenant row is locked, and a version moved since t was read means someone else
		// saved in between.
		cur, err := tx.Tenant.Query().Where(enttenant.ID(t.ID)).Modify(db.ForUpdate).Only(tenancy.SystemContext(ctx))
		if err != nil {
			return err
		}
		if cur.GrantsVersion != t.GrantsVersion {
			return apperr.Conflict("grants_stale", nil)
		}
		rows, err := tx.RoleGrant.Query().All(ctx)
		if err != nil {
			return err
		}
		now := map[string]*ent.RoleGrant{}
		for _, r := range rows {
			now[key(string(r.Role), r.Object, r.Action)] = r
		}
		changed := false
		for _, c := range changes {
			state, _ := g.check(t, c)
			cur := now[key(c.Role, c.Perm.Object, c.Perm.Action)]
			if cur == nil && state == "default" || cur != nil && string(cur.Effect) == state {
				continue
			}
			if cur != nil {
				if err := tx.RoleGrant.DeleteOne(cur).Exec(ctx); err != nil {
					return err
				}
			}
			if state != "default" {
				if err := tx.RoleGrant.Create().SetRole(rolegrant.Role(c.Role)).SetObject(c.Perm.Object).SetAction(c.Perm.Action).
					SetEffect(rolegrant.Effect(state)).Exec(ctx); err != nil {
					return err
				}
			}
			changed = true
		}
		if !changed {
			return nil
		}
		// The version is platform data on the tenant row; bumping it makes every process reload.
		return tx.Tenant.UpdateOneID(t.ID).AddGrantsVersion(1).Exec(tenancy.SystemContext(ctx))
	})
	if err != nil {
		return fmt.Errorf("authz: set %d grants of %s: %w", len(changes), t.Slug, err)
	}
	return nil
}

// SetCeiling replaces a province's extra ceiling (platform admin): entries "role:object:action".
func (g *Grants) SetCeiling(ctx context.Context, t *ent.Tenant, entries []string) error {
	var clean []string
	for _, e := range entries {
		e = strings.TrimSpace(e)
		if e == "" {
			continue
		}
		parts := strings.Split(e, ":")
		if len(parts) != 3 || !slices.Contains(ProvinceRoles, parts[0]) || parts[0] == "province_admin" ||
			!slices.Contains(g.e.Catalog(), Permission{parts[1], parts[2]}) {
			return apperr.Invalid(map[string]string{"ceiling": "invalid"})
		}
		if parts[0] == "readonly_leader" && parts[2] != "read" {
			return apperr.Invalid(map[string]string{"ceiling": "readonly_write"})
		}
		if !slices.Contains(clean, e) {
			clean = append(clean, e)
		}
	}
	return db.InTx(ctx, g.db, func(tx *ent.Tx) error {
		return tx.Tenant.UpdateOneID(t.ID).SetGrantCeiling(clean).AddGrantsVersion(1).Exec(ctx)
	})
}
