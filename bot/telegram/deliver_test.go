package telegram

import (
	"github.com/dvkbot/dvkbot/bot/edge"

	"errors"
	"net/url"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/dvkbot/dvkbot/store"
)

func TestClassify(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want outcome
		wait time.Duration
	}{
		{"sent", nil, outcomeDone, 0},
		{"network", &url.Error{Op: "Post", URL: "x", Err: errors.New("connection refused")}, outcomeRetry, 0},
		{"429", &tgbotapi.Error{Code: 429, Message: "Too Many Requests: retry after 7", ResponseParameters: tgbotapi.ResponseParameters{RetryAfter: 7}}, outcomeRetry, 7 * time.Second},
		{"500", &tgbotapi.Error{Code: 500, Message: "Internal Server Error"}, outcomeRetry, 0},
		{"not modified", &tgbotapi.Error{Code: 400, Message: "Bad Request: message is not modified: specified new message content"}, outcomeDone, 0},
		{"blocked", &tgbotapi.Error{Code: 403, Message: "Forbidden: bot was blocked by the user"}, outcomeDrop, 0},
		{"chat not found", &tgbotapi.Error{Code: 400, Message: "Bad Request: chat not found"}, outcomeDrop, 0},
		{"upload refused without code", &tgbotapi.Error{Message: "Forbidden: bot was kicked from the group chat"}, outcomeDrop, 0},
		{"masked and wrapped", mask(&tgbotapi.Error{Code: 403, Message: "Forbidden"}, "tok"), outcomeDrop, 0},
		{"ours", permanentError{"unknown outbox kind"}, outcomeDrop, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := classify(tt.err)
			if v.kind != tt.want || v.wait != tt.wait {
				t.Errorf("classify = %+v, want kind %d wait %v", v, tt.want, tt.wait)
			}
		})
	}
}

func TestRetryDelayDoublesAndCaps(t *testing.T) {
	for attempts, want := range map[int]time.Duration{0: time.Second, 1: 2 * time.Second, 3: 8 * time.Second, 20: 5 * time.Minute} {
		if got := edge.RetryDelay(0, attempts); got != want {
			t.Errorf("edge.RetryDelay(%d) = %v, want %v", attempts, got, want)
		}
	}
}

func TestMaskToken(t *testing.T) {
	err := mask(&url.Error{Op: "Post", URL: "https://api.telegram.org/bot123:SECRET/getMe", Err: errors.New("timeout")}, "123:SECRET")
	if got := err.Error(); got != `Post "https://api.telegram.org/bot<token>/getMe": timeout` {
		t.Errorf("masked error = %q", got)
	}
	var ue *url.Error
	if !errors.As(err, &ue) {
		t.Error("masking hid the underlying error type")
	}
}

func TestLimitsPaceOneGroup(t *testing.T) {
	l := newLimits(DefaultLimits())
	now := time.Date(2024, 4, 7, 8, 0, 0, 0, time.UTC)
	group := store.Queued{Kind: store.KindMessage, ChatID: -100123}
	sent := 0
	// A minute of asking every 100 ms: never more than 20 may go.
	for i := 0; i < 600; i++ {
		at := now.Add(time.Duration(i) * 100 * time.Millisecond)
		if l.reserve(group, at) == 0 {
			l.sent(group, at)
			sent++
		}
	}
	if sent > 20 || sent < 15 {
		t.Errorf("%d messages to one group in a minute, want 15..20", sent)
	}
	answer := store.Queued{Kind: store.KindAnswer, ID: 1}
	if w := l.reserve(answer, now); w != 0 {
		t.Errorf("a button answer waited %v", w)
	}
}

func TestLimitsGlobalRate(t *testing.T) {
	l := newLimits(DefaultLimits())
	now := time.Date(2024, 4, 7, 8, 0, 0, 0, time.UTC)
	sent := 0
	for i := 0; i < 1000; i++ { // 1000 different chats, asked within one second
		o := store.Queued{Kind: store.KindMessage, ChatID: -int64(1000 + i)}
		at := now.Add(time.Duration(i) * time.Millisecond)
		if l.reserve(o, at) == 0 {
			l.sent(o, at)
			sent++
		}
	}
	// 30 a second and what the bucket holds when the second starts (3
	// more within these 1,000 ms): "30 messages per second or so".
	if sent > 30+3 {
		t.Errorf("%d messages in one second overall, Telegram allows about 30", sent)
	}
	for i := 1000; i < 11000; i++ { // then ten seconds more: 30 a second
		o := store.Queued{Kind: store.KindMessage, ChatID: -int64(1000 + i)}
		at := now.Add(time.Duration(i) * time.Millisecond)
		if l.reserve(o, at) == 0 {
			l.sent(o, at)
			sent++
		}
	}
	if sent > 11*30+3 {
		t.Errorf("%d messages in eleven seconds overall, more than 30 a second", sent)
	}
}

// Telegram counts a message when it arrives; the chat is charged when the
// request came back, so a request that was slow to leave cannot make the
// next one arrive too early.
func TestLimitsChargeAChatWhenItsRequestCameBack(t *testing.T) {
	l := newLimits(DefaultLimits())
	t0 := time.Date(2024, 4, 7, 8, 0, 0, 0, time.UTC)
	chat := store.Queued{Kind: store.KindMessage, ChatID: 42}
	for i := 0; i < 3; i++ { // the burst, each request taking 400 ms
		at := t0.Add(time.Duration(i) * 400 * time.Millisecond)
		if w := l.reserve(chat, at); w != 0 {
			t.Fatalf("message %d of the burst waited %v", i+1, w)
		}
		l.sent(chat, at.Add(400*time.Millisecond))
	}
	back := t0.Add(1200 * time.Millisecond)
	if w := l.reserve(chat, back); w <= 0 {
		t.Fatalf("a fourth message right after the burst came back may go; Telegram would answer 429")
	}
}

func TestLimitsPruneIdleChats(t *testing.T) {
	l := newLimits(DefaultLimits())
	t0 := time.Date(2024, 4, 7, 8, 0, 0, 0, time.UTC)
	for i := 0; i < 100; i++ {
		o := store.Queued{Kind: store.KindMessage, ChatID: int64(i + 1)}
		l.reserve(o, t0)
		l.sent(o, t0)
	}
	l.prune(t0.Add(2 * time.Minute))
	if n := len(l.chats); n != 0 {
		t.Errorf("%d idle chats still have a limiter after two minutes", n)
	}
}
