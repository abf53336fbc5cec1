package ner

import (
	"context"
	"fmt"
	"io"

	"github.com/dossier-news/dossier/pipeline/names/ner/corpus"
)

// calibrationSteps are the biases Calibrate tries, in units of the
// confidence temperature τ, in the order it prefers them on a tie.
// A positive bias finds more mentions, a negative one fewer.
var calibrationSteps = [...]float32{0, -0.125, 0.125, -0.25, 0.25, -0.375, 0.375, -0.5, 0.5, -0.75, 0.75}

// Calibrate sets each language's bias against the outside label: of
// calibrationSteps, the one under which the model finds the persons and
// places of heldout (overlap match, kind not compared) with the best F1
// among those with a precision of minPrecision or more, or, when none
// has, the one with the best precision. Since what is found is protected
// during translation, precision is not traded away for recall below the
// floor. heldout must be sentences the model was not trained on;
// languages without sentences keep their bias. It is deterministic, and
// must run before the model is shared.
func (m *Model) Calibrate(ctx context.Context, heldout []corpus.Sentence, minPrecision float64, log io.Writer) error {
	byLang := map[byte][]corpus.Sentence{}
	var order []byte
	for _, s := range heldout {
		l := langID(s.Lang)
		if _, ok := byLang[l]; !ok {
			order = append(order, l)
		}
		byLang[l] = append(byLang[l], s)
	}
	for _, l := range order {
		sents := byLang[l]
		var best float32
		bestF1, bestP, floorMet := -1.0, -1.0, false
		for _, step := range calibrationSteps {
			if err := ctx.Err(); err != nil {
				return err
			}
			m.bias[l] = step * m.tau / m.scale
			var c corpus.Counts
			for _, s := range sents {
				spans, _ := m.tag(s.Lang, s.Words)
				pred := make([]corpus.Span, len(spans))
				for i, sp := range spans {
					pred[i] = corpus.Span{Start: sp.Start, End: sp.End, Kind: corpus.Kind(sp.Kind)}
				}
				c.Add(corpus.Score(s.Spans(), pred, corpus.PersonOrPlace, false))
			}
			if log != nil {
				fmt.Fprintf(log, "calibrate %s: bias %+.2fτ: %s\n", sents[0].Lang, step, c)
			}
			met := c.P() >= minPrecision
			switch {
			case met && (!floorMet || c.F1() > bestF1), !met && !floorMet && c.P() > bestP:
				best, bestF1, bestP, floorMet = m.bias[l], c.F1(), c.P(), met
			}
		}
		m.bias[l] = best
	}
	return nil
}
