package telegram

import (
	"context"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/dvkbot/dvkbot/store"

	"github.com/dvkbot/dvkbot/bot/messenger"
)

// Outbox is what the sender needs of the store.
type Outbox = messenger.Outbox

// Telegram is the part of the client the sender uses.
type Telegram interface {
	Send(ctx context.Context, req tgbotapi.Chattable) (int, error)
	Request(ctx context.Context, req tgbotapi.Chattable) error
	Download(ctx context.Context, fileID string, limit int64) ([]byte, error)
}

// Keep says where the sender keeps copies of evidence files and the
// largest it downloads (Telegram lets bots download up to 20 MB).
type Keep struct {
	Dir   string
	Limit int64
}

// Sender is the single way out: it drains the persistent outbox, one
// chat's messages strictly in sequence, within Telegram's rate limits,
// retrying what failed for a passing reason and giving up (with the reason
// kept) on what Telegram refuses for good.
//
// It reads the outbox once, at start, into an in-memory index (queues per
// chat, chats ordered by when they may send next) and then learns of new
// entries from the store after each commit, so the cost of a message does
// not grow with the backlog, and one chat's backlog holds back only that
// chat.
type Sender struct {
	outbox Outbox
	api    Telegram
	log    *slog.Logger
	now    func() time.Time
	limits *limits
	wake   chan struct{}
	refuse messenger.Refusals

	keep Keep

	mu        sync.Mutex
	idx       *queueIndex
	solo      map[uint64]bool // heads whose batch failed: they go alone next
	busy      int             // requests on the wire
	onWire    sync.WaitGroup
	lastOK    atomic.Int64 // unix nanoseconds of the last request that succeeded
	lastHeard atomic.Int64 // of the last poll that came back (Heard)
	// gaveUp are the chats an entry to which was given up after passing
	// failures, until something reaches them again: the office is told
	// once, not once an entry.
	gaveUp map[int64]bool
}

// OnRefused sets who is told after Telegram refused an entry for good
// (Bot.Refused: mend group links). Call before Run.
func (s *Sender) OnRefused(r messenger.Refusals) { s.refuse = r }

// KeepFiles sets where evidence copies go. Call before Run.
func (s *Sender) KeepFiles(k Keep) { s.keep = k }

// NewSender makes a sender with the pace lim; now is its clock. It asks
// the outbox to tell it of every entry queued from now on.
func NewSender(outbox Outbox, api Telegram, log *slog.Logger, now func() time.Time, lim Limits) *Sender {
	s := &Sender{outbox: outbox, api: api, log: log, now: now,
		limits: newLimits(lim), wake: make(chan struct{}, 1), idx: newQueueIndex(now), solo: map[uint64]bool{},
		gaveUp: map[int64]bool{}}
	outbox.OnQueue(s.add)
	return s
}

// Notify tells the sender that something may be due. It never blocks.
func (s *Sender) Notify() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// add takes entries just committed to the outbox.
func (s *Sender) add(q []store.Queued) {
	s.mu.Lock()
	for _, e := range q {
		s.idx.push(e)
	}
	s.mu.Unlock()
	s.Notify()
}

// Run sends until ctx ends. A request already on the wire is finished, not
// cut, so that a shutdown does not turn into a duplicate.
func (s *Sender) Run(ctx context.Context) error {
	if !s.load(ctx) {
		return nil
	}
	defer s.onWire.Wait()
	for {
		s.giveUpOverflow(ctx)
		next := s.dispatch(ctx)
		if !s.waitUntil(ctx, next) {
			return nil
		}
	}
}

// load reads the outbox once into the index, retrying while the store
// fails; it reports false when ctx ended first.
func (s *Sender) load(ctx context.Context) bool {
	for {
		q, err := s.outbox.QueueIndex(ctx)
		if err == nil {
			s.add(q)
			return true
		}
		s.log.Error("read outbox", slog.Any("error", err))
		if !sleep(ctx, 5*time.Second) {
			return false
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

// dispatch starts sending what is due, as far as free places on the wire
// allow, and returns when to look again (zero: at the next Notify, which
// also comes when a send ends).
func (s *Sender) dispatch(ctx context.Context) time.Time {
	jobs, next := s.take()
	for _, j := range jobs {
		s.onWire.Add(1)
		go func() {
			defer s.onWire.Done()
			res := s.deliverJob(context.WithoutCancel(ctx), j) // once taken, sent and recorded even if we are stopping
			s.mu.Lock()
			s.limits.sent(j.head, s.now())
			s.idx.finish(j.head, res)
			s.busy--
			s.mu.Unlock()
			s.Notify()
		}()
	}
	return next
}

// workers is how many requests may be on the wire at once: Telegram is a
// round trip away, and one chat's messages still go one by one.
const workers = 8

// take picks entries that may go now, as many as there are free places
// on the wire, the head of a different chat each, in the order the chats
// became due, and takes their rate tokens. It returns when the next one
// will be due otherwise.
func (s *Sender) take() ([]job, time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	s.limits.prune(now)
	var jobs []job
	for s.busy < workers {
		q, ok := s.idx.peekDue(now)
		if !ok {
			break
		}
		head := q.items[0]
		if head.Kind != store.KindAnswer {
			if w := s.limits.globalWait(now); w > 0 {
				if len(jobs) == 0 {
					return nil, now.Add(w) // nobody may send before then
				}
				break
			}
		}
		if wait := s.limits.reserve(head, now); wait > 0 {
			s.idx.delay(q, now.Add(wait))
			continue
		}
		s.idx.startSending(q)
		s.busy++
		jobs = append(jobs, job{head: head, with: q.batchBehind(now, s.solo[head.ID])})
		delete(s.solo, head.ID)
	}
	if s.busy == workers {
		return jobs, time.Time{} // a send that ends wakes the loop
	}
	return jobs, s.idx.nextDue()
}

// behindReplies is when the way out is behind: replies that may go within
// a second to that many chats take a second or more at Telegram's overall
// 30 a second.
const behindReplies = 30

// Behind reports whether replies that may go within a second wait for
// many chats: an update handled now would not be answered sooner than one
// handled a little later. Entries put off for later (a retry, a 429) do
// not count.
func (s *Sender) Behind() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.behind()
}

func (s *Sender) behind() bool {
	return s.idx.dueBy(laneReply, s.now().Add(time.Second), behindReplies) >= behindReplies
}

// Crowded is Behind with room on the wire: only then may a sent entry's
// removal wait longer for a commit to ride on (store.LingerLonger). A
// request waits for its removal before its place on the wire is free, so
// when Telegram is far away and most places are taken, a longer wait would
// cost the pace itself.
func (s *Sender) Crowded() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.busy <= workers-3 && s.behind()
}

// Idle reports whether nothing is on the wire: with an empty outbox, the
// sender has finished, refusal handling included.
func (s *Sender) Idle() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.busy == 0
}
