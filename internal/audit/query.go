package audit

import (
	"context"
	"encoding/csv"
	"fmt"
	"github.com/danvan-vn/danvan/internal/calendar"
	"io"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/ent/auditlog"
	"github.com/danvan-vn/danvan/ent/predicate"
	"github.com/danvan-vn/danvan/internal/apperr"
)

// Filter narrows the trail. Empty fields do not filter.
type Filter struct {
	Action string // prefix: "login" matches login.failed, login.success...; a verb ("create") matches it on every type
	Entity string // entity type
	Actor  string // actor contains (case-insensitive)
	From   time.Time
	To     time.Time // inclusive day: records before To + 1 day
}

// ParseFilter reads a filter from form values; dates are dd/mm/yyyy in Vietnamese time.
func ParseFilter(get func(string) string) (Filter, error) {
	f := Filter{Action: strings.TrimSpace(get("action")), Entity: strings.TrimSpace(get("entity")), Actor: strings.TrimSpace(get("actor"))}
	errs := apperr.Fields{}
	for name, dst := range map[string]*time.Time{"from": &f.From, "to": &f.To} {
		if v := strings.TrimSpace(get(name)); v != "" {
			t, err := time.ParseInLocation("02/01/2006", v, vnZone)
			if err != nil {
				errs.Add(name, "date")
				continue
			}
			*dst = t
		}
	}
	return f, errs.Err()
}

var vnZone = calendar.Location()

func (f Filter) predicates() []predicate.AuditLog {
	var ps []predicate.AuditLog
	switch {
	case slices.Contains(Verbs, f.Action):
		ps = append(ps, auditlog.ActionHasSuffix("."+f.Action))
	case f.Action != "":
		ps = append(ps, auditlog.ActionHasPrefix(f.Action))
	}
	if f.Entity != "" {
		ps = append(ps, auditlog.EntityType(f.Entity))
	}
	if f.Actor != "" {
		ps = append(ps, auditlog.ActorContainsFold(f.Actor))
	}
	if !f.From.IsZero() {
		ps = append(ps, auditlog.CreatedAtGTE(f.From.UTC()))
	}
	if !f.To.IsZero() {
		ps = append(ps, auditlog.CreatedAtLT(f.To.AddDate(0, 0, 1).UTC()))
	}
	return ps
}

// PageSize is how many records a page of the viewer shows.
const PageSize = 50

// MaxPage is the last page List reads: beyond it the offset would near overflow.
const MaxPage = 1_000_000

// List returns page (from 1) of the viewer's province's trail, newest first, and whether more
// follow.
func List(ctx context.Context, c *ent.Client, f Filter, page int) ([]*ent.AuditLog, bool, error) {
	page = min(max(page, 1), MaxPage) // a page past the end is empty, never a negative offset
	rows, err := c.AuditLog.Query().Where(f.predicates()...).Order(ent.Desc(auditlog.FieldID)).
		Offset((page - 1) * PageSize).Limit(PageSize + 1).All(ctx)
	if err != nil {
		return nil, false, fmt.Errorf("audit: list: %w", err)
	}
	more := len(rows) > PageSize
	if more {
		rows = rows[:PageSize]
	}
	return rows, more, nil
}

// ExportLimit caps one export.
const ExportLimit = 100000

// Header is the export's column names.
var Header = []string{"id", "time", "actor", "action", "entity_type", "entity_id", "subject", "changes", "ip", "user_agent", "request_id"}

func rowOf(r *ent.AuditLog) []string {
	id := ""
	if r.EntityID != nil {
		id = strconv.Itoa(*r.EntityID)
	}
	row := []string{strconv.Itoa(r.ID), r.CreatedAt.In(vnZone).Format("02/01/2006 15:04:05"), r.Actor, r.Action,
		r.EntityType, id, r.Subject, FormatChanges(r), r.IP, r.UserAgent, r.RequestID}
	for i := range row {
		row[i] = cell(row[i]) // every cell: any of them may hold what a user typed or sent
	}
	return row
}

// cell defuses text a spreadsheet would run as a formula (names and user agents come from users).
func cell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// FormatChanges renders a record's changes as "field: before → after; ...", fields sorted.
func FormatChanges(r *ent.AuditLog) string {
	keys := make([]string, 0, len(r.Changes))
	for k := range r.Changes {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for i, k := range keys {
		if i > 0 {
			b.WriteString("; ")
		}
		ch := r.Changes[k]
		fmt.Fprintf(&b, "%s: %s → %s", k, Value(ch.Before), Value(ch.After))
	}
	return b.String()
}

// Value renders one recorded value.
func Value(v any) string {
	if v == nil {
		return "∅"
	}
	return fmt.Sprint(v)
}

// Export writes the filtered trail (newest first) as CSV (UTF-8 with BOM, so Excel shows the
// Vietnamese right) or XLSX.
func Export(ctx context.Context, c *ent.Client, f Filter, format string, w io.Writer) error {
	rows, err := c.AuditLog.Query().Where(f.predicates()...).Order(ent.Desc(auditlog.FieldID)).Limit(ExportLimit).All(ctx)
	if err != nil {
		return fmt.Errorf("audit: export: %w", err)
	}
	switch format {
	case "csv":
		if _, err := io.WriteString(w, "\ufeff"); err != nil {
			return err
		}
		cw := csv.NewWriter(w)
		if err := cw.Write(Header); err != nil {
			return err
		}
		for _, r := range rows {
			if err := cw.Write(rowOf(r)); err != nil {
				return err
			}
		}
		cw.Flush()
		return cw.Error()
	case "xlsx":
		x := excelize.NewFile()
		defer x.Close()
		const sheet = "Nhật ký"
		if err := x.SetSheetName("Sheet1", sheet); err != nil {
			return err
		}
		sw, err := x.NewStreamWriter(sheet)
		if err != nil {
			return err
		}
		cells := func(ss []string) []any {
			out := make([]any, len(ss))
			for i, s := range ss {
				out[i] = s
			}
			return out
		}
		if err := sw.SetRow("A1", cells(Header)); err != nil {
			return err
		}
		for i, r := range rows {
			if err := sw.SetRow("A"+strconv.Itoa(i+2), cells(rowOf(r))); err != nil {
				return err
			}
		}
		if err := sw.Flush(); err != nil {
			return err
		}
		return x.Write(w)
	default:
		return apperr.Invalid(map[string]string{"format": "invalid"})
	}
}

// Trail reads the audit trail of the caller's province.
type Trail struct{ c *ent.Client }

// NewTrail reads the trail on c.
func NewTrail(c *ent.Client) *Trail { return &Trail{c: c} }

// List is List on the trail's client.
func (t *Trail) List(ctx context.Context, f Filter, page int) ([]*ent.AuditLog, bool, error) {
	return List(ctx, t.c, f, page)
}

// Export is Export on the trail's client.
func (t *Trail) Export(ctx context.Context, f Filter, format string, w io.Writer) error {
	return Export(ctx, t.c, f, format, w)
}
