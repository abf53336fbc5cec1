package main

import (
	"bufio"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/dossier-news/dossier/transliterate"
	"github.com/dossier-news/dossier/transliterate/clustereval"
)

// public measures on the public name-transliteration data: for a fixed
// random sample of rows, how often SameToken accepts the pair (recall),
// how often it accepts a row's Latin spelling against another row's
// other-script spelling (false matches), and how well the Clusterer
// groups all sampled spellings, the entity being the Latin spelling.
func public(args []string) error {
	fs := flag.NewFlagSet("public", flag.ExitOnError)
	n := fs.Int("n", 500, "rows sampled per file")
	seed := fs.Uint64("seed", 1, "sampling seed")
	minCount := fs.Int("min-count", 1, "Wikidata rows seen fewer times are skipped (the README calls repeated rows more reliable)")
	split := fs.String("split", "dev", `"dev": the training files in /work/shared/names/public, tuned on; "test": the held-out files (wd_russian_20, wd_arabic_20 from NETransliteration-COLING2018, ar2en-test.txt from google/transliteration), never tuned on`)
	misses := fs.Bool("v", false, "list the pairs SameToken misses")
	fs.Parse(args)
	if fs.NArg() != 1 {
		return fmt.Errorf("public: want the data directory")
	}
	dir := fs.Arg(0)
	type file struct {
		name  string
		latin int // column of the Latin spelling
	}
	files := []file{
		{"wikidata-ru-80.tsv", 0},
		{"wikidata-ar-80.tsv", 0},
		{"google-ar2en-train.tsv", 1},
	}
	switch *split {
	case "dev":
	case "test":
		files = []file{{"wd_russian_20", 0}, {"wd_arabic_20", 0}, {"ar2en-test.txt", 1}}
	default:
		return fmt.Errorf("public: -split is dev or test, not %q", *split)
	}
	for _, f := range files {
		pairs, err := readPairs(filepath.Join(dir, f.name), f.latin, *minCount)
		if err != nil {
			return err
		}
		rng := rand.New(rand.NewPCG(*seed, 7))
		rng.Shuffle(len(pairs), func(i, j int) { pairs[i], pairs[j] = pairs[j], pairs[i] })
		if len(pairs) > *n {
			pairs = pairs[:*n]
		}
		if err := measure(f.name, pairs, *misses); err != nil {
			return err
		}
	}
	return nil
}

type pair struct{ latin, other string }

func readPairs(path string, latinCol, minCount int) ([]pair, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []pair
	sc := bufio.NewScanner(f)
	line := 0
	for sc.Scan() {
		line++
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) < 2 {
			return nil, fmt.Errorf("%s: line %d: want at least two tab-separated columns", path, line)
		}
		if len(cols) >= 3 {
			if c, err := strconv.Atoi(cols[2]); err == nil && c < minCount {
				continue
			}
		}
		latin, other := cols[latinCol], cols[1-latinCol]
		// Wikidata rows spell the other script letter by letter.
		other = strings.ReplaceAll(other, " ", "")
		if latin == "" || other == "" {
			continue
		}
		out = append(out, pair{latin, other})
	}
	return out, sc.Err()
}

func measure(name string, pairs []pair, misses bool) error {
	m := transliterate.New()
	hits, false_ := 0, 0
	for i, p := range pairs {
		if m.SameToken(p.latin, p.other) {
			hits++
		} else if misses {
			fmt.Printf("MISS %s\t%s\t%.3f\n", p.latin, p.other, m.Match(p.latin, p.other).Value)
		}
		q := pairs[(i+1)%len(pairs)]
		if !strings.EqualFold(q.latin, p.latin) && m.SameToken(p.latin, q.other) {
			false_++
		}
	}
	// The entity of a row is its Latin spelling, joined with every row
	// that shares its Latin or its other-script spelling: one written form
	// cannot be told apart from itself (jahn and jan are both ян).
	ent := newGroups()
	for _, p := range pairs {
		ent.union("l:"+strings.ToLower(p.latin), "o:"+p.other)
	}
	var names, ents []string
	for _, p := range pairs {
		e := ent.find("l:" + strings.ToLower(p.latin))
		names = append(names, p.latin, p.other)
		ents = append(ents, e, e)
	}
	s, err := clusterScore(&transliterate.Clusterer{Matcher: m}, names, ents, misses)
	if err != nil {
		return err
	}
	base, err := clustereval.Evaluate(ents, baselineCluster(names, 0.85))
	if err != nil {
		return err
	}
	fmt.Printf("%s: %d pairs: SameToken recall %.3f, false matches on shifted pairs %.3f\n", name, len(pairs),
		float64(hits)/float64(len(pairs)), float64(false_)/float64(len(pairs)))
	fmt.Printf("  clustering %d spellings: transliterate %v\n", len(names), s)
	fmt.Printf("  %*s baseline      %v\n", len(fmt.Sprint(len(names)))+21, "", base)
	return nil
}

// groups is a union-find over strings.
type groups map[string]string

func newGroups() groups { return groups{} }

func (g groups) find(x string) string {
	for {
		p, ok := g[x]
		if !ok || p == x {
			return x
		}
		x = p
	}
}

func (g groups) union(a, b string) {
	ra, rb := g.find(a), g.find(b)
	if ra != rb {
		g[rb] = ra
	}
	if _, ok := g[ra]; !ok {
		g[ra] = ra
	}
}
