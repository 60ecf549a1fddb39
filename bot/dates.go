package bot

import "time"

// date shows a day as Vietnamese offices write it: 07/04/2024.
func (r *request) date(t time.Time) string { return t.In(r.cfg.Location).Format("02/01/2006") }

// dateTime adds the local time: 07/04/2024 08:00.
func (r *request) dateTime(t time.Time) string {
	return t.In(r.cfg.Location).Format("02/01/2006 15:04")
}
