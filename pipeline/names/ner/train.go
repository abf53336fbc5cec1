package ner

import (
	"context"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/dossier-news/dossier/pipeline/names/ner/corpus"
)

// TrainOptions sets how Train learns.
type TrainOptions struct {
	Bits   uint8  // log2 of the number of feature buckets
	Epochs int    // passes over the data
	Seed   uint64 // shuffling seed
	Lex    Lexicon
	Log    io.Writer
}

// labelOf maps a corpus tag to a label.
func labelOf(t corpus.Tag) int {
	if t.Kind == corpus.None {
		return labO
	}
	l := 2*int(t.Kind) - 1 // B
	if !t.Begin {
		l++
	}
	return l
}

type example struct {
	feats  [][]uint32
	labels []int
}

// Train learns a model from sentences with the structured averaged
// perceptron. The result depends only on the sentences, their order and
// opts: no map iteration or clock enters it.
func Train(ctx context.Context, sents []corpus.Sentence, opts TrainOptions) (*Model, error) {
	if opts.Bits == 0 {
		opts.Bits = 20
	}
	if opts.Epochs == 0 {
		opts.Epochs = 8
	}
	mask := uint32(1)<<opts.Bits - 1
	exs := make([]example, 0, len(sents))
	for _, s := range sents {
		var words []string
		var labels []int
		for i, w := range s.Words {
			if isWord(w) {
				words = append(words, w)
				labels = append(labels, labelOf(s.Tags[i]))
			}
		}
		if len(words) == 0 {
			continue
		}
		toks := prepare(words, opts.Lex)
		head := headline(toks)
		lang := langID(s.Lang)
		ex := example{labels: labels, feats: make([][]uint32, len(toks))}
		for i := range toks {
			ex.feats[i] = features(nil, toks, i, lang, head, mask)
		}
		exs = append(exs, ex)
	}
	nw := int(mask+1) * numLabels
	w := make([]int32, nw)
	acc := make([]int64, nw) // Σ c·Δ for averaging
	var tw [(numLabels + 1) * numLabels]int32
	var tacc [(numLabels + 1) * numLabels]int64
	rng := rand.New(rand.NewPCG(opts.Seed, opts.Seed^0x9e3779b97f4a7c15))
	order := make([]int, len(exs))
	for i := range order {
		order[i] = i
	}
	c := int64(1)
	var scores []float32
	for epoch := 0; epoch < opts.Epochs; epoch++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		errs, total := 0, 0
		for _, k := range order {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			ex := &exs[k]
			n := len(ex.labels)
			scores = slices.Grow(scores[:0], n*numLabels)[:n*numLabels]
			for i := 0; i < n; i++ {
				var a [numLabels]int32
				for _, f := range ex.feats[i] {
					row := w[int(f)*numLabels : int(f)*numLabels+numLabels]
					for l, v := range row {
						a[l] += v
					}
				}
				for l := range a {
					scores[i*numLabels+l] = float32(a[l])
				}
			}
			path := viterbi(scores, func(p, l int) float32 { return float32(tw[p*numLabels+l]) })
			total += n
			for i := 0; i < n; i++ {
				gp, pp := numLabels, numLabels
				if i > 0 {
					gp, pp = ex.labels[i-1], path[i-1]
				}
				g, p := ex.labels[i], path[i]
				if g != p {
					errs++
					for _, f := range ex.feats[i] {
						w[int(f)*numLabels+g]++
						acc[int(f)*numLabels+g] += c
						w[int(f)*numLabels+p]--
						acc[int(f)*numLabels+p] -= c
					}
				}
				if g != p || gp != pp {
					tw[gp*numLabels+g]++
					tacc[gp*numLabels+g] += c
					tw[pp*numLabels+p]--
					tacc[pp*numLabels+p] -= c
				}
			}
			c++
		}
		if opts.Log != nil {
			fmt.Fprintf(opts.Log, "epoch %d: %d of %d words mislabelled\n", epoch+1, errs, total)
		}
	}
	// Averaged weights w − acc/c, quantised to int16.
	avg := func(w int32, a int64) float64 { return float64(w) - float64(a)/float64(c) }
	maxAbs := 1e-9
	for i := range w {
		maxAbs = math.Max(maxAbs, math.Abs(avg(w[i], acc[i])))
	}
	for i := range tw {
		maxAbs = math.Max(maxAbs, math.Abs(avg(tw[i], tacc[i])))
	}
	scale := maxAbs / 32767
	m := &Model{bits: opts.Bits, mask: mask, w: make([]int16, nw), scale: float32(scale), lex: opts.Lex}
	q := func(v float64) int16 { return int16(math.Round(v / scale)) }
	for i := range w {
		m.w[i] = q(avg(w[i], acc[i]))
	}
	for i := range tw {
		m.trans[i] = q(avg(tw[i], tacc[i]))
	}
	m.tau = m.medianMargin(sents)
	return m, nil
}

// medianMargin is the median margin (weight units) of the words of the
// mentions the model tags correctly in sents; the confidence temperature.
func (m *Model) medianMargin(sents []corpus.Sentence) float32 {
	var margins []float32
	for k, s := range sents {
		if k%4 != 0 { // a sample is enough
			continue
		}
		gold := map[[3]int]bool{}
		for _, sp := range s.Spans() {
			gold[[3]int{sp.Start, sp.End, int(sp.Kind)}] = true
		}
		spans, ms := m.tag(s.Lang, s.Words)
		for i, sp := range spans {
			if gold[[3]int{sp.Start, sp.End, int(sp.Kind)}] {
				margins = append(margins, ms[i])
			}
		}
	}
	if len(margins) == 0 {
		return 1
	}
	slices.Sort(margins)
	return max(margins[len(margins)/2], 1e-3)
}
