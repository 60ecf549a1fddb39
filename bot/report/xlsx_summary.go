package report

import (
	"math"
	"strconv"
	"strings"
)

// The summary sheet has nine columns: STT, field, three of registered
// models, results, three outcomes. The header block's left half is
// columns 1-4, its right half 5-9.
const (
	sumCols  = 9
	leftEnd  = 4
	rightBeg = 5
)

// summary is "Biểu tổng hợp": the Party header block, the title, the
// participation line, the table by field, the totals of what was
// mobilised, and the signatures. It is the sheet that is printed.
func (w *book) summary(s Summary) {
	name := w.t("xl_sheet_summary")
	_, err := w.f.NewSheet(name)
	w.keep(err)
	for col, width := range []float64{5, 30, 9, 9, 9, 11, 10, 10, 9} {
		c := cell(col+1, 1)[:1]
		w.keep(w.f.SetColWidth(name, c, c, width))
	}
	row := w.header(name, 1)
	row = w.titleBlock(name, row+1, s)
	row = w.participation(name, row+1, s)
	row = w.fieldTable(name, row+1, s)
	row = w.upward(name, row+1, s)
	row = w.totals(name, row+1, s)
	w.signatures(name, row+1)
	w.pageSetup(name, "portrait", 0)
}

// span is how a printed sheet's width is shared: the header block's left
// half ends at column leftEnd, its right half runs from rightBeg to last,
// the sheet's last column.
type span struct{ leftEnd, rightBeg, last int }

// summarySpan is the summary sheet's.
var summarySpan = span{leftEnd, rightBeg, sumCols}

// header writes the summary's Party header block from row top.
func (w *book) header(sheet string, top int) int { return w.headerIn(sheet, top, summarySpan) }

// titleBlock writes the title in capitals, the campaign's name and the
// annex line.
func (w *book) titleBlock(sheet string, row int, s Summary) int {
	return w.titleIn(sheet, row, summarySpan, w.t("xl_title")+" "+s.Campaign.Year(), "("+s.Campaign.Name+")")
}

// participation is one line on the units: how many take part, registered
// on time, late or not at all, and how the results stand.
func (w *book) participation(sheet string, row int, s Summary) int {
	n := strconv.Itoa
	parts := []string{
		w.t("xl_units_total") + ": " + n(len(s.Units)), w.t("xl_reg_on_time") + ": " + n(s.RegOnTime),
		w.t("xl_reg_late") + ": " + n(s.RegLate), w.t("xl_reg_none") + ": " + n(s.RegNone),
	}
	res := []string{w.t("xl_res_on_time") + ": " + n(s.ResOnTime), w.t("xl_res_late") + ": " + n(s.ResLate),
		w.t("xl_res_missing") + ": " + n(s.ResMissing)}
	w.merged(sheet, 1, sumCols, row, w.t("xl_part_units"), "heading")
	for i, line := range []string{"- " + strings.Join(parts, "; ") + ".", "- " + strings.Join(res, "; ") + "."} {
		w.merged(sheet, 1, sumCols, row+1+i, line, "lineWrap")
		w.keep(w.f.SetRowHeight(sheet, row+1+i, w.textHeight(sheet, line, 1, sumCols)))
	}
	return row + 3
}

// upward is what the level above acts on (upwardLines), a line each
// under its heading, as the participation is written.
func (w *book) upward(sheet string, row int, s Summary) int {
	w.merged(sheet, 1, sumCols, row, w.t("xl_part_upward"), "heading")
	lines := upwardLines(s, w.t, upwardName, "xl_propose_see_list")
	for i, line := range lines {
		line = "- " + line
		w.merged(sheet, 1, sumCols, row+1+i, line, "lineWrap")
		w.keep(w.f.SetRowHeight(sheet, row+1+i, w.textHeight(sheet, line, 1, sumCols)))
	}
	return row + 1 + len(lines)
}

// fieldTable is the bordered table of models by field: registered by
// kind, results reported, and the outcomes, with a total row.
func (w *book) fieldTable(sheet string, row int, s Summary) int {
	w.merged(sheet, 1, sumCols, row, w.t("xl_part_fields"), "heading")
	top := row + 1
	w.tableHead(sheet, top)
	r := top + 2
	w.table.first = r
	for i, f := range s.TableFields() {
		l := FieldLine{}
		if s.Table[f] != nil {
			l = *s.Table[f]
		}
		w.number(sheet, 1, r, float64(i+1), "tdNum")
		w.text(sheet, 2, r, fieldLabel(f, w.t), "td")
		w.fieldCounts(sheet, r, l, "tdNum")
		r++
	}
	w.table.last = r - 1
	w.text(sheet, 1, r, "", "total")
	w.text(sheet, 2, r, w.t("xl_total"), "total")
	w.fieldCounts(sheet, r, s.Total(), "totalNum")
	return r + 1
}

// tableHead is the table's two header rows, with the merged groups.
func (w *book) tableHead(sheet string, top int) {
	for _, h := range []struct {
		c1, r1, c2, r2 int
		id             string
	}{
		{1, top, 1, top + 1, "xl_stt"}, {2, top, 2, top + 1, "xl_field"}, {3, top, 5, top, "xl_registered_models"},
		{6, top, 6, top + 1, "xl_results_reported"}, {7, top, 9, top, "xl_evaluated"},
		{3, top + 1, 3, top + 1, "xl_collective"}, {4, top + 1, 4, top + 1, "xl_individual"}, {5, top + 1, 5, top + 1, "xl_sum"},
		{7, top + 1, 7, top + 1, "xl_recognised"}, {8, top + 1, 8, top + 1, "xl_exemplary"}, {9, top + 1, 9, top + 1, "xl_not_met"},
	} {
		w.text(sheet, h.c1, h.r1, w.t(h.id), "th")
		if h.c2 != h.c1 || h.r2 != h.r1 {
			w.keep(w.f.MergeCell(sheet, cell(h.c1, h.r1), cell(h.c2, h.r2)))
		}
	}
	w.keep(w.f.SetCellStyle(sheet, cell(1, top), cell(sumCols, top+1), w.st["th"]))
	w.keep(w.f.SetRowHeight(sheet, top, 32))
	w.keep(w.f.SetRowHeight(sheet, top+1, 32))
}

// fieldCounts writes a row's seven counts from column 3.
func (w *book) fieldCounts(sheet string, row int, l FieldLine, style string) {
	for i, v := range []int{l.Collective, l.Individual, l.Registered(), l.Results, l.Recognised, l.Exemplary, l.NotMet} {
		w.number(sheet, 3+i, row, float64(v), style)
	}
}

// totals is the bordered table of what the models mobilised: people,
// money, and every other measure units typed, summed by name and unit.
func (w *book) totals(sheet string, row int, s Summary) int {
	w.merged(sheet, 1, sumCols, row, w.t("xl_part_totals"), "heading")
	r := row + 1
	w.totalRow(sheet, r, "xl_stt", "xl_measure", "xl_measure_unit", "th")
	w.text(sheet, 8, r, w.t("xl_measure_total"), "th")
	w.merge(sheet, 8, 9, r, "th")
	lines := []Measure{{Name: w.t("xl_people_total"), Unit: w.t("xl_people_unit"), Total: float64(s.People)},
		{Name: w.t("xl_households_total"), Unit: w.t("xl_households_unit"), Total: float64(s.Households)}, // apart, never added (F13)
		{Name: w.t("xl_money_total"), Unit: w.t("xl_money_unit"), Total: float64(s.Money)}}
	const moneyLine = 2
	for i, m := range append(lines, s.Measures...) {
		r++
		w.number(sheet, 1, r, float64(i+1), "tdNum")
		w.totalRow(sheet, r, "", m.Name, unitOf(m.Name, m.Unit), "td")
		style := "tdNum"
		switch {
		case i == moneyLine:
			style = "tdMoney"
		case m.Total != math.Trunc(m.Total):
			style = "tdDec" // 1,5 ha; a whole number keeps no decimal comma
		}
		w.number(sheet, 8, r, m.Total, style)
		w.merge(sheet, 8, 9, r, style)
	}
	return r + 1
}

// totalRow writes the first three cells of a totals row: the number (a
// message id, or "" to leave it), the name over columns 2-5 and the unit
// over 6-7. In a header row the three are message ids.
func (w *book) totalRow(sheet string, r int, stt, name, unit, style string) {
	if style == "th" {
		stt, name, unit = w.t(stt), w.t(name), w.t(unit)
	}
	if stt != "" {
		w.text(sheet, 1, r, stt, style)
	}
	w.text(sheet, 2, r, name, style)
	w.merge(sheet, 2, 5, r, style)
	w.text(sheet, 6, r, unit, style)
	w.merge(sheet, 6, 7, r, style)
}

// merge merges columns from..to of a row and styles them all.
func (w *book) merge(sheet string, from, to, row int, style string) {
	w.keep(w.f.MergeCell(sheet, cell(from, row), cell(to, row)))
	w.keep(w.f.SetCellStyle(sheet, cell(from, row), cell(to, row), w.st[style]))
}

// signatures are the summary's signatures.
func (w *book) signatures(sheet string, row int) { w.signaturesIn(sheet, row, summarySpan) }
