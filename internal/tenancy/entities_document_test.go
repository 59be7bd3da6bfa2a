package tenancy_test

import (
	"context"
	"fmt"

	"github.com/danvan-vn/danvan/ent"
	"github.com/danvan-vn/danvan/internal/tenancy/tenancytest"
)

// newDocument registers a document in the viewer's province, for the rows that hang from one.
func newDocument(ctx context.Context, tx *ent.Tx) (*ent.Document, error) {
	n := cfgSeq.Add(1)
	return tx.Document.Create().SetType("ke_hoach").SetNumberSymbol(fmt.Sprintf("%d/KH-UBND", n)).
		SetSymbolKey(fmt.Sprintf("%d/KH-UBND", n)).SetYear(2025).Save(ctx)
}

// documentEntities are the tenant-owned entities of the document register.
func documentEntities() []tenancytest.Entity {
	return []tenancytest.Entity{
		entity("documents",
			func(ctx context.Context, tx *ent.Tx) (int, error) {
				d, err := newDocument(ctx, tx)
				if err != nil {
					return 0, err
				}
				return d.ID, nil
			},
			func(ctx context.Context, c *ent.Client, id int) error { _, err := c.Document.Get(ctx, id); return err },
			func(ctx context.Context, tx *ent.Tx, id int) error {
				return tx.Document.UpdateOneID(id).SetSummary("Sửa trích yếu").Exec(ctx)
			},
			func(ctx context.Context, tx *ent.Tx, id int) error { return tx.Document.DeleteOneID(id).Exec(ctx) }),
		entity("document_files",
			func(ctx context.Context, tx *ent.Tx) (int, error) {
				d, err := newDocument(ctx, tx)
				if err != nil {
					return 0, err
				}
				f, err := tx.DocumentFile.Create().SetDocumentID(d.ID).SetName("ke-hoach.docx").SetVersion(1).
					SetContentType("application/pdf").SetSize(3).SetSha256("x").SetObjectKey(fmt.Sprintf("documents/%d/1.pdf", d.ID)).Save(ctx)
				if err != nil {
					return 0, err
				}
				return f.ID, nil
			},
			func(ctx context.Context, c *ent.Client, id int) error {
				_, err := c.DocumentFile.Get(ctx, id)
				return err
			},
			// A file version is immutable (a new upload is a new version): the update the harness
			// tries sets nothing, yet still passes the tenant rule and row-level security.
			func(ctx context.Context, tx *ent.Tx, id int) error { return tx.DocumentFile.UpdateOneID(id).Exec(ctx) },
			func(ctx context.Context, tx *ent.Tx, id int) error { return tx.DocumentFile.DeleteOneID(id).Exec(ctx) }),
		entity("citations",
			func(ctx context.Context, tx *ent.Tx) (int, error) {
				d, err := newDocument(ctx, tx)
				if err != nil {
					return 0, err
				}
				c, err := tx.Citation.Create().SetDocumentID(d.ID).SetType("nghi_quyet").SetNumberSymbol("25-NQ/TW").
					SetSymbolKey("25-NQ/TW").Save(ctx)
				if err != nil {
					return 0, err
				}
				return c.ID, nil
			},
			func(ctx context.Context, c *ent.Client, id int) error { _, err := c.Citation.Get(ctx, id); return err },
			func(ctx context.Context, tx *ent.Tx, id int) error {
				return tx.Citation.UpdateOneID(id).SetTitle("Về công tác dân vận").Exec(ctx)
			},
			func(ctx context.Context, tx *ent.Tx, id int) error { return tx.Citation.DeleteOneID(id).Exec(ctx) }),
	}
}
