package telegramtest

import (
	"math"
	"math/rand/v2"
	"strings"
	"time"

	"golang.org/x/time/rate"
)

type fault struct {
	code       int
	desc       string
	retryAfter int
}

// FailNext makes the next n calls of method fail with that error.
func (s *Server) FailNext(method string, n, code int, description string, retryAfter int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := 0; i < n; i++ {
		s.faults[method] = append(s.faults[method], fault{code, description, retryAfter})
	}
}

// fault pops an injected failure for method (the caller holds mu).
func (s *Server) fault(method string) *apiError {
	q := s.faults[method]
	if len(q) == 0 {
		return nil
	}
	f := q[0]
	s.faults[method] = q[1:]
	return &apiError{code: f.code, desc: f.desc, retryAfter: f.retryAfter}
}

// BlockChat makes sends to the chat answer 403, as when a user blocked
// the bot.
func (s *Server) BlockChat(chatID int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	cs := s.chats[chatID]
	if cs == nil {
		cs = s.known(Chat{ID: chatID, Type: "private"})
	}
	cs.blocked = "Forbidden: bot was blocked by the user"
}

// BreakChat makes every send to the chat answer code with description (a
// 500, say) while the rest of Telegram works, until BreakChat with code 0.
func (s *Server) BreakChat(chatID int64, code int, description string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	cs := s.chats[chatID]
	if cs == nil {
		cs = s.known(Chat{ID: chatID, Type: "private"})
	}
	cs.broken = nil
	if code != 0 {
		cs.broken = &apiError{code: code, desc: description}
	}
}

// SetWebhook sets a webhook, as another program on the token may have
// done: getUpdates answers 409 Conflict until deleteWebhook.
func (s *Server) SetWebhook(url string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.webhook = url
}

// SetDown makes every request answer 502 with an HTML page, like a broken
// proxy, until SetDown(false).
func (s *Server) SetDown(down bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.down = down
}

// EnforceLimits turns Telegram's flood limits on: per chat one message a
// second (a burst of 3), 20 a minute per group, 30 a second overall.
// Sends beyond them get 429 with retry_after.
func (s *Server) EnforceLimits(on bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.limits = nil
	if on {
		s.limits = &limiter{global: rate.NewLimiter(30, 30), chats: map[int64]*rate.Limiter{}, groups: map[int64][]time.Time{}}
	}
}

// SetJitter delays every request but getUpdates by a random 0..max
// before the emulator sees it, as a busy machine or network does: the
// limits are checked at arrival, as Telegram checks them.
func (s *Server) SetJitter(max time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.jitter = max
}

func (s *Server) delayArrival(path string) {
	s.mu.Lock()
	j := s.jitter
	s.mu.Unlock()
	if j <= 0 || strings.HasSuffix(path, "/getUpdates") {
		return
	}
	time.Sleep(rand.N(j))
}

type limiter struct {
	global *rate.Limiter
	chats  map[int64]*rate.Limiter
	groups map[int64][]time.Time
}

// limit answers 429 when a send to chat breaks a limit (the caller holds mu).
func (s *Server) limit(c Chat) *apiError {
	l := s.limits
	if l == nil {
		return nil
	}
	now := s.now()
	chat := l.chats[c.ID]
	if chat == nil {
		chat = rate.NewLimiter(1, 3)
		l.chats[c.ID] = chat
	}
	wait := max(delay(chat, now), delay(l.global, now))
	if c.Type != "private" {
		wait = max(wait, l.groupWait(c.ID, now))
	}
	if wait > 0 {
		secs := int(math.Ceil(wait.Seconds()))
		return &apiError{code: 429, desc: "Too Many Requests: retry after " + itoa(secs), retryAfter: secs}
	}
	chat.AllowN(now, 1)
	l.global.AllowN(now, 1)
	if c.Type != "private" {
		l.groups[c.ID] = append(l.groups[c.ID], now)
	}
	return nil
}

func delay(l *rate.Limiter, now time.Time) time.Duration {
	r := l.ReserveN(now, 1)
	d := r.DelayFrom(now)
	r.CancelAt(now)
	return d
}

// groupWait keeps the sliding minute of a group's sends.
func (l *limiter) groupWait(id int64, now time.Time) time.Duration {
	var keep []time.Time
	for _, t := range l.groups[id] {
		if now.Sub(t) < time.Minute {
			keep = append(keep, t)
		}
	}
	l.groups[id] = keep
	if len(keep) < 20 {
		return 0
	}
	return keep[0].Add(time.Minute).Sub(now)
}

// Calls counts the calls of a method, failed ones included.
func (s *Server) Calls(method string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls[method]
}

// Rejected counts the error answers with that code.
func (s *Server) Rejected(code int) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.rejected[code]
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}
