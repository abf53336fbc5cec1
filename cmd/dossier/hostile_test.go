package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestErrorsEscapeFileNames: a file name is printed in errors; escape
// sequences, BEL, bidi overrides and invalid UTF-8 in it must reach the
// terminal escaped.
func TestErrorsEscapeFileNames(t *testing.T) {
	name := "a\x1b]0;owned\x07\u202eb\xff.txt"
	dir := writeFiles(t, map[string]string{name: "\x00\x01\x02 binary"})
	code, _, stderr := runIn(t, context.Background(), dir, "", "clean", name)
	if code != exitPartial {
		t.Fatalf("exit %d, want %d; stderr:\n%s", code, exitPartial, stderr)
	}
	if !utf8.ValidString(stderr) || strings.ContainsAny(stderr, "\x1b\x07\u202e") {
		t.Fatalf("raw control characters reach the terminal: %q", stderr)
	}
	if want := `a\x1b]0;owned\x07\u202eb` + "\uFFFD" + `.txt: `; !strings.Contains(stderr, want) {
		t.Fatalf("stderr lacks the escaped name %q: %q", want, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
		t.Fatal(err)
	}
}

// TestPipeInFolder: a named pipe among the inputs fails alone, at once,
// with a hint; the good article is written.
func TestPipeInFolder(t *testing.T) {
	dir := writeFiles(t, map[string]string{"in/good.txt": article("Talks in Baku", "Baku")})
	if err := mkfifo(filepath.Join(dir, "in", "pipe.txt")); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	code, stdout, stderr := runIn(t, context.Background(), dir, "", "clean", "in")
	if code != exitPartial {
		t.Fatalf("exit %d, want %d; stderr:\n%s", code, exitPartial, stderr)
	}
	if !strings.Contains(stderr, "pipe.txt: named pipe (FIFO): not a regular file") || !strings.Contains(stderr, "dossier: hint: only regular files") {
		t.Errorf("stderr:\n%s", stderr)
	}
	if !strings.Contains(stdout, "Talks in Baku") {
		t.Errorf("the good article is missing:\n%s", stdout)
	}
}
