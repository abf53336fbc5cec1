package pipeline

import (
	"context"
	"testing"
)

func TestLabelUnnamed(t *testing.T) {
	docs := []*Document{{}, {Meta: Meta{Source: "a.txt"}}, {}}
	if err := LabelUnnamed().ApplyBatch(context.Background(), docs); err != nil {
		t.Fatal(err)
	}
	for i, want := range []string{"input 1", "a.txt", "input 3"} {
		if got := docs[i].Meta.Source; got != want {
			t.Errorf("document %d: source %q, want %q", i, got, want)
		}
	}
}
