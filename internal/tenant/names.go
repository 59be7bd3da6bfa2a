package tenant

import (
	"context"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/ent/schematype"
	enttenant "github.com/danvan-vn/danvan/ent/tenant"
	"github.com/danvan-vn/danvan/internal/apperr"
	"github.com/danvan-vn/danvan/internal/calendar"
	"github.com/danvan-vn/danvan/internal/db"
)

// NameOn is the province's display name on day: the name it joined with, or the latest rename in
// force by then. The slug never changes, so links and tokens outlive a rename.
func NameOn(t *ent.Tenant, day calendar.Date) string {
	return schematype.NameOn(t.Name, t.Names, day.ISO())
}

// Name is the province's display name today.
func Name(t *ent.Tenant) string { return NameOn(t, calendar.Today()) }

// Rename gives the province a display name from day on (platform admin), as when a province was
// merged into another and its work goes on under "X (nay là tỉnh Y)". A rename from the same day
// replaces the earlier one; an empty name removes the rename from that day. Names before day stay
// as they were, so old periods keep the name they were reported under.
func (s *Service) Rename(ctx context.Context, slug, name string, from calendar.Date) (*ent.Tenant, error) {
	name = strings.TrimSpace(name)
	if utf8.RuneCountInString(name) > 200 {
		return nil, apperr.Invalid(map[string]string{"name": "too_long"})
	}
	if from.IsZero() {
		return nil, apperr.Invalid(map[string]string{"from": "required"})
	}
	t, err := s.BySlug(ctx, slug)
	if err != nil {
		return nil, err
	}
	err = db.InTx(ctx, s.db, func(tx *ent.Tx) error {
		cur, err := tx.Tenant.Query().Where(enttenant.ID(t.ID)).Modify(db.ForUpdate).Only(ctx)
		if err != nil {
			return err
		}
		names := slices.DeleteFunc(slices.Clone(cur.Names), func(n schematype.DatedName) bool { return n.From == from.ISO() })
		if name != "" {
			names = append(names, schematype.DatedName{From: from.ISO(), Name: name})
		}
		slices.SortFunc(names, func(a, b schematype.DatedName) int { return strings.Compare(a.From, b.From) })
		t, err = tx.Tenant.UpdateOneID(t.ID).SetNames(names).Save(ctx)
		return err
	})
	if privacyDenied(err) {
		return nil, apperr.Forbidden(err)
	}
	return t, err
}
