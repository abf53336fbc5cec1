// Package team_test runs the distributed batch for real: a PostgreSQL
// (internal/pgtest), a fake LibreTranslate with latency, and dossier
// worker processes built from cmd/dossier.
//
// TestWorkersKilled always runs (24 articles; skipped without
// PostgreSQL locally, failed without it under CI=true): four workers, one
// killed with SIGKILL mid-run, then the outputs compared byte for byte
// with 'dossier brief' in one process, and every segment billed once.
// The same with 1,000 articles, and the throughput of one worker against
// four, is the benchmark:
//
//	DOSSIER_TEAM_ARTICLES=1000 go test -run TestWorkersKilled -v ./bench/team
//	go test -run '^$' -bench Workers -benchtime 1x ./bench/team
package team_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/dossier-news/dossier/internal/pgtest"
	"github.com/dossier-news/dossier/pipeline/translate/libretranslate/libretranslatetest"
)

var pg pgtest.Lazy

func TestMain(m *testing.M) {
	code := m.Run()
	pg.Stop()
	if build.dir != "" {
		os.RemoveAll(build.dir)
	}
	os.Exit(code)
}

// build is the dossier binary, built once per test binary by dossier and
// removed by TestMain.
var build struct {
	once     sync.Once
	bin, dir string
	err      error
}

// dossier builds the binary once per test binary.
func dossier() (string, error) {
	build.once.Do(func() {
		dir, err := os.MkdirTemp("", "dossier-team-bin-")
		if err != nil {
			build.err = err
			return
		}
		build.dir = dir
		bin := filepath.Join(dir, "dossier")
		out, err := exec.Command("go", "build", "-o", bin, "../../cmd/dossier").CombinedOutput()
		if err != nil {
			build.err = fmt.Errorf("go build: %v: %s", err, out)
			return
		}
		build.bin = bin
	})
	return build.bin, build.err
}

// engine is a fake LibreTranslate that takes latency to answer and bills
// the segments of the requests it answers. A request whose client went
// away before the answer (a worker killed) is neither answered nor
// billed, as a service that charges per translation delivered. Each
// request is recorded with the client's port (header clientPort), so
// that an answer can be traced to the worker that received it.
type engine struct {
	*httptest.Server
	fake *libretranslatetest.Server
}

func newEngine(t testing.TB, latency time.Duration) *engine {
	fake := libretranslatetest.NewServer(t)
	e := &engine{fake: fake}
	e.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, port, err := net.SplitHostPort(r.RemoteAddr); err == nil {
			r.Header.Set(clientPort, port)
		}
		if r.URL.Path == "/translate" {
			select {
			case <-time.After(latency):
			case <-r.Context().Done():
				return
			}
		}
		fake.Config.Handler.ServeHTTP(w, r)
	}))
	t.Cleanup(e.Close)
	return e
}

const clientPort = "X-Test-Client-Port"

// billed returns how often each segment was translated.
func (e *engine) billed() map[string]int {
	n := map[string]int{}
	for _, r := range e.fake.Requests() {
		for _, t := range r.Texts {
			n[t]++
		}
	}
	return n
}

// firstBilledTo returns, for each segment, the client port of the first
// request that billed it.
func (e *engine) firstBilledTo() map[string]string {
	first := map[string]string{}
	for _, r := range e.fake.Requests() {
		for _, t := range r.Texts {
			if _, ok := first[t]; !ok {
				first[t] = r.Header.Get(clientPort)
			}
		}
	}
	return first
}

// tcpPorts returns the local ports of process pid's TCP sockets, read from
// /proc: its descriptors name socket inodes, and the namespace's socket
// tables map inodes to addresses.
func tcpPorts(pid int) (map[string]bool, error) {
	fds, err := os.ReadDir(fmt.Sprintf("/proc/%d/fd", pid))
	if err != nil {
		return nil, err
	}
	inodes := map[string]bool{}
	for _, fd := range fds {
		link, err := os.Readlink(fmt.Sprintf("/proc/%d/fd/%s", pid, fd.Name()))
		if err == nil && strings.HasPrefix(link, "socket:[") {
			inodes[strings.TrimSuffix(strings.TrimPrefix(link, "socket:["), "]")] = true
		}
	}
	ports := map[string]bool{}
	for _, table := range []string{"tcp", "tcp6"} {
		b, err := os.ReadFile(fmt.Sprintf("/proc/%d/net/%s", pid, table))
		if err != nil {
			return nil, err
		}
		for _, line := range strings.Split(string(b), "\n")[1:] {
			f := strings.Fields(line)
			if len(f) < 10 || !inodes[f[9]] {
				continue
			}
			_, hex, _ := strings.Cut(f[1], ":")
			port, err := strconv.ParseUint(hex, 16, 16)
			if err != nil {
				return nil, fmt.Errorf("%s: local address %q", table, f[1])
			}
			ports[strconv.FormatUint(port, 10)] = true
		}
	}
	return ports, nil
}

var words = strings.Fields(`the sea oil city port ship minister president report government
security service people water market bank school road river bridge festival museum library
day week year night morning summer winter north south east west old new big small`)

// corpus writes n English articles into a new folder: each has sentences
// of its own and some that many articles share, as wire copy does.
func corpus(t testing.TB, n int) string {
	dir := t.TempDir()
	r := rand.New(rand.NewPCG(1, 2))
	sentence := func() string {
		k := 5 + r.IntN(8)
		var b strings.Builder
		for i := range k {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(words[r.IntN(len(words))])
		}
		s := b.String()
		return strings.ToUpper(s[:1]) + s[1:] + "."
	}
	shared := make([]string, 40)
	for i := range shared {
		shared[i] = sentence()
	}
	for i := range n {
		var b strings.Builder
		fmt.Fprintf(&b, "Report %d on the %s and the %s\n", i, words[i%len(words)], words[(i/len(words))%len(words)])
		fmt.Fprintf(&b, "By Staff Reporter | %d Nov 2022\n", 1+i%28)
		for p := range 5 {
			for s := range 3 {
				if s > 0 {
					b.WriteByte(' ')
				}
				if (p+s)%4 == 0 {
					b.WriteString(shared[r.IntN(len(shared))])
				} else {
					b.WriteString(sentence())
				}
			}
			b.WriteByte('\n')
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("a%04d.txt", i)), []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// run runs dossier with args and returns its stdout.
func run(t testing.TB, env []string, args ...string) string {
	t.Helper()
	bin, err := dossier()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("dossier %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	return stdout.String()
}

// teamEnv is the environment of every dossier the tests start.
func teamEnv(t testing.TB, dsn string) []string {
	return []string{"DOSSIER_DB=" + dsn, "SOURCE_DATE_EPOCH=1668556800", "DOSSIER_CACHE_DIR=" + t.TempDir(), "XDG_CONFIG_HOME=" + t.TempDir()}
}

const formats = "txt,epub"

// enqueue queues the articles in dir and returns the batch ID.
func enqueue(t testing.TB, env []string, eng *engine, in, out string) string {
	t.Helper()
	return strings.TrimSpace(run(t, env, "--quiet", "batch", "enqueue", "--to", "es", "--engine", "libretranslate",
		"--engine-url", eng.URL, "--format", formats, "--out", out, in))
}

// worker starts a worker that exits once batch id is finished, or on
// SIGTERM when id is "".
func worker(t testing.TB, env []string, id string, log io.Writer) *exec.Cmd {
	t.Helper()
	bin, err := dossier()
	if err != nil {
		t.Fatal(err)
	}
	args := []string{"batch", "work", "--jobs", "1", "--job-timeout", "20s", "--rescue-after", "25s", "--lease", "3s", "--rate", "-1"}
	if id != "" {
		args = append(args, "--until-done", id)
	}
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), env...)
	cmd.Stdout, cmd.Stderr = log, log
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd
}

// done returns the articles done of batch id, from 'batch status'.
func done(t testing.TB, env []string, id string) int {
	out := run(t, env, "batch", "status", id)
	_, after, _ := strings.Cut(out, "; ")
	n, _ := strconv.Atoi(strings.Fields(after)[0])
	return n
}

// readTree returns the files under dir by relative name.
func readTree(t testing.TB, dir string) map[string][]byte {
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		rel, _ := filepath.Rel(dir, path)
		files[rel] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func articles(t testing.TB, def int) int {
	if s := os.Getenv("DOSSIER_TEAM_ARTICLES"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			t.Fatalf("DOSSIER_TEAM_ARTICLES=%q", s)
		}
		return n
	}
	return def
}

// TestWorkersKilled: four workers share a batch; one is killed with
// SIGKILL once a third of it is done. The batch still finishes, nothing
// half-written is left, the files are byte-identical to those 'dossier
// brief' writes in one process, and every segment is billed once, but
// for one case no client can avoid: the engine answered the killed
// worker, which died before it stored the answer. Such a segment may be
// billed a second time; any other segment billed twice is a defect (two
// live workers sent it, as when a claim lapsed under a worker that was
// still translating).
func TestWorkersKilled(t *testing.T) {
	n := articles(t, 24)
	dsn := pg.Database(t)
	env := teamEnv(t, dsn)
	in := corpus(t, n)
	eng := newEngine(t, 50*time.Millisecond)
	out := t.TempDir()
	id := enqueue(t, env, eng, in, out)

	var logs [4]syncBuffer
	var workers []*exec.Cmd
	for i := range 4 {
		workers = append(workers, worker(t, env, id, &logs[i]))
	}
	deadline := time.Now().Add(10 * time.Minute)
	for done(t, env, id) < n/3 {
		if time.Now().After(deadline) {
			t.Fatal("a third of the batch not done in 10 minutes")
		}
		time.Sleep(100 * time.Millisecond)
	}
	// Stopped first, so that the sockets read are all it has when it dies.
	if err := workers[0].Process.Signal(syscall.SIGSTOP); err != nil {
		t.Fatal(err)
	}
	killedPorts, err := tcpPorts(workers[0].Process.Pid)
	if err != nil {
		t.Fatalf("the killed worker's sockets: %v", err)
	}
	if err := workers[0].Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	workers[0].Wait()
	for i, w := range workers[1:] {
		if err := w.Wait(); err != nil {
			t.Fatalf("worker %d: %v\n%s", i+1, err, logs[i+1].String())
		}
	}
	status := run(t, env, "batch", "status", id)
	t.Logf("%s", status)
	// Usually the killed worker's article, done again elsewhere; the
	// kill may also fall between two articles.
	t.Logf("articles done on a later attempt: %s", strings.Fields(strings.SplitN(status, "waiting; ", 2)[1])[0])
	if !strings.Contains(status, fmt.Sprintf("%d of %d articles done, 0 failed", n, n)) {
		t.Errorf("status: %s", status)
	}
	billed, first := eng.billed(), eng.firstBilledTo()
	twice, lost := 0, 0
	for text, k := range billed {
		switch {
		case k == 1:
		case k == 2 && killedPorts[first[text]]:
			lost++
		default:
			twice++
			t.Errorf("billed %d times, first to a worker that lived (port %s): %q", k, first[text], text)
		}
	}
	t.Logf("%d articles, %d segments billed, %d again after their answer died with the killed worker, %d more than once otherwise", n, len(billed), lost, twice)

	// The same articles, one process, its own cache and engine.
	single := t.TempDir()
	eng1 := newEngine(t, 0)
	run(t, env, "--quiet", "brief", "--to", "es", "--engine", "libretranslate", "--engine-url", eng1.URL,
		"--format", formats, "--out", single, in)
	want, got := readTree(t, single), readTree(t, out)
	if len(got) != len(want) {
		t.Errorf("%d files written by the workers, %d by brief", len(got), len(want))
	}
	for name, b := range want {
		if g, ok := got[name]; !ok {
			t.Errorf("%s: not written by the workers", name)
		} else if !bytes.Equal(g, b) {
			t.Errorf("%s: differs from brief's", name)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("%s: written by the workers only (half-written?)", name)
		}
	}
	if len(billed) != len(eng1.billed()) {
		t.Errorf("workers billed %d segments, one process %d", len(billed), len(eng1.billed()))
	}
}

// BenchmarkWorkers times a batch with one worker and with four, when the
// engine's latency dominates (200 ms a request; DOSSIER_TEAM_LATENCY
// changes it), and reports articles/s. The workers are started, and
// ready, before the batch is enqueued, as a team's are: the time is the
// batch's in the database, from its row's creation to its briefing.
func BenchmarkWorkers(b *testing.B) {
	n := articles(b, 200)
	latency := 200 * time.Millisecond
	if s := os.Getenv("DOSSIER_TEAM_LATENCY"); s != "" {
		var err error
		if latency, err = time.ParseDuration(s); err != nil {
			b.Fatalf("DOSSIER_TEAM_LATENCY=%q", s)
		}
	}
	in := corpus(b, n)
	for _, workers := range []int{1, 4} {
		b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) {
			for range b.N {
				dsn := pg.Database(b)
				env := teamEnv(b, dsn)
				eng := newEngine(b, latency)
				out := b.TempDir()
				logs := make([]syncBuffer, workers)
				var cmds []*exec.Cmd
				for i := range workers {
					cmds = append(cmds, worker(b, env, "", &logs[i]))
				}
				deadline := time.Now().Add(5 * time.Minute)
				for i := range logs {
					for !strings.Contains(logs[i].String(), " ready") {
						if time.Now().After(deadline) {
							b.Fatalf("worker %d not ready in 5 minutes: %s", i, logs[i].String())
						}
						time.Sleep(50 * time.Millisecond)
					}
				}
				id := enqueue(b, env, eng, in, out)
				db, err := pgx.Connect(context.Background(), dsn)
				if err != nil {
					b.Fatal(err)
				}
				var elapsed float64
				for {
					err := db.QueryRow(context.Background(), `SELECT extract(epoch FROM finished_at - created_at) FROM dossier_batches WHERE id = $1 AND finished_at IS NOT NULL`, id).Scan(&elapsed)
					if err == nil {
						break
					}
					if !errors.Is(err, pgx.ErrNoRows) {
						b.Fatal(err)
					}
					time.Sleep(100 * time.Millisecond)
				}
				db.Close(context.Background())
				for i, c := range cmds {
					c.Process.Signal(syscall.SIGTERM)
					if err := c.Wait(); err != nil {
						b.Fatalf("worker %d: %v\n%s", i, err, logs[i].String())
					}
				}
				b.ReportMetric(float64(n)/elapsed, "articles/s")
				b.ReportMetric(float64(len(eng.fake.Requests()))/elapsed, "requests/s")
			}
		})
	}
}

// syncBuffer is a bytes.Buffer a process writes while the test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// pgURL turns pgtest's key=value DSN into the postgres:// URL --cache
// takes.
func pgURL(dsn string) string {
	kv := map[string]string{}
	for _, f := range strings.Fields(dsn) {
		k, v, _ := strings.Cut(f, "=")
		kv[k] = v
	}
	return fmt.Sprintf("postgres://%s@/%s?host=%s&sslmode=disable", kv["user"], kv["dbname"], kv["host"])
}

// TestSharedCache: two analysts on two machines (two cache folders) with
// --cache on one database pay once for the same article.
func TestSharedCache(t *testing.T) {
	dsn := pg.Database(t)
	in := corpus(t, 3)
	eng := newEngine(t, 0)
	for analyst := range 2 {
		env := teamEnv(t, "")
		args := []string{"--quiet", "translate", "--to", "es", "--format", "txt", in}
		if analyst == 0 {
			args = append(args, "--engine", "libretranslate", "--engine-url", eng.URL, "--cache", pgURL(dsn))
		} else {
			// The second has the memory in a profile of the config file.
			conf := t.TempDir() + "/config.json"
			profile := fmt.Sprintf(`{"profile": "team", "profiles": {"team": {"engine": "libretranslate", "url": %q, "cache": %q}}}`, eng.URL, pgURL(dsn))
			if err := os.WriteFile(conf, []byte(profile), 0o644); err != nil {
				t.Fatal(err)
			}
			args = append(args, "--config", conf)
		}
		out := run(t, env, args...)
		if !strings.Contains(out, "Report") {
			t.Fatalf("analyst %d: no articles in %q", analyst, out)
		}
	}
	for text, n := range eng.billed() {
		if n != 1 {
			t.Errorf("billed %d times: %q", n, text)
		}
	}
	if len(eng.billed()) == 0 {
		t.Error("nothing billed")
	}
	// A URL that is not PostgreSQL's is a usage error, before anything is sent.
	bin, _ := dossier()
	cmd := exec.Command(bin, "translate", "--to", "es", "--cache", "redis://x", in)
	cmd.Env = append(os.Environ(), teamEnv(t, "")...)
	out, err := cmd.CombinedOutput()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 2 || !strings.Contains(string(out), "not a postgres:// URL") {
		t.Errorf("--cache redis://x: %v: %s", err, out)
	}
}
