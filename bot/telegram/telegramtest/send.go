package telegramtest

import (
	"encoding/json"
	"strings"
)

// Button is an inline keyboard button.
type Button struct {
	Text string
	Data string
	URL  string
}

// Sent is one thing the bot did: a message, an edit, an answer...
type Sent struct {
	Seq             int
	Method          string
	ChatID          int64
	MessageID       int
	Text            string // text or caption as sent (callback answers: their text)
	Plain           string // what the user sees: HTML parsed away
	ParseMode       string
	Buttons         [][]Button
	ReplyKeyboard   [][]string
	RemoveKeyboard  bool
	FileName        string
	FileSize        int
	Caption         string
	CallbackQueryID string
	ShowAlert       bool
	Params          map[string]string
}

// render checks text as Telegram does and returns what the user sees.
func render(text, mode string, limit int, tooLong string) (string, *apiError) {
	plain := text
	if strings.EqualFold(mode, "HTML") {
		p, err := parseHTML(text)
		if err != nil {
			return "", badRequest(err.Error())
		}
		plain = p
	}
	if utf16Len(plain) > limit {
		return "", badRequest(tooLong)
	}
	return plain, nil
}

// markup reads reply_markup.
func markup(raw string, sent *Sent) *apiError {
	if raw == "" {
		return nil
	}
	var m struct {
		Inline [][]struct {
			Text         string  `json:"text"`
			CallbackData *string `json:"callback_data"`
			URL          string  `json:"url"`
		} `json:"inline_keyboard"`
		Keyboard [][]struct {
			Text string `json:"text"`
		} `json:"keyboard"`
		Remove bool `json:"remove_keyboard"`
	}
	if err := json.Unmarshal([]byte(raw), &m); err != nil {
		return badRequest("can't parse reply keyboard markup JSON object")
	}
	for _, row := range m.Inline {
		var out []Button
		for _, b := range row {
			switch {
			case b.CallbackData != nil && (len(*b.CallbackData) > 64 || *b.CallbackData == ""):
				return badRequest("BUTTON_DATA_INVALID")
			case b.CallbackData == nil && b.URL == "":
				return badRequest("can't find field \"callback_data\"")
			case strings.TrimSpace(b.Text) == "":
				return badRequest("text buttons are unallowed in the inline keyboard")
			}
			btn := Button{Text: b.Text, URL: b.URL}
			if b.CallbackData != nil {
				btn.Data = *b.CallbackData
			}
			out = append(out, btn)
		}
		sent.Buttons = append(sent.Buttons, out)
	}
	for _, row := range m.Keyboard {
		var out []string
		for _, b := range row {
			out = append(out, b.Text)
		}
		sent.ReplyKeyboard = append(sent.ReplyKeyboard, out)
	}
	sent.RemoveKeyboard = m.Remove
	return nil
}

func (s *Server) sendMessage(q request) (any, *apiError) {
	cs, e := s.target(q.int64("chat_id"))
	if e != nil {
		return nil, e
	}
	text := q.params["text"]
	if strings.TrimSpace(text) == "" {
		return nil, badRequest("message text is empty")
	}
	sent := Sent{Method: "sendMessage", ChatID: cs.chat.ID, Text: text, ParseMode: q.params["parse_mode"], Params: q.params}
	if sent.Plain, e = render(text, sent.ParseMode, 4096, "message is too long"); e != nil {
		return nil, e
	}
	if strings.TrimSpace(sent.Plain) == "" {
		return nil, badRequest("message text is empty")
	}
	if e := markup(q.params["reply_markup"], &sent); e != nil {
		return nil, e
	}
	if e := s.limit(cs.chat); e != nil {
		return nil, e
	}
	return s.record(cs, sent), nil
}

// record stores a new bot message and returns it as Telegram would.
func (s *Server) record(cs *chatState, sent Sent) map[string]any {
	sent.MessageID = cs.nextMsg
	cs.nextMsg++
	s.seq++
	sent.Seq = s.seq
	s.sent = append(s.sent, sent)
	m := sent
	cs.messages[sent.MessageID] = &m
	cs.last = sent.MessageID
	s.event(Event{FromBot: true, From: s.bot.Name(), ChatID: cs.chat.ID, ChatTitle: cs.chat.Title,
		MessageID: sent.MessageID, Text: firstNonEmpty(sent.Plain, sent.Caption), Buttons: sent.Buttons, File: sent.FileName})
	return s.messageJSON(cs, &m)
}

func (s *Server) messageJSON(cs *chatState, m *Sent) map[string]any {
	out := map[string]any{"message_id": m.MessageID, "from": s.bot.json(), "chat": cs.chat.json(),
		"date": s.now().Unix()}
	if m.Method == "sendDocument" || m.Method == "sendPhoto" {
		out["caption"] = m.Caption
	} else {
		out["text"] = m.Plain
	}
	if len(m.Buttons) > 0 {
		out["reply_markup"] = map[string]any{"inline_keyboard": buttonsJSON(m.Buttons)}
	}
	return out
}

func buttonsJSON(rows [][]Button) [][]map[string]string {
	out := make([][]map[string]string, len(rows))
	for i, row := range rows {
		for _, b := range row {
			m := map[string]string{"text": b.Text}
			if b.URL != "" {
				m["url"] = b.URL
			} else {
				m["callback_data"] = b.Data
			}
			out[i] = append(out[i], m)
		}
	}
	return out
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func (s *Server) editMessage(method string, q request) (any, *apiError) {
	cs, e := s.target(q.int64("chat_id"))
	if e != nil {
		return nil, e
	}
	m := cs.messages[q.int("message_id")]
	if m == nil {
		return nil, badRequest("message to edit not found")
	}
	next := *m
	next.Method, next.Params, next.Buttons = method, q.params, nil
	if method == "editMessageText" {
		next.Text, next.ParseMode = q.params["text"], q.params["parse_mode"]
		if next.Plain, e = render(next.Text, next.ParseMode, 4096, "MESSAGE_TOO_LONG"); e != nil {
			return nil, e
		}
	}
	if e := markup(q.params["reply_markup"], &next); e != nil {
		return nil, e
	}
	if next.Plain == m.Plain && sameButtons(next.Buttons, m.Buttons) {
		return nil, badRequest("message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message")
	}
	s.seq++
	next.Seq = s.seq
	s.sent = append(s.sent, next)
	*m = next
	s.event(Event{FromBot: true, From: s.bot.Name(), ChatID: cs.chat.ID, ChatTitle: cs.chat.Title,
		MessageID: m.MessageID, Text: next.Plain, Buttons: next.Buttons, Edited: true})
	return s.messageJSON(cs, m), nil
}

func sameButtons(a, b [][]Button) bool {
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	return string(ja) == string(jb)
}

func (s *Server) deleteMessage(q request) (any, *apiError) {
	cs, e := s.target(q.int64("chat_id"))
	if e != nil {
		return nil, e
	}
	id := q.int("message_id")
	if cs.messages[id] == nil {
		return nil, badRequest("message to delete not found")
	}
	delete(cs.messages, id)
	s.seq++
	s.sent = append(s.sent, Sent{Seq: s.seq, Method: "deleteMessage", ChatID: cs.chat.ID, MessageID: id, Params: q.params})
	return true, nil
}

func (s *Server) answerCallback(q request) (any, *apiError) {
	id := q.params["callback_query_id"]
	answered, ok := s.queries[id]
	if !ok || answered {
		return nil, badRequest("query is too old and response timeout expired or query ID is invalid")
	}
	s.queries[id] = true
	s.seq++
	s.sent = append(s.sent, Sent{Seq: s.seq, Method: "answerCallbackQuery", CallbackQueryID: id,
		Text: q.params["text"], Plain: q.params["text"], ShowAlert: q.params["show_alert"] == "true", Params: q.params})
	return true, nil
}
