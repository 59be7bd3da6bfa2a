// Package calendar is the area of a province's working-day calendar: holidays, Tết, make-up days.
package calendar

import (
	"context"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/internal/calendar"
	"github.com/danvan-vn/danvan/internal/httpapi"
)

// Holidays is what the area needs of the regimes service.
type Holidays interface {
	AddHoliday(ctx context.Context, d calendar.Date, name, kind string) error
	Calendar(ctx context.Context) (*calendar.Calendar, error)
	DeleteHoliday(ctx context.Context, id int) error
	Holidays(ctx context.Context, year int) ([]*ent.Holiday, error)
	SeedYear(ctx context.Context, year int) (added int, complete bool, err error)
}

type handler struct{ regimes Holidays }

// New builds the area.
func New(h Holidays) httpapi.Area { return &handler{regimes: h} }
