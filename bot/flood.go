package bot

import (
	"sync"
	"time"

	"github.com/dvkbot/dvkbot/bot/messenger"
	"golang.org/x/time/rate"
)

// Flood is how fast one person may send: a burst, then a rate. Beyond it
// the bot says once "slow down" and ignores the rest until the pace
// drops, so one flooder cannot fill the outbox or take the bot's time.
//
// A group has a limit of its own on top: members taking turns each stay
// under the per-person limit, but Telegram lets the bot post only about 20
// messages a minute to one group, so what a group asks beyond that is
// dropped rather than queued for hours.
type Flood struct {
	Burst int
	Rate  rate.Limit
	// GroupBurst and GroupRate pace one group's updates; zero: as a person.
	GroupBurst int
	GroupRate  rate.Limit
}

// DefaultFlood: a burst of 20 updates (an album of photos fits), then one
// a second; a group: 10, then one every 6 seconds (10 a minute).
func DefaultFlood() Flood {
	return Flood{Burst: 20, Rate: 1, GroupBurst: 10, GroupRate: rate.Every(6 * time.Second)}
}

// group is the pace of one group's updates.
func (f Flood) group() Flood {
	if f.GroupBurst == 0 {
		return Flood{Burst: f.Burst, Rate: f.Rate}
	}
	return Flood{Burst: f.GroupBurst, Rate: f.GroupRate}
}

// groupPaced reports whether u counts against its group's pace: what the
// members ask (commands, button presses). The bot's own membership and a
// group's move to a supergroup are never dropped: a removal the office is
// not told of, or a link left on the old chat id, would outlast the flood.
func groupPaced(u update) bool {
	return !u.Chat.Private() && u.Kind != messenger.KindMember && u.MigrateTo == 0
}

type floodGuard struct {
	cfg    Flood
	mu     sync.Mutex
	users  map[int64]*floodState
	now    func() time.Time
	lastGC time.Time
}

type floodState struct {
	lim    *rate.Limiter
	warned bool
}

func newFloodGuard(cfg Flood, now func() time.Time) *floodGuard {
	return &floodGuard{cfg: cfg, users: map[int64]*floodState{}, now: now}
}

// check reports whether the user's update may be handled, and whether the
// user must be told to slow down (once per flood).
func (g *floodGuard) check(userID int64) (ok, warn bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	now := g.now()
	g.gc(now)
	st := g.users[userID]
	if st == nil {
		st = &floodState{lim: rate.NewLimiter(g.cfg.Rate, g.cfg.Burst)}
		g.users[userID] = st
	}
	if st.lim.AllowN(now, 1) {
		st.warned = false
		return true, false
	}
	warn = !st.warned
	st.warned = true
	return false, warn
}

// gc forgets users whose bucket is full again, once a minute.
func (g *floodGuard) gc(now time.Time) {
	if now.Sub(g.lastGC) < time.Minute {
		return
	}
	g.lastGC = now
	for id, st := range g.users {
		if st.lim.TokensAt(now) >= float64(g.cfg.Burst) {
			delete(g.users, id)
		}
	}
}
