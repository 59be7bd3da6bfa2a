package notifications

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/danvan-vn/danvan/internal/httpapi"
	"github.com/danvan-vn/danvan/internal/notify"
	"github.com/danvan-vn/danvan/internal/web"
)

// ListPage is the viewer's notification list.
type ListPage struct {
	web.Page
	Items      []NotificationJSON
	Total      int
	Unread     int
	Kinds      []string
	Kind       string
	OnlyUnread bool
	PageNo     int
	Prev, Next string // links to the neighbouring pages ("" at an end)
	URL        string // the list's path
	CanUpdate  bool
}

// PrefsPage is the table of kinds × channels.
type PrefsPage struct {
	web.Page
	Prefs []PreferenceJSON
	URL   string // the form's action
	List  string // the notification list, the page's way back
}

// MailListPage is the platform admin's mail preview list.
type MailListPage struct {
	web.Page
	Mails      []MailJSON
	Total      int
	Statuses   []string
	Status, Q  string
	Prev, Next string
}

// MailShowPage is one outbox mail.
type MailShowPage struct {
	web.Page
	Mail MailJSON
}

const perPage = 20

func (h *handler) page(c echo.Context) error {
	f := filter(c)
	f.PerPage = perPage
	ctx := c.Request().Context()
	items, total, err := h.svc.List(ctx, f)
	if err != nil {
		return err
	}
	unread, err := h.svc.UnreadCount(ctx)
	if err != nil {
		return err
	}
	base := httpapi.ProvinceURL(c, "/notifications")
	p := ListPage{Page: httpapi.PageOf(c, "notifications.title"), Total: total, Unread: unread, Kinds: notify.Kinds,
		Kind: f.Kind, OnlyUnread: f.Unread, PageNo: max(f.Page, 1), URL: base, CanUpdate: httpapi.Can(c, permUpdate)}
	for _, it := range items {
		p.Items = append(p.Items, itemJSON(it))
	}
	link := func(page int) string {
		q := url.Values{}
		if f.Unread {
			q.Set("unread", "true")
		}
		if f.Kind != "" {
			q.Set("kind", f.Kind)
		}
		if page > 1 {
			q.Set("page", strconv.Itoa(page))
		}
		if len(q) == 0 {
			return base
		}
		return base + "?" + q.Encode()
	}
	if p.PageNo > 1 {
		p.Prev = link(p.PageNo - 1)
	}
	if p.PageNo*perPage < total {
		p.Next = link(p.PageNo + 1)
	}
	return httpapi.HTML(c, http.StatusOK, "notifications", p)
}

// back is where a form on the list returns: the list with the filters it was posted from.
func back(c echo.Context) string {
	base := httpapi.ProvinceURL(c, "/notifications")
	if b := httpapi.SafeNext(c.FormValue("back")); b != "/" && len(b) >= len(base) && b[:len(base)] == base {
		return b
	}
	return base
}

func (h *handler) read(c echo.Context) error {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return err
	}
	if _, err := h.svc.MarkRead(c.Request().Context(), id); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, back(c))
}

// open marks the notification read and goes to what it is about.
func (h *handler) open(c echo.Context) error {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return err
	}
	it, err := h.svc.MarkRead(c.Request().Context(), id)
	if err != nil {
		return err
	}
	to := httpapi.SafeNext(it.Link)
	if to == "/" {
		to = httpapi.ProvinceURL(c, "/notifications")
	}
	return c.Redirect(http.StatusSeeOther, to)
}

func (h *handler) readAll(c echo.Context) error {
	if _, err := h.svc.MarkAllRead(c.Request().Context()); err != nil {
		return err
	}
	return httpapi.Redirect(c, httpapi.ProvinceURL(c, "/notifications"), "read_all")
}

func (h *handler) prefsPage(c echo.Context) error {
	ps, err := h.svc.Preferences(c.Request().Context())
	if err != nil {
		return err
	}
	return httpapi.HTML(c, http.StatusOK, "notification_prefs", PrefsPage{Page: httpapi.PageOf(c, "notifications.prefs_title"),
		Prefs: prefsJSON(ps), URL: httpapi.ProvinceURL(c, "/notifications/preferences"), List: httpapi.ProvinceURL(c, "/notifications")})
}

// prefsSave reads the table's checkboxes: an unchecked box is absent from the form.
func (h *handler) prefsSave(c echo.Context) error {
	ps := make([]notify.Preference, 0, len(notify.Kinds))
	on := func(k, ch string) bool { return c.FormValue(k+"."+ch) != "" }
	for _, k := range notify.Kinds {
		ps = append(ps, notify.Preference{Kind: k, InApp: on(k, "in_app"), Email: on(k, "email"), Digest: on(k, "digest")})
	}
	if err := h.svc.SetPreferences(c.Request().Context(), ps); err != nil {
		return err
	}
	return httpapi.Redirect(c, httpapi.ProvinceURL(c, "/notifications/preferences"), "prefs_saved")
}

func (h *handler) mailList(c echo.Context) error {
	f := mailFilter(c)
	rows, total, err := h.svc.Outbox(c.Request().Context(), f)
	if err != nil {
		return err
	}
	p := MailListPage{Page: httpapi.PageOf(c, "mail.title"), Total: total, Statuses: notify.Statuses, Status: f.Status, Q: f.Q}
	for _, m := range rows {
		p.Mails = append(p.Mails, h.mailJSON(m, false))
	}
	page := max(f.Page, 1)
	link := func(n int) string {
		q := url.Values{}
		if f.Status != "" {
			q.Set("status", f.Status)
		}
		if f.Q != "" {
			q.Set("q", f.Q)
		}
		q.Set("page", strconv.Itoa(n))
		return "/platform/mail?" + q.Encode()
	}
	if page > 1 {
		p.Prev = link(page - 1)
	}
	if page*50 < total {
		p.Next = link(page + 1)
	}
	return httpapi.HTML(c, http.StatusOK, "mail_list", p)
}

func (h *handler) mailShow(c echo.Context) error {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return err
	}
	m, err := h.svc.Mail(c.Request().Context(), id)
	if err != nil {
		return err
	}
	return httpapi.HTML(c, http.StatusOK, "mail_show", MailShowPage{Page: httpapi.PageOf(c, "mail.show_title"), Mail: h.mailJSON(m, true)})
}

// mailHTML serves a mail's HTML body for the preview's iframe. The body is data, not the
// app's page: the sandbox CSP gives it an opaque origin with no script, and it may be framed
// by the app's own pages only.
func (h *handler) mailHTML(c echo.Context) error {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return err
	}
	m, err := h.svc.Mail(c.Request().Context(), id)
	if err != nil {
		return err
	}
	hd := c.Response().Header()
	hd.Set("Content-Security-Policy", "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'")
	hd.Set("X-Frame-Options", "SAMEORIGIN")
	hd.Set("Cache-Control", "no-store")
	return c.HTMLBlob(http.StatusOK, []byte(m.HTMLBody))
}
