// Package unitfile reads the office's list of units from an .xlsx or .csv
// file: a name and a kind per row, optionally the secretary's name and
// phone, and the office's own order (an STT column). Headers are found
// by their (Vietnamese) names; without headers the first columns are
// name, kind, secretary, phone.
package unitfile

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/dvkbot/dvkbot/bot/input"
	"github.com/dvkbot/dvkbot/store"
)

// Row is one unit read from the file, or the reason it could not be.
type Row struct {
	Line    int // 1-based row number in the sheet, as the office sees it
	Name    string
	Kind    string
	Contact string
	Phone   string
	Order   int    // the STT column: the office's order; 0 when absent or not a number
	Err     string // "" when the row is good; else a short reason key
	Dup     int    // Err "duplicate": the earlier line with the same name
}

// Reasons a row is refused (keys the bot turns into Vietnamese).
const (
	ErrNoKind   = "no_kind"
	ErrTooLong  = "too_long"
	ErrDupInFil = "duplicate"
)

// MaxRows bounds a file: a commune has tens of units, not thousands.
const MaxRows = 2000

// ErrFormat: the file is neither a readable .xlsx nor a .csv.
var ErrFormat = errors.New("not an .xlsx or .csv file")

// ErrTooLarge: the file has more rows, or bigger parts, than a unit list
// can have, or took too long to read.
var ErrTooLarge = errors.New("file too large for a unit list")

// Parse reads the file's rows.
func Parse(name string, data []byte) ([]Row, error) {
	records, lines, err := records(name, data)
	if err != nil {
		return nil, err
	}
	if len(records) > MaxRows+1 {
		return nil, fmt.Errorf("%d rows, at most %d: %w", len(records), MaxRows, ErrTooLarge)
	}
	cols, first := columns(records)
	return rows(records, lines, cols, first), nil
}

// records reads the rows and the line number each row has in the file.
func records(name string, data []byte) ([][]string, []int, error) {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".xlsx", ".xlsm":
		return xlsxRecords(data)
	case ".csv", ".txt":
		return csvRecords(data)
	}
	return nil, nil, ErrFormat
}

// xlsxRecords reads the first sheet row by row, within the limits: the
// zip is checked first, excelize is told its own limits, and reading stops
// past MaxRows or ParseBudget.
func xlsxRecords(data []byte) ([][]string, []int, error) {
	if err := checkZip(data); err != nil {
		return nil, nil, err
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit: maxUnzippedSize, UnzipXMLSizeLimit: maxXMLSize})
	if err != nil {
		return nil, nil, fmt.Errorf("%w: %v", ErrFormat, err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, nil, ErrFormat
	}
	it, err := f.Rows(sheets[0])
	if err != nil {
		return nil, nil, fmt.Errorf("%w: %v", ErrFormat, err)
	}
	defer it.Close()
	return readRows(it, time.Now().Add(ParseBudget))
}

// readRows reads rows until the end, MaxRows+1, or the deadline.
func readRows(it *excelize.Rows, deadline time.Time) ([][]string, []int, error) {
	var rows [][]string
	for it.Next() {
		if len(rows) > MaxRows {
			return nil, nil, fmt.Errorf("%w: more than %d rows", ErrTooLarge, MaxRows)
		}
		if time.Now().After(deadline) {
			return nil, nil, fmt.Errorf("%w: not read within %v", ErrTooLarge, ParseBudget)
		}
		cols, err := it.Columns()
		if err != nil {
			return nil, nil, fmt.Errorf("%w: %v", ErrFormat, err)
		}
		rows = append(rows, cols)
	}
	if err := it.Error(); err != nil {
		return nil, nil, fmt.Errorf("%w: %v", ErrFormat, err)
	}
	lines := make([]int, len(rows))
	for i := range rows {
		lines[i] = i + 1 // the iterator keeps empty rows in between
	}
	return rows, lines, nil
}

func csvRecords(data []byte) ([][]string, []int, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // Excel's BOM
	if !utf8.Valid(data) {
		return nil, nil, fmt.Errorf("%w: not UTF-8 text", ErrFormat)
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord, r.LazyQuotes = -1, true
	r.Comma = sniffComma(data)
	var out [][]string
	var lines []int
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return out, lines, nil
		}
		if err != nil {
			return nil, nil, fmt.Errorf("%w: %v", ErrFormat, err)
		}
		line, _ := r.FieldPos(0)
		out, lines = append(out, rec), append(lines, line)
	}
}

// sniffComma picks ';' when the first line has more of them than commas:
// Excel writes CSV with ';' in locales where ',' is the decimal mark.
func sniffComma(data []byte) rune {
	line, _, _ := bytes.Cut(data, []byte("\n"))
	if bytes.Count(line, []byte(";")) > bytes.Count(line, []byte(",")) {
		return ';'
	}
	return ','
}

type colMap struct{ name, kind, contact, phone, order int }

var headerWords = []struct {
	field int
	words []string
}{
	{1, []string{"loai don vi", "loai", "khoi", "kind", "type"}},
	{2, []string{"bi thu", "nguoi phu trach", "ho ten", "ho va ten", "secretary", "contact"}},
	{3, []string{"so dien thoai", "dien thoai", "sdt", "phone"}},
	{4, []string{"stt", "tt", "so thu tu", "thu tu", "so tt", "no", "no.", "order"}},
	{0, []string{"ten don vi", "don vi", "ten", "name", "unit"}},
}

// columns finds the header row among the first five; without one the
// columns are taken in order and data starts at the first row.
func columns(records [][]string) (colMap, int) {
	for i := 0; i < min(5, len(records)); i++ {
		if m, ok := header(records[i]); ok {
			return m, i + 1
		}
	}
	return colMap{0, 1, 2, 3, -1}, 0
}

func header(rec []string) (colMap, bool) {
	m := colMap{-1, -1, -1, -1, -1}
	found := []*int{&m.name, &m.kind, &m.contact, &m.phone, &m.order}
	for i, cell := range rec {
		f := store.Fold(cell)
		for _, hw := range headerWords {
			if *found[hw.field] < 0 && matchesAny(f, hw.words) {
				*found[hw.field] = i
				break
			}
		}
	}
	return m, m.name >= 0
}

func matchesAny(folded string, words []string) bool {
	for _, w := range words {
		if folded == w {
			return true
		}
	}
	return false
}

func rows(records [][]string, lines []int, c colMap, first int) []Row {
	var out []Row
	seen := map[string]int{}
	for i := first; i < len(records); i++ {
		rec := records[i]
		row := Row{Line: lines[i], Name: cell(rec, c.name), Contact: cell(rec, c.contact), Phone: cell(rec, c.phone),
			Order: order(cell(rec, c.order))}
		if row.Name == "" {
			continue
		}
		row.Kind, row.Err = kindOf(cell(rec, c.kind), row.Name)
		if utf8.RuneCountInString(row.Name) > 120 {
			row.Err = ErrTooLong
		}
		key := store.Fold(row.Name)
		if prev, dup := seen[key]; dup && row.Err == "" {
			row.Err, row.Dup = ErrDupInFil, prev
		}
		if _, dup := seen[key]; !dup {
			seen[key] = row.Line
		}
		out = append(out, row)
	}
	return out
}

// order reads an STT cell: "3", "03", "3." or Excel's "3.0"; anything
// else (empty, "I", "1a") is no order.
func order(v string) int {
	v = strings.TrimSuffix(strings.TrimSuffix(v, ".0"), ".")
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 || n > MaxRows*10 {
		return 0
	}
	return n
}

// cell is the cleaned text of a column: as typed text is cleaned, so that
// a name cannot carry control, bidi or zero-width characters (a reversed
// or an invisible unit).
func cell(rec []string, i int) string {
	if i < 0 || i >= len(rec) {
		return ""
	}
	return store.NormalizeName(input.CleanText(rec[i], false))
}
