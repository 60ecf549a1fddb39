package bot

import (
	"errors"
	"strconv"
	"strings"

	"github.com/dvkbot/dvkbot/bot/form"
	"github.com/dvkbot/dvkbot/bot/messenger"
	"github.com/dvkbot/dvkbot/bot/unitfile"
	"github.com/dvkbot/dvkbot/locales"
	"github.com/dvkbot/dvkbot/store"
)

// Buttons served here.
const (
	routeImportHelp route = "uimp" // how to send a unit file
	routeImport     route = "imp"  // "imp:<nonce>" imports, "imp:x" drops
)

var importActions = []action{
	{route: routeImportHelp, private: true, who: adminOnly, run: (*request).importHelp},
	{route: routeImport, private: true, who: offices, run: (*request).importAction},
}

// maxImportFile is the largest unit file accepted (a commune's list is a
// few kilobytes).
const maxImportFile = 2 << 20

// importable reports whether a document looks like a unit list worth
// downloading before the update is handled.
func importable(f messenger.File) bool {
	name := strings.ToLower(f.Name)
	return f.ID != "" && f.Size <= maxImportFile &&
		(strings.HasSuffix(name, ".xlsx") || strings.HasSuffix(name, ".csv"))
}

// importHelp handles "uimp": how to send the file.
func (r *request) importHelp(string) error {
	return r.reply(r.t("import_help", nil), r.unitsButton())
}

// onDocument: an admin's unit list gets a preview; anything else is
// explained.
func (r *request) onDocument() error {
	if !r.role().is(roleAdmin|roleProvince) || !importable(r.u.File) {
		return r.reply(r.t("media_outside_form", nil), r.menuButtons())
	}
	if r.u.ImportError != "" {
		return r.reply(r.t(r.u.ImportError, locales.Args{"Rows": strconv.Itoa(unitfile.MaxRows)}), r.unitsButton())
	}
	if r.u.Import == nil && r.u.Communes == nil && r.cfg.Files == nil {
		return r.reply(r.t("import_bad_file", nil), r.unitsButton())
	}
	if r.role().is(roleProvince) {
		return r.previewCommunes(r.u.Communes)
	}
	return r.previewImport(r.u.Import)
}

// previewImport sorts rows into new, present and refused, keeps the new
// ones as a plan and asks for confirmation. A row names a unit there
// when its name folds as the unit's does (store.Fold, as /report matches
// names): "CHI BO THON DONG" is Chi bộ thôn Đông, and the preview says
// so; a name that two units fold to is not guessed, but refused.
func (r *request) previewImport(rows []unitfile.Row) error {
	plan := store.ImportPlan{UserID: r.user.ID, Nonce: form.NewNonce(), FileName: r.u.File.Name}
	byFold, err := r.unitsByFold()
	if err != nil {
		return err
	}
	var present int
	var problems, matched []string
	for _, row := range rows {
		same := byFold[store.Fold(row.Name)]
		switch {
		case row.Err != "":
			problems = append(problems, r.importProblem(row))
		case len(same) == 0:
			plan.Units = append(plan.Units, store.Unit{Name: row.Name, Kind: row.Kind, Contact: row.Contact, Phone: row.Phone, Order: row.Order})
		case namedAs(same, row.Name):
			present++
		case len(same) == 1:
			present++
			matched = append(matched, r.t("import_matched", locales.Args{"Value": row.Name, "Name": same[0].Name}))
		default:
			problems = append(problems, r.t("import_row_ambiguous", locales.Args{"Line": strconv.Itoa(row.Line),
				"Name": row.Name, "Count": strconv.Itoa(len(same)), "Units": unitNames(same)}))
		}
	}
	if err := r.tx.PutImportPlan(plan); err != nil {
		return err
	}
	text := r.t("import_preview", locales.Args{"File": plan.FileName, "New": strconv.Itoa(len(plan.Units)),
		"Present": strconv.Itoa(present), "Bad": strconv.Itoa(len(problems))})
	text += r.listNew(plan.Units)
	if len(matched) > 0 {
		text += "\n\n" + r.t("import_matched_title", nil) + "\n" + strings.Join(matched, "\n")
	}
	return r.replyPreview(text, problems, plan.Nonce, "btn_import_confirm", len(plan.Units))
}

// unitsByFold are the scope's units, archived ones too, by their folded
// name.
func (r *request) unitsByFold() (map[string][]store.Unit, error) {
	units, err := r.tx.Units(true)
	if err != nil {
		return nil, err
	}
	out := map[string][]store.Unit{}
	for _, u := range units {
		k := store.Fold(u.Name)
		out[k] = append(out[k], u)
	}
	return out, nil
}

// namedAs reports whether one of units has name as it is stored (case
// and spacing aside).
func namedAs(units []store.Unit, name string) bool {
	for _, u := range units {
		if strings.EqualFold(store.NormalizeName(u.Name), store.NormalizeName(name)) {
			return true
		}
	}
	return false
}

func unitNames(units []store.Unit) string {
	names := make([]string, len(units))
	for i, u := range units {
		names[i] = u.Name
	}
	return strings.Join(names, "; ")
}

// replyPreview ends a file's preview: the refused lines, and a button
// that adds the n new records (confirm is its label) beside one that
// adds nothing.
func (r *request) replyPreview(text string, problems []string, nonce, confirm string, n int) error {
	if len(problems) > 0 {
		text += "\n\n" + r.t("import_problems", nil) + "\n" + strings.Join(problems, "\n")
	}
	var kb [][]store.Button
	if n > 0 {
		kb = append(kb, []store.Button{{Text: r.cat.Text(r.lang, confirm, locales.Args{"New": strconv.Itoa(n)}),
			Data: routeImport.data(nonce)}})
	}
	kb = append(kb, []store.Button{{Text: r.label("btn_import_cancel"), Data: routeImport.data("x")}})
	return r.reply(text, kb)
}

func (r *request) listNew(units []store.Unit) string {
	var lines []string
	for _, u := range units {
		lines = append(lines, "• "+escape(u.Name)+" — "+r.t("kind_"+u.Kind, nil))
	}
	if len(lines) == 0 {
		return ""
	}
	return "\n\n" + strings.Join(lines, "\n")
}

func (r *request) importProblem(row unitfile.Row) string {
	return r.t("import_row_"+row.Err, locales.Args{"Line": strconv.Itoa(row.Line), "Name": row.Name, "Dup": strconv.Itoa(row.Dup)})
}

// importAction handles "imp:<nonce>" (import) and "imp:x" (drop).
func (r *request) importAction(arg string) error {
	plan, err := r.tx.ImportPlan(r.user.ID)
	if errors.Is(err, store.ErrNotFound) {
		return errStale
	}
	if err != nil {
		return err
	}
	if arg != "x" && arg != plan.Nonce {
		return errStale // the button of an older preview
	}
	if err := r.tx.DeleteImportPlan(r.user.ID); err != nil {
		return err
	}
	if arg == "x" {
		return r.edit(r.t("import_cancelled", nil), nil)
	}
	if len(plan.Communes) > 0 {
		if !r.role().is(roleProvince) {
			return errStale
		}
		return r.applyCommunes(plan)
	}
	if !r.role().is(roleAdmin) {
		return errStale
	}
	return r.applyImport(plan)
}

// applyImport adds the planned units that are still new: a second
// confirmation or a unit added meanwhile (by any spelling of its name)
// changes nothing.
func (r *request) applyImport(plan store.ImportPlan) error {
	byFold, err := r.unitsByFold()
	if err != nil {
		return err
	}
	added := 0
	for _, u := range plan.Units {
		if len(byFold[store.Fold(u.Name)]) > 0 {
			continue
		}
		u, err := r.tx.AddUnit(u)
		if err != nil {
			return err
		}
		byFold[store.Fold(u.Name)] = []store.Unit{u}
		added++
	}
	detail := plan.FileName + ": " + strconv.Itoa(added)
	if err := r.tx.Audit(r.user.ID, "unit.import", detail); err != nil {
		return err
	}
	return r.edit(r.t("import_done", locales.Args{"Added": strconv.Itoa(added)}), r.unitsButton())
}
