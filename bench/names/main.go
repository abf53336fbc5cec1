// Command names measures package transliterate: clustering time and peak
// memory at scale, an off-the-shelf baseline, and matching on public
// transliteration data. It is a measuring tool, not part of dossier.
//
//	go run ./bench/names scale [-n 100000] [-per 5] [-wide] [-cpuprofile FILE]
//	go run ./bench/names eval FILE.tsv            # transliterate on a gold set
//	go run ./bench/names baseline [-t 0.85] FILE.tsv
//	go run ./bench/names public [-n 500] [-seed 1] [-split dev|test] DIR
//	go run ./bench/names namesakes [-people 300] [-split dev|test] [-near] DIR
//
// FILE.tsv is "entity<TAB>mention" (testdata/names/dev.tsv). DIR holds the
// public data (wikidata-ru-80.tsv, wikidata-ar-80.tsv,
// google-ar2en-train.tsv); it is read from where it is, never copied.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"strings"
	"syscall"
	"time"

	"github.com/dossier-news/dossier/transliterate"
	"github.com/dossier-news/dossier/transliterate/clustereval"
	"github.com/dossier-news/dossier/transliterate/synth"
)

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	var err error
	switch os.Args[1] {
	case "scale":
		err = scale(os.Args[2:])
	case "eval":
		err = eval(os.Args[2:])
	case "baseline":
		err = baseline(os.Args[2:])
	case "public":
		err = public(os.Args[2:])
	case "namesakes":
		err = namesakes(os.Args[2:])
	default:
		usage()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "names:", err)
		os.Exit(1)
	}
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: names scale|eval|baseline|public|namesakes [flags] [FILE|DIR]")
	os.Exit(2)
}

// peakRSS returns the process's peak resident set size in MiB.
func peakRSS() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return -1
	}
	return float64(ru.Maxrss) / 1024 // Linux reports KiB
}

func scale(args []string) error {
	fs := flag.NewFlagSet("scale", flag.ExitOnError)
	n := fs.Int("n", 100_000, "mentions")
	per := fs.Int("per", 5, "mentions per entity on average")
	seed := fs.Uint64("seed", 1, "generator seed")
	verbose := fs.Bool("v", false, "list mixed and split clusters")
	wide := fs.Bool("wide", false, "draw from the wider pool of people (synth.MentionsWide)")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the clustering to this file")
	fs.Parse(args)
	ms := synth.Mentions(*n, *per, *seed)
	if *wide {
		ms = synth.MentionsWide(*n, *per, *seed)
	}
	names := make([]string, len(ms))
	gold := make([]string, len(ms))
	for i, m := range ms {
		names[i], gold[i] = m.Name, fmt.Sprint(m.Entity)
	}
	runtime.GC()
	before := peakRSS()
	var cpu0 syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &cpu0)
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
	}
	start := time.Now()
	out, err := (&transliterate.Clusterer{}).Cluster(context.Background(), names)
	if err != nil {
		return err
	}
	wall := time.Since(start)
	if *cpuProfile != "" {
		pprof.StopCPUProfile()
	}
	var cpu1 syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &cpu1)
	pred := make([]string, len(out))
	for i, a := range out {
		pred[i] = a.Canonical
	}
	if *verbose {
		report(names, gold, pred)
	}
	s, err := clustereval.Evaluate(gold, pred)
	if err != nil {
		return err
	}
	cpu := time.Duration(cpu1.Utime.Nano()+cpu1.Stime.Nano()-cpu0.Utime.Nano()-cpu0.Stime.Nano()) * time.Nanosecond
	distinct, ents := map[string]bool{}, map[string]bool{}
	for i := range names {
		distinct[names[i]], ents[gold[i]] = true, true
	}
	// The generator has a bounded pool of people, so past some size more
	// mentions repeat spellings already seen: the distinct count says so.
	fmt.Printf("mentions=%d entities=%d distinct_spellings=%d wall=%s cpu=%s peak_rss=%.0fMiB (before clustering %.0fMiB)\n",
		len(names), len(ents), len(distinct), wall.Round(time.Millisecond), cpu.Round(time.Millisecond), peakRSS(), before)
	fmt.Printf("synthetic gold: %v\n", s)
	return nil
}

func readGold(path string) ([]string, []string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	rows, err := clustereval.ReadGold(f)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	names, ents := make([]string, len(rows)), make([]string, len(rows))
	for i, r := range rows {
		names[i], ents[i] = r.Name, r.Entity
	}
	return names, ents, nil
}

func eval(args []string) error {
	fs := flag.NewFlagSet("eval", flag.ExitOnError)
	verbose := fs.Bool("v", false, "list mixed and split clusters")
	fs.Parse(args)
	if fs.NArg() != 1 {
		return fmt.Errorf("eval: want one gold file")
	}
	names, ents, err := readGold(fs.Arg(0))
	if err != nil {
		return err
	}
	s, err := clusterScore(&transliterate.Clusterer{}, names, ents, *verbose)
	if err != nil {
		return err
	}
	fmt.Println("transliterate:", s)
	return nil
}

// clusterScore clusters names with c and scores the clusters against
// ents, the gold entity of each name; verbose reports the mistakes.
func clusterScore(c *transliterate.Clusterer, names, ents []string, verbose bool) (clustereval.Scores, error) {
	out, err := c.Cluster(context.Background(), names)
	if err != nil {
		return clustereval.Scores{}, err
	}
	pred := make([]string, len(out))
	for i, a := range out {
		pred[i] = a.Canonical
	}
	if verbose {
		report(names, ents, pred)
	}
	return clustereval.Evaluate(ents, pred)
}

// report prints clusters holding more than one entity, and entities
// spread over more than one cluster.
func report(names, ents, pred []string) {
	byPred := map[string]map[string][]string{}
	byEnt := map[string]map[string]bool{}
	for i := range names {
		if byPred[pred[i]] == nil {
			byPred[pred[i]] = map[string][]string{}
		}
		byPred[pred[i]][ents[i]] = append(byPred[pred[i]][ents[i]], names[i])
		if byEnt[ents[i]] == nil {
			byEnt[ents[i]] = map[string]bool{}
		}
		byEnt[ents[i]][pred[i]] = true
	}
	for p, es := range byPred {
		if len(es) > 1 {
			fmt.Printf("MIXED %s: %v\n", p, es)
		}
	}
	for e, ps := range byEnt {
		if len(ps) > 1 {
			var parts []string
			for p := range ps {
				parts = append(parts, fmt.Sprint(byPred[p][e]))
			}
			sortStrings(parts)
			fmt.Printf("SPLIT %s: %d clusters %s\n", e, len(ps), strings.Join(parts, " | "))
		}
	}
}
