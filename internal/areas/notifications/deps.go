// Package notifications is the area of the notification centre: a member's notifications in the
// province (list, mark read, follow), their preferences per kind and channel, the header's bell,
// and the platform admin's mail preview of the outbox.
package notifications

import (
	"context"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/internal/httpapi"
	"github.com/danvan-vn/danvan/internal/notify"
)

// Centre is what the area needs of the notification service.
type Centre interface {
	List(ctx context.Context, f notify.Filter) ([]notify.Item, int, error)
	UnreadCount(ctx context.Context) (int, error)
	MarkRead(ctx context.Context, id int) (notify.Item, error)
	MarkAllRead(ctx context.Context) (int, error)
	Preferences(ctx context.Context) ([]notify.Preference, error)
	SetPreferences(ctx context.Context, ps []notify.Preference) error
	Outbox(ctx context.Context, f notify.OutboxFilter) ([]*ent.MailMessage, int, error)
	Mail(ctx context.Context, id int) (*ent.MailMessage, error)
	MessageID(id int) string
}

type handler struct{ svc Centre }

// New builds the area.
func New(c Centre) httpapi.Area { return &handler{svc: c} }
