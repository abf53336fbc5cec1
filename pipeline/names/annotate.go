package names

import (
	"cmp"
	"sort"
	"strings"

	"github.com/dossier-news/dossier/pipeline"
	"github.com/dossier-news/dossier/transliterate"
)

// annotate writes each document's mentions.
func (b *batch) annotate() error {
	out := make([][]pipeline.Mention, len(b.docs))
	unresolved := map[*candidate]bool{}
	for _, p := range b.unresolved {
		unresolved[p.candidate] = true
	}
	// A mention found on little evidence is sure once it is linked to an
	// entity found on good evidence elsewhere: detection and linking are
	// separate, and the link is the evidence.
	sure := map[*entity]bool{}
	for _, c := range b.cands {
		if e := b.byCand[c]; e != nil && !c.unsure {
			sure[e] = true
		}
	}
	for _, c := range b.cands {
		if b.f.stop.done() {
			return b.f.stop.cause()
		}
		m := pipeline.Mention{Ref: c.ref, Start: c.start(), End: c.end(), Text: c.unit.text[c.start():c.end()], Kind: c.kind, Unsure: c.unsure}
		switch e := b.byCand[c]; {
		case e != nil:
			m.Entity, m.Canonical = e.id, e.canonical
			m.Unsure = m.Unsure && !sure[e]
		case unresolved[c]:
			m.Unresolved = true
		default:
			continue
		}
		out[c.doc] = append(out[c.doc], m)
	}
	for i, d := range b.docs {
		if d != nil {
			d.Mentions = out[i]
		}
	}
	return nil
}

// Rewrite replaces every linked mention of doc with its entity's canonical
// spelling and moves the offsets of all mentions to match; the title and
// standfirst are rewritten too, bylines are not (an author's byline is
// how they spell their own name). Each mention keeps the form it was found
// in in Found. Grammatical endings stay: Azerbaijani "Rəsulovla" becomes
// canonical + "la", a Russian case form keeps its ending when the
// canonical form is Cyrillic. A partial name is respelled as the part of
// the canonical name it is ("Asgarov" → "Askarov", not "Zahir Askarov").
// A mention in another script than the canonical form takes the alias
// file's form for its language (opts.Aliases), or is left as it stands
// when there is none; so is a one-word mention whose word the canonical
// form does not contain.
func Rewrite(doc *pipeline.Document, opts Options) {
	lx, err := loadLexicon()
	if err != nil {
		return // the embedded lexicon is checked by the tests
	}
	_ = rewrite(&finder{lx: lx, m: transliterate.New()}, doc, opts.Aliases) // no stopper: never stops
}

// rewrite is Rewrite with the finder of a batch; it stops, leaving the
// text partly respelled, when the batch's context is done.
func rewrite(f *finder, doc *pipeline.Document, aliases *transliterate.Aliases) error {
	byUnit := map[pipeline.Ref][]int{}
	for i, m := range doc.Mentions {
		byUnit[m.Ref] = append(byUnit[m.Ref], i)
	}
	unit := func(r pipeline.Ref, text *string) {
		idx := byUnit[r]
		if len(idx) == 0 {
			return
		}
		lang := langOf(doc.Meta.Language, *text)
		if r.Block >= 0 && r.Block < len(doc.Blocks) && doc.Blocks[r.Block].Lang != "" {
			lang = langOf(doc.Blocks[r.Block].Lang, *text)
		}
		sort.Slice(idx, func(i, j int) bool { return doc.Mentions[idx[i]].Start < doc.Mentions[idx[j]].Start })
		var sb strings.Builder
		last, shift := 0, 0
		for _, i := range idx {
			if f.stop.done() {
				return
			}
			m := &doc.Mentions[i]
			if m.Start < last || m.End > len(*text) || (*text)[m.Start:m.End] != m.Text {
				m.Start += shift // overlapping or stale: leave the text alone
				m.End += shift
				continue
			}
			sb.WriteString((*text)[last:m.Start])
			repl := m.Text
			if m.Entity != "" && m.Canonical != "" {
				repl = f.respell(lang, m.Text, canonicalFor(m, lang, aliases))
			}
			if m.Found == "" {
				// Translation may change Text again; the index lists
				// the form the source used.
				m.Found = m.Text
			}
			last = m.End
			m.Start += shift
			shift += len(repl) - len(m.Text)
			sb.WriteString(repl)
			m.Text = repl
			m.End = m.Start + len(repl)
		}
		sb.WriteString((*text)[last:])
		*text = sb.String()
	}
	doc.MetaUnits(func(r pipeline.Ref, text *string) {
		if r.Item < pipeline.AuthorItem(0) {
			unit(r, text)
		}
	})
	doc.Units(unit)
	return f.stop.cause()
}

// canonicalFor is the canonical name of m's entity as the text's
// language writes it: the alias file may give the name in the script of
// the mention ("Ильхам Алиев" for Ilham Aliyev).
func canonicalFor(m *pipeline.Mention, lang string, aliases *transliterate.Aliases) string {
	canonical := m.Canonical
	if scriptOf(canonical) != scriptOf(m.Text) && aliases != nil {
		if form, ok := aliases.Form(canonical, lang); ok {
			canonical = form
		}
	}
	return canonical
}

// NameForm returns how a mention should read where the text is rewritten
// or translated into language to: its entity's canonical name, in the
// alias file's form for to when there is one; for a partial name, the
// part of it the mention is ("Askarov" for "Askarov", not "Zahir
// Askarov"). Unlinked and unresolved mentions keep their text. It suits
// translate.Options.NameForm.
func NameForm(aliases *transliterate.Aliases) func(m pipeline.Mention, to string) string {
	f := &finder{m: transliterate.New()}
	return func(m pipeline.Mention, to string) string {
		if m.Entity == "" || m.Canonical == "" || m.Unresolved {
			return m.Text
		}
		canonical := m.Canonical
		if aliases != nil {
			if form, ok := aliases.Form(canonical, to); ok {
				canonical = form
			}
		}
		words := strings.Fields(canonical)
		surface := tokenize(m.Text)
		if len(surface) != 1 || len(words) < 2 {
			return canonical
		}
		for _, w := range words {
			if f.same(w, surface[0].text) {
				return w
			}
		}
		return m.Text
	}
}

// respell returns canonical in the place of surface, with surface's
// grammatical endings. Azerbaijani, Turkish and English put the ending on
// the last word of the name only, which stays last; Russian and Armenian
// inflect every word, whose ending goes to the canonical word it spells.
func (f *finder) respell(lang, surface, canonical string) string {
	sw := tokenize(surface)
	cw := strings.Fields(canonical)
	if len(sw) == 0 || len(cw) == 0 || scriptOf(surface) != scriptOf(canonical) {
		return surface
	}
	red := make([]reduction, len(sw))
	for i, w := range sw {
		red[i] = f.reduce(lang, w.text)
	}
	if len(sw) == 1 && len(cw) > 1 {
		// A partial name keeps its place: respell only the word it is.
		for _, c := range cw {
			if f.same(c, red[0].base) {
				return inflect(c, red[0])
			}
		}
		return surface
	}
	phraseFinal := false
	switch grammarFor(lang, scriptOf(surface)).(type) {
	case turkic, possessive:
		phraseFinal = true
	}
	if len(sw) == len(cw) && !phraseFinal {
		// Each canonical word takes the ending of the surface word that
		// spells it, whatever the order.
		parts := make([]string, len(cw))
		used := make([]bool, len(sw))
		for i, c := range cw {
			parts[i] = c
			for j := range sw {
				if !used[j] && f.same(c, red[j].base) {
					used[j] = true
					parts[i] = inflect(c, red[j])
					break
				}
			}
		}
		return strings.Join(parts, " ")
	}
	cw[len(cw)-1] = inflect(cw[len(cw)-1], red[len(red)-1])
	return strings.Join(cw, " ")
}

// inflect puts the ending r took off its word onto w.
func inflect(w string, r reduction) string {
	if r.suffix == "" {
		return w
	}
	if r.add != "" {
		if !strings.HasSuffix(w, r.add) {
			return w
		}
		w = strings.TrimSuffix(w, r.add)
	}
	return w + r.suffix
}

// BuildIndex lists the entities the documents' mentions link to: persons
// first, then places, each by canonical name. Variants are the spellings
// the sources used (a mention's Found, where rewriting or translation has
// changed its Text), without the case endings the sentence added
// (Azerbaijani "Arif Rəsulovla" counts as "Arif Rəsulov", Russian "Арифом
// Расуловым" as "Ариф Расулов"), most frequent first. The file of a
// mention is its document's Meta.Source; its text and offsets are those
// of the text as it stands, endings included.
func BuildIndex(docs []*pipeline.Document) *pipeline.Index {
	byID := map[string]*pipeline.Entity{}
	counts := map[string]map[string]int{}
	var ids []string
	sp := newSpeller(docs)
	for _, d := range docs {
		if d == nil {
			continue
		}
		for _, m := range d.Mentions {
			if m.Entity == "" {
				continue
			}
			e := byID[m.Entity]
			if e == nil {
				e = &pipeline.Entity{ID: m.Entity, Canonical: m.Canonical, Kind: m.Kind}
				byID[m.Entity] = e
				counts[m.Entity] = map[string]int{}
				ids = append(ids, m.Entity)
			}
			counts[m.Entity][sp.spelling(d, m)]++
			e.Mentions = append(e.Mentions, pipeline.EntityMention{File: d.Meta.Source, Text: m.Text, Block: m.Block, Item: m.Item, Start: m.Start, End: m.End})
		}
	}
	idx := &pipeline.Index{Entities: []pipeline.Entity{}}
	for _, id := range ids {
		e := byID[id]
		for t, n := range counts[id] {
			e.Variants = append(e.Variants, pipeline.Variant{Text: t, Count: n})
		}
		sort.Slice(e.Variants, func(i, j int) bool {
			a, b := e.Variants[i], e.Variants[j]
			if a.Count != b.Count {
				return a.Count > b.Count
			}
			return a.Text < b.Text
		})
		idx.Entities = append(idx.Entities, *e)
	}
	sort.SliceStable(idx.Entities, func(i, j int) bool {
		a, b := idx.Entities[i], idx.Entities[j]
		if a.Kind != b.Kind {
			return a.Kind == KindPerson
		}
		return a.Canonical < b.Canonical
	})
	return idx
}

// A speller takes a mention's case endings off for the index, deciding
// doubtful ones (Мирхафиза: a genitive, or a name in -a?) the way
// detection does: by the lexicon, then by the batch's canonical names.
type speller struct {
	f *finder
}

func newSpeller(docs []*pipeline.Document) speller {
	lx, err := loadLexicon()
	if err != nil {
		return speller{} // the embedded lexicon is checked by the tests
	}
	f := &finder{lx: lx, m: transliterate.New(), known: newKeyIndex()}
	for _, d := range docs {
		if d == nil {
			continue
		}
		for _, m := range d.Mentions {
			for _, w := range tokenize(m.Canonical) {
				f.add(f.known, w.text)
			}
		}
	}
	return speller{f: f}
}

// spelling is the form of m the sources used, without its case endings.
// Azerbaijani, Turkish and English put the ending on the last word of a
// name only, so only that word is reduced there; Russian and Armenian
// inflect every word.
func (s speller) spelling(d *pipeline.Document, m pipeline.Mention) string {
	surface := cmp.Or(m.Found, m.Text)
	if s.f == nil {
		return surface
	}
	lang := s.lang(d, m, surface)
	words := tokenize(surface)
	if len(words) == 0 {
		return surface
	}
	from := 0
	switch grammarFor(lang, scriptOf(surface)).(type) {
	case nil:
		return surface
	case turkic, possessive:
		from = len(words) - 1
	}
	var sb strings.Builder
	last := 0
	for _, w := range words[from:] {
		r := s.f.reduce(lang, w.text)
		if r.base == w.text || r.base == "" {
			continue
		}
		sb.WriteString(surface[last:w.start])
		sb.WriteString(r.base)
		last = w.end
	}
	if last == 0 {
		return surface
	}
	sb.WriteString(surface[last:])
	return sb.String()
}

// lang is the language of the text m was found in: the original's when
// Found keeps a form from before translation.
func (s speller) lang(d *pipeline.Document, m pipeline.Mention, surface string) string {
	if m.Found != "" && d.Meta.Original != nil && d.Meta.Original.Language != "" {
		return langOf(d.Meta.Original.Language, surface)
	}
	tag := d.Meta.Language
	if m.Block >= 0 && m.Block < len(d.Blocks) && d.Blocks[m.Block].Lang != "" {
		tag = d.Blocks[m.Block].Lang
	}
	return langOf(tag, surface)
}
