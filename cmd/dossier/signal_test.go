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
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// TestSignalStopsBusyExport runs dossier as a process on a batch of a
// good article and a slow one (ten thousand paragraphs, which take many
// seconds to lay out as PDF) and sends SIGTERM (or SIGINT) once the good article is
// written, while the slow one is being exported. dossier must stop at
// once: "interrupted" with a hint, exit 1, the good article kept, nothing
// half-written. The 30 s bound only guards against a hang; the time the
// process took to exit is logged (issue 17 asks for 2 s).
func TestSignalStopsBusyExport(t *testing.T) {
	if testing.Short() {
		t.Skip("runs dossier on a large article")
	}
	dir := t.TempDir()
	good := `{"meta":{"title":"Talks in Baku","language":"en"},"blocks":[{"kind":"paragraph","text":"Talks in Baku ended on Tuesday with a statement."}]}`
	var blocks []map[string]string
	for i := range 10000 {
		blocks = append(blocks, map[string]string{"kind": "paragraph", "text": fmt.Sprintf("Paragraph %d of the statement on trade, transport links and border crossings.", i+1)})
	}
	slow, err := json.Marshal(map[string]any{"meta": map[string]string{"title": "A long statement", "language": "en"}, "blocks": blocks})
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{"a-good.json": []byte(good), "b-slow.json": slow} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT} {
		t.Run(sig.String(), func(t *testing.T) {
			out := filepath.Join(dir, "out-"+strings.ReplaceAll(sig.String(), " ", "-"))
			goodPDF := filepath.Join(out, "talks-in-baku.pdf")
			stopBusyStage(t, stageRun{
				// --max-blocks lets the slow article in: by default it is refused
				// at once, and the signal would race the end of the run.
				args: []string{"brief", "--format", "pdf", "--max-blocks", "20000", "--out", out, "a-good.json", "b-slow.json"},
				dir:  dir,
				sig:  sig,
				// The good article is written first; the slow one is then
				// being laid out, for seconds.
				busy: func(*stageProc) {
					for {
						if _, err := os.Stat(goodPDF); err == nil {
							return
						}
						time.Sleep(20 * time.Millisecond)
					}
				},
				out: out,
				check: func(t *testing.T, stderr []byte) {
					if !bytes.Contains(stderr, []byte("dossier: error: interrupted\ndossier: hint: run the same command again\n")) {
						t.Errorf("stderr lacks the hint:\n%s", stderr)
					}
					if got := listDir(t, out); !slices.Equal(got, []string{"talks-in-baku.pdf"}) {
						t.Errorf("out holds %q, want the good article alone, no temporary files", got)
					}
				},
			})
		})
	}
}

// TestSignalStopsBusyStage runs dossier as a process with each stage kept
// busy in turn — reading (a URL that never answers), cleaning (a long raw
// scrape), names (a batch with thousands of names) and translating (an
// engine that never answers) — sends SIGTERM once that stage is at work,
// and checks that dossier stops: "interrupted", exit 1, no temporary file
// left. How long the process took to exit after the signal is logged
// (issue 17 asks for 2 s); the 30 s bound only guards against a hang.
func TestSignalStopsBusyStage(t *testing.T) {
	if testing.Short() {
		t.Skip("runs dossier on large inputs")
	}
	t.Run("ingest", func(t *testing.T) {
		asked := make(chan struct{}, 1)
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			asked <- struct{}{}
			<-r.Context().Done() // a server that never answers
		}))
		defer srv.Close()
		stopBusyStage(t, stageRun{args: []string{"clean", srv.URL + "/article.html"}, busy: func(*stageProc) { <-asked }})
	})
	t.Run("clean", func(t *testing.T) {
		var text strings.Builder
		text.WriteString("A long scrape\n\nNovember 22, 2022\n\n")
		for i := range 40000 {
			fmt.Fprintf(&text, "Line %d: the minister said on Tuesday that the talks in Baku would go on next week.\n", i)
		}
		stdin := strings.NewReader(text.String())
		// Once standard input is read to its end, dossier is decoding and
		// cleaning it: seconds of work for 40,000 lines.
		stopBusyStage(t, stageRun{args: []string{"clean", "-"}, stdin: stdin, busy: func(p *stageProc) { <-p.stdinDone }})
	})
	t.Run("names", func(t *testing.T) {
		dir := t.TempDir()
		in := filepath.Join(dir, "many-names.json")
		if err := os.WriteFile(in, manyNames(t, 4), 0o644); err != nil {
			t.Fatal(err)
		}
		stopBusyStage(t, stageRun{args: []string{"-v", "names", "index", in}, busy: func(p *stageProc) { p.waitLine(t, "dossier: debug: stage: name=names") }})
	})
	t.Run("translate", func(t *testing.T) {
		asked := make(chan struct{}, 1)
		apy := fakeAPy(t, func(w http.ResponseWriter, r *http.Request) {
			select {
			case asked <- struct{}{}:
			default:
			}
			<-r.Context().Done()
		})
		dir := t.TempDir()
		in := filepath.Join(dir, "talks.txt")
		if err := os.WriteFile(in, []byte(longArticle("Talks in Baku", "Baku")), 0o644); err != nil {
			t.Fatal(err)
		}
		out := filepath.Join(dir, "out")
		stopBusyStage(t, stageRun{
			args: []string{"brief", "--to", "es", "--engine", "apertium", "--engine-url", apy, "--format", "txt", "--out", out, in},
			busy: func(*stageProc) { <-asked },
			out:  out,
		})
	})
}

// stageRun is one dossier run to interrupt: busy returns once the stage
// under test is at work; out, when set, is the --out folder, which must
// hold no temporary file afterwards.
type stageRun struct {
	args  []string
	dir   string         // the working folder; a new one when empty
	sig   syscall.Signal // SIGTERM when zero
	stdin io.Reader
	busy  func(*stageProc)
	out   string
	check func(t *testing.T, stderr []byte) // more checks, when set
}

// stageProc is a running dossier: its stderr, line by line as it comes.
type stageProc struct {
	mu        sync.Mutex
	stderr    bytes.Buffer
	lines     chan string
	stdinDone chan struct{}
}

func (p *stageProc) waitLine(t *testing.T, prefix string) {
	t.Helper()
	for line := range p.lines {
		if strings.HasPrefix(line, prefix) {
			return
		}
	}
	t.Fatalf("dossier ended without printing %q", prefix)
}

func stopBusyStage(t *testing.T, run stageRun) {
	dir := run.dir
	if dir == "" {
		dir = t.TempDir()
	}
	sig := run.sig
	if sig == 0 {
		sig = syscall.SIGTERM
	}
	cmd := exec.Command(os.Args[0], run.args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), asDossierEnv+"=1", "DOSSIER_CACHE_DIR="+filepath.Join(dir, ".cache"), "SOURCE_DATE_EPOCH=1669420800")
	p := &stageProc{lines: make(chan string, 1024), stdinDone: make(chan struct{})}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stdin io.WriteCloser
	if run.stdin != nil {
		if stdin, err = cmd.StdinPipe(); err != nil {
			t.Fatal(err)
		}
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	if stdin != nil {
		go func() {
			io.Copy(stdin, run.stdin)
			stdin.Close()
			close(p.stdinDone)
		}()
	}
	read := make(chan struct{})
	go func() {
		defer close(read)
		defer close(p.lines)
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			p.mu.Lock()
			p.stderr.WriteString(sc.Text() + "\n")
			p.mu.Unlock()
			select {
			case p.lines <- sc.Text():
			default:
			}
		}
	}()
	busy := make(chan struct{})
	go func() { run.busy(p); close(busy) }()
	select {
	case <-busy:
	case <-time.After(60 * time.Second):
		cmd.Process.Kill()
		t.Fatalf("the stage never got busy")
	}
	sent := time.Now()
	if err := cmd.Process.Signal(sig); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { <-read; exited <- cmd.Wait() }()
	var werr error
	select {
	case werr = <-exited:
	case <-time.After(30 * time.Second):
		cmd.Process.Kill()
		<-exited
		t.Fatalf("dossier still running 30 s after %v\n%s", sig, p.stderr.Bytes())
	}
	t.Logf("dossier exited %v after %v", time.Since(sent).Round(time.Millisecond), sig)
	var ee *exec.ExitError
	if !errors.As(werr, &ee) || ee.ExitCode() != exitPartial {
		t.Errorf("exit %v, want status %d\n%s", werr, exitPartial, p.stderr.Bytes())
	}
	if !bytes.Contains(p.stderr.Bytes(), []byte("dossier: error: interrupted\n")) {
		t.Errorf("stderr does not say it was interrupted:\n%s", p.stderr.Bytes())
	}
	if run.check != nil {
		run.check(t, p.stderr.Bytes())
	}
	if run.out != "" {
		for _, name := range listDir(t, run.out) {
			if strings.HasPrefix(name, ".") {
				t.Errorf("%s left in --out", name)
			}
		}
	}
}

// manyNames is a stream of n dossier documents, each thousands of
// paragraphs naming people and places: seconds of work for the names
// stage, and little for reading.
func manyNames(t *testing.T, n int) []byte {
	people := []string{"Ilham Aliyev", "Nikol Pashinyan", "Jeyhun Bayramov", "Ararat Mirzoyan", "Hikmet Hajiyev", "Charles Michel", "Sergei Lavrov", "Ebrahim Raisi"}
	var out bytes.Buffer
	for d := range n {
		var blocks []map[string]string
		for i := range 4500 {
			a, b, c := people[i%8], people[(i*3+1)%8], people[(i*5+2)%8]
			blocks = append(blocks, map[string]string{"kind": "paragraph",
				"text": fmt.Sprintf("On day %d %s met %s in Baku, and %s said the talks with %s went well, officials in Tbilisi said.", i, a, b, c, a[strings.LastIndex(a, " ")+1:])})
		}
		b, err := json.Marshal(map[string]any{"meta": map[string]string{"title": fmt.Sprintf("Names %d", d+1), "language": "en"}, "blocks": blocks})
		if err != nil {
			t.Fatal(err)
		}
		out.Write(b)
		out.WriteByte('\n')
	}
	return out.Bytes()
}
