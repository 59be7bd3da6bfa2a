// Package units is the area of a province's units: the effective-dated tree, a unit's history,
// create, change, merge, dissolve, and import from a spreadsheet.
package units

import (
	"context"
	"io"
	"time"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/internal/httpapi"
	"github.com/danvan-vn/danvan/internal/unit"
)

// Units is what the area needs of the unit service.
type Units interface {
	AsOf(ctx context.Context, d time.Time, q string) ([]unit.Node, error)
	Change(ctx context.Context, id int, from time.Time, a unit.Attrs, kind string) error
	Create(ctx context.Context, code string, from time.Time, a unit.Attrs) (*ent.Unit, error)
	Dissolve(ctx context.Context, id int, d time.Time, note string) error
	HistoryOf(ctx context.Context, id int) (*unit.History, error)
	Import(ctx context.Context, filename string, r io.Reader, asOf time.Time) (*unit.ImportResult, error)
	Merge(ctx context.Context, ids []int, d time.Time, code string, a unit.Attrs, note string) (*ent.Unit, error)
	Tree(ctx context.Context, d time.Time) ([]*unit.TreeNode, error)
	Versions(ctx context.Context, unitIDs []int) ([]*ent.UnitVersion, error)
}

// Lister lists the units that exist on a day (other areas' forms offer them).
type Lister interface {
	AsOf(ctx context.Context, d time.Time, q string) ([]unit.Node, error)
}

type handler struct{ units Units }

// New builds the area.
func New(u Units) httpapi.Area { return &handler{units: u} }
