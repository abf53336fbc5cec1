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
	split := fs.String("split", "test", "test (never tuned on), heldout (tuned on) or fresh (sets nothing here has seen: -fresh DIR)")
	freshDir := fs.String("fresh", "", "directory of the fresh sets (bench/ner/fetch-fresh.sh DIR)")
	langs := fs.String("lang", "en,ru,uk,tr,hy,fa,ar", "languages, comma-separated")
	sameKind := fs.Bool("same-kind", false, "a match must also agree on person or place")
	bare := fs.Bool("bare", false, "the trained tagger alone, without the stage, for comparison")
	cues := fs.Bool("cues", false, "the stage's detector before the trained tagger (names.Options.CuesOnly)")
	protected := fs.Bool("protected", false, "count only the mentions translation protects (not Unsure)")
	fs.Parse(args)
	if *split == "fresh" && *freshDir == "" {
		return errors.New("eval: -split fresh needs -fresh DIR (bench/ner/fetch-fresh.sh DIR fetches the sets)")
	}
	if *dir == "" && *split != "fresh" {
		return errors.New("eval: -corpora DIR is required (scripts/fetch-corpora.sh DIR fetches them)")
	}
	neutral, err := names.CountryTest()
	if err != nil {
		return err
	}
	var total corpus.Counts
	fmt.Printf("%-4s %7s %7s %6s %6s %6s %10s\n", "lang", "gold", "found", "P", "R", "F1", "sent/s")
	for _, lang := range strings.Split(*langs, ",") {
		var arts []article
		switch *split {
		case "test", "heldout":
			s, err := corpus.Load(*dir, lang)
			if err != nil {
				return err
			}
			sents := s.Test
			if *split == "heldout" {
				sents = s.Heldout
			}
			arts = articlesOf(lang, sents)
		case "fresh":
			if arts, err = freshArticles(*freshDir, lang); err != nil {
				return err
			}
		default:
			return fmt.Errorf("eval: unknown split %q: want test, heldout or fresh", *split)
		}
		var sents []corpus.Sentence
		for _, a := range arts {
			if a.title != nil {
				sents = append(sents, a.title.sent)
			}
			for _, p := range a.blocks {
				sents = append(sents, p.sent)
			}
		}
		var c corpus.Counts
		var secs float64
		if *bare {
			c, secs, err = evalBare(lang, sents, neutral, *sameKind)
		} else {
			c, secs, err = evalArticles(lang, arts, neutral, *sameKind, *cues, *protected)
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

// A placed sentence is a text unit with its gold words: a corpus
// sentence written out as a paragraph, or a paragraph of a real article,
// with the byte offsets of its words in text.
type placed struct {
	text       string
	sent       corpus.Sentence
	start, end []int
}

// place writes s out as a paragraph, words separated by spaces.
func place(s corpus.Sentence) placed {
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
	p.text = b.String()
	return p
}

// An article is one document of the evaluation: an optional title and
// its paragraphs, each with its gold words.
type article struct {
	name   string
	title  *placed
	blocks []placed
}

// articlesOf puts sents into articles of articleSentences paragraphs.
func articlesOf(lang string, sents []corpus.Sentence) []article {
	var arts []article
	for i := 0; i < len(sents); i += articleSentences {
		a := article{name: fmt.Sprintf("%s-%d", lang, i/articleSentences)}
		for _, s := range sents[i:min(i+articleSentences, len(sents))] {
			a.blocks = append(a.blocks, place(s))
		}
		arts = append(arts, a)
	}
	return arts
}

// evalArticles runs the stage over arts as one batch and scores it; secs
// is the stage's CPU time.
func evalArticles(lang string, arts []article, neutral func(lang, phrase string) bool, sameKind, cues, protected bool) (corpus.Counts, float64, error) {
	var docs []*pipeline.Document
	for _, a := range arts {
		d := &pipeline.Document{Meta: pipeline.Meta{Source: a.name, Language: lang}}
		if a.title != nil {
			d.Meta.Title = a.title.text
		}
		for _, p := range a.blocks {
			d.Blocks = append(d.Blocks, pipeline.Block{Kind: pipeline.Paragraph, Text: p.text})
		}
		docs = append(docs, d)
	}
	stage := names.New(names.Options{CuesOnly: cues})
	t0 := cpuTime()
	if err := stage.ApplyBatch(context.Background(), docs); err != nil {
		return corpus.Counts{}, 0, err
	}
	secs := (cpuTime() - t0).Seconds()
	var total corpus.Counts
	for di, d := range docs {
		a := arts[di]
		pred := make([][]corpus.Span, len(a.blocks))
		var titlePred []corpus.Span
		for _, m := range d.Mentions {
			if protected && m.Unsure {
				continue
			}
			var p *placed
			switch {
			case m.Block == pipeline.MetaBlock && m.Item == pipeline.TitleItem && a.title != nil:
				p = a.title
			case m.Block >= 0 && m.Block < len(a.blocks):
				p = &a.blocks[m.Block]
			default:
				continue
			}
			sp, ok := p.span(m)
			if !ok {
				continue
			}
			if p == a.title {
				titlePred = append(titlePred, sp)
			} else {
				pred[m.Block] = append(pred[m.Block], sp)
			}
		}
		score := func(p placed, pr []corpus.Span) {
			gold, pr := neutralize(lang, p.phrase, p.sent.Spans(), pr, neutral)
			if os.Getenv("NER_DUMP") == lang {
				dump(p.sent, gold, pr)
			}
			total.Add(corpus.Score(gold, pr, corpus.PersonOrPlace, sameKind))
		}
		if a.title != nil {
			score(*a.title, titlePred)
		}
		for bi, p := range a.blocks {
			score(p, pred[bi])
		}
	}
	return total, secs, nil
}

// phrase returns the text of words a..b-1 as written.
func (p *placed) phrase(a, b int) string { return p.text[p.start[a]:p.end[b-1]] }

// span returns the words of p that mention m covers, as a span of m's
// kind; ok is false when it covers none.
func (p *placed) span(m pipeline.Mention) (corpus.Span, bool) {
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
		return corpus.Span{}, false
	}
	k := corpus.Place
	if m.Kind == names.KindPerson {
		k = corpus.Person
	}
	return corpus.Span{Start: a, End: b, Kind: k}, true
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
		gold, pr := neutralize(lang, func(a, b int) string { return strings.Join(s.Words[a:b], " ") }, s.Spans(), pred, neutral)
		if os.Getenv("NER_DUMP") == lang {
			dump(s, gold, pr)
		}
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

// neutralize drops the gold places that are countries or seas, the
// predicted spans that overlap them, and the predicted places that are
// countries or seas themselves (the measure leaves countries out of both
// sides, whatever kind the corpus gives them).
func neutralize(lang string, phrase func(a, b int) string, gold, pred []corpus.Span, neutral func(lang, phrase string) bool) ([]corpus.Span, []corpus.Span) {
	var keep, out []corpus.Span
	var dropped []corpus.Span
	for _, g := range gold {
		if g.Kind == corpus.Place && neutral(lang, phrase(g.Start, g.End)) {
			dropped = append(dropped, g)
			continue
		}
		keep = append(keep, g)
	}
	for _, p := range pred {
		hit := p.Kind == corpus.Place && neutral(lang, phrase(p.Start, p.End))
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
