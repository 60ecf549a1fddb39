package telegram

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/dvkbot/dvkbot/bot/messenger"
	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// TestFromAPIOnRealUpdates converts updates as Telegram sends them.
func TestFromAPIOnRealUpdates(t *testing.T) {
	tests := []struct {
		file string
		want messenger.Update
	}{
		{"command_with_mention.json", messenger.Update{ID: 731205121, Kind: messenger.KindMessage, Command: "link", Mention: "dvk_test_bot", Args: "ngay",
			Chat: messenger.Chat{ID: -1001987654321, Type: "supergroup", Title: "Chi bộ thôn Đông"}, MessageID: 57}},
		{"callback_query.json", messenger.Update{ID: 731205122, Kind: messenger.KindCallback, CallbackID: "4382901234567890123", Data: "lang:en",
			Chat: messenger.Chat{ID: 5301234567, Type: "private"}, MessageID: 58}},
		{"my_chat_member_kicked.json", messenger.Update{ID: 731205123, Kind: messenger.KindMember, Status: "kicked",
			Chat: messenger.Chat{ID: -1001987654321, Type: "supergroup", Title: "Chi bộ thôn Đông"}}},
		{"migrate_to_supergroup.json", messenger.Update{ID: 731205124, Kind: messenger.KindMessage, MigrateTo: -1001987654321,
			Chat: messenger.Chat{ID: -4012345678, Type: "group", Title: "Chi bộ thôn Đông"}, MessageID: 12}},
		{"document.json", messenger.Update{ID: 731205125, Kind: messenger.KindMessage, Media: "document", MessageID: 60,
			Chat: messenger.Chat{ID: 111222333, Type: "private"}}},
		{"sticker.json", messenger.Update{ID: 731205126, Kind: messenger.KindMessage, Media: "sticker", MessageID: 61,
			Chat: messenger.Chat{ID: 111222333, Type: "private"}}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			raw, err := os.ReadFile("../../testdata/telegram/" + tt.file)
			if err != nil {
				t.Fatal(err)
			}
			var u tgbotapi.Update
			if err := json.Unmarshal(raw, &u); err != nil {
				t.Fatal(err)
			}
			got := fromAPI(u)
			w := tt.want
			if got.ID != w.ID || got.Kind != w.Kind || got.Command != w.Command || got.Mention != w.Mention ||
				got.Args != w.Args || got.Chat != w.Chat || got.MessageID != w.MessageID || got.Data != w.Data ||
				got.CallbackID != w.CallbackID || got.Status != w.Status || got.MigrateTo != w.MigrateTo || got.Media != w.Media {
				t.Errorf("got  %+v\nwant %+v", got, w)
			}
			if got.From.ID == 0 {
				t.Error("sender lost")
			}
		})
	}
}

func TestDocumentMetadata(t *testing.T) {
	raw, _ := os.ReadFile("../../testdata/telegram/document.json")
	var u tgbotapi.Update
	json.Unmarshal(raw, &u)
	f := fromAPI(u).File
	if f.Name != "danh-sach-don-vi.xlsx" || f.Size != 9876 || f.ID == "" {
		t.Errorf("file %+v", f)
	}
}
