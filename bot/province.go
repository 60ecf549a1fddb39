package bot

import (
	"errors"
	"strconv"
	"strings"

	"github.com/dvkbot/dvkbot/bot/form"
	"github.com/dvkbot/dvkbot/bot/report"
	"github.com/dvkbot/dvkbot/locales"
	"github.com/dvkbot/dvkbot/store"
)

// The province's office (Ban Dân vận Tỉnh ủy) creates the communes a bot
// serves, invites each commune's first admin, and launches campaigns for
// them. Its requests are unscoped: it sees every commune, and changes
// none of a commune's records.

// Buttons served here.
const (
	routeCommunes      route = "co" // the commune list
	routeCommuneAdd    route = "cn" // a new commune
	routeCommune       route = "cm" // "cm:<commune>": its card
	routeCommuneInvite route = "ci" // "ci:<commune>": a link for its admin
	routeProvinceView  route = "cv" // a link for the province's read-only role
	routeLocalDates    route = "cr" // "cr:<campaign>": a commune's own dates in a province campaign
)

var provinceActions = []action{
	{route: routeCommunes, private: true, who: provinceOnly, run: func(r *request, _ string) error { return r.communeList(true) }},
	{route: routeCommuneAdd, private: true, who: provinceOnly, run: func(r *request, _ string) error {
		return r.beginForm("commune", "0", nil)
	}},
	{route: routeCommune, private: true, who: provinceOnly, run: (*request).communeAction},
	{route: routeCommuneInvite, private: true, who: provinceOnly, run: (*request).communeInvite},
	{route: routeProvinceView, private: true, who: provinceOnly, run: func(r *request, _ string) error { return r.officeInvite(0, true) }},
	{route: routeLocalDates, private: true, who: adminOnly, run: (*request).localDatesAction},
}

// provinceForms: a new commune, a province campaign, a commune's own
// dates in one.
func provinceForms() []*formDef {
	return []*formDef{
		{Name: "commune", Title: "form_commune", Allow: allowing(provinceOnly), Submit: (*request).submitCommune, Steps: form.Steps(communeFields)},
		provinceCampaignForm(),
		{Name: "local_dates", Title: "form_local_dates", Allow: allowing(adminOnly), Submit: (*request).submitLocalDates, Steps: form.Steps(localDateFields)},
	}
}

// communeFields are what the province types of a new commune; its paper's
// other lines follow from them (communeOffice).
var communeFields = []form.Field[*request, store.Commune]{
	{Step: stepDef{Key: "name", Label: "field_commune_name", Prompt: "ask_commune_name", Kind: form.Text, Max: 80, Check: checkCommuneName},
		Get: func(c *store.Commune) string { return c.Name }, Set: func(c *store.Commune, v string) { c.Name = store.NormalizeName(v) }},
	{Step: stepDef{Key: "code", Label: "field_commune_code", Prompt: "ask_commune_code", Kind: form.Text, Max: 12, Check: checkCommuneCode},
		Get: func(c *store.Commune) string { return c.Code }, Set: func(c *store.Commune, v string) { c.Code = store.Fold(v) }},
	form.String(stepDef{Key: "signer", Label: "field_commune_signer", Prompt: "ask_commune_signer", Kind: form.Text, Max: 80, Optional: true, Skipped: "default_signer"},
		func(c *store.Commune) *string { return &c.Office.Signer }),
}

// localDateFields are a commune's own deadlines in a province campaign.
var localDateFields = []form.Field[*request, store.Dates]{
	form.String(stepDef{Key: "reg", Label: "field_reg_deadline", Prompt: "ask_local_reg", Kind: form.Date, Optional: true, Check: notLater("reg"), Skipped: "default_province_date"},
		func(d *store.Dates) *string { return &d.RegDeadline }),
	form.String(stepDef{Key: "results", Label: "field_results_deadline", Prompt: "ask_local_results", Kind: form.Date, Optional: true, Check: notLater("results"), Skipped: "default_province_date"},
		func(d *store.Dates) *string { return &d.ResultsDeadline }),
}

// communes is /communes: the province's communes.
func (r *request) communes() error { return r.communeList(false) }

func (r *request) communeList(edit bool) error {
	all, err := r.tx.Communes()
	if err != nil {
		return err
	}
	var units []store.Unit // counted by commune, nothing of them shown
	err = r.tx.AcrossCommunes(func() (err error) { units, err = r.tx.Units(false); return err })
	if err != nil {
		return err
	}
	count := map[uint64]int{}
	for _, u := range units {
		count[u.Commune]++
	}
	lines := []string{r.t("communes_title", locales.Args{"Name": r.cfg.Province.Name, "Count": len(all)})}
	var kb [][]store.Button
	for _, c := range all {
		admins, err := r.tx.AdminsOf(c.ID)
		if err != nil {
			return err
		}
		state := r.t("commune_no_admin", nil)
		if len(admins) > 0 {
			state = r.t("commune_n_admins", locales.Args{"Count": len(admins)})
		}
		lines = append(lines, "• "+escape(c.Name)+codeSuffix(c)+" — "+r.t("commune_n_units", locales.Args{"Count": count[c.ID]})+", "+state)
		kb = append(kb, []store.Button{{Text: c.Name, Data: routeCommune.data(idArg(c.ID))}})
	}
	kb = append(kb, []store.Button{{Text: r.label("btn_commune_add"), Data: routeCommuneAdd.data()}},
		[]store.Button{{Text: r.label("btn_province_viewer_invite"), Data: routeProvinceView.data()}})
	if edit {
		return r.edit(strings.Join(lines, "\n"), kb)
	}
	return r.reply(strings.Join(lines, "\n"), kb)
}

func codeSuffix(c store.Commune) string {
	if c.Code == "" {
		return ""
	}
	return " (" + escape(c.Code) + ")"
}

func (r *request) communeAction(arg string) error {
	c, err := fromArg(arg, r.tx.Commune)
	if err != nil {
		return err
	}
	text, kb := r.communeCard(c)
	return r.edit(text, kb)
}

func (r *request) communeCard(c store.Commune) (string, [][]store.Button) {
	admins, err := r.tx.AdminsOf(c.ID)
	if err != nil {
		r.fail(err)
	}
	names := make([]string, len(admins))
	for i, id := range admins {
		names[i] = r.userName(id)
	}
	who := r.t("commune_no_admin", nil)
	if len(names) > 0 {
		who = strings.Join(names, ", ")
	}
	text := r.t("commune_card", locales.Args{"Name": c.Name, "Code": c.Code, "Units": strings.Join(c.Office.Body, " / "),
		"Contact": who, "Value": c.Office.Signer})
	return text, [][]store.Button{{{Text: r.label("btn_commune_invite"), Data: routeCommuneInvite.data(idArg(c.ID))}},
		{{Text: r.label("btn_communes"), Data: routeCommunes.data()}}}
}

// communeInvite is a single-use link that makes its opener an admin of
// the commune's office: how the province hands a commune its bot.
func (r *request) communeInvite(arg string) error {
	c, err := fromArg(arg, r.tx.Commune)
	if err != nil {
		return err
	}
	return r.officeInvite(c.ID, false)
}

// officeInvite makes an admin link for commune, or a read-only link for
// the province's leadership (commune 0, viewer).
func (r *request) officeInvite(commune uint64, viewer bool) error {
	inv, err := r.tx.CreateOfficeInvite(commune, viewer, r.user.ID, r.cfg.InviteTTL)
	if err != nil {
		return err
	}
	what := "viewer"
	if !viewer {
		what = "admin:" + strconv.FormatUint(commune, 10)
	}
	if err := r.tx.Audit(r.user.ID, "invite.create", what); err != nil {
		return err
	}
	id := "invite_province_viewer_created"
	args := locales.Args{"Link": r.inviteLink(inv), "Expires": r.date(inv.ExpiresAt)}
	if !viewer {
		c, err := r.tx.Commune(commune)
		if err != nil {
			return err
		}
		id, args["Name"] = "invite_commune_admin_created", c.Name
	}
	return r.reply(r.t(id, args), [][]store.Button{{{Text: r.label("btn_invite_revoke"), Data: routeInviteRevoke.data(inv.Code)}}})
}

func checkCommuneName(r *request, _ *store.Conversation, v string) string {
	all, err := r.tx.Communes()
	if err != nil {
		r.fail(err)
	}
	for _, c := range all {
		if store.Fold(c.Name) == store.Fold(v) {
			return "commune_err_duplicate"
		}
	}
	return ""
}

func checkCommuneCode(r *request, _ *store.Conversation, v string) string {
	code := store.NormalizeCode(store.Fold(v))
	if _, err := r.tx.CommuneByCode(code); err == nil {
		return "commune_err_code_taken"
	}
	if !store.ValidCode(code) {
		return "commune_err_code"
	}
	return ""
}

// submitCommune creates the commune with the paper of a commune's Party
// Committee under the province's body; the commune's office can see it
// on every paper, and the province's IT staff can correct it.
func (r *request) submitCommune(c *store.Conversation) error {
	com := store.Commune{CreatedBy: r.user.ID}
	form.Fill(communeFields, c.Answers, &com)
	com.Office = r.communeOffice(com.Name, com.Office.Signer)
	com, err := r.tx.AddCommune(com)
	switch {
	case errors.Is(err, store.ErrDuplicateCode), errors.Is(err, store.ErrBadCode):
		return r.reply(r.t("commune_err_code", nil), nil)
	case err != nil:
		return err
	}
	if err := r.tx.Audit(r.user.ID, "commune.add", com.Name+" ("+com.Code+")"); err != nil {
		return err
	}
	text, kb := r.communeCard(com)
	return r.reply(r.t("commune_added", locales.Args{"Name": com.Name})+"\n\n"+text, kb)
}

// communeOffice is the paper of a new commune: "ĐẢNG BỘ TỈNH …" from the
// province's name, "ĐẢNG ỦY XÃ …" from the commune's, and the rest a
// Đảng ủy's, as an office not yet configured has it (report.DefaultOffice).
func (r *request) communeOffice(name, signer string) store.Office {
	place := name
	for _, p := range []string{"Xã ", "Phường ", "Đặc khu ", "Thị trấn "} {
		place = strings.TrimPrefix(place, p)
	}
	o := report.DefaultOffice()
	o.Body = []string{"ĐẢNG BỘ " + strings.ToUpper(r.cfg.Province.Name), "ĐẢNG ỦY " + strings.ToUpper(name)}
	o.Place, o.Signer = place, signer
	return o
}

// localDatesAction opens the form of a commune's own, earlier dates in a
// province campaign.
func (r *request) localDatesAction(arg string) error {
	c, err := r.campaignFromArg(arg)
	if err != nil || !c.Province {
		return errStale
	}
	return r.beginForm("local_dates", idArg(c.ID), nil)
}

// notLater: a commune's own deadline may come before the province's, not
// after it.
func notLater(key string) func(*request, *store.Conversation, string) string {
	return func(r *request, c *store.Conversation, v string) string {
		p, err := r.provinceDates(c.Subject)
		if err != nil {
			return "register_gone"
		}
		if limit := map[string]string{"reg": p.RegDeadline, "results": p.ResultsDeadline}[key]; limit != "" && v > limit {
			return "form_err_local_later"
		}
		return ""
	}
}

// provinceDates are the province's own dates of a campaign, whatever the
// commune set.
func (r *request) provinceDates(subject string) (store.Dates, error) {
	c, err := r.campaignFromArg(subject)
	if err != nil {
		return store.Dates{}, err // not the commune's to see
	}
	return c.Official(), nil
}

func (r *request) submitLocalDates(c *store.Conversation) error {
	id, err := strconv.ParseUint(c.Subject, 10, 64)
	if err != nil {
		return errStale
	}
	var dates store.Dates
	form.Fill(localDateFields, c.Answers, &dates)
	if err := r.tx.SetLocalDates(id, dates); err != nil {
		return err
	}
	camp, err := r.tx.Campaign(id)
	if err != nil {
		return err
	}
	if err := r.tx.Audit(r.user.ID, "campaign.dates", camp.Name); err != nil {
		return err
	}
	card, err := r.campaignCard(camp)
	if err != nil {
		return err
	}
	return r.reply(r.t("local_dates_saved", nil)+"\n\n"+card, r.campaignButtons(camp))
}
