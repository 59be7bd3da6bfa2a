package web

import (
	"slices"
	"strings"
	"time"
)

// Page is what every page's view model embeds: the layout (header, navigation, language switch,
// footer) reads only these fields. Text fields holding a message key are translated by the
// templates, never by handlers.
type Page struct {
	Lang      string    // "vi" or "en"
	Title     string    // message key of the page title
	User      *UserVM   // nil when logged out
	Tenant    *TenantVM // current province; nil on platform pages
	CSRF      string    // token for forms (hidden input name "_csrf")
	Flash     string    // message key of a one-time notice, may be empty
	RequestID string
	Path      string // current path without query, for the language switch (?lang=en / ?lang=vi links)
	// Can holds the permissions ("object:action", e.g. "user:read") the viewer has in the current
	// province, so the layout shows only the links and buttons that will work.
	Can map[string]bool
	// Nav and AdminNav are the province's links, PlatformNav the platform admin's, gathered
	// from the registered areas and filtered by the viewer's grants.
	Nav, AdminNav, PlatformNav []NavLink
	// Bell is the header's unread notifications badge on province pages (nil: none).
	Bell *BellVM
}

// BellVM is the header's bell: where it leads and how many unread notifications wait there.
type BellVM struct {
	Href    string
	Count   int
	Current bool
}

// NavLink is one navigation link.
type NavLink struct {
	Href, Label string // Label is a message key
	Current     bool
	Order       int
}

// SortNav orders links by their Order, then by label key.
func SortNav(ls []NavLink) {
	slices.SortStableFunc(ls, func(a, b NavLink) int {
		if a.Order != b.Order {
			return a.Order - b.Order
		}
		return strings.Compare(a.Label, b.Label)
	})
}

// Base returns the embedded Page; Render uses it to check that a view model embeds Page.
func (p Page) Base() Page { return p }

// UserVM is the signed-in user as the layout shows it.
type UserVM struct {
	Name, Email   string
	PlatformAdmin bool
	Roles         []string // role keys in the current province, e.g. "province_admin"
}

// TenantVM is the current province.
type TenantVM struct{ Slug, Name, Status string }

// LoginPage is the sign-in form.
type LoginPage struct {
	Page
	Email, Next string
	Error       string // message key or ""
}

// TenantRow is one province in the platform admin's list.
type TenantRow struct {
	ID                           int
	Slug, Name, Status, PlanName string // Name: the display name today
	JoinedName                   string // the name it joined with, when a rename is in force
	Names                        []DatedName
	CreatedAt                    time.Time
}

// DatedName is a province's display name from a day on.
type DatedName struct {
	From time.Time
	Name string
}

// RenameForm is the platform admin's "display name from a day" form of one province.
type RenameForm struct {
	Slug, Name, From string
	Errors           map[string]string // field → message key
}

// TenantsPage is the platform admin's list of provinces with the form to add one.
type TenantsPage struct {
	Page
	Tenants []TenantRow
	Plans   []PlanOption
	Form    TenantForm
	Errors  map[string]string // field → message key
	Rename  RenameForm        // a refused rename, shown again under its province
}

// PlanOption is one choice in the plan select.
type PlanOption struct{ Code, Name string }

// TenantForm is what the admin typed, shown again when the form has errors. Field names (lower
// case) are the form's input names and the keys of TenantsPage.Errors: slug, name, plan,
// admin_email, admin_name.
type TenantForm struct{ Slug, Name, Plan, AdminEmail, AdminName string }

// JobRow is one background job on the province home page.
type JobRow struct {
	ID                 int
	Type, Status       string
	Progress, Attempts int // Progress is 0–100
	LastError          string
	CreatedAt          time.Time
}

// HomePage is the province home.
type HomePage struct {
	Page
	Members        int
	Jobs           []JobRow
	StorageObjects int
	Usage          *UsageVM // shown to those with usage:read: bars of units, users, storage, reports
	// With Can regime:read: the active regimes' deadlines due in the next DeadlineDays days,
	// soonest first (at most a handful), linking to each regime.
	Deadlines    []DeadlineVM
	DeadlineDays int
	// With Can committee:read: the number of active committees, and for each one with units
	// nobody is in charge of today, those units (the first few) and a link to its assignments.
	Committees int
	Uncovered  []UncoveredVM
	Tasks      *TaskProgressVM // with Can plan:read: this year's tasks by status
}

// DeadlineVM is a reporting deadline coming up.
type DeadlineVM struct {
	RegimeID int
	Regime   string
	Period   string // in the page's language, e.g. "Năm 2026"
	Due      time.Time
	DaysLeft int // 0: due today
}

// UncoveredVM is a committee's units that nobody is in charge of today.
type UncoveredVM struct {
	CommitteeID int
	Committee   string
	Count       int
	Units       []UnitOption // the first few of Count
}

// More is how many of the units Units leaves out.
func (u UncoveredVM) More() int { return u.Count - len(u.Units) }

// ErrorPage shows a failed request in the user's language; Code is the problem code the API
// would return (not_found, forbidden, unauthorized, invalid, conflict, quota_exceeded, internal,
// csrf, too_large, timeout) and picks the message error.{code}.
type ErrorPage struct {
	Page
	Status int
	Code   string // problem code, e.g. not_found
	Detail string
}
