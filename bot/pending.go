package bot

import (
	"path/filepath"
	"strings"

	"github.com/dvkbot/dvkbot/locales"
	"github.com/dvkbot/dvkbot/store"
)

// Buttons served here.
const (
	routeModelFile route = "mf" // "mf:<registration>": a model's whole file
	routePending   route = "pd" // what waits for the office
)

var pendingActions = []action{
	{route: routeModelFile, private: true, who: readers, run: (*request).modelFile},
	{route: routePending, private: true, who: adminOnly, run: func(r *request, _ string) error { return r.pending() }},
}

// pending is /pending: what waits for the office, oldest first.
func (r *request) pending() error {
	regs, err := r.tx.Registrations(0)
	if err != nil {
		return err
	}
	var toApprove, toReceive, toEvaluate []string
	var kb [][]store.Button
	for _, g := range regs { // oldest first: ids grow with time
		line := "• " + g.Number + " — " + escape(g.Model.Name) + " (" + escape(r.unitName(g.UnitID)) + ")"
		switch {
		case g.Status == store.StatusSubmitted:
			toApprove = append(toApprove, line)
		case g.Results != nil && !g.ResultsReceived():
			toReceive = append(toReceive, line)
		case g.Results != nil && g.Evaluation == nil:
			toEvaluate = append(toEvaluate, line)
		default:
			continue
		}
		kb = append(kb, []store.Button{{Text: g.Number + " · " + g.Model.Name, Data: routeModelFile.data(idArg(g.ID))}})
	}
	if len(kb) == 0 {
		return r.reply(r.t("pending_none", nil), nil)
	}
	text := r.t("pending_title", nil)
	if len(toApprove) > 0 {
		text += "\n\n" + r.t("pending_approve", nil) + "\n" + strings.Join(toApprove, "\n")
	}
	if len(toReceive) > 0 {
		text += "\n\n" + r.t("pending_results_receive", nil) + "\n" + strings.Join(toReceive, "\n")
	}
	if len(toEvaluate) > 0 {
		text += "\n\n" + r.t("pending_evaluate", nil) + "\n" + strings.Join(toEvaluate, "\n")
	}
	return r.reply(text, kb)
}

func (w *writer) unitName(id uint64) string {
	if u, err := w.tx.Unit(id); err == nil {
		return u.Name
	}
	return "?"
}

// modelFile handles "mf:<id>": a model's whole file for the office, with
// the evidence sent again from Telegram's stored files, and the button
// for its printable registration sheet.
func (r *request) modelFile(arg string) error {
	g, err := r.registrationFromArg(arg)
	if err != nil {
		return err
	}
	text := r.t("model_file_head", locales.Args{"Number": g.Number, "Unit": r.unitName(g.UnitID)}) +
		"\n\n" + r.modelSummary(r.lang, g) + "\n\n" + r.t("model_file_results", nil) + "\n" + r.resultsSummary(r.lang, g.Results)
	if e := g.Evaluation; e != nil {
		text += "\n\n" + r.evaluationText(*e)
	}
	kb := append(r.fileButtons(g), []store.Button{{Text: r.label("btn_registration_sheet"), Data: routeSheet.data(idArg(g.ID))}})
	if err := r.reply(text, kb); err != nil {
		return err
	}
	return r.resendEvidence(g)
}

func (r *request) fileButtons(g store.Registration) [][]store.Button {
	switch {
	case !r.role().is(roleAdmin): // the read-only role sees, and changes nothing
		return nil
	case g.Status == store.StatusSubmitted:
		return [][]store.Button{{{Text: r.label("btn_approve"), Data: routeApprove.data(idArg(g.ID))}, {Text: r.label("btn_return"), Data: routeReturn.data(idArg(g.ID))}}}
	case g.Results != nil && !g.ResultsReceived():
		return [][]store.Button{{{Text: r.label("btn_results_receive"), Data: routeResultsReceive.data(idArg(g.ID))}}}
	case g.Results != nil && g.Evaluation == nil:
		return [][]store.Button{r.recordButton(r.lang, g)}
	}
	return nil
}

func (r *request) resendEvidence(g store.Registration) error {
	if g.Results == nil {
		return nil
	}
	for i, e := range g.Results.Evidence {
		kind := store.KindDoc
		if e.Kind == "photo" {
			kind = store.KindPhoto
		}
		caption := r.t("evidence_caption", locales.Args{"Number": g.Number, "N": itoa(i + 1)})
		o := store.Outgoing{Kind: kind, ChatID: r.u.Chat.ID, FileID: e.FileID, Text: caption}
		if e.Local != "" {
			o.Fallback = filepath.Join(r.cfg.FilesDir, filepath.FromSlash(e.Local))
		}
		if err := r.enqueue(o); err != nil {
			return err
		}
	}
	return nil
}
