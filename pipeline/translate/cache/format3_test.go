package cache

import (
	"bytes"
	"path/filepath"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// TestMigrateFormat2: a format 2 file is marked format 3 at open and its
// entries, checksums and all, stay as they were.
func TestMigrateFormat2(t *testing.T) {
	dir := fill(t)
	path := filepath.Join(dir, FileName)
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket([]byte(metaBucket)).Put([]byte(formatKey), []byte(format2))
	}); err != nil {
		t.Fatal(err)
	}
	db.Close()

	s, err := Open(dir, 0)
	if err != nil {
		t.Fatalf("Open of a format 2 file: %v", err)
	}
	for i := range testEntries {
		got, err := s.Get(testKey(i))
		if err != nil || !bytes.Equal(got, testValue(i)) {
			t.Fatalf("Get(%d) = %q, %v; want %q", i, got, err, testValue(i))
		}
	}
	var f []byte
	s.view(func(tx *bolt.Tx) error {
		f = append(f, tx.Bucket([]byte(metaBucket)).Get([]byte(formatKey))...)
		return nil
	})
	if string(f) != format {
		t.Errorf("format after open = %q, want %q", f, format)
	}
	if st := s.Stats(); st.Corrupt != 0 || st.Migrated != 0 || st.Dropped != 0 {
		t.Errorf("Stats = %+v, want nothing counted", st)
	}
	s.Close()
}

// TestRange: Range yields every sound entry once, in key order, and skips
// (and counts) one whose checksum fails.
func TestRange(t *testing.T) {
	dir := fill(t)
	s, err := Open(dir, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	bad := testKey(7)
	if err := s.update(func(tx *bolt.Tx) error {
		return tx.Bucket([]byte(entryBucket)).Put([]byte(bad), seal([]byte(bad), []byte(`{"t":"other"}`))[:5])
	}); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	last := ""
	err = s.Range(func(k string, v []byte) error {
		if k <= last {
			t.Errorf("key %q after %q: not in order", k, last)
		}
		last = k
		seen[k] = true
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(seen) != testEntries-1 || seen[bad] {
		t.Errorf("Range saw %d entries (bad one: %v), want %d without it", len(seen), seen[bad], testEntries-1)
	}
	if st := s.Stats(); st.Corrupt != 1 {
		t.Errorf("Stats.Corrupt = %d, want 1", st.Corrupt)
	}
}
