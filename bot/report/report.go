// Package report sums up a campaign for the office: who registered on time,
// late or not at all, models by field and kind, results and evaluations,
// and renders it as an Excel workbook and a CSV file to send upward.
package report

import (
	"sort"

	"github.com/dvkbot/dvkbot/store"
)

// Row is one registered model with its unit, for the model list.
type Row struct {
	Unit store.Unit
	Reg  store.Registration
}

// UnitLine is one participating unit's standing.
type UnitLine struct {
	Unit           store.Unit
	Models         int // registrations not withdrawn
	Late           bool
	ResultsMissing int // approved models without results
	Owes           bool
}

// Summary is a campaign's report.
type Summary struct {
	Campaign                       store.Campaign
	Units                          []UnitLine
	RegOnTime, RegLate, RegNone    int
	ByField, ByKind, Outcomes      map[string]int
	ResOnTime, ResLate, ResMissing int
	Rows                           []Row
}

// Build reads the campaign's units and registrations in tx. pastReg says
// whether the registration deadline has passed; a unit "owes" when it has
// fewer models than the minimum or approved models without results.
func Build(tx *store.Tx, c store.Campaign) (Summary, error) {
	s := Summary{Campaign: c, ByField: map[string]int{}, ByKind: map[string]int{}, Outcomes: map[string]int{}}
	units, err := tx.Units(false)
	if err != nil {
		return s, err
	}
	for _, u := range units {
		if !c.Includes(u.ID) {
			continue
		}
		line, rows, err := s.unit(tx, u)
		if err != nil {
			return s, err
		}
		s.Units = append(s.Units, line)
		s.Rows = append(s.Rows, rows...)
	}
	sort.SliceStable(s.Rows, func(i, j int) bool { return s.Rows[i].Reg.ID < s.Rows[j].Reg.ID })
	return s, nil
}

func (s *Summary) unit(tx *store.Tx, u store.Unit) (UnitLine, []Row, error) {
	regs, err := tx.UnitRegistrations(u.ID)
	if err != nil {
		return UnitLine{}, nil, err
	}
	line := UnitLine{Unit: u, Late: true}
	var rows []Row
	for _, g := range regs {
		if g.CampaignID != s.Campaign.ID || g.Status == store.StatusWithdrawn {
			continue
		}
		line.Models++
		line.Late = line.Late && g.Late
		rows = append(rows, Row{Unit: u, Reg: g})
		s.count(g, &line)
	}
	switch {
	case line.Models == 0:
		s.RegNone++
		line.Late = false
	case line.Late:
		s.RegLate++
	default:
		s.RegOnTime++
	}
	line.Owes = line.Models < s.Campaign.MinModels || line.ResultsMissing > 0
	return line, rows, nil
}

func (s *Summary) count(g store.Registration, line *UnitLine) {
	s.ByField[g.Model.Field]++
	s.ByKind[g.Model.Kind]++
	switch {
	case g.Results != nil && g.Results.Late:
		s.ResLate++
	case g.Results != nil:
		s.ResOnTime++
	case g.Status == store.StatusApproved:
		s.ResMissing++
		line.ResultsMissing++
	}
	if g.Evaluation != nil {
		s.Outcomes[g.Evaluation.Outcome]++
	}
}

// Owing lists the units that still owe something.
func (s Summary) Owing() []UnitLine {
	var out []UnitLine
	for _, l := range s.Units {
		if l.Owes {
			out = append(out, l)
		}
	}
	return out
}
