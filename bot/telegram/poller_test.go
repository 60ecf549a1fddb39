package telegram

import (
	"github.com/dvkbot/dvkbot/bot/edge"

	"context"
	"errors"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/dvkbot/dvkbot/bot/messenger"
	"github.com/dvkbot/dvkbot/bot/telegram/telegramtest"
)

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

// fakeSource serves scripted batches and records the offsets asked for.
type fakeSource struct {
	mu      sync.Mutex
	batches [][]messenger.Update
	errs    []error
	offsets []int
}

func (f *fakeSource) Updates(ctx context.Context, offset int) ([]messenger.Update, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.offsets = append(f.offsets, offset)
	if len(f.errs) > 0 {
		err := f.errs[0]
		f.errs = f.errs[1:]
		return nil, err
	}
	if len(f.batches) == 0 {
		return nil, nil // an empty answer at once: a misbehaving server
	}
	b := f.batches[0]
	f.batches = f.batches[1:]
	// Like Telegram, re-deliver what the offset has not confirmed.
	var out []messenger.Update
	for _, u := range b {
		if u.ID >= offset {
			out = append(out, u)
		}
	}
	return out, nil
}

func (f *fakeSource) calls() []int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]int(nil), f.offsets...)
}

// flakyHandler fails the first time it sees failOn.
type flakyHandler struct {
	mu      sync.Mutex
	failOn  int
	failed  bool
	handled []int
}

func (h *flakyHandler) Handle(_ context.Context, u messenger.Update) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	if u.ID == h.failOn && !h.failed {
		h.failed = true
		return errors.New("disk full")
	}
	h.handled = append(h.handled, u.ID)
	return nil
}

func runFor(t *testing.T, p *Poller, d time.Duration) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- p.Run(ctx) }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Run returned %v, want nil on cancel", err)
		}
	case <-time.After(d + 2*time.Second):
		t.Fatal("Run did not return after its context ended")
	}
}

func TestPollerAdvancesOffsetOnlyAfterHandling(t *testing.T) {
	batch := []messenger.Update{{ID: 10}, {ID: 11}, {ID: 12}}
	src := &fakeSource{batches: [][]messenger.Update{batch, batch}}
	h := &flakyHandler{failOn: 11}
	runFor(t, &Poller{Source: src, Handler: h, Log: quiet, MinInterval: 20 * time.Millisecond, MinBackoff: time.Millisecond}, 200*time.Millisecond)

	if got, want := h.handled, []int{10, 11, 12}; !equal(got, want) {
		t.Errorf("handled %v, want %v", got, want)
	}
	offsets := src.calls()
	if len(offsets) < 3 || offsets[0] != 0 || offsets[1] != 11 || offsets[2] != 13 {
		t.Errorf("offsets asked %v, want 0, 11 (retry the failed one), 13", offsets)
	}
}

func TestPollerDoesNotSpinOnEmptyAnswers(t *testing.T) {
	src := &fakeSource{}
	runFor(t, &Poller{Source: src, Handler: &flakyHandler{}, Log: quiet, MinInterval: 100 * time.Millisecond}, 350*time.Millisecond)
	if n := len(src.calls()); n > 5 {
		t.Errorf("%d polls in 350 ms with a 100 ms floor: the loop spins", n)
	}
}

func TestPollerBacksOffOnErrors(t *testing.T) {
	errs := make([]error, 50)
	for i := range errs {
		errs[i] = errors.New("connection refused")
	}
	src := &fakeSource{errs: errs}
	runFor(t, &Poller{Source: src, Handler: &flakyHandler{}, Log: quiet, MinBackoff: 20 * time.Millisecond, MaxBackoff: time.Second}, 300*time.Millisecond)
	// 20+40+80+160 ms: at most 5 tries fit in 300 ms.
	if n := len(src.calls()); n > 5 || n < 2 {
		t.Errorf("%d polls in 300 ms of failures, want 2..5 with doubling backoff", n)
	}
}

func equal(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// batchHandler takes a poll's updates together and, once, stops after the
// first of them with an error.
type batchHandler struct {
	flakyHandler
	batches [][]int
	failed  bool
}

func (h *batchHandler) HandleBatch(_ context.Context, us []messenger.Update) (int, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	var ids []int
	for _, u := range us {
		ids = append(ids, u.ID)
	}
	h.batches = append(h.batches, ids)
	if !h.failed {
		h.failed = true
		return 1, errors.New("disk full")
	}
	return len(us), nil
}

func TestPollerHandsABatchOverAndResumesWhereItStopped(t *testing.T) {
	batch := []messenger.Update{{ID: 10}, {ID: 11}, {ID: 12}}
	src := &fakeSource{batches: [][]messenger.Update{batch, batch}}
	h := &batchHandler{}
	runFor(t, &Poller{Source: src, Handler: h, Log: quiet, MinInterval: 20 * time.Millisecond, MinBackoff: time.Millisecond}, 200*time.Millisecond)
	h.mu.Lock()
	defer h.mu.Unlock()
	if len(h.batches) != 2 || !equal(h.batches[0], []int{10, 11, 12}) || !equal(h.batches[1], []int{11, 12}) {
		t.Errorf("batches handed over %v, want [10 11 12] then [11 12]", h.batches)
	}
	if offsets := src.calls(); len(offsets) < 3 || offsets[1] != 11 || offsets[2] != 13 {
		t.Errorf("offsets asked %v, want 0, 11 (after the one done), 13", offsets)
	}
}

func TestPollerGathersOnlyWhileBehind(t *testing.T) {
	behind := false
	p := &Poller{Gather: 200 * time.Millisecond, Behind: func() bool { return behind }, MinInterval: time.Second}
	bo := &edge.Backoff{Min: time.Second, Max: time.Minute}
	cases := []struct {
		name   string
		behind bool
		empty  bool
		took   time.Duration
		want   time.Duration
	}{
		{"keeping up: poll again at once", false, false, 10 * time.Millisecond, 0},
		{"behind: let updates gather", true, false, 10 * time.Millisecond, 190 * time.Millisecond},
		{"behind, the poll took long enough", true, false, 300 * time.Millisecond, 0},
		{"an empty answer keeps its own floor", true, true, 10 * time.Millisecond, 990 * time.Millisecond},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			behind = tc.behind
			if got := p.pause(nil, tc.empty, tc.took, bo); got != tc.want {
				t.Errorf("pause = %v, want %v", got, tc.want)
			}
		})
	}
	p.Behind = nil
	if got := p.pause(nil, false, 10*time.Millisecond, bo); got != 0 {
		t.Errorf("no Behind: pause = %v, want 0", got)
	}
}

// emulatorPoller is a poller on the real client against the emulator,
// with fast waits between conflicts.
func emulatorPoller(t *testing.T, srv *telegramtest.Server, h messenger.Handler, grace time.Duration) *Poller {
	t.Helper()
	client, err := Connect(context.Background(), ClientConfig{Token: srv.Token(), Endpoint: srv.Endpoint(),
		PollTimeout: time.Second, HTTPClient: srv.Client()}, quiet)
	if err != nil {
		t.Fatal(err)
	}
	return &Poller{Source: client, Handler: h, Log: quiet, MinBackoff: 10 * time.Millisecond, ConflictGrace: grace}
}

// A webhook set on the token (or another instance polling) makes every
// getUpdates answer 409 Conflict: the poller gives up with ErrConflict,
// naming the cause, instead of retrying for ever.
func TestPollerStopsOnLastingConflict(t *testing.T) {
	srv := telegramtest.NewServer()
	t.Cleanup(srv.Close)
	p := emulatorPoller(t, srv, &flakyHandler{}, 200*time.Millisecond)
	srv.SetWebhook("https://example.org/hook")
	done := make(chan error, 1)
	go func() { done <- p.Run(context.Background()) }()
	select {
	case err := <-done:
		if !errors.Is(err, ErrConflict) || !strings.Contains(err.Error(), "webhook is active") {
			t.Errorf("Run returned %v, want ErrConflict with Telegram's reason", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Run kept retrying a lasting 409 Conflict")
	}
	if n := srv.Rejected(409); n < 3 {
		t.Errorf("gave up after %d conflicts, want a few first", n)
	}
}

// A short burst of 409s (the other instance of a restart still counted
// by Telegram) is waited out: the updates after it are handled.
func TestPollerWaitsOutAShortConflict(t *testing.T) {
	srv := telegramtest.NewServer()
	t.Cleanup(srv.Close)
	h := &flakyHandler{}
	p := emulatorPoller(t, srv, h, 5*time.Second)
	srv.FailNext("getUpdates", 5, 409, "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running", 0)
	srv.SendPrivate(someone, "/start")
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- p.Run(ctx) }()
	waitFor(t, "the update after the burst handled", func() bool {
		h.mu.Lock()
		defer h.mu.Unlock()
		return len(h.handled) == 1
	})
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Run returned %v after a short burst, want nil", err)
	}
}

// clashSource answers getUpdates as Telegram does to one of two instances
// polling with one token: served polls, then 409 Conflict; each call moves
// the poller's clock on a second.
type clashSource struct {
	mu       sync.Mutex
	clock    time.Time
	served   int // polls that work before the clash
	clashes  int // 409s answered
	stopAt   int // cancel after this many 409s (0: never)
	cancel   context.CancelFunc
	conflict error
}

func (s *clashSource) Updates(context.Context, int) ([]messenger.Update, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.clock = s.clock.Add(time.Second)
	if s.served > 0 {
		s.served--
		return nil, nil
	}
	s.clashes++
	if s.clashes == s.stopAt {
		s.cancel()
	}
	return nil, s.conflict
}

func (s *clashSource) now() time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.clock
}

// Of two instances on one token, the one that came last stops and the
// one that was serving goes on, whatever their graces: before, each
// counted the other's 409s alike, and the one that had served first
// (which saw the first 409) was the one to stop.
func TestPollerConflictStopsTheNewcomer(t *testing.T) {
	clash := &tgbotapi.Error{Code: 409, Message: "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"}
	for _, tc := range []struct {
		name   string
		served int // seconds of polls that worked before the clash
		stops  bool
	}{
		{"a newcomer whose first poll is ended", 0, true},
		{"a newcomer that got one poll through", 1, true},
		{"the instance that served for a minute and a half", 90, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			src := &clashSource{clock: time.Date(2024, 3, 1, 8, 0, 0, 0, time.UTC), served: tc.served, stopAt: 200, cancel: cancel, conflict: clash}
			p := &Poller{Source: src, Handler: &flakyHandler{}, Log: quiet, MinInterval: time.Microsecond, MinBackoff: time.Microsecond, MaxBackoff: time.Microsecond,
				ConflictGrace: 30 * time.Second, Now: src.now}
			err := p.Run(ctx)
			switch {
			case tc.stops && !errors.Is(err, ErrConflict):
				t.Errorf("Run returned %v after %d conflicts, want ErrConflict", err, src.clashes)
			case tc.stops && src.clashes > 40:
				t.Errorf("stopped after %d conflicts (seconds), want about the 30 s grace", src.clashes)
			case !tc.stops && err != nil:
				t.Errorf("the instance that was serving returned %v after %d conflicts, want it to go on", err, src.clashes)
			}
		})
	}
}
