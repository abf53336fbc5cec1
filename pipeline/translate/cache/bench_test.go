package cache

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

// BenchmarkGet reads entries the way a rerun does: every segment a hit,
// from a cache of benchEntries translations.
func BenchmarkGet(b *testing.B) {
	const benchEntries = 10000
	s, err := Open(b.TempDir(), time.Second)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	value := []byte(`{"t":"Una frase traducida de longitud corriente."}`)
	keys := make([]string, benchEntries)
	for i := range keys {
		keys[i] = strconv.FormatInt(int64(i)*7919, 16)
	}
	// One transaction: Put after Put would cost an fsync each.
	var entries []entry
	for _, k := range keys {
		entries = append(entries, entry{[]byte(k), seal([]byte(k), value)})
	}
	if err := s.commit(entries); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(value)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		v, err := s.Get(keys[i%len(keys)])
		if err != nil || v == nil {
			b.Fatalf("Get = %q, %v", v, err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "gets/s")
}

// BenchmarkOpen opens a cache of 100,000 translations: the page walk and
// bbolt's check read the whole file before the first lookup.
func BenchmarkOpen(b *testing.B) {
	dir := b.TempDir()
	s, err := Open(dir, 0)
	if err != nil {
		b.Fatal(err)
	}
	value := []byte(`{"t":"Una frase traducida de longitud corriente, con algo más de texto."}`)
	var entries []entry
	for i := range 100000 {
		k := []byte(strconv.FormatInt(int64(i)*7919, 16) + "0123456789abcdef0123456789abcdef0123456789abcdef")
		entries = append(entries, entry{k, seal(k, value)})
	}
	if err := s.commit(entries); err != nil {
		b.Fatal(err)
	}
	s.Close()
	fi, err := os.Stat(filepath.Join(dir, FileName))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(fi.Size())
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		s, err := Open(dir, 0)
		if err != nil {
			b.Fatal(err)
		}
		s.Close()
	}
}
