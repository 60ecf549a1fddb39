package main

import (
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/dvkbot/dvkbot/bot/formscript"
	"github.com/dvkbot/dvkbot/bot/telegram/telegramtest"
)

// person is one user in a private chat with the bot, who answers each
// question of a form (formscript) as soon as it arrives.
type person struct {
	srv *telegramtest.Server
	in  *inboxes
	u   telegramtest.User
	// strict: any reply that is not the awaited one fails the run (a step
	// refused). Otherwise it is passed over: after a crash the bot may
	// repeat a message it had sent.
	strict bool
	last   telegramtest.Event // the last bot message awaited, whose buttons a press uses
}

// fill drives steps and returns each step's latency, from the action to
// the reply that names the next step.
func (p *person) fill(steps []formscript.Step, timeout time.Duration) ([]time.Duration, error) {
	out := make([]time.Duration, 0, len(steps))
	for i, st := range steps {
		t0 := time.Now()
		if err := p.act(st); err != nil {
			return out, fmt.Errorf("step %d: %w", i, err)
		}
		if err := p.await(st.Next, timeout); err != nil {
			return out, fmt.Errorf("step %d (%q): %w", i, firstNonEmpty(st.Say, st.Press), err)
		}
		out = append(out, time.Since(t0))
	}
	return out, nil
}

func (p *person) act(st formscript.Step) error {
	if st.Press == "" {
		p.srv.SendPrivate(p.u, st.Say)
		return nil
	}
	for _, row := range p.last.Buttons {
		for _, b := range row {
			if strings.Contains(b.Text, st.Press) {
				p.srv.PressButton(p.u, telegramtest.PrivateChat(p.u), p.last.MessageID, b.Data)
				return nil
			}
		}
	}
	return fmt.Errorf("no button %q under %q", st.Press, p.last.Text)
}

// await waits for the bot's message (new or edited) in the person's chat
// that contains word.
func (p *person) await(word string, timeout time.Duration) error {
	expire := time.After(timeout)
	for {
		select {
		case e := <-p.in.chat(p.u.ID):
			if strings.Contains(e.Text, word) {
				p.last = e
				return nil
			}
			if p.strict {
				return fmt.Errorf("the bot said %q, not %q", e.Text, word)
			}
		case <-expire:
			return fmt.Errorf("no %q in %v", word, timeout)
		}
	}
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// inboxes hands each chat's bot messages to whoever waits for them,
// without rescanning everything the bot ever sent.
type inboxes struct {
	mu    sync.Mutex
	chats map[int64]chan telegramtest.Event
}

func newInboxes(srv *telegramtest.Server) *inboxes {
	in := &inboxes{chats: map[int64]chan telegramtest.Event{}}
	srv.OnEvent(in.take)
	return in
}

// take hands a bot message to its chat's inbox.
func (in *inboxes) take(e telegramtest.Event) {
	if e.FromBot {
		select {
		case in.chat(e.ChatID) <- e:
		default: // nobody reads this chat (a group of the wave, the office)
		}
	}
}

func (in *inboxes) chat(id int64) chan telegramtest.Event {
	in.mu.Lock()
	defer in.mu.Unlock()
	c := in.chats[id]
	if c == nil {
		c = make(chan telegramtest.Event, 64)
		in.chats[id] = c
	}
	return c
}
