package bot

import (
	"errors"
	"strings"

	"github.com/dvkbot/dvkbot/bot/input"
	"github.com/dvkbot/dvkbot/locales"
	"github.com/dvkbot/dvkbot/store"
)

// Buttons served here.
const (
	routeRegister         route = "rg" // "rg" (menu) or "rg:<campaign>:<unit>"
	routeRegistrationEdit route = "re" // "re:<registration>"
)

var registerActions = []action{
	{route: routeRegister, private: true, who: secretaryOnly, run: (*request).registerAction},
	{route: routeRegistrationEdit, private: true, who: staff, run: (*request).editRegistrationAction},
}

// Model kinds and fields, as stored; labels are in the locales.
var (
	modelKinds    = []string{"tap_the", "ca_nhan"}
	modelFields   = []string{"kinh_te", "van_hoa_xa_hoi", "quoc_phong_an_ninh", "xay_dung_htct", "khac"} // "khac": Lĩnh vực khác (seed 004)
	modelNovelty  = []string{"moi", "duy_tri"}                                                           // seed 000: new, or maintained and replicated
	resultAgainst = []string{"dat", "vuot", "chua_dat"}                                                  // seed 001, II.5
)

// registerForm is the model registration of seed 001, section II.
func registerForm() *form {
	return &form{name: "register", title: "form_register", who: staff, submit: (*request).submitRegister, editsOpenAtReview: true,
		submitLabel: "btn_register_submit", steps: registerSteps()}
}

func labelled(prefix string, values []string) func(*request) []choice {
	return func(r *request) []choice {
		out := make([]choice, len(values))
		for i, v := range values {
			out[i] = choice{value: v, label: r.label(prefix + v)}
		}
		return out
	}
}

// target is what a registration form is for: a new model of a unit in a
// campaign ("new:<campaign>:<unit>") or a change ("edit:<registration>").
type target struct {
	campaign store.Campaign
	unit     store.Unit
	reg      store.Registration // ID 0 for a new one
}

func (r *request) targetOf(subject string) (target, error) {
	kind, rest, _ := strings.Cut(subject, ":")
	var t target
	var err error
	switch kind {
	case "new":
		cid, uid, _ := strings.Cut(rest, ":")
		t.campaign, err = r.campaignFromArg(cid)
		if err == nil {
			t.unit, err = r.unitFromArg(uid)
		}
	case "edit":
		t.reg, err = r.registrationFromArg(rest)
		if err == nil {
			t.campaign, err = r.tx.Campaign(t.reg.CampaignID)
		}
		if err == nil {
			t.unit, err = r.tx.Unit(t.reg.UnitID)
		}
	default:
		return t, errStale
	}
	return t, err
}

// register is /register and the menu button: pick the campaign and the
// unit when there is a choice, then open the form.
func (r *request) register() error {
	pairs, err := r.openPairs()
	if err != nil {
		return err
	}
	switch len(pairs) {
	case 0:
		return r.reply(r.t("register_nothing_open", nil), r.menuButtons())
	case 1:
		return r.beginForm("register", "new:"+idArg(pairs[0].campaign.ID)+":"+idArg(pairs[0].unit.ID), nil)
	}
	var kb [][]store.Button
	for _, p := range pairs {
		kb = append(kb, []store.Button{{Text: p.unit.Name + " · " + p.campaign.Name,
			Data: routeRegister.data(idArg(p.campaign.ID), idArg(p.unit.ID))}})
	}
	return r.reply(r.t("register_pick", nil), kb)
}

// openPairs are the (campaign, unit) pairs the sender may register for.
func (r *request) openPairs() ([]target, error) {
	camps, err := r.tx.Campaigns(false)
	if err != nil {
		return nil, err
	}
	var out []target
	for _, uid := range r.tx.UnitsOf(r.user.ID) {
		u, ok, err := r.liveUnit(uid)
		if err != nil {
			return nil, err
		}
		if !ok {
			continue
		}
		for _, c := range camps {
			if c.Includes(uid) {
				out = append(out, target{campaign: c, unit: u})
			}
		}
	}
	return out, nil
}

// liveUnit is the unit with that id, unless it is archived or gone.
func (r *request) liveUnit(id uint64) (store.Unit, bool, error) {
	u, err := r.tx.Unit(id)
	if errors.Is(err, store.ErrNotFound) {
		return u, false, nil // deleted under its secretary
	}
	return u, err == nil && !u.Archived, err
}

// registerAction handles "rg" (the menu button) and "rg:<campaign>:<unit>".
func (r *request) registerAction(arg string) error {
	if arg == "" {
		return r.register()
	}
	t, err := r.targetOf("new:" + arg)
	if err != nil || !t.campaign.Includes(t.unit.ID) || !r.tx.IsSecretary(t.unit.ID, r.user.ID) {
		return errStale
	}
	if refused := r.filingClosed(t.campaign, t.unit); refused != "" { // a reminder's button, kept
		return r.reply(refused, r.menuButtons())
	}
	return r.beginForm("register", "new:"+arg, nil)
}

// editRegistrationAction handles "re:<id>": change a model until approval.
func (r *request) editRegistrationAction(arg string) error {
	g, ok, err := r.editableOwn(arg)
	if !ok {
		return err
	}
	return r.beginForm("register", "edit:"+arg, modelAnswers(g.Model))
}

// editableOwn loads a registration of the sender's unit that may still
// change; when it may not, it answers the button itself and ok is false.
func (r *request) editableOwn(arg string) (g store.Registration, ok bool, err error) {
	g, err = r.registrationFromArg(arg)
	if err != nil || !r.tx.IsSecretary(g.UnitID, r.user.ID) {
		return g, false, errStale
	}
	if !g.Editable() {
		return g, false, r.answer(r.label("register_not_editable"), true)
	}
	return g, true, r.answer("", false)
}

// submitRegister files a new registration or a change, and tells the office.
func (r *request) submitRegister(c *store.Conversation) error {
	t, err := r.targetOf(c.Subject)
	if err != nil {
		return r.reply(r.t("register_gone", nil), r.menuButtons())
	}
	if !r.tx.IsSecretary(t.unit.ID, r.user.ID) {
		return r.reply(r.t("not_allowed", nil), r.menuButtons())
	}
	if refused := r.filingClosed(t.campaign, t.unit); refused != "" {
		return r.keepDraft(c, refused)
	}
	if t.reg.ID != 0 {
		return r.submitChange(c, t)
	}
	g := store.Registration{CampaignID: t.campaign.ID, UnitID: t.unit.ID, Model: r.modelOf(c, t.campaign),
		Status: store.StatusSubmitted, SubmittedBy: r.user.ID, Late: r.late(t.campaign.RegDeadline)}
	g, err = r.tx.AddRegistration(g, t.campaign.Year())
	if err != nil {
		return err
	}
	if err := r.notifyReview(g, t, "notice_reg_new"); err != nil {
		return err
	}
	return r.reply(r.t("register_done", locales.Args{"Number": g.Number, "Name": g.Model.Name, "Unit": t.unit.Name})+
		r.lateNote(g), r.menuButtons())
}

func (r *request) submitChange(c *store.Conversation, t target) error {
	g := t.reg
	if !g.Editable() {
		return r.reply(r.t("register_not_editable", nil), r.menuButtons())
	}
	g.Model = r.modelOf(c, t.campaign)
	action, notice := "edit", "notice_reg_edited"
	if g.Status == store.StatusReturned {
		g.Status, action, notice = store.StatusSubmitted, "resubmit", "notice_reg_resubmitted"
	}
	if err := r.tx.PutRegistration(g, r.user.ID, action, ""); err != nil {
		return err
	}
	if err := r.notifyReview(g, t, notice); err != nil {
		return err
	}
	return r.reply(r.t("register_changed", locales.Args{"Number": g.Number}), r.menuButtons())
}

// late reports whether today is past a deadline day.
func (r *request) late(deadline string) bool {
	d, err := input.ParseISO(deadline)
	return err == nil && !d.IsZero() && d.Before(r.today())
}

func (r *request) lateNote(g store.Registration) string {
	if !g.Late {
		return ""
	}
	return "\n\n" + r.t("register_late_note", nil)
}

// filingClosed is why nothing more may be filed for unit in campaign (a
// closed campaign, an archived unit), or "". An old draft, an old button
// or a reminder's link must not reopen what the office closed.
func (r *request) filingClosed(c store.Campaign, u store.Unit) string {
	switch {
	case c.Closed:
		return r.t("filing_campaign_closed", locales.Args{"Campaign": c.Name})
	case u.Archived:
		return r.t("filing_unit_archived", locales.Args{"Unit": u.Name})
	}
	return ""
}

// keepDraft refuses a filing at submit and keeps the form as a paused
// draft: the office may reopen the campaign or the unit, and what was
// typed is not lost.
func (r *request) keepDraft(c *store.Conversation, refused string) error {
	c.Paused = true
	if err := r.tx.PutConversation(*c); err != nil {
		return err
	}
	return r.reply(refused+"\n\n"+r.t("filing_draft_kept", nil), r.menuButtons())
}
