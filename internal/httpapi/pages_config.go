package httpapi

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/danvan-vn/danvan/ent"
	entschema "github.com/danvan-vn/danvan/ent/schema"
	"github.com/danvan-vn/danvan/ent/unitversion"
	"github.com/danvan-vn/danvan/internal/calendar"
	"github.com/danvan-vn/danvan/internal/regime"
	"github.com/danvan-vn/danvan/internal/settings"
	"github.com/danvan-vn/danvan/internal/unit"
	"github.com/danvan-vn/danvan/internal/web"
)

func dmy(t time.Time) string { return t.Format("02/01/2006") }

// unitOptions lists the units of day d for selects, and their names by id.
func (s *Server) unitOptions(ctx context.Context, d time.Time) ([]web.UnitOption, map[int]string, error) {
	nodes, err := s.app.Units.AsOf(ctx, d, "")
	if err != nil {
		return nil, nil, err
	}
	opts := make([]web.UnitOption, 0, len(nodes))
	names := map[int]string{}
	for _, n := range nodes {
		opts = append(opts, web.UnitOption{ID: n.Unit.ID, Code: n.Unit.Code, Name: n.Version.Name})
		names[n.Unit.ID] = n.Version.Name
	}
	return opts, names, nil
}

func nodeVM(n unit.Node) web.UnitNodeVM {
	v := n.Version
	return web.UnitNodeVM{ID: n.Unit.ID, Code: n.Unit.Code, Name: v.Name, ShortName: v.ShortName, Type: string(v.Type),
		Officer: web.PersonVM{Name: v.OfficerName, Title: v.OfficerTitle, Phone: v.OfficerPhone, Email: v.OfficerEmail}}
}

func treeVM(ts []*unit.TreeNode) []web.UnitNodeVM {
	out := make([]web.UnitNodeVM, 0, len(ts))
	for _, t := range ts {
		n := nodeVM(t.Node)
		n.Children = treeVM(t.Children)
		out = append(out, n)
	}
	return out
}

// --- units ---

func (s *Server) unitsData(c echo.Context, p *web.UnitsPage) error {
	ctx := c.Request().Context()
	d, err := dayParam(c.QueryParam("date"), "date")
	if err != nil {
		d = calendar.Today().UTC()
		p.Errors = map[string]string{"date": "field.date"}
	}
	p.Date, p.Query, p.Types = dmy(d), c.QueryParam("q"), entschema.UnitTypes
	if p.Query != "" {
		nodes, err := s.app.Units.AsOf(ctx, d, p.Query)
		if err != nil {
			return err
		}
		for _, n := range nodes {
			p.Results = append(p.Results, nodeVM(n))
		}
		p.Count = len(nodes)
	} else {
		tree, err := s.app.Units.Tree(ctx, d)
		if err != nil {
			return err
		}
		p.Tree = treeVM(tree)
	}
	opts, _, err := s.unitOptions(ctx, d)
	if err != nil {
		return err
	}
	if p.Query == "" {
		p.Count = len(opts)
	}
	p.Parents = opts
	return nil
}

func (s *Server) unitsPage(c echo.Context) error {
	p := web.UnitsPage{Page: s.page(c, "units.title")}
	if err := s.unitsData(c, &p); err != nil {
		return err
	}
	return s.html(c, http.StatusOK, "units", p)
}

func (s *Server) unitsCreate(c echo.Context) error {
	in, d, err := s.bindUnit(c)
	if err == nil {
		var u *ent.Unit
		if u, err = s.app.Units.Create(c.Request().Context(), in.Code, d, in.attrs()); err == nil {
			return c.Redirect(http.StatusSeeOther, provinceURL(c, "/units/"+strconv.Itoa(u.ID)+"?done=units_created"))
		}
	}
	fields, ok := fieldKeys(err)
	if !ok {
		return err
	}
	p := web.UnitsPage{Page: s.page(c, "units.title"), Errors: fields, Form: web.UnitForm{Code: in.Code, Name: in.Name,
		ShortName: in.ShortName, Type: in.Type, Date: in.Date, Address: in.Address, ParentID: derefInt(in.ParentID),
		Leader:  web.PersonVM{Name: in.LeaderName, Title: in.LeaderTitle, Phone: in.LeaderPhone, Email: in.LeaderEmail},
		Officer: web.PersonVM{Name: in.OfficerName, Title: in.OfficerTitle, Phone: in.OfficerPhone, Email: in.OfficerEmail}}}
	if err := s.unitsData(c, &p); err != nil {
		return err
	}
	return s.html(c, http.StatusUnprocessableEntity, "units", p)
}

func derefInt(p *int) int {
	if p == nil {
		return 0
	}
	return *p
}

func versionVM(v *ent.UnitVersion, names map[int]string) web.VersionVM {
	vm := web.VersionVM{ValidFrom: v.ValidFrom, ValidTo: v.ValidTo, Change: v.Change, Name: v.Name, ShortName: v.ShortName,
		Type: string(v.Type), Address: v.Address,
		Leader:  web.PersonVM{Name: v.LeaderName, Title: v.LeaderTitle, Phone: v.LeaderPhone, Email: v.LeaderEmail},
		Officer: web.PersonVM{Name: v.OfficerName, Title: v.OfficerTitle, Phone: v.OfficerPhone, Email: v.OfficerEmail}}
	if v.ParentID != nil {
		vm.ParentID, vm.ParentName = *v.ParentID, names[*v.ParentID]
	}
	return vm
}

func (s *Server) unitData(c echo.Context, p *web.UnitPage) error {
	ctx := c.Request().Context()
	id, err := idParam(c)
	if err != nil {
		return err
	}
	h, err := s.app.Units.HistoryOf(ctx, id)
	if err != nil {
		return err
	}
	d, err := dayParam(c.QueryParam("date"), "date")
	if err != nil {
		return err
	}
	p.ID, p.Code, p.ExistsFrom, p.ExistsTo, p.Types, p.Date = h.Unit.ID, h.Unit.Code, h.Unit.ValidFrom, h.Unit.ValidTo, entschema.UnitTypes, dmy(d)
	// Names of the units the history mentions (parents, merges), whenever they existed.
	ids := []int{h.Unit.ID}
	if h.Unit.SuccessorID != nil {
		ids = append(ids, *h.Unit.SuccessorID)
	}
	for _, v := range h.Versions {
		if v.ParentID != nil {
			ids = append(ids, *v.ParentID)
		}
	}
	for _, e := range h.Events {
		ids = append(append(ids, e.UnitID), e.FromUnitIds...)
	}
	all, err := s.app.DB.Client.UnitVersion.Query().Where(unitversion.UnitIDIn(ids...)).Order(ent.Asc(unitversion.FieldID)).All(ctx)
	if err != nil {
		return err
	}
	names := map[int]string{}
	for _, v := range all {
		names[v.UnitID] = v.Name // newest wins as versions come in order of id
	}
	for _, v := range h.Versions {
		vm := versionVM(v, names)
		p.Versions = append(p.Versions, vm)
		if !v.ValidFrom.After(d) && (v.ValidTo == nil || v.ValidTo.After(d)) {
			p.Current = vm
		}
	}
	if p.Current.Name == "" && len(p.Versions) > 0 {
		p.Current = p.Versions[len(p.Versions)-1]
	}
	if h.Unit.SuccessorID != nil {
		p.Successor = &web.UnitOption{ID: *h.Unit.SuccessorID, Name: names[*h.Unit.SuccessorID]}
	}
	for _, e := range h.Events {
		ev := web.UnitEventVM{Kind: string(e.Kind), Date: e.Date, Note: e.Note}
		for _, f := range e.FromUnitIds {
			ev.Units = append(ev.Units, web.UnitOption{ID: f, Name: names[f]})
		}
		if e.Kind == "merge" {
			ev.Into = &web.UnitOption{ID: e.UnitID, Name: names[e.UnitID]}
		}
		p.Events = append(p.Events, ev)
	}
	opts, _, err := s.unitOptions(ctx, d)
	if err != nil {
		return err
	}
	for _, o := range opts {
		if o.ID != id {
			p.Parents = append(p.Parents, o)
			p.Others = append(p.Others, o)
		}
	}
	return nil
}

func (s *Server) unitPage(c echo.Context) error {
	p := web.UnitPage{Page: s.page(c, "unit.title")}
	if err := s.unitData(c, &p); err != nil {
		return err
	}
	return s.html(c, http.StatusOK, "unit", p)
}

func (s *Server) unitFormResult(c echo.Context, err error, id int, done string) error {
	if err == nil {
		return c.Redirect(http.StatusSeeOther, provinceURL(c, "/units/"+strconv.Itoa(id)+"?done="+done))
	}
	fields, ok := fieldKeys(err)
	if !ok {
		return err
	}
	p := web.UnitPage{Page: s.page(c, "unit.title"), Errors: fields}
	if derr := s.unitData(c, &p); derr != nil {
		return derr
	}
	return s.html(c, http.StatusUnprocessableEntity, "unit", p)
}

func (s *Server) unitChange(c echo.Context) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	in, d, err := s.bindUnit(c)
	if err == nil {
		if in.Kind == "" {
			in.Kind = "update"
		}
		err = s.app.Units.Change(c.Request().Context(), id, d, in.attrs(), in.Kind)
	}
	return s.unitFormResult(c, err, id, "units_changed")
}

func (s *Server) unitDissolve(c echo.Context) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	in, d, err := s.bindUnit(c)
	if err == nil {
		err = s.app.Units.Dissolve(c.Request().Context(), id, d, in.Note)
	}
	return s.unitFormResult(c, err, id, "units_dissolved")
}

func (s *Server) unitsMerge(c echo.Context) error {
	in, d, err := s.bindUnit(c)
	if err != nil {
		return err
	}
	u, err := s.app.Units.Merge(c.Request().Context(), in.UnitIDs, d, in.Code, in.attrs(), in.Note)
	if err != nil {
		if _, ok := fieldKeys(err); ok && len(in.UnitIDs) > 0 {
			c.SetParamNames(append(c.ParamNames(), "id")...)
			c.SetParamValues(append(c.ParamValues(), strconv.Itoa(in.UnitIDs[0]))...)
			return s.unitFormResult(c, err, in.UnitIDs[0], "")
		}
		return err
	}
	return c.Redirect(http.StatusSeeOther, provinceURL(c, "/units/"+strconv.Itoa(u.ID)+"?done=units_merged"))
}

func (s *Server) importPage(c echo.Context) error {
	return s.html(c, http.StatusOK, "units_import", web.ImportPage{Page: s.page(c, "import.title")})
}

func (s *Server) importSubmit(c echo.Context) error {
	p := web.ImportPage{Page: s.page(c, "import.title")}
	if fh, err := c.FormFile("file"); err == nil {
		p.FileName = fh.Filename
	}
	res, err := s.importUnits(c)
	if err != nil {
		var ie *unit.ImportError
		if asImport(err, &ie) {
			for _, r := range ie.Rows {
				p.Rows = append(p.Rows, web.ImportRowVM{Row: r.Row, Column: r.Column, Reason: "field." + r.Reason, Value: r.Value})
			}
			return s.html(c, http.StatusUnprocessableEntity, "units_import", p)
		}
		fields, ok := fieldKeys(err)
		if !ok {
			return err
		}
		p.Errors = fields
		return s.html(c, http.StatusUnprocessableEntity, "units_import", p)
	}
	p.Done, p.Created, p.Updated, p.Unchanged = true, res.Created, res.Updated, res.Unchanged
	return s.html(c, http.StatusOK, "units_import", p)
}

// --- committees ---

func (s *Server) committeeVM(c *ent.Committee, names map[int]string) web.CommitteeVM {
	vm := web.CommitteeVM{ID: c.ID, Name: c.Name, Level: string(c.Level), TermLabel: c.TermLabel, DecisionNumber: c.DecisionNumber,
		DecisionDate: c.DecisionDate, DecisionFile: c.DecisionFileName}
	if c.UnitID != nil {
		vm.UnitName = names[*c.UnitID]
	}
	if c.StandingAgencyID != nil {
		vm.StandingAgency = names[*c.StandingAgencyID]
	}
	return vm
}

func committeeForm(c *ent.Committee) web.CommitteeForm {
	f := web.CommitteeForm{Name: c.Name, Level: string(c.Level), TermLabel: c.TermLabel, DecisionNumber: c.DecisionNumber,
		UnitID: derefInt(c.UnitID), StandingAgencyID: derefInt(c.StandingAgencyID)}
	if c.DecisionDate != nil {
		f.DecisionDate = dmy(*c.DecisionDate)
	}
	return f
}

func (s *Server) committeesData(c echo.Context, p *web.CommitteesPage) error {
	ctx := c.Request().Context()
	opts, names, err := s.unitOptions(ctx, calendar.Today().UTC())
	if err != nil {
		return err
	}
	p.Units = opts
	cs, err := s.app.Committees.List(ctx)
	if err != nil {
		return err
	}
	for _, x := range cs {
		p.Committees = append(p.Committees, s.committeeVM(x, names))
	}
	return nil
}

func (s *Server) committeesPage(c echo.Context) error {
	p := web.CommitteesPage{Page: s.page(c, "committees.title")}
	if err := s.committeesData(c, &p); err != nil {
		return err
	}
	return s.html(c, http.StatusOK, "committees", p)
}

func (s *Server) committeesCreate(c echo.Context) error {
	var r committeeRequest
	err := bind(c, &r)
	if err == nil {
		in, ierr := r.input()
		if err = ierr; err == nil {
			var x *ent.Committee
			if x, err = s.app.Committees.Create(c.Request().Context(), in); err == nil {
				return c.Redirect(http.StatusSeeOther, provinceURL(c, "/committees/"+strconv.Itoa(x.ID)+"?done=committees_created"))
			}
		}
	}
	fields, ok := fieldKeys(err)
	if !ok {
		return err
	}
	p := web.CommitteesPage{Page: s.page(c, "committees.title"), Errors: fields, Form: web.CommitteeForm{Name: r.Name, Level: r.Level,
		TermLabel: r.TermLabel, DecisionNumber: r.DecisionNumber, DecisionDate: r.DecisionDate, UnitID: derefInt(r.UnitID),
		StandingAgencyID: derefInt(r.StandingAgencyID)}}
	if err := s.committeesData(c, &p); err != nil {
		return err
	}
	return s.html(c, http.StatusUnprocessableEntity, "committees", p)
}

func (s *Server) committeeData(c echo.Context, p *web.CommitteePage) error {
	ctx := c.Request().Context()
	id, err := idParam(c)
	if err != nil {
		return err
	}
	x, err := s.app.Committees.Get(ctx, id)
	if err != nil {
		return err
	}
	d, err := dayParam(c.QueryParam("date"), "date")
	if err != nil {
		return err
	}
	opts, names, err := s.unitOptions(ctx, d)
	if err != nil {
		return err
	}
	p.Committee, p.Form, p.Date, p.Positions, p.Units = s.committeeVM(x, names), committeeForm(x), dmy(d), entschema.Positions, opts
	ms, err := s.app.Committees.Members(ctx, id, d)
	if err != nil {
		return err
	}
	mx, err := s.app.Committees.AssignmentMatrix(ctx, id, d)
	if err != nil {
		return err
	}
	charge := map[int][]web.UnitOption{}
	for u, mids := range mx.InCharge {
		for _, m := range mids {
			charge[m] = append(charge[m], web.UnitOption{ID: u, Name: names[u]})
		}
	}
	for _, m := range ms {
		p.Members = append(p.Members, web.MemberVM{ID: m.ID, Position: string(m.Position), PersonName: m.PersonName,
			PersonTitle: m.PersonTitle, Office: m.Office, ValidFrom: m.ValidFrom, ValidTo: m.ValidTo, Units: charge[m.ID]})
	}
	return nil
}

func (s *Server) committeePage(c echo.Context) error {
	p := web.CommitteePage{Page: s.page(c, "committee.title")}
	if err := s.committeeData(c, &p); err != nil {
		return err
	}
	return s.html(c, http.StatusOK, "committee", p)
}

func (s *Server) committeeResult(c echo.Context, err error, done string, orphans []int) error {
	if err == nil && len(orphans) == 0 {
		return c.Redirect(http.StatusSeeOther, provinceURL(c, "/committees/"+c.Param("id")+"?done="+done))
	}
	p := web.CommitteePage{Page: s.page(c, "committee.title")}
	status := http.StatusOK
	if err != nil {
		fields, ok := fieldKeys(err)
		if !ok {
			return err
		}
		p.Errors, status = fields, http.StatusUnprocessableEntity
	} else {
		p.Flash = flashKey(done)
	}
	if derr := s.committeeData(c, &p); derr != nil {
		return derr
	}
	_, names, _ := s.unitOptions(c.Request().Context(), calendar.Today().UTC())
	for _, u := range orphans {
		p.Orphans = append(p.Orphans, web.UnitOption{ID: u, Name: names[u]})
	}
	return s.html(c, status, "committee", p)
}

func (s *Server) committeeUpdate(c echo.Context) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	var r committeeRequest
	if err = bind(c, &r); err == nil {
		var in committeeInput
		if in, err = r.input(); err == nil {
			err = s.app.Committees.Update(c.Request().Context(), id, in)
		}
	}
	return s.committeeResult(c, err, "committees_saved", nil)
}

func (s *Server) committeeMemberAdd(c echo.Context) error {
	_, err := s.addMember(c)
	return s.committeeResult(c, err, "members_added", nil)
}

func (s *Server) committeeMemberEnd(c echo.Context) error {
	orphans, err := s.endMember(c)
	return s.committeeResult(c, err, "members_ended", orphans)
}

func (s *Server) committeeDecision(c echo.Context) error {
	return s.committeeResult(c, s.uploadDecision(c), "decision_uploaded", nil)
}

func (s *Server) assignmentsData(c echo.Context, p *web.AssignmentsPage) error {
	ctx := c.Request().Context()
	id, err := idParam(c)
	if err != nil {
		return err
	}
	x, err := s.app.Committees.Get(ctx, id)
	if err != nil {
		return err
	}
	d, err := dayParam(c.QueryParam("date"), "date")
	if err != nil {
		return err
	}
	mx, err := s.app.Committees.AssignmentMatrix(ctx, id, d)
	if err != nil {
		return err
	}
	opts, names, err := s.unitOptions(ctx, d)
	if err != nil {
		return err
	}
	p.Committee, p.Date, p.Units, p.Gaps = s.committeeVM(x, names), dmy(d), opts, len(mx.Gaps)
	for _, m := range mx.Members {
		p.Members = append(p.Members, web.MemberVM{ID: m.ID, Position: string(m.Position), PersonName: m.PersonName,
			PersonTitle: m.PersonTitle, ValidFrom: m.ValidFrom, ValidTo: m.ValidTo})
	}
	for _, n := range mx.Units {
		if n.Version.Type == "province" {
			continue
		}
		row := web.AssignmentRowVM{Unit: web.UnitOption{ID: n.Unit.ID, Code: n.Unit.Code, Name: n.Version.Name}, Type: string(n.Version.Type),
			Gap: slices.Contains(mx.Gaps, n.Unit.ID)}
		for _, m := range mx.Members {
			row.Cells = append(row.Cells, slices.Contains(mx.InCharge[n.Unit.ID], m.ID))
		}
		p.Rows = append(p.Rows, row)
	}
	return nil
}

func (s *Server) assignmentsPage(c echo.Context) error {
	p := web.AssignmentsPage{Page: s.page(c, "assignments.title")}
	if err := s.assignmentsData(c, &p); err != nil {
		return err
	}
	return s.html(c, http.StatusOK, "assignments", p)
}

func (s *Server) assignmentsSubmit(c echo.Context) error {
	err := s.assign(c)
	if err == nil {
		return c.Redirect(http.StatusSeeOther, provinceURL(c, "/committees/"+c.Param("id")+"/assignments?done=assignments_saved"))
	}
	fields, ok := fieldKeys(err)
	if !ok {
		return err
	}
	p := web.AssignmentsPage{Page: s.page(c, "assignments.title"), Errors: fields}
	if err := s.assignmentsData(c, &p); err != nil {
		return err
	}
	return s.html(c, http.StatusUnprocessableEntity, "assignments", p)
}

// --- regimes ---

func occurrencesVM(os []calendar.Occurrence, lang string) []web.OccurrenceVM {
	var out []web.OccurrenceVM
	for _, o := range os {
		out = append(out, web.OccurrenceVM{Period: o.Period.Label(lang), Nominal: o.Nominal.Time(), Due: o.Due.Time(),
			Shifted: !o.Nominal.Equal(o.Due), CutFrom: o.CutFrom.Time(), CutTo: o.CutTo.Time()})
	}
	return out
}

func (s *Server) regimesPage(c echo.Context) error {
	ctx := c.Request().Context()
	rs, err := s.app.Regimes.List(ctx)
	if err != nil {
		return err
	}
	_, names, err := s.unitOptions(ctx, calendar.Today().UTC())
	if err != nil {
		return err
	}
	p := web.RegimesPage{Page: s.page(c, "regimes.title")}
	for _, r := range rs {
		vm := web.RegimeVM{ID: r.ID, Name: r.Name, Frequency: string(r.Frequency), DeadlineRule: r.DeadlineRule, Shift: string(r.Shift),
			ReminderOffsets: r.ReminderOffsets, Active: r.Active}
		if r.ReceivingUnitID != nil {
			vm.Receiving = names[*r.ReceivingUnitID]
		}
		if next, err := s.app.Regimes.Preview(ctx, regime.InputOf(r), today(), 4); err == nil {
			vm.Next = occurrencesVM(next, langOf(c))
		}
		p.Regimes = append(p.Regimes, vm)
	}
	return s.html(c, http.StatusOK, "regimes", p)
}

func offsetsText(os []int) string {
	parts := make([]string, len(os))
	for i, o := range os {
		parts[i] = strconv.Itoa(o)
	}
	return strings.Join(parts, ",")
}

func (s *Server) regimePageData(c echo.Context, p *web.RegimePage) error {
	opts, _, err := s.unitOptions(c.Request().Context(), calendar.Today().UTC())
	if err != nil {
		return err
	}
	p.Units, p.Types = opts, entschema.UnitTypes
	p.Frequencies = []string{"semiannual", "annual", "quarterly", "adhoc"}
	p.Shifts = []string{"previous_working_day", "next_working_day", "none"}
	return nil
}

func (s *Server) regimeEditor(c echo.Context) error {
	ctx := c.Request().Context()
	p := web.RegimePage{Page: s.page(c, "regime.title")}
	p.Form = web.RegimeForm{Frequency: "semiannual", Shift: "previous_working_day", Active: true, ReminderOffsets: "-7,-3,-1,1,3"}
	if c.Param("id") != "" {
		id, err := idParam(c)
		if err != nil {
			return err
		}
		r, err := s.app.Regimes.Get(ctx, id)
		if err != nil {
			return err
		}
		p.Form = web.RegimeForm{ID: r.ID, Name: r.Name, Frequency: string(r.Frequency), DeadlineRule: r.DeadlineRule, Shift: string(r.Shift),
			ReportingUnitTypes: r.ReportingUnitTypes, ReceivingUnitID: derefInt(r.ReceivingUnitID), ReminderOffsets: offsetsText(r.ReminderOffsets),
			Content: r.Content, Active: r.Active}
		if next, err := s.app.Regimes.Preview(ctx, regime.InputOf(r), today(), 4); err == nil {
			p.Preview = occurrencesVM(next, langOf(c))
		}
	}
	if err := s.regimePageData(c, &p); err != nil {
		return err
	}
	return s.html(c, http.StatusOK, "regime", p)
}

// regimeSubmit saves a regime from the editor, or only previews it when the preview button
// was pressed.
func (s *Server) regimeSubmit(c echo.Context) error {
	ctx := c.Request().Context()
	form := web.RegimeForm{Name: c.FormValue("name"), Frequency: c.FormValue("frequency"), DeadlineRule: c.FormValue("deadline_rule"),
		Shift: c.FormValue("shift"), Content: c.FormValue("content"), Active: c.FormValue("active") != "",
		ReminderOffsets: c.FormValue("reminder_offsets")}
	params, _ := c.FormParams()
	form.ReportingUnitTypes = params["reporting_unit_types"]
	form.ReceivingUnitID, _ = strconv.Atoi(c.FormValue("receiving_unit_id"))
	in := regime.Input{Name: form.Name, Frequency: form.Frequency, DeadlineRule: form.DeadlineRule, Shift: form.Shift,
		ReportingUnitTypes: form.ReportingUnitTypes, Content: form.Content, Active: form.Active}
	if form.ReceivingUnitID > 0 {
		in.ReceivingUnitID = &form.ReceivingUnitID
	}
	var badOffsets bool
	for _, part := range strings.FieldsFunc(form.ReminderOffsets, func(r rune) bool { return r == ',' || r == ' ' || r == ';' }) {
		n, err := strconv.Atoi(part)
		if err != nil {
			badOffsets = true
			continue
		}
		in.ReminderOffsets = append(in.ReminderOffsets, n)
	}
	p := web.RegimePage{Page: s.page(c, "regime.title"), Form: form}
	if id, err := strconv.Atoi(c.Param("id")); err == nil {
		p.Form.ID = id
	}
	var err error
	if badOffsets {
		err = invalidField("reminder_offsets", "reminder_offset")
	} else if c.FormValue("preview") != "" {
		var next []calendar.Occurrence
		if next, err = s.app.Regimes.Preview(ctx, in, today(), 4); err == nil {
			p.Preview = occurrencesVM(next, langOf(c))
		}
	} else if p.Form.ID > 0 {
		_, err = s.app.Regimes.Update(ctx, p.Form.ID, in)
	} else {
		_, err = s.app.Regimes.Create(ctx, in)
	}
	status := http.StatusOK
	if err != nil {
		fields, ok := fieldKeys(err)
		if !ok {
			return err
		}
		p.Errors, status = fields, http.StatusUnprocessableEntity
	} else if c.FormValue("preview") == "" {
		return c.Redirect(http.StatusSeeOther, provinceURL(c, "/regimes?done=regimes_saved"))
	}
	if err := s.regimePageData(c, &p); err != nil {
		return err
	}
	return s.html(c, status, "regime", p)
}

func (s *Server) regimeDelete(c echo.Context) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	if err := s.app.Regimes.Delete(c.Request().Context(), id); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, provinceURL(c, "/regimes?done=regimes_deleted"))
}

// --- calendar ---

func (s *Server) calendarRender(c echo.Context, status int, errs map[string]string) error {
	y := yearParam(c)
	if fy, err := strconv.Atoi(c.FormValue("year")); err == nil && fy > 2000 && fy < 2100 && c.QueryParam("year") == "" {
		y = fy
	}
	hs, err := s.app.Regimes.Holidays(c.Request().Context(), y)
	if err != nil {
		return err
	}
	p := web.CalendarPage{Page: s.page(c, "calendar.title"), Year: y, Errors: errs}
	for _, h := range hs {
		p.Days = append(p.Days, web.HolidayVM{ID: h.ID, Date: h.Date, Name: h.Name, Kind: string(h.Kind)})
	}
	_, complete := calendar.DefaultHolidays(y)
	p.Incomplete = !complete
	return s.html(c, status, "calendar", p)
}

func (s *Server) calendarPage(c echo.Context) error { return s.calendarRender(c, http.StatusOK, nil) }

func (s *Server) calendarResult(c echo.Context, err error) error {
	if err == nil {
		return c.Redirect(http.StatusSeeOther, provinceURL(c, "/calendar?year="+c.FormValue("year")+"&done=calendar_saved"))
	}
	fields, ok := fieldKeys(err)
	if !ok {
		return err
	}
	return s.calendarRender(c, http.StatusUnprocessableEntity, fields)
}

func (s *Server) calendarAdd(c echo.Context) error { return s.calendarResult(c, s.addHoliday(c)) }

func (s *Server) calendarSeed(c echo.Context) error {
	_, _, err := s.seedYear(c)
	return s.calendarResult(c, err)
}

func (s *Server) calendarDelete(c echo.Context) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	return s.calendarResult(c, s.app.Regimes.DeleteHoliday(c.Request().Context(), id))
}

// --- settings ---

func (s *Server) settingsPage(c echo.Context) error {
	all, err := s.app.Settings.All(c.Request().Context())
	if err != nil {
		return err
	}
	return s.html(c, http.StatusOK, "settings", web.SettingsPage{Page: s.page(c, "settings.title"), Keys: settings.Keys, Values: all})
}

func (s *Server) settingsSubmit(c echo.Context) error {
	values := map[string]string{}
	for _, k := range settings.Keys {
		values[k] = c.FormValue(k)
	}
	if values[settings.AssignmentExclusive] == "" {
		values[settings.AssignmentExclusive] = "false" // an unchecked box sends nothing
	}
	err := s.app.Settings.Set(c.Request().Context(), values)
	if err == nil {
		return c.Redirect(http.StatusSeeOther, provinceURL(c, "/settings?done=settings_saved"))
	}
	fields, ok := fieldKeys(err)
	if !ok {
		return err
	}
	return s.html(c, http.StatusUnprocessableEntity, "settings", web.SettingsPage{Page: s.page(c, "settings.title"), Keys: settings.Keys,
		Values: values, Errors: fields})
}
