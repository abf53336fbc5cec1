package main

import (
	"bytes"
	"fmt"
	"io"
	"os"

	"github.com/urfave/cli/v2"
	"golang.org/x/text/language"

	"github.com/dossier-news/dossier/exporters"
	"github.com/dossier-news/dossier/pipeline"
	"github.com/dossier-news/dossier/pipeline/ingest"
	"github.com/dossier-news/dossier/pipeline/translate"
	"github.com/dossier-news/dossier/pipeline/translate/tm"
)

// tmTool names dossier in the TMX and XLIFF headers it writes.
func tmTool() tm.Tool { return tm.Tool{Name: "dossier", Version: "1"} }

func (e *env) tmCommand() *cli.Command {
	xliffFlags := append(inputFlags(),
		&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Required: true, Usage: "XLIFF `FILE` to write"},
	)
	xliffFlags = append(xliffFlags, namesFlags()...)
	xliffFlags = append(xliffFlags, translateFlags()...)
	return &cli.Command{
		Name:  "tm",
		Usage: "hand the translation memory to translators and take their work back (TMX, XLIFF)",
		Description: `The translation memory is the translation cache (in the user cache folder, or
$DOSSIER_CACHE_DIR), or a team's memory on PostgreSQL with --cache postgres://…. Protected names travel as inline codes a CAT tool shows as
tags. A translation that comes back from a person is stored as reviewed: it is
used before any engine's, for every engine, and no later run replaces it, not
even with --refresh.`,
		Subcommands: []*cli.Command{
			{
				Name:      "export",
				Usage:     "write the memory of one language pair as TMX 1.4b",
				ArgsUsage: "--from LANG --to LANG [--out FILE]",
				Flags: []cli.Flag{
					&cli.StringFlag{Name: "from", Required: true, Usage: "source `LANG` of the pair (a language alone takes all its regions)"},
					&cli.StringFlag{Name: "to", Required: true, Usage: "target `LANG` of the pair"},
					&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Usage: "TMX `FILE` to write (default: standard output)"},
					cacheFlag(),
				},
				Action: e.tmExport,
			},
			{
				Name:      "import",
				Usage:     "read a TMX file, or an XLIFF file from 'tm xliff' after post-editing, into the memory",
				ArgsUsage: "FILE",
				Description: `A TMX unit dossier exported comes back as it was. A unit from another tool, and
every XLIFF target a person changed, is stored as reviewed. Run the same
'dossier brief' again afterwards: it reads the reviewed translations from the
memory and sends nothing for them.`,
				Flags: []cli.Flag{
					&cli.StringFlag{Name: "from", Usage: "TMX: source `LANG` (default: the header's srclang)"},
					&cli.StringFlag{Name: "to", Usage: "TMX: target `LANG` (default: every other language of each unit)"},
					cacheFlag(),
				},
				Action: e.tmImport,
			},
			{
				Name:      "xliff",
				Usage:     "translate a batch and write its segments as XLIFF 1.2 for post-editing",
				ArgsUsage: "INPUT… --to LANG --out FILE",
				Description: `Reads and translates INPUT… as 'dossier brief' would (what the memory holds is
not sent again), then writes one <file> per article with each segment, its
translation to post-edit, its protected names as <g> codes and a note with the
article, the engine and the translation's flags. Bring the edited file back
with 'dossier tm import FILE'.`,
				Flags:  xliffFlags,
				Action: e.tmXLIFF,
			},
		},
	}
}

func (e *env) tmExport(c *cli.Context) error {
	if c.NArg() > 0 {
		return usagef("tm export takes no arguments, got %q", c.Args().First())
	}
	for _, name := range []string{"from", "to"} {
		if _, err := language.Parse(c.String(name)); err != nil {
			return usagef("--%s %q: not a language tag (want e.g. en, es)", name, c.String(name))
		}
	}
	mem, err := e.openMemory(c)
	if err != nil {
		return err
	}
	defer mem.Close()
	opt := tm.ExportOptions{From: c.String("from"), To: c.String("to"), Tool: tmTool(), Now: e.now()}
	var r tm.ExportReport
	write := func(w io.Writer) error {
		var err error
		r, err = tm.ExportTMX(c.Context, w, mem, opt)
		return err
	}
	out := c.String("out")
	if out == "" {
		err = write(e.stdout)
		out = "standard output"
	} else {
		err = exporters.WriteFile(out, 0o644, write)
	}
	if err != nil {
		return fmt.Errorf("tm export: %w", err)
	}
	if !c.Bool("quiet") {
		fmt.Fprintf(e.stderr, "dossier: tm: exported %s %s→%s to %s\n", count(r.Written, "entry", "entries"), opt.From, opt.To, out)
		if r.Superseded > 0 {
			fmt.Fprintf(e.stderr, "dossier: tm: %s replaced by reviewed translations left out\n", count(r.Superseded, "engine translation", "engine translations"))
		}
		if r.Incomplete > 0 {
			fmt.Fprintf(e.stderr, "dossier: warning: %s of the memory, written by an older dossier, hold no source text and were left out; translating their articles again with --refresh makes them exportable\n",
				count(r.Incomplete, "entry", "entries"))
		}
	}
	return nil
}

func (e *env) tmImport(c *cli.Context) error {
	if c.NArg() != 1 {
		return usagef("tm import takes one FILE (a .tmx, or an .xlf from 'tm xliff')")
	}
	name := c.Args().First()
	for _, flag := range []string{"from", "to"} {
		if v := c.String(flag); v != "" {
			if _, err := language.Parse(v); err != nil {
				return usagef("--%s %q: not a language tag (want e.g. en, es)", flag, v)
			}
		}
	}
	b, err := os.ReadFile(name)
	if err != nil {
		return err
	}
	kind, err := tm.Detect(b)
	if err != nil {
		return withHint(fmt.Errorf("%s: %w", name, err), "pass a .tmx file, or the XLIFF 'dossier tm xliff' wrote, after post-editing")
	}
	mem, err := e.openMemory(c)
	if err != nil {
		return err
	}
	defer mem.Close()
	quiet := c.Bool("quiet")
	if kind == "tmx" {
		r, err := tm.ImportTMX(c.Context, bytes.NewReader(b), mem, tm.ImportOptions{From: c.String("from"), To: c.String("to"), Now: e.now()})
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		if !quiet {
			fmt.Fprintf(e.stderr, "dossier: tm: %s: %s stored as reviewed, %s restored, %s already in the memory, %s without the pair\n",
				name, count(r.Reviewed, "translation", "translations"), count(r.Machine, "engine translation", "engine translations"),
				count(r.Unchanged, "unit", "units"), count(r.Skipped, "unit", "units"))
		}
		return nil
	}
	r, err := tm.ImportXLIFF(c.Context, bytes.NewReader(b), mem, e.now())
	if err != nil {
		return withHint(fmt.Errorf("%s: %w", name, err), "import the file into the memory 'dossier tm xliff' exported it from (DOSSIER_CACHE_DIR)")
	}
	if !quiet {
		fmt.Fprintf(e.stderr, "dossier: tm: %s: %s and %s stored as reviewed, %s unchanged, %s without a target\n",
			name, count(r.Reviewed, "post-edited segment", "post-edited segments"), count(r.Approved, "approved segment", "approved segments"),
			count(r.Unchanged, "segment", "segments"), count(r.Skipped, "segment", "segments"))
		if r.Unknown > 0 {
			fmt.Fprintf(e.stderr, "dossier: warning: %s: %s not in this memory, skipped\n", name, count(r.Unknown, "segment", "segments"))
		}
		if r.Reviewed+r.Approved > 0 {
			fmt.Fprintf(e.stderr, "dossier: hint: run the same 'dossier brief' again: it uses the reviewed translations and sends nothing for them\n")
		}
	}
	return nil
}

func (e *env) tmXLIFF(c *cli.Context) error {
	if c.String("to") == "" {
		return usagef("--to is required: the language the batch is translated into, e.g. --to es")
	}
	if c.Bool("no-cache") {
		return usagef("tm xliff exports from the translation memory: drop --no-cache")
	}
	if c.Bool("dry-run") {
		return usagef("tm xliff has no --dry-run: run 'dossier brief --dry-run' to see what translating would take")
	}
	out := c.String("out")
	namesStage, err := e.newNamesStage(c)
	if err != nil {
		return err
	}
	bs, err := e.newTranslateStage(c)
	if err != nil {
		return err
	}
	ts := bs.(*translateStage)
	if err := checkInputArgs(c, c.Args().Slice()); err != nil {
		return err
	}
	src := &tm.Snapshot{}
	var stages []pipeline.Stage
	if namesStage != nil {
		stages = append(stages, namesStage)
	}
	stages = append(stages, src, ts)
	srcs := e.newIngester(c).Sources(c.Args().Slice(), ingest.ExpandOptions{FollowSymlinks: c.Bool("follow-symlinks")})
	b, err := e.runner(c).Run(c.Context, srcs, stages...)
	if ierr := interrupted(c.Context, resumeHint); ierr != nil {
		return ierr
	}
	if err != nil {
		return err
	}
	// Only the articles that came through are exported.
	docs := src.Sources(b.Docs())
	mem, err := e.openMemory(c)
	if err != nil {
		return err
	}
	defer mem.Close()
	opt := ts.opt
	opt.Cache = mem
	st, err := translate.NewStage(ts.tr, opt)
	if err != nil {
		return err
	}
	articles, missing, err := tm.Articles(st, docs)
	if err != nil {
		return err
	}
	err = exporters.WriteFile(out, 0o644, func(w io.Writer) error { return tm.WriteXLIFF(w, tmTool(), articles) })
	if err != nil {
		return fmt.Errorf("tm xliff: %w", err)
	}
	if !c.Bool("quiet") {
		units := 0
		for _, a := range articles {
			units += len(a.Units)
		}
		fmt.Fprintf(e.stderr, "dossier: tm: wrote %s of %s to %s for post-editing\n",
			count(units, "segment", "segments"), count(len(articles), "article", "articles"), out)
		if missing > 0 {
			fmt.Fprintf(e.stderr, "dossier: warning: %s without a translation in the memory left out\n", count(missing, "segment", "segments"))
		}
	}
	if failed := b.Failed(); failed > 0 {
		return partialError{failed: failed, total: len(b)}
	}
	return nil
}
