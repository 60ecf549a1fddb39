package report

import (
	"bytes"
	"encoding/csv"
	"strings"
	"time"
)

// CSV renders the model list as UTF-8 with a BOM, so that Excel opens the
// Vietnamese correctly. Cells a spreadsheet would read as a formula get a
// leading apostrophe (see defuse).
func CSV(s Summary, t Text, loc *time.Location) ([]byte, error) {
	if err := s.filed(); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	buf.WriteString("\ufeff")
	w := csv.NewWriter(&buf)
	cols, names := columnsOf(s), s.communeNames()
	rows := [][]string{headers(cols, t)}
	for i, r := range s.Rows {
		rows = append(rows, csvRow(cols, ctx{n: i + 1, t: t, loc: loc, communes: names, tickable: tickable(s.Campaign, t)}, r))
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

// csvRow is a model's cells, by the table of columns.
func csvRow(cols []column, c ctx, r Row) []string {
	row := make([]string, len(cols))
	for i, col := range cols {
		row[i] = csvCell(col.value(r, c))
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
