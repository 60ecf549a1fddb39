package bot

import (
	"github.com/dvkbot/dvkbot/store"
)

// Buttons served here.
const (
	routeLanguage route = "lang" // "lang" shows the choice, "lang:xx" picks xx
)

var languageActions = []action{
	{route: routeLanguage, private: true, who: anyone, run: (*request).pickLanguage},
}

// chooseLanguage shows the language buttons.
func (r *request) chooseLanguage() error {
	return r.reply(r.t("language_choose", nil), r.languageButtons())
}

func (r *request) languageButtons() [][]store.Button {
	var row []store.Button
	for _, l := range r.cat.Languages() {
		row = append(row, store.Button{Text: r.cat.Text(l, "language_name", nil), Data: routeLanguage.data(l)})
	}
	return [][]store.Button{row, r.backToMenu()}
}

// pickLanguage handles "lang" (show the choice) and "lang:xx" (choose xx).
func (r *request) pickLanguage(arg string) error {
	if arg == "" {
		return r.edit(r.t("language_choose", nil), r.languageButtons())
	}
	if !r.cat.Supported(arg) {
		return errStale
	}
	r.user.Language, r.lang = arg, arg
	if err := r.tx.PutUser(r.user); err != nil {
		return err
	}
	if r.role() != roleGuest { // their own menu speaks their language too
		if err := r.refreshMenu(r.user.ID); err != nil {
			return err
		}
	}
	if err := r.answer(r.cat.Text(arg, "language_set", nil), false); err != nil {
		return err
	}
	return r.edit(r.t("language_set", nil)+"\n\n"+r.t("menu_title", nil), r.menuButtons())
}
