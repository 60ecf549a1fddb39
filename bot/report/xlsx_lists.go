package report

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// frozenHeader keeps a list's header row in view.
var frozenHeader = excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}

// listSheet creates a landscape list sheet with a bordered, bold header
// row that is frozen and printed on every page.
func (w *book) listSheet(name string, headers []string, widths []float64) {
	_, err := w.f.NewSheet(name)
	w.keep(err)
	for i, h := range headers {
		w.text(name, i+1, 1, h, "th")
		col := cell(i+1, 1)
		col = strings.TrimRight(col, "0123456789")
		w.keep(w.f.SetColWidth(name, col, col, widths[min(i, len(widths)-1)]))
	}
	w.fitRow(name, 1, headers, widths, 1.25)
	w.keep(w.f.SetPanes(name, &frozenHeader))
	w.pageSetup(name, "landscape", 1)
}

// models is "Danh sách mô hình": every stored field of every model, a
// row each, by the column table. Each column is styled once, as a range:
// a style call per cell would be most of the time at 15,000 rows.
func (w *book) models(s Summary) {
	name := w.t("xl_sheet_models")
	cols, names := columnsOf(s), s.communeNames()
	ws := widths(cols)
	w.listSheet(name, headers(cols, w.t), ws)
	texts := make([]string, len(cols))
	for i, r := range s.Rows {
		c := ctx{n: i + 1, t: w.t, loc: w.loc, communes: names}
		for j, col := range cols {
			v := col.value(r, c)
			w.value(name, j+1, i+2, v)
			texts[j] = csvCell(v)
		}
		w.fitRow(name, i+2, texts, ws, 1)
	}
	if len(s.Rows) == 0 {
		return
	}
	for j, col := range cols {
		w.keep(w.f.SetCellStyle(name, cell(j+1, 2), cell(j+1, len(s.Rows)+1), w.st[kindStyle[col.kind]]))
	}
}

// kindStyle is the bordered style of a column's kind.
var kindStyle = map[cellKind]string{cellText: "td", cellNumber: "tdNum", cellMoney: "tdMoney", cellDate: "tdDate"}

// value writes one value, unstyled; nil writes nothing.
func (w *book) value(sheet string, col, row int, v any) {
	switch v := v.(type) {
	case string:
		w.keep(w.f.SetCellStr(sheet, cell(col, row), v))
	case int64:
		w.keep(w.f.SetCellInt(sheet, cell(col, row), v))
	case time.Time:
		w.keep(w.f.SetCellValue(sheet, cell(col, row), time.Date(v.Year(), v.Month(), v.Day(), 0, 0, 0, 0, time.UTC)))
	}
}

// fitRow sets a row's height to hold its wrapped texts: spreadsheets do
// not grow a row for wrapped text on their own when printing, so a long
// cell would be cut off. A column of width n holds about n characters a
// line (bold text: fewer, by the factor wide).
func (w *book) fitRow(sheet string, row int, texts []string, widths []float64, wide float64) {
	lines := 1
	for i, t := range texts {
		per := max(int(widths[min(i, len(widths)-1)]/wide), 1)
		n := 0
		for _, para := range strings.Split(t, "\n") {
			n += max((utf8.RuneCountInString(para)+per-1)/per, 1)
		}
		lines = max(lines, n)
	}
	w.keep(w.f.SetRowHeight(sheet, row, min(float64(lines)*15+3, 409)))
}

// debt is one thing a unit owes: a registration or a model's results.
type debt struct {
	unit     UnitLine
	what     string
	deadline string // ISO day
}

// debts are what the owing units owe, a line each, registrations first.
func (w *book) debts(s Summary) []debt {
	var out []debt
	for _, l := range s.Owing() {
		if l.MissingModels > 0 {
			out = append(out, debt{l, w.t("xl_owes_registration") + " (" + w.t("xl_owes_short") + " " + strconv.Itoa(l.MissingModels) + ")", s.Campaign.RegDeadline})
		}
		for _, n := range l.MissingResults {
			out = append(out, debt{l, w.t("xl_owes_results") + " " + n, s.Campaign.ResultsDeadline})
		}
	}
	return out
}

// owing is "Đơn vị chưa hoàn thành": what each unit owes, since which
// deadline, how many days late, and whom to call.
func (w *book) owing(s Summary) {
	name := w.t("xl_sheet_owing")
	ws := []float64{5, 26, 32, 11, 9, 24, 18}
	w.listSheet(name, []string{w.t("xl_stt"), w.t("xl_unit"), w.t("xl_owes"), w.t("xl_deadline"), w.t("xl_days_late"),
		w.t("xl_secretary"), w.t("xl_telegram")}, ws)
	names := s.communeNames()
	for i, d := range w.debts(s) {
		row := i + 2
		unit := d.unit.Unit.Name
		if c, ok := names[d.unit.Unit.Commune]; ok {
			unit += " (" + c + ")" // two communes may each have a "Chi bộ thôn Đông"
		}
		w.number(name, 1, row, float64(i+1), "tdNum")
		w.text(name, 2, row, unit, "td")
		w.text(name, 3, row, d.what, "td")
		w.deadlineCells(name, row, d.deadline)
		names, handles := contacts(d.unit)
		w.text(name, 6, row, names, "td")
		w.text(name, 7, row, handles, "td")
		w.fitRow(name, row, []string{"", unit, d.what, "", "", names, handles}, ws, 1)
	}
}

// deadlineCells are the deadline and the days since it on the paper's
// day: "Chưa đến hạn" before it.
func (w *book) deadlineCells(sheet string, row int, iso string) {
	day, err := time.Parse("2006-01-02", iso)
	if err != nil {
		w.text(sheet, 4, row, "", "td")
		w.text(sheet, 5, row, "", "td")
		return
	}
	w.date(sheet, 4, row, day, "tdDate")
	today := time.Date(w.day.Year(), w.day.Month(), w.day.Day(), 0, 0, 0, 0, time.UTC)
	if late := int(today.Sub(day).Hours() / 24); late > 0 {
		w.number(sheet, 5, row, float64(late), "tdNum")
		return
	}
	w.text(sheet, 5, row, w.t("xl_not_due"), "tdCenter")
}

// contacts are a unit's secretaries' names (or the imported contact) and
// their Telegram usernames, one a line.
func contacts(l UnitLine) (names, handles string) {
	var n, h []string
	for _, s := range l.Secretaries {
		n = append(n, s.Name)
		if s.Username != "" {
			h = append(h, "@"+s.Username)
		}
	}
	if len(n) == 0 && l.Unit.Contact != "" {
		n = append(n, strings.TrimSpace(l.Unit.Contact+" "+l.Unit.Phone))
	}
	return strings.Join(n, "\n"), strings.Join(h, "\n")
}
