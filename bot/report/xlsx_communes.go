package report

// The sheet by commune has eleven columns: STT, the commune, four of
// units (taking part, registered on time, late, not yet), three of models
// (registered, results reported, results owed) and two outcomes
// (recognised, exemplary). The header block's left half is columns 1-4,
// its right half 5-11.
var communeLayout = span{leftEnd: 4, rightBeg: 5, last: 11}

// communes is "Tổng hợp theo xã, phường", in a province's workbook only:
// the province's header block, the title with the annex line, a row a commune (those behind
// first, as in the roll-up), the total row and the signatures. Printed
// landscape, one page wide.
func (w *book) communes(s Summary) {
	if len(s.Communes) == 0 {
		return
	}
	name := w.t("xl_sheet_communes")
	_, err := w.f.NewSheet(name)
	w.keep(err)
	widths := []float64{5, 36, 9, 9, 9, 9, 9, 10, 10, 9, 10} // landscape; a commune's name on one line
	for col, width := range widths {
		c := cell(col+1, 1)
		c = c[:len(c)-1]
		w.keep(w.f.SetColWidth(name, c, c, width))
	}
	l := communeLayout
	row := w.headerIn(name, 1, l)
	row = w.titleIn(name, row+1, l, w.t("xl_communes_title")+" "+s.Campaign.Year(), "("+s.Campaign.Name+")")
	top := row + 1
	w.communeHead(name, top)
	r := top + 2
	var total CommuneLine
	for i, line := range s.ByCommune() {
		w.number(name, 1, r, float64(i+1), "tdNum")
		w.text(name, 2, r, line.Commune.Name, "td")
		w.keep(w.f.SetRowHeight(name, r, w.height("td", []string{line.Commune.Name}, widths[1:2]))) // a long name wraps
		w.communeCounts(name, r, line, "tdNum")
		total.add(line)
		r++
	}
	w.text(name, 1, r, "", "total")
	w.text(name, 2, r, w.t("xl_total"), "total")
	w.communeCounts(name, r, total, "totalNum")
	w.signaturesIn(name, r+2, l)
	w.pageSetup(name, "landscape", 0)
	w.repeatRows(name, top, top+1) // a province of many communes runs on
}

// communeHead is the table's two header rows, with the merged groups.
func (w *book) communeHead(sheet string, top int) {
	for _, h := range []struct {
		c1, r1, c2, r2 int
		id             string
	}{
		{1, top, 1, top + 1, "xl_stt"}, {2, top, 2, top + 1, "xl_commune"},
		{3, top, 6, top, "xl_communes_units"}, {7, top, 9, top, "xl_communes_models"}, {10, top, 11, top, "xl_evaluated"},
		{3, top + 1, 3, top + 1, "xl_communes_taking_part"}, {4, top + 1, 4, top + 1, "xl_reg_on_time"},
		{5, top + 1, 5, top + 1, "xl_reg_late"}, {6, top + 1, 6, top + 1, "xl_reg_none"},
		{7, top + 1, 7, top + 1, "xl_communes_registered"}, {8, top + 1, 8, top + 1, "xl_results_reported"},
		{9, top + 1, 9, top + 1, "xl_res_missing"},
		{10, top + 1, 10, top + 1, "xl_recognised"}, {11, top + 1, 11, top + 1, "xl_exemplary"},
	} {
		w.text(sheet, h.c1, h.r1, w.t(h.id), "th")
		if h.c2 != h.c1 || h.r2 != h.r1 {
			w.keep(w.f.MergeCell(sheet, cell(h.c1, h.r1), cell(h.c2, h.r2)))
		}
	}
	w.keep(w.f.SetCellStyle(sheet, cell(1, top), cell(communeLayout.last, top+1), w.st["th"]))
	w.keep(w.f.SetRowHeight(sheet, top, 24))
	w.keep(w.f.SetRowHeight(sheet, top+1, 48))
}

// communeCounts writes a row's nine counts from column 3.
func (w *book) communeCounts(sheet string, row int, l CommuneLine, style string) {
	for i, v := range []int{l.Units, l.RegOnTime, l.RegLate, l.RegNone, l.Models, l.Results, l.ResultsMissing, l.Recognised, l.Exemplary} {
		w.number(sheet, 3+i, row, float64(v), style)
	}
}
