package main

import (
	"strings"
	"testing"

	"github.com/dvkbot/dvkbot/bot/formscript"
	"github.com/dvkbot/dvkbot/bot/telegram/telegramtest"
)

// The period step reads what people type, takes a missing year from the
// campaign, asks again for a lone day, and refuses a period that runs
// past the campaign's end (issue 14, item 13).
func TestPeriodStepIsForgiving(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.onboard()
	camp := h.campaign("Phong trào Dân vận khéo", 20)
	year := camp.Year()
	g := formscript.Realistic("Tuyến đường hoa")
	g.Period = "01/4 - 30/6"
	review := h.fillWith(secA, g.Steps().Until(formscript.Submit), map[string]func(){"period": func() {
		h.say(secA, "01/04/"+year, "mới gõ một ngày")
		h.say(secA, "từ 01/04/"+year+" đến 01/01/2099", "sau ngày kết thúc phong trào")
	}})
	if want := "01/04/" + year + " – 30/06/" + year; !strings.Contains(review.Plain, want) {
		t.Errorf("review lacks %q:\n%s", want, review.Plain)
	}
}

// The people step reads "150 hộ", "150 người" and "khoảng 150" (item 14).
func TestPeopleStepReadsCountsWithWords(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.onboard()
	h.approvedModel(30)
	res := formscript.RealisticResults()
	res.People = "khoảng 150 hộ"
	steps := res.Steps()
	h.fill(secA, steps.Through("people"))
	h.press(secA, telegramtest.PrivateChat(secA), h.last(secA.ID), "Quay lại")
	h.expectNew(secA.ID, steps.Until("people").Asks())
	res.People = "150 người"
	h.fill(secA, res.Steps().From("people").Through("people"))
}
