package bot

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/dvkbot/dvkbot/locales"
	"github.com/dvkbot/dvkbot/store"
	"github.com/dvkbot/dvkbot/store/modeltest"
)

// TestEveryModelFieldIsOnTheSummary: every field of store.Model has a
// line on the summary the bot shows of a registration (the review, the
// office's notice, the model's card), found by reflection over the
// record, not by the form's table: a field the form asks but the summary
// leaves out fails here.
func TestEveryModelFieldIsOnTheSummary(t *testing.T) {
	st, err := store.Open(filepath.Join(t.TempDir(), "summary.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	cat, err := locales.Load()
	if err != nil {
		t.Fatal(err)
	}
	modeltest.EveryFieldShown(t, "the summary (modelSummary)", func(t *testing.T, m store.Model) string {
		var out string
		err := st.View(context.Background(), func(tx *store.Tx) error {
			r := &request{writer: writer{env: &env{cat: cat}, tx: tx}}
			out = r.modelSummary("vi", store.Registration{Number: "DVK-2024-001", Status: store.StatusSubmitted, Model: m})
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return out
	})
}
