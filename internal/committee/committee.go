// Package committee manages steering committees (Ban Chỉ đạo): the committee itself (term,
// establishing decision, standing agency), its members by position over time, and their
// assignments to the units they are in charge of (phân công phụ trách).
package committee

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/ent/assignment"
	entcommittee "github.com/danvan-vn/danvan/ent/committee"
	"github.com/danvan-vn/danvan/ent/committeemember"
	"github.com/danvan-vn/danvan/ent/membership"
	entschema "github.com/danvan-vn/danvan/ent/schema"
	"github.com/danvan-vn/danvan/internal/apperr"
	"github.com/danvan-vn/danvan/internal/db"
	"github.com/danvan-vn/danvan/internal/settings"
	"github.com/danvan-vn/danvan/internal/storage"
	"github.com/danvan-vn/danvan/internal/unit"
	"github.com/danvan-vn/danvan/internal/viewer"
)

// Files stores decision files in the province's bucket.
type Files interface {
	Put(ctx context.Context, tenantSlug, key string, r io.Reader, size int64, contentType string) (storage.ObjectInfo, error)
	Delete(ctx context.Context, tenantSlug, key string) error
}

// StorageQuota checks the plan before storing a file.
type StorageQuota interface {
	CheckStorage(ctx context.Context, adding int64) error
}

// Service manages the viewer's province's committees.
type Service struct {
	db       *ent.Client
	units    *unit.Service
	settings *settings.Service
	files    Files
	quota    StorageQuota
}

// New returns the service.
func New(db *ent.Client, units *unit.Service, st *settings.Service, files Files, q StorageQuota) *Service {
	return &Service{db: db, units: units, settings: st, files: files, quota: q}
}

// Input describes a committee.
type Input struct {
	Name             string
	Level            string // province, commune, district
	UnitID           *int
	StandingAgencyID *int
	TermLabel        string
	TermFrom, TermTo *time.Time
	DecisionNumber   string
	DecisionDate     *time.Time
}

func (in *Input) validate() error {
	in.Name, in.TermLabel, in.DecisionNumber = strings.TrimSpace(in.Name), strings.TrimSpace(in.TermLabel), strings.TrimSpace(in.DecisionNumber)
	f := apperr.Fields{}
	switch {
	case in.Name == "":
		f.Add("name", "required")
	case utf8.RuneCountInString(in.Name) > 300:
		f.Add("name", "too_long")
	}
	if in.Level == "" {
		in.Level = "province"
	}
	if entcommittee.LevelValidator(entcommittee.Level(in.Level)) != nil {
		f.Add("level", "invalid")
	}
	if in.Level != "province" && in.UnitID == nil {
		f.Add("unit_id", "required")
	}
	if in.TermFrom != nil && in.TermTo != nil && !in.TermTo.After(*in.TermFrom) {
		f.Add("term_to", "date_order")
	}
	if utf8.RuneCountInString(in.DecisionNumber) > 100 {
		f.Add("decision_number", "too_long")
	}
	return f.Err()
}

// lockCommittee reads a committee row and locks it until tx ends (PostgreSQL; SQLite serializes
// write transactions already), so "one head at a time" and exclusive assignments are checked
// against a committee no one else is changing.
func (s *Service) lockCommittee(ctx context.Context, tx *ent.Tx, id int) (*ent.Committee, error) {
	return tx.Committee.Query().Where(entcommittee.ID(id)).Modify(db.ForUpdate).Only(ctx)
}

// checkRefs: unit ids must be the province's units, a user id one of its members.
func checkRefs(ctx context.Context, tx *ent.Tx, unitID, userID *int, more ...*int) error {
	for _, id := range append([]*int{unitID}, more...) {
		if id != nil {
			if _, err := tx.Unit.Get(ctx, *id); err != nil {
				return apperr.Invalid(map[string]string{"unit_id": "parent_missing"})
			}
		}
	}
	if userID != nil {
		ok, err := tx.Membership.Query().Where(membership.UserID(*userID)).Exist(ctx)
		if err != nil {
			return err
		}
		if !ok {
			return apperr.Invalid(map[string]string{"user_id": "not_member"})
		}
	}
	return nil
}

// Create creates a committee.
func (s *Service) Create(ctx context.Context, in Input) (*ent.Committee, error) {
	if err := in.validate(); err != nil {
		return nil, err
	}
	var c *ent.Committee
	err := db.InTx(ctx, s.db, func(tx *ent.Tx) (err error) {
		if err := checkRefs(ctx, tx, in.UnitID, nil, in.StandingAgencyID); err != nil {
			return err
		}
		c, err = tx.Committee.Create().SetName(in.Name).SetLevel(entcommittee.Level(in.Level)).SetNillableUnitID(in.UnitID).
			SetNillableStandingAgencyID(in.StandingAgencyID).SetTermLabel(in.TermLabel).SetNillableTermFrom(in.TermFrom).
			SetNillableTermTo(in.TermTo).SetDecisionNumber(in.DecisionNumber).SetNillableDecisionDate(in.DecisionDate).Save(ctx)
		return err
	})
	return c, err
}

// Update changes a committee's details.
func (s *Service) Update(ctx context.Context, id int, in Input) error {
	if err := in.validate(); err != nil {
		return err
	}
	return db.InTx(ctx, s.db, func(tx *ent.Tx) error {
		if err := checkRefs(ctx, tx, in.UnitID, nil, in.StandingAgencyID); err != nil {
			return err
		}
		q := tx.Committee.UpdateOneID(id).SetName(in.Name).SetLevel(entcommittee.Level(in.Level)).SetTermLabel(in.TermLabel).
			SetDecisionNumber(in.DecisionNumber)
		if in.UnitID != nil {
			q.SetUnitID(*in.UnitID)
		} else {
			q.ClearUnitID()
		}
		if in.StandingAgencyID != nil {
			q.SetStandingAgencyID(*in.StandingAgencyID)
		} else {
			q.ClearStandingAgencyID()
		}
		if in.TermFrom != nil {
			q.SetTermFrom(*in.TermFrom)
		}
		if in.TermTo != nil {
			q.SetTermTo(*in.TermTo)
		}
		if in.DecisionDate != nil {
			q.SetDecisionDate(*in.DecisionDate)
		}
		return q.Exec(ctx)
	})
}

// List returns the province's committees, the province's first.
func (s *Service) List(ctx context.Context) ([]*ent.Committee, error) {
	return s.db.Committee.Query().Order(ent.Asc(entcommittee.FieldLevel), ent.Asc(entcommittee.FieldID)).All(ctx)
}

// Get returns one committee.
func (s *Service) Get(ctx context.Context, id int) (*ent.Committee, error) {
	return s.db.Committee.Get(ctx, id)
}

// decisionMagic is how each accepted decision file type starts.
var decisionMagic = map[string]string{"pdf": "%PDF-", "doc": "\xD0\xCF\x11\xE0", "docx": "PK\x03\x04",
	"jpg": "\xFF\xD8\xFF", "jpeg": "\xFF\xD8\xFF", "png": "\x89PNG"}

// MaxDecisionFile caps a decision file.
const MaxDecisionFile = 50 << 20

// AttachDecision stores the establishing decision's file (streamed, never all in memory) and
// records it on the committee. A failed upload leaves the committee as it was.
func (s *Service) AttachDecision(ctx context.Context, id int, filename string, size int64, r io.Reader) error {
	c, err := s.db.Committee.Get(ctx, id)
	if err != nil {
		return err
	}
	if size <= 0 || size > MaxDecisionFile {
		return apperr.Invalid(map[string]string{"file": "file_too_large"})
	}
	// The type is the name's extension ("pdf" alone is no extension), and the file must start as
	// that type does.
	ext := strings.TrimPrefix(strings.ToLower(filepath.Ext(filename)), ".")
	magic, ok := decisionMagic[ext]
	if !ok {
		return apperr.Invalid(map[string]string{"file": "file_type"})
	}
	br := bufio.NewReader(r)
	if head, _ := br.Peek(len(magic)); string(head) != magic {
		return apperr.Invalid(map[string]string{"file": "file_type"})
	}
	r = br
	if s.quota != nil {
		if err := s.quota.CheckStorage(ctx, size); err != nil {
			return err
		}
	}
	v := viewer.FromContext(ctx)
	// The key never contains user input: the committee id and a timestamp.
	key := fmt.Sprintf("committees/%d/decision-%d.%s", c.ID, time.Now().UnixNano(), ext)
	// The type comes from the allowed extension, never from the browser: a file served back
	// from this origin must not become a script.
	contentType := map[string]string{"pdf": "application/pdf", "doc": "application/msword",
		"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
		"jpg":  "image/jpeg", "jpeg": "image/jpeg", "png": "image/png"}[ext]
	if _, err := s.files.Put(ctx, v.TenantSlug, key, r, size, contentType); err != nil {
		return fmt.Errorf("committee: store decision: %w", err)
	}
	err = db.InTx(ctx, s.db, func(tx *ent.Tx) error {
		return tx.Committee.UpdateOneID(id).SetDecisionFileKey(key).SetDecisionFileName(filename).SetDecisionFileSize(size).Exec(ctx)
	})
	if err != nil {
		_ = s.files.Delete(context.WithoutCancel(ctx), v.TenantSlug, key) // nothing half-done, even when the request was cancelled
		return err
	}
	if c.DecisionFileKey != "" {
		_ = s.files.Delete(ctx, v.TenantSlug, c.DecisionFileKey)
	}
	return nil
}

// MemberInput describes a person taking a position.
type MemberInput struct {
	Position     string
	UserID       *int
	PersonName   string
	PersonTitle  string
	OfficeUnitID *int
	Office       string
	From         time.Time
	// ReplaceHead ends the current head's membership on From when a new head is added.
	ReplaceHead bool
}

// AddMember puts a person in a position from a day. There is exactly one head at a time.
func (s *Service) AddMember(ctx context.Context, committeeID int, in MemberInput) (*ent.CommitteeMember, error) {
	in.PersonName, in.PersonTitle, in.Office = strings.TrimSpace(in.PersonName), strings.TrimSpace(in.PersonTitle), strings.TrimSpace(in.Office)
	f := apperr.Fields{}
	if !slices.Contains(entschema.Positions, in.Position) {
		f.Add("position", "invalid")
	}
	if in.PersonName == "" {
		f.Add("person_name", "required")
	} else if utf8.RuneCountInString(in.PersonName) > 200 {
		f.Add("person_name", "too_long")
	}
	if in.From.IsZero() {
		f.Add("valid_from", "required")
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	var m *ent.CommitteeMember
	err := db.InTx(ctx, s.db, func(tx *ent.Tx) error {
		// Lock the committee row: two concurrent "add head" requests must not both see none.
		if _, err := s.lockCommittee(ctx, tx, committeeID); err != nil {
			return err
		}
		if err := checkRefs(ctx, tx, in.OfficeUnitID, in.UserID); err != nil {
			return err
		}
		if in.Position == "head" {
			heads, err := tx.CommitteeMember.Query().Where(committeemember.CommitteeID(committeeID),
				committeemember.PositionEQ(committeemember.PositionHead), committeemember.ValidToIsNil()).All(ctx)
			if err != nil {
				return err
			}
			if len(heads) > 0 && !in.ReplaceHead {
				return apperr.Conflict("head_exists", nil)
			}
			for _, h := range heads {
				if _, err := endMember(ctx, tx.Client(), h, in.From); err != nil {
					return err
				}
			}
		}
		n, _ := tx.CommitteeMember.Query().Where(committeemember.CommitteeID(committeeID)).Count(ctx)
		var err error
		m, err = tx.CommitteeMember.Create().SetCommitteeID(committeeID).SetPosition(committeemember.Position(in.Position)).
			SetNillableUserID(in.UserID).SetPersonName(in.PersonName).SetPersonTitle(in.PersonTitle).
			SetNillableOfficeUnitID(in.OfficeUnitID).SetOffice(in.Office).SetSort(n).SetValidFrom(in.From).Save(ctx)
		return err
	})
	return m, err
}

// endMember ends a membership and its assignments on day d; it returns the units the member
// was in charge of.
func endMember(ctx context.Context, c *ent.Client, m *ent.CommitteeMember, d time.Time) ([]int, error) {
	if !d.After(m.ValidFrom) {
		return nil, apperr.Invalid(map[string]string{"valid_to": "date_order"})
	}
	if err := c.CommitteeMember.UpdateOneID(m.ID).SetValidTo(d).Exec(ctx); err != nil {
		return nil, err
	}
	as, err := c.Assignment.Query().Where(assignment.MemberID(m.ID), assignment.ValidToIsNil()).All(ctx)
	if err != nil {
		return nil, err
	}
	var units []int
	for _, a := range as {
		if err := c.Assignment.UpdateOneID(a.ID).SetValidTo(d).Exec(ctx); err != nil {
			return nil, err
		}
		units = append(units, a.UnitID)
	}
	return units, nil
}

// EndMember records a member leaving on day d: their assignments end too. It returns the units
// now left without anyone in charge.
func (s *Service) EndMember(ctx context.Context, memberID int, d time.Time) ([]int, error) {
	var orphans []int
	err := db.InTx(ctx, s.db, func(tx *ent.Tx) error {
		m, err := tx.CommitteeMember.Get(ctx, memberID)
		if err != nil {
			return err
		}
		if m.ValidTo != nil {
			return apperr.Conflict("member_already_left", nil)
		}
		units, err := endMember(ctx, tx.Client(), m, d)
		if err != nil {
			return err
		}
		for _, u := range units {
			still, err := tx.Assignment.Query().Where(assignment.UnitID(u), assignment.ValidToIsNil()).Exist(ctx)
			if err != nil {
				return err
			}
			if !still {
				orphans = append(orphans, u)
			}
		}
		return nil
	})
	return orphans, err
}

// Members returns the committee's members on day d, by position then order.
func (s *Service) Members(ctx context.Context, committeeID int, d time.Time) ([]*ent.CommitteeMember, error) {
	ms, err := s.db.CommitteeMember.Query().Where(committeemember.CommitteeID(committeeID), committeemember.ValidFromLTE(d),
		committeemember.Or(committeemember.ValidToIsNil(), committeemember.ValidToGT(d))).All(ctx)
	if err != nil {
		return nil, err
	}
	slices.SortFunc(ms, func(a, b *ent.CommitteeMember) int {
		if pa, pb := slices.Index(entschema.Positions, string(a.Position)), slices.Index(entschema.Positions, string(b.Position)); pa != pb {
			return pa - pb
		}
		return a.Sort - b.Sort
	})
	return ms, nil
}

// Assign puts a member in charge of units from day d. By default (the province setting
// assignment.exclusive) a unit has one member in charge at a time: the previous assignment ends.
func (s *Service) Assign(ctx context.Context, memberID int, unitIDs []int, d time.Time) error {
	exclusive, err := s.settings.Bool(ctx, settings.AssignmentExclusive)
	if err != nil {
		return err
	}
	return db.InTx(ctx, s.db, func(tx *ent.Tx) error {
		m, err := tx.CommitteeMember.Get(ctx, memberID)
		if err != nil {
			return err
		}
		// Serialize assignments of one committee (exclusive assignment is check-then-act).
		if _, err := s.lockCommittee(ctx, tx, m.CommitteeID); err != nil {
			return err
		}
		if m.ValidTo != nil || d.Before(m.ValidFrom) {
			return apperr.Invalid(map[string]string{"valid_from": "member_not_active"})
		}
		for _, u := range unitIDs {
			if _, err := s.units.VersionOn(ctx, u, d); err != nil {
				return err
			}
			current, err := tx.Assignment.Query().Where(assignment.UnitID(u), assignment.ValidToIsNil()).All(ctx)
			if err != nil {
				return err
			}
			already := false
			for _, a := range current {
				switch {
				case a.MemberID == memberID:
					already = true
				case exclusive:
					if !d.After(a.ValidFrom) {
						return apperr.Invalid(map[string]string{"valid_from": "date_before_history"})
					}
					if err := tx.Assignment.UpdateOneID(a.ID).SetValidTo(d).Exec(ctx); err != nil {
						return err
					}
				}
			}
			if !already {
				if err := tx.Assignment.Create().SetMemberID(memberID).SetUnitID(u).SetValidFrom(d).Exec(ctx); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// SetAssignments makes unitIDs the units a member of the committee is in charge of from day
// d: the member's other assignments end on d, the new ones start on d (and, when assignments
// are exclusive, whoever else had those units stops on d). An assignment starting on d itself
// is a same-day correction: it is removed, not ended. All of it, or nothing, is written.
func (s *Service) SetAssignments(ctx context.Context, committeeID, memberID int, unitIDs []int, d time.Time) error {
	exclusive, err := s.settings.Bool(ctx, settings.AssignmentExclusive)
	if err != nil {
		return err
	}
	return db.InTx(ctx, s.db, func(tx *ent.Tx) error {
		if _, err := s.lockCommittee(ctx, tx, committeeID); err != nil {
			return err
		}
		m, err := tx.CommitteeMember.Query().Where(committeemember.ID(memberID), committeemember.CommitteeID(committeeID)).Only(ctx)
		if err != nil {
			return err
		}
		if (m.ValidTo != nil && !d.Before(*m.ValidTo)) || d.Before(m.ValidFrom) {
			return apperr.Invalid(map[string]string{"valid_from": "member_not_active"})
		}
		want := map[int]bool{}
		for _, u := range unitIDs {
			// The province's units only (another's are not found), existing on d.
			_, err := s.units.VersionOn(ctx, u, d)
			if ent.IsNotFound(err) || apperr.KindOf(err) == apperr.KindInvalid {
				return apperr.Invalid(map[string]string{"unit_ids": "unit_not_existing"})
			}
			if err != nil {
				return err
			}
			want[u] = true
		}
		// stop ends an open assignment on d, or removes it when it starts on d; one that starts
		// later cannot be rewritten from d.
		stop := func(a *ent.Assignment) error {
			switch {
			case a.ValidFrom.Equal(d):
				return tx.Assignment.DeleteOneID(a.ID).Exec(ctx)
			case a.ValidFrom.After(d):
				return apperr.Invalid(map[string]string{"valid_from": "date_before_history"})
			}
			return tx.Assignment.UpdateOneID(a.ID).SetValidTo(d).Exec(ctx)
		}
		// The member's assignments in force on d or later: open ones, and those already set to end
		// after d (a member due to leave).
		inForce := assignment.Or(assignment.ValidToIsNil(), assignment.ValidToGT(d))
		mine, err := tx.Assignment.Query().Where(assignment.MemberID(memberID), inForce).All(ctx)
		if err != nil {
			return err
		}
		for _, a := range mine {
			if want[a.UnitID] {
				delete(want, a.UnitID) // kept as it is
				continue
			}
			if err := stop(a); err != nil {
				return err
			}
		}
		for _, u := range unitIDs {
			if !want[u] {
				continue
			}
			delete(want, u) // a unit listed twice is added once
			if exclusive {
				others, err := tx.Assignment.Query().Where(assignment.UnitID(u), inForce, assignment.MemberIDNEQ(memberID)).All(ctx)
				if err != nil {
					return err
				}
				for _, a := range others {
					if err := stop(a); err != nil {
						return err
					}
				}
			}
			// A member due to leave is in charge until they leave, not beyond.
			if err := tx.Assignment.Create().SetMemberID(memberID).SetUnitID(u).SetValidFrom(d).SetNillableValidTo(m.ValidTo).Exec(ctx); err != nil {
				return err
			}
		}
		return nil
	})
}

// Unassign ends a member's assignment to a unit on day d.
func (s *Service) Unassign(ctx context.Context, memberID, unitID int, d time.Time) error {
	return db.InTx(ctx, s.db, func(tx *ent.Tx) error {
		n, err := tx.Assignment.Update().Where(assignment.MemberID(memberID), assignment.UnitID(unitID), assignment.ValidToIsNil(),
			assignment.ValidFromLT(d)).SetValidTo(d).Save(ctx)
		if err == nil && n == 0 {
			err = apperr.NotFound(nil)
		}
		return err
	})
}

// Matrix is who is in charge of which unit on a day.
type Matrix struct {
	Members []*ent.CommitteeMember
	Units   []unit.Node
	// InCharge maps unit id → member ids in charge.
	InCharge map[int][]int
	// Gaps are the units with nobody in charge.
	Gaps []int
}

// AssignmentMatrix returns the members × units matrix of a committee on day d.
func (s *Service) AssignmentMatrix(ctx context.Context, committeeID int, d time.Time) (*Matrix, error) {
	ms, err := s.Members(ctx, committeeID, d)
	if err != nil {
		return nil, err
	}
	nodes, err := s.units.AsOf(ctx, d, "")
	if err != nil {
		return nil, err
	}
	ids := make([]int, 0, len(ms))
	for _, m := range ms {
		ids = append(ids, m.ID)
	}
	as, err := s.db.Assignment.Query().Where(assignment.MemberIDIn(ids...), assignment.ValidFromLTE(d),
		assignment.Or(assignment.ValidToIsNil(), assignment.ValidToGT(d))).All(ctx)
	if err != nil {
		return nil, err
	}
	mx := &Matrix{Members: ms, Units: nodes, InCharge: map[int][]int{}}
	for _, a := range as {
		mx.InCharge[a.UnitID] = append(mx.InCharge[a.UnitID], a.MemberID)
	}
	for _, n := range nodes {
		if n.Version.Type == "province" {
			continue // the root is the committee's own level
		}
		if len(mx.InCharge[n.Unit.ID]) == 0 {
			mx.Gaps = append(mx.Gaps, n.Unit.ID)
		}
	}
	return mx, nil
}
