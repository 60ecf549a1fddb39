package bot

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/dvkbot/dvkbot/bot/campaign"
	"github.com/dvkbot/dvkbot/bot/input"
	"github.com/dvkbot/dvkbot/locales"
	"github.com/dvkbot/dvkbot/store"
)

// Digest queues the weekly summary of late units to every admin, once per
// ISO week. It returns how many messages were queued.
func (b *Bot) Digest(ctx context.Context, now time.Time) (int, error) {
	n := 0
	err := b.store.Update(ctx, func(tx *store.Tx) error {
		year, week := now.In(b.cfg.Location).ISOWeek()
		fresh, err := tx.MarkReminder(fmt.Sprintf("digest/%d-W%02d", year, week))
		if err != nil || !fresh {
			return err
		}
		w := newWriter(b.env, tx)
		n, err = w.sendDigest(now)
		return err
	})
	if err == nil && n > 0 {
		b.wake()
	}
	return n, err
}

func (w *writer) sendDigest(now time.Time) (int, error) {
	camps, err := w.tx.Campaigns(false)
	if err != nil {
		return 0, err
	}
	admins, err := w.tx.Admins()
	if err != nil {
		return 0, err
	}
	n := 0
	for _, a := range admins {
		lang := w.langOf(a)
		var parts []string
		for _, c := range camps {
			part, err := w.lateSection(lang, c, now)
			if err != nil {
				return n, err
			}
			parts = append(parts, part)
		}
		text := w.cat.HTML(lang, "digest_title", nil) + "\n\n" + strings.Join(parts, "\n\n")
		if len(camps) == 0 {
			text += w.cat.HTML(lang, "campaigns_empty", nil)
		}
		if err := w.send(a, text, nil); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// lateSection lists the campaign's units past a deadline that still owe.
func (w *writer) lateSection(lang string, c store.Campaign, now time.Time) (string, error) {
	var late []string
	for _, d := range campaign.PassedBefore(c, input.DateOf(now, w.cfg.Location)) {
		owing, err := w.owing(c, d.Kind)
		if err != nil {
			return "", err
		}
		for _, o := range owing {
			late = append(late, "• "+escape(o.unit.Name)+" — "+w.cat.HTML(lang, "digest_late_"+string(d.Kind), nil)+" "+o.owed)
		}
	}
	head := "<b>" + escape(c.Name) + "</b>"
	warn, err := w.unreachableNote(lang, c)
	if err != nil {
		return "", err
	}
	if warn != "" {
		warn = "\n" + warn
	}
	if len(late) == 0 {
		return head + "\n" + w.cat.HTML(lang, "digest_all_on_time", nil) + warn, nil
	}
	return head + "\n" + w.cat.HTML(lang, "digest_late_count", locales.Args{"Count": itoa(len(late))}) + "\n" + strings.Join(late, "\n") + warn, nil
}
