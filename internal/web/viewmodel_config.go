package web

import "time"

// UnitOption is a unit in a select.
type UnitOption struct {
	ID   int
	Code string
	Name string
}

// PersonVM is a unit's leader or official in charge of dân vận work.
type PersonVM struct{ Name, Title, Phone, Email string }

// UnitNodeVM is a unit in the tree (or a search result when the page searches).
type UnitNodeVM struct {
	ID        int
	Code      string
	Name      string
	ShortName string
	Type      string // unit type key: "unit.type.<type>"
	Officer   PersonVM
	Children  []UnitNodeVM
	Groups    []UnitGroupVM // Children by type, when they are many and of several types
	Open      bool          // its children are shown (a <details> open)
	Context   bool          // shown only as the path to a unit the type filter kept
}

// UnitGroupVM is a unit's sub-units of one type, folded under a heading ("unit.type.<type>").
type UnitGroupVM struct {
	Type     string
	Children []UnitNodeVM
	Open     bool
}

// UnitForm is the create-unit form's values. Field names are the inputs': code, name,
// short_name, type, parent_id, date, address, leader_*, officer_*.
type UnitForm struct {
	Code, Name, ShortName, Type, Date, Address string
	ParentID                                   int
	Leader, Officer                            PersonVM
}

// UnitsPage is /t/{slug}/units: the tree as of a date (GET ?date=dd/mm/yyyy), collapsible (top
// level open; ?expand=all opens every node), a type filter (GET ?type=, the matching units with
// their ancestors as context), a search box (GET ?q=, ignores diacritics and case; results in
// Results instead of Tree), a create form behind a button (POST /t/{slug}/units, Can
// unit:update; open when it came back with errors), links to import (Can unit:import) and to
// the template (/api/v1/t/{slug}/units/import/template).
type UnitsPage struct {
	Page
	Date       string // dd/mm/yyyy
	Query      string
	Type       string // the type filter, "" for every type
	Expand     bool   // every node open (?expand=all)
	Tree       []UnitNodeVM
	Results    []UnitNodeVM
	Count      int
	Types      []string
	Parents    []UnitOption
	Form       UnitForm
	CreateOpen bool // the create form came back with errors
	Errors     map[string]string
}

// VersionVM is what a unit was over [ValidFrom, ValidTo).
type VersionVM struct {
	ValidFrom  time.Time
	ValidTo    *time.Time
	Change     string // create, rename, move, update, import: "unit.change.<change>"
	Name       string
	ShortName  string
	Type       string
	ParentID   int
	ParentName string
	Address    string
	Leader     PersonVM
	Officer    PersonVM
}

// UnitEventVM is one operation in a unit's history.
type UnitEventVM struct {
	Kind  string // create, rename, move, update, merge, dissolve: "unit.event.<kind>"
	Date  time.Time
	Units []UnitOption // the merged units, for a merge
	Into  *UnitOption  // the result of a merge
	Note  string
}

// UnitPage is /t/{slug}/units/{id}: the unit on a date, its whole history, and forms (Can
// unit:update): change (POST /t/{slug}/units/{id}/change with kind rename|move|update, date and
// every field), dissolve (POST /t/{slug}/units/{id}/dissolve with date and note), and merge
// with other units (POST /t/{slug}/units/merge with unit_ids (this and others), date, code,
// name, type, parent_id, note).
type UnitPage struct {
	Page
	ID         int
	Code       string
	ExistsFrom time.Time
	ExistsTo   *time.Time
	Successor  *UnitOption
	Current    VersionVM // as of Date; when Ended or NotYet, the last or the first version
	Ended      bool      // the unit no longer existed on Date (ExistsTo on or before it)
	NotYet     bool      // the unit did not exist yet on Date
	Date       string
	Versions   []VersionVM
	Events     []UnitEventVM
	Types      []string
	Parents    []UnitOption
	Others     []UnitOption // units it could merge with
	Errors     map[string]string
}

// ImportRowVM is one problem of a refused file.
type ImportRowVM struct {
	Row    int
	Column string
	Reason string // message key "field.<reason>"
	Value  string
}

// ImportPage is /t/{slug}/units/import: upload form (POST multipart, field "file", optional
// "date" dd/mm/yyyy used for rows without a date), template link, and either the result of an
// import (Created/Updated/Unchanged) or the refused file's report (Rows), nothing written.
type ImportPage struct {
	Page
	Done                        bool
	Created, Updated, Unchanged int
	Rows                        []ImportRowVM
	FileName                    string
	Errors                      map[string]string
}

// CommitteeVM is a steering committee.
type CommitteeVM struct {
	ID             int
	Name           string
	Level          string // province, commune, district: "committee.level.<level>"
	UnitName       string
	StandingAgency string
	TermLabel      string
	DecisionNumber string
	DecisionDate   *time.Time
	DecisionFile   string // file name, downloadable at /t/{slug}/committees/{id}/decision
}

// CommitteeForm is the committee form's values: name, level, unit_id, standing_agency_id,
// term_label, decision_number, decision_date.
type CommitteeForm struct {
	Name, Level, TermLabel, DecisionNumber, DecisionDate string
	UnitID, StandingAgencyID                             int
}

// CommitteesPage is /t/{slug}/committees: the list and a create form (Can committee:update,
// POST /t/{slug}/committees).
type CommitteesPage struct {
	Page
	Committees []CommitteeVM
	Units      []UnitOption
	Form       CommitteeForm
	Errors     map[string]string
}

// MemberVM is a person in a committee.
type MemberVM struct {
	ID          int
	Position    string // "position.<position>"
	PersonName  string
	PersonTitle string
	Office      string
	ValidFrom   time.Time
	ValidTo     *time.Time
	Units       []UnitOption // the units they are in charge of on Date
}

// CommitteePage is /t/{slug}/committees/{id}: details, the org chart picture
// (<img src="/t/{slug}/committees/{id}/orgchart.svg?date=..."> with an alt text), the members on
// Date (GET ?date=), and with Can committee:update: the edit form (POST /t/{slug}/committees/{id}),
// the add-member form (POST /t/{slug}/committees/{id}/members: position, person_name,
// person_title, office_unit_id, office, date, replace_head checkbox), an end-membership form per
// member (POST /t/{slug}/committees/{id}/members/{mid}/end with date), the decision upload (POST
// multipart /t/{slug}/committees/{id}/decision, field "file"), and a link to the assignment
// matrix. Orphans lists the units left without anyone in charge after a member left.
type CommitteePage struct {
	Page
	Committee CommitteeVM
	Form      CommitteeForm
	Date      string
	Members   []MemberVM
	Positions []string
	Units     []UnitOption
	Orphans   []UnitOption
	Errors    map[string]string
}

// AssignmentRowVM is one unit across the members.
type AssignmentRowVM struct {
	Unit  UnitOption
	Type  string
	Cells []bool // per member, in Members' order: in charge?
	Gap   bool   // nobody in charge: highlight
}

// UnitChoiceVM is a unit offered to a member: ticked when the member is in charge of it.
type UnitChoiceVM struct {
	Unit    UnitOption
	Checked bool
	Gap     bool   // nobody in charge: highlight
	HeldBy  string // the other members in charge of it, by name
}

// UnitChoiceGroupVM is the units of one type offered to a member.
type UnitChoiceGroupVM struct {
	Type  string
	Units []UnitChoiceVM
}

// AssignmentsPage is /t/{slug}/committees/{id}/assignments on Date (GET ?date=): the members
// (each a link ?member={mid}), the chosen Member's units as checkboxes grouped by type (gaps
// highlighted), saved with Can committee:update by POST
// /t/{slug}/committees/{id}/members/{mid}/assignments (unit_ids, repeated; date), and the
// matrix members × units in its own scrolling box, gaps highlighted and counted.
type AssignmentsPage struct {
	Page
	Committee CommitteeVM
	Date      string
	Members   []MemberVM
	Member    *MemberVM // the member the checkboxes are for
	Kept      []int     // the member's units the screen does not offer (the province itself): saved as they are
	Groups    []UnitChoiceGroupVM
	Rows      []AssignmentRowVM
	Gaps      int
	Units     []UnitOption
	Errors    map[string]string
}

// OccurrenceVM is one upcoming deadline.
type OccurrenceVM struct {
	Period  string // label in the page's language, e.g. "6 tháng đầu năm 2026"
	Nominal time.Time
	Due     time.Time
	Shifted bool   // Due differs from Nominal (non-working day)
	Off     string // the holiday or compensatory day off on Nominal, if any
	CutFrom time.Time
	CutTo   time.Time
}

// RegimeVM is a reporting regime in the list.
type RegimeVM struct {
	ID              int
	Name            string
	Frequency       string // "regime.frequency.<f>"
	DeadlineRule    string
	Shift           string // "regime.shift.<s>"
	Receiving       string
	ReminderOffsets []int
	Active          bool
	Next            []OccurrenceVM
}

// RegimesPage is /t/{slug}/regimes: every regime with its next deadlines; links to the editor
// (/t/{slug}/regimes/new and /t/{slug}/regimes/{id}) and to the calendar.
type RegimesPage struct {
	Page
	Regimes []RegimeVM
}

// RegimeForm is the regime editor's values: name, frequency, deadline_rule, shift,
// reporting_unit_types (checkboxes), receiving_unit_id, reminder_offsets (text "-7,-3,-1,1,3"),
// content, active.
type RegimeForm struct {
	ID                 int // 0 for a new regime
	Name               string
	Frequency          string
	DeadlineRule       string
	Shift              string
	ReportingUnitTypes []string
	ReceivingUnitID    int
	ReminderOffsets    string
	CutoffDay          int // 0: Nghị định 09's default
	Content            string
	Active             bool
}

// RegimePage is the regime editor: POST /t/{slug}/regimes (new) or /t/{slug}/regimes/{id}; a
// "preview" submit button (name="preview" value="1") re-renders the page with Preview computed
// from the form without saving; Preview shows the next four deadlines (period, nominal date,
// due date after the shift policy, cut-off window). Explain the rule syntax ("15/6" = day/month
// in the period's year; "M+1/15" = the 15th of the month after the period) and the shift
// policy. Delete: POST /t/{slug}/regimes/{id}/delete.
type RegimePage struct {
	Page
	Form        RegimeForm
	Preview     []OccurrenceVM
	Frequencies []string
	Shifts      []string
	Types       []string
	Units       []UnitOption
	Errors      map[string]string
}

// HolidayVM is a day in the calendar.
type HolidayVM struct {
	ID   int
	Date time.Time
	Name string
	Kind string // holiday or makeup_workday: "calendar.kind.<kind>"
}

// CalendarPage is /t/{slug}/calendar?year=Y: the year's holidays and make-up working days; with
// Can regime:update an add form (POST /t/{slug}/calendar: date dd/mm/yyyy, name, kind), a delete
// form per day (POST /t/{slug}/calendar/{id}/delete) and "add the official holidays of Y" (POST
// /t/{slug}/calendar/seed with year). Year navigation links.
type CalendarPage struct {
	Page
	Year       int
	Month      MonthVM // the month grid (GET ?month=yyyy-mm), above the year's list
	Days       []HolidayVM
	Incomplete bool // the year's lunar holidays are unknown to the defaults: enter them
	Errors     map[string]string
}

// MonthVM is one month of the province calendar as weeks from Monday to Sunday, with links to
// the months before and after (?month=yyyy-mm).
type MonthVM struct {
	First      time.Time // the month's first day
	Prev, Next string    // "2026-03", "2026-05"
	This       string    // the current month, for a "today" link
	Weeks      [][]DayVM // seven days each; a day of another month is the zero DayVM (an empty cell)
}

// DayVM is a day in the month grid.
type DayVM struct {
	Date    time.Time
	Weekend bool   // a weekly day off
	Off     bool   // not a working day: weekend or holiday (unless a make-up day)
	Holiday string // the holiday's or compensatory day off's name
	MakeUp  string // a weekend day worked: its name
	Today   bool
}

// SettingsPage is /t/{slug}/settings: the province's settings (Keys in order, Values by key,
// label "settings.<key>"); with Can setting:update a form POST /t/{slug}/settings with one input
// per key (assignment.exclusive as a checkbox "true", deadline.shift as a select).
type SettingsPage struct {
	Page
	Keys       []string
	Values     map[string]string
	Errors     map[string]string
	Letterhead LetterheadVM // the preview of the official documents' header block
	// Example is the province's own place name for the hints' examples (its letterhead place,
	// else its name), ExampleUpper the same upper-cased.
	Example, ExampleUpper string
}

// LetterheadVM is the header block of an official document (Nghị định 30/2020/NĐ-CP, Phụ lục
// I) as the province's settings make it: the governing body and the issuing body upper-case on
// the left, the national name and motto on the right, then the number line ("Số: …/…") and the
// place and date line. Empty fields are shown as dots.
type LetterheadVM struct {
	Parent string // cơ quan chủ quản, upper-case; may be empty
	Issuer string // cơ quan ban hành, upper-case
	Number string // the number format with its fields as "…"
	Place  string
}

// UsageVM is the province's use of its plan (limits of 0 are unlimited).
type UsageVM struct {
	Plan                          string
	Units, MaxUnits               int
	Users, MaxUsers               int
	StorageBytes, MaxStorageBytes int64
	Reports, MaxReports           int
}

// PlanRow is a SaaS plan in the platform admin's editor.
type PlanRow struct {
	Code, Name         string
	MaxUnits, MaxUsers int
	MaxStorageGB       int64
	MaxReports         int
	Modules            []string
}

// PlansPage is /platform/plans: each plan's limits and modules (POST /platform/plans/{code}),
// and moving a province to a plan (POST /platform/plans/assign with slug and plan).
type PlansPage struct {
	Page
	Plans   []PlanRow
	Modules []string
	Tenants []TenantRow
	Errors  map[string]string
}
