package bot

import (
	"context"
	"encoding/binary"
	"errors"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"go.etcd.io/bbolt"
	"golang.org/x/time/rate"

	"github.com/dvkbot/dvkbot/bot/messenger"
	"github.com/dvkbot/dvkbot/locales"
	"github.com/dvkbot/dvkbot/store"
)

// benchBot is a bot on a real bbolt file in a temp dir; nothing is sent.
func benchBot(b testing.TB) (*Bot, *store.Store) {
	b.Helper()
	st, err := store.Open(filepath.Join(b.TempDir(), "bench.db"), store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	cat, err := locales.Load()
	if err != nil {
		b.Fatal(err)
	}
	// No flood limit: the benchmarks and the fuzz target send as fast as they can.
	cfg := Config{Username: "dvk_test_bot", Location: time.UTC, Flood: Flood{Burst: 1 << 30, Rate: rate.Inf}}
	return New(st, cat, cfg, quiet, func() {}), st
}

// BenchmarkHandleStart is one /start: dedupe, user record, menu reply
// queued, committed (with fsync) in one bbolt transaction.
func BenchmarkHandleStart(b *testing.B) {
	bot, _ := benchBot(b)
	ctx := context.Background()
	id := 0
	for b.Loop() {
		id++
		u := messenger.Update{ID: id, Kind: messenger.KindMessage, From: store.Profile{ID: int64(id%500 + 1), FirstName: "Lan"},
			Chat: messenger.Chat{ID: int64(id%500 + 1), Type: "private"}, Text: "/start", Command: "start"}
		if err := bot.Handle(ctx, u); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkHandleDuplicate is a re-delivered update: found handled, skipped.
func BenchmarkHandleDuplicate(b *testing.B) {
	bot, _ := benchBot(b)
	ctx := context.Background()
	u := messenger.Update{ID: 1, Kind: messenger.KindMessage, From: store.Profile{ID: 7, FirstName: "Lan"},
		Chat: messenger.Chat{ID: 7, Type: "private"}, Text: "/help", Command: "help"}
	bot.Handle(ctx, u)
	for b.Loop() {
		if err := bot.Handle(ctx, u); err != nil {
			b.Fatal(err)
		}
	}
}

// formStepBot is a secretary half-way through the registration form, at
// the "content" step (a text step followed by another).
func formStepBot(b *testing.B) (*Bot, *store.Store, func(u messenger.Update)) {
	bot, st := benchBot(b)
	ctx := context.Background()
	const sec = 77
	err := st.Update(ctx, func(tx *store.Tx) error {
		if _, err := tx.PutCampaign(store.Campaign{Name: "Đợt thử", MinModels: 1, RegDeadline: "2099-04-07",
			ResultsDeadline: "2099-09-05", EndDate: "2099-12-15"}); err != nil {
			return err
		}
		u, err := tx.AddUnit(store.Unit{Name: "Chi bộ thôn Đông", Kind: "chi_bo_thon"})
		if err != nil {
			return err
		}
		if _, err := tx.SeeUser(store.Profile{ID: sec, FirstName: "Bình"}); err != nil {
			return err
		}
		return tx.AddSecretary(u.ID, sec, 0)
	})
	if err != nil {
		b.Fatal(err)
	}
	id := 0
	send := func(u messenger.Update) {
		id++
		u.ID, u.From, u.Chat = id, store.Profile{ID: sec, FirstName: "Bình"}, messenger.Chat{ID: sec, Type: "private"}
		if err := bot.Handle(ctx, u); err != nil {
			b.Fatal(err)
		}
	}
	send(messenger.Update{Kind: messenger.KindMessage, Text: "/register", Command: "register"})
	for _, a := range []string{"Tuyến đường hoa", "Tập thể", "Chi bộ và nhân dân", "Kinh tế", "Thôn Đông"} {
		send(messenger.Update{Kind: messenger.KindMessage, Text: a})
	}
	return bot, st, send
}

// BenchmarkFormStep is one typed answer to a form step and one press of
// "Quay lại" back to it, each its own update: the answer saved in the
// conversation record and the next prompt queued, committed with fsync.
// Compare it with BenchmarkBareCommit, run in the same command.
func BenchmarkFormStep(b *testing.B) {
	_, st, send := formStepBot(b)
	back := func() string {
		var data string
		st.View(context.Background(), func(tx *store.Tx) error {
			c, err := tx.Conversation(77, 77)
			data = routeForm.data(c.Nonce, "b", strconv.Itoa(c.Step), "")
			return err
		})
		return data
	}
	content := strings.Repeat("Vận động mỗi hộ trồng hoa trước cổng. ", 8)
	for b.Loop() {
		send(messenger.Update{Kind: messenger.KindMessage, Text: content})
		send(messenger.Update{Kind: messenger.KindCallback, CallbackID: "q", MessageID: 1, Data: back()})
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(2*b.N), "µs/update")
}

// BenchmarkBareCommit is the floor under a form step: one bbolt write
// transaction of the same shape and size (a new update id, the
// conversation record overwritten, a reply added to the outbox),
// committed with fsync, and nothing else.
func BenchmarkBareCommit(b *testing.B) {
	db, err := bbolt.Open(filepath.Join(b.TempDir(), "bare.db"), 0o600, &bbolt.Options{Timeout: time.Second})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	names := []string{"updates", "conversations", "outbox"}
	err = db.Update(func(tx *bbolt.Tx) error {
		for _, n := range names {
			if _, err := tx.CreateBucket([]byte(n)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	conv, reply := make([]byte, 900), make([]byte, 700) // the sizes of the form step's records
	id := uint64(0)
	for b.Loop() {
		id++
		key := binary.BigEndian.AppendUint64(nil, id)
		err := db.Update(func(tx *bbolt.Tx) error {
			return errors.Join(tx.Bucket([]byte("updates")).Put(key, []byte("1")),
				tx.Bucket([]byte("conversations")).Put([]byte("77:77"), conv),
				tx.Bucket([]byte("outbox")).Put(key, reply))
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N), "µs/update")
}
