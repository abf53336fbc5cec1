package pipeline

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
)

// A Stage is one step over a batch of documents: names links people
// across every article of the batch, translate sends shared sentences
// once, so a stage sees the batch, not one document at a time. ApplyBatch
// changes docs in place; it may keep state between the documents of one
// call, not beyond. When some documents failed and the others were done
// it returns DocErrors; any other error means the whole batch failed.
type Stage interface {
	Name() string
	ApplyBatch(ctx context.Context, docs []*Document) error
}

// DocErrors is what a Stage returns when some documents failed and the
// others were done: the failures by index into the batch.
type DocErrors map[int]error

func (e DocErrors) Error() string {
	if len(e) == 1 {
		for _, err := range e {
			return err.Error()
		}
	}
	return fmt.Sprintf("%d documents failed", len(e))
}

// Chain runs stages in order as one Stage. A document one stage fails is
// left out of the stages after it; the chain's DocErrors name it by its
// index in docs, with the stage that failed it. A stage that fails the
// whole batch stops the chain, its error wrapped with its name.
func Chain(stages ...Stage) Stage { return chain(stages) }

type chain []Stage

func (c chain) Name() string { return "chain" }

func (c chain) ApplyBatch(ctx context.Context, docs []*Document) error {
	failed := DocErrors{}
	for _, s := range c {
		if _, err := applyStage(ctx, s, docs, failed); err != nil {
			return err
		}
	}
	if len(failed) > 0 {
		return failed
	}
	return nil
}

// applyStage runs s over the documents of docs not yet in failed, and adds
// those it fails to failed (wrapped with its name), by their index in
// docs; added lists them in order. It returns the error that stops the
// batch: ctx's, or one that is not DocErrors, wrapped with the stage's
// name.
func applyStage(ctx context.Context, s Stage, docs []*Document, failed DocErrors) (added []int, err error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var todo []*Document
	var slot []int
	for i, d := range docs {
		if _, bad := failed[i]; !bad && d != nil {
			todo = append(todo, d)
			slot = append(slot, i)
		}
	}
	if len(todo) == 0 {
		return nil, nil
	}
	err = s.ApplyBatch(ctx, todo)
	var de DocErrors
	if errors.As(err, &de) {
		// In input order: DocErrors is a map.
		for _, j := range slices.Sorted(maps.Keys(de)) {
			if j >= 0 && j < len(slot) { // else it names no document of the batch
				failed[slot[j]] = fmt.Errorf("%s: %w", s.Name(), de[j])
				added = append(added, slot[j])
			}
		}
	}
	switch {
	case err == nil:
		return added, nil
	case ctx.Err() != nil:
		return added, ctx.Err()
	}
	if _, only := err.(DocErrors); only {
		return added, nil
	}
	return added, fmt.Errorf("%s: %w", s.Name(), err)
}

// Each turns a function over one document into a Stage: f runs on every
// document in turn, ctx is checked before each, and the documents f
// fails are the stage's DocErrors.
func Each(name string, f func(ctx context.Context, doc *Document) error) Stage {
	return each{name, f}
}

type each struct {
	name string
	f    func(ctx context.Context, doc *Document) error
}

func (s each) Name() string { return s.name }

func (s each) ApplyBatch(ctx context.Context, docs []*Document) error {
	failed := DocErrors{}
	for i, d := range docs {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := s.f(ctx, d); err != nil {
			failed[i] = err
		}
	}
	if len(failed) > 0 {
		return failed
	}
	return nil
}
