package regime_test

import (
	"context"
	"testing"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/internal/apperr"
	"github.com/danvan-vn/danvan/internal/calendar"
	"github.com/danvan-vn/danvan/internal/regime"
	"github.com/danvan-vn/danvan/internal/testenv"
	"github.com/danvan-vn/danvan/internal/viewer"
)

func TestRegimePreview(t *testing.T) {
	d := testenv.OpenDB(t, testenv.Postgres(t).AppURL)
	v := testenv.Province(t, d.Client, "quang-ngai", "Quảng Ngãi")
	ctx := viewer.NewContext(context.Background(), v)
	s := regime.New(d.Client)
	for _, y := range []int{2026, 2027} {
		if _, complete, err := s.SeedYear(ctx, y); err != nil || !complete {
			t.Fatalf("seed %d: complete=%v err=%v", y, complete, err)
		}
	}
	// Seeding twice adds nothing.
	if added, _, _ := s.SeedYear(ctx, 2026); added != 0 {
		t.Errorf("second seed added %d", added)
	}
	// Bad input: each field named.
	_, err := s.Create(ctx, regime.Input{Name: "", Frequency: "weekly", DeadlineRule: "32/13", ReminderOffsets: []int{0}})
	e, ok := apperr.As(err)
	if !ok || e.Fields["name"] == "" || e.Fields["frequency"] == "" || e.Fields["reminder_offsets"] == "" {
		t.Fatalf("bad regime: %v", err)
	}
	annual, err := s.Create(ctx, regime.Input{Name: "Báo cáo năm", Frequency: "annual", DeadlineRule: "15/11", ReminderOffsets: []int{-7, -3, -1, 1, 3}, Active: true})
	if err != nil {
		t.Fatal(err)
	}
	occ, err := s.Preview(ctx, regime.InputOf(annual), calendar.NewDate(2026, 1, 1), 2)
	if err != nil || len(occ) != 2 {
		t.Fatalf("preview: %v %v", occ, err)
	}
	// 15/11/2026 is a Sunday: due Friday 13/11/2026 (previous working day).
	if occ[0].Nominal.String() != "15/11/2026" || occ[0].Due.String() != "13/11/2026" {
		t.Errorf("annual 2026: nominal %s due %s", occ[0].Nominal, occ[0].Due)
	}
	// Inside Tết 2026 (16–20/02 off): a "18/2" rule lands before the holiday.
	occ, err = s.Preview(ctx, regime.Input{Name: "x", Frequency: "annual", DeadlineRule: "18/2"}, calendar.NewDate(2026, 1, 1), 1)
	if err != nil || occ[0].Due.String() != "13/02/2026" {
		t.Errorf("Tết: %v %v", occ, err)
	}
	// A make-up working Saturday keeps the deadline.
	if err := s.AddHoliday(ctx, calendar.NewDate(2026, 8, 15), "Làm bù", "makeup_workday"); err != nil {
		t.Fatal(err)
	}
	occ, _ = s.Preview(ctx, regime.Input{Name: "x", Frequency: "annual", DeadlineRule: "15/8"}, calendar.NewDate(2026, 1, 1), 1)
	if occ[0].Due.String() != "15/08/2026" {
		t.Errorf("make-up Saturday: due %s", occ[0].Due)
	}
	if err := s.AddHoliday(ctx, calendar.NewDate(2026, 8, 12), "Sai", "makeup_workday"); apperr.KindOf(err) != apperr.KindInvalid {
		t.Errorf("make-up day on a Wednesday: %v", err)
	}
	if err := s.AddHoliday(ctx, calendar.NewDate(2026, 8, 15), "Trùng", "holiday"); apperr.KindOf(err) != apperr.KindConflict {
		t.Errorf("duplicate day: %v", err)
	}
	// Across the year end: quarterly "M+1/15" from 01/12/2026 gives Q4/2026 on 15/01/2027.
	occ, _ = s.Preview(ctx, regime.Input{Name: "x", Frequency: "quarterly", DeadlineRule: "M+1/15"}, calendar.NewDate(2026, 12, 1), 4)
	if len(occ) != 4 || occ[0].Period.String() != "2026-Q4" || occ[0].Due.String() != "15/01/2027" {
		t.Errorf("quarterly across the year end: %+v", occ)
	}
	// Another province sees none of it.
	other := testenv.Province(t, d.Client, "nghe-an", "Nghệ An")
	octx := viewer.NewContext(context.Background(), other)
	if _, err := s.Get(octx, annual.ID); !ent.IsNotFound(err) {
		t.Errorf("another province reads the regime: %v", err)
	}
	if hs, _ := s.Holidays(octx, 2026); len(hs) != 0 {
		t.Errorf("another province sees %d holidays", len(hs))
	}
}
