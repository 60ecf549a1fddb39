package zalo

import (
	"context"
	"encoding/json"
	"hash/fnv"
	"strings"

	"github.com/dvkbot/dvkbot/bot/messenger"
	"github.com/dvkbot/dvkbot/store"
)

// Update is one event (webhook: {"event_name", "message"}; getUpdates
// answers the same shape). event_name is message.text.received,
// message.image.received, message.sticker.received,
// message.voice.received or message.unsupported.received (the last one
// stands for content Zalo does not pass on).
type Update struct {
	EventName string   `json:"event_name"`
	Message   *Message `json:"message"`
}

// Message is an update's message (webhook page: from, chat, text, photo,
// caption, sticker, url, voice_url, message_id, date in milliseconds).
// Ids are strings.
type Message struct {
	MessageID string `json:"message_id"`
	Date      int64  `json:"date"`
	From      struct {
		ID          string `json:"id"`
		DisplayName string `json:"display_name"`
		IsBot       bool   `json:"is_bot"`
	} `json:"from"`
	Chat struct {
		ID       string `json:"id"`
		ChatType string `json:"chat_type"` // PRIVATE or GROUP (groups: beta)
	} `json:"chat"`
	Text    string `json:"text"`
	Photo   string `json:"photo"` // a URL
	Caption string `json:"caption"`
	Sticker string `json:"sticker"`
}

// Identities gives our int64 ids for Zalo's string ids and back
// (store.Store: Identity, External).
type Identities interface {
	Identity(ctx context.Context, messenger, ext string, group bool, base int64) (int64, error)
	External(ctx context.Context, id int64) (messenger, ext string, err error)
}

// updateIDBase keeps the update ids made from Zalo's message ids clear of
// Telegram's (small counters): [2^61, 2^62).
const updateIDBase = 1 << 61

// updateID is the update id of a Zalo message: Zalo gives none, and a
// message delivered twice (a webhook retried, a poll repeated) has the
// same message_id, so the id is made from it and the store's record of
// handled updates skips the second one. A 61-bit hash: two of Zalo's
// messages meet by chance about once in 2^30 pairs.
func updateID(u Update) int {
	h := fnv.New64a()
	if u.Message != nil && u.Message.MessageID != "" {
		h.Write([]byte("zalo/" + u.Message.MessageID))
	} else {
		raw, _ := json.Marshal(u) // no message id: the event as a whole
		h.Write(raw)
	}
	return int(updateIDBase | h.Sum64()&(updateIDBase-1))
}

// Convert puts a Zalo update in our terms, its ids made ours (Identities).
func Convert(ctx context.Context, ids Identities, u Update) (messenger.Update, error) {
	out := messenger.Update{ID: updateID(u), Kind: messenger.KindOther}
	m := u.Message
	if m == nil || m.From.ID == "" || m.Chat.ID == "" {
		return out, nil
	}
	from, err := ids.Identity(ctx, messenger.Zalo, m.From.ID, false, messenger.ZaloBase)
	if err != nil {
		return out, err
	}
	group := strings.EqualFold(m.Chat.ChatType, "GROUP")
	chat := from
	if group || m.Chat.ID != m.From.ID {
		if chat, err = ids.Identity(ctx, messenger.Zalo, m.Chat.ID, group, messenger.ZaloBase); err != nil {
			return out, err
		}
	}
	out.Kind = messenger.KindMessage
	out.From = store.Profile{ID: from, FirstName: m.From.DisplayName}
	out.FromBot = m.From.IsBot
	out.Chat = messenger.Chat{ID: chat, Type: "private"}
	if group {
		out.Chat.Type = "group"
	}
	// Zalo's message ids are strings and it has no edits or replies by
	// id: MessageID stays 0, which the conversation reads as "nothing to
	// edit".
	out.Text = m.Text
	if out.Text == "" {
		out.Text = m.Caption
	}
	switch u.EventName {
	case "message.image.received":
		// The photo is a URL; keeping it as evidence is not done yet
		// (issue 29 item 5), so it is a photo without a file to fetch.
		out.Media = "photo"
	case "message.sticker.received":
		out.Media = "sticker"
	case "message.voice.received":
		out.Media = "voice"
	case "message.text.received":
	default:
		out.Media = "unsupported"
	}
	if out.Media == "" && strings.HasPrefix(out.Text, "/") {
		// Zalo has no commands; a person types "/start ABC" as text, and
		// it is read as Telegram's command would be.
		cmd, args, _ := strings.Cut(strings.TrimSpace(out.Text[1:]), " ")
		name, mention, _ := strings.Cut(cmd, "@")
		out.Command, out.Mention, out.Args = strings.ToLower(name), mention, strings.TrimSpace(args)
	}
	return out, nil
}

// Capabilities are what Zalo shows: no inline buttons, no edits, no
// documents, no command menu (the API has sendMessage, sendPhoto by URL,
// sendSticker, sendChatAction and nothing else: docs/BOT API list), and
// texts of 2,000 characters (apis/sendMessage). The docs count
// "characters"; UTF-16 code units are counted, never fewer than
// characters, so a text within the limit is within it either way
// (text_styles' offsets are UTF-16 units: the API counts them so).
func Capabilities() messenger.Capabilities {
	return messenger.Capabilities{TextLimit: MaxText, Units: messenger.UTF16}
}
