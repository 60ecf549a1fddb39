package bot

import (
	"strconv"

	"github.com/dvkbot/dvkbot/bot/unitfile"
	"github.com/dvkbot/dvkbot/locales"
	"github.com/dvkbot/dvkbot/store"
)

// The province's office sends its list of communes as the commune office
// sends its units: a preview, then one press adds the new ones, each with
// the paper a commune's Party Committee has under the province.

// communeProblems are the messages of the rows a list cannot give.
var communeProblems = map[string]string{unitfile.ErrBadCode: "import_commune_bad_code",
	unitfile.ErrTooLong: "import_commune_too_long", unitfile.ErrDupInFil: "import_commune_duplicate"}

// previewCommunes sorts the rows into new, present (by name or code) and
// refused, keeps the new ones as a plan and asks for confirmation.
func (r *request) previewCommunes(rows []unitfile.CommuneRow) error {
	plan := store.ImportPlan{UserID: r.user.ID, Nonce: newNonce(), FileName: r.u.File.Name}
	var present int
	var problems []string
	for _, row := range rows {
		switch {
		case row.Err != "":
			problems = append(problems, r.t(communeProblems[row.Err], locales.Args{"Line": strconv.Itoa(row.Line),
				"Name": row.Name, "Dup": strconv.Itoa(row.Dup), "Code": row.Code}))
		case r.communeExists(row.Name, row.Code):
			present++
		default:
			plan.Communes = append(plan.Communes, store.Commune{Name: row.Name, Code: row.Code,
				Office: r.communeOffice(store.NormalizeName(row.Name), row.Signer)})
		}
	}
	if err := r.tx.PutImportPlan(plan); err != nil {
		return err
	}
	text := r.t("import_communes_preview", locales.Args{"File": plan.FileName, "New": strconv.Itoa(len(plan.Communes)),
		"Present": strconv.Itoa(present), "Bad": strconv.Itoa(len(problems))})
	for _, c := range plan.Communes {
		text += "\n• " + escape(c.Name) + codeSuffix(c)
	}
	return r.replyPreview(text, problems, plan.Nonce, "btn_import_communes", len(plan.Communes))
}

// communeExists: a commune of that name or code is there already.
func (r *request) communeExists(name, code string) bool {
	if _, err := r.tx.CommuneByCode(code); err == nil {
		return true
	}
	all, err := r.tx.Communes()
	if err != nil {
		r.fail(err)
	}
	for _, c := range all {
		if store.Fold(c.Name) == store.Fold(name) {
			return true
		}
	}
	return false
}

// applyCommunes adds the planned communes that are still new.
func (r *request) applyCommunes(plan store.ImportPlan) error {
	added := 0
	for _, c := range plan.Communes {
		if r.communeExists(c.Name, c.Code) {
			continue
		}
		c.CreatedBy = r.user.ID
		if _, err := r.tx.AddCommune(c); err != nil {
			return err
		}
		added++
	}
	if err := r.tx.Audit(r.user.ID, "commune.import", plan.FileName+": "+strconv.Itoa(added)); err != nil {
		return err
	}
	return r.edit(r.t("import_communes_done", locales.Args{"Added": strconv.Itoa(added)}),
		[][]store.Button{{{Text: r.label("btn_communes"), Data: routeCommunes.data()}}})
}
