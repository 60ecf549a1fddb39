// Package report sums up a campaign for the office: who registered on time,
// late or not at all, models by field and kind, results and evaluations,
// and renders it as an Excel workbook and a CSV file to send upward.
package report

import (
	"fmt"
	"time"

	"github.com/dvkbot/dvkbot/bot/campaign"
	"github.com/dvkbot/dvkbot/store"
)

// Row is one registered model with its unit, for the model list.
type Row struct {
	Unit *store.Unit
	Reg  *store.Registration
}

// UnitLine is one participating unit's standing.
type UnitLine struct {
	Unit           store.Unit
	Models         int // registrations not withdrawn
	Late           bool
	ResultsMissing int  // models whose results are owed (campaign.NeedsResults)
	Owes           bool // campaign.Debt.Owes
	lateModels     int
}

// Summary is a campaign's report.
type Summary struct {
	Campaign                       store.Campaign
	Units                          []UnitLine
	RegOnTime, RegLate, RegNone    int
	ByField, ByKind, Outcomes      map[string]int
	ResOnTime, ResLate, ResMissing int
	Rows                           []Row // in registration order
}

// Build reads the campaign's units and registrations in tx, one pass over
// each. What a unit owes is campaign.Owes: fewer models than the minimum,
// or approved models without results.
func Build(tx *store.Tx, c store.Campaign) (Summary, error) {
	s := Summary{Campaign: c, ByField: map[string]int{}, ByKind: map[string]int{}, Outcomes: map[string]int{}}
	units, err := tx.Units(false)
	if err != nil {
		return s, err
	}
	regs, err := tx.Registrations(c.ID)
	if err != nil {
		return s, err
	}
	index := map[uint64]int{}
	for _, u := range campaign.Participants(c, units) {
		index[u.ID] = len(s.Units)
		s.Units = append(s.Units, UnitLine{Unit: u})
	}
	byUnit := map[uint64][]store.Registration{}
	for i := range regs {
		g := &regs[i]
		at, ok := index[g.UnitID]
		if !ok || g.Status == store.StatusWithdrawn {
			continue
		}
		byUnit[g.UnitID] = append(byUnit[g.UnitID], *g)
		s.count(g, &s.Units[at])
		s.Rows = append(s.Rows, Row{Unit: &s.Units[at].Unit, Reg: g})
	}
	for i := range s.Units {
		s.standing(&s.Units[i], byUnit[s.Units[i].Unit.ID])
	}
	return s, nil
}

func (s *Summary) count(g *store.Registration, line *UnitLine) {
	if g.Late {
		line.lateModels++
	}
	s.ByField[g.Model.Field]++
	s.ByKind[g.Model.Kind]++
	switch {
	case g.Results != nil && g.Results.Late:
		s.ResLate++
	case g.Results != nil:
		s.ResOnTime++
	case campaign.NeedsResults(*g):
		s.ResMissing++
	}
	if g.Evaluation != nil {
		s.Outcomes[g.Evaluation.Outcome]++
	}
}

// standing sorts a unit into on time, late (every model late) or none,
// and says what it owes, from its registrations regs.
func (s *Summary) standing(l *UnitLine, regs []store.Registration) {
	d := campaign.Owes(s.Campaign, l.Unit, regs)
	l.Models, l.ResultsMissing, l.Owes = len(d.Models), len(d.MissingResults), d.Owes()
	l.Late = l.Models > 0 && l.lateModels == l.Models
	switch {
	case l.Models == 0:
		s.RegNone++
	case l.Late:
		s.RegLate++
	default:
		s.RegOnTime++
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

// Snapshot is a campaign's report as read in one transaction, and when.
// It holds copies, not the database's memory, so it is rendered after the
// transaction ends wherever the caller allows.
type Snapshot struct {
	Summary
	At time.Time // the transaction's time
}

// Read builds the snapshot of campaign c in tx.
func Read(tx *store.Tx, c store.Campaign) (Snapshot, error) {
	s, err := Build(tx, c)
	return Snapshot{Summary: s, At: tx.Now()}, err
}

// Render makes a file of the snapshot: "xlsx" (the workbook), "csv" or
// "png" (the chart).
func (s Snapshot) Render(format string, t Text, loc *time.Location) ([]byte, error) {
	switch format {
	case "xlsx":
		return Workbook(s.Summary, t, loc)
	case "csv":
		return CSV(s.Summary, t, loc)
	case "png":
		return Chart(s.Summary, t)
	}
	return nil, fmt.Errorf("report: no format %q", format)
}
