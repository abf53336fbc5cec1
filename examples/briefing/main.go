// Command briefing builds a briefing with dossier as a library, without
// the dossier command: read articles, link the names across them, and
// write each article and the whole batch as text and EPUB.
//
//	go run ./examples/briefing -out /tmp/briefing testdata/articles
//
// Translating is one more stage: translate.NewStage with an engine from
// translate.Registry.Resolve and Engine.New (team.Briefer does it for
// the workers of a shared batch).
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"

	"github.com/dossier-news/dossier/exporters"
	"github.com/dossier-news/dossier/exporters/chrome"
	"github.com/dossier-news/dossier/exporters/epub"
	"github.com/dossier-news/dossier/exporters/text"
	"github.com/dossier-news/dossier/pipeline"
	"github.com/dossier-news/dossier/pipeline/clean"
	"github.com/dossier-news/dossier/pipeline/ingest"
	"github.com/dossier-news/dossier/pipeline/langid"
	"github.com/dossier-news/dossier/pipeline/names"
	"github.com/dossier-news/dossier/transliterate"
)

func main() {
	out := flag.String("out", "briefing", "folder to write into")
	flag.Parse()
	if err := os.MkdirAll(*out, 0o755); err != nil {
		log.Fatal(err)
	}
	rep, err := brief(context.Background(), *out, flag.Args())
	if err != nil {
		log.Fatal(err)
	}
	for _, err := range rep.Errors {
		log.Print(err)
	}
	fmt.Printf("wrote %d files for %d articles\n", len(rep.Files), rep.Articles)
}

// brief reads the inputs args name and writes their briefing into dir.
func brief(ctx context.Context, dir string, args []string) (exporters.BriefingReport, error) {
	cleaner := clean.New(langid.New())
	in := &ingest.Ingester{Text: cleaner.Text, HTML: cleaner.HTML}
	batch, err := pipeline.Run(ctx, in.Sources(args, ingest.ExpandOptions{}), names.New(names.Options{}))
	if err != nil {
		return exporters.BriefingReport{}, err
	}
	for _, r := range batch {
		if r.Err != nil {
			log.Print(r.Err) // an input that failed; the others go on
		}
	}
	formats := []exporters.Exporter{text.New(text.Options{}), epub.New()}
	return exporters.WriteBriefing(ctx, dir, formats, batch, exporters.BriefingOptions{
		DefaultTitle: chrome.Title, Index: names.BuildIndex, Romanize: transliterate.Display,
	})
}
