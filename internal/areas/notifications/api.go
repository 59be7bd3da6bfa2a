package notifications

import (
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/internal/httpapi"
	"github.com/danvan-vn/danvan/internal/notify"
)

// NotificationJSON is one notification as its reader sees it.
type NotificationJSON struct {
	ID        int       `json:"id"`
	Kind      string    `json:"kind" doc:"reminder, escalation or urge"`
	Title     string    `json:"title"`
	Body      string    `json:"body"`
	Link      string    `json:"link" doc:"a path in the app: what it is about"`
	Read      bool      `json:"read"`
	CreatedAt time.Time `json:"created_at"`
}

// ListJSON is a page of notifications.
type ListJSON struct {
	Items  []NotificationJSON `json:"items"`
	Total  int                `json:"total"`
	Unread int                `json:"unread"`
	Page   int                `json:"page"`
}

// CountJSON is a number.
type CountJSON struct {
	Count int `json:"count"`
}

// PreferenceJSON is how the viewer wants one kind.
type PreferenceJSON struct {
	Kind   string `json:"kind" enum:"reminder,escalation,urge"`
	InApp  bool   `json:"in_app" doc:"in the app (the bell)"`
	Email  bool   `json:"email" doc:"by e-mail at once"`
	Digest bool   `json:"digest" doc:"in the daily digest mail"`
}

// PreferencesRequest sets preferences for the kinds it lists.
type PreferencesRequest struct {
	Preferences []PreferenceJSON `json:"preferences"`
}

// MailJSON is an outbox e-mail (the bodies only in the one-mail answer).
type MailJSON struct {
	ID            int        `json:"id"`
	TenantID      int        `json:"tenant_id"`
	Kind          string     `json:"kind"`
	To            string     `json:"to"`
	ToName        string     `json:"to_name"`
	Locale        string     `json:"locale"`
	Subject       string     `json:"subject"`
	Status        string     `json:"status" enum:"pending,sent,failed"`
	Attempts      int        `json:"attempts"`
	NextAttemptAt time.Time  `json:"next_attempt_at"`
	LastError     string     `json:"last_error"`
	SentAt        *time.Time `json:"sent_at,omitempty"`
	CreatedAt     time.Time  `json:"created_at"`
	MessageID     string     `json:"message_id"`
	Text          string     `json:"text,omitempty"`
	HTML          string     `json:"html,omitempty"`
}

// MailListJSON is a page of the outbox.
type MailListJSON struct {
	Items []MailJSON `json:"items"`
	Total int        `json:"total"`
	Page  int        `json:"page"`
}

func itemJSON(it notify.Item) NotificationJSON {
	return NotificationJSON{ID: it.ID, Kind: it.Kind, Title: it.Title, Body: it.Body, Link: it.Link, Read: it.Read, CreatedAt: it.CreatedAt}
}

func (h *handler) mailJSON(m *ent.MailMessage, bodies bool) MailJSON {
	out := MailJSON{ID: m.ID, TenantID: m.TenantID, Kind: m.Kind, To: m.ToAddr, ToName: m.ToName, Locale: m.Locale,
		Subject: m.Subject, Status: string(m.Status), Attempts: m.Attempts, NextAttemptAt: m.NextAttemptAt,
		LastError: m.LastError, SentAt: m.SentAt, CreatedAt: m.CreatedAt, MessageID: h.svc.MessageID(m.ID)}
	if bodies {
		out.Text, out.HTML = m.TextBody, m.HTMLBody
	}
	return out
}

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }

// filter reads the list's query: the page and the API share it.
func filter(c echo.Context) notify.Filter {
	unread, _ := strconv.ParseBool(c.QueryParam("unread"))
	return notify.Filter{Unread: unread, Kind: c.QueryParam("kind"), Locale: httpapi.Lang(c),
		Page: atoi(c.QueryParam("page")), PerPage: atoi(c.QueryParam("per_page"))}
}

func (h *handler) apiList(c echo.Context) error {
	f := filter(c)
	items, total, err := h.svc.List(c.Request().Context(), f)
	if err != nil {
		return err
	}
	unread, err := h.svc.UnreadCount(c.Request().Context())
	if err != nil {
		return err
	}
	out := ListJSON{Items: make([]NotificationJSON, 0, len(items)), Total: total, Unread: unread, Page: max(f.Page, 1)}
	for _, it := range items {
		out.Items = append(out.Items, itemJSON(it))
	}
	return c.JSON(http.StatusOK, out)
}

func (h *handler) apiUnread(c echo.Context) error {
	n, err := h.svc.UnreadCount(c.Request().Context())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, CountJSON{Count: n})
}

func (h *handler) apiReadAll(c echo.Context) error {
	n, err := h.svc.MarkAllRead(c.Request().Context())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, CountJSON{Count: n})
}

func (h *handler) apiRead(c echo.Context) error {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return err
	}
	it, err := h.svc.MarkRead(c.Request().Context(), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, itemJSON(it))
}

func prefsJSON(ps []notify.Preference) []PreferenceJSON {
	out := make([]PreferenceJSON, 0, len(ps))
	for _, p := range ps {
		out = append(out, PreferenceJSON(p))
	}
	return out
}

func (h *handler) apiPrefs(c echo.Context) error {
	ps, err := h.svc.Preferences(c.Request().Context())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, prefsJSON(ps))
}

func (h *handler) apiPrefsSet(c echo.Context) error {
	var in PreferencesRequest
	if err := httpapi.Bind(c, &in); err != nil {
		return err
	}
	ps := make([]notify.Preference, 0, len(in.Preferences))
	for _, p := range in.Preferences {
		ps = append(ps, notify.Preference(p))
	}
	if err := h.svc.SetPreferences(c.Request().Context(), ps); err != nil {
		return err
	}
	return h.apiPrefs(c)
}

func mailFilter(c echo.Context) notify.OutboxFilter {
	return notify.OutboxFilter{Status: c.QueryParam("status"), Q: c.QueryParam("q"), Page: atoi(c.QueryParam("page"))}
}

func (h *handler) apiMailList(c echo.Context) error {
	f := mailFilter(c)
	rows, total, err := h.svc.Outbox(c.Request().Context(), f)
	if err != nil {
		return err
	}
	out := MailListJSON{Items: make([]MailJSON, 0, len(rows)), Total: total, Page: max(f.Page, 1)}
	for _, m := range rows {
		out.Items = append(out.Items, h.mailJSON(m, false))
	}
	return c.JSON(http.StatusOK, out)
}

func (h *handler) apiMail(c echo.Context) error {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return err
	}
	m, err := h.svc.Mail(c.Request().Context(), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, h.mailJSON(m, true))
}
