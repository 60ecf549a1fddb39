package bot

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/dvkbot/dvkbot/bot/report"
	"github.com/dvkbot/dvkbot/store"
)

// TestReportCountsEveryField: /report's by-field and by-kind lines list
// every value of the model's vocabulary, "Lĩnh vực khác" included, and
// each adds up to the number of models (review F4).
func TestReportCountsEveryField(t *testing.T) {
	b, st := capsBot(t, everything)
	s := report.Summary{Campaign: store.Campaign{Name: "Đợt 1", ResultsDeadline: "2099-09-05"},
		Rows:    make([]report.Row, 4),
		ByField: map[string]int{store.FieldOther: 2, "kinh_te": 1, "xay_dung_htct": 1},
		ByKind:  map[string]int{store.KindCollective: 3, store.KindIndividual: 1}}
	var text string
	queueIn(t, b, st, func(r *request) error { text = r.reportText(s); return nil })
	for _, want := range []string{"Lĩnh vực khác 2", "Kinh tế 1", "Xây dựng hệ thống chính trị 1", "Văn hóa - xã hội 0", "Quốc phòng - an ninh 0", "Tập thể 3", "Cá nhân 1"} {
		if !strings.Contains(text, want) {
			t.Errorf("no %q in\n%s", want, text)
		}
	}
	for _, line := range strings.Split(text, "\n") {
		if !strings.HasPrefix(line, "• ") || !strings.Contains(line, " · ") || strings.Contains(line, ":") {
			continue // the by-field and by-kind lines: "• Label n · Label n"
		}
		sum := 0
		for _, m := range regexp.MustCompile(` (\d+)(?: ·|$)`).FindAllStringSubmatch(line, -1) {
			n, _ := strconv.Atoi(m[1])
			sum += n
		}
		if sum != len(s.Rows) {
			t.Errorf("%q adds up to %d, not the %d models", line, sum, len(s.Rows))
		}
	}
}
