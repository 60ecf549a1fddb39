package report

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/dvkbot/dvkbot/store"
)

// Text gives the workbook's words (sheet names, headers, labels) by
// message id, from the locales.
type Text func(id string) string

// Workbook renders the summary as an .xlsx file: "Tổng hợp", "Danh sách
// mô hình" and "Chưa nộp" sheets, headers bold and frozen, dates as dates,
// money as numbers, A4 landscape. User text is always written as text,
// never as a formula.
func Workbook(s Summary, t Text, loc *time.Location) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	w := &book{f: f, t: t, loc: loc}
	w.styles()
	w.summary(s)
	w.models(s)
	w.owing(s)
	if err := f.DeleteSheet("Sheet1"); err != nil {
		return nil, err
	}
	f.SetActiveSheet(0)
	if w.err != nil {
		return nil, fmt.Errorf("workbook: %w", w.err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, fmt.Errorf("write workbook: %w", err)
	}
	return buf.Bytes(), nil
}

// book collects the first error, so the rendering reads straight.
type book struct {
	f                 *excelize.File
	t                 Text
	loc               *time.Location
	bold, date, money int
	err               error
}

func (w *book) keep(err error) {
	if w.err == nil {
		w.err = err
	}
}

func (w *book) styles() {
	var err error
	w.bold, err = w.f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Color: []string{"DDEBF7"}, Pattern: 1},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "center"}})
	w.keep(err)
	w.date, err = w.f.NewStyle(&excelize.Style{CustomNumFmt: strPtr("dd/mm/yyyy")})
	w.keep(err)
	w.money, err = w.f.NewStyle(&excelize.Style{CustomNumFmt: strPtr(`#,##0 "đ"`)})
	w.keep(err)
}

func strPtr(s string) *string { return &s }

// sheet creates a sheet with a bold, frozen header row and widths.
func (w *book) sheet(name string, headers []string, widths []float64) {
	_, err := w.f.NewSheet(name)
	w.keep(err)
	for i, h := range headers {
		w.text(name, i+1, 1, h)
		col, _ := excelize.ColumnNumberToName(i + 1)
		w.keep(w.f.SetColWidth(name, col, col, widths[min(i, len(widths)-1)]))
	}
	last, _ := excelize.CoordinatesToCellName(len(headers), 1)
	w.keep(w.f.SetCellStyle(name, "A1", last, w.bold))
	w.keep(w.f.SetPanes(name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}))
	orient, size := "landscape", 9 // A4
	w.keep(w.f.SetPageLayout(name, &excelize.PageLayoutOptions{Orientation: &orient, Size: &size}))
}

// text writes a string cell: always a string, so "=1+1" typed by a user
// stays text in Excel.
func (w *book) text(sheet string, col, row int, v string) {
	cell, _ := excelize.CoordinatesToCellName(col, row)
	w.keep(w.f.SetCellStr(sheet, cell, v))
}

func (w *book) number(sheet string, col, row int, v int64, style int) {
	cell, _ := excelize.CoordinatesToCellName(col, row)
	w.keep(w.f.SetCellInt(sheet, cell, v))
	if style != 0 {
		w.keep(w.f.SetCellStyle(sheet, cell, cell, style))
	}
}

func (w *book) day(sheet string, col, row int, iso string) {
	d, err := time.Parse("2006-01-02", iso)
	if err != nil {
		return
	}
	cell, _ := excelize.CoordinatesToCellName(col, row)
	w.keep(w.f.SetCellValue(sheet, cell, d))
	w.keep(w.f.SetCellStyle(sheet, cell, cell, w.date))
}

func (w *book) summary(s Summary) {
	name := w.t("xl_sheet_summary")
	w.sheet(name, []string{w.t("xl_item"), w.t("xl_count")}, []float64{46, 14})
	rows := []struct {
		label string
		n     int
	}{
		{"xl_units_total", len(s.Units)}, {"xl_reg_on_time", s.RegOnTime}, {"xl_reg_late", s.RegLate},
		{"xl_reg_none", s.RegNone}, {"xl_models_total", len(s.Rows)},
		{"xl_res_on_time", s.ResOnTime}, {"xl_res_late", s.ResLate}, {"xl_res_missing", s.ResMissing},
		{"xl_outcome_cong_nhan", s.Outcomes[store.OutcomeRecognised]}, {"xl_outcome_dien_hinh", s.Outcomes[store.OutcomeExemplary]},
		{"xl_outcome_chua_dat", s.Outcomes[store.OutcomeNotMet]},
	}
	w.text(name, 1, 2, s.Campaign.Name)
	for i, r := range rows {
		w.text(name, 1, i+3, w.t(r.label))
		w.number(name, 2, i+3, int64(r.n), 0)
	}
	w.unitTable(name, s, len(rows)+5)
}

// unitTable is the per-unit table under the counts.
func (w *book) unitTable(name string, s Summary, top int) {
	heads := []string{w.t("xl_unit"), w.t("xl_models"), w.t("xl_state"), w.t("xl_res_missing")}
	for i, h := range heads {
		w.text(name, i+1, top, h)
	}
	a, _ := excelize.CoordinatesToCellName(1, top)
	b, _ := excelize.CoordinatesToCellName(len(heads), top)
	w.keep(w.f.SetCellStyle(name, a, b, w.bold))
	for i, l := range s.Units {
		row := top + 1 + i
		w.text(name, 1, row, l.Unit.Name)
		w.number(name, 2, row, int64(l.Models), 0)
		w.text(name, 3, row, w.unitState(l))
		w.number(name, 4, row, int64(l.ResultsMissing), 0)
	}
}

func (w *book) unitState(l UnitLine) string {
	switch {
	case l.Models == 0:
		return w.t("xl_reg_none")
	case l.Late:
		return w.t("xl_reg_late")
	}
	return w.t("xl_reg_on_time")
}

func (w *book) models(s Summary) {
	name := w.t("xl_sheet_models")
	w.sheet(name, headers(modelColumns, w.t), widths(modelColumns))
	for i, r := range s.Rows {
		c := ctx{n: i + 1, t: w.t, loc: w.loc}
		for j, col := range modelColumns {
			w.cell(name, j+1, i+2, col.kind, col.value(r, c))
		}
	}
}

// cell writes one value of a column of that kind; nil writes nothing.
func (w *book) cell(sheet string, col, row int, kind cellKind, v any) {
	switch v := v.(type) {
	case string:
		w.text(sheet, col, row, v)
	case int64:
		style := 0
		if kind == cellMoney {
			style = w.money
		}
		w.number(sheet, col, row, v, style)
	case time.Time:
		w.day(sheet, col, row, v.Format("2006-01-02"))
	}
}

func period(m store.Model) string {
	f := func(iso string) string {
		d, err := time.Parse("2006-01-02", iso)
		if err != nil {
			return iso
		}
		return d.Format("02/01/2006")
	}
	if m.From == "" {
		return ""
	}
	return f(m.From) + " – " + f(m.To)
}

func criteria(met []int) string {
	parts := make([]string, len(met))
	for i, c := range met {
		parts[i] = strconv.Itoa(c)
	}
	return strings.Join(parts, ", ") + " / 5"
}

func (w *book) owing(s Summary) {
	name := w.t("xl_sheet_owing")
	w.sheet(name, []string{w.t("xl_stt"), w.t("xl_unit"), w.t("xl_models"), w.t("xl_res_missing"), w.t("xl_contact")},
		[]float64{6, 30, 14, 16, 30})
	for i, l := range s.Owing() {
		row := i + 2
		w.number(name, 1, row, int64(i+1), 0)
		w.text(name, 2, row, l.Unit.Name)
		w.number(name, 3, row, int64(l.Models), 0)
		w.number(name, 4, row, int64(l.ResultsMissing), 0)
		w.text(name, 5, row, strings.TrimSpace(l.Unit.Contact+" "+l.Unit.Phone))
	}
}
