package web

import (
	"go/ast"
	"go/parser"
	"go/token"
	"html/template"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"text/template/parse"

	assets "github.com/danvan-vn/danvan/web"
)

// keyUse is one message key (or, with family set, one family of keys such as "unit.type.") that
// a template names literally.
type keyUse struct {
	key    string
	family bool
}

// prefixFuncs are the template funcs that show catalog key prefix+value: {{role .Lang "viewer"}}
// with a literal value needs role.viewer.
var prefixFuncs = map[string]string{
	"role": "role.", "tenantstatus": "tenant.status.", "jobstatus": "job.status.", "jobtype": "job.type.",
}

// templateKeys returns the keys the template text names literally: the key of t, the family of
// tr, the reason of fieldmsg, the value of role and its kin, the object and action of perm, and
// key-shaped strings handed to a sub-template through dict ("Label" "unit.leader"), which the
// sub-template shows with t.
func templateKeys(t *testing.T, name, text string, funcs template.FuncMap) []keyUse {
	t.Helper()
	tmpl, err := template.New(name).Funcs(funcs).Parse(text)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	var uses []keyUse
	lit := func(args []parse.Node, n int) (string, bool) {
		if n >= len(args) {
			return "", false
		}
		s, ok := args[n].(*parse.StringNode)
		if !ok {
			return "", false
		}
		return s.Text, true
	}
	var walk func(parse.Node)
	walk = func(n parse.Node) {
		switch n := n.(type) {
		case *parse.ListNode:
			if n != nil {
				for _, c := range n.Nodes {
					walk(c)
				}
			}
		case *parse.ActionNode:
			walk(n.Pipe)
		case *parse.IfNode:
			walk(n.Pipe)
			walk(n.List)
			walk(n.ElseList)
		case *parse.RangeNode:
			walk(n.Pipe)
			walk(n.List)
			walk(n.ElseList)
		case *parse.WithNode:
			walk(n.Pipe)
			walk(n.List)
			walk(n.ElseList)
		case *parse.TemplateNode:
			walk(n.Pipe)
		case *parse.ChainNode:
			walk(n.Node)
		case *parse.PipeNode:
			if n != nil {
				for _, c := range n.Cmds {
					walk(c)
				}
			}
		case *parse.CommandNode:
			for _, a := range n.Args {
				walk(a)
			}
			fn, ok := n.Args[0].(*parse.IdentifierNode)
			if !ok {
				return
			}
			switch fn.Ident {
			case "t":
				if k, ok := lit(n.Args, 2); ok {
					uses = append(uses, keyUse{key: k})
				}
			case "tr":
				if p, ok := lit(n.Args, 2); ok {
					if v, ok := lit(n.Args, 3); ok {
						uses = append(uses, keyUse{key: p + v})
					} else {
						uses = append(uses, keyUse{key: p, family: true})
					}
				}
			case "fieldmsg":
				if r, ok := lit(n.Args, 2); ok {
					if !strings.HasPrefix(r, "field.") {
						r = "field." + r
					}
					uses = append(uses, keyUse{key: r})
				}
			case "perm":
				o, ok1 := lit(n.Args, 2)
				a, ok2 := lit(n.Args, 3)
				if ok1 && ok2 {
					uses = append(uses, keyUse{key: "perm." + o + "." + a})
				}
			case "dict":
				for i := 2; i < len(n.Args); i += 2 {
					if v, ok := lit(n.Args, i); ok && keyPattern.MatchString(v) {
						uses = append(uses, keyUse{key: v})
					}
				}
			default:
				if prefix, ok := prefixFuncs[fn.Ident]; ok {
					if v, ok := lit(n.Args, 2); ok {
						uses = append(uses, keyUse{key: prefix + v})
					}
				}
			}
		}
	}
	for _, d := range tmpl.Templates() {
		if d.Tree != nil {
			walk(d.Tree.Root)
		}
	}
	return uses
}

// templateFiles lists every .html file under templates/, with the area that owns it: the folder
// under templates/, "" for the kernel's files at the top.
func templateFiles(t *testing.T) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := fs.WalkDir(assets.FS, "templates", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".html") {
			area := ""
			if dir := path.Dir(p); dir != "templates" {
				area = strings.TrimPrefix(dir, "templates/")
			}
			files[p] = area
		}
		return err
	})
	if err != nil || len(files) == 0 {
		t.Fatalf("no templates: %v", err)
	}
	return files
}

// TestTemplates_KeysExist fails, naming the template and the key, when a key a template names
// literally (see templateKeys) is missing in a language, or a family (tr) has no key at all.
func TestTemplates_KeysExist(t *testing.T) {
	i, err := LoadI18n(assets.FS)
	if err != nil {
		t.Fatal(err)
	}
	funcs := (&Renderer{i18n: i}).funcs()
	used := 0
	for f := range templateFiles(t) {
		b, err := fs.ReadFile(assets.FS, f)
		if err != nil {
			t.Fatal(err)
		}
		for _, u := range templateKeys(t, f, string(b), funcs) {
			used++
			for _, lang := range Langs() {
				switch {
				case u.family && !slices.ContainsFunc(i.Keys(lang), func(k string) bool { return strings.HasPrefix(k, u.key) }):
					t.Errorf("%s shows the family %q, which has no key in i18n/%s", f, u.key, lang)
				case !u.family && !i.Has(lang, u.key):
					t.Errorf("%s uses key %q, missing in i18n/%s", f, u.key, lang)
				}
			}
		}
	}
	if used < 600 {
		t.Errorf("found only %d keys in the templates: is the walk still right?", used)
	}
}

// TestTemplateKeys_Parse checks what templateKeys finds, on one template using every form.
func TestTemplateKeys_Parse(t *testing.T) {
	i, err := LoadI18n(assets.FS)
	if err != nil {
		t.Fatal(err)
	}
	text := `{{define "content"}}{{t .Lang "a.one"}}{{range .X}}<p title="{{t $.Lang "a.two" .N}}">{{end}}` +
		`{{if .Y}}{{printf "%s" (t .Lang "a.three")}}{{else}}{{tr .Lang "a.family." .V}}{{end}}` +
		`{{with .Z}}{{tr $.Lang "a.kind." "x"}}{{fieldmsg $.Lang "required"}}{{fieldmsg $.Lang "field.email"}}{{end}}` +
		`{{role .Lang "viewer"}}{{perm .Lang "unit" "read"}}{{template "x" dict "Label" "a.label" "ID" "not-a-key" "Lang" .Lang}}` +
		`{{t .Lang .Dynamic}}{{if eq .K "not.shown"}}{{end}}{{end}}` +
		`{{define "x"}}{{t .Lang .Label}}{{end}}`
	got := templateKeys(t, "sample", text, (&Renderer{i18n: i}).funcs())
	want := []keyUse{{key: "a.one"}, {key: "a.two"}, {key: "a.three"}, {key: "a.family.", family: true}, {key: "a.kind.x"},
		{key: "field.required"}, {key: "field.email"}, {key: "role.viewer"}, {key: "perm.unit.read"}, {key: "a.label"}}
	slices.SortFunc(got, func(a, b keyUse) int { return strings.Compare(a.key, b.key) })
	slices.SortFunc(want, func(a, b keyUse) int { return strings.Compare(a.key, b.key) })
	if !slices.Equal(got, want) {
		t.Errorf("templateKeys = %v\nwant %v", got, want)
	}
}

// TestCatalogs_AreaOwnsItsKeys keeps the split of the catalogs honest: a key a template of
// templates/{area}/ names lives in i18n/{lang}/{area}.json or common.json, a key the kernel's
// templates (layout, error, api_docs) name lives in common.json, and a key the Go code of
// internal/areas/{area} names lives in {area}.json or common.json. Words several areas use, and
// families the code builds from values (field.*, error.*, role.*, perm.*, position.*, …), belong
// in common.json.
func TestCatalogs_AreaOwnsItsKeys(t *testing.T) {
	i, err := LoadI18n(assets.FS)
	if err != nil {
		t.Fatal(err)
	}
	_, origin, err := readLang(assets.FS, DefaultLang)
	if err != nil {
		t.Fatal(err)
	}
	owner := func(k string) string { return strings.TrimSuffix(path.Base(origin[k]), ".json") }
	allowed := func(area, k string) bool {
		o := owner(k)
		return o == "common" || (area != "" && o == area)
	}
	where := func(area string) string {
		if area == "" {
			return "common.json"
		}
		return area + ".json or common.json"
	}
	funcs := (&Renderer{i18n: i}).funcs()
	for f, area := range templateFiles(t) {
		b, err := fs.ReadFile(assets.FS, f)
		if err != nil {
			t.Fatal(err)
		}
		for _, u := range templateKeys(t, f, string(b), funcs) {
			if !u.family {
				if _, ok := origin[u.key]; ok && !allowed(area, u.key) {
					t.Errorf("%s uses %q, which lives in %s; want it in %s", f, u.key, origin[u.key], where(area))
				}
				continue
			}
			for k, o := range origin {
				if strings.HasPrefix(k, u.key) && !allowed(area, k) {
					t.Errorf("%s shows the family %q, whose key %q lives in %s; want it in %s", f, u.key, k, o, where(area))
				}
			}
		}
	}

	// The areas' Go code: string literals that are catalog keys (page titles, flashes, nav
	// labels, error and field codes).
	dirs, err := os.ReadDir(filepath.Join("..", "areas"))
	if err != nil {
		t.Fatal(err)
	}
	found := 0
	for _, d := range dirs {
		if !d.IsDir() {
			continue
		}
		area := d.Name()
		names, err := filepath.Glob(filepath.Join("..", "areas", area, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range names {
			if strings.HasSuffix(name, "_test.go") {
				continue
			}
			file, err := parser.ParseFile(token.NewFileSet(), name, nil, parser.SkipObjectResolution)
			if err != nil {
				t.Fatal(err)
			}
			ast.Inspect(file, func(n ast.Node) bool {
				bl, ok := n.(*ast.BasicLit)
				if !ok || bl.Kind != token.STRING {
					return true
				}
				k, err := strconv.Unquote(bl.Value)
				if _, isKey := origin[k]; err != nil || !isKey {
					return true
				}
				found++
				if !allowed(area, k) {
					t.Errorf("%s names %q, which lives in %s; want it in %s", "internal/"+filepath.ToSlash(strings.TrimPrefix(name, "../")), k, origin[k], where(area))
				}
				return true
			})
		}
	}
	if found < 40 {
		t.Errorf("found only %d catalog keys in internal/areas: is the walk still right?", found)
	}
}

// TestTemplates_InTheirAreaFolder keeps web/templates/ in step with the areas: each page an area
// declares with r.Templates(...) in internal/areas/{area} is templates/{area}/{page}.html, and
// each page file in templates/{area}/ is declared by that area ("_" partials aside).
func TestTemplates_InTheirAreaFolder(t *testing.T) {
	declared := map[string]string{} // templates/{area}/{page}.html → area
	dirs, err := os.ReadDir(filepath.Join("..", "areas"))
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range dirs {
		if !d.IsDir() {
			continue
		}
		area := d.Name()
		names, err := filepath.Glob(filepath.Join("..", "areas", area, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range names {
			if strings.HasSuffix(name, "_test.go") {
				continue
			}
			file, err := parser.ParseFile(token.NewFileSet(), name, nil, parser.SkipObjectResolution)
			if err != nil {
				t.Fatal(err)
			}
			ast.Inspect(file, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				if sel, ok := call.Fun.(*ast.SelectorExpr); !ok || sel.Sel.Name != "Templates" {
					return true
				}
				for _, a := range call.Args {
					bl, ok := a.(*ast.BasicLit)
					if !ok || bl.Kind != token.STRING {
						t.Errorf("%s: Templates takes page names as literals, got %T", name, a)
						continue
					}
					page, _ := strconv.Unquote(bl.Value)
					declared["templates/"+area+"/"+page+".html"] = area
				}
				return true
			})
		}
	}
	if len(declared) < 15 {
		t.Errorf("found only %d declared pages in internal/areas: is the walk still right?", len(declared))
	}
	files := templateFiles(t)
	for f, area := range declared {
		if _, ok := files[f]; !ok {
			t.Errorf("area %s declares page %s: want the file %s", area, strings.TrimSuffix(path.Base(f), ".html"), f)
		}
	}
	for f, area := range files {
		if area == "" || strings.HasPrefix(path.Base(f), "_") {
			continue
		}
		if _, ok := declared[f]; !ok {
			t.Errorf("%s is a page no Templates call of internal/areas/%s declares", f, area)
		}
	}
}
