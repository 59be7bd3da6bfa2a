package notifications

import (
	"github.com/danvan-vn/danvan/internal/authz"
	"github.com/danvan-vn/danvan/internal/httpapi"
)

// Permissions this area's routes declare. Every member of a province holds the notification
// ones (role authenticated): a notification is its reader's own.
var (
	permRead     = authz.Permission{Object: "notification", Action: "read"}
	permUpdate   = authz.Permission{Object: "notification", Action: "update"}
	permMailRead = authz.Permission{Object: "mail", Action: "read"} // the platform admin's
)

// Register declares the area's routes.
func (h *handler) Register(r *httpapi.Router) {
	r = r.Area("notifications")
	r.Nav(httpapi.NavItem{Section: httpapi.NavPlatform, Label: "nav.mail", Path: "/platform/mail", Order: 40})
	r.Flash("read_all", "notifications.read_all_done")
	r.Flash("prefs_saved", "notifications.prefs_saved")
	r.Templates("notifications", "notification_prefs", "mail_list", "mail_show")
	r.Bell("/notifications", permRead, h.svc.UnreadCount)

	p := r.Province()
	p.Page(httpapi.GET, "/notifications", h.page, permRead)
	p.Page(httpapi.POST, "/notifications/read-all", h.readAll, permUpdate)
	p.Page(httpapi.GET, "/notifications/preferences", h.prefsPage, permRead)
	p.Page(httpapi.POST, "/notifications/preferences", h.prefsSave, permUpdate)
	p.Page(httpapi.POST, "/notifications/:id/read", h.read, permUpdate)
	p.Page(httpapi.POST, "/notifications/:id/open", h.open, permUpdate)
	p.API(httpapi.GET, "/notifications", h.apiList, permRead, httpapi.Out[ListJSON](),
		httpapi.Summary("The viewer's notifications in the province, newest first (query: unread=true, kind, page, per_page, lang)"))
	p.API(httpapi.GET, "/notifications/unread-count", h.apiUnread, permRead, httpapi.Out[CountJSON](),
		httpapi.Summary("How many of the viewer's notifications are unread (the bell)"))
	p.API(httpapi.POST, "/notifications/read-all", h.apiReadAll, permUpdate, httpapi.Out[CountJSON](),
		httpapi.Summary("Mark every notification of the viewer read; answers how many"))
	p.API(httpapi.POST, "/notifications/:id/read", h.apiRead, permUpdate, httpapi.Out[NotificationJSON](),
		httpapi.Summary("Mark one of the viewer's notifications read (another user's is not found)"))
	p.API(httpapi.GET, "/notifications/preferences", h.apiPrefs, permRead, httpapi.Out[[]PreferenceJSON](),
		httpapi.Summary("The viewer's preferences per kind: in the app, by e-mail, in the daily digest"))
	p.API(httpapi.PUT, "/notifications/preferences", h.apiPrefsSet, permUpdate, httpapi.In[PreferencesRequest](),
		httpapi.Out[[]PreferenceJSON](), httpapi.Summary("Set the viewer's preferences for the kinds given (a person's own, in every province)"))

	plat := r.Platform()
	plat.Page(httpapi.GET, "/mail", h.mailList, permMailRead)
	plat.Page(httpapi.GET, "/mail/:id", h.mailShow, permMailRead)
	plat.Page(httpapi.GET, "/mail/:id/html", h.mailHTML, permMailRead)
	plat.API(httpapi.GET, "/mail", h.apiMailList, permMailRead, httpapi.Out[MailListJSON](),
		httpapi.Summary("The e-mail outbox of every province, newest first (query: status, q, page)"))
	plat.API(httpapi.GET, "/mail/:id", h.apiMail, permMailRead, httpapi.Out[MailJSON](),
		httpapi.Summary("One outbox e-mail with its headers and both bodies"))
}
