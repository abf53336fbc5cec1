package pipeline

import "errors"

// Errors that callers test with errors.Is; the wrapping error names the
// input and, where known, the byte offset.
var (
	ErrEmpty    = errors.New("empty input")
	ErrNotText  = errors.New("not text")
	ErrTooLarge = errors.New("input too large")
	ErrNoBody   = errors.New("no article text found")
)
