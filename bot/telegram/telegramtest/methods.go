package telegramtest

import (
	"net/http"
	"time"
)

// call runs one Bot API method.
func (s *Server) call(r *http.Request, method string, q request) (any, *apiError) {
	s.mu.Lock()
	s.calls[method]++
	if e := s.fault(method); e != nil {
		s.rejected[e.code]++
		s.mu.Unlock()
		return nil, e
	}
	s.mu.Unlock()
	if method == "getUpdates" {
		return s.getUpdates(r, q)
	}
	s.mu.Lock()
	result, e := s.dispatch(method, q)
	if e != nil {
		s.rejected[e.code]++
	}
	s.mu.Unlock()
	s.flush()
	return result, e
}

// dispatch runs a method other than getUpdates (the caller holds mu).
func (s *Server) dispatch(method string, q request) (any, *apiError) {
	switch method {
	case "getMe":
		return s.bot.json(), nil
	case "deleteWebhook":
		s.webhook = ""
		return true, nil
	case "close", "logOut":
		return true, nil
	case "getWebhookInfo":
		return map[string]any{"url": s.webhook, "has_custom_certificate": false, "pending_update_count": len(s.queue)}, nil
	case "sendMessage":
		return s.sendMessage(q)
	case "editMessageText", "editMessageReplyMarkup":
		return s.editMessage(method, q)
	case "deleteMessage":
		return s.deleteMessage(q)
	case "answerCallbackQuery":
		return s.answerCallback(q)
	case "sendDocument", "sendPhoto":
		return s.sendFile(method, q)
	case "getFile":
		return s.getFile(q)
	case "setMyCommands", "deleteMyCommands", "getMyCommands":
		return s.myCommands(method, q)
	case "getChatMember":
		return s.chatMember(q)
	case "getChat":
		return s.getChat(q)
	case "leaveChat":
		return s.leaveChat(q)
	}
	return nil, &apiError{code: 404, desc: "Not Found"}
}

// getUpdates confirms what the offset passed and long-polls for news. As
// on Telegram, a new getUpdates ends the one still open with 409 Conflict:
// two processes polling with one token each see it in turn.
func (s *Server) getUpdates(r *http.Request, q request) (any, *apiError) {
	s.mu.Lock()
	if s.webhook != "" {
		s.rejected[409]++
		s.mu.Unlock()
		return nil, &apiError{code: 409, desc: "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"}
	}
	if s.cutPoll != nil {
		close(s.cutPoll)
	}
	cut := make(chan struct{})
	s.cutPoll = cut
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		if s.cutPoll == cut {
			s.cutPoll = nil
		}
		s.mu.Unlock()
	}()

	offset, limit := q.int("offset"), q.int("limit")
	if limit <= 0 || limit > 100 {
		limit = 100
	}
	deadline := time.NewTimer(time.Duration(q.int("timeout")) * time.Second)
	defer deadline.Stop()
	for {
		s.mu.Lock()
		s.confirm(offset)
		batch := s.batch(offset, limit)
		wake := s.wake
		s.mu.Unlock()
		if len(batch) > 0 || q.int("timeout") <= 0 {
			return batch, nil
		}
		select {
		case <-wake:
		case <-cut:
			s.mu.Lock()
			s.rejected[409]++
			s.mu.Unlock()
			return nil, &apiError{code: 409, desc: "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"}
		case <-deadline.C:
			return []any{}, nil
		case <-r.Context().Done():
			return []any{}, nil
		case <-s.closed:
			return []any{}, nil
		}
	}
}

// confirm drops updates below a positive offset (the caller holds mu).
func (s *Server) confirm(offset int) {
	if offset <= 0 {
		return
	}
	keep := s.queue[:0]
	for _, p := range s.queue {
		if p.id >= offset {
			keep = append(keep, p)
		}
	}
	s.queue = keep
}

func (s *Server) batch(offset, limit int) []any {
	out := []any{}
	for _, p := range s.queue {
		if p.id >= offset && len(out) < limit {
			out = append(out, p.raw)
		}
	}
	return out
}

// Pending is how many updates the bot has not confirmed yet.
func (s *Server) Pending() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.queue)
}
