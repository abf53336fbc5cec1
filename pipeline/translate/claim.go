package translate

import (
	"context"
	"fmt"
	"time"
)

// A Claimer is a Cache that several processes share, such as pgcache's
// translation memory. Before sending segments a Stage claims their keys;
// a segment another process has claimed is not sent but waited for, so
// that two workers translating the same text pay for it once.
type Claimer interface {
	// Claim claims the keys that hold no entry and no other process's
	// live claim, and returns them. A claim ends with the Put of its key,
	// with Release, or when its holder stops renewing it.
	Claim(ctx context.Context, keys []string) (mine []string, err error)
	// Release ends this process's claims on keys.
	Release(ctx context.Context, keys []string) error
}

// claimPoll is how often a Stage looks for the segments another process
// is translating; their answers take about a request's time.
const claimPoll = 200 * time.Millisecond

// runClaimed runs p's segments and returns their outcomes and the lanes
// that sent them. With a Claimer for a cache it sends only the segments it
// claimed, then waits for the others, which are read from the cache once
// their holder stored them, or claimed and sent here once its claim
// lapsed. Without one it is run.
func (s *Stage) runClaimed(ctx context.Context, p *plan) (map[string]outcome, []*lane) {
	c, ok := s.opt.Cache.(Claimer)
	if !ok || s.opt.Refresh {
		lanes := s.lanes(p)
		return s.run(ctx, lanes), lanes
	}
	results := map[string]outcome{}
	var lanes []*lane
	pending := p.items
	for len(pending) > 0 {
		mine, err := c.Claim(ctx, keysOf(pending))
		if err != nil {
			// Without claims the batch could pay twice: stop as a
			// cache that cannot be written stops it.
			for _, it := range pending {
				o := outcome{err: fmt.Errorf("%w: %w", ErrCacheWrite, err)}
				results[it.key] = o
				s.settled(it, o)
			}
			break
		}
		claimed := make(map[string]bool, len(mine))
		for _, k := range mine {
			claimed[k] = true
		}
		var send, others []*item
		for _, it := range pending {
			if claimed[it.key] {
				send = append(send, it)
			} else {
				others = append(others, it)
			}
		}
		if len(send) > 0 {
			part := *p
			part.items = send
			ls := s.lanes(&part)
			for k, o := range s.run(ctx, ls) {
				results[k] = o
			}
			lanes = append(lanes, ls...)
			// Segments that failed are left to another worker, or a
			// later run, at once rather than at the lease's end.
			c.Release(context.WithoutCancel(ctx), mine)
		}
		pending = pending[:0:0]
		for _, it := range others {
			if o, ok := s.cached(it.key); ok {
				results[it.key] = o
				s.settled(it, o)
				continue
			}
			pending = append(pending, it)
		}
		if len(pending) == 0 || len(send) > 0 {
			continue
		}
		if err := s.opt.Sleep(ctx, claimPoll); err != nil {
			for _, it := range pending {
				o := outcome{err: err}
				results[it.key] = o
				s.settled(it, o)
			}
			break
		}
	}
	return results, lanes
}

func keysOf(items []*item) []string {
	keys := make([]string, len(items))
	for i, it := range items {
		keys[i] = it.key
	}
	return keys
}
