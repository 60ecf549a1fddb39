package scheduler

import (
	"context"
	"log/slog"
	"time"
)

// UpdatePruner forgets old handled update ids.
type UpdatePruner interface {
	PruneUpdates(ctx context.Context, cutoff time.Time) (int, error)
}

// PruneUpdates is the hourly job that keeps the update-dedupe record small:
// ids older than retention cannot be delivered again.
func PruneUpdates(p UpdatePruner, retention time.Duration, log *slog.Logger) Job {
	return func(ctx context.Context, now time.Time) error {
		n, err := p.PruneUpdates(ctx, now.Add(-retention))
		if err == nil && n > 0 {
			log.Info("pruned handled update ids", slog.Int("count", n))
		}
		return err
	}
}
