package transliterate

import (
	"math"
	"strings"
)

// A simCache remembers the similarity of name parts for one clustering
// run. Spellings of many people share their parts (a thousand mentions
// of Mammadov in six conventions are six tokens), so a part pair is read
// and aligned once rather than once per pair of full names. It belongs to
// one Cluster call, is not safe for concurrent use, and forgets
// everything when it holds maxEntries pairs, so its memory is bounded
// whatever the input.
type simCache struct {
	ids     map[string]int32
	singles int32 // ids of single words are 1..singles
	joined  int32 // ids of joined spans are joinedBase+1..
	// dense holds single-word pairs once every name is read (see
	// freeze): dense[(a-1)*singles+b-1] is the similarity, negative
	// (sign bit set) for -ov against -ova, NaN if not yet known.
	dense      []float32
	sims       map[uint64]partSimLite
	maxEntries int
	memo       spanMemo
	tokens     tokenMemo
	keys       map[int32]*spanKeySet // blocking keys by span id
}

// A spanMemo holds one comparison's group similarities, reused from call
// to call: an entry counts only if its stamp is the call's generation, so
// nothing is cleared between calls.
type spanMemo struct {
	cache []partSim
	stamp []uint32
	gen   uint32
}

// get returns size entries and the generation that marks them valid.
func (s *spanMemo) get(size int) ([]partSim, []uint32, uint32) {
	if size > len(s.cache) {
		s.cache = make([]partSim, size)
		s.stamp = make([]uint32, size)
	}
	s.gen++
	if s.gen == 0 { // wrapped: old stamps could look current
		clear(s.stamp)
		s.gen = 1
	}
	return s.cache[:size], s.stamp[:size], s.gen
}

type partSimLite struct {
	sim    float64
	gender bool
}

func newSimCache(maxEntries int) *simCache {
	return &simCache{ids: map[string]int32{}, sims: map[uint64]partSimLite{}, maxEntries: maxEntries, tokens: tokenMemo{}, keys: map[int32]*spanKeySet{}}
}

// spanIDs gives each span of a spelling's tokens (ts[from:to], the spans
// matchTokens may read as one part) an id shared by every spelling whose
// span reads the same: same words, same Turkic reading. ids[from*(n+1)+to]
// is the id; spans matchTokens never joins are left 0 and never looked up.
func (c *simCache) spanIDs(ts []token, turkic bool) []int32 {
	n := len(ts)
	ids := make([]int32, (n+1)*(n+1))
	maxSpan := n
	if n > 5 {
		maxSpan = 1 // partitions takes long names as they are
	}
	var b strings.Builder
	for from := 0; from < n; from++ {
		for to := from + 1; to <= n && to-from <= maxSpan; to++ {
			b.Reset()
			if turkic {
				b.WriteByte('t')
			}
			for _, t := range ts[from:to] {
				b.WriteByte(0)
				b.WriteString(t.text)
			}
			k := b.String()
			id, ok := c.ids[k]
			if !ok {
				if to-from == 1 {
					c.singles++
					id = c.singles
				} else {
					c.joined++
					id = joinedBase + c.joined
				}
				c.ids[k] = id
			}
			ids[from*(n+1)+to] = id
		}
	}
	return ids
}

// joinedBase separates the ids of joined spans from those of words.
const joinedBase = 1 << 28

// maxDense bounds the words whose pairs are kept in a table rather than a
// map: 4096² float32 is 64 MiB; most runs have far fewer words.
const maxDense = 4096

// freeze is called once every name has its span ids: pairs of single
// words are then kept in a table, which is faster than a map.
func (c *simCache) freeze() {
	if c.singles == 0 || c.singles > maxDense {
		return
	}
	c.dense = make([]float32, int(c.singles)*int(c.singles))
	nan := float32(math.NaN())
	for i := range c.dense {
		c.dense[i] = nan
	}
}

// sim returns the cached similarity of two parts by id, computing it with
// compute on a miss.
func (c *simCache) sim(a, b int32, compute func() (float64, bool)) (float64, bool) {
	if a > b {
		a, b = b, a // similarity is symmetric
	}
	if c.dense != nil && b <= c.singles {
		k := int(a-1)*int(c.singles) + int(b-1)
		if v := c.dense[k]; v == v { // not NaN
			g := math.Signbit(float64(v))
			return math.Abs(float64(v)), g
		}
		s, g := compute()
		// Stored and returned as float32, so a pair scores the same on
		// every look-up.
		v := float32(s)
		if g {
			c.dense[k] = float32(math.Copysign(float64(v), -1))
		} else {
			c.dense[k] = v
		}
		return float64(v), g
	}
	k := uint64(uint32(a))<<32 | uint64(uint32(b))
	if v, ok := c.sims[k]; ok {
		return v.sim, v.gender
	}
	s, g := compute()
	if len(c.sims) >= c.maxEntries {
		clear(c.sims)
	}
	c.sims[k] = partSimLite{s, g}
	return s, g
}
