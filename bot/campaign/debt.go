package campaign

import "github.com/dvkbot/dvkbot/store"

// Debt is what a unit owes in a campaign.
type Debt struct {
	Models         []store.Registration // its active (not withdrawn) models, in order
	MissingModels  int                  // models short of the campaign's minimum
	MissingResults []store.Registration // models whose results are owed
}

// NeedsResults reports whether the unit owes the results of g: it is not
// withdrawn and nothing was reported. A registration waiting for the
// office, or returned for changes, owes them too: no model falls out of
// the chase because the office has not received it yet.
func NeedsResults(g store.Registration) bool {
	return g.Status != store.StatusWithdrawn && g.Results == nil
}

// MayReport reports whether the unit may file or change the results of g:
// it is not withdrawn and the office has not evaluated it.
func MayReport(g store.Registration) bool {
	return g.Status != store.StatusWithdrawn && g.Evaluation == nil
}

// Active are the registrations of c in regs that are not withdrawn.
func Active(c store.Campaign, regs []store.Registration) []store.Registration {
	out := make([]store.Registration, 0, len(regs))
	for _, g := range regs {
		if active(c, g) {
			out = append(out, g)
		}
	}
	return out
}

func active(c store.Campaign, g store.Registration) bool {
	return g.CampaignID == c.ID && g.Status != store.StatusWithdrawn
}

// Owes is what u owes in c, from regs (any registrations: those of other
// campaigns or units are ignored).
func Owes(c store.Campaign, u store.Unit, regs []store.Registration) Debt {
	var d Debt
	for _, g := range regs {
		if !active(c, g) || g.UnitID != u.ID {
			continue
		}
		if d.Models == nil {
			d.Models = make([]store.Registration, 0, len(regs))
		}
		d.Models = append(d.Models, g)
		if NeedsResults(g) {
			d.MissingResults = append(d.MissingResults, g)
		}
	}
	d.MissingModels = max(c.MinModels-len(d.Models), 0)
	return d
}

// Owes reports whether anything is owed.
func (d Debt) Owes() bool { return d.MissingModels > 0 || len(d.MissingResults) > 0 }

// For is the part of d owed for a deadline of that kind: the missing
// models for registration, the missing results for results.
func (d Debt) For(kind DeadlineKind) Debt {
	out := Debt{Models: d.Models}
	switch kind {
	case Registration:
		out.MissingModels = d.MissingModels
	case Results:
		out.MissingResults = d.MissingResults
	}
	return out
}

// Numbers are the registration numbers of regs, in order.
func Numbers(regs []store.Registration) []string {
	out := make([]string, len(regs))
	for i, g := range regs {
		out[i] = g.Number
	}
	return out
}
