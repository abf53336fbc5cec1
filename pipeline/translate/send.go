package translate

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"golang.org/x/text/language"
	"golang.org/x/time/rate"
)

// translate sends segs as one request and settles each segment through
// done as soon as its fate is known. Requests the engine finds too large
// or answers truncated are halved and resent; answers that fail the checks
// are resent one segment at a time; a single segment that still fails is
// halved at a sentence or space, and as a last resort kept untranslated
// and flagged.
func (s *Stage) translate(ctx context.Context, from language.Tag, segs []Segment, done func(int, outcome)) {
	out, err := s.call(ctx, from, segs)
	if err == nil && len(out) != len(segs) {
		err = fmt.Errorf("%s: %d of %d segments came back: %w", s.caps.Engine, len(out), len(segs), ErrTruncated)
	}
	if bad, ok := badSegment(err, len(segs)); ok {
		s.opt.Log.Warn("translate: segment kept in its source text", "err", err)
		done(bad, keptSource(segs[bad], err))
		if len(segs) > 1 {
			s.translateExcept(ctx, from, segs, bad, done)
		}
		return
	}
	if err != nil {
		if (errors.Is(err, ErrTooLarge) || errors.Is(err, ErrTruncated)) && !errors.Is(err, ErrFatal) {
			s.opt.Log.Debug("translate: splitting request", "segments", len(segs), "err", err)
			s.split(ctx, from, segs, done, err)
			return
		}
		for i := range segs {
			done(i, outcome{err: err})
		}
		return
	}
	var again []int
	for i, seg := range segs {
		text, whole := stripThink(seg.Text, out[i].Text)
		p := problemThink
		if whole {
			p = checkSegment(seg, text, from.String(), s.opt.To)
		}
		switch {
		case p != problemNone && len(segs) > 1:
			again = append(again, i)
		case p.truncating():
			s.split(ctx, from, segs[i:i+1], func(_ int, o outcome) { done(i, o) },
				fmt.Errorf("%s: %s answer: %w", s.caps.Engine, p, ErrTruncated))
		default:
			o := s.verifyNames(ctx, from, seg, text)
			if p != problemNone {
				o.flags = append(o.flags, string(p))
			}
			// The source echoed back is no translation either.
			o.untranslated = p == problemUntranslated
			done(i, o)
		}
	}
	for _, i := range again {
		s.translate(ctx, from, segs[i:i+1], func(_ int, o outcome) { done(i, o) })
	}
}

// badSegment returns the index of the segment of a request of n that err
// says cannot be sent.
func badSegment(err error, n int) (int, bool) {
	var se *SegmentError
	if !errors.Is(err, ErrBadSegment) || errors.Is(err, ErrFatal) || !errors.As(err, &se) || se.Index < 0 || se.Index >= n {
		return 0, false
	}
	return se.Index, true
}

// translateExcept resends a request without its segment bad.
func (s *Stage) translateExcept(ctx context.Context, from language.Tag, segs []Segment, bad int, done func(int, outcome)) {
	rest := slices.Delete(slices.Clone(segs), bad, bad+1)
	s.translate(ctx, from, rest, func(i int, o outcome) {
		if i >= bad {
			i++
		}
		done(i, o)
	})
}

// split resends the halves of a request, or of a single segment's text.
func (s *Stage) split(ctx context.Context, from language.Tag, segs []Segment, done func(int, outcome), cause error) {
	if len(segs) > 1 {
		half := len(segs) / 2
		s.translate(ctx, from, segs[:half], done)
		s.translate(ctx, from, segs[half:], func(i int, o outcome) { done(half+i, o) })
		return
	}
	a, gap, b, ok := halve(segs[0])
	if !ok {
		if errors.Is(cause, ErrTooLarge) {
			done(0, outcome{err: cause})
			return
		}
		// Nothing left to cut and the engine still loses it: keep the
		// source, and say so.
		done(0, keptSource(segs[0], cause))
		return
	}
	var parts [2]outcome
	s.translate(ctx, from, []Segment{a}, func(_ int, o outcome) { parts[0] = o })
	s.translate(ctx, from, []Segment{b}, func(_ int, o outcome) { parts[1] = o })
	if parts[0].err != nil || parts[1].err != nil {
		done(0, outcome{err: errors.Join(parts[0].err, parts[1].err)})
		return
	}
	done(0, outcome{
		text:         parts[0].text + gap + parts[1].text,
		flags:        append(parts[0].flags, parts[1].flags...),
		untranslated: parts[0].untranslated || parts[1].untranslated,
	})
}

func errorText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// halve cuts a segment in two at the sentence break, or failing that the
// space, nearest its middle and outside every keep.
func halve(seg Segment) (a Segment, gap string, b Segment, ok bool) {
	text := seg.Text
	inKeep := func(i int) bool {
		for _, k := range seg.Keep {
			if i > k.Start && i < k.End {
				return true
			}
		}
		return false
	}
	mid := len(text) / 2
	best := -1
	consider := func(i int) {
		if i <= 0 || i >= len(text) || inKeep(i) {
			return
		}
		if best < 0 || abs(i-mid) < abs(best-mid) {
			best = i
		}
	}
	if spans := Sentences(text, ""); len(spans) > 1 {
		for _, sp := range spans[1:] {
			consider(sp.Start)
		}
	}
	if best < 0 {
		for i, r := range text {
			if r == ' ' {
				consider(i)
			}
		}
	}
	if best < 0 {
		return Segment{}, "", Segment{}, false
	}
	end := trimRightSpace(text, 0, best)
	start := skipSpace(text, best)
	if end == 0 || start >= len(text) {
		return Segment{}, "", Segment{}, false
	}
	a = Segment{Text: text[:end]}
	b = Segment{Text: text[start:]}
	for _, k := range seg.Keep {
		if k.End <= end {
			a.Keep = append(a.Keep, k)
		} else if k.Start >= start {
			b.Keep = append(b.Keep, Keep{Start: k.Start - start, End: k.End - start, As: k.As})
		}
	}
	return a, text[end:start], b, true
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// refused reports whether a request of this batch found that the engine
// lacks the pair from the base language of from.
func (s *Stage) refused(from string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.noPair[baseOf(from)]
}

// pace waits until limiter allows n more: rate.Limiter's WaitN, on the
// stage's clock and sleep so that tests run realistic rates without
// waiting. A nil limiter means no limit.
func (s *Stage) pace(ctx context.Context, limiter *rate.Limiter, n int) error {
	if limiter == nil {
		return ctx.Err()
	}
	now := s.opt.Now()
	if n > limiter.Burst() {
		// A request larger than the burst would never be allowed; the
		// packing keeps requests smaller, so this is only a safeguard.
		limiter.SetBurstAt(now, n)
	}
	r := limiter.ReserveN(now, n)
	if !r.OK() {
		return fmt.Errorf("rate limit: %d exceeds the burst of %d", n, limiter.Burst())
	}
	wait := r.DelayFrom(now)
	if wait <= 0 {
		return nil
	}
	if deadline, ok := ctx.Deadline(); ok && now.Add(wait).After(deadline) {
		r.CancelAt(now)
		return fmt.Errorf("rate limit: waiting %s would pass the deadline: %w", wait, context.DeadlineExceeded)
	}
	if err := s.opt.Sleep(ctx, wait); err != nil {
		r.CancelAt(s.opt.Now())
		return err
	}
	return nil
}

// call sends one request, waiting for the rate limits before each try and
// retrying failures of class ErrRetry with backoff.
func (s *Stage) call(ctx context.Context, from language.Tag, segs []Segment) ([]Segment, error) {
	chars := 0
	for _, seg := range segs {
		chars += charCount(seg.Text)
	}
	for attempt := 1; ; attempt++ {
		if err := s.pace(ctx, s.requests, 1); err != nil {
			return nil, err
		}
		if err := s.pace(ctx, s.chars, chars); err != nil {
			return nil, err
		}
		s.mu.Lock()
		sentUnder := s.slowdowns
		s.mu.Unlock()
		out, err := s.tr.Translate(ctx, from, s.to, segs)
		s.count(ctx, from, attempt, chars, err)
		if err == nil {
			return out, nil
		}
		if rateLimited(err) {
			s.slowDown(sentUnder, err)
		}
		if errors.Is(err, ErrFatal) || !errors.Is(err, ErrRetry) || ctx.Err() != nil {
			return nil, err
		}
		if attempt >= s.opt.Retry.Attempts {
			return nil, fmt.Errorf("gave up after %d attempts: %w", attempt, err)
		}
		wait := s.opt.Retry.Wait(attempt, err, s.opt.Jitter())
		s.opt.Log.Info("translate: retrying", "engine", s.caps.Engine, "attempt", attempt, "wait", wait, "err", err)
		if err := s.opt.Sleep(ctx, wait); err != nil {
			return nil, err
		}
	}
}

// count adds a request come back with err to the report: a translation
// billed for chars, or a probe that found a pair the engine lacks.
func (s *Stage) count(ctx context.Context, from language.Tag, attempt, chars int, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case errors.Is(err, ErrUnsupportedPair):
		s.report.Probes++
		s.noPair[baseOf(from.String())] = true
		return
	case err != nil && errors.Is(context.Cause(ctx), ErrUnsupportedPair):
		s.report.Probes++ // called back: the listing lacks the pair
		return
	case errors.Is(err, ErrBadSegment):
		return // refused before anything was sent
	case err == nil:
		s.report.Chars += chars
	}
	s.report.Requests++
	if attempt > 1 {
		s.report.Retries++
	}
}
