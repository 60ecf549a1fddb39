package report

import (
	"unicode"

	"github.com/dvkbot/dvkbot/store"
)

// paperColumn is a column of the printed model list: one of the model
// table's columns (columns.go), by its header id, with its width on paper
// and, for a column of choices, the values its total counts.
type paperColumn struct {
	id    string   // the model column's header id
	head  string   // the printed header's message id; the column's own if ""
	width float64  // Excel width; 0: what the page leaves (the model's name)
	style string   // the cells' style
	order []string // the values the total row counts, in order; nil: not counted
	value func(r Row, c ctx) any
}

// paperColumns are the printed model list's ten columns for s: number,
// code, unit (with its commune in a province's list), name, field, new or
// kept up, period, result against the targets, evaluation and level. The
// code column is as wide as the longest code, so that no code breaks at a
// hyphen; the name takes what the page leaves.
func (w *book) paperColumns(s Summary) []paperColumn {
	t := w.t
	labels := func(prefix string, keys ...string) []string {
		out := make([]string, len(keys))
		for i, k := range keys {
			out[i] = t(prefix + k)
		}
		return out
	}
	fields := make([]string, len(store.ModelFields))
	for i, f := range store.ModelFields {
		fields[i] = fieldLabel(f, t)
	}
	cols := []paperColumn{
		{id: "xl_stt", width: 5, style: "listTdNum"},
		{id: "xl_number", width: codeWidth(s), style: "listTdCenter"},
		{id: "xl_unit", width: 18, style: "listTd"},
		{id: "xl_name", style: "listTd"},
		{id: "xl_field", width: 12, style: "listTd", order: fields},
		{id: "xl_novelty", width: 9, style: "listTd", order: labels("model_novelty_", store.ModelNovelties...)},
		{id: "xl_period", width: 12, style: "listTdCenter"},
		{id: "xl_against", head: "xl_paper_against", width: 10, style: "listTd", order: labels("result_against_", "vuot", "dat", "chua_dat")},
		{id: "xl_outcome", width: 11, style: "listTd", order: labels("outcome_", store.Outcomes...)},
		{id: "xl_level", width: 9, style: "listTd", order: labels("level_", store.Levels...)},
	}
	byID := make(map[string]column, len(modelColumns))
	for _, c := range modelColumns {
		byID[c.header] = c
	}
	used := 0.0
	for i := range cols {
		c := &cols[i]
		c.value = byID[c.id].value
		if c.head == "" {
			c.head = c.id
		}
		used += c.width
	}
	for i := range cols {
		if cols[i].width == 0 {
			cols[i].width = max(18, paperWidth(len(cols))-used)
		}
		if cols[i].id == "xl_unit" && len(s.Communes) > 0 {
			cols[i].value = func(r Row, c ctx) any {
				if m, ok := c.communes[r.Unit.Commune]; ok {
					return r.Unit.Name + " (" + m + ")" // as on the unfinished units' list
				}
				return r.Unit.Name
			}
		}
	}
	return cols
}

// codeWidth is the code column's width: the longest code's in 11 pt
// Times New Roman, at least the header's, at most 24 (a province's codes
// carry the commune's, up to 12 letters; longer ones wrap).
func codeWidth(s Summary) float64 {
	px := 0.0
	for _, r := range s.Rows {
		px = max(px, textPixels(r.Reg.Number))
	}
	return min(max(13, (px+9)/7), 24)
}

// textPixels is about how many pixels (96 an inch) a text takes in 11 pt
// Times New Roman (an em is 14.67 pixels), from the font's advance
// widths (Liberation Serif, which LibreOffice sets it in, has the same),
// 2 % to spare: a letter without a width here (a Vietnamese vowel with
// its marks, a quote) is taken as 0.47 em, a capital as 0.722.
func textPixels(s string) float64 {
	em := 0.0
	for _, r := range s {
		switch {
		case r < 128 && timesEm[r] > 0:
			em += timesEm[r]
		case unicode.IsUpper(r):
			em += 0.722
		default:
			em += 0.47
		}
	}
	return em * 1.02 * 11 * 96 / 72
}

// timesEm are Times New Roman's advance widths, in ems, of the ASCII
// letters, digits and common marks.
var timesEm = func() [128]float64 {
	var w [128]float64
	for r, v := range map[rune]float64{' ': 0.25, '-': 0.333, '.': 0.25, ',': 0.25, ':': 0.278, '/': 0.278, '(': 0.333, ')': 0.333, '@': 0.921,
		'a': 0.444, 'b': 0.5, 'c': 0.444, 'd': 0.5, 'e': 0.444, 'f': 0.333, 'g': 0.5, 'h': 0.5, 'i': 0.278, 'j': 0.278, 'k': 0.5, 'l': 0.278,
		'm': 0.778, 'n': 0.5, 'o': 0.5, 'p': 0.5, 'q': 0.5, 'r': 0.333, 's': 0.389, 't': 0.278, 'u': 0.5, 'v': 0.5, 'w': 0.722, 'x': 0.5,
		'y': 0.5, 'z': 0.444, 'A': 0.722, 'B': 0.667, 'C': 0.667, 'D': 0.722, 'E': 0.611, 'F': 0.556, 'G': 0.722, 'H': 0.722, 'I': 0.333,
		'J': 0.389, 'K': 0.722, 'L': 0.611, 'M': 0.889, 'N': 0.722, 'O': 0.722, 'P': 0.556, 'Q': 0.722, 'R': 0.667, 'S': 0.556, 'T': 0.611,
		'U': 0.722, 'V': 0.722, 'W': 0.944, 'X': 0.722, 'Y': 0.722, 'Z': 0.611} {
		w[r] = v
	}
	for r := '0'; r <= '9'; r++ {
		w[r] = 0.5
	}
	return w
}()
