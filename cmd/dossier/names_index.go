package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/urfave/cli/v2"

	"github.com/dossier-news/dossier/pipeline"
	"github.com/dossier-news/dossier/pipeline/ingest"
	"github.com/dossier-news/dossier/pipeline/names"
	"github.com/dossier-news/dossier/transliterate"
)

// namesFlags are the flags of the names stage, shared by brief and
// 'names index'.
func namesFlags() []cli.Flag {
	return []cli.Flag{
		aliasesFlag(),
		&cli.BoolFlag{Name: "canonical-names", Usage: "rewrite names to one canonical spelling per person or place; when translating, only in the translated text, only where the respelling keeps every word", DefaultText: "on when translating"},
	}
}

// aliasesFlag is --aliases, read by loadAliases wherever it appears.
func aliasesFlag() cli.Flag {
	return &cli.StringFlag{Name: "aliases", Usage: "alias `FILE` fixing canonical spellings of known people and places: per line, the canonical spelling, then its variants and lang:form fields, tab-separated (format and example: README, section \"Names\")"}
}

func (e *env) namesIndexCommand() *cli.Command {
	return &cli.Command{
		Name:      "index",
		Usage:     "list the people and places named across articles, linked across scripts and spellings",
		ArgsUsage: "INPUT…",
		Description: `Reads every INPUT as one batch, finds the people and places each article names,
links them across the batch, and prints one entry per person or place: its
canonical name, kind, the spellings seen with their counts, and the articles it
appears in. Countries, seas, organizations and products are not listed.
A partial name that could mean several people ("Rasulov" beside two Rasulovs)
is left unlinked and reported on stderr.`,
		Flags: append(append(inputFlags(),
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "table", Usage: "output format: table, json or csv"},
		), namesFlags()[0]),
		Action: e.namesIndex,
	}
}

func (e *env) namesIndex(c *cli.Context) error {
	format := c.String("format")
	if format != "table" && format != "json" && format != "csv" {
		return usagef("--format %q: want table, json or csv", format)
	}
	aliases, err := loadAliases(c.String("aliases"))
	if err != nil {
		return err
	}
	args := c.Args().Slice()
	if err := checkInputArgs(c, args); err != nil {
		return err
	}
	// Articles without a source are told apart in the index by their place.
	n := 0
	label := pipeline.Each("label", func(_ context.Context, d *pipeline.Document) error {
		if n++; d.Meta.Source == "" {
			d.Meta.Source = fmt.Sprintf("input %d", n)
		}
		return nil
	})
	srcs := e.newIngester(c).Sources(args, ingest.ExpandOptions{FollowSymlinks: c.Bool("follow-symlinks")})
	b, err := e.runner(c).Run(c.Context, srcs, label, names.New(names.Options{Aliases: aliases, Log: e.log}))
	if c.Context.Err() != nil {
		return errInterrupted
	}
	if err != nil {
		return err
	}
	docs := b.Docs()
	idx := names.BuildIndex(docs)
	switch format {
	case "json":
		err = writeIndexJSON(e.stdout, idx)
	case "csv":
		err = writeIndexCSV(e.stdout, idx)
	default:
		err = writeIndexTable(e.stdout, idx)
	}
	if err != nil {
		return err
	}
	if failed := b.Failed(); failed > 0 {
		return partialError{failed: failed, total: len(b)}
	}
	return nil
}

func writeIndexJSON(w io.Writer, idx *pipeline.Index) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(idx)
}

func writeIndexCSV(w io.Writer, idx *pipeline.Index) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"id", "canonical", "kind", "variants", "mentions", "files"})
	for _, en := range idx.Entities {
		cw.Write([]string{en.ID, en.Canonical, en.Kind, variantList(en.Variants), strconv.Itoa(len(en.Mentions)), strings.Join(entityFiles(en), "; ")})
	}
	cw.Flush()
	return cw.Error()
}

func writeIndexTable(w io.Writer, idx *pipeline.Index) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tKIND\tVARIANTS\tARTICLES")
	for _, en := range idx.Entities {
		files := entityFiles(en)
		for i := range files {
			files[i] = filepath.Base(files[i])
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", en.Canonical, en.Kind, variantList(en.Variants), strings.Join(files, ", "))
	}
	return tw.Flush()
}

// variantList writes variants as "Rəsulovla ×2; Расулов".
func variantList(vs []pipeline.Variant) string {
	parts := make([]string, len(vs))
	for i, v := range vs {
		parts[i] = v.Text
		if v.Count > 1 {
			parts[i] += " ×" + strconv.Itoa(v.Count)
		}
	}
	return strings.Join(parts, "; ")
}

// entityFiles lists the articles an entity appears in, each once, sorted.
func entityFiles(en pipeline.Entity) []string {
	seen := map[string]bool{}
	var out []string
	for _, m := range en.Mentions {
		if !seen[m.File] {
			seen[m.File] = true
			out = append(out, m.File)
		}
	}
	sort.Strings(out)
	return out
}

// loadAliases reads the alias file named by --aliases; none when empty.
// Every failure is a usage error (exit 2), since nothing has run yet and
// 'names match' answers "no match" with exit 1.
func loadAliases(name string) (*transliterate.Aliases, error) {
	if name == "" {
		return nil, nil
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, withHint(usageError{fmt.Errorf("--aliases %s: %w", name, unwrapPath(err))}, "check the path of the alias file")
	}
	defer f.Close()
	a, err := transliterate.ParseAliases(f)
	if err != nil {
		return nil, withHint(usageError{fmt.Errorf("--aliases %s: %w", name, err)}, aliasFormatHint)
	}
	return a, nil
}

const aliasFormatHint = "an alias file has one entity per line: the canonical spelling, then its variants and lang:form fields, tab-separated; README, section \"Names\", shows an example"

// newNamesStage returns the names stage brief runs over the whole batch.
// Without --to, names are respelled canonically when --canonical-names
// says so. With --to the names stage only finds and links them: the
// translate stage respells them in the text it translates, and an
// article left in its own language keeps its names as they stand.
func (e *env) newNamesStage(c *cli.Context) (pipeline.Stage, error) {
	aliases, err := loadAliases(c.String("aliases"))
	if err != nil {
		return nil, err
	}
	canonical := c.String("to") == "" && c.Bool("canonical-names")
	return names.New(names.Options{Aliases: aliases, CanonicalNames: canonical, Log: e.log}), nil
}
