package settings_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/danvan-vn/danvan/internal/app/apptest"
)

const redisDB = 13 // this package's Redis database

func TestMain(m *testing.M) { apptest.Main(m) }

// TestPages_LetterheadPreview: after saving, the settings page shows the letterhead the
// documents will carry, from the saved values.
func TestPages_LetterheadPreview(t *testing.T) {
	e := apptest.New(t, "embedded", redisDB)
	apptest.WaitTenant(t, e.App, "quang-ngai", "active")
	admin := e.Client()
	admin.Login("admin@quang-ngai.danvan.vn")

	resp, _ := admin.Form("/t/quang-ngai/settings", url.Values{"assignment.exclusive": {"true"}, "deadline.shift": {"previous_working_day"},
		"doc.number_format": {"{n}/{type}-BCĐ"}, "letterhead.parent": {"UBND tỉnh Quảng Ngãi"},
		"letterhead.issuer": {"Ban Chỉ đạo công tác dân vận chính quyền"}, "letterhead.place": {"Quảng Ngãi"}, "letterhead.signer_title": {"TRƯỞNG BAN"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("save settings: %d", resp.StatusCode)
	}
	status, page := admin.Page("/t/quang-ngai/settings")
	if status != http.StatusOK {
		t.Fatalf("settings: %d", status)
	}
	lh := regexp.MustCompile(`(?s)<div class="letterhead" lang="vi">.*?\n  </div>`).FindString(page)
	for _, want := range []string{
		`<p class="letterhead-parent">UBND TỈNH QUẢNG NGÃI</p>`,
		`<p class="letterhead-body">BAN CHỈ ĐẠO CÔNG TÁC DÂN VẬN CHÍNH QUYỀN</p>`,
		`<p class="letterhead-country">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</p>`,
		`<p class="letterhead-motto">Độc lập - Tự do - Hạnh phúc</p>`,
		`<p class="letterhead-number">Số: …/…-BCĐ</p>`,
		`<p class="letterhead-date">Quảng Ngãi, ngày … tháng … năm …</p>`,
	} {
		if !strings.Contains(lh, want) {
			t.Errorf("letterhead preview lacks %s:\n%s", want, lh)
		}
	}
}
