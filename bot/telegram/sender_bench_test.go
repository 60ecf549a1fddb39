//go:build unix

package telegram

import (
	"context"
	"fmt"
	"path/filepath"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
	"golang.org/x/time/rate"

	"github.com/dvkbot/dvkbot/store"
)

// countingTelegram accepts every request at once and says when the first
// and when want have been made.
type countingTelegram struct {
	n     atomic.Int64
	want  int64
	first chan struct{} // nil: not told
	done  chan struct{}
}

func (c *countingTelegram) Request(context.Context, tgbotapi.Chattable) error {
	n := c.n.Add(1)
	if n == 1 && c.first != nil {
		close(c.first)
	}
	if n == c.want {
		close(c.done)
	}
	return nil
}

func (c *countingTelegram) Download(context.Context, string, int64) ([]byte, error) { return nil, nil }

func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func enqueueAll(b *testing.B, st *store.Store, q []store.Outgoing) {
	b.Helper()
	err := st.Update(context.Background(), func(tx *store.Tx) error {
		for _, o := range q {
			if _, err := tx.Enqueue(o); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
}

// BenchmarkSenderBacklog sends b.N messages while a backlog waits in the
// outbox (due an hour later), with a client that accepts at once and no
// limits. The work per message sent must not grow with the backlog:
// compare cpu-ns/msg of the two sizes (target: at most 1.5×). It includes
// the store's commits (the enqueue and the delivered delete).
func BenchmarkSenderBacklog(b *testing.B) {
	unlimited := Limits{Global: rate.Inf, GlobalBurst: 1, Private: rate.Inf, Group: rate.Inf, ChatBurst: 1}
	for _, bl := range []struct{ entries, chats int }{{10, 10}, {10000, 3000}} {
		b.Run(fmt.Sprintf("backlog=%d/chats=%d", bl.entries, bl.chats), func(b *testing.B) {
			st, err := store.Open(filepath.Join(b.TempDir(), "bench.db"), store.Options{})
			if err != nil {
				b.Fatal(err)
			}
			defer st.Close()
			later := time.Now().Add(time.Hour)
			var backlog []store.Outgoing
			for i := 0; i < bl.entries; i++ {
				backlog = append(backlog, store.Outgoing{Kind: store.KindMessage, ChatID: -int64(1 + i%bl.chats),
					Text: "⏰ <b>Nhắc hạn</b> nộp báo cáo mô hình", NotBefore: later, Bulk: true})
			}
			enqueueAll(b, st, backlog)
			tg := &countingTelegram{want: int64(b.N) + 1, first: make(chan struct{}), done: make(chan struct{})}
			s := NewSender(st, tg, quiet, time.Now, unlimited)
			ctx, cancel := context.WithCancel(context.Background())
			stopped := make(chan struct{})
			go func() { defer close(stopped); s.Run(ctx) }()
			defer func() { cancel(); <-stopped }()
			// One message sent first: the sender has read the backlog into
			// its index, which is start-up work, not the messages'.
			enqueueAll(b, st, []store.Outgoing{{Kind: store.KindMessage, ChatID: 1, Text: "Đã ghi nhận."}})
			<-tg.first
			b.ResetTimer()
			cpu := cpuTime()
			const perTx = 10
			for i := 0; i < b.N; i += perTx {
				var q []store.Outgoing
				for j := i; j < min(i+perTx, b.N); j++ {
					q = append(q, store.Outgoing{Kind: store.KindMessage, ChatID: int64(1 + j%500), Text: "Đã ghi nhận."})
				}
				enqueueAll(b, st, q)
			}
			<-tg.done
			b.StopTimer()
			b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N), "cpu-ns/msg")
		})
	}
}
