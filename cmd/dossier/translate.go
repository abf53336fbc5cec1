package main

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/go-resty/resty/v2"
	"github.com/urfave/cli/v2"
	"golang.org/x/text/language"

	"github.com/dossier-news/dossier/exporters"
	"github.com/dossier-news/dossier/exporters/text"
	"github.com/dossier-news/dossier/pipeline"
	"github.com/dossier-news/dossier/pipeline/names"
	"github.com/dossier-news/dossier/pipeline/translate"
	"github.com/dossier-news/dossier/pipeline/translate/cache"
	"github.com/dossier-news/dossier/transliterate"
)

// errDryRun is returned by the translate stage under --dry-run once it has
// printed what it would send: write nothing, exit 0.
var errDryRun = errors.New("dry run: nothing sent")

// cacheLockWait is how long a run waits for another dossier to release the
// translation cache: long enough for a batch to finish.
const cacheLockWait = 2 * time.Minute

// translateFlags are the flags brief shares with translate.
func translateFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "to", Usage: "translate into `LANG` (BCP 47, e.g. es, en, ru); without it nothing is translated"},
		&cli.StringFlag{Name: "from", Usage: "source `LANG` (default: each article's detected language)"},
		&cli.StringFlag{Name: "engine", Value: "apertium", EnvVars: []string{"DOSSIER_ENGINE"}, Usage: "translation `ENGINE`; 'dossier engines' lists them"},
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
		if failed := b.failed(); failed > 0 {
			return partialError{failed: failed, total: len(b.ins)}
		}
		return nil
	}
	// After an interrupt the articles that were finished are still
	// written: they cost time (and perhaps money) to translate.
	ctx := context.WithoutCancel(c.Context)
	slugs := exporters.Slugs{Romanize: romanizer()}
	failed := 0
	for i, d := range b.docs {
		if d == nil {
			failed++
			continue
		}
		in := input{name: b.ins[i].name, doc: d}
		if outDir == "" {
			if err := e.printDocument(ctx, in, format); err != nil {
				return err
			}
			continue
		}
		name := filepath.Join(outDir, slugs.Next(d.Meta.Title, filepath.Base(in.name))+format.Format().Ext)
		err := exporters.WriteFile(name, 0o644, func(w io.Writer) error {
			return writeDocument(ctx, w, d, format)
		})
		if err != nil {
			e.printInputError(fmt.Errorf("%s: %w", in.name, err))
			failed++
		}
	}
	if runErr != nil {
		return runErr
	}
	if failed > 0 {
		return partialError{failed: failed, total: len(b.ins)}
	}
	return nil
}

// config is the config file: named engine profiles a team can share.
type config struct {
	// Profile is used when --profile is not given.
	Profile  string             `json:"profile,omitempty"`
	Profiles map[string]profile `json:"profiles"`
}

// A profile is one engine setup. Keys belong in the environment variable
// KeyEnv names, not in the file.
type profile struct {
	Engine      string  `json:"engine"`
	URL         string  `json:"url,omitempty"`
	Model       string  `json:"model,omitempty"`
	Concurrency int     `json:"concurrency,omitempty"`
	Rate        float64 `json:"rate,omitempty"`
	// CharsPerMinute is the character quota of the account, such as a
	// paid Azure tier's.
	CharsPerMinute int               `json:"chars_per_minute,omitempty"`
	KeyEnv         string            `json:"key_env,omitempty"`
	Options        map[string]string `json:"options,omitempty"`

	// Cache is a team's shared translation memory, a postgres:// URL.
	Cache string `json:"cache,omitempty"`
}

// configPath returns --config, or dossier/config.json in the user config
// folder.
func (e *env) configPath(c *cli.Context) (path string, explicit bool, err error) {
	if p := c.String("config"); p != "" {
		return p, true, nil
	}
	dir := e.getenv("XDG_CONFIG_HOME")
	if dir == "" {
		if dir, err = os.UserConfigDir(); err != nil {
			return "", false, nil // no config folder: no config
		}
	}
	return filepath.Join(dir, "dossier", "config.json"), false, nil
}

// loadConfig reads the config file; a missing default file is no config.
func (e *env) loadConfig(c *cli.Context) (config, error) {
	path, explicit, err := e.configPath(c)
	if err != nil || path == "" {
		return config{}, err
	}
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) && !explicit {
		return config{}, nil
	}
	if err != nil {
		return config{}, withHint(fmt.Errorf("config %s: %w", path, unwrapPath(err)), "check --config or $DOSSIER_CONFIG")
	}
	var cfg config
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&cfg); err != nil {
		return config{}, withHint(fmt.Errorf("config %s: %w", path, err),
			`the file is JSON: {"profile": "NAME", "profiles": {"NAME": {"engine": "apertium", "url": "…", "key_env": "VAR"}}}`)
	}
	return cfg, nil
}

// engineSetup is an engine chosen and configured from flags, profile and
// environment.
type engineSetup struct {
	backend        translate.Backend
	cfg            translate.Config
	concurrency    int
	rate           float64
	charsPerMinute int
	cache          string // the profile's shared translation memory
}

func (e *env) engineSetup(c *cli.Context) (engineSetup, error) {
	b, set, prof, err := e.engineSettings(c)
	if err != nil {
		return engineSetup{}, err
	}
	cfg, err := b.Configure(set, e.getenv)
	if err != nil {
		// A missing key or a bad setting is a configuration error: exit 2.
		return engineSetup{}, withHint(usageError{err}, "'dossier engines' lists each engine's settings and environment variables")
	}
	s := engineSetup{backend: b, cfg: cfg, concurrency: prof.Concurrency, rate: prof.Rate, charsPerMinute: prof.CharsPerMinute, cache: prof.Cache}
	if c.IsSet("concurrency") {
		if c.Int("concurrency") <= 0 {
			return engineSetup{}, usagef("--concurrency %d: want at least 1", c.Int("concurrency"))
		}
		s.concurrency = c.Int("concurrency")
	}
	if c.IsSet("rate") {
		s.rate = c.Float64("rate")
	}
	if c.IsSet("chars-per-minute") {
		s.charsPerMinute = c.Int("chars-per-minute")
	}
	return s, nil
}

// chooseEngine returns the engine --engine or the profile names, and the
// profile when it is for that engine; it configures nothing, so it needs
// no key.
func (e *env) chooseEngine(c *cli.Context) (translate.Backend, profile, error) {
	conf, err := e.loadConfig(c)
	if err != nil {
		return translate.Backend{}, profile{}, err
	}
	var prof profile
	name := c.String("profile")
	if name == "" {
		name = conf.Profile
	}
	if name != "" {
		p, ok := conf.Profiles[name]
		if !ok {
			have := make([]string, 0, len(conf.Profiles))
			for n := range conf.Profiles {
				have = append(have, n)
			}
			sort.Strings(have)
			return translate.Backend{}, profile{}, usagef("--profile %q: no such profile in the config file (have: %s)", name, strings.Join(have, ", "))
		}
		prof = p
	}
	engine := prof.Engine
	if engine == "" || c.IsSet("engine") {
		engine = c.String("engine")
	}
	b, err := newEngineRegistry().Lookup(engine)
	if err != nil {
		return translate.Backend{}, profile{}, withHint(usageError{fmt.Errorf("--engine: %w", err)}, "run 'dossier engines' to list them")
	}
	if prof.Engine != "" && prof.Engine != engine {
		prof = profile{} // the profile was for another engine
	}
	return b, prof, nil
}

// engineSettings returns the chosen engine and the settings flags and
// profile give it, by option name; the environment fills the rest when it
// is configured.
func (e *env) engineSettings(c *cli.Context) (translate.Backend, map[string]string, profile, error) {
	b, prof, err := e.chooseEngine(c)
	if err != nil {
		return translate.Backend{}, nil, profile{}, err
	}
	set := map[string]string{}
	for k, v := range prof.Options {
		set[k] = v
	}
	pick := func(flag, opt, fromProfile string) error {
		v := fromProfile
		if c.String(flag) != "" {
			v = c.String(flag)
		}
		if v == "" {
			return nil
		}
		if !hasOption(b, opt) {
			return usagef("--%s: engine %s has no %s setting", flag, b.Name, opt)
		}
		set[opt] = v
		return nil
	}
	if err := pick("engine-url", "url", prof.URL); err != nil {
		return translate.Backend{}, nil, profile{}, err
	}
	if err := pick("model", "model", prof.Model); err != nil {
		return translate.Backend{}, nil, profile{}, err
	}
	if prof.KeyEnv != "" && hasOption(b, "key") {
		if v := e.getenv(prof.KeyEnv); v != "" {
			set["key"] = v
		}
	}
	return b, set, prof, nil
}

// option returns b's setting called name.
func option(b translate.Backend, name string) (translate.Option, bool) {
	for _, o := range b.Options {
		if o.Name == name {
			return o, true
		}
	}
	return translate.Option{}, false
}

func hasOption(b translate.Backend, name string) bool {
	_, ok := option(b, name)
	return ok
}

// httpClient returns the client engines talk through: no debug output
// and a silent logger, since requests carry keys in headers or URLs.
// A connection that cannot be made in a few seconds is a dead engine,
// which the stage stops for; a slow answer has --request-timeout.
func httpClient() *resty.Client {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.DialContext = (&net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}).DialContext
	tr.TLSHandshakeTimeout = 10 * time.Second
	return resty.New().SetTransport(tr).SetDebug(false).SetLogger(silentLogger{}).SetRetryCount(0)
}

type silentLogger struct{}

func (silentLogger) Errorf(string, ...any) {}
func (silentLogger) Warnf(string, ...any)  {}
func (silentLogger) Debugf(string, ...any) {}

// newTranslateStage returns the translate stage for the flags, or nil when
// no --to was given.
func (e *env) newTranslateStage(c *cli.Context) (pipeline.BatchStage, error) {
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
	setup, err := e.engineSetup(c)
	if err != nil {
		return nil, err
	}
	tr, err := setup.backend.New(setup.cfg, httpClient())
	if err != nil {
		return nil, withHint(usageError{err}, "'dossier engines' lists each engine's settings")
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
	cacheURL, err := sharedCache(c, setup.cache)
	if err != nil {
		return nil, err
	}
	cacheDir := ""
	if !c.Bool("no-cache") && cacheURL == "" {
		if cacheDir, err = cache.Dir(e.getenv); err != nil {
			return nil, withHint(err, "set DOSSIER_CACHE_DIR, or pass --no-cache")
		}
	}
	return &translateStage{
		e:  e,
		tr: tr,
		opt: translate.Options{
			To: to, From: c.String("from"), Refresh: c.Bool("refresh"),
			Concurrency: setup.concurrency, Rate: setup.rate, CharsPerMinute: setup.charsPerMinute,
			Retry: translate.Retry{Attempts: 1 + c.Int("retries")},
			Budget: translate.Budget{
				Chars: c.Int("max-chars"), Requests: c.Int("max-requests"),
				ArticleChars: c.Int("max-article-chars"), ArticleRequests: c.Int("max-article-requests"),
			},
			RequestTimeout: c.Duration("request-timeout"),
			NameForm:       nameForm(aliases),
			// An article in its own language beats no article.
			KeepUntranslated: true,
			Log:              e.log,
		},
		cacheDir: cacheDir,
		cacheURL: cacheURL,
		dryRun:   c.Bool("dry-run"),
		quiet:    c.Bool("quiet"),
		jsonLog:  c.String("log-format") == "json",
		url:      setup.cfg.URL,
	}, nil
}

// nameForm returns how a name reads in the target language: the alias
// file's form for that language when it has one, else the canonical
// spelling the names stage linked the mention to — for a surname alone,
// the canonical surname — else the text.
func nameForm(aliases *transliterate.Aliases) func(m pipeline.Mention, to string) string {
	form := names.NameForm(aliases)
	return func(m pipeline.Mention, to string) string {
		base, _ := language.Make(to).Base()
		return form(m, base.String())
	}
}

// translateStage runs translate.Stage for the CLI: it holds the cache open
// only while translating, prints the figures, draws progress on a
// terminal, and says how to resume after a fatal error.
type translateStage struct {
	e        *env
	tr       translate.Translator
	opt      translate.Options
	cacheDir string
	cacheURL string // a shared translation memory instead of cacheDir
	dryRun   bool
	quiet    bool
	jsonLog  bool   // the summary as a JSON line, like the log
	url      string // the engine's endpoint, for hints
}

func (s *translateStage) Name() string { return "translate" }

func (s *translateStage) ApplyBatch(ctx context.Context, docs []*pipeline.Document) error {
	opt := s.opt
	if s.cacheURL != "" {
		store, err := s.openShared(ctx)
		if err != nil {
			return err
		}
		defer store.Close()
		opt.Cache = store
	}
	useCache := s.cacheDir != ""
	if useCache && s.dryRun {
		// A dry run writes nothing, not even an empty cache.
		_, err := os.Stat(filepath.Join(s.cacheDir, cache.FileName))
		useCache = err == nil
	}
	if useCache {
		store, err := s.openCache(ctx)
		if err != nil {
			return err
		}
		defer func() {
			st := store.Stats()
			if n := st.Dropped; n > 0 && !s.quiet {
				fmt.Fprintf(s.e.stderr, "dossier: warning: translation cache %s: %d %s of the old format unreadable, dropped\n",
					store.Path(), n, plural(n, "entry", "entries"))
			}
			if n := st.Corrupt; n > 0 && !s.quiet {
				fmt.Fprintf(s.e.stderr, "dossier: warning: translation cache %s: %d %s failed the checksum and were translated again\n",
					store.Path(), n, plural(n, "entry", "entries"))
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
			slog.Int("slowdowns", r.Slowdowns), slog.Int("unpaired", len(r.Unpaired)))
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
	if s.cacheDir == "" {
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

// openCache opens the translation cache, waiting up to cacheLockWait for
// another dossier using it, and saying so once.
func (s *translateStage) openCache(ctx context.Context) (*cache.Store, error) {
	store, err := cache.OpenContext(ctx, s.cacheDir, cache.Options{
		LockWait: cacheLockWait,
		Now:      s.e.now,
		Waiting: func(path string) {
			if !s.quiet {
				fmt.Fprintf(s.e.stderr, "dossier: waiting for another dossier using the translation cache at %s…\n", path)
			}
		},
		MovedAside: func(path, aside string, cause error) {
			fmt.Fprintf(s.e.stderr, "dossier: warning: translation cache %s is unreadable (%v): moved to %s, starting a fresh one\n", path, cause, aside)
		},
	})
	switch {
	case err == nil:
		return store, nil
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

func (e *env) enginesCommand() *cli.Command {
	return &cli.Command{
		Name:  "engines",
		Usage: "list the translation engines, their settings and, with --check, whether each answers",
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "check", Usage: "ask each engine whether it is reachable, and which languages it offers"},
			&cli.StringFlag{Name: "engine", Usage: "only this `ENGINE`"},
			&cli.StringFlag{Name: "engine-url", Usage: "endpoint `URL` for --engine"},
			&cli.StringFlag{Name: "model", Usage: "model for --engine"},
			&cli.StringFlag{Name: "profile", EnvVars: []string{"DOSSIER_PROFILE"}, Usage: "check the engine of profile `NAME`"},
			&cli.StringFlag{Name: "config", EnvVars: []string{"DOSSIER_CONFIG"}, Usage: "config `FILE` with engine profiles"},
			&cli.IntFlag{Name: "concurrency", Hidden: true},
			&cli.Float64Flag{Name: "rate", Hidden: true},
		},
		Action: e.engines,
	}
}

func (e *env) engines(c *cli.Context) error {
	if c.NArg() > 0 {
		return usagef("engines takes no arguments, got %q", c.Args().First())
	}
	backends := newEngineRegistry().Backends()
	chosen := c.String("engine") != "" || c.String("profile") != ""
	if chosen {
		// Listing needs no key: only --check configures the engine.
		b, _, err := e.chooseEngine(c)
		if err != nil {
			return err
		}
		backends = []translate.Backend{b}
	}
	// The exit code answers for the engine a translation would use: the
	// one asked for, else the default. The others are checked only when
	// the user configured them, and their state is news, not a failure.
	primary := func(b translate.Backend) bool {
		return chosen || b.Name == cmp.Or(e.getenv("DOSSIER_ENGINE"), "apertium")
	}
	unreachable := 0
	var unconfigured []string
	for _, b := range backends {
		fmt.Fprintf(e.stdout, "%s\t%s\n", b.Name, b.Help)
		for _, o := range b.Options {
			fmt.Fprintln(e.stdout, engineOptionLine(o))
		}
		if !c.Bool("check") {
			continue
		}
		st := e.checkEngine(c, b, primary(b))
		switch {
		case !primary(b):
		case st.state == engineUnreachable:
			unreachable++
		case st.state == engineNotConfigured:
			unconfigured = append(unconfigured, b.Name)
		}
		fmt.Fprintf(e.stdout, "  status: %s\n", st.text)
	}
	switch {
	case unreachable > 0:
		return fmt.Errorf("%d %s unreachable", unreachable, plural(unreachable, "engine", "engines"))
	case len(unconfigured) > 0:
		return withHint(fmt.Errorf("%s: not configured", unconfigured[0]), "'dossier engines' lists each engine's settings and environment variables")
	}
	return nil
}

// optionFlag returns the flag that sets an engine setting, if any; the
// others come from their environment variable or a profile's "options" in
// the config file.
func optionFlag(name string) (string, bool) {
	switch name {
	case "url":
		return "--engine-url", true
	case "model":
		return "--model", true
	}
	return "", false
}

// engineOptionLine describes one engine setting and every way to set it.
func engineOptionLine(o translate.Option) string {
	var ways []string
	if flag, ok := optionFlag(o.Name); ok {
		ways = append(ways, flag)
	}
	if o.Env != "" {
		ways = append(ways, "$"+o.Env)
	}
	if o.Name == "key" {
		ways = append(ways, `profile "key_env"`)
	} else {
		ways = append(ways, fmt.Sprintf(`profile "options": {"%s": …}`, o.Name))
	}
	line := "  " + o.Name + "\t" + o.Help + " (set with " + strings.Join(ways, ", ") + ")"
	if o.Default != "" && !o.Secret {
		line += "; default " + o.Default
	}
	if o.Required {
		line += "; required"
	}
	return line
}

// The states a check leaves an engine in.
const (
	engineReachable = iota
	engineUnreachable
	engineNotConfigured
)

// engineStatus is the outcome of checking one engine, as printed.
type engineStatus struct {
	state int
	text  string
}

// checkEngine configures b from the environment (and the flags and
// profile, when b is the one asked for) and asks whether it answers. An
// engine is contacted only when it has its key, or at a URL the user gave
// (or a loopback one): an engine lacking a required key, or one whose key
// is optional and whose default host is public (openai), is reported not
// configured without a request.
//
// An engine other than the one a translation would use (primary false)
// is contacted only when the user gave its key or its URL: a server at a
// default address is not one the user said they run.
func (e *env) checkEngine(c *cli.Context, b translate.Backend, primary bool) engineStatus {
	notConfigured := func(why string) engineStatus {
		return engineStatus{engineNotConfigured, "not configured (" + why + ")"}
	}
	var set map[string]string
	if c.String("engine") == b.Name || c.String("profile") != "" {
		var err error
		if _, set, _, err = e.engineSettings(c); err != nil {
			return notConfigured(err.Error())
		}
	}
	for _, o := range b.Options {
		if o.Required && set[o.Name] == "" && o.Default == "" && (o.Env == "" || e.getenv(o.Env) == "") {
			if o.Env == "" {
				return notConfigured("set " + o.Name)
			}
			return notConfigured("set $" + o.Env)
		}
	}
	cfg, err := b.Configure(set, e.getenv)
	if err != nil {
		return notConfigured(err.Error())
	}
	if keyOpt, ok := option(b, "key"); ok && cfg.Key == "" && cfg.URL != "" && !urlGiven(b, set, e.getenv) && !isLoopback(cfg.URL) {
		key := "no key"
		if keyOpt.Env != "" {
			key = "no $" + keyOpt.Env
		}
		return notConfigured(key + "; pass --engine-url for a local server")
	}
	if !primary && cfg.Key == "" && !urlGiven(b, set, e.getenv) {
		return notConfigured("no key or URL given; 'dossier engines --check --engine " + b.Name + "' tries its defaults")
	}
	tr, err := b.New(cfg, httpClient())
	if err != nil {
		return notConfigured(err.Error())
	}
	ctx, cancel := context.WithTimeout(c.Context, 15*time.Second)
	defer cancel()
	if pl, ok := tr.(translate.PairLister); ok {
		pairs, err := pl.Pairs(ctx)
		if err != nil {
			return engineStatus{engineUnreachable, "unreachable: " + err.Error()}
		}
		list := make([]string, len(pairs))
		for i, p := range pairs {
			list[i] = p.From + "→" + p.To
		}
		return engineStatus{engineReachable, "reachable; languages: " + strings.Join(list, ", ")}
	}
	if ch, ok := tr.(translate.Checker); ok {
		if err := ch.Check(ctx); err != nil {
			return engineStatus{engineUnreachable, "unreachable: " + err.Error()}
		}
		return engineStatus{engineReachable, "reachable"}
	}
	return engineStatus{engineReachable, "configured (this engine cannot be checked without translating)"}
}

// urlGiven reports whether the user named b's endpoint: by flag or
// profile (in set) or by the url setting's environment variable.
func urlGiven(b translate.Backend, set map[string]string, getenv func(string) string) bool {
	if set["url"] != "" {
		return true
	}
	o, ok := option(b, "url")
	return ok && o.Env != "" && getenv(o.Env) != ""
}

// isLoopback reports whether rawURL points at this machine.
func isLoopback(rawURL string) bool {
	u, err := url.Parse(rawURL)
	if err != nil {
		return false
	}
	host := u.Hostname()
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
