package report

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dvkbot/dvkbot/store"
)

// upwardLines are what the level above acts on (review F9), as the
// papers write them: the models new and kept, the results against their
// targets, the recognised models by outcome and level, and the models
// proposed for recognition by the level above, each named by name. Each
// count lists every value of the vocabulary, and the older records that
// did not say, so that a line adds up. The workbook's summary and the
// .docx draft print the same lines. More than upwardNamed proposed models
// are not named in the line (a province's thousands would fill pages):
// it says instead where they are named (message id elsewhere).
func upwardLines(s Summary, t Text, name func(Row) string, elsewhere string) []string {
	total := s.Total()
	lines := []string{
		t("xl_novelty") + ": " + vocabularyCounts(t, "model_novelty_", store.ModelNovelties, s.ByNovelty) + ".",
		t("xl_paper_against") + ": " + vocabularyCounts(t, "result_against_", store.ResultsAgainst, s.ByAgainst) + ".",
	}
	for _, o := range RecognisingOutcomes() {
		lines = append(lines, t("xl_outcome_"+o)+": "+vocabularyCounts(t, "level_", store.Levels, total.AtLevels(o))+".")
	}
	proposed := t("xl_propose") + ": " + strconv.Itoa(total.Proposed)
	var names []string
	for _, r := range s.ProposedUp() {
		names = append(names, name(r))
	}
	if len(names) > upwardNamed {
		names = []string{t(elsewhere)}
	}
	if len(names) > 0 {
		proposed += " (" + strings.Join(names, "; ") + ")"
	}
	return append(lines, proposed+".")
}

// upwardNamed is how many proposed models the line names.
const upwardNamed = 5

// vocabularyCounts is "Mô hình mới: 2; Duy trì, nhân rộng: 1", every value
// listed, and "chưa ghi: n" for the records that did not say, if any.
func vocabularyCounts(t Text, prefix string, values []string, by map[string]int) string {
	parts := make([]string, 0, len(values)+1)
	for _, v := range values {
		parts = append(parts, t(prefix+v)+": "+strconv.Itoa(by[v]))
	}
	if n := by[""]; n > 0 {
		parts = append(parts, t("report_not_stated")+": "+strconv.Itoa(n))
	}
	return strings.Join(parts, "; ")
}

// upwardName names a proposed model in the workbook: its number, name
// and unit.
func upwardName(r Row) string {
	return r.Reg.Number + " " + quoted(r.Reg.Model.Name) + " - " + r.Unit.Name
}

// lowerFirst is a label inside a sentence: "Cấp cơ sở" is "cấp cơ sở",
// "Cấp Trung ương" keeps its capitals after the first.
func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[n:]
}
