package home_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/danvan-vn/danvan/internal/app/apptest"
	"github.com/danvan-vn/danvan/internal/calendar"
)

const redisDB = 11 // this package's Redis database

func TestMain(m *testing.M) { apptest.Main(m) }

// TestPages_HomeWork: the province home lists the regimes' deadlines of the next 60 days as the
// regimes' own preview computes them, and the units no committee member is in charge of today,
// each only for those allowed to read them; the header has no empty link band.
func TestPages_HomeWork(t *testing.T) {
	e := apptest.NewConfigured(t, "embedded", redisDB)
	apptest.WaitTenant(t, e.App, "nghe-an", "active")
	admin := e.Client()
	admin.Login("admin@nghe-an.danvan.vn")
	api, base := "/api/v1/t/nghe-an", "/t/nghe-an"
	today := calendar.Today()

	// A unit founded today that nobody is in charge of yet.
	const unitName = "UBND xã Thử Trang Chủ"
	resp, body := admin.Do(http.MethodPost, api+"/units", map[string]any{"code": "X-THU-TC", "name": unitName, "type": "commune", "date": today.String()})
	apptest.Expect(t, resp, body, http.StatusCreated, "")
	// A regime due in about ten days, whatever today is.
	soon := today.AddDays(10)
	const regimeName = "Báo cáo thử trang chủ"
	resp, body = admin.Do(http.MethodPost, api+"/regimes", map[string]any{"name": regimeName, "frequency": "annual",
		"deadline_rule": fmt.Sprintf("%d/%d", soon.Day, int(soon.Month))})
	apptest.Expect(t, resp, body, http.StatusCreated, "")
	var created struct {
		ID int `json:"id"`
	}
	_ = json.Unmarshal(body, &created)
	resp, body = admin.Do(http.MethodGet, fmt.Sprintf("%s/regimes/%d", api, created.ID), nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	var rg struct {
		Next []struct {
			Due string `json:"due"`
		} `json:"next_deadlines"`
	}
	if err := json.Unmarshal(body, &rg); err != nil {
		t.Fatal(err)
	}

	status, page := admin.Page(base + "/")
	if status != http.StatusOK {
		t.Fatalf("home: %d", status)
	}
	due := 0
	for _, n := range rg.Next {
		d, err := calendar.Parse(n.Due)
		if err != nil {
			t.Fatalf("due %q: %v", n.Due, err)
		}
		left := d.Sub(today)
		if left > 60 {
			continue
		}
		due++
		row := regexp.MustCompile(`(?s)<li class="deadline[^"]*">.*?</li>`).FindAllString(page, -1)
		found := false
		for _, r := range row {
			if strings.Contains(r, d.String()) && strings.Contains(r, regimeName) && strings.Contains(r, fmt.Sprintf("còn %d ngày", left)) {
				found = true
			}
		}
		if !found {
			t.Errorf("home does not list %s due %s (còn %d ngày); rows: %q", regimeName, d, left, row)
		}
	}
	if due == 0 {
		t.Fatalf("the regime's preview %+v has no deadline within 60 days of %s", rg.Next, today)
	}
	if !regexp.MustCompile(`\d{2}/\d{2}/\d{4}</time>`).MatchString(page) {
		t.Error("deadlines not written dd/mm/yyyy")
	}
	uncovered := regexp.MustCompile(`(?s)<section class="card home-uncovered".*?</section>`).FindString(page)
	if !strings.Contains(uncovered, unitName) || !strings.Contains(uncovered, "1 đơn vị chưa có người phụ trách") ||
		!regexp.MustCompile(`href="/t/nghe-an/committees/\d+/assignments"`).MatchString(uncovered) {
		t.Errorf("units without anyone in charge: %q", uncovered)
	}
	if !strings.Contains(page, `class="nav-bar"`) {
		t.Error("the home page lost its links")
	}

	// A role the province denies reading regimes and committees sees neither block.
	const role = "unit_officer"
	for _, object := range []string{"regime", "committee"} {
		resp, body = admin.Do(http.MethodPut, api+"/grants", map[string]string{"role": role, "object": object, "action": "read", "state": "deny"})
		apptest.Expect(t, resp, body, http.StatusNoContent, "")
	}
	other := e.Person(t, "khong-quyen@nghe-an.vn", role, "nghe-an", false)
	status, page = other.Page(base + "/")
	if status != http.StatusOK || strings.Contains(page, "deadlines-heading") || strings.Contains(page, "uncovered-heading") || strings.Contains(page, regimeName) {
		t.Errorf("%s sees the blocks it may not read (status %d)", role, status)
	}

	// The profile page has no province links: no empty band.
	status, page = admin.Page("/profile")
	if status != http.StatusOK || strings.Contains(page, `class="nav-bar"`) {
		t.Errorf("profile page renders an empty nav band (status %d)", status)
	}
}
