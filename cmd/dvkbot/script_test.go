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
// question of a form (formscript) as soon as it arrives: the load
// benchmark's secretaries and the crash test's, each over a running
// binary. The tests on the in-process harness drive the same scripts
// with harness.fill.
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
	if f := st.File; f != nil {
		if f.Name == "" {
			p.srv.SendPhoto(p.u, telegramtest.PrivateChat(p.u), f.Data, f.Caption)
		} else {
			p.srv.SendDocument(p.u, telegramtest.PrivateChat(p.u), f.Name, f.Type, f.Data, f.Caption)
		}
		return nil
	}
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

// fill drives a form's script as u in private chat, a step at a time,
// over the emulator: it types, presses a button of the bot's latest
// message, or sends a file, and waits for a message of the bot (new or
// edited) after that step that says the step was taken. It returns the
// last of those: the review for a script cut before formscript.Submit.
func (h *harness) fill(u telegramtest.User, steps []formscript.Step) telegramtest.Sent {
	h.t.Helper()
	return h.fillWith(u, steps, nil)
}

// fillWith is fill with detours: before the first step that answers a key
// of detours, its function runs (bad input, a restart, a look at the
// question), then the script goes on. Each detour must run.
func (h *harness) fillWith(u telegramtest.User, steps []formscript.Step, detours map[string]func()) telegramtest.Sent {
	h.t.Helper()
	pc := telegramtest.PrivateChat(u)
	ran := map[string]bool{}
	var got telegramtest.Sent
	for i, st := range steps {
		if d := detours[st.Key]; d != nil && !ran[st.Key] {
			ran[st.Key] = true
			d()
		}
		h.settle()
		after := 0
		if all := h.srv.Sent(); len(all) > 0 {
			after = all[len(all)-1].Seq
		}
		switch {
		case st.File != nil && st.File.Name == "":
			h.srv.SendPhoto(u, pc, st.File.Data, st.File.Caption)
		case st.File != nil:
			h.srv.SendDocument(u, pc, st.File.Name, st.File.Type, st.File.Data, st.File.Caption)
		case st.Press != "" && h.messenger != nil && !h.messenger.Buttons:
			h.srv.SendPrivate(u, h.typedChoice(h.last(u.ID), st.Press)) // no buttons: the number, or the label
		case st.Press != "":
			h.press(u, pc, h.last(u.ID), st.Press)
		default:
			h.srv.SendPrivate(u, st.Say)
		}
		s, err := h.srv.WaitFor(wait, func(s telegramtest.Sent) bool {
			return s.ChatID == u.ID && s.Seq > after && s.Method != "answerCallbackQuery" && !h.seen[s.Seq] && strings.Contains(s.Plain, st.Next)
		})
		if err != nil {
			h.t.Fatalf("step %d (%s %q): waiting for %q: %v", i, st.Key, firstNonEmpty(st.Say, st.Press), st.Next, err)
		}
		if h.seen == nil {
			h.seen = map[int]bool{}
		}
		h.seen[s.Seq] = true
		got = s
	}
	for key := range detours {
		if !ran[key] {
			h.t.Fatalf("the detour before %q did not run: no step answers it", key)
		}
	}
	return got
}
