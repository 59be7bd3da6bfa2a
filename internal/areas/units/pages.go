package units

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"time"

	entschema "github.com/danvan-vn/danvan/ent/schema"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/internal/apperr"
	"github.com/danvan-vn/danvan/internal/calendar"
	"github.com/danvan-vn/danvan/internal/httpapi"
	"github.com/danvan-vn/danvan/internal/unit"
	"github.com/danvan-vn/danvan/internal/web"
	"github.com/labstack/echo/v4"
)

// unitOptions lists the units of day d for selects, and their names by id.
// Options lists the units that exist on day d, for a form's select, and their names by id.
// Other areas' forms use it too.
func Options(ctx context.Context, src Lister, d time.Time) ([]web.UnitOption, map[int]string, error) {
	nodes, err := src.AsOf(ctx, d, "")
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

// groupAbove is how many sub-units a unit shows as one list; more, of several types, are
// folded by type (a province's dozens of departments and communes).
const groupAbove = 10

// treeVM is the tree as the page shows it: the top level open, deeper nodes and type groups
// closed unless expand. With a type filter (typ not empty) it keeps the units of that type and
// their ancestors, marked as context, everything kept open; count is how many units are shown
// for themselves.
func treeVM(ts []*unit.TreeNode, typ string, expand bool, depth int) (out []web.UnitNodeVM, count int) {
	out = make([]web.UnitNodeVM, 0, len(ts))
	for _, t := range ts {
		n := nodeVM(t.Node)
		kids, k := treeVM(t.Children, typ, expand, depth+1)
		match := typ == "" || n.Type == typ
		if !match && k == 0 {
			continue
		}
		n.Children, n.Context = kids, !match
		n.Open = len(kids) > 0 && (depth == 0 || expand || typ != "")
		if len(kids) > groupAbove {
			n.Groups = groupByType(kids, expand || typ != "")
		}
		if match {
			k++
		}
		out, count = append(out, n), count+k
	}
	return out, count
}

// groupByType folds units by type, in the order of the types; nil when they are all of one.
func groupByType(ns []web.UnitNodeVM, open bool) []web.UnitGroupVM {
	var gs []web.UnitGroupVM
	for _, typ := range entschema.UnitTypes {
		g := web.UnitGroupVM{Type: typ, Open: open}
		for _, n := range ns {
			if n.Type == typ {
				g.Children = append(g.Children, n)
			}
		}
		if len(g.Children) > 0 {
			gs = append(gs, g)
		}
	}
	if len(gs) < 2 {
		return nil
	}
	return gs
}

func (h *handler) unitsData(c echo.Context, p *web.UnitsPage) error {
	ctx := c.Request().Context()
	d, err := httpapi.Day(c.QueryParam("date"), "date")
	if err != nil {
		d = calendar.Today().UTC()
		p.Errors = map[string]string{"date": "field.date"}
	}
	p.Date, p.Query, p.Types = httpapi.DMY(d), c.QueryParam("q"), entschema.UnitTypes
	p.Type, p.Expand = c.QueryParam("type"), c.QueryParam("expand") == "all"
	if p.Type != "" && !slices.Contains(entschema.UnitTypes, p.Type) {
		if p.Errors == nil {
			p.Errors = map[string]string{}
		}
		p.Errors["filter_type"], p.Type = "field.invalid", ""
	}
	if p.Query != "" {
		nodes, err := h.units.AsOf(ctx, d, p.Query)
		if err != nil {
			return err
		}
		for _, n := range nodes {
			if p.Type == "" || string(n.Version.Type) == p.Type {
				p.Results = append(p.Results, nodeVM(n))
			}
		}
		p.Count = len(p.Results)
	} else {
		tree, err := h.units.Tree(ctx, d)
		if err != nil {
			return err
		}
		p.Tree, p.Count = treeVM(tree, p.Type, p.Expand, 0)
	}
	opts, _, err := Options(ctx, h.units, d)
	if err != nil {
		return err
	}
	p.Parents = opts
	return nil
}

func (h *handler) unitsPage(c echo.Context) error {
	p := web.UnitsPage{Page: httpapi.PageOf(c, "units.title")}
	if err := h.unitsData(c, &p); err != nil {
		return err
	}
	return httpapi.HTML(c, http.StatusOK, "units", p)
}

func (h *handler) unitsCreate(c echo.Context) error {
	in, d, err := h.bindUnit(c)
	if err == nil {
		var u *ent.Unit
		if u, err = h.units.Create(c.Request().Context(), in.Code, d, in.attrs()); err == nil {
			return c.Redirect(http.StatusSeeOther, httpapi.ProvinceURL(c, "/units/"+strconv.Itoa(u.ID)+"?done=units_created"))
		}
	}
	fields, ok := httpapi.FieldKeys(err)
	if !ok {
		return err
	}
	p := web.UnitsPage{Page: httpapi.PageOf(c, "units.title"), Errors: fields, CreateOpen: true, Form: web.UnitForm{Code: in.Code, Name: in.Name,
		ShortName: in.ShortName, Type: in.Type, Date: in.Date, Address: in.Address, ParentID: httpapi.Deref(in.ParentID),
		Leader:  web.PersonVM{Name: in.LeaderName, Title: in.LeaderTitle, Phone: in.LeaderPhone, Email: in.LeaderEmail},
		Officer: web.PersonVM{Name: in.OfficerName, Title: in.OfficerTitle, Phone: in.OfficerPhone, Email: in.OfficerEmail}}}
	if err := h.unitsData(c, &p); err != nil {
		return err
	}
	return httpapi.HTML(c, http.StatusUnprocessableEntity, "units", p)
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

func (h *handler) unitData(c echo.Context, p *web.UnitPage) error {
	ctx := c.Request().Context()
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return err
	}
	hist, err := h.units.HistoryOf(ctx, id)
	if err != nil {
		return err
	}
	d, err := httpapi.Day(c.QueryParam("date"), "date")
	if err != nil {
		return err
	}
	p.ID, p.Code, p.ExistsFrom, p.ExistsTo, p.Types, p.Date = hist.Unit.ID, hist.Unit.Code, hist.Unit.ValidFrom, hist.Unit.ValidTo, entschema.UnitTypes, httpapi.DMY(d)
	// Names of the units the history mentions (parents, merges), whenever they existed.
	ids := []int{hist.Unit.ID}
	if hist.Unit.SuccessorID != nil {
		ids = append(ids, *hist.Unit.SuccessorID)
	}
	for _, v := range hist.Versions {
		if v.ParentID != nil {
			ids = append(ids, *v.ParentID)
		}
	}
	for _, e := range hist.Events {
		ids = append(append(ids, e.UnitID), e.FromUnitIds...)
	}
	all, err := h.units.Versions(ctx, ids)
	if err != nil {
		return err
	}
	names := map[int]string{}
	for _, v := range all {
		names[v.UnitID] = v.Name // newest wins as versions come in order of id
	}
	for _, v := range hist.Versions {
		vm := versionVM(v, names)
		p.Versions = append(p.Versions, vm)
		if !v.ValidFrom.After(d) && (v.ValidTo == nil || v.ValidTo.After(d)) {
			p.Current = vm
		}
	}
	// On a day the unit no longer (or not yet) existed, the page shows its last (first) state
	// and says so, rather than passing that state off as the day's.
	if n := len(p.Versions); n > 0 {
		switch {
		case hist.Unit.ValidTo != nil && !d.Before(*hist.Unit.ValidTo):
			p.Ended, p.Current = true, p.Versions[n-1]
		case d.Before(hist.Unit.ValidFrom):
			p.NotYet, p.Current = true, p.Versions[0]
		}
	}
	if hist.Unit.SuccessorID != nil {
		p.Successor = &web.UnitOption{ID: *hist.Unit.SuccessorID, Name: names[*hist.Unit.SuccessorID]}
	}
	for _, e := range hist.Events {
		ev := web.UnitEventVM{Kind: string(e.Kind), Date: e.Date, Note: e.Note}
		for _, f := range e.FromUnitIds {
			ev.Units = append(ev.Units, web.UnitOption{ID: f, Name: names[f]})
		}
		if e.Kind == "merge" {
			ev.Into = &web.UnitOption{ID: e.UnitID, Name: names[e.UnitID]}
		}
		p.Events = append(p.Events, ev)
	}
	opts, _, err := Options(ctx, h.units, d)
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

func (h *handler) unitPage(c echo.Context) error {
	p := web.UnitPage{Page: httpapi.PageOf(c, "unit.title")}
	if err := h.unitData(c, &p); err != nil {
		return err
	}
	return httpapi.HTML(c, http.StatusOK, "unit", p)
}

func (h *handler) unitFormResult(c echo.Context, err error, id int, done string) error {
	if err == nil {
		return c.Redirect(http.StatusSeeOther, httpapi.ProvinceURL(c, "/units/"+strconv.Itoa(id)+"?done="+done))
	}
	fields, ok := httpapi.FieldKeys(err)
	if !ok {
		return err
	}
	p := web.UnitPage{Page: httpapi.PageOf(c, "unit.title"), Errors: fields}
	if derr := h.unitData(c, &p); derr != nil {
		return derr
	}
	return httpapi.HTML(c, http.StatusUnprocessableEntity, "unit", p)
}

func (h *handler) unitChange(c echo.Context) error {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return err
	}
	in, d, err := h.bindUnit(c)
	if err == nil {
		if in.Kind == "" {
			in.Kind = "update"
		}
		err = h.units.Change(c.Request().Context(), id, d, in.attrs(), in.Kind)
	}
	return h.unitFormResult(c, err, id, "units_changed")
}

func (h *handler) unitDissolve(c echo.Context) error {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return err
	}
	in, d, err := h.bindUnit(c)
	if err == nil {
		err = h.units.Dissolve(c.Request().Context(), id, d, in.Note)
	}
	return h.unitFormResult(c, err, id, "units_dissolved")
}

func (h *handler) unitsMerge(c echo.Context) error {
	in, d, err := h.bindUnit(c)
	if err != nil {
		return err
	}
	u, err := h.units.Merge(c.Request().Context(), in.UnitIDs, d, in.Code, in.attrs(), in.Note)
	if err != nil {
		if _, ok := httpapi.FieldKeys(err); ok && len(in.UnitIDs) > 0 {
			c.SetParamNames(append(c.ParamNames(), "id")...)
			c.SetParamValues(append(c.ParamValues(), strconv.Itoa(in.UnitIDs[0]))...)
			return h.unitFormResult(c, err, in.UnitIDs[0], "")
		}
		return err
	}
	return c.Redirect(http.StatusSeeOther, httpapi.ProvinceURL(c, "/units/"+strconv.Itoa(u.ID)+"?done=units_merged"))
}

func (h *handler) importPage(c echo.Context) error {
	return httpapi.HTML(c, http.StatusOK, "units_import", web.ImportPage{Page: httpapi.PageOf(c, "import.title")})
}

func (h *handler) importSubmit(c echo.Context) error {
	p := web.ImportPage{Page: httpapi.PageOf(c, "import.title")}
	if fh, err := c.FormFile("file"); err == nil {
		p.FileName = fh.Filename
	}
	res, err := h.importUnits(c)
	if err != nil {
		if ae, ok := apperr.As(err); ok && len(ae.Rows) > 0 {
			for _, r := range ae.Rows {
				p.Rows = append(p.Rows, web.ImportRowVM{Row: r.Row, Column: r.Column, Reason: "field." + r.Reason, Value: r.Value})
			}
			return httpapi.HTML(c, http.StatusUnprocessableEntity, "units_import", p)
		}
		fields, ok := httpapi.FieldKeys(err)
		if !ok {
			return err
		}
		p.Errors = fields
		return httpapi.HTML(c, http.StatusUnprocessableEntity, "units_import", p)
	}
	p.Done, p.Created, p.Updated, p.Unchanged = true, res.Created, res.Updated, res.Unchanged
	return httpapi.HTML(c, http.StatusOK, "units_import", p)
}
