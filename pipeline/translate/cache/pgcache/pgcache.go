// Package pgcache is a translation memory on PostgreSQL that a team
// shares: the same keys and values as package cache's file, behind the
// same translate.Cache interface, for any number of processes on any
// machines at once. Start with Open (a DSN) or New (a pool of one's own).
//
// Values are kept as package cache keeps them, cache.Seal(key, entry), and
// checked the same way: a value whose checksum fails is a miss (Stats),
// so it is translated again and replaced.
//
// # Claims
//
// A Store is also a translate.Claimer: before sending a segment, a worker
// claims its key for a lease (Options.Lease); another worker finding the
// claim waits for the translation instead of paying for it again. A live
// Store renews its claims while it runs, so a long request keeps its
// claim, and drops them on Close; the claims of a worker that died lapse
// with their lease, and then another worker takes the segment over.
//
// # Schema
//
// Open creates and migrates the tables itself (Migrate): versioned steps
// recorded in schema_version, applied under an advisory lock so that
// workers starting together do not race.
package pgcache

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/dossier-news/dossier/pipeline/translate/cache"
)

// ErrNewerSchema is wrapped when the database was migrated by a newer
// dossier than this one.
var ErrNewerSchema = errors.New("database schema newer than this dossier")

// Schema is the name the translation memory's steps are recorded under
// in schema_version.
const Schema = "translations"

// Options configure a Store. The zero value is usable.
type Options struct {
	// Lease is how long a claim lasts without renewal: how long the
	// segments of a worker that died wait before another worker sends
	// them. 0: 2 minutes.
	Lease time.Duration
	// Owner names this process in its claims; "": host, pid and a random
	// suffix.
	Owner string
	// Timeout bounds each Get and Put, which the Cache interface calls
	// without a context; 0: 30 s.
	Timeout time.Duration
}

// Stats are what a Store found since it was opened.
type Stats struct {
	Corrupt int // Gets whose value failed its checksum, answered as misses
}

// A Store is a translation memory in a PostgreSQL database. It is safe
// for concurrent use.
type Store struct {
	pool    *pgxpool.Pool
	ownPool bool
	opt     Options
	corrupt atomic.Int64

	stop chan struct{}
	done chan struct{}
	once sync.Once
}

// Open connects to the database at dsn (a postgres:// URL or key=value
// string), migrates it and returns a Store that closes the connections
// on Close.
func Open(ctx context.Context, dsn string, opt Options) (*Store, error) {
	pool, err := Connect(ctx, dsn)
	if err != nil {
		return nil, fmt.Errorf("translation memory: %w", err)
	}
	s, err := New(ctx, pool, opt)
	if err != nil {
		pool.Close()
		return nil, err
	}
	s.ownPool = true
	return s, nil
}

// Connect opens a pool of connections to the database at dsn and checks
// that it answers. Its error is on one line: pgx puts one per address
// tried, which a terminal would show as a ragged list.
func Connect(ctx context.Context, dsn string) (*pgxpool.Pool, error) {
	pool, err := pgxpool.New(ctx, dsn)
	if err == nil {
		if err = pool.Ping(ctx); err != nil {
			pool.Close()
		}
	}
	if err != nil {
		return nil, oneLine{err}
	}
	return pool, nil
}

// oneLine is an error whose text has its lines joined, repeated ones
// dropped; it unwraps to the original.
type oneLine struct{ err error }

func (e oneLine) Unwrap() error { return e.err }

func (e oneLine) Error() string {
	var parts []string
	seen := map[string]bool{}
	for _, l := range strings.Split(e.err.Error(), "\n") {
		l = strings.TrimSpace(l)
		if l != "" && !seen[l] {
			seen[l] = true
			parts = append(parts, l)
		}
	}
	return strings.Join(parts, " ")
}

// New returns a Store on pool, migrating the database first. Close leaves
// the pool open.
func New(ctx context.Context, pool *pgxpool.Pool, opt Options) (*Store, error) {
	if err := Migrate(ctx, pool, map[string][]Migration{Schema: migrations}); err != nil {
		return nil, fmt.Errorf("translation memory: %w", err)
	}
	if opt.Lease <= 0 {
		opt.Lease = 2 * time.Minute
	}
	if opt.Timeout <= 0 {
		opt.Timeout = 30 * time.Second
	}
	if opt.Owner == "" {
		opt.Owner = owner()
	}
	s := &Store{pool: pool, opt: opt, stop: make(chan struct{}), done: make(chan struct{})}
	go s.renew()
	return s, nil
}

// owner names this process: host, pid, and a random part so that a pid
// reused on another container is not taken for the same worker.
func owner() string {
	host, _ := os.Hostname()
	b := make([]byte, 4)
	rand.Read(b)
	return fmt.Sprintf("%s/%d/%s", host, os.Getpid(), hex.EncodeToString(b))
}

// Owner returns the name this Store claims under.
func (s *Store) Owner() string { return s.opt.Owner }

// Get returns the entry under key, or nil and no error when there is none
// or its checksum fails.
func (s *Store) Get(key string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(context.Background(), s.opt.Timeout)
	defer cancel()
	var v []byte
	err := s.pool.QueryRow(ctx, `SELECT value FROM dossier_translations WHERE key = $1`, key).Scan(&v)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("translation memory: %w", err)
	}
	payload, ok := cache.Unseal(key, v)
	if !ok {
		s.corrupt.Add(1)
		// Dropped, not kept: a key with an entry cannot be claimed, and
		// this one must be translated again. Only this value goes; a
		// good one written meanwhile stays.
		if _, err := s.pool.Exec(ctx, `DELETE FROM dossier_translations WHERE key = $1 AND value = $2`, key, v); err != nil {
			return nil, fmt.Errorf("translation memory: %w", err)
		}
		return nil, nil
	}
	return payload, nil
}

// Put stores value under key, replacing what was there, and ends this
// Store's claim on key. It returns once the entry is committed.
func (s *Store) Put(key string, value []byte) error {
	ctx, cancel := context.WithTimeout(context.Background(), s.opt.Timeout)
	defer cancel()
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		_, err := tx.Exec(ctx, `INSERT INTO dossier_translations (key, value) VALUES ($1, $2)
ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = now()`, key, cache.Seal(key, value))
		if err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `DELETE FROM dossier_claims WHERE key = $1 AND owner = $2`, key, s.opt.Owner)
		return err
	})
	if err != nil {
		return fmt.Errorf("translation memory: %w: %w", cache.ErrWrite, err)
	}
	return nil
}

// Claim claims for this Store the keys that hold no entry and no live
// claim of another, and returns them; the others are being translated
// elsewhere, or are done. A claim lasts while the Store renews it, or
// Options.Lease after its owner stopped.
func (s *Store) Claim(ctx context.Context, keys []string) ([]string, error) {
	if len(keys) == 0 {
		return nil, nil
	}
	// Rows are locked in the order of the array: every worker takes
	// them in one order, sorted, so two claims over the same keys wait
	// for each other instead of deadlocking.
	keys = slices.Clone(keys)
	slices.Sort(keys)
	keys = slices.Compact(keys)
	var mine []string
	for attempt := 1; ; attempt++ {
		rows, err := s.pool.Query(ctx, `
INSERT INTO dossier_claims AS c (key, owner, expires)
SELECT k, $2, now() + $3 * interval '1 millisecond' FROM unnest($1::text[]) WITH ORDINALITY AS u(k, i)
WHERE NOT EXISTS (SELECT 1 FROM dossier_translations t WHERE t.key = u.k)
ORDER BY u.i
ON CONFLICT (key) DO UPDATE SET owner = excluded.owner, expires = excluded.expires
	WHERE c.expires < now() OR c.owner = excluded.owner
RETURNING key`, keys, s.opt.Owner, s.opt.Lease.Milliseconds())
		if err == nil {
			mine, err = pgx.CollectRows(rows, pgx.RowTo[string])
		}
		// A claim is safe to repeat (a key this Store holds is claimed
		// again), so one chosen as a deadlock's victim, which can still
		// happen against a renewal locking rows in table order, tries
		// again.
		var pgErr *pgconn.PgError
		if err != nil && errors.As(err, &pgErr) && pgErr.Code == "40P01" && attempt < 5 && ctx.Err() == nil {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("translation memory: claim: %w", err)
		}
		break
	}
	if len(mine) == 0 {
		return nil, nil
	}
	// The statement above saw the entries committed before it began; one
	// committed while it ran, by a worker that then dropped its claim,
	// is seen now, and its key is not ours to send.
	rows, err := s.pool.Query(ctx, `SELECT key FROM dossier_translations WHERE key = ANY($1::text[])`, mine)
	if err != nil {
		return nil, fmt.Errorf("translation memory: claim: %w", err)
	}
	done, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, fmt.Errorf("translation memory: claim: %w", err)
	}
	if len(done) == 0 {
		return mine, nil
	}
	isDone := make(map[string]bool, len(done))
	for _, k := range done {
		isDone[k] = true
	}
	kept := mine[:0]
	for _, k := range mine {
		if !isDone[k] {
			kept = append(kept, k)
		}
	}
	if err := s.Release(ctx, done); err != nil {
		return nil, err
	}
	return kept, nil
}

// Release ends this Store's claims on keys, so that another worker may
// send at once the segments this one could not translate.
func (s *Store) Release(ctx context.Context, keys []string) error {
	if len(keys) == 0 {
		return nil
	}
	_, err := s.pool.Exec(ctx, `DELETE FROM dossier_claims WHERE owner = $1 AND key = ANY($2::text[])`, s.opt.Owner, keys)
	if err != nil {
		return fmt.Errorf("translation memory: release: %w", err)
	}
	return nil
}

// renew extends this Store's claims every third of a lease until Close.
func (s *Store) renew() {
	defer close(s.done)
	t := time.NewTicker(s.opt.Lease / 3)
	defer t.Stop()
	for {
		select {
		case <-s.stop:
			return
		case <-t.C:
			ctx, cancel := context.WithTimeout(context.Background(), s.opt.Lease/3)
			// A failed renewal is retried at the next tick; if the
			// lease lapses meanwhile another worker may send a segment
			// this one is sending: billed twice, never lost.
			s.pool.Exec(ctx, `UPDATE dossier_claims SET expires = now() + $2 * interval '1 millisecond' WHERE owner = $1`, s.opt.Owner, s.opt.Lease.Milliseconds())
			cancel()
		}
	}
}

// Range calls fn with every entry whose checksum matches, in key order,
// as package cache's Store does, so that the memory can be exported
// (package tm). A value that fails its checksum is counted (Stats) and
// skipped. fn's error stops the walk and is returned.
func (s *Store) Range(fn func(key string, value []byte) error) error {
	ctx := context.Background()
	rows, err := s.pool.Query(ctx, `SELECT key, value FROM dossier_translations ORDER BY key`)
	if err != nil {
		return fmt.Errorf("translation memory: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var key string
		var v []byte
		if err := rows.Scan(&key, &v); err != nil {
			return fmt.Errorf("translation memory: %w", err)
		}
		payload, ok := cache.Unseal(key, v)
		if !ok {
			s.corrupt.Add(1)
			continue
		}
		if err := fn(key, payload); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("translation memory: %w", err)
	}
	return nil
}

// Len returns the number of entries.
func (s *Store) Len(ctx context.Context) (int, error) {
	var n int
	err := s.pool.QueryRow(ctx, `SELECT count(*) FROM dossier_translations`).Scan(&n)
	return n, err
}

// Stats returns what the Store found since it was opened.
func (s *Store) Stats() Stats { return Stats{Corrupt: int(s.corrupt.Load())} }

// Close stops renewing claims, drops those left, and closes the
// connections if Open made them.
func (s *Store) Close() error {
	var err error
	s.once.Do(func() {
		close(s.stop)
		<-s.done
		ctx, cancel := context.WithTimeout(context.Background(), s.opt.Timeout)
		defer cancel()
		if _, e := s.pool.Exec(ctx, `DELETE FROM dossier_claims WHERE owner = $1`, s.opt.Owner); e != nil {
			err = fmt.Errorf("translation memory: close: %w", e)
		}
		if s.ownPool {
			s.pool.Close()
		}
	})
	return err
}
