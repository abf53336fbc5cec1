package main

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"syscall"

	"github.com/urfave/cli/v2"

	"github.com/dossier-news/dossier/pipeline"
)

// A batch is the inputs of one run after the stages: one document slot
// per input, nil where the input failed at load or in a stage.
type batch struct {
	ins  []input
	docs []*pipeline.Document
}

// failed counts the inputs that have no document.
func (b batch) failed() int {
	n := 0
	for _, d := range b.docs {
		if d == nil {
			n++
		}
	}
	return n
}

// runBatch is what brief and translate share: build the stages the flags
// ask for (names, then translate when --to is given), read the inputs and
// run the stages over them. ready runs once every flag and argument has
// been checked, before any input is read: the caller makes its --out
// folder there, so that a usage error leaves nothing behind and an
// unusable folder costs nothing. Under --dry-run the translate stage
// prints its plan and the batch comes back with a nil error; the caller
// must write nothing. A run stopped by a signal returns errInterrupted
// with a hint, and the documents that were finished.
func (e *env) runBatch(c *cli.Context, ready func() error) (batch, error) {
	ctx := c.Context
	var stages []pipeline.BatchStage
	namesStage, err := e.newNamesStage(c)
	if err != nil {
		return batch{}, err
	}
	translateStage, err := e.newTranslateStage(c)
	if err != nil {
		return batch{}, err
	}
	for _, s := range []pipeline.BatchStage{namesStage, translateStage} {
		if s != nil {
			stages = append(stages, s)
		}
	}
	hint := "run the same command again"
	switch {
	case translateStage == nil:
	case c.Bool("no-cache"):
		hint = noCacheResumeHint
	default:
		hint = resumeHint
	}
	if err := checkInputArgs(c, c.Args().Slice()); err != nil {
		return batch{}, err
	}
	if ready != nil {
		if err := ready(); err != nil {
			return batch{}, err
		}
	}
	ins, err := e.readInputs(ctx, c, c.Args().Slice())
	if err != nil {
		if errors.Is(err, errInterrupted) {
			return batch{}, interrupted(ctx, hint)
		}
		return batch{}, err
	}
	b, err := e.runStages(ctx, ins, stages)
	if ierr := interrupted(ctx, hint); ierr != nil {
		return b, ierr
	}
	if errors.Is(err, errDryRun) {
		return b, nil
	}
	return b, err
}

// runStages runs the batch stages over the loaded documents. Documents a
// stage fails are reported by input and dropped from the later stages; an
// error means a stage stopped the whole batch (or, wrapping errDryRun,
// that it only planned).
func (e *env) runStages(ctx context.Context, ins []input, stages []pipeline.BatchStage) (batch, error) {
	b := batch{ins: ins, docs: make([]*pipeline.Document, len(ins))}
	for i, in := range ins {
		if in.err == nil {
			b.docs[i] = in.doc
		}
	}
	for _, s := range stages {
		var docs []*pipeline.Document
		var slot []int
		for i, d := range b.docs {
			if d != nil {
				docs = append(docs, d)
				slot = append(slot, i)
			}
		}
		if len(docs) == 0 {
			break
		}
		err := s.ApplyBatch(ctx, docs)
		var de pipeline.DocErrors
		if errors.As(err, &de) {
			// In input order, as the user gave them.
			for _, j := range slices.Sorted(maps.Keys(de)) {
				if j < 0 || j >= len(slot) {
					continue // names no document of this batch
				}
				i, derr := slot[j], de[j]
				if ctx.Err() == nil {
					// Once interrupted every unfinished article fails the
					// same way; the caller says so once.
					e.printInputError(fmt.Errorf("%s: %s: %w", ins[i].name, s.Name(), derr))
				}
				ins[i].err = derr
				b.docs[i] = nil
			}
		}
		switch {
		case err == nil:
		case errors.Is(err, errDryRun):
			return b, errDryRun
		case ctx.Err() != nil:
			return b, ctx.Err()
		case errors.As(err, &de):
		default:
			return b, fmt.Errorf("%s: %w", s.Name(), err)
		}
	}
	return b, nil
}

// prepareOut creates the --out folder and checks that files can be made
// in it, before anything is read or sent. Under --dry-run it does nothing:
// checkOut has already looked.
func prepareOut(c *cli.Context, dir string) error {
	if c.Bool("dry-run") {
		return nil
	}
	fail := func(err error) error {
		return withHint(usageError{fmt.Errorf("--out %s: %w", dir, unwrapPath(err))}, "choose a folder you can write to")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fail(err)
	}
	probe, err := os.CreateTemp(dir, ".dossier-probe-*")
	if err != nil {
		return fail(err)
	}
	probe.Close()
	os.Remove(probe.Name())
	return nil
}

// checkOut checks, writing nothing, that prepareOut would succeed: the
// folder, or its nearest existing parent, is a folder this user may write.
func checkOut(dir string) error {
	fail := func(err error) error {
		return withHint(usageError{fmt.Errorf("--out %s: %w", dir, err)}, "choose a folder you can write to")
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return fail(err)
	}
	for p := abs; ; p = filepath.Dir(p) {
		fi, err := os.Stat(p)
		switch {
		case err == nil && !fi.IsDir():
			return fail(fmt.Errorf("%s is not a folder", p))
		case err == nil:
			// A file made and removed at once is the portable test of
			// "could write here"; it leaves nothing behind.
			f, err := os.CreateTemp(p, ".dossier-probe-*")
			if err != nil {
				return fail(fmt.Errorf("%s: %w", p, unwrapPath(err)))
			}
			f.Close()
			os.Remove(f.Name())
			return nil
		case !errors.Is(err, os.ErrNotExist) && !errors.Is(err, syscall.ENOTDIR):
			return fail(unwrapPath(err))
		case filepath.Dir(p) == p:
			return fail(unwrapPath(err))
		}
	}
}
