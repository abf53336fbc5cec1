package ingest_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/dossier-news/dossier/pipeline"
	"github.com/dossier-news/dossier/pipeline/clean"
	"github.com/dossier-news/dossier/pipeline/ingest"
)

// FuzzIngest feeds arbitrary bytes through decoding, kind detection and the
// readers: ingest may reject input but never panics, and every text it
// accepts is valid NFC UTF-8 without bidi overrides.
func FuzzIngest(f *testing.F) {
	files, _ := filepath.Glob("../../testdata/articles/*.txt")
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("<html><body><h1>T</h1><p>" + string(bytes.Repeat([]byte("word "), 60)) + "</p></body></html>"))
	f.Add([]byte(`{"meta":{"title":"t"},"blocks":[{"kind":"paragraph","text":"x"}]}`))
	f.Add([]byte("\xef\xbb\xbfTitle\n\nNovember 22, 2022\n\nA\u202e body line long enough to be a paragraph of an article, it says.\n"))
	cleaner := clean.New(nil) // language detection is slow under coverage and not what is fuzzed
	in := &ingest.Ingester{Text: cleaner.Text, HTML: cleaner.HTML}
	f.Fuzz(func(t *testing.T, b []byte) {
		in.Stdin = bytes.NewReader(b)
		srcs, _ := ingest.Expand([]string{"-"})
		doc, err := in.Load(context.Background(), srcs[0])
		if err != nil {
			return
		}
		check := func(where, s string) {
			if !utf8.ValidString(s) || !norm.NFC.IsNormalString(s) {
				t.Fatalf("%s: accepted text is not valid NFC UTF-8: %q", where, s)
			}
			for _, r := range s {
				if r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 {
					t.Fatalf("%s: bidi control %U survived", where, r)
				}
			}
		}
		check("title", doc.Meta.Title)
		doc.Units(func(r pipeline.Ref, s *string) { check("body", *s) })
	})
}

// FuzzJSON feeds arbitrary JSON-like text through the bounds scan and the
// model decoder: it may be rejected but never panics, nothing past the
// bounds gets through, and every document read passes Validate.
func FuzzJSON(f *testing.F) {
	f.Add(`{"meta":{"title":"t"},"blocks":[{"kind":"paragraph","text":"x"}]}`)
	f.Add(`{"meta":{"title":"a\"b\\"},"blocks":[{"kind":"list","items":["x","y"]}],"mentions":[{"block":0,"item":1,"start":0,"end":1,"text":"y"}]}` + "\n" + `{"meta":{},"blocks":[]}`)
	f.Add(`{"meta": oops}`)
	f.Add(`{"meta":{"title":"t"},"blocks":[],"x":[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]}`)
	f.Add(`{"meta":{"title":"\u202e\u0000x"},"blocks":[{"kind":"quote","text":"e\u0301"}]}`)
	lim := ingest.Limits{Blocks: 8, Links: 8, Depth: 8, String: 64}
	f.Fuzz(func(t *testing.T, s string) {
		in := &ingest.Ingester{Text: noReader, HTML: noReader, Limits: lim, Stdin: strings.NewReader(s)}
		srcs, _ := ingest.Expand([]string{"-"})
		docs, _ := in.LoadAll(context.Background(), srcs[0])
		for _, doc := range docs {
			if err := ingest.Validate(doc); err != nil {
				t.Fatalf("accepted an invalid document: %v", err)
			}
			if len(doc.Blocks) > lim.Blocks {
				t.Fatalf("%d blocks past a limit of %d", len(doc.Blocks), lim.Blocks)
			}
			doc.Units(func(_ pipeline.Ref, s *string) {
				if len(*s) > 4*lim.String {
					t.Fatalf("a string of %d bytes past a limit of %d", len(*s), lim.String)
				}
			})
		}
	})
}

func noReader(context.Context, string, string) (*pipeline.Document, error) {
	return nil, pipeline.ErrNoBody
}
