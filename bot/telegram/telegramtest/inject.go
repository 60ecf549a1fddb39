package telegramtest

import (
	"encoding/json"
	"strconv"
	"strings"
	"unicode/utf16"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// enqueue adds an update (the caller holds mu) and wakes a long poll.
func (s *Server) enqueue(update map[string]any) int {
	id := s.nextID
	s.nextID++
	update["update_id"] = id
	raw, _ := json.Marshal(update)
	s.queue = append(s.queue, pending{id: id, raw: raw})
	close(s.wake)
	s.wake = make(chan struct{})
	return id
}

// message builds a user's message in chat (the caller holds mu).
func (s *Server) message(from User, chat Chat) (map[string]any, int) {
	cs := s.known(chat)
	id := cs.nextMsg
	cs.nextMsg++
	chatJSON := cs.chat.json()
	if cs.chat.Type == "private" {
		chatJSON = privateJSON(from)
	}
	return map[string]any{"message_id": id, "from": from.json(), "chat": chatJSON,
		"date": s.now().Unix()}, id
}

// SendText is a user sending text; a leading /command gets its entity.
func (s *Server) SendText(from User, chat Chat, text string) int {
	s.mu.Lock()
	m, id := s.message(from, chat)
	m["text"] = text
	if strings.HasPrefix(text, "/") {
		cmd := text // as Telegram: the command ends at a space or a line break
		if i := strings.IndexAny(text, " \n"); i >= 0 {
			cmd = text[:i]
		}
		m["entities"] = []map[string]any{{"type": "bot_command", "offset": 0, "length": len(utf16.Encode([]rune(cmd)))}}
	}
	s.enqueue(map[string]any{"message": m})
	s.event(Event{From: from.Name(), ChatID: chat.ID, ChatTitle: chat.Title, Text: text})
	s.mu.Unlock()
	s.flush()
	return id
}

// SendPrivate is SendText in the user's private chat.
func (s *Server) SendPrivate(from User, text string) int {
	return s.SendText(from, PrivateChat(from), text)
}

// PressButton is a user pressing an inline button of the bot's message.
func (s *Server) PressButton(from User, chat Chat, messageID int, data string) string {
	s.mu.Lock()
	cs := s.known(chat)
	s.seq++
	qid := "cq" + strconv.Itoa(s.seq)
	s.queries[qid] = false
	msg := map[string]any{"message_id": messageID, "chat": cs.chat.json(), "date": s.now().Unix(), "from": s.bot.json()}
	label := data
	if m := cs.messages[messageID]; m != nil {
		msg["text"] = m.Plain
		label = buttonLabel(m.Buttons, data)
	}
	s.enqueue(map[string]any{"callback_query": map[string]any{"id": qid, "from": from.json(),
		"message": msg, "chat_instance": strconv.FormatInt(chat.ID, 10), "data": data}})
	s.event(Event{From: from.Name(), ChatID: chat.ID, ChatTitle: chat.Title, Text: "[bấm: " + label + "]"})
	s.mu.Unlock()
	s.flush()
	return qid
}

func buttonLabel(rows [][]Button, data string) string {
	for _, row := range rows {
		for _, b := range row {
			if b.Data == data {
				return b.Text
			}
		}
	}
	return data
}

// SendDocument is a user sending a file; getFile and the download work.
func (s *Server) SendDocument(from User, chat Chat, fileName, mimeType string, content []byte, caption string) int {
	s.mu.Lock()
	f := s.storeFile(fileName, mimeType, content)
	m, id := s.message(from, chat)
	m["document"] = map[string]any{"file_id": f.id, "file_unique_id": f.unique, "file_name": fileName,
		"mime_type": mimeType, "file_size": len(content)}
	if caption != "" {
		m["caption"] = caption
	}
	s.enqueue(map[string]any{"message": m})
	s.event(Event{From: from.Name(), ChatID: chat.ID, ChatTitle: chat.Title, Text: caption, File: fileName})
	s.mu.Unlock()
	s.flush()
	return id
}

// SendPhoto is a user sending a photo.
func (s *Server) SendPhoto(from User, chat Chat, content []byte, caption string) int {
	s.mu.Lock()
	f := s.storeFile("photo.jpg", "image/jpeg", content)
	m, id := s.message(from, chat)
	m["photo"] = []map[string]any{{"file_id": f.id, "file_unique_id": f.unique, "width": 640, "height": 480, "file_size": len(content)}}
	if caption != "" {
		m["caption"] = caption
	}
	s.enqueue(map[string]any{"message": m})
	s.event(Event{From: from.Name(), ChatID: chat.ID, ChatTitle: chat.Title, Text: caption, File: "photo.jpg"})
	s.mu.Unlock()
	s.flush()
	return id
}

// EditText is a user editing a message they sent earlier.
func (s *Server) EditText(from User, chat Chat, messageID int, text string) {
	s.mu.Lock()
	m, _ := s.message(from, chat)
	s.known(chat).nextMsg-- // an edit takes no new id
	m["message_id"], m["text"], m["edit_date"] = messageID, text, s.now().Unix()
	s.enqueue(map[string]any{"edited_message": m})
	s.event(Event{From: from.Name(), ChatID: chat.ID, ChatTitle: chat.Title, Text: text, Edited: true})
	s.mu.Unlock()
	s.flush()
}

// AddBotToGroup is a user adding the bot to a group.
func (s *Server) AddBotToGroup(by User, chat Chat) {
	s.mu.Lock()
	s.known(chat).blocked = ""
	s.enqueue(s.memberUpdate(by, chat, "left", "member"))
	m, _ := s.message(by, chat)
	m["new_chat_members"] = []any{s.bot.json()}
	s.enqueue(map[string]any{"message": m})
	s.event(Event{From: by.Name(), ChatID: chat.ID, ChatTitle: chat.Title, Text: "[thêm bot vào nhóm]"})
	s.mu.Unlock()
	s.flush()
}

// HasGroup makes the bot a member of chat since long before the bot
// started: sends to it work, and no update tells of it.
func (s *Server) HasGroup(chat Chat) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.known(chat).blocked = ""
}

// RemoveBotFromGroup is a user removing the bot; later sends get 403.
func (s *Server) RemoveBotFromGroup(by User, chat Chat) {
	s.mu.Lock()
	s.known(chat).blocked = "Forbidden: bot was kicked from the group chat"
	s.enqueue(s.memberUpdate(by, chat, "member", "kicked"))
	s.event(Event{From: by.Name(), ChatID: chat.ID, ChatTitle: chat.Title, Text: "[xóa bot khỏi nhóm]"})
	s.mu.Unlock()
	s.flush()
}

func (s *Server) memberUpdate(by User, chat Chat, old, now string) map[string]any {
	return map[string]any{"my_chat_member": map[string]any{
		"chat": s.known(chat).chat.json(), "from": by.json(), "date": s.now().Unix(),
		"old_chat_member": map[string]any{"status": old, "user": s.bot.json()},
		"new_chat_member": map[string]any{"status": now, "user": s.bot.json()},
	}}
}

// MigrateGroup turns a group into a supergroup with a new id; sends to
// the old id then fail with migrate_to_chat_id, as on Telegram.
func (s *Server) MigrateGroup(by User, chat Chat, newID int64) Chat {
	s.mu.Lock()
	super := Chat{ID: newID, Type: "supergroup", Title: chat.Title}
	s.known(chat).migratedTo = newID
	s.known(super)
	old, _ := s.message(by, chat)
	old["migrate_to_chat_id"] = newID
	s.enqueue(map[string]any{"message": old})
	nw, _ := s.message(by, super)
	nw["migrate_from_chat_id"] = chat.ID
	s.enqueue(map[string]any{"message": nw})
	s.mu.Unlock()
	return super
}

// Inject queues any update; update_id (and a zero message's id and date)
// are filled in. It returns the update id.
func (s *Server) Inject(u tgbotapi.Update) int {
	raw, _ := json.Marshal(u)
	var m map[string]any
	json.Unmarshal(raw, &m)
	delete(m, "update_id")
	s.mu.Lock()
	defer s.mu.Unlock()
	if msg, ok := m["message"].(map[string]any); ok && msg["chat"] != nil {
		chat := u.Message.Chat
		s.known(Chat{ID: chat.ID, Type: chat.Type, Title: chat.Title})
		if u.Message.MessageID == 0 {
			cs := s.chats[chat.ID]
			msg["message_id"] = cs.nextMsg
			cs.nextMsg++
		}
		if u.Message.Date == 0 {
			msg["date"] = s.now().Unix()
		}
	}
	return s.enqueue(m)
}

// SetMember sets what getChatMember answers for a user in a chat.
func (s *Server) SetMember(chatID, userID int64, status string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.members[[2]int64{chatID, userID}] = status
}

// LastUpdateID is the id of the update injected last.
func (s *Server) LastUpdateID() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.nextID - 1
}

// SendSticker is a user sending a sticker (where the bot may wait for
// text). Like Inject, it records no transcript event: the caller says what
// happened in its own words.
func (s *Server) SendSticker(from User, chat Chat, emoji string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	m, _ := s.message(from, chat)
	m["sticker"] = map[string]any{"file_id": "sticker-" + emoji, "file_unique_id": "sticker", "type": "regular",
		"width": 512, "height": 512, "is_animated": false, "is_video": false, "emoji": emoji}
	return s.enqueue(map[string]any{"message": m})
}
