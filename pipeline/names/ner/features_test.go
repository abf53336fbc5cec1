package ner

import (
	"strings"
	"testing"
)

func TestTrimAndTrigrams(t *testing.T) {
	if s, ok := runeTrim("آمریکاست", 2); !ok || s != "آمریکا" {
		t.Errorf("runeTrim = %q, %v", s, ok)
	}
	if _, ok := runeTrim("Bakı", 2); ok {
		t.Error("runeTrim left fewer than three letters")
	}
	if got := strings.Join(trigrams("سلیمان"), " "); got != "لیم یما" {
		t.Errorf("trigrams = %q", got)
	}
	if got := trigrams("علی"); got != nil {
		t.Errorf("trigrams of a short word = %q", got)
	}
}
