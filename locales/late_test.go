package locales_test

import (
	"strings"
	"testing"

	"github.com/dvkbot/dvkbot/locales"
)

// TestOneWordForLate: Vietnamese says "muộn" for a registration or a
// report filed after its deadline, on paper and in chat alike; "trễ hạn"
// beside "muộn" reads as two different facts.
func TestOneWordForLate(t *testing.T) {
	c, err := locales.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range c.IDs("vi") {
		t.Run(id, func(t *testing.T) {
			s, err := c.Render("vi", id, sample)
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(strings.ToLower(s), "trễ") {
				t.Errorf("%q says \"trễ\": the word for late is \"muộn\"", s)
			}
		})
	}
}
