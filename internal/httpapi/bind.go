package httpapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"github.com/danvan-vn/danvan/internal/apperr"
)

// MaxText is the longest a text field may be when its type declares no maxLength tag.
const MaxText = 2000

// Bind decodes a request body into v, the one binding a page's form and the API's JSON share: a
// form (urlencoded or multipart) by v's form tags, JSON strictly — one JSON value and nothing after
// it, valid UTF-8. Then every string must be free of control characters (tab and newlines allowed)
// and within its field's `maxLength:"N"` tag (in characters) or MaxText. A refusal is a 422 naming
// the field.
func Bind(c echo.Context, v any) error {
	if ct := c.Request().Header.Get(echo.HeaderContentType); !strings.HasPrefix(ct, echo.MIMEApplicationJSON) {
		if err := (&echo.DefaultBinder{}).BindBody(c, v); err != nil {
			var he *echo.HTTPError
			if errors.As(err, &he) && tooLarge(he) {
				return apperr.TooLarge(err)
			}
			return Invalid("body", "form")
		}
		return CheckText(v)
	}
	return bindJSON(c, v)
}

func bindJSON(c echo.Context, v any) error {
	body, err := io.ReadAll(c.Request().Body)
	if err != nil {
		var he *echo.HTTPError
		if errors.As(err, &he) && he.Code == http.StatusRequestEntityTooLarge || errors.Is(err, echo.ErrStatusRequestEntityTooLarge) {
			return apperr.TooLarge(err)
		}
		return Invalid("body", "json")
	}
	if !utf8.Valid(body) {
		return Invalid(badUTF8Field(body), "utf8")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	if err := dec.Decode(v); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) && te.Field != "" {
			return Invalid(te.Field, expectedType(te.Type))
		}
		return Invalid("body", "json")
	}
	if _, err := dec.Token(); err != io.EOF {
		return Invalid("body", "json") // trailing data after the value
	}
	return CheckText(v)
}

// expectedType names, as a field reason, the JSON type a Go field takes: "type_string",
// "type_integer", "type_number", "type_boolean", "type_array" or "type_object".
func expectedType(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.String:
		return "type_string"
	case reflect.Bool:
		return "type_boolean"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "type_integer"
	case reflect.Float32, reflect.Float64:
		return "type_number"
	case reflect.Slice, reflect.Array:
		return "type_array"
	case reflect.Struct, reflect.Map:
		return "type_object"
	}
	return "type"
}

// badUTF8Field names the JSON key whose string holds the first invalid byte, or "body".
func badUTF8Field(body []byte) string {
	i := 0
	for i < len(body) {
		r, n := utf8.DecodeRune(body[i:])
		if r == utf8.RuneError && n <= 1 {
			break
		}
		i += n
	}
	// The nearest `"key":` before the bad byte.
	prefix := string(body[:i])
	if k := strings.LastIndex(prefix, `":`); k > 0 {
		if j := strings.LastIndex(prefix[:k], `"`); j >= 0 {
			return prefix[j+1 : k]
		}
	}
	return "body"
}

// CheckText walks v's exported string fields (through structs, pointers, slices and maps) and
// refuses control characters and over-long values, naming the field by its json or form tag.
//
// Fields tagged `required:"true"` (huma's tag, so the OpenAPI document says it too) must not be
// empty or blank; every such field missing is named at once, as "required".
func CheckText(v any) error {
	if err := checkValue(reflect.ValueOf(v), "body", MaxText); err != nil {
		return err
	}
	missing := map[string]string{}
	checkRequired(reflect.ValueOf(v), missing)
	if len(missing) > 0 {
		return apperr.Invalid(missing)
	}
	return nil
}

func checkRequired(v reflect.Value, missing map[string]string) {
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return
		}
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return
	}
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		fv := v.Field(i)
		if f.Anonymous || fv.Kind() == reflect.Struct {
			checkRequired(fv, missing)
			continue
		}
		if f.Tag.Get("required") != "true" {
			continue
		}
		if fv.IsZero() || fv.Kind() == reflect.String && strings.TrimSpace(fv.String()) == "" {
			missing[fieldName(f)] = "required"
		}
	}
}

func checkValue(v reflect.Value, name string, max int) error {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return nil
		}
		return checkValue(v.Elem(), name, max)
	case reflect.String:
		return checkString(name, v.String(), max, true)
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			if err := checkValue(v.Index(i), name, max); err != nil {
				return err
			}
		}
	case reflect.Map:
		it := v.MapRange()
		for it.Next() {
			if it.Key().Kind() == reflect.String {
				if err := checkString(name, it.Key().String(), 200, false); err != nil {
					return err
				}
			}
			if err := checkValue(it.Value(), name, max); err != nil {
				return err
			}
		}
	case reflect.Struct:
		t := v.Type()
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			fname := fieldName(f)
			if fname == "-" {
				continue
			}
			fmax := MaxText
			if m := f.Tag.Get("maxLength"); m != "" {
				fmax, _ = strconv.Atoi(m)
			}
			if f.Anonymous {
				fname = name
			}
			if err := checkValue(v.Field(i), fname, fmax); err != nil {
				return err
			}
		}
	}
	return nil
}

func fieldName(f reflect.StructField) string {
	for _, tag := range []string{"json", "form", "query"} {
		if n, _, _ := strings.Cut(f.Tag.Get(tag), ","); n != "" {
			return n
		}
	}
	return strings.ToLower(f.Name)
}

// checkString: valid UTF-8, no control characters (multiline text may hold tab, CR and LF), at
// most max characters.
func checkString(field, s string, max int, multiline bool) error {
	if !utf8.ValidString(s) {
		return Invalid(field, "utf8")
	}
	n := 0
	for _, r := range s {
		n++
		if r < 0x20 && !(multiline && (r == '\t' || r == '\n' || r == '\r')) || r == 0x7f || r >= 0x80 && r < 0xa0 {
			return Invalid(field, "control")
		}
	}
	if max > 0 && n > max {
		return Invalid(field, "too_long")
	}
	return nil
}

// inputGuard refuses, for every route, query and form values and upload file names that are not
// valid UTF-8 or hold control characters: PostgreSQL stores neither, and nothing a person types
// needs them. The refusal is a 422 naming the parameter.
func (s *Server) inputGuard(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		req := c.Request()
		for k, vs := range req.URL.Query() {
			if err := checkString("query", k, 200, false); err != nil {
				return Invalid(safeName(k), "utf8")
			}
			for _, v := range vs {
				if err := checkString(k, v, MaxText, false); err != nil {
					return err
				}
			}
		}
		if req.Method == http.MethodPost || req.Method == http.MethodPut {
			ct := req.Header.Get(echo.HeaderContentType)
			switch {
			case strings.HasPrefix(ct, echo.MIMEApplicationForm):
				if err := req.ParseForm(); err != nil {
					return s.formError(err)
				}
				if err := checkForm(req.PostForm); err != nil {
					return err
				}
			case strings.HasPrefix(ct, echo.MIMEMultipartForm):
				if err := req.ParseMultipartForm(32 << 20); err != nil {
					return s.formError(err)
				}
				if err := checkForm(req.MultipartForm.Value); err != nil {
					return err
				}
				if err := checkFiles(req.MultipartForm.File); err != nil {
					return err
				}
			}
		}
		return next(c)
	}
}

func (s *Server) formError(err error) error {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) || errors.Is(err, echo.ErrStatusRequestEntityTooLarge) {
		return apperr.TooLarge(err)
	}
	var he *echo.HTTPError
	if errors.As(err, &he) && he.Code == http.StatusRequestEntityTooLarge {
		return apperr.TooLarge(err)
	}
	return Invalid("body", "form")
}

func checkForm(vals map[string][]string) error {
	for k, vs := range vals {
		if err := checkString("form", k, 200, false); err != nil {
			return Invalid(safeName(k), "utf8")
		}
		for _, v := range vs {
			if err := checkString(k, v, 0, true); err != nil {
				return err
			}
		}
	}
	return nil
}

func checkFiles(files map[string][]*multipart.FileHeader) error {
	for k, fs := range files {
		for _, f := range fs {
			if err := checkString(k, f.Filename, 255, false); err != nil {
				return err
			}
		}
	}
	return nil
}

func safeName(k string) string {
	k = strings.ToValidUTF8(k, "")
	if len(k) > 40 || strings.ContainsFunc(k, func(r rune) bool { return r < 0x20 }) {
		return "query"
	}
	return k
}
