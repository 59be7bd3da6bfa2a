package main

import (
	"os"
	"strings"
	"testing"
)

// TestREADME_ShowsWhatRunPrints: the README tells a newcomer what `make run` prints when it is
// ready; it must be what serve prints, so a changed banner fails here until the README follows.
func TestREADME_ShowsWhatRunPrints(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	b.WriteString("danvan is serving at http://127.0.0.1:8080\n")
	demoLogins(&b, "http://127.0.0.1:8080")
	if !strings.Contains(string(readme), "```text\n"+b.String()+"```") {
		t.Errorf("README.md does not show what make run prints when ready:\n%s", b.String())
	}
	for _, want := range []string{"make run", "make test", "a few minutes", "X-CSRF-Token", "csrf_token"} {
		if !strings.Contains(string(readme), want) {
			t.Errorf("README.md does not mention %q", want)
		}
	}
}
