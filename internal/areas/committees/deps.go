// Package committees is the area of steering committees: members and positions, the units each
// member is in charge of, the org chart and the founding decision.
package committees

import (
	"context"
	"io"
	"time"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/internal/areas/units"
	"github.com/danvan-vn/danvan/internal/committee"
	"github.com/danvan-vn/danvan/internal/httpapi"
	"github.com/danvan-vn/danvan/internal/storage"
)

// Committees is what the area needs of the committee service.
type Committees interface {
	AddMember(ctx context.Context, committeeID int, in committee.MemberInput) (*ent.CommitteeMember, error)
	Assign(ctx context.Context, memberID int, unitIDs []int, d time.Time) error
	AssignmentMatrix(ctx context.Context, committeeID int, d time.Time) (*committee.Matrix, error)
	AttachDecision(ctx context.Context, id int, filename string, size int64, r io.Reader) error
	Create(ctx context.Context, in committee.Input) (*ent.Committee, error)
	EndMember(ctx context.Context, memberID int, d time.Time) ([]int, error)
	Get(ctx context.Context, id int) (*ent.Committee, error)
	List(ctx context.Context) ([]*ent.Committee, error)
	Members(ctx context.Context, committeeID int, d time.Time) ([]*ent.CommitteeMember, error)
	SetAssignments(ctx context.Context, committeeID, memberID int, unitIDs []int, d time.Time) error
	Update(ctx context.Context, id int, in committee.Input) error
}

// Files reads stored decision files.
type Files interface {
	Get(ctx context.Context, tenantSlug, key string) (io.ReadCloser, storage.ObjectInfo, error)
}

type handler struct {
	committees Committees
	units      units.Lister
	store      Files
}

// New builds the area.
func New(c Committees, u units.Lister, f Files) httpapi.Area {
	return &handler{committees: c, units: u, store: f}
}
