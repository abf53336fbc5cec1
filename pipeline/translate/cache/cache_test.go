package cache

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"sync/atomic"
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

// BenchmarkPut writes entries the way the translate stage does: the
// answers of several requests at once. Batch groups them into few
// transactions, so the figure is not one fsync per entry.
func BenchmarkPut(b *testing.B) {
	for _, perCPU := range []int{1, 16, 128} {
		b.Run(fmt.Sprintf("goroutines-per-cpu=%d", perCPU), func(b *testing.B) {
			s, err := Open(b.TempDir(), time.Second)
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			value := []byte(`{"t":"Una frase traducida de longitud corriente."}`)
			b.ReportAllocs()
			b.SetParallelism(perCPU)
			var n atomic.Int64
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					if err := s.Put(strconv.FormatInt(n.Add(1), 16), value); err != nil {
						b.Error(err)
					}
				}
			})
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "puts/s")
		})
	}
}

// TestConcurrentPuts: Puts from many goroutines, grouped into shared
// transactions, are each on disk when they return, and Gets meanwhile
// see either nothing or the value.
func TestConcurrentPuts(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir, 0)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 40 {
				k := fmt.Sprintf("g%d-%d", g, i)
				if err := s.Put(k, []byte(k)); err != nil {
					t.Error(err)
					return
				}
				if v, err := s.Get(k); err != nil || string(v) != k {
					t.Errorf("Get(%s) right after its Put = %q, %v", k, v, err)
				}
			}
		}()
	}
	wg.Wait()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err = Open(dir, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if n, err := s.Len(); n != 8*40 || err != nil {
		t.Errorf("Len after reopen = %d, %v; want %d", n, err, 8*40)
	}
}
