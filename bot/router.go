package bot

import (
	"errors"
	"strings"

	"github.com/dvkbot/dvkbot/locales"
	"github.com/dvkbot/dvkbot/store"
)

func (b *Bot) onMessage(r *request) error {
	switch {
	case r.u.MigrateTo != 0:
		return r.onMigrate()
	case r.u.Command != "":
		return b.onCommand(r)
	case !r.u.Chat.Private():
		return nil // in groups the bot speaks only when spoken to
	}
	c, f, err := r.conversation()
	switch {
	case err == nil && !c.Paused:
		return r.formMessage(&c, f)
	case err == nil:
		return r.offerDraft(c, f)
	case errors.Is(err, errFormRevoked):
		return nil // closed, and the user was told
	case !errors.Is(err, errNoForm):
		return err
	case r.u.Media == "document":
		return r.onDocument()
	case r.u.Media != "":
		return r.reply(r.t("media_outside_form", nil), r.menuButtons())
	default:
		return r.reply(r.t("text_outside_form", nil), r.menuButtons())
	}
}

func (b *Bot) onCommand(r *request) error {
	inGroup := !r.u.Chat.Private()
	if r.u.Mention != "" && r.u.Mention != strings.ToLower(b.cfg.Username) {
		return nil // meant for another bot
	}
	c, ok := b.findCommand(r.u.Command)
	switch {
	case !ok && inGroup && r.u.Mention == "":
		return nil // maybe another bot's command: stay quiet
	case inGroup && !r.groupLinked():
		return r.unlinkedGroupCommand() // staff, and only to link it; anyone else: silence
	case !ok:
		return r.reply(r.t("unknown_command", locales.Args{"Command": r.u.Command}), nil)
	case !c.who(r.role()):
		return r.reply(r.t("not_allowed", nil), nil)
	case inGroup && !c.group:
		return r.reply(r.t("use_private_chat", nil), r.privateChatButton())
	case !inGroup && !c.private:
		return r.reply(r.t("use_group_chat", nil), nil)
	}
	return c.run(r)
}

// callback actions: data is "action" or "action:arg", checked against the
// table and the stored role; anything else is answered as stale.
type action struct {
	private bool // pressed in a private chat only
	group   bool // pressed in a group only
	who     func(role) bool
	run     func(r *request, arg string) error
}

var actions = map[string]action{
	"menu": {private: true, who: anyone, run: func(r *request, _ string) error { return r.menuEdit() }},
	"help": {private: true, who: anyone, run: func(r *request, _ string) error { return r.helpEdit() }},
	"lang": {private: true, who: anyone, run: (*request).pickLanguage},
	"f":    {private: true, who: anyone, run: (*request).onFormButton},
	// units, secretaries, admins: the office only
	"u":    {private: true, who: adminOnly, run: (*request).unitsAction},
	"ud":   {private: true, who: adminOnly, run: (*request).unitDetail},
	"ua":   {private: true, who: adminOnly, run: unitFormAction("unit_add")},
	"ur":   {private: true, who: adminOnly, run: unitFormAction("unit_rename")},
	"uk":   {private: true, who: adminOnly, run: unitFormAction("unit_kind")},
	"uh":   {private: true, who: adminOnly, run: (*request).archiveAction},
	"ui":   {private: true, who: adminOnly, run: (*request).inviteAction},
	"uv":   {private: true, who: adminOnly, run: (*request).revokeAction},
	"us":   {private: true, who: adminOnly, run: (*request).secretariesAction},
	"ux":   {private: true, who: adminOnly, run: (*request).removeSecretaryAction},
	"uimp": {private: true, who: adminOnly, run: (*request).importHelp},
	"imp":  {private: true, who: adminOnly, run: (*request).importAction},
	"adm":  {private: true, who: adminOnly, run: (*request).adminsAction},
	"aud":  {private: true, who: adminOnly, run: (*request).auditAction},
	// campaigns: the office
	"cl": {private: true, who: adminOnly, run: campaignAction("cl")},
	"ca": {private: true, who: adminOnly, run: campaignAction("ca")},
	"cd": {private: true, who: adminOnly, run: campaignAction("cd")},
	"ce": {private: true, who: adminOnly, run: campaignAction("ce")},
	"cc": {private: true, who: adminOnly, run: campaignAction("cc")},
	"cs": {private: true, who: adminOnly, run: (*request).upcomingAction},
	// registrations: secretaries register, the office reviews
	"rg": {private: true, who: secretaryOnly, run: (*request).registerAction},
	"re": {private: true, who: staff, run: (*request).editRegistrationAction},
	"rw": {private: true, who: staff, run: (*request).withdrawAction},
	"my": {private: true, who: secretaryOnly, run: (*request).myModels},
	"md": {private: true, who: staff, run: (*request).modelDetail},
	"dl": {private: true, who: secretaryOnly, run: (*request).deadlines},
	"ra": {private: true, who: adminOnly, run: (*request).approveAction},
	"rr": {private: true, who: adminOnly, run: (*request).returnAction},
	// results and evaluation
	"rs": {private: true, who: secretaryOnly, run: (*request).resultsAction},
	"ev": {private: true, who: adminOnly, run: (*request).evaluateAction},
	"mf": {private: true, who: adminOnly, run: (*request).modelFile},
	"rq": {private: true, who: adminOnly, run: func(r *request, _ string) error {
		if err := r.answer("", false); err != nil {
			return err
		}
		return r.reportCmd()
	}},
	"rp": {private: true, who: adminOnly, run: reportAction("rp")},
	"rx": {private: true, who: adminOnly, run: reportAction("rx")},
	"rc": {private: true, who: adminOnly, run: reportAction("rc")},
	"rh": {private: true, who: adminOnly, run: reportAction("rh")},
	"ru": {private: true, who: adminOnly, run: (*request).reportUnitsAction},
	"rd": {private: true, who: adminOnly, run: (*request).reportUnitAction},
	"rz": {private: true, who: adminOnly, run: (*request).evidenceZipAction},
	"pd": {private: true, who: adminOnly, run: func(r *request, _ string) error {
		if err := r.answer("", false); err != nil {
			return err
		}
		return r.pending()
	}},
	// group linking: pressed in the group; the unit decides who may
	"gl": {group: true, who: anyone, run: (*request).linkAction},
	"gp": {group: true, who: staff, run: (*request).linkPageAction},
}

func (b *Bot) onCallback(r *request) error {
	name, arg, _ := strings.Cut(r.u.Data, ":")
	a, ok := actions[name]
	if !ok || (a.private && !r.u.Chat.Private()) || (a.group && !r.u.Chat.Group()) || !a.who(r.role()) {
		return r.stale()
	}
	err := a.run(r, arg)
	if errors.Is(err, errStale) {
		return r.stale()
	}
	return err
}

// stale answers a button that is old, not this user's, or forged.
func (r *request) stale() error {
	return r.answer(r.cat.Text(r.lang, "button_stale", nil), true)
}

func (r *request) privateChatButton() [][]store.Button {
	return [][]store.Button{{{Text: r.label("btn_open_private"), URL: "https://t.me/" + r.cfg.Username}}}
}
