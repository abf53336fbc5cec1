//go:build unix

package ingest

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestSpecialFilesRefused: a named pipe, in a folder, through a glob or
// named directly, is an error found without opening it; opening a pipe
// for reading would block until a writer came.
func TestSpecialFilesRefused(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "good.txt"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(dir, "pipe.txt")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	for _, arg := range []string{dir, fifo, filepath.Join(dir, "*.txt")} {
		t.Run(filepath.Base(arg), func(t *testing.T) {
			done := make(chan struct{})
			var srcs []Source
			var errs []error
			go func() {
				defer close(done)
				srcs, errs = Expand([]string{arg})
			}()
			select {
			case <-done:
			case <-time.After(time.Minute):
				t.Fatal("Expand blocked on a named pipe")
			}
			if len(errs) != 1 || !errors.Is(errs[0], ErrNotRegular) || !strings.Contains(errs[0].Error(), "pipe.txt: named pipe") {
				t.Fatalf("errors = %v, want one naming pipe.txt as a named pipe", errs)
			}
			for _, s := range srcs {
				if strings.HasSuffix(s.Name, "pipe.txt") {
					t.Fatalf("the pipe became a source")
				}
			}
		})
	}
}

// TestPipeInPlaceOfFile: a file replaced by a named pipe between Expand
// and the read is refused, not opened for a blocking read.
func TestPipeInPlaceOfFile(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "a.txt")
	if err := os.WriteFile(name, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	srcs, errs := Expand([]string{name})
	if len(errs) > 0 || len(srcs) != 1 {
		t.Fatal(srcs, errs)
	}
	os.Remove(name)
	if err := syscall.Mkfifo(name, 0o644); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	done := make(chan error)
	go func() {
		_, err := (&Ingester{Text: fakeReader("text"), HTML: fakeReader("html")}).LoadAll(context.Background(), srcs[0])
		done <- err
	}()
	select {
	case err := <-done:
		if !errors.Is(err, ErrNotRegular) {
			t.Fatalf("error = %v, want ErrNotRegular", err)
		}
	case <-time.After(time.Minute):
		t.Fatal("the read blocked on a named pipe")
	}
}

// TestSymlinksStayInTree: a link in an input folder is read when it
// leads inside the folder, refused when it leads out, unless
// FollowSymlinks; a link named directly is read.
func TestSymlinksStayInTree(t *testing.T) {
	outside := filepath.Join(t.TempDir(), "secret.txt")
	if err := os.WriteFile(outside, []byte("secret"), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "sub"), 0o755)
	if err := os.WriteFile(filepath.Join(dir, "sub", "in.txt"), []byte("in"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(dir, "out.txt")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join("sub", "in.txt"), filepath.Join(dir, "in-link.txt")); err != nil {
		t.Fatal(err)
	}
	names := func(srcs []Source) string {
		var ns []string
		for _, s := range srcs {
			ns = append(ns, filepath.Base(s.Name))
		}
		return strings.Join(ns, " ")
	}

	srcs, errs := Expand([]string{dir})
	if got := names(srcs); got != "in-link.txt" {
		t.Errorf("sources = %q, want the link inside the tree only (deduplicated with its target)", got)
	}
	if len(errs) != 1 || !errors.Is(errs[0], ErrOutsideTree) || !strings.Contains(errs[0].Error(), "out.txt") {
		t.Errorf("errors = %v, want one naming out.txt", errs)
	}

	srcs, errs = ExpandWith([]string{dir}, ExpandOptions{FollowSymlinks: true})
	if got := names(srcs); got != "in-link.txt out.txt" || len(errs) > 0 {
		t.Errorf("FollowSymlinks: sources = %q, errors = %v", got, errs)
	}

	srcs, errs = Expand([]string{filepath.Join(dir, "out.txt")})
	if got := names(srcs); got != "out.txt" || len(errs) > 0 {
		t.Errorf("named directly: sources = %q, errors = %v", got, errs)
	}
}
