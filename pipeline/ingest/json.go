package ingest

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"unicode/utf8"

	"github.com/dossier-news/dossier/pipeline"
)

// A DocumentError is one value of a dossier JSON stream that could not be
// read as a document. N counts the stream's values from 1. Stopped marks
// a syntax error: the decoder cannot find where the next value starts,
// so nothing after value N was read.
type DocumentError struct {
	N       int
	Err     error
	Stopped bool
}

func (e *DocumentError) Error() string {
	if e.Stopped {
		return fmt.Sprintf("document %d: %v; documents after %d were not read", e.N, e.Err, e.N)
	}
	return fmt.Sprintf("document %d: %v", e.N, e.Err)
}

func (e *DocumentError) Unwrap() error { return e.Err }

// streamErrors keeps every bad value of one stream on one line, so the
// caller's one-line report of the input holds them all.
type streamErrors []*DocumentError

func (es streamErrors) Error() string {
	msgs := make([]string, len(es))
	for i, err := range es {
		msgs[i] = err.Error()
	}
	return strings.Join(msgs, "; ")
}

func (es streamErrors) Unwrap() []error {
	out := make([]error, len(es))
	for i, err := range es {
		out[i] = err
	}
	return out
}

// readJSON reads a stream of documents in dossier's own model and checks
// that each one's spans point into its text, so later stages can trust
// them. A value of the wrong shape or failing Validate is skipped and
// recorded, since the decoder has already read past it; a syntax error
// ends the stream. With spans (see checkJSON) each value is decoded
// alone, which spares the stream decoder's growing copy of the text.
func readJSON(text string, spans [][2]int) ([]*pipeline.Document, error) {
	decode := json.NewDecoder(strings.NewReader(text)).Decode
	if spans != nil {
		decode = func(v any) error {
			if len(spans) == 0 {
				return io.EOF
			}
			sp := spans[0]
			spans = spans[1:]
			err := json.Unmarshal([]byte(text[sp[0]:sp[1]]), v)
			var se *json.SyntaxError
			if errors.As(err, &se) {
				se.Offset += int64(sp[0]) // as the stream decoder counts
			}
			return err
		}
	}
	var docs []*pipeline.Document
	var errs streamErrors
	n := 0
	for {
		var doc pipeline.Document
		err := decode(&doc)
		if errors.Is(err, io.EOF) {
			break
		}
		n++
		if err != nil && isSyntaxError(err) {
			errs = append(errs, &DocumentError{N: n, Err: describeJSONError(text, err), Stopped: true})
			break
		}
		if err == nil {
			err = Validate(&doc)
		}
		if err != nil {
			errs = append(errs, &DocumentError{N: n, Err: describeJSONError(text, err)})
			continue
		}
		if tidyJSON(&doc) {
			// Mentions are byte spans: text that changed under them is
			// re-found by the names stage, not trusted.
			doc.Mentions = nil
		}
		docs = append(docs, &doc)
	}
	switch {
	case len(errs) == 0:
		return docs, nil
	case n == 1 && !errs[0].Stopped:
		// One value is a file, not a stream: its number says nothing.
		return docs, fmt.Errorf("dossier json: %w", errs[0].Err)
	}
	return docs, fmt.Errorf("dossier json: %w", errs)
}

// isSyntaxError reports whether err leaves the decoder unable to go on.
func isSyntaxError(err error) bool {
	var se *json.SyntaxError
	return errors.As(err, &se) || errors.Is(err, io.ErrUnexpectedEOF)
}

// describeJSONError says what encoding/json found wrong in the words of
// the JSON, not of the Go types it decodes into: the field's path, what
// it should hold and what it held; a syntax error gets its line.
func describeJSONError(text string, err error) error {
	var te *json.UnmarshalTypeError
	var se *json.SyntaxError
	switch {
	case errors.As(err, &te):
		msg := fmt.Sprintf("want %s, got %s", jsonKind(te.Type), jsonValue(te.Value))
		if path := jsonPath(te.Field); path != "" {
			msg = "field " + path + ": " + msg
		}
		return errors.New(msg)
	case errors.As(err, &se):
		off := min(max(int(se.Offset), 0), len(text))
		line := strings.Count(text[:off], "\n") + 1
		col := utf8.RuneCountInString(text[strings.LastIndexByte(text[:off], '\n')+1 : off])
		return fmt.Errorf("line %d, column %d: %w", line, col, err)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return errors.New("the input ends inside this value (unexpected EOF)")
	}
	return err
}

// jsonPath drops the Go names encoding/json puts in a field path for
// embedded structs (mentions.Ref.block): they are not keys of the JSON.
// The model's keys are all lower case, so an upper-case element is one.
func jsonPath(field string) string {
	if field == "" {
		return ""
	}
	var keep []string
	for _, part := range strings.Split(field, ".") {
		if part != "" && part[0] >= 'A' && part[0] <= 'Z' {
			continue
		}
		keep = append(keep, part)
	}
	return strings.Join(keep, ".")
}

// jsonKind names the JSON value that decodes into t.
func jsonKind(t reflect.Type) string {
	if t == nil {
		return "another kind of value"
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Struct, reflect.Map:
		return "an object"
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number"
	case reflect.Float32, reflect.Float64:
		return "a number"
	}
	return "another kind of value"
}

// jsonValue turns encoding/json's description of the value it met
// ("string", "number 1.5") into words.
func jsonValue(v string) string {
	switch {
	case v == "object", v == "array":
		return "an " + v
	case v == "string", v == "number":
		return "a " + v
	case v == "bool":
		return "a boolean"
	case strings.HasPrefix(v, "number "):
		return "the " + v
	case v == "":
		return "another kind of value"
	}
	return v
}
