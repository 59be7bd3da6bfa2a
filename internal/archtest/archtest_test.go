package archtest

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// modulePackages lists every package of the module, from its root, with `go list`.
func modulePackages(t *testing.T) []Pkg {
	t.Helper()
	gomod, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		t.Fatalf("go env GOMOD: %v", err)
	}
	root := filepath.Dir(strings.TrimSpace(string(gomod)))
	cmd := exec.Command("go", "list", "-json=ImportPath,Imports,TestImports,XTestImports,GoFiles", "./...")
	cmd.Dir = root
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list in %s: %v\n%s", root, err, stderr.String())
	}
	var pkgs []Pkg
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var p Pkg
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatalf("go list output: %v", err)
		}
		pkgs = append(pkgs, p)
	}
	if !slices.ContainsFunc(pkgs, func(p Pkg) bool { return p.ImportPath == Module+"/internal/archtest" }) {
		t.Fatalf("go list in %s did not list this package; wrong module root?", root)
	}
	return pkgs
}

// TestLayering fails on every import in the module that runs against ARCHITECTURE.md.
func TestLayering(t *testing.T) {
	pkgs := modulePackages(t)
	for _, v := range Check(pkgs) {
		t.Error(v)
	}
}

// TestCheck_ReportsDeliberateViolations feeds Check a made-up module with one violation of each
// rule, and allowed imports beside them, and wants exactly the violations back.
func TestCheck_ReportsDeliberateViolations(t *testing.T) {
	const (
		echo    = "github.com/labstack/echo/v4"
		echoMW  = "github.com/labstack/echo/v4/middleware"
		ent     = Module + "/ent"
		entUnit = Module + "/ent/unit"
		app     = Module + "/internal/app"
		apptest = Module + "/internal/app/apptest"
	)
	pkgs := []Pkg{
		{ImportPath: ent, GoFiles: []string{"client.go", "ent.go", "unit.go"}},
		{ImportPath: entUnit, GoFiles: []string{"unit.go", "where.go"}},
		{ImportPath: Module + "/ent/schema", GoFiles: []string{"unit.go"}},
		{ImportPath: app, Imports: []string{Module + "/internal/httpapi", Module + "/internal/areas/units"},
			XTestImports: []string{app}},
		{ImportPath: apptest, Imports: []string{app}},
		{ImportPath: Module + "/cmd/danvan", Imports: []string{app, entUnit}},
		{ImportPath: Module + "/internal/httpapi", Imports: []string{echo, echoMW, app}},
		{ImportPath: Module + "/internal/web", Imports: []string{echo}},
		// violations
		{ImportPath: Module + "/internal/unit", Imports: []string{ent, entUnit, echo},
			XTestImports: []string{echoMW, apptest}},
		{ImportPath: Module + "/internal/areas/units", Imports: []string{ent, Module + "/ent/schema", entUnit, apptest},
			TestImports: []string{apptest}, XTestImports: []string{app}},
	}
	got := Check(pkgs)
	want := []Violation{
		{RuleApp, Module + "/internal/httpapi", app, false},
		{RuleDomainEcho, Module + "/internal/unit", echo, false},
		{RuleDomainEcho, Module + "/internal/unit", echoMW, true},
		{RuleAreaEnt, Module + "/internal/areas/units", entUnit, false},
		{RuleAreaApp, Module + "/internal/areas/units", apptest, false},
		{RuleTestApp, Module + "/internal/areas/units", app, true},
	}
	if !slices.Equal(got, want) {
		t.Errorf("Check reported:\n%s\nwant:\n%s", lines(got), lines(want))
	}
}

func lines(vs []Violation) string {
	var b strings.Builder
	for _, v := range vs {
		b.WriteString("  " + v.String() + "\n")
	}
	return b.String()
}
