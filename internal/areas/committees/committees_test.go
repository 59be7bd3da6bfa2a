package committees_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image/png"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/danvan-vn/danvan/internal/app/apptest"
	"github.com/danvan-vn/danvan/internal/areas/committees"
)

const redisDB = 14 // this package's Redis database

// fixture: Nghệ An's seeded committee, one of its members and three of its units; one unit of
// Hòa Bình's.
type fixture struct {
	e        *apptest.Env
	admin    *apptest.Client
	cbase    string // /t/nghe-an/committees/{id}
	member   committees.MemberPositionJSON
	units    []int
	province int // the province unit, which the screen does not offer
	foreign  int
}

func setup(t *testing.T) fixture {
	e := apptest.NewConfigured(t, "embedded", redisDB)
	apptest.WaitTenant(t, e.App, "nghe-an", "active")
	f := fixture{e: e, admin: e.Client()}
	f.admin.Login("admin@nghe-an.danvan.vn")
	resp, body := f.admin.Do(http.MethodGet, "/api/v1/t/nghe-an/committees", nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	var cs committees.CommitteesJSON
	_ = json.Unmarshal(body, &cs)
	if len(cs.Committees) == 0 {
		t.Fatal("no seeded committee")
	}
	f.cbase = fmt.Sprintf("/t/nghe-an/committees/%d", cs.Committees[0].ID)
	mx := f.matrix(t)
	for _, m := range mx.Members {
		if m.Position == "member" {
			f.member = m
			break
		}
	}
	for _, u := range mx.Units {
		if u.Version.Type != "province" && len(f.units) < 3 {
			f.units = append(f.units, u.ID)
		}
		if u.Version.Type == "province" {
			f.province = u.ID
		}
	}
	hb := e.Client()
	hb.Login("admin@hoa-binh.danvan.vn")
	resp, body = hb.Do(http.MethodGet, "/api/v1/t/hoa-binh/units", nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	var us struct {
		Units []struct {
			ID int `json:"id"`
		} `json:"units"`
	}
	_ = json.Unmarshal(body, &us)
	if f.member.ID == 0 || len(f.units) < 3 || len(us.Units) == 0 {
		t.Fatalf("fixture: member %d, units %v, Hòa Bình units %d", f.member.ID, f.units, len(us.Units))
	}
	f.foreign = us.Units[0].ID
	return f
}

func (f fixture) matrix(t *testing.T) committees.MatrixJSON {
	t.Helper()
	resp, body := f.admin.Do(http.MethodGet, "/api/v1"+f.cbase+"/assignments", nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	var mx committees.MatrixJSON
	_ = json.Unmarshal(body, &mx)
	return mx
}

// charge is the units the member is in charge of today.
func (f fixture) charge(t *testing.T, member int) []int {
	t.Helper()
	var out []int
	for u, ms := range f.matrix(t).InCharge {
		if slices.Contains(ms, member) {
			id, _ := strconv.Atoi(u)
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return out
}

func sorted(ids ...int) []int { return slices.Sorted(slices.Values(ids)) }

func TestOrgChart_SVGAndPNG(t *testing.T) {
	f := setup(t)
	// The SVG stands alone: no style sheet, so its CSP allows none.
	resp, body := f.admin.Do(http.MethodGet, f.cbase+"/orgchart.svg", nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	svg := string(body)
	if resp.Header.Get("Content-Type") != "image/svg+xml" || strings.Contains(svg, "<style") || !strings.Contains(svg, f.member.PersonName) {
		t.Errorf("org chart: %s, %.200s", resp.Header.Get("Content-Type"), svg)
	}
	if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") || strings.Contains(csp, "unsafe-inline") {
		t.Errorf("org chart CSP = %q", csp)
	}
	if cd := resp.Header.Get("Content-Disposition"); cd != "" {
		t.Errorf("the picture shown in the page is an attachment: %q", cd)
	}
	// The downloads, for a slide.
	resp, body = f.admin.Do(http.MethodGet, f.cbase+"/orgchart.svg?download=1&date=01/01/2026", nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	if cd := resp.Header.Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment;") || !strings.Contains(cd, "2026-01-01.svg") {
		t.Errorf("SVG download: Content-Disposition %q", cd)
	}
	resp, body = f.admin.Do(http.MethodGet, f.cbase+"/orgchart.png?download=1", nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	if cd := resp.Header.Get("Content-Disposition"); resp.Header.Get("Content-Type") != "image/png" || !strings.HasPrefix(cd, "attachment;") || !strings.HasSuffix(cd, ".png") {
		t.Errorf("PNG download: %s, %q", resp.Header.Get("Content-Type"), cd)
	}
	img, err := png.Decode(bytes.NewReader(body))
	if err != nil || img.Bounds().Dx() < 1000 {
		t.Errorf("PNG: %v, %v", err, img)
	}
	// The committee page links both downloads.
	status, page := f.admin.Page(f.cbase)
	if status != http.StatusOK || !strings.Contains(page, f.cbase+"/orgchart.png?") || !strings.Contains(page, "Tải SVG") || !strings.Contains(page, "Tải PNG") {
		t.Errorf("committee page: %d, download links missing", status)
	}

	// Another province's admin gets nothing, through either province's address.
	hb := f.e.Client()
	hb.Login("admin@hoa-binh.danvan.vn")
	for _, path := range []string{f.cbase + "/orgchart.png", strings.Replace(f.cbase, "nghe-an", "hoa-binh", 1) + "/orgchart.png",
		"/api/v1" + f.cbase + "/orgchart.svg"} {
		resp, body = hb.Do(http.MethodGet, path, nil)
		if resp.StatusCode != http.StatusForbidden && resp.StatusCode != http.StatusNotFound {
			t.Errorf("Hòa Bình's admin GET %s: %d", path, resp.StatusCode)
		}
		if bytes.HasPrefix(body, []byte("\x89PNG")) || bytes.Contains(body, []byte(f.member.PersonName)) {
			t.Errorf("Hòa Bình's admin GET %s got the picture", path)
		}
	}
	// A role whose committee:read the province took away is refused.
	reader := f.e.Person(t, "doc-so-do@nghe-an.vn", "unit_officer", "nghe-an", false)
	resp, body = reader.Do(http.MethodGet, f.cbase+"/orgchart.png", nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	resp, body = f.admin.Do(http.MethodPut, "/api/v1/t/nghe-an/grants", map[string]string{"role": "unit_officer", "object": "committee", "action": "read", "state": "deny"})
	apptest.Expect(t, resp, body, http.StatusNoContent, "")
	for _, path := range []string{f.cbase + "/orgchart.png?download=1", f.cbase + "/orgchart.svg", "/api/v1" + f.cbase + "/orgchart.png"} {
		resp, _ = reader.Do(http.MethodGet, path, nil)
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("unit officer without committee:read GET %s: %d, want 403", path, resp.StatusCode)
		}
	}
}

func TestAssignments_PerMember(t *testing.T) {
	f := setup(t)
	u := f.units
	save := fmt.Sprintf("%s/members/%d/assignments", f.cbase, f.member.ID)

	// The screen: the member chosen, their units as checkboxes by type, gaps marked.
	status, page := f.admin.Page(fmt.Sprintf("%s/assignments?member=%d", f.cbase, f.member.ID))
	if status != http.StatusOK || !strings.Contains(page, `action="`+save+`"`) || !strings.Contains(page, `type="checkbox" id="uc-`) ||
		!strings.Contains(page, `<fieldset class="unit-group"`) || strings.Contains(page, " multiple") {
		t.Fatalf("assignment screen: %d", status)
	}

	// Saving the form replaces the member's units, from the day given.
	resp, _ := f.admin.Form(save, url.Values{"unit_ids": {strconv.Itoa(u[0]), strconv.Itoa(u[1])}})
	if resp.StatusCode != http.StatusSeeOther || !strings.Contains(resp.Header.Get("Location"), fmt.Sprintf("member=%d", f.member.ID)) {
		t.Fatalf("save: %d to %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	if got := f.charge(t, f.member.ID); !slices.Equal(got, sorted(u[0], u[1])) {
		t.Errorf("after saving %v: in charge of %v", u[:2], got)
	}
	status, page = f.admin.Page(resp.Header.Get("Location"))
	if status != http.StatusOK || !strings.Contains(page, fmt.Sprintf(`value="%d" checked`, u[0])) || !strings.Contains(page, "Đã lưu phân công") {
		t.Errorf("the screen after saving: %d", status)
	}
	resp, _ = f.admin.Form(save, url.Values{"unit_ids": {strconv.Itoa(u[1]), strconv.Itoa(u[2])}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("second save: %d", resp.StatusCode)
	}
	if got := f.charge(t, f.member.ID); !slices.Equal(got, sorted(u[1], u[2])) {
		t.Errorf("after saving %v: in charge of %v (the save replaces)", u[1:], got)
	}

	// Another province's unit: refused naming the field, nothing written.
	resp, page = f.admin.Form(save, url.Values{"unit_ids": {strconv.Itoa(u[0]), strconv.Itoa(f.foreign)}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, "Đơn vị phụ trách") ||
		!strings.Contains(page, "Đơn vị không tồn tại vào ngày này") {
		t.Errorf("a Hòa Bình unit: %d", resp.StatusCode)
	}
	if got := f.charge(t, f.member.ID); !slices.Equal(got, sorted(u[1], u[2])) {
		t.Errorf("after a refused save: in charge of %v", got)
	}
	resp, body := f.admin.Do(http.MethodPut, "/api/v1"+save, map[string]any{"unit_ids": []int{u[0], f.foreign}})
	apptest.Expect(t, resp, body, http.StatusUnprocessableEntity, "invalid")
	if !strings.Contains(string(body), `"unit_ids"`) {
		t.Errorf("API problem does not name unit_ids: %s", body)
	}
	// The API does the same; an empty list frees the member.
	resp, body = f.admin.Do(http.MethodPut, "/api/v1"+save, map[string]any{"unit_ids": []int{}})
	apptest.Expect(t, resp, body, http.StatusNoContent, "")
	if got := f.charge(t, f.member.ID); len(got) != 0 {
		t.Errorf("after an empty save: in charge of %v", got)
	}
	// The province itself is not offered on the screen: saving the screen's form keeps it.
	resp, body = f.admin.Do(http.MethodPut, "/api/v1"+save, map[string]any{"unit_ids": []int{f.province, u[0]}})
	apptest.Expect(t, resp, body, http.StatusNoContent, "")
	_, page = f.admin.Page(fmt.Sprintf("%s/assignments?member=%d", f.cbase, f.member.ID))
	kept := regexp.MustCompile(`<input type="hidden" name="unit_ids" value="(\d+)">`).FindAllStringSubmatch(page, -1)
	if len(kept) != 1 || kept[0][1] != strconv.Itoa(f.province) {
		t.Fatalf("the form does not carry the province unit it does not offer: %v", kept)
	}
	resp, _ = f.admin.Form(save, url.Values{"unit_ids": {kept[0][1], strconv.Itoa(u[1])}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("save with the kept unit: %d", resp.StatusCode)
	}
	if got := f.charge(t, f.member.ID); !slices.Equal(got, sorted(f.province, u[1])) {
		t.Errorf("after the screen's save: in charge of %v, want the province kept and %d", got, u[1])
	}
	resp, body = f.admin.Do(http.MethodPut, "/api/v1"+save, map[string]any{"unit_ids": []int{}})
	apptest.Expect(t, resp, body, http.StatusNoContent, "")

	// Roles without committee:update are refused, and another province's admin too.
	officer := f.e.Person(t, "can-bo-pc@nghe-an.vn", "unit_officer", "nghe-an", false)
	resp, _ = officer.Form(save, url.Values{"unit_ids": {strconv.Itoa(u[0])}})
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("unit officer saving: %d, want 403", resp.StatusCode)
	}
	resp, body = officer.Do(http.MethodPut, "/api/v1"+save, map[string]any{"unit_ids": []int{u[0]}})
	apptest.Expect(t, resp, body, http.StatusForbidden, "forbidden")
	hb := f.e.Client()
	hb.Login("admin@hoa-binh.danvan.vn")
	resp, _ = hb.Do(http.MethodPut, "/api/v1"+strings.Replace(save, "nghe-an", "hoa-binh", 1), map[string]any{"unit_ids": []int{f.foreign}})
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("Hòa Bình's admin saving a Nghệ An member through Hòa Bình: %d, want 404", resp.StatusCode)
	}
	if got := f.charge(t, f.member.ID); len(got) != 0 {
		t.Errorf("refused saves wrote: %v", got)
	}
}
