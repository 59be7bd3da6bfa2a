package audit

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/internal/audit"
	"github.com/danvan-vn/danvan/internal/calendar"
	"github.com/danvan-vn/danvan/internal/httpapi"
	"github.com/danvan-vn/danvan/internal/textnorm"
	"github.com/danvan-vn/danvan/internal/web"
	"github.com/labstack/echo/v4"
)

// The trail as a person reads it: actions and record types in words (audit.action.<action>,
// else audit.action.<verb>; audit.entity.<type>), fields by their labels (audit.field.<name>,
// else the name humanised), values by their shape (dates dd/mm/yyyy, booleans Có/Không, maps
// as "key: value" lines, enum codes through their catalog family), and links to the records.

// hidden fields say nothing to a reader of the province's trail: the province itself.
var hidden = map[string]bool{"tenant_id": true}

// recordPath is the page of a record of an entity type, from its id ("" when it has none); the
// types whose page is a list link to it.
var recordPath = map[string]func(id int) string{
	"unit":            func(id int) string { return "/units/" + strconv.Itoa(id) },
	"committee":       func(id int) string { return "/committees/" + strconv.Itoa(id) },
	"reportingregime": func(id int) string { return "/regimes/" + strconv.Itoa(id) },
	"holiday":         func(int) string { return "/calendar" },
	"provincesetting": func(int) string { return "/settings" },
	"user":            func(int) string { return "/users" },
	"membership":      func(int) string { return "/users" },
	"invitation":      func(int) string { return "/users" },
	"rolegrant":       func(int) string { return "/grants" },
}

// idFields are the fields that hold the id of a record of a type with a page.
var idFields = map[string]string{
	"unit_id": "unit", "parent_id": "unit", "successor_id": "unit", "receiving_unit_id": "unit",
	"office_unit_id": "unit", "standing_agency_id": "unit", "committee_id": "committee",
}

// viaField links records without a page of their own to the one they belong to.
var viaField = map[string]string{"unitversion": "unit_id", "unitevent": "unit_id", "unitnote": "unit_id",
	"committeemember": "committee_id", "assignment": "unit_id"}

// valueFamily names the catalog family of a field's enum codes: a code without a message is
// shown as it is.
var valueFamily = map[string]string{"role": "role.", "position": "position.", "shift": "regime.shift.",
	"status": "tenant.status.", "type": "unit.type.", "kind": "audit.value.kind.", "frequency": "audit.value.frequency.",
	"level": "audit.value.level.", "effect": "audit.value.effect.", "reason": "audit.value.reason.", "change": "audit.value.change.",
	"reporting_unit_types": "unit.type."}

// leading fields name the record: they come first, the others by their labels.
var leading = map[string]int{"name": 1, "full_name": 1, "person_name": 1, "key": 1, "code": 2, "email": 2, "date": 2}

// maxValue is how many characters of a value the trail shows (a regime's content runs to 20,000).
const maxValue = 300

type presenter struct {
	c     echo.Context
	base  string // /t/{slug}
	zone  *time.Location
	names map[string]map[int]string // record type → id → its name, for the ids the changes hold
}

// names finds the names of the units and committees whose ids the rows' changes hold (a unit by
// its latest version's name), so the trail says "Đơn vị cấp trên: UBND tỉnh Nghệ An", not "#1".
// Ids of another province's records are not found, so they stay numbers.
func (h *handler) names(ctx context.Context, rows []*ent.AuditLog) (map[string]map[int]string, error) {
	ids := map[string][]int{}
	var add func(field string, v any)
	add = func(field string, v any) {
		switch x := v.(type) {
		case []any:
			for _, e := range x {
				add(field, e)
			}
		default:
			if id, ok := intOf(x); ok {
				if typ, ok := idFields[field]; ok {
					ids[typ] = append(ids[typ], id)
				}
			}
		}
	}
	for _, r := range rows {
		for f, ch := range r.Changes {
			add(f, ch.Before)
			add(f, ch.After)
		}
	}
	out := map[string]map[int]string{"unit": {}, "committee": {}}
	if len(ids["unit"]) > 0 {
		vs, err := h.units.Versions(ctx, ids["unit"])
		if err != nil {
			return nil, err
		}
		for _, v := range vs { // oldest first: the latest version's name stays
			out["unit"][v.UnitID] = v.Name
		}
	}
	if len(ids["committee"]) > 0 {
		cs, err := h.committees.List(ctx)
		if err != nil {
			return nil, err
		}
		for _, c := range cs {
			out["committee"][c.ID] = c.Name
		}
	}
	return out, nil
}

func newPresenter(c echo.Context) *presenter {
	p := &presenter{c: c, zone: calendar.Location()}
	if t := httpapi.Tenant(c); t != nil {
		p.base = "/t/" + t.Slug
	}
	return p
}

// action names an action: its own message ("Đổi vai trò"), else its verb's ("Tạo").
func (p *presenter) action(a string) string {
	verb := a[strings.LastIndexByte(a, '.')+1:]
	return httpapi.TOr(p.c, "audit.action."+a, httpapi.TOr(p.c, "audit.action."+verb, a))
}

func (p *presenter) entity(typ string) string {
	return httpapi.TOr(p.c, "audit.entity."+typ, humanise(typ))
}

func (p *presenter) field(name string) string {
	return httpapi.TOr(p.c, "audit.field."+name, humanise(name))
}

// humanise is a code's fallback label: "decision_file_name" → "Decision file name".
func humanise(s string) string {
	s = strings.ReplaceAll(s, "_", " ")
	r, n := utf8.DecodeRuneInString(s)
	return strings.ToUpper(string(r)) + s[n:]
}

func (p *presenter) link(typ string, id int) string {
	if f, ok := recordPath[typ]; ok && id > 0 && p.base != "" {
		return p.base + f(id)
	}
	return ""
}

func (p *presenter) actor(a string) string {
	switch a {
	case "", "system":
		return httpapi.T(p.c, "audit.system")
	case "anonymous":
		return httpapi.T(p.c, "audit.anonymous")
	}
	return a
}

// row is one record in words.
func (p *presenter) row(r *ent.AuditLog) web.AuditRow {
	row := web.AuditRow{ID: r.ID, At: r.CreatedAt, Actor: p.actor(r.Actor), Action: r.Action, ActionLabel: p.action(r.Action),
		EntityType: r.EntityType, Subject: r.Subject, IP: r.IP, RequestID: r.RequestID}
	if r.EntityType != "" {
		row.EntityLabel = p.entity(r.EntityType)
	}
	if r.EntityID != nil {
		row.EntityID = *r.EntityID
	}
	deleted := strings.HasSuffix(r.Action, ".delete")
	if !deleted { // a deleted record has no page left
		row.Link = p.link(r.EntityType, row.EntityID)
		if f, ok := viaField[r.EntityType]; ok {
			if id, ok := intOf(r.Changes[f].After); ok {
				row.Link = p.link(idFields[f], id)
			}
		}
	}
	for f, ch := range r.Changes {
		if hidden[f] {
			continue
		}
		cr := web.ChangeRow{Field: f, Label: p.field(f)}
		cr.Before, cr.BeforeLink = p.value(f, ch.Before)
		cr.After, cr.AfterLink = p.value(f, ch.After)
		if deleted { // what the record held
			cr.After, cr.AfterLink, cr.Before, cr.BeforeLink = cr.Before, cr.BeforeLink, "", ""
		}
		row.Changes = append(row.Changes, cr)
	}
	textnorm.Sort(row.Changes, func(c web.ChangeRow) string { return c.Label })
	slices.SortStableFunc(row.Changes, func(a, b web.ChangeRow) int { return lead(a.Field) - lead(b.Field) })
	return row
}

// value formats one recorded value (as stored: JSON's strings, numbers, booleans, maps and
// lists) and the link of a record id.
func (p *presenter) value(field string, v any) (string, string) {
	switch x := v.(type) {
	case nil:
		return "", ""
	case bool:
		if x {
			return httpapi.T(p.c, "audit.value.yes"), ""
		}
		return httpapi.T(p.c, "audit.value.no"), ""
	case float64:
		if id, ok := intOf(x); ok {
			if typ, ok := idFields[field]; ok {
				if name := p.names[typ][id]; name != "" {
					return name, p.link(typ, id)
				}
				return "#" + strconv.Itoa(id), p.link(typ, id)
			}
			return strconv.Itoa(id), ""
		}
		return strconv.FormatFloat(x, 'f', -1, 64), ""
	case string:
		return p.text(field, x), ""
	case map[string]any:
		return p.pairs(x, "\n"), ""
	case []any:
		parts := make([]string, 0, len(x))
		sep := ", "
		for _, e := range x {
			if m, ok := e.(map[string]any); ok { // a list of records: one a line
				parts, sep = append(parts, p.pairs(m, "; ")), "\n"
				continue
			}
			s, _ := p.value(field, e)
			parts = append(parts, s)
		}
		return strings.Join(parts, sep), ""
	default:
		return fmt.Sprint(x), ""
	}
}

// pairs formats a map as "key: value" joined by sep, keys by their labels when they have one
// (a province's settings keep their own keys).
func (p *presenter) pairs(m map[string]any, sep string) string {
	out := make([]string, 0, len(m))
	for _, k := range slices.Sorted(maps.Keys(m)) {
		v, _ := p.value(k, m[k])
		out = append(out, httpapi.TOr(p.c, "audit.field."+k, k)+": "+v)
	}
	return strings.Join(out, sep)
}

// text formats a string value: a time as a date (with the time of day when it has one), an enum
// code in words, a long text cut.
func (p *presenter) text(field, s string) string {
	if s == "[redacted]" {
		return httpapi.T(p.c, "audit.value.redacted")
	}
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return p.when(t)
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return httpapi.DMY(t)
	}
	if fam, ok := valueFamily[field]; ok {
		return httpapi.TOr(p.c, fam+s, s)
	}
	if utf8.RuneCountInString(s) > maxValue {
		return string([]rune(s)[:maxValue]) + "…"
	}
	return s
}

// when is a day dd/mm/yyyy when t is a midnight (days are stored at UTC midnight), else the time
// in Vietnam, dd/mm/yyyy hh:mm.
func (p *presenter) when(t time.Time) string {
	if u := t.UTC(); u.Hour() == 0 && u.Minute() == 0 && u.Second() == 0 && u.Nanosecond() == 0 {
		return httpapi.DMY(u)
	}
	l := t.In(p.zone)
	if l.Hour() == 0 && l.Minute() == 0 && l.Second() == 0 {
		return httpapi.DMY(l)
	}
	return l.Format("02/01/2006 15:04")
}

// lead is a field's place: the leading ones first.
func lead(f string) int {
	if n, ok := leading[f]; ok {
		return n
	}
	return 3
}

// intOf is a whole JSON number as an int.
func intOf(v any) (int, bool) {
	f, ok := v.(float64)
	if !ok || f != float64(int(f)) {
		return 0, false
	}
	return int(f), true
}

// actions are the action filter's choices: sign-in events, then the verbs across types.
func (p *presenter) actions() []web.AuditOption {
	codes := append([]string{"login", "login.success", "login.failed", "login.lockout", "session.revoke", "token.use"}, audit.Verbs...)
	out := make([]web.AuditOption, len(codes))
	for i, a := range codes {
		out[i] = web.AuditOption{Value: a, Label: p.action(a)}
	}
	return out
}

// entities are the record-type filter's choices: every audited type, by its label.
func (p *presenter) entities() []web.AuditOption {
	var out []web.AuditOption
	for _, typ := range audit.EntityTypes() {
		out = append(out, web.AuditOption{Value: typ, Label: p.entity(typ)})
	}
	textnorm.Sort(out, func(o web.AuditOption) string { return o.Label })
	return out
}
