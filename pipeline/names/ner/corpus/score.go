package corpus

import "fmt"

// Counts tallies mention matches for precision and recall.
type Counts struct {
	Predicted, Gold  int
	PredictedMatched int // predicted spans that overlap a gold span
	GoldMatched      int // gold spans that a predicted span overlaps
}

// Add adds o to c.
func (c *Counts) Add(o Counts) {
	c.Predicted += o.Predicted
	c.Gold += o.Gold
	c.PredictedMatched += o.PredictedMatched
	c.GoldMatched += o.GoldMatched
}

// P is precision: the share of predicted spans that overlap a gold span.
func (c Counts) P() float64 { return ratio(c.PredictedMatched, c.Predicted) }

// R is recall: the share of gold spans overlapped by a predicted span.
func (c Counts) R() float64 { return ratio(c.GoldMatched, c.Gold) }

// F1 is the harmonic mean of P and R.
func (c Counts) F1() float64 {
	p, r := c.P(), c.R()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func (c Counts) String() string {
	return fmt.Sprintf("P %.3f R %.3f F1 %.3f (pred %d, gold %d)", c.P(), c.R(), c.F1(), c.Predicted, c.Gold)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Score counts overlap matches between gold and predicted spans of the
// kinds in want (the project's measure: person and place, overlap, kind
// not compared when sameKind is false).
func Score(gold, pred []Span, want func(Kind) bool, sameKind bool) Counts {
	var c Counts
	match := func(a, b Span) bool {
		return a.Start < b.End && b.Start < a.End && (!sameKind || a.Kind == b.Kind)
	}
	for _, p := range pred {
		if !want(p.Kind) {
			continue
		}
		c.Predicted++
		for _, g := range gold {
			if want(g.Kind) && match(p, g) {
				c.PredictedMatched++
				break
			}
		}
	}
	for _, g := range gold {
		if !want(g.Kind) {
			continue
		}
		c.Gold++
		for _, p := range pred {
			if want(p.Kind) && match(p, g) {
				c.GoldMatched++
				break
			}
		}
	}
	return c
}

// PersonOrPlace selects the kinds the names stage protects.
func PersonOrPlace(k Kind) bool { return k == Person || k == Place }
