package report

import (
	"strconv"
	"time"

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
	n   int // the row's number in the list, from 1
	t   Text
	loc *time.Location
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
// "Danh sách mô hình" sheet and the CSV both loop over them.
var modelColumns = []column{
	{"xl_stt", 6, cellNumber, func(_ Row, c ctx) any { return int64(c.n) }},
	{"xl_unit", 24, cellText, func(r Row, _ ctx) any { return r.Unit.Name }},
	{"xl_name", 30, cellText, model(func(m store.Model, _ ctx) string { return m.Name })},
	{"xl_kind", 11, cellText, model(func(m store.Model, c ctx) string { return c.t("model_kind_" + m.Kind) })},
	{"xl_subject", 22, cellText, model(func(m store.Model, _ ctx) string { return m.Subject })},
	{"xl_field", 18, cellText, model(func(m store.Model, c ctx) string { return c.t("model_field_" + m.Field) })},
	{"xl_address", 20, cellText, model(func(m store.Model, _ ctx) string { return m.Address })},
	{"xl_content", 40, cellText, model(func(m store.Model, _ ctx) string { return m.Content })},
	{"xl_targets", 34, cellText, model(func(m store.Model, _ ctx) string { return m.Targets })},
	{"xl_period", 22, cellText, model(func(m store.Model, _ ctx) string { return period(m) })},
	{"xl_registered", 13, cellDate, func(r Row, c ctx) any { return r.Reg.SubmittedAt.In(c.loc) }},
	{"xl_status", 14, cellText, func(r Row, c ctx) any { return status(r.Reg, c.t) }},
	{"xl_achieved", 40, cellText, results(func(res *store.Results) any { return res.Achieved })},
	{"xl_people", 11, cellNumber, results(func(res *store.Results) any { return res.People })},
	{"xl_money", 16, cellMoney, results(func(res *store.Results) any { return res.Money })},
	{"xl_criteria", 18, cellText, results(func(res *store.Results) any { return criteria(res.Criteria) })},
	{"xl_outcome", 16, cellText, evaluation(func(e *store.Evaluation, c ctx) string { return c.t("outcome_" + e.Outcome) })},
	{"xl_comment", 30, cellText, evaluation(func(e *store.Evaluation, _ ctx) string { return e.Comment })},
}

// model reads a column from the registered model.
func model(f func(m store.Model, c ctx) string) func(Row, ctx) any {
	return func(r Row, c ctx) any { return f(r.Reg.Model, c) }
}

// results reads a column from the results, empty while there are none.
func results(f func(res *store.Results) any) func(Row, ctx) any {
	return func(r Row, _ ctx) any {
		if r.Reg.Results == nil {
			return nil
		}
		return f(r.Reg.Results)
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

// status is a registration's status, with ", trễ hạn" when late.
func status(g *store.Registration, t Text) string {
	s := t("status_" + g.Status)
	if g.Late {
		s += ", " + t("status_late")
	}
	return s
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
