package report

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/ent/unitreportevent"
	"github.com/danvan-vn/danvan/ent/unitreportfile"
	"github.com/danvan-vn/danvan/ent/unitversion"
	"github.com/danvan-vn/danvan/internal/apperr"
	"github.com/danvan-vn/danvan/internal/db"
	"github.com/danvan-vn/danvan/internal/document"
	"github.com/danvan-vn/danvan/internal/reportdoc"
	"github.com/danvan-vn/danvan/internal/viewer"
)

// MaxAttachment caps a file attached to a unit report.
const MaxAttachment = 50 << 20

// AttachFile attaches a file (the signed scan) to a unit report: DOCX, PDF, JPEG, PNG or text,
// checked against its name; the same name again is a new version. Accepted reports take no
// more files unless reopened.
func (s *Service) AttachFile(ctx context.Context, reportID int, name string, size int64, r io.Reader) (*ent.UnitReportFile, error) {
	rep, err := s.db.UnitReport.Get(ctx, reportID)
	if err != nil {
		return nil, notFound(err)
	}
	if !Editable(rep.Status) { // submitted (under review) or accepted: no change
		return nil, apperr.Conflict("report_locked", nil)
	}
	up, err := document.CheckUpload(name, size, MaxAttachment, r)
	if err != nil {
		return nil, err
	}
	if s.quota != nil {
		if err := s.quota.CheckStorage(ctx, size); err != nil {
			return nil, err
		}
	}
	v := viewer.FromContext(ctx)
	key := fmt.Sprintf("unit-reports/%d/%s.%s", reportID, objectID(), up.Ext)
	sum, err := up.Store(ctx, s.files, v.TenantSlug, key)
	if err != nil {
		return nil, err
	}
	var f *ent.UnitReportFile
	err = db.InTx(ctx, s.db, func(tx *ent.Tx) error {
		rep, err := lockReport(ctx, tx, reportID)
		if err != nil {
			return err
		}
		if !Editable(rep.Status) { // submitted meanwhile
			return apperr.Conflict("report_locked", nil)
		}
		last, err := tx.UnitReportFile.Query().Where(unitreportfile.ReportID(reportID), unitreportfile.Name(up.Name)).
			Order(ent.Desc(unitreportfile.FieldVersion)).First(ctx)
		version := 1
		switch {
		case err == nil:
			version = last.Version + 1
		case !ent.IsNotFound(err):
			return err
		}
		q := tx.UnitReportFile.Create().SetReportID(reportID).SetUnitID(rep.UnitID).SetName(up.Name).SetVersion(version).
			SetContentType(up.ContentType).SetSize(size).SetSha256(sum).SetObjectKey(key)
		if v.UserID > 0 {
			q.SetUploadedBy(v.UserID)
		}
		if f, err = q.Save(ctx); err != nil {
			return err
		}
		return s.event(ctx, tx, rep, unitreportevent.KindFileAdded, up.Name+" (v"+strconv.Itoa(version)+")", nil)
	})
	if err != nil {
		_ = s.files.Delete(context.WithoutCancel(ctx), v.TenantSlug, key) // nothing half-done
		return nil, err
	}
	return f, nil
}

// OpenFile opens a file of a unit report for download.
func (s *Service) OpenFile(ctx context.Context, reportID, fileID int) (io.ReadCloser, *ent.UnitReportFile, error) {
	f, err := s.db.UnitReportFile.Query().Where(unitreportfile.ID(fileID), unitreportfile.ReportID(reportID)).Only(ctx)
	if err != nil {
		return nil, nil, notFound(err)
	}
	rc, _, err := s.files.Get(ctx, viewer.FromContext(ctx).TenantSlug, f.ObjectKey)
	if err != nil {
		return nil, nil, fmt.Errorf("report: open file %d: %w", fileID, err)
	}
	return rc, f, nil
}

// UnitDOCX writes a unit's report as DOCX in the official layout with the unit's own
// letterhead (its parent body, its name, its head as signer) and returns a file name for it.
func (s *Service) UnitDOCX(ctx context.Context, w io.Writer, reportID int) (string, error) {
	v, err := s.Report(ctx, reportID)
	if err != nil {
		return "", err
	}
	r := v.Report
	lh, err := s.letterhead(ctx)
	if err != nil {
		return "", err
	}
	unitLH := reportdoc.Letterhead{Place: lh.Place, Issuer: r.UnitName, SignerTitle: "THỦ TRƯỞNG ĐƠN VỊ"}
	last := v.Period.CutoffTo
	if r.UnitEndedOn != nil && r.UnitEndedOn.Before(last) {
		last = r.UnitEndedOn.AddDate(0, 0, -1)
	}
	if ver, err := s.db.UnitVersion.Query().Where(unitversion.UnitID(r.UnitID), unitversion.ValidFromLTE(last)).
		Order(ent.Desc(unitversion.FieldValidFrom)).First(ctx); err == nil {
		if ver.LeaderTitle != "" {
			unitLH.SignerTitle = ver.LeaderTitle
		}
		unitLH.SignerName = ver.LeaderName
		if ver.ParentID != nil {
			if pv, err := s.db.UnitVersion.Query().Where(unitversion.UnitID(*ver.ParentID), unitversion.ValidFromLTE(last)).
				Order(ent.Desc(unitversion.FieldValidFrom)).First(ctx); err == nil {
				unitLH.Parent = pv.Name
			}
		}
	}
	c := Content(r)
	doc := reportdoc.Doc{Letterhead: unitLH, Number: "/BC", Date: s.now().In(lhLocation()), Kind: "BÁO CÁO",
		Summary:    "Kết quả công tác dân vận chính quyền " + periodLabel(v.Period.Key),
		Recipients: []string{"Ban Chỉ đạo công tác dân vận chính quyền tỉnh", "Lưu: VT"}}
	if r.SubmittedAt != nil {
		doc.Date = r.SubmittedAt.In(lhLocation())
	}
	for _, sec := range v.Template.Sections {
		rs := reportdoc.Section{Number: sec.No, Title: sec.Title}
		if t := strings.TrimSpace(c.Texts[sec.Key]); t != "" {
			rs.Paras = []reportdoc.Para{{Text: t}}
		}
		if sec.Level >= 2 && len(doc.Sections) > 0 {
			parent := &doc.Sections[len(doc.Sections)-1]
			parent.Children = append(parent.Children, rs)
			continue
		}
		doc.Sections = append(doc.Sections, rs)
	}
	if len(v.Template.Indicators) > 0 {
		tbl := reportdoc.Table{Columns: []string{"STT", "Chỉ tiêu", "Đơn vị tính", "Số liệu"}}
		for i, ind := range v.Template.Indicators {
			val := strings.TrimSpace(c.Values[ind.Code])
			if x, ok := ParseValue(ind.Type, val); ok {
				val = FormatNumber(x, ind.Type)
			}
			if val == "" {
				val = "—"
			}
			tbl.Rows = append(tbl.Rows, []string{strconv.Itoa(i + 1), ind.Label, ind.Unit, val})
		}
		doc.Sections = append(doc.Sections, reportdoc.Section{Title: "SỐ LIỆU", Tables: []reportdoc.Table{tbl}})
	}
	var buf bytes.Buffer
	if err := reportdoc.DOCX(&buf, nil, doc); err != nil {
		return "", err
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return "", err
	}
	return fmt.Sprintf("bao-cao-%s-don-vi-%d.docx", v.Period.Key, r.UnitID), nil
}
