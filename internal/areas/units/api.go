package units

import (
	"net/http"
	"time"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/internal/apperr"
	"github.com/danvan-vn/danvan/internal/httpapi"
	"github.com/danvan-vn/danvan/internal/unit"
	"github.com/labstack/echo/v4"
)

// UnitJSON is a unit as of a day.
type UnitJSON struct {
	ID          int         `json:"id"`
	Code        string      `json:"code"`
	ExistsFrom  string      `json:"exists_from"`
	ExistsTo    string      `json:"exists_to,omitempty"`
	SuccessorID *int        `json:"successor_id,omitempty"`
	Version     VersionJSON `json:"version"`
	Children    []UnitJSON  `json:"children,omitempty"`
}

// VersionJSON is what a unit was over a span of days.
type VersionJSON struct {
	ValidFrom string     `json:"valid_from"`
	ValidTo   string     `json:"valid_to,omitempty"`
	Change    string     `json:"change"`
	Name      string     `json:"name"`
	ShortName string     `json:"short_name,omitempty"`
	Type      string     `json:"type"`
	ParentID  *int       `json:"parent_id,omitempty"`
	Address   string     `json:"address,omitempty"`
	Leader    PersonJSON `json:"leader"`
	Officer   PersonJSON `json:"officer"`
}

// PersonJSON is a unit's leader or official in charge of dân vận work.
type PersonJSON struct {
	Name   string `json:"name,omitempty"`
	Title  string `json:"title,omitempty"`
	Phone  string `json:"phone,omitempty"`
	Email  string `json:"email,omitempty"`
	UserID *int   `json:"user_id,omitempty"`
}

func versionJSON(v *ent.UnitVersion) VersionJSON {
	return VersionJSON{ValidFrom: httpapi.ISODay(v.ValidFrom), ValidTo: httpapi.ISODayPtr(v.ValidTo), Change: v.Change, Name: v.Name,
		ShortName: v.ShortName, Type: string(v.Type), ParentID: v.ParentID, Address: v.Address,
		Leader:  PersonJSON{Name: v.LeaderName, Title: v.LeaderTitle, Phone: v.LeaderPhone, Email: v.LeaderEmail, UserID: v.LeaderUserID},
		Officer: PersonJSON{Name: v.OfficerName, Title: v.OfficerTitle, Phone: v.OfficerPhone, Email: v.OfficerEmail, UserID: v.OfficerUserID}}
}

// JSON is a unit as of a day, as the API shows it.
func JSON(n unit.Node) UnitJSON {
	return UnitJSON{ID: n.Unit.ID, Code: n.Unit.Code, ExistsFrom: httpapi.ISODay(n.Unit.ValidFrom), ExistsTo: httpapi.ISODayPtr(n.Unit.ValidTo),
		SuccessorID: n.Unit.SuccessorID, Version: versionJSON(n.Version)}
}

func treeJSON(ts []*unit.TreeNode) []UnitJSON {
	out := []UnitJSON{}
	for _, t := range ts {
		j := JSON(t.Node)
		j.Children = treeJSON(t.Children)
		out = append(out, j)
	}
	return out
}

func (h *handler) apiUnits(c echo.Context) error {
	ctx := c.Request().Context()
	d, err := httpapi.Day(c.QueryParam("date"), "date")
	if err != nil {
		return err
	}
	if c.QueryParam("tree") == "1" && c.QueryParam("q") == "" {
		tree, err := h.units.Tree(ctx, d)
		if err != nil {
			return err
		}
		return c.JSON(http.StatusOK, UnitsJSON{Date: httpapi.ISODay(d), Units: treeJSON(tree)})
	}
	nodes, err := h.units.AsOf(ctx, d, c.QueryParam("q"))
	if err != nil {
		return err
	}
	out := []UnitJSON{}
	for _, n := range nodes {
		out = append(out, JSON(n))
	}
	return c.JSON(http.StatusOK, UnitsJSON{Date: httpapi.ISODay(d), Units: out})
}

// UnitsJSON is the units of a day (fields in the order of their JSON names).
type UnitsJSON struct {
	Date  string     `json:"date" format:"date"`
	Units []UnitJSON `json:"units"`
}

// UnitCreatedJSON is a new unit (fields in the order of their JSON names).
type UnitCreatedJSON struct {
	Code string `json:"code"`
	ID   int    `json:"id"`
}

// ImportResultJSON counts what an import did (fields in the order of their JSON names).
type ImportResultJSON struct {
	Created   int `json:"created"`
	Unchanged int `json:"unchanged"`
	Updated   int `json:"updated"`
}

// UnitHistoryJSON is a unit's whole history.
type UnitHistoryJSON struct {
	UnitJSON
	Versions []VersionJSON   `json:"versions"`
	Events   []UnitEventJSON `json:"events"`
}

// UnitEventJSON is one operation on units.
type UnitEventJSON struct {
	Kind   string `json:"kind"`
	Date   string `json:"date"`
	UnitID int    `json:"unit_id"`
	From   []int  `json:"from_unit_ids,omitempty"`
	Note   string `json:"note,omitempty"`
}

func (h *handler) apiUnit(c echo.Context) error {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return err
	}
	hist, err := h.units.HistoryOf(c.Request().Context(), id)
	if err != nil {
		return err
	}
	out := UnitHistoryJSON{UnitJSON: UnitJSON{ID: hist.Unit.ID, Code: hist.Unit.Code, ExistsFrom: httpapi.ISODay(hist.Unit.ValidFrom),
		ExistsTo: httpapi.ISODayPtr(hist.Unit.ValidTo), SuccessorID: hist.Unit.SuccessorID}}
	for _, v := range hist.Versions {
		out.Versions = append(out.Versions, versionJSON(v))
	}
	if len(hist.Versions) > 0 {
		out.Version = versionJSON(hist.Versions[len(hist.Versions)-1])
	}
	for _, e := range hist.Events {
		out.Events = append(out.Events, UnitEventJSON{Kind: string(e.Kind), Date: httpapi.ISODay(e.Date), UnitID: e.UnitID, From: e.FromUnitIds, Note: e.Note})
	}
	return c.JSON(http.StatusOK, out)
}

// unitRequest is the body of unit operations (JSON or form).
type unitRequest struct {
	Code         string `json:"code" form:"code" required:"false" maxLength:"50" doc:"Creating or merging: the new unit's code (letters, digits, . - _)"`
	Date         string `json:"date" form:"date" required:"false" doc:"From (or, dissolving, on) this day: dd/mm/yyyy or yyyy-mm-dd, default today"`
	Kind         string `json:"kind" form:"kind" required:"false" enum:"rename,move,update" doc:"Changing: what kind of change, for the history (default update)"`
	Name         string `json:"name" form:"name" required:"false" maxLength:"300" doc:"Required except when dissolving"`
	ShortName    string `json:"short_name" form:"short_name" required:"false" maxLength:"100"`
	Type         string `json:"type" form:"type" required:"false" enum:"province,department,commune,district,public_service,front,mass_mobilization_board,other" doc:"Required except when dissolving"`
	ParentID     *int   `json:"parent_id" form:"parent_id" required:"false" doc:"The parent unit (0 or null: none)"`
	Address      string `json:"address" form:"address" required:"false" maxLength:"500"`
	LeaderName   string `json:"leader_name" form:"leader_name" required:"false" maxLength:"200"`
	LeaderTitle  string `json:"leader_title" form:"leader_title" required:"false" maxLength:"200"`
	LeaderPhone  string `json:"leader_phone" form:"leader_phone" required:"false" maxLength:"50" doc:"8–15 digits; spaces . - ( ) + allowed"`
	LeaderEmail  string `json:"leader_email" form:"leader_email" required:"false" maxLength:"254"`
	OfficerName  string `json:"officer_name" form:"officer_name" required:"false" maxLength:"200"`
	OfficerTitle string `json:"officer_title" form:"officer_title" required:"false" maxLength:"200"`
	OfficerPhone string `json:"officer_phone" form:"officer_phone" required:"false" maxLength:"50" doc:"8–15 digits; spaces . - ( ) + allowed"`
	OfficerEmail string `json:"officer_email" form:"officer_email" required:"false" maxLength:"254"`
	UnitIDs      []int  `json:"unit_ids" form:"unit_ids" required:"false" doc:"Merging: the units that end and are replaced"`
	Note         string `json:"note" form:"note" required:"false" maxLength:"1000" doc:"Merging or dissolving: a note for the history"`
}

func (r unitRequest) attrs() unit.Attrs {
	return unit.Attrs{Name: r.Name, ShortName: r.ShortName, Type: r.Type, ParentID: r.ParentID, Address: r.Address,
		LeaderName: r.LeaderName, LeaderTitle: r.LeaderTitle, LeaderPhone: r.LeaderPhone, LeaderEmail: r.LeaderEmail,
		OfficerName: r.OfficerName, OfficerTitle: r.OfficerTitle, OfficerPhone: r.OfficerPhone, OfficerEmail: r.OfficerEmail}
}

func (h *handler) bindUnit(c echo.Context) (unitRequest, time.Time, error) {
	var in unitRequest
	if err := httpapi.Bind(c, &in); err != nil {
		return in, time.Time{}, err
	}
	if in.ParentID != nil && *in.ParentID == 0 {
		in.ParentID = nil
	}
	d, err := httpapi.Day(in.Date, "date")
	return in, d, err
}

func (h *handler) apiUnitCreate(c echo.Context) error {
	in, d, err := h.bindUnit(c)
	if err != nil {
		return err
	}
	u, err := h.units.Create(c.Request().Context(), in.Code, d, in.attrs())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, UnitCreatedJSON{Code: u.Code, ID: u.ID})
}

func (h *handler) apiUnitChange(c echo.Context) error {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return err
	}
	in, d, err := h.bindUnit(c)
	if err != nil {
		return err
	}
	if in.Kind == "" {
		in.Kind = "update"
	}
	if err := h.units.Change(c.Request().Context(), id, d, in.attrs(), in.Kind); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

func (h *handler) apiUnitDissolve(c echo.Context) error {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return err
	}
	in, d, err := h.bindUnit(c)
	if err != nil {
		return err
	}
	if err := h.units.Dissolve(c.Request().Context(), id, d, in.Note); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

func (h *handler) apiUnitMerge(c echo.Context) error {
	in, d, err := h.bindUnit(c)
	if err != nil {
		return err
	}
	u, err := h.units.Merge(c.Request().Context(), in.UnitIDs, d, in.Code, in.attrs(), in.Note)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, UnitCreatedJSON{Code: u.Code, ID: u.ID})
}

// importUnits reads the uploaded file of a multipart request and imports it.
func (h *handler) importUnits(c echo.Context) (*unit.ImportResult, error) {
	fh, err := c.FormFile("file")
	if err != nil {
		return nil, apperr.Invalid(map[string]string{"file": "required"})
	}
	d, err := httpapi.Day(c.FormValue("date"), "date")
	if err != nil {
		return nil, err
	}
	f, err := fh.Open()
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return h.units.Import(c.Request().Context(), fh.Filename, f, d)
}

func (h *handler) apiUnitImport(c echo.Context) error {
	res, err := h.importUnits(c)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, ImportResultJSON{Created: res.Created, Unchanged: res.Unchanged, Updated: res.Updated})
}

func (h *handler) unitTemplate(c echo.Context) error {
	c.Response().Header().Set(echo.HeaderContentType, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	c.Response().Header().Set(echo.HeaderContentDisposition, `attachment; filename="mau-nhap-don-vi.xlsx"`)
	c.Response().WriteHeader(http.StatusOK)
	return unit.Template(c.Response())
}
