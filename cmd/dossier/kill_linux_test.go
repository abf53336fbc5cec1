package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"unicode/utf8"

	"github.com/dossier-news/dossier/pipeline/translate/apertium/apertiumtest"
)

// billingProxy stands between dossier and the real APy and counts what
// APy answered — what an engine would bill. With holdAt > 0 it holds
// request number holdAt unanswered, says so on held, and answers nothing
// after it: the moment to kill dossier mid-translation, known without
// timing.
type billingProxy struct {
	mu       sync.Mutex
	requests int // /translate requests seen
	answered int // and answered
	chars    int // characters of the answered ones
	holdAt   int
	held     chan struct{}
}

func startBillingProxy(t *testing.T, apy string, holdAt int) (*billingProxy, string) {
	target, err := url.Parse(apy)
	if err != nil {
		t.Fatal(err)
	}
	p := &billingProxy{holdAt: holdAt, held: make(chan struct{})}
	rp := httputil.NewSingleHostReverseProxy(target)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/translate" {
			rp.ServeHTTP(w, r)
			return
		}
		body, err := io.ReadAll(r.Body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		form, _ := url.ParseQuery(string(body))
		p.mu.Lock()
		p.requests++
		hold := p.holdAt > 0 && p.requests >= p.holdAt
		if hold && p.requests == p.holdAt {
			close(p.held)
		}
		p.mu.Unlock()
		if hold {
			<-r.Context().Done() // until dossier is gone
			return
		}
		rec := httptest.NewRecorder()
		rp.ServeHTTP(rec, r)
		if rec.Code == http.StatusOK {
			p.mu.Lock()
			p.answered++
			p.chars += utf8.RuneCountInString(form.Get("q") + r.URL.Query().Get("q"))
			p.mu.Unlock()
		}
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		w.WriteHeader(rec.Code)
		w.Write(rec.Body.Bytes())
	}))
	t.Cleanup(srv.Close)
	return p, srv.URL
}

func (p *billingProxy) billed() (answered, chars int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.answered, p.chars
}

// runReport is the JSON summary line of a translating run.
type runReport struct {
	Segments    int `json:"segments"`
	Requests    int `json:"requests"`
	Chars       int `json:"chars_sent"`
	CacheHits   int `json:"cache_hits"`
	CachedChars int `json:"cached_chars"`
	Failed      int `json:"failed"`
}

func summaryOf(t *testing.T, stderr string) runReport {
	t.Helper()
	sc := bufio.NewScanner(strings.NewReader(stderr))
	for sc.Scan() {
		if strings.Contains(sc.Text(), `"msg":"translate: summary"`) {
			var r runReport
			if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
				t.Fatal(err)
			}
			return r
		}
	}
	t.Fatalf("no summary in stderr:\n%s", stderr)
	return runReport{}
}

// TestKillMidTranslationResumes: a 'dossier brief' translating through
// the real APy is killed with SIGKILL while a request is out — no chance
// to clean up. Run again, it sends only what APy had not answered before
// (nothing billed twice, nothing missing), and writes the files an
// uninterrupted run writes, byte for byte.
func TestKillMidTranslationResumes(t *testing.T) {
	if testing.Short() {
		t.Skip("translates through apertium-apy")
	}
	apy := apertiumtest.StartAPy(t)
	// Articles that share no sentence, so that each request is new text.
	files := map[string]string{}
	var names []string
	places := []string{"Baku", "Tbilisi", "Yerevan", "Ganja"}
	for i, place := range places {
		var b strings.Builder
		b.WriteString(article("Talks In "+place+" End", place))
		for j := range 14 {
			fmt.Fprintf(&b, "\nOn day %d in %s, observer number %d noted point %d of the statement, which covered trade, transport links and border crossings.\n", j+1, place, 10*i+j, 100*i+j)
		}
		name := fmt.Sprintf("%d.txt", i)
		files[name] = b.String()
		names = append(names, name)
	}
	dir := writeFiles(t, files)
	brief := func(engine, out string) []string {
		// One request at a time: each answer is in the cache before the
		// next request goes, so the kill lands between two of them.
		return append([]string{"--log-format", "json", "brief", "--to", "es", "--engine", "apertium", "--engine-url", engine,
			"--concurrency", "1", "--format", "txt,xhtml", "--out", out}, names...)
	}
	withCache := func(cmd *exec.Cmd, cache string) *exec.Cmd {
		cmd.Env = append(cmd.Env, "DOSSIER_CACHE_DIR="+filepath.Join(dir, cache))
		return cmd
	}

	// The run nothing stops, with a cache of its own.
	whole, wholeURL := startBillingProxy(t, apy, 0)
	code, stderr := exitCode(t, withCache(dossierProcess(os.Args[0], dir, brief(wholeURL, "whole")...), "cache-whole"))
	if code != exitOK {
		t.Fatalf("uninterrupted run: exit %d\n%s", code, stderr)
	}
	full := summaryOf(t, stderr)
	wholeReqs, wholeChars := whole.billed()
	if wholeReqs < 4 || full.Chars == 0 || full.CacheHits != 0 {
		t.Fatalf("uninterrupted run: %d requests, report %+v: want several, nothing from the cache", wholeReqs, full)
	}

	// Killed while its third request is out.
	killed, killedURL := startBillingProxy(t, apy, 3)
	cmd := withCache(dossierProcess(os.Args[0], dir, brief(killedURL, "out")...), "cache")
	var killedErr bytes.Buffer
	cmd.Stderr = &killedErr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	select {
	case <-killed.held:
	case err := <-exited:
		t.Fatalf("dossier ended before its third request: %v\n%s", err, killedErr.Bytes())
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	var ee *exec.ExitError
	if err := <-exited; !errors.As(err, &ee) || ee.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
		t.Fatalf("dossier: %v, want killed by SIGKILL\n%s", err, killedErr.Bytes())
	}
	killedReqs, killedChars := killed.billed()
	if got := listDir(t, filepath.Join(dir, "out")); len(got) != 0 {
		t.Errorf("the killed run left %q in --out: want nothing, not half an article", got)
	}

	// The same command again.
	resumed, resumedURL := startBillingProxy(t, apy, 0)
	code, stderr = exitCode(t, withCache(dossierProcess(os.Args[0], dir, brief(resumedURL, "out")...), "cache"))
	if code != exitOK {
		t.Fatalf("resumed run: exit %d\n%s", code, stderr)
	}
	again := summaryOf(t, stderr)
	resumedReqs, resumedChars := resumed.billed()
	t.Logf("uninterrupted: %d requests, %d characters billed; killed: %d answered, %d characters; resumed: %d requests, %d characters; report %+v",
		wholeReqs, wholeChars, killedReqs, killedChars, resumedReqs, resumedChars, again)
	if killedReqs != 2 {
		t.Errorf("the killed run had %d requests answered, want 2", killedReqs)
	}
	if killedChars+resumedChars != wholeChars || killedReqs+resumedReqs != wholeReqs {
		t.Errorf("billed %d + %d characters in %d + %d requests across the kill, want %d in %d: something was sent twice or never",
			killedChars, resumedChars, killedReqs, resumedReqs, wholeChars, wholeReqs)
	}
	// The report counts the segments' characters, the proxy the
	// requests' (with their separators): each is checked in its own.
	if again.CacheHits == 0 || again.Chars+again.CachedChars != full.Chars || again.Chars >= full.Chars {
		t.Errorf("resumed report %+v: want what the killed run was answered for from the cache and only the rest sent, %d characters in all", again, full.Chars)
	}
	want, got := listDir(t, filepath.Join(dir, "whole")), listDir(t, filepath.Join(dir, "out"))
	if len(want) == 0 || !slices.Equal(got, want) {
		t.Fatalf("resumed run wrote %q, want %q", got, want)
	}
	sameOrAbsent(t, filepath.Join(dir, "out"), filepath.Join(dir, "whole"))
}
