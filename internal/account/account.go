package account

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"net/mail"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	entsql "entgo.io/ent/dialect/sql"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/ent/accesstoken"
	"github.com/danvan-vn/danvan/ent/auditlog"
	"github.com/danvan-vn/danvan/ent/membership"
	"github.com/danvan-vn/danvan/ent/schematype"
	"github.com/danvan-vn/danvan/ent/session"
	enttenant "github.com/danvan-vn/danvan/ent/tenant"
	"github.com/danvan-vn/danvan/ent/user"
	"github.com/danvan-vn/danvan/internal/apperr"
	"github.com/danvan-vn/danvan/internal/audit"
	"github.com/danvan-vn/danvan/internal/db"
	"github.com/danvan-vn/danvan/internal/tenancy"
	"github.com/danvan-vn/danvan/internal/viewer"
)

// MinPasswordLen is the shortest password accepted.
const MinPasswordLen = 10

// Throttling: failures are counted from the audit trail within Window.
const (
	Window             = 15 * time.Minute
	AccountMaxFailures = 10               // wrong passwords for one account → the account locks
	IPMaxFailures      = 20               // failures from one IP → the IP is refused for a while
	LockoutFor         = 15 * time.Minute // how long an account stays locked
)

// Policy is how long sessions live.
type Policy struct {
	Absolute time.Duration // from login
	Idle     time.Duration // since the last request
}

// Service manages users, passwords, sessions and access tokens.
type Service struct {
	db        *ent.Client
	policy    Policy
	now       func() time.Time
	tenantIDs sync.Map // province slug → id, as last found by StandingIn (checked by every use)
}

// New returns the account service.
func New(db *ent.Client, p Policy) *Service {
	return &Service{db: db, policy: p, now: time.Now}
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
	if reason := checkEmail(in.Email); reason != "" {
		f.Add("email", reason)
	}
	name := strings.TrimSpace(in.FullName)
	if name == "" {
		f.Add("full_name", "required")
	} else if utf8.RuneCountInString(name) > 200 {
		f.Add("full_name", "too_long")
	}
	if reason := checkPassword(in.Password); reason != "" {
		f.Add("password", reason)
	}
	return f.Err()
}

func checkEmail(raw string) string {
	email := NormalizeEmail(raw)
	if email == "" {
		return "required"
	}
	if a, err := mail.ParseAddress(email); err != nil || a.Address != email || len(email) > 254 {
		return "email"
	}
	return ""
}

// CheckEmail returns a reason code when raw is not a usable e-mail address.
func CheckEmail(raw string) string { return checkEmail(raw) }

func checkPassword(pw string) string {
	n := utf8.RuneCountInString(pw)
	switch {
	case n < MinPasswordLen:
		return "password_short"
	case n > 200:
		return "too_long"
	}
	return ""
}

// CreateUser creates a user with c, which must be a transaction's client (users are audited).
func CreateUser(ctx context.Context, c *ent.Client, in NewUser) (*ent.User, error) {
	if err := ValidateUser(in); err != nil {
		return nil, err
	}
	hash, err := HashPassword(in.Password)
	if err != nil {
		return nil, err
	}
	u, err := c.User.Create().SetEmail(NormalizeEmail(in.Email)).SetFullName(strings.TrimSpace(in.FullName)).
		SetPasswordHash(hash).SetPlatformAdmin(in.PlatformAdmin).SetPasswordChangedAt(time.Now().UTC()).Save(ctx)
	if ent.IsConstraintError(err) {
		return nil, apperr.Conflict("email_taken", err)
	}
	if err != nil {
		return nil, fmt.Errorf("account: create user: %w", err)
	}
	return u, nil
}

// CreateUser creates a user in its own transaction.
func (s *Service) CreateUser(ctx context.Context, in NewUser) (u *ent.User, err error) {
	err = db.InTx(ctx, s.db, func(tx *ent.Tx) error {
		u, err = CreateUser(ctx, tx.Client(), in)
		return err
	})
	return u, err
}

// LockedError says until when an account is locked.
type LockedError struct{ Until time.Time }

func (e *LockedError) Error() string { return "account locked until " + e.Until.Format(time.RFC3339) }

// Login checks credentials and opens a session; it returns the cookie token (only its hash is
// stored). Every failure is recorded in the audit trail, which is also what throttling counts:
// AccountMaxFailures wrong passwords lock the account for LockoutFor; IPMaxFailures failures
// from one IP refuse that IP until the window passes. A wrong e-mail and a wrong password give
// the same answer.
func (s *Service) Login(ctx context.Context, email, password string) (string, *ent.User, error) {
	ctx = tenancy.SystemContext(ctx) // logins read the platform's users and write platform records
	email = NormalizeEmail(email)
	now := s.now().UTC()
	ip := audit.MetaOf(ctx).IP
	var token string
	var u *ent.User
	var failure error
	err := db.InTx(ctx, s.db, func(tx *ent.Tx) error {
		c := tx.Client()
		var err error
		u, err = c.User.Query().Where(user.Email(email)).Only(ctx)
		if err != nil && !ent.IsNotFound(err) {
			return err
		}
		fail := func(reason string, cause error) error {
			e := audit.Entry{Action: "login.failed", Subject: email, EntityType: "user",
				Changes: map[string]schematype.Change{"reason": {After: reason}}}
			if u != nil {
				e.UserID, e.EntityID, e.Actor = u.ID, u.ID, u.FullName+" <"+u.Email+">"
			}
			failure = cause
			return audit.RecordPersonal(ctx, c, e)
		}
		if u != nil && u.LockedUntil != nil && u.LockedUntil.After(now) {
			return fail("locked", apperr.Throttled("account_locked", &LockedError{Until: *u.LockedUntil}).WithArgs(*u.LockedUntil))
		}
		if ip != "" {
			n, err := c.AuditLog.Query().Where(audit.Platform(), auditlog.Action("login.failed"), auditlog.IP(ip),
				auditlog.CreatedAtGT(now.Add(-Window))).Count(ctx)
			if err != nil {
				return err
			}
			if n >= IPMaxFailures {
				return fail("ip_throttled", apperr.Throttled("too_many_attempts", nil))
			}
		}
		if u == nil {
			_, _ = VerifyPassword(dummyHash, password) // same time as a real check
			return fail("unknown_account", apperr.Unauthorized("bad_credentials"))
		}
		ok, err := VerifyPassword(u.PasswordHash, password)
		if err != nil {
			return err
		}
		if !ok {
			if err := fail("bad_password", apperr.Unauthorized("bad_credentials")); err != nil {
				return err
			}
			return s.maybeLock(ctx, c, u, ip, now)
		}
		if !u.Active {
			return fail("disabled", apperr.Unauthorized("account_disabled"))
		}
		token, err = s.openSession(ctx, c, u.ID, now)
		if err != nil {
			return err
		}
		if err := c.User.UpdateOne(u).SetLastLoginAt(now).ClearLockedUntil().Exec(viewer.NewContext(ctx, userViewer(u))); err != nil {
			return err
		}
		return audit.RecordPersonal(viewer.NewContext(ctx, userViewer(u)), c, audit.Entry{Action: "login.success", Subject: email, UserID: u.ID, EntityType: "user", EntityID: u.ID})
	})
	if err != nil {
		return "", nil, fmt.Errorf("account: login: %w", err)
	}
	if failure != nil {
		return "", nil, failure
	}
	return token, u, nil
}

func userViewer(u *ent.User) *viewer.Viewer {
	return &viewer.Viewer{UserID: u.ID, UserName: u.FullName, UserEmail: u.Email, PlatformAdmin: u.PlatformAdmin}
}

// maybeLock locks the account after too many wrong passwords for it, or from the IP.
func (s *Service) maybeLock(ctx context.Context, c *ent.Client, u *ent.User, ip string, now time.Time) error {
	since := now.Add(-Window)
	if u.LockedUntil != nil && u.LockedUntil.After(since) {
		since = *u.LockedUntil // failures before the last lockout ended do not count again
	}
	n, err := c.AuditLog.Query().Where(audit.Platform(), auditlog.Action("login.failed"), auditlog.Subject(u.Email),
		auditlog.CreatedAtGT(since)).Count(ctx)
	if err != nil {
		return err
	}
	fromIP := 0
	if ip != "" {
		if fromIP, err = c.AuditLog.Query().Where(audit.Platform(), auditlog.Action("login.failed"), auditlog.IP(ip),
			auditlog.CreatedAtGT(now.Add(-Window))).Count(ctx); err != nil {
			return err
		}
	}
	if n < AccountMaxFailures && fromIP < IPMaxFailures {
		return nil
	}
	until := now.Add(LockoutFor)
	if err := c.User.UpdateOne(u).SetLockedUntil(until).Exec(ctx); err != nil {
		return err
	}
	return audit.RecordPersonal(ctx, c, audit.Entry{Action: "login.lockout", Subject: u.Email, UserID: u.ID, EntityType: "user", EntityID: u.ID,
		Actor: u.FullName + " <" + u.Email + ">", Changes: map[string]schematype.Change{"locked_until": {After: until}}})
}

func (s *Service) openSession(ctx context.Context, c *ent.Client, userID int, now time.Time) (string, error) {
	token := randomToken()
	m := audit.MetaOf(ctx)
	_, err := c.Session.Create().SetTokenHash(hashToken(token)).SetUserID(userID).SetCreatedAt(now).
		SetLastSeenAt(now).SetExpiresAt(now.Add(s.policy.Absolute)).SetIP(m.IP).SetUserAgent(truncate(m.UserAgent, 255)).Save(ctx)
	if err != nil {
		return "", fmt.Errorf("account: open session: %w", err)
	}
	return token, nil
}

// OpenSession opens a session for a user without a password check: for tests and for a user who
// just accepted an invitation with a new password.
func (s *Service) OpenSession(ctx context.Context, userID int) (string, error) {
	return s.openSession(ctx, s.db, userID, s.now().UTC())
}

// Authenticate returns the user of a live session token (not revoked, not past its absolute
// lifetime, used within the idle limit) and its session id. It is on every request's path: one
// query reads the session and its user together, and the session is touched at most once a
// minute.
func (s *Service) Authenticate(ctx context.Context, token string) (*ent.User, int, error) {
	if token == "" {
		return nil, 0, apperr.Unauthorized("")
	}
	now := s.now().UTC()
	q := s.db.User.Query()
	q.Modify(func(sel *entsql.Selector) {
		st := entsql.Table(session.Table)
		sel.Join(st).On(sel.C(user.FieldID), st.C(session.FieldUserID)).
			Where(entsql.And(entsql.EQ(st.C(session.FieldTokenHash), hashToken(token)), entsql.IsNull(st.C(session.FieldRevokedAt)),
				entsql.GT(st.C(session.FieldExpiresAt), now), entsql.GT(st.C(session.FieldLastSeenAt), now.Add(-s.policy.Idle)))).
			AppendSelectAs(st.C(session.FieldID), "session_id").
			AppendSelectExprAs(entsql.ExprFunc(func(b *entsql.Builder) {
				b.WriteString("CASE WHEN ").Join(entsql.LT(st.C(session.FieldLastSeenAt), now.Add(-time.Minute))).WriteString(" THEN 1 ELSE 0 END")
			}), "session_stale")
	})
	u, err := q.Only(ctx)
	if ent.IsNotFound(err) {
		return nil, 0, apperr.Unauthorized("session_expired")
	}
	if err != nil {
		return nil, 0, fmt.Errorf("account: authenticate: %w", err)
	}
	sid, err := selectedInt(u.Value("session_id"))
	if err != nil {
		return nil, 0, fmt.Errorf("account: authenticate: session id: %w", err)
	}
	if !u.Active {
		return nil, 0, apperr.Unauthorized("account_disabled")
	}
	if stale, _ := selectedInt(u.Value("session_stale")); stale == 1 {
		_ = s.db.Session.UpdateOneID(sid).SetLastSeenAt(now).Exec(ctx)
	}
	return u, sid, nil
}

// selectedInt reads an integer column selected beside an entity's own.
func selectedInt(v ent.Value, err error) (int, error) {
	if err != nil {
		return 0, err
	}
	switch n := v.(type) {
	case int64:
		return int(n), nil
	case int32:
		return int(n), nil
	case int:
		return n, nil
	case nil:
		return 0, nil
	}
	return 0, fmt.Errorf("unexpected %T", v)
}

// Logout revokes a session token.
func (s *Service) Logout(ctx context.Context, token string) error {
	_, err := s.db.Session.Update().Where(session.TokenHash(hashToken(token)), session.RevokedAtIsNil()).
		SetRevokedAt(s.now().UTC()).Save(ctx)
	return err
}

// RevokeSessions revokes every live session of userID except keep (0: none), recording who did
// it. It returns how many it revoked.
func (s *Service) RevokeSessions(ctx context.Context, userID, keep int) (n int, err error) {
	v := viewer.FromContext(ctx)
	err = db.InTx(ctx, s.db, func(tx *ent.Tx) error {
		q := tx.Session.Update().Where(session.UserID(userID), session.RevokedAtIsNil(), session.IDNEQ(keep)).
			SetRevokedAt(s.now().UTC())
		if v != nil && v.UserID != userID {
			q.SetRevokedBy(v.UserID)
		}
		if n, err = q.Save(ctx); err != nil {
			return err
		}
		tid, _ := tenancy.TenantOf(ctx)
		return audit.Record(ctx, tx.Client(), audit.Entry{TenantID: tid, Action: "session.revoke", EntityType: "user", EntityID: userID,
			Changes: map[string]schematype.Change{"sessions": {After: n}}})
	})
	return n, err
}

// Sessions lists a user's live sessions, newest first.
func (s *Service) Sessions(ctx context.Context, userID int) ([]*ent.Session, error) {
	now := s.now().UTC()
	return s.db.Session.Query().Where(session.UserID(userID), session.RevokedAtIsNil(), session.ExpiresAtGT(now),
		session.LastSeenAtGT(now.Add(-s.policy.Idle))).Order(ent.Desc(session.FieldLastSeenAt)).All(ctx)
}

// ChangePassword sets a new password after checking the current one, clears a forced change,
// and logs out the user's other sessions.
func (s *Service) ChangePassword(ctx context.Context, userID, keepSession int, current, next string) error {
	u, err := s.db.User.Get(ctx, userID)
	if err != nil {
		return err
	}
	ok, err := VerifyPassword(u.PasswordHash, current)
	if err != nil {
		return err
	}
	f := apperr.Fields{}
	if !ok {
		f.Add("current_password", "wrong_password")
	}
	if reason := checkPassword(next); reason != "" {
		f.Add("new_password", reason)
	} else if next == current {
		f.Add("new_password", "same_password")
	}
	if err := f.Err(); err != nil {
		return err
	}
	hash, err := HashPassword(next)
	if err != nil {
		return err
	}
	return db.InTx(ctx, s.db, func(tx *ent.Tx) error {
		if err := tx.User.UpdateOneID(userID).SetPasswordHash(hash).SetMustChangePassword(false).
			SetPasswordChangedAt(s.now().UTC()).Exec(ctx); err != nil {
			return err
		}
		if _, err := tx.Session.Update().Where(session.UserID(userID), session.RevokedAtIsNil(), session.IDNEQ(keepSession)).
			SetRevokedAt(s.now().UTC()).Save(ctx); err != nil {
			return err
		}
		return revokeTokens(ctx, tx, userID, s.now())
	})
}

// revokeTokens ends a user's access tokens in every province: a new password must not leave an
// old credential working.
func revokeTokens(ctx context.Context, tx *ent.Tx, userID int, now time.Time) error {
	sys := tenancy.SystemContext(ctx) // the user's own tokens, in all their provinces
	_, err := tx.AccessToken.Update().Where(accesstoken.UserID(userID), accesstoken.RevokedAtIsNil()).SetRevokedAt(now.UTC()).Save(sys)
	return err
}

// ResetPassword gives a user a temporary password (returned once) that must be changed at the
// next login, and logs them out everywhere. The caller checks the admin may do it.
func (s *Service) ResetPassword(ctx context.Context, userID int) (string, error) {
	temp := TemporaryPassword()
	hash, err := HashPassword(temp)
	if err != nil {
		return "", err
	}
	v := viewer.FromContext(ctx)
	err = db.InTx(ctx, s.db, func(tx *ent.Tx) error {
		if err := tx.User.UpdateOneID(userID).SetPasswordHash(hash).SetMustChangePassword(true).ClearLockedUntil().Exec(ctx); err != nil {
			return err
		}
		q := tx.Session.Update().Where(session.UserID(userID), session.RevokedAtIsNil()).SetRevokedAt(s.now().UTC())
		if v != nil {
			q.SetRevokedBy(v.UserID)
		}
		if _, err := q.Save(ctx); err != nil {
			return err
		}
		return revokeTokens(ctx, tx, userID, s.now())
	})
	if err != nil {
		return "", err
	}
	return temp, nil
}

// TemporaryPassword is a random password an admin hands over once.
func TemporaryPassword() string {
	b := make([]byte, 9)
	_, _ = rand.Read(b)
	return "Dv-" + base64.RawURLEncoding.EncodeToString(b)
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

// RandomToken is a fresh random token (invitations).
func RandomToken() string { return randomToken() }

func hashToken(t string) string {
	h := sha256.Sum256([]byte(t))
	return hex.EncodeToString(h[:])
}

// HashToken is how random tokens are stored.
func HashToken(t string) string { return hashToken(t) }

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

// IsLocked reports whether err is an account lockout, and until when.
func IsLocked(err error) (time.Time, bool) {
	var le *LockedError
	if errors.As(err, &le) {
		return le.Until, true
	}
	return time.Time{}, false
}

// Standing returns the user's active memberships in province t (read in t's context: membership
// rows are the province's own).
func (s *Service) Standing(ctx context.Context, userID int, t *ent.Tenant) ([]*ent.Membership, error) {
	inT := viewer.NewContext(ctx, &viewer.Viewer{UserID: userID, TenantID: t.ID, TenantSlug: t.Slug})
	return s.db.Membership.Query().Where(membership.UserID(userID), membership.Active(true)).All(inT)
}

// StandingIn returns the province with slug and the user's active memberships there, in one
// query (it is on every province request's path). A province where the user has none, like one
// that does not exist, is not found.
//
// Once a slug's province is known, the query runs as the province itself (row-level security
// keyed on it, as the rest of the request will be, so the request sets its province once); the
// join on the slug checks the remembered id, and a miss asks again across provinces.
func (s *Service) StandingIn(ctx context.Context, userID int, slug string) (*ent.Tenant, []*ent.Membership, error) {
	var rows []*ent.Tenant
	var err error
	if id, ok := s.tenantIDs.Load(slug); ok {
		inT := viewer.NewContext(ctx, &viewer.Viewer{UserID: userID, TenantID: id.(int), TenantSlug: slug})
		if rows, err = s.standingQuery(inT, userID, slug); err != nil {
			return nil, nil, fmt.Errorf("account: standing in %s: %w", slug, err)
		}
	}
	if len(rows) == 0 {
		sys := tenancy.SystemContext(ctx) // the user's own memberships, as Memberships reads them, and the province row
		if rows, err = s.standingQuery(sys, userID, slug); err != nil {
			return nil, nil, fmt.Errorf("account: standing in %s: %w", slug, err)
		}
		if len(rows) > 0 {
			s.tenantIDs.Store(slug, rows[0].ID)
		}
	}
	if len(rows) == 0 {
		return nil, nil, apperr.NotFound(errors.New("no membership in this province"))
	}
	ms := make([]*ent.Membership, 0, len(rows))
	for _, r := range rows {
		id, err := selectedInt(r.Value("membership_id"))
		if err != nil {
			return nil, nil, fmt.Errorf("account: standing in %s: %w", slug, err)
		}
		role, err := r.Value("membership_role")
		if err != nil {
			return nil, nil, fmt.Errorf("account: standing in %s: %w", slug, err)
		}
		m := &ent.Membership{ID: id, TenantID: r.ID, UserID: userID, Active: true}
		switch v := role.(type) {
		case string:
			m.Role = membership.Role(v)
		case []byte:
			m.Role = membership.Role(v)
		default:
			return nil, nil, fmt.Errorf("account: standing in %s: role %T", slug, role)
		}
		unit, err := selectedInt(r.Value("membership_unit_id"))
		if err != nil {
			return nil, nil, fmt.Errorf("account: standing in %s: unit: %w", slug, err)
		}
		if unit > 0 {
			m.UnitID = &unit
		}
		ms = append(ms, m)
	}
	return rows[0], ms, nil
}

// standingQuery reads the province with slug once per active membership of userID there, with
// the membership's id, role and unit beside it.
func (s *Service) standingQuery(ctx context.Context, userID int, slug string) ([]*ent.Tenant, error) {
	q := s.db.Tenant.Query().Where(enttenant.Slug(slug))
	q.Modify(func(sel *entsql.Selector) {
		mt := entsql.Table(membership.Table)
		sel.Join(mt).On(sel.C(enttenant.FieldID), mt.C(membership.FieldTenantID)).
			Where(entsql.And(entsql.EQ(mt.C(membership.FieldUserID), userID), entsql.EQ(mt.C(membership.FieldActive), true))).
			AppendSelectAs(mt.C(membership.FieldID), "membership_id").
			AppendSelectAs(mt.C(membership.FieldRole), "membership_role").
			// COALESCE: SQLite gives a NULL column no scan type; ids start at 1, so 0 is none.
			AppendSelectExprAs(entsql.Expr("COALESCE("+mt.C(membership.FieldUnitID)+", 0)"), "membership_unit_id")
	})
	return q.All(ctx)
}
