package report

import (
	"strings"

	"github.com/dvkbot/dvkbot/store"
)

// RegistrationSheet renders one model's "Phiếu đăng ký mô hình “Dân vận
// khéo”" as a .docx: the header block in the unit's name, every field of
// the registration, and room for the unit's leader to sign.
func RegistrationSheet(c store.Campaign, u store.Unit, g store.Registration, p Paper) ([]byte, error) {
	o, t := p.Office.orDefault(), p.T
	day := p.Day.In(p.Loc)
	d := &doc{}
	d.headerBlock([]string{o.Body[len(o.Body)-1], strings.ToUpper(u.Name)}, "", t("xl_nation"), o.DateLine(day))
	title := t("doc_sheet_title") + " " + c.Year()
	d.p(para{align: "center"}, run{text: title, bold: true})
	d.p(para{align: "center", after: 240}, run{text: "(" + c.Name + ")", italic: true})
	d.p(para{align: "left", after: 120}, run{text: t("xl_number") + ": ", bold: true}, run{text: g.Number})
	row := Row{Unit: &u, Reg: &g}
	x := ctx{n: 1, t: t, loc: p.Loc}
	var rows [][]string
	for _, col := range sheetColumns() {
		v := csvCell(col.value(row, x))
		rows = append(rows, []string{cellXML(3000, true, paraXML(para{align: "left"}, run{text: t(col.header), bold: true, size: 26})),
			cellXML(6500, true, paraXML(para{align: "left"}, run{text: v, size: 26}))})
	}
	d.table([]int{3000, 6500}, rows)
	d.signBlock(nil, []string{t("doc_sheet_sign"), t("doc_sheet_sign_hint")}, "")
	return d.file(meta(title+" – "+g.Number, o, day))
}

// sheetColumns are the model list's columns a registration sheet shows:
// what the unit registered, not what came after.
func sheetColumns() []column {
	keep := map[string]bool{"xl_unit": true, "xl_name": true, "xl_kind": true, "xl_subject": true, "xl_field": true,
		"xl_address": true, "xl_content": true, "xl_targets": true, "xl_period": true, "xl_registered": true, "xl_timely": true, "xl_status": true}
	var out []column
	for _, col := range modelColumns {
		if keep[col.header] {
			out = append(out, col)
		}
	}
	return out
}
