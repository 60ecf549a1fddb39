package telegramtest

import (
	"encoding/json"
	"strconv"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// scopeKey names a command list: the scope's type (":"+chat id for a
// chat scope) and the language code.
func scopeKey(scopeJSON, lang string) string {
	var sc struct {
		Type   string `json:"type"`
		ChatID int64  `json:"chat_id"`
	}
	json.Unmarshal([]byte(scopeJSON), &sc)
	if sc.Type == "default" {
		sc.Type = ""
	}
	key := sc.Type
	if sc.ChatID != 0 {
		key += ":" + strconv.FormatInt(sc.ChatID, 10)
	}
	return key + "|" + lang
}

func (s *Server) myCommands(method string, q request) (any, *apiError) {
	key := scopeKey(q.params["scope"], q.params["language_code"])
	switch method {
	case "getMyCommands":
		return s.commands[key], nil
	case "deleteMyCommands":
		delete(s.commands, key)
	default:
		var cmds []tgbotapi.BotCommand
		if err := json.Unmarshal([]byte(q.params["commands"]), &cmds); err != nil {
			return nil, badRequest("can't parse commands JSON object")
		}
		for _, c := range cmds {
			if c.Command == "" || len(c.Command) > 32 || c.Description == "" || len([]rune(c.Description)) > 256 {
				return nil, badRequest("BOT_COMMAND_INVALID")
			}
		}
		s.commands[key] = cmds
	}
	s.seq++
	s.sent = append(s.sent, Sent{Seq: s.seq, Method: method, Params: q.params})
	return true, nil
}

// Commands returns the list set for a scope type ("all_private_chats",
// "chat:123", "" for the default) and a language code ("" for all).
func (s *Server) Commands(scope, languageCode string) []tgbotapi.BotCommand {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.commands[scope+"|"+languageCode]
}

func (s *Server) chatMember(q request) (any, *apiError) {
	chatID, userID := q.int64("chat_id"), q.int64("user_id")
	if s.chats[chatID] == nil {
		return nil, badRequest("chat not found")
	}
	status := s.members[[2]int64{chatID, userID}]
	if status == "" {
		status = "member"
	}
	return map[string]any{"status": status, "user": map[string]any{"id": userID, "is_bot": false, "first_name": "User"}}, nil
}

func (s *Server) getChat(q request) (any, *apiError) {
	cs := s.chats[q.int64("chat_id")]
	if cs == nil {
		return nil, badRequest("chat not found")
	}
	return cs.chat.json(), nil
}

func (s *Server) leaveChat(q request) (any, *apiError) {
	cs, e := s.target(q.int64("chat_id"))
	if e != nil {
		return nil, e
	}
	cs.blocked = "Forbidden: bot is not a member of the group chat"
	s.seq++
	s.sent = append(s.sent, Sent{Seq: s.seq, Method: "leaveChat", ChatID: cs.chat.ID, Params: q.params})
	return true, nil
}
