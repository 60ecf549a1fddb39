// Package messenger is the wall between the conversation (package bot)
// and a messenger's edge (package bot/telegram). Both sides speak only the
// types here and the store's outbox record (store.Outgoing); neither
// imports the other.
//
// A messenger is two small things, wired together in cmd/dvkbot:
//
//   - Updates in: a receiver that hands every update, converted to Update,
//     to a Handler, in order — one at a time, or a poll's updates together
//     to a BatchHandler — and moves past an update only once it was
//     handled (telegram.Poller over telegram.Client).
//   - Messages out: a sender that drains the persistent outbox (Outbox)
//     within the messenger's limits and tells a Refusals of every entry it
//     gave up for good (telegram.Sender).
//
// Telegram is the only messenger today; a second one would be a sibling of
// bot/telegram implementing the same two.
package messenger

import (
	"context"
	"errors"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/dvkbot/dvkbot/store"
)

// Capabilities are what a messenger can show: the conversation renders
// every outgoing message from them, in one place, never per feature. A
// messenger without buttons gets them as numbered lines, answered by
// typing the number; one without edits gets an edit as a new message;
// a text over TextLimit goes as several messages, cut at line ends.
type Capabilities struct {
	Buttons   bool // inline buttons, whose press comes back as a callback
	Edits     bool // a sent message can be changed
	Documents bool // files can be sent
	Commands  bool // a command menu can be published
	TextLimit int  // the longest text of one message, in Units
	Units     Units
}

// Units is how a messenger counts the length of a text.
type Units int

const (
	UTF16 Units = iota // UTF-16 code units (Telegram)
	Runes              // characters
)

// Len is the length of s as the messenger counts it.
func (c Capabilities) Len(s string) int {
	if c.Units == Runes {
		return utf8.RuneCountInString(s)
	}
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// Kinds of update the router tells apart.
const (
	KindMessage  = "message"
	KindEdited   = "edited"
	KindCallback = "callback"
	KindMember   = "member" // the bot's own membership in a chat changed
	KindOther    = "other"
)

// Chat is where an update happened.
type Chat struct {
	ID    int64
	Type  string // private, group, supergroup, channel
	Title string
}

// Private reports whether the chat is a one-to-one chat with the bot.
func (c Chat) Private() bool { return c.Type == "private" }

// Group reports whether the chat is a group or a supergroup.
func (c Chat) Group() bool { return c.Type == "group" || c.Type == "supergroup" }

// Update is one incoming event, in our own terms.
type Update struct {
	ID         int
	Kind       string
	From       store.Profile
	FromBot    bool
	Chat       Chat
	MessageID  int
	Text       string // text, or a caption
	Media      string // photo, document, sticker, voice, ... ("" for plain text)
	Command    string // "start" for "/start@dvk_bot abc", lower case
	Mention    string // "dvk_bot" in the line above
	Args       string // "abc"
	CallbackID string
	Data       string // callback data
	Status     string // KindMember: the bot's new status (member, administrator, left, kicked)
	MigrateTo  int64  // a group became the supergroup with this id
	File       File   // Media "document" or "photo": the file sent
}

// File describes a document or photo a user sent.
type File struct {
	ID   string
	Name string
	Mime string
	Size int
}

// Handler handles one update; an error means "give me this update again".
type Handler interface {
	Handle(ctx context.Context, u Update) error
}

// BatchHandler is a Handler that can also take several updates at once,
// in order, and say how many of them (from the first) it finished; an
// error means "give me the rest again". A receiver that got several
// updates in one go hands them over together when its handler is one.
type BatchHandler interface {
	Handler
	HandleBatch(ctx context.Context, us []Update) (done int, err error)
}

// Files downloads what users send.
type Files interface {
	Download(ctx context.Context, fileID string, limit int64) ([]byte, error)
}

// ErrFileTooLarge: a user's file is over what the bot accepts.
var ErrFileTooLarge = errors.New("file too large")

// Refusal says why an outbox entry was given up for good.
type Refusal struct {
	Err error // what went wrong, for logs and the office's notices
	// Reason is the messenger's own description of a refusal ("Forbidden:
	// bot was kicked from the group chat"); empty when it never answered.
	Reason  string
	Gone    bool  // the chat cannot be written to: the bot was blocked, removed, or the chat is unknown
	MovedTo int64 // the group became the supergroup with this id
	GaveUp  bool  // passing failures, too many times or for too long
	// Again: an earlier entry to the same chat was given up after passing
	// failures and nothing has reached the chat since; whoever was told
	// then need not be told again.
	Again bool
}

// Refusals is told of every entry a sender gave up for good.
type Refusals interface {
	Refused(ctx context.Context, o store.Outgoing, r Refusal)
}

// Outbox is what a sender needs of the store.
type Outbox interface {
	OnQueue(fn func([]store.Queued))
	QueueIndex(ctx context.Context) ([]store.Queued, error)
	Outgoing(ctx context.Context, id uint64) (store.Outgoing, error)
	// DeliveredLater removes sent entries, letting the removal wait up to
	// within for a commit to ride on, and tells on the channel when it
	// has committed; HastenDelivered shortens the wait of those of ids
	// still waiting, FlushDelivered commits what waits now.
	DeliveredLater(within time.Duration, ids ...uint64) <-chan error
	HastenDelivered(ids ...uint64)
	FlushDelivered()
	Postpone(ctx context.Context, id uint64, notBefore time.Time, reason string) error
	GiveUp(ctx context.Context, id uint64, reason string) error
	DropChat(ctx context.Context, chatID int64, reason string) ([]uint64, error)
	EvidenceFetched(ctx context.Context, outboxID, regID uint64, fileID, local, sum string, size int64) error
}
