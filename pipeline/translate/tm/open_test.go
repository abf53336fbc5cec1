package tm

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dossier-news/dossier/pipeline/translate/cache"
)

func TestLocate(t *testing.T) {
	env := func(k string) string { return map[string]string{"DOSSIER_CACHE_DIR": "/c"}[k] }
	tests := []struct {
		name, url string
		want      Place
		err       error
	}{
		{"no URL: the cache file", "", Place{Dir: "/c"}, nil},
		{"postgres", "postgres://u@h/db", Place{URL: "postgres://u@h/db"}, nil},
		{"postgresql", "postgresql://h/db", Place{URL: "postgresql://h/db"}, nil},
		{"another scheme", "mysql://u:secret@h/db", Place{}, ErrNotPostgres},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Locate(tc.url, env)
			if got != tc.want || !errors.Is(err, tc.err) {
				t.Errorf("Locate = %+v, %v; want %+v, %v", got, err, tc.want, tc.err)
			}
			if err != nil && strings.Contains(err.Error(), "secret") {
				t.Errorf("the error shows the password: %v", err)
			}
		})
	}
}

func TestOpenCacheFile(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(context.Background(), Place{Dir: dir}, cache.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Put("k", []byte(`{"t":"v"}`)); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if _, ok := s.(*cache.Store); !ok || filepath.Dir(s.(*cache.Store).Path()) != dir {
		t.Errorf("Open gave %T, want the cache file in %s", s, dir)
	}
}
