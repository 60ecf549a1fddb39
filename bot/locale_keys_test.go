package bot

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/dvkbot/dvkbot/bot/unitfile"
	"github.com/dvkbot/dvkbot/locales"
	"github.com/dvkbot/dvkbot/store"
)

// notKeys are snake_case literals in this package that are not message ids.
var notKeys = map[string]bool{
	"callback_query": true, "chat_id": true, "down_for": true, "edited_message": true,
	"my_chat_member": true, "retry_in": true, "update_id": true, "video_note": true,
	"unit_add": true, "unit_rename": true, "unit_kind": true, "dvk_bot": true,
	"tap_the": true, "ca_nhan": true, "cong_nhan": true, "dien_hinh": true, "chua_dat": true, "results_edit": true, "kinh_te": true, "van_hoa_xa_hoi": true, "quoc_phong_an_ninh": true, "xay_dung_htct": true,
	"duy_tri": true, "province_campaign": true, "local_dates": true, "evaluate_recognised": true, "co_so": true, "trung_uong": true,
}

// TestEveryMessageIDInCodeExists reads this package's source for message
// ids, so that a typo or a forgotten locale entry fails here, not in
// front of a user.
func TestEveryMessageIDInCodeExists(t *testing.T) {
	cat, err := locales.Load()
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	files, _ := filepath.Glob("*.go")
	for _, dir := range []string{"report", "form"} {
		sub, _ := filepath.Glob(dir + "/*.go")
		files = append(files, sub...)
	}
	lit := regexp.MustCompile(`"([a-z]+(?:_[a-z]+)+)"`)
	action := regexp.MustCompile(`"([a-z]+\.[a-z]+)"`) // audit actions, shown as audit_<action>
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range lit.FindAllStringSubmatch(string(src), -1) {
			if !notKeys[m[1]] && !slices.Contains(store.UnitKinds, m[1]) { // a unit's kind as stored (report's unitForms)
				ids[m[1]] = true
			}
		}
		for _, m := range action.FindAllStringSubmatch(string(src), -1) {
			if m[1] != "photo.jpg" {
				ids["audit_"+strings.ReplaceAll(m[1], ".", "_")] = true
			}
		}
	}
	for _, k := range store.UnitKinds {
		ids["kind_"+k] = true
	}
	for _, k := range store.ModelKinds {
		ids["model_kind_"+k] = true
	}
	for _, f := range store.ModelFields {
		ids["model_field_"+f] = true
	}
	for _, v := range store.ModelNovelties {
		ids["model_novelty_"+v] = true
	}
	for _, v := range store.Levels {
		ids["level_"+v] = true
	}
	for _, v := range proposeChoices {
		ids["propose_"+v] = true
	}
	for _, v := range store.ResultsAgainst {
		ids["result_against_"+v] = true
	}
	for _, o := range store.Outcomes {
		ids["xl_outcome_"+o] = true
	}
	for _, dl := range []string{"reg", "results"} { // reminders: remind_<deadline>[_overdue|_today]
		ids["remind_"+dl+"_today"] = true
		ids["remind_"+dl], ids["remind_"+dl+"_overdue"], ids["btn_remind_"+dl], ids["digest_late_"+dl] = true, true, true, true
		ids["upcoming_"+dl] = true
	}
	for _, o := range store.Outcomes {
		ids["outcome_"+o] = true
		ids["btn_outcome_"+o] = true
	}
	for _, st := range []string{store.StatusSubmitted, store.StatusReturned, store.StatusApproved, store.StatusWithdrawn} {
		ids["status_"+st] = true
	}
	for _, e := range []string{unitfile.ErrNoKind, unitfile.ErrTooLong, unitfile.ErrDupInFil} {
		ids["import_row_"+e] = true
	}
	known := map[string]bool{}
	for _, id := range cat.IDs("vi") {
		known[id] = true
	}
	for id := range known {
		if base, ok := strings.CutSuffix(id, locales.Numbered); ok && !known[base] {
			t.Errorf("message %q is a variant of %q, which vi.toml lacks", id, base)
		}
	}
	for id := range ids {
		if !known[id] {
			t.Errorf("message %q is used in the code but missing in vi.toml", id)
		}
	}
	for id := range known {
		if base, ok := strings.CutSuffix(id, locales.Numbered); ok && ids[base] {
			continue // the wording of a used message for a messenger without buttons
		}
		if !ids[id] {
			t.Errorf("message %q in vi.toml is used nowhere", id)
		}
	}
}
