package report

import (
	"slices"

	"github.com/dvkbot/dvkbot/bot/campaign"
	"github.com/dvkbot/dvkbot/bot/input"
	"github.com/dvkbot/dvkbot/store"
)

// YearRow is one unit's line of the year-end table, for the annual rating
// of units (issue 14, item 6): its models registered in the year's
// campaigns, on time or late, their results on time, late or missing,
// and the Đảng ủy's outcomes. /report shows it in the chat, and the
// workbook has it as the sheet "Tổng kết năm" (xlsx_yearend.go). It is
// summed from the summaries of those campaigns (readYear), so it counts
// by their rules: what the office has received, what is overdue.
type YearRow struct {
	Unit store.Unit
	// Commune is the unit's commune's name in the province's table, where
	// two communes may each have a "Chi bộ thôn Đông"; "" in a commune's.
	Commune                        string
	Models, RegOnTime, RegLate     int
	ResOnTime, ResLate, ResMissing int
	Evaluations
	MissingModels int // short of the campaigns' minimums
}

// yearSet is what the year-end table is counted from: the summaries of
// the campaigns it covers and, for the province, its communes by name.
type yearSet struct {
	parts    []Summary
	communes []store.Commune
}

// YearEnd builds the table on day over the campaigns of one year the
// transaction covers (readYear), one row per unit taking part in any of
// them: the units' order, in the province's table commune by commune.
// Withdrawn registrations, and those the office has not received, do not
// count; results are missing only after their deadline (Summary.On).
func YearEnd(tx *store.Tx, year string, day input.Date) ([]YearRow, error) {
	y, err := readYear(tx, year, Summary{})
	return y.table(day), err
}

// readYear counts the campaigns of year that the year-end table covers.
// The province's (a transaction across several communes, where the
// summary is the province's too) covers the province's campaigns, as its
// summary does: a commune's own campaign is that commune's paper. A
// commune's covers its campaigns of the year, its own and the province's
// it takes part in. have is a summary already built (Read's), used as is;
// its campaign is always covered.
func readYear(tx *store.Tx, year string, have Summary) (yearSet, error) {
	var y yearSet
	province := tx.Across() && tx.CommuneCount() > 1
	camps, err := tx.Campaigns(true)
	if err == nil && province {
		y.communes, err = tx.Communes()
	}
	if err != nil {
		return y, err
	}
	y.parts = []Summary{}
	for _, c := range camps {
		if c.Year() != year || province && !c.Province && c.ID != have.Campaign.ID {
			continue
		}
		s := have
		if have.Campaign.ID != c.ID || have.Units == nil {
			if s, err = Count(tx, c); err != nil {
				return y, err
			}
		}
		y.parts = append(y.parts, s)
	}
	return y, nil
}

// table sums the parts per unit, each campaign's results counted missing
// only once its results deadline has passed on day.
func (y yearSet) table(day input.Date) []YearRow {
	names := make(map[uint64]string, len(y.communes))
	for _, m := range y.communes {
		names[m.ID] = m.Name
	}
	at := map[uint64]int{}
	var rows []YearRow
	for _, p := range y.parts {
		overdue := campaign.Passed(p.Campaign, campaign.Results, day)
		for _, l := range p.Units {
			i, ok := at[l.Unit.ID]
			if !ok {
				i = len(rows)
				at[l.Unit.ID] = i
				rows = append(rows, YearRow{Unit: l.Unit, Commune: names[l.Unit.Commune]})
			}
			rows[i].MissingModels += l.MissingModels
		}
		for _, r := range p.Rows {
			rows[at[r.Unit.ID]].add(r.Reg, overdue)
		}
	}
	return y.sorted(rows)
}

// sorted puts rows in the units' order (store.SortUnits), the province's
// commune by commune in the communes' order.
func (y yearSet) sorted(rows []YearRow) []YearRow {
	units := make([]store.Unit, len(rows))
	for i, r := range rows {
		units[i] = r.Unit
	}
	store.SortUnits(units)
	pos := make(map[uint64]int, len(units)+len(y.communes))
	for i, u := range units {
		pos[u.ID] = i
	}
	commune := make(map[uint64]int, len(y.communes))
	for i, m := range y.communes {
		commune[m.ID] = i
	}
	slices.SortFunc(rows, func(a, b YearRow) int {
		if d := commune[a.Unit.Commune] - commune[b.Unit.Commune]; d != 0 {
			return d
		}
		return pos[a.Unit.ID] - pos[b.Unit.ID]
	})
	return rows
}

// add counts a registered model g in the row; its results are missing
// only when overdue.
func (y *YearRow) add(g *store.Registration, overdue bool) {
	y.Models++
	if g.Late {
		y.RegLate++
	} else {
		y.RegOnTime++
	}
	switch resultsOf(g) {
	case resultsLate:
		y.ResLate++
	case resultsOnTime:
		y.ResOnTime++
	case resultsOwed:
		if overdue {
			y.ResMissing++
		}
	}
	y.count(g.Evaluation)
}
