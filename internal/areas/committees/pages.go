package committees

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	entschema "github.com/danvan-vn/danvan/ent/schema"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/internal/apperr"
	"github.com/danvan-vn/danvan/internal/areas/units"
	"github.com/danvan-vn/danvan/internal/calendar"
	"github.com/danvan-vn/danvan/internal/committee"
	"github.com/danvan-vn/danvan/internal/httpapi"
	"github.com/danvan-vn/danvan/internal/unit"
	"github.com/danvan-vn/danvan/internal/web"
	"github.com/labstack/echo/v4"
)

func (h *handler) committeeVM(c *ent.Committee, names map[int]string) web.CommitteeVM {
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
		UnitID: httpapi.Deref(c.UnitID), StandingAgencyID: httpapi.Deref(c.StandingAgencyID)}
	if c.DecisionDate != nil {
		f.DecisionDate = httpapi.DMY(*c.DecisionDate)
	}
	return f
}

func (h *handler) committeesData(c echo.Context, p *web.CommitteesPage) error {
	ctx := c.Request().Context()
	opts, names, err := units.Options(ctx, h.units, calendar.Today().UTC())
	if err != nil {
		return err
	}
	p.Units = opts
	cs, err := h.committees.List(ctx)
	if err != nil {
		return err
	}
	for _, x := range cs {
		p.Committees = append(p.Committees, h.committeeVM(x, names))
	}
	return nil
}

func (h *handler) committeesPage(c echo.Context) error {
	p := web.CommitteesPage{Page: httpapi.PageOf(c, "committees.title")}
	if err := h.committeesData(c, &p); err != nil {
		return err
	}
	return httpapi.HTML(c, http.StatusOK, "committees", p)
}

func (h *handler) committeesCreate(c echo.Context) error {
	var r committeeRequest
	err := httpapi.Bind(c, &r)
	if err == nil {
		in, ierr := r.input()
		if err = ierr; err == nil {
			var x *ent.Committee
			if x, err = h.committees.Create(c.Request().Context(), in); err == nil {
				return c.Redirect(http.StatusSeeOther, httpapi.ProvinceURL(c, "/committees/"+strconv.Itoa(x.ID)+"?done=committees_created"))
			}
		}
	}
	fields, ok := httpapi.FieldKeys(err)
	if !ok {
		return err
	}
	p := web.CommitteesPage{Page: httpapi.PageOf(c, "committees.title"), Errors: fields, Form: web.CommitteeForm{Name: r.Name, Level: r.Level,
		TermLabel: r.TermLabel, DecisionNumber: r.DecisionNumber, DecisionDate: r.DecisionDate, UnitID: httpapi.Deref(r.UnitID),
		StandingAgencyID: httpapi.Deref(r.StandingAgencyID)}}
	if err := h.committeesData(c, &p); err != nil {
		return err
	}
	return httpapi.HTML(c, http.StatusUnprocessableEntity, "committees", p)
}

func (h *handler) committeeData(c echo.Context, p *web.CommitteePage) error {
	ctx := c.Request().Context()
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return err
	}
	x, err := h.committees.Get(ctx, id)
	if err != nil {
		return err
	}
	d, err := httpapi.Day(c.QueryParam("date"), "date")
	if err != nil {
		return err
	}
	opts, names, err := units.Options(ctx, h.units, d)
	if err != nil {
		return err
	}
	p.Committee, p.Form, p.Date, p.Positions, p.Units = h.committeeVM(x, names), committeeForm(x), httpapi.DMY(d), entschema.Positions, opts
	ms, err := h.committees.Members(ctx, id, d)
	if err != nil {
		return err
	}
	mx, err := h.committees.AssignmentMatrix(ctx, id, d)
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

func (h *handler) committeePage(c echo.Context) error {
	p := web.CommitteePage{Page: httpapi.PageOf(c, "committee.title")}
	if err := h.committeeData(c, &p); err != nil {
		return err
	}
	return httpapi.HTML(c, http.StatusOK, "committee", p)
}

func (h *handler) committeeResult(c echo.Context, err error, done string, orphans []int) error {
	if err == nil && len(orphans) == 0 {
		return c.Redirect(http.StatusSeeOther, httpapi.ProvinceURL(c, "/committees/"+c.Param("id")+"?done="+done))
	}
	p := web.CommitteePage{Page: httpapi.PageOf(c, "committee.title")}
	status := http.StatusOK
	if err != nil {
		fields, ok := httpapi.FieldKeys(err)
		if !ok {
			return err
		}
		p.Errors, status = fields, http.StatusUnprocessableEntity
	} else {
		p.Flash = httpapi.FlashKey(c, done)
	}
	if derr := h.committeeData(c, &p); derr != nil {
		return derr
	}
	_, names, _ := units.Options(c.Request().Context(), h.units, calendar.Today().UTC())
	for _, u := range orphans {
		p.Orphans = append(p.Orphans, web.UnitOption{ID: u, Name: names[u]})
	}
	return httpapi.HTML(c, status, "committee", p)
}

func (h *handler) committeeUpdate(c echo.Context) error {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return err
	}
	var r committeeRequest
	if err = httpapi.Bind(c, &r); err == nil {
		var in committeeInput
		if in, err = r.input(); err == nil {
			err = h.committees.Update(c.Request().Context(), id, in)
		}
	}
	return h.committeeResult(c, err, "committees_saved", nil)
}

func (h *handler) committeeMemberAdd(c echo.Context) error {
	_, err := h.addMember(c)
	return h.committeeResult(c, err, "members_added", nil)
}

func (h *handler) committeeMemberEnd(c echo.Context) error {
	orphans, err := h.endMember(c)
	return h.committeeResult(c, err, "members_ended", orphans)
}

func (h *handler) committeeDecision(c echo.Context) error {
	return h.committeeResult(c, h.uploadDecision(c), "decision_uploaded", nil)
}

// assignmentsData fills the assignment screen for the member chosen by ?member= (by default
// the first); ticked, when not nil, are the units a refused form had ticked.
func (h *handler) assignmentsData(c echo.Context, p *web.AssignmentsPage, chosen int, ticked []int) error {
	ctx := c.Request().Context()
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return err
	}
	x, err := h.committees.Get(ctx, id)
	if err != nil {
		return err
	}
	d, err := httpapi.Day(c.QueryParam("date"), "date")
	if err != nil {
		return err
	}
	mx, err := h.committees.AssignmentMatrix(ctx, id, d)
	if err != nil {
		return err
	}
	opts, names, err := units.Options(ctx, h.units, d)
	if err != nil {
		return err
	}
	p.Committee, p.Date, p.Units, p.Gaps = h.committeeVM(x, names), httpapi.DMY(d), opts, len(mx.Gaps)
	person := map[int]string{}
	for _, m := range mx.Members {
		person[m.ID] = m.PersonName
	}
	var nodes []unit.Node
	for _, n := range mx.Units {
		if n.Version.Type != "province" {
			nodes = append(nodes, n)
		}
	}
	for _, m := range mx.Members {
		vm := web.MemberVM{ID: m.ID, Position: string(m.Position), PersonName: m.PersonName,
			PersonTitle: m.PersonTitle, ValidFrom: m.ValidFrom, ValidTo: m.ValidTo}
		for _, n := range nodes {
			if slices.Contains(mx.InCharge[n.Unit.ID], m.ID) {
				vm.Units = append(vm.Units, web.UnitOption{ID: n.Unit.ID, Code: n.Unit.Code, Name: n.Version.Name})
			}
		}
		p.Members = append(p.Members, vm)
	}
	for i := range p.Members {
		if p.Members[i].ID == chosen || (chosen == 0 && i == 0) {
			p.Member = &p.Members[i]
		}
	}
	if p.Member != nil {
		// Units the screen does not offer stay as they are when the member's form is saved.
		for _, n := range mx.Units {
			if n.Version.Type == "province" && slices.Contains(mx.InCharge[n.Unit.ID], p.Member.ID) {
				p.Kept = append(p.Kept, n.Unit.ID)
			}
		}
	}
	byType := map[string][]web.UnitChoiceVM{}
	for _, n := range nodes {
		row := web.AssignmentRowVM{Unit: web.UnitOption{ID: n.Unit.ID, Code: n.Unit.Code, Name: n.Version.Name}, Type: string(n.Version.Type),
			Gap: slices.Contains(mx.Gaps, n.Unit.ID)}
		for _, m := range mx.Members {
			row.Cells = append(row.Cells, slices.Contains(mx.InCharge[n.Unit.ID], m.ID))
		}
		p.Rows = append(p.Rows, row)
		if p.Member != nil {
			ch := web.UnitChoiceVM{Unit: row.Unit, Gap: row.Gap}
			var others []string
			for _, mid := range mx.InCharge[n.Unit.ID] {
				if mid == p.Member.ID {
					ch.Checked = true
				} else {
					others = append(others, person[mid])
				}
			}
			ch.HeldBy = strings.Join(others, ", ")
			if ticked != nil {
				ch.Checked = slices.Contains(ticked, n.Unit.ID)
			}
			byType[row.Type] = append(byType[row.Type], ch)
		}
	}
	for _, t := range entschema.UnitTypes {
		if len(byType[t]) > 0 {
			p.Groups = append(p.Groups, web.UnitChoiceGroupVM{Type: t, Units: byType[t]})
		}
	}
	return nil
}

func (h *handler) assignmentsPage(c echo.Context) error {
	p := web.AssignmentsPage{Page: httpapi.PageOf(c, "assignments.title")}
	chosen, _ := strconv.Atoi(c.QueryParam("member"))
	if err := h.assignmentsData(c, &p, chosen, nil); err != nil {
		return err
	}
	return httpapi.HTML(c, http.StatusOK, "assignments", p)
}

// memberAssignmentsSubmit saves one member's checkboxes: their units from the date on.
func (h *handler) memberAssignmentsSubmit(c echo.Context) error {
	r, err := h.setAssignments(c)
	mid := c.Param("mid")
	if err == nil {
		q := url.Values{"member": {mid}, "done": {"assignments_saved"}}
		if r.Date != "" {
			q.Set("date", r.Date)
		}
		return c.Redirect(http.StatusSeeOther, httpapi.ProvinceURL(c, "/committees/"+c.Param("id")+"/assignments?"+q.Encode()))
	}
	fields, ok := httpapi.FieldKeys(err)
	if !ok {
		return err
	}
	p := web.AssignmentsPage{Page: httpapi.PageOf(c, "assignments.title"), Errors: fields}
	chosen, _ := strconv.Atoi(mid)
	ticked := r.UnitIDs
	if ticked == nil {
		ticked = []int{}
	}
	if err := h.assignmentsData(c, &p, chosen, ticked); err != nil {
		return err
	}
	if p.Member == nil || p.Member.ID != chosen {
		return apperr.NotFound(nil)
	}
	return httpapi.HTML(c, http.StatusUnprocessableEntity, "assignments", p)
}

type committeeInput = committee.Input
