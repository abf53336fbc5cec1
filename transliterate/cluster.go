package transliterate

import (
	"context"
	"fmt"
	"sort"
	"strings"
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
	key      string // aliasKey
	text     string // first original spelling seen
	texts    map[string]int
	count    int
	tokens   []token
	alias    int // alias entry, or -1
	isAlias  bool
	firstPos int
}

// Cluster assigns every name a cluster; out[i] describes names[i].
func (c *Clusterer) Cluster(ctx context.Context, names []string) ([]Assignment, error) {
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
	nameSp := make([]int, len(names))
	for i, n := range names {
		k := aliasKey(n)
		if k == "" {
			k = "\x00" + tidy(n)
		}
		j, ok := index[k]
		if !ok {
			j = len(sp)
			index[k] = j
			sp = append(sp, &spelling{key: k, text: n, texts: map[string]int{}, alias: -1, firstPos: i})
		}
		sp[j].texts[n]++
		sp[j].count++
		nameSp[i] = j
	}
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
					sp = append(sp, &spelling{key: k, text: v, texts: map[string]int{}, isAlias: true, firstPos: len(names)})
				}
				sp[j].alias = ei
			}
		}
	}
	for i, s := range sp {
		if i%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		s.tokens = m.parse(s.text)
	}

	// Blocking: each spelling's keys, and the spellings under each key.
	blocks := map[string][]int32{}
	spKeys := make([][]string, len(sp))
	for i, s := range sp {
		spKeys[i] = blockKeys(s.tokens)
		for _, k := range spKeys[i] {
			blocks[k] = append(blocks[k], int32(i))
		}
	}
	type pair struct{ a, b int32 }
	var edges []edge
	scores := map[pair]Score{}
	score := func(a, b int32) Score {
		if a > b {
			a, b = b, a
		}
		p := pair{a, b}
		if s, ok := scores[p]; ok {
			return s
		}
		s := m.matchTokens(sp[a].tokens, sp[b].tokens)
		if ea, eb := sp[a].alias, sp[b].alias; ea >= 0 && eb >= 0 {
			if ea == eb {
				s = Score{Value: 1, Match: true, Reason: "alias entry"}
			} else {
				s.Match, s.Conflict, s.Reason = false, true, "different alias entries"
			}
		}
		scores[p] = s
		return s
	}
	// Compare each spelling with the later ones it shares a key with;
	// stamp[j] == i marks j as already compared with i.
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
				if s := score(a, b); s.Match {
					edges = append(edges, edge{a, b, s.Value})
				}
			}
		}
	}
	spKeys, blocks = nil, nil

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

	// Merge strongest first, under the cannot-link rule.
	sort.Slice(edges, func(i, j int) bool {
		if edges[i].value != edges[j].value {
			return edges[i].value > edges[j].value
		}
		if edges[i].a != edges[j].a {
			return edges[i].a < edges[j].a
		}
		return edges[i].b < edges[j].b
	})
	for ei, e := range edges {
		if ei%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		ra, rb := uf.find(int(e.a)), uf.find(int(e.b))
		if ra == rb {
			continue
		}
		if uf.canMerge(ra, rb, maxLink, func(x, y int) Score { return score(int32(x), int32(y)) }) {
			uf.union(ra, rb)
		}
	}

	return c.assign(m, names, nameSp, sp, uf), nil
}

type edge struct {
	a, b  int32
	value float64
}

// assign numbers clusters by first appearance and names them.
func (c *Clusterer) assign(m *Matcher, names []string, nameSp []int, sp []*spelling, uf *clusters) []Assignment {
	members := map[int][]int{}
	for i := range sp {
		r := uf.find(i)
		members[r] = append(members[r], i)
	}
	out := make([]Assignment, len(names))
	clusterID := map[int]int{}
	canonical := map[int]string{}
	used := map[string]int{}
	keyOf := make([]string, len(sp))
	for i, n := range names {
		s := nameSp[i]
		r := uf.find(s)
		id, ok := clusterID[r]
		if !ok {
			id = len(clusterID)
			clusterID[r] = id
			name := c.clusterName(m, members[r], sp)
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
			keyOf[s] = primaryKey(sp[s].tokens)
		}
		_ = n
		out[i] = Assignment{Cluster: id, Canonical: canonical[r], Key: keyOf[s]}
	}
	return out
}

func (c *Clusterer) clusterName(m *Matcher, members []int, sp []*spelling) string {
	var variants []string
	var counts []int
	for _, i := range members {
		s := sp[i]
		if s.alias >= 0 && c.Aliases != nil {
			return c.Aliases.entries[s.alias].canonical
		}
		for t, n := range s.texts {
			variants = append(variants, t)
			counts = append(counts, n)
		}
	}
	if len(variants) == 0 {
		return ""
	}
	// Map iteration order must not decide ties.
	idx := make([]int, len(variants))
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(a, b int) bool { return variants[idx[a]] < variants[idx[b]] })
	sv, sc := make([]string, len(idx)), make([]int, len(idx))
	for i, j := range idx {
		sv[i], sc[i] = variants[j], counts[j]
	}
	if name := m.Canonical(sv, sc); name != "" {
		return name
	}
	return tidy(sv[0])
}

// blockKeys returns a spelling's blocking keys. A name of one part (or
// whose parts read as one) blocks on its part keys; a name of several
// parts on pairs of part keys, so that names sharing only a surname are
// not compared.
func blockKeys(ts []token) []string {
	if len(ts) == 0 {
		return nil
	}
	set := map[string]bool{}
	whole := joinTokens(ts)
	for _, k := range tokenKeys(whole) {
		set["1|"+k] = true
	}
	if len(ts) == 1 {
		for _, k := range deletionKeys(whole) {
			set["1|"+k] = true
		}
	}
	units := tokenUnits(ts)
	if len(ts) > 6 {
		units = units[:12]
	}
	keys := make([][]string, len(units))
	dels := make([][]string, len(units))
	for i, u := range units {
		keys[i] = tokenKeys(u.tok)
		dels[i] = deletionKeys(u.tok)
	}
	pairUp := func(as, bs []string) {
		for _, ka := range as {
			for _, kb := range bs {
				lo, hi := ka, kb
				if lo > hi {
					lo, hi = hi, lo
				}
				set["2|"+lo+"|"+hi] = true
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
			pairUp(keys[i], keys[j])
			pairUp(dels[i], keys[j])
			pairUp(keys[i], dels[j])
		}
	}
	return sortedKeys(set)
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

// describe is for debugging output in tests.
func (s *spelling) describe() string { return strings.TrimSpace(s.text) }
