package bot

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/dvkbot/dvkbot/bot/report"
	"github.com/dvkbot/dvkbot/locales"
	"github.com/dvkbot/dvkbot/store"
)

// Buttons served here.
const (
	routeReport         route = "rq" // the report's campaign choice
	routeReportCampaign route = "rp" // "rp:<campaign>": its summary
	routeReportXLSX     route = "rx" // "rx:<campaign>": the workbook
	routeReportCSV      route = "rc" // "rc:<campaign>": the CSV
	routeReportDOCX     route = "rb" // "rb:<campaign>": the written report's draft
	routeReportChart    route = "rh" // "rh:<campaign>": the chart
	routeReportUnits    route = "ru" // "ru:<page>": units to pick
	routeReportUnit     route = "rd" // "rd:<unit>": one unit's detail
)

var reportActions = []action{
	{route: routeReport, private: true, who: readers, run: func(r *request, _ string) error { return r.reportCmd() }},
	{route: routeReportCampaign, private: true, who: readers, run: reportAction(routeReportCampaign)},
	{route: routeReportXLSX, private: true, who: readers, run: reportAction(routeReportXLSX)},
	{route: routeReportCSV, private: true, who: readers, run: reportAction(routeReportCSV)},
	{route: routeReportDOCX, private: true, who: readers, run: reportAction(routeReportDOCX)},
	{route: routeReportChart, private: true, who: readers, run: reportAction(routeReportChart)},
	{route: routeReportUnits, private: true, who: readers, run: (*request).reportUnitsAction},
	{route: routeReportUnit, private: true, who: readers, run: (*request).reportUnitAction},
}

// reportCmd is /report [unit]: the office gets the campaign summary (or a
// unit's detail); a secretary gets their own unit's view; the province's
// office, in a deployment of several communes, the roll-up by commune.
func (r *request) reportCmd() error {
	if !readers(r.role()) {
		return r.status()
	}
	if name := strings.TrimSpace(r.u.Args); name != "" {
		return r.unitReport(name)
	}
	if r.provinceView() {
		return r.provinceReport()
	}
	camps, err := r.tx.Campaigns(false)
	if err != nil {
		return err
	}
	if len(camps) == 0 {
		return r.reply(r.t("campaigns_empty", nil), nil)
	}
	return r.sendReport(camps[0])
}

func (r *request) unitReport(name string) error {
	if r.provinceView() {
		return r.provinceUnitReport(name)
	}
	units, err := r.tx.Units(true)
	if err != nil {
		return err
	}
	found := store.FindUnits(units, name) // "chi bo thon dong", or a part of a name
	switch {
	case len(found) == 0:
		return r.reply(r.t("report_no_unit", locales.Args{"Name": name}), nil)
	case len(found) > 1:
		var kb [][]store.Button
		for _, u := range found {
			kb = append(kb, []store.Button{{Text: u.Name, Data: routeReportUnit.data(idArg(u.ID))}})
		}
		return r.reply(r.t("report_pick_match", locales.Args{"Name": name}), kb)
	}
	return r.unitProgressDetail(found[0], "")
}

// unitProgressDetail is a unit's progress in each open campaign it takes
// part in, under head when there is one.
func (r *request) unitProgressDetail(u store.Unit, head string) error {
	camps, err := r.tx.Campaigns(false)
	if err != nil {
		return err
	}
	var parts []string
	for _, c := range camps {
		if c.Includes(u) {
			text, _, err := r.unitProgress(target{campaign: c, unit: u})
			if err != nil {
				return err
			}
			parts = append(parts, text+"\n"+r.deadlineLines(c))
		}
	}
	if len(parts) == 0 {
		parts = []string{r.t("register_nothing_open", nil)}
	}
	if head != "" {
		parts[0] = head + "\n" + parts[0]
	}
	var kb [][]store.Button
	if r.role().is(roleAdmin) {
		kb = [][]store.Button{{{Text: r.label("btn_evidence_zip"), Data: routeEvidenceZip.data(idArg(u.ID))}}}
	}
	return r.reply(strings.Join(parts, "\n\n"), kb)
}

func (r *request) sendReport(c store.Campaign) error {
	if r.provinceView() {
		return r.sendRollup(c)
	}
	s, err := report.Count(r.tx, c)
	if err != nil {
		return err
	}
	kb, err := r.reportButtons(c)
	if err != nil {
		return err
	}
	return r.reply(r.reportText(s), kb)
}

// countLine is a count for each value of the model's vocabulary, every
// one listed ("Lĩnh vực khác 0" too), so that the line adds up to the
// models: "Kinh tế 2 · Văn hóa - xã hội 1 · … · Lĩnh vực khác 0".
func (r *request) countLine(prefix string, values []string, counts map[string]int) string {
	parts := make([]string, len(values))
	for i, v := range values {
		parts[i] = r.label(prefix+v) + " " + strconv.Itoa(counts[v])
	}
	return strings.Join(parts, " · ")
}

func (r *request) reportText(s report.Summary) string {
	s = s.On(r.today()) // as the paper counts: no results "chưa nộp" before their deadline
	n := func(v int) string { return strconv.Itoa(v) }
	total := s.Total() // its outcomes are the summary's
	notFiled := n(s.RegNone)
	if w := waitingUnits(s); w > 0 { // counted as not registered, as on paper; said why
		notFiled = r.t("report_none_waiting", locales.Args{"None": notFiled, "Waiting": n(w)})
	}
	args := locales.Args{"Campaign": s.Campaign.Name, "Units": n(len(s.Units)), "OnTime": n(s.RegOnTime),
		"Late": n(s.RegLate), "None": notFiled, "Models": n(len(s.Rows)),
		"Fields": r.countLine("model_field_", store.ModelFields, s.ByField), "Kinds": r.countLine("model_kind_", store.ModelKinds, s.ByKind),
		"ResOnTime": n(s.ResOnTime), "ResLate": n(s.ResLate), "ResMissing": n(s.ResMissing),
		"Recognised": n(total.Recognised), "Exemplary": n(total.Exemplary), "NotMet": n(total.NotMet)}
	text := r.t("report_summary", args) + "\n" + r.upwardLines(s, total)
	var none, waiting []string
	for _, l := range s.Units {
		switch {
		case l.Models > 0:
		case l.Waiting > 0: // filed: the office has it to receive, not the unit to chase
			waiting = append(waiting, "• "+escape(l.Unit.Name))
		default:
			none = append(none, "• "+escape(l.Unit.Name))
		}
	}
	if len(none) > 0 {
		text += "\n\n" + r.t("report_not_registered", nil) + "\n" + strings.Join(none, "\n")
	}
	if len(waiting) > 0 {
		text += "\n\n" + r.t("report_waiting", nil) + "\n" + strings.Join(waiting, "\n")
	}
	return text
}

// upwardLines are what the level above acts on (review F9): the models
// new and kept, the results against their targets, the recognised models
// by outcome and level, and the models the Đảng ủy proposes upward, by
// name. Each count lists every value of the vocabulary, and the older
// records that did not say, so that a line adds up.
func (r *request) upwardLines(s report.Summary, total report.FieldLine) string {
	counts := func(prefix string, values []string, by map[string]int) string {
		line := r.countLine(prefix, values, by)
		if n := by[""]; n > 0 {
			line += " · " + r.t("report_not_stated", nil) + " " + strconv.Itoa(n)
		}
		return line
	}
	lines := []string{r.t("report_novelty", locales.Args{"Counts": counts("model_novelty_", store.ModelNovelties, s.ByNovelty)}),
		r.t("report_against", locales.Args{"Counts": counts("result_against_", store.ResultsAgainst, s.ByAgainst)}),
		r.t("report_levels", nil)}
	for _, o := range report.RecognisingOutcomes() {
		lines = append(lines, "• "+r.t("report_level_line", locales.Args{"Outcome": r.label("outcome_" + o),
			"Counts": r.countLine("level_", store.Levels, total.AtLevels(o))}))
	}
	lines = append(lines, r.t("report_proposed", locales.Args{"Count": strconv.Itoa(total.Proposed)}))
	for _, row := range s.ProposedUp() {
		lines = append(lines, r.t("report_proposed_line", locales.Args{"Number": row.Reg.Number, "Name": row.Reg.Model.Name, "Unit": row.Unit.Name}))
	}
	return strings.Join(lines, "\n")
}

// waitingUnits are the units with no registration received and one
// waiting for the office.
func waitingUnits(s report.Summary) int {
	k := 0
	for _, l := range s.Units {
		if l.Models == 0 && l.Waiting > 0 {
			k++
		}
	}
	return k
}

func (r *request) reportButtons(c store.Campaign) ([][]store.Button, error) {
	id := idArg(c.ID)
	kb := [][]store.Button{{{Text: r.label("btn_export_xlsx"), Data: routeReportXLSX.data(id)}, {Text: r.label("btn_export_docx"), Data: routeReportDOCX.data(id)}},
		{{Text: r.label("btn_export_csv"), Data: routeReportCSV.data(id)}, {Text: r.label("btn_export_chart"), Data: routeReportChart.data(id)}},
		{{Text: r.label("btn_report_units"), Data: routeReportUnits.data("0")}, {Text: r.label("btn_year_end"), Data: routeYearEnd.data(c.Year())}}}
	camps, err := r.tx.Campaigns(true)
	if err != nil {
		return nil, err
	}
	for _, other := range camps {
		if other.ID != c.ID {
			kb = append(kb, []store.Button{{Text: "🚩 " + other.Name, Data: routeReportCampaign.data(idArg(other.ID))}})
		}
	}
	return kb, nil
}

// reportAction serves a campaign's report routes: its summary, the Excel
// workbook, the written report's draft, the CSV and the chart.
func reportAction(op route) func(r *request, arg string) error {
	return func(r *request, arg string) error {
		c, err := r.campaignFromArg(arg)
		if err != nil {
			return err
		}
		switch op {
		case routeReportCampaign:
			return r.sendReport(c)
		case routeReportChart:
			return r.sendExport(c, "png")
		case routeReportXLSX:
			return r.sendExport(c, "xlsx")
		case routeReportDOCX:
			return r.sendExport(c, "docx")
		}
		return r.sendExport(c, "csv")
	}
}

// sendExport renders a report file ("xlsx", "docx", "csv", or "png" for
// the chart) and queues it, a chart as a photo, the others as a document. The
// handler runs in the update's transaction and the file must be in the
// outbox, queued in that same transaction, before the bot says anything:
// so here the snapshot is read and rendered inside it.
func (r *request) sendExport(c store.Campaign, format string) error {
	read := func(fn func() error) error { return fn() }
	if r.provinceView() {
		read = r.tx.AcrossCommunes // the province's workbook: a sheet a commune
	}
	var snap report.Snapshot
	err := read(func() (err error) { snap, err = report.Read(r.tx, c); return err })
	if err != nil {
		return err
	}
	data, err := snap.Render(format, r.paper())
	if err != nil {
		return err
	}
	caption := r.t("export_caption", locales.Args{"Campaign": c.Name})
	if format == "png" {
		return r.sendFile(store.KindPhoto, "bieu-do.png", data, caption)
	}
	return r.sendFile(store.KindDoc, ExportName(r.office(), c, snap.At.In(r.cfg.Location), format), data, caption)
}

// paper is what the office's files need from the request: the words,
// always Vietnamese whatever the clerk's interface language (a paper is
// signed and sent upward as it is: review F17), the zone and the office.
func (r *request) paper() report.Paper {
	return report.Paper{T: func(id string) string { return r.cat.Text(locales.Default, id, nil) }, Loc: r.cfg.Location, Office: r.office(), Day: r.tx.Now()}
}

// sendFile queues a file the bot made (a workbook, a chart) to the
// update's chat. The bytes wait in a file beside the database, not in the
// outbox record, which the sender then never has to carry around; the
// file is removed once sent or given up.
func (r *request) sendFile(kind, name string, data []byte, caption string) error {
	o := store.Outgoing{Kind: kind, ChatID: r.u.Chat.ID, FileName: name, Text: caption}
	if r.cfg.FilesDir == "" {
		o.Data = data
	} else {
		dir := filepath.Join(r.cfg.FilesDir, "outgoing")
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return err
		}
		f, err := os.CreateTemp(dir, "*"+filepath.Ext(name))
		if err != nil {
			return err
		}
		_, err = f.Write(data)
		if err = errors.Join(err, f.Close()); err != nil {
			os.Remove(f.Name())
			return err
		}
		o.FilePath = f.Name()
		r.tx.OnUndo(func() { os.Remove(o.FilePath) })
	}
	return r.enqueue(o)
}

// ExportName is like DVK_dang-uy-xa-an-binh_2024_tong-hop_2024-09-06.xlsx,
// or …_bao-cao_… for the written report's draft.
func ExportName(o store.Office, c store.Campaign, now time.Time, ext string) string {
	kind := "tong-hop"
	if ext == "docx" {
		kind = "bao-cao"
	}
	return report.FileName(o, c, kind, now, ext)
}

// reportUnitsAction handles "ru:<page>": units as buttons, a page at a time.
func (r *request) reportUnitsAction(arg string) error {
	page, err := strconv.Atoi(arg)
	if err != nil {
		return errStale
	}
	units, err := r.tx.Units(false)
	if err != nil {
		return err
	}
	pages := max((len(units)+unitsPerPage-1)/unitsPerPage, 1)
	page = min(max(page, 0), pages-1)
	var kb [][]store.Button
	for _, u := range units[page*unitsPerPage : min(len(units), (page+1)*unitsPerPage)] {
		kb = append(kb, []store.Button{{Text: u.Name, Data: routeReportUnit.data(idArg(u.ID))}})
	}
	kb = append(kb, pager(routeReportUnits, page, pages)...)
	return r.reply(r.t("report_pick_unit", nil), kb)
}

// reportUnitAction handles "rd:<unit>": that unit's detail, by its id.
func (r *request) reportUnitAction(arg string) error {
	if r.provinceView() {
		return r.provinceUnitAction(arg)
	}
	u, err := r.unitFromArg(arg)
	if err != nil {
		return err
	}
	return r.unitProgressDetail(u, "")
}
