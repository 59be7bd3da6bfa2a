// Package audit is the area of a province's audit trail: the list with filters and the export.
package audit

import (
	"context"
	"io"
	"strconv"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/internal/audit"
	"github.com/danvan-vn/danvan/internal/httpapi"
	"github.com/labstack/echo/v4"
)

// Trail is what the area reads of the audit trail.
type Trail interface {
	List(ctx context.Context, f audit.Filter, page int) ([]*ent.AuditLog, bool, error)
	Export(ctx context.Context, f audit.Filter, format string, w io.Writer) error
}

// Units names the units whose ids the trail's changes hold.
type Units interface {
	Versions(ctx context.Context, unitIDs []int) ([]*ent.UnitVersion, error)
}

// Committees names the committees whose ids the trail's changes hold.
type Committees interface {
	List(ctx context.Context) ([]*ent.Committee, error)
}

type handler struct {
	trail      Trail
	units      Units
	committees Committees
}

// New builds the area.
func New(t Trail, u Units, c Committees) httpapi.Area {
	return &handler{trail: t, units: u, committees: c}
}

// pageParam reads ?page= (1 when absent); anything but a number is a 422 naming it.
func pageParam(c echo.Context) (int, error) {
	v := c.QueryParam("page")
	if v == "" {
		return 1, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, httpapi.Invalid("page", "number")
	}
	return min(max(n, 1), audit.MaxPage), nil
}
