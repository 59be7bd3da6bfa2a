// Package report runs the periodic reports (chế độ báo cáo định kỳ, Nghị định 09/2019/NĐ-CP):
// each active regime opens its periods ahead of time with the units expected to report (as the
// map stood during the data window), units draft and submit their reports against the regime's
// template, the standing agency accepts or returns them, a board shows who is on time, late or
// missing, and a background job consolidates the submissions into the province report (DOCX in
// the Nghị định 30/2020 layout, an XLSX annex and a PDF).
package report

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"io"
	"time"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/internal/calendar"
	"github.com/danvan-vn/danvan/internal/jobs"
	"github.com/danvan-vn/danvan/internal/storage"
)

// Files stores attachments and outputs in the province's bucket.
type Files interface {
	Put(ctx context.Context, tenantSlug, key string, r io.Reader, size int64, contentType string) (storage.ObjectInfo, error)
	Get(ctx context.Context, tenantSlug, key string) (io.ReadCloser, storage.ObjectInfo, error)
	Delete(ctx context.Context, tenantSlug, key string) error
}

// Quota is the province's plan: storage for files, and the monthly report generations.
type Quota interface {
	CheckStorage(ctx context.Context, adding int64) error
	CheckReports(ctx context.Context) error
}

// Calendars gives the province's working-day calendar (regime.Service does).
type Calendars interface {
	Calendar(ctx context.Context) (*calendar.Calendar, error)
}

// Settings gives the province's settings (letterhead, place).
type Settings interface {
	All(ctx context.Context) (map[string]string, error)
}

// TaskCounts are a unit's lead task assignments by four-way status, today.
type TaskCounts struct{ Total, DoneOnTime, DoneLate, Open, Overdue int }

// Tasks counts a unit's tasks (the plan module does); nil when the module is absent.
type Tasks interface {
	UnitTaskCounts(ctx context.Context, unitID int) (TaskCounts, error)
}

// Jobs creates and dispatches job rows (jobs.Runner does).
type Jobs interface {
	Create(ctx context.Context, c *ent.Client, s jobs.Spec) (*ent.Job, error)
	Dispatch(ctx context.Context, j *ent.Job) error
}

// Deps are what the service works with; Tasks and Jobs may be nil (no computed task figures, no
// background generation).
type Deps struct {
	DB       *ent.Client
	Calendar Calendars
	Files    Files
	Quota    Quota
	Settings Settings
	Tasks    Tasks
	Jobs     Jobs
}

// Service runs the viewer's province's periodic reports.
type Service struct {
	db       *ent.Client
	cals     Calendars
	files    Files
	quota    Quota
	settings Settings
	tasks    Tasks
	jobs     Jobs
	urger    Urger
	now      func() time.Time
}

// SubjectKind is what the reminder engine calls a unit's report (its decisions' subject_kind).
const SubjectKind = "report"

// Urger decides and delivers urges inside the caller's transaction: internal/reminder, so a
// board's "urge" reaches the unit's officer and leader by the same path as the reminders, once.
type Urger interface {
	UrgeTx(ctx context.Context, tx *ent.Tx, subjectKind string, ids []int, note string) (int, error)
	// Kick sends what the urge put in the outbox, after the commit.
	Kick(ctx context.Context)
}

// SetUrger makes Urge deliver through u (the composition root wires the reminder engine).
func (s *Service) SetUrger(u Urger) { s.urger = u }

// New returns the service.
func New(d Deps) *Service {
	return &Service{db: d.DB, cals: d.Calendar, files: d.Files, quota: d.Quota, settings: d.Settings,
		tasks: d.Tasks, jobs: d.Jobs, now: time.Now}
}

// SetClock makes the service read time from now (tests: the late boundary, periods opening).
func (s *Service) SetClock(now func() time.Time) { s.now = now }

// today is the day it is in Vietnam.
func (s *Service) today() calendar.Date {
	t := s.now().In(calendar.Location())
	return calendar.NewDate(t.Year(), t.Month(), t.Day())
}

// day is a civil date as stored: midnight UTC of that day.
func day(d calendar.Date) time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) }

// dateOf reads a stored civil date back (in UTC: the driver hands timestamps back in the
// process's local zone, where midnight UTC may fall on the day before).
func dateOf(t time.Time) calendar.Date {
	t = t.UTC()
	return calendar.NewDate(t.Year(), t.Month(), t.Day())
}

// LateAfter is the instant a report due on due becomes late: the end of that day in Vietnam
// (midnight Asia/Ho_Chi_Minh at the start of the next day).
func LateAfter(due time.Time) time.Time {
	due = due.UTC() // a stored civil date, however the driver's zone shows it
	return time.Date(due.Year(), due.Month(), due.Day()+1, 0, 0, 0, 0, calendar.Location())
}

// IsLate reports whether a report submitted at t for a period due on due is late.
func IsLate(due, t time.Time) bool { return !t.Before(LateAfter(due)) }

func lhLocation() *time.Location { return calendar.Location() }

// objectID names a stored object uniquely (random, never from user input or the clock, which
// tests set).
func objectID() string {
	var b [12]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
