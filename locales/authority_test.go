package locales_test

import (
	"strings"
	"testing"

	"github.com/dvkbot/dvkbot/locales"
)

// TestTheOfficeReceives: the office receives (tiếp nhận) what units send
// and puts it before the Đảng ủy; it approves nothing (issue 27, item 3;
// review F3, E2). No message says "Duyệt" in Vietnamese or "approve" in
// English.
func TestTheOfficeReceives(t *testing.T) {
	c, err := locales.Load()
	if err != nil {
		t.Fatal(err)
	}
	args := locales.Args{}
	for k, v := range sample {
		args[k] = v
	}
	args["Status"] = "đã tiếp nhận" // the sample's own word is not a message's
	banned := map[string][]string{"vi": {"duyệt"}, "en": {"approve"}}
	for lang, words := range banned {
		for _, id := range c.IDs(lang) {
			s, err := c.Render(lang, id, args)
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range words {
				if strings.Contains(strings.ToLower(s), w) {
					t.Errorf("%s %s: %q says %q", lang, id, s, w)
				}
			}
		}
	}
	if got := c.Text("vi", "btn_approve", nil); !strings.Contains(got, "Tiếp nhận") {
		t.Errorf("vi btn_approve = %q, want “Tiếp nhận”", got)
	}
	if got := c.Text("en", "btn_approve", nil); !strings.Contains(got, "Receive") {
		t.Errorf("en btn_approve = %q, want “Receive”", got)
	}
}

func init() {
	// The arguments the authority's messages name (issue 27, items 1–2).
	sample["Today"] = "10/09/2024"
	sample["Basis"] = "Thông báo số 125-TB/ĐU"
	sample["Exemplary"] = "yes"
}
