package bot

import (
	"strconv"
	"strings"

	"github.com/dvkbot/dvkbot/bot/campaign"
	"github.com/dvkbot/dvkbot/locales"
	"github.com/dvkbot/dvkbot/store"
)

// Buttons served here.
const (
	routeUpcoming route = "cs" // "cs:<campaign>": the next reminders
)

var upcomingActions = []action{
	{route: routeUpcoming, private: true, who: offices, run: (*request).upcomingAction},
}

// upcomingShown is how many next reminders the schedule view lists.
const upcomingShown = 12

// upcomingAction handles "cs:<campaign>": the next reminders ("lịch
// nhắc"), with how many units would get each one if it went out now.
func (r *request) upcomingAction(arg string) error {
	c, err := r.campaignFromArg(arg)
	if err != nil {
		return err
	}
	now := r.tx.Now()
	var lines []string
	for _, m := range campaign.Schedule([]store.Campaign{c}, r.cfg.RemindAt[0], r.cfg.RemindAt[1], r.cfg.Location) {
		if m.Fire.Before(now) || len(lines) == upcomingShown {
			continue
		}
		owing, err := r.owing(c, m.Deadline.Kind)
		if err != nil {
			return err
		}
		kind := r.t("upcoming_"+string(m.Deadline.Kind), nil)
		if m.IsOverdue() {
			kind = r.t("upcoming_overdue", nil) + " " + kind
		}
		lines = append(lines, r.t("upcoming_line", locales.Args{"When": r.dateTime(m.Fire), "Kind": kind,
			"Owing": strconv.Itoa(len(owing))}))
	}
	if len(lines) == 0 {
		lines = []string{r.t("upcoming_none", nil)}
	}
	return r.reply(r.t("upcoming_title", locales.Args{"Campaign": c.Name})+"\n"+strings.Join(lines, "\n"),
		[][]store.Button{{{Text: r.label("btn_campaigns"), Data: routeCampaigns.data()}}})
}
