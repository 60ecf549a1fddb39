package store

import (
	"encoding/binary"
	"fmt"
	json "github.com/goccy/go-json"

	bolt "go.etcd.io/bbolt"
)

// itob encodes an id as an 8-byte big-endian key.
func itob(v uint64) []byte {
	b := make([]byte, 8)
	binary.BigEndian.PutUint64(b, v)
	return b
}

func btoi(b []byte) uint64 { return binary.BigEndian.Uint64(b) }

// idKey encodes a signed Telegram id (chats may be negative) as a key.
func idKey(id int64) []byte { return itob(uint64(id)) }

// pairKey encodes (chat, user) as a 16-byte key.
func pairKey(a, b int64) []byte { return append(idKey(a), idKey(b)...) }

// putJSON stores v under key in bucket.
func putJSON(b *bolt.Bucket, key []byte, v any) error {
	buf, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("encode %x: %w", key, err)
	}
	if err := b.Put(key, buf); err != nil {
		return fmt.Errorf("put %x: %w", key, err)
	}
	return nil
}

// getJSON decodes the value under key into v, or returns ErrNotFound.
// It decodes inside the transaction: the bytes die with it.
func getJSON(b *bolt.Bucket, key []byte, v any) error {
	buf := b.Get(key)
	if buf == nil {
		return ErrNotFound
	}
	return decodeJSON(key, buf, v)
}

// decodeJSON decodes a value a cursor or ForEach already holds.
func decodeJSON(key, buf []byte, v any) error {
	if err := json.Unmarshal(buf, v); err != nil {
		return fmt.Errorf("decode %x: %w", key, err)
	}
	return nil
}
