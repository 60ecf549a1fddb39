package store

import (
	"fmt"
	"time"
)

// ImportPlan is a parsed unit list waiting for the admin's confirmation.
type ImportPlan struct {
	UserID   int64  `json:"user_id"`
	Nonce    string `json:"nonce"` // in the confirm button: an older preview's button is stale
	FileName string `json:"file_name"`
	Units    []Unit `json:"units"` // the new ones only
	// Communes are the new communes of the province's list, when the
	// province's office sent one.
	Communes  []Commune `json:"communes,omitempty"`
	CreatedAt time.Time `json:"created_at"`
}

// PutImportPlan replaces the user's pending import.
func (t *Tx) PutImportPlan(p ImportPlan) error {
	p.CreatedAt = t.now
	return putJSON(t.tx.Bucket(bucketImports), idKey(p.UserID), p)
}

// ImportPlan returns the user's pending import, or ErrNotFound.
func (t *Tx) ImportPlan(userID int64) (ImportPlan, error) {
	var p ImportPlan
	if err := getJSON(t.tx.Bucket(bucketImports), idKey(userID), &p); err != nil {
		return ImportPlan{}, fmt.Errorf("import plan %d: %w", userID, err)
	}
	return p, nil
}

// DeleteImportPlan drops the user's pending import.
func (t *Tx) DeleteImportPlan(userID int64) error {
	return t.tx.Bucket(bucketImports).Delete(idKey(userID))
}
