package authz

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/ent/rolegrant"
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
	if state != "default" && state != "allow" && state != "deny" {
		f.Add("state", "invalid")
	}
	if err := f.Err(); err != nil {
		return err
	}
	def := g.e.Default(role, p.Object, p.Action)
	if state == "allow" && def {
		state = "default" // allowing a default is the default
	}
	if state == "allow" && !g.e.Grantable(role, p.Object, p.Action, t.GrantCeiling) {
		return apperr.Forbidden(fmt.Errorf("%w: %s %s", ErrNotGrantable, role, p))
	}
	if state == "deny" && !def {
		state = "default" // denying what is not granted changes nothing
	}
	err := db.InTx(ctx, g.db, func(tx *ent.Tx) error {
		if _, err := tx.RoleGrant.Delete().Where(rolegrant.RoleEQ(rolegrant.Role(role)), rolegrant.Object(p.Object),
			rolegrant.Action(p.Action)).Exec(ctx); err != nil {
			return err
		}
		if state != "default" {
			if err := tx.RoleGrant.Create().SetRole(rolegrant.Role(role)).SetObject(p.Object).SetAction(p.Action).
				SetEffect(rolegrant.Effect(state)).Exec(ctx); err != nil {
				return err
			}
		}
		// The version is platform data on the tenant row; bumping it makes every process reload.
		return tx.Tenant.UpdateOneID(t.ID).AddGrantsVersion(1).Exec(tenancy.SystemContext(ctx))
	})
	if err != nil {
		return fmt.Errorf("authz: set %s %s to %s: %w", role, p, state, err)
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
