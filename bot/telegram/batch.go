package telegram

import (
	"context"
	"log/slog"
	"time"
	"unicode/utf16"

	"github.com/dvkbot/dvkbot/store"
)

// job is what one request sends: an entry, and the entries of its batch
// that wait behind it and may go out with it as one message.
type job struct {
	head store.Queued
	with []store.Queued
}

// Telegram's limits on one message: 4096 characters (UTF-16 code units)
// and 100 inline buttons.
const (
	maxText    = 4096
	maxButtons = 100
)

// batchSeparator stands between two notices of one message.
const batchSeparator = "\n\n— — —\n\n"

// deliverJob sends a job's entries as one message when there are several,
// and records them delivered together; alone otherwise.
func (s *Sender) deliverJob(ctx context.Context, j job) sendResult {
	if len(j.with) == 0 {
		return s.deliverID(ctx, j.head)
	}
	entries, err := s.read(ctx, append([]store.Queued{j.head}, j.with...))
	if err != nil || len(entries) < 2 || entries[0].ID != j.head.ID {
		return s.deliverID(ctx, j.head)
	}
	merged, ids := merge(entries)
	if len(ids) == 1 {
		return s.deliver(ctx, entries[0])
	}
	return s.sendBatch(ctx, merged, ids)
}

// read loads the entries still in the outbox, in order.
func (s *Sender) read(ctx context.Context, q []store.Queued) ([]store.Outgoing, error) {
	var out []store.Outgoing
	for _, e := range q {
		o, err := s.outbox.Outgoing(ctx, e.ID)
		switch {
		case err == nil:
			out = append(out, o)
		case ctx.Err() != nil:
			return nil, err
		}
	}
	return out, nil
}

// sendBatch sends merged, which stands for the entries ids. A batch that
// fails for any reason is not judged as a whole: its head goes alone at
// the next try, so that each entry meets its own outcome.
func (s *Sender) sendBatch(ctx context.Context, merged store.Outgoing, ids []uint64) sendResult {
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), sendTimeout)
	defer cancel()
	err := s.request(rctx, merged, true)
	if isParseError(err) {
		err = s.request(rctx, merged, false)
	}
	if err != nil {
		return s.splitBatch(merged, err)
	}
	s.reached(merged.ChatID)
	s.log.Debug("batch sent as one message", slog.Int64("chat_id", merged.ChatID), slog.Int("entries", len(ids)))
	return sendResult{sent: ids[1:], delivered: ids}
}

func (s *Sender) splitBatch(merged store.Outgoing, err error) sendResult {
	v := classify(err)
	wait := max(v.wait, time.Second)
	s.mu.Lock()
	s.solo[merged.ID] = true
	if v.wait > 0 {
		s.limits.slowDown(merged.ChatID, s.now().Add(wait))
	}
	s.mu.Unlock()
	s.log.Info("batch not sent; its entries go one by one", slog.Int64("chat_id", merged.ChatID), slog.Any("error", err))
	return sendResult{retryAt: s.now().Add(wait)}
}

// merge joins entries into one message while it keeps within Telegram's
// limits: the texts one after another, unchanged, and each entry's buttons
// named by its tag. It returns the message and the ids it stands for.
func merge(entries []store.Outgoing) (store.Outgoing, []uint64) {
	out := entries[0]
	out.Text, out.Buttons = "", nil
	var ids []uint64
	size, buttons := 0, 0
	for i, o := range entries {
		text := o.Text
		if i > 0 {
			text = batchSeparator + text
		}
		n, b := utf16Len(text), countButtons(o.Buttons)
		if i > 0 && (size+n > maxText || buttons+b > maxButtons) {
			break
		}
		out.Text += text
		out.Buttons = append(out.Buttons, tagged(o.Buttons, o.Tag)...)
		size, buttons = size+n, buttons+b
		ids = append(ids, o.ID)
	}
	return out, ids
}

// tagged names each button by the entry it belongs to.
func tagged(rows [][]store.Button, tag string) [][]store.Button {
	if tag == "" {
		return rows
	}
	out := make([][]store.Button, len(rows))
	for i, row := range rows {
		out[i] = make([]store.Button, len(row))
		for j, b := range row {
			b.Text = tag + " · " + b.Text
			out[i][j] = b
		}
	}
	return out
}

func countButtons(rows [][]store.Button) int {
	n := 0
	for _, row := range rows {
		n += len(row)
	}
	return n
}

func utf16Len(s string) int { return len(utf16.Encode([]rune(s))) }
