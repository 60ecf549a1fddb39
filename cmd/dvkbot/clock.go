package main

import (
	"sync"
	"time"
)

// manualClock is real time shifted by an offset that can be set: the demo
// starts its story in 2024 and jumps months ahead; tests do the same.
type manualClock struct {
	mu     sync.Mutex
	offset time.Duration
}

func newClockAt(t time.Time) *manualClock { return &manualClock{offset: time.Until(t)} }

func (c *manualClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return time.Now().Add(c.offset)
}

// set moves the clock so that it reads t now.
func (c *manualClock) set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.offset = time.Until(t)
}

// advance moves the clock forward by d.
func (c *manualClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.offset += d
}
