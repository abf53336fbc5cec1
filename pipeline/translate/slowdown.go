package translate

import (
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

// slowDown halves the request rate for the rest of the batch after a
// request sent under sentUnder (the slowdown count when it left) was refused as
// too many. Requests sent at one pace often come back refused together;
// only the first of them lowers it, so a burst of 429s halves the rate
// once, not once each. Without a limit the stage starts from the rate it
// has been sending at, counted over at least a second.
func (s *Stage) slowDown(sentUnder int, err error) {
	if s.opt.Rate < 0 {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if sentUnder != s.slowdowns {
		return
	}
	s.slowdowns++
	s.report.Slowdowns++
	now := s.opt.Now()
	limit := s.requests.Limit()
	if limit == rate.Inf {
		elapsed := now.Sub(s.started).Seconds()
		limit = rate.Limit(float64(s.report.Requests) / max(elapsed, 1))
	}
	limit = max(limit/2, minRequestRate)
	s.requests.SetLimitAt(now, limit)
	s.opt.Log.Info("translate: the engine asks for fewer requests; slowing down for this batch",
		"engine", s.caps.Engine, "requests_per_second", float64(limit), "err", err)
}
