package translate

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/dossier-news/dossier/pipeline"
	"golang.org/x/text/language"
)

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
	flags  []pipeline.Flag
	cached bool
	// untranslated marks text that is not a translation at all: the
	// source kept, flagged, after every fallback failed. It is never
	// cached, so that the next run tries again rather than freezing a
	// one-off truncation until --refresh.
	untranslated bool
	// unchanged marks the source that the engine gave back as it was.
	// That is cached, as such: the engine will say the same again, and
	// a warm run must send nothing.
	unchanged bool
	err       error
}

// keptSource is the outcome of a segment left in its source text because
// of cause.
func keptSource(seg Segment, cause error) outcome {
	return outcome{text: seg.Text, flags: []pipeline.Flag{pipeline.NewFlag(pipeline.FlagUntranslated, errorText(cause))}, untranslated: true}
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
	// cachedChars counts the source characters of the segments the cache
	// answered: the same measure as Report.Chars, so a rerun reports from
	// the cache what the first run sent.
	cachedChars int
}

// Plan reports what ApplyBatch would send for docs, reading the cache but
// sending no translation and changing nothing. An engine that can list
// its pairs is asked for them when some language has segments the cache
// lacks, so that documents it cannot translate are reported.
func (s *Stage) Plan(ctx context.Context, docs []*pipeline.Document) (Report, error) {
	p := s.plan(docs)
	over := s.budget(p)
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
		}
	}
	r.CachedChars = p.cachedChars
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
	if over != nil {
		return r, over
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
	prot := newGuard(docs, s.opt.To, s.opt.PlaceName)
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
			keeps := s.keeps(prot, doc, u)
			spans, segs := Split(u.text, u.from, keeps, segmentLimits(s.caps))
			u.spans, u.segs = spans, segs
			for _, seg := range segs {
				seg = engineSegment(seg)
				key := s.key(u.from, seg)
				u.keys = append(u.keys, key)
				if seen[key] {
					continue
				}
				seen[key] = true
				o, ok := s.reviewed(u.from, seg)
				if !ok {
					o, ok = s.cached(key)
				}
				if ok {
					p.results[key] = o
					p.cachedChars += charCount(seg.Text)
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

// key is the cache key of a segment's translation by the stage's engine.
func (s *Stage) key(from string, seg Segment) string {
	return Key(s.caps.Engine, s.caps.Model, s.caps.Protect, s.opt.Glossary.Hash(from, s.opt.To), from, s.opt.To, seg)
}

// reviewed returns the reviewed translation of seg the cache holds: a
// person's, which answers whatever engine is asked and even --refresh
// keeps.
func (s *Stage) reviewed(from string, seg Segment) (outcome, bool) {
	if s.opt.Cache == nil {
		return outcome{}, false
	}
	return s.cachedEntry(ReviewedKey(from, s.opt.To, seg))
}

func (s *Stage) cached(key string) (outcome, bool) {
	if s.opt.Cache == nil || s.opt.Refresh {
		return outcome{}, false
	}
	return s.cachedEntry(key)
}

func (s *Stage) cachedEntry(key string) (outcome, bool) {
	b, err := s.opt.Cache.Get(key)
	if err != nil {
		s.opt.Log.Warn("translate: cache read", "err", err)
		return outcome{}, false
	}
	if b == nil {
		return outcome{}, false
	}
	e, err := DecodeEntry(b)
	if err != nil {
		s.opt.Log.Warn("translate: cache entry unreadable, translating again", "err", err)
		return outcome{}, false
	}
	return outcome{text: e.Text, flags: pipeline.ParseFlags(e.Flags), cached: true, unchanged: e.Unchanged}, true
}

// store caches a translation, or the engine's word that it leaves the
// segment as it is, with the segment and engine, so that the memory can
// be exported; failures and source text kept as a fallback are left for
// the next run to try again. An error wraps ErrCacheWrite: the batch
// must stop rather than pay for answers it cannot keep. It never writes
// under ReviewedKey, so a reviewed translation outlives every run.
func (s *Stage) store(it *item, o outcome) error {
	if s.opt.Cache == nil || o.err != nil || o.untranslated {
		return nil
	}
	b, err := Entry{
		Text: o.text, Flags: pipeline.FlagTexts(o.flags), Unchanged: o.unchanged, // the memory keeps flags as text
		Source: it.seg.Text, Keep: it.seg.Keep, From: it.from, To: s.opt.To,
		Engine: s.caps.Engine, Model: s.caps.Model, Protect: s.caps.Protect,
		Glossary: s.opt.Glossary.Hash(it.from, s.opt.To),
		Changed:  s.opt.Now().UTC(),
	}.Encode()
	if err == nil {
		err = s.opt.Cache.Put(it.key, b)
	}
	if err != nil {
		return fmt.Errorf("%w: %w", ErrCacheWrite, err)
	}
	return nil
}

// budget fails the articles of p whose own unsent segments are over the
// per-article budget, leaving out the segments no other article needs,
// and returns an error wrapping ErrBudget when what is left is over the
// batch budget: then nothing may be sent.
func (s *Stage) budget(p *plan) error {
	bud := s.opt.Budget
	if bud.ArticleChars > 0 || bud.ArticleRequests > 0 {
		byKey := map[string]*item{}
		for _, it := range p.items {
			byKey[it.key] = it
		}
		dropped := map[int]bool{}
		for _, di := range p.docOrder() {
			var own []*item
			seen := map[string]bool{}
			for _, u := range p.units {
				if u.doc != di {
					continue
				}
				for _, key := range u.keys {
					if it, ok := byKey[key]; ok && !seen[key] {
						seen[key] = true
						own = append(own, it)
					}
				}
			}
			chars, requests := s.cost(own)
			switch {
			case bud.ArticleChars > 0 && chars > bud.ArticleChars:
				p.failed[di] = fmt.Errorf("%d characters to translate, more than the article budget of %d: %w", chars, bud.ArticleChars, ErrBudget)
			case bud.ArticleRequests > 0 && requests > bud.ArticleRequests:
				p.failed[di] = fmt.Errorf("%d requests to send, more than the article budget of %d: %w", requests, bud.ArticleRequests, ErrBudget)
			default:
				continue
			}
			dropped[di] = true
		}
		if len(dropped) > 0 {
			p.drop(dropped)
		}
	}
	if bud.Chars <= 0 && bud.Requests <= 0 {
		return nil
	}
	chars, requests := s.cost(p.items)
	switch {
	case bud.Chars > 0 && chars > bud.Chars:
		return fmt.Errorf("%d characters to translate, more than the budget of %d; nothing sent: %w", chars, bud.Chars, ErrBudget)
	case bud.Requests > 0 && requests > bud.Requests:
		return fmt.Errorf("%d requests to send, more than the budget of %d; nothing sent: %w", requests, bud.Requests, ErrBudget)
	}
	return nil
}

// cost returns the characters and requests sending items takes.
func (s *Stage) cost(items []*item) (chars, requests int) {
	for _, it := range items {
		chars += it.chars
	}
	for _, g := range s.groups(items) {
		requests += len(g.requests)
	}
	return chars, requests
}

// docOrder lists the documents of p's units, in order.
func (p *plan) docOrder() []int {
	var order []int
	for _, u := range p.units {
		if len(order) == 0 || order[len(order)-1] != u.doc {
			order = append(order, u.doc)
		}
	}
	return order
}

// drop removes the units of the documents in docs from p, and the
// segments only they needed.
func (p *plan) drop(docs map[int]bool) {
	units := p.units[:0]
	needed := map[string]bool{}
	for _, u := range p.units {
		if docs[u.doc] {
			continue
		}
		units = append(units, u)
		for _, key := range u.keys {
			needed[key] = true
		}
	}
	p.units = units
	p.docs -= len(docs)
	items := p.items[:0]
	for _, it := range p.items {
		if needed[it.key] {
			items = append(items, it)
		}
	}
	p.items = items
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
