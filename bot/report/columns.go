package report

import (
	"github.com/dvkbot/dvkbot/bot/campaign"
	"strconv"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/dvkbot/dvkbot/store"
)

// cellKind is how a column's values are written to Excel.
type cellKind int

const (
	cellText   cellKind = iota // a string cell, never a formula
	cellNumber                 // a whole number
	cellMoney                  // a whole number in đồng, formatted as money
	cellDate                   // a day, formatted dd/mm/yyyy
)

// ctx is what a column's value may need besides the row.
type ctx struct {
	n        int // the row's number in the list, from 1
	t        Text
	loc      *time.Location
	communes map[uint64]string // the communes' names by id, in a province's list
	tickable int               // the criteria a unit could tick (campaign.Criteria)
}

// column is one column of the model list, in the workbook and the CSV.
// A value of nil leaves the cell empty (the workbook writes no cell).
type column struct {
	header string   // locale message id of the header
	width  float64  // Excel column width
	kind   cellKind // how Excel shows it
	value  func(r Row, c ctx) any
}

// modelColumns are the model list's columns, in order: the workbook's
// "Danh sách mô hình" sheet and the CSV both loop over them. Every stored
// field of a registration is here. When a bot serves many communes, the
// commune's column goes after the number.
var modelColumns = []column{
	{"xl_stt", 4, cellNumber, func(_ Row, c ctx) any { return int64(c.n) }},
	{"xl_number", 10, cellText, func(r Row, _ ctx) any { return r.Reg.Number }},
	{"xl_unit", 12, cellText, func(r Row, _ ctx) any { return r.Unit.Name }},
	{"xl_name", 16, cellText, model(func(m store.Model, _ ctx) string { return m.Name })},
	{"xl_kind", 8, cellText, model(func(m store.Model, c ctx) string { return c.t("model_kind_" + m.Kind) })},
	{"xl_novelty", 8, cellText, model(func(m store.Model, c ctx) string { return label(c.t, "model_novelty_", m.Novelty) })},
	{"xl_subject", 12, cellText, model(func(m store.Model, _ ctx) string { return m.Subject })},
	{"xl_field", 10, cellText, model(func(m store.Model, c ctx) string { return fieldLabel(m.Field, c.t) })},
	{"xl_address", 10, cellText, model(func(m store.Model, _ ctx) string { return m.Address })},
	{"xl_content", 20, cellText, model(func(m store.Model, _ ctx) string { return m.Content })},
	{"xl_targets", 14, cellText, model(func(m store.Model, _ ctx) string { return m.Targets })},
	{"xl_period", 11, cellText, model(func(m store.Model, _ ctx) string { return period(m) })},
	{"xl_registered", 11, cellDate, func(r Row, c ctx) any { return r.Reg.SubmittedAt.In(c.loc) }},
	{"xl_timely", 8, cellText, func(r Row, c ctx) any { return timely(r.Reg.Late, c.t) }},
	{"xl_status", 8, cellText, func(r Row, c ctx) any { return upperFirst(c.t("status_" + r.Reg.Status)) }},
	{"xl_achieved", 20, cellText, results(func(res *store.Results, _ ctx) any { return res.Achieved })},
	{"xl_against", 8, cellText, results(func(res *store.Results, c ctx) any { return label(c.t, "result_against_", res.Against) })},
	{"xl_people", 7, cellNumber, results(func(res *store.Results, _ ctx) any { return res.People })},
	{"xl_households", 7, cellNumber, results(func(res *store.Results, _ ctx) any { return res.Households })},
	{"xl_money", 12, cellMoney, results(func(res *store.Results, _ ctx) any { return res.Money })},
	{"xl_measures", 12, cellText, results(func(res *store.Results, _ ctx) any { return res.Measures })},
	{"xl_criteria", 8, cellText, results(func(res *store.Results, x ctx) any { return criteria(res.Criteria, x.tickable) })},
	{"xl_outcome", 9, cellText, evaluation(func(e *store.Evaluation, c ctx) string { return c.t("outcome_" + e.Outcome) })},
	{"xl_level", 8, cellText, evaluation(func(e *store.Evaluation, c ctx) string { return label(c.t, "level_", e.RecognisedAt()) })},
	{"xl_propose", 8, cellText, evaluation(func(e *store.Evaluation, c ctx) string { return yes(e.ProposeHigher, c.t) })},
	{"xl_comment", 12, cellText, evaluation(func(e *store.Evaluation, _ ctx) string { return e.Comment })},
	{"xl_lessons", 12, cellText, results(func(res *store.Results, _ ctx) any { return res.Lessons })},
	{"xl_proposals", 12, cellText, results(func(res *store.Results, _ ctx) any { return res.Proposals })},
	{"xl_results_date", 11, cellDate, results(func(res *store.Results, c ctx) any { return res.SubmittedAt.In(c.loc) })},
	{"xl_results_timely", 8, cellText, results(func(res *store.Results, c ctx) any { return timely(res.Late, c.t) })},
	{"xl_evidence", 7, cellNumber, results(func(res *store.Results, _ ctx) any { return int64(len(res.Evidence)) })},
}

// communeColumn is the model's commune ("Xã, phường"): in a province's
// list it goes after the number, so that rows of many communes can be
// told apart and sorted.
var communeColumn = column{"xl_commune", 12, cellText, func(r Row, c ctx) any { return c.communes[r.Unit.Commune] }}

// columnsOf are the model list's columns for s: modelColumns, with the
// commune's after the number when s spans communes (Summary.Communes).
func columnsOf(s Summary) []column {
	if len(s.Communes) == 0 {
		return modelColumns
	}
	out := make([]column, 0, len(modelColumns)+1)
	out = append(out, modelColumns[:2]...)
	out = append(out, communeColumn)
	return append(out, modelColumns[2:]...)
}

// label is a stored choice in words; empty on records from before the
// choice was asked.
func label(t Text, prefix, value string) string {
	if value == "" {
		return ""
	}
	return t(prefix + value)
}

// upperFirst is a label as a cell starts it, with a capital: the chat's
// "đã tiếp nhận" is "Đã tiếp nhận" in a list.
func upperFirst(s string) string {
	for i, r := range s {
		return string(unicode.ToUpper(r)) + s[i+utf8.RuneLen(r):]
	}
	return s
}

// yes is "Có" for a flag that is set, else empty.
func yes(flag bool, t Text) string {
	if flag {
		return t("xl_yes")
	}
	return ""
}

// timely is "Đúng hạn" or "Muộn".
func timely(late bool, t Text) string {
	if late {
		return t("xl_late")
	}
	return t("xl_on_time")
}

// fieldLabel is a model's field in words; "khac" is "Khác".
func fieldLabel(f string, t Text) string {
	if fieldOf(f) == store.FieldOther {
		return t("xl_field_other")
	}
	return t("model_field_" + f)
}

// model reads a column from the registered model.
func model(f func(m store.Model, c ctx) string) func(Row, ctx) any {
	return func(r Row, c ctx) any { return f(r.Reg.Model, c) }
}

// results reads a column from the results, empty while there are none.
func results(f func(res *store.Results, c ctx) any) func(Row, ctx) any {
	return func(r Row, c ctx) any {
		if r.Reg.Results == nil {
			return nil
		}
		return f(r.Reg.Results, c)
	}
}

// evaluation reads a column from the evaluation, empty while there is none.
func evaluation(f func(e *store.Evaluation, c ctx) string) func(Row, ctx) any {
	return func(r Row, c ctx) any {
		if r.Reg.Evaluation == nil {
			return nil
		}
		return f(r.Reg.Evaluation, c)
	}
}

// headers are the columns' headers in the workbook's words.
func headers(cols []column, t Text) []string {
	out := make([]string, len(cols))
	for i, col := range cols {
		out[i] = t(col.header)
	}
	return out
}

// widths are the columns' Excel widths.
func widths(cols []column) []float64 {
	out := make([]float64, len(cols))
	for i, col := range cols {
		out[i] = col.width
	}
	return out
}

// csvCell is a value as the CSV writes it (before defuse).
func csvCell(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case int64:
		return strconv.FormatInt(v, 10)
	case time.Time:
		return v.Format("02/01/2006")
	}
	return ""
}

// tickable is how many criteria a unit of c could tick: the campaign's own
// list, or the default criteria in t's language.
func tickable(c store.Campaign, t Text) int {
	return len(campaign.Criteria(c, t("default_criteria")))
}
