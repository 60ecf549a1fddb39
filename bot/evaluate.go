package bot

import (
	"strings"

	"github.com/dvkbot/dvkbot/bot/form"
	"github.com/dvkbot/dvkbot/bot/input"
	"github.com/dvkbot/dvkbot/locales"
	"github.com/dvkbot/dvkbot/store"
)

// Buttons served here. The office receives a results report (tiếp
// nhận) and puts it before the Đảng ủy; the Đảng ủy decides; the office
// records that decision, with its basis and day. Each is its own press,
// so nothing is recorded in the Đảng ủy's name on the report's arrival
// (issue 27, item 1; review F1, T2).
const (
	routeResultsReceive route = "rk" // "rk:<registration>": receive the results report
	routeEvaluateOpen   route = "ek" // "ek:<registration>": record the Đảng ủy's decision: its outcome first
	routeEvaluate       route = "ev" // "ev:<registration>:<outcome>"
)

var evaluateActions = []action{
	{route: routeResultsReceive, private: true, who: adminOnly, run: (*request).receiveResultsAction},
	{route: routeEvaluateOpen, private: true, who: adminOnly, run: (*request).evaluateOpenAction},
	{route: routeEvaluate, private: true, who: adminOnly, run: (*request).evaluateAction},
}

// proposeChoices answer whether the Đảng ủy proposes the model upward.
var proposeChoices = []string{"yes", "no"}

// notifyEvaluate tells every admin about results to receive, with the
// button that receives them and the model's file.
func (r *request) notifyEvaluate(g store.Registration, unit store.Unit, camp store.Campaign, id string) error {
	admins, err := r.tx.Admins()
	if err != nil {
		return err
	}
	for _, a := range admins {
		lang := r.langOf(a)
		text := r.cat.HTML(lang, id, locales.Args{"Number": g.Number, "Unit": unit.Name, "Name": g.Model.Name,
			"Campaign": camp.Name}) + "\n\n" + r.resultsSummary(lang, g.Results) + "\n\n" + r.cat.HTML(lang, "evaluate_criterion_office", nil)
		kb := [][]store.Button{{{Text: r.cat.Text(lang, "btn_results_receive", nil), Data: routeResultsReceive.data(idArg(g.ID))},
			{Text: r.cat.Text(lang, "btn_model_file", nil), Data: routeModelFile.data(idArg(g.ID))}}}
		if err := r.notice(a, text, kb, g.Number); err != nil {
			return err
		}
	}
	return nil
}

// recordButton opens the record of the Đảng ủy's decision.
func (r *request) recordButton(lang string, g store.Registration) []store.Button {
	return []store.Button{{Text: r.cat.Text(lang, "btn_evaluate_record", nil), Data: routeEvaluateOpen.data(idArg(g.ID))}}
}

// outcomeButtons are the three outcomes the Đảng ủy may decide, two rows.
func (r *request) outcomeButtons(lang string, g store.Registration) [][]store.Button {
	var row []store.Button
	for _, o := range store.Outcomes {
		row = append(row, store.Button{Text: r.cat.Text(lang, "btn_outcome_"+o, nil), Data: routeEvaluate.data(idArg(g.ID), o)})
	}
	return [][]store.Button{row[:2], row[2:]}
}

// receiveResultsAction handles "rk:<id>": the office receives a report
// not yet received; the unit is told it goes before the Đảng ủy, and the
// office's notice now offers to record the decision.
func (r *request) receiveResultsAction(arg string) error {
	g, err := r.registrationFromArg(arg)
	if err != nil || g.Results == nil {
		return errStale
	}
	if g.ResultsReceived() {
		return r.answer(r.cat.Text(r.lang, "results_not_pending", locales.Args{"Number": g.Number}), true)
	}
	g.Results.ReceivedBy, g.Results.ReceivedAt = r.user.ID, r.tx.Now()
	if err := r.tx.PutRegistration(g, r.user.ID, "receipt", ""); err != nil { // the results report's receipt
		return err
	}
	if err := r.tellUnit(g, "notice_results_received", "", nil); err != nil {
		return err
	}
	if err := r.answer("", false); err != nil {
		return err
	}
	return r.edit(r.t("review_results_received", locales.Args{"Number": g.Number, "Name": r.displayName()})+
		"\n\n"+r.resultsSummary(r.lang, g.Results), [][]store.Button{r.recordButton(r.lang, g),
		{{Text: r.label("btn_model_file"), Data: routeModelFile.data(idArg(g.ID))}}})
}

// evaluable loads a model whose Đảng ủy decision may be recorded now: its
// report received, its registration received (F16), no decision yet.
// Otherwise it says why on the button and ok is false.
func (r *request) evaluable(id string) (g store.Registration, ok bool, err error) {
	if g, err = r.registrationFromArg(id); err != nil || g.Results == nil {
		return g, false, errStale
	}
	var why string
	switch {
	case g.Evaluation != nil:
		why = r.cat.Text(r.lang, "evaluate_done_already", locales.Args{"Number": g.Number, "Outcome": r.label("outcome_" + g.Evaluation.Outcome)})
	case g.Status != store.StatusApproved:
		why = r.cat.Text(r.lang, "evaluate_reg_not_received", locales.Args{"Number": g.Number, "Status": r.label("status_" + g.Status)})
	case !g.ResultsReceived():
		why = r.cat.Text(r.lang, "evaluate_not_received", locales.Args{"Number": g.Number})
	default:
		return g, true, nil
	}
	return g, false, r.answer(why, true)
}

// evaluateOpenAction handles "ek:<id>": which outcome the Đảng ủy decided.
func (r *request) evaluateOpenAction(arg string) error {
	g, ok, err := r.evaluable(arg)
	if !ok {
		return err
	}
	if err := r.answer("", false); err != nil {
		return err
	}
	return r.reply(r.t("ask_evaluate_outcome", locales.Args{"Number": g.Number, "Name": g.Model.Name, "Unit": r.unitName(g.UnitID)}),
		r.outcomeButtons(r.lang, g))
}

// evaluateAction handles "ev:<id>:<outcome>": ask the rest of the record.
func (r *request) evaluateAction(arg string) error {
	id, outcome, _ := strings.Cut(arg, ":")
	if !validOutcome(outcome) {
		return errStale
	}
	if _, ok, err := r.evaluable(id); !ok {
		return err
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

// evaluateForm records a decision that does not recognise the model: its
// basis, its day and the comment.
func evaluateForm() *formDef {
	return &formDef{Name: "evaluate", Title: "form_evaluate", Allow: allowing(adminOnly), Submit: (*request).submitEvaluation,
		Args: evaluateArgs, Steps: form.Steps(form.Pick(evaluationFields, "basis", "decided", "comment"))}
}

// evaluateRecognisedForm records a recognition: always at cấp cơ sở, the
// only level a commune's Đảng ủy grants (F2); whether it proposes the
// model to the level above, the basis, the day and the comment. A higher
// level is the province's to record (higherForm).
func evaluateRecognisedForm() *formDef {
	return &formDef{Name: "evaluate_recognised", Title: "form_evaluate", Allow: allowing(adminOnly), Submit: (*request).submitEvaluation,
		Args: evaluateArgs, Steps: form.Steps(evaluationFields)}
}

func evaluateArgs(r *request, _ *store.Conversation) locales.Args {
	return locales.Args{"Today": r.today().String()}
}

// notFuture refuses a day after today: a decision already taken.
func notFuture(r *request, _ *store.Conversation, v string) string {
	if v > r.today().ISO() {
		return "form_err_decided_future"
	}
	return ""
}

// evaluationFields are what the office records of the Đảng ủy's
// decision; the proposal only for a recognised model.
var evaluationFields = []form.Field[*request, store.Evaluation]{
	{Step: stepDef{Key: "propose", Label: "field_propose", Prompt: "ask_evaluate_propose", Kind: form.Choice, Options: labelled("propose_", proposeChoices)},
		Get: func(e *store.Evaluation) string { return map[bool]string{true: "yes", false: "no"}[e.ProposeHigher] },
		Set: func(e *store.Evaluation, v string) { e.ProposeHigher = v == "yes" }},
	form.String(stepDef{Key: "basis", Label: "field_basis", Prompt: "ask_evaluate_basis", Kind: form.Text, Optional: true, Max: 300},
		func(e *store.Evaluation) *string { return &e.Basis }),
	form.String(stepDef{Key: "decided", Label: "field_decided", Prompt: "ask_evaluate_decided", Kind: form.Date, Check: notFuture},
		func(e *store.Evaluation) *string { return &e.DecidedOn }),
	form.String(stepDef{Key: "comment", Label: "field_comment", Prompt: "ask_evaluate_comment", Kind: form.LongText, Optional: true, Max: 2000},
		func(e *store.Evaluation) *string { return &e.Comment }),
}

// submitEvaluation records the Đảng ủy's decision, tells the unit's
// secretaries in the Đảng ủy's voice and, for a recognised or exemplary
// model, congratulates the unit's group.
func (r *request) submitEvaluation(c *store.Conversation) error {
	id, outcome, _ := strings.Cut(c.Subject, ":")
	g, err := r.registrationFromArg(id)
	if err != nil || g.Results == nil || g.Evaluation != nil || !validOutcome(outcome) || g.Status != store.StatusApproved || !g.ResultsReceived() {
		return r.reply(r.t("evaluate_gone", nil), nil)
	}
	e := &store.Evaluation{Outcome: outcome, By: r.user.ID, At: r.tx.Now()}
	form.Fill(evaluationFields, c.Answers, e)
	if e.Recognised() {
		e.Level = store.LevelBase
	} else {
		e.ProposeHigher = false
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
		text += r.recognitionLines(lang, *g.Evaluation) + r.decisionLines(lang, *g.Evaluation, true)
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

// decisionLines are the day the Đảng ủy decided (when withDay) and the
// basis of its decision, a line each where recorded.
func (r *request) decisionLines(lang string, e store.Evaluation, withDay bool) string {
	var text string
	if d, err := input.ParseISO(e.DecidedOn); withDay && err == nil {
		text += "\n" + r.cat.HTML(lang, "evaluation_decided", locales.Args{"Date": d.String()})
	}
	if e.Basis != "" {
		text += "\n" + r.cat.HTML(lang, "evaluation_basis", locales.Args{"Basis": e.Basis})
	}
	return text
}

// evaluationText is the evaluation as the model's file shows it: the
// outcome, the day the Đảng ủy decided (older records: the day it was
// written down) and the comment, the level, the proposal and the basis.
func (r *request) evaluationText(e store.Evaluation) string {
	day := r.date(e.At)
	if d, err := input.ParseISO(e.DecidedOn); err == nil {
		day = d.String()
	}
	return r.t("model_file_evaluation", locales.Args{"Outcome": r.label("outcome_" + e.Outcome),
		"Comment": e.Comment, "Date": day}) + r.recognitionLines(r.lang, e) + r.decisionLines(r.lang, e, false)
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
		"Exemplary": g.Evaluation.Outcome == store.OutcomeExemplary})
	return r.send(u.GroupChatID, text, nil)
}
