package transliterate

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A Variant is one spelling of an entity's name, with how often it was
// seen and, when known, where: the source (article) it comes from and the
// language of the text around it.
type Variant struct {
	Text   string
	Count  int    // mentions; less than 1 counts as 1
	Source string // sources vote once each on word order; "" is a source of its own
	Lang   string // BCP 47; "az" and "tr" say how to write ş, ğ, x, ə in English
}

// Canonical returns the spelling to show for one entity's variants;
// counts[i] is how often variants[i] was seen (missing counts are 1).
// It is CanonicalName with each variant its own source, on the package's
// shared, immutable Matcher (see New).
func Canonical(variants []string, counts []int) string {
	return shared().Canonical(variants, counts)
}

// Canonical is the package function Canonical with m's tables.
func (m *Matcher) Canonical(variants []string, counts []int) string {
	vs := make([]Variant, len(variants))
	for i, v := range variants {
		vs[i] = Variant{Text: v, Count: 1}
		if i < len(counts) {
			vs[i].Count = counts[i]
		}
	}
	return m.CanonicalName(vs, nil)
}

// CanonicalName builds the name to show for one entity from all its
// spellings, part by part, as a careful editor would.
//
// The parts are those of the most common full spelling; every spelling,
// in any script and word order, is aligned to them, and a partial one
// ("Askarov") to the part it names.
//
// Sources in English come first. The name is shown as the English press
// writes it, so when any variant's Lang is English (en, en-GB, …), only
// English sources vote on the order, and a part's spelling is the one
// most English-language mentions use; the others decide only what the
// English ones leave open (a tie, a part they never spell). Without
// English sources, every source counts alike, as below. The alias file
// overrides all of this (Clusterer.Aliases, Aliases.Form).
//
// Order: each source votes for the order its full spellings use and the
// majority wins; a tie puts the given name first: a part isGiven accepts
// (it may be nil), or else the part without a surname ending.
//
// Spelling of each part: the most common among the Latin mentions, each
// read as the English press writes it (Azerbaijani Əsgərov as Asgarov,
// Ağazadə as Aghazadeh, Baxtiyar as Bakhtiyar; Turkish Çavuşoğlu as
// Cavusoglu). A tie goes to the spelling the other scripts'
// romanizations agree with, then to English press habits (ASCII, kh, sh,
// -zadeh; no German sch or -ow), then to the spelling closest to all the
// others, so a typo or a truncation loses, then alphabetically. A part no
// Latin spelling gives is romanized, Cyrillic preferred to Arabic script,
// which leaves short vowels out. When the result is a Latin spelling some
// source wrote in full, that spelling is returned as written (hyphens,
// "al-" and capitals kept).
func (m *Matcher) CanonicalName(variants []Variant, isGiven func(word string) bool) string {
	return m.canonicalName(variants, isGiven, nil, nil, nil)
}

// canonicalName is CanonicalName reading words through memo (may be nil);
// read[i], if read is not nil, is variants[i] already read, and c, if not
// nil, the run's part similarities, with c.ids[i] the span ids of
// read[i].
func (m *Matcher) canonicalName(variants []Variant, isGiven func(word string) bool, memo tokenMemo, read [][]token, c *spanSims) string {
	m = m.ready()
	sps := m.readVariants(variants, memo, read, c)
	if len(sps) == 0 {
		return ""
	}
	ref := referenceSpelling(sps)
	n := len(ref.toks)
	slotOf := make([][]int, len(sps))
	for i, sp := range sps {
		slotOf[i] = m.alignParts(sp, ref, c)
	}
	order := m.partOrder(sps, slotOf, n, isGiven)
	forms := make([]string, n)
	for s := range forms {
		forms[s] = m.partSpelling(sps, slotOf, s, ref)
	}
	ordered := make([]string, n)
	for i, s := range order {
		ordered[i] = forms[s]
	}
	// A source's own spelling, when it is exactly this, keeps its hyphens
	// and capitals.
	want := strings.Join(ordered, " ")
	for _, sp := range sps {
		if sp.latin && sp.written && namedWords(sp.text) == len(sp.toks) && strings.Join(sp.forms, " ") == want {
			return capitalizeIfFlat(sp.text)
		}
	}
	return capitalizeWords(want)
}

// namedWords counts the words of a spelling as the matcher reads them,
// connectors (al-, bin) left out and compound given names (Abdel Fattah)
// joined, but titles and patronymics kept: a spelling with one of those
// has more words than tokens and is not shown as is.
func namedWords(s string) int {
	raw := splitName(normalize(s))
	for i, w := range raw {
		raw[i] = lowerToken(w)
	}
	n := 0
	for _, w := range joinAbd(raw) {
		if !connectors[w] {
			n++
		}
	}
	return n
}

// A canonSpelling is one variant read for CanonicalName.
type canonSpelling struct {
	text    string
	toks    []token
	forms   []string // each token in press Latin, lower case
	count   int
	source  string
	latin   bool
	written bool    // Latin, and every token written as its press form
	english bool    // from an English-language source
	ids     []int32 // span ids in the run's simCache, or nil
}

// spanSims gives canonicalName a Cluster run's part similarities: ids[i]
// are the span ids of variant i in cache.
type spanSims struct {
	cache *simCache
	ids   [][]int32
}

func (m *Matcher) readVariants(variants []Variant, memo tokenMemo, read [][]token, c *spanSims) []*canonSpelling {
	var out []*canonSpelling
	styles := make([]latinStyle, len(variants))
	azerbaijani := false
	for i, v := range variants {
		styles[i] = styleOf(v.Lang, v.Text)
		azerbaijani = azerbaijani || styles[i] == styleAzerbaijani
	}
	for i, v := range variants {
		text := tidy(v.Text)
		var toks []token
		if read != nil {
			toks = read[i]
		} else {
			if aliasKey(text) == "" {
				continue
			}
			toks, _ = m.parseMemo(text, memo)
		}
		if len(toks) == 0 {
			continue
		}
		st := styles[i]
		if st == styleTurkish && azerbaijani && v.Lang == "" {
			st = styleAzerbaijani // another spelling of the name has ə, x or q
		}
		sp := &canonSpelling{text: text, toks: toks, count: max(v.Count, 1), source: v.Source, latin: isLatinText(text), written: true, english: isEnglish(v.Lang)}
		if c != nil && read != nil {
			sp.ids = c.ids[i]
		}
		if sp.source == "" {
			sp.source = fmt.Sprintf("\x00%d", i)
		}
		for _, t := range toks {
			f := romanizeWord(t.text, false)
			if sp.latin {
				f = pressLatin(t.text, st)
				sp.written = sp.written && f == t.text
			}
			sp.forms = append(sp.forms, f)
		}
		out = append(out, sp)
	}
	return out
}

// referenceSpelling picks the spelling whose parts the others are aligned
// to: one of the part count most mentions use (full names over partial
// ones), the most frequent, Latin first.
func referenceSpelling(sps []*canonSpelling) *canonSpelling {
	weight := map[int]int{}
	full := false
	for _, sp := range sps {
		weight[len(sp.toks)] += sp.count
		full = full || len(sp.toks) > 1
	}
	n := 0
	for k, w := range weight {
		if full && k < 2 {
			continue
		}
		if n == 0 || w > weight[n] || w == weight[n] && k < n {
			n = k
		}
	}
	var ref *canonSpelling
	for _, sp := range sps {
		if len(sp.toks) != n {
			continue
		}
		if ref == nil || sp.count > ref.count || sp.count == ref.count && sp.latin && !ref.latin {
			ref = sp
		}
	}
	return ref
}

// alignParts maps each token of a spelling to the reference part it
// spells, or -1. Spellings with as many parts are paired one to one in
// the best order; others part by part, where a part matches well. c, if
// not nil, holds the part similarities of the run.
func (m *Matcher) alignParts(sp, refSp *canonSpelling, c *spanSims) []int {
	toks, ref := sp.toks, refSp.toks
	out := make([]int, len(toks))
	if sp == refSp {
		for i := range out {
			out[i] = i
		}
		return out
	}
	for i := range out {
		out[i] = -1
	}
	sim := make([][]float64, len(toks))
	n, k := len(toks)+1, len(ref)+1
	for i, t := range toks {
		sim[i] = make([]float64, len(ref))
		for j, r := range ref {
			if c != nil && sp.ids != nil && refSp.ids != nil {
				sim[i][j], _ = c.cache.sim(sp.ids[i*n+i+1], refSp.ids[j*k+j+1], func() (float64, bool) { return m.tokenSim(t, r) })
			} else {
				sim[i][j], _ = m.tokenSim(t, r)
			}
		}
	}
	if len(toks) == len(ref) && len(ref) <= 6 {
		perm := make([]int, len(ref))
		for i := range perm {
			perm[i] = i
		}
		best := -1.0
		permute(perm, 0, func() {
			s := 0.0
			for i, j := range perm {
				s += sim[i][j]
			}
			if s > best+1e-9 {
				best = s
				copy(out, perm)
			}
		})
		return out
	}
	used := make([]bool, len(ref))
	for {
		bi, bj, bs := -1, -1, TokenThreshold-0.1
		for i := range toks {
			if out[i] >= 0 {
				continue
			}
			for j := range ref {
				if !used[j] && sim[i][j] > bs {
					bi, bj, bs = i, j, sim[i][j]
				}
			}
		}
		if bi < 0 {
			return out
		}
		out[bi], used[bj] = bj, true
	}
}

// partOrder returns the reference parts in the order to show them.
func (m *Matcher) partOrder(sps []*canonSpelling, slotOf [][]int, n int, isGiven func(string) bool) []int {
	identity := make([]int, n)
	for i := range identity {
		identity[i] = i
	}
	if n < 2 {
		return identity
	}
	given, surname := make([]bool, n), make([]bool, n)
	type tally struct {
		order []int
		votes int
	}
	var orders []*tally
	find := func(o []int) *tally {
		for _, t := range orders {
			if slices.Equal(t.order, o) {
				return t
			}
		}
		t := &tally{order: o}
		orders = append(orders, t)
		return t
	}
	// Each source votes once, for the order it writes most.
	bySource := map[string]map[*tally]int{}
	var sources []string
	for i, sp := range sps {
		for k, s := range slotOf[i] {
			if s < 0 {
				continue
			}
			if isGiven != nil && isGiven(sp.toks[k].text) {
				given[s] = true
			}
			if sp.toks[k].suffix != noSuffix {
				surname[s] = true
			}
		}
		if !covers(slotOf[i], n) {
			continue
		}
		t := find(slices.Clone(slotOf[i]))
		if bySource[sp.source] == nil {
			bySource[sp.source] = map[*tally]int{}
			sources = append(sources, sp.source)
		}
		bySource[sp.source][t] += sp.count
	}
	// English-language sources, when any gives a full spelling, vote
	// alone: the name is shown as the English press writes it.
	englishVotes := false
	englishSource := map[string]bool{}
	for i, sp := range sps {
		if sp.english && covers(slotOf[i], n) {
			englishVotes = true
			englishSource[sp.source] = true
		}
	}
	for _, src := range sources {
		if englishVotes && !englishSource[src] {
			continue
		}
		var top *tally
		for _, t := range orders { // in first-seen order, so ties are stable
			if w, ok := bySource[src][t]; ok && (top == nil || w > bySource[src][top]) {
				top = t
			}
		}
		top.votes++
	}
	givenFirst := func(o []int) int {
		score := 0
		first, last := o[0], o[len(o)-1]
		switch {
		case given[first] && !surname[first]:
			score += 2
		case surname[first] && !given[first]:
			score -= 2
		}
		switch {
		case surname[last] && !given[last]:
			score++
		case given[last] && !surname[last]:
			score--
		}
		return score
	}
	best := find(identity)
	for _, t := range orders {
		if t.votes > best.votes || t.votes == best.votes && givenFirst(t.order) > givenFirst(best.order) {
			best = t
		}
	}
	return best.order
}

// covers reports whether the slots are each of 0..n-1 once.
func covers(slots []int, n int) bool {
	if len(slots) != n {
		return false
	}
	seen := make([]bool, n)
	for _, s := range slots {
		if s < 0 || seen[s] {
			return false
		}
		seen[s] = true
	}
	return true
}

// partSpelling chooses the press spelling of reference part s.
func (m *Matcher) partSpelling(sps []*canonSpelling, slotOf [][]int, s int, ref *canonSpelling) string {
	type cand struct {
		form           string
		english        int // Latin mentions from English-language sources
		count, votes   int
		written        bool
		script         int
		press, central float64
	}
	byForm := map[string]*cand{}
	var cands []*cand
	type reading struct {
		form   string
		weight int
		arabic bool // from Arabic script, which tells h (ه, ح) from kh (خ)
	}
	var readings []reading
	latin := false
	for i, sp := range sps {
		for k, slot := range slotOf[i] {
			if slot != s || sp.toks[k].initial {
				continue
			}
			f := sp.forms[k]
			if f == "" {
				continue
			}
			readings = append(readings, reading{f, sp.count, scriptRank(sp.text) == 2})
			c := byForm[f]
			if c == nil {
				c = &cand{form: f, script: scriptRank(sp.text)}
				byForm[f] = c
				cands = append(cands, c)
			}
			c.script = min(c.script, scriptRank(sp.text))
			if sp.latin {
				latin = true
				c.count += sp.count
				if sp.english {
					c.english += sp.count
				}
				c.written = c.written || f == sp.toks[k].text
			} else {
				c.votes += sp.count
			}
		}
	}
	if len(cands) == 0 {
		return ref.forms[s]
	}
	var pool []*cand
	for _, c := range cands {
		if !latin || c.count > 0 {
			pool = append(pool, c)
		}
	}
	for _, c := range pool {
		c.press = pressStyle(c.form)
		for _, r := range readings {
			if r.form != c.form {
				c.central += stringSimilarity(c.form, r.form) * float64(r.weight)
			}
		}
	}
	// English sources decide when one spelling leads among them; when
	// they split evenly (Aghazadh, Agazade), all sources decide.
	first, second := 0, 0
	for _, c := range pool {
		switch {
		case c.english > first:
			first, second = c.english, first
		case c.english > second:
			second = c.english
		}
	}
	englishLeads := first > second
	sort.SliceStable(pool, func(i, j int) bool {
		a, b := pool[i], pool[j]
		switch {
		case englishLeads && a.english != b.english:
			return a.english > b.english
		case a.count != b.count:
			return a.count > b.count
		case a.votes != b.votes:
			return a.votes > b.votes
		case !latin && a.script != b.script:
			return a.script < b.script
		case a.press != b.press:
			return a.press > b.press
		case a.central != b.central:
			return a.central > b.central
		case a.written != b.written:
			return a.written
		}
		return a.form < b.form
	})
	best := pool[0]
	if !latin && best.script == 0 {
		// Russian writes х for both h and kh; Persian and Arabic tell
		// them apart, so their spellings decide: Ильхам + الهام is Ilham.
		votes := map[string]int{}
		for _, r := range readings {
			if r.arabic {
				votes[r.form] += r.weight
			}
		}
		return khByArabic(best.form, votes)
	}
	return best.form
}

// khByArabic rewrites each kh of form, romanized from Cyrillic, as h where
// the Arabic-script spellings (form → weight) that align with it consonant
// by consonant write h there, by weighted vote. Spellings whose consonants
// differ elsewhere do not vote, and with none the form is kept.
func khByArabic(form string, arabic map[string]int) string {
	units := consonantUnits(form)
	hVotes := make([]int, len(units))
	for a, w := range arabic {
		other := consonantUnits(a)
		if len(other) != len(units) {
			continue
		}
		aligned := true
		for i := range units {
			x, y := units[i].text, other[i].text
			if x != y && !(isHKh(x) && isHKh(y)) {
				aligned = false
				break
			}
		}
		if !aligned {
			continue
		}
		for i := range units {
			switch {
			case units[i].text != "kh":
			case other[i].text == "h":
				hVotes[i] += w
			default:
				hVotes[i] -= w
			}
		}
	}
	out := []byte(form)
	drop := make([]bool, len(out))
	for i, u := range units {
		if u.text == "kh" && hVotes[i] > 0 {
			drop[u.start] = true // the k; the h stays
			if out[u.start] == 'K' {
				out[u.start+1] = 'H'
			}
		}
	}
	var b strings.Builder
	for i, c := range out {
		if !drop[i] {
			b.WriteByte(c)
		}
	}
	return b.String()
}

func isHKh(s string) bool { return s == "h" || s == "kh" }

// A consonantUnit is one consonant of a romanized name, a digraph counted
// as one: "ilkham" is l, kh, m.
type consonantUnit struct {
	text  string // lower case
	start int    // byte offset in the form
}

// consonantUnits lists the consonants of a romanization, leaving out the
// vowels and glides that Arabic script may not write or writes otherwise.
func consonantUnits(s string) []consonantUnit {
	l := []byte(s) // lowered byte by byte so offsets stay those of s
	for i, c := range l {
		if c >= 'A' && c <= 'Z' {
			l[i] = c + 'a' - 'A'
		}
	}
	var out []consonantUnit
	for i := 0; i < len(l); {
		if i+1 < len(l) {
			switch d := string(l[i : i+2]); d {
			case "kh", "sh", "ch", "zh", "gh", "ts":
				out = append(out, consonantUnit{d, i})
				i += 2
				continue
			}
		}
		c := l[i]
		if c >= 'a' && c <= 'z' && !strings.ContainsRune("aeiouyw", rune(c)) {
			out = append(out, consonantUnit{string(c), i})
		}
		i++
	}
	return out
}

// latinStyle is how a Latin spelling writes the sounds English spells
// with digraphs.
type latinStyle uint8

const (
	stylePlain       latinStyle = iota
	styleAzerbaijani            // ə, x for kh, c for j, q, ğ for gh
	styleTurkish                // ş, ğ, ç, ı; the English press drops the marks
)

func styleOf(lang, text string) latinStyle {
	switch strings.ToLower(lang) {
	case "az", "az-latn":
		return styleAzerbaijani
	case "tr":
		return styleTurkish
	}
	switch l := strings.ToLower(text); {
	case strings.ContainsAny(l, "əä"):
		return styleAzerbaijani
	case isTurkic(text) && strings.ContainsAny(l, "xq"):
		return styleAzerbaijani
	case isTurkic(text):
		return styleTurkish
	}
	return stylePlain
}

// pressLatin writes a lower-case Latin token as the English press does.
func pressLatin(w string, st latinStyle) string {
	rs := []rune(w)
	switch st {
	case styleAzerbaijani:
		out := romanizeLatin(rs, true)
		if strings.HasSuffix(w, "zadə") {
			out = strings.TrimSuffix(out, "zada") + "zadeh"
		}
		return out
	case styleTurkish:
		var b strings.Builder
		for _, r := range rs {
			switch r {
			case 'ş':
				b.WriteByte('s')
			case 'ğ':
				b.WriteByte('g')
			case 'ç':
				b.WriteByte('c')
			case 'ı':
				b.WriteByte('i')
			default:
				b.WriteString(romanizeLatin([]rune{r}, false))
			}
		}
		return b.String()
	}
	return romanizeLatin(rs, false)
}

// isEnglish reports a BCP 47 tag of English (en, en-GB, en-Latn-US).
func isEnglish(lang string) bool {
	l := strings.ToLower(lang)
	return l == "en" || strings.HasPrefix(l, "en-") || strings.HasPrefix(l, "en_")
}

// tidy trims a spelling and collapses its spaces.
func tidy(s string) string {
	return strings.Join(strings.Fields(strings.ToValidUTF8(s, "")), " ")
}

func isLatinText(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			if !unicode.Is(unicode.Latin, r) {
				return false
			}
			letters++
		}
	}
	return letters > 0
}

// pressStyle scores how close a Latin spelling is to English press
// habits for the region's names.
func pressStyle(s string) float64 {
	score := 0.0
	ascii := true
	for _, r := range s {
		if r >= 0x80 {
			ascii = false
		}
	}
	if ascii {
		score += 2
	}
	l := strings.ToLower(s)
	for _, w := range strings.FieldsFunc(l, func(r rune) bool { return r == ' ' || r == '-' }) {
		switch {
		case strings.Contains(w, "sch"), strings.HasSuffix(w, "ow"), strings.HasSuffix(w, "ew"),
			strings.HasSuffix(w, "jan"), strings.Contains(w, "dj"), strings.HasSuffix(w, "owa"),
			strings.HasSuffix(w, "ewa"):
			score--
		}
		if strings.HasSuffix(w, "zadeh") {
			score += 0.5
		}
		if strings.Contains(w, "x") && ascii {
			score -= 0.5 // Azerbaijani x read as English x
		}
		if strings.HasSuffix(w, "ff") {
			score--
		}
	}
	return score
}

// scriptRank orders scripts by how well their romanization reads when no
// Latin spelling exists: Cyrillic and Armenian write vowels, Arabic
// script does not.
func scriptRank(s string) int {
	for _, r := range s {
		switch scriptOf(r) {
		case scriptCyrillic:
			return 0
		case scriptArmenian, scriptGreek, scriptGeorgian:
			return 1
		case scriptArabic:
			return 2
		}
	}
	return 3
}

// pressRomanize romanizes a name and capitalizes each part.
func pressRomanize(s string) string {
	return capitalizeWords(Romanize(s))
}

func capitalizeWords(s string) string {
	words := strings.Fields(s)
	for i, w := range words {
		parts := strings.Split(w, "-")
		for j, p := range parts {
			r, n := utf8.DecodeRuneInString(p)
			if n > 0 {
				parts[j] = string(unicode.ToUpper(r)) + p[n:]
			}
		}
		words[i] = strings.Join(parts, "-")
	}
	return strings.Join(words, " ")
}

// capitalizeIfFlat capitalizes a spelling written all in lower or all in
// upper case, and leaves deliberate casing (McDonald, al-Assad) alone.
func capitalizeIfFlat(s string) string {
	if s != strings.ToLower(s) && s != strings.ToUpper(s) {
		return s
	}
	var words []string
	for _, w := range strings.Fields(s) {
		words = append(words, lowerToken(w))
	}
	return capitalizeWords(strings.Join(words, " "))
}

// stringSimilarity is 1 minus the Levenshtein distance over the longer
// length, on runes.
func stringSimilarity(a, b string) float64 {
	ra, rb := []rune(a), []rune(b)
	if len(ra) == 0 && len(rb) == 0 {
		return 1
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			c := prev[j-1]
			if ra[i-1] != rb[j-1] {
				c++
			}
			c = min(c, prev[j]+1, cur[j-1]+1)
			cur[j] = c
		}
		prev, cur = cur, prev
	}
	return 1 - float64(prev[len(rb)])/float64(max(len(ra), len(rb)))
}

// Display writes any text in readable Latin for people, the way the
// canonical form does for a name with no Latin spelling: words in other
// scripts are romanized and capitalized (جمهوری آذربایجان → Jomhuri
// Azarbayjan, Ильхам Алиев → Ilkham Aliyev); words already in Latin are
// kept as written, diacritics and case included.
func Display(s string) string {
	var out, run []string
	// Runs of non-Latin words are romanized together, so a surname ending
	// written apart (علی اف) joins its word.
	flush := func() {
		if r := pressRomanize(strings.Join(run, " ")); r != "" {
			out = append(out, r)
		}
		run = run[:0]
	}
	for _, w := range strings.Fields(strings.ToValidUTF8(s, "")) {
		if hasOtherScript(w) {
			run = append(run, w)
			continue
		}
		flush()
		out = append(out, w)
	}
	flush()
	return strings.Join(out, " ")
}

// hasOtherScript reports a letter outside the Latin script.
func hasOtherScript(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) && !unicode.Is(unicode.Latin, r) {
			return true
		}
	}
	return false
}
