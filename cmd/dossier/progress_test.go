package main

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dossier-news/dossier/pipeline/translate"
	"github.com/dossier-news/dossier/pipeline/translate/cache"
	"github.com/dossier-news/dossier/pipeline/translate/tm"
)

// TestProgressBar draws the bar as a terminal would see it: articles,
// segments, characters and the time left, redrawn in place at most ten
// times a second, and wiped at the end.
func TestProgressBar(t *testing.T) {
	var out bytes.Buffer
	start := time.Date(2022, 11, 22, 12, 0, 0, 0, time.UTC)
	now := start
	b := &progressBar{w: &out, now: func() time.Time { return now }, start: start}

	now = start.Add(10 * time.Second)
	b.update(translate.Progress{Documents: 5, Segments: 40, SegmentsDone: 10, Chars: 8000, CharsDone: 2000})
	first := out.String()
	for _, want := range []string{"\r\x1b[K", "translating 5 articles", "[#####...............]", "10/40 segments", "2000/8000 chars", "ETA 30s"} {
		if !strings.Contains(first, want) {
			t.Errorf("first draw %q lacks %q", first, want)
		}
	}

	now = now.Add(50 * time.Millisecond) // too soon to redraw
	b.update(translate.Progress{Documents: 5, Segments: 40, SegmentsDone: 11, Chars: 8000, CharsDone: 2100})
	if out.String() != first {
		t.Errorf("redrawn within 100 ms: %q", out.String())
	}

	now = now.Add(10 * time.Millisecond) // but the last update always shows
	b.update(translate.Progress{Documents: 5, Segments: 40, SegmentsDone: 40, Chars: 8000, CharsDone: 8000})
	if !strings.Contains(out.String(), "40/40 segments") || !strings.Contains(out.String(), "ETA 0s") {
		t.Errorf("final draw missing: %q", out.String())
	}

	b.finish()
	if !strings.HasSuffix(out.String(), "\r\x1b[K") {
		t.Errorf("finish did not wipe the line: %q", out.String())
	}
}

// TestNoProgressOffTerminal: output that is not a terminal gets no bar.
func TestNoProgressOffTerminal(t *testing.T) {
	if isTerminal(&bytes.Buffer{}) {
		t.Fatal("a buffer is not a terminal")
	}
}

// signalWriter is a stderr that signals once, on its first write.
type signalWriter struct {
	bytes.Buffer
	wrote chan struct{}
	once  sync.Once
}

func (w *signalWriter) Write(p []byte) (int, error) {
	w.once.Do(func() { close(w.wrote) })
	return w.Buffer.Write(p)
}

// TestCacheLockWait: a second dossier waits for the first to release the
// translation cache, says so once, and gives up with a hint after
// cache.DefaultLockWait.
func TestCacheLockWait(t *testing.T) {
	dir := t.TempDir()
	held, err := cache.Open(dir, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer held.Close()

	var stderr bytes.Buffer
	clock := time.Date(2022, 11, 22, 12, 0, 0, 0, time.UTC)
	e := &env{stderr: &stderr, now: func() time.Time {
		clock = clock.Add(cache.DefaultLockWait / 2) // each look at the clock, half the wait passes
		return clock
	}}
	_, err = e.openStore(context.Background(), tm.Place{Dir: dir}, false)
	if !errors.Is(err, cache.ErrLocked) {
		t.Fatalf("openStore = %v, want ErrLocked after the wait", err)
	}
	var he hintError
	if !errors.As(err, &he) || !strings.Contains(he.hint, "--no-cache") {
		t.Errorf("error %v carries no hint naming --no-cache", err)
	}
	if n := strings.Count(stderr.String(), "waiting for another dossier"); n != 1 {
		t.Errorf("said it was waiting %d times, want once: %q", n, stderr.String())
	}

	// Released while waiting, once the first try has failed and said so:
	// the second run goes on.
	w := &signalWriter{wrote: make(chan struct{})}
	e.stderr = w
	e.now = time.Now
	released := make(chan struct{})
	go func() {
		<-w.wrote
		held.Close()
		close(released)
	}()
	store, err := e.openStore(context.Background(), tm.Place{Dir: dir}, false)
	if err != nil {
		t.Fatalf("openStore after release = %v", err)
	}
	store.Close()
	<-released
	if !strings.Contains(w.String(), "waiting for another dossier") {
		t.Errorf("opened without waiting: %q", w.String())
	}
}
