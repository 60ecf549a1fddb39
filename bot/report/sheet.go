package report

import (
	"strings"

	"github.com/dvkbot/dvkbot/bot/input"
	"github.com/dvkbot/dvkbot/store"
)

// Sheet is what a registration sheet prints: the registration with its
// unit and campaign, the earlier model it carries on, and who signs for
// the unit.
type Sheet struct {
	Campaign store.Campaign
	Unit     store.Unit
	Reg      store.Registration
	// Earlier is the unit's model of an earlier campaign this one
	// carries on (Reg.CarriedFrom); nil for a new model.
	Earlier *store.Registration
	// Signer is the name of the unit's head, typed under the signature;
	// "" leaves the space to sign and write it by hand.
	Signer string
}

// SheetOf reads what g's registration sheet prints.
func SheetOf(tx *store.Tx, g store.Registration) (Sheet, error) {
	c, err := tx.Campaign(g.CampaignID)
	if err != nil {
		return Sheet{}, err
	}
	u, err := tx.Unit(g.UnitID)
	if err != nil {
		return Sheet{}, err
	}
	s := Sheet{Campaign: c, Unit: u, Reg: g, Signer: signerOf(tx, u)}
	if g.CarriedFrom != 0 {
		if from, err := tx.Registration(g.CarriedFrom); err == nil {
			s.Earlier = &from
		}
	}
	return s, nil
}

// signerOf is the name of the unit's head as the bot knows it: the full
// name its only secretary confirmed ("Họ và tên"); else the secretary's
// name in the office's imported list of units (Unit.Contact), which names
// the head when a unit has several secretaries; else none. A Telegram
// profile's name is not one to type on a signed paper.
func signerOf(tx *store.Tx, u store.Unit) string {
	var names []string
	ids := tx.Secretaries(u.ID)
	for _, id := range ids {
		if p, err := tx.User(id); err == nil && strings.TrimSpace(p.FullName) != "" {
			names = append(names, input.CleanName(p.FullName))
		}
	}
	if len(ids) == 1 && len(names) == 1 {
		return names[0]
	}
	return input.CleanName(u.Contact)
}

// RegistrationSheet renders one model's "Phiếu đăng ký mô hình “Dân vận
// khéo”" as a .docx, as the unit's own paper: headed and signed as its
// kind of unit heads and signs (unitForms), dated the day it registered,
// with every field the unit registered, whether the model is new or
// sheetSize is the registration sheet's table type, in half-points: 12
// pt, so that a model described at length (700 characters of content,
// 600 of targets) still leaves the unit room to sign on the one page.
const sheetSize = 24

// carried on and from which model; not the office's status.
func RegistrationSheet(s Sheet, p Paper) ([]byte, error) {
	c, u, g := s.Campaign, s.Unit, s.Reg
	o, t := orDefault(p.Office), p.T
	day := p.Day.In(p.Loc)
	registered := day
	if !g.SubmittedAt.IsZero() {
		registered = g.SubmittedAt.In(p.Loc)
	}
	f := formOf(u)
	d := &doc{}
	d.header(header{left: f.heading(o, u), mark: f.mark, nation: f.nation, motto: f.motto, date: DateLine(o, registered)})
	title := t("doc_sheet_title") + " " + c.Year()
	d.p(para{align: "center"}, run{text: title, bold: true})
	d.p(para{align: "center", after: 120}, run{text: "(" + c.Name + ")", italic: true})
	d.p(para{align: "left", after: 60}, run{text: t("xl_number") + ": ", bold: true}, run{text: unbroken(g.Number)})
	if g.Model.Novelty == "" && g.CarriedFrom != 0 { // an older record: carried on, so maintained
		g.Model.Novelty = store.NoveltyKept
	}
	row := Row{Unit: &u, Reg: &g}
	x := ctx{n: 1, t: t, loc: p.Loc, tickable: tickable(c, t)}
	var rows [][]string
	line := func(label, value string) {
		rows = append(rows, []string{cellXML(3000, true, paraXML(para{align: "left"}, run{text: label, bold: true, size: sheetSize})),
			cellXML(6500, true, paraXML(para{align: "left"}, run{text: value, size: sheetSize}))})
	}
	for _, col := range sheetColumns() {
		line(t(col.header), csvCell(col.value(row, x)))
		if col.header == "xl_novelty" && s.Earlier != nil {
			line(t("field_carried_from"), unbroken(s.Earlier.Number)+" "+quoted(s.Earlier.Model.Name))
		}
	}
	d.table([]int{3000, 6500}, rows)
	var sign []string
	if f.onBehalf != "" {
		sign = append(sign, f.onBehalf)
	}
	sign = append(sign, f.position)
	if s.Signer == "" {
		sign = append(sign, t("doc_sheet_sign_hint"))
	}
	d.signBlock(nil, sign, s.Signer)
	return d.file(meta(title+" – "+g.Number, o, day))
}

// sheetColumns are the model list's columns a registration sheet shows:
// the unit, what it registered (the model's own columns, from its name to
// its period, so a new field of the model is on the sheet with its
// column) and whether it was on time; not what came after, nor the
// office's status; the day it registered is the sheet's date line.
func sheetColumns() []column {
	var out []column
	inModel := false
	for _, col := range modelColumns {
		switch col.header {
		case "xl_name":
			inModel = true
		case "xl_registered":
			inModel = false
		}
		if inModel || col.header == "xl_unit" || col.header == "xl_timely" {
			out = append(out, col)
		}
	}
	return out
}
