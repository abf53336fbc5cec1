package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/urfave/cli/v2"
	"golang.org/x/text/language"

	"github.com/dossier-news/dossier/exporters"
	"github.com/dossier-news/dossier/exporters/text"
	"github.com/dossier-news/dossier/pipeline"
	"github.com/dossier-news/dossier/pipeline/names"
	"github.com/dossier-news/dossier/pipeline/translate"
	"github.com/dossier-news/dossier/pipeline/translate/cache"
	"github.com/dossier-news/dossier/pipeline/translate/tm"
	"github.com/dossier-news/dossier/transliterate"
)

// errDryRun is returned by the translate stage under --dry-run once it has
// printed what it would send: write nothing, exit 0.
var errDryRun = errors.New("dry run: nothing sent")

// engineFlag is --engine, the default engine first in the registry.
func engineFlag() cli.Flag {
	return &cli.StringFlag{Name: "engine", Value: newEngineRegistry().Default(), EnvVars: []string{"DOSSIER_ENGINE"}, Usage: "translation `ENGINE`; 'dossier engines' lists them"}
}

// translateFlags are the flags brief shares with translate.
func translateFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "to", Usage: "translate into `LANG` (BCP 47, e.g. es, en, ru); without it nothing is translated"},
		&cli.StringFlag{Name: "from", Usage: "source `LANG` (default: each article's detected language)"},
		engineFlag(),
		&cli.StringFlag{Name: "engine-url", Usage: "engine endpoint `URL` (apertium: an APy server; empty runs the local apertium command)"},
		&cli.StringFlag{Name: "model", Usage: "engine model, for engines that have several"},
		&cli.StringFlag{Name: "profile", EnvVars: []string{"DOSSIER_PROFILE"}, Usage: "engine profile `NAME` from the config file"},
		&cli.StringFlag{Name: "config", EnvVars: []string{"DOSSIER_CONFIG"}, Usage: "config `FILE` with engine profiles (default: dossier/config.json in the user config folder)"},
		&cli.BoolFlag{Name: "no-cache", Usage: "neither read nor write the translation cache"},
		cacheFlag(),
		&cli.BoolFlag{Name: "refresh", Usage: "translate again what the cache holds, and replace it"},
		&cli.BoolFlag{Name: "dry-run", Usage: "print what translating would take per engine (segments, requests, characters, cache hits), send nothing, write nothing"},
		&cli.IntFlag{Name: "concurrency", Usage: "requests in flight at once", DefaultText: "the engine's or profile's"},
		&cli.Float64Flag{Name: "rate", Usage: "most requests per second; negative: no limit", DefaultText: "the engine's or profile's"},
		&cli.IntFlag{Name: "chars-per-minute", Usage: "most characters sent per minute, the service's quota; negative: no limit", DefaultText: "the engine's or profile's"},
		&cli.IntFlag{Name: "retries", Value: 5, Usage: "retries of a request that failed for a passing reason (a 429, a 5xx, a reset)"},
		&cli.IntFlag{Name: "max-chars", Usage: "most characters to send in this run, retries and resends included; a run planned over it sends nothing", DefaultText: "no limit"},
		&cli.IntFlag{Name: "max-requests", Usage: "most requests to send in this run, retries included", DefaultText: "no limit"},
		&cli.IntFlag{Name: "max-article-chars", Usage: "most characters to send for one article; an article over it is not translated", DefaultText: "no limit"},
		&cli.IntFlag{Name: "max-article-requests", Usage: "most requests to send for one article", DefaultText: "no limit"},
		&cli.DurationFlag{Name: "request-timeout", Value: 2 * time.Minute, Usage: "longest wait for the answer to one request"},
		&cli.StringFlag{Name: "glossary", Usage: "glossary `FILE` (TSV or CSV: source term, target term, source language, target language) that every engine applies"},
	}
}

func (e *env) translateCommand() *cli.Command {
	flags := append(inputFlags(),
		&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "json", Usage: "output format: " + strings.Join(newDocumentRegistry(0).Names(), " or ")},
		&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Usage: "folder to write <slug>.json or .txt into (default: standard output)"},
		&cli.IntFlag{Name: "width", Value: text.DefaultWidth, Usage: "line width of txt output, in terminal cells"},
	)
	flags = append(flags, namesFlags()...)
	flags = append(flags, translateFlags()...)
	return &cli.Command{
		Name:      "translate",
		Usage:     "read articles and print or write them translated",
		ArgsUsage: "INPUT… --to LANG",
		Description: `Reads every INPUT as one batch, links names, translates the articles with
--engine and prints each as dossier JSON or text, or writes DIR/<slug>.<ext>
with --out. Names are kept verbatim; what the checks find wrong is flagged
in the document's trail. Translations are cached in the user cache folder
(or $DOSSIER_CACHE_DIR): the same text is never sent twice, so a run that
stopped (a quota, an interrupt) resumes where it was when run again.

Engine keys come from environment variables ('dossier engines' names them)
or from a profile in the config file, e.g.:

  {"profile": "team",
   "profiles": {"team": {"engine": "deepl", "key_env": "DEEPL_AUTH_KEY", "concurrency": 4},
                "apy":  {"engine": "apertium", "url": "http://127.0.0.1:2737"}}}`,
		Flags:  flags,
		Action: e.translateAction,
	}
}

func (e *env) translateAction(c *cli.Context) error {
	if c.String("to") == "" {
		return usagef("--to is required: the language to translate into, e.g. --to es")
	}
	format, err := documentFormat(newDocumentRegistry(c.Int("width")), c.String("format"))
	if err != nil {
		return err
	}
	outDir := c.String("out")
	ready := func() error { return nil }
	if outDir != "" {
		if err := checkOut(outDir); err != nil {
			return err
		}
		ready = func() error { return prepareOut(c, outDir) }
	}
	b, runErr := e.runBatch(c, ready)
	if runErr != nil && !errors.Is(runErr, errInterrupted) {
		return runErr
	}
	if c.Bool("dry-run") {
		if runErr != nil {
			return runErr
		}
		if failed := b.Failed(); failed > 0 {
			return partialError{failed: failed, total: len(b)}
		}
		return nil
	}
	// After an interrupt the articles that were finished are still
	// written: they cost time (and perhaps money) to translate.
	ctx := context.WithoutCancel(c.Context)
	failed := b.Failed()
	if outDir != "" {
		// DIR/<slug>.<ext>, as brief names them; neither format collects
		// a batch or needs assets.
		rep, err := exporters.WriteBriefing(ctx, outDir, []exporters.Exporter{format}, b, exporters.BriefingOptions{Romanize: transliterate.Display})
		for _, err := range rep.Errors {
			e.printInputError(err)
		}
		if err != nil {
			return fmt.Errorf("--out %s: %w", outDir, err)
		}
		failed += rep.Failed
	}
	for _, in := range b {
		if in.Err == nil && outDir == "" {
			if err := e.printDocument(ctx, in, format); err != nil {
				return err
			}
		}
	}
	if runErr != nil {
		return runErr
	}
	if failed > 0 {
		return partialError{failed: failed, total: len(b)}
	}
	return nil
}

// configFile reads --config, or the default config file when it exists.
func (e *env) configFile(c *cli.Context) (translate.ConfigFile, error) {
	path, explicit := c.String("config"), true
	if path == "" {
		path, explicit = translate.ConfigPath(e.getenv), false
	}
	f, err := translate.ReadConfigFile(path, explicit)
	var se *translate.ConfigSyntaxError
	switch {
	case errors.As(err, &se):
		return f, withHint(err, "the file is JSON: "+translate.ConfigFileExample)
	case err != nil:
		return f, withHint(err, "check --config or $DOSSIER_CONFIG")
	}
	return f, nil
}

// engineRequest is what the flags ask of the engine. The settings with a
// flag of their own are read by the names translate.OptionFlag derives
// from the engines' options.
func (e *env) engineRequest(c *cli.Context, reg *translate.Registry) translate.Request {
	req := translate.Request{Profile: c.String("profile"), Set: map[string]string{}}
	if c.IsSet("engine") {
		req.Engine = c.String("engine")
	} else {
		req.Default = c.String("engine")
	}
	for _, b := range reg.Backends() {
		for _, o := range b.Options {
			if f := translate.OptionFlag(o.Name); f != "" && c.String(f) != "" {
				req.Set[o.Name] = c.String(f)
			}
		}
	}
	setScheduling(c, &req)
	return req
}

// setScheduling sets what the flags give of the requests' scheduling;
// the profile and the engine fill the rest.
func setScheduling(c *cli.Context, req *translate.Request) {
	if c.IsSet("concurrency") {
		n := c.Int("concurrency")
		req.Concurrency = &n
	}
	if c.IsSet("rate") {
		r := c.Float64("rate")
		req.Rate = &r
	}
	if c.IsSet("chars-per-minute") {
		n := c.Int("chars-per-minute")
		req.CharsPerMinute = &n
	}
}

// resolveEngine picks the engine and its settings: flag > profile >
// environment > default. With choose, it only picks, needing no key.
func (e *env) resolveEngine(c *cli.Context, choose bool) (translate.Engine, error) {
	file, err := e.configFile(c)
	if err != nil {
		return translate.Engine{}, err
	}
	reg := newEngineRegistry()
	req := e.engineRequest(c, reg)
	var eng translate.Engine
	if choose {
		eng.Backend, _, err = reg.Choose(file, req)
	} else {
		eng, err = reg.Resolve(file, req, e.getenv)
	}
	var oe *translate.OptionError
	switch {
	case errors.Is(err, translate.ErrUnknownProfile):
		return eng, usagef("--profile %w", err)
	case errors.Is(err, translate.ErrUnknownEngine):
		return eng, withHint(usageError{fmt.Errorf("--engine: %w", err)}, "run 'dossier engines' to list them")
	case errors.As(err, &oe):
		return eng, usagef("--%s: %w", translate.OptionFlag(oe.Option), err)
	}
	return eng, err
}

// newTranslateStage returns the translate stage for the flags, or nil when
// no --to was given.
func (e *env) newTranslateStage(c *cli.Context) (pipeline.Stage, error) {
	to := c.String("to")
	if to == "" {
		return nil, nil
	}
	if _, err := language.Parse(to); err != nil {
		return nil, usagef("--to %q: not a language tag (want e.g. es, en, ru)", to)
	}
	if from := c.String("from"); from != "" {
		if _, err := language.Parse(from); err != nil {
			return nil, usagef("--from %q: not a language tag (want e.g. en, ru, fa)", from)
		}
	}
	if c.Bool("no-cache") && c.Bool("refresh") {
		return nil, usagef("--no-cache and --refresh: pick one")
	}
	eng, err := e.resolveEngine(c, false)
	if err != nil {
		return nil, err
	}
	if c.IsSet("concurrency") && eng.Concurrency <= 0 {
		return nil, usagef("--concurrency %d: want at least 1", eng.Concurrency)
	}
	tr, cfg, err := eng.New(e.getenv)
	if err != nil {
		// A missing key or a bad setting is a configuration error: exit 2.
		return nil, withHint(usageError{err}, "'dossier engines' lists each engine's settings and environment variables")
	}
	if c.Int("retries") < 0 {
		return nil, usagef("--retries %d: want 0 or more", c.Int("retries"))
	}
	for _, name := range []string{"max-chars", "max-requests", "max-article-chars", "max-article-requests"} {
		if c.Int(name) < 0 {
			return nil, usagef("--%s %d: want 0 (no limit) or more", name, c.Int(name))
		}
	}
	if c.Duration("request-timeout") <= 0 {
		return nil, usagef("--request-timeout %s: want a positive duration such as 30s", c.Duration("request-timeout"))
	}
	aliases, err := loadAliases(c.String("aliases"))
	if err != nil {
		return nil, err
	}
	glossary, err := loadGlossary(c.String("glossary"))
	if err != nil {
		return nil, err
	}
	memory, err := e.memoryPlace(c)
	if err != nil {
		return nil, err
	}
	return &translateStage{
		e:  e,
		tr: tr,
		opt: translate.Options{
			To: to, From: c.String("from"), Refresh: c.Bool("refresh"),
			Concurrency: eng.Concurrency, Rate: eng.Rate, CharsPerMinute: eng.CharsPerMinute,
			Retry: translate.Retry{Attempts: 1 + c.Int("retries")},
			Budget: translate.Budget{
				Chars: c.Int("max-chars"), Requests: c.Int("max-requests"),
				ArticleChars: c.Int("max-article-chars"), ArticleRequests: c.Int("max-article-requests"),
			},
			RequestTimeout: c.Duration("request-timeout"),
			NameForm:       nameForm(aliases, !c.IsSet("canonical-names") || c.Bool("canonical-names")),
			Glossary:       glossary,
			// An article in its own language beats no article.
			KeepUntranslated: true,
			Log:              e.log,
		},
		memory:  memory,
		dryRun:  c.Bool("dry-run"),
		quiet:   c.Bool("quiet"),
		jsonLog: c.String("log-format") == "json",
		url:     cfg.URL,
	}, nil
}

// loadGlossary reads --glossary; no file, no glossary.
func loadGlossary(name string) (*translate.Glossary, error) {
	if name == "" {
		return nil, nil
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, withHint(fmt.Errorf("--glossary: %w", err), "pass a TSV or CSV file: source term, target term, source language, target language")
	}
	defer f.Close()
	g, err := translate.ParseGlossary(f, name)
	if err != nil {
		return nil, withHint(fmt.Errorf("--glossary: %w", err), "each line: source term, target term, source language, target language (README, \"Glossary\")")
	}
	return g, nil
}

// nameForm returns how a name reads in the target language: the alias
// file's form for that language when it has one, else the canonical
// spelling the names stage linked the mention to, else the text; with
// --canonical-names=false, the text.
func nameForm(aliases *transliterate.Aliases, canonical bool) func(m pipeline.Mention, to string) string {
	if !canonical {
		return translate.VerbatimNames
	}
	return translate.ByBaseLanguage(names.NameForm(aliases))
}

// translateStage runs translate.Stage for the CLI: it holds the cache open
// only while translating, prints the figures, draws progress on a
// terminal, and says how to resume after a fatal error.
type translateStage struct {
	e       *env
	tr      translate.Translator
	opt     translate.Options
	memory  *tm.Place // nil: --no-cache
	dryRun  bool
	quiet   bool
	jsonLog bool   // the summary as a JSON line, like the log
	url     string // the engine's endpoint, for hints
}

func (s *translateStage) Name() string { return "translate" }

func (s *translateStage) ApplyBatch(ctx context.Context, docs []*pipeline.Document) error {
	opt := s.opt
	useCache := s.memory != nil
	if useCache && s.dryRun && s.memory.URL == "" {
		// A dry run writes nothing, not even an empty cache.
		_, err := os.Stat(filepath.Join(s.memory.Dir, cache.FileName))
		useCache = err == nil
	}
	if useCache {
		store, err := s.e.openStore(ctx, *s.memory, s.quiet)
		if err != nil {
			return err
		}
		defer func() {
			if cs, ok := store.(*cache.Store); ok && !s.quiet {
				st := cs.Stats()
				if n := st.Dropped; n > 0 {
					fmt.Fprintf(s.e.stderr, "dossier: warning: translation cache %s: %s of the old format unreadable, dropped\n", cs.Path(), count(n, "entry", "entries"))
				}
				if n := st.Corrupt; n > 0 {
					fmt.Fprintf(s.e.stderr, "dossier: warning: translation cache %s: %s failed the checksum and were translated again\n", cs.Path(), count(n, "entry", "entries"))
				}
			}
			store.Close()
		}()
		opt.Cache = store
	}
	var bar *progressBar
	if s.e.stderrIsTTY && !s.quiet && !s.dryRun {
		bar = &progressBar{w: s.e.stderr, now: s.e.now, start: s.e.now()}
		opt.Progress = bar.update
	}
	st, err := translate.NewStage(s.tr, opt)
	if err != nil {
		return err
	}
	if s.dryRun {
		r, err := st.Plan(ctx, docs)
		if !s.quiet {
			fmt.Fprintf(s.e.stderr, "dossier: dry run: %s: would send %d %s in %d %s, %d %s; %d %s (%d %s) from the cache",
				r.Engine, r.Segments, plural(r.Segments, "segment", "segments"), r.Requests, plural(r.Requests, "request", "requests"),
				r.Chars, plural(r.Chars, "character", "characters"),
				r.CacheHits, plural(r.CacheHits, "segment", "segments"), r.CachedChars, plural(r.CachedChars, "character", "characters"))
			if n := len(r.Unpaired); n > 0 {
				fmt.Fprintf(s.e.stderr, "; %d %s would stay untranslated (no pair)", n, plural(n, "article", "articles"))
			}
			fmt.Fprintln(s.e.stderr)
		}
		if errors.Is(err, translate.ErrBudget) {
			return withHint(err, "raise --max-chars or --max-requests, or translate fewer articles")
		}
		var de pipeline.DocErrors
		if errors.As(err, &de) {
			// runStages reports each article the plan failed for; the
			// run still writes nothing.
			return errors.Join(errDryRun, de)
		}
		if err != nil {
			return err
		}
		return errDryRun
	}
	err = st.ApplyBatch(ctx, docs)
	if bar != nil {
		bar.finish()
	}
	r := st.Report()
	if !s.quiet {
		s.summary(r)
	}
	for _, u := range r.Unpaired {
		if s.quiet {
			break
		}
		fmt.Fprintf(s.e.stderr, "dossier: warning: %s: not translated: %s has no %s→%s pair; kept in its original language\n",
			docs[u.Doc].Meta.Source, r.Engine, u.From, s.opt.To)
	}
	if len(r.Unpaired) > 0 && !s.quiet {
		fmt.Fprintf(s.e.stderr, "dossier: hint: 'dossier engines --check --engine %s' lists the language pairs it offers; --engine picks another\n", r.Engine)
	}
	if errors.Is(err, translate.ErrBudget) && !errors.As(err, new(pipeline.DocErrors)) {
		// Over budget before anything was sent.
		return withHint(err, "raise --max-chars or --max-requests (--dry-run shows what a run would send), or translate fewer articles")
	}
	var de pipeline.DocErrors
	if errors.As(err, &de) {
		if hint := s.stopHint(de, r); hint != "" && !s.quiet {
			fmt.Fprintf(s.e.stderr, "dossier: hint: %s\n", hint)
		}
	}
	return err
}

// summary prints the figures of a batch: what was sent, retries and
// resends included, which is what the engine may bill.
func (s *translateStage) summary(r translate.Report) {
	if s.jsonLog {
		s.e.logs.Print(slog.LevelInfo, "translate: summary",
			slog.String("engine", r.Engine), slog.String("model", r.Model), slog.Int("documents", r.Documents),
			slog.Int("segments", r.Segments), slog.Int("failed", r.Failed), slog.Int("flagged", r.Flagged),
			slog.Int("requests", r.Requests), slog.Int("chars_sent", r.Chars), slog.Int("retries", r.Retries),
			slog.Int("probes", r.Probes), slog.Int("cache_hits", r.CacheHits), slog.Int("cached_chars", r.CachedChars),
			slog.Int("slowdowns", r.Slowdowns), slog.Int("unpaired", len(r.Unpaired)),
			slog.Int("glossary_requests", r.GlossaryRequests))
		return
	}
	fmt.Fprintf(s.e.stderr, "dossier: translate: %s: translated %s in %s, %s sent (retries and resends included), %s; %s (%s) from the cache",
		r.Engine, count(r.Segments-r.Failed, "segment", "segments"), count(r.Requests, "request", "requests"),
		count(r.Chars, "character", "characters"), count(r.Retries, "retry", "retries"),
		count(r.CacheHits, "segment", "segments"), count(r.CachedChars, "character", "characters"))
	if r.Failed > 0 {
		fmt.Fprintf(s.e.stderr, "; %d failed", r.Failed)
	}
	if n := len(r.Unpaired); n > 0 {
		fmt.Fprintf(s.e.stderr, "; %d %s kept untranslated (no pair)", n, plural(n, "article", "articles"))
	}
	if r.Probes > 0 {
		fmt.Fprintf(s.e.stderr, "; %d %s refused (no pair, not billed)", r.Probes, plural(r.Probes, "probe", "probes"))
	}
	if r.GlossaryRequests > 0 {
		fmt.Fprintf(s.e.stderr, "; %s to set up the engine's glossary", count(r.GlossaryRequests, "request", "requests"))
	}
	if r.Flagged > 0 {
		fmt.Fprintf(s.e.stderr, "; %d flagged (see the trail)", r.Flagged)
	}
	fmt.Fprintln(s.e.stderr)
}

// stopHint says what to do after a batch stopped early, by why it
// stopped; "" when it did not.
func (s *translateStage) stopHint(de pipeline.DocErrors, r translate.Report) string {
	done := r.Segments - r.Failed
	kept := fmt.Sprintf("the %s translated so far are cached and will not be sent or billed again", count(done, "segment", "segments"))
	if s.memory == nil {
		kept = "nothing was cached (--no-cache): drop --no-cache to resume instead of starting over"
	}
	for _, derr := range de {
		switch {
		case errors.Is(derr, translate.ErrEngineDown):
			where := "is the server running at " + s.url + "? "
			if s.url == "" {
				where = "is the engine installed and working? "
			}
			if done == 0 && r.CacheHits == 0 {
				return where + "start it, or fix --engine-url, then run the same command again"
			}
			return where + "the engine stopped answering: start it again, then run the same command; " + kept
		case errors.Is(derr, translate.ErrCacheWrite):
			return "the translation cache could not be written (a full disk?): free space, or set DOSSIER_CACHE_DIR to another folder, then run the same command again; the translations that did reach the cache will not be sent again"
		case errors.Is(derr, translate.ErrBudget):
			return "over the cost budget: raise --max-chars, --max-requests, --max-article-chars or --max-article-requests (--dry-run shows what a run would send); " + kept
		case errors.Is(derr, translate.ErrFatal):
			return fmt.Sprintf("%s refused to go on (quota, key or access): fix that, then run the same command again; %s", r.Engine, kept)
		}
	}
	return ""
}

// memoryPlace returns where the translation memory is: the team's when
// --cache, $DOSSIER_CACHE_URL or the engine's profile names one, else the
// cache file; nil under --no-cache.
func (e *env) memoryPlace(c *cli.Context) (*tm.Place, error) {
	url := c.String("cache")
	if c.Bool("no-cache") {
		if url != "" {
			return nil, usagef("--no-cache and --cache: pick one")
		}
		return nil, nil
	}
	if url == "" {
		file, err := e.configFile(c)
		if err != nil {
			return nil, err
		}
		// The profile is only read here: resolveEngine has vouched for it.
		_, prof, _ := newEngineRegistry().Choose(file, e.engineRequest(c, newEngineRegistry()))
		url = prof.Cache
	}
	p, err := tm.Locate(url, e.getenv)
	switch {
	case errors.Is(err, tm.ErrNotPostgres):
		return nil, withHint(usagef("--cache %w", err), "pass --cache postgres://user:pass@host/dossier, or leave it out for the cache file")
	case err != nil:
		return nil, withHint(err, "set DOSSIER_CACHE_DIR, or pass --no-cache")
	}
	return &p, nil
}

// openMemory opens the translation memory the flags name, for the tm
// commands.
func (e *env) openMemory(c *cli.Context) (tm.Store, error) {
	p, err := e.memoryPlace(c)
	if err != nil {
		return nil, err
	}
	return e.openStore(c.Context, *p, c.Bool("quiet"))
}

// openStore opens the memory at p, waiting up to cache.DefaultLockWait for
// another dossier using the cache file, and saying so once.
func (e *env) openStore(ctx context.Context, p tm.Place, quiet bool) (tm.Store, error) {
	store, err := tm.Open(ctx, p, cache.Options{
		LockWait: cache.DefaultLockWait,
		Now:      e.now,
		Waiting: func(path string) {
			if !quiet {
				fmt.Fprintf(e.stderr, "dossier: waiting for another dossier using the translation cache at %s…\n", path)
			}
		},
		MovedAside: func(path, aside string, cause error) {
			fmt.Fprintf(e.stderr, "dossier: warning: translation cache %s is unreadable (%v): moved to %s, starting a fresh one\n", path, cause, aside)
		},
	})
	switch {
	case err == nil:
		return store, nil
	case p.URL != "":
		// pgx names the host, never the password.
		return nil, withHint(err, "is PostgreSQL running and --cache right? drop --cache to use the cache file")
	case errors.Is(err, cache.ErrLocked):
		return nil, withHint(err, "another dossier is translating with the same cache: wait for it to finish, or pass --no-cache")
	case ctx.Err() != nil:
		return nil, ctx.Err()
	}
	return nil, withHint(err, "set DOSSIER_CACHE_DIR to a folder you can write, or pass --no-cache")
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// progressBar draws one line on a terminal: articles, segments,
// characters and the time left.
type progressBar struct {
	w     io.Writer
	now   func() time.Time
	start time.Time
	mu    sync.Mutex
	last  time.Time
	drawn bool
}

func (b *progressBar) update(p translate.Progress) {
	b.mu.Lock()
	defer b.mu.Unlock()
	now := b.now()
	if now.Sub(b.last) < 100*time.Millisecond && p.SegmentsDone < p.Segments {
		return
	}
	b.last = now
	eta := "?"
	if p.CharsDone > 0 {
		left := time.Duration(float64(now.Sub(b.start)) * float64(p.Chars-p.CharsDone) / float64(p.CharsDone))
		eta = left.Round(time.Second).String()
	}
	width := 20
	filled := 0
	if p.Segments > 0 {
		filled = width * p.SegmentsDone / p.Segments
	}
	fmt.Fprintf(b.w, "\r\x1b[Ktranslating %d articles [%s%s] %d/%d segments, %d/%d chars, ETA %s",
		p.Documents, strings.Repeat("#", filled), strings.Repeat(".", width-filled),
		p.SegmentsDone, p.Segments, p.CharsDone, p.Chars, eta)
	b.drawn = true
}

func (b *progressBar) finish() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.drawn {
		fmt.Fprint(b.w, "\r\x1b[K")
	}
}
