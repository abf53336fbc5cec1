package pipeline

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
)

// failingStage fails the documents at the given batch indices.
type failingStage struct{ fail []int }

func (failingStage) Name() string { return "fake" }

func (s failingStage) ApplyBatch(_ context.Context, docs []*Document) error {
	de := DocErrors{}
	for _, i := range s.fail {
		de[i] = fmt.Errorf("doc %d broke", i)
	}
	return de
}

// source is a Source of fixed results.
type source struct {
	name string
	res  []Result
	load func(ctx context.Context) // called before returning res, when set
}

func (s source) Name() string { return s.name }

func (s source) Load(ctx context.Context) []Result {
	if s.load != nil {
		s.load(ctx)
	}
	return s.res
}

func docSources(n int) []Source {
	var srcs []Source
	for i := range n {
		name := fmt.Sprintf("in%d.txt", i)
		srcs = append(srcs, source{name: name, res: []Result{{Name: name, Doc: &Document{Meta: Meta{Title: name}}}}})
	}
	return srcs
}

// TestRunReportsInOrder: per-article failures reach Progress in input
// order (DocErrors is a map), and only the failed results lose their
// document; indices that name no document are ignored.
func TestRunReportsInOrder(t *testing.T) {
	srcs := docSources(8)
	srcs[1] = source{name: "in1.txt", res: []Result{{Name: "in1.txt", Err: errors.New("in1.txt: did not load")}}}
	var got []string
	r := Runner{Concurrency: 3, Progress: func(res Result) {
		if res.Err != nil {
			got = append(got, res.Err.Error())
		}
	}}
	// Stage indices count the loaded documents only: 0→in0, 1→in2, …
	b, err := r.Run(context.Background(), srcs, failingStage{fail: []int{6, 0, 4, 2, 5, 99}})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"in1.txt: did not load", "in0.txt: fake: doc 0 broke", "in3.txt: fake: doc 2 broke",
		"in5.txt: fake: doc 4 broke", "in6.txt: fake: doc 5 broke", "in7.txt: fake: doc 6 broke"}
	if !slices.Equal(got, want) {
		t.Errorf("reported\n%q\nwant\n%q", got, want)
	}
	if n := b.Failed(); n != 6 {
		t.Errorf("Failed = %d, want 6", n)
	}
	if docs := b.Docs(); len(docs) != 2 || docs[0].Meta.Title != "in2.txt" || docs[1].Meta.Title != "in4.txt" {
		t.Errorf("Docs = %v", docs)
	}
}

// TestRunDropsFailedFromLaterStages: a document one stage fails is not
// passed to the next; a stage failing the whole batch stops the run with
// its name.
func TestRunDropsFailedFromLaterStages(t *testing.T) {
	var seen []string
	record := Each("record", func(_ context.Context, d *Document) error {
		seen = append(seen, d.Meta.Title)
		return nil
	})
	stop := Each("stop", func(context.Context, *Document) error { return nil })
	b, err := Run(context.Background(), docSources(3), failingStage{fail: []int{1}}, record)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(seen, []string{"in0.txt", "in2.txt"}) {
		t.Errorf("later stage saw %q", seen)
	}
	if b[1].Err == nil || b[1].Doc != nil {
		t.Errorf("failed result = %+v", b[1])
	}
	boom := errors.New("quota")
	whole := stageFunc{"engine", func([]*Document) error { return boom }}
	_, err = Run(context.Background(), docSources(2), whole, stop)
	if !errors.Is(err, boom) || !strings.HasPrefix(err.Error(), "engine: ") {
		t.Errorf("err = %v, want the stage's, named", err)
	}
}

type stageFunc struct {
	name string
	f    func([]*Document) error
}

func (s stageFunc) Name() string                                         { return s.name }
func (s stageFunc) ApplyBatch(_ context.Context, docs []*Document) error { return s.f(docs) }

// TestChain: a chain is a Stage; its DocErrors index the chain's input
// and name the stage.
func TestChain(t *testing.T) {
	docs := []*Document{{}, {}, {}}
	n := 0
	count := Each("count", func(context.Context, *Document) error { n++; return nil })
	err := Chain(failingStage{fail: []int{0}}, count, failingStage{fail: []int{1}}).ApplyBatch(context.Background(), docs)
	var de DocErrors
	if !errors.As(err, &de) || len(de) != 2 || de[0] == nil || de[2] == nil {
		t.Fatalf("err = %#v, want documents 0 and 2", err)
	}
	if !strings.HasPrefix(de[2].Error(), "fake: doc 1") {
		t.Errorf("de[2] = %v", de[2])
	}
	if n != 2 {
		t.Errorf("count saw %d documents, want 2", n)
	}
}

// TestLoadBounded: no more than Concurrency sources are read at once, and
// results come in input order whatever order the reads end in.
func TestLoadBounded(t *testing.T) {
	const n, limit = 40, 3
	var inFlight, peak atomic.Int32
	var srcs []Source
	for i := range n {
		name := fmt.Sprintf("in%02d", i)
		srcs = append(srcs, source{name: name, res: []Result{{Name: name, Doc: &Document{}}}, load: func(context.Context) {
			cur := inFlight.Add(1)
			for {
				p := peak.Load()
				if cur <= p || peak.CompareAndSwap(p, cur) {
					break
				}
			}
			for range (n - i) * 1000 { // later inputs end sooner
				_ = inFlight.Load()
			}
			inFlight.Add(-1)
		}})
	}
	var names []string
	err := Runner{Concurrency: limit}.Load(context.Background(), srcs, func(r Result) error {
		names = append(names, r.Name)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if p := peak.Load(); p > limit {
		t.Errorf("%d sources read at once, want at most %d", p, limit)
	}
	if !slices.IsSorted(names) || len(names) != n {
		t.Errorf("results out of order: %q", names)
	}
}

// TestLoadStopsAtCancel: once ctx is done Load returns ctx's error without
// waiting for a source that ignores it, and reads nothing more.
func TestLoadStopsAtCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	release := make(chan struct{})
	defer close(release)
	var started atomic.Int32
	srcs := docSources(10)
	srcs[1] = source{name: "stuck", load: func(context.Context) {
		cancel()
		<-release // a reader deaf to ctx
	}}
	for i := 2; i < len(srcs); i++ {
		s := srcs[i].(source)
		s.load = func(context.Context) { started.Add(1) }
		srcs[i] = s
	}
	var got []string
	err := Runner{Concurrency: 1}.Load(ctx, srcs, func(r Result) error {
		got = append(got, r.Name)
		return nil
	})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
	if !slices.Equal(got, []string{"in0.txt"}) || started.Load() != 0 {
		t.Errorf("used %q, started %d more after the cancel", got, started.Load())
	}
}
