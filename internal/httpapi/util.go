package httpapi

import (
	"encoding/json"
	"io"
	"net/url"
)

func jsonEncode(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

func urlQueryEscape(s string) string { return url.QueryEscape(s) }
