package campaign

import (
	"slices"
	"testing"
	"time"

	"github.com/dvkbot/dvkbot/bot/input"
	"github.com/dvkbot/dvkbot/store"
)

var ict = mustZone("Asia/Ho_Chi_Minh")

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

func day(y int, m time.Month, d int) input.Date { return input.Date{Year: y, Month: m, Day: d} }

func camp() store.Campaign {
	return store.Campaign{ID: 7, Name: "DVK 2024", MinModels: 2, RegDeadline: "2024-06-30",
		ResultsDeadline: "2024-09-05", EndDate: "2024-11-30", Reminders: []int{3, 0}}
}

func TestDeadlines(t *testing.T) {
	for _, tc := range []struct {
		name     string
		reg, res string
		want     []Deadline
	}{
		{"both", "2024-06-30", "2024-09-05", []Deadline{{Registration, day(2024, 6, 30)}, {Results, day(2024, 9, 5)}}},
		{"no registration deadline", "", "2024-09-05", []Deadline{{Results, day(2024, 9, 5)}}},
		{"unparsable results deadline", "2024-06-30", "30/06/2024", []Deadline{{Registration, day(2024, 6, 30)}}},
		{"none", "", "", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := camp()
			c.RegDeadline, c.ResultsDeadline = tc.reg, tc.res
			if got := Deadlines(c); !slices.Equal(got, tc.want) {
				t.Errorf("Deadlines = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestPassedBefore(t *testing.T) {
	for _, tc := range []struct {
		name string
		on   input.Date
		want []DeadlineKind
	}{
		{"before both", day(2024, 6, 1), nil},
		{"the last day on time of registration", day(2024, 6, 29), nil},
		{"on the registration deadline: “trước ngày”, so late", day(2024, 6, 30), []DeadlineKind{Registration}},
		{"the day before the results deadline", day(2024, 9, 4), []DeadlineKind{Registration}},
		{"on the results deadline", day(2024, 9, 5), []DeadlineKind{Registration, Results}},
		{"after both", day(2024, 9, 6), []DeadlineKind{Registration, Results}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []DeadlineKind
			for _, d := range PassedBefore(camp(), tc.on) {
				got = append(got, d.Kind)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("PassedBefore(%v) = %v, want %v", tc.on, got, tc.want)
			}
		})
	}
}

// Seed 001 writes its deadlines and its end "trước ngày 07/4/2024": the
// day itself is late, and the movement has ended on its end day. The office
// may close it earlier, or reopen it after its end.
func TestLateEndedOpen(t *testing.T) {
	c := store.Campaign{RegDeadline: "2024-04-07", ResultsDeadline: "2024-09-05", EndDate: "2024-12-15"}
	closed, reopened := c, c
	closed.Closed, reopened.Reopened = true, true
	for _, tc := range []struct {
		name              string
		c                 store.Campaign
		on                input.Date
		late, ended, open bool
	}{
		{"the day before the registration deadline", c, day(2024, 4, 6), false, false, true},
		{"the registration deadline's day", c, day(2024, 4, 7), true, false, true},
		{"the day before the end", c, day(2024, 12, 14), true, false, true},
		{"the end day: ended", c, day(2024, 12, 15), true, true, false},
		{"weeks after the end", c, day(2025, 1, 6), true, true, false},
		{"closed by the office before its end", closed, day(2024, 6, 1), true, true, false},
		{"reopened after its end", reopened, day(2025, 1, 6), true, true, true},
		{"reopened, then closed again", func() store.Campaign { x := reopened; x.Closed = true; return x }(), day(2025, 1, 6), true, true, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := LateISO(tc.c.RegDeadline, tc.on); got != tc.late {
				t.Errorf("LateISO(reg, %v) = %v, want %v", tc.on, got, tc.late)
			}
			if got := Ended(tc.c, tc.on); got != tc.ended {
				t.Errorf("Ended(%v) = %v, want %v", tc.on, got, tc.ended)
			}
			if got := Open(tc.c, tc.on); got != tc.open {
				t.Errorf("Open(%v) = %v, want %v", tc.on, got, tc.open)
			}
		})
	}
	if LateISO("", day(2030, 1, 1)) || LateISO("not a date", day(2030, 1, 1)) {
		t.Error("no deadline is missed")
	}
	if got := LastDay(day(2024, 3, 1)); got != day(2024, 2, 29) {
		t.Errorf("LastDay(01/03/2024) = %v, want 29/02/2024", got)
	}
}

func TestParticipants(t *testing.T) {
	units := []store.Unit{{ID: 1, Name: "Đông"}, {ID: 2, Name: "Tây"}, {ID: 3, Name: "Bắc", Archived: true}}
	for _, tc := range []struct {
		name  string
		only  []uint64
		wantN []uint64
	}{
		{"every unit", nil, []uint64{1, 2}},
		{"chosen units", []uint64{2}, []uint64{2}},
		{"an archived unit chosen", []uint64{1, 3}, []uint64{1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := camp()
			c.Units = tc.only
			var got []uint64
			for _, u := range Participants(c, units) {
				got = append(got, u.ID)
			}
			if !slices.Equal(got, tc.wantN) {
				t.Errorf("Participants = %v, want %v", got, tc.wantN)
			}
		})
	}
}

// step is a reminder as the tests write it.
type step struct {
	kind   DeadlineKind
	offset int
	fire   string // in ICT, "2006-01-02 15:04"
}

func steps(ms []Reminder) []step {
	var out []step
	for _, m := range ms {
		out = append(out, step{m.Deadline.Kind, m.Offset, m.Fire.In(ict).Format("2006-01-02 15:04")})
	}
	return out
}

// A deadline "trước ngày 30/06" has its last day on time on 29/06: the
// offsets count back from that day, and the overdue notice comes on 30/06.
func TestSchedule(t *testing.T) {
	later := camp()
	later.ID, later.RegDeadline, later.ResultsDeadline, later.Reminders = 8, "2024-07-01", "", []int{1}
	for _, tc := range []struct {
		name  string
		camps []store.Campaign
		want  []step
	}{
		{"offsets and the overdue notice, in time order", []store.Campaign{camp()}, []step{
			{Registration, 3, "2024-06-26 08:00"}, {Registration, 0, "2024-06-29 08:00"}, {Registration, Overdue, "2024-06-30 08:00"},
			{Results, 3, "2024-09-01 08:00"}, {Results, 0, "2024-09-04 08:00"}, {Results, Overdue, "2024-09-05 08:00"},
		}},
		{"two campaigns interleave; ties keep campaign order", []store.Campaign{camp(), later}, []step{
			{Registration, 3, "2024-06-26 08:00"}, {Registration, 0, "2024-06-29 08:00"}, {Registration, 1, "2024-06-29 08:00"},
			{Registration, Overdue, "2024-06-30 08:00"}, {Registration, Overdue, "2024-07-01 08:00"},
			{Results, 3, "2024-09-01 08:00"}, {Results, 0, "2024-09-04 08:00"}, {Results, Overdue, "2024-09-05 08:00"},
		}},
		{"no offsets: only the overdue notices", []store.Campaign{{ID: 9, RegDeadline: "2024-06-30"}}, []step{
			{Registration, Overdue, "2024-06-30 08:00"},
		}},
		{"no deadlines: nothing", []store.Campaign{{ID: 9, Reminders: []int{1}}}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := Schedule(tc.camps, 8, 0, ict)
			sorted := slices.IsSortedFunc(got, func(a, b Reminder) int { return a.Fire.Compare(b.Fire) })
			if !sorted || !slices.Equal(steps(got), tc.want) {
				t.Errorf("Schedule =\n%v\nwant\n%v", steps(got), tc.want)
			}
		})
	}
}

func TestScheduleDoesNotChangeTheCampaign(t *testing.T) {
	c := camp()
	c.Reminders = make([]int, 2, 10)
	copy(c.Reminders, []int{3, 0})
	Schedule([]store.Campaign{c}, 8, 0, ict)
	if got := c.Reminders[:3]; got[2] != 0 {
		t.Errorf("Schedule wrote into the campaign's reminders: %v", got)
	}
}

func TestDue(t *testing.T) {
	all := Schedule([]store.Campaign{camp()}, 8, 0, ict)
	for _, tc := range []struct {
		name         string
		now          time.Time
		loc          *time.Location
		today, stale []step
	}{
		{"before any", time.Date(2024, 5, 31, 9, 0, 0, 0, ict), ict, nil, nil},
		{"the day, before the hour", time.Date(2024, 6, 26, 7, 59, 0, 0, ict), ict, nil, nil},
		{"the day, at the hour", time.Date(2024, 6, 26, 8, 0, 0, 0, ict), ict,
			[]step{{Registration, 3, "2024-06-26 08:00"}}, nil},
		{"late the same day", time.Date(2024, 6, 26, 23, 59, 0, 0, ict), ict,
			[]step{{Registration, 3, "2024-06-26 08:00"}}, nil},
		{"the next days: stale", time.Date(2024, 6, 29, 9, 0, 0, 0, ict), ict,
			[]step{{Registration, 0, "2024-06-29 08:00"}}, []step{{Registration, 3, "2024-06-26 08:00"}}},
		{"a UTC now that is already the next day in Vietnam", time.Date(2024, 6, 26, 17, 30, 0, 0, time.UTC), ict,
			nil, []step{{Registration, 3, "2024-06-26 08:00"}}},
		{"the same instant, days counted in UTC", time.Date(2024, 6, 26, 17, 30, 0, 0, time.UTC), time.UTC,
			[]step{{Registration, 3, "2024-06-26 08:00"}}, nil},
		{"after everything", time.Date(2024, 11, 30, 8, 0, 0, 0, ict), ict, nil, steps(all)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			today, stale := Due(all, tc.now, tc.loc)
			if !slices.Equal(steps(today), tc.today) || !slices.Equal(steps(stale), tc.stale) {
				t.Errorf("Due = today %v, stale %v; want today %v, stale %v", steps(today), steps(stale), tc.today, tc.stale)
			}
		})
	}
}

func TestReminderKey(t *testing.T) {
	moved := camp()
	moved.ResultsDeadline = "2024-09-12"
	key := func(c store.Campaign, kind DeadlineKind, off int) string {
		for _, m := range Schedule([]store.Campaign{c}, 8, 0, ict) {
			if m.Deadline.Kind == kind && m.Offset == off {
				return m.Key(42)
			}
		}
		t.Fatalf("no reminder %s %d", kind, off)
		return ""
	}
	for _, tc := range []struct {
		name, got, want string
	}{
		{"registration, as stored before", key(camp(), Registration, 3), "c7/u42/reg/2024-06-30/3"},
		{"results, as stored before", key(camp(), Results, 0), "c7/u42/results/2024-09-05/0"},
		{"overdue", key(camp(), Results, Overdue), "c7/u42/results/2024-09-05/-1"},
		{"a moved deadline gives a new key", key(moved, Results, 0), "c7/u42/results/2024-09-12/0"},
		{"the store's form", key(camp(), Registration, 0), store.ReminderKey(7, 42, "reg", "2024-06-30", 0)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.got != tc.want {
				t.Errorf("key = %q, want %q", tc.got, tc.want)
			}
		})
	}
}

func reg(id uint64, campaign, unit uint64, status string, results bool) store.Registration {
	g := store.Registration{ID: id, Number: "DVK-2024-" + string(rune('0'+id)), CampaignID: campaign, UnitID: unit, Status: status}
	if results {
		g.Results = &store.Results{}
	}
	return g
}

func TestOwes(t *testing.T) {
	u := store.Unit{ID: 1}
	for _, tc := range []struct {
		name           string
		regs           []store.Registration
		models         []uint64
		missingModels  int
		missingResults []uint64
		owes           bool
	}{
		{"nothing registered", nil, nil, 2, nil, true},
		{"below the minimum", []store.Registration{reg(1, 7, 1, store.StatusSubmitted, false)}, []uint64{1}, 1, []uint64{1}, true},
		{"at the minimum, submitted: results still owed", []store.Registration{reg(1, 7, 1, store.StatusSubmitted, false), reg(2, 7, 1, store.StatusSubmitted, false)},
			[]uint64{1, 2}, 0, []uint64{1, 2}, true},
		{"at the minimum, submitted with results", []store.Registration{reg(1, 7, 1, store.StatusSubmitted, true), reg(2, 7, 1, store.StatusSubmitted, true)},
			[]uint64{1, 2}, 0, nil, false},
		{"withdrawn does not count", []store.Registration{reg(1, 7, 1, store.StatusWithdrawn, false), reg(2, 7, 1, store.StatusSubmitted, false)},
			[]uint64{2}, 1, []uint64{2}, true},
		{"returned counts and owes results", []store.Registration{reg(1, 7, 1, store.StatusReturned, false), reg(2, 7, 1, store.StatusSubmitted, true)},
			[]uint64{1, 2}, 0, []uint64{1}, true},
		{"approved without results owes them", []store.Registration{reg(1, 7, 1, store.StatusApproved, false), reg(2, 7, 1, store.StatusApproved, true)},
			[]uint64{1, 2}, 0, []uint64{1}, true},
		{"approved with results owes nothing", []store.Registration{reg(1, 7, 1, store.StatusApproved, true), reg(2, 7, 1, store.StatusApproved, true)},
			[]uint64{1, 2}, 0, nil, false},
		{"other campaigns and units ignored", []store.Registration{reg(1, 8, 1, store.StatusApproved, false), reg(2, 7, 2, store.StatusApproved, false),
			reg(3, 7, 1, store.StatusApproved, false)}, []uint64{3}, 1, []uint64{3}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := Owes(camp(), u, tc.regs)
			if got := ids(d.Models); !slices.Equal(got, tc.models) {
				t.Errorf("Models = %v, want %v", got, tc.models)
			}
			if d.MissingModels != tc.missingModels {
				t.Errorf("MissingModels = %d, want %d", d.MissingModels, tc.missingModels)
			}
			if got := ids(d.MissingResults); !slices.Equal(got, tc.missingResults) {
				t.Errorf("MissingResults = %v, want %v", got, tc.missingResults)
			}
			if d.Owes() != tc.owes {
				t.Errorf("Owes() = %v, want %v", d.Owes(), tc.owes)
			}
		})
	}
}

func ids(regs []store.Registration) []uint64 {
	var out []uint64
	for _, g := range regs {
		out = append(out, g.ID)
	}
	return out
}

func TestDebtFor(t *testing.T) {
	both := Owes(camp(), store.Unit{ID: 1}, []store.Registration{reg(1, 7, 1, store.StatusApproved, false)})
	for _, tc := range []struct {
		name    string
		kind    DeadlineKind
		models  int
		results []string
		owes    bool
	}{
		{"registration: the missing models", Registration, 1, nil, true},
		{"results: the missing results", Results, 0, []string{both.Models[0].Number}, true},
		{"an unknown kind owes nothing", DeadlineKind("end"), 0, nil, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := both.For(tc.kind)
			if d.MissingModels != tc.models || !slices.Equal(Numbers(d.MissingResults), tc.results) || d.Owes() != tc.owes {
				t.Errorf("For(%s) = %d models, results %v, owes %v; want %d, %v, %v", tc.kind,
					d.MissingModels, Numbers(d.MissingResults), d.Owes(), tc.models, tc.results, tc.owes)
			}
		})
	}
}

func TestNeedsResults(t *testing.T) {
	for _, tc := range []struct {
		name string
		g    store.Registration
		want bool
	}{
		{"approved, no results", reg(1, 7, 1, store.StatusApproved, false), true},
		{"approved, results in", reg(1, 7, 1, store.StatusApproved, true), false},
		{"submitted", reg(1, 7, 1, store.StatusSubmitted, false), true},
		{"submitted, results in", reg(1, 7, 1, store.StatusSubmitted, true), false},
		{"returned", reg(1, 7, 1, store.StatusReturned, false), true},
		{"withdrawn", reg(1, 7, 1, store.StatusWithdrawn, false), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := NeedsResults(tc.g); got != tc.want {
				t.Errorf("NeedsResults = %v, want %v", got, tc.want)
			}
		})
	}
}
