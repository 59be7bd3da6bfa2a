// Package regimes is the area of reporting regimes: what each unit type reports, when, to whom,
// with a deadline preview on the province calendar.
package regimes

import (
	"context"

	"github.com/danvan-vn/danvan/internal/areas/units"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/internal/calendar"
	"github.com/danvan-vn/danvan/internal/httpapi"
	"github.com/danvan-vn/danvan/internal/regime"
)

// Regimes is what the area needs of the regime service.
type Regimes interface {
	Create(ctx context.Context, in regime.Input) (*ent.ReportingRegime, error)
	Delete(ctx context.Context, id int) error
	Get(ctx context.Context, id int) (*ent.ReportingRegime, error)
	List(ctx context.Context) ([]*ent.ReportingRegime, error)
	Preview(ctx context.Context, in regime.Input, from calendar.Date, n int) ([]calendar.Occurrence, error)
	Update(ctx context.Context, id int, in regime.Input) (*ent.ReportingRegime, error)
}

type handler struct {
	regimes Regimes
	units   units.Lister
}

// New builds the area.
func New(r Regimes, u units.Lister) httpapi.Area { return &handler{regimes: r, units: u} }
