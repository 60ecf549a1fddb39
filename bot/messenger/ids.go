package messenger

import (
	"context"
	"sync"

	"github.com/dvkbot/dvkbot/store"
)

// Our int64 ids, by messenger. Telegram's own ids are used as they are:
// people positive, groups negative, all below 2^53 in absolute value
// (Telegram: "at most 52 significant bits"). A messenger whose ids are
// strings (Zalo) gets ids of ours, kept in the store (store.Identity),
// from its base: people in [base, 2·base), groups in (-2·base, -base].
//
//	Telegram  |id| < 2^53
//	Zalo      people [2^60, 2^61), groups (-2^61, -2^60]
//
// The sender's own queues of button answers and downloads are keyed below
// -2^62 (bot/telegram's queueKey), clear of both.
const ZaloBase int64 = 1 << 60

// Telegram and Zalo name the messengers.
const (
	Telegram = "telegram"
	Zalo     = "zalo"
)

// Of names the messenger of our chat or person id.
func Of(id int64) string {
	if id >= ZaloBase && id < 2*ZaloBase || id <= -ZaloBase && id > -2*ZaloBase {
		return Zalo
	}
	return Telegram
}

// Shared is one outbox drained by the senders of several messengers
// side by side: each sees only the entries for its own chats (Of(chat)),
// an entry for no chat (a command menu for all private chats) being
// Telegram's. The store tells one listener of new entries; Shared is it.
type Shared struct {
	Outbox
	mu      sync.Mutex
	waiting map[string]func([]store.Queued)
}

// Share takes o's news of queued entries, to hand them out with Only.
func Share(o Outbox) *Shared {
	s := &Shared{Outbox: o, waiting: map[string]func([]store.Queued){}}
	o.OnQueue(s.tell)
	return s
}

func (s *Shared) tell(q []store.Queued) {
	by := map[string][]store.Queued{}
	for _, e := range q {
		name := Of(e.ChatID)
		by[name] = append(by[name], e)
	}
	s.mu.Lock()
	fns := make(map[string]func([]store.Queued), len(s.waiting))
	for k, v := range s.waiting {
		fns[k] = v
	}
	s.mu.Unlock()
	for name, es := range by {
		if fn := fns[name]; fn != nil {
			fn(es)
		}
	}
}

// Only is the outbox as the sender of messenger name sees it.
func (s *Shared) Only(name string) Outbox { return only{Shared: s, name: name} }

type only struct {
	*Shared
	name string
}

func (o only) OnQueue(fn func([]store.Queued)) {
	o.mu.Lock()
	o.waiting[o.name] = fn
	o.mu.Unlock()
}

func (o only) QueueIndex(ctx context.Context) ([]store.Queued, error) {
	q, err := o.Outbox.QueueIndex(ctx)
	var out []store.Queued
	for _, e := range q {
		if Of(e.ChatID) == o.name {
			out = append(out, e)
		}
	}
	return out, err
}

// Serial hands a BatchHandler's updates over one at a time from any
// number of receivers (Telegram's poller and Zalo's webhook in one
// process): the bot is not safe for concurrent calls.
func Serial(h BatchHandler) BatchHandler { return &serial{h: h} }

type serial struct {
	mu sync.Mutex
	h  BatchHandler
}

func (s *serial) Handle(ctx context.Context, u Update) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.h.Handle(ctx, u)
}

func (s *serial) HandleBatch(ctx context.Context, us []Update) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.h.HandleBatch(ctx, us)
}
