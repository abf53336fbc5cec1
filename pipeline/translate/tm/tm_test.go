package tm_test

import (
	"bytes"
	"cmp"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"

	"golang.org/x/text/language"

	"github.com/dossier-news/dossier/pipeline"
	"github.com/dossier-news/dossier/pipeline/translate"
	"github.com/dossier-news/dossier/pipeline/translate/cache"
	"github.com/dossier-news/dossier/pipeline/translate/tm"
)

// shouter "translates" by ending every word but the protected names with
// an "o" ("met" → "meto"), keeps the names (in their As form when set),
// and counts what it is sent.
type shouter struct {
	mu    sync.Mutex
	calls int
	segs  int
}

func (s *shouter) Capabilities() translate.Capabilities {
	return translate.Capabilities{Engine: "shout", Model: "v1", Protect: translate.ProtectIgnoreTags}
}

func (s *shouter) Translate(_ context.Context, _, _ language.Tag, segs []translate.Segment) ([]translate.Segment, error) {
	s.mu.Lock()
	s.calls++
	s.segs += len(segs)
	s.mu.Unlock()
	out := make([]translate.Segment, len(segs))
	for i, seg := range segs {
		var sb strings.Builder
		last := 0
		for _, k := range seg.Keep {
			sb.WriteString(oWords(seg.Text[last:k.Start]))
			// Engines keep a name as it stands unless told its form.
			sb.WriteString(cmp.Or(k.As, seg.Text[k.Start:k.End]))
			last = k.End
		}
		sb.WriteString(oWords(seg.Text[last:]))
		out[i] = translate.Segment{Text: sb.String()}
	}
	return out, nil
}

// oWords ends every word of s with an "o".
func oWords(s string) string {
	var sb strings.Builder
	inWord := false
	for _, r := range s {
		isLetter := unicode.IsLetter(r)
		if inWord && !isLetter {
			sb.WriteByte('o')
		}
		inWord = isLetter
		sb.WriteRune(r)
	}
	if inWord {
		sb.WriteByte('o')
	}
	return sb.String()
}

func (s *shouter) requests() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls
}

// mention marks name in block b of doc, read as canonical.
func mention(t *testing.T, doc *pipeline.Document, b int, name, canonical string) {
	t.Helper()
	i := strings.Index(doc.Blocks[b].Text, name)
	if i < 0 {
		t.Fatalf("%q not in block %d", name, b)
	}
	doc.Mentions = append(doc.Mentions, pipeline.Mention{
		Ref: pipeline.Ref{Block: b}, Start: i, End: i + len(name), Text: name, Canonical: canonical, Kind: "person",
	})
}

// batch returns two articles with names, one known by its surname alone
// (read as the full name in the translation), and text that needs
// escaping in XML.
func batch(t *testing.T) []*pipeline.Document {
	a := &pipeline.Document{
		Meta: pipeline.Meta{Title: "Merkel and Sánchez meet", Language: "en", Source: "berlin.html"},
		Blocks: []pipeline.Block{
			{Kind: pipeline.Paragraph, Text: "Angela Merkel met Pedro Sánchez in Berlin. The talks lasted two hours."},
			{Kind: pipeline.Paragraph, Text: `Scholz said "no deal" & left <early>.`},
		},
	}
	mention(t, a, 0, "Angela Merkel", "Angela Merkel")
	mention(t, a, 0, "Pedro Sánchez", "Pedro Sánchez")
	mention(t, a, 1, "Scholz", "Olaf Scholz")
	b := &pipeline.Document{
		Meta: pipeline.Meta{Title: "Trade talks end", Language: "en", Source: "trade.html"},
		Blocks: []pipeline.Block{
			{Kind: pipeline.Paragraph, Text: "The talks lasted two hours. Ursula von der Leyen spoke last."},
		},
	}
	mention(t, b, 0, "Ursula von der Leyen", "Ursula von der Leyen")
	return []*pipeline.Document{a, b}
}

func openMemory(t *testing.T) *cache.Store {
	t.Helper()
	s, err := cache.Open(t.TempDir(), 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func newStage(t *testing.T, tr translate.Translator, mem translate.Cache) *translate.Stage {
	t.Helper()
	st, err := translate.NewStage(tr, translate.Options{To: "es", Cache: mem, Now: func() time.Time {
		return time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)
	}})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// translated returns the memory after one run over batch.
func translated(t *testing.T) (*cache.Store, []*pipeline.Document) {
	t.Helper()
	mem := openMemory(t)
	docs := batch(t)
	if err := newStage(t, &shouter{}, mem).ApplyBatch(context.Background(), docs); err != nil {
		t.Fatal(err)
	}
	return mem, docs
}

// entries returns the memory's entries by key.
func entries(t *testing.T, mem tm.Memory) map[string]translate.Entry {
	t.Helper()
	out := map[string]translate.Entry{}
	err := mem.Range(func(k string, v []byte) error {
		e, err := translate.DecodeEntry(v)
		if err != nil {
			return err
		}
		out[k] = e
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// content is an entry as a translator sees it, what a CAT tool must
// keep: the pair, both texts, and where the names stand in the source.
// How dossier classed each name (Keep.Kind) is its own business, which
// another tool does not carry.
type content struct {
	From, To, Source, Text string
	Names                  [][2]int
}

func contents(m map[string]translate.Entry) []content {
	var out []content
	for _, e := range m {
		c := content{From: canonicalTag(e.From), To: canonicalTag(e.To), Source: e.Source, Text: e.Text}
		for _, k := range e.Keep {
			c.Names = append(c.Names, [2]int{k.Start, k.End})
		}
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Source < out[j].Source })
	return out
}

func canonicalTag(s string) string { return language.Make(s).String() }

func exportTMX(t *testing.T, mem tm.Memory) []byte {
	t.Helper()
	var buf bytes.Buffer
	r, err := tm.ExportTMX(context.Background(), &buf, mem, tm.ExportOptions{From: "en", To: "es", Tool: tm.Tool{Version: "test"},
		Now: time.Date(2026, 12, 7, 13, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if r.Written == 0 {
		t.Fatal("nothing exported")
	}
	return buf.Bytes()
}

// TestTMXRoundTrip: a memory exported and imported into an empty one
// holds the same entries under the same keys, and exports the same file.
func TestTMXRoundTrip(t *testing.T) {
	mem, _ := translated(t)
	// One entry as if a glossary applied, which is part of its key.
	for k, e := range entries(t, mem) {
		if strings.HasPrefix(e.Source, "Trade") {
			e.Glossary = "g1"
			b, _ := e.Encode()
			mem.Put(e.Key(), b)
			if e.Key() == k {
				t.Fatal("the glossary is not part of the key")
			}
			break
		}
	}
	// One reviewed entry too, whose mark must survive; it replaces the
	// engine's, which is left out.
	superseded := ""
	for k, e := range entries(t, mem) {
		if strings.HasPrefix(e.Source, "Angela") {
			e.Text, e.Reviewed = "Angela Merkel se reunió con Pedro Sánchez en Berlín.", true
			b, _ := e.Encode()
			mem.Put(e.Key(), b)
			superseded = k
			break
		}
	}
	want := entries(t, mem)
	delete(want, superseded)
	file := exportTMX(t, mem)

	back := openMemory(t)
	r, err := tm.ImportTMX(context.Background(), bytes.NewReader(file), back, tm.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if r.Machine+r.Reviewed != len(want) || r.Reviewed != 1 {
		t.Errorf("import: %+v, want %d entries, 1 reviewed", r, len(want))
	}
	got := entries(t, back)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("round trip changed the memory:\n got %+v\nwant %+v", got, want)
	}
	if again := exportTMX(t, back); !bytes.Equal(again, file) {
		t.Errorf("second export differs:\n%s\nfirst:\n%s", again, file)
	}
}

// TestTMXValid: the export is valid TMX 1.4b, checked by xmllint against
// the DTD OmegaT ships (the test extracts it; it is not ours to commit).
func TestTMXValid(t *testing.T) {
	xmllint := need(t, "xmllint")
	dtd := omegatDTD(t)
	mem, _ := translated(t)
	path := filepath.Join(t.TempDir(), "memory.tmx")
	if err := os.WriteFile(path, exportTMX(t, mem), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(xmllint, "--noout", "--nonet", "--dtdvalid", dtd, path).CombinedOutput()
	if err != nil {
		t.Fatalf("xmllint: %v\n%s", err, out)
	}
}

// need returns the path of a program the test runs: a test that cannot
// find it is skipped, except under CI, where it fails.
func need(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is not installed: scripts/install-deps.sh installs it", name)
		}
		t.Skipf("%s is not installed (scripts/install-deps.sh)", name)
	}
	return p
}
