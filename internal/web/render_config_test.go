package web

import (
	"bytes"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/danvan-vn/danvan/ent/schema"
	assets "github.com/danvan-vn/danvan/web"
)

// The province configuration pages: units, import, committees, assignments, regimes, calendar,
// settings, and the usage bars on the home page. The data is Quảng Ngãi's, in the style of the
// province's own texts.

var configPerms = []string{"province:read", "unit:read", "unit:update", "unit:import", "committee:read", "committee:update",
	"regime:read", "regime:update", "setting:read", "setting:update", "usage:read"}

var quangNgai = &TenantVM{Slug: "quang-ngai", Name: "Quảng Ngãi", Status: "active"}

func vnDate(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, vnZone) }

func configPage(lang, title, path string, perms ...string) Page {
	return Page{Lang: lang, Title: title, User: provinceUser(), Tenant: quangNgai, CSRF: csrf,
		RequestID: "req-" + title, Path: path, Can: can(perms...)}
}

func unitOptions() []UnitOption {
	return []UnitOption{
		{ID: 1, Code: "QNG", Name: "UBND tỉnh Quảng Ngãi"},
		{ID: 2, Code: "SNV", Name: "Sở Nội vụ"},
		{ID: 3, Code: "STNMT", Name: "Sở Tài nguyên và Môi trường"},
		{ID: 4, Code: "XA-TINHANTAY", Name: "UBND xã Tịnh Ấn Tây"},
		{ID: 5, Code: "PH-TQTRONG", Name: "UBND phường Trương Quang Trọng"},
		{ID: 6, Code: "MTTQ", Name: "Ủy ban MTTQ Việt Nam tỉnh Quảng Ngãi"},
	}
}

func unitTree() []UnitNodeVM {
	return []UnitNodeVM{
		{ID: 1, Code: "QNG", Name: "UBND tỉnh Quảng Ngãi", Type: "province", Open: true,
			Officer: PersonVM{Name: "Lê Thị Mỹ Hạnh", Title: "Phó Chánh Văn phòng UBND tỉnh"},
			Children: []UnitNodeVM{
				{ID: 2, Code: "SNV", Name: "Sở Nội vụ", ShortName: "SNV", Type: "department",
					Officer: PersonVM{Name: "Nguyễn Thị Thu Hà", Title: "Trưởng phòng Xây dựng chính quyền", Phone: "0255 3822 145"}},
				{ID: 3, Code: "STNMT", Name: "Sở Tài nguyên và Môi trường", Type: "department"},
				{ID: 4, Code: "XA-TINHANTAY", Name: "UBND xã Tịnh Ấn Tây", ShortName: "Tịnh Ấn Tây", Type: "commune",
					Officer: PersonVM{Name: "Phạm Văn Lực", Title: "Công chức Văn phòng – Thống kê", Phone: "0905 123 456"}},
			}},
		{ID: 6, Code: "MTTQ", Name: "Ủy ban MTTQ Việt Nam tỉnh Quảng Ngãi", Type: "front"},
	}
}

func committeeVM() CommitteeVM {
	d := vnDate(2025, 7, 15)
	return CommitteeVM{ID: 3, Name: "Ban Chỉ đạo thực hiện Quy chế dân chủ ở cơ sở tỉnh Quảng Ngãi", Level: "province",
		StandingAgency: "Sở Nội vụ", TermLabel: "2025–2030", DecisionNumber: "1234/QĐ-UBND", DecisionDate: &d,
		DecisionFile: "QD-1234-thanh-lap-BCD.pdf"}
}

func committeeMembers() []MemberVM {
	left := vnDate(2025, 9, 30)
	return []MemberVM{
		{ID: 31, Position: "head", PersonName: "Trần Phước Hiền", PersonTitle: "Phó Bí thư Thường trực Tỉnh ủy", Office: "Tỉnh ủy Quảng Ngãi",
			ValidFrom: vnDate(2025, 7, 15), Units: []UnitOption{unitOptions()[1]}},
		{ID: 32, Position: "standing_deputy", PersonName: "Võ Thị Minh Châu", PersonTitle: "Giám đốc Sở Nội vụ", Office: "Sở Nội vụ",
			ValidFrom: vnDate(2025, 7, 15), Units: []UnitOption{unitOptions()[3], unitOptions()[4]}},
		{ID: 33, Position: "member", PersonName: "Huỳnh Thanh Tùng", PersonTitle: "Phó Giám đốc Sở Tài nguyên và Môi trường",
			ValidFrom: vnDate(2025, 7, 15), ValidTo: &left},
		{ID: 34, Position: "support_team", PersonName: "Nguyễn Thị Thu Hà", PersonTitle: "Trưởng phòng Xây dựng chính quyền",
			ValidFrom: vnDate(2025, 8, 1)},
	}
}

func occurrences() []OccurrenceVM {
	return []OccurrenceVM{
		{Period: "6 tháng đầu năm 2026", Nominal: vnDate(2026, 6, 15), Due: vnDate(2026, 6, 15),
			CutFrom: vnDate(2025, 12, 15), CutTo: vnDate(2026, 6, 14)},
		{Period: "Năm 2026", Nominal: vnDate(2026, 11, 15), Due: vnDate(2026, 11, 13), Shifted: true,
			CutFrom: vnDate(2025, 12, 15), CutTo: vnDate(2026, 12, 14)},
		{Period: "6 tháng đầu năm 2027", Nominal: vnDate(2027, 6, 15), Due: vnDate(2027, 6, 15),
			CutFrom: vnDate(2026, 12, 15), CutTo: vnDate(2027, 6, 14)},
		{Period: "Năm 2027", Nominal: vnDate(2027, 11, 15), Due: vnDate(2027, 11, 15),
			CutFrom: vnDate(2026, 12, 15), CutTo: vnDate(2027, 12, 14)},
	}
}

func settingKeys() []string {
	return []string{"assignment.exclusive", "deadline.shift", "doc.number_format", "letterhead.parent", "letterhead.issuer",
		"letterhead.place", "letterhead.signer_title"}
}

func settingValues() map[string]string {
	return map[string]string{"assignment.exclusive": "true", "deadline.shift": "next_working_day",
		"doc.number_format": "{n}/{type}-{issuer}", "letterhead.parent": "UBND TỈNH QUẢNG NGÃI",
		"letterhead.issuer": "BAN CHỈ ĐẠO THỰC HIỆN QUY CHẾ DÂN CHỦ Ở CƠ SỞ", "letterhead.place": "Quảng Ngãi",
		"letterhead.signer_title": "TRƯỞNG BAN"}
}

func importRows() []ImportRowVM {
	return []ImportRowVM{
		{Row: 1, Column: "Loại đơn vị", Reason: "field.column_missing"},
		{Row: 4, Column: "Mã đơn vị", Reason: "field.unit_code", Value: "XÃ TỊNH ẤN TÂY"},
		{Row: 7, Column: "Mã đơn vị cấp trên", Reason: "field.parent_missing", Value: "HUYEN-SONTINH"},
		{Row: 9, Column: "Mã đơn vị", Reason: "field.duplicate_in_file", Value: "SNV (dòng 3)"},
		{Row: 12, Column: "Lãnh đạo - điện thoại", Reason: "field.phone", Value: "0255-38"},
		{Row: 15, Column: "Ngày hiệu lực (dd/mm/yyyy)", Reason: "field.date_day", Value: "31/04/2025"},
		{Row: 18, Column: "Mã đơn vị cấp trên", Reason: "parent_cycle", Value: "XA-TINHANTAY"},
	}
}

func configCases(lang string) []pageCase {
	p := func(title, path string, perms ...string) Page { return configPage(lang, title, path, perms...) }
	mergedOn := vnDate(2025, 7, 1)
	return []pageCase{
		{
			name: "home/usage",
			page: "home",
			data: HomePage{
				Page:    p("home.title", "/t/quang-ngai/", configPerms...),
				Members: 87, StorageObjects: 12,
				Usage: &UsageVM{Plan: "Tiêu chuẩn", Units: 412, MaxUnits: 500, Users: 87, MaxUsers: 0,
					StorageBytes: 1610612736, MaxStorageBytes: 10737418240, Reports: 30, MaxReports: 30},
			},
			check: checkHomeUsage,
		},
		{
			name: "units/tree",
			page: "units",
			data: &UnitsPage{
				Page:    p("units.title", "/t/quang-ngai/units", configPerms...),
				Date:    "01/07/2025",
				Tree:    unitTree(),
				Count:   6,
				Types:   schema.UnitTypes,
				Parents: unitOptions(),
				Form:    UnitForm{Code: "XÃ NGHĨA HÀNH", Name: "UBND xã Nghĩa Hành", Type: "commune", ParentID: 1},
				Errors:  map[string]string{"code": "field.unit_code", "_": "error.unit_code_taken"},
				// The create form came back with errors.
				CreateOpen: true,
			},
			check: checkUnitsTree,
		},
		{
			name: "units/search",
			page: "units",
			data: &UnitsPage{
				Page:    p("units.title", "/t/quang-ngai/units", "unit:read"),
				Query:   "tinh an tay",
				Results: []UnitNodeVM{unitTree()[0].Children[2]},
				Count:   6,
				Types:   schema.UnitTypes,
			},
			check: checkUnitsSearch,
		},
		{
			name: "unit",
			page: "unit",
			data: &UnitPage{
				Page:       p("unit.title", "/t/quang-ngai/units/4", configPerms...),
				ID:         4,
				Code:       "XA-TINHANTAY",
				ExistsFrom: mergedOn,
				Current: VersionVM{ValidFrom: vnDate(2025, 9, 1), Change: "update", Name: "UBND xã Tịnh Ấn Tây", ShortName: "Tịnh Ấn Tây",
					Type: "commune", ParentID: 1, ParentName: "UBND tỉnh Quảng Ngãi", Address: "Thôn Bình Đông, xã Tịnh Ấn Tây",
					Leader:  PersonVM{Name: "Đỗ Văn Quang", Title: "Chủ tịch UBND xã", Phone: "0255 3843 210", Email: "quang.dv@tinhantay.quangngai.gov.vn"},
					Officer: PersonVM{Name: "Phạm Văn Lực", Title: "Công chức Văn phòng – Thống kê", Phone: "0905 123 456"}},
				Versions: []VersionVM{
					{ValidFrom: vnDate(2025, 9, 1), Change: "update", Name: "UBND xã Tịnh Ấn Tây", Type: "commune", ParentID: 1, ParentName: "UBND tỉnh Quảng Ngãi"},
					{ValidFrom: mergedOn, ValidTo: ptr(vnDate(2025, 9, 1)), Change: "create", Name: "UBND xã Tịnh Ấn Tây", Type: "commune", ParentID: 1, ParentName: "UBND tỉnh Quảng Ngãi"},
				},
				Events: []UnitEventVM{
					{Kind: "merge", Date: mergedOn, Units: []UnitOption{{ID: 41, Code: "XA-TINHANDONG", Name: "UBND xã Tịnh Ấn Đông"}, {ID: 42, Code: "XA-TINHANTAY-CU", Name: "UBND xã Tịnh Ấn Tây (cũ)"}},
						Into: &UnitOption{ID: 4, Code: "XA-TINHANTAY", Name: "UBND xã Tịnh Ấn Tây"}, Note: "Theo Nghị quyết 1656/NQ-UBTVQH15"},
					{Kind: "update", Date: vnDate(2025, 9, 1), Note: "Đổi cán bộ phụ trách dân vận"},
				},
				Types:   schema.UnitTypes,
				Parents: unitOptions(),
				Others:  []UnitOption{unitOptions()[4]},
				Errors:  map[string]string{"date": "field.date_before_history"},
			},
			check: checkUnit,
		},
		{
			name: "unit/merged",
			page: "unit",
			data: &UnitPage{
				Page:       p("unit.title", "/t/quang-ngai/units/41", configPerms...),
				ID:         41,
				Code:       "XA-TINHANDONG",
				ExistsFrom: vnDate(2008, 1, 1),
				ExistsTo:   &mergedOn,
				Successor:  &UnitOption{ID: 4, Code: "XA-TINHANTAY", Name: "UBND xã Tịnh Ấn Tây"},
				Date:       "02/12/2026",
				Ended:      true,
				Current:    VersionVM{ValidFrom: vnDate(2008, 1, 1), ValidTo: &mergedOn, Change: "import", Name: "UBND xã Tịnh Ấn Đông", Type: "commune"},
				Versions:   []VersionVM{{ValidFrom: vnDate(2008, 1, 1), ValidTo: &mergedOn, Change: "import", Name: "UBND xã Tịnh Ấn Đông", Type: "commune"}},
				Events:     []UnitEventVM{{Kind: "merge", Date: mergedOn, Into: &UnitOption{ID: 4, Name: "UBND xã Tịnh Ấn Tây"}}},
				Types:      schema.UnitTypes,
			},
			check: checkUnitMerged,
		},
		{
			name: "units_import/refused",
			page: "units_import",
			data: &ImportPage{
				Page:     p("import.title", "/t/quang-ngai/units/import", configPerms...),
				Rows:     importRows(),
				FileName: "don-vi-quang-ngai.xlsx",
			},
			check: checkImportRefused,
		},
		{
			name: "units_import/done",
			page: "units_import",
			data: &ImportPage{
				Page:    p("import.title", "/t/quang-ngai/units/import", "unit:read"),
				Done:    true,
				Created: 1204, Updated: 12, Unchanged: 40,
				FileName: "don-vi-quang-ngai.xlsx",
			},
			check: checkImportDone,
		},
		{
			name: "committees",
			page: "committees",
			data: &CommitteesPage{
				Page: p("committees.title", "/t/quang-ngai/committees", configPerms...),
				Committees: []CommitteeVM{committeeVM(),
					{ID: 4, Name: "Ban Chỉ đạo thực hiện Quy chế dân chủ ở cơ sở xã Tịnh Ấn Tây", Level: "commune", UnitName: "UBND xã Tịnh Ấn Tây"}},
				Units:  unitOptions(),
				Form:   CommitteeForm{Name: "", Level: "commune", UnitID: 4},
				Errors: map[string]string{"name": "field.required"},
			},
			check: checkCommittees,
		},
		{
			name: "committee",
			page: "committee",
			data: &CommitteePage{
				Page:      p("committee.title", "/t/quang-ngai/committees/3", configPerms...),
				Committee: committeeVM(),
				Form:      CommitteeForm{Name: committeeVM().Name, Level: "province", StandingAgencyID: 2, TermLabel: "2025–2030", DecisionNumber: "1234/QĐ-UBND", DecisionDate: "15/07/2025"},
				Date:      "01/10/2025",
				Members:   committeeMembers(),
				Positions: schema.Positions,
				Units:     unitOptions(),
				Orphans:   []UnitOption{unitOptions()[2]},
			},
			check: checkCommittee,
		},
		{
			name: "committee/read_only",
			page: "committee",
			data: &CommitteePage{
				Page:      p("committee.title", "/t/quang-ngai/committees/3", "committee:read"),
				Committee: committeeVM(),
				Members:   committeeMembers(),
				Positions: schema.Positions,
			},
			check: checkCommitteeReadOnly,
		},
		{
			name: "assignments",
			page: "assignments",
			data: &AssignmentsPage{
				Page:      p("assignments.title", "/t/quang-ngai/committees/3/assignments", configPerms...),
				Member:    &committeeMembers()[0],
				Committee: committeeVM(),
				Date:      "01/10/2025",
				Members:   committeeMembers()[:2],
				Rows: []AssignmentRowVM{
					{Unit: unitOptions()[1], Type: "department", Cells: []bool{true, false}},
					{Unit: unitOptions()[2], Type: "department", Cells: []bool{false, false}, Gap: true},
					{Unit: unitOptions()[3], Type: "commune", Cells: []bool{false, true}},
					{Unit: unitOptions()[4], Type: "commune", Cells: []bool{false, true}},
					{Unit: unitOptions()[5], Type: "front", Cells: []bool{false, false}, Gap: true},
				},
				Gaps:  2,
				Units: unitOptions()[1:],
				Groups: []UnitChoiceGroupVM{
					{Type: "department", Units: []UnitChoiceVM{{Unit: unitOptions()[1], Checked: true}, {Unit: unitOptions()[2], Gap: true}}},
					{Type: "commune", Units: []UnitChoiceVM{{Unit: unitOptions()[3], HeldBy: "Võ Thị Minh Châu"}, {Unit: unitOptions()[4], HeldBy: "Võ Thị Minh Châu"}}},
					{Type: "front", Units: []UnitChoiceVM{{Unit: unitOptions()[5], Gap: true}}},
				},
			},
			check: checkAssignments,
		},
		{
			name: "regimes",
			page: "regimes",
			data: &RegimesPage{
				Page: p("regimes.title", "/t/quang-ngai/regimes", "regime:read"),
				Regimes: []RegimeVM{
					{ID: 7, Name: "Báo cáo 6 tháng và năm công tác dân vận chính quyền", Frequency: "semiannual", DeadlineRule: "15/6",
						Shift: "previous_working_day", Receiving: "Sở Nội vụ", ReminderOffsets: []int{-7, -3, -1, 1, 3}, Active: true, Next: occurrences()[:2]},
					{ID: 8, Name: "Báo cáo quý thực hiện Quy chế dân chủ", Frequency: "quarterly", DeadlineRule: "M+1/15",
						Shift: "next_working_day", Active: false},
				},
			},
			check: checkRegimes,
		},
		{
			name: "regime",
			page: "regime",
			data: &RegimePage{
				Page: p("regime.title", "/t/quang-ngai/regimes/7", configPerms...),
				Form: RegimeForm{ID: 7, Name: "Báo cáo 6 tháng và năm công tác dân vận chính quyền", Frequency: "semiannual",
					DeadlineRule: "15/6", Shift: "previous_working_day", ReportingUnitTypes: []string{"department", "commune"},
					ReceivingUnitID: 2, ReminderOffsets: "-7,-3,-1,1,3", Content: "Kết quả thực hiện Chỉ thị 33/CT-TTg; tồn tại, hạn chế; phương hướng.", Active: true},
				Preview:     occurrences(),
				Frequencies: []string{"quarterly", "semiannual", "annual", "adhoc"},
				Shifts:      []string{"previous_working_day", "next_working_day", "none"},
				Types:       schema.UnitTypes,
				Units:       unitOptions(),
				Errors:      map[string]string{"reminder_offsets": "field.reminder_offset"},
			},
			check: checkRegime,
		},
		{
			name: "regime/new_read_only",
			page: "regime",
			data: &RegimePage{
				Page:        p("regime.title", "/t/quang-ngai/regimes/new", "regime:read"),
				Form:        RegimeForm{Frequency: "annual", Shift: "previous_working_day", Active: true},
				Frequencies: []string{"quarterly", "semiannual", "annual", "adhoc"},
				Shifts:      []string{"previous_working_day", "next_working_day", "none"},
				Types:       schema.UnitTypes,
				Units:       unitOptions(),
			},
			check: checkRegimeNew,
		},
		{
			name: "calendar",
			page: "calendar",
			data: &CalendarPage{
				Page: p("calendar.title", "/t/quang-ngai/calendar", configPerms...),
				Year: 2026,
				Days: []HolidayVM{
					{ID: 1, Date: vnDate(2026, 1, 1), Name: "Tết Dương lịch", Kind: "holiday"},
					{ID: 2, Date: vnDate(2026, 2, 16), Name: "Nghỉ Tết Nguyên đán", Kind: "holiday"},
					{ID: 3, Date: vnDate(2026, 2, 28), Name: "Làm bù cho ngày nghỉ Tết", Kind: "makeup_workday"},
					{ID: 4, Date: vnDate(2026, 9, 2), Name: "Quốc khánh", Kind: "holiday"},
				},
				Incomplete: true,
				Errors:     map[string]string{"date": "field.makeup_not_weekend"},
			},
			check: checkCalendar,
		},
		{
			name: "settings/edit",
			page: "settings",
			data: &SettingsPage{
				Page:   p("settings.title", "/t/quang-ngai/settings", configPerms...),
				Keys:   settingKeys(),
				Values: settingValues(),
				Errors: map[string]string{"doc.number_format": "field.number_format"},
			},
			check: checkSettingsEdit,
		},
		{
			name: "settings/view",
			page: "settings",
			data: &SettingsPage{
				Page:   p("settings.title", "/t/quang-ngai/settings", "setting:read"),
				Keys:   settingKeys(),
				Values: settingValues(),
			},
			check: checkSettingsView,
		},
	}
}

func ptr[T any](v T) *T { return &v }

// postAt is the POST form to action (a GET form may share the address).
func postAt(doc *html.Node, action string) *html.Node {
	return first(doc, func(n *html.Node) bool {
		return isTag(n, "form") && attr(n, "action") == action && attr(n, "method") == "post"
	})
}

// --- checks ---

func checkHomeUsage(t *testing.T, lang string, doc *html.Node, i *I18n) {
	t.Helper()
	sec := first(doc, func(n *html.Node) bool { return attr(n, "aria-labelledby") == "usage-heading" })
	if sec == nil {
		t.Fatal("no usage section")
	}
	storage := map[string]string{"vi": "1,5 GB / 10 GB", "en": "1.5 GB / 10 GB"}[lang]
	units := map[string]string{"vi": "412 / 500", "en": "412 / 500"}[lang]
	wantText(t, sec, "usage", "Tiêu chuẩn", i.T(lang, "usage.units"), i.T(lang, "usage.users"), i.T(lang, "usage.storage"),
		i.T(lang, "usage.reports"), units, storage, "82%", i.T(lang, "usage.unlimited"), i.T(lang, "usage.full"))
	meters := all(sec, tag("meter"))
	var got []string
	for _, m := range meters {
		got = append(got, attr(m, "value")+"/"+attr(m, "max"))
		id := attr(m, "aria-labelledby")
		if id == "" || first(sec, func(n *html.Node) bool { return attr(n, "id") == id }) == nil {
			t.Errorf("meter %s has no label", attr(m, "value"))
		}
	}
	// Users are unlimited: no bar, the words instead.
	if want := []string{"412/500", "1610612736/10737418240", "30/30"}; !slices.Equal(got, want) {
		t.Errorf("meters = %v, want %v", got, want)
	}
	if len(all(doc, tag("progress"))) != 0 {
		t.Errorf("usage bars must not be job progress bars")
	}
}

func checkUnitsTree(t *testing.T, lang string, doc *html.Node, i *I18n) {
	t.Helper()
	tree := first(doc, class("unit-tree"))
	if tree == nil {
		t.Fatal("no unit tree")
	}
	var top []*html.Node
	for c := tree.FirstChild; c != nil; c = c.NextSibling {
		if isTag(c, "li") {
			top = append(top, c)
		}
	}
	if len(top) != 2 {
		t.Fatalf("top-level units = %d, want 2", len(top))
	}
	nested := first(top[0], tag("ul"))
	if nested == nil {
		t.Fatal("children of UBND tỉnh are not a nested list")
	}
	wantText(t, nested, "nested list", "Sở Nội vụ", "UBND xã Tịnh Ấn Tây", "Tịnh Ấn Tây", "XA-TINHANTAY",
		i.T(lang, "unit.type.commune"), i.T(lang, "unit.type.department"), "Phạm Văn Lực", "Nguyễn Thị Thu Hà", "0255 3822 145")
	wantText(t, top[1], "front", "Ủy ban MTTQ Việt Nam tỉnh Quảng Ngãi", i.T(lang, "unit.type.front"), i.T(lang, "unit.no_officer"))
	if !hasLink(nested, "/t/quang-ngai/units/4?date=01%2F07%2F2025") {
		t.Errorf("unit link does not keep the date")
	}
	if first(doc, class("table-units")) != nil {
		t.Errorf("search results shown without a search")
	}
	// Collapsible: a unit with sub-units is a <details>, open as the handler says; a leaf is not.
	branch := first(top[0], tag("details"))
	if branch == nil || !hasAttr(branch, "open") || first(branch, tag("summary")) == nil {
		t.Errorf("the top-level unit with sub-units is not an open <details> with a summary")
	}
	if first(top[1], tag("details")) != nil {
		t.Errorf("a unit without sub-units is collapsible")
	}
	wantText(t, first(branch, tag("summary")), "summary", "UBND tỉnh Quảng Ngãi", i.T(lang, "units.tree.children", 3))
	wantText(t, doc, "page", i.T(lang, "units.tree.title_at", "01/07/2025"), i.T(lang, "units.count", 6))

	// The as-of and search form is a GET form with date and q.
	f := formAt(doc, "/t/quang-ngai/units")
	if f == nil || attr(f, "method") != "get" {
		t.Fatal("no GET form to /t/quang-ngai/units")
	}
	wantFields(t, f, "q", "date", "type")
	if got := len(all(fieldIn(f, "type"), tag("option"))); got != len(schema.UnitTypes)+1 {
		t.Errorf("type filter options = %d, want every type and all", got)
	}
	if d := fieldIn(f, "date"); attr(d, "value") != "01/07/2025" || attr(d, "placeholder") == "" || attr(d, "pattern") == "" {
		t.Errorf("date input: value %q placeholder %q pattern %q", attr(d, "value"), attr(d, "placeholder"), attr(d, "pattern"))
	}
	wantText(t, f, "search form", i.T(lang, "units.filter.q_hint"))
	if lang == "vi" && !strings.Contains(text(f), "Tìm không cần dấu") {
		t.Errorf("the search box does not say it ignores diacritics")
	}

	if !hasLink(doc, "/t/quang-ngai/units/import") || !hasLink(doc, "/api/v1/t/quang-ngai/units/import/template") {
		t.Errorf("links to the import page and the template missing")
	}

	cf := postAt(doc, "/t/quang-ngai/units")
	if cf == nil {
		t.Fatal("no create form")
	}
	// Behind a button, open because it came back with errors.
	behind := first(doc, class("unit-create"))
	if behind == nil || !isTag(behind, "details") || first(behind, func(n *html.Node) bool { return n == cf }) == nil {
		t.Fatal("the create form is not behind a <details> button")
	}
	if !hasAttr(behind, "open") {
		t.Errorf("the create form came back with errors but is closed")
	}
	wantText(t, first(behind, tag("summary")), "create button", i.T(lang, "units.create.link"))
	wantFields(t, cf, "code", "name", "short_name", "type", "parent_id", "date", "address",
		"leader_name", "leader_title", "leader_phone", "leader_email", "officer_name", "officer_title", "officer_phone", "officer_email")
	if attr(fieldIn(cf, "code"), "aria-invalid") != "true" || attr(fieldIn(cf, "name"), "aria-invalid") == "true" {
		t.Errorf("only the code field should be marked invalid")
	}
	if attr(fieldIn(cf, "name"), "value") != "UBND xã Nghĩa Hành" {
		t.Errorf("typed name not kept")
	}
	wantText(t, cf.Parent, "create form", i.T(lang, "error.unit_code_taken"), i.T(lang, "field.unit_code"))
	sel := all(cf, func(n *html.Node) bool { return isTag(n, "option") && hasAttr(n, "selected") })
	var vals []string
	for _, o := range sel {
		vals = append(vals, attr(o, "value"))
	}
	if !slices.Equal(vals, []string{"commune", "1"}) {
		t.Errorf("selected options = %v, want the typed type and parent", vals)
	}
	if got := len(all(fieldIn(cf, "type"), tag("option"))); got != len(schema.UnitTypes)+1 {
		t.Errorf("type options = %d", got)
	}
	if txt := text(fieldIn(cf, "type")); !strings.Contains(txt, i.T(lang, "unit.type.district")) {
		t.Errorf("type labels not translated: %q", txt)
	}
	if a := first(first(doc, tag("header")), func(n *html.Node) bool { return attr(n, "href") == "/t/quang-ngai/units" }); attr(a, "aria-current") != "page" {
		t.Errorf("units nav link not marked current")
	}
}

func checkUnitsSearch(t *testing.T, lang string, doc *html.Node, i *I18n) {
	t.Helper()
	if first(doc, class("unit-tree")) != nil {
		t.Errorf("tree shown with search results")
	}
	rows := all(first(first(doc, class("table-units")), tag("tbody")), tag("tr"))
	if len(rows) != 1 {
		t.Fatalf("result rows = %d, want 1", len(rows))
	}
	wantText(t, rows[0], "result", "XA-TINHANTAY", "UBND xã Tịnh Ấn Tây", i.T(lang, "unit.type.commune"), "Phạm Văn Lực")
	wantText(t, doc, "results", i.T(lang, "units.results.count", 1, "tinh an tay"))
	if attr(fieldIn(formAt(doc, "/t/quang-ngai/units"), "q"), "value") != "tinh an tay" {
		t.Errorf("query not kept in the search box")
	}
	if len(formsWhere(doc, func(a string) bool { return strings.HasPrefix(a, "/t/") })) != 1 {
		t.Errorf("read-only viewer sees forms beyond the search")
	}
	if hasLink(doc, "/t/quang-ngai/units/import") {
		t.Errorf("import link shown without unit:import")
	}
	if !hasLink(doc, "/api/v1/t/quang-ngai/units/import/template") {
		t.Errorf("template link missing")
	}
}

func checkUnit(t *testing.T, lang string, doc *html.Node, i *I18n) {
	t.Helper()
	wantText(t, first(doc, tag("h1")), "heading", "UBND xã Tịnh Ấn Tây")
	wantText(t, doc, "page", "XA-TINHANTAY", i.T(lang, "unit.status.active"), "Đỗ Văn Quang", "Chủ tịch UBND xã",
		"quang.dv@tinhantay.quangngai.gov.vn", "Phạm Văn Lực", "Thôn Bình Đông, xã Tịnh Ấn Tây", i.T(lang, "unit.exists_from", "01/07/2025"))
	hist := all(first(first(doc, class("table-history")), tag("tbody")), tag("tr"))
	if len(hist) != 2 {
		t.Fatalf("history rows = %d, want 2", len(hist))
	}
	wantText(t, hist[0], "current version", "01/09/2025", i.T(lang, "unit.now"), i.T(lang, "unit.change.update"), "UBND tỉnh Quảng Ngãi", i.T(lang, "unit.type.commune"))
	// Ranges read as officials read them: the version replaced on 01/09/2025 ran to the end of 31/08.
	wantText(t, hist[1], "first version", "01/07/2025", "31/08/2025", i.T(lang, "unit.change.create"))
	ev := all(first(doc, class("events")), tag("li"))
	if len(ev) != 2 {
		t.Fatalf("events = %d, want 2", len(ev))
	}
	wantText(t, ev[0], "merge event", i.T(lang, "unit.event.merge"), "01/07/2025", "UBND xã Tịnh Ấn Đông", "Theo Nghị quyết 1656/NQ-UBTVQH15")
	for _, href := range []string{"/t/quang-ngai/units/41", "/t/quang-ngai/units/42", "/t/quang-ngai/units/4", "/t/quang-ngai/units/1"} {
		if !hasLink(doc, href) {
			t.Errorf("no link to %s", href)
		}
	}
	ch := formAt(doc, "/t/quang-ngai/units/4/change")
	if ch == nil {
		t.Fatal("no change form")
	}
	wantFields(t, ch, "kind", "date", "name", "short_name", "type", "parent_id", "address",
		"leader_name", "leader_title", "leader_phone", "leader_email", "officer_name", "officer_title", "officer_phone", "officer_email")
	var kinds []string
	for _, o := range all(fieldIn(ch, "kind"), tag("option")) {
		kinds = append(kinds, attr(o, "value"))
	}
	if !slices.Equal(kinds, []string{"update", "rename", "move"}) {
		t.Errorf("change kinds = %v", kinds)
	}
	if attr(fieldIn(ch, "leader_name"), "value") != "Đỗ Văn Quang" {
		t.Errorf("change form not filled with the current version")
	}
	// A unit cannot be its own parent.
	if first(fieldIn(ch, "parent_id"), func(n *html.Node) bool { return isTag(n, "option") && attr(n, "value") == "4" }) != nil {
		t.Errorf("the unit is offered as its own parent")
	}
	ds := formAt(doc, "/t/quang-ngai/units/4/dissolve")
	if ds == nil {
		t.Fatal("no dissolve form")
	}
	wantFields(t, ds, "date", "note")
	mg := formAt(doc, "/t/quang-ngai/units/merge")
	if mg == nil {
		t.Fatal("no merge form")
	}
	wantFields(t, mg, "unit_ids", "date", "code", "name", "type", "parent_id", "note")
	self := first(mg, func(n *html.Node) bool {
		return isTag(n, "input") && attr(n, "type") == "hidden" && attr(n, "name") == "unit_ids"
	})
	if attr(self, "value") != "4" {
		t.Errorf("merge form does not carry this unit's id")
	}
	if sel := first(mg, tag("select")); attr(sel, "name") != "unit_ids" || !hasAttr(sel, "multiple") || len(all(sel, tag("option"))) != 1 {
		t.Errorf("merge select: want a multi-select of the other units")
	}
	alert := first(doc, func(n *html.Node) bool { return attr(n, "role") == "alert" })
	wantText(t, alert, "error summary", i.T(lang, "form.errors"), i.T(lang, "unit.field.date"), i.T(lang, "field.date_before_history"))
}

func checkUnitMerged(t *testing.T, lang string, doc *html.Node, i *I18n) {
	t.Helper()
	wantText(t, doc, "page", i.T(lang, "unit.status.merged"), i.T(lang, "unit.merged_into"), i.T(lang, "unit.exists_to", "30/06/2025"))
	// It ended: its last state, said so, never "details on 02/12/2026".
	note := first(doc, class("unit-ended"))
	wantText(t, note, "ended notice", i.T(lang, "unit.ended.merged", "01/07/2025"), "UBND xã Tịnh Ấn Tây", i.T(lang, "unit.ended.shown", "30/06/2025"))
	wantText(t, doc, "details heading", i.T(lang, "unit.details_last", "30/06/2025"))
	if strings.Contains(text(doc), i.T(lang, "unit.details_at", "02/12/2026")) {
		t.Errorf("an ended unit's details are headed as the asked day's")
	}
	if !hasLink(doc, "/t/quang-ngai/units/4") {
		t.Errorf("no link to the successor")
	}
	if got := formsWhere(doc, func(a string) bool { return strings.HasPrefix(a, "/t/") }); len(got) != 1 {
		t.Errorf("forms on a merged unit = %v, want only the date form", got)
	}
}

func checkImportRefused(t *testing.T, lang string, doc *html.Node, i *I18n) {
	t.Helper()
	alert := first(doc, func(n *html.Node) bool { return attr(n, "role") == "alert" })
	wantText(t, alert, "refusal", i.T(lang, "import.refused.title"), "don-vi-quang-ngai.xlsx")
	if lang == "vi" && !strings.Contains(text(alert), "Tệp chưa được nhập: không có dòng nào được ghi. Sửa các lỗi dưới đây rồi tải lên lại.") {
		t.Errorf("the refusal sentence is not the agreed one: %q", text(alert))
	}
	head := all(first(first(doc, class("table-import-report")), tag("thead")), tag("th"))
	var cols []string
	for _, h := range head {
		cols = append(cols, text(h))
	}
	if want := []string{i.T(lang, "import.col.row"), i.T(lang, "import.col.column"), i.T(lang, "import.col.problem"), i.T(lang, "import.col.value")}; !slices.Equal(cols, want) {
		t.Errorf("report columns = %v, want %v", cols, want)
	}
	rows := all(first(first(doc, class("table-import-report")), tag("tbody")), tag("tr"))
	want := importRows()
	if len(rows) != len(want) {
		t.Fatalf("report rows = %d, want %d", len(rows), len(want))
	}
	for n, r := range want {
		cells := all(rows[n], func(c *html.Node) bool { return isTag(c, "td") || isTag(c, "th") })
		if len(cells) != 4 {
			t.Fatalf("row %d: %d cells", n, len(cells))
		}
		key := r.Reason
		if !strings.HasPrefix(key, "field.") {
			key = "field." + key
		}
		got := []string{text(cells[0]), text(cells[1]), text(cells[2]), text(cells[3])}
		value := r.Value
		if value == "" {
			value = i.T(lang, "import.empty_value")
		}
		if exp := []string{strconv.Itoa(r.Row), r.Column, i.T(lang, key), value}; !slices.Equal(got, exp) {
			t.Errorf("row %d = %q, want %q", n, got, exp)
		}
	}
	f := formAt(doc, "/t/quang-ngai/units/import")
	if f == nil || attr(f, "enctype") != "multipart/form-data" || attr(f, "method") != "post" {
		t.Fatal("no multipart upload form")
	}
	wantFields(t, f, "file", "date")
	if attr(fieldIn(f, "file"), "type") != "file" {
		t.Errorf("file input is not type=file")
	}
	if !hasLink(doc, "/api/v1/t/quang-ngai/units/import/template") {
		t.Errorf("no template link")
	}
}

func checkImportDone(t *testing.T, lang string, doc *html.Node, i *I18n) {
	t.Helper()
	n := map[string]string{"vi": "1.204", "en": "1,204"}[lang]
	wantText(t, first(doc, class("notice-ok")), "result", i.T(lang, "import.done.title"), "don-vi-quang-ngai.xlsx", n, "12", "40",
		i.T(lang, "import.done.created"), i.T(lang, "import.done.updated"), i.T(lang, "import.done.unchanged"))
	if first(doc, class("table-import-report")) != nil {
		t.Errorf("error report shown after a successful import")
	}
	if formAt(doc, "/t/quang-ngai/units/import") != nil {
		t.Errorf("upload form shown without unit:import")
	}
}

func checkCommittees(t *testing.T, lang string, doc *html.Node, i *I18n) {
	t.Helper()
	rows := all(first(doc, tag("tbody")), tag("tr"))
	if len(rows) != 2 {
		t.Fatalf("committee rows = %d, want 2", len(rows))
	}
	wantText(t, rows[0], "province committee", "Ban Chỉ đạo thực hiện Quy chế dân chủ ở cơ sở tỉnh Quảng Ngãi", i.T(lang, "committee.level.province"),
		"Sở Nội vụ", "2025–2030", "1234/QĐ-UBND", "15/07/2025")
	wantText(t, rows[1], "commune committee", i.T(lang, "committee.level.commune"), "UBND xã Tịnh Ấn Tây")
	if !hasLink(doc, "/t/quang-ngai/committees/3") || !hasLink(doc, "/t/quang-ngai/committees/3/decision") {
		t.Errorf("links to the committee and its decision missing")
	}
	f := formAt(doc, "/t/quang-ngai/committees")
	if f == nil {
		t.Fatal("no create form")
	}
	wantFields(t, f, "name", "level", "unit_id", "standing_agency_id", "term_label", "decision_number", "decision_date")
	if attr(fieldIn(f, "name"), "aria-invalid") != "true" {
		t.Errorf("name not marked invalid")
	}
	wantText(t, f, "create form", i.T(lang, "field.required"))
}

func checkCommittee(t *testing.T, lang string, doc *html.Node, i *I18n) {
	t.Helper()
	img := first(doc, func(n *html.Node) bool { return isTag(n, "img") && strings.Contains(attr(n, "src"), "orgchart.svg") })
	if img == nil {
		t.Fatal("no org chart picture")
	}
	if src := attr(img, "src"); src != "/t/quang-ngai/committees/3/orgchart.svg?date=01%2F10%2F2025" {
		t.Errorf("org chart src = %q", src)
	}
	if alt := attr(img, "alt"); !strings.Contains(alt, "Ban Chỉ đạo thực hiện Quy chế dân chủ") || !strings.Contains(alt, "01/10/2025") {
		t.Errorf("org chart alt = %q", alt)
	}
	rows := all(first(first(doc, class("table-members")), tag("tbody")), tag("tr"))
	if len(rows) != 4 {
		t.Fatalf("member rows = %d, want 4", len(rows))
	}
	wantText(t, rows[0], "head", i.T(lang, "position.head"), "Trần Phước Hiền", "Phó Bí thư Thường trực Tỉnh ủy", "15/07/2025", "Sở Nội vụ")
	wantText(t, rows[1], "standing deputy", i.T(lang, "position.standing_deputy"), "UBND xã Tịnh Ấn Tây", "UBND phường Trương Quang Trọng")
	wantText(t, rows[2], "left member", "30/09/2025", i.T(lang, "committee.members.no_units"))
	wantText(t, rows[3], "support team", i.T(lang, "position.support_team"))
	ends := formsWhere(doc, func(a string) bool { return strings.HasSuffix(a, "/end") })
	if want := []string{"/t/quang-ngai/committees/3/members/31/end", "/t/quang-ngai/committees/3/members/32/end", "/t/quang-ngai/committees/3/members/34/end"}; !slices.Equal(ends, want) {
		t.Errorf("end forms = %v, want %v (active members only)", ends, want)
	}
	for _, a := range ends {
		wantFields(t, formAt(doc, a), "date")
	}
	add := formAt(doc, "/t/quang-ngai/committees/3/members")
	if add == nil {
		t.Fatal("no add-member form")
	}
	wantFields(t, add, "position", "date", "person_name", "person_title", "office_unit_id", "office", "replace_head")
	if got := len(all(fieldIn(add, "position"), tag("option"))); got != len(schema.Positions) {
		t.Errorf("position options = %d", got)
	}
	dec := formAt(doc, "/t/quang-ngai/committees/3/decision")
	if dec == nil || attr(dec, "enctype") != "multipart/form-data" {
		t.Fatal("no multipart decision upload")
	}
	wantFields(t, dec, "file")
	edit := postAt(doc, "/t/quang-ngai/committees/3")
	if edit == nil {
		t.Fatal("no edit form")
	}
	wantFields(t, edit, "name", "level", "unit_id", "standing_agency_id", "term_label", "decision_number", "decision_date")
	if attr(fieldIn(edit, "decision_date"), "value") != "15/07/2025" {
		t.Errorf("edit form not filled")
	}
	if !hasLink(doc, "/t/quang-ngai/committees/3/assignments?date=01%2F10%2F2025") {
		t.Errorf("no link to the assignment matrix")
	}
	wantText(t, first(doc, class("notice-warn")), "orphans", i.T(lang, "committee.orphans.title", 1), "Sở Tài nguyên và Môi trường")
}

func checkCommitteeReadOnly(t *testing.T, lang string, doc *html.Node, i *I18n) {
	t.Helper()
	if got := formsWhere(doc, func(a string) bool { return strings.HasPrefix(a, "/t/") && a != "/t/quang-ngai/committees/3" }); len(got) != 0 {
		t.Errorf("read-only viewer sees forms %v", got)
	}
	if f := formAt(doc, "/t/quang-ngai/committees/3"); f == nil || attr(f, "method") != "get" {
		t.Errorf("want only the GET date form at the committee's address")
	}
	if !hasLink(doc, "/t/quang-ngai/committees/3/assignments") {
		t.Errorf("matrix link missing for a reader")
	}
	img := first(first(doc, tag("main")), tag("img"))
	if attr(img, "src") != "/t/quang-ngai/committees/3/orgchart.svg" || attr(img, "alt") == "" {
		t.Errorf("org chart without a date: src %q alt %q", attr(img, "src"), attr(img, "alt"))
	}
}

func checkAssignments(t *testing.T, lang string, doc *html.Node, i *I18n) {
	t.Helper()
	table := first(doc, class("table-matrix"))
	if table == nil {
		t.Fatal("no matrix")
	}
	head := all(first(table, tag("thead")), tag("th"))
	if len(head) != 3 {
		t.Fatalf("matrix columns = %d, want unit + 2 members", len(head))
	}
	wantText(t, head[1], "member column", "Trần Phước Hiền", i.T(lang, "position.head"))
	wantText(t, head[2], "member column", "Võ Thị Minh Châu", i.T(lang, "position.standing_deputy"))
	rows := all(first(table, tag("tbody")), tag("tr"))
	if len(rows) != 5 {
		t.Fatalf("matrix rows = %d, want 5", len(rows))
	}
	gaps := 0
	for n, r := range rows {
		isGap := class("row-gap")(r)
		wantGap := n == 1 || n == 4
		if isGap != wantGap {
			t.Errorf("row %d highlighted = %v, want %v", n, isGap, wantGap)
		}
		if hasLabel := strings.Contains(text(r), i.T(lang, "assignments.gap")); hasLabel != wantGap {
			t.Errorf("row %d gap label = %v, want %v", n, hasLabel, wantGap)
		}
		if isGap {
			gaps++
		}
		if cells := all(r, tag("td")); len(cells) != 2 {
			t.Errorf("row %d: %d cells, want 2", n, len(cells))
		}
	}
	if lang == "vi" && !strings.Contains(text(rows[1]), "Chưa có người phụ trách") {
		t.Errorf("gap label is not the agreed words")
	}
	if on := all(table, class("cell-on")); len(on) != 3 {
		t.Errorf("ticked cells = %d, want 3", len(on))
	}
	if !strings.Contains(text(rows[0]), "✓") || strings.Contains(text(rows[1]), "✓") {
		t.Errorf("tick marks misplaced")
	}
	sum := first(doc, class("gap-summary"))
	if got := text(first(sum, class("gap-count"))); got != "2" || gaps != 2 {
		t.Errorf("gap count shown %q, highlighted %d, want 2", got, gaps)
	}
	wantText(t, sum, "gap summary", i.T(lang, "assignments.gaps", 5))
	if first(doc, class("matrix-wrap")) == nil || first(first(doc, class("matrix-wrap")), class("table-matrix")) == nil {
		t.Error("the matrix is not in its own scrolling box")
	}
	// The members, the chosen one marked; their units as checkboxes grouped by type.
	cur := first(first(doc, class("assign-member-list")), func(n *html.Node) bool { return attr(n, "aria-current") == "true" })
	if cur == nil || !strings.Contains(text(cur), "Trần Phước Hiền") || !strings.Contains(attr(cur, "href"), "member=31") {
		t.Errorf("chosen member link = %v", cur)
	}
	f := postAt(doc, "/t/quang-ngai/committees/3/members/31/assignments")
	if f == nil {
		t.Fatal("no assign form for the chosen member")
	}
	if fieldIn(f, "date") == nil {
		t.Error("no date field in the assign form")
	}
	boxes := all(f, func(n *html.Node) bool { return isTag(n, "input") && attr(n, "name") == "unit_ids" })
	if len(boxes) != 5 || attr(boxes[0], "type") != "checkbox" || !hasAttr(boxes[0], "checked") || hasAttr(boxes[1], "checked") {
		t.Errorf("unit_ids: want 5 checkboxes, the first ticked")
	}
	groups := all(f, tag("fieldset"))
	if len(groups) != 3 {
		t.Fatalf("unit groups = %d, want 3", len(groups))
	}
	wantText(t, first(groups[1], tag("legend")), "group legend", i.T(lang, "unit.type.commune"))
	if g := all(f, class("unit-choice-gap")); len(g) != 2 || !strings.Contains(text(g[0]), i.T(lang, "assignments.gap")) {
		t.Errorf("highlighted units without anyone = %d, want 2 with the label", len(g))
	}
	wantText(t, groups[1], "held by", i.T(lang, "assignments.held_by", "Võ Thị Minh Châu"))
	if filter := first(f, func(n *html.Node) bool { return hasAttr(n, "data-unit-filter") }); filter == nil || attr(filter, "type") != "search" {
		t.Error("no unit filter")
	}
	if !hasLink(doc, "/t/quang-ngai/committees/3?date=01%2F10%2F2025") {
		t.Errorf("no way back to the committee")
	}
}

func checkRegimes(t *testing.T, lang string, doc *html.Node, i *I18n) {
	t.Helper()
	cards := all(doc, class("regime-card"))
	if len(cards) != 2 {
		t.Fatalf("regimes = %d, want 2", len(cards))
	}
	wantText(t, cards[0], "first regime", "Báo cáo 6 tháng và năm công tác dân vận chính quyền", i.T(lang, "regime.frequency.semiannual"),
		"15/6", i.T(lang, "regime.shift.previous_working_day"), "Sở Nội vụ", "-7, -3, -1, +1, +3", i.T(lang, "regime.active"),
		"6 tháng đầu năm 2026", "15/06/2026", "13/11/2026", i.T(lang, "weekday.5"), i.T(lang, "regime.preview.shifted"), "15/12/2025")
	wantText(t, cards[1], "second regime", i.T(lang, "regime.frequency.quarterly"), "M+1/15", i.T(lang, "regime.inactive"))
	if n := len(all(cards[0], class("row-shifted"))); n != 1 {
		t.Errorf("shifted rows = %d, want 1", n)
	}
	if !hasLink(doc, "/t/quang-ngai/regimes/7") || !hasLink(doc, "/t/quang-ngai/calendar") {
		t.Errorf("links to the editor and the calendar missing")
	}
	if hasLink(doc, "/t/quang-ngai/regimes/new") {
		t.Errorf("new-regime link shown without regime:update")
	}
}

func checkRegime(t *testing.T, lang string, doc *html.Node, i *I18n) {
	t.Helper()
	f := formAt(doc, "/t/quang-ngai/regimes/7")
	if f == nil {
		t.Fatal("no editor form")
	}
	var types []string
	for range schema.UnitTypes {
		types = append(types, "reporting_unit_types")
	}
	wantFields(t, f, append(append([]string{"name", "frequency", "deadline_rule", "shift"}, types...),
		"receiving_unit_id", "reminder_offsets", "cutoff_day", "content", "active")...)
	checked := all(f, func(n *html.Node) bool { return attr(n, "name") == "reporting_unit_types" && hasAttr(n, "checked") })
	if len(checked) != 2 || attr(checked[0], "value") != "department" || attr(checked[1], "value") != "commune" {
		t.Errorf("reporting types checked wrongly")
	}
	if attr(fieldIn(f, "deadline_rule"), "value") != "15/6" || !hasAttr(fieldIn(f, "active"), "checked") {
		t.Errorf("form not filled")
	}
	if attr(fieldIn(f, "reminder_offsets"), "aria-invalid") != "true" {
		t.Errorf("reminder offsets not marked invalid")
	}
	wantText(t, f, "editor", i.T(lang, "field.reminder_offset"), i.T(lang, "regime.shift.next_working_day"), i.T(lang, "regime.frequency.semiannual"))
	preview := first(f.Parent.Parent, func(n *html.Node) bool {
		return isTag(n, "button") && attr(n, "name") == "preview" && attr(n, "value") == "1"
	})
	if preview == nil {
		t.Errorf("no preview button name=preview value=1")
	}
	save := first(f, func(n *html.Node) bool { return isTag(n, "button") && attr(n, "name") == "" })
	if save == nil {
		t.Errorf("no save button")
	}
	pv := all(first(first(doc, class("regime-aside")), tag("tbody")), tag("tr"))
	if len(pv) != 4 {
		t.Fatalf("preview rows = %d, want 4", len(pv))
	}
	wantText(t, pv[1], "shifted deadline", "Năm 2026", "15/11/2026", "13/11/2026", i.T(lang, "weekday.0"), i.T(lang, "weekday.5"), i.T(lang, "regime.preview.shifted"))
	if strings.Contains(text(pv[0]), i.T(lang, "regime.preview.shifted")) {
		t.Errorf("unshifted deadline marked shifted")
	}
	wantText(t, doc, "help", i.T(lang, "regime.help.rule"), i.T(lang, "regime.help.shift"), "M+1/15", "M/10", i.T(lang, "regime.help.example_current"))
	if formAt(doc, "/t/quang-ngai/regimes/7/delete") == nil {
		t.Errorf("no delete form")
	}
}

func checkRegimeNew(t *testing.T, lang string, doc *html.Node, i *I18n) {
	t.Helper()
	f := formAt(doc, "/t/quang-ngai/regimes")
	if f == nil {
		t.Fatal("new regime form does not post to /t/quang-ngai/regimes")
	}
	if first(f, func(n *html.Node) bool { return isTag(n, "button") && attr(n, "name") == "" }) != nil {
		t.Errorf("save button shown without regime:update")
	}
	// Previewing posts to the editor, which needs regime:update; readers see the saved
	// regime's next deadlines instead.
	if first(f, func(n *html.Node) bool { return isTag(n, "button") && attr(n, "name") == "preview" }) != nil {
		t.Errorf("preview button shown without regime:update")
	}
	if got := formsWhere(doc, func(a string) bool { return strings.HasSuffix(a, "/delete") }); len(got) != 0 {
		t.Errorf("delete form on a new regime: %v", got)
	}
	wantText(t, first(doc, tag("h1")), "heading", i.T(lang, "regime.new_heading"))
	wantText(t, doc, "preview", i.T(lang, "regime.preview.empty"))
}

func checkCalendar(t *testing.T, lang string, doc *html.Node, i *I18n) {
	t.Helper()
	if !hasLink(doc, "/t/quang-ngai/calendar?year=2025") || !hasLink(doc, "/t/quang-ngai/calendar?year=2027") {
		t.Errorf("year navigation missing")
	}
	rows := all(first(first(doc, class("table-calendar")), tag("tbody")), tag("tr"))
	if len(rows) != 4 {
		t.Fatalf("days = %d, want 4", len(rows))
	}
	wantText(t, rows[0], "new year", "01/01/2026", "Tết Dương lịch", i.T(lang, "calendar.kind.holiday"), i.T(lang, "weekday.4"))
	wantText(t, rows[2], "make-up day", "28/02/2026", i.T(lang, "calendar.kind.makeup_workday"), i.T(lang, "weekday.6"))
	dels := formsWhere(doc, func(a string) bool { return strings.HasSuffix(a, "/delete") })
	if len(dels) != 4 || dels[0] != "/t/quang-ngai/calendar/1/delete" {
		t.Errorf("delete forms = %v", dels)
	}
	seed := formAt(doc, "/t/quang-ngai/calendar/seed")
	if seed == nil || attr(fieldIn(seed, "year"), "value") != "2026" {
		t.Errorf("no seed form for 2026")
	}
	add := formAt(doc, "/t/quang-ngai/calendar")
	if add == nil {
		t.Fatal("no add form")
	}
	wantFields(t, add, "date", "name", "kind")
	if attr(fieldIn(add, "date"), "aria-invalid") != "true" {
		t.Errorf("date not marked invalid")
	}
	wantText(t, add, "add form", i.T(lang, "field.makeup_not_weekend"))
	wantText(t, first(doc, class("notice-warn")), "incomplete", i.T(lang, "calendar.incomplete.title", "2026"))
	if strings.Contains(text(doc), "2.026") || strings.Contains(text(doc), "2,026") {
		t.Errorf("a year is written like a number with a thousands separator")
	}
}

func checkSettingsEdit(t *testing.T, lang string, doc *html.Node, i *I18n) {
	t.Helper()
	f := formAt(doc, "/t/quang-ngai/settings")
	if f == nil {
		t.Fatal("no settings form")
	}
	wantFields(t, f, settingKeys()...)
	ex := fieldIn(f, "assignment.exclusive")
	if attr(ex, "type") != "checkbox" || attr(ex, "value") != "true" || !hasAttr(ex, "checked") {
		t.Errorf("assignment.exclusive: want a checked checkbox with value true")
	}
	sh := fieldIn(f, "deadline.shift")
	if !isTag(sh, "select") {
		t.Fatalf("deadline.shift is not a select")
	}
	sel := first(sh, func(n *html.Node) bool { return isTag(n, "option") && hasAttr(n, "selected") })
	if attr(sel, "value") != "next_working_day" || text(sel) != i.T(lang, "regime.shift.next_working_day") {
		t.Errorf("deadline.shift selected %q", attr(sel, "value"))
	}
	if v := attr(fieldIn(f, "letterhead.parent"), "value"); v != "UBND TỈNH QUẢNG NGÃI" {
		t.Errorf("letterhead.parent = %q", v)
	}
	if attr(fieldIn(f, "doc.number_format"), "aria-invalid") != "true" {
		t.Errorf("doc.number_format not marked invalid")
	}
	for _, k := range settingKeys() {
		wantText(t, f, "settings form", i.T(lang, "settings."+k))
	}
	wantText(t, f, "settings form", i.T(lang, "field.number_format"))
}

func checkSettingsView(t *testing.T, lang string, doc *html.Node, i *I18n) {
	t.Helper()
	if formAt(doc, "/t/quang-ngai/settings") != nil {
		t.Errorf("settings form shown without setting:update")
	}
	wantText(t, doc, "settings", i.T(lang, "settings.assignment.exclusive"), i.T(lang, "settings.yes"),
		i.T(lang, "regime.shift.next_working_day"), "UBND TỈNH QUẢNG NGÃI", "{n}/{type}-{issuer}", "TRƯỞNG BAN")
	if a := first(first(doc, tag("header")), func(n *html.Node) bool { return attr(n, "href") == "/t/quang-ngai/settings" }); attr(a, "aria-current") != "page" {
		t.Errorf("settings nav link not marked current")
	}
}

// TestRender_ConfigPermissionGates renders each configuration page with the read permission
// alone, then with one more, and checks that only the matching controls appear.
func TestRender_ConfigPermissionGates(t *testing.T) {
	r, _ := newTestRenderer(t)
	type gate struct {
		page, read, perm string
		data             func(Page) any
		present          func(doc *html.Node) bool
	}
	gates := []gate{
		{"units", "unit:read", "unit:update",
			func(p Page) any { return &UnitsPage{Page: p, Tree: unitTree(), Types: schema.UnitTypes} },
			func(doc *html.Node) bool {
				return formsWhere(doc, func(a string) bool { return a == "/t/quang-ngai/units" }) != nil && len(all(doc, tag("form"))) > 2
			}},
		{"units", "unit:read", "unit:import",
			func(p Page) any { return &UnitsPage{Page: p, Tree: unitTree(), Types: schema.UnitTypes} },
			func(doc *html.Node) bool { return hasLink(doc, "/t/quang-ngai/units/import") }},
		{"unit", "unit:read", "unit:update",
			func(p Page) any {
				return &UnitPage{Page: p, ID: 4, Code: "XA-TINHANTAY", Current: VersionVM{Name: "UBND xã Tịnh Ấn Tây", Type: "commune"},
					Others: unitOptions()[4:5], Types: schema.UnitTypes}
			},
			func(doc *html.Node) bool {
				return formAt(doc, "/t/quang-ngai/units/4/change") != nil || formAt(doc, "/t/quang-ngai/units/4/dissolve") != nil ||
					formAt(doc, "/t/quang-ngai/units/merge") != nil
			}},
		{"units_import", "unit:read", "unit:import",
			func(p Page) any { return &ImportPage{Page: p} },
			func(doc *html.Node) bool { return formAt(doc, "/t/quang-ngai/units/import") != nil }},
		{"committees", "committee:read", "committee:update",
			func(p Page) any {
				return &CommitteesPage{Page: p, Committees: []CommitteeVM{committeeVM()}, Units: unitOptions()}
			},
			func(doc *html.Node) bool { return formAt(doc, "/t/quang-ngai/committees") != nil }},
		{"committee", "committee:read", "committee:update",
			func(p Page) any {
				return &CommitteePage{Page: p, Committee: committeeVM(), Members: committeeMembers(), Positions: schema.Positions, Units: unitOptions()}
			},
			func(doc *html.Node) bool {
				return formAt(doc, "/t/quang-ngai/committees/3/members") != nil || formAt(doc, "/t/quang-ngai/committees/3/decision") != nil ||
					formAt(doc, "/t/quang-ngai/committees/3/members/31/end") != nil ||
					postAt(doc, "/t/quang-ngai/committees/3") != nil
			}},
		{"assignments", "committee:read", "committee:update",
			func(p Page) any {
				ms := committeeMembers()[:1]
				return &AssignmentsPage{Page: p, Committee: committeeVM(), Members: ms, Member: &ms[0],
					Rows: []AssignmentRowVM{{Unit: unitOptions()[1], Cells: []bool{true}}}, Units: unitOptions(),
					Groups: []UnitChoiceGroupVM{{Type: "department", Units: []UnitChoiceVM{{Unit: unitOptions()[1], Checked: true}}}}}
			},
			func(doc *html.Node) bool {
				// Readers see the member's units ticked, disabled, with nothing to save.
				f := postAt(doc, "/t/quang-ngai/committees/3/members/31/assignments")
				return f != nil && first(f, func(n *html.Node) bool { return isTag(n, "button") && attr(n, "type") == "submit" }) != nil
			}},
		{"regimes", "regime:read", "regime:update",
			func(p Page) any { return &RegimesPage{Page: p} },
			func(doc *html.Node) bool { return hasLink(doc, "/t/quang-ngai/regimes/new") }},
		{"regime", "regime:read", "regime:update",
			func(p Page) any {
				return &RegimePage{Page: p, Form: RegimeForm{ID: 7, Name: "Báo cáo năm"}, Frequencies: []string{"annual"}, Shifts: []string{"none"}}
			},
			func(doc *html.Node) bool {
				return formAt(doc, "/t/quang-ngai/regimes/7/delete") != nil ||
					first(formAt(doc, "/t/quang-ngai/regimes/7"), func(n *html.Node) bool { return isTag(n, "button") && attr(n, "name") == "" }) != nil
			}},
		{"calendar", "regime:read", "regime:update",
			func(p Page) any {
				return &CalendarPage{Page: p, Year: 2026, Days: []HolidayVM{{ID: 1, Date: vnDate(2026, 9, 2), Name: "Quốc khánh", Kind: "holiday"}}}
			},
			func(doc *html.Node) bool { return len(all(doc, tag("form"))) > 1 }},
		{"settings", "setting:read", "setting:update",
			func(p Page) any { return &SettingsPage{Page: p, Keys: settingKeys(), Values: settingValues()} },
			func(doc *html.Node) bool { return formAt(doc, "/t/quang-ngai/settings") != nil }},
	}
	for _, g := range gates {
		for _, with := range []bool{false, true} {
			perms := []string{"province:read", g.read}
			if with {
				perms = append(perms, g.perm)
			}
			var buf bytes.Buffer
			p := configPage("vi", g.page+".title", "/t/quang-ngai/"+g.page, perms...)
			if err := r.Render(&buf, g.page, g.data(p)); err != nil {
				t.Fatalf("%s: %v", g.page, err)
			}
			doc, _ := html.Parse(&buf)
			if got := g.present(doc); got != with {
				t.Errorf("%s with %v: controls for %s present = %v", g.page, perms, g.perm, got)
			}
		}
	}
}

// TestRender_HomeUsageOnlyWhenSet: no usage section without Usage.
func TestRender_HomeUsageOnlyWhenSet(t *testing.T) {
	r, _ := newTestRenderer(t)
	for _, u := range []*UsageVM{nil, {Units: 3}} {
		var buf bytes.Buffer
		err := r.Render(&buf, "home", HomePage{Page: configPage("vi", "home.title", "/t/quang-ngai/", "province:read"), Usage: u})
		if err != nil {
			t.Fatal(err)
		}
		doc, _ := html.Parse(&buf)
		shown := first(doc, func(n *html.Node) bool { return attr(n, "aria-labelledby") == "usage-heading" }) != nil
		if shown != (u != nil) {
			t.Errorf("usage section shown = %v with Usage %v", shown, u)
		}
		if u != nil && len(all(doc, tag("meter"))) != 0 {
			t.Errorf("all limits 0: want no bars (unlimited)")
		}
	}
}

func TestFormatBytesAndQuota(t *testing.T) {
	for _, c := range []struct {
		lang string
		n    int64
		want string
	}{
		{"vi", 0, "0 KB"},
		{"vi", 1536, "1,5 KB"},
		{"en", 30 << 10, "30 KB"},
		{"vi", 400 << 10, "400 KB"},
		{"vi", 1 << 20, "1 MB"},
		{"en", 5 << 20, "5 MB"},
		{"vi", 350 << 20, "350 MB"},
		{"vi", 1536 << 20, "1,5 GB"},
		{"en", 1536 << 20, "1.5 GB"},
		{"en", 10 << 30, "10 GB"},
		{"vi", 2 << 30, "2 GB"},
	} {
		if got := FormatBytes(c.lang, c.n); got != c.want {
			t.Errorf("FormatBytes(%s, %d) = %q, want %q", c.lang, c.n, got, c.want)
		}
	}
	if q := Quota(412, 500); q.Percent != 82 || q.Low != 350 || q.High != 450 || q.Full || q.Unlimited {
		t.Errorf("Quota(412, 500) = %+v", q)
	}
	if q := Quota(int64(30), 30); !q.Full || q.Percent != 100 {
		t.Errorf("Quota(30, 30) = %+v", q)
	}
	if q := Quota(45, 40); q.Percent != 100 || !q.Full {
		t.Errorf("over the limit: %+v", q)
	}
	if q := Quota(87, 0); !q.Unlimited {
		t.Errorf("limit 0 is unlimited: %+v", q)
	}
}

// TestCatalogs_ConfigKeys requires the labels the server and the pages build from codes: unit
// types, changes, events, positions (also used by the org chart SVG), levels, frequencies, shift
// policies, calendar kinds, settings, flash notices, field reasons and error codes.
func TestCatalogs_ConfigKeys(t *testing.T) {
	i, err := LoadI18n(assets.FS)
	if err != nil {
		t.Fatal(err)
	}
	var need []string
	add := func(prefix string, vs ...string) {
		for _, v := range vs {
			need = append(need, prefix+v)
		}
	}
	add("unit.type.", schema.UnitTypes...)
	add("unit.change.", "create", "rename", "move", "update", "import")
	add("unit.event.", enumValues(t, schema.UnitEvent{}.Fields(), "kind")...)
	add("position.", schema.Positions...)
	add("committee.level.", enumValues(t, schema.Committee{}.Fields(), "level")...)
	add("regime.frequency.", enumValues(t, schema.ReportingRegime{}.Fields(), "frequency")...)
	add("regime.shift.", enumValues(t, schema.ReportingRegime{}.Fields(), "shift")...)
	add("calendar.kind.", enumValues(t, schema.Holiday{}.Fields(), "kind")...)
	add("settings.", settingKeys()...)
	add("settings.hint.", settingKeys()...)
	add("", "units.created", "units.changed", "units.dissolved", "units.merged", "committees.created", "committees.saved",
		"members.added", "members.ended", "assignments.saved", "decision.uploaded", "regimes.saved", "regimes.deleted",
		"calendar.saved", "settings.saved")
	add("", "units.title", "unit.title", "import.title", "committees.title", "committee.title", "assignments.title",
		"regimes.title", "regime.title", "calendar.title", "settings.title",
		"nav.units", "nav.committees", "nav.regimes", "nav.calendar", "nav.settings")
	add("field.", "unit_code", "unit_type", "phone", "parent_missing", "parent_cycle", "date_before_history", "unit_not_existing",
		"duplicate_in_file", "column_missing", "file_type", "file_too_large", "file_unreadable", "file_empty", "too_many_rows",
		"csv_syntax", "date_order", "member_not_active", "reminder_offset", "makeup_not_weekend", "number_format",
		"unknown_setting", "rule_syntax", "rule_day", "rule_month", "rule_offset", "rule_shift", "date_syntax", "date_day",
		"date_month", "date_year", "required", "too_long", "invalid", "email", "date")
	add("error.", "unit_code_taken", "unit_has_children", "head_exists", "member_already_left", "holiday_exists",
		"import_invalid", "quota_exceeded", "quota_units", "quota_users", "quota_storage", "quota_reports")
	add("weekday.", "0", "1", "2", "3", "4", "5", "6")
	for _, k := range need {
		for _, lang := range Langs() {
			if !i.Has(lang, k) {
				t.Errorf("key %q missing in i18n/%s", k, lang)
			}
		}
	}
	for k, want := range map[string]string{
		"unit.type.department": "Sở, ban, ngành", "unit.type.commune": "UBND xã, phường",
		"unit.type.district": "UBND huyện, thị xã, thành phố (trước 01/7/2025)", "unit.type.front": "Ủy ban MTTQ, đoàn thể",
		"unit.type.mass_mobilization_board": "Ban Dân vận",
		"position.head":                     "Trưởng ban", "position.standing_deputy": "Phó Trưởng ban thường trực",
		"position.deputy": "Phó Trưởng ban", "position.member": "Ủy viên", "position.support_team": "Tổ giúp việc",
		"regime.shift.none": "Giữ nguyên ngày", "regime.shift.previous_working_day": "Lùi về ngày làm việc liền trước",
		"regime.shift.next_working_day": "Chuyển sang ngày làm việc kế tiếp", "calendar.kind.makeup_workday": "Ngày làm bù",
		"error.quota_units": "Đã đạt số đơn vị tối đa của gói dịch vụ.",
		"nav.units":         "Đơn vị", "nav.committees": "Ban Chỉ đạo", "nav.regimes": "Chế độ báo cáo",
		"nav.calendar": "Lịch làm việc", "nav.settings": "Cấu hình",
		"import.refused.title": "Tệp chưa được nhập: không có dòng nào được ghi. Sửa các lỗi dưới đây rồi tải lên lại.",
		"assignments.gap":      "Chưa có người phụ trách", "usage.unlimited": "không giới hạn",
	} {
		if got := i.T("vi", k); got != want {
			t.Errorf("vi %s = %q, want %q", k, got, want)
		}
	}
}
