package calendar_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/danvan-vn/danvan/internal/app/apptest"
)

const redisDB = 12 // this package's Redis database

func TestMain(m *testing.M) { apptest.Main(m) }

// cell is the month grid's cell of an ISO day: its classes and its text.
func cell(t *testing.T, page, iso string) (class, text string) {
	t.Helper()
	m := regexp.MustCompile(`(?s)<td class="([^"]*)"[^>]*>\s*<time class="day-num" datetime="` + iso + `T[^"]*">(.*?)</td>`).FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no cell for %s", iso)
	}
	return m[1], m[2]
}

// TestPages_MonthGrid: April 2026 as officials read it: Monday first, 1 April a Wednesday,
// Monday 27 April the day off in lieu of Giỗ Tổ (Sunday 26), 30 April a holiday; 1 May too.
func TestPages_MonthGrid(t *testing.T) {
	e := apptest.NewConfigured(t, "embedded", redisDB)
	apptest.WaitTenant(t, e.App, "nghe-an", "active")
	admin := e.Client()
	admin.Login("admin@nghe-an.danvan.vn")

	status, page := admin.Page("/t/nghe-an/calendar?month=2026-04")
	if status != http.StatusOK {
		t.Fatalf("calendar: %d", status)
	}
	grid := regexp.MustCompile(`(?s)<table class="month-grid">.*?</table>`).FindString(page)
	heads := regexp.MustCompile(`<th scope="col"[^>]*><abbr title="[^"]+">([^<]+)</abbr></th>`).FindAllStringSubmatch(grid, -1)
	var names []string
	for _, h := range heads {
		names = append(names, h[1])
	}
	if got := strings.Join(names, " "); got != "T2 T3 T4 T5 T6 T7 CN" {
		t.Errorf("weekday header = %q", got)
	}
	if !strings.Contains(page, `<h2 id="month-heading">Tháng 4 năm 2026</h2>`) {
		t.Error("month heading")
	}
	first := regexp.MustCompile(`(?s)<tbody>\s*<tr>(.*?)</tr>`).FindStringSubmatch(grid)
	if first == nil {
		t.Fatal("no first week")
	}
	tds := regexp.MustCompile(`(?s)<td class="[^"]*"[^>]*>.*?</td>`).FindAllString(first[1], -1)
	if len(tds) != 7 || !strings.Contains(tds[2], `datetime="2026-04-01T`) || !strings.Contains(tds[1], "day-blank") {
		t.Errorf("first week: 01/04/2026 (a Wednesday) not in the third column: %q", tds)
	}
	if c, txt := cell(t, grid, "2026-04-27"); !strings.Contains(c, "day-holiday") || !strings.Contains(c, "day-compensatory") || !strings.Contains(txt, "Nghỉ bù Giỗ Tổ Hùng Vương") {
		t.Errorf("27/04/2026: %q %q, want the day off in lieu of Giỗ Tổ", c, txt)
	}
	if c, txt := cell(t, grid, "2026-04-30"); !strings.Contains(c, "day-holiday") || !strings.Contains(txt, "Ngày Chiến thắng") {
		t.Errorf("30/04/2026: %q %q", c, txt)
	}
	if c, _ := cell(t, grid, "2026-04-25"); !strings.Contains(c, "day-weekend") || strings.Contains(c, "day-holiday") {
		t.Errorf("Saturday 25/04/2026: %q", c)
	}
	if c, _ := cell(t, grid, "2026-04-28"); strings.Contains(c, "day-off") {
		t.Errorf("Tuesday 28/04/2026 is a working day: %q", c)
	}
	if !strings.Contains(page, `href="/t/nghe-an/calendar?month=2026-03" rel="prev"`) || !strings.Contains(page, `href="/t/nghe-an/calendar?month=2026-05" rel="next"`) {
		t.Error("month links")
	}
	// The year's list is still there.
	if !strings.Contains(page, `class="table table-calendar"`) {
		t.Error("the list of days is gone")
	}

	_, page = admin.Page("/t/nghe-an/calendar?month=2026-05")
	if c, txt := cell(t, page, "2026-05-01"); !strings.Contains(c, "day-holiday") || !strings.Contains(txt, "Ngày Quốc tế Lao động") {
		t.Errorf("01/05/2026: %q %q", c, txt)
	}
	// A make-up working day is marked as one.
	resp, _ := admin.Form("/t/nghe-an/calendar", map[string][]string{"date": {"09/05/2026"}, "name": {"Làm bù cho 30/04"}, "kind": {"makeup_workday"}, "year": {"2026"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("add make-up day: %d", resp.StatusCode)
	}
	_, page = admin.Page("/t/nghe-an/calendar?month=2026-05")
	if c, txt := cell(t, page, "2026-05-09"); !strings.Contains(c, "day-makeup") || strings.Contains(c, "day-off") || !strings.Contains(txt, "Làm bù cho 30/04") {
		t.Errorf("make-up day 09/05/2026: %q %q", c, txt)
	}

	for _, bad := range []string{"2026-13", "april", "1999-12"} {
		if status, _ := admin.Page("/t/nghe-an/calendar?month=" + bad); status != http.StatusUnprocessableEntity {
			t.Errorf("?month=%s: %d, want 422", bad, status)
		}
	}
	resp, body := admin.Do(http.MethodGet, "/api/v1/t/nghe-an/calendar?year=2026", nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
}
