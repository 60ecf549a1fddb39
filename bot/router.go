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
	if err == nil && f.Later != "" && r.u.Media != "" { // a file does not answer a light form: drop it
		if err = r.tx.DeleteConversation(c.ChatID, c.UserID); err != nil {
			return err
		}
		err = errNoForm
	}
	switch {
	case err == nil && !c.Paused:
		return r.inPlaceOf(c, func() error { return f.Message(r, &c) })
	case err == nil:
		return f.OfferDraft(r, c)
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
		return r.notAllowed(c)
	case inGroup && !c.group:
		return r.reply(r.t("use_private_chat", nil), r.privateChatButton())
	case !inGroup && !c.private:
		return r.reply(r.t("use_group_chat", nil), nil)
	}
	if !inGroup {
		return r.closingLightForm(func() error { return c.run(r) }) // another command: the name question closes
	}
	return c.run(r)
}

// route is one kind of button: the name its callback data starts with.
// Each route is declared as a constant next to the handler that serves
// it, with where and by whom it may be pressed (an action), and buttons
// build their data with route.data, never by hand.
type route string

// data is the callback data of a button of the route with args:
// "name" or "name:arg1:arg2".
func (rt route) data(args ...string) string {
	if len(args) == 0 {
		return string(rt)
	}
	return string(rt) + ":" + strings.Join(args, ":")
}

// action is how a route is served: checked against where it was pressed
// and the stored role before run is called with the data after "name:".
// The router answers a press that run left unanswered.
type action struct {
	route   route
	private bool // pressed in a private chat only
	group   bool // pressed in a group only
	who     func(role) bool
	run     func(r *request, arg string) error
}

// actions serves every route, from the tables declared beside each
// feature's handlers.
var actions = index(menuActions, languageActions, formActions, unitActions, inviteActions, peopleActions,
	importActions, campaignActions, upcomingActions, registerActions, myModelActions, reviewActions,
	resultActions, evaluateActions, pendingActions, reportActions, evidenceActions, groupActions, yearEndActions, provinceActions, rollupActions, placeActions,
	nameActions, remindedActions)

// index makes one lookup table of the feature tables; a route declared
// twice is a programming error, caught by any test.
func index(tables ...[]action) map[route]action {
	out := map[route]action{}
	for _, t := range tables {
		for _, a := range t {
			if _, dup := out[a.route]; dup {
				panic("route declared twice: " + string(a.route))
			}
			out[a.route] = a
		}
	}
	return out
}

func (b *Bot) onCallback(r *request) error {
	name, arg, _ := strings.Cut(r.u.Data, ":")
	a, ok := actions[route(name)]
	if !ok || (a.private && !r.u.Chat.Private()) || (a.group && !r.u.Chat.Group()) || !a.who(r.role()) {
		return r.stale()
	}
	run := func() error { return a.run(r, arg) }
	var err error
	if r.u.Chat.Private() && a.route != routeForm {
		err = r.closingLightForm(run) // another button: the name question closes
	} else {
		err = run()
	}
	switch {
	case errors.Is(err, errStale):
		return r.stale()
	case err != nil:
		return err
	}
	if err := r.flushChosen(); err != nil {
		return err
	}
	return r.answer("", false) // a no-op when run answered
}

// stale answers a button that is old, not this user's, or forged (or a
// typed choice of such a button, numbered.go).
func (r *request) stale() error {
	if r.typedIn {
		return r.answer(r.cat.Text(r.lang, "choice_stale", nil), true)
	}
	return r.answer(r.cat.Text(r.lang, "button_stale", nil), true)
}

func (r *request) privateChatButton() [][]store.Button {
	return [][]store.Button{{{Text: r.label("btn_open_private"), URL: "https://t.me/" + r.cfg.Username}}}
}
