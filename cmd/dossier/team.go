package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/dossier-news/dossier/exporters/chrome"
	"github.com/dossier-news/dossier/exporters/text"
	"github.com/dossier-news/dossier/pipeline/ingest"
	"github.com/dossier-news/dossier/pipeline/translate"
	"github.com/dossier-news/dossier/pipeline/translate/cache/pgcache"
	"github.com/dossier-news/dossier/team"
)

// dbFlag is --db, the team's PostgreSQL database.
func dbFlag() cli.Flag {
	return &cli.StringFlag{Name: "db", EnvVars: []string{"DOSSIER_DB"}, Usage: "the team's PostgreSQL database, a `URL` such as postgres://user:pass@host/dossier"}
}

func (e *env) batchCommand() *cli.Command {
	all := strings.Join(newExporterRegistry(text.DefaultWidth).Names(), ",")
	enqueueFlags := append(inputFlags(), dbFlag(),
		&cli.StringFlag{Name: "out", Aliases: []string{"o"}, Required: true, Usage: "folder every worker writes the briefing into: shared by all of them (created if missing)"},
		&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: briefFormats, Usage: "comma-separated output formats, from " + all},
		&cli.StringFlag{Name: "title", Usage: "title of the batch briefing", DefaultText: "the number of articles and their dates"},
		&cli.IntFlag{Name: "width", Value: text.DefaultWidth, Usage: "line width of txt output, in terminal cells"},
		&cli.StringFlag{Name: "to", Usage: "translate into `LANG` (BCP 47); without it nothing is translated"},
		&cli.StringFlag{Name: "from", Usage: "source `LANG` (default: each article's detected language)"},
		engineFlag(),
		&cli.StringFlag{Name: "engine-url", Usage: "engine endpoint `URL`, as the workers reach it (each may override it)"},
		&cli.StringFlag{Name: "model", Usage: "engine model, for engines that have several"},
	)
	enqueueFlags = append(enqueueFlags, namesFlags()...)
	return &cli.Command{
		Name:  "batch",
		Usage: "run a batch on many machines: enqueue it into PostgreSQL, work it from any number of workers, follow it",
		Description: `A team shares one PostgreSQL database (--db or $DOSSIER_DB): its translation
memory, and the batches. 'batch enqueue' reads, cleans and links the names of
the inputs here, stores the documents in the database and queues one job per
article; 'batch work' on any machine that reaches the database translates and
writes them into the shared --out folder, and the last one done writes the
batch briefing; 'batch status ID' says how far it got. An article whose worker
dies is done again by another; files are replaced atomically, so none is ever
half-written. Engine keys stay with each worker, in its environment.`,
		Subcommands: []*cli.Command{
			{
				Name:      "enqueue",
				Usage:     "read the inputs and queue one job per article; prints the batch ID",
				ArgsUsage: "INPUT…",
				Flags:     enqueueFlags,
				Action:    e.batchEnqueue,
			},
			{
				Name:  "work",
				Usage: "process the articles of every queued batch until interrupted",
				Flags: []cli.Flag{
					dbFlag(),
					&cli.IntFlag{Name: "jobs", Value: 1, Usage: "articles this worker processes at once"},
					&cli.StringFlag{Name: "out", Usage: "the shared output folder as this worker mounts it, if not at the path given at enqueue"},
					&cli.StringFlag{Name: "engine-url", Usage: "engine endpoint `URL` from this worker, instead of the batch's"},
					&cli.StringFlag{Name: "profile", EnvVars: []string{"DOSSIER_PROFILE"}, Usage: "engine profile `NAME` from the config file (its key_env, concurrency, rate)"},
					&cli.StringFlag{Name: "config", EnvVars: []string{"DOSSIER_CONFIG"}, Usage: "config `FILE` with engine profiles"},
					&cli.IntFlag{Name: "concurrency", Usage: "requests in flight at once, per article", DefaultText: "the engine's or profile's"},
					&cli.Float64Flag{Name: "rate", Usage: "most requests per second, per article; negative: no limit", DefaultText: "the engine's or profile's"},
					&cli.DurationFlag{Name: "request-timeout", Value: 2 * time.Minute, Usage: "longest wait for the answer to one request"},
					&cli.DurationFlag{Name: "job-timeout", Value: 10 * time.Minute, Usage: "longest one article may take"},
					&cli.DurationFlag{Name: "rescue-after", Usage: "how long an article may run before it is taken for one whose worker died and done again elsewhere", DefaultText: "job-timeout + 5m"},
					&cli.DurationFlag{Name: "lease", Value: 2 * time.Minute, Usage: "how long a dead worker's claim on a segment keeps others from sending it"},
					&cli.Int64Flag{Name: "until-done", Usage: "exit once batch `ID` is finished"},
				},
				Action: e.batchWork,
			},
			{
				Name:      "status",
				Usage:     "print how far a batch got: articles done, running, failed, and why",
				ArgsUsage: "[ID]",
				Flags:     []cli.Flag{dbFlag()},
				Action:    e.batchStatus,
			},
		},
	}
}

// openQueue opens the team database --db names.
func (e *env) openQueue(c *cli.Context) (*team.Queue, error) {
	dsn := c.String("db")
	if dsn == "" {
		return nil, withHint(usagef("--db is required: the team's PostgreSQL database"), "pass --db postgres://user:pass@host/dossier or set $DOSSIER_DB")
	}
	q, err := team.Open(c.Context, dsn)
	if err != nil {
		return nil, withHint(err, "is PostgreSQL running and --db right? 'psql \"$DOSSIER_DB\"' should connect")
	}
	return q, nil
}

func (e *env) batchEnqueue(c *cli.Context) error {
	ctx := c.Context
	reg := newExporterRegistry(c.Int("width"))
	exps, err := reg.Parse(c.String("format"))
	if err != nil {
		return usageError{fmt.Errorf("--format: %w", err)}
	}
	var formats []string
	for _, x := range exps {
		formats = append(formats, x.Format().Name)
	}
	if to := c.String("to"); to != "" {
		if _, err := newEngineRegistry().Lookup(c.String("engine")); err != nil {
			return withHint(usageError{fmt.Errorf("--engine: %w", err)}, "run 'dossier engines' to list them")
		}
	}
	created, err := e.created()
	if err != nil {
		return err
	}
	var aliases string
	if name := c.String("aliases"); name != "" {
		if _, err := loadAliases(name); err != nil {
			return err
		}
		b, err := os.ReadFile(name)
		if err != nil {
			return err
		}
		aliases = string(b)
	}
	namesStage, err := e.newNamesStage(c)
	if err != nil {
		return err
	}
	if err := checkInputArgs(c, c.Args().Slice()); err != nil {
		return err
	}
	out, err := filepath.Abs(c.String("out"))
	if err != nil {
		return usageError{fmt.Errorf("--out: %w", err)}
	}
	q, err := e.openQueue(c)
	if err != nil {
		return err
	}
	defer q.Close()
	// Names are linked here, over the whole batch, as brief links them:
	// every worker then translates with the same canonical names.
	srcs := e.newIngester(c).Sources(c.Args().Slice(), ingest.ExpandOptions{FollowSymlinks: c.Bool("follow-symlinks")})
	b, err := e.runner(c).Run(ctx, srcs, namesStage)
	if ierr := interrupted(ctx, "run the same command again: nothing was queued"); ierr != nil {
		return ierr
	}
	if err != nil {
		return err
	}
	articles := team.Articles(b)
	if len(articles) == 0 {
		return partialError{failed: b.Failed(), total: len(b)}
	}
	spec := team.Spec{
		To: c.String("to"), From: c.String("from"),
		Engine: c.String("engine"), EngineURL: c.String("engine-url"), Model: c.String("model"),
		Formats: formats, Out: out, Title: c.String("title"), Width: c.Int("width"),
		Created: created, Aliases: aliases,
		VerbatimNames: c.IsSet("canonical-names") && !c.Bool("canonical-names"),
	}
	if spec.To == "" {
		spec.Engine = ""
	}
	id, err := q.Enqueue(ctx, spec, articles)
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, id)
	if !c.Bool("quiet") {
		fmt.Fprintf(e.stderr, "dossier: batch %d: %d %s queued; run 'dossier batch work' where the engine and %s are reachable, 'dossier batch status %d' to follow\n",
			id, len(articles), plural(len(articles), "article", "articles"), out, id)
	}
	if failed := b.Failed(); failed > 0 {
		return partialError{failed: failed, total: len(b)}
	}
	return nil
}

func (e *env) batchWork(c *cli.Context) error {
	if c.NArg() > 0 {
		return usagef("batch work takes no arguments, got %q", c.Args().First())
	}
	file, err := e.configFile(c)
	if err != nil {
		return err
	}
	req := translate.Request{Profile: c.String("profile"), Set: map[string]string{"url": c.String("engine-url")}}
	setScheduling(c, &req)
	p := &team.Briefer{
		Engines: newEngineRegistry(), Config: file, Worker: req, Getenv: e.getenv,
		RequestTimeout: c.Duration("request-timeout"),
		Formats:        newExporterRegistry, DefaultTitle: chrome.Title, Log: e.log,
	}
	if err := p.Check(); err != nil {
		return usagef("--profile %w", err)
	}
	q, err := e.openQueue(c)
	if err != nil {
		return err
	}
	defer q.Close()
	memory, err := pgcache.New(c.Context, q.Pool(), pgcache.Options{Lease: c.Duration("lease")})
	if err != nil {
		return err
	}
	defer memory.Close()
	p.Memory = memory
	return q.Work(c.Context, p, team.WorkOptions{
		Jobs:        c.Int("jobs"),
		Out:         c.String("out"),
		JobTimeout:  c.Duration("job-timeout"),
		RescueAfter: c.Duration("rescue-after"),
		UntilDone:   c.Int64("until-done"),
		Log:         e.log,
		Ready: func() {
			if !c.Bool("quiet") {
				fmt.Fprintf(e.stderr, "dossier: worker %s ready\n", memory.Owner())
			}
		},
		Done: func(batch int64, seq int, err error) {
			if err != nil && !c.Bool("quiet") {
				fmt.Fprintf(e.stderr, "dossier: batch %d: %v\n", batch, err)
			}
		},
	})
}

func (e *env) batchStatus(c *cli.Context) error {
	q, err := e.openQueue(c)
	if err != nil {
		return err
	}
	defer q.Close()
	ctx := c.Context
	if c.NArg() == 0 {
		ids, err := q.Batches(ctx)
		if err != nil {
			return err
		}
		for _, id := range ids {
			if err := e.printStatus(ctx, q, id); err != nil {
				return err
			}
		}
		return nil
	}
	id, err := strconv.ParseInt(c.Args().First(), 10, 64)
	if err != nil || c.NArg() > 1 {
		return usagef("batch status takes one batch ID, a number, got %q", strings.Join(c.Args().Slice(), " "))
	}
	return e.printStatus(ctx, q, id)
}

func (e *env) printStatus(ctx context.Context, q *team.Queue, id int64) error {
	st, err := q.Status(ctx, id)
	if errors.Is(err, team.ErrNoBatch) {
		return withHint(err, "'dossier batch status' lists the batches")
	}
	if err != nil {
		return err
	}
	state := "working"
	switch {
	case st.Error != "":
		state = "briefing failed: " + st.Error
	case !st.Finished.IsZero():
		state = "finished " + st.Finished.UTC().Format(time.RFC3339)
	}
	fmt.Fprintf(e.stdout, "batch %d: %s; %d of %d articles done, %d failed, %d running, %d retrying, %d waiting; %d done on a later attempt; out %s\n",
		id, state, st.Done, st.Total, len(st.Failed), st.Running, st.Retrying, st.Waiting, st.Reattempted, st.Spec.Out)
	for _, f := range st.Failed {
		fmt.Fprintf(e.stdout, "  failed: %s: %s\n", f.Name, f.Error)
	}
	for _, f := range st.Recent {
		fmt.Fprintf(e.stdout, "  attempt %d: %s: %s\n", f.Attempt, f.Name, f.Error)
	}
	if len(st.Failed) > 0 && !st.Finished.IsZero() {
		return partialError{failed: len(st.Failed), total: st.Total}
	}
	return nil
}

// cacheFlag is --cache, a team's shared translation memory.
func cacheFlag() cli.Flag {
	return &cli.StringFlag{Name: "cache", EnvVars: []string{"DOSSIER_CACHE_URL"}, Usage: "a team's shared translation memory, a postgres:// `URL` (default: the cache file in the user cache folder, or a profile's \"cache\")"}
}
