// Command dossier turns news articles from many sources and languages into
// clean, translated briefings. It is a thin client of the pipeline and
// exporters packages: flags in, pipeline run, exit code out.
package main

import (
	"context"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	os.Exit(runMain(os.Args, os.Stdin, os.Stdout, os.Stderr))
}

// runMain is run with signal handling: SIGINT (Ctrl-C) and SIGTERM (what
// timeout, systemd and container runtimes send) both cancel the run's
// context, and every stage and exporter stops at its next check, keeping
// what is done. After the first signal the default handlers are back, so
// a second one kills a run that is slow to wind down.
func runMain(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	context.AfterFunc(ctx, stop)
	return run(ctx, args, stdin, stdout, stderr)
}
