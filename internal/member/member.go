// Package member is a province admin's management of the province's people: members and their
// roles, invitations by link, deactivation, password resets and sessions.
package member

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/ent/accesstoken"
	"github.com/danvan-vn/danvan/ent/invitation"
	"github.com/danvan-vn/danvan/ent/membership"
	entschema "github.com/danvan-vn/danvan/ent/schema"
	entunit "github.com/danvan-vn/danvan/ent/unit"
	"github.com/danvan-vn/danvan/ent/user"
	"github.com/danvan-vn/danvan/internal/account"
	"github.com/danvan-vn/danvan/internal/apperr"
	"github.com/danvan-vn/danvan/internal/db"
	"github.com/danvan-vn/danvan/internal/tenancy"
	"github.com/danvan-vn/danvan/internal/textnorm"
	"github.com/danvan-vn/danvan/internal/viewer"
)

// InvitationTTL is how long an invitation link stays valid.
const InvitationTTL = 7 * 24 * time.Hour

// Service manages a province's members. Every method acts in the viewer's province.
type Service struct {
	db       *ent.Client
	accounts *account.Service
	now      func() time.Time
	quota    interface {
		CheckUsers(ctx context.Context, adding int) error
	}
}

// LimitUsers makes accepting an invitation respect the plan's user limit.
func (s *Service) LimitUsers(q interface {
	CheckUsers(ctx context.Context, adding int) error
}) {
	s.quota = q
}

// New returns the service.
func New(db *ent.Client, accounts *account.Service) *Service {
	return &Service{db: db, accounts: accounts, now: time.Now}
}

// Member is one person in the province with their roles there.
type Member struct {
	User        *ent.User
	Memberships []*ent.Membership
}

// Active reports whether any of the member's memberships is active.
func (m Member) Active() bool {
	for _, ms := range m.Memberships {
		if ms.Active {
			return true
		}
	}
	return false
}

// List returns the province's members, by name.
func (s *Service) List(ctx context.Context) ([]Member, error) {
	ms, err := s.db.Membership.Query().WithUser().Order(ent.Asc(membership.FieldID)).All(ctx)
	if err != nil {
		return nil, err
	}
	var out []Member
	idx := map[int]int{}
	for _, m := range ms {
		i, ok := idx[m.UserID]
		if !ok {
			i = len(out)
			idx[m.UserID] = i
			out = append(out, Member{User: m.Edges.User})
		}
		out[i].Memberships = append(out[i].Memberships, m)
	}
	textnorm.Sort(out, func(m Member) string { return m.User.FullName }) // Vietnamese alphabetical order
	return out, nil
}

// Get returns one member of the province (not found for anyone else).
func (s *Service) Get(ctx context.Context, userID int) (Member, error) {
	ms, err := s.db.Membership.Query().Where(membership.UserID(userID)).WithUser().All(ctx)
	if err != nil {
		return Member{}, err
	}
	if len(ms) == 0 {
		return Member{}, apperr.NotFound(nil)
	}
	return Member{User: ms[0].Edges.User, Memberships: ms}, nil
}

func validRole(role string) bool { return slices.Contains(entschema.Roles, role) }

// mayGrant: only a province admin makes province admins (a role widened to manage people must
// not be able to raise itself).
func mayGrant(ctx context.Context, role string) error {
	if role == string(membership.RoleProvinceAdmin) && !viewer.FromContext(ctx).HasRole(string(membership.RoleProvinceAdmin)) {
		return apperr.Forbidden(errors.New("member: only a province admin grants province admin"))
	}
	return nil
}

// guardAdmin: only a province admin changes a province admin's roles or status.
func (s *Service) guardAdmin(ctx context.Context, userID int) error {
	if viewer.FromContext(ctx).HasRole(string(membership.RoleProvinceAdmin)) {
		return nil
	}
	isAdmin, err := s.db.Membership.Query().Where(membership.UserID(userID), membership.RoleEQ(membership.RoleProvinceAdmin)).Exist(ctx)
	if err != nil {
		return err
	}
	if isAdmin {
		return apperr.Forbidden(errors.New("member: only a province admin changes a province admin"))
	}
	return nil
}

// UnitRole reports whether a role works for one unit (and sees and acts only for it).
func UnitRole(role string) bool { return role == "unit_leader" || role == "unit_officer" }

// Invite creates an invitation and returns its secret token (the link is /invite/{token}).
// Unit roles (unit_leader, unit_officer) name their unit; other roles have none.
func (s *Service) Invite(ctx context.Context, email, role string, unitID *int) (string, *ent.Invitation, error) {
	v := viewer.FromContext(ctx)
	email = account.NormalizeEmail(email)
	f := apperr.Fields{}
	if UnitRole(role) {
		if unitID == nil {
			f.Add("unit_id", "required")
		} else if ok, err := s.db.Unit.Query().Where(entunit.ID(*unitID), entunit.ValidToIsNil()).Exist(ctx); err != nil {
			return "", nil, err
		} else if !ok {
			f.Add("unit_id", "parent_missing")
		}
	} else {
		unitID = nil
	}
	if reason := account.CheckEmail(email); reason != "" {
		f.Add("email", reason)
	}
	if !validRole(role) {
		f.Add("role", "unknown_role")
	}
	if err := f.Err(); err != nil {
		return "", nil, err
	}
	if err := mayGrant(ctx, role); err != nil {
		return "", nil, err
	}
	// Already a member with this role?
	exists, err := s.db.Membership.Query().Where(membership.RoleEQ(membership.Role(role)), membership.HasUserWith(user.Email(email))).Exist(ctx)
	if err != nil {
		return "", nil, err
	}
	if exists {
		return "", nil, apperr.Conflict("already_member", nil)
	}
	token := account.RandomToken()
	var inv *ent.Invitation
	err = db.InTx(ctx, s.db, func(tx *ent.Tx) error {
		inv, err = tx.Invitation.Create().SetEmail(email).SetRole(invitation.Role(role)).SetNillableUnitID(unitID).SetTokenHash(account.HashToken(token)).
			SetExpiresAt(s.now().UTC().Add(InvitationTTL)).SetInvitedBy(v.UserID).Save(ctx)
		return err
	})
	if err != nil {
		return "", nil, fmt.Errorf("member: invite: %w", err)
	}
	return token, inv, nil
}

// Invitations lists the province's open invitations.
func (s *Service) Invitations(ctx context.Context) ([]*ent.Invitation, error) {
	return s.db.Invitation.Query().Where(invitation.AcceptedAtIsNil(), invitation.RevokedAtIsNil(),
		invitation.ExpiresAtGT(s.now().UTC())).Order(ent.Desc(invitation.FieldID)).All(ctx)
}

// RevokeInvitation withdraws an open invitation.
func (s *Service) RevokeInvitation(ctx context.Context, id int) error {
	return db.InTx(ctx, s.db, func(tx *ent.Tx) error {
		n, err := tx.Invitation.Update().Where(invitation.ID(id), invitation.AcceptedAtIsNil(), invitation.RevokedAtIsNil()).
			SetRevokedAt(s.now().UTC()).Save(ctx)
		if err == nil && n == 0 {
			err = apperr.NotFound(nil)
		}
		return err
	})
}

// Pending is an invitation seen from its link.
type Pending struct {
	Invitation   *ent.Invitation
	Tenant       *ent.Tenant
	ExistingUser bool // the e-mail has an account: accepting asks for its password
}

// Lookup finds a usable invitation by its token (the link carries no province).
func (s *Service) Lookup(ctx context.Context, token string) (*Pending, error) {
	sys := tenancy.SystemContext(ctx) // the link names no province: look across all
	inv, err := s.db.Invitation.Query().Where(invitation.TokenHash(account.HashToken(token))).WithTenant().Only(sys)
	if ent.IsNotFound(err) {
		return nil, apperr.NotFound(err)
	}
	if err != nil {
		return nil, err
	}
	if inv.AcceptedAt != nil || inv.RevokedAt != nil || !inv.ExpiresAt.After(s.now().UTC()) {
		return nil, apperr.Conflict("invitation_used", nil)
	}
	exists, err := s.db.User.Query().Where(user.Email(inv.Email)).Exist(sys)
	if err != nil {
		return nil, err
	}
	return &Pending{Invitation: inv, Tenant: inv.Edges.Tenant, ExistingUser: exists}, nil
}

// Accept uses an invitation once. A new e-mail gives a name and a password; an e-mail that
// already has an account must be accepted by that account, logged in (no password is taken
// here, so an invitation is no way to try someone's password). It returns the user.
func (s *Service) Accept(ctx context.Context, token, fullName, password string) (*ent.User, error) {
	p, err := s.Lookup(ctx, token)
	if err != nil {
		return nil, err
	}
	inv := p.Invitation
	caller := viewer.FromContext(ctx)
	inT := viewer.NewContext(ctx, &viewer.Viewer{TenantID: inv.TenantID, TenantSlug: p.Tenant.Slug, UserName: inv.Email, UserEmail: inv.Email})
	if s.quota != nil {
		already, err := s.db.Membership.Query().Where(membership.Active(true), membership.HasUserWith(user.Email(inv.Email))).Exist(inT)
		if err != nil {
			return nil, err
		}
		if !already {
			if err := s.quota.CheckUsers(inT, 1); err != nil {
				return nil, err
			}
		}
	}
	sys := tenancy.SystemContext(inT) // the user row is platform-wide
	var u *ent.User
	err = db.InTx(inT, s.db, func(tx *ent.Tx) error {
		c := tx.Client()
		if p.ExistingUser {
			if caller == nil || !strings.EqualFold(caller.UserEmail, inv.Email) {
				return apperr.Unauthorized("invitation_login_required")
			}
			if u, err = c.User.Query().Where(user.Email(inv.Email)).Only(sys); err != nil {
				return err
			}
		} else {
			u, err = account.CreateUser(sys, c, account.NewUser{Email: inv.Email, FullName: fullName, Password: password})
			if err != nil {
				return err
			}
		}
		// Single use: only the first acceptance updates the row.
		n, err := c.Invitation.Update().Where(invitation.ID(inv.ID), invitation.AcceptedAtIsNil(), invitation.RevokedAtIsNil(),
			invitation.ExpiresAtGT(s.now().UTC())).
			SetAcceptedAt(s.now().UTC()).SetAcceptedUserID(u.ID).Save(inT)
		if err != nil {
			return err
		}
		if n == 0 {
			return apperr.Conflict("invitation_used", nil)
		}
		existing, err := c.Membership.Query().Where(membership.UserID(u.ID), membership.RoleEQ(membership.Role(inv.Role))).Only(inT)
		switch {
		case ent.IsNotFound(err):
			_, err = c.Membership.Create().SetUserID(u.ID).SetRole(membership.Role(inv.Role)).SetNillableUnitID(inv.UnitID).Save(inT)
		case err == nil:
			err = existing.Update().SetActive(true).SetNillableUnitID(inv.UnitID).Exec(inT)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	return u, nil
}

// SetRole changes the role of one membership in the province.
func (s *Service) SetRole(ctx context.Context, membershipID int, role string) error {
	if !validRole(role) {
		return apperr.Invalid(map[string]string{"role": "unknown_role"})
	}
	v := viewer.FromContext(ctx)
	return db.InTx(ctx, s.db, func(tx *ent.Tx) error {
		m, err := tx.Membership.Get(ctx, membershipID)
		if err != nil {
			return err
		}
		if err := mayGrant(ctx, role); err != nil {
			return err
		}
		if err := s.guardAdmin(ctx, m.UserID); err != nil {
			return err
		}
		if m.UserID == v.UserID && m.Role == membership.RoleProvinceAdmin && role != string(membership.RoleProvinceAdmin) {
			return apperr.Conflict("cannot_demote_self", nil)
		}
		err = m.Update().SetRole(membership.Role(role)).Exec(ctx)
		if ent.IsConstraintError(err) {
			return apperr.Conflict("already_member", err)
		}
		return err
	})
}

// SetActive deactivates (or reactivates) a user in the province: every membership there, and on
// deactivation their tokens for the province are revoked and their sessions end.
func (s *Service) SetActive(ctx context.Context, userID int, active bool) error {
	v := viewer.FromContext(ctx)
	if userID == v.UserID && !active {
		return apperr.Conflict("cannot_deactivate_self", nil)
	}
	if _, err := s.Get(ctx, userID); err != nil {
		return err
	}
	if err := s.guardAdmin(ctx, userID); err != nil {
		return err
	}
	ownedHere := s.ownedHere(ctx, userID) == nil
	err := db.InTx(ctx, s.db, func(tx *ent.Tx) error {
		if _, err := tx.Membership.Update().Where(membership.UserID(userID)).SetActive(active).Save(ctx); err != nil {
			return err
		}
		if !active {
			_, err := tx.AccessToken.Update().Where(accesstoken.UserID(userID), accesstoken.RevokedAtIsNil()).
				SetRevokedAt(s.now().UTC()).Save(ctx)
			return err
		}
		return nil
	})
	if err != nil || active || !ownedHere {
		return err // someone who works elsewhere too keeps their sessions there
	}
	_, err = s.accounts.RevokeSessions(ctx, userID, 0)
	return err
}

// ErrOtherProvince is why an admin cannot reset a password shared with another province.
var ErrOtherProvince = errors.New("member: the user also works in another province")

// ResetPassword resets a member's password to a temporary one (returned once) that must be
// changed at next login. A user who also works in another province is the platform's to reset.
func (s *Service) ResetPassword(ctx context.Context, userID int) (string, error) {
	if err := s.ownedHere(ctx, userID); err != nil {
		return "", err
	}
	if err := s.guardAdmin(ctx, userID); err != nil {
		return "", err
	}
	return s.accounts.ResetPassword(ctx, userID)
}

// ownedHere checks that a user is an active member here and of no other province, and no
// platform admin: sessions and passwords are account-wide, so only then are they this
// province's to see or end.
func (s *Service) ownedHere(ctx context.Context, userID int) error {
	m, err := s.Get(ctx, userID)
	if err != nil {
		return err
	}
	if !m.Active() {
		return apperr.NotFound(errors.New("member: not an active member"))
	}
	tid, _ := tenancy.TenantOf(ctx)
	elsewhere, err := s.db.Membership.Query().Where(membership.UserID(userID), membership.TenantIDNEQ(tid),
		membership.Active(true)).Exist(tenancy.SystemContext(ctx)) // must look beyond this province
	if err != nil {
		return err
	}
	if elsewhere || m.User.PlatformAdmin {
		return apperr.Forbidden(ErrOtherProvince)
	}
	return nil
}

// Sessions lists a member's live sessions.
func (s *Service) Sessions(ctx context.Context, userID int) ([]*ent.Session, error) {
	if err := s.ownedHere(ctx, userID); err != nil {
		return nil, err
	}
	return s.accounts.Sessions(ctx, userID)
}

// RevokeSessions ends every session of a member.
func (s *Service) RevokeSessions(ctx context.Context, userID int) (int, error) {
	if err := s.ownedHere(ctx, userID); err != nil {
		return 0, err
	}
	if err := s.guardAdmin(ctx, userID); err != nil {
		return 0, err
	}
	return s.accounts.RevokeSessions(ctx, userID, 0)
}

// Count is the number of the province's memberships.
func (s *Service) Count(ctx context.Context) (int, error) {
	return s.db.Membership.Query().Count(ctx)
}
