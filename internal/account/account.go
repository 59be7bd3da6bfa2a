package account

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/ent/membership"
	"github.com/danvan-vn/danvan/ent/session"
	"github.com/danvan-vn/danvan/ent/user"
	"github.com/danvan-vn/danvan/internal/apperr"
	"github.com/danvan-vn/danvan/internal/tenancy"
)

// MinPasswordLen is the shortest password accepted.
const MinPasswordLen = 10

// Service manages users and their login sessions.
type Service struct {
	db  *ent.Client
	ttl time.Duration
	now func() time.Time
}

// New returns the account service; sessions live ttl.
func New(db *ent.Client, ttl time.Duration) *Service {
	return &Service{db: db, ttl: ttl, now: time.Now}
}

// NewUser is what creating a user needs.
type NewUser struct {
	Email, FullName, Password string
	PlatformAdmin             bool
}

// NormalizeEmail lower-cases and trims an e-mail address.
func NormalizeEmail(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// ValidateUser checks a new user's fields.
func ValidateUser(in NewUser) error {
	f := apperr.Fields{}
	email := NormalizeEmail(in.Email)
	if email == "" {
		f.Add("email", "required")
	} else if a, err := mail.ParseAddress(email); err != nil || a.Address != email || len(email) > 254 {
		f.Add("email", "email")
	}
	name := strings.TrimSpace(in.FullName)
	if name == "" {
		f.Add("full_name", "required")
	} else if utf8.RuneCountInString(name) > 200 {
		f.Add("full_name", "too_long")
	}
	if utf8.RuneCountInString(in.Password) < MinPasswordLen {
		f.Add("password", "password_short")
	}
	return f.Err()
}

// CreateUser creates a user with c (possibly a transaction's client).
func CreateUser(ctx context.Context, c *ent.Client, in NewUser) (*ent.User, error) {
	if err := ValidateUser(in); err != nil {
		return nil, err
	}
	hash, err := HashPassword(in.Password)
	if err != nil {
		return nil, err
	}
	u, err := c.User.Create().SetEmail(NormalizeEmail(in.Email)).SetFullName(strings.TrimSpace(in.FullName)).
		SetPasswordHash(hash).SetPlatformAdmin(in.PlatformAdmin).Save(ctx)
	if ent.IsConstraintError(err) {
		return nil, apperr.Conflict("email_taken", err)
	}
	if err != nil {
		return nil, fmt.Errorf("account: create user: %w", err)
	}
	return u, nil
}

// CreateUser creates a user.
func (s *Service) CreateUser(ctx context.Context, in NewUser) (*ent.User, error) {
	return CreateUser(ctx, s.db, in)
}

// Login checks credentials and opens a session; it returns the cookie token (only its hash is
// stored). Wrong e-mail and wrong password give the same answer.
func (s *Service) Login(ctx context.Context, email, password, ip, userAgent string) (string, *ent.User, error) {
	u, err := s.db.User.Query().Where(user.Email(NormalizeEmail(email))).Only(ctx)
	if ent.IsNotFound(err) {
		// Spend the same time as a real check so response time does not reveal accounts.
		_, _ = VerifyPassword(dummyHash, password)
		return "", nil, apperr.Unauthorized("bad_credentials")
	}
	if err != nil {
		return "", nil, fmt.Errorf("account: login: %w", err)
	}
	ok, err := VerifyPassword(u.PasswordHash, password)
	if err != nil {
		return "", nil, fmt.Errorf("account: login: %w", err)
	}
	if !ok {
		return "", nil, apperr.Unauthorized("bad_credentials")
	}
	if !u.Active {
		return "", nil, apperr.Unauthorized("account_disabled")
	}
	token := randomToken()
	now := s.now().UTC()
	if _, err := s.db.Session.Create().SetTokenHash(hashToken(token)).SetUserID(u.ID).SetCreatedAt(now).
		SetLastSeenAt(now).SetExpiresAt(now.Add(s.ttl)).SetIP(ip).SetUserAgent(truncate(userAgent, 255)).Save(ctx); err != nil {
		return "", nil, fmt.Errorf("account: open session: %w", err)
	}
	if err := u.Update().SetLastLoginAt(now).Exec(ctx); err != nil {
		return "", nil, fmt.Errorf("account: login: %w", err)
	}
	return token, u, nil
}

// Authenticate returns the user of a live session token.
func (s *Service) Authenticate(ctx context.Context, token string) (*ent.User, error) {
	if token == "" {
		return nil, apperr.Unauthorized("")
	}
	now := s.now().UTC()
	sess, err := s.db.Session.Query().Where(session.TokenHash(hashToken(token)), session.RevokedAtIsNil(),
		session.ExpiresAtGT(now)).WithUser().Only(ctx)
	if ent.IsNotFound(err) {
		return nil, apperr.Unauthorized("session_expired")
	}
	if err != nil {
		return nil, fmt.Errorf("account: authenticate: %w", err)
	}
	if !sess.Edges.User.Active {
		return nil, apperr.Unauthorized("account_disabled")
	}
	if now.Sub(sess.LastSeenAt) > time.Minute {
		_ = sess.Update().SetLastSeenAt(now).Exec(ctx)
	}
	return sess.Edges.User, nil
}

// Logout revokes a session token.
func (s *Service) Logout(ctx context.Context, token string) error {
	_, err := s.db.Session.Update().Where(session.TokenHash(hashToken(token)), session.RevokedAtIsNil()).
		SetRevokedAt(s.now().UTC()).Save(ctx)
	return err
}

// Memberships returns the active roles of a user per province (read across provinces: it is
// how a login learns where the user may go).
func (s *Service) Memberships(ctx context.Context, userID int) ([]*ent.Membership, error) {
	ctx = tenancy.SystemContext(ctx) // a user's own memberships span provinces
	return s.db.Membership.Query().Where(membership.UserID(userID), membership.Active(true)).
		WithTenant().All(ctx)
}

func randomToken() string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand never fails on supported platforms
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

func hashToken(t string) string {
	h := sha256.Sum256([]byte(t))
	return hex.EncodeToString(h[:])
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// dummyHash is verified against when the e-mail is unknown.
var dummyHash, _ = HashPassword("danvan-dummy-password")
