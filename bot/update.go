package bot

import (
	"github.com/dvkbot/dvkbot/bot/messenger"
	"github.com/dvkbot/dvkbot/bot/unitfile"
)

// update is an incoming update with what the bot read before its
// transaction: an admin's unit list (see Bot.fetch), its rows or the
// locale id of why it could not be read.
type update struct {
	messenger.Update
	Import      []unitfile.Row
	Communes    []unitfile.CommuneRow // the province's office sent its list of communes
	ImportError string
	attempted   bool // an attempt marker was set for this update
}
