package bot

import (
	"errors"

	"github.com/dvkbot/dvkbot/bot/form"
	"github.com/dvkbot/dvkbot/bot/input"
	"github.com/dvkbot/dvkbot/locales"
	"github.com/dvkbot/dvkbot/store"
)

// "Họ và tên": asked once at the first contact, prefilled from the
// office's unit list or from Telegram's names family name first, and
// changed later from the menu. It is what greetings, mentions, the
// office's notices, the lists and the exports show (store.User.Name).

// Buttons served here.
const (
	routeName route = "nm" // the menu's "Họ và tên": change the full name
)

var nameActions = []action{
	{route: routeName, private: true, who: anyone, run: func(r *request, _ string) error { return r.changeName() }},
}

const formName = "name"

// nameForm is one question, submitted on the answer; it is light: it never
// stands in the way of anything else the person does.
func nameForm() *formDef {
	return &formDef{Name: formName, Title: "form_name", Allow: allowing(anyone), Quick: true, Later: "name_later",
		Submit: (*request).submitName, Steps: form.Steps(nameFields)}
}

// nameFields: the person's full name, as the bot shows it.
var nameFields = []form.Field[*request, store.User]{
	form.String(stepDef{Key: "name", Label: "field_full_name", Prompt: "ask_full_name", Kind: form.Name,
		Max: input.MaxNameRunes, Keep: "btn_name_keep"}, func(u *store.User) *string { return &u.FullName }),
}

// needsName: the person has no full name and was never asked for one.
func (r *request) needsName() bool {
	if !r.u.Chat.Private() || r.user.FullName != "" || r.user.NameAsked {
		return false
	}
	_, _, err := r.conversation()
	return errors.Is(err, errNoForm) // a draft open: ask another time
}

// askName asks for the full name once, offering prefill (when it reads as
// a name) to be kept with one press.
func (r *request) askName(prefill string) error {
	if err := r.saveName(func(u *store.User) { u.NameAsked = true }); err != nil {
		return err
	}
	return r.beginForm(formName, "", nameAnswers(prefill))
}

// changeName is the menu's button: the same question, with the name the
// bot shows now.
func (r *request) changeName() error {
	if err := r.answer("", false); err != nil {
		return err
	}
	return r.beginForm(formName, "", nameAnswers(r.user.Name()))
}

func nameAnswers(prefill string) map[string]string {
	var u store.User
	if n, err := input.ParseFullName(prefill); err == nil {
		u.FullName = n
	}
	return form.Answers(nameFields, &u)
}

// unitPrefill is the name to offer a secretary who joined unit: the
// secretary's name in the office's imported list, when they are the
// unit's only secretary (a second one is someone else); else Telegram's.
func (r *request) unitPrefill(u store.Unit) string {
	if u.Contact != "" && len(r.tx.Secretaries(u.ID)) == 1 {
		return u.Contact
	}
	return r.user.Name()
}

func (r *request) submitName(c *store.Conversation) error {
	old := r.user.Name()
	if err := r.saveName(func(u *store.User) { form.Fill(nameFields, c.Answers, u); u.NameAsked = true }); err != nil {
		return err
	}
	name := r.user.FullName
	if old != name && r.role() != roleGuest { // a person of no role is in no commune's log
		if err := r.tx.Audit(r.user.ID, "name.set", old+" → "+name); err != nil {
			return err
		}
	}
	return r.reply(r.t("name_saved", locales.Args{"Name": name})+"\n\n"+r.t("menu_title", nil), r.menuButtons())
}

// saveName changes the sender's stored record (read afresh: an invite may
// just have changed it) and the request's copy.
func (r *request) saveName(change func(*store.User)) error {
	u, err := r.tx.User(r.user.ID)
	if err != nil {
		return err
	}
	change(&u)
	if err := r.tx.PutUser(u); err != nil {
		return err
	}
	r.user.FullName, r.user.NameAsked = u.FullName, u.NameAsked
	return nil
}
