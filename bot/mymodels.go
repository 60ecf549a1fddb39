package bot

import (
	"strconv"
	"strings"

	"github.com/dvkbot/dvkbot/bot/input"
	"github.com/dvkbot/dvkbot/locales"
	"github.com/dvkbot/dvkbot/store"
)

// myModels handles "my": per unit and open campaign, the models with their
// status and what is still owed.
func (r *request) myModels(string) error {
	if err := r.answer("", false); err != nil {
		return err
	}
	var parts []string
	var kb [][]store.Button
	for _, p := range r.openPairs() {
		text, buttons := r.unitProgress(p)
		parts = append(parts, text)
		kb = append(kb, buttons...)
	}
	if len(parts) == 0 {
		parts = append(parts, r.t("register_nothing_open", nil))
	}
	kb = append(kb, r.backToMenu())
	return r.reply(strings.Join(parts, "\n\n"), kb)
}

// unitProgress is one unit's standing in one campaign.
func (r *request) unitProgress(p target) (string, [][]store.Button) {
	regs, _ := r.tx.UnitRegistrations(p.unit.ID)
	var lines []string
	var kb [][]store.Button
	count := 0
	for _, g := range regs {
		if g.CampaignID != p.campaign.ID || g.Status == store.StatusWithdrawn {
			continue
		}
		count++
		lines = append(lines, "• "+g.Number+" — "+escape(g.Model.Name)+" — "+r.statusText(g))
		kb = append(kb, []store.Button{{Text: g.Number + " · " + g.Model.Name, Data: "md:" + idArg(g.ID)}})
	}
	head := r.t("my_unit_head", locales.Args{"Unit": p.unit.Name, "Campaign": p.campaign.Name,
		"Count": strconv.Itoa(count), "Min": strconv.Itoa(p.campaign.MinModels)})
	if count < p.campaign.MinModels {
		head += "\n" + r.t("my_unit_owes", locales.Args{"Missing": strconv.Itoa(p.campaign.MinModels - count),
			"Deadline": showISO(p.campaign.RegDeadline)})
	}
	return strings.Join(append([]string{head}, lines...), "\n"), kb
}

func (r *request) statusText(g store.Registration) string {
	s := r.t("status_"+g.Status, nil)
	if g.Late {
		s += " · " + r.t("status_late", nil)
	}
	return s
}

// modelDetail handles "md:<id>" for the unit's secretaries (and admins).
func (r *request) modelDetail(arg string) error {
	g, err := r.registrationFromArg(arg)
	if err != nil || !r.mayActFor(g.UnitID) {
		return errStale
	}
	if err := r.answer("", false); err != nil {
		return err
	}
	var kb [][]store.Button
	own := r.tx.IsSecretary(g.UnitID, r.user.ID)
	if g.Editable() && own {
		kb = append(kb, []store.Button{{Text: r.label("btn_reg_edit"), Data: "re:" + arg},
			{Text: r.label("btn_reg_withdraw"), Data: "rw:" + arg}})
	}
	if g.Status == store.StatusApproved && g.Evaluation == nil && own {
		label := "btn_results"
		if g.Results != nil {
			label = "btn_results_edit"
		}
		kb = append(kb, []store.Button{{Text: r.label(label), Data: "rs:" + arg}})
	}
	kb = append(kb, r.backToMenu())
	text := "<b>" + escape(g.Number) + "</b>\n" + r.modelSummary(r.lang, g)
	if g.Results != nil {
		text += "\n\n" + r.t("model_file_results", nil) + "\n" + r.resultsSummary(r.lang, g.Results)
	}
	if e := g.Evaluation; e != nil {
		text += "\n\n" + r.t("model_file_evaluation", locales.Args{"Outcome": r.label("outcome_" + e.Outcome),
			"Comment": e.Comment, "Date": r.date(e.At)})
	}
	return r.reply(text, kb)
}

// withdrawAction handles "rw:<id>" (ask) and "rw:<id>:yes" (do).
func (r *request) withdrawAction(arg string) error {
	id, yes, _ := strings.Cut(arg, ":")
	g, ok, err := r.editableOwn(id)
	if !ok {
		return err
	}
	if yes != "yes" {
		return r.reply(r.t("withdraw_confirm", locales.Args{"Number": g.Number, "Name": g.Model.Name}),
			[][]store.Button{{{Text: r.label("btn_withdraw_yes"), Data: "rw:" + id + ":yes"}, {Text: r.label("btn_back_menu"), Data: "menu"}}})
	}
	g.Status = store.StatusWithdrawn
	if err := r.tx.PutRegistration(g, r.user.ID, "withdraw", ""); err != nil {
		return err
	}
	return r.edit(r.t("withdraw_done", locales.Args{"Number": g.Number}), [][]store.Button{r.backToMenu()})
}

// deadlines handles "dl" and /status: the unit's deadlines and what it owes.
func (r *request) deadlines(string) error {
	if err := r.answer("", false); err != nil {
		return err
	}
	return r.status()
}

func (r *request) status() error {
	pairs := r.statusPairs()
	if len(pairs) == 0 {
		return r.reply(r.t("register_nothing_open", nil), nil)
	}
	var parts []string
	for _, p := range pairs {
		text, _ := r.unitProgress(p)
		parts = append(parts, text+"\n"+r.deadlineLines(p.campaign))
	}
	return r.reply(strings.Join(parts, "\n\n"), nil)
}

// statusPairs: in a group, its linked unit; in private, the sender's units.
func (r *request) statusPairs() []target {
	if r.u.Chat.Private() {
		return r.openPairs()
	}
	u, err := r.tx.UnitOfGroup(r.u.Chat.ID)
	if err != nil {
		return nil
	}
	camps, _ := r.tx.Campaigns(false)
	var out []target
	for _, c := range camps {
		if c.Includes(u.ID) {
			out = append(out, target{campaign: c, unit: u})
		}
	}
	return out
}

func (r *request) deadlineLines(c store.Campaign) string {
	today := r.today()
	var lines []string
	for _, d := range []struct{ id, date string }{{"deadline_reg", c.RegDeadline}, {"deadline_results", c.ResultsDeadline}, {"deadline_end", c.EndDate}} {
		day, err := input.ParseISO(d.date)
		if err != nil || day.IsZero() {
			continue
		}
		lines = append(lines, r.t(d.id, locales.Args{"Date": day.String(), "Left": r.daysLeft(today.DaysUntil(day))}))
	}
	return strings.Join(lines, "\n")
}

// daysLeft says how far a day is, in words.
func (r *request) daysLeft(n int) string {
	switch {
	case n == 0:
		return r.t("days_today", nil)
	case n < 0:
		return r.t("days_past", locales.Args{"N": strconv.Itoa(-n)})
	}
	return r.t("days_left", locales.Args{"N": strconv.Itoa(n)})
}
