// Command danvan is the whole product in one binary: the web app and API, the background worker
// and scheduler, migrations, and administration commands.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/danvan-vn/danvan/internal/calendar"

	"github.com/danvan-vn/danvan/internal/account"
	"github.com/danvan-vn/danvan/internal/app"
	"github.com/danvan-vn/danvan/internal/config"
	"github.com/danvan-vn/danvan/internal/jobs"
	"github.com/danvan-vn/danvan/internal/migration"
	"github.com/danvan-vn/danvan/internal/seed"
	"github.com/danvan-vn/danvan/internal/tenancy"
	"github.com/danvan-vn/danvan/internal/tenant"
	"github.com/danvan-vn/danvan/internal/viewer"

	enttenant "github.com/danvan-vn/danvan/ent/tenant"
)

const usage = `danvan: công tác dân vận chính quyền, for Vietnamese provinces.

Usage:
  danvan serve [--web-only | --worker-only]   web app + API + worker + scheduler (default: all)
  danvan worker                               background worker and scheduler only
  danvan migrate up | status                  apply / show database migrations
  danvan migrate diff NAME                    (development) generate a migration from the ent schema
  danvan tenant create --slug S --name N [--plan P] [--admin-email E --admin-name A --admin-password P]
  danvan tenant list
  danvan tenant suspend --slug S
  danvan user create --email E --name N --password P [--platform-admin]
  danvan seed demo                            plans, platform admin and the four seed provinces
  danvan seed scale --tenant S --units N [--periods K]
                                              N more units SCALE-00001… and K past report periods
                                              (default 2) all submitted, for benchmarks and demos
  danvan report render --tenant SLUG --period ID|latest --out DIR
                                              the province report of a period (DOCX, XLSX, PDF),
                                              by the same code as the background job
  danvan healthcheck                          GET /healthz of a running server (for containers)
  danvan directive extract FILE [--json]      header, citations, tasks and reports of a directive
                                              text (.txt; - for standard input; no configuration)
  danvan help config                          the DANVAN_* variables

Global flag: --config FILE (KEY=value lines; the environment wins).
`

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "danvan:", err)
		os.Exit(1)
	}
}

func run(args []string, out io.Writer) error {
	global := flag.NewFlagSet("danvan", flag.ContinueOnError)
	cfgFile := global.String("config", "", "configuration file")
	global.Usage = func() { fmt.Fprint(out, usage) }
	if err := global.Parse(args); err != nil {
		return err
	}
	args = global.Args()
	if len(args) == 0 {
		fmt.Fprint(out, usage)
		return nil
	}
	cmd, rest := args[0], args[1:]
	if cmd == "help" {
		if len(rest) > 0 && rest[0] == "config" {
			tw := tabwriter.NewWriter(out, 2, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "VARIABLE\tDEFAULT\tMEANING")
			for _, v := range config.Vars {
				fmt.Fprintf(tw, "%s\t%s\t%s\n", v.Name, v.Default, v.Help)
			}
			return tw.Flush()
		}
		fmt.Fprint(out, usage)
		return nil
	}
	if cmd == "directive" {
		return directiveCmd(rest, out) // reads a file: no configuration, no database
	}
	cfg, err := config.Load(*cfgFile)
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	switch cmd {
	case "serve":
		fs := flag.NewFlagSet("serve", flag.ContinueOnError)
		webOnly := fs.Bool("web-only", false, "run only the web app and API")
		workerOnly := fs.Bool("worker-only", false, "run only the worker and scheduler")
		if err := fs.Parse(rest); err != nil {
			return err
		}
		if *webOnly && *workerOnly {
			return errors.New("serve: --web-only and --worker-only exclude each other")
		}
		return serve(ctx, cfg, !*workerOnly, !*webOnly, out)
	case "worker":
		return serve(ctx, cfg, false, true, out)
	case "migrate":
		return migrate(ctx, cfg, rest, out)
	case "tenant":
		return tenantCmd(ctx, cfg, rest, out)
	case "user":
		return userCmd(ctx, cfg, rest, out)
	case "seed":
		switch {
		case len(rest) == 1 && rest[0] == "demo":
			return seedDemo(ctx, cfg, out)
		case len(rest) > 0 && rest[0] == "scale":
			return seedScale(ctx, cfg, rest[1:], out)
		}
		return errors.New("usage: danvan seed demo | seed scale --tenant SLUG --units N [--periods K]")
	case "report":
		return reportCmd(ctx, cfg, rest, out)
	case "healthcheck":
		return healthcheck(cfg)
	default:
		return fmt.Errorf("unknown command %q (see `danvan help`)", cmd)
	}
}

func open(ctx context.Context, cfg *config.Config) (*app.App, error) {
	return app.New(ctx, cfg, app.NewLogger(cfg))
}

// demoLogins prints the demo accounts under the URL, as README.md shows them.
func demoLogins(out io.Writer, baseURL string) {
	fmt.Fprintf(out, "Demo logins (password %s, after `danvan seed demo`):\n", seed.DemoPassword)
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "  platform admin\t%s\t%s/platform/tenants\n", seed.PlatformAdminEmail, baseURL)
	for _, p := range seed.Provinces {
		fmt.Fprintf(tw, "  %s\t%s\t%s/t/%s/\n", p.Name, p.AdminEmail, baseURL, p.Slug)
	}
	fmt.Fprintf(tw, "  unit officer\t%s\t(one unit's dân vận officer in each province: its reminders)\n", seed.OfficerEmail("<province>"))
	// With no DANVAN_SMTP_URL nothing leaves the machine: the e-mail danvan writes is read here.
	fmt.Fprintf(tw, "  mail preview\t%s\t%s/platform/mail\n", seed.PlatformAdminEmail, baseURL)
	_ = tw.Flush()
}

func serve(ctx context.Context, cfg *config.Config, web, worker bool, out io.Writer) error {
	a, err := open(ctx, cfg)
	if err != nil {
		return err
	}
	defer a.Close()
	var w *jobs.Worker
	if worker {
		w, err = a.Jobs.NewWorker(a.Redis, jobs.WorkerConfig{Concurrency: cfg.WorkerConcurrency, ShutdownTimeout: cfg.ShutdownTimeout}, true)
		if err != nil {
			return err
		}
		if err := w.Start(ctx); err != nil {
			return err
		}
		a.Log.Info("worker: processing jobs (queues critical, default, low) and running the scheduler", "concurrency", cfg.WorkerConcurrency)
	}
	if !web {
		<-ctx.Done()
		a.Log.Info("worker: shutting down; waiting for jobs in flight", "timeout", cfg.ShutdownTimeout.String())
		w.Shutdown()
		return nil
	}
	srv, err := a.Server()
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "\ndanvan is serving at %s\n", cfg.BaseURL)
	if dbEmb, _, _ := cfg.Embedded(); dbEmb {
		demoLogins(out, cfg.BaseURL)
		fmt.Fprintln(out)
	}
	err = srv.Serve(ctx, cfg)
	if w != nil {
		a.Log.Info("worker: shutting down; waiting for jobs in flight", "timeout", cfg.ShutdownTimeout.String())
		w.Shutdown()
	}
	if errors.Is(err, http.ErrServerClosed) {
		return nil
	}
	return err
}

func migrate(ctx context.Context, cfg *config.Config, args []string, out io.Writer) error {
	if len(args) == 0 {
		return errors.New("usage: danvan migrate up | status | diff NAME")
	}
	switch args[0] {
	case "up":
		st, err := migration.Up(ctx, cfg.MigrateDatabaseURL, cfg.AppDBRole)
		if err != nil {
			return err
		}
		fmt.Fprintln(out, st)
		return nil
	case "status":
		st, err := migration.StatusOf(ctx, cfg.MigrateDatabaseURL)
		if err != nil {
			return err
		}
		fmt.Fprintln(out, st)
		if !st.UpToDate() {
			return errors.New("migrations pending: run `danvan migrate up`")
		}
		return nil
	case "diff":
		if len(args) != 2 {
			return errors.New("usage: danvan migrate diff NAME (uses DANVAN_TEST_DATABASE_URL or the local PostgreSQL for a scratch database)")
		}
		admin := os.Getenv("DANVAN_TEST_DATABASE_URL")
		if admin == "" {
			admin = "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"
		}
		return migration.DiffAll(ctx, admin, "ent/migrate/migrations", args[1])
	default:
		return fmt.Errorf("unknown migrate command %q", args[0])
	}
}

func tenantCmd(ctx context.Context, cfg *config.Config, args []string, out io.Writer) error {
	if len(args) == 0 {
		return errors.New("usage: danvan tenant create | list | suspend")
	}
	fs := flag.NewFlagSet("tenant "+args[0], flag.ContinueOnError)
	slug := fs.String("slug", "", "URL name, e.g. quang-ngai")
	name := fs.String("name", "", "display name, e.g. Quảng Ngãi")
	plan := fs.String("plan", "standard", "SaaS plan code")
	adminEmail := fs.String("admin-email", "", "first province admin's e-mail")
	adminName := fs.String("admin-name", "", "first province admin's full name")
	adminPassword := fs.String("admin-password", "", "first province admin's password (new users)")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	a, err := open(ctx, cfg)
	if err != nil {
		return err
	}
	defer a.Close()
	ctx = tenancy.SystemContext(ctx) // an operator at the console acts for the platform
	switch args[0] {
	case "create":
		t, j, err := a.Tenants.Create(ctx, tenant.CreateInput{Slug: *slug, Name: *name, Plan: *plan,
			AdminEmail: *adminEmail, AdminName: *adminName, AdminPassword: *adminPassword})
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "created province %s (%s), id %d; provisioning job %d queued\n", t.Name, t.Slug, t.ID, j.ID)
		return nil
	case "list":
		ts, err := a.Tenants.List(ctx)
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(out, 2, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tSLUG\tNAME\tSTATUS\tPLAN\tCREATED")
		for _, t := range ts {
			p := ""
			if t.Edges.Plan != nil {
				p = t.Edges.Plan.Code
			}
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\n", t.ID, t.Slug, tenant.Name(t), t.Status, p, t.CreatedAt.In(calendar.Location()).Format("02/01/2006"))
		}
		return tw.Flush()
	case "suspend":
		t, err := a.Tenants.SetStatus(ctx, *slug, enttenant.StatusSuspended)
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "province %s suspended\n", t.Slug)
		return nil
	default:
		return fmt.Errorf("unknown tenant command %q", args[0])
	}
}

func userCmd(ctx context.Context, cfg *config.Config, args []string, out io.Writer) error {
	if len(args) == 0 || args[0] != "create" {
		return errors.New("usage: danvan user create --email E --name N --password P [--platform-admin]")
	}
	fs := flag.NewFlagSet("user create", flag.ContinueOnError)
	email := fs.String("email", "", "e-mail (login)")
	name := fs.String("name", "", "full name")
	password := fs.String("password", "", "password (at least 10 characters)")
	admin := fs.Bool("platform-admin", false, "make the user a platform admin")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	a, err := open(ctx, cfg)
	if err != nil {
		return err
	}
	defer a.Close()
	u, err := a.Accounts.CreateUser(ctx, account.NewUser{Email: *email, FullName: *name, Password: *password, PlatformAdmin: *admin})
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "created user %s (id %d)\n", u.Email, u.ID)
	return nil
}

func seedDemo(ctx context.Context, cfg *config.Config, out io.Writer) error {
	a, err := open(ctx, cfg)
	if err != nil {
		return err
	}
	defer a.Close()
	created, err := seed.Demo(ctx, a.DB.Client, a.Tenants, app.SeedDeps(a))
	if err != nil {
		return err
	}
	if len(created) == 0 {
		fmt.Fprintln(out, "demo data already present; nothing changed")
		return nil
	}
	fmt.Fprintf(out, "seeded: %s\n", strings.Join(created, ", "))
	return nil
}

func seedScale(ctx context.Context, cfg *config.Config, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("seed scale", flag.ContinueOnError)
	slug := fs.String("tenant", "", "province slug")
	units := fs.Int("units", 0, "how many scale units the province has (SCALE-00001…)")
	periods := fs.Int("periods", 2, "past periods of the semiannual regime to fill")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *slug == "" || *units <= 0 {
		return errors.New("usage: danvan seed scale --tenant SLUG --units N [--periods K]")
	}
	a, err := open(ctx, cfg)
	if err != nil {
		return err
	}
	defer a.Close()
	t, err := a.Tenants.BySlug(tenancy.SystemContext(ctx), *slug)
	if err != nil {
		return fmt.Errorf("tenant %s: %w", *slug, err)
	}
	start := time.Now()
	res, err := seed.Scale(viewer.NewContext(ctx, viewer.System(t.ID, t.Slug)), app.SeedDeps(a), seed.ScaleInput{Units: *units, Periods: *periods})
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "%s: %d scale units (%d added), regime %d\n", t.Slug, *units, res.UnitsAdded, res.RegimeID)
	for _, p := range res.Periods {
		fmt.Fprintf(out, "  period %s (id %d): %d reports submitted\n", p.Key, p.ID, p.Filled)
	}
	fmt.Fprintf(out, "took %s\n", time.Since(start).Round(time.Millisecond))
	return nil
}

func healthcheck(cfg *config.Config) error {
	addr := cfg.HTTPAddr
	if strings.HasPrefix(addr, ":") {
		addr = "127.0.0.1" + addr
	}
	c := http.Client{Timeout: 3 * time.Second}
	resp, err := c.Get("http://" + addr + "/healthz")
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("healthz: %s", resp.Status)
	}
	return nil
}
