package team

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/dossier-news/dossier/exporters"
	"github.com/dossier-news/dossier/pipeline"
	"github.com/dossier-news/dossier/pipeline/names"
	"github.com/dossier-news/dossier/pipeline/translate"
	"github.com/dossier-news/dossier/transliterate"
)

// A Briefer is the Processor that does on a worker what a briefing does on
// one machine: it translates each article with the engine the batch names,
// through the team's translation memory, and writes the article and the
// batch briefing as exporters.WriteBriefing does, so that the files are
// the same whichever way they were made.
type Briefer struct {
	// Memory is the team's translation memory (pgcache).
	Memory translate.Cache
	// Engines are the engines a batch may name.
	Engines *translate.Registry
	// Config and Worker are this worker's own: its config file, and what
	// it asks of every engine (a profile with its key_env, concurrency
	// and rate, an endpoint of its own). The batch's engine, endpoint and
	// model fill the rest; keys come from Getenv.
	Config translate.ConfigFile
	Worker translate.Request
	Getenv func(string) string
	// RequestTimeout is translate.Options.RequestTimeout.
	RequestTimeout time.Duration
	// Formats returns the output formats at a text width.
	Formats func(width int) *exporters.Registry
	// DefaultTitle titles a batch briefing the batch gave no title
	// (chrome.Title).
	DefaultTitle func(*exporters.Briefing) string
	Log          *slog.Logger // nil: discard

	mu      sync.Mutex
	engines map[string]translate.Translator // by engine, endpoint and model
}

// Check reports whether the worker's configuration is usable at all: a
// bad profile fails the worker at start, not each article it takes.
func (b *Briefer) Check() error {
	if name := b.Worker.Profile; name != "" || b.Config.Profile != "" {
		if name == "" {
			name = b.Config.Profile
		}
		if _, ok := b.Config.Profiles[name]; !ok {
			return fmt.Errorf("%q: %w", name, translate.ErrUnknownProfile)
		}
	}
	return nil
}

// Articles returns the articles of b that came through, numbered in
// input order, for Enqueue: an input that failed is left out.
func Articles(b pipeline.Batch) []Article {
	var out []Article
	for _, r := range b {
		if r.Err == nil && r.Doc != nil {
			out = append(out, Article{Seq: len(out), Name: r.Name, Doc: r.Doc})
		}
	}
	return out
}

// engine returns the translator spec asks for and the options to run it
// with, making each translator once.
func (b *Briefer) engine(spec Spec) (translate.Translator, translate.Options, error) {
	opt := translate.Options{
		To: spec.To, From: spec.From,
		Retry:            translate.Retry{Attempts: 6},
		RequestTimeout:   b.RequestTimeout,
		KeepUntranslated: true,
		Cache:            b.Memory,
		Log:              b.Log,
		NameForm:         translate.VerbatimNames,
	}
	req := b.Worker
	req.Engine = spec.Engine
	req.Set = map[string]string{"url": spec.EngineURL, "model": spec.Model}
	for k, v := range b.Worker.Set {
		if v != "" {
			req.Set[k] = v
		}
	}
	getenv := b.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	eng, err := b.Engines.Resolve(b.Config, req, getenv)
	if err != nil {
		return nil, opt, err
	}
	opt.Concurrency, opt.Rate, opt.CharsPerMinute = eng.Concurrency, eng.Rate, eng.CharsPerMinute
	if !spec.VerbatimNames {
		var aliases *transliterate.Aliases
		if spec.Aliases != "" {
			if aliases, err = transliterate.ParseAliases(strings.NewReader(spec.Aliases)); err != nil {
				return nil, opt, fmt.Errorf("aliases: %w", err)
			}
		}
		opt.NameForm = translate.ByBaseLanguage(names.NameForm(aliases))
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	key := spec.Engine + "\x00" + req.Set["url"] + "\x00" + spec.Model
	if tr, ok := b.engines[key]; ok {
		return tr, opt, nil
	}
	tr, _, err := eng.New(getenv)
	if err != nil {
		return nil, opt, err
	}
	if b.engines == nil {
		b.engines = map[string]translate.Translator{}
	}
	b.engines[key] = tr
	return tr, opt, nil
}

// Translate translates a.Doc when the batch has a target language.
func (b *Briefer) Translate(ctx context.Context, spec Spec, a *Article) error {
	if spec.To == "" {
		return nil
	}
	tr, opt, err := b.engine(spec)
	if err != nil {
		return err
	}
	st, err := translate.NewStage(tr, opt)
	if err != nil {
		return err
	}
	return st.ApplyBatch(ctx, []*pipeline.Document{a.Doc})
}

// Slug is the name a briefing gives an article whose title no other
// shares.
func (b *Briefer) Slug(a *Article) string {
	slugs := exporters.Slugs{Romanize: transliterate.Display}
	return slugs.Next(a.Doc.Meta.Title, filepath.Base(a.Name))
}

func (b *Briefer) options(spec Spec) exporters.BriefingOptions {
	return exporters.BriefingOptions{
		Title: spec.Title, DefaultTitle: b.DefaultTitle, Language: spec.To, Created: spec.Created,
		Index: names.BuildIndex, Romanize: transliterate.Display,
	}
}

func (b *Briefer) formats(spec Spec) ([]exporters.Exporter, error) {
	return b.Formats(spec.Width).Parse(strings.Join(spec.Formats, ","))
}

// Write writes the files of one article into the batch's folder.
func (b *Briefer) Write(ctx context.Context, spec Spec, a *Article) error {
	exps, err := b.formats(spec)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(spec.Out, 0o755); err != nil {
		return err
	}
	return exporters.WriteArticle(ctx, spec.Out, exps, a.Slug, a.Doc, b.options(spec))
}

// Briefing writes the batch briefing over the articles done.
func (b *Briefer) Briefing(ctx context.Context, spec Spec, done []*Article) error {
	if len(done) == 0 {
		return nil
	}
	exps, err := b.formats(spec)
	if err != nil {
		return err
	}
	docs := make([]*pipeline.Document, len(done))
	for i, a := range done {
		docs[i] = a.Doc
	}
	return exporters.WriteBatch(ctx, spec.Out, exps, docs, b.options(spec))
}
