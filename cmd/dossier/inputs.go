package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime"
	"syscall"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/dossier-news/dossier/exporters"
	"github.com/dossier-news/dossier/internal/safetext"
	"github.com/dossier-news/dossier/pipeline"
	"github.com/dossier-news/dossier/pipeline/clean"
	"github.com/dossier-news/dossier/pipeline/ingest"
	"github.com/dossier-news/dossier/pipeline/langid"
)

// inputFlags are the flags of every command that reads articles; the
// bounds of one input are derived from ingest.Bounds.
func inputFlags() []cli.Flag {
	flags := []cli.Flag{
		&cli.BoolFlag{Name: "lossy", Usage: "replace bytes that are not valid text with U+FFFD instead of failing"},
		&cli.BoolFlag{Name: "follow-symlinks", Usage: "read symbolic links in input folders that lead outside them"},
		&cli.Int64Flag{Name: "max-size", Value: ingest.DefaultMaxBytes >> 20, Usage: fmt.Sprintf("largest input to read, in MiB (at most %d)", maxSizeMiB)},
		&cli.IntFlag{Name: "jobs", Aliases: []string{"j"}, Value: runtime.GOMAXPROCS(0), Usage: "inputs read and cleaned at once; memory holds this many inputs beside the cleaned articles"},
	}
	for _, b := range ingest.Bounds() {
		flags = append(flags, &cli.IntFlag{Name: b.Flag, Value: b.Default, Usage: b.Help})
	}
	return flags
}

// maxSizeMiB bounds --max-size: 4 GiB is far past any article, and keeps
// the byte count clear of overflow.
const maxSizeMiB = 4096

// newIngester returns what reads the inputs, bounded as the flags say.
func (e *env) newIngester(c *cli.Context) *ingest.Ingester {
	cleaner := clean.New(langid.New()).WithLogger(e.log)
	in := &ingest.Ingester{
		Text:     cleaner.Text,
		HTML:     cleaner.HTML,
		Lossy:    c.Bool("lossy"),
		MaxBytes: c.Int64("max-size") << 20,
		Stdin:    e.stdin,
	}
	for _, b := range ingest.Bounds() {
		b.Set(&in.Limits, c.Int(b.Flag))
	}
	in.HTTP = ingest.NewHTTPClient(in.MaxBytes)
	return in
}

// runner returns the pipeline runner of a command that reads articles:
// it prints each input's warnings and failure as soon as it is known, in
// input order.
func (e *env) runner(c *cli.Context) pipeline.Runner {
	quiet := c.Bool("quiet")
	return pipeline.Runner{
		Concurrency: c.Int("jobs"),
		Log:         e.log,
		Progress: func(r pipeline.Result) {
			for _, w := range r.Warnings {
				if !quiet {
					fmt.Fprintf(e.stderr, "dossier: warning: %s\n", safetext.String(w))
				}
			}
			if r.Err != nil {
				e.printInputError(r.Err)
			}
		},
	}
}

// eachInput reads the inputs args name and hands each to use as soon as
// it is read, keeping none: a command that needs one article at a time
// holds one article's memory, not the batch's. Failures are printed, then
// handed on too, so callers can count them. An error from use stops it.
func (e *env) eachInput(ctx context.Context, c *cli.Context, args []string, use func(pipeline.Result) error) error {
	if err := checkInputArgs(c, args); err != nil {
		return err
	}
	srcs := e.newIngester(c).Sources(args, ingest.ExpandOptions{FollowSymlinks: c.Bool("follow-symlinks")})
	err := e.runner(c).Load(ctx, srcs, use)
	if ctx.Err() != nil {
		return errInterrupted
	}
	return err
}

// checkInputArgs returns the usage error readInputs would, reading nothing.
func checkInputArgs(c *cli.Context, args []string) error {
	if len(args) == 0 {
		return usagef("no input given: name files, directories, globs, URLs, or - for standard input")
	}
	if maxMiB := c.Int64("max-size"); maxMiB <= 0 || maxMiB > maxSizeMiB {
		return usagef("--max-size %d: want a number of MiB from 1 to %d", maxMiB, maxSizeMiB)
	}
	names := []string{"jobs"}
	for _, b := range ingest.Bounds() {
		names = append(names, b.Flag)
		if b.Unit > 1 && c.Int(b.Flag) > maxSizeMiB<<20/b.Unit {
			return usagef("--%s %d: want at most %d %s", b.Flag, c.Int(b.Flag), maxSizeMiB<<20/b.Unit, b.In)
		}
	}
	for _, name := range names {
		if n := c.Int(name); n <= 0 || n > 1<<30 {
			return usagef("--%s %d: want a number from 1 to %d", name, n, 1<<30)
		}
	}
	return nil
}

// printInputError reports one failed input with a hint where one helps;
// the batch goes on.
func (e *env) printInputError(err error) {
	fmt.Fprintf(e.stderr, "dossier: error: %s\n", safetext.String(err.Error()))
	if hint := inputHint(err); hint != "" {
		fmt.Fprintf(e.stderr, "dossier: hint: %s\n", safetext.String(hint))
	}
}

func inputHint(err error) string {
	var fe *ingest.FetchError
	var le *ingest.LimitError
	switch {
	case errors.As(err, &fe):
		return fe.Hint()
	case errors.As(err, &le):
		b, _ := ingest.BoundOf(le)
		return fmt.Sprintf("raise --%s%s if this really is one article", b.Flag, b.Units())
	case errors.Is(err, pipeline.ErrNotText):
		return "is this a text or HTML file? pass --lossy to replace invalid bytes"
	case errors.Is(err, pipeline.ErrTooLarge):
		return "raise --max-size (in MiB) if this really is one article"
	case errors.Is(err, pipeline.ErrNoBody):
		return "the page holds no article text; save the article page itself, as HTML or text"
	case errors.Is(err, ingest.ErrNotRegular):
		return "only regular files are read; to read a pipe, send it to standard input: dossier clean - < PIPE"
	case errors.Is(err, ingest.ErrOutsideTree):
		return "pass --follow-symlinks to read links that lead outside the input folder"
	case errors.Is(err, os.ErrNotExist):
		return "check the path; directories, globs and URLs work too"
	case errors.Is(err, syscall.ENOSPC):
		return "the disk is full: free space or pass another --out, then run the same command again"
	}
	return ""
}

// created is the time written into outputs.
func (e *env) created() (time.Time, error) {
	t, err := exporters.Created(e.getenv, e.now())
	if err != nil {
		return t, usageError{err}
	}
	return t, nil
}
