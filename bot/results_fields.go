package bot

import (
	"strconv"
	"strings"

	"github.com/dvkbot/dvkbot/bot/input"
	"github.com/dvkbot/dvkbot/locales"
	"github.com/dvkbot/dvkbot/store"
)

// resultField is one field of a results report, defined once, like
// modelField: the form's step, its answer read from and written to
// store.Results, and how resultsSummary shows it.
type resultField struct {
	step                                                          // how the form asks for it
	get  func(res *store.Results) string                          // the answer, from the report
	set  func(res *store.Results, v string)                       // the answer, into the report
	show func(r *request, lang string, res *store.Results) string // HTML on the summary; "" leaves the line out
}

// resultsFields are the results report's fields, in the form's order.
var resultsFields = []resultField{
	resultText(step{key: "achieved", label: "field_achieved", prompt: "ask_achieved", kind: inputLongText}, func(res *store.Results) *string { return &res.Achieved }),
	{step: step{key: "against", label: "field_against", prompt: "ask_against", kind: inputChoice, choices: labelled("result_against_", store.ResultsAgainst)},
		get: func(res *store.Results) string { return res.Against },
		set: func(res *store.Results, v string) { res.Against = v },
		show: func(r *request, lang string, res *store.Results) string {
			if res.Against == "" {
				return ""
			}
			return r.cat.HTML(lang, "result_against_"+res.Against, nil)
		}},
	resultCount(step{key: "people", label: "field_people", prompt: "ask_people", kind: inputNumber}, func(res *store.Results) *int64 { return &res.People },
		func(n int64) string { return strconv.FormatInt(n, 10) }),
	resultCount(step{key: "money", label: "field_money", prompt: "ask_money", kind: inputMoney}, func(res *store.Results) *int64 { return &res.Money }, input.FormatMoney),
	resultText(step{key: "measures", label: "field_measures", prompt: "ask_measures", kind: inputLongText, optional: true, max: 1000, check: checkMeasures},
		func(res *store.Results) *string { return &res.Measures }),
	{step: step{key: "criteria", label: "field_criteria", prompt: "ask_criteria", kind: inputMulti, none: true, choices: (*request).criteriaChoices},
		get: criteriaAnswer, set: setCriteria, show: showCriteria},
	{step: step{key: "evidence", label: "field_evidence", prompt: "ask_evidence", kind: inputFiles, optional: true},
		get:  func(res *store.Results) string { return encodeFiles(res.Evidence) },
		set:  func(res *store.Results, v string) { res.Evidence = decodeFiles(v) },
		show: func(_ *request, _ string, res *store.Results) string { return strconv.Itoa(len(res.Evidence)) }},
	resultText(step{key: "lessons", label: "field_lessons", prompt: "ask_lessons", kind: inputLongText, optional: true}, func(res *store.Results) *string { return &res.Lessons }),
	resultText(step{key: "proposals", label: "field_proposals", prompt: "ask_proposals", kind: inputLongText, optional: true}, func(res *store.Results) *string { return &res.Proposals }),
}

// resultText is a field kept as typed, shown escaped.
func resultText(s step, at func(res *store.Results) *string) resultField {
	return resultField{step: s,
		get:  func(res *store.Results) string { return *at(res) },
		set:  func(res *store.Results, v string) { *at(res) = v },
		show: func(_ *request, _ string, res *store.Results) string { return escape(*at(res)) }}
}

// resultCount is a whole number, shown by format.
func resultCount(s step, at func(res *store.Results) *int64, format func(int64) string) resultField {
	return resultField{step: s,
		get:  func(res *store.Results) string { return strconv.FormatInt(*at(res), 10) },
		set:  func(res *store.Results, v string) { *at(res), _ = strconv.ParseInt(v, 10, 64) },
		show: func(_ *request, _ string, res *store.Results) string { return format(*at(res)) }}
}

// resultsSteps are the results form's steps.
func resultsSteps() []step {
	steps := make([]step, len(resultsFields))
	for i, f := range resultsFields {
		steps[i] = f.step
	}
	return steps
}

// resultsAnswers prefill the form to change a report; nil for a new one.
func resultsAnswers(res *store.Results) map[string]string {
	if res == nil {
		return nil
	}
	a := map[string]string{}
	for _, f := range resultsFields {
		a[f.key] = f.get(res)
	}
	return a
}

// resultsOf copies the form's answers into a report by the sender.
func (r *request) resultsOf(c *store.Conversation) store.Results {
	res := store.Results{SubmittedBy: r.user.ID, UpdatedAt: r.tx.Now()}
	for _, f := range resultsFields {
		f.set(&res, c.Answers[f.key])
	}
	return res
}

// criteriaAnswer is the criteria met as the form keeps them: "1,2,5".
func criteriaAnswer(res *store.Results) string {
	crit := make([]string, len(res.Criteria))
	for i, c := range res.Criteria {
		crit[i] = strconv.Itoa(c)
	}
	return strings.Join(crit, ",")
}

func setCriteria(res *store.Results, v string) {
	res.Criteria = nil
	for _, s := range splitList(v) {
		if n, err := strconv.Atoi(s); err == nil {
			res.Criteria = append(res.Criteria, n)
		}
	}
}

func showCriteria(r *request, lang string, res *store.Results) string {
	met := make([]string, len(res.Criteria))
	for i, c := range res.Criteria {
		met[i] = strconv.Itoa(c)
	}
	return r.cat.HTML(lang, "criteria_met", locales.Args{"Met": strings.Join(met, ", "), "Count": strconv.Itoa(len(met))})
}
