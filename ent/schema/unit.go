package schema

import (
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// UnitTypes are the kinds of unit (đơn vị), as stored; the UI names them in Vietnamese.
var UnitTypes = []string{
	"province",                // UBND tỉnh (the root)
	"department",              // sở, ban, ngành
	"commune",                 // UBND xã, phường, đặc khu
	"district",                // UBND huyện, thị xã, thành phố (history: abolished 1/7/2025)
	"public_service",          // đơn vị sự nghiệp công lập
	"front",                   // Ủy ban MTTQ và các đoàn thể
	"mass_mobilization_board", // Ban Dân vận Tỉnh ủy
	"other",
}

// Unit is the identity of a unit (đơn vị) across its history: its code and the dates it existed.
// What it was called, where it sat and who led it at a date live in UnitVersion.
type Unit struct{ ent.Schema }

// Mixin of the Unit.
func (Unit) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}, TenantMixin{}, AuditMixin{}} }

// Fields of the Unit.
func (Unit) Fields() []ent.Field {
	return []ent.Field{
		field.String("code").NotEmpty().MaxRuneLen(50).Immutable(),
		field.Time("valid_from").Comment("first day the unit exists"),
		field.Time("valid_to").Optional().Nillable().Comment("first day it no longer exists (dissolved or merged)"),
		field.Int("successor_id").Optional().Nillable().Comment("the unit it was merged into"),
	}
}

// Indexes of the Unit.
func (Unit) Indexes() []ent.Index {
	return []ent.Index{index.Fields("tenant_id", "code").Unique()}
}

// UnitVersion is what a unit was over [valid_from, valid_to): name, type, parent, address, its
// leader and its official in charge of dân vận work. A rename, move or update closes one version
// and opens the next, so every listing can be asked "as of date D".
type UnitVersion struct{ ent.Schema }

// Mixin of the UnitVersion.
func (UnitVersion) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}, TenantMixin{}, AuditMixin{}} }

// Fields of the UnitVersion.
func (UnitVersion) Fields() []ent.Field {
	return []ent.Field{
		field.Int("unit_id"),
		field.Time("valid_from"),
		field.Time("valid_to").Optional().Nillable(),
		field.String("name").NotEmpty().MaxRuneLen(300),
		field.String("short_name").Default("").MaxRuneLen(100),
		field.Enum("type").Values(UnitTypes...),
		field.Int("parent_id").Optional().Nillable().Comment("parent unit at that time"),
		field.String("address").Default("").MaxRuneLen(500),
		field.String("leader_name").Default("").MaxRuneLen(200),
		field.String("leader_title").Default("").MaxRuneLen(200),
		field.String("leader_phone").Default("").MaxRuneLen(50),
		field.String("leader_email").Default("").MaxRuneLen(254),
		field.Int("leader_user_id").Optional().Nillable(),
		field.String("officer_name").Default("").MaxRuneLen(200),
		field.String("officer_title").Default("").MaxRuneLen(200),
		field.String("officer_phone").Default("").MaxRuneLen(50),
		field.String("officer_email").Default("").MaxRuneLen(254),
		field.Int("officer_user_id").Optional().Nillable(),
		field.String("search_key").Default("").Comment("code, name and short name without diacritics, lower case"),
		field.String("change").Default("create").Comment("what opened this version: create, rename, move, update, import"),
	}
}

// Indexes of the UnitVersion.
func (UnitVersion) Indexes() []ent.Index {
	return []ent.Index{index.Fields("tenant_id", "unit_id", "valid_from"), index.Fields("tenant_id", "parent_id")}
}

// UnitEvent records an operation on units (merge, rename, move, dissolve, create) for history.
type UnitEvent struct{ ent.Schema }

// Mixin of the UnitEvent.
func (UnitEvent) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}, TenantMixin{}, AuditMixin{}} }

// Fields of the UnitEvent.
func (UnitEvent) Fields() []ent.Field {
	return []ent.Field{
		field.Enum("kind").Values("create", "rename", "move", "update", "merge", "dissolve"),
		field.Time("date"),
		field.Ints("from_unit_ids").Optional(),
		field.Int("unit_id").Comment("the unit the event is about (the result of a merge)"),
		field.String("note").Default("").MaxRuneLen(1000),
		field.Int("created_by").Optional().Nillable(),
	}
}

// Indexes of the UnitEvent.
func (UnitEvent) Indexes() []ent.Index { return []ent.Index{index.Fields("tenant_id", "unit_id")} }
