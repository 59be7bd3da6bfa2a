package committees

import (
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/internal/apperr"
	"github.com/danvan-vn/danvan/internal/areas/units"
	"github.com/danvan-vn/danvan/internal/committee"
	"github.com/danvan-vn/danvan/internal/httpapi"
	"github.com/danvan-vn/danvan/internal/orgchart"
	"github.com/danvan-vn/danvan/internal/viewer"
	"github.com/labstack/echo/v4"
)

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
		TermLabel: c.TermLabel, TermFrom: httpapi.ISODayPtr(c.TermFrom), TermTo: httpapi.ISODayPtr(c.TermTo), DecisionNumber: c.DecisionNumber,
		DecisionDate: httpapi.ISODayPtr(c.DecisionDate), DecisionFile: c.DecisionFileName}
}

type committeeRequest struct {
	Name             string `json:"name" form:"name" maxLength:"300"`
	Level            string `json:"level" form:"level" required:"false" enum:"province,commune,district" doc:"Default province"`
	UnitID           *int   `json:"unit_id" form:"unit_id" required:"false" doc:"The unit whose committee it is; required unless level is province"`
	StandingAgencyID *int   `json:"standing_agency_id" form:"standing_agency_id" required:"false" doc:"The unit that is its standing agency"`
	TermLabel        string `json:"term_label" form:"term_label" required:"false" maxLength:"50" doc:"The term (nhiệm kỳ), e.g. 2021-2026"`
	TermFrom         string `json:"term_from" form:"term_from" required:"false" doc:"dd/mm/yyyy or yyyy-mm-dd"`
	TermTo           string `json:"term_to" form:"term_to" required:"false" doc:"dd/mm/yyyy or yyyy-mm-dd, after term_from"`
	DecisionNumber   string `json:"decision_number" form:"decision_number" required:"false" maxLength:"100" doc:"The establishing decision's number (số, ký hiệu)"`
	DecisionDate     string `json:"decision_date" form:"decision_date" required:"false" doc:"dd/mm/yyyy or yyyy-mm-dd"`
}

func (r committeeRequest) input() (committee.Input, error) {
	in := committee.Input{Name: r.Name, Level: r.Level, UnitID: httpapi.ZeroNil(r.UnitID), StandingAgencyID: httpapi.ZeroNil(r.StandingAgencyID),
		TermLabel: r.TermLabel, DecisionNumber: r.DecisionNumber}
	var err error
	if in.TermFrom, err = httpapi.OptDay(r.TermFrom, "term_from"); err != nil {
		return in, err
	}
	if in.TermTo, err = httpapi.OptDay(r.TermTo, "term_to"); err != nil {
		return in, err
	}
	in.DecisionDate, err = httpapi.OptDay(r.DecisionDate, "decision_date")
	return in, err
}

func (h *handler) apiCommittees(c echo.Context) error {
	cs, err := h.committees.List(c.Request().Context())
	if err != nil {
		return err
	}
	out := []CommitteeJSON{}
	for _, x := range cs {
		out = append(out, committeeJSON(x))
	}
	return c.JSON(http.StatusOK, CommitteesJSON{Committees: out})
}

// CommitteesJSON is the province's committees.
type CommitteesJSON struct {
	Committees []CommitteeJSON `json:"committees"`
}

func (h *handler) apiCommitteeCreate(c echo.Context) error {
	var r committeeRequest
	if err := httpapi.Bind(c, &r); err != nil {
		return err
	}
	in, err := r.input()
	if err != nil {
		return err
	}
	x, err := h.committees.Create(c.Request().Context(), in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, committeeJSON(x))
}

func (h *handler) apiCommittee(c echo.Context) error {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return err
	}
	x, err := h.committees.Get(c.Request().Context(), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, committeeJSON(x))
}

func (h *handler) apiCommitteeUpdate(c echo.Context) error {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return err
	}
	var r committeeRequest
	if err := httpapi.Bind(c, &r); err != nil {
		return err
	}
	in, err := r.input()
	if err != nil {
		return err
	}
	if err := h.committees.Update(c.Request().Context(), id, in); err != nil {
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
		Office: m.Office, OfficeUnitID: m.OfficeUnitID, UserID: m.UserID, ValidFrom: httpapi.ISODay(m.ValidFrom), ValidTo: httpapi.ISODayPtr(m.ValidTo)}
}

// committeeOn reads a committee route's id (which must be the province's) and ?date=.
func (h *handler) committeeOn(c echo.Context) (int, time.Time, error) {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return 0, time.Time{}, err
	}
	d, err := httpapi.Day(c.QueryParam("date"), "date")
	if err != nil {
		return 0, time.Time{}, err
	}
	if _, err := h.committees.Get(c.Request().Context(), id); err != nil {
		return 0, time.Time{}, err
	}
	return id, d, nil
}

func (h *handler) apiCommitteeMembers(c echo.Context) error {
	id, d, err := h.committeeOn(c)
	if err != nil {
		return err
	}
	ms, err := h.committees.Members(c.Request().Context(), id, d)
	if err != nil {
		return err
	}
	out := []MemberPositionJSON{}
	for _, m := range ms {
		out = append(out, memberPositionJSON(m))
	}
	return c.JSON(http.StatusOK, MembersJSON{Date: httpapi.ISODay(d), Members: out})
}

// MembersJSON is who sits in a committee on a day (fields in the order of their JSON names).
type MembersJSON struct {
	Date    string               `json:"date" format:"date"`
	Members []MemberPositionJSON `json:"members"`
}

type memberRequest struct {
	Position     string `json:"position" form:"position" required:"false" enum:"head,standing_deputy,deputy,member,support_team" doc:"Adding a member: the position"`
	UserID       *int   `json:"user_id" form:"user_id" required:"false" doc:"The person's danvan account, if any"`
	PersonName   string `json:"person_name" form:"person_name" required:"false" maxLength:"200" doc:"Adding a member: the person's name"`
	PersonTitle  string `json:"person_title" form:"person_title" required:"false" maxLength:"300" doc:"The person's title (chức vụ)"`
	OfficeUnitID *int   `json:"office_unit_id" form:"office_unit_id" required:"false" doc:"The unit the person works in"`
	Office       string `json:"office" form:"office" required:"false" maxLength:"300" doc:"The person's office, as text"`
	Date         string `json:"date" form:"date" required:"false" doc:"From (adding) or on (ending) this day: dd/mm/yyyy or yyyy-mm-dd, default today"`
	ReplaceHead  bool   `json:"replace_head" form:"replace_head" required:"false" doc:"Adding a head: end the current head's membership on date"`
}

func (h *handler) addMember(c echo.Context) (*ent.CommitteeMember, error) {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return nil, err
	}
	var r memberRequest
	if err := httpapi.Bind(c, &r); err != nil {
		return nil, err
	}
	d, err := httpapi.Day(r.Date, "date")
	if err != nil {
		return nil, err
	}
	return h.committees.AddMember(c.Request().Context(), id, committee.MemberInput{Position: r.Position, UserID: httpapi.ZeroNil(r.UserID),
		PersonName: r.PersonName, PersonTitle: r.PersonTitle, OfficeUnitID: httpapi.ZeroNil(r.OfficeUnitID), Office: r.Office, From: d, ReplaceHead: r.ReplaceHead})
}

func (h *handler) apiCommitteeMemberAdd(c echo.Context) error {
	m, err := h.addMember(c)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, memberPositionJSON(m))
}

func (h *handler) endMember(c echo.Context) ([]int, error) {
	mid, err := strconv.Atoi(c.Param("mid"))
	if err != nil {
		return nil, apperr.NotFound(err)
	}
	if _, err := httpapi.ID(c, "id"); err != nil {
		return nil, err
	}
	var r memberRequest
	if err := httpapi.Bind(c, &r); err != nil {
		return nil, err
	}
	d, err := httpapi.Day(r.Date, "date")
	if err != nil {
		return nil, err
	}
	return h.committees.EndMember(c.Request().Context(), mid, d)
}

func (h *handler) apiCommitteeMemberEnd(c echo.Context) error {
	orphans, err := h.endMember(c)
	if err != nil {
		return err
	}
	if orphans == nil {
		orphans = []int{}
	}
	return c.JSON(http.StatusOK, MemberEndJSON{UnitsWithoutAnyoneInCharge: orphans})
}

// MemberEndJSON is what ending a membership left behind.
type MemberEndJSON struct {
	UnitsWithoutAnyoneInCharge []int `json:"units_without_anyone_in_charge" doc:"Units the member was in charge of that now have no one"`
}

// MatrixJSON is who is in charge of which unit.
type MatrixJSON struct {
	Date     string               `json:"date" format:"date"`
	Members  []MemberPositionJSON `json:"members"`
	Units    []units.UnitJSON     `json:"units"`
	InCharge map[string][]int     `json:"in_charge" doc:"Unit id → the ids of the members in charge of it"`
	Gaps     []int                `json:"gaps" doc:"Units no one is in charge of"`
}

func (h *handler) apiAssignments(c echo.Context) error {
	id, d, err := h.committeeOn(c)
	if err != nil {
		return err
	}
	mx, err := h.committees.AssignmentMatrix(c.Request().Context(), id, d)
	if err != nil {
		return err
	}
	out := MatrixJSON{Date: httpapi.ISODay(d), InCharge: map[string][]int{}, Gaps: mx.Gaps, Members: []MemberPositionJSON{}, Units: []units.UnitJSON{}}
	if out.Gaps == nil {
		out.Gaps = []int{}
	}
	for _, m := range mx.Members {
		out.Members = append(out.Members, memberPositionJSON(m))
	}
	for _, n := range mx.Units {
		out.Units = append(out.Units, units.JSON(n))
	}
	for u, ms := range mx.InCharge {
		out.InCharge[strconv.Itoa(u)] = ms
	}
	return c.JSON(http.StatusOK, out)
}

type assignRequest struct {
	MemberID int    `json:"member_id" form:"member_id" doc:"The committee member (its membership id)"`
	UnitIDs  []int  `json:"unit_ids" form:"unit_ids" doc:"The units the member is in charge of"`
	Date     string `json:"date" form:"date" required:"false" doc:"From this day: dd/mm/yyyy or yyyy-mm-dd, default today"`
}

func (h *handler) assign(c echo.Context) error {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return err
	}
	var r assignRequest
	if err := httpapi.Bind(c, &r); err != nil {
		return err
	}
	d, err := httpapi.Day(r.Date, "date")
	if err != nil {
		return err
	}
	if len(r.UnitIDs) == 0 || r.MemberID == 0 {
		return apperr.Invalid(map[string]string{"unit_ids": "required"})
	}
	if _, err := h.committees.Get(c.Request().Context(), id); err != nil {
		return err
	}
	return h.committees.Assign(c.Request().Context(), r.MemberID, r.UnitIDs, d)
}

func (h *handler) apiAssign(c echo.Context) error {
	if err := h.assign(c); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

type memberAssignmentsRequest struct {
	UnitIDs []int  `json:"unit_ids" form:"unit_ids" required:"false" doc:"Every unit the member is in charge of from date on (empty: none)"`
	Date    string `json:"date" form:"date" required:"false" doc:"From this day: dd/mm/yyyy or yyyy-mm-dd, default today"`
}

// setAssignments replaces the units a member (:mid of committee :id) is in charge of.
func (h *handler) setAssignments(c echo.Context) (memberAssignmentsRequest, error) {
	var r memberAssignmentsRequest
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return r, err
	}
	mid, err := httpapi.ID(c, "mid")
	if err != nil {
		return r, err
	}
	if err := httpapi.Bind(c, &r); err != nil {
		return r, err
	}
	d, err := httpapi.Day(r.Date, "date")
	if err != nil {
		return r, err
	}
	return r, h.committees.SetAssignments(c.Request().Context(), id, mid, r.UnitIDs, d)
}

func (h *handler) apiSetAssignments(c echo.Context) error {
	if _, err := h.setAssignments(c); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// chart reads the committee and its members on ?date= as an org chart.
func (h *handler) chart(c echo.Context) (orgchart.Chart, time.Time, error) {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return orgchart.Chart{}, time.Time{}, err
	}
	d, err := httpapi.Day(c.QueryParam("date"), "date")
	if err != nil {
		return orgchart.Chart{}, d, err
	}
	ctx := c.Request().Context()
	x, err := h.committees.Get(ctx, id) // the committee's name, and not found outside the province
	if err != nil {
		return orgchart.Chart{}, d, err
	}
	ms, err := h.committees.Members(ctx, id, d)
	if err != nil {
		return orgchart.Chart{}, d, err
	}
	return committee.OrgChart(x.Name, ms, func(p string) string { return httpapi.T(c, "position."+p) }), d, nil
}

// sendChart answers the picture; with ?download=1 as a file named after the committee and day.
func sendChart(c echo.Context, d time.Time, ext, contentType string, body []byte) error {
	hd := c.Response().Header()
	hd.Set("Cache-Control", "no-store")
	if c.QueryParam("download") != "" {
		hd.Set(echo.HeaderContentDisposition, httpapi.ContentDisposition(fmt.Sprintf("so-do-to-chuc-ban-chi-dao-%s-%s.%s", c.Param("id"), httpapi.ISODay(d), ext)))
	}
	return c.Blob(http.StatusOK, contentType, body)
}

func (h *handler) orgChart(c echo.Context) error {
	ch, d, err := h.chart(c)
	if err != nil {
		return err
	}
	// Opened on its own the picture is a document under its own CSP: it needs nothing (its
	// colours are attributes, not a style sheet), so it may load nothing.
	c.Response().Header().Set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'; base-uri 'none'")
	return sendChart(c, d, "svg", "image/svg+xml", orgchart.SVG(orgchart.Place(ch), ch.Title))
}

func (h *handler) orgChartPNG(c echo.Context) error {
	ch, d, err := h.chart(c)
	if err != nil {
		return err
	}
	b, err := orgchart.PNG(orgchart.Place(ch))
	if err != nil {
		return err
	}
	return sendChart(c, d, "png", "image/png", b)
}

func (h *handler) uploadDecision(c echo.Context) error {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return err
	}
	_, err = httpapi.WithFile(c, func(f httpapi.File) (struct{}, error) {
		return struct{}{}, h.committees.AttachDecision(c.Request().Context(), id, f.Name, f.Size, f)
	})
	return err
}

func (h *handler) apiDecisionUpload(c echo.Context) error {
	if err := h.uploadDecision(c); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// decisionDownload streams the decision file through the app after the permission check.
func (h *handler) decisionDownload(c echo.Context) error {
	id, err := httpapi.ID(c, "id")
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	x, err := h.committees.Get(ctx, id)
	if err != nil {
		return err
	}
	if x.DecisionFileKey == "" {
		return apperr.NotFound(nil)
	}
	r, info, err := h.store.Get(ctx, viewer.FromContext(ctx).TenantSlug, x.DecisionFileKey)
	if err != nil {
		return err
	}
	defer r.Close()
	c.Response().Header().Set(echo.HeaderContentDisposition, httpapi.ContentDisposition(x.DecisionFileName))
	c.Response().Header().Set(echo.HeaderContentLength, strconv.FormatInt(info.Size, 10))
	return c.Stream(http.StatusOK, info.ContentType, r)
}
