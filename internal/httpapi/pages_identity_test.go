package httpapi_test

import (
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// form posts an HTML form with the CSRF token, as a browser would.
func (c *client) form(path string, vals url.Values) (*http.Response, string) {
	c.e.t.Helper()
	vals.Set("_csrf", c.csrf())
	resp, err := c.http.PostForm(c.e.url+path, vals)
	if err != nil {
		c.e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

func (c *client) page(path string) (int, string) {
	c.e.t.Helper()
	resp, body := c.do(http.MethodGet, path, nil)
	return resp.StatusCode, string(body)
}

// TestPages_IdentityFlow: invite by the users page, accept on the invitation page, change the
// password on the profile page, see it all in the audit page and export it.
func TestPages_IdentityFlow(t *testing.T) {
	e := newEnv(t, "embedded")
	admin := e.client()
	admin.login("admin@nghe-an.danvan.vn")

	status, page := admin.page("/t/nghe-an/users")
	if status != http.StatusOK || !strings.Contains(page, `action="/t/nghe-an/invitations"`) {
		t.Fatalf("users page: %d", status)
	}
	resp, page := admin.form("/t/nghe-an/invitations", url.Values{"email": {"sai"}, "role": {"unit_officer"}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, `aria-invalid="true"`) {
		t.Errorf("bad invitation: %d", resp.StatusCode)
	}
	resp, page = admin.form("/t/nghe-an/invitations", url.Values{"email": {"pho.ban@nghe-an.vn"}, "role": {"committee_member"}})
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("invite: %d", resp.StatusCode)
	}
	link := regexp.MustCompile(`http://[^"<\s]+/invite/[A-Za-z0-9_-]+`).FindString(page)
	if link == "" {
		t.Fatal("the invitation link is not shown")
	}
	guest := e.client()
	u, _ := url.Parse(link)
	status, page = guest.page(u.Path)
	if status != http.StatusOK || !strings.Contains(page, "Nghệ An") {
		t.Fatalf("invitation page: %d", status)
	}
	resp, page = guest.form(u.Path, url.Values{"full_name": {"Hồ Thị Phó"}, "password": {"mật khẩu đủ dài"}, "password_confirm": {"khác hẳn"}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, `aria-invalid="true"`) {
		t.Errorf("mismatched passwords: %d", resp.StatusCode)
	}
	resp, _ = guest.form(u.Path, url.Values{"full_name": {"Hồ Thị Phó"}, "password": {"mật khẩu đủ dài"}, "password_confirm": {"mật khẩu đủ dài"}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/t/nghe-an/" {
		t.Fatalf("accept: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	status, _ = guest.page("/t/nghe-an/")
	if status != http.StatusOK {
		t.Errorf("new member's home: %d", status)
	}
	// A committee member cannot open the users page.
	if status, _ = guest.page("/t/nghe-an/users"); status != http.StatusForbidden {
		t.Errorf("committee member on the users page: %d", status)
	}
	// Profile: change the password.
	resp, _ = guest.form("/profile/password", url.Values{"current_password": {"sai rồi sai rồi"}, "new_password": {"mật khẩu mới dài"}, "new_password_confirm": {"mật khẩu mới dài"}})
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("wrong current password: %d", resp.StatusCode)
	}
	resp, _ = guest.form("/profile/password", url.Values{"current_password": {"mật khẩu đủ dài"}, "new_password": {"mật khẩu mới dài"}, "new_password_confirm": {"mật khẩu mới dài"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Errorf("change password: %d", resp.StatusCode)
	}
	// Profile: a token, shown once.
	resp, page = guest.form("/profile/tokens", url.Values{"province": {"nghe-an"}, "name": {"Máy trạm"}, "days": {"30"}})
	if resp.StatusCode != http.StatusOK || !regexp.MustCompile(`dvt_[A-Za-z0-9_-]{20,}`).MatchString(page) {
		t.Errorf("token creation page: %d", resp.StatusCode)
	}
	if _, page = guest.page("/profile"); regexp.MustCompile(`dvt_[A-Za-z0-9_-]{20,}`).MatchString(page) {
		t.Error("the token secret is shown again")
	}
	// The audit page shows the acceptance; the export answers.
	status, page = admin.page("/t/nghe-an/audit?action=invitation")
	if status != http.StatusOK || !strings.Contains(page, "invitation.update") && !strings.Contains(page, "Nhận lời mời") && !strings.Contains(page, "lời mời") {
		t.Errorf("audit page: %d", status)
	}
	resp, body := admin.do(http.MethodGet, "/t/nghe-an/audit/export?format=csv&action=membership", nil)
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), "membership.create") {
		t.Errorf("export: %d", resp.StatusCode)
	}
	// Grants page renders with forms for the province admin.
	status, page = admin.page("/t/nghe-an/grants")
	if status != http.StatusOK || !strings.Contains(page, `action="/t/nghe-an/grants"`) {
		t.Errorf("grants page: %d", status)
	}
}
