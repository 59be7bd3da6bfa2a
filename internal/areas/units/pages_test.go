package units_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/danvan-vn/danvan/internal/app/apptest"
	"github.com/danvan-vn/danvan/internal/calendar"
	"github.com/danvan-vn/danvan/internal/httpapi"
)

// unitFixture builds, in Nghệ An, a small tree with a history:
//
//	P  UBND tỉnh Thử (province)
//	├─ SNV  Sở Nội vụ Thử (department)
//	│   └─ TT2  Trung tâm Lưu trữ (public_service)
//	└─ X-AB UBND xã An Bình (commune), from 01/07/2025 the merge of X-A and X-B
//	MT  Ủy ban MTTQ Thử (front)
//
// X-A was renamed "UBND xã An Mới" on 01/01/2024, then merged; TT1 was dissolved on 01/07/2025.
type unitFixture struct{ p, snv, tt1, tt2, xa, xb, xab, mt int }

func newUnitFixture(t *testing.T, admin *apptest.Client) unitFixture {
	t.Helper()
	api := "/api/v1/t/nghe-an/units"
	post := func(path string, body map[string]any, status int) int {
		t.Helper()
		resp, b := admin.Do(http.MethodPost, path, body)
		apptest.Expect(t, resp, b, status, "")
		var out struct{ ID int }
		_ = json.Unmarshal(b, &out)
		return out.ID
	}
	create := func(code, name, typ string, parent int) int {
		return post(api, map[string]any{"code": code, "name": name, "type": typ, "parent_id": parent, "date": "01/01/2020"}, http.StatusCreated)
	}
	var f unitFixture
	f.p = create("P", "UBND tỉnh Thử", "province", 0)
	f.snv = create("SNV", "Sở Nội vụ Thử", "department", f.p)
	f.tt1 = create("TT1", "Trung tâm Tin học", "public_service", f.snv)
	f.tt2 = create("TT2", "Trung tâm Lưu trữ", "public_service", f.snv)
	f.xa = create("X-A", "UBND xã An", "commune", f.p)
	f.xb = create("X-B", "UBND xã Bình", "commune", f.p)
	f.mt = create("MT", "Ủy ban MTTQ Thử", "front", 0)
	post(api+"/"+strconv.Itoa(f.xa)+"/change", map[string]any{"kind": "rename", "date": "01/01/2024", "name": "UBND xã An Mới",
		"type": "commune", "parent_id": f.p}, http.StatusNoContent)
	f.xab = post(api+"/merge", map[string]any{"unit_ids": []int{f.xa, f.xb}, "date": "01/07/2025", "code": "X-AB",
		"name": "UBND xã An Bình", "type": "commune", "parent_id": f.p, "note": "Nghị quyết sắp xếp"}, http.StatusCreated)
	post(api+"/"+strconv.Itoa(f.tt1)+"/dissolve", map[string]any{"date": "01/07/2025"}, http.StatusNoContent)
	return f
}

// TestPages_UnitTree: the tree folds (a <details> per unit with sub-units: the top level open,
// deeper closed, everything open on ?expand=all), the type filter keeps the matching units with
// their ancestors as context, and the create form waits behind a button, open when it comes
// back with errors.
func TestPages_UnitTree(t *testing.T) {
	e := apptest.New(t, "services", redisDB)
	admin := e.Client()
	admin.Login("admin@nghe-an.danvan.vn")
	f := newUnitFixture(t, admin)
	link := func(id int) string { return fmt.Sprintf(`href="/t/nghe-an/units/%d?`, id) }
	// Ten more communes: P's dozen sub-units fold by type.
	for n := range 10 {
		resp, body := admin.Do(http.MethodPost, "/api/v1/t/nghe-an/units", map[string]any{"code": fmt.Sprintf("X-%02d", n),
			"name": fmt.Sprintf("UBND xã Số %d", n), "type": "commune", "parent_id": f.p, "date": "01/01/2020"})
		apptest.Expect(t, resp, body, http.StatusCreated, "")
	}

	status, page := admin.Page("/t/nghe-an/units")
	if status != http.StatusOK {
		t.Fatalf("units page: %d", status)
	}
	// P and SNV have sub-units; only P, at the top, is open. X-AB, MT and TT2 are leaves.
	if open, closed := strings.Count(page, `<details class="unit-branch" open>`), strings.Count(page, `<details class="unit-branch">`); open != 1 || closed != 1 {
		t.Errorf("branches open %d, closed %d; want the top one open and the deeper one closed", open, closed)
	}
	if n := strings.Count(page, `<details class="unit-branch unit-type-group">`); n != 2 || !strings.Contains(page, "11 đơn vị trực thuộc") {
		t.Errorf("type groups under P = %d closed, want the department and the communes (11)", n)
	}
	for _, id := range []int{f.p, f.snv, f.tt2, f.xab, f.mt} {
		if !strings.Contains(page, link(id)) {
			t.Errorf("unit %d missing from the tree", id)
		}
	}
	for _, id := range []int{f.xa, f.xb, f.tt1} {
		if strings.Contains(page, link(id)) {
			t.Errorf("ended unit %d in today's tree", id)
		}
	}
	_, page = admin.Page("/t/nghe-an/units?expand=all")
	if open := strings.Count(page, `<details class="unit-branch" open>`); open != 2 || strings.Contains(page, `<details class="unit-branch">`) ||
		strings.Count(page, `<details class="unit-branch unit-type-group" open>`) != 2 {
		t.Errorf("expand=all: %d branches open, want both and the type groups", open)
	}

	// The type filter: the public service units, with the province and the department above
	// them as context; the commune and the front are gone.
	_, page = admin.Page("/t/nghe-an/units?type=public_service")
	if !strings.Contains(page, link(f.tt2)) || !strings.Contains(page, link(f.snv)) || !strings.Contains(page, link(f.p)) {
		t.Error("type filter lost the matching unit or its ancestors")
	}
	if strings.Contains(page, link(f.xab)) || strings.Contains(page, link(f.mt)) {
		t.Error("type filter kept units of other types")
	}
	if n := strings.Count(page, `<li class="unit-context">`); n != 2 {
		t.Errorf("context rows = %d, want the province and the department", n)
	}
	if !strings.Contains(page, "1 đơn vị") || !strings.Contains(page, `<option value="public_service" selected>`) {
		t.Error("the filter's count or its selected type is not shown")
	}
	_, page = admin.Page("/t/nghe-an/units?type=commune&q=an")
	if !strings.Contains(page, link(f.xab)) || strings.Contains(page, link(f.p)) {
		t.Error("the type filter does not narrow search results")
	}
	resp, _ := admin.Do(http.MethodGet, "/t/nghe-an/units?type=kingdom", nil)
	if resp.StatusCode != http.StatusOK {
		t.Errorf("unknown type filter: %d", resp.StatusCode)
	}

	// The create form is behind a button; a refused one comes back open, with the field marked.
	_, page = admin.Page("/t/nghe-an/units")
	if !strings.Contains(page, `<details class="unit-create">`) || !strings.Contains(page, `<form method="post" action="/t/nghe-an/units"`) {
		t.Error("the create form is not behind a closed button")
	}
	resp, body := admin.Form("/t/nghe-an/units", url.Values{"code": {"X A"}, "name": {"UBND xã Mới"}, "type": {"commune"}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `<details class="unit-create" open>`) ||
		!strings.Contains(body, `name="code" type="text" required maxlength="50" autocomplete="off" spellcheck="false" value="X A"`) ||
		!strings.Contains(body, `aria-invalid="true"`) {
		t.Errorf("refused create: %d, the form not open with the typed values and the error", resp.StatusCode)
	}
	resp, _ = admin.Form("/t/nghe-an/units", url.Values{"code": {"X-MOI"}, "name": {"UBND xã Mới"}, "type": {"commune"}, "parent_id": {strconv.Itoa(f.p)}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Errorf("create through the form: %d, want 303", resp.StatusCode)
	}
}

// TestPages_EndedUnit: a merged or dissolved unit's page shows its last state and says when and
// how it ended, instead of passing that state off as today's; on a day it existed, the page
// shows that day's state.
func TestPages_EndedUnit(t *testing.T) {
	e := apptest.New(t, "services", redisDB)
	admin := e.Client()
	admin.Login("admin@nghe-an.danvan.vn")
	f := newUnitFixture(t, admin)
	today := httpapi.DMY(calendar.Today().UTC())

	for _, path := range []string{fmt.Sprintf("/t/nghe-an/units/%d", f.xa), fmt.Sprintf("/t/nghe-an/units/%d?date=01/01/2026", f.xa)} {
		status, page := admin.Page(path)
		if status != http.StatusOK {
			t.Fatalf("%s: %d", path, status)
		}
		want := fmt.Sprintf(`Đơn vị đã kết thúc hoạt động từ 01/07/2025, do sáp nhập vào <a href="/t/nghe-an/units/%d">UBND xã An Bình</a>`, f.xab)
		if !strings.Contains(page, want) {
			t.Errorf("%s: no notice that it ended by merging", path)
		}
		if !strings.Contains(page, "Thông tin lần cuối (đến hết 30/06/2025)") || strings.Contains(page, "Thông tin ngày "+today) ||
			strings.Contains(page, "Thông tin ngày 01/01/2026") {
			t.Errorf("%s: the details are not headed as the last state", path)
		}
		if !strings.Contains(page, "<h1>UBND xã An Mới") {
			t.Errorf("%s: not the last state (the name after the 2024 rename)", path)
		}
	}
	// On a day it existed: that day's state, no notice.
	_, page := admin.Page(fmt.Sprintf("/t/nghe-an/units/%d?date=01/03/2023", f.xa))
	if strings.Contains(page, "kết thúc hoạt động") || !strings.Contains(page, "Thông tin ngày 01/03/2023") || !strings.Contains(page, "<h1>UBND xã An<") {
		t.Error("a day the unit existed is shown as its end")
	}
	// The edges: its last day is the old state, the merger's day the ended page.
	_, page = admin.Page(fmt.Sprintf("/t/nghe-an/units/%d?date=30/06/2025", f.xa))
	if strings.Contains(page, "kết thúc hoạt động") || !strings.Contains(page, "Thông tin ngày 30/06/2025") {
		t.Error("30/06/2025, its last day, is shown as after its end")
	}
	_, page = admin.Page(fmt.Sprintf("/t/nghe-an/units/%d?date=01/07/2025", f.xa))
	if !strings.Contains(page, "Đơn vị đã kết thúc hoạt động từ 01/07/2025") {
		t.Error("01/07/2025, the merger's day, is shown as a day it existed")
	}
	// Dissolved.
	_, page = admin.Page(fmt.Sprintf("/t/nghe-an/units/%d", f.tt1))
	if !strings.Contains(page, "Đơn vị đã kết thúc hoạt động từ 01/07/2025, do giải thể.") || !strings.Contains(page, "Thông tin lần cuối (đến hết 30/06/2025)") {
		t.Error("a dissolved unit's page does not say it ended")
	}
	// Still running: today's details, no notice.
	_, page = admin.Page(fmt.Sprintf("/t/nghe-an/units/%d", f.xab))
	if strings.Contains(page, "kết thúc hoạt động") || !strings.Contains(page, "Thông tin ngày "+today) {
		t.Error("a running unit's page says it ended")
	}
}
