package bot

import (
	"slices"
	"strconv"
	"strings"

	"github.com/dvkbot/dvkbot/bot/campaign"
	"github.com/dvkbot/dvkbot/bot/form"
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
func campaignForm() *formDef {
	return &formDef{Name: "campaign", Title: "form_campaign", Allow: allowing(adminOnly), Submit: (*request).submitCampaign,
		Steps: campaignSteps("communes"), Args: (*request).campaignArgs}
}

// provinceCampaignForm is the province's: for all communes or chosen
// ones, each with all its units.
func provinceCampaignForm() *formDef {
	return &formDef{Name: "province_campaign", Title: "form_campaign", Allow: allowing(provinceOnly), Submit: (*request).submitCampaign,
		Steps: campaignSteps("units"), Args: (*request).campaignArgs}
}

type campaignField = form.Field[*request, store.Campaign]

// campaignFields are a campaign's questions, bound to store.Campaign; who
// takes part is second: a commune's units, or the province's communes.
// The year is after the registration deadline, whose year is its default.
var campaignFields = []campaignField{
	form.String(stepDef{Key: "name", Label: "field_campaign_name", Prompt: "ask_campaign_name", Kind: form.Text, Max: 150}, func(c *store.Campaign) *string { return &c.Name }),
	idsField(stepDef{Key: "units", Label: "field_campaign_units", Prompt: "ask_campaign_units", Kind: form.Multi, Options: (*request).unitChoices}, func(c *store.Campaign) *[]uint64 { return &c.Units }),
	idsField(stepDef{Key: "communes", Label: "field_campaign_communes", Prompt: "ask_campaign_communes", Kind: form.Multi, Options: (*request).communeChoices}, func(c *store.Campaign) *[]uint64 { return &c.Communes }),
	form.Int(stepDef{Key: "min", Label: "field_campaign_min", Prompt: "ask_campaign_min", Kind: form.Number, Optional: true, Check: checkMin, Skipped: "default_min"}, func(c *store.Campaign) *int { return &c.MinModels }),
	form.String(stepDef{Key: "reg", Label: "field_reg_deadline", Prompt: "ask_reg_deadline", Kind: form.Date}, func(c *store.Campaign) *string { return &c.RegDeadline }),
	form.String(stepDef{Key: "results", Label: "field_results_deadline", Prompt: "ask_results_deadline", Kind: form.Date, Check: after("reg", "form_err_results_after")}, func(c *store.Campaign) *string { return &c.ResultsDeadline }),
	form.String(stepDef{Key: "end", Label: "field_end_date", Prompt: "ask_end_date", Kind: form.Date, Check: after("results", "form_err_end_after")}, func(c *store.Campaign) *string { return &c.EndDate }),
	{Step: stepDef{Key: "year", Label: "field_campaign_year", Prompt: "ask_campaign_year", Kind: form.Number, Optional: true, Check: checkYear, Skipped: "default_year"},
		Get: func(c *store.Campaign) string { return c.Year() }, Set: setCampaignYear},
	{Step: stepDef{Key: "criteria", Label: "field_campaign_criteria", Prompt: "ask_campaign_criteria", Kind: form.LongText, Optional: true, Max: 2000, Skipped: "default_criteria_skipped"},
		Get: func(c *store.Campaign) string { return strings.Join(c.Criteria, "\n") }, Set: setCampaignCriteria},
	{Step: stepDef{Key: "reminders", Label: "field_reminders", Prompt: "ask_reminders", Kind: form.Text, Optional: true, Check: checkReminders, Skipped: "default_reminders"},
		Get: func(c *store.Campaign) string { return joinInts(c.Reminders) }, Set: setCampaignReminders},
}

// campaignSteps are the campaign's questions but the one of the other
// level (a commune's campaign does not ask for communes).
func campaignSteps(without string) []stepDef {
	return form.Steps(slices.DeleteFunc(slices.Clone(campaignFields), func(f campaignField) bool { return f.Key == without }))
}

// idsField is a Multi of ids; "all" is none (every one).
func idsField(s stepDef, at func(c *store.Campaign) *[]uint64) campaignField {
	return campaignField{Step: s,
		Get: func(c *store.Campaign) string { return idList(*at(c)) },
		Set: func(c *store.Campaign, v string) { *at(c) = ids(v) }}
}

// setCampaignYear: the year typed, else the registration deadline's
// (set before it: the year's step comes after the deadline's).
func setCampaignYear(c *store.Campaign, v string) {
	c.NumberYear = 0
	if n, err := strconv.Atoi(v); err == nil {
		c.NumberYear = n
	} else if len(c.RegDeadline) >= 4 {
		c.NumberYear, _ = strconv.Atoi(c.RegDeadline[:4])
	}
}

// setCampaignCriteria: one criterion a line; none is the default list.
func setCampaignCriteria(c *store.Campaign, v string) {
	c.Criteria = nil
	for _, l := range strings.Split(v, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			c.Criteria = append(c.Criteria, l)
		}
	}
}

// setCampaignReminders: the days typed, else the ones it had.
func setCampaignReminders(c *store.Campaign, v string) {
	if days, ok := parseDays(v); ok {
		c.Reminders = days
	}
}

// campaignArgs are what the campaign's questions may name: the default
// reminder days.
func (r *request) campaignArgs(*store.Conversation) locales.Args {
	return locales.Args{"Days": joinInts(r.cfg.ReminderDays)}
}

// communeChoices are the communes, after "all".
func (r *request) communeChoices(*store.Conversation) []form.Option {
	out := []form.Option{{Value: form.All, Label: r.label("choice_all_communes")}}
	all, err := r.tx.Communes()
	if err != nil {
		r.fail(err)
	}
	for _, c := range all {
		out = append(out, form.Option{Value: idArg(c.ID), Label: c.Name})
	}
	return out
}

// unitChoices are the units, after "all". A failed read fails the
// update (see request.fail).
func (r *request) unitChoices(*store.Conversation) []form.Option {
	out := []form.Option{{Value: form.All, Label: r.label("choice_all_units")}}
	units, err := r.tx.Units(false)
	if err != nil {
		r.fail(err)
	}
	for _, u := range units {
		out = append(out, form.Option{Value: idArg(u.ID), Label: u.Name})
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
	form.Fill(campaignFields, c.Answers, &camp)
	if !campaign.LateISO(camp.EndDate, r.today()) {
		camp.Reopened = false // extended: it ends again on its new end date
	}
	camp.Province = r.commune() == 0
	action := map[bool]string{true: "campaign.add", false: "campaign.edit"}[camp.ID == 0]
	camp, err := r.tx.PutCampaign(camp)
	if err != nil {
		return err
	}
	if err := r.tx.Audit(r.user.ID, action, camp.Name); err != nil {
		return err
	}
	saved := r.t("campaign_saved", nil)
	if action == "campaign.add" { // launched: announced once, with it
		n, err := r.announceLaunch(camp, r.user.ID)
		if err != nil {
			return err
		}
		saved += "\n" + r.t("campaign_launched", locales.Args{"Count": n})
	}
	card, err := r.campaignCard(camp)
	if err != nil {
		return err
	}
	return r.reply(saved+"\n\n"+card, r.campaignButtons(camp))
}

// ids are the ids of a multi-choice answer; "all" is none.
func ids(answer string) []uint64 {
	var out []uint64
	for _, v := range form.List(answer) {
		if id, err := strconv.ParseUint(v, 10, 64); err == nil {
			out = append(out, id)
		}
	}
	return out
}

// idList is the answer of a multi-choice of ids; none is "all".
func idList(ids []uint64) string {
	if len(ids) == 0 {
		return form.All
	}
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = idArg(id)
	}
	return strings.Join(out, ",")
}

// campaignAnswers pre-fills the form from a campaign.
func campaignAnswers(c store.Campaign) map[string]string {
	return form.Answers(campaignFields, &c)
}

func joinInts(ns []int) string {
	parts := make([]string, len(ns))
	for i, n := range ns {
		parts[i] = strconv.Itoa(n)
	}
	return strings.Join(parts, ", ")
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
	today := r.today()
	slices.SortStableFunc(all, func(a, b store.Campaign) int {
		return boolInt(!campaign.Open(a, today)) - boolInt(!campaign.Open(b, today))
	})
	lines := []string{r.t("campaigns_title", nil)}
	var kb [][]store.Button
	for _, c := range all {
		state := r.campaignState(c)
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

// campaignState is how a movement stands today: running, ended (its end
// date came, or the office closed it), or reopened after its end.
func (r *request) campaignState(c store.Campaign) string {
	today := r.today()
	switch {
	case !campaign.Open(c, today):
		return r.t("campaign_closed", nil)
	case campaign.Ended(store.Campaign{EndDate: c.EndDate}, today):
		return r.t("campaign_reopened", nil)
	}
	return r.t("campaign_open", nil)
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
		"End": showISO(c.EndDate), "Status": r.campaignState(c), "Year": c.Year(),
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
	if !campaign.Open(c, r.today()) {
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
			return r.beginForm(r.campaignFormName(), "0", map[string]string{"units": form.All, "communes": form.All})
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
			// Closing ends it now; reopening one whose end date has come
			// lets it take registrations again until closed.
			ending := campaign.Open(c, r.today())
			c.Closed, c.Reopened = ending, !ending && campaign.LateISO(c.EndDate, r.today())
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
