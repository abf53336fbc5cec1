package pipeline

import (
	"context"
	"fmt"
)

// A Stage is one step of the pipeline. Apply changes doc in place.
type Stage interface {
	Name() string
	Apply(ctx context.Context, doc *Document) error
}

// A BatchStage needs to see every document of a batch at once, as linking
// names across sources does. It may keep state between documents of one
// ApplyBatch call, not beyond.
type BatchStage interface {
	Name() string
	ApplyBatch(ctx context.Context, docs []*Document) error
}

// Chain runs stages in order and names the one that failed.
func Chain(stages ...Stage) Stage { return chain(stages) }

type chain []Stage

func (c chain) Name() string { return "chain" }

func (c chain) Apply(ctx context.Context, doc *Document) error {
	for _, s := range c {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := s.Apply(ctx, doc); err != nil {
			return fmt.Errorf("%s: %w", s.Name(), err)
		}
	}
	return nil
}

// StageFunc turns a function into a Stage.
func StageFunc(name string, f func(ctx context.Context, doc *Document) error) Stage {
	return stageFunc{name, f}
}

type stageFunc struct {
	name string
	f    func(ctx context.Context, doc *Document) error
}

func (s stageFunc) Name() string                                   { return s.name }
func (s stageFunc) Apply(ctx context.Context, doc *Document) error { return s.f(ctx, doc) }

// DocErrors is what a BatchStage returns when some documents failed and
// the others were done: the failures by index into the batch. Any other
// error from ApplyBatch means the whole batch failed.
type DocErrors map[int]error

func (e DocErrors) Error() string {
	if len(e) == 1 {
		for _, err := range e {
			return err.Error()
		}
	}
	return fmt.Sprintf("%d documents failed", len(e))
}
