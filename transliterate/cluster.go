package transliterate

import (
	"context"
	"fmt"
	"math"
	"slices"
	"sort"
	"unicode"
)

// Assignment describes one name's cluster.
type Assignment struct {
	// Cluster numbers clusters from 0 in order of first appearance.
	Cluster int
	// Canonical is the cluster's spelling to show; no two clusters share
	// one (a second "Ali Hasanov" cluster is "Ali Hasanov (2)").
	Canonical string
	// Key is the name's primary blocking key: the skeleton of each part,
	// sorted ("l-ov lkm" for Ilham Aliyev in any script).
	Key string
}

// Clusterer groups mentions of names into entities.
//
// It never compares all pairs. Each distinct spelling gets blocking keys
// (pairs of part keys for names of two or more parts, so a common surname
// does not make one huge block); only spellings that share a key are
// compared. Matching pairs are then merged strongest first, average
// linkage under a cannot-link rule: two clusters join only if no pair
// across them is in Conflict (another given name, -ov against -ova, two
// different alias entries) and their pairs score NameThreshold on
// average. So Heydar Aliyev and Ilham Aliyev never meet through a third
// spelling, as they would with single-link chaining.
type Clusterer struct {
	// Aliases, if set, fix the canonical spelling of the entities they
	// list and join their spellings; two entries are never merged.
	Aliases *Aliases
	// Matcher compares names; nil uses one shared by the package.
	Matcher *Matcher
	// MaxBlock bounds the spellings compared within one key; larger
	// blocks are skipped, as such a key (a very common given name and
	// surname alike) tells nothing. Zero means 2000.
	MaxBlock int
	// MaxLinkage bounds the members of each cluster whose pairs are
	// checked before a merge (the most frequent first). Zero means 48.
	MaxLinkage int
}

type spelling struct {
	key      string      // aliasKey
	text     string      // first original spelling seen
	texts    []textCount // each original spelling and its mentions
	count    int
	tokens   []token
	ids      []int32 // span ids in the run's simCache
	script   script  // the one script of its letters, or 0 for mixed
	alias    int     // alias entry, or -1
	isAlias  bool
	firstPos int
}

// Cluster assigns every name a cluster; out[i] describes names[i]. It is
// ClusterVariants with no language known for any name.
func (c *Clusterer) Cluster(ctx context.Context, names []string) ([]Assignment, error) {
	vs := make([]Variant, len(names))
	for i, n := range names {
		vs[i] = Variant{Text: n}
	}
	return c.ClusterVariants(ctx, vs)
}

// ClusterVariants assigns every mention a cluster; out[i] describes
// mentions[i]. A mention's Text is the name as written, its Lang the
// language of its source, which decides the cluster's name as
// CanonicalName says (English-language sources first) but never which
// names are one entity; Count, if more than 1, counts it as that many
// mentions. Source is not used.
func (c *Clusterer) ClusterVariants(ctx context.Context, mentions []Variant) ([]Assignment, error) {
	m := c.Matcher.ready()
	maxBlock := c.MaxBlock
	if maxBlock <= 0 {
		maxBlock = 2000
	}
	maxLink := c.MaxLinkage
	if maxLink <= 0 {
		maxLink = 48
	}

	// Distinct spellings.
	var sp []*spelling
	index := map[string]int{}
	nameSp := make([]int, len(mentions))
	exact := map[string]int{} // mentions repeat as written: read each once
	for i, v := range mentions {
		n := v.Text
		if j, ok := exact[n]; ok {
			sp[j].addText(v)
			nameSp[i] = j
			continue
		}
		k := aliasKey(n)
		if k == "" {
			k = "\x00" + tidy(n)
		}
		j, ok := index[k]
		if !ok {
			j = len(sp)
			index[k] = j
			sp = append(sp, &spelling{key: k, text: n, alias: -1, firstPos: i})
		}
		sp[j].addText(v)
		nameSp[i] = j
		exact[n] = j
	}
	exact = nil
	// Alias spellings join as members that carry no mentions.
	if c.Aliases != nil {
		for ei, e := range c.Aliases.entries {
			for _, v := range e.variants {
				k := aliasKey(v)
				if k == "" {
					continue
				}
				j, ok := index[k]
				if !ok {
					j = len(sp)
					index[k] = j
					sp = append(sp, &spelling{key: k, text: v, isAlias: true, firstPos: len(mentions)})
				}
				sp[j].alias = ei
			}
		}
	}
	cache := newSimCache(simCacheEntries)
	for i, s := range sp {
		if i%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		var turkic bool
		s.tokens, turkic = m.parseMemo(s.text, cache.tokens)
		s.ids = cache.spanIDs(s.tokens, turkic)
		s.script = nameScript(s.text)
	}

	cache.freeze()

	// score compares two spellings. Alias entries decide for their own
	// spellings: one entry's are one entity, two entries' never.
	score := func(a, b int32) Score {
		s := m.matchCached(sp[a].tokens, sp[b].tokens, sp[a].ids, sp[b].ids, cache)
		if !s.Conflict && s.Value < sameScriptMin && oneOrthography(sp[a], sp[b]) {
			s.Match, s.Conflict, s.Reason = false, true, "written otherwise in one script"
		}
		if ea, eb := sp[a].alias, sp[b].alias; ea >= 0 && eb >= 0 {
			if ea == eb {
				s = Score{Value: 1, Match: true, Reason: "alias entry"}
			} else {
				s.Match, s.Conflict, s.Reason = false, true, "different alias entries"
			}
		}
		return s
	}

	// Blocking: each spelling's keys, hashed, and the spellings under each
	// key. A hash collision only adds comparisons.
	blocks := map[uint64][]int32{}
	spKeys := make([][]uint64, len(sp))
	for i, s := range sp {
		spKeys[i] = blockKeys(s.tokens, s.ids, cache)
		for _, h := range spKeys[i] {
			blocks[h] = append(blocks[h], int32(i))
		}
	}
	cache.keys = nil
	// Compare each spelling with the later ones it shares a key with;
	// stamp[j] == i marks j as already compared with i. Only matches are
	// kept, so memory grows with the matches, not with the pairs compared.
	var edges []edge
	stamp := make([]int32, len(sp))
	for i := range stamp {
		stamp[i] = -1
	}
	compared := 0
	for i := range sp {
		a := int32(i)
		for _, k := range spKeys[i] {
			members := blocks[k]
			if len(members) > maxBlock {
				continue
			}
			for _, b := range members {
				if b <= a || stamp[b] == a {
					continue
				}
				stamp[b] = a
				// A spelling may meet thousands in its blocks: check
				// by comparisons, not by spellings.
				if compared++; compared%1024 == 0 {
					if err := ctx.Err(); err != nil {
						return nil, err
					}
				}
				if m.cannotMatch2(sp[a], sp[b], cache) {
					continue
				}
				if s := score(a, b); s.Match {
					edges = append(edges, edge{a, b, s.Value})
				}
			}
		}
		spKeys[i] = nil
	}
	spKeys, blocks, stamp = nil, nil, nil

	// Alias entries start as one cluster each.
	uf := newClusters(sp)
	if c.Aliases != nil {
		first := map[int]int{}
		for i, s := range sp {
			if s.alias < 0 {
				continue
			}
			if f, ok := first[s.alias]; ok {
				uf.union(f, i)
			} else {
				first[s.alias] = i
			}
		}
	}

	// Merges never cross a connected component of the match graph (alias
	// entries included), so each component is merged on its own, with a
	// score cache that lives only as long as the component's work.
	comp := newUnionFind(len(sp))
	for _, e := range edges {
		comp.union(int(e.a), int(e.b))
	}
	for i := range sp {
		comp.union(i, uf.find(i))
	}
	root := make([]int32, len(edges))
	for i, e := range edges {
		root[i] = int32(comp.find(int(e.a)))
	}
	idx := make([]int, len(edges))
	for i := range idx {
		idx[i] = i
	}
	// Strongest first within each component.
	sort.Slice(idx, func(i, j int) bool {
		x, y := edges[idx[i]], edges[idx[j]]
		if rx, ry := root[idx[i]], root[idx[j]]; rx != ry {
			return rx < ry
		}
		if x.value != y.value {
			return x.value > y.value
		}
		if x.a != y.a {
			return x.a < y.a
		}
		return x.b < y.b
	})
	type pair struct{ a, b int32 }
	local := map[pair]Score{}
	cached := func(x, y int) Score {
		a, b := int32(x), int32(y)
		if a > b {
			a, b = b, a
		}
		if s, ok := local[pair{a, b}]; ok {
			return s
		}
		s := score(a, b)
		s.Reason = ""
		local[pair{a, b}] = s
		return s
	}
	for n, ei := range idx {
		if n%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		if n > 0 && root[ei] != root[idx[n-1]] {
			clear(local)
		}
		e := edges[ei]
		ra, rb := uf.find(int(e.a)), uf.find(int(e.b))
		if ra == rb {
			continue
		}
		if uf.canMerge(ra, rb, maxLink, cached) {
			uf.union(ra, rb)
		}
	}

	return c.assign(m, len(mentions), nameSp, sp, uf, cache), nil
}

type edge struct {
	a, b  int32
	value float64
}

// simCacheEntries bounds a Cluster call's part-similarity cache: some
// 40 MB.
const simCacheEntries = 1 << 20

// hashKey is FNV-1a, 64 bits: blocks are looked up by hash, not by the
// key strings, which would hold tens of bytes per key and spelling.
func hashKey(k string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(k); i++ {
		h ^= uint64(k[i])
		h *= 1099511628211
	}
	return h
}

// unionFind is a plain union-find over ints.
type unionFind []int32

func newUnionFind(n int) unionFind {
	u := make(unionFind, n)
	for i := range u {
		u[i] = int32(i)
	}
	return u
}

func (u unionFind) find(i int) int {
	for int(u[i]) != i {
		u[i] = u[u[i]]
		i = int(u[i])
	}
	return i
}

func (u unionFind) union(a, b int) {
	ra, rb := u.find(a), u.find(b)
	if ra != rb {
		u[rb] = int32(ra)
	}
}

// assign numbers clusters by first appearance and names them.
func (c *Clusterer) assign(m *Matcher, n int, nameSp []int, sp []*spelling, uf *clusters, cache *simCache) []Assignment {
	members := map[int][]int{}
	for i := range sp {
		r := uf.find(i)
		members[r] = append(members[r], i)
	}
	out := make([]Assignment, n)
	clusterID := map[int]int{}
	canonical := map[int]string{}
	used := map[string]int{}
	keyOf := make([]string, len(sp))
	firstKey := map[wordRead]string{}
	for i := range n {
		s := nameSp[i]
		r := uf.find(s)
		id, ok := clusterID[r]
		if !ok {
			id = len(clusterID)
			clusterID[r] = id
			name := c.clusterName(m, members[r], sp, cache)
			base := name
			used[base]++
			if k := used[base]; k > 1 {
				name = fmt.Sprintf("%s (%d)", base, k)
				for used[name] > 0 {
					k++
					name = fmt.Sprintf("%s (%d)", base, k)
				}
				used[name]++
			}
			canonical[r] = name
		}
		if keyOf[s] == "" {
			keyOf[s] = primaryKeyMemo(sp[s].tokens, firstKey)
		}
		out[i] = Assignment{Cluster: id, Canonical: canonical[r], Key: keyOf[s]}
	}
	return out
}

func (c *Clusterer) clusterName(m *Matcher, members []int, sp []*spelling, cache *simCache) string {
	var vs []Variant
	var toks [][]token
	var ids [][]int32
	for _, i := range members {
		s := sp[i]
		if s.alias >= 0 && c.Aliases != nil {
			return c.Aliases.entries[s.alias].canonical
		}
		for _, t := range s.texts {
			vs = append(vs, Variant{Text: t.text, Count: t.n, Lang: t.lang})
			toks = append(toks, s.tokens) // its spellings read alike
			ids = append(ids, s.ids)
		}
	}
	if len(vs) == 0 {
		return ""
	}
	// Input order must not decide ties.
	idx := make([]int, len(vs))
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(a, b int) bool {
		x, y := vs[idx[a]], vs[idx[b]]
		if x.Text != y.Text {
			return x.Text < y.Text
		}
		return x.Lang < y.Lang
	})
	sv, st, si := make([]Variant, len(idx)), make([][]token, len(idx)), make([][]int32, len(idx))
	for i, j := range idx {
		sv[i], st[i], si[i] = vs[j], toks[j], ids[j]
	}
	if name := m.canonicalName(sv, nil, cache.tokens, st, &spanSims{cache, si}); name != "" {
		return name
	}
	return tidy(sv[0].Text)
}

// A textCount is one spelling as written in one language, and how often.
type textCount struct {
	text, lang string
	n          int
}

// addText counts a mention (v.Count of them, at least one).
func (s *spelling) addText(v Variant) {
	n := max(v.Count, 1)
	s.count += n
	for i := range s.texts {
		if s.texts[i].text == v.Text && s.texts[i].lang == v.Lang {
			s.texts[i].n += n
			return
		}
	}
	s.texts = append(s.texts, textCount{v.Text, v.Lang, n})
}

// blockKeys returns a spelling's blocking keys, hashed (hashKey). A name
// of one part (or whose parts read as one) blocks on its part keys; a
// name of several parts on pairs of part keys, so that names sharing only
// a surname are not compared. ids are the spelling's span ids in c, whose
// key lists it reuses; a hash collision only adds comparisons.
func blockKeys(ts []token, ids []int32, c *simCache) []uint64 {
	if len(ts) == 0 {
		return nil
	}
	n := len(ts) + 1
	spanKeys := func(from, to int) *spanKeySet {
		id := ids[from*n+to]
		if id != 0 {
			if k, ok := c.keys[id]; ok {
				return k
			}
		}
		t := joinTokens(ts[from:to])
		k := &spanKeySet{keys: hashKeys(tokenKeys(t)), dels: hashKeys(deletionKeys(t))}
		if id != 0 {
			c.keys[id] = k
		}
		return k
	}
	var out []uint64
	whole := spanKeys(0, len(ts))
	for _, h := range whole.keys {
		out = append(out, h^oneKey)
	}
	if len(ts) == 1 {
		for _, h := range whole.dels {
			out = append(out, h^oneKey)
		}
	}
	units := tokenUnits(ts)
	if len(ts) > 6 {
		units = units[:12]
	}
	sets := make([]*spanKeySet, len(units))
	for i, u := range units {
		sets[i] = spanKeys(u.from, u.to)
	}
	pairUp := func(as, bs []uint64) {
		for _, ka := range as {
			for _, kb := range bs {
				out = append(out, pairKey(ka, kb))
			}
		}
	}
	for i := range units {
		for j := i + 1; j < len(units); j++ {
			if units[j].from < units[i].to {
				continue // overlapping
			}
			// One part may be one consonant off (Mahammadyarov,
			// Mammadyarov) while the other part agrees.
			pairUp(sets[i].keys, sets[j].keys)
			pairUp(sets[i].dels, sets[j].keys)
			pairUp(sets[i].keys, sets[j].dels)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// A spanKeySet is the hashed keys and deletion keys of one span.
type spanKeySet struct{ keys, dels []uint64 }

func hashKeys(ks []string) []uint64 {
	out := make([]uint64, len(ks))
	for i, k := range ks {
		out[i] = hashKey(k)
	}
	return out
}

// oneKey marks the keys of a whole name, apart from pair keys.
const oneKey = 0x9e3779b97f4a7c15

// pairKey combines two part keys, in either order, into one.
func pairKey(a, b uint64) uint64 {
	if a > b {
		a, b = b, a
	}
	h := a*0xbf58476d1ce4e5b9 ^ b
	h ^= h >> 31
	h *= 0x94d049bb133111eb
	return h ^ h>>29
}

// deletionKeys are skeletons with one consonant class left out, in the
// s: namespace, so that parts one consonant apart (Kapan and Qafan,
// Mahammadyarov and Mammadyarov) still meet.
func deletionKeys(t token) []string {
	var out []string
	suf := ""
	if t.suffix != noSuffix {
		suf = "-" + suffixNames[t.suffix]
	}
	for _, s := range skeletons(t.stem) {
		if len(s) < 3 {
			continue
		}
		for i := range s {
			d := s[:i] + s[i+1:]
			if i > 0 && i+1 < len(s) && s[i-1] == s[i+1] {
				d = s[:i] + s[i+2:] // Mahammad → Mammad: the neighbours meet
			}
			out = append(out, "s:"+d+suf)
		}
	}
	return out
}

// clusters is a union-find over spellings that keeps each cluster's
// members, most frequent first, for the linkage check.
type clusters struct {
	parent  []int
	members [][]int
	sp      []*spelling
}

func newClusters(sp []*spelling) *clusters {
	c := &clusters{parent: make([]int, len(sp)), members: make([][]int, len(sp)), sp: sp}
	for i := range sp {
		c.parent[i] = i
		c.members[i] = []int{i}
	}
	return c
}

func (c *clusters) find(i int) int {
	for c.parent[i] != i {
		c.parent[i] = c.parent[c.parent[i]]
		i = c.parent[i]
	}
	return i
}

func (c *clusters) union(a, b int) {
	ra, rb := c.find(a), c.find(b)
	if ra == rb {
		return
	}
	if len(c.members[ra]) < len(c.members[rb]) {
		ra, rb = rb, ra
	}
	c.parent[rb] = ra
	merged := append(c.members[ra], c.members[rb]...)
	sort.SliceStable(merged, func(i, j int) bool {
		return c.sp[merged[i]].count > c.sp[merged[j]].count
	})
	c.members[ra], c.members[rb] = merged, nil
}

// canMerge applies the cannot-link rule and average linkage to the
// clusters rooted at ra and rb, over at most limit members of each.
func (c *clusters) canMerge(ra, rb, limit int, score func(x, y int) Score) bool {
	xs, ys := c.members[ra], c.members[rb]
	if len(xs) > limit {
		xs = xs[:limit]
	}
	if len(ys) > limit {
		ys = ys[:limit]
	}
	aliasA, aliasB := -1, -1
	for _, x := range c.members[ra] {
		if a := c.sp[x].alias; a >= 0 {
			aliasA = a
		}
	}
	for _, y := range c.members[rb] {
		if a := c.sp[y].alias; a >= 0 {
			aliasB = a
		}
	}
	if aliasA >= 0 && aliasB >= 0 && aliasA != aliasB {
		return false
	}
	var sum float64
	for _, x := range xs {
		for _, y := range ys {
			s := score(x, y)
			if s.Conflict {
				return false
			}
			sum += s.Value
		}
	}
	return sum/float64(len(xs)*len(ys)) >= NameThreshold
}

// sameScriptMin is the least score at which two one-word spellings in the
// same script other than Latin, and the same orthography, are one name
// (see oneOrthography). Latin carries a dozen spelling
// conventions, but a name written in Cyrillic or Arabic script is mostly
// written one way there: two spellings that differ by more than a
// letter's small variant (ё/е, ی/ي, a dropped ь) are two names (Белл,
// Билл; بل, بيل), even when each meets the same Latin spelling. On the
// public dev splits this cannot-link lifted clustering precision from
// 0.73–0.90 to 0.92–0.99 at no cost in recall.
const sameScriptMin = 0.95

// oneOrthography reports two spellings written in one script other than
// Latin, by one language's rules as far as the letters tell, where
// sameScriptMin applies: any two in Arabic script, whose Persian and
// Arabic letter forms are folded to one; one-word spellings in Cyrillic
// when their letters tell the same language (Russian Киев and Ukrainian
// Київ are two orthographies), and in the other scripts. Names of several
// Cyrillic words may be written by two related orthographies that the
// letters do not tell apart (Дмитрий and Дмитро Кулеба).
func oneOrthography(a, b *spelling) bool {
	if a.script != b.script || a.script == scriptLatin || a.script == scriptNone {
		return false
	}
	if a.script == scriptArabic {
		return true // Persian and Arabic letters are folded to one form
	}
	if len(a.tokens) != 1 || len(b.tokens) != 1 {
		return false
	}
	if a.script == scriptCyrillic {
		return detectCyrillic([]rune(a.tokens[0].text)) == detectCyrillic([]rune(b.tokens[0].text))
	}
	return true
}

// cannotMatch2 is a quick test for the commonest pair, two names of two
// words each outside any alias entry: it reports true only when matchTokens
// would not say Match, by the same rule (every part of one pairing at
// TokenThreshold or more, no -ov against -ova, and the weighted mean at
// NameThreshold), so skipping such pairs changes nothing but the time. Two
// words joined cannot meet two words joined (see matchCached), so only
// the two pairings of single words count.
func (m *Matcher) cannotMatch2(a, b *spelling, c *simCache) bool {
	if len(a.tokens) != 2 || len(b.tokens) != 2 || a.alias >= 0 && b.alias >= 0 {
		return false
	}
	ta, tb := a.tokens, b.tokens
	sim := func(i, j int) (float64, bool) {
		return c.sim(a.ids[i*3+i+1], b.ids[j*3+j+1], func() (float64, bool) { return m.tokenSim(ta[i], tb[j]) })
	}
	ok := func(i0, j0, i1, j1 int) bool {
		s0, g0 := sim(i0, j0)
		if g0 || s0 < TokenThreshold-1e-6 {
			return false
		}
		s1, g1 := sim(i1, j1)
		if g1 || s1 < TokenThreshold-1e-6 {
			return false
		}
		w0 := math.Max(ta[i0].weight, tb[j0].weight)
		w1 := math.Max(ta[i1].weight, tb[j1].weight)
		return (s0*w0+s1*w1)/(w0+w1) >= NameThreshold-1e-6
	}
	return !ok(0, 0, 1, 1) && !ok(0, 1, 1, 0)
}

// nameScript is the script of all of a name's letters, or 0 if they mix.
func nameScript(s string) script {
	var sc script
	for _, r := range s {
		if !unicode.IsLetter(r) {
			continue
		}
		x := scriptOf(r)
		if sc != 0 && x != sc {
			return 0
		}
		sc = x
	}
	return sc
}
