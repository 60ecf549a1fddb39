package form

import (
	"crypto/rand"
	"encoding/base32"
	"strconv"
	"strings"

	"github.com/dvkbot/dvkbot/store"
)

// Start shows a new form instance c its first question, or its review
// when it opens with answers to change.
func (f *Form[H]) Start(h H, c *store.Conversation) error {
	if c.Answers == nil {
		c.Answers = map[string]string{}
	}
	if f.EditsOpenAtReview && len(c.Answers) > 0 {
		return f.walkMissing(h, c, "")
	}
	return f.saveAndPrompt(h, c)
}

// missing is the first step a person must answer that has no answer
// (its key absent: a record read into answers has every key), or -1.
func (f *Form[H]) missing(c *store.Conversation) int {
	for i, s := range f.Steps {
		if _, ok := c.Answers[s.Key]; !ok && !s.Optional {
			return i
		}
	}
	return -1
}

// walkMissing goes on from answers given at once (a record to change,
// a model carried on, a sheet pasted whole): to the first step still
// missing, as from the review, so that each answer leads to the next
// missing one and then to the review; with none missing, to the
// review. note heads the message.
func (f *Form[H]) walkMissing(h H, c *store.Conversation, note string) error {
	if m := f.missing(c); m >= 0 {
		c.Step, c.Review = m, true
		if err := h.Conversations().PutConversation(*c); err != nil {
			return err
		}
		return h.Reply(note+f.promptText(h, c, ""), f.promptButtons(h, c))
	}
	c.Step, c.Review = len(f.Steps), false
	return f.review(h, c, note)
}

// StartAt opens a form with answers at the step of key, as from the
// review: what a person most likely changes (a carried-on model's
// targets) is asked first, with its answer kept by one press.
func (f *Form[H]) StartAt(h H, c *store.Conversation, key string) error {
	for i, s := range f.Steps {
		if s.Key == key {
			c.Step, c.Review = i, true
			return f.saveAndPrompt(h, c)
		}
	}
	return f.Start(h, c)
}

// Resume shows the question c is at, or its review.
func (f *Form[H]) Resume(h H, c *store.Conversation) error {
	c.Paused = false
	if c.Step >= len(f.Steps) {
		return f.saveAndReview(h, c)
	}
	return f.saveAndPrompt(h, c)
}

// OfferDraft tells the person a draft is open and lets them go on or
// drop it.
func (f *Form[H]) OfferDraft(h H, c store.Conversation) error {
	text := h.HTML("form_draft_open", map[string]any{"Form": h.Plain(f.Title, nil)})
	return h.Reply(text, [][]store.Button{{
		f.button(h, &c, "btn_form_continue", OpResume, ""),
		f.button(h, &c, "btn_form_discard", OpDiscard, ""),
	}})
}

// Message takes a typed answer, or a file, for the current step. Bad
// input gets a specific message and the same step again.
func (f *Form[H]) Message(h H, c *store.Conversation) error {
	s, ok := f.current(c)
	if !ok {
		return f.Resume(h, c)
	}
	m := h.Message()
	if s.Kind == Files {
		return f.file(h, c, s, m)
	}
	if m.Media != "" || strings.TrimSpace(m.Text) == "" && m.Text != "" {
		return f.reprompt(h, c, mediaError(s, m))
	}
	if f.Labels != nil && c.Step == 0 { // the first question: a form written out may come whole
		if note, bad, ok := f.readWhole(h, c, m.Text); ok {
			return f.afterWhole(h, c, note, bad)
		}
	}
	v, errID := f.parse(h, c, s, m.Text)
	if errID != "" {
		return f.reprompt(h, c, errID)
	}
	return f.accept(h, c, v)
}

func mediaError[H any](s Step[H], m Message) string {
	if m.Media == "" {
		return "form_err_empty"
	}
	if s.Kind == Choice {
		return "form_err_pick_button"
	}
	return "form_err_need_text"
}

// Press handles a press of one of the form's buttons, whose data (after
// the host's route) is "<nonce>:<op>:<step>:<arg>". A button of another
// instance, or of a step the person already left, is ErrStale.
func (f *Form[H]) Press(h H, c *store.Conversation, data string) error {
	parts := strings.SplitN(data, ":", 4)
	if len(parts) != 4 || c.Nonce != parts[0] {
		return ErrStale
	}
	if at, err := strconv.Atoi(parts[2]); err != nil || at != c.Step {
		return ErrStale
	}
	if c.Answers == nil {
		c.Answers = map[string]string{}
	}
	switch op, arg := Op(parts[1]), parts[3]; op {
	case OpChoose:
		return f.choose(h, c, arg)
	case OpToggle:
		return f.toggle(h, c, arg)
	case OpDone:
		return f.done(h, c)
	case OpBack:
		return f.back(h, c)
	case OpSkip:
		return f.skip(h, c)
	case OpKeep:
		return f.keep(h, c)
	case OpEdit:
		return f.editField(h, c, arg)
	case OpSubmit:
		return f.submit(h, c)
	case OpCancel:
		return f.Cancel(h, c)
	case OpResume:
		return f.Resume(h, c)
	case OpDiscard:
		return f.discard(h, c)
	}
	return ErrStale
}

// Cancel leaves the form; the draft stays until discarded. A light form
// is dropped: it has nothing worth keeping.
func (f *Form[H]) Cancel(h H, c *store.Conversation) error {
	if f.Later != "" {
		if err := h.Conversations().DeleteConversation(c.ChatID, c.UserID); err != nil {
			return err
		}
		return h.Reply(h.HTML(f.Later, nil)+"\n\n"+h.HTML("menu_title", nil), h.Menu())
	}
	c.Paused = true
	if err := h.Conversations().PutConversation(*c); err != nil {
		return err
	}
	return h.Reply(h.HTML("form_paused", map[string]any{"Form": h.Plain(f.Title, nil)}), [][]store.Button{{
		f.button(h, c, "btn_form_continue", OpResume, ""),
		f.button(h, c, "btn_form_discard", OpDiscard, ""),
	}, h.BackToMenu()})
}

func (f *Form[H]) discard(h H, c *store.Conversation) error {
	if err := h.Conversations().DeleteConversation(c.ChatID, c.UserID); err != nil {
		return err
	}
	return h.Reply(h.HTML("form_discarded", map[string]any{"Form": h.Plain(f.Title, nil)}), h.Menu())
}

func (f *Form[H]) current(c *store.Conversation) (Step[H], bool) {
	if c.Step < 0 || c.Step >= len(f.Steps) {
		return Step[H]{}, false
	}
	return f.Steps[c.Step], true
}

// keep goes on with the answer the step already has ("Giữ nguyên"), so
// that going back never means typing it again.
func (f *Form[H]) keep(h H, c *store.Conversation) error {
	s, ok := f.current(c)
	if !ok || c.Answers[s.Key] == "" {
		return ErrStale
	}
	if err := h.Ack(); err != nil {
		return err
	}
	return f.advance(h, c)
}

func (f *Form[H]) choose(h H, c *store.Conversation, arg string) error {
	s, ok := f.current(c)
	i, err := strconv.Atoi(arg)
	if !ok || s.Options == nil || s.Kind != Choice && !s.Kind.Typed() || err != nil {
		return ErrStale
	}
	opts := s.Options(h, c)
	if i < 0 || i >= len(opts) {
		return ErrStale
	}
	h.Record(h.HTML("form_chosen", map[string]any{"Value": opts[i].Label}))
	return f.accept(h, c, opts[i].Value)
}

func (f *Form[H]) back(h H, c *store.Conversation) error {
	switch {
	case c.Review:
		c.Step, c.Review = len(f.Steps), false
		return f.saveAndReview(h, c)
	case c.Step > 0:
		c.Step--
	}
	return f.saveAndPrompt(h, c)
}

func (f *Form[H]) skip(h H, c *store.Conversation) error {
	s, ok := f.current(c)
	if !ok || !s.Optional {
		return ErrStale
	}
	delete(c.Answers, s.Key)
	return f.advance(h, c)
}

func (f *Form[H]) editField(h H, c *store.Conversation, arg string) error {
	i, err := strconv.Atoi(arg)
	if err != nil || c.Step != len(f.Steps) || i < 0 || i >= len(f.Steps) {
		return ErrStale
	}
	c.Step, c.Review = i, true
	return f.saveAndPrompt(h, c)
}

func (f *Form[H]) submit(h H, c *store.Conversation) error {
	if c.Step != len(f.Steps) {
		return ErrStale
	}
	if m := f.missing(c); m >= 0 { // a sheet pasted without a field, then sent from its review
		c.Step, c.Review = m, true
		if err := h.Conversations().PutConversation(*c); err != nil {
			return err
		}
		return f.reprompt(h, c, "form_err_missing")
	}
	if err := h.Conversations().DeleteConversation(c.ChatID, c.UserID); err != nil {
		return err
	}
	return f.Submit(h, c)
}

// accept keeps v as the current step's answer and moves on.
func (f *Form[H]) accept(h H, c *store.Conversation, v string) error {
	c.Answers[f.Steps[c.Step].Key] = v
	return f.advance(h, c)
}

func (f *Form[H]) advance(h H, c *store.Conversation) error {
	if f.Quick && c.Step+1 >= len(f.Steps) {
		c.Step = len(f.Steps)
		return f.submit(h, c)
	}
	if c.Review {
		return f.walkMissing(h, c, "")
	}
	if c.Step+1 >= len(f.Steps) {
		c.Step, c.Review = len(f.Steps), false
		return f.saveAndReview(h, c)
	}
	c.Step++
	return f.saveAndPrompt(h, c)
}

func (f *Form[H]) saveAndPrompt(h H, c *store.Conversation) error {
	if err := h.Conversations().PutConversation(*c); err != nil {
		return err
	}
	return h.Reply(f.promptText(h, c, ""), f.promptButtons(h, c))
}

func (f *Form[H]) reprompt(h H, c *store.Conversation, errID string) error {
	return h.Reply(f.promptText(h, c, errID), f.promptButtons(h, c))
}

// NewNonce names a form instance, so that a button of an older one is
// stale.
func NewNonce() string {
	b := make([]byte, 5)
	rand.Read(b)
	return strings.ToLower(base32.StdEncoding.EncodeToString(b))
}
