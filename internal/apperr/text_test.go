package apperr_test

import (
	"strings"
	"testing"

	"github.com/danvan-vn/danvan/internal/apperr"
)

func TestFields_Text(t *testing.T) {
	for _, tc := range []struct {
		name, s   string
		multiline bool
		want      string // reason, "" when it can be stored
	}{
		{"plain", "Sở Nội vụ", false, ""},
		{"new lines in multiline text", "Quán\n\tb\r\n", true, ""},
		{"a new line in a one-line field", "Sở\nNội vụ", false, "control"},
		{"NUL", "Sở\x00", true, "control"},
		{"C1 control", "Sở\u0085", true, "control"},
		{"DEL", "Sở\x7f", true, "control"},
		{"invalid UTF-8", "Sở\xff", true, "utf8"},
		{"too long in characters, not bytes", strings.Repeat("ệ", 11), false, "too_long"},
		{"as long as allowed", strings.Repeat("ệ", 10), false, ""},
	} {
		f := apperr.Fields{}
		ok := f.Text("x", tc.s, 10, tc.multiline)
		if got := f["x"]; got != tc.want || ok != (tc.want == "") {
			t.Errorf("%s: reason %q ok %v, want %q", tc.name, got, ok, tc.want)
		}
	}
}
