package store

import (
	"bytes"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// ReminderKey names one reminder of a unit: campaign, unit, deadline kind
// ("reg" or "results"), the deadline's date (yyyy-mm-dd) and the days
// before it (-1: the overdue notice).
func ReminderKey(campaignID, unitID uint64, kind, date string, days int) string {
	return fmt.Sprintf("c%d/u%d/%s/%s/%d", campaignID, unitID, kind, date, days)
}

// dateReminderKeys is a migration: keys written before the deadline's
// date was part of them get the campaign's current date of that deadline,
// so that nothing already sent is sent again.
func dateReminderKeys(tx *bolt.Tx) error {
	b := tx.Bucket(bucketReminders)
	type old struct{ key, value []byte }
	var todo []old
	err := b.ForEach(func(k, v []byte) error {
		if bytes.HasPrefix(k, []byte("c")) && bytes.Count(k, []byte("/")) == 3 {
			todo = append(todo, old{bytes.Clone(k), bytes.Clone(v)})
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, o := range todo {
		var cid, uid uint64
		var kind string
		var days int
		if _, err := fmt.Sscanf(string(bytes.ReplaceAll(o.key, []byte("/"), []byte(" "))), "c%d u%d %s %d", &cid, &uid, &kind, &days); err != nil {
			continue // not ours: leave it
		}
		var c Campaign
		if err := getJSON(tx.Bucket(bucketCampaigns), itob(cid), &c); err != nil {
			continue // campaign gone: its keys matter to nobody
		}
		date := c.RegDeadline
		if kind == "results" {
			date = c.ResultsDeadline
		}
		if err := b.Put([]byte(ReminderKey(cid, uid, kind, date, days)), o.value); err != nil {
			return err
		}
		if err := b.Delete(o.key); err != nil {
			return err
		}
	}
	return nil
}

// MarkReminder records that the reminder with key was queued; it reports
// false when it had been already, so a restart, a clock change or two
// overlapping runs never send one twice.
func (t *Tx) MarkReminder(key string) (bool, error) {
	b := t.tx.Bucket(bucketReminders)
	if b.Get([]byte(key)) != nil {
		return false, nil
	}
	if err := b.Put([]byte(key), itob(uint64(t.now.Unix()))); err != nil {
		return false, fmt.Errorf("mark reminder %s: %w", key, err)
	}
	return true, nil
}

// ReminderSent reports whether the reminder with key was queued.
func (t *Tx) ReminderSent(key string) bool {
	return t.tx.Bucket(bucketReminders).Get([]byte(key)) != nil
}
