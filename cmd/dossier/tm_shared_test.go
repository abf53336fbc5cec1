package main

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/dossier-news/dossier/internal/pgtest"
)

// TestTMOnSharedMemory: with --cache postgres://…, the tm commands read
// and write the team's memory, not the cache file: a post-edited XLIFF
// imported there changes the next briefing of anyone on that memory with
// no request to the engine, and tm export finds the reviewed text there.
func TestTMOnSharedMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("starts PostgreSQL")
	}
	srv := pgtest.Start(t)
	memory := postgresURL(t, srv.NewDatabase(t, "tm"))

	var requests atomic.Int64
	words := strings.NewReplacer("The", "Las", "talks", "conversaciones", "ended", "terminaron")
	engine := fakeAPy(t, func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		fmt.Fprintf(w, `{"responseData":{"translatedText":%q},"responseStatus":200}`, words.Replace(r.FormValue("q")))
	})
	dir := writeFiles(t, map[string]string{"a.txt": article("Talks In Baku End", "Baku")})
	brief := []string{"brief", "a.txt", "--to", "es", "--engine-url", engine, "--out", "o", "-f", "txt", "--cache", memory}
	ctx := context.Background()

	if code, _, stderr := runIn(t, ctx, dir, "", brief...); code != exitOK || requests.Load() == 0 {
		t.Fatalf("brief: exit %d, %d requests:\n%s", code, requests.Load(), stderr)
	}
	sent := requests.Load()
	code, _, stderr := runIn(t, ctx, dir, "", "tm", "xliff", "a.txt", "--to", "es", "--engine-url", engine, "--out", "batch.xlf", "--cache", memory)
	if code != exitOK || requests.Load() != sent {
		t.Fatalf("tm xliff: exit %d, %d new requests:\n%s", code, requests.Load()-sent, stderr)
	}
	xlf, err := os.ReadFile(filepath.Join(dir, "batch.xlf"))
	if err != nil || !strings.Contains(string(xlf), "terminaron") {
		t.Fatalf("XLIFF lacks the machine translation the shared memory holds (%v):\n%s", err, xlf)
	}
	edited := strings.ReplaceAll(string(xlf), "terminaron", "concluyeron")
	if err := os.WriteFile(filepath.Join(dir, "edited.xlf"), []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runIn(t, ctx, dir, "", "tm", "import", "edited.xlf", "--cache", memory); code != exitOK {
		t.Fatalf("tm import: exit %d:\n%s", code, stderr)
	}

	// Another analyst, with a cache file of their own that is empty, on
	// the same team memory.
	other := writeFiles(t, map[string]string{"a.txt": article("Talks In Baku End", "Baku")})
	if code, _, stderr := runIn(t, ctx, other, "", brief...); code != exitOK || requests.Load() != sent {
		t.Fatalf("brief on the team memory: exit %d, %d requests, want 0:\n%s", code, requests.Load()-sent, stderr)
	}
	if got := briefing(t, other); !strings.Contains(got, "concluyeron") || strings.Contains(got, "terminaron") {
		t.Fatalf("briefing lacks the reviewed translation:\n%s", got)
	}
	code, _, stderr = runIn(t, ctx, other, "", "tm", "export", "--from", "en", "--to", "es", "--out", "memory.tmx", "--cache", memory)
	if code != exitOK {
		t.Fatalf("tm export: exit %d:\n%s", code, stderr)
	}
	tmx, err := os.ReadFile(filepath.Join(other, "memory.tmx"))
	if err != nil || !strings.Contains(string(tmx), "concluyeron") || !strings.Contains(string(tmx), `<prop type="x-dossier-reviewed">yes</prop>`) {
		t.Fatalf("memory.tmx lacks the reviewed translation (%v):\n%s", err, tmx)
	}
	// Without --cache the same commands use the cache file, which never
	// saw the edit.
	code, _, stderr = runIn(t, ctx, other, "", "tm", "export", "--from", "en", "--to", "es", "--out", "local.tmx")
	if local, _ := os.ReadFile(filepath.Join(other, "local.tmx")); code != exitOK || strings.Contains(string(local), "concluyeron") {
		t.Fatalf("tm export without --cache: exit %d, holds the team's edit:\n%s\n%s", code, local, stderr)
	}
}

// postgresURL turns pgtest's keyword DSN into the postgres:// URL that
// --cache takes.
func postgresURL(t *testing.T, dsn string) string {
	t.Helper()
	kv := map[string]string{}
	for _, f := range strings.Fields(dsn) {
		k, v, _ := strings.Cut(f, "=")
		kv[k] = v
	}
	u := url.URL{Scheme: "postgres", User: url.User(kv["user"]), Path: "/" + kv["dbname"],
		RawQuery: url.Values{"host": {kv["host"]}, "sslmode": {kv["sslmode"]}}.Encode()}
	return u.String()
}
