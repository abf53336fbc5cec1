// Command ner measures mention finding as dossier does it: through the
// names stage, on text nobody tuned it to. It is a measuring tool, not
// part of dossier.
//
//	go run ./bench/ner eval -corpora DIR [-split test|heldout] [-lang en,ru,…]
//	go run ./bench/ner eval -split fresh -fresh DIR [-lang en,ru,…]
//	go run ./bench/ner protect [-labels FILE] [-unlabelled] DIR…
//
// eval reads the public named-entity corpora from DIR (as
// scripts/fetch-corpora.sh lays them out; never copied into the
// repository), puts each split's sentences into articles of 20 sentences,
// one paragraph each, runs the names stage over each language's articles
// as one batch, and scores the persons and places it marks against the
// corpus's: a mention counts when it overlaps a gold person or place;
// gold countries and seas are neutral (the stage leaves them out by
// design), and so is whatever overlaps them. "heldout" is the split the
// detector is tuned on; "test" is the corpora's official or declared test
// part, which nobody tunes on; "fresh" reads the public sets of fresh.go
// (bench/ner/fetch-fresh.sh DIR fetches them), which nothing here was
// trained or tuned on.
//
// protect cleans English news pages (HTML files under each DIR), runs the
// names stage as the translate stage's input, and lists every span
// translation would protect. FILE (bench/ner/protect.tsv) holds our own
// hand labels, "yes" or "no" and the span text; the precision is the
// share of labelled protected spans that are real names.
package main

import (
	"fmt"
	"os"
)

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	var err error
	switch os.Args[1] {
	case "eval":
		err = eval(os.Args[2:])
	case "protect":
		err = protect(os.Args[2:])
	default:
		usage()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "ner:", err)
		os.Exit(1)
	}
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: ner eval -corpora DIR [-split test|heldout] | ner eval -split fresh -fresh DIR | ner protect [-labels FILE] DIR…")
	os.Exit(2)
}
