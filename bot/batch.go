package bot

import (
	"context"
	"log/slog"

	"github.com/dvkbot/dvkbot/bot/messenger"
	"github.com/dvkbot/dvkbot/store"
)

// HandleBatch handles one poll's updates in order, with the outcome Handle
// would give each, and reports how many of them (from the first) are
// done: the poller asks again from the first one not done. Updates that
// need nothing before their transaction are routed together in one
// transaction, so that one commit makes them all durable before any reply
// goes out; the ones the flood guards drop ride on that commit too (a
// flood costs no commit of its own). An update with a file to read is
// handled alone in its place. If any update of a group fails, the group
// is undone and handled one by one, so that one bug costs no one else
// their answer (a file written for it is removed, see store.Tx.OnUndo).
// Updates of one group share the transaction's clock (Tx.Now). If the
// store cannot write, the updates not done pass the flood guards again
// when they come back, as with Handle.
func (b *Bot) HandleBatch(ctx context.Context, mus []messenger.Update) (int, error) {
	var group []judged
	for i, mu := range mus {
		u := update{Update: mu}
		if ignored(u) {
			continue
		}
		ok, warn := b.admit(u)
		if !ok || !b.importing(u) {
			group = append(group, judged{u: u, at: i, admitted: ok, warn: warn})
			continue
		}
		if n, err := b.runGroup(ctx, group); err != nil {
			return doneBefore(group, n, i), err
		}
		group = group[:0]
		if err := b.alone(ctx, u, ok, warn); err != nil {
			return i, err
		}
	}
	if n, err := b.runGroup(ctx, group); err != nil {
		return doneBefore(group, n, len(mus)), err
	}
	return len(mus), nil
}

// judged is an update of a poll with the flood guards' word on it, and
// its place in the poll.
type judged struct {
	u              update
	at             int
	admitted, warn bool
}

// doneBefore is how many of the poll's updates are done when the group's
// first n are and the others not: up to the first not done, else next.
func doneBefore(group []judged, n, next int) int {
	if n < len(group) {
		return group[n].at
	}
	return next
}

// alone finishes Handle for an update the guards already judged.
func (b *Bot) alone(ctx context.Context, u update, admitted, warn bool) error {
	if !admitted {
		return b.slowDown(ctx, u, warn)
	}
	if err := b.fetch(ctx, &u); err != nil {
		return err
	}
	return b.run(ctx, u)
}

// runGroup routes judged updates in one transaction; on any failure it
// runs them one by one, as Handle does, and reports how many of them are
// done.
func (b *Bot) runGroup(ctx context.Context, group []judged) (int, error) {
	switch len(group) {
	case 0:
		return 0, nil
	case 1:
		return b.runAlone(ctx, group)
	}
	ids := make([]int, len(group))
	for i, j := range group {
		ids[i] = j.u.ID
	}
	ran, err := b.store.HandleUpdates(ctx, ids, func(i int, tx *store.Tx) error {
		j := group[i]
		if !j.admitted {
			return b.slowDownIn(tx, j.u, j.warn)
		}
		return b.safeRoute(newRequest(b.env, tx, j.u))
	})
	if err == nil {
		if ran {
			b.wake()
		}
		return len(group), nil
	}
	if ctx.Err() != nil {
		return 0, err
	}
	b.log.Debug("updates of one poll failed together; handled one by one", slog.Int("updates", len(group)), slog.Any("error", err))
	return b.runAlone(ctx, group)
}

// runAlone handles judged updates one by one and reports how many are
// done.
func (b *Bot) runAlone(ctx context.Context, group []judged) (int, error) {
	for n, j := range group {
		if err := b.alone(ctx, j.u, j.admitted, j.warn); err != nil {
			return n, err
		}
	}
	return len(group), nil
}
