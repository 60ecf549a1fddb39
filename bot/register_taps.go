package bot

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dvkbot/dvkbot/bot/form"
	"github.com/dvkbot/dvkbot/locales"
	"github.com/dvkbot/dvkbot/store"
)

// Fewer taps for a registration: what the bot knows is offered with one
// press rather than typed (the unit as "chủ thể", its area, the common
// periods), and a registration already written out may be sent whole in
// one message of labelled lines (form.Form.Labels).

// sheetHeaders are the registration sheet's (and the workbook's) short
// names of the fields, where they differ from the review's: a sheet
// copied from the printed "Phiếu đăng ký" is read too.
var sheetHeaders = map[string][]string{
	"name": {"xl_name"}, "kind": {"xl_kind"}, "novelty": {"xl_novelty"}, "subject": {"xl_subject"},
	"field": {"xl_field"}, "address": {"xl_address"}, "content": {"xl_content"}, "targets": {"xl_targets"}, "period": {"xl_period"},
}

// registerAliases are other words a secretary writes before a field.
var registerAliases = map[string][]string{
	"name":    {"Tên", "Mô hình"},
	"kind":    {"Tập thể hay cá nhân", "Loại mô hình"},
	"novelty": {"Mới hay duy trì", "Mô hình mới hay duy trì"},
	"subject": {"Chủ thể thực hiện", "Người thực hiện", "Ai thực hiện"},
	"address": {"Địa bàn", "Địa chỉ", "Địa bàn thực hiện"},
	"content": {"Nội dung, cách làm", "Cách làm", "Nội dung và cách làm"},
	"targets": {"Chỉ tiêu", "Mục tiêu", "Chỉ tiêu, mục tiêu", "Mục tiêu đăng ký"},
	"period":  {"Thời gian", "Thời gian thực hiện"},
}

// registerLabels are the labels a registration sent whole may use, in
// every language: the review's, the sheet's and the aliases, folded.
func (r *request) registerLabels() map[string]string {
	out := map[string]string{}
	add := func(label, key string) {
		if f := form.Folded(label); f != "" {
			out[f] = key
		}
	}
	for _, f := range registerFields {
		for _, lang := range r.cat.Languages() {
			add(r.cat.Text(lang, f.Label, nil), f.Key)
			for _, id := range sheetHeaders[f.Key] {
				add(r.cat.Text(lang, id, nil), f.Key)
			}
		}
		for _, a := range registerAliases[f.Key] {
			add(a, f.Key)
		}
	}
	for _, id := range sheetOnly { // known, and passed over: the form's record decides them
		for _, lang := range r.cat.Languages() {
			add(r.cat.Text(lang, id, nil), "")
		}
	}
	return out
}

// sheetOnly are the sheet's rows that are not the model's: its unit,
// number, timeliness. A pasted sheet's are passed over, so that no line
// files a model for another unit or under another number.
var sheetOnly = []string{"xl_unit", "xl_number", "xl_timely", "xl_registered", "xl_status", "xl_stt"}

// subjectOptions offer the unit itself as who carries out a collective
// model.
func subjectOptions(r *request, c *store.Conversation) []form.Option {
	t, err := r.targetOf(c.Subject)
	if err != nil || c.Answers["kind"] == store.KindIndividual {
		return nil
	}
	return []form.Option{{Value: t.unit.Name, Label: "👥 " + t.unit.Name}}
}

// addressOptions offer the unit's area: "Thôn Đông" for "Chi bộ thôn
// Đông", else the unit's name.
func addressOptions(r *request, c *store.Conversation) []form.Option {
	t, err := r.targetOf(c.Subject)
	if err != nil {
		return nil
	}
	area := unitArea(t.unit.Name)
	return []form.Option{{Value: area, Label: "📍 " + area}}
}

// unitArea is the place a unit's name names after "Chi bộ" ("Chi bộ
// thôn Đông": "Thôn Đông"), or the name itself.
func unitArea(name string) string {
	const cell = "chi bo "
	if !strings.HasPrefix(store.Fold(name), cell) {
		return name
	}
	rest := strings.TrimSpace(string([]rune(name)[len([]rune(cell)):]))
	if rest == "" {
		return name
	}
	first, n := utf8.DecodeRuneInString(rest)
	return string(unicode.ToUpper(first)) + rest[n:]
}

// periodOptions are the common periods, one press each: the whole
// movement, and until the results are due (while that is ahead); both
// from today, as a skipped period is.
func periodOptions(r *request, c *store.Conversation) []form.Option {
	camp, ok := r.formCampaign(c)
	if !ok || camp.EndDate == "" {
		return nil
	}
	today := r.today().ISO()
	var out []form.Option
	if camp.EndDate >= today {
		out = append(out, form.Option{Value: today + "/" + camp.EndDate,
			Label: r.cat.Text(r.lang, "btn_period_movement", locales.Args{"To": showISO(camp.EndDate)})})
	}
	if d := camp.ResultsDeadline; d != "" && d >= today && d < camp.EndDate {
		out = append(out, form.Option{Value: today + "/" + d,
			Label: r.cat.Text(r.lang, "btn_period_results", locales.Args{"To": showISO(d)})})
	}
	return out
}

// hasLabelledLine reports whether text (what follows /register) holds a
// registration written out.
func (r *request) hasLabelledLine(text string) bool { return form.Labelled(text, r.registerLabels()) }
