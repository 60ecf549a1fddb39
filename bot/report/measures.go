package report

import (
	"strconv"
	"strings"

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
	for _, line := range strings.Split(text, "\n") {
		label, value, ok := strings.Cut(line, ":")
		fields := strings.Fields(value)
		if !ok || strings.TrimSpace(label) == "" || len(fields) == 0 {
			continue
		}
		n, ok := amount(fields[0])
		if !ok {
			continue
		}
		out = append(out, Measure{Name: strings.TrimSpace(label), Unit: strings.Join(fields[1:], " "), Total: n, Models: 1})
	}
	return out
}

// amount reads 120, 1.200 (thousands) or 1,5 (a decimal comma).
func amount(s string) (float64, bool) {
	if n, err := input.ParseNumber(s); err == nil {
		return float64(n), true
	}
	f, err := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
	return f, err == nil && f >= 0
}

// measures sums measures by key, in the order they were first seen.
type measures struct {
	index map[string]int
	list  []Measure
}

func (m *measures) add(text string) {
	if m.index == nil {
		m.index = map[string]int{}
	}
	for _, x := range parseMeasures(text) {
		k := measureKey(x.Name, x.Unit)
		if i, ok := m.index[k]; ok {
			m.list[i].Total += x.Total
			m.list[i].Models++
			continue
		}
		m.index[k] = len(m.list)
		m.list = append(m.list, x)
	}
}
