package plan

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/ent/evidencefile"
	"github.com/danvan-vn/danvan/ent/taskassignment"
	"github.com/danvan-vn/danvan/ent/taskextension"
	"github.com/danvan-vn/danvan/ent/workplan"
	"github.com/danvan-vn/danvan/internal/apperr"
	"github.com/danvan-vn/danvan/internal/db"
	"github.com/danvan-vn/danvan/internal/intake"
	"github.com/danvan-vn/danvan/internal/viewer"
)

// Evidence limits.
const (
	MaxEvidenceFile  = 50 << 20 // bytes per file
	MaxEvidenceFiles = 10       // files per report
)

// FileInput is an uploaded evidence file.
type FileInput struct {
	Name string
	Size int64
	R    io.Reader
}

// ProgressInput is a unit's progress report on its assignment.
type ProgressInput struct {
	Percent    int
	Narrative  string
	ReportedOn time.Time // default today
	Completes  bool      // the unit reports the assignment done: 100 %, completed on ReportedOn
	Files      []FileInput
}

// unitAssignment reads an assignment the viewer reports for: the wall hides other units' rows
// from unit staff; a province role that is not staff of the unit may read but not report.
func (s *Service) unitAssignment(ctx context.Context, id int) (*ent.TaskAssignment, error) {
	a, err := s.db.TaskAssignment.Query().Where(taskassignment.ID(id)).WithTask(func(q *ent.TaskQuery) { q.WithPlan() }).Only(ctx)
	if err != nil {
		return nil, err
	}
	v := viewer.FromContext(ctx)
	if v == nil || !slices.Contains(v.UnitIDs, a.UnitID) {
		return nil, apperr.Forbidden(errors.New("plan: not staff of the assignment's unit"))
	}
	if a.Edges.Task.Edges.Plan.Status != workplan.StatusIssued {
		return nil, apperr.Conflict("plan_not_issued", nil)
	}
	return a, nil
}

// stored is an evidence file read, checked and ready to store.
type stored struct {
	name, contentType, sha, key string
	data                        []byte
}

// intakeReason maps an intake refusal to the field reasons of the catalogs.
func intakeReason(err error) string {
	var ie *intake.Error
	if errors.As(err, &ie) {
		switch ie.Code {
		case intake.CodeEmpty:
			return "file_empty"
		case intake.CodeTooLarge:
			return "file_too_large"
		case intake.CodeUnsupported, intake.CodeMismatch:
			return "file_type"
		}
	}
	return "file_unreadable"
}

// sniff checks an evidence file's content against its name with intake.Sniff. intake reads
// files up to intake.MaxFileBytes whole; a larger evidence file (a scan) may only be a PDF or a
// picture, whose type shows in its first bytes.
func sniff(name string, data []byte) (string, error) {
	if len(data) <= intake.MaxFileBytes {
		return intake.Sniff(name, data)
	}
	switch strings.ToLower(filepath.Ext(name)) {
	case ".pdf", ".jpg", ".jpeg", ".png":
		return intake.Sniff(name, data[:64<<10])
	}
	return "", &intake.Error{Code: intake.CodeTooLarge, Field: intake.FieldFile}
}

var extOf = map[string]string{intake.TypePDF: "pdf", intake.TypeDOCX: "docx", intake.TypeTXT: "txt",
	intake.TypeJPEG: "jpg", intake.TypePNG: "png"}

func readFiles(files []FileInput) ([]stored, error) {
	if len(files) > MaxEvidenceFiles {
		return nil, apperr.Invalid(map[string]string{"files": "too_many_files"})
	}
	out := make([]stored, 0, len(files))
	for _, f := range files {
		name := strings.TrimSpace(f.Name)
		if i := strings.LastIndexAny(name, `/\`); i >= 0 {
			name = name[i+1:] // some browsers send the whole path
		}
		fe := apperr.Fields{}
		name = text(fe, "files", name, 255, true, false)
		if err := fe.Err(); err != nil {
			return nil, err
		}
		if f.Size > MaxEvidenceFile {
			return nil, apperr.Invalid(map[string]string{"files": "file_too_large"})
		}
		data, err := io.ReadAll(io.LimitReader(f.R, MaxEvidenceFile+1))
		if err != nil {
			return nil, fmt.Errorf("plan: read evidence: %w", err)
		}
		if len(data) > MaxEvidenceFile {
			return nil, apperr.Invalid(map[string]string{"files": "file_too_large"})
		}
		ct, err := sniff(name, data)
		if err != nil {
			return nil, apperr.Invalid(map[string]string{"files": intakeReason(err)})
		}
		sum := sha256.Sum256(data)
		out = append(out, stored{name: name, contentType: ct, sha: hex.EncodeToString(sum[:]), data: data})
	}
	return out, nil
}

// Report records a unit's progress on its assignment, with evidence files stored in the
// province's bucket. Only staff of the assignment's unit report (others' assignments are not
// found for unit staff). All or nothing: a failed write removes the files already stored.
func (s *Service) Report(ctx context.Context, assignmentID int, in ProgressInput) (*ent.TaskProgress, error) {
	f := apperr.Fields{}
	in.Narrative = text(f, "narrative", in.Narrative, MaxNarrative, false, true)
	if in.Completes {
		in.Percent = 100
	}
	if in.Percent < 0 || in.Percent > 100 {
		f.Add("percent", "invalid")
	}
	if in.ReportedOn.IsZero() {
		in.ReportedOn = today()
	}
	in.ReportedOn = civil(in.ReportedOn)
	if in.ReportedOn.After(today()) {
		f.Add("reported_on", "date_future")
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	a, err := s.unitAssignment(ctx, assignmentID)
	if err != nil {
		return nil, err
	}
	if a.CompletedOn != nil {
		return nil, apperr.Conflict("already_completed", nil)
	}
	// A report is dated on or after the plan's issue and the unit's last report: a completion
	// back-dated before either would turn late work into work done on time.
	if p := a.Edges.Task.Edges.Plan; p.IssuedOn != nil && in.ReportedOn.Before(civil(*p.IssuedOn)) ||
		a.LastReportedOn != nil && in.ReportedOn.Before(civil(*a.LastReportedOn)) {
		return nil, apperr.Invalid(map[string]string{"reported_on": "date_before_last"})
	}
	files, err := readFiles(in.Files)
	if err != nil {
		return nil, err
	}
	var total int64
	for _, x := range files {
		total += int64(len(x.data))
	}
	if s.quota != nil && total > 0 {
		if err := s.quota.CheckStorage(ctx, total); err != nil {
			return nil, err
		}
	}
	slug := viewer.FromContext(ctx).TenantSlug
	var put []string
	cleanup := func() {
		for _, k := range put {
			_ = s.files.Delete(context.WithoutCancel(ctx), slug, k) // nothing half-done
		}
	}
	for i := range files {
		// The key never contains user input: ids, a timestamp and the sniffed type's extension.
		files[i].key = fmt.Sprintf("plans/%d/assignments/%d/%d-%d.%s", a.WorkPlanID, a.ID, time.Now().UnixNano(), i, extOf[files[i].contentType])
		if _, err := s.files.Put(ctx, slug, files[i].key, bytes.NewReader(files[i].data), int64(len(files[i].data)), files[i].contentType); err != nil {
			cleanup()
			return nil, fmt.Errorf("plan: store evidence: %w", err)
		}
		put = append(put, files[i].key)
	}
	var p *ent.TaskProgress
	err = db.InTx(ctx, s.db, func(tx *ent.Tx) error {
		c := tx.Client()
		// Lock the assignment: two reports completing it at once must not both pass the check.
		cur, err := c.TaskAssignment.Query().Where(taskassignment.ID(a.ID)).Modify(db.ForUpdate).Only(ctx)
		if err != nil {
			return err
		}
		if cur.CompletedOn != nil {
			return apperr.Conflict("already_completed", nil)
		}
		q := c.TaskProgress.Create().SetAssignmentID(a.ID).SetUnitID(a.UnitID).SetPercent(in.Percent).
			SetNarrative(in.Narrative).SetReportedOn(in.ReportedOn).SetCompletes(in.Completes)
		if v := viewer.FromContext(ctx); v.UserID > 0 {
			q.SetAuthorID(v.UserID)
		}
		if p, err = q.Save(ctx); err != nil {
			return err
		}
		for _, x := range files {
			if err := c.EvidenceFile.Create().SetProgressID(p.ID).SetUnitID(a.UnitID).SetName(x.name).SetContentType(x.contentType).
				SetSize(int64(len(x.data))).SetSha256(x.sha).SetObjectKey(x.key).Exec(ctx); err != nil {
				return err
			}
		}
		u := c.TaskAssignment.UpdateOneID(a.ID).SetPercent(in.Percent)
		if cur.LastReportedOn == nil || !in.ReportedOn.Before(*cur.LastReportedOn) {
			u.SetLastReportedOn(in.ReportedOn)
		}
		if in.Completes {
			u.SetCompletedOn(in.ReportedOn)
		}
		return u.Exec(ctx)
	})
	if err != nil {
		cleanup()
		return nil, err
	}
	return p, nil
}

// Reopen clears an assignment's completion (a province role finds the work not done).
func (s *Service) Reopen(ctx context.Context, assignmentID int) error {
	if v := viewer.FromContext(ctx); v == nil || v.UnitScoped() {
		return apperr.Forbidden(errors.New("plan: unit staff do not reopen"))
	}
	return db.InTx(ctx, s.db, func(tx *ent.Tx) error {
		a, err := tx.TaskAssignment.Get(ctx, assignmentID)
		if err != nil {
			return err
		}
		if a.CompletedOn == nil {
			return apperr.Conflict("not_completed", nil)
		}
		return tx.TaskAssignment.UpdateOneID(a.ID).ClearCompletedOn().Exec(ctx)
	})
}

// Evidence opens an evidence file for download, after the viewer's read check (the unit wall).
// The caller closes the reader.
func (s *Service) Evidence(ctx context.Context, id int) (*ent.EvidenceFile, io.ReadCloser, error) {
	f, err := s.db.EvidenceFile.Query().Where(evidencefile.ID(id)).Only(ctx)
	if err != nil {
		return nil, nil, err
	}
	r, _, err := s.files.Get(ctx, viewer.FromContext(ctx).TenantSlug, f.ObjectKey)
	if err != nil {
		return nil, nil, fmt.Errorf("plan: open evidence %d: %w", id, err)
	}
	return f, r, nil
}

// ExtensionInput is a unit's request to move its due day.
type ExtensionInput struct {
	NewDue time.Time
	Reason string
}

// RequestExtension asks to move an assignment's due day (gia hạn). The reason is required, the
// new day must be after the current one, and an assignment has at most one pending request.
func (s *Service) RequestExtension(ctx context.Context, assignmentID int, in ExtensionInput) (*ent.TaskExtension, error) {
	f := apperr.Fields{}
	in.Reason = text(f, "reason", in.Reason, MaxReason, true, true)
	if in.NewDue.IsZero() {
		f.Add("new_due", "required")
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	in.NewDue = civil(in.NewDue)
	a, err := s.unitAssignment(ctx, assignmentID)
	if err != nil {
		return nil, err
	}
	if a.CompletedOn != nil {
		return nil, apperr.Conflict("already_completed", nil)
	}
	t := a.Edges.Task
	cur := a.DueOn
	if cur == nil {
		cal, err := s.calendar(ctx)
		if err != nil {
			return nil, err
		}
		d, ok := DueDate(Facts{DeadlineKind: string(t.DeadlineKind), DueDay: t.DueDay, DueMonth: t.DueMonth,
			PlanYear: t.Edges.Plan.Year, Shift: "none"}, DayOf(today()), cal)
		if !ok {
			return nil, apperr.Invalid(map[string]string{"new_due": "no_deadline"})
		}
		c := d.UTC()
		cur = &c
	}
	if !in.NewDue.After(*cur) {
		return nil, apperr.Invalid(map[string]string{"new_due": "date_order"})
	}
	var x *ent.TaskExtension
	err = db.InTx(ctx, s.db, func(tx *ent.Tx) error {
		if _, err := tx.TaskAssignment.Query().Where(taskassignment.ID(a.ID)).Modify(db.ForUpdate).Only(ctx); err != nil {
			return err
		}
		pending, err := tx.TaskExtension.Query().Where(taskextension.AssignmentID(a.ID), taskextension.StatusEQ(taskextension.StatusRequested)).Exist(ctx)
		if err != nil {
			return err
		}
		if pending {
			return apperr.Conflict("extension_pending", nil)
		}
		q := tx.TaskExtension.Create().SetAssignmentID(a.ID).SetUnitID(a.UnitID).SetOldDue(*cur).SetNewDue(in.NewDue).SetReason(in.Reason)
		if v := viewer.FromContext(ctx); v.UserID > 0 {
			q.SetRequestedBy(v.UserID)
		}
		x, err = q.Save(ctx)
		return err
	})
	return x, err
}

// DecideExtension approves or rejects a pending request with a note; approval moves the
// assignment's due day to the requested one. The request stays as history.
func (s *Service) DecideExtension(ctx context.Context, id int, approve bool, note string) (*ent.TaskExtension, error) {
	f := apperr.Fields{}
	note = text(f, "note", note, MaxReason, false, true)
	if err := f.Err(); err != nil {
		return nil, err
	}
	if v := viewer.FromContext(ctx); v == nil || v.UnitScoped() {
		return nil, apperr.Forbidden(errors.New("plan: unit staff do not decide extensions"))
	}
	var x *ent.TaskExtension
	err := db.InTx(ctx, s.db, func(tx *ent.Tx) error {
		cur, err := tx.TaskExtension.Query().Where(taskextension.ID(id)).Modify(db.ForUpdate).Only(ctx)
		if err != nil {
			return err
		}
		if cur.Status != taskextension.StatusRequested {
			return apperr.Conflict("extension_decided", nil)
		}
		status := taskextension.StatusRejected
		if approve {
			status = taskextension.StatusApproved
		}
		q := tx.TaskExtension.UpdateOneID(id).SetStatus(status).SetDecisionNote(note).SetDecidedAt(time.Now().UTC())
		if v := viewer.FromContext(ctx); v.UserID > 0 {
			q.SetDecidedBy(v.UserID)
		}
		if x, err = q.Save(ctx); err != nil {
			return err
		}
		if approve {
			return tx.TaskAssignment.UpdateOneID(cur.AssignmentID).SetDueOn(cur.NewDue).Exec(ctx)
		}
		return nil
	})
	return x, err
}

// ExtensionRow is a request with its assignment, task, plan and unit.
type ExtensionRow struct {
	Extension  *ent.TaskExtension
	Assignment *ent.TaskAssignment
	Task       *ent.Task
	Plan       *ent.WorkPlan
	UnitName   string
}

// Extensions lists extension requests, newest first; status "" lists all of them.
func (s *Service) Extensions(ctx context.Context, status string) ([]ExtensionRow, error) {
	q := s.db.TaskExtension.Query().WithAssignment(func(q *ent.TaskAssignmentQuery) {
		q.WithTask(func(q *ent.TaskQuery) { q.WithPlan() })
	}).Order(ent.Desc(taskextension.FieldID))
	if status != "" {
		if taskextension.StatusValidator(taskextension.Status(status)) != nil {
			return nil, apperr.Invalid(map[string]string{"status": "invalid"})
		}
		q.Where(taskextension.StatusEQ(taskextension.Status(status)))
	}
	xs, err := q.All(ctx)
	if err != nil {
		return nil, fmt.Errorf("plan: extensions: %w", err)
	}
	var units []int
	for _, x := range xs {
		units = append(units, x.UnitID)
	}
	names, err := s.UnitNames(ctx, units)
	if err != nil {
		return nil, err
	}
	out := make([]ExtensionRow, 0, len(xs))
	for _, x := range xs {
		a := x.Edges.Assignment
		out = append(out, ExtensionRow{Extension: x, Assignment: a, Task: a.Edges.Task, Plan: a.Edges.Task.Edges.Plan, UnitName: names[x.UnitID]})
	}
	return out, nil
}
