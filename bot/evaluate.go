package bot

import (
	"strings"

	"github.com/dvkbot/dvkbot/bot/form"
	"github.com/dvkbot/dvkbot/locales"
	"github.com/dvkbot/dvkbot/store"
)

// Buttons served here.
const (
	routeEvaluate route = "ev" // "ev:<registration>:<outcome>"
)

var evaluateActions = []action{
	{route: routeEvaluate, private: true, who: adminOnly, run: (*request).evaluateAction},
}

// proposeChoices answer whether the Đảng ủy proposes the model upward.
var proposeChoices = []string{"yes", "no"}

// notifyEvaluate tells every admin about results to evaluate.
func (r *request) notifyEvaluate(g store.Registration, unit store.Unit, camp store.Campaign, id string) error {
	admins, err := r.tx.Admins()
	if err != nil {
		return err
	}
	for _, a := range admins {
		lang := r.langOf(a)
		text := r.cat.HTML(lang, id, locales.Args{"Number": g.Number, "Unit": unit.Name, "Name": g.Model.Name,
			"Campaign": camp.Name}) + "\n\n" + r.resultsSummary(lang, g.Results) + "\n\n" + r.cat.HTML(lang, "evaluate_criterion_office", nil)
		if err := r.notice(a, text, r.evaluateButtons(lang, g), g.Number); err != nil {
			return err
		}
	}
	return nil
}

// evaluateButtons are the three verdicts and the model's file.
func (r *request) evaluateButtons(lang string, g store.Registration) [][]store.Button {
	rows := r.outcomeButtons(lang, g)
	rows[1] = append(rows[1], store.Button{Text: r.cat.Text(lang, "btn_model_file", nil), Data: routeModelFile.data(idArg(g.ID))})
	return rows
}

// outcomeButtons are the three verdicts, two rows: every verdict wherever
// the office evaluates (the file view lacked "Chưa đạt").
func (r *request) outcomeButtons(lang string, g store.Registration) [][]store.Button {
	var row []store.Button
	for _, o := range store.Outcomes {
		row = append(row, store.Button{Text: r.cat.Text(lang, "btn_outcome_"+o, nil), Data: routeEvaluate.data(idArg(g.ID), o)})
	}
	return [][]store.Button{row[:2], row[2:]}
}

// evaluateAction handles "ev:<id>:<outcome>": ask for the comment.
func (r *request) evaluateAction(arg string) error {
	id, outcome, _ := strings.Cut(arg, ":")
	g, err := r.registrationFromArg(id)
	if err != nil || !validOutcome(outcome) || g.Results == nil {
		return errStale
	}
	if g.Evaluation != nil {
		return r.answer(r.cat.Text(r.lang, "evaluate_done_already", locales.Args{"Number": g.Number,
			"Outcome": r.label("outcome_" + g.Evaluation.Outcome)}), true)
	}
	name := "evaluate"
	if (store.Evaluation{Outcome: outcome}).Recognised() {
		name = "evaluate_recognised"
	}
	return r.beginForm(name, arg, nil)
}

func validOutcome(o string) bool {
	for _, v := range store.Outcomes {
		if v == o {
			return true
		}
	}
	return false
}

// evaluateForm asks for the comment on a model that is not recognised.
func evaluateForm() *formDef {
	return &formDef{Name: "evaluate", Title: "form_evaluate", Allow: allowing(adminOnly), Submit: (*request).submitEvaluation, Quick: true,
		Steps: form.Steps(form.Pick(evaluationFields, "comment"))}
}

// evaluateRecognisedForm asks, for a recognised or exemplary model, the
// level it is recognised at (cấp cơ sở first: the usual one), whether the
// Đảng ủy proposes it to the level above, and the comment.
func evaluateRecognisedForm() *formDef {
	return &formDef{Name: "evaluate_recognised", Title: "form_evaluate", Allow: allowing(adminOnly), Submit: (*request).submitEvaluation, Quick: true,
		Steps: form.Steps(evaluationFields)}
}

// evaluationFields are what the office records with an outcome; the
// level and the proposal only for a recognised model.
var evaluationFields = []form.Field[*request, store.Evaluation]{
	form.String(stepDef{Key: "level", Label: "field_level", Prompt: "ask_evaluate_level", Kind: form.Choice, Options: labelled("level_", store.Levels)},
		func(e *store.Evaluation) *string { return &e.Level }),
	{Step: stepDef{Key: "propose", Label: "field_propose", Prompt: "ask_evaluate_propose", Kind: form.Choice, Options: labelled("propose_", proposeChoices)},
		Get: func(e *store.Evaluation) string { return map[bool]string{true: "yes", false: "no"}[e.ProposeHigher] },
		Set: func(e *store.Evaluation, v string) { e.ProposeHigher = v == "yes" }},
	form.String(stepDef{Key: "comment", Label: "field_comment", Prompt: "ask_evaluate_comment", Kind: form.LongText, Optional: true, Max: 2000},
		func(e *store.Evaluation) *string { return &e.Comment }),
}

// submitEvaluation records the verdict, tells the unit's secretaries and,
// for a recognised or exemplary model, congratulates the unit's group.
func (r *request) submitEvaluation(c *store.Conversation) error {
	id, outcome, _ := strings.Cut(c.Subject, ":")
	g, err := r.registrationFromArg(id)
	if err != nil || g.Results == nil || g.Evaluation != nil || !validOutcome(outcome) {
		return r.reply(r.t("evaluate_gone", nil), nil)
	}
	e := &store.Evaluation{Outcome: outcome, By: r.user.ID, At: r.tx.Now()}
	form.Fill(evaluationFields, c.Answers, e)
	switch {
	case !e.Recognised():
		e.Level, e.ProposeHigher = "", false
	case e.Level == "": // a draft of the form before it asked
		e.Level = store.LevelBase
	}
	g.Evaluation = e
	if err := r.tx.PutRegistration(g, r.user.ID, "evaluate", outcome); err != nil {
		return err
	}
	if err := r.tellOutcome(g); err != nil {
		return err
	}
	if err := r.congratulate(g); err != nil {
		return err
	}
	return r.reply(r.t("evaluate_saved", locales.Args{"Number": g.Number, "Outcome": r.label("outcome_" + outcome)}), nil)
}

func (r *request) tellOutcome(g store.Registration) error {
	for _, s := range r.tx.Secretaries(g.UnitID) {
		lang := r.langOf(s)
		text := r.cat.HTML(lang, "notice_evaluated", locales.Args{"Number": g.Number, "Name": g.Model.Name,
			"Outcome": r.cat.Text(lang, "outcome_"+g.Evaluation.Outcome, nil)})
		text += r.recognitionLines(lang, *g.Evaluation)
		if g.Evaluation.Comment != "" {
			text += "\n" + r.cat.HTML(lang, "notice_evaluated_comment", locales.Args{"Comment": g.Evaluation.Comment})
		}
		if err := r.send(s, text, nil); err != nil {
			return err
		}
	}
	return nil
}

// recognitionLines are the level a recognised model is recognised at and
// the proposal to the level above, a line each; "" for one not
// recognised.
func (r *request) recognitionLines(lang string, e store.Evaluation) string {
	level := e.RecognisedAt()
	if level == "" {
		return ""
	}
	text := "\n" + r.cat.HTML(lang, "evaluation_level", locales.Args{"Level": r.cat.Text(lang, "level_"+level, nil)})
	if e.ProposeHigher {
		text += "\n" + r.cat.HTML(lang, "evaluation_propose_higher", nil)
	}
	return text
}

// evaluationText is the evaluation as the model's file shows it: the
// outcome, its day and comment, the level and the proposal.
func (r *request) evaluationText(e store.Evaluation) string {
	return r.t("model_file_evaluation", locales.Args{"Outcome": r.label("outcome_" + e.Outcome),
		"Comment": e.Comment, "Date": r.date(e.At)}) + r.recognitionLines(r.lang, e)
}

// congratulate posts to the unit's working group, when the office wants it.
func (r *request) congratulate(g store.Registration) error {
	if !r.cfg.Congratulate || g.Evaluation.Outcome == store.OutcomeNotMet {
		return nil
	}
	u, err := r.tx.Unit(g.UnitID)
	if err != nil || u.GroupChatID == 0 || u.GroupBroken != "" {
		return err
	}
	text := r.cat.HTML(r.cfg.DefaultLanguage, "group_congrats", locales.Args{"Unit": u.Name, "Name": g.Model.Name,
		"Outcome": r.cat.Text(r.cfg.DefaultLanguage, "outcome_"+g.Evaluation.Outcome, nil)})
	return r.send(u.GroupChatID, text, nil)
}
