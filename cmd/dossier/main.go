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
	code := run(ctx, os.Args, os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
