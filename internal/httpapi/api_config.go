package httpapi

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/internal/apperr"
	"github.com/danvan-vn/danvan/internal/calendar"
	"github.com/danvan-vn/danvan/internal/committee"
	"github.com/danvan-vn/danvan/internal/regime"
	"github.com/danvan-vn/danvan/internal/unit"
	"github.com/danvan-vn/danvan/internal/viewer"
)

// dayParam reads a date (dd/mm/yyyy or yyyy-mm-dd) from a query or form value; empty means today.
func dayParam(v, field string) (time.Time, error) {
	if strings.TrimSpace(v) == "" {
		return calendar.Today().UTC(), nil
	}
	d, err := calendar.Parse(v)
	if err != nil {
		return time.Time{}, apperr.Invalid(map[string]string{field: "date"})
	}
	return d.UTC(), nil
}

func isoDay(t time.Time) string { return t.Format("2006-01-02") }

func isoDayPtr(t *time.Time) string {
	if t == nil {
		return ""
	}
	return isoDay(*t)
}

func optDay(v, field string) (*time.Time, error) {
	if strings.TrimSpace(v) == "" {
		return nil, nil
	}
	d, err := dayParam(v, field)
	return &d, err
}

// --- units ---

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
	return VersionJSON{ValidFrom: isoDay(v.ValidFrom), ValidTo: isoDayPtr(v.ValidTo), Change: v.Change, Name: v.Name,
		ShortName: v.ShortName, Type: string(v.Type), ParentID: v.ParentID, Address: v.Address,
		Leader:  PersonJSON{Name: v.LeaderName, Title: v.LeaderTitle, Phone: v.LeaderPhone, Email: v.LeaderEmail, UserID: v.LeaderUserID},
		Officer: PersonJSON{Name: v.OfficerName, Title: v.OfficerTitle, Phone: v.OfficerPhone, Email: v.OfficerEmail, UserID: v.OfficerUserID}}
}

func unitJSON(n unit.Node) UnitJSON {
	return UnitJSON{ID: n.Unit.ID, Code: n.Unit.Code, ExistsFrom: isoDay(n.Unit.ValidFrom), ExistsTo: isoDayPtr(n.Unit.ValidTo),
		SuccessorID: n.Unit.SuccessorID, Version: versionJSON(n.Version)}
}

func treeJSON(ts []*unit.TreeNode) []UnitJSON {
	out := []UnitJSON{}
	for _, t := range ts {
		j := unitJSON(t.Node)
		j.Children = treeJSON(t.Children)
		out = append(out, j)
	}
	return out
}

func (s *Server) apiUnits(c echo.Context) error {
	ctx := c.Request().Context()
	d, err := dayParam(c.QueryParam("date"), "date")
	if err != nil {
		return err
	}
	if c.QueryParam("tree") == "1" && c.QueryParam("q") == "" {
		tree, err := s.app.Units.Tree(ctx, d)
		if err != nil {
			return err
		}
		return c.JSON(http.StatusOK, map[string]any{"date": isoDay(d), "units": treeJSON(tree)})
	}
	nodes, err := s.app.Units.AsOf(ctx, d, c.QueryParam("q"))
	if err != nil {
		return err
	}
	out := []UnitJSON{}
	for _, n := range nodes {
		out = append(out, unitJSON(n))
	}
	return c.JSON(http.StatusOK, map[string]any{"date": isoDay(d), "units": out})
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

func (s *Server) apiUnit(c echo.Context) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	h, err := s.app.Units.HistoryOf(c.Request().Context(), id)
	if err != nil {
		return err
	}
	out := UnitHistoryJSON{UnitJSON: UnitJSON{ID: h.Unit.ID, Code: h.Unit.Code, ExistsFrom: isoDay(h.Unit.ValidFrom),
		ExistsTo: isoDayPtr(h.Unit.ValidTo), SuccessorID: h.Unit.SuccessorID}}
	for _, v := range h.Versions {
		out.Versions = append(out.Versions, versionJSON(v))
	}
	if len(h.Versions) > 0 {
		out.Version = versionJSON(h.Versions[len(h.Versions)-1])
	}
	for _, e := range h.Events {
		out.Events = append(out.Events, UnitEventJSON{Kind: string(e.Kind), Date: isoDay(e.Date), UnitID: e.UnitID, From: e.FromUnitIds, Note: e.Note})
	}
	return c.JSON(http.StatusOK, out)
}

// unitRequest is the body of unit operations (JSON or form).
type unitRequest struct {
	Code         string `json:"code" form:"code"`
	Date         string `json:"date" form:"date"`
	Kind         string `json:"kind" form:"kind"`
	Name         string `json:"name" form:"name"`
	ShortName    string `json:"short_name" form:"short_name"`
	Type         string `json:"type" form:"type"`
	ParentID     *int   `json:"parent_id" form:"parent_id"`
	Address      string `json:"address" form:"address"`
	LeaderName   string `json:"leader_name" form:"leader_name"`
	LeaderTitle  string `json:"leader_title" form:"leader_title"`
	LeaderPhone  string `json:"leader_phone" form:"leader_phone"`
	LeaderEmail  string `json:"leader_email" form:"leader_email"`
	OfficerName  string `json:"officer_name" form:"officer_name"`
	OfficerTitle string `json:"officer_title" form:"officer_title"`
	OfficerPhone string `json:"officer_phone" form:"officer_phone"`
	OfficerEmail string `json:"officer_email" form:"officer_email"`
	UnitIDs      []int  `json:"unit_ids" form:"unit_ids"`
	Note         string `json:"note" form:"note"`
}

func (r unitRequest) attrs() unit.Attrs {
	return unit.Attrs{Name: r.Name, ShortName: r.ShortName, Type: r.Type, ParentID: r.ParentID, Address: r.Address,
		LeaderName: r.LeaderName, LeaderTitle: r.LeaderTitle, LeaderPhone: r.LeaderPhone, LeaderEmail: r.LeaderEmail,
		OfficerName: r.OfficerName, OfficerTitle: r.OfficerTitle, OfficerPhone: r.OfficerPhone, OfficerEmail: r.OfficerEmail}
}

func (s *Server) bindUnit(c echo.Context) (unitRequest, time.Time, error) {
	var in unitRequest
	if err := bind(c, &in); err != nil {
		return in, time.Time{}, err
	}
	if in.ParentID != nil && *in.ParentID == 0 {
		in.ParentID = nil
	}
	d, err := dayParam(in.Date, "date")
	return in, d, err
}

func (s *Server) apiUnitCreate(c echo.Context) error {
	in, d, err := s.bindUnit(c)
	if err != nil {
		return err
	}
	u, err := s.app.Units.Create(c.Request().Context(), in.Code, d, in.attrs())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, map[string]any{"id": u.ID, "code": u.Code})
}

func (s *Server) apiUnitChange(c echo.Context) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	in, d, err := s.bindUnit(c)
	if err != nil {
		return err
	}
	if in.Kind == "" {
		in.Kind = "update"
	}
	if err := s.app.Units.Change(c.Request().Context(), id, d, in.attrs(), in.Kind); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

func (s *Server) apiUnitDissolve(c echo.Context) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	in, d, err := s.bindUnit(c)
	if err != nil {
		return err
	}
	if err := s.app.Units.Dissolve(c.Request().Context(), id, d, in.Note); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

func (s *Server) apiUnitMerge(c echo.Context) error {
	in, d, err := s.bindUnit(c)
	if err != nil {
		return err
	}
	u, err := s.app.Units.Merge(c.Request().Context(), in.UnitIDs, d, in.Code, in.attrs(), in.Note)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, map[string]any{"id": u.ID, "code": u.Code})
}

// importUnits reads the uploaded file of a multipart request and imports it.
func (s *Server) importUnits(c echo.Context) (*unit.ImportResult, error) {
	fh, err := c.FormFile("file")
	if err != nil {
		return nil, apperr.Invalid(map[string]string{"file": "required"})
	}
	d, err := dayParam(c.FormValue("date"), "date")
	if err != nil {
		return nil, err
	}
	f, err := fh.Open()
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return s.app.Units.Import(c.Request().Context(), fh.Filename, f, d)
}

func (s *Server) apiUnitImport(c echo.Context) error {
	res, err := s.importUnits(c)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]int{"created": res.Created, "updated": res.Updated, "unchanged": res.Unchanged})
}

func (s *Server) unitTemplate(c echo.Context) error {
	c.Response().Header().Set(echo.HeaderContentType, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	c.Response().Header().Set(echo.HeaderContentDisposition, `attachment; filename="mau-nhap-don-vi.xlsx"`)
	c.Response().WriteHeader(http.StatusOK)
	return unit.Template(c.Response())
}

// --- committees ---

// CommitteeJSON is a steering committee.
type CommitteeJSON struct {
	ID               int    `json:"id"`
	Name             string `json:"name"`
	Level            string `json:"level"`
	UnitID           *int   `json:"unit_id,omitempty"`
	StandingAgencyID *int   `json:"standing_agency_id,omitempty"`
	TermLabel        string `json:"term_label,omitempty"`
	TermFrom         string `json:"term_from,omitempty"`
	TermTo           string `json:"term_to,omitempty"`
	DecisionNumber   string `json:"decision_number,omitempty"`
	DecisionDate     string `json:"decision_date,omitempty"`
	DecisionFile     string `json:"decision_file,omitempty"`
}

func committeeJSON(c *ent.Committee) CommitteeJSON {
	return CommitteeJSON{ID: c.ID, Name: c.Name, Level: string(c.Level), UnitID: c.UnitID, StandingAgencyID: c.StandingAgencyID,
		TermLabel: c.TermLabel, TermFrom: isoDayPtr(c.TermFrom), TermTo: isoDayPtr(c.TermTo), DecisionNumber: c.DecisionNumber,
		DecisionDate: isoDayPtr(c.DecisionDate), DecisionFile: c.DecisionFileName}
}

type committeeRequest struct {
	Name             string `json:"name" form:"name"`
	Level            string `json:"level" form:"level"`
	UnitID           *int   `json:"unit_id" form:"unit_id"`
	StandingAgencyID *int   `json:"standing_agency_id" form:"standing_agency_id"`
	TermLabel        string `json:"term_label" form:"term_label"`
	TermFrom         string `json:"term_from" form:"term_from"`
	TermTo           string `json:"term_to" form:"term_to"`
	DecisionNumber   string `json:"decision_number" form:"decision_number"`
	DecisionDate     string `json:"decision_date" form:"decision_date"`
}

func (r committeeRequest) input() (committee.Input, error) {
	in := committee.Input{Name: r.Name, Level: r.Level, UnitID: zeroNil(r.UnitID), StandingAgencyID: zeroNil(r.StandingAgencyID),
		TermLabel: r.TermLabel, DecisionNumber: r.DecisionNumber}
	var err error
	if in.TermFrom, err = optDay(r.TermFrom, "term_from"); err != nil {
		return in, err
	}
	if in.TermTo, err = optDay(r.TermTo, "term_to"); err != nil {
		return in, err
	}
	in.DecisionDate, err = optDay(r.DecisionDate, "decision_date")
	return in, err
}

func zeroNil(p *int) *int {
	if p == nil || *p == 0 {
		return nil
	}
	return p
}

func (s *Server) apiCommittees(c echo.Context) error {
	cs, err := s.app.Committees.List(c.Request().Context())
	if err != nil {
		return err
	}
	out := []CommitteeJSON{}
	for _, x := range cs {
		out = append(out, committeeJSON(x))
	}
	return c.JSON(http.StatusOK, map[string]any{"committees": out})
}

func (s *Server) apiCommitteeCreate(c echo.Context) error {
	var r committeeRequest
	if err := bind(c, &r); err != nil {
		return err
	}
	in, err := r.input()
	if err != nil {
		return err
	}
	x, err := s.app.Committees.Create(c.Request().Context(), in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, committeeJSON(x))
}

func (s *Server) apiCommittee(c echo.Context) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	x, err := s.app.Committees.Get(c.Request().Context(), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, committeeJSON(x))
}

func (s *Server) apiCommitteeUpdate(c echo.Context) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	var r committeeRequest
	if err := bind(c, &r); err != nil {
		return err
	}
	in, err := r.input()
	if err != nil {
		return err
	}
	if err := s.app.Committees.Update(c.Request().Context(), id, in); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// MemberPositionJSON is a person in a committee.
type MemberPositionJSON struct {
	ID           int    `json:"id"`
	Position     string `json:"position"`
	PersonName   string `json:"person_name"`
	PersonTitle  string `json:"person_title,omitempty"`
	Office       string `json:"office,omitempty"`
	OfficeUnitID *int   `json:"office_unit_id,omitempty"`
	UserID       *int   `json:"user_id,omitempty"`
	ValidFrom    string `json:"valid_from"`
	ValidTo      string `json:"valid_to,omitempty"`
}

func memberPositionJSON(m *ent.CommitteeMember) MemberPositionJSON {
	return MemberPositionJSON{ID: m.ID, Position: string(m.Position), PersonName: m.PersonName, PersonTitle: m.PersonTitle,
		Office: m.Office, OfficeUnitID: m.OfficeUnitID, UserID: m.UserID, ValidFrom: isoDay(m.ValidFrom), ValidTo: isoDayPtr(m.ValidTo)}
}

// committeeOn reads a committee route's id (which must be the province's) and ?date=.
func (s *Server) committeeOn(c echo.Context) (int, time.Time, error) {
	id, err := idParam(c)
	if err != nil {
		return 0, time.Time{}, err
	}
	d, err := dayParam(c.QueryParam("date"), "date")
	if err != nil {
		return 0, time.Time{}, err
	}
	if _, err := s.app.Committees.Get(c.Request().Context(), id); err != nil {
		return 0, time.Time{}, err
	}
	return id, d, nil
}

func (s *Server) apiCommitteeMembers(c echo.Context) error {
	id, d, err := s.committeeOn(c)
	if err != nil {
		return err
	}
	ms, err := s.app.Committees.Members(c.Request().Context(), id, d)
	if err != nil {
		return err
	}
	out := []MemberPositionJSON{}
	for _, m := range ms {
		out = append(out, memberPositionJSON(m))
	}
	return c.JSON(http.StatusOK, map[string]any{"date": isoDay(d), "members": out})
}

type memberRequest struct {
	Position     string `json:"position" form:"position"`
	UserID       *int   `json:"user_id" form:"user_id"`
	PersonName   string `json:"person_name" form:"person_name"`
	PersonTitle  string `json:"person_title" form:"person_title"`
	OfficeUnitID *int   `json:"office_unit_id" form:"office_unit_id"`
	Office       string `json:"office" form:"office"`
	Date         string `json:"date" form:"date"`
	ReplaceHead  bool   `json:"replace_head" form:"replace_head"`
}

func (s *Server) addMember(c echo.Context) (*ent.CommitteeMember, error) {
	id, err := idParam(c)
	if err != nil {
		return nil, err
	}
	var r memberRequest
	if err := bind(c, &r); err != nil {
		return nil, err
	}
	d, err := dayParam(r.Date, "date")
	if err != nil {
		return nil, err
	}
	return s.app.Committees.AddMember(c.Request().Context(), id, committee.MemberInput{Position: r.Position, UserID: zeroNil(r.UserID),
		PersonName: r.PersonName, PersonTitle: r.PersonTitle, OfficeUnitID: zeroNil(r.OfficeUnitID), Office: r.Office, From: d, ReplaceHead: r.ReplaceHead})
}

func (s *Server) apiCommitteeMemberAdd(c echo.Context) error {
	m, err := s.addMember(c)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, memberPositionJSON(m))
}

func (s *Server) endMember(c echo.Context) ([]int, error) {
	mid, err := strconv.Atoi(c.Param("mid"))
	if err != nil {
		return nil, apperr.NotFound(err)
	}
	if _, err := idParam(c); err != nil {
		return nil, err
	}
	var r memberRequest
	if err := bind(c, &r); err != nil {
		return nil, err
	}
	d, err := dayParam(r.Date, "date")
	if err != nil {
		return nil, err
	}
	return s.app.Committees.EndMember(c.Request().Context(), mid, d)
}

func (s *Server) apiCommitteeMemberEnd(c echo.Context) error {
	orphans, err := s.endMember(c)
	if err != nil {
		return err
	}
	if orphans == nil {
		orphans = []int{}
	}
	return c.JSON(http.StatusOK, map[string]any{"units_without_anyone_in_charge": orphans})
}

// MatrixJSON is who is in charge of which unit.
type MatrixJSON struct {
	Date     string               `json:"date"`
	Members  []MemberPositionJSON `json:"members"`
	Units    []UnitJSON           `json:"units"`
	InCharge map[string][]int     `json:"in_charge"` // unit id → member ids
	Gaps     []int                `json:"gaps"`
}

func (s *Server) apiAssignments(c echo.Context) error {
	id, d, err := s.committeeOn(c)
	if err != nil {
		return err
	}
	mx, err := s.app.Committees.AssignmentMatrix(c.Request().Context(), id, d)
	if err != nil {
		return err
	}
	out := MatrixJSON{Date: isoDay(d), InCharge: map[string][]int{}, Gaps: mx.Gaps, Members: []MemberPositionJSON{}, Units: []UnitJSON{}}
	if out.Gaps == nil {
		out.Gaps = []int{}
	}
	for _, m := range mx.Members {
		out.Members = append(out.Members, memberPositionJSON(m))
	}
	for _, n := range mx.Units {
		out.Units = append(out.Units, unitJSON(n))
	}
	for u, ms := range mx.InCharge {
		out.InCharge[strconv.Itoa(u)] = ms
	}
	return c.JSON(http.StatusOK, out)
}

type assignRequest struct {
	MemberID int    `json:"member_id" form:"member_id"`
	UnitIDs  []int  `json:"unit_ids" form:"unit_ids"`
	Date     string `json:"date" form:"date"`
}

func (s *Server) assign(c echo.Context) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	var r assignRequest
	if err := bind(c, &r); err != nil {
		return err
	}
	d, err := dayParam(r.Date, "date")
	if err != nil {
		return err
	}
	if len(r.UnitIDs) == 0 || r.MemberID == 0 {
		return apperr.Invalid(map[string]string{"unit_ids": "required"})
	}
	if _, err := s.app.Committees.Get(c.Request().Context(), id); err != nil {
		return err
	}
	return s.app.Committees.Assign(c.Request().Context(), r.MemberID, r.UnitIDs, d)
}

func (s *Server) apiAssign(c echo.Context) error {
	if err := s.assign(c); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

func (s *Server) orgChart(c echo.Context) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	d, err := dayParam(c.QueryParam("date"), "date")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	x, err := s.app.Committees.Get(ctx, id)
	if err != nil {
		return err
	}
	ms, err := s.app.Committees.Members(ctx, id, d)
	if err != nil {
		return err
	}
	lang := langOf(c)
	svg := committee.OrgChart(x.Name, ms, func(p string) string { return s.i18n.T(lang, "position."+p) })
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.Blob(http.StatusOK, "image/svg+xml", svg)
}

func (s *Server) uploadDecision(c echo.Context) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	fh, err := c.FormFile("file")
	if err != nil {
		return apperr.Invalid(map[string]string{"file": "required"})
	}
	f, err := fh.Open()
	if err != nil {
		return err
	}
	defer f.Close()
	return s.app.Committees.AttachDecision(c.Request().Context(), id, fh.Filename, fh.Size, f)
}

func (s *Server) apiDecisionUpload(c echo.Context) error {
	if err := s.uploadDecision(c); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// decisionDownload streams the decision file through the app after the permission check.
func (s *Server) decisionDownload(c echo.Context) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	x, err := s.app.Committees.Get(ctx, id)
	if err != nil {
		return err
	}
	if x.DecisionFileKey == "" {
		return apperr.NotFound(nil)
	}
	r, info, err := s.app.Store.Get(ctx, viewer.FromContext(ctx).TenantSlug, x.DecisionFileKey)
	if err != nil {
		return err
	}
	defer r.Close()
	c.Response().Header().Set(echo.HeaderContentDisposition, contentDisposition(x.DecisionFileName))
	c.Response().Header().Set(echo.HeaderContentLength, strconv.FormatInt(info.Size, 10))
	return c.Stream(http.StatusOK, info.ContentType, r)
}

// --- regimes and calendar ---

// RegimeJSON is a reporting regime with its next deadlines.
type RegimeJSON struct {
	ID                 int              `json:"id"`
	Name               string           `json:"name"`
	Frequency          string           `json:"frequency"`
	DeadlineRule       string           `json:"deadline_rule"`
	Shift              string           `json:"shift"`
	ReportingUnitTypes []string         `json:"reporting_unit_types"`
	ReceivingUnitID    *int             `json:"receiving_unit_id,omitempty"`
	ReminderOffsets    []int            `json:"reminder_offsets"`
	Content            string           `json:"content,omitempty"`
	Active             bool             `json:"active"`
	Next               []OccurrenceJSON `json:"next_deadlines,omitempty"`
}

// OccurrenceJSON is one deadline.
type OccurrenceJSON struct {
	Period      string `json:"period"`
	PeriodLabel string `json:"period_label"`
	Nominal     string `json:"nominal"`
	Due         string `json:"due"`
	CutFrom     string `json:"cut_off_from"`
	CutTo       string `json:"cut_off_to"`
}

func occurrencesJSON(os []calendar.Occurrence, lang string) []OccurrenceJSON {
	out := []OccurrenceJSON{}
	for _, o := range os {
		out = append(out, OccurrenceJSON{Period: o.Period.String(), PeriodLabel: o.Period.Label(lang), Nominal: o.Nominal.ISO(), Due: o.Due.ISO(),
			CutFrom: o.CutFrom.ISO(), CutTo: o.CutTo.ISO()})
	}
	return out
}

func regimeJSON(r *ent.ReportingRegime) RegimeJSON {
	out := RegimeJSON{ID: r.ID, Name: r.Name, Frequency: string(r.Frequency), DeadlineRule: r.DeadlineRule, Shift: string(r.Shift),
		ReportingUnitTypes: r.ReportingUnitTypes, ReceivingUnitID: r.ReceivingUnitID, ReminderOffsets: r.ReminderOffsets,
		Content: r.Content, Active: r.Active}
	if out.ReportingUnitTypes == nil {
		out.ReportingUnitTypes = []string{}
	}
	if out.ReminderOffsets == nil {
		out.ReminderOffsets = []int{}
	}
	return out
}

type regimeRequest struct {
	Name               string   `json:"name" form:"name"`
	Frequency          string   `json:"frequency" form:"frequency"`
	DeadlineRule       string   `json:"deadline_rule" form:"deadline_rule"`
	Shift              string   `json:"shift" form:"shift"`
	ReportingUnitTypes []string `json:"reporting_unit_types" form:"reporting_unit_types"`
	ReceivingUnitID    *int     `json:"receiving_unit_id" form:"receiving_unit_id"`
	ReminderOffsets    []int    `json:"reminder_offsets" form:"reminder_offsets"`
	Content            string   `json:"content" form:"content"`
	Active             *bool    `json:"active" form:"active"`
}

func (r regimeRequest) input() regime.Input {
	active := r.Active == nil || *r.Active
	return regime.Input{Name: r.Name, Frequency: r.Frequency, DeadlineRule: r.DeadlineRule, Shift: r.Shift,
		ReportingUnitTypes: r.ReportingUnitTypes, ReceivingUnitID: zeroNil(r.ReceivingUnitID), ReminderOffsets: r.ReminderOffsets,
		Content: r.Content, Active: active}
}

func today() calendar.Date { return calendar.Today() }

func (s *Server) apiRegimes(c echo.Context) error {
	ctx := c.Request().Context()
	rs, err := s.app.Regimes.List(ctx)
	if err != nil {
		return err
	}
	out := []RegimeJSON{}
	for _, r := range rs {
		j := regimeJSON(r)
		next, err := s.app.Regimes.Preview(ctx, regime.InputOf(r), today(), 4)
		if err == nil {
			j.Next = occurrencesJSON(next, langOf(c))
		}
		out = append(out, j)
	}
	return c.JSON(http.StatusOK, map[string]any{"regimes": out})
}

func (s *Server) apiRegime(c echo.Context) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	r, err := s.app.Regimes.Get(c.Request().Context(), id)
	if err != nil {
		return err
	}
	j := regimeJSON(r)
	if next, err := s.app.Regimes.Preview(c.Request().Context(), regime.InputOf(r), today(), 4); err == nil {
		j.Next = occurrencesJSON(next, langOf(c))
	}
	return c.JSON(http.StatusOK, j)
}

func (s *Server) apiRegimeCreate(c echo.Context) error {
	var r regimeRequest
	if err := bind(c, &r); err != nil {
		return err
	}
	x, err := s.app.Regimes.Create(c.Request().Context(), r.input())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, regimeJSON(x))
}

func (s *Server) apiRegimeUpdate(c echo.Context) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	var r regimeRequest
	if err := bind(c, &r); err != nil {
		return err
	}
	x, err := s.app.Regimes.Update(c.Request().Context(), id, r.input())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, regimeJSON(x))
}

func (s *Server) apiRegimeDelete(c echo.Context) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	if err := s.app.Regimes.Delete(c.Request().Context(), id); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// apiRegimePreview computes the next four deadlines of a draft regime without saving it.
func (s *Server) apiRegimePreview(c echo.Context) error {
	var r regimeRequest
	if err := bind(c, &r); err != nil {
		return err
	}
	if r.Name == "" {
		r.Name = "preview"
	}
	from := today()
	next, err := s.app.Regimes.Preview(c.Request().Context(), r.input(), from, 4)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"from": from.ISO(), "next_deadlines": occurrencesJSON(next, langOf(c))})
}

// HolidayJSON is a day in the province's calendar.
type HolidayJSON struct {
	ID   int    `json:"id"`
	Date string `json:"date"`
	Name string `json:"name"`
	Kind string `json:"kind"`
}

func yearParam(c echo.Context) int {
	y, err := strconv.Atoi(c.QueryParam("year"))
	if err != nil || y < 2000 || y > 2100 {
		return today().Year
	}
	return y
}

func (s *Server) apiCalendar(c echo.Context) error {
	y := yearParam(c)
	hs, err := s.app.Regimes.Holidays(c.Request().Context(), y)
	if err != nil {
		return err
	}
	out := []HolidayJSON{}
	for _, h := range hs {
		out = append(out, HolidayJSON{ID: h.ID, Date: isoDay(h.Date), Name: h.Name, Kind: string(h.Kind)})
	}
	return c.JSON(http.StatusOK, map[string]any{"year": y, "days": out})
}

type holidayRequest struct {
	Date string `json:"date" form:"date"`
	Name string `json:"name" form:"name"`
	Kind string `json:"kind" form:"kind"`
	Year int    `json:"year" form:"year"`
}

func (s *Server) addHoliday(c echo.Context) error {
	var r holidayRequest
	if err := bind(c, &r); err != nil {
		return err
	}
	d, err := calendar.Parse(r.Date)
	if err != nil {
		return apperr.Invalid(map[string]string{"date": "date"})
	}
	return s.app.Regimes.AddHoliday(c.Request().Context(), d, r.Name, r.Kind)
}

func (s *Server) apiHolidayAdd(c echo.Context) error {
	if err := s.addHoliday(c); err != nil {
		return err
	}
	return c.NoContent(http.StatusCreated)
}

func (s *Server) apiHolidayDelete(c echo.Context) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	if err := s.app.Regimes.DeleteHoliday(c.Request().Context(), id); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

func (s *Server) seedYear(c echo.Context) (int, bool, error) {
	var r holidayRequest
	if err := bind(c, &r); err != nil {
		return 0, false, err
	}
	if r.Year < 2000 || r.Year > 2100 {
		return 0, false, apperr.Invalid(map[string]string{"year": "invalid"})
	}
	return s.app.Regimes.SeedYear(c.Request().Context(), r.Year)
}

func (s *Server) apiCalendarSeed(c echo.Context) error {
	added, complete, err := s.seedYear(c)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"added": added, "lunar_holidays_known": complete})
}

// --- settings and usage ---

func (s *Server) apiSettings(c echo.Context) error {
	all, err := s.app.Settings.All(c.Request().Context())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"settings": all})
}

func (s *Server) apiSettingsUpdate(c echo.Context) error {
	var in map[string]string
	// Decode the body only: echo's Bind would add the path's slug to the map.
	if err := json.NewDecoder(c.Request().Body).Decode(&in); err != nil {
		return apperr.Invalid(map[string]string{"body": "json"})
	}
	if err := s.app.Settings.Set(c.Request().Context(), in); err != nil {
		return err
	}
	return s.apiSettings(c)
}

func (s *Server) apiUsage(c echo.Context) error {
	u, err := s.app.Quota.Usage(c.Request().Context())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{
		"plan":    u.Plan,
		"units":   map[string]any{"used": u.Units, "limit": u.MaxUnits},
		"users":   map[string]any{"used": u.Users, "limit": u.MaxUsers},
		"storage": map[string]any{"used": u.StorageBytes, "limit": u.MaxStorageBytes},
		"reports": map[string]any{"used": u.ReportsThisMonth, "limit": u.MaxReportsMonth},
		"modules": u.Modules,
	})
}
