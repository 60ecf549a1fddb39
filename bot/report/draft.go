package report

import (
	"strconv"
	"strings"
)

// Draft renders the written report's draft as a .docx: the header block,
// the figures filled in, and the sections the office writes itself left
// with their headings.
func Draft(s Summary, p Paper) ([]byte, error) {
	if err := s.filed(); err != nil {
		return nil, err
	}
	o, t := orDefault(p.Office), p.T
	day := p.Day.In(p.Loc)
	d := &doc{}
	d.headerBlock(o.Body, NumberLine(o, t("doc_number")), t("xl_nation"), DateLine(o, day))
	d.p(para{align: "center"}, run{text: t("doc_report"), bold: true})
	title := t("doc_report_title") + " " + s.Campaign.Year()
	d.p(para{align: "center", after: 240}, run{text: title, bold: true})
	d.text(t("doc_intro"))
	d.heading(t("doc_part_results"))
	draftFigures(d, s, t)
	draftOutcomes(d, s, t)
	draftOwing(d, s, t)
	for _, id := range []string{"doc_part_limits", "doc_part_next", "doc_part_proposals"} {
		d.heading(t(id))
		d.text("……………………………………………………………………………")
	}
	d.signBlock([]string{t("xl_recipients"), "- " + o.Recipient + " (b/c);", "- " + t("xl_file_copy")},
		[]string{o.OnBehalf, o.Position}, o.Signer)
	return d.file(meta(title, o, day))
}

// draftFigures are the units and models in numbers, with the by-field
// table.
func draftFigures(d *doc, s Summary, t Text) {
	n := strconv.Itoa
	total := s.Total()
	d.text(t("doc_units") + ": " + n(len(s.Units)) + "; " + t("xl_reg_on_time") + ": " + n(s.RegOnTime) + "; " +
		t("xl_reg_late") + ": " + n(s.RegLate) + "; " + t("xl_reg_none") + ": " + n(s.RegNone) + ".")
	d.text(t("doc_models") + ": " + n(total.Registered()) + " (" + t("xl_collective") + ": " + n(total.Collective) + "; " +
		t("xl_individual") + ": " + n(total.Individual) + "); " + t("doc_models_late") + ": " + n(lateModels(s)) + ".")
	d.text(t("xl_res_on_time") + ": " + n(s.ResOnTime) + "; " + t("xl_res_late") + ": " + n(s.ResLate) + "; " +
		t("xl_res_missing") + ": " + n(s.ResMissing) + ".")
	d.text(t("doc_mobilised") + ": " + mobilised(s, t) + ".")
	head := []string{t("xl_stt"), t("xl_field"), t("xl_collective"), t("xl_individual"), t("xl_sum"), t("xl_results_reported"),
		t("xl_recognised"), t("xl_exemplary"), t("xl_not_met")}
	var rows [][]string
	for i, f := range s.TableFields() {
		l := FieldLine{}
		if s.Table[f] != nil {
			l = *s.Table[f]
		}
		rows = append(rows, append([]string{n(i + 1), fieldLabel(f, t)}, counts(l)...))
	}
	rows = append(rows, append([]string{"", t("xl_total")}, counts(total)...))
	// "STT" in bold 12 pt needs 454 twips and the cell's margins 216;
	// "Quốc phòng - an ninh" one line of the field's column.
	d.grid([]int{750, 2450, 800, 800, 800, 1150, 950, 950, 850}, head, rows, true)
	d.p(para{})
}

// counts are a table row's seven figures.
func counts(l FieldLine) []string {
	var out []string
	for _, v := range []int{l.Collective, l.Individual, l.Registered(), l.Results, l.Recognised, l.Exemplary, l.NotMet} {
		out = append(out, strconv.Itoa(v))
	}
	return out
}

// lateModels counts the models registered after the deadline.
func lateModels(s Summary) int {
	n := 0
	for _, r := range s.Rows {
		if r.Reg.Late {
			n++
		}
	}
	return n
}

// mobilised is "1.200 người; 150 hộ; 12.500.000 đồng; Ngày công: 350;
// …": people and households apart, never added (F13); a count of none of
// one beside the other is left out.
func mobilised(s Summary, t Text) string {
	var parts []string
	if s.People > 0 || s.Households == 0 { // "0 người" beside households would say nobody took part: they were counted as households
		parts = append(parts, dots(float64(s.People))+" "+t("xl_people_unit"))
	}
	if s.Households > 0 {
		parts = append(parts, dots(float64(s.Households))+" "+t("xl_households_unit"))
	}
	parts = append(parts, dots(float64(s.Money))+" "+t("xl_money_unit"))
	for _, m := range s.Measures {
		parts = append(parts, strings.TrimSpace(m.Name+": "+dots(m.Total)+" "+m.Unit))
	}
	return strings.Join(parts, "; ")
}

// dots writes a number the Vietnamese way: 12.500.000, 1,5.
func dots(v float64) string {
	whole := int64(v)
	frac := strconv.FormatFloat(v-float64(whole), 'f', -1, 64)
	s := strconv.FormatInt(whole, 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "." + s[i:]
	}
	if frac != "0" {
		s += "," + strings.TrimPrefix(frac, "0.")
	}
	return s
}

// draftOutcomes counts the outcomes and what the level above acts on
// (upwardLines), and names the recognised and exemplary models with their
// level and whether they are proposed upward.
func draftOutcomes(d *doc, s Summary, t Text) {
	total := s.Total()
	d.text(t("xl_recognised") + ": " + strconv.Itoa(total.Recognised) + "; " + t("xl_exemplary") + ": " +
		strconv.Itoa(total.Exemplary) + "; " + t("xl_not_met") + ": " + strconv.Itoa(total.NotMet) + ".")
	for _, line := range upwardLines(s, t, func(r Row) string { return unbroken(r.Reg.Number) + " " + quoted(r.Reg.Model.Name) }, "doc_propose_see_below") {
		d.text(line)
	}
	for _, r := range s.Rows {
		e := r.Reg.Evaluation
		if e != nil && e.Recognised() {
			line := "- " + unbroken(r.Reg.Number) + " " + quoted(r.Reg.Model.Name) + " (" + r.Unit.Name + "): " + t("outcome_"+e.Outcome) +
				", " + lowerFirst(t("level_"+e.RecognisedAt()))
			if e.ProposeHigher {
				line += "; " + lowerFirst(t("xl_propose"))
			}
			d.item(line + ".")
		}
	}
}

// draftOwing names the units that have not finished.
func draftOwing(d *doc, s Summary, t Text) {
	owing := s.Owing()
	d.text(t("doc_owing") + ": " + strconv.Itoa(len(owing)) + ".")
	var names []string
	for _, l := range owing {
		names = append(names, l.Unit.Name)
	}
	if len(names) > 0 {
		d.text(strings.Join(names, "; ") + ".")
	}
}
