package bot

import (
	"errors"
	"strconv"
	"strings"

	"github.com/dvkbot/dvkbot/store"
)

// Buttons served here.
const (
	routeForm route = "f" // a form's buttons: "f:<nonce>:<op>:<step>:<arg>"
)

var formActions = []action{
	{route: routeForm, private: true, who: anyone, run: (*request).onFormButton},
}

// onFormButton handles "f:<nonce>:<op>:<step>:<arg>". A button of another
// form instance, or of a step the user already left, is stale.
func (r *request) onFormButton(arg string) error {
	parts := strings.SplitN(arg, ":", 4)
	if len(parts) != 4 {
		return errStale
	}
	c, f, err := r.conversation() // the form's roles are checked there, in the form's place
	if err != nil || c.Nonce != parts[0] {
		return errStale
	}
	stepAt, err := strconv.Atoi(parts[2])
	if err != nil || stepAt != c.Step {
		return errStale
	}
	return r.inPlaceOf(c, func() error { return r.formOp(&c, f, parts[1], parts[3]) })
}

func (r *request) formOp(c *store.Conversation, f *form, op, arg string) error {
	switch op {
	case "c":
		return r.choose(c, f, arg)
	case "t":
		return r.toggle(c, f, arg)
	case "o":
		return r.multiDone(c, f)
	case "b":
		return r.back(c, f)
	case "s":
		return r.skip(c, f)
	case "g":
		return r.keep(c, f)
	case "e":
		return r.editField(c, f, arg)
	case "k":
		return r.submitForm(c, f)
	case "x":
		return r.cancelForm(c, f)
	case "r":
		c.Paused = false
		return r.resume(c, f)
	case "d":
		return r.discardForm(c, f)
	}
	return errStale
}

// keep goes on with the answer the step already has ("Giữ nguyên"), so
// that going back never means typing it again.
func (r *request) keep(c *store.Conversation, f *form) error {
	s, ok := r.currentStep(c, f)
	if !ok || c.Answers[s.key] == "" {
		return errStale
	}
	if err := r.answer("", false); err != nil {
		return err
	}
	return r.advance(c, f)
}

func (r *request) choose(c *store.Conversation, f *form, arg string) error {
	s, ok := r.currentStep(c, f)
	i, err := strconv.Atoi(arg)
	if !ok || s.kind != inputChoice || err != nil {
		return errStale
	}
	chs := s.choices(r)
	if i < 0 || i >= len(chs) {
		return errStale
	}
	r.record(r.t("form_chosen", map[string]any{"Value": chs[i].label}))
	return r.accept(c, f, chs[i].value)
}

func (r *request) currentStep(c *store.Conversation, f *form) (step, bool) {
	if c.Step < 0 || c.Step >= len(f.steps) {
		return step{}, false
	}
	return f.steps[c.Step], true
}

func (r *request) back(c *store.Conversation, f *form) error {
	switch {
	case c.Review:
		c.Step, c.Review = len(f.steps), false
		return r.saveAndReview(c, f)
	case c.Step > 0:
		c.Step--
	}
	return r.saveAndPrompt(c, f)
}

func (r *request) skip(c *store.Conversation, f *form) error {
	s, ok := r.currentStep(c, f)
	if !ok || !s.optional {
		return errStale
	}
	delete(c.Answers, s.key)
	return r.advance(c, f)
}

func (r *request) editField(c *store.Conversation, f *form, arg string) error {
	i, err := strconv.Atoi(arg)
	if err != nil || c.Step != len(f.steps) || i < 0 || i >= len(f.steps) {
		return errStale
	}
	c.Step, c.Review = i, true
	return r.saveAndPrompt(c, f)
}

func (r *request) submitForm(c *store.Conversation, f *form) error {
	if c.Step != len(f.steps) {
		return errStale
	}
	if err := r.tx.DeleteConversation(c.ChatID, c.UserID); err != nil {
		return err
	}
	return f.submit(r, c)
}

// cancelForm leaves the form; the draft stays until discarded. A light
// form is dropped: it has nothing worth keeping.
func (r *request) cancelForm(c *store.Conversation, f *form) error {
	if f.later != "" {
		if err := r.tx.DeleteConversation(c.ChatID, c.UserID); err != nil {
			return err
		}
		return r.reply(r.t(f.later, nil)+"\n\n"+r.t("menu_title", nil), r.menuButtons())
	}
	c.Paused = true
	if err := r.tx.PutConversation(*c); err != nil {
		return err
	}
	return r.reply(r.t("form_paused", map[string]any{"Form": r.label(f.title)}), [][]store.Button{{
		r.formButton(*c, "btn_form_continue", "r", ""),
		r.formButton(*c, "btn_form_discard", "d", ""),
	}, r.backToMenu()})
}

func (r *request) discardForm(c *store.Conversation, f *form) error {
	if err := r.tx.DeleteConversation(c.ChatID, c.UserID); err != nil {
		return err
	}
	return r.reply(r.t("form_discarded", map[string]any{"Form": r.label(f.title)}), r.menuButtons())
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
	return r.cancelForm(&c, f)
}
