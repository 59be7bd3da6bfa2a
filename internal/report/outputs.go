package report

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/ent/job"
	"github.com/danvan-vn/danvan/ent/reportoutput"
	"github.com/danvan-vn/danvan/ent/reportperiod"
	"github.com/danvan-vn/danvan/internal/apperr"
	"github.com/danvan-vn/danvan/internal/db"
	"github.com/danvan-vn/danvan/internal/document"
	"github.com/danvan-vn/danvan/internal/intake"
	"github.com/danvan-vn/danvan/internal/jobs"
	"github.com/danvan-vn/danvan/internal/reportdoc"
	"github.com/danvan-vn/danvan/internal/viewer"
)

// TemplateKey is where a province's own DOCX template for its reports is kept in its bucket.
const TemplateKey = "templates/report.docx"

// MaxFinal caps an uploaded final version (a signed scan as PDF can be large).
const MaxFinal = 50 << 20

// store puts an output's bytes under key and records it as the next version of its kind. For
// a job's output, a row for the same job and kind already there (another delivery of the job)
// wins: the bytes just stored are removed and that row returned; and a job no longer running
// (cancelled meanwhile) records nothing.
func (s *Service) store(ctx context.Context, periodID int, jobID *int, kind reportoutput.Kind, name, ct, key string, data []byte) (*ent.ReportOutput, error) {
	slug := viewer.FromContext(ctx).TenantSlug
	if _, err := s.files.Put(ctx, slug, key, bytes.NewReader(data), int64(len(data)), ct); err != nil {
		return nil, fmt.Errorf("report: store %s: %w", key, err)
	}
	sum := sha256.Sum256(data)
	o, created, err := s.record(ctx, periodID, jobID, kind, name, ct, key, int64(len(data)), hex.EncodeToString(sum[:]))
	if err != nil || !created {
		_ = s.files.Delete(context.WithoutCancel(ctx), slug, key) // not recorded, or recorded by another delivery
	}
	return o, err
}

func (s *Service) record(ctx context.Context, periodID int, jobID *int, kind reportoutput.Kind, name, ct, key string, size int64, sum string) (o *ent.ReportOutput, created bool, err error) {
	err = db.InTx(ctx, s.db, func(tx *ent.Tx) error {
		// Lock the period: two outputs of one kind must not take the same version.
		if _, err := tx.ReportPeriod.Query().Where(reportperiod.ID(periodID)).Modify(db.ForUpdate).Only(ctx); err != nil {
			return err
		}
		if jobID != nil {
			dup, err := tx.ReportOutput.Query().Where(reportoutput.PeriodID(periodID), reportoutput.JobIDEQ(*jobID), reportoutput.KindEQ(kind)).Only(ctx)
			if err == nil {
				o = dup
				return nil
			}
			if !ent.IsNotFound(err) {
				return err
			}
			// The job must still be running: a cancel that won the race records nothing.
			running, err := tx.Job.Query().Where(job.ID(*jobID), job.StatusEQ(job.StatusRunning)).Modify(db.ForUpdate).Exist(ctx)
			if err != nil {
				return err
			}
			if !running {
				return jobs.ErrCancelled
			}
		}
		last, err := tx.ReportOutput.Query().Where(reportoutput.PeriodID(periodID), reportoutput.KindEQ(kind)).
			Order(ent.Desc(reportoutput.FieldVersion)).First(ctx)
		version := 1
		switch {
		case err == nil:
			version = last.Version + 1
		case !ent.IsNotFound(err):
			return err
		}
		q := tx.ReportOutput.Create().SetPeriodID(periodID).SetNillableJobID(jobID).SetKind(kind).SetVersion(version).
			SetName(name).SetContentType(ct).SetSize(size).SetSha256(sum).SetObjectKey(key)
		if v := viewer.FromContext(ctx); v != nil && v.UserID > 0 {
			q.SetCreatedBy(v.UserID)
		}
		o, err = q.Save(ctx)
		created = err == nil
		return err
	})
	if ent.IsConstraintError(err) && jobID != nil { // a concurrent delivery recorded it first
		o, err = s.db.ReportOutput.Query().Where(reportoutput.PeriodID(periodID), reportoutput.JobIDEQ(*jobID), reportoutput.KindEQ(kind)).Only(ctx)
		return o, false, err
	}
	return o, created, err
}

// provinceWide refuses unit staff: the province report holds every unit's text and figures,
// which the unit wall keeps from them. Like the wall, it answers not found: report:read lets
// them in, and what lies beyond the wall is not there for them.
func provinceWide(ctx context.Context) error {
	if viewer.FromContext(ctx).UnitScoped() {
		return apperr.NotFound(errors.New("report: the province report is not for unit staff"))
	}
	return nil
}

// Outputs lists a period's outputs, newest first (not to unit staff).
func (s *Service) Outputs(ctx context.Context, periodID int) ([]*ent.ReportOutput, error) {
	if err := provinceWide(ctx); err != nil {
		return nil, err
	}
	if _, err := s.Period(ctx, periodID); err != nil {
		return nil, err
	}
	return s.db.ReportOutput.Query().Where(reportoutput.PeriodID(periodID)).
		Order(ent.Desc(reportoutput.FieldCreatedAt), ent.Desc(reportoutput.FieldID)).All(ctx)
}

// OpenOutput opens one output of a period for download.
func (s *Service) OpenOutput(ctx context.Context, periodID, outputID int) (io.ReadCloser, *ent.ReportOutput, error) {
	if err := provinceWide(ctx); err != nil {
		return nil, nil, err
	}
	o, err := s.db.ReportOutput.Query().Where(reportoutput.ID(outputID), reportoutput.PeriodID(periodID)).Only(ctx)
	if err != nil {
		return nil, nil, notFound(err)
	}
	rc, _, err := s.files.Get(ctx, viewer.FromContext(ctx).TenantSlug, o.ObjectKey)
	if err != nil {
		return nil, nil, fmt.Errorf("report: open output %d: %w", outputID, err)
	}
	return rc, o, nil
}

// UploadFinal keeps the standing agency's final, signed version (DOCX or PDF) beside the
// generated ones, as the next "final" version.
func (s *Service) UploadFinal(ctx context.Context, periodID int, name string, size int64, r io.Reader) (*ent.ReportOutput, error) {
	if err := provinceWide(ctx); err != nil {
		return nil, err
	}
	if _, err := s.Period(ctx, periodID); err != nil {
		return nil, err
	}
	up, err := document.CheckUpload(name, size, MaxFinal, r)
	if err != nil {
		return nil, err
	}
	if up.ContentType != intake.TypeDOCX && up.ContentType != intake.TypePDF {
		return nil, apperr.Invalid(map[string]string{"file": "file_type"})
	}
	if s.quota != nil {
		if err := s.quota.CheckStorage(ctx, size); err != nil {
			return nil, err
		}
	}
	slug := viewer.FromContext(ctx).TenantSlug
	key := fmt.Sprintf("reports/%d/final-%s.%s", periodID, objectID(), up.Ext)
	sum, err := up.Store(ctx, s.files, slug, key)
	if err != nil {
		return nil, err
	}
	o, _, err := s.record(ctx, periodID, nil, reportoutput.KindFinal, up.Name, up.ContentType, key, size, sum)
	if err != nil {
		_ = s.files.Delete(context.WithoutCancel(ctx), slug, key)
		return nil, err
	}
	return o, nil
}

// SetDocxTemplate replaces the province's DOCX template for its reports (checked with
// reportdoc.CheckTemplate; field "file"). Reset goes back to the built-in one.
func (s *Service) SetDocxTemplate(ctx context.Context, size int64, r io.Reader) error {
	if size <= 0 || size > reportdoc.MaxTemplateSize {
		return apperr.Invalid(map[string]string{"file": "file_too_large"})
	}
	b, err := io.ReadAll(io.LimitReader(r, reportdoc.MaxTemplateSize+1))
	if err != nil {
		return err
	}
	if err := reportdoc.CheckTemplate(b); err != nil {
		if te, ok := err.(*reportdoc.TemplateError); ok {
			return apperr.Invalid(map[string]string{"file": "template_" + te.Code})
		}
		return err
	}
	if _, err := s.files.Put(ctx, viewer.FromContext(ctx).TenantSlug, TemplateKey, bytes.NewReader(b), int64(len(b)), TypeDOCX); err != nil {
		return fmt.Errorf("report: store template: %w", err)
	}
	return nil
}

// ResetDocxTemplate removes the province's own template: reports use the built-in one again.
func (s *Service) ResetDocxTemplate(ctx context.Context) error {
	return s.files.Delete(ctx, viewer.FromContext(ctx).TenantSlug, TemplateKey)
}

// DocxTemplate returns the template reports are laid out in, and whether it is the province's own.
func (s *Service) DocxTemplate(ctx context.Context) ([]byte, bool, error) {
	b, err := s.docxTemplate(ctx)
	if err != nil || len(b) == 0 {
		return reportdoc.DefaultTemplate(), false, err
	}
	return b, true, nil
}
