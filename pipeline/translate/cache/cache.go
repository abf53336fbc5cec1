// Package cache keeps translations on disk between runs, so that the same
// text is never paid for twice and an interrupted batch resumes where it
// stopped. It is a bbolt file in the user's cache directory; start with
// Open.
package cache

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	bolt "go.etcd.io/bbolt"
)

// ErrLocked is wrapped by Open when another process holds the cache file.
var ErrLocked = errors.New("cache in use by another dossier")

// FileName is the name of the cache file inside its directory.
const FileName = "translations.db"

// bucket holds every entry.
const bucket = "segments"

// A Store is an open cache. It is safe for concurrent use. Puts from
// concurrent requests are grouped into one transaction (bbolt's Batch),
// so a large batch is not bound by one fsync per answer; each Put still
// returns only once its entry is on disk, within milliseconds of the
// answer, so an interrupted run loses nothing it was told.
type Store struct {
	db *bolt.DB
}

// Dir returns the cache directory: $DOSSIER_CACHE_DIR through getenv when
// set, else dossier under the user's cache directory.
func Dir(getenv func(string) string) (string, error) {
	if getenv != nil {
		if d := getenv("DOSSIER_CACHE_DIR"); d != "" {
			return d, nil
		}
	}
	base, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("cache directory: %w", err)
	}
	return filepath.Join(base, "dossier"), nil
}

// Open opens or creates the cache in dir, waiting up to timeout for
// another process to release it; the error then wraps ErrLocked.
func Open(dir string, timeout time.Duration) (*Store, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("cache: %w", err)
	}
	path := filepath.Join(dir, FileName)
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: timeout})
	if errors.Is(err, bolt.ErrTimeout) {
		return nil, fmt.Errorf("cache %s: %w (waited %s)", path, ErrLocked, timeout)
	}
	if err != nil {
		return nil, fmt.Errorf("cache %s: %w", path, err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		_, err := tx.CreateBucketIfNotExists([]byte(bucket))
		return err
	})
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("cache %s: %w", path, err)
	}
	// The stage writes the answers of one request side by side: they
	// arrive together, so a short window groups them, and a lone answer
	// waits little for company.
	db.MaxBatchDelay = 2 * time.Millisecond
	return &Store{db: db}, nil
}

// Get returns the value stored under key, or nil when there is none.
func (s *Store) Get(key string) ([]byte, error) {
	var out []byte
	err := s.db.View(func(tx *bolt.Tx) error {
		if v := tx.Bucket([]byte(bucket)).Get([]byte(key)); v != nil {
			out = append([]byte(nil), v...) // v is only valid inside the transaction
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("cache: %w", err)
	}
	return out, nil
}

// Put stores value under key and returns once it is committed to disk,
// in one transaction with the Puts made meanwhile by other goroutines.
func (s *Store) Put(key string, value []byte) error {
	err := s.db.Batch(func(tx *bolt.Tx) error {
		return tx.Bucket([]byte(bucket)).Put([]byte(key), value)
	})
	if err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	return nil
}

// Len returns the number of entries.
func (s *Store) Len() (int, error) {
	n := 0
	err := s.db.View(func(tx *bolt.Tx) error {
		n = tx.Bucket([]byte(bucket)).Stats().KeyN
		return nil
	})
	return n, err
}

// Close releases the file lock.
func (s *Store) Close() error { return s.db.Close() }
