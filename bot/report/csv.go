package report

import (
	"bytes"
	"encoding/csv"
	"strconv"
	"strings"
	"time"
)

// CSV renders the model list as UTF-8 with a BOM, so that Excel opens the
// Vietnamese correctly. Cells a spreadsheet would read as a formula get a
// leading apostrophe (see defuse).
func CSV(s Summary, t Text, loc *time.Location) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString("\ufeff")
	w := csv.NewWriter(&buf)
	heads := make([]string, len(modelColumns))
	for i, id := range modelColumns {
		heads[i] = t(id)
	}
	rows := [][]string{heads}
	for i, r := range s.Rows {
		rows = append(rows, csvRow(i+1, r, t, loc))
	}
	for _, row := range rows {
		for j := range row {
			row[j] = defuse(row[j])
		}
		if err := w.Write(row); err != nil {
			return nil, err
		}
	}
	w.Flush()
	return buf.Bytes(), w.Error()
}

func csvRow(n int, r Row, t Text, loc *time.Location) []string {
	m, g := r.Reg.Model, r.Reg
	status := t("status_" + g.Status)
	if g.Late {
		status += ", " + t("status_late")
	}
	row := []string{strconv.Itoa(n), r.Unit.Name, m.Name, t("model_kind_" + m.Kind), m.Subject, t("model_field_" + m.Field),
		m.Address, m.Content, m.Targets, period(m), g.SubmittedAt.In(loc).Format("02/01/2006"), status, "", "", "", "", "", ""}
	if res := g.Results; res != nil {
		row[12], row[13], row[14], row[15] = res.Achieved, strconv.FormatInt(res.People, 10), strconv.FormatInt(res.Money, 10), criteria(res.Criteria)
	}
	if e := g.Evaluation; e != nil {
		row[16], row[17] = t("outcome_"+e.Outcome), e.Comment
	}
	return row
}

// defuse keeps a cell from being read as a formula: one that starts with
// = or @ (or a tab or CR, which some spreadsheets skip), or with + or -
// followed by something a formula needs to do harm (a call, a link to
// another program or sheet, a string). A list written "- Tuyên truyền…"
// or a number like -5 stays as it was typed.
func defuse(v string) string {
	if v == "" {
		return v
	}
	switch v[0] {
	case '=', '@', '\t', '\r':
		return "'" + v
	case '+', '-':
		if strings.ContainsAny(v[1:], formulaChars) {
			return "'" + v
		}
	}
	return v
}

// formulaChars are what a formula after a leading + or - needs to call a
// function, reach another program (DDE: cmd|' /C calc'!A0) or build text.
const formulaChars = "(!|=\"@&^$"
