package report

import (
	"github.com/dvkbot/dvkbot/bot/campaign"
	"github.com/dvkbot/dvkbot/store"
)

// YearRow is one unit's line of the year-end table, for the annual rating
// of units (issue 14, item 6): its models registered in the year's
// campaigns, on time or late, their results on time, late or missing,
// and the Đảng ủy's outcomes. /report shows it in the chat, and the
// workbook has it as the sheet "Tổng kết năm" (xlsx_yearend.go).
type YearRow struct {
	Unit                           store.Unit
	Models, RegOnTime, RegLate     int
	ResOnTime, ResLate, ResMissing int
	Recognised, Exemplary, NotMet  int
	MissingModels                  int // short of the campaigns' minimums
}

// YearEnd builds the table over the campaigns of one year (c.Year() ==
// year), one row per unit taking part in any of them, in the units'
// order. Withdrawn registrations do not count.
func YearEnd(tx *store.Tx, year string) ([]YearRow, error) {
	camps, err := tx.Campaigns(true)
	if err != nil {
		return nil, err
	}
	units, err := tx.Units(false)
	if err != nil {
		return nil, err
	}
	var rows []YearRow
	for _, u := range units {
		row, in := YearRow{Unit: u}, false
		regs, err := tx.UnitRegistrations(u.ID)
		if err != nil {
			return nil, err
		}
		for _, c := range camps {
			if c.Year() != year || !c.Includes(u) {
				continue
			}
			in = true
			d := campaign.Owes(c, u, regs)
			row.MissingModels += d.MissingModels
			for _, g := range d.Models {
				row.Models++
				if g.Late {
					row.RegLate++
				} else {
					row.RegOnTime++
				}
				switch {
				case g.Results == nil:
					row.ResMissing++
				case g.Results.Late:
					row.ResLate++
				default:
					row.ResOnTime++
				}
				if e := g.Evaluation; e != nil {
					switch e.Outcome {
					case store.OutcomeRecognised:
						row.Recognised++
					case store.OutcomeExemplary:
						row.Exemplary++
					case store.OutcomeNotMet:
						row.NotMet++
					}
				}
			}
		}
		if in {
			rows = append(rows, row)
		}
	}
	return rows, nil
}
