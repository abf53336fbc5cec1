package team

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivertype"
)

// WorkOptions configure Queue.Work.
type WorkOptions struct {
	// Jobs is how many articles this worker processes at once; 0: 1.
	Jobs int
	// JobTimeout is the longest one article may take; 0: 30 minutes.
	JobTimeout time.Duration
	// RescueAfter is how long an article may run before River takes it
	// for one whose worker died and gives it to another; it must be
	// longer than JobTimeout. 0: JobTimeout and 5 minutes.
	RescueAfter time.Duration
	// Attempts is how often an article is tried before it fails for good;
	// 0: 5.
	Attempts int
	// Retry is the wait before the next attempt, after attempt n; nil:
	// n seconds.
	Retry func(n int) time.Duration
	// Out, when set, is where this worker finds the batches' shared
	// folder, instead of the path given at enqueue (another mount point).
	Out string
	// UntilDone, when set, is a batch whose end ends Work too: once it is
	// finished (or gone), Work stops as if ctx were done.
	UntilDone int64
	// Ready, when set, is called once the worker takes jobs.
	Ready func()
	// Done, when set, is called after each job this worker finished.
	Done func(batch int64, seq int, err error)
	Log  *slog.Logger // nil: discard
}

// Work processes the jobs of every batch in the database with p until ctx
// is done, then waits for the jobs under way to finish. A process killed
// meanwhile leaves them to River, which runs them again elsewhere.
func (q *Queue) Work(ctx context.Context, p Processor, opt WorkOptions) error {
	if opt.Jobs <= 0 {
		opt.Jobs = 1
	}
	if opt.JobTimeout <= 0 {
		opt.JobTimeout = 30 * time.Minute
	}
	if opt.RescueAfter <= opt.JobTimeout {
		opt.RescueAfter = opt.JobTimeout + 5*time.Minute
	}
	if opt.Attempts <= 0 {
		opt.Attempts = 5
	}
	if opt.Retry == nil {
		opt.Retry = func(n int) time.Duration { return time.Duration(n) * time.Second }
	}
	if opt.Log == nil {
		opt.Log = slog.New(slog.DiscardHandler)
	}
	if opt.UntilDone > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithCancel(ctx)
		defer cancel()
		go func() {
			q.waitFinished(ctx, opt.UntilDone)
			cancel()
		}()
	}
	w := &worker{q: q, p: p, opt: opt, specs: map[int64]Spec{}}
	workers := river.NewWorkers()
	river.AddWorker(workers, river.WorkFunc(w.article))
	river.AddWorker(workers, river.WorkFunc(w.briefing))
	client, err := river.NewClient(riverpgxv5.New(q.pool), &river.Config{
		Queues:               map[string]river.QueueConfig{queueName: {MaxWorkers: opt.Jobs}},
		Workers:              workers,
		JobTimeout:           opt.JobTimeout,
		RescueStuckJobsAfter: opt.RescueAfter,
		MaxAttempts:          opt.Attempts,
		RetryPolicy:          retryPolicy(opt.Retry),
		FetchPollInterval:    200 * time.Millisecond,
		FetchCooldown:        50 * time.Millisecond,
		Logger:               opt.Log,
	})
	if err != nil {
		return fmt.Errorf("work: %w", err)
	}
	w.client = client
	if err := client.Start(context.WithoutCancel(ctx)); err != nil {
		return fmt.Errorf("work: %w", err)
	}
	if opt.Ready != nil {
		opt.Ready()
	}
	<-ctx.Done()
	// Finish what is under way: an article cut short would be done again.
	if err := client.Stop(context.Background()); err != nil {
		return fmt.Errorf("work: stop: %w", err)
	}
	return nil
}

type retryPolicy func(n int) time.Duration

func (r retryPolicy) NextRetry(job *rivertype.JobRow) time.Time {
	return time.Now().Add(r(job.Attempt))
}

type worker struct {
	q      *Queue
	p      Processor
	opt    WorkOptions
	client *river.Client[pgx.Tx]

	mu    sync.Mutex
	specs map[int64]Spec
}

func (w *worker) spec(ctx context.Context, batch int64) (Spec, error) {
	w.mu.Lock()
	spec, ok := w.specs[batch]
	w.mu.Unlock()
	if ok {
		return spec, nil
	}
	var b []byte
	err := w.q.pool.QueryRow(ctx, `SELECT spec FROM dossier_batches WHERE id = $1`, batch).Scan(&b)
	if errors.Is(err, pgx.ErrNoRows) {
		return Spec{}, river.JobCancel(fmt.Errorf("batch %d: %w", batch, ErrNoBatch))
	}
	if err != nil {
		return Spec{}, err
	}
	if err := json.Unmarshal(b, &spec); err != nil {
		return Spec{}, river.JobCancel(fmt.Errorf("batch %d: spec: %w", batch, err))
	}
	if w.opt.Out != "" {
		spec.Out = w.opt.Out
	}
	w.mu.Lock()
	w.specs[batch] = spec
	w.mu.Unlock()
	return spec, nil
}

// article processes one article. Its result and the job's completion
// commit together; if that is the batch's last article, so does the
// briefing job.
func (w *worker) article(ctx context.Context, job *river.Job[articleArgs]) (err error) {
	args := job.Args
	defer func() {
		if w.opt.Done != nil {
			w.opt.Done(args.Batch, args.Seq, err)
		}
	}()
	spec, err := w.spec(ctx, args.Batch)
	if err != nil {
		return err
	}
	a := &Article{Seq: args.Seq}
	var doc []byte
	err = w.q.pool.QueryRow(ctx, `SELECT name, doc FROM dossier_articles WHERE batch_id = $1 AND seq = $2`, args.Batch, args.Seq).Scan(&a.Name, &doc)
	if err != nil {
		return fmt.Errorf("batch %d article %d: %w", args.Batch, args.Seq, err)
	}
	if err := json.Unmarshal(doc, &a.Doc); err != nil {
		return river.JobCancel(fmt.Errorf("%s: stored document: %w", a.Name, err))
	}
	perr := w.p.Translate(ctx, spec, a)
	if perr == nil {
		if a.Slug, err = w.slug(ctx, args, w.p.Slug(a)); err != nil {
			return fmt.Errorf("%s: %w", a.Name, err)
		}
		perr = w.p.Write(ctx, spec, a)
	}
	last := job.Attempt >= job.MaxAttempts
	if perr != nil && !last {
		return fmt.Errorf("%s: %w", a.Name, perr)
	}
	var result []byte
	if perr == nil {
		if result, err = json.Marshal(a.Doc); err != nil {
			return err
		}
	}
	err = pgx.BeginFunc(ctx, w.q.pool, func(tx pgx.Tx) error {
		// The batch's row orders the transactions of its articles, so
		// that exactly one sees itself finishing the batch.
		var total int
		if err := tx.QueryRow(ctx, `SELECT total FROM dossier_batches WHERE id = $1 FOR UPDATE`, args.Batch).Scan(&total); err != nil {
			return err
		}
		var failure *string
		if perr != nil {
			msg := perr.Error()
			failure = &msg
		}
		if _, err := tx.Exec(ctx, `UPDATE dossier_articles SET result = $3, error = $4, done_at = now() WHERE batch_id = $1 AND seq = $2`,
			args.Batch, args.Seq, result, failure); err != nil {
			return err
		}
		if perr == nil {
			if _, err := river.JobCompleteTx[*riverpgxv5.Driver](ctx, tx, job); err != nil {
				return err
			}
		}
		var settled int
		if err := tx.QueryRow(ctx, `SELECT count(*) FROM dossier_articles WHERE batch_id = $1 AND done_at IS NOT NULL`, args.Batch).Scan(&settled); err != nil {
			return err
		}
		if settled < total {
			return nil
		}
		_, err := w.client.InsertTx(ctx, tx, briefingArgs{Batch: args.Batch}, &river.InsertOpts{
			Queue:      queueName,
			UniqueOpts: river.UniqueOpts{ByArgs: true},
		})
		return err
	})
	if err != nil {
		return fmt.Errorf("%s: %w", a.Name, err)
	}
	if perr != nil {
		// Recorded as failed for good; River discards the job.
		return fmt.Errorf("%s: %w", a.Name, perr)
	}
	return nil
}

// slug returns the article's file name: the one it took on an earlier
// attempt, else base or the first of base-2, base-3… no other article of
// the batch has taken. Articles whose titles collide are numbered in the
// order they are done, not in input order.
func (w *worker) slug(ctx context.Context, args articleArgs, base string) (string, error) {
	var slug string
	err := w.q.pool.QueryRow(ctx, `SELECT slug FROM dossier_slugs WHERE batch_id = $1 AND seq = $2`, args.Batch, args.Seq).Scan(&slug)
	if err == nil {
		return slug, nil
	}
	if !errors.Is(err, pgx.ErrNoRows) {
		return "", err
	}
	for n := 1; ; n++ {
		slug = base
		if n > 1 {
			slug = fmt.Sprintf("%s-%d", base, n)
		}
		tag, err := w.q.pool.Exec(ctx, `INSERT INTO dossier_slugs (batch_id, slug, seq) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, args.Batch, slug, args.Seq)
		if err != nil {
			return "", err
		}
		if tag.RowsAffected() == 1 {
			return slug, nil
		}
	}
}

// briefing writes the batch's own files once every article is settled.
func (w *worker) briefing(ctx context.Context, job *river.Job[briefingArgs]) (err error) {
	id := job.Args.Batch
	defer func() {
		if w.opt.Done != nil {
			w.opt.Done(id, -1, err)
		}
	}()
	spec, err := w.spec(ctx, id)
	if err != nil {
		return err
	}
	rows, err := w.q.pool.Query(ctx, `SELECT a.seq, a.name, coalesce(s.slug, ''), a.result FROM dossier_articles a
LEFT JOIN dossier_slugs s ON s.batch_id = a.batch_id AND s.seq = a.seq
WHERE a.batch_id = $1 AND a.result IS NOT NULL ORDER BY a.seq`, id)
	if err != nil {
		return err
	}
	var done []*Article
	for rows.Next() {
		a := &Article{}
		var result []byte
		if err := rows.Scan(&a.Seq, &a.Name, &a.Slug, &result); err != nil {
			rows.Close()
			return err
		}
		if err := json.Unmarshal(result, &a.Doc); err != nil {
			rows.Close()
			return river.JobCancel(fmt.Errorf("%s: stored result: %w", a.Name, err))
		}
		done = append(done, a)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	berr := w.p.Briefing(ctx, spec, done)
	if berr != nil && job.Attempt < job.MaxAttempts {
		return fmt.Errorf("batch %d: briefing: %w", id, berr)
	}
	// No article is being written any more: temporary files a worker
	// killed mid-write left beside the outputs go.
	removeLeftovers(spec.Out)
	return pgx.BeginFunc(ctx, w.q.pool, func(tx pgx.Tx) error {
		var failure *string
		if berr != nil {
			msg := berr.Error()
			failure = &msg
		}
		if _, err := tx.Exec(ctx, `UPDATE dossier_batches SET finished_at = now(), error = $2 WHERE id = $1`, id, failure); err != nil {
			return err
		}
		if berr != nil {
			return nil
		}
		_, err := river.JobCompleteTx[*riverpgxv5.Driver](ctx, tx, job)
		return err
	})
}

// removeLeftovers removes the temporary files exporters.WriteFile makes
// (".<name>-<digits>") that a killed writer left in dir.
func removeLeftovers(dir string) {
	if dir == "" {
		return
	}
	matches, _ := filepath.Glob(filepath.Join(dir, ".*-[0-9]*"))
	for _, m := range matches {
		if fi, err := os.Lstat(m); err == nil && fi.Mode().IsRegular() {
			os.Remove(m)
		}
	}
}

// waitFinished returns once batch id is finished or gone, or ctx is done,
// asking every second.
func (q *Queue) waitFinished(ctx context.Context, id int64) {
	for ctx.Err() == nil {
		st, err := q.Status(ctx, id)
		if errors.Is(err, ErrNoBatch) || err == nil && !st.Finished.IsZero() {
			return
		}
		select {
		case <-ctx.Done():
		case <-time.After(time.Second):
		}
	}
}
