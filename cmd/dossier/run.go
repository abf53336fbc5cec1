package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/dossier-news/dossier/cmd/dossier/internal/clilog"
	"github.com/dossier-news/dossier/internal/safetext"
)

// Exit codes, documented in --help and README.
const (
	exitOK      = 0 // every input done
	exitPartial = 1 // some inputs failed; the rest were written (also: names match found no match)
	exitUsage   = 2 // bad flags or arguments; nothing ran
)

const exitCodesHelp = `EXIT CODES:
   0  every input done
   1  some inputs failed (the rest were written), or a run stopped early; 'names match': no match
   2  usage error: bad flags or arguments, nothing ran`

// env carries everything a command may touch outside itself, so tests can
// swap each piece; nothing in the program reads os.* directly but main.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
	now            func() time.Time
	log            *slog.Logger
	logs           *clilog.Handler // behind log: counts repeated warnings for the summary
	stderrIsTTY    bool
}

// usageError marks errors in flags or arguments: exit 2.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error { return usageError{fmt.Errorf(format, args...)} }

// partialError reports a batch in which some inputs failed: exit 1, with
// the failures already printed one by one. Failures count articles, not
// files; batchFailed counts the batch files (briefing.pdf…) not written.
type partialError struct{ failed, total, batchFailed int }

func (e partialError) Error() string {
	if e.failed == 0 {
		return fmt.Sprintf("%d batch %s not written", e.batchFailed, plural(e.batchFailed, "file", "files"))
	}
	return fmt.Sprintf("%d of %d inputs failed", e.failed, e.total)
}

// errInterrupted is what a run stopped by a signal reports, once, instead
// of one "context canceled" per article.
var errInterrupted = errors.New("interrupted")

// interrupted returns errInterrupted with what to do next when ctx is
// done, else nil.
func interrupted(ctx context.Context, hint string) error {
	if ctx.Err() == nil {
		return nil
	}
	return withHint(errInterrupted, hint)
}

const (
	resumeHint        = "translations so far are cached: run the same command again to resume"
	noCacheResumeHint = "nothing was cached (--no-cache): running the same command again translates everything anew; drop --no-cache to resume instead"
)

// hintError carries a line telling the user what to do next.
type hintError struct {
	err  error
	hint string
}

func (e hintError) Error() string { return e.err.Error() }
func (e hintError) Unwrap() error { return e.err }

func withHint(err error, hint string) error {
	if err == nil {
		return nil
	}
	return hintError{err, hint}
}

// exitStatus is returned by commands whose exit code is their answer, as
// 'names match' exits 1 for "no match" without an error.
type exitStatus int

func (e exitStatus) Error() string { return fmt.Sprintf("exit status %d", int(e)) }

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{
		stdin:       stdin,
		stdout:      stdout,
		stderr:      stderr,
		getenv:      os.Getenv,
		now:         time.Now,
		stderrIsTTY: isTerminal(stderr),
	}
	return e.run(ctx, args)
}

func (e *env) run(ctx context.Context, args []string) int {
	app := e.app()
	err := app.RunContext(ctx, flagsFirst(app, args))
	if e.logs != nil {
		e.logs.Summary(ctx)
	}
	return e.report(err)
}

// report prints err in the one place errors are printed, and maps it to an
// exit code.
func (e *env) report(err error) int {
	if err == nil {
		return exitOK
	}
	var st exitStatus
	if errors.As(err, &st) {
		return int(st)
	}
	var pe partialError
	if errors.As(err, &pe) {
		fmt.Fprintf(e.stderr, "dossier: %s\n", pe)
		return exitPartial
	}
	// Errors quote file names and input: printed raw, an escape sequence
	// in a name would drive the terminal.
	fmt.Fprintf(e.stderr, "dossier: error: %s\n", safetext.String(err.Error()))
	var he hintError
	if errors.As(err, &he) {
		for _, line := range strings.Split(he.hint, "\n") {
			fmt.Fprintf(e.stderr, "dossier: hint: %s\n", safetext.String(line))
		}
	}
	var ue usageError
	if errors.As(err, &ue) {
		if !errors.As(err, &he) {
			fmt.Fprintf(e.stderr, "dossier: hint: run 'dossier help' for usage\n")
		}
		return exitUsage
	}
	return exitPartial
}

func (e *env) app() *cli.App {
	app := &cli.App{
		Name:                  "dossier",
		Usage:                 "turn news articles from many sources and languages into clean, translated briefings",
		Writer:                e.stdout,
		ErrWriter:             e.stderr,
		Reader:                e.stdin,
		HideHelpCommand:       false,
		EnableBashCompletion:  false,
		CustomAppHelpTemplate: cli.AppHelpTemplate + "\n" + exitCodesHelp + "\n",
		// urfave/cli must never exit the process: run owns the exit code.
		ExitErrHandler: func(*cli.Context, error) {},
		OnUsageError: func(_ *cli.Context, err error, _ bool) error {
			return usageError{err}
		},
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "verbose", Aliases: []string{"v"}, Usage: "log each step to stderr"},
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "print only errors"},
			&cli.StringFlag{Name: "log-format", Value: "text", Usage: "log format on stderr: text or json"},
		},
		Before: func(c *cli.Context) error { return e.setupLog(c) },
		Commands: []*cli.Command{
			e.cleanCommand(),
			e.briefCommand(),
			e.translateCommand(),
			e.enginesCommand(),
			e.namesCommand(),
			e.tmCommand(),
			e.batchCommand(),
		},
		// Without a command, show help; with an unknown one, say so.
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return usagef("unknown command %q", c.Args().First())
			}
			return cli.ShowAppHelp(c)
		},
	}
	markUsageErrors(app.Commands)
	return app
}

// markUsageErrors makes every command report flag errors as usage errors,
// and checks required flags itself so that a missing one is one too.
func markUsageErrors(cmds []*cli.Command) {
	for _, c := range cmds {
		c.OnUsageError = func(_ *cli.Context, err error, _ bool) error { return usageError{err} }
		var required []string
		for _, f := range c.Flags {
			if rf, ok := f.(cli.RequiredFlag); ok && rf.IsRequired() {
				required = append(required, f.Names()[0])
			}
		}
		if len(required) > 0 {
			before := c.Before
			c.Before = func(ctx *cli.Context) error {
				for _, name := range required {
					if !ctx.IsSet(name) {
						return usagef("--%s is required", name)
					}
				}
				if before != nil {
					return before(ctx)
				}
				return nil
			}
			for _, f := range c.Flags {
				if sf, ok := f.(*cli.StringFlag); ok {
					sf.Required = false
				}
			}
		}
		markUsageErrors(c.Subcommands)
	}
}

func (e *env) setupLog(c *cli.Context) error {
	level := slog.LevelWarn
	switch {
	case c.Bool("quiet"):
		level = slog.LevelError
	case c.Bool("verbose"):
		level = slog.LevelDebug
	}
	opts := clilog.Options{Prefix: "dossier", Level: level, Verbose: c.Bool("verbose"), Now: e.now}
	switch c.String("log-format") {
	case "text":
	case "json":
		opts.JSON = true
	default:
		return usagef("--log-format %q: want text or json", c.String("log-format"))
	}
	e.logs = clilog.New(e.stderr, opts)
	e.log = slog.New(e.logs)
	// dossier's own lines go through the handler too, so that with JSON
	// every line is JSON; a progress bar has no place among them.
	e.stderr = e.logs.Writer()
	e.stderrIsTTY = e.stderrIsTTY && !opts.JSON
	return nil
}

// isTerminal reports whether w is a terminal, for progress bars and colour.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// count writes n with the noun that agrees with it: "1 request", "2 requests".
func count(n int, one, many string) string {
	return fmt.Sprintf("%d %s", n, plural(n, one, many))
}
