package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/dossier-news/dossier/exporters"
	"github.com/dossier-news/dossier/exporters/chrome"
	"github.com/dossier-news/dossier/exporters/text"
	"github.com/dossier-news/dossier/pipeline"
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
	good := len(b.docs) - b.failed()
	if c.Bool("dry-run") {
		if !quiet {
			files := good * len(exps)
			for _, x := range exps {
				if x.Format().Batch && good > 0 {
					files++
				}
			}
			fmt.Fprintf(e.stderr, "dossier: dry run: would write %d %s for %d of %d articles to %s\n",
				files, plural(files, "file", "files"), good, len(b.ins), outDir)
		}
		if failed := b.failed(); failed > 0 {
			return partialError{failed: failed, total: len(b.ins)}
		}
		return nil
	}

	ctx := c.Context
	failed := b.failed()
	written, articles := 0, 0
	slugs := exporters.Slugs{Romanize: romanizer()}
	var done []*pipeline.Document
	for i, d := range b.docs {
		if d == nil {
			continue
		}
		name := b.ins[i].name
		slug := slugs.Next(d.Meta.Title, filepath.Base(name))
		one := []*pipeline.Document{d}
		br := &exporters.Briefing{Title: d.Meta.Title, Documents: one, Index: e.briefIndex(one), Created: created, Language: c.String("to")}
		ok := true
		for _, x := range exps {
			if err := e.export(ctx, x, filepath.Join(outDir, slug+x.Format().Ext), br); err != nil {
				if ierr := interrupted(ctx, "run the same command again"); ierr != nil {
					return ierr
				}
				e.printInputError(fmt.Errorf("%s: %s: %w", name, x.Format().Name, err))
				ok = false
				continue
			}
			written++
		}
		if ok {
			articles++
		} else {
			failed++
		}
		done = append(done, d)
	}
	// Assets (style.css) serve the articles: none written, none needed.
	if written > 0 {
		if err := e.writeAssets(exps, outDir); err != nil {
			return err
		}
	}
	batchFailed := 0
	if len(done) > 0 {
		br := &exporters.Briefing{
			Title:     c.String("title"),
			Documents: done,
			Index:     e.briefIndex(done),
			Created:   created,
			Language:  c.String("to"),
		}
		if br.Title == "" {
			br.Title = chrome.Title(br)
		}
		for _, x := range exps {
			if !x.Format().Batch {
				continue
			}
			name := filepath.Join(outDir, "briefing"+x.Format().Ext)
			if err := e.export(ctx, x, name, br); err != nil {
				if ierr := interrupted(ctx, "run the same command again"); ierr != nil {
					return ierr
				}
				e.printInputError(fmt.Errorf("%s: %w", name, err))
				batchFailed++
				continue
			}
			written++
		}
	}
	if !quiet {
		fmt.Fprintf(e.stderr, "dossier: wrote %d %s for %d of %d articles to %s\n",
			written, plural(written, "file", "files"), articles, len(b.ins), outDir)
	}
	if failed > 0 || batchFailed > 0 {
		return partialError{failed: failed, total: len(b.ins), batchFailed: batchFailed}
	}
	return nil
}

// writeAssets writes the files the exporters' output refers to, such as
// style.css.
func (e *env) writeAssets(exps []exporters.Exporter, outDir string) error {
	for _, x := range exps {
		ap, ok := x.(exporters.AssetProvider)
		if !ok {
			continue
		}
		for _, a := range ap.Assets() {
			if err := exporters.WriteFile(filepath.Join(outDir, a.Name), 0o644, func(w io.Writer) error {
				_, err := w.Write(a.Data)
				return err
			}); err != nil {
				return fmt.Errorf("--out %s: %w", outDir, err)
			}
		}
	}
	return nil
}

// export writes one output file atomically.
func (e *env) export(ctx context.Context, x exporters.Exporter, name string, b *exporters.Briefing) error {
	e.log.Debug("export", "file", name)
	return exporters.WriteFile(name, 0o644, func(w io.Writer) error { return x.Export(ctx, w, b) })
}

func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
