// Command nertrain trains the mention tagger of package ner on the public
// corpora (package corpus) and evaluates it.
//
//	nertrain train -corpora DIR [-sources all|permissive] [-out model.bin]
//	nertrain eval  -corpora DIR [-model model.bin] [-split heldout|test]
//	nertrain calibrate -corpora DIR -model model.bin [-out model.bin]
//
// DIR holds the checkouts scripts/fetch-corpora.sh makes. train learns
// from each language's Train split only (never held-out or test) and
// writes the weights deterministically: the same corpora and flags give
// the same bytes; it ends by calibrating the weights
// (ner.Model.Calibrate) on each language's held-out split. calibrate does
// only that, to a model trained before. eval prints person+place mention precision, recall and
// F1 (overlap match) per language and overall.
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/dossier-news/dossier/pipeline/names"
	"github.com/dossier-news/dossier/pipeline/names/ner"
	"github.com/dossier-news/dossier/pipeline/names/ner/corpus"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "nertrain: error:", err)
		var u usageError
		if errors.As(err, &u) {
			fmt.Fprintln(os.Stderr, "nertrain: hint: nertrain train|eval -corpora DIR (scripts/fetch-corpora.sh DIR fetches them)")
			os.Exit(2)
		}
		os.Exit(1)
	}
}

type usageError struct{ error }

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return usageError{errors.New("no subcommand")}
	}
	fs := flag.NewFlagSet(args[0], flag.ContinueOnError)
	fs.SetOutput(stderr)
	dir := fs.String("corpora", "", "directory of corpus checkouts (scripts/fetch-corpora.sh)")
	sources := fs.String("sources", "all", "all, permissive (only corpora whose licence allows any use), or a comma list of languages")
	out := fs.String("out", "pipeline/names/ner/model.bin", "train: weights file to write")
	modelPath := fs.String("model", "", "eval: weights file (default: the embedded model)")
	split := fs.String("split", "heldout", "eval: heldout, test or both")
	bits := fs.Uint("bits", 22, "train: log2 of feature buckets")
	epochs := fs.Int("epochs", 8, "train: passes over the data")
	neutral := fs.Bool("countries", true, "eval: also print figures with countries and seas left out of both gold and predicted spans, as the names stage's gazetteer knows them (names.CountryTest)")
	lexDir := fs.String("lexicon", "pipeline/names/lexicon", "train: the names stage's word lists, read as features (\"\" for none)")
	repeat := fs.String("repeat", "fa:2,ar:2,ru:2", "train: languages whose training sentences are read more than once, as lang:times,…")
	minP := fs.Float64("min-precision", 0.88, "train, calibrate: the held-out precision below which no bias is chosen (ner.Model.Calibrate): the issue's 0.85 for unseen news plus a margin")
	if err := fs.Parse(args[1:]); err != nil {
		return usageError{err}
	}
	if *dir == "" {
		return usageError{errors.New("-corpora is required")}
	}
	langs, err := pick(*sources)
	if err != nil {
		return usageError{err}
	}
	switch args[0] {
	case "train":
		var train, heldout []corpus.Sentence
		for _, l := range langs {
			s, err := corpus.Load(*dir, l)
			if err != nil {
				return err
			}
			times, err := repeats(*repeat, l)
			if err != nil {
				return usageError{err}
			}
			fmt.Fprintf(stderr, "%s: %d training sentences ×%d\n", l, len(s.Train), times)
			for range times {
				train = append(train, s.Train...)
			}
			heldout = append(heldout, s.Heldout...)
		}
		var lex ner.Lexicon
		if *lexDir != "" {
			if lex, err = ner.ReadLexicon(*lexDir); err != nil {
				return fmt.Errorf("-lexicon: %w", err)
			}
		}
		start := time.Now()
		m, err := ner.Train(ctx, train, ner.TrainOptions{Bits: uint8(*bits), Epochs: *epochs, Seed: 1, Lex: lex, Log: stderr})
		if err != nil {
			return err
		}
		if err := m.Calibrate(ctx, heldout, *minP, stderr); err != nil {
			return err
		}
		return save(m, *out, stderr, start)
	case "calibrate":
		if *modelPath == "" {
			return usageError{errors.New("calibrate: -model is required")}
		}
		m, err := loadModel(*modelPath)
		if err != nil {
			return err
		}
		var heldout []corpus.Sentence
		for _, l := range langs {
			s, err := corpus.Load(*dir, l)
			if err != nil {
				return err
			}
			heldout = append(heldout, s.Heldout...)
		}
		if err := m.Calibrate(ctx, heldout, *minP, stderr); err != nil {
			return err
		}
		return save(m, *out, stderr, time.Now())
	case "eval":
		m, err := loadModel(*modelPath)
		if err != nil {
			return err
		}
		var cs func(lang, phrase string) bool
		if *neutral {
			if cs, err = names.CountryTest(); err != nil {
				return fmt.Errorf("-countries: %w", err)
			}
		}
		splits := []string{*split}
		if *split == "both" {
			splits = []string{"heldout", "test"}
		}
		for _, sp := range splits {
			var all, allN corpus.Counts
			for _, l := range langs {
				s, err := corpus.Load(*dir, l)
				if err != nil {
					return err
				}
				sents := s.Heldout
				if sp == "test" {
					sents = s.Test
				} else if sp != "heldout" {
					return usageError{fmt.Errorf("unknown split %q", sp)}
				}
				var c, typed, cn corpus.Counts
				for _, st := range sents {
					gold := st.Spans()
					pred := toCorpus(m.Tag(l, st.Words))
					c.Add(corpus.Score(gold, pred, corpus.PersonOrPlace, false))
					typed.Add(corpus.Score(gold, pred, corpus.PersonOrPlace, true))
					if cs != nil {
						cn.Add(corpus.Score(dropCountries(cs, l, st.Words, gold), dropCountries(cs, l, st.Words, pred), corpus.PersonOrPlace, false))
					}
				}
				all.Add(c)
				allN.Add(cn)
				fmt.Fprintf(stdout, "%-7s %s  %s  kind-matched F1 %.3f", sp, l, c, typed.F1())
				if cs != nil {
					fmt.Fprintf(stdout, "  countries neutral: %s", cn)
				}
				fmt.Fprintln(stdout)
			}
			fmt.Fprintf(stdout, "%-7s all %s", sp, all)
			if cs != nil {
				fmt.Fprintf(stdout, "  countries neutral: %s", allN)
			}
			fmt.Fprintln(stdout)
		}
		return nil
	}
	return usageError{fmt.Errorf("unknown subcommand %q", args[0])}
}

// save writes m to out.
func save(m *ner.Model, out string, stderr io.Writer, start time.Time) error {
	var buf bytes.Buffer
	if err := m.Encode(&buf); err != nil {
		return err
	}
	if err := writeFile(out, buf.Bytes()); err != nil {
		return fmt.Errorf("%s: %w", out, err)
	}
	fmt.Fprintf(stderr, "wrote %s: %d bytes in %v\n", out, buf.Len(), time.Since(start).Round(time.Second))
	return nil
}

// repeats returns how many times lang's sentences are read, from a
// "fa:2,ar:2" list.
func repeats(list, lang string) (int, error) {
	for _, f := range bytesSplit(list) {
		l, n, ok := strings.Cut(f, ":")
		times, err := strconv.Atoi(n)
		if !ok || err != nil || times < 1 {
			return 0, fmt.Errorf("-repeat: %q is not lang:times", f)
		}
		if l == lang {
			return times, nil
		}
	}
	return 1, nil
}

// dropCountries removes the place spans that name a country or a sea.
func dropCountries(country func(lang, phrase string) bool, lang string, words []string, spans []corpus.Span) []corpus.Span {
	out := spans[:0:0]
	for _, s := range spans {
		if s.Kind == corpus.Place && country(lang, strings.Join(words[s.Start:s.End], " ")) {
			continue
		}
		out = append(out, s)
	}
	return out
}

func toCorpus(spans []ner.Span) []corpus.Span {
	out := make([]corpus.Span, len(spans))
	for i, s := range spans {
		out[i] = corpus.Span{Start: s.Start, End: s.End, Kind: corpus.Kind(s.Kind)}
	}
	return out
}

func pick(sources string) ([]string, error) {
	switch sources {
	case "all", "":
		return corpus.Languages(), nil
	case "permissive":
		var out []string
		for _, s := range corpus.Sources() {
			if s.Permissive {
				out = append(out, s.Lang)
			}
		}
		return out, nil
	}
	for _, l := range bytesSplit(sources) {
		if _, ok := corpus.SourceFor(l); !ok {
			return nil, fmt.Errorf("-sources: no corpus for %q", l)
		}
	}
	return bytesSplit(sources), nil
}

func bytesSplit(s string) []string {
	var out []string
	for _, f := range bytes.Split([]byte(s), []byte(",")) {
		if len(f) > 0 {
			out = append(out, string(f))
		}
	}
	return out
}

func loadModel(path string) (*ner.Model, error) {
	if path == "" {
		return ner.Default()
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	m, err := ner.Decode(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return m, nil
}

// writeFile replaces name atomically.
func writeFile(name string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+"-*")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	_, err = f.Write(data)
	if err == nil {
		err = f.Chmod(0o644)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	return os.Rename(f.Name(), name)
}
