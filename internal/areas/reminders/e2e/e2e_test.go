package e2e_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/ent/mailmessage"
	"github.com/danvan-vn/danvan/internal/app/apptest"
	"github.com/danvan-vn/danvan/internal/areas/notifications"
	"github.com/danvan-vn/danvan/internal/areas/reminders"
	"github.com/danvan-vn/danvan/internal/notify/smtptest"
	"github.com/danvan-vn/danvan/internal/tenancy"
)

const redisDB = 29 // this package's Redis database

func TestMain(m *testing.M) { apptest.Main(m) }

func decode[T any](t *testing.T, body []byte) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(body, &v); err != nil {
		t.Fatalf("decode %T: %v: %.300s", v, err, body)
	}
	return v
}

func get[T any](t *testing.T, c *apptest.Client, path string) T {
	t.Helper()
	resp, body := c.Do(http.MethodGet, path, nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	return decode[T](t, body)
}

// mails counts the outbox's rows (every province), by status.
func mails(t *testing.T, e *apptest.Env) map[mailmessage.Status]int {
	t.Helper()
	ms, err := e.App.DB.Client.MailMessage.Query().All(tenancy.SystemContext(context.Background())) // the whole outbox
	if err != nil {
		t.Fatal(err)
	}
	out := map[mailmessage.Status]int{}
	for _, m := range ms {
		out[m.Status]++
		out[""]++
	}
	return out
}

// flushAll sends what the outbox holds (the worker's kicks may have sent some already) and
// waits until nothing is pending.
func flushAll(t *testing.T, e *apptest.Env) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		if _, err := e.App.Notify.Flush(context.Background()); err != nil {
			t.Fatal(err)
		}
		m := mails(t, e)
		if m[mailmessage.StatusPending] == 0 {
			if m[mailmessage.StatusFailed] > 0 {
				t.Fatalf("failed mail: %v", m)
			}
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("outbox still pending: %v", m)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// TestReminders_EndToEnd runs the real engine over a province's situation (apptest.
// ReminderSituation) and follows its reminders through the app: the bell and the list, the
// standing agency's log and resend, the report board's urge, the mail at an SMTP server (once),
// a submission stopping the reminders, and the refusals.
func TestReminders_EndToEnd(t *testing.T) {
	srv := smtptest.Start(t)
	e := apptest.Start(t, apptest.Options{Mode: "services", RedisDB: redisDB, Vars: map[string]string{
		"DANVAN_SMTP_URL": srv.URL(), "DANVAN_MAIL_FROM": "danvan@danvan.test", "DANVAN_BASE_URL": "https://danvan.test"}})
	apptest.WaitTenant(t, e.App, "nghe-an", "active")
	apptest.WaitTenant(t, e.App, "hoa-binh", "active")
	r := e.ReminderSituation(t, "nghe-an", "e2e")
	other := e.Person(t, "admin@hoa-binh.test", "province_admin", "hoa-binh", false)
	const (
		api   = "/api/v1/t/nghe-an"
		pages = "/t/nghe-an"
	)
	reportLink := fmt.Sprintf("%s/reports/units/%d", pages, r.Reports["A"])

	// The preview of the day names every reminder the sweep will decide.
	preview := get[reminders.PreviewJSON](t, r.Head, api+"/reminders/preview?day="+apptest.ReminderDay.ISO())
	if len(preview.Planned) != 10 {
		t.Errorf("preview: %d planned, want 10: %+v", len(preview.Planned), preview.Planned)
	}

	// The sweep: report A (officer, leader by e-mail) and B (one person) three days ahead;
	// A's task 3 days late (officer, leader, member) and 7 days late (officer, leader — its +3
	// step caught up —, member, agency head).
	res, err := e.App.Reminders.Sweep(r.Ctx, apptest.ReminderDay)
	if err != nil {
		t.Fatal(err)
	}
	if res.Decided != 10 || res.Existing != 0 {
		t.Fatalf("sweep: %+v, want 10 decided", res)
	}

	// The officer's bell and list.
	if n := get[notifications.CountJSON](t, r.Officer, api+"/notifications/unread-count").Count; n != 3 {
		t.Errorf("officer's unread count %d, want 3", n)
	}
	status, page := r.Officer.Page(pages + "/notifications")
	if status != http.StatusOK || !strings.Contains(page, `data-testid="bell-count">3<`) {
		t.Errorf("officer's list: %d, bell 3 shown: %v", status, strings.Contains(page, `data-testid="bell-count">3<`))
	}
	list := get[notifications.ListJSON](t, r.Officer, api+"/notifications")
	var reportNote notifications.NotificationJSON
	for _, it := range list.Items {
		if it.Link == reportLink {
			reportNote = it
		}
	}
	if reportNote.ID == 0 || reportNote.Kind != "reminder" || reportNote.Read {
		t.Fatalf("no unread reminder linking to %s in %+v", reportLink, list.Items)
	}
	if !strings.Contains(page, fmt.Sprintf(`action="%s/notifications/%d/open"`, pages, reportNote.ID)) || !strings.Contains(page, reportNote.Title) {
		t.Errorf("the list page does not offer to open %q", reportNote.Title)
	}
	// Opening it goes to the report and marks it read.
	resp, body := r.Officer.Form(fmt.Sprintf("%s/notifications/%d/open", pages, reportNote.ID), url.Values{})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != reportLink {
		t.Errorf("open: %d to %q, want 303 to %s; %.300s", resp.StatusCode, resp.Header.Get("Location"), reportLink, body)
	}
	if status, _ := r.Officer.Page(reportLink); status != http.StatusOK {
		t.Errorf("the officer's report page: %d", status)
	}
	if n := get[notifications.CountJSON](t, r.Officer, api+"/notifications/unread-count").Count; n != 2 {
		t.Errorf("after opening: unread %d, want 2", n)
	}
	// The member and the head got their escalations.
	for who, c := range map[string]*apptest.Client{"member": r.Member, "head": r.Head} {
		l := get[notifications.ListJSON](t, c, api+"/notifications")
		want := map[string]int{"member": 2, "head": 1}[who]
		if l.Total != want || len(l.Items) == 0 || l.Items[0].Kind != "escalation" {
			t.Errorf("%s: %d notifications (%+v), want %d escalations", who, l.Total, l.Items, want)
		}
	}

	// The mail reaches the SMTP server once.
	flushAll(t, e)
	got := srv.Wait(10, 20*time.Second)
	if len(got) != 10 {
		t.Fatalf("smtp: %d mails, want 10", len(got))
	}
	ids := map[string]bool{}
	for _, m := range got {
		if ids[m.MessageID()] {
			t.Errorf("mail %s arrived twice", m.MessageID())
		}
		ids[m.MessageID()] = true
	}
	var toLeader int
	for _, m := range got {
		if len(m.To) == 1 && m.To[0] == r.Emails["leaderA"] {
			toLeader++
			if !strings.Contains(m.Text+m.HTML, "https://danvan.test"+pages) {
				t.Errorf("the leader's mail has no link into the app: %.300s", m.Text)
			}
		}
	}
	if toLeader != 3 {
		t.Errorf("A's leader (e-mail only) got %d mails, want 3", toLeader)
	}
	// A second sweep of the day decides nothing and sends nothing.
	res, err = e.App.Reminders.Sweep(r.Ctx, apptest.ReminderDay)
	if err != nil || res.Decided != 0 || res.Existing != 10 {
		t.Errorf("second sweep: %+v %v, want 10 existing", res, err)
	}
	flushAll(t, e)
	time.Sleep(300 * time.Millisecond)
	if n := len(srv.Messages()); n != 10 {
		t.Errorf("after the second sweep: %d mails at the server, want 10", n)
	}

	// The standing agency's log: reminders and escalations with their mail sent.
	log := get[reminders.LogJSON](t, r.Head, api+"/reminders/log?per_page=100")
	kinds := map[string]int{}
	for _, en := range log.Entries {
		kinds[en.Kind]++
		if en.MailStatus != "sent" {
			t.Errorf("log entry %d (%s to %s): mail %q, want sent", en.ID, en.Rule, en.Name, en.MailStatus)
		}
	}
	if log.Total != 10 || kinds["reminder"] != 7 || kinds["escalation"] != 3 {
		t.Errorf("log: %d entries %v, want 7 reminders and 3 escalations", log.Total, kinds)
	}
	status, page = r.Head.Page(pages + "/reminders/log")
	if status != http.StatusOK {
		t.Fatalf("log page: %d", status)
	}
	for _, en := range log.Entries {
		if !strings.Contains(page, fmt.Sprintf(`action="%s/reminders/log/%d/resend"`, pages, en.ID)) {
			t.Errorf("log page: no resend for %d", en.ID)
		}
	}
	// Resend the leader's report reminder: one more mail in the outbox, sent.
	var leaderEntry reminders.EntryJSON
	for _, en := range log.Entries {
		if en.Email == r.Emails["leaderA"] && en.SubjectKind == "report" {
			leaderEntry = en
		}
	}
	before := mails(t, e)[""]
	resp, body = r.Head.Form(fmt.Sprintf("%s/reminders/log/%d/resend", pages, leaderEntry.ID), url.Values{})
	if resp.StatusCode != http.StatusSeeOther {
		t.Errorf("resend: %d %.300s", resp.StatusCode, body)
	}
	if n := mails(t, e)[""]; n != before+1 {
		t.Errorf("resend: outbox %d, want %d", n, before+1)
	}
	if en := get[reminders.EntryJSON](t, r.Head, fmt.Sprintf("%s/reminders/log/%d", api, leaderEntry.ID)); en.Resent != 1 {
		t.Errorf("resent entry: %+v", en)
	}
	flushAll(t, e)
	if n := len(srv.Wait(11, 10*time.Second)); n != 11 {
		t.Errorf("after resend: %d mails at the server, want 11", n)
	}

	// The report board's urge (the period page's form) urges A's contacts.
	before = mails(t, e)[""]
	resp, body = r.Head.Form(fmt.Sprintf("%s/reports/periods/%d/urge", pages, r.Period),
		url.Values{"report_id": {strconv.Itoa(r.Reports["A"])}, "note": {"Đề nghị gửi báo cáo trước thứ Sáu."}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("urge: %d %.400s", resp.StatusCode, body)
	}
	l := get[notifications.ListJSON](t, r.Officer, api+"/notifications?kind=urge")
	if l.Total != 1 || l.Items[0].Link != reportLink || l.Items[0].Read {
		t.Errorf("officer's urges: %+v", l)
	}
	if n := mails(t, e)[""]; n != before+2 {
		t.Errorf("urge: outbox %d, want %d (officer and leader)", n, before+2)
	}
	if l := get[reminders.LogJSON](t, r.Head, api+"/reminders/log?kind=urge"); l.Total != 2 || l.Entries[0].Note == "" {
		t.Errorf("urges in the log: %+v", l)
	}
	flushAll(t, e)
	if n := len(srv.Wait(13, 10*time.Second)); n != 13 {
		t.Errorf("after the urge: %d mails at the server, want 13", n)
	}

	// A submits its report: Thursday's sweep (the -1 step) reminds B only.
	aCtx := r.Ctx
	if _, err := e.App.Reports.Submit(aCtx, r.Reports["A"]); err != nil {
		t.Fatalf("submit A's report: %v", err)
	}
	thursday := apptest.ReminderDay.AddDays(2)
	res, err = e.App.Reminders.Sweep(r.Ctx, thursday)
	if err != nil {
		t.Fatal(err)
	}
	ds, err := e.App.DB.Client.ReminderDecision.Query().Order(ent.Asc("id")).All(r.Ctx)
	if err != nil {
		t.Fatal(err)
	}
	var thursdays []string
	for _, d := range ds {
		if d.Rule == "unit-1" {
			thursdays = append(thursdays, fmt.Sprintf("%s:%d %s", d.SubjectKind, d.SubjectID, d.Recipient))
			if d.SubjectID == r.Reports["A"] && d.SubjectKind == "report" {
				t.Errorf("a reminder for A's submitted report: %s", d.Recipient)
			}
		}
	}
	if len(thursdays) != 1 || !strings.HasPrefix(thursdays[0], fmt.Sprintf("report:%d ", r.Reports["B"])) {
		t.Errorf("Thursday's -1 reminders: %v (sweep %+v), want B's only", thursdays, res)
	}

	// Refusals: another province sees nothing; a unit officer does not see the rules.
	for _, path := range []string{pages + "/reminders", pages + "/reminders/log", fmt.Sprintf("%s/reminders/log/%d", pages, leaderEntry.ID),
		pages + "/notifications"} {
		if status, _ := other.Page(path); status != http.StatusNotFound && status != http.StatusForbidden {
			t.Errorf("Hòa Bình's admin on %s: %d", path, status)
		}
	}
	resp, body = other.Form(fmt.Sprintf("%s/reminders/log/%d/resend", pages, leaderEntry.ID), url.Values{})
	if resp.StatusCode != http.StatusNotFound && resp.StatusCode != http.StatusForbidden {
		t.Errorf("Hòa Bình's admin resends: %d %.200s", resp.StatusCode, body)
	}
	if l := get[reminders.LogJSON](t, other, "/api/v1/t/hoa-binh/reminders/log"); l.Total != 0 {
		t.Errorf("Hòa Bình's log: %+v", l)
	}
	if l := get[notifications.ListJSON](t, other, "/api/v1/t/hoa-binh/notifications"); l.Total != 0 {
		t.Errorf("Hòa Bình's admin's notifications: %+v", l)
	}
	if resp, _ := other.Do(http.MethodGet, fmt.Sprintf("/api/v1/t/hoa-binh/reminders/log/%d", leaderEntry.ID), nil); resp.StatusCode != http.StatusNotFound {
		t.Errorf("Nghệ An's entry under Hòa Bình: %d, want 404", resp.StatusCode)
	}
	if resp, _ := other.Do(http.MethodPost, fmt.Sprintf("/api/v1/t/hoa-binh/reminders/log/%d/resend", leaderEntry.ID), nil); resp.StatusCode != http.StatusNotFound {
		t.Errorf("Nghệ An's entry resent under Hòa Bình: %d, want 404", resp.StatusCode)
	}
	for _, path := range []string{pages + "/reminders", pages + "/reminders/log"} {
		if status, _ := r.Officer.Page(path); status != http.StatusForbidden {
			t.Errorf("unit officer on %s: %d, want 403", path, status)
		}
	}
	if resp, _ := r.Officer.Do(http.MethodGet, api+"/reminders/log", nil); resp.StatusCode != http.StatusForbidden {
		t.Errorf("unit officer on the log API: %d, want 403", resp.StatusCode)
	}
}
