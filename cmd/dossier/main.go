// Command dossier turns news articles from many sources and languages into
// clean, translated briefings. It is a thin client of the pipeline and
// exporters packages: flags in, pipeline run, exit code out.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	// After the first signal the default handler returns, so a second
	// Ctrl-C kills a run that is slow to wind down.
	context.AfterFunc(ctx, stop)
	code := run(ctx, os.Args, os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
