package bot

import (
	"context"
	"path/filepath"
	"testing"
	"time"

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
