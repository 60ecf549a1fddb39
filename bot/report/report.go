// Package report sums up a campaign for the office: who registered on time,
// late or not at all, models by field and kind, results and evaluations,
// and renders it as an Excel workbook and a CSV file to send upward.
package report

import (
	"errors"
	"fmt"
	"time"

	"github.com/dvkbot/dvkbot/bot/campaign"
	"github.com/dvkbot/dvkbot/bot/input"
	"github.com/dvkbot/dvkbot/store"
)

// Row is one registered model with its unit, for the model list.
type Row struct {
	Unit *store.Unit
	Reg  *store.Registration
}

// UnitLine is one participating unit's standing.
type UnitLine struct {
	Unit store.Unit
	// Models are its registrations the office has received
	// (campaign.Received): on paper, the unit registered them.
	Models int
	// Waiting are its registrations sent and waiting for the office to
	// receive them (tiếp nhận): not registered on paper yet, but not to
	// be listed as never filed either.
	Waiting        int
	Late           bool
	ResultsMissing int  // models whose results are owed (campaign.NeedsResults)
	Owes           bool // campaign.Debt.Owes
	MissingModels  int  // models short of the campaign's minimum
	// MissingResults are the numbers (DVK-…) of the models owing results.
	MissingResults []string
	Secretaries    []Secretary // of a unit that owes, to chase
	lateModels     int
}

// Secretary is whom the office calls about a unit: a name and, if the
// person has one, a Telegram username.
type Secretary struct {
	Name, Username string
}

// FieldLine is one row of the by-field table: models registered by kind,
// results reported and the office's outcomes.
type FieldLine struct {
	Collective, Individual int
	Results                int
	Evaluations
}

// Evaluations counts the office's outcomes of models: the by-field
// table's, a commune's line in the province's table and a unit's row at
// the year's end each count them here, the one place that knows which
// outcome goes in which column.
type Evaluations struct {
	Recognised, Exemplary, NotMet int
	// Proposed are the models the Đảng ủy proposes for recognition by
	// the level above (đề nghị cấp trên công nhận): what that level acts
	// on (review F9).
	Proposed int
	// Levels count the recognised models (công nhận, điển hình) by
	// outcome and the level they are recognised at
	// (store.Evaluation.RecognisedAt); nil until one is counted.
	Levels map[Recognition]int
}

// Recognition is an outcome that recognises a model, at a level.
type Recognition struct{ Outcome, Level string }

// count counts one model's evaluation; nil (not evaluated yet) counts
// nothing.
func (v *Evaluations) count(e *store.Evaluation) {
	if e == nil {
		return
	}
	switch e.Outcome {
	case store.OutcomeRecognised:
		v.Recognised++
	case store.OutcomeExemplary:
		v.Exemplary++
	case store.OutcomeNotMet:
		v.NotMet++
	}
	if e.ProposeHigher {
		v.Proposed++
	}
	if level := e.RecognisedAt(); level != "" {
		v.addLevel(Recognition{e.Outcome, level}, 1)
	}
}

func (v *Evaluations) addLevel(k Recognition, n int) {
	if v.Levels == nil {
		v.Levels = map[Recognition]int{}
	}
	v.Levels[k] += n
}

// add sums o into v, for a total row.
func (v *Evaluations) add(o Evaluations) {
	v.Recognised, v.Exemplary, v.NotMet = v.Recognised+o.Recognised, v.Exemplary+o.Exemplary, v.NotMet+o.NotMet
	v.Proposed += o.Proposed
	for k, n := range o.Levels {
		v.addLevel(k, n)
	}
}

// AtLevels are the models of a recognising outcome by level, every one
// of store.Levels present: for a line that lists them all.
func (v Evaluations) AtLevels(outcome string) map[string]int {
	out := make(map[string]int, len(store.Levels))
	for _, l := range store.Levels {
		out[l] = v.Levels[Recognition{outcome, l}]
	}
	return out
}

// RecognisingOutcomes are the outcomes of store.Outcomes that recognise a
// model, in their order: the ones counted by level.
func RecognisingOutcomes() []string {
	var out []string
	for _, o := range store.Outcomes {
		if (store.Evaluation{Outcome: o}).Recognised() {
			out = append(out, o)
		}
	}
	return out
}

// Registered is the row's models of both kinds.
func (l FieldLine) Registered() int { return l.Collective + l.Individual }

// add counts one model in the row.
func (l *FieldLine) add(g *store.Registration) {
	if g.Model.Kind == store.KindIndividual {
		l.Individual++
	} else {
		l.Collective++
	}
	if g.Results != nil {
		l.Results++
	}
	l.count(g.Evaluation)
}

// fieldOf is the by-field table's row a model's field goes to: its own,
// one of store.ModelFields, and any field the table does not know is
// counted with store.FieldOther ("Khác").
func fieldOf(f string) string {
	for _, k := range store.ModelFields {
		if k == f {
			return f
		}
	}
	return store.FieldOther
}

// Summary is a campaign's report.
type Summary struct {
	Campaign                    store.Campaign
	Units                       []UnitLine
	RegOnTime, RegLate, RegNone int
	ByField, ByKind             map[string]int // models; their outcomes are counted in Table (Total)
	// ByNovelty counts the models new and kept ("duy trì, nhân rộng",
	// seed 000) by NoveltyOf; ByAgainst the results by their standing
	// against the registered targets (seed 001, II.5). "" counts the
	// older records that did not say.
	ByNovelty, ByAgainst           map[string]int
	ResOnTime, ResLate, ResMissing int
	Rows                           []Row                 // in registration order
	Table                          map[string]*FieldLine // by fieldOf
	People, Households, Money      int64                 // the results' totals; people and households apart (never added)
	Measures                       []Measure             // the other measures, summed
	Year                           []YearRow             // the year-end table of the campaign's year (Read, then On)
	// Communes are the communes taking part, by name, when the summary
	// was read for the province (unscoped, in a deployment of several
	// communes); nil for one commune's. The workbook then names each
	// model's commune and adds the sheet by commune.
	Communes []store.Commune
	measures measures
	brief    bool    // read by Count: for counting, not for the files
	notDue   bool    // On a day before the results deadline: nothing is "chưa nộp"
	year     yearSet // what Read read for the year-end table; On makes Year of it
}

// On is the summary as the paper dated day shows it: results are
// missing ("Chưa báo cáo kết quả", "Chưa nộp") only once the results
// deadline has passed (campaign.Passed); before it none are, they are
// not due yet. The year-end table of a summary that Read made is counted
// on that day too, campaign by campaign, so the two agree.
func (s Summary) On(day input.Date) Summary {
	if !campaign.Passed(s.Campaign, campaign.Results, day) {
		s.ResMissing, s.notDue = 0, true
	}
	if s.year.parts != nil {
		s.Year = s.year.table(day)
	}
	return s
}

// Total is the by-field table's total row.
func (s Summary) Total() FieldLine {
	var t FieldLine
	for _, l := range s.Table {
		t.Collective, t.Individual, t.Results = t.Collective+l.Collective, t.Individual+l.Individual, t.Results+l.Results
		t.Evaluations.add(l.Evaluations)
	}
	return t
}

// TableFields are the fields the by-field table shows: the plan's, in
// store.ModelFields' order, and "Khác" (store.FieldOther) only when a
// model is in it.
func (s Summary) TableFields() []string {
	var out []string
	for _, f := range store.ModelFields {
		if f != store.FieldOther || s.Table[f] != nil {
			out = append(out, f)
		}
	}
	return out
}

// Build reads the campaign's units and registrations in tx, one pass over
// each. What a unit owes is campaign.Owes: fewer models than the minimum,
// or approved models without results.
func Build(tx *store.Tx, c store.Campaign) (Summary, error) {
	return build(tx, c, tx.Registrations)
}

// Count is Build for a summary that is read, not filed: /report, the
// province's roll-up and digest, a commune's detail. Its Rows hold brief
// registrations (store.Tx.RegistrationsBrief), enough for every count;
// the files that list models (Workbook, Draft, CSV) refuse it with
// ErrBrief, while Chart, which only counts, accepts it.
func Count(tx *store.Tx, c store.Campaign) (Summary, error) {
	s, err := build(tx, c, tx.RegistrationsBrief)
	s.brief = true
	return s, err
}

// ErrBrief: a file was asked of a summary read by Count.
var ErrBrief = errors.New("report: a counted summary has no texts to file; read it with Build")

// filed is ErrBrief for a summary of Count.
func (s Summary) filed() error {
	if s.brief {
		return ErrBrief
	}
	return nil
}

func build(tx *store.Tx, c store.Campaign, registrations func(uint64) ([]store.Registration, error)) (Summary, error) {
	s := Summary{Campaign: c, ByField: map[string]int{}, ByKind: map[string]int{}, ByNovelty: map[string]int{}, ByAgainst: map[string]int{},
		Table: map[string]*FieldLine{}}
	units, err := tx.Units(false)
	if err != nil {
		return s, err
	}
	regs, err := registrations(c.ID)
	if err != nil {
		return s, err
	}
	if tx.Across() && tx.CommuneCount() > 1 {
		if s.Communes, err = participating(tx, c); err != nil {
			return s, err
		}
	}
	index := map[uint64]int{}
	for _, u := range campaign.Participants(c, units) {
		if !c.For(u.Commune) {
			continue // unscoped: another commune's unit, or one left out of a province campaign
		}
		index[u.ID] = len(s.Units)
		s.Units = append(s.Units, UnitLine{Unit: u})
	}
	var mine []int // regs' indices of the campaign's units, in order: what they owe
	for i := range regs {
		g := &regs[i]
		at, ok := index[g.UnitID]
		if !ok || g.Status == store.StatusWithdrawn {
			continue
		}
		mine = append(mine, i)
		if !campaign.Received(*g) {
			if g.Status == store.StatusSubmitted {
				s.Units[at].Waiting++
			}
			continue // chased (standing), not yet registered on paper
		}
		s.count(g, &s.Units[at])
		s.Rows = append(s.Rows, Row{Unit: &s.Units[at].Unit, Reg: g})
	}
	byUnit := groupByUnit(regs, mine)
	for i := range s.Units {
		s.standing(&s.Units[i], byUnit[s.Units[i].Unit.ID])
		if s.Units[i].Owes {
			s.Units[i].Secretaries = secretaries(tx, s.Units[i].Unit.ID)
		}
	}
	s.Measures = s.measures.list
	return s, nil
}

// groupByUnit is regs[mine] by unit, each unit's in order: one array
// for all of them, not a slice grown per unit.
func groupByUnit(regs []store.Registration, mine []int) map[uint64][]store.Registration {
	count := map[uint64]int{}
	for _, i := range mine {
		count[regs[i].UnitID]++
	}
	all := make([]store.Registration, 0, len(mine))
	out := make(map[uint64][]store.Registration, len(count))
	for _, i := range mine {
		id := regs[i].UnitID
		if out[id] == nil {
			start := len(all)
			all = all[:start+count[id]]
			out[id] = all[start : start : start+count[id]]
		}
		out[id] = append(out[id], regs[i])
	}
	return out
}

// secretaries are the names and usernames of a unit's secretaries.
func secretaries(tx *store.Tx, unitID uint64) []Secretary {
	var out []Secretary
	for _, id := range tx.Secretaries(unitID) {
		if u, err := tx.User(id); err == nil {
			out = append(out, Secretary{Name: input.CleanName(u.Name()), Username: u.Username})
		}
	}
	return out
}

// count counts a registered model g of the unit line.
func (s *Summary) count(g *store.Registration, line *UnitLine) {
	line.Models++
	if g.Late {
		line.lateModels++
	}
	s.ByField[g.Model.Field]++
	s.ByKind[g.Model.Kind]++
	s.ByNovelty[NoveltyOf(*g)]++
	s.tally(g)
	switch resultsOf(g) {
	case resultsLate:
		s.ResLate++
	case resultsOnTime:
		s.ResOnTime++
	case resultsOwed:
		s.ResMissing++
	}
}

// tally counts g in the by-field table and sums its results' figures.
func (s *Summary) tally(g *store.Registration) {
	f := fieldOf(g.Model.Field)
	if s.Table[f] == nil {
		s.Table[f] = &FieldLine{}
	}
	s.Table[f].add(g)
	if g.Results != nil {
		s.ByAgainst[g.Results.Against]++
		s.People += g.Results.People
		s.Households += g.Results.Households
		s.Money += g.Results.Money
		s.measures.add(g.Results.Measures)
	}
}

// resultState is where a registered model stands with its results.
type resultState int

const (
	resultsOwed resultState = iota // none yet: "chưa nộp" once the deadline passed (Summary.On)
	resultsOnTime
	resultsLate
	resultsNone // not owed (withdrawn)
)

// resultsOf sorts g's results: on time, late, or owed.
func resultsOf(g *store.Registration) resultState {
	switch {
	case g.Results != nil && g.Results.Late:
		return resultsLate
	case g.Results != nil:
		return resultsOnTime
	case campaign.NeedsResults(*g):
		return resultsOwed
	}
	return resultsNone
}

// standing sorts a unit into on time, late (every registered model
// late) or none, and says what it owes, from its registrations regs: a
// model the office has not received yet is owed for like any other.
func (s *Summary) standing(l *UnitLine, regs []store.Registration) {
	d := campaign.Owes(s.Campaign, l.Unit, regs)
	l.ResultsMissing, l.Owes = len(d.MissingResults), d.Owes()
	l.MissingModels, l.MissingResults = d.MissingModels, campaign.Numbers(d.MissingResults)
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

// NoveltyOf is whether g is a new model or one kept ("duy trì, nhân
// rộng"): as the unit said, or, in an older record that did not say, kept
// if it carries on an earlier model; "" if nothing says.
func NoveltyOf(g store.Registration) string {
	switch {
	case g.Model.Novelty != "":
		return g.Model.Novelty
	case g.CarriedFrom != 0:
		return store.NoveltyKept
	}
	return ""
}

// ProposedUp are the models the Đảng ủy proposes for recognition by the
// level above, in registration order: the ones that level acts on.
func (s Summary) ProposedUp() []Row {
	var out []Row
	for _, r := range s.Rows {
		if r.Reg == nil {
			continue
		}
		if e := r.Reg.Evaluation; e != nil && e.ProposeHigher {
			out = append(out, r)
		}
	}
	return out
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

// Read builds the snapshot of campaign c in tx, with what the year-end
// table of its year needs (readYear); Render counts both on the paper's
// day (On).
func Read(tx *store.Tx, c store.Campaign) (Snapshot, error) {
	s, err := Build(tx, c)
	if err == nil {
		s.year, err = readYear(tx, c.Year(), s)
	}
	return Snapshot{Summary: s, At: tx.Now()}, err
}

// Render makes a file of the snapshot: "xlsx" (the workbook), "docx"
// (the written report's draft), "csv" or "png" (the chart). The paper is
// dated the snapshot's day unless p says otherwise, and counted on that day
// (Summary.On).
func (s Snapshot) Render(format string, p Paper) ([]byte, error) {
	if p.Day.IsZero() {
		p.Day = s.At
	}
	loc := p.Loc
	if loc == nil {
		loc = time.UTC
	}
	s.Summary = s.Summary.On(input.DateOf(p.Day, loc))
	switch format {
	case "xlsx":
		return Workbook(s.Summary, p)
	case "docx":
		return Draft(s.Summary, p)
	case "csv":
		return CSV(s.Summary, p.T, p.Loc)
	case "png":
		return Chart(s.Summary, p.T)
	}
	return nil, fmt.Errorf("report: no format %q", format)
}
