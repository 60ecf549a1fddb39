package telegram

import (
	"time"

	"golang.org/x/time/rate"

	"github.com/dvkbot/dvkbot/store"
)

// Limits are the sender's pace: token buckets overall and per chat.
// Private chats have positive ids, groups negative ones.
type Limits struct {
	Global      rate.Limit
	GlobalBurst int
	Private     rate.Limit
	Group       rate.Limit
	ChatBurst   int
	// RetryMin is the first wait before a failed request is tried again;
	// it doubles up to 5 minutes. Zero: one second.
	RetryMin time.Duration
}

// DefaultLimits follow Telegram's: 30 messages a second in all, one a
// second to one chat (a short burst of 3 is tolerated), 20 a minute to
// one group, the per-chat ones with a margin.
//
// The overall 30 a second go out three at a time, every 100 ms, when the
// sender is behind (Sender.take waits until the bucket holds three): a
// message sent alone every 33 ms woke the process for each, and that
// waking cost as much CPU as the work. The bucket holds a fourth, so that
// a wake-up a little late loses none of the pace. A second sees at most
// 30 and what the bucket held when it began (34 at most; 31 with the old
// bucket of one), and a longer span 30 a second (Telegram speaks of "30
// messages per second or so"; grammY's throttler lets 30 go at once).
func DefaultLimits() Limits {
	return Limits{
		Global: 30, GlobalBurst: 4,
		Private:   rate.Every(time.Second),
		Group:     rate.Every(3600 * time.Millisecond), // 3 + 60/3.6 < 20 a minute
		ChatBurst: 3,
	}
}

// Unpaced lifts every limit: for tests and benchmarks against an
// emulator only (the real Telegram answers 429 beyond its pace).
func Unpaced() Limits {
	return Limits{Global: rate.Inf, GlobalBurst: 1, Private: rate.Inf, Group: rate.Inf, ChatBurst: 1}
}

// limits paces sends on the sender's clock: a token bucket overall, taken
// when a request is let go, and one per chat, taken when the request has
// come back. Telegram counts a message when it arrives, which is some time
// between the two; charging the chat at the later moment keeps us under
// its count however the network or a busy machine delays a request (one
// chat has one request on the wire at a time, so nothing overlaps).
type limits struct {
	cfg    Limits
	global *rate.Limiter
	chats  map[int64]*bucket
	held   map[int64]time.Time // chats Telegram asked to wait (429)
	pruned time.Time
}

func newLimits(cfg Limits) *limits {
	return &limits{cfg: cfg, global: rate.NewLimiter(cfg.Global, cfg.GlobalBurst),
		chats: map[int64]*bucket{}, held: map[int64]time.Time{}}
}

// reserve takes the overall token for o at now, or says how long until o
// may go (taking nothing). Answers to button presses are not messages and
// are not paced.
func (l *limits) reserve(o store.Queued, now time.Time) time.Duration {
	if unpaced(o) {
		return 0
	}
	if at, ok := l.held[o.ChatID]; ok && at.After(now) && toChat(o) {
		return at.Sub(now)
	}
	if w := l.chat(o.ChatID).wait(now); w > 0 && toChat(o) {
		return w
	}
	g := l.global.ReserveN(now, 1)
	if w := g.DelayFrom(now); w > 0 {
		g.CancelAt(now)
		return w
	}
	return 0
}

// sent charges o's chat for a request that came back at done.
func (l *limits) sent(o store.Queued, done time.Time) {
	if toChat(o) {
		l.chat(o.ChatID).take(done)
	}
}

// unpaced: button answers and downloads are not messages at all.
func unpaced(o store.Queued) bool { return o.Kind == store.KindAnswer || o.Kind == store.KindFetch }

// toChat: o is a message to its chat, which Telegram paces per chat (a
// command menu is not: it counts only against the overall pace).
func toChat(o store.Queued) bool { return !unpaced(o) && o.Kind != store.KindMenu }

func (l *limits) chat(id int64) *bucket {
	if b, ok := l.chats[id]; ok {
		return b
	}
	r := l.cfg.Private
	if id < 0 {
		r = l.cfg.Group
	}
	b := &bucket{rate: float64(r), burst: float64(l.cfg.ChatBurst)}
	l.chats[id] = b
	return b
}

// perSecond is how many messages the overall pace lets out in a second;
// 0 when it is lifted.
func (l *limits) perSecond() int {
	if l.cfg.Global == rate.Inf {
		return 0
	}
	return max(int(l.cfg.Global), 1)
}

// globalRefill is how long until the overall bucket holds all it holds
// but one, from the moment it lets one more through (a wait of w): the
// sender then sends that many with one wake-up, and the one place left
// takes what a late wake-up would otherwise lose.
func (l *limits) globalRefill(w time.Duration) time.Duration {
	if l.cfg.Global == rate.Inf || l.cfg.GlobalBurst <= 2 {
		return w
	}
	return w + time.Duration(float64(l.cfg.GlobalBurst-2)/float64(l.cfg.Global)*float64(time.Second))
}

// globalWait is how long until the overall limit lets one more through.
func (l *limits) globalWait(now time.Time) time.Duration {
	r := l.global.ReserveN(now, 1)
	d := r.DelayFrom(now)
	r.CancelAt(now)
	return d
}

// slowDown holds a chat back until at: Telegram answered 429 for it.
func (l *limits) slowDown(chatID int64, at time.Time) {
	l.held[chatID] = at
}

// prune forgets, once a minute, the buckets of chats idle long enough to
// be full again, and holds that are over.
func (l *limits) prune(now time.Time) {
	if now.Sub(l.pruned) < time.Minute {
		return
	}
	l.pruned = now
	for id, b := range l.chats {
		if b.at(now) >= b.burst {
			delete(l.chats, id)
		}
	}
	for id, at := range l.held {
		if !at.After(now) {
			delete(l.held, id)
		}
	}
}

// bucket is a token bucket that is checked and charged apart.
type bucket struct {
	rate, burst float64 // tokens a second; most it holds
	tokens      float64
	last        time.Time // zero: never charged, full
}

func (b *bucket) at(now time.Time) float64 {
	if b.last.IsZero() {
		return b.burst
	}
	return min(b.burst, b.tokens+now.Sub(b.last).Seconds()*b.rate)
}

// wait is how long until one token is there.
func (b *bucket) wait(now time.Time) time.Duration {
	t := b.at(now)
	if t >= 1 {
		return 0
	}
	return time.Duration((1 - t) / b.rate * float64(time.Second))
}

func (b *bucket) take(now time.Time) {
	b.tokens, b.last = b.at(now)-1, now
}
