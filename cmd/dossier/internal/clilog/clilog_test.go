package clilog

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"
)

var epoch = time.Date(2022, 11, 26, 0, 0, 0, 0, time.UTC)

func newLogger(opts Options) (*slog.Logger, *Handler, *bytes.Buffer) {
	var buf bytes.Buffer
	opts.Prefix = "dossier"
	opts.Now = func() time.Time { return epoch }
	if opts.Level == nil {
		opts.Level = slog.LevelWarn
	}
	h := New(&buf, opts)
	return slog.New(h), h, &buf
}

// flood logs the warning of issue 17: one partial name in each of three
// articles, four times each.
func flood(log *slog.Logger) {
	for _, src := range []string{"a.txt", "b.txt", "c.txt"} {
		for range 4 {
			log.Warn("names: partial name left unresolved", "source", src, "name", "Rasulov", "candidates", 2)
		}
	}
}

func TestText(t *testing.T) {
	tests := []struct {
		name string
		log  func(*slog.Logger)
		want string
	}{
		{"warning with attributes", func(l *slog.Logger) { l.Warn("translate: cache write", "err", "disk full", "n", 3) },
			"dossier: warning: translate: cache write: err=\"disk full\" n=3\n"},
		{"error", func(l *slog.Logger) { l.Error("boom") }, "dossier: error: boom\n"},
		{"info below the level", func(l *slog.Logger) { l.Info("translate: retrying") }, ""},
		{"handler attributes and groups", func(l *slog.Logger) {
			l.With("engine", "apertium").WithGroup("req").Warn("slow", "n", 2)
		}, "dossier: warning: slow: engine=apertium req.n=2\n"},
		{"group value", func(l *slog.Logger) { l.Warn("x", slog.Group("g", "a", 1, "b", "two")) },
			"dossier: warning: x: g.a=1 g.b=two\n"},
		{"terminal escapes in a file name are quoted", func(l *slog.Logger) { l.Warn("x", "source", "a\x1b]0;pwned\a\u202e.txt") },
			"dossier: warning: x: source=\"a\\x1b]0;pwned\\a\\u202e.txt\"\n"},
		{"invalid utf-8 is quoted", func(l *slog.Logger) { l.Warn("x", "source", "a\xffb") },
			"dossier: warning: x: source=\"a\\xffb\"\n"},
		{"empty value", func(l *slog.Logger) { l.Warn("x", "source", "") }, "dossier: warning: x: source=\"\"\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			log, _, buf := newLogger(Options{})
			tc.log(log)
			if got := buf.String(); got != tc.want {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
		})
	}
}

func TestDedup(t *testing.T) {
	log, h, buf := newLogger(Options{})
	flood(log)
	log.Warn("translate: cache write", "err", "disk full") // once: no summary
	log.Error("boom", "source", "a.txt")
	log.Error("boom", "source", "a.txt") // errors are never folded
	h.Summary(context.Background())
	want := `dossier: warning: names: partial name left unresolved: source=a.txt name=Rasulov candidates=2
dossier: warning: translate: cache write: err="disk full"
dossier: error: boom: source=a.txt
dossier: error: boom: source=a.txt
dossier: warning: names: partial name left unresolved: 12 times in 3 articles; -v lists them
`
	if got := buf.String(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestDedupOneArticle(t *testing.T) {
	log, h, buf := newLogger(Options{})
	log.Warn("w", "source", "a.txt")
	log.With("source", "a.txt").Warn("w")
	log.Warn("v")
	log.Warn("v")
	h.Summary(context.Background())
	want := "dossier: warning: w: source=a.txt\ndossier: warning: v\n" +
		"dossier: warning: w: 2 times in 1 article; -v lists them\n" +
		"dossier: warning: v: 2 times; -v lists them\n"
	if got := buf.String(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestVerboseListsEach(t *testing.T) {
	log, h, buf := newLogger(Options{Verbose: true, Level: slog.LevelDebug})
	flood(log)
	h.Summary(context.Background())
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	if len(lines) != 13 {
		t.Fatalf("%d lines, want 12 and a summary:\n%s", len(lines), buf)
	}
	if lines[4] != "dossier: warning: names: partial name left unresolved: source=b.txt name=Rasulov candidates=2" {
		t.Errorf("line 5: %q", lines[4])
	}
	if lines[12] != "dossier: warning: names: partial name left unresolved: 12 times in 3 articles" {
		t.Errorf("summary: %q", lines[12])
	}
}

func TestQuietNoSummary(t *testing.T) {
	log, h, buf := newLogger(Options{Level: slog.LevelError})
	flood(log)
	h.Summary(context.Background())
	if buf.Len() != 0 {
		t.Errorf("-q printed %q", buf)
	}
}

func TestJSON(t *testing.T) {
	log, h, buf := newLogger(Options{JSON: true})
	flood(log)
	w := h.Writer()
	fmt.Fprintf(w, "dossier: error: a.txt: not text\ndossier: hint: pass --lossy")
	fmt.Fprintf(w, " to replace invalid bytes\ndossier: wrote 1 file\n")
	h.Summary(context.Background())
	var got []map[string]any
	for _, line := range strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("not JSON: %q: %v", line, err)
		}
		delete(m, "time")
		got = append(got, m)
	}
	want := []map[string]any{
		{"level": "WARN", "msg": "names: partial name left unresolved", "source": "a.txt", "name": "Rasulov", "candidates": 2.0},
		{"level": "ERROR", "msg": "a.txt: not text"},
		{"level": "INFO", "msg": "pass --lossy to replace invalid bytes", "hint": true},
		{"level": "INFO", "msg": "wrote 1 file"},
		{"level": "WARN", "msg": "names: partial name left unresolved", "times": 12.0, "articles": 3.0, "summary": true},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got\n%v\nwant\n%v", got, want)
	}
}

func TestTextWriterPassesThrough(t *testing.T) {
	_, h, buf := newLogger(Options{})
	fmt.Fprint(h.Writer(), "dossier: error: x\n")
	if buf.String() != "dossier: error: x\n" {
		t.Errorf("%q", buf)
	}
}

// TestConcurrent: loggers shared by goroutines count every record and
// print the first once (run with -race).
func TestConcurrent(t *testing.T) {
	log, h, buf := newLogger(Options{})
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			l := log.With("source", fmt.Sprintf("%d.txt", i))
			for range 50 {
				l.Warn("w")
			}
		})
	}
	wg.Wait()
	h.Summary(context.Background())
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	if len(lines) != 2 || lines[1] != "dossier: warning: w: 400 times in 8 articles; -v lists them" {
		t.Errorf("%q", lines)
	}
}
