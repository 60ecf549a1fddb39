package bot

import (
	"errors"
	"regexp"
	"strconv"
	"strings"

	"github.com/dvkbot/dvkbot/bot/campaign"
	"github.com/dvkbot/dvkbot/bot/form"
	"github.com/dvkbot/dvkbot/bot/input"
	"github.com/dvkbot/dvkbot/locales"
	"github.com/dvkbot/dvkbot/store"
)

// Buttons served here.
const (
	routeResults route = "rs" // "rs" or "rs:<registration>"
)

var resultActions = []action{
	{route: routeResults, private: true, who: secretaryOnly, run: (*request).resultsAction},
}

// criterion is one line of a campaign's criteria: its number in the plan
// and its words.
type criterion struct {
	n    int
	text string
}

var criterionNumber = regexp.MustCompile(`^(\d{1,2})\s*[.)]\s*`)

// criteriaOf are the criteria a unit of c assesses itself against: the
// campaign's own, or the movement's default criteria in lang. Criterion
// 4, "được cấp có thẩm quyền đánh giá, công nhận", is not among the
// defaults: it is the Đảng ủy's evaluation, not a unit's tick.
func (w *writer) criteriaOf(lang string, c store.Campaign) []criterion {
	var out []criterion
	for i, l := range campaign.Criteria(c, w.cat.Text(lang, "default_criteria", nil)) {
		cr := criterion{n: i + 1, text: l}
		if m := criterionNumber.FindStringSubmatch(l); m != nil {
			cr.n, _ = strconv.Atoi(m[1])
		} else {
			cr.text = strconv.Itoa(cr.n) + ". " + l
		}
		out = append(out, cr)
	}
	return out
}

// criteriaChoices are the results form's self-assessment: the criteria
// of the registration's campaign.
func (r *request) criteriaChoices(c *store.Conversation) []form.Option {
	var camp store.Campaign
	g, err := r.registrationFromArg(c.Subject)
	if err == nil {
		camp, err = r.tx.Campaign(g.CampaignID)
	}
	if err != nil && !errors.Is(err, errStale) && !errors.Is(err, store.ErrNotFound) {
		r.fail(err) // a store that cannot read: not the default criteria in its place
	}
	var out []form.Option
	for _, cr := range r.criteriaOf(r.lang, camp) {
		out = append(out, form.Option{Value: strconv.Itoa(cr.n), Label: cr.text})
	}
	return out
}

// resultsForm is the results report of a registered model.
func resultsForm() *formDef {
	return &formDef{Name: "results", Title: "form_results", Allow: allowing(staff), Submit: (*request).submitResults, EditsOpenAtReview: true, Steps: form.Steps(resultBindings()), Args: (*request).resultsArgs}
}

// resultsArgs are what the report's questions may name: the targets it
// is judged against.
func (r *request) resultsArgs(c *store.Conversation) locales.Args {
	args := locales.Args{}
	if g, err := r.registrationFromArg(c.Subject); err == nil {
		args["Targets"] = g.Model.Targets
	}
	return args
}

// checkMeasures wants lines "label: number [unit]", e.g. "Ngày công: 120"
// or "Đất hiến: 200 m²".
func checkMeasures(_ *request, _ *store.Conversation, v string) string {
	for _, line := range strings.Split(v, "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		label, value, ok := strings.Cut(line, ":")
		fields := strings.Fields(value)
		if !ok || strings.TrimSpace(label) == "" || len(fields) == 0 || !isAmount(fields[0]) {
			return "form_err_measures"
		}
	}
	return ""
}

// isAmount accepts 120, 1.200, 1,5.
func isAmount(s string) bool {
	if _, err := input.ParseNumber(s); err == nil {
		return true
	}
	f, err := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
	return err == nil && f >= 0
}

// results is /results and the "rs" button: pick the model to report on.
func (r *request) results() error {
	pairs, err := r.openPairs()
	if err != nil {
		return err
	}
	return r.resultsFor(pairs)
}

// resultsFor opens the results report of the models of those units and
// campaigns that may report, or asks which.
func (r *request) resultsFor(pairs []target) error {
	var open []store.Registration
	for _, p := range pairs {
		regs, err := r.tx.UnitRegistrations(p.unit.ID)
		if err != nil {
			return err
		}
		for _, g := range regs {
			if g.CampaignID == p.campaign.ID && campaign.MayReport(g) {
				open = append(open, g)
			}
		}
	}
	switch len(open) {
	case 0:
		return r.reply(r.t("results_nothing", nil), r.menuButtons())
	case 1:
		return r.openResults(open[0])
	}
	var kb [][]store.Button
	for _, g := range open {
		kb = append(kb, []store.Button{{Text: g.Number + " · " + g.Model.Name, Data: routeResults.data(idArg(g.ID))}})
	}
	return r.reply(r.t("results_pick", nil), kb)
}

// resultsAction handles "rs" and "rs:<id>".
func (r *request) resultsAction(arg string) error {
	if arg == "" {
		return r.results()
	}
	g, err := r.registrationFromArg(arg)
	if err != nil || !r.tx.IsSecretary(g.UnitID, r.user.ID) || g.Status == store.StatusWithdrawn {
		return errStale
	}
	refused, err := r.filingClosedFor(g)
	if err != nil {
		return err
	}
	if refused != "" { // a reminder's button, kept
		return r.reply(refused, r.menuButtons())
	}
	return r.openResults(g)
}

// filingClosedFor is filingClosed for a registration's campaign and unit.
func (r *request) filingClosedFor(g store.Registration) (string, error) {
	camp, err := r.tx.Campaign(g.CampaignID)
	if err != nil {
		return "", err
	}
	unit, err := r.tx.Unit(g.UnitID)
	if err != nil {
		return "", err
	}
	return r.filingClosed(camp, unit), nil
}

func (r *request) openResults(g store.Registration) error {
	if g.Evaluation != nil {
		return r.reply(r.t("results_evaluated", locales.Args{"Number": g.Number}), r.menuButtons())
	}
	return r.beginForm("results", idArg(g.ID), resultsAnswers(g.Results))
}

// submitResults files or replaces the report, until the office evaluates.
func (r *request) submitResults(c *store.Conversation) error {
	g, err := r.registrationFromArg(c.Subject)
	if err != nil || !r.tx.IsSecretary(g.UnitID, r.user.ID) {
		return r.reply(r.t("register_gone", nil), r.menuButtons())
	}
	if g.Evaluation != nil {
		return r.reply(r.t("results_evaluated", locales.Args{"Number": g.Number}), r.menuButtons())
	}
	camp, err := r.tx.Campaign(g.CampaignID)
	if err != nil {
		return err
	}
	unit, err := r.tx.Unit(g.UnitID)
	if err != nil {
		return err
	}
	if refused := r.filingClosed(camp, unit); refused != "" {
		return r.keepDraft(c, refused)
	}
	res := r.resultsOf(c)
	action, notice := "results", "notice_results_new"
	if g.Results != nil {
		res.SubmittedAt, res.Late = g.Results.SubmittedAt, g.Results.Late
		action, notice = "results_edit", "notice_results_edited"
	} else {
		res.SubmittedAt, res.Late = r.tx.Now(), r.late(camp.Official().ResultsDeadline)
	}
	g.Results = &res
	if err := r.tx.PutRegistration(g, r.user.ID, action, ""); err != nil {
		return err
	}
	if err := r.keepEvidence(g); err != nil {
		return err
	}
	if err := r.notifyEvaluate(g, unit, camp, notice); err != nil {
		return err
	}
	text := r.t("results_done", locales.Args{"Number": g.Number, "Name": g.Model.Name})
	if res.Late {
		text += "\n\n" + r.t("results_late_note", nil)
	}
	return r.reply(text, r.menuButtons())
}

// resultsSummary lists a report's fields in lang.
func (r *request) resultsSummary(lang string, res *store.Results) string {
	if res == nil {
		return r.cat.HTML(lang, "results_none", nil)
	}
	var b strings.Builder
	for _, f := range resultsFields {
		if v := f.show(r, lang, res); v != "" {
			b.WriteString("<b>" + r.cat.HTML(lang, f.Label, nil) + ":</b> " + v + "\n")
		}
	}
	if res.Late {
		b.WriteString(r.cat.HTML(lang, "status_late", nil) + "\n")
	}
	return strings.TrimSpace(b.String())
}
