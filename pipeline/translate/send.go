package translate

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"golang.org/x/text/language"
	"golang.org/x/time/rate"
)

// translate sends segs as one request and settles each segment through
// done as soon as its fate is known. A request the engine finds too large
// is halved and resent (nothing was billed). An answer that lost
// segments, came back in another shape or order, or failed the checks is
// resent one segment at a time; a single segment whose answer was cut off
// is halved at a sentence or space. All of that stays within b, the
// request's resend budget: what it cannot pay for is kept in its source
// text, flagged, never silently wrong.
func (s *Stage) translate(ctx context.Context, from language.Tag, segs []Segment, bs []*resend, done func(int, outcome)) {
	out, err := s.call(ctx, from, segs, bs)
	if err == nil && len(out) != len(segs) {
		err = fmt.Errorf("%s: %d of %d segments came back: %w", s.caps.Engine, len(out), len(segs), ErrBadAnswer)
	}
	if err == nil {
		if i, j, ok := misaligned(segs, out); ok {
			err = fmt.Errorf("%s: answer %d of %d reads as the translation of segment %d: %w", s.caps.Engine, i+1, len(segs), j+1, ErrBadAnswer)
		}
	}
	if bad, ok := badSegment(err, len(segs)); ok {
		s.opt.Log.Debug("translate: segment kept in its source text", "err", err)
		done(bad, keptSource(segs[bad], err))
		if len(segs) > 1 {
			s.translateExcept(ctx, from, segs, bad, bs, done)
		}
		return
	}
	if err != nil {
		switch {
		case errors.Is(err, ErrFatal):
		case errors.Is(err, errOverBudget):
			for i := range segs {
				done(i, keptSource(segs[i], err))
			}
			return
		case errors.Is(err, ErrTooLarge):
			s.opt.Log.Debug("translate: splitting request", "segments", len(segs), "err", err)
			s.split(ctx, from, segs, bs, done, err)
			return
		case errors.Is(err, ErrTruncated), errors.Is(err, ErrBadAnswer):
			s.opt.Log.Debug("translate: resending", "segments", len(segs), "err", err)
			if len(segs) > 1 {
				s.oneByOne(ctx, from, segs, bs, done)
			} else {
				s.split(ctx, from, segs, bs, done, err)
			}
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
		case p != problemNone && p != problemUntranslated && len(segs) > 1:
			again = append(again, i)
		case p.truncating():
			s.split(ctx, from, segs[i:i+1], bs[i:i+1], func(_ int, o outcome) { done(i, o) },
				fmt.Errorf("%s: %s answer: %w", s.caps.Engine, p, ErrTruncated))
		case p == problemUntranslated:
			// The engine gives the source back as it is: remembered as
			// such, so that the next run does not pay to hear it again.
			done(i, outcome{text: text, flags: []string{string(p)}, unchanged: true})
		default:
			o := s.verifyNames(ctx, from, seg, text, bs[i])
			if p != problemNone {
				o.flags = append(o.flags, string(p))
			}
			done(i, o)
		}
	}
	for _, i := range again {
		s.translate(ctx, from, segs[i:i+1], bs[i:i+1], func(_ int, o outcome) { done(i, o) })
	}
}

// oneByOne resends each of segs in a request of its own.
func (s *Stage) oneByOne(ctx context.Context, from language.Tag, segs []Segment, bs []*resend, done func(int, outcome)) {
	for i := range segs {
		s.translate(ctx, from, segs[i:i+1], bs[i:i+1], func(_ int, o outcome) { done(i, o) })
	}
}

// A resend is the character budget of one segment of a batch, shared by
// everything sent for it: the request it first went in, the request it
// is resent in alone, its halves, its names masked. Answers that the
// engine gave (and billed) count against it; refusals that cost nothing,
// such as a 413, do not. It bounds what an engine that keeps failing the
// same way costs to twice the segment's characters.
type resend struct {
	left int
}

// resendFactor is how many times its characters a segment may cost,
// resends included.
const resendFactor = 2

func newResends(segs []Segment) []*resend {
	bs := make([]*resend, len(segs))
	for i, seg := range segs {
		bs[i] = &resend{left: resendFactor * charCount(seg.Text)}
	}
	return bs
}

// errOverBudget is the cause of segments not sent again because their
// resend budget is spent.
var errOverBudget = errors.New("not sent again: it would cost more than twice its characters")

func segmentChars(segs []Segment) int {
	n := 0
	for _, seg := range segs {
		n += charCount(seg.Text)
	}
	return n
}

// misaligned reports an answer whose segment i carries every number and
// protected name of another segment j but not all of its own: an answer
// shifted or reordered, which position and count alone would accept.
func misaligned(segs, out []Segment) (i, j int, ok bool) {
	if len(segs) < 2 {
		return 0, 0, false
	}
	marks := make([][]string, len(segs))
	for k, seg := range segs {
		marks[k] = invariants(seg)
	}
	holds := func(text string, ms []string) bool {
		for _, m := range ms {
			if !strings.Contains(text, m) {
				return false
			}
		}
		return true
	}
	for i := range out {
		if len(marks[i]) == 0 || holds(out[i].Text, marks[i]) {
			continue
		}
		for j := range segs {
			if j != i && len(marks[j]) > 0 && holds(out[i].Text, marks[j]) && !holds(segs[i].Text, marks[j]) {
				return i, j, true
			}
		}
	}
	return 0, 0, false
}

// invariants lists what a translation of seg keeps as it is: its
// protected names (as they should read) and its runs of ASCII digits.
func invariants(seg Segment) []string {
	var ms []string
	for _, k := range seg.Keep {
		if k.Start < 0 || k.End > len(seg.Text) || k.Start >= k.End {
			continue
		}
		as := k.As
		if as == "" {
			as = seg.Text[k.Start:k.End]
		}
		ms = append(ms, as)
	}
	for i := 0; i < len(seg.Text); {
		if seg.Text[i] < '0' || seg.Text[i] > '9' {
			i++
			continue
		}
		j := i
		for j < len(seg.Text) && seg.Text[j] >= '0' && seg.Text[j] <= '9' {
			j++
		}
		ms = append(ms, seg.Text[i:j])
		i = j
	}
	return ms
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
func (s *Stage) translateExcept(ctx context.Context, from language.Tag, segs []Segment, bad int, bs []*resend, done func(int, outcome)) {
	rest := slices.Delete(slices.Clone(segs), bad, bad+1)
	restB := slices.Delete(slices.Clone(bs), bad, bad+1)
	s.translate(ctx, from, rest, restB, func(i int, o outcome) {
		if i >= bad {
			i++
		}
		done(i, o)
	})
}

// split resends the halves of a request, or of a single segment's text.
func (s *Stage) split(ctx context.Context, from language.Tag, segs []Segment, bs []*resend, done func(int, outcome), cause error) {
	if len(segs) > 1 {
		half := len(segs) / 2
		s.translate(ctx, from, segs[:half], bs[:half], done)
		s.translate(ctx, from, segs[half:], bs[half:], func(i int, o outcome) { done(half+i, o) })
		return
	}
	first, gap, second, ok := halve(segs[0])
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
	// The halves share the segment's budget.
	s.translate(ctx, from, []Segment{first}, bs, func(_ int, o outcome) { parts[0] = o })
	s.translate(ctx, from, []Segment{second}, bs, func(_ int, o outcome) { parts[1] = o })
	if parts[0].err != nil || parts[1].err != nil {
		done(0, outcome{err: errors.Join(parts[0].err, parts[1].err)})
		return
	}
	if parts[0].untranslated || parts[1].untranslated {
		// Half a translation is no translation: keep the source whole.
		done(0, keptSource(segs[0], cause))
		return
	}
	done(0, outcome{
		text:  parts[0].text + gap + parts[1].text,
		flags: append(parts[0].flags, parts[1].flags...),
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
			b.Keep = append(b.Keep, Keep{Start: k.Start - start, End: k.End - start, As: k.As, Kind: k.Kind})
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

// call sends one request, waiting for the rate limits and any pause a
// server asked for before each try, retrying failures of class ErrRetry
// with backoff, and paying for the answer out of bs, each segment's resend
// budget (nil: none). It
// watches the engine's health: a batch whose first request cannot reach
// the engine, or whose requests fail to reach it several times in a row,
// stops with ErrEngineDown.
func (s *Stage) call(ctx context.Context, from language.Tag, segs []Segment, bs []*resend) ([]Segment, error) {
	chars := segmentChars(segs)
	for i, b := range bs {
		if charCount(segs[i].Text) > b.left {
			return nil, errOverBudget
		}
	}
	for attempt := 1; ; attempt++ {
		if err := s.waitPause(ctx); err != nil {
			return nil, err
		}
		if err := s.pace(ctx, s.requests, 1); err != nil {
			return nil, err
		}
		if err := s.pace(ctx, s.chars, chars); err != nil {
			return nil, err
		}
		if err := s.reserve(chars); err != nil {
			return nil, err
		}
		s.mu.Lock()
		sentUnder := s.slowdowns
		s.mu.Unlock()
		out, err := s.attempt(ctx, from, segs)
		s.count(ctx, from, attempt, chars, err)
		if err == nil || errors.Is(err, ErrTruncated) || errors.Is(err, ErrBadAnswer) {
			for i, b := range bs {
				b.left -= charCount(segs[i].Text)
			}
		}
		if err == nil {
			s.healthy()
			s.speedUp()
			return out, nil
		}
		if errors.Is(err, ErrUnreachable) && ctx.Err() == nil {
			if down := s.unreachable(err); down != nil {
				return nil, down
			}
		} else {
			s.healthy()
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
		s.opt.Log.Debug("translate: retrying", "engine", s.caps.Engine, "attempt", attempt, "wait", wait, "err", err)
		if err := s.opt.Sleep(ctx, wait); err != nil {
			return nil, err
		}
	}
}

// attempt makes one try of a request. It has RequestTimeout to answer,
// so that a stalled connection cannot hold a batch; and once ctx is done
// it still has Grace to finish, so that an answer the engine has already
// given (and billed) is not thrown away but cached.
func (s *Stage) attempt(ctx context.Context, from language.Tag, segs []Segment) ([]Segment, error) {
	actx, cancel := context.WithTimeoutCause(context.WithoutCancel(ctx), s.opt.RequestTimeout, errStalled)
	defer cancel()
	// The probe recall and the batch stopping reach the request through
	// ctx; only the cut is delayed.
	stopWatch := context.AfterFunc(ctx, func() {
		if s.opt.Grace <= 0 {
			cancel()
			return
		}
		t := time.AfterFunc(s.opt.Grace, cancel)
		context.AfterFunc(actx, func() { t.Stop() })
	})
	defer stopWatch()
	out, err := s.tr.Translate(actx, from, s.to, segs)
	if err != nil && ctx.Err() == nil && errors.Is(context.Cause(actx), errStalled) {
		return nil, fmt.Errorf("%s: no answer within %s: %w: %w", s.caps.Engine, s.opt.RequestTimeout, ErrRetry, err)
	}
	return out, err
}

// errStalled is the cause of a request cut at RequestTimeout.
var errStalled = errors.New("request timed out")

// reserve counts a request of chars characters as sent, before it is:
// Report.Chars and Requests cover every try that leaves, so that what
// the engine may bill is never missing from the figures. It refuses a
// request the budget has no room for.
func (s *Stage) reserve(chars int) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	bud := s.opt.Budget
	if bud.Requests > 0 && s.report.Requests >= bud.Requests {
		return fmt.Errorf("%d requests sent, the most the budget allows: %w", s.report.Requests, ErrBudget)
	}
	if bud.Chars > 0 && s.report.Chars+chars > bud.Chars {
		return fmt.Errorf("%d characters sent; %d more would pass the budget of %d: %w", s.report.Chars, chars, bud.Chars, ErrBudget)
	}
	s.report.Requests++
	s.report.Chars += chars
	return nil
}

// count settles a try that came back with err in the report: a probe
// that found a pair the engine lacks, or a request that never reached the
// engine, is taken back out of what was sent.
func (s *Stage) count(ctx context.Context, from language.Tag, attempt, chars int, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	unsend := func() {
		s.report.Requests--
		s.report.Chars -= chars
	}
	switch {
	case errors.Is(err, ErrUnsupportedPair):
		unsend()
		s.report.Probes++
		s.noPair[baseOf(from.String())] = true
		return
	case err != nil && errors.Is(context.Cause(ctx), ErrUnsupportedPair):
		unsend()
		s.report.Probes++ // called back: the listing lacks the pair
		return
	case errors.Is(err, ErrBadSegment):
		unsend() // refused before anything was sent
		return
	case errors.Is(err, ErrUnreachable):
		s.report.Chars -= chars // tried, but nothing reached the engine
	}
	if attempt > 1 {
		s.report.Retries++
	}
}

// healthy records that the engine answered a try, with a translation or
// not, which resets the count of tries in a row that could not reach it.
func (s *Stage) healthy() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.reached = true
	s.down = 0
}

// unreachable records a try that could not reach the engine and returns
// the error that stops the batch when it should stop: at once when no try
// of the batch has reached the engine (it is not running, or the URL is
// wrong), else after MaxUnreachable tries in a row, however many requests
// they belong to.
func (s *Stage) unreachable(err error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.down++
	switch {
	case !s.reached:
		return fmt.Errorf("%w: %w", err, ErrEngineDown)
	case s.down >= s.opt.MaxUnreachable:
		return fmt.Errorf("%w (%d tries in a row): %w", err, s.down, ErrEngineDown)
	}
	return nil
}
