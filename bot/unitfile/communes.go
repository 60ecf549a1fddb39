package unitfile

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/dvkbot/dvkbot/store"
)

// CommuneRow is one commune of a province's list, or the reason it could
// not be read.
type CommuneRow struct {
	Line   int
	Name   string // "Xã Tân Phú"
	Code   string // as store keeps it: "TANPHU"; made from the name when the file has none
	Signer string
	Err    string // "" when the row is good; else a short reason key
	Dup    int    // Err "duplicate": the earlier line with the same name or code
	// Made: the file has no code for the commune; Code was made from its
	// name, and made distinct (DistinctCode) when that code was Was, the
	// code of WasOf.
	Made       bool
	Was, WasOf string
}

// ErrBadCode: the code column holds what cannot be a commune's code.
const ErrBadCode = "bad_code"

// communeHeaders are the column titles of a commune list, folded.
var communeHeaders = []struct {
	field int
	words []string
}{
	{1, []string{"ma", "ma xa", "ma don vi", "ky hieu", "code"}},
	{2, []string{"nguoi ky", "bi thu", "ho ten nguoi ky", "signer"}},
	{0, []string{"ten xa, phuong", "xa, phuong", "ten xa", "xa phuong", "ten xa phuong", "ten", "ten don vi", "don vi", "name", "commune"}},
}

// ParseCommunes reads a province's list of communes: a name column, and
// optionally a code and the signer's name. Without a header row the
// columns are taken in that order.
func ParseCommunes(name string, data []byte) ([]CommuneRow, error) {
	records, lines, err := records(name, data)
	if err != nil {
		return nil, err
	}
	if len(records) > MaxRows+1 {
		return nil, fmt.Errorf("%d rows, at most %d: %w", len(records), MaxRows, ErrTooLarge)
	}
	cols, first := [3]int{0, 1, 2}, 0
	for i := 0; i < min(5, len(records)); i++ {
		if c, ok := communeHeader(records[i]); ok {
			cols, first = c, i+1
			break
		}
	}
	return communeRows(records, lines, cols, first), nil
}

func communeHeader(rec []string) ([3]int, bool) {
	c := [3]int{-1, -1, -1}
	for i, cell := range rec {
		f := store.Fold(cell)
		for _, h := range communeHeaders {
			if c[h.field] < 0 && matchesAny(f, h.words) {
				c[h.field] = i
				break
			}
		}
	}
	return c, c[0] >= 0
}

func communeRows(records [][]string, lines []int, c [3]int, first int) []CommuneRow {
	var out []CommuneRow
	owner := map[string]string{} // the file's own codes, and whose: a code made from a name keeps off them
	for i := first; i < len(records); i++ {
		if code := cell(records[i], c[1]); code != "" {
			owner[store.NormalizeCode(store.Fold(code))] = cell(records[i], c[0])
		}
	}
	seen := map[string]int{}
	for i := first; i < len(records); i++ {
		rec := records[i]
		row := CommuneRow{Line: lines[i], Name: cell(rec, c[0]), Signer: cell(rec, c[2])}
		if row.Name == "" {
			continue
		}
		row.Code, row.Err = communeCode(cell(rec, c[1]), row.Name)
		_, again := seen["n:"+store.Fold(row.Name)] // the same commune twice: a duplicate, below
		if row.Made = cell(rec, c[1]) == ""; row.Made && row.Err == "" && !again {
			// Phường Tân Phú beside Xã Tân Phú: a code of its own
			made := row.Code
			row.Code = DistinctCode(made, row.Name, func(code string) bool { _, mine := owner[code]; return mine })
			if row.Code != made {
				row.Was, row.WasOf = made, owner[made]
			}
		}
		if utf8.RuneCountInString(row.Name) > 80 || utf8.RuneCountInString(row.Signer) > 80 {
			row.Err = ErrTooLong
		}
		for _, key := range []string{"n:" + store.Fold(row.Name), "c:" + row.Code} {
			if prev, dup := seen[key]; dup && row.Err == "" {
				row.Err, row.Dup = ErrDupInFil, prev
			}
		}
		seen["n:"+store.Fold(row.Name)], seen["c:"+row.Code] = row.Line, row.Line
		if _, mine := owner[row.Code]; !mine {
			owner[row.Code] = row.Name
		}
		out = append(out, row)
	}
	return out
}

// DistinctCode is code, made from a commune's name, when no other commune
// has it (taken); else the code with the kind's letters before it
// ("Phường Tân Phú": PTANPHU, "Xã Tân Phú": XTANPHU), else with a number
// after it (TANPHU2), cut to 12 letters.
func DistinctCode(code, name string, taken func(string) bool) string {
	if !taken(code) {
		return code
	}
	if p := kindLetters(name); p != "" {
		if c := cut(p+code, 12); store.ValidCode(c) && !taken(c) {
			return c
		}
	}
	for n := 2; n < 1000; n++ {
		suffix := strconv.Itoa(n)
		if c := cut(code, 12-len(suffix)) + suffix; !taken(c) {
			return c
		}
	}
	return code
}

// kindLetters are the capitals of a commune's kind, from the first words
// of its name: X for Xã, P for Phường, TT for Thị trấn, DK for Đặc khu.
func kindLetters(name string) string {
	words := strings.Fields(store.Fold(name))
	switch {
	case len(words) < 2:
		return ""
	case words[0] == "xa":
		return "X"
	case words[0] == "phuong":
		return "P"
	case words[0] == "thi" && words[1] == "tran":
		return "TT"
	case words[0] == "dac" && words[1] == "khu":
		return "DK"
	}
	return ""
}

func cut(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

// communeCode is the typed code, or one made from the name without its
// "Xã"/"Phường" ("Phường Hòa Bình" gives HOABINH), cut to 12 letters.
func communeCode(typed, name string) (string, string) {
	code := store.NormalizeCode(store.Fold(typed))
	if typed == "" {
		words := strings.Fields(store.Fold(name))
		if len(words) > 1 && isPrefix(words[0]) {
			words = words[1:]
		}
		code = store.NormalizeCode(strings.Join(words, ""))
		code = strings.Map(func(r rune) rune {
			if r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
				return r
			}
			return -1
		}, code)
		if len(code) > 12 {
			code = code[:12]
		}
	}
	if !store.ValidCode(code) {
		return code, ErrBadCode
	}
	return code, ""
}

func isPrefix(w string) bool {
	switch strings.ToLower(w) {
	case "xa", "phuong", "thi", "dac":
		return true
	}
	return false
}
