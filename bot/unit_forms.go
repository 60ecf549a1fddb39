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
	return append(provinceForms(),
		campaignForm(), registerForm(), returnForm(), resultsForm(), evaluateForm(), evaluateRecognisedForm(), announceForm(), nameForm(),
		unitForm("unit_add", "form_unit_add", false, "name", "kind"),
		unitForm("unit_rename", "form_unit_rename", true, "name"),
		unitForm("unit_kind", "form_unit_kind", true, "kind"),
	)
}

// unitFields are a unit's fields the office sets by a form.
var unitFields = []form.Field[*request, store.Unit]{
	form.String(stepDef{Key: "name", Label: "field_unit_name", Prompt: "ask_unit_name", Kind: form.Text, Max: 120, Check: checkUnitName}, func(u *store.Unit) *string { return &u.Name }),
	form.String(stepDef{Key: "kind", Label: "field_unit_kind", Prompt: "ask_unit_kind", Kind: form.Choice, Options: (*request).kindChoices}, func(u *store.Unit) *string { return &u.Kind }),
}

// unitForm asks the unit fields under keys: a new unit, or a change to
// the one that is the form's subject (quick: one question, no review).
func unitForm(name, title string, change bool, keys ...string) *formDef {
	fields := form.Pick(unitFields, keys...)
	submit := func(r *request, c *store.Conversation) error { return r.submitUnitAdd(c, fields) }
	if change {
		submit = func(r *request, c *store.Conversation) error { return r.submitUnitEdit(c, fields) }
	}
	return &formDef{Name: name, Title: title, Allow: allowing(adminOnly), Steps: form.Steps(fields), Submit: submit, Quick: change}
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

func (r *request) submitUnitAdd(c *store.Conversation, fields []form.Field[*request, store.Unit]) error {
	var u store.Unit
	form.Fill(fields, c.Answers, &u)
	u, err := r.tx.AddUnit(u)
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

// submitUnitEdit applies the form's fields (a rename, a change of kind) to
// the unit that is the form's subject.
func (r *request) submitUnitEdit(c *store.Conversation, fields []form.Field[*request, store.Unit]) error {
	u, err := r.unitFromArg(c.Subject)
	if err != nil {
		return err
	}
	old := u
	form.Fill(fields, c.Answers, &u)
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
