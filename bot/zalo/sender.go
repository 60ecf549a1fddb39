package zalo

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/dvkbot/dvkbot/bot/edge"
	"github.com/dvkbot/dvkbot/bot/messenger"
	"github.com/dvkbot/dvkbot/store"
)

// Limits are the sender's pace. Zalo publishes none (the docs'
// FAQ is silent; overload answers 429 "Quota exceeded"), so they are
// conservative: a few messages a second in all, one a second to a
// person, one every five seconds to a group; a 429 holds every send
// back, doubling from Hold up to five minutes, and the entry waits.
type Limits struct {
	Every     time.Duration // between two sends, overall
	Private   time.Duration // between two sends to one person
	Group     time.Duration // between two sends to one group
	Hold      time.Duration // the first wait after a 429
	RetryMin  time.Duration // the first wait after a passing failure (edge.RetryDelay)
	unlimited bool
}

// DefaultLimits: 4 a second, 1 a second to a person, 1 per 5 s to a group.
func DefaultLimits() Limits {
	return Limits{Every: 250 * time.Millisecond, Private: time.Second, Group: 5 * time.Second, Hold: 10 * time.Second}
}

// Unpaced lifts the pace: for tests against the emulator only.
func Unpaced() Limits {
	return Limits{Hold: 10 * time.Millisecond, RetryMin: 10 * time.Millisecond, unlimited: true}
}

// The sender gives an entry up after maxAttempts passing failures or
// maxAge in the outbox, like Telegram's.
const (
	maxAttempts = 10
	maxAge      = 24 * time.Hour
)

// Sender drains the Zalo chats' share of the outbox (messenger.Shared),
// one request at a time: one chat's messages in order, replies to what a
// person just did before bulk (reminders, notices), within Limits.
// Everything is plain text: Zalo has no buttons, edits or documents, and
// the conversation rendered for that (bot/numbered.go); an entry of a
// kind Zalo cannot show is given up with its reason.
type Sender struct {
	outbox messenger.Outbox
	api    *Client
	ids    Identities
	log    *slog.Logger
	now    func() time.Time
	lim    Limits
	refuse messenger.Refusals
	wake   chan struct{}

	mu     sync.Mutex
	queues map[int64][]store.Queued
	known  map[uint64]bool
	next   map[int64]time.Time // when a chat may be sent to again
	last   time.Time           // the last send overall
	held   time.Time           // a 429 holds every send until then
	hold   edge.Backoff
	busy   bool
}

// NewSender makes a sender over outbox (the Zalo share of it).
func NewSender(outbox messenger.Outbox, api *Client, ids Identities, log *slog.Logger, now func() time.Time, lim Limits) *Sender {
	s := &Sender{outbox: outbox, api: api, ids: ids, log: log, now: now, lim: lim, wake: make(chan struct{}, 1),
		queues: map[int64][]store.Queued{}, known: map[uint64]bool{}, next: map[int64]time.Time{},
		hold: edge.Backoff{Min: max(lim.Hold, time.Millisecond), Max: 5 * time.Minute}}
	outbox.OnQueue(s.add)
	return s
}

// OnRefused sets who is told of entries given up for good.
func (s *Sender) OnRefused(r messenger.Refusals) { s.refuse = r }

// Notify wakes the sender; it never blocks.
func (s *Sender) Notify() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

func (s *Sender) add(q []store.Queued) {
	s.mu.Lock()
	for _, e := range q {
		if !s.known[e.ID] {
			s.known[e.ID] = true
			s.queues[e.ChatID] = append(s.queues[e.ChatID], e)
		}
	}
	s.mu.Unlock()
	s.Notify()
}

// Idle reports whether nothing is being sent.
func (s *Sender) Idle() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return !s.busy
}

// Run sends until ctx ends; a request on the wire is finished first.
func (s *Sender) Run(ctx context.Context) error {
	for {
		q, err := s.outbox.QueueIndex(ctx)
		if err == nil {
			s.add(q)
			break
		}
		s.log.Error("read outbox", slog.Any("error", err))
		if !edge.Sleep(ctx, 5*time.Second) {
			return nil
		}
	}
	for {
		e, at, ok := s.pick()
		if ok {
			s.send(context.WithoutCancel(ctx), e)
			continue
		}
		if !s.wait(ctx, at) {
			return nil
		}
	}
}

// wait blocks until a Notify, the time at (if set), or ctx's end.
func (s *Sender) wait(ctx context.Context, at time.Time) bool {
	return edge.Wait(ctx, s.wake, at, s.now)
}

// pick takes the head of the chat whose turn it is: a reply before bulk,
// then the oldest; or says when one will be due.
func (s *Sender) pick() (store.Queued, time.Time, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	var best store.Queued
	var due time.Time
	found := false
	wait := func(at time.Time) {
		if due.IsZero() || at.Before(due) {
			due = at
		}
	}
	gate := s.held
	if !s.lim.unlimited && s.last.Add(s.lim.Every).After(gate) {
		gate = s.last.Add(s.lim.Every)
	}
	for chat, q := range s.queues {
		if len(q) == 0 {
			delete(s.queues, chat)
			continue
		}
		h := q[0]
		at := h.NotBefore
		if n := s.next[chat]; n.After(at) {
			at = n
		}
		if gate.After(at) {
			at = gate
		}
		if at.After(now) {
			wait(at)
			continue
		}
		if !found || (!h.Bulk && best.Bulk) || (h.Bulk == best.Bulk && h.ID < best.ID) {
			best, found = h, true
		}
	}
	if found {
		s.busy = true
	}
	return best, due, found
}

// send delivers e and records what became of it.
func (s *Sender) send(ctx context.Context, e store.Queued) {
	err := s.deliver(ctx, e)
	s.mu.Lock()
	now := s.now()
	s.last = now
	if !s.lim.unlimited {
		pace := s.lim.Private
		if e.ChatID < 0 {
			pace = s.lim.Group
		}
		s.next[e.ChatID] = now.Add(pace)
	}
	s.busy = false
	s.mu.Unlock()
	if err != nil && ctx.Err() == nil {
		s.log.Debug("zalo send failed", slog.Uint64("id", e.ID), slog.Any("error", err))
	}
}

// deliver sends e and settles it in the outbox; the entry leaves its
// chat's queue unless it is to be tried again.
func (s *Sender) deliver(ctx context.Context, e store.Queued) error {
	o, err := s.outbox.Outgoing(ctx, e.ID)
	if errors.Is(err, store.ErrNotFound) {
		s.pop(e, time.Time{})
		return nil
	}
	if err != nil {
		s.pop(e, s.now().Add(5*time.Second))
		return err
	}
	rctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	err = s.request(rctx, o)
	var unsupported unsupportedKind
	switch {
	case err == nil:
		s.mu.Lock()
		s.hold.Reset()
		s.mu.Unlock()
		if derr := <-s.outbox.DeliveredLater(store.DeliveredLinger, o.ID); derr != nil {
			s.log.Error("update outbox", slog.Uint64("id", o.ID), slog.Any("error", derr))
		}
		s.pop(e, time.Time{})
	case errors.As(err, &unsupported), final(err):
		s.giveUp(ctx, o, err, false)
		s.pop(e, time.Time{})
	case QuotaExceeded(err):
		s.mu.Lock()
		wait := s.hold.Next()
		s.held = s.now().Add(wait)
		s.mu.Unlock()
		s.postpone(ctx, o, err, wait)
		s.pop(e, s.now().Add(wait))
	case o.Attempts+1 >= maxAttempts || s.now().Sub(o.CreatedAt) > maxAge:
		s.giveUp(ctx, o, fmt.Errorf("given up after %d attempts: %w", o.Attempts+1, err), true)
		s.pop(e, time.Time{})
	default:
		wait := edge.RetryDelay(s.lim.RetryMin, o.Attempts)
		s.postpone(ctx, o, err, wait)
		s.pop(e, s.now().Add(wait))
	}
	return err
}

// pop removes e from its chat's queue, or keeps it at the head until
// retry.
func (s *Sender) pop(e store.Queued, retry time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	q := s.queues[e.ChatID]
	if len(q) == 0 || q[0].ID != e.ID {
		return
	}
	if !retry.IsZero() {
		q[0].NotBefore = retry
		return
	}
	delete(s.known, e.ID)
	if len(q) == 1 {
		delete(s.queues, e.ChatID)
		return
	}
	s.queues[e.ChatID] = q[1:]
}

func (s *Sender) postpone(ctx context.Context, o store.Outgoing, err error, wait time.Duration) {
	s.log.Info("zalo send postponed", slog.Uint64("id", o.ID), slog.Int64("chat_id", o.ChatID), slog.Duration("wait", wait), slog.Any("error", err))
	if perr := s.outbox.Postpone(ctx, o.ID, s.now().Add(wait), err.Error()); perr != nil {
		s.log.Error("update outbox", slog.Uint64("id", o.ID), slog.Any("error", perr))
	}
}

func (s *Sender) giveUp(ctx context.Context, o store.Outgoing, err error, passing bool) {
	s.log.Warn("zalo refused a message", slog.Uint64("id", o.ID), slog.Int64("chat_id", o.ChatID), slog.String("kind", o.Kind), slog.Any("error", err))
	if gerr := s.outbox.GiveUp(ctx, o.ID, err.Error()); gerr != nil {
		s.log.Error("update outbox", slog.Uint64("id", o.ID), slog.Any("error", gerr))
	}
	if s.refuse == nil {
		return
	}
	r := messenger.Refusal{Err: err, GaveUp: passing}
	var ze *Error
	if errors.As(err, &ze) {
		r.Reason = ze.Description
	}
	// The docs name no error for a person who blocked the bot or a group
	// that removed it: no refusal is read as Gone.
	s.refuse.Refused(ctx, o, r)
}

// unsupportedKind: an entry Zalo cannot show (a document, a button's
// answer, a command menu, a photo by file id: it takes photos by URL only).
type unsupportedKind struct{ kind string }

func (e unsupportedKind) Error() string { return fmt.Sprintf("zalo cannot send a %q entry", e.kind) }

// final: Zalo refused the request itself (a 4xx other than 429): trying
// again would meet the same answer.
func final(err error) bool {
	var ze *Error
	return errors.As(err, &ze) && ze.Code >= 400 && ze.Code < 500 && !QuotaExceeded(err)
}

// request sends o as Zalo can: a message (an edit comes here as one; the
// conversation made it so) as plain text, our HTML taken out.
func (s *Sender) request(ctx context.Context, o store.Outgoing) error {
	switch o.Kind {
	case store.KindMessage, store.KindEdit:
	default:
		return unsupportedKind{o.Kind}
	}
	name, chat, err := s.ids.External(ctx, o.ChatID)
	if err != nil {
		return unsupportedKind{"message to an unknown chat"}
	}
	if name != messenger.Zalo {
		return unsupportedKind{"message to a " + name + " chat"}
	}
	_, err = s.api.SendMessage(ctx, chat, edge.PlainText(o.Text))
	return err
}
