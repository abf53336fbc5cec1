package pipeline

import (
	"context"
	"fmt"
	"log/slog"
	"runtime"
)

// A Source is one input of a batch: a file, a URL, standard input.
// Package ingest makes them from command-line arguments.
type Source interface {
	// Name is the input as the user gave it, for errors and logs.
	Name() string
	// Load reads the input: a Result per document it holds, in order (one
	// for an article, several for a stream of them), and one with Err for
	// what could not be read. It returns soon after ctx is done.
	Load(ctx context.Context) []Result
}

// A Result is the outcome of one document of a batch: the document, or
// why there is none.
type Result struct {
	Name string    // the input as the user knows it: "a.txt", "feed.json (document 2)"
	Doc  *Document // nil when Err is set
	// Err says why there is no document; it names the input and, when a
	// stage failed it, the stage.
	Err error
	// Warnings say what was guessed or repaired in reading the input; the
	// document was read all the same.
	Warnings []string
}

// A Batch is the results of a run in input order: one per document read,
// one per input that could not be read.
type Batch []Result

// Docs returns the documents that came through, in input order.
func (b Batch) Docs() []*Document {
	var docs []*Document
	for _, r := range b {
		if r.Err == nil && r.Doc != nil {
			docs = append(docs, r.Doc)
		}
	}
	return docs
}

// Failed counts the results with no document.
func (b Batch) Failed() int {
	n := 0
	for _, r := range b {
		if r.Err != nil || r.Doc == nil {
			n++
		}
	}
	return n
}

// Run reads every source and runs the stages, in order, over the
// documents read; see Runner.Run.
func Run(ctx context.Context, sources []Source, stages ...Stage) (Batch, error) {
	return Runner{}.Run(ctx, sources, stages...)
}

// A Runner reads sources and runs stages over them. The zero Runner reads
// as many sources at once as there are CPUs and reports nothing as it
// goes.
type Runner struct {
	// Concurrency is how many sources are read at once; GOMAXPROCS when
	// zero. Reading holds an input's bytes and its parse in memory, so
	// this many inputs are the peak beside the cleaned documents.
	Concurrency int
	// Progress, when set, receives each result as soon as it is known and
	// before the run goes on: every result of reading, in input order,
	// then each document a stage failed, in input order, after that
	// stage. Failures after ctx is done are not passed: they all fail the
	// same way, and the caller says so once.
	Progress func(Result)
	// Log receives a debug line per input read; nil logs nothing.
	Log *slog.Logger
}

// Run reads every source, then runs the stages in order over the
// documents read. A document a stage fails gets its Err (naming the input
// and the stage) and is left out of the later stages; the others go on.
// The error is ctx's when it was done, or that of a stage that failed the
// whole batch, wrapped with its name; the batch holds what was done by
// then either way.
func (r Runner) Run(ctx context.Context, sources []Source, stages ...Stage) (Batch, error) {
	var b Batch
	err := r.Load(ctx, sources, func(res Result) error {
		b = append(b, res)
		return nil
	})
	if err != nil {
		return b, err
	}
	docs := make([]*Document, len(b))
	for i := range b {
		if b[i].Err == nil {
			docs[i] = b[i].Doc
		}
	}
	failed := DocErrors{}
	for _, s := range stages {
		added, err := applyStage(ctx, s, docs, failed)
		for _, i := range added {
			b[i].Err = fmt.Errorf("%s: %w", b[i].Name, failed[i])
			b[i].Doc = nil
			if r.Progress != nil && ctx.Err() == nil {
				r.Progress(b[i])
			}
		}
		if err != nil {
			return b, err
		}
	}
	return b, nil
}

// Load reads sources, Concurrency at a time, and hands each result to use
// in input order as soon as it and those before it are read; it keeps
// none, so a caller that lets each go holds the memory of the inputs
// being read, not of the batch. An error from use stops it and is
// returned; so is ctx's error, at once: a source still reading then
// finishes in the background, and its result is dropped.
func (r Runner) Load(ctx context.Context, sources []Source, use func(Result) error) error {
	n := r.Concurrency
	if n <= 0 {
		n = runtime.GOMAXPROCS(0)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	pending := make([]chan []Result, len(sources))
	started := 0
	for i := range sources {
		// Keep n sources reading: this one and the n-1 after it.
		for ; started < len(sources) && started < i+n; started++ {
			ch := make(chan []Result, 1) // buffered: a dropped result does not block its reader
			pending[started] = ch
			src := sources[started]
			go func() { ch <- src.Load(ctx) }()
			if r.Log != nil {
				r.Log.Debug("ingest", "input", src.Name())
			}
		}
		var rs []Result
		select {
		case rs = <-pending[i]:
		case <-ctx.Done():
			return ctx.Err()
		}
		pending[i] = nil
		if err := ctx.Err(); err != nil {
			return err
		}
		for _, res := range rs {
			if r.Progress != nil {
				r.Progress(res)
			}
			if err := use(res); err != nil {
				return err
			}
		}
	}
	return nil
}
