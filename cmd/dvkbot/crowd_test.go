package main

import (
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/time/rate"

	"github.com/dvkbot/dvkbot/bot"
	"github.com/dvkbot/dvkbot/bot/telegram"
	"github.com/dvkbot/dvkbot/bot/telegram/telegramtest"
)

// A crowd asks at once while the way out is behind (Telegram's 30
// messages a second): the poller lets their updates gather and the bot
// handles each poll's updates in one commit, and still every person gets
// each answer once, in the order they asked — across a restart in the
// middle of it.
func TestACrowdIsAnsweredOnceInOrderWithSharedCommits(t *testing.T) {
	t.Parallel()
	h := &harness{t: t, srv: telegramtest.NewServer(), logs: &syncBuffer{},
		limits: telegram.Limits{Global: 30, GlobalBurst: 1, Private: rate.Inf, Group: rate.Inf, ChatBurst: 1, RetryMin: time.Millisecond},
		flood:  &bot.Flood{Burst: 10000, Rate: rate.Inf}}
	t.Cleanup(h.srv.Close)
	h.path = t.TempDir() + "/dvkbot.db"
	h.start()
	steps := []struct{ text, answer string }{
		{"/help", "/language"}, {"/menu", "Mời đồng chí chọn việc"}, {"cho tôi đăng ký", "Bot chưa hiểu"},
	}
	const people = 60
	polls := h.srv.Calls("getUpdates")
	var wg sync.WaitGroup
	for i := range people {
		u := telegramtest.User{ID: 5000 + int64(i), FirstName: "Người", LastName: "Thứ"}
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n, st := range steps {
				h.srv.SendPrivate(u, st.text)
				_, err := h.srv.WaitFor(time.Minute, func(s telegramtest.Sent) bool {
					return s.ChatID == u.ID && len(h.srv.SentTo(u.ID)) > n && strings.Contains(s.Plain, st.answer)
				})
				if err != nil {
					t.Errorf("person %d, step %d: %v", u.ID, n, err)
					return
				}
			}
		}()
	}
	for len(h.srv.Sent()) < people { // the first round is being answered
		time.Sleep(10 * time.Millisecond)
	}
	h.restart()
	wg.Wait()
	h.settle()
	updates := people * len(steps)
	if n := h.srv.Calls("getUpdates") - polls; n > updates/2 {
		t.Errorf("%d polls for %d updates: updates did not gather while replies waited", n, updates)
	}
	for i := range people {
		id := 5000 + int64(i)
		sent := h.srv.SentTo(id)
		if len(sent) != len(steps) {
			t.Errorf("person %d got %d messages, want %d", id, len(sent), len(steps))
			continue
		}
		for n, st := range steps {
			if !strings.Contains(sent[n].Plain, st.answer) {
				t.Errorf("person %d, message %d is %.40q, want the answer to %q", id, n, sent[n].Plain, st.text)
			}
		}
	}
	if n := h.srv.Rejected(429); n != 0 {
		t.Errorf("%d × 429", n)
	}
}
