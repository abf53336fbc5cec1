package transliterate

import (
	"os"
	"testing"

	"github.com/dossier-news/dossier/transliterate/clustereval"
)

// TestBlockingKeepsMatches checks that every pair of spellings the matcher
// accepts shares a blocking key, so the Clusterer compares it: over all
// pairs of the gold sets' mentions, not only those of one entity.
func TestBlockingKeepsMatches(t *testing.T) {
	if testing.Short() {
		t.Skip("compares all pairs of 560 mentions")
	}
	m := New()
	for _, path := range []string{"../testdata/names/dev.tsv", "testdata/names.tsv", "testdata/general.tsv"} {
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		gold, err := clustereval.ReadGold(f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		c := newSimCache(simCacheEntries)
		type read struct {
			text string
			toks []token
			keys map[uint64]bool
		}
		var rs []read
		for _, g := range gold {
			toks, turkic := m.parseMemo(g.Name, c.tokens)
			ids := c.spanIDs(toks, turkic)
			ks := map[uint64]bool{}
			for _, k := range blockKeys(toks, ids, c) {
				ks[k] = true
			}
			rs = append(rs, read{g.Name, toks, ks})
		}
		accepted, missed := 0, 0
		for i := range rs {
			for j := i + 1; j < len(rs); j++ {
				if !m.matchTokens(rs[i].toks, rs[j].toks).Match {
					continue
				}
				accepted++
				shared := false
				for k := range rs[i].keys {
					if rs[j].keys[k] {
						shared = true
						break
					}
				}
				if !shared {
					missed++
					t.Errorf("%s: %q and %q match but share no blocking key", path, rs[i].text, rs[j].text)
				}
			}
		}
		t.Logf("%s: %d accepted pairs, %d without a shared key", path, accepted, missed)
	}
}
