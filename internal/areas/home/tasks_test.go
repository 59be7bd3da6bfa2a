package home_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/danvan-vn/danvan/internal/app/apptest"
	"github.com/danvan-vn/danvan/internal/calendar"
)

// TestPages_HomeTaskProgress: the province home's card "Tiến độ nhiệm vụ" counts the lead
// assignments of this year's issued plans by status (drafts and other years left out), as an SVG
// chart with a legend linking to the plans; unit staff get their units' counts.
func TestPages_HomeTaskProgress(t *testing.T) {
	e := apptest.NewConfigured(t, "embedded", redisDB)
	apptest.WaitTenant(t, e.App, "nghe-an", "active")
	admin := e.Client()
	admin.Login("admin@nghe-an.danvan.vn")
	api, base := "/api/v1/t/nghe-an", "/t/nghe-an"
	year := calendar.Today().Year

	resp, body := admin.Do(http.MethodGet, api+"/units", nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	var us struct {
		Units []struct {
			ID   int    `json:"id"`
			Type string `json:"type"`
		} `json:"units"`
	}
	if err := json.Unmarshal(body, &us); err != nil {
		t.Fatal(err)
	}
	var units []int
	for _, u := range us.Units {
		if u.Type != "province" {
			units = append(units, u.ID)
		}
	}
	if len(units) < 2 {
		t.Fatalf("fixture: units %v", units)
	}
	a, b := units[0], units[1]
	plan := func(status string, year int) int {
		t.Helper()
		resp, body := admin.Do(http.MethodPost, api+"/plans", map[string]any{"title": fmt.Sprintf("Kế hoạch %s %d", status, year), "year": year, "status": status})
		apptest.Expect(t, resp, body, http.StatusCreated, "")
		var p struct {
			ID int `json:"id"`
		}
		_ = json.Unmarshal(body, &p)
		return p.ID
	}
	task := func(planID int, body map[string]any) {
		t.Helper()
		resp, b := admin.Do(http.MethodPost, fmt.Sprintf("%s/plans/%d/tasks", api, planID), body)
		apptest.Expect(t, resp, b, http.StatusCreated, "")
	}
	card := func(c *apptest.Client) (string, map[string]int) {
		t.Helper()
		status, page := c.Page(base + "/")
		if status != http.StatusOK {
			t.Fatalf("home: %d", status)
		}
		s := regexp.MustCompile(`(?s)<section class="card home-tasks".*?</section>`).FindString(page)
		counts := map[string]int{}
		for _, m := range regexp.MustCompile(`data-status="([a-z_]+)">([0-9.]*)<`).FindAllStringSubmatch(s, -1) {
			counts[m[1]], _ = strconv.Atoi(strings.ReplaceAll(m[2], ".", ""))
		}
		return s, counts
	}
	// The demo's own plans of this year count too: compare with the card before.
	officer := e.UnitPerson(t, "home-tasks-b@nghe-an.vn", "unit_officer", "nghe-an", b, false)
	_, before := card(admin)
	_, beforeB := card(officer)
	delta := func(after, before map[string]int) map[string]int {
		out := map[string]int{}
		for _, k := range []string{"overdue", "open", "continuous", "done_late", "done_on_time"} {
			out[k] = after[k] - before[k]
		}
		return out
	}

	issued, draft, last := plan("issued", year), plan("draft", year), plan("issued", year-1)
	task(issued, map[string]any{"content": "Quán triệt Kế hoạch.", "due_on": "30/12/2099", "lead_unit_ids": []int{a, b}})
	task(issued, map[string]any{"content": "Tổng kết tiếp công dân.", "due_on": "02/01/2020", "lead_unit_ids": []int{a}})
	task(issued, map[string]any{"content": "Công khai thủ tục.", "deadline_kind": "continuous", "lead_unit_ids": []int{b}, "coordinating_unit_ids": []int{a}})
	task(draft, map[string]any{"content": "Dự thảo: không tính.", "due_on": "02/01/2020", "lead_unit_ids": []int{a}})
	task(last, map[string]any{"content": "Năm trước: không tính.", "due_on": "02/01/2020", "lead_unit_ids": []int{b}})

	s, counts := card(admin)
	want := map[string]int{"overdue": 1, "open": 2, "continuous": 1, "done_late": 0, "done_on_time": 0}
	if got := delta(counts, before); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("province counts grew by %v, want %v; card %q", got, want, s)
	}
	if !strings.Contains(s, "Tiến độ nhiệm vụ") || !strings.Contains(s, "<svg") || !strings.Contains(s, `class="seg seg-overdue"`) ||
		!strings.Contains(s, "Quá hạn chưa hoàn thành") || !strings.Contains(s, fmt.Sprintf(`href="/t/nghe-an/plans?year=%d"`, year)) ||
		!strings.Contains(s, fmt.Sprintf("năm %d,", year)) {
		t.Errorf("card %q", s)
	}
	if strings.Contains(s, "style=") {
		t.Error("inline style in the chart (the CSP forbids it)")
	}

	// Unit staff: their unit's lead assignments only.
	s, counts = card(officer)
	want = map[string]int{"overdue": 0, "open": 1, "continuous": 1, "done_late": 0, "done_on_time": 0}
	if got := delta(counts, beforeB); fmt.Sprint(got) != fmt.Sprint(want) || !strings.Contains(s, "mine=1") {
		t.Errorf("B's officer's counts grew by %v, want %v; card %q", got, want, s)
	}
	// Without plan:read, no card.
	for _, object := range []string{"plan"} {
		resp, body = admin.Do(http.MethodPut, api+"/grants", map[string]string{"role": "readonly_leader", "object": object, "action": "read", "state": "deny"})
		apptest.Expect(t, resp, body, http.StatusNoContent, "")
	}
	reader := e.Person(t, "home-tasks-reader@nghe-an.vn", "readonly_leader", "nghe-an", false)
	if s, _ := card(reader); s != "" {
		t.Errorf("a role denied plan:read sees the card %q", s)
	}
}
