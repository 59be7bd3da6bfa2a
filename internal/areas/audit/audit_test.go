package audit_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	auditarea "github.com/danvan-vn/danvan/internal/areas/audit"

	"github.com/danvan-vn/danvan/internal/areas/identity"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/internal/app/apptest"
	"github.com/danvan-vn/danvan/internal/db"
	"github.com/danvan-vn/danvan/internal/tenancy"
	"github.com/xuri/excelize/v2"
)

const redisDB = 6 // this package's Redis database

func TestAudit_TrailAndExport(t *testing.T) {
	e := apptest.New(t, "services", redisDB)
	admin := e.Client()
	admin.Login("admin@quang-ngai.danvan.vn")
	officer := e.Person(t, "can-bo@quang-ngai.vn", "unit_officer", "quang-ngai", false)
	_, body := officer.Do(http.MethodGet, "/api/v1/me", nil)
	var me identity.UserJSON
	_ = json.Unmarshal(body, &me)
	resp, body := admin.Do(http.MethodGet, fmt.Sprintf("/api/v1/t/quang-ngai/users/%d", me.ID), nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	var m identity.MemberJSON
	_ = json.Unmarshal(body, &m)
	resp, body = admin.Do(http.MethodPut, fmt.Sprintf("/api/v1/t/quang-ngai/memberships/%d", m.Memberships[0].ID), map[string]string{"role": "unit_leader"})
	apptest.Expect(t, resp, body, http.StatusNoContent, "")
	admin.Lang = ""
	resp, body = admin.Do(http.MethodGet, "/api/v1/t/quang-ngai/audit?action=membership.update", nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	var page struct {
		Records []auditarea.AuditJSON `json:"records"`
	}
	_ = json.Unmarshal(body, &page)
	if len(page.Records) != 1 {
		t.Fatalf("membership updates in the trail: %s", body)
	}
	r := page.Records[0]
	ch := r.Changes["role"]
	if ch.Before != "unit_officer" || ch.After != "unit_leader" || !strings.Contains(r.Actor, "admin@quang-ngai.danvan.vn") ||
		r.IP == "" || r.RequestID == "" || r.UserAgent == "" || *r.EntityID != m.Memberships[0].ID {
		t.Errorf("role change record = %+v", r)
	}
	// Another province's trail holds none of it.
	na := e.Client()
	na.Login("admin@nghe-an.danvan.vn")
	resp, body = na.Do(http.MethodGet, "/api/v1/t/nghe-an/audit?action=membership", nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	if strings.Contains(string(body), "can-bo@quang-ngai.vn") || strings.Contains(string(body), "admin@quang-ngai") {
		t.Error("Nghệ An's trail shows Quảng Ngãi's records")
	}
	// Bad filter.
	resp, body = admin.Do(http.MethodGet, "/api/v1/t/quang-ngai/audit?from=31/02/2026x", nil)
	apptest.Expect(t, resp, body, http.StatusUnprocessableEntity, "invalid")

	// CSV export: UTF-8 with BOM, a header, the role change.
	resp, body = admin.Do(http.MethodGet, "/api/v1/t/quang-ngai/audit/export?format=csv&action=membership", nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	if !bytes.HasPrefix(body, []byte("\ufeff")) {
		t.Error("CSV has no BOM")
	}
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(body, []byte("\ufeff")))).ReadAll()
	if err != nil || len(recs) < 2 || recs[0][3] != "action" {
		t.Fatalf("CSV: %v %v", recs, err)
	}
	found := false
	for _, rec := range recs[1:] {
		if rec[3] == "membership.update" && strings.Contains(rec[7], "role: unit_officer → unit_leader") {
			found = true
		}
	}
	if !found {
		t.Errorf("CSV lacks the role change: %v", recs)
	}
	// XLSX export.
	resp, body = admin.Do(http.MethodGet, "/t/quang-ngai/audit/export?format=xlsx&action=membership", nil)
	apptest.Expect(t, resp, body, http.StatusOK, "")
	x, err := excelize.OpenReader(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := x.GetRows("Nhật ký")
	if err != nil || len(rows) != len(recs) || rows[1][3] != recs[1][3] {
		t.Errorf("XLSX rows %v (err %v), want the CSV's %d", rows, err, len(recs))
	}
	resp, body = admin.Do(http.MethodGet, "/api/v1/t/quang-ngai/audit/export?format=pdf", nil)
	apptest.Expect(t, resp, body, http.StatusUnprocessableEntity, "invalid")
}

// TestAudit_SameTransaction: a change that fails leaves no record, a record cannot be written
// without its change, and an audited change outside a transaction is refused.
func TestAudit_SameTransaction(t *testing.T) {
	e := apptest.New(t, "services", redisDB)
	c := e.App.DB.Client
	ctx := tenancy.SystemContext(context.Background()) // the test works below the services
	tn, _ := e.App.Tenants.BySlug(ctx, "nghe-an")
	before, _ := c.AuditLog.Query().Count(ctx)
	err := db.InTx(ctx, c, func(tx *ent.Tx) error {
		if err := tx.Tenant.UpdateOneID(tn.ID).SetName("Nghệ An (đổi)").Exec(ctx); err != nil {
			return err
		}
		return fmt.Errorf("something later fails")
	})
	if err == nil {
		t.Fatal("want the transaction to fail")
	}
	after, _ := c.AuditLog.Query().Count(ctx)
	again, _ := e.App.Tenants.BySlug(ctx, "nghe-an")
	if after != before || again.Name != "Nghệ An" {
		t.Errorf("a rolled-back change left %d records and name %q", after-before, again.Name)
	}
	if err := c.Tenant.UpdateOneID(tn.ID).SetName("x").Exec(ctx); err == nil || !strings.Contains(err.Error(), "transaction") {
		t.Errorf("audited change outside a transaction: %v", err)
	}
	if err := db.InTx(ctx, c, func(tx *ent.Tx) error { return tx.Tenant.UpdateOneID(tn.ID).SetName("Nghệ An").Exec(ctx) }); err != nil {
		t.Fatal(err)
	}
}

func TestMain(m *testing.M) { apptest.Main(m) }
