package telegram

import "github.com/dvkbot/dvkbot/bot/messenger"

// Capabilities are what Telegram shows: inline buttons and their
// callbacks, edits, documents, command menus, and texts of 4096 UTF-16
// code units.
func Capabilities() messenger.Capabilities {
	return messenger.Capabilities{Buttons: true, Edits: true, Documents: true, Commands: true,
		TextLimit: maxText, Units: messenger.UTF16}
}
