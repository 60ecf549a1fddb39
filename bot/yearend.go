package bot

import (
	"strconv"
	"strings"

	"github.com/dvkbot/dvkbot/bot/report"
	"github.com/dvkbot/dvkbot/locales"
)

// Buttons served here.
const (
	routeYearEnd route = "ry" // "ry:<year>": the year-end table per unit
)

var yearEndActions = []action{
	{route: routeYearEnd, private: true, who: readers, run: (*request).yearEndAction},
}

// yearEndAction handles "ry:<year>": per unit, for the annual rating of
// units, the models registered in the year's campaigns (on time, late),
// their results (on time, late, missing) and the Đảng ủy's outcomes,
// counted on today as the paper is: results are missing only once their
// deadline has passed.
func (r *request) yearEndAction(arg string) error {
	year, err := strconv.Atoi(arg)
	if err != nil || year < 2000 || year > 2100 {
		return errStale
	}
	rows, err := report.YearEnd(r.tx, arg, r.today())
	if err != nil {
		return err
	}
	lines := []string{r.t("year_end_title", locales.Args{"Year": arg})}
	for i, row := range rows {
		lines = append(lines, r.t("year_end_row", locales.Args{"N": strconv.Itoa(i + 1), "Unit": row.Unit.Name,
			"Models": strconv.Itoa(row.Models), "OnTime": strconv.Itoa(row.RegOnTime), "Late": strconv.Itoa(row.RegLate),
			"ResOnTime": strconv.Itoa(row.ResOnTime), "ResLate": strconv.Itoa(row.ResLate), "ResMissing": strconv.Itoa(row.ResMissing),
			"Recognised": strconv.Itoa(row.Recognised), "Exemplary": strconv.Itoa(row.Exemplary), "NotMet": strconv.Itoa(row.NotMet)}))
	}
	if len(rows) == 0 {
		lines = append(lines, r.t("campaigns_empty", nil))
	}
	return r.reply(strings.Join(lines, "\n"), nil)
}
