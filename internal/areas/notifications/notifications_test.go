package notifications_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/ent/user"
	"github.com/danvan-vn/danvan/internal/app/apptest"
	"github.com/danvan-vn/danvan/internal/areas/notifications"
	"github.com/danvan-vn/danvan/internal/db"
	"github.com/danvan-vn/danvan/internal/notify"
	"github.com/danvan-vn/danvan/internal/seed"
	"github.com/danvan-vn/danvan/internal/tenancy"
	"github.com/danvan-vn/danvan/internal/viewer"
)

const redisDB = 26 // this package's Redis database

func TestMain(m *testing.M) { apptest.Main(m) }

func userID(t *testing.T, e *apptest.Env, email string) int {
	t.Helper()
	u, err := e.App.DB.Client.User.Query().Where(user.Email(email)).Only(tenancy.SystemContext(context.Background()))
	if err != nil {
		t.Fatal(err)
	}
	return u.ID
}

func deliver(t *testing.T, e *apptest.Env, slug string, ms ...notify.Message) []notify.Delivered {
	t.Helper()
	tn, err := e.App.Tenants.BySlug(context.Background(), slug)
	if err != nil {
		t.Fatal(err)
	}
	ctx := viewer.NewContext(context.Background(), viewer.System(tn.ID, tn.Slug))
	var out []notify.Delivered
	if err := db.InTx(ctx, e.App.DB.Client, func(tx *ent.Tx) error {
		out, err = e.App.Notify.DeliverAll(ctx, tx, ms)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return out
}

func msg(kind string, uid int, title, link string) notify.Message {
	return notify.Message{Kind: kind, To: notify.Recipient{UserID: uid}, Link: link,
		Vars: map[string]string{"title": title, "what": "report", "unit": "UBND xã Hưng Nguyên", "due": "15/06/2025", "days": "-3", "province": "Nghệ An"}}
}

// TestNotificationsArea: the bell counts on every province page, the list filters, marks read
// (one, by following, all), preferences save; another user's notification is 404, another
// province is refused; the mail preview is the platform admin's only; the API is documented.
func TestNotificationsArea(t *testing.T) {
	e := apptest.New(t, "services", redisDB)
	admin := e.Client()
	admin.Login(seed.Provinces[0].AdminEmail) // nghe-an
	me := userID(t, e, seed.Provinces[0].AdminEmail)
	officer := e.Person(t, "canbo@nghean.test", "committee_member", "nghe-an", false)
	other := userID(t, e, "canbo@nghean.test")
	got := deliver(t, e, "nghe-an",
		msg(notify.KindReminder, me, "Báo cáo 6 tháng đầu năm", "/t/nghe-an/reports"),
		msg(notify.KindUrge, me, "Báo cáo quý II", "/t/nghe-an/units"),
		msg(notify.KindReminder, me, "Kế hoạch triển khai", "/t/nghe-an/plans"),
		msg(notify.KindReminder, other, "Thư của người khác", "/t/nghe-an/reports"),
	)

	// The bell, on a page of another area.
	st, html := admin.Page("/t/nghe-an/units")
	if st != http.StatusOK || !strings.Contains(html, `data-testid="bell-count">3<`) || !strings.Contains(html, `href="/t/nghe-an/notifications"`) {
		t.Fatalf("units page %d: no bell with 3\n%s", st, html)
	}

	// The list and its filters.
	st, html = admin.Page("/t/nghe-an/notifications?kind=urge")
	if st != http.StatusOK || !strings.Contains(html, "Đôn đốc: Báo cáo quý II") || strings.Contains(html, "Báo cáo 6 tháng đầu năm") {
		t.Fatalf("urge filter %d:\n%s", st, html)
	}
	if strings.Contains(html, "Thư của người khác") {
		t.Error("another user's notification listed")
	}

	// Following a notification marks it read and goes to its subject.
	resp, _ := admin.Form("/t/nghe-an/notifications/"+strconv.Itoa(got[0].NotificationID)+"/open", url.Values{})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/t/nghe-an/reports" {
		t.Errorf("open: %d to %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	resp, _ = admin.Form("/t/nghe-an/notifications/"+strconv.Itoa(got[1].NotificationID)+"/read", url.Values{"back": {"/t/nghe-an/notifications?unread=true"}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/t/nghe-an/notifications?unread=true" {
		t.Errorf("read: %d to %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	r, body := admin.Do(http.MethodGet, "/api/v1/t/nghe-an/notifications/unread-count", nil)
	apptest.Expect(t, r, body, http.StatusOK, "")
	var cnt notifications.CountJSON
	_ = json.Unmarshal(body, &cnt)
	if cnt.Count != 1 {
		t.Errorf("unread after two reads = %d, want 1", cnt.Count)
	}

	// Another user's notification is not found, page and API; the officer's own is there.
	resp, _ = admin.Form("/t/nghe-an/notifications/"+strconv.Itoa(got[3].NotificationID)+"/read", url.Values{})
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("reading another user's notification: %d", resp.StatusCode)
	}
	r, body = admin.Do(http.MethodPost, "/api/v1/t/nghe-an/notifications/"+strconv.Itoa(got[3].NotificationID)+"/read", nil)
	apptest.Expect(t, r, body, http.StatusNotFound, "")
	r, body = officer.Do(http.MethodGet, "/api/v1/t/nghe-an/notifications?unread=true", nil)
	apptest.Expect(t, r, body, http.StatusOK, "")
	var list notifications.ListJSON
	_ = json.Unmarshal(body, &list)
	if list.Total != 1 || list.Items[0].Title != "Nhắc hạn: Thư của người khác" || list.Unread != 1 {
		t.Errorf("officer's list: %+v", list)
	}

	// Another province: refused (not a member there).
	r, body = admin.Do(http.MethodGet, "/api/v1/t/quang-ngai/notifications", nil)
	if r.StatusCode != http.StatusForbidden && r.StatusCode != http.StatusNotFound {
		t.Errorf("another province's notifications: %d %s", r.StatusCode, body)
	}

	// Mark all read.
	resp, _ = admin.Form("/t/nghe-an/notifications/read-all", url.Values{})
	if resp.StatusCode != http.StatusSeeOther {
		t.Errorf("read-all: %d", resp.StatusCode)
	}
	if _, html = admin.Page("/t/nghe-an/notifications"); strings.Contains(html, `data-testid="bell-count"`) || !strings.Contains(html, `class="bell"`) {
		t.Error("after read-all the bell still counts (or is gone)")
	}

	// Preferences: the page's table, then a save by form (an unchecked box is off) and by the API.
	st, html = admin.Page("/t/nghe-an/notifications/preferences")
	if st != http.StatusOK || !strings.Contains(html, `name="reminder.email"`) || !strings.Contains(html, "Thư tổng hợp hằng ngày") {
		t.Fatalf("preferences page %d:\n%s", st, html)
	}
	resp, _ = admin.Form("/t/nghe-an/notifications/preferences", url.Values{"reminder.in_app": {"1"}, "reminder.digest": {"1"}, "urge.email": {"1"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("save preferences: %d", resp.StatusCode)
	}
	r, body = admin.Do(http.MethodGet, "/api/v1/t/nghe-an/notifications/preferences", nil)
	apptest.Expect(t, r, body, http.StatusOK, "")
	var prefs []notifications.PreferenceJSON
	_ = json.Unmarshal(body, &prefs)
	want := []notifications.PreferenceJSON{{Kind: "reminder", InApp: true, Digest: true}, {Kind: "escalation"}, {Kind: "urge", Email: true}}
	if len(prefs) != 3 || prefs[0] != want[0] || prefs[1] != want[1] || prefs[2] != want[2] {
		t.Errorf("preferences = %+v, want %+v", prefs, want)
	}
	r, body = admin.Do(http.MethodPut, "/api/v1/t/nghe-an/notifications/preferences", notifications.PreferencesRequest{
		Preferences: []notifications.PreferenceJSON{{Kind: "urge", InApp: true}}})
	apptest.Expect(t, r, body, http.StatusOK, "")
	r, body = admin.Do(http.MethodPut, "/api/v1/t/nghe-an/notifications/preferences", notifications.PreferencesRequest{
		Preferences: []notifications.PreferenceJSON{{Kind: "spam"}}})
	apptest.Expect(t, r, body, http.StatusUnprocessableEntity, "")

	// The mail preview: the platform admin's, not a province admin's.
	for _, p := range []string{"/platform/mail", "/platform/mail/" + strconv.Itoa(got[0].MailID), "/platform/mail/" + strconv.Itoa(got[0].MailID) + "/html"} {
		if st, _ := admin.Page(p); st != http.StatusForbidden {
			t.Errorf("province admin on %s: %d", p, st)
		}
	}
	r, _ = admin.Do(http.MethodGet, "/api/v1/platform/mail", nil)
	if r.StatusCode != http.StatusForbidden {
		t.Errorf("province admin on the mail API: %d", r.StatusCode)
	}
	plat := e.Client()
	plat.Login(seed.PlatformAdminEmail)
	st, html = plat.Page("/platform/mail?status=pending")
	if st != http.StatusOK || !strings.Contains(html, "[Dân vận] Nhắc hạn: Báo cáo 6 tháng đầu năm") {
		t.Fatalf("mail list %d:\n%s", st, html)
	}
	st, html = plat.Page("/platform/mail/" + strconv.Itoa(got[0].MailID))
	if st != http.StatusOK || !strings.Contains(html, `<iframe class="mail-html" src="/platform/mail/`+strconv.Itoa(got[0].MailID)+`/html"`) ||
		!strings.Contains(html, "Kính gửi đồng chí") || !strings.Contains(html, "Message-ID") {
		t.Fatalf("mail page %d:\n%s", st, html)
	}
	r, body = plat.Do(http.MethodGet, "/platform/mail/"+strconv.Itoa(got[0].MailID)+"/html", nil)
	if r.StatusCode != http.StatusOK || !strings.HasPrefix(r.Header.Get("Content-Security-Policy"), "sandbox") || !strings.Contains(string(body), "<html lang=\"vi\">") {
		t.Errorf("mail html: %d CSP %q", r.StatusCode, r.Header.Get("Content-Security-Policy"))
	}
	r, body = plat.Do(http.MethodGet, "/api/v1/platform/mail/"+strconv.Itoa(got[0].MailID), nil)
	apptest.Expect(t, r, body, http.StatusOK, "")
	var m notifications.MailJSON
	_ = json.Unmarshal(body, &m)
	if m.Status != "pending" || m.Text == "" || !strings.HasPrefix(m.MessageID, "mail-"+strconv.Itoa(got[0].MailID)+"@") {
		t.Errorf("mail JSON: %+v", m)
	}

	// The API is in the OpenAPI document.
	r, body = admin.Do(http.MethodGet, "/api/v1/openapi.json", nil)
	apptest.Expect(t, r, body, http.StatusOK, "")
	for _, p := range []string{"/api/v1/t/{slug}/notifications", "/api/v1/t/{slug}/notifications/preferences",
		"/api/v1/t/{slug}/notifications/{id}/read", "/api/v1/platform/mail/{id}"} {
		if !strings.Contains(string(body), `"`+p+`"`) {
			t.Errorf("OpenAPI document lacks %s", p)
		}
	}
}
