package unit

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/unicode/norm"

	"github.com/danvan-vn/danvan/ent"
	entschema "github.com/danvan-vn/danvan/ent/schema"
	"github.com/danvan-vn/danvan/ent/unitevent"
	"github.com/danvan-vn/danvan/internal/apperr"
	"github.com/danvan-vn/danvan/internal/calendar"
	"github.com/danvan-vn/danvan/internal/db"
)

// Columns of the import file, in the template's order: the header row must name them (the
// Vietnamese header of the template, or these keys).
var Columns = []Column{
	{"code", "Mã đơn vị", true}, {"name", "Tên đơn vị", true}, {"short_name", "Tên viết tắt", false},
	{"type", "Loại đơn vị", true}, {"parent_code", "Mã đơn vị cấp trên", false}, {"address", "Địa chỉ", false},
	{"valid_from", "Ngày hiệu lực (dd/mm/yyyy)", false},
	{"leader_name", "Lãnh đạo - họ tên", false}, {"leader_title", "Lãnh đạo - chức vụ", false},
	{"leader_phone", "Lãnh đạo - điện thoại", false}, {"leader_email", "Lãnh đạo - email", false},
	{"officer_name", "Cán bộ phụ trách dân vận - họ tên", false}, {"officer_title", "Cán bộ phụ trách dân vận - chức vụ", false},
	{"officer_phone", "Cán bộ phụ trách dân vận - điện thoại", false}, {"officer_email", "Cán bộ phụ trách dân vận - email", false},
}

// Column is one import column.
type Column struct {
	Key, Header string
	Required    bool
}

// TypeLabels are the Vietnamese names accepted (and shown) for unit types in files.
var TypeLabels = map[string]string{
	"province": "UBND tỉnh", "department": "Sở, ban, ngành", "commune": "UBND xã, phường",
	"district": "UBND huyện, thị xã, thành phố", "public_service": "Đơn vị sự nghiệp công lập",
	"front": "Ủy ban MTTQ, đoàn thể", "mass_mobilization_board": "Ban Dân vận", "other": "Khác",
}

// RowError is one problem in an import file: the row as the spreadsheet shows it (1-based, the
// header is row 1), the column's header, the reason (message key "field.<reason>") and the value.
type RowError = apperr.Row

// ImportError is a rejected file: every problem found, nothing written.
type ImportError struct {
	Rows []RowError
	// TooLarge marks a file refused for its shape (more rows or columns than an import takes)
	// rather than for what its cells say.
	TooLarge bool
}

func (e *ImportError) Error() string {
	return fmt.Sprintf("unit: import refused: %d problems", len(e.Rows))
}

// Unwrap gives the refusal as an apperr: Rejected ("import_invalid") with the rows, or a
// KindTooLarge error ("import_too_large") with the rows naming the limit crossed.
func (e *ImportError) Unwrap() error {
	if e.TooLarge {
		return &apperr.Error{Kind: apperr.KindTooLarge, Code: "import_too_large", Rows: e.Rows}
	}
	return apperr.Rejected("import_invalid", e.Rows)
}

// ImportResult says what an import did.
type ImportResult struct {
	Created, Updated, Unchanged int
}

// Import reads a CSV or XLSX file of units (keyed by code) and applies it in one transaction:
// new codes are created, changed units get a new version from the row's date (or asOf), equal
// ones are left alone, so importing the same file twice changes nothing. The whole file is
// checked first; any problem refuses it all with a report naming row, column and reason.
func (s *Service) Import(ctx context.Context, filename string, r io.Reader, asOf time.Time) (*ImportResult, error) {
	rows, err := readRows(filename, r)
	if err != nil {
		return nil, err
	}
	recs, problems := parseRows(rows, asOf)
	if len(problems) > 0 {
		return nil, &ImportError{Rows: problems, TooLarge: slices.ContainsFunc(problems, func(p RowError) bool { return p.Reason == "too_many_rows" })}
	}
	res := &ImportResult{}
	err = db.InTx(ctx, s.db, func(tx *ent.Tx) error {
		c := tx.Client()
		existing, err := c.Unit.Query().All(ctx)
		if err != nil {
			return err
		}
		ids := map[string]int{}
		for _, u := range existing {
			ids[u.Code] = u.ID
		}
		var problems []RowError
		for _, rec := range recs { // parent codes must exist in the file or the province
			if rec.parent != "" && ids[rec.parent] == 0 && !slices.ContainsFunc(recs, func(o record) bool { return o.code == rec.parent }) {
				problems = append(problems, RowError{Row: rec.row, Column: header("parent_code"), Reason: "parent_missing", Value: rec.parent})
			}
		}
		if len(problems) > 0 {
			return &ImportError{Rows: problems}
		}
		newCount := 0
		for _, rec := range recs {
			if ids[rec.code] == 0 {
				newCount++
			}
		}
		if s.quota != nil && newCount > 0 {
			if err := s.quota.CheckUnits(ctx, newCount); err != nil {
				return err
			}
		}
		// Parents before children: repeat passes until every row is placed.
		done := map[int]bool{}
		for pass := 0; len(done) < len(recs); pass++ {
			progressed := false
			for i, rec := range recs {
				if done[i] || (rec.parent != "" && ids[rec.parent] == 0) {
					continue
				}
				a := rec.attrs
				if rec.parent != "" {
					p := ids[rec.parent]
					a.ParentID = &p
				}
				if id := ids[rec.code]; id == 0 {
					u, err := s.create(ctx, c, rec.code, rec.from, a)
					if err != nil {
						return rowErr(rec, err)
					}
					ids[rec.code] = u.ID
					res.Created++
				} else {
					cur, err := latest(ctx, c, id)
					if err != nil {
						return err
					}
					if attrsOf(cur).Same(a) {
						res.Unchanged++
					} else {
						from := rec.from
						if from.Before(cur.ValidFrom) {
							from = cur.ValidFrom
						}
						if err := s.change(ctx, c, id, from, a, unitevent.KindUpdate); err != nil {
							return rowErr(rec, err)
						}
						res.Updated++
					}
				}
				done[i], progressed = true, true
			}
			if !progressed {
				var cyc []RowError
				for i, rec := range recs {
					if !done[i] {
						cyc = append(cyc, RowError{Row: rec.row, Column: header("parent_code"), Reason: "parent_cycle", Value: rec.parent})
					}
				}
				return &ImportError{Rows: cyc}
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}

// rowErr turns a domain error on one row into a row report.
func rowErr(rec record, err error) error {
	e, ok := apperr.As(err)
	if !ok {
		return err
	}
	var rows []RowError
	for f, reason := range e.Fields {
		rows = append(rows, RowError{Row: rec.row, Column: header(f), Reason: reason})
	}
	if len(rows) == 0 {
		rows = append(rows, RowError{Row: rec.row, Column: header("code"), Reason: e.Code, Value: rec.code})
	}
	return &ImportError{Rows: rows}
}

func header(key string) string {
	for _, c := range Columns {
		if c.Key == key {
			return c.Header
		}
	}
	return key
}

type record struct {
	row          int
	code, parent string
	from         time.Time
	attrs        Attrs
}

func parseRows(rows [][]string, asOf time.Time) ([]record, []RowError) {
	if len(rows) == 0 {
		return nil, []RowError{{Row: 1, Reason: "file_empty"}}
	}
	// Map header cells to columns by their Vietnamese header or their key, in their obvious
	// variants (case, spacing, dashes, a hint in brackets such as "(dd/mm/yyyy)"). A header the
	// importer does not know, or a column named twice, refuses the file: a column silently left
	// out would give every unit a default (today's date for "Ngày hiệu lực").
	idx := map[string]int{}
	var problems []RowError
	for i, h := range rows[0] {
		h = strings.TrimSpace(h)
		if h == "" {
			continue
		}
		key := columnOf(h)
		switch _, dup := idx[key]; {
		case key == "":
			problems = append(problems, RowError{Row: 1, Column: h, Reason: "column_unknown", Value: h})
		case dup:
			problems = append(problems, RowError{Row: 1, Column: h, Reason: "column_duplicate", Value: h})
		default:
			idx[key] = i
		}
	}
	for _, c := range Columns {
		if _, ok := idx[c.Key]; !ok && c.Required {
			problems = append(problems, RowError{Row: 1, Column: c.Header, Reason: "column_missing"})
		}
	}
	if len(problems) > 0 {
		return nil, problems
	}
	if len(rows)-1 > MaxImportRows { // readRows refuses these already; kept so parseRows stands alone
		return nil, []RowError{{Row: MaxImportRows + 2, Reason: "too_many_rows"}}
	}
	problems = cellProblems(rows, idx)
	typeOf := map[string]string{}
	for k, label := range TypeLabels {
		typeOf[strings.ToLower(label)] = k
		typeOf[k] = k
	}
	var recs []record
	seen := map[string]int{}
	for n, row := range rows[1:] {
		line := n + 2
		get := func(key string) string {
			if i, ok := idx[key]; ok && i < len(row) {
				return strings.TrimSpace(row[i])
			}
			return ""
		}
		empty := true
		for _, cell := range row {
			if strings.TrimSpace(cell) != "" {
				empty = false
			}
		}
		if empty {
			continue
		}
		rec := record{row: line, code: get("code"), parent: get("parent_code"), from: asOf}
		typ := typeOf[strings.ToLower(get("type"))]
		rec.attrs = Attrs{Name: get("name"), ShortName: get("short_name"), Type: typ, Address: get("address"),
			LeaderName: get("leader_name"), LeaderTitle: get("leader_title"), LeaderPhone: get("leader_phone"), LeaderEmail: get("leader_email"),
			OfficerName: get("officer_name"), OfficerTitle: get("officer_title"), OfficerPhone: get("officer_phone"), OfficerEmail: get("officer_email")}
		rec.attrs.normalize()
		add := func(key, reason, value string) {
			problems = append(problems, RowError{Row: line, Column: header(key), Reason: reason, Value: value})
		}
		if !ValidCode(rec.code) {
			add("code", "unit_code", rec.code)
		} else if first, dup := seen[rec.code]; dup {
			add("code", "duplicate_in_file", fmt.Sprintf("%s (dòng %d)", rec.code, first))
		} else {
			seen[rec.code] = line
		}
		if typ == "" || !slices.Contains(entschema.UnitTypes, typ) {
			add("type", "unit_type", get("type"))
		}
		if v := get("valid_from"); v != "" {
			d, err := calendar.Parse(v)
			if err != nil {
				add("valid_from", "date", v)
			} else {
				rec.from = d.UTC()
			}
		}
		if rec.parent != "" && rec.parent == rec.code {
			add("parent_code", "parent_cycle", rec.parent)
		}
		f := rec.attrs.Validate()
		for field, reason := range f {
			if field == "type" {
				continue // reported above with the value
			}
			add(field, reason, get(field))
		}
		recs = append(recs, rec)
	}
	if len(recs) == 0 && len(problems) == 0 {
		problems = append(problems, RowError{Row: 2, Reason: "file_empty"})
	}
	slices.SortStableFunc(problems, func(a, b RowError) int { return a.Row - b.Row })
	return recs, problems
}

// Template writes the import template: the header row, two example rows and a sheet of types.
func Template(w io.Writer) error {
	x := excelize.NewFile()
	defer x.Close()
	const sheet = "Đơn vị"
	if err := x.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	for i, c := range Columns {
		cell, _ := excelize.CoordinatesToCellName(i+1, 1)
		if err := x.SetCellValue(sheet, cell, c.Header); err != nil {
			return err
		}
	}
	examples := [][]string{
		{"SNV", "Sở Nội vụ", "SNV", TypeLabels["department"], "", "Số 1 đường Trường Thi", "01/07/2025", "Nguyễn Văn A", "Giám đốc", "0238 3844 000", "giamdoc.snv@example.gov.vn", "Trần Thị B", "Chuyên viên", "0912 345 678", "dv.snv@example.gov.vn"},
		{"XA-001", "UBND xã Hưng Nguyên", "", TypeLabels["commune"], "", "", "01/07/2025", "", "", "", "", "", "", "", ""},
	}
	for r, row := range examples {
		for i, v := range row {
			cell, _ := excelize.CoordinatesToCellName(i+1, r+2)
			if err := x.SetCellValue(sheet, cell, v); err != nil {
				return err
			}
		}
	}
	const types = "Loại đơn vị"
	if _, err := x.NewSheet(types); err != nil {
		return err
	}
	r := 1
	for _, k := range entschema.UnitTypes {
		_ = x.SetCellValue(types, fmt.Sprintf("A%d", r), TypeLabels[k])
		_ = x.SetCellValue(types, fmt.Sprintf("B%d", r), k)
		r++
	}
	return x.Write(w)
}

// columnOf is the key of the column a header names, or "" when it names none.
func columnOf(h string) string {
	n := normHeader(h)
	for _, c := range Columns {
		if n == normHeader(c.Header) || n == c.Key {
			return c.Key
		}
	}
	return ""
}

// normHeader folds a header's obvious variants together: case, runs of spaces, en and em dashes,
// underscores, and a bracketed hint ("Ngày hiệu lực (dd/mm/yyyy)" = "ngày hiệu lực").
func normHeader(h string) string {
	h = norm.NFC.String(h)
	if i := strings.IndexAny(h, "(["); i > 0 {
		h = h[:i]
	}
	h = strings.NewReplacer("–", "-", "—", "-", "_", " ").Replace(strings.ToLower(h))
	h = strings.Join(strings.Fields(h), " ")
	h = strings.ReplaceAll(h, " - ", "-")
	return strings.ReplaceAll(h, " ", "_")
}
