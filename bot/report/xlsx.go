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

// Paper is what a printed file needs besides the figures: the words, the
// time zone, the office that issues it and the day it is dated.
type Paper struct {
	T      Text
	Loc    *time.Location
	Office store.Office
	Day    time.Time // the date line's day; zero: the snapshot's time
}

// Workbook renders the summary as the office's .xlsx: "Biểu tổng hợp"
// (the paper that is signed and sent), "Danh sách mô hình" (the model
// list as printed, ten columns), "Dữ liệu mô hình" beside it (every field
// of every model, hidden so that it is not printed), "Đơn vị chưa hoàn
// thành", "Tổng kết năm" (the year-end table per unit) and a native
// chart, each printed sheet print-ready on A4. A province's (s.Communes)
// has "Tổng hợp theo xã, phường" after the first, and each model's
// commune. User text is always written as text, never as a formula.
func Workbook(s Summary, p Paper) ([]byte, error) {
	if err := s.filed(); err != nil {
		return nil, err
	}
	f := excelize.NewFile()
	defer f.Close()
	w := &book{f: f, t: p.T, loc: p.Loc, office: orDefault(p.Office), day: p.Day.In(p.Loc)}
	w.styles()
	// The summary takes the new file's sheet, which is already the active,
	// selected one: deleting "Sheet1" and setting the active sheet at the
	// end had excelize read every worksheet back, the streamed lists too
	// (about a second of XML for 15,000 model rows).
	w.keep(f.SetSheetName("Sheet1", w.t("xl_sheet_summary")))
	w.summary(s)
	w.communes(s)
	w.models(s)
	w.modelData(s) // beside the list, hidden (finish)
	w.owing(s)
	w.yearEnd(s)
	w.chart(s)
	w.properties(s)
	if w.err != nil {
		return nil, fmt.Errorf("workbook: %w", w.err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, fmt.Errorf("write workbook: %w", err)
	}
	out, err := finish(buf.Bytes(), sheetPaths(f.GetSheetMap(), w.lists), []string{w.t("xl_sheet_model_data")})
	if err != nil {
		return nil, fmt.Errorf("write workbook: %w", err)
	}
	return out, nil
}

// book collects the first error, so the rendering reads straight.
type book struct {
	f      *excelize.File
	t      Text
	loc    *time.Location
	office store.Office
	day    time.Time
	st     map[string]int // styles by name, see styles
	table  tableAt        // where the by-field table landed, for the chart
	lists  []string       // the list sheets, whose rows' heights finish unmarks
	err    error
}

// tableAt is the first and last data row of the by-field table.
type tableAt struct{ first, last int }

func (w *book) keep(err error) {
	if w.err == nil {
		w.err = err
	}
}

// properties names the title and the issuing body in the file.
func (w *book) properties(s Summary) {
	author := Author(w.office)
	w.keep(w.f.SetDocProps(&excelize.DocProperties{Title: w.title(s), Subject: s.Campaign.Name, Creator: author,
		LastModifiedBy: author, Language: "vi-VN", Created: w.day.UTC().Format(time.RFC3339), Modified: w.day.UTC().Format(time.RFC3339)}))
	w.keep(w.f.SetAppProps(&excelize.AppProperties{Application: "dvkbot", Company: author}))
}

// title is the paper's title in capitals, with the campaign's year, on
// one line (the sheet breaks it where the locale does).
func (w *book) title(s Summary) string {
	return strings.ReplaceAll(w.t("xl_title"), "\n", " ") + " " + s.Campaign.Year()
}

func itoa(n int) string { return strconv.Itoa(n) }

// cell is a cell's name; col and row count from 1.
func cell(col, row int) string {
	c, _ := excelize.CoordinatesToCellName(col, row)
	return c
}

// text writes a string cell: always a string, so "=1+1" typed by a user
// stays text in Excel.
func (w *book) text(sheet string, col, row int, v string, style string) {
	w.keep(w.f.SetCellStr(sheet, cell(col, row), v))
	w.styleCell(sheet, col, row, style)
}

// merged writes v across columns from..to of a row, in style.
func (w *book) merged(sheet string, from, to, row int, v, style string) {
	w.text(sheet, from, row, v, style)
	if to > from {
		w.keep(w.f.MergeCell(sheet, cell(from, row), cell(to, row)))
		w.keep(w.f.SetCellStyle(sheet, cell(from, row), cell(to, row), w.st[style]))
	}
}

func (w *book) number(sheet string, col, row int, v float64, style string) {
	w.keep(w.f.SetCellFloat(sheet, cell(col, row), v, -1, 64))
	w.styleCell(sheet, col, row, style)
}

func (w *book) styleCell(sheet string, col, row int, style string) {
	if style != "" {
		w.keep(w.f.SetCellStyle(sheet, cell(col, row), cell(col, row), w.st[style]))
	}
}

func (w *book) date(sheet string, col, row int, d time.Time, style string) {
	w.keep(w.f.SetCellValue(sheet, cell(col, row), time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)))
	w.styleCell(sheet, col, row, style)
}

// period is "01/04/2024 – 30/11/2024".
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

// criteria is the self-assessment out of the criteria a unit could tick
// (tickable), as "3/4 (1, 2, 5)": seed 001 has five, the fourth being the
// Đảng ủy's recognition, not a unit's tick.
func criteria(met []int, tickable int) string {
	parts := make([]string, len(met))
	for i, c := range met {
		parts[i] = strconv.Itoa(c)
	}
	return fmt.Sprintf("%d/%d (%s)", len(met), max(tickable, len(met)), strings.Join(parts, ", "))
}
