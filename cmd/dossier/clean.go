package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"

	"github.com/urfave/cli/v2"

	"github.com/dossier-news/dossier/exporters"
	"github.com/dossier-news/dossier/exporters/text"
	"github.com/dossier-news/dossier/pipeline"
)

func (e *env) cleanCommand() *cli.Command {
	return &cli.Command{
		Name:      "clean",
		Usage:     "read articles and print them cleaned, as dossier JSON or text",
		ArgsUsage: "INPUT…",
		Description: `Each INPUT is a file, a directory, a glob, an http(s) URL, or - for standard input:
raw text copied from a browser, an HTML page, or dossier JSON. With --format json
(the default) each article is printed as one JSON document (a stream jq reads);
the form is documented in docs/model.md.`,
		Flags: append(inputFlags(),
			&cli.StringFlag{Name: "format", Value: "json", Usage: "output format: json or txt"},
			&cli.IntFlag{Name: "width", Value: text.DefaultWidth, Usage: "line width of txt output, in terminal cells"},
		),
		Action: func(c *cli.Context) error {
			format := c.String("format")
			if format != "json" && format != "txt" {
				return usagef("--format %q: want json or txt", format)
			}
			ins, err := e.readInputs(c.Context, c, c.Args().Slice())
			if err != nil {
				return err
			}
			failed := 0
			for _, in := range ins {
				if in.err != nil {
					failed++
					continue
				}
				if err := e.printDocument(c.Context, in, format, c.Int("width")); err != nil {
					return err
				}
			}
			if failed > 0 {
				return partialError{failed: failed, total: len(ins)}
			}
			return nil
		},
	}
}

// printDocument writes one article to standard output.
func (e *env) printDocument(ctx context.Context, in input, format string, width int) error {
	if err := writeDocument(ctx, e.stdout, in.doc, format, width); err != nil {
		return fmt.Errorf("%s: %w", in.name, err)
	}
	return nil
}

// writeDocument writes doc as dossier JSON (one indented value and a
// newline, so a stream of them reads back) or as text.
func writeDocument(ctx context.Context, w io.Writer, doc *pipeline.Document, format string, width int) error {
	if format == "txt" {
		b := &exporters.Briefing{Title: doc.Meta.Title, Documents: []*pipeline.Document{doc}}
		return text.New(text.Options{Width: width}).Export(ctx, w, b)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}
