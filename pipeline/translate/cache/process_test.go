package cache

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// helperEnv names the role a run of the test binary plays as another
// process; helperDir its cache folder.
const (
	helperEnv    = "DOSSIER_CACHE_TEST_HELPER"
	helperDirEnv = "DOSSIER_CACHE_TEST_DIR"
)

func TestMain(m *testing.M) {
	if role := os.Getenv(helperEnv); role != "" {
		os.Exit(helper(role, os.Getenv(helperDirEnv)))
	}
	os.Exit(m.Run())
}

// helper plays another dossier process. "hold" opens the cache, puts
// "held", says "open" and keeps the cache until its stdin ends; "fill" is
// in helper_fill_test.go.
func helper(role, dir string) int {
	switch role {
	case "hold":
		s, err := Open(dir, 0)
		if err != nil {
			fmt.Println("error", err)
			return 1
		}
		if err := s.Put("held", []byte(`{"t":"from the other process"}`)); err != nil {
			fmt.Println("error", err)
			return 1
		}
		fmt.Println("open")
		io.Copy(io.Discard, os.Stdin)
		if err := s.Close(); err != nil {
			fmt.Println("error", err)
			return 1
		}
		return 0
	case "fill":
		return fill2Full(dir)
	}
	fmt.Println("unknown role", role)
	return 2
}

// startHelper runs the test binary as another process in role on dir and
// returns it with its stdin and its stdout's lines.
func startHelper(t *testing.T, role, dir string, env ...string) (*exec.Cmd, io.WriteCloser, *bufio.Scanner) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), append(env, helperEnv+"="+role, helperDirEnv+"="+dir)...)
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		stdin.Close()
		cmd.Wait()
	})
	return cmd, stdin, bufio.NewScanner(stdout)
}

// TestTwoProcesses: while another process has the cache open, a second
// one is told it is waiting, gives up with ErrLocked naming the file once
// LockWait has passed or at once when its context is done, and opens the
// cache, with what the other wrote, once it is closed.
func TestTwoProcesses(t *testing.T) {
	dir := t.TempDir()
	path := dir + string(os.PathSeparator) + FileName
	cmd, stdin, out := startHelper(t, "hold", dir)
	if !out.Scan() || out.Text() != "open" {
		t.Fatalf("helper said %q, want open", out.Text())
	}

	_, err := OpenContext(context.Background(), dir, Options{})
	if !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), "another dossier process is using the cache at "+path) {
		t.Fatalf("Open without waiting = %v, want ErrLocked naming %s", err, path)
	}

	waited := 0
	_, err = OpenContext(context.Background(), dir, Options{LockWait: 1, Waiting: func(p string) {
		waited++
		if p != path {
			t.Errorf("Waiting(%q), want %q", p, path)
		}
	}})
	if !errors.Is(err, ErrLocked) || waited != 1 {
		t.Fatalf("Open with a short wait = %v, Waiting called %d times; want ErrLocked, once", err, waited)
	}

	ctx, cancel := context.WithCancel(context.Background())
	_, err = OpenContext(ctx, dir, Options{LockWait: 1 << 62, Waiting: func(string) { cancel() }})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Open canceled while waiting = %v, want context.Canceled", err)
	}

	// Released while this process waits: it goes on.
	s, err := OpenContext(context.Background(), dir, Options{LockWait: 1 << 62, Waiting: func(string) { stdin.Close() }})
	if err != nil {
		t.Fatalf("Open after release = %v", err)
	}
	defer s.Close()
	if err := cmd.Wait(); err != nil {
		t.Errorf("helper: %v", err)
	}
	if v, err := s.Get("held"); err != nil || string(v) != `{"t":"from the other process"}` {
		t.Errorf("Get(held) = %q, %v; want the other process's entry", v, err)
	}
}
