// Package unitnote keeps a unit's working notes (ghi chú của đơn vị). Unit staff see and write
// their own unit's notes only; committee and province roles see every unit's. The unit wall
// itself is the ent rule of UnitScopedMixin: this service only refuses early and clearly.
package unitnote

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/ent/schema"
	"github.com/danvan-vn/danvan/ent/unitnote"
	"github.com/danvan-vn/danvan/internal/apperr"
	"github.com/danvan-vn/danvan/internal/db"
	"github.com/danvan-vn/danvan/internal/viewer"
)

// MaxLen caps a note, in characters.
const MaxLen = schema.UnitNoteMaxLen

// Service manages the notes of the viewer's province's units.
type Service struct{ db *ent.Client }

// New returns the service.
func New(c *ent.Client) *Service { return &Service{db: c} }

// List returns unit unitID's notes, newest first. A unit the viewer may not see (another
// province's, or another unit's for unit staff) is not found.
func (s *Service) List(ctx context.Context, unitID int) ([]*ent.UnitNote, error) {
	if err := s.checkUnit(ctx, s.db, unitID); err != nil {
		return nil, err
	}
	ns, err := s.db.UnitNote.Query().Where(unitnote.UnitID(unitID)).
		Order(ent.Desc(unitnote.FieldCreatedAt), ent.Desc(unitnote.FieldID)).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("list notes of unit %d: %w", unitID, err)
	}
	return ns, nil
}

// Create adds a note to unit unitID, written by the viewer. The body is trimmed; it must be
// valid UTF-8 without control characters other than newline and tab (CRLF becomes LF), and at
// most MaxLen characters.
func (s *Service) Create(ctx context.Context, unitID int, body string) (*ent.UnitNote, error) {
	v := viewer.FromContext(ctx)
	if v == nil || v.UserID <= 0 {
		return nil, apperr.Forbidden(errors.New("unit note: only a person writes notes"))
	}
	body, err := cleanBody(body)
	if err != nil {
		return nil, err
	}
	var n *ent.UnitNote
	err = db.InTx(ctx, s.db, func(tx *ent.Tx) error {
		if err := s.checkUnit(ctx, tx.Client(), unitID); err != nil {
			return err
		}
		n, err = tx.UnitNote.Create().SetUnitID(unitID).SetBody(body).SetAuthorID(v.UserID).Save(ctx)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("create note of unit %d: %w", unitID, err)
	}
	return n, nil
}

// Delete removes note id of unit unitID. A note the viewer may not see, or of another unit, is
// not found.
func (s *Service) Delete(ctx context.Context, unitID, id int) error {
	err := db.InTx(ctx, s.db, func(tx *ent.Tx) error {
		n, err := tx.UnitNote.Delete().Where(unitnote.ID(id), unitnote.UnitID(unitID)).Exec(ctx)
		if err == nil && n == 0 {
			return apperr.NotFound(fmt.Errorf("unit %d has no note %d the viewer may see", unitID, id))
		}
		return err
	})
	if ent.IsNotFound(err) {
		return apperr.NotFound(err)
	}
	if err != nil {
		return fmt.Errorf("delete unit note %d: %w", id, err)
	}
	return nil
}

// checkUnit: the unit is the province's and, for unit staff, one of the viewer's units.
func (s *Service) checkUnit(ctx context.Context, c *ent.Client, unitID int) error {
	if !viewer.FromContext(ctx).InUnit(unitID) {
		return apperr.NotFound(fmt.Errorf("unit %d is not the viewer's", unitID))
	}
	if _, err := c.Unit.Get(ctx, unitID); err != nil {
		if ent.IsNotFound(err) {
			return apperr.NotFound(err)
		}
		return err
	}
	return nil
}

// cleanBody normalises line ends and trims a note, and refuses what a note cannot hold.
func cleanBody(body string) (string, error) {
	if !utf8.ValidString(body) {
		return "", apperr.Invalid(map[string]string{"body": "invalid"})
	}
	body = strings.TrimSpace(strings.ReplaceAll(body, "\r\n", "\n"))
	for _, r := range body {
		if unicode.IsControl(r) && r != '\n' && r != '\t' {
			return "", apperr.Invalid(map[string]string{"body": "invalid"})
		}
	}
	switch {
	case body == "":
		return "", apperr.Invalid(map[string]string{"body": "required"})
	case utf8.RuneCountInString(body) > MaxLen:
		return "", apperr.Invalid(map[string]string{"body": "too_long"})
	}
	return body, nil
}
