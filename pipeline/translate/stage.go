package translate

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"golang.org/x/text/language"
	"golang.org/x/time/rate"

	"github.com/dossier-news/dossier/pipeline"
	"github.com/dossier-news/dossier/pipeline/langid"
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
	// limit. Either way a 429 halves it for the rest of the batch. <0: no
	// limit at all, for a server of one's own; the retry backoff alone
	// answers its 429s.
	Rate float64
	// CharsPerMinute caps the characters sent per minute, a service's
	// quota; 0: the engine's default; <0: no limit.
	CharsPerMinute int
	Retry          Retry

	// KeepUntranslated leaves documents in a language pair the engine
	// lacks as they are, flagged in their trail and listed in
	// Report.Unpaired, instead of failing them with ErrUnsupportedPair:
	// an article in its own language beats no article.
	KeepUntranslated bool

	// NameForm returns how a name found by the names stage should read in
	// the target language; nil: its Canonical form, else its text.
	NameForm func(m pipeline.Mention, to string) string

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

// Progress is the state of a batch as requests come back.
type Progress struct {
	Documents              int
	Segments, SegmentsDone int
	Chars, CharsDone       int
	Requests               int
}

// Report counts what a batch cost: for Plan, what would be sent; after
// ApplyBatch, what was. Chars are characters of segment text, which is
// what engines bill.
type Report struct {
	Engine, Model string
	Documents     int // documents with text to translate
	Segments      int // distinct segments to send (not in the cache)
	Chars         int // their characters; after ApplyBatch, those in answered requests
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
// pipeline.BatchStage: segments shared by several documents are sent once.
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
	opt.Retry = opt.Retry.withDefaults()
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
	keys  []string // one cache key per segment
	// unpaired is set on a block whose own language the engine lacks in
	// a document it otherwise translates: the block stays as it is.
	unpaired bool
}

// An item is one distinct segment to translate.
type item struct {
	key   string
	from  string
	seg   Segment
	chars int
}

// An outcome is what became of one segment.
type outcome struct {
	text   string
	flags  []string
	cached bool
	// untranslated marks text that is not a translation at all: the
	// source kept, flagged, after every fallback failed, or echoed by the
	// engine. It is never cached, so that the next run tries again
	// rather than freezing a one-off truncation until --refresh.
	untranslated bool
	err          error
}

// keptSource is the outcome of a segment left in its source text because
// of cause.
func keptSource(seg Segment, cause error) outcome {
	return outcome{text: seg.Text, flags: []string{"untranslated: " + errorText(cause)}, untranslated: true}
}

type cacheEntry struct {
	Text  string   `json:"t"`
	Flags []string `json:"f,omitempty"`
}

// plan is a batch cut into units and distinct segments, with what the
// cache already holds.
type plan struct {
	units    []unit
	items    []*item // not in the cache, in first-seen order
	results  map[string]outcome
	failed   pipeline.DocErrors
	unpaired map[int]string // documents whose source language the engine lacks
	// paired holds the base languages the cache shows the engine has
	// translated from, which need not be looked up.
	paired map[string]bool
	docs   int // documents with text to translate
}

// Plan reports what ApplyBatch would send for docs, reading the cache but
// sending no translation and changing nothing. An engine that can list
// its pairs is asked for them when some language has segments the cache
// lacks, so that documents it cannot translate are reported.
func (s *Stage) Plan(ctx context.Context, docs []*pipeline.Document) (Report, error) {
	p := s.plan(docs)
	lanes := s.lanes(p)
	if lister := s.listerFor(lanes); lister != nil {
		pairs, ok := s.rememberedPairs(lister)
		var err error
		if !ok {
			pairs, err = s.listPairs(ctx, lister)
		}
		s.heardPairs(lanes, pairs, err, nil)
	}
	s.markUnpaired(docs, p, lackingOf(lanes))
	r := Report{Engine: s.caps.Engine, Model: s.caps.Model, Documents: p.docs - len(p.unpaired), Unpaired: p.unpairedList()}
	for _, o := range p.results {
		if o.cached {
			r.CacheHits++
			r.CachedChars += charCount(o.text)
		}
	}
	// Only the segments of documents and blocks that will be translated
	// would be sent.
	needed := map[string]bool{}
	for _, u := range p.units {
		if _, ok := p.unpaired[u.doc]; !ok && !u.unpaired {
			for _, key := range u.keys {
				needed[key] = true
			}
		}
	}
	var items []*item
	for _, it := range p.items {
		if needed[it.key] {
			items = append(items, it)
			r.Segments++
			r.Chars += it.chars
		}
	}
	for _, g := range s.groups(items) {
		r.Requests += len(g.requests)
	}
	if !s.opt.KeepUntranslated {
		for di, from := range p.unpaired {
			p.failed[di] = s.pairError(from)
		}
	}
	if len(p.failed) > 0 {
		return r, p.failed
	}
	return r, nil
}

func (p *plan) unpairedList() []Unpaired {
	var list []Unpaired
	for di, from := range p.unpaired {
		list = append(list, Unpaired{Doc: di, From: from})
	}
	sort.Slice(list, func(i, j int) bool { return list[i].Doc < list[j].Doc })
	return list
}

// plan cuts docs into units and segments and reads the cache. Whether the
// engine has each language pair is settled later, while requests go out.
func (s *Stage) plan(docs []*pipeline.Document) *plan {
	p := &plan{results: map[string]outcome{}, failed: pipeline.DocErrors{}, unpaired: map[int]string{}, paired: map[string]bool{}}
	seen := map[string]bool{}
	for di, doc := range docs {
		units, err := s.units(di, doc)
		if err != nil {
			p.failed[di] = err
			continue
		}
		if len(units) == 0 {
			continue
		}
		p.docs++
		for ui := range units {
			u := &units[ui]
			keeps := s.keeps(doc, u)
			spans, segs := Split(u.text, u.from, keeps, segmentLimits(s.caps))
			u.spans = spans
			for _, seg := range segs {
				key := s.key(u.from, seg)
				u.keys = append(u.keys, key)
				if seen[key] {
					continue
				}
				seen[key] = true
				if o, ok := s.cached(key); ok {
					p.results[key] = o
					p.paired[baseOf(u.from)] = true
					continue
				}
				p.items = append(p.items, &item{key: key, from: u.from, seg: seg, chars: charCount(seg.Text)})
			}
		}
		p.units = append(p.units, units...)
	}
	return p
}

// markUnpaired records the documents whose source language is in lacking
// (base languages the engine has no pair for) in p.unpaired, and marks
// the blocks of other documents in such a language to stay as they are.
func (s *Stage) markUnpaired(docs []*pipeline.Document, p *plan, lacking map[string]bool) {
	for i := range p.units {
		u := &p.units[i]
		if !lacking[baseOf(u.from)] {
			continue
		}
		if from := s.sourceOf(docs[u.doc]); baseOf(from) == baseOf(u.from) {
			p.unpaired[u.doc] = from
		} else {
			u.unpaired = true
		}
	}
}

// sourceOf returns the language doc is translated from.
func (s *Stage) sourceOf(doc *pipeline.Document) string {
	if s.opt.From != "" {
		return s.opt.From
	}
	return doc.Meta.Language
}

// pairError is the error of a document in a pair the engine lacks.
func (s *Stage) pairError(from string) error {
	return fmt.Errorf("%s has no %s→%s pair: %w", s.caps.Engine, from, s.opt.To, ErrUnsupportedPair)
}

// units lists the texts of doc to translate: title, standfirst and every
// text unit whose language is not already the target.
func (s *Stage) units(di int, doc *pipeline.Document) ([]unit, error) {
	from := s.sourceOf(doc)
	if from == "" {
		return nil, errors.New("source language unknown: pass --from")
	}
	if _, err := language.Parse(from); err != nil {
		return nil, fmt.Errorf("source language %q: %w", from, err)
	}
	var units []unit
	add := func(ref pipeline.Ref, lang, text string) {
		if strings.TrimSpace(text) == "" || baseOf(lang) == baseOf(s.opt.To) {
			return
		}
		units = append(units, unit{doc: di, ref: ref, from: lang, text: text})
	}
	add(TitleRef(), from, doc.Meta.Title)
	add(StandfirstRef(), from, doc.Meta.Standfirst)
	for bi := range doc.Blocks {
		lang := from
		if l := doc.Blocks[bi].Lang; l != "" {
			if _, err := language.Parse(l); err == nil {
				lang = l
			}
		}
		for ii, t := range doc.Blocks[bi].Texts() {
			add(pipeline.Ref{Block: bi, Item: ii}, lang, *t)
		}
	}
	return units, nil
}

// keeps returns the spans of u to protect: the names the names stage found
// there, its one detector of names. Spans an engine could not honour are
// cleaned away here, before anything is sent.
func (s *Stage) keeps(doc *pipeline.Document, u *unit) []Keep {
	var keeps []Keep
	own := false
	for _, m := range doc.Mentions {
		if m.Ref != u.ref {
			continue
		}
		own = true
		if m.Unsure || m.Start < 0 || m.End > len(u.text) || m.Start >= m.End || u.text[m.Start:m.End] != m.Text {
			continue
		}
		keeps = append(keeps, Keep{Start: m.Start, End: m.End, As: s.opt.NameForm(m, s.opt.To)})
	}
	if !own && u.ref.Block == pipeline.MetaBlock {
		// A title or standfirst the names stage did not search: protect
		// the names found in the body wherever they appear in it.
		for _, m := range doc.Mentions {
			if m.Unsure || m.Block == pipeline.MetaBlock || utf8.RuneCountInString(m.Text) < 2 {
				continue
			}
			for off := 0; ; {
				i := strings.Index(u.text[off:], m.Text)
				if i < 0 {
					break
				}
				keeps = append(keeps, Keep{Start: off + i, End: off + i + len(m.Text), As: s.opt.NameForm(m, s.opt.To)})
				off += i + len(m.Text)
			}
		}
	}
	return CleanKeeps(u.text, keeps)
}

// key is the cache key of a segment: everything that shapes its
// translation, hashed, so the text itself never lands in a key.
func (s *Stage) key(from string, seg Segment) string {
	h := sha256.New()
	for _, part := range []string{"dossier-translate/v1", s.caps.Engine, s.caps.Model, from, s.opt.To, string(s.caps.Protect)} {
		h.Write([]byte(part))
		h.Write([]byte{0})
	}
	for _, k := range seg.Keep {
		fmt.Fprintf(h, "%d:%d:%s\x00", k.Start, k.End, k.As)
	}
	h.Write([]byte(seg.Text))
	return hex.EncodeToString(h.Sum(nil))
}

func (s *Stage) cached(key string) (outcome, bool) {
	if s.opt.Cache == nil || s.opt.Refresh {
		return outcome{}, false
	}
	b, err := s.opt.Cache.Get(key)
	if err != nil {
		s.opt.Log.Warn("translate: cache read", "err", err)
		return outcome{}, false
	}
	if b == nil {
		return outcome{}, false
	}
	var e cacheEntry
	if err := json.Unmarshal(b, &e); err != nil {
		s.opt.Log.Warn("translate: cache entry unreadable, translating again", "err", err)
		return outcome{}, false
	}
	return outcome{text: e.Text, flags: e.Flags, cached: true}, true
}

// store caches a real translation; failures and source text kept as a
// fallback are left for the next run to try again.
func (s *Stage) store(key string, o outcome) {
	if s.opt.Cache == nil || o.err != nil || o.untranslated {
		return
	}
	b, err := json.Marshal(cacheEntry{Text: o.text, Flags: o.flags})
	if err == nil {
		err = s.opt.Cache.Put(key, b)
	}
	if err != nil {
		s.opt.Log.Warn("translate: cache write", "err", err)
	}
}

// A group is the requests for one source language.
type group struct {
	from     language.Tag
	requests [][]*item
}

func (s *Stage) groups(items []*item) []group {
	byFrom := map[string][]*item{}
	var order []string
	for _, it := range items {
		if _, ok := byFrom[it.from]; !ok {
			order = append(order, it.from)
		}
		byFrom[it.from] = append(byFrom[it.from], it)
	}
	var out []group
	for _, from := range order {
		its := byFrom[from]
		segs := make([]Segment, len(its))
		for i, it := range its {
			segs[i] = it.seg
		}
		g := group{from: language.Make(from)}
		for _, idx := range Pack(segs, requestLimits(s.caps)) {
			req := make([]*item, len(idx))
			for i, j := range idx {
				req[i] = its[j]
			}
			g.requests = append(g.requests, req)
		}
		out = append(out, g)
	}
	return out
}

// ApplyBatch translates docs in place. Documents whose every segment was
// translated are rewritten; the others are left as they were and named in
// the pipeline.DocErrors returned. An error of class ErrFatal stops every
// request; what was translated before it stays in the cache, so running
// the batch again sends only the rest.
func (s *Stage) ApplyBatch(ctx context.Context, docs []*pipeline.Document) error {
	p := s.plan(docs)
	lanes := s.lanes(p)
	s.mu.Lock()
	s.report = Report{Engine: s.caps.Engine, Model: s.caps.Model}
	s.progress = Progress{Documents: p.docs}
	s.noPair = map[string]bool{}
	s.started = s.opt.Now()
	// A slowdown lasts for the batch it was asked in.
	s.requests.SetLimitAt(s.started, s.requestRate)
	for _, o := range p.results {
		s.report.CacheHits++
		s.report.CachedChars += charCount(o.text)
	}
	s.progress.Segments = len(p.items)
	for _, it := range p.items {
		s.progress.Chars += it.chars
	}
	s.mu.Unlock()

	results := s.run(ctx, lanes)
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

// translate sends segs as one request and settles each segment through
// done as soon as its fate is known. Requests the engine finds too large
// or answers truncated are halved and resent; answers that fail the checks
// are resent one segment at a time; a single segment that still fails is
// halved at a sentence or space, and as a last resort kept untranslated
// and flagged.
func (s *Stage) translate(ctx context.Context, from language.Tag, segs []Segment, done func(int, outcome)) {
	out, err := s.call(ctx, from, segs)
	if err == nil && len(out) != len(segs) {
		err = fmt.Errorf("%s: %d of %d segments came back: %w", s.caps.Engine, len(out), len(segs), ErrTruncated)
	}
	if bad, ok := badSegment(err, len(segs)); ok {
		s.opt.Log.Warn("translate: segment kept in its source text", "err", err)
		done(bad, keptSource(segs[bad], err))
		if len(segs) > 1 {
			s.translateExcept(ctx, from, segs, bad, done)
		}
		return
	}
	if err != nil {
		if (errors.Is(err, ErrTooLarge) || errors.Is(err, ErrTruncated)) && !errors.Is(err, ErrFatal) {
			s.opt.Log.Debug("translate: splitting request", "segments", len(segs), "err", err)
			s.split(ctx, from, segs, done, err)
			return
		}
		for i := range segs {
			done(i, outcome{err: err})
		}
		return
	}
	var again []int
	for i, seg := range segs {
		text, whole := stripThink(seg.Text, out[i].Text)
		p := problemThink
		if whole {
			p = checkSegment(seg, text, from.String(), s.opt.To)
		}
		switch {
		case p != problemNone && len(segs) > 1:
			again = append(again, i)
		case p.truncating():
			s.split(ctx, from, segs[i:i+1], func(_ int, o outcome) { done(i, o) },
				fmt.Errorf("%s: %s answer: %w", s.caps.Engine, p, ErrTruncated))
		default:
			o := s.verifyNames(ctx, from, seg, text)
			if p != problemNone {
				o.flags = append(o.flags, string(p))
			}
			// The source echoed back is no translation either.
			o.untranslated = p == problemUntranslated
			done(i, o)
		}
	}
	for _, i := range again {
		s.translate(ctx, from, segs[i:i+1], func(_ int, o outcome) { done(i, o) })
	}
}

// badSegment returns the index of the segment of a request of n that err
// says cannot be sent.
func badSegment(err error, n int) (int, bool) {
	var se *SegmentError
	if !errors.Is(err, ErrBadSegment) || errors.Is(err, ErrFatal) || !errors.As(err, &se) || se.Index < 0 || se.Index >= n {
		return 0, false
	}
	return se.Index, true
}

// translateExcept resends a request without its segment bad.
func (s *Stage) translateExcept(ctx context.Context, from language.Tag, segs []Segment, bad int, done func(int, outcome)) {
	rest := slices.Delete(slices.Clone(segs), bad, bad+1)
	s.translate(ctx, from, rest, func(i int, o outcome) {
		if i >= bad {
			i++
		}
		done(i, o)
	})
}

// split resends the halves of a request, or of a single segment's text.
func (s *Stage) split(ctx context.Context, from language.Tag, segs []Segment, done func(int, outcome), cause error) {
	if len(segs) > 1 {
		half := len(segs) / 2
		s.translate(ctx, from, segs[:half], done)
		s.translate(ctx, from, segs[half:], func(i int, o outcome) { done(half+i, o) })
		return
	}
	a, gap, b, ok := halve(segs[0])
	if !ok {
		if errors.Is(cause, ErrTooLarge) {
			done(0, outcome{err: cause})
			return
		}
		// Nothing left to cut and the engine still loses it: keep the
		// source, and say so.
		done(0, keptSource(segs[0], cause))
		return
	}
	var parts [2]outcome
	s.translate(ctx, from, []Segment{a}, func(_ int, o outcome) { parts[0] = o })
	s.translate(ctx, from, []Segment{b}, func(_ int, o outcome) { parts[1] = o })
	if parts[0].err != nil || parts[1].err != nil {
		done(0, outcome{err: errors.Join(parts[0].err, parts[1].err)})
		return
	}
	done(0, outcome{
		text:         parts[0].text + gap + parts[1].text,
		flags:        append(parts[0].flags, parts[1].flags...),
		untranslated: parts[0].untranslated || parts[1].untranslated,
	})
}

func errorText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// halve cuts a segment in two at the sentence break, or failing that the
// space, nearest its middle and outside every keep.
func halve(seg Segment) (a Segment, gap string, b Segment, ok bool) {
	text := seg.Text
	inKeep := func(i int) bool {
		for _, k := range seg.Keep {
			if i > k.Start && i < k.End {
				return true
			}
		}
		return false
	}
	mid := len(text) / 2
	best := -1
	consider := func(i int) {
		if i <= 0 || i >= len(text) || inKeep(i) {
			return
		}
		if best < 0 || abs(i-mid) < abs(best-mid) {
			best = i
		}
	}
	if spans := Sentences(text, ""); len(spans) > 1 {
		for _, sp := range spans[1:] {
			consider(sp.Start)
		}
	}
	if best < 0 {
		for i, r := range text {
			if r == ' ' {
				consider(i)
			}
		}
	}
	if best < 0 {
		return Segment{}, "", Segment{}, false
	}
	end := trimRightSpace(text, 0, best)
	start := skipSpace(text, best)
	if end == 0 || start >= len(text) {
		return Segment{}, "", Segment{}, false
	}
	a = Segment{Text: text[:end]}
	b = Segment{Text: text[start:]}
	for _, k := range seg.Keep {
		if k.End <= end {
			a.Keep = append(a.Keep, k)
		} else if k.Start >= start {
			b.Keep = append(b.Keep, Keep{Start: k.Start - start, End: k.End - start, As: k.As})
		}
	}
	return a, text[end:start], b, true
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// verifyNames checks that every protected name of seg stands verbatim in
// its translation. If one is missing the segment is sent again with the
// names masked by placeholders, which are then replaced; a name still lost
// is flagged, never silently dropped.
func (s *Stage) verifyNames(ctx context.Context, from language.Tag, seg Segment, text string) outcome {
	missing := missingNames(seg, text)
	if len(missing) == 0 {
		return outcome{text: text}
	}
	s.opt.Log.Debug("translate: protected names lost, masking them", "names", missing)
	masked, names := mask(seg)
	out, err := s.call(ctx, from, []Segment{masked})
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

func nameFlags(names []string) []string {
	var flags []string
	for _, n := range names {
		flags = append(flags, flagNameLost(n))
	}
	return flags
}

// refused reports whether a request of this batch found that the engine
// lacks the pair from the base language of from.
func (s *Stage) refused(from string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.noPair[baseOf(from)]
}

// pace waits until limiter allows n more: rate.Limiter's WaitN, on the
// stage's clock and sleep so that tests run realistic rates without
// waiting. A nil limiter means no limit.
func (s *Stage) pace(ctx context.Context, limiter *rate.Limiter, n int) error {
	if limiter == nil {
		return ctx.Err()
	}
	now := s.opt.Now()
	if n > limiter.Burst() {
		// A request larger than the burst would never be allowed; the
		// packing keeps requests smaller, so this is only a safeguard.
		limiter.SetBurstAt(now, n)
	}
	r := limiter.ReserveN(now, n)
	if !r.OK() {
		return fmt.Errorf("rate limit: %d exceeds the burst of %d", n, limiter.Burst())
	}
	wait := r.DelayFrom(now)
	if wait <= 0 {
		return nil
	}
	if deadline, ok := ctx.Deadline(); ok && now.Add(wait).After(deadline) {
		r.CancelAt(now)
		return fmt.Errorf("rate limit: waiting %s would pass the deadline: %w", wait, context.DeadlineExceeded)
	}
	if err := s.opt.Sleep(ctx, wait); err != nil {
		r.CancelAt(s.opt.Now())
		return err
	}
	return nil
}

// call sends one request, waiting for the rate limits before each try and
// retrying failures of class ErrRetry with backoff.
func (s *Stage) call(ctx context.Context, from language.Tag, segs []Segment) ([]Segment, error) {
	chars := 0
	for _, seg := range segs {
		chars += charCount(seg.Text)
	}
	for attempt := 1; ; attempt++ {
		if err := s.pace(ctx, s.requests, 1); err != nil {
			return nil, err
		}
		if err := s.pace(ctx, s.chars, chars); err != nil {
			return nil, err
		}
		s.mu.Lock()
		sentUnder := s.slowdowns
		s.mu.Unlock()
		out, err := s.tr.Translate(ctx, from, s.to, segs)
		s.count(ctx, from, attempt, chars, err)
		if err == nil {
			return out, nil
		}
		if rateLimited(err) {
			s.slowDown(sentUnder, err)
		}
		if errors.Is(err, ErrFatal) || !errors.Is(err, ErrRetry) || ctx.Err() != nil {
			return nil, err
		}
		if attempt >= s.opt.Retry.Attempts {
			return nil, fmt.Errorf("gave up after %d attempts: %w", attempt, err)
		}
		wait := s.opt.Retry.Wait(attempt, err, s.opt.Jitter())
		s.opt.Log.Info("translate: retrying", "engine", s.caps.Engine, "attempt", attempt, "wait", wait, "err", err)
		if err := s.opt.Sleep(ctx, wait); err != nil {
			return nil, err
		}
	}
}

// count adds a request come back with err to the report: a translation
// billed for chars, or a probe that found a pair the engine lacks.
func (s *Stage) count(ctx context.Context, from language.Tag, attempt, chars int, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case errors.Is(err, ErrUnsupportedPair):
		s.report.Probes++
		s.noPair[baseOf(from.String())] = true
		return
	case err != nil && errors.Is(context.Cause(ctx), ErrUnsupportedPair):
		s.report.Probes++ // called back: the listing lacks the pair
		return
	case errors.Is(err, ErrBadSegment):
		return // refused before anything was sent
	case err == nil:
		s.report.Chars += chars
	}
	s.report.Requests++
	if attempt > 1 {
		s.report.Retries++
	}
}

// apply writes the results into the documents whose segments all came
// through, and records the others in p.failed.
func (s *Stage) apply(docs []*pipeline.Document, p *plan) {
	byDoc := map[int][]unit{}
	for _, u := range p.units {
		byDoc[u.doc] = append(byDoc[u.doc], u)
	}
	docIdx := make([]int, 0, len(byDoc))
	for di := range byDoc {
		docIdx = append(docIdx, di)
	}
	sort.Ints(docIdx)
	for _, di := range docIdx {
		if _, ok := p.unpaired[di]; ok {
			continue
		}
		units := byDoc[di]
		texts := make([]string, len(units))
		flags := make([][]string, len(units))
		cached := make([]bool, len(units))
		var failed error
		for ui, u := range units {
			if u.unpaired {
				texts[ui] = u.text
				flags[ui] = []string{s.unpairedFlag(u.from)}
				continue
			}
			var sb strings.Builder
			last := 0
			cached[ui] = true
			for si, sp := range u.spans {
				o := p.results[u.keys[si]]
				if errors.Is(o.err, ErrUnsupportedPair) {
					p.unpaired[di] = u.from
				}
				if o.err != nil && failed == nil {
					failed = fmt.Errorf("%s: %w", describe(u.ref), o.err)
				}
				sb.WriteString(u.text[last:sp.Start])
				sb.WriteString(o.text)
				last = sp.End
				cached[ui] = cached[ui] && o.cached
				flags[ui] = appendNew(flags[ui], o.flags...)
			}
			sb.WriteString(u.text[last:])
			texts[ui] = sb.String()
		}
		if _, ok := p.unpaired[di]; ok {
			continue
		}
		if failed != nil {
			p.failed[di] = failed
			continue
		}
		s.rewrite(docs[di], units, texts, flags, cached)
	}
	for di, from := range p.unpaired {
		if !s.opt.KeepUntranslated {
			p.failed[di] = s.pairError(from)
			continue
		}
		doc := docs[di]
		doc.Trail = append(doc.Trail, pipeline.Provenance{
			Ref: TitleRef(), Engine: s.caps.Engine, Model: s.caps.Model,
			From: from, To: s.opt.To, Flags: []string{s.unpairedFlag(from)},
		})
	}
}

// unpairedFlag is the trail's flag on text left as it was because the
// engine lacks its pair.
func (s *Stage) unpairedFlag(from string) string {
	return fmt.Sprintf("not translated: %s has no %s→%s pair", s.caps.Engine, from, s.opt.To)
}

func describe(r pipeline.Ref) string {
	switch r {
	case TitleRef():
		return "title"
	case StandfirstRef():
		return "standfirst"
	}
	if r.Item > 0 {
		return "block " + strconv.Itoa(r.Block) + " item " + strconv.Itoa(r.Item)
	}
	return "block " + strconv.Itoa(r.Block)
}

func appendNew(list []string, more ...string) []string {
	for _, m := range more {
		if !slices.Contains(list, m) {
			list = append(list, m)
		}
	}
	return list
}

// rewrite puts the translated texts into doc and updates its metadata,
// mentions and trail.
func (s *Stage) rewrite(doc *pipeline.Document, units []unit, texts []string, flags [][]string, cached []bool) {
	from := s.sourceOf(doc)
	if doc.Meta.Original == nil {
		doc.Meta.Original = &pipeline.Original{Language: from, Title: doc.Meta.Title}
	}
	doc.Meta.Original.Engine = s.caps.Engine
	doc.Meta.Original.Model = s.caps.Model
	doc.Meta.Language = s.opt.To
	doc.Meta.Direction = langid.Direction(s.opt.To)

	translated := map[pipeline.Ref]int{}
	for ui, u := range units {
		if u.unpaired {
			continue // left in its own language, Lang and all
		}
		translated[u.ref] = ui
		switch u.ref {
		case TitleRef():
			doc.Meta.Title = texts[ui]
		case StandfirstRef():
			doc.Meta.Standfirst = texts[ui]
		default:
			*doc.Blocks[u.ref.Block].Texts()[u.ref.Item] = texts[ui]
			doc.Blocks[u.ref.Block].Lang = ""
		}
	}

	// Mentions point into the old text: find each name again in the new
	// one, or drop it and say so.
	var kept []pipeline.Mention
	cursor := map[pipeline.Ref]int{}
	sort.SliceStable(doc.Mentions, func(i, j int) bool {
		a, b := doc.Mentions[i], doc.Mentions[j]
		if a.Ref != b.Ref {
			return a.Block < b.Block || (a.Block == b.Block && a.Item < b.Item)
		}
		return a.Start < b.Start
	})
	for _, m := range doc.Mentions {
		ui, ok := translated[m.Ref]
		if !ok {
			kept = append(kept, m)
			continue
		}
		name := s.opt.NameForm(m, s.opt.To)
		text := texts[ui]
		at := -1
		if c := cursor[m.Ref]; c <= len(text) {
			if i := strings.Index(text[c:], name); i >= 0 {
				at = c + i
			}
		}
		if at < 0 {
			at = strings.Index(text, name)
		}
		if at < 0 {
			flags[ui] = appendNew(flags[ui], "mention-dropped: "+m.Text)
			continue
		}
		if m.Found == "" && m.Text != name {
			m.Found = m.Text // the index lists the spelling the source used
		}
		m.Start, m.End, m.Text = at, at+len(name), name
		cursor[m.Ref] = m.End
		kept = append(kept, m)
	}
	doc.Mentions = kept

	trail := doc.Trail[:0:0]
	for _, pr := range doc.Trail {
		if _, ok := translated[pr.Ref]; !ok {
			trail = append(trail, pr)
		}
	}
	for ui, u := range units {
		trail = append(trail, pipeline.Provenance{
			Ref: u.ref, Engine: s.caps.Engine, Model: s.caps.Model,
			From: u.from, To: s.opt.To, Cached: cached[ui], Flags: flags[ui],
		})
	}
	doc.Trail = trail
}
