package tenancy_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/ent/committeemember"
	"github.com/danvan-vn/danvan/ent/holiday"
	"github.com/danvan-vn/danvan/ent/reportingregime"
	"github.com/danvan-vn/danvan/ent/unitevent"
	"github.com/danvan-vn/danvan/ent/unitversion"
	"github.com/danvan-vn/danvan/internal/tenancy/tenancytest"
)

var cfgSeq atomic.Int64

// entity builds a harness entry whose create, update and delete run in a transaction.
func entity(table string, create func(ctx context.Context, tx *ent.Tx) (int, error),
	get func(ctx context.Context, c *ent.Client, id int) error,
	update func(ctx context.Context, tx *ent.Tx, id int) error,
	del func(ctx context.Context, tx *ent.Tx, id int) error) tenancytest.Entity {
	return tenancytest.Entity{
		Table: table,
		Create: func(ctx context.Context, c *ent.Client) (id int, err error) {
			err = inTx(ctx, c, func(tx *ent.Tx) (err error) { id, err = create(ctx, tx); return err })
			return id, err
		},
		Get: get,
		Update: func(ctx context.Context, c *ent.Client, id int) error {
			return inTx(ctx, c, func(tx *ent.Tx) error { return update(ctx, tx, id) })
		},
		Delete: func(ctx context.Context, c *ent.Client, id int) error {
			return inTx(ctx, c, func(tx *ent.Tx) error { return del(ctx, tx, id) })
		},
	}
}

// configEntities are the tenant-owned entities of province configuration.
func configEntities() []tenancytest.Entity {
	day := time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)
	return []tenancytest.Entity{
		entity("units",
			func(ctx context.Context, tx *ent.Tx) (int, error) {
				u, err := tx.Unit.Create().SetCode(fmt.Sprintf("U%d", cfgSeq.Add(1))).SetValidFrom(day).Save(ctx)
				if err != nil {
					return 0, err
				}
				return u.ID, nil
			},
			func(ctx context.Context, c *ent.Client, id int) error { _, err := c.Unit.Get(ctx, id); return err },
			func(ctx context.Context, tx *ent.Tx, id int) error {
				return tx.Unit.UpdateOneID(id).SetValidTo(day.AddDate(1, 0, 0)).Exec(ctx)
			},
			func(ctx context.Context, tx *ent.Tx, id int) error { return tx.Unit.DeleteOneID(id).Exec(ctx) }),
		entity("unit_versions",
			func(ctx context.Context, tx *ent.Tx) (int, error) {
				v, err := tx.UnitVersion.Create().SetUnitID(1).SetValidFrom(day).SetName("Sở Nội vụ").SetType(unitversion.TypeDepartment).Save(ctx)
				if err != nil {
					return 0, err
				}
				return v.ID, nil
			},
			func(ctx context.Context, c *ent.Client, id int) error {
				_, err := c.UnitVersion.Get(ctx, id)
				return err
			},
			func(ctx context.Context, tx *ent.Tx, id int) error {
				return tx.UnitVersion.UpdateOneID(id).SetName("Sở Nội vụ mới").Exec(ctx)
			},
			func(ctx context.Context, tx *ent.Tx, id int) error { return tx.UnitVersion.DeleteOneID(id).Exec(ctx) }),
		entity("unit_events",
			func(ctx context.Context, tx *ent.Tx) (int, error) {
				e, err := tx.UnitEvent.Create().SetKind(unitevent.KindCreate).SetDate(day).SetUnitID(1).Save(ctx)
				if err != nil {
					return 0, err
				}
				return e.ID, nil
			},
			func(ctx context.Context, c *ent.Client, id int) error { _, err := c.UnitEvent.Get(ctx, id); return err },
			func(ctx context.Context, tx *ent.Tx, id int) error {
				return tx.UnitEvent.UpdateOneID(id).SetNote("x").Exec(ctx)
			},
			func(ctx context.Context, tx *ent.Tx, id int) error { return tx.UnitEvent.DeleteOneID(id).Exec(ctx) }),
		entity("committees",
			func(ctx context.Context, tx *ent.Tx) (int, error) {
				c, err := tx.Committee.Create().SetName("Ban Chỉ đạo").Save(ctx)
				if err != nil {
					return 0, err
				}
				return c.ID, nil
			},
			func(ctx context.Context, c *ent.Client, id int) error { _, err := c.Committee.Get(ctx, id); return err },
			func(ctx context.Context, tx *ent.Tx, id int) error {
				return tx.Committee.UpdateOneID(id).SetTermLabel("2021-2026").Exec(ctx)
			},
			func(ctx context.Context, tx *ent.Tx, id int) error { return tx.Committee.DeleteOneID(id).Exec(ctx) }),
		entity("committee_members",
			func(ctx context.Context, tx *ent.Tx) (int, error) {
				m, err := tx.CommitteeMember.Create().SetCommitteeID(1).SetPosition(committeemember.PositionMember).SetPersonName("Ủy viên").SetValidFrom(day).Save(ctx)
				if err != nil {
					return 0, err
				}
				return m.ID, nil
			},
			func(ctx context.Context, c *ent.Client, id int) error {
				_, err := c.CommitteeMember.Get(ctx, id)
				return err
			},
			func(ctx context.Context, tx *ent.Tx, id int) error {
				return tx.CommitteeMember.UpdateOneID(id).SetPersonTitle("Giám đốc").Exec(ctx)
			},
			func(ctx context.Context, tx *ent.Tx, id int) error {
				return tx.CommitteeMember.DeleteOneID(id).Exec(ctx)
			}),
		entity("assignments",
			func(ctx context.Context, tx *ent.Tx) (int, error) {
				a, err := tx.Assignment.Create().SetMemberID(1).SetUnitID(1).SetValidFrom(day).Save(ctx)
				if err != nil {
					return 0, err
				}
				return a.ID, nil
			},
			func(ctx context.Context, c *ent.Client, id int) error {
				_, err := c.Assignment.Get(ctx, id)
				return err
			},
			func(ctx context.Context, tx *ent.Tx, id int) error {
				return tx.Assignment.UpdateOneID(id).SetValidTo(day.AddDate(0, 1, 0)).Exec(ctx)
			},
			func(ctx context.Context, tx *ent.Tx, id int) error { return tx.Assignment.DeleteOneID(id).Exec(ctx) }),
		entity("reporting_regimes",
			func(ctx context.Context, tx *ent.Tx) (int, error) {
				r, err := tx.ReportingRegime.Create().SetName("Báo cáo 6 tháng").SetFrequency(reportingregime.FrequencySemiannual).SetDeadlineRule("15/6").Save(ctx)
				if err != nil {
					return 0, err
				}
				return r.ID, nil
			},
			func(ctx context.Context, c *ent.Client, id int) error {
				_, err := c.ReportingRegime.Get(ctx, id)
				return err
			},
			func(ctx context.Context, tx *ent.Tx, id int) error {
				return tx.ReportingRegime.UpdateOneID(id).SetDeadlineRule("14/6").Exec(ctx)
			},
			func(ctx context.Context, tx *ent.Tx, id int) error {
				return tx.ReportingRegime.DeleteOneID(id).Exec(ctx)
			}),
		entity("holidays",
			func(ctx context.Context, tx *ent.Tx) (int, error) {
				h, err := tx.Holiday.Create().SetDate(day.AddDate(0, 0, int(cfgSeq.Add(1)))).SetName("Nghỉ bù").SetKind(holiday.KindHoliday).Save(ctx)
				if err != nil {
					return 0, err
				}
				return h.ID, nil
			},
			func(ctx context.Context, c *ent.Client, id int) error { _, err := c.Holiday.Get(ctx, id); return err },
			func(ctx context.Context, tx *ent.Tx, id int) error {
				return tx.Holiday.UpdateOneID(id).SetName("Tết").Exec(ctx)
			},
			func(ctx context.Context, tx *ent.Tx, id int) error { return tx.Holiday.DeleteOneID(id).Exec(ctx) }),
		entity("province_settings",
			func(ctx context.Context, tx *ent.Tx) (int, error) {
				s, err := tx.ProvinceSetting.Create().SetKey(fmt.Sprintf("k%d", cfgSeq.Add(1))).SetValue("v").Save(ctx)
				if err != nil {
					return 0, err
				}
				return s.ID, nil
			},
			func(ctx context.Context, c *ent.Client, id int) error {
				_, err := c.ProvinceSetting.Get(ctx, id)
				return err
			},
			func(ctx context.Context, tx *ent.Tx, id int) error {
				return tx.ProvinceSetting.UpdateOneID(id).SetValue("w").Exec(ctx)
			},
			func(ctx context.Context, tx *ent.Tx, id int) error {
				return tx.ProvinceSetting.DeleteOneID(id).Exec(ctx)
			}),
	}
}
