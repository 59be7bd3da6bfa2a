package report

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/ent/assignment"
	"github.com/danvan-vn/danvan/ent/committeemember"
	"github.com/danvan-vn/danvan/ent/reportperiod"
	"github.com/danvan-vn/danvan/ent/unitreport"
	"github.com/danvan-vn/danvan/internal/calendar"
	"github.com/danvan-vn/danvan/internal/textnorm"
)

// Counts are a period's expected units by where their report stands. Expected leaves out the
// excused; OnTime and Late count the units that submitted at least once (by their first
// submission); Missing those that never did; Returned and Accepted where they stand now.
type Counts struct {
	Expected, OnTime, Late, Missing, Returned, Accepted, Excused int
}

// Submitted is how many expected units have sent their report.
func (c Counts) Submitted() int { return c.OnTime + c.Late }

// OnTimeRate is the share of expected units that reported on time, in percent (0 when none is
// expected).
func (c Counts) OnTimeRate() int {
	if c.Expected == 0 {
		return 0
	}
	return c.OnTime * 100 / c.Expected
}

func (c *Counts) add(r BoardRow) {
	if r.Excused {
		c.Excused++
		return
	}
	c.Expected++
	switch r.Class {
	case "on_time":
		c.OnTime++
	case "late":
		c.Late++
	default:
		c.Missing++
	}
	switch r.Status {
	case StatusReturned:
		c.Returned++
	case StatusAccepted:
		c.Accepted++
	}
}

// BoardRow is one expected unit on the board.
type BoardRow struct {
	ReportID, UnitID              int
	UnitName, UnitType            string
	Status                        string // the unit report's status
	Class                         string // on_time, late, missing, excused
	Late                          bool
	SubmittedAt, FirstSubmittedAt *time.Time
	LastUrgedAt, EndedOn          *time.Time
	UrgeCount                     int
	Excused                       bool
	ExcuseReason                  string
}

// TypeCounts are the counts of one unit type.
type TypeCounts struct {
	Type string
	Counts
}

// MemberUnits are the units a committee member is in charge of, and where their reports stand.
type MemberUnits struct {
	MemberID    int
	Name, Title string
	Counts
	Rows []BoardRow
}

// Board is a period's completeness board.
type Board struct {
	Period *ent.ReportPeriod
	Counts
	ByType   []TypeCounts
	ByMember []MemberUnits
	Rows     []BoardRow
}

func classOf(r *ent.UnitReport) string {
	switch {
	case r.Excused:
		return "excused"
	case r.FirstSubmittedAt == nil:
		return "missing"
	case r.Late:
		return "late"
	}
	return "on_time"
}

// boardFields are the columns the board reads (never the content).
var boardFields = []string{unitreport.FieldID, unitreport.FieldUnitID, unitreport.FieldUnitName, unitreport.FieldUnitType,
	unitreport.FieldStatus, unitreport.FieldLate, unitreport.FieldSubmittedAt, unitreport.FieldFirstSubmittedAt,
	unitreport.FieldLastUrgedAt, unitreport.FieldUnitEndedOn, unitreport.FieldUrgeCount, unitreport.FieldExcused,
	unitreport.FieldExcuseReason}

// Board returns a period's completeness board: totals, by unit type, by committee member in
// charge (assignments in force on the due day), and every expected unit.
func (s *Service) Board(ctx context.Context, periodID int) (*Board, error) {
	p, err := s.Period(ctx, periodID)
	if err != nil {
		return nil, err
	}
	rs, err := s.db.UnitReport.Query().Where(unitreport.PeriodID(periodID)).Select(boardFields...).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("report: board of period %d: %w", periodID, err)
	}
	b := &Board{Period: p, Rows: make([]BoardRow, len(rs))}
	byType := map[string]*TypeCounts{}
	byUnit := map[int]BoardRow{}
	for i, r := range rs {
		row := BoardRow{ReportID: r.ID, UnitID: r.UnitID, UnitName: r.UnitName, UnitType: r.UnitType,
			Status: string(r.Status), Class: classOf(r), Late: r.Late, SubmittedAt: r.SubmittedAt,
			FirstSubmittedAt: r.FirstSubmittedAt, LastUrgedAt: r.LastUrgedAt, EndedOn: r.UnitEndedOn,
			UrgeCount: r.UrgeCount, Excused: r.Excused, ExcuseReason: r.ExcuseReason}
		b.Rows[i] = row
		b.Counts.add(row)
		tc := byType[r.UnitType]
		if tc == nil {
			tc = &TypeCounts{Type: r.UnitType}
			byType[r.UnitType] = tc
		}
		tc.add(row)
		byUnit[r.UnitID] = row
	}
	textnorm.Sort(b.Rows, func(r BoardRow) string { return r.UnitName })
	for _, tc := range byType {
		b.ByType = append(b.ByType, *tc)
	}
	slices.SortFunc(b.ByType, func(a, c TypeCounts) int { return cmp.Compare(typeRank(a.Type), typeRank(c.Type)) })
	if b.ByMember, err = s.byMember(ctx, p.DueOn, byUnit); err != nil {
		return nil, err
	}
	return b, nil
}

// typeRank orders unit types as the province lists them.
func typeRank(t string) int {
	order := []string{"province", "department", "district", "commune", "public_service", "front", "mass_mobilization_board", "other"}
	if i := slices.Index(order, t); i >= 0 {
		return i
	}
	return len(order)
}

// byMember groups the board's units by the committee member in charge of them on day d.
func (s *Service) byMember(ctx context.Context, d time.Time, byUnit map[int]BoardRow) ([]MemberUnits, error) {
	as, err := s.db.Assignment.Query().Where(assignment.ValidFromLTE(d),
		assignment.Or(assignment.ValidToIsNil(), assignment.ValidToGT(d))).All(ctx)
	if err != nil {
		return nil, err
	}
	units := map[int][]int{}
	for _, a := range as {
		if _, ok := byUnit[a.UnitID]; ok {
			units[a.MemberID] = append(units[a.MemberID], a.UnitID)
		}
	}
	if len(units) == 0 {
		return nil, nil
	}
	ids := make([]int, 0, len(units))
	for id := range units {
		ids = append(ids, id)
	}
	ms, err := s.db.CommitteeMember.Query().Where(committeemember.IDIn(ids...)).
		Order(ent.Asc(committeemember.FieldSort), ent.Asc(committeemember.FieldID)).All(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]MemberUnits, 0, len(ms))
	for _, m := range ms {
		mu := MemberUnits{MemberID: m.ID, Name: m.PersonName, Title: m.PersonTitle}
		for _, u := range units[m.ID] {
			row := byUnit[u]
			mu.Rows = append(mu.Rows, row)
			mu.add(row)
		}
		textnorm.Sort(mu.Rows, func(r BoardRow) string { return r.UnitName })
		out = append(out, mu)
	}
	return out, nil
}

// TrendPoint is one past period's counts.
type TrendPoint struct {
	PeriodID  int
	Key, Name string
	DueOn     time.Time
	Counts
}

// Counts returns the counts of the given periods in one query (the periods list).
func (s *Service) Counts(ctx context.Context, periodIDs []int) (map[int]Counts, error) {
	rs, err := s.db.UnitReport.Query().Where(unitreport.PeriodIDIn(periodIDs...)).
		Select(unitreport.FieldPeriodID, unitreport.FieldStatus, unitreport.FieldLate, unitreport.FieldFirstSubmittedAt, unitreport.FieldExcused).All(ctx)
	if err != nil {
		return nil, err
	}
	out := make(map[int]Counts, len(periodIDs))
	for _, id := range periodIDs {
		out[id] = Counts{}
	}
	for _, r := range rs {
		c := out[r.PeriodID]
		c.add(BoardRow{Status: string(r.Status), Class: classOf(r), Excused: r.Excused})
		out[r.PeriodID] = c
	}
	return out, nil
}

// Trends returns the counts of a regime's last n periods due by today, oldest first, in two
// queries (a period opened ahead of time would show everyone missing).
func (s *Service) Trends(ctx context.Context, regimeID, n int) ([]TrendPoint, error) {
	ps, err := s.db.ReportPeriod.Query().Where(reportperiod.RegimeID(regimeID), reportperiod.DueOnLTE(day(s.today()))).
		Order(ent.Desc(reportperiod.FieldDueOn)).Limit(n).All(ctx)
	if err != nil {
		return nil, err
	}
	ids := make([]int, len(ps))
	for i, p := range ps {
		ids[i] = p.ID
	}
	counts, err := s.Counts(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make([]TrendPoint, 0, len(ps))
	for i := len(ps) - 1; i >= 0; i-- {
		p := ps[i]
		out = append(out, TrendPoint{PeriodID: p.ID, Key: p.Key, Name: p.Name, DueOn: p.DueOn, Counts: counts[p.ID]})
	}
	return out, nil
}

// Vietnamese labels of the board's classes and the unit types, for the XLSX export and the
// consolidated report.
var (
	classVI  = map[string]string{"on_time": "Đúng hạn", "late": "Trễ hạn", "missing": "Chưa gửi", "excused": "Được miễn"}
	statusVI = map[string]string{StatusNotStarted: "Chưa bắt đầu", StatusDraft: "Đang soạn", StatusSubmitted: "Đã gửi",
		StatusReturned: "Trả lại", StatusAccepted: "Đã tiếp nhận"}
	typeVI = map[string]string{"province": "UBND tỉnh", "department": "Các sở, ban, ngành", "district": "UBND các huyện, thị xã, thành phố",
		"commune": "UBND các xã, phường, đặc khu", "public_service": "Đơn vị sự nghiệp", "front": "MTTQ và các đoàn thể",
		"mass_mobilization_board": "Ban Dân vận", "other": "Đơn vị khác"}
)

// TypeLabel names a unit type's group in Vietnamese ("Các sở, ban, ngành").
func TypeLabel(t string) string {
	if l, ok := typeVI[t]; ok {
		return l
	}
	return t
}

// BoardXLSX writes the board as a workbook: one row per expected unit, then the totals.
func BoardXLSX(w io.Writer, b *Board) error {
	f := excelize.NewFile()
	defer f.Close()
	sheet := "Tiến độ báo cáo"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	bold, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Family: "Times New Roman"}})
	_ = sw.SetColWidth(2, 2, 45)
	_ = sw.SetColWidth(3, 3, 30)
	_ = sw.SetColWidth(4, 7, 18)
	title := fmt.Sprintf("%s — hạn %s", b.Period.Name, dateOf(b.Period.DueOn).String())
	if err := sw.SetRow("A1", []any{excelize.Cell{Value: title, StyleID: bold}}); err != nil {
		return err
	}
	head := []any{}
	for _, h := range []string{"STT", "Đơn vị", "Loại đơn vị", "Thời hạn", "Trạng thái", "Ngày gửi lần đầu", "Số lần đôn đốc"} {
		head = append(head, excelize.Cell{Value: h, StyleID: bold})
	}
	if err := sw.SetRow("A3", head); err != nil {
		return err
	}
	loc := calendar.Location()
	for i, r := range b.Rows {
		sent := ""
		if r.FirstSubmittedAt != nil {
			sent = r.FirstSubmittedAt.In(loc).Format("02/01/2006 15:04")
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+4)
		if err := sw.SetRow(cell, []any{i + 1, r.UnitName, TypeLabel(r.UnitType), classVI[r.Class], statusVI[r.Status], sent, r.UrgeCount}); err != nil {
			return err
		}
	}
	n := len(b.Rows) + 5
	for i, kv := range []struct {
		k string
		v int
	}{{"Phải gửi", b.Expected}, {"Đúng hạn", b.OnTime}, {"Trễ hạn", b.Late}, {"Chưa gửi", b.Missing},
		{"Bị trả lại", b.Returned}, {"Đã tiếp nhận", b.Accepted}, {"Được miễn", b.Excused}} {
		cell, _ := excelize.CoordinatesToCellName(2, n+i)
		if err := sw.SetRow(cell, []any{excelize.Cell{Value: kv.k, StyleID: bold}, kv.v}); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.Write(w)
}
