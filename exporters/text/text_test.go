package text

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/rivo/uniseg"

	"github.com/dossier-news/dossier/exporters"
	"github.com/dossier-news/dossier/exporters/exportertest"
	"github.com/dossier-news/dossier/pipeline"
)

var update = flag.Bool("update", false, "rewrite golden files")

func TestConformance(t *testing.T) {
	exportertest.Run(t, New(Options{}), exportertest.Options{
		Text: func(t *testing.T, out []byte) string { return string(out) },
	})
}

func TestWrap(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		width int
	}{
		{"latin", "The five alleged spies had been gathering information about the Azerbaijani military, including its drones.", 30},
		{"combining marks take no cell", strings.Repeat("e\u0301te\u0301 ", 20), 20},
		{"wide characters take two cells", strings.Repeat("東京都 大阪府 ", 12), 20},
		{"persian stays in logical order", "بختیار آقازاده نیز برای تحصیلات دینی به ایران رفته و در ازای دریافت پول با جمهوری اسلامی همکاری کرده است.", 30},
		{"long word stands alone", "see https://example.com/" + strings.Repeat("a", 60) + " now", 30},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			lines := wrap(tc.in, tc.width)
			joined := strings.Join(lines, "")
			if strings.Join(strings.Fields(joined), "") != strings.Join(strings.Fields(tc.in), "") {
				t.Fatalf("wrap lost or reordered text:\n got %q\nwant %q", joined, tc.in)
			}
			for _, l := range lines {
				if w := uniseg.StringWidth(l); w > tc.width && len(strings.Fields(l)) > 1 {
					t.Errorf("line %q is %d cells wide, limit %d", l, w, tc.width)
				}
			}
			if len(lines) < 2 {
				t.Errorf("want several lines, got %q", lines)
			}
		})
	}
}

func TestWidthOption(t *testing.T) {
	d := exportertest.English()
	var buf bytes.Buffer
	if err := New(Options{Width: 40}).Export(context.Background(), &buf, exportertest.Briefing("w", d)); err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(buf.String(), "\n") {
		if w := uniseg.StringWidth(l); w > 40 && len(strings.Fields(l)) > 1 {
			t.Errorf("line wider than 40 cells: %q", l)
		}
	}
}

func TestGolden(t *testing.T) {
	b := exportertest.Briefing("Azerbaijan: alleged Iranian spy network", exportertest.English(), exportertest.Persian())
	b.Index = exportertest.Index()
	b.Language = "en" // a Persian article translated, shown in an English briefing
	b.Documents[1].Meta.Original = &pipeline.Original{Language: "en", Title: "Original title", Engine: "apertium"}
	b.Documents[1].Trail = []pipeline.Provenance{{Ref: pipeline.Ref{Block: 1}, Engine: "apertium", From: "en", To: "fa", Flags: []pipeline.Flag{pipeline.NewFlag(pipeline.FlagNameLost, "WhatsApp")}}}
	for name, br := range map[string]*exporters.Briefing{
		"single": exportertest.Briefing("", exportertest.English()),
		"batch":  b,
	} {
		var buf bytes.Buffer
		if err := New(Options{}).Export(context.Background(), &buf, br); err != nil {
			t.Fatal(err)
		}
		golden := filepath.Join("testdata", name+".golden.txt")
		if *update {
			if err := os.MkdirAll("testdata", 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test -update)", err)
		}
		if !bytes.Equal(buf.Bytes(), want) {
			t.Errorf("%s differs from %s:\n%s", name, golden, buf.String())
		}
	}
}

func TestIndexKeepsSpellingsWhole(t *testing.T) {
	var variants []pipeline.Variant
	for _, v := range []string{"Zahir Askarov", "Zahir Əsgərov", "Захир Аскеров", "ظاهر عسگراف", "Zahir Asgarov", "Zakhir Askerov", "Z. Askarov", "ظاهر عسکروف"} {
		variants = append(variants, pipeline.Variant{Text: v, Count: 12})
	}
	b := exportertest.Briefing("index", exportertest.English())
	b.Index = &pipeline.Index{Entities: []pipeline.Entity{{ID: "z", Canonical: "Zahir Askarov", Kind: "person", Variants: variants}}}
	var buf bytes.Buffer
	if err := New(Options{Width: 50}).Export(context.Background(), &buf, b); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, v := range variants {
		if !strings.Contains(out, v.Text+" ×12") {
			t.Errorf("spelling %q is broken over lines:\n%s", v.Text, out)
		}
	}
	for _, l := range strings.Split(out, "\n") {
		if w := uniseg.StringWidth(l); w > 50 {
			t.Errorf("line wider than 50 cells: %q", l)
		}
	}
}

// TestSourceLineIsSafe: a file name is untrusted; escape sequences, bidi
// overrides and invalid UTF-8 in it must not reach the text file raw.
func TestSourceLineIsSafe(t *testing.T) {
	d := exportertest.English()
	d.Meta.Source = "a\x1b]0;owned\x07\u202eb\xff.txt"
	var buf bytes.Buffer
	if err := New(Options{}).Export(context.Background(), &buf, exportertest.Briefing("", d)); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if !utf8.ValidString(out) {
		t.Fatal("output is not valid UTF-8")
	}
	if strings.ContainsAny(out, "\x1b\x07\u202e") {
		t.Fatalf("raw control characters in output:\n%q", out)
	}
	if want := `<a\x1b]0;owned\x07\u202eb` + "\uFFFD" + `.txt>`; !strings.Contains(out, want) {
		t.Fatalf("Source line lacks %q:\n%s", want, out)
	}
}
