// Package archtest keeps the one-way layering of ARCHITECTURE.md ("cmd → app → httpapi, areas →
// domain packages → kernel and ent") true: its test lists every package of the module with `go
// list` and fails on an import that runs the wrong way. It runs in `make lint` (target layering).
//
// The rules are data: Check takes the package list, so a test can feed it a deliberate violation.
package archtest

import (
	"fmt"
	"slices"
	"strings"
)

// Module is the module path of danvan.
const Module = "github.com/danvan-vn/danvan"

const (
	appPkg     = Module + "/internal/app"
	apptestPkg = Module + "/internal/app/apptest"
	entPkg     = Module + "/ent"
	areasPkg   = Module + "/internal/areas"
	internal   = Module + "/internal"
)

// Pkg is one package as `go list -json` describes it: its non-test imports, the imports of its
// in-package tests and of its external (_test package) tests, and its non-test Go files (an ent
// entity package is recognised by its generated where.go).
type Pkg struct {
	ImportPath   string
	Imports      []string
	TestImports  []string
	XTestImports []string
	GoFiles      []string
}

// Rule names, as reported in a Violation.
const (
	RuleDomainEcho = "domain-imports-echo"     // a domain package (or its tests) imports echo
	RuleAreaEnt    = "area-imports-ent-entity" // an area imports an ent entity package
	RuleAreaApp    = "area-imports-app"        // an area imports internal/app or below it
	RuleApp        = "imports-app"             // non-test code outside cmd imports internal/app
	RuleTestApp    = "test-imports-app"        // a test outside internal/app imports internal/app
)

// Violation is one import that runs the wrong way.
type Violation struct {
	Rule   string
	Pkg    string // the importing package
	Import string // the imported package
	Test   bool   // the import is in a _test.go file
}

func (v Violation) String() string {
	where := ""
	if v.Test {
		where = " (in tests)"
	}
	return fmt.Sprintf("%s: %s imports %s%s", v.Rule, v.Pkg, v.Import, where)
}

// under reports whether path is pkg or a package below it.
func under(path, pkg string) bool {
	return path == pkg || strings.HasPrefix(path, pkg+"/")
}

// isDomain reports whether path is a domain or kernel package: anything under internal/ except
// the HTTP side (httpapi, areas, web), the composition root (app) and test-only helpers.
func isDomain(path string) bool {
	if !under(path, internal) || path == internal {
		return false
	}
	for _, p := range []string{"httpapi", "areas", "app", "web", "testenv", "archtest"} {
		if under(path, internal+"/"+p) {
			return false
		}
	}
	return true
}

// isEcho reports whether path is echo or one of its subpackages, or echo-contrib.
func isEcho(path string) bool {
	return under(path, "github.com/labstack/echo/v4") || under(path, "github.com/labstack/echo-contrib")
}

// Check returns every import in pkgs that breaks a layering rule, in package order.
func Check(pkgs []Pkg) []Violation {
	// ent entity packages (ent/unit, ent/tenant, ...) are the ones ent generated a where.go for;
	// ent itself (the client and entity types) and helpers such as ent/schema are not.
	entities := map[string]bool{}
	for _, p := range pkgs {
		if strings.HasPrefix(p.ImportPath, entPkg+"/") && slices.Contains(p.GoFiles, "where.go") {
			entities[p.ImportPath] = true
		}
	}
	var out []Violation
	for _, p := range pkgs {
		path := p.ImportPath
		area := under(path, areasPkg)
		inCmd := under(path, Module+"/cmd")
		inApp := under(path, appPkg)
		for _, imp := range p.Imports {
			switch {
			case isDomain(path) && isEcho(imp):
				out = append(out, Violation{RuleDomainEcho, path, imp, false})
			case area && entities[imp]:
				out = append(out, Violation{RuleAreaEnt, path, imp, false})
			case area && under(imp, appPkg):
				out = append(out, Violation{RuleAreaApp, path, imp, false})
			case imp == appPkg && !inCmd && path != apptestPkg:
				out = append(out, Violation{RuleApp, path, imp, false})
			}
		}
		tests := slices.Concat(p.TestImports, p.XTestImports)
		slices.Sort(tests)
		for _, imp := range slices.Compact(tests) {
			switch {
			case isDomain(path) && isEcho(imp):
				out = append(out, Violation{RuleDomainEcho, path, imp, true})
			case imp == appPkg && !inApp:
				// Tests build the app through internal/app/apptest.
				out = append(out, Violation{RuleTestApp, path, imp, true})
			}
		}
	}
	return out
}
