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
// goes out; an update with a file to read, or one the flood guards drop,
// is handled alone in its place. If any update of a group fails, the group
// is undone and handled one by one, so that one bug costs no one else
// their answer (a file written for it is removed, see store.Tx.OnUndo).
// Updates of one group share the transaction's clock (Tx.Now). If the
// store cannot write, the updates not done pass the flood guards again
// when they come back, as with Handle.
func (b *Bot) HandleBatch(ctx context.Context, mus []messenger.Update) (int, error) {
	var group []update
	done := 0 // updates before the group, all handled
	for i, mu := range mus {
		u := update{Update: mu}
		if ignored(u) {
			continue
		}
		ok, warn := b.admit(u)
		if ok && !b.importing(u) {
			group = append(group, u)
			continue
		}
		if err := b.runGroup(ctx, group); err != nil {
			return done, err
		}
		group, done = group[:0], i
		if err := b.alone(ctx, u, ok, warn); err != nil {
			return done, err
		}
		done = i + 1
	}
	if err := b.runGroup(ctx, group); err != nil {
		return done, err
	}
	return len(mus), nil
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

// runGroup routes admitted updates in one transaction; on any failure it
// runs them one by one, as Handle does.
func (b *Bot) runGroup(ctx context.Context, group []update) error {
	switch len(group) {
	case 0:
		return nil
	case 1:
		return b.run(ctx, group[0])
	}
	ids := make([]int, len(group))
	for i, u := range group {
		ids[i] = u.ID
	}
	ran, err := b.store.HandleUpdates(ctx, ids, func(i int, tx *store.Tx) error {
		return b.safeRoute(newRequest(b.env, tx, group[i]))
	})
	if err == nil {
		if ran {
			b.wake()
		}
		return nil
	}
	if ctx.Err() != nil {
		return err
	}
	b.log.Debug("updates of one poll failed together; handled one by one", slog.Int("updates", len(group)), slog.Any("error", err))
	for _, u := range group {
		if err := b.run(ctx, u); err != nil {
			return err
		}
	}
	return nil
}
