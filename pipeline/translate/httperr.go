package translate

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/dossier-news/dossier/pipeline/translate/internal/clip"
)

// ParseRetryAfter reads a Retry-After header, given as seconds or as an
// HTTP date (RFC 9110 §10.2.3), relative to now. It reports false when the
// header is absent or unreadable; a date in the past gives zero.
func ParseRetryAfter(value string, now time.Time) (time.Duration, bool) {
	value = strings.TrimSpace(value)
	if value == "" {
		return 0, false
	}
	if secs, err := strconv.ParseInt(value, 10, 64); err == nil {
		if secs < 0 {
			return 0, false
		}
		return time.Duration(secs) * time.Second, true
	}
	when, err := http.ParseTime(value)
	if err != nil {
		return 0, false
	}
	d := when.Sub(now)
	if d < 0 {
		d = 0
	}
	return d, true
}

// StatusClass returns the error class for an HTTP status that no engine
// documents otherwise: 408, 425, 429 and 5xx are worth a retry; 401, 402,
// 403 and 404 stop the batch (bad key, no quota, wrong URL); 413 and 414
// ask for a smaller request. Other statuses return nil, for the backend to
// decide.
func StatusClass(status int) error {
	switch {
	case status == http.StatusRequestTimeout, status == http.StatusTooEarly,
		status == http.StatusTooManyRequests, status >= 500:
		return ErrRetry
	case status == http.StatusUnauthorized, status == http.StatusPaymentRequired,
		status == http.StatusForbidden, status == http.StatusNotFound:
		return ErrFatal
	case status == http.StatusRequestEntityTooLarge, status == http.StatusRequestURITooLong:
		return ErrTooLarge
	}
	return nil
}

// HTTPError builds the error a backend returns for a failed HTTP exchange:
// the class wrapped with the engine name, the status and the server's
// message, and for retryable answers the server's Retry-After wish. The
// message must not contain secrets; servers do not echo keys.
func HTTPError(engine string, class error, status int, message string, header http.Header, now time.Time) error {
	message = clip.String(strings.TrimSpace(message), maxMessage)
	var err error
	if message != "" {
		err = fmt.Errorf("%s: HTTP %d: %s: %w", engine, status, message, class)
	} else {
		err = fmt.Errorf("%s: HTTP %d: %w", engine, status, class)
	}
	if errors.Is(class, ErrRetry) && header != nil {
		if after, ok := ParseRetryAfter(header.Get("Retry-After"), now); ok {
			return &RetryAfterError{Err: err, After: after}
		}
	}
	return err
}

// maxMessage is the most bytes of a server's message an error keeps: enough
// to tell why, not a whole error page.
const maxMessage = 300

// TransportError classifies an error from sending a request or reading its
// answer: a connection that could not be made (refused, no such host, a
// failed TLS handshake) is ErrUnreachable; resets, timeouts and cut-off
// bodies are ErrRetry. Once ctx is done the error is returned
// unclassified, so the stage stops instead of retrying.
func TransportError(ctx context.Context, engine string, err error) error {
	if err == nil {
		return nil
	}
	if ctx.Err() != nil {
		return fmt.Errorf("%s: %w", engine, err)
	}
	if Unreachable(err) {
		return fmt.Errorf("%s: %w: %w", engine, ErrUnreachable, err)
	}
	return fmt.Errorf("%s: %w: %w", engine, ErrRetry, err)
}

// Unreachable reports whether err is a failure to reach a server at all,
// as opposed to one that broke off an exchange: a dial that failed (refused,
// no route, timed out), a name that does not resolve, a TLS handshake
// that failed.
func Unreachable(err error) bool {
	var (
		op   *net.OpError
		dns  *net.DNSError
		rec  tls.RecordHeaderError
		alrt tls.AlertError
		ver  *tls.CertificateVerificationError
		ua   x509.UnknownAuthorityError
		host x509.HostnameError
		inv  x509.CertificateInvalidError
	)
	switch {
	case errors.As(err, &op) && op.Op == "dial",
		errors.As(err, &dns),
		errors.Is(err, syscall.ECONNREFUSED), errors.Is(err, syscall.EHOSTUNREACH), errors.Is(err, syscall.ENETUNREACH),
		errors.As(err, &rec), errors.As(err, &alrt), errors.As(err, &ver),
		errors.As(err, &ua), errors.As(err, &host), errors.As(err, &inv):
		return true
	}
	return false
}
