package schema

import (
	"errors"
	"unicode/utf8"

	"entgo.io/ent"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// UnitNoteMaxLen caps a note's body, in characters.
const UnitNoteMaxLen = 4000

// UnitNote is a short working note kept by a unit (ghi chú của đơn vị): unit staff see their
// unit's notes only, province and committee roles see every unit's.
type UnitNote struct{ ent.Schema }

// Mixin of the UnitNote.
func (UnitNote) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}, TenantMixin{}, UnitScopedMixin{}, AuditMixin{}}
}

// Fields of the UnitNote.
func (UnitNote) Fields() []ent.Field {
	return []ent.Field{
		field.Text("body").NotEmpty().Validate(func(s string) error {
			if utf8.RuneCountInString(s) > UnitNoteMaxLen {
				return errors.New("body longer than 4000 characters")
			}
			return nil
		}),
		field.Int("author_id").Immutable().Comment("user who wrote it"),
	}
}

// Edges of the UnitNote.
func (UnitNote) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("author", User.Type).Field("author_id").Unique().Required().Immutable(),
	}
}

// Indexes of the UnitNote.
func (UnitNote) Indexes() []ent.Index {
	return []ent.Index{index.Fields("unit_id", "created_at")}
}
