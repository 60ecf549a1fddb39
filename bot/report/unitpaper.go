package report

import (
	"strings"

	"github.com/dvkbot/dvkbot/store"
)

// How a unit heads and signs its own paper (the registration sheet), by
// kind of unit. Only Party organisations write "ĐẢNG CỘNG SẢN VIỆT NAM"
// with the Đảng ủy above their name (HD 36-HD/VPTW); a mass organisation,
// the Mặt trận and the government are not Party organisations, and head
// their papers with their own body and the national motto (NĐ 30/2020 and
// the organisations' own rules, which follow it); the Đoàn with its own
// title. C is the commune ("XÃ AN BÌNH", from the office's body), U the
// unit's name in capitals, a trailing "xã" completed with the commune's
// name ("Hội Người cao tuổi xã" → "HỘI NGƯỜI CAO TUỔI / XÃ AN BÌNH").
// A body's own name breaks before the commune's, as NĐ 30 writes "ỦY BAN
// NHÂN DÂN / XÃ AN BÌNH", rather than wherever the cell ends.
//
//	kind                        name begins      left block (own body bold)              under  top right                     signs
//	chi_bo_* (and khac)         Chi bộ           ĐẢNG ỦY C / U                           *      ĐẢNG CỘNG SẢN VIỆT NAM        T/M CHI BỘ / BÍ THƯ
//	chi_bo_* (and khac)         Đảng bộ          ĐẢNG ỦY C / U                           *      ĐẢNG CỘNG SẢN VIỆT NAM        T/M ĐẢNG ỦY / BÍ THƯ
//	chinh_quyen                                  ỦY BAN NHÂN DÂN C                       rule   CỘNG HÒA … / Độc lập …        TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH
//	ban_nganh                                    ỦY BAN NHÂN DÂN C / U                   rule   CỘNG HÒA … / Độc lập …        THỦ TRƯỞNG ĐƠN VỊ
//	mttq                        Ban công tác     ỦY BAN MTTQ VIỆT NAM C / U              rule   CỘNG HÒA … / Độc lập …        T/M BAN CÔNG TÁC MẶT TRẬN / TRƯỞNG BAN
//	mttq                                         ỦY BAN MTTQ VIỆT NAM C                  rule   CỘNG HÒA … / Độc lập …        T/M BAN THƯỜNG TRỰC / CHỦ TỊCH
//	hoi_phu_nu                  Chi hội          HỘI LHPN C / U                          rule   CỘNG HÒA … / Độc lập …        T/M BAN CHẤP HÀNH / CHI HỘI TRƯỞNG
//	hoi_phu_nu                                   HỘI LHPN C                              rule   CỘNG HÒA … / Độc lập …        T/M BAN CHẤP HÀNH / CHỦ TỊCH
//	hoi_nong_dan                Chi hội          HỘI NÔNG DÂN C / U                      rule   CỘNG HÒA … / Độc lập …        T/M BAN CHẤP HÀNH / CHI HỘI TRƯỞNG
//	hoi_nong_dan                                 HỘI NÔNG DÂN C                          rule   CỘNG HÒA … / Độc lập …        T/M BAN CHẤP HÀNH / CHỦ TỊCH
//	hoi_ccb                     Chi hội          HỘI CCB C / U                           rule   CỘNG HÒA … / Độc lập …        T/M BAN CHẤP HÀNH / CHI HỘI TRƯỞNG
//	hoi_ccb                                      HỘI CỰU CHIẾN BINH C                    rule   CỘNG HÒA … / Độc lập …        T/M BAN CHẤP HÀNH / CHỦ TỊCH
//	doan_thanh_nien             Chi đoàn         BCH ĐOÀN C / U                          ***    ĐOÀN TNCS HỒ CHÍ MINH         T/M BAN CHẤP HÀNH / BÍ THƯ
//	doan_thanh_nien                              BCH ĐOÀN C                              ***    ĐOÀN TNCS HỒ CHÍ MINH         T/M BAN CHẤP HÀNH / BÍ THƯ
//	hoi_quan_chung              Chi hội          U                                       rule   CỘNG HÒA … / Độc lập …        T/M BAN CHẤP HÀNH / CHI HỘI TRƯỞNG
//	hoi_quan_chung                               U                                       rule   CỘNG HÒA … / Độc lập …        T/M BAN CHẤP HÀNH / CHỦ TỊCH
//	to_dan_van                                   C / U                                   rule   CỘNG HÒA … / Độc lập …        T/M TỔ DÂN VẬN / TỔ TRƯỞNG
//	khac (and unknown kinds)                     C / U                                   rule   CỘNG HÒA … / Độc lập …        ĐẠI DIỆN ĐƠN VỊ
//
// A tổ dân vận is set up by the Đảng ủy but is not a Party organisation
// (its members are the thôn's heads of the Mặt trận, the organisations
// and the thôn), so it does not write the Party's heading. The state
// writes "TM." (NĐ 30), the Party and the organisations "T/M" as their
// papers in the communes do. Under the signature goes the head's name
// when the bot knows it (SheetOf), else "(Ký, ghi rõ họ tên)".
var unitForms = map[string][]unitForm{
	"chi_bo_thon":     partyForms,
	"chi_bo_truong":   partyForms,
	"chi_bo_cong_an":  partyForms,
	"chi_bo_quan_su":  partyForms,
	"chi_bo_co_quan":  partyForms,
	"chinh_quyen":     {state("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "ỦY BAN NHÂN DÂN\n{commune}")},
	"ban_nganh":       {state("", "THỦ TRƯỞNG ĐƠN VỊ", "ỦY BAN NHÂN DÂN\n{commune}", "{unit}")},
	"mttq":            {state("T/M BAN CÔNG TÁC MẶT TRẬN", "TRƯỞNG BAN", "ỦY BAN MTTQ VIỆT NAM\n{commune}", "{unit}").when("ban cong tac", "ban ctmt"), state("T/M BAN THƯỜNG TRỰC", "CHỦ TỊCH", "ỦY BAN MTTQ VIỆT NAM\n{commune}")},
	"hoi_phu_nu":      massForms("HỘI LHPN {commune}", "HỘI LHPN\n{commune}"),
	"hoi_nong_dan":    massForms("HỘI NÔNG DÂN {commune}", "HỘI NÔNG DÂN\n{commune}"),
	"hoi_ccb":         massForms("HỘI CCB {commune}", "HỘI CỰU CHIẾN BINH\n{commune}"),
	"doan_thanh_nien": {youth("BCH ĐOÀN {commune}", "{unit}").when("chi doan"), youth("BCH ĐOÀN\n{commune}")},
	"hoi_quan_chung":  {state("T/M BAN CHẤP HÀNH", "CHI HỘI TRƯỞNG", "{unit}").when("chi hoi"), state("T/M BAN CHẤP HÀNH", "CHỦ TỊCH", "{unit}")},
	"to_dan_van":      {state("T/M TỔ DÂN VẬN", "TỔ TRƯỞNG", "{commune}", "{unit}")},
	"khac":            append(partyForms[:len(partyForms):len(partyForms)], state("", "ĐẠI DIỆN ĐƠN VỊ", "{commune}", "{unit}")),
}

// partyForms: a đảng bộ bộ phận signs for its Đảng ủy, a chi bộ for
// itself. The last one is what a Party kind falls back on whatever its
// name; for "khac" the name decides (see unitForms).
var partyForms = []unitForm{party("T/M ĐẢNG ỦY").when("dang bo"), party("T/M CHI BỘ").when("chi bo")}

// unitForm is how a unit heads and signs its paper.
type unitForm struct {
	// prefixes: the form is for the units of the kind whose name begins
	// with one of these (store.Fold: "chi hoi"); none: any.
	prefixes []string
	// left is the issuing bodies, the unit's own last (bold): {office}
	// is the office's body ("ĐẢNG ỦY XÃ AN BÌNH"), {commune} the commune
	// ("XÃ AN BÌNH"), {unit} the unit's name.
	left     []string
	mark     string // under the left block: "*", "***", or "" for a short rule
	nation   string // top right, underlined when there is no motto
	motto    string // under it, underlined; "" for none
	onBehalf string // "T/M CHI BỘ"; "" when the head signs for the unit
	position string // "BÍ THƯ"
}

const (
	partyNation = "ĐẢNG CỘNG SẢN VIỆT NAM"
	stateNation = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
	stateMotto  = "Độc lập - Tự do - Hạnh phúc"
	youthNation = "ĐOÀN TNCS HỒ CHÍ MINH"
)

func party(onBehalf string) unitForm {
	return unitForm{left: []string{"{office}", "{unit}"}, mark: "*", nation: partyNation, onBehalf: onBehalf, position: "BÍ THƯ"}
}

func state(onBehalf, position string, left ...string) unitForm {
	return unitForm{left: left, nation: stateNation, motto: stateMotto, onBehalf: onBehalf, position: position}
}

func youth(left ...string) unitForm {
	return unitForm{left: left, mark: "***", nation: youthNation, onBehalf: "T/M BAN CHẤP HÀNH", position: "BÍ THƯ"}
}

// massForms are a mass organisation's: a chi hội under the commune's
// association (parent), and the commune's association itself (own).
func massForms(parent, own string) []unitForm {
	return []unitForm{state("T/M BAN CHẤP HÀNH", "CHI HỘI TRƯỞNG", parent, "{unit}").when("chi hoi"), state("T/M BAN CHẤP HÀNH", "CHỦ TỊCH", own)}
}

// when is f for the units whose name begins with one of prefixes.
func (f unitForm) when(prefixes ...string) unitForm {
	f.prefixes = prefixes
	return f
}

// formOf is how u heads and signs its paper: the first of its kind's
// forms whose prefixes its name begins with; a Party kind falls back on
// its last form (a chi bộ however it is named).
func formOf(u store.Unit) unitForm {
	forms, ok := unitForms[u.Kind]
	if !ok {
		forms = unitForms["khac"]
	}
	name := store.Fold(u.Name)
	for _, f := range forms {
		if len(f.prefixes) == 0 {
			return f
		}
		for _, p := range f.prefixes {
			if strings.HasPrefix(name, p+" ") || name == p {
				return f
			}
		}
	}
	return forms[len(forms)-1]
}

// heading is u's header block in o's commune.
func (f unitForm) heading(o store.Office, u store.Unit) []string {
	commune := communeOf(o)
	unit := strings.ToUpper(withCommune(u.Name, commune))
	if commune == "" {
		commune = "……………"
	}
	r := strings.NewReplacer("{office}", o.Body[len(o.Body)-1], "{commune}", commune, "{unit}", unit)
	out := make([]string, len(f.left))
	for i, l := range f.left {
		out[i] = r.Replace(l)
	}
	return out
}

// communeOf is the office's commune, "XÃ AN BÌNH" of "ĐẢNG ỦY XÃ AN
// BÌNH"; "" when its body names none.
func communeOf(o store.Office) string {
	body := strings.ToUpper(store.NormalizeName(o.Body[len(o.Body)-1]))
	for _, p := range []string{"ĐẢNG ỦY ", "ĐẢNG UỶ ", "ĐẢNG BỘ "} {
		body = strings.TrimPrefix(body, p)
	}
	for _, p := range []string{"XÃ ", "PHƯỜNG ", "ĐẶC KHU ", "THỊ TRẤN "} {
		if strings.HasPrefix(body, p) {
			return body
		}
	}
	return ""
}

// withCommune completes a unit's name that ends with the commune's kind
// alone ("Hội Người cao tuổi xã", "Chi bộ Công an phường") with the
// commune's name, when there is one, on a line of its own.
func withCommune(name, commune string) string {
	name = store.NormalizeName(name)
	i := strings.LastIndexByte(name, ' ')
	if i < 0 || commune == "" {
		return name
	}
	switch store.Fold(name[i+1:]) {
	case "xa", "phuong":
		return name[:i] + "\n" + commune
	}
	return name
}
