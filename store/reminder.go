package store

import "fmt"

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
