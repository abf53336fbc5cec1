// Package translatortest is the one conformance suite every translation
// engine passes, after rclone's fstests. An engine's test calls Run with a
// constructor that builds the engine on the http.RoundTripper the suite
// hands it, pointed at a real server or a faithful fake:
//
//	func TestConformance(t *testing.T) {
//		translatortest.Run(t, func(t *testing.T, rt http.RoundTripper) translate.Translator {
//			srv := newFakeServer(t)
//			tr, err := deepl.Backend().New(translate.Config{URL: srv.URL, Key: "k"}, resty.New().SetTransport(rt))
//			if err != nil {
//				t.Fatal(err)
//			}
//			return tr
//		}, translatortest.Errors(deeplErrors...), translatortest.Secret("k"))
//	}
//
// The suite owns rt: through it, it injects 429 with Retry-After (seconds
// and HTTP date), bursts of 5xx, connection resets and cut-off bodies, and
// counts requests. It translates a multi-paragraph English article through
// the translate stage and checks limits, segment counts, protected names
// and error classes. It skips, by name and with a reason, only what the
// engine declares it lacks in its Capabilities.
//
// What the suite expects of an engine, beyond the Translator contract:
//   - one Translate call sends one HTTP request: no retries or splitting
//     inside the engine (the stage retries, with its rate limiter);
//   - every error wraps one class: translate.ErrRetry (with a
//     translate.RetryAfterError when the server sent Retry-After),
//     ErrFatal, ErrTooLarge, ErrTruncated or ErrUnsupportedPair, or, for
//     one segment it cannot send, ErrBadSegment in a translate.SegmentError;
//   - 401 is ErrFatal, 500, 502, 503 and 429 are ErrRetry, and transport
//     failures and cut-off bodies are ErrRetry;
//   - keys never appear in errors, log lines or the cache;
//   - an error names the engine once: "deepl: HTTP 456: …", never
//     "deepl: deepl: …".
//
// The stage subtests lift the rate limits (Rate and CharsPerMinute -1)
// and replace the stage's sleep, so an engine may declare its service's
// real rates without slowing the suite or upsetting its timings.
package translatortest

import (
	"bytes"
	"context"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"golang.org/x/text/language"

	"github.com/dossier-news/dossier/pipeline"
	"github.com/dossier-news/dossier/pipeline/names"
	"github.com/dossier-news/dossier/pipeline/translate"
	"github.com/dossier-news/dossier/pipeline/translate/exonym"
)

//go:embed testdata/article.txt
var article string

// An ErrorCase is one documented error answer of an engine: the suite
// serves it in place of the real answer and checks that Translate returns
// an error wrapping Want.
type ErrorCase struct {
	Name   string
	Status int
	Header http.Header
	Body   string
	Want   error
	// RetryAfter, when set, is the wait the error must carry in a
	// translate.RetryAfterError.
	RetryAfter time.Duration
}

type config struct {
	from, to string
	errors   []ErrorCase
	secrets  []string
}

// An Option adjusts the suite for one engine.
type Option func(*config)

// Pair sets the direction the suite translates; the default is English to
// Spanish, which every engine dossier ships offers.
func Pair(from, to string) Option { return func(c *config) { c.from, c.to = from, to } }

// Errors adds the engine's documented error answers to the generic ones.
func Errors(cases ...ErrorCase) Option {
	return func(c *config) { c.errors = append(c.errors, cases...) }
}

// Secret names a value (an API key) that must never appear in an error.
func Secret(s string) Option { return func(c *config) { c.secrets = append(c.secrets, s) } }

// genericErrors are answers every engine must classify alike.
func genericErrors() []ErrorCase {
	return []ErrorCase{
		{Name: "500", Status: 500, Body: "internal error", Want: translate.ErrRetry},
		{Name: "502", Status: 502, Body: "<html>bad gateway</html>", Want: translate.ErrRetry},
		{Name: "503", Status: 503, Body: "", Want: translate.ErrRetry},
		{Name: "429 retry-after seconds", Status: 429, Header: http.Header{"Retry-After": {"7"}}, Want: translate.ErrRetry, RetryAfter: 7 * time.Second},
		{Name: "401", Status: 401, Body: "unauthorized", Want: translate.ErrFatal},
	}
}

// Run runs the suite against the engine newTranslator builds. It calls
// newTranslator once per subtest, each time with a fresh RoundTripper.
func Run(t *testing.T, newTranslator func(t *testing.T, rt http.RoundTripper) translate.Translator, opts ...Option) {
	cfg := &config{from: "en", to: "es"}
	for _, o := range opts {
		o(cfg)
	}
	s := &suite{cfg: cfg, newTranslator: newTranslator}
	t.Run("Capabilities", s.capabilities)
	t.Run("Article", s.article)
	t.Run("Limits", s.limits)
	t.Run("Protection", s.protection)
	t.Run("Errors", s.errorCases)
	t.Run("Faults", s.faults)
	t.Run("StageRetries", s.stageRetries)
	t.Run("StageStopsOnFatal", s.stageStopsOnFatal)
	t.Run("Cancel", s.cancel)
	t.Run("Secrets", s.secretsKept)
	t.Run("Pairs", s.pairs)
}

// translateOnly hides every method of an engine but the Translator's, so
// that a stage sends nothing besides translations (a PairLister's listing
// would be one more request, and would take an injected fault).
func translateOnly(tr translate.Translator) translate.Translator {
	return struct{ translate.Translator }{tr}
}

// countingTranslator counts Translate calls, and those refused for the
// language pair.
type countingTranslator struct {
	translate.Translator
	mu             sync.Mutex
	calls, refused int
}

func (c *countingTranslator) Translate(ctx context.Context, from, to language.Tag, segs []translate.Segment) ([]translate.Segment, error) {
	out, err := c.Translator.Translate(ctx, from, to, segs)
	c.mu.Lock()
	defer c.mu.Unlock()
	c.calls++
	if errors.Is(err, translate.ErrUnsupportedPair) {
		c.refused++
	}
	return out, err
}

func (c *countingTranslator) counts() (calls, refused int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.calls, c.refused
}

// pairs checks an engine that lists its pairs: the suite's pair is among
// them, and a document in a language it lacks costs no translation. The
// stage may probe that language while the listing is on its way: at most
// one request, which the engine must refuse with ErrUnsupportedPair (or
// which the stage calls back), and which leaves no text, cache entry or
// failure behind.
func (s *suite) pairs(t *testing.T) {
	tr, _ := s.engine(t)
	pl, ok := tr.(translate.PairLister)
	if !ok {
		t.Skip("engine does not list its language pairs (translate.PairLister)")
	}
	pairs, err := pl.Pairs(context.Background())
	if err != nil {
		t.Fatalf("Pairs: %v", err)
	}
	offers := func(from, to string) bool {
		for _, p := range pairs {
			pf, _ := language.Make(p.From).Base()
			pt, _ := language.Make(p.To).Base()
			f, _ := language.Make(from).Base()
			g, _ := language.Make(to).Base()
			if pf == f && pt == g {
				return true
			}
		}
		return false
	}
	if !offers(s.cfg.from, s.cfg.to) {
		t.Fatalf("Pairs = %v lacks %s→%s, which the suite translates", pairs, s.cfg.from, s.cfg.to)
	}
	lacking := ""
	for _, lang := range []string{"hy", "ka", "zu", "kk", "az", "fa"} {
		if !offers(lang, s.cfg.to) {
			lacking = lang
			break
		}
	}
	if lacking == "" {
		t.Skipf("the engine offers every language the suite would try into %s", s.cfg.to)
	}
	counter := &countingTranslator{Translator: tr}
	var sleeps []time.Duration
	var mu sync.Mutex
	opt := s.stageOptions(&sleeps, &mu)
	opt.KeepUntranslated = true
	cache := &Cache{}
	opt.Cache = cache
	// The engine is wrapped without its PairSource, if any, so that the
	// listing is not remembered: the cache must stay empty.
	st, err := translate.NewStage(struct {
		translate.Translator
		translate.PairLister
	}{counter, pl}, opt)
	if err != nil {
		t.Fatal(err)
	}
	doc := articleDoc(lacking)
	orig := articleDoc(lacking)
	if err := st.ApplyBatch(context.Background(), []*pipeline.Document{doc}); err != nil {
		t.Fatalf("ApplyBatch: %v", err)
	}
	calls, refused := counter.counts()
	r := st.Report()
	switch {
	case calls > 1:
		t.Errorf("%d Translate calls for a document in %s, which the engine does not offer; want at most one probe", calls, lacking)
	case calls > refused && r.Probes != calls:
		// A probe the engine answered rather than refused is acceptable
		// only if the stage called it back.
		t.Errorf("%d Translate calls for %s, %d refused with ErrUnsupportedPair and %d probes reported: the engine translated from a pair it does not list", calls, lacking, refused, r.Probes)
	}
	if len(r.Unpaired) != 1 || r.Failed != 0 || r.Requests != 0 || r.Chars != 0 || r.Probes > 1 {
		t.Errorf("report %+v, want one unpaired document, at most one probe, and no request, billed character or failure", r)
	}
	if cache.Len() != 0 {
		t.Errorf("cache holds %d entries for a document in a pair the engine lacks, want none", cache.Len())
	}
	if doc.Meta.Language != lacking || doc.Meta.Title != orig.Meta.Title || doc.Meta.Original != nil {
		t.Errorf("document now in %q titled %q: want it kept in %s as it was", doc.Meta.Language, doc.Meta.Title, lacking)
	}
	for i := range orig.Blocks {
		if doc.Blocks[i].Text != orig.Blocks[i].Text {
			t.Errorf("block %d changed to %q: want it kept", i, doc.Blocks[i].Text)
			break
		}
	}
	flagged := false
	for _, p := range doc.Trail {
		for _, f := range p.Flags {
			flagged = flagged || f.Code == pipeline.FlagNotTranslated
		}
	}
	if !flagged {
		t.Errorf("trail %+v does not flag the document as not translated", doc.Trail)
	}
}

type suite struct {
	cfg           *config
	newTranslator func(t *testing.T, rt http.RoundTripper) translate.Translator
}

// stageOptions are the options of the suite's stages: no rate limits, the
// sleeps recorded instead of slept, and a fixed jitter.
func (s *suite) stageOptions(sleeps *[]time.Duration, mu *sync.Mutex) translate.Options {
	return translate.Options{
		To: s.cfg.to, Rate: -1, CharsPerMinute: -1,
		Sleep: noSleep(sleeps, mu), Jitter: func() float64 { return 0.5 },
	}
}

func (s *suite) engine(t *testing.T) (translate.Translator, *Transport) {
	t.Helper()
	rt := NewTransport(http.DefaultTransport)
	tr := s.newTranslator(t, rt)
	if tr == nil {
		t.Fatal("newTranslator returned nil")
	}
	return tr, rt
}

func (s *suite) tags() (language.Tag, language.Tag) {
	return language.MustParse(s.cfg.from), language.MustParse(s.cfg.to)
}

func (s *suite) capabilities(t *testing.T) {
	tr, _ := s.engine(t)
	c := tr.Capabilities()
	if c.Engine == "" {
		t.Error("Capabilities().Engine is empty: the cache and the trail need the engine's name")
	}
	switch c.Protect {
	case translate.ProtectNone, translate.ProtectIgnoreTags, translate.ProtectTranslateNo,
		translate.ProtectNoTrans, translate.ProtectStandIn, translate.ProtectDictionary, translate.ProtectInstructions:
	default:
		t.Errorf("Capabilities().Protect = %q: not a known protection", c.Protect)
	}
	if c.MaxSegments < 0 || c.MaxBytes < 0 || c.MaxChars < 0 || c.Concurrency < 0 || c.Rate < 0 || c.MaxSegmentChars < 0 {
		t.Errorf("negative limit in %+v", c)
	}
}

// articleDoc builds a document from the embedded article: the first line
// is the title, paragraphs follow.
func articleDoc(lang string) *pipeline.Document {
	parts := strings.Split(strings.TrimSpace(article), "\n\n")
	doc := &pipeline.Document{Meta: pipeline.Meta{Title: parts[0], Language: lang, Direction: pipeline.LeftToRight}}
	for _, p := range parts[1:] {
		doc.Blocks = append(doc.Blocks, pipeline.Block{Kind: pipeline.Paragraph, Text: p})
	}
	return doc
}

func noSleep(sleeps *[]time.Duration, mu *sync.Mutex) func(context.Context, time.Duration) error {
	return func(ctx context.Context, d time.Duration) error {
		mu.Lock()
		*sleeps = append(*sleeps, d)
		mu.Unlock()
		return ctx.Err()
	}
}

func (s *suite) article(t *testing.T) {
	tr, rt := s.engine(t)
	tr = translateOnly(tr)
	doc := articleDoc(s.cfg.from)
	orig := articleDoc(s.cfg.from)
	// The names stage finds the names translation must keep, as in dossier.
	if err := names.New(names.Options{}).ApplyBatch(context.Background(), []*pipeline.Document{doc}); err != nil {
		t.Fatal(err)
	}
	// What the stage protects must come back; a mention it leaves to the
	// engine may be translated, and then dropped from the index, flagged.
	var found []pipeline.Mention
	unprotected := map[string]bool{}
	guard := translate.NewGuard([]*pipeline.Document{doc}, s.cfg.to)
	for _, m := range doc.Mentions {
		if guard.Protects(doc, m) {
			found = append(found, m)
		} else {
			unprotected[m.Text] = true
		}
	}
	var sleeps []time.Duration
	var mu sync.Mutex
	st, err := translate.NewStage(tr, s.stageOptions(&sleeps, &mu))
	if err != nil {
		t.Fatal(err)
	}
	if err := st.ApplyBatch(context.Background(), []*pipeline.Document{doc}); err != nil {
		t.Fatalf("ApplyBatch: %v", err)
	}
	r := st.Report()
	if got := rt.Requests(); got != r.Requests {
		t.Errorf("the engine sent %d HTTP requests for %d Translate calls: one call must be one request", got, r.Requests)
	}
	if doc.Meta.Language != s.cfg.to || doc.Meta.Original == nil || doc.Meta.Original.Language != s.cfg.from {
		t.Errorf("meta after translation: language %q, original %+v", doc.Meta.Language, doc.Meta.Original)
	}
	if len(doc.Blocks) != len(orig.Blocks) {
		t.Fatalf("%d blocks after translation, want %d", len(doc.Blocks), len(orig.Blocks))
	}
	for i := range doc.Blocks {
		if doc.Blocks[i].Text == orig.Blocks[i].Text {
			t.Errorf("block %d came back untranslated: %q", i, doc.Blocks[i].Text)
		}
	}
	last := doc.Blocks[len(doc.Blocks)-1].Text
	if strings.TrimSpace(last) == "" || last == orig.Blocks[len(orig.Blocks)-1].Text {
		t.Errorf("last paragraph not translated: %q", last)
	}
	for _, p := range doc.Trail {
		for _, f := range p.Flags {
			if f.Code == pipeline.FlagMentionDropped && len(f.Args) == 1 && unprotected[f.Args[0]] {
				continue
			}
			t.Errorf("%+v: flagged %q", p.Ref, f)
		}
	}
	for _, m := range found {
		if m.Block < 0 || m.Block >= len(doc.Blocks) {
			continue
		}
		// A place may read as the target language names it.
		want := m.Text
		if local, ok := exonym.Name(m.Text, s.cfg.to); ok && m.Kind == "place" {
			want = local
		}
		if text := doc.Text(m.Ref); !strings.Contains(text, want) {
			t.Errorf("block %d lost the name %q: %q", m.Block, want, text)
		}
	}
	if len(sleeps) > 0 {
		t.Errorf("the stage retried %d times against an engine with no faults injected", len(sleeps))
	}
}

// shortSegments returns n distinct sentences of the article, each short.
func shortSegments(n int) []translate.Segment {
	var sentences []string
	for _, p := range strings.Split(strings.TrimSpace(article), "\n\n")[1:] {
		for _, sp := range translate.Sentences(p, "en") {
			if s := p[sp.Start:sp.End]; len(s) < 200 {
				sentences = append(sentences, s)
			}
		}
	}
	segs := make([]translate.Segment, n)
	for i := range segs {
		segs[i] = translate.Segment{Text: sentences[i%len(sentences)]}
		if i >= len(sentences) {
			segs[i].Text = fmt.Sprintf("%s (%d)", segs[i].Text, i)
		}
	}
	return segs
}

func (s *suite) limits(t *testing.T) {
	tr, _ := s.engine(t)
	c := tr.Capabilities()
	n := c.MaxSegments
	if n == 0 {
		n = 50
	}
	segs := shortSegments(n)
	// Trim the batch to the byte and character limits.
	bytes, chars := 0, 0
	for i, seg := range segs {
		bytes += len(seg.Text)
		chars += len([]rune(seg.Text))
		if (c.MaxBytes > 0 && bytes > c.MaxBytes) || (c.MaxChars > 0 && chars > c.MaxChars) {
			segs = segs[:i]
			break
		}
	}
	if len(segs) < 2 {
		t.Skipf("limits %d bytes, %d chars leave room for fewer than two sentences", c.MaxBytes, c.MaxChars)
	}
	tr, rt := s.engine(t)
	from, to := s.tags()
	out, err := tr.Translate(context.Background(), from, to, segs)
	if err != nil {
		t.Fatalf("a batch of %d segments within the declared limits (%d segments, %d bytes, %d chars): %v",
			len(segs), c.MaxSegments, c.MaxBytes, c.MaxChars, err)
	}
	if len(out) != len(segs) {
		t.Fatalf("%d segments in, %d out", len(segs), len(out))
	}
	if rt.Requests() != 1 {
		t.Errorf("%d HTTP requests for one batch within the limits, want 1", rt.Requests())
	}
	for i := range out {
		if strings.TrimSpace(out[i].Text) == "" {
			t.Errorf("segment %d came back empty", i)
		}
	}
}

func (s *suite) protection(t *testing.T) {
	tr, _ := s.engine(t)
	if tr.Capabilities().Protect == translate.ProtectNone {
		t.Skip("engine declares Protect=none: the stage checks names afterwards and masks them itself")
	}
	keep := func(text, name, as string) translate.Segment {
		i := strings.Index(text, name)
		return translate.Segment{Text: text, Keep: []translate.Keep{{Start: i, End: i + len(name), As: as}}}
	}
	segs := []translate.Segment{
		keep("Rose Stone said the green house was sold.", "Rose Stone", ""),
		keep("The minister met Mr. Green in the capital on Monday.", "Green", ""),
		keep("Officials said Bill Gates would visit the region.", "Bill Gates", ""),
		keep("The court named Эльнур Расулов as a suspect.", "Эльнур Расулов", "Elnur Rasulov"),
	}
	from, to := s.tags()
	out, err := tr.Translate(context.Background(), from, to, segs)
	if err != nil {
		t.Fatal(err)
	}
	if len(out) != len(segs) {
		t.Fatalf("%d segments in, %d out", len(segs), len(out))
	}
	for i, seg := range segs {
		k := seg.Keep[0]
		want := k.As
		if want == "" {
			want = seg.Text[k.Start:k.End]
		}
		if !strings.Contains(out[i].Text, want) {
			t.Errorf("segment %d: protected %q missing from %q", i, want, out[i].Text)
		}
	}
}

// checkSecrets checks an error for secrets and for the engine's name
// given twice.
func (s *suite) checkSecrets(t *testing.T, err error) {
	t.Helper()
	if err == nil {
		return
	}
	for _, secret := range s.cfg.secrets {
		if secret != "" && strings.Contains(err.Error(), secret) {
			t.Errorf("error reveals a secret: %v", err)
		}
	}
	s.checkPrefix(t, err)
}

// checkPrefix fails when err names its engine more than once as a prefix,
// as happens when two layers each add it.
func (s *suite) checkPrefix(t *testing.T, err error) {
	t.Helper()
	tr, _ := s.engine(t)
	if name := tr.Capabilities().Engine; name != "" && strings.Count(err.Error(), name+": ") > 1 {
		t.Errorf("error names the engine %s twice: %v", name, err)
	}
}

// Cache is a translate.Cache in memory, for tests and benchmarks. Its
// zero value is ready to use.
type Cache struct {
	mu      sync.Mutex
	entries map[string][]byte
}

// Get returns the value stored under key, or nil.
func (c *Cache) Get(key string) ([]byte, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.entries[key], nil
}

// Put stores a copy of value under key.
func (c *Cache) Put(key string, value []byte) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries == nil {
		c.entries = map[string][]byte{}
	}
	c.entries[key] = append([]byte(nil), value...)
	return nil
}

// Len returns the number of entries.
func (c *Cache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.entries)
}

// Dump returns every key and value stored, run together, for checks that
// something never reaches the cache.
func (c *Cache) Dump() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	var b strings.Builder
	for k, v := range c.entries {
		b.WriteString(k)
		b.Write(v)
	}
	return b.String()
}

// secretsKept runs a batch through faults, retries and a fatal answer
// with every log line at debug level, and looks for the engine's secrets
// in the log, the cache and the errors.
func (s *suite) secretsKept(t *testing.T) {
	if len(s.cfg.secrets) == 0 {
		t.Skip("the engine has no secret (translatortest.Secret)")
	}
	tr, rt := s.engine(t)
	tr = translateOnly(tr)
	var logs bytes.Buffer
	var logMu sync.Mutex
	log := slog.New(slog.NewJSONHandler(&lockedWriter{w: &logs, mu: &logMu}, &slog.HandlerOptions{Level: slog.LevelDebug}))
	cache := &Cache{}
	var sleeps []time.Duration
	var mu sync.Mutex
	opt := s.stageOptions(&sleeps, &mu)
	opt.Concurrency, opt.Log, opt.Cache = 1, log, cache
	st, err := translate.NewStage(tr, opt)
	if err != nil {
		t.Fatal(err)
	}
	rt.Inject(Reset(), Status(503, nil, "busy"), Status(429, http.Header{"Retry-After": {"1"}}, ""))
	doc := articleDoc(s.cfg.from)
	doc.Blocks = doc.Blocks[:2]
	if err := st.ApplyBatch(context.Background(), []*pipeline.Document{doc}); err != nil {
		t.Fatalf("ApplyBatch: %v", err)
	}
	rt.Inject(Status(401, nil, "unauthorized"))
	other := articleDoc(s.cfg.from)
	other.Blocks = other.Blocks[2:3]
	err = st.ApplyBatch(context.Background(), []*pipeline.Document{other})
	if err == nil {
		t.Fatal("a 401 went unnoticed")
	}
	s.checkPrefix(t, err)
	logMu.Lock()
	logged := logs.String()
	logMu.Unlock()
	if !strings.Contains(logged, "retrying") {
		t.Errorf("no retry was logged: the check would prove nothing\n%s", logged)
	}
	for _, secret := range s.cfg.secrets {
		for what, text := range map[string]string{"a log line": logged, "the cache": cache.Dump(), "an error": err.Error()} {
			if secret != "" && strings.Contains(text, secret) {
				t.Errorf("%s reveals a secret", what)
			}
		}
	}
}

// lockedWriter serialises writes from the stage's goroutines.
type lockedWriter struct {
	w  io.Writer
	mu *sync.Mutex
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

func (s *suite) errorCases(t *testing.T) {
	for _, c := range append(genericErrors(), s.cfg.errors...) {
		t.Run(c.Name, func(t *testing.T) {
			tr, rt := s.engine(t)
			rt.Inject(Status(c.Status, c.Header, c.Body))
			from, to := s.tags()
			_, err := tr.Translate(context.Background(), from, to, shortSegments(2))
			if !errors.Is(err, c.Want) {
				t.Fatalf("HTTP %d %q: err = %v, want it to wrap %v", c.Status, c.Body, err, c.Want)
			}
			s.checkSecrets(t, err)
			if c.RetryAfter > 0 {
				var ra *translate.RetryAfterError
				if !errors.As(err, &ra) || ra.After != c.RetryAfter {
					t.Errorf("err = %v, want a RetryAfterError of %s", err, c.RetryAfter)
				}
			}
		})
	}
}

func (s *suite) faults(t *testing.T) {
	date := func() Fault {
		when := time.Now().Add(30 * time.Second).UTC().Format(http.TimeFormat)
		return Status(429, http.Header{"Retry-After": {when}}, "")
	}
	cases := []struct {
		name  string
		fault func() Fault
		after time.Duration // expected Retry-After, ± 2 s
	}{
		{"429 retry-after http-date", date, 30 * time.Second},
		{"connection reset", Reset, 0},
		{"cut-off body", CutBody, 0},
		{"503 no body", func() Fault { return Status(503, nil, "") }, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tr, rt := s.engine(t)
			rt.Inject(c.fault())
			from, to := s.tags()
			_, err := tr.Translate(context.Background(), from, to, shortSegments(2))
			if !errors.Is(err, translate.ErrRetry) {
				t.Fatalf("err = %v, want it to wrap ErrRetry", err)
			}
			s.checkSecrets(t, err)
			if c.after > 0 {
				var ra *translate.RetryAfterError
				if !errors.As(err, &ra) {
					t.Fatalf("err = %v, want a RetryAfterError", err)
				}
				if d := ra.After - c.after; d < -2*time.Second || d > 2*time.Second {
					t.Errorf("Retry-After = %s, want about %s", ra.After, c.after)
				}
			}
			// The next request goes through.
			out, err := tr.Translate(context.Background(), from, to, shortSegments(2))
			if err != nil || len(out) != 2 {
				t.Fatalf("after the fault: %d segments, err %v", len(out), err)
			}
		})
	}
}

// stageRetries queues a run of faults and checks that the stage's retry
// loop gets the article through, honouring Retry-After.
func (s *suite) stageRetries(t *testing.T) {
	tr, rt := s.engine(t)
	tr = translateOnly(tr)
	when := time.Now().Add(20 * time.Second).UTC().Format(http.TimeFormat)
	rt.Inject(
		Status(429, http.Header{"Retry-After": {"3"}}, ""),
		Status(503, nil, ""), Status(502, nil, ""), Status(500, nil, ""), // a burst
		Reset(),
		CutBody(),
		Status(429, http.Header{"Retry-After": {when}}, ""),
	)
	var sleeps []time.Duration
	var mu sync.Mutex
	opt := s.stageOptions(&sleeps, &mu)
	opt.Concurrency, opt.Retry = 1, translate.Retry{Attempts: 10}
	st, err := translate.NewStage(tr, opt)
	if err != nil {
		t.Fatal(err)
	}
	doc := articleDoc(s.cfg.from)
	doc.Blocks = doc.Blocks[:3]
	if err := st.ApplyBatch(context.Background(), []*pipeline.Document{doc}); err != nil {
		t.Fatalf("ApplyBatch with faults: %v", err)
	}
	r := st.Report()
	if r.Retries != 7 {
		t.Errorf("%d retries for 7 faults", r.Retries)
	}
	if len(sleeps) != 7 {
		t.Fatalf("slept %d times, want 7: %v", len(sleeps), sleeps)
	}
	if sleeps[0] != 3*time.Second {
		t.Errorf("first wait %s, want the server's Retry-After of 3s", sleeps[0])
	}
	if d := sleeps[6]; d < 17*time.Second || d > 21*time.Second {
		t.Errorf("last wait %s, want about 20s from the HTTP-date Retry-After", d)
	}
	if !(sleeps[1] < sleeps[2] && sleeps[2] < sleeps[3]) {
		t.Errorf("backoff not growing through a 5xx burst: %v", sleeps[1:4])
	}
	if rt.Pending() != 0 {
		t.Errorf("%d faults never reached", rt.Pending())
	}
}

// stageStopsOnFatal checks that a fatal answer stops the batch at once:
// one request, no retry.
func (s *suite) stageStopsOnFatal(t *testing.T) {
	tr, rt := s.engine(t)
	tr = translateOnly(tr)
	rt.Inject(Status(401, nil, "unauthorized"))
	var sleeps []time.Duration
	var mu sync.Mutex
	opt := s.stageOptions(&sleeps, &mu)
	opt.Concurrency = 1
	st, err := translate.NewStage(tr, opt)
	if err != nil {
		t.Fatal(err)
	}
	docs := []*pipeline.Document{articleDoc(s.cfg.from), articleDoc(s.cfg.from)}
	docs[1].Blocks[0].Text = "A different first paragraph about Elnur Rasulov."
	err = st.ApplyBatch(context.Background(), docs)
	var de pipeline.DocErrors
	if !errors.As(err, &de) || len(de) != 2 {
		t.Fatalf("err = %v, want DocErrors for both documents", err)
	}
	for i, e := range de {
		if !errors.Is(e, translate.ErrFatal) {
			t.Errorf("document %d: %v, want ErrFatal", i, e)
		}
	}
	if rt.Requests() != 1 || len(sleeps) != 0 {
		t.Errorf("%d requests and %d waits after a fatal answer, want 1 and 0", rt.Requests(), len(sleeps))
	}
	if docs[0].Meta.Language != s.cfg.from {
		t.Errorf("a failed document was changed")
	}
}

func (s *suite) cancel(t *testing.T) {
	tr, _ := s.engine(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	from, to := s.tags()
	_, err := tr.Translate(ctx, from, to, shortSegments(2))
	if err == nil {
		t.Fatal("Translate with a cancelled context succeeded")
	}
	if errors.Is(err, translate.ErrFatal) {
		t.Errorf("cancelled: err = %v: cancellation is not the engine refusing", err)
	}
}

// A Fault replaces one exchange with the server.
type Fault func(req *http.Request, next http.RoundTripper) (*http.Response, error)

// Status answers with a status, headers and body without asking the
// server.
func Status(code int, header http.Header, body string) Fault {
	return func(req *http.Request, _ http.RoundTripper) (*http.Response, error) {
		drain(req)
		h := http.Header{}
		for k, v := range header {
			h[k] = v
		}
		if h.Get("Content-Type") == "" {
			h.Set("Content-Type", "text/plain")
		}
		return &http.Response{
			Status: fmt.Sprintf("%d %s", code, http.StatusText(code)), StatusCode: code,
			Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
			Header: h, Body: io.NopCloser(strings.NewReader(body)), ContentLength: int64(len(body)),
			Request: req,
		}, nil
	}
}

// Reset fails as a connection reset by the server would.
func Reset() Fault {
	return func(req *http.Request, _ http.RoundTripper) (*http.Response, error) {
		drain(req)
		return nil, &net.OpError{Op: "read", Net: "tcp", Err: os.NewSyscallError("read", syscall.ECONNRESET)}
	}
}

// CutBody lets the server answer and cuts the body off halfway.
func CutBody() Fault {
	return func(req *http.Request, next http.RoundTripper) (*http.Response, error) {
		resp, err := next.RoundTrip(req)
		if err != nil {
			return nil, err
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		resp.Body = io.NopCloser(io.MultiReader(bytes.NewReader(b[:len(b)/2]), errReader{io.ErrUnexpectedEOF}))
		return resp, nil
	}
}

type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }

func drain(req *http.Request) {
	if req.Body != nil {
		io.Copy(io.Discard, req.Body)
		req.Body.Close()
	}
}

// Transport is the suite's RoundTripper: it serves queued faults, one per
// request, before passing requests on, and counts them all.
type Transport struct {
	next     http.RoundTripper
	mu       sync.Mutex
	queue    []Fault
	requests int
}

// NewTransport returns a Transport in front of next.
func NewTransport(next http.RoundTripper) *Transport { return &Transport{next: next} }

// Inject queues faults for the next requests, in order.
func (t *Transport) Inject(faults ...Fault) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.queue = append(t.queue, faults...)
}

// Requests returns the number of requests seen.
func (t *Transport) Requests() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.requests
}

// Pending returns the number of faults not yet served.
func (t *Transport) Pending() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.queue)
}

// RoundTrip serves the next fault, or passes req on.
func (t *Transport) RoundTrip(req *http.Request) (*http.Response, error) {
	t.mu.Lock()
	t.requests++
	var f Fault
	if len(t.queue) > 0 {
		f, t.queue = t.queue[0], t.queue[1:]
	}
	t.mu.Unlock()
	if f != nil {
		return f(req, t.next)
	}
	return t.next.RoundTrip(req)
}
