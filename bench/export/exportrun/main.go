// Command exportrun is what bench/export/run.sh times: "gen" writes the
// generated corpus as Markdown (for pandoc) and JSON (for dossier);
// "export" reads the JSON (a briefing, or with -docs the stream of
// documents `dossier clean --format json` prints) and writes it in one
// dossier format.
//
//	exportrun gen -n 100 -out DIR
//	exportrun export -format epub -in DIR/briefing.json -out book.epub
//	exportrun export -format xhtml -docs -in samples.json -out samples.xhtml
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/dossier-news/dossier/bench/export"
	"github.com/dossier-news/dossier/exporters"
	"github.com/dossier-news/dossier/exporters/epub"
	"github.com/dossier-news/dossier/exporters/xhtml"
	"github.com/dossier-news/dossier/pipeline"
)

func main() {
	if err := run(context.Background(), os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "exportrun: error:", err)
		os.Exit(1)
	}
}

var errUsage = errors.New("usage: exportrun gen -n N -out DIR | exportrun export -format xhtml|epub [-docs] -in FILE -out FILE")

func run(ctx context.Context, args []string) error {
	if len(args) == 0 {
		return errUsage
	}
	switch args[0] {
	case "gen":
		fs := flag.NewFlagSet("gen", flag.ContinueOnError)
		n := fs.Int("n", 100, "articles")
		out := fs.String("out", "", "directory to write")
		if err := fs.Parse(args[1:]); err != nil || *out == "" {
			return errUsage
		}
		return gen(*n, *out)
	case "export":
		fs := flag.NewFlagSet("export", flag.ContinueOnError)
		format := fs.String("format", "epub", "xhtml or epub")
		in := fs.String("in", "", "briefing JSON")
		docs := fs.Bool("docs", false, "the input is a stream of documents, not a briefing")
		out := fs.String("out", "", "output file")
		if err := fs.Parse(args[1:]); err != nil || *in == "" || *out == "" {
			return errUsage
		}
		return exportFile(ctx, *format, *in, *out, *docs)
	}
	return errUsage
}

func gen(n int, dir string) error {
	b := export.Briefing(n, time.Date(2026, 5, 20, 0, 0, 0, 0, time.UTC))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for i, d := range b.Documents {
		name := filepath.Join(dir, fmt.Sprintf("article-%03d.md", i+1))
		if err := os.WriteFile(name, []byte(export.Markdown(d)), 0o644); err != nil {
			return err
		}
	}
	data, err := json.Marshal(b)
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "briefing.json"), data, 0o644)
}

func exportFile(ctx context.Context, format, in, out string, docs bool) error {
	reg := exporters.NewRegistry(xhtml.New(), epub.New())
	e, err := reg.Lookup(format)
	if err != nil {
		return err
	}
	data, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	var b exporters.Briefing
	if docs {
		dec := json.NewDecoder(bytes.NewReader(data))
		for {
			var d pipeline.Document
			err := dec.Decode(&d)
			if err == io.EOF {
				break
			}
			if err != nil {
				return fmt.Errorf("%s: %w", in, err)
			}
			b.Documents = append(b.Documents, &d)
		}
	} else if err := json.Unmarshal(data, &b); err != nil {
		return fmt.Errorf("%s: %w", in, err)
	}
	return exporters.WriteFile(out, 0o644, func(w io.Writer) error { return e.Export(ctx, w, &b) })
}
