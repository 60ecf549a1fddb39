package telegram

import (
	"github.com/dvkbot/dvkbot/bot/edge"

	"context"
	"log/slog"
	"os"
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
	removing  int             // sent, their removal not yet committed
	stopping  bool            // Run has returned: removals wait for nothing
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

// add takes entries just committed to the outbox. A chat that waits for
// the removal of what it was sent last, which this commit did not take,
// has its removal hastened: it was let wait long while nothing more was
// queued for the chat (removalWait).
func (s *Sender) add(q []store.Queued) {
	var waiting []uint64
	s.mu.Lock()
	for _, e := range q {
		s.idx.push(e)
		if id, ok := s.idx.waitingRemoval(e); ok {
			waiting = append(waiting, id)
		}
	}
	s.mu.Unlock()
	if len(waiting) > 0 {
		s.outbox.HastenDelivered(waiting...)
	}
	s.Notify()
}

// Run sends until ctx ends. A request already on the wire is finished, not
// cut, so that a shutdown does not turn into a duplicate.
func (s *Sender) Run(ctx context.Context) error {
	if !s.load(ctx) {
		return nil
	}
	defer s.stop()
	for {
		s.giveUpOverflow(ctx)
		next := s.dispatch(ctx)
		if !s.waitUntil(ctx, next) {
			return nil
		}
	}
}

// stop waits for what is on the wire: its outcome recorded and its
// removal committed without waiting for a write that will not come.
func (s *Sender) stop() {
	s.mu.Lock()
	s.stopping = true
	s.mu.Unlock()
	s.outbox.FlushDelivered()
	s.onWire.Wait()
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
		if !edge.Sleep(ctx, 5*time.Second) {
			return false
		}
	}
}

// waitUntil blocks until a Notify, the time next (if set), or ctx's end.
func (s *Sender) waitUntil(ctx context.Context, next time.Time) bool {
	return edge.Wait(ctx, s.wake, next, s.now)
}

// dispatch starts sending what is due, as far as free places on the wire
// allow, and returns when to look again (zero: at the next Notify, which
// also comes when a send ends that frees the last place or puts a chat
// back in line; any other end changes nothing the loop waits for).
//
// A request's place on the wire is free as soon as it comes back: the
// removal of what it sent is committed after that, riding on the store's
// next write (store.Delivered), while the next request uses the place.
// The chat itself stays out of line until the removal has committed, so
// that a crash repeats at most one message a chat.
func (s *Sender) dispatch(ctx context.Context) time.Time {
	jobs, next := s.take()
	for _, j := range jobs {
		s.onWire.Add(1)
		go func() {
			defer s.onWire.Done()
			ctx := context.WithoutCancel(ctx) // once taken, sent and recorded even if we are stopping
			res := s.deliverJob(ctx, j)
			s.mu.Lock()
			s.limits.sent(j.head, s.now())
			wake := s.busy == workers // the loop waits for this place
			s.busy--
			if len(res.delivered) > 0 {
				s.removing++
				s.idx.removing(j.head)
			} else if s.idx.finish(j.head, res) {
				wake = true // the chat is back in line
			}
			s.mu.Unlock()
			if wake {
				s.Notify()
			}
			if len(res.delivered) > 0 {
				s.remove(ctx, j.head, res)
			}
		}()
	}
	return next
}

// RemovalLinger is how long a sent entry's removal waits for a commit to
// ride on while a crowd is answered and nothing more is queued for its
// chat (see removalWait): the updates' commits then come a second apart
// (the poller's gather), and the crowd's removals ride on them instead of
// each few paying a commit and a wake-up of their own. A crash in a crowd
// repeats at most one message a chat, of the chats sent to within it
// (some 30 at Telegram's pace).
const RemovalLinger = time.Second

// removalWait is how long the removal of what res delivered to head's
// chat may wait for a commit to ride on (store.Delivered). Only the chat
// waits for it, so it waits as long as the chat would wait anyway: with
// more queued for the chat, until the chat's pace lets the next one go
// (at least store.DeliveredLinger, at most paceLinger); with nothing
// queued, nobody waits, and in a crowd (Sender.Behind) it waits
// RemovalLinger for the next poll's commit (an entry queued for the chat
// meanwhile hastens it, Sender.add), else store.DeliveredLinger. A
// stopping sender waits for nothing. s.mu is held.
func (s *Sender) removalWait(head store.Queued, res sendResult) time.Duration {
	if s.stopping {
		return store.DeliveredLinger
	}
	if !s.moreQueued(head, res) {
		if s.behind() {
			return RemovalLinger // a commit comes within it
		}
		return store.DeliveredLinger // none may come: do not wait for nothing
	}
	var pace time.Duration
	if toChat(head) {
		pace = s.limits.chat(head.ChatID).wait(s.now())
	}
	return min(max(pace, store.DeliveredLinger), paceLinger)
}

// moreQueued reports whether more than what res sent waits for head's
// chat. s.mu is held.
func (s *Sender) moreQueued(head store.Queued, res sendResult) bool {
	q := s.idx.chats[queueKey(head)]
	return q != nil && len(q.items) > 1+len(res.sent)
}

// paceLinger bounds a removal's wait for a chat's pace (a group's next
// message may wait 3.6 s): a crash repeats the chats sent to within it.
const paceLinger = time.Second

// remove commits the removal of entries sent, then puts their chat back
// in line. An entry queued for the chat once the removal waits hastens it
// (add); one queued, or a stop, between the choice of the wait and then
// is caught by asking again once it waits.
func (s *Sender) remove(ctx context.Context, head store.Queued, res sendResult) {
	s.mu.Lock()
	within, more, stopping := s.removalWait(head, res), s.moreQueued(head, res), s.stopping
	s.mu.Unlock()
	done := s.outbox.DeliveredLater(within, res.delivered...)
	s.mu.Lock()
	changed := s.moreQueued(head, res) != more || s.stopping != stopping
	s.mu.Unlock()
	if changed {
		s.outbox.HastenDelivered(head.ID)
	}
	err := <-done
	if err != nil && ctx.Err() == nil {
		s.log.Error("update outbox", slog.Uint64("id", head.ID), slog.Any("error", err))
	}
	if err == nil && res.file != "" {
		os.Remove(res.file) // sent, and never to be sent again
	}
	s.mu.Lock()
	s.removing--
	back := s.idx.finish(head, res)
	s.mu.Unlock()
	if back {
		s.Notify()
	}
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
					// Nobody may send before w; wake when the bucket
					// holds a burst, to send it with one wake-up.
					return nil, now.Add(s.limits.globalRefill(w))
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

// Behind reports whether replies that may go within a second wait for
// as many chats as the overall pace lets out in a second (30 at
// Telegram's): an update handled now would not be answered sooner than
// one handled a little later. Entries put off for later (a retry, a 429)
// do not count, and with the pace lifted the way out is never behind.
func (s *Sender) Behind() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.behind()
}

func (s *Sender) behind() bool {
	enough := s.limits.perSecond()
	return enough > 0 && s.idx.dueBy(laneReply, s.now().Add(time.Second), enough) >= enough
}

// Idle reports whether nothing is on the wire and no removal waits: with
// an empty outbox, the sender has finished, refusal handling included.
func (s *Sender) Idle() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.busy == 0 && s.removing == 0
}
