package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dvkbot/dvkbot/bot/telegram/telegramtest"
	"github.com/dvkbot/dvkbot/store"
)

const (
	laneGroups  = 60 // bulk: reminders to groups
	lanePeople  = 30 // replies: answers in private chats
	lanePerChat = 4
	laneKills   = 6
)

// TestKilledWithBothLanesFull queues replies and bulk for many chats,
// kills the real binary again and again while it drains them, and checks
// after the last run that every entry arrived, in order per chat, with
// repeats only for what was on the wire at a kill (counted).
func TestKilledWithBothLanesFull(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("runs the binary for a while")
	}
	dir := t.TempDir()
	srv := telegramtest.NewServer()
	defer srv.Close()
	dbPath := filepath.Join(dir, "lanes.db")
	chats := seedLanes(t, srv, dbPath)
	p := newProcess(t, srv, dbPath, "")
	for range laneKills {
		p.start()
		time.Sleep(time.Duration(300+rand.IntN(700)) * time.Millisecond)
		p.kill()
	}
	p.start()
	p.waitOutboxEmpty(dbPath + ".sock")
	p.stop()
	dups := 0
	for _, id := range chats {
		dups += checkLane(t, srv, id)
	}
	if max := laneKills * 8; dups > max { // at most the requests on the wire at each kill
		t.Errorf("%d repeats, more than %d kills with 8 requests on the wire can explain", dups, laneKills)
	}
	checkNothingGivenUp(t, dbPath)
	t.Logf("%d kills, %d repeated messages (on the wire at a kill)", laneKills, dups)
}

// seedLanes queues lanePerChat numbered messages to each group (bulk) and
// each private chat (replies), interleaved as a busy bot would.
func seedLanes(t *testing.T, srv *telegramtest.Server, path string) []int64 {
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var chats []int64
	for i := range laneGroups {
		g := telegramtest.Chat{ID: -300000 - int64(i), Type: "supergroup", Title: "Nhóm"}
		srv.HasGroup(g)
		chats = append(chats, g.ID)
	}
	for i := range lanePeople {
		u := telegramtest.User{ID: int64(7000 + i), FirstName: "Lan"}
		srv.SendPrivate(u, "/help") // the chat exists; the bot answers it first
		chats = append(chats, u.ID)
	}
	err = st.Update(context.Background(), func(tx *store.Tx) error {
		for k := 1; k <= lanePerChat; k++ {
			for _, id := range chats {
				o := store.Outgoing{Kind: store.KindMessage, ChatID: id, Bulk: id < 0, Text: laneText(id, k)}
				if _, err := tx.Enqueue(o); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return chats
}

func laneText(chat int64, k int) string { return fmt.Sprintf("lane %d #%d", chat, k) }

// checkLane returns how many repeats chat got, failing on a loss or on
// messages out of order.
func checkLane(t *testing.T, srv *telegramtest.Server, chat int64) int {
	t.Helper()
	last, seen, dups := 0, map[int]bool{}, 0
	for _, s := range srv.SentTo(chat) {
		rest, ok := strings.CutPrefix(s.Plain, fmt.Sprintf("lane %d #", chat))
		if !ok {
			continue // the answer to /help
		}
		k, _ := strconv.Atoi(rest)
		if k < last {
			t.Errorf("chat %d: #%d after #%d", chat, k, last)
		}
		if seen[k] {
			dups++
		}
		seen[k], last = true, k
	}
	for k := 1; k <= lanePerChat; k++ {
		if !seen[k] {
			t.Errorf("chat %d: #%d never arrived", chat, k)
		}
	}
	return dups
}

func checkNothingGivenUp(t *testing.T, path string) {
	t.Helper()
	st, err := store.Open(path, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	failed, err := st.FailedSends(context.Background(), 100)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range failed {
		if f.Kind != store.KindAnswer {
			t.Errorf("given up: %+v", f)
		}
	}
}
