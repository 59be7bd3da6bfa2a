package account

import (
	"strings"
	"testing"
)

func TestHashPassword_VerifyPassword(t *testing.T) {
	h, err := HashPassword("mật khẩu dài đủ 10")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Errorf("hash %q is not argon2id with the expected parameters", h)
	}
	h2, _ := HashPassword("mật khẩu dài đủ 10")
	if h == h2 {
		t.Error("two hashes of one password are equal: no salt")
	}
	for pw, want := range map[string]bool{"mật khẩu dài đủ 10": true, "mat khau dai du 10": false, "": false} {
		ok, err := VerifyPassword(h, pw)
		if err != nil || ok != want {
			t.Errorf("VerifyPassword(%q) = %v, %v; want %v", pw, ok, err, want)
		}
	}
	for _, bad := range []string{"", "plain", "$argon2id$v=19$m=1,t=1,p=1$!!$!!", "$bcrypt$x$y$z$w"} {
		if _, err := VerifyPassword(bad, "x"); err == nil {
			t.Errorf("VerifyPassword accepted malformed hash %q", bad)
		}
	}
}

func TestValidateUser(t *testing.T) {
	if err := ValidateUser(NewUser{Email: "Can.Bo@NgheAn.gov.vn ", FullName: "Cán bộ", Password: "0123456789"}); err != nil {
		t.Errorf("valid user refused: %v", err)
	}
	err := ValidateUser(NewUser{Email: "khong-phai-email", FullName: " ", Password: "short"})
	if err == nil {
		t.Fatal("invalid user accepted")
	}
	for _, f := range []string{"email", "full_name", "password"} {
		if !strings.Contains(err.Error(), f) {
			t.Errorf("error does not name %s: %v", f, err)
		}
	}
}
