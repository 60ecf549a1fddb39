package telegram

import (
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/dvkbot/dvkbot/bot/messenger"
	"github.com/dvkbot/dvkbot/store"
)

// fromAPI converts a tgbotapi update.
func fromAPI(u tgbotapi.Update) messenger.Update {
	out := messenger.Update{ID: u.UpdateID, Kind: messenger.KindOther}
	switch {
	case u.Message != nil:
		out.Kind = messenger.KindMessage
		fillMessage(&out, u.Message)
	case u.EditedMessage != nil:
		out.Kind = messenger.KindEdited
		fillMessage(&out, u.EditedMessage)
	case u.CallbackQuery != nil:
		fillCallback(&out, u.CallbackQuery)
	case u.MyChatMember != nil:
		out.Kind = messenger.KindMember
		out.From = profile(&u.MyChatMember.From)
		out.Chat = chat(&u.MyChatMember.Chat)
		out.Status = u.MyChatMember.NewChatMember.Status
	}
	return out
}

func fillMessage(out *messenger.Update, m *tgbotapi.Message) {
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
		out.File = messenger.File{ID: d.FileID, Name: d.FileName, Mime: d.MimeType, Size: d.FileSize}
	}
	if n := len(m.Photo); n > 0 { // the largest size comes last
		p := m.Photo[n-1]
		out.File = messenger.File{ID: p.FileID, Name: "photo.jpg", Mime: "image/jpeg", Size: p.FileSize}
	}
	if m.IsCommand() {
		n := min(max(m.Entities[0].Length, 1), len(m.Text))
		out.Command, out.Mention = splitCommand(m.Text[1:n])
		out.Args = m.CommandArguments()
	}
}

func fillCallback(out *messenger.Update, q *tgbotapi.CallbackQuery) {
	out.Kind = messenger.KindCallback
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

func chat(c *tgbotapi.Chat) messenger.Chat {
	if c == nil {
		return messenger.Chat{}
	}
	return messenger.Chat{ID: c.ID, Type: c.Type, Title: c.Title}
}
