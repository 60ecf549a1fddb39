package store_test

import (
	"encoding/json"
	"testing"

	"github.com/dvkbot/dvkbot/store"
)

func TestOrderedNameIsFamilyNameFirst(t *testing.T) {
	tests := []struct{ first, last, want string }{
		{"Văn Bình", "Trần", "Trần Văn Bình"},       // the usual entry: given names first
		{"Thu Hà", "Nguyễn", "Nguyễn Thu Hà"},       // the example
		{"Trần", "Văn Bình", "Trần Văn Bình"},       // typed in order into the two fields
		{"Mai", "Thị Lan", "Mai Thị Lan"},           // a family name that is also a given name
		{"Lan", "Nguyễn Thị", "Nguyễn Thị Lan"},     // the middle name with the family name
		{"Lâm", "Nguyễn", "Nguyễn Lâm"},             // both could be family names: last first
		{"Hà", "Nguyễn", "Nguyễn Hà"},               //
		{"Nguyễn Thu Hà", "", "Nguyễn Thu Hà"},      // all in the first name
		{"", "Trần Văn Bình", "Trần Văn Bình"},      // all in the last name
		{"  Văn   Bình ", " Trần", "Trần Văn Bình"}, // stray spaces
		{"Ba\u0300nh", "Le\u0302", "Lê Bành"},       // NFD from some keyboards
		{"tran", "van binh", "tran van binh"},       // without diacritics, still in order
		{"", "", ""},                                //
		{"Minh", "Lê", "Lê Minh"},                   //
		{"Đảng viên", "", "Đảng viên"},              //
		{"Quang", "Phạm", "Phạm Quang"},             //
		{"Bình", "Trần", "Trần Bình"},               //
		{"Phạm", "Quang", "Phạm Quang"},             // family first in the first field
		{"Văn Bình", "TRẦN", "TRẦN Văn Bình"},       // kept as typed: the person corrects it
		{"Hoa", "Nguyen", "Nguyen Hoa"},             //
		{"Nguyen", "Hoa", "Nguyen Hoa"},             //
		{"Đỗ", "Văn Hùng", "Đỗ Văn Hùng"},           //
		{"Hùng", "Đỗ Văn", "Đỗ Văn Hùng"},           //
	}
	for _, tt := range tests {
		if got := store.OrderedName(tt.first, tt.last); got != tt.want {
			t.Errorf("OrderedName(%q, %q) = %q, want %q", tt.first, tt.last, got, tt.want)
		}
	}
}

func TestUserNamePrefersTheConfirmedFullName(t *testing.T) {
	tests := []struct {
		u    store.User
		want string
	}{
		{store.User{FirstName: "Văn Bình", LastName: "Trần", FullName: "Trần Văn Bình"}, "Trần Văn Bình"},
		{store.User{FirstName: "Bình", LastName: "Trần", FullName: "Trần Thanh Bình"}, "Trần Thanh Bình"},
		{store.User{FirstName: "Văn Bình", LastName: "Trần"}, "Trần Văn Bình"},
		{store.User{Username: "vanphong"}, "vanphong"},
		{store.User{}, ""},
	}
	for _, tt := range tests {
		if got := tt.u.Name(); got != tt.want {
			t.Errorf("%+v.Name() = %q, want %q", tt.u, got, tt.want)
		}
	}
}

func TestOlderUserRecordsDecodeWithoutFullName(t *testing.T) {
	var u store.User
	if err := json.Unmarshal([]byte(`{"id":7,"first_name":"Văn Bình","last_name":"Trần","created_at":"2024-03-20T08:00:00Z","seen_at":"2024-03-20T08:00:00Z"}`), &u); err != nil {
		t.Fatal(err)
	}
	if u.FullName != "" || u.NameAsked {
		t.Fatalf("older record decoded with a name: %+v", u)
	}
	if u.Name() != "Trần Văn Bình" {
		t.Fatalf("Name() = %q", u.Name())
	}
}
