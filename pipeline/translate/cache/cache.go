// Package cache keeps translations on disk between runs, so that the same
// text is never paid for twice and an interrupted batch resumes where it
// stopped. It is a bbolt file in the user's cache directory; start with
// OpenContext (Open is the same with defaults).
//
// # Format
//
// The file, FileName in the cache directory, is a bbolt database with two
// buckets:
//
//   - "meta" holds "format", the format version as decimal text ("3").
//   - "translations" maps each key to a stored value: a 4-byte big-endian
//     CRC-32C (Castagnoli) checksum, then the caller's bytes. The checksum
//     covers the key's length as a uvarint, the key, and the caller's bytes.
//
// Format 1, written before checksums, had one bucket, "segments", mapping
// keys to the caller's bytes. OpenContext migrates it once, in one
// transaction: every value that is valid JSON (all dossier ever stored)
// gets its checksum and moves to "translations"; the rest are dropped and
// counted (Stats.Dropped). A byte flipped inside a JSON string of a format 1
// value cannot be told from a real translation, so it is carried over: the
// alternative, dropping every format 1 value, would bill the whole cache
// again. Entries a format 1 dossier adds to a format 2 file later are
// migrated the same way at the next open.
//
// Format 3 stores the same bytes, but the translate package's values may
// now be reviewed: a person's translation (imported from XLIFF or TMX)
// that no machine run may replace, and they carry the segment they
// translate, so that the memory can be exported. A format 2 dossier
// knows neither, and with --refresh would write over what a translator
// did, so the format number changes to make it refuse the file. Every
// format 2 value is a valid format 3 value (without the segment: its key
// is a hash, so the text cannot be recovered), so migrating a format 2
// file only rewrites "format", in the open's first write transaction.
//
// # Integrity
//
// A value whose checksum does not match its key and bytes is never served:
// Get counts it (Stats.Corrupt) and answers a miss, so the caller
// translates again and its Put replaces the bad value. A flipped byte in a
// key makes that key's value fail the same way, and the lookup under the
// right key is a plain miss; if the changed key is out of order among
// its neighbours, the structure check at open finds it and the file is
// moved aside (below).
//
// A file bbolt cannot read — bad meta pages, a freelist or page that is
// garbage, a file truncated or of another type — is renamed
// FileName+".corrupt-<UTC time>" beside it and a fresh cache is started;
// Options.MovedAside is told, so the user hears once what happened and
// where the old file is. Moving aside is automatic rather than left to a
// repair flag: the cache holds nothing that cannot be bought again, a run
// that stopped to ask would leave the user only that one choice, and the
// old file stays for inspection. A file that is not a regular file (a
// folder, a FIFO) is an error instead: it is not ours to move.
//
// OpenContext checks the whole file before it returns, so that a bad page
// is found before anything is billed, not by a panic halfway: the file is
// at least as long as its pages, every page reachable from the root lies
// inside it with elements inside their page (read with ReadAt, not through
// the memory map), and bbolt's Tx.Check passes. This reads every page once
// (BenchmarkOpen).
//
// bbolt panics on some corrupt pages instead of returning an error, and
// reads the file through a memory map, where a page past the end of a
// truncated file faults. Every transaction therefore runs with
// debug.SetPanicOnFault and a recover: a panic becomes an error wrapping
// ErrCorrupt, and the Store stops using the file.
//
// # Writes
//
// Put returns only once its entry is committed to disk. A failed write —
// disk full, I/O error, a file or folder that is read-only — is an error
// wrapping ErrWrite and naming the file and the cause ("no space left on
// device"; errors.Is finds the errno where bbolt wraps it, which it does
// not when growing the file): the caller should stop, because every answer
// it cannot cache will be billed again on the next run.
//
// # Locking
//
// One process at a time has a cache open (bbolt's file lock). OpenContext
// waits up to Options.LockWait for another process to close it, calling
// Options.Waiting once when it starts waiting, and gives up early when its
// context is done; the error then wraps ErrLocked. A file is moved aside
// only if it is still the one found unreadable, and a process that waited
// for the lock of a file moved aside meanwhile opens the new one; between
// that identity check and the rename another process could start a fresh
// file, which would then be moved aside in its place (losing its entries,
// never serving a wrong one).
package cache

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	bolt "go.etcd.io/bbolt"
)

// ErrLocked is wrapped by OpenContext when another process holds the cache
// file for longer than Options.LockWait.
var ErrLocked = errors.New("another dossier process is using the cache")

// ErrWrite is wrapped by every error from a write that did not reach the
// disk: Put, and OpenContext when it cannot create or update the file.
var ErrWrite = errors.New("cannot write")

// ErrCorrupt is wrapped by the error of an operation that found the file
// damaged while it was open (bbolt panicked or faulted on a page). The
// Store then refuses further use; the next OpenContext moves the file
// aside.
var ErrCorrupt = errors.New("file damaged")

// FileName is the name of the cache file inside its directory.
const FileName = "translations.db"

const (
	metaBucket   = "meta"
	formatKey    = "format"
	entryBucket  = "translations"
	legacyBucket = "segments" // format 1
	format       = "3"
	format2      = "2" // migrated by rewriting the format
)

// Options configure OpenContext. The zero value is usable: no waiting for
// another process, nothing reported.
type Options struct {
	// LockWait is how long OpenContext waits for another process to
	// close the cache; 0: fail at once if it is held.
	LockWait time.Duration
	// Waiting, when set, is called once, with the file's path, when
	// another process holds the cache and OpenContext starts waiting.
	Waiting func(path string)
	// MovedAside, when set, is called when OpenContext found the file
	// unreadable, renamed it to aside, and started a fresh cache.
	MovedAside func(path, aside string, cause error)
	// Now is the clock for LockWait and the moved-aside file's name;
	// nil: time.Now.
	Now func() time.Time
}

// Stats are what a Store found in its file since it was opened.
type Stats struct {
	// Corrupt counts Gets whose value failed its checksum and were
	// answered as misses.
	Corrupt int
	// Migrated and Dropped count format 1 entries carried over with a
	// checksum, and left behind as not JSON, when the file was opened.
	Migrated, Dropped int
	// MovedAside is where OpenContext moved an unreadable file, or "".
	MovedAside string
}

// A Store is an open cache. It is safe for concurrent use. Puts from
// concurrent requests are grouped into one transaction, so a large batch
// is not bound by one fsync per answer; each Put still returns only once
// its entry is on disk, within milliseconds of the answer, so an
// interrupted run loses nothing it was told.
type Store struct {
	db   *bolt.DB
	file *os.File // bbolt's file, to release the lock if bbolt cannot
	path string

	corrupt           atomic.Int64
	migrated, dropped int
	movedAside        string

	batch batcher

	mu     sync.Mutex            // serialises Close
	broken atomic.Pointer[error] // set once a transaction panicked
	closed atomic.Bool
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
// another process to release it; the error then wraps ErrLocked. It is
// OpenContext without a context or reports.
func Open(dir string, timeout time.Duration) (*Store, error) {
	return OpenContext(context.Background(), dir, Options{LockWait: timeout})
}

// lockTry bounds one attempt at the file lock, so that a done context or
// the deadline is seen within it.
const lockTry = 100 * time.Millisecond

// OpenContext opens or creates the cache in dir. It waits for another
// process holding the file as opt says, moves an unreadable file aside,
// migrates a format 1 file, and checks the file's structure before it
// returns.
func OpenContext(ctx context.Context, dir string, opt Options) (*Store, error) {
	now := opt.Now
	if now == nil {
		now = time.Now
	}
	path := filepath.Join(dir, FileName)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("cache %s: %w: %w", dir, ErrWrite, err)
	}
	deadline := now().Add(opt.LockWait)
	waiting := false
	var moved string
	rounds := 0
	for {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("cache %s: %w", path, err)
		}
		if fi, err := os.Lstat(path); err == nil && !fi.Mode().IsRegular() {
			// bbolt would block on a FIFO and fail obscurely on a folder;
			// neither is ours to move.
			return nil, fmt.Errorf("cache %s: not a regular file (%s)", path, fi.Mode().Type())
		}
		try := min(lockTry, max(deadline.Sub(now()), 0))
		s, err := openFile(path, try)
		var ce corruptError
		switch {
		case err == nil:
			same, serr := s.sameFile()
			if serr != nil || !same {
				// Another process moved the file aside while this one
				// waited for its lock: open the one now at path.
				s.Close()
				continue
			}
			s.movedAside = moved
			return s, nil
		case errors.Is(err, bolt.ErrTimeout):
			if !waiting && opt.LockWait > 0 && opt.Waiting != nil {
				opt.Waiting(path)
			}
			waiting = true
			if !now().Before(deadline) {
				return nil, fmt.Errorf("%w at %s (waited %s)", ErrLocked, path, opt.LockWait)
			}
		case errors.As(err, &ce) && rounds < 3:
			// A second round is for a file another process moved aside
			// and replaced meanwhile; a third would mean a fresh file is
			// unreadable too.
			rounds++
			aside, merr := moveAside(path, ce.file, now())
			if merr != nil {
				return nil, fmt.Errorf("cache %s: unreadable (%w), and cannot be moved aside: %w", path, ce.cause, merr)
			}
			if aside != "" {
				moved = aside
				if opt.MovedAside != nil {
					opt.MovedAside(path, aside, ce.cause)
				}
			}
		case errors.As(err, &ce):
			return nil, fmt.Errorf("cache %s: %w", path, ce.cause)
		default:
			return nil, err
		}
	}
}

// A corruptError says that the file at path cannot be read as a cache.
// file is its identity when it was opened, to move only that file aside.
type corruptError struct {
	file  fs.FileInfo
	cause error
}

func (e corruptError) Error() string { return e.cause.Error() }

// openFile opens path once, waiting up to try for its lock, and checks it.
func openFile(path string, try time.Duration) (s *Store, err error) {
	s = &Store{path: path}
	opts := *bolt.DefaultOptions
	// 0 would wait for ever; the caller loops instead.
	opts.Timeout = max(try, time.Nanosecond)
	opts.OpenFile = func(name string, flag int, perm os.FileMode) (*os.File, error) {
		f, err := os.OpenFile(name, flag, perm)
		s.file = f
		return f, err
	}
	var info fs.FileInfo
	err = guard(func() error {
		var err error
		s.db, err = bolt.Open(path, 0o600, &opts)
		if s.file != nil {
			info, _ = s.file.Stat()
		}
		return err
	})
	var pe panicError
	switch {
	case err == nil:
	case errors.Is(err, bolt.ErrTimeout):
		return nil, err
	case errors.As(err, &pe):
		// bbolt left its file open and locked.
		release(s.file)
		return nil, corruptError{info, err}
	case errors.Is(err, bolt.ErrInvalid), errors.Is(err, bolt.ErrVersionMismatch),
		errors.Is(err, bolt.ErrChecksum), errors.Is(err, bolt.ErrInvalidMapping),
		// bbolt has no sentinel for a file shorter than its two meta pages.
		strings.HasPrefix(err.Error(), "file size too small"):
		return nil, corruptError{info, err}
	case errors.Is(err, fs.ErrPermission), isWriteErrno(err):
		return nil, fmt.Errorf("cache %s: %w: %w", path, ErrWrite, err)
	case info != nil && info.Size() == 0:
		// Initialising a new file failed.
		return nil, fmt.Errorf("cache %s: %w: %w", path, ErrWrite, err)
	default:
		return nil, fmt.Errorf("cache %s: %w", path, err)
	}
	if err := s.check(info); err != nil {
		s.closeBroken()
		if errors.Is(err, ErrWrite) || errors.Is(err, errFormat) {
			return nil, fmt.Errorf("cache %s: %w", path, err)
		}
		return nil, corruptError{info, err}
	}
	// The stage writes the answers of one request side by side: they
	// arrive together, so a short window groups them, and a lone answer
	// waits little for company.
	s.batch.delay = 2 * time.Millisecond
	return s, nil
}

// sameFile reports whether the file s holds is still the one at its path.
func (s *Store) sameFile() (bool, error) {
	held, err := s.file.Stat()
	if err != nil {
		return false, err
	}
	cur, err := os.Stat(s.path)
	if err != nil {
		return false, err
	}
	return os.SameFile(held, cur), nil
}

// moveAside renames the unreadable file at path, if it is still the one
// that was found unreadable, to a name that says so and when.
func moveAside(path string, file fs.FileInfo, at time.Time) (string, error) {
	cur, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil // another process moved it first
	}
	if err != nil {
		return "", err
	}
	if file != nil && !os.SameFile(file, cur) {
		return "", nil // another process moved it and started afresh
	}
	base := path + ".corrupt-" + at.UTC().Format("20060102T150405Z")
	aside := base
	for i := 2; ; i++ {
		if _, err := os.Lstat(aside); errors.Is(err, fs.ErrNotExist) {
			break
		}
		aside = fmt.Sprintf("%s-%d", base, i)
	}
	return aside, os.Rename(path, aside)
}

// A panicError is a panic in bbolt, recovered.
type panicError struct{ v any }

func (e panicError) Error() string { return fmt.Sprintf("bbolt panicked: %v", e.v) }

// guard runs fn, turning a panic, or a fault reading the memory map, into
// a panicError.
func guard(fn func() error) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if v := recover(); v != nil {
			err = panicError{v}
		}
	}()
	return fn()
}

// usable returns the error to give instead of touching bbolt, if any.
func (s *Store) usable() error {
	if s.closed.Load() {
		return fmt.Errorf("cache %s: %w", s.path, bolt.ErrDatabaseNotOpen)
	}
	if err := s.broken.Load(); err != nil {
		return *err
	}
	return nil
}

// broke records that bbolt panicked with v: the file is not used again,
// as bbolt may hold its locks in an undefined state.
func (s *Store) broke(v any) error {
	err := fmt.Errorf("cache %s: %w: %w", s.path, ErrCorrupt, panicError{v})
	s.broken.CompareAndSwap(nil, &err)
	return *s.broken.Load()
}

// view runs fn in a read transaction, under guard.
func (s *Store) view(fn func(*bolt.Tx) error) (err error) {
	if err := s.usable(); err != nil {
		return err
	}
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if v := recover(); v != nil {
			err = s.broke(v)
		}
	}()
	return s.db.View(fn)
}

// update runs fn in a write transaction, under guard.
func (s *Store) update(fn func(*bolt.Tx) error) (err error) {
	if err := s.usable(); err != nil {
		return err
	}
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if v := recover(); v != nil {
			err = s.broke(v)
		}
	}()
	return s.db.Update(fn)
}

// Get returns the value stored under key, or nil when there is none or
// the stored value fails its checksum.
func (s *Store) Get(key string) ([]byte, error) {
	var out []byte
	bad := false
	k := []byte(key)
	err := s.view(func(tx *bolt.Tx) error {
		v := tx.Bucket([]byte(entryBucket)).Get(k)
		if v == nil {
			return nil
		}
		payload, ok := open(k, v)
		if !ok {
			bad = true
			return nil
		}
		out = append([]byte(nil), payload...) // v is only valid inside the transaction
		return nil
	})
	if err != nil {
		if !errors.Is(err, ErrCorrupt) {
			err = fmt.Errorf("cache %s: %w", s.path, err)
		}
		return nil, err
	}
	if bad {
		s.corrupt.Add(1)
	}
	return out, nil
}

// Put stores value under key and returns once it is committed to disk,
// in one transaction with the Puts made meanwhile by other goroutines.
// A failed write wraps ErrWrite.
func (s *Store) Put(key string, value []byte) error {
	if len(key) == 0 || len(key) > bolt.MaxKeySize {
		return fmt.Errorf("cache %s: key of %d bytes: want 1 to %d", s.path, len(key), bolt.MaxKeySize)
	}
	if len(value) > bolt.MaxValueSize-checksumSize {
		return fmt.Errorf("cache %s: value of %d bytes is too large", s.path, len(value))
	}
	k := []byte(key)
	return s.batch.put(s, entry{k, seal(k, value)})
}

// commit writes entries in one transaction.
func (s *Store) commit(entries []entry) error {
	err := s.update(func(tx *bolt.Tx) error {
		b := tx.Bucket([]byte(entryBucket))
		for _, e := range entries {
			if err := b.Put(e.key, e.value); err != nil {
				return err
			}
		}
		return nil
	})
	switch {
	case err == nil:
		return nil
	case errors.Is(err, ErrCorrupt):
		return fmt.Errorf("%w: %w", ErrWrite, err)
	}
	return fmt.Errorf("cache %s: %w: %w", s.path, ErrWrite, err)
}

// Range calls fn with every entry whose checksum matches, in key order,
// inside one read transaction: fn must not call the Store. A value that
// fails its checksum is counted (Stats.Corrupt) and skipped. fn's error
// stops the walk and is returned.
func (s *Store) Range(fn func(key string, value []byte) error) error {
	var bad int64
	err := s.view(func(tx *bolt.Tx) error {
		return tx.Bucket([]byte(entryBucket)).ForEach(func(k, v []byte) error {
			payload, ok := open(k, v)
			if !ok {
				bad++
				return nil
			}
			// k and v are only valid inside the transaction.
			return fn(string(k), append([]byte(nil), payload...))
		})
	})
	s.corrupt.Add(bad)
	if err != nil && !errors.Is(err, ErrCorrupt) {
		return fmt.Errorf("cache %s: %w", s.path, err)
	}
	return err
}

// Len returns the number of entries.
func (s *Store) Len() (int, error) {
	n := 0
	err := s.view(func(tx *bolt.Tx) error {
		n = tx.Bucket([]byte(entryBucket)).Stats().KeyN
		return nil
	})
	return n, err
}

// Stats returns what the Store found in its file so far.
func (s *Store) Stats() Stats {
	return Stats{Corrupt: int(s.corrupt.Load()), Migrated: s.migrated, Dropped: s.dropped, MovedAside: s.movedAside}
}

// Path returns the cache file's path.
func (s *Store) Path() string { return s.path }

// Close releases the file lock.
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed.Swap(true) {
		return nil
	}
	if s.broken.Load() != nil {
		// bbolt's Close could wait for a lock the panic left held.
		return release(s.file)
	}
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("cache %s: %w", s.path, err)
	}
	return nil
}

// closeBroken closes a Store that failed its checks at open.
func (s *Store) closeBroken() {
	if err := guard(s.db.Close); err != nil {
		release(s.file)
	}
}
