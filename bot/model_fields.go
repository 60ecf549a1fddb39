package bot

import (
	"strings"

	"github.com/dvkbot/dvkbot/bot/form"
	"github.com/dvkbot/dvkbot/store"
)

// modelField is one field of a registration, defined once: the form's
// step bound to its field of store.Model (form.Field), and how the
// summary shows it. The form's steps, the prefill of a change, the copy
// into the record on submit and modelSummary all come from
// registerFields.
type modelField struct {
	form.Field[*request, store.Model]
	show func(r *request, lang string, m store.Model) string // on the summary, unescaped
	fill func(r *request, c store.Campaign, m *store.Model)  // when an optional step is skipped
}

// registerFields are the model registration's fields (seed 001, section
// II), in the form's order. Adding one: the field in store.Model, a line
// here, its ids in the locales, and a column in bot/report if exported.
var registerFields = []modelField{
	modelText(stepDef{Key: "name", Label: "field_model_name", Prompt: "ask_model_name", Kind: form.Text, Max: 200}, func(m *store.Model) *string { return &m.Name }),
	modelChoice(stepDef{Key: "kind", Label: "field_model_kind", Prompt: "ask_model_kind"}, "model_kind_", store.ModelKinds, func(m *store.Model) *string { return &m.Kind }),
	optionalShow(modelChoice(stepDef{Key: "novelty", Label: "field_model_novelty", Prompt: "ask_model_novelty"}, "model_novelty_", store.ModelNovelties, func(m *store.Model) *string { return &m.Novelty })),
	modelText(stepDef{Key: "subject", Label: "field_model_subject", Prompt: "ask_model_subject", Kind: form.Text, Max: 200, Options: subjectOptions}, func(m *store.Model) *string { return &m.Subject }),
	modelChoice(stepDef{Key: "field", Label: "field_model_field", Prompt: "ask_model_field"}, "model_field_", store.ModelFields, func(m *store.Model) *string { return &m.Field }),
	modelText(stepDef{Key: "address", Label: "field_model_address", Prompt: "ask_model_address", Kind: form.Text, Max: 200, Options: addressOptions}, func(m *store.Model) *string { return &m.Address }),
	modelText(stepDef{Key: "content", Label: "field_model_content", Prompt: "ask_model_content", Kind: form.LongText}, func(m *store.Model) *string { return &m.Content }),
	modelText(stepDef{Key: "targets", Label: "field_model_targets", Prompt: "ask_model_targets", Kind: form.LongText}, func(m *store.Model) *string { return &m.Targets }),
	{Field: form.Field[*request, store.Model]{Step: stepDef{Key: "period", Label: "field_model_period", Prompt: "ask_model_period", Kind: form.Range, Optional: true, Skipped: "default_period", Check: checkPeriod, Options: periodOptions},
		Get: periodAnswer, Set: setPeriod}, show: showPeriod, fill: campaignPeriod},
}

// modelText is a field kept as typed in one string of the record.
func modelText(s stepDef, at func(m *store.Model) *string) modelField {
	return modelField{Field: form.String(s, at),
		show: func(_ *request, _ string, m store.Model) string { return *at(&m) }}
}

// optionalShow shows a field older records lack as "(chưa có)".
func optionalShow(f modelField) modelField {
	show := f.show
	f.show = func(r *request, lang string, m store.Model) string {
		if f.Get(&m) == "" {
			return r.cat.Text(lang, "form_empty_value", nil)
		}
		return show(r, lang, m)
	}
	return f
}

// modelChoice is one of values, by button, labelled by prefix+value.
func modelChoice(s stepDef, prefix string, values []string, at func(m *store.Model) *string) modelField {
	s.Kind, s.Options = form.Choice, labelled(prefix, values)
	f := modelText(s, at)
	f.show = func(r *request, lang string, m store.Model) string { return r.cat.Text(lang, prefix+*at(&m), nil) }
	return f
}

// modelFields are the registration's bindings, for form.Steps,
// form.Answers and form.Fill.
func modelFields() []form.Field[*request, store.Model] {
	out := make([]form.Field[*request, store.Model], len(registerFields))
	for i, f := range registerFields {
		out[i] = f.Field
	}
	return out
}

// modelAnswers prefill the form to change m; an optional field left
// empty is left out, as if skipped.
func modelAnswers(m store.Model) map[string]string { return form.Answers(modelFields(), &m) }

// modelOf copies the form's answers into a model; a skipped field gets
// its default for camp.
func (r *request) modelOf(c *store.Conversation, camp store.Campaign) store.Model {
	var m store.Model
	form.Fill(modelFields(), c.Answers, &m)
	for _, f := range registerFields {
		if c.Answers[f.Key] == "" && f.fill != nil {
			f.fill(r, camp, &m)
		}
	}
	return m
}

// periodAnswer is the period as the form keeps it: "from/to".
func periodAnswer(m *store.Model) string {
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
