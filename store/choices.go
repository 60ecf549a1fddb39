package store

import (
	"fmt"
	"time"
)

// Choices are the buttons of the last message with buttons a person was
// sent in a chat, kept for a messenger that shows no buttons: the message
// lists them as numbered lines, and a number typed back is read as a
// press of that button. Written in the transaction that queues the
// message, so the list a person reads and the one kept are the same.
type Choices struct {
	ChatID int64 `json:"chat_id"`
	// UserID is who may answer; 0: anyone in the chat (a message to a
	// group that answers nobody in particular).
	UserID  int64    `json:"user_id"`
	Options []Choice `json:"options"`
	// Typed: the message asks for a typed answer (a form's text step), so
	// a number typed back is that answer, not a choice; its options are
	// chosen by their label only.
	Typed bool `json:"typed,omitempty"`
	// Bulk: the list came with a message the person did not ask for (a
	// notice, a reminder), not with the screen they are on; the bot does
	// not let such a list replace a form's (writer.onAnotherScreen).
	Bulk bool `json:"bulk,omitempty"`
	// Outbox is the outbox entry that showed the list: of two lists that
	// may answer one person, the later one counts.
	Outbox uint64    `json:"outbox"`
	At     time.Time `json:"at"`
}

// Choice is one numbered line: what is typed, what it says, and the
// button's callback data.
type Choice struct {
	Number int    `json:"n"` // -1: chosen by its label only
	Label  string `json:"label"`
	Data   string `json:"data"`
}

// Choices returns the list user may answer in chat, or ErrNotFound.
func (t *Tx) Choices(chatID, userID int64) (Choices, error) {
	var c Choices
	if err := getJSON(t.tx.Bucket(bucketChoices), pairKey(chatID, userID), &c); err != nil {
		return Choices{}, fmt.Errorf("choices %d/%d: %w", chatID, userID, err)
	}
	return c, nil
}

// PutChoices keeps c, replacing the list before it, stamped with now.
func (t *Tx) PutChoices(c Choices) error {
	c.At = t.now
	return putJSON(t.tx.Bucket(bucketChoices), pairKey(c.ChatID, c.UserID), c)
}

// DeleteChoices forgets the list of user in chat; forgetting none is fine.
func (t *Tx) DeleteChoices(chatID, userID int64) error {
	return t.tx.Bucket(bucketChoices).Delete(pairKey(chatID, userID))
}
