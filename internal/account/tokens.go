package account

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/ent/accesstoken"
	"github.com/danvan-vn/danvan/ent/membership"
	"github.com/danvan-vn/danvan/internal/apperr"
	"github.com/danvan-vn/danvan/internal/audit"
	"github.com/danvan-vn/danvan/internal/db"
	"github.com/danvan-vn/danvan/internal/tenancy"
	"github.com/danvan-vn/danvan/internal/viewer"
)

// TokenPrefix starts every personal access token, so leaked tokens are easy to find.
const TokenPrefix = "dvt_"

// MaxTokenDays is the longest a token may live.
const MaxTokenDays = 366

// TokenUseEvery is how often a token's use is written to the audit trail (at most).
const TokenUseEvery = 10 * time.Minute

// CreateToken issues a personal access token for the viewer in the viewer's province. The
// plaintext is returned once; only its hash is kept.
func (s *Service) CreateToken(ctx context.Context, name string, days int) (string, *ent.AccessToken, error) {
	v := viewer.FromContext(ctx)
	if v == nil || v.TenantID == 0 {
		return "", nil, apperr.Forbidden(errors.New("account: tokens belong to a province"))
	}
	if u, err := s.db.User.Get(ctx, v.UserID); err != nil {
		return "", nil, err
	} else if u.MustChangePassword {
		return "", nil, &apperr.Error{Kind: apperr.KindForbidden, Code: "password_change_required"}
	}
	f := apperr.Fields{}
	name = strings.TrimSpace(name)
	switch {
	case name == "":
		f.Add("name", "required")
	case utf8.RuneCountInString(name) > 100:
		f.Add("name", "too_long")
	}
	if days < 1 || days > MaxTokenDays {
		f.Add("days", "token_days")
	}
	if err := f.Err(); err != nil {
		return "", nil, err
	}
	plain := TokenPrefix + randomToken()
	var t *ent.AccessToken
	err := db.InTx(ctx, s.db, func(tx *ent.Tx) error {
		var err error
		t, err = tx.AccessToken.Create().SetUserID(v.UserID).SetName(name).SetTokenHash(hashToken(plain)).
			SetPrefix(plain[:len(TokenPrefix)+6]).SetExpiresAt(s.now().UTC().AddDate(0, 0, days)).Save(ctx)
		return err
	})
	if err != nil {
		return "", nil, fmt.Errorf("account: create token: %w", err)
	}
	return plain, t, nil
}

// Tokens lists the viewer's tokens in the viewer's province.
func (s *Service) Tokens(ctx context.Context) ([]*ent.AccessToken, error) {
	v := viewer.FromContext(ctx)
	return s.db.AccessToken.Query().Where(accesstoken.UserID(v.UserID)).Order(ent.Desc(accesstoken.FieldID)).All(ctx)
}

// RevokeToken revokes one of the viewer's tokens in the viewer's province.
func (s *Service) RevokeToken(ctx context.Context, id int) error {
	v := viewer.FromContext(ctx)
	return db.InTx(ctx, s.db, func(tx *ent.Tx) error {
		n, err := tx.AccessToken.Update().Where(accesstoken.ID(id), accesstoken.UserID(v.UserID), accesstoken.RevokedAtIsNil()).
			SetRevokedAt(s.now().UTC()).Save(ctx)
		if err != nil {
			return err
		}
		if n == 0 {
			return apperr.NotFound(nil)
		}
		return nil
	})
}

// TokenIdentity is who a valid token speaks for.
type TokenIdentity struct {
	User     *ent.User
	TenantID int
	TokenID  int
}

// AuthenticateToken checks a bearer token: known, not revoked, not expired, its user active
// and still an active member of the token's province. Use is recorded in the audit trail at most
// every TokenUseEvery.
func (s *Service) AuthenticateToken(ctx context.Context, plain string) (*TokenIdentity, error) {
	if !strings.HasPrefix(plain, TokenPrefix) {
		return nil, apperr.Unauthorized("token_invalid")
	}
	sys := tenancy.SystemContext(ctx) // the token tells which province; it is looked up across all
	now := s.now().UTC()
	t, err := s.db.AccessToken.Query().Where(accesstoken.TokenHash(hashToken(plain))).WithUser().Only(sys)
	if ent.IsNotFound(err) {
		return nil, apperr.Unauthorized("token_invalid")
	}
	if err != nil {
		return nil, err
	}
	if t.RevokedAt != nil || !t.ExpiresAt.After(now) || !t.Edges.User.Active {
		return nil, apperr.Unauthorized("token_invalid")
	}
	member, err := s.db.Membership.Query().Where(membership.UserID(t.UserID), membership.TenantID(t.TenantID),
		membership.Active(true)).Exist(sys)
	if err != nil {
		return nil, err
	}
	if !member {
		return nil, apperr.Unauthorized("token_invalid")
	}
	if t.LastUsedAt == nil || now.Sub(*t.LastUsedAt) > TokenUseEvery {
		inT := viewer.NewContext(ctx, &viewer.Viewer{UserID: t.UserID, UserName: t.Edges.User.FullName,
			UserEmail: t.Edges.User.Email, TenantID: t.TenantID})
		err := db.InTx(inT, s.db, func(tx *ent.Tx) error {
			if err := tx.AccessToken.UpdateOneID(t.ID).SetLastUsedAt(now).Exec(inT); err != nil {
				return err
			}
			return audit.Record(inT, tx.Client(), audit.Entry{TenantID: t.TenantID, Action: "token.use",
				EntityType: "accesstoken", EntityID: t.ID, Subject: t.Prefix})
		})
		if err != nil {
			return nil, fmt.Errorf("account: record token use: %w", err)
		}
	}
	return &TokenIdentity{User: t.Edges.User, TenantID: t.TenantID, TokenID: t.ID}, nil
}

// MyTokens lists the viewer's own tokens in every province, newest first.
func (s *Service) MyTokens(ctx context.Context) ([]*ent.AccessToken, error) {
	v := viewer.FromContext(ctx)
	// A user's own tokens span their provinces; the filter on user_id keeps it to them.
	return s.db.AccessToken.Query().Where(accesstoken.UserID(v.UserID)).WithTenant().
		Order(ent.Desc(accesstoken.FieldID)).All(tenancy.SystemContext(ctx))
}

// RevokeMyToken revokes one of the viewer's own tokens, whatever its province.
func (s *Service) RevokeMyToken(ctx context.Context, id int) error {
	v := viewer.FromContext(ctx)
	t, err := s.db.AccessToken.Query().Where(accesstoken.ID(id), accesstoken.UserID(v.UserID)).WithTenant().
		Only(tenancy.SystemContext(ctx)) // found only among the viewer's own tokens
	if ent.IsNotFound(err) {
		return apperr.NotFound(err)
	}
	if err != nil {
		return err
	}
	nv := *v
	nv.TenantID, nv.TenantSlug = t.TenantID, t.Edges.Tenant.Slug
	return s.RevokeToken(viewer.NewContext(ctx, &nv), id)
}
