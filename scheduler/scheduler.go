// Package scheduler runs dvkbot's timed jobs with robfig/cron in the
// configured time zone. Jobs only decide what is due and write it to the
// store (the outbox, for anything to send); they never talk to Telegram.
package scheduler

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/robfig/cron/v3"
)

// Job is one run of a timed task; now comes from the scheduler's clock.
type Job func(ctx context.Context, now time.Time) error

// Scheduler wraps a cron runner: panics in a job are recovered and logged,
// a job still running when its next time comes is skipped, not doubled.
type Scheduler struct {
	cron    *cron.Cron
	log     *slog.Logger
	now     func() time.Time
	ctx     context.Context // lives from New to Stop; jobs run under it
	cancel  context.CancelFunc
	entries map[string]cron.EntryID
}

// New makes a scheduler for the time zone loc with the clock now.
func New(loc *time.Location, log *slog.Logger, now func() time.Time) *Scheduler {
	cl := cronLogger{log}
	c := cron.New(cron.WithLocation(loc), cron.WithChain(cron.Recover(cl), cron.SkipIfStillRunning(cl)))
	ctx, cancel := context.WithCancel(context.Background())
	return &Scheduler{cron: c, log: log, now: now, ctx: ctx, cancel: cancel, entries: map[string]cron.EntryID{}}
}

// Add schedules job under a unique name with a cron spec ("0 8 * * *",
// "@hourly", "CRON_TZ=Asia/Ho_Chi_Minh 0 8 * * 1").
func (s *Scheduler) Add(name, spec string, job Job) error {
	if _, dup := s.entries[name]; dup {
		return fmt.Errorf("schedule %s: name already used", name)
	}
	id, err := s.cron.AddFunc(spec, func() { s.run(name, job) })
	if err != nil {
		return fmt.Errorf("schedule %s %q: %w", name, spec, err)
	}
	s.entries[name] = id
	return nil
}

func (s *Scheduler) run(name string, job Job) {
	started := time.Now()
	if err := job(s.ctx, s.now()); err != nil && s.ctx.Err() == nil {
		s.log.Error("job failed", slog.String("job", name), slog.Any("error", err))
		return
	}
	s.log.Debug("job done", slog.String("job", name), slog.Duration("took", time.Since(started)))
}

// RunNow runs the named job at once through the same wrapping (panic
// recovery, no overlap) as a scheduled run, and waits for it.
func (s *Scheduler) RunNow(name string) error {
	id, ok := s.entries[name]
	if !ok {
		return fmt.Errorf("run %s: no such job", name)
	}
	s.cron.Entry(id).WrappedJob.Run()
	return nil
}

// Next is when the named job runs next (zero before Start).
func (s *Scheduler) Next(name string) time.Time {
	return s.cron.Entry(s.entries[name]).Next
}

// Start runs the schedule in the background.
func (s *Scheduler) Start() { s.cron.Start() }

// Stop stops scheduling, cancels running jobs' context and waits for them
// until ctx ends.
func (s *Scheduler) Stop(ctx context.Context) error {
	done := s.cron.Stop().Done()
	s.cancel()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("stop scheduler: %w", ctx.Err())
	}
}

// cronLogger adapts slog to cron's logger.
type cronLogger struct{ log *slog.Logger }

func (l cronLogger) Info(msg string, kv ...any) { l.log.Debug("cron: "+msg, kv...) }

func (l cronLogger) Error(err error, msg string, kv ...any) {
	l.log.Error("cron: "+msg, append([]any{slog.Any("error", err)}, kv...)...)
}
