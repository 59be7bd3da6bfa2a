package httpapi

import (
	"encoding/json"
	"errors"
	"github.com/danvan-vn/danvan/internal/calendar"
	"io"
	"net/url"
	"sort"

	"github.com/danvan-vn/danvan/internal/apperr"
	"github.com/danvan-vn/danvan/internal/committee"
	"github.com/danvan-vn/danvan/internal/unit"
)

func jsonEncode(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

func urlQueryEscape(s string) string { return url.QueryEscape(s) }

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

var vnTime = calendar.Location()

// contentDisposition names a download, Vietnamese file names included (RFC 6266/5987).
func contentDisposition(name string) string {
	ascii := make([]rune, 0, len(name))
	for _, r := range name {
		if r < 32 || r > 126 || r == '"' || r == '\\' {
			r = '_'
		}
		ascii = append(ascii, r)
	}
	return `attachment; filename="` + string(ascii) + `"; filename*=UTF-8''` + url.PathEscape(name)
}

func asImport(err error, target **unit.ImportError) bool { return errors.As(err, target) }

func invalidField(field, reason string) error {
	return apperr.Invalid(map[string]string{field: reason})
}

type committeeInput = committee.Input
