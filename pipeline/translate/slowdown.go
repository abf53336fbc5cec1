package translate

import (
	"context"
	"errors"
	"strings"

	"golang.org/x/time/rate"
)

// minRequestRate is the slowest a 429 can bring the stage to: one request
// a minute, slower than any per-minute quota a service documents.
const minRequestRate = rate.Limit(1.0 / 60)

// rateLimited reports whether err is a service asking for fewer requests:
// HTTP 429, DeepL's 529, or a retryable refusal that names a rate limit
// (Google's 403 userRateLimitExceeded). Quota errors are ErrFatal and
// never count: no pace would cure them.
func rateLimited(err error) bool {
	if err == nil || !errors.Is(err, ErrRetry) || errors.Is(err, ErrFatal) {
		return false
	}
	msg := err.Error()
	// HTTPError words the status as "HTTP 429".
	for _, status := range []string{"HTTP 429", "HTTP 529"} {
		if i := strings.Index(msg, status); i >= 0 {
			if end := i + len(status); end == len(msg) || msg[end] < '0' || msg[end] > '9' {
				return true
			}
		}
	}
	return strings.Contains(strings.ToLower(msg), "rate limit")
}

// slowDown answers a request refused as too many, sent under sentUnder
// (the slowdown count when it left). A server that says when to come back
// (Retry-After) is obeyed: no request of the batch leaves before then,
// and the pace is kept, since the server named the wait itself; a wait
// asked by several requests at once is waited once, never added up.
// Without Retry-After the request rate is halved. Requests sent at one
// pace often come back refused together; only the first of them lowers
// it, so a burst of 429s halves the rate once, not once each. Without a
// limit the stage starts from the rate it has been sending at, counted
// over at least a second. Successes bring the rate back (speedUp).
func (s *Stage) slowDown(sentUnder int, err error) {
	if s.opt.Rate < 0 {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.opt.Now()
	var ra *RetryAfterError
	if errors.As(err, &ra) && ra.After > 0 {
		if until := now.Add(min(ra.After, s.opt.Retry.MaxAfter)); until.After(s.pauseUntil) {
			s.pauseUntil = until
		}
		return
	}
	if sentUnder != s.slowdowns {
		return
	}
	s.slowdowns++
	s.report.Slowdowns++
	limit := s.requests.Limit()
	if limit == rate.Inf {
		elapsed := now.Sub(s.started).Seconds()
		limit = rate.Limit(float64(s.report.Requests) / max(elapsed, 1))
		s.ceiling = limit
	}
	limit = max(limit/2, minRequestRate)
	s.requests.SetLimitAt(now, limit)
	s.opt.Log.Info("translate: the engine asks for fewer requests; slowing down",
		"engine", s.caps.Engine, "requests_per_second", float64(limit), "err", err)
}

// recoverySteps is how many successes in a row bring a halved rate back
// to where it was: each adds a tenth of the rate the batch started at.
const recoverySteps = 10

// speedUp raises a lowered request rate after a success, additively, up
// to the rate the batch started with (or, without a limit, the rate it
// was sending at when first refused, and then no limit again).
func (s *Stage) speedUp() {
	s.mu.Lock()
	defer s.mu.Unlock()
	limit := s.requests.Limit()
	if limit == s.requestRate {
		return
	}
	target := s.requestRate
	if target == rate.Inf {
		target = s.ceiling
	}
	limit += target / recoverySteps
	if limit >= target {
		limit = s.requestRate
	}
	s.requests.SetLimitAt(s.opt.Now(), limit)
}

// waitPause waits out a pause a server asked for with Retry-After.
func (s *Stage) waitPause(ctx context.Context) error {
	s.mu.Lock()
	until := s.pauseUntil
	s.mu.Unlock()
	if d := until.Sub(s.opt.Now()); d > 0 {
		return s.opt.Sleep(ctx, d)
	}
	return nil
}
