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
// languages left are settled by the engine's listing, remembered from an
// earlier batch when the engine names where it comes from, or else asked
// for alongside the first requests. While that listing is on its way,
// each such language sends one request, a probe: an answer releases the
// rest of its requests at once, so a first run costs one round trip less;
// a refusal settles it as the listing would. A language the listing
// lacks sends nothing more, and its probe, if still out, is called back.
// A refused probe is never billed, cached or counted as a failure. A
// batch that the cache answers whole asks nothing at all.

// pairState is what a batch knows of the pair from one language.
type pairState int

const (
	pairUnknown pairState = iota // wait for the listing, or probe
	pairProbing                  // one request out; wait for it or the listing
	pairOffered                  // send every request
	pairLacking                  // send nothing more
)

// A lane is the requests of a batch from one source language.
type lane struct {
	from  language.Tag
	state pairState
	queue [][]*item // requests not yet sent
	// probed is set once the lane has sent its probe: a probe that came
	// back failed for another reason leaves the lane to the listing.
	probed bool
	// recall cancels the probe in flight, with the pair error as cause.
	recall context.CancelCauseFunc
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
// to the server it is one more request, though a cheap one, so it takes
// none of the Concurrency slots that translations share.
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

// heardPairs settles the lanes still unknown or probing by the engine's
// listing; a lane already shown to work keeps going whatever the listing
// says. If the engine could not list its pairs, every lane is tried. The
// requests of lanes found lacking are settled through record, when not
// nil, and their probes called back.
func (s *Stage) heardPairs(lanes []*lane, pairs []Pair, err error, record func(*item, outcome)) {
	if err != nil {
		s.opt.Log.Warn("translate: cannot list the engine's language pairs; trying every document", "engine", s.caps.Engine, "err", err)
	}
	for _, ln := range lanes {
		if ln.state != pairUnknown && ln.state != pairProbing {
			continue
		}
		if err != nil || s.offers(pairs, ln.from.String()) {
			ln.state = pairOffered
			continue
		}
		s.lack(ln, record)
	}
}

// lack marks ln lacking, calls back its probe if one is out, and settles
// its unsent requests with the pair error: not failures, their documents
// are reported as unpaired.
func (s *Stage) lack(ln *lane, record func(*item, outcome)) {
	ln.state = pairLacking
	err := s.pairError(ln.from.String())
	if ln.recall != nil {
		ln.recall(err)
	}
	if record != nil {
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

// next picks the request to send next, or nil: while the listing is out,
// a probe of each language not yet known, first, so that each learns as
// soon as it can; then the requests of languages the engine has, in order.
func next(lanes []*lane, listing bool) (ln *lane, req []*item, probe bool) {
	for _, ln := range lanes {
		if listing && ln.state == pairUnknown && !ln.probed && len(ln.queue) > 0 {
			ln.state, ln.probed = pairProbing, true
			return ln, ln.pop(), true
		}
	}
	for _, ln := range lanes {
		if ln.state == pairOffered && len(ln.queue) > 0 {
			return ln, ln.pop(), false
		}
	}
	return nil, nil, false
}

func (ln *lane) pop() []*item {
	req := ln.queue[0]
	ln.queue = ln.queue[1:]
	return req
}

// A settlement is the outcome of one segment of a probe, held until the
// scheduler has weighed it against the listing.
type settlement struct {
	it *item
	o  outcome
}

// probeBack settles ln and the segments of its probe after it came back.
// Whichever the scheduler hears first, the probe or the listing, decides:
// once the listing has said the engine lacks the pair, the probe's answer
// is dropped, so that the cache never holds a translation from a language
// the batch reported unpaired. Otherwise a translation shows that the
// engine has the pair; a refusal is settled by the caller, as any
// refusal; any other failure leaves the lane to the listing.
func (s *Stage) probeBack(ln *lane, back []settlement, keep, record func(*item, outcome)) {
	ln.recall(nil)
	ln.recall = nil
	if ln.state == pairLacking {
		err := s.pairError(ln.from.String())
		for _, b := range back {
			record(b.it, outcome{err: err})
		}
		return
	}
	answered := false
	for _, b := range back {
		keep(b.it, b.o)
		answered = answered || b.o.err == nil
	}
	switch {
	case ln.state != pairProbing:
		// The listing came first and offered the pair.
	case answered:
		ln.state = pairOffered
	default:
		ln.state = pairUnknown
	}
}

// run sends the requests of every lane, at most Concurrency at a time,
// and the pair listing beside them, and returns each segment's outcome.
// One goroutine, this one, decides what to send; each request runs in its
// own and reports back when done.
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
	// A cache that cannot be written stops the batch: the answers so
	// far are still applied, and the hint says how to go on.
	store := func(it *item, o outcome) {
		if err := s.store(it, o); err != nil {
			stop(err)
		}
	}
	keep := func(it *item, o outcome) {
		store(it, o)
		record(it, o)
	}

	// A done is a request come back, or the listing (lane nil).
	type done struct {
		lane  *lane
		probe []settlement // a probe's outcomes, not yet kept
		pairs []Pair
		err   error
	}
	dones := make(chan done)
	inFlight, listing := 0, false
	if lister := s.listerFor(lanes); lister != nil {
		if pairs, ok := s.rememberedPairs(lister); ok {
			s.heardPairs(lanes, pairs, nil, record)
		} else {
			listing = true
			go func() {
				pairs, err := s.listPairs(ctx, lister)
				if err == nil {
					s.rememberPairs(lister, pairs)
				} else if errors.Is(err, ErrUnreachable) {
					if down := s.unreachable(err); down != nil {
						stop(down)
					}
				}
				dones <- done{pairs: pairs, err: err}
			}()
		}
	}
	for {
		for inFlight < s.opt.Concurrency && ctx.Err() == nil {
			ln, req, probe := next(lanes, listing)
			if ln == nil {
				break
			}
			inFlight++
			if !probe {
				go func() {
					// The answers of a request are written side by side,
					// so that a cache that groups concurrent writes
					// (package cache) commits them in one transaction;
					// the request counts as done once they are on disk.
					var writes sync.WaitGroup
					s.send(ctx, stop, ln.from, req, func(it *item, o outcome) {
						writes.Go(func() { store(it, o) })
						record(it, o)
					})
					writes.Wait()
					dones <- done{lane: ln}
				}()
				continue
			}
			probeCtx, recall := context.WithCancelCause(ctx)
			ln.recall = recall
			go func() {
				back := make([]settlement, 0, len(req))
				s.send(probeCtx, stop, ln.from, req, func(it *item, o outcome) {
					back = append(back, settlement{it, o})
				})
				dones <- done{lane: ln, probe: back}
			}()
		}
		if inFlight == 0 && !listing {
			break
		}
		d := <-dones
		switch {
		case d.lane == nil:
			listing = false
			if ctx.Err() == nil {
				s.heardPairs(lanes, d.pairs, d.err, record)
			}
		case d.probe != nil:
			inFlight--
			s.probeBack(d.lane, d.probe, keep, record)
		default:
			inFlight--
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

// send translates one request and settles each segment's outcome. A fatal
// error stops the batch through stop. A request cut short settles with
// the cause of its context: the batch's, or for a probe called back, the
// pair error.
func (s *Stage) send(ctx context.Context, stop context.CancelCauseFunc, from language.Tag, req []*item, settle func(*item, outcome)) {
	segs := make([]Segment, len(req))
	for i, it := range req {
		segs[i] = it.seg
	}
	s.translate(ctx, from, segs, newResends(segs), func(i int, o outcome) {
		if errors.Is(o.err, ErrFatal) {
			stop(o.err)
		} else if cause := context.Cause(ctx); o.err != nil && cause != nil {
			o.err = cause // cut short by the batch stopping, not a failure of its own
		}
		settle(req[i], o)
	})
}
