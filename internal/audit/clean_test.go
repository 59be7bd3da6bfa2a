package audit

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestClean(t *testing.T) {
	ua299 := strings.Repeat("a", 299)
	for _, c := range []struct{ name, in, want string }{
		{"short", "Mozilla/5.0", "Mozilla/5.0"},
		{"Vietnamese kept", "Trình duyệt Cốc Cốc", "Trình duyệt Cốc Cốc"},
		{"cut by character", ua299 + "éé", ua299 + "é"},
		{"exactly the limit", ua299 + "é", ua299 + "é"},
		{"NUL dropped", "a\x00b", "ab"},
		{"controls dropped", "a\r\nb\tc\x7fd\u0085e", "abcde"},
		{"invalid UTF-8 replaced", "a\xffb\xc3", "a\uFFFDb\uFFFD"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := clean(c.in, 300)
			if got != c.want {
				t.Errorf("clean(%q) = %q, want %q", c.in, got, c.want)
			}
			if !utf8.ValidString(got) || utf8.RuneCountInString(got) > 300 {
				t.Errorf("clean(%q) = %q: invalid or over the limit", c.in, got)
			}
		})
	}
}
