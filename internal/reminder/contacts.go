package reminder

import (
	"context"
	"fmt"
	"strings"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/ent/assignment"
	"github.com/danvan-vn/danvan/ent/committee"
	"github.com/danvan-vn/danvan/ent/committeemember"
	"github.com/danvan-vn/danvan/ent/unitversion"
	"github.com/danvan-vn/danvan/ent/user"
	"github.com/danvan-vn/danvan/internal/calendar"
)

// contact is one person a reminder may go to.
type contact struct {
	Role   string
	UserID int
	Email  string
	Name   string
	Locale string
}

func (c contact) reachable() bool { return c.UserID > 0 || c.Email != "" }

// unitInfo is a unit as it stands on the sweep's day.
type unitInfo struct {
	Name            string
	Officer, Leader contact
}

// directory is who is who in the province on one day, read in a few bulk queries: the units'
// versions, the committee's assignments and members, and the users they name.
type directory struct {
	units   map[int]unitInfo
	members map[int][]contact // unit id → members in charge
	agency  []contact         // the standing agency's head
}

// loadDirectory reads the province's directory as it stands on day.
func loadDirectory(ctx context.Context, c *ent.Client, day calendar.Date) (*directory, error) {
	d := day.UTC()
	// Every unit's latest version that began on or before day (a unit dissolved since keeps its
	// last contacts: its report may still be open).
	vs, err := c.UnitVersion.Query().Where(unitversion.ValidFromLTE(d)).
		Select(unitversion.FieldUnitID, unitversion.FieldValidFrom, unitversion.FieldName,
			unitversion.FieldOfficerName, unitversion.FieldOfficerEmail, unitversion.FieldOfficerUserID,
			unitversion.FieldLeaderName, unitversion.FieldLeaderEmail, unitversion.FieldLeaderUserID).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("reminder: unit versions: %w", err)
	}
	latest := map[int]*ent.UnitVersion{}
	for _, v := range vs {
		if l := latest[v.UnitID]; l == nil || v.ValidFrom.After(l.ValidFrom) {
			latest[v.UnitID] = v
		}
	}
	// The province's active committees and their standing agency.
	cs, err := c.Committee.Query().Where(committee.LevelEQ(committee.LevelProvince), committee.Active(true)).
		Order(ent.Asc(committee.FieldID)).Select(committee.FieldID, committee.FieldStandingAgencyID).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("reminder: committees: %w", err)
	}
	cids := make([]int, 0, len(cs))
	agencyUnit := 0
	for _, cm := range cs {
		cids = append(cids, cm.ID)
		if agencyUnit == 0 && cm.StandingAgencyID != nil {
			agencyUnit = *cm.StandingAgencyID
		}
	}
	var as []*ent.Assignment
	var ms []*ent.CommitteeMember
	if len(cids) > 0 {
		if as, err = c.Assignment.Query().Where(assignment.ValidFromLTE(d),
			assignment.Or(assignment.ValidToIsNil(), assignment.ValidToGT(d))).
			Select(assignment.FieldMemberID, assignment.FieldUnitID).All(ctx); err != nil {
			return nil, fmt.Errorf("reminder: assignments: %w", err)
		}
		if ms, err = c.CommitteeMember.Query().Where(committeemember.CommitteeIDIn(cids...), committeemember.ValidFromLTE(d),
			committeemember.Or(committeemember.ValidToIsNil(), committeemember.ValidToGT(d)), committeemember.UserIDNotNil()).
			Order(ent.Asc(committeemember.FieldSort), ent.Asc(committeemember.FieldID)).
			Select(committeemember.FieldID, committeemember.FieldUserID, committeemember.FieldPersonName).All(ctx); err != nil {
			return nil, fmt.Errorf("reminder: committee members: %w", err)
		}
	}
	// The users named, in one query.
	var uids []int
	for _, v := range latest {
		if v.OfficerUserID != nil {
			uids = append(uids, *v.OfficerUserID)
		}
		if v.LeaderUserID != nil {
			uids = append(uids, *v.LeaderUserID)
		}
	}
	for _, m := range ms {
		uids = append(uids, *m.UserID)
	}
	users := map[int]*ent.User{}
	if err := inChunks(uniq(uids), func(ids []int) error {
		us, err := c.User.Query().Where(user.IDIn(ids...), user.Active(true)).
			Select(user.FieldID, user.FieldEmail, user.FieldFullName, user.FieldLocale).All(ctx)
		for _, u := range us {
			users[u.ID] = u
		}
		return err
	}); err != nil {
		return nil, fmt.Errorf("reminder: users: %w", err)
	}

	person := func(role string, uid *int, name, email string) contact {
		ct := contact{Role: role, Name: strings.TrimSpace(name), Email: strings.ToLower(strings.TrimSpace(email))}
		if uid != nil {
			if u := users[*uid]; u != nil {
				ct.UserID, ct.Locale = u.ID, u.Locale
				if ct.Email == "" {
					ct.Email = u.Email
				}
				if ct.Name == "" {
					ct.Name = u.FullName
				}
			}
		}
		return ct
	}
	dir := &directory{units: make(map[int]unitInfo, len(latest)), members: map[int][]contact{}}
	for id, v := range latest {
		dir.units[id] = unitInfo{Name: v.Name,
			Officer: person(RoleOfficer, v.OfficerUserID, v.OfficerName, v.OfficerEmail),
			Leader:  person(RoleLeader, v.LeaderUserID, v.LeaderName, v.LeaderEmail)}
	}
	memberByID := map[int]contact{}
	for _, m := range ms {
		if u := users[*m.UserID]; u != nil {
			memberByID[m.ID] = contact{Role: RoleMember, UserID: u.ID, Email: u.Email, Name: m.PersonName, Locale: u.Locale}
		}
	}
	for _, a := range as {
		if m, ok := memberByID[a.MemberID]; ok {
			dir.members[a.UnitID] = append(dir.members[a.UnitID], m)
		}
	}
	if u, ok := dir.units[agencyUnit]; ok && agencyUnit > 0 {
		h := u.Leader
		h.Role = RoleAgencyHead
		dir.agency = []contact{h}
	}
	return dir, nil
}

// recipients returns who a target's step goes to for a subject of unit unitID, the same person
// once (by account or by address); unreachable people are returned too (Preview shows them as
// "no contact"), with reachable false.
func (d *directory) recipients(target string, unitID int) []contact {
	var cs []contact
	switch target {
	case TargetUnit:
		u, ok := d.units[unitID]
		if !ok {
			u.Officer.Role, u.Leader.Role = RoleOfficer, RoleLeader
		}
		cs = []contact{u.Officer, u.Leader}
	case TargetMember:
		cs = d.members[unitID]
		if len(cs) == 0 {
			cs = []contact{{Role: RoleMember}}
		}
	case TargetAgencyHead:
		cs = d.agency
		if len(cs) == 0 {
			cs = []contact{{Role: RoleAgencyHead}}
		}
	}
	out := make([]contact, 0, len(cs))
	seenUser, seenMail := map[int]bool{}, map[string]bool{}
	anyReachable := false
	for _, c := range cs {
		if !c.reachable() {
			continue
		}
		if (c.UserID > 0 && seenUser[c.UserID]) || (c.Email != "" && seenMail[c.Email]) {
			continue
		}
		seenUser[c.UserID], seenMail[c.Email] = true, true
		out = append(out, c)
		anyReachable = true
	}
	if !anyReachable && len(cs) > 0 {
		out = append(out, cs[0]) // no contact: shown by Preview, never decided
	}
	return out
}
