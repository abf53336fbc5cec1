package clustereval

import (
	"math"
	"testing"
)

func TestEvaluate(t *testing.T) {
	tests := []struct {
		name       string
		gold, pred []string
		pairwise   PRF
		bcubedP    float64
	}{
		{"perfect", []string{"a", "a", "b"}, []string{"x", "x", "y"}, PRF{1, 1, 1}, 1},
		{"all merged", []string{"a", "a", "b", "b"}, []string{"x", "x", "x", "x"}, PRF{2.0 / 6, 1, 0.5}, 0.5},
		{"all split", []string{"a", "a"}, []string{"x", "y"}, PRF{1, 0, 0}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Evaluate(tt.gold, tt.pred)
			if err != nil {
				t.Fatal(err)
			}
			near := func(a, b float64) bool { return math.Abs(a-b) < 1e-9 }
			if !near(s.Pairwise.P, tt.pairwise.P) || !near(s.Pairwise.R, tt.pairwise.R) || !near(s.Pairwise.F1, tt.pairwise.F1) {
				t.Errorf("pairwise %+v, want %+v", s.Pairwise, tt.pairwise)
			}
			if !near(s.BCubed.P, tt.bcubedP) {
				t.Errorf("bcubed P %v, want %v", s.BCubed.P, tt.bcubedP)
			}
		})
	}
	if _, err := Evaluate([]string{"a"}, nil); err == nil {
		t.Error("length mismatch: no error")
	}
}
