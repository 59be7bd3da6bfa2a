package unitnotes_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/danvan-vn/danvan/internal/app/apptest"
	"github.com/danvan-vn/danvan/internal/areas/unitnotes"
	"github.com/danvan-vn/danvan/internal/seed"
)

const redisDB = 8 // this package's Redis database

func TestMain(m *testing.M) { apptest.Main(m) }

// TestUnitNotes: the unit wall over HTTP. A province admin writes on any unit; unit staff read
// and write only their unit's notes; another province and a role without the grant are refused;
// bad input is a 422 naming the field and stores nothing.
func TestUnitNotes(t *testing.T) {
	e := apptest.NewConfigured(t, "services", redisDB)
	admin := e.Client()
	admin.Login(seed.Provinces[0].AdminEmail)
	const api = "/api/v1/t/nghe-an"
	resp, body := admin.Do(http.MethodGet, api+"/units", nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	var got struct {
		Units []struct {
			ID int `json:"id"`
		} `json:"units"`
	}
	if err := json.Unmarshal(body, &got); err != nil || len(got.Units) < 2 {
		t.Fatalf("units: %v", err)
	}
	us := got.Units
	a, b := strconv.Itoa(us[0].ID), strconv.Itoa(us[1].ID)

	resp, body = admin.Do(http.MethodPost, api+"/units/"+b+"/notes", map[string]string{"body": "Đơn vị B: đã nộp báo cáo quý."})
	apptest.Expect(t, resp, body, http.StatusCreated, "")

	officer := e.UnitPerson(t, "officer.a@nghe-an.vn", "unit_officer", "nghe-an", us[0].ID, false)
	resp, body = officer.Do(http.MethodPost, api+"/units/"+a+"/notes", map[string]string{"body": "Đơn vị A\ncần hỗ trợ"})
	apptest.Expect(t, resp, body, http.StatusCreated, "")
	var n unitnotes.NoteJSON
	_ = json.Unmarshal(body, &n)
	if n.Body != "Đơn vị A\ncần hỗ trợ" || n.UnitID != us[0].ID {
		t.Errorf("note %+v", n)
	}
	// Another unit's notes: not found, reading or writing.
	resp, body = officer.Do(http.MethodGet, api+"/units/"+b+"/notes", nil)
	apptest.Expect(t, resp, body, http.StatusNotFound, "not_found")
	resp, body = officer.Do(http.MethodPost, api+"/units/"+b+"/notes", map[string]string{"body": "x"})
	apptest.Expect(t, resp, body, http.StatusNotFound, "not_found")
	status, html := officer.Page("/t/nghe-an/units/" + b + "/notes")
	if status != http.StatusNotFound || strings.Contains(html, "Đơn vị B") {
		t.Errorf("officer of A opened B's notes page: %d", status)
	}
	// The admin sees both units' notes.
	resp, body = admin.Do(http.MethodGet, api+"/units/"+a+"/notes", nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	if !strings.Contains(string(body), "cần hỗ trợ") {
		t.Errorf("admin does not see A's note: %s", body)
	}
	// Another province: not found; a role without the grant: forbidden.
	other := e.Client()
	other.Login(seed.Provinces[3].AdminEmail)
	resp, body = other.Do(http.MethodGet, api+"/units/"+a+"/notes", nil)
	apptest.Expect(t, resp, body, http.StatusNotFound, "not_found")
	reader := e.Person(t, "leader@nghe-an.vn", "readonly_leader", "nghe-an", false)
	resp, body = reader.Do(http.MethodGet, api+"/units/"+a+"/notes", nil)
	apptest.Expect(t, resp, body, http.StatusForbidden, "forbidden")
	resp, body = officer.Do(http.MethodDelete, api+"/units/"+a+"/notes/"+strconv.Itoa(n.ID), nil)
	apptest.Expect(t, resp, body, http.StatusForbidden, "forbidden") // officers write, leaders delete
	resp, body = admin.Do(http.MethodDelete, api+"/units/"+b+"/notes/"+strconv.Itoa(n.ID), nil)
	apptest.Expect(t, resp, body, http.StatusNotFound, "not_found") // A's note is not B's

	// Bad input names the field and stores nothing.
	for _, bad := range []string{"", "a\u0000b", strings.Repeat("dài ", 1001)} {
		resp, body = admin.Do(http.MethodPost, api+"/units/"+a+"/notes", map[string]string{"body": bad})
		apptest.Expect(t, resp, body, http.StatusUnprocessableEntity, "invalid")
		if !strings.Contains(string(body), `"body"`) {
			t.Errorf("problem does not name body: %s", body)
		}
	}
	resp, body = admin.Do(http.MethodGet, api+"/units/"+a+"/notes", nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	var list []unitnotes.NoteJSON
	_ = json.Unmarshal(body, &list)
	if len(list) != 1 {
		t.Errorf("after refused input: %d notes, want 1", len(list))
	}

	// The page: a form post, the note shown, and delete.
	resp2, _ := admin.Form("/t/nghe-an/units/"+a+"/notes", url.Values{"body": {"Ghi chú từ trang"}})
	if resp2.StatusCode != http.StatusSeeOther {
		t.Fatalf("form post: %d", resp2.StatusCode)
	}
	status, html = admin.Page(resp2.Header.Get("Location"))
	if status != http.StatusOK || !strings.Contains(html, "Ghi chú từ trang") || !strings.Contains(html, "Đã thêm ghi chú") {
		t.Errorf("notes page after adding: %d", status)
	}
	resp2, html = admin.Form("/t/nghe-an/units/"+a+"/notes", url.Values{"body": {""}})
	if resp2.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(html, "aria-invalid") {
		t.Errorf("empty note on the page: %d", resp2.StatusCode)
	}
}
