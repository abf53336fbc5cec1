package main

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dossier-news/dossier/pipeline"
)

// TestUntranslatedOriginalsUnaltered: an article the engine cannot
// translate is written as it was read, its names indexed, not respelled
// (issue: "Zahir Əsgərov" came out "Zahir Askarov" in an article "kept in
// its original language"). Its text blocks are byte-identical with and
// without --to, and with --canonical-names too.
func TestUntranslatedOriginalsUnaltered(t *testing.T) {
	if _, err := exec.LookPath("apertium"); err != nil {
		t.Skip("apertium not installed")
	}
	files := map[string]string{}
	for _, name := range []string{"az-dtx-2022-11-14.txt", "ru-sgb-2022-11-14.txt"} {
		b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "articles", name))
		if err != nil {
			t.Fatal(err)
		}
		files[name] = string(b)
	}
	dir := writeFiles(t, files)
	blocks := func(args ...string) map[string][]string {
		t.Helper()
		code, stdout, stderr := runIn(t, context.Background(), dir, "", append([]string{"translate", "--no-cache"}, args...)...)
		if code != exitOK {
			t.Fatalf("%q: exit %d: %s", args, code, stderr)
		}
		return textBlocks(t, stdout)
	}
	ref := cleanBlocks(t, dir)
	for _, args := range [][]string{
		{"--to", "es", "az-dtx-2022-11-14.txt", "ru-sgb-2022-11-14.txt"},
		{"--to", "es", "--canonical-names", "az-dtx-2022-11-14.txt", "ru-sgb-2022-11-14.txt"},
	} {
		got := blocks(args...)
		if len(got) != len(ref) {
			t.Fatalf("%q: %d articles, want %d", args, len(got), len(ref))
		}
		for title, want := range ref {
			if strings.Join(got[title], "\n") != strings.Join(want, "\n") {
				t.Errorf("%q: %q: text blocks differ from the article as read:\n%s\nwant\n%s", args, title, strings.Join(got[title], "\n"), strings.Join(want, "\n"))
			}
		}
	}
}

// cleanBlocks reads the articles of dir as 'dossier clean' does, with no
// names stage and no translation.
func cleanBlocks(t *testing.T, dir string) map[string][]string {
	t.Helper()
	code, stdout, stderr := runIn(t, context.Background(), dir, "", "clean", "az-dtx-2022-11-14.txt", "ru-sgb-2022-11-14.txt")
	if code != exitOK {
		t.Fatalf("clean: exit %d: %s", code, stderr)
	}
	return textBlocks(t, stdout)
}

// textBlocks returns the text of each block of the articles in a stream
// of dossier JSON, by title.
func textBlocks(t *testing.T, stream string) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	dec := json.NewDecoder(strings.NewReader(stream))
	for dec.More() {
		var doc pipeline.Document
		if err := dec.Decode(&doc); err != nil {
			t.Fatal(err)
		}
		for _, b := range doc.Blocks {
			out[doc.Meta.Title] = append(out[doc.Meta.Title], b.Text+"|"+strings.Join(b.Items, "|"))
		}
	}
	return out
}
