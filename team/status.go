package team

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// A Status is how far a batch got.
type Status struct {
	ID       int64
	Spec     Spec
	Created  time.Time
	Total    int // articles
	Done     int // articles processed
	Failed   []Failure
	Running  int // articles being processed now
	Retrying int // articles that failed and wait for another attempt
	Waiting  int // articles not yet started
	// Reattempted counts the articles done whose job ran more than once:
	// after an error, or because its worker died.
	Reattempted int
	// Finished is when the briefing was written, zero before; Error is
	// why it could not be.
	Finished time.Time
	Error    string
	Recent   []Failure // the last errors of articles still being tried
}

// A Failure is an article's error.
type Failure struct {
	Seq     int
	Name    string
	Attempt int
	Error   string
}

// Status returns the state of batch id; the error wraps ErrNoBatch when
// there is none.
func (q *Queue) Status(ctx context.Context, id int64) (Status, error) {
	st := Status{ID: id}
	var spec []byte
	var finished *time.Time
	var final *string
	err := q.pool.QueryRow(ctx, `SELECT spec, total, created_at, finished_at, error FROM dossier_batches WHERE id = $1`, id).
		Scan(&spec, &st.Total, &st.Created, &finished, &final)
	if errors.Is(err, pgx.ErrNoRows) {
		return st, fmt.Errorf("batch %d: %w", id, ErrNoBatch)
	}
	if err != nil {
		return st, fmt.Errorf("batch %d: %w", id, err)
	}
	if err := json.Unmarshal(spec, &st.Spec); err != nil {
		return st, fmt.Errorf("batch %d: spec: %w", id, err)
	}
	if finished != nil {
		st.Finished = *finished
	}
	if final != nil {
		st.Error = *final
	}
	rows, err := q.pool.Query(ctx, `SELECT seq, name, error FROM dossier_articles WHERE batch_id = $1 AND done_at IS NOT NULL ORDER BY seq`, id)
	if err != nil {
		return st, fmt.Errorf("batch %d: %w", id, err)
	}
	for rows.Next() {
		var f Failure
		var msg *string
		if err := rows.Scan(&f.Seq, &f.Name, &msg); err != nil {
			rows.Close()
			return st, fmt.Errorf("batch %d: %w", id, err)
		}
		if msg == nil {
			st.Done++
			continue
		}
		f.Error = *msg
		st.Failed = append(st.Failed, f)
	}
	rows.Close()
	err = q.pool.QueryRow(ctx, `
SELECT count(DISTINCT (args->>'seq')::int) FROM river_job
WHERE kind = 'dossier_article' AND (args->>'batch')::bigint = $1 AND state = 'completed' AND attempt > 1`, id).Scan(&st.Reattempted)
	if err != nil {
		return st, fmt.Errorf("batch %d: jobs: %w", id, err)
	}
	// The jobs of articles not settled yet, as River sees them.
	rows, err = q.pool.Query(ctx, `
SELECT j.state::text, j.attempt, a.seq, a.name, coalesce(j.errors[array_upper(j.errors, 1)]->>'error', '')
FROM river_job j JOIN dossier_articles a ON a.batch_id = (j.args->>'batch')::bigint AND a.seq = (j.args->>'seq')::int
WHERE j.kind = 'dossier_article' AND (j.args->>'batch')::bigint = $1 AND a.done_at IS NULL
ORDER BY a.seq`, id)
	if err != nil {
		return st, fmt.Errorf("batch %d: jobs: %w", id, err)
	}
	defer rows.Close()
	for rows.Next() {
		var state, msg string
		var f Failure
		if err := rows.Scan(&state, &f.Attempt, &f.Seq, &f.Name, &msg); err != nil {
			return st, fmt.Errorf("batch %d: jobs: %w", id, err)
		}
		switch state {
		case "running":
			st.Running++
		case "retryable":
			st.Retrying++
		default:
			st.Waiting++
		}
		if msg != "" {
			f.Error = msg
			st.Recent = append(st.Recent, f)
		}
	}
	return st, rows.Err()
}

// Batches returns the IDs of the batches in the database, newest first.
func (q *Queue) Batches(ctx context.Context) ([]int64, error) {
	rows, err := q.pool.Query(ctx, `SELECT id FROM dossier_batches ORDER BY id DESC`)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowTo[int64])
}
