package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"

	enttenant "github.com/danvan-vn/danvan/ent/tenant"
	"github.com/danvan-vn/danvan/internal/config"
	"github.com/danvan-vn/danvan/internal/jobs"
	"github.com/danvan-vn/danvan/internal/tenancy"
)

const reportUsage = "usage: danvan report render --tenant SLUG --period ID|latest --out DIR"

// reportCmd is the operator's console for periodic reports: `report render` runs the same
// code as the consolidation job and writes the three files, with no server running.
func reportCmd(ctx context.Context, cfg *config.Config, args []string, out io.Writer) error {
	if len(args) == 0 || args[0] != "render" {
		return errors.New(reportUsage)
	}
	fs := flag.NewFlagSet("report render", flag.ContinueOnError)
	fs.SetOutput(out)
	slug := fs.String("tenant", "", "the province's slug, e.g. quang-ngai")
	period := fs.String("period", "latest", "the period's id, or latest (the most recent whose deadline has passed)")
	dir := fs.String("out", ".", "directory to write the DOCX, XLSX and PDF into")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if *slug == "" || fs.NArg() > 0 {
		return errors.New(reportUsage)
	}
	a, err := open(ctx, cfg)
	if err != nil {
		return err
	}
	defer a.Close()
	t, err := a.DB.Client.Tenant.Query().Where(enttenant.Slug(*slug)).Only(tenancy.SystemContext(ctx))
	if err != nil {
		return fmt.Errorf("report render: no province %q", *slug)
	}
	tctx, err := jobs.TenantContext(ctx, a.DB.Client, t.ID)
	if err != nil {
		return err
	}
	var id int
	if *period == "latest" {
		p, err := a.Reports.Latest(tctx)
		if err != nil {
			return fmt.Errorf("report render: %s has no period whose deadline has passed", *slug)
		}
		id = p.ID
	} else if id, err = strconv.Atoi(*period); err != nil || id <= 0 {
		return fmt.Errorf("report render: --period wants a period id or latest, not %q", *period)
	}
	p, err := a.Reports.Period(tctx, id)
	if err != nil {
		return fmt.Errorf("report render: %s has no period %d", *slug, id)
	}
	r, err := a.Reports.Render(tctx, id, nil)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(*dir, 0o755); err != nil {
		return err
	}
	fmt.Fprintf(out, "%s — %s (period %d, due %s)\n", t.Name, p.Name, p.ID, p.DueOn.Format("02/01/2006"))
	for _, f := range []struct {
		ext  string
		data []byte
	}{{"docx", r.DOCX}, {"xlsx", r.XLSX}, {"pdf", r.PDF}} {
		path := filepath.Join(*dir, r.Base+"."+f.ext)
		if err := os.WriteFile(path, f.data, 0o644); err != nil {
			return err
		}
		fmt.Fprintf(out, "wrote %s (%d bytes)\n", path, len(f.data))
	}
	return nil
}
