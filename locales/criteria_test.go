package locales_test

import (
	"strings"
	"testing"

	"github.com/dvkbot/dvkbot/locales"
)

// Issue 27 item 7 (F10, F11): the default criteria keep seed 001's
// substance (II.4), and no message ties every campaign to one plan's
// section number.
func TestDefaultCriteriaFollowTheSeed(t *testing.T) {
	c, err := locales.Load()
	if err != nil {
		t.Fatal(err)
	}
	got := c.Text("vi", "default_criteria", nil)
	lines := strings.Split(got, "\n")
	if len(lines) != 4 || !strings.HasPrefix(lines[3], "5. ") {
		t.Fatalf("the defaults are criteria 1, 2, 3 and 5 (4 is the Đảng ủy's): %q", got)
	}
	for _, want := range []string{
		"thôn xóm", // 1: most units are village cells
		"ảnh hưởng tích cực trong cộng đồng",                                           // 2
		"kinh tế, văn hóa - xã hội, an ninh - quốc phòng, xây dựng hệ thống chính trị", // 3: the fields
		"giải quyết được những khó khăn, cấp bách",                                     // 5: the core of a "khéo" model
	} {
		if !strings.Contains(got, want) {
			t.Errorf("default_criteria lacks %q", want)
		}
	}
	for _, lang := range c.Languages() {
		for _, id := range c.IDs(lang) {
			s, err := c.Render(lang, id, sample)
			if err != nil {
				t.Fatal(err)
			}
			for _, plan := range []string{"II.4", "mục II", "section II"} {
				if strings.Contains(s, plan) {
					t.Errorf("%s/%s names one plan's section %q: %s", lang, id, plan, s)
				}
			}
		}
	}
}
