// Package schematype holds Go types stored in ent JSON fields. It imports nothing of danvan, so
// the generated ent package can use it without import cycles.
package schematype

// Change is one field's value before and after a mutation, for the audit trail.
type Change struct {
	Before any `json:"before,omitempty"`
	After  any `json:"after,omitempty"`
}

// DatedName is a display name in force from a day on, for something renamed while it lives on:
// a province after the 2025 merger keeps its slug and its data, and from 01/07/2025 is shown as
// "Hòa Bình (nay là tỉnh Phú Thọ)".
type DatedName struct {
	From string `json:"from"` // yyyy-mm-dd
	Name string `json:"name"`
}

// NameOn is the name in force on day (yyyy-mm-dd): the latest of names whose From is on or
// before day, else base.
func NameOn(base string, names []DatedName, day string) string {
	name, from := base, ""
	for _, n := range names {
		if n.From <= day && n.From >= from {
			name, from = n.Name, n.From
		}
	}
	return name
}
