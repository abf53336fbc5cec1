package names

import (
	"unicode"
	"unicode/utf8"

	"github.com/dossier-news/dossier/pipeline/names/ner"
)

// The trained tagger (package ner) is the detector: it reads a sentence
// as a whole, where the cues below read a word and its neighbours. What
// it finds with confidence is a mention; what it finds with less, and
// the capitalized words it passes over, are mentions only if the batch
// confirms them (see confirm), so a name the tagger doubts in one
// sentence is still linked when another sentence names it clearly. The
// cues stay as filters and helpers: titles and roles are stripped from
// the tagger's spans, countries, seas and nationality words are left
// out, gazetteer places are places whatever the tagger says (save in
// Arabic script, where it may clearly read a common word), and a cued
// candidate the tagger reads as an organisation is dropped.

// sureConfidence is the confidence from which a tagger span is a mention
// by itself; below it, the batch must confirm it.
// On the held-out split, demoting the tagger's less confident spans cost
// more recall than it gained precision, so every span counts.
const sureConfidence = 0.0

// outsideFloor is the outside confidence (ner.Model.TagOutside) from
// which the tagger's reading of a word as no name stands against the
// cues: a capitalized phrase with such a word is not even left for the
// batch to confirm. Chosen on the held-out split (names stage, every
// mention, countries neutral): without it P 0.886 R 0.867 F1 0.877; at
// 0.6 P 0.907 R 0.864 F1 0.885; 0.55, 0.65 and 0.7 gave F1 0.884, 0.883,
// 0.882, and 0.9 the same as none.
const outsideFloor = 0.6

// sureOutside reports whether the tagger read some of the words as no
// name with an outside confidence of outsideFloor or more.
func sureOutside(outside []float32) bool {
	for _, o := range outside {
		if o >= outsideFloor {
			return true
		}
	}
	return false
}

// gazetteerOutsideFloor is the outside confidence from which the
// tagger's reading of a gazetteer place in Arabic script as no name
// stands against the gazetteer.
const gazetteerOutsideFloor = 0.7

// minOf returns the least of xs (1 when there are none).
func minOf(xs []float32) float32 {
	m := float32(1)
	for _, x := range xs {
		m = min(m, x)
	}
	return m
}

// mostlyCapitals reports whether most of u's cased words (three or more)
// are capitalized, as in a headline written as a paragraph.
func mostlyCapitals(u *unit) bool {
	cased, upper := 0, 0
	for _, w := range u.words {
		if w.script.hasCase() {
			cased++
			if w.upper {
				upper++
			}
		}
	}
	return cased >= 3 && upper*10 >= cased*7
}

// trained reports whether the tagger has training data for lang;
// Azerbaijani has none and borrows from Turkish.
func trained(lang string) bool {
	switch lang {
	case "en", "ru", "uk", "tr", "fa", "ar", "hy":
		return true
	}
	return false
}

// A tagged span is a tagger span over the words of one unit.
type tagged struct {
	start, end int // word indices in unit.words
	kind       ner.Kind
	confidence float32
}

// tagUnit runs the tagger over each sentence of u. outside holds each
// word's outside confidence (ner.Model.TagOutside).
func (f *finder) tagUnit(u *unit) (spans []tagged, outside []float32) {
	var out []tagged
	outside = make([]float32, 0, len(u.words))
	texts := make([]string, 0, 64)
	for a := 0; a < len(u.words); {
		if f.stop.done() {
			return nil, nil
		}
		b := a + 1
		for b < len(u.words) && !u.words[b].sentStart {
			b++
		}
		texts = texts[:0]
		for _, w := range u.words[a:b] {
			texts = append(texts, w.text)
		}
		spans, o := f.tagger.TagOutside(u.lang, texts)
		for _, s := range spans {
			out = append(out, tagged{start: a + s.Start, end: a + s.End, kind: s.Kind, confidence: s.Confidence})
		}
		outside = append(outside, o...)
		a = b
	}
	return out, outside
}

// taggedCandidates merges the tagger's spans with the candidates the cues
// found in u, and returns the candidates of u.
func (f *finder) taggedCandidates(u *unit, cues []*candidate) []*candidate {
	spans, outside := f.tagUnit(u)
	if outside == nil {
		return nil
	}
	words := u.words
	taken := make([]bool, len(words))
	org := make([]bool, len(words))
	name := make([]bool, len(words)) // in a person or place span
	for _, s := range spans {
		for i := s.start; i < s.end; i++ {
			if s.kind == ner.Org {
				org[i] = true
			} else {
				name[i] = true
			}
		}
	}
	var out []*candidate
	// A name a cue marks keeps the cue's reading (its bounds, its
	// kind, the title it follows) where the tagger reads a person
	// or place there too, or the gazetteer lists it; not where the
	// tagger reads an organization.
	for _, c := range cues {
		if c.ev != cued || c.kind == "" {
			continue
		}
		clash, agree := false, false
		for i := c.at; i < c.at+len(c.words); i++ {
			clash = clash || org[i]
			agree = agree || name[i]
		}
		// A place the gazetteer lists is one whatever the tagger says, and
		// a name after a title or place cue is one; in a language the
		// tagger was not trained on, the cues decide.
		gazetteer := c.kind == KindPlace && f.gazetteer(c).kind != ""
		// Without capitals, a gazetteer word is often a common one
		// ("آستانه", threshold, and Astana): there the tagger's clear
		// reading of it as no name stands.
		if gazetteer && u.arabic && trained(u.lang) && minOf(outside[c.at:c.at+len(c.words)]) >= gazetteerOutsideFloor {
			gazetteer = false
		}
		agree = agree || c.titled || !trained(u.lang) || gazetteer
		// "Baku's State Security Service" is an organization, and Baku a
		// place in it.
		if gazetteer && isPossessive(c.words[len(c.words)-1].text) {
			clash = false
		}
		if clash || !agree {
			continue
		}
		for i := c.at; i < c.at+len(c.words); i++ {
			taken[i] = true
		}
		out = append(out, c)
	}
	tagTaken := make([]bool, len(words))
	for _, s := range spans {
		if s.kind == ner.Org {
			continue
		}
		for _, p := range f.trimSpan(u, s.start, s.end) {
			a, b := p[0], p[1]
			clash := false
			for i := a; i < b; i++ {
				clash = clash || taken[i]
			}
			if clash {
				continue
			}
			for i := a; i < b; i++ {
				tagTaken[i] = true
			}
			if c := f.taggedCandidate(u, a, b, s); c != nil {
				out = append(out, c)
			}
		}
	}
	for _, c := range cues {
		if c.ev == cued && c.kind != "" && taken[c.at] {
			continue // kept above
		}
		clash := false
		for i := c.at; i < c.at+len(c.words); i++ {
			clash = clash || taken[i] || tagTaken[i] || org[i]
		}
		if clash {
			continue
		}
		// A capitalized phrase the tagger read as no name, clearly, is
		// none, whatever the batch says; except in a headline, where
		// capitals say nothing and the tagger reads little, and the
		// batch decides.
		if trained(u.lang) && !u.titleCase && !mostlyCapitals(u) && sureOutside(outside[c.at:c.at+len(c.words)]) {
			continue
		}
		// What the cues alone found waits for the batch to confirm it,
		// and is not protected during translation: on the held-out
		// split, protection precision 0.853 → 0.911, recall 0.887 →
		// 0.864. A confidence floor on the tagger's spans cost far more
		// recall (0.63 at 0.9 for spans of several words).
		c.ev, c.unsure = unconfirmed, true
		out = append(out, c)
	}
	return out
}

// trimSpan cuts a tagger span where punctuation stands between two of its
// words (the tagger sees words only: "Turkey, Azerbaijani" is two
// phrases) and strips the titles, roles and function words that open
// each part ("President Aliyev", "Another Azerbaijani").
func (f *finder) trimSpan(u *unit, a, b int) [][2]int {
	var out [][2]int
	words := u.words
	for a < b {
		e := a + 1
		for e < b && joinedBySpace(words[e].gap) {
			e++
		}
		x := a
		for x < e {
			if n := phraseAt(f.lx.titles, words, x); n > 0 && x+n < e {
				x += n
				continue
			}
			if f.lx.stopwords[words[x].folded()] && x+1 < e {
				x++
				continue
			}
			break
		}
		out = append(out, [2]int{x, e})
		a = e
	}
	return out
}

// taggedCandidate returns the candidate for a tagger span over words
// a..b of u, or nil when the lexicon knows it is no mention.
func (f *finder) taggedCandidate(u *unit, a, b int, s tagged) *candidate {
	words := u.words
	// A letter alone is an initial, a grade or a unit, not a name; and a
	// word glued to others by "_" or "@" is part of an identifier or an
	// address ("Walker_Page", "Emma@citylimits.org").
	if b-a == 1 && runes(words[a].text) < 2 {
		return nil
	}
	if glued(words[a].gap, true) || b < len(words) && glued(words[b].gap, false) {
		return nil
	}
	// Words run together where markup was dropped ("CrossrefMedlineGoogle",
	// "andNguyen") are no names; McDonald and DeSantis have one inner
	// capital after a capital start.
	for _, w := range words[a:b] {
		if runTogether(w.text) {
			return nil
		}
	}
	c := f.newCandidate(u, a, b)
	plain, demonyms := 0, 0
	for i, w := range c.words {
		k := w.folded()
		if f.lx.stopwords[k] || f.lx.orgwords[k] || f.lx.titles[k] || f.lx.bylines[k] {
			plain++
		}
		if f.demonym(w.text) {
			demonyms++
		}
		if p := f.lx.places[fold(c.bases[i].base)]; s.kind == ner.Place && len(c.words) > 1 && !u.arabic && (p.kind == kindCountry || p.kind == kindWater) {
			return nil // "Republic of Azerbaijan"
		}
	}
	if plain+demonyms >= len(c.words) {
		return nil
	}
	// A word that marks an organization before the span makes it one:
	// "ОАО Газпром", "Bank Melli".
	if a > 0 && joinedBySpace(u.words[a].gap) && f.lx.orgwords[u.words[a-1].folded()] {
		return nil
	}
	switch p := f.gazetteer(c); p.kind {
	case kindCountry, kindWater:
		return nil
	case "":
		if s.kind == ner.Place && len(c.words) == 1 && adjective(c.words[0]) {
			return nil // "Российского", "Европейском": a name's adjective, not a place
		}
		c.kind = KindPlace
		if s.kind == ner.Person {
			c.kind = KindPerson
		}
	default:
		c.kind = KindPlace
	}
	c.ev = cued
	// Headlines capitalize every word, and the tagger, trained on text,
	// takes many for names there: a headline's names wait for the batch;
	// so does one word opening a sentence that neither the lexicon nor
	// the batch knows as a name ("Make", "Young", "Learn").
	opener := b-a == 1 && words[a].uncertain && words[a].script.hasCase() && !f.knownWord(c, 0)
	// In a language it was not trained on, the tagger guesses: its spans
	// wait for the batch too.
	if s.confidence < sureConfidence || u.titleCase || opener || !trained(u.lang) {
		c.ev = unconfirmed
	}
	return c
}

// runTogether reports whether w is several words written without spaces:
// a lower-case start followed by a capital, two inner capitals each after
// a lower-case letter, or one after four letters or more ("LinkGoogle";
// Mc, Mac and De prefixes are shorter).
func runTogether(w string) bool {
	humps, n, firstHump := 0, 0, 0
	var prev rune
	for _, r := range w {
		if n > 0 && unicode.IsUpper(r) && unicode.IsLower(prev) {
			humps++
			if humps == 1 {
				firstHump = n
			}
		}
		prev = r
		n++
	}
	first, _ := utf8.DecodeRuneInString(w)
	return humps >= 2 || humps == 1 && (unicode.IsLower(first) || firstHump >= 4)
}

// adjective reports whether a Cyrillic word has the ending of an
// adjective, as the words of organization names do ("Российского
// союза"); place names rarely end so, surnames in -ский do.
func adjective(w word) bool {
	if w.script != scriptCyrillic {
		return false
	}
	return hasAnySuffix(w.folded(), "ский", "ского", "ском", "ской", "ская", "ское", "ских", "ную", "ный", "ного", "ном", "ной", "ная", "ное", "ных", "ому")
}

// glued reports whether a gap joins two words into one token: an
// underscore or an at sign right at the word's edge. before tells which
// edge: the gap before the span's first word, or after its last.
func glued(gap string, before bool) bool {
	if gap == "" {
		return false
	}
	edge := gap[len(gap)-1]
	if !before {
		edge = gap[0]
	}
	return edge == '_' || edge == '@'
}
