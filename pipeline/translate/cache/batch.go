package cache

import (
	"sync"
	"time"
)

// maxBatch bounds the entries of one transaction.
const maxBatch = 1000

// An entry is one key and its stored value.
type entry struct{ key, value []byte }

// A batcher groups concurrent Puts into one transaction. It does what
// bbolt's DB.Batch does, but commits in the goroutine of a caller, where
// a panic on a corrupt page can be recovered: DB.Batch commits in a timer
// goroutine, where it would end the process.
type batcher struct {
	delay time.Duration
	mu    sync.Mutex
	cur   *pending
}

// pending is the batch being gathered; its first Put commits it.
type pending struct {
	entries []entry
	full    chan struct{} // closed when maxBatch entries wait
	done    chan struct{} // closed when committed
	err     error
}

// put adds e to the current batch and returns once that batch is
// committed, with its error.
func (b *batcher) put(s *Store, e entry) error {
	b.mu.Lock()
	p := b.cur
	leader := p == nil
	if leader {
		p = &pending{full: make(chan struct{}), done: make(chan struct{})}
		b.cur = p
	}
	p.entries = append(p.entries, e)
	if len(p.entries) == maxBatch {
		b.cur = nil // later Puts start the next batch
		close(p.full)
	}
	b.mu.Unlock()
	if !leader {
		<-p.done
		return p.err
	}
	t := time.NewTimer(b.delay)
	select {
	case <-t.C:
	case <-p.full:
		t.Stop()
	}
	b.mu.Lock()
	if b.cur == p {
		b.cur = nil
	}
	entries := p.entries // no Put adds to p any more
	b.mu.Unlock()
	p.err = s.commit(entries)
	close(p.done)
	return p.err
}
