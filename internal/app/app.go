// Package app wires configuration to the parts danvan runs on: the database, Redis (Asynq),
// object storage, and the services above them. Each part is either an external service
// (production) or its embedded stand-in, reached through the same code.
package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/danvan-vn/danvan/internal/draft"

	"github.com/alicebob/miniredis/v2"
	"github.com/hibiken/asynq"
	"github.com/redis/go-redis/v9"

	"github.com/danvan-vn/danvan/internal/account"
	"github.com/danvan-vn/danvan/internal/authz"
	"github.com/danvan-vn/danvan/internal/committee"
	"github.com/danvan-vn/danvan/internal/config"
	"github.com/danvan-vn/danvan/internal/db"
	"github.com/danvan-vn/danvan/internal/document"
	"github.com/danvan-vn/danvan/internal/jobs"
	"github.com/danvan-vn/danvan/internal/member"
	"github.com/danvan-vn/danvan/internal/migration"
	"github.com/danvan-vn/danvan/internal/notify"
	"github.com/danvan-vn/danvan/internal/plan"
	"github.com/danvan-vn/danvan/internal/quota"
	"github.com/danvan-vn/danvan/internal/regime"
	"github.com/danvan-vn/danvan/internal/reminder"
	"github.com/danvan-vn/danvan/internal/report"
	"github.com/danvan-vn/danvan/internal/seed"
	"github.com/danvan-vn/danvan/internal/settings"
	"github.com/danvan-vn/danvan/internal/storage"
	"github.com/danvan-vn/danvan/internal/tenant"
	"github.com/danvan-vn/danvan/internal/unit"
)

// App is a running danvan's parts.
type App struct {
	Cfg        *config.Config
	Log        *slog.Logger
	DB         *db.DB
	Redis      asynq.RedisConnOpt
	Store      *storage.Store
	Jobs       *jobs.Runner
	JobService *jobs.Service
	Accounts   *account.Service
	Tenants    *tenant.Service
	Members    *member.Service
	Authz      *authz.Enforcer
	Grants     *authz.Grants
	Quota      *quota.Service
	Units      *unit.Service
	Settings   *settings.Service
	Committees *committee.Service
	Regimes    *regime.Service
	Documents  *document.Service
	Plans      *plan.Service
	Drafts     *draft.Service
	Reports    *report.Service
	Notify     *notify.Service
	Reminders  *reminder.Service

	redisPing *redis.Client
	miniRedis *miniredis.Miniredis
	s3        *storage.EmbeddedServer
}

// NewLogger builds the process logger from the configuration.
func NewLogger(cfg *config.Config) *slog.Logger {
	var level slog.Level
	_ = level.UnmarshalText([]byte(cfg.LogLevel))
	opts := &slog.HandlerOptions{Level: level}
	if cfg.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(os.Stderr, opts))
	}
	return slog.New(slog.NewTextHandler(os.Stderr, opts))
}

// New opens every part. It logs, part by part, whether it runs embedded or on a service. It
// refuses to start on a database whose schema is not at this binary's migration version.
func New(ctx context.Context, cfg *config.Config, log *slog.Logger) (a *App, err error) {
	a = &App{Cfg: cfg, Log: log}
	defer func() {
		if err != nil {
			a.Close()
		}
	}()
	if err := a.openDB(ctx); err != nil {
		return nil, err
	}
	if err := a.openRedis(); err != nil {
		return nil, err
	}
	if err := a.openStorage(ctx); err != nil {
		return nil, err
	}
	a.Jobs = jobs.NewRunner(a.DB.Client, a.Redis, log)
	a.Accounts = account.New(a.DB.Client, account.Policy{Absolute: cfg.SessionTTL, Idle: cfg.SessionIdle})
	a.JobService = jobs.NewService(a.Jobs)
	a.Tenants = tenant.New(a.DB.Client, a.Jobs, a.Store)
	jobs.Register(a.Jobs, tenant.TypeProvision, a.Tenants.HandleProvision)
	a.Members = member.New(a.DB.Client, a.Accounts)
	if a.Authz, err = authz.New(); err != nil {
		return nil, err
	}
	a.Grants = authz.NewGrants(a.DB.Client, a.Authz)
	a.Quota = quota.New(a.DB.Client, a.Store)
	a.Members.LimitUsers(a.Quota)
	a.Units = unit.New(a.DB.Client, a.Quota)
	a.Settings = settings.New(a.DB.Client)
	a.Committees = committee.New(a.DB.Client, a.Units, a.Settings, a.Store, a.Quota)
	a.Regimes = regime.New(a.DB.Client)
	a.Documents = document.New(a.DB.Client, a.Store, a.Quota)
	a.Plans = plan.New(a.DB.Client, a.Regimes, a.Store, a.Quota)
	a.Drafts = draft.New(a.DB.Client, a.Documents, a.Plans, a.Regimes, a.Units)
	a.Reports = report.New(report.Deps{DB: a.DB.Client, Calendar: a.Regimes, Files: a.Store, Quota: a.Quota,
		Settings: a.Settings, Tasks: taskCounts{a.Plans}, Jobs: a.Jobs})
	jobs.Register(a.Jobs, report.TypeGenerate, a.Reports.HandleGenerate)
	if a.Notify, err = notify.New(a.DB.Client, a.Jobs, notify.Config{SMTPURL: cfg.SMTPURL, From: cfg.MailFrom, BaseURL: cfg.BaseURL}, log); err != nil {
		return nil, err
	}
	a.Reminders = reminder.New(a.DB.Client, a.Notify, a.Jobs)
	a.Reports.SetUrger(a.Reminders)
	a.Jobs.Periodic(report.TypeOpenPeriods, report.OpenPeriodsCron, func(ctx context.Context) error {
		n, err := a.Reports.OpenDueEverywhere(ctx)
		if n > 0 {
			log.InfoContext(ctx, "reporting periods opened", "count", n)
		}
		return err
	})
	return a, nil
}

func (a *App) openDB(ctx context.Context) error {
	d, err := db.Open(ctx, a.Cfg.DatabaseURL)
	if err != nil {
		return err
	}
	a.DB = d
	if d.Dialect == "sqlite3" {
		a.Log.Info("database: embedded SQLite (pure Go)", "mode", "embedded", "path", strings.TrimPrefix(a.Cfg.DatabaseURL, "sqlite:"))
	} else {
		a.Log.Info("database: PostgreSQL with row-level security", "mode", "external", "url", db.Redact(a.Cfg.DatabaseURL))
	}
	st, err := migration.StatusDB(ctx, d.SQL, d.Dialect)
	if err != nil {
		return err
	}
	if !st.UpToDate() {
		return fmt.Errorf("app: %s; run `danvan migrate up` first", st)
	}
	return nil
}

func (a *App) openRedis() error {
	raw := a.Cfg.RedisURL
	if raw == "" {
		m := miniredis.NewMiniRedis()
		m.ClockTTL(true) // without it keys never expire (Asynq heartbeats, unique locks)
		if err := m.StartAddr("127.0.0.1:0"); err != nil {
			return fmt.Errorf("app: start in-process Redis: %w", err)
		}
		a.miniRedis = m
		raw = "redis://" + m.Addr() + "/0"
		a.Log.Info("redis: embedded in-process Redis (miniredis); queued tasks live in memory, job rows in the database re-enqueue them", "mode", "embedded", "addr", m.Addr())
	} else {
		u, _ := url.Parse(raw)
		a.Log.Info("redis: external Redis", "mode", "external", "addr", u.Host)
	}
	opt, err := asynq.ParseRedisURI(raw)
	if err != nil {
		return fmt.Errorf("app: DANVAN_REDIS_URL: %w", err)
	}
	a.Redis = opt
	ro, err := redis.ParseURL(raw)
	if err != nil {
		return fmt.Errorf("app: DANVAN_REDIS_URL: %w", err)
	}
	a.redisPing = redis.NewClient(ro)
	return nil
}

func (a *App) openStorage(ctx context.Context) error {
	cfg := storage.Config{
		Endpoint: a.Cfg.S3Endpoint, AccessKey: a.Cfg.S3AccessKey, SecretKey: a.Cfg.S3SecretKey,
		UseTLS: a.Cfg.S3UseTLS, Region: a.Cfg.S3Region, BucketPrefix: a.Cfg.S3BucketPrefix,
	}
	if cfg.Endpoint == "" {
		dir := filepath.Join(a.Cfg.DataDir, "objects")
		srv, err := storage.StartEmbedded(dir, "127.0.0.1:0")
		if err != nil {
			return fmt.Errorf("app: start in-process S3 server: %w", err)
		}
		a.s3 = srv
		emb := srv.Config()
		emb.BucketPrefix = cfg.BucketPrefix
		cfg = emb
		a.Log.Info("storage: embedded in-process S3 server (loopback only)", "mode", "embedded", "dir", dir, "endpoint", cfg.Endpoint)
	} else {
		a.Log.Info("storage: external S3 server", "mode", "external", "endpoint", cfg.Endpoint, "tls", cfg.UseTLS)
	}
	st, err := storage.New(cfg)
	if err != nil {
		return err
	}
	a.Store = st
	return nil
}

// Check is one part's readiness.
type Check struct {
	Name  string `json:"name"`
	Mode  string `json:"mode"` // embedded or external
	OK    bool   `json:"ok"`
	Error string `json:"error,omitempty"`
	Took  string `json:"took"`
}

// Ready checks every part the app needs, each with a short timeout.
func (a *App) Ready(ctx context.Context) []Check {
	dbEmb, redisEmb, s3Emb := a.Cfg.Embedded()
	mode := func(emb bool) string {
		if emb {
			return "embedded"
		}
		return "external"
	}
	run := func(name string, emb bool, f func(context.Context) error) Check {
		c, cancel := context.WithTimeout(ctx, 3*time.Second)
		defer cancel()
		start := time.Now()
		err := f(c)
		ch := Check{Name: name, Mode: mode(emb), OK: err == nil, Took: time.Since(start).Round(time.Millisecond).String()}
		if err != nil {
			ch.Error = err.Error()
		}
		return ch
	}
	return []Check{
		run("database", dbEmb, a.DB.Ping),
		run("redis", redisEmb, func(c context.Context) error { return a.redisPing.Ping(c).Err() }),
		run("storage", s3Emb, a.Store.Ping),
	}
}

// Close releases every part, embedded servers last.
func (a *App) Close() {
	var errs []error
	if a.Jobs != nil {
		errs = append(errs, a.Jobs.Close())
	}
	if a.redisPing != nil {
		errs = append(errs, a.redisPing.Close())
	}
	if a.DB != nil {
		errs = append(errs, a.DB.Close())
	}
	if a.s3 != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		errs = append(errs, a.s3.Close(ctx))
		cancel()
	}
	if a.miniRedis != nil {
		a.miniRedis.Close()
	}
	if err := errors.Join(errs...); err != nil {
		a.Log.Warn("closing parts", "err", err)
	}
}

// SeedDeps are the services the demo seed uses.
func SeedDeps(a *App) seed.Deps {
	return seed.Deps{Units: a.Units, Committees: a.Committees, Regimes: a.Regimes, Settings: a.Settings,
		Work: &seed.Work{DB: a.DB.Client, Documents: a.Documents, Drafts: a.Drafts, Plans: a.Plans},
		// A report service of the seed's own: it dates the demo's submissions by moving its clock.
		Reports:   &seed.Reports{DB: a.DB.Client, Service: report.New(report.Deps{DB: a.DB.Client, Calendar: a.Regimes, Settings: a.Settings})},
		Reminders: a.Reminders}
}

// taskCounts gives a unit report the unit's task figures from the plan module.
type taskCounts struct{ plans *plan.Service }

func (t taskCounts) UnitTaskCounts(ctx context.Context, unitID int) (report.TaskCounts, error) {
	c, err := t.plans.Rollup(ctx, plan.RollupFilter{UnitIDs: []int{unitID}})
	if err != nil {
		return report.TaskCounts{}, err
	}
	out := report.TaskCounts{DoneOnTime: c.Of(plan.StatusDoneOnTime), DoneLate: c.Of(plan.StatusDoneLate),
		Open: c.Of(plan.StatusOpen) + c.Of(plan.StatusContinuous), Overdue: c.Of(plan.StatusOverdue)}
	out.Total = out.DoneOnTime + out.DoneLate + out.Open + out.Overdue
	return out, nil
}
