package bot

import (
	"strings"

	"github.com/dvkbot/dvkbot/bot/unitfile"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/dvkbot/dvkbot/store"
)

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

// Update is our own view of a Telegram update: the library's types stop at
// this edge.
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
	File       File   // Media "document": the file sent
	// An admin's unit list, read before the update's transaction (see
	// Bot.fetch): its rows, or the locale id of why it could not be read.
	Import      []unitfile.Row
	ImportError string
	attempted   bool // an attempt marker was set for this update
}

// File describes a document a user sent.
type File struct {
	ID   string
	Name string
	Mime string
	Size int
}

// fromAPI converts a tgbotapi update.
func fromAPI(u tgbotapi.Update) Update {
	out := Update{ID: u.UpdateID, Kind: KindOther}
	switch {
	case u.Message != nil:
		out.Kind = KindMessage
		fillMessage(&out, u.Message)
	case u.EditedMessage != nil:
		out.Kind = KindEdited
		fillMessage(&out, u.EditedMessage)
	case u.CallbackQuery != nil:
		fillCallback(&out, u.CallbackQuery)
	case u.MyChatMember != nil:
		out.Kind = KindMember
		out.From = profile(&u.MyChatMember.From)
		out.Chat = chat(&u.MyChatMember.Chat)
		out.Status = u.MyChatMember.NewChatMember.Status
	}
	return out
}

func fillMessage(out *Update, m *tgbotapi.Message) {
	if m.From != nil {
		out.From, out.FromBot = profile(m.From), m.From.IsBot
	}
	out.Chat = chat(m.Chat)
	out.MessageID = m.MessageID
	out.Text = m.Text
	if out.Text == "" {
		out.Text = m.Caption
	}
	out.Media = mediaKind(m)
	out.MigrateTo = m.MigrateToChatID
	if d := m.Document; d != nil {
		out.File = File{ID: d.FileID, Name: d.FileName, Mime: d.MimeType, Size: d.FileSize}
	}
	if n := len(m.Photo); n > 0 { // the largest size comes last
		p := m.Photo[n-1]
		out.File = File{ID: p.FileID, Name: "photo.jpg", Mime: "image/jpeg", Size: p.FileSize}
	}
	if m.IsCommand() {
		n := min(max(m.Entities[0].Length, 1), len(m.Text))
		out.Command, out.Mention = splitCommand(m.Text[1:n])
		out.Args = m.CommandArguments()
	}
}

func fillCallback(out *Update, q *tgbotapi.CallbackQuery) {
	out.Kind = KindCallback
	out.From, out.FromBot = profile(q.From), q.From.IsBot
	out.CallbackID, out.Data = q.ID, q.Data
	if q.Message != nil {
		out.Chat = chat(q.Message.Chat)
		out.MessageID = q.Message.MessageID
	}
}

// splitCommand splits "Start@Dvk_Bot" into "start" and "dvk_bot".
func splitCommand(s string) (cmd, mention string) {
	cmd, mention, _ = strings.Cut(s, "@")
	return strings.ToLower(cmd), strings.ToLower(mention)
}

func mediaKind(m *tgbotapi.Message) string {
	kinds := []struct {
		name string
		has  bool
	}{
		{"photo", len(m.Photo) > 0}, {"document", m.Document != nil},
		{"sticker", m.Sticker != nil}, {"voice", m.Voice != nil},
		{"video", m.Video != nil}, {"audio", m.Audio != nil},
		{"animation", m.Animation != nil}, {"video_note", m.VideoNote != nil},
		{"location", m.Location != nil}, {"contact", m.Contact != nil},
		{"poll", m.Poll != nil},
	}
	for _, k := range kinds {
		if k.has {
			return k.name
		}
	}
	return ""
}

func profile(u *tgbotapi.User) store.Profile {
	if u == nil {
		return store.Profile{}
	}
	return store.Profile{ID: u.ID, FirstName: u.FirstName, LastName: u.LastName, Username: u.UserName}
}

func chat(c *tgbotapi.Chat) Chat {
	if c == nil {
		return Chat{}
	}
	return Chat{ID: c.ID, Type: c.Type, Title: c.Title}
}
