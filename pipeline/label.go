package pipeline

import (
	"context"
	"fmt"
)

// LabelUnnamed is a stage that names each document without a
// Meta.Source by its place in the batch, "input 1" for the first
// document the stage sees, so that what is said of it (an index, a
// warning) tells it apart from the others.
func LabelUnnamed() Stage { return labelUnnamed{} }

type labelUnnamed struct{}

func (labelUnnamed) Name() string { return "label" }

func (labelUnnamed) ApplyBatch(_ context.Context, docs []*Document) error {
	for i, d := range docs {
		if d.Meta.Source == "" {
			d.Meta.Source = fmt.Sprintf("input %d", i+1)
		}
	}
	return nil
}
