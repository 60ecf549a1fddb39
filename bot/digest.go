package bot

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/dvkbot/dvkbot/bot/campaign"
	"github.com/dvkbot/dvkbot/bot/input"
	"github.com/dvkbot/dvkbot/bot/report"
	"github.com/dvkbot/dvkbot/locales"
	"github.com/dvkbot/dvkbot/store"
)

// Digest queues the weekly summary of late units to every admin, once per
// ISO week: each commune's office gets its own commune's, and the
// province's office one naming the communes that are behind. It returns
// how many messages were queued.
func (b *Bot) Digest(ctx context.Context, now time.Time) (int, error) {
	n := 0
	err := b.store.Update(ctx, func(tx *store.Tx) error {
		year, week := now.In(b.cfg.Location).ISOWeek()
		w := newWriter(b.env, tx)
		err := eachCommune(tx, func(c store.Commune) error {
			fresh, err := tx.MarkReminder(digestKey(c.ID, year, week))
			if err != nil || !fresh {
				return err
			}
			k, err := w.sendDigest(now)
			n += k
			return err
		})
		if err != nil {
			return err
		}
		k, err := w.provinceDigest(now, year, week)
		n += k
		return err
	})
	if err == nil && n > 0 {
		b.wake()
	}
	return n, err
}

// digestKey marks a commune's digest of a week as sent; the home
// commune keeps the key of a one-commune database.
func digestKey(commune uint64, year, week int) string {
	if commune == store.HomeCommune {
		return fmt.Sprintf("digest/%d-W%02d", year, week)
	}
	return fmt.Sprintf("digest/c%d/%d-W%02d", commune, year, week)
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
			late = append(late, "• "+escape(o.unit.Name)+" — "+w.cat.HTML(lang, "digest_late_"+string(d.Kind), nil)+" "+w.debtText(lang, o.debt))
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
	backlog, err := w.backlog(lang, c, input.DateOf(now, w.cfg.Location))
	if err != nil {
		return "", err
	}
	warn = backlog + warn
	if len(late) == 0 {
		return head + "\n" + w.cat.HTML(lang, "digest_all_on_time", nil) + warn, nil
	}
	return head + "\n" + w.cat.HTML(lang, "digest_late_count", locales.Args{"Count": itoa(len(late))}) + "\n" + strings.Join(late, "\n") + warn, nil
}

// backlog is the office's own work in c: registrations waiting to be
// received and results waiting to be evaluated, each with how many days
// it has waited, the longest first; "" when there is none.
func (w *writer) backlog(lang string, c store.Campaign, today input.Date) (string, error) {
	regs, err := w.tx.Registrations(c.ID)
	if err != nil {
		return "", err
	}
	type wait struct {
		line string
		days int
	}
	var recv, eval []wait
	since := func(t time.Time) int { return max(input.DateOf(t, w.cfg.Location).DaysUntil(today), 0) }
	for _, g := range campaign.Active(c, regs) {
		name := escape(g.Number) + " “" + escape(g.Model.Name) + "” — " + escape(w.unitName(g.UnitID))
		switch {
		case g.Status == store.StatusSubmitted:
			d := since(lastFiled(g))
			recv = append(recv, wait{name + " — " + w.cat.Text(lang, "digest_waited", locales.Args{"Count": d}), d})
		case g.Results != nil && g.Evaluation == nil:
			d := since(g.Results.UpdatedAt)
			eval = append(eval, wait{name + " — " + w.cat.Text(lang, "digest_waited", locales.Args{"Count": d}), d})
		}
	}
	var b strings.Builder
	for _, part := range []struct {
		id    string
		items []wait
	}{{"digest_to_receive", recv}, {"digest_to_evaluate", eval}} {
		if len(part.items) == 0 {
			continue
		}
		slices.SortStableFunc(part.items, func(a, b wait) int { return b.days - a.days })
		b.WriteString("\n" + w.cat.HTML(lang, part.id, locales.Args{"Count": len(part.items)}))
		for _, it := range part.items {
			b.WriteString("\n• " + it.line)
		}
	}
	return b.String(), nil
}

// lastFiled is when g was last sent to the office (filed, changed or
// sent back after a return).
func lastFiled(g store.Registration) time.Time {
	for i := len(g.History) - 1; i >= 0; i-- {
		switch g.History[i].Action {
		case "submit", "edit", "resubmit":
			return g.History[i].At
		}
	}
	return g.SubmittedAt
}

// provinceDigest sends the province's office, once a week, the communes
// behind in each open province campaign, behind first, and by how much:
// units short of models once the registration deadline has passed,
// models without results once the results deadline has. The province's
// dates count, not a commune's earlier ones. The transaction is unscoped.
func (w *writer) provinceDigest(now time.Time, year, week int) (int, error) {
	admins, err := w.tx.AdminsOf(0)
	if err != nil || len(admins) == 0 {
		return 0, err
	}
	fresh, err := w.tx.MarkReminder(fmt.Sprintf("digest/province/%d-W%02d", year, week))
	if err != nil || !fresh {
		return 0, err
	}
	all, err := w.tx.Campaigns(false)
	if err != nil {
		return 0, err
	}
	type behind struct {
		campaign store.Campaign
		lines    []report.CommuneLine
		reg, res bool // the deadline passed
	}
	var camps []behind
	today := input.DateOf(now, w.cfg.Location)
	for _, c := range all {
		if !c.Province {
			continue
		}
		ro, err := report.BuildRollup(w.tx, c)
		if err != nil {
			return 0, err
		}
		ro = ro.On(today)
		b := behind{campaign: c, lines: ro.Lines}
		for _, d := range campaign.PassedBefore(c, today) {
			b.reg, b.res = b.reg || d.Kind == campaign.Registration, b.res || d.Kind == campaign.Results
		}
		camps = append(camps, b)
	}
	n := 0
	for _, a := range admins {
		lang := w.langOf(a)
		parts := []string{w.cat.HTML(lang, "digest_province_title", nil)}
		if len(camps) == 0 {
			parts = append(parts, w.cat.HTML(lang, "province_report_none", nil))
		}
		for _, b := range camps {
			var late []string
			for _, l := range b.lines {
				var owes []string
				if b.reg && l.Short > 0 {
					owes = append(owes, w.cat.HTML(lang, "digest_province_short", locales.Args{"Count": l.Short, "Units": l.Units}))
				}
				if b.res && l.ResultsMissing > 0 {
					owes = append(owes, w.cat.HTML(lang, "digest_province_results", locales.Args{"Count": l.ResultsMissing}))
				}
				if owes != nil {
					late = append(late, "• <b>"+escape(l.Commune.Name)+"</b>: "+strings.Join(owes, ", "))
				}
			}
			if late == nil {
				late = []string{w.cat.HTML(lang, "digest_province_none", nil)}
			}
			parts = append(parts, "<b>"+escape(b.campaign.Name)+"</b>\n"+strings.Join(late, "\n"))
		}
		if err := w.send(a, strings.Join(parts, "\n\n"), nil); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}
