package cache

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// testEntries is how many entries fill writes: enough for a tree of
// several leaf pages under a branch page.
const testEntries = 400

func testKey(i int) string { return fmt.Sprintf("key-%05d", i) }

func testValue(i int) []byte {
	return []byte(fmt.Sprintf(`{"t":"translation %05d %s"}`, i, strings.Repeat("x", 100)))
}

// fill makes a cache in a new folder with testEntries entries, closes it
// and returns the folder.
func fill(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	s, err := Open(dir, 0)
	if err != nil {
		t.Fatal(err)
	}
	var entries []entry
	for i := range testEntries {
		entries = append(entries, entry{[]byte(testKey(i)), seal([]byte(testKey(i)), testValue(i))})
	}
	if err := s.commit(entries); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return dir
}

// opened records what OpenContext reported.
type opened struct {
	moved []string // aside paths
	cause error
}

func openReporting(t *testing.T, dir string) (*Store, *opened, error) {
	t.Helper()
	var o opened
	s, err := OpenContext(context.Background(), dir, Options{
		MovedAside: func(path, aside string, cause error) {
			if path != filepath.Join(dir, FileName) {
				t.Errorf("MovedAside path = %q", path)
			}
			o.moved = append(o.moved, aside)
			o.cause = cause
		},
	})
	if s != nil {
		t.Cleanup(func() { s.Close() })
	}
	return s, &o, err
}

// checkServesNoWrongValue asserts that every key gives its own value or a
// miss, never other bytes, and returns how many were hits.
func checkServesNoWrongValue(t *testing.T, s *Store) int {
	t.Helper()
	hits := 0
	for i := range testEntries {
		v, err := s.Get(testKey(i))
		if err != nil {
			t.Fatalf("Get(%s): %v", testKey(i), err)
		}
		if v == nil {
			continue
		}
		if !bytes.Equal(v, testValue(i)) {
			t.Fatalf("Get(%s) = %q, want %q or a miss", testKey(i), v, testValue(i))
		}
		hits++
	}
	return hits
}

// checkWorks asserts that s takes and gives back an entry.
func checkWorks(t *testing.T, s *Store) {
	t.Helper()
	if err := s.Put("after", []byte(`{"t":"after"}`)); err != nil {
		t.Fatalf("Put after recovery: %v", err)
	}
	if v, err := s.Get("after"); err != nil || string(v) != `{"t":"after"}` {
		t.Fatalf("Get after recovery = %q, %v", v, err)
	}
}

func rewrite(t *testing.T, path string, change func([]byte) []byte) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, change(b), 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestUnreadableFileMovedAside: each way of making the file unreadable
// ends in the file moved aside, untouched, and a fresh cache that works —
// never a panic.
func TestUnreadableFileMovedAside(t *testing.T) {
	pageSize := os.Getpagesize()
	for _, tc := range []struct {
		name   string
		change func([]byte) []byte
	}{
		{"truncated to half", func(b []byte) []byte { return b[:len(b)/2] }},
		{"truncated to a page boundary", func(b []byte) []byte { return b[:len(b)/2/pageSize*pageSize] }},
		{"truncated to the meta pages", func(b []byte) []byte { return b[:2*pageSize] }},
		{"zeroed meta pages", func(b []byte) []byte { clear(b[:2*pageSize]); return b }},
		{"garbage meta pages", func(b []byte) []byte { garbage(b[:2*pageSize], 1); return b }},
		{"garbage in every page after the meta pages", func(b []byte) []byte { garbage(b[2*pageSize:], 2); return b }},
		{"wrong file type", func([]byte) []byte { return []byte("%PDF-1.7\nnot a cache at all\n") }},
		{"a file of one byte", func([]byte) []byte { return []byte{0} }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := fill(t)
			path := filepath.Join(dir, FileName)
			rewrite(t, path, tc.change)
			before, _ := os.ReadFile(path)
			s, o, err := openReporting(t, dir)
			if err != nil {
				t.Fatalf("Open = %v, want a fresh cache", err)
			}
			if len(o.moved) != 1 {
				t.Fatalf("moved aside %d times, want once", len(o.moved))
			}
			if o.cause == nil {
				t.Error("MovedAside got no cause")
			}
			if got := s.Stats().MovedAside; got != o.moved[0] {
				t.Errorf("Stats.MovedAside = %q, want %q", got, o.moved[0])
			}
			if !strings.HasPrefix(filepath.Base(o.moved[0]), FileName+".corrupt-") || filepath.Dir(o.moved[0]) != dir {
				t.Errorf("moved to %s, want %s.corrupt-… beside it", o.moved[0], FileName)
			}
			after, err := os.ReadFile(o.moved[0])
			if err != nil || !bytes.Equal(after, before) {
				t.Errorf("the file moved aside is not the unreadable file unchanged (%v)", err)
			}
			if n, err := s.Len(); n != 0 || err != nil {
				t.Errorf("fresh cache Len = %d, %v", n, err)
			}
			checkWorks(t, s)
		})
	}
}

// garbage overwrites b with bytes from a fixed seed.
func garbage(b []byte, seed uint64) {
	r := rand.New(rand.NewPCG(seed, 17))
	for i := range b {
		b[i] = byte(r.Uint32())
	}
}

// TestDamagedPages: garbage over one page in the middle, or a byte
// flipped anywhere in the file, never serves a wrong value and never
// panics; the cache either opens with what is still right or is moved
// aside.
func TestDamagedPages(t *testing.T) {
	dir := fill(t)
	path := filepath.Join(dir, FileName)
	clean, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	pageSize := os.Getpagesize()
	type damage struct {
		name   string
		change func([]byte)
	}
	var cases []damage
	for p := 2; p < len(clean)/pageSize; p++ {
		cases = append(cases, damage{fmt.Sprintf("garbage page %d", p), func(b []byte) { garbage(b[p*pageSize:(p+1)*pageSize], uint64(p)) }})
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 200 {
		off := r.IntN(len(clean))
		cases = append(cases, damage{fmt.Sprintf("byte %d flipped", off), func(b []byte) { b[off] ^= 0x20 }})
	}
	for _, tc := range cases {
		b := bytes.Clone(clean)
		tc.change(b)
		if err := os.WriteFile(path, b, 0o600); err != nil {
			t.Fatal(err)
		}
		s, o, err := openReporting(t, dir)
		if err != nil {
			t.Fatalf("%s: Open = %v", tc.name, err)
		}
		hits := checkServesNoWrongValue(t, s)
		if len(o.moved) == 0 && hits+s.Stats().Corrupt < testEntries-1 {
			// Kept open: only the damaged entry may be gone.
			t.Errorf("%s: kept the file but %d hits and %d corrupt of %d", tc.name, hits, s.Stats().Corrupt, testEntries)
		}
		checkWorks(t, s)
		s.Close()
		for _, m := range o.moved {
			os.Remove(m)
		}
	}
}

// TestFlippedByteInValue: a stored translation with one byte changed is a
// miss, counted, and the next Put replaces it.
func TestFlippedByteInValue(t *testing.T) {
	dir := fill(t)
	path := filepath.Join(dir, FileName)
	const victim = 123
	rewrite(t, path, func(b []byte) []byte {
		i := bytes.Index(b, []byte(fmt.Sprintf("translation %05d", victim)))
		if i < 0 {
			t.Fatal("value not found in the file")
		}
		b[i] = 'T' // a translation that reads as well as the right one
		return b
	})
	s, o, err := openReporting(t, dir)
	if err != nil || len(o.moved) > 0 {
		t.Fatalf("Open = %v, moved %v; want the file kept", err, o.moved)
	}
	v, err := s.Get(testKey(victim))
	if v != nil || err != nil {
		t.Fatalf("Get(flipped) = %q, %v; want a miss", v, err)
	}
	if hits := checkServesNoWrongValue(t, s); hits != testEntries-1 {
		t.Errorf("%d hits, want all but the flipped one (%d)", hits, testEntries-1)
	}
	if got := s.Stats().Corrupt; got != 2 {
		t.Errorf("Stats.Corrupt = %d, want 2 (two reads of the flipped entry)", got)
	}
	if err := s.Put(testKey(victim), testValue(victim)); err != nil {
		t.Fatal(err)
	}
	if v, _ := s.Get(testKey(victim)); !bytes.Equal(v, testValue(victim)) {
		t.Errorf("Get after Put = %q", v)
	}
}

// TestFlippedByteInKey: the entry under a key with one byte changed is
// served under neither key. When the change keeps the keys in order the
// file stays and the changed entry fails its checksum; when it breaks
// the order bbolt keeps, its structure check finds it and the file is
// moved aside.
func TestFlippedByteInKey(t *testing.T) {
	// Keys 10 apart, so that a changed last digit may stay in order.
	key := func(i int) string { return fmt.Sprintf("key-%05d", i*10) }
	for _, tc := range []struct {
		name    string
		changed string // the victim's key, key(12), changed in one byte
		moved   bool
	}{
		{"order kept", "key-00125", false},
		{"order broken", "key-90120", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			s, err := Open(dir, 0)
			if err != nil {
				t.Fatal(err)
			}
			var entries []entry
			for i := range testEntries {
				entries = append(entries, entry{[]byte(key(i)), seal([]byte(key(i)), testValue(i))})
			}
			if err := s.commit(entries); err != nil {
				t.Fatal(err)
			}
			s.Close()
			const victim = 12
			changed := tc.changed
			rewrite(t, filepath.Join(dir, FileName), func(b []byte) []byte {
				i := bytes.Index(b, []byte(key(victim)))
				if i < 0 {
					t.Fatal("key not found in the file")
				}
				copy(b[i:], changed)
				return b
			})
			s, o, err := openReporting(t, dir)
			if err != nil {
				t.Fatal(err)
			}
			if moved := len(o.moved) > 0; moved != tc.moved {
				t.Fatalf("moved aside: %v, want %v", moved, tc.moved)
			}
			for i := range testEntries {
				v, err := s.Get(key(i))
				if err != nil || v != nil && !bytes.Equal(v, testValue(i)) {
					t.Fatalf("Get(%s) = %q, %v; want its value or a miss", key(i), v, err)
				}
				if i == victim && v != nil {
					t.Errorf("Get(%s) = %q, want a miss", key(i), v)
				}
			}
			if v, _ := s.Get(changed); v != nil {
				t.Errorf("Get(%s) = %q, want a miss", changed, v)
			}
			if !tc.moved && s.Stats().Corrupt != 1 {
				t.Errorf("Stats.Corrupt = %d, want 1 (the changed key)", s.Stats().Corrupt)
			}
			checkWorks(t, s)
		})
	}
}

// TestEmptyFile: an empty file is a new cache.
func TestEmptyFile(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, FileName), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	s, o, err := openReporting(t, dir)
	if err != nil || len(o.moved) > 0 {
		t.Fatalf("Open = %v, moved %v", err, o.moved)
	}
	checkWorks(t, s)
}

// TestNotARegularFile: a folder or FIFO where the file should be is an
// error naming it; it is not moved, and a FIFO does not block.
func TestNotARegularFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, FileName)
	if err := os.Mkdir(path, 0o700); err != nil {
		t.Fatal(err)
	}
	_, o, err := openReporting(t, dir)
	if err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "not a regular file") {
		t.Fatalf("Open = %v, want not a regular file naming %s", err, path)
	}
	if len(o.moved) > 0 {
		t.Errorf("moved %v aside", o.moved)
	}
}

// TestReadOnly: a cache file or folder that cannot be written is an error
// wrapping ErrWrite and the cause, before anything is translated.
func TestReadOnly(t *testing.T) {
	if os.Geteuid() == 0 {
		// Root writes read-only files: run this test again as nobody.
		asNobody(t)
		return
	}
	t.Run("file", func(t *testing.T) {
		dir := fill(t)
		path := filepath.Join(dir, FileName)
		if err := os.Chmod(path, 0o400); err != nil {
			t.Fatal(err)
		}
		_, o, err := openReporting(t, dir)
		if !errors.Is(err, ErrWrite) || !errors.Is(err, fs.ErrPermission) || !strings.Contains(err.Error(), path) {
			t.Fatalf("Open = %v, want ErrWrite and permission naming %s", err, path)
		}
		if len(o.moved) > 0 {
			t.Errorf("moved a readable file aside: %v", o.moved)
		}
	})
	t.Run("folder", func(t *testing.T) {
		parent := t.TempDir()
		if err := os.Chmod(parent, 0o500); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(parent, 0o700) })
		for _, dir := range []string{parent, filepath.Join(parent, "dossier")} {
			_, _, err := openReporting(t, dir)
			if !errors.Is(err, ErrWrite) || !errors.Is(err, fs.ErrPermission) || !strings.Contains(err.Error(), dir) {
				t.Errorf("Open(%s) = %v, want ErrWrite and permission naming it", dir, err)
			}
		}
	})
}

// TestFormat1Migrated: a cache written before checksums keeps its JSON
// entries, now checked, and drops the rest.
func TestFormat1Migrated(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, FileName)
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		b, err := tx.CreateBucket([]byte(legacyBucket))
		if err != nil {
			return err
		}
		for i := range 50 {
			if err := b.Put([]byte(testKey(i)), testValue(i)); err != nil {
				return err
			}
		}
		return b.Put([]byte("cut"), []byte(`{"t":"half a trans`))
	})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()

	s, o, err := openReporting(t, dir)
	if err != nil || len(o.moved) > 0 {
		t.Fatalf("Open = %v, moved %v", err, o.moved)
	}
	if st := s.Stats(); st.Migrated != 50 || st.Dropped != 1 {
		t.Errorf("Stats = %+v, want 50 migrated, 1 dropped", st)
	}
	for i := range 50 {
		if v, err := s.Get(testKey(i)); err != nil || !bytes.Equal(v, testValue(i)) {
			t.Fatalf("Get(%s) = %q, %v", testKey(i), v, err)
		}
	}
	if v, _ := s.Get("cut"); v != nil {
		t.Errorf("Get(cut) = %q, want the dropped entry missing", v)
	}
	s.Close()

	// A second open has nothing left to migrate.
	s, _, err = openReporting(t, dir)
	if err != nil {
		t.Fatal(err)
	}
	if st := s.Stats(); st.Migrated != 0 || st.Dropped != 0 {
		t.Errorf("second open: Stats = %+v, want nothing migrated", st)
	}
	if n, _ := s.Len(); n != 50 {
		t.Errorf("Len = %d, want 50", n)
	}
}

// TestNewerFormat: a cache of a later dossier is refused, not moved aside.
func TestNewerFormat(t *testing.T) {
	dir := fill(t)
	path := filepath.Join(dir, FileName)
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	db.Update(func(tx *bolt.Tx) error { return tx.Bucket([]byte(metaBucket)).Put([]byte(formatKey), []byte("4")) })
	db.Close()
	_, o, err := openReporting(t, dir)
	if err == nil || !strings.Contains(err.Error(), `format "4"`) || !strings.Contains(err.Error(), path) {
		t.Fatalf("Open = %v, want the format named", err)
	}
	if len(o.moved) > 0 {
		t.Errorf("moved aside: %v", o.moved)
	}
}

// TestDamagedWhileOpen: a page damaged under an open cache (bbolt reads
// it through a shared memory map) makes the operations fail with
// ErrCorrupt, Puts also with ErrWrite, without a panic; the next open
// moves the file aside.
func TestDamagedWhileOpen(t *testing.T) {
	dir := fill(t)
	path := filepath.Join(dir, FileName)
	s, err := Open(dir, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	info, _ := f.Stat()
	b := make([]byte, info.Size()-int64(2*os.Getpagesize()))
	garbage(b, 3)
	if _, err := f.WriteAt(b, int64(2*os.Getpagesize())); err != nil {
		t.Fatal(err)
	}
	f.Close()

	var failed error
	for i := range testEntries {
		if _, err := s.Get(testKey(i)); err != nil {
			failed = err
			break
		}
	}
	if !errors.Is(failed, ErrCorrupt) || !strings.Contains(failed.Error(), path) {
		t.Fatalf("Get on a damaged page = %v, want ErrCorrupt naming %s", failed, path)
	}
	if err := s.Put("k", []byte("v")); !errors.Is(err, ErrWrite) || !errors.Is(err, ErrCorrupt) {
		t.Errorf("Put after the damage = %v, want ErrWrite and ErrCorrupt", err)
	}
	if err := s.Close(); err != nil {
		t.Errorf("Close = %v", err)
	}
	s2, o, err := openReporting(t, dir)
	if err != nil || len(o.moved) != 1 {
		t.Fatalf("reopen = %v, moved %v; want moved aside", err, o.moved)
	}
	checkWorks(t, s2)
}

// TestOpenCanceled: a done context ends the wait for the lock.
func TestOpenCanceled(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx, cancel := context.WithCancel(context.Background())
	waited := 0
	_, err = OpenContext(ctx, dir, Options{LockWait: time.Hour, Waiting: func(string) { waited++; cancel() }})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Open = %v, want context.Canceled", err)
	}
	if waited != 1 {
		t.Errorf("Waiting called %d times, want once", waited)
	}
}
