package bot

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
}

// DefaultLimits follow Telegram's: 30 messages a second in all (no burst
// above it), one a second to one chat (a short burst of 3 is tolerated),
// 20 a minute to one group, the per-chat ones with a margin.
func DefaultLimits() Limits {
	return Limits{
		Global: 30, GlobalBurst: 1,
		Private:   rate.Every(time.Second),
		Group:     rate.Every(3600 * time.Millisecond), // 3 + 60/3.6 < 20 a minute
		ChatBurst: 3,
	}
}

// limits paces sends with token buckets on the sender's clock.
type limits struct {
	cfg    Limits
	global *rate.Limiter
	chats  map[int64]*rate.Limiter
}

func newLimits(cfg Limits) *limits {
	return &limits{cfg: cfg, global: rate.NewLimiter(cfg.Global, cfg.GlobalBurst), chats: map[int64]*rate.Limiter{}}
}

// reserve takes a token for o at now, or says how long until one is free
// (taking nothing). Answers to button presses are not messages and are
// not paced.
func (l *limits) reserve(o store.Outgoing, now time.Time) time.Duration {
	if o.Kind == store.KindAnswer {
		return 0
	}
	chat := l.chat(o.ChatID)
	g, c := l.global.ReserveN(now, 1), chat.ReserveN(now, 1)
	wait := max(g.DelayFrom(now), c.DelayFrom(now))
	if wait > 0 {
		g.CancelAt(now)
		c.CancelAt(now)
	}
	return wait
}

func (l *limits) chat(id int64) *rate.Limiter {
	if lim, ok := l.chats[id]; ok {
		return lim
	}
	r := l.cfg.Private
	if id < 0 {
		r = l.cfg.Group
	}
	lim := rate.NewLimiter(r, l.cfg.ChatBurst)
	l.chats[id] = lim
	return lim
}
