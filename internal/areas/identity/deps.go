// Package identity is the area of people: signing in and out, one's profile, sessions and
// personal access tokens, invitations, and a province's users (roles, activation, resets).
package identity

import (
	"context"

	"github.com/danvan-vn/danvan/internal/areas/units"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/internal/httpapi"
	"github.com/danvan-vn/danvan/internal/member"
)

// Accounts is what the area needs of the account service.
type Accounts interface {
	ChangePassword(ctx context.Context, userID, keepSession int, current, next string) error
	CreateToken(ctx context.Context, name string, days int) (string, *ent.AccessToken, error)
	Login(ctx context.Context, email, password string) (string, *ent.User, error)
	Logout(ctx context.Context, token string) error
	Memberships(ctx context.Context, userID int) ([]*ent.Membership, error)
	MyTokens(ctx context.Context) ([]*ent.AccessToken, error)
	OpenSession(ctx context.Context, userID int) (string, error)
	RevokeMyToken(ctx context.Context, id int) error
	RevokeSessions(ctx context.Context, userID, keep int) (n int, err error)
	Sessions(ctx context.Context, userID int) ([]*ent.Session, error)
}

// Members is what the area needs of the member service.
type Members interface {
	Accept(ctx context.Context, token, fullName, password string) (*ent.User, error)
	Get(ctx context.Context, userID int) (member.Member, error)
	Invitations(ctx context.Context) ([]*ent.Invitation, error)
	Invite(ctx context.Context, email, role string, unitID *int) (string, *ent.Invitation, error)
	List(ctx context.Context) ([]member.Member, error)
	Lookup(ctx context.Context, token string) (*member.Pending, error)
	ResetPassword(ctx context.Context, userID int) (string, error)
	RevokeInvitation(ctx context.Context, id int) error
	RevokeSessions(ctx context.Context, userID int) (int, error)
	Sessions(ctx context.Context, userID int) ([]*ent.Session, error)
	SetActive(ctx context.Context, userID int, active bool) error
	SetRole(ctx context.Context, membershipID int, role string) error
}

type handler struct {
	accounts Accounts
	members  Members
	units    units.Lister
	baseURL  string
}

// New builds the area; baseURL makes invitation links absolute.
func New(a Accounts, m Members, u units.Lister, baseURL string) httpapi.Area {
	return &handler{accounts: a, members: m, units: u, baseURL: baseURL}
}
