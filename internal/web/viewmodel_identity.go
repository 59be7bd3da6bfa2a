package web

import "time"

// SessionRow is one live login session.
type SessionRow struct {
	ID         int
	Current    bool // the session of this very request
	IP         string
	UserAgent  string
	CreatedAt  time.Time
	LastSeenAt time.Time
	ExpiresAt  time.Time
}

// TokenRow is one personal access token (never its secret).
type TokenRow struct {
	ID           int
	Name         string
	Prefix       string // e.g. "dvt_Ab12Cd", to recognise it
	ProvinceSlug string
	ProvinceName string
	CreatedAt    time.Time
	ExpiresAt    time.Time
	LastUsedAt   *time.Time
	Revoked      bool
	Expired      bool
}

// ProvinceOption is a province the user belongs to (token form select).
type ProvinceOption struct{ Slug, Name string }

// ProfilePage is /profile: the user's details, password change, sessions and tokens.
type ProfilePage struct {
	Page
	MustChange bool              // an admin reset the password: it must be changed now
	Sessions   []SessionRow      // the user's live sessions
	Tokens     []TokenRow        // the user's tokens in every province
	Provinces  []ProvinceOption  // for the new-token form
	NewToken   string            // a token just created: shown once, with a warning to copy it now
	Errors     map[string]string // field → message key: current_password, new_password, name, days, province
}

// MemberRow is one person in the province.
type MemberRow struct {
	UserID       int
	Name, Email  string
	Active       bool
	Locked       bool // login locked after failed attempts
	LastLoginAt  *time.Time
	Memberships  []MembershipRow
	IsSelf       bool
	MustChangePw bool
}

// MembershipRow is one role a member holds.
type MembershipRow struct {
	ID     int
	Role   string // role key
	Active bool
}

// InvitationRow is an open invitation.
type InvitationRow struct {
	ID        int
	Email     string
	Role      string
	ExpiresAt time.Time
	CreatedAt time.Time
}

// UsersPage is /t/{slug}/users: members, open invitations and the invite form. Buttons follow
// Page.Can: user:invite, user:update, user:reset_password, session:read.
type UsersPage struct {
	Page
	Members     []MemberRow
	Invitations []InvitationRow
	Roles       []string     // role keys for selects, in display order
	Units       []UnitOption // units for the invite form (unit roles work for one unit)
	InviteLink  string       // absolute link of an invitation just created: shown once
	TempPass    string       // temporary password just set by a reset: shown once
	TempFor     string       // whose password was reset (name)
	Form        InviteForm
	Errors      map[string]string // email, role
}

// InviteForm is the invite form's values; UnitID is required for unit roles.
type InviteForm struct {
	Email, Role string
	UnitID      int
}

// UserSessionsPage lists a member's sessions with a button to end them all (session:revoke).
type UserSessionsPage struct {
	Page
	Member   MemberRow
	Sessions []SessionRow
}

// GrantCell is one role × permission in the grant editor.
type GrantCell struct {
	Role      string
	Object    string
	Action    string
	Default   bool
	Override  string // "", "allow" or "deny"
	Effective bool   // what the role has now
	Checked   bool   // the box: Effective, or as submitted when the form comes back refused
	Editable  bool
	Error     string // a refused cell's reason, "field.<reason>"
}

// Differs reports whether the cell, as its box says, is not the role's default.
func (c GrantCell) Differs() bool { return c.Checked != c.Default }

// Name is the cell's form value and error key: "role:object:action".
func (c GrantCell) Name() string { return c.Role + ":" + c.Object + ":" + c.Action }

// GrantRow is one permission across roles.
type GrantRow struct {
	Object, Action string // message keys: "perm.<object>.<action>"
	Cells          []GrantCell
}

// GrantGroup is the permissions on one kind of object: "grants.group.<object>".
type GrantGroup struct {
	Object string
	Rows   []GrantRow
}

// GrantsPage is /t/{slug}/grants: one form, permissions (grouped by object) × roles, POST
// /t/{slug}/grants with a hidden "cell" (role:object:action) per editable cell and a checkbox
// "grant" with the same value for each cell that should be granted; saved all at once or not
// at all. POST /t/{slug}/grants/reset puts every cell back to the default.
type GrantsPage struct {
	Page
	Roles     []string
	Groups    []GrantGroup
	Problems  []GrantCell // the refused cells, when the form comes back
	Refused   int         // how many cells the form came back for (a forged name has no cell)
	Overrides int         // cells the province changed (what a reset would undo)
	Version   int         // the grants version the form was made from (a save over another's is refused)
	Stale     bool        // the form came back because someone else saved in between
}

// AuditRow is one audit record, as a person reads it: the area puts actions, record types,
// fields and values in words.
type AuditRow struct {
	ID          int
	At          time.Time
	Actor       string // "name <email>", or the words for the system or an anonymous visitor
	Action      string // the code, e.g. "membership.update", "login.failed" (a CSS hook)
	ActionLabel string // in words: "Đổi vai trò", "Tạo"
	EntityType  string
	EntityLabel string // the record type in words: "Đơn vị"
	EntityID    int
	Link        string // the record's page, "" when it has none
	Subject     string
	Changes     []ChangeRow
	IP          string
	RequestID   string
}

// ChangeRow is one field before → after, in words. Before is "" for a value that was not there
// (a created record shows only After); a link opens the record a value names.
type ChangeRow struct {
	Field, Label          string // the field's code and its label
	Before, After         string // formatted; map values are "key: value" lines
	BeforeLink, AfterLink string
}

// AuditOption is one choice of a filter select.
type AuditOption struct{ Value, Label string }

// AuditFilter is the audit viewer's filter form (GET).
type AuditFilter struct {
	Action string // prefix, e.g. "login" or "membership.update"
	Entity string // entity type
	User   string // actor contains
	From   string // dd/mm/yyyy
	To     string // dd/mm/yyyy
}

// AuditPage is /t/{slug}/audit: filters, the records (newest first), paging, export links
// (/t/{slug}/audit/export?format=csv|xlsx&same filters) when Can["audit:export"].
type AuditPage struct {
	Page
	Filter   AuditFilter
	Rows     []AuditRow
	Page_    int    // current page, from 1
	HasNext  bool   // a next page exists
	Query    string // the filter as a query string (without page), for paging and export links
	Errors   map[string]string
	Actions  []AuditOption // the action filter's choices (action prefixes, verbs)
	Entities []AuditOption // the record-type filter's choices: every audited type
}

// InvitePage is /invite/{token}: accept an invitation. A new user gives a full name and a
// password (twice); an existing user gives their password.
type InvitePage struct {
	Page
	ProvinceName string
	Email        string
	Role         string
	ExistingUser bool
	Invalid      bool              // used, expired or unknown: show a message, no form
	Errors       map[string]string // full_name, password, password_confirm
	FullName     string
}
