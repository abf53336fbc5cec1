// Package team runs a batch of articles on many machines at once: one
// process enqueues it into a PostgreSQL database, any number of workers
// that reach the database translate and write it, and anyone asks how far
// it got. The queue is River's (github.com/riverqueue/river), not one of
// our own. Start with Open, then Queue.Enqueue, Queue.Work and
// Queue.Status; what a job does is the caller's Processor.
//
// # Jobs
//
// Each article is one job, at least once: a worker that fails or dies
// mid-article leaves the job to River, which runs it again, on any worker,
// once it fails or, for a worker that died, once River finds it stuck
// (Options.RescueAfter). So a Processor's outputs must be idempotent and
// atomic: written whole under their final name or not at all, the same
// bytes each time. The documents the articles are made from are stored in
// the database at enqueue, cleaned and with their names linked over the
// whole batch, so that a worker needs no access to the inputs and every
// article reads the same whichever worker takes it.
//
// When the last article is done (or has failed for good) its transaction
// enqueues the batch's one briefing job, which builds what spans the
// batch, such as the names index and the batch briefing, from every
// article, in input order.
package team

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivermigrate"

	"github.com/dossier-news/dossier/pipeline"
	"github.com/dossier-news/dossier/pipeline/translate/cache/pgcache"
)

// ErrNoBatch is wrapped when a batch ID is not in the database.
var ErrNoBatch = errors.New("no such batch")

// queueName is the River queue dossier's jobs run in.
const queueName = "dossier"

// A Spec is how a batch is to be processed, fixed when it is enqueued so
// that every worker does the same. Secrets (engine keys) never go in it:
// each worker reads them from its own environment.
type Spec struct {
	To        string    `json:"to,omitempty"`
	From      string    `json:"from,omitempty"`
	Engine    string    `json:"engine,omitempty"`
	EngineURL string    `json:"engine_url,omitempty"`
	Model     string    `json:"model,omitempty"`
	Formats   []string  `json:"formats"`
	Out       string    `json:"out"` // the folder every worker writes to
	Title     string    `json:"title,omitempty"`
	Width     int       `json:"width,omitempty"`
	Created   time.Time `json:"created"`
	Aliases   string    `json:"aliases,omitempty"` // the alias file's contents, if any
	// VerbatimNames leaves names as they stand in translations
	// (--canonical-names=false) instead of their canonical spelling.
	VerbatimNames bool `json:"verbatim_names,omitempty"`
}

// An Article is one article of a batch.
type Article struct {
	Seq  int    // its place among the batch's inputs, from 0
	Name string // the input it was read from
	// Slug is its file name without extension, unique in the batch: set
	// by the worker between Translate and Write.
	Slug string
	Doc  *pipeline.Document
}

// A Processor does the work of a batch's jobs. Each method may run again
// for the same article or batch, after a failure or on another worker, so
// what it writes must be atomic and the same each time.
type Processor interface {
	// Translate translates a.Doc in place.
	Translate(ctx context.Context, spec Spec, a *Article) error
	// Slug returns the file name an article would have alone: the
	// worker makes it unique in the batch.
	Slug(a *Article) string
	// Write writes the files of one article.
	Write(ctx context.Context, spec Spec, a *Article) error
	// Briefing writes the files of the batch as a whole from the
	// articles done, in input order. It too may run again.
	Briefing(ctx context.Context, spec Spec, done []*Article) error
}

// A Queue is the batches of one database.
type Queue struct {
	pool *pgxpool.Pool
}

// Open connects to the database at dsn and brings its schema up to date:
// River's tables, the translation memory's and the batches'.
func Open(ctx context.Context, dsn string) (*Queue, error) {
	pool, err := pgcache.Connect(ctx, dsn)
	if err != nil {
		return nil, fmt.Errorf("database: %w", err)
	}
	if err := migrate(ctx, pool); err != nil {
		pool.Close()
		return nil, err
	}
	return &Queue{pool: pool}, nil
}

// Pool returns the connections of q, for a translation memory on the same
// database.
func (q *Queue) Pool() *pgxpool.Pool { return q.pool }

// Close closes the connections.
func (q *Queue) Close() { q.pool.Close() }

// schema is the batches' tables, recorded in schema_version as "team".
var schema = []pgcache.Migration{
	{Version: 1, Name: "batches and articles", SQL: `
CREATE TABLE dossier_batches (
	id          bigserial PRIMARY KEY,
	spec        jsonb NOT NULL,
	total       integer NOT NULL,
	created_at  timestamptz NOT NULL DEFAULT now(),
	finished_at timestamptz,
	error       text
);
CREATE TABLE dossier_articles (
	batch_id bigint NOT NULL REFERENCES dossier_batches (id) ON DELETE CASCADE,
	seq      integer NOT NULL,
	name     text NOT NULL,
	doc      bytea NOT NULL, -- the document as enqueued, dossier JSON
	result   bytea,          -- the document as processed, once done
	error    text,           -- why it failed for good
	done_at  timestamptz,
	PRIMARY KEY (batch_id, seq)
);
-- An article's file name is made from its translated title, so it is
-- taken by the worker that translated it: first come, first served.
CREATE TABLE dossier_slugs (
	batch_id bigint NOT NULL REFERENCES dossier_batches (id) ON DELETE CASCADE,
	slug     text NOT NULL,
	seq      integer NOT NULL,
	PRIMARY KEY (batch_id, slug),
	UNIQUE (batch_id, seq)
);`},
}

// migrate brings River's schema and ours up to date, River's under the
// same advisory lock as ours so that workers starting together take turns.
func migrate(ctx context.Context, pool *pgxpool.Pool) error {
	err := pgcache.WithMigrationLock(ctx, pool, func(ctx context.Context) error {
		m, err := rivermigrate.New(riverpgxv5.New(pool), nil)
		if err != nil {
			return err
		}
		_, err = m.Migrate(ctx, rivermigrate.DirectionUp, nil)
		return err
	})
	if err != nil {
		return fmt.Errorf("database: river schema: %w", err)
	}
	err = pgcache.Migrate(ctx, pool, map[string][]pgcache.Migration{
		pgcache.Schema: pgcache.Migrations(),
		"team":         schema,
	})
	if err != nil {
		return fmt.Errorf("database: %w", err)
	}
	return nil
}

// articleArgs is the job of one article.
type articleArgs struct {
	Batch int64 `json:"batch"`
	Seq   int   `json:"seq"`
}

func (articleArgs) Kind() string { return "dossier_article" }

// briefingArgs is the job of a batch's briefing.
type briefingArgs struct {
	Batch int64 `json:"batch"`
}

func (briefingArgs) Kind() string { return "dossier_briefing" }

// Enqueue stores spec and the articles and queues a job for each, in one
// transaction: a batch is in the database whole or not at all. It returns
// the batch's ID.
func (q *Queue) Enqueue(ctx context.Context, spec Spec, articles []Article) (int64, error) {
	if len(articles) == 0 {
		return 0, errors.New("enqueue: no articles")
	}
	client, err := river.NewClient(riverpgxv5.New(q.pool), &river.Config{})
	if err != nil {
		return 0, fmt.Errorf("enqueue: %w", err)
	}
	specJSON, err := json.Marshal(spec)
	if err != nil {
		return 0, fmt.Errorf("enqueue: %w", err)
	}
	var id int64
	err = pgx.BeginFunc(ctx, q.pool, func(tx pgx.Tx) error {
		if err := tx.QueryRow(ctx, `INSERT INTO dossier_batches (spec, total) VALUES ($1, $2) RETURNING id`, specJSON, len(articles)).Scan(&id); err != nil {
			return err
		}
		rows := make([][]any, len(articles))
		jobs := make([]river.InsertManyParams, len(articles))
		for i, a := range articles {
			doc, err := json.Marshal(a.Doc)
			if err != nil {
				return fmt.Errorf("%s: %w", a.Name, err)
			}
			rows[i] = []any{id, a.Seq, a.Name, doc}
			jobs[i] = river.InsertManyParams{Args: articleArgs{Batch: id, Seq: a.Seq}, InsertOpts: &river.InsertOpts{Queue: queueName}}
		}
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{"dossier_articles"}, []string{"batch_id", "seq", "name", "doc"}, pgx.CopyFromRows(rows)); err != nil {
			return err
		}
		_, err := client.InsertManyFastTx(ctx, tx, jobs)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("enqueue: %w", err)
	}
	return id, nil
}
