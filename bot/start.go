package bot

import (
	"strings"

	"github.com/dvkbot/dvkbot/bot/input"
	"github.com/dvkbot/dvkbot/locales"
	"github.com/dvkbot/dvkbot/store"
)

// Buttons served here.
const (
	routeMenu route = "menu" // the main menu, edited in place
	routeHelp route = "help" // what the bot does, edited in place
)

var menuActions = []action{
	{route: routeMenu, private: true, who: anyone, run: func(r *request, _ string) error { return r.menuEdit() }},
	{route: routeHelp, private: true, who: anyone, run: func(r *request, _ string) error { return r.helpEdit() }},
}

// start greets the user and shows the menu for their role; with an
// invite code (a deep link) it first joins the user to the unit.
func (r *request) start() error {
	code := strings.TrimSpace(r.u.Args)
	if kind, cid, uid, ok := reminderLink(code); ok { // a reminder's link, for its unit and campaign
		return r.startReminded(kind, cid, uid)
	}
	switch code {
	case "":
	case "reg": // an older reminder's link: the forms of where the person works
		return r.startForm(secretaryOnly, r.register)
	case "res":
		return r.startForm(secretaryOnly, r.results)
	default:
		return r.joinByInvite(code)
	}
	if r.needsName() { // the first contact: the greeting, then "Họ và tên", then the menu
		if err := r.reply(r.welcome(), nil); err != nil {
			return err
		}
		return r.askName(r.user.Name())
	}
	if err := r.reply(r.welcome(), r.menuButtons()); err != nil {
		return err
	}
	return r.remindDraft()
}

// remindDraft offers to continue or drop a form the user left open.
func (r *request) remindDraft() error {
	if !r.u.Chat.Private() {
		return nil
	}
	c, f, err := r.conversation()
	if err != nil {
		return nil // no draft, or none readable: nothing to offer
	}
	if f.Later != "" { // a light form left unanswered: asked once, not again
		return r.tx.DeleteConversation(c.ChatID, c.UserID)
	}
	return f.OfferDraft(r, c)
}

func (r *request) welcome() string {
	args := locales.Args{"Name": r.displayName(), "Units": r.myUnitNames()}
	switch ro := r.role(); {
	case ro.is(roleAdmin) && ro.is(roleSecretary):
		return r.t("welcome_admin", args) + "\n" + r.t("welcome_also_secretary", args)
	case ro.is(roleAdmin):
		return r.t("welcome_admin", args)
	case ro.is(roleSecretary):
		return r.t("welcome_secretary", args)
	case ro.is(roleProvince):
		return r.t("welcome_province", args)
	case ro.is(roleViewer | roleProvinceViewer):
		return r.t("welcome_viewer", args)
	}
	return r.t("welcome_guest", args)
}

// displayName is the sender's name as the bot shows it: the full name
// they confirmed, else Telegram's names family name first.
func (r *request) displayName() string { return input.CleanName(r.user.Name()) }

// menu shows the main menu buttons, and any draft left open.
func (r *request) menu() error {
	if err := r.reply(r.t("menu_title", nil), r.menuButtons()); err != nil {
		return err
	}
	return r.remindDraft()
}

// menuEdit turns the pressed message back into the menu.
func (r *request) menuEdit() error {
	return r.edit(r.t("menu_title", nil), r.menuButtons())
}

// menuButtons are the main menu for the sender's role. Each later feature
// adds its buttons here, guarded by role.
func (r *request) menuButtons() [][]store.Button {
	var kb [][]store.Button
	ro := r.role()
	if ro.is(roleSecretary) {
		kb = append(kb, []store.Button{{Text: r.label("btn_register"), Data: routeRegister.data()}, {Text: r.label("btn_results"), Data: routeResults.data()}},
			[]store.Button{{Text: r.label("btn_my_models"), Data: routeMyModels.data()}, {Text: r.label("btn_deadlines"), Data: routeDeadlines.data()}})
	}
	if ro.is(roleViewer) && !ro.is(roleAdmin) {
		kb = append(kb, []store.Button{{Text: r.label("btn_report"), Data: routeReport.data()}})
	}
	if ro.is(roleAdmin) {
		kb = append(kb, []store.Button{{Text: r.label("btn_pending"), Data: routePending.data()}, {Text: r.label("btn_report"), Data: routeReport.data()}},
			[]store.Button{{Text: r.label("btn_campaigns"), Data: routeCampaigns.data()}, {Text: r.label("btn_units"), Data: routeUnits.data("0")}})
	}
	if ro.is(roleProvince) {
		kb = append(kb, []store.Button{{Text: r.label("btn_communes"), Data: routeCommunes.data()}, {Text: r.label("btn_report"), Data: routeReport.data()}},
			[]store.Button{{Text: r.label("btn_campaigns"), Data: routeCampaigns.data()}})
	}
	if ro.is(roleProvinceViewer) {
		kb = append(kb, []store.Button{{Text: r.label("btn_report"), Data: routeReport.data()}})
	}
	kb = append(kb, r.placeSwitch()...)
	return append(kb,
		[]store.Button{{Text: r.label("btn_help"), Data: routeHelp.data()}, {Text: r.label("btn_my_name"), Data: routeName.data()}},
		[]store.Button{{Text: r.label("btn_language"), Data: routeLanguage.data()}})
}

// myUnitNames lists the units the sender is a secretary of.
func (r *request) myUnitNames() string {
	var names []string
	for _, id := range r.tx.UnitsOf(r.user.ID) {
		if u, err := r.tx.Unit(id); err == nil {
			names = append(names, u.Name)
		}
	}
	return strings.Join(names, ", ")
}

// help lists what this user may do here.
func (r *request) help() error {
	if !r.u.Chat.Private() {
		return r.reply(r.t("help_group", nil), r.privateChatButton())
	}
	return r.reply(r.helpText(), [][]store.Button{r.backToMenu()})
}

func (r *request) helpEdit() error {
	return r.edit(r.helpText(), [][]store.Button{r.backToMenu()})
}

func (r *request) helpText() string {
	var lines []string
	for _, c := range r.allowed(r.role(), false) {
		lines = append(lines, "/"+c.name+" — "+r.t(c.desc, nil))
	}
	id := "help_guest"
	switch ro := r.role(); {
	case ro.is(roleAdmin):
		id = "help_admin"
	case ro.is(roleSecretary):
		id = "help_secretary"
	}
	return r.t(id, nil) + "\n\n" + strings.Join(lines, "\n") + "\n\n" + r.t("help_tip", nil)
}

func (r *request) backToMenu() []store.Button {
	return []store.Button{{Text: r.label("btn_back_menu"), Data: routeMenu.data()}}
}

// startForm opens a form from a deep link, if the sender may.
func (r *request) startForm(who func(role) bool, open func() error) error {
	if !who(r.role()) {
		return r.reply(r.t("not_allowed", nil), r.menuButtons())
	}
	return open()
}
