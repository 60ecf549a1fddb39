package telegram

import (
	"github.com/dvkbot/dvkbot/bot/edge"

	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/dvkbot/dvkbot/bot/messenger"
)

// ErrConflict is why Run stops when Telegram keeps answering getUpdates
// with 409 Conflict: another process polls with the same token (it
// "terminated by other getUpdates request"), or a webhook is set.
var ErrConflict = errors.New("another instance of the bot is running with the same token, or a webhook is set for it: stop the other instance (or delete the webhook) and start again")

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
	// ConflictGrace is how long getUpdates may keep answering 409
	// Conflict before Run gives up with ErrConflict. Zero: 30 s.
	ConflictGrace time.Duration
	// Now is the poller's clock; nil: time.Now.
	Now func() time.Time
	// Heard, if set, is called after each poll that came back: Telegram is
	// up (the sender's Heard).
	Heard func()
}

func (p *Poller) now() time.Time {
	if p.Now != nil {
		return p.Now()
	}
	return time.Now()
}

// Run polls until ctx ends; a cancelled context is a clean stop (nil).
// It returns ErrConflict when another instance keeps polling with the
// same token and this one is the newcomer, or a webhook is set.
func (p *Poller) Run(ctx context.Context) error {
	offset := 0
	health := outage{log: p.Log, what: "getUpdates"}
	bo := edge.Backoff{Min: orDefault(p.MinBackoff, time.Second), Max: orDefault(p.MaxBackoff, time.Minute)}
	grace := orDefault(p.ConflictGrace, 30*time.Second)
	var clash conflicts
	var serving time.Time // since the first poll that worked
	for ctx.Err() == nil {
		started := time.Now()
		next, err := p.pollOnce(ctx, offset)
		if ctx.Err() != nil {
			break
		}
		health.observe(err)
		if isConflict(err) {
			if clash.lasted(p.now(), grace) && p.givesWay(err, serving, &clash) {
				return fmt.Errorf("%w (telegram: %v)", ErrConflict, err)
			}
			edge.Sleep(ctx, bo.Min) // not an outage: a growing wait would only draw the clash out
			continue
		}
		if err == nil && serving.IsZero() {
			serving = p.now()
		}
		if err == nil && p.Heard != nil {
			p.Heard()
		}
		wait := p.pause(err, next == offset, time.Since(started), &bo)
		offset = next
		edge.Sleep(ctx, wait)
	}
	return nil
}

// conflicts are getUpdates' 409 answers. A short burst is tolerated: an
// instance being restarted, whose last long poll Telegram still counts.
// Two instances polling end each other's polls, so each sees a 409 every
// few seconds, with successes between them: 409s that keep coming (none
// more than conflictQuiet apart) for the grace mean another instance.
type conflicts struct {
	first, last time.Time
	n           int
	told        bool // the log said this instance goes on
}

// conflictQuiet is the gap after which a 409 starts a new count.
const conflictQuiet = time.Minute

// lasted counts a 409 at now and reports whether they have come for grace
// (three at least).
func (c *conflicts) lasted(now time.Time, grace time.Duration) bool {
	if c.n == 0 || now.Sub(c.last) > conflictQuiet {
		c.first, c.n, c.told = now, 0, false
	}
	c.n++
	c.last = now
	return c.n >= 3 && now.Sub(c.first) >= grace
}

// servedFirst is how long an instance must have served before a clash
// to be the one that was there first.
const servedFirst = time.Minute

// givesWay decides, once a clash has lasted, which instance stops: the
// one that came last. Both see 409s in turn (each poll ends the other's),
// so the one that had served a minute before the clash began keeps
// serving and says so in its log; the newcomer, which had not, stops (two
// started within a minute of each other both stop). A webhook set for
// the token stops any instance: no poll can work.
func (p *Poller) givesWay(err error, serving time.Time, clash *conflicts) bool {
	if strings.Contains(strings.ToLower(err.Error()), "webhook") || serving.IsZero() || clash.first.Sub(serving) < servedFirst {
		return true
	}
	if p.Log != nil && !clash.told {
		p.Log.Warn("getUpdates: another instance polls with this token; this one was serving first and goes on, the other should stop",
			slog.Time("serving_since", serving), slog.Time("clash_since", clash.first))
	}
	clash.told = true
	return false
}

// isConflict: Telegram's 409 Conflict to getUpdates.
func isConflict(err error) bool {
	var te *tgbotapi.Error
	return errors.As(err, &te) && (te.Code == 409 || strings.HasPrefix(te.Message, "Conflict"))
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
func (p *Poller) pause(err error, empty bool, took time.Duration, bo *edge.Backoff) time.Duration {
	if err != nil {
		return bo.Next()
	}
	bo.Reset()
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
