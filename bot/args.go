package bot

import (
	"errors"
	"strconv"

	"github.com/dvkbot/dvkbot/store"
)

// What a button's data names: ids written by idArg and read back by the
// *FromArg helpers. A malformed or unknown id is a stale button; a store
// that fails to read is an error.

// idArg writes an id into button data.
func idArg(id uint64) string { return strconv.FormatUint(id, 10) }

// unitFromArg loads the unit a button names.
func (r *request) unitFromArg(arg string) (store.Unit, error) { return fromArg(arg, r.tx.Unit) }

// campaignFromArg loads the campaign a button names.
func (r *request) campaignFromArg(arg string) (store.Campaign, error) {
	return fromArg(arg, r.tx.Campaign)
}

// registrationFromArg loads the registration a button names.
func (r *request) registrationFromArg(arg string) (store.Registration, error) {
	return fromArg(arg, r.tx.Registration)
}

// fromArg reads an id from button data and loads its record with get.
func fromArg[T any](arg string, get func(uint64) (T, error)) (T, error) {
	var none T
	id, err := strconv.ParseUint(arg, 10, 64)
	if err != nil {
		return none, errStale
	}
	v, err := get(id)
	if errors.Is(err, store.ErrNotFound) {
		return none, errStale
	}
	return v, err
}

// pager is a row of previous/next buttons when there is more than a page.
func pager(rt route, page, pages int) [][]store.Button {
	var row []store.Button
	if page > 0 {
		row = append(row, store.Button{Text: "⬅️ " + strconv.Itoa(page), Data: rt.data(strconv.Itoa(page - 1))})
	}
	if page+1 < pages {
		row = append(row, store.Button{Text: strconv.Itoa(page+2) + " ➡️", Data: rt.data(strconv.Itoa(page + 1))})
	}
	if row == nil {
		return nil
	}
	return [][]store.Button{row}
}
