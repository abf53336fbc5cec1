package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dossier-news/dossier/pipeline"
	"github.com/dossier-news/dossier/pipeline/ingest"
)

// failingStage fails the documents at the given batch indices.
type failingStage struct{ fail []int }

func (failingStage) Name() string { return "fake" }

func (s failingStage) ApplyBatch(_ context.Context, docs []*pipeline.Document) error {
	de := pipeline.DocErrors{}
	for _, i := range s.fail {
		de[i] = fmt.Errorf("doc %d broke", i)
	}
	return de
}

// TestRunStagesReportsInOrder: per-article failures print in input order
// (DocErrors is a map), and only the failed slots are emptied.
func TestRunStagesReportsInOrder(t *testing.T) {
	var ins []input
	for i := range 8 {
		ins = append(ins, input{name: fmt.Sprintf("in%d.txt", i), doc: &pipeline.Document{}})
	}
	ins[1].err = errors.New("did not load") // not passed to the stage
	ins[1].doc = nil
	var stderr bytes.Buffer
	e := &env{stderr: &stderr}
	// Stage indices count the loaded documents only: 0→in0, 1→in2, …
	b, err := e.runStages(context.Background(), ins, []pipeline.BatchStage{failingStage{fail: []int{6, 0, 4, 2, 5, 99}}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, line := range strings.Split(strings.TrimSpace(stderr.String()), "\n") {
		name, _, _ := strings.Cut(strings.TrimPrefix(line, "dossier: error: "), ":")
		got = append(got, name)
	}
	want := []string{"in0.txt", "in3.txt", "in5.txt", "in6.txt", "in7.txt"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("reported %q, want %q", got, want)
	}
	if n := b.failed(); n != 6 {
		t.Errorf("failed = %d, want 6", n)
	}
}

// TestStreamPlaces: documents of a JSON stream are known by their place
// in it, also after a bad value was skipped.
func TestStreamPlaces(t *testing.T) {
	bad := badDocuments(fmt.Errorf("s.json: %w", errors.Join(
		&ingest.DocumentError{N: 2, Err: errors.New("field meta: want an object")},
		&ingest.DocumentError{N: 4, Err: errors.New("invalid character"), Stopped: true})))
	if !bad[2] || !bad[4] || len(bad) != 2 {
		t.Errorf("badDocuments = %v, want places 2 and 4", bad)
	}
	if got := badDocuments(nil); len(got) != 0 {
		t.Errorf("badDocuments(nil) = %v", got)
	}

	dir := t.TempDir()
	stream := filepath.Join(dir, "s.json")
	if err := os.WriteFile(stream, []byte(`{"meta":{"title":"One","language":"en"},"blocks":[{"kind":"paragraph","text":"First article."}]}
{"meta":"bad","blocks":[]}
{"meta":{"title":"Three","language":"en"},"blocks":[{"kind":"paragraph","text":"Third article."}]}
{"meta":{"title":"Four","language":""},"blocks":[{"kind":"paragraph","text":"Fourth article."}]}
`), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"dossier", "translate", "--to", "es", "--dry-run", stream}, strings.NewReader(""), &stdout, &stderr)
	if code != exitPartial {
		t.Errorf("exit %d, want %d", code, exitPartial)
	}
	for _, want := range []string{"s.json: dossier json: document 2: field meta", "s.json (document 4): "} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr.String())
		}
	}
}
