package bot

import (
	"time"

	"golang.org/x/time/rate"

	"github.com/dvkbot/dvkbot/store"
)

// Telegram's limits, with a margin: about 30 messages a second in all,
// one a second to one chat (short bursts tolerated in private chats), and
// 20 a minute to one group. Private chats have positive ids, groups
// negative ones.
var (
	globalRate  = rate.Limit(25)
	globalBurst = 5
	privateRate = rate.Every(time.Second)
	groupRate   = rate.Every(3600 * time.Millisecond) // 3 + 60/3.6 < 20 a minute
	chatBurst   = 3
)

// limits paces sends with token buckets on the sender's clock.
type limits struct {
	global *rate.Limiter
	chats  map[int64]*rate.Limiter
}

func newLimits() *limits {
	return &limits{global: rate.NewLimiter(globalRate, globalBurst), chats: map[int64]*rate.Limiter{}}
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
	r := privateRate
	if id < 0 {
		r = groupRate
	}
	lim := rate.NewLimiter(r, chatBurst)
	l.chats[id] = lim
	return lim
}
