package telegramtest

// chatState is what the server knows of a chat.
type chatState struct {
	chat       Chat
	nextMsg    int
	messages   map[int]*Sent // the bot's messages, as they look now
	last       int           // the bot's latest message id
	blocked    string        // a 403 description, when sends are refused
	broken     *apiError     // an error every send answers (BreakChat)
	migratedTo int64
}

// known marks a chat as one the bot may write to (the caller holds mu).
func (s *Server) known(c Chat) *chatState {
	cs := s.chats[c.ID]
	if cs == nil {
		cs = &chatState{chat: c, nextMsg: 1, messages: map[int]*Sent{}}
		s.chats[c.ID] = cs
	}
	if c.Title != "" {
		cs.chat.Title = c.Title
	}
	if c.Type != "" {
		cs.chat.Type = c.Type
	}
	return cs
}

// target finds the chat a send goes to, or the error Telegram gives.
func (s *Server) target(chatID int64) (*chatState, *apiError) {
	cs := s.chats[chatID]
	switch {
	case cs == nil:
		return nil, badRequest("chat not found")
	case cs.migratedTo != 0:
		e := badRequest("group chat was upgraded to a supergroup chat")
		e.migrateTo = cs.migratedTo
		return nil, e
	case cs.blocked != "":
		return nil, &apiError{code: 403, desc: cs.blocked}
	case cs.broken != nil:
		e := *cs.broken
		return nil, &e
	}
	return cs, nil
}

func (c Chat) json() map[string]any {
	m := map[string]any{"id": c.ID, "type": c.Type}
	if c.Title != "" {
		m["title"] = c.Title
	}
	return m
}

func (u User) json() map[string]any {
	m := map[string]any{"id": u.ID, "is_bot": u.IsBot, "first_name": u.FirstName}
	if u.LastName != "" {
		m["last_name"] = u.LastName
	}
	if u.Username != "" {
		m["username"] = u.Username
	}
	if u.LanguageCode != "" {
		m["language_code"] = u.LanguageCode
	}
	return m
}

// privateJSON is a private chat as Telegram describes it.
func privateJSON(u User) map[string]any {
	m := map[string]any{"id": u.ID, "type": "private", "first_name": u.FirstName}
	if u.LastName != "" {
		m["last_name"] = u.LastName
	}
	if u.Username != "" {
		m["username"] = u.Username
	}
	return m
}
