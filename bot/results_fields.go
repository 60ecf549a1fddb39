package bot

import (
	"errors"
	"strconv"
	"strings"

	"github.com/dvkbot/dvkbot/bot/form"
	"github.com/dvkbot/dvkbot/bot/input"
	"github.com/dvkbot/dvkbot/locales"
	"github.com/dvkbot/dvkbot/store"
)

// resultField is one field of a results report, defined once, like
// modelField: the form's step bound to its field of store.Results
// (form.Field), and how resultsSummary shows it.
type resultField struct {
	form.Field[*request, store.Results]
	show func(r *request, lang string, res *store.Results) string // HTML on the summary; "" leaves the line out
}

// resultsFields are the results report's fields, in the form's order.
var resultsFields = []resultField{
	resultText(stepDef{Key: "achieved", Label: "field_achieved", Prompt: "ask_achieved", Kind: form.LongText}, func(res *store.Results) *string { return &res.Achieved }),
	{Field: form.String(stepDef{Key: "against", Label: "field_against", Prompt: "ask_against", Kind: form.Choice, Options: labelled("result_against_", store.ResultsAgainst)},
		func(res *store.Results) *string { return &res.Against }),
		show: func(r *request, lang string, res *store.Results) string {
			if res.Against == "" {
				return ""
			}
			return r.cat.HTML(lang, "result_against_"+res.Against, nil)
		}},
	{Field: form.Field[*request, store.Results]{Step: stepDef{Key: "people", Label: "field_people", Prompt: "ask_people", Kind: form.Text, Max: 100, Check: checkHeadcount},
		Get: func(res *store.Results) string { return headcountOf(res).String() },
		Set: func(res *store.Results, v string) {
			if h, err := input.ParseHeadcount(v); err == nil {
				res.People, res.Households = h.People, h.Households
			}
		}},
		show: showHeadcount},
	resultCount(stepDef{Key: "money", Label: "field_money", Prompt: "ask_money", Kind: form.Money}, func(res *store.Results) *int64 { return &res.Money }, input.FormatMoney),
	resultText(stepDef{Key: "measures", Label: "field_measures", Prompt: "ask_measures", Kind: form.LongText, Optional: true, Max: 1000, Check: checkMeasures},
		func(res *store.Results) *string { return &res.Measures }),
	{Field: form.Field[*request, store.Results]{Step: stepDef{Key: "criteria", Label: "field_criteria", Prompt: "ask_criteria", Kind: form.Multi, None: true, Options: (*request).criteriaChoices},
		Get: criteriaAnswer, Set: setCriteria}, show: showCriteria},
	{Field: form.Field[*request, store.Results]{Step: stepDef{Key: "evidence", Label: "field_evidence", Prompt: "ask_evidence", Kind: form.Files, Optional: true},
		Get: func(res *store.Results) string { return form.EncodeFiles(res.Evidence) },
		Set: func(res *store.Results, v string) { res.Evidence = form.DecodeFiles(v) }},
		show: func(_ *request, _ string, res *store.Results) string { return strconv.Itoa(len(res.Evidence)) }},
	resultText(stepDef{Key: "lessons", Label: "field_lessons", Prompt: "ask_lessons", Kind: form.LongText, Optional: true}, func(res *store.Results) *string { return &res.Lessons }),
	resultText(stepDef{Key: "proposals", Label: "field_proposals", Prompt: "ask_proposals", Kind: form.LongText, Optional: true}, func(res *store.Results) *string { return &res.Proposals }),
}

// resultText is a field kept as typed, shown escaped.
func resultText(s stepDef, at func(res *store.Results) *string) resultField {
	return resultField{Field: form.String(s, at),
		show: func(_ *request, _ string, res *store.Results) string { return escape(*at(res)) }}
}

// resultCount is a whole number, shown by format.
func resultCount(s stepDef, at func(res *store.Results) *int64, format func(int64) string) resultField {
	return resultField{Field: form.Int(s, at),
		show: func(_ *request, _ string, res *store.Results) string { return format(*at(res)) }}
}

// resultBindings are the report's bindings, for form.Steps,
// form.Answers and form.Fill.
func resultBindings() []form.Field[*request, store.Results] {
	out := make([]form.Field[*request, store.Results], len(resultsFields))
	for i, f := range resultsFields {
		out[i] = f.Field
	}
	return out
}

// resultsAnswers prefill the form to change a report; nil for a new one.
func resultsAnswers(res *store.Results) map[string]string {
	if res == nil {
		return nil
	}
	return form.Answers(resultBindings(), res)
}

// resultsOf copies the form's answers into a report by the sender.
func (r *request) resultsOf(c *store.Conversation) store.Results {
	res := store.Results{SubmittedBy: r.user.ID, UpdatedAt: r.tx.Now()}
	form.Fill(resultBindings(), c.Answers, &res)
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
	for _, s := range form.List(v) {
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

// headcountOf is the report's people and households.
func headcountOf(res *store.Results) input.Headcount {
	return input.Headcount{People: res.People, Households: res.Households}
}

// checkHeadcount wants each number with what it counts: "150 hộ",
// "1.200 người" or both; a bare number is asked about, not guessed.
func checkHeadcount(_ *request, _ *store.Conversation, v string) string {
	_, err := input.ParseHeadcount(v)
	switch {
	case err == nil:
		return ""
	case errors.Is(err, input.ErrHeadcountWhich):
		return "form_err_headcount_which"
	case errors.Is(err, input.ErrHeadcountTwice):
		return "form_err_headcount_twice"
	case errors.Is(err, input.ErrNegative):
		return "form_err_negative"
	case errors.Is(err, input.ErrTooLarge):
		return "form_err_too_large"
	}
	return "form_err_number"
}

// showHeadcount is "1.200 người · 150 hộ": the two numbers apart, each
// with its unit, in lang.
func showHeadcount(r *request, lang string, res *store.Results) string {
	var parts []string
	if res.People > 0 || res.Households == 0 {
		parts = append(parts, r.cat.HTML(lang, "count_people", locales.Args{"Count": input.FormatCount(res.People), "N": res.People}))
	}
	if res.Households > 0 {
		parts = append(parts, r.cat.HTML(lang, "count_households", locales.Args{"Count": input.FormatCount(res.Households), "N": res.Households}))
	}
	return strings.Join(parts, " · ")
}
