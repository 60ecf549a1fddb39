// Package form is the one form engine. Every conversation that asks a
// person for input is a Form: declarative steps, each answer saved in
// bbolt (store.Conversation) in the update's transaction as soon as it is
// accepted, with back, skip, keep, cancel, a progress line, and a review
// screen from which any field can be changed.
//
// The engine knows nothing of the features that use it nor of a
// messenger's API: a form's hooks take the host (package bot's request,
// the update being handled), and the host renders what the engine queues
// through the messenger's capabilities. A step is bound to a field of the
// record it fills by a Field (field.go), the one way every form does it.
package form

import (
	"errors"

	"github.com/dvkbot/dvkbot/bot/input"
	"github.com/dvkbot/dvkbot/bot/messenger"
	"github.com/dvkbot/dvkbot/locales"
	"github.com/dvkbot/dvkbot/store"
)

// Kind is what a step asks for.
type Kind int

const (
	Text     Kind = iota // one line, up to 200 characters by default
	LongText             // free text, up to 3000 characters by default
	Choice               // one of the step's options, by button (or typed)
	Multi                // several options, ticked one by one, then "Xong"
	Number               // a whole number
	Date                 // a day: 07/04/2024, 7/4
	Range                // two days: 01/04/2024 - 30/11/2024
	Money                // đồng: 12.500.000, 12,5 triệu
	Files                // photos and documents, one after another, then "Xong"
	Name                 // a person's full name, "Họ và tên" (input.ParseFullName)
)

// Typed reports whether a step's answer is typed (not picked), so that
// going back onto it offers to keep it rather than type it again.
func (k Kind) Typed() bool {
	switch k {
	case Text, LongText, Number, Date, Range, Money, Name:
		return true
	}
	return false
}

// Option is one answer of a Choice or Multi step: the value kept and the
// label shown.
type Option struct{ Value, Label string }

// All is the Multi option that stands for every other one.
const All = "all"

// Step is one question. H is the host: the update being handled.
type Step[H any] struct {
	Key      string // the answer's key in store.Conversation.Answers
	Label    string // locale id of the field's name, for the review screen
	Prompt   string // locale id of the question
	Kind     Kind
	Optional bool
	Max      int // in UTF-16 units as Telegram counts; 0 = the kind's default
	// Options are a Choice's or Multi's answers; on a typed step, its
	// common answers offered as buttons (typing stays open).
	Options func(h H, c *store.Conversation) []Option
	// Check validates a cleaned answer; it returns a locale id of the
	// error, or "" when the answer is fine.
	Check func(h H, c *store.Conversation, v string) string
	// Skipped is the locale id shown on the review for a skipped
	// optional step (what the default will be).
	Skipped string
	// None lets a Multi be finished with nothing ticked.
	None bool
	// Keep is the locale id of the button that keeps the answer the step
	// has; "" is "↩️ Giữ nguyên".
	Keep string
}

// MaxLen is the longest answer the step takes.
func (s Step[H]) MaxLen() int {
	switch {
	case s.Max > 0:
		return s.Max
	case s.Kind == LongText:
		return 3000
	}
	return 200
}

// Form is a form of the product.
type Form[H Host] struct {
	Name  string
	Title string // locale id
	// Allow reports whether the host's sender may fill the form; it is
	// asked again at every step (see the host's lookup).
	Allow  func(h H) bool
	Steps  []Step[H]
	Submit func(h H, c *store.Conversation) error
	// EditsOpenAtReview: a form opened with answers (a change to
	// something filed) starts at the review screen.
	EditsOpenAtReview bool
	// Quick forms (one short question) submit on the last answer, with
	// no review screen.
	Quick bool
	// SubmitLabel is the locale id of the review's final button; "" is
	// "✅ Xác nhận".
	SubmitLabel string
	// ReviewNote, when set, is a line above the review's answers.
	ReviewNote func(h H, c *store.Conversation) string
	// Later makes a light form (the name asked at the first contact): it
	// never stands in the way. Its cancel ("Để sau") drops it and says
	// this locale id with the menu; it is never offered as a draft. ""
	// is an ordinary form.
	Later string
	// Args are what the form's prompts, errors and skipped lines may name
	// beyond {{.Max}}: a registration's campaign end, a report's targets.
	Args func(h H, c *store.Conversation) locales.Args
	// Year is the year a typed day without one falls in; 0 is today's.
	Year func(h H, c *store.Conversation) int
	// Labels, when set, let the whole form be sent in one message at its
	// first step, one "Label: value" line a field (whole.go): each
	// folded label (Folded) names its step's key.
	Labels func(h H) map[string]string
}

// Host is what the engine needs of the update being handled. Package
// bot's request implements it; its Reply and Edit render buttons through
// the messenger's capabilities.
type Host interface {
	// HTML renders a locale message for HTML, escaping the arguments;
	// Plain renders it as plain text (button labels, lists).
	HTML(id string, args locales.Args) string
	Plain(id string, args locales.Args) string
	// Reply queues a message to the update's chat; Edit changes the
	// message whose button was pressed; Record keeps what a press chose,
	// to be shown with the next reply; Ack answers the press.
	Reply(text string, kb [][]store.Button) error
	Edit(text string, kb [][]store.Button) error
	Record(text string)
	Ack() error
	// Conversations is where forms are kept: the update's transaction.
	Conversations() Conversations
	// Message is the update's typed text and file.
	Message() Message
	Today() input.Date
	// Menu is the main menu's buttons; BackToMenu is the one row that
	// goes back to it.
	Menu() [][]store.Button
	BackToMenu() []store.Button
	// ButtonData is the callback data of a form's button: the host's
	// route to Press, then parts.
	ButtonData(parts ...string) string
}

// Conversations keeps the forms in progress.
type Conversations interface {
	PutConversation(c store.Conversation) error
	DeleteConversation(chatID, userID int64) error
}

// Message is what a person sent to a form.
type Message struct {
	Text  string
	Media string // photo, document, ... ("" for text)
	File  messenger.File
}

// ErrStale is a press of a button of another form instance, of a step
// the person already left, or forged data.
var ErrStale = errors.New("stale or forged button")
