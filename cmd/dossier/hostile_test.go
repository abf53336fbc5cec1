package main

import (
	"bytes"
	"context"
	"io"
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

// TestBoundsFailAlone: an input past a bound fails alone with the bound
// and the flag that raises it; the good article is written; raising the
// flag reads it.
func TestBoundsFailAlone(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"good.txt":  article("Talks in Baku", "Baku"),
		"many.html": "<html><body><article><h1>Many</h1>" + strings.Repeat("<p>The talks in Baku went on for another day, officials said on Tuesday evening.</p>", 30) + "</article></body></html>",
		"long.json": `{"meta":{"title":"Long"},"blocks":[{"kind":"paragraph","text":"` + strings.Repeat("word ", 400) + `"}]}`,
	})
	code, stdout, stderr := runIn(t, context.Background(), dir, "", "clean", "--max-blocks", "20", "--max-string", "1", "good.txt", "many.html", "long.json")
	if code != exitPartial {
		t.Fatalf("exit %d, want %d; stderr:\n%s", code, exitPartial, stderr)
	}
	for _, want := range []string{
		"dossier: error: many.html: byte ", "over 20 blocks", "dossier: hint: raise --max-blocks",
		"dossier: error: long.json: byte ", "over 1024 bytes in one string", "dossier: hint: raise --max-string (in KiB)",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if !strings.Contains(stdout, "Talks in Baku") {
		t.Errorf("the good article is missing:\n%s", stdout)
	}
	if code, _, stderr := runIn(t, context.Background(), dir, "", "clean", "many.html", "long.json"); code != exitOK {
		t.Errorf("under the default bounds: exit %d\n%s", code, stderr)
	}
	if code, _, stderr := runIn(t, context.Background(), dir, "", "clean", "--max-links", "0", "good.txt"); code != exitUsage {
		t.Errorf("--max-links 0: exit %d, want %d\n%s", code, exitUsage, stderr)
	}
}

// TestMalformedJSONNamed: a broken JSON file is reported as broken JSON
// with its position, not as a page without article text.
func TestMalformedJSONNamed(t *testing.T) {
	dir := writeFiles(t, map[string]string{"broken.json": "{\"meta\": {\"title\": \"Broken\"},\n \"blocks\": [{\"kind\": \"paragraph\", \"text\": \"x\"},]}\n"})
	_, _, stderr := runIn(t, context.Background(), dir, "", "clean", "broken.json")
	if !strings.Contains(stderr, "broken.json: dossier json: document 1: line 2, column 48: invalid character ']'") || strings.Contains(stderr, "no article text") {
		t.Errorf("stderr:\n%s", stderr)
	}
}

// streamCheck is standard input that, when first read, records whether
// the article before it has been printed already.
type streamCheck struct {
	out     *bytes.Buffer
	printed *bool
	r       io.Reader
}

func (s streamCheck) Read(p []byte) (int, error) {
	if !*s.printed && s.out.Len() > 0 {
		*s.printed = true
	}
	return s.r.Read(p)
}

// TestCleanStreams: clean prints each article as soon as it is read and
// keeps none, and reads no more than --jobs inputs at once, so a batch
// holds the memory of that many inputs, not the sum: the third input is
// not read before the first is printed.
func TestCleanStreams(t *testing.T) {
	dir := writeFiles(t, map[string]string{"a.txt": article("Talks in Baku", "Baku"), "b.txt": article("Talks in Yerevan", "Yerevan")})
	t.Chdir(dir)
	var out, errb bytes.Buffer
	printed := false
	stdin := streamCheck{out: &out, printed: &printed, r: strings.NewReader(article("Talks in Tbilisi", "Tbilisi"))}
	code := run(context.Background(), []string{"dossier", "clean", "--jobs", "2", "a.txt", "b.txt", "-"}, stdin, &out, &errb)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	if !printed {
		t.Error("the first article was printed only after the second was read")
	}
}
