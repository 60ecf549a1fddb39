package bot

import (
	"context"
	"log/slog"
	"sync"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/dvkbot/dvkbot/store"
)

// Outbox is what the sender needs of the store.
type Outbox interface {
	Queued(ctx context.Context, limit int) ([]store.Outgoing, error)
	Delivered(ctx context.Context, id uint64) error
	Postpone(ctx context.Context, id uint64, notBefore time.Time, reason string) error
	GiveUp(ctx context.Context, id uint64, reason string) error
}

// Telegram is the part of the client the sender uses.
type Telegram interface {
	Send(ctx context.Context, req tgbotapi.Chattable) (int, error)
	Request(ctx context.Context, req tgbotapi.Chattable) error
}

// Sender is the single way out: it drains the persistent outbox in order,
// one chat's messages strictly in sequence, within Telegram's rate limits,
// retrying what failed for a passing reason and giving up (with the reason
// kept) on what Telegram refuses for good.
type Sender struct {
	outbox Outbox
	api    Telegram
	log    *slog.Logger
	now    func() time.Time
	limits *limits
	wake   chan struct{}
	refuse func(ctx context.Context, o store.Outgoing, err error)
}

// OnRefused sets what to do after Telegram refused an entry for good
// (Bot.Refused: mend group links). Call before Run.
func (s *Sender) OnRefused(fn func(ctx context.Context, o store.Outgoing, err error)) { s.refuse = fn }

// batch is how many queued entries one pass looks at.
const batch = 256

// NewSender makes a sender with the pace lim; now is its clock.
func NewSender(outbox Outbox, api Telegram, log *slog.Logger, now func() time.Time, lim Limits) *Sender {
	return &Sender{outbox: outbox, api: api, log: log, now: now,
		limits: newLimits(lim), wake: make(chan struct{}, 1)}
}

// Notify tells the sender that something was queued. It never blocks.
func (s *Sender) Notify() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// Run sends until ctx ends. A request already on the wire is finished, not
// cut, so that a shutdown does not turn into a duplicate.
func (s *Sender) Run(ctx context.Context) error {
	for {
		next := s.drain(ctx)
		if ctx.Err() != nil {
			return nil
		}
		if !s.waitUntil(ctx, next) {
			return nil
		}
	}
}

// waitUntil blocks until a Notify, the time next (if set), or ctx's end.
func (s *Sender) waitUntil(ctx context.Context, next time.Time) bool {
	var timer <-chan time.Time
	if !next.IsZero() {
		t := time.NewTimer(max(next.Sub(s.now()), 0))
		defer t.Stop()
		timer = t.C
	}
	select {
	case <-ctx.Done():
		return false
	case <-s.wake:
	case <-timer:
	}
	return true
}

// drain sends every entry that is due and returns when the earliest
// remaining one will be (zero when nothing waits).
func (s *Sender) drain(ctx context.Context) time.Time {
	for ctx.Err() == nil {
		q, err := s.outbox.Queued(ctx, batch)
		if err != nil {
			s.log.Error("read outbox", slog.Any("error", err))
			return s.now().Add(5 * time.Second)
		}
		next, sent := s.pass(ctx, q)
		if sent == 0 {
			return next
		}
	}
	return time.Time{}
}

// workers is how many requests may be on the wire at once: Telegram is a
// round trip away, and one chat's messages still go one by one.
const workers = 8

// pass takes, in queue order, the first due entry of each chat and sends
// them side by side. A chat whose earlier entry must wait blocks its later
// entries, so messages never overtake each other.
func (s *Sender) pass(ctx context.Context, q []store.Outgoing) (next time.Time, sent int) {
	later := func(t time.Time) {
		if next.IsZero() || t.Before(next) {
			next = t
		}
	}
	taken := map[int64]bool{}
	var jobs []store.Outgoing
	for _, o := range q {
		key, ordered := orderKey(o)
		if ordered && taken[key] {
			continue
		}
		taken[key] = ordered
		if due := s.dueAt(o); !due.IsZero() {
			later(due)
			continue
		}
		jobs = append(jobs, o)
	}
	for _, retry := range s.deliverAll(ctx, jobs) {
		if retry.IsZero() {
			sent++
		} else {
			later(retry)
		}
	}
	return next, sent
}

// deliverAll sends jobs with up to workers requests at once and returns,
// for each, when to try it again (zero: done).
func (s *Sender) deliverAll(ctx context.Context, jobs []store.Outgoing) []time.Time {
	out := make([]time.Time, len(jobs))
	sem := make(chan struct{}, workers)
	var wg sync.WaitGroup
	for i, o := range jobs {
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer func() { <-sem; wg.Done() }()
			out[i] = s.deliver(ctx, o)
		}()
	}
	wg.Wait()
	return out
}

// orderKey: entries of one chat keep their order; button answers do not
// wait for anything.
func orderKey(o store.Outgoing) (int64, bool) {
	return o.ChatID, o.Kind != store.KindAnswer
}

// dueAt is when o may go: zero if now, else the later of its own
// not-before time and the rate limits.
func (s *Sender) dueAt(o store.Outgoing) time.Time {
	now := s.now()
	if o.NotBefore.After(now) {
		return o.NotBefore
	}
	if wait := s.limits.reserve(o, now); wait > 0 {
		return now.Add(wait)
	}
	return time.Time{}
}
