package bot

import (
	"errors"
	"slices"
	"strconv"
	"strings"

	"github.com/dvkbot/dvkbot/bot/campaign"
	"github.com/dvkbot/dvkbot/bot/form"
	"github.com/dvkbot/dvkbot/locales"
	"github.com/dvkbot/dvkbot/store"
)

// Buttons served here.
const (
	routeRegister         route = "rg" // "rg" (menu), "rg:<campaign>:<unit>", or with ":new" or ":<earlier registration>"
	routeRegistrationEdit route = "re" // "re:<registration>"
)

var registerActions = []action{
	{route: routeRegister, private: true, who: secretaryOnly, run: (*request).registerAction},
	{route: routeRegistrationEdit, private: true, who: staff, run: (*request).editRegistrationAction},
}

// registerForm is the model registration of seed 001, section II.
func registerForm() *formDef {
	return &formDef{Name: "register", Title: "form_register", Allow: allowing(staff), Submit: (*request).submitRegister, EditsOpenAtReview: true,
		SubmitLabel: "btn_register_submit", Steps: form.Steps(modelFields()), ReviewNote: (*request).carriedNote, Args: (*request).registerArgs, Year: (*request).registerYear,
		Labels: (*request).registerLabels}
}

// labelled are values as options, each labelled by the locale id
// prefix+value.
func labelled(prefix string, values []string) func(*request, *store.Conversation) []form.Option {
	return func(r *request, _ *store.Conversation) []form.Option {
		out := make([]form.Option, len(values))
		for i, v := range values {
			out[i] = form.Option{Value: v, Label: r.label(prefix + v)}
		}
		return out
	}
}

// registerArgs are what the registration's questions may name: the
// campaign's end.
func (r *request) registerArgs(c *store.Conversation) locales.Args {
	args := locales.Args{}
	if camp, ok := r.formCampaign(c); ok {
		args["End"] = showISO(camp.EndDate)
	}
	return args
}

// registerYear completes a typed day without a year: the campaign's.
func (r *request) registerYear(c *store.Conversation) int {
	camp, ok := r.formCampaign(c)
	if !ok {
		return 0
	}
	y, _ := strconv.Atoi(camp.Year())
	return y
}

// formCampaign is the campaign a registration form is for.
func (r *request) formCampaign(c *store.Conversation) (store.Campaign, bool) {
	t, err := r.targetOf(c.Subject)
	return t.campaign, err == nil
}

// target is what a registration form is for: a new model of a unit in a
// campaign ("new:<campaign>:<unit>"), one that carries on the unit's
// model of an earlier campaign ("new:<campaign>:<unit>:<registration>"),
// or a change ("edit:<registration>").
type target struct {
	campaign store.Campaign
	unit     store.Unit
	reg      store.Registration // ID 0 for a new one
	from     store.Registration // the model carried on; ID 0 for none
}

func (r *request) targetOf(subject string) (target, error) {
	kind, rest, _ := strings.Cut(subject, ":")
	var t target
	var err error
	switch kind {
	case "new":
		cid, rest, _ := strings.Cut(rest, ":")
		uid, from, carried := strings.Cut(rest, ":")
		t.campaign, err = r.campaignFromArg(cid)
		if err == nil {
			t.unit, err = r.unitFromArg(uid)
		}
		if err == nil && carried {
			t.from, err = r.carriedFrom(t, from)
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
	all, err := r.openPairs()
	if err != nil {
		return err
	}
	pairs := slices.DeleteFunc(all, func(p target) bool { return !campaign.Open(p.campaign, r.today()) })
	switch len(pairs) {
	case 0:
		last, err := r.lastEnded()
		if err != nil {
			return err
		}
		if last != "" { // say why: the movement has ended
			return r.reply(r.t("register_all_ended", locales.Args{"Campaign": last}), r.menuButtons())
		}
		return r.reply(r.t("register_nothing_open", nil), r.menuButtons())
	case 1:
		return r.startRegister(pairs[0])
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
			if c.Includes(u) {
				out = append(out, target{campaign: c, unit: u})
			}
		}
	}
	return out, nil
}

// lastEnded is the name of the latest-ending movement the sender's units
// took part in that has ended (its end date came, or the office closed
// it), or "": what /register names when nothing is open.
func (r *request) lastEnded() (string, error) {
	camps, err := r.tx.Campaigns(true)
	if err != nil {
		return "", err
	}
	var last store.Campaign
	for _, uid := range r.tx.UnitsOf(r.user.ID) {
		u, ok, err := r.liveUnit(uid)
		if err != nil {
			return "", err
		}
		for _, c := range camps {
			if ok && c.Includes(u) && !campaign.Open(c, r.today()) && (last.ID == 0 || c.EndDate > last.EndDate) {
				last = c
			}
		}
	}
	return last.Name, nil
}

// liveUnit is the unit with that id, unless it is archived or gone.
func (r *request) liveUnit(id uint64) (store.Unit, bool, error) {
	u, err := r.tx.Unit(id)
	if errors.Is(err, store.ErrNotFound) {
		return u, false, nil // deleted under its secretary
	}
	return u, err == nil && !u.Archived, err
}

// registerAction handles "rg" (the menu button), "rg:<campaign>:<unit>"
// (which asks new or carried on, when there is a choice),
// "rg:<campaign>:<unit>:new" and "rg:<campaign>:<unit>:<registration>":
// the form filled in from that earlier model of the unit, checked here.
func (r *request) registerAction(arg string) error {
	if arg == "" {
		return r.register()
	}
	cid, rest, _ := strings.Cut(arg, ":")
	uid, how, _ := strings.Cut(rest, ":")
	subject := "new:" + cid + ":" + uid
	if how != "" && how != "new" {
		subject += ":" + how
	}
	t, err := r.targetOf(subject)
	if err != nil || !t.campaign.Includes(t.unit) || !r.tx.IsSecretary(t.unit.ID, r.user.ID) {
		return errStale
	}
	if refused := r.newFilingClosed(t.campaign, t.unit); refused != "" { // a reminder's button, kept
		return r.reply(refused, r.menuButtons())
	}
	switch how {
	case "":
		return r.startRegister(t)
	case "new": // asked once: the press said it is new
		return r.beginForm("register", subject, map[string]string{"novelty": store.NoveltyNew})
	}
	return r.beginFormAt("register", subject, carriedAnswers(t.from.Model), "targets") // this year's targets first
}

func newSubject(t target) string { return "new:" + idArg(t.campaign.ID) + ":" + idArg(t.unit.ID) }

// startRegister opens the registration for a unit in a campaign. When the
// unit has models of earlier campaigns it asks first: a new model, or one
// of those carried on, its form filled in from the earlier one. A draft
// the user left is offered as it always is.
func (r *request) startRegister(t target) error {
	if r.u.Command == "register" && r.hasLabelledLine(r.u.Args) { // a registration sent whole: /register and its lines
		return r.beginFormWhole("register", newSubject(t), r.u.Args)
	}
	if _, _, err := r.conversation(); err == nil {
		return r.beginForm("register", newSubject(t), nil)
	}
	earlier, err := r.carriable(t)
	if err != nil {
		return err
	}
	if len(earlier) == 0 {
		return r.beginForm("register", newSubject(t), nil)
	}
	cid, uid := idArg(t.campaign.ID), idArg(t.unit.ID)
	kb := [][]store.Button{{{Text: r.label("btn_register_new"), Data: routeRegister.data(cid, uid, "new")}}}
	for _, g := range earlier {
		kb = append(kb, []store.Button{{Text: "♻️ " + g.Number + " · " + g.Model.Name, Data: routeRegister.data(cid, uid, idArg(g.ID))}})
	}
	return r.reply(r.t("register_carry_pick", locales.Args{"Unit": t.unit.Name, "Campaign": t.campaign.Name}), kb)
}

// maxCarriable bounds the earlier models offered, newest first.
const maxCarriable = 8

// carriable are the unit's models of earlier campaigns it may carry on
// into t's campaign, newest first: not withdrawn, and not already carried
// on by a later model (the newest of a line is offered, once).
func (r *request) carriable(t target) ([]store.Registration, error) {
	regs, err := r.tx.UnitRegistrations(t.unit.ID)
	if err != nil {
		return nil, err
	}
	carried := map[uint64]bool{}
	for _, g := range regs {
		if g.Status != store.StatusWithdrawn && g.CarriedFrom != 0 {
			carried[g.CarriedFrom] = true
		}
	}
	var out []store.Registration
	for i := len(regs) - 1; i >= 0 && len(out) < maxCarriable; i-- {
		g := regs[i]
		if carried[g.ID] || !r.earlierModel(t, g) {
			continue
		}
		out = append(out, g)
	}
	return out, nil
}

// earlierModel reports whether g is a model of t's unit in an earlier
// campaign (an earlier year, or the same year and created before), not
// withdrawn.
func (r *request) earlierModel(t target, g store.Registration) bool {
	if g.UnitID != t.unit.ID || g.Status == store.StatusWithdrawn || g.CampaignID == t.campaign.ID {
		return false
	}
	c, err := r.tx.Campaign(g.CampaignID)
	if err != nil {
		return false
	}
	y, ty := c.Year(), t.campaign.Year()
	return y < ty || y == ty && c.ID < t.campaign.ID
}

// carriedFrom loads the model a button or a form names to carry on into
// t, and refuses (as stale) any other: another unit's model, one of this
// campaign or a later one, a withdrawn one, or one already carried on
// into this campaign.
func (r *request) carriedFrom(t target, arg string) (store.Registration, error) {
	g, err := r.registrationFromArg(arg)
	if err != nil || !r.earlierModel(t, g) {
		return store.Registration{}, errStale
	}
	regs, err := r.tx.UnitRegistrations(t.unit.ID) // the unit's few, not the whole bucket: this runs at every step
	if err != nil {
		return store.Registration{}, err
	}
	for _, o := range regs {
		if o.CampaignID == t.campaign.ID && o.CarriedFrom == g.ID && o.Status != store.StatusWithdrawn {
			return store.Registration{}, errStale
		}
	}
	return g, nil
}

// carriedAnswers prefill the form from an earlier model: every field but
// the period (the new campaign's, unless typed), and "duy trì, nhân rộng".
func carriedAnswers(m store.Model) map[string]string {
	a := modelAnswers(m)
	delete(a, "period")
	a["novelty"] = store.NoveltyKept
	return a
}

// carriedNote heads the review of a form filled in from an earlier model.
func (r *request) carriedNote(c *store.Conversation) string {
	t, err := r.targetOf(c.Subject)
	if err != nil || t.from.ID == 0 {
		return ""
	}
	camp, err := r.tx.Campaign(t.from.CampaignID)
	if err != nil {
		return ""
	}
	return r.t("register_carried_note", locales.Args{"Number": t.from.Number, "Name": t.from.Model.Name, "Campaign": camp.Name})
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
	refused := r.filingClosed(t.campaign, t.unit)
	if t.reg.ID == 0 {
		refused = r.newFilingClosed(t.campaign, t.unit)
	}
	if refused != "" {
		return r.keepDraft(c, refused)
	}
	if t.reg.ID != 0 {
		return r.submitChange(c, t)
	}
	g := store.Registration{CampaignID: t.campaign.ID, UnitID: t.unit.ID, Model: r.modelOf(c, t.campaign),
		Status: store.StatusSubmitted, SubmittedBy: r.user.ID, Late: r.late(t.campaign.Official().RegDeadline), CarriedFrom: t.from.ID}
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

// late reports whether what is filed today misses a deadline (the
// campaign's rule, "trước ngày": the day itself is late).
func (r *request) late(deadline string) bool {
	return campaign.LateISO(deadline, r.today())
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

// newFilingClosed is why no new model may be registered for unit in
// campaign: what filingClosed says, or the movement's end date has come
// and the office has not reopened it. Results, and changes to what was
// filed, are still taken after the end (marked late); new models are not.
func (r *request) newFilingClosed(c store.Campaign, u store.Unit) string {
	if refused := r.filingClosed(c, u); refused != "" {
		return refused
	}
	if !campaign.Open(c, r.today()) {
		return r.t("filing_campaign_ended", locales.Args{"Campaign": c.Name, "End": showISO(c.EndDate)})
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
