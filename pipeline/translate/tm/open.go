package tm

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/dossier-news/dossier/pipeline/translate/cache"
	"github.com/dossier-news/dossier/pipeline/translate/cache/pgcache"
)

// A Store is an open translation memory: a Memory the translate stage
// reads and writes as its Cache, and the tm functions export and import.
type Store interface {
	Memory
	Close() error
}

// ErrNotPostgres is wrapped when a shared memory's URL is not a
// PostgreSQL one.
var ErrNotPostgres = errors.New("not a postgres:// URL")

// A Place is where the translation memory is: a team's on PostgreSQL
// when URL is set, else the cache file in Dir.
type Place struct {
	URL string
	Dir string
}

// Locate returns the place of the memory: the team's at url, which must
// be a postgres:// URL, when url is set, else the cache file in the cache
// folder getenv gives (cache.Dir).
func Locate(url string, getenv func(string) string) (Place, error) {
	if url != "" {
		if !strings.HasPrefix(url, "postgres://") && !strings.HasPrefix(url, "postgresql://") {
			return Place{}, fmt.Errorf("%q: %w", Redact(url), ErrNotPostgres)
		}
		return Place{URL: url}, nil
	}
	dir, err := cache.Dir(getenv)
	return Place{Dir: dir}, err
}

// Open opens the memory at p: the team's (pgcache.Open), else the cache
// file (cache.OpenContext, with opt).
func Open(ctx context.Context, p Place, opt cache.Options) (Store, error) {
	if p.URL != "" {
		s, err := pgcache.Open(ctx, p.URL, pgcache.Options{})
		if err != nil {
			return nil, err
		}
		return s, nil
	}
	s, err := cache.OpenContext(ctx, p.Dir, opt)
	if err != nil {
		return nil, err
	}
	return s, nil
}

// Redact hides the password of a database URL, for messages.
func Redact(s string) string {
	u, err := url.Parse(s)
	if err != nil || u.User == nil {
		return s
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}
