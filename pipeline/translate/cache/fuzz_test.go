package cache

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// FuzzOpen: whatever bytes the cache file holds, opening it and using the
// cache never panics, never fails but for a newer format, and the cache
// then gives back what is put in it. Seeds: testdata/fuzz/FuzzOpen (a
// new cache, a format 1 cache, crashers found so far) and a cache of 24
// entries, whole, cut and damaged.
func FuzzOpen(f *testing.F) {
	// Pages of 512 bytes keep the inputs small, so that the fuzzer
	// mutates and minimises quickly; bbolt reads them like any other.
	full := smallCache(f, 24)
	f.Add(full)
	f.Add(full[:len(full)/2])
	damaged := bytes.Clone(full)
	garbage(damaged[len(full)/2:len(full)/2+200], 9)
	f.Add(damaged)
	f.Fuzz(func(t *testing.T, data []byte) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, FileName), data, 0o600); err != nil {
			t.Fatal(err)
		}
		s, err := OpenContext(context.Background(), dir, Options{})
		if errors.Is(err, errFormat) {
			return
		}
		if err != nil {
			t.Fatalf("Open = %v", err)
		}
		defer s.Close()
		for i := range 8 {
			// Keys of the seeds, so that damaged entries are read.
			if _, err := s.Get(testKey(i * testEntries / 8)); err != nil && !errors.Is(err, ErrCorrupt) {
				t.Fatalf("Get: %v", err)
			}
		}
		if _, err := s.Len(); err != nil && !errors.Is(err, ErrCorrupt) {
			t.Fatalf("Len: %v", err)
		}
		want := []byte(`{"t":"fuzz"}`)
		if err := s.Put(testKey(3), want); err != nil {
			if errors.Is(err, ErrCorrupt) {
				return
			}
			t.Fatalf("Put: %v", err)
		}
		if v, err := s.Get(testKey(3)); err != nil || !bytes.Equal(v, want) {
			t.Fatalf("Get after Put = %q, %v", v, err)
		}
	})
}

// smallCache returns the bytes of a cache file with 512-byte pages and
// the first n of the test entries.
func smallCache(t testing.TB, n int) []byte {
	t.Helper()
	path := filepath.Join(t.TempDir(), FileName)
	db, err := bolt.Open(path, 0o600, &bolt.Options{PageSize: 512})
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		m, err := tx.CreateBucket([]byte(metaBucket))
		if err != nil {
			return err
		}
		if err := m.Put([]byte(formatKey), []byte(format)); err != nil {
			return err
		}
		b, err := tx.CreateBucket([]byte(entryBucket))
		if err != nil {
			return err
		}
		for i := range n {
			k := testKey(i * testEntries / n)
			if err := b.Put([]byte(k), seal([]byte(k), []byte(fmt.Sprintf(`{"t":"%d"}`, i)))); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var size int64
	db.View(func(tx *bolt.Tx) error { size = tx.Size(); return nil })
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// bbolt grows the file ahead of its pages; the rest is zeros, but it
	// reads the first meta page as one of the machine's pages.
	return b[:max(size, 4096)]
}
