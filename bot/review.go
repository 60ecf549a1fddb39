package bot

import (
	"strings"

	"github.com/dvkbot/dvkbot/bot/form"
	"github.com/dvkbot/dvkbot/locales"
	"github.com/dvkbot/dvkbot/store"
)

// Buttons served here.
const (
	routeApprove route = "ra" // "ra:<registration>"
	routeReturn  route = "rr" // "rr:<registration>": return with a comment
)

var reviewActions = []action{
	{route: routeApprove, private: true, who: adminOnly, run: (*request).approveAction},
	{route: routeReturn, private: true, who: adminOnly, run: (*request).returnAction},
}

// notifyReview tells every admin about a registration to review, with the
// buttons to approve or return it.
func (r *request) notifyReview(g store.Registration, t target, id string) error {
	admins, err := r.tx.Admins()
	if err != nil {
		return err
	}
	for _, a := range admins {
		lang := r.langOf(a)
		text := r.cat.HTML(lang, id, locales.Args{"Number": g.Number, "Unit": t.unit.Name, "Name": g.Model.Name,
			"Campaign": t.campaign.Name}) + "\n\n" + r.modelSummary(lang, g)
		kb := [][]store.Button{{
			{Text: r.cat.Text(lang, "btn_approve", nil), Data: routeApprove.data(idArg(g.ID))},
			{Text: r.cat.Text(lang, "btn_return", nil), Data: routeReturn.data(idArg(g.ID))},
		}}
		if err := r.notice(a, text, kb, g.Number); err != nil {
			return err
		}
	}
	return nil
}

// modelSummary lists a registration's fields in lang.
func (r *request) modelSummary(lang string, g store.Registration) string {
	var b strings.Builder
	for _, f := range registerFields {
		b.WriteString("<b>" + r.cat.HTML(lang, f.Label, nil) + ":</b> " + escape(f.show(r, lang, g.Model)) + "\n")
	}
	status := r.cat.HTML(lang, "status_"+g.Status, nil)
	if g.Late {
		status += " · " + r.cat.HTML(lang, "status_late", nil)
	}
	if from, err := r.tx.Registration(g.CarriedFrom); g.CarriedFrom != 0 && err == nil {
		b.WriteString("<b>" + r.cat.HTML(lang, "field_carried_from", nil) + ":</b> " + escape(from.Number+" “"+from.Model.Name+"”") + "\n")
	}
	b.WriteString("<b>" + r.cat.HTML(lang, "field_status", nil) + ":</b> " + status)
	if g.Comment != "" {
		b.WriteString("\n<b>" + r.cat.HTML(lang, "field_comment", nil) + ":</b> " + escape(g.Comment))
	}
	return b.String()
}

// approveAction handles "ra:<id>": only a submitted registration can be
// approved; a second press, or one after a return, is told so.
func (r *request) approveAction(arg string) error {
	g, ok, err := r.pendingReview(arg)
	if !ok {
		return err
	}
	g.Status, g.Comment = store.StatusApproved, ""
	if err := r.tx.PutRegistration(g, r.user.ID, "approve", ""); err != nil {
		return err
	}
	if err := r.tellUnit(g, "notice_reg_approved", "", nil); err != nil {
		return err
	}
	return r.edit(r.t("review_approved", locales.Args{"Number": g.Number, "Name": r.displayName()})+
		"\n\n"+r.modelSummary(r.lang, g), nil)
}

// returnAction handles "rr:<id>": ask the admin for the comment.
func (r *request) returnAction(arg string) error {
	if _, ok, err := r.pendingReview(arg); !ok {
		return err
	}
	return r.beginForm("return", arg, nil)
}

// pendingReview loads a registration waiting for review; when it is not
// waiting any more it says so on the button and ok is false.
func (r *request) pendingReview(arg string) (g store.Registration, ok bool, err error) {
	if g, err = r.registrationFromArg(arg); err != nil {
		return g, false, err
	}
	if g.Status != store.StatusSubmitted {
		return g, false, r.answer(r.cat.Text(r.lang, "review_not_pending", locales.Args{"Number": g.Number,
			"Status": r.cat.Text(r.lang, "status_"+g.Status, nil)}), true)
	}
	return g, true, r.answer("", false)
}

func returnForm() *formDef {
	return &formDef{Name: "return", Title: "form_return", Allow: allowing(adminOnly), Submit: (*request).submitReturn, Quick: true, Steps: form.Steps(returnFields)}
}

// returnFields: the office's comment on a registration it returns.
var returnFields = []form.Field[*request, store.Registration]{
	form.String(stepDef{Key: "comment", Label: "field_comment", Prompt: "ask_return_comment", Kind: form.LongText, Max: 2000},
		func(g *store.Registration) *string { return &g.Comment }),
}

func (r *request) submitReturn(c *store.Conversation) error {
	g, err := r.registrationFromArg(c.Subject)
	if err != nil || g.Status != store.StatusSubmitted {
		return r.reply(r.t("review_not_pending_plain", nil), nil)
	}
	g.Status = store.StatusReturned
	form.Fill(returnFields, c.Answers, &g)
	if err := r.tx.PutRegistration(g, r.user.ID, "return", g.Comment); err != nil {
		return err
	}
	edit := func(lang string) [][]store.Button {
		return [][]store.Button{{{Text: r.cat.Text(lang, "btn_reg_edit", nil), Data: routeRegistrationEdit.data(idArg(g.ID))}}}
	}
	if err := r.tellUnit(g, "notice_reg_returned", g.Comment, edit); err != nil {
		return err
	}
	return r.reply(r.t("review_returned", locales.Args{"Number": g.Number}), nil)
}

// tellUnit sends an outcome to each of the unit's secretaries in private.
func (r *request) tellUnit(g store.Registration, id, comment string, kb func(lang string) [][]store.Button) error {
	for _, s := range r.tx.Secretaries(g.UnitID) {
		lang := r.langOf(s)
		var buttons [][]store.Button
		if kb != nil {
			buttons = kb(lang)
		}
		text := r.cat.HTML(lang, id, locales.Args{"Number": g.Number, "Name": g.Model.Name, "Comment": comment})
		if err := r.send(s, text, buttons); err != nil {
			return err
		}
	}
	return nil
}
