package main

import (
	"context"
	"fmt"
	"io"
	"strings"

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
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "json", Usage: "output format: " + strings.Join(newDocumentRegistry(0).Names(), " or ")},
			&cli.IntFlag{Name: "width", Value: text.DefaultWidth, Usage: "line width of txt output, in terminal cells"},
		),
		Action: func(c *cli.Context) error {
			format, err := documentFormat(newDocumentRegistry(c.Int("width")), c.String("format"))
			if err != nil {
				return err
			}
			// Each article is printed as soon as it is read and then let
			// go: a batch takes the memory of its largest input.
			failed, total := 0, 0
			err = e.eachInput(c.Context, c, c.Args().Slice(), func(in pipeline.Result) error {
				total++
				if in.Err != nil {
					failed++
					return nil
				}
				return e.printDocument(c.Context, in, format)
			})
			if err != nil {
				return err
			}
			if failed > 0 {
				return partialError{failed: failed, total: total}
			}
			return nil
		},
	}
}

// printDocument writes one article to standard output.
func (e *env) printDocument(ctx context.Context, in pipeline.Result, format exporters.Exporter) error {
	if err := writeDocument(ctx, e.stdout, in.Doc, format); err != nil {
		return fmt.Errorf("%s: %w", in.Name, err)
	}
	return nil
}

// writeDocument writes doc alone in format.
func writeDocument(ctx context.Context, w io.Writer, doc *pipeline.Document, format exporters.Exporter) error {
	return format.Export(ctx, w, exporters.ArticleBriefing(doc, exporters.BriefingOptions{}))
}
