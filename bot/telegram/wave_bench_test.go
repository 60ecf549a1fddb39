package telegram

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/dvkbot/dvkbot/bot/telegram/telegramtest"
	"github.com/dvkbot/dvkbot/store"
)

// BenchmarkReminderWave sends one message to each of 1,000 groups through
// the real client to the emulator, which enforces Telegram's limits. It
// reports the achieved rate as a share of the 30 messages a second
// Telegram allows, and how many 429s came back.
func BenchmarkReminderWave(b *testing.B) {
	const groups = 1000
	for b.Loop() {
		srv := telegramtest.NewServer()
		st, err := store.Open(filepath.Join(b.TempDir(), "wave.db"), store.Options{})
		if err != nil {
			b.Fatal(err)
		}
		admin := telegramtest.User{ID: 1, FirstName: "Hà"}
		err = st.Update(context.Background(), func(tx *store.Tx) error {
			for i := 0; i < groups; i++ {
				chat := telegramtest.Chat{ID: -100000 - int64(i), Type: "supergroup", Title: "Nhóm"}
				srv.AddBotToGroup(admin, chat)
				if _, err := tx.Enqueue(store.Outgoing{Kind: store.KindMessage, ChatID: chat.ID, Text: "⏰ <b>Nhắc hạn</b>"}); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
		srv.EnforceLimits(true)
		client, err := Connect(context.Background(), ClientConfig{Token: srv.Token(), Endpoint: srv.Endpoint(),
			PollTimeout: time.Second, HTTPClient: srv.Client()}, quiet)
		if err != nil {
			b.Fatal(err)
		}
		sender := NewSender(st, client, quiet, time.Now, DefaultLimits())
		ctx, cancel := context.WithCancel(context.Background())
		start := time.Now()
		go sender.Run(ctx)
		for {
			q, _ := st.Queued(ctx, 1)
			if len(q) == 0 {
				break
			}
			time.Sleep(20 * time.Millisecond)
		}
		elapsed := time.Since(start)
		cancel()
		b.ReportMetric(groups/elapsed.Seconds()/30, "of_allowed_rate")
		b.ReportMetric(float64(srv.Rejected(429)), "429s")
		b.ReportMetric(groups/elapsed.Seconds(), "msgs/s")
		st.Close()
		srv.Close()
	}
}
