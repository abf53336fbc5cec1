package translate

import (
	"context"
	"errors"
	"time"
)

// Retry sets how the stage retries requests that failed with ErrRetry:
// exponential backoff from Base, doubling up to Max, with ±20% jitter so
// that parallel requests do not return in step; a server's Retry-After is
// honoured up to MaxAfter instead.
type Retry struct {
	Attempts int           // tries per request, the first included; 0: 6
	Base     time.Duration // first wait; 0: 500 ms
	Max      time.Duration // longest backoff; 0: 30 s
	MaxAfter time.Duration // longest Retry-After honoured; 0: 2 min
}

func (r Retry) withDefaults() Retry {
	if r.Attempts <= 0 {
		r.Attempts = 6
	}
	if r.Base <= 0 {
		r.Base = 500 * time.Millisecond
	}
	if r.Max <= 0 {
		r.Max = 30 * time.Second
	}
	if r.MaxAfter <= 0 {
		r.MaxAfter = 2 * time.Minute
	}
	return r
}

// Wait returns how long to wait before try number attempt+1, after try
// number attempt (counting from 1) failed with err. jitter is a number in
// [0, 1).
func (r Retry) Wait(attempt int, err error, jitter float64) time.Duration {
	r = r.withDefaults()
	var ra *RetryAfterError
	if errors.As(err, &ra) && ra.After > 0 {
		return min(ra.After, r.MaxAfter)
	}
	d := r.Base
	for i := 1; i < attempt && d < r.Max; i++ {
		d *= 2
	}
	d = min(d, r.Max)
	return time.Duration(float64(d) * (0.8 + 0.4*jitter))
}

// sleepContext waits for d or until ctx is done.
func sleepContext(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
