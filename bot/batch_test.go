package bot

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/dvkbot/dvkbot/bot/messenger"
	"github.com/dvkbot/dvkbot/store"
)

// countingStore is the real store, counting its update transactions; with
// failGroup, a group's update at that index fails as a bug would.
type countingStore struct {
	*store.Store
	single, groups int
	failGroup      int // -1: none
	failFrom       int // updates from this id on cannot be written; 0: none
}

var errDiskFull = errors.New("disk full")

func (c *countingStore) HandleUpdate(ctx context.Context, id int, fn func(*store.Tx) error) (bool, error) {
	c.single++
	if c.failFrom > 0 && id >= c.failFrom {
		return false, errDiskFull
	}
	return c.Store.HandleUpdate(ctx, id, fn)
}

func (c *countingStore) HandleUpdates(ctx context.Context, ids []int, fn func(int, *store.Tx) error) (bool, error) {
	c.groups++
	if c.failFrom > 0 && slices.Max(ids) >= c.failFrom {
		return false, errDiskFull
	}
	return c.Store.HandleUpdates(ctx, ids, func(i int, tx *store.Tx) error {
		if err := fn(i, tx); err != nil {
			return err
		}
		if i == c.failGroup {
			return errors.New("a bug in this update")
		}
		return nil
	})
}

func starts(ids ...int64) []messenger.Update {
	var us []messenger.Update
	for i, id := range ids {
		us = append(us, messenger.Update{ID: 100 + i, Kind: messenger.KindMessage, From: store.Profile{ID: id, FirstName: "Lan"},
			Chat: messenger.Chat{ID: id, Type: "private"}, Text: "/start", Command: "start"})
	}
	return us
}

// replies lists what the outbox holds, in the order queued.
func replies(t *testing.T, st *store.Store) []string {
	t.Helper()
	q, err := st.Queued(context.Background(), 100)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, o := range q {
		out = append(out, fmt.Sprintf("%s %d %q", o.Kind, o.ChatID, o.Text))
	}
	return out
}

// oneByOne is what Handle, update by update, queues for us.
func oneByOne(t *testing.T, us []messenger.Update, flood *Flood) []string {
	t.Helper()
	b, st := benchBot(t)
	if flood != nil {
		b.flood = newFloodGuard(*flood, b.flood.now)
	}
	for _, u := range us {
		if err := b.Handle(context.Background(), u); err != nil {
			t.Fatal(err)
		}
	}
	return replies(t, st)
}

func TestHandleBatch(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name           string
		batch          []messenger.Update
		failGroup      int
		single, groups int
	}{
		{"a poll's updates share one transaction", starts(11, 12, 13), -1, 0, 1},
		{"one update alone takes the usual way", starts(11), -1, 1, 0},
		{"a bug in one undoes the group; each is then handled alone", starts(11, 12, 13), 1, 3, 1},
		{"another bot's update is skipped inside the group", append(starts(11, 12), messenger.Update{ID: 102, Kind: messenger.KindMessage,
			FromBot: true, From: store.Profile{ID: 77}, Chat: messenger.Chat{ID: 77, Type: "private"}, Text: "/start"}), -1, 0, 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			b, st := benchBot(t)
			cs := &countingStore{Store: st, failGroup: tc.failGroup}
			b.store = cs
			done, err := b.HandleBatch(ctx, tc.batch)
			if err != nil || done != len(tc.batch) {
				t.Fatalf("done %d, err %v; want %d, nil", done, err, len(tc.batch))
			}
			if cs.single != tc.single || cs.groups != tc.groups {
				t.Errorf("%d single and %d group transactions, want %d and %d", cs.single, cs.groups, tc.single, tc.groups)
			}
			if got, want := replies(t, st), oneByOne(t, tc.batch, nil); !slices.Equal(got, want) {
				t.Errorf("queued\n%v\nwant, as one by one (each once, in order),\n%v", got, want)
			}
			for _, u := range tc.batch {
				if ok, _ := st.UpdateHandled(ctx, u.ID); ok == u.FromBot {
					t.Errorf("update %d handled = %v", u.ID, ok)
				}
			}
		})
	}
}

// A flooder's update in the middle of a poll is dropped in its place, in
// the poll's one transaction: the replies are those of one by one.
func TestHandleBatchDropsAFlooderInPlace(t *testing.T) {
	ctx := context.Background()
	b, st := benchBot(t)
	flood := Flood{Burst: 1, Rate: 0.001}
	b.flood = newFloodGuard(flood, b.flood.now)
	cs := &countingStore{Store: st, failGroup: -1}
	b.store = cs
	batch := starts(11, 12, 12, 13) // 12's second /start is one too many
	if done, err := b.HandleBatch(ctx, batch); err != nil || done != 4 {
		t.Fatalf("done %d, err %v", done, err)
	}
	for _, u := range batch {
		if ok, _ := st.UpdateHandled(ctx, u.ID); !ok {
			t.Errorf("update %d not recorded", u.ID)
		}
	}
	got, want := replies(t, st), oneByOne(t, batch, &flood)
	if !slices.Equal(got, want) {
		t.Errorf("queued\n%v\nwant, as one by one,\n%v", got, want)
	}
	if n := strings.Count(strings.Join(got, "\n"), "message 12 "); n != 3 { // two for /start, one slow-down
		t.Errorf("%d messages to the flooder, want 3:\n%v", n, got)
	}
	if cs.groups != 1 || cs.single != 0 { // the slow-down rides on the poll's commit
		t.Errorf("%d group and %d single transactions, want 1 and 0", cs.groups, cs.single)
	}
}

// An admin's /backup in a group that another update's bug undoes is made
// again when handled alone: the copy written for the undone transaction
// was removed with it, and is not taken for one already on its way.
func TestBackupInAnUndoneGroupIsSent(t *testing.T) {
	ctx := context.Background()
	b, st := benchBot(t)
	b.cfg.ChatBackups, b.cfg.FilesDir = true, t.TempDir()
	if _, err := st.EnsureAdmins(ctx, []int64{9}); err != nil {
		t.Fatal(err)
	}
	b.store = &countingStore{Store: st, failGroup: 1}
	batch := append([]messenger.Update{{ID: 99, Kind: messenger.KindMessage, From: store.Profile{ID: 9, FirstName: "Hà"},
		Chat: messenger.Chat{ID: 9, Type: "private"}, Text: "/backup", Command: "backup"}}, starts(11)...)
	if done, err := b.HandleBatch(ctx, batch); err != nil || done != 2 {
		t.Fatalf("done %d, err %v", done, err)
	}
	q, err := st.Queued(ctx, 100)
	if err != nil {
		t.Fatal(err)
	}
	docs := 0
	for _, o := range q {
		if o.ChatID == 9 && o.FilePath != "" {
			docs++
			if _, err := os.Stat(o.FilePath); err != nil {
				t.Errorf("the queued copy's file: %v", err)
			}
		}
	}
	if docs != 1 {
		t.Errorf("%d copies queued for the admin, want 1:\n%v", docs, replies(t, st))
	}
}

// When the store cannot write, HandleBatch says how many updates from the
// first were done, so that the poller asks again from the first one not.
func TestHandleBatchSaysHowFarItGot(t *testing.T) {
	ctx := context.Background()
	batch := starts(11, 12, 12, 13, 14) // ids 100–104; 12's second is flooded
	cases := []struct {
		name     string
		failFrom int
		done     int
	}{
		{"nothing can be written", 100, 0},
		{"the group before the flooder is written, the flooder's not", 102, 2},
		{"the flooder is written, the group after it not", 103, 3},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			b, st := benchBot(t)
			b.flood = newFloodGuard(Flood{Burst: 1, Rate: 0.001}, b.flood.now)
			b.store = &countingStore{Store: st, failGroup: -1, failFrom: tc.failFrom}
			done, err := b.HandleBatch(ctx, batch)
			if !errors.Is(err, errDiskFull) || done != tc.done {
				t.Errorf("done %d, err %v; want %d, disk full", done, err, tc.done)
			}
			for i, u := range batch {
				if ok, _ := st.UpdateHandled(ctx, u.ID); ok != (i < tc.done) {
					t.Errorf("update %d handled = %v, with %d done", u.ID, ok, tc.done)
				}
			}
		})
	}
}

// flooding is n updates from accounts people, taking turns: /start each.
func flooding(n int, people int) []messenger.Update {
	var us []messenger.Update
	for i := range n {
		id := int64(1000 + i%people)
		us = append(us, messenger.Update{ID: 5000 + i, Kind: messenger.KindMessage, From: store.Profile{ID: id, FirstName: "Lan"},
			Chat: messenger.Chat{ID: id, Type: "private"}, Text: "/start", Command: "start"})
	}
	return us
}

// commitsFor counts the transactions that handling us in polls of 100
// costs, under the default flood limits.
func commitsFor(t *testing.T, us []messenger.Update) int {
	t.Helper()
	b, st := benchBot(t)
	b.flood = newFloodGuard(DefaultFlood(), b.flood.now)
	cs := &countingStore{Store: st, failGroup: -1}
	b.store = cs
	for rest := us; len(rest) > 0; rest = rest[min(100, len(rest)):] {
		poll := rest[:min(100, len(rest))]
		if done, err := b.HandleBatch(context.Background(), poll); err != nil || done != len(poll) {
			t.Fatalf("done %d of %d, err %v", done, len(poll), err)
		}
	}
	for _, u := range us {
		if ok, _ := st.UpdateHandled(context.Background(), u.ID); !ok {
			t.Errorf("update %d not recorded", u.ID)
		}
	}
	return cs.single + cs.groups
}

// What the flood guards drop rides on the poll's commit: ten accounts
// flooding cost no more commits than as many updates from 400 people.
func TestDroppedUpdatesShareThePollsCommit(t *testing.T) {
	served := commitsFor(t, flooding(400, 400))
	flooded := commitsFor(t, flooding(400, 10))
	if flooded > served {
		t.Errorf("400 updates from 10 flooding accounts cost %d commits, against %d for 400 people", flooded, served)
	}
}
