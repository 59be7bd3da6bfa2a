package notify

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/ent/notification"
	"github.com/danvan-vn/danvan/ent/notificationpreference"
	"github.com/danvan-vn/danvan/internal/apperr"
	"github.com/danvan-vn/danvan/internal/db"
	"github.com/danvan-vn/danvan/internal/viewer"
)

// Filter narrows the viewer's notification list.
type Filter struct {
	Unread  bool
	Kind    string // empty: every kind
	Locale  string // the reader's language (vi when empty)
	Page    int    // from 1
	PerPage int    // default 20
}

// Item is one notification as its reader sees it.
type Item struct {
	ID        int
	Kind      string
	Title     string
	Body      string
	Link      string
	Read      bool
	CreatedAt time.Time
}

// me is the viewer's user id; notifications are a user's own.
func me(ctx context.Context) (int, error) {
	v := viewer.FromContext(ctx)
	if v == nil || v.UserID <= 0 || v.TenantID <= 0 {
		return 0, apperr.Forbidden(errors.New("notify: notifications are a signed-in member's own"))
	}
	return v.UserID, nil
}

// List returns the viewer's notifications in the province, newest first, and how many match.
func (s *Service) List(ctx context.Context, f Filter) ([]Item, int, error) {
	uid, err := me(ctx)
	if err != nil {
		return nil, 0, err
	}
	q := s.db.Notification.Query().Where(notification.UserID(uid))
	if f.Unread {
		q.Where(notification.ReadAtIsNil())
	}
	if f.Kind != "" {
		if !validKind(f.Kind) {
			return nil, 0, apperr.Invalid(map[string]string{"kind": "invalid"})
		}
		q.Where(notification.Kind(f.Kind))
	}
	total, err := q.Clone().Count(ctx)
	if err != nil {
		return nil, 0, fmt.Errorf("notify: count notifications: %w", err)
	}
	page, per := paging(f.Page, f.PerPage, 20)
	rows, err := q.Order(ent.Desc(notification.FieldCreatedAt), ent.Desc(notification.FieldID)).
		Offset((page - 1) * per).Limit(per).All(ctx)
	if err != nil {
		return nil, 0, fmt.Errorf("notify: list notifications: %w", err)
	}
	out := make([]Item, 0, len(rows))
	for _, n := range rows {
		r, err := Render(n.Kind, f.Locale, n.Vars)
		if err != nil {
			r = Rendered{Title: n.Kind, Body: n.Subject}
		}
		out = append(out, Item{ID: n.ID, Kind: n.Kind, Title: r.Title, Body: r.Body, Link: n.Link,
			Read: n.ReadAt != nil, CreatedAt: n.CreatedAt})
	}
	return out, total, nil
}

// UnreadCount is the bell's number: the viewer's unread notifications in the province (one
// COUNT on the user_id, read_at index).
func (s *Service) UnreadCount(ctx context.Context) (int, error) {
	uid, err := me(ctx)
	if err != nil {
		return 0, err
	}
	return s.db.Notification.Query().Where(notification.UserID(uid), notification.ReadAtIsNil()).Count(ctx)
}

// MarkRead marks one of the viewer's notifications read and returns it (its link is where the
// reader goes next). Another user's notification is not found.
func (s *Service) MarkRead(ctx context.Context, id int) (Item, error) {
	uid, err := me(ctx)
	if err != nil {
		return Item{}, err
	}
	n, err := s.db.Notification.Query().Where(notification.ID(id), notification.UserID(uid)).Only(ctx)
	if ent.IsNotFound(err) {
		return Item{}, apperr.NotFound(fmt.Errorf("notify: notification %d: %w", id, err))
	}
	if err != nil {
		return Item{}, fmt.Errorf("notify: notification %d: %w", id, err)
	}
	if n.ReadAt == nil {
		now := time.Now().UTC()
		if err := s.db.Notification.Update().Where(notification.ID(id), notification.UserID(uid), notification.ReadAtIsNil()).
			SetReadAt(now).Exec(ctx); err != nil {
			return Item{}, fmt.Errorf("notify: mark notification %d read: %w", id, err)
		}
	}
	return Item{ID: n.ID, Kind: n.Kind, Link: n.Link, Read: true, CreatedAt: n.CreatedAt}, nil
}

// MarkAllRead marks every unread notification of the viewer in the province read and returns
// how many.
func (s *Service) MarkAllRead(ctx context.Context) (int, error) {
	uid, err := me(ctx)
	if err != nil {
		return 0, err
	}
	n, err := s.db.Notification.Update().Where(notification.UserID(uid), notification.ReadAtIsNil()).
		SetReadAt(time.Now().UTC()).Save(ctx)
	if err != nil {
		return 0, fmt.Errorf("notify: mark all read: %w", err)
	}
	return n, nil
}

// Preferences returns the viewer's preference for every kind, defaults filled in, in Kinds'
// order. They are the person's, the same in every province.
func (s *Service) Preferences(ctx context.Context) ([]Preference, error) {
	uid, err := me(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := s.db.NotificationPreference.Query().Where(notificationpreference.UserID(uid)).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("notify: preferences: %w", err)
	}
	got := map[string]Preference{}
	for _, r := range rows {
		got[r.Kind] = Preference{Kind: r.Kind, InApp: r.InApp, Email: r.Email, Digest: r.Digest}
	}
	out := make([]Preference, 0, len(Kinds))
	for _, k := range Kinds {
		p, ok := got[k]
		if !ok {
			p = DefaultPreference(k)
		}
		out = append(out, p)
	}
	return out, nil
}

// SetPreferences stores the viewer's preferences for the kinds given (others keep theirs).
func (s *Service) SetPreferences(ctx context.Context, ps []Preference) error {
	uid, err := me(ctx)
	if err != nil {
		return err
	}
	bad := map[string]string{}
	for i, p := range ps {
		if !validKind(p.Kind) {
			bad[fmt.Sprintf("preferences[%d].kind", i)] = "invalid"
		}
	}
	if len(bad) > 0 {
		return apperr.Invalid(bad)
	}
	return db.InTx(ctx, s.db, func(tx *ent.Tx) error {
		for _, p := range ps {
			n, err := tx.NotificationPreference.Update().
				Where(notificationpreference.UserID(uid), notificationpreference.Kind(p.Kind)).
				SetInApp(p.InApp).SetEmail(p.Email).SetDigest(p.Digest).Save(ctx)
			if err != nil {
				return fmt.Errorf("notify: save preference %s: %w", p.Kind, err)
			}
			if n == 0 {
				if err := tx.NotificationPreference.Create().SetUserID(uid).SetKind(p.Kind).
					SetInApp(p.InApp).SetEmail(p.Email).SetDigest(p.Digest).Exec(ctx); err != nil {
					return fmt.Errorf("notify: save preference %s: %w", p.Kind, err)
				}
			}
		}
		return nil
	})
}
