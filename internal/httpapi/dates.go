package httpapi

import (
	"encoding/json"
	"io"
	"strings"
	"time"

	"github.com/danvan-vn/danvan/internal/apperr"
	"github.com/danvan-vn/danvan/internal/calendar"
)

// Day reads a date (dd/mm/yyyy or yyyy-mm-dd, see calendar.Parse) from a query or form value as
// its storage form (midnight UTC of that day); empty means today in Vietnam. A bad date is a 422
// naming field.
func Day(v, field string) (time.Time, error) {
	if strings.TrimSpace(v) == "" {
		return calendar.Today().UTC(), nil
	}
	d, err := calendar.Parse(v)
	if err != nil {
		return time.Time{}, apperr.Invalid(map[string]string{field: "date"})
	}
	return d.UTC(), nil
}

// OptDay is Day where empty means none.
func OptDay(v, field string) (*time.Time, error) {
	if strings.TrimSpace(v) == "" {
		return nil, nil
	}
	d, err := Day(v, field)
	return &d, err
}

// ISODay writes a day as yyyy-mm-dd.
func ISODay(t time.Time) string { return t.Format("2006-01-02") }

// ISODayPtr is ISODay of an optional day ("" for none).
func ISODayPtr(t *time.Time) string {
	if t == nil {
		return ""
	}
	return ISODay(*t)
}

// DMY writes a day as officials read it: dd/mm/yyyy.
func DMY(t time.Time) string { return t.Format("02/01/2006") }

// JSONEncode writes v as JSON without HTML escaping.
func JSONEncode(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// Deref is *p, or 0 for nil.
func Deref(p *int) int {
	if p == nil {
		return 0
	}
	return *p
}

// ZeroNil is p, or nil when p points at 0 (a form's "none").
func ZeroNil(p *int) *int {
	if p == nil || *p == 0 {
		return nil
	}
	return p
}
