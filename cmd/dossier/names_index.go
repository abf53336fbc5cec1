package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/dossier-news/dossier/exporters/nameindex"
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
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: nameindex.Formats[0], Usage: "output format: " + strings.Join(nameindex.Formats, ", ")},
		), namesFlags()[0]),
		Action: e.namesIndex,
	}
}

func (e *env) namesIndex(c *cli.Context) error {
	format := c.String("format")
	if err := nameindex.Check(format); err != nil {
		return usagef("--%w", err)
	}
	aliases, err := loadAliases(c.String("aliases"))
	if err != nil {
		return err
	}
	args := c.Args().Slice()
	if err := checkInputArgs(c, args); err != nil {
		return err
	}
	srcs := e.newIngester(c).Sources(args, ingest.ExpandOptions{FollowSymlinks: c.Bool("follow-symlinks")})
	b, err := e.runner(c).Run(c.Context, srcs, pipeline.LabelUnnamed(), names.New(names.Options{Aliases: aliases, Log: e.log}))
	if c.Context.Err() != nil {
		return errInterrupted
	}
	if err != nil {
		return err
	}
	if err := nameindex.Write(e.stdout, format, names.BuildIndex(b.Docs())); err != nil {
		return err
	}
	if failed := b.Failed(); failed > 0 {
		return partialError{failed: failed, total: len(b)}
	}
	return nil
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
