package main

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/dossier-news/dossier/exporters"
	"github.com/dossier-news/dossier/exporters/chrome"
	"github.com/dossier-news/dossier/exporters/text"
	"github.com/dossier-news/dossier/pipeline/names"
	"github.com/dossier-news/dossier/transliterate"
)

func (e *env) briefCommand() *cli.Command {
	all := strings.Join(newExporterRegistry(text.DefaultWidth).Names(), ",")
	flags := append(inputFlags(),
		&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Required: true, Usage: "folder to write the briefing into (created if missing)"},
		&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: briefFormats, Usage: "comma-separated output formats, from " + all},
		&cli.StringFlag{Name: "title", Usage: "title of the batch briefing (briefing.pdf, briefing.epub)", DefaultText: "the article's title for one article, else the number of articles and their dates"},
		&cli.IntFlag{Name: "width", Value: text.DefaultWidth, Usage: "line width of txt output, in terminal cells"},
	)
	flags = append(flags, namesFlags()...)
	flags = append(flags, translateFlags()...)
	return &cli.Command{
		Name:      "brief",
		Usage:     "run the whole pipeline: read, clean, link names, translate, and write a briefing",
		ArgsUsage: "INPUT…",
		Description: `Writes DIR/<slug>.<ext> for each article in each format, and for formats that
collect a batch (pdf, epub) DIR/briefing.<ext> for all of them. A bad input is
reported and skipped; the others are written. Files are replaced atomically.`,
		Flags:  flags,
		Action: e.brief,
	}
}

func (e *env) brief(c *cli.Context) error {
	reg := newExporterRegistry(c.Int("width"))
	exps, err := reg.Parse(c.String("format"))
	if err != nil {
		return usageError{fmt.Errorf("--format: %w", err)}
	}
	outDir := c.String("out")
	created, err := e.created()
	if err != nil {
		return err
	}
	// A folder that cannot be written fails now, not after the batch was
	// read and translated; it is made only once the rest of the command
	// line proved good.
	if err := checkOut(outDir); err != nil {
		return err
	}
	b, err := e.runBatch(c, func() error { return prepareOut(c, outDir) })
	if err != nil {
		// A stage that stops the batch (a quota, an interrupt) has kept
		// what it did; nothing is written half-done.
		return err
	}
	quiet := c.Bool("quiet")
	if c.Bool("dry-run") {
		good := len(b) - b.Failed()
		if !quiet {
			files := exporters.BriefingFiles(exps, good)
			fmt.Fprintf(e.stderr, "dossier: dry run: would write %d %s for %d of %d articles to %s\n",
				files, plural(files, "file", "files"), good, len(b), outDir)
		}
		if failed := b.Failed(); failed > 0 {
			return partialError{failed: failed, total: len(b)}
		}
		return nil
	}
	rep, err := exporters.WriteBriefing(c.Context, outDir, exps, b, exporters.BriefingOptions{
		Title:        c.String("title"),
		DefaultTitle: chrome.Title,
		Language:     c.String("to"),
		Created:      created,
		Index:        names.BuildIndex,
		Romanize:     transliterate.Display,
	})
	for _, err := range rep.Errors {
		e.printInputError(err)
	}
	if ierr := interrupted(c.Context, "run the same command again"); ierr != nil {
		return ierr
	}
	if err != nil {
		return fmt.Errorf("--out %s: %w", outDir, err)
	}
	written := len(rep.Files)
	if !quiet {
		fmt.Fprintf(e.stderr, "dossier: wrote %d %s for %d of %d articles to %s\n",
			written, plural(written, "file", "files"), rep.Articles, len(b), outDir)
	}
	if failed := b.Failed() + rep.Failed; failed > 0 || rep.BatchFailed > 0 {
		return partialError{failed: failed, total: len(b), batchFailed: rep.BatchFailed}
	}
	return nil
}

func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
