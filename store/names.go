package store

import "strings"

// OrderedName joins Telegram's first and last names in Vietnamese order,
// family name first. Telegram asks for a "first name" and a "last name",
// and most Vietnamese put the given name first ("Văn Bình" · "Trần"):
// the last name goes first. Some type the whole name in order into the
// two fields ("Trần" · "Văn Bình"): when the first name starts with a
// common family name and the last name does not, the order is kept. It is
// only a guess to prefill; the person confirms or corrects it.
func OrderedName(first, last string) string {
	first, last = NormalizeName(first), NormalizeName(last)
	switch {
	case first == "":
		return last
	case last == "":
		return first
	case isFamilyName(firstWord(first)) && !isFamilyName(firstWord(last)):
		return first + " " + last
	}
	return last + " " + first
}

func firstWord(s string) string {
	w, _, _ := strings.Cut(s, " ")
	return w
}

// isFamilyName reports whether w (one word) is one of the common
// Vietnamese family names (họ). Words that are more often a middle or
// given name ("Văn", "Thị") are left out.
func isFamilyName(w string) bool { return familyNames[Fold(w)] }

var familyNames = func() map[string]bool {
	m := map[string]bool{}
	for _, n := range strings.Fields(`nguyen tran le pham hoang huynh phan vu vo dang bui do ho ngo duong ly
		dinh lam mai trinh truong ha cao luu ta chu dao doan kieu luong quach thai to ton tong vuong khuc
		lai lac lieu luc mac nghiem ong phung quan thach thieu trieu vien giang la diep kha khong lu nong`) {
		m[n] = true
	}
	return m
}()
