// Package bot is the Telegram side of dvkbot: it turns updates into changes
// of the store and replies queued in the outbox, and drains the outbox
// within Telegram's limits. The tgbotapi library is used only in this
// package, and its types are converted to ours at the edge.
package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"

	"github.com/dvkbot/dvkbot/locales"
	"github.com/dvkbot/dvkbot/store"
)

// Store is what the bot needs of the store.
type Store interface {
	HandleUpdate(ctx context.Context, updateID int, fn func(*store.Tx) error) (bool, error)
}

// Config is the part of the configuration the bot reads.
type Config struct {
	Username        string // the bot's @username, for mentions and links
	DefaultLanguage string
}

// Bot handles updates. It is not safe for concurrent Handle calls: the
// poller hands it one update at a time, in order.
type Bot struct {
	store Store
	cat   *locales.Catalog
	cfg   Config
	log   *slog.Logger
	wake  func()
	cmds  []command
}

// New makes a bot. wake is called after replies were queued (the outbox
// sender's Notify).
func New(st Store, cat *locales.Catalog, cfg Config, log *slog.Logger, wake func()) *Bot {
	if cfg.DefaultLanguage == "" || !cat.Supported(cfg.DefaultLanguage) {
		cfg.DefaultLanguage = locales.Default
	}
	b := &Bot{store: st, cat: cat, cfg: cfg, log: log, wake: wake}
	b.cmds = b.commands()
	return b
}

// Handle handles one update exactly once. Its effects and its replies are
// committed in one transaction with the update id. An update that fails
// (a bug) is recorded with an apology instead, so that it is not retried
// forever; only a failure to write at all is returned, to be retried.
func (b *Bot) Handle(ctx context.Context, u Update) error {
	if ignored(u) {
		return nil
	}
	ran, err := b.store.HandleUpdate(ctx, u.ID, func(tx *store.Tx) error {
		return b.safeRoute(newRequest(b, tx, u))
	})
	if err != nil && ctx.Err() == nil {
		b.log.Error("update failed", slog.Int("update_id", u.ID), slog.String("kind", u.Kind), slog.Any("error", err))
		ran, err = b.store.HandleUpdate(ctx, u.ID, func(tx *store.Tx) error {
			return newRequest(b, tx, u).apologize()
		})
	}
	if ran {
		b.wake()
	}
	return err
}

// ignored updates never touch the store: other bots, channels, and kinds we
// do not handle.
func ignored(u Update) bool {
	return u.Kind == KindOther || u.FromBot || u.From.ID == 0 || u.Chat.Type == "channel"
}

func (b *Bot) safeRoute(r *request) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("panic: %v\n%s", p, debug.Stack())
		}
	}()
	return b.route(r)
}

func (b *Bot) route(r *request) error {
	if err := r.load(); err != nil {
		return err
	}
	switch r.u.Kind {
	case KindMessage:
		return b.onMessage(r)
	case KindCallback:
		return b.onCallback(r)
	}
	return nil
}

var errStale = errors.New("stale or forged button")
