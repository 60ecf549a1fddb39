package scheduler_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dvkbot/dvkbot/scheduler"
)

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

func fixed(t time.Time) func() time.Time { return func() time.Time { return t } }

func TestJobGetsInjectedClock(t *testing.T) {
	now := time.Date(2024, 4, 7, 8, 0, 0, 0, time.UTC)
	s := scheduler.New(time.UTC, quiet, fixed(now))
	var got time.Time
	if err := s.Add("j", "@daily", func(_ context.Context, at time.Time) error { got = at; return nil }); err != nil {
		t.Fatal(err)
	}
	if err := s.RunNow("j"); err != nil {
		t.Fatal(err)
	}
	if !got.Equal(now) {
		t.Errorf("job saw %v, want the injected %v", got, now)
	}
}

func TestPanicInJobIsRecovered(t *testing.T) {
	s := scheduler.New(time.UTC, quiet, time.Now)
	if err := s.Add("boom", "@hourly", func(context.Context, time.Time) error { panic("boom") }); err != nil {
		t.Fatal(err)
	}
	if err := s.RunNow("boom"); err != nil {
		t.Fatal(err)
	}
}

func TestOverlappingRunIsSkipped(t *testing.T) {
	s := scheduler.New(time.UTC, quiet, time.Now)
	var runs atomic.Int32
	release := make(chan struct{})
	started := make(chan struct{})
	s.Add("slow", "@hourly", func(context.Context, time.Time) error {
		runs.Add(1)
		close(started)
		<-release
		return nil
	})
	go s.RunNow("slow")
	<-started
	s.RunNow("slow") // returns at once: the first run still holds the job
	close(release)
	if n := runs.Load(); n != 1 {
		t.Errorf("job ran %d times, want 1", n)
	}
}

func TestAddRejectsBadSpecAndDuplicates(t *testing.T) {
	s := scheduler.New(time.UTC, quiet, time.Now)
	noop := func(context.Context, time.Time) error { return nil }
	tests := []struct{ name, job, spec string }{
		{"bad spec", "a", "every day at eight"},
		{"duplicate name", "b", "@daily"},
	}
	s.Add("b", "@daily", noop)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := s.Add(tt.job, tt.spec, noop); err == nil {
				t.Error("Add accepted it")
			}
		})
	}
}

func TestScheduleUsesLocation(t *testing.T) {
	hcm, err := time.LoadLocation("Asia/Ho_Chi_Minh")
	if err != nil {
		t.Fatal(err)
	}
	s := scheduler.New(hcm, quiet, time.Now)
	s.Add("eight", "0 8 * * *", func(context.Context, time.Time) error { return nil })
	s.Start()
	defer s.Stop(context.Background())
	next := s.Next("eight").In(hcm)
	if next.Hour() != 8 || next.Minute() != 0 {
		t.Errorf("next run %v, want 08:00 in Asia/Ho_Chi_Minh", next)
	}
}

type fakePruner struct{ cutoff time.Time }

func (f *fakePruner) PruneUpdates(_ context.Context, cutoff time.Time) (int, error) {
	f.cutoff = cutoff
	return 3, nil
}

func TestPruneUpdatesJobCutoff(t *testing.T) {
	now := time.Date(2024, 9, 5, 10, 0, 0, 0, time.UTC)
	p := &fakePruner{}
	job := scheduler.PruneUpdates(p, 48*time.Hour, quiet)
	if err := job(context.Background(), now); err != nil {
		t.Fatal(err)
	}
	if want := now.Add(-48 * time.Hour); !p.cutoff.Equal(want) {
		t.Errorf("cutoff %v, want %v", p.cutoff, want)
	}
}

func TestStopWaitsForRunningJobAndCancelsIt(t *testing.T) {
	s := scheduler.New(time.UTC, quiet, time.Now)
	started := make(chan struct{})
	var sawCancel atomic.Bool
	s.Add("long", "@every 1h", func(ctx context.Context, _ time.Time) error {
		close(started)
		<-ctx.Done()
		sawCancel.Store(true)
		return ctx.Err()
	})
	s.Start()
	go s.RunNow("long")
	<-started
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := s.Stop(ctx); err != nil && !errors.Is(err, context.DeadlineExceeded) {
		t.Fatal(err)
	}
	deadline := time.After(5 * time.Second)
	for !sawCancel.Load() {
		select {
		case <-deadline:
			t.Fatal("running job never saw its context cancelled")
		case <-time.After(5 * time.Millisecond):
		}
	}
}
