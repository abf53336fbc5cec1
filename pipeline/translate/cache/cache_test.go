package cache

import (
	"bytes"
	"errors"
	"testing"
	"time"
)

func TestPutGetAcrossOpens(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if v, err := s.Get("missing"); err != nil || v != nil {
		t.Fatalf("Get(missing) = %q, %v; want nil, nil", v, err)
	}
	if err := s.Put("k", []byte("Hola")); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err = Open(dir, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	v, err := s.Get("k")
	if err != nil || !bytes.Equal(v, []byte("Hola")) {
		t.Fatalf("Get(k) after reopen = %q, %v", v, err)
	}
	if n, _ := s.Len(); n != 1 {
		t.Errorf("Len = %d, want 1", n)
	}
}

func TestOpenWhileLocked(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	_, err = Open(dir, 20*time.Millisecond)
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("second Open: err = %v, want ErrLocked", err)
	}
}

func TestDir(t *testing.T) {
	got, err := Dir(func(k string) string {
		if k == "DOSSIER_CACHE_DIR" {
			return "/tmp/x"
		}
		return ""
	})
	if err != nil || got != "/tmp/x" {
		t.Fatalf("Dir = %q, %v", got, err)
	}
}
