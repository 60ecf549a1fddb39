package bot

import (
	"math"
	"regexp"
	"testing"
)

// A reminder's deep link carries its unit and campaign within Telegram's
// 64 characters of [A-Za-z0-9_-], and is told apart from an invite code.
func TestReminderLinkFitsTelegramAndIsReadBack(t *testing.T) {
	id := idArg(math.MaxUint64)
	link := "res_" + id + "_" + id
	if len(link) > 64 || !regexp.MustCompile(`^[A-Za-z0-9_-]+$`).MatchString(link) {
		t.Errorf("%q does not fit a deep link", link)
	}
	if kind, cid, uid, ok := reminderLink("reg_12_345"); !ok || kind != "reg" || cid != "12" || uid != "345" {
		t.Errorf("reg_12_345 read as %q %q %q %v", kind, cid, uid, ok)
	}
	for _, code := range []string{"", "reg", "res", "reg_12", "reg_12_", "reg__3", "reg_1_2_3", "rex_1_2", "reg_-1_2", "Zk3_9a-Qx1bYt0PqLm2rSw"} {
		if _, _, _, ok := reminderLink(code); ok {
			t.Errorf("%q read as a reminder's link", code)
		}
	}
}
