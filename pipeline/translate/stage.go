package translate

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"golang.org/x/text/language"
	"golang.org/x/time/rate"

	"github.com/dossier-news/dossier/pipeline"
	"github.com/dossier-news/dossier/pipeline/translate/exonym"
)

// TitleRef addresses the title in Document.Trail and Mentions. It is a
// function, not a variable, so that no caller can move the title.
func TitleRef() pipeline.Ref {
	return pipeline.Ref{Block: pipeline.MetaBlock, Item: pipeline.TitleItem}
}

// StandfirstRef addresses the standfirst in Document.Trail and Mentions.
func StandfirstRef() pipeline.Ref {
	return pipeline.Ref{Block: pipeline.MetaBlock, Item: pipeline.StandfirstItem}
}

// A Cache keeps translations between runs. Get returns nil and no error
// for a key it does not hold. Package cache has one on disk.
type Cache interface {
	Get(key string) ([]byte, error)
	Put(key string, value []byte) error
}

// Options configure a Stage. Only To is required.
type Options struct {
	// To is the target language, a BCP 47 tag.
	To string
	// From overrides each document's Meta.Language as the source language;
	// blocks with a Lang of their own keep it.
	From string

	Cache   Cache // nil: nothing is cached
	Refresh bool  // translate again what the cache holds, and replace it

	Concurrency int // requests in flight; 0: the engine's default, or 1
	// Rate is the requests per second; 0: the engine's default, or no
	// limit. Either way a 429 without Retry-After halves it, and successes
	// bring it back a tenth at a time. <0: no limit at all, for a server
	// of one's own; the retry backoff alone answers its 429s.
	Rate float64
	// CharsPerMinute caps the characters sent per minute, a service's
	// quota; 0: the engine's default; <0: no limit.
	CharsPerMinute int
	Retry          Retry

	// Budget caps what a batch may send; the zero Budget caps nothing.
	Budget Budget
	// RequestTimeout is the longest one try of a request may take, so
	// that a stalled connection cannot hold a batch; 0: 2 minutes.
	RequestTimeout time.Duration
	// Grace is how long a request in flight may still finish once the
	// batch is cancelled (an interrupt, a fatal error elsewhere), so that
	// an answer the engine has given, and billed, is cached; 0: 1 s;
	// <0: none.
	Grace time.Duration
	// MaxUnreachable is how many tries in a row may fail to reach the
	// engine (connection refused, no such host, TLS) before the batch
	// stops with ErrEngineDown; 0: 4. A batch whose first try cannot
	// reach the engine stops at once.
	MaxUnreachable int

	// KeepUntranslated leaves documents in a language pair the engine
	// lacks as they are, flagged in their trail and listed in
	// Report.Unpaired, instead of failing them with ErrUnsupportedPair:
	// an article in its own language beats no article.
	KeepUntranslated bool

	// NameForm returns how a name found by the names stage should read in
	// the target language; nil: its Canonical form, else its text. The
	// stage takes the form only where it respells the name safely (same
	// words, none dropped; see safeRespelling), and only in the text it
	// translates: text left in its own language keeps its names as they
	// stand. A NameForm that returns m.Text turns respelling off.
	NameForm func(m pipeline.Mention, to string) string
	// PlaceName returns the target language's usual name for a place
	// (Teherán for Tehran in Spanish), if it has one; nil: exonym.Name,
	// from the Unicode CLDR. Places it does not know read as NameForm
	// says.
	PlaceName func(name, to string) (string, bool)

	// Glossary fixes how terms translate; nil: none. Its hash for a
	// pair is part of the cache key of every segment of that pair.
	Glossary *Glossary

	// Progress, when set, is called after every request with the running
	// totals, from one goroutine at a time.
	Progress func(Progress)

	Log *slog.Logger // nil: discard

	// Sleep, Now and Jitter replace the real timer, clock and randomness
	// in tests. The rate limits wait through Sleep and Now too.
	Sleep  func(ctx context.Context, d time.Duration) error
	Now    func() time.Time
	Jitter func() float64
}

// A Budget caps what translating may cost; zero fields cap nothing. A
// batch whose plan is over Chars or Requests sends nothing and fails
// with ErrBudget; one that passes them while running (retries, resends)
// stops there, keeping what is done. An article whose own segments are
// over ArticleChars or ArticleRequests fails alone, unsent.
type Budget struct {
	Chars, Requests               int // per batch, every try included
	ArticleChars, ArticleRequests int // per article, as planned
}

// Progress is the state of a batch as requests come back.
type Progress struct {
	Documents              int
	Segments, SegmentsDone int
	Chars, CharsDone       int
	Requests               int
}

// Report counts what a batch cost: for Plan, what would be sent; after
// ApplyBatch, what was. Chars are characters of segment text, which is
// what engines bill: after ApplyBatch, those of every try that left for
// the engine, retries, resends and requests cut short included, so that
// nothing billed is missing.
type Report struct {
	Engine, Model string
	Documents     int // documents with text to translate
	Segments      int // distinct segments to send (not in the cache)
	Chars         int // their characters; after ApplyBatch, every character sent
	Requests      int // requests; after ApplyBatch, every attempt but Probes
	// Probes counts the requests that found a language pair the engine
	// lacks: refused by it, or called back when its listing said so.
	// They are never billed, cached or counted as failures.
	Probes      int
	Retries     int // attempts that were retries
	CacheHits   int // distinct segments the cache answered
	CachedChars int
	Failed      int // segments left untranslated by an error
	Flagged     int // segments whose translation carries a flag
	Slowdowns   int // times a 429 lowered the request rate
	// GlossaryRequests counts the requests that set up the engine's own
	// glossaries (DeepL's: listing them, creating one). They are not in
	// Requests, which a dry run predicts: whether the service has a
	// glossary already is only known by asking it.
	GlossaryRequests int
	// Unpaired lists the documents in a language pair the engine lacks;
	// their segments count neither as sent nor as failed.
	Unpaired []Unpaired
}

// An Unpaired is a document of the batch (Doc indexes it) whose source
// language From the engine cannot translate into the target.
type Unpaired struct {
	Doc  int
	From string
}

// A Stage translates the documents of a batch with one engine. It is a
// pipeline.Stage: segments shared by several documents are sent once.
// A Stage may run one batch at a time.
type Stage struct {
	tr   Translator
	caps Capabilities
	opt  Options
	to   language.Tag
	// requests paces the stage, at rate.Inf when there is no limit, so
	// that a 429 can lower it; chars is nil when there is no quota.
	requests, chars *rate.Limiter
	// requestRate is the configured request rate, which every batch
	// starts from.
	requestRate rate.Limit

	mu       sync.Mutex
	report   Report
	progress Progress
	noPair   map[string]bool // base languages an engine refused in this batch
	started  time.Time       // when the batch began, on the stage's clock
	// slowdowns counts how often the batch lowered its request rate;
	// a request remembers the count it was sent under, so that the 429s
	// of requests sent at one pace lower it only once.
	slowdowns int
	// ceiling is the rate a batch without a limit was sending at when
	// first slowed down: recovering to it lifts the limit again.
	ceiling rate.Limit
	// pauseUntil is when the server said requests may come again.
	pauseUntil time.Time
	// reached is set once a try of the batch got an answer from the
	// engine; down counts the tries since that could not reach it.
	reached bool
	down    int
}

// NewStage returns a translate stage for tr.
func NewStage(tr Translator, opt Options) (*Stage, error) {
	if tr == nil {
		return nil, errors.New("translate: no engine")
	}
	if opt.To == "" {
		return nil, errors.New("translate: no target language")
	}
	to, err := language.Parse(opt.To)
	if err != nil {
		return nil, fmt.Errorf("translate: target language %q: %w", opt.To, err)
	}
	if opt.From != "" {
		if _, err := language.Parse(opt.From); err != nil {
			return nil, fmt.Errorf("translate: source language %q: %w", opt.From, err)
		}
	}
	caps := tr.Capabilities()
	if opt.Concurrency <= 0 {
		opt.Concurrency = max(caps.Concurrency, 1)
	}
	if opt.Rate == 0 {
		opt.Rate = caps.Rate
	}
	if opt.CharsPerMinute == 0 {
		opt.CharsPerMinute = caps.CharsPerMinute
	}
	st := &Stage{tr: tr, opt: opt, to: to, requestRate: rate.Inf}
	if opt.Rate > 0 {
		st.requestRate = rate.Limit(opt.Rate)
	}
	st.requests = rate.NewLimiter(st.requestRate, 1)
	if opt.CharsPerMinute > 0 {
		// No request may be larger than a minute's quota: the service
		// would refuse it however long the stage waited.
		if caps.MaxChars <= 0 || caps.MaxChars > opt.CharsPerMinute {
			caps.MaxChars = opt.CharsPerMinute
		}
		// The burst holds the largest request, which WaitN needs.
		st.chars = rate.NewLimiter(rate.Limit(float64(opt.CharsPerMinute)/60), caps.MaxChars)
	}
	if opt.Log == nil {
		opt.Log = slog.New(slog.DiscardHandler)
	}
	if opt.Sleep == nil {
		opt.Sleep = sleepContext
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.Jitter == nil {
		opt.Jitter = rand.Float64
	}
	if opt.NameForm == nil {
		opt.NameForm = func(m pipeline.Mention, _ string) string {
			if m.Canonical != "" && !m.Unresolved {
				return m.Canonical
			}
			return m.Text
		}
	}
	if opt.PlaceName == nil {
		opt.PlaceName = exonym.Name
	}
	opt.Retry = opt.Retry.withDefaults()
	if opt.RequestTimeout <= 0 {
		opt.RequestTimeout = 2 * time.Minute
	}
	if opt.Grace == 0 {
		opt.Grace = time.Second
	}
	if opt.MaxUnreachable <= 0 {
		opt.MaxUnreachable = 4
	}
	st.caps, st.opt = caps, opt
	return st, nil
}

// Name returns "translate".
func (s *Stage) Name() string { return "translate" }

// Report returns the figures of the last ApplyBatch.
func (s *Stage) Report() Report {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.report
}

// A unit is one text of a document to translate.
type unit struct {
	doc   int
	ref   pipeline.Ref
	from  string
	text  string
	spans []Span
	segs  []Segment // one per span, with each keep's As
	keys  []string  // one cache key per segment
	// unpaired is set on a block whose own language the engine lacks in
	// a document it otherwise translates: the block stays as it is.
	unpaired bool
}

// keeps returns the spans of u to protect: the names the names stage found
// there, its one detector of names, where p says they are surely names. Spans an engine could not honour are cleaned away here, before
// anything is sent.
func (s *Stage) keeps(p *Guard, doc *pipeline.Document, u *unit) []Keep {
	var keeps []Keep
	own := false
	for _, m := range doc.Mentions {
		if m.Ref != u.ref {
			continue
		}
		own = true
		if m.Start < 0 || m.End > len(u.text) || m.Start >= m.End || u.text[m.Start:m.End] != m.Text || !s.protectsFor(p, m, u.text, u.from) {
			continue
		}
		keeps = append(keeps, Keep{Start: m.Start, End: m.End, As: s.formOf(m), Kind: kindOf(m), Female: female(m)})
	}
	if !own && u.ref.Block == pipeline.MetaBlock {
		// A title or standfirst the names stage did not search: protect
		// the names found in the body wherever they appear in it.
		for _, m := range doc.Mentions {
			if m.Block == pipeline.MetaBlock || utf8.RuneCountInString(m.Text) < 2 || !s.protectsFor(p, m, doc.Text(m.Ref), u.from) {
				continue
			}
			for off := 0; ; {
				i := strings.Index(u.text[off:], m.Text)
				if i < 0 {
					break
				}
				keeps = append(keeps, Keep{Start: off + i, End: off + i + len(m.Text), As: s.formOf(m), Kind: kindOf(m), Female: female(m)})
				off += i + len(m.Text)
			}
		}
	}
	keeps = CleanKeeps(u.text, keeps)
	if _, own := s.tr.(GlossaryUser); own {
		return keeps // the engine applies the glossary itself
	}
	if terms := glossaryKeeps(u.text, s.opt.Glossary.Entries(u.from, s.opt.To), keeps); len(terms) > 0 {
		keeps = CleanKeeps(u.text, append(keeps, terms...))
	}
	return keeps
}

// kindOf is the Keep kind of a mention.
func kindOf(m pipeline.Mention) string {
	switch m.Kind {
	case KindPerson, KindPlace:
		return m.Kind
	}
	return ""
}

// ApplyBatch translates docs in place. Documents whose every segment was
// translated are rewritten; the others are left as they were and named in
// the pipeline.DocErrors returned. An error of class ErrFatal stops every
// request; what was translated before it stays in the cache, so running
// the batch again sends only the rest.
func (s *Stage) ApplyBatch(ctx context.Context, docs []*pipeline.Document) error {
	p := s.plan(docs)
	over := s.budget(p)
	s.mu.Lock()
	s.report = Report{Engine: s.caps.Engine, Model: s.caps.Model}
	s.progress = Progress{Documents: p.docs}
	s.noPair = map[string]bool{}
	s.started = s.opt.Now()
	s.reached, s.down, s.pauseUntil, s.ceiling = false, 0, time.Time{}, 0
	// A slowdown lasts for the batch it was asked in.
	s.requests.SetLimitAt(s.started, s.requestRate)
	s.mu.Unlock()
	if over != nil {
		return over
	}
	if err := s.useGlossary(ctx, p); err != nil {
		return err
	}
	s.mu.Lock()
	s.report.CacheHits = len(p.results)
	s.report.CachedChars = p.cachedChars
	s.progress.Segments = len(p.items)
	for _, it := range p.items {
		s.progress.Chars += it.chars
	}
	s.mu.Unlock()

	results, lanes := s.runClaimed(ctx, p)
	for k, o := range results {
		p.results[k] = o
	}
	lacking := lackingOf(lanes)
	s.markUnpaired(docs, p, lacking)
	s.apply(docs, p)
	s.mu.Lock()
	s.report.Documents = p.docs - len(p.unpaired)
	for _, it := range p.items {
		if !lacking[baseOf(it.from)] {
			s.report.Segments++
		}
	}
	s.report.Unpaired = p.unpairedList()
	s.mu.Unlock()
	if len(p.failed) > 0 {
		return p.failed
	}
	return nil
}

// useGlossary hands an engine that applies glossaries itself the entries
// for each source language it has segments to send in. Its error stops
// the batch before anything is sent: a glossary silently left out would
// be cached as if it had been applied.
func (s *Stage) useGlossary(ctx context.Context, p *plan) error {
	gu, ok := s.tr.(GlossaryUser)
	if !ok || s.opt.Glossary == nil {
		return nil
	}
	done := map[string]bool{}
	for _, it := range p.items {
		if done[it.from] {
			continue
		}
		done[it.from] = true
		entries := s.opt.Glossary.Entries(it.from, s.opt.To)
		if len(entries) == 0 {
			continue
		}
		n, err := gu.UseGlossary(ctx, language.Make(it.from), s.to, entries)
		s.mu.Lock()
		s.report.GlossaryRequests += n
		s.mu.Unlock()
		if err != nil {
			return fmt.Errorf("glossary for %s→%s: %w", it.from, s.opt.To, err)
		}
	}
	return nil
}

func (s *Stage) settled(it *item, o outcome) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.progress.SegmentsDone++
	s.progress.CharsDone += it.chars
	switch {
	case errors.Is(o.err, ErrUnsupportedPair):
		// Not a failure of this segment: its document is reported whole.
	case o.err != nil:
		s.report.Failed++
	case len(o.flags) > 0:
		s.report.Flagged++
	}
	s.progress.Requests = s.report.Requests
	if s.opt.Progress != nil {
		s.opt.Progress(s.progress)
	}
}

// verifyNames checks that every protected name of seg stands verbatim in
// its translation. If one is missing the segment is sent again with the
// names masked by placeholders, which are then replaced; a name still lost
// is flagged, never silently dropped.
func (s *Stage) verifyNames(ctx context.Context, from language.Tag, seg Segment, text string, b *resend) outcome {
	missing := missingNames(seg, text)
	if len(missing) == 0 {
		return outcome{text: text}
	}
	s.opt.Log.Debug("translate: protected names lost, masking them", "names", missing)
	masked, names := mask(seg)
	out, err := s.call(ctx, from, []Segment{masked}, []*resend{b})
	if err == nil && len(out) == 1 {
		back, whole := stripThink(masked.Text, out[0].Text)
		if whole && checkSegment(masked, back, from.String(), s.opt.To) == problemNone {
			unmasked, lost := unmask(back, names)
			if len(lost) < len(missing) {
				return outcome{text: unmasked, flags: nameFlags(lost)}
			}
		}
	}
	return outcome{text: text, flags: nameFlags(missing)}
}

func nameFlags(names []string) []pipeline.Flag {
	var flags []pipeline.Flag
	for _, n := range names {
		flags = append(flags, flagNameLost(n))
	}
	return flags
}
