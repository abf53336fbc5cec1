// Package clustereval scores a clustering of name mentions against gold
// entities with the two measures of the project's shared names dev set:
//
//   - pairwise, over mention pairs: precision is the share of pairs put in
//     one cluster that are one gold entity, recall the share of pairs of
//     one gold entity that are put in one cluster, F1 their harmonic mean;
//   - B-cubed (Bagga and Baldwin 1998): for each mention, the share of its
//     predicted cluster that is its gold entity (precision) and of its
//     gold entity that is in its predicted cluster (recall), averaged over
//     mentions.
//
// Start with Evaluate; ReadGold reads gold files of "entity<TAB>mention"
// lines, the format of the repository's testdata/names/dev.tsv.
package clustereval

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// PRF is precision, recall and their harmonic mean.
type PRF struct{ P, R, F1 float64 }

func prf(p, r float64) PRF {
	f := 0.0
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return PRF{p, r, f}
}

// Scores of one clustering.
type Scores struct {
	Pairwise PRF
	BCubed   PRF
}

func (s Scores) String() string {
	return fmt.Sprintf("pairwise P=%.3f R=%.3f F1=%.3f  bcubed P=%.3f R=%.3f F1=%.3f",
		s.Pairwise.P, s.Pairwise.R, s.Pairwise.F1, s.BCubed.P, s.BCubed.R, s.BCubed.F1)
}

// Evaluate scores pred against gold; gold[i] and pred[i] are the entity
// and the predicted cluster of mention i (equal strings, same cluster).
// It counts pairs by cluster sizes, so it runs in linear time.
func Evaluate(gold, pred []string) (Scores, error) {
	if len(gold) != len(pred) {
		return Scores{}, fmt.Errorf("%d predictions for %d gold mentions", len(pred), len(gold))
	}
	n := len(gold)
	if n == 0 {
		return Scores{Pairwise: PRF{1, 1, 1}, BCubed: PRF{1, 1, 1}}, nil
	}
	type cell struct{ g, p string }
	gsize, psize, both := map[string]int{}, map[string]int{}, map[cell]int{}
	for i := range gold {
		gsize[gold[i]]++
		psize[pred[i]]++
		both[cell{gold[i], pred[i]}]++
	}
	pairs := func(k int) float64 { return float64(k) * float64(k-1) / 2 }
	var tp, predPairs, goldPairs float64
	for _, k := range both {
		tp += pairs(k)
	}
	for _, k := range psize {
		predPairs += pairs(k)
	}
	for _, k := range gsize {
		goldPairs += pairs(k)
	}
	p, r := 1.0, 1.0
	if predPairs > 0 {
		p = tp / predPairs
	}
	if goldPairs > 0 {
		r = tp / goldPairs
	}
	var bp, br float64
	for c, k := range both {
		// k mentions share this (gold, pred) cell; each contributes
		// k/|pred| to precision and k/|gold| to recall.
		bp += float64(k) * float64(k) / float64(psize[c.p])
		br += float64(k) * float64(k) / float64(gsize[c.g])
	}
	return Scores{Pairwise: prf(p, r), BCubed: prf(bp/float64(n), br/float64(n))}, nil
}

// Mention is one gold row: an entity id and how it was written.
type Mention struct{ Entity, Name string }

// ReadGold reads "entity<TAB>mention" lines; blank lines and lines
// starting with # are skipped.
func ReadGold(r io.Reader) ([]Mention, error) {
	var out []Mention
	sc := bufio.NewScanner(r)
	line := 0
	for sc.Scan() {
		line++
		t := strings.TrimRight(sc.Text(), "\r")
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		ent, name, ok := strings.Cut(t, "\t")
		if !ok || ent == "" {
			return nil, fmt.Errorf("line %d: want entity<TAB>mention", line)
		}
		out = append(out, Mention{ent, name})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("line %d: %w", line+1, err)
	}
	return out, nil
}
