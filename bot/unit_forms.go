package bot

import (
	"errors"
	"strconv"

	"github.com/dvkbot/dvkbot/bot/form"
	"github.com/dvkbot/dvkbot/locales"
	"github.com/dvkbot/dvkbot/store"
)

// allForms lists every form of the product, by name.
func allForms() []*formDef {
	name := stepDef{Key: "name", Label: "field_unit_name", Prompt: "ask_unit_name", Kind: form.Text, Max: 120, Check: checkUnitName}
	kind := stepDef{Key: "kind", Label: "field_unit_kind", Prompt: "ask_unit_kind", Kind: form.Choice, Options: (*request).kindChoices}
	return append(provinceForms(),
		campaignForm(), registerForm(), returnForm(), resultsForm(), evaluateForm(), evaluateRecognisedForm(), announceForm(), nameForm(),
		&formDef{Name: "unit_add", Title: "form_unit_add", Allow: allowing(adminOnly), Steps: []stepDef{name, kind}, Submit: (*request).submitUnitAdd},
		&formDef{Name: "unit_rename", Title: "form_unit_rename", Allow: allowing(adminOnly), Steps: []stepDef{name}, Submit: (*request).submitUnitEdit, Quick: true},
		&formDef{Name: "unit_kind", Title: "form_unit_kind", Allow: allowing(adminOnly), Steps: []stepDef{kind}, Submit: (*request).submitUnitEdit, Quick: true},
	)
}

func (r *request) kindChoices(*store.Conversation) []form.Option {
	out := make([]form.Option, len(store.UnitKinds))
	for i, k := range store.UnitKinds {
		out[i] = form.Option{Value: k, Label: r.label("kind_" + k)}
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
