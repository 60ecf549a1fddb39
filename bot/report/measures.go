package report

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/dvkbot/dvkbot/bot/input"
	"github.com/dvkbot/dvkbot/store"
)

// Measure is the total of one measure units typed in their results
// ("Ngày công: 350", "Đất hiến: 200 m²"), summed over models by name and
// unit of measure.
type Measure struct {
	Name, Unit string  // as first typed
	Total      float64 // the sum
	Models     int     // how many models reported it
}

// measureKey matches names forgivingly: no case, no diacritics, no stray
// spaces or trailing punctuation; "m2" and "m²" are one unit.
func measureKey(name, unit string) string {
	return store.Fold(strings.Trim(name, " .;-")) + "|" + store.Fold(strings.ReplaceAll(unit, "²", "2"))
}

// parseMeasures reads the lines "label: number [unit]" of a results
// report; a line that does not read so is skipped (the form checked it).
func parseMeasures(text string) []Measure {
	var out []Measure
	for line := range strings.SplitSeq(text, "\n") {
		label, value, ok := strings.Cut(line, ":")
		number, unit, _ := strings.Cut(strings.TrimSpace(value), " ")
		if !ok || strings.TrimSpace(label) == "" || number == "" {
			continue
		}
		n, ok := amount(number)
		if !ok {
			continue
		}
		name := strings.TrimSpace(label)
		out = append(out, Measure{Name: name, Unit: shapeUnit(squeeze(unit)), Total: n, Models: 1})
	}
	return out
}

// shapeUnit is a unit as paper writes it: "m2" typed on a phone is "m²"
// (and "m3" "m³").
func shapeUnit(unit string) string {
	switch strings.ToLower(unit) {
	case "m2":
		return "m²"
	case "m3":
		return "m³"
	case "km2":
		return "km²"
	}
	return unit
}

// unitOf is the unit of a measure as the summary's table prints it: a
// count of work days typed without a unit ("Ngày công: 350") is in
// "ngày công"; "Ngày công: 20 ngày công" is summed with it.
func unitOf(name, unit string) string {
	if unit == "" && strings.HasPrefix(store.Fold(name), "ngay cong") {
		return "ngày công"
	}
	return shapeUnit(unit)
}

// squeeze is s with each run of spaces one space and none at the ends
// (strings.Fields joined); s itself, without a copy, when it is so
// already, as a typed unit mostly is.
func squeeze(s string) string {
	prev := ' ' // a space at the start is one to squeeze
	for _, r := range s {
		if unicode.IsSpace(r) && (r != ' ' || prev == ' ') {
			return strings.Join(strings.Fields(s), " ")
		}
		prev = r
	}
	if prev == ' ' && s != "" {
		return strings.Join(strings.Fields(s), " ")
	}
	return s
}

// amount reads 120, 1.200 (thousands) or 1,5 (a decimal comma).
func amount(s string) (float64, bool) {
	if digits(s) { // the common case, without ParseNumber's patterns
		f, err := strconv.ParseFloat(s, 64)
		return f, err == nil
	}
	if n, err := input.ParseNumber(s); err == nil {
		return float64(n), true
	}
	f, err := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
	return f, err == nil && f >= 0
}

// digits reports whether s is a plain number: 1 to 15 ASCII digits.
func digits(s string) bool {
	if s == "" || len(s) > 15 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// measures sums measures by key, in the order they were first seen.
// typed remembers the key of each name and unit as typed, so that the
// same words typed again are not folded again.
type measures struct {
	index map[string]int
	typed map[[2]string]string
	list  []Measure
}

// key is measureKey of a name and unit, folded once per spelling.
func (m *measures) key(x Measure) string {
	raw := [2]string{x.Name, x.Unit}
	k, ok := m.typed[raw]
	if !ok {
		k = measureKey(x.Name, unitOf(x.Name, x.Unit))
		m.typed[raw] = k
	}
	return k
}

func (m *measures) add(text string) {
	if m.index == nil {
		m.index, m.typed = map[string]int{}, map[[2]string]string{}
	}
	for _, x := range parseMeasures(text) {
		k := m.key(x)
		if i, ok := m.index[k]; ok {
			m.list[i].Total += x.Total
			m.list[i].Models++
			continue
		}
		m.index[k] = len(m.list)
		m.list = append(m.list, x)
	}
}
