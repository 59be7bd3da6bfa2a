// Package unit manages a province's units (đơn vị) as effective-dated history: each unit has an
// identity (code, the dates it existed) and versions (name, type, parent, people) valid over
// [from, to). Create, rename, move, update, merge (A + B → C on a date) and dissolve append to
// that history; every listing can be asked "as of date D".
//
// The service takes and stores dates in their storage form, midnight UTC of the civil date
// (calendar.Date.UTC); callers parse and compute dates with package calendar.
package unit

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/danvan-vn/danvan/ent"
	entschema "github.com/danvan-vn/danvan/ent/schema"
	entunit "github.com/danvan-vn/danvan/ent/unit"
	"github.com/danvan-vn/danvan/ent/unitevent"
	"github.com/danvan-vn/danvan/ent/unitversion"
	"github.com/danvan-vn/danvan/internal/apperr"
	"github.com/danvan-vn/danvan/internal/db"
	"github.com/danvan-vn/danvan/internal/textnorm"
	"github.com/danvan-vn/danvan/internal/viewer"
)

// Quota checks the plan's unit limit before units are added.
type Quota interface {
	CheckUnits(ctx context.Context, adding int) error
}

// Service manages units in the viewer's province.
type Service struct {
	db    *ent.Client
	quota Quota
}

// New returns the service.
func New(db *ent.Client, q Quota) *Service { return &Service{db: db, quota: q} }

// Attrs are a version's attributes.
type Attrs struct {
	Name, ShortName, Type, Address                        string
	ParentID                                              *int
	LeaderName, LeaderTitle, LeaderPhone, LeaderEmail     string
	OfficerName, OfficerTitle, OfficerPhone, OfficerEmail string
	LeaderUserID, OfficerUserID                           *int
}

func (a *Attrs) normalize() {
	for _, p := range []*string{&a.Name, &a.ShortName, &a.Type, &a.Address, &a.LeaderName, &a.LeaderTitle, &a.LeaderPhone,
		&a.LeaderEmail, &a.OfficerName, &a.OfficerTitle, &a.OfficerPhone, &a.OfficerEmail} {
		*p = strings.Join(strings.Fields(*p), " ")
	}
	a.LeaderEmail, a.OfficerEmail = strings.ToLower(a.LeaderEmail), strings.ToLower(a.OfficerEmail)
}

// Validate checks attributes; field names are the API's.
func (a Attrs) Validate() apperr.Fields {
	f := apperr.Fields{}
	switch {
	case a.Name == "":
		f.Add("name", "required")
	case utf8.RuneCountInString(a.Name) > 300:
		f.Add("name", "too_long")
	}
	if utf8.RuneCountInString(a.ShortName) > 100 {
		f.Add("short_name", "too_long")
	}
	if !slices.Contains(entschema.UnitTypes, a.Type) {
		f.Add("type", "unit_type")
	}
	for field, email := range map[string]string{"leader_email": a.LeaderEmail, "officer_email": a.OfficerEmail} {
		if email != "" && (!strings.Contains(email, "@") || strings.ContainsAny(email, " ,;") || len(email) > 254) {
			f.Add(field, "email")
		}
	}
	for field, phone := range map[string]string{"leader_phone": a.LeaderPhone, "officer_phone": a.OfficerPhone} {
		if phone != "" && !validPhone(phone) {
			f.Add(field, "phone")
		}
	}
	return f
}

func validPhone(p string) bool {
	digits := 0
	for _, r := range p {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case strings.ContainsRune(" .-()+", r):
		default:
			return false
		}
	}
	return digits >= 8 && digits <= 15
}

// ValidCode reports whether a unit code is acceptable: letters, digits, '.', '-', '_'.
func ValidCode(code string) bool {
	if code == "" || len(code) > 50 {
		return false
	}
	for _, r := range code {
		if !(r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '.' || r == '-' || r == '_') {
			return false
		}
	}
	return true
}

// searchKey folds what people search a unit by.
func searchKey(code string, a Attrs) string {
	return textnorm.Fold(code + " " + a.Name + " " + a.ShortName)
}

// version returns the version of unit id valid on day d, within c.
func version(ctx context.Context, c *ent.Client, id int, d time.Time) (*ent.UnitVersion, error) {
	v, err := c.UnitVersion.Query().Where(unitversion.UnitID(id), unitversion.ValidFromLTE(d),
		unitversion.Or(unitversion.ValidToIsNil(), unitversion.ValidToGT(d))).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, apperr.Invalid(map[string]string{"date": "unit_not_existing"})
	}
	return v, err
}

// latest returns a unit's newest version.
func latest(ctx context.Context, c *ent.Client, id int) (*ent.UnitVersion, error) {
	return c.UnitVersion.Query().Where(unitversion.UnitID(id)).Order(ent.Desc(unitversion.FieldValidFrom)).First(ctx)
}

func attrsOf(v *ent.UnitVersion) Attrs {
	return Attrs{Name: v.Name, ShortName: v.ShortName, Type: string(v.Type), Address: v.Address, ParentID: v.ParentID,
		LeaderName: v.LeaderName, LeaderTitle: v.LeaderTitle, LeaderPhone: v.LeaderPhone, LeaderEmail: v.LeaderEmail,
		OfficerName: v.OfficerName, OfficerTitle: v.OfficerTitle, OfficerPhone: v.OfficerPhone, OfficerEmail: v.OfficerEmail,
		LeaderUserID: v.LeaderUserID, OfficerUserID: v.OfficerUserID}
}

// AttrsOf returns a version's attributes.
func AttrsOf(v *ent.UnitVersion) Attrs { return attrsOf(v) }

// Same reports whether two attribute sets are equal.
func (a Attrs) Same(b Attrs) bool {
	eq := func(x, y *int) bool { return (x == nil && y == nil) || (x != nil && y != nil && *x == *y) }
	return a.Name == b.Name && a.ShortName == b.ShortName && a.Type == b.Type && a.Address == b.Address &&
		eq(a.ParentID, b.ParentID) && a.LeaderName == b.LeaderName && a.LeaderTitle == b.LeaderTitle &&
		a.LeaderPhone == b.LeaderPhone && a.LeaderEmail == b.LeaderEmail && a.OfficerName == b.OfficerName &&
		a.OfficerTitle == b.OfficerTitle && a.OfficerPhone == b.OfficerPhone && a.OfficerEmail == b.OfficerEmail &&
		eq(a.LeaderUserID, b.LeaderUserID) && eq(a.OfficerUserID, b.OfficerUserID)
}

func createVersion(ctx context.Context, c *ent.Client, unitID int, code string, from time.Time, to *time.Time, a Attrs, change string) error {
	q := c.UnitVersion.Create().SetUnitID(unitID).SetValidFrom(from).SetNillableValidTo(to).SetName(a.Name).
		SetShortName(a.ShortName).SetType(unitversion.Type(a.Type)).SetNillableParentID(a.ParentID).SetAddress(a.Address).
		SetLeaderName(a.LeaderName).SetLeaderTitle(a.LeaderTitle).SetLeaderPhone(a.LeaderPhone).SetLeaderEmail(a.LeaderEmail).
		SetNillableLeaderUserID(a.LeaderUserID).SetOfficerName(a.OfficerName).SetOfficerTitle(a.OfficerTitle).
		SetOfficerPhone(a.OfficerPhone).SetOfficerEmail(a.OfficerEmail).SetNillableOfficerUserID(a.OfficerUserID).
		SetSearchKey(searchKey(code, a)).SetChange(change)
	return q.Exec(ctx)
}

func event(ctx context.Context, c *ent.Client, kind unitevent.Kind, d time.Time, unitID int, from []int, note string) error {
	q := c.UnitEvent.Create().SetKind(kind).SetDate(d).SetUnitID(unitID).SetNote(note)
	if len(from) > 0 {
		q.SetFromUnitIds(from)
	}
	if v := viewer.FromContext(ctx); v != nil && v.UserID > 0 {
		q.SetCreatedBy(v.UserID)
	}
	return q.Exec(ctx)
}

// checkParent: the parent must exist on d, and must not be the unit or one of its descendants.
func checkParent(ctx context.Context, c *ent.Client, self int, parent *int, d time.Time) error {
	if parent == nil {
		return nil
	}
	seen := map[int]bool{self: true}
	p := *parent
	for i := 0; i < 100; i++ {
		if seen[p] {
			return apperr.Invalid(map[string]string{"parent": "parent_cycle"})
		}
		seen[p] = true
		v, err := version(ctx, c, p, d)
		if err != nil {
			if apperr.KindOf(err) == apperr.KindInvalid {
				return apperr.Invalid(map[string]string{"parent": "parent_missing"})
			}
			return err
		}
		if v.ParentID == nil {
			return nil
		}
		p = *v.ParentID
	}
	return apperr.Invalid(map[string]string{"parent": "parent_cycle"})
}

// Create adds a unit existing from day from.
func (s *Service) Create(ctx context.Context, code string, from time.Time, a Attrs) (*ent.Unit, error) {
	var u *ent.Unit
	err := db.InTx(ctx, s.db, func(tx *ent.Tx) (err error) {
		u, err = s.create(ctx, tx.Client(), code, from, a)
		return err
	})
	return u, err
}

func (s *Service) create(ctx context.Context, c *ent.Client, code string, from time.Time, a Attrs) (*ent.Unit, error) {
	a.normalize()
	code = strings.TrimSpace(code)
	f := a.Validate()
	if !ValidCode(code) {
		f.Add("code", "unit_code")
	}
	if from.IsZero() {
		f.Add("valid_from", "required")
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	if s.quota != nil {
		if err := s.quota.CheckUnits(ctx, 1); err != nil {
			return nil, err
		}
	}
	if exists, err := c.Unit.Query().Where(entunit.Code(code)).Exist(ctx); err != nil {
		return nil, err
	} else if exists {
		return nil, apperr.Conflict("unit_code_taken", nil)
	}
	if err := checkParent(ctx, c, 0, a.ParentID, from); err != nil {
		return nil, err
	}
	u, err := c.Unit.Create().SetCode(code).SetValidFrom(from).Save(ctx)
	if ent.IsConstraintError(err) {
		return nil, apperr.Conflict("unit_code_taken", err)
	}
	if err != nil {
		return nil, fmt.Errorf("unit: create %s: %w", code, err)
	}
	if err := createVersion(ctx, c, u.ID, code, from, nil, a, "create"); err != nil {
		return nil, err
	}
	return u, event(ctx, c, unitevent.KindCreate, from, u.ID, nil, "")
}

// Change opens a new version of unit id from day from with attributes a (a rename, move or
// update: kind says which, for the history). Changes append to history: from must not be
// before the unit's newest version. A change on the newest version's first day corrects it.
func (s *Service) Change(ctx context.Context, id int, from time.Time, a Attrs, kind string) error {
	a.normalize()
	if err := a.Validate().Err(); err != nil {
		return err
	}
	k := unitevent.Kind(kind)
	if err := unitevent.KindValidator(k); err != nil || k == unitevent.KindMerge || k == unitevent.KindDissolve || k == unitevent.KindCreate {
		return apperr.Invalid(map[string]string{"kind": "invalid"})
	}
	return db.InTx(ctx, s.db, func(tx *ent.Tx) error { return s.change(ctx, tx.Client(), id, from, a, k) })
}

func (s *Service) change(ctx context.Context, c *ent.Client, id int, from time.Time, a Attrs, k unitevent.Kind) error {
	u, err := c.Unit.Get(ctx, id)
	if err != nil {
		return err
	}
	cur, err := latest(ctx, c, id)
	if err != nil {
		return err
	}
	switch {
	case from.Before(cur.ValidFrom):
		return apperr.Invalid(map[string]string{"valid_from": "date_before_history"})
	case u.ValidTo != nil && !from.Before(*u.ValidTo):
		return apperr.Invalid(map[string]string{"valid_from": "unit_not_existing"})
	}
	if err := checkParent(ctx, c, id, a.ParentID, from); err != nil {
		return err
	}
	if attrsOf(cur).Same(a) {
		return nil
	}
	if from.Equal(cur.ValidFrom) {
		if err := c.UnitVersion.DeleteOneID(cur.ID).Exec(ctx); err != nil {
			return err
		}
		if err := createVersion(ctx, c, id, u.Code, from, cur.ValidTo, a, cur.Change); err != nil {
			return err
		}
	} else {
		if err := c.UnitVersion.UpdateOneID(cur.ID).SetValidTo(from).Exec(ctx); err != nil {
			return err
		}
		if err := createVersion(ctx, c, id, u.Code, from, cur.ValidTo, a, string(k)); err != nil {
			return err
		}
	}
	return event(ctx, c, k, from, id, nil, "")
}

// children returns the units whose version on day d has parent id.
func children(ctx context.Context, c *ent.Client, id int, d time.Time) ([]*ent.UnitVersion, error) {
	return c.UnitVersion.Query().Where(unitversion.ParentID(id), unitversion.ValidFromLTE(d),
		unitversion.Or(unitversion.ValidToIsNil(), unitversion.ValidToGT(d))).All(ctx)
}

// end closes a unit on day d: its current version and the unit itself.
func end(ctx context.Context, c *ent.Client, id int, d time.Time, successor *int) error {
	u, err := c.Unit.Get(ctx, id)
	if err != nil {
		return err
	}
	if u.ValidTo != nil && !d.Before(*u.ValidTo) || d.Before(u.ValidFrom) || d.Equal(u.ValidFrom) {
		return apperr.Invalid(map[string]string{"date": "unit_not_existing"})
	}
	cur, err := latest(ctx, c, id)
	if err != nil {
		return err
	}
	switch {
	case d.Before(cur.ValidFrom):
		return apperr.Invalid(map[string]string{"date": "date_before_history"})
	case d.Equal(cur.ValidFrom):
		// A version opened that very day (say, a move on the day of a merge) never applies:
		// drop it; the one before already ends on d.
		if err := c.UnitVersion.DeleteOneID(cur.ID).Exec(ctx); err != nil {
			return err
		}
	default:
		if err := c.UnitVersion.UpdateOneID(cur.ID).SetValidTo(d).Exec(ctx); err != nil {
			return err
		}
	}
	return c.Unit.UpdateOneID(id).SetValidTo(d).SetNillableSuccessorID(successor).Exec(ctx)
}

// Dissolve ends a unit on day d. A unit that still has sub-units on d cannot be dissolved:
// move or merge them first.
func (s *Service) Dissolve(ctx context.Context, id int, d time.Time, note string) error {
	return db.InTx(ctx, s.db, func(tx *ent.Tx) error {
		c := tx.Client()
		kids, err := children(ctx, c, id, d)
		if err != nil {
			return err
		}
		if len(kids) > 0 {
			return apperr.Conflict("unit_has_children", nil)
		}
		if err := end(ctx, c, id, d, nil); err != nil {
			return err
		}
		return event(ctx, c, unitevent.KindDissolve, d, id, nil, note)
	})
}

// Merge ends units ids on day d and creates the unit that replaces them (code, attrs); their
// sub-units on d move under the new unit. Merging one unit into a new identity is allowed (a
// province renamed and recoded).
func (s *Service) Merge(ctx context.Context, ids []int, d time.Time, code string, a Attrs, note string) (*ent.Unit, error) {
	if len(ids) == 0 {
		return nil, apperr.Invalid(map[string]string{"units": "required"})
	}
	var u *ent.Unit
	err := db.InTx(ctx, s.db, func(tx *ent.Tx) error {
		c := tx.Client()
		for _, id := range ids {
			if _, err := version(ctx, c, id, d.AddDate(0, 0, -1)); err != nil {
				return err
			}
		}
		var kids []*ent.UnitVersion
		for _, id := range ids {
			k, err := children(ctx, c, id, d.AddDate(0, 0, -1))
			if err != nil {
				return err
			}
			kids = append(kids, k...)
		}
		if a.ParentID != nil && slices.Contains(ids, *a.ParentID) {
			return apperr.Invalid(map[string]string{"parent": "parent_cycle"})
		}
		var err error
		if u, err = s.create(ctx, c, code, d, a); err != nil {
			return err
		}
		for _, id := range ids {
			if err := end(ctx, c, id, d, &u.ID); err != nil {
				return err
			}
		}
		for _, k := range kids {
			if slices.Contains(ids, k.UnitID) {
				continue
			}
			moved := attrsOf(k)
			moved.ParentID = &u.ID
			if err := s.change(ctx, c, k.UnitID, d, moved, unitevent.KindMove); err != nil {
				return err
			}
		}
		return event(ctx, c, unitevent.KindMerge, d, u.ID, ids, note)
	})
	return u, err
}

// Node is a unit as it was on a day.
type Node struct {
	Unit    *ent.Unit
	Version *ent.UnitVersion
}

// AsOf lists the units that existed on day d with their version of that day. q, when not
// empty, keeps those whose code, name or short name contains it, ignoring diacritics and case.
// The result is in Vietnamese alphabetical order.
func (s *Service) AsOf(ctx context.Context, d time.Time, q string) ([]Node, error) {
	query := s.db.UnitVersion.Query().Where(unitversion.ValidFromLTE(d),
		unitversion.Or(unitversion.ValidToIsNil(), unitversion.ValidToGT(d)))
	if k := textnorm.Fold(q); k != "" {
		query.Where(unitversion.SearchKeyContains(k))
	}
	vs, err := query.All(ctx)
	if err != nil {
		return nil, fmt.Errorf("unit: as of %s: %w", d.Format("02/01/2006"), err)
	}
	ids := make([]int, 0, len(vs))
	for _, v := range vs {
		ids = append(ids, v.UnitID)
	}
	us, err := s.db.Unit.Query().Where(entunit.IDIn(ids...)).All(ctx)
	if err != nil {
		return nil, err
	}
	byID := map[int]*ent.Unit{}
	for _, u := range us {
		byID[u.ID] = u
	}
	out := make([]Node, 0, len(vs))
	for _, v := range vs {
		out = append(out, Node{Unit: byID[v.UnitID], Version: v})
	}
	textnorm.Sort(out, func(n Node) string { return n.Version.Name })
	return out, nil
}

// TreeNode is a unit with its sub-units, as of a day.
type TreeNode struct {
	Node
	Children []*TreeNode
}

// Tree returns the units of day d as a forest (roots first), each level in Vietnamese order.
func (s *Service) Tree(ctx context.Context, d time.Time) ([]*TreeNode, error) {
	nodes, err := s.AsOf(ctx, d, "")
	if err != nil {
		return nil, err
	}
	byID := map[int]*TreeNode{}
	for _, n := range nodes {
		byID[n.Unit.ID] = &TreeNode{Node: n}
	}
	var roots []*TreeNode
	for _, n := range nodes { // nodes are sorted, so children come out sorted too
		tn := byID[n.Unit.ID]
		if p := n.Version.ParentID; p != nil && byID[*p] != nil {
			byID[*p].Children = append(byID[*p].Children, tn)
		} else {
			roots = append(roots, tn)
		}
	}
	return roots, nil
}

// History is a unit's versions and events, oldest first.
type History struct {
	Unit     *ent.Unit
	Versions []*ent.UnitVersion
	Events   []*ent.UnitEvent
}

// HistoryOf returns a unit's whole history.
func (s *Service) HistoryOf(ctx context.Context, id int) (*History, error) {
	u, err := s.db.Unit.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	vs, err := s.db.UnitVersion.Query().Where(unitversion.UnitID(id)).Order(ent.Asc(unitversion.FieldValidFrom)).All(ctx)
	if err != nil {
		return nil, err
	}
	es, err := s.db.UnitEvent.Query().Where(unitevent.Or(unitevent.UnitID(id))).Order(ent.Asc(unitevent.FieldDate), ent.Asc(unitevent.FieldID)).All(ctx)
	if err != nil {
		return nil, err
	}
	// A merge that consumed this unit is recorded on the new unit; show it here too.
	if u.SuccessorID != nil {
		more, err := s.db.UnitEvent.Query().Where(unitevent.UnitID(*u.SuccessorID), unitevent.KindEQ(unitevent.KindMerge)).All(ctx)
		if err != nil {
			return nil, err
		}
		es = append(es, more...)
	}
	return &History{Unit: u, Versions: vs, Events: es}, nil
}

// ByCode finds a unit by its code.
func (s *Service) ByCode(ctx context.Context, code string) (*ent.Unit, error) {
	u, err := s.db.Unit.Query().Where(entunit.Code(code)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, apperr.NotFound(err)
	}
	return u, err
}

// VersionOn returns unit id's version on day d.
func (s *Service) VersionOn(ctx context.Context, id int, d time.Time) (*ent.UnitVersion, error) {
	if _, err := s.db.Unit.Get(ctx, id); err != nil {
		return nil, err
	}
	return version(ctx, s.db, id, d)
}

// Versions returns every version of the given units, oldest first (a page names units its
// history mentions).
func (s *Service) Versions(ctx context.Context, unitIDs []int) ([]*ent.UnitVersion, error) {
	return s.db.UnitVersion.Query().Where(unitversion.UnitIDIn(unitIDs...)).Order(ent.Asc(unitversion.FieldID)).All(ctx)
}
