package telegram

import (
	"context"
	"log/slog"
	"time"

	"github.com/dvkbot/dvkbot/bot/messenger"
)

// UpdateSource is where updates come from: Client.Updates in production.
type UpdateSource interface {
	Updates(ctx context.Context, offset int) ([]messenger.Update, error)
}

// Poller is our own getUpdates loop (tgbotapi's GetUpdatesChan confirms
// updates before they are handled). The offset moves past an update only
// after the handler succeeded, so a crash never drops one; the handler
// dedupes re-deliveries by update id.
type Poller struct {
	Source  UpdateSource
	Handler messenger.Handler
	Log     *slog.Logger
	// MinInterval is the least time between two polls that returned nothing,
	// so that a server answering empty at once cannot make the loop spin.
	MinInterval time.Duration
	// MinBackoff and MaxBackoff bound the wait after failures.
	MinBackoff, MaxBackoff time.Duration
	// While Behind says the way out is behind (replies wait to be sent),
	// a poll that brought updates is followed by the next one only Gather
	// after it started: the updates that come meanwhile would not be
	// answered sooner, and taken together they share one commit. Zero
	// Gather or nil Behind: poll again at once.
	Gather time.Duration
	Behind func() bool
}

// Run polls until ctx ends; a cancelled context is a clean stop (nil).
func (p *Poller) Run(ctx context.Context) error {
	offset := 0
	health := outage{log: p.Log, what: "getUpdates"}
	bo := backoff{min: orDefault(p.MinBackoff, time.Second), max: orDefault(p.MaxBackoff, time.Minute)}
	for ctx.Err() == nil {
		started := time.Now()
		next, err := p.pollOnce(ctx, offset)
		if ctx.Err() != nil {
			break
		}
		wait := p.pause(err, next == offset, time.Since(started), &bo)
		health.observe(err)
		offset = next
		sleep(ctx, wait)
	}
	return nil
}

// pollOnce fetches one batch and handles it in order; it returns the offset
// to ask for next.
func (p *Poller) pollOnce(ctx context.Context, offset int) (int, error) {
	updates, err := p.Source.Updates(ctx, offset)
	if err != nil {
		return offset, err
	}
	if bh, ok := p.Handler.(messenger.BatchHandler); ok && len(updates) > 1 {
		n, err := bh.HandleBatch(ctx, updates)
		if n > 0 {
			offset = updates[n-1].ID + 1
		}
		return offset, err
	}
	for _, u := range updates {
		if err := p.Handler.Handle(ctx, u); err != nil {
			return offset, err
		}
		offset = u.ID + 1
	}
	return offset, nil
}

// pause decides how long to wait before the next poll.
func (p *Poller) pause(err error, empty bool, took time.Duration, bo *backoff) time.Duration {
	if err != nil {
		return bo.next()
	}
	bo.reset()
	if empty && took < p.minInterval() {
		return p.minInterval() - took
	}
	if !empty && took < p.Gather && p.Behind != nil && p.Behind() {
		return p.Gather - took
	}
	return 0
}

func (p *Poller) minInterval() time.Duration { return orDefault(p.MinInterval, time.Second) }

func orDefault(d, def time.Duration) time.Duration {
	if d > 0 {
		return d
	}
	return def
}

// outage logs the start and the end of a run of failures, and at most one
// reminder a minute in between, instead of a line per failed request.
type outage struct {
	log      *slog.Logger
	what     string
	since    time.Time
	failures int
	lastLog  time.Time
}

func (o *outage) observe(err error) {
	now := time.Now()
	switch {
	case err == nil && o.failures > 0:
		o.log.Info(o.what+" works again", slog.Int("failures", o.failures), slog.Duration("down_for", now.Sub(o.since).Round(time.Second)))
		o.failures = 0
	case err != nil && o.failures == 0:
		o.since, o.lastLog, o.failures = now, now, 1
		o.log.Warn(o.what+" failed, retrying with backoff", slog.Any("error", err))
	case err != nil:
		o.failures++
		if now.Sub(o.lastLog) >= time.Minute {
			o.lastLog = now
			o.log.Warn(o.what+" still failing", slog.Int("failures", o.failures), slog.Any("error", err))
		}
	}
}
