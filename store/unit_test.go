package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/dvkbot/dvkbot/store"
)

// within runs fn in a write transaction and fails the test on error.
func within(t *testing.T, s *store.Store, fn func(tx *store.Tx) error) {
	t.Helper()
	if err := s.Update(context.Background(), fn); err != nil {
		t.Fatal(err)
	}
}

func TestUnitNamesMatchAcrossNormalisationAndSpaces(t *testing.T) {
	s, _ := openTemp(t)
	within(t, s, func(tx *store.Tx) error {
		_, err := tx.AddUnit(store.Unit{Name: "  Chi bộ  thôn Đông ", Kind: "chi_bo_thon"})
		return err
	})
	tests := []struct{ name, lookup string }{
		{"nfc", "Chi bộ thôn Đông"},
		{"nfd", "Chi bo\u0323\u0302 tho\u0302n \u0110o\u0302ng"},
		{"case", "CHI BỘ THÔN ĐÔNG"},
		{"spaces", "Chi bộ\tthôn   Đông"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := s.View(context.Background(), func(tx *store.Tx) error {
				u, err := tx.UnitByName(tt.lookup)
				if err == nil && u.Name != "Chi bộ thôn Đông" {
					t.Errorf("stored name %q", u.Name)
				}
				return err
			})
			if err != nil {
				t.Error(err)
			}
		})
	}
}

func TestUnitChangesAreValidated(t *testing.T) {
	s, _ := openTemp(t)
	var a, b store.Unit
	within(t, s, func(tx *store.Tx) (err error) {
		if a, err = tx.AddUnit(store.Unit{Name: "Hội Phụ nữ", Kind: "hoi_phu_nu"}); err != nil {
			return err
		}
		b, err = tx.AddUnit(store.Unit{Name: "Hội Nông dân", Kind: "hoi_nong_dan"})
		return err
	})
	tests := []struct {
		name string
		do   func(tx *store.Tx) error
		want error
	}{
		{"duplicate on add", func(tx *store.Tx) error {
			_, err := tx.AddUnit(store.Unit{Name: "hội phụ nữ", Kind: "khac"})
			return err
		}, store.ErrDuplicateName},
		{"rename onto another", func(tx *store.Tx) error { b.Name = "Hội Phụ Nữ"; return tx.PutUnit(b) }, store.ErrDuplicateName},
		{"bad kind", func(tx *store.Tx) error {
			_, err := tx.AddUnit(store.Unit{Name: "X", Kind: "ufo"})
			return err
		}, store.ErrBadKind},
		{"empty name", func(tx *store.Tx) error {
			_, err := tx.AddUnit(store.Unit{Name: "  ", Kind: "khac"})
			return err
		}, store.ErrEmptyName},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := s.Update(context.Background(), tt.do)
			if !errors.Is(err, tt.want) {
				t.Errorf("got %v, want %v", err, tt.want)
			}
		})
	}
	within(t, s, func(tx *store.Tx) error {
		a.Name = "Chi hội Phụ nữ thôn Đông"
		if err := tx.PutUnit(a); err != nil {
			return err
		}
		if _, err := tx.UnitByName("Hội Phụ nữ"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("old name still indexed: %v", err)
		}
		_, err := tx.UnitByName("chi hội phụ nữ thôn đông")
		return err
	})
}

func TestInviteLifecycle(t *testing.T) {
	now := t0
	s, err := store.Open(t.TempDir()+"/i.db", store.Options{Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.EnsureAdmins(context.Background(), []int64{1, 2}); err != nil { // the makers
		t.Fatal(err)
	}
	var unit store.Unit
	var used, expired, revoked, orphan store.Invite
	within(t, s, func(tx *store.Tx) (err error) {
		if unit, err = tx.AddUnit(store.Unit{Name: "Chi bộ Công an", Kind: "chi_bo_cong_an"}); err != nil {
			return err
		}
		used, _ = tx.CreateInvite(unit.ID, 1, 7*24*time.Hour)
		expired, _ = tx.CreateInvite(unit.ID, 1, time.Hour)
		revoked, _ = tx.CreateInvite(unit.ID, 1, time.Hour)
		orphan, err = tx.CreateInvite(unit.ID, 2, 7*24*time.Hour)
		return err
	})
	within(t, s, func(tx *store.Tx) error { return tx.RemoveAdmin(2) }) // takes 2's invites along
	if len(used.Code) < 16 || used.Code == expired.Code {
		t.Fatalf("weak or repeated codes %q %q", used.Code, expired.Code)
	}
	within(t, s, func(tx *store.Tx) error { _, err := tx.RevokeInvite(revoked.Code); return err })
	now = t0.Add(2 * time.Hour)
	tests := []struct {
		name, code string
		user       int64
		want       error
	}{
		{"valid", used.Code, 42, nil},
		{"second use", used.Code, 43, store.ErrInviteUsed},
		{"expired", expired.Code, 42, store.ErrInviteExpired},
		{"revoked", revoked.Code, 42, store.ErrInviteRevoked},
		{"maker removed", orphan.Code, 44, store.ErrInviteRevoked},
		{"unknown", "AAAAAAAAAAAAAAAAAAAAAA", 42, store.ErrNotFound},
		{"empty", "", 42, store.ErrNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := s.Update(context.Background(), func(tx *store.Tx) error {
				_, err := tx.UseInvite(tt.code, tt.user)
				return err
			})
			if !errors.Is(err, tt.want) {
				t.Errorf("got %v, want %v", err, tt.want)
			}
		})
	}
	s.View(context.Background(), func(tx *store.Tx) error {
		if !tx.IsSecretary(unit.ID, 42) || tx.IsSecretary(unit.ID, 43) {
			t.Error("secretaries wrong after invites")
		}
		if got := tx.UnitsOf(42); len(got) != 1 || got[0] != unit.ID {
			t.Errorf("units of 42 = %v", got)
		}
		return nil
	})
}

func TestGroupLinkMigrateAndBreak(t *testing.T) {
	s, _ := openTemp(t)
	var a, b store.Unit
	within(t, s, func(tx *store.Tx) (err error) {
		a, _ = tx.AddUnit(store.Unit{Name: "A", Kind: "khac"})
		b, err = tx.AddUnit(store.Unit{Name: "B", Kind: "khac"})
		if err != nil {
			return err
		}
		_, err = tx.LinkGroup(a.ID, -1)
		return err
	})
	err := s.Update(context.Background(), func(tx *store.Tx) error { _, err := tx.LinkGroup(b.ID, -1); return err })
	if !errors.Is(err, store.ErrGroupLinked) {
		t.Errorf("linking a taken group: %v", err)
	}
	within(t, s, func(tx *store.Tx) error {
		u, moved, err := tx.MigrateGroup(-1, -1001)
		if err != nil || !moved || u.GroupChatID != -1001 {
			t.Errorf("migrate: %+v %v %v", u, moved, err)
		}
		if _, err := tx.UnitOfGroup(-1); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("old group still linked: %v", err)
		}
		u, err = tx.BreakGroup(-1001, "bot removed")
		if err != nil || u.GroupBroken != "bot removed" {
			t.Errorf("break: %+v %v", u, err)
		}
		u, err = tx.LinkGroup(a.ID, -1001)
		if err != nil || u.GroupBroken != "" {
			t.Errorf("relink should clear broken: %+v %v", u, err)
		}
		return nil
	})
}

func TestAuditPagesNewestFirst(t *testing.T) {
	s, _ := openTemp(t)
	within(t, s, func(tx *store.Tx) error {
		for _, a := range []string{"unit.add", "invite.create", "invite.use", "group.link", "admin.add"} {
			if err := tx.Audit(1, a, ""); err != nil {
				return err
			}
		}
		return nil
	})
	p1, _ := s.AuditPage(context.Background(), 0, 2)
	p2, _ := s.AuditPage(context.Background(), p1[len(p1)-1].ID, 2)
	p3, _ := s.AuditPage(context.Background(), p2[len(p2)-1].ID, 2)
	got := []string{}
	for _, p := range [][]store.AuditEntry{p1, p2, p3} {
		for _, e := range p {
			got = append(got, e.Action)
		}
	}
	want := []string{"admin.add", "group.link", "invite.use", "invite.create", "unit.add"}
	if len(got) != len(want) {
		t.Fatalf("pages %v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("entry %d = %s, want %s", i, got[i], want[i])
		}
	}
}

func TestFold(t *testing.T) {
	for in, want := range map[string]string{"Hội Phụ nữ": "hoi phu nu", "ĐOÀN  Thanh niên": "doan thanh nien", "Tổ dân vận": "to dan van"} {
		if got := store.Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}
