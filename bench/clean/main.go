// Command clean measures the clean stage on public pages from outlets it
// was not written against, as HTML and as the text a browser's copy of
// the page gives. It is a measuring tool, not part of dossier.
//
//	go run ./bench/clean prep -src /work/data/clean -out /work/data/clean/pages
//	go run ./bench/clean score -pages /work/data/clean/pages -split unseen [-form text] [-v]
//	go run ./bench/clean speed -pages /work/data/clean/pages
//
// prep reads scrapinghub/article-extraction-benchmark (its html/ and
// ground-truth.json unpacked under SRC/sh) and mozilla/readability's
// test pages (test/test-pages under SRC/rd, the pages made to test one
// parser feature left out), renders every page in headless Chromium for
// its document.body.innerText, and writes ID.html, ID.txt and ID.json
// (the set's article text, the declared title and day, the split). No
// page is copied into the repository.
//
// score cleans each page of a split both ways and scores the body as
// trafilatura's evaluation does: up to 12 required snippets (10 words
// from the middle of each paragraph of the set's article text) must be
// in the output, and up to 12 unwanted ones (lines of the browser text
// that the article text lacks) must not. Titles count as right when they
// match the page's declared title (og:title, JSON-LD headline or the
// set's own), with or without a site name after a separator; dates when
// the day matches the declared day, over the pages whose browser text
// prints that day. "dev" is the split the rules are tuned on; "unseen" is
// never looked at page by page.
//
// speed times the HTML path against go-trafilatura alone on all pages in
// one run, in wall time and in the process's CPU time, and reports the
// peak heap of the HTML path against the largest pages.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: clean prep|score|speed [flags]")
		os.Exit(2)
	}
	ctx := context.Background()
	fs := flag.NewFlagSet(os.Args[1], flag.ExitOnError)
	var err error
	switch os.Args[1] {
	case "prep":
		src := fs.String("src", "/work/data/clean", "folder holding sh/ and rd/")
		out := fs.String("out", "/work/data/clean/pages", "folder for the prepared pages")
		chromium := fs.String("chromium", "/usr/bin/chromium", "headless Chromium")
		fs.Parse(os.Args[2:])
		err = prep(ctx, *src, *out, *chromium)
	case "score":
		pages := fs.String("pages", "/work/data/clean/pages", "prepared pages")
		split := fs.String("split", "dev", "dev or unseen")
		verbose := fs.Bool("v", false, "list each page's misses")
		only := fs.String("only", "", "score only this page id")
		form := fs.String("form", "", "score only this form: html or text (both when empty)")
		fs.Parse(os.Args[2:])
		err = score(ctx, *pages, *split, *only, *form, *verbose)
	case "speed":
		pages := fs.String("pages", "/work/data/clean/pages", "prepared pages")
		rounds := fs.Int("rounds", 3, "passes over the pages")
		profile := fs.String("cpuprofile", "", "write a CPU profile of the HTML path here")
		fs.Parse(os.Args[2:])
		err = speed(ctx, *pages, *rounds, *profile)
	default:
		err = fmt.Errorf("unknown command %q", os.Args[1])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "clean:", err)
		os.Exit(1)
	}
}
