package report

import (
	"slices"

	"github.com/dvkbot/dvkbot/bot/input"
	"github.com/dvkbot/dvkbot/store"
)

// CommuneLine is one commune's standing in a campaign, summed from its
// units and models: the province's roll-up has one a commune.
type CommuneLine struct {
	Commune store.Commune
	// Units take part; each is registered on time, late (every model
	// late) or not yet.
	Units, RegOnTime, RegLate, RegNone int
	Short                              int // units with fewer models than the campaign's minimum
	Owing                              int // units that owe anything: models, or results
	Models                             int // registered, not withdrawn
	Results, ResultsMissing            int // models with results, models owing them
	Evaluations                            // the office's outcomes
}

// Behind is how far the commune is behind: the share of its units that
// still owe something (fewer models than the minimum, or a model without
// results), from 0 (nothing owed) to 1 (every unit owes). A commune
// with no units taking part owes nothing.
func (l CommuneLine) Behind() float64 {
	if l.Units == 0 {
		return 0
	}
	return float64(l.Owing) / float64(l.Units)
}

// add sums o into l (for the total row).
func (l *CommuneLine) add(o CommuneLine) {
	l.Units, l.RegOnTime, l.RegLate, l.RegNone = l.Units+o.Units, l.RegOnTime+o.RegOnTime, l.RegLate+o.RegLate, l.RegNone+o.RegNone
	l.Short, l.Owing, l.Models = l.Short+o.Short, l.Owing+o.Owing, l.Models+o.Models
	l.Results, l.ResultsMissing = l.Results+o.Results, l.ResultsMissing+o.ResultsMissing
	l.Evaluations.add(o.Evaluations)
}

// Rollup is a campaign seen by the province: the summary over every
// commune taking part, and a line a commune.
type Rollup struct {
	Summary
	// Lines are the communes, those behind first (by Behind, then by how
	// many units owe), then by name in Vietnamese order.
	Lines []CommuneLine
	Total CommuneLine
}

// BuildRollup reads the campaign in an unscoped transaction, once: the
// units and registrations of every commune in one pass each (Count),
// then partitions them by commune. It never reads a commune at a time.
func BuildRollup(tx *store.Tx, c store.Campaign) (Rollup, error) {
	s, err := Count(tx, c)
	if err != nil {
		return Rollup{Summary: s}, err
	}
	if s.Communes == nil { // one commune's deployment, or a scoped transaction
		if s.Communes, err = participating(tx, c); err != nil {
			return Rollup{Summary: s}, err
		}
	}
	return rollupOf(s), nil
}

// On is the roll-up as the paper dated day counts it (Summary.On): no
// commune has results "chưa nộp" before the results deadline.
func (r Rollup) On(day input.Date) Rollup { return rollupOf(r.Summary.On(day)) }

// rollupOf is s by commune, with the total.
func rollupOf(s Summary) Rollup {
	r := Rollup{Summary: s, Lines: s.ByCommune()}
	for _, l := range r.Lines {
		r.Total.add(l)
	}
	return r
}

// participating are the communes the transaction sees that take part in
// c, by name.
func participating(tx *store.Tx, c store.Campaign) ([]store.Commune, error) {
	all, err := tx.Communes()
	if err != nil {
		return nil, err
	}
	out := all[:0]
	for _, m := range all {
		if c.For(m.ID) {
			out = append(out, m)
		}
	}
	return out, nil
}

// ByCommune sums the summary's units and models by commune, one line for
// each of s.Communes (a commune with no units has a line of zeros),
// those behind first (see CommuneLine.Behind; more units owing first at
// the same share), then in the order of s.Communes (by name).
func (s Summary) ByCommune() []CommuneLine {
	lines := make([]CommuneLine, len(s.Communes))
	at := make(map[uint64]int, len(s.Communes))
	for i, m := range s.Communes {
		lines[i].Commune = m
		at[m.ID] = i
	}
	for _, u := range s.Units {
		i, ok := at[u.Unit.Commune]
		if !ok {
			continue
		}
		l := &lines[i]
		l.Units++
		switch {
		case u.Models == 0:
			l.RegNone++
		case u.Late:
			l.RegLate++
		default:
			l.RegOnTime++
		}
		if u.MissingModels > 0 {
			l.Short++
		}
		if u.Owes {
			l.Owing++
		}
	}
	for _, r := range s.Rows {
		i, ok := at[r.Unit.Commune]
		if !ok {
			continue
		}
		l := &lines[i]
		l.Models++
		if r.Reg.Results != nil {
			l.Results++
		}
		if resultsOf(r.Reg) == resultsOwed && !s.notDue { // as the summary counts ResMissing
			l.ResultsMissing++
		}
		l.count(r.Reg.Evaluation)
	}
	slices.SortStableFunc(lines, func(a, b CommuneLine) int {
		switch ba, bb := a.Behind(), b.Behind(); {
		case ba > bb:
			return -1
		case ba < bb:
			return 1
		}
		return b.Owing - a.Owing
	})
	return lines
}

// communeNames are the communes' names by id, for the model list.
func (s Summary) communeNames() map[uint64]string {
	out := make(map[uint64]string, len(s.Communes))
	for _, m := range s.Communes {
		out[m.ID] = m.Name
	}
	return out
}
