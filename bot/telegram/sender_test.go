package telegram

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dvkbot/dvkbot/bot/messenger"
	"github.com/dvkbot/dvkbot/bot/telegram/telegramtest"
	"github.com/dvkbot/dvkbot/store"
)

// senderRig is the real sender, on a real store, talking through the real
// client to the emulator.
type senderRig struct {
	t      *testing.T
	srv    *telegramtest.Server
	st     *store.Store
	sender *Sender
	stop   func()
}

func newSenderRig(t *testing.T, now func() time.Time) *senderRig {
	t.Helper()
	return newSenderRigWith(t, store.Options{Now: now}, DefaultLimits())
}

// newSenderRigWith is newSenderRig on a store opened with opts, at the pace lim.
func newSenderRigWith(t *testing.T, opts store.Options, lim Limits) *senderRig {
	t.Helper()
	srv := telegramtest.NewServer()
	t.Cleanup(srv.Close)
	st, err := store.Open(filepath.Join(t.TempDir(), "send.db"), opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	client, err := Connect(context.Background(), ClientConfig{Token: srv.Token(), Endpoint: srv.Endpoint(),
		PollTimeout: time.Second, HTTPClient: srv.Client()}, quiet)
	if err != nil {
		t.Fatal(err)
	}
	return &senderRig{t: t, srv: srv, st: st, sender: NewSender(st, client, quiet, time.Now, lim)}
}

func (r *senderRig) queue(chatID int64, n int, text string) {
	r.t.Helper()
	err := r.st.Update(context.Background(), func(tx *store.Tx) error {
		for i := 0; i < n; i++ {
			if _, err := tx.Enqueue(store.Outgoing{Kind: store.KindMessage, ChatID: chatID, Text: text}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		r.t.Fatal(err)
	}
}

func (r *senderRig) run() {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); r.sender.Run(ctx) }()
	r.stop = func() { cancel(); <-done }
	r.t.Cleanup(r.stop)
}

func (r *senderRig) failed() []store.Outgoing {
	r.t.Helper()
	f, err := r.st.FailedSends(context.Background(), 10000)
	if err != nil {
		r.t.Fatal(err)
	}
	return f
}

// waitFor polls cond (an outcome, not a clock) for up to a generous bound.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting: %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

var (
	busyGroup = telegramtest.Chat{ID: -1009001, Type: "supergroup", Title: "Nhóm ồn ào"}
	someone   = telegramtest.User{ID: 7001, FirstName: "Lan"}
)

// A group with hundreds of replies waiting (members typing /start faster
// than Telegram lets the bot answer a group) must not hold back anyone
// else: before, the sender looked only at the first 256 queued entries.
func TestOneChatsBacklogDoesNotStallOthers(t *testing.T) {
	r := newSenderRig(t, time.Now)
	r.srv.AddBotToGroup(someone, busyGroup)
	r.srv.SendPrivate(someone, "/start") // the chat exists
	r.srv.EnforceLimits(true)
	r.queue(busyGroup.ID, 280, "trả lời trong nhóm")
	r.queue(someone.ID, 1, "tin nhắn riêng")
	r.run()
	if _, err := r.srv.WaitText(20*time.Second, someone.ID, "tin nhắn riêng"); err != nil {
		t.Fatalf("the private message waited behind the group's backlog: %v", err)
	}
	if n := r.srv.Rejected(429); n != 0 {
		t.Errorf("%d × 429", n)
	}
}

func TestChatBacklogIsCapped(t *testing.T) {
	r := newSenderRig(t, time.Now)
	r.srv.AddBotToGroup(someone, busyGroup)
	r.queue(busyGroup.ID, maxChatBacklog+25, "trả lời trong nhóm")
	r.run()
	waitFor(t, "the entries over the cap given up", func() bool { return len(r.failed()) == 25 })
	for _, f := range r.failed() {
		if f.LastError != "chat backlog full" {
			t.Errorf("given up for %q", f.LastError)
		}
	}
}

// A chat that shut the bot out loses its whole queue at the first 403, in
// one go, instead of one refusal per entry.
func TestForbiddenChatDropsItsWholeQueue(t *testing.T) {
	r := newSenderRig(t, time.Now)
	r.srv.AddBotToGroup(someone, busyGroup)
	r.srv.BlockChat(busyGroup.ID)
	r.srv.SendPrivate(someone, "/start")
	r.queue(busyGroup.ID, 40, "nhắc hạn")
	r.queue(someone.ID, 1, "tin nhắn riêng")
	refused := 0
	r.sender.OnRefused(refusalsFunc(func(context.Context, store.Outgoing, messenger.Refusal) { refused++ }))
	r.run()
	waitFor(t, "the group's queue dropped", func() bool { return len(r.failed()) == 40 })
	if _, err := r.srv.WaitText(20*time.Second, someone.ID, "tin nhắn riêng"); err != nil {
		t.Fatal(err)
	}
	if n := r.srv.Rejected(403); n != 1 {
		t.Errorf("Telegram was asked %d times for a chat that refused; want 1", n)
	}
	r.stop()
	if refused != 1 {
		t.Errorf("the refusal was reported %d times, want once", refused)
	}
}

// An entry that keeps failing for passing reasons while others get
// through is given up after maxAttempts, and stops holding back its chat.
func TestEntryGivenUpAfterTooManyAttempts(t *testing.T) {
	r := newSenderRig(t, time.Now)
	r.srv.SendPrivate(someone, "/start")
	r.srv.AddBotToGroup(someone, busyGroup)
	r.run()
	r.queue(busyGroup.ID, 1, "đi được trước") // the way to Telegram works
	if _, err := r.srv.WaitText(20*time.Second, busyGroup.ID, "đi được trước"); err != nil {
		t.Fatal(err)
	}
	r.srv.FailNext("sendMessage", 1, 502, "Bad Gateway", 0)
	err := r.st.Update(context.Background(), func(tx *store.Tx) error {
		if _, err := tx.Enqueue(store.Outgoing{Kind: store.KindMessage, ChatID: someone.ID, Text: "không đi được", Attempts: maxAttempts - 1}); err != nil {
			return err
		}
		_, err := tx.Enqueue(store.Outgoing{Kind: store.KindMessage, ChatID: someone.ID, Text: "đi được"})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.srv.WaitText(20*time.Second, someone.ID, "đi được"); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the failing entry given up", func() bool { return len(r.failed()) == 1 })
	if f := r.failed()[0]; !strings.Contains(f.LastError, "given up after") {
		t.Errorf("failed entry's reason %q", f.LastError)
	}
}

// While nothing gets through (Telegram down), nothing is given up after
// maxAttempts: only the last try (lastAttempts) ends an entry then.
func TestNothingGivenUpWhileTelegramIsDown(t *testing.T) {
	r := newSenderRig(t, time.Now)
	r.srv.SendPrivate(someone, "/start")
	lim := DefaultLimits()
	lim.RetryMin = time.Millisecond
	r.sender = NewSender(r.st, r.sender.api, quiet, time.Now, lim)
	r.srv.SetDown(true)
	r.queue(someone.ID, 1, "chờ Telegram")
	r.run()
	waitFor(t, "many tries", func() bool {
		q, _ := r.st.Queued(context.Background(), 1)
		return len(q) == 1 && q[0].Attempts > maxAttempts+2
	})
	if lastAttempts <= maxAttempts+5 {
		t.Fatalf("lastAttempts %d leaves no room to come back after maxAttempts %d", lastAttempts, maxAttempts)
	}
	r.srv.SetDown(false)
	if _, err := r.srv.WaitText(20*time.Second, someone.ID, "chờ Telegram"); err != nil {
		t.Fatalf("lost while Telegram was down: %v", err)
	}
	if f := r.failed(); len(f) != 0 {
		t.Errorf("given up while nothing got through: %+v", f)
	}
}

// An entry a day old is given up at its first failure, even on a quiet
// bot where nothing else gets through: before, it was tried for ever.
func TestOldEntryGivenUpAtItsFirstFailureOnAQuietBot(t *testing.T) {
	dayAgo := func() time.Time { return time.Now().Add(-maxAge - time.Hour) } // the store's clock: when it was queued
	r := newSenderRig(t, dayAgo)
	r.srv.SendPrivate(someone, "/start")
	r.srv.BreakChat(someone.ID, 500, "Internal Server Error")
	r.queue(someone.ID, 1, "đã quá cũ")
	var told []messenger.Refusal
	r.sender.OnRefused(refusalsFunc(func(_ context.Context, _ store.Outgoing, why messenger.Refusal) { told = append(told, why) }))
	r.run()
	waitFor(t, "the old entry given up", func() bool { return len(r.failed()) == 1 })
	r.stop()
	if n := r.srv.Rejected(500); n != 1 {
		t.Errorf("tried %d times, want once", n)
	}
	if len(told) != 1 || !told[0].GaveUp || told[0].Again {
		t.Errorf("refusals %+v, want one given up", told)
	}
}

// The sender starts from what is in the outbox and then learns of new
// entries from each commit: nothing is sent twice, nothing left behind.
func TestSenderLoadsTheOutboxAndLearnsOfCommits(t *testing.T) {
	r := newSenderRig(t, time.Now)
	r.srv.SendPrivate(someone, "/start")
	r.queue(someone.ID, 3, "trước")
	r.run()
	r.queue(someone.ID, 3, "sau")
	waitFor(t, "six messages", func() bool { return len(r.srv.SentTo(someone.ID)) >= 6 })
	waitFor(t, "the outbox empty", func() bool {
		q, _ := r.st.Queued(context.Background(), 1)
		return len(q) == 0
	})
	r.stop()
	sent := r.srv.SentTo(someone.ID)
	if len(sent) != 6 {
		t.Fatalf("%d messages, want 6", len(sent))
	}
	for i, s := range sent {
		want := "trước"
		if i >= 3 {
			want = "sau"
		}
		if s.Text != want {
			t.Errorf("message %d is %q, want %q: order within a chat", i+1, s.Text, want)
		}
	}
}

// Replies to what people just did go before a reminder wave that was
// queued first.
func TestRepliesGoBeforeBulk(t *testing.T) {
	r := newSenderRig(t, time.Now)
	lim := DefaultLimits()
	lim.Global = 40 // the wave takes 5 s
	r.sender = NewSender(r.st, r.sender.api, quiet, time.Now, lim)
	var groups []telegramtest.Chat
	for i := 0; i < 200; i++ {
		g := telegramtest.Chat{ID: -1000 - int64(i), Type: "supergroup", Title: "Nhóm"}
		r.srv.AddBotToGroup(someone, g)
		groups = append(groups, g)
	}
	people := make([]telegramtest.User, 5)
	for i := range people {
		people[i] = telegramtest.User{ID: int64(500 + i), FirstName: "Người"}
		r.srv.SendPrivate(people[i], "/start")
	}
	r.st.Update(context.Background(), func(tx *store.Tx) error {
		for _, g := range groups {
			tx.Enqueue(store.Outgoing{Kind: store.KindMessage, ChatID: g.ID, Text: "nhắc", Bulk: true})
		}
		return nil
	})
	r.run()
	waitFor(t, "the wave to start", func() bool { return len(r.srv.Sent()) >= 10 })
	for _, p := range people {
		r.queue(p.ID, 1, "trả lời")
	}
	waitFor(t, "everything", func() bool { return len(r.srv.Sent()) >= 205 })
	last := 0
	for i, s := range r.srv.Sent() {
		if s.Text == "trả lời" {
			last = i
		}
	}
	if last > 100 { // at 40 a second, the replies had 2 s to be queued: without lanes they come last
		t.Errorf("the last reply went out as message %d of 205, after most of the wave", last+1)
	}
}

// Bulk is not starved: while replies keep coming, every bulkEvery-th turn
// is bulk's.
func TestBulkKeepsAShare(t *testing.T) {
	x := newQueueIndex(time.Now)
	for i := 0; i < 100; i++ {
		x.push(store.Queued{ID: uint64(1 + i), Kind: store.KindMessage, ChatID: int64(1 + i)})
		x.push(store.Queued{ID: uint64(1001 + i), Kind: store.KindMessage, ChatID: -int64(1 + i), Bulk: true})
	}
	now := time.Now()
	bulk := 0
	for i := 0; i < 50; i++ {
		q, ok := x.peekDue(now)
		if !ok {
			t.Fatal("nothing due")
		}
		if q.lane == laneBulk {
			bulk++
		}
		x.startSending(q)
	}
	if bulk != 50/bulkEvery {
		t.Errorf("bulk had %d turns of 50, want %d", bulk, 50/bulkEvery)
	}
}

// failingOutbox is the real outbox whose next Delivered fails, as when
// the write after a send cannot be made.
type failingOutbox struct {
	*store.Store
	fail atomic.Bool
}

func (f *failingOutbox) DeliveredLater(within time.Duration, ids ...uint64) <-chan error {
	if f.fail.CompareAndSwap(true, false) {
		failed := make(chan error, 1)
		failed <- errors.New("injected write failure")
		return failed
	}
	return f.Store.DeliveredLater(within, ids...)
}

// When the store cannot record a delivery, the entry is not taken for
// done: it stays in the outbox, and the next run sends it again (a repeat,
// logged, rather than a loss).
func TestSenderWhoseStoreFailsMarksNothingDone(t *testing.T) {
	r := newSenderRig(t, time.Now)
	r.srv.SendPrivate(someone, "/start")
	fo := &failingOutbox{Store: r.st}
	fo.fail.Store(true)
	r.sender = NewSender(fo, r.sender.api, quiet, time.Now, DefaultLimits())
	r.queue(someone.ID, 1, "tin một")
	r.run()
	if _, err := r.srv.WaitText(20*time.Second, someone.ID, "tin một"); err != nil {
		t.Fatal(err)
	}
	r.stop()
	q, _ := r.st.Queued(context.Background(), 10)
	if len(q) != 1 {
		t.Fatalf("%d entries left; the one whose delivery was not recorded must stay", len(q))
	}
	again := NewSender(r.st, r.sender.api, quiet, time.Now, DefaultLimits())
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); again.Run(ctx) }()
	defer func() { cancel(); <-done }()
	waitFor(t, "the entry sent again and recorded", func() bool {
		q, _ := r.st.Queued(context.Background(), 10)
		return len(q) == 0
	})
}

// Entries learnt from a commit before the start-up read returned keep the
// order of their ids within a chat.
func TestIndexKeepsIDOrderWhateverTheWayIn(t *testing.T) {
	x := newQueueIndex(time.Now)
	for _, id := range []uint64{3, 1, 2, 5, 4} {
		x.push(store.Queued{ID: id, Kind: store.KindMessage, ChatID: 7})
	}
	q := x.chats[7]
	var got []uint64
	for _, e := range q.items {
		got = append(got, e.ID)
	}
	if !slices.Equal(got, []uint64{1, 2, 3, 4, 5}) {
		t.Errorf("chat queue %v, want ids in order", got)
	}
	now := time.Now()
	head, ok := x.peekDue(now)
	if !ok || head.items[0].ID != 1 {
		t.Fatalf("the head is not the oldest entry")
	}
}

// refusalsFunc makes a func a messenger.Refusals.
type refusalsFunc func(context.Context, store.Outgoing, messenger.Refusal)

func (f refusalsFunc) Refused(ctx context.Context, o store.Outgoing, r messenger.Refusal) {
	f(ctx, o, r)
}

// A chat that waited for its own pace keeps its place: chats that arrive
// later with nothing to wait for line up behind it, instead of passing it
// for as long as they keep coming (the cause of a 52 s p99 under load).
func TestAChatThatWaitedIsNotPassedByLaterOnes(t *testing.T) {
	clock := time.Date(2026, 12, 2, 8, 0, 0, 0, time.UTC)
	x := newQueueIndex(func() time.Time { return clock })
	x.push(store.Queued{ID: 1, Kind: store.KindMessage, ChatID: 1})
	q, _ := x.peekDue(clock)
	x.delay(q, clock.Add(time.Second)) // its pace: one more in a second
	clock = clock.Add(1500 * time.Millisecond)
	for i := 0; i < 20; i++ {
		x.push(store.Queued{ID: uint64(10 + i), Kind: store.KindMessage, ChatID: int64(10 + i)})
	}
	if q, ok := x.peekDue(clock); !ok || q.key != 1 {
		t.Fatalf("chat %d goes first, want chat 1, due since 08:00:01", q.key)
	}
}

// A person's command menu waits in bulk, but it is no message to their
// chat: the answer to what they just did must not wait behind it (and so
// behind a whole reminder wave).
func TestAMenuDoesNotHoldBackTheReply(t *testing.T) {
	r := newSenderRig(t, time.Now)
	r.srv.SendPrivate(someone, "/start")
	err := r.st.Update(context.Background(), func(tx *store.Tx) error {
		for i := 0; i < 120; i++ {
			g := telegramtest.Chat{ID: -600000 - int64(i), Type: "supergroup"}
			r.srv.HasGroup(g)
			if _, err := tx.Enqueue(store.Outgoing{Kind: store.KindMessage, ChatID: g.ID, Bulk: true, Text: "nhắc hạn"}); err != nil {
				return err
			}
		}
		menu := store.Outgoing{Kind: store.KindMenu, Scope: store.MenuChat, ChatID: someone.ID, Bulk: true, Quiet: true,
			Commands: []store.Command{{Name: "start", Desc: "Bắt đầu"}}}
		if _, err := tx.Enqueue(menu); err != nil {
			return err
		}
		_, err := tx.Enqueue(store.Outgoing{Kind: store.KindMessage, ChatID: someone.ID, Text: "trả lời"})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	r.run()
	if _, err := r.srv.WaitText(30*time.Second, someone.ID, "trả lời"); err != nil {
		t.Fatal(err)
	}
	if n := r.srv.Calls("sendMessage"); n > 30 {
		t.Errorf("the reply went out as message %d of 121: it waited behind the menu, in bulk", n)
	}
}

// A send on the wire when the bot is stopped is finished and recorded:
// before, its removal from the outbox ran under the cancelled context and
// was skipped, so the next start sent it again.
func TestStopDuringASendRecordsIt(t *testing.T) {
	r := newSenderRig(t, time.Now)
	users := []telegramtest.User{someone, {ID: 7002, FirstName: "Mai"}, {ID: 7003, FirstName: "Hoa"}}
	for _, u := range users {
		r.srv.SendPrivate(u, "/start")
	}
	r.srv.SetJitter(400 * time.Millisecond) // requests reach Telegram late
	for _, u := range users {
		r.queue(u.ID, 1, "đang gửi khi dừng")
	}
	r.run()
	waitFor(t, "a send on the wire", func() bool { return !r.sender.Idle() })
	r.stop()
	queued, err := r.st.Queued(context.Background(), 10)
	if err != nil {
		t.Fatal(err)
	}
	left := map[int64]bool{}
	for _, o := range queued {
		left[o.ChatID] = true
	}
	for _, u := range users {
		if len(r.srv.SentTo(u.ID)) > 0 && left[u.ID] {
			t.Errorf("chat %d got its message, yet it is still queued: the next start sends it again", u.ID)
		}
	}
}

// The way out is behind when replies that may go within a second wait for
// 30 chats or more; bulk, replies put off for later and button answers do
// not count.
func TestBehindCountsRepliesDueSoon(t *testing.T) {
	clock := time.Date(2026, 12, 2, 8, 0, 0, 0, time.UTC)
	type batch struct {
		chats int
		kind  string
		bulk  bool
		later time.Duration // each entry's not-before, from now
	}
	cases := []struct {
		name    string
		batches []batch
		behind  bool
		lifted  bool // the pace lifted (Unpaced)
	}{
		{"30 replies due now", []batch{{30, store.KindMessage, false, 0}}, true, false},
		{"29 replies due now", []batch{{29, store.KindMessage, false, 0}}, false, false},
		{"40 replies due within the second", []batch{{40, store.KindMessage, false, 800 * time.Millisecond}}, true, false},
		{"40 replies put off for an hour", []batch{{40, store.KindMessage, false, time.Hour}}, false, false},
		{"20 due now among 100 put off", []batch{{100, store.KindMessage, false, time.Hour}, {20, store.KindMessage, false, 0}}, false, false},
		{"35 due now among 100 put off", []batch{{100, store.KindMessage, false, time.Hour}, {35, store.KindMessage, false, 0}}, true, false},
		{"3,000 bulk messages", []batch{{3000, store.KindMessage, true, 0}}, false, false},
		{"40 button answers", []batch{{40, store.KindAnswer, false, 0}}, false, false},
		{"100 replies due now, the pace lifted", []batch{{100, store.KindMessage, false, 0}}, false, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			lim := DefaultLimits()
			if tc.lifted {
				lim = Unpaced()
			}
			s := &Sender{now: func() time.Time { return clock }, idx: newQueueIndex(func() time.Time { return clock }), limits: newLimits(lim)}
			id := uint64(0)
			for _, b := range tc.batches {
				for range b.chats {
					id++
					s.idx.push(store.Queued{ID: id, Kind: b.kind, ChatID: int64(id), Bulk: b.bulk, NotBefore: clock.Add(b.later)})
				}
			}
			if got := s.Behind(); got != tc.behind {
				t.Errorf("Behind = %v, want %v", got, tc.behind)
			}
		})
	}
}

// A command menu given up (nobody is told of one) does not count as the
// chat's notice: the message given up after it is still told to the
// office. Before, any given-up entry but a button's answer marked the
// chat as told, and the office never heard of the message.
func TestGivenUpMenuDoesNotSilenceTheNextNotice(t *testing.T) {
	dayAgo := func() time.Time { return time.Now().Add(-maxAge - time.Hour) }
	r := newSenderRig(t, dayAgo)
	r.srv.SendPrivate(someone, "/start")
	r.srv.SetDown(true) // an outage: the menu fails too
	err := r.st.Update(context.Background(), func(tx *store.Tx) error {
		if _, err := tx.Enqueue(store.Outgoing{Kind: store.KindMenu, Scope: store.MenuChat, ChatID: someone.ID,
			Commands: []store.Command{{Name: "help", Desc: "Hướng dẫn"}}}); err != nil {
			return err
		}
		_, err := tx.Enqueue(store.Outgoing{Kind: store.KindMessage, ChatID: someone.ID, Text: "đã quá cũ"})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	told := map[string]messenger.Refusal{}
	r.sender.OnRefused(refusalsFunc(func(_ context.Context, o store.Outgoing, why messenger.Refusal) {
		mu.Lock()
		defer mu.Unlock()
		told[o.Kind] = why
	}))
	r.run()
	waitFor(t, "both given up", func() bool { return len(r.failed()) == 2 })
	r.stop()
	mu.Lock()
	defer mu.Unlock()
	if why, ok := told[store.KindMessage]; !ok || !why.GaveUp || why.Again {
		t.Errorf("the message's refusal %+v (reported %v): want given up and not yet told", why, ok)
	}
}

// The rule for giving up an entry that keeps failing: by tries once
// Telegram answered anything lately (another send since its last try, or
// a poll on a quiet bot), never by tries while Telegram answers nothing (an
// outage must not empty the queue), and by age whatever else. Before, the
// twentieth try gave it up even in an outage, so an hour without
// Telegram lost every reminder waiting.
func TestHopelessByTriesOnlyWhileTelegramAnswers(t *testing.T) {
	now := time.Date(2024, 4, 1, 8, 0, 0, 0, time.UTC)
	lastTry := now.Add(-5 * time.Minute)
	for _, tc := range []struct {
		name     string
		tries    int
		age      time.Duration
		polled   bool // a poll came back after the last try
		sent     bool // another send got through after the last try
		hopeless bool
	}{
		{"outage, many tries", lastAttempts + 5, time.Hour, false, false, false},
		{"outage, a day old", 3, maxAge + time.Minute, false, false, true},
		{"quiet bot, polls answered, last try", lastAttempts, time.Hour, true, false, true},
		{"quiet bot, polls answered, early", maxAttempts, time.Hour, true, false, false},
		{"busy bot, others sent", maxAttempts, time.Hour, false, true, true},
		{"busy bot, few tries", 2, time.Hour, true, true, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := &Sender{now: func() time.Time { return now }}
			if tc.polled {
				s.lastHeard.Store(lastTry.Add(time.Minute).UnixNano())
			} else {
				s.lastHeard.Store(now.Add(-heardLately - time.Hour).UnixNano()) // before the outage
			}
			if tc.sent {
				s.lastOK.Store(lastTry.Add(time.Minute).UnixNano())
			}
			o := store.Outgoing{Attempts: tc.tries - 1, TriedAt: lastTry, CreatedAt: now.Add(-tc.age)}
			if got := s.hopeless(o); got != tc.hopeless {
				t.Errorf("hopeless = %v, want %v", got, tc.hopeless)
			}
		})
	}
}
