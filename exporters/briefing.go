package exporters

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"syscall"
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
	slugs := Slugs{Romanize: opt.Romanize}
	var done []*pipeline.Document
	for _, r := range b {
		if r.Err != nil || r.Doc == nil {
			continue
		}
		slug := slugs.Next(r.Doc.Meta.Title, filepath.Base(r.Name))
		files, errs := writeArticle(ctx, dir, formats, slug, r.Doc, opt)
		rep.Files = append(rep.Files, files...)
		if ctx.Err() != nil {
			return rep, ctx.Err()
		}
		for _, err := range errs {
			rep.Errors = append(rep.Errors, fmt.Errorf("%s: %w", r.Name, err))
		}
		if len(errs) == 0 {
			rep.Articles++
		} else {
			rep.Failed++
		}
		done = append(done, r.Doc)
	}
	// Assets serve the articles: none written, none needed.
	if len(rep.Files) > 0 {
		assets, err := writeAssets(formats, dir)
		rep.Assets = assets
		if err != nil {
			return rep, err
		}
	}
	if len(done) == 0 {
		return rep, nil
	}
	files, errs := writeBatch(ctx, dir, formats, done, opt)
	rep.Files = append(rep.Files, files...)
	if ctx.Err() != nil {
		return rep, ctx.Err()
	}
	rep.Errors = append(rep.Errors, errs...)
	rep.BatchFailed = len(errs)
	return rep, nil
}

// BriefingFiles returns how many files WriteBriefing writes for articles
// articles in formats, assets aside: one per article and format, and one
// per format that collects a batch.
func BriefingFiles(formats []Exporter, articles int) int {
	if articles == 0 {
		return 0
	}
	n := articles * len(formats)
	for _, x := range formats {
		if x.Format().Batch {
			n++
		}
	}
	return n
}

// WriteArticle writes doc alone as dir/<slug><ext> in each format, then
// the assets those files refer to, as WriteBriefing writes each article of
// a batch. The error names the format that failed; dir must exist.
func WriteArticle(ctx context.Context, dir string, formats []Exporter, slug string, doc *pipeline.Document, opt BriefingOptions) error {
	if _, errs := writeArticle(ctx, dir, formats, slug, doc, opt); ctx.Err() != nil || len(errs) > 0 {
		return errors.Join(append([]error{ctx.Err()}, errs...)...)
	}
	_, err := writeAssets(formats, dir)
	return err
}

// WriteBatch writes dir/briefing<ext> over docs, in their order, for each
// format that collects a batch, as WriteBriefing does after the articles.
// The error names the file that failed.
func WriteBatch(ctx context.Context, dir string, formats []Exporter, docs []*pipeline.Document, opt BriefingOptions) error {
	_, errs := writeBatch(ctx, dir, formats, docs, opt)
	return errors.Join(append([]error{ctx.Err()}, errs...)...)
}

// writeArticle writes doc alone in each format and returns the files
// written and an error naming the format for each that failed. It stops
// when ctx is done.
func writeArticle(ctx context.Context, dir string, formats []Exporter, slug string, doc *pipeline.Document, opt BriefingOptions) (files []string, errs []error) {
	br := ArticleBriefing(doc, opt)
	for _, x := range formats {
		name := filepath.Join(dir, slug+x.Format().Ext)
		if err := exportFile(ctx, x, name, br); err != nil {
			if ctx.Err() != nil {
				return files, nil
			}
			errs = append(errs, fmt.Errorf("%s: %w", x.Format().Name, err))
			continue
		}
		files = append(files, name)
	}
	return files, errs
}

// ArticleBriefing is the briefing of doc alone, as WriteBriefing writes
// each article: titled by it, with its own names index when opt has an
// Index.
func ArticleBriefing(doc *pipeline.Document, opt BriefingOptions) *Briefing {
	one := []*pipeline.Document{doc}
	return &Briefing{Title: doc.Meta.Title, Documents: one, Index: opt.index(one), Created: opt.Created, Language: opt.Language}
}

// writeBatch writes the batch briefing over docs in each format that
// collects a batch, titled by opt.Title, else opt.DefaultTitle, else the
// first article's title.
func writeBatch(ctx context.Context, dir string, formats []Exporter, docs []*pipeline.Document, opt BriefingOptions) (files []string, errs []error) {
	br := &Briefing{Title: opt.Title, Documents: docs, Index: opt.index(docs), Created: opt.Created, Language: opt.Language}
	if br.Title == "" && opt.DefaultTitle != nil {
		br.Title = opt.DefaultTitle(br)
	}
	if br.Title == "" && len(docs) > 0 {
		br.Title = docs[0].Meta.Title
	}
	for _, x := range formats {
		if !x.Format().Batch {
			continue
		}
		name := filepath.Join(dir, "briefing"+x.Format().Ext)
		if err := exportFile(ctx, x, name, br); err != nil {
			if ctx.Err() != nil {
				return files, nil
			}
			errs = append(errs, fmt.Errorf("%s: %w", name, err))
			continue
		}
		files = append(files, name)
	}
	return files, errs
}

func (opt BriefingOptions) index(docs []*pipeline.Document) *pipeline.Index {
	if opt.Index == nil {
		return nil
	}
	return opt.Index(docs)
}

// exportFile writes one output file atomically.
func exportFile(ctx context.Context, x Exporter, name string, br *Briefing) error {
	return WriteFile(name, 0o644, func(w io.Writer) error { return x.Export(ctx, w, br) })
}

// writeAssets writes the files the exporters' output refers to, such as
// style.css, each once, and returns their paths.
func writeAssets(formats []Exporter, dir string) ([]string, error) {
	var names []string
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
				return names, err
			}
			names = append(names, name)
		}
	}
	return names, nil
}

// MakeDir creates dir, parents included, and checks that files can be
// made in it, so that a briefing fails before the batch is read and
// translated rather than after. The error does not name dir: the caller
// knows how the user named it.
func MakeDir(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return unwrapPath(err)
	}
	return probe(dir)
}

// CheckDir reports, writing nothing, whether MakeDir would succeed: dir,
// or its nearest existing parent, is a folder this process may write in.
func CheckDir(dir string) error {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	for p := abs; ; p = filepath.Dir(p) {
		fi, err := os.Stat(p)
		switch {
		case err == nil && !fi.IsDir():
			return fmt.Errorf("%s is not a folder", p)
		case err == nil:
			if err := probe(p); err != nil {
				return fmt.Errorf("%s: %w", p, err)
			}
			return nil
		case !errors.Is(err, os.ErrNotExist) && !errors.Is(err, syscall.ENOTDIR), filepath.Dir(p) == p:
			return unwrapPath(err)
		}
	}
}

// probe makes a file in dir and removes it at once: the portable test of
// "could write here", which leaves nothing behind.
func probe(dir string) error {
	f, err := os.CreateTemp(dir, ".dossier-probe-*")
	if err != nil {
		return unwrapPath(err)
	}
	f.Close()
	return os.Remove(f.Name())
}

func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
