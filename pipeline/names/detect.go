package names

import (
	"context"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dossier-news/dossier/pipeline"
	"github.com/dossier-news/dossier/pipeline/names/ner"
	"github.com/dossier-news/dossier/transliterate"
)

// Kinds of mention.
const (
	KindPerson = "person"
	KindPlace  = "place"
)

// evidence says how sure finding is that a candidate is a name.
type evidence uint8

const (
	unconfirmed evidence = iota // a capitalized phrase with no cue: kept only if the batch confirms it
	cued                        // a title, role, place cue, known name or name-shaped word
)

// A candidate is a possible mention: a run of words of one text unit.
type candidate struct {
	unit  *unit
	at    int // the index of the first word in unit.words
	doc   int
	ref   pipeline.Ref
	words []word
	bases []reduction // one per word
	lang  string
	kind  string // KindPerson, KindPlace, or "" while unknown
	ev    evidence
	// titled is set when a title, role or place cue stands right before
	// the candidate: evidence the tagger need not confirm.
	titled bool
	// unsure is set when the candidate rests on little evidence (see
	// pipeline.Mention.Unsure).
	unsure bool
	// given and surname tell which words are a known given name or carry
	// a surname ending; they guide linking of partial names.
	given, surname []bool
}

func (c *candidate) start() int { return c.words[0].start }

// end leaves out an English possessive and a suffix set off by an
// apostrophe: the mention of "Baku's" and of "Bakü'ye" is the name alone.
func (c *candidate) end() int {
	end := c.words[len(c.words)-1].end
	if s := c.bases[len(c.bases)-1].suffix; isPossessive(s) || s == "'" || s == "’" || isApostrophe(firstRune(s)) {
		end -= len(s)
	}
	return end
}

// base is the name with every word reduced to its base form.
func (c *candidate) base() string {
	parts := make([]string, len(c.bases))
	for i, b := range c.bases {
		parts[i] = b.base
	}
	return strings.Join(parts, " ")
}

// unit is one text unit of one document, tokenized.
type unit struct {
	doc    int
	ref    pipeline.Ref
	text   string
	lang   string
	words  []word
	author bool // a byline: a person's name, or an outlet's or a desk's
	arabic bool // most words are in Arabic script
	// titleCase is set for titles and headings, which may capitalize
	// every word by style.
	titleCase bool
}

// prose reports whether u reads as running text rather than a label, a
// list or a menu: four words or more, and two of them in lower case or
// one in five of its cased words. Menus, captions, ingredient lists and
// reference lists capitalize most words, and the tagger, trained on news
// text, takes many of them for names there; a news sentence dense with
// names still has its "met" and "in".
func (u *unit) prose() bool {
	cased, lower := 0, 0
	for _, w := range u.words {
		if !w.script.hasCase() {
			continue
		}
		cased++
		if !w.upper {
			lower++
		}
	}
	if cased == 0 {
		return true // scripts without case say nothing here
	}
	return len(u.words) >= 4 && (lower >= 2 || lower*5 >= cased)
}

func (u *unit) allUncertain() {
	u.titleCase = true
	for i := range u.words {
		u.words[i].uncertain = true
	}
}

// authorCandidates finds the people a byline names: each part between
// separators ("Ebrahim Ramezani and Akhtar Safi") that looks like a
// personal name: two to four name words, none of them a role, desk,
// outlet, organization or place ("Staff Reporter", "Redaksiya",
// "Редакция", "Reuters", "Tehran Bureau").
func (f *finder) authorCandidates(u *unit) []*candidate {
	var out []*candidate
	a := 0
	flush := func(b int) {
		if c := f.authorName(u, a, b); c != nil {
			out = append(out, c)
		}
	}
	for i, w := range u.words {
		switch {
		case bylineSeparators[w.folded()]:
			flush(i)
			a = i + 1
		case i > a && strings.ContainsAny(w.gap, ",;&/|:·•()"):
			flush(i)
			a = i
		}
	}
	flush(len(u.words))
	return out
}

// bylineSeparators join the names of several authors, or introduce them.
var bylineSeparators = map[string]bool{"and": true, "и": true, "və": true, "ve": true, "و": true, "et": true, "und": true, "y": true, "by": true, "автор": true, "авторы": true, "müəllif": true, "نویسنده": true}

// authorName returns words a..b of a byline as a person, if they look
// like one.
func (f *finder) authorName(u *unit, a, b int) *candidate {
	if n := phraseAt(f.lx.titles, u.words, a); n > 0 && n < b-a {
		a += n // "Dr", "Prof."
	}
	if b-a < 2 || b-a > 4 {
		return nil
	}
	for _, w := range u.words[a:b] {
		k := w.folded()
		switch {
		case f.lx.bylines[k], f.lx.orgwords[k], f.lx.stopwords[k], f.lx.places[k].kind != "", f.demonym(w.text):
			return nil
		case w.acronym || runes(k) < 2 || strings.IndexFunc(w.text, unicode.IsDigit) >= 0:
			return nil
		case w.script.hasCase() && !w.upper:
			return nil
		case w.script == scriptOther:
			return nil
		}
	}
	c := f.newCandidate(u, a, b)
	c.kind, c.ev = KindPerson, cued
	return c
}

// finder finds candidates in text units; it reads the lexicon and what the
// batch has shown so far.
type finder struct {
	lx *lexicon
	// knownKeys holds the keys of name words seen where they are not
	// inflected and not sentence-initial: capitalized words mid-sentence in
	// languages without case endings. A word at the start of a sentence,
	// or a case form, is checked against them.
	known    *keyIndex
	m        *transliterate.Matcher
	keyCache map[string][]string
	// stop, when set, tells the loops over words that the batch's
	// context is done.
	stop *stopper
	// tagger, when set, is the detector; the cues then filter and help
	// (see tagger.go).
	tagger *ner.Model
	// common holds the folded forms of cased words the batch writes in
	// lower case somewhere: "ранее", "после", "северный". Such a word
	// capitalized is a sentence opener or part of a proper name's
	// adjective, not evidence of a name, so the batch does not confirm it.
	common map[string]bool
}

// A stopper tells long loops when a context is done. It looks at the
// context only every stopEvery calls, so a loop may ask at every word,
// and keeps the first error for the caller to return.
type stopper struct {
	ctx context.Context
	n   int
	err error
}

const stopEvery = 256

// done reports whether the loop asking should stop. A nil stopper never
// stops.
func (s *stopper) done() bool {
	if s == nil {
		return false
	}
	if s.err != nil {
		return true
	}
	s.n++
	if s.n%stopEvery == 0 {
		s.err = s.ctx.Err()
	}
	return s.err != nil
}

// cause is the context's error once done has said so, else nil.
func (s *stopper) cause() error {
	if s == nil {
		return nil
	}
	return s.err
}

// langOf returns the primary language subtag of a text unit, falling back
// to what its script suggests.
func langOf(tag string, text string) string {
	tag = strings.ToLower(tag)
	if i := strings.IndexAny(tag, "-_"); i > 0 {
		tag = tag[:i]
	}
	if tag != "" {
		return tag
	}
	for _, r := range text {
		switch {
		case r == 'ə' || r == 'Ə':
			return "az"
		case unicode.Is(unicode.Cyrillic, r):
			return "ru"
		case unicode.Is(unicode.Arabic, r):
			return "fa"
		case unicode.Is(unicode.Armenian, r):
			return "hy"
		}
	}
	return "en"
}

// isNameWord reports whether a word could be part of a name in a cased
// script: capitalized, not an acronym, not a number, not a stopword.
func (f *finder) isNameWord(w word) bool {
	return w.upper && !w.acronym && w.script.hasCase() && !f.lx.stopwords[w.folded()]
}

// particles join the words of one name in lower case: "bin", "van", "oğlu".
var nameParticles = map[string]bool{"bin": true, "ibn": true, "al": true, "el": true, "de": true, "da": true, "van": true, "von": true, "der": true, "du": true, "la": true, "oğlu": true, "oglu": true, "qızı": true, "оглы": true, "кызы": true}

// runs splits the words of a cased unit into runs of name words that stand
// next to each other. A possessive ends a run.
func (f *finder) runs(words []word) [][2]int {
	var out [][2]int
	i := 0
	for i < len(words) {
		if !f.isNameWord(words[i]) && !f.titledGiven(words, i) {
			i++
			continue
		}
		j := i + 1
		for j < len(words) && joinedBySpace(words[j].gap) && !words[j].sentStart && !isPossessive(words[j-1].text) {
			if f.isNameWord(words[j]) {
				j++
				continue
			}
			if nameParticles[words[j].folded()] && j+1 < len(words) && joinedBySpace(words[j+1].gap) && f.isNameWord(words[j+1]) {
				j += 2
				continue
			}
			break
		}
		out = append(out, [2]int{i, j})
		i = j
	}
	return out
}

// titledGiven reports whether word i, a stopword that is also a given
// name (Turkish "Kasım" is November too), is a name here: a title stands
// before it and a name word follows ("Cumhurbaşkanı Kasım Cömert Tokayev").
func (f *finder) titledGiven(words []word, i int) bool {
	w := words[i]
	if !w.upper || !f.lx.given[w.folded()] || i+1 >= len(words) || !joinedBySpace(words[i+1].gap) || !f.isNameWord(words[i+1]) {
		return false
	}
	return i > 0 && joinedBySpace(w.gap) && phraseBefore(f.lx.titles, words, i) > 0
}

func isPossessive(w string) bool {
	return strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "’s") || strings.HasSuffix(w, "s'") || strings.HasSuffix(w, "s’")
}

// casedCandidates finds the candidates of a unit in a script with capitals.
func (f *finder) casedCandidates(u *unit) []*candidate {
	var out []*candidate
	g := grammarFor(u.lang, scriptLatin)
	for _, r := range f.runs(u.words) {
		for _, p := range f.titleSplit(u, r) {
			out = append(out, f.splitRun(u, p[0], p[1], g)...)
		}
	}
	return out
}

// titleSplit cuts a run of a title-case unit at each word neither the
// lexicon nor the batch knows as a name word, so "Zahir Asgarov Held"
// gives Zahir Asgarov and Held, which stands alone until the batch
// confirms it.
func (f *finder) titleSplit(u *unit, r [2]int) [][2]int {
	if !u.titleCase || r[1]-r[0] < 2 {
		return [][2]int{r}
	}
	var out [][2]int
	a := r[0]
	for i := r[0]; i < r[1]; i++ {
		if f.knownWord(f.newCandidate(u, i, i+1), 0) {
			continue
		}
		if i > a {
			out = append(out, [2]int{a, i})
		}
		out = append(out, [2]int{i, i + 1})
		a = i + 1
	}
	if a < r[1] {
		out = append(out, [2]int{a, r[1]})
	}
	return out
}

// splitRun cuts a run at titles, known places and case endings that close a
// name, and classifies each part.
func (f *finder) splitRun(u *unit, a, b int, _ grammar) []*candidate {
	words := u.words
	var out []*candidate
	personCue := phraseBefore(f.lx.titles, words, a) > 0 && joinedBySpace(words[a].gap)
	placeCue := phraseBefore(f.lx.placeBefore, words, a) > 0 && joinedBySpace(words[a].gap)
	// A title that begins before the run and ends inside it: "Secretary
	// of State Antony Blinken" gives the run "State Antony Blinken".
	for j := b - 1; j > a; j-- {
		if n := phraseBefore(f.lx.titles, words, j); n > j-a {
			a, personCue, placeCue = j, true, false
			break
		}
	}
	for a < b {
		// A title inside the run: what stands before it is a name of its
		// own ("Armenia's" is cut already), what follows is a person.
		cut := -1
		n := 0
		for j := a; j < b; j++ {
			if n = phraseAt(f.lx.titles, words, j); n > 0 {
				cut = j
				break
			}
		}
		if cut >= 0 {
			if cut > a {
				out = append(out, f.classify(u, a, cut, personCue, placeCue)...)
			}
			a = cut + n
			personCue, placeCue = true, false
			continue
		}
		out = append(out, f.classify(u, a, b, personCue, placeCue)...)
		break
	}
	return out
}

// classify decides what the words a..b are, splitting off known places,
// and returns the candidates.
func (f *finder) classify(u *unit, a, b int, personCue, placeCue bool) []*candidate {
	words := u.words
	if a >= b {
		return nil
	}
	c := f.newCandidate(u, a, b)
	whole := f.gazetteer(c)
	if whole.kind != "" {
		if whole.kind == kindCountry || whole.kind == kindWater {
			return nil
		}
		c.kind, c.ev = KindPlace, cued
		return []*candidate{c}
	}
	// A word after the run that marks a place ("Qum şəhərində") makes the
	// last word a place.
	if b < len(words) && joinedBySpace(words[b].gap) && phraseAt(f.lx.placeAfter, words, b) > 0 {
		last := f.newCandidate(u, b-1, b)
		last.kind, last.ev = KindPlace, cued
		return append(f.classify(u, a, b-1, personCue, false), last)
	}
	if b-a > 1 {
		// A known place inside a longer run stands on its own:
		// "İlham Əliyev Bakıda Zəfər Günü".
		for j := a; j < b; j++ {
			one := f.newCandidate(u, j, j+1)
			if p := f.gazetteer(one); p.kind != "" {
				var out []*candidate
				out = append(out, f.classify(u, a, j, personCue, placeCue)...)
				out = append(out, f.classify(u, j, j+1, false, false)...)
				return append(out, f.classify(u, j+1, b, false, false)...)
			}
			// A case ending closes a name in languages that inflect
			// only the last word, "Bakıda Zəfər Günü", and where the
			// next word is in another case: "С Лавровым Байрамов".
			// So does a German genitive -s: "Tokajews Regierung".
			germanGenitive := u.lang == "de" && one.bases[0].suffix == "s"
			if j < b-1 && (one.bases[0].oblique && one.bases[0].suffix != "" || germanGenitive) && (u.words[j].script == scriptLatin || f.reduce(u.lang, u.words[j+1].text).suffix == "") {
				return append(f.classify(u, a, j+1, personCue, placeCue), f.classify(u, j+1, b, false, false)...)
			}
		}
	}
	// In Azerbaijani and Turkish only the last word of a name takes a
	// case ending, so a last word in the locative or ablative that nothing
	// knows, after words that are all known names but do not open with a
	// given name, is a place of its own: "Bayraktar Qarsdan" is Bayraktar
	// from Kars, while "Pərviz Qasımovdan" stays one person.
	if b-a > 1 && (u.lang == "az" || u.lang == "tr") && words[b-1].script == scriptLatin && !c.given[0] {
		last := f.newCandidate(u, b-1, b)
		head := f.newCandidate(u, a, b-1)
		known := true
		for j := range head.words {
			known = known && f.knownWord(head, j)
		}
		if known && !f.knownWord(last, 0) && last.bases[0].oblique && f.locative(u, b-1, last) {
			return append(f.classify(u, a, b-1, personCue, placeCue), f.classify(u, b-1, b, false, false)...)
		}
	}
	demonyms := 0
	for _, w := range words[a:b] {
		if f.lx.orgwords[w.folded()] {
			return nil
		}
		if f.demonym(w.text) {
			demonyms++
		}
	}
	if demonyms == b-a {
		return nil
	}
	// A capitalized word that opens a sentence is a name only if it is
	// known or the batch writes it capitalized elsewhere.
	if words[a].uncertain && !personCue && !placeCue && !f.knownWord(c, 0) {
		if b-a == 1 {
			c.ev = unconfirmed
			return []*candidate{c}
		}
		return f.classify(u, a+1, b, false, false)
	}
	switch {
	case placeCue:
		c.kind, c.ev, c.titled = KindPlace, cued, true
	case personCue:
		c.kind, c.ev, c.titled = KindPerson, cued, true
	case f.personShaped(c):
		c.kind, c.ev = KindPerson, cued
	case b-a == 1 && f.locative(u, a, c):
		c.kind, c.ev = KindPlace, cued
	default:
		c.ev = unconfirmed
	}
	return []*candidate{c}
}

// newCandidate builds the candidate for words a..b with their bases.
func (f *finder) newCandidate(u *unit, a, b int) *candidate {
	c := &candidate{unit: u, at: a, doc: u.doc, ref: u.ref, words: u.words[a:b:b], lang: u.lang}
	c.bases = make([]reduction, b-a)
	c.given = make([]bool, b-a)
	c.surname = make([]bool, b-a)
	for i, w := range c.words {
		c.bases[i] = f.reduce(u.lang, w.text)
		c.given[i] = f.lx.given[fold(c.bases[i].base)]
		c.surname[i] = hasSurnameEnding(c.bases[i].base) && !f.demonym(c.bases[i].base)
	}
	f.agreeCase(c)
	return c
}

// agreeCase makes the words of one Russian name agree in case: in
// "Шавката Мирзиёева" the given name is a masculine genitive, so the
// surname is the genitive of Мирзиёев, not the feminine Мирзиёева.
func (f *finder) agreeCase(c *candidate) {
	n := len(c.words)
	if n < 2 || scriptOf(c.words[0].text) != scriptCyrillic {
		return
	}
	first, last := c.bases[0], c.bases[n-1]
	if !c.given[0] || (first.suffix != "а" && first.suffix != "я") || first.add != "" || last.base != c.words[n-1].text {
		return
	}
	if !hasAnySuffix(strings.ToLower(last.base), "ова", "ева", "ёва", "ина") {
		return
	}
	for _, r := range (russian{}).reductions(c.words[n-1].text) {
		if r.suffix == "а" && r.add == "" {
			c.bases[n-1] = r
			c.surname[n-1] = hasSurnameEnding(r.base)
			return
		}
	}
}

// reduce finds the base form of one word.
func (f *finder) reduce(lang, w string) reduction {
	if lang == "tr" || lang == "az" {
		if r, ok := apostropheSuffix(w); ok {
			return r
		}
	}
	g := grammarFor(lang, scriptOf(w))
	if g == nil {
		return reduction{base: w}
	}
	cands := g.reductions(w)
	if len(cands) == 1 {
		return cands[0]
	}
	if cands[0].base != w && hasSurnameEnding(w) && !hasSurnameEnding(cands[0].base) {
		// "Ağazadə" ends in -zadə, not in the locative -də.
		for i, c := range cands {
			if c.base == w {
				cands[0], cands[i] = cands[i], cands[0]
				break
			}
		}
	}
	// A form the lexicon knows wins; then one the batch has seen
	// uninflected; else the grammar's default.
	for _, c := range cands {
		k := fold(c.base)
		if f.lx.given[k] || f.lx.places[k].kind != "" {
			return c
		}
	}
	// A German genitive -s is cut when the batch has the name without it
	// exactly; close spellings do not count, since "Tokajews" is itself
	// near "Tokajew".
	if lang == "de" && f.knownScore(cands[1].base) >= 0.999 && f.knownScore(cands[0].base) < 0.999 {
		return cands[1]
	}
	// The grammar's default stands unless another candidate matches a
	// word of the batch clearly better: Ağazadə stays whole beside
	// "Aghazadh", Пашиняна becomes Пашинян beside "Pashinyan".
	best := cands[0]
	top := f.knownScore(best.base) + reduceMargin
	for _, c := range cands[1:] {
		if s := f.knownScore(c.base); s > top {
			best, top = c, s
		}
	}
	return best
}

// reduceMargin is how much better a reduced form must match than the word
// as it stands to be taken for its base.
const reduceMargin = 0.05

// knownScore is how well w matches the closest word the batch has seen
// uninflected: 0 when none shares a key with it.
func (f *finder) knownScore(w string) float64 {
	if f.known == nil {
		return 0
	}
	if s, ok := f.known.scores[w]; ok {
		return s
	}
	best := 0.0
	for _, k := range f.keys(w) {
		for _, y := range f.known.byKey[k] {
			if s := f.m.Match(w, y); s.Match && s.Value > best {
				best = s.Value
			}
		}
	}
	if f.known.scores == nil {
		f.known.scores = map[string]float64{}
	}
	f.known.scores[w] = best
	return best
}

// gazetteer returns the place the whole candidate names, if any.
func (f *finder) gazetteer(c *candidate) place {
	if p, ok := f.lx.places[foldPhrase(c.base())]; ok {
		return p
	}
	if len(c.words) > 1 {
		// Only the last word of a phrase inflects: "Xəzər dənizində".
		var parts []string
		for _, w := range c.words[:len(c.words)-1] {
			parts = append(parts, w.folded())
		}
		parts = append(parts, fold(c.bases[len(c.bases)-1].base))
		return f.lx.places[strings.Join(parts, " ")]
	}
	return place{}
}

// knownWord reports whether word i of c is a name word the lexicon or the
// batch knows.
func (f *finder) knownWord(c *candidate, i int) bool {
	b := c.bases[i].base
	k := fold(b)
	return c.given[i] || c.surname[i] || f.lx.places[k].kind != "" || f.has(f.known, b)
}

// personShaped reports whether a candidate looks like a person's name by
// itself: a known given name followed by another name word, or a word
// with a surname ending.
func (f *finder) personShaped(c *candidate) bool {
	for i := range c.words {
		if c.surname[i] {
			return true
		}
		if c.given[i] && len(c.words) > 1 {
			return true
		}
	}
	return false
}

// locative reports whether a single word stands where a place does: after a
// locative preposition in Russian, or with a locative or ablative case
// ending in Azerbaijani and Turkish.
func (f *finder) locative(u *unit, i int, c *candidate) bool {
	w := u.words[i]
	switch w.script {
	case scriptCyrillic:
		if i == 0 || !joinedBySpace(w.gap) {
			return false
		}
		switch u.words[i-1].folded() {
		case "в", "во", "из", "под", "над":
			return c.bases[0].suffix != "" || f.lx.places[fold(c.bases[0].base)].kind != ""
		}
	case scriptLatin:
		if u.lang != "az" && u.lang != "tr" {
			return false
		}
		switch strings.ToLower(c.bases[0].suffix) {
		case "da", "də", "ta", "tə", "dan", "dən", "tan", "tən":
			return true
		}
	case scriptArmenian:
		return c.bases[0].suffix == "ում" || c.bases[0].suffix == "ից"
	}
	return false
}

// surnameEndings mark a word as a family name in the scripts of the region.
var surnameEndings = []string{
	"ov", "ova", "ev", "eva", "yev", "yeva", "iev", "ová", "off",
	"yan", "ian", "jan", "yants", "ents", "uni", "zadeh", "zade", "zadə", "zada", "oglu", "oğlu", "ski", "sky", "ska", "enko", "vich", "pour", "pur", "shvili", "dze",
	"ов", "ова", "ев", "ева", "ёв", "ин", "ина", "ян", "янц", "заде", "ский", "ская", "енко", "вич", "оглы", "швили", "дзе",
	"յան", "յանց", "եան", "ունի",
	"اف", "یف", "وف", "یان", "زاده", "پور", "دزه", "شویلی",
}

func hasSurnameEnding(w string) bool {
	k := fold(w)
	n := runes(k)
	for _, e := range surnameEndings {
		if strings.HasSuffix(k, e) && n >= runes(e)+2 {
			return true
		}
	}
	return false
}

// apostropheSuffix splits off a case ending that Turkish (and Azerbaijani
// in Latin type) writes after an apostrophe: Astana'da, Mirziyoyev'i,
// 2028'e. The name before it is the base; "O'Brien", where a capital
// follows, stays whole. Only for those languages: in English "Ma'ruf" is
// one name.
func apostropheSuffix(w string) (reduction, bool) {
	i := strings.IndexFunc(w, isApostrophe)
	if i <= 0 {
		return reduction{}, false
	}
	_, size := utf8.DecodeRuneInString(w[i:])
	rest := w[i+size:]
	if rest == "" || utf8.RuneCountInString(rest) > 5 || strings.ToLower(rest) != rest {
		return reduction{}, false
	}
	for _, r := range rest {
		if !unicode.IsLetter(r) {
			return reduction{}, false
		}
	}
	if rest == "s" || rest == "ll" || rest == "d" || rest == "re" || rest == "ve" || rest == "t" {
		return reduction{}, false // English contractions and possessive
	}
	if utf8.RuneCountInString(w[:i]) < 2 {
		return reduction{}, false // d'Ispahan, l'Énergie: an elided article, not a name
	}
	return reduction{base: w[:i], suffix: w[i:], oblique: true}, true
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' || r == 'ʼ' }

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}
