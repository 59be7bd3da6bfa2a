package audit_test

import (
	"context"
	"strings"
	"testing"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/ent/auditlog"
	"github.com/danvan-vn/danvan/internal/audit"
	"github.com/danvan-vn/danvan/internal/db"
	"github.com/danvan-vn/danvan/internal/tenancy"
	"github.com/danvan-vn/danvan/internal/testenv"
	"github.com/danvan-vn/danvan/internal/viewer"
)

// A request's metadata is stored as sent only when PostgreSQL can hold it: a User-Agent cut
// inside a character, a NUL in a request id or invalid UTF-8 in a forwarded address used to fail
// the change with the record.
func TestRecord_RequestMetadataOnPostgreSQL(t *testing.T) {
	d := testenv.OpenDB(t, testenv.Postgres(t).AppURL)
	v := testenv.Province(t, d.Client, "tinh-a", "Tỉnh A")
	ua := strings.Repeat("a", 299) + "é" + strings.Repeat("b", 50)
	ctx := audit.WithMeta(viewer.NewContext(context.Background(), v),
		audit.Meta{IP: "10.0.0.1\xff", UserAgent: ua, RequestID: "req\x00-1\n"})

	var id int
	if err := db.InTx(ctx, d.Client, func(tx *ent.Tx) error {
		s, err := tx.ProvinceSetting.Create().SetKey("k").SetValue("v").Save(ctx)
		if err == nil {
			id = s.ID
		}
		return err
	}); err != nil {
		t.Fatalf("audited change with odd request metadata: %v", err)
	}
	if err := audit.Record(ctx, d.Client, audit.Entry{TenantID: v.TenantID, Action: "login.failed",
		Subject: "x\x00@example.vn" + strings.Repeat("é", 400)}); err != nil {
		t.Fatalf("explicit record with odd subject: %v", err)
	}

	sys := tenancy.SystemContext(ctx) // read the trail back as it is stored
	l, err := d.Client.AuditLog.Query().Where(auditlog.EntityType("provincesetting"), auditlog.EntityID(id)).Only(sys)
	if err != nil {
		t.Fatal(err)
	}
	if want := strings.Repeat("a", 299) + "é"; l.UserAgent != want {
		t.Errorf("user agent stored as %q, want the first 300 characters %q", l.UserAgent, want)
	}
	if l.RequestID != "req-1" || l.IP != "10.0.0.1\uFFFD" {
		t.Errorf("request id %q, ip %q; want req-1 and 10.0.0.1\uFFFD", l.RequestID, l.IP)
	}
	f, err := d.Client.AuditLog.Query().Where(auditlog.Action("login.failed")).Only(sys)
	if err != nil {
		t.Fatal(err)
	}
	if want := "x@example.vn" + strings.Repeat("é", 300-len("x@example.vn")); f.Subject != want {
		t.Errorf("subject stored as %q, want %q", f.Subject, want)
	}
}
