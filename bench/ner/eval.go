package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"
	"syscall"
	"time"

	"github.com/dossier-news/dossier/pipeline"
	"github.com/dossier-news/dossier/pipeline/names"
	"github.com/dossier-news/dossier/pipeline/names/ner"
	"github.com/dossier-news/dossier/pipeline/names/ner/corpus"
)

// articleSentences is how many corpus sentences make one article: the
// stage links names within an article and across the batch, so it needs
// an article's worth of context.
const articleSentences = 20

func eval(args []string) error {
	fs := flag.NewFlagSet("eval", flag.ExitOnError)
	dir := fs.String("corpora", "", "directory of the corpora checkouts (scripts/fetch-corpora.sh)")
	split := fs.String("split", "test", "test (never tuned on) or heldout (tuned on)")
	langs := fs.String("lang", "en,ru,uk,tr,hy,fa,ar", "languages, comma-separated")
	sameKind := fs.Bool("same-kind", false, "a match must also agree on person or place")
	bare := fs.Bool("bare", false, "the trained tagger alone, without the stage, for comparison")
	cues := fs.Bool("cues", false, "the stage's detector before the trained tagger (names.Options.CuesOnly)")
	protected := fs.Bool("protected", false, "count only the mentions translation protects (not Unsure)")
	fs.Parse(args)
	if *dir == "" {
		return errors.New("eval: -corpora DIR is required (scripts/fetch-corpora.sh DIR fetches them)")
	}
	neutral, err := names.CountryTest()
	if err != nil {
		return err
	}
	var total corpus.Counts
	fmt.Printf("%-4s %7s %7s %6s %6s %6s %10s\n", "lang", "gold", "found", "P", "R", "F1", "sent/s")
	for _, lang := range strings.Split(*langs, ",") {
		s, err := corpus.Load(*dir, lang)
		if err != nil {
			return err
		}
		var sents []corpus.Sentence
		switch *split {
		case "test":
			sents = s.Test
		case "heldout":
			sents = s.Heldout
		default:
			return fmt.Errorf("eval: unknown split %q: want test or heldout", *split)
		}
		var c corpus.Counts
		var secs float64
		if *bare {
			c, secs, err = evalBare(lang, sents, neutral, *sameKind)
		} else {
			c, secs, err = evalLang(lang, sents, neutral, *sameKind, *cues, *protected)
		}
		if err != nil {
			return fmt.Errorf("%s: %w", lang, err)
		}
		total.Add(c)
		fmt.Printf("%-4s %7d %7d %6.3f %6.3f %6.3f %10.0f\n", lang, c.Gold, c.Predicted, c.P(), c.R(), c.F1(), float64(len(sents))/secs)
	}
	fmt.Printf("%-4s %7d %7d %6.3f %6.3f %6.3f\n", "all", total.Gold, total.Predicted, total.P(), total.R(), total.F1())
	return nil
}

// A placed sentence is a corpus sentence written out as a paragraph, with
// the byte offsets of its words.
type placed struct {
	sent       corpus.Sentence
	start, end []int
}

func place(s corpus.Sentence) (string, placed) {
	p := placed{sent: s, start: make([]int, len(s.Words)), end: make([]int, len(s.Words))}
	var b strings.Builder
	for i, w := range s.Words {
		if i > 0 {
			b.WriteByte(' ')
		}
		p.start[i] = b.Len()
		b.WriteString(w)
		p.end[i] = b.Len()
	}
	return b.String(), p
}

// evalLang runs the stage over sents as articles of one batch and scores
// it; secs is the stage's CPU time.
func evalLang(lang string, sents []corpus.Sentence, neutral func(lang, phrase string) bool, sameKind, cues, protected bool) (corpus.Counts, float64, error) {
	var docs []*pipeline.Document
	var where [][]placed
	for i := 0; i < len(sents); i += articleSentences {
		d := &pipeline.Document{Meta: pipeline.Meta{Source: fmt.Sprintf("%s-%d", lang, i/articleSentences), Language: lang}}
		var ps []placed
		for _, s := range sents[i:min(i+articleSentences, len(sents))] {
			text, p := place(s)
			d.Blocks = append(d.Blocks, pipeline.Block{Kind: pipeline.Paragraph, Text: text})
			ps = append(ps, p)
		}
		docs = append(docs, d)
		where = append(where, ps)
	}
	stage := names.New(names.Options{CuesOnly: cues})
	t0 := cpuTime()
	if err := stage.ApplyBatch(context.Background(), docs); err != nil {
		return corpus.Counts{}, 0, err
	}
	secs := (cpuTime() - t0).Seconds()
	var total corpus.Counts
	for di, d := range docs {
		pred := make([][]corpus.Span, len(where[di]))
		for _, m := range d.Mentions {
			if m.Block < 0 || m.Block >= len(where[di]) || protected && m.Unsure {
				continue
			}
			p := where[di][m.Block]
			a, b := -1, -1
			for w := range p.start {
				if p.start[w] < m.End && m.Start < p.end[w] {
					if a < 0 {
						a = w
					}
					b = w + 1
				}
			}
			if a < 0 {
				continue
			}
			k := corpus.Place
			if m.Kind == names.KindPerson {
				k = corpus.Person
			}
			pred[m.Block] = append(pred[m.Block], corpus.Span{Start: a, End: b, Kind: k})
		}
		for bi, p := range where[di] {
			gold, pr := neutralize(lang, p.sent, p.sent.Spans(), pred[bi], neutral)
			if os.Getenv("NER_DUMP") == lang {
				dump(p.sent, gold, pr)
			}
			total.Add(corpus.Score(gold, pr, corpus.PersonOrPlace, sameKind))
		}
	}
	return total, secs, nil
}

// evalBare scores the tagger alone, sentence by sentence.
func evalBare(lang string, sents []corpus.Sentence, neutral func(lang, phrase string) bool, sameKind bool) (corpus.Counts, float64, error) {
	m, err := ner.Default()
	if err != nil {
		return corpus.Counts{}, 0, err
	}
	var total corpus.Counts
	t0 := cpuTime()
	for _, s := range sents {
		var pred []corpus.Span
		for _, sp := range m.Tag(lang, s.Words) {
			k := corpus.Org
			switch sp.Kind {
			case ner.Person:
				k = corpus.Person
			case ner.Place:
				k = corpus.Place
			}
			pred = append(pred, corpus.Span{Start: sp.Start, End: sp.End, Kind: k})
		}
		gold, pr := neutralize(lang, s, s.Spans(), pred, neutral)
		total.Add(corpus.Score(gold, pr, corpus.PersonOrPlace, sameKind))
	}
	return total, (cpuTime() - t0).Seconds(), nil
}

// dump prints the false positives (+) and misses (-) of one sentence.
func dump(s corpus.Sentence, gold, pred []corpus.Span) {
	overlaps := func(a corpus.Span, bs []corpus.Span) bool {
		for _, b := range bs {
			if a.Start < b.End && b.Start < a.End && corpus.PersonOrPlace(b.Kind) {
				return true
			}
		}
		return false
	}
	for _, p := range pred {
		if !overlaps(p, gold) {
			fmt.Printf("+ %s %q\t%s\n", p.Kind, strings.Join(s.Words[p.Start:p.End], " "), strings.Join(s.Words, " "))
		}
	}
	for _, g := range gold {
		if corpus.PersonOrPlace(g.Kind) && !overlaps(g, pred) {
			fmt.Printf("- %s %q\n", g.Kind, strings.Join(s.Words[g.Start:g.End], " "))
		}
	}
}

// neutralize drops the gold places that are countries or seas, and the
// predicted spans that overlap them.
func neutralize(lang string, s corpus.Sentence, gold, pred []corpus.Span, neutral func(lang, phrase string) bool) ([]corpus.Span, []corpus.Span) {
	var keep, out []corpus.Span
	var dropped []corpus.Span
	for _, g := range gold {
		if g.Kind == corpus.Place && neutral(lang, strings.Join(s.Words[g.Start:g.End], " ")) {
			dropped = append(dropped, g)
			continue
		}
		keep = append(keep, g)
	}
	for _, p := range pred {
		hit := false
		for _, g := range dropped {
			if p.Start < g.End && g.Start < p.End {
				hit = true
				break
			}
		}
		if !hit {
			out = append(out, p)
		}
	}
	return keep, out
}

// cpuTime is the CPU time this process has used so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
