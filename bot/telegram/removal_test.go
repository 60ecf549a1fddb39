package telegram

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/dvkbot/dvkbot/store"
)

// A sent entry's removal waits as long as its chat would wait anyway:
// with nothing more queued for the chat, for the next poll's commit in a
// crowd and a moment otherwise; with more, until the chat's pace lets its
// next message go (a second at most); a moment when the pace is lifted
// or the sender stops.
func TestRemovalWaitsAsLongAsItsChatWould(t *testing.T) {
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	msg := func(id uint64, chat int64) store.Queued {
		return store.Queued{ID: id, ChatID: chat, Kind: store.KindMessage, Batch: "b", Chars: 10}
	}
	var crowd []store.Queued // a second's worth of replies to others
	for i := range 30 {
		crowd = append(crowd, msg(uint64(100+i), int64(100+i)))
	}
	cases := []struct {
		name     string
		lim      Limits
		queued   []store.Queued
		sent     []uint64 // went out with the head as one message
		charged  int      // messages the chat was sent half a second ago
		stopping bool
		want     time.Duration
	}{
		{"nothing more for the chat", DefaultLimits(), []store.Queued{msg(1, 7)}, nil, 3, false, store.DeliveredLinger},
		{"nothing more for the chat, in a crowd", DefaultLimits(), append([]store.Queued{msg(1, 7)}, crowd...), nil, 3, false, RemovalLinger},
		{"its batch went with it, in a crowd", DefaultLimits(), append([]store.Queued{msg(1, 7), msg(2, 7)}, crowd...), []uint64{2}, 3, false, RemovalLinger},
		{"nothing more, the pace lifted", Unpaced(), append([]store.Queued{msg(1, 7)}, crowd...), nil, 3, false, store.DeliveredLinger},
		{"more queued, the chat's pace holds it half a second", DefaultLimits(), []store.Queued{msg(1, 7), msg(2, 7)}, nil, 3, false, 500 * time.Millisecond},
		{"more queued, the chat may send at once", DefaultLimits(), []store.Queued{msg(1, 7), msg(2, 7)}, nil, 0, false, store.DeliveredLinger},
		{"more queued to a group, its pace is longer than the bound", DefaultLimits(), []store.Queued{msg(1, -7), msg(2, -7)}, nil, 3, false, paceLinger},
		{"more queued, the pace lifted", Unpaced(), []store.Queued{msg(1, 7), msg(2, 7)}, nil, 3, false, store.DeliveredLinger},
		{"the sender stops", DefaultLimits(), []store.Queued{msg(1, 7)}, nil, 3, true, store.DeliveredLinger},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := &Sender{limits: newLimits(tc.lim), idx: newQueueIndex(clock), now: clock, stopping: tc.stopping}
			for _, e := range tc.queued {
				s.idx.push(e)
			}
			head := tc.queued[0]
			for range tc.charged {
				s.limits.sent(head, now.Add(-500*time.Millisecond))
			}
			res := sendResult{sent: tc.sent, delivered: append([]uint64{head.ID}, tc.sent...)}
			if got := s.removalWait(head, res); got != tc.want {
				t.Errorf("wait %v, want %v", got, tc.want)
			}
		})
	}
}

// hastenRecorder is an outbox that records what the sender hastens.
type hastenRecorder struct {
	Outbox
	hastened []uint64
	during   func()
}

func (h *hastenRecorder) OnQueue(func([]store.Queued)) {}

// DeliveredLater runs during (something happening while the removal is
// being registered) and commits at once.
func (h *hastenRecorder) DeliveredLater(_ time.Duration, _ ...uint64) <-chan error {
	if h.during != nil {
		h.during()
	}
	done := make(chan error, 1)
	done <- nil
	return done
}
func (h *hastenRecorder) HastenDelivered(ids ...uint64) {
	h.hastened = append(h.hastened, ids...)
}

// Something queued for a chat that waits for the removal of its last
// message hastens that removal; for a chat on the wire or a new one, it
// does not.
func TestQueuedEntryHastensItsChatsRemoval(t *testing.T) {
	msg := func(id uint64, chat int64) store.Queued {
		return store.Queued{ID: id, ChatID: chat, Kind: store.KindMessage}
	}
	out := &hastenRecorder{}
	s := NewSender(out, nil, quiet, time.Now, DefaultLimits())
	s.add([]store.Queued{msg(1, 7), msg(2, 8)})
	jobs, _ := s.take()
	if len(jobs) != 2 {
		t.Fatalf("%d jobs, want 2", len(jobs))
	}
	s.idx.removing(msg(1, 7)) // chat 7 was answered; chat 8 is still on the wire
	s.add([]store.Queued{msg(3, 7), msg(4, 8), msg(5, 9)})
	if !slices.Equal(out.hastened, []uint64{1}) {
		t.Errorf("hastened %v, want [1]", out.hastened)
	}
}

// A chat whose next message arrived while its last was on the wire, or
// its removal waited, takes its place in line from when that message
// arrived: a chat whose message arrived later does not pass it because
// the removal committed after the arrival.
func TestChatBackFromItsRemovalKeepsItsPlace(t *testing.T) {
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	x := newQueueIndex(func() time.Time { return now })
	msg := func(id uint64, chat int64) store.Queued {
		return store.Queued{ID: id, ChatID: chat, Kind: store.KindMessage}
	}
	first := msg(1, 7)
	x.push(first)
	q, _ := x.peekDue(now)
	x.startSending(q)
	now = now.Add(time.Millisecond)
	x.push(msg(2, 7)) // chat 7's next, while its first waits for its removal
	now = now.Add(time.Millisecond)
	x.push(msg(3, 8)) // chat 8's, later
	now = now.Add(time.Millisecond)
	x.finish(first, sendResult{delivered: []uint64{1}})
	q, ok := x.peekDue(now)
	if !ok || q.key != 7 {
		t.Fatalf("chat %d goes first, want 7", q.key)
	}
	x.startSending(q)
	if q, _ = x.peekDue(now); q.key != 8 {
		t.Errorf("then chat %d, want 8", q.key)
	}
}

// Something queued for the chat, or a stop, between the choice of a
// removal's wait and its registration still hastens it: the sender asks
// again once the removal waits.
func TestRemovalChosenJustBeforeAChangeIsHastened(t *testing.T) {
	msg := func(id uint64, chat int64) store.Queued {
		return store.Queued{ID: id, ChatID: chat, Kind: store.KindMessage}
	}
	cases := []struct {
		name   string
		during func(s *Sender)
		want   []uint64
	}{
		{"nothing happens", func(*Sender) {}, nil},
		{"more is queued for the chat", func(s *Sender) {
			s.mu.Lock()
			s.idx.push(msg(2, 7))
			s.mu.Unlock()
		}, []uint64{1}},
		{"the sender stops", func(s *Sender) {
			s.mu.Lock()
			s.stopping = true
			s.mu.Unlock()
		}, []uint64{1}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			out := &hastenRecorder{}
			s := NewSender(out, nil, quiet, time.Now, DefaultLimits())
			head := msg(1, 7)
			s.add([]store.Queued{head})
			jobs, _ := s.take()
			s.idx.removing(head)
			out.during = func() { tc.during(s) }
			s.removing++
			s.remove(context.Background(), jobs[0].head, sendResult{delivered: []uint64{1}})
			if !slices.Equal(out.hastened, tc.want) {
				t.Errorf("hastened %v, want %v", out.hastened, tc.want)
			}
		})
	}
}
