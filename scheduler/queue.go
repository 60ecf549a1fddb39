package scheduler

import (
	"context"
	"log/slog"
	"time"
)

// QueueFunc decides what is due at now and queues it in the outbox,
// returning how many messages it queued (Bot.Remind, Bot.Digest).
type QueueFunc func(ctx context.Context, now time.Time) (int, error)

// Queue makes a job of a QueueFunc, logging what it queued.
func Queue(name string, fn QueueFunc, log *slog.Logger) Job {
	return func(ctx context.Context, now time.Time) error {
		n, err := fn(ctx, now)
		if err == nil && n > 0 {
			log.Info("job queued messages", slog.String("job", name), slog.Int("messages", n))
		}
		return err
	}
}
