package bot

import (
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/dvkbot/dvkbot/bot/form"
	"github.com/dvkbot/dvkbot/locales"
	"github.com/dvkbot/dvkbot/store"
)

// The forms of the product are declarative steps over the one form
// engine (package bot/form); this file is where the conversation meets
// it: which form a person has open, whether their roles still allow it,
// in which place it was begun, and its buttons' route.

type (
	formDef = form.Form[*request]
	stepDef = form.Step[*request]
)

// Buttons served here.
const (
	routeForm route = "f" // a form's buttons: "f:<nonce>:<op>:<step>:<arg>"
)

var formActions = []action{
	{route: routeForm, private: true, who: anyone, run: (*request).onFormButton},
}

// allowing is a form's Allow from a role check.
func allowing(who func(role) bool) func(*request) bool {
	return func(r *request) bool { return who(r.role()) }
}

var errNoForm = errors.New("no form open")

// errFormRevoked: the user had a form their roles no longer allow; it was
// closed and they were told. It counts as no form open.
var errFormRevoked = fmt.Errorf("form no longer allowed: %w", errNoForm)

// conversation returns the sender's form in this chat, or errNoForm.
func (r *request) conversation() (store.Conversation, *formDef, error) {
	c, err := r.tx.Conversation(r.u.Chat.ID, r.u.From.ID)
	if errors.Is(err, store.ErrNotFound) {
		return c, nil, errNoForm
	}
	if err != nil {
		return c, nil, err
	}
	if c.Answers == nil {
		c.Answers = map[string]string{}
	}
	f := r.forms[c.Form]
	if f == nil { // a form that no longer exists in this version
		return c, nil, errors.Join(errNoForm, r.tx.DeleteConversation(c.ChatID, c.UserID))
	}
	if f.Later != "" && r.tx.Now().Sub(c.UpdatedAt) > lightFormFor { // text typed days later is not its answer
		return c, nil, errors.Join(errNoForm, r.tx.DeleteConversation(c.ChatID, c.UserID))
	}
	allowed := false
	if err := r.inPlaceOf(c, func() error { allowed = f.Allow(r); return nil }); err != nil {
		return c, nil, err
	}
	if !allowed { // the roles of the form's place: a move to another place is no loss of them
		return c, nil, r.revokeForm(c, f)
	}
	return c, f, nil
}

// inPlaceOf runs fn scoped to the place the form c was begun in, when the
// person works elsewhere now but still holds a role there: a draft is its
// commune's, and a move to another place (the menu's "Làm việc tại")
// neither loses it nor files it in the other. A draft of a place the
// person no longer holds a role in, an old draft that names no place, and
// a group's form (scoped by its group) are handled where the update is.
func (r *request) inPlaceOf(c store.Conversation, fn func() error) error {
	if c.Scope == nil || *c.Scope == r.commune() || !r.u.Chat.Private() || !slices.Contains(placesOf(r.tx, r.user), *c.Scope) {
		return fn()
	}
	return r.within(*c.Scope, fn)
}

// lightFormFor is how long a light form (the name question) waits for
// its answer.
const lightFormFor = 30 * time.Minute

// closingLightForm runs an update that is not the answer of the
// sender's light form in this chat (another command, another button):
// when it did its work, the light form that was open closes. A refused
// or stale one changes nothing; a light form it opened stays.
func (r *request) closingLightForm(run func() error) error {
	c, err := r.tx.Conversation(r.u.Chat.ID, r.u.From.ID)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return err
	}
	if err := run(); err != nil || c.Nonce == "" || r.forms[c.Form] == nil || r.forms[c.Form].Later == "" {
		return err
	}
	now, err := r.tx.Conversation(c.ChatID, c.UserID)
	if err != nil || now.Nonce != c.Nonce {
		return nil // closed or replaced by the update itself
	}
	return r.tx.DeleteConversation(c.ChatID, c.UserID)
}

// revokeForm closes a form whose user lost the role it needs (an admin
// removed with a form open): every path to a form passes conversation(),
// so a typed answer, a button and the submit are all refused here.
func (r *request) revokeForm(c store.Conversation, f *formDef) error {
	if err := r.tx.DeleteConversation(c.ChatID, c.UserID); err != nil {
		return err
	}
	if err := r.reply(r.t("form_revoked", locales.Args{"Form": r.label(f.Title)}), nil); err != nil {
		return err
	}
	return errFormRevoked
}

// beginForm opens a form about subject, or offers the draft the user left.
func (r *request) beginForm(name, subject string, answers map[string]string) error {
	return r.openForm(name, subject, answers, (*formDef).Start)
}

// beginFormAt opens a form with answers at the step of key (form.StartAt).
func (r *request) beginFormAt(name, subject string, answers map[string]string, key string) error {
	return r.openForm(name, subject, answers, func(f *formDef, h *request, c *store.Conversation) error { return f.StartAt(h, c, key) })
}

// beginFormWhole opens a form from a message that holds it whole
// (form.StartWhole).
func (r *request) beginFormWhole(name, subject, text string) error {
	return r.openForm(name, subject, nil, func(f *formDef, h *request, c *store.Conversation) error { return f.StartWhole(h, c, text) })
}

func (r *request) openForm(name, subject string, answers map[string]string, start func(f *formDef, h *request, c *store.Conversation) error) error {
	c, f, err := r.conversation()
	switch {
	case err == nil && c.Form == name && c.Subject == subject && (c.Scope == nil || *c.Scope == r.commune()):
		return f.Resume(r, &c) // the same form of the same place: another place's is offered as a draft
	case err == nil && f.Later != "":
		if err := r.tx.DeleteConversation(c.ChatID, c.UserID); err != nil {
			return err
		}
	case err == nil:
		return f.OfferDraft(r, c)
	case !errors.Is(err, errNoForm):
		return err
	}
	place := r.commune()
	c = store.Conversation{ChatID: r.u.Chat.ID, UserID: r.u.From.ID, Form: name,
		Subject: subject, Nonce: form.NewNonce(), Answers: answers, Scope: &place}
	return start(r.forms[name], r, &c)
}

// onFormButton handles "f:<nonce>:<op>:<step>:<arg>" in the form's place.
func (r *request) onFormButton(arg string) error {
	c, f, err := r.conversation() // the form's roles are checked there, in the form's place
	if err != nil {
		return errStale
	}
	return r.inPlaceOf(c, func() error { return f.Press(r, &c, arg) })
}

// cancel is /cancel: leave the open form, keeping its draft.
func (r *request) cancel() error {
	c, f, err := r.conversation()
	if errors.Is(err, errFormRevoked) {
		return nil
	}
	if errors.Is(err, errNoForm) {
		return r.reply(r.t("form_none_open", nil), r.menuButtons())
	}
	if err != nil {
		return err
	}
	return f.Cancel(r, &c)
}
