// Package audit is the area of a province's audit trail: the list with filters and the export.
package audit

import (
	"context"
	"io"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/internal/audit"
	"github.com/danvan-vn/danvan/internal/httpapi"
)

// Trail is what the area reads of the audit trail.
type Trail interface {
	List(ctx context.Context, f audit.Filter, page int) ([]*ent.AuditLog, bool, error)
	Export(ctx context.Context, f audit.Filter, format string, w io.Writer) error
}

type handler struct{ trail Trail }

// New builds the area.
func New(t Trail) httpapi.Area { return &handler{trail: t} }
