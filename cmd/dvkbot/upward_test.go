package main

import (
	"strings"
	"testing"

	"github.com/dvkbot/dvkbot/store"
)

// /status tells the unit what it still owes for results, not only for
// registrations (review T12): each model says whether its results are
// in, and a line counts the reports still owed with their deadline, as
// campaign.Owes reads them.
func TestStatusShowsResultsOwed(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.onboard()
	g := h.approvedModel(30)
	owed := h.say(secA, "/status", "Đã đăng ký 1 mô hình")
	for _, want := range []string{"DVK-2024-001 — Tuyến đường hoa — đã tiếp nhận · báo cáo kết quả: chưa nộp",
		"Còn thiếu báo cáo kết quả của 1 mô hình, hạn báo cáo"} {
		if !strings.Contains(owed.Plain, want) {
			t.Errorf("/status before the results lacks %q:\n%s", want, owed.Plain)
		}
	}

	h.change(func(tx *store.Tx) error {
		g, err := tx.Registration(g.ID)
		if err != nil {
			return err
		}
		g.Results = &store.Results{Achieved: "Xong 2 km.", People: 150, Late: true}
		return tx.PutRegistration(g, secA.ID, "results", "")
	})
	filed := h.say(secA, "/status", "Đã đăng ký 1 mô hình")
	if !strings.Contains(filed.Plain, "báo cáo kết quả: nộp muộn") || strings.Contains(filed.Plain, "Còn thiếu báo cáo kết quả") {
		t.Errorf("/status after late results:\n%s", filed.Plain)
	}
}
