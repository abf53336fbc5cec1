package main

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"

	"github.com/dossier-news/dossier/transliterate"
	"github.com/dossier-news/dossier/transliterate/clustereval"
	"github.com/xrash/smetrics"
)

// namesakes builds sets of full names with namesakes from the public
// token pairs and clusters them. Each person is two name parts drawn from
// the pairs (a reliable pair: seen at least twice), written in Latin and
// in the other script, in both word orders; each surname part is shared
// by several people with different given parts, and each given part by
// several people with different surnames, so that one part agreeing never
// suffices. The three-script set takes parts whose Latin spelling the
// Cyrillic and the Arabic-script files both give.
func namesakes(args []string) error {
	fs := flag.NewFlagSet("namesakes", flag.ExitOnError)
	people := fs.Int("people", 300, "people per set")
	share := fs.Int("share", 3, "people who share each surname part")
	seed := fs.Uint64("seed", 1, "sampling seed")
	split := fs.String("split", "dev", `"dev" (training files, tuned on) or "test" (held-out files, never tuned on)`)
	verbose := fs.Bool("v", false, "list mixed and split clusters")
	near := fs.Bool("near", false, "people who share a surname get given names close to each other's (near-namesakes: Jaro–Winkler 0.8–0.9)")
	dump := fs.String("dump", "", "also write each set as a gold file (entity<TAB>mention) to this prefix plus the set's name")
	fs.Parse(args)
	if fs.NArg() != 1 {
		return fmt.Errorf("namesakes: want the data directory")
	}
	ruFile, arFile := "wikidata-ru-80.tsv", "wikidata-ar-80.tsv"
	if *split == "test" {
		ruFile, arFile = "wd_russian_20", "wd_arabic_20"
	}
	ru, err := readPairs(filepath.Join(fs.Arg(0), ruFile), 0, 2)
	if err != nil {
		return err
	}
	ar, err := readPairs(filepath.Join(fs.Arg(0), arFile), 0, 2)
	if err != nil {
		return err
	}
	sets := []struct {
		name    string
		scripts []map[string]string
	}{
		{"Latin+Cyrillic", []map[string]string{byLatin(ru)}},
		{"Latin+Arabic", []map[string]string{byLatin(ar)}},
		{"Latin+Cyrillic+Arabic", []map[string]string{byLatin(ru), byLatin(ar)}},
	}
	for _, set := range sets {
		// Parts every script of the set spells.
		var parts []string
		for l := range set.scripts[0] {
			ok := len(l) >= 3
			for _, sc := range set.scripts[1:] {
				_, in := sc[l]
				ok = ok && in
			}
			if ok {
				parts = append(parts, l)
			}
		}
		sortStrings(parts)
		rng := rand.New(rand.NewPCG(*seed, 11))
		rng.Shuffle(len(parts), func(i, j int) { parts[i], parts[j] = parts[j], parts[i] })
		nSur := *people / *share
		if len(parts) < nSur+*people/2 {
			return fmt.Errorf("%s: only %d parts", set.name, len(parts))
		}
		surnames, givens := parts[:nSur], parts[nSur:nSur+*people/2]
		var names, ents []string
		seen := map[[2]string]bool{}
		// With -near, the people who share a surname get given names
		// close to one another's (Jaro–Winkler of the Latin spellings in
		// [0.8, 0.9), a measure independent of the matcher under test, so
		// the set does not change with it): relatives named alike, the
		// hardest case for precision.
		firstGiven := map[string]string{}
		for p := 0; len(seen) < *people && p < 100**people; p++ {
			g, s := givens[rng.IntN(len(givens))], surnames[len(seen)%nSur]
			if *near {
				if f, ok := firstGiven[s]; ok {
					var close []string
					for _, c := range givens {
						if v := smetrics.JaroWinkler(c, f, 0.7, 4); c != f && v >= 0.8 && v < 0.9 && !seen[[2]string{c, s}] {
							close = append(close, c)
						}
					}
					if len(close) > 0 {
						g = close[rng.IntN(len(close))]
					}
				} else {
					firstGiven[s] = g
				}
			}
			if g == s || seen[[2]string{g, s}] {
				continue
			}
			seen[[2]string{g, s}] = true
			ent := g + " " + s
			add := func(name string) { names, ents = append(names, name), append(ents, ent) }
			add(title(g) + " " + title(s))
			add(title(s) + " " + title(g))
			// Names are written capitalized where the script has case
			// (the data spells them in lower case).
			for _, sc := range set.scripts {
				add(title(sc[g]) + " " + title(sc[s]))
				add(title(sc[s]) + " " + title(sc[g]))
			}
		}
		if *dump != "" {
			if err := writeGold(*dump+strings.ReplaceAll(set.name, "+", "-")+".tsv", ents, names); err != nil {
				return err
			}
		}
		s, err := clusterScore(&transliterate.Clusterer{}, names, ents, *verbose)
		if err != nil {
			return err
		}
		base, err := clustereval.Evaluate(ents, baselineCluster(names, 0.85))
		if err != nil {
			return err
		}
		fmt.Printf("%s (%s): %d people, %d mentions: transliterate %v\n", set.name, *split, len(seen), len(names), s)
		fmt.Printf("  baseline %v\n", base)
	}
	return nil
}

// byLatin maps each lower-case Latin spelling to its most frequent other
// spelling (the pairs come most frequent first per Latin spelling only by
// chance, so the first seen is kept).
func byLatin(pairs []pair) map[string]string {
	m := map[string]string{}
	for _, p := range pairs {
		l := strings.ToLower(p.latin)
		if strings.ContainsAny(l, " -'.") {
			continue
		}
		if _, ok := m[l]; !ok {
			m[l] = p.other
		}
	}
	return m
}

func title(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	return strings.ToUpper(string(r[0])) + string(r[1:])
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// writeGold writes a gold file in the form eval reads.
func writeGold(path string, ents, names []string) error {
	var b strings.Builder
	for i := range names {
		fmt.Fprintf(&b, "%s\t%s\n", ents[i], names[i])
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}
