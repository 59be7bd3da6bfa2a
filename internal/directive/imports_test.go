package directive

import (
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestImports_Pure keeps the package pure: the standard library, golang.org/x/text, and
// danvan's calendar and textnorm only (no database, no HTTP, no I/O packages).
func TestImports_Pure(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	allowed := map[string]bool{
		"github.com/danvan-vn/danvan/internal/calendar": true,
		"github.com/danvan-vn/danvan/internal/textnorm": true,
	}
	banned := map[string]bool{"os": true, "io": true, "net/http": true, "database/sql": true, "bufio": true}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		af, err := parser.ParseFile(token.NewFileSet(), f, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, im := range af.Imports {
			p, _ := strconv.Unquote(im.Path.Value)
			std := !strings.Contains(strings.SplitN(p, "/", 2)[0], ".")
			if std && !banned[p] || strings.HasPrefix(p, "golang.org/x/text/") || allowed[p] {
				continue
			}
			t.Errorf("%s imports %s", f, p)
		}
	}
}
