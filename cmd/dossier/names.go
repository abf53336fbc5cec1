package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"github.com/urfave/cli/v2"

	"github.com/dossier-news/dossier/transliterate"
)

func (e *env) namesCommand() *cli.Command {
	return &cli.Command{
		Name:  "names",
		Usage: "normalize names across scripts and transliterations",
		Subcommands: []*cli.Command{
			{
				Name:      "cluster",
				Usage:     "group names that name the same person or place; one JSON object per input line",
				ArgsUsage: "[FILE|-]",
				Description: `Reads one name per line (from FILE, or standard input for - or no FILE) and
writes, in input order, one JSON object per non-blank line; blank lines are
skipped. The input
   İlham Əliyev
   Ильхам Алиев
   Heydar Aliyev
gives
   {"name":"İlham Əliyev","cluster":"Ilham Aliyev","key":"l-ov lkm"}
   {"name":"Ильхам Алиев","cluster":"Ilham Aliyev","key":"l-ov lkm"}
   {"name":"Heydar Aliyev","cluster":"Heydar Aliyev","key":"ktr l-ov"}
Equal "cluster" strings mean the same cluster; different clusters never share
one. The cluster is named as the English press spells its Latin variants;
with none in the input it is romanized (Ильхам Алиев alone gives "Ilkham
Aliyev"), and --aliases fixes it; a line "LANG<TAB>NAME" (or --lang for
lines without one) gives the language of the name's source, and English
sources name the cluster first. "key" is the name's blocking key (word
order does not change it).`,
				Flags:  []cli.Flag{aliasesFlag(), &cli.StringFlag{Name: "lang", Usage: "language (BCP 47) of the sources of names whose line gives none"}},
				Action: e.namesCluster,
			},
			{
				Name:      "match",
				Usage:     "compare two names; exit 0 if they name the same entity, 1 if not",
				ArgsUsage: "A B",
				Description: `Prints the score (0 to 1), "match" or "no match", and the reason. Exits 0
on a match and 1 otherwise, so scripts can test it.`,
				Flags:  []cli.Flag{aliasesFlag()},
				Action: e.namesMatch,
			},
			{
				Name:      "key",
				Usage:     "print the romanized form and blocking keys of each name",
				ArgsUsage: "NAME...",
				Action:    e.namesKey,
			},
			e.namesIndexCommand(),
		},
	}
}

func (e *env) namesCluster(c *cli.Context) error {
	if c.NArg() > 1 {
		return usagef("names cluster: want one FILE or -, got %s", countArgs(c.NArg()))
	}
	aliases, err := loadAliases(c.String("aliases"))
	if err != nil {
		return err
	}
	in, name := e.stdin, "standard input"
	if p := c.Args().First(); p != "" && p != "-" {
		f, err := os.Open(p)
		if err != nil {
			return withHint(fmt.Errorf("%s: %w", p, unwrapPath(err)), "give a file with one name per line, or - for standard input")
		}
		defer f.Close()
		// Reading a directory fails on the first line with a message that
		// names the path twice; say what is wrong up front instead.
		if fi, err := f.Stat(); err == nil && fi.IsDir() {
			return fmt.Errorf("%s: is a directory; give a file of names, one per line", p)
		}
		in, name = f, p
	}
	names, err := readLines(in)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	vs := make([]transliterate.Variant, len(names))
	for i, n := range names {
		vs[i] = transliterate.Variant{Text: n, Lang: c.String("lang")}
		if lang, text, ok := strings.Cut(n, "\t"); ok {
			vs[i].Lang, vs[i].Text, names[i] = strings.TrimSpace(lang), text, text
		}
	}
	cl := &transliterate.Clusterer{Aliases: aliases, Matcher: transliterate.New()}
	out, err := cl.ClusterVariants(c.Context, vs)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(e.stdout)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for i, a := range out {
		rec := struct {
			Name    string `json:"name"`
			Cluster string `json:"cluster"`
			Key     string `json:"key"`
		}{names[i], a.Canonical, a.Key}
		if err := enc.Encode(rec); err != nil {
			return err
		}
	}
	return w.Flush()
}

// readLines reads one name per line; a final line without a newline
// counts, a trailing CR is dropped, blank lines are skipped (a name list
// often ends in or is spaced by them, and they name nobody), and invalid
// UTF-8 is an error naming the line.
func readLines(r io.Reader) ([]string, error) {
	var out []string
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	lineNo := 0
	for sc.Scan() {
		lineNo++
		line := strings.TrimSuffix(sc.Text(), "\r")
		if lineNo == 1 {
			line = strings.TrimPrefix(line, "\uFEFF")
		}
		if !utf8.ValidString(line) {
			return nil, fmt.Errorf("line %d: not valid UTF-8", lineNo)
		}
		if strings.TrimSpace(line) == "" {
			continue
		}
		out = append(out, line)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("line %d: %w", lineNo+1, err)
	}
	return out, nil
}

// countArgs says how many arguments were given, in words that agree
// with the number.
func countArgs(n int) string {
	if n == 1 {
		return "1 argument"
	}
	return fmt.Sprintf("%d arguments", n)
}

func (e *env) namesMatch(c *cli.Context) error {
	if c.NArg() != 2 {
		return usagef("names match: want two names, got %s", countArgs(c.NArg()))
	}
	aliases, err := loadAliases(c.String("aliases"))
	if err != nil {
		return err
	}
	a, b := c.Args().Get(0), c.Args().Get(1)
	s := transliterate.New().Match(a, b)
	if aliases != nil {
		ca, okA := aliases.Canonical(a)
		cb, okB := aliases.Canonical(b)
		switch {
		case okA && okB && ca == cb:
			s = transliterate.Score{Value: 1, Match: true, Reason: "same alias entry: " + ca}
		case okA && okB:
			s = transliterate.Score{Value: s.Value, Conflict: true, Reason: fmt.Sprintf("different alias entries: %s, %s", ca, cb)}
		}
	}
	verdict := "no match"
	if s.Match {
		verdict = "match"
	}
	fmt.Fprintf(e.stdout, "%.3f\t%s\t%s\n", s.Value, verdict, s.Reason)
	if !s.Match {
		return exitStatus(1)
	}
	return nil
}

func (e *env) namesKey(c *cli.Context) error {
	if c.NArg() == 0 {
		return usagef("names key: want at least one name")
	}
	for i, n := range c.Args().Slice() {
		if strings.TrimSpace(n) == "" {
			return usagef("names key: name %d is empty; want a name such as 'Ilham Aliyev'", i+1)
		}
	}
	for _, n := range c.Args().Slice() {
		fmt.Fprintf(e.stdout, "%s\t%s\t%s\n", n, transliterate.Romanize(n), strings.Join(transliterate.Keys(n), " "))
	}
	return nil
}
