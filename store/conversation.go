package store

import (
	"fmt"
	"time"
)

// Conversation is a form a user has open in a chat, saved after every
// accepted answer so that a restart or a days-long pause loses nothing.
type Conversation struct {
	ChatID    int64             `json:"chat_id"`
	UserID    int64             `json:"user_id"`
	Form      string            `json:"form"`
	Subject   string            `json:"subject,omitempty"` // what the form is about, e.g. a unit id
	Nonce     string            `json:"nonce"`             // in this form's buttons: older buttons are stale
	Step      int               `json:"step"`
	Review    bool              `json:"review,omitempty"` // the user came from the review screen
	Paused    bool              `json:"paused,omitempty"` // left with /cancel; the draft is kept
	Answers   map[string]string `json:"answers,omitempty"`
	StartedAt time.Time         `json:"started_at"`
	UpdatedAt time.Time         `json:"updated_at"`
	// Scope is the commune the form was begun in (0: the province's
	// place): its steps and its submit are handled there, whatever place
	// the person works in later. Nil for a draft saved before it was kept.
	Scope *uint64 `json:"scope,omitempty"`
}

// Conversation returns the open form of user in chat, or ErrNotFound.
func (t *Tx) Conversation(chatID, userID int64) (Conversation, error) {
	var c Conversation
	if err := getJSON(t.tx.Bucket(bucketConversations), pairKey(chatID, userID), &c); err != nil {
		return Conversation{}, fmt.Errorf("conversation %d/%d: %w", chatID, userID, err)
	}
	return c, nil
}

// PutConversation saves c, stamping UpdatedAt (and StartedAt when new).
func (t *Tx) PutConversation(c Conversation) error {
	if c.StartedAt.IsZero() {
		c.StartedAt = t.now
	}
	c.UpdatedAt = t.now
	return putJSON(t.tx.Bucket(bucketConversations), pairKey(c.ChatID, c.UserID), c)
}

// DeleteConversation closes the form of user in chat; closing none is fine.
func (t *Tx) DeleteConversation(chatID, userID int64) error {
	return t.tx.Bucket(bucketConversations).Delete(pairKey(chatID, userID))
}
