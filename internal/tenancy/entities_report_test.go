package tenancy_test

import (
	"context"
	"fmt"
	"time"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/ent/reportingregime"
	"github.com/danvan-vn/danvan/ent/reportoutput"
	"github.com/danvan-vn/danvan/ent/schematype"
	"github.com/danvan-vn/danvan/ent/unitreportevent"
	"github.com/danvan-vn/danvan/internal/tenancy/tenancytest"
)

// newReportTemplate makes a regime and its template.
func newReportTemplate(ctx context.Context, tx *ent.Tx) (*ent.ReportTemplate, error) {
	r, err := tx.ReportingRegime.Create().SetName("Báo cáo 6 tháng").SetFrequency(reportingregime.FrequencySemiannual).
		SetDeadlineRule("M/15").Save(ctx)
	if err != nil {
		return nil, err
	}
	return tx.ReportTemplate.Create().SetRegimeID(r.ID).SetVersion(1).SetName("Mẫu").
		SetSections([]schematype.ReportSection{{Key: "results", No: "I", Title: "KẾT QUẢ"}}).Save(ctx)
}

// newReportPeriod makes a regime, its template and a period of it.
func newReportPeriod(ctx context.Context, tx *ent.Tx) (templateID, periodID int, err error) {
	t, err := newReportTemplate(ctx, tx)
	if err != nil {
		return 0, 0, err
	}
	day := time.Date(2025, 6, 13, 0, 0, 0, 0, time.UTC)
	p, err := tx.ReportPeriod.Create().SetRegimeID(t.RegimeID).SetTemplateID(t.ID).SetKey(fmt.Sprintf("2025-H1-%d", cfgSeq.Add(1))).
		SetName("Báo cáo 6 tháng đầu năm 2025").SetCutoffFrom(day.AddDate(0, -6, 2)).SetCutoffTo(day.AddDate(0, 0, 1)).SetDueOn(day).Save(ctx)
	if err != nil {
		return 0, 0, err
	}
	return t.ID, p.ID, nil
}

func newUnitReport(ctx context.Context, tx *ent.Tx, unitID int) (int, error) {
	_, pid, err := newReportPeriod(ctx, tx)
	if err != nil {
		return 0, err
	}
	r, err := tx.UnitReport.Create().SetPeriodID(pid).SetUnitID(unitID).SetUnitName("Sở Tư pháp").SetUnitType("department").Save(ctx)
	if err != nil {
		return 0, err
	}
	return r.ID, nil
}

// reportEntities are the periodic reports' province-owned entities.
func reportEntities() []tenancytest.Entity {
	return []tenancytest.Entity{
		entity("report_templates",
			func(ctx context.Context, tx *ent.Tx) (int, error) {
				t, err := newReportTemplate(ctx, tx)
				if err != nil {
					return 0, err
				}
				return t.ID, nil
			},
			func(ctx context.Context, c *ent.Client, id int) error {
				_, err := c.ReportTemplate.Get(ctx, id)
				return err
			},
			func(ctx context.Context, tx *ent.Tx, id int) error {
				return tx.ReportTemplate.UpdateOneID(id).Exec(ctx)
			},
			func(ctx context.Context, tx *ent.Tx, id int) error {
				return tx.ReportTemplate.DeleteOneID(id).Exec(ctx)
			}),
		entity("report_periods",
			func(ctx context.Context, tx *ent.Tx) (int, error) {
				_, p, err := newReportPeriod(ctx, tx)
				return p, err
			},
			func(ctx context.Context, c *ent.Client, id int) error {
				_, err := c.ReportPeriod.Get(ctx, id)
				return err
			},
			func(ctx context.Context, tx *ent.Tx, id int) error {
				return tx.ReportPeriod.UpdateOneID(id).SetName("Đã sửa").Exec(ctx)
			},
			func(ctx context.Context, tx *ent.Tx, id int) error { return tx.ReportPeriod.DeleteOneID(id).Exec(ctx) }),
		entity("report_outputs",
			func(ctx context.Context, tx *ent.Tx) (int, error) {
				_, p, err := newReportPeriod(ctx, tx)
				if err != nil {
					return 0, err
				}
				o, err := tx.ReportOutput.Create().SetPeriodID(p).SetKind(reportoutput.KindFinal).SetVersion(1).SetName("bao-cao.pdf").
					SetContentType("application/pdf").SetSize(1).SetSha256("x").SetObjectKey("reports/1/final.pdf").Save(ctx)
				if err != nil {
					return 0, err
				}
				return o.ID, nil
			},
			func(ctx context.Context, c *ent.Client, id int) error {
				_, err := c.ReportOutput.Get(ctx, id)
				return err
			},
			func(ctx context.Context, tx *ent.Tx, id int) error { return tx.ReportOutput.UpdateOneID(id).Exec(ctx) },
			func(ctx context.Context, tx *ent.Tx, id int) error { return tx.ReportOutput.DeleteOneID(id).Exec(ctx) }),
	}
}

// reportUnitEntities are the periodic reports' unit-owned entities.
func reportUnitEntities() []tenancytest.UnitEntity {
	return []tenancytest.UnitEntity{
		unitEntity("unit_reports", newUnitReport,
			func(ctx context.Context, c *ent.Client, id int) error {
				_, err := c.UnitReport.Get(ctx, id)
				return err
			},
			func(ctx context.Context, tx *ent.Tx, id int) error {
				return tx.UnitReport.UpdateOneID(id).SetReviewNote("Đã xem").Exec(ctx)
			},
			func(ctx context.Context, tx *ent.Tx, id int) error { return tx.UnitReport.DeleteOneID(id).Exec(ctx) },
			func(ctx context.Context, tx *ent.Tx, id, u int) error {
				return tx.UnitReport.UpdateOneID(id).SetUnitID(u).Exec(ctx)
			}),
		unitEntity("unit_report_events", func(ctx context.Context, tx *ent.Tx, unitID int) (int, error) {
			rid, err := newUnitReport(ctx, tx, unitID)
			if err != nil {
				return 0, err
			}
			e, err := tx.UnitReportEvent.Create().SetReportID(rid).SetUnitID(unitID).SetKind(unitreportevent.KindUrged).Save(ctx)
			if err != nil {
				return 0, err
			}
			return e.ID, nil
		},
			func(ctx context.Context, c *ent.Client, id int) error {
				_, err := c.UnitReportEvent.Get(ctx, id)
				return err
			},
			func(ctx context.Context, tx *ent.Tx, id int) error {
				return tx.UnitReportEvent.UpdateOneID(id).Exec(ctx)
			},
			func(ctx context.Context, tx *ent.Tx, id int) error {
				return tx.UnitReportEvent.DeleteOneID(id).Exec(ctx)
			},
			func(ctx context.Context, tx *ent.Tx, id, u int) error {
				return tx.UnitReportEvent.UpdateOneID(id).SetUnitID(u).Exec(ctx)
			}),
		unitEntity("unit_report_files", func(ctx context.Context, tx *ent.Tx, unitID int) (int, error) {
			rid, err := newUnitReport(ctx, tx, unitID)
			if err != nil {
				return 0, err
			}
			f, err := tx.UnitReportFile.Create().SetReportID(rid).SetUnitID(unitID).SetName("bao-cao-ky.pdf").SetVersion(1).
				SetContentType("application/pdf").SetSize(1).SetSha256("x").SetObjectKey("unit-reports/1/x.pdf").Save(ctx)
			if err != nil {
				return 0, err
			}
			return f.ID, nil
		},
			func(ctx context.Context, c *ent.Client, id int) error {
				_, err := c.UnitReportFile.Get(ctx, id)
				return err
			},
			func(ctx context.Context, tx *ent.Tx, id int) error {
				return tx.UnitReportFile.UpdateOneID(id).Exec(ctx)
			},
			func(ctx context.Context, tx *ent.Tx, id int) error {
				return tx.UnitReportFile.DeleteOneID(id).Exec(ctx)
			},
			func(ctx context.Context, tx *ent.Tx, id, u int) error {
				return tx.UnitReportFile.UpdateOneID(id).SetUnitID(u).Exec(ctx)
			}),
	}
}
