package seed

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"slices"
	"strings"
	"time"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/internal/apperr"
	"github.com/danvan-vn/danvan/internal/calendar"
	"github.com/danvan-vn/danvan/internal/committee"
	"github.com/danvan-vn/danvan/internal/regime"
	"github.com/danvan-vn/danvan/internal/settings"
	"github.com/danvan-vn/danvan/internal/unit"
)

// Deps are the services FillProvince fills a province with.
type Deps struct {
	Units      *unit.Service
	Committees *committee.Service
	Regimes    *regime.Service
	Settings   *settings.Service
	Work       *Work    // directives, plans and tasks; nil leaves them out
	Reports    *Reports // periodic reports; nil leaves them out
	Reminders  Sweeper  // the reminder engine: a sweep at the end; nil leaves it out
}

// Dates of the seed history.
var (
	oldFrom = calendar.NewDate(2015, 1, 1).UTC() // pre-2025 units exist from here in the demo (the 2019 letters address them)
	reform  = calendar.NewDate(2025, 7, 1).UTC() // two-tier local government, merged provinces
)

// CalendarYears are the years whose official holidays a seeded province gets.
var CalendarYears = []int{2025, 2026, 2027}

// FillProvince fills the province slug (one of Provinces) with its demo configuration: units with
// their history, the steering committee with members and assignments, reporting regimes, the
// calendar and the letterhead. ctx carries a system viewer acting in that province. It is
// idempotent: what exists (by unit code, committee name, member position and name, regime
// name) is left as it is, and settings an admin has changed are not overwritten.
func FillProvince(ctx context.Context, d Deps, slug string) error {
	p := provinceData(slug)
	if p == nil {
		return fmt.Errorf("seed: no province data for %q", slug)
	}
	if err := p.check(); err != nil {
		return fmt.Errorf("seed: province data %s: %w", slug, err)
	}
	s := &seeder{ctx: ctx, d: d, p: p, ids: map[string]int{}}
	for _, step := range []struct {
		name string
		run  func() error
	}{{"units", s.units}, {"committee", s.committee}, {"regimes", s.regimes}, {"calendar", s.calendar}, {"settings", s.settings}, {"work", s.work}, {"reports", s.reports},
		{"reminders", s.reminders}} {
		if err := step.run(); err != nil {
			return fmt.Errorf("seed: %s: %s: %w", slug, step.name, err)
		}
	}
	return nil
}

type seeder struct {
	ctx context.Context
	d   Deps
	p   *province
	ids map[string]int // unit code → id
}

// existing returns the id of the unit with code, or 0 when there is none.
func (s *seeder) existing(code string) (int, error) {
	u, err := s.d.Units.ByCode(s.ctx, code)
	switch {
	case apperr.KindOf(err) == apperr.KindNotFound:
		return 0, nil
	case err != nil:
		return 0, err
	}
	s.ids[code] = u.ID
	return u.ID, nil
}

// parent resolves a row's parent code: "" is the province root, noParent none.
func (s *seeder) parent(r unitRow, root string) *int {
	code := r.Parent
	switch code {
	case noParent:
		return nil
	case "":
		code = root
	}
	id := s.ids[code]
	return &id
}

// ensure creates the unit of row r from day from unless its code exists.
func (s *seeder) ensure(r unitRow, from time.Time, parent *int) error {
	if id, err := s.existing(r.Code); err != nil || id != 0 {
		return err
	}
	u, err := s.d.Units.Create(s.ctx, r.Code, from, s.p.attrs(r, parent))
	if err != nil {
		return fmt.Errorf("unit %s: %w", r.Code, err)
	}
	s.ids[r.Code] = u.ID
	return nil
}

func (s *seeder) units() error {
	p := s.p
	// Before 1/7/2025: the province (or the provinces that merged into it) and its districts.
	olds := p.Joined
	if len(olds) == 0 {
		olds = []unitRow{p.Root}
	}
	for _, r := range olds {
		if err := s.ensure(r, oldFrom, nil); err != nil {
			return err
		}
	}
	for _, dist := range p.Districts {
		if err := s.ensure(dist.unitRow, oldFrom, s.parent(dist.unitRow, olds[0].Code)); err != nil {
			return err
		}
		for _, c := range dist.Communes {
			if err := s.ensure(c.unitRow, oldFrom, s.parent(c.unitRow, dist.Code)); err != nil {
				return err
			}
		}
	}
	sources := map[string][]string{}
	for _, dist := range p.Districts {
		for _, c := range dist.Communes {
			sources[c.Into] = append(sources[c.Into], c.Code)
		}
	}
	// A province that kept its name kept its departments and partners across the reform: they
	// exist from the start of the demo's history (its 2019 letters address them), under the
	// old province's committee, and the merger below moves them under the new one. A province
	// that took another's name (Hòa Bình into Phú Thọ) gets the new province's from the reform.
	if len(p.Joined) == 0 || p.Joined[0].Name == p.Root.Name {
		for _, r := range p.Units {
			if r.Type == xa || len(sources[r.Code]) > 0 {
				continue
			}
			if err := s.ensure(r, oldFrom, s.parent(r, olds[0].Code)); err != nil {
				return err
			}
		}
	}
	// 1/7/2025: the merged province takes over.
	if len(p.Joined) > 0 {
		id, err := s.existing(p.Root.Code)
		if err != nil {
			return err
		}
		if id == 0 {
			var old []int
			for _, r := range p.Joined {
				old = append(old, s.ids[r.Code])
			}
			u, err := s.d.Units.Merge(s.ctx, old, reform, p.Root.Code, p.attrs(p.Root, nil), p.MergeNote)
			if err != nil {
				return fmt.Errorf("merge into %s: %w", p.Root.Code, err)
			}
			s.ids[p.Root.Code] = u.ID
		}
	}
	// The post-reform units; communes formed from old ones are merges.
	for _, r := range p.Units {
		from := sources[r.Code]
		if len(from) == 0 {
			if err := s.ensure(r, reform, s.parent(r, p.Root.Code)); err != nil {
				return err
			}
			continue
		}
		if id, err := s.existing(r.Code); err != nil {
			return err
		} else if id != 0 {
			continue
		}
		var old []int
		for _, c := range from {
			old = append(old, s.ids[c])
		}
		u, err := s.d.Units.Merge(s.ctx, old, reform, r.Code, p.attrs(r, s.parent(r, p.Root.Code)), p.CommuneNote)
		if err != nil {
			return fmt.Errorf("merge into %s: %w", r.Code, err)
		}
		s.ids[r.Code] = u.ID
	}
	// The districts end with the district level.
	for _, dist := range p.Districts {
		u, err := s.d.Units.ByCode(s.ctx, dist.Code)
		if err != nil {
			return err
		}
		if u.ValidTo != nil {
			continue
		}
		if err := s.d.Units.Dissolve(s.ctx, u.ID, reform, districtNote); err != nil {
			return fmt.Errorf("dissolve %s: %w", dist.Code, err)
		}
	}
	return nil
}

func (s *seeder) committee() error {
	p, cd := s.p, s.p.Committee
	list, err := s.d.Committees.List(s.ctx)
	if err != nil {
		return err
	}
	var cid int
	for _, c := range list {
		if c.Name == cd.Name {
			cid = c.ID
		}
	}
	if cid == 0 {
		root, standing, date := s.ids[p.Root.Code], s.ids[p.Standing], cd.DecisionDate
		c, err := s.d.Committees.Create(s.ctx, committee.Input{Name: cd.Name, Level: "province", UnitID: &root,
			StandingAgencyID: &standing, TermLabel: cd.Term, DecisionNumber: cd.DecisionNumber, DecisionDate: &date})
		if err != nil {
			return err
		}
		cid = c.ID
	}
	current, err := s.d.Committees.Members(s.ctx, cid, cd.DecisionDate)
	if err != nil {
		return err
	}
	memberIDs := make([]int, len(cd.Members))
	for i, m := range cd.Members {
		name, title := p.person(m)
		for _, c := range current {
			if string(c.Position) == m.Position && c.PersonName == name {
				memberIDs[i] = c.ID
			}
		}
		if memberIDs[i] != 0 {
			continue
		}
		office := s.ids[m.Office]
		cm, err := s.d.Committees.AddMember(s.ctx, cid, committee.MemberInput{Position: m.Position, PersonName: name,
			PersonTitle: title, OfficeUnitID: &office, Office: p.unit(m.Office).Name, From: cd.DecisionDate})
		if err != nil {
			return fmt.Errorf("member %s: %w", name, err)
		}
		memberIDs[i] = cm.ID
	}
	mx, err := s.d.Committees.AssignmentMatrix(s.ctx, cid, cd.DecisionDate)
	if err != nil {
		return err
	}
	for i, m := range cd.Members {
		var todo []int
		for _, code := range m.Units {
			if id := s.ids[code]; len(mx.InCharge[id]) == 0 { // someone in charge already: leave it
				todo = append(todo, id)
			}
		}
		if len(todo) == 0 {
			continue
		}
		if err := s.d.Committees.Assign(s.ctx, memberIDs[i], todo, cd.DecisionDate); err != nil {
			return fmt.Errorf("assign %s: %w", strings.Join(m.Units, ","), err)
		}
	}
	return nil
}

func (s *seeder) regimes() error {
	list, err := s.d.Regimes.List(s.ctx)
	if err != nil {
		return err
	}
	standing := s.ids[s.p.Standing]
	for _, r := range s.p.Regimes {
		if slices.ContainsFunc(list, func(e *ent.ReportingRegime) bool {
			return e.Name == r.Name || e.Name == strings.Replace(r.Name, "6 tháng", "6 tháng đầu năm", 1)
		}) {
			continue // seeded before, perhaps under the name an earlier seed gave it
		}
		if _, err := s.d.Regimes.Create(s.ctx, regime.Input{Name: r.Name, Frequency: r.Frequency, DeadlineRule: r.Rule,
			Shift: "previous_working_day", ReportingUnitTypes: r.Types, ReceivingUnitID: &standing,
			ReminderOffsets: []int{-7, -3, -1, 1, 3}, Content: r.Content, Active: true}); err != nil {
			return fmt.Errorf("regime %q: %w", r.Name, err)
		}
	}
	return nil
}

func (s *seeder) calendar() error {
	for _, y := range CalendarYears {
		if _, _, err := s.d.Regimes.SeedYear(s.ctx, y); err != nil {
			return fmt.Errorf("holidays %d: %w", y, err)
		}
	}
	return nil
}

// settings fills the letterhead where the province still has the default value.
func (s *seeder) settings() error {
	all, err := s.d.Settings.All(s.ctx)
	if err != nil {
		return err
	}
	set := map[string]string{}
	for k, v := range s.p.Letterhead {
		if all[k] != v && all[k] == settings.Defaults[k] {
			set[k] = v
		}
	}
	if len(set) == 0 {
		return nil
	}
	return s.d.Settings.Set(s.ctx, set)
}

// attrs are a row's unit attributes: titles by code or type, the officer's phone and e-mail.
func (p *province) attrs(r unitRow, parent *int) unit.Attrs {
	t := titlesOf(r)
	return unit.Attrs{Name: r.Name, ShortName: t.Short, Type: r.Type, ParentID: parent,
		LeaderName: r.Leader, LeaderTitle: t.Leader, OfficerName: r.Officer, OfficerTitle: t.Officer,
		OfficerPhone: phone(p.Slug, r.Code), OfficerEmail: email(p.Slug, r.Code)}
}

// titlesOf returns a row's short name and the titles of its leader and officer.
func titlesOf(r unitRow) titles {
	if t, ok := titlesByCode[r.Code]; ok {
		return t
	}
	switch r.Type {
	case "commune", "district": // "UBND xã Diễn Châu" → "Chủ tịch UBND xã Diễn Châu"
		return titles{Leader: "Chủ tịch " + r.Name, Officer: "Chánh Văn phòng HĐND và " + r.Name}
	}
	return titlesByType[r.Type]
}

// email is the dân vận officer's address: dvcq.<code>@<slug>.gov.vn.
func email(slug, code string) string {
	return "dvcq." + strings.ToLower(strings.NewReplacer("-", "", ".", "", "_", "").Replace(code)) + "@" + slug + ".gov.vn"
}

// phone is a stable, plausible mobile number for a unit's officer.
func phone(slug, code string) string {
	h := fnv.New32a()
	_, _ = h.Write([]byte(slug + "/" + code))
	n := h.Sum32()
	prefixes := []string{"0912", "0913", "0915", "0919", "0983", "0985", "0988", "0945", "0968", "0977", "0362", "0389"}
	rest := (n / uint32(len(prefixes))) % 1000000
	return fmt.Sprintf("%s %03d %03d", prefixes[n%uint32(len(prefixes))], rest/1000, rest%1000)
}

// unit returns the row of a code among the province's units (nil when unknown).
func (p *province) unit(code string) *unitRow {
	all := append(append([]unitRow{p.Root}, p.Joined...), p.Units...)
	for _, d := range p.Districts {
		all = append(all, d.unitRow)
		for _, c := range d.Communes {
			all = append(all, c.unitRow)
		}
	}
	for i := range all {
		if all[i].Code == code {
			return &all[i]
		}
	}
	return nil
}

// person returns a member's name and title; the name defaults to the office's leader.
func (p *province) person(m memberRow) (string, string) {
	if m.Person != "" {
		return m.Person, m.Title
	}
	return p.unit(m.Office).Leader, m.Title
}

// check validates a province's data: unique codes, parents defined before their children, every
// merge target and office known, one head, and every post-reform unit but the root assigned to
// exactly one member.
func (p *province) check() error {
	var errs []error
	seen := map[string]bool{}
	add := func(r unitRow, parentDefault string) {
		switch {
		case !unit.ValidCode(r.Code):
			errs = append(errs, fmt.Errorf("bad code %q", r.Code))
		case seen[r.Code]:
			errs = append(errs, fmt.Errorf("code %s twice", r.Code))
		}
		if r.Name == "" || r.Leader == "" || r.Officer == "" {
			errs = append(errs, fmt.Errorf("unit %s: name, leader and officer are required", r.Code))
		}
		if parent := orDefault(r.Parent, parentDefault); parent != noParent && !seen[parent] {
			errs = append(errs, fmt.Errorf("unit %s: parent %s is not defined before it", r.Code, parent))
		}
		seen[r.Code] = true
	}
	olds := p.Joined
	if len(olds) == 0 {
		olds = []unitRow{p.Root}
	}
	for _, r := range olds {
		add(r, noParent)
	}
	for _, d := range p.Districts {
		add(d.unitRow, olds[0].Code)
		for _, c := range d.Communes {
			add(c.unitRow, d.Code)
		}
	}
	if len(p.Joined) > 0 {
		add(p.Root, noParent)
	}
	current := map[string]bool{}
	for _, r := range p.Units {
		add(r, p.Root.Code)
		current[r.Code] = true
	}
	for _, d := range p.Districts {
		for _, c := range d.Communes {
			if !current[c.Into] {
				errs = append(errs, fmt.Errorf("commune %s merges into unknown %s", c.Code, c.Into))
			}
		}
	}
	if !current[p.Standing] {
		errs = append(errs, fmt.Errorf("standing agency %s unknown", p.Standing))
	}
	heads := 0
	inCharge := map[string]int{}
	for _, m := range p.Committee.Members {
		if m.Position == "head" {
			heads++
		}
		if o := p.unit(m.Office); o == nil || (!current[m.Office] && m.Office != p.Root.Code) {
			errs = append(errs, fmt.Errorf("member office %s unknown", m.Office))
		} else if name, _ := p.person(m); name == "" || m.Title == "" {
			errs = append(errs, fmt.Errorf("member at %s: name and title are required", m.Office))
		}
		for _, u := range m.Units {
			if !current[u] {
				errs = append(errs, fmt.Errorf("assignment to unknown unit %s", u))
			}
			inCharge[u]++
		}
	}
	if heads != 1 {
		errs = append(errs, fmt.Errorf("%d heads, want 1", heads))
	}
	for _, r := range p.Units {
		if n := inCharge[r.Code]; n != 1 {
			errs = append(errs, fmt.Errorf("unit %s has %d members in charge, want 1", r.Code, n))
		}
	}
	return errors.Join(errs...)
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
