package main

import (
	"flag"
	"fmt"
	"strings"

	"github.com/mozillazg/go-unidecode"
	"github.com/xrash/smetrics"

	"github.com/dossier-news/dossier/transliterate/clustereval"
)

// baseline is the off-the-shelf approach: unidecode romanization, lower
// case, then Jaro–Winkler over whole names and single-link clustering
// (connected components of pairs at or above the threshold). It compares
// all pairs, which is fine for gold sets of a few hundred mentions.
func baseline(args []string) error {
	fs := flag.NewFlagSet("baseline", flag.ExitOnError)
	threshold := fs.Float64("t", 0.85, "Jaro-Winkler threshold")
	fs.Parse(args)
	if fs.NArg() != 1 {
		return fmt.Errorf("baseline: want one gold file")
	}
	names, ents, err := readGold(fs.Arg(0))
	if err != nil {
		return err
	}
	pred := baselineCluster(names, *threshold)
	s, err := clustereval.Evaluate(ents, pred)
	if err != nil {
		return err
	}
	fmt.Printf("baseline (unidecode + Jaro-Winkler ≥ %.2f, single link): %v\n", *threshold, s)
	return nil
}

func baselineRomanize(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(unidecode.Unidecode(s))), " ")
}

func baselineCluster(names []string, threshold float64) []string {
	rom := make([]string, len(names))
	for i, n := range names {
		rom[i] = baselineRomanize(n)
	}
	parent := make([]int, len(names))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	for i := range names {
		for j := i + 1; j < len(names); j++ {
			if smetrics.JaroWinkler(rom[i], rom[j], 0.7, 4) >= threshold {
				parent[find(i)] = find(j)
			}
		}
	}
	pred := make([]string, len(names))
	for i := range names {
		pred[i] = fmt.Sprint(find(i))
	}
	return pred
}
