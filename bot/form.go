package bot

import (
	"crypto/rand"
	"encoding/base32"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/dvkbot/dvkbot/bot/input"
	"github.com/dvkbot/dvkbot/locales"
	"github.com/dvkbot/dvkbot/store"
)

// The one form engine. Every conversation that asks the user for input is
// a form: declarative steps, each answer saved in bbolt (store.Conversation)
// as soon as it is accepted, with back, skip, cancel, a progress line, and
// a review screen from which any field can be edited.

type inputKind int

const (
	inputText     inputKind = iota // one line, up to 200 characters by default
	inputLongText                  // free text, up to 3000 characters by default
	inputChoice                    // one of the step's choices, by button (or typed)
	inputMulti                     // several choices, toggled with buttons, then "Xong"
	inputNumber                    // a whole number
	inputDate                      // a day: 07/04/2024, 7/4
	inputRange                     // two days: 01/04/2024 - 30/11/2024
	inputMoney                     // đồng: 12.500.000, 12,5 triệu
	inputFiles                     // photos and documents, one after another, then "Xong"
	inputName                      // a person's full name, "Họ và tên" (input.ParseFullName)
)

type choice struct{ value, label string }

type step struct {
	key      string
	label    string // locale id of the field's name, for the review screen
	prompt   string // locale id of the question
	kind     inputKind
	optional bool
	max      int // in UTF-16 units as Telegram counts; 0 = the kind's default
	choices  func(r *request) []choice
	// check validates a cleaned answer; it returns a locale id of the
	// error, or "" when the answer is fine.
	check func(r *request, c *store.Conversation, v string) string
	// skipped is the locale id shown on the review for a skipped
	// optional step (what the default will be).
	skipped string
	// none lets a multi-choice be finished with nothing ticked.
	none bool
	// keep is the locale id of the button that keeps the answer the step
	// has; "" is "↩️ Giữ nguyên".
	keep string
}

type form struct {
	name   string
	title  string // locale id
	who    func(role) bool
	steps  []step
	submit func(r *request, c *store.Conversation) error
	// editsOpenAtReview: a form opened with answers (a change to something
	// filed) starts at the review screen, where any field can be picked.
	editsOpenAtReview bool
	// quick forms (one short question) submit on the last answer, with no
	// review screen.
	quick bool
	// submitLabel is the locale id of the review's final button; "" is
	// "✅ Xác nhận".
	submitLabel string
	// reviewNote, when set, is a line above the review's answers (where
	// the answers came from), or "".
	reviewNote func(r *request, c *store.Conversation) string
	// later makes a light form (the name asked at the first contact): it
	// never stands in the way. Its cancel ("Để sau") drops it and says
	// this locale id with the menu; opening another form, or sending a
	// file, drops it too; it is never offered as a draft. "" is an
	// ordinary form.
	later string
}

var errNoForm = errors.New("no form open")

// errFormRevoked: the user had a form their roles no longer allow; it was
// closed and they were told. It counts as no form open.
var errFormRevoked = fmt.Errorf("form no longer allowed: %w", errNoForm)

// conversation returns the sender's form in this chat, or errNoForm.
func (r *request) conversation() (store.Conversation, *form, error) {
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
	if f.later != "" && r.tx.Now().Sub(c.UpdatedAt) > lightFormFor { // text typed days later is not its answer
		return c, nil, errors.Join(errNoForm, r.tx.DeleteConversation(c.ChatID, c.UserID))
	}
	allowed := false
	if err := r.inPlaceOf(c, func() error { allowed = f.who(r.role()); return nil }); err != nil {
		return c, nil, err
	}
	if !allowed { // the roles of the form's place: a move to another place is no loss of them
		return c, nil, r.revokeForm(c, f)
	}
	r.formSubject = c.Subject
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
	if err := run(); err != nil || c.Nonce == "" || r.forms[c.Form] == nil || r.forms[c.Form].later == "" {
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
func (r *request) revokeForm(c store.Conversation, f *form) error {
	if err := r.tx.DeleteConversation(c.ChatID, c.UserID); err != nil {
		return err
	}
	if err := r.reply(r.t("form_revoked", locales.Args{"Form": r.label(f.title)}), nil); err != nil {
		return err
	}
	return errFormRevoked
}

// beginForm opens a form about subject, or offers the draft the user left.
func (r *request) beginForm(name, subject string, answers map[string]string) error {
	c, f, err := r.conversation()
	switch {
	case err == nil && c.Form == name && c.Subject == subject && (c.Scope == nil || *c.Scope == r.commune()):
		c.Paused = false // the same form of the same place: another place's is offered as a draft
		return r.resume(&c, f)
	case err == nil && f.later != "":
		if err := r.tx.DeleteConversation(c.ChatID, c.UserID); err != nil {
			return err
		}
	case err == nil:
		return r.offerDraft(c, f)
	case !errors.Is(err, errNoForm):
		return err
	}
	place := r.commune()
	c = store.Conversation{ChatID: r.u.Chat.ID, UserID: r.u.From.ID, Form: name,
		Subject: subject, Nonce: newNonce(), Answers: answers, Scope: &place}
	if c.Answers == nil {
		c.Answers = map[string]string{}
	}
	f = r.forms[name]
	r.formSubject = subject
	if f.editsOpenAtReview && len(answers) > 0 {
		c.Step = len(f.steps)
		return r.saveAndReview(&c, f)
	}
	return r.saveAndPrompt(&c, f)
}

func (r *request) resume(c *store.Conversation, f *form) error {
	if c.Step >= len(f.steps) {
		return r.saveAndReview(c, f)
	}
	return r.saveAndPrompt(c, f)
}

// offerDraft tells the user a draft is open and lets them go on or drop it.
func (r *request) offerDraft(c store.Conversation, f *form) error {
	text := r.t("form_draft_open", locales.Args{"Form": r.label(f.title)})
	return r.reply(text, [][]store.Button{{
		r.formButton(c, "btn_form_continue", "r", ""),
		r.formButton(c, "btn_form_discard", "d", ""),
	}})
}

func (r *request) saveAndPrompt(c *store.Conversation, f *form) error {
	r.formSubject = c.Subject
	if err := r.tx.PutConversation(*c); err != nil {
		return err
	}
	return r.reply(r.promptText(c, f, ""), r.promptButtons(c, f))
}

func (r *request) promptText(c *store.Conversation, f *form, errID string) string {
	s := f.steps[c.Step]
	var b strings.Builder
	if errID != "" {
		b.WriteString(r.t(errID, r.promptArgs(c, s)) + "\n\n")
	}
	b.WriteString(r.t("form_progress", locales.Args{"Form": r.label(f.title),
		"Step": strconv.Itoa(c.Step + 1), "Total": strconv.Itoa(len(f.steps))}))
	b.WriteString("\n" + r.t(s.prompt, r.promptArgs(c, s)))
	if cur := c.Answers[s.key]; cur != "" && s.kind != inputMulti { // a multi-choice shows its ticks
		if s.kind == inputFiles {
			cur = r.showFiles(cur)
		}
		b.WriteString("\n\n" + r.t("form_current", locales.Args{"Value": r.display(s, cur)}))
	}
	return b.String()
}

// promptArgs are what a prompt or its error may name: the limit, the
// campaign's end, the targets a results report is judged against.
func (r *request) promptArgs(c *store.Conversation, s step) locales.Args {
	args := locales.Args{"Max": strconv.Itoa(s.maxLen())}
	if camp, ok := r.formCampaign(c); ok {
		args["End"] = showISO(camp.EndDate)
	}
	if c.Form == "results" && s.key == "against" {
		if g, err := r.registrationFromArg(c.Subject); err == nil {
			args["Targets"] = g.Model.Targets
		}
	}
	return args
}

func (r *request) promptButtons(c *store.Conversation, f *form) [][]store.Button {
	s := f.steps[c.Step]
	var rows [][]store.Button
	switch s.kind {
	case inputChoice:
		for i, ch := range s.choices(r) {
			rows = append(rows, []store.Button{{Text: ch.label, Data: formData(c, "c", strconv.Itoa(i))}})
		}
	case inputMulti:
		rows = r.multiButtons(c, s)
	case inputFiles:
		rows = [][]store.Button{{r.formButton(*c, "btn_form_done", "o", "")}}
	}
	var nav []store.Button
	if typedKind(s.kind) && c.Answers[s.key] != "" { // back onto a typed answer: keep it with one press
		keep := s.keep
		if keep == "" {
			keep = "btn_form_keep"
		}
		rows = append(rows, []store.Button{r.formButton(*c, keep, "g", "")})
	}
	if c.Step > 0 || c.Review {
		nav = append(nav, r.formButton(*c, "btn_form_back", "b", ""))
	}
	if s.optional {
		nav = append(nav, r.formButton(*c, "btn_form_skip", "s", ""))
	}
	cancel := "btn_form_cancel"
	if f.later != "" {
		cancel = "btn_form_later"
	}
	nav = append(nav, r.formButton(*c, cancel, "x", ""))
	return append(rows, nav)
}

// typedKind reports whether a step's answer is typed (not picked by a
// button), so that a kept answer saves retyping it.
func typedKind(k inputKind) bool {
	switch k {
	case inputText, inputLongText, inputNumber, inputDate, inputRange, inputMoney, inputName:
		return true
	}
	return false
}

// formButton makes a button of this form instance; the step is part of the
// data, so a double tap or an old message's button is recognised as stale.
func (r *request) formButton(c store.Conversation, labelID, op, arg string) store.Button {
	return store.Button{Text: r.label(labelID), Data: formData(&c, op, arg)}
}

func formData(c *store.Conversation, op, arg string) string {
	return routeForm.data(c.Nonce, op, strconv.Itoa(c.Step), arg)
}

func newNonce() string {
	b := make([]byte, 5)
	rand.Read(b)
	return strings.ToLower(base32.StdEncoding.EncodeToString(b))
}

// display renders a stored answer for the user.
func (r *request) display(s step, v string) string {
	switch s.kind {
	case inputChoice, inputMulti:
		return r.choiceLabels(s, v)
	case inputDate:
		if d, err := input.ParseISO(v); err == nil && !d.IsZero() {
			return d.String()
		}
	case inputRange:
		return showRange(v)
	case inputMoney:
		if n, err := strconv.ParseInt(v, 10, 64); err == nil {
			return input.FormatMoney(n)
		}
	case inputFiles:
		return r.showFiles(v)
	}
	return v
}

func (r *request) choiceLabels(s step, v string) string {
	var out []string
	for _, val := range strings.Split(v, ",") {
		for _, ch := range s.choices(r) {
			if ch.value == val {
				out = append(out, ch.label)
			}
		}
	}
	return strings.Join(out, ", ")
}

func (s step) maxLen() int {
	switch {
	case s.max > 0:
		return s.max
	case s.kind == inputLongText:
		return 3000
	}
	return 200
}
