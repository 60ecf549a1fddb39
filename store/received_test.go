package store

import (
	"encoding/json"
	"testing"
)

// Records written before results were received (issue 27, item 1) read
// as they were: an evaluated report was received before its evaluation,
// one waiting for the office was not yet; and a report received since
// keeps its receipt.
func TestOlderResultsReadAsReceivedOnceEvaluated(t *testing.T) {
	cases := []struct {
		name, record string
		received     bool
	}{
		{"evaluated before receipts existed", `{"id":1,"status":"approved","results":{"achieved":"x","submitted_at":"2024-09-01T00:00:00Z"},"evaluation":{"outcome":"cong_nhan","level":"co_so","by":7,"at":"2024-09-06T00:00:00Z"}}`, true},
		{"waiting before receipts existed", `{"id":2,"status":"approved","results":{"achieved":"x","submitted_at":"2024-09-01T00:00:00Z"}}`, false},
		{"received since", `{"id":3,"status":"approved","results":{"achieved":"x","received_by":7,"received_at":"2024-09-02T00:00:00Z"}}`, true},
		{"no results", `{"id":4,"status":"approved"}`, false},
	}
	for _, c := range cases {
		var r Registration
		if err := json.Unmarshal([]byte(c.record), &r); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if got := r.ResultsReceived(); got != c.received {
			t.Errorf("%s: received %v, want %v", c.name, got, c.received)
		}
	}
	// A report not yet received writes no receipt.
	b, _ := json.Marshal(Results{Achieved: "x"})
	var m map[string]any
	_ = json.Unmarshal(b, &m)
	if _, ok := m["received_at"]; ok {
		t.Errorf("an unreceived report writes %s", b)
	}
}
