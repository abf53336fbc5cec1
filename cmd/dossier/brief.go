package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/dossier-news/dossier/exporters"
	"github.com/dossier-news/dossier/exporters/text"
	"github.com/dossier-news/dossier/pipeline"
)

func (e *env) briefCommand() *cli.Command {
	formats := strings.Join(newExporterRegistry(text.DefaultWidth).Names(), ",")
	flags := append(inputFlags(),
		&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Required: true, Usage: "folder to write the briefing into (created if missing)"},
		&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: formats, Usage: "comma-separated output formats, from " + formats},
		&cli.StringFlag{Name: "title", Usage: "title of the batch briefing (default: the first article's title)"},
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
	var stages []pipeline.BatchStage
	namesStage, err := e.newNamesStage(c)
	if err != nil {
		return err
	}
	translateStage, err := e.newTranslateStage(c)
	if err != nil {
		return err
	}
	for _, s := range []pipeline.BatchStage{namesStage, translateStage} {
		if s != nil {
			stages = append(stages, s)
		}
	}

	ins, err := e.readInputs(c.Context, c, c.Args().Slice())
	if err != nil {
		return err
	}
	docs, names, err := e.runStages(c.Context, ins, stages)
	if errors.Is(err, errDryRun) {
		return nil // the stage has printed what it would send
	}
	if err != nil {
		// A stage that stops the batch (a quota, a dry run) has kept what it
		// did; nothing is written half-done.
		return err
	}
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return withHint(fmt.Errorf("--out %s: %w", outDir, unwrapPath(err)), "choose a folder you can write to")
	}

	failed := 0
	for _, in := range ins {
		if in.err != nil {
			failed++
		}
	}
	written := 0
	for _, x := range exps {
		if ap, ok := x.(exporters.AssetProvider); ok {
			for _, a := range ap.Assets() {
				if err := exporters.WriteFile(filepath.Join(outDir, a.Name), 0o644, func(w io.Writer) error {
					_, err := w.Write(a.Data)
					return err
				}); err != nil {
					return fmt.Errorf("--out %s: %w", outDir, err)
				}
			}
		}
	}
	slugs := exporters.Slugs{Romanize: romanizer()}
	var good []*pipeline.Document
	for i, d := range docs {
		if d == nil {
			continue
		}
		good = append(good, d)
		slug := slugs.Next(d.Meta.Title, filepath.Base(names[i]))
		one := []*pipeline.Document{d}
		b := &exporters.Briefing{Title: d.Meta.Title, Documents: one, Index: e.briefIndex(one), Created: created}
		ok := true
		for _, x := range exps {
			if err := e.export(c.Context, x, filepath.Join(outDir, slug+x.Format().Ext), b); err != nil {
				e.printInputError(fmt.Errorf("%s: %s: %w", names[i], x.Format().Name, err))
				ok = false
				continue
			}
			written++
		}
		if !ok {
			failed++
		}
	}
	if len(good) > 0 {
		b := &exporters.Briefing{
			Title:     briefingTitle(c.String("title"), good),
			Documents: good,
			Index:     e.briefIndex(good),
			Created:   created,
		}
		for _, x := range exps {
			if !x.Format().Batch {
				continue
			}
			name := filepath.Join(outDir, "briefing"+x.Format().Ext)
			if err := e.export(c.Context, x, name, b); err != nil {
				e.printInputError(fmt.Errorf("%s: %w", name, err))
				failed++
				continue
			}
			written++
		}
	}
	if !c.Bool("quiet") {
		fmt.Fprintf(e.stderr, "dossier: wrote %d files for %d of %d articles to %s\n", written, len(good), len(ins), outDir)
	}
	if failed > 0 {
		return partialError{failed: failed, total: len(ins)}
	}
	return nil
}

// runStages runs the batch stages over the loaded documents. It returns
// one slot per input (nil where the input failed, at load or in a stage)
// and the inputs' names; an error means a stage stopped the whole batch.
func (e *env) runStages(ctx context.Context, ins []input, stages []pipeline.BatchStage) ([]*pipeline.Document, []string, error) {
	docs := make([]*pipeline.Document, len(ins))
	names := make([]string, len(ins))
	for i, in := range ins {
		names[i] = in.name
		if in.err == nil {
			docs[i] = in.doc
		}
	}
	for _, s := range stages {
		var batch []*pipeline.Document
		var slot []int
		for i, d := range docs {
			if d != nil {
				batch = append(batch, d)
				slot = append(slot, i)
			}
		}
		if len(batch) == 0 {
			break
		}
		err := s.ApplyBatch(ctx, batch)
		var de pipeline.DocErrors
		switch {
		case err == nil:
		case errors.As(err, &de):
			for j, derr := range de {
				i := slot[j]
				e.printInputError(fmt.Errorf("%s: %s: %w", names[i], s.Name(), derr))
				ins[i].err = derr
				docs[i] = nil
			}
		default:
			return nil, nil, fmt.Errorf("%s: %w", s.Name(), err)
		}
	}
	return docs, names, nil
}

// briefingTitle is --title, the article's own title for a batch of one,
// else what the batch is: how many articles, over which days.
func briefingTitle(flag string, docs []*pipeline.Document) string {
	if flag != "" {
		return flag
	}
	if len(docs) == 1 {
		return docs[0].Meta.Title
	}
	var first, last time.Time
	for _, d := range docs {
		if d.Meta.Published == nil {
			continue
		}
		t := d.Meta.Published.Time
		if first.IsZero() || t.Before(first) {
			first = t
		}
		if t.After(last) {
			last = t
		}
	}
	title := fmt.Sprintf("Briefing: %d articles", len(docs))
	switch {
	case first.IsZero():
		return title
	case first.Format("2006-01-02") == last.Format("2006-01-02"):
		return title + ", " + first.Format("2 January 2006")
	case first.Year() == last.Year() && first.Month() == last.Month():
		return title + fmt.Sprintf(", %d–%s", first.Day(), last.Format("2 January 2006"))
	default:
		return title + ", " + first.Format("2 January 2006") + " – " + last.Format("2 January 2006")
	}
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
