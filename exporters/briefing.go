package exporters

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/dossier-news/dossier/pipeline"
)

// BriefingOptions say how WriteBriefing names and dates what it writes.
type BriefingOptions struct {
	// Title of the batch briefing; when empty, DefaultTitle's, else the
	// first article's.
	Title        string
	DefaultTitle func(*Briefing) string // such as chrome.Title
	// Language is Briefing.Language: the language of the words around
	// the articles, the target language when translating.
	Language string
	Created  time.Time // Briefing.Created; zero in tests that compare bytes
	// Index builds the names index over a set of articles (names.BuildIndex);
	// nil gives briefings without one.
	Index func(docs []*pipeline.Document) *pipeline.Index
	// Romanize turns any script into Latin for file names
	// (transliterate.Display); nil keeps other scripts out of them.
	Romanize func(string) string
}

// A BriefingReport says what WriteBriefing wrote and what failed.
type BriefingReport struct {
	Files    []string // the paths written, in order: articles, then batch files
	Assets   []string // the paths of the assets written beside them
	Articles int      // the articles written in every format
	Failed   int      // the articles some format failed for
	// BatchFailed counts the batch files (briefing.pdf…) not written.
	BatchFailed int
	// Errors are the failures, in the order they happened, each naming the
	// input (or the batch file) and the format.
	Errors []error
}

// WriteBriefing writes a briefing of the batch's documents into dir, which
// must exist: dir/<slug><ext> for each article in each format, the assets
// those files refer to (style.css), and for the formats that collect a
// batch dir/briefing<ext> over every article written. Slugs come from
// titles (or the input's name), each used once. Every file is replaced
// atomically; a format that fails for one article is reported in the
// report's Errors and the rest is written. The error is ctx's when it was
// done (what was written stays), or that of writing an asset.
func WriteBriefing(ctx context.Context, dir string, formats []Exporter, b pipeline.Batch, opt BriefingOptions) (BriefingReport, error) {
	var rep BriefingReport
	index := func(docs []*pipeline.Document) *pipeline.Index {
		if opt.Index == nil {
			return nil
		}
		return opt.Index(docs)
	}
	write := func(x Exporter, name string, br *Briefing) error {
		err := WriteFile(name, 0o644, func(w io.Writer) error { return x.Export(ctx, w, br) })
		if err == nil {
			rep.Files = append(rep.Files, name)
		}
		return err
	}
	slugs := Slugs{Romanize: opt.Romanize}
	var done []*pipeline.Document
	for _, r := range b {
		if r.Err != nil || r.Doc == nil {
			continue
		}
		d := r.Doc
		slug := slugs.Next(d.Meta.Title, filepath.Base(r.Name))
		one := []*pipeline.Document{d}
		br := &Briefing{Title: d.Meta.Title, Documents: one, Index: index(one), Created: opt.Created, Language: opt.Language}
		ok := true
		for _, x := range formats {
			if err := write(x, filepath.Join(dir, slug+x.Format().Ext), br); err != nil {
				if ctx.Err() != nil {
					return rep, ctx.Err()
				}
				rep.Errors = append(rep.Errors, fmt.Errorf("%s: %s: %w", r.Name, x.Format().Name, err))
				ok = false
			}
		}
		if ok {
			rep.Articles++
		} else {
			rep.Failed++
		}
		done = append(done, d)
	}
	// Assets serve the articles: none written, none needed.
	if len(rep.Files) > 0 {
		if err := writeAssets(formats, dir, &rep); err != nil {
			return rep, err
		}
	}
	if len(done) == 0 {
		return rep, nil
	}
	br := &Briefing{Title: opt.Title, Documents: done, Index: index(done), Created: opt.Created, Language: opt.Language}
	if br.Title == "" && opt.DefaultTitle != nil {
		br.Title = opt.DefaultTitle(br)
	}
	if br.Title == "" {
		br.Title = done[0].Meta.Title
	}
	for _, x := range formats {
		if !x.Format().Batch {
			continue
		}
		name := filepath.Join(dir, "briefing"+x.Format().Ext)
		if err := write(x, name, br); err != nil {
			if ctx.Err() != nil {
				return rep, ctx.Err()
			}
			rep.Errors = append(rep.Errors, fmt.Errorf("%s: %w", name, err))
			rep.BatchFailed++
		}
	}
	return rep, nil
}

// writeAssets writes the files the exporters' output refers to, such as
// style.css, each once.
func writeAssets(formats []Exporter, dir string, rep *BriefingReport) error {
	for _, x := range formats {
		ap, ok := x.(AssetProvider)
		if !ok {
			continue
		}
		for _, a := range ap.Assets() {
			name := filepath.Join(dir, a.Name)
			if err := WriteFile(name, 0o644, func(w io.Writer) error {
				_, err := w.Write(a.Data)
				return err
			}); err != nil {
				return err
			}
			rep.Assets = append(rep.Assets, name)
		}
	}
	return nil
}
