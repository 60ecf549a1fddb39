package bot

import (
	"strings"

	"github.com/dvkbot/dvkbot/store"
)

// modelField is one field of a registration, defined once: how the form
// asks for it, how its answer is read from and written to store.Model,
// and how the summary shows it. The form's steps, the prefill of a
// change, the copy into the record on submit and modelSummary all come
// from registerFields.
type modelField struct {
	step                                                     // how the form asks for it
	get  func(m store.Model) string                          // the answer, from the record
	set  func(m *store.Model, v string)                      // the answer, into the record
	show func(r *request, lang string, m store.Model) string // on the summary, unescaped
	fill func(r *request, c store.Campaign, m *store.Model)  // when an optional step is skipped
}

// registerFields are the model registration's fields (seed 001, section
// II), in the form's order. Adding one: the field in store.Model, a line
// here, its ids in the locales, and a column in bot/report if exported.
var registerFields = []modelField{
	modelText(step{key: "name", label: "field_model_name", prompt: "ask_model_name", kind: inputText, max: 200}, func(m *store.Model) *string { return &m.Name }),
	modelChoice(step{key: "kind", label: "field_model_kind", prompt: "ask_model_kind"}, "model_kind_", store.ModelKinds, func(m *store.Model) *string { return &m.Kind }),
	optionalShow(modelChoice(step{key: "novelty", label: "field_model_novelty", prompt: "ask_model_novelty"}, "model_novelty_", store.ModelNovelties, func(m *store.Model) *string { return &m.Novelty })),
	modelText(step{key: "subject", label: "field_model_subject", prompt: "ask_model_subject", kind: inputText, max: 200}, func(m *store.Model) *string { return &m.Subject }),
	modelChoice(step{key: "field", label: "field_model_field", prompt: "ask_model_field"}, "model_field_", store.ModelFields, func(m *store.Model) *string { return &m.Field }),
	modelText(step{key: "address", label: "field_model_address", prompt: "ask_model_address", kind: inputText, max: 200}, func(m *store.Model) *string { return &m.Address }),
	modelText(step{key: "content", label: "field_model_content", prompt: "ask_model_content", kind: inputLongText}, func(m *store.Model) *string { return &m.Content }),
	modelText(step{key: "targets", label: "field_model_targets", prompt: "ask_model_targets", kind: inputLongText}, func(m *store.Model) *string { return &m.Targets }),
	{step: step{key: "period", label: "field_model_period", prompt: "ask_model_period", kind: inputRange, optional: true, skipped: "default_period", check: checkPeriod},
		get: periodAnswer, set: setPeriod, show: showPeriod, fill: campaignPeriod},
}

// modelText is a field kept as typed in one string of the record.
func modelText(s step, at func(m *store.Model) *string) modelField {
	return modelField{step: s,
		get:  func(m store.Model) string { return *at(&m) },
		set:  func(m *store.Model, v string) { *at(m) = v },
		show: func(_ *request, _ string, m store.Model) string { return *at(&m) }}
}

// optionalShow shows a field older records lack as "(chưa có)".
func optionalShow(f modelField) modelField {
	show := f.show
	f.show = func(r *request, lang string, m store.Model) string {
		if f.get(m) == "" {
			return r.cat.Text(lang, "form_empty_value", nil)
		}
		return show(r, lang, m)
	}
	return f
}

// modelChoice is one of values, by button, labelled by prefix+value.
func modelChoice(s step, prefix string, values []string, at func(m *store.Model) *string) modelField {
	s.kind, s.choices = inputChoice, labelled(prefix, values)
	f := modelText(s, at)
	f.show = func(r *request, lang string, m store.Model) string { return r.cat.Text(lang, prefix+*at(&m), nil) }
	return f
}

// registerSteps are the registration form's steps.
func registerSteps() []step {
	steps := make([]step, len(registerFields))
	for i, f := range registerFields {
		steps[i] = f.step
	}
	return steps
}

// modelAnswers prefill the form to change m; an optional field left
// empty is left out, as if skipped.
func modelAnswers(m store.Model) map[string]string {
	a := map[string]string{}
	for _, f := range registerFields {
		if v := f.get(m); v != "" || !f.optional {
			a[f.key] = v
		}
	}
	return a
}

// modelOf copies the form's answers into a model; a skipped field gets
// its default for camp.
func (r *request) modelOf(c *store.Conversation, camp store.Campaign) store.Model {
	var m store.Model
	for _, f := range registerFields {
		v := c.Answers[f.key]
		f.set(&m, v)
		if v == "" && f.fill != nil {
			f.fill(r, camp, &m)
		}
	}
	return m
}

// periodAnswer is the period as the form keeps it: "from/to".
func periodAnswer(m store.Model) string {
	if m.From == "" {
		return ""
	}
	return m.From + "/" + m.To
}

func setPeriod(m *store.Model, v string) { m.From, m.To, _ = strings.Cut(v, "/") }

func showPeriod(_ *request, _ string, m store.Model) string {
	return showISO(m.From) + " – " + showISO(m.To)
}

// campaignPeriod is a skipped period: from today to the campaign's end.
func campaignPeriod(r *request, c store.Campaign, m *store.Model) {
	m.From, m.To = r.today().ISO(), c.EndDate
}

// checkPeriod refuses a period that ends after the campaign: a model is
// carried out within the campaign it is registered in.
func checkPeriod(r *request, c *store.Conversation, v string) string {
	camp, ok := r.formCampaign(c)
	_, to, _ := strings.Cut(v, "/")
	if ok && camp.EndDate != "" && to > camp.EndDate {
		return "form_err_period_after_end"
	}
	return ""
}
