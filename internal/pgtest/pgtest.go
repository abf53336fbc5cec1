// Package pgtest starts a real PostgreSQL server for tests: Debian's
// postgresql package, a cluster made by initdb in a temporary folder and
// reached over a unix socket in it, so that no port is taken and nothing
// outside the folder changes. Start with Start.
//
// PostgreSQL refuses to run as root, and CI runs as root: then the
// cluster belongs to the unprivileged user nobody and its programs run
// through runuser. Without the programs a test is skipped locally and
// fails under CI=true, where scripts/install-deps.sh installed them.
package pgtest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// A Server is a running cluster.
type Server struct {
	// DSN reaches the database "postgres" as the superuser "dossier".
	DSN string
	dir string
	bin string
	// runAs runs a program as the cluster's owner.
	runAs func(name string, args ...string) *exec.Cmd
}

// bindir returns the folder of initdb and postgres: $PG_BINDIR, else the
// newest /usr/lib/postgresql/N/bin, else the folder of initdb on PATH.
func bindir() (string, error) {
	if d := os.Getenv("PG_BINDIR"); d != "" {
		return d, nil
	}
	found, _ := filepath.Glob("/usr/lib/postgresql/*/bin/initdb")
	sort.Slice(found, func(i, j int) bool {
		return version(found[i]) > version(found[j])
	})
	if len(found) > 0 {
		return filepath.Dir(found[0]), nil
	}
	p, err := exec.LookPath("initdb")
	if err != nil {
		return "", fmt.Errorf("initdb not found: install Debian's postgresql package (scripts/install-deps.sh)")
	}
	return filepath.Dir(p), nil
}

func version(initdb string) int {
	n, _ := strconv.Atoi(filepath.Base(filepath.Dir(filepath.Dir(initdb))))
	return n
}

// unavailable skips tb, or fails it under CI=true.
func unavailable(tb testing.TB, err error) {
	tb.Helper()
	if os.Getenv("CI") == "true" {
		tb.Fatalf("PostgreSQL needed under CI: %v", err)
	}
	tb.Skipf("PostgreSQL not available: %v", err)
}

// errUnavailable marks a machine without a usable PostgreSQL, as opposed
// to one whose server failed to start.
var errUnavailable = errors.New("PostgreSQL not available")

// Start initdb's a cluster in a temporary folder, starts postgres on a
// unix socket there and stops it, removing the folder, when tb ends.
func Start(tb testing.TB) *Server {
	tb.Helper()
	s, err := New()
	if errors.Is(err, errUnavailable) {
		unavailable(tb, err)
	}
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(s.Stop)
	return s
}

// A Lazy is one server for a whole test binary, started by the first
// test that asks for it; TestMain calls Stop after m.Run.
type Lazy struct {
	once sync.Once
	srv  *Server
	err  error
	n    atomic.Int64
}

// Database returns the DSN of a new, empty database on the server,
// starting the server if need be.
func (l *Lazy) Database(tb testing.TB) string {
	tb.Helper()
	l.once.Do(func() { l.srv, l.err = New() })
	if errors.Is(l.err, errUnavailable) {
		unavailable(tb, l.err)
	}
	if l.err != nil {
		tb.Fatal(l.err)
	}
	return l.srv.NewDatabase(tb, fmt.Sprintf("test%d", l.n.Add(1)))
}

// Stop stops the server if it was started.
func (l *Lazy) Stop() {
	if l.srv != nil {
		l.srv.Stop()
	}
}

// New initdb's a cluster in a temporary folder and starts postgres on a
// unix socket there; Stop stops it and removes the folder. The error
// wraps errUnavailable when the machine has no PostgreSQL to run.
func New() (*Server, error) {
	bin, err := bindir()
	if err != nil {
		return nil, fmt.Errorf("%w: %w", errUnavailable, err)
	}
	// Not a test's TempDir: its parents are private to this user, and
	// the cluster may belong to nobody.
	dir, err := os.MkdirTemp("", "dossier-pg-")
	if err != nil {
		return nil, err
	}
	s := &Server{dir: dir, bin: bin, runAs: exec.Command}
	fail := func(err error) (*Server, error) {
		os.RemoveAll(dir)
		return nil, err
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		return fail(err)
	}
	if os.Geteuid() == 0 {
		u, err := user.Lookup("nobody")
		if err != nil {
			return fail(fmt.Errorf("%w: running as root and no user nobody: %w", errUnavailable, err))
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		if err := os.Chown(dir, uid, gid); err != nil {
			return fail(err)
		}
		runuser, err := exec.LookPath("runuser")
		if err != nil {
			return fail(fmt.Errorf("%w: running as root and no runuser: %w", errUnavailable, err))
		}
		s.runAs = func(name string, args ...string) *exec.Cmd {
			return exec.Command(runuser, append([]string{"-u", "nobody", "--", name}, args...)...)
		}
	}
	data := filepath.Join(dir, "data")
	if out, err := s.runAs(filepath.Join(bin, "initdb"), "-D", data, "-U", "dossier", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync").CombinedOutput(); err != nil {
		return fail(fmt.Errorf("initdb: %w: %s", err, bytes.TrimSpace(out)))
	}
	// fsync off: a test cluster never outlives a crash. max_connections:
	// several worker processes, each with a pool and River's listener.
	start := s.runAs(filepath.Join(bin, "pg_ctl"), "-D", data, "-l", filepath.Join(dir, "log"), "-w", "-t", "60", "-o",
		"-c listen_addresses='' -c unix_socket_directories="+dir+" -c fsync=off -c full_page_writes=off -c max_connections=300", "start")
	if out, err := start.CombinedOutput(); err != nil {
		log, _ := os.ReadFile(filepath.Join(dir, "log"))
		return fail(fmt.Errorf("pg_ctl start: %w: %s\n%s", err, bytes.TrimSpace(out), log))
	}
	s.DSN = "host=" + dir + " user=dossier dbname=postgres sslmode=disable"
	return s, nil
}

// Stop stops the server at once and removes its folder.
func (s *Server) Stop() {
	s.runAs(filepath.Join(s.bin, "pg_ctl"), "-D", filepath.Join(s.dir, "data"), "-m", "immediate", "-w", "stop").Run()
	os.RemoveAll(s.dir)
}

// NewDatabase creates an empty database on s and returns its DSN, so that
// the tests of one server do not see each other's tables.
func (s *Server) NewDatabase(tb testing.TB, name string) string {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	out, err := exec.CommandContext(ctx, filepath.Join(s.bin, "psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", s.DSN, "-c", "CREATE DATABASE "+name).CombinedOutput()
	if err != nil {
		tb.Fatalf("create database %s: %v: %s", name, err, out)
	}
	return "host=" + s.dir + " user=dossier dbname=" + name + " sslmode=disable"
}
