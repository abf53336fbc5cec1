package ingest

import (
	"context"
	"errors"
	"fmt"

	"github.com/dossier-news/dossier/pipeline"
)

// Sources expands args as ExpandWith does and returns what pipeline.Run
// reads: first a failed source per argument that could not be expanded
// (ExpandWith reports them apart, and keeping argument order would mean
// expanding again), then one source per input, in argument order. Each
// reads its input with in; in is not changed, and may read several
// sources at once when its readers may.
func (in *Ingester) Sources(args []string, opts ExpandOptions) []pipeline.Source {
	srcs, errs := ExpandWith(args, opts)
	out := make([]pipeline.Source, 0, len(errs)+len(srcs))
	for _, err := range errs {
		out = append(out, failed{err})
	}
	for _, src := range srcs {
		out = append(out, &input{in: in, src: src})
	}
	return out
}

// failed is an argument that named no input.
type failed struct{ err error }

func (f failed) Name() string                           { return "" }
func (f failed) Load(context.Context) []pipeline.Result { return []pipeline.Result{{Err: f.err}} }

// input is one Source read by an Ingester.
type input struct {
	in  *Ingester
	src Source
}

func (s *input) Name() string { return s.src.Name }

// Load reads the source. The documents of a stream are named by their
// place in it, counted from 1: values that failed were skipped, and the
// user knows the others by that number. Warnings are kept with the first
// result, so a caller reading sources at once reports them in input order.
func (s *input) Load(ctx context.Context) []pipeline.Result {
	in := *s.in
	var warnings []string
	in.Warn = func(source, msg string) { warnings = append(warnings, source+": "+msg) }
	docs, err := in.LoadAll(ctx, s.src)
	var out []pipeline.Result
	bad := badDocuments(err)
	place := 0
	for _, doc := range docs {
		place++
		for bad[place] {
			place++
		}
		out = append(out, pipeline.Result{Name: docName(s.src.Name, place-1, len(docs), err), Doc: doc})
	}
	if err != nil || len(docs) == 0 {
		if err == nil {
			err = errors.New("no documents")
		}
		out = append(out, pipeline.Result{Name: s.src.Name, Err: fmt.Errorf("%s: %w", s.src.Name, err)})
	}
	out[0].Warnings = warnings
	return out
}

// badDocuments returns the stream places (from 1) of the values err
// reports as skipped.
func badDocuments(err error) map[int]bool {
	bad := map[int]bool{}
	var walk func(error)
	walk = func(err error) {
		if de, ok := err.(*DocumentError); ok {
			bad[de.N] = true
		}
		switch u := err.(type) {
		case interface{ Unwrap() []error }:
			for _, e := range u.Unwrap() {
				walk(e)
			}
		case interface{ Unwrap() error }:
			if e := u.Unwrap(); e != nil {
				walk(e)
			}
		}
	}
	if err != nil {
		walk(err)
	}
	return bad
}

// docName names the i-th of n documents read from one source: the
// source's name alone for a single article.
func docName(source string, i, n int, err error) string {
	if n == 1 && err == nil {
		return source
	}
	return fmt.Sprintf("%s (document %d)", source, i+1)
}
