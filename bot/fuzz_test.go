package bot

import (
	"context"
	"testing"

	"github.com/dvkbot/dvkbot/bot/messenger"
	"github.com/dvkbot/dvkbot/store"
)

// FuzzCallbackData presses buttons with any data as a user with no role:
// nothing may panic, and no role, unit or link may change.
func FuzzCallbackData(f *testing.F) {
	for _, s := range []string{"u:0", "ud:1", "ux:1:2", "adm:rm:1", "f:abc:c:0:1", "lang:en", "gl:1", "imp:x",
		"rw:1:yes", "ev:1:cong_nhan", "rx:1", "", ":", "f::::", "ud:99999999999999999999"} {
		f.Add(s)
	}
	bot, st := benchBot(f)
	ctx := context.Background()
	id := 0
	f.Fuzz(func(t *testing.T, data string) {
		id++
		u := messenger.Update{ID: id, Kind: messenger.KindCallback, From: store.Profile{ID: 42, FirstName: "Lạ"}, CallbackID: "q",
			Chat: messenger.Chat{ID: 42, Type: "private"}, MessageID: 1, Data: data}
		if err := bot.Handle(ctx, u); err != nil {
			t.Fatal(err)
		}
		entries, _ := st.AuditPage(ctx, 0, 1)
		if len(entries) != 0 {
			t.Fatalf("data %q changed something: %+v", data, entries)
		}
	})
}
