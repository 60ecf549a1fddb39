package bot

import (
	"errors"
	"strconv"

	"github.com/dvkbot/dvkbot/locales"
	"github.com/dvkbot/dvkbot/store"
)

// allForms lists every form of the product, by name.
func allForms() []*form {
	name := step{key: "name", label: "field_unit_name", prompt: "ask_unit_name", kind: inputText, max: 120, check: checkUnitName}
	kind := step{key: "kind", label: "field_unit_kind", prompt: "ask_unit_kind", kind: inputChoice, choices: (*request).kindChoices}
	return append(provinceForms(),
		campaignForm(), registerForm(), returnForm(), resultsForm(), evaluateForm(), evaluateRecognisedForm(), announceForm(), nameForm(),
		&form{name: "unit_add", title: "form_unit_add", who: adminOnly, steps: []step{name, kind}, submit: (*request).submitUnitAdd},
		&form{name: "unit_rename", title: "form_unit_rename", who: adminOnly, steps: []step{name}, submit: (*request).submitUnitEdit, quick: true},
		&form{name: "unit_kind", title: "form_unit_kind", who: adminOnly, steps: []step{kind}, submit: (*request).submitUnitEdit, quick: true},
	)
}

func (r *request) kindChoices() []choice {
	out := make([]choice, len(store.UnitKinds))
	for i, k := range store.UnitKinds {
		out[i] = choice{value: k, label: r.label("kind_" + k)}
	}
	return out
}

// checkUnitName refuses a name another unit has.
func checkUnitName(r *request, c *store.Conversation, v string) string {
	u, err := r.tx.UnitByName(v)
	if err == nil && strconv.FormatUint(u.ID, 10) != c.Subject {
		return "unit_err_duplicate"
	}
	return ""
}

func (r *request) submitUnitAdd(c *store.Conversation) error {
	u, err := r.tx.AddUnit(store.Unit{Name: c.Answers["name"], Kind: c.Answers["kind"]})
	if errors.Is(err, store.ErrDuplicateName) {
		return r.reply(r.t("unit_err_duplicate", nil), r.unitsButton())
	}
	if err != nil {
		return err
	}
	if err := r.tx.Audit(r.user.ID, "unit.add", u.Name); err != nil {
		return err
	}
	return r.showUnit(u, r.t("unit_added", locales.Args{"Name": u.Name}))
}

// submitUnitEdit applies a rename or a change of kind to the unit that is
// the form's subject.
func (r *request) submitUnitEdit(c *store.Conversation) error {
	u, err := r.unitFromArg(c.Subject)
	if err != nil {
		return err
	}
	old := u
	if v, ok := c.Answers["name"]; ok && c.Form == "unit_rename" {
		u.Name = v
	}
	if v, ok := c.Answers["kind"]; ok && c.Form == "unit_kind" {
		u.Kind = v
	}
	if err := r.tx.PutUnit(u); errors.Is(err, store.ErrDuplicateName) {
		return r.reply(r.t("unit_err_duplicate", nil), r.unitsButton())
	} else if err != nil {
		return err
	}
	detail := old.Name + " → " + u.Name + "; " + old.Kind + " → " + u.Kind
	if err := r.tx.Audit(r.user.ID, "unit.edit", detail); err != nil {
		return err
	}
	return r.showUnit(u, r.t("unit_saved", nil))
}
