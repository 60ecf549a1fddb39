package bot

import (
	"errors"
	"strconv"
	"strings"

	"github.com/dvkbot/dvkbot/bot/campaign"
	"github.com/dvkbot/dvkbot/bot/input"
	"github.com/dvkbot/dvkbot/bot/report"
	"github.com/dvkbot/dvkbot/locales"
	"github.com/dvkbot/dvkbot/store"
)

// Buttons served here.
const (
	routeWithdraw  route = "rw" // "rw:<registration>" asks, "rw:<registration>:yes" does
	routeMyModels  route = "my" // the unit's models
	routeModel     route = "md" // "md:<registration>"
	routeDeadlines route = "dl" // the unit's deadlines
	routeSheet     route = "pk" // "pk:<registration>": its printable registration sheet
)

var myModelActions = []action{
	{route: routeWithdraw, private: true, who: staff, run: (*request).withdrawAction},
	{route: routeMyModels, private: true, who: secretaryOnly, run: (*request).myModels},
	{route: routeModel, private: true, who: staff, run: (*request).modelDetail},
	{route: routeDeadlines, private: true, who: secretaryOnly, run: (*request).deadlines},
	{route: routeSheet, private: true, who: seers, run: (*request).sheetAction},
}

// myModels handles "my": per unit and open campaign, the models with their
// status and what is still owed.
func (r *request) myModels(string) error {
	pairs, err := r.openPairs()
	if err != nil {
		return err
	}
	var parts []string
	var kb [][]store.Button
	for _, p := range pairs {
		text, buttons, err := r.unitProgress(p)
		if err != nil {
			return err
		}
		parts = append(parts, text)
		kb = append(kb, buttons...)
	}
	if len(parts) == 0 {
		parts = append(parts, r.t("register_nothing_open", nil))
	}
	kb = append(kb, r.backToMenu())
	return r.reply(strings.Join(parts, "\n\n"), kb)
}

// unitProgress is one unit's standing in one campaign: its models, with a
// button each, and what it still owes. A failed read is an error, never a
// shorter list.
func (r *request) unitProgress(p target) (string, [][]store.Button, error) {
	regs, err := r.tx.UnitRegistrations(p.unit.ID)
	if err != nil {
		return "", nil, err
	}
	d := campaign.Owes(p.campaign, p.unit, regs)
	lines := []string{r.progressHead(p, d)}
	var kb [][]store.Button
	for _, g := range d.Models {
		lines = append(lines, "• "+g.Number+" — "+escape(g.Model.Name)+" — "+r.statusText(g)+" · "+r.resultsState(g))
		kb = append(kb, []store.Button{{Text: g.Number + " · " + g.Model.Name, Data: routeModel.data(idArg(g.ID))}})
	}
	return strings.Join(lines, "\n"), kb, nil
}

// progressHead counts the unit's models against the minimum.
func (r *request) progressHead(p target, d campaign.Debt) string {
	head := r.t("my_unit_head", locales.Args{"Unit": p.unit.Name, "Campaign": p.campaign.Name,
		"Count": strconv.Itoa(len(d.Models)), "Min": strconv.Itoa(p.campaign.MinModels)})
	if d.MissingModels > 0 {
		head += "\n" + r.t("my_unit_owes", locales.Args{"Missing": strconv.Itoa(d.MissingModels),
			"Deadline": showISO(p.campaign.RegDeadline)})
	}
	if n := len(d.MissingResults); n > 0 {
		head += "\n" + r.t("my_unit_owes_results", locales.Args{"Count": strconv.Itoa(n),
			"Deadline": showISO(p.campaign.ResultsDeadline)})
	}
	return head
}

// resultsState is where a model stands with its results report, as the
// rules of what a unit owes read it (campaign.NeedsResults): not filed
// yet, filed, or filed after the deadline.
func (r *request) resultsState(g store.Registration) string {
	switch {
	case campaign.NeedsResults(g):
		return r.t("results_state_missing", nil)
	case g.Results != nil && g.Results.Late:
		return r.t("results_state_late", nil)
	case g.Results != nil:
		return r.t("results_state_filed", nil)
	}
	return ""
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
	var kb [][]store.Button
	own := r.tx.IsSecretary(g.UnitID, r.user.ID)
	if g.Editable() && own {
		kb = append(kb, []store.Button{{Text: r.label("btn_reg_edit"), Data: routeRegistrationEdit.data(arg)},
			{Text: r.label("btn_reg_withdraw"), Data: routeWithdraw.data(arg)}})
	}
	if campaign.MayReport(g) && own {
		label := "btn_results"
		if g.Results != nil {
			label = "btn_results_edit"
		}
		kb = append(kb, []store.Button{{Text: r.label(label), Data: routeResults.data(arg)}})
	}
	kb = append(kb, []store.Button{{Text: r.label("btn_registration_sheet"), Data: routeSheet.data(arg)}}, r.backToMenu())
	text := "<b>" + escape(g.Number) + "</b>\n" + r.modelSummary(r.lang, g)
	if g.Results != nil {
		text += "\n\n" + r.t("model_file_results", nil) + "\n" + r.resultsSummary(r.lang, g.Results)
	}
	if e := g.Evaluation; e != nil {
		text += "\n\n" + r.evaluationText(*e)
	}
	return r.reply(text, kb)
}

// sheetAction handles "pk:<id>": the model's registration sheet, a .docx
// to print and have the unit's leader sign, for the unit's secretaries
// and the office.
func (r *request) sheetAction(arg string) error {
	g, err := r.registrationFromArg(arg)
	if err != nil || !(r.mayActFor(g.UnitID) || readers(r.role())) {
		return errStale
	}
	s, err := report.SheetOf(r.tx, g)
	if err != nil {
		return err
	}
	data, err := report.RegistrationSheet(s, r.paper())
	if err != nil {
		return err
	}
	name := "Phieu-dang-ky_" + g.Number + ".docx"
	return r.sendFile(store.KindDoc, name, data, g.Number+" · "+g.Model.Name)
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
			[][]store.Button{{{Text: r.label("btn_withdraw_yes"), Data: routeWithdraw.data(id + ":yes")}, {Text: r.label("btn_back_menu"), Data: routeMenu.data()}}})
	}
	g.Status = store.StatusWithdrawn
	if err := r.tx.PutRegistration(g, r.user.ID, "withdraw", ""); err != nil {
		return err
	}
	return r.edit(r.t("withdraw_done", locales.Args{"Number": g.Number}), [][]store.Button{r.backToMenu()})
}

// deadlines handles "dl" and /status: the unit's deadlines and what it owes.
func (r *request) deadlines(string) error {
	return r.status()
}

func (r *request) status() error {
	pairs, err := r.statusPairs()
	if err != nil {
		return err
	}
	if len(pairs) == 0 {
		return r.reply(r.t("register_nothing_open", nil), nil)
	}
	var parts []string
	for _, p := range pairs {
		text, _, err := r.unitProgress(p)
		if err != nil {
			return err
		}
		parts = append(parts, text+"\n"+r.deadlineLines(p.campaign))
	}
	return r.reply(strings.Join(parts, "\n\n"), nil)
}

// statusPairs: in a group, its linked unit; in private, the sender's units.
// A group linked to no unit has none.
func (r *request) statusPairs() ([]target, error) {
	if r.u.Chat.Private() {
		return r.openPairs()
	}
	u, err := r.tx.UnitOfGroup(r.u.Chat.ID)
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	camps, err := r.tx.Campaigns(false)
	if err != nil {
		return nil, err
	}
	var out []target
	for _, c := range camps {
		if c.Includes(u) {
			out = append(out, target{campaign: c, unit: u})
		}
	}
	return out, nil
}

func (r *request) deadlineLines(c store.Campaign) string {
	today := r.today()
	var lines []string
	for _, d := range campaign.Deadlines(c) {
		id := map[campaign.DeadlineKind]string{campaign.Registration: "deadline_reg", campaign.Results: "deadline_results"}[d.Kind]
		lines = append(lines, r.dayLine(id, today, d.Day))
	}
	if end, err := input.ParseISO(c.EndDate); err == nil && !end.IsZero() {
		lines = append(lines, r.dayLine("deadline_end", today, end))
	}
	return strings.Join(lines, "\n")
}

// dayLine is one line of deadlineLines: the day as written ("trước ngày")
// and how far its last day on time is.
func (r *request) dayLine(id string, today, day input.Date) string {
	return r.t(id, locales.Args{"Date": day.String(), "Left": r.daysLeft(today.DaysUntil(campaign.LastDay(day)))})
}

// daysLeft says how far the last day on time is, n days from today, in
// words: the days left count today, as the reminders do.
func (r *request) daysLeft(n int) string {
	switch {
	case n == 0:
		return r.t("days_today", nil)
	case n < 0:
		return r.t("days_past", locales.Args{"Count": strconv.Itoa(-n)})
	}
	return r.t("days_left", locales.Args{"Count": strconv.Itoa(n + 1)})
}
