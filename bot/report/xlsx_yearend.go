package report

// The year-end sheet has eleven columns: STT, unit, three of models
// registered, three of results, three outcomes. Its header block's left
// half is columns 1-4, its right half 5-11.
const yearCols = 11

var yearSpan = span{4, 5, yearCols}

// yearEnd is "Tổng kết năm": the Party header block, the title with the
// campaign's year, the table per unit of the year's campaigns (models on
// time or late, results on time, late or missing, the outcomes) with a
// total row, and the signatures: a paper of its own, for the annual
// rating of units.
func (w *book) yearEnd(s Summary) {
	name := w.t("xl_sheet_year_end")
	_, err := w.f.NewSheet(name)
	w.keep(err)
	for col, width := range []float64{5, 28, 8, 8, 8, 8, 8, 8, 9, 9, 8} {
		c := cell(col+1, 1)[:1]
		w.keep(w.f.SetColWidth(name, c, c, width))
	}
	row := w.headerIn(name, 1, yearSpan)
	w.merged(name, 1, yearCols, row+1, w.t("xl_year_title")+" "+s.Campaign.Year(), "title")
	w.keep(w.f.SetRowHeight(name, row+1, 36))
	w.merged(name, 1, yearCols, row+2, w.t("xl_year_subtitle"), "subtitle")
	top := row + 4
	w.yearHead(name, top)
	r := top + 2
	var sum YearRow
	for i, y := range s.Year {
		w.number(name, 1, r, float64(i+1), "tdNum")
		w.text(name, 2, r, y.Unit.Name, "td")
		w.yearCounts(name, r, y, "tdNum")
		w.fitRow(name, r, []string{"", y.Unit.Name}, []float64{5, 28}, 1)
		sum = sum.plus(y)
		r++
	}
	w.text(name, 1, r, "", "total")
	w.text(name, 2, r, w.t("xl_total"), "total")
	w.yearCounts(name, r, sum, "totalNum")
	w.signaturesIn(name, r+2, yearSpan)
	w.pageSetup(name, "portrait", 0)
}

// yearHead is the table's two header rows, with the merged groups.
func (w *book) yearHead(sheet string, top int) {
	for _, h := range []struct {
		c1, r1, c2, r2 int
		id             string
	}{
		{1, top, 1, top + 1, "xl_stt"}, {2, top, 2, top + 1, "xl_unit"}, {3, top, 5, top, "xl_registered_models"},
		{6, top, 8, top, "xl_results_reported"}, {9, top, 11, top, "xl_evaluated"},
		{3, top + 1, 3, top + 1, "xl_sum"}, {4, top + 1, 4, top + 1, "xl_on_time"}, {5, top + 1, 5, top + 1, "xl_late"},
		{6, top + 1, 6, top + 1, "xl_on_time"}, {7, top + 1, 7, top + 1, "xl_late"}, {8, top + 1, 8, top + 1, "xl_year_missing"},
		{9, top + 1, 9, top + 1, "xl_recognised"}, {10, top + 1, 10, top + 1, "xl_exemplary"}, {11, top + 1, 11, top + 1, "xl_not_met"},
	} {
		w.text(sheet, h.c1, h.r1, w.t(h.id), "th")
		if h.c2 != h.c1 || h.r2 != h.r1 {
			w.keep(w.f.MergeCell(sheet, cell(h.c1, h.r1), cell(h.c2, h.r2)))
		}
	}
	w.keep(w.f.SetCellStyle(sheet, cell(1, top), cell(yearCols, top+1), w.st["th"]))
	w.keep(w.f.SetRowHeight(sheet, top, 32))
	w.keep(w.f.SetRowHeight(sheet, top+1, 45))
}

// yearCounts writes a row's nine counts from column 3.
func (w *book) yearCounts(sheet string, row int, y YearRow, style string) {
	for i, v := range []int{y.Models, y.RegOnTime, y.RegLate, y.ResOnTime, y.ResLate, y.ResMissing, y.Recognised, y.Exemplary, y.NotMet} {
		w.number(sheet, 3+i, row, float64(v), style)
	}
}

// plus is the sum of two rows' counts, for the total row.
func (y YearRow) plus(o YearRow) YearRow {
	y.Models, y.RegOnTime, y.RegLate = y.Models+o.Models, y.RegOnTime+o.RegOnTime, y.RegLate+o.RegLate
	y.ResOnTime, y.ResLate, y.ResMissing = y.ResOnTime+o.ResOnTime, y.ResLate+o.ResLate, y.ResMissing+o.ResMissing
	y.Recognised, y.Exemplary, y.NotMet = y.Recognised+o.Recognised, y.Exemplary+o.Exemplary, y.NotMet+o.NotMet
	y.MissingModels += o.MissingModels
	return y
}
