package bot

import (
	"slices"
	"strconv"
	"strings"

	"github.com/dvkbot/dvkbot/bot/campaign"
	"github.com/dvkbot/dvkbot/locales"
	"github.com/dvkbot/dvkbot/store"
)

// Buttons served here.
const (
	routeCampaigns     route = "cl" // the campaign list
	routeCampaignAdd   route = "ca" // a new campaign
	routeCampaign      route = "cd" // "cd:<campaign>": its card
	routeCampaignEdit  route = "ce" // "ce:<campaign>"
	routeCampaignClose route = "cc" // "cc:<campaign>": close or reopen
)

var campaignActions = []action{
	{route: routeCampaigns, private: true, who: offices, run: campaignAction(routeCampaigns)},
	{route: routeCampaignAdd, private: true, who: offices, run: campaignAction(routeCampaignAdd)},
	{route: routeCampaign, private: true, who: offices, run: campaignAction(routeCampaign)},
	{route: routeCampaignEdit, private: true, who: offices, run: campaignAction(routeCampaignEdit)},
	{route: routeCampaignClose, private: true, who: offices, run: campaignAction(routeCampaignClose)},
}

// campaignForm is the campaign set-up form; editing pre-fills it.
func campaignForm() *form {
	return &form{name: "campaign", title: "form_campaign", who: adminOnly, submit: (*request).submitCampaign, steps: campaignSteps(
		step{key: "units", label: "field_campaign_units", prompt: "ask_campaign_units", kind: inputMulti, choices: (*request).unitChoices})}
}

// provinceCampaignForm is the province's: for all communes or chosen
// ones, each with all its units.
func provinceCampaignForm() *form {
	return &form{name: "province_campaign", title: "form_campaign", who: provinceOnly, submit: (*request).submitCampaign, steps: campaignSteps(
		step{key: "communes", label: "field_campaign_communes", prompt: "ask_campaign_communes", kind: inputMulti, choices: (*request).communeChoices})}
}

// campaignSteps are a campaign's questions, who takes part second.
func campaignSteps(who step) []step {
	return []step{
		{key: "name", label: "field_campaign_name", prompt: "ask_campaign_name", kind: inputText, max: 150},
		who,
		{key: "min", label: "field_campaign_min", prompt: "ask_campaign_min", kind: inputNumber, optional: true, check: checkMin, skipped: "default_min"},
		{key: "reg", label: "field_reg_deadline", prompt: "ask_reg_deadline", kind: inputDate},
		{key: "results", label: "field_results_deadline", prompt: "ask_results_deadline", kind: inputDate, check: after("reg", "form_err_results_after")},
		{key: "end", label: "field_end_date", prompt: "ask_end_date", kind: inputDate, check: after("results", "form_err_end_after")},
		{key: "year", label: "field_campaign_year", prompt: "ask_campaign_year", kind: inputNumber, optional: true, check: checkYear, skipped: "default_year"},
		{key: "criteria", label: "field_campaign_criteria", prompt: "ask_campaign_criteria", kind: inputLongText, optional: true, max: 2000, skipped: "default_criteria_skipped"},
		{key: "reminders", label: "field_reminders", prompt: "ask_reminders", kind: inputText, optional: true, check: checkReminders, skipped: "default_reminders"},
	}
}

// communeChoices are the communes, after "all".
func (r *request) communeChoices() []choice {
	out := []choice{{value: allValue, label: r.label("choice_all_communes")}}
	all, err := r.tx.Communes()
	if err != nil {
		r.fail(err)
	}
	for _, c := range all {
		out = append(out, choice{value: idArg(c.ID), label: c.Name})
	}
	return out
}

// unitChoices are the units, after "all". A failed read fails the
// update (see request.fail).
func (r *request) unitChoices() []choice {
	out := []choice{{value: allValue, label: r.label("choice_all_units")}}
	units, err := r.tx.Units(false)
	if err != nil {
		r.fail(err)
	}
	for _, u := range units {
		out = append(out, choice{value: idArg(u.ID), label: u.Name})
	}
	return out
}

// checkYear accepts a campaign's year near its registration deadline's.
func checkYear(_ *request, c *store.Conversation, v string) string {
	n, _ := strconv.Atoi(v)
	reg, _ := strconv.Atoi(strings.SplitN(c.Answers["reg"], "-", 2)[0])
	if n < 2000 || n > 2100 || (reg > 0 && (n < reg-1 || n > reg+1)) {
		return "form_err_year"
	}
	return ""
}

func checkMin(_ *request, _ *store.Conversation, v string) string {
	if n, _ := strconv.Atoi(v); n < 1 || n > 20 {
		return "form_err_min"
	}
	return ""
}

// after makes a check that a date comes after the answer under key.
func after(key, errID string) func(*request, *store.Conversation, string) string {
	return func(_ *request, c *store.Conversation, v string) string {
		if prev := c.Answers[key]; prev != "" && v <= prev {
			return errID
		}
		return ""
	}
}

// checkReminders accepts "7, 3, 1, 0": days before a deadline.
func checkReminders(_ *request, _ *store.Conversation, v string) string {
	if _, ok := parseDays(v); !ok {
		return "form_err_reminders"
	}
	return ""
}

func parseDays(v string) ([]int, bool) {
	var days []int
	for _, f := range strings.FieldsFunc(v, func(c rune) bool { return c == ',' || c == ';' || c == ' ' }) {
		n, err := strconv.Atoi(f)
		if err != nil || n < 0 || n > 60 {
			return nil, false
		}
		if !slices.Contains(days, n) {
			days = append(days, n)
		}
	}
	slices.Sort(days)
	slices.Reverse(days)
	return days, len(days) > 0
}

func (r *request) submitCampaign(c *store.Conversation) error {
	camp := store.Campaign{CreatedBy: r.user.ID, MinModels: 1, Reminders: r.cfg.ReminderDays}
	if id, err := strconv.ParseUint(c.Subject, 10, 64); err == nil && id != 0 {
		old, err := r.tx.Campaign(id)
		if err != nil {
			return errStale
		}
		camp = old
	}
	a := c.Answers
	camp.Name, camp.RegDeadline, camp.ResultsDeadline, camp.EndDate = a["name"], a["reg"], a["results"], a["end"]
	camp.Units, camp.Communes = ids(a["units"]), ids(a["communes"])
	camp.Province = r.commune() == 0
	if n, err := strconv.Atoi(a["min"]); err == nil {
		camp.MinModels = n
	}
	camp.Criteria = nil
	for _, l := range strings.Split(a["criteria"], "\n") {
		if l = strings.TrimSpace(l); l != "" {
			camp.Criteria = append(camp.Criteria, l)
		}
	}
	camp.NumberYear = 0
	if n, err := strconv.Atoi(a["year"]); err == nil {
		camp.NumberYear = n
	} else if len(camp.RegDeadline) >= 4 {
		camp.NumberYear, _ = strconv.Atoi(camp.RegDeadline[:4])
	}
	if days, ok := parseDays(a["reminders"]); ok {
		camp.Reminders = days
	}
	action := map[bool]string{true: "campaign.add", false: "campaign.edit"}[camp.ID == 0]
	camp, err := r.tx.PutCampaign(camp)
	if err != nil {
		return err
	}
	if err := r.tx.Audit(r.user.ID, action, camp.Name); err != nil {
		return err
	}
	card, err := r.campaignCard(camp)
	if err != nil {
		return err
	}
	return r.reply(r.t("campaign_saved", nil)+"\n\n"+card, r.campaignButtons(camp))
}

// ids are the ids of a multi-choice answer; "all" is none.
func ids(answer string) []uint64 {
	var out []uint64
	for _, v := range splitList(answer) {
		if id, err := strconv.ParseUint(v, 10, 64); err == nil {
			out = append(out, id)
		}
	}
	return out
}

// idList is the answer of a multi-choice of ids; none is "all".
func idList(ids []uint64) string {
	if len(ids) == 0 {
		return allValue
	}
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = idArg(id)
	}
	return strings.Join(out, ",")
}

// campaignAnswers pre-fills the form from a campaign.
func campaignAnswers(c store.Campaign) map[string]string {
	days := make([]string, len(c.Reminders))
	for i, d := range c.Reminders {
		days[i] = strconv.Itoa(d)
	}
	return map[string]string{"name": c.Name, "units": idList(c.Units), "communes": idList(c.Communes), "min": strconv.Itoa(c.MinModels),
		"reg": c.RegDeadline, "results": c.ResultsDeadline, "end": c.EndDate, "year": c.Year(), "criteria": strings.Join(c.Criteria, "\n"), "reminders": strings.Join(days, ", ")}
}

// campaigns is /campaigns: every campaign, open ones first.
func (r *request) campaigns() error {
	text, kb, err := r.campaignList()
	if err != nil {
		return err
	}
	return r.reply(text, kb)
}

func (r *request) campaignList() (string, [][]store.Button, error) {
	all, err := r.tx.Campaigns(true)
	if r.commune() == 0 {
		all, err = r.provinceCampaigns(true) // the province's own, not every commune's
	}
	if err != nil {
		return "", nil, err
	}
	slices.SortStableFunc(all, func(a, b store.Campaign) int { return boolInt(a.Closed) - boolInt(b.Closed) })
	lines := []string{r.t("campaigns_title", nil)}
	var kb [][]store.Button
	for _, c := range all {
		state := r.t("campaign_open", nil)
		if c.Closed {
			state = r.t("campaign_closed", nil)
		}
		if c.Province && r.commune() != 0 {
			state += " · " + r.t("campaign_of_province", nil)
		}
		lines = append(lines, "• "+escape(c.Name)+" — "+state)
		kb = append(kb, []store.Button{{Text: c.Name, Data: routeCampaign.data(idArg(c.ID))}})
	}
	if len(all) == 0 {
		lines = append(lines, r.t("campaigns_empty", nil))
	}
	kb = append(kb, []store.Button{{Text: r.label("btn_campaign_add"), Data: routeCampaignAdd.data()}})
	return strings.Join(lines, "\n"), kb, nil
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// campaignCard shows a campaign's settings and progress.
func (r *request) campaignCard(c store.Campaign) (string, error) {
	units := r.t("campaign_all_units", nil)
	if len(c.Units) > 0 {
		units = r.t("campaign_n_units", locales.Args{"Count": strconv.Itoa(len(c.Units))})
	}
	var regs []store.Registration
	read := func() (err error) { regs, err = r.tx.RegistrationsBrief(c.ID); return err } // counted only
	if c.Province && r.commune() == 0 {
		err := r.tx.AcrossCommunes(read) // the province's card counts every commune's
		if err != nil {
			return "", err
		}
	} else if err := read(); err != nil {
		return "", err
	}
	days := make([]string, len(c.Reminders))
	for i, d := range c.Reminders {
		days[i] = strconv.Itoa(d)
	}
	if c.Province && r.commune() == 0 {
		units = r.t("campaign_all_communes", nil)
		if len(c.Communes) > 0 {
			units = r.t("campaign_n_communes", locales.Args{"Count": len(c.Communes)})
		}
	}
	card := r.t("campaign_card", locales.Args{"Name": c.Name, "Units": units, "Min": strconv.Itoa(c.MinModels),
		"Reg": r.ownDate(c.RegDeadline, c.Official().RegDeadline), "Results": r.ownDate(c.ResultsDeadline, c.Official().ResultsDeadline),
		"End": showISO(c.EndDate), "Year": c.Year(),
		"Reminders": strings.Join(days, ", "), "Registered": strconv.Itoa(len(campaign.Active(c, regs)))})
	if r.commune() == 0 {
		return card, nil // who cannot be reminded is each commune's to fix, in its own card
	}
	warn, err := r.unreachableNote(r.lang, c)
	if err != nil || warn == "" {
		return card, err
	}
	return card + "\n\n" + warn, nil
}

// ownDate shows a commune's own deadline with the province's beside it.
func (r *request) ownDate(own, official string) string {
	if own == official {
		return showISO(own)
	}
	return r.t("campaign_own_date", locales.Args{"Date": showISO(own), "Deadline": showISO(official)})
}

func (r *request) campaignButtons(c store.Campaign) [][]store.Button {
	id := idArg(c.ID)
	if c.Province && r.commune() != 0 { // a commune sets its own dates, no more
		return [][]store.Button{
			{{Text: r.label("btn_local_dates"), Data: routeLocalDates.data(id)}},
			{{Text: r.label("btn_upcoming"), Data: routeUpcoming.data(id)}, {Text: r.label("btn_campaigns"), Data: routeCampaigns.data()}},
		}
	}
	toggle := "btn_campaign_close"
	if c.Closed {
		toggle = "btn_campaign_reopen"
	}
	return [][]store.Button{
		{{Text: r.label("btn_campaign_edit"), Data: routeCampaignEdit.data(id)}, {Text: r.label(toggle), Data: routeCampaignClose.data(id)}},
		{{Text: r.label("btn_upcoming"), Data: routeUpcoming.data(id)}, {Text: r.label("btn_campaigns"), Data: routeCampaigns.data()}},
	}
}

// campaignFormName: the province's campaigns are for communes.
func (r *request) campaignFormName() string {
	if r.commune() == 0 {
		return "province_campaign"
	}
	return "campaign"
}

// campaignAction serves the campaign routes: the list, a new one, and a
// campaign's card, edit, and close or reopen.
func campaignAction(op route) func(r *request, arg string) error {
	return func(r *request, arg string) error {
		switch op {
		case routeCampaigns:
			text, kb, err := r.campaignList()
			if err != nil {
				return err
			}
			return r.edit(text, kb)
		case routeCampaignAdd:
			return r.beginForm(r.campaignFormName(), "0", map[string]string{"units": allValue, "communes": allValue})
		}
		c, err := r.campaignFromArg(arg)
		if err != nil {
			return err
		}
		if c.Province != (r.commune() == 0) && op != routeCampaign {
			return errStale // the province changes its own; a commune, its own
		}
		switch op {
		case routeCampaignEdit:
			return r.beginForm(r.campaignFormName(), idArg(c.ID), campaignAnswers(c))
		case routeCampaignClose:
			c.Closed = !c.Closed
			if c, err = r.tx.PutCampaign(c); err != nil {
				return err
			}
			if err := r.tx.Audit(r.user.ID, map[bool]string{true: "campaign.close", false: "campaign.reopen"}[c.Closed], c.Name); err != nil {
				return err
			}
		}
		card, err := r.campaignCard(c)
		if err != nil {
			return err
		}
		return r.edit(card, r.campaignButtons(c))
	}
}
