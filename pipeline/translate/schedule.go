package translate

import (
	"context"
	"errors"
	"slices"
	"sync"

	"golang.org/x/text/language"
)

// Whether an engine has a language pair is settled while the batch runs,
// not before it, so that asking costs a batch as little as it can. A
// language the cache shows the engine has translated from needs no
// asking, and its requests go out at once; so do those of every language
// when the engine cannot list its pairs, until it refuses one. The
// languages left wait for the engine's listing, remembered from an
// earlier batch when the engine names where it comes from, or asked for
// alongside the first requests; a language the engine lacks sends
// nothing. A batch that the cache answers whole asks nothing at all.

// pairState is what a batch knows of the pair from one language.
type pairState int

const (
	pairUnknown pairState = iota // wait for the listing
	pairOffered                  // send every request
	pairLacking                  // send nothing more
)

// A lane is the requests of a batch from one source language.
type lane struct {
	from  language.Tag
	state pairState
	queue [][]*item // requests not yet sent
}

// lanes cuts the plan's segments into requests, one lane per source
// language. When the engine can list its pairs, languages the cache does
// not vouch for start unknown; otherwise every engine is trusted until it
// refuses a pair.
func (s *Stage) lanes(p *plan) []*lane {
	_, lists := s.tr.(PairLister)
	var lanes []*lane
	for _, g := range s.groups(p.items) {
		ln := &lane{from: g.from, state: pairOffered, queue: g.requests}
		if lists && !p.paired[baseOf(g.from.String())] {
			ln.state = pairUnknown
		}
		lanes = append(lanes, ln)
	}
	return lanes
}

// listerFor returns the engine's PairLister if a lane needs it.
func (s *Stage) listerFor(lanes []*lane) PairLister {
	pl, ok := s.tr.(PairLister)
	if !ok || !slices.ContainsFunc(lanes, func(ln *lane) bool { return ln.state == pairUnknown }) {
		return nil
	}
	return pl
}

// listPairs asks the engine for its pairs, at the stage's request pace:
// to the server it is one more request.
func (s *Stage) listPairs(ctx context.Context, pl PairLister) ([]Pair, error) {
	if err := s.pace(ctx, s.requests, 1); err != nil {
		return nil, err
	}
	return pl.Pairs(ctx)
}

// offers reports whether pairs hold the pair from from into the target.
func (s *Stage) offers(pairs []Pair, from string) bool {
	return slices.ContainsFunc(pairs, func(p Pair) bool {
		return baseOf(p.From) == baseOf(from) && baseOf(p.To) == baseOf(s.opt.To)
	})
}

// heardPairs settles the lanes still unknown by the engine's listing; a
// lane already shown to work keeps going whatever the listing says. If
// the engine could not list its pairs, every lane is tried. The requests
// of lanes found lacking are settled through record, when not nil.
func (s *Stage) heardPairs(lanes []*lane, pairs []Pair, err error, record func(*item, outcome)) {
	if err != nil {
		s.opt.Log.Warn("translate: cannot list the engine's language pairs; trying every document", "engine", s.caps.Engine, "err", err)
	}
	for _, ln := range lanes {
		if ln.state != pairUnknown {
			continue
		}
		if err != nil || s.offers(pairs, ln.from.String()) {
			ln.state = pairOffered
			continue
		}
		s.lack(ln, record)
	}
}

// lack marks ln lacking and settles its unsent requests with the pair
// error: not failures, their documents are reported as unpaired.
func (s *Stage) lack(ln *lane, record func(*item, outcome)) {
	ln.state = pairLacking
	if record != nil {
		err := s.pairError(ln.from.String())
		for _, req := range ln.queue {
			for _, it := range req {
				record(it, outcome{err: err})
			}
		}
	}
	ln.queue = nil
}

// lackingOf returns the base languages of the lanes found lacking.
func lackingOf(lanes []*lane) map[string]bool {
	lacking := map[string]bool{}
	for _, ln := range lanes {
		if ln.state == pairLacking {
			lacking[baseOf(ln.from.String())] = true
		}
	}
	return lacking
}

// next picks the request to send next, or nil: the requests of languages
// the engine has, in order.
func next(lanes []*lane) (*lane, []*item) {
	for _, ln := range lanes {
		if ln.state == pairOffered && len(ln.queue) > 0 {
			req := ln.queue[0]
			ln.queue = ln.queue[1:]
			return ln, req
		}
	}
	return nil, nil
}

// run sends the requests of every lane, at most Concurrency at a time,
// the pair listing counted among them, and returns each segment's
// outcome. One goroutine, this one, decides what to send; each request
// runs in its own and reports back when done.
func (s *Stage) run(ctx context.Context, lanes []*lane) map[string]outcome {
	ctx, stop := context.WithCancelCause(ctx)
	defer stop(nil)
	results := map[string]outcome{}
	var mu sync.Mutex
	record := func(it *item, o outcome) {
		mu.Lock()
		results[it.key] = o
		mu.Unlock()
		s.settled(it, o)
	}

	// A done is a request, or the listing (lane nil), come back.
	type done struct {
		lane  *lane
		pairs []Pair
		err   error
	}
	dones := make(chan done)
	inFlight := 0
	if lister := s.listerFor(lanes); lister != nil {
		if pairs, ok := s.rememberedPairs(lister); ok {
			s.heardPairs(lanes, pairs, nil, record)
		} else {
			inFlight++
			go func() {
				pairs, err := s.listPairs(ctx, lister)
				if err == nil {
					s.rememberPairs(lister, pairs)
				}
				dones <- done{pairs: pairs, err: err}
			}()
		}
	}
	for {
		for inFlight < s.opt.Concurrency && ctx.Err() == nil {
			ln, req := next(lanes)
			if ln == nil {
				break
			}
			inFlight++
			go func() {
				s.send(ctx, stop, ln.from, req, record)
				dones <- done{lane: ln}
			}()
		}
		if inFlight == 0 {
			break
		}
		d := <-dones
		inFlight--
		if d.lane == nil && ctx.Err() == nil {
			s.heardPairs(lanes, d.pairs, d.err, record)
		}
		// A refusal settles every lane of its language, whatever the
		// listing said.
		for _, ln := range lanes {
			if ln.state != pairLacking && s.refused(ln.from.String()) {
				s.lack(ln, record)
			}
		}
	}
	// Requests never sent share the reason the batch stopped.
	if cause := context.Cause(ctx); cause != nil {
		for _, ln := range lanes {
			for _, req := range ln.queue {
				for _, it := range req {
					if _, ok := results[it.key]; !ok {
						record(it, outcome{err: cause})
					}
				}
			}
		}
	}
	return results
}

// send translates one request and records each segment's outcome. A fatal
// error stops the batch through stop.
func (s *Stage) send(ctx context.Context, stop context.CancelCauseFunc, from language.Tag, req []*item, record func(*item, outcome)) {
	segs := make([]Segment, len(req))
	for i, it := range req {
		segs[i] = it.seg
	}
	s.translate(ctx, from, segs, func(i int, o outcome) {
		if errors.Is(o.err, ErrFatal) {
			stop(o.err)
		} else if cause := context.Cause(ctx); o.err != nil && cause != nil {
			o.err = cause // cut short by the batch stopping, not a failure of its own
		}
		it := req[i]
		s.store(it.key, o)
		record(it, o)
	})
}
