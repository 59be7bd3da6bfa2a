// Package schematype holds Go types stored in ent JSON fields. It imports nothing of danvan, so
// the generated ent package can use it without import cycles.
package schematype

// Change is one field's value before and after a mutation, for the audit trail.
type Change struct {
	Before any `json:"before,omitempty"`
	After  any `json:"after,omitempty"`
}
