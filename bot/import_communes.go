package bot

import (
	"strconv"
	"strings"

	"github.com/dvkbot/dvkbot/bot/form"
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

// previewCommunes sorts the rows into new, present (by name) and
// refused, keeps the new ones as a plan and asks for confirmation.
func (r *request) previewCommunes(rows []unitfile.CommuneRow) error {
	plan := store.ImportPlan{UserID: r.user.ID, Nonce: form.NewNonce(), FileName: r.u.File.Name}
	inFile := map[string]bool{}
	for _, row := range rows {
		inFile[row.Code] = true
	}
	var present int
	var problems, lines []string
	for _, row := range rows {
		switch c, note, problem := r.communeOfRow(row, inFile); {
		case problem != "":
			problems = append(problems, problem)
		case c == nil:
			present++
		default:
			plan.Communes = append(plan.Communes, *c)
			lines = append(lines, "• "+escape(c.Name)+codeSuffix(*c)+note)
		}
	}
	if err := r.tx.PutImportPlan(plan); err != nil {
		return err
	}
	text := r.t("import_communes_preview", locales.Args{"File": plan.FileName, "New": strconv.Itoa(len(plan.Communes)),
		"Present": strconv.Itoa(present), "Bad": strconv.Itoa(len(problems))})
	if len(lines) > 0 {
		text += "\n" + strings.Join(lines, "\n")
	}
	return r.replyPreview(text, problems, plan.Nonce, "btn_import_communes", len(plan.Communes))
}

// communeOfRow is the commune a row adds, with a note when its code is
// not the one made from its name; nil when a commune of that name is
// there; or why the row is refused. A code the file made from a name
// that another commune has (Phường Tân Phú's TANPHU, Xã Tân Phú's) is
// made distinct, keeping off the codes of the file (inFile, which gets
// it); a typed code another commune has is refused.
func (r *request) communeOfRow(row unitfile.CommuneRow, inFile map[string]bool) (c *store.Commune, note, problem string) {
	args := locales.Args{"Line": strconv.Itoa(row.Line), "Name": row.Name, "Dup": strconv.Itoa(row.Dup), "Code": row.Code}
	if row.Err != "" {
		return nil, "", r.t(communeProblems[row.Err], args)
	}
	if r.communeNamed(row.Name) {
		return nil, "", ""
	}
	if owner, err := r.tx.CommuneByCode(row.Code); err == nil {
		if !row.Made {
			args["Unit"] = owner.Name
			return nil, "", r.t("import_commune_code_taken", args)
		}
		row.Was, row.WasOf = row.Code, owner.Name
		row.Code = unitfile.DistinctCode(row.Code, row.Name, func(code string) bool {
			_, err := r.tx.CommuneByCode(code)
			return err == nil || inFile[code]
		})
		inFile[row.Code] = true
	}
	if owner, err := r.tx.CommuneByCode(row.Was); err == nil && row.Was != "" {
		row.WasOf = owner.Name // the commune there, before a line of the file
	}
	if row.Was != "" {
		note = r.t("import_commune_code_made", locales.Args{"Value": row.Was, "Unit": row.WasOf, "Code": row.Code})
	}
	return &store.Commune{Name: row.Name, Code: row.Code, Office: r.communeOffice(store.NormalizeName(row.Name), row.Signer)}, note, ""
}

// communeExists: a commune of that name or code is there already.
func (r *request) communeExists(name, code string) bool {
	if _, err := r.tx.CommuneByCode(code); err == nil {
		return true
	}
	return r.communeNamed(name)
}

// communeNamed: a commune of that name, by any spelling, is there already.
func (r *request) communeNamed(name string) bool {
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
