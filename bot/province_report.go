package bot

import (
	"errors"
	"strconv"
	"strings"

	"github.com/dvkbot/dvkbot/bot/report"
	"github.com/dvkbot/dvkbot/locales"
	"github.com/dvkbot/dvkbot/store"
)

// Buttons of the province's /report.
const (
	routeRollupCommune route = "vr" // "vr:<campaign>:<commune>": one commune's summary
	routeRollupPick    route = "vp" // "vp:<campaign>:<page>": communes to pick
	routeRollupXLSX    route = "vx" // "vx:<campaign>:<commune>": one commune's workbook
)

// provinceReaders: the province's office and its leadership, the only
// ones who see more than one commune.
func provinceReaders(r role) bool { return r.is(roleProvince | roleProvinceViewer) }

// The routes are the province's; each handler also refuses a request
// scoped to a commune, so a commune admin's forged button is stale twice
// over.
var rollupActions = []action{
	{route: routeRollupCommune, private: true, who: provinceReaders, run: rollupCommune(false)},
	{route: routeRollupXLSX, private: true, who: provinceReaders, run: rollupCommune(true)},
	{route: routeRollupPick, private: true, who: provinceReaders, run: (*request).rollupPickAction},
}

// communesPerPage are the commune buttons shown at once: a province has
// about a hundred, more than a message's keyboard should hold.
const communesPerPage = 20

// provinceView reports whether the request sees the province: unscoped
// (the province's office) in a deployment of several communes.
func (r *request) provinceView() bool { return r.commune() == 0 && r.province() }

// rollup reads the province campaign c in every commune it includes: the
// one read across communes an update of the province's office makes (see
// AcrossCommunes; TestCrossingsAreListed keeps it so).
func (r *request) rollup(c store.Campaign) (ro report.Rollup, err error) {
	err = r.tx.AcrossCommunes(func() error { ro, err = report.BuildRollup(r.tx, c); return err })
	ro = ro.On(r.today()) // as the paper counts: no results "chưa nộp" before their deadline
	return ro, err
}

// provinceReport is /report for the province: the roll-up of the latest
// open province campaign.
func (r *request) provinceReport() error {
	camps, err := r.provinceCampaigns(false)
	if err != nil {
		return err
	}
	if len(camps) == 0 {
		return r.reply(r.t("province_report_none", nil), nil)
	}
	return r.sendRollup(camps[0])
}

// provinceCampaigns are the campaigns the province launched, the newest
// deadline first.
func (r *request) provinceCampaigns(withClosed bool) ([]store.Campaign, error) {
	all, err := r.tx.Campaigns(withClosed)
	var out []store.Campaign
	for _, c := range all {
		if c.Province {
			out = append(out, c)
		}
	}
	return out, err
}

// sendRollup is the roll-up's text, a line a commune (those behind
// first), with the workbook, the first page of commune buttons and the
// province's other campaigns.
func (r *request) sendRollup(c store.Campaign) error {
	ro, err := r.rollup(c)
	if err != nil {
		return err
	}
	n := strconv.Itoa
	t := ro.Total
	text := r.t("province_report_head", locales.Args{"Campaign": c.Name, "Count": n(len(ro.Lines)), "Units": n(t.Units),
		"OnTime": n(t.RegOnTime), "Late": n(t.RegLate), "None": n(t.RegNone), "Models": n(t.Models), "Results": n(t.Results),
		"ResMissing": n(t.ResultsMissing), "Recognised": n(t.Recognised), "Exemplary": n(t.Exemplary)})
	lines := make([]string, len(ro.Lines))
	for i, l := range ro.Lines {
		lines[i] = r.rollupLine(l)
	}
	id := idArg(c.ID)
	kb := [][]store.Button{{{Text: r.label("btn_export_xlsx"), Data: routeReportXLSX.data(id)}, {Text: r.label("btn_export_csv"), Data: routeReportCSV.data(id)}}}
	kb = append(kb, r.communeButtons(c, ro.Lines, 0)...)
	others, err := r.provinceCampaigns(true)
	if err != nil {
		return err
	}
	for _, o := range others {
		if o.ID != c.ID {
			kb = append(kb, []store.Button{{Text: "🚩 " + o.Name, Data: routeReportCampaign.data(idArg(o.ID))}})
		}
	}
	return r.reply(text+"\n"+strings.Join(lines, "\n"), kb)
}

// rollupLine is one commune's line of the roll-up.
func (r *request) rollupLine(l report.CommuneLine) string {
	n := strconv.Itoa
	return r.t("province_report_line", locales.Args{"Name": l.Commune.Name, "Owing": n(l.Owing), "Units": n(l.Units),
		"OnTime": n(l.RegOnTime), "Late": n(l.RegLate), "None": n(l.RegNone), "Results": n(l.Results),
		"ResMissing": n(l.ResultsMissing), "Recognised": n(l.Recognised), "Exemplary": n(l.Exemplary)})
}

// communeButtons are a page of the communes, two a row, in the roll-up's
// order, and the pager.
func (r *request) communeButtons(c store.Campaign, lines []report.CommuneLine, page int) [][]store.Button {
	pages := max((len(lines)+communesPerPage-1)/communesPerPage, 1)
	page = min(max(page, 0), pages-1)
	var kb [][]store.Button
	var row []store.Button
	for _, l := range lines[min(page*communesPerPage, len(lines)):min(len(lines), (page+1)*communesPerPage)] {
		row = append(row, store.Button{Text: l.Commune.Name, Data: routeRollupCommune.data(idArg(c.ID), idArg(l.Commune.ID))})
		if len(row) == 2 {
			kb, row = append(kb, row), nil
		}
	}
	if row != nil {
		kb = append(kb, row)
	}
	var pager []store.Button
	if page > 0 {
		pager = append(pager, store.Button{Text: "⬅️ " + strconv.Itoa(page), Data: routeRollupPick.data(idArg(c.ID), strconv.Itoa(page-1))})
	}
	if page+1 < pages {
		pager = append(pager, store.Button{Text: strconv.Itoa(page+2) + " ➡️", Data: routeRollupPick.data(idArg(c.ID), strconv.Itoa(page+1))})
	}
	if pager != nil {
		kb = append(kb, pager)
	}
	return kb
}

// rollupPickAction handles "vp:<campaign>:<page>": a page of communes.
func (r *request) rollupPickAction(arg string) error {
	if !r.provinceView() {
		return errStale
	}
	cid, p, _ := strings.Cut(arg, ":")
	page, err := strconv.Atoi(p)
	if err != nil {
		return errStale
	}
	c, err := r.campaignFromArg(cid)
	if err != nil {
		return err
	}
	ro, err := r.rollup(c)
	if err != nil {
		return err
	}
	pages := max((len(ro.Lines)+communesPerPage-1)/communesPerPage, 1)
	page = min(max(page, 0), pages-1)
	return r.reply(r.t("province_pick_commune", locales.Args{"Page": strconv.Itoa(page + 1), "Pages": strconv.Itoa(pages)}),
		r.communeButtons(c, ro.Lines, page))
}

// rollupCommune handles "vr:<campaign>:<commune>" (the commune's summary,
// as its own office sees it) and, with workbook, "vx:…" (its workbook on
// its own paper). The transaction is scoped to the commune while the
// summary is read, then lifted: the commune's own dates apply, and
// nothing of another commune is read. A request that is not the
// province's is refused before anything is read.
func rollupCommune(workbook bool) func(r *request, arg string) error {
	return func(r *request, arg string) error {
		if !r.provinceView() {
			return errStale
		}
		cid, mid, _ := strings.Cut(arg, ":")
		m, err := fromArg(mid, r.tx.Commune)
		if err != nil {
			return err
		}
		id, err := strconv.ParseUint(cid, 10, 64)
		if err != nil {
			return errStale
		}
		return r.tx.InCommune(m.ID, func() error { return r.communeSummary(m, id, workbook) })
	}
}

// communeSummary is one commune's summary (or workbook) of campaign id,
// read in that commune's place.
func (r *request) communeSummary(m store.Commune, id uint64, workbook bool) error {
	c, err := r.tx.Campaign(id)
	if errors.Is(err, store.ErrNotFound) {
		return r.reply(r.t("province_commune_not_in", locales.Args{"Name": m.Name}), nil)
	}
	if err != nil {
		return err
	}
	if !c.Province {
		return errStale // a commune's own campaign is the commune's
	}
	if workbook {
		return r.sendExport(c, "xlsx")
	}
	s, err := report.Count(r.tx, c)
	if err != nil {
		return err
	}
	kb := [][]store.Button{{{Text: r.label("btn_commune_xlsx"), Data: routeRollupXLSX.data(idArg(c.ID), idArg(m.ID))}}}
	return r.reply(r.t("province_commune_head", locales.Args{"Name": m.Name})+"\n"+r.reportText(s)+"\n"+r.deadlineLines(c), kb)
}

// provinceUnitReport is /report <name> for the province: the units of
// every commune that match, a unit's own name before a part of one. Two
// communes may each have a "Chi bộ thôn Đông": then each is a button, by
// its id, that names its commune.
func (r *request) provinceUnitReport(name string) error {
	var units []store.Unit
	if err := r.tx.AcrossCommunes(func() (err error) { units, err = r.tx.Units(true); return err }); err != nil {
		return err
	}
	want := store.Fold(name)
	var found []store.Unit
	for _, u := range units {
		if store.Fold(u.Name) == want {
			found = append(found, u)
		}
	}
	if len(found) == 0 {
		found = store.FindUnits(units, name) // a part of a name
	}
	switch len(found) {
	case 0:
		return r.reply(r.t("report_no_unit", locales.Args{"Name": name}), nil)
	case 1:
		return r.provinceUnitDetail(found[0])
	}
	var kb [][]store.Button
	for _, u := range found {
		m, err := r.anyCommune(u.Commune)
		if err != nil {
			return err
		}
		kb = append(kb, []store.Button{{Text: u.Name + " · " + m.Name, Data: routeReportUnit.data(idArg(u.ID))}})
	}
	return r.reply(r.t("report_pick_match", locales.Args{"Name": name}), kb)
}

// provinceUnitAction is "rd:<unit>" for the province: the unit its id
// names, of whichever commune.
func (r *request) provinceUnitAction(arg string) error {
	var u store.Unit
	if err := r.tx.AcrossCommunes(func() (err error) { u, err = r.unitFromArg(arg); return err }); err != nil {
		return err
	}
	return r.provinceUnitDetail(u)
}

// provinceUnitDetail is a unit's detail as its commune's office sees it,
// headed by the commune's name: read scoped to the commune, so its own
// dates apply and nothing of another commune is read.
func (r *request) provinceUnitDetail(u store.Unit) error {
	m, err := r.anyCommune(u.Commune)
	if err != nil {
		return err
	}
	head := r.t("province_commune_head", locales.Args{"Name": m.Name})
	return r.within(u.Commune, func() error { return r.unitProgressDetail(u, head) })
}
