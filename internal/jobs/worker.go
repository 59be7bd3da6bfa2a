package jobs

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/hibiken/asynq"

	"github.com/danvan-vn/danvan/internal/calendar"
)

// WorkerConfig tunes the Asynq server.
type WorkerConfig struct {
	Concurrency     int
	ShutdownTimeout time.Duration
	// RetryDelay overrides Asynq's exponential back-off (tests use a short one).
	RetryDelay func(n int, err error, t *asynq.Task) time.Duration
	// SweepEvery is how often the scheduler re-enqueues rows Redis lost (default 2m).
	SweepEvery time.Duration
}

// Worker is the Asynq server and scheduler running the runner's handlers.
type Worker struct {
	r   *Runner
	srv *asynq.Server
	mgr *asynq.PeriodicTaskManager
}

// NewWorker builds a worker; withScheduler also runs the periodic tasks (the sweep). Periodic
// tasks are unique per period, so two processes running the scheduler do not double them.
func (r *Runner) NewWorker(redis asynq.RedisConnOpt, cfg WorkerConfig, withScheduler bool) (*Worker, error) {
	if cfg.Concurrency < 1 {
		cfg.Concurrency = 4
	}
	if cfg.SweepEvery <= 0 {
		cfg.SweepEvery = 2 * time.Minute
	}
	log := r.log
	srv := asynq.NewServer(redis, asynq.Config{
		Concurrency:     cfg.Concurrency,
		Queues:          Queues,
		ShutdownTimeout: cfg.ShutdownTimeout,
		RetryDelayFunc:  cfg.RetryDelay,
		Logger:          asynqLogger{log},
		ErrorHandler: asynq.ErrorHandlerFunc(func(ctx context.Context, t *asynq.Task, err error) {
			log.DebugContext(ctx, "asynq task error", "type", t.Type(), "err", err)
		}),
	})
	w := &Worker{r: r, srv: srv}
	if withScheduler {
		every := cfg.SweepEvery
		mgr, err := asynq.NewPeriodicTaskManager(asynq.PeriodicTaskManagerOpts{
			RedisConnOpt: redis,
			PeriodicTaskConfigProvider: providerFunc(func() ([]*asynq.PeriodicTaskConfig, error) {
				cfgs := []*asynq.PeriodicTaskConfig{{
					Cronspec: "@every " + every.String(),
					Task:     asynq.NewTask(TypeSweep, nil),
					Opts:     []asynq.Option{asynq.Queue(QueueLow), asynq.Unique(every), asynq.MaxRetry(0)},
				}}
				for _, p := range r.periodic {
					cfgs = append(cfgs, &asynq.PeriodicTaskConfig{Cronspec: p.cron, Task: asynq.NewTask(p.typ, nil),
						Opts: []asynq.Option{asynq.Queue(QueueLow), asynq.Unique(time.Hour), asynq.MaxRetry(3)}})
				}
				more, err := r.scheduledConfigs(context.Background())
				if err != nil {
					return nil, err
				}
				return append(cfgs, more...), nil
			}),
			SyncInterval:  time.Minute,
			SchedulerOpts: &asynq.SchedulerOpts{Logger: asynqLogger{log}, Location: vietnam},
		})
		if err != nil {
			return nil, fmt.Errorf("jobs: scheduler: %w", err)
		}
		w.mgr = mgr
	}
	return w, nil
}

// Mux routes every registered job type to the runner and the sweep to Recover.
func (r *Runner) Mux() *asynq.ServeMux {
	mux := asynq.NewServeMux()
	for typ := range r.handlers {
		mux.HandleFunc(typ, r.ProcessTask)
	}
	for _, p := range r.periodic {
		mux.HandleFunc(p.typ, func(ctx context.Context, _ *asynq.Task) error { return p.run(ctx) })
	}
	for typ, fn := range r.scheduled {
		mux.HandleFunc(typ, func(ctx context.Context, t *asynq.Task) error { return fn(ctx, t.Payload()) })
	}
	mux.HandleFunc(TypeSweep, func(ctx context.Context, _ *asynq.Task) error {
		_, err := r.Recover(ctx, time.Minute)
		return err
	})
	return mux
}

// Start re-enqueues rows Redis lost, then starts processing (and scheduling).
func (w *Worker) Start(ctx context.Context) error {
	if n, err := w.r.Recover(ctx, 0); err != nil {
		w.r.log.WarnContext(ctx, "job recovery at start failed; the sweep will try again", "err", err)
	} else if n > 0 {
		w.r.log.InfoContext(ctx, "re-enqueued job rows at start", "count", n)
	}
	if err := w.srv.Start(w.r.Mux()); err != nil {
		return fmt.Errorf("jobs: start worker: %w", err)
	}
	if w.mgr != nil {
		if err := w.mgr.Start(); err != nil {
			w.srv.Shutdown()
			return fmt.Errorf("jobs: start scheduler: %w", err)
		}
	}
	return nil
}

// Shutdown stops taking work and waits for jobs in flight (up to the shutdown timeout).
func (w *Worker) Shutdown() {
	if w.mgr != nil {
		w.mgr.Shutdown()
	}
	w.srv.Shutdown()
}

// Ping checks Redis through the server.
func (w *Worker) Ping() error { return w.srv.Ping() }

// vietnam is where the periodic tasks' cron specs are read.
var vietnam = calendar.Location()

type providerFunc func() ([]*asynq.PeriodicTaskConfig, error)

func (f providerFunc) GetConfigs() ([]*asynq.PeriodicTaskConfig, error) { return f() }

// asynqLogger sends Asynq's logs to slog.
type asynqLogger struct{ l *slog.Logger }

func (a asynqLogger) Debug(args ...any) { a.l.Debug(fmt.Sprint(args...), "component", "asynq") }
func (a asynqLogger) Info(args ...any)  { a.l.Info(fmt.Sprint(args...), "component", "asynq") }
func (a asynqLogger) Warn(args ...any)  { a.l.Warn(fmt.Sprint(args...), "component", "asynq") }
func (a asynqLogger) Error(args ...any) { a.l.Error(fmt.Sprint(args...), "component", "asynq") }
func (a asynqLogger) Fatal(args ...any) {
	a.l.Error(fmt.Sprint(args...), "component", "asynq", "fatal", true)
	os.Exit(1)
}
