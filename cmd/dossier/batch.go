package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"

	"github.com/urfave/cli/v2"

	"github.com/dossier-news/dossier/pipeline"
	"github.com/dossier-news/dossier/pipeline/ingest"
)

// runBatch is what brief and translate share: build the stages the flags
// ask for (names, then translate when --to is given), read the inputs and
// run the stages over them. ready runs once every flag and argument has
// been checked, before any input is read: the caller makes its --out
// folder there, so that a usage error leaves nothing behind and an
// unusable folder costs nothing. Under --dry-run the translate stage
// prints its plan and the batch comes back with a nil error; the caller
// must write nothing. A run stopped by a signal returns errInterrupted
// with a hint, and the documents that were finished.
func (e *env) runBatch(c *cli.Context, ready func() error) (pipeline.Batch, error) {
	ctx := c.Context
	var stages []pipeline.Stage
	namesStage, err := e.newNamesStage(c)
	if err != nil {
		return nil, err
	}
	translateStage, err := e.newTranslateStage(c)
	if err != nil {
		return nil, err
	}
	for _, s := range []pipeline.Stage{namesStage, translateStage} {
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
	args := c.Args().Slice()
	if err := checkInputArgs(c, args); err != nil {
		return nil, err
	}
	if ready != nil {
		if err := ready(); err != nil {
			return nil, err
		}
	}
	srcs := e.newIngester(c).Sources(args, ingest.ExpandOptions{FollowSymlinks: c.Bool("follow-symlinks")})
	b, err := e.runner(c).Run(ctx, srcs, stages...)
	if ierr := interrupted(ctx, hint); ierr != nil {
		return b, ierr
	}
	if errors.Is(err, errDryRun) {
		return b, nil
	}
	return b, err
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
