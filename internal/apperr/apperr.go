// Package apperr is danvan's small set of error kinds. Domain packages return them; the HTTP layer
// maps each kind to a status and a stable problem code in one place, and pages show the same
// message from the catalogs ("error.<code>", "field.<code>").
package apperr

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Kind classifies an error for the HTTP layer.
type Kind int

// The kinds.
const (
	KindInternal Kind = iota
	KindNotFound
	KindForbidden
	KindUnauthorized
	KindInvalid
	KindConflict
	KindQuotaExceeded
	KindThrottled
	KindTooLarge
)

// Error is a classified error with a stable code.
type Error struct {
	Kind   Kind
	Code   string            // stable, e.g. "not_found", "slug_taken"
	Fields map[string]string // for KindInvalid: field → reason code ("required", "too_long", ...)
	// Rows are row-level problems of a refused file (an import): every problem, by row and column.
	Rows []Row
	// Args are the parameters of the message "detail.<code>" (a fmt format in the catalogs): a
	// lockout's end, a limit. time.Time values are shown in Vietnam's time as hh:mm dd/mm/yyyy.
	Args []any
	Err  error // cause, for logs; never shown to users
}

// Row is one problem of a refused file: the row as a spreadsheet shows it (1-based, the header
// is row 1), the column's header, the reason code ("field.<reason>" in the catalogs) and the
// value found.
type Row struct {
	Row    int    `json:"row"`
	Column string `json:"column"`
	Reason string `json:"reason"`
	Value  string `json:"value,omitempty"`
}

// Rejected reports a file refused as a whole, with every row-level problem found.
func Rejected(code string, rows []Row) error {
	return &Error{Kind: KindInvalid, Code: code, Rows: rows}
}

// WithArgs returns a copy of e carrying the parameters of its detail message.
func (e *Error) WithArgs(args ...any) *Error {
	c := *e
	c.Args = args
	return &c
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Code)
	if len(e.Fields) > 0 {
		keys := make([]string, 0, len(e.Fields))
		for k := range e.Fields {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		b.WriteString(" (")
		for i, k := range keys {
			if i > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "%s: %s", k, e.Fields[k])
		}
		b.WriteString(")")
	}
	if len(e.Rows) > 0 {
		fmt.Fprintf(&b, " (%d rows)", len(e.Rows))
	}
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// NotFound says the thing does not exist for this viewer (another province's rows included).
func NotFound(err error) error { return &Error{Kind: KindNotFound, Code: "not_found", Err: err} }

// Forbidden says the viewer may not do this.
func Forbidden(err error) error { return &Error{Kind: KindForbidden, Code: "forbidden", Err: err} }

// Unauthorized says the viewer must log in.
func Unauthorized(code string) error {
	if code == "" {
		code = "unauthorized"
	}
	return &Error{Kind: KindUnauthorized, Code: code}
}

// Invalid reports bad input, field by field.
func Invalid(fields map[string]string) error {
	return &Error{Kind: KindInvalid, Code: "invalid", Fields: fields}
}

// Conflict reports a clash with existing data (code names it, e.g. "slug_taken").
func Conflict(code string, err error) error { return &Error{Kind: KindConflict, Code: code, Err: err} }

// QuotaExceeded reports a plan limit reached (code names it, e.g. "quota_units").
func QuotaExceeded(code string) error { return &Error{Kind: KindQuotaExceeded, Code: code} }

// Throttled says to slow down (login lockouts): code names why.
func Throttled(code string, err error) *Error {
	return &Error{Kind: KindThrottled, Code: code, Err: err}
}

// TooLarge says the input is over a size limit (a request body, an upload, a file's rows).
func TooLarge(err error) error { return &Error{Kind: KindTooLarge, Code: "too_large", Err: err} }

// As returns the classified error in err's chain, if any.
func As(err error) (*Error, bool) {
	var e *Error
	ok := errors.As(err, &e)
	return e, ok
}

// KindOf returns err's kind (KindInternal when unclassified).
func KindOf(err error) Kind {
	if e, ok := As(err); ok {
		return e.Kind
	}
	return KindInternal
}

// Fields collects field errors; Err returns nil when there are none.
type Fields map[string]string

// Add records reason for field (the first reason wins).
func (f Fields) Add(field, reason string) {
	if _, ok := f[field]; !ok {
		f[field] = reason
	}
}

// Text records why s cannot be stored in field, if it cannot, and reports whether it can: not
// valid UTF-8 ("utf8"), a control character ("control"; tab, new line, carriage return and form
// feed are allowed in multiline text), more than max characters ("too_long").
func (f Fields) Text(field, s string, max int, multiline bool) bool {
	if !utf8.ValidString(s) {
		f.Add(field, "utf8")
		return false
	}
	n := 0
	for _, r := range s {
		n++
		if unicode.IsControl(r) && !(multiline && (r == '\t' || r == '\n' || r == '\r' || r == '\f')) {
			f.Add(field, "control")
			return false
		}
	}
	if n > max {
		f.Add(field, "too_long")
		return false
	}
	return true
}

// Err returns an Invalid error, or nil.
func (f Fields) Err() error {
	if len(f) == 0 {
		return nil
	}
	return Invalid(f)
}
