package transliterate

import (
	"fmt"
	"math"
	"sort"
	"sync"
)

// Thresholds of Score.Value. A token pair at or above TokenThreshold is
// the same name part spelled another way; a full name matches when every
// part does and the length-weighted mean reaches NameThreshold.
//
// Value is 1 minus the cost of the cheapest alignment of the two names'
// sounds, divided by the length of the longer (consonants weigh 1,
// vowels and easily dropped letters 0.5). Reading a letter as a sound it
// may stand for costs nothing (Russian г as h, Persian و as u); close
// sounds cost 0.15–0.5 (a/e, g/q, t/d); others 1. So 0.9 is about one
// vowel apart in a five-letter name, 0.75 about one consonant apart.
const (
	TokenThreshold = 0.8
	NameThreshold  = 0.80
)

// conflictBelow is the part similarity under which a part is a different
// name rather than another spelling.
const conflictBelow = 0.55

// Score is the outcome of comparing two names.
type Score struct {
	// Value in [0, 1]; see TokenThreshold and NameThreshold.
	Value float64
	// Match reports the same entity by name.
	Match bool
	// Conflict reports that the names cannot be one entity: they agree on
	// one part but another part, such as the given name, clearly differs
	// (Heydar Aliyev, Ilham Aliyev), or -ov meets -ova (Aliyev, Aliyeva).
	// Clustering never joins names in conflict.
	Conflict bool
	// Reason says in a few words why.
	Reason string
}

// A Matcher compares names. It holds only read-only tables, so it is safe
// for concurrent use. New builds one; a zero Matcher, and the package
// functions, use one shared Matcher that New builds on the first call and
// that never changes.
type Matcher struct {
	costs  *costTable
	reader *reader
	parts  [6][][]group // partitions(n) for n up to 5
}

// New returns a ready Matcher.
func New() *Matcher {
	m := &Matcher{costs: newCostTable(), reader: newReader()}
	for n := 1; n < len(m.parts); n++ {
		m.parts[n] = partitions(n)
	}
	return m
}

// partitionsOf is partitions(n), from the Matcher's table when it has n.
func (m *Matcher) partitionsOf(n int) [][]group {
	if n < len(m.parts) && m.parts[n] != nil {
		return m.parts[n]
	}
	return partitions(n)
}

// shared returns the one Matcher behind the package functions (Match,
// SameToken, Keys, Canonical) and behind a zero or nil *Matcher. It is
// built by New on first use and never changed afterwards: a Matcher holds
// only read-only tables, so this is a cache of a constant, not state that
// one caller can alter for another. It exists because New costs about
// 0.3 ms (regexps and a cost table), some five times a Match. Callers that
// want no shared value at all make their own with New.
var shared = sync.OnceValue(New)

func (m *Matcher) ready() *Matcher {
	if m == nil || m.costs == nil {
		return shared()
	}
	return m
}

// Match compares two full names, token order free, with the package's
// shared, immutable Matcher (see New).
func Match(a, b string) Score { return shared().Match(a, b) }

// SameToken reports whether two single name parts are one name spelled
// in different scripts or conventions ("Rasulov", "Расулов"), for
// mentions that give only a surname. It uses the package's shared,
// immutable Matcher (see New).
func SameToken(a, b string) bool { return shared().SameToken(a, b) }

// SameToken is the package function SameToken with m's tables.
func (m *Matcher) SameToken(a, b string) bool {
	m = m.ready()
	ta, tb := m.parse(a), m.parse(b)
	if len(ta) == 0 || len(tb) == 0 {
		return false
	}
	s, gender := m.tokenSim(joinTokens(ta), joinTokens(tb))
	return !gender && s >= TokenThreshold-1e-6
}

// parse reads a name into tokens.
func (m *Matcher) parse(name string) []token {
	ts, _ := m.parseTurkic(name)
	return ts
}

// parseTurkic is parse that also says whether the name was read as
// Azerbaijani or Turkish Latin, which changes how its words read.
func (m *Matcher) parseTurkic(name string) ([]token, bool) {
	return m.parseMemo(name, nil)
}

// tokenMemo remembers words read as tokens within one run over many
// names, which share their words. Tokens are never changed once read.
type tokenMemo map[tokenMemoKey]token

type tokenMemoKey struct {
	word   string
	turkic bool
}

// parseMemo is parseTurkic that reads each word once per memo; memo nil
// reads every word.
func (m *Matcher) parseMemo(name string, memo tokenMemo) ([]token, bool) {
	words := nameWords(name)
	turkic := anyTurkic(words)
	out := make([]token, 0, len(words))
	for _, w := range words {
		var t token
		if memo != nil {
			k := tokenMemoKey{w, turkic}
			var ok bool
			if t, ok = memo[k]; !ok {
				t = m.reader.token(w, turkic)
				memo[k] = t
			}
		} else {
			t = m.reader.token(w, turkic)
		}
		if len(t.full) > 0 {
			out = append(out, t)
		}
	}
	return out, turkic
}

// Match compares two full names, token order free: Mirhafiz Jafarzadeh
// is Jafarzadeh Mirhafiz and Mir-Hafiz Jafarzade. Every part of one must
// meet a part of the other; a name that has parts the other lacks does
// not match.
func (m *Matcher) Match(a, b string) Score {
	m = m.ready()
	return m.matchTokens(m.parse(a), m.parse(b))
}

func (m *Matcher) matchTokens(ta, tb []token) Score {
	return m.matchCached(ta, tb, nil, nil, nil)
}

// matchCached is matchTokens with part similarities looked up in c by the
// span ids of each side (simCache.spanIDs); c nil computes them all.
func (m *Matcher) matchCached(ta, tb []token, ida, idb []int32, c *simCache) Score {
	if len(ta) == 0 || len(tb) == 0 {
		return Score{Reason: "no name"}
	}
	best := assignment{value: -1}
	pa, pb := m.partitionsOf(len(ta)), m.partitionsOf(len(tb))
	// Cache group similarities by span; spans index a (from, to) grid.
	na, nb := len(ta)+1, len(tb)+1
	var memo *spanMemo
	if c != nil {
		memo = &c.memo
	} else {
		memo = new(spanMemo)
	}
	cache, done, gen := memo.get(na * na * nb * nb)
	groupSim := func(ga, gb group) partSim {
		k := ((ga.from*na+ga.to)*nb+gb.from)*nb + gb.to
		if done[k] == gen {
			return cache[k]
		}
		var s float64
		var g bool
		// Parts are joined only to meet one part of the other name
		// (Mir Hafiz, Mirhafiz); two joined groups would let one
		// differing part hide in a long string (Hassan Rouhani, Hossein
		// Rouhani).
		if ga.to-ga.from == 1 || gb.to-gb.from == 1 {
			compute := func() (float64, bool) {
				return m.tokenSim(joinTokens(ta[ga.from:ga.to]), joinTokens(tb[gb.from:gb.to]))
			}
			if c != nil {
				s, g = c.sim(ida[ga.from*na+ga.to], idb[gb.from*nb+gb.to], compute)
			} else {
				s, g = compute()
			}
		}
		ps := partSim{s, g, ga.weight(ta), gb.weight(tb)}
		cache[k], done[k] = ps, gen
		return ps
	}
	for _, p := range pa {
		for _, q := range pb {
			if len(p) != len(q) {
				continue
			}
			if a := bestAssignment(p, q, groupSim); a.better(best) {
				best = a
			}
		}
	}
	if best.value < 0 || (!best.groupsOK && len(ta) != len(tb)) {
		return m.unequal(ta, tb, ida, idb, c)
	}
	s := best.score()
	if !s.Match && !s.Conflict && len(ta) == len(tb) && len(ta) > 1 {
		// Joined readings may have hidden the parts: judge the conflict
		// on the parts as written.
		single := make([]group, len(ta))
		for i := range single {
			single[i] = group{i, i + 1}
		}
		if a := bestAssignment(single, single, groupSim); a.gender || a.max >= 0.85 && a.min < conflictBelow {
			s.Conflict = true
			s.Reason = a.score().Reason
		}
	}
	return s
}

// unequal scores names whose parts cannot be paired one to one: the share
// of the longer name's parts met in the shorter, never a match.
func (m *Matcher) unequal(ta, tb []token, ida, idb []int32, c *simCache) Score {
	if len(ta) > len(tb) {
		ta, tb = tb, ta
		ida, idb = idb, ida
	}
	na, nb := len(ta)+1, len(tb)+1
	var sum float64
	conflict := false
	for i, a := range ta {
		bestSim := 0.0
		for j, b := range tb {
			var s float64
			var g bool
			if c != nil {
				s, g = c.sim(ida[i*na+i+1], idb[j*nb+j+1], func() (float64, bool) { return m.tokenSim(a, b) })
			} else {
				s, g = m.tokenSim(a, b)
			}
			if g {
				conflict = true
			}
			bestSim = math.Max(bestSim, s)
		}
		sum += bestSim
	}
	v := sum / float64(len(tb))
	return Score{Value: v, Conflict: conflict, Reason: fmt.Sprintf("%d %s against %d", len(ta), plural(len(ta), "part", "parts"), len(tb))}
}

type group struct{ from, to int }

func (g group) weight(ts []token) float64 {
	var w float64
	for i := g.from; i < g.to; i++ {
		w += ts[i].weight
	}
	return w
}

// partitions lists the ways to join adjacent tokens ("Mir Hafiz" as
// "Mirhafiz"), each a sequence of groups. Long names are taken as they
// are, to bound the work.
func partitions(n int) [][]group {
	if n > 5 {
		g := make([]group, n)
		for i := range g {
			g[i] = group{i, i + 1}
		}
		return [][]group{g}
	}
	var out [][]group
	for mask := 0; mask < 1<<(n-1); mask++ {
		var gs []group
		from := 0
		for i := 1; i <= n; i++ {
			if i == n || mask&(1<<(i-1)) == 0 {
				gs = append(gs, group{from, i})
				from = i
			}
		}
		out = append(out, gs)
	}
	return out
}

type partSim struct {
	sim    float64
	gender bool // -ov against -ova
	wa, wb float64
}

type assignment struct {
	value    float64
	min      float64
	max      float64
	gender   bool
	parts    int
	groupsOK bool
}

func (a assignment) better(b assignment) bool {
	if a.groupsOK != b.groupsOK {
		return a.groupsOK
	}
	if a.value != b.value {
		return a.value > b.value
	}
	return a.parts > b.parts // prefer pairing more, smaller parts
}

func (a assignment) score() Score {
	s := Score{Value: a.value}
	switch {
	case a.gender:
		s.Conflict = true
		s.Reason = "-ov against -ova: different people"
	case a.groupsOK && a.value >= NameThreshold-1e-6:
		s.Match = true
		s.Reason = "every part matches"
	case a.parts > 1 && a.max >= 0.85 && a.min < conflictBelow:
		s.Conflict = true
		s.Reason = "one part matches, another differs: different people"
	case a.groupsOK:
		s.Reason = "parts close, name below threshold"
	default:
		s.Reason = "a part differs"
	}
	return s
}

// bestAssignment pairs the groups of p with those of q, order free,
// maximizing the weighted mean similarity.
func bestAssignment(p, q []group, sim func(a, b group) partSim) assignment {
	k := len(p)
	var pbuf [6]int
	perm := pbuf[:0]
	if k > len(pbuf) {
		perm = make([]int, 0, k)
	}
	for i := 0; i < k; i++ {
		perm = append(perm, i)
	}
	best := assignment{value: -1}
	eval := func() {
		a := assignment{min: 1, groupsOK: true, parts: k}
		var num, den float64
		for i, j := range perm {
			s := sim(p[i], q[j])
			w := math.Max(s.wa, s.wb)
			num += s.sim * w
			den += w
			a.min = math.Min(a.min, s.sim)
			a.max = math.Max(a.max, s.sim)
			if s.gender {
				a.gender = true
				a.groupsOK = false
			}
			if s.sim < TokenThreshold-1e-6 {
				a.groupsOK = false
			}
		}
		if den > 0 {
			a.value = num / den
		}
		if a.better(best) {
			best = a
		}
	}
	if k > 6 {
		eval() // in order only
		return best
	}
	// Every order, by Heap's algorithm, without recursion.
	var cbuf [6]int
	cnt := cbuf[:k]
	eval()
	for i := 1; i < k; {
		if cnt[i] < i {
			if i%2 == 0 {
				perm[0], perm[i] = perm[i], perm[0]
			} else {
				perm[cnt[i]], perm[i] = perm[i], perm[cnt[i]]
			}
			eval()
			cnt[i]++
			i = 1
		} else {
			cnt[i] = 0
			i++
		}
	}
	return best
}

func permute(a []int, i int, visit func()) {
	if i == len(a) {
		visit()
		return
	}
	for j := i; j < len(a); j++ {
		a[i], a[j] = a[j], a[i]
		permute(a, i+1, visit)
		a[i], a[j] = a[j], a[i]
	}
}

// joinTokens reads adjacent tokens as one: the suffix is the last one's.
func joinTokens(ts []token) token {
	if len(ts) == 1 {
		return ts[0]
	}
	var t token
	for i, x := range ts {
		t.text += x.text
		t.abjad = t.abjad || x.abjad
		t.full = append(t.full, x.full...)
		if i < len(ts)-1 {
			t.stem = append(t.stem, x.full...)
		} else {
			t.stem = append(t.stem, x.stem...)
			t.suffix = x.suffix
		}
	}
	t.full, t.stem = collapse(t.full), collapse(t.stem)
	return t
}

// tokenSim compares two name parts, in every reading each has. gender
// reports -ov against -ova.
func (m *Matcher) tokenSim(a, b token) (sim float64, gender bool) {
	sim, gender = m.tokenReadingsSim(a, b)
	// A short part has few letters to tell it from another name (Lala,
	// Leyla; Anar, Anvar): the same cost weighs more, as if the part
	// threshold were 0.85 rather than TokenThreshold.
	if w := max(symWeight(a.full), symWeight(b.full)); w <= shortPart && !a.initial && !b.initial {
		sim = max(0, 1-(1-sim)*shortPenalty)
	}
	return sim, gender
}

// shortPart is the weight of a short part, about four letters with two
// vowels; shortPenalty scales its costs.
const (
	shortPart    = 3.5
	shortPenalty = (1 - TokenThreshold) / (1 - 0.85)
)

func (m *Matcher) tokenReadingsSim(a, b token) (sim float64, gender bool) {
	sim, gender = m.readingSim(a, b)
	if a.alt != nil {
		if s, g := m.readingSim(*a.alt, b); s > sim {
			sim, gender = s, g
		}
	}
	if b.alt != nil {
		if s, g := m.readingSim(a, *b.alt); s > sim {
			sim, gender = s, g
		}
	}
	// A word read by its orthography meets the other as written, or as
	// the other's orthography reads it.
	for i := range a.conv {
		if s, g := m.readingSim(a.conv[i], b); s > sim {
			sim, gender = s, g
		}
		for j := range b.conv {
			if s, g := m.readingSim(a.conv[i], b.conv[j]); s > sim {
				sim, gender = s, g
			}
		}
	}
	for j := range b.conv {
		if s, g := m.readingSim(a, b.conv[j]); s > sim {
			sim, gender = s, g
		}
	}
	return sim, gender
}

func (m *Matcher) readingSim(a, b token) (sim float64, gender bool) {
	if a.initial || b.initial {
		return m.initialSim(a, b), false
	}
	if a.suffix != noSuffix && b.suffix != noSuffix {
		if a.suffix == b.suffix {
			return m.seqSim(a.stem, b.stem, a.abjad, b.abjad, 0.5), false
		}
		if (a.suffix == suffixOv && b.suffix == suffixOva) || (a.suffix == suffixOva && b.suffix == suffixOv) {
			// Scored as the same stem so that assignment pairs the two
			// surnames, and flagged: a man's and a woman's name.
			return m.seqSim(a.stem, b.stem, a.abjad, b.abjad, 1), true
		}
	}
	return m.seqSim(a.full, b.full, a.abjad, b.abjad, 0), false
}

// initialSim lets an initial (I. Aliyev) stand for a part that starts
// with the same sound, short of a full match of the part.
func (m *Matcher) initialSim(a, b token) float64 {
	if len(a.full) == 0 || len(b.full) == 0 {
		return 0
	}
	if a.initial && b.initial {
		if m.costs.symCost(a.full[0], b.full[0]) == 0 {
			return 1
		}
		return 0
	}
	if m.costs.symCost(a.full[0], b.full[0]) == 0 {
		return TokenThreshold
	}
	return 0
}

// seqSim aligns two sound sequences. matched is weight both sides share
// outside the sequences (an equal suffix).
func (m *Matcher) seqSim(a, b []sym, abjadA, abjadB bool, matched float32) float64 {
	n, k := len(a), len(b)
	if n == 0 || k == 0 {
		return 0
	}
	// gap costs, lowered for vowels inside a word when the other side is
	// written in Arabic script, which does not write them.
	// Names are short: keep the work on the stack.
	var bufA, bufB, bufP, bufC [40]float32
	gapA := scratch(bufA[:], n)
	for i, s := range a {
		gapA[i] = s.gap
		switch {
		case abjadB && !abjadA && s.isVowel() && i > 0 && i < n-1:
			gapA[i] = 0.05
		case abjadB && !abjadA && s.set&pY != 0:
			gapA[i] = abjadGlideGap
		}
	}
	gapB := scratch(bufB[:], k)
	for j, s := range b {
		gapB[j] = s.gap
		switch {
		case abjadA && !abjadB && s.isVowel() && j > 0 && j < k-1:
			gapB[j] = 0.05
		case abjadA && !abjadB && s.set&pY != 0:
			gapB[j] = abjadGlideGap
		}
	}
	prev := scratch(bufP[:], k+1)
	cur := scratch(bufC[:], k+1)
	for j := 1; j <= k; j++ {
		prev[j] = prev[j-1] + gapB[j-1]
	}
	for i := 1; i <= n; i++ {
		cur[0] = prev[0] + gapA[i-1]
		for j := 1; j <= k; j++ {
			c := prev[j-1] + m.costs.symCost(a[i-1], b[j-1])
			if d := prev[j] + gapA[i-1]; d < c {
				c = d
			}
			if d := cur[j-1] + gapB[j-1]; d < c {
				c = d
			}
			cur[j] = c
		}
		prev, cur = cur, prev
	}
	cost := prev[k]
	norm := max(symWeight(a), symWeight(b)) + matched
	v := 1 - float64(cost/norm)
	if v < 0 {
		return 0
	}
	return v
}

// abjadGlideGap is the cost of a y that Arabic script leaves unwritten:
// it writes a y as ی (Leyla لیلا, Bayramov بایراموف), so لالا is Lala,
// not Leyla.
const abjadGlideGap = 0.8

// scratch returns buf[:n] zeroed, or a new slice when n is too long.
func scratch(buf []float32, n int) []float32 {
	if n > len(buf) {
		return make([]float32, n)
	}
	b := buf[:n]
	clear(b)
	return b
}

func symWeight(s []sym) float32 {
	var w float32
	for _, x := range s {
		w += x.weight()
	}
	return w
}

// sortedKeys returns the map's keys in order, for stable output.
func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
