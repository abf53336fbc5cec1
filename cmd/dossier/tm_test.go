package main

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

// briefing returns the text of the one txt briefing in dir/o.
func briefing(t *testing.T, dir string) string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "o", "*.txt"))
	if len(files) != 1 {
		t.Fatalf("briefings in %s/o: %q, want one", dir, files)
	}
	b, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestPostEditedBriefing: a batch's XLIFF, edited outside dossier and
// imported, changes the next briefing's text with no request to the
// engine; a --refresh run keeps the edit; the memory's TMX carries it to
// another memory, which needs no request either.
func TestPostEditedBriefing(t *testing.T) {
	var requests atomic.Int64
	words := strings.NewReplacer("The", "Las", "talks", "conversaciones", "ended", "terminaron", "Diplomats", "Diplomáticos", "said", "dijeron")
	url := fakeAPy(t, func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		fmt.Fprintf(w, `{"responseData":{"translatedText":%q},"responseStatus":200}`, words.Replace(r.FormValue("q")))
	})
	dir := writeFiles(t, map[string]string{"a.txt": article("Talks In Baku End", "Baku")})
	brief := []string{"brief", "a.txt", "--to", "es", "--engine-url", url, "--out", "o", "-f", "txt"}
	ctx := context.Background()

	code, _, stderr := runIn(t, ctx, dir, "", brief...)
	if code != exitOK || requests.Load() == 0 {
		t.Fatalf("brief: exit %d, %d requests:\n%s", code, requests.Load(), stderr)
	}
	if before := briefing(t, dir); !strings.Contains(before, "terminaron") {
		t.Fatalf("briefing lacks the machine translation:\n%s", before)
	}
	sent := requests.Load()

	code, _, stderr = runIn(t, ctx, dir, "", "tm", "xliff", "a.txt", "--to", "es", "--engine-url", url, "--out", "batch.xlf")
	if code != exitOK || requests.Load() != sent || !strings.Contains(stderr, "for post-editing") {
		t.Fatalf("tm xliff: exit %d, %d new requests:\n%s", code, requests.Load()-sent, stderr)
	}
	xlf, err := os.ReadFile(filepath.Join(dir, "batch.xlf"))
	if err != nil {
		t.Fatal(err)
	}
	// The translator's edit: only targets hold the machine's word.
	edited := strings.ReplaceAll(string(xlf), "terminaron", "concluyeron")
	if edited == string(xlf) {
		t.Fatalf("XLIFF lacks the machine translation:\n%s", xlf)
	}
	if err := os.WriteFile(filepath.Join(dir, "edited.xlf"), []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = runIn(t, ctx, dir, "", "tm", "import", "edited.xlf")
	if code != exitOK || !strings.Contains(stderr, "1 post-edited segment and 0 approved segments stored as reviewed") {
		t.Fatalf("tm import: exit %d:\n%s", code, stderr)
	}

	code, _, stderr = runIn(t, ctx, dir, "", brief...)
	if code != exitOK || requests.Load() != sent {
		t.Fatalf("rebuild: exit %d, %d requests, want 0:\n%s", code, requests.Load()-sent, stderr)
	}
	t.Logf("rebuild after the XLIFF import: %d engine requests", requests.Load()-sent)
	after := briefing(t, dir)
	if !strings.Contains(after, "concluyeron") || strings.Contains(after, "terminaron") {
		t.Fatalf("rebuilt briefing lacks the edit:\n%s", after)
	}

	code, _, stderr = runIn(t, ctx, dir, "", append(brief, "--refresh")...)
	if code != exitOK || requests.Load() == sent {
		t.Fatalf("refresh: exit %d, %d requests, want some:\n%s", code, requests.Load()-sent, stderr)
	}
	if got := briefing(t, dir); !strings.Contains(got, "concluyeron") {
		t.Fatalf("--refresh replaced the reviewed translation:\n%s", got)
	}

	code, _, stderr = runIn(t, ctx, dir, "", "tm", "export", "--from", "en", "--to", "es", "--out", "memory.tmx")
	if code != exitOK {
		t.Fatalf("tm export: exit %d:\n%s", code, stderr)
	}
	tmx, err := os.ReadFile(filepath.Join(dir, "memory.tmx"))
	if err != nil || !strings.Contains(string(tmx), "concluyeron") || !strings.Contains(string(tmx), `<prop type="x-dossier-reviewed">yes</prop>`) {
		t.Fatalf("memory.tmx lacks the reviewed translation (%v):\n%s", err, tmx)
	}

	// Another desk's memory, empty, and an engine that is down.
	other := writeFiles(t, map[string]string{"a.txt": article("Talks In Baku End", "Baku"), "memory.tmx": string(tmx)})
	code, _, stderr = runIn(t, ctx, other, "", "tm", "import", "memory.tmx")
	if code != exitOK {
		t.Fatalf("tm import memory.tmx: exit %d:\n%s", code, stderr)
	}
	sent = requests.Load()
	code, _, stderr = runIn(t, ctx, other, "", brief...)
	if code != exitOK || requests.Load() != sent {
		t.Fatalf("brief from the imported memory: exit %d, %d requests, want 0:\n%s", code, requests.Load()-sent, stderr)
	}
	if got := briefing(t, other); got != after {
		t.Errorf("briefing from the imported memory differs:\n%s\nwant:\n%s", got, after)
	}
}

// TestTMUsage: tm commands check their arguments before touching the
// memory.
func TestTMUsage(t *testing.T) {
	dir := writeFiles(t, map[string]string{"a.txt": article("Talks", "Baku"), "notes.xml": "<notes/>"})
	for _, args := range [][]string{
		{"tm", "export", "--to", "es"},
		{"tm", "export", "--from", "en", "--to", "not a tag"},
		{"tm", "import"},
		{"tm", "xliff", "a.txt", "--out", "x.xlf"},
		{"tm", "xliff", "a.txt", "--to", "es", "--out", "x.xlf", "--no-cache"},
	} {
		code, _, stderr := runIn(t, context.Background(), dir, "", args...)
		if code != exitUsage {
			t.Errorf("%q: exit %d, want %d:\n%s", args, code, exitUsage, stderr)
		}
	}
	code, _, stderr := runIn(t, context.Background(), dir, "", "tm", "import", "notes.xml")
	if code != exitPartial || !strings.Contains(stderr, "neither TMX nor XLIFF") {
		t.Errorf("import of another XML: exit %d:\n%s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, ".cache")); err == nil {
		t.Error("a refused command created the memory")
	}
}
