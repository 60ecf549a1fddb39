package bot

import (
	"github.com/dvkbot/dvkbot/bot/form"
	"github.com/dvkbot/dvkbot/bot/input"
	"github.com/dvkbot/dvkbot/locales"
	"github.com/dvkbot/dvkbot/store"
)

// request is the form engine's host (form.Host): the update being
// handled, its transaction and its replies.
var _ form.Host = (*request)(nil)

func (r *request) HTML(id string, args locales.Args) string     { return r.t(id, args) }
func (r *request) Plain(id string, args locales.Args) string    { return r.cat.Text(r.lang, id, args) }
func (r *request) Reply(text string, kb [][]store.Button) error { return r.reply(text, kb) }
func (r *request) Edit(text string, kb [][]store.Button) error  { return r.edit(text, kb) }
func (r *request) Record(text string)                           { r.record(text) }
func (r *request) Ack() error                                   { return r.answer("", false) }
func (r *request) Conversations() form.Conversations            { return r.tx }
func (r *request) Today() input.Date                            { return r.today() }
func (r *request) Menu() [][]store.Button                       { return r.menuButtons() }
func (r *request) BackToMenu() []store.Button                   { return r.backToMenu() }
func (r *request) ButtonData(parts ...string) string            { return routeForm.data(parts...) }

func (r *request) Message() form.Message {
	return form.Message{Text: r.u.Text, Media: r.u.Media, File: r.u.File}
}

// today is the current day in the configured zone.
func (r *request) today() input.Date { return input.DateOf(r.tx.Now(), r.cfg.Location) }
